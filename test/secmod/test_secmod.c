/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/*
 * lib/secmod test suite, run once per driver:
 *
 *   test_secmod sw | cdev | pkcs11 [softhsm2-module]
 *
 * sw: OpenSSL + IPsec-MB; cdev: crypto_aesni_mb0 vdev (EAL --no-huge
 * --no-pci); pkcs11: SoftHSM2 with a token initialised in a temporary
 * SOFTHSM2_CONF directory.
 */

#include <stdio.h>
#include <string.h>

#include "agw_test.h"
#include "sm_test.h"

static int
suite_init(void)
{
	return 0;
}

static int g_world_rc;

static void
world_up(void)
{
	g_world_rc = fx_world_setup();
	if (g_world_rc == 0)
		g_world_rc = fx_world_policies();
	if (g_world_rc != 0)
		fprintf(stderr, "\n  world setup failed\n");
}

static void
world_down(void)
{
	fx_world_teardown();
}

static void
world_bare_up(void)
{
	g_world_rc = fx_world_setup();
}

int
main(int argc, char **argv)
{
	CU_SuiteInfo suites[] = {
		{"secmod_kat", suite_init, NULL, NULL, NULL, kat_tests},
		{"secmod_ledger", suite_init, NULL, NULL, NULL, ledger_tests},
		{"secmod_policy", suite_init, NULL, world_bare_up, world_down, policy_tests},
		{"secmod_flows", suite_init, NULL, world_up, world_down, flow_tests},
		{"secmod_flows2", suite_init, NULL, world_up, world_down, flow2_tests},
		{"secmod_reject", suite_init, NULL, world_up, world_down, reject_tests},
		CU_SUITE_INFO_NULL,
	};
	int rc;

	if (argc < 2) {
		fprintf(stderr, "usage: %s sw|cdev|pkcs11 [pkcs11-module]\n", argv[0]);
		return 2;
	}
	if (argc > 2)
		g_p11_module = argv[2];
	rc = fx_driver_open(argv[1], argv[0]);
	if (rc != 0) {
		fprintf(stderr, "driver %s: %s\n", argv[1], strerror(-rc));
		return 2;
	}
	printf("driver %s\n", argv[1]);
	rc = agw_test_main(suites);
	fx_driver_close();
	return rc;
}
