#!/usr/bin/env python3
"""ClickHouse: vcflow's records load into tools/clickhouse's tables.

Usage: clickhouse.py VCFLOW SOURCE_DIR

Starts clickhouse-server (Debian's 18.16, or a current release's
`clickhouse server`) as a plain process on loopback ports with a data
folder of its own, creates the tables of tools/clickhouse/schema.sql,
loads with tools/clickhouse/load.sh the records of every capture in
pcaps/ (`-F json`, a sensor name each) and of every capture in
pcaps/diagnose/ (`diagnose -F json --ladder`), and checks that each table
holds one row a record, that the values came through (times, nulls,
arrays, flattened objects), that a record of unknown type loads nothing,
and that the answers of tools/clickhouse/queries.sql are what the records
say.  Exit 0 pass, 1 fail, 77 skip (no server, client or jq, or the server
does not start).
"""
import collections
import datetime
import glob
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time

SKIP = 77
START_TIMEOUT_S = 60
TABLES = {'flow': 'flows', 'call': 'calls', 'finding': 'findings',
          'stats': 'stats', 'summary': 'summaries'}


def server_command():
    for name in ('clickhouse-server', '/usr/sbin/clickhouse-server',
                 '/usr/bin/clickhouse-server'):
        if shutil.which(name):
            return [shutil.which(name)]
    if shutil.which('clickhouse'):
        return [shutil.which('clickhouse'), 'server']
    return None


def client_command():
    if shutil.which('clickhouse-client'):
        return [shutil.which('clickhouse-client')]
    if shutil.which('clickhouse'):
        return [shutil.which('clickhouse'), 'client']
    return None


def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


CONFIG = """<?xml version="1.0"?>
<yandex>
  <logger>
    <level>warning</level>
    <log>{d}/server.log</log>
    <errorlog>{d}/server.err.log</errorlog>
  </logger>
  <listen_host>127.0.0.1</listen_host>
  <tcp_port>{tcp}</tcp_port>
  <http_port>{http}</http_port>
  <path>{d}/data/</path>
  <tmp_path>{d}/tmp/</tmp_path>
  <user_files_path>{d}/user_files/</user_files_path>
  <format_schema_path>{d}/format_schemas/</format_schema_path>
  <users_config>{d}/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>UTC</timezone>
  <mark_cache_size>268435456</mark_cache_size>
  <max_server_memory_usage_to_ram_ratio>0.5</max_server_memory_usage_to_ram_ratio>
</yandex>
"""

USERS = """<?xml version="1.0"?>
<yandex>
  <profiles><default></default></profiles>
  <users>
    <default>
      <password></password>
      <networks><ip>127.0.0.1</ip></networks>
      <profile>default</profile>
      <quota>default</quota>
    </default>
  </users>
  <quotas><default></default></quotas>
</yandex>
"""


class Server:
    """A clickhouse-server of the test's own, stopped by stop()."""

    def __init__(self, tmp):
        self.dir = os.path.join(tmp, 'ch')
        os.makedirs(self.dir)
        self.tcp = free_port()
        http = free_port()
        with open(os.path.join(self.dir, 'config.xml'), 'w') as fh:
            fh.write(CONFIG.format(d=self.dir, tcp=self.tcp, http=http))
        with open(os.path.join(self.dir, 'users.xml'), 'w') as fh:
            fh.write(USERS)
        self.log = open(os.path.join(self.dir, 'console.log'), 'w')
        self.proc = subprocess.Popen(
            server_command() + ['--config-file=' +
                                os.path.join(self.dir, 'config.xml')],
            stdout=self.log, stderr=subprocess.STDOUT, cwd=self.dir)
        self.client = client_command() + ['--host', '127.0.0.1',
                                          '--port', str(self.tcp)]

    def wait_ready(self):
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                return False
            p = subprocess.run(self.client + ['--query', 'SELECT 1'],
                               capture_output=True, text=True)
            if p.returncode == 0 and p.stdout.strip() == '1':
                return True
            time.sleep(0.5)
        return False

    def why_not(self):
        text = []
        for name in ('console.log', 'server.err.log'):
            path = os.path.join(self.dir, name)
            if os.path.exists(path):
                with open(path, errors='replace') as fh:
                    text += fh.read().splitlines()[-5:]
        return '\n'.join(text)

    def query(self, sql, stdin=None):
        p = subprocess.run(self.client + ['--multiquery', '--query', sql]
                           if sql else self.client + ['--multiquery'],
                           input=stdin, capture_output=True, text=True,
                           timeout=120)
        assert p.returncode == 0, f'{sql or "(stdin)"}: {p.stderr.strip()}'
        return [tsv_row(line) for line in p.stdout.splitlines()]

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()


def tsv_unescape(s):
    out, i = [], 0
    table = {'t': '\t', 'n': '\n', '\\': '\\', "'": "'", '0': '\0',
             'r': '\r', 'b': '\b', 'f': '\f'}
    while i < len(s):
        if s[i] == '\\' and i + 1 < len(s):
            out.append(table.get(s[i + 1], s[i + 1]))
            i += 2
        else:
            out.append(s[i])
            i += 1
    return ''.join(out)


def tsv_row(line):
    return [tsv_unescape(f) for f in line.split('\t')]


def epoch(ts):
    """ISO time -> (whole seconds since 1970, microseconds)."""
    whole = datetime.datetime.strptime(ts[:19], '%Y-%m-%dT%H:%M:%S')
    whole = whole.replace(tzinfo=datetime.timezone.utc)
    frac = ts[20:-1] if len(ts) > 20 else ''
    return int(whole.timestamp()), int((frac + '000000')[:6])


def run_vcflow(vcflow, args, sensor):
    p = subprocess.run([vcflow, *args, '-F', 'json', '--sensor', sensor],
                       capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, f'{args}: exit {p.returncode}: {p.stderr}'
    recs = [json.loads(x) for x in p.stdout.splitlines()]
    for r in recs:
        assert r.get('sensor') == sensor, \
            f'{args}: a {r["type"]} record without sensor {sensor}: {r}'
    return p.stdout, recs


def make_records(vcflow, src, path):
    """Every capture's records into one file, as many sensors would."""
    recs, text = [], []
    for cap in sorted(glob.glob(os.path.join(src, 'pcaps', '*.pcap'))):
        sensor = 'cls-' + os.path.basename(cap)[:-5]
        out, got = run_vcflow(vcflow, ['-r', cap], sensor)
        text.append(out)
        recs += got
    for cap in sorted(glob.glob(os.path.join(src, 'pcaps', 'diagnose',
                                             '*.pcap'))):
        sensor = 'diag-' + os.path.basename(cap)[:-5]
        out, got = run_vcflow(vcflow, ['diagnose', '-r', cap, '--ladder'],
                              sensor)
        text.append(out)
        recs += got
    with open(path, 'w') as fh:
        fh.write(''.join(text))
    return recs


def load(src, server, *files):
    env = dict(os.environ, CLICKHOUSE_CLIENT=' '.join(server.client))
    return subprocess.run([os.path.join(src, 'tools', 'clickhouse',
                                        'load.sh'), *files],
                          capture_output=True, text=True, env=env,
                          timeout=300)


def counts(server):
    return {t: int(server.query(f'SELECT count() FROM vcflow.{t}')[0][0])
            for t in TABLES.values()}


def check_values(server, recs):
    """Sums and counts over columns that the flattening produced."""
    by = collections.defaultdict(list)
    for r in recs:
        by[r['type']].append(r)
    flows, calls, finds = by['flow'], by['call'], by['finding']
    want = {
        'flows': [
            ('sum(pkts_fwd + pkts_rev)',
             sum(f['pkts_fwd'] + f['pkts_rev'] for f in flows)),
            ('sum(bytes_fwd)', sum(f['bytes_fwd'] for f in flows)),
            ('sum(unexpected)', sum(f['unexpected'] for f in flows)),
            ('countIf(isNull(product_evidence))',
             sum(f['product_evidence'] is None for f in flows)),
            ('sum(length(product))', sum(len(f['product']) for f in flows)),
            ('sum(length(apps))', sum(len(f['apps']) for f in flows)),
            ('sum(toUInt32(first_ts))',
             sum(epoch(f['first_ts'])[0] for f in flows)),
            ('sum(first_ts_us + last_ts_us)',
             sum(epoch(f['first_ts'])[1] + epoch(f['last_ts'])[1]
                 for f in flows)),
            ('countIf(isNotNull(tcp_syns))',
             sum('tcp' in f for f in flows)),
            ('sum(ifNull(tcp_syn_fwd, 0))',
             sum(f.get('tcp', {}).get('syn_fwd', False) for f in flows)),
            ('sum(ifNull(rtp_fwd_packets, 0))',
             sum(f.get('rtp_fwd', {}).get('packets', 0) for f in flows)),
            ('countIf(isNotNull(tunnel_kind))',
             sum('tunnel' in f for f in flows)),
            ('countIf(isNotNull(vlan))', sum('vlan' in f for f in flows)),
            ('sum(length(dscp_fwd))', sum(len(f['dscp_fwd']) for f in flows)),
            ('countIf(isNotNull(source_table))',
             sum(f.get('table') is not None for f in flows)),
            ('uniqExact(end_reason)', len({f['end'] for f in flows})),
            ('uniqExact(sensor)', len({f['sensor'] for f in flows})),
        ],
        'calls': [
            ('countIf(isNull(final_code))',
             sum(c['final_code'] is None for c in calls)),
            ('countIf(isNull(answer_ts))',
             sum(c['answer_ts'] is None for c in calls)),
            ('sum(ifNull(answer_ts_us, 0))',
             sum(epoch(c['answer_ts'])[1] for c in calls
                 if c['answer_ts'])),
            ('sum(length(flows))', sum(len(c['flows']) for c in calls)),
            ('sum(media_dropped)', sum(c['media_dropped'] for c in calls)),
            ('countIf(media != \'[]\')', sum(bool(c['media']) for c in calls)),
        ],
        'findings': [
            ('sum(count)', sum(f['count'] for f in finds)),
            ('sum(length(ports))', sum(len(f['ports']) for f in finds)),
            ('countIf(isNull(caveat))',
             sum(f['caveat'] is None for f in finds)),
            ('countIf(severity = \'critical\')',
             sum(f['severity'] == 'critical' for f in finds)),
        ],
        'stats': [
            ('sum(packets_read)', sum(s['packets_read']
                                      for s in by['stats'])),
        ],
    }
    failures = []
    for table, checks in want.items():
        for expr, value in checks:
            got = server.query(f'SELECT {expr} FROM vcflow.{table}')[0][0]
            if int(got) != int(value):
                failures.append(f'{table}: {expr} = {got}, records say '
                                f'{value}')
    # One flow's row, column by column where its record has a value.
    demo = next(f for f in flows if f['sensor'] == 'cls-demo' and
                f['app'] == 'sip')
    row = server.query(
        "SELECT first_ts, first_ts_us, last_ts_us, product, call_id, "
        "function FROM vcflow.flows WHERE flow_id = '%s' AND sensor = "
        "'cls-demo' FORMAT TabSeparated" % demo['flow_id'])[0]
    secs, us = epoch(demo['first_ts'])
    want_row = [datetime.datetime.fromtimestamp(
                    secs, datetime.timezone.utc).strftime('%Y-%m-%d %H:%M:%S'),
                str(us), str(epoch(demo['last_ts'])[1]),
                json.dumps(demo['product']).replace('"', "'").replace(
                    ', ', ','),
                demo['call_id'], demo['function']]
    if row != want_row:
        failures.append(f'the demo SIP flow: {row}, records say {want_row}')
    return failures


def statements(path):
    with open(path) as fh:
        text = '\n'.join(line for line in fh.read().splitlines()
                         if not line.lstrip().startswith('--'))
    return [s.strip() for s in text.split(';') if s.strip()]


def check_queries(server, src, recs):
    """tools/clickhouse/queries.sql answers what the records say."""
    qs = statements(os.path.join(src, 'tools', 'clickhouse', 'queries.sql'))
    assert len(qs) == 3, f'queries.sql holds {len(qs)} queries, expected 3'
    failures = []
    flows = [r for r in recs if r['type'] == 'flow']
    calls = [r for r in recs if r['type'] == 'call']

    # 1. unexpected flows by product and port
    groups = collections.defaultdict(list)
    for f in flows:
        if f['unexpected']:
            prod = f['product'][0] if f['product'] else ''
            groups[(prod, f['transport'], f['dport'])].append(f)
    want = sorted((k[0], k[1], k[2], len(v), len({f['src'] for f in v}),
                   len({f['sensor'] for f in v}),
                   sum(f['bytes_fwd'] + f['bytes_rev'] for f in v))
                  for k, v in groups.items())
    rows = server.query(qs[0])
    got = sorted((r[0], r[1], int(r[2]), int(r[3]), int(r[4]), int(r[5]),
                  int(r[6])) for r in rows)
    if not want:
        failures.append('no unexpected flow in pcaps/: query 1 untested')
    if got != want:
        failures.append(f'unexpected flows by product and port: {got}, '
                        f'records say {want}')
    if [int(r[3]) for r in rows] != sorted((int(r[3]) for r in rows),
                                           reverse=True):
        failures.append('unexpected flows: not the most common first')

    # 2. failed calls by cause
    groups = collections.defaultdict(list)
    for c in calls:
        if c['status'] in ('failed', 'unanswered', 'one_way', 'no_media'):
            groups[(c['status'], c['protocol'], c['final_code'] or 0,
                    c['final_reason'] or '')].append(c)
    want = sorted((*k, len(v), len({c['sensor'] for c in v}))
                  for k, v in groups.items())
    rows = server.query(qs[1])
    got = sorted((r[0], r[1], int(r[2]), r[3], int(r[4]), int(r[5]))
                 for r in rows)
    if not want:
        failures.append('no failed call in pcaps/: query 2 untested')
    if got != want:
        failures.append(f'failed calls by cause: {got}, records say {want}')
    for r in rows:
        if not any(c['call_id'] == r[6] for c in
                   groups[(r[0], r[1], int(r[2]), r[3])]):
            failures.append(f'failed calls: example {r[6]} not of {r[:4]}')

    # 3. worst MOS by sensor
    per = collections.defaultdict(list)
    for c in calls:
        m = [x for x in (c['mos_to_callee'], c['mos_to_caller'])
             if x is not None]
        if m:
            per[c['sensor']].append((min(m), c['call_id']))
    rows = server.query(qs[2])
    got = {r[0]: (int(r[1]), float(r[2]), r[3], float(r[4])) for r in rows}
    if not per:
        failures.append('no call with a MOS in pcaps/: query 3 untested')
    if set(got) != set(per):
        failures.append(f'worst MOS: sensors {sorted(got)}, records say '
                        f'{sorted(per)}')
    for sensor, ms in per.items():
        if sensor not in got:
            continue
        n, worst, call, mean = got[sensor]
        low = min(m for m, _ in ms)
        if (n != len(ms) or abs(worst - low) > 1e-6 or
                (low, call) not in ms or
                abs(mean - round(sum(m for m, _ in ms) / len(ms), 2)) > 0.006):
            failures.append(f'worst MOS of {sensor}: {got[sensor]}, records '
                            f'say {sorted(ms)}')
    if [float(r[2]) for r in rows] != sorted(float(r[2]) for r in rows):
        failures.append('worst MOS: not the worst sensor first')
    return failures


def check_rejects(server, src, tmp, recs):
    """Unknown record types and lines that are not records load nothing."""
    failures = []
    before = counts(server)
    flow = next(r for r in recs if r['type'] == 'flow')
    for name, lines in (('unknown-type', [json.dumps(flow),
                                          '{"type":"alert","x":1}']),
                        ('not-json', [json.dumps(flow), 'not json']),
                        ('no-type', [json.dumps(flow), '{"flow_id":"x"}'])):
        path = os.path.join(tmp, name + '.json')
        with open(path, 'w') as fh:
            fh.write('\n'.join(lines) + '\n')
        p = load(src, server, path)
        if p.returncode == 0 or 'load.sh:' not in p.stderr:
            failures.append(f'{name}: load.sh exit {p.returncode}, '
                            f'{p.stderr.strip()!r}')
    if counts(server) != before:
        failures.append(f'rejected input loaded rows: {before} -> '
                        f'{counts(server)}')
    return failures


def main(vcflow, src):
    if not server_command() or not client_command():
        print('clickhouse-server or clickhouse-client not installed '
              '(tests/install-deps.sh installs them)')
        return SKIP
    if not shutil.which('jq'):
        print('jq not installed (tests/install-deps.sh installs it)')
        return SKIP
    with tempfile.TemporaryDirectory() as tmp:
        server = Server(tmp)
        try:
            if not server.wait_ready():
                print('clickhouse-server did not start:\n' +
                      server.why_not())
                return SKIP
            with open(os.path.join(src, 'tools', 'clickhouse',
                                   'schema.sql')) as fh:
                server.query(None, stdin=fh.read())
            path = os.path.join(tmp, 'records.json')
            recs = make_records(vcflow, src, path)
            p = load(src, server, path)
            assert p.returncode == 0, f'load.sh: {p.stderr.strip()}'
            print(p.stderr.strip())
            per_type = collections.Counter(r['type'] for r in recs)
            unknown = set(per_type) - set(TABLES) - {'ladder'}
            assert not unknown, f'record types with no table: {unknown}'
            failures = []
            got = counts(server)
            for rtype, table in TABLES.items():
                if got[table] != per_type[rtype]:
                    failures.append(f'{table}: {got[table]} rows, '
                                    f'{per_type[rtype]} {rtype} records')
                if not per_type[rtype]:
                    failures.append(f'no {rtype} record in the captures')
            failures += check_values(server, recs)
            failures += check_queries(server, src, recs)
            failures += check_rejects(server, src, tmp, recs)
        finally:
            server.stop()
    for f in failures:
        print(f)
    return 1 if failures else 0


if __name__ == '__main__':
    try:
        sys.exit(main(sys.argv[1], sys.argv[2]))
    except AssertionError as e:
        print(f'FAIL: {e}')
        sys.exit(1)
