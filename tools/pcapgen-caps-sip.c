/* \summary: SIP captures: a call with BFCP, SIP over IPv6, a fragmented
 * INVITE, SIP over TCP in odd segments */
#include <pcap/dlt.h>
#include <stdio.h>
#include <string.h>

#include "pcapgen.h"

#define UDP PG_IPPROTO_UDP
#define TCP PG_IPPROTO_TCP
#define IPV4_FRAG_PAYLOAD 1480 /* 1500-byte MTU less the IPv4 header */
#define IPV6_FRAG_PAYLOAD 1232 /* 1280-byte minimum MTU less 48 */

#define VIDEO_ATTRS                                                            \
	"a=rtpmap:96 H264/90000\r\n"                                           \
	"a=fmtp:96 profile-level-id=42801F;packetization-mode=1\r\n"           \
	"a=sendrecv\r\n"

/* ---- sip-rtp.pcap ---- */

static void bfcp_floor_request(struct cap *c, struct flow *f)
{
	struct buf o = {0};

	bfcp_begin(&o, 2, BFCP_FLOOR_REQUEST, 4321, 1, 1234);
	bfcp_attr16(&o, 2, 1); /* FLOOR-ID 1 */
	bfcp_end(&o);
	udp_send(c, f, 0, o.p, o.len);
	buf_reset(&o);
	cap_wait(c, 15 * MS);
	bfcp_begin(&o, 2, BFCP_FLOOR_REQUEST_STATUS, 4321, 1, 1234);
	bfcp_set_responder(&o);
	size_t fri = bfcp_group_open(&o, 15, 7); /* FLOOR-REQUEST-INFORMATION */
	size_t ors = bfcp_group_open(&o, 18, 7); /* OVERALL-REQUEST-STATUS */
	bfcp_request_status(&o, 3, 0);		 /* Granted */
	bfcp_group_close(&o, ors);
	size_t frs = bfcp_group_open(&o, 17, 1); /* FLOOR-REQUEST-STATUS */
	bfcp_request_status(&o, 3, 0);
	bfcp_group_close(&o, frs);
	bfcp_group_close(&o, fri);
	bfcp_end(&o);
	udp_send(c, f, 1, o.p, o.len);
	buf_free(&o);
}

static void sip_rtp_sdp(struct buf *o, const struct ep *host, bool offer,
			uint16_t base, uint16_t bfcp)
{
	struct ep m = *host;

	sdp_session(o, offer ? "alice" : "bob", offer ? 2890844526ul
						     : 2890844730ul, host);
	m.port = base;
	sdp_media(o, "audio", &m, "RTP/AVP", "0 101", SDP_AUDIO_PCMU);
	m.port = (uint16_t)(base + 2);
	sdp_media(o, "video", &m, "RTP/AVP", "96",
		  VIDEO_ATTRS "a=content:slides\r\na=label:3\r\n");
	m.port = bfcp;
	sdp_media(o, "application", &m, "UDP/BFCP", "*",
		  offer ? "a=floorctrl:c-s\r\na=bfcpver:2\r\n"
			: "a=floorctrl:s-only\r\na=confid:4321\r\n"
			  "a=userid:1234\r\na=floorid:1 mstrm:3\r\n"
			  "a=bfcpver:2\r\n");
}

int write_sip_rtp(const char *dir)
{
	struct cap *c = cap_open(dir, "sip-rtp.pcap", DLT_EN10MB, 0x51b0u);
	struct ep a = ep4("192.168.10.11", 5060);
	struct ep b = ep4("192.168.20.22", 5060);
	struct sip_dialog d = {
		.caller = a, .callee = b, .transport = "UDP",
		.from_user = "alice", .to_user = "bob", .from_name = "Alice",
		.from_tag = "9fxced76sl", .to_tag = "314159",
		.call_id = "3848276298220188511@192.168.10.11",
		.branch = "74bf9", .user_agent = "Polycom-RealPresence/6.2.2",
		.server = "TANDBERG/529 (ce9.15.3)",
	};
	struct flow *sig = flow_new(c, UDP, a, b,
		"SIP INVITE, 200 OK, ACK, BYE, 200 OK");
	struct media au = {
		.rtp = flow_new(c, UDP, ep_port(a, 49170), ep_port(b, 51000),
				"RTP audio PT 0, 20 ms"),
		.rtcp = flow_new(c, UDP, ep_port(a, 49171), ep_port(b, 51001),
				 "RTCP SR+SDES, one each way"),
		.s = {rtp_pcmu(0x1a2b3c4d, 2000, 10000),
		      rtp_pcmu(0x5e6f7081, 9000, 70000)},
		.cname = {"alice@192.168.10.11", "bob@192.168.20.22"},
	};
	struct flow *vid = flow_new(c, UDP, ep_port(a, 49172),
		ep_port(b, 51002), "RTP video PT 96 (H.264)");
	struct flow *bfcp = flow_new(c, UDP, ep_port(a, 50000),
		ep_port(b, 50002), "BFCP FloorRequest / FloorRequestStatus");
	struct rtp_stream v[2] = {rtp_h264(96, 0x0c0ffee1, 100, 3000),
				  rtp_h264(96, 0x0ddba11, 700, 9000)};
	struct buf offer = {0}, answer = {0};

	sip_rtp_sdp(&offer, &a, true, 49170, 50000);
	sip_rtp_sdp(&answer, &b, false, 51000, 50002);
	sip_call_setup(c, sig, &d, &offer, &answer, false);
	media_rtp(c, &au, 12, 200 * MS, 20 * MS, 4 * MS);
	rtp_run(c, vid, 0, &v[0], 10, 210 * MS, 66667);
	rtp_run(c, vid, 1, &v[1], 10, 230 * MS, 66667);
	cap_at(c, 500 * MS);
	bfcp_floor_request(c, bfcp);
	media_rtcp(c, &au, 900 * MS);
	cap_at(c, 1 * SEC);
	sip_call_teardown(c, sig, &d);
	buf_free(&offer);
	buf_free(&answer);
	cap_close(c);
	return 0;
}

/* ---- ipv6.pcap ---- */

int write_ipv6(const char *dir)
{
	struct cap *c = cap_open(dir, "ipv6.pcap", DLT_EN10MB, 0x1b6u);
	struct ep a = ep6("2001:db8:10::11", 5060);
	struct ep b = ep6("2001:db8:20::22", 5060);
	struct sip_dialog d = {
		.caller = a, .callee = b, .transport = "UDP",
		.from_user = "1001", .to_user = "1002", .from_name = "Carol",
		.from_tag = "a73kszlfl", .to_tag = "b82fe3",
		.call_id = "f81d4fae-7dec-11d0-a765-00a0c91e6bf6",
		.branch = "v6a01", .user_agent = "Yealink SIP-T54W 96.86.0.70",
		.server = "Asterisk PBX 18.20.0",
	};
	struct flow *sig = flow_new(c, UDP, a, b, "SIP INVITE, 200 OK, ACK");
	struct flow *rtp = flow_new(c, UDP, ep_port(a, 40100),
		ep_port(b, 42100),
		"RTP PT 0 both ways; a->b packet 5 has Hop-by-Hop + "
		"Destination Options headers");
	struct flow *ping = flow_new(c, PG_IPPROTO_ICMPV6, ep_port(a, 0),
		ep_port(b, 0), "ICMPv6 echo request / reply x2, id 0x0600");
	struct rtp_stream s[2] = {rtp_pcmu(0x6a6b6c6d, 100, 800),
				  rtp_pcmu(0x7a7b7c7d, 4000, 32000)};
	struct buf offer = {0}, answer = {0};
	uint8_t echo[32];

	sdp_session(&offer, "carol", 3000001ul, &a);
	sdp_media(&offer, "audio", &(struct ep){.port = 40100}, "RTP/AVP",
		  "0 101", SDP_AUDIO_PCMU);
	sdp_session(&answer, "asterisk", 4000001ul, &b);
	sdp_media(&answer, "audio", &(struct ep){.port = 42100}, "RTP/AVP",
		  "0 101", SDP_AUDIO_PCMU);
	sip_call_setup(c, sig, &d, &offer, &answer, false);
	rtp_run(c, rtp, 0, &s[0], 4, 300 * MS, 20 * MS);
	rtp->v6_ext_once = true;
	rtp_run(c, rtp, 0, &s[0], 6, 380 * MS, 20 * MS);
	rtp_run(c, rtp, 1, &s[1], 10, 305 * MS, 20 * MS);
	cap_at(c, 1 * SEC);
	memset(echo, 0x61, sizeof echo);
	for (uint16_t i = 1; i <= 2; i++) {
		icmp_echo(c, ping, 0, 0x0600, i, echo, sizeof echo);
		cap_wait(c, 1 * MS);
		icmp_echo(c, ping, 1, 0x0600, i, echo, sizeof echo);
		cap_wait(c, 1 * SEC);
	}
	buf_free(&offer);
	buf_free(&answer);
	cap_close(c);
	return 0;
}

/* ---- frag.pcap ---- */

static void frag_offer(struct buf *o, const struct ep *host)
{
	static const char *const profiles[] = {"640028", "42e028", "4d0028",
					       "640020", "42e020", "4d0020",
					       "64001f", "42e01f"};
	struct ep m = *host;
	struct buf attrs = {0};

	sdp_session(o, "mxu", 1711111111ul, host);
	buf_str(o, "b=AS:6000\r\n");
	m.port = 20000;
	sdp_media(o, "audio", &m, "RTP/AVP", "9 0 8 18 101",
		  "a=rtpmap:9 G722/8000\r\na=rtpmap:0 PCMU/8000\r\n"
		  "a=rtpmap:8 PCMA/8000\r\na=rtpmap:18 G729/8000\r\n"
		  "a=fmtp:18 annexb=no\r\n"
		  "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\n"
		  "a=ptime:20\r\na=maxptime:40\r\na=rtcp:20001\r\n"
		  "a=sendrecv\r\n");
	for (int pt = 96; pt <= 103; pt++) {
		buf_fmt(&attrs, "a=rtpmap:%d H264/90000\r\n", pt);
		buf_fmt(&attrs, "a=fmtp:%d profile-level-id=%s;"
			"packetization-mode=%d;max-mbps=245760;max-fs=8160;"
			"max-br=6000;max-smbps=245760;max-fps=6000\r\n",
			pt, profiles[pt - 96], pt % 2);
		buf_fmt(&attrs, "a=rtcp-fb:%d nack\r\na=rtcp-fb:%d nack pli\r\n"
			"a=rtcp-fb:%d ccm fir\r\na=rtcp-fb:%d ccm tmmbr\r\n"
			"a=rtcp-fb:%d goog-remb\r\n", pt, pt, pt, pt, pt);
	}
	buf_str(&attrs, "a=extmap:1 urn:ietf:params:rtp-hdrext:toffset\r\n"
		"a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/"
		"abs-send-time\r\n"
		"a=content:main\r\na=label:11\r\na=rtcp:20003\r\n"
		"a=sendrecv\r\n");
	buf_u8(&attrs, 0);
	m.port = 20002;
	sdp_media(o, "video", &m, "RTP/AVP", "96 97 98 99 100 101 102 103",
		  (const char *)attrs.p);
	buf_free(&attrs);
}

static void frag_answer(struct buf *o, const struct ep *host)
{
	struct ep m = *host;

	sdp_session(o, "callee", 1722222222ul, host);
	m.port = 30000;
	sdp_media(o, "audio", &m, "RTP/AVP", "0 101", SDP_AUDIO_PCMU);
	m.port = 30002;
	sdp_media(o, "video", &m, "RTP/AVP", "96", VIDEO_ATTRS);
}

static void frag_call(struct cap *c)
{
	struct ep a = ep4("10.80.1.10", 5060), b = ep4("10.80.2.20", 5060);
	struct sip_dialog d = {
		.caller = a, .callee = b, .transport = "UDP",
		.from_user = "5001", .to_user = "5002", .from_name = "Dave",
		.from_tag = "fr4g7a9", .to_tag = "fr4g8b0",
		.call_id = "a84b4c76e66710@10.80.1.10", .branch = "fr4g",
		.user_agent = "MXUA/4.1 (video conferencing endpoint)",
		.server = "Cisco-SIPGateway/IOS-15.6.3.M",
	};
	struct flow *sig = flow_new(c, UDP, a, b,
		"SIP INVITE in 3 IPv4 fragments (ID shared, offsets 0, 1480, "
		"2960), 200 OK, ACK");
	struct media au = {
		.rtp = flow_new(c, UDP, ep_port(a, 20000), ep_port(b, 30000),
				"RTP audio PT 0 both ways"),
	};
	struct flow *vid = flow_new(c, UDP, ep_port(a, 20002),
		ep_port(b, 30002), "RTP video PT 96 both ways");
	struct rtp_stream v[2] = {rtp_h264(96, 0x1f2f3f4f, 10, 90000),
				  rtp_h264(96, 0x5f6f7f8f, 20, 180000)};
	struct buf offer = {0}, answer = {0}, m = {0};

	au.s[0] = rtp_pcmu(0x0f1e2d3c, 30000, 123456);
	au.s[1] = rtp_pcmu(0x4b5a6978, 40000, 654321);
	frag_offer(&offer, &a);
	frag_answer(&answer, &b);
	sip_request(&m, &d, "INVITE", 101, &offer);
	if (m.len + 8 <= 2 * IPV4_FRAG_PAYLOAD ||
	    m.len + 8 > 3 * IPV4_FRAG_PAYLOAD)
		fprintf(stderr, "pcapgen: frag.pcap: INVITE of %zu bytes is "
			"not 3 fragments\n", m.len);
	udp_send_frag(c, sig, 0, m.p, m.len, IPV4_FRAG_PAYLOAD);
	cap_wait(c, 120 * MS);
	buf_reset(&m);
	sip_response(&m, &d, 200, "OK", "INVITE", 101, &answer);
	sip_send(c, sig, 1, &m);
	cap_wait(c, 10 * MS);
	sip_request(&m, &d, "ACK", 101, NULL);
	sip_send(c, sig, 0, &m);
	media_rtp(c, &au, 10, 200 * MS, 20 * MS, 3 * MS);
	rtp_run(c, vid, 0, &v[0], 5, 210 * MS, 66667);
	rtp_run(c, vid, 1, &v[1], 5, 215 * MS, 66667);
	buf_free(&offer);
	buf_free(&answer);
	buf_free(&m);
}

static void frag_v6(struct cap *c)
{
	struct ep a = ep6("2001:db8:80::10", 5060);
	struct ep b = ep6("2001:db8:80::20", 5060);
	struct flow *f = flow_new(c, UDP, a, b,
		"SIP MESSAGE in 2 IPv6 fragments (Fragment header, offsets 0 "
		"and 1232), 200 OK");
	struct buf body = {0}, m = {0};

	for (int i = 0; i < 36; i++)
		buf_fmt(&body, "Line %02d of the meeting notes: agenda, "
			"actions, owners.\r\n", i + 1);
	buf_str(&m, "MESSAGE sip:notes@[2001:db8:80::20] SIP/2.0\r\n"
		"Via: SIP/2.0/UDP [2001:db8:80::10]:5060;branch=z9hG4bKm6f1\r\n"
		"Max-Forwards: 70\r\n"
		"From: <sip:erin@[2001:db8:80::10]>;tag=m6a\r\n"
		"To: <sip:notes@[2001:db8:80::20]>\r\n"
		"Call-ID: m6-0001@2001:db8:80::10\r\n"
		"CSeq: 1 MESSAGE\r\n"
		"Content-Type: text/plain\r\n");
	buf_fmt(&m, "Content-Length: %zu\r\n\r\n", body.len);
	buf_put(&m, body.p, body.len);
	cap_at(c, 2 * SEC);
	udp_send_frag(c, f, 0, m.p, m.len, IPV6_FRAG_PAYLOAD);
	cap_wait(c, 5 * MS);
	buf_reset(&m);
	buf_str(&m, "SIP/2.0 200 OK\r\n"
		"Via: SIP/2.0/UDP [2001:db8:80::10]:5060;branch=z9hG4bKm6f1\r\n"
		"From: <sip:erin@[2001:db8:80::10]>;tag=m6a\r\n"
		"To: <sip:notes@[2001:db8:80::20]>;tag=m6b\r\n"
		"Call-ID: m6-0001@2001:db8:80::10\r\n"
		"CSeq: 1 MESSAGE\r\n"
		"Content-Length: 0\r\n\r\n");
	sip_send(c, f, 1, &m);
	buf_free(&body);
	buf_free(&m);
}

int write_frag(const char *dir)
{
	struct cap *c = cap_open(dir, "frag.pcap", DLT_EN10MB, 0xf7a9u);

	frag_call(c);
	frag_v6(c);
	cap_close(c);
	return 0;
}

/* ---- sip-tcp.pcap ---- */

/* The INVITE in 3 segments: cut inside the Call-ID line, then at the end of
 * the headers, so the last segment is the body alone. */
static void invite_in_three(struct cap *c, struct flow *f, const struct buf *m)
{
	const char *s = (const char *)m->p;
	size_t cut1 = (size_t)(strstr(s, "Call-ID:") - s) + 12;
	size_t cut2 = (size_t)(strstr(s, "\r\n\r\n") - s) + 4;

	tcp_data(c, f, 0, m->p, cut1);
	cap_wait(c, 1 * MS);
	tcp_data(c, f, 0, m->p + cut1, cut2 - cut1);
	cap_wait(c, 1 * MS);
	tcp_data(c, f, 0, m->p + cut2, m->len - cut2);
	cap_wait(c, 30 * MS);
}

int write_sip_tcp(const char *dir)
{
	struct cap *c = cap_open(dir, "sip-tcp.pcap", DLT_EN10MB, 0x51c7u);
	struct ep a = ep4("10.90.1.10", 49800), b = ep4("10.90.2.20", 5060);
	struct sip_dialog d = {
		.caller = a, .callee = b, .transport = "TCP",
		.from_user = "frank", .to_user = "grace", .from_name = "Frank",
		.from_tag = "tcp1a2b", .to_tag = "tcp3c4d",
		.call_id = "7c2e9b1a-tcp@10.90.1.10", .branch = "t9c",
		.user_agent = "Grandstream GXV3380 1.0.3.55",
		.server = "Kamailio (5.7.4 (x86_64/linux))",
	};
	struct flow *f = flow_new(c, TCP, a, b,
		"SIP over TCP: INVITE in 3 segments; 100+180+200 in one "
		"segment; ACK; BYE; 200; FIN both ways");
	struct buf offer = {0}, answer = {0}, m = {0};

	sdp_session(&offer, "frank", 5550001ul, &a);
	sdp_media(&offer, "audio", &(struct ep){.port = 8000}, "RTP/AVP",
		  "0 101", SDP_AUDIO_PCMU);
	sdp_session(&answer, "grace", 6660001ul, &b);
	sdp_media(&answer, "audio", &(struct ep){.port = 9000}, "RTP/AVP",
		  "0 101", SDP_AUDIO_PCMU);
	tcp_connect(c, f);
	cap_wait(c, 2 * MS);
	sip_request(&m, &d, "INVITE", 101, &offer);
	invite_in_three(c, f, &m);
	buf_reset(&m);
	sip_response(&m, &d, 100, "Trying", "INVITE", 101, NULL);
	sip_response(&m, &d, 180, "Ringing", "INVITE", 101, NULL);
	sip_response(&m, &d, 200, "OK", "INVITE", 101, &answer);
	tcp_data_buf(c, f, 1, &m, 20 * MS);
	sip_request(&m, &d, "ACK", 101, NULL);
	tcp_data_buf(c, f, 0, &m, 20 * MS);
	cap_wait(c, 2 * SEC);
	sip_request(&m, &d, "BYE", 102, NULL);
	tcp_data_buf(c, f, 0, &m, 20 * MS);
	sip_response(&m, &d, 200, "OK", "BYE", 102, NULL);
	tcp_data_buf(c, f, 1, &m, 20 * MS);
	tcp_close(c, f, 0);
	buf_free(&offer);
	buf_free(&answer);
	buf_free(&m);
	cap_close(c);
	return 0;
}
