#!/usr/bin/env python3
"""The fixes diagnose suggests, proven: each recorded failure's firewall is
built again in network namespaces (the topology and rulesets of
tests/scenarios/record.sh), the scenario's traffic is sent and blocked,
each rule diagnose suggests for its capture is applied, and the same
traffic passes.  Once with nftables (`nft insert rule ...`), once with an
iptables copy of the ruleset (`iptables -I ...`).

Usage: fixes.py TEST VCFLOW SRCDIR   (TEST: nft_fixes_fix, iptables_fixes_fix)

Exit 0 pass, 1 fail, 77 skip (not root, or ip, nft or iptables missing:
tests/install-deps.sh installs them).  No traffic leaves the namespaces,
and they are removed at the end, whatever happened.
"""
import json
import os
import shutil
import subprocess
import sys
import time

SKIP = 77
A_IP, FW_IN, FW_OUT, B_IP = '10.10.1.2', '10.10.1.1', '203.0.113.1', \
    '203.0.113.20'
PROBE_WAIT_S = 1.5

# capture, nftables rules in chain forward of table inet vcf (as recorded),
# the iptables copy, and the probes: (transport, sender, sport, receiver,
# dport); sport 0 = any.
SCENARIOS = [
    ('invite-blocked.pcap',
     ['iifname "vcf-fwi" oifname "vcf-fwo" udp dport 5060 drop'],
     ['-i vcf-fwi -o vcf-fwo -p udp --dport 5060 -j DROP'],
     [('udp', 'a', 5060, 'b', 5060)]),
    ('media-blocked.pcap',
     ['udp sport != 5060 udp dport != 5060 drop'],
     ['-p udp ! --sport 5060 ! --dport 5060 -j DROP'],
     [('udp', 'b', 7000, 'a', 6000)]),
    ('one-way-media.pcap',
     [f'iifname "vcf-fwo" ip saddr {B_IP} udp sport 7000-7099 drop'],
     [f'-i vcf-fwo -s {B_IP} -p udp --sport 7000:7099 -j DROP'],
     [('udp', 'b', 7000, 'a', 6000)]),
    ('tcp-5060-reset.pcap',
     ['iifname "vcf-fwi" oifname "vcf-fwo" tcp dport 5060 reject with tcp '
      'reset'],
     ['-i vcf-fwi -o vcf-fwo -p tcp --dport 5060 -j REJECT --reject-with '
      'tcp-reset'],
     [('tcp', 'a', 0, 'b', 5060)]),
    ('q931-blocked.pcap',
     ['iifname "vcf-fwi" oifname "vcf-fwo" tcp dport 1720 drop'],
     ['-i vcf-fwi -o vcf-fwo -p tcp --dport 1720 -j DROP'],
     [('tcp', 'a', 0, 'b', 1720)]),
    ('stun-unanswered.pcap',
     ['iifname "vcf-fwi" oifname "vcf-fwo" udp dport 3478 drop'],
     ['-i vcf-fwi -o vcf-fwo -p udp --dport 3478 -j DROP'],
     [('udp', 'a', 54000, 'b', 3478)]),
    ('fallback-443.pcap',
     ['iifname "vcf-fwi" oifname "vcf-fwo" udp dport 5004 drop',
      'iifname "vcf-fwi" oifname "vcf-fwo" tcp dport 5004 reject with tcp '
      'reset'],
     ['-i vcf-fwi -o vcf-fwo -p udp --dport 5004 -j DROP',
      '-i vcf-fwi -o vcf-fwo -p tcp --dport 5004 -j REJECT --reject-with '
      'tcp-reset'],
     [('udp', 'a', 5004, 'b', 5004), ('tcp', 'a', 0, 'b', 5004)]),
]

UDP_RECEIVER = r'''
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("0.0.0.0", int(sys.argv[1])))
print("ready", flush=True)
s.settimeout(float(sys.argv[2]))
try:
    s.recvfrom(2048)
    print("got", flush=True)
except OSError:
    print("nothing", flush=True)
'''
UDP_SENDER = r'''
import socket, sys, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
if int(sys.argv[3]):
    s.bind(("0.0.0.0", int(sys.argv[3])))
for _ in range(3):
    s.sendto(b"\x80\x08" + bytes(170), (sys.argv[1], int(sys.argv[2])))
    time.sleep(0.1)
'''
TCP_LISTENER = r'''
import socket, sys
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("0.0.0.0", int(sys.argv[1])))
s.listen(4)
print("ready", flush=True)
s.settimeout(float(sys.argv[2]))
try:
    s.accept()
except OSError:
    pass
'''
TCP_CONNECT = r'''
import socket, sys
try:
    socket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=1.5)
    print("connected")
except OSError as e:
    print("refused" if isinstance(e, ConnectionRefusedError) else "timeout")
'''


class Skip(Exception):
    pass


def sh(*args, check=True, ns=None, text=True):
    cmd = (['ip', 'netns', 'exec', ns] if ns else []) + list(args)
    r = subprocess.run(cmd, capture_output=True, text=text, timeout=30)
    if check and r.returncode != 0:
        raise AssertionError(f'{" ".join(cmd)}: exit {r.returncode}: '
                             f'{r.stderr.strip()}')
    return r


class Topology:
    """vcf-a (caller) -- vcf-fw (router, firewall) -- vcf-b (callee), as
    record.sh builds it, under names of this run's own."""

    def __init__(self):
        tag = os.getpid()
        self.ns = {'a': f'vcfx{tag}a', 'fw': f'vcfx{tag}fw',
                   'b': f'vcfx{tag}b'}
        self.ip = {'a': A_IP, 'b': B_IP}

    def __enter__(self):
        try:
            for n in self.ns.values():
                sh('ip', 'netns', 'add', n)
                sh('ip', '-n', n, 'link', 'set', 'lo', 'up')
            a, fw, b = self.ns['a'], self.ns['fw'], self.ns['b']
            sh('ip', 'link', 'add', 'vcf-a0', 'netns', a, 'type', 'veth',
               'peer', 'name', 'vcf-fwi', 'netns', fw)
            sh('ip', 'link', 'add', 'vcf-b0', 'netns', b, 'type', 'veth',
               'peer', 'name', 'vcf-fwo', 'netns', fw)
            for n, dev, addr in ((a, 'vcf-a0', A_IP + '/24'),
                                 (fw, 'vcf-fwi', FW_IN + '/24'),
                                 (fw, 'vcf-fwo', FW_OUT + '/24'),
                                 (b, 'vcf-b0', B_IP + '/24')):
                sh('ip', '-n', n, 'addr', 'add', addr, 'dev', dev)
                sh('ip', '-n', n, 'link', 'set', dev, 'up')
            sh('ip', '-n', a, 'route', 'add', 'default', 'via', FW_IN)
            sh('ip', '-n', b, 'route', 'add', 'default', 'via', FW_OUT)
            sh('sysctl', '-qw', 'net.ipv4.ip_forward=1', ns=fw)
        except Exception:
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, *exc):
        for n in self.ns.values():
            for pid in sh('ip', 'netns', 'pids', n, check=False).stdout.split():
                try:
                    os.kill(int(pid), 15)
                except OSError:
                    pass
            sh('ip', 'netns', 'del', n, check=False)

    def run_bg(self, side, code, *args):
        return subprocess.Popen(
            ['ip', 'netns', 'exec', self.ns[side], sys.executable, '-c',
             code] + [str(x) for x in args],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def probe(self, transport, frm, sport, to, dport):
        """True when the traffic gets through."""
        if transport == 'udp':
            rx = self.run_bg(to, UDP_RECEIVER, dport, PROBE_WAIT_S)
            assert rx.stdout.readline().strip() == 'ready', rx.stderr.read()
            sh(sys.executable, '-c', UDP_SENDER, self.ip[to], str(dport),
               str(sport), ns=self.ns[frm])
            out, _ = rx.communicate(timeout=10)
            return out.strip() == 'got'
        rx = self.run_bg(to, TCP_LISTENER, dport, PROBE_WAIT_S + 1)
        assert rx.stdout.readline().strip() == 'ready', rx.stderr.read()
        r = sh(sys.executable, '-c', TCP_CONNECT, self.ip[to], str(dport),
               ns=self.ns[frm])
        rx.kill()
        rx.wait()
        return r.stdout.strip() == 'connected'


def suggested(vcflow, src, cap, field):
    r = subprocess.run([vcflow, 'diagnose', '-r',
                        os.path.join(src, 'pcaps', 'diagnose', cap),
                        '-F', 'json', '--nft-table', 'vcf'],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    rules = []
    for line in r.stdout.splitlines():
        rec = json.loads(line)
        if rec['type'] == 'finding' and rec.get(field) and \
                rec['severity'] != 'info' and rec[field] not in rules:
            rules.append(rec[field])
    return rules


def needs(*tools):
    if os.geteuid() != 0:
        raise Skip('not root')
    for t in ('ip',) + tools:
        if not shutil.which(t):
            raise Skip(f'{t} missing (tests/install-deps.sh)')


def prove(vcflow, src, field, load):
    failures = []
    for cap, nft_rules, ipt_rules, probes in SCENARIOS:
        rules = suggested(vcflow, src, cap, field)
        if not rules:
            failures.append(f'{cap}: no {field} rule suggested')
            continue
        with Topology() as topo:
            load(topo, nft_rules, ipt_rules)
            for p in probes:
                if topo.probe(*p):
                    failures.append(f'{cap}: {p} passes the ruleset that '
                                    'blocked it')
            for rule in rules:
                r = sh('sh', '-c', rule, ns=topo.ns['fw'], check=False)
                if r.returncode:
                    failures.append(f'{cap}: {rule}: {r.stderr.strip()}')
            for p in probes:
                if not topo.probe(*p):
                    failures.append(f'{cap}: {p} still blocked after '
                                    + '; '.join(rules))
        print(f'{cap}: ' + '; '.join(rules))
    for f in failures:
        print('FAIL: ' + f)
    return 1 if failures else 0


def load_nft(topo, nft_rules, ipt_rules):
    ruleset = ('table inet vcf {\n chain forward {\n  type filter hook '
               'forward priority filter; policy accept;\n' +
               ''.join(f'  {r}\n' for r in nft_rules) + ' }\n}\n')
    r = subprocess.run(['ip', 'netns', 'exec', topo.ns['fw'], 'nft', '-f',
                        '-'], input=ruleset, capture_output=True, text=True,
                       timeout=30)
    assert r.returncode == 0, f'nft refused the ruleset: {r.stderr}'


def load_iptables(topo, nft_rules, ipt_rules):
    for rule in ipt_rules:
        sh('sh', '-c', f'iptables -A FORWARD {rule}', ns=topo.ns['fw'])


def test_nft_fixes_fix(vcflow, src):
    """Each suggested `nft insert rule` opens what the recorded ruleset
    blocked."""
    needs('nft')
    return prove(vcflow, src, 'nft', load_nft)


def test_iptables_fixes_fix(vcflow, src):
    """Each suggested `iptables -I` opens what an iptables copy of the
    recorded ruleset blocked."""
    needs('iptables')
    return prove(vcflow, src, 'iptables', load_iptables)


TESTS = {name[5:]: fn for name, fn in globals().items()
         if name.startswith('test_')}

if __name__ == '__main__':
    name, vcflow, src = sys.argv[1:4]
    try:
        sys.exit(TESTS[name](vcflow, src))
    except Skip as e:
        print(f'SKIP: {e}')
        sys.exit(SKIP)
    except AssertionError as e:
        print(f'FAIL: {e}')
        sys.exit(1)
