/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
#ifndef NET_TSHARK_H
#define NET_TSHARK_H

/**
 * @file
 * Test helpers shared by test_net.c and test_ngap.c: read a classic pcap
 * file, and let tshark (Wireshark 4.0) dissect a pcap the encoders wrote,
 * with IPv4/UDP/SCTP checksum verification on, returning one row per frame
 * (protocols, Info column, expert severities, checksum statuses, NGAP
 * procedure code).
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/** Expert severity of an error in Wireshark (PI_ERROR). */
#define NET_TSHARK_PI_ERROR 0x00800000UL

/** One frame as tshark shows it. */
struct net_tshark_row {
	unsigned int frame; /**< frame.number */
	char protos[256];   /**< frame.protocols */
	char info[512];	    /**< _ws.col.Info */
	char severity[128]; /**< _ws.expert.severity, comma-separated */
	char sctp_csum[32]; /**< sctp.checksum.status (1 = good) */
	char ip_csum[32];   /**< ip.checksum.status (1 = good) */
	char udp_csum[32];  /**< udp.checksum.status (1 = good) */
	char ngap_proc[64]; /**< ngap.procedureCode, comma-separated */
};

/** 1 when a tshark binary runs. */
static inline int
net_tshark_present(void)
{
	return system("tshark -v >/dev/null 2>&1") == 0;
}

static inline void
net_tshark_field(char **line, char *dst, size_t cap)
{
	char *tab = strchr(*line, '\t');
	size_t n = tab != NULL ? (size_t)(tab - *line) : strlen(*line);

	if (n >= cap)
		n = cap - 1;
	memcpy(dst, *line, n);
	dst[n] = '\0';
	*line = tab != NULL ? tab + 1 : *line + strlen(*line);
}

/**
 * Run tshark on @p pcap; fill up to @p max rows.
 * @return number of rows, or -1 when tshark could not be run.
 */
static inline int
net_tshark_run(const char *pcap, struct net_tshark_row *rows, int max)
{
	char cmd[1024], line[2048], num[16];
	FILE *p;
	int n = 0;

	snprintf(cmd, sizeof(cmd),
		 "tshark -r '%s' -o sctp.checksum:crc-32c -o sctp.tsn_analysis:FALSE -o "
		 "ip.check_checksum:TRUE "
		 "-o udp.check_checksum:TRUE -T fields -E occurrence=a -E aggregator=, "
		 "-e frame.number -e frame.protocols -e _ws.col.Info -e _ws.expert.severity "
		 "-e sctp.checksum.status -e ip.checksum.status -e udp.checksum.status "
		 "-e ngap.procedureCode 2>/dev/null",
		 pcap);
	p = popen(cmd, "r");
	if (p == NULL)
		return -1;
	while (n < max && fgets(line, sizeof(line), p) != NULL) {
		struct net_tshark_row *r = &rows[n++];
		char *s = line;

		line[strcspn(line, "\n")] = '\0';
		net_tshark_field(&s, num, sizeof(num));
		r->frame = (unsigned int)strtoul(num, NULL, 10);
		net_tshark_field(&s, r->protos, sizeof(r->protos));
		net_tshark_field(&s, r->info, sizeof(r->info));
		net_tshark_field(&s, r->severity, sizeof(r->severity));
		net_tshark_field(&s, r->sctp_csum, sizeof(r->sctp_csum));
		net_tshark_field(&s, r->ip_csum, sizeof(r->ip_csum));
		net_tshark_field(&s, r->udp_csum, sizeof(r->udp_csum));
		net_tshark_field(&s, r->ngap_proc, sizeof(r->ngap_proc));
	}
	if (pclose(p) != 0)
		return -1;
	return n;
}

/**
 * Run tshark on @p pcap printing @p fields (e.g. "-e ngap.RAN_UE_NGAP_ID"),
 * all occurrences comma-separated, one line per frame (newline removed).
 * @return number of lines, or -1 when tshark could not be run.
 */
static inline int
net_tshark_fields(const char *pcap, const char *fields, char (*lines)[1024], int max)
{
	char cmd[2048];
	FILE *p;
	int n = 0;

	snprintf(cmd, sizeof(cmd),
		 "tshark -r '%s' -o sctp.tsn_analysis:FALSE -T fields -E occurrence=a -E "
		 "aggregator=, "
		 "-e frame.number %s 2>/dev/null",
		 pcap, fields);
	p = popen(cmd, "r");
	if (p == NULL)
		return -1;
	while (n < max && fgets(lines[n], 1024, p) != NULL) {
		lines[n][strcspn(lines[n], "\n")] = '\0';
		n++;
	}
	if (pclose(p) != 0)
		return -1;
	return n;
}

/** Field @p idx (0 = frame.number) of a tab-separated line, copied to @p dst. */
static inline void
net_tshark_col(const char *line, int idx, char *dst, size_t cap)
{
	char *s = (char *)line;

	for (int i = 0; i <= idx; i++)
		net_tshark_field(&s, dst, cap);
}

/** 1 when any expert item of the row has severity error (or worse). */
static inline int
net_tshark_has_error(const struct net_tshark_row *r)
{
	const char *s = r->severity;

	while (*s != '\0') {
		char *end;
		unsigned long v = strtoul(s, &end, 10);

		if (end == s)
			break;
		if (v >= NET_TSHARK_PI_ERROR)
			return 1;
		s = *end == ',' ? end + 1 : end;
	}
	return 0;
}

/* ---- classic pcap reading ---- */

/** A whole pcap file in memory and a cursor over its records. */
struct net_pcap {
	uint8_t *buf;  /**< file contents */
	size_t len;    /**< file size */
	size_t off;    /**< next record */
	int swap;      /**< file written big-endian */
	uint32_t link; /**< link type */
};

static inline uint32_t
net_pcap_u32(const struct net_pcap *pc, const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return pc->swap ? __builtin_bswap32(v) : v;
}

/** Load a pcap file; 0 on success. */
static inline int
net_pcap_open(struct net_pcap *pc, const char *path)
{
	FILE *f = fopen(path, "rb");
	long sz;
	uint32_t magic;

	memset(pc, 0, sizeof(*pc));
	if (f == NULL)
		return -1;
	if (fseek(f, 0, SEEK_END) != 0 || (sz = ftell(f)) < 24 || fseek(f, 0, SEEK_SET) != 0) {
		fclose(f);
		return -1;
	}
	pc->buf = malloc((size_t)sz);
	if (pc->buf == NULL || fread(pc->buf, 1, (size_t)sz, f) != (size_t)sz) {
		fclose(f);
		free(pc->buf);
		pc->buf = NULL;
		return -1;
	}
	fclose(f);
	pc->len = (size_t)sz;
	memcpy(&magic, pc->buf, 4);
	if (magic == 0xd4c3b2a1)
		pc->swap = 1;
	else if (magic != 0xa1b2c3d4)
		return -1;
	pc->link = net_pcap_u32(pc, pc->buf + 20);
	pc->off = 24;
	return 0;
}

/** Next record; 1 with @p frame/@p len set, 0 at the end, -1 on a bad file. */
static inline int
net_pcap_next(struct net_pcap *pc, const uint8_t **frame, uint32_t *len)
{
	uint32_t incl;

	if (pc->off == pc->len)
		return 0;
	if (pc->len - pc->off < 16)
		return -1;
	incl = net_pcap_u32(pc, pc->buf + pc->off + 8);
	if (pc->len - pc->off - 16 < incl)
		return -1;
	*frame = pc->buf + pc->off + 16;
	*len = incl;
	pc->off += 16 + (size_t)incl;
	return 1;
}

static inline void
net_pcap_close(struct net_pcap *pc)
{
	free(pc->buf);
	pc->buf = NULL;
}

/** Path of real-signalling.pcap: $AGW_REAL_PCAP, else the source tree seen from build-x/test/proto.
 */
static inline const char *
net_real_pcap_path(const char *argv1)
{
	const char *env = getenv("AGW_REAL_PCAP");

	if (env != NULL && env[0] != '\0')
		return env;
	if (argv1 != NULL)
		return argv1;
	return "../../../test/vectors/real-signalling.pcap";
}

#endif /* NET_TSHARK_H */
