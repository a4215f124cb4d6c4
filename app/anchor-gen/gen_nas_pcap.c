/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * anchor-gen nas-pcap: the UE side of protected uplink NAS, for feeding
 * anchorgw from a pcap (net_pcap, pktgen) and checking what comes out.
 *
 * Each UE gets random K_NASint/K_NASenc, an algorithm pair from --mix and
 * --cipher, and a starting UL COUNT (some cross the 8-bit SQN wrap). Each
 * message is built as the UE would: plain 5GMM (UL NAS transport with a
 * payload container, or every 10th one a Registration complete, which the
 * gateway punts to its anchors), ciphered with NEA after SQN, MAC'd with
 * NIA over SQN || ciphertext (COUNT, BEARER 1, DIRECTION 0; TS 33.501
 * 6.4.3.1), wrapped in NGAP UplinkNASTransport / SCTP DATA / IPv4 /
 * Ethernet. Messages are interleaved across UEs, so every burst the gateway
 * sees holds many keys.
 *
 * Outputs: the input pcap, the contexts (CSV for anchorgw --ctx-file,
 * mode 600), the expected core-side pcap (each forwarded frame with its
 * NAS deciphered and the SCTP CRC recomputed), and "expect NAME=VALUE"
 * lines with the counters anchorgw must report. Negative frames on request:
 * forged MAC, replayed frame, unknown UE, malformed NGAP.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "agw_nas5g.h"
#include "agw_nas_sec.h"
#include "agw_net.h"
#include "agw_ngap.h"
#include "agw_util.h"
#include "gen.h"

#define GEN_MAX_FRAME 2048
#define NAS_HDR 7 /* EPD SHT MAC(4) SQN */

struct gen_opts {
	unsigned int ues, msgs, size;
	uint8_t mix[3];
	unsigned int nb_mix;
	int cipher; /* 0 none, 1 all, 2 every other UE */
	unsigned int forged, replays, unknown, malformed;
	uint64_t seed;
	const char *out, *expect, *ctx_out;
};

struct gen_ue {
	uint64_t amf_id;
	uint32_t ran_id;
	uint8_t gnb;
	uint8_t nia, nea;
	uint32_t count;
	uint8_t kint[16], kenc[16];
	struct agw_nia_key ik;
	struct agw_nea_key ek;
};

struct gen_counts {
	uint64_t rx, verified, deciphered, forwarded, punted;
	uint64_t bad_mac, replay, no_context, malformed;
};

struct gen {
	struct gen_opts o;
	struct gen_ue *ue;
	struct agw_nas_sec_engine *eng;
	uint64_t rng;
	FILE *in, *exp;
	struct gen_counts n;
};

/* Plain 5GMM message (TS 24.501 8.2.10 UL NAS transport, or 8.2.8
 * Registration complete) of about @p size octets. */
static long
gen_plain(struct gen *g, int reg_complete, uint8_t *buf, size_t cap)
{
	struct agw_nas5g_hdr hdr = {.epd = AGW_NAS5G_EPD_5GMM, .hdr_len = 3};
	uint8_t payload[1500];
	struct agw_nas_body b;
	size_t plen, i;

	hdr.type = reg_complete ? AGW_NAS5G_MT_REGISTRATION_COMPLETE : AGW_NAS5G_MT_UL_NAS_TRANSPORT;
	agw_nas_body_init(&b, agw_nas5g_desc(hdr.epd, hdr.type));
	if (!reg_complete) {
		plen = g->o.size > NAS_HDR + 6 ? g->o.size - NAS_HDR - 6 : 1;
		for (i = 0; i < plen; i++)
			payload[i] = (uint8_t)gen_rand(&g->rng);
		agw_nas_set_half(&b, AGW_NAS5G_F_PAYLOAD_CONTAINER_TYPE, 1); /* N1 SM info */
		agw_nas_set(&b, AGW_NAS5G_F_PAYLOAD_CONTAINER, payload, (uint16_t)plen);
	}
	return agw_nas5g_encode(&hdr, &b, buf, cap);
}

/* Protect a plain message: SHT, SQN, NEA over the message, NIA over
 * SQN || message. @p plain_out gets the same header with the plaintext. */
static long
gen_protect(struct gen *g, struct gen_ue *u, const uint8_t *plain, long plen, uint8_t *nas,
	    uint8_t *plain_out)
{
	uint8_t sht = u->nea != AGW_NEA0 ? 2 : 1;
	uint8_t mac[4];

	nas[0] = AGW_NAS5G_EPD_5GMM;
	nas[1] = sht;
	nas[6] = (uint8_t)u->count;
	if (agw_nea_apply(g->eng, &u->ek, u->count, 1, 0, plain, nas + NAS_HDR,
			  (uint32_t)plen * 8) != 0 ||
	    agw_nia_compute(g->eng, &u->ik, u->count, 1, 0, nas + 6, (uint32_t)(plen + 1) * 8,
			    mac) != 0)
		return -EINVAL;
	memcpy(nas + 2, mac, 4);
	memcpy(plain_out, nas, NAS_HDR);
	memcpy(plain_out + NAS_HDR, plain, (size_t)plen);
	return plen + NAS_HDR;
}

/* NGAP UplinkNASTransport (TS 38.413 9.2.5.3) in SCTP/IPv4/Ethernet. */
static long
gen_frame(const struct gen_ue *u, const uint8_t *nas, size_t nas_len, size_t ngap_cut,
	  uint8_t *frame)
{
	static const struct agw_ngap_plmn plmn = {{0x00, 0xf1, 0x10}};
	struct agw_net_hdrs h = {.ip_version = 4, .sport = 38412, .dport = 38412,
				 .vtag = 0x1234 + u->gnb};
	struct agw_sctp_data d = {.flags = AGW_SCTP_DATA_COMPLETE, .tsn = 1,
				  .ppid = AGW_SCTP_PPID_NGAP};
	struct agw_ngap_msg m;
	uint8_t ngap[GEN_MAX_FRAME];
	long n;

	agw_ngap_msg_init(&m, AGW_NGAP_UPLINK_NAS_TRANSPORT);
	m.present = AGW_NGAP_HAS_AMF_UE_NGAP_ID | AGW_NGAP_HAS_RAN_UE_NGAP_ID |
		    AGW_NGAP_HAS_NAS_PDU | AGW_NGAP_HAS_USER_LOCATION_INFORMATION;
	m.amf_ue_id = u->amf_id;
	m.ran_ue_id = u->ran_id;
	m.nas_pdu.p = nas;
	m.nas_pdu.len = nas_len;
	m.uli.type = AGW_NGAP_ULI_NR;
	m.uli.nr_cgi.plmn = plmn;
	m.uli.nr_cgi.cell_id = 0x10 + u->gnb;
	m.uli.tai.plmn = plmn;
	m.uli.tai.tac[2] = 1;
	n = agw_ngap_encode(&m, ngap, sizeof(ngap));
	if (n < 0)
		return n;
	memcpy(h.src_ip, (const uint8_t[]){10, 0, 0, (uint8_t)(1 + 2 * u->gnb)}, 4);
	memcpy(h.dst_ip, (const uint8_t[]){10, 0, 0, 2}, 4);
	h.src_mac[5] = 1;
	h.dst_mac[5] = 2;
	d.payload = ngap;
	d.payload_len = ngap_cut != 0 && ngap_cut < (size_t)n ? ngap_cut : (size_t)n;
	return agw_net_build_sctp(&h, &d, 1, frame, GEN_MAX_FRAME);
}

static int
gen_emit(struct gen *g, const uint8_t *frame, long len)
{
	g->n.rx++;
	return len > 0 && gen_pcap_write(g->in, frame, (uint32_t)len) == 0 ? 0 : -EIO;
}

/* One legitimate message of UE @p u, with the negative frames the options
 * ask for around it. */
static int
gen_one(struct gen *g, struct gen_ue *u, uint64_t seq)
{
	uint8_t plain[GEN_MAX_FRAME], nas[GEN_MAX_FRAME], nas_plain[GEN_MAX_FRAME];
	uint8_t frame[GEN_MAX_FRAME], exp[GEN_MAX_FRAME];
	int reg = seq % 10 == 9;
	long plen, nlen, flen, elen;
	uint64_t total = (uint64_t)g->o.ues * g->o.msgs;

	plen = gen_plain(g, reg, plain, sizeof(plain));
	nlen = plen > 0 ? gen_protect(g, u, plain, plen, nas, nas_plain) : -EINVAL;
	flen = nlen > 0 ? gen_frame(u, nas, (size_t)nlen, 0, frame) : -EINVAL;
	elen = nlen > 0 ? gen_frame(u, nas_plain, (size_t)nlen, 0, exp) : -EINVAL;
	if (flen <= 0 || elen <= 0)
		return -EINVAL;
	if (g->o.forged != 0 && seq % (total / g->o.forged + 1) == 3 && g->n.bad_mac < g->o.forged) {
		uint8_t forged[GEN_MAX_FRAME];

		nas[2] ^= 0x01; /* one MAC bit */
		gen_emit(g, forged, gen_frame(u, nas, (size_t)nlen, 0, forged));
		nas[2] ^= 0x01;
		g->n.bad_mac++;
	}
	if (gen_emit(g, frame, flen) != 0)
		return -EIO;
	g->n.verified++;
	g->n.deciphered += u->nea != AGW_NEA0;
	if (reg) {
		g->n.punted++;
	} else {
		g->n.forwarded++;
		gen_pcap_write(g->exp, exp, (uint32_t)elen);
	}
	if (g->o.replays != 0 && seq % (total / g->o.replays + 1) == 5 &&
	    g->n.replay < g->o.replays) {
		gen_emit(g, frame, flen);
		g->n.replay++;
	}
	if (g->o.malformed != 0 && seq % (total / g->o.malformed + 1) == 7 &&
	    g->n.malformed < g->o.malformed) {
		gen_emit(g, frame, gen_frame(u, nas, (size_t)nlen, 9, frame));
		g->n.malformed++;
	}
	u->count++;
	return 0;
}

static void
gen_ue_init(struct gen *g, struct gen_ue *u, unsigned int i, int known)
{
	unsigned int k;

	u->amf_id = known ? 0x100000000ULL + i : 0xdead0000ULL + i;
	u->ran_id = i + 1;
	u->gnb = (uint8_t)(i % 2);
	u->nia = g->o.mix[i % g->o.nb_mix];
	u->nea = g->o.cipher == 0 || (g->o.cipher == 2 && i % 2) ? AGW_NEA0
								  : (uint8_t)(1 + i % 3);
	u->count = (uint32_t)(gen_rand(&g->rng) % 300);
	for (k = 0; k < 16; k++) {
		u->kint[k] = (uint8_t)gen_rand(&g->rng);
		u->kenc[k] = (uint8_t)gen_rand(&g->rng);
	}
	agw_nia_key_init(g->eng, &u->ik, u->nia, u->kint);
	agw_nea_key_init(g->eng, &u->ek, u->nea, u->kenc);
}

static int
gen_write_ctx(struct gen *g)
{
	char ki[33], ke[33];
	unsigned int i;
	FILE *f;

	umask(077);
	f = fopen(g->o.ctx_out, "w");
	if (f == NULL)
		return -errno;
	fprintf(f, "# ran_ip,gw_ip,ran_port,gw_port,amf_ue_ngap_id,nia,nea,k_nas_int,"
		   "k_nas_enc,ul_count\n");
	for (i = 0; i < g->o.ues; i++) {
		const struct gen_ue *u = &g->ue[i];

		fprintf(f, "10.0.0.%u,10.0.0.2,38412,38412,%" PRIu64 ",%u,%u,%s,%s,%u\n",
			1 + 2 * u->gnb, u->amf_id, u->nia, u->nea,
			agw_hex_encode(u->kint, 16, ki), agw_hex_encode(u->kenc, 16, ke),
			u->count);
	}
	agw_memzero(ki, sizeof(ki));
	agw_memzero(ke, sizeof(ke));
	return fclose(f) == 0 ? 0 : -EIO;
}

static int
gen_unknown(struct gen *g)
{
	uint8_t plain[GEN_MAX_FRAME], nas[GEN_MAX_FRAME], np[GEN_MAX_FRAME], frame[GEN_MAX_FRAME];
	struct gen_ue u;
	unsigned int i;
	long plen, nlen;

	for (i = 0; i < g->o.unknown; i++) {
		gen_ue_init(g, &u, i, 0);
		plen = gen_plain(g, 0, plain, sizeof(plain));
		nlen = gen_protect(g, &u, plain, plen, nas, np);
		if (gen_emit(g, frame, gen_frame(&u, nas, (size_t)nlen, 0, frame)) != 0)
			return -EIO;
		g->n.no_context++;
	}
	return 0;
}

static int
gen_run(struct gen *g)
{
	unsigned int m, i;
	uint64_t seq = 0;

	for (i = 0; i < g->o.ues; i++)
		gen_ue_init(g, &g->ue[i], i, 1);
	if (gen_write_ctx(g) != 0)
		return -EIO;
	for (m = 0; m < g->o.msgs; m++)
		for (i = 0; i < g->o.ues; i++)
			if (gen_one(g, &g->ue[i], seq++) != 0)
				return -EIO;
	return gen_unknown(g);
}

static void
gen_print_expect(const struct gen *g)
{
	const struct gen_counts *n = &g->n;

	printf("expect rx=%" PRIu64 "\nexpect verified=%" PRIu64 "\nexpect deciphered=%" PRIu64
	       "\nexpect forwarded=%" PRIu64 "\nexpect punted=%" PRIu64
	       "\nexpect drop_bad_mac=%" PRIu64 "\nexpect drop_replay=%" PRIu64
	       "\nexpect drop_no_context=%" PRIu64 "\nexpect drop_malformed=%" PRIu64 "\n",
	       n->rx, n->verified, n->deciphered, n->forwarded, n->punted, n->bad_mac, n->replay,
	       n->no_context, n->malformed);
}

static int
parse_mix(struct gen_opts *o, const char *s)
{
	o->nb_mix = 0;
	for (; *s != '\0' && o->nb_mix < 3; s++) {
		if (*s >= '1' && *s <= '3')
			o->mix[o->nb_mix++] = (uint8_t)(*s - '0');
		else if (*s != ',')
			return -EINVAL;
	}
	return o->nb_mix != 0 ? 0 : -EINVAL;
}

static int
parse_opts(struct gen_opts *o, int argc, char **argv)
{
	static const struct option lo[] = {
		{"ues", 1, NULL, 'u'}, {"msgs", 1, NULL, 'm'}, {"size", 1, NULL, 's'},
		{"nia", 1, NULL, 'i'}, {"cipher", 1, NULL, 'c'}, {"forged", 1, NULL, 'f'},
		{"replays", 1, NULL, 'r'}, {"unknown", 1, NULL, 'k'}, {"malformed", 1, NULL, 'x'},
		{"seed", 1, NULL, 'S'}, {"out", 1, NULL, 'o'}, {"expect", 1, NULL, 'e'},
		{"ctx-out", 1, NULL, 'C'}, {NULL, 0, NULL, 0}};
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", lo, NULL)) != -1) {
		switch (c) {
		case 'u': o->ues = (unsigned int)strtoul(optarg, NULL, 10); break;
		case 'm': o->msgs = (unsigned int)strtoul(optarg, NULL, 10); break;
		case 's': o->size = (unsigned int)strtoul(optarg, NULL, 10); break;
		case 'i': if (parse_mix(o, optarg) != 0) return -EINVAL; break;
		case 'c': o->cipher = strcmp(optarg, "all") == 0 ? 1 : strcmp(optarg, "mixed") == 0 ? 2 : 0; break;
		case 'f': o->forged = (unsigned int)strtoul(optarg, NULL, 10); break;
		case 'r': o->replays = (unsigned int)strtoul(optarg, NULL, 10); break;
		case 'k': o->unknown = (unsigned int)strtoul(optarg, NULL, 10); break;
		case 'x': o->malformed = (unsigned int)strtoul(optarg, NULL, 10); break;
		case 'S': o->seed = strtoull(optarg, NULL, 0); break;
		case 'o': o->out = optarg; break;
		case 'e': o->expect = optarg; break;
		case 'C': o->ctx_out = optarg; break;
		default: return -EINVAL;
		}
	}
	if (o->ues == 0 || o->msgs == 0 || o->size < 16 || o->size > 1400 || o->out == NULL ||
	    o->expect == NULL || o->ctx_out == NULL)
		return -EINVAL;
	return 0;
}

int
gen_nas_pcap_main(int argc, char **argv)
{
	struct gen g = {.o = {.ues = 100, .msgs = 4, .size = 128, .mix = {2}, .nb_mix = 1,
			      .cipher = 2, .seed = 1}};
	int rc;

	if (parse_opts(&g.o, argc, argv) != 0) {
		fprintf(stderr, "usage: anchor-gen nas-pcap --out IN.pcap --expect CORE.pcap "
				"--ctx-out CTX.csv [--ues N] [--msgs M] [--size 16..1400]\n"
				"  [--nia 1,2,3] [--cipher none|all|mixed] [--forged K] [--replays K]"
				" [--unknown K] [--malformed K] [--seed S]\n");
		return 2;
	}
	g.rng = g.o.seed;
	g.ue = calloc(g.o.ues, sizeof(*g.ue));
	g.eng = agw_nas_sec_engine_create();
	g.in = gen_pcap_open(g.o.out);
	g.exp = gen_pcap_open(g.o.expect);
	rc = g.ue != NULL && g.eng != NULL && g.in != NULL && g.exp != NULL ? gen_run(&g) : -EIO;
	if (g.in != NULL)
		fclose(g.in);
	if (g.exp != NULL)
		fclose(g.exp);
	if (g.ue != NULL)
		agw_memzero(g.ue, (size_t)g.o.ues * sizeof(*g.ue));
	free(g.ue);
	agw_nas_sec_engine_free(g.eng);
	if (rc != 0) {
		fprintf(stderr, "anchor-gen: failed (%s)\n", strerror(-rc));
		return 1;
	}
	gen_print_expect(&g);
	return 0;
}
