#!/usr/bin/env python3
"""Write an RTP audio stream into a pcap file for sipp's play_pcap_audio.

  rtpgen.py OUT.pcap --ssrc HEX [--seq N] [--ts N] [--count 150]
            [--tone HZ] [--ptime 20]

The stream is G.711 A-law (RTP payload type 8, RFC 3551), one packet per
ptime milliseconds, 8000 samples/s, carrying a sine tone.  The first
packet has the marker bit set (start of a talkspurt).  Addresses and
ports in the file are placeholders: sipp sends the RTP payload from the
media port it announced in SDP to the address and port the peer
announced.
"""

import argparse
import math
import struct
import sys


def alaw(sample):
    """16-bit linear PCM to G.711 A-law (ITU-T G.711, table 1a)."""
    sign = 0x80 if sample >= 0 else 0x00
    if sample < 0:
        sample = -sample - 1
    sample >>= 3                     # 13-bit magnitude
    if sample > 0xFFF:
        sample = 0xFFF
    if sample < 32:
        code = sample >> 1
    else:
        seg = sample.bit_length() - 5
        code = (seg << 4) | ((sample >> seg) & 0x0F)
    return (code | sign) ^ 0x55


def ip_checksum(hdr):
    s = sum(struct.unpack("!10H", hdr))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("out")
    p.add_argument("--ssrc", required=True, help="hex")
    p.add_argument("--seq", type=int, default=1000)
    p.add_argument("--ts", type=int, default=160000)
    p.add_argument("--count", type=int, default=150)
    p.add_argument("--tone", type=float, default=440.0)
    p.add_argument("--ptime", type=int, default=20)
    args = p.parse_args()

    ssrc = int(args.ssrc, 16)
    spp = 8 * args.ptime                          # samples per packet
    out = open(args.out, "wb")
    out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    for n in range(args.count):
        payload = bytes(
            alaw(int(8000 * math.sin(2 * math.pi * args.tone * (n * spp + i)
                                     / 8000)))
            for i in range(spp))
        rtp = struct.pack("!BBHII", 0x80, (0x80 if n == 0 else 0) | 8,
                          (args.seq + n) & 0xFFFF,
                          (args.ts + n * spp) & 0xFFFFFFFF, ssrc) + payload
        udp = struct.pack("!HHHH", 6000, 6000, 8 + len(rtp), 0) + rtp
        iph = struct.pack("!BBHHHBBH4s4s", 0x45, 0xB8, 20 + len(udp), n, 0,
                          64, 17, 0, bytes([192, 0, 2, 1]),
                          bytes([192, 0, 2, 2]))
        iph = iph[:10] + struct.pack("!H", ip_checksum(iph)) + iph[12:]
        frame = b"\x02\x00\x00\x00\x00\x02\x02\x00\x00\x00\x00\x01\x08\x00" \
            + iph + udp
        usec = n * args.ptime * 1000
        out.write(struct.pack("<IIII", usec // 1000000, usec % 1000000,
                              len(frame), len(frame)))
        out.write(frame)
    out.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
