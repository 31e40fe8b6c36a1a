/* \summary: unit tests of the recogniser of Zoom's media framing (the
 * layout observed in Princeton-Cabernet/zoom-analysis, wireshark/zoom.lua
 * and src/lib/zoom.cc; see src/proto/zoom.c) */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vcflow/proto.h"

#include "proto-session.h"

Suite *test_suite(void);

extern const struct recogniser proto_zoom;
extern const struct recogniser proto_rtp;
#define R (&proto_zoom)

#define PKT_MAX 1100
#define SSRC_A 0x01000401u
#define PT_AUDIO 112
#define PT_VIDEO 98
#define CLIENT_PORT 51000
#define ZOOM_PORT 8801
#define PAYLOAD_LEN 40

/* Capture times: a packet's `us` is added to this instant. */
#define T0_US 1700000000000000ull
#define MS 1000u

struct pkt {
	uint8_t b[PKT_MAX];
	size_t len;
	bool fwd; /* from the client, the initiator */
	uint64_t us;
};

/* The client 51000 talks to Zoom's 8801. */
static enum proto_verdict session_feed_len(struct proto_session *s,
					   const struct pkt *k, size_t len)
{
	struct proto_pkt p = { .transport = PROTO_UDP,
			       .from_initiator = k->fwd,
			       .sport = k->fwd ? CLIENT_PORT : ZOOM_PORT,
			       .dport = k->fwd ? ZOOM_PORT : CLIENT_PORT,
			       .ts_us = k->us };

	return feed_copy(R, s->state, p, k->b, len, &s->rep, NULL);
}

static enum proto_verdict session_feed(struct proto_session *s, const struct pkt *k)
{
	return session_feed_len(s, k, k->len);
}

/* Feeds packets until an answer; returns it, the report in `rep`, and in
 * `used` how many packets it took. */
static enum proto_verdict run(const struct pkt *pkts, size_t n,
			      struct proto_report *rep, size_t *used)
{
	struct proto_session s;
	enum proto_verdict v = PROTO_MORE;
	size_t i;

	proto_session_start(&s, R);
	for (i = 0; i < n && v == PROTO_MORE; i++)
		v = session_feed(&s, &pkts[i]);
	if (rep)
		*rep = s.rep;
	if (used)
		*used = i;
	proto_session_end(&s, R);
	return v;
}

static void put16(uint8_t *b, uint16_t v)
{
	b[0] = (uint8_t)(v >> 8);
	b[1] = (uint8_t)v;
}

static void put32(uint8_t *b, uint32_t v)
{
	put16(b, (uint16_t)(v >> 16));
	put16(b + 2, (uint16_t)v);
}

/* RFC 3550 sec 5.1: V=2, no padding, extension or CSRC, then a payload
 * of PAYLOAD_LEN octets.  Returns the octets written. */
static size_t put_rtp(uint8_t *b, uint8_t pt, uint16_t seq, uint32_t ts,
		      uint32_t ssrc)
{
	b[0] = 0x80;
	b[1] = pt;
	put16(b + 2, seq);
	put32(b + 4, ts);
	put32(b + 8, ssrc);
	memset(b + 12, 0xa5, PAYLOAD_LEN);
	return 12 + PAYLOAD_LEN;
}

/* The outer header: 0x05, a sequence number at 1-2, the direction at 7
 * (0x00 from the client towards Zoom, 0x04 from Zoom). */
static size_t put_sfu(uint8_t *b, bool fwd, uint16_t seq)
{
	memset(b, 0, 8);
	b[0] = 0x05;
	put16(b + 1, seq);
	b[7] = fwd ? 0x00 : 0x04;
	return 8;
}

/* The inner header's fields before the RTP header, of `len` octets: the
 * media type at 0, a sequence number at 9-10 and a timestamp at 11-14;
 * the other octets filled with 0x11. */
static void put_inner(uint8_t *b, uint8_t type, size_t len, uint16_t seq)
{
	memset(b, 0x11, len);
	b[0] = type;
	put16(b + 9, seq);
	put32(b + 11, 0x5e5e0000u + seq);
}

/* Server audio: outer header, inner type 15, RTP at inner 19 (octet 27 of
 * the datagram). */
static struct pkt sfu_audio(bool fwd, uint16_t seq, uint32_t ssrc)
{
	struct pkt p = { .fwd = fwd, .us = T0_US + (uint64_t)seq * 20 * MS };
	size_t o = put_sfu(p.b, fwd, seq);

	put_inner(p.b + o, 15, 19, seq);
	p.len = o + 19 + put_rtp(p.b + o + 19, PT_AUDIO, seq, 960u * seq, ssrc);
	return p;
}

/* Server video: inner type 16; octet 20 of the inner header 0x02, a frame
 * number at 21-22 and a packet count at 23, RTP at inner 24 (octet 32). */
static struct pkt sfu_video_framed(uint16_t seq, uint32_t ssrc)
{
	struct pkt p = { .fwd = true, .us = T0_US + (uint64_t)seq * 10 * MS };
	size_t o = put_sfu(p.b, true, seq);

	put_inner(p.b + o, 16, 24, seq);
	p.b[o + 20] = 0x02;
	put16(p.b + o + 21, (uint16_t)(seq / 3));
	p.b[o + 23] = 3;
	p.len = o + 24 + put_rtp(p.b + o + 24, PT_VIDEO, seq, 3000u * seq, ssrc);
	return p;
}

/* Server video whose octet 20 is not 0x02: RTP at inner 20 (octet 28). */
static struct pkt sfu_video_plain(uint16_t seq, uint32_t ssrc)
{
	struct pkt p = { .fwd = true, .us = T0_US + (uint64_t)seq * 10 * MS };
	size_t o = put_sfu(p.b, true, seq);

	put_inner(p.b + o, 16, 20, seq);
	p.len = o + 20 + put_rtp(p.b + o + 20, PT_VIDEO, seq, 3000u * seq, ssrc);
	return p;
}

/* Screen share through a server: inner type 13, octet 7 0x1e, RTP at
 * inner 27 (octet 35). */
static struct pkt sfu_screen(uint16_t seq, uint32_t ssrc)
{
	struct pkt p = { .fwd = true, .us = T0_US + (uint64_t)seq * 10 * MS };
	size_t o = put_sfu(p.b, true, seq);

	put_inner(p.b + o, 13, 27, seq);
	p.b[o + 7] = 0x1e;
	p.len = o + 27 + put_rtp(p.b + o + 27, PT_VIDEO, seq, 3000u * seq, ssrc);
	return p;
}

/* Peer-to-peer audio: the inner header alone, RTP at octet 19. */
static struct pkt p2p_audio(uint16_t seq, uint32_t ssrc)
{
	struct pkt p = { .fwd = true, .us = T0_US + (uint64_t)seq * 20 * MS };

	put_inner(p.b, 15, 19, seq);
	p.len = 19 + put_rtp(p.b + 19, PT_AUDIO, seq, 960u * seq, ssrc);
	return p;
}

/* RTCP through a server: inner type 33, at inner 16 (octet 24) a sender
 * report without report blocks: V=2 RC=0, PT 200, length 6 (7 words, 28
 * octets), the sender's SSRC, NTP and RTP time, packet and octet counts. */
static struct pkt sfu_rtcp(uint16_t n, uint32_t ssrc)
{
	struct pkt p = { .fwd = true, .us = T0_US + (uint64_t)n * 1000 * MS };
	size_t o = put_sfu(p.b, true, n);
	uint8_t *r = p.b + o + 16;

	put_inner(p.b + o, 33, 16, n);
	r[0] = 0x80;
	r[1] = 200;
	put16(r + 2, 6);
	put32(r + 4, ssrc);
	put32(r + 8, 0xe8000000u + n);	/* NTP seconds */
	put32(r + 12, 0);		/* NTP fraction */
	put32(r + 16, 48000u * n);	/* RTP time */
	put32(r + 20, 50u * n);		/* packets */
	put32(r + 24, 50u * 52u * n);	/* octets */
	p.len = o + 16 + 28;
	return p;
}

/* Plain RTP (RFC 3550) on the wire, 20 ms of 8 kHz audio each. */
static struct pkt plain_rtp(uint16_t seq, uint32_t ssrc)
{
	struct pkt p = { .fwd = true, .us = T0_US + (uint64_t)seq * 20 * MS };

	p.len = put_rtp(p.b, 0, seq, 160u * seq, ssrc);
	return p;
}

/* ---- media through Zoom's servers ---- */

START_TEST(test_zoom_server_audio_is_media_with_product_zoom)
{
	struct pkt p[4];
	struct proto_report rep;
	size_t used;

	for (uint16_t i = 0; i < 4; i++)
		p[i] = sfu_audio(true, (uint16_t)(100 + i), SSRC_A);
	/* octet 27 is the RTP header: 0x80, PT 112 (0x70), sequence 100 */
	ck_assert_uint_eq(p[0].b[27], 0x80);
	ck_assert_uint_eq(p[0].b[28], 0x70);
	ck_assert_uint_eq(p[0].b[30], 100);
	ck_assert_int_eq(run(p, 4, &rep, &used), PROTO_YES);
	ck_assert_uint_eq(used, 4);
	ck_assert_int_eq(rep.app, APP_RTP);
	ck_assert_str_eq(rep.product, "Zoom");
	ck_assert_str_eq(rep.detail, "Zoom audio PT 112 SSRC 0x01000401");
}
END_TEST

START_TEST(test_zoom_audio_from_zoom_is_media)
{
	struct pkt p[4];
	struct proto_report rep;

	for (uint16_t i = 0; i < 4; i++)
		p[i] = sfu_audio(false, (uint16_t)(7 + i), SSRC_A);
	ck_assert_uint_eq(p[0].b[7], 0x04);
	ck_assert_int_eq(run(p, 4, &rep, NULL), PROTO_YES);
	ck_assert_str_eq(rep.detail, "Zoom audio PT 112 SSRC 0x01000401");
}
END_TEST

START_TEST(test_zoom_server_video_with_the_frame_octet_has_rtp_at_24)
{
	struct pkt p[4];
	struct proto_report rep;

	for (uint16_t i = 0; i < 4; i++)
		p[i] = sfu_video_framed((uint16_t)(500 + i), 0x0badcafeu);
	/* octet 8 + 20 is 0x02; the RTP header at 8 + 24 */
	ck_assert_uint_eq(p[0].b[28], 0x02);
	ck_assert_uint_eq(p[0].b[32], 0x80);
	ck_assert_uint_eq(p[0].b[33], PT_VIDEO);
	ck_assert_int_eq(run(p, 4, &rep, NULL), PROTO_YES);
	ck_assert_int_eq(rep.app, APP_RTP);
	ck_assert_str_eq(rep.product, "Zoom");
	ck_assert_str_eq(rep.detail, "Zoom video PT 98 SSRC 0x0badcafe");
}
END_TEST

START_TEST(test_zoom_server_video_without_the_frame_octet_has_rtp_at_20)
{
	struct pkt p[4];
	struct proto_report rep;

	for (uint16_t i = 0; i < 4; i++)
		p[i] = sfu_video_plain((uint16_t)(500 + i), 0x0badcafeu);
	ck_assert_uint_eq(p[0].b[28], 0x80);
	ck_assert_int_eq(run(p, 4, &rep, NULL), PROTO_YES);
	ck_assert_str_eq(rep.detail, "Zoom video PT 98 SSRC 0x0badcafe");
}
END_TEST

START_TEST(test_zoom_server_screen_share_has_rtp_at_27)
{
	struct pkt p[4];
	struct proto_report rep;

	for (uint16_t i = 0; i < 4; i++)
		p[i] = sfu_screen((uint16_t)(40 + i), 0x00c0ffeeu);
	ck_assert_uint_eq(p[0].b[15], 0x1e);
	ck_assert_uint_eq(p[0].b[35], 0x80);
	ck_assert_int_eq(run(p, 4, &rep, NULL), PROTO_YES);
	ck_assert_str_eq(rep.detail, "Zoom screen share PT 98 SSRC 0x00c0ffee");
}
END_TEST

/* ---- peer to peer ---- */

START_TEST(test_zoom_p2p_audio_without_the_outer_header_is_media)
{
	struct pkt p[4];
	struct proto_report rep;

	for (uint16_t i = 0; i < 4; i++)
		p[i] = p2p_audio((uint16_t)(65534 + i), SSRC_A); /* wraps */
	ck_assert_uint_eq(p[0].b[0], 15);
	ck_assert_uint_eq(p[0].b[19], 0x80);
	ck_assert_int_eq(run(p, 4, &rep, NULL), PROTO_YES);
	ck_assert_int_eq(rep.app, APP_RTP);
	ck_assert_str_eq(rep.product, "Zoom");
	ck_assert_str_eq(rep.detail, "Zoom P2P audio PT 112 SSRC 0x01000401");
}
END_TEST

/* ---- RTCP ---- */

START_TEST(test_zoom_rtcp_inside_is_rtcp)
{
	struct pkt p[4];
	struct proto_report rep;

	for (uint16_t i = 0; i < 4; i++)
		p[i] = sfu_rtcp((uint16_t)(1 + i), SSRC_A);
	/* octet 8 is type 33; octet 24 the SR: 0x80, 200, length 6 */
	ck_assert_uint_eq(p[0].b[8], 33);
	ck_assert_uint_eq(p[0].b[24], 0x80);
	ck_assert_uint_eq(p[0].b[25], 200);
	ck_assert_uint_eq(p[0].len, 8 + 16 + 28);
	ck_assert_int_eq(run(p, 4, &rep, NULL), PROTO_YES);
	ck_assert_int_eq(rep.app, APP_RTCP);
	ck_assert_str_eq(rep.product, "Zoom");
	ck_assert_str_eq(rep.detail, "Zoom RTCP SR SSRC 0x01000401");
}
END_TEST

START_TEST(test_zoom_rtcp_length_past_the_datagram_does_not_count)
{
	struct pkt p[4];

	for (uint16_t i = 0; i < 4; i++) {
		p[i] = sfu_rtcp((uint16_t)(1 + i), SSRC_A);
		put16(p[i].b + 26, 7); /* 32 octets stated, 28 there */
	}
	ck_assert_int_ne(run(p, 4, NULL, NULL), PROTO_YES);
}
END_TEST

/* ---- what a run is ---- */

START_TEST(test_zoom_a_lone_packet_is_not_yet_a_yes)
{
	struct pkt p[3];
	struct proto_session s;

	for (uint16_t i = 0; i < 3; i++)
		p[i] = sfu_audio(true, (uint16_t)(100 + i), SSRC_A);
	proto_session_start(&s, R);
	ck_assert_int_eq(session_feed(&s, &p[0]), PROTO_MORE);
	ck_assert_int_eq(session_feed(&s, &p[1]), PROTO_MORE);
	ck_assert_int_eq(session_feed(&s, &p[2]), PROTO_MORE);
	proto_session_end(&s, R);
}
END_TEST

/* Two directions of two packets each are not a run of one direction. */
START_TEST(test_zoom_run_is_of_one_direction)
{
	struct pkt p[4] = {
		sfu_audio(true, 100, SSRC_A), sfu_audio(false, 101, SSRC_A),
		sfu_audio(true, 101, SSRC_A), sfu_audio(false, 102, SSRC_A),
	};

	ck_assert_int_eq(run(p, 4, NULL, NULL), PROTO_MORE);
}
END_TEST

START_TEST(test_zoom_sequence_must_advance)
{
	struct pkt p[8];

	for (uint16_t i = 0; i < 8; i++) /* leaps of 1000 */
		p[i] = sfu_audio(true, (uint16_t)(1000u * i), SSRC_A);
	ck_assert_int_ne(run(p, 8, NULL, NULL), PROTO_YES);
	for (uint16_t i = 0; i < 8; i++) /* the same packet again */
		p[i] = sfu_audio(true, 100, SSRC_A);
	ck_assert_int_ne(run(p, 8, NULL, NULL), PROTO_YES);
}
END_TEST

START_TEST(test_zoom_one_ssrc_makes_a_run)
{
	struct pkt p[8];

	for (uint16_t i = 0; i < 8; i++) /* a new source each time */
		p[i] = sfu_audio(true, (uint16_t)(100 + i), 0x1000u + i);
	ck_assert_int_ne(run(p, 8, NULL, NULL), PROTO_YES);
}
END_TEST

START_TEST(test_zoom_direction_octet_must_agree_with_the_port)
{
	struct pkt p[4];
	size_t used;

	for (uint16_t i = 0; i < 4; i++) {
		p[i] = sfu_audio(true, (uint16_t)(100 + i), SSRC_A);
		p[i].b[7] = 0x04; /* "from Zoom" on a packet to 8801 */
	}
	ck_assert_int_eq(run(p, 4, NULL, &used), PROTO_NO);
	ck_assert_uint_eq(used, 3);
}
END_TEST

/* ---- what is not Zoom ---- */

static uint32_t xorshift(uint32_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 17;
	*x ^= *x << 5;
	return *x;
}

/* The byte 0x05 then random bytes, 60 to 1000 of them, both ways. */
START_TEST(test_zoom_random_bytes_after_0x05_are_no_within_a_few_packets)
{
	struct pkt p[6];
	uint32_t x = 0x200cu + (uint32_t)_i * 7919u;
	size_t used;

	for (size_t k = 0; k < 6; k++) {
		p[k] = (struct pkt){ .fwd = k % 2 == 0,
				     .us = T0_US + k * 40 * MS };
		p[k].len = 60 + xorshift(&x) % 941;
		for (size_t j = 0; j < p[k].len; j++)
			p[k].b[j] = (uint8_t)xorshift(&x);
		p[k].b[0] = 0x05;
	}
	ck_assert_int_eq(run(p, 6, NULL, &used), PROTO_NO);
	ck_assert_uint_le(used, 6);
}
END_TEST

START_TEST(test_zoom_plain_rtp_is_not_zoom_but_rtp)
{
	struct pkt p[16];
	struct proto_session s;
	enum proto_verdict v = PROTO_MORE;

	for (uint16_t i = 0; i < 16; i++)
		p[i] = plain_rtp((uint16_t)(100 + i), SSRC_A);
	ck_assert_int_ne(run(p, 16, NULL, NULL), PROTO_YES);
	/* the RTP recogniser keeps it */
	s.state = state_new(&proto_rtp);
	for (size_t i = 0; i < 16 && v == PROTO_MORE; i++) {
		struct proto_pkt pp = { .transport = PROTO_UDP,
					.from_initiator = true,
					.ts_us = p[i].us };

		v = feed_copy(&proto_rtp, s.state, pp, p[i].b, p[i].len, &s.rep,
			      NULL);
	}
	state_free(&proto_rtp, s.state);
	ck_assert_int_eq(v, PROTO_YES);
}
END_TEST

START_TEST(test_zoom_is_udp_only)
{
	ck_assert_uint_eq(R->transports, PROTO_UDP);
	ck_assert(!R->provisional);
	ck_assert_uint_le(R->state_size, 128);
}
END_TEST

/* ---- damaged bytes ---- */

/* Each sample, and the octet count from which its header is whole. */
static struct pkt sample(int i, size_t *whole)
{
	switch (i) {
	case 0:
		*whole = 8 + 19 + 12;
		return sfu_audio(true, 103, SSRC_A);
	case 1:
		*whole = 8 + 24 + 12;
		return sfu_video_framed(503, SSRC_A);
	case 2:
		*whole = 19 + 12;
		return p2p_audio(103, SSRC_A);
	default:
		*whole = 8 + 16 + 28;
		return sfu_rtcp(4, SSRC_A);
	}
}

static struct pkt sample_at(int i, uint16_t back)
{
	switch (i) {
	case 0:
		return sfu_audio(true, (uint16_t)(103 - back), SSRC_A);
	case 1:
		return sfu_video_framed((uint16_t)(503 - back), SSRC_A);
	case 2:
		return p2p_audio((uint16_t)(103 - back), SSRC_A);
	default:
		return sfu_rtcp((uint16_t)(4 - back), SSRC_A);
	}
}

/* The fourth packet of a run cut to every length (from an exact-size copy,
 * so a read past its end is caught): no YES unless its header is whole. */
START_TEST(test_zoom_truncations_never_read_past_the_end)
{
	size_t whole;
	struct pkt last = sample(_i, &whole);
	struct pkt first[3];

	for (uint16_t k = 0; k < 3; k++)
		first[k] = sample_at(_i, (uint16_t)(3 - k));
	for (size_t len = 0; len <= last.len; len++) {
		struct proto_session s;
		enum proto_verdict v;

		proto_session_start(&s, R);
		for (size_t k = 0; k < 3; k++)
			ck_assert_int_eq(session_feed(&s, &first[k]), PROTO_MORE);
		v = session_feed_len(&s, &last, len);
		if (len < whole)
			ck_assert_int_ne(v, PROTO_YES);
		else
			ck_assert_int_eq(v, PROTO_YES);
		proto_session_end(&s, R);

		/* and alone, as a flow's first packet */
		proto_session_start(&s, R);
		ck_assert_int_ne(session_feed_len(&s, &last, len), PROTO_YES);
		proto_session_end(&s, R);
	}
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("proto-zoom");
	TCase *srv = tcase_create("server");
	TCase *p2p = tcase_create("p2p");
	TCase *rtcp = tcase_create("rtcp");
	TCase *runs = tcase_create("run");
	TCase *not = tcase_create("not-zoom");
	TCase *bad = tcase_create("damaged");

	tcase_add_test(srv, test_zoom_server_audio_is_media_with_product_zoom);
	tcase_add_test(srv, test_zoom_audio_from_zoom_is_media);
	tcase_add_test(srv,
		       test_zoom_server_video_with_the_frame_octet_has_rtp_at_24);
	tcase_add_test(
		srv, test_zoom_server_video_without_the_frame_octet_has_rtp_at_20);
	tcase_add_test(srv, test_zoom_server_screen_share_has_rtp_at_27);
	suite_add_tcase(s, srv);

	tcase_add_test(p2p,
		       test_zoom_p2p_audio_without_the_outer_header_is_media);
	suite_add_tcase(s, p2p);

	tcase_add_test(rtcp, test_zoom_rtcp_inside_is_rtcp);
	tcase_add_test(rtcp,
		       test_zoom_rtcp_length_past_the_datagram_does_not_count);
	suite_add_tcase(s, rtcp);

	tcase_add_test(runs, test_zoom_a_lone_packet_is_not_yet_a_yes);
	tcase_add_test(runs, test_zoom_run_is_of_one_direction);
	tcase_add_test(runs, test_zoom_sequence_must_advance);
	tcase_add_test(runs, test_zoom_one_ssrc_makes_a_run);
	tcase_add_test(runs, test_zoom_direction_octet_must_agree_with_the_port);
	suite_add_tcase(s, runs);

	tcase_add_loop_test(
		not, test_zoom_random_bytes_after_0x05_are_no_within_a_few_packets,
		0, 64);
	tcase_add_test(not, test_zoom_plain_rtp_is_not_zoom_but_rtp);
	tcase_add_test(not, test_zoom_is_udp_only);
	suite_add_tcase(s, not);

	tcase_add_loop_test(bad, test_zoom_truncations_never_read_past_the_end,
			    0, 4);
	suite_add_tcase(s, bad);
	return s;
}
