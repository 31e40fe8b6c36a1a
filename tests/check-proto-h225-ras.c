/* \summary: unit tests of the H.225.0 RAS recogniser (H.225.0 clause 7,
 * X.691 aligned PER) */
#include <check.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vcflow/proto.h"

#include "proto-session.h"

Suite *test_suite(void);

extern const struct recogniser proto_h225_ras;
#define R (&proto_h225_ras)

#define PKT_MAX 512

struct pkt {
	uint8_t b[PKT_MAX];
	size_t len;
	bool fwd;
	uint8_t transport;
};

static void on_announce(void *ctx, const struct proto_pkt *from,
			const struct proto_announce *a)
{
	(void)ctx;
	(void)from;
	(void)a;
	ck_abort_msg("RAS announces nothing");
}

static enum proto_verdict session_feed(struct proto_session *s, const struct pkt *k)
{
	struct proto_pkt p = {
		.transport = k->transport ? k->transport : PROTO_UDP,
		.from_initiator = k->fwd,
	};
	struct proto_sink sink = { .announce = on_announce, .ctx = s };

	return feed_copy(R, s->state, p, k->b, k->len, &s->rep, &sink);
}

static struct pkt make(const uint8_t *b, size_t len, bool fwd)
{
	struct pkt k = { .len = len, .fwd = fwd };

	ck_assert_uint_le(len, PKT_MAX);
	memcpy(k.b, b, len);
	return k;
}
#define PKT(arr, fwd) make(arr, sizeof(arr), fwd)

/* ---- messages, written from the H323-MESSAGES ASN.1 module ---- */

/* RRQ seq 4661, 0.0.8.2250.0.4, call signalling 192.168.1.10:1720, RAS
 * :1719, terminalType terminal, endpointVendor "Tandberg" "257" */
static const uint8_t rrq[] = {
	0x0c, 0x00, 0x12, 0x34, 0x06, 0x00, 0x08, 0x91, 0x4a, 0x00, 0x04,
	0x80, 0x01, 0x00, 0xc0, 0xa8, 0x01, 0x0a, 0x06, 0xb8, 0x01, 0x00,
	0xc0, 0xa8, 0x01, 0x0a, 0x06, 0xb7, 0x02, 0x0c, 0x82, 0x01, 0x01,
	0x00, 0x07, 'T',  'a',	'n',  'd',  'b',  'e',	'r',  'g',  0x02,
	'2',  '5',  '7',
};

/* GRQ seq 2, rasAddress 10.0.0.1:1719, endpointType terminal */
static const uint8_t grq[] = {
	0x00, 0x00, 0x00, 0x01, 0x06, 0x00, 0x08, 0x91, 0x4a, 0x00,
	0x04, 0x00, 0x0a, 0x00, 0x00, 0x01, 0x06, 0xb7, 0x02, 0x00,
};

/* ARQ seq 6, endpointIdentifier "abc", srcInfo dialledDigits "2098",
 * bandWidth 200000, CRV 1, conferenceID 10..1f */
static const uint8_t arq[] = {
	0x24, 0x00, 0x00, 0x05, 0x00, 0x80, 0x00, 0x61, 0x00, 0x62, 0x00,
	0x63, 0x01, 0x01, 0x80, 0x53, 0xcb, 0x80, 0x03, 0x0d, 0x40, 0x00,
	0x01, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19,
	0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f, 0x00,
};
#define ARQ_CONFERENCE "10111213-1415-1617-1819-1a1b1c1d1e1f"
#define ARQ_SEQ_OFFSET 3 /* low octet of requestSeqNum */

/* ACF seq 6, bandWidth 2560, direct, destCallSignalAddress 10.0.0.2:1720 */
static const uint8_t acf[] = {
	0x28, 0x00, 0x00, 0x05, 0x40, 0x0a, 0x00,
	0x00, 0x0a, 0x00, 0x00, 0x02, 0x06, 0xb8,
};

/* RequestInProgress (an extension alternative) seq 6, delay 10 */
static const uint8_t rip[] = { 0x80, 0x05, 0x00, 0x00, 0x05, 0x00, 0x09 };

/* IRQ seq 7, CRV 1 */
static const uint8_t irq[] = { 0x54, 0x00, 0x00, 0x06, 0x00, 0x01 };

/* IRR seq 7: endpointType terminal, endpointIdentifier "ab", RAS and call
 * signalling addresses, and a perCallInfo list, which is not decoded */
static const uint8_t irr[] = {
	0x58, 0x40, 0x00, 0x06, 0x02, 0x00, 0x40, 0x00, 0x61, 0x00,
	0x62, 0x00, 0x0a, 0x00, 0x00, 0x01, 0x06, 0xb7, 0x01, 0x00,
	0x0a, 0x00, 0x00, 0x01, 0x06, 0xb8, 0x01, 0x00, 0x00, 0x01,
	0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22,
	0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x00, 0x00, 0x00, 0x00,
};

/* A DNS query for example.com */
static const uint8_t dns_query[] = {
	0x12, 0x34, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x07, 'e',  'x',	'a',  'm',  'p',  'l',	'e',  0x03, 'c',
	'o',  'm',  0x00, 0x00, 0x01, 0x00, 0x01,
};

#define OID_VERSION_ARC_OFFSET 9 /* rrq[]: the 0 before the version */
#define OID_H225_HIGH_OFFSET 7	 /* rrq[]: first octet of 2250 */

static const char *const ras_names[] = {
	"GRQ", "GCF", "GRJ", "RRQ", "RCF", "RRJ", "URQ", "UCF", "URJ",
	"ARQ", "ACF", "ARJ", "BRQ", "BCF", "BRJ", "DRQ", "DCF", "DRJ",
	"LRQ", "LCF", "LRJ", "IRQ", "IRR", "NonStandardMessage",
	"UnknownMessageResponse", "RIP", "RAI", "RAC", "IACK", "INAK",
	"SCI", "SCR", "ACFSequence",
};

static bool known_name(const char *s, size_t len)
{
	for (size_t i = 0; i < sizeof ras_names / sizeof *ras_names; i++)
		if (strlen(ras_names[i]) == len &&
		    strncmp(ras_names[i], s, len) == 0)
			return true;
	return false;
}

/* A detail made of RAS message names only: nothing read from garbage. */
static void assert_sane_report(const struct proto_report *rep)
{
	const char *p = rep->detail;

	ck_assert_msg(*p != '\0', "empty detail");
	while (*p) {
		size_t len = strcspn(p, ",");

		ck_assert_msg(known_name(p, len), "odd detail '%s'",
			      rep->detail);
		p += len;
		if (*p == ',')
			p += 2;
	}
	for (p = rep->product; *p; p++)
		ck_assert_msg(isprint((unsigned char)*p), "odd product");
	for (p = rep->call_id; *p; p++)
		ck_assert_msg(isxdigit((unsigned char)*p) || *p == '-',
			      "odd call id");
}

/* ---- tests ---- */

START_TEST(test_rrq_is_recognised_by_its_protocol_identifier)
{
	struct proto_session s;
	struct pkt k = PKT(rrq, true);

	proto_session_start(&s, R);
	ck_assert_int_eq(session_feed(&s, &k), PROTO_YES);
	ck_assert_str_eq(s.rep.detail, "RRQ");
	ck_assert_str_eq(s.rep.product, "Tandberg 257");
	proto_session_end(&s, R);
}
END_TEST

START_TEST(test_grq_without_vendor_has_no_product)
{
	struct proto_session s;
	struct pkt k = PKT(grq, true);

	proto_session_start(&s, R);
	ck_assert_int_eq(session_feed(&s, &k), PROTO_YES);
	ck_assert_str_eq(s.rep.detail, "GRQ");
	ck_assert_str_eq(s.rep.product, "");
	proto_session_end(&s, R);
}
END_TEST

START_TEST(test_other_protocol_identifier_is_refused)
{
	struct proto_session s;
	struct pkt k = PKT(rrq, true);

	k.b[OID_VERSION_ARC_OFFSET] = 0x01; /* 0.0.8.2250.1.4 */
	proto_session_start(&s, R);
	ck_assert_int_eq(session_feed(&s, &k), PROTO_NO);
	proto_session_end(&s, R);
}
END_TEST

START_TEST(test_h245_protocol_identifier_is_refused)
{
	struct proto_session s;
	struct pkt k = PKT(rrq, true);

	/* 0.0.8.245.0.4 has the same length: 00 08 81 75 00 04 */
	k.b[OID_H225_HIGH_OFFSET] = 0x81;
	k.b[OID_H225_HIGH_OFFSET + 1] = 0x75;
	proto_session_start(&s, R);
	ck_assert_int_eq(session_feed(&s, &k), PROTO_NO);
	proto_session_end(&s, R);
}
END_TEST

START_TEST(test_admission_request_alone_waits)
{
	struct proto_session s;
	struct pkt k = PKT(arq, true);

	proto_session_start(&s, R);
	ck_assert_int_eq(session_feed(&s, &k), PROTO_MORE);
	proto_session_end(&s, R);
}
END_TEST

START_TEST(test_admission_request_and_confirm_are_recognised)
{
	struct proto_session s;
	struct pkt q = PKT(arq, true), a = PKT(acf, false);

	proto_session_start(&s, R);
	ck_assert_int_eq(session_feed(&s, &q), PROTO_MORE);
	ck_assert_int_eq(session_feed(&s, &a), PROTO_YES);
	ck_assert_str_eq(s.rep.detail, "ARQ, ACF");
	ck_assert_str_eq(s.rep.call_id, ARQ_CONFERENCE);
	proto_session_end(&s, R);
}
END_TEST

START_TEST(test_confirm_with_another_sequence_number_does_not_pair)
{
	struct proto_session s;
	struct pkt q = PKT(arq, true), a = PKT(acf, false);

	a.b[ARQ_SEQ_OFFSET] ^= 0x01;
	proto_session_start(&s, R);
	ck_assert_int_eq(session_feed(&s, &q), PROTO_MORE);
	ck_assert_int_eq(session_feed(&s, &a), PROTO_MORE);
	proto_session_end(&s, R);
}
END_TEST

START_TEST(test_confirm_from_the_same_side_does_not_pair)
{
	struct proto_session s;
	struct pkt q = PKT(arq, true), a = PKT(acf, true);

	proto_session_start(&s, R);
	ck_assert_int_eq(session_feed(&s, &q), PROTO_MORE);
	ck_assert_int_eq(session_feed(&s, &a), PROTO_MORE);
	proto_session_end(&s, R);
}
END_TEST

START_TEST(test_request_in_progress_answers_a_request)
{
	struct proto_session s;
	struct pkt q = PKT(arq, true), a = PKT(rip, false);

	proto_session_start(&s, R);
	ck_assert_int_eq(session_feed(&s, &q), PROTO_MORE);
	ck_assert_int_eq(session_feed(&s, &a), PROTO_YES);
	ck_assert_str_eq(s.rep.detail, "ARQ, RIP");
	proto_session_end(&s, R);
}
END_TEST

START_TEST(test_response_with_lists_not_decoded_answers_a_request)
{
	struct proto_session s;
	struct pkt q = PKT(irq, false), a = PKT(irr, true);

	proto_session_start(&s, R);
	ck_assert_int_eq(session_feed(&s, &q), PROTO_MORE);
	ck_assert_int_eq(session_feed(&s, &a), PROTO_YES);
	ck_assert_str_eq(s.rep.detail, "IRQ, IRR");
	proto_session_end(&s, R);
}
END_TEST

START_TEST(test_trailing_octet_makes_a_request_malformed)
{
	struct proto_session s;
	struct pkt k = PKT(arq, true);

	k.b[k.len++] = 0x00;
	proto_session_start(&s, R);
	ck_assert_int_eq(session_feed(&s, &k), PROTO_NO);
	proto_session_end(&s, R);
}
END_TEST

START_TEST(test_tcp_is_refused)
{
	struct proto_session s;
	struct pkt k = PKT(rrq, true);

	k.transport = PROTO_TCP;
	proto_session_start(&s, R);
	ck_assert_int_eq(session_feed(&s, &k), PROTO_NO);
	proto_session_end(&s, R);
}
END_TEST

START_TEST(test_tiny_datagrams_are_refused)
{
	for (size_t len = 0; len <= 2; len++) {
		struct proto_session s;
		struct pkt k = make(rrq, len, true);

		proto_session_start(&s, R);
		ck_assert_int_eq(session_feed(&s, &k), PROTO_NO);
		proto_session_end(&s, R);
	}
}
END_TEST

START_TEST(test_dns_query_is_refused)
{
	struct proto_session s;
	struct pkt k = PKT(dns_query, true);

	proto_session_start(&s, R);
	ck_assert_int_ne(session_feed(&s, &k), PROTO_YES);
	proto_session_end(&s, R);
}
END_TEST

START_TEST(test_stray_datagram_after_the_answer_changes_nothing)
{
	struct proto_session s;
	struct pkt k = PKT(rrq, true), junk = PKT(dns_query, false);

	proto_session_start(&s, R);
	ck_assert_int_eq(session_feed(&s, &k), PROTO_YES);
	ck_assert_int_eq(session_feed(&s, &junk), PROTO_YES);
	ck_assert_str_eq(s.rep.detail, "RRQ");
	proto_session_end(&s, R);
}
END_TEST

START_TEST(test_later_messages_add_names_and_the_endpoint_vendor)
{
	struct proto_session s;
	struct pkt g = PKT(grq, true), r = PKT(rrq, true);

	proto_session_start(&s, R);
	ck_assert_int_eq(session_feed(&s, &g), PROTO_YES);
	ck_assert_str_eq(s.rep.product, "");
	ck_assert_int_eq(session_feed(&s, &r), PROTO_YES);
	ck_assert_str_eq(s.rep.detail, "GRQ, RRQ");
	ck_assert_str_eq(s.rep.product, "Tandberg 257");
	proto_session_end(&s, R);
}
END_TEST

static const struct {
	const uint8_t *b;
	size_t len;
} samples[] = {
	{ rrq, sizeof rrq }, { grq, sizeof grq }, { arq, sizeof arq },
	{ acf, sizeof acf }, { rip, sizeof rip }, { irq, sizeof irq },
	{ irr, sizeof irr },
};
#define N_SAMPLES (sizeof samples / sizeof *samples)

/* After a request, so that a mangled answer could pair with it. */
static void feed_after_request(const struct pkt *k)
{
	struct proto_session s;
	struct pkt q = PKT(arq, true);

	proto_session_start(&s, R);
	session_feed(&s, &q);
	if (session_feed(&s, k) == PROTO_YES)
		assert_sane_report(&s.rep);
	proto_session_end(&s, R);
}

START_TEST(test_every_truncation_is_safe)
{
	const uint8_t *b = samples[_i].b;

	for (size_t len = 0; len < samples[_i].len; len++) {
		struct proto_session s;
		struct pkt k = make(b, len, false);

		proto_session_start(&s, R);
		if (session_feed(&s, &k) == PROTO_YES) {
			assert_sane_report(&s.rep);
			ck_assert_msg(s.rep.product[0] == '\0',
				      "product from a cut message");
		}
		proto_session_end(&s, R);
		feed_after_request(&k);
	}
}
END_TEST

START_TEST(test_every_bit_flip_is_safe)
{
	for (size_t bit = 0; bit < samples[_i].len * 8; bit++) {
		struct proto_session s;
		struct pkt k = make(samples[_i].b, samples[_i].len, false);

		k.b[bit / 8] ^= (uint8_t)(0x80u >> (bit % 8));
		proto_session_start(&s, R);
		if (session_feed(&s, &k) == PROTO_YES)
			assert_sane_report(&s.rep);
		proto_session_end(&s, R);
		feed_after_request(&k);
	}
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("proto-h225-ras");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_rrq_is_recognised_by_its_protocol_identifier);
	tcase_add_test(tc, test_grq_without_vendor_has_no_product);
	tcase_add_test(tc, test_other_protocol_identifier_is_refused);
	tcase_add_test(tc, test_h245_protocol_identifier_is_refused);
	tcase_add_test(tc, test_admission_request_alone_waits);
	tcase_add_test(tc, test_admission_request_and_confirm_are_recognised);
	tcase_add_test(tc,
		       test_confirm_with_another_sequence_number_does_not_pair);
	tcase_add_test(tc, test_confirm_from_the_same_side_does_not_pair);
	tcase_add_test(tc, test_request_in_progress_answers_a_request);
	tcase_add_test(tc,
		       test_response_with_lists_not_decoded_answers_a_request);
	tcase_add_test(tc, test_trailing_octet_makes_a_request_malformed);
	tcase_add_test(tc, test_tcp_is_refused);
	tcase_add_test(tc, test_tiny_datagrams_are_refused);
	tcase_add_test(tc, test_dns_query_is_refused);
	tcase_add_test(tc,
		       test_stray_datagram_after_the_answer_changes_nothing);
	tcase_add_test(tc,
		       test_later_messages_add_names_and_the_endpoint_vendor);
	tcase_add_loop_test(tc, test_every_truncation_is_safe, 0, N_SAMPLES);
	tcase_add_loop_test(tc, test_every_bit_flip_is_safe, 0, N_SAMPLES);
	suite_add_tcase(s, tc);
	return s;
}
