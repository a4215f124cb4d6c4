/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/*
 * anchor-subscriber, run as a binary (popen): add / list / show / delete /
 * import / export, CSV errors (nothing imported), exit codes, and that keys
 * are printed only when asked for.
 */

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "agw_test.h"
#include "st.h"

/* TS 35.208 test set 1. */
#define K1 "465b5ce8b199b49faa5f0a2ee238a6bc"
#define OP1 "cdc202d5123e20f62b6d676ac72cb318"
#define OPC1 "cd63cb71954a9f4e48a5994e37a02baf"
#define K2 "fec86ba6eb707ed08905757b1bb44b8f"
#define OPC2 "1006020f0a478bf6b699f15c062e42b3"

static char out[65536]; /* stdout of the last run */
static char err[4096];	/* stderr of the last run */

/* Run "exe --db DIR ARGS" (ARGS already shell-safe); return the exit code. */
static int
run(const char *dir, const char *fmt, ...)
{
	char args[2048], cmd[4096], errpath[] = "/tmp/agw-store-cli-err-XXXXXX";
	size_t n;
	va_list ap;
	FILE *p, *e;
	int fd, st;

	fd = mkstemp(errpath);
	if (fd < 0)
		return -1;
	close(fd);
	va_start(ap, fmt);
	vsnprintf(args, sizeof(args), fmt, ap);
	va_end(ap);
	snprintf(cmd, sizeof(cmd), "'%s' --db '%s' %s 2>'%s'", st_cli_exe, dir, args, errpath);
	p = popen(cmd, "r");
	if (p == NULL)
		return -1;
	n = fread(out, 1, sizeof(out) - 1, p);
	out[n] = '\0';
	st = pclose(p);
	e = fopen(errpath, "r");
	n = e != NULL ? fread(err, 1, sizeof(err) - 1, e) : 0;
	err[n] = '\0';
	if (e != NULL)
		fclose(e);
	unlink(errpath);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static int
lines(const char *s)
{
	int n = 0;

	for (; *s != '\0'; s++)
		n += *s == '\n';
	return n;
}

static void
write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	fputs(text, f);
	fclose(f);
}

static int
have_exe(void)
{
	if (st_cli_exe == NULL || access(st_cli_exe, X_OK) != 0) {
		fprintf(stderr, "\n  anchor-subscriber binary not given (argv[1])\n");
		CU_FAIL("no anchor-subscriber binary");
		return 0;
	}
	return 1;
}

static void
test_add_show_delete(void)
{
	char *d = st_mkdir(), db[300];

	if (!have_exe())
		return;
	snprintf(db, sizeof(db), "%s/db", d);
	CU_ASSERT_EQUAL(run(db, "add --supi imsi-001010000000001 --k " K1 " --op " OP1
				" --sqn ff9bb4d0b607 --akma --rid 12"
				" --mm-ssi dh:nf:m,devauth:ue"
				" --sm-ssi '1-000001@ims=ordered+secauth:ue'"
				" --sm-ssi 2=none"),
			0);
	CU_ASSERT_STRING_EQUAL(err, "");
	CU_ASSERT_EQUAL(run(db, "add --supi imsi-001010000000002 --k " K2 " --opc " OPC2
				" --prose --nia 2 --nea 02 --amf 9001 --ind-bits 4"),
			0);

	/* The store directory was created with mode 0700. */
	{
		struct stat sb;

		CU_ASSERT_EQUAL(stat(db, &sb), 0);
		CU_ASSERT_EQUAL(sb.st_mode & 0777, 0700);
	}

	CU_ASSERT_EQUAL(run(db, "list"), 0);
	CU_ASSERT_EQUAL(lines(out), 2);
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "imsi-001010000000001 sqn=ff9bb4d0b607"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "akma=1 rid=12 prose=0"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "imsi-001010000000002 sqn=000000000000 ind_bits=4 "
					   "amf=9001 nia=2 nea=02 akma=0 rid=0 prose=1"));
	CU_ASSERT_PTR_NULL(strstr(out, K1));
	CU_ASSERT_PTR_NULL(strstr(out, OPC1));
	CU_ASSERT_PTR_NULL(strstr(out, K2));

	CU_ASSERT_EQUAL(run(db, "show --supi imsi-001010000000001"), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "mm_ssi: dh:nf:m+devauth:ue\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "sm_ssi: 1-000001@ims=ordered+secauth:ue;2=none\n"));
	CU_ASSERT_PTR_NULL(strstr(out, K1));
	CU_ASSERT_PTR_NULL(strstr(out, OPC1));
	CU_ASSERT_PTR_NULL(strstr(out, "k:"));
	/* OPc computed from OP (TS 35.208 test set 1). */
	CU_ASSERT_EQUAL(run(db, "show --supi imsi-001010000000001 --with-keys"), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "k: " K1 "\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "opc: " OPC1 "\n"));

	/* Store errors: exit 1. */
	CU_ASSERT_EQUAL(run(db, "add --supi imsi-001010000000001 --k " K1 " --opc " OPC1), 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "subscriber exists"));
	CU_ASSERT_EQUAL(run(db, "delete --supi imsi-001010000000001"), 0);
	CU_ASSERT_EQUAL(run(db, "delete --supi imsi-001010000000001"), 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "no such subscriber"));
	CU_ASSERT_EQUAL(run(db, "show --supi imsi-001010000000001"), 1);
	CU_ASSERT_EQUAL(run(db, "list"), 0);
	CU_ASSERT_EQUAL(lines(out), 1);
	st_rmdir(d);
}

static void
test_bad_input(void)
{
	char *d = st_mkdir(), db[300];

	if (!have_exe())
		return;
	snprintf(db, sizeof(db), "%s/db", d);
#define BAD(args, what)                                                                            \
	do {                                                                                       \
		CU_ASSERT_EQUAL(run(db, args), 2);                                                 \
		CU_ASSERT_PTR_NOT_NULL(strstr(err, what));                                         \
		if (strstr(err, what) == NULL)                                                     \
			fprintf(stderr, "\n  %s: got '%s'\n", args, err);                          \
		CU_ASSERT_EQUAL(lines(err), 1);                                                    \
	} while (0)
	BAD("add --supi imsi-001010000000001 --k 1234 --opc " OPC1, "--k:");
	BAD("add --supi imsi-0010 --k " K1 " --opc " OPC1, "--supi:");
	BAD("add --supi imsi-001010000000001 --k " K1, "--opc:");
	BAD("add --supi imsi-001010000000001 --k " K1 " --opc " OPC1 " --op " OP1, "--op:");
	BAD("add --supi imsi-001010000000001 --k " K1 " --opc " OPC1 " --sqn 1000000000000",
	    "--sqn:");
	BAD("add --supi imsi-001010000000001 --k " K1 " --opc " OPC1 " --amf 80", "--amf:");
	BAD("add --supi imsi-001010000000001 --k " K1 " --opc " OPC1 " --rid 12345", "--rid:");
	BAD("add --supi imsi-001010000000001 --k " K1 " --opc " OPC1 " --mm-ssi secauth",
	    "SM only");
	BAD("add --supi imsi-001010000000001 --k " K1 " --opc " OPC1 " --mm-ssi dh,dh",
	    "given twice");
	BAD("add --supi imsi-001010000000001 --k " K1 " --opc " OPC1 " --mm-ssi 1@ims=dh",
	    "--mm-ssi:");
	BAD("add --supi imsi-001010000000001 --k " K1 " --opc " OPC1 " --sm-ssi foo",
	    "unknown procedure 'foo'");
	BAD("add --supi imsi-001010000000001 --k " K1 " --k " K1, "given twice");
	BAD("add --bogus 1", "unknown option --bogus");
	BAD("list --supi imsi-001010000000001", "not accepted");
	BAD("frobnicate", "unknown command");
	BAD("show", "--supi missing");
	BAD("import --csv /nonexistent/file.csv", "--csv");
#undef BAD
	/* No --db. */
	{
		char cmd[600];
		int st;

		snprintf(cmd, sizeof(cmd), "'%s' list 2>/dev/null", st_cli_exe);
		st = system(cmd);
		CU_ASSERT(WIFEXITED(st) && WEXITSTATUS(st) == 2);
	}
	/* Nothing was created by bad input. */
	CU_ASSERT_EQUAL(access(db, F_OK), -1);
	/* A store directory of the wrong mode: exit 1 with the reason. */
	CU_ASSERT_EQUAL(mkdir(db, 0755), 0);
	CU_ASSERT_EQUAL(chmod(db, 0755), 0);
	CU_ASSERT_EQUAL(run(db, "list"), 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "must be 0700"));
	st_rmdir(d);
}

static void
test_import_export(void)
{
	char *d = st_mkdir(), db[300], db2[300], csv[300], bad[300], dup[300], exp[300];
	char exp_text[8192];
	struct stat sb;
	FILE *f;
	size_t n;

	if (!have_exe())
		return;
	snprintf(db, sizeof(db), "%s/db", d);
	snprintf(db2, sizeof(db2), "%s/db2", d);
	snprintf(csv, sizeof(csv), "%s/in.csv", d);
	snprintf(bad, sizeof(bad), "%s/bad.csv", d);
	snprintf(dup, sizeof(dup), "%s/dup.csv", d);
	snprintf(exp, sizeof(exp), "%s/out.csv", d);

	write_file(csv,
		   "supi,k,opc,op,sqn,akma,rid,mm_ssi,sm_ssi\n"
		   "imsi-001010000000001," K1 ",," OP1 ",20,1,7,dh:nf,\n"
		   "# a comment\n"
		   "\n"
		   "imsi-001010000000002," K2 "," OPC2 ",,,0,,,1@internet=secauth:ue;@ims=none\r\n"
		   "nai-device7@example.org," K2 "," OPC2 ",,ffffffff,,,,\n");
	/* Line 3 has a bad K; line 5 one field too many. */
	write_file(bad, "supi,k,opc\n"
			"imsi-001010000000011," K1 "," OPC1 "\n"
			"imsi-001010000000012,zz," OPC1 "\n"
			"imsi-001010000000013," K1 "," OPC1 "\n"
			"imsi-001010000000014," K1 "," OPC1 ",extra\n");
	write_file(dup, "supi,k,opc\n"
			"imsi-001010000000021," K1 "," OPC1 "\n"
			"imsi-001010000000021," K2 "," OPC2 "\n");

	CU_ASSERT_EQUAL(run(db, "import --csv '%s'", csv), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "imported 3"));
	CU_ASSERT_EQUAL(run(db, "list"), 0);
	CU_ASSERT_EQUAL(lines(out), 3);

	CU_ASSERT_EQUAL(run(db, "import --csv '%s'", bad), 2);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "line 3: k:"));
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "line 5: expected 3 fields"));
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "nothing imported"));
	CU_ASSERT_EQUAL(run(db, "import --csv '%s'", dup), 2);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "line 3: imsi-001010000000021: subscriber exists"));
	/* Importing the first file again: every line exists. */
	CU_ASSERT_EQUAL(run(db, "import --csv '%s'", csv), 2);
	CU_ASSERT_EQUAL(run(db, "list"), 0);
	CU_ASSERT_EQUAL(lines(out), 3); /* nothing of the bad files */
	CU_ASSERT_PTR_NULL(strstr(out, "imsi-001010000000011"));

	write_file(bad, "supi,k,opc,colour\nimsi-001010000000031," K1 "," OPC1 ",red\n");
	CU_ASSERT_EQUAL(run(db, "import --csv '%s'", bad), 2);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "line 1: unknown column 'colour'"));

	/* Export: mode 0600, keys, and re-import gives the same subscribers. */
	write_file(exp, "old content\n");
	CU_ASSERT_EQUAL(chmod(exp, 0644), 0);
	CU_ASSERT_EQUAL(run(db, "export --csv '%s'", exp), 0);
	CU_ASSERT_EQUAL(stat(exp, &sb), 0);
	CU_ASSERT_EQUAL(sb.st_mode & 0777, 0600);
	f = fopen(exp, "r");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	n = fread(exp_text, 1, sizeof(exp_text) - 1, f);
	exp_text[n] = '\0';
	fclose(f);
	CU_ASSERT_EQUAL(lines(exp_text), 4);
	CU_ASSERT_PTR_NOT_NULL(strstr(exp_text, "supi,k,opc,sqn,"));
	CU_ASSERT_PTR_NOT_NULL(strstr(exp_text, "imsi-001010000000001," K1 "," OPC1 ",000000000020,"
						"8000,123,0123,5,1,7,0,dh:nf,\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(exp_text, "1@internet=secauth:ue;@ims=none\n"));
	CU_ASSERT_PTR_NOT_NULL(
		strstr(exp_text, "nai-device7@example.org," K2 "," OPC2 ",0000ffffffff,"));
	CU_ASSERT_EQUAL(run(db, "list"), 0);
	{
		char list1[sizeof(out)];

		strcpy(list1, out);
		CU_ASSERT_EQUAL(run(db2, "import --csv '%s'", exp), 0);
		CU_ASSERT_EQUAL(run(db2, "list"), 0);
		CU_ASSERT_STRING_EQUAL(out, list1);
		CU_ASSERT_EQUAL(run(db2, "show --supi imsi-001010000000002 --with-keys"), 0);
		CU_ASSERT_PTR_NOT_NULL(strstr(out, "opc: " OPC2 "\n"));
	}
	st_rmdir(d);
}

CU_TestInfo st_cli_tests[] = {
	{"add, list, show, delete", test_add_show_delete},
	{"bad input: exit 2, one line", test_bad_input},
	{"import and export", test_import_export},
	CU_TEST_INFO_NULL,
};
