/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 *
 * anchorgw configuration: the shipped example loads; each kind of invalid
 * setting is refused with a message that names the file, the line and the
 * setting; the gateway binary exits 2 on an invalid file before EAL starts.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "agw_test.h"
#include "gw_config.h"

static const char *example_path;
static const char *gw_binary;

static const char *base =
	"anchorgw = {\n"
	"  ports = ( { dev = \"net_ring0\"; role = \"ran\"; },\n"
	"            { dev = \"net_ring1\"; role = \"core\"; } );\n"
	"  workers = { lcores = [ 1 ]; };\n"
	"  plmn = { mcc = \"001\"; mnc = \"01\"; };\n"
	"%s"
	"};\n";

static int
load_text(const char *extra, struct gw_conf *c, char *err, size_t errlen)
{
	char path[] = "/tmp/agw_cfg_XXXXXX";
	int fd = mkstemp(path);
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
	int rc;

	if (f == NULL)
		return -999;
	fprintf(f, base, extra);
	fclose(f);
	rc = gw_config_load(path, c, err, (unsigned int)errlen);
	remove(path);
	return rc;
}

static void
test_example_loads(void)
{
	struct gw_conf c;
	char err[256] = "";

	CU_ASSERT_EQUAL_FATAL(gw_config_load(example_path, &c, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(c.nb_ports, 2);
	CU_ASSERT_EQUAL(c.ports[0].role, GW_PORT_RAN);
	CU_ASSERT_EQUAL(c.nb_workers, 1);
	CU_ASSERT_EQUAL(c.nia_pref[0], 2);
	CU_ASSERT_EQUAL(c.nb_nea, 4);
	CU_ASSERT_STRING_EQUAL(c.mcc, "001");
	CU_ASSERT_EQUAL(c.max_contexts, 65536);
}

static void
test_defaults(void)
{
	struct gw_conf c;
	char err[256] = "";

	CU_ASSERT_EQUAL_FATAL(load_text("", &c, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(c.engine, 0);
	CU_ASSERT_EQUAL(c.burst, 32);
	CU_ASSERT_EQUAL(c.punt_ring_size, 4096);
	CU_ASSERT_EQUAL(c.anchors_enabled, 0);
	CU_ASSERT_EQUAL(c.store_sync, 1);
	CU_ASSERT_EQUAL(c.anchors_guard_ms, 6000);
	CU_ASSERT_STRING_EQUAL(c.store_path, "/var/lib/anchorgw");
}

static void
test_anchors_settings(void)
{
	struct gw_conf c;
	char err[256] = "";

	CU_ASSERT_EQUAL_FATAL(
		load_text("  anchors = { enabled = true; max_ues = 1000; guard_ms = 500;\n"
			  "    amf = { region = 7; set = 1023; pointer = 63; }; };\n"
			  "  store = { path = \"/tmp/s\"; sync = \"none\"; };\n",
			  &c, err, sizeof(err)),
		0);
	CU_ASSERT_EQUAL(c.anchors_enabled, 1);
	CU_ASSERT_EQUAL(c.anchors_max_ues, 1000);
	CU_ASSERT_EQUAL(c.anchors_guard_ms, 500);
	CU_ASSERT_EQUAL(c.amf_region, 7);
	CU_ASSERT_EQUAL(c.amf_set, 1023);
	CU_ASSERT_EQUAL(c.amf_pointer, 63);
	CU_ASSERT_EQUAL(c.store_sync, 0);
	CU_ASSERT_STRING_EQUAL(c.store_path, "/tmp/s");
}

/* Each bad setting: refused, and the message names the setting and line. */
static void
test_invalid(void)
{
	static const struct {
		const char *extra;
		const char *setting;
		const char *line;
	} cases[] = {
		{"  limits = { contexts = 0; };\n", "'contexts'", ":6:"},
		{"  limits = { punt_ring = 1000; };\n", "punt_ring", ":6:"},
		{"  crypto = { engine = \"qat\"; };\n", "crypto.engine", ":6:"},
		{"  security = { integrity = [ \"NIA7\" ]; };\n", "'integrity'", ":6:"},
		{"  security = { ciphering = [ \"EEA2\" ]; };\n", "'ciphering'", ":6:"},
		{"  control_lcore = 1;\n", "workers.lcores", ":4:"},
		{"  limits = { mbufs = \"many\"; };\n", "'mbufs'", ":6:"},
		{"  oops\n", "", ":7:"},
		{"  anchors = { enabled = 1; };\n", "'enabled'", ":6:"},
		{"  anchors = { amf = { set = 1024; }; };\n", "'set'", ":6:"},
		{"  anchors = { guard_ms = 5; };\n", "'guard_ms'", ":6:"},
		{"  store = { sync = \"sometimes\"; };\n", "store.sync", ":6:"},
	};
	unsigned int i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct gw_conf c;
		char err[256] = "";

		CU_ASSERT_EQUAL(load_text(cases[i].extra, &c, err, sizeof(err)), -EINVAL);
		CU_ASSERT_PTR_NOT_NULL(strstr(err, cases[i].setting));
		CU_ASSERT_PTR_NOT_NULL(strstr(err, cases[i].line));
		CU_ASSERT_PTR_NOT_NULL(strstr(err, "/tmp/agw_cfg_"));
		if (strstr(err, cases[i].setting) == NULL || strstr(err, cases[i].line) == NULL)
			fprintf(stderr, "\n  case %u: %s\n", i, err);
	}
}

static void
test_bad_mcc_and_missing(void)
{
	struct gw_conf c;
	char err[256];

	CU_ASSERT_EQUAL(gw_config_load("/nonexistent/x.conf", &c, err, sizeof(err)), -ENOENT);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "/nonexistent/x.conf"));
}

/* The binary: invalid file → exit 2, message on stderr, nothing started. */
static void
test_binary_exits_2(void)
{
	char path[] = "/tmp/agw_cfg_bin_XXXXXX";
	char cmd[512];
	int fd = mkstemp(path), st;
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	fprintf(f, base, "  limits = { contexts = -5; };\n");
	fclose(f);
	snprintf(cmd, sizeof(cmd), "%s --no-huge -- -f %s 2>&1 | grep -q \"contexts\"", gw_binary,
		 path);
	CU_ASSERT_EQUAL(system(cmd), 0);
	snprintf(cmd, sizeof(cmd), "%s --no-huge -- -f %s >/dev/null 2>&1", gw_binary, path);
	st = system(cmd);
	CU_ASSERT(WIFEXITED(st) && WEXITSTATUS(st) == 2);
	remove(path);
}

static CU_TestInfo tests[] = {
	{"example configuration loads", test_example_loads},
	{"defaults", test_defaults},
		{"anchors and store settings", test_anchors_settings},
	{"invalid settings name file, line, setting", test_invalid},
	{"missing file", test_bad_mcc_and_missing},
	{"anchorgw exits 2 on invalid configuration", test_binary_exits_2},
	CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
	{"gw_config", NULL, NULL, NULL, NULL, tests},
	CU_SUITE_INFO_NULL,
};

int
main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: %s EXAMPLE_CONF ANCHORGW_BINARY\n", argv[0]);
		return 2;
	}
	example_path = argv[1];
	gw_binary = argv[2];
	return agw_test_main(suites);
}
