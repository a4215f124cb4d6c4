/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/* anchor-keytool option parser and typed getters (see args.h). */

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agw_util.h"
#include "args.h"

int
kt_err(const struct kt_args *a, const char *opt, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "anchor-keytool: %s: ", a != NULL && a->cmd != NULL ? a->cmd : "error");
	if (opt != NULL)
		fprintf(stderr, "--%s: ", opt);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return -EINVAL;
}

static const struct kt_opt *
find_opt(const struct kt_opt *opts, const char *name)
{
	for (; opts != NULL && opts->name != NULL; opts++)
		if (strcmp(opts->name, name) == 0)
			return opts;
	return NULL;
}

static int
add_pair(struct kt_args *a, const char *arg, const char *val)
{
	const struct kt_opt *o;

	if (strncmp(arg, "--", 2) != 0 || arg[2] == '\0')
		return kt_err(a, NULL, "unexpected argument '%s' (options are --name value)", arg);
	o = find_opt(a->opts, arg + 2);
	if (o == NULL)
		return kt_err(a, arg + 2, "unknown option (see 'anchor-keytool help %s')",
			      a->cmd);
	if (val == NULL)
		return kt_err(a, o->name, "missing value");
	if (!(o->flags & KT_OPT_MULTI) && kt_get(a, o->name, 0) != NULL)
		return kt_err(a, o->name, "given more than once");
	if (a->n == KT_MAX_ARGS)
		return kt_err(a, o->name, "too many options (at most %d)", KT_MAX_ARGS);
	a->opt[a->n] = o;
	a->val[a->n] = val;
	a->n++;
	return 0;
}

int
kt_args_parse(struct kt_args *a, const char *cmd, const struct kt_opt *opts, int argc,
	      char **argv)
{
	const struct kt_opt *o;
	int i, rc;

	memset(a, 0, sizeof(*a));
	a->cmd = cmd;
	a->opts = opts;
	for (i = 0; i < argc; i += 2) {
		rc = add_pair(a, argv[i], i + 1 < argc ? argv[i + 1] : NULL);
		if (rc < 0)
			return rc;
	}
	for (o = opts; o != NULL && o->name != NULL; o++)
		if ((o->flags & KT_OPT_REQ) && kt_get(a, o->name, 0) == NULL)
			return kt_err(a, o->name, "missing option");
	return 0;
}

const char *
kt_get(const struct kt_args *a, const char *name, unsigned int idx)
{
	unsigned int i;

	for (i = 0; i < a->n; i++)
		if (strcmp(a->opt[i]->name, name) == 0 && idx-- == 0)
			return a->val[i];
	return NULL;
}

unsigned int
kt_count(const struct kt_args *a, const char *name)
{
	unsigned int i, n = 0;

	for (i = 0; i < a->n; i++)
		n += strcmp(a->opt[i]->name, name) == 0;
	return n;
}

static const char *
get_present(const struct kt_args *a, const char *name, unsigned int idx)
{
	const char *v = kt_get(a, name, idx);

	if (v == NULL)
		kt_err(a, name, "missing option");
	return v;
}

static const char *
skip_0x(const char *s)
{
	return s[0] == '0' && (s[1] == 'x' || s[1] == 'X') ? s + 2 : s;
}

size_t
kt_hex_len(const struct kt_args *a, const char *name, unsigned int idx)
{
	const char *v = kt_get(a, name, idx);

	return v == NULL ? 0 : strlen(skip_0x(v)) / 2;
}

/* Check digits and parity, so the length message is about length only. */
static int
check_hex(const struct kt_args *a, const char *name, const char *v)
{
	const char *p = skip_0x(v);

	for (; *p != '\0'; p++)
		if (!isxdigit((unsigned char)*p))
			return kt_err(a, name, "'%c' is not a hex digit", *p);
	if (strlen(skip_0x(v)) % 2 != 0)
		return kt_err(a, name, "odd number of hex digits");
	return 0;
}

long
kt_hexv(const struct kt_args *a, const char *name, unsigned int idx, uint8_t *out, size_t min,
	size_t max)
{
	const char *v = get_present(a, name, idx);
	size_t got = 0;
	long n;

	if (v == NULL)
		return -EINVAL;
	if (check_hex(a, name, v) < 0)
		return -EINVAL;
	got = strlen(skip_0x(v)) / 2;
	if (got < min || got > max) {
		if (min == max)
			return kt_err(a, name, "expected %zu octets (%zu hex digits), got %zu",
				      min, 2 * min, got);
		return kt_err(a, name, "expected %zu to %zu octets of hex, got %zu", min, max,
			      got);
	}
	n = agw_hex_decode(v, out, max);
	if (n < 0)
		return kt_err(a, name, "invalid hex");
	return n;
}

int
kt_hex(const struct kt_args *a, const char *name, uint8_t *out, size_t len)
{
	long n = kt_hexv(a, name, 0, out, len, len);

	return n < 0 ? (int)n : 0;
}

static int
parse_ul(const char *v, int base, unsigned long *out)
{
	char *end;

	if (*v == '\0' || isspace((unsigned char)*v) || *v == '-' || *v == '+')
		return -EINVAL;
	errno = 0;
	*out = strtoul(v, &end, base);
	if (errno != 0 || *end != '\0')
		return -EINVAL;
	return 0;
}

int
kt_uint(const struct kt_args *a, const char *name, uint32_t min, uint32_t max, uint32_t *out)
{
	const char *v = get_present(a, name, 0);
	unsigned long x;

	if (v == NULL)
		return -EINVAL;
	if (parse_ul(v, 10, &x) < 0)
		return kt_err(a, name, "'%s' is not a decimal integer", v);
	if (x < min || x > max)
		return kt_err(a, name, "%s out of range %u..%u", v, min, max);
	*out = (uint32_t)x;
	return 0;
}

int
kt_xuint(const struct kt_args *a, const char *name, unsigned int digits, uint32_t *out)
{
	const char *v = get_present(a, name, 0);
	const char *p;
	unsigned long x;

	if (v == NULL)
		return -EINVAL;
	p = skip_0x(v);
	if (strspn(p, "0123456789abcdefABCDEF") != strlen(p) || parse_ul(p, 16, &x) < 0)
		return kt_err(a, name, "'%s' is not a hex integer", v);
	if (strlen(p) > digits)
		return kt_err(a, name, "'%s' has more than %u hex digits", v, digits);
	*out = (uint32_t)x;
	return 0;
}

int
kt_text(const struct kt_args *a, const char *name, size_t min, size_t max, const char **out)
{
	const char *v = get_present(a, name, 0);
	size_t len = 0;

	if (v == NULL)
		return -EINVAL;
	len = strlen(v);
	if (len < min || len > max)
		return kt_err(a, name, "expected %zu to %zu characters, got %zu", min, max, len);
	*out = v;
	return 0;
}

int
kt_word(const struct kt_args *a, const char *name, const char *const *words)
{
	const char *v = get_present(a, name, 0);
	int i;

	if (v == NULL)
		return -EINVAL;
	for (i = 0; words[i] != NULL; i++)
		if (strcmp(v, words[i]) == 0)
			return i;
	return kt_err(a, name, "unknown value '%s'", v);
}
