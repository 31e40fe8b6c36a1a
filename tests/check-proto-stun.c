/* \summary: unit tests of the STUN recogniser (RFC 5389, 3489, 5766, 4571) */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vcflow/proto.h"

#include "proto-session.h"

Suite *test_suite(void);

extern const struct recogniser proto_stun;
#define R (&proto_stun)

#define PKT_MAX 640
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
};

static void on_announce(void *ctx, const struct proto_pkt *from,
			const struct proto_announce *a)
{
	struct session *s = ctx;

	ck_assert_ptr_nonnull(from);
	if (s->n_ann < ANN_MAX) {
		s->ann[s->n_ann] = *a;
		addr_str(&a->addr, s->ann_addr[s->n_ann], ADDR_STRLEN);
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
		.transport = k->transport ? k->transport : PROTO_UDP,
		.from_initiator = k->fwd,
	};
	struct proto_sink sink = { .announce = on_announce, .ctx = s };

	return feed_copy(R, s->state, p, k->b, k->len, &s->rep, &sink);
}

static enum proto_verdict run_session(struct session *s, const struct pkt *pkts,
				      size_t n)
{
	enum proto_verdict v = PROTO_MORE;

	for (size_t i = 0; i < n && v == PROTO_MORE; i++)
		v = session_feed(s, &pkts[i]);
	return v;
}

static enum proto_verdict run(const struct pkt *pkts, size_t n,
			      struct proto_report *rep)
{
	struct session s;
	enum proto_verdict v;

	session_start(&s);
	v = run_session(&s, pkts, n);
	if (rep)
		*rep = s.rep;
	session_end(&s);
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

static struct pkt tcp(struct pkt p)
{
	p.transport = PROTO_TCP;
	return p;
}

/* ---- messages, modelled on stun.pcap ---- */

/* Binding Request, no attributes (Google) */
#define BINDING_REQUEST "000100002112a44253486b6846386f6477677956"
/* its Binding Success Response with XOR-MAPPED-ADDRESS 93.47.225.225:23616 */
#define BINDING_SUCCESS                                                       \
	"0101000c2112a44253486b6846386f64776779560020000800017d527c3d45a3"
/* Allocate Success Response: XOR-RELAYED-ADDRESS 10.2.0.86:44908,
 * LIFETIME, XOR-MAPPED-ADDRESS, MESSAGE-INTEGRITY */
#define ALLOCATE_SUCCESS                                                      \
	"010300382112a442494343786141736b5a4a54740016000800018e7e2b10a414"    \
	"000d0004000000780020000800017d527c3d45a30008001477cf2e9849f6a529"    \
	"bef11df87598fc35db94339e"
/* CreatePermission Success Response with SOFTWARE (coturn) */
#define CREATE_PERMISSION_SUCCESS                                             \
	"010800402112a442625131504c2f564d386268528022001a436f7475726e2d34"    \
	"2e352e302e35202764616e204569646572270d960008001466aee6db5a9d223b"    \
	"586686b4de116694c4de3f8a80280004ea41ac9b"
/* ICE Binding Request: USERNAME of 21 octets padded to 24, vendor
 * attributes, PRIORITY, MESSAGE-INTEGRITY, FINGERPRINT */
#define ICE_BINDING_REQUEST                                                   \
	"0001005c2112a44278695678526a334b33747656000600155655416b36417937"    \
	"6876754c6e4c474f3a74794775000000c05700040003000a802a00089b59111c"    \
	"c59a03ac00250000002400046e7f1eff00080014d2b367692ce2ae11f988fb1d"    \
	"d4c9b31f6abf0d20802800043178bf3e"
/* ChannelBind Success Response, then ChannelData on channel 0x4001 */
#define CHANNEL_BIND_SUCCESS                                                  \
	"010900202112a4424b646662645a3261665a386c0008001445b03978a21e9b7f"    \
	"e18b0443587f8dd2e1549d58802800049a711341"
#define CHANNEL_DATA                                                          \
	"4001003081ca0006000007d30a913aecc5fbcac8d0aef604bef80b1b0dfc369e"    \
	"e379bbec8ee96d75fa0e2a2c0b3ecc1a80000001"
/* Send Indication with XOR-PEER-ADDRESS and DATA */
#define SEND_INDICATION                                                       \
	"001600742112a4427a66435744622f7a424732430012000800018cb998b82f43"    \
	"00130064000100502112a442475365334b756d334e684950000600096b537479"    \
	"3a58704a73000000c05700040003000a802a0008f4d3bd50aee2dde700250000"    \
	"002400046e7f23ff00080014481f76730401d4c44eb86a455b8910d84d04b792"    \
	"8028000401477a4d"
/* Binding Success Response with an IPv6 XOR-MAPPED-ADDRESS
 * [2001:b07:a3d:c112:48a1:1094:1227:281e]:48094 and OTHER-ADDRESS */
#define BINDING_SUCCESS_V6                                                    \
	"010100682112a442377136702b4b4a37425343300020001400029acc0113af45"    \
	"3d4cf76263ea5aa350746b2e000100140002bbde20010b070a3dc11248a11094"    \
	"1227281e802b001400020d962600190041605999000000190000000080" "2c00"    \
	"14000200502600190041605999000000190000000080280004ce61014c"
/* over TCP with RFC 4571 framing (ICE-TCP): a Binding Request */
#define ICE_TCP_BINDING_REQUEST                                               \
	"0068000100542112a442f3439453b698fb2950bb06ed000600092f7049303a54"    \
	"6f4564000000002400046e6bfcff80290008000000000004c2d1805400013200"    \
	"0000807000040000000300080014fe92876ad46d7b797d42eb8d79a805faf31d"    \
	"72d1802800040200fc47"
/* over TCP, plain: two CreatePermission Requests in one segment */
#define TWO_CREATE_PERMISSION_REQUESTS                                        \
	"0008007c2112a442707245496a6b556c62625349001200080001b6795e12a443"    \
	"0006002c313634333632393532373a524f554c4f4d333030312b74373879494b"    \
	"69796664453341564e37616b737458770014000d617070732d686f73742e636f"    \
	"6d000000001500106362636463636366373335336137313000080014812f5b3f"    \
	"4f3da93071081f2a810ae65ff81c3ca90008007c2112a44275592f5643343765"    \
	"53584267001200080001632124b0264c0006002c313634333632393532373a52"    \
	"4f554c4f4d333030312b74373879494b69796664453341564e37616b73745877"    \
	"0014000d617070732d686f73742e636f6d000000001500106362636463636366"    \
	"3733353361373130000800144c8f28876dc7dc7d37a70f35efc536924366e691"

/* RFC 3489 sec 11.1: classic Binding Request with CHANGE-REQUEST, and a
 * Binding Response with MAPPED-ADDRESS 192.0.2.1:3478; 128-bit IDs */
#define CLASSIC_TID "0f1e2d3c4b5a69788796a5b4c3d2e1f0"
#define CLASSIC_REQUEST "00010008" CLASSIC_TID "0003000400000000"
#define CLASSIC_RESPONSE "0101000c" CLASSIC_TID "0001000800010d96c0000201"

/* ---- one message with the cookie ---- */

START_TEST(test_stun_binding_request_is_yes)
{
	struct pkt p = hex(BINDING_REQUEST);
	struct proto_report rep;

	ck_assert_int_eq(run(&p, 1, &rep), PROTO_YES);
	ck_assert_str_eq(rep.detail, "Binding Request");
}
END_TEST

static const struct {
	const char *bytes, *detail;
} named[] = {
	{ BINDING_SUCCESS, "Binding Success Response" },
	{ ALLOCATE_SUCCESS, "Allocate Success Response" },
	{ CREATE_PERMISSION_SUCCESS, "CreatePermission Success Response" },
	{ ICE_BINDING_REQUEST, "Binding Request" },
	{ CHANNEL_BIND_SUCCESS, "ChannelBind Success Response" },
	{ SEND_INDICATION, "Send Indication" },
	{ BINDING_SUCCESS_V6, "Binding Success Response" },
};

START_TEST(test_stun_detail_names_method_and_class)
{
	struct pkt p = hex(named[_i].bytes);
	struct proto_report rep;

	ck_assert_int_eq(run(&p, 1, &rep), PROTO_YES);
	ck_assert_str_eq(rep.detail, named[_i].detail);
}
END_TEST

START_TEST(test_stun_software_is_the_product)
{
	struct pkt p = hex(CREATE_PERMISSION_SUCCESS);
	struct proto_report rep;

	ck_assert_int_eq(run(&p, 1, &rep), PROTO_YES);
	ck_assert_str_eq(rep.product, "Coturn-4.5.0.5 'dan Eider'");
}
END_TEST

START_TEST(test_stun_allocate_success_announces_the_relay)
{
	struct pkt p = hex(ALLOCATE_SUCCESS);
	struct session s;

	session_start(&s);
	ck_assert_int_eq(run_session(&s, &p, 1), PROTO_YES);
	ck_assert_uint_eq(s.n_ann, 2);
	ck_assert_str_eq(s.ann[0].what, "TURN relay");
	ck_assert_str_eq(s.ann_addr[0], "10.2.0.86");
	ck_assert_uint_eq(s.ann[0].port, 44908);
	ck_assert_int_eq(s.ann[0].app, APP_STUN);
	ck_assert_uint_eq(s.ann[0].transport, PROTO_UDP);
	ck_assert_str_eq(s.ann_addr[1], "93.47.225.225");
	ck_assert_uint_eq(s.ann[1].port, 23616);
	session_end(&s);
}
END_TEST

START_TEST(test_stun_ipv6_mapped_address_is_unxored_with_the_tid)
{
	struct pkt p = hex(BINDING_SUCCESS_V6);
	struct session s;

	session_start(&s);
	ck_assert_int_eq(run_session(&s, &p, 1), PROTO_YES);
	ck_assert_uint_eq(s.n_ann, 1);
	ck_assert_str_eq(s.ann_addr[0], "2001:b07:a3d:c112:48a1:1094:1227:281e");
	ck_assert_uint_eq(s.ann[0].port, 48094);
	session_end(&s);
}
END_TEST

START_TEST(test_stun_requests_announce_nothing)
{
	struct pkt p = hex(SEND_INDICATION);
	struct session s;

	session_start(&s);
	ck_assert_int_eq(run_session(&s, &p, 1), PROTO_YES);
	ck_assert_uint_eq(s.n_ann, 0);
	session_end(&s);
}
END_TEST

/* ---- the header ---- */

START_TEST(test_stun_length_must_match_the_datagram)
{
	struct pkt p = hex(BINDING_REQUEST "00000000");

	ck_assert_int_eq(run(&p, 1, NULL), PROTO_NO);
	p = hex("000100042112a44253486b6846386f6477677956");
	ck_assert_int_eq(run(&p, 1, NULL), PROTO_NO);
}
END_TEST

START_TEST(test_stun_length_must_be_a_multiple_of_four)
{
	struct pkt p = hex("000100062112a44253486b6846386f6477677956"
			   "800300020102");

	ck_assert_int_eq(run(&p, 1, NULL), PROTO_NO);
}
END_TEST

START_TEST(test_stun_first_two_bits_set_is_no)
{
	struct pkt p = hex(BINDING_REQUEST);

	p.b[0] = 0xc0;
	ck_assert_int_eq(run(&p, 1, NULL), PROTO_NO);
}
END_TEST

START_TEST(test_stun_unknown_methods_are_no)
{
	/* 0x005 is unassigned; 0x00d and on are not STUN or TURN methods */
	static const uint16_t types[] = { 0x0005, 0x000d, 0x0020, 0x03ef };
	struct pkt p = hex(BINDING_REQUEST);

	p.b[0] = (uint8_t)(types[_i] >> 8);
	p.b[1] = (uint8_t)types[_i];
	ck_assert_int_eq(run(&p, 1, NULL), PROTO_NO);
}
END_TEST

START_TEST(test_stun_class_must_suit_the_method)
{
	static const struct {
		uint16_t type;
		enum proto_verdict v;
	} cases[] = {
		{ 0x0011, PROTO_YES }, /* Binding Indication */
		{ 0x0006, PROTO_NO },  /* "Send Request" */
		{ 0x0116, PROTO_NO },  /* "Send Error Response" */
		{ 0x0013, PROTO_NO },  /* "Allocate Indication" */
		{ 0x0002, PROTO_NO },  /* Shared Secret: RFC 3489 only */
	};
	struct pkt p = hex(BINDING_REQUEST);

	p.b[0] = (uint8_t)(cases[_i].type >> 8);
	p.b[1] = (uint8_t)cases[_i].type;
	ck_assert_int_eq(run(&p, 1, NULL), cases[_i].v);
}
END_TEST

/* ---- attributes ---- */

START_TEST(test_stun_attributes_must_walk_exactly)
{
	struct pkt p = hex(ICE_BINDING_REQUEST);

	p.b[23] = 0x59; /* USERNAME 89 long: padded to 92, past the end */
	ck_assert_int_eq(run(&p, 1, NULL), PROTO_NO);
}
END_TEST

START_TEST(test_stun_reserved_attribute_type_is_no)
{
	struct pkt p = hex("000100082112a44253486b6846386f6477677956"
			   "0000000400000000");

	ck_assert_int_eq(run(&p, 1, NULL), PROTO_NO);
}
END_TEST

START_TEST(test_stun_fingerprint_must_be_last)
{
	struct pkt good = hex("0001000c2112a44253486b6846386f6477677956"
			      "80280004" "01020304" "80220000");

	ck_assert_int_eq(run(&good, 1, NULL), PROTO_NO);
	good = hex("0001000c2112a44253486b6846386f6477677956"
		   "80220000" "80280004" "01020304");
	ck_assert_int_eq(run(&good, 1, NULL), PROTO_YES);
}
END_TEST

/* ---- classic STUN (RFC 3489) ---- */

START_TEST(test_stun_classic_needs_request_and_response_with_one_tid)
{
	struct pkt p[2] = { hex(CLASSIC_REQUEST), hex(CLASSIC_RESPONSE) };
	struct proto_report rep;

	p[1].fwd = false;
	ck_assert_int_eq(run(p, 1, NULL), PROTO_MORE);
	ck_assert_int_eq(run(p, 2, &rep), PROTO_YES);
	ck_assert_str_eq(rep.detail, "Binding Request");
}
END_TEST

START_TEST(test_stun_classic_answer_from_the_same_side_is_more)
{
	struct pkt p[2] = { hex(CLASSIC_REQUEST), hex(CLASSIC_RESPONSE) };

	ck_assert_int_eq(run(p, 2, NULL), PROTO_MORE);
}
END_TEST

START_TEST(test_stun_classic_answer_to_another_tid_is_more)
{
	struct pkt p[2] = { hex(CLASSIC_REQUEST), hex(CLASSIC_RESPONSE) };

	p[1].fwd = false;
	p[1].b[19] ^= 0x01;
	ck_assert_int_eq(run(p, 2, NULL), PROTO_MORE);
}
END_TEST

START_TEST(test_stun_classic_allows_only_binding_and_shared_secret)
{
	struct pkt p = hex("00030000" CLASSIC_TID);

	ck_assert_int_eq(run(&p, 1, NULL), PROTO_NO);
	p = hex("00020000" CLASSIC_TID);
	ck_assert_int_eq(run(&p, 1, NULL), PROTO_MORE);
}
END_TEST

START_TEST(test_stun_classic_attributes_must_be_rfc3489_ones)
{
	struct pkt p = hex("00010008" CLASSIC_TID "0020000400000000");

	ck_assert_int_eq(run(&p, 1, NULL), PROTO_NO);
}
END_TEST

/* ---- TURN ChannelData, RFC 5766 sec 11 ---- */

START_TEST(test_stun_channel_data_alone_does_not_count)
{
	struct pkt p = hex(CHANNEL_DATA);

	ck_assert_int_eq(run(&p, 1, NULL), PROTO_MORE);
}
END_TEST

START_TEST(test_stun_channel_data_length_must_fit)
{
	struct pkt p = hex(CHANNEL_DATA);

	p.b[3] = 0x31; /* one more octet than there is */
	ck_assert_int_eq(run(&p, 1, NULL), PROTO_NO);
	p.b[3] = 0x28; /* eight fewer: more than padding */
	ck_assert_int_eq(run(&p, 1, NULL), PROTO_NO);
}
END_TEST

START_TEST(test_stun_channel_data_waits_for_a_stun_message)
{
	struct pkt p[2] = { hex(CHANNEL_DATA), hex(CHANNEL_BIND_SUCCESS) };
	struct proto_report rep;

	ck_assert_int_eq(run(p, 2, &rep), PROTO_YES);
	ck_assert_str_eq(rep.detail, "ChannelBind Success Response");
}
END_TEST

/* ---- sharing the port, RFC 7983 ---- */

START_TEST(test_stun_dtls_and_rtp_on_the_port_are_skipped)
{
	struct pkt p[3] = {
		hex("16feff000000000000000000010001"),	     /* DTLS */
		hex("906f6a9033dff671d3f9fd82bede0002224e26e9"), /* SRTP */
		hex(BINDING_REQUEST),
	};

	ck_assert_int_eq(run(p, 2, NULL), PROTO_MORE);
	ck_assert_int_eq(run(p, 3, NULL), PROTO_YES);
}
END_TEST

START_TEST(test_stun_text_is_no)
{
	struct pkt p = hex("474554202f20485454502f312e310d0a0d0a");

	ck_assert_int_eq(run(&p, 1, NULL), PROTO_NO);
	p = tcp(p);
	ck_assert_int_eq(run(&p, 1, NULL), PROTO_NO);
}
END_TEST

/* ---- over TCP ---- */

START_TEST(test_stun_tcp_rfc4571_framing_is_read)
{
	struct pkt p = tcp(hex(ICE_TCP_BINDING_REQUEST));
	struct proto_report rep;

	ck_assert_int_eq(run(&p, 1, &rep), PROTO_YES);
	ck_assert_str_eq(rep.detail, "Binding Request");
}
END_TEST

START_TEST(test_stun_tcp_two_messages_in_one_segment)
{
	struct pkt p = tcp(hex(TWO_CREATE_PERMISSION_REQUESTS));
	struct proto_report rep;

	ck_assert_int_eq(run(&p, 1, &rep), PROTO_YES);
	ck_assert_str_eq(rep.detail, "CreatePermission Request");
}
END_TEST

START_TEST(test_stun_tcp_message_split_across_segments)
{
	struct pkt whole = tcp(hex(CREATE_PERMISSION_SUCCESS));
	struct pkt p[2] = { whole, whole };
	size_t cut = (size_t)_i + 1;

	p[0].len = cut;
	p[1].len = whole.len - cut;
	memmove(p[1].b, whole.b + cut, p[1].len);
	ck_assert_int_eq(run(p, 1, NULL), PROTO_MORE);
	ck_assert_int_eq(run(p, 2, NULL), PROTO_YES);
}
END_TEST

START_TEST(test_stun_tcp_classic_is_no)
{
	struct pkt p = tcp(hex(CLASSIC_REQUEST));

	ck_assert_int_eq(run(&p, 1, NULL), PROTO_NO);
}
END_TEST

START_TEST(test_stun_tcp_message_larger_than_the_buffer_is_no)
{
	struct pkt p = tcp(hex("0001fffc2112a44253486b6846386f6477677956"));

	ck_assert_int_eq(run(&p, 1, NULL), PROTO_NO);
}
END_TEST

START_TEST(test_stun_tcp_framing_is_settled_by_a_stun_message)
{
	/* RFC 4571 framing around RTP, with no STUN first */
	struct pkt p = tcp(hex("0014906f6a9033dff671d3f9fd82bede0002224e26e9"));

	ck_assert_int_eq(run(&p, 1, NULL), PROTO_NO);
}
END_TEST

START_TEST(test_stun_is_provisional_on_both_transports)
{
	ck_assert(R->provisional);
	ck_assert_uint_eq(R->transports, PROTO_TCP | PROTO_UDP);
}
END_TEST

/* ---- damaged bytes ---- */

static const char *const goods[] = {
	BINDING_REQUEST,    ALLOCATE_SUCCESS, ICE_BINDING_REQUEST,
	CHANNEL_BIND_SUCCESS, BINDING_SUCCESS_V6, CLASSIC_REQUEST,
};

START_TEST(test_stun_udp_truncations_never_crash_or_say_yes)
{
	struct pkt p = hex(goods[_i]);

	for (size_t len = 0; len < p.len; len++) {
		struct pkt q = p;

		q.len = len;
		ck_assert_msg(run(&q, 1, NULL) != PROTO_YES, "len %zu", len);
	}
}
END_TEST

START_TEST(test_stun_tcp_truncations_wait_and_never_say_yes)
{
	struct pkt p = tcp(hex(goods[_i]));

	for (size_t len = 0; len < p.len; len++) {
		struct pkt q = p;

		q.len = len;
		ck_assert_msg(run(&q, 1, NULL) != PROTO_YES, "len %zu", len);
	}
}
END_TEST

/* Every single-bit flip: no crash; the cookie, the length and the first
 * two bits are never flipped into a YES. */
START_TEST(test_stun_bit_flips_never_crash_or_pass_the_fixed_fields)
{
	struct pkt p = hex(goods[_i]);

	for (size_t bit = 0; bit < p.len * 8; bit++) {
		struct pkt q = p;
		size_t byte = bit / 8;
		bool vital = (byte == 0 && bit % 8 >= 6) || byte == 2 ||
			     byte == 3 || (byte >= 4 && byte < 8);
		enum proto_verdict v;

		q.b[byte] ^= (uint8_t)(1u << (bit % 8));
		v = run(&q, 1, NULL);
		if (vital)
			ck_assert_msg(v != PROTO_YES, "bit %zu", bit);
		q.transport = PROTO_TCP;
		(void)run(&q, 1, NULL);
	}
}
END_TEST

START_TEST(test_stun_random_bytes_with_the_cookie_never_say_yes)
{
	uint32_t x = 123456789u;

	for (unsigned n = 0; n < 5000; n++) {
		struct pkt p = hex(BINDING_REQUEST);
		size_t attrs = 4 * (1 + x % 16);

		p.b[2] = 0;
		p.b[3] = (uint8_t)attrs;
		for (size_t k = 20; k < 20 + attrs; k++) {
			x ^= x << 13, x ^= x >> 17, x ^= x << 5;
			p.b[k] = (uint8_t)x;
		}
		p.len = 20 + attrs;
		/* a random attribute walks only when its length lands on
		 * the end: check the answer agrees with a walk done here */
		{
			size_t at = 20;
			bool walks = true;

			while (at < p.len && walks) {
				size_t l = (size_t)(p.b[at + 2] << 8 | p.b[at + 3]);
				unsigned t = (unsigned)(p.b[at] << 8 | p.b[at + 1]);

				walks = at + 4 <= p.len && t != 0 &&
					at + 4 + ((l + 3) & ~(size_t)3) <= p.len;
				at += 4 + ((l + 3) & ~(size_t)3);
			}
			if (run(&p, 1, NULL) == PROTO_YES)
				ck_assert(walks && at == p.len);
		}
	}
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("proto-stun");
	TCase *msg = tcase_create("message");
	TCase *hdr = tcase_create("header");
	TCase *attr = tcase_create("attributes");
	TCase *classic = tcase_create("classic");
	TCase *turn = tcase_create("channel data");
	TCase *tcpc = tcase_create("tcp");
	TCase *bad = tcase_create("damaged bytes");
	int n_named = (int)(sizeof named / sizeof *named);
	int n_goods = (int)(sizeof goods / sizeof *goods);

	tcase_add_test(msg, test_stun_binding_request_is_yes);
	tcase_add_loop_test(msg, test_stun_detail_names_method_and_class, 0,
			    n_named);
	tcase_add_test(msg, test_stun_software_is_the_product);
	tcase_add_test(msg, test_stun_allocate_success_announces_the_relay);
	tcase_add_test(msg,
		       test_stun_ipv6_mapped_address_is_unxored_with_the_tid);
	tcase_add_test(msg, test_stun_requests_announce_nothing);
	suite_add_tcase(s, msg);

	tcase_add_test(hdr, test_stun_length_must_match_the_datagram);
	tcase_add_test(hdr, test_stun_length_must_be_a_multiple_of_four);
	tcase_add_test(hdr, test_stun_first_two_bits_set_is_no);
	tcase_add_loop_test(hdr, test_stun_unknown_methods_are_no, 0, 4);
	tcase_add_loop_test(hdr, test_stun_class_must_suit_the_method, 0, 5);
	tcase_add_test(hdr, test_stun_dtls_and_rtp_on_the_port_are_skipped);
	tcase_add_test(hdr, test_stun_text_is_no);
	suite_add_tcase(s, hdr);

	tcase_add_test(attr, test_stun_attributes_must_walk_exactly);
	tcase_add_test(attr, test_stun_reserved_attribute_type_is_no);
	tcase_add_test(attr, test_stun_fingerprint_must_be_last);
	suite_add_tcase(s, attr);

	tcase_add_test(classic,
		       test_stun_classic_needs_request_and_response_with_one_tid);
	tcase_add_test(classic,
		       test_stun_classic_answer_from_the_same_side_is_more);
	tcase_add_test(classic, test_stun_classic_answer_to_another_tid_is_more);
	tcase_add_test(classic,
		       test_stun_classic_allows_only_binding_and_shared_secret);
	tcase_add_test(classic,
		       test_stun_classic_attributes_must_be_rfc3489_ones);
	suite_add_tcase(s, classic);

	tcase_add_test(turn, test_stun_channel_data_alone_does_not_count);
	tcase_add_test(turn, test_stun_channel_data_length_must_fit);
	tcase_add_test(turn, test_stun_channel_data_waits_for_a_stun_message);
	suite_add_tcase(s, turn);

	tcase_add_test(tcpc, test_stun_tcp_rfc4571_framing_is_read);
	tcase_add_test(tcpc, test_stun_tcp_two_messages_in_one_segment);
	tcase_add_loop_test(tcpc, test_stun_tcp_message_split_across_segments,
			    0, 40);
	tcase_add_test(tcpc, test_stun_tcp_classic_is_no);
	tcase_add_test(tcpc, test_stun_tcp_message_larger_than_the_buffer_is_no);
	tcase_add_test(tcpc, test_stun_tcp_framing_is_settled_by_a_stun_message);
	tcase_add_test(tcpc, test_stun_is_provisional_on_both_transports);
	suite_add_tcase(s, tcpc);

	tcase_add_loop_test(bad, test_stun_udp_truncations_never_crash_or_say_yes,
			    0, n_goods);
	tcase_add_loop_test(bad,
			    test_stun_tcp_truncations_wait_and_never_say_yes, 0,
			    n_goods);
	tcase_add_loop_test(
		bad, test_stun_bit_flips_never_crash_or_pass_the_fixed_fields,
		0, n_goods);
	tcase_add_test(bad, test_stun_random_bytes_with_the_cookie_never_say_yes);
	suite_add_tcase(s, bad);
	return s;
}
