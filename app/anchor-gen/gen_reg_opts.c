/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/* Options of `anchor-gen subscribers` / `register` and fault placement. */
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agw_kdf.h"
#include "agw_util.h"
#include "gen_reg_opts.h"

/* ---------------------------------------------------------------------- */
/* Options                                                                 */

void
reg_opts_default(struct reg_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->window = 64;
	o->timeout_ms = 10000;
	o->seed = 1;
	o->nia_mask = 0x0e; /* NIA1..3 */
	o->nea_mask = 0x0f; /* NEA0..3 */
	o->svc_cap = -1;    /* no UE security service capability IE */
	strcpy(o->rid, "0");
	/* TS 33.220 Annex H: Ua security protocol identifier of TLS (spec/001 V3) */
	memcpy(o->akma_ua, (const uint8_t[5]){0x01, 0x00, 0x00, 0x00, 0x02}, 5);
	strcpy(o->mcc, "001");
	strcpy(o->mnc, "01");
	agw_reggnb_conf_default(&o->net);
}

/* "1,2,3" or "123": algorithms lo..hi -> bit mask. */
static int
parse_algs(const char *s, unsigned int lo, unsigned int hi, uint8_t *mask)
{
	uint8_t m = 0;

	for (; *s != '\0'; s++) {
		if (*s >= (char)('0' + lo) && *s <= (char)('0' + hi))
			m |= (uint8_t)(1u << (*s - '0'));
		else if (*s != ',')
			return -EINVAL;
	}
	*mask = m;
	return m != 0 ? 0 : -EINVAL;
}

static int
parse_uint(const char *s, unsigned int max, unsigned int *v)
{
	char *end;
	unsigned long x;

	errno = 0;
	x = strtoul(s, &end, 0);
	if (errno != 0 || *s == '\0' || *end != '\0' || x > max)
		return -EINVAL;
	*v = (unsigned int)x;
	return 0;
}

static int
parse_digits(const char *s, size_t min, size_t max, char *out)
{
	size_t n = strlen(s);

	if (n < min || n > max || strspn(s, "0123456789") != n)
		return -EINVAL;
	memcpy(out, s, n + 1);
	return 0;
}

static int
parse_ip(const char *s, uint8_t ip[4])
{
	struct in_addr a;

	if (inet_pton(AF_INET, s, &a) != 1)
		return -EINVAL;
	memcpy(ip, &a, 4);
	return 0;
}

static int
parse_seed(const char *s, uint64_t *v)
{
	char *end;

	errno = 0;
	*v = strtoull(s, &end, 0);
	return errno != 0 || *s == '\0' || *end != '\0' ? -EINVAL : 0;
}

/* Options that are not counts. */
static int
parse_text(struct reg_opts *o, int c, const char *v)
{
	switch (c) {
	case 'S':
		return parse_seed(v, &o->seed);
	case 'i':
		return parse_algs(v, 1, 3, &o->nia_mask);
	case 'e':
		return parse_algs(v, 0, 3, &o->nea_mask);
	case 'c':
		return parse_digits(v, 3, 3, o->mcc);
	case 'n':
		return parse_digits(v, 2, 3, o->mnc);
	case 'g':
		return parse_ip(v, o->net.gw_ip);
	case 'G':
		return parse_ip(v, o->net.gnb_ip);
	case 'I':
		o->iface = v;
		return 0;
	case 'o':
		o->out = v;
		return 0;
	case 'H':
		o->mm_ssi = v;
		return 0;
	case 'r':
		return parse_digits(v, 1, 4, o->rid);
	case 'f':
		o->akma_af = v;
		return 0;
	case 'P':
		return agw_hex_decode(v, o->akma_ua, sizeof(o->akma_ua)) == (long)sizeof(o->akma_ua)
			       ? 0
			       : -EINVAL;
	case 'O':
		o->akma_out = v;
		return 0;
	case 'C': {
		unsigned int cap;

		if (parse_uint(v, 3, &cap) != 0)
			return -EINVAL;
		o->svc_cap = (int16_t)cap;
		return 0;
	}
	default:
		return -EINVAL;
	}
}

static int
parse_one(struct reg_opts *o, int c, const char *v)
{
	const struct {
		int c;
		unsigned int *dst, max;
	} num[] = {
		{'u', &o->ues, REG_MAX_UES},
		{'F', &o->first, UINT32_MAX - REG_MAX_UES - 1},
		{'w', &o->window, 65536},
		{'t', &o->timeout_ms, 3600000},
		{'R', &o->n_fault[AGW_REGUE_F_WRONG_RES], REG_MAX_UES},
		{'Y', &o->n_fault[AGW_REGUE_F_SYNC_FAIL], REG_MAX_UES},
		{'M', &o->n_fault[AGW_REGUE_F_MAC_FAIL], REG_MAX_UES},
		{'U', &o->n_fault[AGW_REGUE_F_UNKNOWN], REG_MAX_UES},
		{'K', &o->n_fault[AGW_REGUE_F_SMC_FORGED], REG_MAX_UES},
		{'J', &o->n_fault[AGW_REGUE_F_SSI_REJECT], REG_MAX_UES},
		{'L', &o->n_fault[AGW_REGUE_F_ACCEPT_LOST], REG_MAX_UES},
		{'B', &o->n_fault[AGW_REGUE_F_BAD_IMEI], REG_MAX_UES},
		{'N', &o->n_fault[AGW_REGUE_F_NO_IMEI], REG_MAX_UES},
		{'D', &o->n_fault[AGW_REGUE_F_DH_BAD_KEY], REG_MAX_UES},
		{'E', &o->dereg, REG_MAX_UES},
	};

	for (size_t k = 0; k < sizeof(num) / sizeof(num[0]); k++)
		if (num[k].c == c)
			return parse_uint(v, num[k].max, num[k].dst);
	if (c == 'x' || c == 'q' || c == 'A') {
		*(c == 'x' ? &o->mix : c == 'q' ? &o->quiet : &o->akma) = 1;
		return 0;
	}
	return parse_text(o, c, v);
}

static unsigned int
faults_total(const struct reg_opts *o)
{
	unsigned int n = 0;

	for (unsigned int k = 1; k < AGW_REGUE_F_MAX; k++)
		n += o->n_fault[k];
	return n;
}

int
reg_opts_parse(struct reg_opts *o, int argc, char **argv)
{
	static const struct option lo[] = {
		{"ues", 1, NULL, 'u'},	       {"first", 1, NULL, 'F'},
		{"seed", 1, NULL, 'S'},	       {"window", 1, NULL, 'w'},
		{"timeout-ms", 1, NULL, 't'},  {"wrong-res", 1, NULL, 'R'},
		{"sync-fail", 1, NULL, 'Y'},   {"mac-fail", 1, NULL, 'M'},
		{"unknown", 1, NULL, 'U'},     {"nia", 1, NULL, 'i'},
		{"nea", 1, NULL, 'e'},	       {"mix", 0, NULL, 'x'},
		{"quiet", 0, NULL, 'q'},       {"mcc", 1, NULL, 'c'},
		{"mnc", 1, NULL, 'n'},	       {"gw-ip", 1, NULL, 'g'},
		{"gnb-ip", 1, NULL, 'G'},      {"iface", 1, NULL, 'I'},
		{"out", 1, NULL, 'o'},	       {"smc-forge", 1, NULL, 'K'},
		{"ssi-reject", 1, NULL, 'J'},  {"mm-ssi", 1, NULL, 'H'},
		{"accept-lost", 1, NULL, 'L'}, {"bad-imei", 1, NULL, 'B'},
		{"no-imei", 1, NULL, 'N'},     {"dh-bad-key", 1, NULL, 'D'},
		{"ue-svc-cap", 1, NULL, 'C'},  {"akma", 0, NULL, 'A'},
		{"rid", 1, NULL, 'r'},	       {"akma-af", 1, NULL, 'f'},
		{"akma-ua", 1, NULL, 'P'},     {"akma-out", 1, NULL, 'O'},
		{"dereg", 1, NULL, 'E'},
		{NULL, 0, NULL, 0}};
	int c, n;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", lo, NULL)) != -1)
		if (parse_one(o, c, optarg) != 0)
			return -EINVAL;
	if (optind != argc || o->ues == 0 || o->window == 0 || faults_total(o) > o->ues ||
	    o->dereg > o->ues)
		return -EINVAL;
	if (o->akma_af != NULL) { /* AF_ID of TS 33.535 A.4 */
		n = agw_akma_af_id(o->akma_af, o->akma_ua, o->af_id, sizeof(o->af_id));
		if (n <= 0)
			return -EINVAL;
		o->af_id_len = (uint16_t)n;
	}
	return o->akma_out == NULL || o->akma_af != NULL ? 0 : -EINVAL;
}

/* Of @p f marks spread over @p n positions (floor(j * n / f), j < f): the
 * j of position @p i, or -1 when it holds none. */
static int64_t
spread(uint64_t i, uint64_t n, uint64_t f)
{
	uint64_t j;

	if (f == 0 || n == 0)
		return -1;
	j = (i * f + n - 1) / n; /* ceil(i * f / n) */
	return j < f && j * n / f == i ? (int64_t)j : -1;
}

/*
 * Fault of UE @p i (0-based within the run). The unknown UEs are spread
 * over all N positions, depending on N and their count only (so the CSV of
 * `subscribers --unknown K` matches whatever other faults `register` adds);
 * the other kinds (wrong-res, sync-fail, mac-fail, smc-forge, ssi-reject,
 * accept-lost, bad-imei, no-imei, dh-bad-key), in that order, are spread
 * over the N - K other positions.
 */
uint8_t
reg_fault_of(const struct reg_opts *o, uint32_t i)
{
	uint64_t n = o->ues, u = o->n_fault[AGW_REGUE_F_UNKNOWN];
	uint64_t f = faults_total(o) - u, r;
	int64_t j;

	if (spread(i, n, u) >= 0)
		return AGW_REGUE_F_UNKNOWN;
	r = i - ((uint64_t)i * u + n - 1) / n; /* minus the unknown UEs before i */
	j = spread(r, n - u, f);
	for (unsigned int k = 1; j >= 0 && k < AGW_REGUE_F_MAX; k++) {
		if (k == AGW_REGUE_F_UNKNOWN)
			continue;
		if ((uint64_t)j < o->n_fault[k])
			return (uint8_t)k;
		j -= o->n_fault[k];
	}
	return AGW_REGUE_F_NONE;
}

