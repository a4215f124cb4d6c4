/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/* Running anchor-keytool from tests (see kt_run.h). */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "agw_util.h"
#include "kt_run.h"

#define HEX_RING 32
#define HEX_MAX 8192

/* Test-program state: the binary and the file stderr is sent to. */
static char kt_exe[4096];
static char kt_err_path[64];

int
kt_run_init(const char *exe)
{
	int fd;

	if (exe == NULL || strlen(exe) >= sizeof(kt_exe))
		return -EINVAL;
	if (access(exe, X_OK) != 0)
		return -errno;
	strcpy(kt_exe, exe);
	strcpy(kt_err_path, "/tmp/agw-keytool-test-XXXXXX");
	fd = mkstemp(kt_err_path);
	if (fd < 0)
		return -errno;
	close(fd);
	return 0;
}

void
kt_run_fini(void)
{
	if (kt_err_path[0] != '\0')
		unlink(kt_err_path);
}

/* Append s in single quotes, with ' written as '\''. */
static size_t
quote(char *dst, const char *s)
{
	size_t n = 0;

	dst[n++] = ' ';
	dst[n++] = '\'';
	for (; *s != '\0'; s++) {
		if (*s == '\'') {
			memcpy(dst + n, "'\\''", 4);
			n += 4;
		} else {
			dst[n++] = *s;
		}
	}
	dst[n++] = '\'';
	return n;
}

static char *
build_cmd(const char *const *argv)
{
	size_t cap = 4 * strlen(kt_exe) + 2 * strlen(kt_err_path) + 64;
	size_t n = 0;
	unsigned int i;
	char *cmd;

	for (i = 0; argv[i] != NULL; i++)
		cap += 4 * strlen(argv[i]) + 3;
	cmd = malloc(cap);
	if (cmd == NULL)
		return NULL;
	n += quote(cmd + n, kt_exe);
	for (i = 0; argv[i] != NULL; i++)
		n += quote(cmd + n, argv[i]);
	n += (size_t)sprintf(cmd + n, " 2>'%s'", kt_err_path);
	cmd[n] = '\0';
	return cmd;
}

static void
read_all(FILE *f, char *buf, size_t cap)
{
	size_t n = 0, got;

	while (n + 1 < cap && (got = fread(buf + n, 1, cap - 1 - n, f)) > 0)
		n += got;
	buf[n] = '\0';
	/* Drain what does not fit so that the child never blocks. */
	while (fgetc(f) != EOF)
		;
}

static void
read_err(struct kt_res *r)
{
	FILE *f = fopen(kt_err_path, "r");

	r->err[0] = '\0';
	if (f == NULL)
		return;
	read_all(f, r->err, sizeof(r->err));
	fclose(f);
}

int
kt_run(struct kt_res *r, const char *const *argv)
{
	char *cmd = build_cmd(argv);
	FILE *p;
	int st;

	memset(r, 0, sizeof(*r));
	r->status = -1;
	if (cmd == NULL)
		return -1;
	p = popen(cmd, "r");
	free(cmd);
	if (p == NULL)
		return -1;
	read_all(p, r->out, sizeof(r->out));
	st = pclose(p);
	if (st != -1 && WIFEXITED(st))
		r->status = WEXITSTATUS(st);
	read_err(r);
	return r->status;
}

static const char *
find_line(const char *out, const char *name)
{
	size_t nl = strlen(name);
	const char *p = out;

	while (p != NULL && *p != '\0') {
		if (strncmp(p, name, nl) == 0 && p[nl] == '=')
			return p + nl + 1;
		p = strchr(p, '\n');
		if (p != NULL)
			p++;
	}
	return NULL;
}

int
kt_field(const struct kt_res *r, const char *name, uint8_t *out, size_t len)
{
	const char *v = name == NULL ? r->out : find_line(r->out, name);
	char hex[2 * HEX_MAX + 1];
	size_t n;

	if (v == NULL)
		return -ENOENT;
	n = strcspn(v, "\n");
	if (n >= sizeof(hex) || (name == NULL && v[n] == '\n' && v[n + 1] != '\0'))
		return -EINVAL;
	memcpy(hex, v, n);
	hex[n] = '\0';
	if (agw_hex_decode(hex, out, len) != (long)len || n != 2 * len)
		return -EINVAL;
	return 0;
}

const char *
kt_hex(const uint8_t *buf, size_t len)
{
	static char ring[HEX_RING][2 * HEX_MAX + 1];
	static unsigned int next;
	char *s = ring[next++ % HEX_RING];

	if (len > HEX_MAX)
		len = HEX_MAX;
	return agw_hex_encode(buf, len, s);
}
