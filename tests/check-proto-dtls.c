/* \summary: unit tests of the DTLS recogniser (RFC 6347, 9146, 7983) */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vcflow/proto.h"

#include "proto-session.h"

Suite *test_suite(void);

extern const struct recogniser proto_dtls;
#define R (&proto_dtls)

#define PKT_MAX 512

struct pkt {
	uint8_t b[PKT_MAX];
	size_t len;
	bool fwd;
};

static enum proto_verdict session_feed(struct proto_session *s, const struct pkt *k)
{
	struct proto_pkt p = { .transport = PROTO_UDP, .from_initiator = k->fwd };

	return feed_copy(R, s->state, p, k->b, k->len, &s->rep, NULL);
}

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

static struct pkt hex(const char *h)
{
	struct pkt p = { .fwd = true };

	for (; h[0] && h[1] && p.len < PKT_MAX; h += 2) {
		unsigned v;

		ck_assert(sscanf(h, "%2x", &v) == 1);
		p.b[p.len++] = (uint8_t)v;
	}
	return p;
}

/* ---- records, modelled on stun.pcap (WebRTC DTLS-SRTP) ---- */

/* ClientHello in one DTLS 1.0 record, client_version DTLS 1.2 */
#define CLIENT_HELLO                                                          \
	"16feff0000000000000000008c010000800000000000000080fefdd57d7295a4"    \
	"ee3554acb5d888a0861f48831f7f9585e1621ed1f3e84edd8653cf00000016c0"    \
	"2bc02fcca9cca8c009c013c00ac014009c002f00350100004000170000ff0100"    \
	"0100000a00080006001d00170018000b0002010000230000000d001400120403"    \
	"08040401050308050501080606010201000e00050002000100"
/* ServerHello record */
#define SERVER_HELLO                                                          \
	"16fefd00000000000000000050020000440000000000000044fefd6239d8810e"    \
	"5e1b62df66ac95cb1a198bee82b4e4ec630b1d24260c2913955c6700c02f0000"    \
	"1c00170000ff01000100000b0002010000230000000e00050002000100"
/* ChangeCipherSpec, then the encrypted Finished in epoch 1 */
#define CCS_AND_FINISHED                                                      \
	"14fefd0000000000000004000101"                                        \
	"16fefd000100000000000000300001000000000000"                          \
	"5c7308b5d2649c6e0102030405060708090a0b0c0d0e0f101112131415161718"    \
	"191a1b1c1d1e1f20"
/* Application Data in epoch 1 */
#define APP_DATA                                                              \
	"17fefd0001000000000006003400010000000000061557b1ac7d6770d7e2460c"    \
	"90a37cd7b18037fbd3aac0a92e161ace0cc96388a852d2394dc0ac32af313f8b"    \
	"6d"
/* RFC 6347 sec 4.2.1: HelloVerifyRequest, server_version DTLS 1.0 and a
 * 20-octet cookie */
#define HELLO_VERIFY_REQUEST                                                  \
	"16feff00000000000000000023030000170000000000000017feff14"            \
	"000102030405060708090a0b0c0d0e0f10111213"
/* RFC 9146 sec 4: tls12_cid record, epoch 1, a 4-octet connection ID */
#define CID_RECORD                                                            \
	"19fefd00010000000000070a0b0c0d0010"                                  \
	"00112233445566778899aabbccddeeff"

/* ---- hellos decide ---- */

static const struct {
	const char *bytes, *detail;
} hellos[] = {
	{ CLIENT_HELLO, "ClientHello" },
	{ SERVER_HELLO, "ServerHello" },
	{ HELLO_VERIFY_REQUEST, "HelloVerifyRequest" },
};

START_TEST(test_dtls_a_hello_is_yes_on_its_own)
{
	struct pkt p = hex(hellos[_i].bytes);
	struct proto_report rep;

	ck_assert_int_eq(run(&p, 1, &rep), PROTO_YES);
	ck_assert_str_eq(rep.detail, hellos[_i].detail);
}
END_TEST

START_TEST(test_dtls_hello_beside_other_records_is_yes)
{
	struct pkt p = hex(SERVER_HELLO CCS_AND_FINISHED);

	ck_assert_int_eq(run(&p, 1, NULL), PROTO_YES);
}
END_TEST

START_TEST(test_dtls_later_fragment_of_a_hello_is_not_decisive)
{
	struct pkt p = hex(CLIENT_HELLO);

	p.b[13 + 8] = 0x10; /* fragment_offset 16 (of 128) */
	p.b[13 + 11] = 0x70; /* fragment_length 112 */
	p.b[12] = 0x7c;	     /* record length 12 + 112 */
	p.len = 13 + 12 + 112;
	ck_assert_int_eq(run(&p, 1, NULL), PROTO_MORE);
}
END_TEST

START_TEST(test_dtls_hello_with_a_tls_version_is_no)
{
	struct pkt p = hex(CLIENT_HELLO);

	p.b[25] = 0x03; /* client_version 0x03fd */
	ck_assert_int_eq(run(&p, 1, NULL), PROTO_NO);
}
END_TEST

/* ---- otherwise two datagrams ---- */

START_TEST(test_dtls_application_data_needs_two_datagrams)
{
	struct pkt p[2] = { hex(APP_DATA), hex(APP_DATA) };
	struct proto_report rep;

	p[1].fwd = false;
	ck_assert_int_eq(run(p, 1, NULL), PROTO_MORE);
	ck_assert_int_eq(run(p, 2, &rep), PROTO_YES);
	ck_assert_str_eq(rep.detail, "Application Data");
}
END_TEST

START_TEST(test_dtls_several_records_walk_to_the_end)
{
	struct pkt p[2] = { hex(CCS_AND_FINISHED), hex(APP_DATA) };
	struct proto_report rep;

	ck_assert_int_eq(run(p, 1, NULL), PROTO_MORE);
	ck_assert_int_eq(run(p, 2, &rep), PROTO_YES);
}
END_TEST

START_TEST(test_dtls_connection_id_records_are_read)
{
	struct pkt p[2] = { hex(CID_RECORD), hex(CID_RECORD) };
	struct proto_report rep;

	ck_assert_int_eq(run(p, 2, &rep), PROTO_YES);
	ck_assert_str_eq(rep.detail, "Connection ID");
}
END_TEST

START_TEST(test_dtls_encrypted_handshake_is_not_parsed)
{
	/* epoch 1: the body is ciphertext, whatever it looks like */
	struct pkt p = hex("16fefd00010000000000010008ffffffffffffffff");

	ck_assert_int_eq(run(&p, 1, NULL), PROTO_MORE);
}
END_TEST

/* ---- record structure ---- */

START_TEST(test_dtls_trailing_bytes_are_no)
{
	struct pkt p = hex(APP_DATA "00");

	ck_assert_int_eq(run(&p, 1, NULL), PROTO_NO);
}
END_TEST

START_TEST(test_dtls_record_length_past_the_end_is_no)
{
	struct pkt p = hex(APP_DATA);

	p.b[12]++;
	ck_assert_int_eq(run(&p, 1, NULL), PROTO_NO);
}
END_TEST

START_TEST(test_dtls_empty_record_is_no)
{
	struct pkt p = hex("17fefd00010000000000060000");

	ck_assert_int_eq(run(&p, 1, NULL), PROTO_NO);
}
END_TEST

START_TEST(test_dtls_unknown_content_types_are_no)
{
	/* 24 (heartbeat) and the rest of RFC 7983's DTLS range */
	static const uint8_t types[] = { 24, 26, 32, 63 };
	struct pkt p = hex(APP_DATA);

	p.b[0] = types[_i];
	ck_assert_int_eq(run(&p, 1, NULL), PROTO_NO);
}
END_TEST

START_TEST(test_dtls_tls_record_versions_are_no)
{
	static const uint16_t versions[] = { 0x0303, 0x0301, 0xfefe, 0xfeef };
	struct pkt p = hex(APP_DATA);

	p.b[1] = (uint8_t)(versions[_i] >> 8);
	p.b[2] = (uint8_t)versions[_i];
	ck_assert_int_eq(run(&p, 1, NULL), PROTO_NO);
}
END_TEST

START_TEST(test_dtls_fragment_must_fit_the_message)
{
	struct pkt p = hex(CLIENT_HELLO);

	p.b[13 + 8] = 0x01; /* fragment_offset 1 + fragment_length 128 */
	ck_assert_int_eq(run(&p, 1, NULL), PROTO_NO);
	p = hex(CLIENT_HELLO);
	p.b[13 + 11] = 0x7f; /* fragment shorter than the record holds */
	ck_assert_int_eq(run(&p, 1, NULL), PROTO_NO);
}
END_TEST

START_TEST(test_dtls_change_cipher_spec_must_be_one)
{
	struct pkt p = hex("14fefd0000000000000004000102");

	ck_assert_int_eq(run(&p, 1, NULL), PROTO_NO);
	p = hex("14fefd000000000000000400020101");
	ck_assert_int_eq(run(&p, 1, NULL), PROTO_NO);
}
END_TEST

START_TEST(test_dtls_plaintext_alert_is_level_and_description)
{
	struct pkt p = hex("15fefd000000000000000100020228");

	ck_assert_int_eq(run(&p, 1, NULL), PROTO_MORE);
	p = hex("15fefd000000000000000100020328");
	ck_assert_int_eq(run(&p, 1, NULL), PROTO_NO);
	p = hex("15fefd00000000000000010003022800");
	ck_assert_int_eq(run(&p, 1, NULL), PROTO_NO);
}
END_TEST

/* ---- sharing the port, RFC 7983 ---- */

START_TEST(test_dtls_stun_rtp_and_turn_on_the_port_are_skipped)
{
	struct pkt p[4] = {
		hex("000100002112a44253486b6846386f6477677956"),
		hex("906f6a9033dff671d3f9fd82bede0002224e26e9"),
		hex("4001000401020304"),
		hex(CLIENT_HELLO),
	};

	ck_assert_int_eq(run(p, 3, NULL), PROTO_MORE);
	ck_assert_int_eq(run(p, 4, NULL), PROTO_YES);
}
END_TEST

START_TEST(test_dtls_openvpn_control_packets_are_no)
{
	/* openvpn.pcap: P_CONTROL_V1 and P_CONTROL_HARD_RESET_CLIENT_V2 */
	static const char *const openvpn[] = {
		"20334857703d96db39000000000116030101100100010c0303e4c42f61",
		"38334857703d96db390000000000",
	};
	struct pkt p = hex(openvpn[_i]);

	ck_assert_int_eq(run(&p, 1, NULL), PROTO_NO);
}
END_TEST

START_TEST(test_dtls_is_provisional_and_udp_only)
{
	ck_assert(R->provisional);
	ck_assert_uint_eq(R->transports, PROTO_UDP);
}
END_TEST

/* ---- damaged bytes ---- */

static const char *const goods[] = {
	CLIENT_HELLO, SERVER_HELLO, HELLO_VERIFY_REQUEST,
	SERVER_HELLO CCS_AND_FINISHED,
};

/* Is `len` where one of the records of datagram `p` ends?  Such a prefix
 * is itself a whole datagram. */
static bool record_boundary(const struct pkt *p, size_t len)
{
	size_t at = 0;

	while (at + 13 <= p->len) {
		at += 13 + (size_t)(p->b[at + 11] << 8 | p->b[at + 12]);
		if (at == len)
			return true;
	}
	return false;
}

/* Every prefix: no crash, and no YES but for whole records. */
START_TEST(test_dtls_truncations_never_crash_or_say_yes)
{
	struct pkt p = hex(goods[_i]);

	for (size_t len = 0; len < p.len; len++) {
		struct pkt q = p;

		q.len = len;
		if (run(&q, 1, NULL) == PROTO_YES)
			ck_assert_msg(record_boundary(&p, len), "len %zu", len);
	}
}
END_TEST

/* Every single-bit flip: no crash; flipped record or fragment lengths are
 * never a YES, and a YES still names a hello. */
START_TEST(test_dtls_bit_flips_never_crash_or_fake_a_hello)
{
	static const size_t vital[] = { 11, 12, 13 + 9, 13 + 10, 13 + 11 };
	struct pkt p = hex(goods[_i]);

	for (size_t bit = 0; bit < p.len * 8; bit++) {
		struct pkt q = p;
		size_t byte = bit / 8;
		struct proto_report rep;
		enum proto_verdict v;

		q.b[byte] ^= (uint8_t)(1u << (bit % 8));
		v = run(&q, 1, &rep);
		for (size_t i = 0; i < sizeof vital / sizeof *vital; i++)
			if (byte == vital[i])
				ck_assert_msg(v != PROTO_YES, "bit %zu", bit);
		if (v == PROTO_YES)
			ck_assert_msg(strstr(rep.detail, "Hello") != NULL,
				      "bit %zu: %s", bit, rep.detail);
	}
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("proto-dtls");
	TCase *hello = tcase_create("hellos");
	TCase *two = tcase_create("two datagrams");
	TCase *rec = tcase_create("records");
	TCase *mux = tcase_create("shared port");
	TCase *bad = tcase_create("damaged bytes");
	int n_hellos = (int)(sizeof hellos / sizeof *hellos);
	int n_goods = (int)(sizeof goods / sizeof *goods);

	tcase_add_loop_test(hello, test_dtls_a_hello_is_yes_on_its_own, 0,
			    n_hellos);
	tcase_add_test(hello, test_dtls_hello_beside_other_records_is_yes);
	tcase_add_test(hello,
		       test_dtls_later_fragment_of_a_hello_is_not_decisive);
	tcase_add_test(hello, test_dtls_hello_with_a_tls_version_is_no);
	suite_add_tcase(s, hello);

	tcase_add_test(two, test_dtls_application_data_needs_two_datagrams);
	tcase_add_test(two, test_dtls_several_records_walk_to_the_end);
	tcase_add_test(two, test_dtls_connection_id_records_are_read);
	tcase_add_test(two, test_dtls_encrypted_handshake_is_not_parsed);
	suite_add_tcase(s, two);

	tcase_add_test(rec, test_dtls_trailing_bytes_are_no);
	tcase_add_test(rec, test_dtls_record_length_past_the_end_is_no);
	tcase_add_test(rec, test_dtls_empty_record_is_no);
	tcase_add_loop_test(rec, test_dtls_unknown_content_types_are_no, 0, 4);
	tcase_add_loop_test(rec, test_dtls_tls_record_versions_are_no, 0, 4);
	tcase_add_test(rec, test_dtls_fragment_must_fit_the_message);
	tcase_add_test(rec, test_dtls_change_cipher_spec_must_be_one);
	tcase_add_test(rec, test_dtls_plaintext_alert_is_level_and_description);
	suite_add_tcase(s, rec);

	tcase_add_test(mux, test_dtls_stun_rtp_and_turn_on_the_port_are_skipped);
	tcase_add_loop_test(mux, test_dtls_openvpn_control_packets_are_no, 0, 2);
	tcase_add_test(mux, test_dtls_is_provisional_and_udp_only);
	suite_add_tcase(s, mux);

	tcase_add_loop_test(bad, test_dtls_truncations_never_crash_or_say_yes,
			    0, n_goods);
	tcase_add_loop_test(bad, test_dtls_bit_flips_never_crash_or_fake_a_hello,
			    0, n_goods);
	suite_add_tcase(s, bad);
	return s;
}
