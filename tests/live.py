#!/usr/bin/env python3
"""Live-capture tests: vcflow -i on a veth pair in a network namespace.

Usage: live.py TEST VCFLOW FLOODGEN SRCDIR

Each test makes a network namespace vcfl-<pid> holding both ends of a veth
pair, vethA and vethB, with IPv6 turned off on them so that the kernel
sends nothing of its own.  vcflow captures on vethB; the test replays
captures into vethA with tcpreplay, or sends datagrams from a socket in
the namespace.  No frame leaves the namespace, and the namespace and every
process are removed at the end, whatever happened.

Exit 0 pass, 1 fail, 77 skip (not root, no network namespaces, or a tool
missing: tests/install-deps.sh installs them).
"""
import glob
import json
import os
import pwd
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import threading
import time

SKIP = 77

# Long enough that no flow of a replayed capture idles out, offline (where
# the capture's own clock runs) or live.
NO_IDLE = ['--udp-timeout', '31536000', '--tcp-timeout', '31536000',
           '--other-timeout', '31536000']
JUMBO_MTU = 65535           # the largest frame a capture may hold
READY_TIMEOUT_S = 15        # vcflow loads signatures, then opens
STOP_GRACE_S = 3            # SIGINT to exit, on a quiet interface
QUICK_GRACE_S = 1           # the same, where another test checks it
SENDER_NET = '10.199.0'     # vethA's address; .2 is a static neighbour
LINKTYPE_ETHERNET = 1
DEDUP_WINDOW_US = 2000       # vcflow's --dedup window (src/main.c)
NUDGE_ETHERTYPE = 0x88b5    # IEEE 802 local experimental: never IP


class Skip(Exception):
    pass


class Fail(AssertionError):
    pass


def check(cond, msg):
    if not cond:
        raise Fail(msg)


# ---- captures on disk ----

def capture_frames(path):
    """(link types, frame lengths as captured) of a pcap or pcapng file,
    or None when it is neither."""
    with open(path, 'rb') as fh:
        data = fh.read()
    magic = data[:4]
    if magic in (b'\xd4\xc3\xb2\xa1', b'\x4d\x3c\xb2\xa1',
                 b'\xa1\xb2\xc3\xd4', b'\xa1\xb2\x3c\x4d'):
        e = '<' if magic[0] in (0xd4, 0x4d) else '>'
        if len(data) < 24:
            return None
        linktype = struct.unpack(e + 'I', data[20:24])[0] & 0xffff
        lens, off = [], 24
        while off + 16 <= len(data):
            caplen = struct.unpack(e + 'I', data[off + 8:off + 12])[0]
            off += 16 + caplen
            if off > len(data):
                break
            lens.append(caplen)
        return {linktype}, lens
    if magic == b'\x0a\x0d\x0d\x0a':
        links, lens, off, e = set(), [], 0, '<'
        while off + 12 <= len(data):
            if struct.unpack('<I', data[off:off + 4])[0] == 0x0a0d0d0a:
                e = '<' if data[off + 8:off + 12] == b'\x4d\x3c\x2b\x1a' \
                    else '>'
            btype, blen = struct.unpack(e + 'II', data[off:off + 8])
            if blen < 12 or off + blen > len(data):
                break
            body = data[off + 8:off + blen - 4]
            if btype == 1:                       # interface description
                links.add(struct.unpack(e + 'H', body[:2])[0])
            elif btype == 6:                     # enhanced packet
                lens.append(struct.unpack(e + 'I', body[12:16])[0])
            elif btype == 3:                     # simple packet
                lens.append(min(len(body) - 4,
                                struct.unpack(e + 'I', body[:4])[0]))
            elif btype == 2:                     # obsolete packet block
                lens.append(struct.unpack(e + 'I', body[12:16])[0])
            off += blen
        return links, lens
    return None


def replayable_captures(src):
    """The Ethernet captures of the project (pcaps/) and the shared real
    ones (VCFLOW_SHARED or SRCDIR/../shared, as e2e.py finds them), with
    the reason each other one is left out."""
    paths = sorted(glob.glob(os.path.join(src, 'pcaps', '*.pcap')) +
                   glob.glob(os.path.join(src, 'pcaps', '*.pcapng')))
    shared = os.environ.get('VCFLOW_SHARED',
                            os.path.join(src, '..', 'shared'))
    paths += sorted(glob.glob(os.path.join(shared, 'pcaps', '*.pcap')) +
                    glob.glob(os.path.join(shared, 'pcaps', '*.pcapng')))
    good, left_out = [], []
    for p in paths:
        info = capture_frames(p)
        if info is None:
            left_out.append((p, 'not a pcap or pcapng file'))
            continue
        links, lens = info
        if links != {LINKTYPE_ETHERNET}:
            left_out.append((p, f'link type {sorted(links)}, not Ethernet'))
        elif not lens:
            left_out.append((p, 'no frames'))
        elif max(lens) > JUMBO_MTU + 14 + 4:
            left_out.append((p, f'a {max(lens)}-byte frame is larger than '
                                'any veth takes'))
        elif min(lens) < 14:
            left_out.append((p, 'a frame shorter than an Ethernet header'))
        else:
            good.append((p, len(lens)))
    return good, left_out


def read_pcap(path):
    """[(seconds, bytes)] of a little-endian microsecond pcap, as
    floodgen writes."""
    with open(path, 'rb') as fh:
        data = fh.read()
    frames, off = [], 24
    while off + 16 <= len(data):
        sec, usec, caplen, _ = struct.unpack('<IIII', data[off:off + 16])
        frames.append((sec + usec / 1e6, data[off + 16:off + 16 + caplen]))
        off += 16 + caplen
    return frames


def write_pcap(path, frames):
    """frames: [(seconds, bytes)] as an Ethernet pcap."""
    with open(path, 'wb') as fh:
        fh.write(struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 65535,
                             LINKTYPE_ETHERNET))
        for ts, frame in frames:
            fh.write(struct.pack('<IIII', int(ts), int(ts % 1 * 1e6),
                                 len(frame), len(frame)))
            fh.write(frame)


# ---- vcflow's output ----

def parse_records(lines, who):
    recs = []
    for ln in lines:
        try:
            recs.append(json.loads(ln))
        except ValueError:
            raise Fail(f'{who}: stdout line is not JSON: {ln[:200]!r}')
    check(recs and recs[-1].get('type') == 'stats',
          f'{who}: the output does not end with the stats object')
    check(sum(r.get('type') == 'stats' for r in recs) == 1,
          f'{who}: more than one stats object')
    return [r for r in recs if r.get('type') == 'flow'], recs[-1]


def check_accounting(who, st):
    total = (st['packets_in_flows'] + st['packets_not_ip'] +
             st['packets_undecodable'] + st.get('packets_duplicate', 0))
    check(total == st['packets_read'],
          f'{who}: {st["packets_read"]} packets read but {total} accounted '
          f'for (in flows {st["packets_in_flows"]}, not IP '
          f'{st["packets_not_ip"]}, undecodable '
          f'{st["packets_undecodable"]}, duplicate '
          f'{st.get("packets_duplicate", 0)})')


def flow_key(f):
    ends = sorted([(f['src'], f['sport']), (f['dst'], f['dport'])])
    return (f['transport'], ends[0], ends[1])


def oriented(f, init):
    """(packets from init, packets to init) of flow record f."""
    if (f['src'], f['sport']) == init:
        return f['pkts_fwd'], f['pkts_rev']
    return f['pkts_rev'], f['pkts_fwd']


def offline(vcflow, capture, *args):
    p = subprocess.run([vcflow, '-r', capture, '-F', 'json', *args],
                       capture_output=True, text=True, timeout=120)
    check(p.returncode == 0, f'vcflow -r {capture}: exit {p.returncode}: '
                             f'{p.stderr.strip()}')
    return parse_records(p.stdout.splitlines(), f'vcflow -r {capture}')


# ---- the namespace ----

def run(*cmd, check_rc=True, timeout=60):
    p = subprocess.run([str(c) for c in cmd], capture_output=True, text=True,
                       timeout=timeout)
    if check_rc and p.returncode != 0:
        raise Fail(f'{" ".join(map(str, cmd))}: exit {p.returncode}: '
                   f'{(p.stderr or p.stdout).strip()}')
    return p


class Namespace:
    """A namespace with a veth pair, vethA -> vethB, both ends inside."""

    def __init__(self, mtu=1500):
        self.name = f'vcfl-{os.getpid()}'
        self.mtu = mtu
        self.procs = []
        self.created = False

    def __enter__(self):
        for tool in ('ip', 'tcpreplay'):
            if not shutil.which(tool):
                raise Skip(f'{tool} is not installed (tests/install-deps.sh '
                           'installs it)')
        p = run('ip', 'netns', 'add', self.name, check_rc=False)
        if p.returncode != 0:
            raise Skip(f'ip netns add {self.name}: {p.stderr.strip()}')
        self.created = True
        self.ip('link', 'add', 'vethA', 'mtu', self.mtu, 'type', 'veth',
                'peer', 'name', 'vethB', 'mtu', self.mtu)
        # Before the links come up, so that no neighbour discovery,
        # router solicitation or MLD report is ever sent on them.
        for dev in ('vethA', 'vethB'):
            self.exec('sysctl', '-qw', f'net.ipv6.conf.{dev}.disable_ipv6=1',
                      check_rc=False)
        for dev in ('lo', 'vethA', 'vethB'):
            self.ip('link', 'set', dev, 'up')
        self.mac_a = self.mac('vethA')
        self.mac_b = self.mac('vethB')
        return self

    def __exit__(self, *exc):
        for p in self.procs:
            if p.poll() is None:
                os.kill(p.pid, signal.SIGKILL)
                try:
                    p.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    pass
        if self.created:
            run('ip', 'netns', 'del', self.name, check_rc=False)
        return False

    def ip(self, *args):
        return run('ip', '-n', self.name, *args)

    def exec(self, *cmd, check_rc=True, timeout=120):
        return run('ip', 'netns', 'exec', self.name, *cmd,
                   check_rc=check_rc, timeout=timeout)

    def mac(self, dev):
        out = self.ip('-j', 'link', 'show', dev).stdout
        return json.loads(out)[0]['address']

    def popen(self, *cmd, **kw):
        p = subprocess.Popen(['ip', 'netns', 'exec', self.name,
                              *map(str, cmd)], **kw)
        self.procs.append(p)
        return p

    def sender_address(self):
        """Gives vethA an address and makes SENDER_NET.2 a neighbour at
        vethB's MAC, so datagrams sent to it cross the pair (vethB has no
        address: the kernel drops them there, silently)."""
        self.ip('addr', 'add', f'{SENDER_NET}.1/24', 'dev', 'vethA')
        self.ip('neigh', 'replace', f'{SENDER_NET}.2', 'lladdr', self.mac_b,
                'dev', 'vethA', 'nud', 'permanent')

    def send_udp(self, flows, gap=0.0):
        """flows: [(sport, dport, [payload, ...])] from SENDER_NET.1 to
        SENDER_NET.2, all of a flow's datagrams in turn."""
        spec = json.dumps([[sp, dp, [pl.hex() for pl in pls]]
                           for sp, dp, pls in flows])
        code = (
            'import json, socket, sys, time\n'
            'for sp, dp, pls in json.loads(sys.argv[1]):\n'
            '    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n'
            f'    s.bind(("{SENDER_NET}.1", sp))\n'
            '    for pl in pls:\n'
            f'        s.sendto(bytes.fromhex(pl), ("{SENDER_NET}.2", dp))\n'
            '        time.sleep(float(sys.argv[2]))\n'
            '    s.close()\n')
        self.exec(sys.executable, '-c', code, spec, gap)

    def nudge(self):
        """One frame that is not IP, into vethA: vethB sees a packet."""
        frame = (bytes.fromhex(self.mac_b.replace(':', '')) +
                 bytes.fromhex(self.mac_a.replace(':', '')) +
                 struct.pack('>H', NUDGE_ETHERTYPE) +
                 b'vcflow live test nudge'.ljust(46, b'\0'))
        code = ('import socket, sys\n'
                's = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)\n'
                's.bind(("vethA", 0))\n'
                's.send(bytes.fromhex(sys.argv[1]))\n')
        self.exec(sys.executable, '-c', code, frame.hex())

    def replay(self, capture, *speed):
        """tcpreplay into vethA; returns the frames it sent."""
        p = self.exec('tcpreplay', '--intf1=vethA', *speed, capture,
                      check_rc=False, timeout=300)
        out = p.stdout + p.stderr
        sent = failed = None
        for ln in out.splitlines():
            ln = ln.strip()
            if ln.startswith('Successful packets:'):
                sent = int(ln.split()[-1])
            elif ln.startswith('Failed packets:'):
                failed = int(ln.split()[-1])
        check(p.returncode == 0 and sent is not None,
              f'tcpreplay {capture}: exit {p.returncode}: {out.strip()}')
        check(not failed, f'tcpreplay {capture}: {failed} frames failed to '
                          f'send: {out.strip()}')
        return sent


# ---- vcflow running live ----

def proc_status(pid):
    st = {}
    try:
        with open(f'/proc/{pid}/status') as fh:
            for ln in fh:
                k, _, v = ln.partition(':')
                st[k] = v.strip()
    except OSError:
        pass
    return st


def kib(field):
    return int(field.split()[0]) if field else 0


class Live:
    """vcflow -i vethB in the namespace; its output read as it comes."""

    def __init__(self, ns, vcflow, args, keep=True, iface='vethB',
                 command=(), **kw):
        self.ns, self.vcflow, self.keep = ns, vcflow, keep
        self.cmd = (f'vcflow {" ".join(command)} -i {iface} '
                    f'{" ".join(map(str, args))}')
        self.p = ns.popen(vcflow, *command, '-i', iface, *args,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          **kw)
        self.out, self.err = [], []
        self.ends, self.last = {}, None
        self.nudged = False
        self.stop_problem = None
        self.rusage = None
        self.threads = [threading.Thread(target=self._read_out, daemon=True),
                        threading.Thread(target=self._read_err, daemon=True)]
        for t in self.threads:
            t.start()

    def _read_out(self):
        for raw in self.p.stdout:
            ln = raw.decode('utf-8', 'replace').rstrip('\n')
            self.last = ln
            if self.keep:
                self.out.append((time.monotonic(), ln))
            elif '"type":"flow"' in ln:
                try:
                    end = json.loads(ln).get('end')
                except ValueError:
                    end = '(not JSON)'
                self.ends[end] = self.ends.get(end, 0) + 1

    def _read_err(self):
        for raw in self.p.stderr:
            self.err.append((time.monotonic(),
                             raw.decode('utf-8', 'replace').rstrip('\n')))

    @property
    def pid(self):
        return self.p.pid

    def stderr_text(self):
        return '\n'.join(ln for _, ln in self.err)

    def wait_ready(self):
        """Until vcflow has opened the interface (its packet ring is
        mapped) and catches SIGINT (it does once its pipeline is set up):
        a frame sent from then on is in the ring."""
        deadline = time.monotonic() + READY_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.p.poll() is not None:
                self.join()
                raise Fail(f'{self.cmd}: exited {self.p.returncode} before '
                           f'capturing: {self.stderr_text()}')
            st = proc_status(self.pid)
            caught = int(st.get('SigCgt', '0'), 16)
            try:
                with open(f'/proc/{self.pid}/maps') as fh:
                    ring = 'socket:[' in fh.read()
            except OSError:
                ring = False
            if ring and caught & (1 << (signal.SIGINT - 1)):
                return
            time.sleep(0.02)
        raise Fail(f'{self.cmd}: not capturing after {READY_TIMEOUT_S} s')

    def wait_idle(self, quiet=0.3, limit=60):
        """Until vcflow has slept for `quiet` seconds without using CPU:
        it waits in poll(), so its ring is empty, every frame read.  (A
        process starved of CPU is runnable, not sleeping.)"""
        def sample():
            with open(f'/proc/{self.pid}/stat') as fh:
                f = fh.read().rsplit(')', 1)[1].split()
            return f[0], int(f[11]) + int(f[12])
        time.sleep(0.1)
        deadline = time.monotonic() + limit
        last = sample()
        while time.monotonic() < deadline:
            time.sleep(quiet)
            now = sample()
            if now == last and now[0] == 'S':
                return
            last = now
        raise Fail(f'{self.cmd}: still busy after {limit} s')

    def ring_kib(self):
        """Resident KiB of the packet ring libpcap maps."""
        total, in_ring = 0, False
        with open(f'/proc/{self.pid}/smaps') as fh:
            for ln in fh:
                head = ln.split()
                if head and '-' in head[0] and len(head) >= 5:
                    in_ring = ln.rstrip().endswith(']') and 'socket:[' in ln
                elif in_ring and ln.startswith('Rss:'):
                    total += int(head[1])
        return total

    def join(self):
        for t in self.threads:
            t.join(timeout=10)

    def wait_exit(self, timeout):
        """Waits up to `timeout` seconds (None: for ever) for vcflow to
        exit, keeping its resource usage; True once it has."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.p.returncode is None:
            try:
                pid, status, ru = os.wait4(self.pid, os.WNOHANG)
            except ChildProcessError:
                self.p.poll()
                break
            if pid:
                self.p.returncode = os.waitstatus_to_exitcode(status)
                self.rusage = ru
                break
            if deadline is not None and time.monotonic() >= deadline:
                return False
            time.sleep(0.02)
        return True

    def interrupt(self, grace=STOP_GRACE_S):
        """SIGINT; returns the exit status.  vcflow must stop within
        `grace` seconds with no more traffic.  If it does not, one non-IP
        frame is sent so that it sees a packet, and stop_problem says what
        happened: sigint_writes_every_flow fails on it, the other tests
        only note it and go on."""
        if self.p.returncode is not None:
            self.join()
            return self.p.returncode
        os.kill(self.pid, signal.SIGINT)
        if not self.wait_exit(grace):
            self.ns.nudge()
            self.nudged = True
            if self.wait_exit(10):
                after = (f'it stopped only when one more frame came '
                         f'(exit {self.p.returncode})')
            else:
                os.kill(self.pid, signal.SIGKILL)
                self.wait_exit(None)
                after = 'it did not stop even then, and was killed'
            self.stop_problem = (f'{self.cmd}: still running {grace} s '
                                 f'after SIGINT on a quiet interface; '
                                 f'{after}')
            print(f'note: {self.stop_problem}')
        self.join()
        return self.p.returncode

    def records(self):
        return parse_records([ln for _, ln in self.out], self.cmd)

    def wait_line(self, lines, pred, timeout):
        """Waits up to `timeout` seconds for a line of `lines` (self.out or
        self.err) that pred() accepts; returns it or None."""
        deadline = time.monotonic() + timeout
        while True:
            for _, ln in list(lines):
                if pred(ln):
                    return ln
            if time.monotonic() >= deadline or self.p.poll() is not None:
                return None
            time.sleep(0.05)

    def late_evidence(self, what, lines, pred):
        """After `what` did not come in time: does one more frame bring
        it?  Returns the sentence to fail with."""
        self.ns.nudge()
        self.nudged = True
        late = self.wait_line(lines, pred, 2)
        return (f'{self.cmd}: {what} did not come on a quiet interface; ' +
                ('it came only when one more frame (not IP) arrived' if late
                 else 'not even when one more frame (not IP) arrived'))


# ---- tests ----

def compare_capture(vcflow, ns, capture, frames, live_args=(),
                    whole_datagrams=False):
    """Replays one capture live (vcflow -i with live_args) and compares
    with vcflow -r: returns a list of differences.  whole_datagrams: the
    kernel puts IPv4 fragments back together before vcflow reads them
    (--fanout), so a flow may count fewer packets live, never more."""
    who = os.path.basename(capture)
    # The replay keeps the frames but not their spacing, and whether a run
    # of packets keeps a media clock depends on it (RTP): the reference is
    # vcflow -r on the frames as the live run received them (its -w file).
    seen = tempfile.NamedTemporaryFile(suffix='.pcap', delete=False)
    seen.close()
    # A capture may hold frames of up to 64 KiB (jumbo MTU): a big buffer,
    # so that no burst of them fills the ring.
    live = Live(ns, vcflow, ['-F', 'json', '-B', '65536', '-w', seen.name,
                             *NO_IDLE, *live_args])
    live.wait_ready()
    sent = ns.replay(capture, '--mbps', '20')
    live.wait_idle()
    rc = live.interrupt(QUICK_GRACE_S)
    off_flows, _ = offline(vcflow, seen.name, *NO_IDLE)
    os.unlink(seen.name)
    diffs = []
    if rc != 0:
        return [f'{who}: live exit {rc} after SIGINT: {live.stderr_text()}']
    flows, st = live.records()
    check_accounting(f'{who} live', st)
    if sent != frames:
        diffs.append(f'{who}: tcpreplay sent {sent} of {frames} frames')
    if st.get('packets_dropped_by_kernel') != 0:
        diffs.append(f'{who}: packets_dropped_by_kernel='
                     f'{st.get("packets_dropped_by_kernel")}')
    if st['packets_read'] != st.get('packets_received_by_kernel'):
        diffs.append(f'{who}: the kernel delivered '
                     f'{st.get("packets_received_by_kernel")} frames, live '
                     f'read {st["packets_read"]}')
    want_read = sent + (1 if live.nudged else 0)
    if st['packets_read'] < want_read and not whole_datagrams:
        diffs.append(f'{who}: live read {st["packets_read"]} frames, '
                     f'{want_read} were sent')

    off_by, live_by = {}, {}
    for f in off_flows:
        off_by.setdefault(flow_key(f), []).append(f)
    for f in flows:
        live_by.setdefault(flow_key(f), []).append(f)
    for f in flows:
        if f['end'] == 'eof':
            diffs.append(f'{who}: {flow_key(f)}: end "eof" in live mode')
    for key, offs in off_by.items():
        lives = live_by.get(key)
        if not lives:
            diffs.append(f'{who}: {key}: not in the live output')
            continue
        init = (offs[0]['src'], offs[0]['sport'])
        o = sorted((f['app'], *oriented(f, init)) for f in offs)
        l = sorted((f['app'], *oriented(f, init)) for f in lives)
        if whole_datagrams and len(o) == len(l) and all(
                a[0] == b[0] and b[1] <= a[1] and b[2] <= a[2]
                for a, b in zip(o, l)):
            l = o
        if o != l:
            diffs.append(f'{who}: {key}: offline (app, pkts from, pkts to '
                         f'{init}) {o}, live {l}')
        for lf, of in zip(lives, offs):
            if of['end'] == 'eof' and lf['end'] != 'signal':
                diffs.append(f'{who}: {key}: live end "{lf["end"]}", '
                             'expected "signal" (live at the stop)')
    noise = [k for k in live_by if k not in off_by]
    if noise:
        print(f'note: {who}: {len(noise)} live flows not in the capture '
              f'(ignored): {noise[:5]}')
    dropped = st.get('packets_dropped_by_kernel')
    print(f'{who}: {sent} frames, {len(off_by)} flows, live read '
          f'{st["packets_read"]}, dropped {dropped}, '
          f'{"differs" if diffs else "same"}')
    return diffs


def test_replay_matches_offline(vcflow, floodgen, src):
    """Each Ethernet capture replayed into the veth gives, live, the flows
    vcflow -r gives: same app and packets each way, every frame read and
    accounted for, none dropped, and exit 0 on SIGINT."""
    caps, left_out = replayable_captures(src)
    for p, why in left_out:
        print(f'left out: {p}: {why}')
    if not caps:
        print('skip: no Ethernet capture to replay in pcaps/ or the shared '
              'captures')
        return SKIP
    diffs = []
    with Namespace(mtu=JUMBO_MTU) as ns:
        for cap, frames in caps:
            diffs += compare_capture(vcflow, ns, cap, frames)
    for d in diffs:
        print(d)
    return 1 if diffs else 0


def own_captures(src):
    """The Ethernet captures of pcaps/ that replay (not the shared ones)."""
    caps, _ = replayable_captures(src)
    here = os.path.join(os.path.abspath(src), 'pcaps')
    return [(p, n) for p, n in caps
            if os.path.dirname(os.path.abspath(p)) == here]


def replay_with_workers(vcflow, src, args, check_ns=None):
    """Replays each capture of pcaps/ live with args; 0 when each gives
    the flows vcflow -r gives, SKIP without captures.  check_ns(ns) first
    checks what it will on a run of its own."""
    caps = own_captures(src)
    if not caps:
        print('skip: no Ethernet capture to replay in pcaps/')
        return SKIP
    diffs = []
    with Namespace(mtu=JUMBO_MTU) as ns:
        if check_ns:
            check_ns(ns)
        for cap, frames in caps:
            diffs += compare_capture(vcflow, ns, cap, frames, args,
                                     whole_datagrams='--fanout' in args and
                                     ipv4_fragments(cap))
    for d in diffs:
        print(d)
    print(f'{len(caps)} captures replayed')
    return 1 if diffs else 0


def test_workers_replay_matches_offline(vcflow, floodgen, src):
    """With --workers 2, each capture of pcaps/ replayed into the veth
    gives, live, the flows vcflow -r gives: the reader hands each frame
    to its flow's worker, and all are written when SIGINT ends the run."""
    return replay_with_workers(vcflow, src, ('--workers', '2'))


def packet_sockets(pid):
    """The packet sockets process pid holds (from /proc/PID/net/packet,
    the process's namespace's, and its descriptors)."""
    inodes = set()
    with open(f'/proc/{pid}/net/packet') as fh:
        next(fh)
        for line in fh:
            inodes.add(line.split()[-1])
    held = 0
    for fd in os.listdir(f'/proc/{pid}/fd'):
        try:
            link = os.readlink(f'/proc/{pid}/fd/{fd}')
        except OSError:
            continue
        if link.startswith('socket:[') and link[8:-1] in inodes:
            held += 1
    return held


def test_fanout_replay_matches_offline(vcflow, floodgen, src):
    """--workers 2 --fanout opens two packet sockets in one fanout group,
    the kernel handing each flow to one of them; each capture of pcaps/
    replayed into the veth gives, live, the flows vcflow -r gives (a
    datagram the kernel put back together counts once)."""
    args = ('--workers', '2', '--fanout')

    def two_sockets(ns):
        live = Live(ns, vcflow, ['-F', 'json', *args])
        live.wait_ready()
        held = packet_sockets(live.pid)
        live.interrupt(QUICK_GRACE_S)
        check(held == 2, f'--fanout with 2 workers holds {held} packet '
              'sockets, not 2')

    return replay_with_workers(vcflow, src, args, two_sockets)


def ipv4_fragments(capture):
    """Whether the capture holds IPv4 fragments (tcpdump's count)."""
    p = subprocess.run(['tcpdump', '-nr', capture,
                        'ip and ip[6:2] & 0x3fff != 0'],
                       capture_output=True, text=True, timeout=60)
    return bool(p.stdout.strip())


def vm_hwm_kib(cmd, timeout=120):
    """Runs cmd to its end; its peak resident size in KiB."""
    with tempfile.TemporaryFile() as err:
        p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err)
        deadline = time.monotonic() + timeout
        while True:
            pid, status, ru = os.wait4(p.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                p.kill()
                p.wait()
                raise Fail(f'{" ".join(cmd)}: still running after '
                           f'{timeout} s')
            time.sleep(0.05)
        p.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        msg = err.read().decode('utf-8', 'replace').strip()
    check(p.returncode == 0, f'{" ".join(cmd)}: exit {p.returncode}: {msg}')
    return ru.ru_maxrss


def test_flow_limit_bounds_memory(vcflow, floodgen, src):
    """100,000 distinct flows through --max-flows 1000: memory stays far
    below what 100,000 live flows take, and the flows past the limit are
    evicted, each written."""
    n, limit = 100000, 1000
    with tempfile.TemporaryDirectory() as tmp, \
            Namespace(mtu=1500) as ns:
        flood = os.path.join(tmp, 'flood.pcap')
        run(floodgen, '-n', n, '-s', '7', flood)
        unbounded = vm_hwm_kib([vcflow, '-r', flood, '-F', 'json',
                                '--max-flows', str(2 * n), *NO_IDLE])
        # The frames are 60 bytes: 8 MiB of ring blocks holds some 58,000
        # of them, more than any burst of this replay.
        live = Live(ns, vcflow, ['-F', 'json', '-s', '256', '-B', '8192',
                                 '--max-flows', limit, *NO_IDLE], keep=False)
        live.wait_ready()
        t = time.monotonic()
        ns.replay(flood, '--pps', '25000')
        live.wait_idle(limit=120)
        replay_s = time.monotonic() - t
        hwm_before = kib(proc_status(live.pid).get('VmHWM'))
        ring = live.ring_kib()
        rc = live.interrupt(QUICK_GRACE_S)
        check(rc == 0, f'{live.cmd}: exit {rc}: {live.stderr_text()}')
        # The ring is the kernel's buffer, mapped: not vcflow's memory.
        bounded = max(hwm_before, live.rusage.ru_maxrss if live.rusage
                      else 0) - ring
        st = json.loads(live.last)
        check(st.get('type') == 'stats', f'last line is not the stats '
                                         f'object: {live.last[:200]}')
        check_accounting('live flood', st)
        ended_otherwise = sum(v for k, v in live.ends.items()
                              if k not in ('evicted', 'signal'))
        print(f'{n} flows in {replay_s:.1f} s: peak {bounded} KiB with '
              f'--max-flows {limit} (live, less its {ring} KiB packet ring), '
              f'{unbounded} KiB with all flows live (offline); stats {st}; '
              f'ends {live.ends}')
        check(st.get('packets_dropped_by_kernel') == 0,
              f'the kernel dropped {st.get("packets_dropped_by_kernel")} '
              'frames: the run is not the one intended')
        check(st['packets_read'] == st['packets_received_by_kernel'],
              f'the kernel delivered {st["packets_received_by_kernel"]} '
              f'frames, vcflow read {st["packets_read"]}')
        check(st['flows'] >= n, f'{st["flows"]} flows seen, {n} sent')
        check(st['flows_peak_live'] <= limit,
              f'flows_peak_live {st["flows_peak_live"]} > {limit}')
        check(st['flows_evicted'] >= n - limit - ended_otherwise,
              f'flows_evicted {st["flows_evicted"]} < {n} - {limit} - '
              f'{ended_otherwise} ended otherwise')
        written = sum(live.ends.values())
        check(written == st['flows'],
              f'{written} flow records written, {st["flows"]} flows seen')
        check(bounded * 2 < unbounded,
              f'peak {bounded} KiB with --max-flows {limit} is not well '
              f'under half of {unbounded} KiB with every flow live')
    return 0


SIP_OPTIONS = (b'OPTIONS sip:probe@10.199.0.2 SIP/2.0\r\n'
               b'Via: SIP/2.0/UDP 10.199.0.1:5060;branch=z9hG4bK-live1\r\n'
               b'Max-Forwards: 70\r\n'
               b'From: <sip:live@10.199.0.1>;tag=1\r\n'
               b'To: <sip:probe@10.199.0.2>\r\n'
               b'Call-ID: live-test-1@10.199.0.1\r\n'
               b'CSeq: 1 OPTIONS\r\n'
               b'User-Agent: live-test\r\n'
               b'Content-Length: 0\r\n\r\n')
STUN_BINDING = bytes.fromhex('000100002112a442') + b'livetest0001'


def udp_flows(ns):
    """Three short UDP flows; returns {(sport, dport): datagrams}."""
    flows = [(45060, 5060, [SIP_OPTIONS] * 3),
             (45061, 3478, [STUN_BINDING] * 2),
             (45062, 40000, [b'\x00' * 100] * 4)]
    ns.sender_address()
    ns.send_udp(flows)
    return {(sp, dp): len(pls) for sp, dp, pls in flows}


def check_udp_flows(who, flows, sent, end):
    got = {}
    for f in flows:
        check(f['transport'] == 'udp' and f['src'] == f'{SENDER_NET}.1' and
              f['dst'] == f'{SENDER_NET}.2',
              f'{who}: a flow that was not sent: {json.dumps(f)[:300]}')
        got.setdefault((f['sport'], f['dport']), []).append(f)
    check(set(got) == set(sent), f'{who}: flows {sorted(got)}, sent '
                                 f'{sorted(sent)}')
    for k, n in sent.items():
        fs = got[k]
        check(len(fs) == 1, f'{who}: {k}: {len(fs)} records')
        f = fs[0]
        check((f['pkts_fwd'], f['pkts_rev']) == (n, 0),
              f'{who}: {k}: {f["pkts_fwd"]}/{f["pkts_rev"]} packets, sent '
              f'{n}/0')
        if end:
            check(f['end'] == end, f'{who}: {k}: end "{f["end"]}", '
                                   f'expected "{end}"')
    return got


def test_sigint_writes_every_flow(vcflow, floodgen, src):
    """SIGINT on a quiet interface: vcflow stops at once, exit 0, every
    live flow written with end "signal", the stats last; its -w file holds
    the same packets."""
    with tempfile.TemporaryDirectory() as tmp, Namespace() as ns:
        wfile = os.path.join(tmp, 'live.pcap')
        live = Live(ns, vcflow, ['-F', 'json', '-w', wfile])
        live.wait_ready()
        sent = udp_flows(ns)
        live.wait_idle()
        time.sleep(0.5)
        rc = live.interrupt()
        check(rc == 0, f'{live.cmd}: exit {rc} after SIGINT: '
                       f'{live.stderr_text()}')
        flows, st = live.records()
        check_accounting('live', st)
        got = check_udp_flows('live', flows, sent, 'signal')
        check(got[(45060, 5060)][0]['app'] == 'sip',
              f'the SIP OPTIONS flow is {got[(45060, 5060)][0]["app"]}')
        check(st['packets_in_flows'] == sum(sent.values()),
              f'packets_in_flows {st["packets_in_flows"]}, sent '
              f'{sum(sent.values())}')
        dropped = st.get('packets_dropped_by_kernel')
        check(dropped == 0, f'packets_dropped_by_kernel {dropped}')
        for k in ('packets_received_by_kernel', 'packets_dropped_by_kernel',
                  'packets_dropped_by_interface'):
            check(k in st, f'live stats lack {k}: {st}')
        wflows, wst = offline(vcflow, wfile)
        check(wst['packets_read'] == st['packets_read'],
              f'-w file holds {wst["packets_read"]} frames, '
              f'{st["packets_read"]} were read')
        check_udp_flows('-w file', wflows, sent, None)
        check(not live.stop_problem, live.stop_problem)
    return 0


def test_bad_interface_and_filter(vcflow, floodgen, src):
    """An interface that is not there and a filter that does not compile
    are one-line errors, exit 1; -D lists the namespace's interfaces."""
    with Namespace() as ns:
        for args, must in ((['-i', 'no-such-if0'], 'no-such-if0'),
                           (['-i', 'lo', 'port', 'nonsense'],
                            'port nonsense'),
                           (['-i', 'lo', '-F', 'json', 'port', 'nonsense'],
                            'port nonsense')):
            p = ns.exec(vcflow, *args, check_rc=False, timeout=30)
            lines = p.stderr.strip().splitlines()
            check(p.returncode == 1, f'vcflow {" ".join(args)}: exit '
                                     f'{p.returncode}, expected 1: '
                                     f'{p.stderr.strip()}')
            check(len(lines) == 1, f'vcflow {" ".join(args)}: error is '
                                   f'{len(lines)} lines: {p.stderr!r}')
            check(must in lines[0], f'vcflow {" ".join(args)}: '
                                    f'"{lines[0]}" does not name "{must}"')
            check(p.stdout == '', f'vcflow {" ".join(args)}: wrote to '
                                  f'stdout: {p.stdout[:200]!r}')
        p = ns.exec(vcflow, '-D', check_rc=False, timeout=30)
        check(p.returncode == 0, f'vcflow -D: exit {p.returncode}: '
                                 f'{p.stderr.strip()}')
        names = {ln.split('.', 1)[1].split()[0]
                 for ln in p.stdout.splitlines() if '.' in ln}
        for dev in ('lo', 'vethA', 'vethB'):
            check(dev in names, f'vcflow -D does not list {dev}: '
                                f'{p.stdout!r}')
    return 0


def test_drop_privileges(vcflow, floodgen, src):
    """-Z nobody: the interface opened as root, then uid, gid and
    supplementary groups are nobody's, and capture goes on; -Z with no
    such user is a one-line error, exit 1."""
    try:
        nobody = pwd.getpwnam('nobody')
    except KeyError:
        print('skip: no user nobody')
        return SKIP
    with Namespace() as ns:
        # Started with root's supplementary group, as from a login shell:
        # dropping privileges must drop it too.
        live = Live(ns, vcflow, ['-F', 'json', '-Z', 'nobody'],
                    extra_groups=[0])
        live.wait_ready()
        time.sleep(0.3)
        check(live.p.poll() is None, f'{live.cmd}: exited '
                                     f'{live.p.returncode}: '
                                     f'{live.stderr_text()}')
        st = proc_status(live.pid)
        uids = st.get('Uid', '').split()
        gids = st.get('Gid', '').split()
        groups = st.get('Groups', '').split()
        sent = udp_flows(ns)
        live.wait_idle()
        rc = live.interrupt(QUICK_GRACE_S)
        problems = []
        if uids != [str(nobody.pw_uid)] * 4:
            problems.append(f'-Z nobody: Uid {uids}, expected nobody\'s '
                            f'({nobody.pw_uid})')
        if gids != [str(nobody.pw_gid)] * 4:
            problems.append(f'-Z nobody: Gid {gids}, expected '
                            f'{nobody.pw_gid}')
        if '0' in groups:
            problems.append(f'-Z nobody: supplementary groups {groups} still '
                            'hold root\'s (0)')
        if int(st.get('CapEff', '0'), 16) != 0:
            problems.append(f'-Z nobody: CapEff {st.get("CapEff")}')
        if rc != 0:
            problems.append(f'-Z nobody: exit {rc}: {live.stderr_text()}')
        else:
            flows, _ = live.records()
            try:
                check_udp_flows('after -Z', flows, sent, 'signal')
            except Fail as e:
                problems.append(str(e))
        p = ns.exec(vcflow, '-i', 'vethB', '-Z', 'no-such-user',
                    check_rc=False, timeout=30)
        lines = p.stderr.strip().splitlines()
        if p.returncode != 1 or len(lines) != 1 or \
                'no-such-user' not in lines[0]:
            problems.append(f'-Z no-such-user: exit {p.returncode}, stderr '
                            f'{p.stderr!r}: want exit 1 and one line '
                            'naming the user')
        for pr in problems:
            print(f'FAIL: {pr}')
        return 1 if problems else 0


def test_sigusr1_prints_statistics(vcflow, floodgen, src):
    """SIGUSR1 prints one line of statistics on stderr at once, even on a
    quiet interface, and capture goes on."""
    with Namespace() as ns:
        live = Live(ns, vcflow, ['-F', 'json'])
        live.wait_ready()
        sent = udp_flows(ns)
        live.wait_idle()
        os.kill(live.pid, signal.SIGUSR1)

        def is_stats(ln):
            return 'packets read' in ln
        line = live.wait_line(live.err, is_stats, 2)
        problem = None
        if not line:
            problem = live.late_evidence('the SIGUSR1 statistics', live.err,
                                         is_stats)
            line = live.wait_line(live.err, is_stats, 0)
        alive = live.p.poll() is None
        rc = live.interrupt(QUICK_GRACE_S)
        check(alive, f'{live.cmd}: SIGUSR1 ended it (exit {rc})')
        check(rc == 0, f'{live.cmd}: exit {rc}: {live.stderr_text()}')
        check(not problem, problem)
        print(f'SIGUSR1 gave: {line}')
        n = sum(sent.values())
        check(line.startswith('vcflow: ') and f'{n} packets read' in line,
              f'SIGUSR1 line "{line}" does not say "{n} packets read"')
        check(len([1 for _, ln in live.err if is_stats(ln)]) == 1,
              f'one SIGUSR1, several lines: {live.stderr_text()}')
        live.records()
    return 0


def kernel_figures(line):
    """(read, received, dropped) from SIGUSR1's statistics line."""
    words = line.replace(',', ' ').split()
    try:
        return (int(words[words.index('packets') - 1]),
                int(words[words.index('received') - 1]),
                int(words[words.index('received') + 1]))
    except (ValueError, IndexError):
        raise Fail(f'SIGUSR1 line "{line}" does not say how many packets '
                   'were read, and received and dropped by the kernel')


def test_ring_overflow_counts_drops(vcflow, floodgen, src):
    """Frames the kernel drops when the ring is full are counted: vcflow is
    stopped (SIGSTOP) while 30,000 small frames are replayed into a 1 MiB
    buffer, then goes on.  packets_dropped_by_kernel is what did not fit,
    frames read and dropped add up to those the kernel received (every
    frame sent), every frame read is accounted for, and SIGUSR1's line
    agrees with the stats record (both are pcap_stats).  The ring packs
    these 60-byte frames into its blocks (TPACKET_V3): it holds thousands
    of them, where 64 KiB slots would hold 16."""
    n, least_held = 30000, 1000
    with tempfile.TemporaryDirectory() as tmp, Namespace() as ns:
        flood = os.path.join(tmp, 'flood.pcap')
        run(floodgen, '-n', n, '-s', '11', flood)
        live = Live(ns, vcflow, ['-F', 'json', '-B', '1024', *NO_IDLE],
                    keep=False)
        live.wait_ready()
        os.kill(live.pid, signal.SIGSTOP)
        try:
            sent = ns.replay(flood, '--topspeed')
        finally:
            os.kill(live.pid, signal.SIGCONT)
        live.wait_idle()
        os.kill(live.pid, signal.SIGUSR1)
        line = live.wait_line(live.err, lambda ln: 'packets read' in ln, 2)
        rc = live.interrupt(QUICK_GRACE_S)
        check(rc == 0, f'{live.cmd}: exit {rc}: {live.stderr_text()}')
        st = json.loads(live.last)
        check(st.get('type') == 'stats', f'last line is not the stats '
                                         f'object: {live.last[:200]}')
        print(f'{sent} frames sent into a stopped reader; stats {st}; '
              f'SIGUSR1: {line}')
        check_accounting('live', st)
        for k in ('packets_received_by_kernel', 'packets_dropped_by_kernel',
                  'packets_dropped_by_interface'):
            check(k in st, f'live stats lack {k}: {st}')
        read = st['packets_read']
        received = st['packets_received_by_kernel']
        dropped = st['packets_dropped_by_kernel']
        nudge = 1 if live.nudged else 0
        check(sent == n, f'tcpreplay sent {sent} of {n} frames')
        check(received == sent + nudge,
              f'the kernel received {received} frames, {sent + nudge} were '
              f'sent (dropped by the interface: '
              f'{st["packets_dropped_by_interface"]})')
        check(dropped > 0, f'no drop counted: {read} of {sent} frames read '
                           'from a 1 MiB ring while the reader was stopped')
        check(read + dropped == received,
              f'{read} frames read and {dropped} dropped, {received} '
              'received by the kernel')
        check(read >= least_held + nudge,
              f'the 1 MiB ring held only {read - nudge} 60-byte frames '
              f'(at least {least_held} expected of packed blocks)')
        check(line is not None, f'no statistics line after SIGUSR1: '
                                f'{live.stderr_text()}')
        check(kernel_figures(line) == (read, received - nudge,
                                       dropped),
              f'SIGUSR1 said "{line}"; the stats record: {read} read, '
              f'{received} received, {dropped} dropped')
    return 0


def test_active_timeout_writes_pieces(vcflow, floodgen, src):
    """--active-timeout: a flow still going is written in pieces, each
    with the same flow_id and its own packets, each with the flow's label;
    the pieces add up to every packet."""
    n, gap = 8, 0.4
    with Namespace() as ns:
        live = Live(ns, vcflow, ['-F', 'json', '--active-timeout', '1'])
        live.wait_ready()
        ns.sender_address()
        # SIP on a port no table lists, so only the payload can say so;
        # then keepalives (RFC 5626 CRLFs), which say nothing.
        ns.send_udp([(45070, 45071, [SIP_OPTIONS] + [b'\r\n\r\n'] * (n - 1))],
                    gap=gap)
        live.wait_idle()
        rc = live.interrupt(QUICK_GRACE_S)
        check(rc == 0, f'{live.cmd}: exit {rc}: {live.stderr_text()}')
        flows, st = live.records()
        check_accounting('live', st)
        for f in flows:
            print(f'piece: end={f["end"]} pkts={f["pkts_fwd"]}/'
                  f'{f["pkts_rev"]} app={f["app"]}/{f["confidence"]} '
                  f'{f["first_ts"]} .. {f["last_ts"]}')
        check(len(flows) >= 3, f'{len(flows)} records for one flow of '
                               f'{n * gap:.1f} s with --active-timeout 1')
        check(len({f['flow_id'] for f in flows}) == 1,
              f'the pieces have flow_ids {[f["flow_id"] for f in flows]}')
        ends = [f['end'] for f in flows]
        check(set(ends[:-1]) == {'active'} and ends[-1] == 'signal',
              f'ends {ends}: expected "active" ... then "signal"')
        check(sum(f['pkts_fwd'] for f in flows) == n and
              all(f['pkts_rev'] == 0 for f in flows),
              f'pieces count {[f["pkts_fwd"] for f in flows]}, sent {n}')
        labels = [(f['app'], f['confidence']) for f in flows]
        check(labels[0] == ('sip', 'payload'),
              f'the first piece is {labels[0]}, expected sip by payload')
        check(len(set(labels)) == 1,
              f'the pieces of one flow carry different labels: {labels}')
    return 0


def test_idle_timeout_on_quiet_port(vcflow, floodgen, src):
    """A flow idle past --udp-timeout is written as it times out, even
    when no other packet comes."""
    with Namespace() as ns:
        live = Live(ns, vcflow, ['-F', 'json', '--udp-timeout', '1'])
        live.wait_ready()
        sent = udp_flows(ns)

        def is_flow(ln):
            return '"type":"flow"' in ln
        line = live.wait_line(live.out, is_flow, 4)
        problem = None
        if not line:
            problem = live.late_evidence('the idle flows\' records',
                                         live.out, is_flow)
            if not live.wait_line(live.out, is_flow, 0):
                # Not for a frame that is not IP: for an IP packet?
                ns.send_udp([(45099, 45099, [b'late'])])
                late = live.wait_line(live.out, is_flow, 2)
                problem += ('; they came only when an IP packet of another '
                            'flow arrived' if late else
                            ', nor when an IP packet of another flow did')
        rc = live.interrupt(QUICK_GRACE_S)
        check(rc == 0, f'{live.cmd}: exit {rc}: {live.stderr_text()}')
        check(not problem, problem)
        flows, _ = live.records()
        check_udp_flows('live', flows, sent, 'idle')
    return 0


STUN_BINDING_REQUEST = (b'\x00\x01\x00\x00' + b'\x21\x12\xa4\x42' +
                        b'vcflow-live1')


def test_diagnose_reports_when_certain(vcflow, floodgen, src):
    """diagnose -i writes a finding once it is certain (STUN requests
    unanswered past SIP's timer B), not only at exit."""
    with Namespace() as ns:
        live = Live(ns, vcflow, ['-F', 'json'], command=('diagnose',))
        live.wait_ready()
        ns.sender_address()
        ns.send_udp([(40500, 3478, [STUN_BINDING_REQUEST] * 3)], gap=0.5)

        def is_finding(ln):
            return '"type":"finding"' in ln
        line = live.wait_line(live.out, is_finding, 45)
        rc = live.interrupt(QUICK_GRACE_S)
        check(rc == 0, f'{live.cmd}: exit {rc}: {live.stderr_text()}')
        check(line is not None, 'no finding before the capture stopped')
        f = json.loads(line)
        check(f['kind'] in ('udp_unanswered', 'icmp_unreachable'),
              f'finding {f["kind"]}: {f["summary"]}')
        check('3478' in f['summary'], f['summary'])
        recs = [json.loads(ln) for _, ln in live.out]
        check(recs[-1]['type'] == 'summary', 'the summary comes last')
        check(sum(r['type'] == 'finding' for r in recs) == 1,
              'the finding written early is not written again')
    return 0


def test_duration_stops_capture(vcflow, floodgen, src):
    """--duration 2 on a quiet interface: vcflow stops by itself after 2
    seconds, exit 0, its flows and the stats written."""
    with Namespace() as ns:
        live = Live(ns, vcflow, ['-F', 'json', '--duration', '2'])
        live.wait_ready()
        t = time.monotonic()
        sent = udp_flows(ns)
        stopped = live.wait_exit(2 + STOP_GRACE_S)
        took = time.monotonic() - t
        if not stopped:
            os.kill(live.pid, signal.SIGINT)
            if not live.wait_exit(1):
                ns.nudge()
                live.nudged = True
            late = live.wait_exit(5)
            if not late:
                os.kill(live.pid, signal.SIGKILL)
                live.wait_exit(None)
            live.join()
            raise Fail(f'{live.cmd}: still running {took:.1f} s after the '
                       'start on a quiet interface' +
                       ('' if not late else
                        '; SIGINT then stopped it only when one more frame '
                        'came' if live.nudged else '; SIGINT stopped it'))
        live.join()
        check(live.p.returncode == 0, f'{live.cmd}: exit '
                                      f'{live.p.returncode}: '
                                      f'{live.stderr_text()}')
        # vcflow's clock starts when it begins reading, a little before
        # this test sees it ready; on a busy machine that may be a good
        # part of a second, so the bound leaves room for it.
        check(took >= 1.0, f'{live.cmd}: stopped after {took:.1f} s, '
                           'well before its 2 seconds were up')
        flows, _ = live.records()
        check_udp_flows('live', flows, sent, None)
        print(f'stopped by itself after {took:.1f} s; ends '
              f'{sorted({f["end"] for f in flows})}')
    return 0


def test_dedup_drops_span_copies(vcflow, floodgen, src):
    """--dedup: a span port's second copy of each frame is dropped and
    counted; the flows count each packet once."""
    with tempfile.TemporaryDirectory() as tmp, Namespace() as ns:
        one = os.path.join(tmp, 'one.pcap')
        two = os.path.join(tmp, 'two.pcap')
        run(floodgen, '-n', 20, '-k', 3, '-t', 'mix', '-s', 3, one)
        frames = read_pcap(one)
        write_pcap(two, [x for fr in frames for x in (fr, fr)])
        wfile = os.path.join(tmp, 'seen.pcap')
        # A burst at full speed, as a span port's copies come: a big
        # buffer, so that none of them is dropped.
        live = Live(ns, vcflow, ['-F', 'json', '--dedup', '-B', '65536',
                                 '-w', wfile])
        live.wait_ready()
        ns.replay(two, '--topspeed')
        live.wait_idle()
        rc = live.interrupt(QUICK_GRACE_S)
        check(rc == 0, f'{live.cmd}: exit {rc}: {live.stderr_text()}')
        flows, st = live.records()
        check_accounting('live --dedup', st)
        n = len(frames)
        seen = read_pcap(wfile)
        gaps = sorted(round((b[0] - a[0]) * 1e6)
                      for a, b in zip(seen, seen[1:]) if a[1] == b[1])
        print(f'{len(seen)} frames seen; microseconds between the two '
              f'copies: at most {gaps[-1] if gaps else None}; stats {st}')
        check(st.get('packets_dropped_by_kernel') == 0,
              f'the kernel dropped {st.get("packets_dropped_by_kernel")}')
        # A copy is a duplicate when it comes within vcflow's window
        # (2 ms); on a loaded machine a rare copy may come later, and is
        # then rightly counted as a packet of its own.
        close = sum(1 for g in gaps if g <= DEDUP_WINDOW_US)
        check(close >= n * 9 // 10,
              f'only {close} of {n} copies came within the window')
        check(st.get('packets_duplicate') == close,
              f'packets_duplicate {st.get("packets_duplicate")}, {close} '
              'copies came within the window')
        check(st['packets_in_flows'] == 2 * n - close,
              f'packets_in_flows {st["packets_in_flows"]}, expected '
              f'{2 * n - close}')
        check(len(flows) == 20 and
              sum(f['pkts_fwd'] + f['pkts_rev'] for f in flows) ==
              2 * n - close,
              f'{len(flows)} flows, packets '
              f'{sorted(f["pkts_fwd"] + f["pkts_rev"] for f in flows)}')
    return 0


def rotated_files(base):
    names = [base] if os.path.exists(base) else []
    i = 1
    while os.path.exists(f'{base}{i}'):
        names.append(f'{base}{i}')
        i += 1
    return names


def test_rotation_splits_w_file(vcflow, floodgen, src):
    """-w FILE -C 1 starts FILE1, FILE2 ... past each megabyte; -G 1 every
    second; every frame read is in exactly one file, the first included."""
    problems = []
    with tempfile.TemporaryDirectory() as tmp, Namespace() as ns:
        flood = os.path.join(tmp, 'flood.pcap')
        run(floodgen, '-n', 30000, '-s', 5, flood)
        base = os.path.join(tmp, 'c.pcap')
        live = Live(ns, vcflow, ['-F', 'json', '-s', '256', '-B', '8192',
                                 '-w', base, '-C', '1'], keep=False)
        live.wait_ready()
        ns.replay(flood, '--pps', '25000')
        live.wait_idle()
        rc = live.interrupt(QUICK_GRACE_S)
        check(rc == 0, f'{live.cmd}: exit {rc}: {live.stderr_text()}')
        read = json.loads(live.last)['packets_read']
        files = rotated_files(base)
        sizes = [os.path.getsize(f) for f in files]
        counts = [offline(vcflow, f)[1]['packets_read'] for f in files]
        print(f'-C 1: files {[os.path.basename(f) for f in files]}, '
              f'sizes {sizes}, frames {counts}, read {read}')
        if len(files) < 3:
            problems.append(f'-C 1: {len(files)} files for '
                            f'{os.path.getsize(flood)} bytes')
        if any(sz > 1000000 + 65535 for sz in sizes[:-1]):
            problems.append(f'-C 1: file sizes {sizes}')
        if sum(counts) != read:
            problems.append(f'-C 1: the files hold {sum(counts)} frames, '
                            f'{read} were read')

        base = os.path.join(tmp, 'g.pcap')
        live = Live(ns, vcflow, ['-F', 'json', '-w', base, '-G', '1'])
        live.wait_ready()
        ns.sender_address()
        ns.send_udp([(45080, 45081, [b'x' * 50] * 6)], gap=0.5)
        live.wait_idle()
        rc = live.interrupt(QUICK_GRACE_S)
        check(rc == 0, f'{live.cmd}: exit {rc}: {live.stderr_text()}')
        _, st = live.records()
        files = rotated_files(base)
        counts = [offline(vcflow, f)[1]['packets_read'] for f in files]
        print(f'-G 1: files {[os.path.basename(f) for f in files]}, '
              f'frames {counts}, read {st["packets_read"]}')
        if len(files) < 2:
            problems.append(f'-G 1: {len(files)} files for 3 s of traffic')
        if sum(counts) != st['packets_read']:
            problems.append(f'-G 1: the files hold {sum(counts)} frames, '
                            f'{st["packets_read"]} were read')
        if counts and counts[0] == 0:
            problems.append(f'-G 1: the first file, {base}, holds no frame '
                            f'(frames per file {counts})')
    for pr in problems:
        print(f'FAIL: {pr}')
    return 1 if problems else 0


TESTS = {name[5:]: fn for name, fn in globals().items()
         if name.startswith('test_')}


def main(argv):
    if len(argv) != 5 or argv[1] not in TESTS:
        print(f'usage: {argv[0]} TEST VCFLOW FLOODGEN SRCDIR\n'
              f'tests: {" ".join(TESTS)}', file=sys.stderr)
        return 2
    if os.geteuid() != 0:
        print('skip: live capture and network namespaces need root')
        return SKIP
    # meson's timeout sends SIGTERM: unwind so the namespace goes.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    name, vcflow, floodgen, src = argv[1:5]
    try:
        return TESTS[name](os.path.abspath(vcflow), os.path.abspath(floodgen),
                           src)
    except Skip as e:
        print(f'skip: {e}')
        return SKIP
    except AssertionError as e:
        print(f'FAIL: {e}')
        return 1
    except subprocess.TimeoutExpired as e:
        print(f'FAIL: {" ".join(map(str, e.cmd))}: still running after '
              f'{e.timeout} s')
        return 1


if __name__ == '__main__':
    sys.exit(main(sys.argv))
