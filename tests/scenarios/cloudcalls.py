#!/usr/bin/env python3
"""Write pcaps/teams-like.pcap and pcaps/zoom-like.pcap: a Microsoft Teams
call and a Zoom call as a span port next to the client sees them.

  cloudcalls.py [OUTDIR]       (default: the pcaps/ folder of this tree)
  cloudcalls.py -l [OUTDIR]    also print each capture's flow table

Standard library only.  The random numbers come from random.Random with a
fixed seed per capture, so every run writes the same bytes.

teams-like.pcap (client 10.20.1.10):
  - DNS A query for teams.microsoft.com to 10.20.0.53, answer
    52.113.194.132;
  - TCP to 52.113.194.132:443: handshake, a TLS ClientHello (TLS 1.3
    offered, SNI teams.microsoft.com, ALPN h2), the ServerHello with
    ChangeCipherSpec and the encrypted rest of the server's flight, the
    client's ChangeCipherSpec and Finished, one application data record
    each way; left open, as a call's signalling connection is;
  - UDP 10.20.1.10:50020 <-> 52.115.60.11:3478 (a Teams transport relay):
    two ICE connectivity checks (STUN Binding request and success
    response, RFC 8489, with USERNAME, PRIORITY, ICE-CONTROLLING,
    MESSAGE-INTEGRITY (HMAC-SHA1) and FINGERPRINT), a DTLS 1.2 handshake
    (ClientHello; ServerHello, ServerKeyExchange, ServerHelloDone;
    ClientKeyExchange, ChangeCipherSpec, encrypted Finished;
    ChangeCipherSpec, encrypted Finished), then SRTP: Opus (PT 111),
    100 packets each way every 20 ms, and SRTCP sender reports on the same
    5-tuple (RFC 5761), and one consent check (RFC 7675) mid-call;
  - UDP 10.20.1.10:50020 -> 192.168.0.4:50005 (a peer's host candidate):
    one ICE check sent 3 times (RFC 8489 retransmissions), never answered.

zoom-like.pcap (client 10.20.2.10):
  - DNS A query for us05web.zoom.us to 10.20.0.53, answer 170.114.10.20;
  - TCP to 170.114.10.20:443 with a TLS ClientHello, SNI us05web.zoom.us,
    as above;
  - UDP 10.20.2.10:51000 <-> 170.114.52.3:8801: two STUN Binding
    exchanges, then Zoom's own media framing (first byte 0x05, the rest
    random), 100 datagrams each way every 40 ms, 60 to 1000 bytes.
"""

import hashlib
import hmac
import os
import random
import struct
import sys
import zlib

EPOCH = 1709287200          # 2024-03-01T10:00:00Z, as every capture here
NTP_OFFSET = 2208988800     # 1900-01-01 to 1970-01-01

TCP_FIN, TCP_SYN, TCP_RST, TCP_PSH, TCP_ACK = 0x01, 0x02, 0x04, 0x08, 0x10


def addr(a):
    return bytes(int(x) for x in a.split('.'))


def mac(a):
    """02:00 followed by the last four bytes of the address."""
    return b'\x02\x00' + addr(a)


def checksum(data):
    if len(data) % 2:
        data += b'\x00'
    s = sum(struct.unpack('!%dH' % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


class Capture:
    """Frames of one capture, written in time order."""

    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.records = []       # (time, order, frame, meta)
        self.ipid = {}

    def rand(self, n):
        return bytes(self.rng.getrandbits(8) for _ in range(n))

    def _ipv4(self, t, src, dst, proto, l4, df, meta):
        key = meta
        if key not in self.ipid:
            self.ipid[key] = self.rng.getrandbits(16)
        ident = self.ipid[key]
        self.ipid[key] = (ident + 1) & 0xFFFF
        total = 20 + len(l4)
        hdr = struct.pack('!BBHHHBBH4s4s', 0x45, 0, total, ident,
                          0x4000 if df else 0, 64, proto, 0, addr(src),
                          addr(dst))
        hdr = hdr[:10] + struct.pack('!H', checksum(hdr)) + hdr[12:]
        frame = mac(dst) + mac(src) + b'\x08\x00' + hdr + l4
        self.records.append((t, len(self.records), frame, meta + (total,)))

    def udp(self, t, src, sport, dst, dport, payload):
        length = 8 + len(payload)
        pseudo = struct.pack('!4s4sBBH', addr(src), addr(dst), 0, 17, length)
        hdr = struct.pack('!HHHH', sport, dport, length, 0)
        c = checksum(pseudo + hdr + payload) or 0xFFFF
        l4 = struct.pack('!HHHH', sport, dport, length, c) + payload
        self._ipv4(t, src, dst, 17, l4, False,
                   ('udp', src, sport, dst, dport))

    def tcp_segment(self, t, src, sport, dst, dport, seq, ack, flags, window,
                    payload=b'', options=b''):
        off = (20 + len(options)) // 4
        hdr = struct.pack('!HHIIBBHHH', sport, dport, seq, ack, off << 4,
                          flags, window, 0, 0) + options
        pseudo = struct.pack('!4s4sBBH', addr(src), addr(dst), 0, 6,
                             len(hdr) + len(payload))
        c = checksum(pseudo + hdr + payload)
        hdr = hdr[:16] + struct.pack('!H', c) + hdr[18:]
        self._ipv4(t, src, dst, 6, hdr + payload, True,
                   ('tcp', src, sport, dst, dport))

    def write(self, path):
        self.records.sort(key=lambda r: (r[0], r[1]))
        with open(path, 'wb') as fh:
            fh.write(struct.pack('<IHHiIII', 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
            for t, _, frame, _ in self.records:
                usec_total = round(t * 1e6)
                sec, usec = divmod(usec_total, 1000000)
                fh.write(struct.pack('<IIII', EPOCH + sec, usec, len(frame),
                                     len(frame)))
                fh.write(frame)

    def flow_table(self):
        """The flows as the generator wrote them: initiator = first sender."""
        flows = {}
        order = []
        for t, _, _, meta in sorted(self.records, key=lambda r: (r[0], r[1])):
            proto, src, sport, dst, dport, iplen = meta
            fwd_key = (proto, src, sport, dst, dport)
            rev_key = (proto, dst, dport, src, sport)
            if fwd_key in flows:
                f, d = flows[fwd_key], 'fwd'
            elif rev_key in flows:
                f, d = flows[rev_key], 'rev'
            else:
                f = flows[fwd_key] = {'key': fwd_key, 'fwd': [0, 0],
                                      'rev': [0, 0], 'first': t}
                order.append(fwd_key)
                d = 'fwd'
            f[d][0] += 1
            f[d][1] += iplen
            f['last'] = t
        return [flows[k] for k in order]


class TcpConnection:
    """One TCP connection: the handshake, then data segments; every segment
    after the SYN acknowledges all the other side has sent."""

    def __init__(self, cap, client, cport, server, sport):
        self.cap = cap
        self.ends = {True: (client, cport), False: (server, sport)}
        self.nxt = {True: cap.rng.getrandbits(32), False: cap.rng.getrandbits(32)}
        self.window = {True: 64240, False: 65160}

    def send(self, t, from_client, flags, payload=b'', options=b''):
        (src, sp), (dst, dp) = self.ends[from_client], self.ends[not from_client]
        seq = self.nxt[from_client]
        ack = self.nxt[not from_client] if flags & TCP_ACK else 0
        self.cap.tcp_segment(t, src, sp, dst, dp, seq, ack, flags,
                             self.window[from_client], payload, options)
        grow = len(payload) + (1 if flags & (TCP_SYN | TCP_FIN) else 0)
        self.nxt[from_client] = (seq + grow) & 0xFFFFFFFF

    def handshake(self, t, rtt):
        syn_opts = b'\x02\x04\x05\xb4\x01\x01\x04\x02'   # MSS 1460, NOP, NOP, SACK-permitted
        self.send(t, True, TCP_SYN, options=syn_opts)
        self.send(t + rtt, False, TCP_SYN | TCP_ACK, options=syn_opts)
        self.send(t + rtt + 0.0001, True, TCP_ACK)

    def data(self, t, from_client, payload):
        self.send(t, from_client, TCP_PSH | TCP_ACK, payload)

    def ack(self, t, from_client):
        self.send(t, from_client, TCP_ACK)


# ---- DNS ----

def dns_name(name):
    return b''.join(bytes([len(p)]) + p.encode() for p in name.split('.')) + b'\x00'


def dns_query(ident, name):
    return struct.pack('!HHHHHH', ident, 0x0100, 1, 0, 0, 0) + \
        dns_name(name) + struct.pack('!HH', 1, 1)


def dns_answer(ident, name, a, ttl):
    return struct.pack('!HHHHHH', ident, 0x8180, 1, 1, 0, 0) + \
        dns_name(name) + struct.pack('!HH', 1, 1) + \
        struct.pack('!HHHIH4s', 0xC00C, 1, 1, ttl, 4, addr(a))


# ---- TLS ----

def ext(kind, body):
    return struct.pack('!HH', kind, len(body)) + body


def vec8(b):
    return bytes([len(b)]) + b


def vec16(b):
    return struct.pack('!H', len(b)) + b


def u24(n):
    return struct.pack('!I', n)[1:]


def tls_client_hello(rng_bytes, sni, alpn):
    suites = [0x1301, 0x1302, 0x1303, 0xC02B, 0xC02F, 0xC02C, 0xC030,
              0xCCA9, 0xCCA8, 0xC013, 0xC014, 0x009C, 0x009D, 0x002F, 0x0035]
    name = sni.encode()
    exts = b''.join([
        ext(0x0000, vec16(b'\x00' + vec16(name))),             # server_name
        ext(0x0017, b''),                                       # extended_master_secret
        ext(0xFF01, b'\x00'),                                   # renegotiation_info
        ext(0x000A, vec16(struct.pack('!HHH', 0x001D, 0x0017, 0x0018))),
        ext(0x000B, vec8(b'\x00')),                             # ec_point_formats
        ext(0x0023, b''),                                       # session_ticket
        ext(0x0010, vec16(b''.join(vec8(p.encode()) for p in alpn))),
        ext(0x0005, b'\x01\x00\x00\x00\x00'),                   # status_request
        ext(0x000D, vec16(struct.pack('!8H', 0x0403, 0x0804, 0x0401, 0x0503,
                                      0x0805, 0x0501, 0x0806, 0x0601))),
        ext(0x0033, vec16(struct.pack('!HH', 0x001D, 32) + rng_bytes(32))),
        ext(0x002D, vec8(b'\x01')),                             # psk_dhe_ke
        ext(0x002B, vec8(struct.pack('!HH', 0x0304, 0x0303))),  # supported_versions
    ])
    body = (b'\x03\x03' + rng_bytes(32) + vec8(rng_bytes(32)) +
            vec16(b''.join(struct.pack('!H', s) for s in suites)) +
            vec8(b'\x00') + vec16(exts))
    hs = b'\x01' + u24(len(body)) + body
    return b'\x16\x03\x01' + vec16(hs)


def tls13_server_flight(rng_bytes, session_id, encrypted_len):
    exts = ext(0x002B, struct.pack('!H', 0x0304)) + \
        ext(0x0033, struct.pack('!HH', 0x001D, 32) + rng_bytes(32))
    body = (b'\x03\x03' + rng_bytes(32) + vec8(session_id) +
            struct.pack('!H', 0x1301) + b'\x00' + vec16(exts))
    hs = b'\x02' + u24(len(body)) + body
    return (b'\x16\x03\x03' + vec16(hs) + b'\x14\x03\x03\x00\x01\x01' +
            b'\x17\x03\x03' + vec16(rng_bytes(encrypted_len)))


def tls_app_data(rng_bytes, n):
    return b'\x17\x03\x03' + vec16(rng_bytes(n))


def tls_session(cap, t, client, cport, server, sni):
    """Handshake, ClientHello, server flight, client Finished, one
    application data record each way.  Returns the connection."""
    rb = cap.rand
    c = TcpConnection(cap, client, cport, server, 443)
    c.handshake(t, 0.025)
    hello = tls_client_hello(rb, sni, ['h2', 'http/1.1'])
    c.data(t + 0.0253, True, hello)
    session_id = hello[5 + 4 + 2 + 32 + 1:5 + 4 + 2 + 32 + 1 + 32]
    c.data(t + 0.0510, False, tls13_server_flight(rb, session_id, 1150))
    c.ack(t + 0.0511, True)
    c.data(t + 0.0520, True, b'\x14\x03\x03\x00\x01\x01' + tls_app_data(rb, 53))
    c.data(t + 0.0522, True, tls_app_data(rb, 412))
    c.data(t + 0.0790, False, tls_app_data(rb, 903))
    c.ack(t + 0.0791, True)
    return c


# ---- STUN (RFC 8489) ----

STUN_MAGIC = 0x2112A442
BINDING_REQUEST, BINDING_SUCCESS = 0x0001, 0x0101


def stun_attr(kind, value):
    pad = (4 - len(value) % 4) % 4
    return struct.pack('!HH', kind, len(value)) + value + b'\x00' * pad


def stun_message(kind, txid, attrs, key=None):
    """MESSAGE-INTEGRITY (when key is given) over the message up to it with
    the length counting it; FINGERPRINT last, over all before it."""
    body = b''.join(attrs)
    if key is not None:
        hdr = struct.pack('!HHI', kind, len(body) + 24, STUN_MAGIC) + txid
        body += stun_attr(0x0008, hmac.new(key, hdr + body,
                                           hashlib.sha1).digest())
    hdr = struct.pack('!HHI', kind, len(body) + 8, STUN_MAGIC) + txid
    crc = (zlib.crc32(hdr + body) ^ 0x5354554E) & 0xFFFFFFFF
    body += stun_attr(0x8028, struct.pack('!I', crc))
    return struct.pack('!HHI', kind, len(body), STUN_MAGIC) + txid + body


def xor_mapped(a, port):
    x = struct.unpack('!I', addr(a))[0] ^ STUN_MAGIC
    return stun_attr(0x0020, struct.pack('!BBHI', 0, 1, port ^ 0x2112, x))


def ice_check(txid, username, priority, tiebreaker, key, use_candidate):
    attrs = [stun_attr(0x0006, username.encode()),
             stun_attr(0x0024, struct.pack('!I', priority)),
             stun_attr(0x802A, struct.pack('!Q', tiebreaker))]
    if use_candidate:
        attrs.append(stun_attr(0x0025, b''))
    return stun_message(BINDING_REQUEST, txid, attrs, key)


def ice_answer(txid, mapped, mport, key):
    return stun_message(BINDING_SUCCESS, txid, [xor_mapped(mapped, mport)], key)


# ---- DTLS 1.2 (RFC 6347) ----

def dtls_record(ctype, epoch, seq, body):
    return struct.pack('!BHH', ctype, 0xFEFD, epoch) + seq.to_bytes(6, 'big') + \
        vec16(body)


def dtls_handshake(msg_type, msg_seq, body):
    return bytes([msg_type]) + u24(len(body)) + struct.pack('!H', msg_seq) + \
        u24(0) + u24(len(body)) + body


def dtls_client_hello(rb):
    suites = [0xC02B, 0xC02F, 0xCCA9, 0xCCA8, 0xC00A, 0xC009, 0xC013, 0xC014]
    exts = b''.join([
        ext(0x0017, b''),
        ext(0xFF01, b'\x00'),
        ext(0x000A, vec16(struct.pack('!HHH', 0x001D, 0x0017, 0x0018))),
        ext(0x000B, vec8(b'\x00')),
        ext(0x0023, b''),
        ext(0x000D, vec16(struct.pack('!6H', 0x0403, 0x0804, 0x0401, 0x0503,
                                      0x0805, 0x0501))),
        # use_srtp: AES128_CM_HMAC_SHA1_80, _32, AEAD_AES_128_GCM; no MKI
        ext(0x000E, vec16(struct.pack('!HHH', 0x0001, 0x0002, 0x0007)) + b'\x00'),
    ])
    body = (b'\xfe\xfd' + rb(32) + vec8(b'') + vec8(b'') +
            vec16(b''.join(struct.pack('!H', s) for s in suites)) +
            vec8(b'\x00') + vec16(exts))
    return dtls_handshake(1, 0, body)


def dtls_server_hello(rb):
    exts = b''.join([
        ext(0x0017, b''),
        ext(0xFF01, b'\x00'),
        ext(0x000B, vec8(b'\x00')),
        ext(0x000E, vec16(struct.pack('!H', 0x0001)) + b'\x00'),
    ])
    body = (b'\xfe\xfd' + rb(32) + vec8(rb(32)) + struct.pack('!H', 0xC02B) +
            b'\x00' + vec16(exts))
    return dtls_handshake(2, 0, body)


def dtls_server_key_exchange(rb):
    # ECDHE on x25519, then an ECDSA-SHA256 signature (an ASN.1 SEQUENCE of
    # two INTEGERs, here random bytes of the right shape)
    r, s = b'\x00' + rb(32), rb(32)
    sig = b'\x30' + bytes([4 + len(r) + len(s)]) + \
        b'\x02' + vec8(r) + b'\x02' + vec8(s)
    body = b'\x03' + struct.pack('!H', 0x001D) + vec8(rb(32)) + \
        struct.pack('!H', 0x0403) + vec16(sig)
    return dtls_handshake(12, 1, body)


# ---- RTP / RTCP ----

def rtp_packet(rb, rng, marker, pt, seq, ts, ssrc):
    hdr = struct.pack('!BBHII', 0x80, (marker << 7) | pt, seq, ts, ssrc)
    return hdr + rb(rng.randint(80, 120)) + rb(10)     # SRTP: payload, auth tag


def ntp(t):
    whole = EPOCH + NTP_OFFSET + int(t)
    frac = int((t - int(t)) * (1 << 32))
    return whole, frac


def srtcp_sr(rb, t, ssrc, rtp_ts, pkts, octets, peer_ssrc, peer_ext_seq,
             cname, index):
    """SR with one report block and SDES CNAME, as SRTCP with the E flag
    clear (the compound in the clear, then index and a 10-byte auth tag)."""
    hi, lo = ntp(t)
    rb_blk = struct.pack('!IIIIII', peer_ssrc, 0, peer_ext_seq, 0, 0, 0)
    sr = struct.pack('!BBHIIIIII', 0x81, 200, (28 + 24) // 4 - 1, ssrc, hi, lo,
                     rtp_ts, pkts, octets) + rb_blk
    item = b'\x01' + vec8(cname.encode())
    chunk = struct.pack('!I', ssrc) + item + b'\x00'
    chunk += b'\x00' * ((4 - len(chunk) % 4) % 4)
    sdes = struct.pack('!BBH', 0x81, 202, (4 + len(chunk)) // 4 - 1) + chunk
    return sr + sdes + struct.pack('!I', index & 0x7FFFFFFF) + rb(10)


# ---- the captures ----

DNS_SERVER = '10.20.0.53'


def teams_like():
    cap = Capture(0x7EA5)
    rb, rng = cap.rand, cap.rng
    client, relay, peer_host = '10.20.1.10', '52.115.60.11', '192.168.0.4'
    signalling = '52.113.194.132'

    ident = 0x51A7
    cap.udp(0.0, client, 58231, DNS_SERVER, 53,
            dns_query(ident, 'teams.microsoft.com'))
    cap.udp(0.0121, DNS_SERVER, 53, client, 58231,
            dns_answer(ident, 'teams.microsoft.com', signalling, 300))

    tls_session(cap, 0.020, client, 50110, signalling, 'teams.microsoft.com')

    cport, rport = 50020, 3478
    local_pwd = b'Tq8sX2vLk9PzR4mWc7YhN3bD'     # the relay side's ICE password
    username = 'rEl4y:cL1e'
    tiebreak = rng.getrandbits(64)

    def check(t, use_candidate, rtt):
        txid = rb(12)
        cap.udp(t, client, cport, relay, rport,
                ice_check(txid, username, 0x6E7F1EFF, tiebreak, local_pwd,
                          use_candidate))
        cap.udp(t + rtt, relay, rport, client, cport,
                ice_answer(txid, '203.0.113.45', 61020, local_pwd))

    check(1.000, False, 0.0302)
    check(1.060, True, 0.0301)

    # the peer's host candidate: one check, retransmitted at +0.5 and +1.5 s
    txid = rb(12)
    lost = ice_check(txid, 'pE3r:cL1e', 0x7E7F00FF, tiebreak,
                     b'Hs5dW8nQ2rT6yU1iO4pA7sDf', False)
    for dt in (0.0, 0.5, 1.5):
        cap.udp(1.001 + dt, client, cport, peer_host, 50005, lost)

    # DTLS 1.2 handshake
    ch = dtls_record(22, 0, 0, dtls_client_hello(rb))
    cap.udp(1.100, client, cport, relay, rport, ch)
    flight = (dtls_record(22, 0, 0, dtls_server_hello(rb)) +
              dtls_record(22, 0, 1, dtls_server_key_exchange(rb)) +
              dtls_record(22, 0, 2, dtls_handshake(14, 2, b'')))
    cap.udp(1.1302, relay, rport, client, cport, flight)
    cke = dtls_handshake(16, 1, vec8(rb(32)))
    fin_c = (dtls_record(22, 0, 1, cke) + dtls_record(20, 0, 2, b'\x01') +
             dtls_record(22, 1, 0, rb(48)))
    cap.udp(1.1350, client, cport, relay, rport, fin_c)
    fin_s = dtls_record(20, 0, 3, b'\x01') + dtls_record(22, 1, 0, rb(48))
    cap.udp(1.1652, relay, rport, client, cport, fin_s)

    # SRTP, Opus 48 kHz, 20 ms: 100 packets each way
    streams = {
        True: {'ssrc': 0x3C1A7E05, 'seq': rng.getrandbits(16),
               'ts': rng.getrandbits(32), 'start': 1.200,
               'cname': 'q7GmZ3vB1xKc9LsT'},
        False: {'ssrc': 0x5B0D92E4, 'seq': rng.getrandbits(16),
                'ts': rng.getrandbits(32), 'start': 1.2073,
                'cname': 'H2wNf8pRt6YdA0eU'},
    }
    sent = {True: [0, 0], False: [0, 0]}
    srtcp_index = {True: 1, False: 1}
    for i in range(100):
        for from_client in (True, False):
            s = streams[from_client]
            t = s['start'] + i * 0.020
            seq = (s['seq'] + i) & 0xFFFF
            ts = (s['ts'] + i * 960) & 0xFFFFFFFF
            pkt = rtp_packet(rb, rng, 1 if i == 0 else 0, 111, seq, ts,
                             s['ssrc'])
            src, sp, dst, dp = ((client, cport, relay, rport) if from_client
                                else (relay, rport, client, cport))
            cap.udp(t, src, sp, dst, dp, pkt)
            sent[from_client][0] += 1
            sent[from_client][1] += len(pkt) - 12 - 10
            if i in (24, 74):
                peer = streams[not from_client]
                sr = srtcp_sr(rb, t + 0.005, s['ssrc'], ts,
                              sent[from_client][0], sent[from_client][1],
                              peer['ssrc'], peer['seq'] + i, s['cname'],
                              srtcp_index[from_client])
                srtcp_index[from_client] += 1
                cap.udp(t + 0.005, src, sp, dst, dp, sr)
    # consent freshness (RFC 7675) mid-call
    check(2.2105, False, 0.0300)
    return cap


def zoom_like():
    cap = Capture(0x200C)
    rb, rng = cap.rand, cap.rng
    client, media = '10.20.2.10', '170.114.52.3'
    web = '170.114.10.20'

    ident = 0x2E61
    cap.udp(0.0, client, 61533, DNS_SERVER, 53,
            dns_query(ident, 'us05web.zoom.us'))
    cap.udp(0.0104, DNS_SERVER, 53, client, 61533,
            dns_answer(ident, 'us05web.zoom.us', web, 60))

    tls_session(cap, 0.020, client, 50214, web, 'us05web.zoom.us')

    cport, mport = 51000, 8801
    for t in (1.000, 1.050):
        txid = rb(12)
        cap.udp(t, client, cport, media, mport,
                stun_message(BINDING_REQUEST, txid, []))
        cap.udp(t + 0.0251, media, mport, client, cport,
                stun_message(BINDING_SUCCESS, txid,
                             [xor_mapped('203.0.113.46', 62101)]))

    for i in range(100):
        for from_client, start in ((True, 1.100), (False, 1.1131)):
            t = start + i * 0.040
            payload = b'\x05' + rb(rng.randint(60, 1000) - 1)
            if from_client:
                cap.udp(t, client, cport, media, mport, payload)
            else:
                cap.udp(t, media, mport, client, cport, payload)
    return cap


CAPTURES = (('teams-like.pcap', teams_like), ('zoom-like.pcap', zoom_like))


def main(argv):
    listing = '-l' in argv
    args = [a for a in argv if a != '-l']
    outdir = args[0] if args else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), '..', '..', 'pcaps')
    for name, build in CAPTURES:
        cap = build()
        cap.write(os.path.join(outdir, name))
        if listing:
            print(f'{name}: {len(cap.records)} packets')
            for n, f in enumerate(cap.flow_table(), 1):
                proto, src, sp, dst, dp = f['key']
                print(f'| {n} | {proto.upper()} | {src}:{sp} | {dst}:{dp} | '
                      f'{f["fwd"][0]} | {f["rev"][0]} | {f["fwd"][1]} | '
                      f'{f["rev"][1]} | {f["first"]:.6f}-{f["last"]:.6f} |')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
