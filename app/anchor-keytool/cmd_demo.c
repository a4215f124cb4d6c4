/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/*
 * demo: a worked 5G example, step by step. The network builds a 5G HE AV
 * from TS 35.208 test set 1 key material, the UE answers it, both sides
 * derive K_AUSF -> K_SEAF -> K_AMF -> K_NASenc/K_NASint, and the AMF sends a
 * Registration Accept-like message ciphered with 128-NEA2 and integrity
 * protected with 128-NIA2, which the UE verifies and deciphers.
 *
 * Printing key values is the purpose of this command; each is labelled as
 * demo key material. Every check that fails makes the command exit 1.
 */

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "agw_kdf.h"
#include "agw_milenage.h"
#include "agw_nas_sec.h"
#include "agw_util.h"
#include "keytool.h"

#define K16 AGW_KEY128_LEN
#define K32 AGW_KEY256_LEN
#define DEMO_MSG_MAX 64
#define DEMO_COUNT 0u   /* first downlink NAS COUNT */
#define DEMO_BEARER 1u  /* NAS connection identifier, 3GPP access (TS 33.501 6.4.3.1) */
#define DEMO_DIR 1u     /* downlink */

/* TS 35.208 test set 1 K, OPc, RAND, SQN; AMF with the separation bit. */
static const uint8_t demo_k[16] = { 0x46, 0x5b, 0x5c, 0xe8, 0xb1, 0x99, 0xb4, 0x9f,
				    0xaa, 0x5f, 0x0a, 0x2e, 0xe2, 0x38, 0xa6, 0xbc };
static const uint8_t demo_opc[16] = { 0xcd, 0x63, 0xcb, 0x71, 0x95, 0x4a, 0x9f, 0x4e,
				      0x48, 0xa5, 0x99, 0x4e, 0x37, 0xa0, 0x2b, 0xaf };
static const uint8_t demo_rand[16] = { 0x23, 0x55, 0x3c, 0xbe, 0x96, 0x37, 0xa8, 0x9d,
				       0x21, 0x8a, 0xe6, 0x4d, 0xae, 0x47, 0xbf, 0x35 };
static const uint8_t demo_sqn[6] = { 0xff, 0x9b, 0xb4, 0xd0, 0xb6, 0x07 };
static const uint8_t demo_amf[2] = { 0x80, 0x00 };
static const uint8_t demo_abba[2] = { 0x00, 0x00 };
static const char demo_supi[] = "imsi-001010000000001";

/*
 * Registration Accept (TS 24.501 8.2.7): EPD 7e, plain header 00, type 42,
 * 5GS registration result (3GPP access), 5G-GUTI 001-01 AMF 01/001/00
 * TMSI 00000001, TAI list {001-01, TAC 000001}.
 */
static const uint8_t demo_plain[] = {
	0x7e, 0x00, 0x42, 0x01, 0x01, 0x77, 0x00, 0x0b, 0xf2, 0x00, 0xf1, 0x10, 0x01, 0x00,
	0x40, 0x00, 0x00, 0x00, 0x01, 0x54, 0x07, 0x00, 0x00, 0xf1, 0x10, 0x00, 0x00, 0x01,
};

/** One side's view of the keys (network or UE). */
struct demo_keys {
	uint8_t kausf[K32];
	uint8_t kseaf[K32];
	uint8_t kamf[K32];
	uint8_t knas_enc[K16];
	uint8_t knas_int[K16];
};

/** Everything the demo computes; zeroised at the end. */
struct demo {
	char snn[64];
	size_t snn_len;
	char supi[64];
	size_t supi_len;
	struct agw_milenage *m;    /**< UDM/ARPF's subscriber context */
	struct agw_milenage *usim; /**< the USIM's own context (same K, OPc) */
	struct agw_nas_sec_engine *eng;
	struct agw_he_av_5g av;
	uint8_t hxres[AGW_RES_STAR_LEN];
	struct agw_ue_auth_5g ue;
	struct demo_keys net;
	struct demo_keys uek;
	uint8_t pdu[7 + DEMO_MSG_MAX]; /**< 7e 02 MAC(4) SQN ciphertext */
	size_t pdu_len;
};

static const char demo_key_note[] = "  (demo key material)";

static void
show(const char *label, const uint8_t *buf, size_t len, int secret)
{
	char hex[2 * 80 + 1];

	if (len > 80)
		len = 80;
	printf("  %-34s %s%s\n", label, agw_hex_encode(buf, len, hex),
	       secret ? demo_key_note : "");
	agw_memzero(hex, sizeof(hex));
}

static void
section(const char *title)
{
	printf("\n[%s]\n", title);
}

static int
check(const char *what, int ok)
{
	printf("  %-34s %s\n", what, ok ? "ok" : "FAILED");
	return ok ? 0 : -EBADMSG;
}

static int
fail(const char *fn, int rc)
{
	fprintf(stderr, "anchor-keytool: demo: %s failed: %s\n", fn, strerror(-rc));
	return rc;
}

static int
demo_inputs(struct demo *d)
{
	int n;

	n = agw_kdf_snn("001", "01", d->snn, sizeof(d->snn));
	if (n < 0)
		return fail("agw_kdf_snn", n);
	d->snn_len = (size_t)n;
	n = agw_kdf_supi_param(demo_supi, d->supi, sizeof(d->supi));
	if (n < 0)
		return fail("agw_kdf_supi_param", n);
	d->supi_len = (size_t)n;
	section("inputs: TS 35.208 test set 1 key material, MCC 001 / MNC 01");
	show("K", demo_k, sizeof(demo_k), 1);
	show("OPc", demo_opc, sizeof(demo_opc), 1);
	show("RAND", demo_rand, sizeof(demo_rand), 0);
	show("SQN", demo_sqn, sizeof(demo_sqn), 0);
	show("AMF (separation bit set)", demo_amf, sizeof(demo_amf), 0);
	printf("  %-34s %s\n", "serving network name", d->snn);
	printf("  %-34s %s (KDF parameter \"%s\")\n", "SUPI", demo_supi, d->supi);
	show("ABBA", demo_abba, sizeof(demo_abba), 0);
	return 0;
}

/* UDM/ARPF builds the 5G HE AV; AUSF keeps XRES* and K_AUSF, derives HXRES*. */
static int
demo_network_av(struct demo *d)
{
	uint8_t res[AGW_MIL_RES_LEN], ck[K16], ik[K16], ak[AGW_MIL_AK_LEN];
	int rc;

	rc = agw_milenage_f2345(d->m, demo_rand, res, ck, ik, ak);
	if (rc < 0)
		return fail("agw_milenage_f2345", rc);
	section("UDM/ARPF: MILENAGE and 5G HE AV (TS 33.501 6.1.3.2)");
	show("f2 XRES", res, sizeof(res), 1);
	show("f3 CK", ck, sizeof(ck), 1);
	show("f4 IK", ik, sizeof(ik), 1);
	show("f5 AK", ak, sizeof(ak), 1);
	agw_memzero(res, sizeof(res));
	agw_memzero(ck, sizeof(ck));
	agw_memzero(ik, sizeof(ik));
	agw_memzero(ak, sizeof(ak));
	rc = agw_milenage_gen_he_av_5g(d->m, demo_rand, demo_sqn, demo_amf, d->snn, d->snn_len,
				       &d->av);
	if (rc < 0)
		return fail("agw_milenage_gen_he_av_5g", rc);
	show("AUTN = SQN^AK || AMF || MAC-A", d->av.autn, sizeof(d->av.autn), 0);
	show("XRES* (A.4)", d->av.xres_star, sizeof(d->av.xres_star), 1);
	show("K_AUSF (A.2)", d->av.kausf, K32, 1);
	rc = agw_kdf_hres_star(d->av.rand, d->av.xres_star, d->hxres);
	if (rc < 0)
		return fail("agw_kdf_hres_star", rc);
	memcpy(d->net.kausf, d->av.kausf, K32);
	section("AUSF -> SEAF: 5G SE AV");
	show("HXRES* (A.5)", d->hxres, sizeof(d->hxres), 0);
	return 0;
}

/* The UE checks AUTN and answers RES*; SEAF and AUSF compare. */
static int
demo_ue_answer(struct demo *d)
{
	uint8_t hres[AGW_RES_STAR_LEN];
	int rc;

	rc = agw_milenage_ue_auth_5g(d->usim, d->av.rand, d->av.autn, d->snn, d->snn_len, &d->ue);
	if (rc < 0)
		return fail("agw_milenage_ue_auth_5g", rc);
	section("UE: USIM checks AUTN, ME derives RES* and K_AUSF");
	printf("  %-34s ok\n", "MAC-A verified, AMF separation bit");
	show("SQN recovered", d->ue.sqn, sizeof(d->ue.sqn), 0);
	show("RES*", d->ue.res_star, sizeof(d->ue.res_star), 1);
	show("K_AUSF (UE)", d->ue.kausf, K32, 1);
	memcpy(d->uek.kausf, d->ue.kausf, K32);
	rc = agw_kdf_hres_star(d->av.rand, d->ue.res_star, hres);
	if (rc < 0)
		return fail("agw_kdf_hres_star", rc);
	section("SEAF and AUSF: authentication confirmation");
	show("HRES* (SEAF)", hres, sizeof(hres), 0);
	rc = check("SEAF: HRES* == HXRES*", agw_ct_equal(hres, d->hxres, sizeof(hres)));
	if (rc == 0)
		rc = check("AUSF: RES* == XRES*", agw_ct_equal(d->ue.res_star, d->av.xres_star,
								sizeof(d->ue.res_star)));
	if (rc == 0)
		rc = check("SQN recovered == SQN sent", memcmp(d->ue.sqn, demo_sqn, 6) == 0);
	return rc;
}

/* K_AUSF -> K_SEAF -> K_AMF -> NAS keys, on one side. */
static int
demo_hierarchy(const struct demo *d, struct demo_keys *k)
{
	int rc;

	rc = agw_kdf_kseaf(k->kausf, d->snn, d->snn_len, k->kseaf);
	if (rc < 0)
		return fail("agw_kdf_kseaf", rc);
	rc = agw_kdf_kamf(k->kseaf, d->supi, d->supi_len, demo_abba, sizeof(demo_abba),
			  k->kamf);
	if (rc < 0)
		return fail("agw_kdf_kamf", rc);
	rc = agw_kdf_nas_keys(k->kamf, AGW_NEA2, AGW_NIA2, k->knas_enc, k->knas_int);
	if (rc < 0)
		return fail("agw_kdf_nas_keys", rc);
	return 0;
}

static int
demo_keys(struct demo *d)
{
	int rc;

	rc = demo_hierarchy(d, &d->net);
	if (rc == 0)
		rc = demo_hierarchy(d, &d->uek);
	if (rc < 0)
		return rc;
	section("SEAF/AMF: key hierarchy (TS 33.501 A.6 to A.8)");
	show("K_SEAF (A.6)", d->net.kseaf, K32, 1);
	show("K_AMF (A.7, SUPI, ABBA 0000)", d->net.kamf, K32, 1);
	show("K_NASenc (A.8, 128-NEA2)", d->net.knas_enc, K16, 1);
	show("K_NASint (A.8, 128-NIA2)", d->net.knas_int, K16, 1);
	section("UE: the same hierarchy from its own K_AUSF");
	show("K_AMF (UE)", d->uek.kamf, K32, 1);
	rc = check("K_AMF (UE) == K_AMF (AMF)", agw_ct_equal(d->uek.kamf, d->net.kamf, K32));
	if (rc == 0)
		rc = check("K_NASenc, K_NASint equal",
			   agw_ct_equal(d->uek.knas_enc, d->net.knas_enc, K16) &&
			   agw_ct_equal(d->uek.knas_int, d->net.knas_int, K16));
	return rc;
}

/* MAC over SQN || ciphertext, i.e. the PDU from octet 6 on. */
static int
demo_mac(struct demo *d, const uint8_t *knas_int, uint8_t mac[AGW_NAS_MAC_LEN], int verify)
{
	struct agw_nia_key key;
	int rc;

	rc = agw_nia_key_init(d->eng, &key, AGW_NIA2, knas_int);
	if (rc == 0 && verify)
		rc = agw_nia_verify(d->eng, &key, DEMO_COUNT, DEMO_BEARER, DEMO_DIR, d->pdu + 6,
				    (uint32_t)(d->pdu_len - 6) * 8, mac);
	else if (rc == 0)
		rc = agw_nia_compute(d->eng, &key, DEMO_COUNT, DEMO_BEARER, DEMO_DIR, d->pdu + 6,
				     (uint32_t)(d->pdu_len - 6) * 8, mac);
	agw_nia_key_clear(&key);
	return rc;
}

static int
demo_cipher(struct demo *d, const uint8_t *knas_enc, const uint8_t *in, uint8_t *out,
	    size_t len)
{
	struct agw_nea_key key;
	int rc;

	rc = agw_nea_key_init(d->eng, &key, AGW_NEA2, knas_enc);
	if (rc == 0)
		rc = agw_nea_apply(d->eng, &key, DEMO_COUNT, DEMO_BEARER, DEMO_DIR, in, out,
				   (uint32_t)len * 8);
	agw_nea_key_clear(&key);
	return rc;
}

/* AMF: 7e 02 MAC SQN NEA2(plain), MAC = NIA2(SQN || ciphertext). */
static int
demo_protect(struct demo *d)
{
	int rc;

	d->pdu[0] = 0x7e;
	d->pdu[1] = 0x02; /* integrity protected and ciphered */
	d->pdu[6] = (uint8_t)DEMO_COUNT;
	d->pdu_len = 7 + sizeof(demo_plain);
	rc = demo_cipher(d, d->net.knas_enc, demo_plain, d->pdu + 7, sizeof(demo_plain));
	if (rc < 0)
		return fail("agw_nea_apply", rc);
	rc = demo_mac(d, d->net.knas_int, d->pdu + 2, 0);
	if (rc < 0)
		return fail("agw_nia_compute", rc);
	section("AMF -> UE: Registration Accept, ciphered and integrity protected");
	printf("  %-34s COUNT=%08x BEARER=%u (3GPP access) DIRECTION=%u (downlink)\n",
	       "NAS security inputs", DEMO_COUNT, DEMO_BEARER, DEMO_DIR);
	show("plain NAS message", demo_plain, sizeof(demo_plain), 0);
	show("ciphertext (128-NEA2)", d->pdu + 7, sizeof(demo_plain), 0);
	show("NAS-MAC (128-NIA2, SQN||cipher)", d->pdu + 2, AGW_NAS_MAC_LEN, 0);
	show("protected NAS message", d->pdu, d->pdu_len, 0);
	return 0;
}

/* UE: verify the MAC with its own K_NASint, then decipher. */
static int
demo_unprotect(struct demo *d)
{
	uint8_t plain[DEMO_MSG_MAX];
	int rc;

	section("UE: verify and decipher with its own NAS keys");
	rc = demo_mac(d, d->uek.knas_int, d->pdu + 2, 1);
	if (rc < 0 && rc != -EBADMSG)
		return fail("agw_nia_verify", rc);
	rc = check("NAS-MAC (128-NIA2)", rc == 0);
	if (rc < 0)
		return rc;
	rc = demo_cipher(d, d->uek.knas_enc, d->pdu + 7, plain, d->pdu_len - 7);
	if (rc < 0)
		return fail("agw_nea_apply", rc);
	show("deciphered (128-NEA2)", plain, d->pdu_len - 7, 0);
	rc = check("deciphered == sent", memcmp(plain, demo_plain, sizeof(demo_plain)) == 0);
	if (rc == 0)
		printf("\nverified\n");
	return rc;
}

static int
demo_open(struct demo *d)
{
	memset(d, 0, sizeof(*d));
	d->m = agw_milenage_create(demo_k, demo_opc, AGW_MILENAGE_OPC);
	if (d->m == NULL)
		return fail("agw_milenage_create", -errno);
	d->usim = agw_milenage_create(demo_k, demo_opc, AGW_MILENAGE_OPC);
	if (d->usim == NULL)
		return fail("agw_milenage_create", -errno);
	d->eng = agw_nas_sec_engine_create();
	if (d->eng == NULL)
		return fail("agw_nas_sec_engine_create", -errno);
	return 0;
}

static int
c_demo(const struct kt_args *a)
{
	struct demo d;
	int rc;

	(void)a;
	printf("anchor-keytool demo: 5G AKA -> K_AUSF -> K_SEAF -> K_AMF -> NAS keys -> "
	       "protected NAS\n");
	printf("Every key shown is demo key material (TS 35.208 test set 1), printed on "
	       "purpose.\n");
	rc = demo_open(&d);
	if (rc == 0)
		rc = demo_inputs(&d);
	if (rc == 0)
		rc = demo_network_av(&d);
	if (rc == 0)
		rc = demo_ue_answer(&d);
	if (rc == 0)
		rc = demo_keys(&d);
	if (rc == 0)
		rc = demo_protect(&d);
	if (rc == 0)
		rc = demo_unprotect(&d);
	agw_nas_sec_engine_free(d.eng);
	agw_milenage_free(d.usim);
	agw_milenage_free(d.m);
	agw_memzero(&d, sizeof(d));
	return rc == -EINVAL ? -EIO : rc;
}

static const struct kt_opt demo_opts[] = {
	{ NULL, NULL, NULL, 0 },
};

const struct kt_cmd kt_demo_cmds[] = {
	{ "demo", "worked example: 5G AKA (TS 35.208 set 1), key hierarchy, NEA2/NIA2 NAS "
	  "protection", "Prints every step with labels; keys are demo key material.",
	  demo_opts, c_demo, NULL },
	{ NULL, NULL, NULL, NULL, NULL, NULL },
};
