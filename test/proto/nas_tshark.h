/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
#ifndef NAS_TSHARK_H
#define NAS_TSHARK_H

/*
 * Test helpers shared by test_nas5g.c and test_naseps.c:
 *  - a tshark check: frames written to a DLT_USER0 (147) pcap are dissected
 *    by tshark with the user_dlts table mapping DLT 147 to "nas-5gs" or
 *    "nas-eps"; a frame fails if tshark marks it malformed, raises an expert
 *    error, or names another message;
 *  - the names of the real-signalling corpus ("Protected[integrity]/
 *    RegistrationRequest") compared with TS names ("Registration request").
 */

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <CUnit/Basic.h>

#include "agw_pcap.h"

/* Wireshark expert severities (epan/proto.h): PI_WARN, PI_ERROR. */
#define NAS_TS_SEV_WARN 0x00600000ul
#define NAS_TS_SEV_ERROR 0x00800000ul

/* The DLT_USER0 row of tshark's user_dlts table. */
#define NAS_TS_DLT147 "\"User 0 (DLT=147)\""

/* What one frame must dissect as. */
struct nas_ts_expect {
	const char *name;  /* Info column prefix, or NULL: tshark does not know the type */
	unsigned int type; /* message type, checked when name is NULL */
	const char *what;  /* label for failure messages */
	int extraneous_ok; /* carries IEs tshark cannot know (private): "Extraneous Data" allowed */
};

/* Lower-case letters and digits of @s only ("Deregistration request (UE
 * originating)" and "DeregistrationRequest(UE-originating)" compare equal). */
static inline void
nas_norm(const char *s, char *out, size_t cap)
{
	size_t n = 0;

	for (; *s != '\0' && n + 1 < cap; s++)
		if (isalnum((unsigned char)*s))
			out[n++] = (char)tolower((unsigned char)*s);
	out[n] = '\0';
}

/* Corpus name "Protected[flags]/Inner" -> flags and inner name. */
static inline void
nas_corpus_name(const char *name, char *flags, size_t fcap, const char **inner)
{
	const char *lb = strchr(name, '['), *rb = strchr(name, ']');

	flags[0] = '\0';
	*inner = name;
	if (strncmp(name, "Protected[", 10) == 0 && lb != NULL && rb != NULL && rb[1] == '/') {
		size_t n = (size_t)(rb - lb - 1);

		if (n >= fcap)
			n = fcap - 1;
		memcpy(flags, lb + 1, n);
		flags[n] = '\0';
		*inner = rb + 2;
	}
}

static inline int
nas_ts_available(void)
{
	return system("tshark -v >/dev/null 2>&1") == 0;
}

/* Split a tab-separated line in place. */
static inline int
nas_ts_split(char *line, char **f, int max)
{
	int n = 0;

	f[n++] = line;
	for (char *p = line; *p != '\0' && n < max; p++) {
		if (*p == '\t') {
			*p = '\0';
			f[n++] = p + 1;
		} else if (*p == '\n' || *p == '\r') {
			*p = '\0';
		}
	}
	return n;
}

/* Highest expert severity in a comma-separated list. */
static inline unsigned long
nas_ts_max_sev(const char *s)
{
	unsigned long m = 0, v;
	char *end;

	while (*s != '\0') {
		v = strtoul(s, &end, 0);
		if (end == s)
			break;
		if (v > m)
			m = v;
		s = *end == ',' ? end + 1 : end;
	}
	return m;
}

/*
 * Dissect @pcap with tshark as @dissector ("nas-5gs" / "nas-eps") and check
 * each frame against @exp. @type_fields: the tshark fields of the EMM/5GMM
 * and ESM/5GSM message types. Returns the number of bad frames (CUnit
 * assertions are raised by the caller's CU_ASSERT on it).
 */
static inline int
nas_ts_check(const char *pcap, const char *dissector, const char *type_fields,
	     const struct nas_ts_expect *exp, int n)
{
	char cmd[1024], line[8192], *f[8];
	int bad = 0, seen = 0;
	FILE *p;

	if (!nas_ts_available()) {
		fprintf(stderr, "\n  tshark is not installed: this test needs it "
				"(apt-get install tshark)\n");
		CU_FAIL_FATAL("tshark missing: install tshark (apt-get install tshark)");
		return n;
	}
	/* user_dlts record: encapsulation, payload protocol, header size,
	 * header protocol, trailer size, trailer protocol */
	snprintf(cmd, sizeof(cmd),
		 "tshark -n -r %s -o 'uat:user_dlts:" NAS_TS_DLT147
		 ",\"%s\",\"0\",\"\",\"0\",\"\"' "
		 "-T fields -E separator=/t -E occurrence=a -E aggregator=, "
		 "-e frame.number -e _ws.col.Info -e _ws.expert.severity -e _ws.expert.message "
		 "-e _ws.malformed %s 2>%s.stderr",
		 pcap, dissector, type_fields, pcap);
	p = popen(cmd, "r");
	if (p == NULL) {
		CU_FAIL("popen(tshark)");
		return n;
	}
	while (fgets(line, sizeof(line), p) != NULL) {
		int nf = nas_ts_split(line, f, 8), i;
		const struct nas_ts_expect *e;
		unsigned long sev;
		char want[48];
		int ok = 1;

		if (nf < 7)
			continue;
		i = atoi(f[0]) - 1;
		if (i < 0 || i >= n)
			continue;
		seen++;
		e = &exp[i];
		sev = nas_ts_max_sev(f[2]);
		if (strstr(f[1], "Malformed") != NULL || f[4][0] != '\0' || sev >= NAS_TS_SEV_ERROR)
			ok = 0;
		/* Octets tshark could not place: only allowed after private IEs. */
		if (!e->extraneous_ok && strstr(f[3], "Extraneous Data") != NULL)
			ok = 0;
		if (e->name != NULL) {
			if (strncmp(f[1], e->name, strlen(e->name)) != 0)
				ok = 0;
		} else {
			/* tshark 4.0 predates the type: it must name our value
			 * as the type it does not know (a warning, no error). */
			snprintf(want, sizeof(want), "Unknown Message Type 0x%02x", e->type);
			if (strstr(f[3], want) == NULL)
				ok = 0;
		}
		if (!ok) {
			bad++;
			fprintf(stderr,
				"\n  tshark frame %d (%s): info '%s' severity 0x%lx expert '%s'"
				" malformed '%s' types '%s' '%s'; wanted '%s'\n",
				i + 1, e->what, f[1], sev, f[3], f[4], f[5], f[6],
				e->name != NULL ? e->name : "(unknown to tshark)");
		}
	}
	if (pclose(p) != 0) {
		fprintf(stderr, "\n  tshark failed, see %s.stderr\n", pcap);
		bad++;
	}
	if (seen != n) {
		fprintf(stderr, "\n  tshark showed %d of %d frames\n", seen, n);
		bad += n - seen;
	}
	return bad;
}

#endif /* NAS_TSHARK_H */
