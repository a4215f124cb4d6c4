/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * anchor-gen subscribers: the CSV `anchor-subscriber import` reads, with
 * the K/OPc the simulated UEs derive (reg_ue.h), mode 0600. Unknown UEs
 * (--unknown K, placed as `register` places them) are left out.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "agw_util.h"
#include "gen.h"
#include "gen_reg_opts.h"

/* ---------------------------------------------------------------------- */
/* anchor-gen subscribers                                                  */

static void
mask_digits(uint8_t mask, char out[9])
{
	unsigned int n = 0;

	for (unsigned int a = 0; a < 8; a++)
		if (mask & (1u << a))
			out[n++] = (char)('0' + a);
	out[n] = '\0';
}

static FILE *
csv_open(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	FILE *f;

	if (fd < 0)
		return NULL;
	if (fchmod(fd, 0600) != 0 || (f = fdopen(fd, "w")) == NULL) {
		close(fd);
		return NULL;
	}
	return f;
}

/* One CSV line; K/OPc exist in memory only for it. */
static int
csv_line(FILE *f, const struct reg_opts *o, const struct agw_regue_conf *uc, uint32_t index,
	 const char *nia, const char *nea)
{
	char supi[32], kh[33], oh[33];
	uint8_t k[16], opc[16];
	int rc = agw_regue_subscriber(uc, index, supi, sizeof(supi), k, opc);

	if (rc == 0 &&
	    fprintf(f, "%s,%s,%s,0,8000,%s,%s%s%s%s%s\n", supi, agw_hex_encode(k, 16, kh),
		    agw_hex_encode(opc, 16, oh), nia, nea, o->mm_ssi ? "," : "",
		    o->mm_ssi ? o->mm_ssi : "", o->akma ? ",1," : "", o->akma ? o->rid : "") < 0)
		rc = -EIO;
	agw_memzero(k, sizeof(k));
	agw_memzero(opc, sizeof(opc));
	agw_memzero(kh, sizeof(kh));
	agw_memzero(oh, sizeof(oh));
	return rc;
}

static int
csv_write(const struct reg_opts *o, const struct agw_regue_conf *uc, FILE *f, unsigned int *n)
{
	char nia[9], nea[9];

	mask_digits(o->nia_mask, nia);
	mask_digits(o->nea_mask, nea);
	fprintf(f,
		"supi,k,opc,sqn,amf,nia,nea%s%s\n# anchor-gen subscribers ues=%u first=%u "
		"seed=%" PRIu64 " unknown=%u (left out)\n",
		o->mm_ssi ? ",mm_ssi" : "", o->akma ? ",akma,rid" : "", o->ues, o->first, o->seed,
		o->n_fault[AGW_REGUE_F_UNKNOWN]);
	*n = 0;
	for (uint32_t i = 0; i < o->ues; i++) {
		if (reg_fault_of(o, i) == AGW_REGUE_F_UNKNOWN)
			continue;
		if (csv_line(f, o, uc, o->first + i, nia, nea) != 0)
			return -EIO;
		(*n)++;
	}
	return 0;
}

int
gen_subscribers_main(int argc, char **argv)
{
	struct reg_opts o;
	struct agw_regue_conf uc;
	unsigned int n = 0;
	FILE *f;
	int rc;

	reg_opts_default(&o);
	if (reg_opts_parse(&o, argc, argv) != 0 || o.out == NULL ||
	    agw_regue_conf_init(&uc, NULL, o.seed, o.mcc, o.mnc, o.nia_mask, o.nea_mask, 0) != 0) {
		fprintf(stderr,
			"usage: anchor-gen subscribers --ues N --out FILE.csv [--first I]"
			" [--seed S] [--nia 123] [--nea 0123] [--mcc 001] [--mnc 01]\n"
			"  [--unknown K] (as given to `register`: those UEs are left out)\n"
			"  [--mm-ssi RULES] (seed 000 MM identifier of every subscriber written,\n"
			"   anchor-subscriber syntax, e.g. dh:nf:m; pair with register "
			"--ssi-reject)\n"
			"  [--akma [--rid DIGITS]] (AKMA subscribed; routing indicator, 0)\n");
		return 2;
	}
	f = csv_open(o.out);
	if (f == NULL) {
		fprintf(stderr, "anchor-gen: %s: %s\n", o.out, strerror(errno));
		return 1;
	}
	rc = csv_write(&o, &uc, f, &n);
	if (fclose(f) != 0 || rc != 0) {
		fprintf(stderr, "anchor-gen: %s: write failed\n", o.out);
		return 1;
	}
	printf("subscribers=%u\nleft_out_unknown=%u\nfile=%s\n", n, o.n_fault[AGW_REGUE_F_UNKNOWN],
	       o.out);
	return 0;
}

