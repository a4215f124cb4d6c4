/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
#include "gen.h"

FILE *
gen_pcap_open(const char *path)
{
	/* magic, version 2.4, thiszone, sigfigs, snaplen, DLT_EN10MB */
	const uint32_t hdr[6] = {0xa1b2c3d4, 0x00040002, 0, 0, 65535, 1};
	FILE *f = fopen(path, "wb");

	if (f != NULL && fwrite(hdr, 4, 6, f) != 6) {
		fclose(f);
		f = NULL;
	}
	return f;
}

int
gen_pcap_write(FILE *f, const void *frame, uint32_t len)
{
	static uint32_t usec;
	uint32_t rec[4] = {1700000000u + usec / 1000000, usec % 1000000, len, len};

	usec++;
	return fwrite(rec, 4, 4, f) == 4 && fwrite(frame, 1, len, f) == len ? 0 : -1;
}
