# SPDX-License-Identifier: BSD-3-Clause
"""SCTP bundles through anchorgw (net_pcap).

anchor-gen builds protected UplinkNASTransport frames (NIA1/2/3, mixed
NEA); this test packs runs of consecutive frames of one association into
SCTP bundles of 2-4 DATA chunks (in order) and adds a SACK chunk to some, as
a gNB's SCTP stack does. anchorgw must split every bundle, verify and
decipher every message, keep each UE's COUNTs in order (no replay drops),
and pass the SACKs on: the core side must carry exactly the NGAP messages
anchor-gen expects (compared octet for octet, chunk by chunk) and every
SACK once. Frames of control chunks only (a lone SACK, a HEARTBEAT) must
pass to the core untouched.

usage: test_bundles.py ANCHORGW ANCHOR_GEN CONF
"""
import os
import struct
import subprocess
import sys

import gwrun
import pcaputil

SACK = bytes([3, 0, 0, 16]) + struct.pack(">IIHH", 7, 65536, 0, 0)
HEARTBEAT = bytes([4, 0, 0, 12, 0, 1, 0, 8]) + b"\xaa\xbb\xcc\xdd"


def crc32c(data):
    crc = 0xFFFFFFFF
    for b in data:
        crc ^= b
        for _ in range(8):
            crc = (crc >> 1) ^ (0x82F63B78 & -(crc & 1))
    return crc ^ 0xFFFFFFFF


def ip_csum(hdr):
    s = sum(struct.unpack(">%dH" % (len(hdr) // 2), hdr))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return (~s) & 0xFFFF


def split(frame):
    """(headers through the SCTP common header, [chunks with padding]).
    Untagged Ethernet, IPv4 without options (what anchor-gen builds)."""
    assert frame[12:14] == b"\x08\x00" and frame[14] == 0x45 and frame[23] == 132
    head, chunks, off = frame[:46], [], 46
    while off + 4 <= len(frame):
        clen = struct.unpack(">H", frame[off + 2:off + 4])[0]
        padded = (clen + 3) & ~3
        chunks.append(frame[off:off + padded])
        off += padded
    return head, chunks


def build(head, chunks):
    body = b"".join(chunks)
    ip = bytearray(head[14:34])
    struct.pack_into(">H", ip, 2, 20 + 12 + len(body))
    struct.pack_into(">H", ip, 10, 0)
    struct.pack_into(">H", ip, 10, ip_csum(bytes(ip)))
    sctp = bytearray(head[34:46]) + body
    struct.pack_into("<I", sctp, 8, 0)
    struct.pack_into("<I", sctp, 8, crc32c(bytes(sctp)))
    return head[:14] + bytes(ip) + bytes(sctp)


def assoc(frame):
    """MACs, IP addresses, SCTP ports and verification tag."""
    return frame[:14] + frame[26:42]


def bundle(frames):
    """Bundles of up to 4 consecutive same-association frames; every third
    bundle also carries a SACK. Returns (frames, n_bundles, n_sacks)."""
    out, i, nb, ns = [], 0, 0, 0
    while i < len(frames):
        head, chunks = split(frames[i])
        j = i + 1
        while j < len(frames) and j - i < 2 + nb % 3 and assoc(frames[j]) == assoc(frames[i]):
            chunks += split(frames[j])[1]
            j += 1
        if j - i > 1:
            nb += 1
            if nb % 3 == 0:
                chunks.append(SACK)
                ns += 1
        out.append(build(head, chunks))
        i = j
    return out, nb, ns


def data_chunks(frames):
    out = []
    for f in frames:
        out += [c for c in split(f)[1] if c[0] == 0]
    return out


def main():
    gw, gen, conf = sys.argv[1:4]
    d = gwrun.tmpdir()
    inp, exp, ctx, bun = (os.path.join(d, f) for f in ("in.pcap", "exp.pcap", "ctx.csv",
                                                        "bundled.pcap"))
    subprocess.run([gen, "nas-pcap", "--out", inp, "--expect", exp, "--ctx-out", ctx,
                    "--ues", "40", "--msgs", "5", "--size", "96", "--nia", "1,2,3",
                    "--cipher", "mixed", "--seed", "13"], check=True, capture_output=True)
    frames = pcaputil.read(inp)[1]
    # frames of one association together (each keeps its order; the order
    # across associations is free) so that runs form, as on a gNB's link
    order = {}
    for f in frames:
        order.setdefault(assoc(f), []).append(f)
    frames = [f for run in order.values() for f in run]
    bundled, n_bundles, n_sacks = bundle(frames)
    head = split(frames[0])[0]
    ctrl_only = [build(head, [SACK]), build(head, [HEARTBEAT])]
    pcaputil.write(bun, bundled + ctrl_only)
    counters, core, _ = gwrun.run(gw, conf, bun, d, ctx_file=ctx)
    want = data_chunks(pcaputil.read(exp)[1])
    bad = []
    if n_bundles == 0:
        bad.append("no bundles formed (anchor-gen association layout changed?)")
    got = data_chunks(core)
    # chunk payloads (the TSN/SSN fields are the input's); the input was
    # regrouped by association, so compare as multisets
    if sorted(c[16:] for c in got) != sorted(c[16:] for c in want):
        bad.append("core NGAP messages differ from anchor-gen's expectation "
                   "(%d vs %d chunks)" % (len(got), len(want)))
    sacks = sum(1 for f in core for c in split(f)[1] if c == SACK)
    if sacks != n_sacks + 1:
        bad.append("SACKs on the core side: %d, want %d" % (sacks, n_sacks + 1))
    if not any(split(f)[1] == [HEARTBEAT] for f in core):
        bad.append("the HEARTBEAT-only frame did not pass")
    for k, v in (("verified", len(frames)), ("dropped", 0),
                 ("split_extra", len(frames) - len(bundled) + n_sacks),
                 ("forwarded", len(want) + n_sacks + 2)):
        if counters.get(k) != v:
            bad.append("%s=%s, want %d" % (k, counters.get(k), v))
    print(" ".join("%s=%s" % kv for kv in sorted(counters.items()) if kv[1]))
    print("%d frames -> %d (%d bundles, %d SACKs); core %d frames"
          % (len(frames), len(bundled), n_bundles, n_sacks, len(core)))
    for b in bad:
        print("FAIL:", b)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
