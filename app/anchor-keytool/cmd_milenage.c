/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/*
 * milenage, av, av5g, ue5g, auts, resync: MILENAGE (TS 35.206) functions and
 * the AKA procedures on them (TS 33.102 6.3, TS 33.501 6.1.3.2).
 */

#include <errno.h>
#include <string.h>

#include "agw_kdf.h"
#include "agw_milenage.h"
#include "agw_util.h"
#include "derive.h"
#include "keytool.h"

#define O_K { "k", "HEX16", "subscriber key K", KT_OPT_REQ }
#define O_OP { "op", "HEX16", "operator key OP (give --op or --opc)", 0 }
#define O_OPC { "opc", "HEX16", "OPc (give --op or --opc)", 0 }
#define O_RAND { "rand", "HEX16", "RAND", KT_OPT_REQ }
#define O_SQN { "sqn", "HEX6", "SQN (6 octets)", KT_OPT_REQ }
#define O_AMF { "amf", "HEX2", "AMF (2 octets, e.g. 8000)", KT_OPT_REQ }
#define O_SNN { "snn", "TEXT", "serving network name, e.g. 5G:mnc001.mcc001.3gppnetwork.org", \
		KT_OPT_REQ }
#define O_END { NULL, NULL, NULL, 0 }

/** Subscriber inputs: K and OPc (computed from OP when --op is given). */
struct mil_sub {
	uint8_t k[AGW_MIL_K_LEN];
	uint8_t opc[AGW_MIL_OP_LEN];
	struct agw_milenage *m;
};

static void
mil_close(struct mil_sub *s)
{
	agw_milenage_free(s->m);
	agw_memzero(s, sizeof(*s));
}

static int
mil_opc(const struct kt_args *a, struct mil_sub *s)
{
	uint8_t op[AGW_MIL_OP_LEN];
	int rc;

	if ((kt_get(a, "op", 0) != NULL) == (kt_get(a, "opc", 0) != NULL))
		return kt_err(a, kt_get(a, "op", 0) ? "op" : "opc",
			      "give exactly one of --op and --opc");
	if (kt_get(a, "opc", 0) != NULL)
		return kt_hex(a, "opc", s->opc, sizeof(s->opc));
	rc = kt_hex(a, "op", op, sizeof(op));
	if (rc == 0)
		rc = kt_lib(a, "agw_milenage_compute_opc",
			    agw_milenage_compute_opc(s->k, op, s->opc));
	agw_memzero(op, sizeof(op));
	return rc;
}

/* Decode --k and --op/--opc and create the context. */
static int
mil_open(const struct kt_args *a, struct mil_sub *s)
{
	int rc;

	memset(s, 0, sizeof(*s));
	rc = kt_hex(a, "k", s->k, sizeof(s->k));
	if (rc == 0)
		rc = mil_opc(a, s);
	if (rc < 0)
		return rc;
	s->m = agw_milenage_create(s->k, s->opc, AGW_MILENAGE_OPC);
	if (s->m == NULL)
		return kt_lib(a, "agw_milenage_create", -errno);
	return 0;
}

/* milenage ----------------------------------------------------------- */

static const struct kt_opt milenage_opts[] = {
	O_K, O_OP, O_OPC, O_RAND, O_SQN, O_AMF, O_END,
};

/** Every MILENAGE output, for one printing pass. */
struct mil_out {
	uint8_t mac_a[AGW_MIL_MAC_LEN], mac_s[AGW_MIL_MAC_LEN];
	uint8_t res[AGW_MIL_RES_LEN], ck[AGW_MIL_CK_LEN], ik[AGW_MIL_IK_LEN];
	uint8_t ak[AGW_MIL_AK_LEN], ak_star[AGW_MIL_AK_LEN];
};

static int
mil_all(const struct kt_args *a, struct mil_sub *s, struct mil_out *o)
{
	uint8_t rand[AGW_MIL_RAND_LEN], sqn[AGW_MIL_SQN_LEN], amf[AGW_MIL_AMF_LEN];
	int rc;

	rc = kt_hex(a, "rand", rand, sizeof(rand));
	if (rc == 0)
		rc = kt_hex(a, "sqn", sqn, sizeof(sqn));
	if (rc == 0)
		rc = kt_hex(a, "amf", amf, sizeof(amf));
	if (rc == 0)
		rc = kt_lib(a, "agw_milenage_f1",
			    agw_milenage_f1(s->m, rand, sqn, amf, o->mac_a, o->mac_s));
	if (rc == 0)
		rc = kt_lib(a, "agw_milenage_f2345",
			    agw_milenage_f2345(s->m, rand, o->res, o->ck, o->ik, o->ak));
	if (rc == 0)
		rc = kt_lib(a, "agw_milenage_f5star", agw_milenage_f5star(s->m, rand, o->ak_star));
	return rc;
}

static int
c_milenage(const struct kt_args *a)
{
	struct mil_sub s;
	struct mil_out o;
	int rc;

	memset(&o, 0, sizeof(o));
	rc = mil_open(a, &s);
	if (rc == 0)
		rc = mil_all(a, &s, &o);
	if (rc == 0) {
		kt_out_hex("opc", s.opc, sizeof(s.opc));
		kt_out_hex("f1", o.mac_a, sizeof(o.mac_a));
		kt_out_hex("f1_star", o.mac_s, sizeof(o.mac_s));
		kt_out_hex("f2", o.res, sizeof(o.res));
		kt_out_hex("f3", o.ck, sizeof(o.ck));
		kt_out_hex("f4", o.ik, sizeof(o.ik));
		kt_out_hex("f5", o.ak, sizeof(o.ak));
		kt_out_hex("f5_star", o.ak_star, sizeof(o.ak_star));
	}
	agw_memzero(&o, sizeof(o));
	mil_close(&s);
	return rc;
}

/* av, av5g: network side --------------------------------------------- */

static const struct kt_opt av_opts[] = {
	O_K, O_OP, O_OPC,
	{ "rand", "HEX16", "RAND (default: fresh from the OpenSSL CSPRNG)", 0 },
	O_SQN, O_AMF, O_END,
};

static const struct kt_opt av5g_opts[] = {
	O_K, O_OP, O_OPC,
	{ "rand", "HEX16", "RAND (default: fresh from the OpenSSL CSPRNG)", 0 },
	O_SQN, O_AMF, O_SNN, O_END,
};

/* Decode the optional --rand; *use is NULL when absent. */
static int
opt_rand(const struct kt_args *a, uint8_t rand[AGW_MIL_RAND_LEN], const uint8_t **use)
{
	*use = NULL;
	if (kt_get(a, "rand", 0) == NULL)
		return 0;
	*use = rand;
	return kt_hex(a, "rand", rand, AGW_MIL_RAND_LEN);
}

static int
c_av(const struct kt_args *a)
{
	uint8_t rand[AGW_MIL_RAND_LEN], sqn[AGW_MIL_SQN_LEN], amf[AGW_MIL_AMF_LEN];
	struct agw_milenage_av av;
	const uint8_t *r = NULL;
	struct mil_sub s;
	int rc;

	memset(&av, 0, sizeof(av));
	rc = mil_open(a, &s);
	if (rc == 0)
		rc = opt_rand(a, rand, &r);
	if (rc == 0)
		rc = kt_hex(a, "sqn", sqn, sizeof(sqn));
	if (rc == 0)
		rc = kt_hex(a, "amf", amf, sizeof(amf));
	if (rc == 0)
		rc = kt_lib(a, "agw_milenage_gen_av", agw_milenage_gen_av(s.m, r, sqn, amf, &av));
	if (rc == 0) {
		kt_out_hex("rand", av.rand, sizeof(av.rand));
		kt_out_hex("autn", av.autn, sizeof(av.autn));
		kt_out_hex("xres", av.xres, sizeof(av.xres));
		kt_out_hex("ck", av.ck, sizeof(av.ck));
		kt_out_hex("ik", av.ik, sizeof(av.ik));
	}
	agw_memzero(&av, sizeof(av));
	mil_close(&s);
	return rc;
}

static int
av5g_gen(const struct kt_args *a, struct mil_sub *s, struct agw_he_av_5g *av,
	 uint8_t hxres[AGW_RES_STAR_LEN])
{
	uint8_t rand[AGW_MIL_RAND_LEN], sqn[AGW_MIL_SQN_LEN], amf[AGW_MIL_AMF_LEN];
	const uint8_t *r = NULL;
	const char *snn;
	size_t snn_len = 0;
	int rc;

	rc = opt_rand(a, rand, &r);
	if (rc == 0)
		rc = kt_hex(a, "sqn", sqn, sizeof(sqn));
	if (rc == 0)
		rc = kt_hex(a, "amf", amf, sizeof(amf));
	if (rc == 0)
		rc = kt_opt_snn(a, "snn", &snn, &snn_len);
	if (rc == 0)
		rc = kt_lib(a, "agw_milenage_gen_he_av_5g",
			    agw_milenage_gen_he_av_5g(s->m, r, sqn, amf, snn, snn_len, av));
	if (rc == 0)
		rc = kt_lib(a, "agw_kdf_hres_star",
			    agw_kdf_hres_star(av->rand, av->xres_star, hxres));
	return rc;
}

static int
c_av5g(const struct kt_args *a)
{
	uint8_t hxres[AGW_RES_STAR_LEN];
	struct agw_he_av_5g av;
	struct mil_sub s;
	int rc;

	memset(&av, 0, sizeof(av));
	rc = mil_open(a, &s);
	if (rc == 0)
		rc = av5g_gen(a, &s, &av, hxres);
	if (rc == 0) {
		kt_out_hex("rand", av.rand, sizeof(av.rand));
		kt_out_hex("autn", av.autn, sizeof(av.autn));
		kt_out_hex("xres_star", av.xres_star, sizeof(av.xres_star));
		kt_out_hex("hxres_star", hxres, sizeof(hxres));
		kt_out_hex("kausf", av.kausf, sizeof(av.kausf));
	}
	agw_memzero(&av, sizeof(av));
	mil_close(&s);
	return rc;
}

/* ue, ue5g: UE side of AKA and 5G AKA -------------------------------- */

static const struct kt_opt ue_opts[] = {
	O_K, O_OP, O_OPC, O_RAND,
	{ "autn", "HEX16", "AUTN from the network", KT_OPT_REQ },
	O_END,
};

static int
c_ue(const struct kt_args *a)
{
	uint8_t rand[AGW_MIL_RAND_LEN], autn[AGW_MIL_AUTN_LEN], sqn[AGW_MIL_SQN_LEN];
	uint8_t res[AGW_MIL_RES_LEN], ck[AGW_MIL_CK_LEN], ik[AGW_MIL_IK_LEN];
	struct mil_sub s;
	int rc;

	rc = mil_open(a, &s);
	if (rc == 0)
		rc = kt_hex(a, "rand", rand, sizeof(rand));
	if (rc == 0)
		rc = kt_hex(a, "autn", autn, sizeof(autn));
	if (rc == 0) {
		rc = agw_milenage_ue_check_autn(s.m, rand, autn, sqn, res, ck, ik);
		if (rc == -EBADMSG)
			kt_err(a, "autn", "MAC-A does not verify (UE answers: MAC failure)");
		else
			rc = kt_lib(a, "agw_milenage_ue_check_autn", rc);
	}
	if (rc == 0) {
		kt_out_hex("sqn", sqn, sizeof(sqn));
		kt_out_hex("res", res, sizeof(res));
		kt_out_hex("ck", ck, sizeof(ck));
		kt_out_hex("ik", ik, sizeof(ik));
	}
	agw_memzero(res, sizeof(res));
	agw_memzero(ck, sizeof(ck));
	agw_memzero(ik, sizeof(ik));
	mil_close(&s);
	return rc;
}

static const struct kt_opt ue5g_opts[] = {
	O_K, O_OP, O_OPC, O_RAND,
	{ "autn", "HEX16", "AUTN from the network", KT_OPT_REQ },
	O_SNN, O_END,
};

static int
ue5g_rc(const struct kt_args *a, int rc)
{
	if (rc == -EBADMSG) {
		kt_err(a, "autn", "MAC-A does not verify (UE answers: MAC failure)");
		return -EBADMSG;
	}
	if (rc == -EPROTO) {
		kt_err(a, "autn", "AMF separation bit is 0 (not a 5G AKA challenge)");
		return -EPROTO;
	}
	return kt_lib(a, "agw_milenage_ue_auth_5g", rc);
}

static int
c_ue5g(const struct kt_args *a)
{
	uint8_t rand[AGW_MIL_RAND_LEN], autn[AGW_MIL_AUTN_LEN];
	struct agw_ue_auth_5g ue;
	struct mil_sub s;
	const char *snn;
	size_t snn_len = 0;
	int rc;

	memset(&ue, 0, sizeof(ue));
	rc = mil_open(a, &s);
	if (rc == 0)
		rc = kt_hex(a, "rand", rand, sizeof(rand));
	if (rc == 0)
		rc = kt_hex(a, "autn", autn, sizeof(autn));
	if (rc == 0)
		rc = kt_opt_snn(a, "snn", &snn, &snn_len);
	if (rc == 0)
		rc = ue5g_rc(a, agw_milenage_ue_auth_5g(s.m, rand, autn, snn, snn_len, &ue));
	if (rc == 0) {
		kt_out_hex("sqn", ue.sqn, sizeof(ue.sqn));
		kt_out_hex("res_star", ue.res_star, sizeof(ue.res_star));
		kt_out_hex("kausf", ue.kausf, sizeof(ue.kausf));
	}
	agw_memzero(&ue, sizeof(ue));
	mil_close(&s);
	return rc;
}

/* auts, resync ------------------------------------------------------- */

static const struct kt_opt auts_opts[] = {
	O_K, O_OP, O_OPC, O_RAND,
	{ "sqn-ms", "HEX6", "SQN_MS, the highest SQN the USIM accepted", KT_OPT_REQ },
	O_END,
};

static int
c_auts(const struct kt_args *a)
{
	uint8_t rand[AGW_MIL_RAND_LEN], sqn_ms[AGW_MIL_SQN_LEN], auts[AGW_MIL_AUTS_LEN];
	struct mil_sub s;
	int rc;

	rc = mil_open(a, &s);
	if (rc == 0)
		rc = kt_hex(a, "rand", rand, sizeof(rand));
	if (rc == 0)
		rc = kt_hex(a, "sqn-ms", sqn_ms, sizeof(sqn_ms));
	if (rc == 0)
		rc = kt_lib(a, "agw_milenage_gen_auts",
			    agw_milenage_gen_auts(s.m, rand, sqn_ms, auts));
	if (rc == 0)
		kt_out_hex(NULL, auts, sizeof(auts));
	mil_close(&s);
	return rc;
}

static const struct kt_opt resync_opts[] = {
	O_K, O_OP, O_OPC,
	{ "rand", "HEX16", "RAND of the rejected challenge", KT_OPT_REQ },
	{ "auts", "HEX14", "AUTS from the UE", KT_OPT_REQ },
	O_END,
};

static int
c_resync(const struct kt_args *a)
{
	uint8_t rand[AGW_MIL_RAND_LEN], auts[AGW_MIL_AUTS_LEN], sqn_ms[AGW_MIL_SQN_LEN];
	struct mil_sub s;
	int rc;

	rc = mil_open(a, &s);
	if (rc == 0)
		rc = kt_hex(a, "rand", rand, sizeof(rand));
	if (rc == 0)
		rc = kt_hex(a, "auts", auts, sizeof(auts));
	if (rc == 0) {
		rc = agw_milenage_resync(s.m, rand, auts, sqn_ms);
		if (rc == -EBADMSG)
			kt_err(a, "auts", "MAC-S does not verify (forged, or for another RAND)");
		else
			rc = kt_lib(a, "agw_milenage_resync", rc);
	}
	if (rc == 0)
		kt_out_hex(NULL, sqn_ms, sizeof(sqn_ms));
	mil_close(&s);
	return rc;
}

const struct kt_cmd kt_milenage_cmds[] = {
	{ "milenage", "MILENAGE f1..f5* (TS 35.206); prints opc, f1, f1_star, f2 (RES), "
	  "f3 (CK), f4 (IK), f5 (AK), f5_star (AK*)", NULL, milenage_opts, c_milenage, NULL },
	{ "av", "authentication vector (TS 33.102 6.3.2); prints rand, autn, xres, ck, ik",
	  NULL, av_opts, c_av, NULL },
	{ "av5g", "5G HE AV (TS 33.501 6.1.3.2); prints rand, autn, xres_star, hxres_star, "
	  "kausf", "The AMF separation bit is set in AUTN whatever --amf says.", av5g_opts,
	  c_av5g, NULL },
	{ "ue", "UE side of AKA (TS 33.102 6.3.3): check AUTN; prints sqn, res, ck, ik",
	  "Exit status 1 when MAC-A does not verify.", ue_opts, c_ue, NULL },
	{ "ue5g", "UE side of 5G AKA: check AUTN, then SQN, RES*, K_AUSF; prints sqn, "
	  "res_star, kausf", "Exit status 1 when MAC-A does not verify or the AMF separation "
	  "bit is 0.", ue5g_opts, c_ue5g, NULL },
	{ "auts", "UE side resynchronisation token AUTS (TS 33.102 6.3.3, AMF* = 0000)", NULL,
	  auts_opts, c_auts, NULL },
	{ "resync", "network side SQN_MS recovery from AUTS (TS 33.102 6.3.5); prints SQN_MS",
	  "Exit status 1 when MAC-S does not verify.", resync_opts, c_resync, NULL },
	{ NULL, NULL, NULL, NULL, NULL, NULL },
};
