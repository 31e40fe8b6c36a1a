/* \summary: unit tests of the H.245 recogniser (H.245 in TPKT: RFC 1006,
 * H.245, X.691 aligned PER) */
#include <check.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vcflow/proto.h"

#include "proto-session.h"

Suite *test_suite(void);

extern const struct recogniser proto_h245;
#define R (&proto_h245)

#define PKT_MAX 256
#define ANN_MAX 4

struct pkt {
	uint8_t b[PKT_MAX];
	size_t len;
	bool fwd;
	uint8_t transport;
};

struct session {
	void *state;
	struct proto_report rep;
	unsigned n_ann;
	struct proto_announce ann[ANN_MAX];
	char ann_addr[ANN_MAX][ADDR_STRLEN];
	char ann_what[ANN_MAX][16];
};

static void on_announce(void *ctx, const struct proto_pkt *from,
			const struct proto_announce *a)
{
	struct session *s = ctx;

	ck_assert_ptr_nonnull(from);
	ck_assert_ptr_nonnull(a->what);
	if (s->n_ann < ANN_MAX) {
		s->ann[s->n_ann] = *a;
		addr_str(&a->addr, s->ann_addr[s->n_ann], ADDR_STRLEN);
		snprintf(s->ann_what[s->n_ann], sizeof s->ann_what[0], "%s",
			 a->what);
		s->n_ann++;
	}
}

static void session_start(struct session *s)
{
	memset(s, 0, sizeof *s);
	s->state = state_new(R);
}

static void session_end(struct session *s)
{
	state_free(R, s->state);
}

static enum proto_verdict session_feed(struct session *s, const struct pkt *k)
{
	struct proto_pkt p = {
		.transport = k->transport ? k->transport : PROTO_TCP,
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

static void append(struct pkt *k, const uint8_t *b, size_t len)
{
	ck_assert_uint_le(k->len + len, PKT_MAX);
	memcpy(k->b + k->len, b, len);
	k->len += len;
}

/* ---- messages, written from the MULTIMEDIA-SYSTEM-CONTROL module ---- */

/* terminalCapabilitySet: sequenceNumber 1, 0.0.8.245.0.5, no tables */
static const uint8_t tcs[] = {
	0x03, 0x00, 0x00, 0x0e, 0x02, 0x00, 0x01,
	0x06, 0x00, 0x08, 0x81, 0x75, 0x00, 0x05,
};
#define TCS_OID_245_OFFSET 10 /* 81 75: the arc 245 */

/* masterSlaveDetermination: terminalType 50, number 0x123456 */
static const uint8_t msd[] = {
	0x03, 0x00, 0x00, 0x0b, 0x01, 0x00, 0x32, 0x80, 0x12, 0x34, 0x56,
};
/* masterSlaveDeterminationAck: slave */
static const uint8_t msd_ack[] = { 0x03, 0x00, 0x00, 0x06, 0x20, 0xa0 };
/* terminalCapabilitySetAck: sequenceNumber 1 */
static const uint8_t tcs_ack[] = { 0x03, 0x00, 0x00, 0x07, 0x21, 0x80, 0x01 };

/* openLogicalChannel 101: audioData g711Alaw64k, h2250 parameters with
 * session 1, mediaControlChannel 192.168.0.1:5003 */
static const uint8_t olc[] = {
	0x03, 0x00, 0x00, 0x17, 0x03, 0x00, 0x00, 0x64, 0x0c, 0x20, 0x13, 0x80,
	0x0a, 0x04, 0x00, 0x01, 0x00, 0xc0, 0xa8, 0x00, 0x01, 0x13, 0x8b,
};

/* openLogicalChannelAck 101: h2250LogicalChannelAckParameters session 1,
 * mediaChannel 192.168.0.2:5000, mediaControlChannel 192.168.0.2:5001 */
static const uint8_t olc_ack[] = {
	0x03, 0x00, 0x00, 0x1e, 0x22, 0xc0, 0x00, 0x64, 0x02, 0x80,
	0x13, 0x5c, 0x00, 0x00, 0xc0, 0xa8, 0x00, 0x02, 0x13, 0x88,
	0x00, 0xc0, 0xa8, 0x00, 0x02, 0x13, 0x89, 0x01, 0x01, 0x00,
};

/* a MultimediaSystemControlMessage with its extension bit set */
static const uint8_t extended[] = { 0x03, 0x00, 0x00, 0x06, 0x80, 0x00 };
/* a request this recogniser does not decode (requestMode) */
static const uint8_t request_mode[] = { 0x03, 0x00, 0x00, 0x07,
					0x08, 0x00, 0x01 };
/* the keep-alive of H.460.18 */
static const uint8_t tpkt_empty[] = { 0x03, 0x00, 0x00, 0x04 };
static const uint8_t http_get[] = "GET / HTTP/1.1\r\nHost: a\r\n\r\n";
/* Q.931 Status Enquiry and Status in TPKT: call signalling, not H.245 */
static const uint8_t q931_status_enquiry[] = {
	0x03, 0x00, 0x00, 0x09, 0x08, 0x02, 0x00, 0x2a, 0x75,
};
static const uint8_t q931_status[] = {
	0x03, 0x00, 0x00, 0x10, 0x08, 0x02, 0x80, 0x2a,
	0x7d, 0x08, 0x02, 0x80, 0x9e, 0x14, 0x01, 0x00,
};

#define TPKT_LEN_OFFSET 2

static void put16(uint8_t *p, size_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

/* A detail of message names (identifiers) only, and clean addresses. */
static void assert_sane_report(const struct session *s)
{
	const char *p = s->rep.detail;

	ck_assert_msg(*p != '\0', "empty detail");
	for (; *p; p++)
		ck_assert_msg(isalnum((unsigned char)*p) || *p == ',' ||
				      *p == ' ' || *p == '.',
			      "odd detail '%s'", s->rep.detail);
	for (unsigned i = 0; i < s->n_ann; i++) {
		ck_assert_uint_ne(s->ann[i].port, 0);
		ck_assert_msg(s->ann[i].app == APP_RTP ||
				      s->ann[i].app == APP_RTCP,
			      "odd announcement");
	}
}

/* ---- tests ---- */

START_TEST(test_capability_set_is_recognised_by_its_identifier)
{
	struct session s;
	struct pkt k = PKT(tcs, true);

	session_start(&s);
	ck_assert_int_eq(session_feed(&s, &k), PROTO_YES);
	ck_assert_str_eq(s.rep.detail, "TCS");
	session_end(&s);
}
END_TEST

START_TEST(test_capability_set_with_another_identifier_is_refused)
{
	struct session s;
	struct pkt k = PKT(tcs, true);

	k.b[TCS_OID_245_OFFSET] = 0x91; /* 0.0.8.2250.0.5 */
	k.b[TCS_OID_245_OFFSET + 1] = 0x4a;
	session_start(&s);
	ck_assert_int_eq(session_feed(&s, &k), PROTO_NO);
	session_end(&s);
}
END_TEST

START_TEST(test_two_decoded_kinds_settle_it)
{
	struct session s;
	struct pkt a = PKT(msd, true), b = PKT(msd_ack, false);

	session_start(&s);
	ck_assert_int_eq(session_feed(&s, &a), PROTO_MORE);
	ck_assert_int_eq(session_feed(&s, &b), PROTO_YES);
	ck_assert_str_eq(s.rep.detail, "MSD, MSDAck");
	session_end(&s);
}
END_TEST

START_TEST(test_one_kind_from_both_sides_settles_it)
{
	struct session s;
	struct pkt a = PKT(msd, true), b = PKT(msd, false);

	session_start(&s);
	ck_assert_int_eq(session_feed(&s, &a), PROTO_MORE);
	ck_assert_int_eq(session_feed(&s, &b), PROTO_YES);
	ck_assert_str_eq(s.rep.detail, "MSD");
	session_end(&s);
}
END_TEST

START_TEST(test_one_kind_from_one_side_does_not_settle_it)
{
	struct session s;
	struct pkt a = PKT(msd, true);

	session_start(&s);
	ck_assert_int_eq(session_feed(&s, &a), PROTO_MORE);
	ck_assert_int_eq(session_feed(&s, &a), PROTO_MORE);
	ck_assert_int_eq(session_feed(&s, &a), PROTO_MORE);
	session_end(&s);
}
END_TEST

START_TEST(test_undecoded_kinds_do_not_settle_it)
{
	struct session s;
	struct pkt a = PKT(request_mode, true), b = PKT(request_mode, false);

	session_start(&s);
	ck_assert_int_eq(session_feed(&s, &a), PROTO_MORE);
	ck_assert_int_eq(session_feed(&s, &b), PROTO_MORE);
	ck_assert_int_eq(session_feed(&s, &a), PROTO_MORE);
	session_end(&s);
}
END_TEST

START_TEST(test_two_messages_in_one_segment)
{
	struct session s;
	struct pkt k = PKT(tcs_ack, true);

	append(&k, msd_ack, sizeof msd_ack);
	session_start(&s);
	ck_assert_int_eq(session_feed(&s, &k), PROTO_YES);
	ck_assert_str_eq(s.rep.detail, "TCSAck, MSDAck");
	session_end(&s);
}
END_TEST

START_TEST(test_message_split_across_segments)
{
	struct session s;
	struct pkt a = make(tcs, 3, true), b = make(tcs + 3, 5, true),
		   c = make(tcs + 8, sizeof tcs - 8, true);

	session_start(&s);
	ck_assert_int_eq(session_feed(&s, &a), PROTO_MORE);
	ck_assert_int_eq(session_feed(&s, &b), PROTO_MORE);
	ck_assert_int_eq(session_feed(&s, &c), PROTO_YES);
	session_end(&s);
}
END_TEST

START_TEST(test_channel_ack_announces_rtp_and_rtcp)
{
	struct session s;
	struct pkt a = PKT(tcs, true), b = PKT(olc, false),
		   c = PKT(olc_ack, true);

	session_start(&s);
	ck_assert_int_eq(session_feed(&s, &a), PROTO_YES);
	ck_assert_int_eq(session_feed(&s, &b), PROTO_YES);
	ck_assert_int_eq(session_feed(&s, &c), PROTO_YES);
	ck_assert_str_eq(s.rep.detail, "TCS, OLC, OLCAck");
	ck_assert_uint_eq(s.n_ann, 2);
	ck_assert_str_eq(s.ann_addr[0], "192.168.0.2");
	ck_assert_uint_eq(s.ann[0].port, 5000);
	ck_assert_int_eq(s.ann[0].app, APP_RTP);
	ck_assert_uint_eq(s.ann[0].transport, PROTO_UDP);
	ck_assert_str_eq(s.ann_what[0], "audio");
	ck_assert_str_eq(s.ann_addr[1], "192.168.0.2");
	ck_assert_uint_eq(s.ann[1].port, 5001);
	ck_assert_int_eq(s.ann[1].app, APP_RTCP);
	ck_assert_str_eq(s.ann_what[1], "audio");
	session_end(&s);
}
END_TEST

START_TEST(test_ack_of_a_channel_not_seen_announces_media)
{
	struct session s;
	struct pkt a = PKT(tcs, true), c = PKT(olc_ack, true);

	session_start(&s);
	session_feed(&s, &a);
	session_feed(&s, &c);
	ck_assert_uint_eq(s.n_ann, 2);
	ck_assert_str_eq(s.ann_what[0], "media");
	session_end(&s);
}
END_TEST

START_TEST(test_ack_of_ones_own_channel_is_not_its_media_kind)
{
	struct session s;
	struct pkt a = PKT(tcs, true), b = PKT(olc, true),
		   c = PKT(olc_ack, true);

	/* an ack answers the other side's channel of that number */
	session_start(&s);
	session_feed(&s, &a);
	session_feed(&s, &b);
	session_feed(&s, &c);
	ck_assert_uint_eq(s.n_ann, 2);
	ck_assert_str_eq(s.ann_what[0], "media");
	session_end(&s);
}
END_TEST

START_TEST(test_addresses_are_announced_once)
{
	struct session s;
	struct pkt a = PKT(tcs, true), c = PKT(olc_ack, true);

	session_start(&s);
	session_feed(&s, &a);
	session_feed(&s, &c);
	session_feed(&s, &c);
	ck_assert_uint_eq(s.n_ann, 2);
	session_end(&s);
}
END_TEST

START_TEST(test_decoded_kind_with_trailing_octets_is_refused)
{
	struct session s;
	struct pkt k = PKT(msd, true);

	k.b[k.len++] = 0x00;
	put16(k.b + TPKT_LEN_OFFSET, k.len);
	session_start(&s);
	ck_assert_int_eq(session_feed(&s, &k), PROTO_NO);
	session_end(&s);
}
END_TEST

START_TEST(test_extension_of_the_top_choice_is_refused)
{
	struct session s;
	struct pkt k = PKT(extended, true);

	session_start(&s);
	ck_assert_int_eq(session_feed(&s, &k), PROTO_NO);
	session_end(&s);
}
END_TEST

START_TEST(test_not_tpkt_is_refused)
{
	struct session s;
	struct pkt k = make(http_get, sizeof http_get - 1, true);

	session_start(&s);
	ck_assert_int_eq(session_feed(&s, &k), PROTO_NO);
	session_end(&s);
}
END_TEST

START_TEST(test_keep_alives_are_skipped)
{
	struct session s;
	struct pkt a = PKT(tpkt_empty, true), b = PKT(msd, true);
	struct pkt c = PKT(tpkt_empty, false);

	append(&c, msd_ack, sizeof msd_ack);
	session_start(&s);
	ck_assert_int_eq(session_feed(&s, &a), PROTO_MORE);
	ck_assert_int_eq(session_feed(&s, &b), PROTO_MORE);
	ck_assert_int_eq(session_feed(&s, &c), PROTO_YES);
	ck_assert_str_eq(s.rep.detail, "MSD, MSDAck");
	session_end(&s);
}
END_TEST

START_TEST(test_udp_is_refused)
{
	struct session s;
	struct pkt k = PKT(tcs, true);

	k.transport = PROTO_UDP;
	session_start(&s);
	ck_assert_int_eq(session_feed(&s, &k), PROTO_NO);
	session_end(&s);
}
END_TEST

START_TEST(test_call_signalling_is_not_h245)
{
	struct session s;
	struct pkt a = PKT(q931_status_enquiry, true),
		   b = PKT(q931_status, false);

	session_start(&s);
	ck_assert_int_ne(session_feed(&s, &a), PROTO_YES);
	ck_assert_int_ne(session_feed(&s, &b), PROTO_YES);
	session_end(&s);
}
END_TEST

static const struct {
	const uint8_t *b;
	size_t len;
} samples[] = {
	{ tcs, sizeof tcs },	     { msd, sizeof msd },
	{ msd_ack, sizeof msd_ack }, { tcs_ack, sizeof tcs_ack },
	{ olc, sizeof olc },	     { olc_ack, sizeof olc_ack },
};
#define N_SAMPLES (sizeof samples / sizeof *samples)

/* Alone, after a message that makes the flow likely, and after the
 * answer, while following. */
static void feed_checked(const struct pkt *k)
{
	static const struct {
		const uint8_t *b;
		size_t len;
	} before[] = { { msd, sizeof msd }, { tcs, sizeof tcs } };

	for (size_t i = 0; i <= sizeof before / sizeof *before; i++) {
		struct session s;

		session_start(&s);
		if (i > 0) {
			struct pkt first = make(before[i - 1].b,
						before[i - 1].len, !k->fwd);

			session_feed(&s, &first);
		}
		if (session_feed(&s, k) == PROTO_YES)
			assert_sane_report(&s);
		session_end(&s);
	}
}

START_TEST(test_every_truncation_is_safe)
{
	for (size_t len = 0; len < samples[_i].len; len++) {
		struct pkt k = make(samples[_i].b, len, true);

		feed_checked(&k);
		if (len <= TPKT_LEN_OFFSET + 1)
			continue;
		put16(k.b + TPKT_LEN_OFFSET, len);
		feed_checked(&k);
	}
}
END_TEST

START_TEST(test_every_bit_flip_is_safe)
{
	for (size_t bit = 0; bit < samples[_i].len * 8; bit++) {
		struct pkt k = make(samples[_i].b, samples[_i].len, true);

		k.b[bit / 8] ^= (uint8_t)(0x80u >> (bit % 8));
		feed_checked(&k);
	}
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("proto-h245");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_capability_set_is_recognised_by_its_identifier);
	tcase_add_test(tc,
		       test_capability_set_with_another_identifier_is_refused);
	tcase_add_test(tc, test_two_decoded_kinds_settle_it);
	tcase_add_test(tc, test_one_kind_from_both_sides_settles_it);
	tcase_add_test(tc, test_one_kind_from_one_side_does_not_settle_it);
	tcase_add_test(tc, test_undecoded_kinds_do_not_settle_it);
	tcase_add_test(tc, test_two_messages_in_one_segment);
	tcase_add_test(tc, test_message_split_across_segments);
	tcase_add_test(tc, test_channel_ack_announces_rtp_and_rtcp);
	tcase_add_test(tc, test_ack_of_a_channel_not_seen_announces_media);
	tcase_add_test(tc, test_ack_of_ones_own_channel_is_not_its_media_kind);
	tcase_add_test(tc, test_addresses_are_announced_once);
	tcase_add_test(tc, test_decoded_kind_with_trailing_octets_is_refused);
	tcase_add_test(tc, test_extension_of_the_top_choice_is_refused);
	tcase_add_test(tc, test_not_tpkt_is_refused);
	tcase_add_test(tc, test_keep_alives_are_skipped);
	tcase_add_test(tc, test_udp_is_refused);
	tcase_add_test(tc, test_call_signalling_is_not_h245);
	tcase_add_loop_test(tc, test_every_truncation_is_safe, 0, N_SAMPLES);
	tcase_add_loop_test(tc, test_every_bit_flip_is_safe, 0, N_SAMPLES);
	suite_add_tcase(s, tc);
	return s;
}
