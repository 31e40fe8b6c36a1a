/* \summary: TLS over TCP: the record layer and the ClientHello/ServerHello */
/*
 * specification: RFC 8446 (TLS 1.3) sections 4.1.2, 4.1.3 and 5.1;
 * RFC 5246 (TLS 1.2) sections 6.2 and 7.4.1; RFC 6066 section 3
 * (server_name); RFC 7301 section 3.1 (application_layer_protocol_
 * negotiation).
 *
 * A TLS connection opens with a handshake record (content type 22) holding
 * a ClientHello from the initiator.  Its lengths nest exactly: record,
 * handshake message, session id, cipher suites, compression methods,
 * extensions.  A record may span segments, so the first one is reassembled.
 * A capture that starts mid-connection shows other records first (alert,
 * change_cipher_spec, application_data); those are accepted when their
 * headers chain exactly across the flow's bytes.
 */
#include <stdio.h>
#include <string.h>

#include "vcflow/extract.h"
#include "vcflow/proto.h"
#include "vcflow/stream.h"

enum {
	TLS_BUDGET = 4,
	TLS_FOLLOW_BUDGET = 2, /* after the hellos: a refusal comes at once */
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

/* Handshake types, RFC 8446 4. */
enum {
	TLS_HS_CLIENT_HELLO = 1,
	TLS_HS_SERVER_HELLO = 2,
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

struct tls_state {
	enum tls_mode mode;
	bool decided;	   /* said yes: now only alerts are looked for */
	bool alert_seen;
	bool hello_from_initiator;
	uint8_t first_type; /* content type of the first record seen */
	struct stream hello;
	struct tls_chain chain[2];
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

static enum proto_verdict tls_search(void *state, const struct proto_pkt *pkt,
				     struct proto_report *rep,
				     const struct proto_sink *sink)
{
	struct tls_state *st = state;
	struct cursor c = cur_make(pkt->data, pkt->len);

	if (pkt->transport != PROTO_TCP)
		return PROTO_NO;
	if (cur_left(&c) == 0)
		return PROTO_MORE;
	if (st->mode == TLS_MODE_START) {
		st->first_type = cur_peek(&c, 0);
		if (st->first_type == TLS_CT_HANDSHAKE) {
			st->mode = TLS_MODE_HELLO;
			st->hello_from_initiator = pkt->from_initiator;
		} else if (tls_content_type_name(st->first_type)) {
			st->mode = TLS_MODE_RECORDS;
		} else {
			return PROTO_NO;
		}
	}
	if (st->decided) {
		tls_watch_alert(st, pkt, rep);
		return PROTO_YES;
	}
	enum proto_verdict v = st->mode == TLS_MODE_HELLO
				       ? tls_hello(st, pkt, rep)
				       : tls_records(st, pkt, rep);
	st->decided = v == PROTO_YES;
	if (st->decided)
		stream_free(&st->hello); /* only alert headers are read now */
	return v;
}

/* The TCP buffers are allocated as bytes come; the state's end frees them. */
static void tls_release(void *state)
{
	struct tls_state *st = state;

	stream_free(&st->hello);
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
