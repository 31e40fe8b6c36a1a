/* \summary: video conferencing signalling captures: H.323, Skinny, BFCP,
 * STUN and TURN */
#include <pcap/dlt.h>
#include <string.h>

#include "pcapgen.h"

#define UDP PG_IPPROTO_UDP
#define TCP PG_IPPROTO_TCP

#define SOFTWARE "vcflow-test-agent"

#define SCCP_KEEPALIVE 0x0000
#define SCCP_REGISTER 0x0001
#define SCCP_OPEN_RECEIVE_CHANNEL_ACK 0x0022
#define SCCP_REGISTER_ACK 0x0081
#define SCCP_START_MEDIA_TRANSMISSION 0x008a
#define SCCP_KEEPALIVE_ACK 0x0100
#define SCCP_OPEN_RECEIVE_CHANNEL 0x0105
#define SCCP_DEVICE_7960 7
#define SCCP_G711_ULAW 4

/* ---- H.323 (also used by demo.pcap) ---- */

void h323_call(struct cap *c, struct flow *q931, struct flow *h245,
	       const struct h323_ids *ids, bool full)
{
	struct buf m = {0};

	tcp_connect(c, q931);
	cap_wait(c, 2 * MS);
	q931_setup(&m, ids);
	tcp_data_buf(c, q931, 0, &m, 15 * MS);
	q931_call_proceeding(&m, ids);
	tcp_data_buf(c, q931, 1, &m, 200 * MS);
	q931_alerting(&m, ids);
	tcp_data_buf(c, q931, 1, &m, 1500 * MS);
	q931_connect(&m, ids);
	tcp_data_buf(c, q931, 1, &m, 1 * MS);
	tcp_ack(c, q931, 0);
	cap_wait(c, 50 * MS);
	tcp_connect(c, h245);
	cap_wait(c, 2 * MS);
	h245_tcs(&m, 1, true);
	tcp_data_buf(c, h245, 0, &m, 10 * MS);
	h245_tcs(&m, 1, false);
	tcp_data_buf(c, h245, 1, &m, 10 * MS);
	if (full) {
		h245_msd(&m, 60, 0x9a3f12);
		tcp_data_buf(c, h245, 0, &m, 10 * MS);
		h245_msd(&m, 50, 0x04d2e1);
		tcp_data_buf(c, h245, 1, &m, 10 * MS);
	}
	h245_tcs_ack(&m, 1);
	tcp_data_buf(c, h245, 1, &m, 5 * MS);
	h245_tcs_ack(&m, 1);
	tcp_data_buf(c, h245, 0, &m, 5 * MS);
	if (full) {
		/* a announced terminal type 60, b 50: a is master */
		h245_msd_ack(&m, true);
		tcp_data_buf(c, h245, 1, &m, 5 * MS);
		h245_msd_ack(&m, false);
		tcp_data_buf(c, h245, 0, &m, 5 * MS);
	}
	buf_free(&m);
}

static void h323_hangup(struct cap *c, struct flow *q931, struct flow *h245,
			const struct h323_ids *ids)
{
	struct buf m = {0};

	h245_end_session(&m);
	tcp_data_buf(c, h245, 0, &m, 10 * MS);
	h245_end_session(&m);
	tcp_data_buf(c, h245, 1, &m, 10 * MS);
	tcp_close(c, h245, 0);
	cap_wait(c, 10 * MS);
	q931_release_complete(&m, ids, false, 16);
	tcp_data_buf(c, q931, 0, &m, 10 * MS);
	tcp_close(c, q931, 0);
	buf_free(&m);
}

static void ras_pair(struct cap *c, struct flow *f, struct buf *req,
		     struct buf *rsp)
{
	udp_send(c, f, 0, req->p, req->len);
	cap_wait(c, 3 * MS);
	udp_send(c, f, 1, rsp->p, rsp->len);
	cap_wait(c, 200 * MS);
	buf_reset(req);
	buf_reset(rsp);
}

static const struct h323_ids h323_pcap_ids = {
	.conf_id = {0x4a, 0x1b, 0x2c, 0x3d, 0x4e, 0x5f, 0x11, 0xee, 0x80, 0x01,
		    0x00, 0x50, 0x56, 0xa0, 0x00, 0x01},
	.call_id = {0x4a, 0x1b, 0x2c, 0x3d, 0x4e, 0x5f, 0x11, 0xee, 0x80, 0x02,
		    0x00, 0x50, 0x56, 0xa0, 0x00, 0x02},
	.crv = 0x1234,
	.caller_alias = "ep-alice",
	.caller_e164 = "2001",
	.callee_e164 = "2002",
	.display = "Alice",
	.endpoint_id = "EP1-0001",
	.gatekeeper_id = "GK-LAB",
};

int write_h323(const char *dir)
{
	struct cap *c = cap_open(dir, "h323.pcap", DLT_EN10MB, 0x4323u);
	struct h323_ids ids = h323_pcap_ids;
	struct ep ras = ep4("10.20.1.10", 49160), gk = ep4("10.20.0.2", 1719);
	struct ep sig = ep4("10.20.1.10", 1720);

	ids.caller_sig = ep4("10.20.1.10", 49170);
	ids.caller_csa = sig;
	ids.callee_sig = ep4("10.20.2.20", 1720);
	ids.h245 = ep4("10.20.2.20", 49400);
	struct flow *r = flow_new(c, UDP, ras, gk,
		"H.225.0 RAS: GRQ/GCF, RRQ/RCF, ARQ/ACF");
	struct flow *q = flow_new(c, TCP, ids.caller_sig, ids.callee_sig,
		"Q.931/H.225.0: Setup, Call Proceeding, Alerting, Connect "
		"(h245Address 10.20.2.20:49400), Release Complete cause 16");
	struct ep h245_from = ids.caller_sig;
	h245_from.port = 49171;
	struct flow *h = flow_new(c, TCP, h245_from, ids.h245,
		"H.245: TCS, MSD, TCS Ack, MSD Ack both ways, endSession");
	struct buf req = {0}, rsp = {0};

	ras_grq(&req, 1, &ras, ids.caller_alias);
	ras_gcf(&rsp, 1, &gk, ids.gatekeeper_id);
	ras_pair(c, r, &req, &rsp);
	ras_rrq(&req, 2, &sig, &ras, ids.caller_alias, ids.caller_e164,
		ids.gatekeeper_id, "vcflow-test-ep");
	ras_rcf(&rsp, 2, &sig, ids.caller_alias, ids.gatekeeper_id,
		ids.endpoint_id);
	ras_pair(c, r, &req, &rsp);
	ras_arq(&req, 3, &ids);
	ras_acf(&rsp, 3, &ids);
	ras_pair(c, r, &req, &rsp);
	h323_call(c, q, h, &ids, true);
	cap_wait(c, 3 * SEC);
	h323_hangup(c, q, h, &ids);
	buf_free(&req);
	buf_free(&rsp);
	cap_close(c);
	return 0;
}

/* ---- sccp.pcap ---- */

static void sccp_send(struct cap *c, struct flow *f, int dir, uint32_t id,
		      struct buf *body)
{
	struct buf m = {0};

	sccp_msg(&m, id, body);
	tcp_data_buf(c, f, dir, &m, 20 * MS);
	buf_free(&m);
	if (body)
		buf_reset(body);
}

static void sccp_register(struct buf *b, const struct ep *phone)
{
	buf_strz(b, "SEP001122334455", 16);
	buf_le32(b, 0);	/* userId */
	buf_le32(b, 1);	/* instance */
	buf_put(b, phone->ip, 4);
	buf_le32(b, SCCP_DEVICE_7960);
	buf_le32(b, 5); /* maxStreams */
}

static void sccp_register_ack(struct buf *b)
{
	buf_le32(b, 30); /* keepAliveInterval */
	buf_strz(b, "M/D/YA", 6);
	buf_le16(b, 0);
	buf_le32(b, 60); /* secondaryKeepAliveInterval */
	buf_u8(b, 0);	 /* maxProtocolVer */
	buf_u8(b, 0);
	buf_le16(b, 0); /* phoneFeatures */
}

/* mRxMediaEncryptionKeyInfo / mTxMediaEncryptionKeyInfo: none. */
static void sccp_no_key(struct buf *b)
{
	buf_zero(b, 4 + 2 + 2 + 16 + 16 + 4 + 4);
}

static void sccp_open_receive_channel(struct buf *b)
{
	buf_le32(b, 0x01000a01); /* conferenceID */
	buf_le32(b, 0x02000b01); /* passThruPartyID */
	buf_le32(b, 20);	 /* millisecondPacketSize */
	buf_le32(b, SCCP_G711_ULAW);
	buf_le32(b, 0); /* ecValue */
	buf_le32(b, 0); /* g723BitRate */
	buf_le32(b, 0x03000c01); /* callReference */
	sccp_no_key(b);
	buf_le32(b, 0);	  /* streamPassThroughID */
	buf_le32(b, 0);	  /* associatedStreamID */
	buf_le32(b, 101); /* RFC2833PayloadType */
	buf_le32(b, 0);	  /* dtmfType */
}

static void sccp_orc_ack(struct buf *b, const struct ep *rx)
{
	buf_le32(b, 0); /* status ok */
	buf_put(b, rx->ip, 4);
	buf_le32(b, rx->port);
	buf_le32(b, 0x02000b01);
	buf_le32(b, 0x03000c01);
}

static void sccp_start_media(struct buf *b, const struct ep *remote)
{
	buf_le32(b, 0x01000a01);
	buf_le32(b, 0x02000b01);
	buf_put(b, remote->ip, 4);
	buf_le32(b, remote->port);
	buf_le32(b, 20);
	buf_le32(b, SCCP_G711_ULAW);
	buf_le32(b, 184); /* precedenceValue: IP precedence 5 / EF */
	buf_le32(b, 0);	  /* ssValue: silence suppression off */
	buf_le16(b, 1);	  /* maxFramesPerPacket */
	buf_le16(b, 0);
	buf_le32(b, 0); /* g723BitRate */
	buf_le32(b, 0x03000c01);
	sccp_no_key(b);
	buf_le32(b, 0);
	buf_le32(b, 0);
	buf_le32(b, 101);
	buf_le32(b, 0);
	buf_le32(b, 0); /* mixingMode */
}

int write_sccp(const char *dir)
{
	struct cap *c = cap_open(dir, "sccp.pcap", DLT_EN10MB, 0x5cc9u);
	struct ep phone = ep4("10.30.1.50", 52100);
	struct ep cm = ep4("10.30.0.10", 2000);
	struct ep rx = ep4("10.30.1.50", 24580);
	struct ep remote = ep4("10.30.2.60", 16384);
	struct flow *f = flow_new(c, TCP, phone, cm,
		"Skinny: Register, RegisterAck, KeepAlive, KeepAliveAck, "
		"OpenReceiveChannel, OpenReceiveChannelAck, "
		"StartMediaTransmission");
	struct flow *rtp = flow_new(c, UDP, rx, remote,
		"RTP PT 0 both ways between the announced ports");
	struct rtp_stream s[2] = {rtp_pcmu(0x7960aa01, 1, 160),
				  rtp_pcmu(0x7960bb02, 30001, 4800)};
	struct buf b = {0};

	tcp_connect(c, f);
	sccp_register(&b, &phone);
	sccp_send(c, f, 0, SCCP_REGISTER, &b);
	sccp_register_ack(&b);
	sccp_send(c, f, 1, SCCP_REGISTER_ACK, &b);
	cap_wait(c, 1 * SEC);
	sccp_send(c, f, 0, SCCP_KEEPALIVE, NULL);
	sccp_send(c, f, 1, SCCP_KEEPALIVE_ACK, NULL);
	cap_wait(c, 2 * SEC);
	sccp_open_receive_channel(&b);
	sccp_send(c, f, 1, SCCP_OPEN_RECEIVE_CHANNEL, &b);
	sccp_orc_ack(&b, &rx);
	sccp_send(c, f, 0, SCCP_OPEN_RECEIVE_CHANNEL_ACK, &b);
	sccp_start_media(&b, &remote);
	sccp_send(c, f, 1, SCCP_START_MEDIA_TRANSMISSION, &b);
	uint64_t t = cap_now(c);
	rtp_run(c, rtp, 0, &s[0], 12, t + 10 * MS, 20 * MS);
	rtp_run(c, rtp, 1, &s[1], 12, t + 14 * MS, 20 * MS);
	buf_free(&b);
	cap_close(c);
	return 0;
}

/* ---- bfcp.pcap ---- */

static void bfcp_status_granted(struct buf *o, unsigned floor_req)
{
	size_t fri = bfcp_group_open(o, 15, floor_req);
	size_t ors = bfcp_group_open(o, 18, floor_req);
	bfcp_request_status(o, 3, 0); /* Granted */
	bfcp_group_close(o, ors);
	size_t frs = bfcp_group_open(o, 17, 1);
	bfcp_group_close(o, frs);
	bfcp_group_close(o, fri);
}

static void bfcp_tcp(struct cap *c, struct flow *f)
{
	struct buf o = {0};

	tcp_connect(c, f);
	bfcp_begin(&o, 1, BFCP_HELLO, 4321, 1, 1234);
	bfcp_end(&o);
	tcp_data_buf(c, f, 0, &o, 5 * MS);
	bfcp_begin(&o, 1, BFCP_HELLO_ACK, 4321, 1, 1234);
	bfcp_hello_ack_attrs(&o);
	bfcp_end(&o);
	tcp_data_buf(c, f, 1, &o, 500 * MS);
	bfcp_begin(&o, 1, BFCP_FLOOR_REQUEST, 4321, 2, 1234);
	bfcp_attr16(&o, 2, 1); /* FLOOR-ID */
	bfcp_end(&o);
	tcp_data_buf(c, f, 0, &o, 5 * MS);
	bfcp_begin(&o, 1, BFCP_FLOOR_REQUEST_STATUS, 4321, 2, 1234);
	bfcp_status_granted(&o, 7);
	bfcp_end(&o);
	tcp_data_buf(c, f, 1, &o, 2 * SEC);
	tcp_close(c, f, 0);
	buf_free(&o);
}

static void bfcp_udp(struct cap *c, struct flow *f, unsigned ver,
		     unsigned tid, unsigned uid)
{
	struct buf o = {0};

	bfcp_begin(&o, ver, BFCP_FLOOR_REQUEST_QUERY, 4321, tid, uid);
	bfcp_attr16(&o, 3, 7); /* FLOOR-REQUEST-ID */
	bfcp_end(&o);
	udp_send(c, f, 0, o.p, o.len);
	buf_reset(&o);
	cap_wait(c, 5 * MS);
	bfcp_begin(&o, ver, BFCP_FLOOR_REQUEST_STATUS, 4321, tid, uid);
	if (ver == 2)
		bfcp_set_responder(&o);
	bfcp_status_granted(&o, 7);
	bfcp_end(&o);
	udp_send(c, f, 1, o.p, o.len);
	buf_free(&o);
}

int write_bfcp(const char *dir)
{
	struct cap *c = cap_open(dir, "bfcp.pcap", DLT_EN10MB, 0xbfc9u);
	struct flow *t = flow_new(c, TCP, ep4("10.40.1.10", 49500),
		ep4("10.40.0.20", 5070),
		"BFCP v1 over TCP: Hello, HelloAck, FloorRequest, "
		"FloorRequestStatus, FIN close");
	struct flow *u2 = flow_new(c, UDP, ep4("10.40.1.11", 50000),
		ep4("10.40.0.20", 5070),
		"BFCP v2 over UDP (RFC 8855): FloorRequestQuery, "
		"FloorRequestStatus");
	struct flow *u1 = flow_new(c, UDP, ep4("10.40.1.12", 50000),
		ep4("10.40.0.20", 5070),
		"BFCP v1 over UDP (as RFC 4582-era devices send it): "
		"FloorRequestQuery, FloorRequestStatus");

	bfcp_tcp(c, t);
	cap_at(c, 5 * SEC);
	bfcp_udp(c, u2, 2, 10, 1235);
	cap_at(c, 6 * SEC);
	bfcp_udp(c, u1, 1, 20, 1236);
	cap_close(c);
	return 0;
}

/* ---- stun.pcap and stun-tcp.pcap ---- */

static void stun_udp_binding(struct cap *c, struct flow *f,
			     const struct ep *mapped)
{
	uint8_t tid[12];
	struct buf o = {0};

	stun_tid(tid, cap_rng(c));
	stun_binding(&o, tid, NULL, SOFTWARE);
	udp_send(c, f, 0, o.p, o.len);
	buf_reset(&o);
	cap_wait(c, 30 * MS);
	stun_binding(&o, tid, mapped, SOFTWARE);
	udp_send(c, f, 1, o.p, o.len);
	buf_free(&o);
}

/* STUN counts lengths from the buffer's start: build apart, then append. */
static void stun_append(struct buf *o, const uint8_t tid[12],
			const struct ep *mapped)
{
	struct buf m = {0};

	stun_binding(&m, tid, mapped, SOFTWARE);
	buf_put(o, m.p, m.len);
	buf_free(&m);
}

/* Two requests in one segment, two responses in one segment. */
static void stun_tcp_pair(struct cap *c, struct flow *f)
{
	uint8_t t1[12], t2[12];
	struct buf o = {0};
	struct ep mapped = ep4("203.0.113.9", 61001);

	stun_tid(t1, cap_rng(c));
	stun_tid(t2, cap_rng(c));
	tcp_connect(c, f);
	stun_append(&o, t1, NULL);
	stun_append(&o, t2, NULL);
	tcp_data_buf(c, f, 0, &o, 30 * MS);
	stun_append(&o, t1, &mapped);
	stun_append(&o, t2, &mapped);
	tcp_data_buf(c, f, 1, &o, 1 * SEC);
	tcp_close(c, f, 0);
	buf_free(&o);
}

static void turn_allocate(struct buf *o, const uint8_t tid[12],
			  const char *nonce, const uint8_t *key)
{
	static const uint8_t udp[4] = {17, 0, 0, 0};

	stun_begin(o, TURN_ALLOCATE_REQUEST, tid);
	if (key) {
		stun_attr_str(o, STUN_ATTR_USERNAME, "alice");
		stun_attr_str(o, STUN_ATTR_REALM, "example.org");
		stun_attr_str(o, STUN_ATTR_NONCE, nonce);
	}
	stun_attr(o, STUN_ATTR_REQUESTED_TRANSPORT, udp, sizeof udp);
	stun_attr_str(o, STUN_ATTR_SOFTWARE, SOFTWARE);
	if (key)
		stun_integrity(o, key, 16);
	stun_fingerprint(o);
}

static void turn_exchange(struct cap *c, struct flow *f)
{
	static const char nonce[] = "f0e1d2c3b4a5968778695a4b3c2d1e0f";
	uint8_t t1[12], t2[12], key[16];
	struct ep relayed = ep4("198.51.100.20", 49152);
	struct ep mapped = ep4("203.0.113.9", 61010);
	uint8_t lifetime[4] = {0, 0, 0x02, 0x58}; /* 600 s */
	struct buf o = {0};

	turn_key("alice", "example.org", "vcflow-test-pass", key);
	stun_tid(t1, cap_rng(c));
	stun_tid(t2, cap_rng(c));
	turn_allocate(&o, t1, NULL, NULL);
	udp_send(c, f, 0, o.p, o.len);
	buf_reset(&o);
	cap_wait(c, 25 * MS);
	stun_begin(&o, TURN_ALLOCATE_ERROR, t1);
	stun_error_code(&o, 401, "Unauthorized");
	stun_attr_str(&o, STUN_ATTR_REALM, "example.org");
	stun_attr_str(&o, STUN_ATTR_NONCE, nonce);
	stun_attr_str(&o, STUN_ATTR_SOFTWARE, SOFTWARE);
	stun_fingerprint(&o);
	udp_send(c, f, 1, o.p, o.len);
	buf_reset(&o);
	cap_wait(c, 5 * MS);
	turn_allocate(&o, t2, nonce, key);
	udp_send(c, f, 0, o.p, o.len);
	buf_reset(&o);
	cap_wait(c, 25 * MS);
	stun_begin(&o, TURN_ALLOCATE_SUCCESS, t2);
	stun_xor_address(&o, STUN_ATTR_XOR_RELAYED_ADDRESS, &relayed, t2);
	stun_attr(&o, STUN_ATTR_LIFETIME, lifetime, 4);
	stun_xor_address(&o, STUN_ATTR_XOR_MAPPED_ADDRESS, &mapped, t2);
	stun_attr_str(&o, STUN_ATTR_SOFTWARE, SOFTWARE);
	stun_integrity(&o, key, sizeof key);
	stun_fingerprint(&o);
	udp_send(c, f, 1, o.p, o.len);
	buf_free(&o);
}

int write_stun(const char *dir)
{
	struct cap *c = cap_open(dir, "stun.pcap", DLT_EN10MB, 0x57u);
	struct ep srv = ep4("198.51.100.20", 3478);
	struct ep mapped = ep4("203.0.113.9", 61000);
	struct flow *b = flow_new(c, UDP, ep4("192.168.1.60", 54321), srv,
		"STUN Binding request / success response");
	struct flow *t = flow_new(c, TCP, ep4("192.168.1.61", 50100), srv,
		"STUN over TCP: 2 Binding requests in one segment, 2 responses "
		"in one segment, FIN close");
	struct flow *a = flow_new(c, UDP, ep4("192.168.1.62", 50200), srv,
		"TURN Allocate, 401 Unauthorized, Allocate with "
		"MESSAGE-INTEGRITY, Allocate success");

	stun_udp_binding(c, b, &mapped);
	cap_at(c, 1 * SEC);
	stun_tcp_pair(c, t);
	cap_at(c, 4 * SEC);
	turn_exchange(c, a);
	cap_close(c);
	return 0;
}

int write_stun_tcp(const char *dir)
{
	struct cap *c = cap_open(dir, "stun-tcp.pcap", DLT_EN10MB, 0x57c9u);
	struct flow *f = flow_new(c, TCP, ep4("192.168.1.70", 50300),
		ep4("198.51.100.21", 3478),
		"STUN over TCP: 4 requests, 4 responses, split and packed "
		"across 6 segments");
	struct ep mapped = ep4("203.0.113.9", 61020);
	uint8_t tid[4][12];
	struct buf req[4] = {{0}}, rsp[4] = {{0}}, o = {0};

	for (int i = 0; i < 4; i++) {
		stun_tid(tid[i], cap_rng(c));
		stun_binding(&req[i], tid[i], NULL, SOFTWARE);
		stun_binding(&rsp[i], tid[i], &mapped, SOFTWARE);
	}
	tcp_connect(c, f);
	/* request 1 cut inside its 20-byte header */
	tcp_send(c, f, 0, PG_TCP_PSH | PG_TCP_ACK, req[0].p, 10);
	cap_wait(c, 2 * MS);
	tcp_data(c, f, 0, req[0].p + 10, req[0].len - 10);
	cap_wait(c, 20 * MS);
	tcp_data(c, f, 1, rsp[0].p, rsp[0].len);
	cap_wait(c, 500 * MS);
	/* requests 2, 3 and 4 in one segment */
	for (int i = 1; i < 4; i++)
		buf_put(&o, req[i].p, req[i].len);
	tcp_data_buf(c, f, 0, &o, 20 * MS);
	/* response 2 and the first 30 bytes of response 3 (inside its
	 * XOR-MAPPED-ADDRESS), then the rest of 3 and all of 4 */
	buf_put(&o, rsp[1].p, rsp[1].len);
	buf_put(&o, rsp[2].p, 30);
	tcp_data_buf(c, f, 1, &o, 1 * MS);
	buf_put(&o, rsp[2].p + 30, rsp[2].len - 30);
	buf_put(&o, rsp[3].p, rsp[3].len);
	tcp_data_buf(c, f, 1, &o, 1 * SEC);
	tcp_close(c, f, 0);
	for (int i = 0; i < 4; i++) {
		buf_free(&req[i]);
		buf_free(&rsp[i]);
	}
	buf_free(&o);
	cap_close(c);
	return 0;
}
