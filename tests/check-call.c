/* \summary: unit tests of call assembly, per-interval RTP samples and the
 * E-model (ITU-T G.107, G.113 Appendix I) */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vcflow/call.h"
#include "vcflow/classify.h"
#include "vcflow/rtpstat.h"

Suite *test_suite(void);

#define T0_US 1700000000000000ull
#define MS 1000ull
#define SEC 1000000ull
#define LINGER_US (605 * SEC)
#define PT_PCMU 0
#define PT_PCMA 8
#define PT_H264 96
#define FRAME_MS 20
#define FRAME_TS 160 /* 20 ms at 8 kHz */

/* ---- the E-model ---- */

START_TEST(clean_g711_scores_4_4)
{
	double r;
	/* R = 93.2 - 0 = 93.2;
	 * MOS = 1 + 0.035 * 93.2 + 93.2 * 33.2 * 6.8 * 7e-6
	 *     = 1 + 3.262 + 0.1473 = 4.409 */
	double mos = call_emodel_mos("PCMU", 0, &r);
	ck_assert_double_eq_tol(r, 93.2, 1e-9);
	ck_assert_double_eq_tol(mos, 4.4, 0.1);
	ck_assert_double_eq_tol(mos, 4.409, 0.001);
	ck_assert_double_eq_tol(call_emodel_mos("pcma", 0, &r), 4.409, 0.001);
}
END_TEST

START_TEST(g711_with_5_percent_random_loss_scores_3_9)
{
	double r;
	/* Ie,eff = 0 + (95 - 0) * 5 / (5 / 1 + 25.1) = 475 / 30.1 = 15.781;
	 * R = 93.2 - 15.781 = 77.419;
	 * MOS = 1 + 0.035 * 77.419 + 77.419 * 17.419 * 22.581 * 7e-6
	 *     = 1 + 2.7097 + 0.2132 = 3.923 */
	double mos = call_emodel_mos("PCMA", 5.0, &r);
	ck_assert_double_eq_tol(r, 77.419, 0.001);
	ck_assert_double_eq_tol(mos, 3.9, 0.1);
	ck_assert_double_eq_tol(mos, 3.923, 0.001);
}
END_TEST

START_TEST(g729_takes_its_impairment)
{
	double r;
	/* R = 93.2 - 11 = 82.2; MOS = 1 + 2.877 + 82.2*22.2*17.8*7e-6 = 4.104 */
	ck_assert_double_eq_tol(call_emodel_mos("G729", 0, &r), 4.104, 0.001);
	ck_assert_double_eq_tol(r, 82.2, 1e-9);
}
END_TEST

START_TEST(video_and_unknown_codecs_have_no_score)
{
	static const char *const none[] = { "H264", "VP8", "opus", "G722",
					    "telephone-event", "", "PCMUX" };
	double r = 0;

	for (size_t i = 0; i < sizeof none / sizeof *none; i++)
		ck_assert_double_lt(call_emodel_mos(none[i], 0, &r), 0);
	ck_assert_double_lt(call_emodel_mos(NULL, 0, &r), 0);
}
END_TEST

START_TEST(heavy_loss_stays_on_the_scale)
{
	double r;
	double mos = call_emodel_mos("PCMU", 100, &r);
	ck_assert_double_ge(mos, 1.0);
	ck_assert_double_lt(mos, 2.0);
}
END_TEST

/* ---- RTP streams ---- */

static void rtp_packet(struct rtpstat *s, uint8_t pt, uint32_t ssrc,
		       uint16_t seq, uint32_t ts, uint64_t arrival)
{
	uint8_t b[12] = { 0x80, pt, (uint8_t)(seq >> 8), (uint8_t)seq,
			  (uint8_t)(ts >> 24), (uint8_t)(ts >> 16),
			  (uint8_t)(ts >> 8), (uint8_t)ts,
			  (uint8_t)(ssrc >> 24), (uint8_t)(ssrc >> 16),
			  (uint8_t)(ssrc >> 8), (uint8_t)ssrc };
	rtpstat_update(s, b, sizeof b, arrival);
}

/* n packets of 20 ms; every `drop_every`th is not sent (0: none). */
static struct rtpstat *g711_stream(uint8_t pt, unsigned n,
				   unsigned drop_every, uint64_t start)
{
	struct rtpstat *s = rtpstat_new();

	for (unsigned i = 0; i < n; i++) {
		if (drop_every && i % drop_every == drop_every - 1)
			continue;
		rtp_packet(s, pt, 0x1234, (uint16_t)(1000 + i),
			   160000 + i * FRAME_TS, start + i * FRAME_MS * MS);
	}
	return s;
}

START_TEST(intervals_count_each_second)
{
	struct rtpstat *s = g711_stream(PT_PCMU, 150, 20, T0_US);
	const struct rtpstat_interval *iv;
	unsigned width;
	size_t n = rtpstat_intervals(s, &iv, &width);

	ck_assert_uint_eq(width, 1);
	ck_assert_uint_eq(n, 3);
	uint64_t pkts = 0, expected = 0;
	for (size_t i = 0; i < n; i++) {
		pkts += iv[i].pkts;
		expected += iv[i].expected;
		/* 19 and 39 dropped, then 59, 79 and 99, then 119 and 139 */
		ck_assert_uint_eq(iv[i].pkts, i == 1 ? 47 : 48);
	}
	ck_assert_uint_eq(pkts, s->received);
	/* the last packet sent (149) was not dropped: 150 expected */
	ck_assert_uint_eq(expected, rtpstat_expected(s));
	ck_assert_int_eq(rtpstat_lost(s), 7);
	ck_assert_uint_eq(s->late, 0);
	rtpstat_free(s);
}
END_TEST

START_TEST(long_stream_merges_intervals)
{
	/* 300 s: 300 one-second intervals do not fit 120, 150 two-second
	 * ones neither, 75 four-second ones do. */
	struct rtpstat *s = g711_stream(PT_PCMU, 15000, 0, T0_US);
	const struct rtpstat_interval *iv;
	unsigned width;
	size_t n = rtpstat_intervals(s, &iv, &width);

	ck_assert_uint_eq(width, 4);
	ck_assert_uint_eq(n, 75);
	ck_assert_uint_eq(iv[0].pkts, 200);
	ck_assert_uint_eq(iv[74].pkts, 200);
	ck_assert_uint_eq(iv[10].expected, 200);
	rtpstat_free(s);
}
END_TEST

START_TEST(late_packets_are_counted_by_the_buffer_model)
{
	struct rtpstat *s = rtpstat_new();

	for (unsigned i = 0; i < 100; i++) {
		uint64_t at = T0_US + i * FRAME_MS * MS;
		if (i == 50)
			at += 100 * MS; /* 100 ms late: past a 60 ms buffer */
		if (i == 60)
			at += 40 * MS; /* within it */
		rtp_packet(s, PT_PCMA, 0x99, (uint16_t)i, i * FRAME_TS, at);
	}
	ck_assert_uint_eq(s->late, 1);
	ck_assert_int_eq(rtpstat_lost(s), 0);
	rtpstat_free(s);
}
END_TEST

START_TEST(few_packets_keep_no_intervals)
{
	struct rtpstat *s = rtpstat_new();
	const struct rtpstat_interval *iv;
	unsigned width;

	rtp_packet(s, PT_PCMU, 1, 1, 160, T0_US);
	rtp_packet(s, PT_PCMU, 1, 2, 320, T0_US + 20 * MS);
	ck_assert_uint_eq(rtpstat_intervals(s, &iv, &width), 0);
	ck_assert_ptr_null(s->iv);
	rtpstat_free(s);
	rtpstat_free(NULL);
}
END_TEST

START_TEST(static_payload_names)
{
	ck_assert_str_eq(rtpstat_static_name(0), "PCMU");
	ck_assert_str_eq(rtpstat_static_name(8), "PCMA");
	ck_assert_str_eq(rtpstat_static_name(18), "G729");
	ck_assert_ptr_null(rtpstat_static_name(96));
	ck_assert_ptr_null(rtpstat_static_name(1));
}
END_TEST

/* RFC 3551 table 4: the types that share an encoding, told apart by
 * their clock (DVI4) or channels (L16), and timed at their own clock. */
START_TEST(static_payload_labels_and_clocks)
{
	ck_assert_str_eq(rtpstat_static_name(6), "DVI4");
	ck_assert_str_eq(rtpstat_static_label(6), "DVI4/16000");
	ck_assert_uint_eq(rtpstat_static_clock(6), 16000);
	ck_assert_str_eq(rtpstat_static_label(10), "L16/2");
	ck_assert_uint_eq(rtpstat_static_clock(10), 44100);
	ck_assert_uint_eq(rtpstat_static_clock(9), 8000); /* G.722's 8000 */
	ck_assert_uint_eq(rtpstat_static_clock(34), 90000);
	ck_assert_uint_eq(rtpstat_static_clock(1), 0);	/* reserved */
	ck_assert_uint_eq(rtpstat_static_clock(30), 0); /* unassigned */
	ck_assert_ptr_null(rtpstat_static_label(35));
}
END_TEST

/* ---- calls ---- */

struct written {
	struct call calls[8];
	size_t n;
};

static void on_written(void *ctx, const struct call *c)
{
	struct written *w = ctx;

	if (w->n < 8)
		w->calls[w->n] = *c; /* intervals are freed after: not read */
	w->n++;
}

static struct addr ip4(uint8_t a, uint8_t b, uint8_t c, uint8_t d)
{
	const uint8_t v4[4] = { a, b, c, d };
	struct addr x;

	addr_from_v4(&x, v4);
	return x;
}

#define CALLER ip4(10, 0, 0, 1)
#define CALLEE ip4(10, 0, 0, 2)

/* A message from the caller (fwd) or the callee, at T0 + ms. */
static void sip(struct call_table *t, const char *id, bool from_caller,
		const char *method, unsigned status, const char *cseq,
		uint64_t ms, bool sdp)
{
	struct sip_message m;
	struct proto_pkt p;

	memset(&m, 0, sizeof m);
	memset(&p, 0, sizeof p);
	p.transport = PROTO_UDP;
	p.src = from_caller ? CALLER : CALLEE;
	p.dst = from_caller ? CALLEE : CALLER;
	p.sport = p.dport = 5060;
	p.ts_us = T0_US + ms * MS;
	snprintf(m.call_id, sizeof m.call_id, "%s", id);
	snprintf(m.from, sizeof m.from, "sip:alice@example.com");
	snprintf(m.to, sizeof m.to, "sip:bob@example.com");
	snprintf(m.product, sizeof m.product, "%s",
		 from_caller ? "ua-a/1" : "ua-b/2");
	if (method) {
		m.is_request = true;
		snprintf(m.method, sizeof m.method, "%s", method);
	} else {
		m.status = status;
		snprintf(m.reason, sizeof m.reason, "%s",
			 status == 200 ? "OK" : "Reason");
		snprintf(m.cseq_method, sizeof m.cseq_method, "%s", cseq);
	}
	if (sdp) {
		struct sdp_stream *st = &m.sdp.streams[0];
		m.has_sdp = true;
		m.sdp.n_streams = 1;
		st->kind = SDP_MEDIA_AUDIO;
		st->media = "audio";
		st->app = APP_RTP;
		st->port = from_caller ? 6000 : 7000;
		st->addr = from_caller ? CALLER : CALLEE;
		st->n_rtpmaps = 1;
		st->rtpmaps[0].pt = PT_PCMA;
		st->rtpmaps[0].clock_hz = 8000;
		snprintf(st->rtpmaps[0].encoding, SDP_ENCODING_MAX, "PCMA");
	}
	call_sip(t, &p, &m, "00000000000000aa");
}

static void set_up(struct call_table *t, const char *id)
{
	sip(t, id, true, "INVITE", 0, NULL, 0, true);
	sip(t, id, false, NULL, 100, "INVITE", 10, false);
	sip(t, id, false, NULL, 180, "INVITE", 300, false);
	sip(t, id, false, NULL, 200, "INVITE", 2000, true);
	sip(t, id, true, "ACK", 0, NULL, 2010, false);
}

/* An RTP flow of the call, caller:6000 <-> callee:7000, ending now. */
static void media_flow(struct call_table *t, const char *id, unsigned fwd,
		       unsigned rev, unsigned drop_every, uint8_t pt,
		       const char *kind)
{
	struct flow f;
	struct flow_class fc;
	struct flow_labels l;

	memset(&f, 0, sizeof f);
	memset(&fc, 0, sizeof fc);
	memset(&l, 0, sizeof l);
	snprintf(f.flow_id, sizeof f.flow_id, "00000000000000bb");
	f.init_addr = CALLER;
	f.resp_addr = CALLEE;
	f.init_port = 6000;
	f.resp_port = 7000;
	f.first_us = T0_US + 2 * SEC;
	f.last_us = T0_US + 5 * SEC;
	f.pkts[0] = fwd;
	f.pkts[1] = rev;
	f.cls = &fc;
	fc.app = APP_RTP;
	fc.labels = &l;
	snprintf(l.call_id, sizeof l.call_id, "%s", id);
	l.announced_as = kind;
	if (fwd)
		fc.rtp[0] = g711_stream(pt, fwd, drop_every, f.first_us);
	if (rev)
		fc.rtp[1] = g711_stream(pt, rev, drop_every, f.first_us + MS);
	call_flow_end(t, &f);
	rtpstat_free(fc.rtp[0]);
	rtpstat_free(fc.rtp[1]);
}

static struct call_table *table(struct written *w)
{
	memset(w, 0, sizeof *w);
	struct call_table *t = call_table_new(16, LINGER_US, on_written, w);
	ck_assert_ptr_nonnull(t);
	return t;
}

START_TEST(healthy_call_is_ok_with_its_mos)
{
	struct written w;
	struct call_table *t = table(&w);

	set_up(t, "c1");
	media_flow(t, "c1", 150, 150, 0, PT_PCMA, "audio");
	sip(t, "c1", true, "BYE", 0, NULL, 5200, false);
	sip(t, "c1", false, NULL, 200, "BYE", 5210, false);
	call_tick(t, T0_US + 5210 * MS + LINGER_US - 1);
	ck_assert_uint_eq(w.n, 0);
	call_tick(t, T0_US + 5210 * MS + LINGER_US);
	ck_assert_uint_eq(w.n, 1);
	const struct call *c = &w.calls[0];
	ck_assert_str_eq(call_status_name(c->status), "ok");
	ck_assert_str_eq(call_end_name(c->end), "released");
	ck_assert_uint_eq(c->final_code, 200);
	ck_assert_str_eq(c->caller, "sip:alice@example.com");
	ck_assert_uint_eq(c->n_user_agents, 2);
	ck_assert_uint_eq(c->attempt_us, T0_US);
	ck_assert_uint_eq(c->ringing_us, T0_US + 300 * MS);
	ck_assert_uint_eq(c->answer_us, T0_US + 2000 * MS);
	ck_assert_uint_eq(c->end_us, T0_US + 5200 * MS);
	ck_assert_double_eq_tol(c->post_dial_delay_ms, 300, 1e-9);
	ck_assert_uint_eq(c->n_flows, 1);
	ck_assert_uint_eq(c->n_media, 2);
	ck_assert_str_eq(c->media[0].codec, "PCMA");
	ck_assert_int_eq(c->media[0].sender, CALL_PARTY_CALLER);
	ck_assert_int_eq(c->media[1].sender, CALL_PARTY_CALLEE);
	ck_assert_double_eq_tol(c->media[0].mos, 4.41, 0.01);
	ck_assert_double_eq_tol(c->mos_to_caller, 4.41, 0.01);
	ck_assert_uint_eq(c->n_messages, 7);
	call_table_free(t);
}
END_TEST

START_TEST(lossy_call_is_poor_quality)
{
	struct written w;
	struct call_table *t = table(&w);

	set_up(t, "c1");
	/* every 5th packet lost: 20 %, R = 93.2 - 95*20/45.1 = 51.1 */
	media_flow(t, "c1", 150, 150, 5, PT_PCMA, "audio");
	call_table_flush(t, CALL_END_EOF);
	ck_assert_uint_eq(w.n, 1);
	ck_assert_str_eq(call_status_name(w.calls[0].status), "poor_quality");
	ck_assert_str_eq(call_end_name(w.calls[0].end), "eof");
	ck_assert_uint_eq(w.calls[0].end_us, 0);
	call_table_free(t);
}
END_TEST

START_TEST(video_has_no_mos)
{
	struct written w;
	struct call_table *t = table(&w);

	set_up(t, "c1");
	media_flow(t, "c1", 30, 30, 0, PT_H264, "video");
	call_table_flush(t, CALL_END_EOF);
	ck_assert_uint_eq(w.n, 1);
	ck_assert_double_lt(w.calls[0].media[0].mos, 0);
	ck_assert_str_eq(call_status_name(w.calls[0].status), "ok");
	call_table_free(t);
}
END_TEST

START_TEST(one_way_and_no_media)
{
	struct written w;
	struct call_table *t = table(&w);

	set_up(t, "one");
	media_flow(t, "one", 150, 0, 0, PT_PCMA, "audio");
	set_up(t, "none");
	call_table_flush(t, CALL_END_EOF);
	ck_assert_uint_eq(w.n, 2);
	for (size_t i = 0; i < 2; i++) {
		const struct call *c = &w.calls[i];
		ck_assert_str_eq(call_status_name(c->status),
				 !strcmp(c->call_id, "one") ? "one_way"
							    : "no_media");
	}
	call_table_free(t);
}
END_TEST

START_TEST(setup_verdicts)
{
	struct written w;
	struct call_table *t = table(&w);

	/* no response at all */
	sip(t, "silent", true, "INVITE", 0, NULL, 0, true);
	sip(t, "silent", true, "INVITE", 0, NULL, 500, true);
	/* refused */
	sip(t, "busy", true, "INVITE", 0, NULL, 0, true);
	sip(t, "busy", false, NULL, 486, "INVITE", 100, false);
	/* cancelled while ringing */
	sip(t, "gaveup", true, "INVITE", 0, NULL, 0, true);
	sip(t, "gaveup", false, NULL, 180, "INVITE", 100, false);
	sip(t, "gaveup", true, "CANCEL", 0, NULL, 5000, false);
	sip(t, "gaveup", false, NULL, 487, "INVITE", 5010, false);
	/* still ringing when the input ends */
	sip(t, "ringing", true, "INVITE", 0, NULL, 0, true);
	sip(t, "ringing", false, NULL, 180, "INVITE", 100, false);
	/* challenged, then answered */
	sip(t, "auth", true, "INVITE", 0, NULL, 0, true);
	sip(t, "auth", false, NULL, 407, "INVITE", 10, false);
	sip(t, "auth", true, "INVITE", 0, NULL, 20, true);
	sip(t, "auth", false, NULL, 200, "INVITE", 900, true);
	media_flow(t, "auth", 100, 100, 0, PT_PCMA, "audio");
	/* not a call */
	sip(t, "reg", true, "REGISTER", 0, NULL, 0, false);
	sip(t, "reg", false, NULL, 200, "REGISTER", 10, false);
	call_table_flush(t, CALL_END_EOF);
	ck_assert_uint_eq(w.n, 5);
	for (size_t i = 0; i < w.n; i++) {
		const struct call *c = &w.calls[i];
		const char *want = !strcmp(c->call_id, "silent")    ? "unanswered"
				   : !strcmp(c->call_id, "busy")    ? "failed"
				   : !strcmp(c->call_id, "gaveup")  ? "unanswered"
				   : !strcmp(c->call_id, "ringing") ? "in_progress"
								    : "ok";
		ck_assert_msg(!strcmp(call_status_name(c->status), want),
			      "%s: %s, expected %s", c->call_id,
			      call_status_name(c->status), want);
		if (!strcmp(c->call_id, "busy"))
			ck_assert_uint_eq(c->final_code, 486);
		if (!strcmp(c->call_id, "auth"))
			ck_assert_uint_eq(c->final_code, 200);
	}
	call_table_free(t);
}
END_TEST

START_TEST(calls_kept_are_bounded)
{
	struct written w;
	char id[16];

	memset(&w, 0, sizeof w);
	struct call_table *t = call_table_new(3, LINGER_US, on_written, &w);
	for (int i = 0; i < 10; i++) {
		snprintf(id, sizeof id, "call-%d", i);
		sip(t, id, true, "INVITE", 0, NULL, (uint64_t)i, true);
	}
	/* seven written early, the oldest first */
	ck_assert_uint_eq(w.n, 7);
	ck_assert_str_eq(w.calls[0].call_id, "call-0");
	ck_assert_str_eq(call_end_name(w.calls[0].end), "evicted");
	call_table_flush(t, CALL_END_EOF);
	ck_assert_uint_eq(w.n, 10);
	call_table_free(t);
}
END_TEST

START_TEST(messages_a_call_are_bounded)
{
	struct written w;
	struct call_table *t = table(&w);

	set_up(t, "c1");
	for (int i = 0; i < 100; i++)
		sip(t, "c1", true, "INFO", 0, NULL, 3000 + (uint64_t)i, false);
	call_table_flush(t, CALL_END_EOF);
	ck_assert_uint_eq(w.calls[0].n_messages, CALL_MAX_MESSAGES);
	ck_assert_uint_eq(w.calls[0].messages_dropped,
			  5 + 100 - CALL_MAX_MESSAGES);
	call_table_free(t);
}
END_TEST

/* ---- H.323 and SCCP ---- */

/* A call event sent by the caller or the callee (an SCCP station's leg),
 * at T0 + ms. */
static void event(struct call_table *t, const char *protocol, const char *id,
		  enum call_event_kind kind, bool from_caller,
		  enum call_event_side side, uint64_t ms, int code,
		  const char *reason)
{
	struct call_event e;
	struct proto_pkt p;

	memset(&e, 0, sizeof e);
	memset(&p, 0, sizeof p);
	p.transport = PROTO_TCP;
	p.src = from_caller ? CALLER : CALLEE;
	p.dst = from_caller ? CALLEE : CALLER;
	p.sport = from_caller ? 49200 : 1720;
	p.dport = from_caller ? 1720 : 49200;
	p.ts_us = T0_US + ms * MS;
	e.protocol = protocol;
	e.call_id = id;
	e.kind = kind;
	e.message = "message";
	e.code = code;
	e.reason = reason;
	e.side = side;
	e.side_addr = p.src;
	call_event(t, &p, &e, from_caller ? "00000000000000c1"
					  : "00000000000000c2");
}

/* H.323: Q.931 messages, the side told by the call reference flag. */
static void q931(struct call_table *t, enum call_event_kind kind,
		 bool from_caller, uint64_t ms, int cause, const char *name)
{
	event(t, "h323", "h1", kind, from_caller,
	      from_caller ? CALL_EV_SIDE_CALLER : CALL_EV_SIDE_CALLEE, ms,
	      cause, name);
}

static void h323_to_alerting(struct call_table *t)
{
	struct call_event e;
	struct proto_pkt p;

	/* Setup, with the parties' numbers and the caller's product */
	memset(&e, 0, sizeof e);
	memset(&p, 0, sizeof p);
	p.transport = PROTO_TCP;
	p.src = CALLER;
	p.dst = CALLEE;
	p.ts_us = T0_US;
	e.protocol = "h323";
	e.call_id = "h1";
	e.kind = CALL_EV_ATTEMPT;
	e.message = "Setup";
	e.code = CALL_EV_NO_CODE;
	e.caller = "2001";
	e.callee = "2002";
	e.product = "ep 1.0";
	e.side = CALL_EV_SIDE_CALLER;
	e.side_addr = CALLER;
	call_event(t, &p, &e, "00000000000000c1");
	q931(t, CALL_EV_INFO, false, 10, CALL_EV_NO_CODE, NULL);
	q931(t, CALL_EV_RINGING, false, 300, CALL_EV_NO_CODE, NULL);
}

START_TEST(h323_answered_call_is_ok_with_its_release_cause)
{
	struct written w;
	struct call_table *t = table(&w);

	h323_to_alerting(t);
	q931(t, CALL_EV_ANSWER, false, 2000, CALL_EV_NO_CODE, NULL);
	media_flow(t, "h1", 150, 150, 0, PT_PCMA, "audio");
	q931(t, CALL_EV_END, true, 5200, 16, "normal call clearing");
	call_tick(t, T0_US + 5200 * MS + LINGER_US);
	ck_assert_uint_eq(w.n, 1);
	const struct call *c = &w.calls[0];
	ck_assert_str_eq(c->protocol, "h323");
	ck_assert_str_eq(call_status_name(c->status), "ok");
	ck_assert_str_eq(call_end_name(c->end), "released");
	ck_assert_uint_eq(c->final_code, 16);
	ck_assert_str_eq(c->final_reason, "normal call clearing");
	ck_assert_str_eq(c->caller, "2001");
	ck_assert_str_eq(c->callee, "2002");
	ck_assert_uint_eq(c->n_user_agents, 1);
	ck_assert_uint_eq(c->attempt_us, T0_US);
	ck_assert_uint_eq(c->ringing_us, T0_US + 300 * MS);
	ck_assert_uint_eq(c->answer_us, T0_US + 2000 * MS);
	ck_assert_uint_eq(c->end_us, T0_US + 5200 * MS);
	/* Alerting, not Call Proceeding, ends the post-dial delay */
	ck_assert_double_eq_tol(c->post_dial_delay_ms, 300, 1e-9);
	ck_assert_uint_eq(c->n_flows, 2);
	ck_assert_uint_eq(c->n_media, 2);
	/* by the parties' signalling addresses: no SDP to tell */
	ck_assert_int_eq(c->media[0].sender, CALL_PARTY_CALLER);
	ck_assert_int_eq(c->media[1].sender, CALL_PARTY_CALLEE);
	ck_assert_double_eq_tol(c->mos_to_callee, 4.41, 0.01);
	ck_assert_uint_eq(c->n_messages, 5);
	call_table_free(t);
}
END_TEST

START_TEST(h323_release_before_connect_is_failed_with_its_cause)
{
	struct written w;
	struct call_table *t = table(&w);

	h323_to_alerting(t);
	q931(t, CALL_EV_END, false, 900, 17, "user busy");
	call_table_flush(t, CALL_END_EOF);
	ck_assert_uint_eq(w.n, 1);
	ck_assert_str_eq(call_status_name(w.calls[0].status), "failed");
	ck_assert_str_eq(call_end_name(w.calls[0].end), "released");
	ck_assert_uint_eq(w.calls[0].final_code, 17);
	ck_assert_str_eq(w.calls[0].final_reason, "user busy");
	ck_assert_uint_eq(w.calls[0].end_us, T0_US + 900 * MS);
	call_table_free(t);
}
END_TEST

START_TEST(h323_caller_giving_up_or_no_answer_is_unanswered)
{
	struct written w;
	struct call_table *t = table(&w);

	/* the caller hangs up while it rings */
	h323_to_alerting(t);
	q931(t, CALL_EV_END, true, 9000, 16, "normal call clearing");
	call_table_flush(t, CALL_END_EOF);
	ck_assert_uint_eq(w.n, 1);
	ck_assert_str_eq(call_status_name(w.calls[0].status), "unanswered");
	ck_assert_uint_eq(w.calls[0].final_code, 16);
	call_table_free(t);
	/* the called side says nobody answered */
	t = table(&w);
	h323_to_alerting(t);
	q931(t, CALL_EV_END, false, 60000, 19, "no answer from user");
	call_table_flush(t, CALL_END_EOF);
	ck_assert_str_eq(call_status_name(w.calls[0].status), "unanswered");
	ck_assert_uint_eq(w.calls[0].final_code, 19);
	call_table_free(t);
}
END_TEST

START_TEST(h323_ringing_at_the_end_is_in_progress)
{
	struct written w;
	struct call_table *t = table(&w);

	h323_to_alerting(t);
	call_table_flush(t, CALL_END_EOF);
	ck_assert_uint_eq(w.n, 1);
	ck_assert_str_eq(call_status_name(w.calls[0].status), "in_progress");
	ck_assert_uint_eq(w.calls[0].final_code, 0);
	call_table_free(t);
}
END_TEST

START_TEST(h323_release_alone_is_no_call)
{
	struct written w;
	struct call_table *t = table(&w);

	q931(t, CALL_EV_END, false, 0, 16, "normal call clearing");
	q931(t, CALL_EV_INFO, false, 10, CALL_EV_NO_CODE, NULL);
	call_table_flush(t, CALL_END_EOF);
	ck_assert_uint_eq(w.n, 0);
	call_table_free(t);
}
END_TEST

/* A TCP flow to 1720 that never connected, its SYN sent `syns` times. */
static void unconnected_flow(struct call_table *t, unsigned syns,
			     bool refused)
{
	struct flow f;
	struct flow_class fc;
	struct flow_labels l;

	memset(&f, 0, sizeof f);
	memset(&fc, 0, sizeof fc);
	memset(&l, 0, sizeof l);
	snprintf(f.flow_id, sizeof f.flow_id, "00000000000000dd");
	f.key.proto = 6; /* TCP */
	f.init_addr = CALLER;
	f.resp_addr = CALLEE;
	f.init_port = 49200;
	f.resp_port = 1720;
	f.first_us = T0_US;
	f.last_us = T0_US + 7 * SEC;
	f.pkts[0] = syns;
	f.pkts[1] = refused;
	f.syn_count = syns;
	f.tcp_seen[0] = FLOW_TCP_SYN;
	f.tcp_seen[1] = refused ? FLOW_TCP_RST : 0;
	f.cls = &fc;
	fc.app = APP_Q931;
	fc.confidence = CONF_PORT;
	fc.labels = &l;
	call_flow_end(t, &f);
}

START_TEST(h323_signalling_never_connected_is_unanswered_or_refused)
{
	struct written w;
	struct call_table *t = table(&w);

	unconnected_flow(t, 4, false);
	call_table_flush(t, CALL_END_EOF);
	ck_assert_uint_eq(w.n, 1);
	ck_assert_str_eq(w.calls[0].protocol, "h323");
	ck_assert_str_eq(w.calls[0].call_id, "00000000000000dd");
	ck_assert_str_eq(call_status_name(w.calls[0].status), "unanswered");
	ck_assert_uint_eq(w.calls[0].attempt_us, T0_US);
	ck_assert_uint_eq(w.calls[0].end_us, T0_US + 7 * SEC);
	ck_assert_uint_eq(w.calls[0].n_flows, 1);
	call_table_free(t);
	t = table(&w);
	unconnected_flow(t, 1, true);
	call_table_flush(t, CALL_END_EOF);
	ck_assert_uint_eq(w.n, 1);
	ck_assert_str_eq(call_status_name(w.calls[0].status), "failed");
	call_table_free(t);
	/* one SYN at the capture's end says nothing yet */
	t = table(&w);
	unconnected_flow(t, 1, false);
	call_table_flush(t, CALL_END_EOF);
	ck_assert_uint_eq(w.n, 0);
	call_table_free(t);
}
END_TEST

/* SCCP: CallState of station CALLER's leg (sccp-conf-1) or CALLEE's
 * (sccp-conf-2), as the call manager sends it. */
static void sccp_state(struct call_table *t, bool caller_leg,
		       enum call_event_kind kind, enum call_event_side side,
		       uint64_t ms, int state, const char *name)
{
	event(t, "sccp", caller_leg ? "sccp-conf-1" : "sccp-conf-2", kind,
	      caller_leg, side, ms, state, name);
}

/* OpenReceiveChannelAck (receives) or StartMediaTransmission (sends). */
static void sccp_media(struct call_table *t, bool caller_leg, bool sends,
		       struct addr a, uint16_t port, uint64_t ms)
{
	struct call_event e;
	struct proto_pkt p;

	memset(&e, 0, sizeof e);
	memset(&p, 0, sizeof p);
	p.transport = PROTO_TCP;
	p.src = caller_leg ? CALLER : CALLEE;
	p.ts_us = T0_US + ms * MS;
	e.protocol = "sccp";
	e.call_id = caller_leg ? "sccp-conf-1" : "sccp-conf-2";
	e.kind = CALL_EV_INFO;
	e.message = sends ? "StartMediaTransmission" : "OpenReceiveChannelAck";
	e.code = CALL_EV_NO_CODE;
	e.side_addr = p.src;
	e.has_media = true;
	e.media_sends = sends;
	e.media_addr = a;
	e.media_port = port;
	call_event(t, &p, &e, caller_leg ? "00000000000000c1"
					 : "00000000000000c2");
}

START_TEST(sccp_legs_are_joined_by_their_media)
{
	struct written w;
	struct call_table *t = table(&w);

	sccp_state(t, true, CALL_EV_ATTEMPT, CALL_EV_SIDE_UNKNOWN, 0, 1,
		   "OffHook");
	sccp_state(t, true, CALL_EV_ATTEMPT, CALL_EV_SIDE_CALLER, 2000, 12,
		   "Proceed");
	sccp_state(t, false, CALL_EV_RINGING, CALL_EV_SIDE_CALLEE, 2100, 4,
		   "RingIn");
	sccp_state(t, true, CALL_EV_RINGING, CALL_EV_SIDE_CALLER, 2200, 3,
		   "RingOut");
	/* the called station goes off hook to answer: still the callee */
	sccp_state(t, false, CALL_EV_ATTEMPT, CALL_EV_SIDE_UNKNOWN, 5000, 1,
		   "OffHook");
	sccp_state(t, false, CALL_EV_ANSWER, CALL_EV_SIDE_UNKNOWN, 5000, 5,
		   "Connected");
	sccp_state(t, true, CALL_EV_ANSWER, CALL_EV_SIDE_UNKNOWN, 5010, 5,
		   "Connected");
	ck_assert(call_has_flow(t, "sccp-conf-2", "00000000000000c2"));
	sccp_media(t, true, false, CALLER, 6000, 5050);
	sccp_media(t, false, true, CALLER, 6000, 5060);
	/* one call now, known by either leg's id */
	ck_assert(call_has_flow(t, "sccp-conf-1", "00000000000000c2"));
	ck_assert(call_has_flow(t, "sccp-conf-2", "00000000000000c1"));
	/* the media flow carries the id of the leg whose message matched */
	media_flow(t, "sccp-conf-2", 150, 150, 0, PT_PCMU, "SCCP media");
	sccp_state(t, false, CALL_EV_END, CALL_EV_SIDE_UNKNOWN, 9000, 2,
		   "OnHook");
	call_table_flush(t, CALL_END_EOF);
	ck_assert_uint_eq(w.n, 1);
	const struct call *c = &w.calls[0];
	ck_assert_str_eq(c->call_id, "sccp-conf-1");
	ck_assert_str_eq(c->protocol, "sccp");
	ck_assert_str_eq(call_status_name(c->status), "ok");
	ck_assert_uint_eq(c->final_code, 5);
	ck_assert_str_eq(c->final_reason, "Connected");
	ck_assert_uint_eq(c->attempt_us, T0_US);
	ck_assert_uint_eq(c->ringing_us, T0_US + 2100 * MS);
	ck_assert_uint_eq(c->answer_us, T0_US + 5000 * MS);
	ck_assert_uint_eq(c->end_us, T0_US + 9000 * MS);
	/* the caller's Proceed to its RingOut */
	ck_assert_double_eq_tol(c->post_dial_delay_ms, 200, 1e-9);
	ck_assert_uint_eq(c->n_flows, 2);
	ck_assert_uint_eq(c->n_media, 2);
	ck_assert_int_eq(c->media[0].sender, CALL_PARTY_CALLER);
	ck_assert_int_eq(c->media[1].sender, CALL_PARTY_CALLEE);
	ck_assert_uint_eq(c->n_messages, 10);
	for (size_t i = 1; i < c->n_messages; i++)
		ck_assert_uint_le(c->messages[i - 1].ts_us, c->messages[i].ts_us);
	call_table_free(t);
}
END_TEST

START_TEST(sccp_busy_is_failed_with_its_state)
{
	struct written w;
	struct call_table *t = table(&w);

	sccp_state(t, true, CALL_EV_ATTEMPT, CALL_EV_SIDE_CALLER, 0, 12,
		   "Proceed");
	sccp_state(t, true, CALL_EV_FAILURE, CALL_EV_SIDE_UNKNOWN, 800, 6,
		   "Busy");
	sccp_state(t, true, CALL_EV_END, CALL_EV_SIDE_UNKNOWN, 3000, 2,
		   "OnHook");
	call_table_flush(t, CALL_END_EOF);
	ck_assert_uint_eq(w.n, 1);
	ck_assert_str_eq(call_status_name(w.calls[0].status), "failed");
	ck_assert_uint_eq(w.calls[0].final_code, 6);
	ck_assert_str_eq(w.calls[0].final_reason, "Busy");
	ck_assert_uint_eq(w.calls[0].end_us, T0_US + 800 * MS);
	call_table_free(t);
}
END_TEST

START_TEST(sccp_on_hook_before_an_answer_is_unanswered)
{
	struct written w;
	struct call_table *t = table(&w);

	sccp_state(t, true, CALL_EV_ATTEMPT, CALL_EV_SIDE_CALLER, 0, 12,
		   "Proceed");
	sccp_state(t, true, CALL_EV_RINGING, CALL_EV_SIDE_CALLER, 100, 3,
		   "RingOut");
	sccp_state(t, true, CALL_EV_END, CALL_EV_SIDE_UNKNOWN, 20000, 2,
		   "OnHook");
	call_table_flush(t, CALL_END_EOF);
	ck_assert_uint_eq(w.n, 1);
	ck_assert_str_eq(call_status_name(w.calls[0].status), "unanswered");
	ck_assert_uint_eq(w.calls[0].final_code, 2);
	call_table_free(t);
}
END_TEST

START_TEST(sccp_call_seen_from_its_media_is_judged_by_it)
{
	struct written w;
	struct call_table *t = table(&w);

	sccp_media(t, false, true, CALLER, 6000, 0);
	media_flow(t, "sccp-conf-2", 150, 0, 0, PT_PCMU, "SCCP media");
	call_table_flush(t, CALL_END_EOF);
	ck_assert_uint_eq(w.n, 1);
	ck_assert_str_eq(call_status_name(w.calls[0].status), "one_way");
	ck_assert_uint_eq(w.calls[0].attempt_us, 0);
	ck_assert_uint_eq(w.calls[0].answer_us, 0);
	call_table_free(t);
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("call");
	TCase *tc = tcase_create("emodel");

	tcase_add_test(tc, clean_g711_scores_4_4);
	tcase_add_test(tc, g711_with_5_percent_random_loss_scores_3_9);
	tcase_add_test(tc, g729_takes_its_impairment);
	tcase_add_test(tc, video_and_unknown_codecs_have_no_score);
	tcase_add_test(tc, heavy_loss_stays_on_the_scale);
	suite_add_tcase(s, tc);
	tc = tcase_create("rtpstat");
	tcase_add_test(tc, intervals_count_each_second);
	tcase_add_test(tc, long_stream_merges_intervals);
	tcase_add_test(tc, late_packets_are_counted_by_the_buffer_model);
	tcase_add_test(tc, few_packets_keep_no_intervals);
	tcase_add_test(tc, static_payload_names);
	tcase_add_test(tc, static_payload_labels_and_clocks);
	suite_add_tcase(s, tc);
	tc = tcase_create("calls");
	tcase_add_test(tc, healthy_call_is_ok_with_its_mos);
	tcase_add_test(tc, lossy_call_is_poor_quality);
	tcase_add_test(tc, video_has_no_mos);
	tcase_add_test(tc, one_way_and_no_media);
	tcase_add_test(tc, setup_verdicts);
	tcase_add_test(tc, calls_kept_are_bounded);
	tcase_add_test(tc, messages_a_call_are_bounded);
	suite_add_tcase(s, tc);
	tc = tcase_create("h323-sccp");
	tcase_add_test(tc, h323_answered_call_is_ok_with_its_release_cause);
	tcase_add_test(tc, h323_release_before_connect_is_failed_with_its_cause);
	tcase_add_test(tc, h323_caller_giving_up_or_no_answer_is_unanswered);
	tcase_add_test(tc, h323_ringing_at_the_end_is_in_progress);
	tcase_add_test(tc, h323_release_alone_is_no_call);
	tcase_add_test(tc,
		       h323_signalling_never_connected_is_unanswered_or_refused);
	tcase_add_test(tc, sccp_legs_are_joined_by_their_media);
	tcase_add_test(tc, sccp_busy_is_failed_with_its_state);
	tcase_add_test(tc, sccp_on_hook_before_an_answer_is_unanswered);
	tcase_add_test(tc, sccp_call_seen_from_its_media_is_judged_by_it);
	suite_add_tcase(s, tc);
	return s;
}
