/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * The cryptodev engine, when the configuration asks for it: the crypto
 * device (any DPDK crypto PMD: crypto_qat, crypto_aesni_mb, crypto_openssl)
 * with one queue pair per worker, and the context-table hooks through which
 * the control lcore creates each context's sessions (a verify session for
 * K_NASint, a cipher session for K_NASenc) and frees them after the
 * context's grace period. NIA0/NEA0 need no session: the worker's IPsec-MB
 * manager handles them.
 */
#include <errno.h>
#include <stdio.h>

#include <rte_errno.h>
#include <rte_lcore.h>

#include "gw.h"

static int
gw_cdev_install(void *arg, const struct agw_ctx_install *in, struct agw_ue_ctx *c)
{
	struct agw_cdev *cdev = arg;
	int rc = 0;

	if (in->nia != AGW_NIA0)
		rc = agw_cdev_session_nia_verify(cdev, in->nia, in->k_nas_int, &c->sess_int);
	if (rc == 0 && in->nea != AGW_NEA0)
		rc = agw_cdev_session_nea(cdev, in->nea, in->k_nas_enc, &c->sess_enc);
	return rc;
}

static void
gw_cdev_release(void *arg, struct agw_ue_ctx *c)
{
	agw_cdev_session_free(arg, c->sess_int);
	agw_cdev_session_free(arg, c->sess_enc);
}

int
gw_engine_create(struct gw *gw, struct agw_ctx_hooks *hooks)
{
	struct agw_cdev_conf cc = {
		.dev_name = gw->conf.cryptodev,
		.nb_qp = (uint16_t)gw->conf.nb_workers,
		/* Live and grace-period contexts together never exceed the
		 * table's slots; each holds at most two sessions. */
		.max_sessions = 2 * gw->conf.max_contexts,
		.socket_id = (int)rte_socket_id(),
	};
	unsigned int i;

	if (gw->conf.engine != GW_ENGINE_CRYPTODEV)
		return 0;
	gw->cdev = agw_cdev_create(&cc);
	if (gw->cdev == NULL) {
		fprintf(stderr, "anchorgw: %s: crypto.cryptodev '%s': %s (is it on the EAL "
				"command line, e.g. --vdev %s?)\n", gw->conf.path, cc.dev_name,
			rte_strerror(rte_errno), cc.dev_name);
		return -ENODEV;
	}
	hooks->install = gw_cdev_install;
	hooks->release = gw_cdev_release;
	hooks->arg = gw->cdev;
	for (i = 0; i < gw->conf.nb_workers; i++) {
		gw->workers[i].cdev = gw->cdev;
		gw->workers[i].cdev_qp = (uint16_t)i;
	}
	return 0;
}

void
gw_engine_free(struct gw *gw)
{
	if (gw->cdev != NULL && agw_cdev_free(gw->cdev) != 0)
		fprintf(stderr, "anchorgw: cryptodev engine still has sessions at exit\n");
	gw->cdev = NULL;
}
