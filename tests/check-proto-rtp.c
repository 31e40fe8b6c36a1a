/* \summary: unit tests of the RTP recogniser (RFC 3550, 3551, 3711, 5761,
 * 7983, 8285, 8656) */
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

/* Capture times: a packet's `us` is added to this instant. */
#define T0_US 1700000000000000ull
#define MS 1000u

struct pkt {
	uint8_t b[PKT_MAX];
	size_t len;
	bool fwd;
	uint64_t us; /* 0: no capture time, as from a file without them */
};

static enum proto_verdict session_feed(struct proto_session *s, const struct pkt *k)
{
	struct proto_pkt p = { .transport = PROTO_UDP,
			       .from_initiator = k->fwd,
			       .ts_us = k->us };

	return feed_copy(R, s->state, p, k->b, k->len, &s->rep, NULL);
}

/* Feeds packets until an answer, as the classifier does; returns it and
 * leaves the report in `rep` when given. */
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

/* RFC 3550 sec 5.1: V=2, no padding, extension or CSRC; no capture time. */
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

/* The same, captured `ms` milliseconds after T0_US. */
static struct pkt rtp_at(uint8_t pt, uint16_t seq, uint32_t ts,
			 uint32_t ssrc, double ms)
{
	struct pkt p = rtp(pt, seq, ts, ssrc);

	p.us = T0_US + (uint64_t)(ms * MS);
	return p;
}

/* A run of n packets of 8 kHz audio, 160 samples (20 ms) each, sent and
 * captured 20 ms apart. */
static void audio_run(struct pkt *out, size_t n, uint8_t pt, uint32_t ssrc)
{
	for (size_t i = 0; i < n; i++)
		out[i] = rtp_at(pt, (uint16_t)(1000 + i), 160000u + 160u * i,
				ssrc, 20.0 * (double)i);
}

static struct pkt raw(const uint8_t *b, size_t len, bool fwd)
{
	struct pkt p = { .len = len, .fwd = fwd };

	memcpy(p.b, b, len);
	return p;
}

/* ---- a run of packets ---- */

START_TEST(test_rtp_audio_keeping_its_clock_is_media_after_four_packets)
{
	struct pkt p[4];
	struct proto_session s;

	audio_run(p, 4, PT_PCMU, SSRC_A);
	proto_session_start(&s, R);
	ck_assert_int_eq(session_feed(&s, &p[0]), PROTO_MORE);
	ck_assert_int_eq(session_feed(&s, &p[1]), PROTO_MORE);
	ck_assert_int_eq(session_feed(&s, &p[2]), PROTO_MORE);
	ck_assert_int_eq(session_feed(&s, &p[3]), PROTO_YES);
	proto_session_end(&s, R);
}
END_TEST

START_TEST(test_rtp_without_capture_times_needs_six_whole_frames)
{
	struct pkt p[6];

	for (size_t i = 0; i < 6; i++)
		p[i] = rtp(PT_PCMU, (uint16_t)(1000 + i), 160000u + 160u * i,
			   SSRC_A);
	ck_assert_int_eq(run(p, 5, NULL), PROTO_MORE);
	ck_assert_int_eq(run(p, 6, NULL), PROTO_YES);
}
END_TEST

START_TEST(test_rtp_different_ssrcs_do_not_add_up)
{
	struct pkt p[4];

	audio_run(p, 4, PT_PCMU, SSRC_A);
	put32(p[1].b + 8, SSRC_B);
	put32(p[2].b + 8, SSRC_B + 1);
	ck_assert_int_eq(run(p, 4, NULL), PROTO_MORE);
}
END_TEST

START_TEST(test_rtp_ssrc_zero_is_not_a_source)
{
	struct pkt p[8];

	audio_run(p, 8, PT_PCMU, 0);
	ck_assert_int_eq(run(p, 8, NULL), PROTO_MORE);
}
END_TEST

START_TEST(test_rtp_runs_are_counted_per_direction)
{
	struct pkt p[4];

	audio_run(p, 4, PT_PCMU, SSRC_A);
	p[1].fwd = false;
	ck_assert_int_eq(run(p, 4, NULL), PROTO_MORE);
}
END_TEST

START_TEST(test_rtp_interleaved_sources_each_make_a_run)
{
	struct pkt a[4], b[4], p[8];

	audio_run(a, 4, PT_PCMU, SSRC_A);
	audio_run(b, 4, PT_PCMA, SSRC_B);
	for (size_t i = 0; i < 4; i++) {
		p[2 * i] = a[i];
		p[2 * i + 1] = b[i];
		p[2 * i + 1].fwd = false;
		p[2 * i + 1].us += 3 * MS;
	}
	ck_assert_int_eq(run(p, 6, NULL), PROTO_MORE);
	ck_assert_int_eq(run(p, 7, NULL), PROTO_YES);
}
END_TEST

START_TEST(test_rtp_duplicates_do_not_count)
{
	struct pkt p[4];

	audio_run(p, 1, PT_PCMU, SSRC_A);
	for (size_t i = 1; i < 4; i++) {
		p[i] = p[0];
		p[i].us += 20 * MS * i;
	}
	ck_assert_int_eq(run(p, 4, NULL), PROTO_MORE);
}
END_TEST

START_TEST(test_rtp_gives_up_when_nothing_forms_a_run)
{
	struct pkt p[16];
	size_t n = sizeof p / sizeof *p;

	for (size_t i = 0; i < n; i++)
		p[i] = rtp_at(PT_PCMU, (uint16_t)(i * 7919), 0,
			      SSRC_A + (uint32_t)i, 20.0 * (double)i);
	ck_assert_int_eq(run(p, n - 1, NULL), PROTO_MORE);
	ck_assert_int_eq(run(p, n, NULL), PROTO_NO);
}
END_TEST

/* ---- what is not media ---- */

/* A game's header with V=2's bits: a type octet, a packet counter where
 * the sequence number is, then a session word and a player id that never
 * change; sent every 30 ms. */
START_TEST(test_rtp_game_packets_with_version_bits_are_not_rtp)
{
	struct pkt p[16];

	for (size_t i = 0; i < 16; i++)
		p[i] = rtp_at(1, (uint16_t)(300 + i), 0x0001c3a0u, 0x00a1b2c3u,
			      30.0 * (double)i);
	ck_assert_int_eq(run(p, 16, NULL), PROTO_NO);
}
END_TEST

/* The octets where the timestamp would be count up by one a packet. */
START_TEST(test_rtp_timestamps_that_do_not_follow_sequence_are_not_rtp)
{
	struct pkt p[16];

	for (size_t i = 0; i < 16; i++)
		p[i] = rtp_at(PT_PCMU, (uint16_t)(300 + i), 77u + (uint32_t)i,
			      SSRC_A, 20.0 * (double)i);
	ck_assert_int_eq(run(p, 16, NULL), PROTO_NO);
}
END_TEST

/* A millisecond clock (1000 Hz) is no media clock: 20 ticks every 20 ms
 * would be 2.5 ms of 8 kHz audio. */
START_TEST(test_rtp_timestamps_counting_milliseconds_are_not_rtp)
{
	struct pkt p[16];

	for (size_t i = 0; i < 16; i++)
		p[i] = rtp_at(PT_PCMU, (uint16_t)(300 + i), 5000u + 20u * i,
			      SSRC_A, 20.0 * (double)i);
	ck_assert_int_eq(run(p, 16, NULL), PROTO_NO);
}
END_TEST

/* Advances of about 20 ms at 8 kHz but of no common frame (a byte count
 * of varying packets): gcd(157, 163, 171, 149, ...) = 1. */
START_TEST(test_rtp_timestamp_steps_that_are_not_whole_frames_are_not_rtp)
{
	static const uint32_t steps[] = { 157, 163, 171, 149, 166, 151 };
	struct pkt p[16];
	uint32_t ts = 40000;

	for (size_t i = 0; i < 16; i++) {
		p[i] = rtp_at(PT_PCMU, (uint16_t)(300 + i), ts, SSRC_A,
			      20.0 * (double)i);
		ts += steps[i % 6];
	}
	ck_assert_int_eq(run(p, 16, NULL), PROTO_NO);
}
END_TEST

/* ---- payload types ---- */

START_TEST(test_rtp_payload_type_change_breaks_the_run)
{
	struct pkt p[4];

	audio_run(p, 4, PT_PCMU, SSRC_A);
	p[1].b[1] = PT_PCMA;
	ck_assert_int_eq(run(p, 4, NULL), PROTO_MORE);
}
END_TEST

START_TEST(test_rtp_telephone_event_may_share_the_ssrc)
{
	struct pkt p[4];

	audio_run(p, 4, PT_PCMU, SSRC_A);
	p[1].b[1] = PT_EVENT;
	p[1].len = 12 + 4; /* RFC 4733 sec 2.3: one event */
	ck_assert_int_eq(run(p, 4, NULL), PROTO_YES);
}
END_TEST

START_TEST(test_rtp_comfort_noise_may_share_the_ssrc)
{
	struct pkt p[4];

	audio_run(p, 4, PT_PCMA, SSRC_A);
	p[1].b[1] = PT_CN;
	p[1].len = 12 + 1; /* RFC 3389 sec 3: noise level */
	ck_assert_int_eq(run(p, 4, NULL), PROTO_YES);
}
END_TEST

START_TEST(test_rtp_a_third_payload_type_breaks_the_run)
{
	struct pkt p[4];

	audio_run(p, 4, PT_PCMU, SSRC_A);
	p[1].b[1] = PT_EVENT;
	p[2].b[1] = PT_CN;
	ck_assert_int_eq(run(p, 4, NULL), PROTO_MORE);
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
	struct pkt p[4];

	audio_run(p, 4, PT_PCMU, SSRC_A);
	put16(p[1].b + 2, 5000);
	put16(p[2].b + 2, 9000);
	ck_assert_int_eq(run(p, 4, NULL), PROTO_MORE);
}
END_TEST

START_TEST(test_rtp_allows_loss_and_reordering)
{
	struct pkt p[4] = {
		rtp_at(PT_PCMU, 10, 1600, SSRC_A, 0),
		rtp_at(PT_PCMU, 13, 2080, SSRC_A, 60), /* 11 and 12 lost ... */
		rtp_at(PT_PCMU, 12, 1920, SSRC_A, 65), /* ... 12 only late */
		rtp_at(PT_PCMU, 14, 2240, SSRC_A, 80),
	};

	ck_assert_int_eq(run(p, 4, NULL), PROTO_YES);
}
END_TEST

START_TEST(test_rtp_sequence_numbers_wrap)
{
	struct pkt p[4] = {
		rtp_at(PT_PCMU, 65534, 1600, SSRC_A, 0),
		rtp_at(PT_PCMU, 65535, 1760, SSRC_A, 20),
		rtp_at(PT_PCMU, 0, 1920, SSRC_A, 40),
		rtp_at(PT_PCMU, 1, 2080, SSRC_A, 60),
	};

	ck_assert_int_eq(run(p, 4, NULL), PROTO_YES);
}
END_TEST

START_TEST(test_rtp_timestamps_wrap)
{
	struct pkt p[4] = {
		rtp_at(PT_PCMU, 7, 0xffffff00u, SSRC_A, 0),
		rtp_at(PT_PCMU, 8, 0xffffffa0u, SSRC_A, 20),
		rtp_at(PT_PCMU, 9, 0x00000040u, SSRC_A, 40),
		rtp_at(PT_PCMU, 10, 0x000000e0u, SSRC_A, 60),
	};

	ck_assert_int_eq(run(p, 4, NULL), PROTO_YES);
}
END_TEST

START_TEST(test_rtp_video_frames_share_a_timestamp)
{
	/* modelled on rtp.pcapng: H.263 at 90 kHz, two packets a frame;
	 * 5670 ticks are 63 ms, 6120 are 68 ms */
	struct pkt p[5] = {
		rtp_at(PT_H263, 272, 649350, 0x1646, 0),
		rtp_at(PT_H263, 273, 649350, 0x1646, 2),
		rtp_at(PT_H263, 274, 655020, 0x1646, 63),
		rtp_at(PT_H263, 275, 655020, 0x1646, 65),
		rtp_at(PT_H263, 276, 661140, 0x1646, 131),
	};

	ck_assert_int_eq(run(p, 4, NULL), PROTO_MORE);
	ck_assert_int_eq(run(p, 5, NULL), PROTO_YES);
}
END_TEST

/* The first packet seen is any one of a call: a high sequence number, a
 * timestamp far along, and (as the capture began) a late arrival. */
START_TEST(test_rtp_capture_starting_mid_call_is_media)
{
	/* 48 kHz Opus, 960 samples (20 ms) a packet */
	struct pkt p[4] = {
		rtp_at(111, 48213, 0x9a3c11f0u, SSRC_B, 0),
		rtp_at(111, 48214, 0x9a3c15b0u, SSRC_B, 2),
		rtp_at(111, 48215, 0x9a3c1970u, SSRC_B, 21),
		rtp_at(111, 48216, 0x9a3c1d30u, SSRC_B, 40),
	};

	ck_assert_int_eq(run(p, 4, NULL), PROTO_YES);
}
END_TEST

/* modelled on sip.pcap: 20 ms packets arriving 69.9, 3.5, 5.7, 2.1, 34.8,
 * 1.9 ms apart; no two are 20 ms apart, but from the first, 80 ms of
 * samples took 81.2 ms and 120 ms took 117.9 ms. */
START_TEST(test_rtp_jittery_arrival_is_timed_from_the_start_of_the_run)
{
	static const double at[] = { 0, 69.9, 73.4, 79.1, 81.2, 116.0, 117.9 };
	struct pkt p[7];

	for (size_t i = 0; i < 7; i++)
		p[i] = rtp_at(PT_PCMA, (uint16_t)(100 + i), 4000u + 160u * i,
			      SSRC_A, at[i]);
	ck_assert_int_eq(run(p, 6, NULL), PROTO_MORE);
	ck_assert_int_eq(run(p, 7, NULL), PROTO_YES);
}
END_TEST

START_TEST(test_rtp_timestamp_going_back_breaks_the_run)
{
	struct pkt p[4] = {
		rtp_at(PT_PCMU, 7, 100000, SSRC_A, 0),
		rtp_at(PT_PCMU, 8, 50000, SSRC_A, 20),
		rtp_at(PT_PCMU, 9, 50160, SSRC_A, 40),
		rtp_at(PT_PCMU, 10, 50320, SSRC_A, 60),
	};

	ck_assert_int_eq(run(p, 4, NULL), PROTO_MORE);
}
END_TEST

START_TEST(test_rtp_timestamp_leap_breaks_the_run)
{
	struct pkt p[4] = {
		rtp_at(PT_PCMU, 7, 100000, SSRC_A, 0),
		rtp_at(PT_PCMU, 8, 0x80000000u, SSRC_A, 20),
		rtp_at(PT_PCMU, 9, 0x800000a0u, SSRC_A, 40),
		rtp_at(PT_PCMU, 10, 0x80000140u, SSRC_A, 60),
	};

	ck_assert_int_eq(run(p, 4, NULL), PROTO_MORE);
}
END_TEST

START_TEST(test_rtp_a_long_pause_starts_the_run_again)
{
	struct pkt p[4];

	audio_run(p, 4, PT_PCMU, SSRC_A);
	p[2].us += 11000 * MS; /* more than 10 s after the previous */
	p[3].us += 11000 * MS;
	ck_assert_int_eq(run(p, 4, NULL), PROTO_MORE);
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

/* RFC 8285 sec 4.2: 0xBEDE, one word: ID 1 with one octet (an audio
 * level), two octets of padding. */
START_TEST(test_rtp_with_one_byte_header_extension_is_media)
{
	static const uint8_t ext[] = { 0xbe, 0xde, 0x00, 0x01,
				       0x10, 0xff, 0x00, 0x00 };
	struct pkt p[4];

	audio_run(p, 4, PT_PCMU, SSRC_A);
	for (size_t i = 0; i < 4; i++) {
		p[i].b[0] = 0x90;
		memcpy(p[i].b + 12, ext, sizeof ext);
		p[i].len += sizeof ext;
	}
	ck_assert_int_eq(run(p, 4, NULL), PROTO_YES);
}
END_TEST

/* RFC 8285 sec 4.3: 0x100 and 4 bits of application data, one word: ID 3
 * with two octets. */
START_TEST(test_rtp_with_two_byte_header_extension_is_media)
{
	static const uint8_t ext[] = { 0x10, 0x00, 0x00, 0x01,
				       0x03, 0x02, 0xaa, 0xbb };
	struct pkt p[4];

	audio_run(p, 4, PT_PCMU, SSRC_A);
	for (size_t i = 0; i < 4; i++) {
		p[i].b[0] = 0x90;
		memcpy(p[i].b + 12, ext, sizeof ext);
		p[i].len += sizeof ext;
	}
	ck_assert_int_eq(run(p, 4, NULL), PROTO_YES);
}
END_TEST

/* RFC 3711 sec 3.1: with SRTP the padding count is encrypted and the
 * packet ends with the authentication tag, so its last octet says
 * nothing. */
START_TEST(test_rtp_srtp_padding_bit_does_not_read_the_payload)
{
	struct pkt p[4];

	audio_run(p, 4, PT_PCMU, SSRC_A);
	for (size_t i = 0; i < 4; i++) {
		p[i].b[0] = 0xa0;
		p[i].b[p[i].len - 1] = (uint8_t)(i == 0 ? 0x00 : 0xfe);
	}
	ck_assert_int_eq(run(p, 4, NULL), PROTO_YES);
}
END_TEST

START_TEST(test_rtp_padding_bit_needs_a_payload)
{
	struct pkt p = rtp(PT_PCMU, 1, 1, SSRC_A);

	p.b[0] = 0xa0;
	p.len = 12;
	ck_assert_int_eq(run(&p, 1, NULL), PROTO_NO);
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

/* The n-th SRTP packet of stun.pcap's run: 960 samples of 48 kHz Opus
 * (20 ms) each, captured about 20 ms apart. */
static struct pkt srtp_nth(unsigned n)
{
	static const double at[] = { 0, 9.0, 29.7, 57.8, 72.5, 94.9 };
	struct pkt p = raw(srtp_opus, sizeof srtp_opus, true);

	put16(p.b + 2, (uint16_t)(27279 + n));
	put32(p.b + 4, 870314673u + 960u * n);
	p.us = T0_US + (uint64_t)(at[n % 6] * MS);
	return p;
}

/* The payload after the header is random (encrypted); only the header
 * counts. */
START_TEST(test_rtp_srtp_random_payload_is_media)
{
	struct pkt p[6];
	struct proto_report rep;
	uint32_t x = 88172645u;

	for (unsigned i = 0; i < 6; i++) {
		p[i] = srtp_nth(i);
		for (size_t k = 24; k < p[i].len; k++) {
			x ^= x << 13, x ^= x >> 17, x ^= x << 5;
			p[i].b[k] = (uint8_t)x;
		}
	}
	ck_assert_int_eq(run(p, 6, &rep), PROTO_YES);
	ck_assert_str_eq(rep.detail, "PT 111 dynamic SSRC 0xd3f9fd82");
}
END_TEST

START_TEST(test_rtp_stun_and_dtls_on_the_port_neither_count_nor_stop)
{
	struct pkt p[] = {
		raw(stun_binding, sizeof stun_binding, true),
		raw(stun_binding, sizeof stun_binding, false),
		raw(dtls_appdata, sizeof dtls_appdata, true),
		srtp_nth(0),
		raw(stun_binding, sizeof stun_binding, true),
		srtp_nth(1),
		raw(dtls_appdata, sizeof dtls_appdata, false),
		srtp_nth(2),
		srtp_nth(3), /* 60 ms of samples in 57.8 ms: the second fit */
	};
	size_t n = sizeof p / sizeof *p;

	ck_assert_int_eq(run(p, n - 1, NULL), PROTO_MORE);
	ck_assert_int_eq(run(p, n, NULL), PROTO_YES);
}
END_TEST

START_TEST(test_rtp_multiplexed_rtcp_is_skipped)
{
	struct pkt p[] = {
		srtp_nth(0), raw(srtcp_rr, sizeof srtcp_rr, true),
		srtp_nth(1), srtp_nth(2),
		srtp_nth(3), srtp_nth(4),
	};

	ck_assert_int_eq(run(p, 6, NULL), PROTO_YES);
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

/* RFC 8656 sec 12.4: channel number, length of the data, the data, and
 * (optional over UDP) padding to a multiple of four. */
static struct pkt channel_data(const struct pkt *in, uint16_t channel,
			       size_t pad)
{
	struct pkt p = { .fwd = in->fwd, .us = in->us };

	put16(p.b, channel);
	put16(p.b + 2, (uint16_t)in->len);
	memcpy(p.b + 4, in->b, in->len);
	memset(p.b + 4 + in->len, 0, pad);
	p.len = 4 + in->len + pad;
	return p;
}

START_TEST(test_rtp_rtp_inside_turn_channeldata_is_media)
{
	struct pkt a[4], p[4];

	audio_run(a, 4, PT_PCMU, SSRC_A);
	for (size_t i = 0; i < 4; i++)
		p[i] = channel_data(&a[i], 0x4001, 0);
	ck_assert_int_eq(run(p, 3, NULL), PROTO_MORE);
	ck_assert_int_eq(run(p, 4, NULL), PROTO_YES);
}
END_TEST

START_TEST(test_rtp_turn_channeldata_may_be_padded)
{
	struct pkt a[4], p[4];

	audio_run(a, 4, PT_PCMU, SSRC_A);
	for (size_t i = 0; i < 4; i++) {
		a[i].len = 12 + 161; /* 173 octets: 3 of padding to 180 */
		p[i] = channel_data(&a[i], 0x4fff, 3);
	}
	ck_assert_int_eq(run(p, 4, NULL), PROTO_YES);
}
END_TEST

/* A length past the datagram's end, or more than padding after the data:
 * not ChannelData, so nothing counts (and, being in TURN's range, nothing
 * stops either). */
START_TEST(test_rtp_turn_channeldata_of_the_wrong_length_does_not_count)
{
	struct pkt a[8], p[8];

	audio_run(a, 8, PT_PCMU, SSRC_A);
	for (size_t i = 0; i < 8; i++) {
		p[i] = channel_data(&a[i], 0x4001, i % 2 ? 4 : 0);
		if (i % 2 == 0)
			put16(p[i].b + 2, (uint16_t)(a[i].len + 1));
	}
	ck_assert_int_eq(run(p, 8, NULL), PROTO_MORE);
}
END_TEST

/* ---- the report ---- */

START_TEST(test_rtp_report_names_static_payload_type_and_ssrc)
{
	struct pkt p[4];
	struct proto_report rep;

	audio_run(p, 4, PT_PCMU, SSRC_A);
	ck_assert_int_eq(run(p, 4, &rep), PROTO_YES);
	ck_assert_str_eq(rep.detail, "PT 0 PCMU SSRC 0x3796cb71");
}
END_TEST

START_TEST(test_rtp_report_names_dynamic_payload_type)
{
	struct pkt p[4];
	struct proto_report rep;

	audio_run(p, 4, 96, SSRC_B);
	ck_assert_int_eq(run(p, 4, &rep), PROTO_YES);
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

/* The fourth packet of a run, cut to every length: no crash, and no YES
 * unless its whole fixed header is there. */
START_TEST(test_rtp_truncations_never_crash_or_say_yes_early)
{
	struct pkt p[4];

	audio_run(p, 4, PT_PCMU, SSRC_A);
	for (size_t len = 0; len < p[3].len; len++) {
		struct pkt q[4] = { p[0], p[1], p[2], p[3] };
		enum proto_verdict v;

		q[3].len = len;
		v = run(q, 4, NULL);
		ck_assert_msg(len >= 12 || v != PROTO_YES, "len %zu", len);
	}
	for (size_t len = 0; len < sizeof srtp_opus; len++) {
		struct pkt q[4] = { srtp_nth(0), srtp_nth(1), srtp_nth(2),
				    srtp_nth(3) };

		q[3].len = len;
		(void)run(q, 4, NULL);
	}
}
END_TEST

/* Every single-bit flip of the deciding packet: no crash; flips in the
 * version or the SSRC never complete the run. */
START_TEST(test_rtp_bit_flips_never_crash_or_fake_a_run)
{
	struct pkt p[4];

	audio_run(p, 4, PT_PCMU, SSRC_A);
	for (size_t bit = 0; bit < p[3].len * 8; bit++) {
		struct pkt q[4] = { p[0], p[1], p[2], p[3] };
		size_t byte = bit / 8;
		enum proto_verdict v;
		struct proto_report rep;

		q[3].b[byte] ^= (uint8_t)(1u << (bit % 8));
		v = run(q, 4, &rep);
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
		struct pkt p[16];

		for (size_t i = 0; i < 16; i++) {
			p[i].len = 12 + (x % 200);
			p[i].fwd = (x >> 9) & 1;
			p[i].us = flow % 2 ? T0_US + 20 * MS * i : 0;
			for (size_t k = 0; k < p[i].len; k++) {
				x ^= x << 13, x ^= x >> 17, x ^= x << 5;
				p[i].b[k] = (uint8_t)x;
			}
			p[i].b[0] = (uint8_t)(0x80 | (p[i].b[0] & 0x3f));
		}
		ck_assert_int_ne(run(p, 16, NULL), PROTO_YES);
	}
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("proto-rtp");
	TCase *run_tc = tcase_create("run");
	TCase *not_media = tcase_create("not media");
	TCase *pt = tcase_create("payload type");
	TCase *seq = tcase_create("sequence and time");
	TCase *hdr = tcase_create("header");
	TCase *mux = tcase_create("shared port");
	TCase *rep = tcase_create("report");
	TCase *bad = tcase_create("damaged bytes");

	tcase_add_test(run_tc,
		       test_rtp_audio_keeping_its_clock_is_media_after_four_packets);
	tcase_add_test(run_tc, test_rtp_without_capture_times_needs_six_whole_frames);
	tcase_add_test(run_tc, test_rtp_different_ssrcs_do_not_add_up);
	tcase_add_test(run_tc, test_rtp_ssrc_zero_is_not_a_source);
	tcase_add_test(run_tc, test_rtp_runs_are_counted_per_direction);
	tcase_add_test(run_tc, test_rtp_interleaved_sources_each_make_a_run);
	tcase_add_test(run_tc, test_rtp_duplicates_do_not_count);
	tcase_add_test(run_tc, test_rtp_gives_up_when_nothing_forms_a_run);
	suite_add_tcase(s, run_tc);

	tcase_add_test(not_media, test_rtp_game_packets_with_version_bits_are_not_rtp);
	tcase_add_test(not_media,
		       test_rtp_timestamps_that_do_not_follow_sequence_are_not_rtp);
	tcase_add_test(not_media,
		       test_rtp_timestamps_counting_milliseconds_are_not_rtp);
	tcase_add_test(not_media,
		       test_rtp_timestamp_steps_that_are_not_whole_frames_are_not_rtp);
	suite_add_tcase(s, not_media);

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
	tcase_add_test(seq, test_rtp_capture_starting_mid_call_is_media);
	tcase_add_test(seq,
		       test_rtp_jittery_arrival_is_timed_from_the_start_of_the_run);
	tcase_add_test(seq, test_rtp_timestamp_going_back_breaks_the_run);
	tcase_add_test(seq, test_rtp_timestamp_leap_breaks_the_run);
	tcase_add_test(seq, test_rtp_a_long_pause_starts_the_run_again);
	suite_add_tcase(s, seq);

	tcase_add_loop_test(hdr, test_rtp_version_other_than_2_is_no, 0, 4);
	tcase_add_test(hdr, test_rtp_csrc_count_must_fit);
	tcase_add_test(hdr, test_rtp_extension_length_must_fit);
	tcase_add_test(hdr, test_rtp_with_one_byte_header_extension_is_media);
	tcase_add_test(hdr, test_rtp_with_two_byte_header_extension_is_media);
	tcase_add_test(hdr, test_rtp_srtp_padding_bit_does_not_read_the_payload);
	tcase_add_test(hdr, test_rtp_padding_bit_needs_a_payload);
	tcase_add_test(hdr, test_rtp_header_cut_short_is_no);
	tcase_add_loop_test(hdr,
			    test_rtp_first_octets_outside_rfc7983_ranges_are_no,
			    0, 6);
	suite_add_tcase(s, hdr);

	tcase_add_test(mux, test_rtp_srtp_random_payload_is_media);
	tcase_add_test(mux,
		       test_rtp_stun_and_dtls_on_the_port_neither_count_nor_stop);
	tcase_add_test(mux, test_rtp_multiplexed_rtcp_is_skipped);
	tcase_add_test(mux, test_rtp_multiplexed_rtcp_with_a_lying_length_is_no);
	tcase_add_loop_test(mux, test_rtp_other_rfc7983_ranges_are_skipped, 0,
			    8);
	tcase_add_test(mux, test_rtp_empty_datagram_is_skipped);
	tcase_add_test(mux, test_rtp_rtp_inside_turn_channeldata_is_media);
	tcase_add_test(mux, test_rtp_turn_channeldata_may_be_padded);
	tcase_add_test(mux,
		       test_rtp_turn_channeldata_of_the_wrong_length_does_not_count);
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
