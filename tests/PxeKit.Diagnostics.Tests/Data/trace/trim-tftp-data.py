#!/usr/bin/env python3
"""Copies a classic pcap (Ethernet, IPv4), cutting the captured bytes of every TFTP DATA packet to its
4-byte header, so a capture of a kernel download stays small; the original lengths stay in the records."""
import struct
import sys

src, dst = sys.argv[1], sys.argv[2]
with open(src, "rb") as f:
    data = f.read()
magic = data[:4]
endian = "<" if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1") else ">"
out = bytearray(data[:24])
at = 24
while at + 16 <= len(data):
    sec, frac, incl, orig = struct.unpack(endian + "IIII", data[at:at + 16])
    frame = data[at + 16:at + 16 + incl]
    at += 16 + incl
    keep = incl
    if len(frame) >= 14 + 20 + 8 + 4 and frame[12:14] == b"\x08\x00" and frame[14 + 9] == 17:
        ihl = (frame[14] & 0x0F) * 4
        udp = 14 + ihl
        if frame[udp + 8:udp + 10] == b"\x00\x03":
            keep = min(incl, udp + 8 + 4)
    out += struct.pack(endian + "IIII", sec, frac, keep, orig) + frame[:keep]
with open(dst, "wb") as f:
    f.write(out)
