/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/*
 * MILENAGE f1, f2-f5 (TS 35.206 4.1) on a driver's AES-128 block
 * operation, so that K stays in the driver (an HSM token with PKCS#11):
 * only E_K(x) results reach this memory. Checked against TS 35.208 and
 * against lib/crypto's MILENAGE in test/secmod.
 */

#include <errno.h>
#include <string.h>

#include "agw_util.h"
#include "secmod_priv.h"

/* OUT = E_K(rot(x xor OPc, r) xor c) xor OPc, r in octets, c = last octet */
static int
milenage_out(struct agw_secmod_drv *drv, void *k, const uint8_t opc[16], const uint8_t x[16],
	     unsigned int r, uint8_t c, uint8_t out[16])
{
	uint8_t t[16], in[16];
	int rc;

	for (int i = 0; i < 16; i++)
		t[i] = x[i] ^ opc[i];
	for (int i = 0; i < 16; i++)
		in[i] = t[(i + r) % 16];
	in[15] ^= c;
	rc = drv->ops->block_encrypt(drv, k, in, out);
	for (int i = 0; i < 16; i++)
		out[i] ^= opc[i];
	agw_memzero(t, sizeof(t));
	agw_memzero(in, sizeof(in));
	return rc;
}

/* TEMP = E_K(RAND xor OPc) */
static int
milenage_temp(struct agw_secmod_drv *drv, void *k, const uint8_t opc[16], const uint8_t rand[16],
	      uint8_t temp[16])
{
	uint8_t in[16];
	int rc;

	for (int i = 0; i < 16; i++)
		in[i] = rand[i] ^ opc[i];
	rc = drv->ops->block_encrypt(drv, k, in, temp);
	agw_memzero(in, sizeof(in));
	return rc;
}

int
sm_milenage_f1(struct agw_secmod_drv *drv, void *k, const uint8_t opc[16], const uint8_t rand[16],
	       const uint8_t sqn[6], const uint8_t amf[2], uint8_t mac_a[8])
{
	uint8_t temp[16], in1[16], x[16], out[16];
	int rc;

	rc = milenage_temp(drv, k, opc, rand, temp);
	if (rc != 0)
		return rc;
	memcpy(in1, sqn, 6);
	memcpy(in1 + 6, amf, 2);
	memcpy(in1 + 8, sqn, 6);
	memcpy(in1 + 14, amf, 2);
	/* OUT1 = E_K(TEMP xor rot(IN1 xor OPc, r1) xor c1) xor OPc, r1 = 64 */
	for (int i = 0; i < 16; i++)
		x[i] = in1[(i + 8) % 16] ^ opc[(i + 8) % 16];
	for (int i = 0; i < 16; i++)
		x[i] ^= temp[i];
	rc = drv->ops->block_encrypt(drv, k, x, out);
	for (int i = 0; i < 8; i++)
		mac_a[i] = out[i] ^ opc[i];
	agw_memzero(temp, sizeof(temp));
	agw_memzero(x, sizeof(x));
	agw_memzero(out, sizeof(out));
	return rc;
}

int
sm_milenage_f2345(struct agw_secmod_drv *drv, void *k, const uint8_t opc[16],
		  const uint8_t rand[16], uint8_t res[8], uint8_t ck[16], uint8_t ik[16],
		  uint8_t ak[6])
{
	uint8_t temp[16], out[16];
	int rc;

	rc = milenage_temp(drv, k, opc, rand, temp);
	/* OUT2: r2 = 0, c2 = 1 -> RES (f2) = OUT2[64..127], AK (f5) = OUT2[0..47] */
	if (rc == 0)
		rc = milenage_out(drv, k, opc, temp, 0, 1, out);
	if (rc == 0) {
		memcpy(res, out + 8, 8);
		memcpy(ak, out, 6);
	}
	/* OUT3: r3 = 32 bits, c3 = 2 -> CK (f3) */
	if (rc == 0)
		rc = milenage_out(drv, k, opc, temp, 4, 2, ck);
	/* OUT4: r4 = 64 bits, c4 = 4 -> IK (f4) */
	if (rc == 0)
		rc = milenage_out(drv, k, opc, temp, 8, 4, ik);
	agw_memzero(temp, sizeof(temp));
	agw_memzero(out, sizeof(out));
	return rc;
}
