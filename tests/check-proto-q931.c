/* \summary: unit tests of the H.225.0 call signalling recogniser (Q.931 in
 * TPKT: RFC 1006, Q.931, H.225.0 clause 7) */
#include <check.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vcflow/proto.h"

#include "proto-session.h"

Suite *test_suite(void);

extern const struct recogniser proto_q931;
#define R (&proto_q931)

#define PKT_MAX 512
#define ANN_MAX 4

struct pkt {
	uint8_t b[PKT_MAX];
	size_t len;
	bool fwd;
	bool gap;
	uint8_t transport;
};

struct session {
	void *state;
	struct proto_report rep;
	unsigned n_ann;
	struct proto_announce ann[ANN_MAX];
	char ann_addr[ANN_MAX][ADDR_STRLEN];
	char ann_call[ANN_MAX][PROTO_CALLID_MAX];
};

static void on_announce(void *ctx, const struct proto_pkt *from,
			const struct proto_announce *a)
{
	struct session *s = ctx;

	ck_assert_ptr_nonnull(from);
	if (s->n_ann < ANN_MAX) {
		s->ann[s->n_ann] = *a;
		addr_str(&a->addr, s->ann_addr[s->n_ann], ADDR_STRLEN);
		snprintf(s->ann_call[s->n_ann], PROTO_CALLID_MAX, "%s",
			 a->call_id ? a->call_id : "");
		s->n_ann++;
	}
}

static void session_start(struct session *s)
{
	memset(s, 0, sizeof *s);
	s->state = state_new(R);
}

static void session_end(struct session *s)
{
	state_free(R, s->state);
}

static enum proto_verdict session_feed(struct session *s, const struct pkt *k)
{
	struct proto_pkt p = {
		.transport = k->transport ? k->transport : PROTO_TCP,
		.from_initiator = k->fwd,
		.gap = k->gap,
	};
	struct proto_sink sink = { .announce = on_announce, .ctx = s };

	return feed_copy(R, s->state, p, k->b, k->len, &s->rep, &sink);
}

static struct pkt make(const uint8_t *b, size_t len, bool fwd)
{
	struct pkt k = { .len = len, .fwd = fwd };

	ck_assert_uint_le(len, PKT_MAX);
	memcpy(k.b, b, len);
	return k;
}
#define PKT(arr, fwd) make(arr, sizeof(arr), fwd)

static void append(struct pkt *k, const uint8_t *b, size_t len)
{
	ck_assert_uint_le(k->len + len, PKT_MAX);
	memcpy(k->b + k->len, b, len);
	k->len += len;
}

/* ---- messages, written from Q.931 and the H323-MESSAGES module ---- */

/* Setup, call reference 0x002a: bearer capability, User-user with a
 * Setup-UUIE: h245Address 192.168.0.1:12000, sourceInfo vendor
 * "Callgen323" "0.9", conferenceID 11.., callIdentifier c0fef93e.. */
static const uint8_t setup[] = {
	0x03, 0x00, 0x00, 0x65, 0x08, 0x02, 0x00, 0x2a, 0x05, 0x04, 0x03,
	0x88, 0x90, 0xa5, 0x7e, 0x00, 0x54, 0x05, 0x20, 0xc0, 0x06, 0x00,
	0x08, 0x91, 0x4a, 0x00, 0x04, 0x00, 0xc0, 0xa8, 0x00, 0x01, 0x2e,
	0xe0, 0x22, 0xc0, 0x09, 0x00, 0x00, 0x3d, 0x09, 0x43, 0x61, 0x6c,
	0x6c, 0x67, 0x65, 0x6e, 0x33, 0x32, 0x33, 0x02, 0x30, 0x2e, 0x39,
	0x00, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11,
	0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x00, 0x41, 0x0c, 0x11, 0x00,
	0xc0, 0xfe, 0xf9, 0x3e, 0xcd, 0x9e, 0xd6, 0x11, 0x9a, 0xb2, 0x00,
	0x04, 0x76, 0x22, 0x20, 0x17, 0x01, 0x00, 0x01, 0x00, 0x02, 0x80,
	0x01, 0x00,
};
#define TPKT_LEN_OFFSET 2
#define SETUP_UU_LEN_OFFSET 15 /* the User-user element's two-octet length */
#define SETUP_UU_BODY 17       /* its protocol discriminator */
#define CALL_ID "c0fef93e-cd9e-d611-9ab2-000476222017"
#define CONFERENCE_ID "11111111-1111-1111-1111-111111111111"
#define SETUP_PRODUCT "Callgen323 0.9"

/* Connect from the called side: h245Address 192.168.0.2:1300 */
static const uint8_t connect_msg[] = {
	0x03, 0x00, 0x00, 0x47, 0x08, 0x02, 0x80, 0x2a, 0x07, 0x7e, 0x00,
	0x3b, 0x05, 0x22, 0xc0, 0x06, 0x00, 0x08, 0x91, 0x4a, 0x00, 0x04,
	0x00, 0xc0, 0xa8, 0x00, 0x02, 0x05, 0x14, 0x02, 0x00, 0x11, 0x11,
	0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11,
	0x11, 0x11, 0x11, 0x09, 0x00, 0x11, 0x00, 0xc0, 0xfe, 0xf9, 0x3e,
	0xcd, 0x9e, 0xd6, 0x11, 0x9a, 0xb2, 0x00, 0x04, 0x76, 0x22, 0x20,
	0x17, 0x02, 0x80, 0x01, 0x00,
};

static const uint8_t alerting[] = {
	0x03, 0x00, 0x00, 0x2f, 0x08, 0x02, 0x80, 0x2a, 0x01, 0x7e, 0x00,
	0x23, 0x05, 0x23, 0x80, 0x06, 0x00, 0x08, 0x91, 0x4a, 0x00, 0x04,
	0x02, 0x00, 0x20, 0x11, 0x00, 0xc0, 0xfe, 0xf9, 0x3e, 0xcd, 0x9e,
	0xd6, 0x11, 0x9a, 0xb2, 0x00, 0x04, 0x76, 0x22, 0x20, 0x17, 0x02,
	0x80, 0x01, 0x00,
};

/* Release Complete: Cause 16, and the UUIE reason undefinedReason */
static const uint8_t release_complete[] = {
	0x03, 0x00, 0x00, 0x32, 0x08, 0x02, 0x80, 0x2a, 0x5a, 0x08, 0x02,
	0x80, 0x90, 0x7e, 0x00, 0x22, 0x05, 0x25, 0xc0, 0x06, 0x00, 0x08,
	0x91, 0x4a, 0x00, 0x04, 0x58, 0x08, 0x11, 0x00, 0xc0, 0xfe, 0xf9,
	0x3e, 0xcd, 0x9e, 0xd6, 0x11, 0x9a, 0xb2, 0x00, 0x04, 0x76, 0x22,
	0x20, 0x17, 0x02, 0x80, 0x01, 0x00,
};

/* The same without its Cause element */
static const uint8_t release_no_cause[] = {
	0x03, 0x00, 0x00, 0x2e, 0x08, 0x02, 0x80, 0x2a, 0x5a, 0x7e, 0x00,
	0x22, 0x05, 0x25, 0xc0, 0x06, 0x00, 0x08, 0x91, 0x4a, 0x00, 0x04,
	0x58, 0x08, 0x11, 0x00, 0xc0, 0xfe, 0xf9, 0x3e, 0xcd, 0x9e, 0xd6,
	0x11, 0x9a, 0xb2, 0x00, 0x04, 0x76, 0x22, 0x20, 0x17, 0x02, 0x80,
	0x01, 0x00,
};

/* Messages without User-user: Status Enquiry, and its Status answer
 * (Cause 30, Call state 0) */
static const uint8_t status_enquiry[] = {
	0x03, 0x00, 0x00, 0x09, 0x08, 0x02, 0x00, 0x2a, 0x75,
};
static const uint8_t status_msg[] = {
	0x03, 0x00, 0x00, 0x10, 0x08, 0x02, 0x80, 0x2a,
	0x7d, 0x08, 0x02, 0x80, 0x9e, 0x14, 0x01, 0x00,
};
#define STATUS_CRV_LOW_OFFSET 7

static const uint8_t http_get[] = "GET / HTTP/1.1\r\nHost: a\r\n\r\n";
/* a TPKT that carries nothing: the keep-alive of H.460.18 (and what
 * h323-overflow.pcap holds) */
static const uint8_t tpkt_empty[] = { 0x03, 0x00, 0x00, 0x04 };
/* a TPKT too short for any Q.931 message */
static const uint8_t tpkt_short[] = { 0x03, 0x00, 0x00, 0x06, 0x08, 0x00 };
/* an ISO transport data TPDU (COTP DT) in TPKT */
static const uint8_t tpkt_cotp[] = { 0x03, 0x00, 0x00, 0x08,
				     0x02, 0xf0, 0x80, 0x32 };
static const uint8_t unknown_type[] = {
	0x03, 0x00, 0x00, 0x09, 0x08, 0x02, 0x00, 0x2a, 0x55,
};
/* Bearer capability that claims five octets and has two */
static const uint8_t overlong_element[] = {
	0x03, 0x00, 0x00, 0x0d, 0x08, 0x02, 0x00,
	0x2a, 0x05, 0x04, 0x05, 0x88, 0x90,
};

static const char *const q931_names[] = {
	"Alerting", "Call Proceeding", "Progress", "Setup", "Connect",
	"Setup Ack", "Connect Ack", "User Information", "Suspend Reject",
	"Resume Reject", "Suspend", "Resume", "Suspend Ack", "Resume Ack",
	"Disconnect", "Restart", "Release", "Restart Ack",
	"Release Complete", "Segment", "Facility", "Notify",
	"Status Enquiry", "Congestion Control", "Information", "Status",
	"...",
};

static bool known_name(const char *s, size_t len)
{
	for (size_t i = 0; i < sizeof q931_names / sizeof *q931_names; i++)
		if (strlen(q931_names[i]) == len &&
		    strncmp(q931_names[i], s, len) == 0)
			return true;
	return false;
}

/* Message names, then perhaps "; cause ..." or "; reason ...". */
static void assert_sane_report(const struct proto_report *rep)
{
	const char *p = rep->detail;
	size_t names = strcspn(p, ";");

	ck_assert_msg(names > 0, "no message names");
	while (p < rep->detail + names) {
		size_t len = strcspn(p, ",;");

		ck_assert_msg(known_name(p, len), "odd detail '%s'",
			      rep->detail);
		p += len;
		if (*p == ',')
			p += 2;
	}
	for (p = rep->detail; *p; p++)
		ck_assert_msg(isprint((unsigned char)*p), "odd detail");
	for (p = rep->product; *p; p++)
		ck_assert_msg(isprint((unsigned char)*p), "odd product");
	/* a GUID, or a call reference at the connection's initiator */
	for (p = rep->call_id; *p; p++)
		ck_assert_msg(isxdigit((unsigned char)*p) || strchr("-@.:[]", *p),
			      "odd call id");
}

/* ---- tests ---- */

START_TEST(test_setup_is_recognised_by_its_protocol_identifier)
{
	struct session s;
	struct pkt k = PKT(setup, true);

	session_start(&s);
	ck_assert_int_eq(session_feed(&s, &k), PROTO_YES);
	ck_assert_str_eq(s.rep.detail, "Setup");
	ck_assert_str_eq(s.rep.product, SETUP_PRODUCT);
	ck_assert_str_eq(s.rep.call_id, CALL_ID);
	session_end(&s);
}
END_TEST

START_TEST(test_setup_announces_its_h245_address)
{
	struct session s;
	struct pkt k = PKT(setup, true);

	session_start(&s);
	ck_assert_int_eq(session_feed(&s, &k), PROTO_YES);
	ck_assert_uint_eq(s.n_ann, 1);
	ck_assert_str_eq(s.ann_addr[0], "192.168.0.1");
	ck_assert_uint_eq(s.ann[0].port, 12000);
	ck_assert_uint_eq(s.ann[0].transport, PROTO_TCP);
	ck_assert_int_eq(s.ann[0].app, APP_H245);
	ck_assert_str_eq(s.ann[0].what, "H.245");
	ck_assert_str_eq(s.ann_call[0], CALL_ID);
	session_end(&s);
}
END_TEST

START_TEST(test_connect_announces_the_called_side_h245_address)
{
	struct session s;
	struct pkt a = PKT(setup, true), b = PKT(connect_msg, false);

	session_start(&s);
	ck_assert_int_eq(session_feed(&s, &a), PROTO_YES);
	ck_assert_int_eq(session_feed(&s, &b), PROTO_YES);
	ck_assert_uint_eq(s.n_ann, 2);
	ck_assert_str_eq(s.ann_addr[1], "192.168.0.2");
	ck_assert_uint_eq(s.ann[1].port, 1300);
	session_end(&s);
}
END_TEST

START_TEST(test_an_address_is_announced_once)
{
	struct session s;
	struct pkt k = PKT(setup, true);

	session_start(&s);
	session_feed(&s, &k);
	session_feed(&s, &k);
	ck_assert_uint_eq(s.n_ann, 1);
	session_end(&s);
}
END_TEST

START_TEST(test_call_history_ends_with_the_release_cause)
{
	struct session s;
	struct pkt a = PKT(setup, true), b = PKT(alerting, false);
	struct pkt c = PKT(connect_msg, false);
	struct pkt d = PKT(release_complete, false);

	session_start(&s);
	session_feed(&s, &a);
	session_feed(&s, &b);
	session_feed(&s, &c);
	ck_assert_int_eq(session_feed(&s, &d), PROTO_YES);
	ck_assert_str_eq(s.rep.detail, "Setup, Alerting, Connect, "
				       "Release Complete; cause 16 normal "
				       "call clearing");
	ck_assert_str_eq(s.rep.product, SETUP_PRODUCT);
	ck_assert_str_eq(s.rep.call_id, CALL_ID);
	session_end(&s);
}
END_TEST

START_TEST(test_release_reason_stands_in_for_a_missing_cause)
{
	struct session s;
	struct pkt a = PKT(setup, true), b = PKT(release_no_cause, false);

	session_start(&s);
	session_feed(&s, &a);
	ck_assert_int_eq(session_feed(&s, &b), PROTO_YES);
	ck_assert_str_eq(s.rep.detail,
			 "Setup, Release Complete; reason undefinedReason");
	session_end(&s);
}
END_TEST

START_TEST(test_message_split_across_segments)
{
	struct session s;
	struct pkt a = make(setup, 4, true);
	struct pkt b = make(setup + 4, 40, true);
	struct pkt c = make(setup + 44, sizeof setup - 44, true);

	session_start(&s);
	ck_assert_int_eq(session_feed(&s, &a), PROTO_MORE);
	ck_assert_int_eq(session_feed(&s, &b), PROTO_MORE);
	ck_assert_int_eq(session_feed(&s, &c), PROTO_YES);
	ck_assert_str_eq(s.rep.detail, "Setup");
	session_end(&s);
}
END_TEST

START_TEST(test_two_messages_in_one_segment)
{
	struct session s;
	struct pkt k = PKT(setup, true);

	append(&k, alerting, sizeof alerting);
	session_start(&s);
	ck_assert_int_eq(session_feed(&s, &k), PROTO_YES);
	ck_assert_str_eq(s.rep.detail, "Setup, Alerting");
	session_end(&s);
}
END_TEST

START_TEST(test_two_messages_of_one_call_without_user_user)
{
	struct session s;
	struct pkt a = PKT(status_enquiry, true), b = PKT(status_msg, false);

	session_start(&s);
	ck_assert_int_eq(session_feed(&s, &a), PROTO_MORE);
	ck_assert_int_eq(session_feed(&s, &b), PROTO_YES);
	ck_assert_str_eq(s.rep.detail, "Status Enquiry, Status; cause 30 "
				       "response to status enquiry");
	/* the call reference, at the initiator (no address in this test) */
	ck_assert_str_eq(s.rep.call_id, "002a@[::]:0");
	session_end(&s);
}
END_TEST

START_TEST(test_another_call_reference_does_not_pair)
{
	struct session s;
	struct pkt a = PKT(status_enquiry, true), b = PKT(status_msg, false);

	b.b[STATUS_CRV_LOW_OFFSET] ^= 0x01;
	session_start(&s);
	ck_assert_int_eq(session_feed(&s, &a), PROTO_MORE);
	ck_assert_int_eq(session_feed(&s, &b), PROTO_MORE);
	session_end(&s);
}
END_TEST

START_TEST(test_one_flag_from_both_sides_does_not_pair)
{
	struct session s;
	struct pkt a = PKT(status_enquiry, true);
	struct pkt b = PKT(status_enquiry, false);

	session_start(&s);
	ck_assert_int_eq(session_feed(&s, &a), PROTO_MORE);
	ck_assert_int_eq(session_feed(&s, &b), PROTO_MORE);
	session_end(&s);
}
END_TEST

START_TEST(test_not_tpkt_is_refused)
{
	struct session s;
	struct pkt k = make(http_get, sizeof http_get - 1, true);

	session_start(&s);
	ck_assert_int_eq(session_feed(&s, &k), PROTO_NO);
	session_end(&s);
}
END_TEST

START_TEST(test_keep_alive_alone_proves_nothing)
{
	struct session s;
	struct pkt k = PKT(tpkt_empty, true);

	session_start(&s);
	ck_assert_int_eq(session_feed(&s, &k), PROTO_MORE);
	ck_assert_int_eq(session_feed(&s, &k), PROTO_MORE);
	session_end(&s);
}
END_TEST

START_TEST(test_keep_alives_between_messages_are_skipped)
{
	struct session s;
	struct pkt a = PKT(tpkt_empty, true), b = PKT(setup, true);
	struct pkt c = PKT(tpkt_empty, false), d = PKT(alerting, false);

	append(&b, tpkt_empty, sizeof tpkt_empty);
	append(&c, alerting, sizeof alerting);
	session_start(&s);
	ck_assert_int_eq(session_feed(&s, &a), PROTO_MORE);
	ck_assert_int_eq(session_feed(&s, &b), PROTO_YES);
	ck_assert_int_eq(session_feed(&s, &c), PROTO_YES);
	ck_assert_int_eq(session_feed(&s, &d), PROTO_YES);
	ck_assert_str_eq(s.rep.detail, "Setup, Alerting");
	session_end(&s);
}
END_TEST

START_TEST(test_tpkt_too_short_for_q931_is_refused)
{
	struct session s;
	struct pkt k = PKT(tpkt_short, true);

	session_start(&s);
	ck_assert_int_eq(session_feed(&s, &k), PROTO_NO);
	session_end(&s);
}
END_TEST

START_TEST(test_other_tpkt_payload_is_refused)
{
	struct session s;
	struct pkt k = PKT(tpkt_cotp, true);

	session_start(&s);
	ck_assert_int_eq(session_feed(&s, &k), PROTO_NO);
	session_end(&s);
}
END_TEST

START_TEST(test_unknown_message_type_is_refused)
{
	struct session s;
	struct pkt k = PKT(unknown_type, true);

	session_start(&s);
	ck_assert_int_eq(session_feed(&s, &k), PROTO_NO);
	session_end(&s);
}
END_TEST

START_TEST(test_overlong_information_element_is_refused)
{
	struct session s;
	struct pkt k = PKT(overlong_element, true);

	session_start(&s);
	ck_assert_int_eq(session_feed(&s, &k), PROTO_NO);
	session_end(&s);
}
END_TEST

START_TEST(test_udp_is_refused)
{
	struct session s;
	struct pkt k = PKT(setup, true);

	k.transport = PROTO_UDP;
	session_start(&s);
	ck_assert_int_eq(session_feed(&s, &k), PROTO_NO);
	session_end(&s);
}
END_TEST

START_TEST(test_lost_bytes_before_the_answer_refuse_the_flow)
{
	struct session s;
	struct pkt a = make(setup, 40, true);
	struct pkt b = make(setup + 60, sizeof setup - 60, true);

	b.gap = true;
	session_start(&s);
	ck_assert_int_eq(session_feed(&s, &a), PROTO_MORE);
	ck_assert_int_eq(session_feed(&s, &b), PROTO_NO);
	session_end(&s);
}
END_TEST

START_TEST(test_lost_bytes_after_the_answer_keep_it)
{
	struct session s;
	struct pkt a = PKT(setup, true);
	struct pkt b = make(setup + 60, sizeof setup - 60, true);
	struct pkt c = PKT(alerting, false);

	b.gap = true;
	session_start(&s);
	ck_assert_int_eq(session_feed(&s, &a), PROTO_YES);
	ck_assert_int_eq(session_feed(&s, &b), PROTO_YES);
	ck_assert_str_eq(s.rep.detail, "Setup");
	/* the other direction is still read */
	ck_assert_int_eq(session_feed(&s, &c), PROTO_YES);
	ck_assert_str_eq(s.rep.detail, "Setup, Alerting");
	session_end(&s);
}
END_TEST

START_TEST(test_garbage_after_a_certain_message_keeps_the_answer)
{
	struct session s;
	struct pkt k = PKT(setup, true), c = PKT(alerting, false);

	append(&k, http_get, sizeof http_get - 1);
	session_start(&s);
	ck_assert_int_eq(session_feed(&s, &k), PROTO_YES);
	ck_assert_str_eq(s.rep.detail, "Setup");
	ck_assert_int_eq(session_feed(&s, &c), PROTO_YES);
	ck_assert_str_eq(s.rep.detail, "Setup, Alerting");
	session_end(&s);
}
END_TEST

START_TEST(test_framing_is_picked_up_again_after_lost_bytes)
{
	struct session s;
	struct pkt a = PKT(setup, true);
	struct pkt b = make(setup + 60, sizeof setup - 60, true);
	struct pkt c = PKT(release_complete, true);

	b.gap = true;
	session_start(&s);
	session_feed(&s, &a);
	session_feed(&s, &b);
	ck_assert_int_eq(session_feed(&s, &c), PROTO_YES);
	ck_assert_str_eq(s.rep.detail, "Setup, Release Complete; cause 16 "
				       "normal call clearing");
	session_end(&s);
}
END_TEST

static void put16(uint8_t *p, size_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static void feed_checked(const struct pkt *k)
{
	struct session s;
	struct pkt first = PKT(setup, true);

	session_start(&s);
	if (session_feed(&s, k) == PROTO_YES)
		assert_sane_report(&s.rep);
	session_end(&s);
	/* and after a good Setup, while following the call */
	session_start(&s);
	session_feed(&s, &first);
	session_feed(&s, k);
	assert_sane_report(&s.rep);
	session_end(&s);
}

/* What a Setup cut short may report: less, never something else. */
static void assert_cut_setup(const struct proto_report *rep)
{
	const char *p = rep->product, *c = rep->call_id;

	assert_sane_report(rep);
	ck_assert_str_eq(rep->detail, "Setup");
	ck_assert_msg(*p == '\0' || strcmp(p, SETUP_PRODUCT) == 0,
		      "product '%s'", p);
	ck_assert_msg(*c == '\0' || strcmp(c, CALL_ID) == 0 ||
			      strcmp(c, CONFERENCE_ID) == 0 ||
			      strcmp(c, "002a@[::]:0") == 0,
		      "call id '%s'", c);
}

/* Cut short as it comes, and cut short with the TPKT and User-user
 * lengths made to agree, so that the PER decoder runs out of octets. */
START_TEST(test_every_truncation_is_safe)
{
	for (size_t len = 0; len < sizeof setup; len++) {
		struct pkt k = make(setup, len, true);
		struct session s;

		feed_checked(&k);
		if (len < SETUP_UU_BODY)
			continue;
		put16(k.b + TPKT_LEN_OFFSET, len);
		put16(k.b + SETUP_UU_LEN_OFFSET, len - SETUP_UU_BODY);
		session_start(&s);
		if (session_feed(&s, &k) == PROTO_YES)
			assert_cut_setup(&s.rep);
		session_end(&s);
		feed_checked(&k);
	}
}
END_TEST

static const struct {
	const uint8_t *b;
	size_t len;
} samples[] = {
	{ setup, sizeof setup },
	{ connect_msg, sizeof connect_msg },
	{ release_complete, sizeof release_complete },
	{ status_msg, sizeof status_msg },
};
#define N_SAMPLES (sizeof samples / sizeof *samples)

START_TEST(test_every_bit_flip_is_safe)
{
	for (size_t bit = 0; bit < samples[_i].len * 8; bit++) {
		struct pkt k = make(samples[_i].b, samples[_i].len, false);

		k.b[bit / 8] ^= (uint8_t)(0x80u >> (bit % 8));
		feed_checked(&k);
	}
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("proto-q931");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_setup_is_recognised_by_its_protocol_identifier);
	tcase_add_test(tc, test_setup_announces_its_h245_address);
	tcase_add_test(tc, test_connect_announces_the_called_side_h245_address);
	tcase_add_test(tc, test_an_address_is_announced_once);
	tcase_add_test(tc, test_call_history_ends_with_the_release_cause);
	tcase_add_test(tc, test_release_reason_stands_in_for_a_missing_cause);
	tcase_add_test(tc, test_message_split_across_segments);
	tcase_add_test(tc, test_two_messages_in_one_segment);
	tcase_add_test(tc, test_two_messages_of_one_call_without_user_user);
	tcase_add_test(tc, test_another_call_reference_does_not_pair);
	tcase_add_test(tc, test_one_flag_from_both_sides_does_not_pair);
	tcase_add_test(tc, test_not_tpkt_is_refused);
	tcase_add_test(tc, test_keep_alive_alone_proves_nothing);
	tcase_add_test(tc, test_keep_alives_between_messages_are_skipped);
	tcase_add_test(tc, test_tpkt_too_short_for_q931_is_refused);
	tcase_add_test(tc, test_other_tpkt_payload_is_refused);
	tcase_add_test(tc, test_unknown_message_type_is_refused);
	tcase_add_test(tc, test_overlong_information_element_is_refused);
	tcase_add_test(tc, test_udp_is_refused);
	tcase_add_test(tc, test_lost_bytes_before_the_answer_refuse_the_flow);
	tcase_add_test(tc, test_lost_bytes_after_the_answer_keep_it);
	tcase_add_test(tc,
		       test_garbage_after_a_certain_message_keeps_the_answer);
	tcase_add_test(tc, test_framing_is_picked_up_again_after_lost_bytes);
	tcase_add_test(tc, test_every_truncation_is_safe);
	tcase_add_loop_test(tc, test_every_bit_flip_is_safe, 0, N_SAMPLES);
	suite_add_tcase(s, tc);
	return s;
}
