/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */

/*
 * "decode": cost of the fast path's parse of an UplinkNASTransport frame,
 * stage by stage and as a whole, on one core:
 *
 *   net   agw_net_parse_frame(): Ethernet / IPv4 / SCTP common header and
 *         chunks down to the DATA chunk, with the CRC32c verified (software,
 *         SSE4.2 crc32) and with AGW_NET_F_NO_L4_CSUM (the NIC verified it),
 *         plus agw_classify's checks (SCTP, one complete message, PPID 60);
 *   ngap  agw_ap_pdu_decode() and one walk of the IE container taking the
 *         AMF/RAN-UE-NGAP-IDs, the 5G-S-TMSI and the NAS-PDU, exactly as
 *         pipelines/node_ngap.c does;
 *   nas   agw_nas5g_sec_decode(): the NAS-5GS security header
 *         (pipelines/node_nas_sec.c's first step).
 *
 * The "frame prefetched" totals prefetch every cache line of the frame
 * PF_AHEAD messages ahead, which separates the parse work from the cost of
 * bringing the frame in (4096 frames of ~400 octets do not fit in L2). They
 * prefetch the frame's whole slot in the frame store (stride octets: the
 * largest frame, rounded up to whole lines), a fixed number of lines
 * whatever the frame's length. The lines past the frame's end are fetched
 * for nothing, but no branch depends on the length: a loop up to the
 * frame's own length mispredicted its exit on nearly every message (the
 * lengths come in random order) and cost ~5 ns more per message; clamping
 * the addresses to the frame's last line, ~2 ns more. At ~50 ns per message
 * PF_AHEAD = 4 puts ~200 ns between a prefetch and its use, several times
 * the L3 latency, with the lines of about one frame in flight at a time;
 * 2, 3, 6 and 8 ahead measured the same.
 *
 * The frames are built once by the UE side (agw_uesim_ul_frame(): NEA2 +
 * NIA2 protected UL NAS transport, different UEs and NAS sizes), stored
 * compactly and parsed in a fixed pseudo-random order, cycled. Each stage
 * alone runs on the inputs the previous stages found (precomputed), so the
 * stage figures add up to about the total, which runs the three in a row
 * per message as the pipeline does.
 *
 * The rows are measured round-robin, each round one measurement (after its
 * own warm-up pass) of every row, and each row reports its best round: on a
 * shared machine whose speed drifts, rows measured one after the other were
 * not comparable with each other.
 */

#include <errno.h>
#include <inttypes.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <x86intrin.h>

#include "agw_nas5g.h"
#include "agw_net.h"
#include "agw_ngap.h"
#include "agw_util.h"
#include "perf.h"
#include "uesim.h"

#define TARGET_NS 50.0
#define PF_AHEAD 4 /* "frame prefetched" rows: whole frame, this many ahead */
#define PF_LINE 64 /* prefetch granule: one cache line */
/* The NIC verified the IPv4 header checksum and the SCTP CRC32c. */
#define NIC_OK (AGW_NET_F_NO_L3_CSUM | AGW_NET_F_NO_L4_CSUM)

/* TS 38.413 9.4.7 ProtocolIE-IDs (as pipelines/node_ngap.c). */
#define IE_AMF_UE_NGAP_ID 10
#define IE_FIVEG_S_TMSI 26
#define IE_NAS_PDU 38
#define IE_RAN_UE_NGAP_ID 85

/* What the parse of one frame yields (a subset of struct agw_pkt_meta). */
struct dec_meta {
	uint16_t ngap_off, ngap_len;
	uint16_t nas_off, nas_len;
	uint64_t amf_ue_ngap_id, ran_ue_ngap_id, stmsi;
	uint8_t sht, sqn;
};

struct dec_bench {
	const struct perf_decode_opts *o;
	uint8_t *frames;        /**< nb_frames frames, stride apart */
	size_t stride;
	uint16_t *len;          /**< frame lengths */
	uint32_t *order;        /**< visiting order (a permutation) */
	struct dec_meta *meta;  /**< per frame: offsets found by the verify pass */
	uint64_t sink;          /**< keeps results live */
	double avg_frame, avg_nas;
};

struct dec_result {
	double ns, cyc;
};

static uint64_t
mix64(uint64_t z)
{
	z += 0x9e3779b97f4a7c15ULL;
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static double
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* ---- the three stages, as the nodes do them -------------------------- */

/* agw_classify, full parser only (the reference row). */
static inline int
stage_net_full(const uint8_t *base, uint16_t len, unsigned int flags, struct dec_meta *m)
{
	struct agw_net_frame f;
	int rc = agw_net_parse_frame(base, len, flags, &f);

	if (rc != 0)
		return rc;
	if (f.l4 != AGW_IPPROTO_SCTP || f.n_msgs != 1 || f.msgs[0].ppid != AGW_SCTP_PPID_NGAP)
		return AGW_PROTO_E_UNSUPPORTED;
	m->ngap_off = (uint16_t)(f.msgs[0].payload - base);
	m->ngap_len = (uint16_t)f.msgs[0].len;
	return 0;
}

/* agw_classify as pipelines/node_classify.c runs it: the one-DATA-chunk
 * fast path, the full parser for anything else. */
static inline int
stage_net(const uint8_t *base, uint16_t len, unsigned int flags, struct dec_meta *m)
{
	struct agw_net_sctp_one o;

	if (agw_net_sctp_one_fast(base, len, flags, &o) != 0)
		return stage_net_full(base, len, flags, m);
	if (o.ppid != AGW_SCTP_PPID_NGAP)
		return AGW_PROTO_E_UNSUPPORTED;
	m->ngap_off = o.msg_off;
	m->ngap_len = o.msg_len;
	return 0;
}

static inline uint64_t
stmsi_key(const struct agw_ngap_5g_s_tmsi *s)
{
	return (uint64_t)s->set_id << 38 | (uint64_t)(s->pointer & 0x3f) << 32 |
	       (uint64_t)s->tmsi[0] << 24 | (uint64_t)s->tmsi[1] << 16 |
	       (uint64_t)s->tmsi[2] << 8 | s->tmsi[3];
}

/* node_ngap.c ngap_take_ie(). */
static inline int
ngap_take_ie(const struct agw_ap_ie *ie, struct dec_meta *m, struct agw_ap_octets *nas)
{
	struct agw_ngap_5g_s_tmsi st;
	uint32_t ran;
	int rc;

	switch (ie->id) {
	case IE_AMF_UE_NGAP_ID:
		return agw_ngap_ie_amf_ue_id(ie, &m->amf_ue_ngap_id);
	case IE_RAN_UE_NGAP_ID:
		rc = agw_ngap_ie_ran_ue_id(ie, &ran);
		m->ran_ue_ngap_id = ran;
		return rc;
	case IE_NAS_PDU:
		return agw_ngap_ie_nas_pdu(ie, nas);
	case IE_FIVEG_S_TMSI:
		rc = agw_ngap_ie_5g_s_tmsi(ie, &st);
		if (rc == 0)
			m->stmsi = stmsi_key(&st);
		return rc;
	default:
		return 0;
	}
}

/* The generic walker: PDU, procedure, agw_ap_ie_next() + typed accessors
 * (the reference row). */
static inline int
stage_ngap_generic(const uint8_t *base, struct dec_meta *m)
{
	struct agw_ap_octets nas = {NULL, 0};
	struct agw_ap_ie_iter it;
	struct agw_ap_pdu pdu;
	struct agw_ap_ie ie;
	int rc;

	if (agw_ap_pdu_decode(base + m->ngap_off, m->ngap_len, &pdu) != 0)
		return AGW_PROTO_E_BAD_VALUE;
	if (pdu.type != AGW_AP_INITIATING || (pdu.proc != AGW_NGAP_PROC_UPLINK_NAS_TRANSPORT &&
					      pdu.proc != AGW_NGAP_PROC_INITIAL_UE_MESSAGE))
		return AGW_PROTO_E_UNSUPPORTED;
	agw_ap_ie_iter_init(&it, &pdu);
	while ((rc = agw_ap_ie_next(&it, &ie)) == 1) {
		rc = ngap_take_ie(&ie, m, &nas);
		if (rc != 0)
			return rc;
	}
	if (rc < 0)
		return rc;
	if (nas.p == NULL || nas.len == 0 || nas.len > UINT16_MAX)
		return AGW_PROTO_E_MISSING_IE;
	m->nas_off = (uint16_t)(nas.p - base);
	m->nas_len = (uint16_t)nas.len;
	return 0;
}

/* agw_ngap as pipelines/node_ngap.c runs it: agw_ngap_ue_nas_decode(). */
static inline int
stage_ngap(const uint8_t *base, struct dec_meta *m)
{
	struct agw_ngap_ue_nas u;
	int rc = agw_ngap_ue_nas_decode(base + m->ngap_off, m->ngap_len, &u);

	if (rc != 0)
		return rc;
	if (u.type != AGW_AP_INITIATING || (u.proc != AGW_NGAP_PROC_UPLINK_NAS_TRANSPORT &&
					    u.proc != AGW_NGAP_PROC_INITIAL_UE_MESSAGE))
		return AGW_PROTO_E_UNSUPPORTED;
	if (u.nas.p == NULL || u.nas.len == 0 || u.nas.len > UINT16_MAX)
		return AGW_PROTO_E_MISSING_IE;
	m->amf_ue_ngap_id = u.amf_ue_ngap_id;
	m->ran_ue_ngap_id = u.ran_ue_ngap_id;
	if (u.has_stmsi)
		m->stmsi = stmsi_key(&u.stmsi);
	m->nas_off = (uint16_t)(u.nas.p - base);
	m->nas_len = (uint16_t)u.nas.len;
	return 0;
}

/* agw_nas_sec: the security header (node_nas_sec.c nas_sec_header()). */
static inline int
stage_nas(const uint8_t *base, struct dec_meta *m)
{
	struct agw_nas5g_sec sec;

	if (agw_nas5g_sec_decode(base + m->nas_off, m->nas_len, &sec) != 0 || sec.sht > 4)
		return AGW_PROTO_E_BAD_VALUE;
	m->sht = sec.sht;
	m->sqn = sec.sqn;
	return 0;
}

/* ---- set-up ------------------------------------------------------------ */

static inline const uint8_t *
frame_at(const struct dec_bench *b, uint32_t i)
{
	return b->frames + (size_t)i * b->stride;
}

/* NAS-PDU length of a UL NAS transport frame carrying @p plen octets. */
static long
nas_len_of(struct agw_nas_sec_engine *eng, struct agw_uesim_ue *ue, size_t plen, uint8_t *frame,
	   const uint8_t *payload)
{
	struct dec_meta m;
	long n = agw_uesim_ul_frame(eng, ue, 0, payload, plen, 0, 0, frame, NULL, NULL);

	memset(&m, 0, sizeof(m));
	if (n <= 0 || stage_net(frame, (uint16_t)n, 0, &m) != 0 || stage_ngap(frame, &m) != 0)
		return -EINVAL;
	return m.nas_len;
}

static int
dec_build(struct dec_bench *b)
{
	const struct perf_decode_opts *o = b->o;
	struct agw_nas_sec_engine *eng = agw_nas_sec_engine_create();
	static uint8_t frame[AGW_UESIM_MAX_FRAME], payload[AGW_UESIM_MAX_FRAME];
	struct agw_uesim_ue ue;
	long overhead, n;
	uint64_t tot_f = 0, tot_n = 0;
	size_t max_frame;
	int rc = 0;

	if (eng == NULL)
		return -ENOMEM;
	for (size_t k = 0; k < sizeof(payload); k++)
		payload[k] = (uint8_t)mix64(k);
	memset(&ue, 0, sizeof(ue));
	ue.nia = AGW_NIA2;
	ue.nea = AGW_NEA2;
	for (int k = 0; k < 16; k++) {
		ue.kint[k] = (uint8_t)mix64(100 + k);
		ue.kenc[k] = (uint8_t)mix64(200 + k);
	}
	if (agw_uesim_ue_keys(eng, &ue) != 0) {
		agw_nas_sec_engine_free(eng);
		return -EINVAL;
	}
	/* NAS-PDU = overhead + payload (header, 5GMM header, container IEs). */
	overhead = nas_len_of(eng, &ue, 200, frame, payload) - 200;
	n = nas_len_of(eng, &ue, 300, frame, payload);
	if (overhead <= 0 || n != overhead + 300 || (long)o->min_nas <= overhead) {
		fprintf(stderr, "decode: NAS sizes must exceed %ld octets\n", overhead);
		agw_nas_sec_engine_free(eng);
		return -EINVAL;
	}
	/* Largest frame, for the stride. */
	n = agw_uesim_ul_frame(eng, &ue, 0, payload, o->max_nas - (size_t)overhead, 0, 0, frame,
			       NULL, NULL);
	max_frame = n > 0 ? (size_t)n : 0;
	b->stride = (max_frame + 63) & ~(size_t)63;
	b->frames = aligned_alloc(64, b->stride * o->nb_frames);
	b->len = calloc(o->nb_frames, sizeof(*b->len));
	b->order = calloc(o->nb_frames, sizeof(*b->order));
	b->meta = calloc(o->nb_frames, sizeof(*b->meta));
	if (n <= 0 || b->frames == NULL || b->len == NULL || b->order == NULL || b->meta == NULL)
		rc = -ENOMEM;
	for (uint32_t i = 0; i < o->nb_frames && rc == 0; i++) {
		uint64_t r = mix64(0xdec0de + i);
		uint32_t nas = o->min_nas + (uint32_t)(r % (o->max_nas - o->min_nas + 1));

		ue.amf_id = 0x100000 + i * 7ULL;
		ue.ran_id = 1 + i;
		ue.gnb = (uint8_t)(i % 4);
		ue.count = (uint32_t)(r >> 32) & 0xffff;
		n = agw_uesim_ul_frame(eng, &ue, 0, payload + (i & 255), nas - (size_t)overhead, 0,
				       0, frame, NULL, NULL);
		if (n <= 0 || (size_t)n > b->stride) {
			rc = -EINVAL;
			break;
		}
		memcpy(b->frames + (size_t)i * b->stride, frame, (size_t)n);
		b->len[i] = (uint16_t)n;
		tot_f += (uint64_t)n;
		tot_n += nas;
	}
	agw_uesim_ue_clear(&ue);
	agw_nas_sec_engine_free(eng);
	if (rc != 0)
		return rc;
	/* Visiting order: a fixed pseudo-random permutation (Fisher-Yates). */
	for (uint32_t i = 0; i < o->nb_frames; i++)
		b->order[i] = i;
	for (uint32_t i = o->nb_frames - 1; i > 0; i--) {
		uint32_t j = (uint32_t)(mix64(i ^ 0x5eed) % (i + 1)), t = b->order[i];

		b->order[i] = b->order[j];
		b->order[j] = t;
	}
	b->avg_frame = (double)tot_f / o->nb_frames;
	b->avg_nas = (double)tot_n / o->nb_frames;
	return 0;
}

/* Every frame parses, both ways, to what the builder put in. */
static int
dec_verify(struct dec_bench *b)
{
	for (uint32_t i = 0; i < b->o->nb_frames; i++) {
		struct dec_meta m, m2;
		const uint8_t *f = frame_at(b, i);

		memset(&m, 0, sizeof(m));
		memset(&m2, 0, sizeof(m2));
		if (stage_net(f, b->len[i], 0, &m) != 0 ||
		    stage_net_full(f, b->len[i], NIC_OK, &m2) != 0 || m.ngap_off != m2.ngap_off ||
		    m.ngap_len != m2.ngap_len || stage_ngap(f, &m) != 0 ||
		    stage_ngap_generic(f, &m2) != 0 || m.nas_off != m2.nas_off ||
		    m.amf_ue_ngap_id != m2.amf_ue_ngap_id || m.ran_ue_ngap_id != m2.ran_ue_ngap_id ||
		    stage_nas(f, &m) != 0 ||
		    m.amf_ue_ngap_id != 0x100000 + i * 7ULL || m.ran_ue_ngap_id != 1 + i ||
		    m.sht != 2 || m.nas_len < b->o->min_nas || m.nas_len > b->o->max_nas) {
			fprintf(stderr, "decode: frame %u does not parse as built\n", i);
			return -EINVAL;
		}
		b->meta[i] = m;
	}
	return 0;
}

/* ---- measurements ------------------------------------------------------ */

enum dec_mode {
	M_NET_FULL_CRC,
	M_NET_FULL_NOCRC,
	M_NGAP_GENERIC,
	M_NET_CRC,
	M_NET_NOCRC,
	M_NGAP,
	M_NAS,
	M_TOTAL_CRC,
	M_TOTAL_NOCRC,
	M_TOTAL_CRC_PF,
	M_TOTAL_NOCRC_PF,
	M_N
};

static const char *const mode_name[M_N] = {
	[M_NET_FULL_CRC] = "ref: full frame parser, checksums in sw",
	[M_NET_FULL_NOCRC] = "ref: full frame parser, NIC-verified",
	[M_NGAP_GENERIC] = "ref: ngap generic IE walker",
	[M_NET_CRC] = "eth/ipv4/sctp, checksums in sw",
	[M_NET_NOCRC] = "eth/ipv4/sctp, NIC-verified csums",
	[M_NGAP] = "ngap PDU + IE walk to NAS-PDU",
	[M_NAS] = "nas-5gs security header",
	[M_TOTAL_CRC] = "total, checksums in sw",
	[M_TOTAL_NOCRC] = "total, NIC-verified csums",
	[M_TOTAL_CRC_PF] = "total, sw csums, frame prefetched",
	[M_TOTAL_NOCRC_PF] = "total, NIC csums, frame prefetched",
};

static const char *const mode_key[M_N] = {
	[M_NET_FULL_CRC] = "ref_net_full_crc", [M_NET_FULL_NOCRC] = "ref_net_full_nocrc",
	[M_NGAP_GENERIC] = "ref_ngap_generic",
	[M_NET_CRC] = "net_crc", [M_NET_NOCRC] = "net_nocrc", [M_NGAP] = "ngap",
	[M_NAS] = "nas", [M_TOTAL_CRC] = "total_crc", [M_TOTAL_NOCRC] = "total_nocrc",
	[M_TOTAL_CRC_PF] = "total_crc_prefetch", [M_TOTAL_NOCRC_PF] = "total_nocrc_prefetch",
};

/* Frame @p j's slot, every line, into L1: no branch on the frame's length. */
static inline void
dec_prefetch(const struct dec_bench *b, uint32_t j)
{
	const uint8_t *p = frame_at(b, j);

	for (size_t off = 0; off < b->stride; off += PF_LINE)
		__builtin_prefetch(p + off, 0, 3);
}

/* One pass of @p iters messages in mode @p mode; returns failures. */
static uint64_t
dec_pass(struct dec_bench *b, enum dec_mode mode, uint64_t iters)
{
	const uint32_t mask = b->o->nb_frames - 1;
	uint64_t bad = 0, sink = 0;

	const int pf = mode == M_TOTAL_CRC_PF || mode == M_TOTAL_NOCRC_PF;

	for (uint64_t k = 0; k < iters; k++) {
		uint32_t i = b->order[k & mask];
		const uint8_t *f = frame_at(b, i);
		struct dec_meta m;
		int rc = 0;

		if (pf)
			dec_prefetch(b, b->order[(k + PF_AHEAD) & mask]);
		switch (mode) {
		case M_NET_FULL_CRC:
		case M_NET_FULL_NOCRC:
			m.ngap_off = 0;
			rc = stage_net_full(f, b->len[i], mode == M_NET_FULL_NOCRC ? NIC_OK : 0, &m);
			sink += m.ngap_off;
			break;
		case M_NET_CRC:
		case M_NET_NOCRC:
			m.ngap_off = 0;
			rc = stage_net(f, b->len[i], mode == M_NET_NOCRC ? NIC_OK : 0, &m);
			sink += m.ngap_off;
			break;
		case M_NGAP_GENERIC:
			m.ngap_off = b->meta[i].ngap_off;
			m.ngap_len = b->meta[i].ngap_len;
			m.nas_off = 0;
			m.amf_ue_ngap_id = 0;
			rc = stage_ngap_generic(f, &m);
			sink += m.nas_off + m.amf_ue_ngap_id;
			break;
		case M_NGAP:
			m.ngap_off = b->meta[i].ngap_off;
			m.ngap_len = b->meta[i].ngap_len;
			m.nas_off = 0;
			m.amf_ue_ngap_id = 0;
			rc = stage_ngap(f, &m);
			sink += m.nas_off + m.amf_ue_ngap_id;
			break;
		case M_NAS:
			m.nas_off = b->meta[i].nas_off;
			m.nas_len = b->meta[i].nas_len;
			m.sqn = 0;
			rc = stage_nas(f, &m);
			sink += m.sqn;
			break;
		default:
			m.stmsi = 0;
			m.amf_ue_ngap_id = 0;
			m.sqn = 0;
			rc = stage_net(f, b->len[i],
				       mode == M_TOTAL_NOCRC || mode == M_TOTAL_NOCRC_PF
					       ? NIC_OK
					       : 0,
				       &m);
			if (rc == 0)
				rc = stage_ngap(f, &m);
			if (rc == 0)
				rc = stage_nas(f, &m);
			sink += m.sqn + m.amf_ue_ngap_id;
			break;
		}
		bad += rc != 0;
	}
	b->sink += sink;
	return bad;
}

/* One measurement of row @p mode, after a warm-up pass; keeps the best in @p best. */
static int
dec_measure(struct dec_bench *b, enum dec_mode mode, struct dec_result *best)
{
	uint64_t iters = b->o->iters, c0, c1, bad;
	double t0, t1;

	dec_pass(b, mode, b->o->nb_frames * 16ULL); /* warm-up: caches, branch predictors */
	t0 = now_ns();
	c0 = __rdtsc();
	bad = dec_pass(b, mode, iters);
	c1 = __rdtsc();
	t1 = now_ns();
	if (bad != 0) {
		fprintf(stderr, "decode: %s: %" PRIu64 " of %" PRIu64 " failed\n", mode_name[mode],
			bad, iters);
		return -EIO;
	}
	if (best->ns == 0 || (t1 - t0) / (double)iters < best->ns) {
		best->ns = (t1 - t0) / (double)iters;
		best->cyc = (double)(c1 - c0) / (double)iters;
	}
	return 0;
}

static int
pin_core(int core)
{
	cpu_set_t set;

	if (core < 0)
		return 0;
	CPU_ZERO(&set);
	CPU_SET(core, &set);
	return sched_setaffinity(0, sizeof(set), &set) == 0 ? 0 : -errno;
}

static double
tsc_ghz(void)
{
	double t0 = now_ns();
	uint64_t c0 = __rdtsc();

	while (now_ns() - t0 < 50e6)
		;
	return (double)(__rdtsc() - c0) / (now_ns() - t0);
}

static void
print_load(const char *when)
{
	FILE *f = fopen("/proc/loadavg", "r");
	char buf[128] = "?";

	if (f != NULL) {
		if (fgets(buf, sizeof(buf), f) == NULL)
			snprintf(buf, sizeof(buf), "?\n");
		fclose(f);
	}
	printf("# load average %s: %s", when, buf);
}

int
perf_decode_run(const struct perf_decode_opts *o)
{
	struct dec_bench b;
	struct dec_result res[M_N];
	double ghz;
	int rc;

	if (o->nb_frames == 0 || (o->nb_frames & (o->nb_frames - 1)) != 0 || o->iters == 0 ||
	    o->repeat == 0 || o->min_nas > o->max_nas || o->max_nas > 4000)
		return -EINVAL;
	rc = pin_core(o->core);
	if (rc != 0) {
		fprintf(stderr, "decode: cannot pin to CPU %d: %s\n", o->core, strerror(-rc));
		return rc;
	}
	memset(&b, 0, sizeof(b));
	b.o = o;
	rc = dec_build(&b);
	if (rc == 0)
		rc = dec_verify(&b);
	if (rc != 0)
		goto out;
	ghz = tsc_ghz();
	printf("# test-anchor-perf decode: %u UplinkNASTransport frames (NEA2+NIA2, NAS-PDU "
	       "%u..%u octets, mean NAS %.0f, mean frame %.0f), pseudo-random order, cycled\n",
	       o->nb_frames, o->min_nas, o->max_nas, b.avg_nas, b.avg_frame);
	printf("# %" PRIu64 " messages per measurement, best of %u rounds over the rows; CPU %d; "
	       "TSC %.3f GHz\n",
	       o->iters, o->repeat, o->core, ghz);
	print_load("before");
	memset(res, 0, sizeof(res));
	for (unsigned int r = 0; r < o->repeat && rc == 0; r++)
		for (int m = 0; m < M_N && rc == 0; m++)
			rc = dec_measure(&b, (enum dec_mode)m, &res[m]);
	if (rc != 0)
		goto out;
	print_load("after");
	if (o->csv) {
		printf("stage,ns_per_msg,cycles_per_msg,mmsg_per_s\n");
		for (int m = 0; m < M_N; m++)
			printf("%s,%.2f,%.1f,%.2f\n", mode_key[m], res[m].ns, res[m].cyc,
			       1e3 / res[m].ns);
	} else {
		printf("%-40s %8s %10s %9s\n", "stage", "ns/msg", "cycles/msg", "Mmsg/s");
		/* the prefetched rows after a blank line */
		for (int m = 0; m < M_N; m++)
			printf("%s%-40s %8.2f %10.1f %9.2f\n",
			       m == M_TOTAL_CRC_PF || m == M_NET_CRC ? "\n" : "",
			       mode_name[m], res[m].ns, res[m].cyc, 1e3 / res[m].ns);
	}
	printf("# target SCTP+NGAP+NAS-header parse < %.0f ns/message: with CRC32c %s "
	       "(%.1f ns), NIC-verified checksums %s (%.1f ns);\n"
	       "#   with the frame prefetched: with CRC32c %s (%.1f ns), without %s (%.1f ns)\n",
	       TARGET_NS, res[M_TOTAL_CRC].ns < TARGET_NS ? "MET" : "NOT MET", res[M_TOTAL_CRC].ns,
	       res[M_TOTAL_NOCRC].ns < TARGET_NS ? "MET" : "NOT MET", res[M_TOTAL_NOCRC].ns,
	       res[M_TOTAL_CRC_PF].ns < TARGET_NS ? "MET" : "NOT MET", res[M_TOTAL_CRC_PF].ns,
	       res[M_TOTAL_NOCRC_PF].ns < TARGET_NS ? "MET" : "NOT MET",
	       res[M_TOTAL_NOCRC_PF].ns);
	printf("# (checksum of results: %" PRIx64 ")\n", b.sink);
out:
	free(b.frames);
	free(b.len);
	free(b.order);
	free(b.meta);
	return rc;
}
