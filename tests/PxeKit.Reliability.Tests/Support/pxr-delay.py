#!/usr/bin/env python3
"""Delays every packet of an NFQUEUE queue by DELAY ms plus a uniform jitter of +-JITTER ms, and gives
the verdicts in due-time order, so packets overtake each other when the jitter exceeds their spacing.
This kernel has no sch_netem; this stands in for `tc qdisc ... netem delay D J`.
Usage: pxr-delay.py QUEUE DELAY_MS JITTER_MS   (runs until SIGINT or SIGTERM; prints counts at the end)"""
import ctypes, heapq, os, random, select, signal, struct, sys, time

lib = ctypes.CDLL("libnetfilter_queue.so.1")
lib.nfq_open.restype = ctypes.c_void_p
lib.nfq_create_queue.restype = ctypes.c_void_p
lib.nfq_create_queue.argtypes = [ctypes.c_void_p, ctypes.c_uint16, ctypes.c_void_p, ctypes.c_void_p]
lib.nfq_bind_pf.argtypes = [ctypes.c_void_p, ctypes.c_uint16]
lib.nfq_set_mode.argtypes = [ctypes.c_void_p, ctypes.c_uint8, ctypes.c_uint32]
lib.nfq_fd.argtypes = [ctypes.c_void_p]
lib.nfq_handle_packet.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
lib.nfq_get_msg_packet_hdr.restype = ctypes.c_void_p
lib.nfq_get_msg_packet_hdr.argtypes = [ctypes.c_void_p]
lib.nfq_set_verdict.argtypes = [ctypes.c_void_p, ctypes.c_uint32, ctypes.c_uint32, ctypes.c_uint32, ctypes.c_void_p]

NF_ACCEPT, NFQNL_COPY_META, AF_INET = 1, 1, 2
queue, delay, jitter = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
due = []          # (time, sequence, packet id)
seen = [0, 0]     # packets queued, packets that left before one queued earlier
last_left = [0]

CALLBACK = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p)

def on_packet(qh, nfmsg, nfad, data):
    header = lib.nfq_get_msg_packet_hdr(nfad)
    packet_id = struct.unpack("!I", ctypes.string_at(header, 4))[0]
    wait = max(0.0, delay + random.uniform(-jitter, jitter)) / 1000.0
    seen[0] += 1
    heapq.heappush(due, (time.monotonic() + wait, seen[0], packet_id))
    return 0

callback = CALLBACK(on_packet)
handle = lib.nfq_open()
if not handle:
    sys.exit("pxr-delay: nfq_open failed (run as root, in the namespace)")
lib.nfq_bind_pf(handle, AF_INET)
qh = lib.nfq_create_queue(handle, queue, ctypes.cast(callback, ctypes.c_void_p), None)
if not qh:
    sys.exit(f"pxr-delay: queue {queue} is taken or unavailable")
lib.nfq_set_mode(qh, NFQNL_COPY_META, 0)
fd = lib.nfq_fd(handle)
running = [True]
signal.signal(signal.SIGINT, lambda *_: running.__setitem__(0, False))
signal.signal(signal.SIGTERM, lambda *_: running.__setitem__(0, False))
print("pxr-delay: ready", flush=True)
buffer = ctypes.create_string_buffer(65536)
while running[0]:
    timeout = max(0.0, due[0][0] - time.monotonic()) if due else 0.2
    try:
        ready, _, _ = select.select([fd], [], [], min(timeout, 0.2))
    except InterruptedError:
        continue
    if ready:
        count = ctypes.CDLL(None).recv(fd, buffer, 65536, 0)
        if count > 0:
            lib.nfq_handle_packet(handle, buffer, count)
    now = time.monotonic()
    while due and due[0][0] <= now:
        _, sequence, packet_id = heapq.heappop(due)
        if sequence < last_left[0]:
            seen[1] += 1
        last_left[0] = max(last_left[0], sequence)
        lib.nfq_set_verdict(qh, packet_id, NF_ACCEPT, 0, None)
for _, _, packet_id in due:
    lib.nfq_set_verdict(qh, packet_id, NF_ACCEPT, 0, None)
print(f"pxr-delay: {seen[0]} packets delayed, {seen[1]} reordered", flush=True)
