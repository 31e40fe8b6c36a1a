/* \summary: unit tests of the BFCP recogniser (RFC 8855, RFC 4582) */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vcflow/proto.h"

#include "proto-session.h"

Suite *test_suite(void);

extern const struct recogniser proto_bfcp;
#define R (&proto_bfcp)

#define PKT_MAX 256

struct pkt {
	uint8_t b[PKT_MAX];
	size_t len;
	bool fwd;
	uint8_t transport;
};

static enum proto_verdict session_feed(struct proto_session *s, const struct pkt *k)
{
	struct proto_pkt p = {
		.transport = k->transport ? k->transport : PROTO_UDP,
		.from_initiator = k->fwd,
	};

	return feed_copy(R, s->state, p, k->b, k->len, &s->rep, NULL);
}

static enum proto_verdict run(const struct pkt *pkts, size_t n,
			      struct proto_report *rep)
{
	struct proto_session s;
	enum proto_verdict v = PROTO_MORE;

	proto_session_start(&s, R);
	for (size_t i = 0; i < n && v == PROTO_MORE; i++)
		v = session_feed(&s, &pkts[i]);
	if (rep)
		*rep = s.rep;
	proto_session_end(&s, R);
	return v;
}

static struct pkt hex(const char *h)
{
	struct pkt p = { .fwd = true, .transport = PROTO_UDP };

	for (; h[0] && h[1] && p.len < PKT_MAX; h += 2) {
		unsigned v;

		ck_assert(sscanf(h, "%2x", &v) == 1);
		p.b[p.len++] = (uint8_t)v;
	}
	return p;
}

static struct pkt rev(struct pkt p)
{
	p.fwd = false;
	return p;
}

static struct pkt tcp(struct pkt p)
{
	p.transport = PROTO_TCP;
	return p;
}

/* ---- messages (RFC 8855 sec 5): header, then attributes ---- */

/* common header: ver 1, primitive, payload words, conference 1,
 * transaction 2, user 7 */
#define HDR(prim, words) "20" prim words "00000001" "0002" "0007"
/* FloorRequest: FLOOR-ID 1 (type 2, M set) */
#define FLOOR_REQUEST HDR("01", "0001") "05040001"
/* FloorRequestStatus: FLOOR-REQUEST-INFORMATION (request 1) holding
 * OVERALL-REQUEST-STATUS (request 1) holding REQUEST-STATUS Granted */
#define FLOOR_REQUEST_STATUS HDR("04", "0003") "1f0c0001" "25080001" "0b040300"
/* Hello, no attributes; HelloAck with SUPPORTED-PRIMITIVES (1-4) and
 * SUPPORTED-ATTRIBUTES (1-5), each padded */
#define HELLO "200b0000" "00000001" "0003" "0007"
#define HELLO_ACK                                                             \
	"200c0004" "00000001" "0003" "0007" "170601020304" "0000"             \
	"1507020406080a" "00"
/* bfcp.pcapng: FloorRequestQuery and its FloorRequestStatus, each
 * announcing one payload word that the capture does not hold */
#define CUT_QUERY "200300010000000100020504"
#define CUT_STATUS "200400010000000100020504"
/* RFC 8855 over UDP: version 2, a FloorRequestStatus fragment (F set:
 * offset 0, one word of three) and the client's FloorRequestStatusAck
 * (R set) */
#define V2_STATUS_FRAGMENT                                                    \
	"48040003" "00000001" "0009" "0007" "00000001" "1f0c0001"
#define V2_STATUS_ACK "500e0000" "00000001" "0009" "0007"

/* ---- what is enough ---- */

START_TEST(test_bfcp_one_message_is_not_enough)
{
	struct pkt p = hex(FLOOR_REQUEST);

	ck_assert_int_eq(run(&p, 1, NULL), PROTO_MORE);
}
END_TEST

START_TEST(test_bfcp_two_messages_of_one_conference_are_yes)
{
	struct pkt p[2] = { hex(FLOOR_REQUEST), hex(HELLO) };
	struct proto_report rep;

	ck_assert_int_eq(run(p, 2, &rep), PROTO_YES);
	ck_assert_str_eq(rep.detail, "FloorRequest, Hello");
}
END_TEST

START_TEST(test_bfcp_two_messages_of_two_conferences_are_more)
{
	struct pkt p[2] = { hex(FLOOR_REQUEST), hex(HELLO) };

	p[1].b[7] = 2;
	ck_assert_int_eq(run(p, 2, NULL), PROTO_MORE);
}
END_TEST

START_TEST(test_bfcp_walked_request_and_a_reply_in_its_transaction_is_yes)
{
	struct pkt p[2] = { hex(FLOOR_REQUEST), rev(hex(CUT_STATUS)) };

	/* conference 1, transaction 2: the user ID need not match here */
	ck_assert_uint_ne(p[1].b[11], 7);
	ck_assert_int_eq(run(p, 2, NULL), PROTO_YES);
}
END_TEST

START_TEST(test_bfcp_reply_from_the_same_side_does_not_pair)
{
	struct pkt p[2] = { hex(FLOOR_REQUEST), hex(CUT_STATUS) };

	ck_assert_int_eq(run(p, 2, NULL), PROTO_MORE);
}
END_TEST

START_TEST(test_bfcp_cut_request_and_its_response_are_yes)
{
	struct pkt p[2] = { hex(CUT_QUERY), rev(hex(CUT_STATUS)) };
	struct proto_report rep;

	ck_assert_int_eq(run(p, 1, NULL), PROTO_MORE);
	ck_assert_int_eq(run(p, 2, &rep), PROTO_YES);
	ck_assert_str_eq(rep.detail, "FloorRequestQuery, FloorRequestStatus");
}
END_TEST

START_TEST(test_bfcp_cut_pair_must_share_every_id)
{
	/* conference, transaction, user */
	static const size_t octets[] = { 7, 9, 11 };
	struct pkt p[2] = { hex(CUT_QUERY), rev(hex(CUT_STATUS)) };

	p[1].b[octets[_i]] ^= 0x40;
	ck_assert_int_eq(run(p, 2, NULL), PROTO_MORE);
}
END_TEST

START_TEST(test_bfcp_cut_pair_needs_the_primitive_that_answers)
{
	struct pkt p[2] = { hex(CUT_QUERY), rev(hex(CUT_STATUS)) };

	p[1].b[1] = 6; /* UserStatus answers UserQuery only */
	ck_assert_int_eq(run(p, 2, NULL), PROTO_MORE);
}
END_TEST

START_TEST(test_bfcp_error_answers_any_request)
{
	struct pkt p[2] = { hex(CUT_QUERY), rev(hex(CUT_STATUS)) };

	p[1].b[1] = 13;
	ck_assert_int_eq(run(p, 2, NULL), PROTO_YES);
}
END_TEST

START_TEST(test_bfcp_transaction_zero_is_no_transaction)
{
	struct pkt p[2] = { hex(CUT_QUERY), rev(hex(CUT_STATUS)) };

	p[0].b[9] = 0;
	p[1].b[9] = 0;
	ck_assert_int_eq(run(p, 2, NULL), PROTO_MORE);
}
END_TEST

/* ---- the header ---- */

START_TEST(test_bfcp_trailing_bytes_are_no)
{
	struct pkt p = hex(FLOOR_REQUEST "00000000");

	ck_assert_int_eq(run(&p, 1, NULL), PROTO_NO);
}
END_TEST

START_TEST(test_bfcp_primitives_out_of_range_are_no)
{
	static const uint8_t prims[] = { 0, 18, 128, 255 };
	struct pkt p = hex(FLOOR_REQUEST);

	p.b[1] = prims[_i];
	ck_assert_int_eq(run(&p, 1, NULL), PROTO_NO);
}
END_TEST

START_TEST(test_bfcp_version_and_reserved_bits)
{
	static const struct {
		uint8_t b0;
		enum proto_verdict v;
	} cases[] = {
		{ 0x20, PROTO_MORE }, /* version 1 */
		{ 0x21, PROTO_NO },   /* RFC 4582 reserved bits */
		{ 0x30, PROTO_NO },
		{ 0x28, PROTO_NO },
		{ 0x40, PROTO_MORE }, /* version 2 */
		{ 0x50, PROTO_MORE }, /* version 2, R */
		{ 0x41, PROTO_NO },   /* RFC 8855 reserved bits */
		{ 0x60, PROTO_NO },   /* version 3 */
		{ 0x00, PROTO_NO },
	};
	struct pkt p = hex(FLOOR_REQUEST);

	p.b[0] = cases[_i].b0;
	ck_assert_int_eq(run(&p, 1, NULL), cases[_i].v);
}
END_TEST

START_TEST(test_bfcp_version_2_over_tcp_is_no)
{
	struct pkt p = tcp(hex(FLOOR_REQUEST));

	p.b[0] = 0x40;
	ck_assert_int_eq(run(&p, 1, NULL), PROTO_NO);
}
END_TEST

/* ---- attributes ---- */

START_TEST(test_bfcp_attributes_must_walk)
{
	static const char *const broken[] = {
		HDR("01", "0001") "05050001", /* FLOOR-ID is 4 long */
		HDR("01", "0001") "27040001", /* type 19 does not exist */
		HDR("01", "0001") "05010001", /* shorter than its header */
		HDR("01", "0001") "05080001", /* past the payload */
		HDR("01", "0001") "01040001", /* type 0 */
		HDR("04", "0003") "1f0c0001" "25080001" "0b050300", /* nested */
	};
	struct pkt p = hex(broken[_i]);

	ck_assert_int_eq(run(&p, 1, NULL), PROTO_NO);
}
END_TEST

START_TEST(test_bfcp_padded_and_grouped_attributes_walk)
{
	static const char *const good[] = { FLOOR_REQUEST_STATUS, HELLO_ACK };
	struct pkt p[2] = { hex(good[_i]), hex(HELLO) };

	ck_assert_int_eq(run(p, 1, NULL), PROTO_MORE);
	ck_assert_int_eq(run(p, 2, NULL), PROTO_YES);
}
END_TEST

/* ---- over TCP (RFC 8855 sec 6.2) ---- */

START_TEST(test_bfcp_tcp_messages_in_one_segment)
{
	struct pkt p = tcp(hex(FLOOR_REQUEST HELLO));

	ck_assert_int_eq(run(&p, 1, NULL), PROTO_YES);
}
END_TEST

START_TEST(test_bfcp_tcp_message_split_across_segments)
{
	struct pkt whole = tcp(hex(FLOOR_REQUEST_STATUS HELLO));
	struct pkt p[2] = { whole, whole };
	size_t cut = (size_t)_i + 1;

	p[0].len = cut;
	p[1].len = whole.len - cut;
	memmove(p[1].b, whole.b + cut, p[1].len);
	ck_assert_int_eq(run(p, 1, NULL), PROTO_MORE);
	ck_assert_int_eq(run(p, 2, NULL), PROTO_YES);
}
END_TEST

START_TEST(test_bfcp_tcp_cut_request_and_its_response_are_yes)
{
	/* bfcp.pcapng over TCP: each side sends its 12 octets, then FIN */
	struct pkt p[2] = { tcp(hex(CUT_QUERY)), rev(tcp(hex(CUT_STATUS))) };

	ck_assert_int_eq(run(p, 2, NULL), PROTO_YES);
}
END_TEST

START_TEST(test_bfcp_tcp_message_that_ends_badly_is_no)
{
	struct pkt p[2] = { tcp(hex(HDR("01", "0001"))), tcp(hex("05050001")) };

	ck_assert_int_eq(run(p, 2, NULL), PROTO_NO);
}
END_TEST

START_TEST(test_bfcp_tcp_garbage_is_no)
{
	struct pkt p = tcp(hex("474554202f20485454502f312e310d0a0d0a"));

	ck_assert_int_eq(run(&p, 1, NULL), PROTO_NO);
}
END_TEST

/* ---- over UDP, version 2 (RFC 8855 sec 5.1, 6.3) ---- */

START_TEST(test_bfcp_fragment_and_its_ack_are_yes)
{
	struct pkt p[2] = { hex(V2_STATUS_FRAGMENT), rev(hex(V2_STATUS_ACK)) };

	ck_assert_int_eq(run(p, 1, NULL), PROTO_MORE);
	ck_assert_int_eq(run(p, 2, NULL), PROTO_YES);
}
END_TEST

START_TEST(test_bfcp_fragment_beyond_the_message_is_no)
{
	struct pkt p = hex(V2_STATUS_FRAGMENT);

	p.b[13] = 3; /* offset 3 + one word > three words */
	ck_assert_int_eq(run(&p, 1, NULL), PROTO_NO);
}
END_TEST

/* ---- what tshark takes for BFCP ---- */

START_TEST(test_bfcp_openvpn_data_packets_are_no)
{
	/* openvpn.pcap: P_DATA_V1 that tshark's heuristic calls BFCP */
	static const char *const openvpn[] = {
		"3001bd3a059af60d81b40715f603d910e4ff275fd705ff7f20712da4e29fad91",
		"3010d751a16bd09105729496d869e5342e4d36f8c628511da31fc41c5f664a05",
	};
	struct pkt p = hex(openvpn[_i]);

	ck_assert_int_eq(run(&p, 1, NULL), PROTO_NO);
}
END_TEST

START_TEST(test_bfcp_openvpn_control_exchange_is_never_yes)
{
	/* P_CONTROL_V1 both ways, session IDs starting 0x05 and 0x01: each
	 * looks like a header of a longer message, but the two sides' IDs
	 * differ, and one side repeating itself proves nothing */
	struct pkt p[4] = {
		hex("20053a6964602fa00100000000334857703d96db3900000000160303007a02"),
		rev(hex("20013348577d3d96db390000000001d31c3a6964602fa0000000010016030301")),
		hex("20053a6964602fa00100000000334857703d96db3900000001160303007a03"),
		rev(hex("20013348577d3d96db390000000002d31c3a6964602fa0000000020016030301")),
	};

	ck_assert_int_ne(run(p, 4, NULL), PROTO_YES);
}
END_TEST

START_TEST(test_bfcp_runs_on_both_transports)
{
	ck_assert_uint_eq(R->transports, PROTO_TCP | PROTO_UDP);
	ck_assert(!R->provisional);
}
END_TEST

/* ---- damaged bytes ---- */

static const char *const goods[] = {
	FLOOR_REQUEST, FLOOR_REQUEST_STATUS, HELLO_ACK, V2_STATUS_FRAGMENT,
};

/* One message cut anywhere: alone it is never YES. */
START_TEST(test_bfcp_truncations_never_crash_or_say_yes)
{
	struct pkt p = hex(goods[_i]);

	for (size_t len = 0; len < p.len; len++) {
		struct pkt q = p;

		q.len = len;
		ck_assert_msg(run(&q, 1, NULL) != PROTO_YES, "len %zu", len);
		q.transport = PROTO_TCP;
		ck_assert_msg(run(&q, 1, NULL) != PROTO_YES, "len %zu", len);
	}
}
END_TEST

/* A reply cut anywhere: YES only once its whole header is there. */
START_TEST(test_bfcp_cut_reply_needs_its_whole_header)
{
	struct pkt whole = rev(hex(FLOOR_REQUEST_STATUS));

	for (size_t len = 0; len < whole.len; len++) {
		struct pkt p[2] = { hex(FLOOR_REQUEST), whole };
		enum proto_verdict v;

		p[1].len = len;
		v = run(p, 2, NULL);
		ck_assert_msg(len >= 12 || v != PROTO_YES, "len %zu", len);
	}
}
END_TEST

/* Every single-bit flip of a reply: no crash; one in the conference ID or
 * the version is never YES. */
START_TEST(test_bfcp_bit_flips_never_crash_or_fake_a_conversation)
{
	struct pkt reply = rev(hex(goods[_i]));

	for (size_t bit = 0; bit < reply.len * 8; bit++) {
		struct pkt p[2] = { hex(FLOOR_REQUEST), reply };
		size_t byte = bit / 8;
		bool vital = (byte == 0 && bit % 8 >= 5) ||
			     (byte >= 4 && byte < 8);
		enum proto_verdict v;

		p[1].b[byte] ^= (uint8_t)(1u << (bit % 8));
		v = run(p, 2, NULL);
		if (vital)
			ck_assert_msg(v != PROTO_YES, "bit %zu", bit);
		p[0].transport = p[1].transport = PROTO_TCP;
		(void)run(p, 2, NULL);
	}
}
END_TEST

START_TEST(test_bfcp_random_datagrams_never_say_yes)
{
	uint32_t x = 362436069u;

	for (unsigned flow = 0; flow < 3000; flow++) {
		struct pkt p[6];

		for (size_t i = 0; i < 6; i++) {
			p[i].len = 12 + (x % 64);
			p[i].fwd = (x >> 7) & 1;
			p[i].transport = PROTO_UDP;
			for (size_t k = 0; k < p[i].len; k++) {
				x ^= x << 13, x ^= x >> 17, x ^= x << 5;
				p[i].b[k] = (uint8_t)x;
			}
			p[i].b[0] = 0x20;
			p[i].b[1] = (uint8_t)(1 + p[i].b[1] % 17);
		}
		ck_assert_int_ne(run(p, 6, NULL), PROTO_YES);
	}
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("proto-bfcp");
	TCase *enough = tcase_create("evidence");
	TCase *hdr = tcase_create("header");
	TCase *attr = tcase_create("attributes");
	TCase *tcpc = tcase_create("tcp");
	TCase *udp = tcase_create("udp version 2");
	TCase *neg = tcase_create("look-alikes");
	TCase *bad = tcase_create("damaged bytes");
	int n_goods = (int)(sizeof goods / sizeof *goods);

	tcase_add_test(enough, test_bfcp_one_message_is_not_enough);
	tcase_add_test(enough, test_bfcp_two_messages_of_one_conference_are_yes);
	tcase_add_test(enough, test_bfcp_two_messages_of_two_conferences_are_more);
	tcase_add_test(enough,
		test_bfcp_walked_request_and_a_reply_in_its_transaction_is_yes);
	tcase_add_test(enough, test_bfcp_reply_from_the_same_side_does_not_pair);
	tcase_add_test(enough, test_bfcp_cut_request_and_its_response_are_yes);
	tcase_add_loop_test(enough, test_bfcp_cut_pair_must_share_every_id, 0,
			    3);
	tcase_add_test(enough,
		       test_bfcp_cut_pair_needs_the_primitive_that_answers);
	tcase_add_test(enough, test_bfcp_error_answers_any_request);
	tcase_add_test(enough, test_bfcp_transaction_zero_is_no_transaction);
	suite_add_tcase(s, enough);

	tcase_add_test(hdr, test_bfcp_trailing_bytes_are_no);
	tcase_add_loop_test(hdr, test_bfcp_primitives_out_of_range_are_no, 0,
			    4);
	tcase_add_loop_test(hdr, test_bfcp_version_and_reserved_bits, 0, 9);
	tcase_add_test(hdr, test_bfcp_version_2_over_tcp_is_no);
	suite_add_tcase(s, hdr);

	tcase_add_loop_test(attr, test_bfcp_attributes_must_walk, 0, 6);
	tcase_add_loop_test(attr, test_bfcp_padded_and_grouped_attributes_walk,
			    0, 2);
	suite_add_tcase(s, attr);

	tcase_add_test(tcpc, test_bfcp_tcp_messages_in_one_segment);
	tcase_add_loop_test(tcpc, test_bfcp_tcp_message_split_across_segments,
			    0, 35);
	tcase_add_test(tcpc, test_bfcp_tcp_cut_request_and_its_response_are_yes);
	tcase_add_test(tcpc, test_bfcp_tcp_message_that_ends_badly_is_no);
	tcase_add_test(tcpc, test_bfcp_tcp_garbage_is_no);
	suite_add_tcase(s, tcpc);

	tcase_add_test(udp, test_bfcp_fragment_and_its_ack_are_yes);
	tcase_add_test(udp, test_bfcp_fragment_beyond_the_message_is_no);
	suite_add_tcase(s, udp);

	tcase_add_loop_test(neg, test_bfcp_openvpn_data_packets_are_no, 0, 2);
	tcase_add_test(neg, test_bfcp_openvpn_control_exchange_is_never_yes);
	tcase_add_test(neg, test_bfcp_runs_on_both_transports);
	suite_add_tcase(s, neg);

	tcase_add_loop_test(bad, test_bfcp_truncations_never_crash_or_say_yes,
			    0, n_goods);
	tcase_add_test(bad, test_bfcp_cut_reply_needs_its_whole_header);
	tcase_add_loop_test(bad,
		test_bfcp_bit_flips_never_crash_or_fake_a_conversation, 0,
		n_goods);
	tcase_add_test(bad, test_bfcp_random_datagrams_never_say_yes);
	suite_add_tcase(s, bad);
	return s;
}
