/* \summary: unit tests of the RTCP recogniser (RFC 3550 sec 6, 3711, 5506) */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vcflow/proto.h"

#include "proto-session.h"

Suite *test_suite(void);

extern const struct recogniser proto_rtcp;
#define R (&proto_rtcp)

#define PKT_MAX 512

struct pkt {
	uint8_t b[PKT_MAX];
	size_t len;
	bool fwd;
};

static enum proto_verdict session_feed(struct proto_session *s, const struct pkt *k)
{
	struct proto_pkt p = { .transport = PROTO_UDP, .from_initiator = k->fwd };

	return feed_copy(R, s->state, p, k->b, k->len, &s->rep, NULL);
}

static enum proto_verdict run(const struct pkt *pkts, size_t n,
			      struct proto_report *rep);

/* The same datagram twice: one alone is never enough. */
static enum proto_verdict run_twice(const struct pkt *p,
				    struct proto_report *rep)
{
	struct pkt two[2] = { *p, *p };
	return run(two, 2, rep);
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

/* Bytes written as hex, the way a capture shows them. */
static struct pkt hex(const char *h)
{
	struct pkt p = { .fwd = true };

	for (; h[0] && h[1] && p.len < PKT_MAX; h += 2) {
		unsigned v;

		ck_assert(sscanf(h, "%2x", &v) == 1);
		p.b[p.len++] = (uint8_t)v;
	}
	return p;
}

static struct pkt cat(struct pkt a, const struct pkt *b)
{
	ck_assert_uint_le(a.len + b->len, PKT_MAX);
	memcpy(a.b + a.len, b->b, b->len);
	a.len += b->len;
	return a;
}

/* rtcp_multiple_pkts_in_the_same_datagram.pcap, frame 1: SR (one report
 * block), then SDES with CNAME and NOTE. */
#define SR_FREESWITCH                                                         \
	"81c8000c5d931534dd3ac1704d614df800007d00000000c800007d00"            \
	"000000000000000100000000000000000000000000000000"
#define SDES_FREESWITCH                                                       \
	"81ca000e5d931534010835643933313533340725467265655357495443482e"      \
	"6f7267202d2d20436f6d6520746f20436c7565436f6e2e636f6d000000"
/* frame 2 of the same: RR and SDES */
#define RR_SDES_FREESWITCH                                                    \
	"81c9000701932db400000000010000010000bec200000001000000000000"        \
	"000081ca000e01932db40107313933326462340725467265655357495443"        \
	"482e6f7267202d2d20436f6d6520746f20436c7565436f6e2e636f6d0000"        \
	"0000"
/* sip.pcap: SR without report blocks, SDES with CNAME and TOOL, BYE */
#define SR_SDES_BYE_SIPPS                                                     \
	"80c800063796cb7142c907ca5efac603000024c3000000090000060c81ca"        \
	"000b3796cb71011d31313839343239372d3434333261396638403139322e"        \
	"3136382e312e3206055349505053000081cb00063796cb711073657373696f"      \
	"6e2073687574646f776e000000"
/* stun.pcap: SRTCP XR (encrypted body), E flag + index 1 and 2, and an
 * 80-bit authentication tag */
#define SRTCP_XR_1                                                            \
	"80cf00048aa09df23c26e2627191282b4e53c96880000001b8313faad50eb2"      \
	"6b05a5"
#define SRTCP_XR_2                                                            \
	"80cf00048aa09df29a703fb37840d6ca74ce124c8000000206e9d76c8ac152"      \
	"337093"
/* RFC 4585 sec 6.3.1: picture loss indication, sender and media SSRC */
#define PSFB_PLI "81ce00025d9315340011aa22"
#define BYE_FREESWITCH "81cb00015d931534"

static struct pkt sr_sdes(void)
{
	return hex(SR_FREESWITCH SDES_FREESWITCH);
}

/* ---- one datagram is never enough ---- */

START_TEST(test_rtcp_sr_with_sdes_is_yes_once_a_second_datagram_follows)
{
	struct pkt p = sr_sdes();
	struct proto_report rep;

	ck_assert_int_eq(run(&p, 1, &rep), PROTO_MORE);
	ck_assert_int_eq(run_twice(&p, &rep), PROTO_YES);
	ck_assert_str_eq(rep.detail, "SR, SDES cname=5d931534");
}
END_TEST

START_TEST(test_rtcp_rr_with_sdes_is_yes_once_a_second_datagram_follows)
{
	struct pkt p = hex(RR_SDES_FREESWITCH);

	p.fwd = false;
	ck_assert_int_eq(run(&p, 1, NULL), PROTO_MORE);
	ck_assert_int_eq(run_twice(&p, NULL), PROTO_YES);
}
END_TEST

START_TEST(test_rtcp_report_lists_types_cname_and_tool)
{
	struct pkt p = hex(SR_SDES_BYE_SIPPS);
	struct proto_report rep;

	ck_assert_int_eq(run_twice(&p, &rep), PROTO_YES);
	ck_assert_str_eq(rep.detail,
			 "SR, SDES, BYE cname=11894297-4432a9f8@192.168.1.2");
	ck_assert_str_eq(rep.product, "SIPPS");
}
END_TEST

START_TEST(test_rtcp_compound_without_sdes_is_more)
{
	struct pkt bye = hex(BYE_FREESWITCH);
	struct pkt p = cat(hex(SR_FREESWITCH), &bye);

	ck_assert_int_eq(run(&p, 1, NULL), PROTO_MORE);
}
END_TEST

/* ---- when two are needed ---- */

START_TEST(test_rtcp_lone_sr_is_more)
{
	struct pkt p = hex(SR_FREESWITCH);

	ck_assert_int_eq(run(&p, 1, NULL), PROTO_MORE);
}
END_TEST

START_TEST(test_rtcp_two_datagrams_from_one_sender_are_yes)
{
	struct pkt p[2] = { hex(SR_FREESWITCH), hex(SR_FREESWITCH) };
	struct proto_report rep;

	ck_assert_int_eq(run(p, 2, &rep), PROTO_YES);
	ck_assert_str_eq(rep.detail, "SR");
}
END_TEST

START_TEST(test_rtcp_two_datagrams_from_two_senders_are_more)
{
	struct pkt p[2] = { hex(SR_FREESWITCH), hex(SR_FREESWITCH) };

	p[1].b[7] ^= 1; /* another SSRC */
	ck_assert_int_eq(run(p, 2, NULL), PROTO_MORE);
}
END_TEST

START_TEST(test_rtcp_one_sender_ssrc_is_counted_per_direction)
{
	struct pkt p[2] = { hex(SR_FREESWITCH), hex(SR_FREESWITCH) };

	p[1].fwd = false;
	ck_assert_int_eq(run(p, 2, NULL), PROTO_MORE);
}
END_TEST

START_TEST(test_rtcp_reduced_size_feedback_may_lead)
{
	struct pkt p[2] = { hex(PSFB_PLI), hex(PSFB_PLI) };
	struct proto_report rep;

	ck_assert_int_eq(run(p, 1, NULL), PROTO_MORE);
	ck_assert_int_eq(run(p, 2, &rep), PROTO_YES);
	ck_assert_str_eq(rep.detail, "PSFB");
}
END_TEST

START_TEST(test_rtcp_encrypted_srtcp_needs_two_datagrams)
{
	struct pkt p[2] = { hex(SRTCP_XR_1), hex(SRTCP_XR_2) };

	ck_assert_int_eq(run(p, 1, NULL), PROTO_MORE);
	ck_assert_int_eq(run(p, 2, NULL), PROTO_YES);
}
END_TEST

/* ---- SRTCP trailers, RFC 3711 sec 3.4 ---- */

START_TEST(test_rtcp_srtcp_trailer_with_any_tag_length_is_allowed)
{
	static const char *const trailers[] = {
		"00000001" "0102030405060708090a", /* 80-bit tag */
		"00000001" "01020304",		     /* 32-bit tag */
		"00000001" "0102030405060708090a0b0c0d0e0f10", /* RFC 7714 */
	};
	struct pkt t = hex(trailers[_i]);
	struct pkt p = cat(sr_sdes(), &t);

	ck_assert_int_eq(run_twice(&p, NULL), PROTO_YES);
}
END_TEST

START_TEST(test_rtcp_other_trailer_lengths_are_no)
{
	struct pkt t = hex("0000000101020304050607");
	struct pkt p = cat(sr_sdes(), &t);

	ck_assert_int_eq(run(&p, 1, NULL), PROTO_NO);
}
END_TEST

/* ---- structure ---- */

START_TEST(test_rtcp_lengths_must_walk_exactly)
{
	struct pkt p = sr_sdes();

	p.len += 1;
	ck_assert_int_eq(run(&p, 1, NULL), PROTO_NO);
	p.len -= 5;
	ck_assert_int_eq(run(&p, 1, NULL), PROTO_NO);
}
END_TEST

START_TEST(test_rtcp_sdes_first_is_no)
{
	struct pkt p = hex(SDES_FREESWITCH);

	ck_assert_int_eq(run(&p, 1, NULL), PROTO_NO);
}
END_TEST

START_TEST(test_rtcp_report_count_must_fit_the_length)
{
	struct pkt p = sr_sdes();

	p.b[0] = 0x82; /* two report blocks claimed, room for one */
	ck_assert_int_eq(run(&p, 1, NULL), PROTO_NO);
}
END_TEST

START_TEST(test_rtcp_sdes_item_overrun_is_no)
{
	struct pkt p = sr_sdes();

	p.b[52 + 9] = 0x40; /* CNAME length beyond the packet */
	ck_assert_int_eq(run(&p, 1, NULL), PROTO_NO);
}
END_TEST

START_TEST(test_rtcp_sdes_padding_must_be_null)
{
	struct pkt p = sr_sdes();

	p.b[p.len - 1] = 0x01;
	ck_assert_int_eq(run(&p, 1, NULL), PROTO_NO);
}
END_TEST

START_TEST(test_rtcp_padding_only_on_the_last_packet)
{
	struct pkt p = sr_sdes();

	p.b[0] |= 0x20;
	ck_assert_int_eq(run(&p, 1, NULL), PROTO_NO);
}
END_TEST

START_TEST(test_rtcp_unknown_packet_types_are_no)
{
	static const uint8_t types[] = { 192, 199, 214, 223, 255 };
	struct pkt p = sr_sdes();

	p.b[1] = types[_i];
	ck_assert_int_eq(run(&p, 1, NULL), PROTO_NO);
}
END_TEST

START_TEST(test_rtcp_version_3_is_no)
{
	struct pkt p = sr_sdes();

	p.b[0] = 0xc1;
	ck_assert_int_eq(run(&p, 1, NULL), PROTO_NO);
}
END_TEST

START_TEST(test_rtcp_rtp_packet_is_no)
{
	struct pkt p = hex("80000001000000a03796cb71d5d5d5d5");

	ck_assert_int_eq(run(&p, 1, NULL), PROTO_NO);
}
END_TEST

START_TEST(test_rtcp_stun_and_dtls_on_the_port_are_skipped)
{
	struct pkt p[3] = {
		hex("000100002112a44278695678526a334b33747656"),
		hex("17fefd000100000000000600041557b1ac"),
		sr_sdes(),
	};
	struct pkt q[4] = { p[0], p[1], p[2], p[2] };

	ck_assert_int_eq(run(q, 3, NULL), PROTO_MORE);
	ck_assert_int_eq(run(q, 4, NULL), PROTO_YES);
}
END_TEST

START_TEST(test_rtcp_is_udp_only)
{
	ck_assert_uint_eq(R->transports, PROTO_UDP);
	ck_assert(!R->provisional);
}
END_TEST

/* ---- damaged bytes ---- */

/* Is `len` where one of the packets of compound `p` ends, after the
 * second?  Such a prefix is itself a whole compound. */
static bool compound_boundary(const struct pkt *p, size_t len)
{
	size_t at = 0;

	for (unsigned n = 1; at + 4 <= p->len; n++) {
		at += ((size_t)(p->b[at + 2] << 8 | p->b[at + 3]) + 1) * 4;
		if (at == len && n >= 2)
			return true;
	}
	return false;
}

/* Every prefix: no crash, and no YES but for a prefix that is itself a
 * whole compound. */
START_TEST(test_rtcp_truncations_never_crash_or_say_yes)
{
	static const char *const goods[] = {
		SR_FREESWITCH SDES_FREESWITCH,
		SR_SDES_BYE_SIPPS,
		RR_SDES_FREESWITCH,
		SRTCP_XR_1,
	};
	struct pkt p = hex(goods[_i]);

	for (size_t len = 0; len < p.len; len++) {
		struct pkt q = p;

		q.len = len;
		if (run(&q, 1, NULL) == PROTO_YES)
			ck_assert_msg(compound_boundary(&p, len), "len %zu",
				      len);
	}
}
END_TEST

/* Every single-bit flip: no crash; a YES still names SR or RR first; a
 * flipped version or length field is never YES. */
START_TEST(test_rtcp_bit_flips_never_crash_or_fake_a_compound)
{
	static const size_t length_octets[] = { 2, 3, 54, 55 };
	struct pkt p = sr_sdes();

	for (size_t bit = 0; bit < p.len * 8; bit++) {
		struct pkt q = p;
		size_t byte = bit / 8;
		struct proto_report rep;
		enum proto_verdict v;
		bool vital = byte == 0 && bit % 8 >= 6;

		for (size_t i = 0; i < 4; i++)
			vital |= byte == length_octets[i];
		vital |= byte == 52 && bit % 8 >= 6;
		q.b[byte] ^= (uint8_t)(1u << (bit % 8));
		v = run(&q, 1, &rep);
		if (vital)
			ck_assert_msg(v != PROTO_YES, "bit %zu", bit);
		if (v == PROTO_YES)
			ck_assert_msg(!strncmp(rep.detail, "SR", 2) ||
					      !strncmp(rep.detail, "RR", 2),
				      "bit %zu: %s", bit, rep.detail);
	}
}
END_TEST

START_TEST(test_rtcp_random_datagrams_never_say_yes)
{
	uint32_t x = 88172645u;

	for (unsigned flow = 0; flow < 2000; flow++) {
		struct pkt p[6];

		for (size_t i = 0; i < 6; i++) {
			p[i].len = 8 + (x % 120);
			p[i].fwd = true;
			for (size_t k = 0; k < p[i].len; k++) {
				x ^= x << 13, x ^= x >> 17, x ^= x << 5;
				p[i].b[k] = (uint8_t)x;
			}
			p[i].b[0] = (uint8_t)(0x80 | (p[i].b[0] & 0x1f));
			p[i].b[1] = (uint8_t)(200 + p[i].b[1] % 8);
		}
		ck_assert_int_ne(run(p, 6, NULL), PROTO_YES);
	}
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("proto-rtcp");
	TCase *one = tcase_create("one datagram");
	TCase *two = tcase_create("two datagrams");
	TCase *srtcp = tcase_create("srtcp");
	TCase *walk = tcase_create("structure");
	TCase *bad = tcase_create("damaged bytes");

	tcase_add_test(one, test_rtcp_sr_with_sdes_is_yes_once_a_second_datagram_follows);
	tcase_add_test(one, test_rtcp_rr_with_sdes_is_yes_once_a_second_datagram_follows);
	tcase_add_test(one, test_rtcp_report_lists_types_cname_and_tool);
	tcase_add_test(one, test_rtcp_compound_without_sdes_is_more);
	suite_add_tcase(s, one);

	tcase_add_test(two, test_rtcp_lone_sr_is_more);
	tcase_add_test(two, test_rtcp_two_datagrams_from_one_sender_are_yes);
	tcase_add_test(two, test_rtcp_two_datagrams_from_two_senders_are_more);
	tcase_add_test(two, test_rtcp_one_sender_ssrc_is_counted_per_direction);
	tcase_add_test(two, test_rtcp_reduced_size_feedback_may_lead);
	tcase_add_test(two, test_rtcp_encrypted_srtcp_needs_two_datagrams);
	suite_add_tcase(s, two);

	tcase_add_loop_test(srtcp,
		test_rtcp_srtcp_trailer_with_any_tag_length_is_allowed, 0, 3);
	tcase_add_test(srtcp, test_rtcp_other_trailer_lengths_are_no);
	suite_add_tcase(s, srtcp);

	tcase_add_test(walk, test_rtcp_lengths_must_walk_exactly);
	tcase_add_test(walk, test_rtcp_sdes_first_is_no);
	tcase_add_test(walk, test_rtcp_report_count_must_fit_the_length);
	tcase_add_test(walk, test_rtcp_sdes_item_overrun_is_no);
	tcase_add_test(walk, test_rtcp_sdes_padding_must_be_null);
	tcase_add_test(walk, test_rtcp_padding_only_on_the_last_packet);
	tcase_add_loop_test(walk, test_rtcp_unknown_packet_types_are_no, 0, 5);
	tcase_add_test(walk, test_rtcp_version_3_is_no);
	tcase_add_test(walk, test_rtcp_rtp_packet_is_no);
	tcase_add_test(walk, test_rtcp_stun_and_dtls_on_the_port_are_skipped);
	tcase_add_test(walk, test_rtcp_is_udp_only);
	suite_add_tcase(s, walk);

	tcase_add_loop_test(bad, test_rtcp_truncations_never_crash_or_say_yes,
			    0, 4);
	tcase_add_test(bad, test_rtcp_bit_flips_never_crash_or_fake_a_compound);
	tcase_add_test(bad, test_rtcp_random_datagrams_never_say_yes);
	suite_add_tcase(s, bad);
	return s;
}
