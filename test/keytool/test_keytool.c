/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/*
 * anchor-keytool tests: run the built binary (argv[1]) for every command
 * and compare its output with the library and with published vectors.
 */

#include <stdlib.h>

#include "kt_test.h"

static CU_SuiteInfo suites[] = {
	{ "keytool nia/nea/kdf", NULL, NULL, NULL, NULL, kt_tests_sec },
	{ "keytool derive", NULL, NULL, NULL, NULL, kt_tests_derive },
	{ "keytool milenage/aka/demo", NULL, NULL, NULL, NULL, kt_tests_milenage },
	{ "keytool cli", NULL, NULL, NULL, NULL, kt_tests_cli },
	CU_SUITE_INFO_NULL,
};

int
main(int argc, char **argv)
{
	int rc;

	if (argc != 2) {
		fprintf(stderr, "usage: %s <path to anchor-keytool>\n", argv[0]);
		return 2;
	}
	rc = kt_run_init(argv[1]);
	if (rc < 0) {
		fprintf(stderr, "%s: %s: %s\n", argv[0], argv[1], strerror(-rc));
		return 2;
	}
	rc = agw_test_main(suites);
	kt_run_fini();
	return rc;
}
