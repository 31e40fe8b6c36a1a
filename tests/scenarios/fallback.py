#!/usr/bin/env python3
"""Media transport fallback peers (UDP, then TCP, then TLS on 443).

  fallback.py client --to HOST [--udp-port 5004] [--tcp-port 5004]
                     [--tls-port 443] [--udp-count 5] [--udp-wait 1.0]
      1. UDP: sends --udp-count RTP packets (PCMA, 20 ms apart) from
         local port 5004 to HOST:5004 and waits --udp-wait seconds for
         anything back.
      2. TCP: connects to HOST:5004 (RTP over TCP, RFC 4571 framing).
      3. TLS: connects to HOST:443, completes a TLS handshake and sends the
         same RTP packets, RFC 4571 framed, reading each one back.
      Each step is taken only when the one before it failed.

  fallback.py server --cert FILE --key FILE [--port 443] [--duration S]
      TLS relay stand-in: accepts one connection, echoes what it reads
      until the peer closes, then exits.

Exit status of the client: 0 when media got through on some transport,
2 when every transport failed.
"""

import argparse
import errno
import socket
import ssl
import struct
import sys
import time

SSRC = 0x5CF10A02


def rtp_packets(count):
    pkts = []
    for n in range(count):
        hdr = struct.pack("!BBHII", 0x80, (0x80 if n == 0 else 0) | 8,
                          2000 + n, 16000 + 160 * n, SSRC)
        pkts.append(hdr + b"\xd5" * 160)    # PCMA silence, 20 ms
    return pkts


def framed(pkt):
    return struct.pack("!H", len(pkt)) + pkt


def recv_exact(sock, n):
    buf = b""
    while len(buf) < n:
        chunk = sock.recv(n - len(buf))
        if not chunk:
            raise ConnectionError("closed")
        buf += chunk
    return buf


def log(t0, text):
    print("%6.3f %s" % (time.monotonic() - t0, text), flush=True)


def try_udp(args, t0):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("0.0.0.0", args.udp_port))
    s.connect((args.to, args.udp_port))
    for pkt in rtp_packets(args.udp_count):
        s.send(pkt)
        time.sleep(0.02)
    log(t0, "UDP: sent %d RTP packets to %s:%d"
        % (args.udp_count, args.to, args.udp_port))
    s.settimeout(args.udp_wait)
    try:
        s.recv(2048)
        log(t0, "UDP: media came back")
        return True
    except socket.timeout:
        log(t0, "UDP: nothing back within %.1f s" % args.udp_wait)
    except ConnectionRefusedError:
        log(t0, "UDP: ICMP port unreachable")
    finally:
        s.close()
    return False


def try_tcp(args, t0):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.settimeout(3.0)
    try:
        s.connect((args.to, args.tcp_port))
    except (OSError, socket.timeout) as e:
        why = "timed out" if isinstance(e, socket.timeout) else \
            errno.errorcode.get(e.errno, str(e))
        log(t0, "TCP: connect to %s:%d failed: %s"
            % (args.to, args.tcp_port, why))
        return False
    log(t0, "TCP: connected to %s:%d" % (args.to, args.tcp_port))
    s.close()
    return True


def try_tls(args, t0):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE      # the test relay is self-signed
    raw = socket.create_connection((args.to, args.tls_port), timeout=3.0)
    with ctx.wrap_socket(raw, server_hostname=args.sni) as s:
        log(t0, "TLS: %s with %s:%d (%s)"
            % (s.version(), args.to, args.tls_port, s.cipher()[0]))
        for pkt in rtp_packets(args.tls_count):
            s.sendall(framed(pkt))
            (length,) = struct.unpack("!H", recv_exact(s, 2))
            recv_exact(s, length)
            time.sleep(0.02)
        log(t0, "TLS: %d RTP packets relayed" % args.tls_count)
        s.unwrap()                       # close_notify both ways
    return True


def cmd_client(args):
    t0 = time.monotonic()
    for step in (try_udp, try_tcp, try_tls):
        if step(args, t0):
            return 0
    return 2


def cmd_server(args):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(args.cert, args.key)
    ctx.num_tickets = 0                  # no session tickets after handshake
    ls = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind((args.bind, args.port))
    ls.listen(1)
    ls.settimeout(args.duration)
    print("TLS relay on %s:%d" % (args.bind, args.port), flush=True)
    try:
        conn, peer = ls.accept()
    except socket.timeout:
        print("no connection")
        return 2
    conn.settimeout(args.duration)
    with ctx.wrap_socket(conn, server_side=True) as s:
        total = 0
        while True:
            data = s.recv(4096)
            if not data:
                break
            s.sendall(data)
            total += len(data)
        raw = s.unwrap()
        # Close only after the client's FIN: the client closes first.
        raw.settimeout(2.0)
        try:
            raw.recv(1)
        except OSError:
            pass
    print("relayed %d bytes for %s:%d" % ((total,) + peer))
    return 0


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("client")
    c.add_argument("--to", required=True)
    c.add_argument("--udp-port", type=int, default=5004)
    c.add_argument("--tcp-port", type=int, default=5004)
    c.add_argument("--tls-port", type=int, default=443)
    c.add_argument("--udp-count", type=int, default=5)
    c.add_argument("--udp-wait", type=float, default=1.0)
    c.add_argument("--tls-count", type=int, default=5)
    c.add_argument("--sni", default="media.example.net")
    s = sub.add_parser("server")
    s.add_argument("--bind", default="0.0.0.0")
    s.add_argument("--port", type=int, default=443)
    s.add_argument("--cert", required=True)
    s.add_argument("--key", required=True)
    s.add_argument("--duration", type=float, default=20.0)
    args = p.parse_args()
    return cmd_client(args) if args.cmd == "client" else cmd_server(args)


if __name__ == "__main__":
    sys.exit(main())
