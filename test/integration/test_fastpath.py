#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Integration test of the uplink fast path on virtual devices.

anchor-gen computes, on the UE side with lib/crypto and the lib/proto
encoders, N UEs' protected uplink NAS (and, in one case, downlink NAS as the
core hands it over with a security-header placeholder, plus what the UEs must
receive) (mixed NIA1/2/3, with and without
NEA1/2/3, COUNTs crossing the SQN wrap) plus forged MACs, replays, unknown
UEs and malformed NGAP, the expected core-side frames (NAS deciphered, SCTP
CRC recomputed) and the counters. anchorgw runs on net_pcap ports with the
contexts loaded; the test asserts every counter and compares the core-side
output frame by frame, byte for byte.

Each case runs on both crypto engines (imb; cryptodev on crypto_aesni_mb)
and the two outputs must be identical byte for byte.

usage: test_fastpath.py ANCHORGW ANCHOR_GEN CONF
"""
import os
import subprocess
import sys

import gwrun
import pcaputil

CASES = [
    # name, generator arguments
    ("mixed-nia-nea", ["--ues", "300", "--msgs", "6", "--size", "128", "--nia", "1,2,3",
                       "--cipher", "mixed", "--forged", "12", "--replays", "9",
                       "--unknown", "7", "--malformed", "5", "--seed", "7"]),
    ("uplink+downlink", ["--ues", "200", "--msgs", "4", "--dl-msgs", "3", "--size", "200",
                         "--nia", "1,2,3", "--cipher", "mixed", "--forged", "3", "--seed", "5"]),
    ("nia2-nea2-512B", ["--ues", "64", "--msgs", "3", "--size", "512", "--nia", "2",
                        "--cipher", "all", "--seed", "11"]),
    ("integrity-only-64B", ["--ues", "50", "--msgs", "8", "--size", "64", "--nia", "1,3",
                            "--cipher", "none", "--forged", "4", "--seed", "3"]),
]


ENGINES = [
    ("imb", [], []),
    ("cryptodev", [('engine = "imb"', 'engine = "cryptodev"')], ["--vdev", "crypto_aesni_mb0"]),
]


def run_case(gw, gen, conf, name, args):
    """Returns (problems, core frames per engine)."""
    d = gwrun.tmpdir()
    inp, exp, ctx, dl_in, dl_exp = (os.path.join(d, f) for f in (
        "in.pcap", "exp.pcap", "ctx.csv", "dl-in.pcap", "dl-exp.pcap"))
    dl = "--dl-msgs" in args
    out = subprocess.run([gen, "nas-pcap", "--out", inp, "--expect", exp, "--ctx-out", ctx]
                         + (["--dl-out", dl_in, "--dl-expect", dl_exp] if dl else [])
                         + args, capture_output=True, text=True, check=True).stdout
    expect = {}
    for line in out.splitlines():
        k, v = line.split()[1].split("=")
        expect[k] = int(v)
    want_core = pcaputil.read(exp)[1]
    bad, outputs = [], {}
    for engine, repl, eal in ENGINES:
        conf_e = gwrun.conf_with(conf, d, repl) if repl else conf
        counters, core, _ = gwrun.run(gw, conf_e, inp, d, ctx_file=ctx, eal=eal,
                                      core_rx_pcap=dl_in if dl else None)
        ran = pcaputil.read(os.path.join(d, "ran-out.pcap"))[1]
        outputs[engine] = core + ran
        bad += ["%s: %s" % (engine, b) for b in check(counters, core, expect, want_core)]
        want_ran = pcaputil.read(dl_exp)[1] if dl else []
        if ran != want_ran:
            bad.append("%s: RAN output: %d frames, want %d (protected downlink)"
                       % (engine, len(ran), len(want_ran)))
    if outputs["imb"] != outputs["cryptodev"]:
        bad.append("the two engines' core outputs differ")
    return bad


def check(counters, core, expect, want_core):
    bad = ["%s: got %s, want %d" % (k, counters.get(k), v) for k, v in expect.items()
           if counters.get(k) != v]
    if core != want_core:
        diff = [i for i, (a, b) in enumerate(zip(core, want_core)) if a != b]
        bad.append("core output: %d frames, want %d; first differing frame %s"
                   % (len(core), len(want_core), diff[:1]))
    if counters.get("dropped") != sum(v for k, v in expect.items() if k.startswith("drop_")):
        bad.append("dropped=%s is not the sum of the causes" % counters.get("dropped"))
    if counters.get("rx") != counters.get("forwarded", 0) + counters.get("punted", 0) + \
            counters.get("dropped", 0) + counters.get("forwarded_dl", 0):
        bad.append("rx != forwarded + punted + dropped + forwarded_dl")
    return bad


def main():
    gw, gen, conf = sys.argv[1:4]
    failed = 0
    for name, args in CASES:
        bad = run_case(gw, gen, conf, name, args)
        print("%s: %s" % (name, "ok" if not bad else "FAILED"))
        for b in bad:
            print("  " + b)
        failed += bool(bad)
    print("%d passed, %d failed" % (len(CASES) - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
