/* \summary: demo.pcap, a small mix as a busy site would show it */
#include <pcap/dlt.h>

#include "pcapgen.h"

#define UDP PG_IPPROTO_UDP
#define TCP PG_IPPROTO_TCP

#define CISCO_VIDEO                                                            \
	"b=TIAS:1000000\r\n"                                                   \
	"a=rtpmap:96 H264/90000\r\n"                                           \
	"a=fmtp:96 profile-level-id=42801E;packetization-mode=1\r\n"           \
	"a=sendrecv\r\n"

static void call_sdp(struct buf *o, const char *user, unsigned long id,
		     const struct ep *host, uint16_t audio)
{
	struct ep m = *host;

	sdp_session(o, user, id, host);
	m.port = audio;
	sdp_media(o, "audio", &m, "RTP/AVP", "0 101", SDP_AUDIO_PCMU);
	m.port = (uint16_t)(audio + 2);
	sdp_media(o, "video", &m, "RTP/AVP", "96", CISCO_VIDEO);
}

static void demo_sip(struct cap *c)
{
	struct ep phone = ep4("10.10.1.21", 5060);
	struct ep gw = ep4("10.10.0.5", 5060);
	struct sip_dialog d = {
		.caller = phone, .callee = gw, .transport = "UDP",
		.from_user = "4001", .to_user = "4002",
		.from_name = "Alice 4001",
		.from_tag = "8865a1b2c3", .to_tag = "1f2e3d4c-1a2b",
		.call_id = "00562b1c-7a3e0001-4d5e6f70-1a2b3c4d@10.10.1.21",
		.branch = "8865d1", .user_agent = "Cisco-CP8865/12.8.1",
		.server = "Cisco-SIPGateway/IOS-15.6.3.M",
	};
	struct flow *sig = flow_new(c, UDP, phone, gw,
		"SIP: INVITE, 100, 180, 200, ACK, BYE, 200");
	struct media au = {
		.rtp = flow_new(c, UDP, ep_port(phone, 16384),
				ep_port(gw, 18000),
				"RTP audio PT 0, 20 ms"),
		.rtcp = flow_new(c, UDP, ep_port(phone, 16385),
				 ep_port(gw, 18001),
				 "RTCP SR+SDES for audio, one each way"),
		.s = {rtp_pcmu(0x8865a001, 11000, 44000),
		      rtp_pcmu(0x1f2e0001, 23000, 92000)},
		.cname = {"4001@10.10.1.21", "gw@10.10.0.5"},
	};
	struct media vi = {
		.rtp = flow_new(c, UDP, ep_port(phone, 16386),
				ep_port(gw, 18002),
				"RTP video PT 96 (H.264), 15 frames/s"),
		.rtcp = flow_new(c, UDP, ep_port(phone, 16387),
				 ep_port(gw, 18003),
				 "RTCP SR+SDES for video, one each way"),
		.s = {rtp_h264(96, 0x8865b002, 500, 90000),
		      rtp_h264(96, 0x1f2e0002, 800, 180000)},
		.cname = {"4001@10.10.1.21", "gw@10.10.0.5"},
	};
	struct buf offer = {0}, answer = {0};

	call_sdp(&offer, "CiscoSystemsSIP-IPPhone-UserAgent", 27712, &phone,
		 16384);
	call_sdp(&answer, "CiscoSystemsSIP-GW-UserAgent", 9150, &gw, 18000);
	cap_at(c, 0);
	sip_call_setup(c, sig, &d, &offer, &answer, true);
	media_rtp(c, &au, 35, 2600 * MS, 20 * MS, 5 * MS);
	media_rtp(c, &vi, 12, 2620 * MS, 66667, 8 * MS);
	media_rtcp(c, &au, 3400 * MS);
	media_rtcp(c, &vi, 3420 * MS);
	cap_at(c, 3500 * MS);
	sip_call_teardown(c, sig, &d);
	buf_free(&offer);
	buf_free(&answer);
}

static void demo_h323(struct cap *c)
{
	struct h323_ids ids = {
		.conf_id = {0x6d, 0x65, 0x6d, 0x6f, 0x00, 0x01, 0x11, 0xee,
			    0x90, 0x01, 0x00, 0x50, 0x56, 0xb0, 0x00, 0x01},
		.call_id = {0x6d, 0x65, 0x6d, 0x6f, 0x00, 0x02, 0x11, 0xee,
			    0x90, 0x02, 0x00, 0x50, 0x56, 0xb0, 0x00, 0x02},
		.crv = 0x0042, .caller_alias = "room-1", .caller_e164 = "3001",
		.callee_e164 = "3002", .display = "Room 1",
		.endpoint_id = "EP-ROOM-1", .gatekeeper_id = "GK-DEMO",
		.caller_sig = ep4("10.10.2.31", 49200),
		.caller_csa = ep4("10.10.2.31", 1720),
		.callee_sig = ep4("10.10.3.40", 1720),
		.h245 = ep4("10.10.3.40", 49300),
	};
	struct ep ras = ep4("10.10.2.31", 1719), gk = ep4("10.10.0.2", 1719);
	struct ep sig = ep4("10.10.2.31", 1720);
	struct flow *r = flow_new(c, UDP, ras, gk, "H.225.0 RAS RRQ / RCF");
	struct flow *q = flow_new(c, TCP, ids.caller_sig, ids.callee_sig,
		"Q.931: Setup, Call Proceeding, Alerting, Connect "
		"(h245Address 10.10.3.40:49300)");
	struct flow *h = flow_new(c, TCP, ep_port(ids.caller_sig, 49201),
		ids.h245, "H.245: terminalCapabilitySet and Ack both ways");
	struct buf m = {0};

	cap_at(c, 1000 * MS);
	ras_rrq(&m, 7, &sig, &ras, ids.caller_alias, ids.caller_e164,
		ids.gatekeeper_id, "vcflow-test-ep");
	udp_send(c, r, 0, m.p, m.len);
	buf_reset(&m);
	cap_wait(c, 3 * MS);
	ras_rcf(&m, 7, &sig, ids.caller_alias, ids.gatekeeper_id,
		ids.endpoint_id);
	udp_send(c, r, 1, m.p, m.len);
	buf_free(&m);
	cap_at(c, 1200 * MS);
	h323_call(c, q, h, &ids, false);
}

static void demo_dns_tls(struct cap *c)
{
	static const uint8_t meet[4] = {203, 0, 113, 80};
	struct ep client = ep4("10.10.1.30", 53211);
	struct flow *dns = flow_new(c, UDP, client, ep4("10.10.0.53", 53),
		"DNS A query meet.example.com, answer 203.0.113.80");
	struct flow *tls = flow_new(c, TCP, ep_port(client, 51012),
		ep4("203.0.113.80", 443),
		"TLS: ClientHello (SNI meet.example.com), ServerHello");
	struct buf m = {0};

	cap_at(c, 200 * MS);
	dns_query(&m, 0x3c5a, "meet.example.com");
	udp_send(c, dns, 0, m.p, m.len);
	buf_reset(&m);
	cap_wait(c, 8 * MS);
	dns_answer_a(&m, 0x3c5a, "meet.example.com", meet, 300);
	udp_send(c, dns, 1, m.p, m.len);
	buf_reset(&m);
	cap_wait(c, 2 * MS);
	tcp_connect(c, tls);
	tls_client_hello(&m, "meet.example.com", cap_rng(c));
	tcp_data(c, tls, 0, m.p, m.len);
	buf_reset(&m);
	cap_wait(c, 30 * MS);
	tls_server_hello(&m, cap_rng(c));
	tcp_data(c, tls, 1, m.p, m.len);
	cap_wait(c, 1 * MS);
	tcp_ack(c, tls, 0);
	buf_free(&m);
}

static void demo_stun(struct cap *c)
{
	static const uint8_t tid[12] = {0xb7, 0xe7, 0xa7, 0x01, 0xbc, 0x34,
					0xd6, 0x86, 0xfa, 0x87, 0xdf, 0xae};
	struct ep cl = ep4("10.10.1.40", 54321);
	struct ep mapped = ep4("198.51.100.99", 62001);
	struct flow *f = flow_new(c, UDP, cl, ep4("198.51.100.20", 3478),
		"STUN Binding request / success response");
	struct buf m = {0};

	cap_at(c, 800 * MS);
	stun_binding(&m, tid, NULL, "vcflow-test-agent");
	udp_send(c, f, 0, m.p, m.len);
	buf_reset(&m);
	cap_wait(c, 25 * MS);
	stun_binding(&m, tid, &mapped, "vcflow-test-agent");
	udp_send(c, f, 1, m.p, m.len);
	buf_free(&m);
}

static void demo_unlisted(struct cap *c)
{
	struct flow *u = flow_new(c, UDP, ep4("10.10.1.50", 40001),
		ep4("198.51.100.77", 40000), "random bytes to UDP 40000");
	struct flow *t = flow_new(c, TCP, ep4("10.10.1.51", 52000),
		ep4("203.0.113.66", 31337),
		"TCP 31337: handshake, random data each way, FIN close");
	struct buf m = {0};

	cap_at(c, 1900 * MS);
	random_exchange(c, u, 3, 2, 50 * MS);
	cap_at(c, 2200 * MS);
	tcp_connect(c, t);
	random_payload(&m, c, 96);
	tcp_data(c, t, 0, m.p, m.len);
	buf_reset(&m);
	cap_wait(c, 10 * MS);
	random_payload(&m, c, 200);
	tcp_data(c, t, 1, m.p, m.len);
	cap_wait(c, 10 * MS);
	tcp_close(c, t, 0);
	buf_free(&m);
}

int write_demo(const char *dir)
{
	struct cap *c = cap_open(dir, "demo.pcap", DLT_EN10MB, 0xde70u);

	demo_sip(c);
	demo_h323(c);
	demo_dns_tls(c);
	demo_stun(c);
	demo_unlisted(c);
	cap_close(c);
	return 0;
}
