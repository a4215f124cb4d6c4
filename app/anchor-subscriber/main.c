/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/*
 * anchor-subscriber: provisioning of the gateway's subscriber store. Works
 * on the store directly (LMDB allows it while the gateway runs; writers are
 * serialised). Never prints K or OPc, except `show --with-keys` and the
 * `export` file (mode 0600).
 */

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "agw_util.h"
#include "fields.h"
#include "subscriber.h"

#define MAX_ARGS 64
#define SSI_TEXT_MAX 4096

static const char usage[] =
	"usage: " PROG " --db DIR [--map-size MIB] <command> [options]\n"
	"  add --supi SUPI --k HEX32 (--opc HEX32 | --op HEX32) [--sqn HEX] [--amf HEX4]\n"
	"      [--akma] [--rid DIGITS] [--prose] [--nia 123] [--nea 0123] [--ind-bits N]\n"
	"      [--mm-ssi RULES ...] [--sm-ssi RULES ...]\n"
	"  list                       SUPI, SQN and flags of every subscriber (no keys)\n"
	"  show --supi SUPI [--with-keys]\n"
	"  delete --supi SUPI\n"
	"  import --csv FILE          all lines or none (one transaction)\n"
	"  export --csv FILE          with keys; the file is created with mode 0600\n"
	"\n"
	"SUPI   imsi-<5..15 digits> | nai-<id>;  SQN: up to 12 hex digits (48 bits)\n"
	"RULES  RULE[;RULE...]  RULE: [SST[-SD]][@DNN]=ENTRY[+ENTRY...] or ENTRY[,ENTRY...]\n"
	"       ENTRY: dh|devauth|userauth|secauth|indepsm|0xF0..0xFF[:ue|:nf][:m],\n"
	"       ordered, one-by-one, or none (seed 000 security service identifiers)\n"
	"CSV    header line with columns supi,k,opc|op,sqn,amf,nia,nea,ind_bits,akma,rid,\n"
	"       prose,mm_ssi,sm_ssi (any order; ',' separated, no quoting)\n"
	"DIR    the store directory; it must have mode 0700 (add/import create it)\n"
	"Exit:  0 success; 2 bad input (one line naming the option or CSV line);\n"
	"       1 store error (including: subscriber exists / not found).\n";

void
as_err(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, PROG ": ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* Options: name, takes a value, commands that accept it. */
struct opt {
	const char *name;
	int has_val;
	const char *cmds; /* space-separated */
};

static const struct opt opts[] = {
	{"supi", 1, "add show delete"},
	{"k", 1, "add"},
	{"opc", 1, "add"},
	{"op", 1, "add"},
	{"sqn", 1, "add"},
	{"amf", 1, "add"},
	{"akma", 0, "add"},
	{"rid", 1, "add"},
	{"prose", 0, "add"},
	{"nia", 1, "add"},
	{"nea", 1, "add"},
	{"ind-bits", 1, "add"},
	{"mm-ssi", 1, "add"},
	{"sm-ssi", 1, "add"},
	{"with-keys", 0, "show"},
	{"csv", 1, "import export"},
	{NULL, 0, NULL},
};

struct args {
	const char *db;
	unsigned long map_mib;
	const char *cmd;
	unsigned int n;
	const char *name[MAX_ARGS];
	const char *val[MAX_ARGS];
};

static const struct opt *
find_opt(const char *name)
{
	for (const struct opt *o = opts; o->name != NULL; o++)
		if (strcmp(o->name, name) == 0)
			return o;
	return NULL;
}

static int
cmd_accepts(const char *cmds, const char *cmd)
{
	size_t n = strlen(cmd);

	for (const char *p = cmds; (p = strstr(p, cmd)) != NULL; p += n)
		if ((p == cmds || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
			return 1;
	return 0;
}

/* Parse argv; exit 2 with a message on bad usage, 0 after help. */
static void
parse_args(int argc, char **argv, struct args *a)
{
	memset(a, 0, sizeof(*a));
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];
		const struct opt *o;
		char *end;

		if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0 ||
		    (a->cmd == NULL && strcmp(arg, "help") == 0)) {
			fputs(usage, stdout);
			exit(AS_EX_OK);
		}
		if (strncmp(arg, "--", 2) != 0) {
			if (a->cmd != NULL) {
				as_err("unexpected argument '%s'", arg);
				exit(AS_EX_USAGE);
			}
			a->cmd = arg;
			continue;
		}
		arg += 2;
		if (strcmp(arg, "db") == 0 || strcmp(arg, "map-size") == 0) {
			if (i + 1 >= argc) {
				as_err("--%s: missing value", arg);
				exit(AS_EX_USAGE);
			}
			if (arg[0] == 'd') {
				a->db = argv[++i];
				continue;
			}
			a->map_mib = strtoul(argv[++i], &end, 10);
			if (*end != '\0' || a->map_mib == 0 || a->map_mib > (1ul << 24)) {
				as_err("--map-size: expected MiB, 1..16777216");
				exit(AS_EX_USAGE);
			}
			continue;
		}
		o = find_opt(arg);
		if (o == NULL) {
			as_err("unknown option --%s", arg);
			exit(AS_EX_USAGE);
		}
		if (a->n == MAX_ARGS) {
			as_err("too many options");
			exit(AS_EX_USAGE);
		}
		if (o->has_val && i + 1 >= argc) {
			as_err("--%s: missing value", arg);
			exit(AS_EX_USAGE);
		}
		a->name[a->n] = o->name;
		a->val[a->n++] = o->has_val ? argv[++i] : "1";
	}
	if (a->cmd == NULL) {
		as_err("no command (add, list, show, delete, import, export; --help)");
		exit(AS_EX_USAGE);
	}
	if (strcmp(a->cmd, "add") && strcmp(a->cmd, "list") && strcmp(a->cmd, "show") &&
	    strcmp(a->cmd, "delete") && strcmp(a->cmd, "import") && strcmp(a->cmd, "export")) {
		as_err("unknown command '%s'", a->cmd);
		exit(AS_EX_USAGE);
	}
	for (unsigned int i = 0; i < a->n; i++) {
		if (!cmd_accepts(find_opt(a->name[i])->cmds, a->cmd)) {
			as_err("%s: option --%s not accepted", a->cmd, a->name[i]);
			exit(AS_EX_USAGE);
		}
		for (unsigned int j = 0; j < i; j++)
			if (strcmp(a->name[i], a->name[j]) == 0 && strcmp(a->name[i], "mm-ssi") &&
			    strcmp(a->name[i], "sm-ssi")) {
				as_err("--%s given twice", a->name[i]);
				exit(AS_EX_USAGE);
			}
	}
	if (a->db == NULL) {
		as_err("--db: missing (the store directory)");
		exit(AS_EX_USAGE);
	}
}

static const char *
arg_get(const struct args *a, const char *name)
{
	for (unsigned int i = 0; i < a->n; i++)
		if (strcmp(a->name[i], name) == 0)
			return a->val[i];
	return NULL;
}

static const char *
need(const struct args *a, const char *name)
{
	const char *v = arg_get(a, name);

	if (v == NULL) {
		as_err("%s: --%s missing", a->cmd, name);
		exit(AS_EX_USAGE);
	}
	return v;
}

static const char *
need_supi(const struct args *a)
{
	const char *v = need(a, "supi");

	if (agw_store_supi_check(v) != 0) {
		as_err("--supi: expected imsi-<5..15 digits> or nai-<id>");
		exit(AS_EX_USAGE);
	}
	return v;
}

static struct agw_store *
open_store(const struct args *a, int create)
{
	struct agw_store_conf conf = {0};
	struct agw_store *s;
	char err[512];

	conf.backend = "lmdb";
	conf.path = a->db;
	conf.map_size = (uint64_t)a->map_mib << 20;
	conf.create = create;
	conf.err = err;
	conf.err_len = sizeof(err);
	s = agw_store_open(&conf);
	if (s == NULL) {
		as_err("%s", err[0] ? err : agw_store_strerror(-errno));
		exit(AS_EX_STORE);
	}
	return s;
}

/* "k: ..." → "--k: ..." with '_' of the field name as '-'. */
static void
opt_err(const char *why)
{
	char buf[320];
	size_t i;

	snprintf(buf, sizeof(buf), "%s", why);
	for (i = 0; buf[i] != '\0' && buf[i] != ':'; i++)
		if (buf[i] == '_')
			buf[i] = '-';
	as_err("--%s", buf);
}

static int
cmd_add(const struct args *a)
{
	struct as_sub_in *in = malloc(sizeof(*in));
	struct agw_store *s;
	char why[256];
	int rc;

	if (in == NULL) {
		as_err("out of memory");
		return AS_EX_STORE;
	}
	as_sub_in_init(in);
	for (unsigned int i = 0; i < a->n; i++) {
		rc = as_field_set(in, a->name[i], a->val[i], why, sizeof(why));
		/* Keys on the command line: wipe them from argv (ps, /proc). */
		if (strcmp(a->name[i], "k") == 0 || strcmp(a->name[i], "opc") == 0 ||
		    strcmp(a->name[i], "op") == 0)
			agw_memzero((char *)(uintptr_t)a->val[i], strlen(a->val[i]));
		if (rc != 0) {
			opt_err(why);
			as_sub_in_clear(in);
			free(in);
			return AS_EX_USAGE;
		}
	}
	if (as_sub_in_finish(in, why, sizeof(why)) != 0) {
		opt_err(why);
		as_sub_in_clear(in);
		free(in);
		return AS_EX_USAGE;
	}
	s = open_store(a, 1);
	rc = agw_store_sub_add(s, &in->sub);
	if (rc == -EEXIST)
		as_err("%s: subscriber exists", in->sub.supi);
	else if (rc != 0)
		as_err("add %s: %s", in->sub.supi, agw_store_strerror(rc));
	as_sub_in_clear(in);
	free(in);
	agw_store_close(s);
	return rc == 0 ? AS_EX_OK : AS_EX_STORE;
}

static int
list_one(const struct agw_store_sub *sub, void *arg)
{
	char nia[9], nea[9];

	(void)arg;
	as_fmt_algs(sub->nia_mask, nia, sizeof(nia));
	as_fmt_algs(sub->nea_mask, nea, sizeof(nea));
	printf("%s sqn=%012llx ind_bits=%u amf=%02x%02x nia=%s nea=%s akma=%d rid=%s prose=%d "
	       "ssi=%u\n",
	       sub->supi, (unsigned long long)sub->sqn, sub->ind_bits, sub->amf[0], sub->amf[1],
	       nia, nea, !!(sub->flags & AGW_STORE_SUB_F_AKMA), sub->rid,
	       !!(sub->flags & AGW_STORE_SUB_F_PROSE), sub->n_ssi);
	return 0;
}

static int
cmd_list(const struct args *a)
{
	struct agw_store *s = open_store(a, 0);
	int rc = agw_store_sub_iterate(s, list_one, NULL);

	if (rc != 0)
		as_err("list: %s", agw_store_strerror(rc));
	agw_store_close(s);
	return rc == 0 ? AS_EX_OK : AS_EX_STORE;
}

static void
show(const struct agw_store_sub *sub, int with_keys)
{
	char buf[SSI_TEXT_MAX];
	char hex[2 * AGW_STORE_K_LEN + 1];

	printf("supi: %s\n", sub->supi);
	printf("sqn: %012llx\n", (unsigned long long)sub->sqn);
	printf("ind_bits: %u\n", sub->ind_bits);
	printf("amf: %02x%02x\n", sub->amf[0], sub->amf[1]);
	as_fmt_algs(sub->nia_mask, buf, sizeof(buf));
	printf("nia: %s\n", buf);
	as_fmt_algs(sub->nea_mask, buf, sizeof(buf));
	printf("nea: %s\n", buf);
	printf("akma: %d\n", !!(sub->flags & AGW_STORE_SUB_F_AKMA));
	printf("rid: %s\n", sub->rid);
	printf("prose: %d\n", !!(sub->flags & AGW_STORE_SUB_F_PROSE));
	as_fmt_ssi(sub, AGW_STORE_SSI_MM, buf, sizeof(buf));
	printf("mm_ssi: %s\n", buf);
	as_fmt_ssi(sub, AGW_STORE_SSI_SM, buf, sizeof(buf));
	printf("sm_ssi: %s\n", buf);
	if (with_keys) {
		printf("k: %s\n", agw_hex_encode(sub->k, sizeof(sub->k), hex));
		printf("opc: %s\n", agw_hex_encode(sub->opc, sizeof(sub->opc), hex));
		agw_memzero(hex, sizeof(hex));
	}
}

static int
cmd_show(const struct args *a)
{
	const char *supi = need_supi(a);
	struct agw_store_sub *sub = malloc(sizeof(*sub));
	struct agw_store *s;
	int rc;

	if (sub == NULL) {
		as_err("out of memory");
		return AS_EX_STORE;
	}
	s = open_store(a, 0);
	rc = agw_store_sub_get(s, supi, sub);
	if (rc == 0)
		show(sub, arg_get(a, "with-keys") != NULL);
	else if (rc == -ENOENT)
		as_err("%s: no such subscriber", supi);
	else
		as_err("show %s: %s", supi, agw_store_strerror(rc));
	agw_store_sub_clear(sub);
	free(sub);
	agw_store_close(s);
	return rc == 0 ? AS_EX_OK : AS_EX_STORE;
}

static int
cmd_delete(const struct args *a)
{
	const char *supi = need_supi(a);
	struct agw_store *s = open_store(a, 0);
	int rc = agw_store_sub_delete(s, supi);

	if (rc == -ENOENT)
		as_err("%s: no such subscriber", supi);
	else if (rc != 0)
		as_err("delete %s: %s", supi, agw_store_strerror(rc));
	agw_store_close(s);
	return rc == 0 ? AS_EX_OK : AS_EX_STORE;
}

static int
cmd_csv(const struct args *a, int import)
{
	const char *path = need(a, "csv");
	struct agw_store *s;
	int rc;

	if (import && access(path, R_OK) != 0) {
		as_err("--csv %s: %s", path, strerror(errno));
		return AS_EX_USAGE;
	}
	s = open_store(a, import);
	rc = import ? as_import(s, path) : as_export(s, path);

	agw_store_close(s);
	return rc;
}

int
main(int argc, char **argv)
{
	struct args a;

	parse_args(argc, argv, &a);
	if (strcmp(a.cmd, "add") == 0)
		return cmd_add(&a);
	if (strcmp(a.cmd, "list") == 0)
		return cmd_list(&a);
	if (strcmp(a.cmd, "show") == 0)
		return cmd_show(&a);
	if (strcmp(a.cmd, "delete") == 0)
		return cmd_delete(&a);
	return cmd_csv(&a, strcmp(a.cmd, "import") == 0);
}
