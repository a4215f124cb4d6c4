/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * CP-PRUK ID as an NAI (TS 33.503 6.3.3.3: username from the routing
 * indicator and CP-PRUK ID*, realm from the home network; the TS 23.003
 * 28.7.11 layout could not be read, see agw_prose_pruk_id_build()):
 *
 *     rid<RID>.pid<64 lower-case hex>@prose-cp.5gc.mnc<MNC>.mcc<MCC>.3gppnetwork.org
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "agw_store.h"
#include "prose_priv.h"

#define ID_STAR_HEX (2 * AGW_PROSE_KEY_LEN)

static int
digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

static int
plmn_ok(const char *mcc, const char *mnc)
{
	size_t a = mcc == NULL ? 0 : strnlen(mcc, 4), b = mnc == NULL ? 0 : strnlen(mnc, 4);

	return a == 3 && (b == 2 || b == 3) && digits(mcc, 3) && digits(mnc, b);
}

int
agw_prose_pruk_id_build(const char *rid, const uint8_t id_star[AGW_PROSE_KEY_LEN], const char *mcc,
			const char *mnc, char *out, size_t cap)
{
	static const char hx[] = "0123456789abcdef";
	char hex[ID_STAR_HEX + 1];
	size_t rl = rid == NULL ? 0 : strnlen(rid, 5);
	int n;

	if (rl < 1 || rl > 4 || !digits(rid, rl) || id_star == NULL || out == NULL ||
	    !plmn_ok(mcc, mnc))
		return -EINVAL;
	for (int i = 0; i < AGW_PROSE_KEY_LEN; i++) {
		hex[2 * i] = hx[id_star[i] >> 4];
		hex[2 * i + 1] = hx[id_star[i] & 15];
	}
	hex[ID_STAR_HEX] = '\0';
	n = snprintf(out, cap, "rid%s.pid%s@prose-cp.5gc.mnc%s%s.mcc%s.3gppnetwork.org", rid, hex,
		     strlen(mnc) == 2 ? "0" : "", mnc, mcc);
	if (n < 0 || (size_t)n >= cap)
		return -ENOSPC;
	return n;
}

/* The realm this anchor issues: "@prose-cp.5gc.mnc<MNC>.mcc<MCC>.3gppnetwork.org". */
static int
realm_ok(const struct agw_prose *p, const char *s, size_t n)
{
	char want[64];
	int w = snprintf(want, sizeof(want), "@prose-cp.5gc.mnc%s.mcc%s.3gppnetwork.org",
			 p->home.mnc, p->home.mcc);

	return w > 0 && (size_t)w == n && memcmp(s, want, n) == 0;
}

int
prose_id_ok(const struct agw_prose *p, const char *id, size_t len)
{
	size_t i = 3, r;

	if (len < 3 + 1 + 4 + ID_STAR_HEX || len > AGW_PROSE_ID_MAX || memcmp(id, "rid", 3) != 0 ||
	    memchr(id, '\0', len) != NULL)
		return 0;
	for (r = 0; i < len && id[i] >= '0' && id[i] <= '9'; i++)
		r++;
	if (r < 1 || r > 4 || len - i < 4 + ID_STAR_HEX || memcmp(id + i, ".pid", 4) != 0)
		return 0;
	i += 4;
	for (size_t k = 0; k < ID_STAR_HEX; k++, i++)
		if (!((id[i] >= '0' && id[i] <= '9') || (id[i] >= 'a' && id[i] <= 'f')))
			return 0;
	return realm_ok(p, id + i, len - i);
}

int
prose_supi_ok(const char *supi)
{
	return supi != NULL && strnlen(supi, AGW_PROSE_SUPI_MAX) < AGW_PROSE_SUPI_MAX &&
	       agw_store_supi_check(supi) == 0;
}
