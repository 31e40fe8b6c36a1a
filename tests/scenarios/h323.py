#!/usr/bin/env python3
"""H.323 peers for the diagnose scenarios (standard library only).

  h323.py grq   --to HOST[:1719] [--tries N] [--interval S]
      Send an H.225.0 RAS GatekeeperRequest (GRQ) to a gatekeeper and wait
      for GCF/GRJ; a GRQ is resent up to N times.  ICMP port unreachable
      (ECONNREFUSED on the connected socket) and silence are both reported.

  h323.py setup --to HOST[:1720] [--timeout S]
      Open the H.225.0 call signalling channel (TCP 1720) and, if it
      connects, send a TPKT-framed Q.931 SETUP whose User-user IE carries
      an H323-UserInformation (Setup-UUIE).

  h323.py dump {grq|setup}
      Print the encoded message in hex (for checking against a decoder).

Encoding: ITU-T X.691 ALIGNED PER, H.225.0 (protocolIdentifier
0.0.8.2250.0.4, version 4), Q.931 / H.225.0 clause 7, TPKT RFC 1006.
Exit status: 0 when the peer answered, 2 when it did not (refused, reset,
unreachable or timed out), 1 on usage errors.
"""

import argparse
import errno
import socket
import struct
import sys
import time

H225_V4 = (0, 0, 8, 2250, 0, 4)


class PerWriter:
    """Bit writer for the ALIGNED variant of PER (X.691)."""

    def __init__(self):
        self.bits = []

    def bit(self, b):
        self.bits.append(1 if b else 0)

    def uint(self, value, nbits):
        for i in range(nbits - 1, -1, -1):
            self.bits.append((value >> i) & 1)

    def align(self):
        while len(self.bits) % 8:
            self.bits.append(0)

    def octets(self, data):
        self.align()
        for byte in data:
            self.uint(byte, 8)

    def to_bytes(self):
        self.align()
        if not self.bits:  # an empty encoding is one zero octet (X.691 11.1)
            return b"\x00"
        out = bytearray()
        for i in range(0, len(self.bits), 8):
            v = 0
            for b in self.bits[i:i + 8]:
                v = (v << 1) | b
            out.append(v)
        return bytes(out)

    # --- X.691 building blocks -------------------------------------------
    def constrained(self, value, lb, ub):
        """Constrained whole number (10.5), ALIGNED variant."""
        rng = ub - lb + 1
        v = value - lb
        if not 0 <= v < rng:
            raise ValueError("value %d outside %d..%d" % (value, lb, ub))
        if rng == 1:
            return
        if rng <= 255:
            self.uint(v, (rng - 1).bit_length())
        elif rng == 256:
            self.align()
            self.uint(v, 8)
        elif rng <= 65536:
            self.align()
            self.uint(v, 16)
        else:
            nbytes = max(1, (v.bit_length() + 7) // 8)
            maxbytes = ((rng - 1).bit_length() + 7) // 8
            self.uint(nbytes - 1, (maxbytes - 1).bit_length())
            self.align()
            self.uint(v, 8 * nbytes)

    def length(self, n):
        """Unconstrained length determinant (10.9.3.6), n < 16384."""
        self.align()
        if n < 128:
            self.uint(n, 8)
        else:
            self.uint(0x8000 | n, 16)

    def small_number(self, n):
        """Normally small non-negative whole number (10.6)."""
        if n < 64:
            self.bit(0)
            self.uint(n, 6)
        else:
            raise ValueError("not small")

    def choice(self, index, nroot, extensible=True):
        if extensible:
            self.bit(0)
        self.constrained(index, 0, nroot - 1)

    def oid(self, arcs):
        body = bytearray([arcs[0] * 40 + arcs[1]])
        for arc in arcs[2:]:
            chunk = [arc & 0x7F]
            arc >>= 7
            while arc:
                chunk.append(0x80 | (arc & 0x7F))
                arc >>= 7
            body.extend(reversed(chunk))
        self.length(len(body))
        self.octets(body)

    def octet_string(self, data, lb, ub):
        if lb == ub:
            if lb > 2:
                self.octets(data)
            else:
                for byte in data:
                    self.uint(byte, 8)
            return
        self.constrained(len(data), lb, ub)
        self.octets(data)

    def bmp_string(self, text, lb, ub):
        self.constrained(len(text), lb, ub)
        if ub * 16 > 16:
            self.align()
        for ch in text:
            self.uint(ord(ch), 16)

    def open_type(self, encoding):
        self.length(len(encoding))
        self.octets(encoding)

    def extensions(self, additions):
        """Extension additions of a SEQUENCE: list of encodings or None."""
        self.small_number(len(additions) - 1)
        for a in additions:
            self.bit(a is not None)
        for a in additions:
            if a is not None:
                self.open_type(a)


def enc(fn, *args):
    w = PerWriter()
    fn(w, *args)
    return w.to_bytes()


def boolean(w, value):
    w.bit(value)


# --- H.225.0 types ---------------------------------------------------------
def transport_address(w, ip, port):
    w.choice(0, 7)                      # ipAddress
    w.octet_string(socket.inet_aton(ip), 4, 4)
    w.constrained(port, 0, 65535)


def alias_h323_id(w, name):
    w.choice(1, 2)                      # h323-ID
    w.bmp_string(name, 1, 256)


def alias_list(w, names):
    w.length(len(names))
    for n in names:
        alias_h323_id(w, n)


def vendor_identifier(w):
    w.bit(0)                            # no extensions
    w.bit(1)                            # productId present
    w.bit(1)                            # versionId present
    w.bit(0)                            # H221NonStandard: no extensions
    w.constrained(181, 0, 255)          # t35CountryCode (United States)
    w.constrained(0, 0, 255)            # t35Extension
    w.constrained(0x5CF1, 0, 65535)     # manufacturerCode (test value)
    w.octet_string(b"vcf-endpoint", 1, 256)
    w.octet_string(b"4.0", 1, 256)


def endpoint_type(w):
    w.bit(0)                            # no extensions
    # nonStandardData vendor gatekeeper gateway mcu terminal
    for present in (0, 1, 0, 0, 0, 1):
        w.bit(present)
    vendor_identifier(w)
    w.bit(0)                            # TerminalInfo: no extensions
    w.bit(0)                            # TerminalInfo: no nonStandardData
    w.bit(0)                            # mc
    w.bit(0)                            # undefinedNode


def call_identifier(w, guid):
    w.bit(0)
    w.octet_string(guid, 16, 16)


def gatekeeper_request(seqnum, ras_ip, ras_port, alias):
    w = PerWriter()
    w.choice(0, 25)                     # RasMessage: gatekeeperRequest
    w.bit(0)                            # GRQ: no extension additions
    # nonStandardData gatekeeperIdentifier callServices endpointAlias
    for present in (0, 0, 0, 1):
        w.bit(present)
    w.constrained(seqnum, 1, 65535)     # requestSeqNum
    w.oid(H225_V4)                      # protocolIdentifier
    transport_address(w, ras_ip, ras_port)   # rasAddress
    endpoint_type(w)                    # endpointType
    alias_list(w, [alias])              # endpointAlias
    return w.to_bytes()


def h323_user_information(src_alias, dst_alias, dst_ip, dst_port,
                          src_ip, src_port, conf_id, call_id):
    w = PerWriter()
    w.bit(0)                            # H323-UserInformation: no ext.
    w.bit(0)                            # user-data absent
    # H323-UU-PDU
    w.bit(1)                            # extension additions present
    w.bit(0)                            # nonStandardData absent
    w.choice(0, 7)                      # h323-message-body: setup
    # Setup-UUIE
    w.bit(1)                            # extension additions present
    # h245Address sourceAddress destinationAddress destCallSignalAddress
    # destExtraCallInfo destExtraCRV callServices
    for present in (0, 1, 1, 1, 0, 0, 0):
        w.bit(present)
    w.oid(H225_V4)                      # protocolIdentifier
    alias_list(w, [src_alias])          # sourceAddress
    endpoint_type(w)                    # sourceInfo
    alias_list(w, [dst_alias])          # destinationAddress
    transport_address(w, dst_ip, dst_port)   # destCallSignalAddress
    w.bit(0)                            # activeMC
    w.octet_string(conf_id, 16, 16)     # conferenceID
    w.choice(0, 3)                      # conferenceGoal: create
    w.choice(0, 4)                      # callType: pointToPoint
    w.extensions([
        enc(transport_address, src_ip, src_port),  # sourceCallSignalAddress
        None,                                      # remoteExtensionAddress
        enc(call_identifier, call_id),             # callIdentifier
        None, None, None, None,     # h245SecurityCapability tokens
                                    # cryptoTokens fastStart
        enc(boolean, False),                       # mediaWaitForConnect
        enc(boolean, False),                       # canOverlapSend
        None,                                      # endpointIdentifier
        enc(boolean, False),                       # multipleCalls
        enc(boolean, False),                       # maintainConnection
    ])
    # H323-UU-PDU extension additions: h4501SupplementaryService,
    # h245Tunnelling
    w.extensions([None, enc(boolean, False)])
    return w.to_bytes()


def ie(ident, body):
    return bytes([ident, len(body)]) + body


def q931_setup(call_ref, calling, called_digits, uuie):
    msg = bytearray([0x08, 0x02])                   # Q.931, CRV length 2
    msg += struct.pack("!H", call_ref & 0x7FFF)     # flag 0: originating side
    msg.append(0x05)                                # SETUP
    msg += ie(0x04, bytes([0x88, 0x90, 0xA5]))      # Bearer capability
    msg += ie(0x28, calling.encode("ascii"))        # Display
    msg += ie(0x70, bytes([0x81]) + called_digits.encode("ascii"))
    user_user = bytes([0x05]) + uuie                # X.208/X.209 coded
    msg += bytes([0x7E]) + struct.pack("!H", len(user_user)) + user_user
    return bytes(msg)


def tpkt(payload):
    return struct.pack("!BBH", 3, 0, len(payload) + 4) + payload


# Fixed identifiers keep the captures comparable between recordings.
CONF_ID = bytes.fromhex("5cf10000a1b2c3d4e5f60718293a4b5c")
CALL_ID = bytes.fromhex("5cf10001a1b2c3d4e5f60718293a4b5c")


def build_setup(src_ip, src_port, dst_ip, dst_port):
    uuie = h323_user_information("alice", "room-2000", dst_ip, dst_port,
                                 src_ip, src_port, CONF_ID, CALL_ID)
    return tpkt(q931_setup(0x0101, "Alice", "2000", uuie))


def hostport(text, default_port):
    host, _, port = text.partition(":")
    return host, int(port) if port else default_port


def cmd_grq(args):
    host, port = hostport(args.to, 1719)
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind((args.bind, args.port))
    s.connect((host, port))
    local_ip, local_port = s.getsockname()
    s.settimeout(args.interval)
    for attempt in range(1, args.tries + 1):
        pdu = gatekeeper_request(args.seqnum, local_ip, local_port, "alice")
        s.send(pdu)
        print("GRQ #%d seq=%d %s:%d -> %s:%d (%d bytes)"
              % (attempt, args.seqnum, local_ip, local_port, host, port,
                 len(pdu)), flush=True)
        try:
            reply = s.recv(2048)
        except socket.timeout:
            print("  no answer within %.1f s" % args.interval, flush=True)
            continue
        except ConnectionRefusedError:
            print("  ICMP port unreachable from %s:%d" % (host, port),
                  flush=True)
            time.sleep(args.interval)
            continue
        kind = reply[0] >> 2 if reply else -1
        print("  answer: RAS choice %d (%d bytes)" % (kind, len(reply)))
        return 0
    print("gatekeeper %s:%d did not answer %d GRQs" % (host, port, args.tries))
    return 2


def cmd_setup(args):
    host, port = hostport(args.to, 1720)
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.settimeout(args.timeout)
    t0 = time.monotonic()
    try:
        s.connect((host, port))
    except (socket.timeout, OSError) as e:
        why = "timed out" if isinstance(e, socket.timeout) else \
            errno.errorcode.get(e.errno, str(e))
        print("TCP %s:%d connect failed after %.1f s: %s"
              % (host, port, time.monotonic() - t0, why))
        return 2
    src_ip, src_port = s.getsockname()
    msg = build_setup(src_ip, src_port, host, port)
    s.sendall(msg)
    print("SETUP sent to %s:%d (%d bytes)" % (host, port, len(msg)))
    try:
        reply = s.recv(4096)
        print("answer: %d bytes" % len(reply))
    except (socket.timeout, OSError) as e:
        print("no answer: %s" % e)
    s.close()
    return 0


def cmd_dump(args):
    if args.what == "grq":
        data = gatekeeper_request(1, "10.10.1.2", 1719, "alice")
    else:
        data = build_setup("10.10.1.2", 40000, "203.0.113.20", 1720)
    print(data.hex())
    return 0


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="cmd", required=True)
    g = sub.add_parser("grq")
    g.add_argument("--to", required=True)
    g.add_argument("--bind", default="0.0.0.0")
    g.add_argument("--port", type=int, default=1719)
    g.add_argument("--tries", type=int, default=3)
    g.add_argument("--interval", type=float, default=2.0)
    g.add_argument("--seqnum", type=int, default=1)
    s = sub.add_parser("setup")
    s.add_argument("--to", required=True)
    s.add_argument("--timeout", type=float, default=10.0)
    d = sub.add_parser("dump")
    d.add_argument("what", choices=["grq", "setup"])
    args = p.parse_args()
    return {"grq": cmd_grq, "setup": cmd_setup, "dump": cmd_dump}[args.cmd](args)


if __name__ == "__main__":
    sys.exit(main())
