/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <rte_errno.h>
#include <rte_hash.h>
#include <rte_jhash.h>
#include <rte_malloc.h>
#include <rte_prefetch.h>
#include <rte_rcu_qsbr.h>

#include "agw_util.h"
#include "ctx_priv.h"

static void ctx_clear_slot(struct agw_ctx_table *t, struct agw_ue_ctx *c);

static uint64_t
heap_allocated(int socket_id)
{
	struct rte_malloc_socket_stats s;
	int sock = socket_id == SOCKET_ID_ANY ? 0 : socket_id;

	if (rte_malloc_get_socket_stats(sock, &s) != 0)
		return 0;
	return s.heap_allocsz_bytes;
}

static struct rte_hash *
ctx_hash_create(const struct agw_ctx_table_conf *conf, const char *suffix, uint32_t key_len)
{
	char name[RTE_HASH_NAMESIZE];
	struct rte_hash_parameters p = {
		.name = name,
		.entries = conf->capacity,
		.key_len = key_len,
		.hash_func = rte_jhash,
		.socket_id = conf->socket_id,
		/* Lock-free readers, one writer (the control lcore); the
		 * extendable table guarantees the configured capacity. */
		.extra_flag = RTE_HASH_EXTRA_FLAGS_RW_CONCURRENCY_LF | RTE_HASH_EXTRA_FLAGS_EXT_TABLE,
	};

	snprintf(name, sizeof(name), "%s_%s", conf->name, suffix);
	return rte_hash_create(&p);
}

static int
ctx_table_alloc(struct agw_ctx_table *t, const struct agw_ctx_table_conf *conf)
{
	size_t qs_size = rte_rcu_qsbr_get_memsize(conf->max_workers);
	uint32_t i;
	int rc;

	t->slots = rte_zmalloc_socket("agw_ctx_slots", (size_t)conf->capacity * sizeof(*t->slots),
				      RTE_CACHE_LINE_SIZE, conf->socket_id);
	t->free_stack = rte_malloc_socket("agw_ctx_free", (size_t)conf->capacity * sizeof(uint32_t),
					  0, conf->socket_id);
	t->dq_cap = conf->capacity + 1;
	t->dq = rte_malloc_socket("agw_ctx_dq", (size_t)t->dq_cap * sizeof(*t->dq), 0,
				  conf->socket_id);
	t->qsv = rte_zmalloc_socket("agw_ctx_qsbr", qs_size, RTE_CACHE_LINE_SIZE,
				    conf->socket_id);
	if (t->slots == NULL || t->free_stack == NULL || t->dq == NULL || t->qsv == NULL)
		return -ENOMEM;
	if (rte_rcu_qsbr_init(t->qsv, conf->max_workers) != 0)
		return -EINVAL;
	rc = ctx_n2_init(t, conf->n2_ids, conf->socket_id);
	if (rc != 0)
		return rc;
	if (!ctx_n2_mode(t))
		t->by_ue = ctx_hash_create(conf, "ue", sizeof(struct agw_ctx_ue_key));
	t->by_stmsi = ctx_hash_create(conf, "tmsi", sizeof(agw_ctx_stmsi_t));
	if ((t->by_ue == NULL && !ctx_n2_mode(t)) || t->by_stmsi == NULL)
		return rte_errno == EEXIST ? -EEXIST : -ENOMEM;
	/* Hand out low slots first: keeps a small table's working set dense. */
	for (i = 0; i < conf->capacity; i++)
		t->free_stack[i] = conf->capacity - 1 - i;
	t->free_top = conf->capacity;
	return 0;
}

static void
ctx_table_release(struct agw_ctx_table *t)
{
	uint32_t i;

	for (i = 0; t->slots != NULL && i < t->capacity; i++)
		if (t->slots[i].sess_int != NULL || t->slots[i].sess_enc != NULL)
			ctx_clear_slot(t, &t->slots[i]);
	if (t->slots != NULL)
		agw_memzero(t->slots, (size_t)t->capacity * sizeof(*t->slots));
	rte_hash_free(t->by_ue);
	rte_hash_free(t->by_stmsi);
	ctx_n2_fini(t);
	rte_free(t->slots);
	rte_free(t->free_stack);
	rte_free(t->dq);
	rte_free(t->qsv);
	rte_free(t);
}

struct agw_ctx_table *
agw_ctx_table_create(const struct agw_ctx_table_conf *conf)
{
	struct agw_ctx_table *t;
	uint64_t before;
	int rc;

	if (conf == NULL || conf->name == NULL || conf->capacity == 0 ||
	    conf->max_workers == 0 || conf->max_workers > RTE_MAX_LCORE) {
		rte_errno = EINVAL;
		return NULL;
	}
	before = heap_allocated(conf->socket_id);
	t = rte_zmalloc_socket("agw_ctx_table", sizeof(*t), RTE_CACHE_LINE_SIZE, conf->socket_id);
	if (t == NULL) {
		rte_errno = ENOMEM;
		return NULL;
	}
	t->capacity = conf->capacity;
	t->max_workers = conf->max_workers;
	if (conf->hooks != NULL)
		t->hooks = *conf->hooks;
	rc = ctx_table_alloc(t, conf);
	if (rc != 0) {
		ctx_table_release(t);
		rte_errno = -rc;
		return NULL;
	}
	t->st.capacity = conf->capacity;
	t->st.memory_bytes = heap_allocated(conf->socket_id) - before;
	t->st.bytes_per_ctx = (uint32_t)(t->st.memory_bytes / conf->capacity);
	return t;
}

void
agw_ctx_table_free(struct agw_ctx_table *t)
{
	if (t != NULL)
		ctx_table_release(t);
}

int
agw_ctx_worker_register(struct agw_ctx_table *t, unsigned int worker_id)
{
	if (t == NULL || worker_id >= t->max_workers)
		return -EINVAL;
	if (rte_rcu_qsbr_thread_register(t->qsv, worker_id) != 0)
		return -EINVAL;
	rte_rcu_qsbr_thread_online(t->qsv, worker_id);
	return 0;
}

void
agw_ctx_worker_unregister(struct agw_ctx_table *t, unsigned int worker_id)
{
	if (t == NULL || worker_id >= t->max_workers)
		return;
	rte_rcu_qsbr_thread_offline(t->qsv, worker_id);
	rte_rcu_qsbr_thread_unregister(t->qsv, worker_id);
}

void
agw_ctx_worker_quiescent(struct agw_ctx_table *t, unsigned int worker_id)
{
	rte_rcu_qsbr_quiescent(t->qsv, worker_id);
}

unsigned int
agw_ctx_lookup_ue_bulk(struct agw_ctx_table *t, const struct agw_ctx_ue_key *keys, unsigned int n,
		       struct agw_ue_ctx **out)
{
	const void *kp[RTE_HASH_LOOKUP_BULK_MAX];
	void *data[RTE_HASH_LOOKUP_BULK_MAX];
	uint64_t hits = 0;
	unsigned int i, found = 0;

	if (n > RTE_HASH_LOOKUP_BULK_MAX)
		n = RTE_HASH_LOOKUP_BULK_MAX;
	if (ctx_n2_mode(t))
		return ctx_n2_lookup_bulk(t, keys, n, out);
	for (i = 0; i < n; i++)
		kp[i] = &keys[i];
	if (n == 0 || rte_hash_lookup_bulk_data(t->by_ue, kp, n, &hits, data) < 0)
		hits = 0;
	for (i = 0; i < n; i++) {
		if (hits & (1ULL << i)) {
			out[i] = data[i];
			ctx_prefetch(out[i]);
			found++;
		} else {
			out[i] = NULL;
		}
	}
	return found;
}

struct agw_ue_ctx *
agw_ctx_lookup_stmsi(struct agw_ctx_table *t, agw_ctx_stmsi_t stmsi)
{
	void *data;

	if (rte_hash_lookup_data(t->by_stmsi, &stmsi, &data) < 0)
		return NULL;
	ctx_prefetch(data);
	return data;
}

/* Queue a slot and/or key positions for release after the grace period. */
static uint64_t
ctx_defer(struct agw_ctx_table *t, uint32_t slot, int32_t pos_ue, int32_t pos_tmsi)
{
	struct ctx_deferred *d = &t->dq[t->dq_tail];
	uint64_t token = rte_rcu_qsbr_start(t->qsv);

	d->token = token;
	d->slot = slot;
	d->pos_ue = pos_ue;
	d->pos_tmsi = pos_tmsi;
	t->dq_tail = (t->dq_tail + 1) % t->dq_cap;
	t->st.deferred++;
	return token;
}

/* Engine resources and keys of a slot; the slot stays allocated. */
static void
ctx_clear_slot(struct agw_ctx_table *t, struct agw_ue_ctx *c)
{
	if (t->hooks.release != NULL && (c->sess_int != NULL || c->sess_enc != NULL))
		t->hooks.release(t->hooks.arg, c);
	c->sess_int = NULL;
	c->sess_enc = NULL;
	agw_nia_key_clear(&c->nia_key);
	agw_nea_key_clear(&c->nea_key);
}

static void
ctx_release_slot(struct agw_ctx_table *t, uint32_t slot)
{
	struct agw_ue_ctx *c = &t->slots[slot];

	ctx_clear_slot(t, c);
	t->free_stack[t->free_top++] = slot;
	t->st.deferred--;
}

void
agw_ctx_reclaim(struct agw_ctx_table *t)
{
	while (t->dq_head != t->dq_tail) {
		struct ctx_deferred *d = &t->dq[t->dq_head];

		if (rte_rcu_qsbr_check(t->qsv, d->token, false) != 1)
			break;
		ctx_release_slot(t, d->slot);
		if (d->pos_ue >= 0)
			rte_hash_free_key_with_position(t->by_ue, d->pos_ue);
		if (d->pos_tmsi >= 0)
			rte_hash_free_key_with_position(t->by_stmsi, d->pos_tmsi);
		t->dq_head = (t->dq_head + 1) % t->dq_cap;
	}
}

int
agw_ctx_is_acked(struct agw_ctx_table *t, uint64_t token)
{
	agw_ctx_reclaim(t);
	return rte_rcu_qsbr_check(t->qsv, token, false) == 1;
}

static int
ctx_fill(struct agw_ctx_table *t, struct agw_nas_sec_engine *eng, uint32_t slot,
	 const struct agw_ctx_install *in)
{
	struct agw_ue_ctx *c = &t->slots[slot];
	uint32_t gen = c->generation + 1;
	int rc;

	memset(c, 0, offsetof(struct agw_ue_ctx, nia_key));
	c->slot = slot;
	c->generation = gen;
	c->nia = in->nia;
	c->nea = in->nea;
	c->ngksi = in->ngksi;
	c->flags = (uint8_t)(in->flags | (in->nea != AGW_NEA0 ? AGW_CTX_F_CIPHER : 0));
	c->bearer = in->bearer;
	c->ul_count = in->ul_count;
	c->dl_count = in->dl_count;
	c->amf_ue_ngap_id = in->ue_key.amf_ue_ngap_id;
	c->assoc_id = in->ue_key.assoc_id;
	c->stmsi = in->stmsi;
	c->user = in->user;
	rc = agw_nia_key_init(eng, &c->nia_key, in->nia, in->k_nas_int);
	if (rc == 0)
		rc = agw_nea_key_init(eng, &c->nea_key, in->nea, in->k_nas_enc);
	if (rc == 0 && t->hooks.install != NULL)
		rc = t->hooks.install(t->hooks.arg, in, c);
	if (rc != 0)
		ctx_clear_slot(t, c);
	return rc;
}

/* Point the 5G-S-TMSI table at @p c; drop the old entry if it changed. */
static int32_t
ctx_link_stmsi(struct agw_ctx_table *t, const struct agw_ue_ctx *old, struct agw_ue_ctx *c)
{
	int32_t pos = -1;

	if (old != NULL && old->stmsi != 0 && old->stmsi != c->stmsi)
		pos = rte_hash_del_key(t->by_stmsi, &old->stmsi);
	if (c->stmsi != 0 && rte_hash_add_key_data(t->by_stmsi, &c->stmsi, c) != 0)
		c->stmsi = 0; /* still reachable by its N2 key */
	return pos < 0 ? -1 : pos;
}

/* The context installed under @p key's index (direct mode: whatever UE's
 * it is) or hash entry; -EINVAL for an ID the gateway did not allocate. */
static int
ctx_find_old(struct agw_ctx_table *t, const struct agw_ctx_ue_key *key, int64_t *idx,
	     struct agw_ue_ctx **old)
{
	void *data;

	*old = NULL;
	if (ctx_n2_mode(t)) {
		*idx = ctx_n2_live_index(t, key->amf_ue_ngap_id);
		if (*idx < 0)
			return -EINVAL;
		*old = t->n2.ctx[*idx];
		return 0;
	}
	if (rte_hash_lookup_data(t->by_ue, key, &data) >= 0)
		*old = data;
	return 0;
}

/* Make @p c reachable under @p key. The slot is complete before that:
 * the store and the hash publish the pointer with release semantics. */
static int
ctx_publish(struct agw_ctx_table *t, const struct agw_ctx_ue_key *key, int64_t idx,
	    struct agw_ue_ctx *c)
{
	if (!ctx_n2_mode(t))
		return rte_hash_add_key_data(t->by_ue, key, c);
	__atomic_store_n(&t->n2.ctx[idx], c, __ATOMIC_RELEASE);
	return 0;
}

static void
ctx_count_install(struct agw_ctx_table *t, const struct agw_ue_ctx *old,
		  const struct agw_ctx_ue_key *key)
{
	if (old == NULL) {
		t->st.installs++;
		t->st.in_use++;
	} else if (old->amf_ue_ngap_id != key->amf_ue_ngap_id) {
		t->st.evicted++; /* a freed ID's context, its index reused */
	} else {
		t->st.replaces++;
	}
}

int
agw_ctx_install(struct agw_ctx_table *t, struct agw_nas_sec_engine *eng,
		const struct agw_ctx_install *in, uint64_t *token)
{
	struct agw_ue_ctx *old;
	int64_t idx = -1;
	uint32_t slot;
	int32_t pos_tmsi;
	uint64_t tok;
	int rc;

	if (t == NULL || eng == NULL || in == NULL || in->ue_key.rsvd != 0)
		return -EINVAL;
	agw_ctx_reclaim(t);
	if (t->free_top == 0) {
		t->st.full++;
		return -ENOSPC;
	}
	rc = ctx_find_old(t, &in->ue_key, &idx, &old);
	if (rc != 0)
		return rc;
	slot = t->free_stack[--t->free_top];
	rc = ctx_fill(t, eng, slot, in);
	if (rc == 0)
		rc = ctx_publish(t, &in->ue_key, idx, &t->slots[slot]);
	if (rc != 0) {
		ctx_clear_slot(t, &t->slots[slot]);
		t->free_stack[t->free_top++] = slot;
		return rc;
	}
	pos_tmsi = ctx_link_stmsi(t, old, &t->slots[slot]);
	ctx_count_install(t, old, &in->ue_key);
	tok = old != NULL ? ctx_defer(t, old->slot, -1, pos_tmsi) : rte_rcu_qsbr_start(t->qsv);
	if (token != NULL)
		*token = tok;
	return 0;
}

/* Unlink @p key's context; returns it, or NULL. *pos_ue: the hash key
 * position to free after the grace period (-1: none). */
static struct agw_ue_ctx *
ctx_unlink_ue(struct agw_ctx_table *t, const struct agw_ctx_ue_key *key, int32_t *pos_ue)
{
	struct agw_ue_ctx *c;
	void *data;
	int64_t idx;

	*pos_ue = -1;
	if (ctx_n2_mode(t)) {
		idx = ctx_n2_index(t, key->amf_ue_ngap_id);
		c = idx < 0 ? NULL : t->n2.ctx[idx];
		if (c == NULL || !ctx_key_matches(c, key))
			return NULL;
		__atomic_store_n(&t->n2.ctx[idx], NULL, __ATOMIC_RELEASE);
		return c;
	}
	if (rte_hash_lookup_data(t->by_ue, key, &data) < 0)
		return NULL;
	*pos_ue = rte_hash_del_key(t->by_ue, key);
	if (*pos_ue < 0)
		*pos_ue = -1;
	return data;
}

int
agw_ctx_delete(struct agw_ctx_table *t, const struct agw_ctx_ue_key *key, uint64_t *token)
{
	struct agw_ue_ctx *c;
	int32_t pos_ue, pos_tmsi = -1;
	uint64_t tok;

	if (t == NULL || key == NULL)
		return -EINVAL;
	c = ctx_unlink_ue(t, key, &pos_ue);
	if (c == NULL)
		return -ENOENT;
	if (c->stmsi != 0) {
		pos_tmsi = rte_hash_del_key(t->by_stmsi, &c->stmsi);
		if (pos_tmsi < 0)
			pos_tmsi = -1;
	}
	tok = ctx_defer(t, c->slot, pos_ue, pos_tmsi);
	t->st.deletes++;
	t->st.in_use--;
	if (token != NULL)
		*token = tok;
	return 0;
}

void
agw_ctx_stats_get(const struct agw_ctx_table *t, struct agw_ctx_stats *st)
{
	*st = t->st;
}
