#!/usr/bin/env python3
"""--workers: the flows split across threads give the records one thread
gives, in any order.

Usage: workers.py TEST VCFLOW SRCDIR BENCHGEN

Exit 0 pass, 1 fail.
"""
import glob
import json
import os
import signal
import subprocess
import sys
import tempfile
import time

# A worker's own peak of live flows; the run's figure is their sum, which
# one thread's table never reaches when flows end at different times.
PER_WORKER_FIELDS = ('flows_peak_live',)


def run(vcflow, *args, timeout=600):
    p = subprocess.run([vcflow, *args], capture_output=True, text=True,
                       timeout=timeout)
    return p.returncode, p.stdout, p.stderr


def record_set(text):
    """The records as sorted canonical lines, the per-worker figures out."""
    out = []
    for line in text.splitlines():
        r = json.loads(line)
        for k in PER_WORKER_FIELDS:
            r.pop(k, None)
        out.append(json.dumps(r, sort_keys=True))
    return sorted(out)


def captures(src):
    found = sorted(glob.glob(os.path.join(src, 'pcaps', '*.pcap')) +
                   glob.glob(os.path.join(src, 'pcaps', 'diagnose', '*.pcap')))
    shared = os.path.join(src, '..', 'shared', 'pcaps')
    for pattern in ('*.pcap', '*.pcapng', 'more/*.pcap', 'more/*.pcapng'):
        found += sorted(glob.glob(os.path.join(shared, pattern)))
    return found


def differences(vcflow, args, counts=(2, 3)):
    """What --workers N changes in the records of vcflow ARGS."""
    rc, one, err = run(vcflow, *args)
    assert rc == 0, f'{" ".join(args)}: exit {rc}: {err}'
    want = record_set(one)
    diffs = []
    sub = args[:1] if args[0] in ('diagnose', 'report') else []
    for n in counts:
        rc, many, err = run(vcflow, *sub, '--workers', str(n),
                            *args[len(sub):])
        assert rc == 0, f'--workers {n} {" ".join(args)}: exit {rc}: {err}'
        got = record_set(many)
        if got != want:
            extra = [x for x in got if x not in want][:1]
            missing = [x for x in want if x not in got][:1]
            diffs.append(f'--workers {n} {" ".join(args)}: {len(got)} '
                         f'records, {len(want)} with one; only with '
                         f'workers: {extra}; only with one: {missing}')
    return diffs


def test_workers_give_the_records_of_one(vcflow, src, benchgen):
    """Every capture of pcaps/ and ../shared/pcaps, read with 2 and 3
    workers, gives the same flow, call and stats records as one thread,
    and diagnose the same findings."""
    caps = captures(src)
    assert len(caps) >= 20, f'only {len(caps)} captures found'
    diffs = []
    for cap in caps:
        diffs += differences(vcflow, ['-F', 'json', '-r', cap])
        diffs += differences(vcflow, ['diagnose', '-F', 'json', '-r', cap],
                             counts=(2,))
    for d in diffs:
        print(d[:2000])
    print(f'{len(caps)} captures compared')
    return 1 if diffs else 0


def test_workers_give_the_records_of_one_on_a_busy_mix(vcflow, src,
                                                      benchgen):
    """A generated site mix (SIP, H.323 and SCCP calls with their media,
    TLS, DNS, STUN) with short idle timeouts, so that flows end all along
    the capture while others go on, and calls' signalling and media reach
    different workers: the records are those of one thread."""
    with tempfile.TemporaryDirectory() as tmp:
        cap = os.path.join(tmp, 'mix.pcap')
        subprocess.run([benchgen, '-s', '7', '200000', '4000', cap],
                       check=True, capture_output=True, timeout=300)
        args = ['-F', 'json', '-r', cap, '--udp-timeout', '2',
                '--tcp-timeout', '5', '--other-timeout', '2']
        rc, out, _ = run(vcflow, *args)
        recs = [json.loads(x) for x in out.splitlines()]
        calls = [r for r in recs if r['type'] == 'call']
        media = [m for c in calls for m in c.get('media', [])]
        ended = [r for r in recs if r['type'] == 'flow' and r['end'] == 'idle']
        assert calls and media and ended, \
            f'{len(calls)} calls, {len(media)} streams, {len(ended)} ' \
            'flows idled out: the mix does not exercise workers'
        diffs = differences(vcflow, args, counts=(2, 4))
        diffs += differences(vcflow, ['diagnose', *args], counts=(2,))
    for d in diffs:
        print(d[:3000])
    return 1 if diffs else 0


def test_workers_stop_where_one_thread_stops(vcflow, src, benchgen):
    """-c and --duration count the frames the reader hands out: with
    workers the run stops at the same frame, and gives the records of one
    thread."""
    cap = os.path.join(src, 'pcaps', 'demo.pcap')
    diffs = differences(vcflow, ['-F', 'json', '-c', '50', '-r', cap])
    diffs += differences(vcflow, ['-F', 'json', '--duration', '1', '-r',
                                  cap])
    rc, out, _ = run(vcflow, '--workers', '2', '-F', 'json', '-c', '50',
                     '-r', cap)
    stats = json.loads(out.splitlines()[-1])
    assert stats['packets_read'] == 50, \
        f'--workers 2 -c 50 read {stats["packets_read"]} packets'
    for d in diffs:
        print(d[:2000])
    return 1 if diffs else 0


def test_workers_are_threads_of_their_own(vcflow, src, benchgen):
    """--workers 3 runs three threads (the reader's own and two more), and
    --workers auto one a processor the process may use."""
    cap = os.path.join(src, 'pcaps', 'demo.pcap')
    for opt, want in (('3', 3), ('auto', len(os.sched_getaffinity(0)))):
        with tempfile.TemporaryDirectory() as tmp:
            fifo = os.path.join(tmp, 'in.pcap')
            os.mkfifo(fifo)
            p = subprocess.Popen([vcflow, '--workers', opt, '-F', 'json',
                                  '-r', fifo], stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE)
            try:
                # The reader waits on the FIFO once the threads are up.
                with open(fifo, 'wb') as w, open(cap, 'rb') as r:
                    data = r.read()
                    w.write(data[:24])  # the file header: the run starts
                    w.flush()
                    threads = 0
                    deadline = time.monotonic() + 20
                    while time.monotonic() < deadline:
                        threads = len(os.listdir(f'/proc/{p.pid}/task'))
                        if threads >= want:
                            break
                        time.sleep(0.05)
                    w.write(data[24:])
                out, err = p.communicate(timeout=60)
            finally:
                if p.poll() is None:
                    p.kill()
                    p.wait()
            assert threads == want, \
                f'--workers {opt}: {threads} threads, want {want}'
            assert p.returncode == 0, f'exit {p.returncode}: {err}'
            rc, one, _ = run(vcflow, '-F', 'json', '-r', cap)
            assert record_set(out.decode()) == record_set(one), \
                f'--workers {opt} from a FIFO: not the records of one'
    return 0


def test_bad_workers_option_is_a_usage_error(vcflow, src, benchgen):
    """--workers takes 1 to 64 or auto: anything else is one line on
    stderr naming the option, and exit 2."""
    cap = os.path.join(src, 'pcaps', 'demo.pcap')
    for bad in ('0', '65', 'two', '', '-1', '2x'):
        rc, out, err = run(vcflow, '--workers', bad, '-r', cap)
        lines = err.strip().splitlines()
        assert rc == 2, f'--workers {bad!r}: exit {rc}'
        assert len(lines) == 1 and '--workers' in lines[0], \
            f'--workers {bad!r}: {err!r}'
        assert out == '', f'--workers {bad!r} wrote records'
    rc, _, err = run(vcflow, '--workers', '1', '-r', cap)
    assert rc == 0, f'--workers 1: exit {rc}: {err}'
    return 0


TESTS = {name[5:]: fn for name, fn in globals().items()
         if name.startswith('test_')}

if __name__ == '__main__':
    name, vcflow, src, benchgen = sys.argv[1:5]
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    try:
        sys.exit(TESTS[name](vcflow, src, benchgen))
    except AssertionError as e:
        print(f'FAIL: {e}')
        sys.exit(1)
