/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/*
 * anchor-keytool suci conceal / deconceal, run as a binary (popen): round
 * trips through the tool, agreement with the library (same ephemeral key,
 * same SUCI; a fresh SUCI from the tool de-conceals in the library), and
 * bad input (one line naming the option, exit 2).
 */

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "agw_test.h"
#include "agw_test_vectors.h"
#include "agw_util.h"
#include "sidf_test.h"

#define OUT_MAX 8192

/* Run "keytool <args> 2>&1" (args already shell-safe); return the exit
 * status and the output. */
static int
kt(char *out, const char *fmt, ...)
{
	char cmd[4096], args[3500];
	size_t n = 0, r;
	va_list ap;
	FILE *p;
	int st;

	CU_ASSERT_PTR_NOT_NULL_FATAL(sidf_keytool);
	va_start(ap, fmt);
	vsnprintf(args, sizeof(args), fmt, ap);
	va_end(ap);
	snprintf(cmd, sizeof(cmd), "'%s' %s 2>&1", sidf_keytool, args);
	p = popen(cmd, "r");
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	while ((r = fread(out + n, 1, OUT_MAX - 1 - n, p)) > 0)
		n += r;
	out[n] = '\0';
	st = pclose(p);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* Value of "name=value" in @out (into @val), or NULL. */
static char *
field(const char *out, const char *name, char *val, size_t cap)
{
	size_t nl = strlen(name), k;
	const char *p = out;

	while (p != NULL && *p != '\0') {
		if (strncmp(p, name, nl) == 0 && p[nl] == '=') {
			k = strcspn(p + nl + 1, "\n");
			if (k >= cap)
				return NULL;
			memcpy(val, p + nl + 1, k);
			val[k] = '\0';
			return val;
		}
		p = strchr(p, '\n');
		if (p != NULL)
			p++;
	}
	return NULL;
}

static int
one_line(const char *out)
{
	const char *nl = strchr(out, '\n');

	return nl != NULL && nl[1] == '\0';
}

static void
test_kt_vectors(void)
{
	char out[OUT_MAX], suci[2 * AGW_SIDF_IE_MAX + 1], h1[200], h2[80], h3[80];
	uint8_t ie[AGW_SIDF_IE_MAX];
	struct agw_sidf_ue ue;
	size_t i;
	long n;

	for (i = 0; i < AGW_TV_SUCI_N; i++) {
		const struct agw_tv_suci *v = &agw_tv_suci[i];
		unsigned int scheme = v->profile[0] == 'A' ? 1 : 2;
		int nai = strstr(v->source, "NAI") != NULL;

		sidf_hex(v->hn_public_key, v->hn_public_key_len, h1, 0);
		sidf_hex(v->eph_private_key, v->eph_private_key_len, h2, 0);
		CU_ASSERT_EQUAL(kt(out,
				   "suci conceal --profile %s --hn-pub %s --hn-key-id 9 "
				   "--routing-indicator 678 %s --eph-priv %s",
				   v->profile, h1,
				   nai ? "--nai verylongusername1@3gpp.com"
				       : "--mcc 274 --mnc 012 --msin 001002086",
				   h2),
				0);
		CU_ASSERT_PTR_NOT_NULL_FATAL(field(out, "suci", suci, sizeof(suci)));
		/* The library, same inputs. */
		memset(&ue, 0, sizeof(ue));
		ue.scheme = (uint8_t)scheme;
		ue.supi_type = nai ? AGW_SIDF_SUPI_NSI : AGW_SIDF_SUPI_IMSI;
		ue.hn_key_id = 9;
		ue.hn_pub = v->hn_public_key;
		ue.hn_pub_len = v->hn_public_key_len;
		ue.eph_priv = v->eph_private_key;
		ue.eph_priv_len = v->eph_private_key_len;
		strcpy(ue.rid, "678");
		strcpy(ue.mcc, "274");
		strcpy(ue.mnc, "012");
		ue.msin = nai ? NULL : "001002086";
		ue.nai = nai ? "verylongusername1@3gpp.com" : NULL;
		n = agw_sidf_conceal(&ue, ie, sizeof(ie), NULL);
		CU_ASSERT_FATAL(n > 0);
		{
			char want[2 * AGW_SIDF_IE_MAX + 1];

			CU_ASSERT_STRING_EQUAL(suci, agw_hex_encode(ie, (size_t)n, want));
		}
		CU_ASSERT_STRING_EQUAL(field(out, "eph_pub", h3, sizeof(h3)),
				       sidf_hex(v->eph_public_key, v->eph_public_key_len, h1, 0));
		CU_ASSERT_STRING_EQUAL(field(out, "mac_tag", h3, sizeof(h3)),
				       sidf_hex(v->mac_tag, v->mac_tag_len, h1, 0));
		CU_ASSERT_STRING_EQUAL(field(out, "routing_indicator", h3, sizeof(h3)), "678");
		CU_ASSERT_STRING_EQUAL(field(out, "hn_key_id", h3, sizeof(h3)), "9");

		/* And back through the tool. */
		sidf_hex(v->hn_private_key, v->hn_private_key_len, h2, 0);
		CU_ASSERT_EQUAL(kt(out, "suci deconceal --profile %s --hn-priv %s --suci %s",
				   v->profile, h2, suci),
				0);
		CU_ASSERT_STRING_EQUAL(out, nai ? "nai-verylongusername1@3gpp.com\n"
						: "imsi-274012001002086\n");
	}
}

/* Fresh ephemeral keys: tool -> tool and tool -> library. */
static void
test_kt_fresh(void)
{
	char out[OUT_MAX], out2[OUT_MAX], suci[2 * AGW_SIDF_IE_MAX + 1],
		s2[2 * AGW_SIDF_IE_MAX + 1];
	char pubh[80], privh[80];
	uint8_t pub[33], ie[AGW_SIDF_IE_MAX];
	struct agw_sidf_result res;
	struct agw_hnkeys *ks;
	unsigned int scheme;
	long n;
	int pl;

	ks = sidf_c4_keys(1, 2);
	for (scheme = 1; scheme <= 2; scheme++) {
		pl = agw_hnkeys_public(ks, scheme, pub, sizeof(pub), NULL);
		sidf_hex(pub, (size_t)pl, pubh, 0);
		sidf_hex(scheme == 1 ? sidf_c4_priv_a : sidf_c4_priv_b, 32, privh, 0);
		CU_ASSERT_EQUAL(kt(out,
				   "suci conceal --profile %s --hn-pub %s --hn-key-id %u "
				   "--mcc 208 --mnc 93 --msin 0000000001",
				   scheme == 1 ? "A" : "B", pubh, scheme),
				0);
		CU_ASSERT_EQUAL(kt(out2,
				   "suci conceal --profile %s --hn-pub %s --hn-key-id %u "
				   "--mcc 208 --mnc 93 --msin 0000000001",
				   scheme == 1 ? "A" : "B", pubh, scheme),
				0);
		CU_ASSERT_PTR_NOT_NULL_FATAL(field(out, "suci", suci, sizeof(suci)));
		CU_ASSERT_PTR_NOT_NULL_FATAL(field(out2, "suci", s2, sizeof(s2)));
		CU_ASSERT_STRING_NOT_EQUAL(suci, s2); /* fresh ephemeral key each time */
		n = agw_hex_decode(suci, ie, sizeof(ie));
		CU_ASSERT_FATAL(n > 0);
		CU_ASSERT_EQUAL(agw_sidf_deconceal(ks, NULL, ie, (size_t)n, &res, NULL, NULL), 0);
		CU_ASSERT_STRING_EQUAL(res.supi, "imsi-208930000000001");
		CU_ASSERT_EQUAL(kt(out, "suci deconceal --profile %s --hn-priv %s --suci %s",
				   scheme == 1 ? "A" : "B", privh, s2),
				0);
		CU_ASSERT_STRING_EQUAL(out, "imsi-208930000000001\n");
	}
	/* Library -> tool, NAI form. */
	pl = agw_hnkeys_public(ks, 2, pub, sizeof(pub), NULL);
	{
		struct agw_sidf_ue ue;

		memset(&ue, 0, sizeof(ue));
		ue.scheme = AGW_SIDF_PROFILE_B;
		ue.supi_type = AGW_SIDF_SUPI_NSI;
		ue.hn_key_id = 2;
		ue.hn_pub = pub;
		ue.hn_pub_len = (size_t)pl;
		strcpy(ue.rid, "0");
		ue.nai = "user.name+tag@ims.example.org";
		n = agw_sidf_conceal(&ue, ie, sizeof(ie), NULL);
		CU_ASSERT_FATAL(n > 0);
	}
	CU_ASSERT_EQUAL(kt(out, "suci deconceal --profile B --hn-priv %s --suci %s",
			   sidf_hex(sidf_c4_priv_b, 32, privh, 0),
			   agw_hex_encode(ie, (size_t)n, suci)),
			0);
	CU_ASSERT_STRING_EQUAL(out, "nai-user.name+tag@ims.example.org\n");
	agw_hnkeys_free(ks);
}

/* Bad input: exit 2 and one line naming the option. */
static void
test_kt_bad_input(void)
{
	static const struct {
		const char *args, *opt;
	} bad[] = {
		{"suci conceal --profile C --hn-key-id 1 --mcc 001 --mnc 01 --msin 1", "--profile"},
		{"suci conceal --profile A --hn-pub 00 --hn-key-id 1 --mcc 001 --mnc 01 --msin 1",
		 "--hn-pub"},
		{"suci conceal --profile A --hn-pub 0g --hn-key-id 1 --mcc 001 --mnc 01 --msin 1",
		 "--hn-pub"},
		{"suci conceal --profile B --hn-pub "
		 "0200000000000000000000000000000000000000000000000000000000000000"
		 "01 --hn-key-id 1 --mcc 001 --mnc 01 --msin 1",
		 "--hn-pub"},
		{"suci conceal --profile A --hn-pub "
		 "5a8d38864820197c3394b92613b20b91633cbd897119273bf8e4a6f4eec0a650"
		 " --hn-key-id 256 --mcc 001 --mnc 01 --msin 1",
		 "--hn-key-id"},
		{"suci conceal --profile A --hn-pub "
		 "5a8d38864820197c3394b92613b20b91633cbd897119273bf8e4a6f4eec0a650"
		 " --hn-key-id 1 --mcc 27 --mnc 01 --msin 1",
		 "--mcc"},
		{"suci conceal --profile A --hn-pub "
		 "5a8d38864820197c3394b92613b20b91633cbd897119273bf8e4a6f4eec0a650"
		 " --hn-key-id 1 --mcc 001 --mnc 01 --msin 12345678901",
		 "--msin"},
		{"suci conceal --profile A --hn-pub "
		 "5a8d38864820197c3394b92613b20b91633cbd897119273bf8e4a6f4eec0a650"
		 " --hn-key-id 1 --mcc 001 --mnc 01 --msin 1 --nai a@b",
		 "--msin"},
		{"suci conceal --profile A --hn-pub "
		 "5a8d38864820197c3394b92613b20b91633cbd897119273bf8e4a6f4eec0a650"
		 " --hn-key-id 1 --nai nobody",
		 "--nai"},
		{"suci conceal --profile A --hn-pub "
		 "5a8d38864820197c3394b92613b20b91633cbd897119273bf8e4a6f4eec0a650"
		 " --hn-key-id 1 --mcc 001 --mnc 01 --msin 1 --routing-indicator 12345",
		 "--routing-indicator"},
		{"suci conceal --profile A --hn-pub "
		 "5a8d38864820197c3394b92613b20b91633cbd897119273bf8e4a6f4eec0a650"
		 " --hn-key-id 1 --mcc 001 --mnc 01 --msin 1 --eph-priv 00",
		 "--eph-priv"},
		{"suci deconceal --profile A --hn-priv 00 --suci 0100", "--hn-priv"},
		{"suci deconceal --profile A --hn-priv "
		 "c53c22208b61860b06c62e5406a7b330c2b577aa5558981510d128247d38bd1d"
		 " --suci f200f110cafe0000000001",
		 "--suci"},
		{"suci deconceal --profile A --hn-priv "
		 "c53c22208b61860b06c62e5406a7b330c2b577aa5558981510d128247d38bd1d"
		 " --suci 0100f110",
		 "--suci"},
		{"suci deconceal --profile B --hn-priv "
		 "c53c22208b61860b06c62e5406a7b330c2b577aa5558981510d128247d38bd1d"
		 " --suci 01722410f0ff0101b2e92f836055a255837debf850b528997ce0201cb82adfe4be1f"
		 "587d07d8457dcb02352410cddd9e730ef3fa87",
		 "--profile"},
		{"suci deconceal --profile A --suci 0100", "--hn-priv"},
	};
	char out[OUT_MAX];
	size_t i;
	int st;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		st = kt(out, "%s", bad[i].args);
		if (st != 2 || !one_line(out) || strstr(out, bad[i].opt) == NULL)
			fprintf(stderr, "\n  %s\n  -> %d: %s", bad[i].args, st, out);
		CU_ASSERT_EQUAL(st, 2);
		CU_ASSERT(one_line(out));
		CU_ASSERT_PTR_NOT_NULL(strstr(out, bad[i].opt));
	}
	/* A wrong key is a failed check: exit 1. */
	st = kt(out, "suci deconceal --profile A --hn-priv "
		     "0000000000000000000000000000000000000000000000000000000000000001"
		     " --suci 01722410f0ff0101b2e92f836055a255837debf850b528997ce0201cb82adfe4be1f"
		     "587d07d8457dcb02352410cddd9e730ef3fa87");
	CU_ASSERT_EQUAL(st, 1);
	CU_ASSERT(one_line(out));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "mac-mismatch"));
	/* Help lists the command. */
	CU_ASSERT_EQUAL(kt(out, "help suci"), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "deconceal"));
}

CU_TestInfo sidf_keytool_tests[] = {
	{"keytool suci: C.4 sets, tool = library, round trip", test_kt_vectors},
	{"keytool suci: fresh keys, tool <-> library", test_kt_fresh},
	{"keytool suci: bad input -> exit 2 naming the option", test_kt_bad_input},
	CU_TEST_INFO_NULL,
};
