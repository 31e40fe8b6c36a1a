#!/usr/bin/env python3
"""Writes templates.h: the payloads of a few flows of pcapgen's captures,
which benchgen replays between its own endpoints.

usage: mktemplates.py PCAPGEN_OUTDIR > templates.h

Each flow becomes a list of messages (direction, bytes).  The endpoints the
capture used are listed too, so that benchgen can rewrite an address and
port carried inside a message (the H.245 address of a Q.931 Connect, an
SCCP media address) to the ones of the flow it writes.
"""
import struct
import sys

# (capture, transport, responder port, name)
WANTED = [
    ("h323.pcap", 17, 1719, "ras"),
    ("h323.pcap", 6, 1720, "q931"),
    ("h323.pcap", 6, 49400, "h245"),
    ("sccp.pcap", 6, 2000, "sccp"),
    ("bfcp.pcap", 17, 5070, "bfcp"),
    ("stun.pcap", 17, 3478, "stun"),
]


def packets(path):
    with open(path, "rb") as f:
        data = f.read()
    magic = struct.unpack("<I", data[:4])[0]
    end = "<" if magic in (0xA1B2C3D4, 0xA1B23C4D) else ">"
    link = struct.unpack(end + "I", data[20:24])[0]
    off = 24
    while off + 16 <= len(data):
        _, _, caplen, _ = struct.unpack(end + "IIII", data[off:off + 16])
        frame = data[off + 16:off + 16 + caplen]
        off += 16 + caplen
        if link != 1 or len(frame) < 14 + 20:
            continue
        if frame[12:14] != b"\x08\x00":
            continue
        ip = frame[14:]
        ihl = (ip[0] & 15) * 4
        total = struct.unpack(">H", ip[2:4])[0]
        proto = ip[9]
        src, dst = ip[12:16], ip[16:20]
        l4 = ip[ihl:total]
        sport, dport = struct.unpack(">HH", l4[:4])
        if proto == 17:
            payload = l4[8:]
        elif proto == 6:
            payload = l4[(l4[12] >> 4) * 4:]
        else:
            continue
        yield proto, src, sport, dst, dport, payload


def c_bytes(b):
    out = []
    for i in range(0, len(b), 12):
        out.append("\t" + " ".join("0x%02x," % x for x in b[i:i + 12]))
    return "\n".join(out)


def main():
    outdir = sys.argv[1]
    print("/* \\summary: message templates for benchgen, cut from pcapgen's "
          "captures */")
    print("/* Written by tools/bench/mktemplates.py; do not edit. */")
    print("#ifndef BENCH_TEMPLATES_H\n#define BENCH_TEMPLATES_H\n")
    print("#include <stddef.h>\n#include <stdint.h>\n")
    print("struct tmsg {\n\tint from_initiator;\n\tsize_t len;\n"
          "\tconst uint8_t *data;\n};\n")
    print("struct tflow {\n\tconst char *name;\n\tint proto;\n"
          "\tuint8_t init_ip[4], resp_ip[4];\n"
          "\tuint16_t init_port, resp_port;\n\tsize_t n;\n"
          "\tconst struct tmsg *msgs;\n};\n")
    names = []
    for cap, proto, rport, name in WANTED:
        init = None
        msgs = []
        for p, src, sp, dst, dp, pay in packets(outdir + "/" + cap):
            if p != proto:
                continue
            if init is None:
                if dp != rport:
                    continue
                init = (src, sp, dst, dp)
            if (src, sp, dst, dp) == init:
                fwd = 1
            elif (dst, dp, src, sp) == init:
                fwd = 0
            else:
                continue
            if pay:
                msgs.append((fwd, pay))
        for i, (fwd, pay) in enumerate(msgs):
            print("static const uint8_t t_%s_%d[] = {\n%s\n};" %
                  (name, i, c_bytes(pay)))
        print("static const struct tmsg t_%s_msgs[] = {" % name)
        for i, (fwd, pay) in enumerate(msgs):
            print("\t{ %d, sizeof t_%s_%d, t_%s_%d }," %
                  (fwd, name, i, name, i))
        print("};\n")
        names.append((name, proto, init, len(msgs)))
    for name, proto, init, n in names:
        src, sp, dst, dp = init
        print("static const struct tflow tf_%s = {\n\t\"%s\", %d,\n"
              "\t{ %s }, { %s },\n\t%d, %d,\n\t%d, t_%s_msgs,\n};" %
              (name, name, proto, ", ".join(str(x) for x in src),
               ", ".join(str(x) for x in dst), sp, dp, n, name))
    print("\n#endif")


main()
