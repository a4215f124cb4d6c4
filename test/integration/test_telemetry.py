#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Counters through DPDK telemetry while anchorgw runs.

anchor-gen's traffic (with forged MACs, replays, unknown UEs and malformed
frames) goes through anchorgw; while the gateway is still up, the test reads
/anchorgw/stats, /anchorgw/worker,0 and /anchorgw/ctx over the telemetry
socket (the protocol dpdk-telemetry.py speaks) and checks every per-cause
counter against the generator's expectation.

usage: test_telemetry.py ANCHORGW ANCHOR_GEN CONF
"""
import glob
import json
import os
import socket
import subprocess
import sys
import time

import gwrun
import pcaputil


def telemetry(sock_path, cmd):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    s.connect(sock_path)
    s.recv(4096)  # greeting: version, pid, max_output_len
    s.send(cmd.encode())
    reply = json.loads(s.recv(1 << 16).decode())
    s.close()
    return reply[cmd.split(",")[0]]


def main():
    gw, gen, conf = sys.argv[1:4]
    d = gwrun.tmpdir()
    inp, exp, ctx = (os.path.join(d, f) for f in ("in.pcap", "exp.pcap", "ctx.csv"))
    out = subprocess.run([gen, "nas-pcap", "--out", inp, "--expect", exp, "--ctx-out", ctx,
                          "--ues", "150", "--msgs", "4", "--nia", "1,2,3", "--cipher", "mixed",
                          "--forged", "6", "--replays", "5", "--unknown", "4", "--malformed",
                          "3", "--seed", "9"], capture_output=True, text=True, check=True).stdout
    expect = {l.split()[1].split("=")[0]: int(l.split("=")[1]) for l in out.splitlines()}
    empty = os.path.join(d, "empty.pcap")
    pcaputil.write(empty, [])
    prefix = "agwtel%d" % os.getpid()
    runtime = os.path.join(d, "run")
    os.makedirs(runtime, mode=0o700)
    env = dict(os.environ, RUNTIME_DIRECTORY=runtime)  # EAL puts its sockets there
    p = subprocess.Popen([gw, "--no-huge", "--no-pci", "-m", "512", "-l", "0,1",
                          "--log-level=*:error", "--file-prefix", prefix,
                          "--vdev", "net_pcap0,rx_pcap=%s,tx_pcap=%s/ran.pcap" % (inp, d),
                          "--vdev", "net_pcap1,rx_pcap=%s,tx_pcap=%s/core.pcap" % (empty, d),
                          "--", "-f", conf, "--ctx-file", ctx, "--duration", "20"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    bad, stats = [], {}
    try:
        sock = None
        deadline = time.time() + 15
        while time.time() < deadline:
            socks = glob.glob(os.path.join(runtime, "dpdk", prefix, "dpdk_telemetry.v2"))
            if socks:
                sock = socks[0]
                stats = telemetry(sock, "/anchorgw/stats") or {}  # null until registered
                if stats.get("rx") == expect["rx"]:
                    break
            time.sleep(0.2)
        if sock is None:
            bad.append("no telemetry socket under %s" % runtime)
        else:
            for k, v in expect.items():
                if stats.get(k) != v:
                    bad.append("/anchorgw/stats %s: got %s, want %d" % (k, stats.get(k), v))
            w0 = telemetry(sock, "/anchorgw/worker,0")
            if w0 != stats:
                bad.append("/anchorgw/worker,0 differs from /anchorgw/stats with one worker")
            c = telemetry(sock, "/anchorgw/ctx")
            if c.get("contexts") != 150 or not 0 < c.get("bytes_per_context", 0) < 2048:
                bad.append("/anchorgw/ctx: %s" % c)
            print("telemetry /anchorgw/stats: %s" % {k: v for k, v in stats.items() if v})
            print("telemetry /anchorgw/ctx: %s" % c)
    finally:
        p.terminate()
        p.wait(timeout=30)
    if p.returncode != 0:
        bad.append("anchorgw exit %d after SIGTERM: %s" % (p.returncode, p.stderr.read()))
    for b in bad:
        print("  " + b)
    print("telemetry: %s" % ("ok" if not bad else "FAILED"))
    print("%d passed, %d failed" % (0 if bad else 1, 1 if bad else 0))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
