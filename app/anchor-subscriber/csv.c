/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/*
 * anchor-subscriber import / export. CSV: a header line naming the columns
 * (any order, any subset with supi, k and opc or op), one subscriber per
 * line, fields separated by ',' with no quoting (no field needs it: SSI
 * entries are joined with '+', rules with ';'). Empty lines and lines
 * starting with '#' are skipped; an empty cell takes the default.
 */

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "agw_util.h"
#include "fields.h"
#include "subscriber.h"

#define MAX_COLS 16
#define MAX_ERRORS_SHOWN 50
#define SSI_TEXT_MAX 4096

const char *const as_csv_columns[] = {
	"supi",	    "k",    "opc", "sqn",   "amf",    "nia",	"nea",
	"ind_bits", "akma", "rid", "prose", "mm_ssi", "sm_ssi", NULL,
};

static int
known_column(const char *name)
{
	if (strcmp(name, "op") == 0)
		return 1;
	for (unsigned int i = 0; as_csv_columns[i] != NULL; i++)
		if (strcmp(name, as_csv_columns[i]) == 0)
			return 1;
	return 0;
}

static void
chomp(char *line)
{
	size_t n = strlen(line);

	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
}

/* Split at ',' in place; returns the number of fields (or MAX_COLS + 1). */
static unsigned int
split(char *line, char *f[MAX_COLS])
{
	unsigned int n = 0;
	char *p = line, *c;

	for (;;) {
		if (n == MAX_COLS)
			return MAX_COLS + 1;
		f[n++] = p;
		c = strchr(p, ',');
		if (c == NULL)
			return n;
		*c = '\0';
		p = c + 1;
	}
}

struct header {
	char *names[MAX_COLS];
	unsigned int n;
};

static int
read_header(char *line, struct header *h)
{
	int have_opc = 0, have_k = 0, have_supi = 0;

	chomp(line);
	h->n = split(line, h->names);
	if (h->n > MAX_COLS) {
		as_err("line 1: more than %d columns", MAX_COLS);
		return -EINVAL;
	}
	for (unsigned int i = 0; i < h->n; i++) {
		if (!known_column(h->names[i])) {
			as_err("line 1: unknown column '%s'", h->names[i]);
			return -EINVAL;
		}
		for (unsigned int j = 0; j < i; j++)
			if (strcmp(h->names[i], h->names[j]) == 0) {
				as_err("line 1: column '%s' given twice", h->names[i]);
				return -EINVAL;
			}
		have_supi |= strcmp(h->names[i], "supi") == 0;
		have_k |= strcmp(h->names[i], "k") == 0;
		have_opc |= strcmp(h->names[i], "opc") == 0 || strcmp(h->names[i], "op") == 0;
	}
	if (!have_supi || !have_k || !have_opc) {
		as_err("line 1: header needs columns supi, k and opc (or op)");
		return -EINVAL;
	}
	return 0;
}

/* Parse one data line into @p in; print the error and return -EINVAL. */
static int
parse_line(char *line, unsigned long lineno, const struct header *h, struct as_sub_in *in)
{
	char *f[MAX_COLS];
	char why[256];
	unsigned int n = split(line, f);

	if (n != h->n) {
		as_err("line %lu: expected %u fields, found %s%u", lineno, h->n,
		       n > MAX_COLS ? "more than " : "", n > MAX_COLS ? MAX_COLS : n);
		return -EINVAL;
	}
	as_sub_in_init(in);
	for (unsigned int i = 0; i < n; i++) {
		if (as_field_set(in, h->names[i], f[i], why, sizeof(why)) != 0) {
			as_err("line %lu: %s", lineno, why);
			return -EINVAL;
		}
	}
	if (as_sub_in_finish(in, why, sizeof(why)) != 0) {
		as_err("line %lu: %s", lineno, why);
		return -EINVAL;
	}
	return 0;
}

int
as_import(struct agw_store *s, const char *path)
{
	static char iobuf[64 * 1024];
	struct as_sub_in *in = NULL;
	struct header h;
	char *line = NULL, *hdr = NULL;
	size_t cap = 0;
	unsigned long lineno = 1, errors = 0, added = 0;
	int rc, ret = AS_EX_USAGE;
	FILE *f;

	f = fopen(path, "r");
	if (f == NULL) {
		as_err("--csv %s: %s", path, strerror(errno));
		return AS_EX_USAGE;
	}
	setvbuf(f, iobuf, _IOFBF, sizeof(iobuf)); /* ours, so it can be zeroised */
	if (getline(&hdr, &cap, f) < 0) {
		as_err("line 1: missing header");
		goto out;
	}
	if (read_header(hdr, &h) != 0)
		goto out;
	in = malloc(sizeof(*in));
	if (in == NULL) {
		as_err("out of memory");
		ret = AS_EX_STORE;
		goto out;
	}
	rc = agw_store_txn_begin(s);
	if (rc != 0) {
		as_err("%s", agw_store_strerror(rc));
		ret = AS_EX_STORE;
		goto out;
	}
	cap = 0;
	while (getline(&line, &cap, f) >= 0) {
		lineno++;
		chomp(line);
		if (line[0] == '\0' || line[0] == '#')
			continue;
		rc = parse_line(line, lineno, &h, in);
		agw_memzero(line, cap);
		if (rc == 0) {
			/* In the transaction: a SUPI seen earlier in the file is EEXIST too. */
			rc = agw_store_sub_add(s, &in->sub);
			if (rc == -EEXIST) {
				as_err("line %lu: %s: subscriber exists (in the store or the file)",
				       lineno, in->sub.supi);
			} else if (rc != 0) {
				as_err("line %lu: %s", lineno, agw_store_strerror(rc));
				as_sub_in_clear(in);
				agw_store_txn_abort(s);
				ret = AS_EX_STORE;
				goto out;
			} else {
				added++;
			}
		}
		as_sub_in_clear(in);
		if (rc != 0 && ++errors == MAX_ERRORS_SHOWN) {
			as_err("too many errors; stopped at line %lu", lineno);
			break;
		}
	}
	if (errors != 0) {
		agw_store_txn_abort(s);
		as_err("import: %lu bad line%s, nothing imported", errors, errors == 1 ? "" : "s");
		goto out;
	}
	rc = agw_store_txn_commit(s);
	if (rc != 0) {
		as_err("import: %s; nothing imported", agw_store_strerror(rc));
		ret = AS_EX_STORE;
		goto out;
	}
	printf("imported %lu subscriber%s\n", added, added == 1 ? "" : "s");
	ret = AS_EX_OK;
out:
	if (line != NULL)
		agw_memzero(line, cap);
	free(line);
	free(hdr);
	free(in);
	fclose(f);
	agw_memzero(iobuf, sizeof(iobuf));
	return ret;
}

struct export_ctx {
	FILE *f;
	unsigned long n;
};

static int
export_one(const struct agw_store_sub *sub, void *arg)
{
	struct export_ctx *x = arg;
	char k[2 * AGW_STORE_K_LEN + 1], opc[2 * AGW_STORE_OPC_LEN + 1];
	char nia[9], nea[9];
	char *mm = malloc(SSI_TEXT_MAX), *sm = malloc(SSI_TEXT_MAX);
	int rc = 0;

	if (mm == NULL || sm == NULL) {
		free(mm);
		free(sm);
		return -ENOMEM;
	}
	agw_hex_encode(sub->k, sizeof(sub->k), k);
	agw_hex_encode(sub->opc, sizeof(sub->opc), opc);
	as_fmt_algs(sub->nia_mask, nia, sizeof(nia));
	as_fmt_algs(sub->nea_mask, nea, sizeof(nea));
	as_fmt_ssi(sub, AGW_STORE_SSI_MM, mm, SSI_TEXT_MAX);
	as_fmt_ssi(sub, AGW_STORE_SSI_SM, sm, SSI_TEXT_MAX);
	if (fprintf(x->f, "%s,%s,%s,%012llx,%02x%02x,%s,%s,%u,%d,%s,%d,%s,%s\n", sub->supi, k, opc,
		    (unsigned long long)sub->sqn, sub->amf[0], sub->amf[1], nia, nea, sub->ind_bits,
		    !!(sub->flags & AGW_STORE_SUB_F_AKMA), sub->rid,
		    !!(sub->flags & AGW_STORE_SUB_F_PROSE), mm, sm) < 0)
		rc = -EIO;
	else
		x->n++;
	agw_memzero(k, sizeof(k));
	agw_memzero(opc, sizeof(opc));
	free(mm);
	free(sm);
	return rc;
}

int
as_export(struct agw_store *s, const char *path)
{
	static const size_t bufsz = 64 * 1024;
	struct export_ctx x = {0};
	char *buf;
	int fd, rc, bad = 0;

	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0) {
		as_err("--csv %s: %s", path, strerror(errno));
		return AS_EX_STORE;
	}
	/* The file holds K and OPc: owner only, even if it existed before. */
	if (fchmod(fd, 0600) != 0) {
		as_err("--csv %s: %s", path, strerror(errno));
		close(fd);
		return AS_EX_STORE;
	}
	buf = malloc(bufsz);
	x.f = fdopen(fd, "w");
	if (buf == NULL || x.f == NULL) {
		as_err("--csv %s: %s", path, strerror(errno ? errno : ENOMEM));
		free(buf);
		if (x.f != NULL)
			fclose(x.f);
		else
			close(fd);
		return AS_EX_STORE;
	}
	setvbuf(x.f, buf, _IOFBF, bufsz); /* our buffer, so it can be zeroised */
	for (unsigned int i = 0; as_csv_columns[i] != NULL; i++)
		fprintf(x.f, "%s%s", i ? "," : "", as_csv_columns[i]);
	fputc('\n', x.f);
	rc = agw_store_sub_iterate(s, export_one, &x);
	if (fflush(x.f) != 0 || fsync(fd) != 0)
		bad = 1;
	if (fclose(x.f) != 0)
		bad = 1;
	agw_memzero(buf, bufsz);
	free(buf);
	if (rc != 0) {
		as_err("export: %s", agw_store_strerror(rc));
		return AS_EX_STORE;
	}
	if (bad) {
		as_err("--csv %s: write failed", path);
		return AS_EX_STORE;
	}
	printf("exported %lu subscriber%s\n", x.n, x.n == 1 ? "" : "s");
	return AS_EX_OK;
}
