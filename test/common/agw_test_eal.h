/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
#ifndef AGW_TEST_EAL_H
#define AGW_TEST_EAL_H

/**
 * @file
 * EAL start-up for tests: no hugepages, no PCI, no shared config, so tests
 * run anywhere (CI, containers) and in parallel.
 */

#include <stdio.h>
#include <rte_eal.h>
#include <rte_lcore.h>

/** Start EAL with two lcores (control + one worker) unless @p lcores given. */
static inline int
agw_test_eal_init(const char *prog, const char *lcores, const char *extra_vdev)
{
	char *argv[16];
	int argc = 0;
	char lc[64], vd[128];

	snprintf(lc, sizeof(lc), "%s", lcores != NULL ? lcores : "0,1");
	argv[argc++] = (char *)prog;
	argv[argc++] = (char *)"--no-huge";
	argv[argc++] = (char *)"--no-pci";
	argv[argc++] = (char *)"--no-shconf";
	argv[argc++] = (char *)"--no-telemetry";
	argv[argc++] = (char *)"-m";
	argv[argc++] = (char *)"512";
	argv[argc++] = (char *)"--log-level=lib.*:error";
	argv[argc++] = (char *)"-l";
	argv[argc++] = lc;
	if (extra_vdev != NULL) {
		snprintf(vd, sizeof(vd), "%s", extra_vdev);
		argv[argc++] = (char *)"--vdev";
		argv[argc++] = vd;
	}
	argv[argc] = NULL;
	return rte_eal_init(argc, argv) < 0 ? -1 : 0;
}

#endif /* AGW_TEST_EAL_H */
