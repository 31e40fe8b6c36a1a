/* \summary: what the H.323 recognisers share: ASN.1 aligned PER reading,
 * the common H.225.0 types, TPKT framing */
/* specification: ITU-T X.691 (07/2002) aligned variant; ITU-T H.225.0
 * (12/2009) H323-MESSAGES module; RFC 1006 (TPKT); ITU-T H.460.18 (empty
 * TPKT keep-alive) */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "vcflow/per.h"
#include "vcflow/proto.h"

#define OCTET_BITS CHAR_BIT
#define MAX_FIELD_BITS 32	     /* widest bit field per_bits() returns */
#define SMALL_NUMBER_BITS 6	     /* normally small number, short form */
#define LENGTH_SHORT_MAX 0x7f	     /* length determinant in one octet */
#define LENGTH_LONG_FLAG 0x80	     /* 10xxxxxx: length in two octets */
#define LENGTH_FORM_MASK 0xc0	     /* 11xxxxxx: fragmented, refused */
#define LENGTH_LONG_HIGH_MASK 0x3f
#define ONE_OCTET_RANGE 256u	     /* ranges up to here: one octet */
#define TWO_OCTET_RANGE 65536u	     /* ranges up to here: two octets */
#define CONSTRAINED_LENGTH_LIMIT 65536u /* "ub less than 64K" */
#define MAX_INT_OCTETS 4
#define UNALIGNED_OCTET_STRING_MAX 2 /* fixed sizes up to this: no alignment */
#define ALIGN_CHARS_OVER_BITS 16     /* longer strings are octet-aligned */
#define BMP_CHAR_BITS 16
#define MAX_ADDITIONS 64	     /* extension additions we can track */
#define MAX_ALTERNATIVES 64	     /* alternatives added to a CHOICE */

struct per per_make(const uint8_t *data, size_t len)
{
	struct per r = { cur_make(data, len), 0, false };
	return r;
}

/* The bits of the current octet not read yet. */
static unsigned rest_of_octet(const struct per *r)
{
	unsigned mask = (1u << (OCTET_BITS - r->bit)) - 1;

	return r->bit ? cur_peek(&r->c, 0) & mask : 0;
}

unsigned per_bit(struct per *r)
{
	unsigned v;

	if (!cur_need(&r->c, 1))
		return 0;
	v = (unsigned)(cur_peek(&r->c, 0) >> (OCTET_BITS - 1 - r->bit)) & 1u;
	if (++r->bit == OCTET_BITS) {
		r->bit = 0;
		cur_skip(&r->c, 1);
	}
	return v;
}

uint32_t per_bits(struct per *r, unsigned n)
{
	uint32_t v = 0;

	if (n > MAX_FIELD_BITS) {
		per_fail(r);
		return 0;
	}
	for (unsigned i = 0; i < n; i++)
		v = v << 1 | per_bit(r);
	return per_ok(r) ? v : 0;
}

void per_skip_bits(struct per *r, size_t n)
{
	size_t left = cur_left(&r->c);
	size_t total;

	if (!per_ok(r) || n > left * OCTET_BITS) {
		per_fail(r);
		return;
	}
	total = r->bit + n;
	if (!cur_need(&r->c, total / OCTET_BITS + (total % OCTET_BITS != 0)))
		return;
	cur_skip(&r->c, total / OCTET_BITS);
	r->bit = (unsigned)(total % OCTET_BITS);
}

void per_align(struct per *r)
{
	if (r->bit != 0) {
		if (rest_of_octet(r) != 0)
			r->dirty = true;
		r->bit = 0;
		cur_skip(&r->c, 1);
	}
}

const uint8_t *per_octets(struct per *r, size_t n)
{
	per_align(r);
	return cur_take(&r->c, n);
}

bool per_at_end(const struct per *r)
{
	size_t left = cur_left(&r->c);

	return per_ok(r) && (left == 0 || (left == 1 && r->bit != 0));
}

bool per_clean_end(const struct per *r)
{
	return per_at_end(r) && !r->dirty && rest_of_octet(r) == 0;
}

/* Bits needed to write the numbers 0 .. range-1. */
static unsigned bits_for_range(uint64_t range)
{
	unsigned b = 0;

	while (b < 64 && ((uint64_t)1 << b) < range)
		b++;
	return b;
}

/* An unsigned number in 1 to 4 aligned octets. */
static uint32_t octets_value(struct per *r, size_t n)
{
	const uint8_t *p;
	uint32_t v = 0;

	if (n == 0 || n > MAX_INT_OCTETS) {
		per_fail(r);
		return 0;
	}
	p = per_octets(r, n);
	if (p == NULL)
		return 0;
	for (size_t i = 0; i < n; i++)
		v = v << OCTET_BITS | p[i];
	return v;
}

uint32_t per_int(struct per *r, uint32_t lb, uint32_t ub)
{
	uint64_t range, v;

	if (ub < lb) {
		per_fail(r);
		return 0;
	}
	range = (uint64_t)ub - lb + 1;
	if (range == 1)
		v = 0;
	else if (range < ONE_OCTET_RANGE)
		v = per_bits(r, bits_for_range(range));
	else if (range == ONE_OCTET_RANGE)
		v = octets_value(r, 1);
	else if (range <= TWO_OCTET_RANGE)
		v = octets_value(r, 2);
	else {
		/* the indefinite-length case: an octet count, then octets */
		unsigned max_octets = (bits_for_range(range) + OCTET_BITS - 1) /
				      OCTET_BITS;
		uint32_t n = per_bits(r, bits_for_range(max_octets)) + 1;

		v = octets_value(r, n);
	}
	if (!per_ok(r) || v >= range) {
		per_fail(r);
		return 0;
	}
	return (uint32_t)(lb + v);
}

size_t per_length(struct per *r)
{
	const uint8_t *p = per_octets(r, 1);

	if (p == NULL)
		return 0;
	if (p[0] <= LENGTH_SHORT_MAX)
		return p[0];
	if ((p[0] & LENGTH_FORM_MASK) == LENGTH_LONG_FLAG) {
		size_t high = p[0] & LENGTH_LONG_HIGH_MASK;
		const uint8_t *q = cur_take(&r->c, 1);

		return q ? high << OCTET_BITS | q[0] : 0;
	}
	per_fail(r); /* fragmented: no control message is that long */
	return 0;
}

size_t per_length_in(struct per *r, size_t lb, size_t ub)
{
	size_t n;

	if (ub != PER_UNBOUNDED && ub < CONSTRAINED_LENGTH_LIMIT)
		return per_int(r, (uint32_t)lb, (uint32_t)ub);
	n = per_length(r);
	if (n < lb || n > ub) {
		per_fail(r);
		return 0;
	}
	return n;
}

uint32_t per_small(struct per *r)
{
	if (per_bit(r) == 0)
		return per_bits(r, SMALL_NUMBER_BITS);
	return octets_value(r, per_length(r));
}

unsigned per_choice(struct per *r, unsigned nroot, bool extensible,
		    bool *is_ext)
{
	*is_ext = extensible && per_bit(r);
	if (*is_ext) {
		uint32_t i = per_small(r);

		if (i >= MAX_ALTERNATIVES)
			per_fail(r);
		return per_ok(r) ? nroot + i : nroot;
	}
	if (nroot <= 1)
		return 0;
	return per_int(r, 0, nroot - 1);
}

uint32_t per_preamble(struct per *r, bool extensible, unsigned nopt,
		      bool *is_ext)
{
	uint32_t map = 0;

	*is_ext = extensible && per_bit(r);
	if (nopt > MAX_FIELD_BITS) {
		per_fail(r);
		return 0;
	}
	for (unsigned i = 0; i < nopt; i++)
		map |= (uint32_t)per_bit(r) << i;
	return map;
}

const uint8_t *per_octet_string(struct per *r, size_t lb, size_t ub,
				size_t *len)
{
	size_t n;

	if (lb == ub && ub < CONSTRAINED_LENGTH_LIMIT) {
		*len = lb;
		if (lb <= UNALIGNED_OCTET_STRING_MAX) {
			per_skip_bits(r, lb * OCTET_BITS);
			return NULL;
		}
		return per_octets(r, lb);
	}
	n = per_length_in(r, lb, ub);
	*len = n;
	if (!per_ok(r) || n == 0)
		return NULL;
	return per_octets(r, n);
}

/* Aligned PER aligns a character string when its longest form is over 16
 * bits (X.691 27.5.7). */
static bool chars_aligned(size_t ub, unsigned bits)
{
	return ub > ALIGN_CHARS_OVER_BITS / bits;
}

const uint8_t *per_bmp_string(struct per *r, size_t lb, size_t ub,
			      size_t *nchars)
{
	size_t n = per_length_in(r, lb, ub);

	*nchars = n;
	if (!per_ok(r) || n == 0)
		return NULL;
	if (!chars_aligned(ub, BMP_CHAR_BITS)) {
		per_skip_bits(r, n * BMP_CHAR_BITS);
		return NULL;
	}
	return per_octets(r, n * (BMP_CHAR_BITS / OCTET_BITS));
}

void per_skip_chars(struct per *r, size_t lb, size_t ub, unsigned bits)
{
	size_t n = per_length_in(r, lb, ub);

	if (!per_ok(r) || n == 0)
		return;
	if (chars_aligned(ub, bits))
		per_align(r);
	per_skip_bits(r, n * bits);
}

const uint8_t *per_oid(struct per *r, size_t *len)
{
	size_t n = per_length(r);

	*len = n;
	if (n == 0) {
		per_fail(r);
		return NULL;
	}
	return per_octets(r, n);
}

struct per per_open(struct per *r)
{
	size_t n = per_length(r);
	const uint8_t *p = per_octets(r, n);
	struct per sub = per_make(p, n);

	if (!per_ok(r))
		per_fail(&sub);
	return sub;
}

void per_skip_open(struct per *r)
{
	per_octets(r, per_length(r));
}

void per_additions_begin(struct per *r, struct per_additions *a)
{
	a->n = per_small(r) + 1;
	a->present = 0;
	a->next = 0;
	if (!per_ok(r) || a->n > MAX_ADDITIONS) {
		per_fail(r);
		a->n = 0;
		return;
	}
	for (unsigned i = 0; i < a->n; i++)
		a->present |= (uint64_t)per_bit(r) << i;
}

struct per per_addition(struct per *r, struct per_additions *a,
			unsigned index)
{
	struct per none = per_make(NULL, 0);

	per_fail(&none);
	while (per_ok(r) && a->next < a->n && a->next <= index) {
		unsigned i = a->next++;

		if (((a->present >> i) & 1u) == 0)
			continue;
		if (i == index)
			return per_open(r);
		per_skip_open(r);
	}
	return none;
}

void per_additions_end(struct per *r, struct per_additions *a)
{
	while (per_ok(r) && a->next < a->n) {
		if ((a->present >> a->next) & 1u)
			per_skip_open(r);
		a->next++;
	}
}

void per_skip_additions(struct per *r)
{
	struct per_additions a;

	per_additions_begin(r, &a);
	per_additions_end(r, &a);
}

/* ---- H.225.0 common types ------------------------------------------ */

/* itu-t(0) recommendation(0) h(8) h225-0(2250) version(0): BER contents */
static const uint8_t h225_oid_prefix[] = { 0x00, 0x08, 0x91, 0x4a, 0x00 };
#define OID_ARC_MORE 0x80 /* a sub-identifier continues in the next octet */

#define IPV4_LEN 4
#define IPV6_LEN 16
#define IPX_NODE_LEN 6
#define IPX_NETNUM_LEN 4
#define IPX_PORT_LEN 2
#define NETBIOS_LEN 16
#define NSAP_MIN 1
#define NSAP_MAX 20
#define PORT_MAX 65535u
#define OCTET_MAX 255u

enum transport_address_kind {
	TA_IP,
	TA_IP_SOURCE_ROUTE,
	TA_IPX,
	TA_IP6,
	TA_NETBIOS,
	TA_NSAP,
	TA_NONSTANDARD,
	TA_ROOT_COUNT
};

enum alias_kind { ALIAS_DIALLED_DIGITS, ALIAS_H323_ID, ALIAS_ROOT_COUNT };
#define DIALLED_DIGITS_MAX 128
#define DIGIT_BITS 4 /* 13 characters "0123456789#*," in 4-bit indices */
#define H323_ID_MAX 256
#define IDENTIFIER_MAX 128
#define OCTET_STRING_ID_MAX 256 /* productId, versionId */

enum nonstandard_id_kind { NSI_OBJECT, NSI_H221, NSI_ROOT_COUNT };
enum route_kind { ROUTE_STRICT, ROUTE_LOOSE, ROUTE_ROOT_COUNT };

#define QSERIES_FLAGS 7	  /* q932Full .. q957Full */
#define Q954_FLAGS 2	  /* conferenceCalling, threePartyService */
#define VENDOR_OPTIONALS 2 /* productId, versionId */
enum vendor_optional { VENDOR_PRODUCT, VENDOR_VERSION };
enum endpoint_optional {
	EP_NONSTANDARD,
	EP_VENDOR,
	EP_GATEKEEPER,
	EP_GATEWAY,
	EP_MCU,
	EP_TERMINAL,
	EP_OPTIONALS
};
enum gateway_optional { GW_PROTOCOL, GW_NONSTANDARD, GW_OPTIONALS };
#define SUPPORTED_PROTOCOLS_ROOT 9 /* nonStandardData, h310 .. t120-only */

bool h225_protocol_id(struct per *r, unsigned *version)
{
	size_t n;
	const uint8_t *p = per_oid(r, &n);

	if (p == NULL || n != sizeof h225_oid_prefix + 1 ||
	    memcmp(p, h225_oid_prefix, sizeof h225_oid_prefix) != 0)
		return false;
	*version = p[sizeof h225_oid_prefix];
	return *version != 0 && (*version & OID_ARC_MORE) == 0;
}

static void skip_h221_nonstandard(struct per *r)
{
	bool ext;

	per_preamble(r, true, 0, &ext);
	per_int(r, 0, OCTET_MAX); /* t35CountryCode */
	per_int(r, 0, OCTET_MAX); /* t35Extension */
	per_int(r, 0, PORT_MAX);  /* manufacturerCode */
	if (ext)
		per_skip_additions(r);
}

void h225_skip_nonstandard(struct per *r)
{
	bool ext;
	size_t len;

	switch (per_choice(r, NSI_ROOT_COUNT, true, &ext)) {
	case NSI_OBJECT:
		per_oid(r, &len);
		break;
	case NSI_H221:
		skip_h221_nonstandard(r);
		break;
	default:
		per_skip_open(r);
		break;
	}
	per_octet_string(r, 0, PER_UNBOUNDED, &len); /* data */
}

static void set_address(struct h225_address *out, const uint8_t *ip,
			size_t iplen, uint32_t port)
{
	if (out == NULL || ip == NULL)
		return;
	if (iplen == IPV4_LEN)
		addr_from_v4(&out->addr, ip);
	else
		addr_from_v6(&out->addr, ip);
	out->port = (uint16_t)port;
	out->valid = true;
}

static void skip_source_route(struct per *r)
{
	bool ext, route_ext;
	size_t hops;

	per_preamble(r, true, 0, &ext);
	per_octets(r, IPV4_LEN);
	per_int(r, 0, PORT_MAX);
	hops = per_count(r);
	for (size_t i = 0; i < hops && per_ok(r); i++)
		per_octets(r, IPV4_LEN);
	per_choice(r, ROUTE_ROOT_COUNT, true, &route_ext); /* routing */
	if (route_ext)
		per_skip_open(r);
	if (ext)
		per_skip_additions(r);
}

void h225_transport_address(struct per *r, struct h225_address *out)
{
	bool ext, seq_ext;
	const uint8_t *ip;
	uint32_t port;
	size_t len;

	if (out)
		memset(out, 0, sizeof *out);
	switch (per_choice(r, TA_ROOT_COUNT, true, &ext)) {
	case TA_IP:
		ip = per_octets(r, IPV4_LEN);
		port = per_int(r, 0, PORT_MAX);
		if (per_ok(r))
			set_address(out, ip, IPV4_LEN, port);
		break;
	case TA_IP_SOURCE_ROUTE:
		skip_source_route(r);
		break;
	case TA_IPX:
		per_octets(r, IPX_NODE_LEN);
		per_octets(r, IPX_NETNUM_LEN);
		per_octet_string(r, IPX_PORT_LEN, IPX_PORT_LEN, &len);
		break;
	case TA_IP6:
		per_preamble(r, true, 0, &seq_ext);
		ip = per_octets(r, IPV6_LEN);
		port = per_int(r, 0, PORT_MAX);
		if (seq_ext)
			per_skip_additions(r);
		if (per_ok(r))
			set_address(out, ip, IPV6_LEN, port);
		break;
	case TA_NETBIOS:
		per_octets(r, NETBIOS_LEN);
		break;
	case TA_NSAP:
		per_octet_string(r, NSAP_MIN, NSAP_MAX, &len);
		break;
	case TA_NONSTANDARD:
		h225_skip_nonstandard(r);
		break;
	default:
		per_skip_open(r);
		break;
	}
	if (!per_ok(r) && out)
		out->valid = false;
}

void h225_skip_transport_addresses(struct per *r)
{
	size_t n = per_count(r);

	for (size_t i = 0; i < n && per_ok(r); i++)
		h225_transport_address(r, NULL);
}

static void skip_alias_address(struct per *r)
{
	bool ext;
	size_t n;

	switch (per_choice(r, ALIAS_ROOT_COUNT, true, &ext)) {
	case ALIAS_DIALLED_DIGITS:
		per_skip_chars(r, 1, DIALLED_DIGITS_MAX, DIGIT_BITS);
		break;
	case ALIAS_H323_ID:
		per_bmp_string(r, 1, H323_ID_MAX, &n);
		break;
	default: /* url-ID, transportID, email-ID ...: open types */
		per_skip_open(r);
		break;
	}
}

void h225_skip_alias_addresses(struct per *r)
{
	size_t n = per_count(r);

	for (size_t i = 0; i < n && per_ok(r); i++)
		skip_alias_address(r);
}

void h225_skip_qseries_options(struct per *r)
{
	bool ext, q954_ext;

	per_preamble(r, true, 0, &ext);
	per_skip_bits(r, QSERIES_FLAGS);
	per_preamble(r, true, 0, &q954_ext);
	per_skip_bits(r, Q954_FLAGS);
	if (q954_ext)
		per_skip_additions(r);
	if (ext)
		per_skip_additions(r);
}

void h225_skip_identifier(struct per *r)
{
	size_t n;

	per_bmp_string(r, 1, IDENTIFIER_MAX, &n);
}

void h225_vendor_identifier(struct per *r, struct h225_vendor *out)
{
	struct h225_vendor v = { 0 };
	bool ext;
	uint32_t opt = per_preamble(r, true, VENDOR_OPTIONALS, &ext);

	skip_h221_nonstandard(r);
	if (PER_HAS(opt, VENDOR_PRODUCT))
		v.product = per_octet_string(r, 1, OCTET_STRING_ID_MAX,
					     &v.product_len);
	if (PER_HAS(opt, VENDOR_VERSION))
		v.version = per_octet_string(r, 1, OCTET_STRING_ID_MAX,
					     &v.version_len);
	if (ext)
		per_skip_additions(r);
	v.found = per_ok(r) && v.product != NULL;
	if (out)
		*out = v;
}

/* GatekeeperInfo, TerminalInfo, McuInfo and the H.3xx capability sets of
 * SupportedProtocols: { nonStandardData OPTIONAL, ... } in their root. */
static void skip_nonstandard_only(struct per *r)
{
	bool ext;

	if (per_preamble(r, true, 1, &ext))
		h225_skip_nonstandard(r);
	if (ext)
		per_skip_additions(r);
}

static void skip_supported_protocols(struct per *r)
{
	bool ext;
	unsigned kind = per_choice(r, SUPPORTED_PROTOCOLS_ROOT, true, &ext);

	if (ext)
		per_skip_open(r);
	else if (kind == 0)
		h225_skip_nonstandard(r);
	else
		skip_nonstandard_only(r);
}

static void skip_gateway_info(struct per *r)
{
	bool ext;
	uint32_t opt = per_preamble(r, true, GW_OPTIONALS, &ext);

	if (PER_HAS(opt, GW_PROTOCOL)) {
		size_t n = per_count(r);

		for (size_t i = 0; i < n && per_ok(r); i++)
			skip_supported_protocols(r);
	}
	if (PER_HAS(opt, GW_NONSTANDARD))
		h225_skip_nonstandard(r);
	if (ext)
		per_skip_additions(r);
}

void h225_endpoint_type(struct per *r, struct h225_vendor *vendor)
{
	struct h225_vendor v = { 0 };
	bool ext;
	uint32_t opt = per_preamble(r, true, EP_OPTIONALS, &ext);

	if (PER_HAS(opt, EP_NONSTANDARD))
		h225_skip_nonstandard(r);
	if (PER_HAS(opt, EP_VENDOR))
		h225_vendor_identifier(r, &v);
	if (PER_HAS(opt, EP_GATEKEEPER))
		skip_nonstandard_only(r);
	if (PER_HAS(opt, EP_GATEWAY))
		skip_gateway_info(r);
	if (PER_HAS(opt, EP_MCU))
		skip_nonstandard_only(r);
	if (PER_HAS(opt, EP_TERMINAL))
		skip_nonstandard_only(r);
	per_bit(r); /* mc */
	per_bit(r); /* undefinedNode */
	if (ext)
		per_skip_additions(r);
	v.found = v.found && per_ok(r);
	if (vendor)
		*vendor = v;
}

void h225_vendor_text(const struct h225_vendor *v, char *dst, size_t len)
{
	char product[PROTO_PRODUCT_MAX], version[PROTO_PRODUCT_MAX];

	if (len == 0)
		return;
	dst[0] = '\0';
	if (!v->found)
		return;
	proto_copy_text(product, sizeof product, v->product, v->product_len);
	proto_copy_text(version, sizeof version, v->version, v->version_len);
	if (version[0] != '\0' && product[0] != '\0')
		snprintf(dst, len, "%s %s", product, version);
	else
		snprintf(dst, len, "%s", product);
}

void h225_guid_text(const uint8_t guid[H225_GUID_LEN], char *dst,
		    size_t len)
{
	/* 4-2-2-2-6 octets, as GUIDs are usually written */
	static const unsigned group_end[] = { 4, 6, 8, 10, H225_GUID_LEN };
	size_t n = 0;
	unsigned g = 0;

	if (len < H225_GUID_TEXT) {
		if (len)
			dst[0] = '\0';
		return;
	}
	for (unsigned i = 0; i < H225_GUID_LEN; i++) {
		if (i == group_end[g]) {
			dst[n++] = '-';
			g++;
		}
		n += (size_t)snprintf(dst + n, len - n, "%02x", guid[i]);
	}
	dst[n] = '\0';
}

bool h225_guid_set(const uint8_t *guid)
{
	if (guid == NULL)
		return false;
	for (unsigned i = 0; i < H225_GUID_LEN; i++)
		if (guid[i] != 0)
			return true;
	return false;
}

const uint8_t *h225_call_identifier(struct per *r)
{
	bool ext;
	const uint8_t *guid;

	per_preamble(r, true, 0, &ext);
	guid = per_octets(r, H225_GUID_LEN);
	if (ext)
		per_skip_additions(r);
	return per_ok(r) ? guid : NULL;
}

/* ---- report text ---------------------------------------------------- */

#define NAME_SEPARATOR ", "
#define ELLIPSIS "..."

/* Appends as much of `text` as fits; *n stays the length of dst. */
static void append_text(char *dst, size_t size, size_t *n, const char *text)
{
	int w = snprintf(dst + *n, size - *n, "%s", text);

	if (w > 0)
		*n = *n + (size_t)w < size ? *n + (size_t)w : size - 1;
}

void h323_join_names(char *dst, size_t size, const char *const *names,
		     size_t n, bool more)
{
	size_t len = 0;
	const size_t tail = strlen(NAME_SEPARATOR ELLIPSIS);

	if (size == 0)
		return;
	dst[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		const char *sep = i ? NAME_SEPARATOR : "";
		bool last = i + 1 == n && !more;

		if (len + strlen(sep) + strlen(names[i]) + (last ? 0 : tail) >=
		    size) {
			append_text(dst, size, &len, sep);
			append_text(dst, size, &len, ELLIPSIS);
			return;
		}
		append_text(dst, size, &len, sep);
		append_text(dst, size, &len, names[i]);
	}
	if (more)
		append_text(dst, size, &len, n ? NAME_SEPARATOR ELLIPSIS
					       : ELLIPSIS);
}

/* ---- TPKT ----------------------------------------------------------- */

#define TPKT_VERSION 3
#define TPKT_RESERVED 0
#define TPKT_NEED_MORE 0
#define TPKT_NOT_TPKT SIZE_MAX

/* The size of the first whole message in buf, TPKT_NEED_MORE, or
 * TPKT_NOT_TPKT. */
static size_t tpkt_frame(const uint8_t *buf, size_t len, size_t min_payload)
{
	struct cursor c = cur_make(buf, len);
	size_t total;

	if (len >= 1 && cur_peek(&c, 0) != TPKT_VERSION)
		return TPKT_NOT_TPKT;
	if (len >= 2 && cur_peek(&c, 1) != TPKT_RESERVED)
		return TPKT_NOT_TPKT;
	if (len < TPKT_HEADER_LEN)
		return TPKT_NEED_MORE;
	cur_skip(&c, 2);
	total = cur_be16(&c);
	if (total != TPKT_HEADER_LEN &&
	    (total < TPKT_HEADER_LEN + min_payload || total > STREAM_MAX))
		return TPKT_NOT_TPKT;
	return len < total ? TPKT_NEED_MORE : total;
}

bool tpkt_starts(const uint8_t *data, size_t len)
{
	struct cursor c = cur_make(data, len);

	return cur_left(&c) >= TPKT_HEADER_LEN &&
	       cur_peek(&c, 0) == TPKT_VERSION &&
	       cur_peek(&c, 1) == TPKT_RESERVED;
}

bool tpkt_feed(struct stream *s, const uint8_t *data, size_t len,
	       size_t min_payload, tpkt_fn fn, void *ctx)
{
	struct cursor in = cur_make(data, len);

	while (cur_left(&in) > 0) {
		size_t room = STREAM_MAX - s->len;
		size_t take = cur_left(&in) < room ? cur_left(&in) : room;
		size_t n;

		if (take == 0 || !stream_append(s, cur_take(&in, take), take))
			return false;
		while ((n = tpkt_frame(s->buf, s->len, min_payload)) !=
		       TPKT_NEED_MORE) {
			if (n == TPKT_NOT_TPKT)
				return false;
			if (n > TPKT_HEADER_LEN &&
			    !fn(ctx, s->buf + TPKT_HEADER_LEN,
				n - TPKT_HEADER_LEN))
				return false;
			stream_consume(s, n);
		}
	}
	return !in.bad;
}
