#!/usr/bin/env python3
"""STUN (RFC 5389) Binding peers for the diagnose scenarios.

  stun.py server [--bind ADDR] [--port 3478] [--duration S] [--log FILE]
      Answer Binding Requests with a Binding Success Response carrying
      XOR-MAPPED-ADDRESS, SOFTWARE and FINGERPRINT.  Stops after S seconds
      and writes the number of requests it saw to FILE.

  stun.py client --to HOST[:3478] [--rto 0.5] [--rc 5] [--final-wait S]
      Send one Binding Request transaction over UDP, retransmitted as in
      RFC 5389 section 7.2.1: the first retransmission after RTO, each
      next one after twice the previous wait (0, 0.5, 1.5, 3.5, 7.5 s ...),
      up to Rc requests in total, all with the same transaction ID.  After
      the last request the client waits S seconds (RFC 5389: Rm * RTO) and
      gives up.

Exit status of the client: 0 on a success response, 2 on timeout.
"""

import argparse
import os
import socket
import struct
import sys
import time
import zlib

MAGIC = 0x2112A442
BINDING_REQUEST = 0x0001
BINDING_SUCCESS = 0x0101
ATTR_XOR_MAPPED_ADDRESS = 0x0020
ATTR_SOFTWARE = 0x8022
ATTR_FINGERPRINT = 0x8028
FINGERPRINT_XOR = 0x5354554E


def attr(kind, value):
    pad = (4 - len(value) % 4) % 4
    return struct.pack("!HH", kind, len(value)) + value + b"\x00" * pad


def message(kind, txid, attrs, fingerprint=True):
    body = b"".join(attrs)
    if fingerprint:
        # FINGERPRINT covers the message up to it, with the length field
        # already counting the FINGERPRINT attribute (RFC 5389 15.5).
        hdr = struct.pack("!HHI", kind, len(body) + 8, MAGIC) + txid
        crc = (zlib.crc32(hdr + body) & 0xFFFFFFFF) ^ FINGERPRINT_XOR
        body += attr(ATTR_FINGERPRINT, struct.pack("!I", crc))
    return struct.pack("!HHI", kind, len(body), MAGIC) + txid + body


def parse(data):
    if len(data) < 20:
        return None
    kind, length, magic = struct.unpack("!HHI", data[:8])
    if magic != MAGIC or kind & 0xC000 or len(data) != 20 + length:
        return None
    return kind, data[8:20]


def xor_mapped_address(ip, port):
    xport = port ^ (MAGIC >> 16)
    xip = struct.unpack("!I", socket.inet_aton(ip))[0] ^ MAGIC
    return attr(ATTR_XOR_MAPPED_ADDRESS,
                struct.pack("!BBHI", 0, 0x01, xport, xip))


def cmd_server(args):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((args.bind, args.port))
    deadline = time.monotonic() + args.duration
    seen = 0
    print("STUN server on %s:%d" % (args.bind, args.port), flush=True)
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            break
        s.settimeout(left)
        try:
            data, peer = s.recvfrom(2048)
        except socket.timeout:
            break
        msg = parse(data)
        if not msg or msg[0] != BINDING_REQUEST:
            continue
        seen += 1
        reply = message(BINDING_SUCCESS, msg[1], [
            xor_mapped_address(*peer),
            attr(ATTR_SOFTWARE, b"vcf-stun"),
        ])
        s.sendto(reply, peer)
        print("Binding request from %s:%d answered" % peer, flush=True)
    if args.log:
        with open(args.log, "w") as f:
            f.write("%d\n" % seen)
    print("requests seen: %d" % seen)
    return 0


def cmd_client(args):
    host, _, port = args.to.partition(":")
    port = int(port) if port else 3478
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind((args.bind, args.port))
    s.connect((host, port))
    txid = bytes.fromhex(args.txid) if args.txid else os.urandom(12)
    req = message(BINDING_REQUEST, txid, [attr(ATTR_SOFTWARE, b"vcf-stun")])
    t0 = time.monotonic()
    wait = args.rto
    for n in range(1, args.rc + 1):
        s.send(req)
        print("%6.3f Binding request #%d txid=%s -> %s:%d"
              % (time.monotonic() - t0, n, txid.hex(), host, port),
              flush=True)
        timeout = wait if n < args.rc else args.final_wait
        end = time.monotonic() + timeout
        while True:
            left = end - time.monotonic()
            if left <= 0:
                break
            s.settimeout(left)
            try:
                data = s.recv(2048)
            except socket.timeout:
                break
            except ConnectionRefusedError:
                print("ICMP port unreachable")
                return 2
            msg = parse(data)
            if msg and msg[1] == txid and msg[0] == BINDING_SUCCESS:
                print("Binding success after %.3f s"
                      % (time.monotonic() - t0))
                return 0
        wait *= 2
    print("%6.3f transaction timed out after %d requests"
          % (time.monotonic() - t0, args.rc))
    return 2


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="cmd", required=True)
    sv = sub.add_parser("server")
    sv.add_argument("--bind", default="0.0.0.0")
    sv.add_argument("--port", type=int, default=3478)
    sv.add_argument("--duration", type=float, default=30.0)
    sv.add_argument("--log")
    cl = sub.add_parser("client")
    cl.add_argument("--to", required=True)
    cl.add_argument("--bind", default="0.0.0.0")
    cl.add_argument("--port", type=int, default=0)
    cl.add_argument("--rto", type=float, default=0.5)
    cl.add_argument("--rc", type=int, default=7)
    cl.add_argument("--final-wait", type=float, default=8.0)
    cl.add_argument("--txid", help="24 hex digits (default: random)")
    args = p.parse_args()
    return cmd_server(args) if args.cmd == "server" else cmd_client(args)


if __name__ == "__main__":
    sys.exit(main())
