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

	tc = tcase_create("robustness");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_truncations_are_never_yes);
	tcase_add_test(tc, test_bit_flips_never_crash_nor_garble_the_report);
	tcase_add_test(tc, test_random_bytes_are_never_yes);
	suite_add_tcase(s, tc);
	return s;
}
