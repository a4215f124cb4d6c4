/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/*
 * anchor-keytool: 3GPP security primitives from the command line (NIA/NEA,
 * the TS 33.220 KDF and every named derivation, MILENAGE and 5G AKA
 * vectors). This file only dispatches: it finds the command (and for
 * `derive` the sub-command), parses its options and prints help.
 */

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "args.h"
#include "keytool.h"

#define PROG "anchor-keytool"

static const struct kt_cmd *const cmd_tables[] = {
	kt_sec_cmds, kt_kdf_cmds, kt_derive_cmds, kt_milenage_cmds, kt_demo_cmds, kt_suci_cmds,
	NULL,
};

static const char general_help[] =
	"usage: " PROG " <command> [--option value ...]\n"
	"       " PROG " help [<command> [<derivation>]]   (or --help)\n"
	"\n"
	"Input:  HEXn  n octets as hex (no separators, optional 0x); HEX: any length\n"
	"        COUNT a COUNT as hex, up to 8 digits (e.g. --count 0000001f)\n"
	"        FC    1 or 2 hex digits; RSC: up to 6 hex digits\n"
	"        N     a decimal integer; TEXT, DIGITS: as typed (SNN, SUPI, FQDN...)\n"
	"Output: the result alone (hex, or text for snn/supi/akid), or one\n"
	"        name=hex line per result.\n"
	"Exit:   0 success; 2 bad input (one line on stderr naming the option);\n"
	"        1 a check failed (MAC-A, MAC-S) or the library failed.\n";

static const struct kt_cmd *
find_cmd(const struct kt_cmd *const *tables, const char *name)
{
	const struct kt_cmd *c;
	unsigned int i;

	for (i = 0; tables[i] != NULL; i++)
		for (c = tables[i]; c->name != NULL; c++)
			if (strcmp(c->name, name) == 0)
				return c;
	return NULL;
}

static void
print_synopsis(FILE *f, const char *parent, const struct kt_cmd *c)
{
	const struct kt_opt *o;

	fprintf(f, "  %s%s%s", parent ? parent : "", parent ? " " : "", c->name);
	for (o = c->opts; o != NULL && o->name != NULL; o++)
		fprintf(f, (o->flags & KT_OPT_REQ)     ? " --%s %s" :
			   (o->flags & KT_OPT_MULTI) ? " [--%s %s ...]" :
						       " [--%s %s]",
			o->name, o->meta);
	if (c->sub != NULL)
		fprintf(f, " <derivation> [--option value ...]");
	fprintf(f, "\n      %s\n", c->summary);
}

static void
print_subs(FILE *f, const struct kt_cmd *c)
{
	const struct kt_cmd *s;
	unsigned int i;

	for (i = 0; c->sub != NULL && c->sub[i] != NULL; i++)
		for (s = c->sub[i]; s->name != NULL; s++)
			print_synopsis(f, c->name, s);
}

static void
print_all(FILE *f)
{
	const struct kt_cmd *c;
	unsigned int i;

	fputs(general_help, f);
	fputs("\nCommands:\n", f);
	for (i = 0; cmd_tables[i] != NULL; i++) {
		for (c = cmd_tables[i]; c->name != NULL; c++) {
			print_synopsis(f, NULL, c);
			print_subs(f, c);
		}
	}
	fputs("\nSee '" PROG " help <command>' for the options of one command.\n", f);
}

static void
print_cmd(const char *parent, const struct kt_cmd *c)
{
	const struct kt_opt *o;

	printf("usage:\n");
	print_synopsis(stdout, parent, c);
	if (c->opts != NULL && c->opts->name != NULL)
		printf("\noptions:\n");
	for (o = c->opts; o != NULL && o->name != NULL; o++)
		printf("  --%-12s %-8s %s%s\n", o->name, o->meta, o->help,
		       (o->flags & KT_OPT_REQ) ? "" :
		       (o->flags & KT_OPT_MULTI) ? " (repeatable)" : " (optional)");
	if (c->notes != NULL)
		printf("\n%s\n", c->notes);
	if (c->sub != NULL) {
		printf("\nderivations:\n");
		print_subs(stdout, c);
	}
}

static int
usage_error(const char *what, const char *word)
{
	fprintf(stderr, PROG ": unknown %s '%s' (see '" PROG " --help')\n", what, word);
	return KT_EXIT_USAGE;
}

/* "help", "help <cmd>", "help derive <what>". */
static int
do_help(int argc, char **argv)
{
	const struct kt_cmd *c, *s;

	if (argc == 0) {
		print_all(stdout);
		return KT_EXIT_OK;
	}
	c = find_cmd(cmd_tables, argv[0]);
	if (c == NULL)
		return usage_error("command", argv[0]);
	if (argc == 1 || c->sub == NULL) {
		print_cmd(NULL, c);
		return KT_EXIT_OK;
	}
	s = find_cmd(c->sub, argv[1]);
	if (s == NULL)
		return usage_error("derivation", argv[1]);
	print_cmd(c->name, s);
	return KT_EXIT_OK;
}

static int
is_help(const char *arg)
{
	return strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0;
}

static int
run_cmd(const struct kt_cmd *c, const char *parent, int argc, char **argv)
{
	struct kt_args args;
	char name[64];
	int rc;

	if (argc > 0 && is_help(argv[0])) {
		print_cmd(parent, c);
		return KT_EXIT_OK;
	}
	snprintf(name, sizeof(name), "%s%s%s", parent ? parent : "", parent ? " " : "",
		 c->name);
	if (kt_args_parse(&args, name, c->opts, argc, argv) < 0)
		return KT_EXIT_USAGE;
	rc = c->run(&args);
	if (rc == 0)
		return fflush(stdout) == 0 ? KT_EXIT_OK : KT_EXIT_FAIL;
	return rc == -EINVAL ? KT_EXIT_USAGE : KT_EXIT_FAIL;
}

static int
run_sub(const struct kt_cmd *c, int argc, char **argv)
{
	const struct kt_cmd *s;

	if (argc > 0 && is_help(argv[0])) {
		print_cmd(NULL, c);
		return KT_EXIT_OK;
	}
	if (argc == 0 || argv[0][0] == '-') {
		fprintf(stderr, PROG ": %s: missing derivation name (see '" PROG " help %s')\n",
			c->name, c->name);
		return KT_EXIT_USAGE;
	}
	s = find_cmd(c->sub, argv[0]);
	if (s == NULL) {
		fprintf(stderr, PROG ": %s: unknown derivation '%s' (see '" PROG " help %s')\n",
			c->name, argv[0], c->name);
		return KT_EXIT_USAGE;
	}
	return run_cmd(s, c->name, argc - 1, argv + 1);
}

int
main(int argc, char **argv)
{
	const struct kt_cmd *c;

	if (argc < 2) {
		print_all(stderr);
		return KT_EXIT_USAGE;
	}
	if (is_help(argv[1]) || strcmp(argv[1], "help") == 0)
		return do_help(argc - 2, argv + 2);
	c = find_cmd(cmd_tables, argv[1]);
	if (c == NULL)
		return usage_error("command", argv[1]);
	if (c->sub != NULL)
		return run_sub(c, argc - 2, argv + 2);
	return run_cmd(c, NULL, argc - 2, argv + 2);
}
