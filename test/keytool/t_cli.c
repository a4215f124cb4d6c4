/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/*
 * Command line: help lists every command and derivation; every kind of bad
 * input exits 2 with one line on stderr naming the option, and nothing on
 * stdout.
 */

#include "kt_test.h"

#define K16 "000102030405060708090a0b0c0d0e0f"
#define K32 K16 K16
#define NIA_OK "nia", "--alg", "2", "--key", K16, "--count", "0", "--bearer", "1", "--dir", "0"

static const char *const commands[] = {
	"nia", "nea", "kdf", "derive", "milenage", "av", "av5g", "ue", "ue5g", "auts", "resync",
	"demo", NULL,
};

static const char *const derivations[] = {
	"snn", "supi", "kausf", "kausf-eap", "res-star", "hres-star", "kseaf", "kamf",
	"alg-key", "nas-keys", "kgnb", "nh", "kng-ran-star", "kng-ran-star-enb", "kamf-prime",
	"kasme-prime", "kamf-from-kasme", "eps-alg-key", "eps-nas-keys", "ck-ik-prime",
	"eap-aka-prime", "kakma", "a-tid", "af-id", "kaf", "akid", "cp-pruk", "cp-pruk-id",
	"knr-prose", "knrp-sess", "nrpek", "nrpik", NULL,
};

/* The help text has a synopsis line "  <prefix><name>" then ' ' or '\n'. */
static int
has_synopsis(const char *out, const char *prefix, const char *name)
{
	char needle[64];
	const char *p = out;
	size_t n;

	n = (size_t)snprintf(needle, sizeof(needle), "\n  %s%s", prefix, name);
	while ((p = strstr(p, needle)) != NULL) {
		if (p[n] == ' ' || p[n] == '\n')
			return 1;
		p += n;
	}
	fprintf(stderr, "\n  no synopsis for %s%s", prefix, name);
	return 0;
}

static void
test_help_lists_all(void)
{
	struct kt_res r;
	unsigned int i;

	KT_RUN(&r, "--help");
	KT_ASSERT_OK(&r);
	for (i = 0; commands[i] != NULL; i++)
		CU_ASSERT(has_synopsis(r.out, "", commands[i]));
	for (i = 0; derivations[i] != NULL; i++)
		CU_ASSERT(has_synopsis(r.out, "derive ", derivations[i]));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "COUNT"));
	KT_RUN(&r, "help");
	KT_ASSERT_OK(&r);
	kt_run(&r, (const char *const[]){ NULL });
	CU_ASSERT_EQUAL(r.status, 2);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "usage:"));
}

static void
test_help_each(void)
{
	struct kt_res r;
	unsigned int i;

	for (i = 0; commands[i] != NULL; i++) {
		KT_RUN(&r, "help", commands[i]);
		KT_ASSERT_OK(&r);
		CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "usage:"));
	}
	for (i = 0; derivations[i] != NULL; i++) {
		KT_RUN(&r, "help", "derive", derivations[i]);
		KT_ASSERT_OK(&r);
		CU_ASSERT_PTR_NOT_NULL(strstr(r.out, derivations[i]));
		KT_RUN(&r, "derive", derivations[i], "--help");
		KT_ASSERT_OK(&r);
	}
	KT_RUN(&r, "help", "nia");
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "--count"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "--bits"));
	KT_RUN(&r, "help", "derive", "kamf");
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "--abba"));
	KT_RUN(&r, "milenage", "--help");
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "--opc"));
}

/** One bad command line and the text its error line must contain. */
struct bad_case {
	const char *argv[40];
	const char *msg;
};

static const struct bad_case bad_cases[] = {
	/* unknown command, derivation, option; positional junk */
	{ { "frobnicate", NULL }, "unknown command 'frobnicate'" },
	{ { "help", "frobnicate", NULL }, "unknown command 'frobnicate'" },
	{ { "derive", NULL }, "derive: missing derivation name" },
	{ { "derive", "bogus", NULL }, "unknown derivation 'bogus'" },
	{ { NIA_OK, "--msg", "00", "--colour", "red", NULL }, "--colour: unknown option" },
	{ { NIA_OK, "foo", "--msg", "00", NULL }, "unexpected argument 'foo'" },
	/* missing option / value, duplicates */
	{ { "nia", "--alg", "2", "--count", "0", "--bearer", "1", "--dir", "0", "--msg", "00",
	    NULL }, "nia: --key: missing option" },
	{ { NIA_OK, "--msg", "00", "--bits", NULL }, "--bits: missing value" },
	{ { NIA_OK, "--msg", "00", "--alg", "2", NULL }, "--alg: given more than once" },
	{ { "derive", "kamf-from-kasme", "--kasme", K32, "--mode", "ho", NULL },
	  "--nh: missing option" },
	{ { "derive", "kamf-from-kasme", "--kasme", K32, "--mode", "ho", "--nh", K32, "--count",
	    "1", NULL }, "--count: only with --mode idle" },
	{ { "milenage", "--k", K16, "--rand", K16, "--sqn", "000000000001", "--amf", "8000",
	    NULL }, "give exactly one of --op and --opc" },
	{ { "milenage", "--k", K16, "--op", K16, "--opc", K16, "--rand", K16, "--sqn",
	    "000000000001", "--amf", "8000", NULL }, "give exactly one of --op and --opc" },
	/* hex: odd, bad digit, wrong length */
	{ { NIA_OK, "--msg", "abc", NULL }, "--msg: odd number of hex digits" },
	{ { "nea", "--alg", "2", "--key", "0g0102030405060708090a0b0c0d0e0f", "--count", "0",
	    "--bearer", "1", "--dir", "0", "--msg", "00", NULL }, "--key: 'g' is not a hex digit" },
	{ { "nia", "--alg", "2", "--key", "000102030405060708090a0b0c0d0e", "--count", "0",
	    "--bearer", "1", "--dir", "0", "--msg", "00", NULL },
	  "--key: expected 16 octets (32 hex digits), got 15" },
	{ { "derive", "kseaf", "--kausf", K16, "--snn", "5G:mnc001.mcc001.3gppnetwork.org",
	    NULL }, "--kausf: expected 32 octets (64 hex digits), got 16" },
	{ { "derive", "res-star", "--ck", K16, "--ik", K16, "--snn",
	    "5G:mnc001.mcc001.3gppnetwork.org", "--rand", K16, "--res", "010203", NULL },
	  "--res: expected 4 to 16 octets of hex, got 3" },
	{ { "resync", "--k", K16, "--opc", K16, "--rand", K16, "--auts", K16, NULL },
	  "--auts: expected 14 octets" },
	/* unknown algorithm, integers out of range or not integers */
	{ { "nia", "--alg", "4", "--key", K16, "--count", "0", "--bearer", "1", "--dir", "0",
	    "--msg", "00", NULL }, "--alg: 4 out of range 0..3" },
	{ { "nea", "--alg", "2", "--key", K16, "--count", "0", "--bearer", "32", "--dir", "0",
	    "--msg", "00", NULL }, "--bearer: 32 out of range 0..31" },
	{ { "nea", "--alg", "2", "--key", K16, "--count", "0", "--bearer", "-1", "--dir", "0",
	    "--msg", "00", NULL }, "--bearer: '-1' is not a decimal integer" },
	{ { "nea", "--alg", "2", "--key", K16, "--count", "0", "--bearer", "1", "--dir", "x",
	    "--msg", "00", NULL }, "--dir: 'x' is not a decimal integer" },
	{ { "nia", "--alg", "2", "--key", K16, "--count", "123456789", "--bearer", "1", "--dir",
	    "0", "--msg", "00", NULL }, "--count: '123456789' has more than 8 hex digits" },
	{ { "nia", "--alg", "2", "--key", K16, "--count", "12z", "--bearer", "1", "--dir", "0",
	    "--msg", "00", NULL }, "--count: '12z' is not a hex integer" },
	{ { NIA_OK, "--msg", "00", "--bits", "9", NULL }, "--bits: 9 out of range 0..8" },
	{ { "nia", "--alg", "1", "--key", K16, "--count", "0", "--bearer", "1", "--dir", "0",
	    "--msg", "", NULL }, "--msg: 128-NIA1 needs at least 1 bit" },
	{ { "derive", "alg-key", "--key", K32, "--type", "7", "--alg", "1", NULL },
	  "--type: 7 out of range 1..6" },
	{ { "derive", "nas-keys", "--kamf", K32, "--nea", "16", "--nia", "2", NULL },
	  "--nea: 16 out of range 0..15" },
	{ { "derive", "kgnb", "--kamf", K32, "--ul-count", "0", "--access", "3", NULL },
	  "--access: 3 out of range 1..2" },
	{ { "derive", "kng-ran-star", "--key", K32, "--pci", "1008", "--arfcn-dl", "1", NULL },
	  "--pci: 1008 out of range 0..1007" },
	{ { "derive", "cp-pruk", "--kausf-p", K32, "--supi", "imsi-001010000000001", "--rsc",
	    "1000000", NULL }, "--rsc: '1000000' has more than 6 hex digits" },
	{ { "kdf", "--key", K16, "--fc", "100", NULL }, "--fc: '100' has more than 2 hex digits" },
	{ { "kdf", "--key", K16, "--fc", "6a", "--p", "", "--p", "", "--p", "", "--p", "", "--p",
	    "", "--p", "", "--p", "", "--p", "", "--p", "", "--p", "", "--p", "", "--p", "",
	    "--p", "", "--p", "", "--p", "", "--p", "", "--p", "", NULL },
	  "--p: 17 parameters, at most 16" },
	{ { "kdf", "--key", "", "--fc", "6a", NULL }, "--key: expected 1 to 65535 octets" },
	/* text inputs */
	{ { "derive", "kamf", "--kseaf", K32, "--supi", "bob", "--abba", "0000", NULL },
	  "--supi: 'bob' is not a SUPI" },
	{ { "derive", "kseaf", "--kausf", K32, "--snn", "mnc001.mcc001.3gppnetwork.org", NULL },
	  "--snn: 'mnc001.mcc001.3gppnetwork.org' is not a serving network name" },
	{ { "derive", "snn", "--mcc", "1", "--mnc", "01", NULL }, "--mcc must be 3 digits" },
	{ { "derive", "kasme-prime", "--kamf", K32, "--mode", "sideways", "--count", "0", NULL },
	  "--mode: unknown value 'sideways'" },
	{ { "derive", "akid", "--rid", "12345", "--a-tid", K16, "--mcc", "001", "--mnc", "01",
	    NULL }, "--rid must be 1..4 digits" },
};

static void
test_bad_input(void)
{
	struct kt_res r;
	const char *nl;
	size_t i;

	for (i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++) {
		kt_run(&r, bad_cases[i].argv);
		nl = strchr(r.err, '\n');
		if (r.status != 2 || strstr(r.err, bad_cases[i].msg) == NULL || r.out[0] != '\0' ||
		    nl == NULL || nl[1] != '\0')
			fprintf(stderr, "\n  case %zu (%s): exit %d, stderr: %s", i,
				bad_cases[i].msg, r.status, r.err);
		CU_ASSERT_EQUAL(r.status, 2);
		CU_ASSERT_PTR_NOT_NULL(strstr(r.err, bad_cases[i].msg));
		CU_ASSERT_STRING_EQUAL(r.out, "");
		/* exactly one line */
		CU_ASSERT(nl != NULL && nl[1] == '\0');
		CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "anchor-keytool: "));
	}
}

CU_TestInfo kt_tests_cli[] = {
	{ "--help lists every command and derivation", test_help_lists_all },
	{ "help <cmd>, help derive <what>, <cmd> --help", test_help_each },
	{ "bad input: exit 2, one line naming the option", test_bad_input },
	CU_TEST_INFO_NULL,
};
