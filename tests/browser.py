#!/usr/bin/env python3
"""The report in a real browser: Debian's chromium, headless.

Usage: browser.py TEST VCFLOW SOURCE_DIR

Each report is rendered with --dump-dom and the DOM the page's script built
is checked against the records `vcflow diagnose -F json` writes for the
same capture: the calls with their verdicts and ladders, the findings with
their fixes, the flows.  One test renders inside a network namespace with
no links and a --log-net-log, and checks that the only URL the browser
loaded is the report's own file:// URL.  Exit 0 pass, 1 fail, 77 skip
(without chromium, or without root for the namespace).
"""
import base64
import hashlib
import html.parser
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

SKIP = 77
FLAGS = ['--headless', '--no-sandbox', '--disable-gpu',
         '--disable-background-networking', '--disable-component-update',
         '--disable-sync', '--no-first-run', '--disable-default-apps',
         '--no-default-browser-check', '--mute-audio', '--hide-scrollbars']


def chromium():
    for name in ('chromium', 'chromium-browser'):
        path = shutil.which(name)
        if path:
            return path
    return None


def run_chromium(args, netns=None, timeout=120):
    """Runs chromium with a fresh profile; returns its stdout."""
    exe = chromium()
    with tempfile.TemporaryDirectory() as profile:
        cmd = [exe, *FLAGS, f'--user-data-dir={profile}', *args]
        if netns:
            cmd = ['ip', 'netns', 'exec', netns, *cmd]
        p = subprocess.run(cmd, capture_output=True, timeout=timeout,
                           env={**os.environ, 'HOME': profile})
    if p.returncode != 0:
        raise AssertionError(f'chromium exit {p.returncode}: '
                             f'{p.stderr.decode(errors="replace")[-2000:]}')
    return p.stdout.decode('utf-8')


def dump_dom(page, netns=None, net_log=None):
    args = ['--virtual-time-budget=5000']
    if net_log:
        args.append(f'--log-net-log={net_log}')
    return run_chromium([*args, '--dump-dom', 'file://' + os.path.abspath(page)],
                        netns=netns)


def screenshot(page, png, width=1280, height=1800):
    run_chromium([f'--window-size={width},{height}', '--virtual-time-budget=5000',
                  f'--screenshot={os.path.abspath(png)}',
                  'file://' + os.path.abspath(page)])


# ---- a small DOM from the serialised page ----

VOID = {'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link',
        'meta', 'source', 'track', 'wbr'}


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent = tag, dict(attrs), parent
        self.children = []

    def text(self):
        return ''.join(c if isinstance(c, str) else c.text()
                       for c in self.children)

    def walk(self):
        for c in self.children:
            if isinstance(c, Node):
                yield c
                yield from c.walk()

    def find_all(self, tag=None, cls=None, **attrs):
        out = []
        for n in self.walk():
            if tag and n.tag != tag:
                continue
            if cls and cls not in n.attrs.get('class', '').split():
                continue
            if any(n.attrs.get(k.replace('_', '-')) != v
                   for k, v in attrs.items()):
                continue
            out.append(n)
        return out

    def find(self, *a, **k):
        found = self.find_all(*a, **k)
        return found[0] if found else None


class Builder(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node('#document', {}, None)
        self.cur = self.root

    def handle_starttag(self, tag, attrs):
        n = Node(tag, attrs, self.cur)
        self.cur.children.append(n)
        if tag not in VOID:
            self.cur = n

    def handle_startendtag(self, tag, attrs):
        self.cur.children.append(Node(tag, attrs, self.cur))

    def handle_endtag(self, tag):
        n = self.cur
        while n is not self.root and n.tag != tag:
            n = n.parent
        if n is not self.root:
            self.cur = n.parent

    def handle_data(self, data):
        self.cur.children.append(data)


def parse(dom):
    b = Builder()
    b.feed(dom)
    b.close()
    return b.root


# ---- the page and the records it draws ----

def report(vcflow, out, *args):
    p = subprocess.run([vcflow, 'report', *args, '-o', out],
                       capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, (args, p.returncode, p.stderr)
    return out


def records(vcflow, *args):
    """What the page holds: diagnose's records and the flows."""
    p = subprocess.run([vcflow, 'diagnose', '--ladder', '-F', 'json', *args],
                       capture_output=True, text=True, timeout=300)
    assert p.returncode in (0, 3), p.stderr
    recs = [json.loads(x) for x in p.stdout.splitlines()]
    p = subprocess.run([vcflow, '-F', 'json', *args], capture_output=True,
                       text=True, timeout=300)
    assert p.returncode == 0, p.stderr
    flows = [json.loads(x) for x in p.stdout.splitlines()]
    return recs + [f for f in flows if f['type'] == 'flow']


def check_page(dom, recs, name):
    """The DOM shows what the records say."""
    doc = parse(dom)
    main = doc.find('main', id='report')
    assert main is not None and main.find('h1'), f'{name}: nothing drawn'
    assert not doc.find_all('img'), f'{name}: an img element'
    calls = [r for r in recs if r['type'] == 'call']
    findings = [r for r in recs if r['type'] == 'finding']
    flows = [r for r in recs if r['type'] == 'flow']
    # calls: each with its verdict; an open call with its ladder drawn
    items = main.find('section', id='calls').find_all('details', cls='call')
    assert len(items) == min(len(calls), 50), (name, len(items), len(calls))
    got = sorted((d.attrs['data-call-id'], d.attrs['data-status'])
                 for d in items)
    want = sorted((c['call_id'], c['status']) for c in calls)[:50]
    assert got == want, (name, got, want)
    for d in items:
        if 'open' not in d.attrs:
            continue
        svg = d.find('svg', cls='ladder')
        assert svg is not None, f'{name}: an open call without its ladder'
        call = [c for c in calls if c['call_id'] == d.attrs['data-call-id']][0]
        arrows = svg.find_all('line', cls='msg') + svg.find_all('path', cls='msg')
        assert len(arrows) == len(call['messages']), \
            (name, len(arrows), len(call['messages']))
        for m in call['media']:
            if m.get('intervals'):
                assert d.find('svg', cls='chart'), f'{name}: no media chart'
    # findings: most severe first, each with its fix ready to copy
    sec = main.find('section', id='findings')
    shown = [f for f in sec.find_all('div', cls='finding')]
    order = {'critical': 3, 'error': 2, 'warning': 1, 'info': 0}
    assert len(shown) == len(findings), (name, len(shown), len(findings))
    sev = [order[f.attrs['data-severity']] for f in shown]
    assert sev == sorted(sev, reverse=True), (name, sev)
    assert sorted((f.attrs['data-kind'], f.attrs['data-severity'])
                  for f in shown) == \
        sorted((f['kind'], f['severity']) for f in findings), name
    for f in findings:
        el = [s for s in shown if s.attrs['data-kind'] == f['kind']]
        text = ' '.join(s.text() for s in el)
        assert f['summary'] in text, (name, f['summary'])
        for k in ('nft', 'iptables', 'blocking'):
            if f.get(k):
                assert f[k] in text, (name, k, f[k])
        if f.get('nft'):
            assert any(p.text() == f['nft'] for s in el
                       for p in s.find_all('pre')), (name, 'nft not in a pre')
    verdict = main.find('div', id='verdict').text()
    if findings:
        worst = max(findings, key=lambda f: order[f['severity']])
        assert worst['severity'] in verdict, (name, verdict)
    else:
        assert 'No finding' in verdict, (name, verdict)
    # flows: the first page of the table, and the count
    fsec = main.find('section', id='flows')
    rows = fsec.find_all('tr', cls='flow')
    assert len(rows) == min(len(flows), 100), (name, len(rows), len(flows))
    ids = {f['flow_id'] for f in flows}
    assert all(r.attrs['data-flow-id'] in ids for r in rows), name
    assert f'{len(flows)} of {len(flows)} flows' in fsec.text().replace(',', ''), name
    return doc


def need_chromium():
    if not chromium():
        print('chromium not installed (tests/install-deps.sh installs it)')
        return False
    return True


# ---- tests ----

def test_report_renders_demo(vcflow, src):
    """The demo's page in Chromium: its SIP call ok and its H.323 call, its
    finding, its 13 flows; a screenshot comes out as a PNG."""
    if not need_chromium():
        return SKIP
    cap = os.path.join(src, 'pcaps', 'demo.pcap')
    with tempfile.TemporaryDirectory() as tmp:
        page = report(vcflow, os.path.join(tmp, 'demo.html'), '-r', cap)
        size = os.path.getsize(page)
        assert size <= 300 * 1024, f'demo report {size} bytes'
        dom = dump_dom(page)
        doc = check_page(dom, records(vcflow, '-r', cap), 'demo')
        # the SIP call ok; its H.323 call no_media (two calls: none open)
        got = sorted(d.attrs['data-status']
                     for d in doc.find_all('details', cls='call'))
        assert got == ['no_media', 'ok'], got
        call = [d for d in doc.find_all('details', cls='call')
                if d.attrs['data-status'] == 'ok'][0]
        assert 'Cisco-CP8865/12.8.1' in call.text()
        png = os.path.join(tmp, 'demo.png')
        screenshot(page, png, 1280, 900)
        with open(png, 'rb') as fh:
            head = fh.read(24)
        assert head[:8] == b'\x89PNG\r\n\x1a\n', head
        assert int.from_bytes(head[16:20], 'big') == 1280, head
    return 0


def test_report_shows_each_scenario_verdict(vcflow, src):
    """Each recorded diagnose scenario: the page's findings are the expected
    ones (pcaps/diagnose/expected.json), with their severities and fixes,
    and each call shows its record's verdict."""
    if not need_chromium():
        return SKIP
    d = os.path.join(src, 'pcaps', 'diagnose')
    with open(os.path.join(d, 'expected.json')) as fh:
        spec = json.load(fh)
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        for case in spec:
            cap = os.path.join(d, case['capture'])
            name = case['capture']
            try:
                page = report(vcflow, os.path.join(tmp, name + '.html'),
                              '-r', cap)
                dom = dump_dom(page)
                doc = check_page(dom, records(vcflow, '-r', cap), name)
                kinds = sorted((f.attrs['data-kind'], f.attrs['data-severity'])
                               for f in doc.find('section', id='findings')
                               .find_all('div', cls='finding'))
                want = sorted((f['kind'], f['severity'])
                              for f in case['findings'])
                assert kinds == want, (name, kinds, want)
                summary = doc.find('section', id='summary').text()
                blocked = case.get('summary', {}).get('blocked')
                if blocked:
                    assert blocked in summary, (name, blocked)
            except AssertionError as e:
                failures.append(str(e))
    for f in failures:
        print('FAIL:', f)
    return 1 if failures else 0


def page_requests(path):
    """The URLs a net log shows requested on behalf of a page opened from
    file://, and those the browser asked for on its own (update checks,
    network time: initiator "not an origin"), which no page can cause.
    The file:// load itself does not pass through the network stack."""
    with open(path, encoding='utf-8', errors='replace') as fh:
        log = json.load(fh)
    types = {v: k for k, v in log['constants']['logEventTypes'].items()}
    page, own = set(), set()
    for e in log['events']:
        p = e.get('params') or {}
        if types.get(e['type']) != 'URL_REQUEST_START_JOB' or 'url' not in p:
            continue
        if p.get('initiator') == 'not an origin' and \
                'file://' not in str(p.get('network_isolation_key')):
            own.add(p['url'])
        else:
            page.add(p['url'])
    return page, own


def test_report_loads_only_its_own_file(vcflow, src):
    """Rendered in a network namespace with no links, the page asks for
    nothing but itself: its net log shows no request on its behalf, where a
    page that loads an image and fetches shows both (the control)."""
    if not need_chromium():
        return SKIP
    if os.geteuid() != 0 or not shutil.which('ip'):
        print('needs root and ip for a network namespace')
        return SKIP
    ns = f'vcf-report-{os.getpid()}'
    if subprocess.run(['ip', 'netns', 'add', ns]).returncode != 0:
        print('cannot make a network namespace')
        return SKIP
    try:
        with tempfile.TemporaryDirectory() as tmp:
            links = subprocess.run(['ip', 'netns', 'exec', ns, 'ip', '-o',
                                    'link', 'show', 'up'],
                                   capture_output=True, text=True).stdout
            assert not links.strip(), f'namespace has links up: {links}'
            control = os.path.join(tmp, 'control.html')
            with open(control, 'w') as fh:
                fh.write('<!DOCTYPE html><img src="http://192.0.2.1/x.png">'
                         '<script>fetch("http://192.0.2.2/y")'
                         '.catch(function () {});</script>')
            log = os.path.join(tmp, 'control.json')
            dump_dom(control, netns=ns, net_log=log)
            page, _ = page_requests(log)
            assert page == {'http://192.0.2.1/x.png', 'http://192.0.2.2/y'}, \
                f'the net log does not show what a page loads: {page}'
            cap = os.path.join(src, 'pcaps', 'diagnose', 'one-way-media.pcap')
            html = report(vcflow, os.path.join(tmp, 'r.html'), '-r', cap)
            log = os.path.join(tmp, 'net.json')
            dom = dump_dom(html, netns=ns, net_log=log)
            check_page(dom, records(vcflow, '-r', cap), 'netns')
            page, own = page_requests(log)
            assert not page, f'the report asked for {sorted(page)}'
            print(f'the page loaded only {html}; the browser asked on its own '
                  f'for {len(own)} URLs (update checks), with no link to go')
    finally:
        subprocess.run(['ip', 'netns', 'del', ns])
    return 0


TESTS = {name[5:]: fn for name, fn in globals().items()
         if name.startswith('test_')}

if __name__ == '__main__':
    name, vcflow, src = sys.argv[1:4]
    try:
        sys.exit(TESTS[name](vcflow, src))
    except (AssertionError, subprocess.TimeoutExpired) as e:
        print(f'FAIL: {e}')
        sys.exit(1)
