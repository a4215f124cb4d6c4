/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 anchorgw authors
 */
#ifndef AGW_SIDF_H
#define AGW_SIDF_H

/**
 * @file
 * Subscription identifier de-concealing function (SIDF, TS 33.501 6.12.5)
 * and its UE-side counterpart: SUCI <-> SUPI with the null scheme and the
 * ECIES profiles A and B of TS 33.501 Annex C.
 *
 * ECIES (C.3.4): profile A is X25519; profile B is secp256r1 with a
 * compressed ephemeral public key and the cofactor DH primitive. Both use
 * the ANSI-X9.63 KDF with SHA-256 (SharedInfo1 = the ephemeral public key
 * as sent, 32 or 33 octets), which gives 64 octets split into the AES-128
 * encryption key (16), the initial counter block (16) and the HMAC key
 * (32); AES-128-CTR with a 32-bit counter (NIST SP 800-38A B.1, m = 32);
 * and the first 8 octets of HMAC-SHA-256 over the ciphertext as the tag.
 * All of it runs on OpenSSL 3 EVP (EVP_PKEY_derive, EVP_KDF "X963KDF",
 * AES-128-CTR, EVP_MAC HMAC): there is no elliptic-curve point arithmetic
 * here. The one exception is field arithmetic: profile B's compressed
 * public key is decompressed with a P-256-specific square root (y from x,
 * SEC 1 2.3.4), a public computation that OpenSSL only offers through a
 * generic, far slower path.
 *
 * Three layers:
 *  - agw_sidf_ecies_encrypt() / agw_sidf_ecies_decrypt(): scheme input <->
 *    scheme output (ephemeral key || ciphertext || tag), with the
 *    intermediate values in an optional struct agw_sidf_trace.
 *  - agw_sidf_conceal(): SUPI -> 5GS mobile identity IE value holding the
 *    SUCI (UE side: simulator, anchor-keytool).
 *  - agw_sidf_deconceal(): 5GS mobile identity IE value -> SUPI (home
 *    network), with the home-network private keys of a struct agw_hnkeys.
 *
 * SUPI forms: IMSI ("imsi-<MCC><MNC><MSIN>"; the scheme input is the MSIN
 * in packed BCD, C.3.1) and the NAI forms of TS 23.003 (network specific
 * identifier "nai-<username>@<realm>", also "gci-"/"gli-"), whose SUCI is
 * itself a NAI (TS 23.003 28.7.3):
 *   type<t>.rid<RI>.schid<s>.hnkey<k>.ecckey<HEX>.cip<HEX>.mac<HEX>@<realm>
 *   type<t>.rid<RI>.schid0.userid<username>@<realm>        (null scheme)
 * carried in the 5GS mobile identity with SUPI format 1 (TS 24.501
 * 9.11.3.4); its scheme input is the username (TS 33.220 B.2.1.2).
 *
 * Errors: every failure is one of the negative AGW_SIDF_E_* causes below
 * (their own range, never -errno); agw_sidf_deconceal() adds each outcome
 * to a struct agw_sidf_counters the caller owns.
 *
 * Threads: every function here is reentrant. agw_sidf_deconceal() may run
 * in any number of threads next to one writer changing the key set (see
 * struct agw_hnkeys). Key material lives only in caller buffers, in the
 * key set, and in OpenSSL objects; temporaries are zeroised.
 */

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------ */
/* Sizes                                                                     */
/* ------------------------------------------------------------------------ */

#define AGW_SIDF_X25519_LEN 32	  /**< profile A public key, private key, shared key */
#define AGW_SIDF_P256_C_LEN 33	  /**< profile B compressed point (02/03 || x) */
#define AGW_SIDF_P256_U_LEN 65	  /**< profile B uncompressed point (04 || x || y) */
#define AGW_SIDF_PRIV_LEN 32	  /**< private key (X25519 scalar, P-256 scalar) */
#define AGW_SIDF_SHARED_LEN 32	  /**< ECDH shared secret Z */
#define AGW_SIDF_ENC_KEY_LEN 16	  /**< enckeylen */
#define AGW_SIDF_ICB_LEN 16	  /**< icblen */
#define AGW_SIDF_MAC_KEY_LEN 32	  /**< mackeylen */
#define AGW_SIDF_TAG_LEN 8	  /**< maclen */
#define AGW_SIDF_EPH_MAX 33	  /**< longest ephemeral public key in a SUCI */
#define AGW_SIDF_MSIN_MAX 10	  /**< MSIN digits (IMSI <= 15 digits, MCC 3, MNC >= 2) */
#define AGW_SIDF_MSIN_BCD_MAX 5	  /**< MSIN in packed BCD, octets */
#define AGW_SIDF_USERNAME_MAX 253 /**< NAI username (RFC 7542 2.2 limit for a NAI) */
#define AGW_SIDF_REALM_MAX 253	  /**< NAI realm */
/** Longest scheme input. */
#define AGW_SIDF_INPUT_MAX AGW_SIDF_USERNAME_MAX
/** Longest ECIES scheme output: key || ciphertext || tag. */
#define AGW_SIDF_OUT_MAX (AGW_SIDF_EPH_MAX + AGW_SIDF_INPUT_MAX + AGW_SIDF_TAG_LEN)
/** Room for a SUPI string with its NUL ("nai-" username "@" realm). */
#define AGW_SIDF_SUPI_MAX 512
/** Room for a 5GS mobile identity value holding any SUCI this code writes. */
#define AGW_SIDF_IE_MAX 1024
/** Number of home network public key identifiers (0-255). */
#define AGW_SIDF_N_KEY_IDS 256

/** Protection scheme identifiers (TS 33.501 C.1). */
enum agw_sidf_scheme {
	AGW_SIDF_SCHEME_NULL = 0, /**< null-scheme (C.2) */
	AGW_SIDF_PROFILE_A = 1,	  /**< ECIES profile A: X25519 (C.3.4.1) */
	AGW_SIDF_PROFILE_B = 2,	  /**< ECIES profile B: secp256r1, compressed (C.3.4.2) */
};
/** Schemes this code implements (0-2), for per-scheme counters. */
#define AGW_SIDF_N_SCHEMES 3

/** SUPI type (TS 23.003 2.2B; the "type" label of a SUCI NAI). */
enum agw_sidf_supi_type {
	AGW_SIDF_SUPI_IMSI = 0, /**< IMSI */
	AGW_SIDF_SUPI_NSI = 1,	/**< network specific identifier (NAI) */
	AGW_SIDF_SUPI_GCI = 2,	/**< global cable identifier (NAI) */
	AGW_SIDF_SUPI_GLI = 3,	/**< global line identifier (NAI) */
};

/* ------------------------------------------------------------------------ */
/* Causes and counters                                                       */
/* ------------------------------------------------------------------------ */

/**
 * SIDF outcomes as an X-macro: the enum, the counter names and the strings
 * stay in one list. X(id, name).
 */
#define AGW_SIDF_CAUSES(X)                                                                         \
	X(MALFORMED, "malformed")			 /* IE / SUCI NAI does not decode */       \
	X(NOT_SUCI, "not-suci")				 /* identity is a GUTI, IMEI, ... */       \
	X(UNSUPPORTED_SUPI, "unsupported-supi")		 /* SUPI format / type not handled */      \
	X(UNKNOWN_SCHEME, "unknown-scheme")		 /* protection scheme not 0, 1, 2 */       \
	X(NULL_SCHEME_REFUSED, "null-scheme-refused")	 /* policy forbids the null scheme */      \
	X(UNKNOWN_KEY, "unknown-hn-key")		 /* no (or a retired) HN key id */         \
	X(KEY_SCHEME_MISMATCH, "hn-key-scheme-mismatch") /* key id of the other profile */         \
	X(BAD_LENGTH, "bad-length")			 /* a length does not fit */               \
	X(BAD_POINT, "invalid-point")			 /* ephemeral key not a valid point */     \
	X(BAD_TAG, "mac-mismatch")			 /* MAC tag does not verify */             \
	X(BAD_PLAINTEXT, "bad-plaintext")		 /* decrypted MSIN/username invalid */     \
	X(NO_SPACE, "no-space")				 /* output buffer too small */             \
	X(INVAL, "invalid-argument")			 /* API misuse, bad conceal input */       \
	X(CRYPTO, "crypto-failure")			 /* libcrypto failed on valid input */

/** Result codes: 0 or a negative AGW_SIDF_E_* cause. */
enum agw_sidf_rc {
	AGW_SIDF_OK = 0,
	AGW_SIDF_E_FIRST_ = -3000,
#define AGW_SIDF_ENUM_(n, s) AGW_SIDF_E_##n,
	AGW_SIDF_CAUSES(AGW_SIDF_ENUM_)
#undef AGW_SIDF_ENUM_
		AGW_SIDF_E_LAST_
};

/** Number of causes (size of per-cause counter arrays). */
#define AGW_SIDF_N_CAUSES (AGW_SIDF_E_LAST_ - AGW_SIDF_E_FIRST_ - 1)

/**
 * Index 0..AGW_SIDF_N_CAUSES-1 of a cause.
 *
 * @param[in] rc  an AGW_SIDF_E_* code.
 * @return its index, or -1 when @p rc is not a cause.
 */
static inline int
agw_sidf_cause_index(int rc)
{
	return rc > AGW_SIDF_E_FIRST_ && rc < AGW_SIDF_E_LAST_ ? rc - AGW_SIDF_E_FIRST_ - 1 : -1;
}

/**
 * Name of a result ("mac-mismatch", ...; "ok" for 0; "?" otherwise).
 */
const char *agw_sidf_strerror(int rc);

/** Outcome counters; owned (and, if shared, serialised) by the caller. */
struct agw_sidf_counters {
	uint64_t ok[AGW_SIDF_N_SCHEMES];   /**< SUPIs returned, by protection scheme */
	uint64_t cause[AGW_SIDF_N_CAUSES]; /**< failures, by agw_sidf_cause_index() */
};

/**
 * Count one outcome: 0 with its scheme in ok[], a cause in cause[].
 *
 * @param[in,out] c  counters, or NULL (nothing happens).
 * @param[in] rc      0 or an AGW_SIDF_E_* code (other values are ignored).
 * @param[in] scheme  protection scheme of a success.
 */
void agw_sidf_count(struct agw_sidf_counters *c, int rc, unsigned int scheme);

/* ------------------------------------------------------------------------ */
/* ECIES                                                                     */
/* ------------------------------------------------------------------------ */

/**
 * Intermediate values of one ECIES run, for tests and diagnostics. Holds
 * key material: zeroise it (agw_sidf_trace_clear()) once read.
 */
struct agw_sidf_trace {
	uint8_t eph_pub[AGW_SIDF_EPH_MAX];	 /**< ephemeral public key as sent */
	uint8_t eph_pub_len;			 /**< 32 (A) or 33 (B) */
	uint8_t shared_key[AGW_SIDF_SHARED_LEN]; /**< Z (B: the x-coordinate) */
	uint8_t enc_key[AGW_SIDF_ENC_KEY_LEN];	 /**< EK: KDF output octets 0-15 */
	uint8_t icb[AGW_SIDF_ICB_LEN];		 /**< ICB: octets 16-31 */
	uint8_t mac_key[AGW_SIDF_MAC_KEY_LEN];	 /**< MK: octets 32-63 */
	uint8_t mac_tag[AGW_SIDF_TAG_LEN];	 /**< computed tag */
	uint8_t input[AGW_SIDF_INPUT_MAX];	 /**< scheme input (plaintext) */
	uint16_t input_len;			 /**< octets at @c input */
};

/** Zeroise a trace. */
void agw_sidf_trace_clear(struct agw_sidf_trace *t);

/**
 * Free the calling thread's scratch objects (peer keys, KDF and MAC
 * contexts kept between calls). Optional: they are freed at thread exit
 * too; call it from a thread that ends with exit() or for leak checkers.
 */
void agw_sidf_thread_release(void);

struct agw_hnkey;

/**
 * ECIES encryption (UE side, C.3.2).
 *
 * @param[in] scheme        AGW_SIDF_PROFILE_A or AGW_SIDF_PROFILE_B.
 * @param[in] hn_pub        home network public key: A 32 octets; B 33
 *                          (compressed) or 65 (uncompressed) octets.
 * @param[in] hn_pub_len    octets at @p hn_pub.
 * @param[in] eph_priv      ephemeral private key (32 octets: the X25519
 *                          scalar, or the P-256 scalar 1..n-1) for
 *                          deterministic tests; NULL for a fresh key pair
 *                          from the OpenSSL CSPRNG.
 * @param[in] eph_priv_len  octets at @p eph_priv (0 with NULL).
 * @param[in] in            scheme input, 1..AGW_SIDF_INPUT_MAX octets.
 * @param[in] in_len        octets at @p in.
 * @param[out] out          scheme output: ephemeral key || ciphertext || tag.
 * @param[in] cap           octets available at @p out.
 * @param[out] t            intermediate values, or NULL.
 * @return output length; AGW_SIDF_E_INVAL (scheme, key or input length, bad
 *   scalar); AGW_SIDF_E_BAD_POINT (HN public key not on the curve, or an
 *   all-zero X25519 result); AGW_SIDF_E_NO_SPACE; AGW_SIDF_E_CRYPTO.
 */
long agw_sidf_ecies_encrypt(unsigned int scheme, const uint8_t *hn_pub, size_t hn_pub_len,
			    const uint8_t *eph_priv, size_t eph_priv_len, const uint8_t *in,
			    size_t in_len, uint8_t *out, size_t cap, struct agw_sidf_trace *t);

/**
 * ECIES decryption (home network side, C.3.3): ECDH with the key, KDF,
 * constant-time tag check, then decryption.
 *
 * @param[in] key       home network key (from agw_hnkeys_find()).
 * @param[in] out       scheme output: ephemeral key || ciphertext || tag.
 * @param[in] out_len   octets at @p out.
 * @param[out] plain    scheme input; written only when the tag verifies.
 * @param[in] cap       octets available at @p plain.
 * @param[out] t        intermediate values, or NULL.
 * @return plaintext length; AGW_SIDF_E_BAD_LENGTH (output shorter than key
 *   + 1 + tag, or a plaintext longer than AGW_SIDF_INPUT_MAX);
 *   AGW_SIDF_E_BAD_POINT (profile B: not 02/03, x >= p or no point with
 *   that x, i.e. decompression fails; profile A: all-zero shared secret);
 *   AGW_SIDF_E_BAD_TAG; AGW_SIDF_E_NO_SPACE; AGW_SIDF_E_CRYPTO.
 */
long agw_sidf_ecies_decrypt(const struct agw_hnkey *key, const uint8_t *out, size_t out_len,
			    uint8_t *plain, size_t cap, struct agw_sidf_trace *t);

/**
 * AES-128-CTR with the 32-bit incrementing function of SP 800-38A B.1
 * (the low 32 bits of the counter block wrap; the high 96 bits stay), as
 * C.3.4.0 requires. OpenSSL's CTR mode carries into all 128 bits, which
 * differs only when the low 32 bits wrap inside one input; this function
 * splits the input there.
 *
 * @param[in] key   16-octet key.
 * @param[in] icb   initial counter block.
 * @param[in] in    input; may equal @p out.
 * @param[out] out  output.
 * @param[in] len   octets.
 * @return 0 or AGW_SIDF_E_CRYPTO.
 */
int agw_sidf_aes_ctr32(const uint8_t key[AGW_SIDF_ENC_KEY_LEN], const uint8_t icb[AGW_SIDF_ICB_LEN],
		       const uint8_t *in, uint8_t *out, size_t len);

/* ------------------------------------------------------------------------ */
/* SUCI and SUPI                                                             */
/* ------------------------------------------------------------------------ */

/** A SUCI taken apart (from a 5GS mobile identity value). */
struct agw_sidf_suci {
	uint8_t supi_type; /**< enum agw_sidf_supi_type */
	uint8_t nai_form;  /**< 1: SUPI format "network specific identifier", a SUCI NAI */
	uint8_t scheme;	   /**< protection scheme identifier (0-15) */
	uint8_t hn_key_id; /**< home network public key identifier */
	char mcc[4];	   /**< IMSI form: MCC, 3 digits */
	char mnc[4];	   /**< IMSI form: MNC, 2 or 3 digits */
	char rid[5];	   /**< routing indicator, 1-4 digits */
	char realm[AGW_SIDF_REALM_MAX + 1];	 /**< NAI form: realm */
	char null_id[AGW_SIDF_USERNAME_MAX + 1]; /**< null scheme: MSIN digits or username */
	uint8_t out[AGW_SIDF_OUT_MAX];		 /**< ECIES: ephemeral key || ciphertext || tag */
	uint16_t out_len;    /**< octets at @c out (0 for the null and unknown schemes) */
	uint8_t eph_len;     /**< ECIES: ephemeral key octets (32 or 33) */
	uint16_t cipher_len; /**< ECIES: ciphertext octets */
};

/**
 * Take a SUCI apart: the IMSI form through the lib/proto 5GS mobile
 * identity decoder (agw_nas5g_mobile_id_decode()), the NAI form by parsing
 * the TS 23.003 28.7.3 labels (hex upper or lower case).
 *
 * @param[in] ie   5GS mobile identity value (after the LV-E length).
 * @param[in] len  octets at @p ie.
 * @param[out] s   fields.
 * @return 0 (also for an unknown scheme: @c out_len 0);
 *   AGW_SIDF_E_MALFORMED; AGW_SIDF_E_NOT_SUCI; AGW_SIDF_E_UNSUPPORTED_SUPI
 *   (SUPI format other than IMSI/NAI; IMSI-type SUCI NAI);
 *   AGW_SIDF_E_BAD_LENGTH (scheme output too short or too long for its
 *   scheme); AGW_SIDF_E_BAD_POINT (profile B key not 02/03 || x).
 */
int agw_sidf_suci_parse(const uint8_t *ie, size_t len, struct agw_sidf_suci *s);

/** De-concealment policy. */
struct agw_sidf_policy {
	uint8_t allow_null_scheme; /**< accept null-scheme SUCIs (emergency, test PLMNs) */
};

/** A de-concealed SUCI. */
struct agw_sidf_result {
	char supi[AGW_SIDF_SUPI_MAX]; /**< "imsi-...", "nai-...@...", "gci-...", "gli-..." */
	uint8_t supi_type;	      /**< enum agw_sidf_supi_type */
	uint8_t scheme;		      /**< protection scheme used */
	uint8_t hn_key_id;	      /**< key id used (as sent for the null scheme) */
	char rid[5];		      /**< routing indicator */
	uint64_t key_gen; /**< key-set generation the key was found in (0: null scheme) */
};

struct agw_hnkeys;

/**
 * De-conceal a SUCI: SUCI (5GS mobile identity value) -> SUPI.
 *
 * @param[in] keys  home network key set (may be NULL if only the null
 *                  scheme is expected).
 * @param[in] pol   policy; NULL = defaults (null scheme refused).
 * @param[in] ie    5GS mobile identity value.
 * @param[in] len   octets at @p ie.
 * @param[out] res  SUPI and fields.
 * @param[out] t    ECIES intermediate values, or NULL.
 * @param[in,out] ctr  counters the outcome is added to, or NULL.
 * @return 0 or a cause: those of agw_sidf_suci_parse() and
 *   agw_sidf_ecies_decrypt(), AGW_SIDF_E_UNKNOWN_SCHEME,
 *   AGW_SIDF_E_NULL_SCHEME_REFUSED, AGW_SIDF_E_UNKNOWN_KEY,
 *   AGW_SIDF_E_KEY_SCHEME_MISMATCH, AGW_SIDF_E_BAD_PLAINTEXT (MSIN not BCD
 *   digits with at most a final F filler, IMSI longer than 15 digits,
 *   username with characters a NAI cannot hold).
 */
int agw_sidf_deconceal(struct agw_hnkeys *keys, const struct agw_sidf_policy *pol,
		       const uint8_t *ie, size_t len, struct agw_sidf_result *res,
		       struct agw_sidf_trace *t, struct agw_sidf_counters *ctr);

/**
 * agw_sidf_deconceal() on a SUCI already taken apart.
 */
int agw_sidf_deconceal_parsed(struct agw_hnkeys *keys, const struct agw_sidf_policy *pol,
			      const struct agw_sidf_suci *s, struct agw_sidf_result *res,
			      struct agw_sidf_trace *t, struct agw_sidf_counters *ctr);

/** UE-side input of agw_sidf_conceal(). */
struct agw_sidf_ue {
	uint8_t scheme;		 /**< enum agw_sidf_scheme */
	uint8_t supi_type;	 /**< enum agw_sidf_supi_type */
	uint8_t hn_key_id;	 /**< home network public key identifier (0 for null) */
	const uint8_t *hn_pub;	 /**< ECIES: home network public key (see ecies_encrypt) */
	size_t hn_pub_len;	 /**< octets at @c hn_pub */
	const uint8_t *eph_priv; /**< ECIES: ephemeral private key, or NULL (fresh) */
	size_t eph_priv_len;	 /**< octets at @c eph_priv */
	char mcc[4];		 /**< IMSI: MCC, 3 digits */
	char mnc[4];		 /**< IMSI: MNC, 2 or 3 digits */
	char rid[5];		 /**< routing indicator, 1-4 digits ("0": none provisioned) */
	const char *msin;	 /**< IMSI: MSIN digits */
	const char *nai;	 /**< NAI types: "username@realm" */
};

/**
 * Conceal a SUPI: build the 5GS mobile identity value of its SUCI.
 *
 * IMSI: SUPI format IMSI, the scheme output binary (TS 24.501 9.11.3.4).
 * NAI types: SUPI format "network specific identifier" holding the SUCI
 * NAI, hex in upper case as in the TS 33.501 C.4 examples.
 *
 * @param[in] ue    input.
 * @param[out] ie   the IE value.
 * @param[in] cap   octets at @p ie (AGW_SIDF_IE_MAX is always enough).
 * @param[out] t    intermediate values, or NULL.
 * @return octets written; AGW_SIDF_E_INVAL (bad digits, lengths, username
 *   or realm, unknown scheme or SUPI type); the errors of
 *   agw_sidf_ecies_encrypt().
 */
long agw_sidf_conceal(const struct agw_sidf_ue *ue, uint8_t *ie, size_t cap,
		      struct agw_sidf_trace *t);

/* ------------------------------------------------------------------------ */
/* Home network keys (hnkeys.c)                                              */
/* ------------------------------------------------------------------------ */

/**
 * Key provider: where a private key lives and how ECDH is done with it.
 * The built-in "soft" provider holds an OpenSSL EVP_PKEY in process memory
 * (keys from files or raw bytes). A security-module driver (PKCS#11,
 * planned) registers its own ops and an opaque handle with
 * agw_hnkeys_add_provider(); the SIDF then calls @c derive and never sees
 * the private key.
 */
struct agw_hnkey_provider_ops {
	const char *name; /**< "soft", "pkcs11", ... */
	/**
	 * ECDH with the private key: Z from the UE's ephemeral public key as
	 * sent in the SUCI (A: 32 octets; B: 33 octets, compressed). Called
	 * concurrently from several threads.
	 *
	 * @return 0; AGW_SIDF_E_BAD_POINT (not a valid point, all-zero
	 *   result); AGW_SIDF_E_CRYPTO.
	 */
	int (*derive)(void *handle, unsigned int scheme, const uint8_t *eph_pub, size_t eph_len,
		      uint8_t z[AGW_SIDF_SHARED_LEN]);
	/** Release the handle (after the key is retired and no reader uses it). */
	void (*release)(void *handle);
};

/** One line of a key configuration list. */
struct agw_hnkey_conf {
	unsigned int id;     /**< home network public key identifier, 0-255 */
	unsigned int scheme; /**< AGW_SIDF_PROFILE_A or AGW_SIDF_PROFILE_B */
	const char *path;    /**< private key file: PEM, DER or raw hex */
};

/** A reader's view of the key set: see agw_hnkeys_read_begin(). */
struct agw_hnkeys_read {
	const void *snap;  /**< the snapshot (internal) */
	unsigned int slot; /**< reader slot (internal) */
};

/**
 * Create an empty key set (generation 0).
 *
 * @return the set, or NULL (out of memory).
 */
struct agw_hnkeys *agw_hnkeys_create(void);

/**
 * Free a key set and zeroise its keys. No reader may be active.
 */
void agw_hnkeys_free(struct agw_hnkeys *ks);

/**
 * Load a private key file and add it under @p id.
 *
 * Formats, told apart by content: PEM (PKCS#8 "PRIVATE KEY", "EC PRIVATE
 * KEY"), DER (PKCS#8 or SEC1), raw hex (64 hex digits: the 32-octet scalar;
 * whitespace allowed). The key type must match the scheme (X25519 for A,
 * EC secp256r1 for B). The file must be a regular file with no permission
 * bits for group or others (mode & 077 == 0, as OpenSSH requires for
 * private keys); otherwise it is refused without being read.
 *
 * @param[in,out] ks   key set.
 * @param[in] id       key identifier.
 * @param[in] scheme   AGW_SIDF_PROFILE_A or AGW_SIDF_PROFILE_B.
 * @param[in] path     file name.
 * @param[out] err     one-line reason naming the file, or NULL.
 * @param[in] errlen   size of @p err.
 * @return 0; -EACCES (group/world permissions); -ENOENT and other -errno
 *   from open/read; -EINVAL (format, key type, scheme); -EEXIST (id in use).
 */
int agw_hnkeys_add_file(struct agw_hnkeys *ks, unsigned int id, unsigned int scheme,
			const char *path, char *err, size_t errlen);

/**
 * Add a private key given as raw octets (32-octet scalar) under @p id.
 *
 * @return 0, -EINVAL (length, scheme, scalar out of range), -EEXIST,
 *   -ENOMEM.
 */
int agw_hnkeys_add_raw(struct agw_hnkeys *ks, unsigned int id, unsigned int scheme,
		       const uint8_t *priv, size_t len);

/**
 * Add a key held by a provider (see struct agw_hnkey_provider_ops).
 *
 * @param[in] pub      public key (A 32 octets; B 33 or 65), for export.
 * @param[in] ops      provider; must outlive the key.
 * @param[in] handle   provider handle; released with ops->release().
 * @return 0, -EINVAL, -EEXIST, -ENOMEM (the handle is not released on error).
 */
int agw_hnkeys_add_provider(struct agw_hnkeys *ks, unsigned int id, unsigned int scheme,
			    const uint8_t *pub, size_t pub_len,
			    const struct agw_hnkey_provider_ops *ops, void *handle);

/**
 * Retire a key id: SUCIs under it fail with AGW_SIDF_E_UNKNOWN_KEY from
 * the next lookup on. Returns once no reader can still use the key; the
 * key is then released (zeroised).
 *
 * @return 0 or -ENOENT.
 */
int agw_hnkeys_retire(struct agw_hnkeys *ks, unsigned int id);

/**
 * Load several key files as one change (one generation): either all are
 * added or none.
 *
 * @return 0 or the first error of agw_hnkeys_add_file() (-EEXIST also for
 *   an id given twice in @p conf), with @p err naming the file.
 */
int agw_hnkeys_load(struct agw_hnkeys *ks, const struct agw_hnkey_conf *conf, size_t n, char *err,
		    size_t errlen);

/**
 * agw_hnkeys_load() from a list file: one key per line,
 * `<id> <A|B> <path>` ('#' starts a comment; a relative path is relative
 * to the list file's directory).
 *
 * @return 0, -EINVAL (a bad line; @p err gives file:line), or the errors of
 *   agw_hnkeys_load().
 */
int agw_hnkeys_load_list(struct agw_hnkeys *ks, const char *list, char *err, size_t errlen);

/** Generation: 0 when created, +1 for every change that was published. */
uint64_t agw_hnkeys_generation(struct agw_hnkeys *ks);

/** Number of key ids in the current generation. */
unsigned int agw_hnkeys_count(struct agw_hnkeys *ks);

/**
 * Public key of a key id, for provisioning UEs.
 *
 * @param[out] pub     A: 32 octets; B: 33 (compressed).
 * @param[in] cap      octets at @p pub (33 is enough).
 * @param[out] scheme  the key's scheme, or NULL.
 * @return public key length, -ENOENT, -ENOSPC.
 */
int agw_hnkeys_public(struct agw_hnkeys *ks, unsigned int id, uint8_t *pub, size_t cap,
		      unsigned int *scheme);

/**
 * Enter a read section: the snapshot seen stays valid (its keys are not
 * released) until agw_hnkeys_read_end(). Sections are short (one
 * de-concealment) and must not nest a writer call.
 */
void agw_hnkeys_read_begin(struct agw_hnkeys *ks, struct agw_hnkeys_read *r);

/** Leave a read section. */
void agw_hnkeys_read_end(struct agw_hnkeys *ks, struct agw_hnkeys_read *r);

/**
 * Key for an id in the snapshot of a read section.
 *
 * @return the key, or NULL (no such id).
 */
const struct agw_hnkey *agw_hnkeys_find(const struct agw_hnkeys_read *r, unsigned int id);

/** Generation of the snapshot of a read section. */
uint64_t agw_hnkeys_read_generation(const struct agw_hnkeys_read *r);

/** Scheme of a key (AGW_SIDF_PROFILE_A / _B). */
unsigned int agw_hnkey_scheme(const struct agw_hnkey *k);

/** Identifier of a key. */
unsigned int agw_hnkey_id(const struct agw_hnkey *k);

/**
 * ECDH with a key through its provider (what agw_sidf_ecies_decrypt()
 * calls).
 *
 * @return 0, AGW_SIDF_E_BAD_POINT, AGW_SIDF_E_BAD_LENGTH, AGW_SIDF_E_CRYPTO.
 */
int agw_hnkey_derive(const struct agw_hnkey *k, const uint8_t *eph_pub, size_t eph_len,
		     uint8_t z[AGW_SIDF_SHARED_LEN]);

#ifdef __cplusplus
}
#endif

#endif /* AGW_SIDF_H */
