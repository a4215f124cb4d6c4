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
#include <unistd.h>

#include "agw_akma.h"
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
	CU_ASSERT_EQUAL(c.akma.enabled, 0);
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

/* The example with the anchors and AKMA switched on loads as well. */
static void
test_example_akma_loads(void)
{
	char path[] = "/tmp/agw_cfg_ex_XXXXXX", text[16384], err[256] = "", *p;
	int fd = mkstemp(path);
	FILE *f = fopen(example_path, "r");
	size_t n = f != NULL ? fread(text, 1, sizeof(text) - 1, f) : 0;
	struct gw_conf c;

	CU_ASSERT_FATAL(fd >= 0 && f != NULL && n > 0 && n < sizeof(text) - 1);
	fclose(f);
	text[n] = '\0';
	for (int i = 0; i < 2; i++) { /* anchors.enabled, akma.enabled */
		p = strstr(text, "enabled = false;");
		CU_ASSERT_PTR_NOT_NULL_FATAL(p);
		memcpy(p, "enabled = true; ", 16);
	}
	CU_ASSERT_FATAL(write(fd, text, n) == (ssize_t)n);
	close(fd);
	CU_ASSERT_EQUAL(gw_config_load(path, &c, err, sizeof(err)), 0);
	remove(path);
	CU_ASSERT(c.anchors_enabled && c.akma.enabled);
	CU_ASSERT(c.akma.n_aanf == 1 && c.akma.aanf[0].port == 8080 && c.akma.n_af == 1);
	CU_ASSERT_STRING_EQUAL(c.akma.af[0].af_id, "af1.example.com");
	if (err[0] != '\0')
		fprintf(stderr, "\n  %s\n", err);
}

/* akma = { ... }: every setting read, defaults filled (AAnF ports, apiRoots, FQDN). */
static void
test_akma_settings(void)
{
	struct gw_conf c;
	const struct gw_akma_conf *a = &c.akma;
	char err[256] = "";

	CU_ASSERT_EQUAL_FATAL(
		load_text("  anchors = { enabled = true; max_ues = 4096; };\n"
			  "  akma = { enabled = true; allocator = \"aanf\"; delivery = \"push\";\n"
			  "    labels = [ \"aanf\", \"af\" ]; akma_realm_label = true;\n"
			  "    rewrite_on_relocation = false; ident_lifetime_s = 86400;\n"
			  "    kaf_lifetime_s = 600; default_aanf = \"a2\";\n"
			  "    sbi = { address = \"::1\"; port = 9000; max_conns = 64; };\n"
			  "    aanf = ( { id = \"a1\"; served = [ \"af1\" ]; },\n"
			  "             { id = \"a2\"; port = 9100; uri = \"http://x:1\"; } );\n"
			  "    af = ( { label = \"af1\"; af_id = \"af1.example.com\";\n"
			  "             ua_protocol = \"0100000100\"; expose_supi = true; },\n"
			  "           { label = \"af2\"; af_id = \"app2\";\n"
			  "             fqdn = \"app2.example.org\"; } );\n"
			  "    rules = ( { sst = 1; sd = 16; dnn = \"internet\"; ssc_mode = 2;\n"
			  "                aanf = \"a1\"; af = \"af1\"; }, { dnn = \"ims\"; } );\n"
			  "  };\n",
			  &c, err, sizeof(err)),
		0);
	CU_ASSERT_EQUAL(a->enabled, 1);
	CU_ASSERT_EQUAL(a->allocator, AGW_AKMA_ALLOC_AANF);
	CU_ASSERT_EQUAL(a->tid_source, AGW_AKMA_TID_RANDOM);
	CU_ASSERT_EQUAL(a->delivery, AGW_AKMA_PUSH);
	CU_ASSERT_EQUAL(a->addr_fields, AGW_AKMA_ADDR_AANF | AGW_AKMA_ADDR_AF);
	CU_ASSERT(a->akma_label == 1 && a->rewrite_on_relocation == 0);
	CU_ASSERT(a->ident_lifetime_s == 86400 && a->kaf_lifetime_s == 600);
	CU_ASSERT_EQUAL(a->capacity, 4096); /* anchors.max_ues */
	CU_ASSERT_STRING_EQUAL(a->default_aanf, "a2");
	CU_ASSERT_STRING_EQUAL(a->sbi_address, "::1");
	CU_ASSERT_EQUAL(a->sbi_max_conns, 64);
	CU_ASSERT_EQUAL(a->tls_cert[0], '\0');
	CU_ASSERT_EQUAL_FATAL(a->n_aanf, 2);
	CU_ASSERT(a->aanf[0].port == 9000 && a->aanf[1].port == 9100);
	CU_ASSERT_STRING_EQUAL(a->aanf[0].uri, "http://[::1]:9000");
	CU_ASSERT_STRING_EQUAL(a->aanf[1].uri, "http://x:1");
	CU_ASSERT(a->aanf[0].n_served == 1 && strcmp(a->aanf[0].served[0], "af1") == 0);
	CU_ASSERT_EQUAL(a->aanf[1].n_served, 0);
	CU_ASSERT_EQUAL_FATAL(a->n_af, 2);
	CU_ASSERT_STRING_EQUAL(a->af[0].fqdn, "af1.example.com");
	CU_ASSERT(memcmp(a->af[0].ua_proto, "\x01\x00\x00\x01\x00", 5) == 0);
	CU_ASSERT(a->af[0].expose_supi == 1 && a->af[1].expose_supi == 0);
	CU_ASSERT_STRING_EQUAL(a->af[1].fqdn, "app2.example.org");
	CU_ASSERT(memcmp(a->af[1].ua_proto, "\x01\x00\x00\x00\x02", 5) == 0);
	CU_ASSERT_EQUAL_FATAL(a->n_rules, 2);
	CU_ASSERT_EQUAL(a->rules[0].match, AGW_AKMA_MATCH_SST | AGW_AKMA_MATCH_SD |
						   AGW_AKMA_MATCH_DNN | AGW_AKMA_MATCH_SSC);
	CU_ASSERT(a->rules[0].sst == 1 && a->rules[0].sd == 16 && a->rules[0].ssc_mode == 2);
	CU_ASSERT(strcmp(a->rules[0].aanf, "a1") == 0 && strcmp(a->rules[0].af, "af1") == 0);
	CU_ASSERT(a->rules[1].match == AGW_AKMA_MATCH_DNN && a->rules[1].aanf[0] == '\0');

	/* the least: one AAnF "aanf1" on 127.0.0.1:8080, AUSF allocator, pull */
	CU_ASSERT_EQUAL_FATAL(load_text("  anchors = { enabled = true; };\n"
					"  akma = { enabled = true; };\n",
					&c, err, sizeof(err)),
			      0);
	CU_ASSERT(a->allocator == AGW_AKMA_ALLOC_AUSF && a->delivery == AGW_AKMA_PULL);
	CU_ASSERT(a->addr_fields == 0 && a->rewrite_on_relocation == 1 &&
		  a->kaf_lifetime_s == 3600);
	CU_ASSERT_EQUAL_FATAL(a->n_aanf, 1);
	CU_ASSERT_STRING_EQUAL(a->aanf[0].id, "aanf1");
	CU_ASSERT_STRING_EQUAL(a->aanf[0].uri, "http://127.0.0.1:8080");
	CU_ASSERT_EQUAL(a->n_af, 0);
}

/* TLS: both files readable; the instances' apiRoots become https. */
static void
test_akma_tls(void)
{
	struct gw_conf c;
	char err[256] = "", text[1024];

	snprintf(text, sizeof(text),
		 "  anchors = { enabled = true; };\n"
		 "  akma = { enabled = true; sbi = { port = 443; tls = { cert = \"%s\";\n"
		 "    key = \"%s\"; }; }; };\n",
		 example_path, example_path);
	CU_ASSERT_EQUAL_FATAL(load_text(text, &c, err, sizeof(err)), 0);
	CU_ASSERT_STRING_EQUAL(c.akma.tls_cert, example_path);
	CU_ASSERT_STRING_EQUAL(c.akma.tls_key, example_path);
	CU_ASSERT_STRING_EQUAL(c.akma.aanf[0].uri, "https://127.0.0.1:443");
}

/* akma settings refused, each naming file, line and setting (the akma
 * group starts on line 7, after the anchors on line 6). */
static void
test_akma_invalid(void)
{
	static const struct {
		const char *akma;
		const char *setting;
		const char *line;
	} cases[] = {
		{"allocator = \"udm\";", "'akma.allocator'", ":7:"},
		{"tid = \"seq\";", "'akma.tid'", ":7:"},
		{"delivery = 1;", "'akma.delivery'", ":7:"},
		{"labels = [ \"aanf\", \"rid\" ];", "'akma.labels'", ":7:"},
		{"kaf_lifetime_s = 0;", "'akma.kaf_lifetime_s'", ":7:"},
		{"akma_realm_label = \"yes\";", "'akma.akma_realm_label'", ":7:"},
		{"sbi = { port = 70000; };", "'akma.sbi.port'", ":7:"},
		{"sbi = { address = \"localhost\"; };", "'akma.sbi.address'", ":7:"},
		{"sbi = { tls = { cert = \"/nonexistent/c.pem\"; key = \"/nonexistent/k\"; }; };",
		 "'akma.sbi.tls.cert'", ":7:"},
		{"sbi = { tls = { cert = \"/etc/hostname\"; }; };", "'akma.sbi.tls.key'", ":7:"},
		{"aanf = ();", "'akma.aanf'", ":7:"},
		{"aanf = ( { port = 9000; } );", "'akma.aanf[0].id'", ":7:"},
		{"aanf = ( { id = \"a1\"; port = 9000; }, { id = \"a2\"; port = 9000; } );",
		 "'akma.aanf[1].port'", ":7:"},
		{"aanf = ( { id = \"a1\"; served = \"af1\"; } );", "'akma.aanf[0].served'", ":7:"},
		{"af = ( { label = \"af1\"; af_id = \"x\"; ua_protocol = \"01\"; } );",
		 "'akma.af[0].ua_protocol'", ":7:"},
		{"af = ( { label = \"af1\"; } );", "'akma.af[0].af_id'", ":7:"},
		{"rules = ( { ssc_mode = 4; } );", "'akma.rules[0].ssc_mode'", ":7:"},
		{"rules = ( { sd = 16777216; } );", "'akma.rules[0].sd'", ":7:"},
		/* what lib/akma judges, on the group's line */
		{"aanf = ( { id = \"A1\"; } );", "'akma': akma: aanf[0].id", ":7:"},
		{"aanf = ( { id = \"a1\"; served = [ \"nope\" ]; } );", "no such AF", ":7:"},
		{"tid = \"kdf\"; allocator = \"aanf\";", "needs allocator ausf", ":7:"},
		{"default_aanf = \"zz\";", "no such AAnF", ":7:"},
		{"rules = ( { af = \"af9\"; } );", "rules[0].af: no such AF", ":7:"},
	};

	for (unsigned int i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct gw_conf c;
		char err[256] = "", text[512];

		snprintf(text, sizeof(text),
			 "  anchors = { enabled = true; };\n  akma = { enabled = true; %s };\n",
			 cases[i].akma);
		CU_ASSERT_EQUAL(load_text(text, &c, err, sizeof(err)), -EINVAL);
		CU_ASSERT_PTR_NOT_NULL(strstr(err, cases[i].setting));
		CU_ASSERT_PTR_NOT_NULL(strstr(err, cases[i].line));
		CU_ASSERT_PTR_NOT_NULL(strstr(err, "/tmp/agw_cfg_"));
		if (strstr(err, cases[i].setting) == NULL || strstr(err, cases[i].line) == NULL)
			fprintf(stderr, "\n  akma case %u: %s\n", i, err);
	}
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
		{"  akma = { enabled = true; };\n", "'akma.enabled': needs anchors.enabled", ":6:"},
		{"  akma = { enabled = \"yes\"; };\n", "'akma.enabled'", ":6:"},
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

/* The binary on an AKMA setting only lib/akma can judge: exit 2 too. */
static void
test_binary_akma_exits_2(void)
{
	char path[] = "/tmp/agw_cfg_bin_XXXXXX";
	char cmd[512];
	int fd = mkstemp(path), st;
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	fprintf(f, base,
		"  anchors = { enabled = true; };\n"
		"  akma = { enabled = true; aanf = ( { id = \"a1\"; served = [ \"af9\" ]; } ); "
		"};\n");
	fclose(f);
	snprintf(cmd, sizeof(cmd), "%s --no-huge -- -f %s 2>&1 | grep -q \"no such AF\"", gw_binary,
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
	{"example with anchors and AKMA on loads", test_example_akma_loads},
	{"akma settings and defaults", test_akma_settings},
	{"akma TLS files", test_akma_tls},
	{"invalid settings name file, line, setting", test_invalid},
	{"invalid akma settings name file, line, setting", test_akma_invalid},
	{"missing file", test_bad_mcc_and_missing},
	{"anchorgw exits 2 on invalid configuration", test_binary_exits_2},
	{"anchorgw exits 2 on an invalid akma combination", test_binary_akma_exits_2},
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
