#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Real signalling through the whole gateway.

test/vectors/real-signalling.pcap holds 373 NGAP/S1AP/NAS/GTPv2-C frames that
other stacks and devices produced. The frames the corpus marks tshark-clean
go through anchorgw on net_pcap: none may be counted malformed, bad_checksum
or fragmented, and every frame must be accounted for. The unclean frames are
run separately and each outcome is printed next to the corpus note.

usage: test_real_pcap.py ANCHORGW CONF VECTORS_DIR
"""
import json
import os
import sys

import gwrun
import pcaputil


def main():
    gw, conf, vec = sys.argv[1:4]
    entries = json.load(open(os.path.join(vec, "real-signalling.json")))
    _, frames = pcaputil.read(os.path.join(vec, "real-signalling.pcap"))
    d = gwrun.tmpdir()
    clean = [f for f, e in zip(frames, entries) if e.get("tshark_clean")]
    pcaputil.write(os.path.join(d, "clean.pcap"), clean)
    c, _, _ = gwrun.run(gw, conf, os.path.join(d, "clean.pcap"), d)
    bad = ["%s=%d" % (k, c.get(k, -1)) for k in ("drop_malformed", "drop_bad_checksum",
                                                 "drop_fragmented") if c.get(k) != 0]
    if c.get("rx") != len(clean):
        bad.append("rx=%s, want %d" % (c.get("rx"), len(clean)))
    if c.get("rx") != c.get("forwarded", 0) + c.get("punted", 0) + c.get("dropped", 0):
        bad.append("rx != forwarded + punted + dropped")
    print("tshark-clean frames: %d, counters %s" % (len(clean), {k: v for k, v in c.items()
                                                             if v and k.startswith("drop_")}))
    for f, e in zip(frames, entries):
        if e.get("tshark_clean"):
            continue
        pcaputil.write(os.path.join(d, "one.pcap"), [f])
        c1, _, _ = gwrun.run(gw, conf, os.path.join(d, "one.pcap"), d)
        outcome = [k for k, v in c1.items() if k.startswith("drop_") and v] or ["passed on"]
        print("unclean frame %d (%s): %s — corpus note: %s"
              % (e["pcap_frame"], e["name"], ",".join(outcome), e.get("note", "")))
    print("real-signalling: %s" % ("ok" if not bad else "FAILED " + "; ".join(bad)))
    print("%d passed, %d failed" % (0 if bad else 1, 1 if bad else 0))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
