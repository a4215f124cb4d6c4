#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 anchorgw authors
"""Second derivation path for the 3GPP KDF tests (test/crypto/test_kdf.c).

Written from the specification text only (TS 33.220 B.2.0, TS 33.501
Annex A in /work/shared/ref/ts33501-v20.md, TS 33.401 A.7, TS 33.402 A.2,
RFC 5448 3.3/3.4, TS 33.535 A.2-A.4, TS 33.536 Annex A, TS 33.503 A.2-A.4
as transcribed in spec/002), using nothing but hashlib/hmac. It shares no
code with lib/crypto/kdf.c: S is built here as one byte string, the C code
streams it into HMAC.

Usage:  python3 test/crypto/kdf_reference.py

It first checks itself against published values (it exits non-zero if any
differs), then prints the expected values that test_kdf.c pastes as hex
constants. Inputs of those vectors are defined below and repeated in the C
test next to each constant.
"""

import hashlib
import hmac
import sys


def h(s):
    return bytes.fromhex(s.replace(" ", ""))


def kdf(key, fc, *params):
    """TS 33.220 B.2.0: HMAC-SHA-256(Key, FC || P0 || L0 || ... || Pn || Ln)."""
    s = bytes([fc])
    for p in params:
        assert len(p) < 65536
        s += p + len(p).to_bytes(2, "big")
    return hmac.new(key, s, hashlib.sha256).digest()


def lsb128(b):
    return b[-16:]


def be(n, width):
    return n.to_bytes(width, "big")


# ---- TS 33.501 Annex A -------------------------------------------------
def snn(mcc, mnc):  # 6.1.1.4 + TS 24.501 9.12.1, MNC padded to 3 digits
    return ("5G:mnc%s.mcc%s.3gppnetwork.org" % (mnc.rjust(3, "0"), mcc)).encode()


def a2_kausf(ck, ik, sn, sqn_xor_ak):
    return kdf(ck + ik, 0x6A, sn, sqn_xor_ak)


def a4_res_star(ck, ik, sn, rand, res):
    return lsb128(kdf(ck + ik, 0x6B, sn, rand, res))


def a5_hres_star(rand, res_star):
    return lsb128(hashlib.sha256(rand + res_star).digest())


def a6_kseaf(kausf, sn):
    return kdf(kausf, 0x6C, sn)


def a7_kamf(kseaf, supi, abba):
    return kdf(kseaf, 0x6D, supi, abba)


def a8_alg_key(key, distinguisher, alg_id):
    return lsb128(kdf(key, 0x69, bytes([distinguisher]), bytes([alg_id])))


def a9_kgnb(kamf, ul_count, access):
    return kdf(kamf, 0x6E, be(ul_count, 4), bytes([access]))


def a10_nh(kamf, sync):
    return kdf(kamf, 0x6F, sync)


def a11_kngran_gnb(key, pci, arfcn):
    return kdf(key, 0x70, be(pci, 2), be(arfcn, 3))


def a12_kngran_enb(key, pci, earfcn):
    return kdf(key, 0x71, be(pci, 2), be(earfcn, 3))


def a13_kamf_prime(kamf, direction, count):
    return kdf(kamf, 0x72, bytes([direction]), be(count, 4))


def a14_kasme_prime(kamf, count, handover):
    return kdf(kamf, 0x74 if handover else 0x73, be(count, 4))


def a15_1_kamf_idle(kasme, count):
    return kdf(kasme, 0x75, be(count, 4))


def a15_2_kamf_ho(kasme, nh):
    return kdf(kasme, 0x76, nh)


# ---- EPS, EAP-AKA' -----------------------------------------------------
def ts33401_a7(kasme, distinguisher, alg_id):
    return lsb128(kdf(kasme, 0x15, bytes([distinguisher]), bytes([alg_id])))


def ts33402_a2(ck, ik, anid, sqn_xor_ak):
    out = kdf(ck + ik, 0x20, anid, sqn_xor_ak)
    return out[:16], out[16:]


def rfc5448_prf_prime(k, s, n):
    out, t, i = b"", b"", 1
    while len(out) < n:
        t = hmac.new(k, t + s + bytes([i]), hashlib.sha256).digest()
        out += t
        i += 1
    return out[:n]


def rfc5448_keys(ck_p, ik_p, identity):
    mk = rfc5448_prf_prime(ik_p + ck_p, b"EAP-AKA'" + identity, 208)
    return mk[:16], mk[16:48], mk[48:80], mk[80:144], mk[144:208]


# ---- AKMA, TS 33.535 ---------------------------------------------------
def akma_kakma(kausf, supi):
    return kdf(kausf, 0x80, b"AKMA", supi)


def akma_atid(kausf, supi):
    return kdf(kausf, 0x81, b"A-TID", supi)


def akma_kaf(kakma, af_id):
    return kdf(kakma, 0x82, af_id)


# ---- ProSe, TS 33.503 (FC unconfirmed) / TS 33.536 ---------------------
def prose_cp_pruk(kausf_p, supi, rsc):
    return kdf(kausf_p, 0x85, supi, be(rsc, 3))


def prose_cp_pruk_id_star(kausf_p, rsc, supi):
    return kdf(kausf_p, 0x86, b"PRUK-ID", be(rsc, 3), supi)


def prose_knr(cp_pruk, nonce1, nonce2):
    return kdf(cp_pruk, 0x87, nonce2, nonce1)


def v2x_knrp_sess(knrp, nonce1, nonce2):
    return kdf(knrp, 0x7F, nonce1, nonce2)


def v2x_alg_key(knrp_sess, integrity, alg_id):
    return lsb128(kdf(knrp_sess, 0x7E, bytes([integrity]), bytes([alg_id])))


# ------------------------------------------------------------------------
failures = 0


def check(name, got, want):
    global failures
    if got != want:
        failures += 1
        print("SELF-CHECK FAILED %s\n  got  %s\n  want %s" % (name, got.hex(), want.hex()))


def self_check():
    # RFC 5448 Appendix C, test case 1.
    ck, ik = h("5349fbe098649f948f5d2e973a81c00f"), h("9744871ad32bf9bbd1dd5ce54e3e2e5a")
    ckp, ikp = ts33402_a2(ck, ik, b"WLAN", h("bb52e91c747a"))
    check("rfc5448 CK'", ckp, h("0093962d0dd84aa5684b045c9edffa04"))
    check("rfc5448 IK'", ikp, h("ccfc230ca74fcc96c0a5d61164f5a76c"))
    k_encr, k_aut, _, _, emsk = rfc5448_keys(ckp, ikp, b"0555444333222111")
    check("rfc5448 K_encr", k_encr, h("766fa0a6c317174b812d52fbcd11a179"))
    check("rfc5448 EMSK[0..7]", emsk[:8], h("f861703cd775590e"))
    # frankurcrazy/helloworld 5g/keys/ReadMe.txt (PLMN 001/01).
    sn = snn("001", "01")
    kausf = a2_kausf(h("0102030405060708090A0B0C0D0E0F00"), h("02030405060708090A0B0C0D0E0F0001"),
                     sn, bytes(a ^ b for a, b in zip(h("0000000000FF"), h("030405060708"))))
    check("frankurcrazy K_AUSF", kausf,
          h("20DE4EB2B75C8DAC301AD52773E2E37BD7B4B0C2FDB1C3751B98DD0DF846AED5"))
    kseaf = a6_kseaf(kausf, sn)
    check("frankurcrazy K_SEAF", kseaf,
          h("D2BBC63B0C141247341C0FCA3DC3BFFDC6BFC1813489342DE8487E7E4DC3728B"))
    kamf = a7_kamf(kseaf, b"001010123456789", h("0000"))
    check("frankurcrazy K_AMF", kamf,
          h("7E9F97707CEF48318DF182A7F9E7BA838A6FB36AB83A7D1BAF2610B97A5B9DCF"))
    check("frankurcrazy K_gNB", a9_kgnb(kamf, 0, 1),
          h("617C2F3DB714A5A10597591A25FEB21A159EA7796109292B0B2CA579D9002B0C"))
    # wmnsk/milenage milenage_test.go: RES* for 001/01.
    check("wmnsk RES*", a4_res_star(h("b379874b3d183d2a21291d439e7761e1"),
                                    h("f4706f66629cf7ddf881d80025bf1255"), sn,
                                    h("00112233445566778899aabbccddeeff"), h("700eb2300b2c4799")),
          h("31b6d938a5290ccc65bc829f9820a8d9"))
    # srsRAN_Project tests/unittests/security/security_test.cpp (A.8, RRC/UP).
    skgnb = h("45cbc3f8a81193fd5c5229300d59edf812e998a115ec4e0ce903ba89367e2628")
    check("srsRAN K_RRCenc", a8_alg_key(skgnb, 0x03, 2), h("66a09e992386c8d1df7892964c6fb522"))
    check("srsRAN K_UPint", a8_alg_key(skgnb, 0x06, 0), h("d0deb4584095599e5806eae4f67656d8"))
    # srsRAN_4G lib/test/common/test_security_kdf.cc (TS 33.401 A.7).
    check("srsRAN K_NASint EIA1", ts33401_a7(
        h("d5ef4d8f33266902295d42f322a2f2cf11fb2ccc124c09b4d88d361597037990"), 0x02, 1),
        h("b79408e243dd367dc8c6392295b3b451"))
    # spec/001 3.4, V1..V3.
    kausf_v = bytes(range(32))
    kakma = akma_kakma(kausf_v, b"001010000000001")
    check("spec001 V1", kakma, h("bba5e95f1205d4f1c217b91e08ec3509ad62cfbf43f474c6bf495da83132c95e"))
    check("spec001 V2", akma_atid(kausf_v, b"001010000000001"),
          h("67d8dee47b7d74e6f457b7b23d5806746ed87b920aa8035f37b494c1bfc5d83b"))
    check("spec001 V3", akma_kaf(kakma, b"af.example.com" + h("0100000002")),
          h("a89042785c95e56bdce5ed364111c15a6aeaef7dcac87d51f5da66e5c6557adf"))


def emit(name, value):
    print("%-28s %s" % (name, value.hex()))


def vectors():
    sn = snn("001", "01")
    # Published chain inputs reused as realistic keys.
    kamf = h("7e9f97707cef48318df182a7f9e7ba838a6fb36ab83a7d1baf2610b97a5b9dcf")
    kgnb = h("617c2f3db714a5a10597591a25feb21a159ea7796109292b0b2ca579d9002b0c")
    kasme = h("d5ef4d8f33266902295d42f322a2f2cf11fb2ccc124c09b4d88d361597037990")
    # Generic KDF corner cases.
    emit("kdf_no_params", kdf(bytes([0x0b] * 20), 0x99))
    emit("kdf_empty_param", kdf(bytes([0x0b] * 20), 0x99, b"", b"\x01"))
    # wmnsk/milenage case: CK, IK, AK published there; SQN = 1.
    ck, ik = h("b379874b3d183d2a21291d439e7761e1"), h("f4706f66629cf7ddf881d80025bf1255")
    sqn_xor_ak = bytes(a ^ b for a, b in zip(h("000000000001"), h("de656c8b0bce")))
    emit("wmnsk_kausf", a2_kausf(ck, ik, sn, sqn_xor_ak))
    emit("wmnsk_hxres_star", a5_hres_star(h("00112233445566778899aabbccddeeff"),
                                          h("31b6d938a5290ccc65bc829f9820a8d9")))
    emit("nas_enc_nea2", a8_alg_key(kamf, 0x01, 2))
    emit("nas_int_nia2", a8_alg_key(kamf, 0x02, 2))
    emit("nas_enc_nea3", a8_alg_key(kamf, 0x01, 3))
    emit("nas_int_nia1", a8_alg_key(kamf, 0x02, 1))
    emit("kn3iwf_0x00000102", a9_kgnb(kamf, 0x00000102, 0x02))
    nh1 = a10_nh(kamf, kgnb)
    emit("nh1", nh1)
    emit("nh2", a10_nh(kamf, nh1))
    kgnb_srs = h("c4c7bc798ab94e3d354cd6608e79aa92f5569df46519507850051e36f018ca5f")
    emit("kngran_gnb_32_561", a11_kngran_gnb(kgnb_srs, 32, 561))
    emit("kngran_enb_100_1575", a12_kngran_enb(kgnb_srs, 100, 1575))
    emit("kamf_prime_idle_5", a13_kamf_prime(kamf, 0, 5))
    emit("kamf_prime_ho_0x123", a13_kamf_prime(kamf, 1, 0x123))
    emit("kasme_prime_idle_7", a14_kasme_prime(kamf, 7, False))
    emit("kasme_prime_ho_9", a14_kasme_prime(kamf, 9, True))
    emit("kamf_from_kasme_idle_3", a15_1_kamf_idle(kasme, 3))
    emit("kamf_from_kasme_ho", a15_2_kamf_ho(kasme, bytes(range(0x40, 0x60))))
    emit("eps_knas_enc_eea2", ts33401_a7(kasme, 0x01, 2))
    # AKMA with the NAI SUPI form (TS 23.003 28.7.2).
    emit("kakma_nai", akma_kakma(bytes(range(32)), b"user17@corp.example.org"))
    # ProSe: K_AUSF_P = 00..1f, SUPI 001010000000001, RSC 0x000123,
    # Nonce_1 = a0..af, Nonce_2 = b0..bf.
    kp, supi, rsc = bytes(range(32)), b"001010000000001", 0x000123
    n1, n2 = bytes(range(0xA0, 0xB0)), bytes(range(0xB0, 0xC0))
    pruk = prose_cp_pruk(kp, supi, rsc)
    emit("cp_pruk", pruk)
    emit("cp_pruk_id_star", prose_cp_pruk_id_star(kp, rsc, supi))
    knr = prose_knr(pruk, n1, n2)
    emit("knr_prose", knr)
    sess = v2x_knrp_sess(knr, n1, n2)
    emit("knrp_sess", sess)
    emit("nrpek_alg2", v2x_alg_key(sess, 0, 2))
    emit("nrpik_alg2", v2x_alg_key(sess, 1, 2))


if __name__ == "__main__":
    self_check()
    if failures:
        sys.exit(1)
    print("# self-check against published values: OK")
    vectors()
