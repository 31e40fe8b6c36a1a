/* \summary: what the H.323 recognisers share: ASN.1 aligned PER reading,
 * the common H.225.0 types, TPKT framing */
#ifndef VCFLOW_PER_H
#define VCFLOW_PER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vcflow/addr.h"
#include "vcflow/extract.h"
#include "vcflow/stream.h"

/*
 * H.225.0 and H.245 messages are ASN.1 values in the packed encoding rules,
 * aligned variant (X.691): a run of bit fields, some of them starting on an
 * octet boundary.  A struct per reads them through a cursor; `bit` counts
 * the bits already taken from the octet at c.p.  As with the cursor, a read
 * past the end, or a value this reader does not handle (a fragmented length,
 * an integer wider than 32 bits), sets c.bad, which stays set: a decoder
 * reads a whole structure and checks per_ok() once.
 *
 * Encoders fill padding with zero bits; a reader notes a padding bit that
 * is not zero in `dirty`, so a recogniser may refuse to count such a value
 * as proof, without calling it malformed.
 */
struct per {
	struct cursor c;
	unsigned bit;
	bool dirty; /* a padding bit skipped so far was not zero */
};

#define PER_UNBOUNDED SIZE_MAX /* no upper bound on a size */

struct per per_make(const uint8_t *data, size_t len);
static inline bool per_ok(const struct per *r)
{
	return !r->c.bad;
}
static inline void per_fail(struct per *r)
{
	r->c.bad = true;
}

/* Bit fields, most significant bit first; n <= 32. */
unsigned per_bit(struct per *r);
uint32_t per_bits(struct per *r, unsigned n);
void per_skip_bits(struct per *r, size_t n);
/* Moves to the next octet boundary (padding bits are not checked). */
void per_align(struct per *r);
/* Octet-aligned octets: aligns, then takes n octets (NULL on overrun). */
const uint8_t *per_octets(struct per *r, size_t n);
/* True when nothing but padding is left. */
bool per_at_end(const struct per *r);
/* per_at_end(), and every padding bit met, those left included, zero. */
bool per_clean_end(const struct per *r);

/* INTEGER (lb..ub): a constrained whole number (X.691 10.5.7). */
uint32_t per_int(struct per *r, uint32_t lb, uint32_t ub);
/* A length determinant with no upper bound below 64K (10.9.3.5-8);
 * fragmented (16K and more) lengths are refused. */
size_t per_length(struct per *r);
/* A length in SIZE (lb..ub); ub may be PER_UNBOUNDED. */
size_t per_length_in(struct per *r, size_t lb, size_t ub);
/* A normally small non-negative whole number (10.6): extension indices. */
uint32_t per_small(struct per *r);

/*
 * CHOICE index: with an extension marker, a set first bit means an
 * alternative added in an extension, numbered from nroot on, whose value is
 * an open type (the caller reads it with per_open()).
 */
unsigned per_choice(struct per *r, unsigned nroot, bool extensible,
		    bool *is_ext);
/*
 * SEQUENCE preamble: the extension bit (when extensible) and one bit per
 * OPTIONAL root component.  Returns the presence bits, first component in
 * bit 0; test them with PER_HAS().  nopt <= 32.
 */
uint32_t per_preamble(struct per *r, bool extensible, unsigned nopt,
		      bool *is_ext);
#define PER_HAS(map, i) (((map) >> (i)) & 1u)

/* OCTET STRING (SIZE (lb..ub)); returns the octets, NULL for an empty or
 * unaligned (fixed size of two octets or less) value. */
const uint8_t *per_octet_string(struct per *r, size_t lb, size_t ub,
				size_t *len);
/* BMPString (SIZE (lb..ub)): returns 2 * *nchars octets. */
const uint8_t *per_bmp_string(struct per *r, size_t lb, size_t ub,
			      size_t *nchars);
/* A string of `bits`-wide characters in SIZE (lb..ub), skipped. */
void per_skip_chars(struct per *r, size_t lb, size_t ub, unsigned bits);
/* OBJECT IDENTIFIER: returns the BER contents octets. */
const uint8_t *per_oid(struct per *r, size_t *len);
/* SEQUENCE OF / SET OF without a size constraint: the element count. */
static inline size_t per_count(struct per *r)
{
	return per_length(r);
}

/* An open type: a length, then that many octets read as their own value. */
struct per per_open(struct per *r);
void per_skip_open(struct per *r);

/*
 * Extension additions of a SEQUENCE whose extension bit was set, read after
 * its root components: a bitmap, then each present addition as an open
 * type.  per_addition() returns addition `index` (indices must increase
 * from one call to the next); its result has c.bad set when that addition
 * is absent.  per_skip_additions() steps over all that remain.
 */
struct per_additions {
	unsigned n;	  /* additions the encoder knew of */
	uint64_t present; /* bit i: addition i is present */
	unsigned next;	  /* additions before this one are behind us */
};
void per_additions_begin(struct per *r, struct per_additions *a);
struct per per_addition(struct per *r, struct per_additions *a,
			unsigned index);
void per_additions_end(struct per *r, struct per_additions *a);
/* per_additions_begin() and per_additions_end() in one. */
void per_skip_additions(struct per *r);

/*
 * The H.225.0 (H323-MESSAGES) types that RAS and call signalling share.
 * Each reads one value and sets c.bad when it is not well formed.
 */

/* ProtocolIdentifier 0.0.8.2250.0.v: false when the OID is anything else. */
bool h225_protocol_id(struct per *r, unsigned *version);

/* A transport address read from the bytes; `valid` only for IPv4/IPv6. */
struct h225_address {
	bool valid;
	struct addr addr;
	uint16_t port;
};
/* TransportAddress; `out` may be NULL. */
void h225_transport_address(struct per *r, struct h225_address *out);
void h225_skip_transport_addresses(struct per *r); /* SEQUENCE OF */
void h225_skip_alias_addresses(struct per *r); /* SEQUENCE OF AliasAddress */
void h225_skip_nonstandard(struct per *r);     /* NonStandardParameter */
void h225_skip_qseries_options(struct per *r);
/* GatekeeperIdentifier, EndpointIdentifier: BMPString (SIZE (1..128)). */
void h225_skip_identifier(struct per *r);

/* VendorIdentifier: the product and version texts, when present. */
struct h225_vendor {
	bool found;
	const uint8_t *product, *version;
	size_t product_len, version_len;
};
void h225_vendor_identifier(struct per *r, struct h225_vendor *out);
/* EndpointType; its vendor goes to `vendor` (may be NULL). */
void h225_endpoint_type(struct per *r, struct h225_vendor *vendor);
/* Writes "product version" as printable text. */
void h225_vendor_text(const struct h225_vendor *v, char *dst, size_t len);

/* GloballyUniqueID: 16 octets (aligned). */
#define H225_GUID_LEN 16
/* Formats a GUID as 8-4-4-4-12 hex digits; dst needs 37 bytes. */
#define H225_GUID_TEXT 37
void h225_guid_text(const uint8_t guid[H225_GUID_LEN], char *dst,
		    size_t len);
/* False for NULL and for the all-zero GUID some endpoints send. */
bool h225_guid_set(const uint8_t *guid);
/* CallIdentifier ::= SEQUENCE { guid, ... }: returns the GUID or NULL. */
const uint8_t *h225_call_identifier(struct per *r);

/*
 * Writes names joined by ", " into dst (size bytes), ending with "..." when
 * they do not all fit or when `more` says some were left out.  The details
 * the H.323 recognisers report ("GRQ, GCF", "Setup, Alerting") are made so.
 */
void h323_join_names(char *dst, size_t size, const char *const *names,
		     size_t n, bool more);

/*
 * TPKT (RFC 1006), the framing of H.225.0 call signalling and H.245 over
 * TCP: version 3, a reserved zero octet, a two-octet length that counts the
 * four header octets.  tpkt_feed() appends a segment to one direction's
 * stream and hands each complete message's payload to `fn`; it returns
 * false when the bytes are not TPKT (a wrong header, a payload shorter than
 * min_payload, a length over STREAM_MAX) or when `fn` refuses a payload.
 * An empty TPKT, the keep-alive of H.460.18, is skipped.
 */
#define TPKT_HEADER_LEN 4
typedef bool (*tpkt_fn)(void *ctx, const uint8_t *payload, size_t len);
bool tpkt_feed(struct stream *s, const uint8_t *data, size_t len,
	       size_t min_payload, tpkt_fn fn, void *ctx);
/* Whether a segment starts as a TPKT header does: where to pick up the
 * framing again after bytes were lost. */
bool tpkt_starts(const uint8_t *data, size_t len);

#endif
