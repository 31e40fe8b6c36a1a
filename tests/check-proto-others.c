/* \summary: unit tests for the http, dns, tftp, snmp, ldap, xmpp, ssh recognisers */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vcflow/proto.h"

#include "proto-session.h"

extern const struct recogniser proto_http, proto_dns, proto_tftp, proto_snmp,
	proto_ldap, proto_xmpp, proto_ssh;

/* ---- byte builders ---------------------------------------------------- */

#define MSG_MAX 2048

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

static void put_str(struct buf *m, const char *s)
{
	put_bytes(m, s, strlen(s));
}

/* A NUL-terminated string, as TFTP writes them. */
static void put_strz(struct buf *m, const char *s)
{
	put_bytes(m, s, strlen(s) + 1);
}

static void text(struct buf *m, const char *s)
{
	m->len = 0;
	put_str(m, s);
}

/* BER: open an element (short-form length patched on close). */
static size_t ber_open(struct buf *m, uint8_t tag)
{
	put8(m, tag);
	put8(m, 0);
	return m->len;
}

static void ber_close(struct buf *m, size_t at)
{
	size_t n = m->len - at;

	ck_assert_uint_lt(n, 128);
	m->b[at - 1] = (uint8_t)n;
}

static void ber_prim(struct buf *m, uint8_t tag, const void *p, size_t n)
{
	ck_assert_uint_lt(n, 128);
	put8(m, tag);
	put8(m, (uint8_t)n);
	put_bytes(m, p, n);
}

static void ber_int(struct buf *m, uint8_t v)
{
	ber_prim(m, 0x02, &v, 1);
}

static void ber_string(struct buf *m, const char *s)
{
	ber_prim(m, 0x04, s, strlen(s));
}

/* ---- running a recogniser --------------------------------------------- */

struct run {
	const struct recogniser *rec;
	void *state;
	struct proto_report rep;
};

static void run_start(struct run *r, const struct recogniser *rec)
{
	memset(r, 0, sizeof *r);
	r->rec = rec;
	r->state = state_new(rec);
}

static void run_end(struct run *r)
{
	state_free(r->rec, r->state);
}

/* Feeds one packet from an exact-size heap copy, so overreads show. */
static enum proto_verdict run_feed_ex(struct run *r, const uint8_t *data,
				      size_t len, bool from_initiator,
				      uint8_t transport)
{
	struct proto_pkt pkt = {
		.transport = transport,
		.from_initiator = from_initiator,
		.sport = 40000,
		.dport = 80,
	};

	return feed_copy(r->rec, r->state, pkt, data, len, &r->rep, NULL);
}

static enum proto_verdict run_feed(struct run *r, const struct buf *m,
				   bool from_initiator, uint8_t transport)
{
	return run_feed_ex(r, m->b, m->len, from_initiator, transport);
}

static enum proto_verdict verdict_of(const struct recogniser *rec,
				     const uint8_t *data, size_t len,
				     uint8_t transport)
{
	struct run r;
	enum proto_verdict v;

	run_start(&r, rec);
	v = run_feed_ex(&r, data, len, true, transport);
	run_end(&r);
	return v;
}

static enum proto_verdict verdict_text(const struct recogniser *rec,
				       const char *s)
{
	return verdict_of(rec, (const uint8_t *)s, strlen(s), PROTO_TCP);
}

/* Runs one packet; leaves the report in *rep. */
static enum proto_verdict report_of(const struct recogniser *rec,
				    const struct buf *m, uint8_t transport,
				    bool from_initiator,
				    struct proto_report *rep)
{
	struct run r;
	enum proto_verdict v;

	run_start(&r, rec);
	v = run_feed(&r, m, from_initiator, transport);
	*rep = r.rep;
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

/* ---- sample messages -------------------------------------------------- */

#define HTTP_GET                                                             \
	"GET /index.html?user=x HTTP/1.1\r\nHost: example.com\r\n"           \
	"User-Agent: curl/8.5.0\r\nAccept: */*\r\n\r\n"
#define HTTP_OK                                                              \
	"HTTP/1.1 200 OK\r\nServer: nginx/1.24.0\r\nContent-Length: 0\r\n\r\n"
#define XMPP_OPEN                                                            \
	"<?xml version='1.0'?><stream:stream to='example.com' "              \
	"xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/"      \
	"streams' version='1.0'>"
#define SSH_CLIENT "SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13\r\n"

static void dns_query(struct buf *m, uint16_t flags, uint16_t qtype,
		      uint16_t qclass)
{
	m->len = 0;
	put16(m, 0x1234);
	put16(m, flags);
	put16(m, 1);
	put16(m, 0);
	put16(m, 0);
	put16(m, 0);
	put8(m, 7);
	put_str(m, "example");
	put8(m, 3);
	put_str(m, "com");
	put8(m, 0);
	put16(m, qtype);
	put16(m, qclass);
}

/* Two questions, the second naming www.<first> through a pointer. */
static void dns_compressed_response(struct buf *m, uint8_t pointer)
{
	dns_query(m, 0x8180, 1, 1);
	m->b[5] = 2; /* qdcount */
	put8(m, 3);
	put_str(m, "www");
	put8(m, 0xC0);
	put8(m, pointer);
	put16(m, 28);
	put16(m, 1);
}

static void dns_over_tcp(struct buf *m)
{
	struct buf q;

	dns_query(&q, 0x0100, 1, 1);
	m->len = 0;
	put16(m, (uint16_t)q.len);
	put_bytes(m, q.b, q.len);
}

static void tftp_rrq(struct buf *m)
{
	m->len = 0;
	put16(m, 1);
	put_strz(m, "pxelinux.0");
	put_strz(m, "octet");
}

static void tftp_wrq_with_options(struct buf *m)
{
	m->len = 0;
	put16(m, 2);
	put_strz(m, "cfg.txt");
	put_strz(m, "NETASCII");
	put_strz(m, "blksize");
	put_strz(m, "1428");
}

enum { TFTP_WRQ_REQUEST_END = 2 + 8 + 9 };

/* v1/v2c: version, community, a PDU with one varbind. */
static void snmp_community(struct buf *m, uint8_t version, uint8_t pdu)
{
	static const uint8_t oid[] = { 0x2b, 6, 1, 2, 1, 1, 1, 0 };
	size_t msg, p, vbl, vb;

	m->len = 0;
	msg = ber_open(m, 0x30);
	ber_int(m, version);
	ber_string(m, "public");
	p = ber_open(m, pdu);
	ber_int(m, 0x2a);
	ber_int(m, 0);
	ber_int(m, pdu == 0xA5 ? 25 : 0);
	vbl = ber_open(m, 0x30);
	vb = ber_open(m, 0x30);
	ber_prim(m, 0x06, oid, sizeof oid);
	ber_prim(m, 0x05, NULL, 0);
	ber_close(m, vb);
	ber_close(m, vbl);
	ber_close(m, p);
	ber_close(m, msg);
}

static void snmp_v1_trap(struct buf *m)
{
	static const uint8_t oid[] = { 0x2b, 6, 1, 4, 1, 9 };
	static const uint8_t ip[] = { 10, 0, 0, 1 };
	size_t msg, p, vbl;

	m->len = 0;
	msg = ber_open(m, 0x30);
	ber_int(m, 0);
	ber_string(m, "public");
	p = ber_open(m, 0xA4);
	ber_prim(m, 0x06, oid, sizeof oid);
	ber_prim(m, 0x40, ip, sizeof ip);
	ber_int(m, 6);
	ber_int(m, 1);
	ber_prim(m, 0x43, ip, 2);
	vbl = ber_open(m, 0x30);
	ber_close(m, vbl);
	ber_close(m, p);
	ber_close(m, msg);
}

static void snmp_v3(struct buf *m, bool encrypted)
{
	static const uint8_t max_size[] = { 0x00, 0xff, 0xe3 };
	static const uint8_t flags = 0x04;
	size_t msg, global, params, usm, scoped, pdu, vbl;

	m->len = 0;
	msg = ber_open(m, 0x30);
	ber_int(m, 3);
	global = ber_open(m, 0x30);
	ber_int(m, 0x11);
	ber_prim(m, 0x02, max_size, sizeof max_size);
	ber_prim(m, 0x04, &flags, 1);
	ber_int(m, 3);
	ber_close(m, global);
	params = ber_open(m, 0x04);
	usm = ber_open(m, 0x30);
	ber_string(m, "");
	ber_int(m, 0);
	ber_int(m, 0);
	ber_string(m, "");
	ber_string(m, "");
	ber_string(m, "");
	ber_close(m, usm);
	ber_close(m, params);
	if (encrypted) {
		ber_string(m, "\x8c\x11\x2f\x91\x07\xaa\x3b\x50");
	} else {
		scoped = ber_open(m, 0x30);
		ber_string(m, "");
		ber_string(m, "");
		pdu = ber_open(m, 0xA0);
		ber_int(m, 0x22);
		ber_int(m, 0);
		ber_int(m, 0);
		vbl = ber_open(m, 0x30);
		ber_close(m, vbl);
		ber_close(m, pdu);
		ber_close(m, scoped);
	}
	ber_close(m, msg);
}

static void ldap_bind(struct buf *m, uint8_t version)
{
	size_t msg, op;

	m->len = 0;
	msg = ber_open(m, 0x30);
	ber_int(m, 1);
	op = ber_open(m, 0x60);
	ber_int(m, version);
	ber_string(m, "cn=admin,dc=example,dc=com");
	ber_prim(m, 0x80, "secret", 6);
	ber_close(m, op);
	ber_close(m, msg);
}

/* searchRequest with a paged-results control. */
static void ldap_search_with_control(struct buf *m)
{
	static const uint8_t zero = 0, no = 0;
	size_t msg, op, attrs, controls, control;

	m->len = 0;
	msg = ber_open(m, 0x30);
	ber_int(m, 2);
	op = ber_open(m, 0x63);
	ber_string(m, "dc=example,dc=com");
	ber_prim(m, 0x0A, &zero, 1); /* scope */
	ber_prim(m, 0x0A, &zero, 1); /* derefAliases */
	ber_int(m, 0);
	ber_int(m, 0);
	ber_prim(m, 0x01, &no, 1); /* typesOnly */
	ber_prim(m, 0x87, "objectClass", 11);
	attrs = ber_open(m, 0x30);
	ber_close(m, attrs);
	ber_close(m, op);
	controls = ber_open(m, 0xA0);
	control = ber_open(m, 0x30);
	ber_string(m, "1.2.840.113556.1.4.319");
	ber_close(m, control);
	ber_close(m, controls);
	ber_close(m, msg);
}

/* ---- http ------------------------------------------------------------- */

START_TEST(test_http_request_reports_path_and_user_agent)
{
	struct proto_report rep;
	struct buf m;

	text(&m, HTTP_GET);
	ck_assert_int_eq(report_of(&proto_http, &m, PROTO_TCP, true, &rep),
			 PROTO_YES);
	ck_assert_str_eq(rep.detail, "GET /index.html");
	ck_assert_str_eq(rep.product, "curl/8.5.0");
}
END_TEST

START_TEST(test_http_response_reports_status_and_server)
{
	struct proto_report rep;
	struct buf m;

	text(&m, HTTP_OK);
	ck_assert_int_eq(report_of(&proto_http, &m, PROTO_TCP, false, &rep),
			 PROTO_YES);
	ck_assert_str_eq(rep.detail, "HTTP/1.1 200");
	ck_assert_str_eq(rep.product, "nginx/1.24.0");
}
END_TEST

static const char *const http_method_lines[] = {
	"GET / HTTP/1.1\r\n",	     "POST /api HTTP/1.1\r\n",
	"PUT /a HTTP/1.1\r\n",	     "DELETE /a HTTP/1.1\r\n",
	"HEAD / HTTP/1.0\r\n",	     "OPTIONS * HTTP/1.1\r\n",
	"CONNECT h.example:443 HTTP/1.1\r\n", "PATCH /a HTTP/1.1\r\n",
};

START_TEST(test_http_accepts_each_method)
{
	ck_assert_int_eq(verdict_text(&proto_http, http_method_lines[_i]),
			 PROTO_YES);
}
END_TEST

static const char *const not_http_lines[] = {
	"INVITE sip:bob@example.com SIP/2.0\r\n",
	"OPTIONS sip:bob@example.com SIP/2.0\r\n",
	"SIP/2.0 200 OK\r\n",
	"REGISTER sip:example.com SIP/2.0\r\n",
	"OPTIONS rtsp://example.com/media RTSP/1.0\r\n",
	"GET / HTTP/2.0\r\n",
	"get / HTTP/1.1\r\n",
	"GET  / HTTP/1.1\r\n",
	"GET / HTTP/1.1 extra\r\n",
	"HTTP/1.1 999 Odd\r\n",
	"HTTP/1.1 20 OK\r\n",
	"HTTP/1.1 200OK\r\n",
	"FETCH / HTTP/1.1\r\n",
};

START_TEST(test_http_rejects_lines_of_other_shapes)
{
	ck_assert_msg(verdict_text(&proto_http, not_http_lines[_i]) ==
			      PROTO_NO,
		      "%s", not_http_lines[_i]);
}
END_TEST

START_TEST(test_http_request_line_split_over_segments_is_yes)
{
	static const char line[] = HTTP_GET;
	struct run r;

	run_start(&r, &proto_http);
	ck_assert_int_eq(run_feed_ex(&r, (const uint8_t *)line, 9, true,
				     PROTO_TCP),
			 PROTO_MORE);
	ck_assert_int_eq(run_feed_ex(&r, (const uint8_t *)line + 9,
				     strlen(line) - 9, true, PROTO_TCP),
			 PROTO_YES);
	ck_assert_str_eq(r.rep.detail, "GET /index.html");
	run_end(&r);
}
END_TEST

START_TEST(test_http_partial_line_of_another_protocol_is_no)
{
	ck_assert_int_eq(verdict_text(&proto_http, "INVITE sip:bob@exa"),
			 PROTO_NO);
}
END_TEST

START_TEST(test_http_partial_first_word_that_is_no_method_is_no)
{
	ck_assert_int_eq(verdict_text(&proto_http, "GETX"), PROTO_NO);
}
END_TEST

START_TEST(test_http_partial_method_is_more)
{
	ck_assert_int_eq(verdict_text(&proto_http, "OPTI"), PROTO_MORE);
}
END_TEST

START_TEST(test_http_long_target_is_cut_in_the_detail)
{
	char line[400];
	struct proto_report rep;
	struct buf m;

	snprintf(line, sizeof line, "GET /%0300d HTTP/1.1\r\n\r\n", 7);
	text(&m, line);
	ck_assert_int_eq(report_of(&proto_http, &m, PROTO_TCP, true, &rep),
			 PROTO_YES);
	ck_assert_uint_lt(strlen(rep.detail), 70);
}
END_TEST

START_TEST(test_http2_preface_is_yes)
{
	ck_assert_int_eq(verdict_text(&proto_http,
				      "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"),
			 PROTO_YES);
}
END_TEST

START_TEST(test_http_over_udp_is_no)
{
	ck_assert_int_eq(verdict_of(&proto_http, (const uint8_t *)HTTP_GET,
				    strlen(HTTP_GET), PROTO_UDP),
			 PROTO_NO);
}
END_TEST

/* ---- dns -------------------------------------------------------------- */

START_TEST(test_dns_query_reports_type_and_name)
{
	struct proto_report rep;
	struct buf m;

	dns_query(&m, 0x0100, 1, 1);
	ck_assert_int_eq(report_of(&proto_dns, &m, PROTO_UDP, true, &rep),
			 PROTO_YES);
	ck_assert_str_eq(rep.detail, "query A example.com");
}
END_TEST

START_TEST(test_dns_backward_pointer_is_followed)
{
	struct proto_report rep;
	struct buf m;

	dns_compressed_response(&m, 12);
	ck_assert_int_eq(report_of(&proto_dns, &m, PROTO_UDP, false, &rep),
			 PROTO_YES);
	ck_assert_str_eq(rep.detail, "response A example.com");
}
END_TEST

static const uint8_t dns_bad_pointers[] = {
	0x2d, /* forward, past the pointer itself */
	0x1d, /* to the start of its own name: a loop */
	0x04, /* into the header */
};

START_TEST(test_dns_bad_pointer_is_no)
{
	struct buf m;

	dns_compressed_response(&m, dns_bad_pointers[_i]);
	ck_assert_int_eq(verdict_of(&proto_dns, m.b, m.len, PROTO_UDP),
			 PROTO_NO);
}
END_TEST

START_TEST(test_dns_root_name_is_a_dot)
{
	static const uint8_t q[] = { 0, 1, 0x01, 0, 0, 1, 0, 0, 0, 0,
				     0, 0, 0,	 0, 2, 0, 1 };
	struct proto_report rep;
	struct buf m = { .len = 0 };

	put_bytes(&m, q, sizeof q);
	ck_assert_int_eq(report_of(&proto_dns, &m, PROTO_UDP, true, &rep),
			 PROTO_YES);
	ck_assert_str_eq(rep.detail, "query NS .");
}
END_TEST

START_TEST(test_dns_mdns_unicast_response_bit_is_yes)
{
	struct buf m;

	dns_query(&m, 0x0000, 12, 0x8001);
	ck_assert_int_eq(verdict_of(&proto_dns, m.b, m.len, PROTO_UDP),
			 PROTO_YES);
}
END_TEST

static const struct {
	const char *what;
	uint16_t flags, qtype, qclass, qdcount;
} dns_bad_headers[] = {
	{ "opcode 1 (IQUERY)", 0x0900, 1, 1, 1 },
	{ "opcode 3", 0x1900, 1, 1, 1 },
	{ "Z bit set", 0x0140, 1, 1, 1 },
	{ "rcode in a query", 0x0103, 1, 1, 1 },
	{ "no question", 0x0100, 1, 1, 0 },
	{ "five questions", 0x0100, 1, 1, 5 },
	{ "qtype 0", 0x0100, 0, 1, 1 },
	{ "class 2", 0x0100, 1, 2, 1 },
};

START_TEST(test_dns_insane_header_or_question_is_no)
{
	struct buf m;

	dns_query(&m, dns_bad_headers[_i].flags, dns_bad_headers[_i].qtype,
		  dns_bad_headers[_i].qclass);
	m.b[5] = (uint8_t)dns_bad_headers[_i].qdcount;
	ck_assert_msg(verdict_of(&proto_dns, m.b, m.len, PROTO_UDP) ==
			      PROTO_NO,
		      "%s", dns_bad_headers[_i].what);
}
END_TEST

START_TEST(test_dns_reserved_label_type_is_no)
{
	struct buf m;

	dns_query(&m, 0x0100, 1, 1);
	m.b[12] = 0x47; /* 0x40: extended label type */
	ck_assert_int_eq(verdict_of(&proto_dns, m.b, m.len, PROTO_UDP),
			 PROTO_NO);
}
END_TEST

START_TEST(test_dns_name_over_255_bytes_is_no)
{
	struct buf m = { .len = 0 };

	put16(&m, 1);
	put16(&m, 0x0100);
	put16(&m, 1);
	put16(&m, 0);
	put16(&m, 0);
	put16(&m, 0);
	for (int i = 0; i < 5; i++) {
		put8(&m, 63);
		for (int k = 0; k < 63; k++)
			put8(&m, 'a');
	}
	put8(&m, 0);
	put16(&m, 1);
	put16(&m, 1);
	ck_assert_int_eq(verdict_of(&proto_dns, m.b, m.len, PROTO_UDP),
			 PROTO_NO);
}
END_TEST

START_TEST(test_dns_over_tcp_is_yes)
{
	struct buf m;

	dns_over_tcp(&m);
	ck_assert_int_eq(verdict_of(&proto_dns, m.b, m.len, PROTO_TCP),
			 PROTO_YES);
}
END_TEST

START_TEST(test_dns_over_tcp_with_length_sent_apart_is_yes)
{
	struct buf m;
	struct run r;

	dns_over_tcp(&m);
	run_start(&r, &proto_dns);
	ck_assert_int_eq(run_feed_ex(&r, m.b, 2, true, PROTO_TCP),
			 PROTO_MORE);
	ck_assert_int_eq(run_feed_ex(&r, m.b + 2, m.len - 2, true, PROTO_TCP),
			 PROTO_YES);
	ck_assert_str_eq(r.rep.detail, "query A example.com");
	run_end(&r);
}
END_TEST

START_TEST(test_dns_over_tcp_with_short_length_is_no)
{
	struct buf m;

	dns_over_tcp(&m);
	m.b[1] = 11;
	ck_assert_int_eq(verdict_of(&proto_dns, m.b, m.len, PROTO_TCP),
			 PROTO_NO);
}
END_TEST

/* ---- tftp ------------------------------------------------------------- */

START_TEST(test_tftp_read_request_reports_file)
{
	struct proto_report rep;
	struct buf m;

	tftp_rrq(&m);
	ck_assert_int_eq(report_of(&proto_tftp, &m, PROTO_UDP, true, &rep),
			 PROTO_YES);
	ck_assert_str_eq(rep.detail, "RRQ pxelinux.0");
}
END_TEST

START_TEST(test_tftp_write_request_with_options_is_yes)
{
	struct proto_report rep;
	struct buf m;

	tftp_wrq_with_options(&m);
	ck_assert_int_eq(report_of(&proto_tftp, &m, PROTO_UDP, true, &rep),
			 PROTO_YES);
	ck_assert_str_eq(rep.detail, "WRQ cfg.txt");
}
END_TEST

static const char *const tftp_bad_modes[] = { "binary", "octets", "", "oct" };

START_TEST(test_tftp_unknown_mode_is_no)
{
	struct buf m = { .len = 0 };

	put16(&m, 1);
	put_strz(&m, "file");
	put_strz(&m, tftp_bad_modes[_i]);
	ck_assert_int_eq(verdict_of(&proto_tftp, m.b, m.len, PROTO_UDP),
			 PROTO_NO);
}
END_TEST

START_TEST(test_tftp_empty_file_name_is_no)
{
	struct buf m = { .len = 0 };

	put16(&m, 1);
	put_strz(&m, "");
	put_strz(&m, "octet");
	ck_assert_int_eq(verdict_of(&proto_tftp, m.b, m.len, PROTO_UDP),
			 PROTO_NO);
}
END_TEST

START_TEST(test_tftp_option_without_value_is_no)
{
	struct buf m;

	tftp_rrq(&m);
	put_strz(&m, "tsize");
	ck_assert_int_eq(verdict_of(&proto_tftp, m.b, m.len, PROTO_UDP),
			 PROTO_NO);
}
END_TEST

START_TEST(test_tftp_data_then_ack_is_yes)
{
	struct buf data = { .len = 0 }, ack = { .len = 0 };
	struct run r;

	put16(&data, 3);
	put16(&data, 1);
	put_str(&data, "payload");
	put16(&ack, 4);
	put16(&ack, 1);
	run_start(&r, &proto_tftp);
	ck_assert_int_eq(run_feed(&r, &data, true, PROTO_UDP), PROTO_MORE);
	ck_assert_int_eq(run_feed(&r, &ack, false, PROTO_UDP), PROTO_YES);
	ck_assert_str_eq(r.rep.detail, "DATA");
	run_end(&r);
}
END_TEST

START_TEST(test_tftp_data_then_wrong_ack_is_no)
{
	struct buf data = { .len = 0 }, ack = { .len = 0 };
	struct run r;

	put16(&data, 3);
	put16(&data, 1);
	put16(&ack, 4);
	put16(&ack, 2);
	run_start(&r, &proto_tftp);
	run_feed(&r, &data, true, PROTO_UDP);
	ck_assert_int_eq(run_feed(&r, &ack, false, PROTO_UDP), PROTO_NO);
	run_end(&r);
}
END_TEST

START_TEST(test_tftp_option_ack_then_ack_zero_is_yes)
{
	struct buf oack = { .len = 0 }, ack = { .len = 0 };
	struct run r;

	put16(&oack, 6);
	put_strz(&oack, "blksize");
	put_strz(&oack, "1428");
	put16(&ack, 4);
	put16(&ack, 0);
	run_start(&r, &proto_tftp);
	ck_assert_int_eq(run_feed(&r, &oack, false, PROTO_UDP), PROTO_MORE);
	ck_assert_int_eq(run_feed(&r, &ack, true, PROTO_UDP), PROTO_YES);
	run_end(&r);
}
END_TEST

START_TEST(test_tftp_error_is_yes)
{
	struct buf m = { .len = 0 };

	put16(&m, 5);
	put16(&m, 1);
	put_strz(&m, "File not found");
	ck_assert_int_eq(verdict_of(&proto_tftp, m.b, m.len, PROTO_UDP),
			 PROTO_YES);
}
END_TEST

/* ---- snmp ------------------------------------------------------------- */

static const struct {
	uint8_t version, pdu;
	const char *detail;
} snmp_cases[] = {
	{ 0, 0xA0, "SNMPv1 get-request" },
	{ 1, 0xA1, "SNMPv2c get-next-request" },
	{ 1, 0xA2, "SNMPv2c response" },
	{ 1, 0xA5, "SNMPv2c getbulk-request" },
	{ 1, 0xA7, "SNMPv2c snmpV2-trap" },
};

START_TEST(test_snmp_community_message_reports_version_and_pdu)
{
	struct proto_report rep;
	struct buf m;

	snmp_community(&m, snmp_cases[_i].version, snmp_cases[_i].pdu);
	ck_assert_int_eq(report_of(&proto_snmp, &m, PROTO_UDP, true, &rep),
			 PROTO_YES);
	ck_assert_str_eq(rep.detail, snmp_cases[_i].detail);
}
END_TEST

START_TEST(test_snmp_v1_trap_is_yes)
{
	struct proto_report rep;
	struct buf m;

	snmp_v1_trap(&m);
	ck_assert_int_eq(report_of(&proto_snmp, &m, PROTO_UDP, true, &rep),
			 PROTO_YES);
	ck_assert_str_eq(rep.detail, "SNMPv1 trap");
}
END_TEST

START_TEST(test_snmp_v3_plaintext_reports_its_pdu)
{
	struct proto_report rep;
	struct buf m;

	snmp_v3(&m, false);
	ck_assert_int_eq(report_of(&proto_snmp, &m, PROTO_UDP, true, &rep),
			 PROTO_YES);
	ck_assert_str_eq(rep.detail, "SNMPv3 get-request");
}
END_TEST

START_TEST(test_snmp_v3_encrypted_is_yes)
{
	struct proto_report rep;
	struct buf m;

	snmp_v3(&m, true);
	ck_assert_int_eq(report_of(&proto_snmp, &m, PROTO_UDP, true, &rep),
			 PROTO_YES);
	ck_assert_str_eq(rep.detail, "SNMPv3 encrypted");
}
END_TEST

START_TEST(test_snmp_version_2_is_no)
{
	struct buf m;

	snmp_community(&m, 2, 0xA0);
	ck_assert_int_eq(verdict_of(&proto_snmp, m.b, m.len, PROTO_UDP),
			 PROTO_NO);
}
END_TEST

START_TEST(test_snmp_unknown_pdu_tag_is_no)
{
	struct buf m;

	snmp_community(&m, 1, 0xA9);
	ck_assert_int_eq(verdict_of(&proto_snmp, m.b, m.len, PROTO_UDP),
			 PROTO_NO);
}
END_TEST

START_TEST(test_snmp_trailing_byte_is_no)
{
	struct buf m;

	snmp_community(&m, 1, 0xA0);
	put8(&m, 0);
	ck_assert_int_eq(verdict_of(&proto_snmp, m.b, m.len, PROTO_UDP),
			 PROTO_NO);
}
END_TEST

START_TEST(test_snmp_inner_length_lie_is_no)
{
	struct buf m;

	snmp_community(&m, 1, 0xA0);
	m.b[6]++; /* community length */
	ck_assert_int_eq(verdict_of(&proto_snmp, m.b, m.len, PROTO_UDP),
			 PROTO_NO);
}
END_TEST

START_TEST(test_snmp_indefinite_length_is_no)
{
	struct buf m;

	snmp_community(&m, 1, 0xA0);
	m.b[1] = 0x80;
	ck_assert_int_eq(verdict_of(&proto_snmp, m.b, m.len, PROTO_UDP),
			 PROTO_NO);
}
END_TEST

START_TEST(test_snmp_long_form_length_is_yes)
{
	struct buf m, l = { .len = 0 };

	snmp_community(&m, 1, 0xA0);
	put8(&l, 0x30);
	put8(&l, 0x81);
	put_bytes(&l, m.b + 1, m.len - 1);
	ck_assert_int_eq(verdict_of(&proto_snmp, l.b, l.len, PROTO_UDP),
			 PROTO_YES);
}
END_TEST

/* ---- ldap ------------------------------------------------------------- */

START_TEST(test_ldap_bind_request_is_yes)
{
	struct proto_report rep;
	struct buf m;

	ldap_bind(&m, 3);
	ck_assert_int_eq(report_of(&proto_ldap, &m, PROTO_TCP, true, &rep),
			 PROTO_YES);
	ck_assert_str_eq(rep.detail, "bindRequest");
}
END_TEST

START_TEST(test_ldap_search_with_controls_is_yes)
{
	struct proto_report rep;
	struct buf m;

	ldap_search_with_control(&m);
	ck_assert_int_eq(report_of(&proto_ldap, &m, PROTO_TCP, true, &rep),
			 PROTO_YES);
	ck_assert_str_eq(rep.detail, "searchRequest");
}
END_TEST

START_TEST(test_ldap_unbind_is_yes)
{
	static const uint8_t unbind[] = { 0x30, 0x05, 0x02, 0x01,
					  0x03, 0x42, 0x00 };

	ck_assert_int_eq(verdict_of(&proto_ldap, unbind, sizeof unbind,
				    PROTO_TCP),
			 PROTO_YES);
}
END_TEST

START_TEST(test_ldap_bind_response_is_yes)
{
	static const uint8_t resp[] = { 0x30, 0x0c, 0x02, 0x01, 0x01,
					0x61, 0x07, 0x0a, 0x01, 0x00,
					0x04, 0x00, 0x04, 0x00 };

	ck_assert_int_eq(verdict_of(&proto_ldap, resp, sizeof resp,
				    PROTO_TCP),
			 PROTO_YES);
}
END_TEST

START_TEST(test_ldap_message_split_over_segments_is_yes)
{
	struct buf m;
	struct run r;

	ldap_search_with_control(&m);
	run_start(&r, &proto_ldap);
	ck_assert_int_eq(run_feed_ex(&r, m.b, 10, true, PROTO_TCP),
			 PROTO_MORE);
	ck_assert_int_eq(run_feed_ex(&r, m.b + 10, m.len - 10, true,
				     PROTO_TCP),
			 PROTO_YES);
	run_end(&r);
}
END_TEST

START_TEST(test_cldap_search_over_udp_is_yes)
{
	struct buf m;

	ldap_search_with_control(&m);
	ck_assert_int_eq(verdict_of(&proto_ldap, m.b, m.len, PROTO_UDP),
			 PROTO_YES);
}
END_TEST

START_TEST(test_ldap_bind_version_4_is_no)
{
	struct buf m;

	ldap_bind(&m, 4);
	ck_assert_int_eq(verdict_of(&proto_ldap, m.b, m.len, PROTO_TCP),
			 PROTO_NO);
}
END_TEST

START_TEST(test_ldap_unknown_operation_is_no)
{
	struct buf m;

	ldap_bind(&m, 3);
	m.b[5] = 0x7A;
	ck_assert_int_eq(verdict_of(&proto_ldap, m.b, m.len, PROTO_TCP),
			 PROTO_NO);
}
END_TEST

START_TEST(test_ldap_negative_message_id_is_no)
{
	struct buf m;

	ldap_bind(&m, 3);
	m.b[4] = 0x81;
	ck_assert_int_eq(verdict_of(&proto_ldap, m.b, m.len, PROTO_TCP),
			 PROTO_NO);
}
END_TEST

START_TEST(test_ldap_operation_longer_than_message_is_no)
{
	struct buf m;

	ldap_bind(&m, 3);
	m.b[6]++; /* bindRequest length */
	ck_assert_int_eq(verdict_of(&proto_ldap, m.b, m.len, PROTO_UDP),
			 PROTO_NO);
}
END_TEST

START_TEST(test_ldap_bytes_after_operation_that_are_not_controls_is_no)
{
	struct buf m;

	ldap_bind(&m, 3);
	m.b[1] += 2;
	put8(&m, 0x04);
	put8(&m, 0x00);
	ck_assert_int_eq(verdict_of(&proto_ldap, m.b, m.len, PROTO_TCP),
			 PROTO_NO);
}
END_TEST

/* ---- xmpp ------------------------------------------------------------- */

START_TEST(test_xmpp_declaration_then_stream_reports_domain)
{
	struct proto_report rep;
	struct buf m;

	text(&m, XMPP_OPEN);
	ck_assert_int_eq(report_of(&proto_xmpp, &m, PROTO_TCP, true, &rep),
			 PROTO_YES);
	ck_assert_str_eq(rep.detail, "stream to=example.com");
}
END_TEST

START_TEST(test_xmpp_stream_without_declaration_is_yes)
{
	ck_assert_int_eq(
		verdict_text(&proto_xmpp, "<stream:stream to=\"im.example\" "
					  "xmlns='jabber:client'>"),
		PROTO_YES);
}
END_TEST

START_TEST(test_xmpp_server_stream_reports_from)
{
	struct proto_report rep;
	struct buf m;

	text(&m, "\xEF\xBB\xBF<?xml version='1.0'?>\n<stream:stream "
		 "from='example.com' id='abc'>");
	ck_assert_int_eq(report_of(&proto_xmpp, &m, PROTO_TCP, false, &rep),
			 PROTO_YES);
	ck_assert_str_eq(rep.detail, "stream from=example.com");
}
END_TEST

START_TEST(test_xmpp_declaration_alone_then_stream_is_yes)
{
	static const char a[] = "<?xml version='1.0'?>";
	static const char b[] = "<stream:stream to='example.com'>";
	struct run r;

	run_start(&r, &proto_xmpp);
	ck_assert_int_eq(run_feed_ex(&r, (const uint8_t *)a, strlen(a), true,
				     PROTO_TCP),
			 PROTO_MORE);
	ck_assert_int_eq(run_feed_ex(&r, (const uint8_t *)b, strlen(b), true,
				     PROTO_TCP),
			 PROTO_YES);
	run_end(&r);
}
END_TEST

static const char *const not_xmpp[] = {
	"<?xml version='1.0'?><html>",
	"<stream:streams>",
	"<?xml version=\"1.0\"?><soap:Envelope>",
	"GET / HTTP/1.1\r\n",
};

START_TEST(test_xmpp_other_xml_is_no)
{
	ck_assert_int_eq(verdict_text(&proto_xmpp, not_xmpp[_i]), PROTO_NO);
}
END_TEST

/* ---- ssh -------------------------------------------------------------- */

START_TEST(test_ssh_banner_reports_software)
{
	struct proto_report rep;
	struct buf m;

	text(&m, SSH_CLIENT);
	ck_assert_int_eq(report_of(&proto_ssh, &m, PROTO_TCP, true, &rep),
			 PROTO_YES);
	ck_assert_str_eq(rep.product, "OpenSSH_9.6p1");
	ck_assert_str_eq(rep.detail, "SSH-2.0 OpenSSH_9.6p1");
}
END_TEST

START_TEST(test_ssh_1_99_banner_is_yes)
{
	ck_assert_int_eq(verdict_text(&proto_ssh, "SSH-1.99-Cisco-1.25\r\n"),
			 PROTO_YES);
}
END_TEST

START_TEST(test_ssh_server_lines_before_banner_are_skipped)
{
	struct proto_report rep;
	struct buf m;

	text(&m, "Welcome to the gateway\r\nAuthorised use only\r\n"
		 "SSH-2.0-dropbear_2022.83\r\n");
	ck_assert_int_eq(report_of(&proto_ssh, &m, PROTO_TCP, false, &rep),
			 PROTO_YES);
	ck_assert_str_eq(rep.product, "dropbear_2022.83");
}
END_TEST

START_TEST(test_ssh_client_lines_before_banner_are_no)
{
	ck_assert_int_eq(verdict_text(&proto_ssh,
				      "hello\r\nSSH-2.0-OpenSSH_9.6\r\n"),
			 PROTO_NO);
}
END_TEST

static const char *const not_ssh[] = {
	"SSH-1.5-OpenSSH_3.0\r\n",
	"SSH-2.0-\r\n",
	"SSH-2.0 OpenSSH\r\n",
	"SSH-3.0-x\r\n",
	"HTTP/1.1 200 OK\r\n",
};

START_TEST(test_ssh_other_identification_is_no)
{
	ck_assert_int_eq(verdict_text(&proto_ssh, not_ssh[_i]), PROTO_NO);
}
END_TEST

START_TEST(test_ssh_banner_split_over_segments_is_yes)
{
	static const char b[] = SSH_CLIENT;
	struct run r;

	run_start(&r, &proto_ssh);
	ck_assert_int_eq(run_feed_ex(&r, (const uint8_t *)b, 6, true,
				     PROTO_TCP),
			 PROTO_MORE);
	ck_assert_int_eq(run_feed_ex(&r, (const uint8_t *)b + 6,
				     strlen(b) - 6, true, PROTO_TCP),
			 PROTO_YES);
	run_end(&r);
}
END_TEST

START_TEST(test_ssh_line_over_255_bytes_is_no)
{
	char line[400];

	memset(line, 'x', sizeof line);
	memcpy(line, "SSH-2.0-", 8);
	line[sizeof line - 1] = '\0';
	ck_assert_int_eq(verdict_text(&proto_ssh, line), PROTO_NO);
}
END_TEST

/* ---- every recogniser: truncations, bit flips, random bytes ----------- */

struct sample {
	const char *what;
	const struct recogniser *rec;
	uint8_t transport;
	bool from_initiator;
	struct buf m;
	size_t yes_from; /* shorter prefixes must not be YES */
};

#define N_SAMPLES 16

static size_t after(const struct buf *m, const char *needle)
{
	const char *hay = (const char *)m->b;
	const char *at = strstr(hay, needle);

	ck_assert_ptr_nonnull(at);
	return (size_t)(at - hay) + strlen(needle);
}

static size_t samples(struct sample *s)
{
	size_t n = 0;

	memset(s, 0, sizeof *s * N_SAMPLES);
#define ADD(w, r, t, i) (s[n].what = (w), s[n].rec = (r),                    \
			 s[n].transport = (t), s[n].from_initiator = (i), &s[n++])
	struct sample *x;

	x = ADD("http request", &proto_http, PROTO_TCP, true);
	text(&x->m, HTTP_GET);
	x->yes_from = after(&x->m, "\n");
	x = ADD("http response", &proto_http, PROTO_TCP, false);
	text(&x->m, HTTP_OK);
	x->yes_from = after(&x->m, "\n");
	x = ADD("dns query", &proto_dns, PROTO_UDP, true);
	dns_query(&x->m, 0x0100, 1, 1);
	x = ADD("dns compressed", &proto_dns, PROTO_UDP, false);
	dns_compressed_response(&x->m, 12);
	x = ADD("dns over tcp", &proto_dns, PROTO_TCP, true);
	dns_over_tcp(&x->m);
	x = ADD("tftp rrq", &proto_tftp, PROTO_UDP, true);
	tftp_rrq(&x->m);
	x = ADD("tftp wrq", &proto_tftp, PROTO_UDP, true);
	tftp_wrq_with_options(&x->m);
	x->yes_from = TFTP_WRQ_REQUEST_END;
	x = ADD("snmp v2c", &proto_snmp, PROTO_UDP, true);
	snmp_community(&x->m, 1, 0xA0);
	x = ADD("snmp v1 trap", &proto_snmp, PROTO_UDP, true);
	snmp_v1_trap(&x->m);
	x = ADD("snmp v3", &proto_snmp, PROTO_UDP, true);
	snmp_v3(&x->m, false);
	x = ADD("ldap bind", &proto_ldap, PROTO_TCP, true);
	ldap_bind(&x->m, 3);
	x = ADD("ldap search", &proto_ldap, PROTO_TCP, true);
	ldap_search_with_control(&x->m);
	x = ADD("cldap search", &proto_ldap, PROTO_UDP, true);
	ldap_search_with_control(&x->m);
	x = ADD("xmpp", &proto_xmpp, PROTO_TCP, true);
	text(&x->m, XMPP_OPEN);
	x->yes_from = after(&x->m, "<stream:stream ");
	x = ADD("ssh", &proto_ssh, PROTO_TCP, true);
	text(&x->m, SSH_CLIENT);
	x->yes_from = after(&x->m, "\n");
#undef ADD
	ck_assert_uint_le(n, N_SAMPLES);
	for (size_t i = 0; i < n; i++)
		if (s[i].yes_from == 0)
			s[i].yes_from = s[i].m.len;
	return n;
}

START_TEST(test_every_sample_is_yes)
{
	struct sample s[N_SAMPLES];
	size_t n = samples(s);

	for (size_t k = 0; k < n; k++) {
		struct proto_report rep;

		ck_assert_msg(report_of(s[k].rec, &s[k].m, s[k].transport,
					s[k].from_initiator,
					&rep) == PROTO_YES,
			      "%s", s[k].what);
	}
}
END_TEST

START_TEST(test_truncations_are_never_early_yes)
{
	struct sample s[N_SAMPLES];
	size_t n = samples(s);

	for (size_t k = 0; k < n; k++) {
		for (size_t len = 0; len < s[k].yes_from; len++) {
			struct run r;

			run_start(&r, s[k].rec);
			ck_assert_msg(run_feed_ex(&r, s[k].m.b, len,
						  s[k].from_initiator,
						  s[k].transport) != PROTO_YES,
				      "%s cut to %zu", s[k].what, len);
			run_end(&r);
		}
	}
}
END_TEST

START_TEST(test_bit_flips_never_crash_nor_garble_the_report)
{
	struct sample s[N_SAMPLES];
	size_t n = samples(s);

	for (size_t k = 0; k < n; k++) {
		for (size_t bit = 0; bit < s[k].m.len * 8; bit++) {
			struct buf f = s[k].m;
			struct run r;

			f.b[bit / 8] ^= (uint8_t)(1u << (bit % 8));
			run_start(&r, s[k].rec);
			run_feed(&r, &f, s[k].from_initiator, s[k].transport);
			assert_text_sane(r.rep.detail, sizeof r.rep.detail);
			assert_text_sane(r.rep.product, sizeof r.rep.product);
			run_end(&r);
		}
	}
}
END_TEST

static const struct recogniser *const all[] = {
	&proto_http, &proto_dns,  &proto_tftp, &proto_snmp,
	&proto_ldap, &proto_xmpp, &proto_ssh,
};

START_TEST(test_random_bytes_are_never_yes)
{
	const struct recogniser *rec = all[_i];
	uint32_t seed = 0x9e3779b9u + (uint32_t)_i;
	uint8_t b[300];

	for (int n = 0; n < 4000; n++) {
		size_t len = 1 + (size_t)n % sizeof b;
		uint8_t transport = n % 2 ? PROTO_UDP : PROTO_TCP;

		if (!(rec->transports & transport))
			transport = (uint8_t)rec->transports;
		for (size_t i = 0; i < len; i++) {
			seed = seed * 1664525u + 1013904223u;
			b[i] = (uint8_t)(seed >> 24);
		}
		ck_assert_msg(verdict_of(rec, b, len, transport) != PROTO_YES,
			      "%s said yes to random bytes", rec->name);
	}
}
END_TEST

START_TEST(test_empty_packet_is_not_yes)
{
	const struct recogniser *rec = all[_i];

	if (rec->transports & PROTO_TCP)
		ck_assert_int_ne(verdict_of(rec, NULL, 0, PROTO_TCP),
				 PROTO_YES);
	if (rec->transports & PROTO_UDP)
		ck_assert_int_ne(verdict_of(rec, NULL, 0, PROTO_UDP),
				 PROTO_YES);
}
END_TEST

#define COUNT(a) (int)(sizeof(a) / sizeof *(a))

/* ---- text from packets ---- */

static void copy(char *dst, size_t dstlen, const char *src)
{
	proto_copy_text(dst, dstlen, (const uint8_t *)src, strlen(src));
}

START_TEST(test_copy_text_keeps_utf8_as_it_is)
{
	char out[64];

	copy(out, sizeof out, "\xd0\x98\xd0\xb2\xd0\xb0\xd0\xbd <sip:1@x>"); /* Иван */
	ck_assert_str_eq(out, "\xd0\x98\xd0\xb2\xd0\xb0\xd0\xbd <sip:1@x>");
}
END_TEST

START_TEST(test_copy_text_escapes_controls_and_bidi_overrides)
{
	char out[64];

	/* ESC, a C1 NEL (U+0085), RIGHT-TO-LEFT OVERRIDE (U+202E) */
	copy(out, sizeof out, "a\x1b[2Jb\xc2\x85" "c\xe2\x80\xae" "d");
	ck_assert_str_eq(out, "a\\x1b[2Jb\\u0085c\\u202ed");
}
END_TEST

START_TEST(test_copy_text_escapes_bytes_that_are_not_utf8)
{
	char out[64];

	copy(out, sizeof out, "x\xff\xc0\xafy\xed\xa0\x80"); /* overlong, surrogate */
	ck_assert_str_eq(out, "x\\xff\\xc0\\xafy\\xed\\xa0\\x80");
}
END_TEST

START_TEST(test_copy_text_cuts_on_character_boundaries)
{
	char out[6];

	copy(out, sizeof out, "ab\xd0\x98\xd0\xb2"); /* 2 + 2 + 2 bytes */
	ck_assert_str_eq(out, "ab\xd0\x98");
	copy(out, sizeof out, "abc\x01");
	ck_assert_str_eq(out, "abc"); /* the escape would not fit whole */
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("proto-others");
	TCase *tc = tcase_create("http");

	tcase_add_test(tc, test_http_request_reports_path_and_user_agent);
	tcase_add_test(tc, test_http_response_reports_status_and_server);
	tcase_add_loop_test(tc, test_http_accepts_each_method, 0,
			    COUNT(http_method_lines));
	tcase_add_loop_test(tc, test_http_rejects_lines_of_other_shapes, 0,
			    COUNT(not_http_lines));
	tcase_add_test(tc, test_http_request_line_split_over_segments_is_yes);
	tcase_add_test(tc, test_http_partial_line_of_another_protocol_is_no);
	tcase_add_test(tc, test_http_partial_first_word_that_is_no_method_is_no);
	tcase_add_test(tc, test_http_partial_method_is_more);
	tcase_add_test(tc, test_http_long_target_is_cut_in_the_detail);
	tcase_add_test(tc, test_http2_preface_is_yes);
	tcase_add_test(tc, test_http_over_udp_is_no);
	suite_add_tcase(s, tc);

	tc = tcase_create("dns");
	tcase_add_test(tc, test_dns_query_reports_type_and_name);
	tcase_add_test(tc, test_dns_backward_pointer_is_followed);
	tcase_add_loop_test(tc, test_dns_bad_pointer_is_no, 0,
			    COUNT(dns_bad_pointers));
	tcase_add_test(tc, test_dns_root_name_is_a_dot);
	tcase_add_test(tc, test_dns_mdns_unicast_response_bit_is_yes);
	tcase_add_loop_test(tc, test_dns_insane_header_or_question_is_no, 0,
			    COUNT(dns_bad_headers));
	tcase_add_test(tc, test_dns_reserved_label_type_is_no);
	tcase_add_test(tc, test_dns_name_over_255_bytes_is_no);
	tcase_add_test(tc, test_dns_over_tcp_is_yes);
	tcase_add_test(tc, test_dns_over_tcp_with_length_sent_apart_is_yes);
	tcase_add_test(tc, test_dns_over_tcp_with_short_length_is_no);
	suite_add_tcase(s, tc);

	tc = tcase_create("tftp");
	tcase_add_test(tc, test_tftp_read_request_reports_file);
	tcase_add_test(tc, test_tftp_write_request_with_options_is_yes);
	tcase_add_loop_test(tc, test_tftp_unknown_mode_is_no, 0,
			    COUNT(tftp_bad_modes));
	tcase_add_test(tc, test_tftp_empty_file_name_is_no);
	tcase_add_test(tc, test_tftp_option_without_value_is_no);
	tcase_add_test(tc, test_tftp_data_then_ack_is_yes);
	tcase_add_test(tc, test_tftp_data_then_wrong_ack_is_no);
	tcase_add_test(tc, test_tftp_option_ack_then_ack_zero_is_yes);
	tcase_add_test(tc, test_tftp_error_is_yes);
	suite_add_tcase(s, tc);

	tc = tcase_create("snmp");
	tcase_add_loop_test(tc,
			    test_snmp_community_message_reports_version_and_pdu,
			    0, COUNT(snmp_cases));
	tcase_add_test(tc, test_snmp_v1_trap_is_yes);
	tcase_add_test(tc, test_snmp_v3_plaintext_reports_its_pdu);
	tcase_add_test(tc, test_snmp_v3_encrypted_is_yes);
	tcase_add_test(tc, test_snmp_version_2_is_no);
	tcase_add_test(tc, test_snmp_unknown_pdu_tag_is_no);
	tcase_add_test(tc, test_snmp_trailing_byte_is_no);
	tcase_add_test(tc, test_snmp_inner_length_lie_is_no);
	tcase_add_test(tc, test_snmp_indefinite_length_is_no);
	tcase_add_test(tc, test_snmp_long_form_length_is_yes);
	suite_add_tcase(s, tc);

	tc = tcase_create("ldap");
	tcase_add_test(tc, test_ldap_bind_request_is_yes);
	tcase_add_test(tc, test_ldap_search_with_controls_is_yes);
	tcase_add_test(tc, test_ldap_unbind_is_yes);
	tcase_add_test(tc, test_ldap_bind_response_is_yes);
	tcase_add_test(tc, test_ldap_message_split_over_segments_is_yes);
	tcase_add_test(tc, test_cldap_search_over_udp_is_yes);
	tcase_add_test(tc, test_ldap_bind_version_4_is_no);
	tcase_add_test(tc, test_ldap_unknown_operation_is_no);
	tcase_add_test(tc, test_ldap_negative_message_id_is_no);
	tcase_add_test(tc, test_ldap_operation_longer_than_message_is_no);
	tcase_add_test(
		tc, test_ldap_bytes_after_operation_that_are_not_controls_is_no);
	suite_add_tcase(s, tc);

	tc = tcase_create("xmpp");
	tcase_add_test(tc, test_xmpp_declaration_then_stream_reports_domain);
	tcase_add_test(tc, test_xmpp_stream_without_declaration_is_yes);
	tcase_add_test(tc, test_xmpp_server_stream_reports_from);
	tcase_add_test(tc, test_xmpp_declaration_alone_then_stream_is_yes);
	tcase_add_loop_test(tc, test_xmpp_other_xml_is_no, 0, COUNT(not_xmpp));
	suite_add_tcase(s, tc);

	tc = tcase_create("ssh");
	tcase_add_test(tc, test_ssh_banner_reports_software);
	tcase_add_test(tc, test_ssh_1_99_banner_is_yes);
	tcase_add_test(tc, test_ssh_server_lines_before_banner_are_skipped);
	tcase_add_test(tc, test_ssh_client_lines_before_banner_are_no);
	tcase_add_loop_test(tc, test_ssh_other_identification_is_no, 0,
			    COUNT(not_ssh));
	tcase_add_test(tc, test_ssh_banner_split_over_segments_is_yes);
	tcase_add_test(tc, test_ssh_line_over_255_bytes_is_no);
	suite_add_tcase(s, tc);

	tc = tcase_create("text");
	tcase_add_test(tc, test_copy_text_keeps_utf8_as_it_is);
	tcase_add_test(tc, test_copy_text_escapes_controls_and_bidi_overrides);
	tcase_add_test(tc, test_copy_text_escapes_bytes_that_are_not_utf8);
	tcase_add_test(tc, test_copy_text_cuts_on_character_boundaries);
	suite_add_tcase(s, tc);

	tc = tcase_create("robustness");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_every_sample_is_yes);
	tcase_add_test(tc, test_truncations_are_never_early_yes);
	tcase_add_test(tc, test_bit_flips_never_crash_nor_garble_the_report);
	tcase_add_loop_test(tc, test_random_bytes_are_never_yes, 0,
			    COUNT(all));
	tcase_add_loop_test(tc, test_empty_packet_is_not_yes, 0, COUNT(all));
	suite_add_tcase(s, tc);
	return s;
}
