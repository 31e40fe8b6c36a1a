/* \summary: tests of the SIP recogniser and the SDP announcements it makes */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vcflow/proto.h"
#include "vcflow/sdp.h"
#include "vcflow/sip.h"
#include "vcflow/stream.h"

extern const struct recogniser proto_sip;

/* Messages, written after RFC 3261 sec 24, RFC 3665 and RFC 4566. */

static const char invite_headers[] =
	"INVITE sip:bob@biloxi.example.com SIP/2.0\r\n"
	"Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bKnashds8\r\n"
	"Max-Forwards: 70\r\n"
	"To: Bob <sip:bob@biloxi.example.com>\r\n"
	"From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\r\n"
	"Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r\n"
	"CSeq: 314159 INVITE\r\n"
	"Contact: <sip:alice@pc33.atlanta.example.com>\r\n"
	"User-Agent: Atlanta Softphone/2.1\r\n"
	"Allow: INVITE, ACK, CANCEL, BYE, OPTIONS\r\n"
	"Content-Type: application/sdp\r\n";

static const char ok_headers[] =
	"SIP/2.0 200 OK\r\n"
	"Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bKnashds8"
	";received=192.0.2.101\r\n"
	"To: Bob <sip:bob@biloxi.example.com>;tag=a6c85cf\r\n"
	"From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\r\n"
	"Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r\n"
	"CSeq: 314159 INVITE\r\n"
	"Contact: <sip:bob@192.0.2.201>\r\n"
	"Server: Biloxi PBX 7.0\r\n"
	"Content-Type: application/sdp\r\n";

static const char progress_headers[] =
	"SIP/2.0 183 Session Progress\r\n"
	"Via: SIP/2.0/TCP pc33.atlanta.example.com;branch=z9hG4bKnashds8\r\n"
	"To: Bob <sip:bob@biloxi.example.com>;tag=a6c85cf\r\n"
	"From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\r\n"
	"Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r\n"
	"CSeq: 314159 INVITE\r\n"
	"Server: Biloxi PBX 7.0\r\n"
	"Content-Type: application/sdp\r\n";

static const char register_headers[] =
	"REGISTER sip:registrar.biloxi.example.com SIP/2.0\r\n"
	"Via: SIP/2.0/UDP bobspc.biloxi.example.com:5060;branch=z9hG4bKnashds7\r\n"
	"Max-Forwards: 70\r\n"
	"To: Bob <sip:bob@biloxi.example.com>\r\n"
	"From: Bob <sip:bob@biloxi.example.com>;tag=456248\r\n"
	"Call-ID: 843817637684230@998sdasdh09\r\n"
	"CSeq: 1826 REGISTER\r\n"
	"Contact: <sip:bob@192.0.2.4>\r\n"
	"Expires: 7200\r\n"
	"User-Agent: Biloxi Deskphone 3.4\r\n";

/* The compact forms of RFC 3261 sec 7.3.3, Content-Length as "l". */
static const char compact_headers[] =
	"INVITE sip:bob@biloxi.example.com SIP/2.0\r\n"
	"v: SIP/2.0/TCP pc33.atlanta.example.com;branch=z9hG4bKnashds9\r\n"
	"t: <sip:bob@biloxi.example.com>\r\n"
	"f: <sip:alice@atlanta.example.com>;tag=88sja8x\r\n"
	"i: compact-1@pc33.atlanta.example.com\r\n"
	"CSeq: 1 INVITE\r\n"
	"m: <sip:alice@pc33.atlanta.example.com;transport=tcp>\r\n"
	"c: application/sdp\r\n";

static const char audio_sdp[] =
	"v=0\r\n"
	"o=alice 2890844526 2890844526 IN IP4 pc33.atlanta.example.com\r\n"
	"s=-\r\n"
	"c=IN IP4 192.0.2.101\r\n"
	"t=0 0\r\n"
	"m=audio 49172 RTP/AVP 0\r\n"
	"a=rtpmap:0 PCMU/8000\r\n";

static const char answer_sdp[] =
	"v=0\r\n"
	"o=bob 2808844564 2808844564 IN IP4 192.0.2.201\r\n"
	"s=-\r\n"
	"c=IN IP4 192.0.2.201\r\n"
	"t=0 0\r\n"
	"m=audio 3456 RTP/AVP 0\r\n"
	"a=rtpmap:0 PCMU/8000\r\n";

static const char early_sdp[] =
	"v=0\r\n"
	"o=bob 2808844564 2808844565 IN IP4 192.0.2.201\r\n"
	"s=-\r\n"
	"c=IN IP4 192.0.2.201\r\n"
	"t=0 0\r\n"
	"m=audio 7078 RTP/AVP 0\r\n";

/* RFC 4583 sec 10 style: a call with audio, video and BFCP. */
static const char av_bfcp_sdp[] =
	"v=0\r\n"
	"o=alice 2890844526 2890844526 IN IP4 192.0.2.101\r\n"
	"s=-\r\n"
	"c=IN IP4 192.0.2.101\r\n"
	"t=0 0\r\n"
	"m=audio 49170 RTP/AVP 0 8\r\n"
	"a=rtpmap:0 PCMU/8000\r\n"
	"m=video 51372 RTP/AVP 31\r\n"
	"a=rtpmap:31 H261/90000\r\n"
	"m=application 50000 TCP/BFCP *\r\n"
	"a=setup:passive\r\n"
	"a=connection:new\r\n"
	"a=floorctrl:s-only\r\n"
	"a=confid:4321\r\n"
	"a=userid:1234\r\n";

/* RFC 3605 sec 2.1, with a second stream that names only the port. */
static const char rtcp_attr_sdp[] =
	"v=0\r\n"
	"o=alice 2890844526 2890844526 IN IP4 192.0.2.101\r\n"
	"s=-\r\n"
	"c=IN IP4 192.0.2.101\r\n"
	"t=0 0\r\n"
	"m=audio 49170 RTP/AVP 0\r\n"
	"a=rtcp:53020 IN IP4 198.51.100.7\r\n"
	"m=video 49180 RTP/AVP 31\r\n"
	"a=rtcp:53022\r\n";

/* RFC 5761 sec 5.1.1. */
static const char rtcp_mux_sdp[] =
	"v=0\r\n"
	"o=alice 2890844526 2890844526 IN IP4 192.0.2.101\r\n"
	"s=-\r\n"
	"c=IN IP4 192.0.2.101\r\n"
	"t=0 0\r\n"
	"m=audio 49170 RTP/SAVPF 0\r\n"
	"a=rtcp-mux\r\n";

/* Session-level IPv6, and a media-level c= that replaces it. */
static const char ipv6_sdp[] =
	"v=0\r\n"
	"o=alice 2890844526 2890844526 IN IP6 2001:db8::10\r\n"
	"s=-\r\n"
	"c=IN IP6 2001:db8::10\r\n"
	"t=0 0\r\n"
	"m=audio 49170 RTP/AVP 0\r\n"
	"m=video 51372 RTP/AVP 31\r\n"
	"c=IN IP6 2001:db8:0:1::20\r\n";

/* RFC 8839 sec 5.1 examples, plus RFC 6544 TCP candidates and mDNS. */
static const char ice_sdp[] =
	"v=0\r\n"
	"o=jdoe 2890844526 2890842807 IN IP4 203.0.113.141\r\n"
	"s=-\r\n"
	"c=IN IP4 192.0.2.3\r\n"
	"t=0 0\r\n"
	"a=ice-pwd:asd88fgpdd777uzjYhagZg\r\n"
	"a=ice-ufrag:8hhY\r\n"
	"m=audio 45664 RTP/AVP 0\r\n"
	"a=candidate:1 1 UDP 2130706431 203.0.113.141 8998 typ host\r\n"
	"a=candidate:1 2 UDP 2130706430 203.0.113.141 8999 typ host\r\n"
	"a=candidate:2 1 UDP 1694498815 192.0.2.3 45664 typ srflx"
	" raddr 203.0.113.141 rport 8998\r\n"
	"a=candidate:3 1 UDP 16777215 198.51.100.9 3478 typ relay"
	" raddr 192.0.2.3 rport 45664\r\n"
	"a=candidate:4 1 TCP 1518280447 203.0.113.141 9 typ host"
	" tcptype active\r\n"
	"a=candidate:5 1 TCP 1518214911 203.0.113.141 9010 typ host"
	" tcptype passive\r\n"
	"a=candidate:6 1 UDP 2122262783 3c5e9f1a.local 50123 typ host\r\n";

static const char port_zero_sdp[] =
	"v=0\r\n"
	"o=alice 2890844526 2890844526 IN IP4 192.0.2.101\r\n"
	"s=-\r\n"
	"c=IN IP4 192.0.2.101\r\n"
	"t=0 0\r\n"
	"m=audio 49170 RTP/AVP 0\r\n"
	"m=video 0 RTP/AVP 31\r\n"
	"a=candidate:1 1 UDP 2130706431 192.0.2.101 51372 typ host\r\n";

static const char udp_bfcp_t38_sdp[] =
	"v=0\r\n"
	"o=alice 2890844526 2890844526 IN IP4 192.0.2.101\r\n"
	"s=-\r\n"
	"c=IN IP4 192.0.2.101\r\n"
	"t=0 0\r\n"
	"m=application 50002 UDP/BFCP *\r\n"
	"m=image 49180 udptl t38\r\n"
	"a=T38FaxVersion:0\r\n"
	"m=application 50004 TCP/TLS/BFCP *\r\n"
	"a=setup:active\r\n";

static const char hold_sdp[] =
	"v=0\r\n"
	"o=alice 2890844526 2890844527 IN IP4 192.0.2.101\r\n"
	"s=-\r\n"
	"c=IN IP4 0.0.0.0\r\n"
	"t=0 0\r\n"
	"m=audio 49170 RTP/AVP 0\r\n";

/* Test plumbing: a message builder, a recording sink, a flow. */

#define MSG_MAX 16384
#define MAX_SEEN 64
#define INVITE_CALL_ID "a84b4c76e66710@pc33.atlanta.example.com"

struct msg {
	char text[MSG_MAX];
	size_t len;
};

/* Headers (without Content-Length) and a body become one message. */
static void build(struct msg *m, const char *headers, const char *body)
{
	int n = snprintf(m->text, sizeof m->text,
			 "%sContent-Length: %zu\r\n\r\n%s", headers,
			 strlen(body), body);

	ck_assert(n > 0 && (size_t)n < sizeof m->text);
	m->len = (size_t)n;
}

static void append(struct msg *m, const struct msg *more)
{
	ck_assert_uint_lt(m->len + more->len, sizeof m->text);
	memcpy(m->text + m->len, more->text, more->len);
	m->len += more->len;
}

struct seen {
	struct addr addr;
	uint16_t port;
	uint8_t transport;
	enum app app;
	char what[32];
	char call_id[PROTO_CALLID_MAX];
};

struct flow {
	void *state;
	struct proto_report rep;
	struct proto_sink sink;
	size_t n_seen;
	struct seen seen[MAX_SEEN];
};

static void record(void *ctx, const struct proto_pkt *from,
		   const struct proto_announce *a)
{
	struct flow *f = ctx;
	struct seen *s;

	ck_assert_ptr_nonnull(from);
	ck_assert_ptr_nonnull(a->what);
	ck_assert_uint_ne(a->port, 0);
	ck_assert_uint_lt(f->n_seen, MAX_SEEN);
	s = &f->seen[f->n_seen++];
	s->addr = a->addr;
	s->port = a->port;
	s->transport = a->transport;
	s->app = a->app;
	snprintf(s->what, sizeof s->what, "%s", a->what);
	snprintf(s->call_id, sizeof s->call_id, "%s",
		 a->call_id ? a->call_id : "");
}

static struct flow *flow_new(void)
{
	struct flow *f = calloc(1, sizeof *f);

	ck_assert_ptr_nonnull(f);
	f->state = calloc(1, proto_sip.state_size);
	ck_assert_ptr_nonnull(f->state);
	f->sink.announce = record;
	f->sink.ctx = f;
	return f;
}

static void flow_free(struct flow *f)
{
	if (proto_sip.release)
		proto_sip.release(f->state);
	free(f->state);
	free(f);
}

static enum proto_verdict send_bytes(struct flow *f, uint8_t transport,
				     bool from_initiator, const void *data,
				     size_t len, bool gap)
{
	struct proto_pkt pkt;

	memset(&pkt, 0, sizeof pkt);
	pkt.data = data;
	pkt.len = len;
	pkt.transport = transport;
	pkt.from_initiator = from_initiator;
	ck_assert(addr_parse(from_initiator ? "192.0.2.101" : "192.0.2.201",
			     &pkt.src));
	ck_assert(addr_parse(from_initiator ? "192.0.2.201" : "192.0.2.101",
			     &pkt.dst));
	pkt.sport = 5060;
	pkt.dport = 5060;
	pkt.gap = gap;
	return proto_sip.search(f->state, &pkt, &f->rep, &f->sink);
}

static enum proto_verdict send_msg(struct flow *f, uint8_t transport,
				   bool from_initiator, const struct msg *m)
{
	return send_bytes(f, transport, from_initiator, m->text, m->len, false);
}

/* One announcement expected; `what` NULL matches any. */
struct want {
	const char *addr;
	uint16_t port;
	uint8_t transport;
	enum app app;
	const char *what;
};

static bool matches(const struct seen *s, const struct want *w)
{
	struct addr a;

	ck_assert(addr_parse(w->addr, &a));
	return addr_cmp(&a, &s->addr) == 0 && s->port == w->port &&
	       s->transport == w->transport && s->app == w->app &&
	       (!w->what || strcmp(w->what, s->what) == 0);
}

/* Exactly these announcements, in any order. */
static void assert_announced(const struct flow *f, const struct want *w,
			     size_t n)
{
	bool used[MAX_SEEN] = { false };

	for (size_t i = 0; i < n; i++) {
		size_t j = 0;
		while (j < f->n_seen && (used[j] || !matches(&f->seen[j], &w[i])))
			j++;
		ck_assert_msg(j < f->n_seen, "not announced: %s port %u app %s",
			      w[i].addr, w[i].port, app_name(w[i].app));
		used[j] = true;
	}
	ck_assert_uint_eq(f->n_seen, n);
}

#define ASSERT_ANNOUNCED(f, w) assert_announced(f, w, sizeof w / sizeof *w)

/* Announcements of one SDP carried in an INVITE over UDP. */
static struct flow *invite_with_sdp(const char *sdp)
{
	struct flow *f = flow_new();
	struct msg m;

	build(&m, invite_headers, sdp);
	ck_assert_int_eq(send_msg(f, PROTO_UDP, true, &m), PROTO_YES);
	return f;
}

/* A small deterministic generator (xorshift32) for the fuzz tests. */
static uint32_t next_random(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

static void assert_sane_announcements(const struct flow *f)
{
	for (size_t i = 0; i < f->n_seen; i++) {
		enum app app = f->seen[i].app;
		ck_assert(app == APP_RTP || app == APP_RTCP ||
			  app == APP_BFCP || app == APP_T38);
		ck_assert(f->seen[i].transport == PROTO_UDP ||
			  f->seen[i].transport == PROTO_TCP);
	}
}

/* Recognition and the report. */

START_TEST(test_invite_over_udp_gives_method_callid_and_user_agent)
{
	struct flow *f = invite_with_sdp(audio_sdp);

	ck_assert_str_eq(f->rep.detail, "INVITE");
	ck_assert_str_eq(f->rep.call_id, INVITE_CALL_ID);
	ck_assert_str_eq(f->rep.product, "Atlanta Softphone/2.1");
	ck_assert_int_eq(f->rep.app, APP_SIP);
	flow_free(f);
}
END_TEST

START_TEST(test_200_ok_over_udp_gives_status_and_server)
{
	struct flow *f = flow_new();
	struct msg m;

	build(&m, ok_headers, answer_sdp);
	ck_assert_int_eq(send_msg(f, PROTO_UDP, false, &m), PROTO_YES);
	ck_assert_str_eq(f->rep.detail, "200 OK");
	ck_assert_str_eq(f->rep.call_id, INVITE_CALL_ID);
	ck_assert_str_eq(f->rep.product, "Biloxi PBX 7.0");
	flow_free(f);
}
END_TEST

START_TEST(test_invite_then_200_ok_reports_the_outcome_of_the_call)
{
	struct flow *f = invite_with_sdp(audio_sdp);
	struct msg m;

	build(&m, ok_headers, answer_sdp);
	ck_assert_int_eq(send_msg(f, PROTO_UDP, false, &m), PROTO_YES);
	ck_assert_str_eq(f->rep.detail, "INVITE ... 200 OK");
	ck_assert_str_eq(f->rep.product, "Atlanta Softphone/2.1");
	flow_free(f);
}
END_TEST

START_TEST(test_register_gives_method_callid_and_user_agent)
{
	struct flow *f = flow_new();
	struct msg m;

	build(&m, register_headers, "");
	ck_assert_int_eq(send_msg(f, PROTO_UDP, true, &m), PROTO_YES);
	ck_assert_str_eq(f->rep.detail, "REGISTER");
	ck_assert_str_eq(f->rep.call_id, "843817637684230@998sdasdh09");
	ck_assert_str_eq(f->rep.product, "Biloxi Deskphone 3.4");
	ck_assert_uint_eq(f->n_seen, 0);
	flow_free(f);
}
END_TEST

START_TEST(test_invite_after_register_becomes_the_reported_call)
{
	struct flow *f = flow_new();
	struct msg reg, inv;

	build(&reg, register_headers, "");
	build(&inv, invite_headers, audio_sdp);
	ck_assert_int_eq(send_msg(f, PROTO_UDP, true, &reg), PROTO_YES);
	ck_assert_int_eq(send_msg(f, PROTO_UDP, true, &inv), PROTO_YES);
	ck_assert_str_eq(f->rep.detail, "INVITE");
	ck_assert_str_eq(f->rep.call_id, INVITE_CALL_ID);
	/* The first product seen stays. */
	ck_assert_str_eq(f->rep.product, "Biloxi Deskphone 3.4");
	flow_free(f);
}
END_TEST

START_TEST(test_sip_on_a_non_standard_port_is_recognised)
{
	struct flow *f = flow_new();
	struct proto_pkt pkt;
	struct msg m;

	build(&m, invite_headers, audio_sdp);
	memset(&pkt, 0, sizeof pkt);
	pkt.data = (const uint8_t *)m.text;
	pkt.len = m.len;
	pkt.transport = PROTO_UDP;
	pkt.from_initiator = true;
	pkt.sport = 40123;
	pkt.dport = 15060;
	ck_assert_int_eq(proto_sip.search(f->state, &pkt, &f->rep, &f->sink),
			 PROTO_YES);
	ck_assert_str_eq(f->rep.detail, "INVITE");
	flow_free(f);
}
END_TEST

START_TEST(test_recogniser_describes_itself)
{
	ck_assert_str_eq(proto_sip.name, "sip");
	ck_assert_int_eq(proto_sip.app, APP_SIP);
	ck_assert_uint_eq(proto_sip.transports, PROTO_TCP | PROTO_UDP);
	ck_assert_uint_ge(proto_sip.budget, 4);
	ck_assert_uint_ge(proto_sip.follow_budget, 100);
	ck_assert_uint_gt(proto_sip.state_size, 0);
}
END_TEST

/* TCP framing. */

static const struct want audio_offer[] = {
	{ "192.0.2.101", 49172, PROTO_UDP, APP_RTP, "audio" },
	{ "192.0.2.101", 49173, PROTO_UDP, APP_RTCP, NULL },
};

START_TEST(test_tcp_message_split_in_two_segments_is_reassembled)
{
	struct msg m;

	build(&m, invite_headers, audio_sdp);
	for (size_t cut = 1; cut < m.len; cut++) {
		struct flow *f = flow_new();
		ck_assert_int_eq(send_bytes(f, PROTO_TCP, true, m.text, cut,
					    false),
				 PROTO_MORE);
		ck_assert_int_eq(send_bytes(f, PROTO_TCP, true, m.text + cut,
					    m.len - cut, false),
				 PROTO_YES);
		ck_assert_str_eq(f->rep.call_id, INVITE_CALL_ID);
		ASSERT_ANNOUNCED(f, audio_offer);
		flow_free(f);
	}
}
END_TEST

START_TEST(test_tcp_message_split_in_three_segments_is_reassembled)
{
	struct msg m;

	build(&m, invite_headers, audio_sdp);
	for (size_t a = 1; a + 1 < m.len; a += 7) {
		for (size_t b = a + 1; b < m.len; b += 23) {
			struct flow *f = flow_new();
			ck_assert_int_eq(send_bytes(f, PROTO_TCP, true, m.text,
						    a, false),
					 PROTO_MORE);
			ck_assert_int_eq(send_bytes(f, PROTO_TCP, true,
						    m.text + a, b - a, false),
					 PROTO_MORE);
			ck_assert_int_eq(send_bytes(f, PROTO_TCP, true,
						    m.text + b, m.len - b,
						    false),
					 PROTO_YES);
			ASSERT_ANNOUNCED(f, audio_offer);
			flow_free(f);
		}
	}
}
END_TEST

START_TEST(test_two_messages_in_one_tcp_segment_are_both_parsed)
{
	static const struct want both[] = {
		{ "192.0.2.201", 7078, PROTO_UDP, APP_RTP, "audio" },
		{ "192.0.2.201", 7079, PROTO_UDP, APP_RTCP, NULL },
		{ "192.0.2.201", 3456, PROTO_UDP, APP_RTP, "audio" },
		{ "192.0.2.201", 3457, PROTO_UDP, APP_RTCP, NULL },
	};
	struct flow *f = flow_new();
	struct msg seg, ok;

	build(&seg, progress_headers, early_sdp);
	build(&ok, ok_headers, answer_sdp);
	append(&seg, &ok);
	ck_assert_int_eq(send_msg(f, PROTO_TCP, false, &seg), PROTO_YES);
	ASSERT_ANNOUNCED(f, both);
	for (size_t i = 0; i < f->n_seen; i++)
		ck_assert_str_eq(f->seen[i].call_id, INVITE_CALL_ID);
	flow_free(f);
}
END_TEST

START_TEST(test_message_and_a_half_in_a_segment_keeps_the_half)
{
	static const struct want answer[] = {
		{ "192.0.2.201", 3456, PROTO_UDP, APP_RTP, "audio" },
		{ "192.0.2.201", 3457, PROTO_UDP, APP_RTCP, NULL },
	};
	struct flow *f = flow_new();
	struct msg first, second;
	size_t half;

	build(&first, progress_headers, "");
	build(&second, ok_headers, answer_sdp);
	half = second.len / 2;
	ck_assert_uint_lt(first.len + half, sizeof first.text);
	memcpy(first.text + first.len, second.text, half);
	ck_assert_int_eq(send_bytes(f, PROTO_TCP, false, first.text,
				    first.len + half, false),
			 PROTO_YES);
	ck_assert_uint_eq(f->n_seen, 0);
	ck_assert_int_eq(send_bytes(f, PROTO_TCP, false, second.text + half,
				    second.len - half, false),
			 PROTO_YES);
	ASSERT_ANNOUNCED(f, answer);
	flow_free(f);
}
END_TEST

START_TEST(test_compact_content_length_frames_tcp_messages)
{
	static const struct want offer[] = {
		{ "192.0.2.101", 49172, PROTO_UDP, APP_RTP, "audio" },
		{ "192.0.2.101", 49173, PROTO_UDP, APP_RTCP, NULL },
		{ "192.0.2.101", 49172, PROTO_UDP, APP_RTP, "audio" },
		{ "192.0.2.101", 49173, PROTO_UDP, APP_RTCP, NULL },
	};
	struct flow *f = flow_new();
	struct msg m, two;
	int n = snprintf(m.text, sizeof m.text, "%sl: %zu\r\n\r\n%s",
			 compact_headers, strlen(audio_sdp), audio_sdp);

	m.len = (size_t)n;
	two = m;
	append(&two, &m);
	ck_assert_int_eq(send_bytes(f, PROTO_TCP, true, two.text, two.len - 10,
				    false),
			 PROTO_YES);
	ck_assert_str_eq(f->rep.call_id, "compact-1@pc33.atlanta.example.com");
	ck_assert_int_eq(send_bytes(f, PROTO_TCP, true,
				    two.text + two.len - 10, 10, false),
			 PROTO_YES);
	ASSERT_ANNOUNCED(f, offer);
	flow_free(f);
}
END_TEST

START_TEST(test_gap_discards_the_partial_message)
{
	static const struct want answer[] = {
		{ "192.0.2.201", 3456, PROTO_UDP, APP_RTP, "audio" },
		{ "192.0.2.201", 3457, PROTO_UDP, APP_RTCP, NULL },
	};
	struct flow *f = flow_new();
	struct msg lost, next;
	size_t cut;

	build(&lost, invite_headers, audio_sdp);
	build(&next, ok_headers, answer_sdp);
	cut = lost.len / 3;
	ck_assert_int_eq(send_bytes(f, PROTO_TCP, false, lost.text, cut, false),
			 PROTO_MORE);
	/* The middle third never arrives. */
	ck_assert_int_eq(send_bytes(f, PROTO_TCP, false, lost.text + 2 * cut,
				    lost.len - 2 * cut, true),
			 PROTO_MORE);
	ck_assert_uint_eq(f->n_seen, 0);
	ck_assert_int_eq(send_msg(f, PROTO_TCP, false, &next), PROTO_YES);
	ASSERT_ANNOUNCED(f, answer);
	flow_free(f);
}
END_TEST

START_TEST(test_gap_after_sip_resynchronises_on_the_next_start_line)
{
	struct flow *f = flow_new();
	struct msg first, lost, next, seg;
	size_t cut;

	build(&first, register_headers, "");
	build(&lost, invite_headers, audio_sdp);
	build(&next, ok_headers, answer_sdp);
	ck_assert_int_eq(send_msg(f, PROTO_TCP, true, &first), PROTO_YES);
	/* The tail of a message whose head was lost, then a whole one. */
	cut = lost.len / 2;
	memcpy(seg.text, lost.text + cut, lost.len - cut);
	seg.len = lost.len - cut;
	append(&seg, &next);
	ck_assert_int_eq(send_bytes(f, PROTO_TCP, true, seg.text, seg.len,
				    true),
			 PROTO_YES);
	ck_assert_uint_eq(f->n_seen, 2);
	ck_assert_uint_eq(f->seen[0].port, 3456);
	flow_free(f);
}
END_TEST

/* A message as a stream of MSS-sized segments, counted as the classifier
 * counts them against the recogniser's budget; the verdict of the last. */
static enum proto_verdict send_segments(struct flow *f, bool from_initiator,
					const char *text, size_t len,
					size_t mss, size_t *segments)
{
	enum proto_verdict v = PROTO_MORE;

	*segments = 0;
	for (size_t at = 0; at < len; at += mss) {
		size_t n = len - at < mss ? len - at : mss;
		ck_assert_msg(*segments < proto_sip.budget,
			      "budget spent after %zu segments", *segments);
		ck_assert_int_eq(v, PROTO_MORE);
		v = send_bytes(f, PROTO_TCP, from_initiator, text + at, n,
			       false);
		(*segments)++;
	}
	return v;
}

/* An SDP body of about `size` bytes: audio, and video when asked, with the
 * attribute lines a video endpoint piles up (RFC 4585, RFC 6184). */
static void long_sdp(char *dst, size_t dstlen, size_t size, bool video)
{
	int n = snprintf(dst, dstlen,
			 "v=0\r\n"
			 "o=alice 2890844526 2890844526 IN IP4 192.0.2.101\r\n"
			 "s=-\r\n"
			 "c=IN IP4 192.0.2.101\r\n"
			 "t=0 0\r\n"
			 "m=audio 49170 RTP/AVP 0\r\n"
			 "a=rtpmap:0 PCMU/8000\r\n"
			 "%s",
			 video ? "m=video 51372 RTP/AVPF 96\r\n"
				 "a=rtpmap:96 H264/90000\r\n"
			       : "");
	size_t used = (size_t)n;

	ck_assert(n > 0 && used < dstlen);
	for (unsigned i = 0; used < size; i++) {
		n = snprintf(dst + used, dstlen - used,
			     "a=fmtp:96 profile-level-id=42e01f;"
			     "packetization-mode=1;max-fs=%u\r\n"
			     "a=rtcp-fb:96 ccm fir\r\n",
			     3600 + i);
		ck_assert(n > 0 && (size_t)n < dstlen - used);
		used += (size_t)n;
	}
}

#define MSS_SMALL 536 /* the IPv4 default (RFC 879) */

START_TEST(test_5_kb_invite_over_10_segments_is_sip)
{
	static const struct want offer[] = {
		{ "192.0.2.101", 49170, PROTO_UDP, APP_RTP, "audio" },
		{ "192.0.2.101", 49171, PROTO_UDP, APP_RTCP, NULL },
	};
	struct flow *f = flow_new();
	char sdp[6000];
	struct msg m;
	size_t segments;

	long_sdp(sdp, sizeof sdp, 4500, false);
	build(&m, invite_headers, sdp);
	ck_assert_uint_gt(m.len, 9 * MSS_SMALL);
	ck_assert_uint_le(m.len, 10 * MSS_SMALL);
	ck_assert_int_eq(send_segments(f, true, m.text, m.len, MSS_SMALL,
				       &segments),
			 PROTO_YES);
	ck_assert_uint_eq(segments, 10);
	ck_assert_str_eq(f->rep.detail, "INVITE");
	ck_assert_str_eq(f->rep.call_id, INVITE_CALL_ID);
	ASSERT_ANNOUNCED(f, offer);
	flow_free(f);
}
END_TEST

START_TEST(test_10_kb_invite_with_video_sdp_is_sip_and_its_sdp_announced)
{
	static const struct want offer[] = {
		{ "192.0.2.101", 49170, PROTO_UDP, APP_RTP, "audio" },
		{ "192.0.2.101", 49171, PROTO_UDP, APP_RTCP, NULL },
		{ "192.0.2.101", 51372, PROTO_UDP, APP_RTP, "video" },
		{ "192.0.2.101", 51373, PROTO_UDP, APP_RTCP, NULL },
	};
	struct flow *f = flow_new();
	char sdp[11000];
	struct msg m;
	size_t segments;

	long_sdp(sdp, sizeof sdp, 10000, true);
	build(&m, invite_headers, sdp);
	ck_assert_uint_gt(m.len, 10000);
	ck_assert_int_eq(send_segments(f, true, m.text, m.len, MSS_SMALL,
				       &segments),
			 PROTO_YES);
	ck_assert_uint_eq(segments, (m.len + MSS_SMALL - 1) / MSS_SMALL);
	ck_assert_str_eq(f->rep.detail, "INVITE");
	ASSERT_ANNOUNCED(f, offer);
	flow_free(f);
}
END_TEST

START_TEST(test_lying_content_length_then_valid_message_resynchronises)
{
	static const struct want answer[] = {
		{ "192.0.2.201", 3456, PROTO_UDP, APP_RTP, "audio" },
		{ "192.0.2.201", 3457, PROTO_UDP, APP_RTCP, NULL },
	};
	struct flow *f = flow_new();
	struct msg liar, next;
	int n;

	/* It claims 4000 bytes of body and sends a short SDP. */
	n = snprintf(liar.text, sizeof liar.text,
		     "%sContent-Length: 4000\r\n\r\n%s", invite_headers,
		     audio_sdp);
	liar.len = (size_t)n;
	build(&next, ok_headers, answer_sdp);
	ck_assert_int_eq(send_msg(f, PROTO_TCP, false, &liar), PROTO_MORE);
	ck_assert_int_eq(send_msg(f, PROTO_TCP, false, &next), PROTO_YES);
	ck_assert_str_eq(f->rep.detail, "200 OK");
	ASSERT_ANNOUNCED(f, answer);
	flow_free(f);
}
END_TEST

START_TEST(test_short_content_length_then_valid_message_resynchronises)
{
	static const struct want answer[] = {
		{ "192.0.2.201", 3456, PROTO_UDP, APP_RTP, "audio" },
		{ "192.0.2.201", 3457, PROTO_UDP, APP_RTCP, NULL },
	};
	struct flow *f = flow_new();
	struct msg seg, next;
	int n;

	/* It claims 12 bytes: the rest of its SDP is no message. */
	n = snprintf(seg.text, sizeof seg.text,
		     "%sContent-Length: 12\r\n\r\n%s", progress_headers,
		     early_sdp);
	seg.len = (size_t)n;
	build(&next, ok_headers, answer_sdp);
	append(&seg, &next);
	ck_assert_int_eq(send_msg(f, PROTO_TCP, false, &seg), PROTO_YES);
	ASSERT_ANNOUNCED(f, answer);
	flow_free(f);
}
END_TEST

START_TEST(test_garbage_between_tcp_messages_resynchronises)
{
	static const char garbage[] = "\x16\x03\x01 not SIP\r\nnor this\r\n";
	struct flow *f = flow_new();
	struct msg first, next;

	build(&first, register_headers, "");
	build(&next, ok_headers, answer_sdp);
	ck_assert_int_eq(send_msg(f, PROTO_TCP, true, &first), PROTO_YES);
	ck_assert_int_eq(send_bytes(f, PROTO_TCP, true, garbage,
				    strlen(garbage), false),
			 PROTO_YES);
	ck_assert_uint_eq(f->n_seen, 0);
	ck_assert_int_eq(send_msg(f, PROTO_TCP, true, &next), PROTO_YES);
	ck_assert_uint_eq(f->n_seen, 2);
	ck_assert_uint_eq(f->seen[0].port, 3456);
	flow_free(f);
}
END_TEST

START_TEST(test_status_line_in_a_sipfrag_body_is_not_a_new_message)
{
	static const char notify[] =
		"NOTIFY sip:alice@pc33.atlanta.example.com SIP/2.0\r\n"
		"Via: SIP/2.0/TCP biloxi.example.com;branch=z9hG4bK9922ef992\r\n"
		"To: <sip:alice@atlanta.example.com>;tag=1928301774\r\n"
		"From: <sip:bob@biloxi.example.com>;tag=a6c85cf\r\n"
		"Call-ID: refer-1@pc33.atlanta.example.com\r\n"
		"CSeq: 993809 NOTIFY\r\n"
		"Event: refer\r\n"
		"Content-Type: message/sipfrag;version=2.0\r\n";
	struct flow *f = flow_new();
	struct msg m;

	build(&m, notify, "SIP/2.0 200 OK\r\n");
	ck_assert_int_eq(send_msg(f, PROTO_TCP, false, &m), PROTO_YES);
	ck_assert_str_eq(f->rep.detail, "NOTIFY");
	flow_free(f);
}
END_TEST

START_TEST(test_bad_tcp_messages_say_no_once_the_budget_is_spent)
{
	static const char bad[] = "INVITE sip:bob@biloxi.example.com SIP/2.0\r\n"
				  "Via: garbage\r\n"
				  "Call-ID: \r\n"
				  "From: <<<\r\n\r\n";
	struct flow *f = flow_new();
	enum proto_verdict v = PROTO_MORE;
	unsigned sent = 0;

	while (v == PROTO_MORE && sent < 100) {
		v = send_bytes(f, PROTO_TCP, true, bad, strlen(bad), false);
		sent++;
	}
	ck_assert_int_eq(v, PROTO_NO);
	ck_assert_uint_gt(sent, 1);
	ck_assert_uint_le(sent, proto_sip.budget);
	flow_free(f);
}
END_TEST

START_TEST(test_tcp_message_over_64_kib_is_dropped_and_the_next_is_read)
{
	static const char head[] = "MESSAGE sip:bob@biloxi.example.com SIP/2.0\r\n"
				   "Call-ID: big@atlanta.example.com\r\n"
				   "CSeq: 1 MESSAGE\r\n"
				   "Content-Type: text/plain\r\n"
				   "Content-Length: %zu\r\n\r\n";
	size_t body = SIP_MESSAGE_MAX + 4000, cap = body + MSG_MAX + 512, len;
	char *all = malloc(cap);
	struct flow *f = flow_new();
	struct msg inv;
	size_t segments;
	int n;

	ck_assert_ptr_nonnull(all);
	n = snprintf(all, cap, head, body);
	ck_assert(n > 0);
	len = (size_t)n;
	memset(all + len, 'x', body);
	len += body;
	build(&inv, invite_headers, audio_sdp);
	memcpy(all + len, inv.text, inv.len);
	len += inv.len;
	/* The INVITE begins inside a segment that ends the big message. */
	ck_assert_int_eq(send_segments(f, true, all, len, 1460, &segments),
			 PROTO_YES);
	ck_assert_str_eq(f->rep.detail, "INVITE");
	ASSERT_ANNOUNCED(f, audio_offer);
	free(all);
	flow_free(f);
}
END_TEST

START_TEST(test_stream_bound_is_per_stream)
{
	static const uint8_t chunk[STREAM_MAX] = { 0 };
	struct stream small = { 0 }, big = { 0 };

	stream_setup(&big, SIP_MESSAGE_MAX, NULL);
	ck_assert_uint_eq(stream_max(&small), STREAM_MAX);
	ck_assert(stream_append(&small, chunk, sizeof chunk));
	ck_assert(!stream_append(&small, chunk, 1));
	for (size_t i = 0; i < SIP_MESSAGE_MAX / STREAM_MAX; i++)
		ck_assert(stream_append(&big, chunk, sizeof chunk));
	ck_assert(!stream_append(&big, chunk, 1));
	ck_assert_uint_eq(big.len, SIP_MESSAGE_MAX);
	stream_free(&small);
	stream_free(&big);
}
END_TEST

START_TEST(test_stream_pool_caps_what_its_streams_hold)
{
	static const uint8_t chunk[STREAM_MAX] = { 0 };
	struct stream_pool pool = { 0, 3 * STREAM_MAX };
	struct stream a = { 0 }, b = { 0 };

	stream_setup(&a, SIP_MESSAGE_MAX, &pool);
	stream_setup(&b, SIP_MESSAGE_MAX, &pool);
	ck_assert(stream_append(&a, chunk, sizeof chunk));
	ck_assert(stream_append(&a, chunk, sizeof chunk));
	ck_assert_uint_eq(pool.used, 2 * STREAM_MAX);
	/* a would double to 4 * STREAM_MAX; b's first buffer still fits */
	ck_assert(!stream_append(&a, chunk, 1));
	ck_assert_uint_eq(a.len, 2 * STREAM_MAX);
	ck_assert(stream_append(&b, chunk, sizeof chunk));
	ck_assert(!stream_append(&b, chunk, 1));
	ck_assert_uint_eq(pool.used, 3 * STREAM_MAX);
	/* A large message consumed gives its memory back. */
	stream_consume(&a, a.len);
	ck_assert_uint_eq(pool.used, STREAM_MAX);
	stream_free(&b);
	stream_free(&a);
	ck_assert_uint_eq(pool.used, 0);
}
END_TEST

/* SDP announcements. */

START_TEST(test_audio_video_bfcp_sdp_announces_rtp_rtcp_and_bfcp)
{
	static const struct want want[] = {
		{ "192.0.2.101", 49170, PROTO_UDP, APP_RTP, "audio" },
		{ "192.0.2.101", 49171, PROTO_UDP, APP_RTCP, NULL },
		{ "192.0.2.101", 51372, PROTO_UDP, APP_RTP, "video" },
		{ "192.0.2.101", 51373, PROTO_UDP, APP_RTCP, NULL },
		{ "192.0.2.101", 50000, PROTO_TCP, APP_BFCP, "BFCP" },
	};
	struct flow *f = invite_with_sdp(av_bfcp_sdp);

	ASSERT_ANNOUNCED(f, want);
	for (size_t i = 0; i < f->n_seen; i++)
		ck_assert_str_eq(f->seen[i].call_id, INVITE_CALL_ID);
	flow_free(f);
}
END_TEST

START_TEST(test_udp_bfcp_and_t38_take_their_transport_from_the_proto)
{
	/* The TCP/TLS/BFCP stream is the active end: it listens nowhere. */
	static const struct want want[] = {
		{ "192.0.2.101", 50002, PROTO_UDP, APP_BFCP, "BFCP" },
		{ "192.0.2.101", 49180, PROTO_UDP, APP_T38, "T.38" },
	};
	struct flow *f = invite_with_sdp(udp_bfcp_t38_sdp);

	ASSERT_ANNOUNCED(f, want);
	flow_free(f);
}
END_TEST

START_TEST(test_rtcp_attribute_sets_the_rtcp_port_and_address)
{
	static const struct want want[] = {
		{ "192.0.2.101", 49170, PROTO_UDP, APP_RTP, "audio" },
		{ "198.51.100.7", 53020, PROTO_UDP, APP_RTCP, NULL },
		{ "192.0.2.101", 49180, PROTO_UDP, APP_RTP, "video" },
		{ "192.0.2.101", 53022, PROTO_UDP, APP_RTCP, NULL },
	};
	struct flow *f = invite_with_sdp(rtcp_attr_sdp);

	ASSERT_ANNOUNCED(f, want);
	flow_free(f);
}
END_TEST

START_TEST(test_rtcp_mux_puts_rtcp_on_the_rtp_port)
{
	static const struct want want[] = {
		{ "192.0.2.101", 49170, PROTO_UDP, APP_RTP, "audio" },
		{ "192.0.2.101", 49170, PROTO_UDP, APP_RTCP, NULL },
	};
	struct flow *f = invite_with_sdp(rtcp_mux_sdp);

	ASSERT_ANNOUNCED(f, want);
	flow_free(f);
}
END_TEST

START_TEST(test_ipv6_connection_address_is_announced)
{
	static const struct want want[] = {
		{ "2001:db8::10", 49170, PROTO_UDP, APP_RTP, "audio" },
		{ "2001:db8::10", 49171, PROTO_UDP, APP_RTCP, NULL },
		{ "2001:db8:0:1::20", 51372, PROTO_UDP, APP_RTP, "video" },
		{ "2001:db8:0:1::20", 51373, PROTO_UDP, APP_RTCP, NULL },
	};
	struct flow *f = invite_with_sdp(ipv6_sdp);

	ASSERT_ANNOUNCED(f, want);
	flow_free(f);
}
END_TEST

START_TEST(test_ice_candidates_are_announced)
{
	/* Not announced: the active TCP candidate, the mDNS host name. */
	static const struct want want[] = {
		{ "192.0.2.3", 45664, PROTO_UDP, APP_RTP, "audio" },
		{ "192.0.2.3", 45665, PROTO_UDP, APP_RTCP, NULL },
		{ "203.0.113.141", 8998, PROTO_UDP, APP_RTP, "ICE candidate" },
		{ "203.0.113.141", 8999, PROTO_UDP, APP_RTCP, "ICE candidate" },
		{ "192.0.2.3", 45664, PROTO_UDP, APP_RTP, "ICE candidate" },
		{ "198.51.100.9", 3478, PROTO_UDP, APP_RTP, "ICE candidate" },
		{ "203.0.113.141", 9010, PROTO_TCP, APP_RTP, "ICE candidate" },
	};
	struct flow *f = invite_with_sdp(ice_sdp);

	ASSERT_ANNOUNCED(f, want);
	flow_free(f);
}
END_TEST

START_TEST(test_port_zero_stream_is_not_announced)
{
	static const struct want want[] = {
		{ "192.0.2.101", 49170, PROTO_UDP, APP_RTP, "audio" },
		{ "192.0.2.101", 49171, PROTO_UDP, APP_RTCP, NULL },
	};
	struct flow *f = invite_with_sdp(port_zero_sdp);

	ASSERT_ANNOUNCED(f, want);
	flow_free(f);
}
END_TEST

START_TEST(test_on_hold_address_is_not_announced)
{
	struct flow *f = invite_with_sdp(hold_sdp);

	ck_assert_uint_eq(f->n_seen, 0);
	flow_free(f);
}
END_TEST

START_TEST(test_multipart_body_sdp_is_read)
{
	static const char body[] =
		"--unique-boundary-1\r\n"
		"Content-Type: application/sdp\r\n"
		"\r\n"
		"v=0\r\n"
		"o=alice 2890844526 2890844526 IN IP4 192.0.2.101\r\n"
		"s=-\r\n"
		"c=IN IP4 192.0.2.101\r\n"
		"t=0 0\r\n"
		"m=audio 49172 RTP/AVP 0\r\n"
		"\r\n"
		"--unique-boundary-1\r\n"
		"Content-Type: application/isup;version=itu-t92+\r\n"
		"Content-Disposition: signal;handling=optional\r\n"
		"\r\n"
		"01 00 49 00\r\n"
		"--unique-boundary-1--\r\n";
	static const char headers[] =
		"INVITE sip:bob@biloxi.example.com SIP/2.0\r\n"
		"Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bKnashds8\r\n"
		"To: Bob <sip:bob@biloxi.example.com>\r\n"
		"From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\r\n"
		"Call-ID: " INVITE_CALL_ID "\r\n"
		"CSeq: 314159 INVITE\r\n"
		"MIME-Version: 1.0\r\n"
		"Content-Type: multipart/mixed;boundary=unique-boundary-1\r\n";
	struct flow *f = flow_new();
	struct msg m;

	build(&m, headers, body);
	ck_assert_int_eq(send_msg(f, PROTO_UDP, true, &m), PROTO_YES);
	ASSERT_ANNOUNCED(f, audio_offer);
	flow_free(f);
}
END_TEST

START_TEST(test_sdp_announced_again_in_later_messages)
{
	struct flow *f = invite_with_sdp(audio_sdp);
	struct msg reinvite;

	build(&reinvite, invite_headers, audio_sdp);
	ck_assert_int_eq(send_msg(f, PROTO_UDP, true, &reinvite), PROTO_YES);
	ck_assert_uint_eq(f->n_seen, 4);
	flow_free(f);
}
END_TEST

START_TEST(test_body_that_is_not_sdp_is_not_parsed_as_sdp)
{
	struct sdp_session s;

	ck_assert(!sdp_parse((const uint8_t *)"m=audio 1 RTP/AVP 0\r\n", 21,
			     &s));
	ck_assert(!sdp_parse((const uint8_t *)"v=0\r\n\0m=audio", 14, &s));
	ck_assert(!sdp_parse(NULL, 0, &s));
	ck_assert_uint_eq(s.n_streams, 0);
}
END_TEST

/* libosip2 5.3 reads past the end of this; valgrind watches the test. */
START_TEST(test_sdp_ending_in_an_m_line_without_formats_is_safe)
{
	static const char *const endings[] = { "\n", "\r", "" };
	struct sdp_session s;

	for (size_t i = 0; i < sizeof endings / sizeof *endings; i++) {
		char text[256];
		int n = snprintf(text, sizeof text,
				 "v=0\r\no=a 1 1 IN IP4 192.0.2.1\r\ns=-\r\n"
				 "t=0 0\r\nm=audio 49170 RTP/AVP%s",
				 endings[i]);
		if (sdp_parse((const uint8_t *)text, (size_t)n, &s))
			ck_assert_uint_le(s.n_streams, 1);
	}
}
END_TEST

START_TEST(test_message_read_gives_from_to_and_cseq_method)
{
	struct sip_message *sm = malloc(sizeof *sm);
	struct msg m;

	ck_assert_ptr_nonnull(sm);
	build(&m, ok_headers, answer_sdp);
	ck_assert(sip_message_read((const uint8_t *)m.text, m.len, sm));
	ck_assert(!sm->is_request);
	ck_assert_uint_eq(sm->status, 200);
	ck_assert_str_eq(sm->reason, "OK");
	ck_assert_str_eq(sm->cseq_method, "INVITE");
	ck_assert_str_eq(sm->from, "sip:alice@atlanta.example.com");
	ck_assert_str_eq(sm->to, "sip:bob@biloxi.example.com");
	ck_assert(sm->has_sdp);
	ck_assert_uint_eq(sm->sdp.n_streams, 1);
	ck_assert_str_eq(sm->sdp.streams[0].proto, "RTP/AVP");
	free(sm);
}
END_TEST

/* What is not SIP, or not yet. */

START_TEST(test_empty_payload_asks_for_more)
{
	struct flow *f = flow_new();
	struct msg m;

	ck_assert_int_eq(send_bytes(f, PROTO_TCP, true, "", 0, false),
			 PROTO_MORE);
	ck_assert_int_eq(send_bytes(f, PROTO_UDP, true, NULL, 0, false),
			 PROTO_MORE);
	build(&m, register_headers, "");
	ck_assert_int_eq(send_msg(f, PROTO_TCP, true, &m), PROTO_YES);
	ck_assert_int_eq(send_bytes(f, PROTO_TCP, false, "", 0, false),
			 PROTO_YES);
	flow_free(f);
}
END_TEST

START_TEST(test_crlf_keepalive_is_not_a_no)
{
	static const uint8_t transports[] = { PROTO_UDP, PROTO_TCP };

	for (size_t i = 0; i < sizeof transports; i++) {
		struct flow *f = flow_new();
		struct msg m;

		build(&m, register_headers, "");
		ck_assert_int_eq(send_bytes(f, transports[i], true,
					    "\r\n\r\n", 4, false),
				 PROTO_MORE);
		ck_assert_int_eq(send_bytes(f, transports[i], false, "\r\n", 2,
					    false),
				 PROTO_MORE);
		ck_assert_int_eq(send_msg(f, transports[i], true, &m),
				 PROTO_YES);
		ck_assert_int_eq(send_bytes(f, transports[i], true,
					    "\r\n\r\n", 4, false),
				 PROTO_YES);
		flow_free(f);
	}
}
END_TEST

static const char *const not_sip[] = {
	"GET /index.html HTTP/1.1\r\nHost: www.example.com\r\n\r\n",
	"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n",
	"OPTIONS rtsp://media.example.com/movie RTSP/1.0\r\nCSeq: 1\r\n\r\n",
	"invite sip:bob@biloxi.example.com SIP/2.0\r\nCSeq: 1 INVITE\r\n\r\n",
	"INVITEX sip:bob@biloxi.example.com SIP/2.0\r\n\r\n",
	"INVITE  SIP/2.0\r\n\r\n",
	"SIP/2.0 20 OK\r\n\r\n",
	"SIP/2.0 700 Beyond\r\n\r\n",
	"SIP/3.0 200 OK\r\n\r\n",
	"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03",
	"<stream:stream to='example.com' xmlns='jabber:client'>",
};

START_TEST(test_text_that_is_not_sip_says_no)
{
	static const uint8_t transports[] = { PROTO_UDP, PROTO_TCP };

	for (size_t t = 0; t < sizeof transports; t++) {
		struct flow *f = flow_new();
		ck_assert_msg(send_bytes(f, transports[t], true, not_sip[_i],
					 strlen(not_sip[_i]), false) == PROTO_NO,
			      "said other than no to: %s", not_sip[_i]);
		flow_free(f);
	}
}
END_TEST

START_TEST(test_http_request_says_no)
{
	static const char get[] = "GET / HTTP/1.1\r\n"
				  "Host: 192.0.2.201:8888\r\n"
				  "User-Agent: curl/8.0\r\n\r\n";
	struct flow *f = flow_new();

	ck_assert_int_eq(send_bytes(f, PROTO_TCP, true, get, strlen(get),
				    false),
			 PROTO_NO);
	flow_free(f);
}
END_TEST

START_TEST(test_random_bytes_say_no)
{
	uint32_t seed = 0x5eed1234u;
	uint8_t buf[1500];

	for (int i = 0; i < 500; i++) {
		size_t len = 16 + next_random(&seed) % (sizeof buf - 16);
		uint8_t transport = i % 2 ? PROTO_TCP : PROTO_UDP;
		struct flow *f = flow_new();

		for (size_t j = 0; j < len; j++)
			buf[j] = (uint8_t)next_random(&seed);
		ck_assert_int_eq(send_bytes(f, transport, true, buf, len,
					    false),
				 PROTO_NO);
		ck_assert_uint_eq(f->n_seen, 0);
		flow_free(f);
	}
}
END_TEST

START_TEST(test_malformed_sip_datagram_asks_for_more)
{
	static const char bad[] = "INVITE sip:bob@biloxi.example.com SIP/2.0\r\n"
				  "Via: garbage\r\n"
				  "Call-ID: \r\n"
				  "From: <<<\r\n\r\n";
	struct flow *f = flow_new();

	ck_assert_int_eq(send_bytes(f, PROTO_UDP, true, bad, strlen(bad),
				    false),
			 PROTO_MORE);
	ck_assert_uint_eq(f->n_seen, 0);
	flow_free(f);
}
END_TEST

START_TEST(test_malformed_sip_datagrams_say_no_once_the_budget_is_spent)
{
	static const char bad[] = "INVITE sip:bob@biloxi.example.com SIP/2.0\r\n"
				  "Via: garbage\r\n"
				  "Call-ID: \r\n"
				  "From: <<<\r\n\r\n";
	struct flow *f = flow_new();

	for (int i = 1; i < 8; i++)
		ck_assert_int_eq(send_bytes(f, PROTO_UDP, true, bad,
					    strlen(bad), false),
				 PROTO_MORE);
	ck_assert_int_eq(send_bytes(f, PROTO_UDP, true, bad, strlen(bad),
				    false),
			 PROTO_NO);
	flow_free(f);
}
END_TEST

START_TEST(test_one_bad_udp_datagram_then_200_ok_is_sip)
{
	struct flow *f = flow_new();
	struct msg liar, ok;
	int n;

	/* A lying Content-Length: more body than the datagram holds. */
	n = snprintf(liar.text, sizeof liar.text,
		     "%sContent-Length: 4000\r\n\r\n%s", invite_headers,
		     audio_sdp);
	liar.len = (size_t)n;
	build(&ok, ok_headers, answer_sdp);
	ck_assert_int_eq(send_msg(f, PROTO_UDP, true, &liar), PROTO_MORE);
	ck_assert_int_eq(send_msg(f, PROTO_UDP, false, &ok), PROTO_YES);
	ck_assert_str_eq(f->rep.detail, "200 OK");
	ck_assert_uint_eq(f->n_seen, 2);
	ck_assert_uint_eq(f->seen[0].port, 3456);
	flow_free(f);
}
END_TEST

START_TEST(test_malformed_datagram_after_sip_keeps_yes)
{
	static const char bad[] = "INVITE sip:bob@biloxi.example.com SIP/2.0\r\n"
				  "Via: garbage\r\n"
				  "Call-ID: \r\n"
				  "From: <<<\r\n\r\n";
	struct flow *f = invite_with_sdp(audio_sdp);

	ck_assert_int_eq(send_bytes(f, PROTO_UDP, true, bad, strlen(bad),
				    false),
			 PROTO_YES);
	ck_assert_int_eq(send_bytes(f, PROTO_UDP, true, "\x80\x00\x12\x34", 4,
				    false),
			 PROTO_YES);
	ck_assert_str_eq(f->rep.detail, "INVITE");
	flow_free(f);
}
END_TEST

START_TEST(test_nul_in_headers_is_not_read)
{
	struct flow *f = flow_new();
	struct msg m;
	char *p;

	build(&m, invite_headers, audio_sdp);
	p = strstr(m.text, "Max-Forwards");
	ck_assert_ptr_nonnull(p);
	p[3] = '\0';
	ck_assert_int_ne(send_msg(f, PROTO_UDP, true, &m), PROTO_YES);
	ck_assert_uint_eq(f->n_seen, 0);
	flow_free(f);
}
END_TEST

START_TEST(test_every_truncation_of_an_invite_is_safe)
{
	struct msg m;

	build(&m, invite_headers, av_bfcp_sdp);
	for (size_t len = 0; len < m.len; len++) {
		struct flow *u = flow_new(), *t = flow_new();
		enum proto_verdict v;

		/* A datagram cut short is no whole message. */
		v = send_bytes(u, PROTO_UDP, true, m.text, len, false);
		ck_assert_msg(v != PROTO_YES, "yes at %zu bytes", len);
		ck_assert_uint_eq(u->n_seen, 0);
		/* A stream waits for the rest. */
		v = send_bytes(t, PROTO_TCP, true, m.text, len, false);
		ck_assert_msg(v == PROTO_MORE, "not more at %zu bytes", len);
		ck_assert_uint_eq(t->n_seen, 0);
		flow_free(u);
		flow_free(t);
	}
}
END_TEST

START_TEST(test_bit_flipped_invites_never_crash)
{
	struct msg m, bent;

	build(&m, invite_headers, ice_sdp);
	for (size_t i = 0; i < m.len; i++) {
		for (int bit = 0; bit < 8; bit++) {
			struct flow *f = flow_new();
			enum proto_verdict v;

			bent = m;
			bent.text[i] ^= (char)(1u << bit);
			v = send_msg(f, i % 2 ? PROTO_TCP : PROTO_UDP, true,
				     &bent);
			ck_assert(v == PROTO_NO || v == PROTO_MORE ||
				  v == PROTO_YES);
			assert_sane_announcements(f);
			flow_free(f);
		}
	}
}
END_TEST

START_TEST(test_randomly_damaged_messages_never_crash)
{
	static const uint8_t nasty[] = { '\0', '\r', '\n', ' ', ':', '/',
					 '<', '>', '"', ';', '=', '@', '-' };
	uint32_t seed = 0xc0ffee11u;
	struct msg base, multi, bent;

	build(&base, invite_headers, av_bfcp_sdp);
	build(&multi, ok_headers, ice_sdp);
	for (int i = 0; i < 3000; i++) {
		const struct msg *src = i % 2 ? &multi : &base;
		int edits = 1 + (int)(next_random(&seed) % 8);
		struct flow *f = flow_new();
		size_t cut;

		bent = *src;
		for (int e = 0; e < edits; e++) {
			size_t at = next_random(&seed) % bent.len;
			uint32_t r = next_random(&seed);
			bent.text[at] = (char)(r % 2 ? nasty[r % sizeof nasty]
						     : (uint8_t)(r >> 8));
		}
		cut = next_random(&seed) % bent.len;
		send_bytes(f, PROTO_TCP, true, bent.text, cut, false);
		send_bytes(f, PROTO_TCP, true, bent.text + cut, bent.len - cut,
			   false);
		send_msg(f, PROTO_UDP, true, &bent);
		assert_sane_announcements(f);
		flow_free(f);
	}
}
END_TEST

/* libosip2's own messages. */

START_TEST(test_libosip_parse_errors_stay_off_stdout)
{
	static const char bad[] = "INVITE sip:bob@biloxi.example.com SIP/2.0\r\n"
				  "Via: garbage\r\n"
				  "Call-ID: \r\n"
				  "From: <<<\r\n\r\n";
	struct sip_message *sm = malloc(sizeof *sm);
	FILE *tmp = tmpfile();
	int saved;

	ck_assert_ptr_nonnull(sm);
	ck_assert_ptr_nonnull(tmp);
	fflush(stdout);
	saved = dup(STDOUT_FILENO);
	ck_assert_int_ge(saved, 0);
	ck_assert_int_ge(dup2(fileno(tmp), STDOUT_FILENO), 0);
	ck_assert(!sip_message_read((const uint8_t *)bad, strlen(bad), sm));
	fflush(stdout);
	ck_assert_int_ge(dup2(saved, STDOUT_FILENO), 0);
	close(saved);
	ck_assert_int_eq(fseek(tmp, 0, SEEK_END), 0);
	ck_assert_int_eq(ftell(tmp), 0);
	fclose(tmp);
	free(sm);
}
END_TEST

static void library_setup(void)
{
	sip_library_init();
}

Suite *test_suite(void)
{
	Suite *s = suite_create("proto-sip");
	TCase *recog = tcase_create("recognition");
	TCase *tcp = tcase_create("tcp");
	TCase *sdp = tcase_create("sdp");
	TCase *hostile = tcase_create("hostile");

	tcase_add_unchecked_fixture(recog, library_setup, NULL);
	tcase_add_test(recog, test_invite_over_udp_gives_method_callid_and_user_agent);
	tcase_add_test(recog, test_200_ok_over_udp_gives_status_and_server);
	tcase_add_test(recog, test_invite_then_200_ok_reports_the_outcome_of_the_call);
	tcase_add_test(recog, test_register_gives_method_callid_and_user_agent);
	tcase_add_test(recog, test_invite_after_register_becomes_the_reported_call);
	tcase_add_test(recog, test_sip_on_a_non_standard_port_is_recognised);
	tcase_add_test(recog, test_recogniser_describes_itself);
	tcase_add_test(recog, test_empty_payload_asks_for_more);
	tcase_add_test(recog, test_crlf_keepalive_is_not_a_no);
	tcase_add_test(recog, test_message_read_gives_from_to_and_cseq_method);
	tcase_add_test(recog, test_libosip_parse_errors_stay_off_stdout);
	suite_add_tcase(s, recog);

	tcase_add_unchecked_fixture(tcp, library_setup, NULL);
	tcase_add_test(tcp, test_tcp_message_split_in_two_segments_is_reassembled);
	tcase_add_test(tcp, test_tcp_message_split_in_three_segments_is_reassembled);
	tcase_add_test(tcp, test_two_messages_in_one_tcp_segment_are_both_parsed);
	tcase_add_test(tcp, test_message_and_a_half_in_a_segment_keeps_the_half);
	tcase_add_test(tcp, test_compact_content_length_frames_tcp_messages);
	tcase_add_test(tcp, test_gap_discards_the_partial_message);
	tcase_add_test(tcp, test_gap_after_sip_resynchronises_on_the_next_start_line);
	tcase_add_test(tcp, test_5_kb_invite_over_10_segments_is_sip);
	tcase_add_test(tcp, test_10_kb_invite_with_video_sdp_is_sip_and_its_sdp_announced);
	tcase_add_test(tcp, test_lying_content_length_then_valid_message_resynchronises);
	tcase_add_test(tcp, test_short_content_length_then_valid_message_resynchronises);
	tcase_add_test(tcp, test_garbage_between_tcp_messages_resynchronises);
	tcase_add_test(tcp, test_status_line_in_a_sipfrag_body_is_not_a_new_message);
	tcase_add_test(tcp, test_bad_tcp_messages_say_no_once_the_budget_is_spent);
	tcase_add_test(tcp, test_tcp_message_over_64_kib_is_dropped_and_the_next_is_read);
	tcase_add_test(tcp, test_stream_bound_is_per_stream);
	tcase_add_test(tcp, test_stream_pool_caps_what_its_streams_hold);
	suite_add_tcase(s, tcp);

	tcase_add_unchecked_fixture(sdp, library_setup, NULL);
	tcase_add_test(sdp, test_audio_video_bfcp_sdp_announces_rtp_rtcp_and_bfcp);
	tcase_add_test(sdp, test_udp_bfcp_and_t38_take_their_transport_from_the_proto);
	tcase_add_test(sdp, test_rtcp_attribute_sets_the_rtcp_port_and_address);
	tcase_add_test(sdp, test_rtcp_mux_puts_rtcp_on_the_rtp_port);
	tcase_add_test(sdp, test_ipv6_connection_address_is_announced);
	tcase_add_test(sdp, test_ice_candidates_are_announced);
	tcase_add_test(sdp, test_port_zero_stream_is_not_announced);
	tcase_add_test(sdp, test_on_hold_address_is_not_announced);
	tcase_add_test(sdp, test_multipart_body_sdp_is_read);
	tcase_add_test(sdp, test_sdp_announced_again_in_later_messages);
	tcase_add_test(sdp, test_body_that_is_not_sdp_is_not_parsed_as_sdp);
	tcase_add_test(sdp, test_sdp_ending_in_an_m_line_without_formats_is_safe);
	suite_add_tcase(s, sdp);

	tcase_add_unchecked_fixture(hostile, library_setup, NULL);
	tcase_set_timeout(hostile, 600);
	tcase_add_loop_test(hostile, test_text_that_is_not_sip_says_no, 0,
			    (int)(sizeof not_sip / sizeof *not_sip));
	tcase_add_test(hostile, test_http_request_says_no);
	tcase_add_test(hostile, test_random_bytes_say_no);
	tcase_add_test(hostile, test_malformed_sip_datagram_asks_for_more);
	tcase_add_test(hostile, test_malformed_sip_datagrams_say_no_once_the_budget_is_spent);
	tcase_add_test(hostile, test_one_bad_udp_datagram_then_200_ok_is_sip);
	tcase_add_test(hostile, test_malformed_datagram_after_sip_keeps_yes);
	tcase_add_test(hostile, test_nul_in_headers_is_not_read);
	tcase_add_test(hostile, test_every_truncation_of_an_invite_is_safe);
	tcase_add_test(hostile, test_bit_flipped_invites_never_crash);
	tcase_add_test(hostile, test_randomly_damaged_messages_never_crash);
	suite_add_tcase(s, hostile);
	return s;
}
