/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/*
 * MILENAGE, TS 35.206 clause 4.1:
 *
 *   TEMP = E_K(RAND xor OPc)
 *   IN1  = SQN || AMF || SQN || AMF
 *   OUT1 = E_K(TEMP xor rot(IN1 xor OPc, r1) xor c1) xor OPc
 *   OUTi = E_K(rot(TEMP xor OPc, ri) xor ci) xor OPc        i = 2..5
 *
 * with r1 = 64, r2 = 0, r3 = 32, r4 = 64, r5 = 96 bits and c1 = 0,
 * c2 = ..01, c3 = ..02, c4 = ..04, c5 = ..08 (128-bit constants, only the
 * last octet non-zero), rot() a cyclic left rotation. Then
 *   f1 = OUT1[0..63], f1* = OUT1[64..127], f5 = OUT2[0..47],
 *   f2 = OUT2[64..127], f3 = OUT3, f4 = OUT4, f5* = OUT5[0..47].
 * All rotations here are whole octets, so they are done on bytes.
 */

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "agw_kdf.h"
#include "agw_milenage.h"
#include "agw_rand.h"
#include "agw_util.h"

struct agw_milenage {
	EVP_CIPHER_CTX *aes;	     /* AES-128-ECB keyed with K, no padding */
	uint8_t opc[AGW_MIL_OP_LEN]; /* OPc */
};

/* One AES-128 block with an already-keyed ECB context. */
static int
aes_block(EVP_CIPHER_CTX *aes, const uint8_t in[16], uint8_t out[16])
{
	int len = 0;

	if (EVP_EncryptUpdate(aes, out, &len, in, 16) != 1 || len != 16)
		return -EIO;
	return 0;
}

static EVP_CIPHER_CTX *
aes_new(const uint8_t k[AGW_MIL_K_LEN])
{
	EVP_CIPHER_CTX *aes = EVP_CIPHER_CTX_new();

	if (aes == NULL)
		return NULL;
	if (EVP_EncryptInit_ex(aes, EVP_aes_128_ecb(), NULL, k, NULL) != 1 ||
	    EVP_CIPHER_CTX_set_padding(aes, 0) != 1) {
		EVP_CIPHER_CTX_free(aes);
		return NULL;
	}
	return aes;
}

static void
xor16(uint8_t *out, const uint8_t *a, const uint8_t *b)
{
	int i;

	for (i = 0; i < 16; i++)
		out[i] = a[i] ^ b[i];
}

/* out = rot(in, r_octets * 8) (cyclic left rotation) */
static void
rot16(uint8_t out[16], const uint8_t in[16], unsigned int r_octets)
{
	unsigned int i;

	for (i = 0; i < 16; i++)
		out[i] = in[(i + r_octets) % 16];
}

int
agw_milenage_compute_opc(const uint8_t k[AGW_MIL_K_LEN], const uint8_t op[AGW_MIL_OP_LEN],
			 uint8_t opc[AGW_MIL_OP_LEN])
{
	EVP_CIPHER_CTX *aes;
	uint8_t e[16];
	int ret;

	if (k == NULL || op == NULL || opc == NULL)
		return -EINVAL;
	aes = aes_new(k);
	if (aes == NULL)
		return -EIO;
	ret = aes_block(aes, op, e);
	if (ret == 0)
		xor16(opc, e, op);
	EVP_CIPHER_CTX_free(aes);
	agw_memzero(e, sizeof(e));
	return ret;
}

struct agw_milenage *
agw_milenage_create(const uint8_t k[AGW_MIL_K_LEN], const uint8_t op[AGW_MIL_OP_LEN],
		    enum agw_milenage_op_kind kind)
{
	struct agw_milenage *m;
	int ret;

	if (k == NULL || op == NULL || (kind != AGW_MILENAGE_OP && kind != AGW_MILENAGE_OPC)) {
		errno = EINVAL;
		return NULL;
	}
	m = calloc(1, sizeof(*m));
	if (m == NULL) {
		errno = ENOMEM;
		return NULL;
	}
	m->aes = aes_new(k);
	if (m->aes == NULL) {
		free(m);
		errno = EIO;
		return NULL;
	}
	if (kind == AGW_MILENAGE_OPC) {
		memcpy(m->opc, op, AGW_MIL_OP_LEN);
	} else {
		uint8_t e[16];

		ret = aes_block(m->aes, op, e);
		if (ret != 0) {
			agw_milenage_free(m);
			errno = EIO;
			return NULL;
		}
		xor16(m->opc, e, op);
		agw_memzero(e, sizeof(e));
	}
	return m;
}

void
agw_milenage_free(struct agw_milenage *m)
{
	if (m == NULL)
		return;
	EVP_CIPHER_CTX_free(m->aes); /* cleanses the key schedule */
	agw_memzero(m, sizeof(*m));
	free(m);
}

/* TEMP = E_K(RAND xor OPc) */
static int
milenage_temp(struct agw_milenage *m, const uint8_t rand[16], uint8_t temp[16])
{
	uint8_t in[16];
	int ret;

	xor16(in, rand, m->opc);
	ret = aes_block(m->aes, in, temp);
	agw_memzero(in, sizeof(in));
	return ret;
}

/* OUTi for i = 2..5: E_K(rot(TEMP xor OPc, r) xor c) xor OPc */
static int
milenage_out(struct agw_milenage *m, const uint8_t temp[16], unsigned int r_octets, uint8_t c,
	     uint8_t out[16])
{
	uint8_t x[16], in[16];
	int ret;

	xor16(x, temp, m->opc);
	rot16(in, x, r_octets);
	in[15] ^= c;
	ret = aes_block(m->aes, in, out);
	if (ret == 0)
		xor16(out, out, m->opc);
	agw_memzero(x, sizeof(x));
	agw_memzero(in, sizeof(in));
	return ret;
}

int
agw_milenage_f1(struct agw_milenage *m, const uint8_t rand[AGW_MIL_RAND_LEN],
		const uint8_t sqn[AGW_MIL_SQN_LEN], const uint8_t amf[AGW_MIL_AMF_LEN],
		uint8_t mac_a[AGW_MIL_MAC_LEN], uint8_t mac_s[AGW_MIL_MAC_LEN])
{
	uint8_t temp[16], in1[16], x[16], in[16], out1[16];
	int ret;

	if (m == NULL || rand == NULL || sqn == NULL || amf == NULL ||
	    (mac_a == NULL && mac_s == NULL))
		return -EINVAL;
	ret = milenage_temp(m, rand, temp);
	if (ret != 0)
		goto out;
	/* IN1 = SQN || AMF || SQN || AMF */
	memcpy(in1, sqn, 6);
	memcpy(in1 + 6, amf, 2);
	memcpy(in1 + 8, sqn, 6);
	memcpy(in1 + 14, amf, 2);
	/* OUT1 = E_K(TEMP xor rot(IN1 xor OPc, r1 = 64) xor c1 = 0) xor OPc */
	xor16(x, in1, m->opc);
	rot16(in, x, 8);
	xor16(in, in, temp);
	ret = aes_block(m->aes, in, out1);
	if (ret != 0)
		goto out;
	xor16(out1, out1, m->opc);
	if (mac_a != NULL)
		memcpy(mac_a, out1, 8);
	if (mac_s != NULL)
		memcpy(mac_s, out1 + 8, 8);
out:
	agw_memzero(temp, sizeof(temp));
	agw_memzero(in1, sizeof(in1));
	agw_memzero(x, sizeof(x));
	agw_memzero(in, sizeof(in));
	agw_memzero(out1, sizeof(out1));
	return ret;
}

int
agw_milenage_f2345(struct agw_milenage *m, const uint8_t rand[AGW_MIL_RAND_LEN],
		   uint8_t res[AGW_MIL_RES_LEN], uint8_t ck[AGW_MIL_CK_LEN],
		   uint8_t ik[AGW_MIL_IK_LEN], uint8_t ak[AGW_MIL_AK_LEN])
{
	uint8_t temp[16], out[16];
	int ret;

	if (m == NULL || rand == NULL)
		return -EINVAL;
	ret = milenage_temp(m, rand, temp);
	if (ret == 0 && (res != NULL || ak != NULL)) {
		/* OUT2: r2 = 0, c2 = 1; f5 = OUT2[0..47], f2 = OUT2[64..127] */
		ret = milenage_out(m, temp, 0, 0x01, out);
		if (ret == 0 && ak != NULL)
			memcpy(ak, out, 6);
		if (ret == 0 && res != NULL)
			memcpy(res, out + 8, 8);
	}
	if (ret == 0 && ck != NULL) /* OUT3: r3 = 32, c3 = 2 */
		ret = milenage_out(m, temp, 4, 0x02, ck);
	if (ret == 0 && ik != NULL) /* OUT4: r4 = 64, c4 = 4 */
		ret = milenage_out(m, temp, 8, 0x04, ik);
	agw_memzero(temp, sizeof(temp));
	agw_memzero(out, sizeof(out));
	return ret;
}

int
agw_milenage_f5star(struct agw_milenage *m, const uint8_t rand[AGW_MIL_RAND_LEN],
		    uint8_t ak_star[AGW_MIL_AK_LEN])
{
	uint8_t temp[16], out[16];
	int ret;

	if (m == NULL || rand == NULL || ak_star == NULL)
		return -EINVAL;
	ret = milenage_temp(m, rand, temp);
	if (ret == 0) /* OUT5: r5 = 96, c5 = 8; f5* = OUT5[0..47] */
		ret = milenage_out(m, temp, 12, 0x08, out);
	if (ret == 0)
		memcpy(ak_star, out, 6);
	agw_memzero(temp, sizeof(temp));
	agw_memzero(out, sizeof(out));
	return ret;
}

int
agw_milenage_gen_av(struct agw_milenage *m, const uint8_t rand[AGW_MIL_RAND_LEN],
		    const uint8_t sqn[AGW_MIL_SQN_LEN], const uint8_t amf[AGW_MIL_AMF_LEN],
		    struct agw_milenage_av *av)
{
	uint8_t ak[AGW_MIL_AK_LEN];
	int ret, i;

	if (m == NULL || sqn == NULL || amf == NULL || av == NULL)
		return -EINVAL;
	if (rand != NULL) {
		memmove(av->rand, rand, AGW_MIL_RAND_LEN);
	} else if (agw_rand_bytes(av->rand, AGW_MIL_RAND_LEN) != 0) {
		ret = -EIO;
		goto fail;
	}
	/* AUTN = SQN xor AK || AMF || MAC-A (TS 33.102 6.3.2) */
	ret = agw_milenage_f1(m, av->rand, sqn, amf, av->autn + 8, NULL);
	if (ret != 0)
		goto fail;
	ret = agw_milenage_f2345(m, av->rand, av->xres, av->ck, av->ik, ak);
	if (ret != 0)
		goto fail;
	for (i = 0; i < AGW_MIL_SQN_LEN; i++)
		av->autn[i] = sqn[i] ^ ak[i];
	memcpy(av->autn + 6, amf, 2);
	agw_memzero(ak, sizeof(ak));
	return 0;
fail:
	agw_memzero(ak, sizeof(ak));
	agw_memzero(av, sizeof(*av));
	return ret;
}

int
agw_milenage_gen_he_av_5g(struct agw_milenage *m, const uint8_t rand[AGW_MIL_RAND_LEN],
			  const uint8_t sqn[AGW_MIL_SQN_LEN], const uint8_t amf[AGW_MIL_AMF_LEN],
			  const char *snn, size_t snn_len, struct agw_he_av_5g *av)
{
	struct agw_milenage_av uav;
	uint8_t amf5g[AGW_MIL_AMF_LEN];
	int ret;

	if (m == NULL || sqn == NULL || amf == NULL || snn == NULL || av == NULL)
		return -EINVAL;
	/* TS 33.501 6.1.3.2 step 1: AV with the AMF separation bit = 1 */
	amf5g[0] = amf[0] | 0x80;
	amf5g[1] = amf[1];
	ret = agw_milenage_gen_av(m, rand, sqn, amf5g, &uav);
	if (ret != 0)
		goto fail;
	/* XRES* (A.4) and K_AUSF (A.2, P1 = SQN xor AK = AUTN[0..5]) */
	ret = agw_kdf_res_star(uav.ck, uav.ik, snn, snn_len, uav.rand, uav.xres, AGW_MIL_RES_LEN,
			       av->xres_star);
	if (ret != 0)
		goto fail;
	ret = agw_kdf_kausf(uav.ck, uav.ik, snn, snn_len, uav.autn, av->kausf);
	if (ret != 0)
		goto fail;
	memcpy(av->rand, uav.rand, AGW_MIL_RAND_LEN);
	memcpy(av->autn, uav.autn, AGW_MIL_AUTN_LEN);
	agw_memzero(&uav, sizeof(uav));
	return 0;
fail:
	agw_memzero(&uav, sizeof(uav));
	agw_memzero(av, sizeof(*av));
	return ret;
}

int
agw_milenage_ue_check_autn(struct agw_milenage *m, const uint8_t rand[AGW_MIL_RAND_LEN],
			   const uint8_t autn[AGW_MIL_AUTN_LEN], uint8_t sqn[AGW_MIL_SQN_LEN],
			   uint8_t res[AGW_MIL_RES_LEN], uint8_t ck[AGW_MIL_CK_LEN],
			   uint8_t ik[AGW_MIL_IK_LEN])
{
	uint8_t ak[AGW_MIL_AK_LEN], s[AGW_MIL_SQN_LEN], xmac[AGW_MIL_MAC_LEN];
	int ret, i;

	if (m == NULL || rand == NULL || autn == NULL || sqn == NULL)
		return -EINVAL;
	ret = agw_milenage_f2345(m, rand, res, ck, ik, ak);
	if (ret != 0)
		goto out;
	for (i = 0; i < AGW_MIL_SQN_LEN; i++)
		s[i] = autn[i] ^ ak[i];
	/* XMAC = f1(SQN, RAND, AMF) with the AMF received in AUTN */
	ret = agw_milenage_f1(m, rand, s, autn + 6, xmac, NULL);
	if (ret != 0)
		goto out;
	if (!agw_ct_equal(xmac, autn + 8, AGW_MIL_MAC_LEN)) {
		ret = -EBADMSG;
		goto out;
	}
	memcpy(sqn, s, AGW_MIL_SQN_LEN);
out:
	if (ret != 0) {
		if (res != NULL)
			agw_memzero(res, AGW_MIL_RES_LEN);
		if (ck != NULL)
			agw_memzero(ck, AGW_MIL_CK_LEN);
		if (ik != NULL)
			agw_memzero(ik, AGW_MIL_IK_LEN);
	}
	agw_memzero(ak, sizeof(ak));
	agw_memzero(s, sizeof(s));
	agw_memzero(xmac, sizeof(xmac));
	return ret;
}

int
agw_milenage_ue_auth_5g(struct agw_milenage *m, const uint8_t rand[AGW_MIL_RAND_LEN],
			const uint8_t autn[AGW_MIL_AUTN_LEN], const char *snn, size_t snn_len,
			struct agw_ue_auth_5g *out)
{
	uint8_t res[AGW_MIL_RES_LEN], ck[AGW_MIL_CK_LEN], ik[AGW_MIL_IK_LEN];
	int ret;

	if (m == NULL || rand == NULL || autn == NULL || snn == NULL || out == NULL)
		return -EINVAL;
	ret = agw_milenage_ue_check_autn(m, rand, autn, out->sqn, res, ck, ik);
	if (ret != 0)
		goto out;
	/* TS 33.501 6.1.3.2 step 7: the ME checks the AMF separation bit */
	if ((autn[6] & 0x80) == 0) {
		ret = -EPROTO;
		goto out;
	}
	ret = agw_kdf_res_star(ck, ik, snn, snn_len, rand, res, sizeof(res), out->res_star);
	if (ret != 0)
		goto out;
	ret = agw_kdf_kausf(ck, ik, snn, snn_len, autn, out->kausf);
out:
	if (ret != 0)
		agw_memzero(out, sizeof(*out));
	agw_memzero(res, sizeof(res));
	agw_memzero(ck, sizeof(ck));
	agw_memzero(ik, sizeof(ik));
	return ret;
}

/* TS 33.102 6.3.3: the dummy AMF used for MAC-S */
static const uint8_t amf_resync[AGW_MIL_AMF_LEN] = {0x00, 0x00};

int
agw_milenage_gen_auts(struct agw_milenage *m, const uint8_t rand[AGW_MIL_RAND_LEN],
		      const uint8_t sqn_ms[AGW_MIL_SQN_LEN], uint8_t auts[AGW_MIL_AUTS_LEN])
{
	uint8_t ak_star[AGW_MIL_AK_LEN];
	int ret, i;

	if (m == NULL || rand == NULL || sqn_ms == NULL || auts == NULL)
		return -EINVAL;
	ret = agw_milenage_f5star(m, rand, ak_star);
	if (ret == 0)
		ret = agw_milenage_f1(m, rand, sqn_ms, amf_resync, NULL, auts + 6);
	if (ret == 0) {
		for (i = 0; i < AGW_MIL_SQN_LEN; i++)
			auts[i] = sqn_ms[i] ^ ak_star[i];
	} else {
		agw_memzero(auts, AGW_MIL_AUTS_LEN);
	}
	agw_memzero(ak_star, sizeof(ak_star));
	return ret;
}

int
agw_milenage_resync(struct agw_milenage *m, const uint8_t rand[AGW_MIL_RAND_LEN],
		    const uint8_t auts[AGW_MIL_AUTS_LEN], uint8_t sqn_ms[AGW_MIL_SQN_LEN])
{
	uint8_t ak_star[AGW_MIL_AK_LEN], s[AGW_MIL_SQN_LEN], xmac_s[AGW_MIL_MAC_LEN];
	int ret, i;

	if (m == NULL || rand == NULL || auts == NULL || sqn_ms == NULL)
		return -EINVAL;
	ret = agw_milenage_f5star(m, rand, ak_star);
	if (ret != 0)
		goto out;
	for (i = 0; i < AGW_MIL_SQN_LEN; i++)
		s[i] = auts[i] ^ ak_star[i];
	ret = agw_milenage_f1(m, rand, s, amf_resync, NULL, xmac_s);
	if (ret != 0)
		goto out;
	if (!agw_ct_equal(xmac_s, auts + 6, AGW_MIL_MAC_LEN)) {
		ret = -EBADMSG;
		goto out;
	}
	memcpy(sqn_ms, s, AGW_MIL_SQN_LEN);
out:
	agw_memzero(ak_star, sizeof(ak_star));
	agw_memzero(s, sizeof(s));
	agw_memzero(xmac_s, sizeof(xmac_s));
	return ret;
}
