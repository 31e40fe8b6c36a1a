#!/usr/bin/env python3
"""Operations: what a sensor that runs for months relies on.

Usage: ops.py TEST VCFLOW SOURCE_DIR BUILD_DIR

--sensor in every record, -o and its errors, SIGHUP reopening -o (and -w
only when moved), -V, and `meson install` putting the binary, the man
page, the signatures, the systemd unit and the logrotate snippet in
place.  Exit 0 pass, 1 fail, 77 skip (meson's convention).
"""
import json
import os
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time

SKIP = 77


def run(vcflow, *args):
    p = subprocess.run([vcflow, *args], capture_output=True, text=True,
                       timeout=300)
    return p.returncode, p.stdout, p.stderr


def records(text):
    return [json.loads(x) for x in text.splitlines()]


def test_sensor_names_every_record(vcflow, src, build):
    """Flow, call and stats records name the host by default; --sensor
    names another in those and in diagnose's finding, ladder and summary
    records; an empty name is a usage error."""
    demo = os.path.join(src, 'pcaps', 'demo.pcap')
    rc, out, err = run(vcflow, '-r', demo, '-F', 'json')
    assert rc == 0, err
    recs = records(out)
    assert {r['type'] for r in recs} >= {'flow', 'call', 'stats'}, recs
    host = socket.gethostname()
    assert all(r['sensor'] == host for r in recs), \
        {r['sensor'] for r in recs}
    assert all(list(r)[:2] == ['type', 'sensor'] for r in recs)
    rc, out, err = run(vcflow, '-r', demo, '-F', 'json', '--sensor', 'span-1')
    assert rc == 0 and all(r['sensor'] == 'span-1' for r in records(out))
    cap = os.path.join(src, 'pcaps', 'diagnose', 'invite-blocked.pcap')
    rc, out, err = run(vcflow, 'diagnose', '-r', cap, '-F', 'json',
                       '--ladder', '--sensor', 'dmz "a"')
    assert rc == 0, err
    recs = records(out)
    assert {r['type'] for r in recs} >= {'finding', 'summary'}, recs
    assert all(r['sensor'] == 'dmz "a"' for r in recs)
    rc, out, err = run(vcflow, '-r', demo, '--sensor', '')
    assert rc == 2 and 'sensor' in err, (rc, err)
    return 0


def test_o_file_holds_the_records(vcflow, src, build):
    """-o FILE: the records of every format go to the file (appended),
    none to standard output; an -o over an input is refused; a failed
    write or open is an error naming the file."""
    demo = os.path.join(src, 'pcaps', 'demo.pcap')
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in ('text', 'json', 'csv'):
            rc, want, err = run(vcflow, '-r', demo, '-F', fmt)
            assert rc == 0, err
            out = os.path.join(tmp, 'out.' + fmt)
            for copies in (1, 2):
                rc, stdout, err = run(vcflow, '-r', demo, '-F', fmt,
                                      '-o', out)
                assert rc == 0 and stdout == '', (fmt, rc, stdout, err)
                with open(out) as fh:
                    assert fh.read() == want * copies, (fmt, copies)
        diag = os.path.join(src, 'pcaps', 'diagnose', 'invite-blocked.pcap')
        out = os.path.join(tmp, 'diag.json')
        rc, stdout, err = run(vcflow, 'diagnose', '-r', diag, '-F', 'json',
                              '-o', out)
        with open(out) as fh:
            assert rc == 0 and stdout == '' and \
                records(fh.read())[-1]['type'] == 'summary'
        copy = os.path.join(tmp, 'in.pcap')
        shutil.copy(demo, copy)
        rc, _, err = run(vcflow, '-r', copy, '-o', copy)
        assert rc == 2 and copy in err, (rc, err)
        missing = os.path.join(tmp, 'no', 'such', 'dir', 'out.json')
        rc, _, err = run(vcflow, '-r', demo, '-o', missing)
        assert rc == 1 and missing in err and \
            len(err.strip().splitlines()) == 1, (rc, err)
    if os.path.exists('/dev/full'):
        rc, _, err = run(vcflow, '-r', demo, '-F', 'json', '-o', '/dev/full')
        assert rc == 1 and '/dev/full' in err, (rc, err)
    return 0


def pcap_parts(path):
    """A classic pcap's 24-byte header and its records (header, frame)."""
    with open(path, 'rb') as fh:
        data = fh.read()
    recs, off = [], 24
    while off + 16 <= len(data):
        caplen = struct.unpack_from('<I', data, off + 8)[0]
        recs.append((data[off:off + 16], data[off + 16:off + 16 + caplen]))
        off += 16 + caplen
    return data[:24], recs


def shifted(recs, secs):
    out = []
    for hdr, frame in recs:
        sec, usec, incl, orig = struct.unpack('<IIII', hdr)
        out.append((struct.pack('<IIII', sec + secs, usec, incl, orig), frame))
    return out


def test_sighup_reopens_the_o_file(vcflow, src, build):
    """The demo, then the demo again 100 s later, through a FIFO: SIGHUP
    after log rotation moved the -o file sends the records after it to a
    new file under the name, the two files holding the records of a plain
    run between them; the -w file, not moved, stays one whole file."""
    head, recs = pcap_parts(os.path.join(src, 'pcaps', 'demo.pcap'))
    second = shifted(recs, 100)
    opts = ['-F', 'json', '--udp-timeout', '10', '--tcp-timeout', '10',
            '--sensor', 'hup']
    with tempfile.TemporaryDirectory() as tmp:
        whole = os.path.join(tmp, 'whole.pcap')
        with open(whole, 'wb') as fh:
            fh.write(head + b''.join(h + d for h, d in recs + second))
        rc, plain, err = run(vcflow, '-r', whole, *opts)
        assert rc == 0, err
        out = os.path.join(tmp, 'eth1.json')
        wfile = os.path.join(tmp, 'eth1.pcap')
        fifo = os.path.join(tmp, 'in.fifo')
        os.mkfifo(fifo)
        proc = subprocess.Popen([vcflow, '-r', fifo, *opts, '-o', out,
                                 '-w', wfile],
                                stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        with open(fifo, 'wb') as w:
            # The first copy and one packet of the second: the first
            # copy's flows idle out and are written before the signal.
            w.write(head + b''.join(h + d for h, d in recs + second[:1]))
            w.flush()
            time.sleep(1)
            os.rename(out, out + '.1')
            proc.send_signal(signal.SIGHUP)
            time.sleep(0.5)
            w.write(b''.join(h + d for h, d in second[1:]))
        stdout, err = proc.communicate(timeout=60)
        assert proc.returncode == 0 and stdout == '', (proc.returncode, err)
        with open(out + '.1') as fh:
            before = fh.read().splitlines()
        with open(out) as fh:
            after = fh.read().splitlines()
        assert before and after, (len(before), len(after))
        assert json.loads(after[-1])['type'] == 'stats'
        assert sorted(before + after) == sorted(plain.splitlines()), \
            (len(before), len(after), len(plain.splitlines()))
        assert pcap_parts(wfile)[1] == recs + second, 'the -w file'
    return 0


def test_version_names_commit_and_signatures(vcflow, src, build):
    """-V: version, commit, and the signature set: its files and a hash
    that follows their contents."""
    rc, out, err = run(vcflow, '-V')
    assert rc == 0, err
    lines = out.splitlines()
    assert lines[0].startswith('vcflow ') and ', commit ' in lines[0], lines
    commit = lines[0].split(', commit ')[1]
    assert commit == 'unknown' or len(commit) >= 7, commit
    sig = [x for x in lines if x.startswith('signatures ')]
    assert len(sig) == 1, lines
    files = [x.strip() for x in lines if x.startswith('  ')]
    sigdir = os.path.join(src, 'signatures')
    want = sorted(f for f in os.listdir(sigdir) if f.endswith('.sig'))
    assert sorted(os.path.basename(f) for f in files) == want, files
    assert f'{len(want)} files' in sig[0], sig
    with tempfile.TemporaryDirectory() as tmp:
        extra = os.path.join(tmp, 'site.sig')
        with open(extra, 'w') as fh:
            fh.write('class vendor\nsource d | Site | t\nvendor Site\n'
                     'product Site PBX\nrule udp 40000 | rtp | RTP | RTP '
                     'media | both | -\n')
        rc, out2, err = run(vcflow, '-S', extra, '-V')
        assert rc == 0, err
        assert extra in out2 and out2.splitlines()[2] != sig[0], out2
        rc, out3, err = run(vcflow, '--no-default-signatures', '-S', extra,
                            '-V')
        assert rc == 0 and '1 files' in out3 and sigdir not in out3, out3
    return 0


def test_install_puts_files_in_place(vcflow, src, build):
    """meson install --destdir: the binary, the man page, the signatures,
    vcflow@.service, its sysusers and tmpfiles entries, the logrotate
    snippet and the ClickHouse tools; systemd-analyze verify finds no fault
    in the unit (when systemd is installed)."""
    with tempfile.TemporaryDirectory() as dest:
        p = subprocess.run(['meson', 'install', '-C', build, '--no-rebuild',
                            '--destdir', dest],
                           capture_output=True, text=True, timeout=300)
        assert p.returncode == 0, p.stdout + p.stderr
        intro = subprocess.run(['meson', 'introspect', '--buildoptions',
                                build], capture_output=True, text=True)
        opts = {o['name']: o['value'] for o in json.loads(intro.stdout)}
        prefix = opts['prefix']
        sysconf = os.path.join(prefix, opts['sysconfdir'])

        def at(*parts):
            return dest + os.path.join(*parts)
        binary = at(prefix, opts['bindir'], 'vcflow')
        unitdir = opts['systemdunitdir'] or os.path.join(
            prefix, 'lib', 'systemd', 'system')
        unit = at(unitdir, 'vcflow@.service')
        want = [binary,
                at(prefix, opts['mandir'], 'man1', 'vcflow.1'),
                at(prefix, opts['datadir'], 'vcflow', 'signatures',
                   'standard.sig'),
                unit,
                at(prefix, 'lib', 'sysusers.d', 'vcflow.conf'),
                at(prefix, 'lib', 'tmpfiles.d', 'vcflow.conf'),
                at(sysconf, 'logrotate.d', 'vcflow'),
                at(prefix, opts['datadir'], 'vcflow', 'clickhouse',
                   'load.sh')]
        missing = [w for w in want if not os.path.isfile(w)]
        assert not missing, missing
        assert os.access(binary, os.X_OK) and os.access(want[-1], os.X_OK)
        with open(unit) as fh:
            text = fh.read()
        exe = os.path.join(prefix, opts['bindir'], 'vcflow')
        assert f'ExecStart={exe} -i %i -Z vcflow' in text, text
        for part in ('-o /var/log/vcflow/%i.json',
                     '-w /var/lib/vcflow/%i.pcap -C 100',
                     'ExecReload=/bin/kill -HUP $MAINPID'):
            assert part in text, part
        with open(want[6]) as fh:
            assert "systemctl reload 'vcflow@*.service'" in fh.read()
        rc, out, err = run(binary, '--no-default-signatures', '-S',
                           os.path.dirname(want[2]), '-V')
        assert rc == 0 and 'standard.sig' in out, err
        if not shutil.which('systemd-analyze'):
            print('systemd-analyze not installed: the unit is not verified')
            return 0
        # The unit as installed, its binary where the destdir holds it,
        # as an instance (a template alone is not verified).
        with tempfile.TemporaryDirectory() as units:
            with open(os.path.join(units, 'vcflow@.service'), 'w') as fh:
                fh.write(text.replace(f'ExecStart={exe} ',
                                      f'ExecStart={binary} '))
            os.symlink('vcflow@.service',
                       os.path.join(units, 'vcflow@lo.service'))
            p = subprocess.run(['systemd-analyze', 'verify', '--man=no',
                                os.path.join(units, 'vcflow@lo.service')],
                               capture_output=True, text=True, timeout=120)
            faults = [x for x in (p.stdout + p.stderr).splitlines()
                      if x.strip()]
            assert p.returncode == 0 and not faults, faults
    return 0


TESTS = {name[5:]: fn for name, fn in globals().items()
         if name.startswith('test_')}

if __name__ == '__main__':
    name, vcflow, src, build = sys.argv[1:5]
    try:
        sys.exit(TESTS[name](vcflow, src, build))
    except AssertionError as e:
        print(f'FAIL: {e}')
        sys.exit(1)
