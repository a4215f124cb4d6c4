/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/*
 * test-secmod-perf: services per second of lib/secmod's fast-path services
 * (per-packet 128-NEA encryption and 128-NIA integrity through
 * agw_secmod_fp_burst(), policy lookup included) for each driver, in bursts
 * of 32 beside one operation per call, and of the control-path ENCRYPT
 * service (AES-GCM through agw_secmod_request()) for reference.
 *
 *   test-secmod-perf [--driver sw,cdev,pkcs11] [--size 64,256,1024]
 *                    [--ms 300] [--fp nea2|nea1|nea3]
 *                    [--p11-module /usr/lib/softhsm/libsofthsm2.so]
 *
 * Two modules in one process (UE side and RAN side) negotiate a policy over
 * an in-process queue; one thread runs the measured loop. cdev starts EAL
 * with --no-huge --no-pci --vdev crypto_aesni_mb0; pkcs11 initialises a
 * SoftHSM2 token in a temporary SOFTHSM2_CONF directory.
 */

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <rte_eal.h>

#include "agw_secmod.h"
#include "agw_secmod_cdev.h"
#include "agw_secmod_pkcs11.h"
#include "agw_secmod_sw.h"

#define N_UE 0x301
#define N_RAN 0x201
#define BURST 32
#define MAX_SIZE 2048

struct qmsg {
	int dst;
	uint32_t from;
	size_t len;
	uint8_t buf[2048];
};

struct bench {
	struct agw_secmod *m[2];
	struct qmsg q[16];
	unsigned int qh, qt;
	uint32_t ms;
	uint8_t fp_alg[2]; /* NEA, NIA */
	const char *p11_module;
	char hsm_dir[64];
	uint64_t fb_ok; /* successful feedbacks */
};

static int
b_send(void *arg, uint32_t from, uint32_t to, enum agw_secmod_path path, const uint8_t *msg,
       size_t len)
{
	struct bench *b = arg;
	struct qmsg *q;

	(void)path;
	if (b->qt - b->qh == 16 || len > sizeof(q->buf))
		return -ENOBUFS;
	q = &b->q[b->qt++ % 16];
	q->dst = to == N_UE ? 0 : 1;
	q->from = from;
	q->len = len;
	memcpy(q->buf, msg, len);
	return 0;
}

static void
b_pump(struct bench *b)
{
	while (b->qh != b->qt) {
		struct qmsg *q = &b->q[b->qh++ % 16];

		agw_secmod_input(b->m[q->dst], q->from, q->buf, q->len);
	}
}

static void
b_feedback(void *arg, const struct agw_secmod_feedback *fb)
{
	struct bench *b = arg;

	b->fb_ok += fb->cause == AGW_SECMOD_OK;
}

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* ------------------------------------------------------------------ */
/* Drivers                                                             */
/* ------------------------------------------------------------------ */

static struct agw_secmod_drv *
open_pkcs11(struct bench *b)
{
	struct agw_secmod_pkcs11_conf pc = {
		.module = b->p11_module, .token = "agw-perf", .user_pin = "1234", .nb_qp = 1};
	char conf[128], tok[96];
	FILE *f;

	snprintf(b->hsm_dir, sizeof(b->hsm_dir), "/tmp/agw-secmod-perf.XXXXXX");
	if (mkdtemp(b->hsm_dir) == NULL)
		return NULL;
	snprintf(tok, sizeof(tok), "%s/tokens", b->hsm_dir);
	snprintf(conf, sizeof(conf), "%s/softhsm2.conf", b->hsm_dir);
	if (mkdir(tok, 0700) != 0 || (f = fopen(conf, "w")) == NULL)
		return NULL;
	fprintf(f, "directories.tokendir = %s\nobjectstore.backend = file\nlog.level = ERROR\n",
		tok);
	fclose(f);
	setenv("SOFTHSM2_CONF", conf, 1);
	if (agw_secmod_pkcs11_init_token(b->p11_module, "agw-perf", "5678", "1234") != 0)
		return NULL;
	return agw_secmod_pkcs11_create(&pc);
}

static int g_eal_up;

static struct agw_secmod_drv *
open_driver(struct bench *b, const char *name, const char *prog)
{
	if (strcmp(name, "sw") == 0)
		return agw_secmod_sw_create(1);
	if (strcmp(name, "cdev") == 0) {
		struct agw_secmod_cdev_conf cc = {.dev_name = "crypto_aesni_mb0", .nb_qp = 1};
		char *argv[] = {(char *)prog,
				"--no-huge",
				"--no-pci",
				"--no-shconf",
				"--no-telemetry",
				"-m",
				"512",
				"--log-level=lib.*:error",
				"-l",
				"0",
				"--vdev",
				"crypto_aesni_mb0",
				NULL};

		if (!g_eal_up && rte_eal_init(12, argv) < 0)
			return NULL;
		g_eal_up = 1;
		return agw_secmod_cdev_create(&cc);
	}
	if (strcmp(name, "pkcs11") == 0)
		return open_pkcs11(b);
	errno = EINVAL;
	return NULL;
}

static int
modules_up(struct bench *b, struct agw_secmod_drv *drv)
{
	static const struct agw_secmod_node ue = {N_UE, AGW_SECMOD_NODE_UE, 0};
	static const struct agw_secmod_node ran = {N_RAN, AGW_SECMOD_NODE_RAN, 0};
	struct agw_secmod_conf c = {
		.drv = drv, .n_served = 1, .send = b_send, .feedback = b_feedback, .arg = b};
	struct agw_secmod_peer p = {0};
	struct agw_secmod_neg n = {.local = N_UE,
				   .peer = N_RAN,
				   .services = AGW_SECMOD_SVC_BIT(AGW_SECMOD_SVC_ENCRYPT) |
					       AGW_SECMOD_SVC_BIT(AGW_SECMOD_SVC_DECRYPT) |
					       AGW_SECMOD_SVC_BIT(AGW_SECMOD_SVC_INTEGRITY) |
					       AGW_SECMOD_SVC_BIT(AGW_SECMOD_SVC_INTEGRITY_CHECK)};
	struct agw_secmod_policy_info pi;

	c.served = &ue;
	b->m[0] = agw_secmod_create(&c);
	c.served = &ran;
	b->m[1] = agw_secmod_create(&c);
	if (b->m[0] == NULL || b->m[1] == NULL)
		return -1;
	p.node = N_RAN;
	p.kind = AGW_SECMOD_NODE_RAN;
	agw_secmod_identity_pub(b->m[1], p.module_pub);
	agw_secmod_peer_add(b->m[0], &p);
	p.node = N_UE;
	p.kind = AGW_SECMOD_NODE_UE;
	agw_secmod_identity_pub(b->m[0], p.module_pub);
	agw_secmod_peer_add(b->m[1], &p);
	n.prefs[AGW_SECMOD_CLS_FP_CIPHER] = &b->fp_alg[0];
	n.n_prefs[AGW_SECMOD_CLS_FP_CIPHER] = 1;
	n.prefs[AGW_SECMOD_CLS_FP_INTEG] = &b->fp_alg[1];
	n.n_prefs[AGW_SECMOD_CLS_FP_INTEG] = 1;
	if (agw_secmod_negotiate(b->m[0], &n) < 0)
		return -1;
	b_pump(b);
	if (agw_secmod_policy_get(b->m[0], N_UE, N_RAN, &pi) != 0 ||
	    pi.alg[AGW_SECMOD_CLS_FP_CIPHER] == 0 || pi.alg[AGW_SECMOD_CLS_FP_INTEG] == 0)
		return -ENOTSUP;
	return agw_secmod_fp_register(b->m[0], 0);
}

/* ------------------------------------------------------------------ */
/* Measurements                                                        */
/* ------------------------------------------------------------------ */

static uint8_t g_buf[BURST][8 + MAX_SIZE + 16];

/* Fast-path services per second with @p per_call operations per burst. */
static double
run_fp(struct bench *b, uint8_t svc, uint32_t size, uint16_t per_call, uint64_t *bad)
{
	struct agw_secmod_fp_op ops[BURST];
	double t0 = now_s(), t;
	uint64_t done = 0;
	uint32_t count = 0;

	*bad = 0;
	do {
		for (int rep = 0; rep < 64; rep++) {
			for (uint16_t i = 0; i < per_call; i++)
				ops[i] = (struct agw_secmod_fp_op){.local = N_UE,
								   .peer = N_RAN,
								   .svc = svc,
								   .data = g_buf[i] + 8,
								   .len = size,
								   .count = count++,
								   .bearer = 1};
			done += agw_secmod_fp_burst(b->m[0], 0, ops, per_call);
			*bad += per_call;
		}
		t = now_s() - t0;
	} while (t * 1000 < b->ms);
	*bad -= done;
	return (double)done / t;
}

static double
run_ctl_encrypt(struct bench *b, uint32_t size)
{
	struct agw_secmod_req r = {.requester = N_UE,
				   .dest = N_RAN,
				   .n_svc = 1,
				   .svc = {AGW_SECMOD_SVC_ENCRYPT},
				   .data = g_buf[0] + 8,
				   .len = size};
	double t0 = now_s(), t;
	uint64_t start = b->fb_ok;

	do {
		for (int rep = 0; rep < 16; rep++)
			agw_secmod_request(b->m[0], &r);
		t = now_s() - t0;
	} while (t * 1000 < b->ms);
	return (double)(b->fb_ok - start) / t;
}

static void
bench_driver(struct bench *b, const char *name, const char *prog, const uint32_t *sizes,
	     unsigned int n_sizes)
{
	struct agw_secmod_drv *drv = open_driver(b, name, prog);
	int rc;

	if (drv == NULL) {
		printf("%-7s unavailable: %s\n", name, strerror(errno));
		return;
	}
	rc = modules_up(b, drv);
	if (rc != 0) {
		printf("%-7s cannot run %s/%s\n", name, agw_secmod_alg_name(b->fp_alg[0]),
		       agw_secmod_alg_name(b->fp_alg[1]));
	}
	for (unsigned int s = 0; rc == 0 && s < n_sizes; s++) {
		uint64_t bad1, bad2, bad3, bad4;
		double e32 = run_fp(b, AGW_SECMOD_SVC_ENCRYPT, sizes[s], BURST, &bad1);
		double e1 = run_fp(b, AGW_SECMOD_SVC_ENCRYPT, sizes[s], 1, &bad2);
		double i32 = run_fp(b, AGW_SECMOD_SVC_INTEGRITY, sizes[s], BURST, &bad3);
		double i1 = run_fp(b, AGW_SECMOD_SVC_INTEGRITY, sizes[s], 1, &bad4);
		double ctl = run_ctl_encrypt(b, sizes[s]);

		printf("%-7s %5u  %12.0f %12.0f  %12.0f %12.0f  %12.0f%s\n", name, sizes[s], e32,
		       e1, i32, i1, ctl, bad1 + bad2 + bad3 + bad4 ? "  (failed ops!)" : "");
	}
	if (b->m[0] != NULL)
		agw_secmod_fp_unregister(b->m[0], 0);
	agw_secmod_free(b->m[0]);
	agw_secmod_free(b->m[1]);
	b->m[0] = b->m[1] = NULL;
	agw_secmod_drv_free(drv);
	if (b->hsm_dir[0] != '\0') {
		char cmd[96];

		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", b->hsm_dir);
		if (system(cmd) != 0)
			fprintf(stderr, "could not remove %s\n", b->hsm_dir);
		b->hsm_dir[0] = '\0';
	}
}

static unsigned int
parse_sizes(char *s, uint32_t *out, unsigned int cap)
{
	unsigned int n = 0;
	char *save = NULL;

	for (char *t = strtok_r(s, ",", &save); t != NULL && n < cap;
	     t = strtok_r(NULL, ",", &save)) {
		unsigned long v = strtoul(t, NULL, 10);

		if (v >= 1 && v <= MAX_SIZE)
			out[n++] = (uint32_t)v;
	}
	return n;
}

static void
usage(const char *prog)
{
	fprintf(stderr,
		"usage: %s [--driver sw,cdev,pkcs11] [--size 64,256,1024] [--ms 300]\n"
		"          [--fp nea2|nea1|nea3] [--p11-module PATH]\n",
		prog);
}

int
main(int argc, char **argv)
{
	static const struct option lo[] = {{"driver", required_argument, NULL, 'd'},
					   {"size", required_argument, NULL, 's'},
					   {"ms", required_argument, NULL, 'm'},
					   {"fp", required_argument, NULL, 'f'},
					   {"p11-module", required_argument, NULL, 'p'},
					   {NULL, 0, NULL, 0}};
	struct bench b = {.ms = 300,
			  .fp_alg = {AGW_SECMOD_ALG_NEA2, AGW_SECMOD_ALG_NIA2},
			  .p11_module = "/usr/lib/softhsm/libsofthsm2.so"};
	char drivers[64] = "sw,cdev,pkcs11", sizes_s[64] = "64,256,1024";
	uint32_t sizes[8];
	unsigned int n_sizes;
	char *save = NULL;
	int c;

	while ((c = getopt_long(argc, argv, "", lo, NULL)) != -1) {
		switch (c) {
		case 'd':
			snprintf(drivers, sizeof(drivers), "%s", optarg);
			break;
		case 's':
			snprintf(sizes_s, sizeof(sizes_s), "%s", optarg);
			break;
		case 'm':
			b.ms = (uint32_t)strtoul(optarg, NULL, 10);
			break;
		case 'f':
			if (strcmp(optarg, "nea1") == 0)
				b.fp_alg[0] = AGW_SECMOD_ALG_NEA1,
				b.fp_alg[1] = AGW_SECMOD_ALG_NIA1;
			else if (strcmp(optarg, "nea3") == 0)
				b.fp_alg[0] = AGW_SECMOD_ALG_NEA3,
				b.fp_alg[1] = AGW_SECMOD_ALG_NIA3;
			break;
		case 'p':
			b.p11_module = optarg;
			break;
		default:
			usage(argv[0]);
			return 2;
		}
	}
	n_sizes = parse_sizes(sizes_s, sizes, 8);
	if (n_sizes == 0 || b.ms == 0) {
		usage(argv[0]);
		return 2;
	}
	printf("fast path %s / %s, services/s on one core (%u ms per point)\n",
	       agw_secmod_alg_name(b.fp_alg[0]), agw_secmod_alg_name(b.fp_alg[1]), b.ms);
	printf("%-7s %5s  %12s %12s  %12s %12s  %12s\n", "driver", "bytes", "enc burst32",
	       "enc single", "int burst32", "int single", "ctl AES-GCM");
	/* strtok_r: EAL start-up inside the loop uses strtok() itself */
	for (char *t = strtok_r(drivers, ",", &save); t != NULL; t = strtok_r(NULL, ",", &save)) {
		char name[16];

		snprintf(name, sizeof(name), "%s", t);
		bench_driver(&b, name, argv[0], sizes, n_sizes);
	}
	if (g_eal_up)
		rte_eal_cleanup();
	return 0;
}
