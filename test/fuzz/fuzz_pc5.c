/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/*
 * libFuzzer target for the PC5 signalling codec: decode one message, read
 * every IE through the accessors, and check that an accepted message
 * re-encodes, that the encoding decodes, and that encoding is then stable.
 */

#include <stdint.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "agw_pc5.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint8_t a[70000], b[70000];

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct agw_pc5_msg m, m2;
	unsigned sum = 0;
	long n, n2;
	int ie;

	if (agw_pc5_decode(data, size, &m) != 0)
		return 0;
	agw_pc5_msg_name(m.type);
	for (ie = 0; ie < AGW_PC5_IE_N_; ie++)
		if (agw_pc5_has(&m, ie) && agw_pc5_ie_allowed(m.type, ie) == 0)
			abort(); /* decoder accepted an IE the message does not allow */
	if (agw_pc5_has(&m, AGW_PC5_IE_NONCE_1))
		sum += m.nonce_1[AGW_PC5_NONCE_LEN - 1];
	if (agw_pc5_has(&m, AGW_PC5_IE_NONCE_2))
		sum += m.nonce_2[AGW_PC5_NONCE_LEN - 1];
	if (agw_pc5_has(&m, AGW_PC5_IE_LL_IPV6))
		sum += m.ll_ipv6[15];
	if (agw_pc5_has(&m, AGW_PC5_IE_UE_IDENTITY))
		sum += m.ue_identity.p[m.ue_identity.len - 1];
	if (agw_pc5_has(&m, AGW_PC5_IE_EAP))
		sum += m.eap.p[m.eap.len - 1];
	if (agw_pc5_has(&m, AGW_PC5_IE_USER_KEY_ID) && m.user_key_id.len)
		sum += m.user_key_id.p[0];
	(void)sum;
	n = agw_pc5_encode(a, sizeof(a), &m);
	if (n <= 0 || (size_t)n > size)
		abort(); /* a decoded message always re-encodes, never longer */
	if (agw_pc5_decode(a, (size_t)n, &m2) != 0 || m2.present != m.present)
		abort();
	n2 = agw_pc5_encode(b, sizeof(b), &m2);
	if (n2 != n || memcmp(a, b, (size_t)n) != 0)
		abort();
	return 0;
}
