#!/usr/bin/env python3
"""Hostile traffic for the reliability tests, sent from the client namespace to the server.
  pxr-flood.py dhcp-rate MAC COUNT          COUNT DISCOVERs from one MAC as fast as possible
  pxr-flood.py dhcp-garbage COUNT           malformed DHCP datagrams, oversized ones and a huge option 82
  pxr-flood.py tftp-hostile COUNT SECRET    COUNT bogus TFTP requests (garbage, path tricks, bad options,
                                            WRQ); prints a JSON summary, with whether SECRET ever came back
  pxr-flood.py tftp-held COUNT SOURCE FILE  COUNT read requests for FILE from SOURCE, each from its own port,
                                            with timeout 255 and blksize 65464, as fast as the kernel takes
                                            them, never acknowledged (the test drops what comes back)
Every loop is bounded by COUNT; every wait by a short socket timeout."""
import json, os, random, socket, struct, sys, time

SERVER = "10.49.0.1"
random.seed(6)

def discover(mac, xid, options=b""):
    header = struct.pack("!BBBBIHH4s4s4s4s16s64s128s", 1, 1, 6, 0, xid, 0, 0x8000, b"\0" * 4, b"\0" * 4,
                         b"\0" * 4, b"\0" * 4, bytes.fromhex(mac.replace(":", "")) + b"\0" * 10, b"\0" * 64, b"\0" * 128)
    return header + bytes([99, 130, 83, 99, 53, 1, 1]) + options + b"\xff"

def dhcp_socket():
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)
    return s

def dhcp_rate(mac, count):
    s = dhcp_socket()
    for i in range(count):
        s.sendto(discover(mac, 0x5000 + i), (SERVER, 67))
    print(json.dumps({"sent": count}))

def dhcp_garbage(count):
    s = dhcp_socket()
    kinds = {}
    for i in range(count):
        k = i % 6
        if k == 0:
            data = os.urandom(random.randint(0, 600))
        elif k == 1:
            data = discover("52:54:00:66:00:01", i)[: random.randint(1, 250)]          # truncated
        elif k == 2:
            d = bytearray(discover("52:54:00:66:00:02", i)); d[241] = 200; data = bytes(d)  # option length past the end
        elif k == 3:
            data = os.urandom(4000)                                                      # larger than the receive buffer
        elif k == 4:
            relay = b"".join(bytes([82, 255]) + os.urandom(255) for _ in range(10))      # option 82 of 2550 bytes, echoed
            data = discover("52:54:00:66:00:%02x" % (i % 4), i, relay)
        else:
            d = bytearray(discover("52:54:00:66:00:03", i)); d[2] = 99; data = bytes(d)  # hlen > 16
        kinds[k] = kinds.get(k, 0) + 1
        s.sendto(data, (SERVER, 67))
        if i % 50 == 0:
            time.sleep(0.005)
    print(json.dumps({"sent": count, "kinds": kinds}))

TRICKS = [
    "../secret.txt", "../../etc/passwd", "/../secret.txt", "..\\secret.txt", "a/../../secret.txt", "./../secret.txt",
    "....//secret.txt", "..%2fsecret.txt", "%2e%2e/secret.txt", "/etc/passwd", "//etc/passwd", "\\etc\\passwd",
    "sub/../../secret.txt", "sub/./../../secret.txt", "..", ".", "/", "sub", "sub/", "link-out", "link-out/x",
    "image.bin\0../secret.txt", "image.bin/..", "image.bin/../../secret.txt", "\x01\x02", "a\nb", "\x7f",
    "\xff\xfe", "CON", "con:", "/proc/self/environ", "/dev/zero", "../" * 40 + "etc/passwd", "x" * 600,
    "\u00e9t\u00e9", "..;/secret.txt", "sub/..\\..\\secret.txt",
]

def rrq(name, mode=b"octet", options=(), opcode=1):
    body = name if isinstance(name, bytes) else name.encode("latin-1", "replace")
    packet = struct.pack("!H", opcode) + body + b"\0" + mode + b"\0"
    for key, value in options:
        packet += key + b"\0" + value + b"\0"
    return packet

def tftp_hostile(count, secret):
    sent = answered = data_for_tricks = errors = 0
    leaked = False
    kinds = {}
    for i in range(count):
        k = i % 8
        if k == 0:
            packet = rrq(TRICKS[(i // 8) % len(TRICKS)]); kind = "path trick"
        elif k == 1:
            packet = os.urandom(random.randint(0, 700)); kind = "garbage"
        elif k == 2:
            packet = rrq(random.choice(["image.bin", "missing-%d" % i]), options=[(b"blksize", random.choice([b"0", b"7", b"65465", b"99999999999", b"-1", b"abc", b""]))]); kind = "bad blksize"
        elif k == 3:
            packet = rrq("image.bin", options=[(b"timeout", random.choice([b"0", b"256", b"-5", b"99999999999999999999", b"x"]))]); kind = "bad timeout"
        elif k == 4:
            packet = rrq("upload-%d.bin" % i, opcode=2); kind = "WRQ, writes off"
        elif k == 5:
            packet = rrq("missing-%d.bin" % i); kind = "missing file"
        elif k == 6:
            packet = rrq("image.bin", mode=random.choice([b"mail", b"", b"OCTETX"])); kind = "bad mode"
        else:
            packet = bytes([0, random.choice([3, 4, 5, 6, 9])]) + os.urandom(random.randint(0, 40)); kind = "stray opcode"
        kinds[kind] = kinds.get(kind, 0) + 1
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        s.settimeout(0.05 if k == 0 else 0.002)
        s.sendto(packet, (SERVER, 69))
        sent += 1
        try:
            reply, _ = s.recvfrom(70000)
            answered += 1
            opcode = struct.unpack("!H", reply[:2])[0] if len(reply) >= 2 else 0
            if opcode == 5:
                errors += 1
            if k == 0 and opcode in (3, 6):
                data_for_tricks += 1
            if secret.encode() in reply:
                leaked = True
            if opcode == 3:
                s.sendto(struct.pack("!HH", 5, 0) + b"stop\0", _)   # end any transfer we started
        except socket.timeout:
            pass
        s.close()
    print(json.dumps({"sent": sent, "answered": answered, "errors": errors, "data_for_path_tricks": data_for_tricks,
                      "secret_leaked": leaked, "tricks": len(TRICKS), "kinds": kinds}))

def tftp_held(count, source, name):
    packet = rrq(name, options=[(b"timeout", b"255"), (b"blksize", b"65464")])
    started = time.monotonic()
    sent = 0
    for i in range(count):
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        s.bind((source, 10000 + i % 50000))
        try:
            s.sendto(packet, (SERVER, 69))
            sent += 1
        except BlockingIOError:
            pass
        s.close()
    print(json.dumps({"sent": sent, "seconds": round(time.monotonic() - started, 2)}))

if __name__ == "__main__":
    command = sys.argv[1]
    if command == "dhcp-rate":
        dhcp_rate(sys.argv[2], int(sys.argv[3]))
    elif command == "dhcp-garbage":
        dhcp_garbage(int(sys.argv[2]))
    elif command == "tftp-hostile":
        tftp_hostile(int(sys.argv[2]), sys.argv[3])
    elif command == "tftp-held":
        tftp_held(int(sys.argv[2]), sys.argv[3], sys.argv[4])
    else:
        sys.exit("unknown command " + command)
