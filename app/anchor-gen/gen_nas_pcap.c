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
 * forged MAC, replayed frame, unknown UE, malformed NGAP. With --dl-msgs,
 * also the downlink: DownlinkNASTransport as the core hands it to the
 * gateway (security header placeholder + plain NAS) and as the UE must
 * receive it (ciphered and MAC'd with the DL COUNT).
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
#include "uesim.h"

#define GEN_MAX_FRAME 2048
#define NAS_HDR 7 /* EPD SHT MAC(4) SQN */

struct gen_opts {
	unsigned int ues, msgs, size;
	uint8_t mix[3];
	unsigned int nb_mix;
	int cipher; /* 0 none, 1 all, 2 every other UE */
	unsigned int forged, replays, unknown, malformed;
	unsigned int dl_msgs;
	uint64_t seed;
	const char *out, *expect, *ctx_out, *dl_out, *dl_expect;
};

#define gen_ue agw_uesim_ue

struct gen_counts {
	uint64_t rx, verified, deciphered, forwarded, punted;
	uint64_t bad_mac, replay, no_context, malformed;
	uint64_t protected_dl;
};

struct gen {
	struct gen_opts o;
	struct gen_ue *ue;
	struct agw_nas_sec_engine *eng;
	uint64_t rng;
	FILE *in, *exp, *dl_in, *dl_exp;
	struct gen_counts n;
};

static int
gen_emit(struct gen *g, const uint8_t *frame, long len)
{
	g->n.rx++;
	return len > 0 && gen_pcap_write(g->in, frame, (uint32_t)len) == 0 ? 0 : -EIO;
}

static long
gen_payload(struct gen *g, uint8_t *p)
{
	size_t n = g->o.size > NAS_HDR + 6 ? g->o.size - NAS_HDR - 6 : 1, i;

	for (i = 0; i < n; i++)
		p[i] = (uint8_t)gen_rand(&g->rng);
	return (long)n;
}

/* One legitimate message of UE @p u, with the negative frames the options
 * ask for around it. */
static int
gen_one(struct gen *g, struct gen_ue *u, uint64_t seq)
{
	uint8_t payload[GEN_MAX_FRAME], frame[GEN_MAX_FRAME], exp[GEN_MAX_FRAME];
	uint64_t total = (uint64_t)g->o.ues * g->o.msgs;
	int reg = seq % 10 == 9;
	long plen = gen_payload(g, payload), flen, elen = 0;

	if (g->o.forged != 0 && seq % (total / g->o.forged + 1) == 3 && g->n.bad_mac < g->o.forged) {
		flen = agw_uesim_ul_frame(g->eng, u, reg, payload, (size_t)plen, 0x01, 0, frame,
					  NULL, NULL);
		gen_emit(g, frame, flen);
		g->n.bad_mac++;
	}
	flen = agw_uesim_ul_frame(g->eng, u, reg, payload, (size_t)plen, 0, 0, frame, exp, &elen);
	if (flen <= 0 || gen_emit(g, frame, flen) != 0)
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
		gen_emit(g, frame, agw_uesim_ul_frame(g->eng, u, reg, payload, (size_t)plen, 0, 9,
						      frame, NULL, NULL));
		g->n.malformed++;
	}
	u->count++;
	return 0;
}

/* One downlink message for UE @p u: what the core sends, what the UE gets. */
static int
gen_dl(struct gen *g, struct gen_ue *u)
{
	uint8_t payload[GEN_MAX_FRAME], frame[GEN_MAX_FRAME], exp[GEN_MAX_FRAME];
	long plen = gen_payload(g, payload), flen, elen = 0;

	flen = agw_uesim_dl_frame(g->eng, u, payload, (size_t)plen, frame, exp, &elen);
	if (flen <= 0 || gen_pcap_write(g->dl_in, frame, (uint32_t)flen) != 0 ||
	    gen_pcap_write(g->dl_exp, exp, (uint32_t)elen) != 0)
		return -EIO;
	g->n.rx++;
	g->n.protected_dl++;
	u->dl_count++;
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
	agw_uesim_ue_keys(g->eng, u);
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
	uint8_t payload[GEN_MAX_FRAME], frame[GEN_MAX_FRAME];
	struct gen_ue u;
	unsigned int i;

	for (i = 0; i < g->o.unknown; i++) {
		long plen = gen_payload(g, payload);

		gen_ue_init(g, &u, i, 0);
		if (gen_emit(g, frame, agw_uesim_ul_frame(g->eng, &u, 0, payload, (size_t)plen, 0,
							  0, frame, NULL, NULL)) != 0)
			return -EIO;
		g->n.no_context++;
	}
	agw_uesim_ue_clear(&u);
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
			if (gen_one(g, &g->ue[i], seq++) != 0 ||
			    (m < g->o.dl_msgs && gen_dl(g, &g->ue[i]) != 0))
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
	       "\nexpect drop_no_context=%" PRIu64 "\nexpect drop_malformed=%" PRIu64
	       "\nexpect protected_dl=%" PRIu64 "\nexpect forwarded_dl=%" PRIu64 "\n",
	       n->rx, n->verified, n->deciphered, n->forwarded, n->punted, n->bad_mac, n->replay,
	       n->no_context, n->malformed, n->protected_dl, n->protected_dl);
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
		{"ctx-out", 1, NULL, 'C'}, {"dl-msgs", 1, NULL, 'd'}, {"dl-out", 1, NULL, 'D'},
		{"dl-expect", 1, NULL, 'E'}, {NULL, 0, NULL, 0}};
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
		case 'd': o->dl_msgs = (unsigned int)strtoul(optarg, NULL, 10); break;
		case 'D': o->dl_out = optarg; break;
		case 'E': o->dl_expect = optarg; break;
		default: return -EINVAL;
		}
	}
	if (o->ues == 0 || o->msgs == 0 || o->size < 16 || o->size > 1400 || o->out == NULL ||
	    o->expect == NULL || o->ctx_out == NULL ||
	    (o->dl_msgs != 0 && (o->dl_out == NULL || o->dl_expect == NULL)))
		return -EINVAL;
	return 0;
}

static void
gen_close(FILE *f)
{
	if (f != NULL)
		fclose(f);
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
				" [--unknown K] [--malformed K] [--seed S]\n"
				"  [--dl-msgs K --dl-out CORE-IN.pcap --dl-expect RAN.pcap]\n");
		return 2;
	}
	g.rng = g.o.seed;
	g.ue = calloc(g.o.ues, sizeof(*g.ue));
	g.eng = agw_nas_sec_engine_create();
	g.in = gen_pcap_open(g.o.out);
	g.exp = gen_pcap_open(g.o.expect);
	g.dl_in = gen_pcap_open(g.o.dl_out != NULL ? g.o.dl_out : "/dev/null");
	g.dl_exp = gen_pcap_open(g.o.dl_expect != NULL ? g.o.dl_expect : "/dev/null");
	rc = g.ue != NULL && g.eng != NULL && g.in != NULL && g.exp != NULL && g.dl_in != NULL &&
			     g.dl_exp != NULL
		     ? gen_run(&g)
		     : -EIO;
	gen_close(g.in);
	gen_close(g.exp);
	gen_close(g.dl_in);
	gen_close(g.dl_exp);
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
