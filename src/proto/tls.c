/* \summary: TLS over TCP: the record layer, the hellos, the server's name */
/*
 * specification: RFC 8446 (TLS 1.3) sections 4.1.2, 4.1.3 and 5.1;
 * RFC 5246 (TLS 1.2) sections 6.2, 7.4.1 and 7.4.2; RFC 6066 section 3
 * (server_name); RFC 7301 section 3.1 (application_layer_protocol_
 * negotiation); RFC 5280 sections 4.1 and 4.2.1.6 (X.509 certificate,
 * subjectAltName); ITU-T X.690 sections 8.1 and 10.1 (DER).
 *
 * A TLS connection opens with a handshake record (content type 22) holding
 * a ClientHello from the initiator.  Its lengths nest exactly: record,
 * handshake message, session id, cipher suites, compression methods,
 * extensions.  A record may span segments, so the first one is reassembled.
 * A capture that starts mid-connection shows other records first (alert,
 * change_cipher_spec, application_data); those are accepted when their
 * headers chain exactly across the flow's bytes.
 *
 * A client that sends no server_name still learns whom it talks to: up to
 * TLS 1.2 the server's Certificate message follows its ServerHello in
 * clear.  The name is then taken from the first certificate (the server's
 * own): the first DNS name of its subjectAltName, else its subject's
 * commonName.  The server's handshake bytes are collected, out of their
 * records, until that certificate is whole, at most TLS_CERT_BUF_MAX
 * bytes; a TLS 1.3 server encrypts its certificate, and the first
 * non-handshake record ends the search.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vcflow/extract.h"
#include "vcflow/proto.h"
#include "vcflow/stream.h"

enum {
	TLS_BUDGET = 4,
	TLS_ALERT_FOLLOW = 2, /* after the hellos: a refusal comes at once */
	/*
	 * Packets followed after the hellos while the server's certificate is
	 * awaited: TLS_CERT_BUF_MAX bytes are 12 segments of 1400, and the
	 * client's packets come between them.
	 */
	TLS_FOLLOW_BUDGET = 16,
	TLS_CERT_BUF_MAX = 16384, /* server handshake bytes kept, at most */
	TLS_CERT_BUF_MIN = 2048,  /* first allocation; doubled as needed */
	TLS_ALERT_LEN = 2,	/* level, description: a cleartext alert */
	TLS_RECORD_HEADER_LEN = 5,
	TLS_HANDSHAKE_HEADER_LEN = 4,
	TLS_MAX_RECORD_LEN = 16384 + 2048, /* 2^14 + expansion, RFC 5246 6.2.3 */
	TLS_VERSION_MAJOR = 3,
	TLS_VERSION_MINOR_MAX = 4, /* 3.0 (SSL 3) ... 3.4 (TLS 1.3 draft) */
	TLS_RANDOM_LEN = 32,
	TLS_SESSION_ID_MAX = 32,
	TLS_CIPHER_SUITE_LEN = 2,
	TLS_MAX_HELLO_LEN = 0x20000, /* fixed part + 2^16 of extensions */
	TLS_CHAIN_RECORDS_YES = 2, /* headers chained mid-connection */
};

/* Content types, RFC 8446 5.1. */
enum {
	TLS_CT_CHANGE_CIPHER_SPEC = 20,
	TLS_CT_ALERT = 21,
	TLS_CT_HANDSHAKE = 22,
	TLS_CT_APPLICATION_DATA = 23,
};

/* Handshake types, RFC 5246 7.4 and RFC 8446 4. */
enum {
	TLS_HS_HELLO_REQUEST = 0,
	TLS_HS_CLIENT_HELLO = 1,
	TLS_HS_SERVER_HELLO = 2,
	TLS_HS_CERTIFICATE = 11,
};

/* Certificate message, RFC 5246 7.4.2: 24-bit lengths of the list and of
 * each DER certificate in it. */
enum {
	TLS_CERT_LIST_LEN = 3,
	TLS_CERT_LEN = 3,
};

/* Extension types. */
enum {
	TLS_EXT_SERVER_NAME = 0,
	TLS_EXT_ALPN = 16,
};

enum {
	TLS_SNI_HOST_NAME = 0,
};

struct tls_ct_name {
	uint8_t type;
	const char *name;
};

static const struct tls_ct_name tls_content_types[] = {
	{ TLS_CT_CHANGE_CIPHER_SPEC, "change_cipher_spec" },
	{ TLS_CT_ALERT, "alert" },
	{ TLS_CT_HANDSHAKE, "handshake" },
	{ TLS_CT_APPLICATION_DATA, "application_data" },
};

#define COUNT(a) (sizeof(a) / sizeof *(a))

/* Follows record headers through one direction's bytes. */
struct tls_chain {
	uint8_t header[TLS_RECORD_HEADER_LEN];
	size_t have;	  /* header bytes collected */
	size_t skip;	  /* body bytes of the current record still to come */
	unsigned records; /* valid headers seen */
	bool aligned;	  /* a record ended exactly where a segment did */
};

enum tls_mode {
	TLS_MODE_START,	  /* nothing seen yet */
	TLS_MODE_HELLO,	  /* reassembling the first handshake record */
	TLS_MODE_RECORDS, /* joined mid-connection: chaining headers */
};

enum tls_cert_phase {
	TLS_CERT_IDLE,	  /* not looked for (yet) */
	TLS_CERT_WANTED,  /* collecting the server's handshake bytes */
	TLS_CERT_DONE,	  /* named, or given up on */
};

/*
 * The server's handshake bytes, out of their records, until its first
 * certificate is whole.  Nothing is allocated until a handshake byte
 * comes from the server, and the buffer goes as soon as the search ends.
 */
struct tls_cert {
	uint8_t *buf;
	uint32_t len, cap;
	uint32_t rec_left; /* body bytes of the current record still to come */
	uint8_t hdr[TLS_RECORD_HEADER_LEN];
	uint8_t hdr_have;  /* record header bytes collected */
	uint8_t phase;	   /* enum tls_cert_phase */
};

struct tls_state {
	enum tls_mode mode;
	bool decided;	   /* said yes: now alerts and the certificate */
	bool alert_seen;
	bool hello_from_initiator;
	bool named;	    /* the hello carried a server_name */
	uint8_t first_type; /* content type of the first record seen */
	unsigned seen;	    /* packets given to the recogniser */
	struct stream hello;
	struct tls_chain chain[2];
	struct tls_cert cert;
};

/* What a Hello told us. */
struct tls_hello {
	char sni[PROTO_PRODUCT_MAX];
	char alpn[32];
};

static const char *tls_content_type_name(uint8_t type)
{
	for (size_t i = 0; i < COUNT(tls_content_types); i++)
		if (tls_content_types[i].type == type)
			return tls_content_types[i].name;
	return NULL;
}

static bool tls_version_ok(uint8_t major, uint8_t minor)
{
	return major == TLS_VERSION_MAJOR && minor <= TLS_VERSION_MINOR_MAX;
}

/* Reads and checks a 5-byte record header; returns its length or 0. */
static size_t tls_record_header(struct cursor c)
{
	uint8_t type = cur_u8(&c);
	uint8_t major = cur_u8(&c);
	uint8_t minor = cur_u8(&c);
	size_t len = cur_be16(&c);

	if (c.bad || !tls_content_type_name(type) ||
	    !tls_version_ok(major, minor) || len == 0 ||
	    len > TLS_MAX_RECORD_LEN)
		return 0;
	return len;
}

/* server_name: list length, then entries of type, length, name. */
static bool tls_parse_sni(struct cursor c, struct tls_hello *h)
{
	uint16_t list_len = cur_be16(&c);
	struct cursor list = cur_sub(&c, list_len);

	if (c.bad || cur_left(&c) != 0 || list_len == 0)
		return false;
	while (cur_left(&list) > 0) {
		uint8_t type = cur_u8(&list);
		uint16_t len = cur_be16(&list);
		const uint8_t *name = cur_take(&list, len);

		if (list.bad || len == 0)
			return false;
		if (type == TLS_SNI_HOST_NAME && h->sni[0] == '\0')
			proto_copy_text(h->sni, sizeof h->sni, name, len);
	}
	return !list.bad;
}

/* ALPN: list length, then length-prefixed protocol names; keeps the first. */
static bool tls_parse_alpn(struct cursor c, struct tls_hello *h)
{
	uint16_t list_len = cur_be16(&c);
	struct cursor list = cur_sub(&c, list_len);

	if (c.bad || cur_left(&c) != 0 || list_len == 0)
		return false;
	while (cur_left(&list) > 0) {
		uint8_t len = cur_u8(&list);
		const uint8_t *name = cur_take(&list, len);

		if (list.bad || len == 0)
			return false;
		if (h->alpn[0] == '\0')
			proto_copy_text(h->alpn, sizeof h->alpn, name, len);
	}
	return !list.bad;
}

/* The extensions block: it must fill what is left of the Hello exactly. */
static bool tls_parse_extensions(struct cursor *c, struct tls_hello *h)
{
	uint16_t total;
	struct cursor exts;

	if (cur_left(c) == 0)
		return true; /* SSL 3.0 and early TLS may omit them */
	total = cur_be16(c);
	exts = cur_sub(c, total);
	if (c->bad || cur_left(c) != 0)
		return false;
	while (cur_left(&exts) > 0) {
		uint16_t type = cur_be16(&exts);
		uint16_t len = cur_be16(&exts);
		struct cursor body = cur_sub(&exts, len);

		if (exts.bad)
			return false;
		if (type == TLS_EXT_SERVER_NAME && len > 0 &&
		    !tls_parse_sni(body, h))
			return false;
		if (type == TLS_EXT_ALPN && !tls_parse_alpn(body, h))
			return false;
	}
	return !exts.bad;
}

/* legacy_version and random, common to both Hellos. */
static bool tls_hello_prefix(struct cursor *c)
{
	uint8_t major = cur_u8(c);
	uint8_t minor = cur_u8(c);

	cur_skip(c, TLS_RANDOM_LEN);
	return !c->bad && tls_version_ok(major, minor);
}

static bool tls_session_id(struct cursor *c)
{
	uint8_t len = cur_u8(c);

	cur_skip(c, len);
	return !c->bad && len <= TLS_SESSION_ID_MAX;
}

/* ClientHello body, RFC 8446 4.1.2.  `whole` is false for a fragment. */
static bool tls_client_hello(struct cursor c, bool whole, struct tls_hello *h)
{
	uint16_t suites;
	uint8_t methods;

	if (!tls_hello_prefix(&c) || !tls_session_id(&c))
		return false;
	suites = cur_be16(&c);
	cur_skip(&c, suites);
	if (c.bad || suites == 0 || suites % TLS_CIPHER_SUITE_LEN != 0)
		return false;
	methods = cur_u8(&c);
	cur_skip(&c, methods);
	if (c.bad || methods == 0)
		return false;
	return whole ? tls_parse_extensions(&c, h) : true;
}

/* ServerHello body, RFC 8446 4.1.3. */
static bool tls_server_hello(struct cursor c, bool whole, struct tls_hello *h)
{
	if (!tls_hello_prefix(&c) || !tls_session_id(&c))
		return false;
	cur_skip(&c, TLS_CIPHER_SUITE_LEN + 1); /* suite, compression */
	if (c.bad)
		return false;
	return whole ? tls_parse_extensions(&c, h) : true;
}

static void tls_report_hello(struct proto_report *rep, bool client,
			     const struct tls_hello *h)
{
	int n = snprintf(rep->detail, sizeof rep->detail, "%s",
			 client ? "ClientHello" : "ServerHello");

	if (h->sni[0] && n > 0 && (size_t)n < sizeof rep->detail)
		n += snprintf(rep->detail + n, sizeof rep->detail - (size_t)n,
			      " sni=%s", h->sni);
	if (h->alpn[0] && n > 0 && (size_t)n < sizeof rep->detail)
		snprintf(rep->detail + n, sizeof rep->detail - (size_t)n,
			 " alpn=%s", h->alpn);
	if (h->sni[0])
		snprintf(rep->product, sizeof rep->product, "%s", h->sni);
}

/*
 * Judges the reassembled first handshake record: PROTO_MORE while it is
 * incomplete and the buffer has room.
 */
static enum proto_verdict tls_judge_hello(struct tls_state *st,
					  struct proto_report *rep)
{
	struct cursor c = cur_make(st->hello.buf, st->hello.len);
	size_t rec_len, hs_len, body_len;
	struct tls_hello h;
	struct cursor rec;
	bool client = st->hello_from_initiator, whole, ok;
	uint8_t type;

	if (cur_left(&c) < TLS_RECORD_HEADER_LEN)
		return PROTO_MORE;
	rec_len = tls_record_header(cur_sub(&c, TLS_RECORD_HEADER_LEN));
	if (rec_len < TLS_HANDSHAKE_HEADER_LEN)
		return PROTO_NO;
	if (cur_left(&c) < rec_len) {
		if (st->hello.len < STREAM_MAX)
			return PROTO_MORE;
		rec_len = cur_left(&c); /* a record larger than we keep */
	}
	rec = cur_sub(&c, rec_len);
	type = cur_u8(&rec);
	hs_len = cur_be24(&rec);
	if (rec.bad || hs_len > TLS_MAX_HELLO_LEN ||
	    type != (client ? TLS_HS_CLIENT_HELLO : TLS_HS_SERVER_HELLO))
		return PROTO_NO;
	/* A Hello larger than the record continues in the next record. */
	whole = hs_len <= cur_left(&rec);
	body_len = whole ? hs_len : cur_left(&rec);
	memset(&h, 0, sizeof h);
	ok = client ? tls_client_hello(cur_sub(&rec, body_len), whole, &h)
		    : tls_server_hello(cur_sub(&rec, body_len), whole, &h);
	if (!ok)
		return PROTO_NO;
	tls_report_hello(rep, client, &h);
	st->named = h.sni[0] != '\0';
	return PROTO_YES;
}

/* Walks record headers through one segment; false on a bad header. */
static bool tls_chain_feed(struct tls_chain *ch, struct cursor c)
{
	ch->aligned = false;
	while (cur_left(&c) > 0) {
		if (ch->skip > 0) {
			size_t k = cur_left(&c) < ch->skip ? cur_left(&c)
							   : ch->skip;

			cur_skip(&c, k);
			ch->skip -= k;
			ch->aligned = ch->skip == 0 && cur_left(&c) == 0;
			continue;
		}
		ch->header[ch->have++] = cur_u8(&c);
		if (ch->have < TLS_RECORD_HEADER_LEN)
			continue;
		ch->have = 0;
		ch->skip = tls_record_header(
			cur_make(ch->header, TLS_RECORD_HEADER_LEN));
		if (ch->skip == 0)
			return false;
		ch->records++;
	}
	return !c.bad;
}

static enum proto_verdict tls_records(struct tls_state *st,
				      const struct proto_pkt *pkt,
				      struct proto_report *rep)
{
	struct tls_chain *ch = &st->chain[pkt->from_initiator ? 0 : 1];
	const char *name;

	if (pkt->gap)
		return PROTO_NO; /* the chain cannot be followed over a hole */
	if (!tls_chain_feed(ch, cur_make(pkt->data, pkt->len)))
		return PROTO_NO;
	if (ch->records < TLS_CHAIN_RECORDS_YES && !ch->aligned)
		return PROTO_MORE;
	name = tls_content_type_name(st->first_type);
	snprintf(rep->detail, sizeof rep->detail, "%s", name ? name : "record");
	return PROTO_YES;
}

static enum proto_verdict tls_hello(struct tls_state *st,
				    const struct proto_pkt *pkt,
				    struct proto_report *rep)
{
	size_t room;

	if (pkt->from_initiator != st->hello_from_initiator)
		return PROTO_MORE; /* the other side waits for the Hello */
	if (pkt->gap)
		return PROTO_NO;
	room = STREAM_MAX - st->hello.len;
	stream_append(&st->hello, pkt->data, pkt->len < room ? pkt->len : room);
	return tls_judge_hello(st, rep);
}

/* RFC 8446 sec 6, RFC 5246 sec 7.2: the alerts that end a handshake. */
static const struct {
	uint8_t code;
	const char *name;
} tls_alerts[] = {
	{ 10, "unexpected_message" },	  { 20, "bad_record_mac" },
	{ 40, "handshake_failure" },	  { 42, "bad_certificate" },
	{ 43, "unsupported_certificate" }, { 44, "certificate_revoked" },
	{ 45, "certificate_expired" },	  { 46, "certificate_unknown" },
	{ 47, "illegal_parameter" },	  { 48, "unknown_ca" },
	{ 49, "access_denied" },	  { 50, "decode_error" },
	{ 51, "decrypt_error" },	  { 70, "protocol_version" },
	{ 71, "insufficient_security" },  { 80, "internal_error" },
	{ 86, "inappropriate_fallback" }, { 109, "missing_extension" },
	{ 110, "unsupported_extension" }, { 112, "unrecognized_name" },
	{ 116, "certificate_required" },  { 120, "no_application_protocol" },
};

/*
 * After the hellos, a cleartext alert record (two bytes, before the keys
 * change) says why the far end gave up: it goes into the detail, where
 * the diagnosis reads it.  close_notify and user_canceled are not trouble
 * and are not in the table.
 */
static void tls_watch_alert(struct tls_state *st, const struct proto_pkt *pkt,
			    struct proto_report *rep)
{
	struct cursor c = cur_make(pkt->data, pkt->len);
	uint8_t type = cur_u8(&c), major = cur_u8(&c);
	cur_skip(&c, 1); /* minor */
	uint16_t len = cur_be16(&c);
	cur_skip(&c, 1); /* level */
	uint8_t code = cur_u8(&c);

	if (c.bad || st->alert_seen || type != TLS_CT_ALERT ||
	    major != TLS_VERSION_MAJOR || len != TLS_ALERT_LEN)
		return;
	for (size_t i = 0; i < sizeof tls_alerts / sizeof *tls_alerts; i++) {
		if (tls_alerts[i].code != code)
			continue;
		size_t n = strlen(rep->detail);
		snprintf(rep->detail + n, sizeof rep->detail - n,
			 "; alert %s from %s", tls_alerts[i].name,
			 pkt->from_initiator ? "client" : "server");
		st->alert_seen = true;
		return;
	}
}

/* ---- DER, ITU-T X.690 ------------------------------------------------- */

/* Identifier octets, X.690 8.1.2: class, constructed bit, tag number. */
enum {
	DER_CONSTRUCTED = 0x20,
	DER_CONTEXT = 0x80,	    /* context-specific class */
	DER_TAG_NUMBER_MASK = 0x1f,
	DER_TAG_HIGH = 0x1f,	    /* the number in the octets that follow */
	DER_TAG_MORE = 0x80,	    /* high tag number: another octet */
	DER_TAG_HIGH_MAX = 4,	    /* octets of a high tag number, at most */
	DER_LEN_LONG = 0x80,	    /* X.690 8.1.3.5: long form */
	DER_LEN_OCTETS_MAX = 4,	    /* lengths up to 2^32 - 1 */
};

/* Universal class tags (X.680 Table 1), as identifier octets. */
enum {
	DER_BOOLEAN = 0x01,
	DER_INTEGER = 0x02,
	DER_OCTET_STRING = 0x04,
	DER_OID = 0x06,
	DER_UTF8_STRING = 0x0c,
	DER_PRINTABLE_STRING = 0x13,
	DER_TELETEX_STRING = 0x14,
	DER_IA5_STRING = 0x16,
	DER_SEQUENCE = DER_CONSTRUCTED | 0x10,
	DER_SET = DER_CONSTRUCTED | 0x11,
};

/* RFC 5280 4.1 (TBSCertificate) and 4.2.1.6 (GeneralName). */
enum {
	X509_VERSION = DER_CONTEXT | DER_CONSTRUCTED | 0,    /* [0] EXPLICIT */
	X509_EXTENSIONS = DER_CONTEXT | DER_CONSTRUCTED | 3, /* [3] EXPLICIT */
	X509_GN_DNS_NAME = DER_CONTEXT | 2,		     /* [2] IMPLICIT */
};

/* id-at-commonName 2.5.4.3 (RFC 5280 A.1), id-ce-subjectAltName 2.5.29.17
 * (RFC 5280 4.2.1.6): the contents octets of the OBJECT IDENTIFIERs. */
static const uint8_t x509_oid_common_name[] = { 0x55, 0x04, 0x03 };
static const uint8_t x509_oid_subject_alt_name[] = { 0x55, 0x1d, 0x11 };

struct der_tlv {
	uint8_t tag;	     /* the first identifier octet */
	struct cursor body;  /* the contents octets */
};

/*
 * Reads one element at c: identifier, length (short form, or long form of
 * 1 to DER_LEN_OCTETS_MAX octets; indefinite length is not DER, X.690
 * 10.1), contents.  The contents must lie inside c.  False (and c bad) on
 * anything else; a high tag number is stepped over, and then matches none
 * of the tags asked for.
 */
static bool der_read(struct cursor *c, struct der_tlv *t)
{
	uint8_t id = cur_u8(c), first;
	size_t len;

	if ((id & DER_TAG_NUMBER_MASK) == DER_TAG_HIGH) {
		unsigned n = 0;

		while (cur_u8(c) & DER_TAG_MORE && !c->bad)
			if (++n >= DER_TAG_HIGH_MAX)
				c->bad = true;
	}
	first = cur_u8(c);
	len = first;
	if (first & DER_LEN_LONG) {
		unsigned n = first & ~DER_LEN_LONG;

		if (n == 0 || n > DER_LEN_OCTETS_MAX)
			c->bad = true;
		len = 0;
		for (unsigned i = 0; i < n && !c->bad; i++)
			len = len << 8 | cur_u8(c);
	}
	t->tag = id;
	t->body = cur_sub(c, c->bad ? 0 : len);
	return !c->bad;
}

/* Reads one element that must carry `tag`; its contents in *body. */
static bool der_expect(struct cursor *c, uint8_t tag, struct cursor *body)
{
	struct der_tlv t;

	if (!der_read(c, &t) || t.tag != tag) {
		c->bad = true;
		return false;
	}
	*body = t.body;
	return true;
}

static bool der_oid_is(struct cursor oid, const uint8_t *want, size_t n)
{
	const uint8_t *p = cur_take(&oid, n);

	return p && cur_left(&oid) == 0 && memcmp(p, want, n) == 0;
}

/* The string types a name is written in (RFC 5280 4.1.2.4, A.1). */
static bool x509_text_tag(uint8_t tag)
{
	return tag == DER_UTF8_STRING || tag == DER_PRINTABLE_STRING ||
	       tag == DER_IA5_STRING || tag == DER_TELETEX_STRING;
}

/*
 * Name: SEQUENCE OF RelativeDistinguishedName (SET OF
 * AttributeTypeAndValue, a SEQUENCE of type and value).  Keeps the last
 * commonName, the most specific since names run from the root down.
 */
static bool x509_common_name(struct cursor name, char *out, size_t outlen)
{
	while (cur_left(&name) > 0) {
		struct cursor rdn;

		if (!der_expect(&name, DER_SET, &rdn))
			return false;
		while (cur_left(&rdn) > 0) {
			struct cursor atv, oid;
			struct der_tlv value;

			if (!der_expect(&rdn, DER_SEQUENCE, &atv) ||
			    !der_expect(&atv, DER_OID, &oid) ||
			    !der_read(&atv, &value))
				return false;
			if (der_oid_is(oid, x509_oid_common_name,
				       sizeof x509_oid_common_name) &&
			    x509_text_tag(value.tag) &&
			    cur_left(&value.body) > 0) {
				size_t n = cur_left(&value.body);

				proto_copy_text(out, outlen,
						cur_take(&value.body, n), n);
			}
		}
	}
	return !name.bad;
}

/* GeneralNames (SEQUENCE OF GeneralName): the first non-empty dNSName. */
static bool x509_san_dns(struct cursor ext_value, char *out, size_t outlen)
{
	struct cursor names;

	if (!der_expect(&ext_value, DER_SEQUENCE, &names))
		return false;
	while (cur_left(&names) > 0) {
		struct der_tlv gn;
		size_t n;

		if (!der_read(&names, &gn))
			return false;
		n = cur_left(&gn.body);
		if (gn.tag == X509_GN_DNS_NAME && n > 0) {
			proto_copy_text(out, outlen, cur_take(&gn.body, n), n);
			return true;
		}
	}
	return false;
}

/*
 * Extensions: SEQUENCE OF Extension, each a SEQUENCE of extnID, critical
 * (BOOLEAN, may be absent) and extnValue (an OCTET STRING wrapping the
 * extension's own DER).  Only subjectAltName is opened; the rest, known
 * or not, are stepped over.
 */
static bool x509_extensions_dns(struct cursor ext_field, char *out,
				size_t outlen)
{
	struct cursor exts;

	if (!der_expect(&ext_field, DER_SEQUENCE, &exts))
		return false;
	while (cur_left(&exts) > 0) {
		struct cursor ext, oid, value;
		struct der_tlv t;

		if (!der_expect(&exts, DER_SEQUENCE, &ext) ||
		    !der_expect(&ext, DER_OID, &oid) || !der_read(&ext, &t))
			return false;
		if (t.tag == DER_BOOLEAN && !der_read(&ext, &t))
			return false;
		if (t.tag != DER_OCTET_STRING)
			return false;
		value = t.body;
		if (der_oid_is(oid, x509_oid_subject_alt_name,
			       sizeof x509_oid_subject_alt_name))
			return x509_san_dns(value, out, outlen);
	}
	return false;
}

/*
 * Certificate, RFC 5280 4.1: SEQUENCE { tbsCertificate, signatureAlgorithm,
 * signatureValue }, TBSCertificate being SEQUENCE { version [0] (may be
 * absent), serialNumber, signature, issuer, validity, subject,
 * subjectPublicKeyInfo, issuerUniqueID [1], subjectUniqueID [2],
 * extensions [3] }.  Writes the server's name into out; false when the
 * DER does not hold one.
 */
static bool x509_subject_name(struct cursor der, char *out, size_t outlen)
{
	struct cursor cert, tbs, skip, subject = cur_make(NULL, 0);
	struct der_tlv t;

	out[0] = '\0';
	if (!der_expect(&der, DER_SEQUENCE, &cert) ||
	    !der_expect(&cert, DER_SEQUENCE, &tbs))
		return false;
	if (cur_peek(&tbs, 0) == X509_VERSION)
		der_expect(&tbs, X509_VERSION, &skip);
	der_expect(&tbs, DER_INTEGER, &skip);	 /* serialNumber */
	der_expect(&tbs, DER_SEQUENCE, &skip);	 /* signature */
	der_expect(&tbs, DER_SEQUENCE, &skip);	 /* issuer */
	der_expect(&tbs, DER_SEQUENCE, &skip);	 /* validity */
	der_expect(&tbs, DER_SEQUENCE, &subject);
	der_expect(&tbs, DER_SEQUENCE, &skip);	 /* subjectPublicKeyInfo */
	while (!tbs.bad && cur_left(&tbs) > 0) {
		if (!der_read(&tbs, &t))
			return false;
		if (t.tag == X509_EXTENSIONS &&
		    x509_extensions_dns(t.body, out, outlen))
			return true;
	}
	if (tbs.bad)
		return false;
	out[0] = '\0';
	return x509_common_name(subject, out, outlen) && out[0] != '\0';
}

/* ---- the server's certificate ----------------------------------------- */

static void tls_cert_stop(struct tls_cert *ct)
{
	free(ct->buf);
	ct->buf = NULL;
	ct->len = ct->cap = 0;
	ct->phase = TLS_CERT_DONE;
}

/* Keeps what fits of n more handshake bytes, up to TLS_CERT_BUF_MAX. */
static bool tls_cert_keep(struct tls_cert *ct, const uint8_t *p, size_t n)
{
	size_t room = TLS_CERT_BUF_MAX - ct->len;

	if (n > room)
		n = room;
	if (ct->len + n > ct->cap) {
		uint32_t cap = ct->cap ? ct->cap : TLS_CERT_BUF_MIN;
		uint8_t *b;

		while (cap < ct->len + n)
			cap *= 2;
		if (cap > TLS_CERT_BUF_MAX)
			cap = TLS_CERT_BUF_MAX;
		if (!(b = realloc(ct->buf, cap)))
			return false;
		ct->buf = b;
		ct->cap = cap;
	}
	if (n > 0)
		memcpy(ct->buf + ct->len, p, n);
	ct->len += (uint32_t)n;
	return true;
}

/*
 * Takes one segment of the server's bytes apart into records and keeps
 * the bodies of handshake records.  Any other record, or a bad header,
 * before the certificate was read ends the search.
 */
static void tls_cert_feed(struct tls_cert *ct, struct cursor c)
{
	while (ct->phase == TLS_CERT_WANTED && cur_left(&c) > 0) {
		size_t k;

		if (ct->rec_left == 0) {
			ct->hdr[ct->hdr_have++] = cur_u8(&c);
			if (ct->hdr_have < TLS_RECORD_HEADER_LEN)
				continue;
			ct->hdr_have = 0;
			ct->rec_left = (uint32_t)tls_record_header(
				cur_make(ct->hdr, TLS_RECORD_HEADER_LEN));
			if (ct->rec_left == 0 || ct->hdr[0] != TLS_CT_HANDSHAKE)
				tls_cert_stop(ct);
			continue;
		}
		k = cur_left(&c) < ct->rec_left ? cur_left(&c) : ct->rec_left;
		if (!tls_cert_keep(ct, cur_take(&c, k), k))
			tls_cert_stop(ct);
		ct->rec_left -= (uint32_t)k;
	}
}

static void tls_report_cert(struct proto_report *rep, const char *name)
{
	size_t n = strlen(rep->detail);

	if (rep->product[0] == '\0')
		snprintf(rep->product, sizeof rep->product, "%s", name);
	snprintf(rep->detail + n, sizeof rep->detail - n, "%scert=%s",
		 n ? " " : "", name);
}

/*
 * Walks the handshake messages kept so far: HelloRequest and ServerHello
 * may come before the Certificate (RFC 5246 7.3); any other message means
 * the server sends none.  Reports the name once the first certificate is
 * whole; gives up when it is not whole in TLS_CERT_BUF_MAX bytes.
 */
static void tls_cert_look(struct tls_cert *ct, struct proto_report *rep)
{
	struct cursor c = cur_make(ct->buf, ct->len);
	char name[PROTO_PRODUCT_MAX];

	if (ct->phase != TLS_CERT_WANTED)
		return;
	while (cur_left(&c) >= TLS_HANDSHAKE_HEADER_LEN) {
		uint8_t type = cur_u8(&c);
		size_t len = cur_be24(&c), list_len, cert_len;

		if (type == TLS_HS_HELLO_REQUEST ||
		    type == TLS_HS_SERVER_HELLO) {
			if (cur_left(&c) < len)
				break;
			cur_skip(&c, len);
			continue;
		}
		if (type != TLS_HS_CERTIFICATE)
			goto stop;
		list_len = cur_be24(&c);
		cert_len = cur_be24(&c);
		if (c.bad)
			break; /* the lengths are still to come */
		if (cert_len == 0 || len < TLS_CERT_LIST_LEN ||
		    list_len > len - TLS_CERT_LIST_LEN ||
		    list_len < TLS_CERT_LEN ||
		    cert_len > list_len - TLS_CERT_LEN)
			goto stop;
		if (cur_left(&c) < cert_len)
			break;
		if (x509_subject_name(cur_sub(&c, cert_len), name, sizeof name))
			tls_report_cert(rep, name);
		goto stop;
	}
	if (ct->len < TLS_CERT_BUF_MAX)
		return; /* wait for more */
stop:
	tls_cert_stop(ct);
}

/*
 * Once decided, the flow is followed for TLS_ALERT_FOLLOW packets past the
 * budget (an alert), and for as long as the server's certificate is
 * awaited, within follow_budget: PROTO_NO then says nothing more is wanted.
 */
static enum proto_verdict tls_after(const struct tls_state *st)
{
	if (st->seen < TLS_BUDGET + TLS_ALERT_FOLLOW ||
	    st->cert.phase == TLS_CERT_WANTED)
		return PROTO_YES;
	return PROTO_NO;
}

static enum proto_verdict tls_search(void *state, const struct proto_pkt *pkt,
				     struct proto_report *rep,
				     const struct proto_sink *sink)
{
	struct tls_state *st = state;
	struct cursor c = cur_make(pkt->data, pkt->len);
	enum proto_verdict v;

	st->seen++;
	if (pkt->transport != PROTO_TCP)
		return PROTO_NO;
	if (cur_left(&c) == 0)
		return st->decided ? tls_after(st) : PROTO_MORE;
	if (st->mode == TLS_MODE_START) {
		st->first_type = cur_peek(&c, 0);
		if (st->first_type == TLS_CT_HANDSHAKE) {
			st->mode = TLS_MODE_HELLO;
			st->hello_from_initiator = pkt->from_initiator;
			st->cert.phase = TLS_CERT_WANTED;
		} else if (tls_content_type_name(st->first_type)) {
			st->mode = TLS_MODE_RECORDS;
		} else {
			return PROTO_NO;
		}
	}
	/* The server's bytes from its first on, for its certificate. */
	if (!pkt->from_initiator && st->cert.phase == TLS_CERT_WANTED) {
		if (pkt->gap)
			tls_cert_stop(&st->cert);
		tls_cert_feed(&st->cert, c);
	}
	if (!st->decided) {
		v = st->mode == TLS_MODE_HELLO ? tls_hello(st, pkt, rep)
					       : tls_records(st, pkt, rep);
		if (v != PROTO_YES) {
			if (v == PROTO_NO)
				tls_cert_stop(&st->cert);
			return v;
		}
		st->decided = true;
		stream_free(&st->hello); /* only alerts and the server now */
		if (st->named)
			tls_cert_stop(&st->cert); /* the client named it */
	} else {
		tls_watch_alert(st, pkt, rep);
	}
	tls_cert_look(&st->cert, rep);
	return tls_after(st);
}

/* The TCP buffers are allocated as bytes come; the state's end frees them. */
static void tls_release(void *state)
{
	struct tls_state *st = state;

	stream_free(&st->hello);
	tls_cert_stop(&st->cert);
}

const struct recogniser proto_tls = {
	.name = "tls",
	.app = APP_TLS,
	.transports = PROTO_TCP,
	.budget = TLS_BUDGET,
	.follow_budget = TLS_FOLLOW_BUDGET,
	.state_size = sizeof(struct tls_state),
	.release = tls_release,
	.search = tls_search,
};
