/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
#ifndef AGW_REG_GNB_H
#define AGW_REG_GNB_H

/**
 * @file
 * The gNB side of the registration simulator: UE-associated NGAP over
 * SCTP DATA / IPv4 / Ethernet II, framing only (no INIT handshake). Wire
 * contract with the gateway:
 *  - gNB MAC 02:00:00:00:00:01, gateway MAC 02:00:00:00:00:02, no VLAN;
 *  - IPv4 gNB 10.10.0.1 -> gateway 10.10.0.2 (configurable);
 *  - SCTP gNB port 9487, gateway port 38412, verification tag 0x41474e42
 *    both ways; one DATA chunk per frame, B|E, PPID 60, stream 1, TSN
 *    +1 per frame and direction, SSN +1 per stream;
 *  - uplink: InitialUEMessage (RAN-UE-NGAP-ID, NAS-PDU, NR ULI, RRC
 *    establishment cause mo-Signalling) first, then UplinkNASTransport
 *    with the AMF-UE-NGAP-ID learnt from the gateway's
 *    DownlinkNASTransport.
 */

#include <stddef.h>
#include <stdint.h>

/** Largest frame built or accepted, octets. */
#define AGW_REGGNB_FRAME_MAX 2048

#define AGW_REGGNB_PORT_GNB 9487
#define AGW_REGGNB_PORT_GW 38412
#define AGW_REGGNB_VTAG 0x41474e42u
#define AGW_REGGNB_STREAM 1
#define AGW_REGGNB_RRC_MO_SIGNALLING 3 /**< RRCEstablishmentCause mo-Signalling */

/** Addressing and cell; agw_reggnb_conf_default() fills the contract values. */
struct agw_reggnb_conf {
	uint8_t gnb_mac[6], gw_mac[6];
	uint8_t gnb_ip[4], gw_ip[4];
	uint16_t gnb_port, gw_port;
	uint32_t vtag;
	uint8_t plmn[3];  /**< TBCD (001/01: 00 f1 10) */
	uint8_t tac[3];	  /**< tracking area code */
	uint64_t cell_id; /**< NR cell identity, 36 bits */
};

/** Per-direction framing counters and anomalies (none is fatal). */
struct agw_reggnb_stats {
	uint64_t ul_frames;	    /**< frames built */
	uint64_t ul_initial;	    /**< of which InitialUEMessage */
	uint64_t dl_frames;	    /**< frames from the gateway, parsed */
	uint64_t dl_msgs;	    /**< DownlinkNASTransport accepted */
	uint64_t dl_ignored;	    /**< not IPv4/SCTP from the gateway to us */
	uint64_t dl_bad_frame;	    /**< from the gateway, but malformed (CRC, lengths) */
	uint64_t dl_bad_sctp;	    /**< wrong ports/tag, PPID, stream, or fragments */
	uint64_t dl_bad_ngap;	    /**< NGAP not decodable */
	uint64_t dl_other_proc;	    /**< another NGAP procedure */
	uint64_t dl_unknown_ue;	    /**< RAN-UE-NGAP-ID not ours */
	uint64_t dl_amf_id_changed; /**< AMF-UE-NGAP-ID differs from the one learnt */
	uint64_t dl_tsn_gap;	    /**< DL TSN not previous + 1 */
	uint64_t dl_ssn_gap;	    /**< DL SSN not previous + 1 on the stream */
};

/** Per-UE NGAP state: the AMF-UE-NGAP-ID once learnt. */
struct agw_reggnb_ue {
	uint64_t amf_id;
	uint8_t has_amf_id;
};

/** The simulated gNB: RAN-UE-NGAP-ID = ran_base + slot index. */
struct agw_reggnb {
	struct agw_reggnb_conf conf;
	uint32_t ran_base; /**< RAN-UE-NGAP-ID of ues[0] */
	uint32_t n_ues;
	struct agw_reggnb_ue *ues;
	uint32_t ul_tsn; /**< next UL TSN */
	uint16_t ul_ssn; /**< next UL SSN on the stream */
	uint32_t dl_tsn; /**< last DL TSN seen */
	uint16_t dl_ssn; /**< last DL SSN seen */
	uint8_t dl_seen; /**< dl_tsn/dl_ssn valid */
	struct agw_reggnb_stats st;
};

/** Contract values: MACs, 10.10.0.1 -> 10.10.0.2, ports, tag, PLMN 001/01. */
void agw_reggnb_conf_default(struct agw_reggnb_conf *c);

/**
 * Set up a gNB for @p n_ues UEs with RAN-UE-NGAP-IDs ran_base ..
 * ran_base + n_ues - 1.
 * @return 0, -EINVAL or -ENOMEM.
 */
int agw_reggnb_init(struct agw_reggnb *g, const struct agw_reggnb_conf *c, uint32_t ran_base,
		    uint32_t n_ues);

/** Free the UE table. */
void agw_reggnb_free(struct agw_reggnb *g);

/**
 * Wrap one uplink NAS PDU of the UE with RAN-UE-NGAP-ID @p ran_id:
 * InitialUEMessage until its AMF-UE-NGAP-ID is known, then
 * UplinkNASTransport.
 * @return the frame length, or a negative error (-EINVAL, or an
 *   AGW_PROTO_E_* code from the encoders).
 */
long agw_reggnb_ul(struct agw_reggnb *g, uint32_t ran_id, const uint8_t *nas, size_t len,
		   uint8_t *frame, size_t cap);

/** One downlink NAS PDU found in a frame. */
struct agw_reggnb_dl {
	uint32_t ran_id;
	uint64_t amf_id;
	const uint8_t *nas; /**< points into the frame */
	size_t len;
};

/**
 * Unwrap a frame received from the link: check it is IPv4/SCTP from the
 * gateway to this gNB with the contract's framing, decode each
 * DownlinkNASTransport, learn the AMF-UE-NGAP-ID.
 * @return the number of entries filled in @p out (0: nothing for us; the
 *   reason is counted in @c st).
 */
unsigned int agw_reggnb_dl(struct agw_reggnb *g, const uint8_t *frame, size_t len,
			   struct agw_reggnb_dl *out, unsigned int max);

/**
 * Build a DownlinkNASTransport frame as the gateway sends it (gateway ->
 * gNB addressing of @p c), for tests playing the gateway.
 * @return the frame length or a negative error.
 */
long agw_reggnb_gw_dl(const struct agw_reggnb_conf *c, uint32_t tsn, uint16_t ssn, uint64_t amf_id,
		      uint32_t ran_id, const uint8_t *nas, size_t len, uint8_t *frame, size_t cap);

#endif /* AGW_REG_GNB_H */
