/* \summary: unit tests for the SCCP (Skinny) recogniser */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vcflow/proto.h"

#include "proto-session.h"

extern const struct recogniser proto_sccp;

/* ---- building messages ------------------------------------------------ */

#define MSG_MAX 1024

struct buf {
	uint8_t b[MSG_MAX];
	size_t len;
};

static void put8(struct buf *m, uint8_t v)
{
	ck_assert_uint_lt(m->len, MSG_MAX);
	m->b[m->len++] = v;
}

static void put_le32(struct buf *m, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		put8(m, (uint8_t)(v >> (8 * i)));
}

static void put_bytes(struct buf *m, const void *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		put8(m, ((const uint8_t *)p)[i]);
}

static void put_zeros(struct buf *m, size_t n)
{
	for (size_t i = 0; i < n; i++)
		put8(m, 0);
}

static void put_ip4(struct buf *m, uint8_t a, uint8_t b, uint8_t c, uint8_t d)
{
	put8(m, a);
	put8(m, b);
	put8(m, c);
	put8(m, d);
}

/* Appends one message: length, header version, id, body. */
static void put_msg(struct buf *m, uint32_t version, uint32_t id,
		    const struct buf *body)
{
	put_le32(m, 4 + (uint32_t)body->len);
	put_le32(m, version);
	put_le32(m, id);
	put_bytes(m, body->b, body->len);
}

#define V_BASIC 0x00
#define V20 0x14

enum {
	ID_KEEPALIVE = 0x0000,
	ID_REGISTER = 0x0001,
	ID_OFFHOOK = 0x0006,
	ID_ORC_ACK = 0x0022,
	ID_OMMRC_ACK = 0x0031,
	ID_START_MEDIA = 0x008A,
	ID_KEEPALIVE_ACK = 0x0100,
	ID_ORC = 0x0105,
	ID_CALL_STATE = 0x0111,
	ID_START_MULTIMEDIA = 0x0132,
};

static void add_keepalive(struct buf *m)
{
	struct buf body = { .len = 0 };

	put_msg(m, V_BASIC, ID_KEEPALIVE, &body);
}

static void add_keepalive_ack(struct buf *m)
{
	struct buf body = { .len = 0 };

	put_msg(m, V_BASIC, ID_KEEPALIVE_ACK, &body);
}

/* CallState: state, line, call reference, privacy, precedence (V20). */
static void add_call_state(struct buf *m)
{
	struct buf body = { .len = 0 };

	put_le32(&body, 12);
	put_le32(&body, 1);
	put_le32(&body, 19805771);
	put_zeros(&body, 12);
	put_msg(m, V20, ID_CALL_STATE, &body);
}

/* Register, as sent by a device (modelled on a real registration). */
static void add_register(struct buf *m, const char *name, uint32_t type)
{
	struct buf body = { .len = 0 };
	uint8_t dev[16] = { 0 };

	memcpy(dev, name, strlen(name) < 16 ? strlen(name) : 16);
	put_bytes(&body, dev, sizeof dev);
	put_le32(&body, 0);		  /* reserved */
	put_le32(&body, 1);		  /* instance */
	put_ip4(&body, 172, 18, 110, 58); /* stationIpAddr */
	put_le32(&body, type);
	put_le32(&body, 8);  /* max streams */
	put_le32(&body, 0);  /* active streams */
	put8(&body, 18);     /* protocol version */
	put_zeros(&body, 3); /* unknown, phone features */
	put_zeros(&body, 80);
	put_msg(m, V_BASIC, ID_REGISTER, &body);
}

/* OpenReceiveChannelAck: status, address (as the version lays it out),
 * port, party, call reference. */
static void add_orc_ack(struct buf *m, uint32_t version, uint32_t status,
			const uint8_t *ip, size_t iplen, uint32_t port,
			uint32_t party)
{
	struct buf body = { .len = 0 };

	put_le32(&body, status);
	if (version >= 0x11) {
		put_le32(&body, iplen == 16 ? 1 : 0);
		put_bytes(&body, ip, iplen);
		put_zeros(&body, 16 - iplen);
	} else {
		put_bytes(&body, ip, 4);
	}
	put_le32(&body, port);
	put_le32(&body, party);
	put_le32(&body, 19805770); /* call reference */
	put_msg(m, version, ID_ORC_ACK, &body);
}

/* OpenReceiveChannel: conference, party, the rest zero. */
static void add_orc(struct buf *m, uint32_t conference, uint32_t party)
{
	struct buf body = { .len = 0 };

	put_le32(&body, conference);
	put_le32(&body, party);
	put_le32(&body, 20); /* packet size */
	put_le32(&body, 4);  /* G.711 u-law */
	put_zeros(&body, 32);
	put_msg(m, V20, ID_ORC, &body);
}

/* StartMediaTransmission, modelled on skinny.pcap frame 35 when V20. */
static void add_start_media(struct buf *m, uint32_t version,
			    uint32_t conference, const uint8_t ip[4],
			    uint32_t port)
{
	struct buf body = { .len = 0 };

	put_le32(&body, conference);
	put_le32(&body, 16777297); /* party */
	if (version >= 0x11) {
		put_le32(&body, 0);
		put_bytes(&body, ip, 4);
		put_zeros(&body, 12);
	} else {
		put_bytes(&body, ip, 4);
	}
	put_le32(&body, port);
	put_le32(&body, 20); /* packet size */
	put_le32(&body, 4);  /* G.711 u-law */
	put_zeros(&body, 60);
	put_msg(m, version, ID_START_MEDIA, &body);
}

static void add_start_multimedia(struct buf *m, uint32_t conference,
				 const uint8_t ip[4], uint32_t port)
{
	struct buf body = { .len = 0 };

	put_le32(&body, conference);
	put_le32(&body, 7); /* party */
	put_le32(&body, 103); /* H.264 */
	put_le32(&body, 0);
	put_bytes(&body, ip, 4);
	put_zeros(&body, 12);
	put_le32(&body, port);
	put_zeros(&body, 40);
	put_msg(m, V20, ID_START_MULTIMEDIA, &body);
}

/* ---- running the recogniser ------------------------------------------- */

#define ANN_MAX 16

struct seen {
	struct proto_announce a;
	char what[32];
	char call_id[PROTO_CALLID_MAX];
	char product[PROTO_PRODUCT_MAX];
};

struct run {
	void *state;
	struct proto_report rep;
	struct seen ann[ANN_MAX];
	int n_ann;
	enum proto_verdict last;
};

static void on_announce(void *ctx, const struct proto_pkt *from,
			const struct proto_announce *a)
{
	struct run *r = ctx;

	ck_assert_ptr_nonnull(from);
	if (r->n_ann >= ANN_MAX)
		return;
	r->ann[r->n_ann].a = *a;
	snprintf(r->ann[r->n_ann].what, sizeof r->ann[0].what, "%s",
		 a->what ? a->what : "");
	snprintf(r->ann[r->n_ann].call_id, sizeof r->ann[0].call_id, "%s",
		 a->call_id ? a->call_id : "");
	snprintf(r->ann[r->n_ann].product, sizeof r->ann[0].product, "%s",
		 a->product ? a->product : "");
	r->n_ann++;
}

static void run_start(struct run *r)
{
	memset(r, 0, sizeof *r);
	r->state = state_new(&proto_sccp);
}

static void run_end(struct run *r)
{
	state_free(&proto_sccp, r->state);
	r->state = NULL;
}

/* Feeds one segment from an exact-size heap copy, so overreads show. */
static enum proto_verdict run_feed_ex(struct run *r, const uint8_t *data,
				      size_t len, bool from_initiator,
				      uint8_t transport, bool gap)
{
	struct proto_sink sink = { .announce = on_announce, .ctx = r };
	struct proto_pkt pkt = {
		.transport = transport,
		.from_initiator = from_initiator,
		.sport = 49399,
		.dport = 2000,
		.gap = gap,
	};

	r->last = feed_copy(&proto_sccp, r->state, pkt, data, len, &r->rep,
			    &sink);
	return r->last;
}

static enum proto_verdict run_feed(struct run *r, const struct buf *m,
				   bool from_initiator)
{
	return run_feed_ex(r, m->b, m->len, from_initiator, PROTO_TCP, false);
}

/* One segment, one fresh recogniser. */
static enum proto_verdict verdict_of(const uint8_t *data, size_t len)
{
	struct run r;
	enum proto_verdict v;

	run_start(&r);
	v = run_feed_ex(&r, data, len, true, PROTO_TCP, false);
	run_end(&r);
	return v;
}

static void assert_text_sane(const char *s, size_t size)
{
	size_t n = strnlen(s, size);

	ck_assert_uint_lt(n, size);
	for (size_t i = 0; i < n; i++)
		ck_assert(s[i] >= 0x20 && s[i] < 0x7f);
}

static void assert_announced(const struct run *r, int i, const char *ip,
			     uint16_t port, const char *what,
			     const char *call_id)
{
	struct addr want;
	char have[ADDR_STRLEN];

	ck_assert_int_gt(r->n_ann, i);
	ck_assert(addr_parse(ip, &want));
	addr_str(&r->ann[i].a.addr, have, sizeof have);
	ck_assert_msg(addr_cmp(&r->ann[i].a.addr, &want) == 0,
		      "announced %s, want %s", have, ip);
	ck_assert_uint_eq(r->ann[i].a.port, port);
	ck_assert_uint_eq(r->ann[i].a.transport, PROTO_UDP);
	ck_assert_int_eq(r->ann[i].a.app, APP_RTP);
	ck_assert_str_eq(r->ann[i].what, what);
	ck_assert_str_eq(r->ann[i].call_id, call_id);
}

static const uint8_t media_ip[4] = { 192, 168, 193, 24 };

/* ---- recognition ------------------------------------------------------ */

START_TEST(test_register_alone_is_yes_with_model)
{
	struct buf m = { .len = 0 };
	struct run r;

	add_register(&m, "SEP00112233AABB", 30016);
	run_start(&r);
	ck_assert_int_eq(run_feed(&r, &m, true), PROTO_YES);
	ck_assert_str_eq(r.rep.detail, "Register SEP00112233AABB");
	ck_assert_str_eq(r.rep.product, "Cisco IP Communicator");
	run_end(&r);
}
END_TEST

START_TEST(test_register_of_unknown_device_reports_its_name)
{
	struct buf m = { .len = 0 };
	struct run r;

	add_register(&m, "NONSECURE_CONF", 99999);
	run_start(&r);
	ck_assert_int_eq(run_feed(&r, &m, true), PROTO_YES);
	ck_assert_str_eq(r.rep.product, "NONSECURE_CONF");
	run_end(&r);
}
END_TEST

static const struct {
	uint32_t type;
	const char *product;
} device_cases[] = {
	{ 7, "Cisco 7960" },
	{ 8, "Cisco 7940" },
	{ 52, "Cisco conference bridge" },
	{ 115, "Cisco 7941" },
	{ 30002, "Cisco 7920" },
	{ 30018, "Cisco 7961" },
};

START_TEST(test_register_maps_device_type_to_model)
{
	struct buf m = { .len = 0 };
	struct run r;

	add_register(&m, "SEP001122334455", device_cases[_i].type);
	run_start(&r);
	ck_assert_int_eq(run_feed(&r, &m, true), PROTO_YES);
	ck_assert_str_eq(r.rep.product, device_cases[_i].product);
	run_end(&r);
}
END_TEST

START_TEST(test_register_with_unprintable_name_is_no)
{
	struct buf m = { .len = 0 };

	add_register(&m, "SEP\001BAD", 8);
	ck_assert_int_eq(verdict_of(m.b, m.len), PROTO_NO);
}
END_TEST

START_TEST(test_register_with_empty_name_is_no)
{
	struct buf m = { .len = 0 };

	add_register(&m, "", 8);
	ck_assert_int_eq(verdict_of(m.b, m.len), PROTO_NO);
}
END_TEST

START_TEST(test_one_known_message_is_more)
{
	struct buf m = { .len = 0 };

	add_keepalive(&m);
	ck_assert_int_eq(verdict_of(m.b, m.len), PROTO_MORE);
}
END_TEST

START_TEST(test_two_messages_in_two_directions_are_yes)
{
	struct buf a = { .len = 0 }, b = { .len = 0 };
	struct run r;

	add_keepalive(&a);
	add_keepalive_ack(&b);
	run_start(&r);
	ck_assert_int_eq(run_feed(&r, &a, true), PROTO_MORE);
	ck_assert_int_eq(run_feed(&r, &b, false), PROTO_YES);
	ck_assert_str_eq(r.rep.detail, "KeepAlive");
	run_end(&r);
}
END_TEST

START_TEST(test_two_messages_in_one_segment_are_yes)
{
	struct buf m = { .len = 0 };
	struct run r;

	add_call_state(&m);
	add_keepalive(&m);
	run_start(&r);
	ck_assert_int_eq(run_feed(&r, &m, false), PROTO_YES);
	ck_assert_str_eq(r.rep.detail, "CallState");
	run_end(&r);
}
END_TEST

START_TEST(test_messages_split_at_any_byte_are_yes)
{
	struct buf m = { .len = 0 };

	add_call_state(&m);
	add_keepalive(&m);
	for (size_t cut = 1; cut < m.len; cut++) {
		struct run r;

		run_start(&r);
		ck_assert_int_eq(run_feed_ex(&r, m.b, cut, true, PROTO_TCP,
					     false),
				 PROTO_MORE);
		ck_assert_int_eq(run_feed_ex(&r, m.b + cut, m.len - cut, true,
					     PROTO_TCP, false),
				 PROTO_YES);
		run_end(&r);
	}
}
END_TEST

START_TEST(test_messages_in_one_byte_segments_are_yes)
{
	struct buf m = { .len = 0 };
	struct run r;

	add_register(&m, "SEP00112233AABB", 8);
	run_start(&r);
	for (size_t i = 0; i + 1 < m.len; i++)
		ck_assert_int_eq(run_feed_ex(&r, m.b + i, 1, true, PROTO_TCP,
					     false),
				 PROTO_MORE);
	ck_assert_int_eq(run_feed_ex(&r, m.b + m.len - 1, 1, true, PROTO_TCP,
				     false),
			 PROTO_YES);
	run_end(&r);
}
END_TEST

START_TEST(test_unknown_message_id_is_not_counted)
{
	struct buf m = { .len = 0 }, body = { .len = 0 };

	put_le32(&body, 1);
	put_msg(&m, V_BASIC, 0x7777, &body);
	add_keepalive(&m);
	ck_assert_int_eq(verdict_of(m.b, m.len), PROTO_MORE);
}
END_TEST

START_TEST(test_unknown_header_version_is_no)
{
	struct buf m = { .len = 0 }, body = { .len = 0 };

	put_msg(&m, 0x05, ID_KEEPALIVE, &body);
	add_keepalive(&m);
	ck_assert_int_eq(verdict_of(m.b, m.len), PROTO_NO);
}
END_TEST

START_TEST(test_length_below_message_id_is_no)
{
	static const uint8_t m[] = { 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 };

	ck_assert_int_eq(verdict_of(m, sizeof m), PROTO_NO);
}
END_TEST

START_TEST(test_huge_length_is_no)
{
	static const uint8_t m[] = { 0xA0, 0x86, 0x01, 0, 0, 0, 0, 0, 1, 0, 0, 0 };

	ck_assert_int_eq(verdict_of(m, sizeof m), PROTO_NO);
}
END_TEST

START_TEST(test_keepalive_with_a_body_is_no)
{
	struct buf m = { .len = 0 }, body = { .len = 0 };

	put_le32(&body, 0);
	put_msg(&m, V_BASIC, ID_KEEPALIVE, &body);
	add_keepalive(&m);
	ck_assert_int_eq(verdict_of(m.b, m.len), PROTO_NO);
}
END_TEST

START_TEST(test_udp_is_no)
{
	struct buf m = { .len = 0 };
	struct run r;

	add_register(&m, "SEP00112233AABB", 8);
	run_start(&r);
	ck_assert_int_eq(run_feed_ex(&r, m.b, m.len, true, PROTO_UDP, false),
			 PROTO_NO);
	run_end(&r);
}
END_TEST

START_TEST(test_text_protocol_is_no)
{
	static const char sip[] = "INVITE sip:bob@example.com SIP/2.0\r\n";

	ck_assert_int_eq(verdict_of((const uint8_t *)sip, strlen(sip)),
			 PROTO_NO);
}
END_TEST

START_TEST(test_gap_restarts_framing_at_the_segment)
{
	struct buf part = { .len = 0 }, fresh = { .len = 0 };
	struct run r;

	add_call_state(&part);
	add_keepalive(&fresh);
	add_keepalive_ack(&fresh);
	run_start(&r);
	ck_assert_int_eq(run_feed_ex(&r, part.b, 10, true, PROTO_TCP, false),
			 PROTO_MORE);
	ck_assert_int_eq(run_feed_ex(&r, fresh.b, fresh.len, true, PROTO_TCP,
				     true),
			 PROTO_YES);
	run_end(&r);
}
END_TEST

/* ---- media announcements --------------------------------------------- */

START_TEST(test_basic_open_receive_channel_ack_announces_rtp)
{
	static const uint8_t ip[4] = { 10, 1, 2, 3 };
	struct buf m = { .len = 0 };
	struct run r;

	add_orc_ack(&m, V_BASIC, 0, ip, 4, 24580, 42);
	add_keepalive(&m);
	run_start(&r);
	ck_assert_int_eq(run_feed(&r, &m, true), PROTO_YES);
	ck_assert_int_eq(r.n_ann, 1);
	assert_announced(&r, 0, "10.1.2.3", 24580, "SCCP media",
			 "sccp-party-42");
	run_end(&r);
}
END_TEST

START_TEST(test_v20_open_receive_channel_ack_announces_rtp)
{
	static const uint8_t ip[4] = { 192, 168, 195, 58 };
	struct buf m = { .len = 0 };
	struct run r;

	add_orc_ack(&m, V20, 0, ip, 4, 32144, 16777295);
	run_start(&r);
	ck_assert_int_eq(run_feed(&r, &m, false), PROTO_MORE);
	assert_announced(&r, 0, "192.168.195.58", 32144, "SCCP media",
			 "sccp-party-16777295");
	run_end(&r);
}
END_TEST

START_TEST(test_v20_ipv6_open_receive_channel_ack_announces_rtp)
{
	static const uint8_t ip[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0,
					0,    0,    0,    0,	   0, 0, 0, 5 };
	struct buf m = { .len = 0 };
	struct run r;

	add_orc_ack(&m, V20, 0, ip, 16, 16384, 9);
	run_start(&r);
	run_feed(&r, &m, false);
	assert_announced(&r, 0, "2001:db8::5", 16384, "SCCP media",
			 "sccp-party-9");
	run_end(&r);
}
END_TEST

START_TEST(test_ack_takes_the_conference_of_its_open_receive_channel)
{
	static const uint8_t ip[4] = { 192, 168, 195, 58 };
	struct buf open = { .len = 0 }, ack = { .len = 0 };
	struct run r;

	add_orc(&open, 19805770, 16777295);
	add_orc_ack(&ack, V20, 0, ip, 4, 32144, 16777295);
	run_start(&r);
	run_feed(&r, &open, false);
	ck_assert_int_eq(run_feed(&r, &ack, true), PROTO_YES);
	assert_announced(&r, 0, "192.168.195.58", 32144, "SCCP media",
			 "sccp-conf-19805770");
	run_end(&r);
}
END_TEST

START_TEST(test_failed_open_receive_channel_ack_announces_nothing)
{
	static const uint8_t ip[4] = { 10, 1, 2, 3 };
	struct buf m = { .len = 0 };
	struct run r;

	add_orc_ack(&m, V_BASIC, 2, ip, 4, 24580, 42);
	run_start(&r);
	run_feed(&r, &m, true);
	ck_assert_int_eq(r.n_ann, 0);
	run_end(&r);
}
END_TEST

START_TEST(test_basic_start_media_transmission_announces_remote)
{
	struct buf m = { .len = 0 };
	struct run r;

	add_start_media(&m, V_BASIC, 1234, media_ip, 9399);
	run_start(&r);
	run_feed(&r, &m, false);
	assert_announced(&r, 0, "192.168.193.24", 9399, "SCCP media",
			 "sccp-conf-1234");
	run_end(&r);
}
END_TEST

START_TEST(test_v20_start_media_transmission_announces_remote)
{
	struct buf m = { .len = 0 };
	struct run r;

	add_start_media(&m, V20, 19805771, media_ip, 9399);
	run_start(&r);
	run_feed(&r, &m, false);
	assert_announced(&r, 0, "192.168.193.24", 9399, "SCCP media",
			 "sccp-conf-19805771");
	run_end(&r);
}
END_TEST

START_TEST(test_start_multimedia_transmission_announces_video)
{
	struct buf m = { .len = 0 };
	struct run r;

	add_start_multimedia(&m, 77, media_ip, 9500);
	run_start(&r);
	run_feed(&r, &m, false);
	assert_announced(&r, 0, "192.168.193.24", 9500, "SCCP video",
			 "sccp-conf-77");
	run_end(&r);
}
END_TEST

START_TEST(test_zero_port_or_address_announces_nothing)
{
	static const uint8_t zero[4] = { 0, 0, 0, 0 };
	struct buf m = { .len = 0 };
	struct run r;

	add_start_media(&m, V20, 1, media_ip, 0);
	add_start_media(&m, V20, 1, zero, 9399);
	add_start_media(&m, V20, 1, media_ip, 70000);
	run_start(&r);
	ck_assert_int_eq(run_feed(&r, &m, false), PROTO_YES);
	ck_assert_int_eq(r.n_ann, 0);
	run_end(&r);
}
END_TEST

START_TEST(test_media_is_announced_after_yes)
{
	struct buf first = { .len = 0 }, later = { .len = 0 };
	struct run r;

	add_keepalive(&first);
	add_keepalive_ack(&first);
	add_start_media(&later, V20, 5, media_ip, 9396);
	run_start(&r);
	ck_assert_int_eq(run_feed(&r, &first, true), PROTO_YES);
	ck_assert_int_eq(run_feed(&r, &later, false), PROTO_YES);
	assert_announced(&r, 0, "192.168.193.24", 9396, "SCCP media",
			 "sccp-conf-5");
	ck_assert_str_eq(r.rep.detail, "KeepAlive");
	run_end(&r);
}
END_TEST

START_TEST(test_media_carries_the_registered_product)
{
	struct buf reg = { .len = 0 }, later = { .len = 0 };
	struct run r;

	add_register(&reg, "SEP00112233AABB", 30016);
	add_start_media(&later, V20, 5, media_ip, 9396);
	run_start(&r);
	ck_assert_int_eq(run_feed(&r, &reg, true), PROTO_YES);
	ck_assert_int_eq(run_feed(&r, &later, false), PROTO_YES);
	ck_assert_int_eq(r.n_ann, 1);
	ck_assert_str_eq(r.ann[0].product, "Cisco IP Communicator");
	run_end(&r);
}
END_TEST

START_TEST(test_media_without_register_has_no_product)
{
	struct buf m = { .len = 0 };
	struct run r;

	add_start_media(&m, V20, 5, media_ip, 9396);
	run_start(&r);
	run_feed(&r, &m, false);
	ck_assert_int_eq(r.n_ann, 1);
	ck_assert_ptr_null(r.ann[0].a.product);
	run_end(&r);
}
END_TEST

START_TEST(test_garbage_after_yes_resyncs_at_next_segment)
{
	static const uint8_t junk[] = { 0xde, 0xad, 0xbe, 0xef, 1, 2, 3, 4,
					5,    6,    7,	  8,    9, 10 };
	struct buf first = { .len = 0 }, later = { .len = 0 };
	struct run r;

	add_keepalive(&first);
	add_keepalive_ack(&first);
	add_start_media(&later, V20, 5, media_ip, 9396);
	run_start(&r);
	ck_assert_int_eq(run_feed(&r, &first, true), PROTO_YES);
	ck_assert_int_eq(run_feed_ex(&r, junk, sizeof junk, false, PROTO_TCP,
				     false),
			 PROTO_YES);
	ck_assert_int_eq(run_feed(&r, &later, false), PROTO_YES);
	ck_assert_int_eq(r.n_ann, 1);
	run_end(&r);
}
END_TEST

START_TEST(test_truncated_media_message_announces_nothing)
{
	struct buf m = { .len = 0 };
	struct run r;

	/* A StartMediaTransmission whose length stops before the port. */
	put_le32(&m, 4 + 4 + 4 + 4);
	put_le32(&m, V_BASIC);
	put_le32(&m, ID_START_MEDIA);
	put_le32(&m, 1);
	put_le32(&m, 2);
	put_bytes(&m, media_ip, 4);
	run_start(&r);
	ck_assert_int_eq(run_feed(&r, &m, false), PROTO_NO);
	ck_assert_int_eq(r.n_ann, 0);
	run_end(&r);
}
END_TEST

/* ---- robustness ------------------------------------------------------- */

static void good_samples(struct buf *s, size_t *n)
{
	*n = 0;
	add_register(&s[(*n)++], "SEP00112233AABB", 30016);
	add_call_state(&s[*n]);
	add_keepalive(&s[(*n)++]);
	add_orc_ack(&s[*n], V20, 0, media_ip, 4, 32144, 3);
	add_keepalive(&s[(*n)++]);
	add_start_media(&s[*n], V20, 8, media_ip, 9399);
	add_start_multimedia(&s[(*n)++], 9, media_ip, 9400);
}

START_TEST(test_truncations_are_never_yes)
{
	struct buf s[4];
	size_t n;

	memset(s, 0, sizeof s);
	good_samples(s, &n);
	for (size_t k = 0; k < n; k++) {
		for (size_t len = 0; len < s[k].len; len++)
			ck_assert_int_ne(verdict_of(s[k].b, len), PROTO_YES);
		ck_assert_int_eq(verdict_of(s[k].b, s[k].len), PROTO_YES);
	}
}
END_TEST

START_TEST(test_bit_flips_never_crash_nor_garble_the_report)
{
	struct buf s[4];
	size_t n;

	memset(s, 0, sizeof s);
	good_samples(s, &n);
	for (size_t k = 0; k < n; k++) {
		for (size_t bit = 0; bit < s[k].len * 8; bit++) {
			struct buf f = s[k];
			struct run r;

			f.b[bit / 8] ^= (uint8_t)(1u << (bit % 8));
			run_start(&r);
			run_feed(&r, &f, true);
			assert_text_sane(r.rep.detail, sizeof r.rep.detail);
			assert_text_sane(r.rep.product, sizeof r.rep.product);
			for (int i = 0; i < r.n_ann; i++)
				ck_assert_uint_ne(r.ann[i].a.port, 0);
			run_end(&r);
		}
	}
}
END_TEST

START_TEST(test_length_field_flips_are_no)
{
	struct buf m = { .len = 0 };

	add_register(&m, "SEP00112233AABB", 8);
	for (size_t bit = 16; bit < 32; bit++) {
		struct buf f = m;

		f.b[bit / 8] ^= (uint8_t)(1u << (bit % 8));
		ck_assert_int_eq(verdict_of(f.b, f.len), PROTO_NO);
	}
}
END_TEST

START_TEST(test_empty_segment_is_more)
{
	ck_assert_int_eq(verdict_of(NULL, 0), PROTO_MORE);
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("proto-sccp");
	TCase *tc = tcase_create("recognition");

	tcase_add_test(tc, test_register_alone_is_yes_with_model);
	tcase_add_test(tc, test_register_of_unknown_device_reports_its_name);
	tcase_add_loop_test(tc, test_register_maps_device_type_to_model, 0,
			    sizeof device_cases / sizeof *device_cases);
	tcase_add_test(tc, test_register_with_unprintable_name_is_no);
	tcase_add_test(tc, test_register_with_empty_name_is_no);
	tcase_add_test(tc, test_one_known_message_is_more);
	tcase_add_test(tc, test_two_messages_in_two_directions_are_yes);
	tcase_add_test(tc, test_two_messages_in_one_segment_are_yes);
	tcase_add_test(tc, test_messages_split_at_any_byte_are_yes);
	tcase_add_test(tc, test_messages_in_one_byte_segments_are_yes);
	tcase_add_test(tc, test_unknown_message_id_is_not_counted);
	tcase_add_test(tc, test_unknown_header_version_is_no);
	tcase_add_test(tc, test_length_below_message_id_is_no);
	tcase_add_test(tc, test_huge_length_is_no);
	tcase_add_test(tc, test_keepalive_with_a_body_is_no);
	tcase_add_test(tc, test_udp_is_no);
	tcase_add_test(tc, test_text_protocol_is_no);
	tcase_add_test(tc, test_gap_restarts_framing_at_the_segment);
	suite_add_tcase(s, tc);

	tc = tcase_create("media");
	tcase_add_test(tc, test_basic_open_receive_channel_ack_announces_rtp);
	tcase_add_test(tc, test_v20_open_receive_channel_ack_announces_rtp);
	tcase_add_test(tc,
		       test_v20_ipv6_open_receive_channel_ack_announces_rtp);
	tcase_add_test(
		tc, test_ack_takes_the_conference_of_its_open_receive_channel);
	tcase_add_test(tc,
		       test_failed_open_receive_channel_ack_announces_nothing);
	tcase_add_test(tc,
		       test_basic_start_media_transmission_announces_remote);
	tcase_add_test(tc, test_v20_start_media_transmission_announces_remote);
	tcase_add_test(tc, test_start_multimedia_transmission_announces_video);
	tcase_add_test(tc, test_zero_port_or_address_announces_nothing);
	tcase_add_test(tc, test_media_is_announced_after_yes);
	tcase_add_test(tc, test_media_carries_the_registered_product);
	tcase_add_test(tc, test_media_without_register_has_no_product);
	tcase_add_test(tc, test_garbage_after_yes_resyncs_at_next_segment);
	tcase_add_test(tc, test_truncated_media_message_announces_nothing);
	suite_add_tcase(s, tc);

	tc = tcase_create("robustness");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_truncations_are_never_yes);
	tcase_add_test(tc, test_bit_flips_never_crash_nor_garble_the_report);
	tcase_add_test(tc, test_length_field_flips_are_no);
	tcase_add_test(tc, test_empty_segment_is_more);
	suite_add_tcase(s, tc);
	return s;
}
