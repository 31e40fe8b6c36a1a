/* \summary: unit tests for the TLS recogniser */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vcflow/proto.h"

#include "proto-session.h"

extern const struct recogniser proto_tls;

/* ---- building records ------------------------------------------------- */

#define MSG_MAX 4096

struct buf {
	uint8_t b[MSG_MAX];
	size_t len;
};

static void put8(struct buf *m, uint8_t v)
{
	ck_assert_uint_lt(m->len, MSG_MAX);
	m->b[m->len++] = v;
}

static void put16(struct buf *m, uint16_t v)
{
	put8(m, (uint8_t)(v >> 8));
	put8(m, (uint8_t)v);
}

static void put_bytes(struct buf *m, const void *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		put8(m, ((const uint8_t *)p)[i]);
}

static void put_fill(struct buf *m, uint8_t v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		put8(m, v);
}

/* Length fields are written after their contents: remember the spot. */
static size_t mark(struct buf *m, size_t width)
{
	size_t at = m->len;

	put_fill(m, 0, width);
	return at;
}

static void patch(struct buf *m, size_t at, size_t width)
{
	size_t v = m->len - at - width;

	for (size_t i = 0; i < width; i++)
		m->b[at + i] = (uint8_t)(v >> (8 * (width - 1 - i)));
}

enum {
	EXT_SERVER_NAME = 0,
	EXT_SUPPORTED_GROUPS = 10,
	EXT_ALPN = 16,
	EXT_SUPPORTED_VERSIONS = 43,
};

struct hello_opts {
	const char *sni;      /* NULL: no server_name */
	const char *alpn[3];  /* NULL-terminated */
	bool no_extensions;
	size_t session_id_len;
	uint8_t handshake_type;
};

static void put_sni(struct buf *m, const char *host)
{
	size_t ext, list, name;

	put16(m, EXT_SERVER_NAME);
	ext = mark(m, 2);
	list = mark(m, 2);
	put8(m, 0); /* host_name */
	name = mark(m, 2);
	put_bytes(m, host, strlen(host));
	patch(m, name, 2);
	patch(m, list, 2);
	patch(m, ext, 2);
}

static void put_alpn(struct buf *m, const char *const *protos)
{
	size_t ext, list;

	put16(m, EXT_ALPN);
	ext = mark(m, 2);
	list = mark(m, 2);
	for (size_t i = 0; protos[i]; i++) {
		put8(m, (uint8_t)strlen(protos[i]));
		put_bytes(m, protos[i], strlen(protos[i]));
	}
	patch(m, list, 2);
	patch(m, ext, 2);
}

/* A handshake record holding a ClientHello (or whatever type is asked). */
static void client_hello(struct buf *m, const struct hello_opts *o)
{
	size_t rec, hs, suites, exts;

	put8(m, 22);
	put16(m, 0x0301);
	rec = mark(m, 2);
	put8(m, o->handshake_type ? o->handshake_type : 1);
	hs = mark(m, 3);
	put16(m, 0x0303);
	put_fill(m, 0x5a, 32); /* random */
	put8(m, (uint8_t)o->session_id_len);
	put_fill(m, 0x11, o->session_id_len);
	suites = mark(m, 2);
	put16(m, 0x1301);
	put16(m, 0x1302);
	put16(m, 0xc02f);
	patch(m, suites, 2);
	put8(m, 1);
	put8(m, 0); /* null compression */
	if (!o->no_extensions) {
		exts = mark(m, 2);
		if (o->sni)
			put_sni(m, o->sni);
		if (o->alpn[0])
			put_alpn(m, o->alpn);
		put16(m, EXT_SUPPORTED_VERSIONS);
		put16(m, 3);
		put8(m, 2);
		put16(m, 0x0304);
		patch(m, exts, 2);
	}
	patch(m, hs, 3);
	patch(m, rec, 2);
}

static void server_hello(struct buf *m)
{
	size_t rec, hs, exts;

	put8(m, 22);
	put16(m, 0x0303);
	rec = mark(m, 2);
	put8(m, 2);
	hs = mark(m, 3);
	put16(m, 0x0303);
	put_fill(m, 0x33, 32);
	put8(m, 32);
	put_fill(m, 0x11, 32);
	put16(m, 0x1301);
	put8(m, 0);
	exts = mark(m, 2);
	put16(m, EXT_SUPPORTED_VERSIONS);
	put16(m, 2);
	put16(m, 0x0304);
	patch(m, exts, 2);
	patch(m, hs, 3);
	patch(m, rec, 2);
}

static void record(struct buf *m, uint8_t type, size_t body_len)
{
	put8(m, type);
	put16(m, 0x0303);
	put16(m, (uint16_t)body_len);
	put_fill(m, 0xa7, body_len);
}

static const struct hello_opts typical = {
	.sni = "example.com",
	.alpn = { "h2", "http/1.1", NULL },
	.session_id_len = 32,
};

/* ---- running the recogniser ------------------------------------------- */

#define TLS_CT_ALERT_ 21 /* RFC 8446 5.1 */

struct run {
	void *state;
	struct proto_report rep;
};

static void run_start(struct run *r)
{
	memset(r, 0, sizeof *r);
	r->state = state_new(&proto_tls);
}

static void run_end(struct run *r)
{
	state_free(&proto_tls, r->state);
}

/* Feeds one segment from an exact-size heap copy, so overreads show. */
static enum proto_verdict run_feed_ex(struct run *r, const uint8_t *data,
				      size_t len, bool from_initiator,
				      uint8_t transport)
{
	struct proto_pkt pkt = {
		.transport = transport,
		.from_initiator = from_initiator,
		.sport = 41346,
		.dport = 443,
	};

	return feed_copy(&proto_tls, r->state, pkt, data, len, &r->rep, NULL);
}

static enum proto_verdict run_feed(struct run *r, const struct buf *m,
				   bool from_initiator)
{
	return run_feed_ex(r, m->b, m->len, from_initiator, PROTO_TCP);
}

static enum proto_verdict verdict_of(const uint8_t *data, size_t len)
{
	struct run r;
	enum proto_verdict v;

	run_start(&r);
	v = run_feed_ex(&r, data, len, true, PROTO_TCP);
	run_end(&r);
	return v;
}

static void assert_text_sane(const char *s, size_t size)
{
	size_t n = strnlen(s, size);

	ck_assert_uint_lt(n, size);
	for (size_t i = 0; i < n; i++)
		ck_assert(s[i] >= 0x20 && s[i] < 0x7f);
}

/* ---- ClientHello ------------------------------------------------------ */

START_TEST(test_client_hello_reports_sni_and_alpn)
{
	struct buf m = { .len = 0 };
	struct run r;

	client_hello(&m, &typical);
	run_start(&r);
	ck_assert_int_eq(run_feed(&r, &m, true), PROTO_YES);
	ck_assert_str_eq(r.rep.detail, "ClientHello sni=example.com alpn=h2");
	ck_assert_str_eq(r.rep.product, "example.com");
	run_end(&r);
}
END_TEST

/* RFC 5246 7.2: a refused handshake ends with a cleartext fatal alert. */
START_TEST(test_alert_after_the_hello_is_named_in_the_detail)
{
	static const uint8_t handshake_failure[] = { TLS_CT_ALERT_, 3, 3, 0, 2,
						     2, 40 };
	static const uint8_t close_notify[] = { TLS_CT_ALERT_, 3, 3, 0, 2, 1,
						0 };
	struct buf m = { .len = 0 };
	struct run r;

	client_hello(&m, &typical);
	run_start(&r);
	ck_assert_int_eq(run_feed(&r, &m, true), PROTO_YES);
	ck_assert_int_eq(run_feed_ex(&r, close_notify, sizeof close_notify,
				     false, PROTO_TCP),
			 PROTO_YES);
	ck_assert_str_eq(r.rep.detail, "ClientHello sni=example.com alpn=h2");
	ck_assert_int_eq(run_feed_ex(&r, handshake_failure,
				     sizeof handshake_failure, false, PROTO_TCP),
			 PROTO_YES);
	ck_assert_str_eq(r.rep.detail, "ClientHello sni=example.com alpn=h2; "
				       "alert handshake_failure from server");
	run_end(&r);
}
END_TEST

START_TEST(test_client_hello_without_sni_is_yes_without_product)
{
	struct hello_opts o = { .session_id_len = 0 };
	struct buf m = { .len = 0 };
	struct run r;

	client_hello(&m, &o);
	run_start(&r);
	ck_assert_int_eq(run_feed(&r, &m, true), PROTO_YES);
	ck_assert_str_eq(r.rep.detail, "ClientHello");
	ck_assert_str_eq(r.rep.product, "");
	run_end(&r);
}
END_TEST

START_TEST(test_client_hello_without_extensions_is_yes)
{
	struct hello_opts o = { .no_extensions = true };
	struct buf m = { .len = 0 };

	client_hello(&m, &o);
	ck_assert_int_eq(verdict_of(m.b, m.len), PROTO_YES);
}
END_TEST

START_TEST(test_client_hello_split_at_any_byte_is_yes)
{
	struct buf m = { .len = 0 };

	client_hello(&m, &typical);
	for (size_t cut = 1; cut < m.len; cut++) {
		struct run r;

		run_start(&r);
		ck_assert_int_eq(run_feed_ex(&r, m.b, cut, true, PROTO_TCP),
				 PROTO_MORE);
		ck_assert_int_eq(run_feed_ex(&r, m.b + cut, m.len - cut, true,
					     PROTO_TCP),
				 PROTO_YES);
		ck_assert_str_eq(r.rep.product, "example.com");
		run_end(&r);
	}
}
END_TEST

START_TEST(test_client_hello_fragmented_over_records_is_yes)
{
	struct buf whole = { .len = 0 }, m = { .len = 0 };
	size_t first = 100; /* handshake bytes in the first record */
	struct run r;

	client_hello(&whole, &typical);
	put8(&m, 22);
	put16(&m, 0x0301);
	put16(&m, (uint16_t)first);
	put_bytes(&m, whole.b + 5, first);
	run_start(&r);
	ck_assert_int_eq(run_feed(&r, &m, true), PROTO_YES);
	ck_assert_str_eq(r.rep.detail, "ClientHello");
	run_end(&r);
}
END_TEST

START_TEST(test_long_sni_is_cut_to_the_report)
{
	struct hello_opts o = typical;
	char host[201];
	struct buf m = { .len = 0 };
	struct run r;

	memset(host, 'a', sizeof host - 1);
	host[sizeof host - 1] = '\0';
	o.sni = host;
	client_hello(&m, &o);
	run_start(&r);
	ck_assert_int_eq(run_feed(&r, &m, true), PROTO_YES);
	ck_assert_uint_eq(strlen(r.rep.product), sizeof r.rep.product - 1);
	assert_text_sane(r.rep.detail, sizeof r.rep.detail);
	run_end(&r);
}
END_TEST

START_TEST(test_server_hello_first_is_yes)
{
	struct buf m = { .len = 0 };
	struct run r;

	server_hello(&m);
	run_start(&r);
	ck_assert_int_eq(run_feed(&r, &m, false), PROTO_YES);
	ck_assert_str_eq(r.rep.detail, "ServerHello");
	run_end(&r);
}
END_TEST

START_TEST(test_server_hello_from_the_initiator_is_no)
{
	struct buf m = { .len = 0 };

	server_hello(&m);
	ck_assert_int_eq(verdict_of(m.b, m.len), PROTO_NO);
}
END_TEST

START_TEST(test_other_handshake_type_first_is_no)
{
	struct hello_opts o = typical;
	struct buf m = { .len = 0 };

	o.handshake_type = 11; /* Certificate */
	client_hello(&m, &o);
	ck_assert_int_eq(verdict_of(m.b, m.len), PROTO_NO);
}
END_TEST

START_TEST(test_server_bytes_before_the_hello_ends_are_ignored)
{
	struct buf m = { .len = 0 };
	static const uint8_t other[] = { 1, 2, 3 };
	struct run r;

	client_hello(&m, &typical);
	run_start(&r);
	ck_assert_int_eq(run_feed_ex(&r, m.b, 20, true, PROTO_TCP),
			 PROTO_MORE);
	ck_assert_int_eq(run_feed_ex(&r, other, sizeof other, false,
				     PROTO_TCP),
			 PROTO_MORE);
	ck_assert_int_eq(run_feed_ex(&r, m.b + 20, m.len - 20, true,
				     PROTO_TCP),
			 PROTO_YES);
	run_end(&r);
}
END_TEST

/* ---- malformed hellos ------------------------------------------------- */

/* Byte offsets in client_hello()'s output with `typical`. */
enum {
	OFF_RECORD_MAJOR = 1,
	OFF_RECORD_LEN = 3,
	OFF_HS_LEN = 6,
	OFF_HELLO_MAJOR = 9,
	OFF_SESSION_ID_LEN = 43,
	OFF_SUITES_LEN = 44 + 32,
	OFF_EXTENSIONS_LEN = OFF_SUITES_LEN + 2 + 6 + 2,
	OFF_SNI_NAME_LEN = OFF_EXTENSIONS_LEN + 2 + 4 + 2 + 1,
};

static const struct {
	const char *what;
	size_t off;
	uint8_t value;
} broken_cases[] = {
	{ "record major version 2", OFF_RECORD_MAJOR, 2 },
	{ "record length too long", OFF_RECORD_LEN, 0x50 },
	{ "handshake length past the record", OFF_HS_LEN, 0x7f },
	{ "hello version 2.3", OFF_HELLO_MAJOR, 2 },
	{ "session id of 33", OFF_SESSION_ID_LEN, 33 },
	{ "odd cipher suites length", OFF_SUITES_LEN + 1, 5 },
	{ "extensions length one short", OFF_EXTENSIONS_LEN + 1, 0 },
	{ "sni name longer than its list", OFF_SNI_NAME_LEN + 1, 200 },
};

START_TEST(test_broken_client_hello_is_no)
{
	struct buf m = { .len = 0 };

	client_hello(&m, &typical);
	m.b[broken_cases[_i].off] = broken_cases[_i].value;
	ck_assert_msg(verdict_of(m.b, m.len) == PROTO_NO, "%s",
		      broken_cases[_i].what);
}
END_TEST

START_TEST(test_extension_length_lie_is_no)
{
	struct buf m = { .len = 0 };

	client_hello(&m, &typical);
	/* The server_name extension claims one byte more than it has. */
	m.b[OFF_EXTENSIONS_LEN + 2 + 3]++;
	ck_assert_int_eq(verdict_of(m.b, m.len), PROTO_NO);
}
END_TEST

START_TEST(test_plain_text_first_is_no)
{
	static const char get[] = "GET / HTTP/1.1\r\nHost: example.com\r\n\r\n";

	ck_assert_int_eq(verdict_of((const uint8_t *)get, strlen(get)),
			 PROTO_NO);
}
END_TEST

START_TEST(test_openvpn_framing_is_no)
{
	/* OpenVPN over TCP: 2-byte length, P_CONTROL_HARD_RESET_CLIENT_V2. */
	static const uint8_t m[] = { 0x00, 0x0e, 0x38, 0x50, 0x7a, 0x28,
				     0xa7, 0x82, 0x75, 0x78, 0x8d, 0x00,
				     0x00, 0x00, 0x00, 0x00 };

	ck_assert_int_eq(verdict_of(m, sizeof m), PROTO_NO);
}
END_TEST

START_TEST(test_udp_is_no)
{
	struct buf m = { .len = 0 };
	struct run r;

	client_hello(&m, &typical);
	run_start(&r);
	ck_assert_int_eq(run_feed_ex(&r, m.b, m.len, true, PROTO_UDP),
			 PROTO_NO);
	run_end(&r);
}
END_TEST

/* ---- joining mid-connection ------------------------------------------- */

START_TEST(test_lone_alert_record_is_yes)
{
	struct buf m = { .len = 0 };
	struct run r;

	put8(&m, 21);
	put16(&m, 0x0301);
	put16(&m, 18);
	put_fill(&m, 0x7c, 18);
	run_start(&r);
	ck_assert_int_eq(run_feed(&r, &m, true), PROTO_YES);
	ck_assert_str_eq(r.rep.detail, "alert");
	run_end(&r);
}
END_TEST

START_TEST(test_application_data_chained_over_segments_is_yes)
{
	struct buf m = { .len = 0 };
	struct run r;

	record(&m, 23, 2000);
	record(&m, 23, 100);
	run_start(&r);
	ck_assert_int_eq(run_feed_ex(&r, m.b, 1400, false, PROTO_TCP),
			 PROTO_MORE);
	ck_assert_int_eq(run_feed_ex(&r, m.b + 1400, 700, false, PROTO_TCP),
			 PROTO_YES);
	ck_assert_str_eq(r.rep.detail, "application_data");
	run_end(&r);
}
END_TEST

START_TEST(test_application_data_with_a_bad_next_header_is_no)
{
	struct buf m = { .len = 0 };

	record(&m, 23, 100);
	put8(&m, 0x99);
	put16(&m, 0x0303);
	put16(&m, 10);
	ck_assert_int_eq(verdict_of(m.b, m.len), PROTO_NO);
}
END_TEST

START_TEST(test_unknown_content_type_is_no)
{
	struct buf m = { .len = 0 };

	record(&m, 24, 16);
	ck_assert_int_eq(verdict_of(m.b, m.len), PROTO_NO);
}
END_TEST

/* ---- robustness ------------------------------------------------------- */

START_TEST(test_truncations_are_never_yes)
{
	struct buf m = { .len = 0 };

	client_hello(&m, &typical);
	for (size_t len = 0; len < m.len; len++)
		ck_assert_int_ne(verdict_of(m.b, len), PROTO_YES);
}
END_TEST

START_TEST(test_bit_flips_never_crash_nor_garble_the_report)
{
	struct buf m = { .len = 0 };

	client_hello(&m, &typical);
	for (size_t bit = 0; bit < m.len * 8; bit++) {
		struct buf f = m;
		struct run r;

		f.b[bit / 8] ^= (uint8_t)(1u << (bit % 8));
		run_start(&r);
		run_feed(&r, &f, true);
		assert_text_sane(r.rep.detail, sizeof r.rep.detail);
		assert_text_sane(r.rep.product, sizeof r.rep.product);
		run_end(&r);
	}
}
END_TEST

START_TEST(test_random_bytes_are_never_yes)
{
	uint32_t seed = 0x2545f491;
	uint8_t b[256];

	for (int n = 0; n < 5000; n++) {
		size_t len = 1 + n % sizeof b;

		for (size_t i = 0; i < len; i++) {
			seed = seed * 1664525u + 1013904223u;
			b[i] = (uint8_t)(seed >> 24);
		}
		ck_assert_int_ne(verdict_of(b, len), PROTO_YES);
	}
}
END_TEST

/* ---- the server's certificate ---------------------------------------- */

/*
 * Made with `openssl req -x509` (EC P-256 key, DER out).  cert_san: subject
 * O=Example Org, CN=fallback.example.org; four extensions, subjectKey-
 * Identifier, authorityKeyIdentifier, basicConstraints (critical) and last
 * subjectAltName, whose value (from byte 376) reads, by hand: 30 36, then
 * 81 0f "ops@example.org" (an rfc822Name), 82 10 "meet.example.net",
 * 82 11 "other.example.net".  The first dNSName is meet.example.net.
 */
static const uint8_t cert_san[] = {
	0x30, 0x82, 0x02, 0x02, 0x30, 0x82, 0x01, 0xa8, 0xa0, 0x03, 0x02, 0x01,
	0x02, 0x02, 0x14, 0x6c, 0xef, 0x8c, 0x31, 0x62, 0xa2, 0x73, 0x96, 0xee,
	0xf3, 0x18, 0xdc, 0x1c, 0x05, 0x52, 0x16, 0x0e, 0xc4, 0xfb, 0xc6, 0x30,
	0x0a, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02, 0x30,
	0x35, 0x31, 0x14, 0x30, 0x12, 0x06, 0x03, 0x55, 0x04, 0x0a, 0x0c, 0x0b,
	0x45, 0x78, 0x61, 0x6d, 0x70, 0x6c, 0x65, 0x20, 0x4f, 0x72, 0x67, 0x31,
	0x1d, 0x30, 0x1b, 0x06, 0x03, 0x55, 0x04, 0x03, 0x0c, 0x14, 0x66, 0x61,
	0x6c, 0x6c, 0x62, 0x61, 0x63, 0x6b, 0x2e, 0x65, 0x78, 0x61, 0x6d, 0x70,
	0x6c, 0x65, 0x2e, 0x6f, 0x72, 0x67, 0x30, 0x1e, 0x17, 0x0d, 0x32, 0x36,
	0x31, 0x32, 0x30, 0x37, 0x30, 0x38, 0x34, 0x34, 0x35, 0x32, 0x5a, 0x17,
	0x0d, 0x33, 0x36, 0x31, 0x32, 0x30, 0x34, 0x30, 0x38, 0x34, 0x34, 0x35,
	0x32, 0x5a, 0x30, 0x35, 0x31, 0x14, 0x30, 0x12, 0x06, 0x03, 0x55, 0x04,
	0x0a, 0x0c, 0x0b, 0x45, 0x78, 0x61, 0x6d, 0x70, 0x6c, 0x65, 0x20, 0x4f,
	0x72, 0x67, 0x31, 0x1d, 0x30, 0x1b, 0x06, 0x03, 0x55, 0x04, 0x03, 0x0c,
	0x14, 0x66, 0x61, 0x6c, 0x6c, 0x62, 0x61, 0x63, 0x6b, 0x2e, 0x65, 0x78,
	0x61, 0x6d, 0x70, 0x6c, 0x65, 0x2e, 0x6f, 0x72, 0x67, 0x30, 0x59, 0x30,
	0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08,
	0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00, 0x04,
	0xd3, 0x94, 0xef, 0x49, 0xfe, 0xf7, 0x99, 0xb6, 0x40, 0x9e, 0xde, 0xf1,
	0x3d, 0x19, 0xaf, 0x4a, 0x00, 0x70, 0xab, 0xea, 0x22, 0x4c, 0x04, 0xcf,
	0x2a, 0x12, 0x2c, 0x88, 0x53, 0x83, 0x57, 0xa1, 0x7a, 0x3e, 0x43, 0xe0,
	0x39, 0x81, 0x48, 0xe9, 0x0c, 0x66, 0xb9, 0x7e, 0x53, 0x8c, 0x3b, 0xea,
	0x1b, 0xef, 0x1a, 0x62, 0xfe, 0xf1, 0x13, 0x41, 0x27, 0x1d, 0xff, 0xe1,
	0xe6, 0x66, 0x3b, 0x07, 0xa3, 0x81, 0x95, 0x30, 0x81, 0x92, 0x30, 0x1d,
	0x06, 0x03, 0x55, 0x1d, 0x0e, 0x04, 0x16, 0x04, 0x14, 0xf6, 0xb4, 0x1e,
	0xec, 0x85, 0xfd, 0xd9, 0xf3, 0x59, 0xd6, 0xb9, 0xda, 0x08, 0x71, 0xa5,
	0x39, 0x74, 0xf9, 0xea, 0x14, 0x30, 0x1f, 0x06, 0x03, 0x55, 0x1d, 0x23,
	0x04, 0x18, 0x30, 0x16, 0x80, 0x14, 0xf6, 0xb4, 0x1e, 0xec, 0x85, 0xfd,
	0xd9, 0xf3, 0x59, 0xd6, 0xb9, 0xda, 0x08, 0x71, 0xa5, 0x39, 0x74, 0xf9,
	0xea, 0x14, 0x30, 0x0f, 0x06, 0x03, 0x55, 0x1d, 0x13, 0x01, 0x01, 0xff,
	0x04, 0x05, 0x30, 0x03, 0x01, 0x01, 0xff, 0x30, 0x3f, 0x06, 0x03, 0x55,
	0x1d, 0x11, 0x04, 0x38, 0x30, 0x36, 0x81, 0x0f, 0x6f, 0x70, 0x73, 0x40,
	0x65, 0x78, 0x61, 0x6d, 0x70, 0x6c, 0x65, 0x2e, 0x6f, 0x72, 0x67, 0x82,
	0x10, 0x6d, 0x65, 0x65, 0x74, 0x2e, 0x65, 0x78, 0x61, 0x6d, 0x70, 0x6c,
	0x65, 0x2e, 0x6e, 0x65, 0x74, 0x82, 0x11, 0x6f, 0x74, 0x68, 0x65, 0x72,
	0x2e, 0x65, 0x78, 0x61, 0x6d, 0x70, 0x6c, 0x65, 0x2e, 0x6e, 0x65, 0x74,
	0x30, 0x0a, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02,
	0x03, 0x48, 0x00, 0x30, 0x45, 0x02, 0x21, 0x00, 0xf7, 0xa6, 0x2c, 0xfd,
	0x0a, 0xb3, 0x12, 0xc1, 0x04, 0x79, 0x0c, 0x35, 0xfe, 0x62, 0x26, 0xa4,
	0xfd, 0x5b, 0x34, 0x0b, 0x8e, 0x05, 0xb7, 0x99, 0x70, 0x9b, 0x28, 0x5e,
	0x23, 0x58, 0xd7, 0x14, 0x02, 0x20, 0x31, 0xa9, 0x95, 0x30, 0x87, 0x3a,
	0xc2, 0xcb, 0x59, 0x1e, 0x71, 0x80, 0xca, 0x96, 0x64, 0x78, 0xb1, 0x14,
	0x1f, 0xe8, 0xb3, 0xf6, 0x5e, 0xfb, 0xf7, 0x0c, 0x0f, 0xad, 0x3c, 0xff,
	0x4d, 0xea,
};

/* cert_cn_only: subject C=US, O=Example Org, CN=cn-only.example.org
 * (value at bytes 194 to 212); no subjectAltName among its extensions. */
static const uint8_t cert_cn_only[] = {
	0x30, 0x82, 0x01, 0xd7, 0x30, 0x82, 0x01, 0x7d, 0xa0, 0x03, 0x02, 0x01,
	0x02, 0x02, 0x14, 0x44, 0x23, 0x20, 0x16, 0xde, 0x2b, 0xa9, 0xe8, 0x09,
	0xa3, 0x60, 0x0a, 0xb6, 0x89, 0x14, 0xd3, 0xfe, 0xff, 0x88, 0xd5, 0x30,
	0x0a, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02, 0x30,
	0x41, 0x31, 0x0b, 0x30, 0x09, 0x06, 0x03, 0x55, 0x04, 0x06, 0x13, 0x02,
	0x55, 0x53, 0x31, 0x14, 0x30, 0x12, 0x06, 0x03, 0x55, 0x04, 0x0a, 0x0c,
	0x0b, 0x45, 0x78, 0x61, 0x6d, 0x70, 0x6c, 0x65, 0x20, 0x4f, 0x72, 0x67,
	0x31, 0x1c, 0x30, 0x1a, 0x06, 0x03, 0x55, 0x04, 0x03, 0x0c, 0x13, 0x63,
	0x6e, 0x2d, 0x6f, 0x6e, 0x6c, 0x79, 0x2e, 0x65, 0x78, 0x61, 0x6d, 0x70,
	0x6c, 0x65, 0x2e, 0x6f, 0x72, 0x67, 0x30, 0x1e, 0x17, 0x0d, 0x32, 0x36,
	0x31, 0x32, 0x30, 0x37, 0x30, 0x38, 0x34, 0x34, 0x35, 0x32, 0x5a, 0x17,
	0x0d, 0x33, 0x36, 0x31, 0x32, 0x30, 0x34, 0x30, 0x38, 0x34, 0x34, 0x35,
	0x32, 0x5a, 0x30, 0x41, 0x31, 0x0b, 0x30, 0x09, 0x06, 0x03, 0x55, 0x04,
	0x06, 0x13, 0x02, 0x55, 0x53, 0x31, 0x14, 0x30, 0x12, 0x06, 0x03, 0x55,
	0x04, 0x0a, 0x0c, 0x0b, 0x45, 0x78, 0x61, 0x6d, 0x70, 0x6c, 0x65, 0x20,
	0x4f, 0x72, 0x67, 0x31, 0x1c, 0x30, 0x1a, 0x06, 0x03, 0x55, 0x04, 0x03,
	0x0c, 0x13, 0x63, 0x6e, 0x2d, 0x6f, 0x6e, 0x6c, 0x79, 0x2e, 0x65, 0x78,
	0x61, 0x6d, 0x70, 0x6c, 0x65, 0x2e, 0x6f, 0x72, 0x67, 0x30, 0x59, 0x30,
	0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08,
	0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00, 0x04,
	0xd3, 0x94, 0xef, 0x49, 0xfe, 0xf7, 0x99, 0xb6, 0x40, 0x9e, 0xde, 0xf1,
	0x3d, 0x19, 0xaf, 0x4a, 0x00, 0x70, 0xab, 0xea, 0x22, 0x4c, 0x04, 0xcf,
	0x2a, 0x12, 0x2c, 0x88, 0x53, 0x83, 0x57, 0xa1, 0x7a, 0x3e, 0x43, 0xe0,
	0x39, 0x81, 0x48, 0xe9, 0x0c, 0x66, 0xb9, 0x7e, 0x53, 0x8c, 0x3b, 0xea,
	0x1b, 0xef, 0x1a, 0x62, 0xfe, 0xf1, 0x13, 0x41, 0x27, 0x1d, 0xff, 0xe1,
	0xe6, 0x66, 0x3b, 0x07, 0xa3, 0x53, 0x30, 0x51, 0x30, 0x1d, 0x06, 0x03,
	0x55, 0x1d, 0x0e, 0x04, 0x16, 0x04, 0x14, 0xf6, 0xb4, 0x1e, 0xec, 0x85,
	0xfd, 0xd9, 0xf3, 0x59, 0xd6, 0xb9, 0xda, 0x08, 0x71, 0xa5, 0x39, 0x74,
	0xf9, 0xea, 0x14, 0x30, 0x1f, 0x06, 0x03, 0x55, 0x1d, 0x23, 0x04, 0x18,
	0x30, 0x16, 0x80, 0x14, 0xf6, 0xb4, 0x1e, 0xec, 0x85, 0xfd, 0xd9, 0xf3,
	0x59, 0xd6, 0xb9, 0xda, 0x08, 0x71, 0xa5, 0x39, 0x74, 0xf9, 0xea, 0x14,
	0x30, 0x0f, 0x06, 0x03, 0x55, 0x1d, 0x13, 0x01, 0x01, 0xff, 0x04, 0x05,
	0x30, 0x03, 0x01, 0x01, 0xff, 0x30, 0x0a, 0x06, 0x08, 0x2a, 0x86, 0x48,
	0xce, 0x3d, 0x04, 0x03, 0x02, 0x03, 0x48, 0x00, 0x30, 0x45, 0x02, 0x21,
	0x00, 0xcf, 0x70, 0xa0, 0x4f, 0xd8, 0x8c, 0x30, 0xc6, 0x6e, 0xcf, 0xab,
	0x84, 0xb4, 0x46, 0xf9, 0xc8, 0xc7, 0xf1, 0x31, 0x12, 0xb2, 0xe1, 0x8d,
	0x85, 0x2e, 0xc8, 0xa7, 0x1a, 0x86, 0x74, 0x04, 0xfc, 0x02, 0x20, 0x08,
	0xa3, 0x51, 0x78, 0xad, 0x36, 0xae, 0x65, 0x41, 0xa2, 0x69, 0x72, 0xc7,
	0x16, 0x39, 0x0c, 0x5d, 0x5a, 0x92, 0x0f, 0xcc, 0xec, 0x03, 0xad, 0xe0,
	0xaa, 0x35, 0x86, 0x15, 0xdf, 0x19, 0x97,
};

#define CERT_SAN_NAME "meet.example.net"
#define CERT_CN_NAME "cn-only.example.org"

/* A TLS 1.2 ServerHello (RFC 5246 7.4.1.3), no extensions. */
static void server_hello_tls12(struct buf *m)
{
	size_t rec, hs;

	put8(m, 22);
	put16(m, 0x0303);
	rec = mark(m, 2);
	put8(m, 2);
	hs = mark(m, 3);
	put16(m, 0x0303);
	put_fill(m, 0x33, 32);
	put8(m, 0);	    /* no session id */
	put16(m, 0xc02f);   /* cipher suite */
	put8(m, 0);	    /* null compression */
	patch(m, hs, 3);
	patch(m, rec, 2);
}

/* The Certificate handshake message (RFC 5246 7.4.2), one certificate. */
static void certificate_message(struct buf *m, const uint8_t *der,
				size_t len)
{
	size_t hs, list, one;

	put8(m, 11); /* certificate, RFC 5246 7.4 */
	hs = mark(m, 3);
	list = mark(m, 3);
	one = mark(m, 3);
	put_bytes(m, der, len);
	patch(m, one, 3);
	patch(m, list, 3);
	patch(m, hs, 3);
}

/* ServerHello; then Certificate and ServerHelloDone in one record. */
static void server_flight(struct buf *m, const uint8_t *der, size_t len)
{
	size_t rec;

	server_hello_tls12(m);
	put8(m, 22);
	put16(m, 0x0303);
	rec = mark(m, 2);
	certificate_message(m, der, len);
	put8(m, 14); /* ServerHelloDone, empty */
	put_fill(m, 0, 3);
	patch(m, rec, 2);
}

static const struct hello_opts no_sni = { .session_id_len = 32 };

/* Runs a ClientHello without server_name, then the server's bytes. */
static void run_no_sni_then(struct run *r, const uint8_t *server, size_t len)
{
	struct buf ch = { .len = 0 };

	client_hello(&ch, &no_sni);
	run_start(r);
	ck_assert_int_eq(run_feed(r, &ch, true), PROTO_YES);
	if (len > 0)
		run_feed_ex(r, server, len, false, PROTO_TCP);
}

START_TEST(test_certificate_name_taken_when_there_is_no_sni)
{
	struct buf m = { .len = 0 };
	struct run r;

	server_flight(&m, cert_san, sizeof cert_san);
	run_no_sni_then(&r, m.b, m.len);
	ck_assert_str_eq(r.rep.product, CERT_SAN_NAME);
	ck_assert_str_eq(r.rep.detail, "ClientHello cert=" CERT_SAN_NAME);
	run_end(&r);
}
END_TEST

START_TEST(test_common_name_when_no_subject_alt_name)
{
	struct buf m = { .len = 0 };
	struct run r;

	server_flight(&m, cert_cn_only, sizeof cert_cn_only);
	run_no_sni_then(&r, m.b, m.len);
	ck_assert_str_eq(r.rep.product, CERT_CN_NAME);
	ck_assert_str_eq(r.rep.detail, "ClientHello cert=" CERT_CN_NAME);
	run_end(&r);
}
END_TEST

START_TEST(test_sni_wins_over_the_certificate)
{
	struct buf ch = { .len = 0 }, m = { .len = 0 };
	struct run r;

	client_hello(&ch, &typical);
	server_flight(&m, cert_san, sizeof cert_san);
	run_start(&r);
	ck_assert_int_eq(run_feed(&r, &ch, true), PROTO_YES);
	ck_assert_int_eq(run_feed(&r, &m, false), PROTO_YES);
	ck_assert_str_eq(r.rep.product, "example.com");
	ck_assert_str_eq(r.rep.detail, "ClientHello sni=example.com alpn=h2");
	run_end(&r);
}
END_TEST

START_TEST(test_certificate_split_over_two_segments_at_any_byte)
{
	struct buf ch = { .len = 0 }, m = { .len = 0 };

	client_hello(&ch, &no_sni);
	server_flight(&m, cert_san, sizeof cert_san);
	size_t cert_end = m.len - 4; /* ServerHelloDone follows */
	for (size_t cut = 1; cut < m.len; cut++) {
		struct run r;

		run_start(&r);
		ck_assert_int_eq(run_feed(&r, &ch, true), PROTO_YES);
		ck_assert_int_eq(run_feed_ex(&r, m.b, cut, false, PROTO_TCP),
				 PROTO_YES);
		if (cut < cert_end)
			ck_assert_str_eq(r.rep.product, "");
		ck_assert_int_eq(run_feed_ex(&r, m.b + cut, m.len - cut, false,
					     PROTO_TCP),
				 PROTO_YES);
		ck_assert_str_eq(r.rep.product, CERT_SAN_NAME);
		run_end(&r);
	}
}
END_TEST

/* RFC 5246 6.2.1: a handshake message may be fragmented over records. */
START_TEST(test_certificate_fragmented_over_records)
{
	struct buf msg = { .len = 0 }, m = { .len = 0 };
	size_t first = 200;
	struct run r;

	certificate_message(&msg, cert_san, sizeof cert_san);
	server_hello_tls12(&m);
	put8(&m, 22);
	put16(&m, 0x0303);
	put16(&m, (uint16_t)first);
	put_bytes(&m, msg.b, first);
	put8(&m, 22);
	put16(&m, 0x0303);
	put16(&m, (uint16_t)(msg.len - first));
	put_bytes(&m, msg.b + first, msg.len - first);
	run_no_sni_then(&r, m.b, m.len);
	ck_assert_str_eq(r.rep.product, CERT_SAN_NAME);
	run_end(&r);
}
END_TEST

/* Joined after the ClientHello: the ServerHello comes first. */
START_TEST(test_server_hello_first_takes_the_certificate_name)
{
	struct buf m = { .len = 0 };
	struct run r;

	server_flight(&m, cert_san, sizeof cert_san);
	run_start(&r);
	ck_assert_int_eq(run_feed(&r, &m, false), PROTO_YES);
	ck_assert_str_eq(r.rep.product, CERT_SAN_NAME);
	ck_assert_str_eq(r.rep.detail, "ServerHello cert=" CERT_SAN_NAME);
	run_end(&r);
}
END_TEST

/* Every length of the DER short of whole, in a message framed for it. */
START_TEST(test_truncated_certificate_der_yields_no_name)
{
	for (size_t len = 0; len < sizeof cert_san; len++) {
		struct buf m = { .len = 0 };
		struct run r;

		server_flight(&m, cert_san, len);
		run_no_sni_then(&r, m.b, m.len);
		ck_assert_str_eq(r.rep.product, "");
		ck_assert_str_eq(r.rep.detail, "ClientHello");
		run_end(&r);
	}
}
END_TEST

/* DER lengths that claim more than their parent holds. */
static const struct {
	const char *what;
	size_t off;
	uint8_t value;
} der_lies[] = {
	{ "certificate longer than the message", 3, 0x40 },
	{ "tbsCertificate longer than the certificate", 6, 0x7f },
	{ "subject longer than it is", 135, 0x7f },
	{ "length of five octets", 5, 0x85 },
	{ "indefinite length", 5, 0x80 },
};

START_TEST(test_lying_der_lengths_yield_no_name)
{
	uint8_t der[sizeof cert_san];
	struct buf m = { .len = 0 };
	struct run r;

	memcpy(der, cert_san, sizeof der);
	der[der_lies[_i].off] = der_lies[_i].value;
	server_flight(&m, der, sizeof der);
	run_no_sni_then(&r, m.b, m.len);
	ck_assert_msg(strcmp(r.rep.product, "") == 0, "%s: %s",
		      der_lies[_i].what, r.rep.product);
	run_end(&r);
}
END_TEST

START_TEST(test_server_flight_bit_flips_keep_the_report_sane)
{
	struct buf m = { .len = 0 };

	server_flight(&m, cert_san, sizeof cert_san);
	for (size_t bit = 0; bit < m.len * 8; bit++) {
		struct buf f = m;
		struct run r;

		f.b[bit / 8] ^= (uint8_t)(1u << (bit % 8));
		run_no_sni_then(&r, f.b, f.len);
		assert_text_sane(r.rep.detail, sizeof r.rep.detail);
		assert_text_sane(r.rep.product, sizeof r.rep.product);
		run_end(&r);
	}
}
END_TEST

/*
 * A first certificate of 20000 bytes, more than the recogniser keeps: it
 * gives up, names nothing, and stops following the flow before its follow
 * budget is spent.
 */
START_TEST(test_oversized_certificate_message_gives_up)
{
	enum { CERT_LEN = 20000, RECORD = 16000, SEGMENT = 1400 };
	/* handshake header, list length, certificate length, certificate */
	size_t msg_len = 4 + 3 + 3 + CERT_LEN, cap = msg_len + 1024, len = 0;
	uint8_t *msg = calloc(1, msg_len), *flight = calloc(1, cap);
	struct buf sh = { .len = 0 };
	unsigned fed = 1;
	struct run r;
	enum proto_verdict v = PROTO_YES;

	ck_assert_ptr_nonnull(msg);
	ck_assert_ptr_nonnull(flight);
	msg[0] = 11; /* certificate */
	for (size_t i = 0; i < 3; i++) {
		msg[1 + i] = (uint8_t)((msg_len - 4) >> (16 - 8 * i));
		msg[4 + i] = (uint8_t)((msg_len - 7) >> (16 - 8 * i));
		msg[7 + i] = (uint8_t)(CERT_LEN >> (16 - 8 * i));
	}
	msg[10] = 0x30; /* SEQUENCE, 19996 bytes */
	msg[11] = 0x82;
	msg[12] = (uint8_t)((CERT_LEN - 4) >> 8);
	msg[13] = (uint8_t)(CERT_LEN - 4);
	server_hello_tls12(&sh);
	memcpy(flight, sh.b, sh.len);
	len = sh.len;
	for (size_t off = 0; off < msg_len; off += RECORD) {
		size_t n = msg_len - off < RECORD ? msg_len - off : RECORD;

		flight[len++] = 22;
		flight[len++] = 3;
		flight[len++] = 3;
		flight[len++] = (uint8_t)(n >> 8);
		flight[len++] = (uint8_t)n;
		memcpy(flight + len, msg + off, n);
		len += n;
	}
	run_no_sni_then(&r, NULL, 0);
	for (size_t off = 0; off < len && v == PROTO_YES; off += SEGMENT) {
		size_t n = len - off < SEGMENT ? len - off : SEGMENT;

		v = run_feed_ex(&r, flight + off, n, false, PROTO_TCP);
		fed++;
	}
	ck_assert_int_eq(v, PROTO_NO);
	ck_assert_uint_le(fed, proto_tls.budget + proto_tls.follow_budget);
	ck_assert_str_eq(r.rep.product, "");
	ck_assert_str_eq(r.rep.detail, "ClientHello");
	run_end(&r);
	free(msg);
	free(flight);
}
END_TEST

/* TLS 1.3 encrypts the certificate: change_cipher_spec ends the search,
 * and the flow is followed no longer than for an alert. */
START_TEST(test_encrypted_certificate_ends_the_search)
{
	struct buf m = { .len = 0 }, data = { .len = 0 };
	unsigned fed = 2;
	struct run r;

	server_hello(&m);
	record(&m, 20, 1);
	record(&data, 23, 300);
	run_no_sni_then(&r, m.b, m.len);
	while (run_feed(&r, &data, false) == PROTO_YES)
		ck_assert_uint_lt(++fed, proto_tls.budget + 2);
	ck_assert_str_eq(r.rep.product, "");
	ck_assert_str_eq(r.rep.detail, "ClientHello");
	run_end(&r);
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("proto-tls");
	TCase *tc = tcase_create("hello");

	tcase_add_test(tc, test_client_hello_reports_sni_and_alpn);
	tcase_add_test(tc, test_alert_after_the_hello_is_named_in_the_detail);
	tcase_add_test(tc, test_client_hello_without_sni_is_yes_without_product);
	tcase_add_test(tc, test_client_hello_without_extensions_is_yes);
	tcase_add_test(tc, test_client_hello_split_at_any_byte_is_yes);
	tcase_add_test(tc, test_client_hello_fragmented_over_records_is_yes);
	tcase_add_test(tc, test_long_sni_is_cut_to_the_report);
	tcase_add_test(tc, test_server_hello_first_is_yes);
	tcase_add_test(tc, test_server_hello_from_the_initiator_is_no);
	tcase_add_test(tc, test_other_handshake_type_first_is_no);
	tcase_add_test(tc, test_server_bytes_before_the_hello_ends_are_ignored);
	suite_add_tcase(s, tc);

	tc = tcase_create("malformed");
	tcase_add_loop_test(tc, test_broken_client_hello_is_no, 0,
			    sizeof broken_cases / sizeof *broken_cases);
	tcase_add_test(tc, test_extension_length_lie_is_no);
	tcase_add_test(tc, test_plain_text_first_is_no);
	tcase_add_test(tc, test_openvpn_framing_is_no);
	tcase_add_test(tc, test_udp_is_no);
	suite_add_tcase(s, tc);

	tc = tcase_create("mid-connection");
	tcase_add_test(tc, test_lone_alert_record_is_yes);
	tcase_add_test(tc, test_application_data_chained_over_segments_is_yes);
	tcase_add_test(tc, test_application_data_with_a_bad_next_header_is_no);
	tcase_add_test(tc, test_unknown_content_type_is_no);
	suite_add_tcase(s, tc);

	tc = tcase_create("certificate");
	tcase_add_test(tc, test_certificate_name_taken_when_there_is_no_sni);
	tcase_add_test(tc, test_common_name_when_no_subject_alt_name);
	tcase_add_test(tc, test_sni_wins_over_the_certificate);
	tcase_add_test(tc, test_certificate_split_over_two_segments_at_any_byte);
	tcase_add_test(tc, test_certificate_fragmented_over_records);
	tcase_add_test(tc, test_server_hello_first_takes_the_certificate_name);
	tcase_add_test(tc, test_truncated_certificate_der_yields_no_name);
	tcase_add_loop_test(tc, test_lying_der_lengths_yield_no_name, 0,
			    sizeof der_lies / sizeof *der_lies);
	tcase_add_test(tc, test_server_flight_bit_flips_keep_the_report_sane);
	tcase_add_test(tc, test_oversized_certificate_message_gives_up);
	tcase_add_test(tc, test_encrypted_certificate_ends_the_search);
	suite_add_tcase(s, tc);

	tc = tcase_create("robustness");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_truncations_are_never_yes);
	tcase_add_test(tc, test_bit_flips_never_crash_nor_garble_the_report);
	tcase_add_test(tc, test_random_bytes_are_never_yes);
	suite_add_tcase(s, tc);
	return s;
}
