#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 anchorgw authors
"""Second derivation path for the AKMA tests (test/akma).

Written from the specification text only: TS 33.220 B.2.0 (generic KDF),
TS 33.535 A.2 (K_AKMA, FC 0x80), A.3 (A-TID, FC 0x81), A.4 (K_AF, FC 0x82,
AF_ID = FQDN || Ua* security protocol identifier), SUPI as in TS 33.501
A.7.0 (IMSI digits, or the NAI). Only hashlib/hmac; no code shared with
lib/crypto or lib/akma.

Usage:
  akma_reference.py            check the vectors of spec/001 3.4 (V1-V4)
  akma_reference.py batch      read "K_AUSF-hex SUPI AF_ID-hex" lines on
                               stdin, print "K_AKMA-hex A-TID-hex K_AF-hex"
The SUPI may be given in SBI form ("imsi-..." / "nai-..."): the prefix is
removed, as A.7.0 takes the IMSI digits or the NAI itself.
"""

import hashlib
import hmac
import sys


def kdf(key, fc, *params):
    """TS 33.220 B.2.0: HMAC-SHA-256(KEY, FC || P0 || L0 || ... || Pn || Ln)."""
    s = bytes([fc])
    for p in params:
        s += p + len(p).to_bytes(2, "big")
    return hmac.new(key, s, hashlib.sha256).digest()


def supi_param(supi):
    for prefix in ("imsi-", "nai-"):
        if supi.startswith(prefix):
            return supi[len(prefix):].encode()
    return supi.encode()


def kakma(kausf, supi):
    return kdf(kausf, 0x80, b"AKMA", supi_param(supi))


def atid(kausf, supi):
    return kdf(kausf, 0x81, b"A-TID", supi_param(supi))


def kaf(k_akma, af_id):
    return kdf(k_akma, 0x82, af_id)


def self_check():
    """spec/001 3.4: values computed with hmac and openssl dgst independently."""
    kausf = bytes(range(32))
    supi = "001010000000001"
    af_id = b"af.example.com" + bytes.fromhex("0100000002")
    want = {
        "V1": "bba5e95f1205d4f1c217b91e08ec3509ad62cfbf43f474c6bf495da83132c95e",
        "V2": "67d8dee47b7d74e6f457b7b23d5806746ed87b920aa8035f37b494c1bfc5d83b",
        "V3": "a89042785c95e56bdce5ed364111c15a6aeaef7dcac87d51f5da66e5c6557adf",
        "V4": "84edc04fc5dd17bafc6faf001218e9945a4fd10a66dde6f9ce312b6a496298f4",
    }
    got = {
        "V1": kakma(kausf, supi).hex(),
        "V2": atid(kausf, supi).hex(),
        "V3": kaf(kakma(kausf, supi), af_id).hex(),
        # V4: the SBI form fed to the KDF unchanged (the wrong input).
        "V4": kdf(kausf, 0x80, b"AKMA", b"imsi-" + supi.encode()).hex(),
    }
    bad = [k for k in want if want[k] != got[k]]
    for k in bad:
        print("%s: got %s want %s" % (k, got[k], want[k]), file=sys.stderr)
    if kakma(kausf, "imsi-" + supi) != kakma(kausf, supi):
        bad.append("prefix")
    return not bad


def batch():
    for line in sys.stdin:
        f = line.split()
        if len(f) != 3:
            continue
        k_ausf, supi, af_id = bytes.fromhex(f[0]), f[1], bytes.fromhex(f[2])
        k = kakma(k_ausf, supi)
        print(k.hex(), atid(k_ausf, supi).hex(), kaf(k, af_id).hex(), flush=True)


if __name__ == "__main__":
    if not self_check():
        sys.exit(1)
    if len(sys.argv) > 1 and sys.argv[1] == "batch":
        batch()
