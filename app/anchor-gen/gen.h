/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
#ifndef ANCHOR_GEN_H
#define ANCHOR_GEN_H

/*
 * anchor-gen: UE/gNB traffic for anchorgw, computed independently on the
 * UE side with lib/crypto and the lib/proto encoders.
 */

#include <stdint.h>
#include <stdio.h>

/** Deterministic PRNG (splitmix64), so a seed reproduces a capture. */
static inline uint64_t
gen_rand(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/** Classic pcap writer (Ethernet). */
FILE *gen_pcap_open(const char *path);
int gen_pcap_write(FILE *f, const void *frame, uint32_t len);

/** `anchor-gen nas-pcap ...`; returns the process exit code. */
int gen_nas_pcap_main(int argc, char **argv);

/** `anchor-gen subscribers ...` (CSV for anchor-subscriber); exit code. */
int gen_subscribers_main(int argc, char **argv);

/** `anchor-gen register ...` (UE/gNB registration simulator); exit code. */
int gen_register_main(int argc, char **argv);

#endif /* ANCHOR_GEN_H */
