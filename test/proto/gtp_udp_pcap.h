/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
#ifndef GTP_UDP_PCAP_H
#define GTP_UDP_PCAP_H

/**
 * @file
 * Test helpers shared by test_gtpv2.c and test_pc5.c: wrap a payload in a
 * minimal Ethernet/IPv4/UDP frame (independent of lib/proto/net.c, on
 * purpose), write frames to a pcap, run tshark on it and split its verbose
 * output per frame so tests can look for a message name, "Malformed" or an
 * expert error.
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agw_pcap.h"

/** Ethernet (14) + IPv4 (20) + UDP (8). */
#define GTP_UDP_OVERHEAD 42

/* RFC 1071 checksum over the IPv4 header. */
static inline uint16_t
gtp_ip_csum(const uint8_t *p, size_t n)
{
	uint32_t s = 0;
	size_t i;

	for (i = 0; i + 1 < n; i += 2)
		s += (uint32_t)(p[i] << 8 | p[i + 1]);
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (uint16_t)~s;
}

/**
 * Build Eth/IPv4/UDP around @p pl: 02:00:00:00:00:01 -> :02, 10.0.0.1 ->
 * 10.0.0.2, UDP checksum 0 (allowed over IPv4, RFC 768).
 *
 * @return frame length, or 0 if @p cap is too small.
 */
static inline size_t
gtp_udp_frame(uint8_t *out, size_t cap, uint16_t sport, uint16_t dport, const uint8_t *pl, size_t n)
{
	static const uint8_t eth[14] = {2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 0x08, 0x00};
	uint8_t *ip = out + 14, *udp = out + 34;
	size_t iplen = 28 + n;
	uint16_t c;

	if (cap < GTP_UDP_OVERHEAD + n || iplen > 0xffff)
		return 0;
	memcpy(out, eth, 14);
	memset(ip, 0, 20);
	ip[0] = 0x45;
	ip[2] = (uint8_t)(iplen >> 8);
	ip[3] = (uint8_t)iplen;
	ip[6] = 0x40; /* DF */
	ip[8] = 64;
	ip[9] = 17;
	ip[12] = 10, ip[15] = 1;
	ip[16] = 10, ip[19] = 2;
	c = gtp_ip_csum(ip, 20);
	ip[10] = (uint8_t)(c >> 8);
	ip[11] = (uint8_t)c;
	udp[0] = (uint8_t)(sport >> 8), udp[1] = (uint8_t)sport;
	udp[2] = (uint8_t)(dport >> 8), udp[3] = (uint8_t)dport;
	udp[4] = (uint8_t)((8 + n) >> 8), udp[5] = (uint8_t)(8 + n);
	udp[6] = 0, udp[7] = 0;
	memcpy(out + GTP_UDP_OVERHEAD, pl, n);
	return GTP_UDP_OVERHEAD + n;
}

/** Write one UDP payload as an Ethernet frame; 0 or -1. */
static inline int
gtp_pcap_udp(FILE *f, uint16_t sport, uint16_t dport, const uint8_t *pl, size_t n, uint32_t ts)
{
	uint8_t frame[GTP_UDP_OVERHEAD + 4096];
	size_t len = gtp_udp_frame(frame, sizeof(frame), sport, dport, pl, n);

	if (len == 0)
		return -1;
	return agw_pcap_write(f, frame, (uint32_t)len, ts);
}

/** 1 when tshark runs, 0 otherwise. */
static inline int
gtp_tshark_present(void)
{
	return system("tshark -v >/dev/null 2>&1") == 0;
}

/** tshark's verbose text of one frame, and what the tests look for. */
struct gtp_tshark_frame {
	char *text;	  /**< malloc'd verbose text of the frame */
	int malformed;	  /**< "Malformed" anywhere in it */
	int expert_error; /**< an expert item of severity Error */
};

/**
 * Run "tshark -r @p pcap -V @p args" and split its output per frame.
 *
 * @return number of frames found (at most @p max), -1 if tshark could
 *   not be started.
 */
static inline int
gtp_tshark_run(const char *pcap, const char *args, struct gtp_tshark_frame *fr, int max)
{
	char cmd[1024], line[4096];
	int n = -1;
	size_t cap = 0, len = 0;
	FILE *p;

	snprintf(cmd, sizeof(cmd), "tshark -n -r %s -V %s 2>/dev/null", pcap, args ? args : "");
	if ((p = popen(cmd, "r")) == NULL)
		return -1;
	memset(fr, 0, sizeof(*fr) * (size_t)max);
	while (fgets(line, sizeof(line), p) != NULL) {
		size_t l = strlen(line);

		if (strncmp(line, "Frame ", 6) == 0 && n + 1 < max) {
			n++;
			cap = len = 0;
		}
		if (n < 0)
			continue;
		if (len + l + 1 > cap) {
			cap = (len + l + 1) * 2;
			fr[n].text = realloc(fr[n].text, cap);
			if (fr[n].text == NULL)
				break;
		}
		memcpy(fr[n].text + len, line, l + 1);
		len += l;
		if (strstr(line, "Malformed") != NULL)
			fr[n].malformed = 1;
		if (strstr(line, "[Severity level: Error]") != NULL)
			fr[n].expert_error = 1;
	}
	if (pclose(p) != 0)
		return -1;
	return n + 1;
}

static inline void
gtp_tshark_free(struct gtp_tshark_frame *fr, int n)
{
	int i;

	for (i = 0; i < n; i++)
		free(fr[i].text);
}

#endif /* GTP_UDP_PCAP_H */
