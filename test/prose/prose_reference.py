#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 anchorgw authors
"""Second derivation path for the ProSe tests (test/prose).

Written from the specification text only, with hashlib/hmac; no code shared
with lib/crypto, lib/prose or the simulator:
  TS 33.220 B.2.0   KDF = HMAC-SHA-256(KEY, FC || P0 || L0 || ...)
  TS 33.501 A.3     CK' || IK' = KDF(CK || IK, 0x20, SNN, SQN xor AK)
  RFC 5448 3.3/3.4  MK = PRF'(IK' || CK', "EAP-AKA'" || Identity),
                    K_encr | K_aut | K_re | MSK | EMSK; AT_MAC =
                    HMAC-SHA-256-128(K_aut, packet with the MAC zeroed)
  TS 33.501 6.1.3.1 K_AUSF(_P) = the most significant 256 bits of the EMSK
  TS 33.503 A.2     CP-PRUK   = KDF(K_AUSF_P, 0x85, SUPI, RSC)
  TS 33.503 A.3     CP-PRUK ID* = KDF(K_AUSF_P, 0x86, "PRUK-ID", RSC, SUPI)
  TS 33.503 A.4     K_NR_ProSe = KDF(CP-PRUK, 0x87, Nonce_2, Nonce_1)
  TS 33.536 A       K_NRP-sess = KDF(K_NRP, 0x7F, Nonce_1, Nonce_2);
                    NRPEK/NRPIK = last 128 bits of KDF(K_NRP-sess, 0x7E,
                    0x00/0x01, algorithm identity)
SUPI as in TS 33.501 A.7.0 (IMSI digits); RSC as 3 octets.

Usage:
  prose_reference.py selfcheck VECTORS.json
      check CK'/IK' and PRF' against the RFC 5448 Appendix C cases in the
      project's vector file (eap_aka_prime)
  prose_reference.py chain
      read lines "key=value ..." on stdin (ck ik sqnak snn supi rsc n1 n2
      ialg ealg rid mcc mnc eap), print per line
      "ckp ikp kaut kausfp pruk idstar id knr sess pik pek mac"
"""

import hashlib
import hmac
import json
import sys


def kdf(key, fc, *params):
    s = bytes([fc])
    for p in params:
        s += p + len(p).to_bytes(2, "big")
    return hmac.new(key, s, hashlib.sha256).digest()


def ck_ik_prime(ck, ik, snn, sqnak):
    out = kdf(ck + ik, 0x20, snn, sqnak)
    return out[:16], out[16:]


def prf_prime(key, s, n):
    t, out, i = b"", b"", 1
    while len(out) < n:
        t = hmac.new(key, t + s + bytes([i]), hashlib.sha256).digest()
        out += t
        i += 1
    return out[:n]


def eap_aka_prime_keys(ckp, ikp, identity):
    mk = prf_prime(ikp + ckp, b"EAP-AKA'" + identity, 208)
    return {"k_encr": mk[0:16], "k_aut": mk[16:48], "k_re": mk[48:80],
            "msk": mk[80:144], "emsk": mk[144:208]}


def supi_param(supi):
    return supi[5:].encode() if supi.startswith("imsi-") else supi.encode()


def chain(v):
    ck, ik, sqnak = (bytes.fromhex(v[k]) for k in ("ck", "ik", "sqnak"))
    snn, supi = v["snn"].encode(), supi_param(v["supi"])
    rsc = int(v["rsc"], 16).to_bytes(3, "big")
    n1, n2 = bytes.fromhex(v["n1"]), bytes.fromhex(v["n2"])
    ckp, ikp = ck_ik_prime(ck, ik, snn, sqnak)
    keys = eap_aka_prime_keys(ckp, ikp, supi)
    kausf_p = keys["emsk"][:32]
    pruk = kdf(kausf_p, 0x85, supi, rsc)
    id_star = kdf(kausf_p, 0x86, b"PRUK-ID", rsc, supi)
    mnc = v["mnc"] if len(v["mnc"]) == 3 else "0" + v["mnc"]
    pruk_id = "rid%s.pid%s@prose-cp.5gc.mnc%s.mcc%s.3gppnetwork.org" % (
        v["rid"], id_star.hex(), mnc, v["mcc"])
    knr = kdf(pruk, 0x87, n2, n1)
    sess = kdf(knr, 0x7F, n1, n2)
    pik = kdf(sess, 0x7E, b"\x01", bytes([int(v["ialg"])]))[16:]
    pek = kdf(sess, 0x7E, b"\x00", bytes([int(v["ealg"])]))[16:]
    mac = "-"
    if v.get("eap", "-") != "-":
        pkt = bytearray(bytes.fromhex(v["eap"]))
        off = 8
        while off < len(pkt) and pkt[off] != 11:  # AT_MAC
            off += pkt[off + 1] * 4
        pkt[off + 4:off + 20] = bytes(16)
        mac = hmac.new(keys["k_aut"], bytes(pkt), hashlib.sha256).digest()[:16].hex()
    return " ".join([ckp.hex(), ikp.hex(), keys["k_aut"].hex(), kausf_p.hex(), pruk.hex(),
                     id_star.hex(), pruk_id, knr.hex(), sess.hex(), pik.hex(), pek.hex(), mac])


def selfcheck(path):
    with open(path) as f:
        cases = json.load(f)["eap_aka_prime"]
    bad = 0
    for c in cases:
        ckp, ikp = ck_ik_prime(bytes.fromhex(c["ck"]), bytes.fromhex(c["ik"]),
                               c["network_name"].encode(), bytes.fromhex(c["sqn_xor_ak"]))
        keys = eap_aka_prime_keys(ckp, ikp, c["identity"].encode())
        got = {"ck_prime": ckp, "ik_prime": ikp, **keys}
        for k, want in c.items():
            if k in got and got[k].hex() != want:
                print("%s %s: got %s want %s" % (c["source"], k, got[k].hex(), want),
                      file=sys.stderr)
                bad += 1
    print("selfcheck: %d cases, %d mismatches" % (len(cases), bad))
    return bad == 0


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "selfcheck":
        return 0 if selfcheck(sys.argv[2]) else 1
    if len(sys.argv) == 2 and sys.argv[1] == "chain":
        for line in sys.stdin:
            if line.strip():
                v = dict(kv.split("=", 1) for kv in line.split())
                print(chain(v))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
