/* \summary: unit tests of the RTP recogniser (RFC 3550, 3551, 5761, 7983) */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vcflow/proto.h"

#include "proto-session.h"

Suite *test_suite(void);

extern const struct recogniser proto_rtp;
#define R (&proto_rtp)

#define PKT_MAX 256
#define SSRC_A 0x3796cb71u
#define SSRC_B 0x1e063b22u
#define PT_PCMU 0
#define PT_PCMA 8
#define PT_CN 13
#define PT_EVENT 101
#define PT_H263 34

/* ---- a flow fed to one recogniser, packet by packet ---- */

struct pkt {
	uint8_t b[PKT_MAX];
	size_t len;
	bool fwd;
};

struct session {
	void *state;
	struct proto_report rep;
};

static void session_start(struct session *s)
{
	memset(s, 0, sizeof *s);
	s->state = state_new(R);
}

static void session_end(struct session *s)
{
	state_free(R, s->state);
}

static enum proto_verdict session_feed(struct session *s, const uint8_t *data,
				       size_t len, bool fwd)
{
	struct proto_pkt p = { .transport = PROTO_UDP, .from_initiator = fwd };

	return feed_copy(R, s->state, p, data, len, &s->rep, NULL);
}

/* Feeds packets until an answer, as the classifier does; returns it and
 * leaves the report in `rep` when given. */
static enum proto_verdict run(const struct pkt *pkts, size_t n,
			      struct proto_report *rep)
{
	struct session s;
	enum proto_verdict v = PROTO_MORE;

	session_start(&s);
	for (size_t i = 0; i < n && v == PROTO_MORE; i++)
		v = session_feed(&s, pkts[i].b, pkts[i].len, pkts[i].fwd);
	if (rep)
		*rep = s.rep;
	session_end(&s);
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

/* RFC 3550 sec 5.1: V=2, no padding, extension or CSRC. */
static struct pkt rtp(uint8_t pt, uint16_t seq, uint32_t ts, uint32_t ssrc)
{
	struct pkt p = { .fwd = true };

	p.b[0] = 0x80;
	p.b[1] = pt;
	put16(p.b + 2, seq);
	put32(p.b + 4, ts);
	put32(p.b + 8, ssrc);
	memset(p.b + 12, 0xd5, 160); /* 20 ms of PCMU silence */
	p.len = 12 + 160;
	return p;
}

/* A run of n packets, 20 ms of 8 kHz audio apart. */
static void audio_run(struct pkt *out, size_t n, uint8_t pt, uint32_t ssrc)
{
	for (size_t i = 0; i < n; i++)
		out[i] = rtp(pt, (uint16_t)(1000 + i), 160000u + 160u * i, ssrc);
}

static struct pkt raw(const uint8_t *b, size_t len, bool fwd)
{
	struct pkt p = { .len = len, .fwd = fwd };

	memcpy(p.b, b, len);
	return p;
}

/* ---- a run of packets ---- */

START_TEST(test_rtp_needs_three_packets_with_one_ssrc)
{
	struct pkt p[3];
	struct session s;

	audio_run(p, 3, PT_PCMU, SSRC_A);
	session_start(&s);
	ck_assert_int_eq(session_feed(&s, p[0].b, p[0].len, true), PROTO_MORE);
	ck_assert_int_eq(session_feed(&s, p[1].b, p[1].len, true), PROTO_MORE);
	ck_assert_int_eq(session_feed(&s, p[2].b, p[2].len, true), PROTO_YES);
	session_end(&s);
}
END_TEST

START_TEST(test_rtp_different_ssrcs_do_not_add_up)
{
	struct pkt p[3];

	audio_run(p, 3, PT_PCMU, SSRC_A);
	put32(p[1].b + 8, SSRC_B);
	put32(p[2].b + 8, SSRC_B + 1);
	ck_assert_int_eq(run(p, 3, NULL), PROTO_MORE);
}
END_TEST

START_TEST(test_rtp_runs_are_counted_per_direction)
{
	struct pkt p[3];

	audio_run(p, 3, PT_PCMU, SSRC_A);
	p[1].fwd = false;
	ck_assert_int_eq(run(p, 3, NULL), PROTO_MORE);
}
END_TEST

START_TEST(test_rtp_interleaved_sources_each_make_a_run)
{
	struct pkt a[3], b[3], p[6];

	audio_run(a, 3, PT_PCMU, SSRC_A);
	audio_run(b, 3, PT_PCMA, SSRC_B);
	for (size_t i = 0; i < 3; i++) {
		p[2 * i] = a[i];
		p[2 * i + 1] = b[i];
		p[2 * i + 1].fwd = false;
	}
	ck_assert_int_eq(run(p, 5, NULL), PROTO_YES);
}
END_TEST

START_TEST(test_rtp_duplicates_do_not_count)
{
	struct pkt p[3];

	audio_run(p, 1, PT_PCMU, SSRC_A);
	p[1] = p[0];
	p[2] = p[0];
	ck_assert_int_eq(run(p, 3, NULL), PROTO_MORE);
}
END_TEST

START_TEST(test_rtp_gives_up_when_nothing_forms_a_run)
{
	struct pkt p[16];
	size_t n = sizeof p / sizeof *p;

	for (size_t i = 0; i < n; i++)
		p[i] = rtp(PT_PCMU, (uint16_t)(i * 7919), 0, SSRC_A + (uint32_t)i);
	ck_assert_int_eq(run(p, n, NULL), PROTO_NO);
}
END_TEST

/* ---- payload types ---- */

START_TEST(test_rtp_payload_type_change_breaks_the_run)
{
	struct pkt p[3];

	audio_run(p, 3, PT_PCMU, SSRC_A);
	p[1].b[1] = PT_PCMA;
	ck_assert_int_eq(run(p, 3, NULL), PROTO_MORE);
}
END_TEST

START_TEST(test_rtp_telephone_event_may_share_the_ssrc)
{
	struct pkt p[3];

	audio_run(p, 3, PT_PCMU, SSRC_A);
	p[1].b[1] = PT_EVENT;
	p[1].len = 12 + 4; /* RFC 4733 sec 2.3: one event */
	ck_assert_int_eq(run(p, 3, NULL), PROTO_YES);
}
END_TEST

START_TEST(test_rtp_comfort_noise_may_share_the_ssrc)
{
	struct pkt p[3];

	audio_run(p, 3, PT_PCMA, SSRC_A);
	p[1].b[1] = PT_CN;
	p[1].len = 12 + 1; /* RFC 3389 sec 3: noise level */
	ck_assert_int_eq(run(p, 3, NULL), PROTO_YES);
}
END_TEST

START_TEST(test_rtp_a_third_payload_type_breaks_the_run)
{
	struct pkt p[4];

	audio_run(p, 4, PT_PCMU, SSRC_A);
	p[1].b[1] = PT_EVENT;
	p[2].b[1] = PT_CN;
	ck_assert_int_eq(run(p, 3, NULL), PROTO_MORE);
}
END_TEST

START_TEST(test_rtp_rtcp_clash_payload_types_are_no)
{
	/* RFC 5761 sec 4: 72-76 are RTCP SR..APP with the marker bit */
	struct pkt p = rtp(0, 1, 1, SSRC_A);

	p.b[1] = (uint8_t)_i;
	ck_assert_int_eq(run(&p, 1, NULL), PROTO_NO);
}
END_TEST

/* ---- sequence numbers and timestamps ---- */

START_TEST(test_rtp_sequence_must_advance_by_small_steps)
{
	struct pkt p[3];

	audio_run(p, 3, PT_PCMU, SSRC_A);
	put16(p[1].b + 2, 5000);
	put16(p[2].b + 2, 9000);
	ck_assert_int_eq(run(p, 3, NULL), PROTO_MORE);
}
END_TEST

START_TEST(test_rtp_allows_loss_and_reordering)
{
	struct pkt p[3] = {
		rtp(PT_PCMU, 10, 1600, SSRC_A),
		rtp(PT_PCMU, 13, 2080, SSRC_A), /* 11 and 12 lost ... */
		rtp(PT_PCMU, 12, 1920, SSRC_A), /* ... 12 only late */
	};

	ck_assert_int_eq(run(p, 3, NULL), PROTO_YES);
}
END_TEST

START_TEST(test_rtp_sequence_numbers_wrap)
{
	struct pkt p[3] = {
		rtp(PT_PCMU, 65534, 1600, SSRC_A),
		rtp(PT_PCMU, 65535, 1760, SSRC_A),
		rtp(PT_PCMU, 0, 1920, SSRC_A),
	};

	ck_assert_int_eq(run(p, 3, NULL), PROTO_YES);
}
END_TEST

START_TEST(test_rtp_timestamps_wrap)
{
	struct pkt p[3] = {
		rtp(PT_PCMU, 7, 0xffffff00u, SSRC_A),
		rtp(PT_PCMU, 8, 0xffffffa0u, SSRC_A),
		rtp(PT_PCMU, 9, 0x00000040u, SSRC_A),
	};

	ck_assert_int_eq(run(p, 3, NULL), PROTO_YES);
}
END_TEST

START_TEST(test_rtp_video_frames_share_a_timestamp)
{
	/* modelled on rtp.pcapng: H.263 packets of one frame */
	struct pkt p[3] = {
		rtp(PT_H263, 272, 649350, 0x1646),
		rtp(PT_H263, 273, 649350, 0x1646),
		rtp(PT_H263, 274, 655020, 0x1646),
	};

	ck_assert_int_eq(run(p, 3, NULL), PROTO_YES);
}
END_TEST

START_TEST(test_rtp_timestamp_going_back_breaks_the_run)
{
	struct pkt p[3] = {
		rtp(PT_PCMU, 7, 100000, SSRC_A),
		rtp(PT_PCMU, 8, 50000, SSRC_A),
		rtp(PT_PCMU, 9, 50160, SSRC_A),
	};

	ck_assert_int_eq(run(p, 3, NULL), PROTO_MORE);
}
END_TEST

START_TEST(test_rtp_timestamp_leap_breaks_the_run)
{
	struct pkt p[3] = {
		rtp(PT_PCMU, 7, 100000, SSRC_A),
		rtp(PT_PCMU, 8, 0x80000000u, SSRC_A),
		rtp(PT_PCMU, 9, 0x800000a0u, SSRC_A),
	};

	ck_assert_int_eq(run(p, 3, NULL), PROTO_MORE);
}
END_TEST

/* ---- header fields ---- */

START_TEST(test_rtp_version_other_than_2_is_no)
{
	/* V=3 (0xc0..) and V=1 outside the TURN channel range (0x50..) */
	static const uint8_t firsts[] = { 0xc0, 0xff, 0x50, 0x7f };
	struct pkt p = rtp(PT_PCMU, 1, 1, SSRC_A);

	p.b[0] = firsts[_i];
	ck_assert_int_eq(run(&p, 1, NULL), PROTO_NO);
}
END_TEST

START_TEST(test_rtp_csrc_count_must_fit)
{
	struct pkt p = rtp(PT_PCMU, 1, 1, SSRC_A);

	p.b[0] = 0x8f; /* fifteen CSRCs: 60 octets */
	p.len = 12 + 56;
	ck_assert_int_eq(run(&p, 1, NULL), PROTO_NO);
	p.len = 12 + 60;
	ck_assert_int_eq(run(&p, 1, NULL), PROTO_MORE);
}
END_TEST

START_TEST(test_rtp_extension_length_must_fit)
{
	struct pkt p = rtp(PT_PCMU, 1, 1, SSRC_A);

	p.b[0] = 0x90;
	put16(p.b + 12, 0xbede); /* RFC 8285 one-byte header */
	put16(p.b + 14, 2);	 /* two words follow */
	p.len = 12 + 4 + 7;
	ck_assert_int_eq(run(&p, 1, NULL), PROTO_NO);
	p.len = 12 + 4 + 8;
	ck_assert_int_eq(run(&p, 1, NULL), PROTO_MORE);
}
END_TEST

START_TEST(test_rtp_padding_count_must_be_sane)
{
	struct pkt p = rtp(PT_PCMU, 1, 1, SSRC_A);

	p.b[0] = 0xa0;
	p.len = 12 + 8;
	p.b[p.len - 1] = 0; /* zero: the count includes itself */
	ck_assert_int_eq(run(&p, 1, NULL), PROTO_NO);
	p.b[p.len - 1] = 9; /* more than the payload */
	ck_assert_int_eq(run(&p, 1, NULL), PROTO_NO);
	p.b[p.len - 1] = 8;
	ck_assert_int_eq(run(&p, 1, NULL), PROTO_MORE);
}
END_TEST

START_TEST(test_rtp_header_cut_short_is_no)
{
	struct pkt p = rtp(PT_PCMU, 1, 1, SSRC_A);

	p.len = 11;
	ck_assert_int_eq(run(&p, 1, NULL), PROTO_NO);
}
END_TEST

START_TEST(test_rtp_first_octets_outside_rfc7983_ranges_are_no)
{
	static const uint8_t firsts[] = { 4, 15, 80, 127, 192, 255 };
	struct pkt p = rtp(PT_PCMU, 1, 1, SSRC_A);

	p.b[0] = firsts[_i];
	ck_assert_int_eq(run(&p, 1, NULL), PROTO_NO);
}
END_TEST

/* ---- sharing the port: RFC 5761, RFC 7983 ---- */

/* modelled on stun.pcap: ICE, DTLS-SRTP, then SRTP with an RFC 8285
 * header extension and a 10-octet authentication tag */
static const uint8_t stun_binding[] = {
	0x00, 0x01, 0x00, 0x00, 0x21, 0x12, 0xa4, 0x42, 0x78, 0x69,
	0x56, 0x78, 0x52, 0x6a, 0x33, 0x4b, 0x33, 0x74, 0x76, 0x56,
};
static const uint8_t dtls_appdata[] = {
	0x17, 0xfe, 0xfd, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x06,
	0x00, 0x04, 0x15, 0x57, 0xb1, 0xac,
};
static const uint8_t srtp_opus[] = {
	0x90, 0x6f, 0x6a, 0x90, 0x33, 0xdf, 0xf6, 0x71, 0xd3, 0xf9, 0xfd,
	0x82, 0xbe, 0xde, 0x00, 0x02, 0x22, 0x4e, 0x26, 0xe9, 0x10, 0xff,
	0x00, 0x00, 0x73, 0xd8, 0x86, 0x26, 0xb9, 0xb7, 0xd8, 0x2d, 0xdb,
	0x3a, 0x1f, 0xc8, 0x89, 0x1a, 0x05, 0x81, 0x01, 0xa0, 0xc7, 0xeb,
};
static const uint8_t srtcp_rr[] = {
	0x80, 0xc9, 0x00, 0x01, 0xd3, 0xf9, 0xfd, 0x82, 0x80, 0x00, 0x00,
	0x01, 0xd5, 0x0e, 0xb2, 0x6b, 0x05, 0xa5, 0x33, 0x70, 0x93, 0x11,
};

static struct pkt srtp_next(uint16_t seq, uint32_t ts)
{
	struct pkt p = raw(srtp_opus, sizeof srtp_opus, true);

	put16(p.b + 2, seq);
	put32(p.b + 4, ts);
	return p;
}

START_TEST(test_rtp_srtp_counts_as_rtp)
{
	struct pkt p[3] = {
		srtp_next(27279, 870314673),
		srtp_next(27280, 870315633),
		srtp_next(27281, 870316593),
	};
	struct proto_report rep;

	ck_assert_int_eq(run(p, 3, &rep), PROTO_YES);
	ck_assert_str_eq(rep.detail, "PT 111 dynamic SSRC 0xd3f9fd82");
}
END_TEST

START_TEST(test_rtp_stun_and_dtls_on_the_port_neither_count_nor_stop)
{
	struct pkt p[] = {
		raw(stun_binding, sizeof stun_binding, true),
		raw(stun_binding, sizeof stun_binding, false),
		raw(dtls_appdata, sizeof dtls_appdata, true),
		srtp_next(27279, 870314673),
		raw(stun_binding, sizeof stun_binding, true),
		srtp_next(27280, 870315633),
		raw(dtls_appdata, sizeof dtls_appdata, false),
		srtp_next(27281, 870316593),
	};
	size_t n = sizeof p / sizeof *p;

	ck_assert_int_eq(run(p, n - 1, NULL), PROTO_MORE);
	ck_assert_int_eq(run(p, n, NULL), PROTO_YES);
}
END_TEST

START_TEST(test_rtp_multiplexed_rtcp_is_skipped)
{
	struct pkt p[] = {
		srtp_next(27279, 870314673),
		raw(srtcp_rr, sizeof srtcp_rr, true),
		srtp_next(27280, 870315633),
		srtp_next(27281, 870316593),
	};

	ck_assert_int_eq(run(p, 4, NULL), PROTO_YES);
}
END_TEST

START_TEST(test_rtp_multiplexed_rtcp_with_a_lying_length_is_no)
{
	struct pkt p = raw(srtcp_rr, sizeof srtcp_rr, true);

	put16(p.b + 2, 200);
	ck_assert_int_eq(run(&p, 1, NULL), PROTO_NO);
}
END_TEST

START_TEST(test_rtp_other_rfc7983_ranges_are_skipped)
{
	/* STUN 0-3, ZRTP 16-19, DTLS 20-63, TURN channels 64-79 */
	static const uint8_t firsts[] = { 0, 3, 16, 19, 20, 63, 64, 79 };
	struct pkt p = rtp(PT_PCMU, 1, 1, SSRC_A);

	p.b[0] = firsts[_i];
	ck_assert_int_eq(run(&p, 1, NULL), PROTO_MORE);
}
END_TEST

START_TEST(test_rtp_empty_datagram_is_skipped)
{
	struct pkt p = { .len = 0, .fwd = true };

	ck_assert_int_eq(run(&p, 1, NULL), PROTO_MORE);
}
END_TEST

/* ---- the report ---- */

START_TEST(test_rtp_report_names_static_payload_type_and_ssrc)
{
	struct pkt p[3];
	struct proto_report rep;

	audio_run(p, 3, PT_PCMU, SSRC_A);
	ck_assert_int_eq(run(p, 3, &rep), PROTO_YES);
	ck_assert_str_eq(rep.detail, "PT 0 PCMU SSRC 0x3796cb71");
}
END_TEST

START_TEST(test_rtp_report_names_dynamic_payload_type)
{
	struct pkt p[3];
	struct proto_report rep;

	audio_run(p, 3, 96, SSRC_B);
	ck_assert_int_eq(run(p, 3, &rep), PROTO_YES);
	ck_assert_str_eq(rep.detail, "PT 96 dynamic SSRC 0x1e063b22");
}
END_TEST

START_TEST(test_rtp_is_udp_only)
{
	ck_assert_uint_eq(R->transports, PROTO_UDP);
	ck_assert(!R->provisional);
}
END_TEST

/* ---- damaged bytes ---- */

/* The third packet of a run, cut to every length: no crash, and no YES
 * unless its whole fixed header is there. */
START_TEST(test_rtp_truncations_never_crash_or_say_yes_early)
{
	struct pkt p[3];
	struct pkt good[2];

	audio_run(p, 3, PT_PCMU, SSRC_A);
	good[0] = srtp_next(27279, 870314673);
	good[1] = srtp_next(27280, 870315633);
	for (size_t len = 0; len < p[2].len; len++) {
		struct pkt q[3] = { p[0], p[1], p[2] };
		enum proto_verdict v;

		q[2].len = len;
		v = run(q, 3, NULL);
		ck_assert_msg(len >= 12 || v != PROTO_YES, "len %zu", len);
	}
	for (size_t len = 0; len < sizeof srtp_opus; len++) {
		struct pkt q[3] = { good[0], good[1], srtp_next(27281, 1) };

		q[2].len = len;
		(void)run(q, 3, NULL);
	}
}
END_TEST

/* Every single-bit flip of the deciding packet: no crash; flips in the
 * version or the SSRC never complete the run. */
START_TEST(test_rtp_bit_flips_never_crash_or_fake_a_run)
{
	struct pkt p[3];

	audio_run(p, 3, PT_PCMU, SSRC_A);
	for (size_t bit = 0; bit < p[2].len * 8; bit++) {
		struct pkt q[3] = { p[0], p[1], p[2] };
		size_t byte = bit / 8;
		enum proto_verdict v;
		struct proto_report rep;

		q[2].b[byte] ^= (uint8_t)(1u << (bit % 8));
		v = run(q, 3, &rep);
		if ((byte == 0 && bit % 8 >= 6) || (byte >= 8 && byte < 12))
			ck_assert_msg(v != PROTO_YES, "bit %zu", bit);
		if (v == PROTO_YES)
			ck_assert_msg(strncmp(rep.detail, "PT ", 3) == 0,
				      "bit %zu: %s", bit, rep.detail);
	}
}
END_TEST

START_TEST(test_rtp_random_datagrams_never_say_yes)
{
	uint32_t x = 2463534242u;

	for (unsigned flow = 0; flow < 2000; flow++) {
		struct pkt p[12];

		for (size_t i = 0; i < 12; i++) {
			p[i].len = 12 + (x % 200);
			p[i].fwd = (x >> 9) & 1;
			for (size_t k = 0; k < p[i].len; k++) {
				x ^= x << 13, x ^= x >> 17, x ^= x << 5;
				p[i].b[k] = (uint8_t)x;
			}
			p[i].b[0] = (uint8_t)(0x80 | (p[i].b[0] & 0x3f));
		}
		ck_assert_int_ne(run(p, 12, NULL), PROTO_YES);
	}
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("proto-rtp");
	TCase *run_tc = tcase_create("run");
	TCase *pt = tcase_create("payload type");
	TCase *seq = tcase_create("sequence and time");
	TCase *hdr = tcase_create("header");
	TCase *mux = tcase_create("shared port");
	TCase *rep = tcase_create("report");
	TCase *bad = tcase_create("damaged bytes");

	tcase_add_test(run_tc, test_rtp_needs_three_packets_with_one_ssrc);
	tcase_add_test(run_tc, test_rtp_different_ssrcs_do_not_add_up);
	tcase_add_test(run_tc, test_rtp_runs_are_counted_per_direction);
	tcase_add_test(run_tc, test_rtp_interleaved_sources_each_make_a_run);
	tcase_add_test(run_tc, test_rtp_duplicates_do_not_count);
	tcase_add_test(run_tc, test_rtp_gives_up_when_nothing_forms_a_run);
	suite_add_tcase(s, run_tc);

	tcase_add_test(pt, test_rtp_payload_type_change_breaks_the_run);
	tcase_add_test(pt, test_rtp_telephone_event_may_share_the_ssrc);
	tcase_add_test(pt, test_rtp_comfort_noise_may_share_the_ssrc);
	tcase_add_test(pt, test_rtp_a_third_payload_type_breaks_the_run);
	tcase_add_loop_test(pt, test_rtp_rtcp_clash_payload_types_are_no, 72,
			    77);
	suite_add_tcase(s, pt);

	tcase_add_test(seq, test_rtp_sequence_must_advance_by_small_steps);
	tcase_add_test(seq, test_rtp_allows_loss_and_reordering);
	tcase_add_test(seq, test_rtp_sequence_numbers_wrap);
	tcase_add_test(seq, test_rtp_timestamps_wrap);
	tcase_add_test(seq, test_rtp_video_frames_share_a_timestamp);
	tcase_add_test(seq, test_rtp_timestamp_going_back_breaks_the_run);
	tcase_add_test(seq, test_rtp_timestamp_leap_breaks_the_run);
	suite_add_tcase(s, seq);

	tcase_add_loop_test(hdr, test_rtp_version_other_than_2_is_no, 0, 4);
	tcase_add_test(hdr, test_rtp_csrc_count_must_fit);
	tcase_add_test(hdr, test_rtp_extension_length_must_fit);
	tcase_add_test(hdr, test_rtp_padding_count_must_be_sane);
	tcase_add_test(hdr, test_rtp_header_cut_short_is_no);
	tcase_add_loop_test(hdr,
			    test_rtp_first_octets_outside_rfc7983_ranges_are_no,
			    0, 6);
	suite_add_tcase(s, hdr);

	tcase_add_test(mux, test_rtp_srtp_counts_as_rtp);
	tcase_add_test(mux,
		       test_rtp_stun_and_dtls_on_the_port_neither_count_nor_stop);
	tcase_add_test(mux, test_rtp_multiplexed_rtcp_is_skipped);
	tcase_add_test(mux, test_rtp_multiplexed_rtcp_with_a_lying_length_is_no);
	tcase_add_loop_test(mux, test_rtp_other_rfc7983_ranges_are_skipped, 0,
			    8);
	tcase_add_test(mux, test_rtp_empty_datagram_is_skipped);
	suite_add_tcase(s, mux);

	tcase_add_test(rep, test_rtp_report_names_static_payload_type_and_ssrc);
	tcase_add_test(rep, test_rtp_report_names_dynamic_payload_type);
	tcase_add_test(rep, test_rtp_is_udp_only);
	suite_add_tcase(s, rep);

	tcase_add_test(bad, test_rtp_truncations_never_crash_or_say_yes_early);
	tcase_add_test(bad, test_rtp_bit_flips_never_crash_or_fake_a_run);
	tcase_add_test(bad, test_rtp_random_datagrams_never_say_yes);
	suite_add_tcase(s, bad);
	return s;
}
