#!/usr/bin/env python3
"""End-to-end tests: run the vcflow binary on captures and check its output.

Usage: e2e.py TEST VCFLOW SOURCE_DIR

Each TEST is one behaviour; meson runs them one by one.  Exit 0 pass,
1 fail, 77 skip (meson's convention).
"""
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

SKIP = 77


def run(vcflow, *args, stdin=None):
    """Runs vcflow; every summary it prints must account for every frame
    it read (check_output_accounting)."""
    p = subprocess.run([vcflow, *args], capture_output=True, text=True,
                       stdin=stdin, timeout=300)
    check_output_accounting(' '.join(map(str, args)), p.stdout)
    return p.returncode, p.stdout, p.stderr


TEXT_SUMMARY = re.compile(r'^(\d+) packets read, (\d+) in flows, (\d+) not IP, '
                          r'(\d+) undecodable(?: \((.*)\))?$')
TEXT_DUPLICATES = re.compile(r'^(\d+) duplicate copies dropped')


def check_output_accounting(name, out):
    """The accounting invariant on whatever a run printed: each JSON stats
    object, and the text summary's "N packets read, ..." line, count every
    frame read exactly once (in flows, not IP, undecodable with a reason,
    or a --dedup duplicate)."""
    text = None
    dups = 0
    for line in out.splitlines():
        if line.startswith('{"type":"stats"'):
            check_accounting(name, json.loads(line))
            continue
        m = TEXT_SUMMARY.match(line)
        if m:
            text = m
            continue
        m = TEXT_DUPLICATES.match(line)
        if m:
            dups = int(m.group(1))
    if text:
        read, in_flows, not_ip, undecodable = map(int, text.groups()[:4])
        assert read == in_flows + not_ip + undecodable + dups, \
            f'{name}: {text.group(0)} ({dups} duplicates)'
        reasons = [r.split(' ', 1) for r in (text.group(5) or '').split(', ')
                   if r]
        assert sum(int(n) for n, _ in reasons) == undecodable, \
            f'{name}: {text.group(0)}'


def json_records(vcflow, capture, *extra):
    rc, out, err = run(vcflow, '-r', capture, '-F', 'json', *extra)
    if rc != 0:
        raise AssertionError(f'{capture}: exit {rc}: {err.strip()}')
    recs = [json.loads(line) for line in out.splitlines()]
    flows = [r for r in recs if r['type'] == 'flow']
    stats = [r for r in recs if r['type'] == 'stats']
    assert len(stats) == 1 and recs[-1]['type'] == 'stats', \
        f'{capture}: the stats object must come once, last'
    return flows, stats[0]


def shared_dir(src):
    d = os.environ.get('VCFLOW_SHARED', os.path.join(src, '..', 'shared'))
    return d if os.path.isdir(os.path.join(d, 'pcaps')) else None


def frames_in(capture):
    """Counts frames with tcpdump, an independent reader."""
    p = subprocess.run(['tcpdump', '-n', '-r', capture], capture_output=True,
                       text=True)
    return len(p.stdout.splitlines())


def check_accounting(name, stats):
    total = (stats['packets_in_flows'] + stats['packets_not_ip'] +
             stats['packets_undecodable'] + stats['packets_duplicate'])
    assert total == stats['packets_read'], \
        f'{name}: {stats["packets_read"]} read but {total} accounted for'
    assert stats['packets_undecodable'] == sum(stats['undecodable'].values()), \
        f'{name}: undecodable {stats["packets_undecodable"]} is not the sum' \
        f' of its reasons {stats["undecodable"]}'


# ---- tests ----

def test_shared_captures_read_whole(vcflow, src):
    """Every real capture is read to the end, every packet accounted for."""
    shared = shared_dir(src)
    if not shared:
        return SKIP
    for cap in sorted(glob.glob(os.path.join(shared, 'pcaps', '*.pcap*'))):
        flows, stats = json_records(vcflow, cap)
        check_accounting(cap, stats)
        n = frames_in(cap)
        assert stats['packets_read'] == n, \
            f'{cap}: read {stats["packets_read"]}, tcpdump sees {n}'
        in_flows = sum(f['pkts_fwd'] + f['pkts_rev'] for f in flows)
        assert in_flows == stats['packets_in_flows'], \
            f'{cap}: flows hold {in_flows}, stats say {stats["packets_in_flows"]}'
    return 0


CONFERENCING = {'sip', 'h225-ras', 'q931', 'h245', 'rtp', 'rtcp', 'bfcp',
                'stun', 'sccp'}


def parse_truth(path):
    """TRUTH.txt: {capture: [(key, {protocols}, negative)]}"""
    truth, cur, negative = {}, None, False
    with open(path) as fh:
        for line in fh:
            line = line.rstrip('\n')
            if line.startswith('## '):
                cur = line[3:].split()[0]
                negative = '(negative' in line
                truth[cur] = []
            elif line and not line.startswith('#') and cur:
                t, a, ap, b, bp, protos = line.split('\t')
                key = (t, (a, int(ap)), (b, int(bp)))
                want = set() if protos == '-' else set(protos.split(','))
                truth[cur].append((key, want, negative))
    return truth


def flow_key(f):
    ends = sorted([(f['src'], f['sport']), (f['dst'], f['dport'])])
    return (f['transport'], ends[0], ends[1])


def test_truth(vcflow, src):
    """Every flow Wireshark names is named alike; no conferencing protocol
    is claimed from the payload where Wireshark finds none, nor anywhere in
    the game, VPN and P2P captures."""
    shared = shared_dir(src)
    if not shared:
        return SKIP
    failures = []
    for folder in ('pcaps', os.path.join('pcaps', 'more')):
        truth = parse_truth(os.path.join(shared, folder, 'TRUTH.txt'))
        for cap, rows in truth.items():
            failures += truth_failures(vcflow, os.path.join(shared, folder),
                                       cap, rows)
    for fl in failures:
        print(fl)
    return 1 if failures else 0


# Flows where tshark's RTP heuristic fires on another protocol, checked the
# other way round: vcflow must not call them RTP.  imo.pcap: imo's own
# framing, where one "sequence number" (3328, 2560) carries a new SSRC and
# timestamp in nearly every packet (tshark -o rtp.heuristic_rtp:TRUE shows
# it); no RTP stream can be formed from it.
TSHARK_HEURISTIC_MISFIRES = {
    ('imo.pcap', ('udp', ('185.155.137.30', 36535), ('192.168.12.169', 49207))),
    ('imo.pcap', ('udp', ('192.168.12.169', 49207), ('93.33.47.58', 57604))),
}


def truth_failures(vcflow, folder, cap, rows):
    """What one capture's flows say against Wireshark's view of them."""
    failures = []
    flows, _ = json_records(vcflow, os.path.join(folder, cap))
    by_key, by_tunnel = {}, {}
    for f in flows:
        by_key.setdefault(flow_key(f), []).append(f)
        t = f.get('tunnel', {})
        if 'src' in t:
            ends = tuple(sorted([t['src'], t['dst']]))
            by_tunnel.setdefault(ends, []).append(f)
    for key, want, negative in rows:
        # tshark keys a tunnelled flow by its outer addresses and ports;
        # vcflow by the inner ones, with the outer in `tunnel`
        got = by_key.get(key) or by_tunnel.get((key[1][0], key[2][0]))
        if not got:
            failures.append(f'{cap}: {key}: no such flow')
            continue
        apps = {f['app'] for f in got}
        if (cap, key) in TSHARK_HEURISTIC_MISFIRES:
            if 'rtp' in apps:
                failures.append(f'{cap}: {key}: rtp where tshark\'s '
                                'heuristic misfires')
            continue
        payload_conf = {f['app'] for f in got
                        if f['confidence'] == 'payload'
                        and f['app'] in CONFERENCING}
        if negative:
            if payload_conf:
                failures.append(f'{cap}: {key}: claims {payload_conf} '
                                'from payload in a capture with no '
                                'conferencing')
        elif want:
            if not apps & want:
                failures.append(f'{cap}: {key}: {sorted(apps)}, '
                                f'Wireshark finds {sorted(want)}')
        elif payload_conf:
            failures.append(f'{cap}: {key}: claims {payload_conf} '
                            'where Wireshark finds none')
        if cap == 'http_on_sip_port.pcap':
            if not all(f['app'] == 'http' and f['unexpected'] for f in got):
                failures.append(f'{cap}: {key}: must be http, unexpected')
    return failures


def golden_cases(src):
    return sorted(glob.glob(os.path.join(src, 'tests', 'golden', '*.json')))


GOLDEN_FIELDS = ('transport', 'src', 'sport', 'dst', 'dport', 'pkts_fwd',
                 'bytes_fwd', 'pkts_rev', 'bytes_rev', 'app', 'confidence',
                 'unexpected')


def test_golden(vcflow, src):
    """The generated captures give the flows their README describes."""
    cases = golden_cases(src)
    if not cases:
        print('no golden files')
        return 1
    failures = []
    for g in cases:
        with open(g) as fh:
            spec = json.load(fh)
        cap = os.path.join(src, 'pcaps', spec['capture'])
        flows, stats = json_records(vcflow, cap, *spec.get('args', []))
        check_accounting(cap, stats)
        want = spec['flows']
        got = {flow_key(f): f for f in flows}
        if len(flows) != len(want):
            failures.append(f'{spec["capture"]}: {len(flows)} flows, '
                            f'expected {len(want)}')
        for w in want:
            f = got.get(flow_key(w))
            if not f:
                failures.append(f'{spec["capture"]}: missing {flow_key(w)}')
                continue
            for k, v in w.items():
                if k.startswith('_'):
                    continue
                if k == 'product_has':
                    if not any(v.lower() in p.lower() for p in f['product']):
                        failures.append(f'{spec["capture"]}: {flow_key(w)}: '
                                        f'product {f["product"]} lacks {v}')
                    continue
                if f.get(k) != v:
                    failures.append(f'{spec["capture"]}: {flow_key(w)}: {k}='
                                    f'{f.get(k)!r}, expected {v!r}')
        for k, v in spec.get('stats', {}).items():
            if stats.get(k) != v:
                failures.append(f'{spec["capture"]}: stats {k}={stats.get(k)}'
                                f', expected {v}')
    for fl in failures:
        print(fl)
    return 1 if failures else 0


def expect_error(vcflow, args, status, must_name, stdin=None):
    rc, out, err = run(vcflow, *args, stdin=stdin)
    lines = err.strip().splitlines()
    assert rc == status, f'{args}: exit {rc}, expected {status}: {err}'
    assert len(lines) == 1, f'{args}: error is {len(lines)} lines: {err!r}'
    assert must_name in lines[0], f'{args}: "{lines[0]}" lacks "{must_name}"'
    return out


def test_bad_inputs(vcflow, src):
    """Bad files, signatures and options: one line, the right status."""
    bad = os.path.join(src, 'pcaps', 'bad')
    with tempfile.TemporaryDirectory() as tmp:
        missing = os.path.join(tmp, 'missing.pcap')
        expect_error(vcflow, ['-r', missing], 1, missing)
        text = os.path.join(tmp, 'notes.pcap')
        with open(text, 'w') as fh:
            fh.write('this is not a capture\n')
        expect_error(vcflow, ['-r', text], 1, text)
        badsig = os.path.join(tmp, 'bad.sig')
        with open(badsig, 'w') as fh:
            fh.write('class vendor\nsource d | t | x\nrule udp 99999 | sip | a | b | in | -\n')
        expect_error(vcflow, ['--check-signatures', badsig], 1, badsig + ':3:')
        expect_error(vcflow, ['-r', text, '-S', badsig], 1, badsig + ':3:')
        os.chmod(text, 0)
        if os.geteuid() != 0:
            expect_error(vcflow, ['-r', text], 1, text)
    expect_error(vcflow, ['--frobnicate'], 2, 'vcflow')
    expect_error(vcflow, ['-F', 'xml', '-r', 'x'], 2, "'xml'")
    expect_error(vcflow, [], 2, '-r FILE')
    if os.path.isdir(bad):
        for name, must in (('truncated-header.pcap', 'truncated-header.pcap'),
                           ('not-a-capture.pcap', 'not-a-capture.pcap'),
                           ('oversized.pcap', 'oversized.pcap'),
                           ('bogus-linktype.pcap', 'link type')):
            p = os.path.join(bad, name)
            if os.path.exists(p):
                expect_error(vcflow, ['-r', p], 1, must)
        p = os.path.join(bad, 'truncated-packet.pcap')
        if os.path.exists(p):
            out = expect_error(vcflow, ['-r', p, '-F', 'json'], 1, p)
            recs = [json.loads(x) for x in out.splitlines()]
            assert any(r['type'] == 'flow' for r in recs), \
                'a capture cut mid-packet still reports the flows read'
        # Damaged packets in a sound file: read, counted, never a crash.
        for name, reason in (('zero-length.pcap', 'truncated'),
                             ('snaplen-short.pcap', 'truncated'),
                             ('backwards-time.pcap', None)):
            flows, stats = json_records(vcflow, os.path.join(bad, name))
            check_accounting(name, stats)
            if reason:
                assert stats['undecodable'][reason] > 0, name
    return 0


def test_stdin_reads_like_a_file(vcflow, src):
    """'-r -' reads the capture from standard input."""
    cap = os.path.join(src, 'pcaps', 'demo.pcap')
    with open(cap, 'rb') as fh:
        rc, out, err = run(vcflow, '-r', '-', '-F', 'json', stdin=fh)
    assert rc == 0, err
    _, stats = json_records(vcflow, cap)
    assert json.loads(out.splitlines()[-1])['packets_read'] == stats['packets_read']
    return 0


def test_json_is_contract_shaped(vcflow, src):
    """Every flow record carries the contract's fields with their types."""
    fields = {'flow_id': str, 'community_id': str, 'transport': str,
              'src': str, 'sport': int, 'dst': str, 'dport': int,
              'first_ts': str, 'last_ts': str, 'pkts_fwd': int,
              'bytes_fwd': int, 'pkts_rev': int, 'bytes_rev': int,
              'end': str, 'app': str, 'confidence': str, 'product': list,
              'unexpected': bool}
    flows, _ = json_records(vcflow, os.path.join(src, 'pcaps', 'demo.pcap'))
    assert flows
    for f in flows:
        for k, t in fields.items():
            assert isinstance(f.get(k), t), f'{k} in {f}'
        assert f['community_id'].startswith('1:')
        assert f['confidence'] in ('payload', 'signaled', 'port', 'none')
        assert f['end'] in ('eof', 'idle', 'active', 'closed', 'evicted',
                            'signal')
        assert 'function' in f and 'reason' in f
        assert (f['reason'] is None) != f['unexpected']
    return 0


def test_unexpected_only_and_save(vcflow, src):
    """--unexpected shows only flagged flows; --save-unexpected writes
    exactly their packets."""
    cap = os.path.join(src, 'pcaps', 'demo.pcap')
    flows, _ = json_records(vcflow, cap)
    flagged = [f for f in flows if f['unexpected']]
    assert flagged, 'the demo capture has unexpected traffic'
    only, _ = json_records(vcflow, cap, '--unexpected')
    assert [f['flow_id'] for f in only] == [f['flow_id'] for f in flagged]
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, 'u.pcap')
        json_records(vcflow, cap, '--save-unexpected', out)
        saved, _ = json_records(vcflow, out)
        assert sum(f['pkts_fwd'] + f['pkts_rev'] for f in saved) == \
            sum(f['pkts_fwd'] + f['pkts_rev'] for f in flagged)
    return 0


def test_write_copies_every_packet(vcflow, src):
    """-w writes every packet read, as tcpdump does."""
    cap = os.path.join(src, 'pcaps', 'demo.pcap')
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, 'all.pcap')
        _, stats = json_records(vcflow, cap, '-w', out)
        assert frames_in(out) == stats['packets_read']
    return 0


def test_csv_has_header_and_a_row_per_flow(vcflow, src):
    cap = os.path.join(src, 'pcaps', 'demo.pcap')
    flows, _ = json_records(vcflow, cap)
    rc, out, err = run(vcflow, '-r', cap, '-F', 'csv')
    assert rc == 0, err
    lines = out.splitlines()
    assert lines[0].startswith('flow_id,community_id,transport,src,sport')
    assert len(lines) == 1 + len(flows)
    return 0


def test_text_table_and_summary(vcflow, src):
    cap = os.path.join(src, 'pcaps', 'demo.pcap')
    rc, out, err = run(vcflow, '-r', cap)
    assert rc == 0, err
    assert out.startswith('  PROTO ')
    assert 'flows by app:' in out and 'packets read' in out
    assert 'legend: ! unexpected' in out
    return 0


def test_product_limits_vendor_tables(vcflow, src):
    """--product keeps only the named products' tables."""
    rc, out, err = run(vcflow, '--list-signatures', '--product', 'nothing-like-this')
    assert rc == 0, err
    assert 'SCOPIA' not in out and 'standard' in out.lower() or 'rfc' in out.lower()
    return 0


def test_bpf_filter_words(vcflow, src):
    cap = os.path.join(src, 'pcaps', 'demo.pcap')
    flows, _ = json_records(vcflow, cap, 'udp', 'port', '5060')
    assert flows and all(f['transport'] == 'udp' and 5060 in (f['sport'], f['dport'])
                         for f in flows)
    rc, _, err = run(vcflow, '-r', cap, 'port', 'nonsense')
    assert rc == 1 and 'nonsense' in err
    return 0


def test_diagnose_scenarios(vcflow, src):
    """Each recorded failure gives exactly its findings; healthy calls none."""
    spec_path = os.path.join(src, 'pcaps', 'diagnose', 'expected.json')
    if not os.path.exists(spec_path):
        print('no pcaps/diagnose/expected.json')
        return 1
    with open(spec_path) as fh:
        cases = json.load(fh)
    failures = []
    for case in cases:
        cap = os.path.join(src, 'pcaps', 'diagnose', case['capture'])
        rc, out, err = run(vcflow, 'diagnose', '-r', cap, '-F', 'json',
                           *case.get('args', []))
        if rc != 0:
            failures.append(f'{case["capture"]}: exit {rc}: {err.strip()}')
            continue
        recs = [json.loads(x) for x in out.splitlines()]
        found = [r for r in recs if r['type'] == 'finding']
        assert recs and recs[-1]['type'] == 'summary'
        got = sorted((f['kind'], f['severity']) for f in found)
        want = sorted((f['kind'], f['severity']) for f in case['findings'])
        if got != want:
            failures.append(f'{case["capture"]}: findings {got}, expected '
                            f'{want}')
            continue
        for w in case['findings']:
            for text in w.get('summary_has', []):
                if not any(f['kind'] == w['kind'] and text in f['summary']
                           for f in found):
                    failures.append(f'{case["capture"]}: no {w["kind"]} '
                                    f'summary with "{text}"')
        for k, v in case.get('summary', {}).items():
            if recs[-1].get(k) != v:
                failures.append(f'{case["capture"]}: summary {k}='
                                f'{recs[-1].get(k)!r}, expected {v!r}')
    for fl in failures:
        print(fl)
    return 1 if failures else 0


def test_diagnose_fail_on_sets_status_3(vcflow, src):
    """--fail-on makes findings an exit status scripts can use."""
    shared = shared_dir(src)
    cap = os.path.join(shared, 'pcaps', 'sip.pcap') if shared else None
    if not cap:
        return SKIP
    rc, out, _ = run(vcflow, 'diagnose', '-r', cap, '--fail-on', 'error')
    assert rc == 3, f'exit {rc}'
    rc, out, _ = run(vcflow, 'diagnose', '-r', cap, '--fail-on', 'critical')
    assert rc == 0, f'exit {rc}'
    rc, out, _ = run(vcflow, 'diagnose', '-r', cap)
    assert rc == 0 and 'failed: 403' in out
    expect_error(vcflow, ['diagnose', '-r', cap, '--fail-on', 'bad'], 2, "'bad'")
    expect_error(vcflow, ['-r', cap, '--ladder'], 2, 'diagnose')
    return 0


def test_valgrind_clean(vcflow, src):
    """memcheck finds no error and no leak on the captures, classify and
    diagnose alike, and classify with two workers."""
    if subprocess.run(['which', 'valgrind'], capture_output=True).returncode:
        print('valgrind is not installed')
        return SKIP
    caps = sorted(glob.glob(os.path.join(src, 'pcaps', '*.pcap')))
    caps += sorted(glob.glob(os.path.join(src, 'pcaps', 'diagnose', '*.pcap')))
    shared = shared_dir(src)
    if shared:
        caps += sorted(glob.glob(os.path.join(shared, 'pcaps', '*.pcap*')))
    failures = []
    for cap in caps:
        for args in (['-r', cap, '-F', 'json'], ['diagnose', '-r', cap],
                     ['-r', cap, '-F', 'json', '--workers', '2']):
            p = subprocess.run(['valgrind', '-q', '--error-exitcode=99',
                                '--leak-check=full',
                                '--errors-for-leak-kinds=definite,indirect',
                                vcflow, *args], capture_output=True,
                               text=True, timeout=600)
            if p.returncode == 99 or 'ERROR SUMMARY' in p.stderr:
                failures.append(f'{args}: {p.stderr[:2000]}')
    for fl in failures:
        print(fl)
    return 1 if failures else 0


def tcp_frames(client, server, segments):
    """Ethernet/IPv4/TCP frames of one connection: handshake, then each
    (from_client, payload) in turn.  Checksums are left zero: vcflow does
    not check them, as a span port's offloaded captures often lack them."""
    import struct
    (ca, cp), (sa, sp) = client, server
    seq = {True: 1000, False: 5000}
    frames = []

    def frame(from_client, flags, payload=b''):
        src, dst = (ca, sa) if from_client else (sa, ca)
        sport, dport = (cp, sp) if from_client else (sp, cp)
        tcp = struct.pack('>HHIIBBHHH', sport, dport, seq[from_client],
                          seq[not from_client], 5 << 4, flags, 65535, 0, 0)
        ip = struct.pack('>BBHHHBBH4s4s', 0x45, 0, 20 + len(tcp) + len(payload),
                         0, 0x4000, 64, 6, 0, bytes(map(int, src.split('.'))),
                         bytes(map(int, dst.split('.'))))
        eth = b'\x02\x00\x00\x00\x00\x01\x02\x00\x00\x00\x00\x02\x08\x00'
        frames.append(eth + ip + tcp + payload)
        seq[from_client] += len(payload) + (1 if flags & 0x03 else 0)

    frame(True, 0x02)
    frame(False, 0x12)
    frame(True, 0x10)
    for from_client, payload in segments:
        frame(from_client, 0x18, payload)
    return frames


def write_pcap(path, frames, spacing_us=1000):
    """A classic pcap of Ethernet frames, spacing_us apart."""
    import struct
    with open(path, 'wb') as fh:
        fh.write(struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
        for i, f in enumerate(frames):
            t = i * spacing_us
            fh.write(struct.pack('<IIII', 1700000000 + t // 1000000,
                                 t % 1000000, len(f), len(f)))
            fh.write(f)


def udp_frame(src, sport, dst, dport, payload):
    import struct
    udp = struct.pack('>HHHH', sport, dport, 8 + len(payload), 0) + payload
    ip = struct.pack('>BBHHHBBH4s4s', 0x45, 0, 20 + len(udp), 0, 0, 64, 17,
                     0, bytes(map(int, src.split('.'))),
                     bytes(map(int, dst.split('.'))))
    return (b'\x02\x00\x00\x00\x00\x01\x02\x00\x00\x00\x00\x02\x08\x00' +
            ip + udp)


def rtp_packet(seq, ts, ssrc, pt=0, size=160):
    import struct
    return struct.pack('>BBHII', 0x80, pt, seq, ts, ssrc) + bytes(size)


def flows_of(vcflow, frames, *extra, spacing_us=1000):
    with tempfile.TemporaryDirectory() as tmp:
        cap = os.path.join(tmp, 'made.pcap')
        write_pcap(cap, frames, spacing_us)
        flows, _ = json_records(vcflow, cap, *extra)
    return {f['dport']: f for f in flows}


def test_seed_tables_name_their_products_on_distinctive_ports(vcflow, src):
    """A port (or port and subnet) that only one vendor's table lists names
    that vendor's product, on port evidence; a port a standard row or
    several vendors list names none."""
    frames = []
    for dst, port in [('12.129.12.130', 5061), ('91.184.140.10', 2000),
                      ('198.51.100.8', 6891), ('198.51.100.11', 2010),
                      ('198.51.100.9', 1503), ('198.51.100.10', 1720)]:
        frames += tcp_frames(('10.0.0.5', 40000 + port % 1000),
                             (dst, port), [])
    for i in range(8):
        frames.append(udp_frame('10.0.0.5', 5100, '198.51.100.20', 5102,
                                rtp_packet(100 + i, 160 * i, 0x1234)))
    got = flows_of(vcflow, frames, spacing_us=20000)
    want = {5061: 'VIA3',                # its subnet, 12.129.12.128/25
            2000: 'Atea Anywhere',       # Atea's hosted subnet
            6891: 'Windows Messenger',   # file transfer, KB 903056
            2010: 'SCOPIA MCU',          # MP control, RADVISION only
            5102: 'Avaya Client SDK Communication Services Package'}
    for port, product in want.items():
        f = got[port]
        assert product in f['product'], (port, f['product'])
        assert f['product_evidence'] == 'port', (port, f)
        assert not f['unexpected'], f
    # T.120's 1503 and H.323's 1720 are standard ports several tables list
    for port in (1503, 1720):
        f = got[port]
        assert f['product'] == [] and f['product_evidence'] is None, f
        assert len(f['expected_by']) > 1, f
    return 0


def test_labels_say_their_evidence(vcflow, src):
    """product_evidence names what identified the product; a plain service
    takes the standard row's function and names no vendor; expected_by
    cites each row's signature file and line; --all-rows lists every row."""
    flows, _ = json_records(vcflow, os.path.join(src, 'pcaps', 'demo.pcap'))
    by = {(f['app'], f['dport']): f for f in flows}
    sip, dns, tls = by[('sip', 5060)], by[('dns', 53)], by[('tls', 443)]
    rtp = by[('rtp', 18000)]
    assert sip['product'] == ['Cisco IP Phone'], sip
    assert sip['product_evidence'] == 'payload', sip
    assert rtp['product_evidence'] == 'signaled', rtp
    for plain in (dns, tls):
        assert plain['product'] == [] and plain['product_evidence'] is None
        std = [e for e in plain['expected_by'] if e['vendor'] is None]
        assert std and plain['function'] == std[0]['function'], plain
        assert any(e['vendor'] for e in plain['expected_by']), plain
    for e in sip['expected_by']:
        name, line = e['signature'].rsplit(':', 1)
        assert name.endswith('.sig') and int(line) > 0, e
    allrows, _ = json_records(vcflow, os.path.join(src, 'pcaps', 'demo.pcap'),
                              '--all-rows')
    tls_all = [f for f in allrows if f['app'] == 'tls'][0]
    assert len(tls_all['expected_by']) > len(tls['expected_by']), tls_all
    out = run(vcflow, '-r', os.path.join(src, 'pcaps', 'demo.pcap'))[1]
    lines = out.splitlines()
    row = [i for i, ln in enumerate(lines) if ':53 ' in ln][0]
    dns_line = lines[row] + ' ' + lines[row + 1]  # the note's own line
    assert 'expected by ' in dns_line and 'more vendor tables' in dns_line, \
        dns_line
    return 0


def test_bytes_that_contradict_a_media_row_are_unexpected(vcflow, src):
    """A flow on a port a table gives to RTP whose bytes are not RTP is not
    explained by that table: unknown, unexpected, and the reason says so."""
    frames = [udp_frame('10.0.0.5', 41000, '198.51.100.20', 5102,
                        bytes([0x05, i]) + bytes(60)) for i in range(8)]
    f = flows_of(vcflow, frames)[5102]
    assert f['app'] == 'unknown' and f['unexpected'], f
    assert f['product'] == [], f
    assert 'udp/5102' in f['reason'] and 'not RTP' in f['reason'], f
    return 0


def test_ice_flow_is_labelled_by_its_media(vcflow, src):
    """STUN, then DTLS, then SRTP on one 5-tuple (RFC 7983): rtp, with
    every protocol it carried in apps, though the media starts late."""
    import struct
    stun = struct.pack('>HHI12s', 0x0001, 0, 0x2112A442, b'abcdefghijkl')
    # RFC 6347 sec 4.2.2: a ClientHello in one handshake record
    hello = (b'\xfe\xfd' + bytes(32) + b'\x00' + b'\x00' +
             struct.pack('>H', 2) + b'\xc0\x2b' + b'\x01\x00')
    hs = (b'\x01' + struct.pack('>I', len(hello))[1:] + struct.pack('>H', 0) +
          bytes(3) + struct.pack('>I', len(hello))[1:] + hello)
    dtls = (b'\x16\xfe\xff' + struct.pack('>H', 0) + bytes(6) +
            struct.pack('>H', len(hs)) + hs)
    a, b = ('192.0.2.10', 50020), ('198.51.100.30', 40000)
    frames = []
    for i in range(30):
        frames.append(udp_frame(a[0], a[1], b[0], b[1], stun))
    for i in range(4):
        frames.append(udp_frame(a[0], a[1], b[0], b[1], dtls))
    for i in range(10):
        frames.append(udp_frame(a[0], a[1], b[0], b[1],
                                rtp_packet(7 + i, 960 * i, 0xabcdef01, 111)))
    f = flows_of(vcflow, frames, spacing_us=20000)[40000]
    assert f['app'] == 'rtp', f
    assert {'stun', 'dtls', 'rtp'} <= set(f['apps']), f
    return 0


def test_timestamps_past_2038_and_at_1970(vcflow, src):
    """A classic pcap's 32-bit seconds are unsigned: 2^31 s is 2038, not a
    negative time, and --duration counts from there."""
    import struct
    frame = udp_frame('10.0.0.1', 1234, '10.0.0.2', 5678, b'x' * 10)
    with tempfile.TemporaryDirectory() as tmp:
        cap = os.path.join(tmp, 't.pcap')
        with open(cap, 'wb') as fh:
            fh.write(struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
            for sec in (0, 2 ** 31 + 5, 2 ** 31 + 6, 2 ** 31 + 9):
                fh.write(struct.pack('<IIII', sec, 0, len(frame), len(frame)))
                fh.write(frame)
        flows, stats = json_records(vcflow, cap)
        times = sorted((f['first_ts'], f['last_ts']) for f in flows)
        assert times == [('1970-01-01T00:00:00.000000Z',
                          '1970-01-01T00:00:00.000000Z'),
                         ('2038-01-19T03:14:13.000000Z',
                          '2038-01-19T03:14:17.000000Z')], times
        _, stats = json_records(vcflow, cap, '--duration', '3')
        assert stats['packets_read'] == 2, stats  # 1970, then past 3 s
    return 0


def read_pcap(path):
    """(header, [(record header, frame)]) of a classic little-endian pcap."""
    import struct
    with open(path, 'rb') as fh:
        data = fh.read()
    out, off = [], 24
    while off + 16 <= len(data):
        caplen = struct.unpack_from('<I', data, off + 8)[0]
        out.append((data[off:off + 16], data[off + 16:off + 16 + caplen]))
        off += 16 + caplen
    return data[:24], out


def test_dedup_counts_a_packet_seen_by_two_taps_once(vcflow, src):
    """--dedup compares the inner packet: each frame of sip.pcap followed
    by the same packet through a GRE tunnel, one router hop later (TTL less
    one), gives the plain capture's flows, the copies counted as
    duplicates."""
    shared = shared_dir(src)
    if not shared:
        return SKIP
    encap = os.path.join(shared, 'tools', 'encap.py')
    with tempfile.TemporaryDirectory() as tmp:
        cap = os.path.join(shared, 'pcaps', 'sip.pcap')
        gre = os.path.join(tmp, 'gre.pcap')
        plain = os.path.join(tmp, 'plain.pcap')
        subprocess.run([sys.executable, encap, 'gre', cap, gre, plain],
                       check=True)
        head, plain_frames = read_pcap(plain)
        _, gre_frames = read_pcap(gre)
        assert len(plain_frames) == len(gre_frames) > 0
        both = os.path.join(tmp, 'both.pcap')
        with open(both, 'wb') as fh:
            fh.write(head)
            for (ph, pf), (gh, gf) in zip(plain_frames, gre_frames):
                hop = bytearray(gf)
                inner_ttl = len(gf) - len(pf) + 14 + 8  # Ethernet + IPv4 TTL
                hop[inner_ttl] -= 1
                fh.write(ph + pf + gh + bytes(hop))
        got, stats = flow_view(vcflow, both, '--dedup')
        want, _ = flow_view(vcflow, plain)
        assert got == want, (got, want)
        assert stats['packets_duplicate'] == len(plain_frames), stats
        assert stats['packets_read'] == 2 * len(plain_frames), stats
    return 0


def test_save_unexpected_keeps_to_the_flagged_flow(vcflow, src):
    """--save-unexpected writes the flagged flow's packets, not those of
    an expected flow between the same two hosts at the same time."""
    a, b = '192.0.2.10', '198.51.100.20'
    options = (b'OPTIONS sip:b@198.51.100.20 SIP/2.0\r\n'
               b'Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK1\r\n'
               b'From: <sip:a@192.0.2.10>;tag=1\r\nTo: <sip:b@198.51.100.20>\r\n'
               b'Call-ID: 1@192.0.2.10\r\nCSeq: 1 OPTIONS\r\n'
               b'Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n')
    frames = []
    for i in range(3):
        frames.append(udp_frame(a, 5060, b, 5060, options))
        frames.append(udp_frame(a, 41000, b, 40000, bytes([0xc0 + i]) * 40))
    with tempfile.TemporaryDirectory() as tmp:
        cap = os.path.join(tmp, 'mixed.pcap')
        out = os.path.join(tmp, 'u.pcap')
        write_pcap(cap, frames)
        flows, _ = json_records(vcflow, cap, '--save-unexpected', out)
        flagged = [f for f in flows if f['unexpected']]
        assert [f['dport'] for f in flagged] == [40000], flows
        saved, _ = json_records(vcflow, out)
        assert [(f['dport'], f['pkts_fwd']) for f in saved] == [(40000, 3)], \
            saved
    return 0


def test_diagnose_tls_alert_on_sips(vcflow, src):
    """A TLS handshake on 5061 that the server ends with a fatal alert is
    an error: SIP over TLS can't set up calls (RFC 5246 7.2 alerts)."""
    import struct
    hello_body = (b'\x03\x03' + bytes(32) + b'\x00' + b'\x00\x02\x13\x01' +
                  b'\x01\x00')
    handshake = b'\x01' + struct.pack('>I', len(hello_body))[1:] + hello_body
    client_hello = b'\x16\x03\x01' + struct.pack('>H', len(handshake)) + handshake
    alert = b'\x15\x03\x03\x00\x02\x02\x30'  # fatal, unknown_ca (48)
    frames = tcp_frames(('192.0.2.10', 40001), ('198.51.100.20', 5061),
                        [(True, client_hello), (False, alert)])
    with tempfile.TemporaryDirectory() as tmp:
        cap = os.path.join(tmp, 'sips-alert.pcap')
        write_pcap(cap, frames)
        rc, out, err = run(vcflow, 'diagnose', '-r', cap, '-F', 'json')
        assert rc == 0, err
        found = [json.loads(x) for x in out.splitlines()]
        tls = [f for f in found if f.get('kind') == 'tls_alert']
        assert len(tls) == 1, out
        assert tls[0]['severity'] == 'error', tls[0]
        assert 'unknown_ca from server' in tls[0]['summary'], tls[0]
        assert 'SIP over TLS' in tls[0]['summary'], tls[0]
    return 0


ENCAP_KINDS = ('gre', 'erspan2', 'erspan3', 'vxlan', 'mpls', 'pppoe', 'ipip',
               'qinq')


def flow_view(vcflow, capture, *extra):
    """A capture's flows as comparable rows, and its stats."""
    flows, stats = json_records(vcflow, capture, *extra)
    check_accounting(capture, stats)
    rows = sorted((f['transport'], f['src'], f['sport'], f['dst'], f['dport'],
                   f['app'], f['pkts_fwd'], f['pkts_rev'], f['bytes_fwd'],
                   f['bytes_rev']) for f in flows)
    return rows, stats


def test_tunnels_give_the_plain_flows(vcflow, src):
    """A capture wrapped as a remote span port delivers it (GRE, ERSPAN II
    and III, VXLAN, MPLS, PPPoE, IP in IP, QinQ) gives the flows, apps and
    counts of the same frames unwrapped; PPPoE in two VLAN tags is IP."""
    shared = shared_dir(src)
    if not shared:
        return SKIP
    encap = os.path.join(shared, 'tools', 'encap.py')
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in ('sip', 'h323', 'skinny'):
            cap = os.path.join(shared, 'pcaps', name + '.pcap')
            for kind in ENCAP_KINDS:
                out = os.path.join(tmp, f'{name}-{kind}.pcap')
                plain = os.path.join(tmp, f'{name}-{kind}-plain.pcap')
                subprocess.run([sys.executable, encap, kind, cap, out, plain],
                               check=True)
                got, stats = flow_view(vcflow, out)
                want, _ = flow_view(vcflow, plain)
                if not want:
                    failures.append(f'{name} {kind}: the plain capture is empty')
                if got != want:
                    failures.append(f'{name} {kind}: wrapped {got} plain {want}')
                if stats['packets_undecodable']:
                    failures.append(f'{name} {kind}: {stats["undecodable"]}')
    discord = os.path.join(shared, 'pcaps', 'more', 'discord_mid_flow.pcap')
    if os.path.exists(discord):
        rows, stats = flow_view(vcflow, discord)
        if not rows or stats['packets_not_ip'] or \
                stats['packets_in_flows'] != stats['packets_read']:
            failures.append(f'discord_mid_flow: {len(rows)} flows, {stats}')
    for fl in failures:
        print(fl)
    return 1 if failures else 0


# ---- several inputs as one: -r repeated, folders, gzip, mixed-link pcapng ----

def pcap_records(path):
    """A classic little-endian microsecond pcap's link type and records
    (seconds, microseconds, frame, original length)."""
    import struct
    with open(path, 'rb') as fh:
        data = fh.read()
    assert struct.unpack('<I', data[:4])[0] == 0xa1b2c3d4, path
    linktype = struct.unpack('<I', data[20:24])[0]
    recs, off = [], 24
    while off + 16 <= len(data):
        sec, usec, incl, orig = struct.unpack('<IIII', data[off:off + 16])
        recs.append((sec, usec, data[off + 16:off + 16 + incl], orig))
        off += 16 + incl
    return linktype, recs


def write_pcap_records(path, linktype, recs):
    import struct
    with open(path, 'wb') as fh:
        fh.write(struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 262144,
                             linktype))
        for sec, usec, frame, orig in recs:
            fh.write(struct.pack('<IIII', sec, usec, len(frame), orig))
            fh.write(frame)


def write_pcapng(path, interfaces, packets, big_endian=False):
    """A pcapng: one section, an interface block per link type in
    `interfaces`, then (interface, seconds, microseconds, frame, original
    length) as enhanced packet blocks."""
    import struct
    e = '>' if big_endian else '<'

    def block(btype, body):
        body += b'\0' * (-len(body) % 4)
        n = len(body) + 12
        return struct.pack(e + 'II', btype, n) + body + struct.pack(e + 'I', n)

    out = block(0x0A0D0D0A, struct.pack(e + 'IHHq', 0x1A2B3C4D, 1, 0, -1))
    for lt in interfaces:
        out += block(1, struct.pack(e + 'HHI', lt, 0, 262144))
    for ifc, sec, usec, frame, orig in packets:
        ts = sec * 1000000 + usec
        out += block(6, struct.pack(e + 'IIIII', ifc, ts >> 32,
                                    ts & 0xffffffff, len(frame), orig) + frame)
    with open(path, 'wb') as fh:
        fh.write(out)


def whole_records(vcflow, *args):
    """Every flow record (sorted by flow_id) and the stats of a run."""
    rc, out, err = run(vcflow, *args, '-F', 'json')
    assert rc == 0, f'{args}: exit {rc}: {err.strip()}'
    recs = [json.loads(line) for line in out.splitlines()]
    flows = sorted((r for r in recs if r['type'] == 'flow'),
                   key=lambda r: (r['flow_id'], r['first_ts']))
    stats = [r for r in recs if r['type'] == 'stats']
    assert len(stats) == 1, args
    return flows, stats[0]


def test_two_files_give_the_flows_of_one(vcflow, src):
    """-r a -r b reads both, in that order, as one capture: a call split
    between them is one flow, and the stats count both."""
    cap = os.path.join(src, 'pcaps', 'demo.pcap')
    lt, recs = pcap_records(cap)
    with tempfile.TemporaryDirectory() as tmp:
        a, b = os.path.join(tmp, 'a.pcap'), os.path.join(tmp, 'b.pcap')
        half = len(recs) // 2
        write_pcap_records(a, lt, recs[:half])
        write_pcap_records(b, lt, recs[half:])
        want = whole_records(vcflow, '-r', cap)
        got = whole_records(vcflow, '-r', a, '-r', b)
        assert got == want, f'split {got}\nwhole {want}'
        assert got[1]['packets_read'] == len(recs)
    return 0


def test_folder_of_rotated_files_reads_in_numeric_order(vcflow, src):
    """A folder given to -r is read file by file in name order, the
    numbers tcpdump -C appends compared as numbers: span.pcap,
    span.pcap1, ..., span.pcap2, ... span.pcap11."""
    cap = os.path.join(src, 'pcaps', 'demo.pcap')
    lt, recs = pcap_records(cap)
    with tempfile.TemporaryDirectory() as tmp:
        folder = os.path.join(tmp, 'span')
        os.mkdir(folder)
        n = 12
        step = -(-len(recs) // n)
        for i in range(n):
            name = 'span.pcap' + (str(i) if i else '')
            write_pcap_records(os.path.join(folder, name), lt,
                               recs[i * step:(i + 1) * step])
        copy = os.path.join(tmp, 'copy.pcap')
        got = whole_records(vcflow, '-r', folder, '-w', copy)
        want = whole_records(vcflow, '-r', cap)
        assert got == want, f'folder {got}\nwhole {want}'
        # -w writes frames as read: their order is the files' order.
        _, written = pcap_records(copy)
        assert [r[2] for r in written] == [r[2] for r in recs], \
            'the folder was not read in numeric order'
    return 0


def test_gzip_capture_reads_like_the_plain_one(vcflow, src):
    """A gzip-compressed pcap or pcapng, from a file or standard input,
    gives the flows of the same capture uncompressed."""
    import gzip
    with tempfile.TemporaryDirectory() as tmp:
        for name in ('demo.pcap', 'sll.pcap'):
            cap = os.path.join(src, 'pcaps', name)
            gz = os.path.join(tmp, name + '.gz')
            with open(cap, 'rb') as fh, open(gz, 'wb') as out:
                out.write(gzip.compress(fh.read()))
            want = whole_records(vcflow, '-r', cap)
            assert whole_records(vcflow, '-r', gz) == want, gz
            with open(gz, 'rb') as fh:
                rc, out, err = run(vcflow, '-r', '-', '-F', 'json', stdin=fh)
            assert rc == 0, err
            assert json.loads(out.splitlines()[-1]) == want[1], 'stdin'
        # A pcapng, compressed.
        lt, recs = pcap_records(os.path.join(src, 'pcaps', 'demo.pcap'))
        ng = os.path.join(tmp, 'demo.pcapng')
        write_pcapng(ng, [lt], [(0, *r) for r in recs])
        with open(ng, 'rb') as fh, open(ng + '.gz', 'wb') as out:
            out.write(gzip.compress(fh.read()))
        assert whole_records(vcflow, '-r', ng + '.gz') == \
            whole_records(vcflow, '-r', ng)
        # Cut short: an error that names the file.
        with open(ng + '.gz', 'rb') as fh:
            data = fh.read()
        cut = os.path.join(tmp, 'cut.pcapng.gz')
        with open(cut, 'wb') as fh:
            fh.write(data[:len(data) // 2])
        expect_error(vcflow, ['-r', cut, '-F', 'json'], 1, cut)
    return 0


def test_mixed_link_pcapng_gives_the_flows_of_both(vcflow, src):
    """A pcapng holding an Ethernet and a Linux cooked interface (what
    mergecap makes of two such captures) is read whole, each packet with
    its own interface's link type."""
    lt_e, eth = pcap_records(os.path.join(src, 'pcaps', 'demo.pcap'))
    lt_s, sll = pcap_records(os.path.join(src, 'pcaps', 'sll.pcap'))
    assert (lt_e, lt_s) == (1, 113)
    merged = sorted([(0, *r) for r in eth] + [(1, *r) for r in sll],
                    key=lambda p: (p[1], p[2]))
    want = []
    for name in ('demo.pcap', 'sll.pcap'):
        flows, _ = json_records(vcflow, os.path.join(src, 'pcaps', name))
        want += flows
    with tempfile.TemporaryDirectory() as tmp:
        for big_endian in (False, True):
            ng = os.path.join(tmp, 'mixed.pcapng')
            write_pcapng(ng, [lt_e, lt_s], merged, big_endian)
            p = subprocess.run(['tshark', '-r', ng], capture_output=True,
                               text=True)
            if p.returncode == 0:  # an independent reader agrees it is whole
                assert len(p.stdout.splitlines()) == len(merged)
            flows, stats = json_records(vcflow, ng)
            check_accounting(ng, stats)
            assert stats['packets_read'] == len(merged)
            assert stats['packets_not_ip'] == 0, stats

            def rows(fs):
                return sorted((f['src'], f['sport'], f['dst'], f['dport'],
                               f['app'], f['pkts_fwd'], f['pkts_rev'],
                               f['bytes_fwd'], f['bytes_rev']) for f in fs)
            assert rows(flows) == rows(want), f'{rows(flows)}\n{rows(want)}'
            # The filter is compiled for each interface's link type.
            only, _ = json_records(vcflow, ng, 'udp', 'port', '5060')
            assert only and all(5060 in (f['sport'], f['dport'])
                                for f in only), only
    return 0


def test_non_capture_file_in_folder_is_an_error_naming_it(vcflow, src):
    """A folder with a file that is not a capture: one line naming that
    file, exit 1, and nothing read."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = os.path.join(tmp, 'caps')
        os.mkdir(folder)
        lt, recs = pcap_records(os.path.join(src, 'pcaps', 'demo.pcap'))
        write_pcap_records(os.path.join(folder, 'a.pcap'), lt, recs)
        notes = os.path.join(folder, 'notes.txt')
        with open(notes, 'w') as fh:
            fh.write('this is not a capture\n')
        out = expect_error(vcflow, ['-r', folder, '-F', 'json'], 1, notes)
        assert out == '', 'nothing is read before every file is checked'
    return 0


def test_save_unexpected_reads_the_input_once(vcflow, src):
    """--save-unexpected writes the same packets from one file, from two
    -r files, from standard input and from a FIFO: the input is read once."""
    import threading
    cap = os.path.join(src, 'pcaps', 'demo.pcap')
    lt, recs = pcap_records(cap)
    with tempfile.TemporaryDirectory() as tmp:
        a, b = os.path.join(tmp, 'a.pcap'), os.path.join(tmp, 'b.pcap')
        write_pcap_records(a, lt, recs[:len(recs) // 2])
        write_pcap_records(b, lt, recs[len(recs) // 2:])
        outs = [os.path.join(tmp, f'out{i}.pcap') for i in range(4)]
        whole_records(vcflow, '-r', cap, '--save-unexpected', outs[0])
        whole_records(vcflow, '-r', a, '-r', b, '--save-unexpected', outs[1])
        with open(cap, 'rb') as fh:
            rc, _, err = run(vcflow, '-F', 'json', '-r', '-',
                             '--save-unexpected', outs[2], stdin=fh)
            assert rc == 0, err
        fifo = os.path.join(tmp, 'fifo')
        os.mkfifo(fifo)

        def feed():
            with open(fifo, 'wb') as w, open(cap, 'rb') as r:
                w.write(r.read())
        t = threading.Thread(target=feed)
        t.start()
        rc, _, err = run(vcflow, '-F', 'json', '-r', fifo,
                         '--save-unexpected', outs[3])
        t.join()
        assert rc == 0, err
        first = pcap_records(outs[0])
        assert first[1], 'the demo has flagged flows'
        for o in outs[1:]:
            assert pcap_records(o) == first, o
        assert not [n for n in os.listdir(tmp) if n.startswith('.')], \
            os.listdir(tmp)
    return 0


def test_outputs_never_overwrite_an_input(vcflow, src):
    """-w or --save-unexpected naming an input (or a file in an input
    folder) is a usage error, and the input is left as it was."""
    cap = os.path.join(src, 'pcaps', 'demo.pcap')
    with tempfile.TemporaryDirectory() as tmp:
        copy = os.path.join(tmp, 'in.pcap')
        with open(cap, 'rb') as r, open(copy, 'wb') as w:
            w.write(r.read())
        before = os.path.getsize(copy)
        expect_error(vcflow, ['-r', copy, '--save-unexpected', copy], 2, copy)
        expect_error(vcflow, ['-r', copy, '-w', copy], 2, copy)
        expect_error(vcflow, ['-r', tmp, '-w', os.path.join(tmp, 'x.pcap')],
                     2, 'x.pcap')
        assert os.path.getsize(copy) == before
    return 0


def test_failed_writes_are_errors(vcflow, src):
    """Output that cannot be written (a full disk: /dev/full) is an error
    naming it, exit 1, for standard output, -w and --save-unexpected."""
    cap = os.path.join(src, 'pcaps', 'demo.pcap')
    with open('/dev/full', 'w') as full:
        p = subprocess.run([vcflow, '-F', 'json', '-r', cap], stdout=full,
                           stderr=subprocess.PIPE, text=True, timeout=60)
    assert p.returncode == 1 and 'standard output' in p.stderr, p.stderr
    rc, _, err = run(vcflow, '-r', cap, '-w', '/dev/full')
    assert rc == 1 and '/dev/full' in err, (rc, err)
    rc, _, err = run(vcflow, '-r', cap, '--save-unexpected', '/dev/full')
    assert rc == 1 and '/dev/full' in err, (rc, err)
    assert os.path.exists('/dev/full') and not os.path.isfile('/dev/full')
    return 0


def test_sip_segments_out_of_order_are_reassembled(vcflow, src):
    """A 5 KB INVITE in ten 536-byte segments, some of them out of order,
    on a port no table gives SIP: the classifier holds the early ones until
    the hole fills, and the INVITE is read."""
    sdp = ('v=0\r\no=alice 1 1 IN IP4 192.0.2.101\r\ns=-\r\n'
           'c=IN IP4 192.0.2.101\r\nt=0 0\r\nm=audio 49170 RTP/AVP 0\r\n'
           'a=rtpmap:0 PCMU/8000\r\n')
    i = 0
    while len(sdp) < 4600:
        sdp += f'a=fmtp:96 profile-level-id=42e01f;max-fs={3600 + i}\r\n'
        i += 1
    invite = ('INVITE sip:bob@biloxi.example.com SIP/2.0\r\n'
              'Via: SIP/2.0/TCP 192.0.2.101:40200;branch=z9hG4bKooo1\r\n'
              'Max-Forwards: 70\r\n'
              'To: <sip:bob@biloxi.example.com>\r\n'
              'From: <sip:alice@atlanta.example.com>;tag=ooo\r\n'
              'Call-ID: out-of-order-1@192.0.2.101\r\n'
              'CSeq: 1 INVITE\r\n'
              'Contact: <sip:alice@192.0.2.101:40200;transport=tcp>\r\n'
              'Content-Type: application/sdp\r\n'
              f'Content-Length: {len(sdp)}\r\n\r\n{sdp}').encode()
    segs = [invite[i:i + 536] for i in range(0, len(invite), 536)]
    assert len(segs) == 10, len(segs)
    frames = tcp_frames(('192.0.2.101', 40200), ('192.0.2.201', 15060),
                        [(True, s) for s in segs])
    head, data = frames[:3], frames[3:]
    order = [0, 2, 1, 4, 3, 5, 7, 8, 6, 9]
    got = flows_of(vcflow, head + [data[k] for k in order])
    f = got[15060]
    assert f['app'] == 'sip' and f['confidence'] == 'payload', f
    assert f['detail'] == 'INVITE', f
    assert f['call_id'] == 'out-of-order-1@192.0.2.101', f
    return 0


def timed_pcap(path, timed_frames):
    """A classic pcap of (seconds, Ethernet frame) pairs."""
    import struct
    with open(path, 'wb') as fh:
        fh.write(struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
        for t, f in timed_frames:
            us = int(round(t * 1e6))
            fh.write(struct.pack('<IIII', 1700000000 + us // 1000000,
                                 us % 1000000, len(f), len(f)))
            fh.write(f)


def tcp_segment(src, sport, dst, dport, flags):
    import struct
    tcp = struct.pack('>HHIIBBHHH', sport, dport, 1000, 0, 5 << 4, flags,
                      65535, 0, 0)
    ip = struct.pack('>BBHHHBBH4s4s', 0x45, 0, 20 + len(tcp), 0, 0x4000, 64,
                     6, 0, bytes(map(int, src.split('.'))),
                     bytes(map(int, dst.split('.'))))
    return b'\x02\x00\x00\x00\x00\x01\x02\x00\x00\x00\x00\x02\x08\x00' + ip + tcp


def stun_message(mtype, tid, username=None):
    """RFC 5389 message; USERNAME (0x0006) padded to 4 when given."""
    import struct
    attrs = b''
    if username is not None:
        u = username.encode()
        attrs = struct.pack('>HH', 0x0006, len(u)) + u + bytes(-len(u) % 4)
    return struct.pack('>HHI', mtype, len(attrs), 0x2112A442) + tid + attrs


def diagnose_json(vcflow, cap, *extra):
    rc, out, err = run(vcflow, 'diagnose', '-r', cap, '-F', 'json', *extra)
    assert rc == 0, err
    return [json.loads(x) for x in out.splitlines()]


def test_diagnose_folds_repeats_and_knows_ice(vcflow, src):
    """Three refused SYNs to one port are one finding with count and span;
    a lone SYN just before the capture ends is no block; an unanswered ICE
    check is info when another pair of its session (same ufrag) answered,
    ice_failed when no pair did; findings carry structured ends."""
    a, b = '10.0.0.1', '10.0.0.2'
    frames = []
    for i in range(3):
        t = float(i)
        frames.append((t, tcp_segment(a, 40000 + i, b, 5060, 0x02)))
        frames.append((t + 0.001, tcp_segment(b, 5060, a, 40000 + i, 0x14)))
    # one ICE session (agent ufrag "me01"): one pair answered, one lost
    frames.append((5.0, udp_frame(a, 50000, '198.51.100.7', 50002,
                                  stun_message(1, b'A' * 12, 'pe01:me01'))))
    frames.append((5.01, udp_frame('198.51.100.7', 50002, a, 50000,
                                   stun_message(0x101, b'A' * 12))))
    for k in range(3):
        frames.append((5.0 + k * 0.5, udp_frame(
            a, 50000, '192.168.5.5', 50004,
            stun_message(1, bytes([66 + k]) * 12, 'px01:me01'))))
    # another session, nothing answered at all
    for k in range(3):
        frames.append((8.0 + k * 0.5, udp_frame(
            a, 51000, '198.51.100.8', 51002,
            stun_message(1, bytes([70 + k]) * 12, 'zz99:yy99'))))
    # a lone SYN half a second before the capture ends
    frames.append((20.0, tcp_segment(a, 40100, '10.0.0.3', 1720, 0x02)))
    frames.append((20.5, udp_frame(a, 53000, '10.0.0.53', 53, b'\x00' * 12)))
    frames.sort(key=lambda tf: tf[0])
    with tempfile.TemporaryDirectory() as tmp:
        cap = os.path.join(tmp, 'busy.pcap')
        timed_pcap(cap, frames)
        recs = diagnose_json(vcflow, cap)
    found = [r for r in recs if r['type'] == 'finding']
    kinds = sorted((f['kind'], f['severity']) for f in found)
    assert kinds == [('ice_failed', 'error'), ('ice_unanswered', 'info'),
                     ('tcp_refused', 'critical')], kinds
    ref = next(f for f in found if f['kind'] == 'tcp_refused')
    assert ref['count'] == 3, ref
    assert ref['first_ts'] == '2023-11-14T22:13:20.000000Z', ref
    assert ref['last_ts'] == '2023-11-14T22:13:22.001000Z', ref
    assert ref['src'] == [a] and ref['dst'] == [b], ref
    assert ref['ports'] == [5060] and ref['transport'] == 'tcp', ref
    assert ref['blocked'] == ['tcp/5060'], ref
    assert len(ref['flows']) == 3, ref
    assert ref['nft'].startswith('nft insert rule inet filter forward '), ref
    assert ref['iptables'].startswith('iptables -I FORWARD -p tcp '), ref
    assert 'SCOPIA' not in (ref['table'] or ''), ref
    lost = next(f for f in found if f['kind'] == 'ice_unanswered')
    assert lost['dst'] == ['192.168.5.5'] and lost['blocked'] == [], lost
    assert lost['nft'] is None, lost
    summary = recs[-1]
    assert summary['type'] == 'summary', summary
    assert summary['at_capture_end'] == 1, summary
    assert 'tcp/1720' not in summary['blocked'], summary
    return 0


def test_diagnose_nft_options_name_the_chain(vcflow, src):
    """--nft-family/--nft-table/--nft-chain go into the suggested rule and
    the iptables chain follows the hook; they need 'diagnose'."""
    cap = os.path.join(src, 'pcaps', 'diagnose', 'tcp-5060-reset.pcap')
    recs = diagnose_json(vcflow, cap, '--nft-family', 'ip', '--nft-table',
                         'fw', '--nft-chain', 'input')
    f = next(r for r in recs if r['type'] == 'finding')
    assert f['nft'].startswith('nft insert rule ip fw input ip saddr '), f
    assert f['nft'].endswith(' tcp dport 5060 accept'), f
    assert f['iptables'].startswith('iptables -I INPUT -p tcp '), f
    assert f['nft_chain'] == 'ip fw input', f
    assert 'only in the chain that drops' in f['fix_note'], f
    expect_error(vcflow, ['diagnose', '-r', cap, '--nft-family', 'x'], 2,
                 "'x'")
    expect_error(vcflow, ['-r', cap, '--nft-table', 'fw'], 2, 'diagnose')
    return 0


def test_diagnose_ladder_text_and_json(vcflow, src):
    """--ladder: every message with its code and phrase, the SDP offer and
    answer with codec, address and port, the media each way; a failure
    shows its code; -F json gives a ladder record per call."""
    cap = os.path.join(src, 'pcaps', 'diagnose', 'healthy-call.pcap')
    recs = diagnose_json(vcflow, cap, '--ladder')
    ladders = [r for r in recs if r['type'] == 'ladder']
    assert len(ladders) == 1, recs
    lad = ladders[0]
    assert lad['call_id'] == '1-5cf1@10.10.1.2', lad
    steps = [(m['method'], m['code'], m['sdp']) for m in lad['messages']]
    assert steps == [('INVITE', None, 'offer'), ('INVITE', 180, None),
                     ('INVITE', 200, 'answer'), ('ACK', None, None),
                     ('BYE', None, None), ('BYE', 200, None)], steps
    assert lad['messages'][1]['reason'] == 'Ringing', lad
    assert lad['offer']['codec'] == 'PCMA', lad
    assert (lad['offer']['address'], lad['offer']['port']) == \
        ('10.10.1.2', 6000), lad
    assert (lad['answer']['address'], lad['answer']['port']) == \
        ('203.0.113.20', 7000), lad
    assert len(lad['media']) == 1, lad
    m = lad['media'][0]
    assert (m['pkts_fwd'], m['pkts_rev'], m['codec']) == (150, 150, 'PCMA'), m
    rc, out, err = run(vcflow, 'diagnose', '-r', cap, '--ladder')
    assert rc == 0, err
    assert '180 Ringing' in out and 'SDP offer: audio PCMA 10.10.1.2:6000' \
        in out, out
    assert 'media: RTP ' in out and '150 packets, 150 back' in out, out
    shared = shared_dir(src)
    if shared:
        rc, out, err = run(vcflow, 'diagnose', '-r',
                           os.path.join(shared, 'pcaps', 'sip.pcap'),
                           '--ladder')
        assert rc == 0, err
        assert 'fails here: 408 Request Timeout' in out, out
    return 0


def test_large_invite_over_many_segments_is_sip(vcflow, src):
    """A 10 KB INVITE (video SDP) at MSS 536 is twenty segments: the flow
    stays under inspection while SIP holds part of the message."""
    sdp = ('v=0\r\no=alice 1 1 IN IP4 192.0.2.101\r\ns=-\r\n'
           'c=IN IP4 192.0.2.101\r\nt=0 0\r\nm=video 49172 RTP/AVP 96\r\n'
           'a=rtpmap:96 H264/90000\r\n')
    i = 0
    while len(sdp) < 9800:
        sdp += f'a=fmtp:96 profile-level-id=42e01f;max-fs={3600 + i}\r\n'
        i += 1
    invite = ('INVITE sip:bob@biloxi.example.com SIP/2.0\r\n'
              'Via: SIP/2.0/TCP 192.0.2.101:40300;branch=z9hG4bKbig1\r\n'
              'Max-Forwards: 70\r\nTo: <sip:bob@biloxi.example.com>\r\n'
              'From: <sip:alice@atlanta.example.com>;tag=big\r\n'
              'Call-ID: big-invite-1@192.0.2.101\r\nCSeq: 1 INVITE\r\n'
              'Contact: <sip:alice@192.0.2.101:40300;transport=tcp>\r\n'
              'Content-Type: application/sdp\r\n'
              f'Content-Length: {len(sdp)}\r\n\r\n{sdp}').encode()
    segs = [invite[i:i + 536] for i in range(0, len(invite), 536)]
    assert len(segs) >= 19, len(segs)
    frames = tcp_frames(('192.0.2.101', 40300), ('192.0.2.201', 15062),
                        [(True, s) for s in segs])
    f = flows_of(vcflow, frames)[15062]
    assert f['app'] == 'sip' and f['confidence'] == 'payload', f
    assert f['call_id'] == 'big-invite-1@192.0.2.101', f
    return 0


def run_on_fifo(vcflow, tmp, args, feed):
    """vcflow reading a FIFO that feed(write, proc) fills; returns
    (exit status, stdout, stderr)."""
    import signal  # noqa: F401  (feed sends signals)
    fifo = os.path.join(tmp, 'in.fifo')
    os.mkfifo(fifo)
    proc = subprocess.Popen([vcflow, '-F', 'json', '-r', fifo, *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    with open(fifo, 'wb') as w:
        feed(w, proc)
    out, err = proc.communicate(timeout=60)
    check_output_accounting(fifo, out)
    return proc.returncode, out, err


def test_sighup_ends_the_run_or_reopens_the_w_file(vcflow, src):
    """SIGHUP without -w ends the run as SIGTERM does: exit 0, every flow
    written; with -w it reopens the file under its name after log rotation
    moved it, and the two files hold every frame between them."""
    import signal
    import time
    cap = os.path.join(src, 'pcaps', 'demo.pcap')
    lt, recs = pcap_records(cap)
    with tempfile.TemporaryDirectory() as tmp:
        first = os.path.join(tmp, 'first.pcap')
        write_pcap_records(first, lt, recs[:60])
        with open(first, 'rb') as fh:
            head_and_first = fh.read()
        rest = b''.join(h + d for h, d in read_pcap(cap)[1][60:])

        def hup_midway(w, proc):
            w.write(head_and_first)
            w.flush()
            time.sleep(1)
            proc.send_signal(signal.SIGHUP)
        rc, out, err = run_on_fifo(vcflow, tmp, [], hup_midway)
        assert rc == 0, (rc, err)
        stats = json.loads(out.splitlines()[-1])
        assert stats['type'] == 'stats' and stats['packets_read'] == 60, stats
        check_accounting('sighup', stats)

        wfile = os.path.join(tmp, 'span.pcap')

        def rotate_midway(w, proc):
            w.write(head_and_first)
            w.flush()
            time.sleep(1)
            os.rename(wfile, wfile + '.1')
            proc.send_signal(signal.SIGHUP)
            time.sleep(0.5)
            w.write(rest)
        os.unlink(os.path.join(tmp, 'in.fifo'))
        rc, out, err = run_on_fifo(vcflow, tmp, ['-w', wfile], rotate_midway)
        assert rc == 0, (rc, err)
        before, after = pcap_records(wfile + '.1')[1], pcap_records(wfile)[1]
        assert before and after, (len(before), len(after))
        assert before + after == recs, (len(before), len(after), len(recs))
    return 0


def call_records(vcflow, *args):
    """The call records of a JSON run, and all its records."""
    rc, out, err = run(vcflow, *args, '-F', 'json')
    assert rc == 0, (args, err)
    recs = [json.loads(x) for x in out.splitlines()]
    return [r for r in recs if r['type'] == 'call'], recs


def test_demo_gives_one_call_record(vcflow, src):
    """The demo's SIP call (INVITE, 100, 180, 200 with SDP, ACK, PCMU audio
    and H.264 video both ways, RTCP, BYE, 200) is one call record, ok (its
    H.323 call is another: test_h323_calls_have_records)."""
    cap = os.path.join(src, 'pcaps', 'demo.pcap')
    calls, recs = call_records(vcflow, '-r', cap)
    assert sorted(c['protocol'] for c in calls) == ['h323', 'sip'], calls
    c = [c for c in calls if c['protocol'] == 'sip'][0]
    assert recs[-1]['type'] == 'stats'
    assert recs.index(c) < len(recs) - 1
    want = {'call_id': '00562b1c-7a3e0001-4d5e6f70-1a2b3c4d@10.10.1.21',
            'protocol': 'sip', 'status': 'ok', 'final_code': 200,
            'final_reason': 'OK', 'caller': 'sip:4001@10.10.1.21',
            'callee': 'sip:4002@10.10.0.5',
            'user_agents': ['Cisco-CP8865/12.8.1',
                            'Cisco-SIPGateway/IOS-15.6.3.M'],
            'attempt_ts': '2024-03-01T10:00:00.000000Z',
            'ringing_ts': '2024-03-01T10:00:00.510200Z',
            'answer_ts': '2024-03-01T10:00:02.510300Z',
            'end_ts': '2024-03-01T10:00:03.500000Z',
            'post_dial_delay_ms': 510.2}
    for k, v in want.items():
        assert c[k] == v, (k, c[k], v)
    flows = {f['flow_id']: f for f in recs if f['type'] == 'flow'}
    sip = [f for f in flows.values() if f['app'] == 'sip']
    assert c['flows'] == [sip[0]['flow_id']], c['flows']
    assert sorted(c['rtcp_flows']) == sorted(
        f['flow_id'] for f in flows.values() if f['app'] == 'rtcp')
    # tshark -z rtp,streams: PCMU 35 packets each way, H264 12 each way,
    # none lost
    media = sorted((m['codec'], m['direction'], m['pkts'], m['lost'])
                   for m in c['media'])
    assert media == [('H264', 'fwd', 12, 0), ('H264', 'rev', 12, 0),
                     ('PCMU', 'fwd', 35, 0), ('PCMU', 'rev', 35, 0)], media
    for m in c['media']:
        assert flows[m['flow_id']]['app'] == 'rtp'
        assert m['sender'] == ('caller' if m['src'] == '10.10.1.21'
                               else 'callee')
        if m['codec'] == 'PCMU':
            assert abs(m['mos'] - 4.41) < 0.01, m
            assert m['intervals'] and sum(
                i['pkts'] for i in m['intervals']) == m['pkts']
        else:
            assert m['mos'] is None, m
    assert c['mos_to_callee'] == c['mos_to_caller'] == 4.41
    # text: a calls section after the flows, before the summary
    rc, out, err = run(vcflow, '-r', cap)
    assert rc == 0, err
    assert '\ncalls:\n  ok ' in out, out
    assert out.index('calls:') < out.index('flows by app:')
    # a call a line, broken to fit 120 columns: continuation lines indented
    lines = out[out.index('calls:'):].splitlines()[1:]
    line = lines[0] + ''.join(' ' + ln.strip() for ln in lines[1:]
                              if ln.startswith(' ' * 15))
    assert 'sip:4001@10.10.1.21 -> sip:4002@10.10.0.5' in line, line
    assert 'MOS >4.41 <4.41' in line, line
    # CSV: flows only
    rc, out, err = run(vcflow, '-r', cap, '-F', 'csv')
    assert rc == 0 and 'call_id' in out.splitlines()[0]
    assert len(out.splitlines()) == 1 + len(flows)
    return 0


# What each recorded scenario's SIP call is (pcaps/diagnose/README.md).
SCENARIO_CALLS = {
    'healthy-call.pcap': ('ok', 200, 2),
    'invite-blocked.pcap': ('unanswered', None, 0),
    'media-blocked.pcap': ('one_way', 200, 1),   # LAN: A's RTP only
    'one-way-media.pcap': ('one_way', 200, 1),   # LAN: B's RTP dropped
    'one-way-media-outside.pcap': ('ok', 200, 2),  # WAN: both ways
    'sip-alg-inside.pcap': ('ok', 200, 2),
    'sip-alg-outside.pcap': ('ok', 200, 2),
    # H.225.0's TCP connection to 1720 dropped: its SYN sent four times
    'q931-blocked.pcap': ('unanswered', None, 0),
}


def test_scenario_calls_have_records_with_mos(vcflow, src):
    """Each recorded scenario's call has its record, with the status the
    scenario is, in classification and in diagnose alike; every PCMA
    stream (150 packets, none lost) scores 4.41."""
    failures = []
    for cap in sorted(glob.glob(os.path.join(src, 'pcaps', 'diagnose',
                                             '*.pcap'))):
        name = os.path.basename(cap)
        for mode in ([], ['diagnose']):
            calls, recs = call_records(vcflow, *mode, '-r', cap)
            want = SCENARIO_CALLS.get(name)
            if not want:
                if calls:
                    failures.append(f'{name} {mode}: calls {calls}')
                continue
            if len(calls) != 1:
                failures.append(f'{name} {mode}: {len(calls)} calls')
                continue
            c = calls[0]
            assert c['call_id'] == ('1-5cf1@10.10.1.2' if c['protocol'] == 'sip'
                                    else c['flows'][0]), c
            got = (c['status'], c['final_code'], len(c['media']))
            if got != want:
                failures.append(f'{name} {mode}: {got}, expected {want}')
            for m in c['media']:
                if m['codec'] != 'PCMA' or m['pkts'] != 150 or \
                        m['lost'] != 0 or abs(m['mos'] - 4.41) > 0.01:
                    failures.append(f'{name} {mode}: media {m}')
            if recs[-1]['type'] not in ('stats', 'summary') or \
                    recs.index(c) > len(recs) - 2:
                failures.append(f'{name} {mode}: the call comes last')
    for fl in failures:
        print(fl)
    return 1 if failures else 0


def test_call_option_limits_output_to_one_call(vcflow, src):
    """--call ID: only that call's flows (signalling, media, RTCP) and
    record; an unknown ID gives none, and the stats still."""
    cap = os.path.join(src, 'pcaps', 'demo.pcap')
    cid = '00562b1c-7a3e0001-4d5e6f70-1a2b3c4d@10.10.1.21'
    calls, recs = call_records(vcflow, '-r', cap, '--call', cid)
    flows = [r for r in recs if r['type'] == 'flow']
    assert len(calls) == 1 and recs[-1]['type'] == 'stats'
    assert sorted(f['app'] for f in flows) == \
        ['rtcp', 'rtcp', 'rtp', 'rtp', 'sip'], [f['app'] for f in flows]
    calls, recs = call_records(vcflow, '-r', cap, '--call', 'nothing')
    assert not calls and [r['type'] for r in recs] == ['stats']
    return 0


# ---- accounting: every frame read is counted exactly once ----

ETH_V4 = b'\x02\x00\x00\x00\x00\x01\x02\x00\x00\x00\x00\x02\x08\x00'
ETH_V6 = b'\x02\x00\x00\x00\x00\x01\x02\x00\x00\x00\x00\x02\x86\xdd'


def ip4_fragments(src, dst, proto, ident, datagram, piece=1480):
    """Ethernet/IPv4 frames carrying `datagram` (transport header on) in
    pieces of `piece` bytes (a multiple of 8), as a router cuts them."""
    import struct
    frames = []
    for off in range(0, len(datagram), piece):
        part = datagram[off:off + piece]
        more = off + piece < len(datagram)
        ip = struct.pack('>BBHHHBBH4s4s', 0x45, 0, 20 + len(part), ident,
                         (0x2000 if more else 0) | off // 8, 64, proto, 0,
                         bytes(map(int, src.split('.'))),
                         bytes(map(int, dst.split('.'))))
        frames.append(ETH_V4 + ip + part)
    return frames


def udp_datagram(sport, dport, payload):
    import struct
    return struct.pack('>HHHH', sport, dport, 8 + len(payload), 0) + payload


def icmp_echo(reply, ident, seq, size):
    import struct
    return struct.pack('>BBHHH', 0 if reply else 8, 0, 0, ident, seq) + \
        bytes(i & 0xff for i in range(size))


def accounted(vcflow, timed_frames, *extra):
    """The flows and stats of a capture made of (seconds, frame) pairs."""
    with tempfile.TemporaryDirectory() as tmp:
        cap = os.path.join(tmp, 'made.pcap')
        timed_pcap(cap, timed_frames)
        flows, stats = json_records(vcflow, cap, *extra)
        rc, text, err = run(vcflow, '-r', cap, *extra)
        assert rc == 0, err
    check_accounting('made.pcap', stats)
    return flows, stats, text


def test_fragmented_ping_is_counted_whole(vcflow, src):
    """ping -s 3000 over IPv4: three fragments each way, all six in the one
    ICMP flow (the reply's later pieces too), none left out."""
    a, b = '192.0.2.1', '198.51.100.2'
    frames = ip4_fragments(a, b, 1, 7, icmp_echo(False, 99, 1, 3000)) + \
        ip4_fragments(b, a, 1, 8, icmp_echo(True, 99, 1, 3000))
    assert len(frames) == 6
    flows, stats, text = accounted(vcflow, [(i * 0.001, f)
                                            for i, f in enumerate(frames)])
    assert stats['packets_read'] == 6 and stats['packets_in_flows'] == 6, stats
    assert [(f['transport'], f['pkts_fwd'], f['pkts_rev'], f['fragments'])
            for f in flows] == [('icmp', 3, 3, 4)], flows
    assert '6 packets read, 6 in flows, 0 not IP, 0 undecodable' in text, text
    return 0


def test_fragment_after_its_flow_ended_is_counted_so(vcflow, src):
    """A later fragment whose flow was ended (by --max-flows, or by the idle
    timeout) is counted as fragment_after_flow_end, in JSON and text."""
    a, b, c = '192.0.2.1', '198.51.100.2', '198.51.100.3'
    big = ip4_fragments(a, b, 17, 5, udp_datagram(40000, 40002, bytes(2000)))
    other = udp_frame(a, 41000, c, 41002, b'x' * 20)
    cases = {
        'evicted': ([(0, big[0]), (0.1, other), (0.2, big[1])],
                    ['--max-flows', '1']),
        'timed out, another packet first': (
            [(0, big[0]), (2, other), (2.1, big[1])], ['--udp-timeout', '1']),
        'timed out': ([(0, big[0]), (2.1, big[1])], ['--udp-timeout', '1']),
    }
    failures = []
    for name, (frames, extra) in cases.items():
        flows, stats, text = accounted(vcflow, frames, *extra)
        got = stats['undecodable'].get('fragment_after_flow_end')
        if got != 1 or stats['packets_in_flows'] != len(frames) - 1:
            failures.append(f'{name}: {stats}')
        if '1 fragment_after_flow_end' not in text:
            failures.append(f'{name}: text says {text.splitlines()[-3:]}')
    for fl in failures:
        print(fl)
    return 1 if failures else 0


def test_more_datagrams_than_the_reassembly_table_holds(vcflow, src):
    """100 fragmented datagrams in reassembly at once (the table holds 64):
    every later piece whose first was seen is counted in its flow, none as
    fragment_without_first; and a later piece whose first never came still
    is."""
    a, b = '192.0.2.1', '198.51.100.2'
    firsts, lasts = [], []
    for i in range(100):
        f = ip4_fragments(a, b, 17, 1000 + i,
                          udp_datagram(40000, 40002, bytes(2000)))
        firsts.append(f[0])
        lasts.append(f[1])
    lonely = ip4_fragments(a, b, 17, 7, udp_datagram(40000, 40002,
                                                     bytes(2000)))[1]
    frames = firsts + lasts + [lonely]
    flows, stats, _ = accounted(vcflow, [(i * 0.001, f)
                                         for i, f in enumerate(frames)])
    assert stats['packets_in_flows'] == 200, stats
    assert stats['undecodable']['fragment_without_first'] == 1, stats
    assert [(f['pkts_fwd'], f['fragments']) for f in flows] == [(200, 100)], \
        flows
    return 0


def ip6_frame(src, dst, next_header, body):
    import socket
    import struct
    return ETH_V6 + struct.pack('>IHBB16s16s', 6 << 28, len(body),
                                next_header, 64,
                                socket.inet_pton(socket.AF_INET6, src),
                                socket.inet_pton(socket.AF_INET6, dst)) + body


def test_ipv6_fragment_then_destination_options_is_sip(vcflow, src):
    """A SIP OPTIONS in two IPv6 fragments, a Destination Options header
    after the Fragment header (RFC 8200 sec 4.1 order): reassembled, and
    SIP from its payload; both pieces in the flow."""
    import struct
    a, b = '2001:db8::10', '2001:db8::20'
    sip = (b'OPTIONS sip:b@[2001:db8::20] SIP/2.0\r\n'
           b'Via: SIP/2.0/UDP [2001:db8::10]:5060;branch=z9hG4bK6\r\n'
           b'From: <sip:a@[2001:db8::10]>;tag=1\r\n'
           b'To: <sip:b@[2001:db8::20]>\r\n'
           b'Call-ID: 6@2001:db8::10\r\nCSeq: 1 OPTIONS\r\n'
           b'Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n')
    dstopts = struct.pack('>BBBB4s', 17, 0, 1, 4, bytes(4))  # UDP next; PadN
    fragmentable = dstopts + udp_datagram(5060, 5060, sip)
    cut = 160
    frames = []
    for off, part in ((0, fragmentable[:cut]), (cut, fragmentable[cut:])):
        more = off == 0
        frag = struct.pack('>BBHI', 60, 0, off | more, 0x5eed) + part
        frames.append(ip6_frame(a, b, 44, frag))
    for order in ('in order', 'last piece first'):
        fr = frames if order == 'in order' else frames[::-1]
        flows, stats, _ = accounted(vcflow, [(i * 0.001, f)
                                             for i, f in enumerate(fr)])
        assert stats['packets_in_flows'] == 2, (order, stats)
        assert [(f['transport'], f['app'], f['confidence'], f['pkts_fwd'])
                for f in flows] == [('udp', 'sip', 'payload', 2)], \
            (order, flows)
    return 0


def test_sip_trunk_follows_every_call(vcflow, src):
    """A SIP trunk carries every call on one UDP 5060-5060 5-tuple: 2000
    good calls and then one INVITE answered 503 are 2001 calls, and the
    503 is found (signalling is followed for the flow's whole life)."""
    import struct
    pbx, sbc = '10.1.0.10', '10.2.0.20'

    def msg(first, cid, cseq, method):
        return (f'{first}\r\nVia: SIP/2.0/UDP {pbx}:5060;branch=z9hG4bK'
                f'{cid}x{cseq}{method}\r\nFrom: <sip:pbx@{pbx}>;tag=a{cid}\r\n'
                f'To: <sip:{cid}@{sbc}>;tag=b{cid}\r\n'
                f'Call-ID: trunk-{cid}@{pbx}\r\nCSeq: {cseq} {method}\r\n'
                'Max-Forwards: 70\r\nUser-Agent: TrunkPBX/1.0\r\n'
                'Content-Length: 0\r\n\r\n').encode()
    timed = []  # (microseconds, frame)
    for i in range(2001):
        cid, t = f'c{i}', i * 250000  # a call every 0.25 s, 30 s long
        invite = f'INVITE sip:{cid}@{sbc} SIP/2.0'
        timed.append((t, udp_frame(pbx, 5060, sbc, 5060,
                                   msg(invite, cid, 1, 'INVITE'))))
        answer = ('SIP/2.0 503 Service Unavailable' if i == 2000
                  else 'SIP/2.0 200 OK')
        timed.append((t + 40000, udp_frame(sbc, 5060, pbx, 5060,
                                           msg(answer, cid, 1, 'INVITE'))))
        timed.append((t + 41000, udp_frame(pbx, 5060, sbc, 5060, msg(
            f'ACK sip:{cid}@{sbc} SIP/2.0', cid, 1, 'ACK'))))
        if i == 2000:
            continue
        timed.append((t + 30000000, udp_frame(pbx, 5060, sbc, 5060, msg(
            f'BYE sip:{cid}@{sbc} SIP/2.0', cid, 2, 'BYE'))))
        timed.append((t + 30040000, udp_frame(sbc, 5060, pbx, 5060,
                                              msg('SIP/2.0 200 OK', cid, 2,
                                                  'BYE'))))
    timed.sort(key=lambda x: x[0])
    with tempfile.TemporaryDirectory() as tmp:
        cap = os.path.join(tmp, 'trunk.pcap')
        with open(cap, 'wb') as fh:
            fh.write(struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
            for t, f in timed:
                fh.write(struct.pack('<IIII', 1700000000 + t // 1000000,
                                     t % 1000000, len(f), len(f)) + f)
        rc, out, err = run(vcflow, 'diagnose', '-F', 'json', '-r', cap)
        assert rc == 0, err
    recs = [json.loads(x) for x in out.splitlines()]
    summary = recs[-1]
    assert summary['type'] == 'summary', summary
    assert (summary['calls_attempted'], summary['calls_set_up'],
            summary['calls_failed']) == (2001, 2000, 1), summary
    found = [r for r in recs if r['type'] == 'finding']
    assert [f for f in found if '503' in f['summary']], found
    assert not [f for f in found if f['severity'] in ('error', 'critical')
                and '503' not in f['summary']], found
    calls = [r for r in recs if r['type'] == 'call']
    assert len(calls) == 2001, len(calls)
    assert [c for c in calls if c['final_code'] == 503], calls[-1]
    return 0


# ---- text that fits, and the report page ----

def text_captures(src):
    caps = sorted(glob.glob(os.path.join(src, 'pcaps', '*.pcap')) +
                  glob.glob(os.path.join(src, 'pcaps', 'diagnose', '*.pcap')))
    shared = shared_dir(src)
    if shared:
        caps += sorted(glob.glob(os.path.join(shared, 'pcaps', '*.pcap*')) +
                       glob.glob(os.path.join(shared, 'pcaps', 'more',
                                              '*.pcap*')))
    return caps


def test_text_fits_120_columns(vcflow, src):
    """The text output of every capture, with and without -v, has no line
    wider than 120 columns (characters, not bytes), and no colour when
    standard output is not a terminal."""
    wide = []
    for cap in text_captures(src):
        for extra in ([], ['-v']):
            p = subprocess.run([vcflow, '-r', cap, *extra],
                               capture_output=True, timeout=300)
            if p.returncode != 0:
                continue  # the damaged ones are bad_inputs' business
            out = p.stdout.decode('utf-8', errors='replace')
            assert '\033[' not in out, f'{cap}: colour on a pipe'
            for ln in out.splitlines():
                if len(ln) > 120:
                    wide.append(f'{os.path.basename(cap)} {extra}: '
                                f'{len(ln)}: {ln[:60]}...')
    assert not wide, '\n'.join(wide[:20])
    return 0


def test_text_long_endpoints_stand_on_their_own_line(vcflow, src):
    """IPv6 endpoints too wide for the columns go on a line of their own
    above the row, and the legend says so."""
    import struct
    a = '2001:db8:aaaa:bbbb:cccc:dddd:eeee:1'
    b = '2001:db8:1111:2222:3333:4444:5555:6666'

    def udp6(src6, sport, dst6, dport, payload):
        import ipaddress
        udp = struct.pack('>HHHH', sport, dport, 8 + len(payload), 0) + payload
        ip = (struct.pack('>IHBB', 6 << 28, len(udp), 17, 64) +
              ipaddress.IPv6Address(src6).packed +
              ipaddress.IPv6Address(dst6).packed)
        return b'\x02\x00\x00\x00\x00\x01\x02\x00\x00\x00\x00\x02\x86\xdd' + ip + udp
    frames = [udp6(a, 40000 + i, b, 50000 + i, b'x' * 20) for i in range(3)]
    frames += [udp_frame('10.0.0.1', 1000, '10.0.0.2', 2000, b'y' * 20)]
    with tempfile.TemporaryDirectory() as tmp:
        cap = os.path.join(tmp, 'v6.pcap')
        write_pcap(cap, frames)
        rc, out, err = run(vcflow, '-r', cap)
    assert rc == 0, err
    lines = out.splitlines()
    assert max(len(ln) for ln in lines) <= 120, out
    own = [ln for ln in lines if f'[{a}]:40000 -> [{b}]:50000' in ln]
    assert len(own) == 1, out
    row = lines[lines.index(own[0]) + 1]
    assert '(above)' in row and 'udp' in row, row
    assert any('10.0.0.1:1000' in ln for ln in lines), out
    assert '(above): the endpoints' in out, out
    return 0


def test_quiet_prints_only_the_summary(vcflow, src):
    """-q: the flow and packet counts, nothing else."""
    cap = os.path.join(src, 'pcaps', 'demo.pcap')
    rc, out, err = run(vcflow, '-q', '-r', cap)
    assert rc == 0, err
    assert out.splitlines() == [
        '13 flows, 2 unexpected',
        '145 packets read, 145 in flows, 0 not IP, 0 undecodable'], out
    return 0


def pty_output(args, env):
    """Standard output of a run on a terminal (a pseudo-terminal)."""
    import pty
    import select
    master, slave = pty.openpty()
    p = subprocess.Popen(args, stdout=slave, stderr=subprocess.PIPE, env=env)
    os.close(slave)
    data = b''
    while True:
        r, _, _ = select.select([master], [], [], 30)
        if not r:
            break
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        data += chunk
    p.wait(timeout=60)
    os.close(master)
    return data.decode('utf-8', errors='replace')


def test_colour_only_on_a_terminal_without_no_color(vcflow, src):
    """On a terminal the unexpected flows' mark and reason are red; with
    NO_COLOR set, or on a pipe, there is no colour."""
    cap = os.path.join(src, 'pcaps', 'demo.pcap')
    env = {k: v for k, v in os.environ.items() if k != 'NO_COLOR'}
    out = pty_output([vcflow, '-r', cap], env)
    assert '\033[1;31m!\033[0m' in out, out[:400]
    assert '\033[1;31mUNEXPECTED:\033[0m' in out, out[:400]
    out = pty_output([vcflow, '-r', cap], {**env, 'NO_COLOR': '1'})
    assert '\033[' not in out and 'UNEXPECTED:' in out, out[:400]
    return 0


def page_parts(page):
    """The CSP, inline style and script, and the records of a report."""
    import re
    m = re.search(r'<meta http-equiv="Content-Security-Policy" '
                  r'content="([^"]*)">', page)
    csp = m.group(1) if m else None
    style = re.search(r'<style>(.*?)</style>', page, re.S).group(1)
    scripts = re.findall(r'<script([^>]*)>(.*?)</script>', page, re.S)
    data = [body for attrs, body in scripts if 'id="records"' in attrs]
    code = [body for attrs, body in scripts if not attrs]
    assert len(data) == 1 and len(code) == 1, scripts
    return csp, style, code[0], data[0]


def sha256_b64(text):
    import base64
    import hashlib
    return base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


def write_report(vcflow, tmp, *args):
    out = os.path.join(tmp, 'report.html')
    rc, _, err = run(vcflow, 'report', *args, '-o', out)
    assert rc == 0, err
    with open(out, encoding='utf-8') as fh:
        return out, fh.read()


def test_report_holds_the_records_json_writes(vcflow, src):
    """vcflow report: one file, under 300 KB for the demo, whose data block
    holds the flows -F json writes and the calls, findings, ladders and
    summary diagnose -F json --ladder writes, and whose policy allows its
    own inline style and script by hash and nothing else to load."""
    cap = os.path.join(src, 'pcaps', 'demo.pcap')
    with tempfile.TemporaryDirectory() as tmp:
        path, page = write_report(vcflow, tmp, '-r', cap)
        assert os.path.getsize(path) <= 300 * 1024, os.path.getsize(path)
        assert not [f for f in os.listdir(tmp) if f != 'report.html'], \
            os.listdir(tmp)
    csp, style, code, data = page_parts(page)
    assert csp == (f"default-src 'none'; script-src 'sha256-{sha256_b64(code)}'; "
                   f"style-src 'sha256-{sha256_b64(style)}'; img-src data:; "
                   "base-uri 'none'; form-action 'none'"), csp
    for bad in ('http:', 'https:', ' src=', ' href=', 'innerHTML',
                'outerHTML', 'insertAdjacentHTML', 'document.write', 'eval('):
        # the one URL in it is SVG's namespace name, never fetched
        assert bad not in code.replace("'http://www.w3.org/2000/svg'", ''), bad
    assert '<' not in data, 'a < in the data block'
    recs = json.loads(data)
    assert recs[0]['type'] == 'report' and recs[0]['files'] == [cap], recs[0]
    flows, stats = json_records(vcflow, cap)
    rc, out, err = run(vcflow, 'diagnose', '--ladder', '-F', 'json', '-r', cap)
    diag = [json.loads(x) for x in out.splitlines()]

    def strip(r):
        return {k: v for k, v in r.items() if k != 'sensor'}
    got = [strip(r) for r in recs[1:]]
    assert [r for r in got if r['type'] == 'flow'] == \
        [strip(f) for f in flows]
    for t in ('call', 'finding', 'ladder', 'summary'):
        assert [r for r in got if r['type'] == t] == \
            [strip(r) for r in diag if r['type'] == t], t
    st = [r for r in got if r['type'] == 'stats']
    assert len(st) == 1 and st[0]['packets_read'] == stats['packets_read']
    # usage: a page needs -o, and is HTML
    assert run(vcflow, 'report', '-r', cap)[0] == 2
    assert run(vcflow, 'report', '-r', cap, '-F', 'json', '-o', '/dev/null')[0] == 2
    return 0


HOSTILE = '</script><img src=x onerror=alert(1)>'


def test_report_hostile_user_agent_stays_text(vcflow, src):
    """A SIP call whose User-Agent is markup: in the page's data it cannot
    end the block (every < is \\u003c, U+2028 escaped), and rendered in
    Chromium it shows as text, with no img element in the DOM."""
    ua = HOSTILE + ' \u2028<!--'
    sdp = ('v=0\r\no=a 1 1 IN IP4 10.9.0.1\r\ns=-\r\nc=IN IP4 10.9.0.1\r\n'
           't=0 0\r\nm=audio 40000 RTP/AVP 0\r\n')

    def sip(first, cseq, body=''):
        return (f'{first}\r\n'
                'Via: SIP/2.0/UDP 10.9.0.1:5060;branch=z9hG4bKhostile\r\n'
                'From: "Mallory" <sip:m@10.9.0.1>;tag=1\r\n'
                'To: <sip:v@10.9.0.2>' + (';tag=2' if 'SIP/2.0 ' in first
                                           else '') + '\r\n'
                'Call-ID: hostile-1@10.9.0.1\r\n'
                f'CSeq: {cseq}\r\nUser-Agent: {ua}\r\n'
                'Contact: <sip:m@10.9.0.1>\r\n'
                + ('Content-Type: application/sdp\r\n' if body else '') +
                f'Content-Length: {len(body.encode())}\r\n\r\n{body}'
                ).encode()
    frames = [udp_frame('10.9.0.1', 5060, '10.9.0.2', 5060,
                        sip('INVITE sip:v@10.9.0.2 SIP/2.0', '1 INVITE', sdp)),
              udp_frame('10.9.0.2', 5060, '10.9.0.1', 5060,
                        sip('SIP/2.0 486 Busy Here', '1 INVITE'))]
    with tempfile.TemporaryDirectory() as tmp:
        cap = os.path.join(tmp, 'hostile.pcap')
        write_pcap(cap, frames)
        path, page = write_report(vcflow, tmp, '-r', cap)
        _, _, _, data = page_parts(page)
        for bad in ('<', '\u2028'):
            assert bad not in data, repr(bad)
        recs = json.loads(data)
        calls = [r for r in recs if r['type'] == 'call']
        assert calls and ua in calls[0]['user_agents'], calls
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        import browser
        if not browser.chromium():
            print('chromium not installed: the page was not rendered')
            return SKIP
        doc = browser.parse(browser.dump_dom(path))
    assert not doc.find_all('img'), 'an img element was made'
    assert not [n for n in doc.walk() if 'onerror' in n.attrs]
    call = doc.find('details', cls='call')
    assert call is not None and call.attrs['data-call-id'] == 'hostile-1@10.9.0.1'
    assert HOSTILE in call.text(), call.text()[:500]
    return 0


def peak_rss_kib(cmd):
    """Runs cmd to its end with stdout discarded; its peak resident size,
    read from /proc while it runs (wait4's figure would count the size of
    this Python process, from which it was forked)."""
    import time
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
    peak = 0
    while p.poll() is None:
        try:
            with open(f'/proc/{p.pid}/status') as fh:
                for line in fh:
                    if line.startswith('VmHWM:'):
                        peak = max(peak, int(line.split()[1]))
        except OSError:
            pass
        time.sleep(0.005)
    assert p.returncode == 0, cmd
    return peak


def test_max_flows_bounds_diagnose_memory(vcflow, src):
    """diagnose keeps no more flows than --max-flows: 100,000 unanswered
    STUN requests take a small fraction of the memory they take unbounded,
    and the summary says how many were judged early."""
    import struct
    n = 100000
    eth = bytes.fromhex('020000000001020000000002') + b'\x08\x00'
    stun = b'\x00\x01\x00\x00\x21\x12\xa4\x42' + bytes(12)
    recs = []
    for i in range(n):
        a = bytes([10, 64 | (i >> 16) & 63, (i >> 8) & 255, i & 255])
        udp = struct.pack('!HHHH', 20000 + i % 40000, 3478,
                          8 + len(stun), 0) + stun
        ip = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(udp), 0, 0, 64,
                         17, 0, a, bytes([172, 16, 0, 1])) + udp
        f = eth + ip
        recs.append(struct.pack('<IIII', 1700000000 + i // 10000,
                                (i % 10000) * 100, len(f), len(f)) + f)
    with tempfile.TemporaryDirectory() as tmp:
        cap = os.path.join(tmp, 'stun.pcap')
        with open(cap, 'wb') as fh:
            fh.write(struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
            fh.write(b''.join(recs))
        bounded = peak_rss_kib([vcflow, 'diagnose', '-F', 'json', '-r', cap,
                                '--max-flows', '1000'])
        unbounded = peak_rss_kib([vcflow, 'diagnose', '-F', 'json', '-r',
                                  cap, '--max-flows', str(2 * n)])
        rc, out, err = run(vcflow, 'diagnose', '-F', 'json', '-r', cap,
                           '--max-flows', '1000')
    print(f'{n} flows: diagnose peak {bounded} KiB with --max-flows 1000, '
          f'{unbounded} KiB unbounded')
    assert bounded * 4 < unbounded, (bounded, unbounded)
    summary = json.loads(out.splitlines()[-1])
    assert summary['type'] == 'summary' and summary['flows_judged_early'] > 0, \
        summary
    return 0


def call_of(calls, call_id):
    got = [c for c in calls if c['call_id'] == call_id]
    assert len(got) == 1, (call_id, calls)
    return got[0]


def test_h323_calls_have_records(vcflow, src):
    """H.323 calls as tshark -Y q931 shows them: the call's times from its
    Setup, Alerting, Connect and Release Complete, the Q.850 cause as its
    final code, the numbers of the Setup's party number elements; and a
    call-signalling connection never set up as an unanswered call."""
    def flow_ids(recs, app):
        return [f['flow_id'] for f in recs
                if f['type'] == 'flow' and f['app'] == app]
    # pcaps/h323.pcap: Setup 0.6119, Alerting 0.8271, Connect 2.3272,
    # Release Complete 5.4720 (cause 16) from the caller; H.245 opens no
    # channel (TCS, MSD, endSessionCommand), and no RTP is in the capture
    calls, recs = call_records(vcflow, '-r',
                               os.path.join(src, 'pcaps', 'h323.pcap'))
    assert len(calls) == 1, calls
    c = calls[0]
    want = {'call_id': '4a1b2c3d-4e5f-11ee-8002-005056a00002',
            'protocol': 'h323', 'status': 'no_media', 'end': 'released',
            'final_code': 16, 'final_reason': 'normal call clearing',
            'caller': '2001', 'callee': '2002',
            'user_agents': ['vcflow-test-ep 1.0'],
            'attempt_ts': '2024-03-01T10:00:00.611900Z',
            'ringing_ts': '2024-03-01T10:00:00.827100Z',
            'answer_ts': '2024-03-01T10:00:02.327200Z',
            'end_ts': '2024-03-01T10:00:05.472000Z',
            'post_dial_delay_ms': 215.2, 'media': []}
    for k, v in want.items():
        assert c[k] == v, (k, c[k], v)
    assert c['flows'] == flow_ids(recs, 'q931'), c['flows']
    assert [m['method'] for m in c['messages']] == [
        'Setup', 'Call Proceeding', 'Alerting', 'Connect',
        'Release Complete'], c['messages']
    # the H.245 flow the Setup announced carries the call's id
    h245 = [f for f in recs if f['type'] == 'flow' and f['app'] == 'h245']
    assert h245[0]['call_id'] == c['call_id'], h245
    # the demo's: Setup, Call Proceeding, Alerting, Connect, and H.245 with
    # capabilities only: answered, no media, not released by the end
    calls, recs = call_records(vcflow, '-r',
                               os.path.join(src, 'pcaps', 'demo.pcap'))
    c = call_of(calls, '6d656d6f-0002-11ee-9002-005056b00002')
    assert (c['status'], c['end'], c['final_code'], c['caller'],
            c['callee'], c['answer_ts'], c['end_ts'], c['media']) == (
        'no_media', 'eof', None, '3001', '3002',
        '2024-03-01T10:00:02.917600Z', None, []), c
    assert c['flows'] == flow_ids(recs, 'q931'), c
    # q931-blocked.pcap: four SYNs to 1720, never answered
    calls, recs = call_records(vcflow, '-r', os.path.join(
        src, 'pcaps', 'diagnose', 'q931-blocked.pcap'))
    assert len(calls) == 1, calls
    c = calls[0]
    assert (c['protocol'], c['status'], c['final_code'], c['flows']) == (
        'h323', 'unanswered', None, flow_ids(recs, 'q931')), c
    # ../shared/pcaps/h323.pcap, three captures in one:
    cap = os.path.join(src, '..', 'shared', 'pcaps', 'h323.pcap')
    if not os.path.exists(cap):
        return 0
    calls, recs = call_records(vcflow, '-r', cap)
    assert len(calls) == 3, calls
    # Callgen323 to a 310i: Setup, Call Proceeding, Alerting, Connect and
    # H.245 opening G.711 A-law both ways, but no RTP in the capture
    c = call_of(calls, 'c0fef93e-cd9e-d611-9ab2-000476222017')
    assert (c['status'], c['final_code'], c['media'], c['user_agents']) == (
        'no_media', None, [],
        ['Callgen323 pogacsam 0.9alpha4', '310i R']), c
    assert c['post_dial_delay_ms'] == 400.1, c
    # all-zero GUIDs: the call reference at the caller's connection;
    # Setup and Alerting, then the capture ends
    c = call_of(calls, '0001@192.168.0.208:56837')
    assert (c['status'], c['caller'], c['answer_ts']) == (
        'in_progress', '17', None), c
    q931 = [f for f in recs if f['type'] == 'flow' and
            f['flow_id'] in c['flows']]
    assert q931[0]['call_id'] == c['call_id'], q931
    # Setup from 5295672 to 9246526, Release Complete from the called side
    # (reason undefinedReason, no cause element) before any answer
    c = call_of(calls, '004091fb-7289-f911-802a-050403020100')
    assert (c['status'], c['final_code'], c['caller'], c['callee']) == (
        'failed', None, '5295672', '9246526'), c
    return 0


def test_sccp_calls_have_records(vcflow, src):
    """SCCP calls as tshark -Y skinny shows them: a station's CallState
    messages give the call's times, Connected its final code, CallInfo its
    parties; two stations' legs are one call when one sends its media where
    the other receives; a call seen only from its media setup is judged by
    its media."""
    # pcaps/sccp.pcap: Register (a 7960), OpenReceiveChannel for
    # conference 16779777, its Ack, StartMediaTransmission; RTP 12 packets
    # each way, PCMU, none lost; no CallState
    calls, recs = call_records(vcflow, '-r',
                               os.path.join(src, 'pcaps', 'sccp.pcap'))
    assert len(calls) == 1, calls
    c = calls[0]
    assert (c['call_id'], c['protocol'], c['status'], c['final_code'],
            c['user_agents'], c['attempt_ts'], c['answer_ts']) == (
        'sccp-conf-16779777', 'sccp', 'ok', None, ['Cisco 7960'], None,
        None), c
    media = sorted((m['codec'], m['src'], m['pkts'], m['lost'])
                   for m in c['media'])
    assert media == [('PCMU', '10.30.1.50', 12, 0),
                     ('PCMU', '10.30.2.60', 12, 0)], media
    cap = os.path.join(src, '..', 'shared', 'pcaps', 'skinny.pcap')
    if not os.path.exists(cap):
        return 0
    # skinny.pcap: 192.168.195.58 (call reference 19805770: OffHook,
    # Proceed, RingOut, Connected) calls 192.168.195.50 (19805771: RingIn,
    # OffHook, Connected) through 192.168.193.12, CallInfoV2 321 -> 307;
    # .50 is told to send to 192.168.195.58:32144, where .58 receives.
    # tshark -z rtp,streams: .58:32144 <-> .50:17718 (36 and 33 packets,
    # every one of them twice: 18 and 17 once), and each phone's two streams
    # to the recorder 192.168.193.24 (18 and 16, 17 and 15), PCMU, none lost
    calls, recs = call_records(vcflow, '-r', cap)
    assert len(calls) == 1, calls
    c = calls[0]
    want = {'call_id': 'sccp-conf-19805770', 'protocol': 'sccp',
            'status': 'ok', 'end': 'eof', 'final_code': 5,
            'final_reason': 'Connected', 'caller': '321', 'callee': '307',
            'ringing_ts': '2011-10-05T07:52:10.506133Z',
            'answer_ts': '2011-10-05T07:52:14.135876Z', 'end_ts': None}
    for k, v in want.items():
        assert c[k] == v, (k, c[k], v)
    sccp = sorted(f['flow_id'] for f in recs
                  if f['type'] == 'flow' and f['app'] == 'sccp')
    assert sorted(c['flows']) == sccp, (c['flows'], sccp)
    media = sorted((m['src'], m['dst'], m['pkts'], m['lost'], m['codec'],
                    m['sender']) for m in c['media'])
    assert media == [
        ('192.168.195.50', '192.168.193.24', 15, 0, 'PCMU', 'callee'),
        ('192.168.195.50', '192.168.193.24', 17, 0, 'PCMU', 'callee'),
        ('192.168.195.50', '192.168.195.58', 17, 0, 'PCMU', 'callee'),
        ('192.168.195.58', '192.168.193.24', 16, 0, 'PCMU', 'caller'),
        ('192.168.195.58', '192.168.193.24', 18, 0, 'PCMU', 'caller'),
        ('192.168.195.58', '192.168.195.50', 18, 0, 'PCMU', 'caller')], media
    assert c['mos_to_callee'] == c['mos_to_caller'] == 4.41, c
    # the called station's call reference finds the call too
    one, only = call_records(vcflow, '-r', cap, '--call', 'sccp-conf-19805771')
    assert [x['call_id'] for x in one] == ['sccp-conf-19805770'], one
    # every flow of the capture is the call's: 2 SCCP, 5 RTP
    assert len([f for f in only if f['type'] == 'flow']) == 7, only
    return 0

def test_save_unexpected_on_a_damaged_capture_keeps_what_was_read(vcflow,
                                                                  src):
    """A capture cut short mid-record is an error naming it (exit 1), and
    --save-unexpected still writes the flagged flows' packets read before
    the damage, as a whole capture file."""
    cap = os.path.join(src, 'pcaps', 'demo.pcap')
    with open(cap, 'rb') as fh:
        data = fh.read()
    with tempfile.TemporaryDirectory() as tmp:
        cut = os.path.join(tmp, 'cut.pcap')
        with open(cut, 'wb') as fh:
            fh.write(data[:len(data) - 50])
        out = os.path.join(tmp, 'flagged.pcap')
        rc, _, err = run(vcflow, '-F', 'json', '-r', cut,
                         '--save-unexpected', out)
        assert rc == 1 and 'cut.pcap' in err, (rc, err)
        saved = pcap_records(out)[1]
        whole = os.path.join(tmp, 'whole.pcap')
        rc, _, err = run(vcflow, '-F', 'json', '-r', cap,
                         '--save-unexpected', whole)
        assert rc == 0, err
        assert saved and saved == pcap_records(whole)[1][:len(saved)], \
            (len(saved), len(pcap_records(whole)[1]))
        rc, _, err = run(vcflow, '-r', '')
        assert rc == 2 and 'file name' in err, (rc, err)
    return 0


def test_outputs_that_are_devices_are_written_in_place(vcflow, src):
    """An output written whole is renamed into place, except over a name
    that is not a regular file: the report and --save-unexpected written
    to a character device leave it a device (as root: mknod)."""
    import stat
    if os.geteuid() != 0:
        return SKIP
    cap = os.path.join(src, 'pcaps', 'demo.pcap')
    with tempfile.TemporaryDirectory() as tmp:
        dev = os.path.join(tmp, 'null')
        os.mknod(dev, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        for args in (['report', '-r', cap, '-o', dev],
                     ['-r', cap, '--save-unexpected', dev]):
            rc, _, err = run(vcflow, *args)
            assert rc == 0, (args, err)
            assert stat.S_ISCHR(os.stat(dev).st_mode), args
        assert os.listdir(tmp) == ['null'], os.listdir(tmp)
    return 0


TESTS = {name[5:]: fn for name, fn in globals().items()
         if name.startswith('test_')}

if __name__ == '__main__':
    name, vcflow, src = sys.argv[1:4]
    try:
        sys.exit(TESTS[name](vcflow, src))
    except AssertionError as e:
        print(f'FAIL: {e}')
        sys.exit(1)
