/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
/*
 * Static UE security contexts from a CSV file, installed at start by the
 * control lcore: for test benches, pcap replay and pktgen runs where no
 * registration precedes the traffic. One line per context:
 *
 *   ran_ip,gw_ip,ran_port,gw_port,amf_ue_ngap_id,nia,nea,k_nas_int,k_nas_enc,ul_count[,stmsi]
 *
 * IPs in dotted IPv4 or IPv6 text form, keys as 32 hex digits, stmsi as
 * hex. '#' starts a comment line. The file holds keys: it must not be
 * readable by group or others.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "agw_util.h"
#include "gw.h"

struct ctx_line {
	uint8_t ran_ip[16], gw_ip[16];
	unsigned int ip_len;
	unsigned long ran_port, gw_port;
	struct agw_ctx_install in;
};

static int
parse_ip(const char *s, uint8_t *out, unsigned int *len)
{
	if (inet_pton(AF_INET, s, out) == 1) {
		*len = 4;
		return 0;
	}
	if (inet_pton(AF_INET6, s, out) == 1) {
		*len = 16;
		return 0;
	}
	return -EINVAL;
}

static int
parse_fields(char **f, unsigned int nf, struct ctx_line *l)
{
	unsigned int len2;
	char *end;

	if (nf < 10 || parse_ip(f[0], l->ran_ip, &l->ip_len) != 0 ||
	    parse_ip(f[1], l->gw_ip, &len2) != 0 || len2 != l->ip_len)
		return -EINVAL;
	l->ran_port = strtoul(f[2], &end, 10);
	l->gw_port = strtoul(f[3], &end, 10);
	l->in.ue_key.amf_ue_ngap_id = strtoull(f[4], &end, 0);
	l->in.nia = (uint8_t)strtoul(f[5], &end, 10);
	l->in.nea = (uint8_t)strtoul(f[6], &end, 10);
	if (l->ran_port > 65535 || l->gw_port > 65535 || l->in.nia > 3 || l->in.nea > 3 ||
	    agw_hex_decode(f[7], l->in.k_nas_int, 16) != 16 ||
	    agw_hex_decode(f[8], l->in.k_nas_enc, 16) != 16)
		return -EINVAL;
	l->in.ul_count = (uint32_t)strtoul(f[9], &end, 0);
	l->in.stmsi = nf > 10 ? strtoull(f[10], &end, 16) : 0;
	l->in.bearer = 1; /* TS 33.501 6.4.3.1: 3GPP access */
	l->in.ue_key.assoc_id = agw_assoc_id(l->ran_ip, l->gw_ip, l->ip_len,
					     (uint16_t)l->ran_port, (uint16_t)l->gw_port);
	return 0;
}

static unsigned int
split_csv(char *line, char **f, unsigned int max)
{
	unsigned int n = 0;
	char *save = NULL, *tok;

	line[strcspn(line, "\r\n")] = '\0';
	for (tok = strtok_r(line, ",", &save); tok != NULL && n < max;
	     tok = strtok_r(NULL, ",", &save))
		f[n++] = tok;
	return n;
}

static int
check_private(FILE *fp, const char *path)
{
	struct stat st;

	if (fstat(fileno(fp), &st) != 0)
		return -errno;
	if (st.st_mode & (S_IRWXG | S_IRWXO)) {
		fprintf(stderr, "anchorgw: %s holds keys and is readable by group/others "
				"(chmod 600 it)\n", path);
		return -EPERM;
	}
	return 0;
}

int
gw_ctx_file_load(struct gw *gw, const char *path)
{
	char buf[512], *f[12];
	struct ctx_line l;
	unsigned int lineno = 0;
	FILE *fp = fopen(path, "r");
	int rc;

	if (fp == NULL) {
		fprintf(stderr, "anchorgw: %s: %s\n", path, strerror(errno));
		return -ENOENT;
	}
	rc = check_private(fp, path);
	while (rc == 0 && fgets(buf, sizeof(buf), fp) != NULL) {
		lineno++;
		if (buf[0] == '#' || buf[0] == '\n')
			continue;
		memset(&l, 0, sizeof(l));
		rc = parse_fields(f, split_csv(buf, f, 12), &l);
		if (rc == 0)
			rc = agw_ctx_install(gw->ctx, gw->ctl_eng, &l.in, NULL);
		if (rc != 0)
			fprintf(stderr, "anchorgw: %s:%u: context not installed (%s)\n", path,
				lineno, strerror(-rc));
		else
			gw->ctl.ctx_loaded++;
		agw_memzero(&l, sizeof(l));
	}
	agw_memzero(buf, sizeof(buf));
	fclose(fp);
	return rc;
}
