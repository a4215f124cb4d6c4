/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
#ifndef AGW_PCAP_H
#define AGW_PCAP_H

/**
 * @file
 * Minimal classic-pcap writer for tests: frames built by the encoders are
 * written to a file that tshark then dissects. Link types used:
 * 1 (Ethernet) for full frames, 147..162 (DLT_USER0..15) for bare payloads
 * that tshark maps to a dissector with its user_dlts table.
 */

#include <stdint.h>
#include <stdio.h>

static inline FILE *
agw_pcap_open(const char *path, uint32_t linktype)
{
	FILE *f = fopen(path, "wb");
	uint32_t hdr[6] = {0xa1b2c3d4, 0x00040002, 0, 0, 65535, linktype};

	if (f == NULL)
		return NULL;
	/* magic, version 2.4, thiszone, sigfigs, snaplen, network */
	if (fwrite(hdr, 4, 6, f) != 6) {
		fclose(f);
		return NULL;
	}
	return f;
}

static inline int
agw_pcap_write(FILE *f, const void *frame, uint32_t len, uint32_t ts_sec)
{
	uint32_t rec[4] = {ts_sec, 0, len, len};

	if (fwrite(rec, 4, 4, f) != 4 || fwrite(frame, 1, len, f) != len)
		return -1;
	return 0;
}

#endif /* AGW_PCAP_H */
