/* \summary: unit tests of IP fragment reassembly */
#include <check.h>
#include <netinet/in.h>
#include <pcap/dlt.h>
#include <string.h>

#include "vcflow/reasm.h"

static uint8_t datagram[3000];

static struct packet piece(uint32_t off, size_t len, bool more)
{
	struct packet p;
	memset(&p, 0, sizeof p);
	addr_parse("192.0.2.1", &p.src);
	addr_parse("198.51.100.2", &p.dst);
	p.proto = IPPROTO_UDP;
	p.fragment = true;
	p.first_fragment = off == 0;
	p.more_fragments = more;
	p.frag_id = 4242;
	p.frag_offset = off;
	p.frag_data = datagram + off;
	p.frag_len = len;
	p.ip_len = (uint32_t)(20 + len);
	if (off == 0) {
		p.sport = 5060;
		p.dport = 5060;
	}
	return p;
}

static void fill(void)
{
	for (size_t i = 0; i < sizeof datagram; i++)
		datagram[i] = (uint8_t)(i * 7);
}

START_TEST(test_three_pieces_in_order_make_the_datagram)
{
	struct reasm *r = reasm_new();
	struct reasm_result res;
	struct packet a = piece(0, 1480, true), b = piece(1480, 1480, true),
		      c = piece(2960, 40, false);
	fill();
	reasm_add(r, &a, 1, &res);
	ck_assert(res.have_ports && !res.datagram);
	reasm_add(r, &b, 2, &res);
	ck_assert_int_eq(res.dport, 5060);
	reasm_add(r, &c, 3, &res);
	ck_assert_ptr_nonnull(res.datagram);
	ck_assert_uint_eq(res.len, 3000);
	ck_assert_mem_eq(res.datagram, datagram, 3000);
	ck_assert_uint_eq(reasm_free(r), 0);
}
END_TEST

START_TEST(test_pieces_before_the_first_are_credited_when_it_comes)
{
	struct reasm *r = reasm_new();
	struct reasm_result res;
	struct packet last = piece(2960, 40, false), first = piece(0, 1480, true);
	fill();
	reasm_add(r, &last, 1, &res);
	ck_assert(!res.have_ports);
	reasm_add(r, &first, 2, &res);
	ck_assert(res.have_ports);
	ck_assert_uint_eq(res.credit, 1);
	ck_assert_uint_eq(res.credit_bytes, 60);
	ck_assert_uint_eq(reasm_free(r), 0);
}
END_TEST

START_TEST(test_pieces_whose_first_never_comes_are_orphans)
{
	struct reasm *r = reasm_new();
	struct reasm_result res;
	struct packet b = piece(1480, 1480, true), c = piece(2960, 40, false);
	fill();
	reasm_add(r, &b, 1, &res);
	reasm_add(r, &c, 2, &res);
	ck_assert_uint_eq(reasm_free(r), 2);
}
END_TEST

START_TEST(test_a_stale_datagram_times_out)
{
	struct reasm *r = reasm_new();
	struct reasm_result res;
	struct packet b = piece(1480, 1480, true), other = piece(1480, 8, false);
	fill();
	other.frag_id = 1;
	reasm_add(r, &b, 0, &res);
	reasm_add(r, &other, REASM_TIMEOUT_US + 10, &res);
	ck_assert_uint_eq(reasm_orphans(r), 1);
	ck_assert_uint_eq(reasm_free(r), 2);
}
END_TEST

/* Pieces held for a first that has not come, given up to make room, are
 * the caller's to count (reassembly_table_full), not orphans. */
START_TEST(test_memory_is_bounded_by_the_pending_limit)
{
	struct reasm *r = reasm_new();
	struct reasm_result res;
	unsigned for_room = 0;
	fill();
	for (uint32_t i = 0; i < REASM_MAX_PENDING * 4; i++) {
		struct packet p = piece(8, 8, false);
		p.frag_id = i;
		reasm_add(r, &p, i, &res);
		ck_assert(!res.have_ports);
		for_room += res.dropped_for_room;
	}
	ck_assert_uint_eq(for_room, REASM_MAX_PENDING * 3);
	ck_assert_uint_eq(reasm_orphans(r), 0);
	ck_assert_uint_eq(reasm_free(r), REASM_MAX_PENDING);
}
END_TEST

/* More datagrams than the table holds: a later piece of one given up for
 * room after its first piece still learns its ports, and is no orphan. */
START_TEST(test_a_datagram_given_up_for_room_keeps_its_ports)
{
	struct reasm *r = reasm_new();
	struct reasm_result res;
	fill();
	for (uint32_t i = 0; i <= REASM_MAX_PENDING; i++) {
		struct packet p = piece(0, 1480, true);
		p.frag_id = i;
		p.sport = (uint16_t)(40000 + i);
		reasm_add(r, &p, i, &res);
		ck_assert_uint_eq(res.dropped_for_room, 0);
	}
	struct packet late = piece(1480, 8, false);
	late.frag_id = 0; /* the oldest, given up for the last one */
	reasm_add(r, &late, 100, &res);
	ck_assert(res.have_ports && res.given_up && !res.datagram);
	ck_assert_uint_eq(res.sport, 40000);
	ck_assert_uint_eq(res.proto, IPPROTO_UDP);
	late.frag_id = REASM_MAX_PENDING; /* still pending: completes */
	reasm_add(r, &late, 101, &res);
	ck_assert(res.have_ports && !res.given_up);
	ck_assert_ptr_nonnull(res.datagram);
	ck_assert_uint_eq(reasm_free(r), 0);
}
END_TEST

START_TEST(test_a_timed_out_datagram_keeps_its_ports)
{
	struct reasm *r = reasm_new();
	struct reasm_result res;
	struct packet first = piece(0, 1480, true), last = piece(1480, 8, false);
	fill();
	reasm_add(r, &first, 0, &res);
	reasm_add(r, &last, REASM_TIMEOUT_US + 10, &res);
	ck_assert(res.have_ports && res.given_up);
	ck_assert_uint_eq(res.dport, 5060);
	/* long after, the same identification is a stranger's */
	reasm_add(r, &last, 3 * REASM_TIMEOUT_US, &res);
	ck_assert(!res.have_ports);
	ck_assert_uint_eq(reasm_free(r), 1);
}
END_TEST

/* RFC 8200 sec 4.5: a later IPv6 piece's Next Header names what follows
 * the Fragment header in the first (here Destination Options, 60), not
 * the transport: pieces match by addresses and identification. */
START_TEST(test_ipv6_pieces_match_whatever_their_next_header)
{
	struct reasm *r = reasm_new();
	struct reasm_result res;
	struct packet a = piece(0, 200, true), b = piece(200, 100, false);
	fill();
	addr_parse("2001:db8::1", &a.src);
	addr_parse("2001:db8::2", &a.dst);
	a.ip_version = b.ip_version = 6;
	a.frag_transport_offset = 8;
	b.src = a.src;
	b.dst = a.dst;
	b.proto = IPPROTO_DSTOPTS;
	reasm_add(r, &b, 1, &res);
	ck_assert(!res.have_ports);
	reasm_add(r, &a, 2, &res);
	ck_assert(res.have_ports);
	ck_assert_uint_eq(res.credit, 1);
	ck_assert_uint_eq(res.proto, IPPROTO_UDP);
	ck_assert_ptr_nonnull(res.datagram);
	ck_assert_uint_eq(res.len, 300 - 8);
	ck_assert_mem_eq(res.datagram, datagram + 8, 300 - 8);
	ck_assert_uint_eq(reasm_free(r), 0);
}
END_TEST

/* IPv4 keeps the protocol in the key (RFC 791). */
START_TEST(test_ipv4_pieces_of_another_protocol_are_another_datagram)
{
	struct reasm *r = reasm_new();
	struct reasm_result res;
	struct packet a = piece(0, 1480, true), b = piece(1480, 8, false);
	fill();
	a.ip_version = b.ip_version = 4;
	b.proto = IPPROTO_TCP;
	reasm_add(r, &a, 1, &res);
	reasm_add(r, &b, 2, &res);
	ck_assert(!res.have_ports && !res.datagram);
	ck_assert_uint_eq(reasm_free(r), 1);
}
END_TEST

/* Two raw IPv6 packets (DLT_RAW): a SIP OPTIONS cut in two behind a
 * Fragment header and then a Destination Options header. */
static size_t ipv6_piece(uint8_t *out, const uint8_t *part, size_t len,
			 uint16_t off, bool more)
{
	static const uint8_t hdr[8] = { 0x60, 0, 0, 0, 0, 0, 44, 64 };
	size_t n = 0;
	memcpy(out, hdr, sizeof hdr);
	out[4] = (uint8_t)((8 + len) >> 8);
	out[5] = (uint8_t)(8 + len);
	n = 8;
	for (int i = 0; i < 32; i++) /* 2001:db8::1 -> 2001:db8::2 */
		out[n + i] = 0;
	out[n] = 0x20, out[n + 1] = 0x01, out[n + 2] = 0x0d, out[n + 3] = 0xb8;
	out[n + 15] = 1;
	out[n + 16] = 0x20, out[n + 17] = 0x01, out[n + 18] = 0x0d;
	out[n + 19] = 0xb8, out[n + 31] = 2;
	n += 32;
	out[n++] = IPPROTO_DSTOPTS; /* Fragment header */
	out[n++] = 0;
	out[n++] = (uint8_t)(off >> 8);
	out[n++] = (uint8_t)((off & 0xf8) | (more ? 1 : 0));
	out[n++] = 0, out[n++] = 0, out[n++] = 0x5e, out[n++] = 0xed;
	memcpy(out + n, part, len);
	return n + len;
}

START_TEST(test_ipv6_fragment_then_destination_options_reassembles)
{
	static const char sip[] = "OPTIONS sip:b@[2001:db8::2] SIP/2.0\r\n"
				  "Call-ID: 6@2001:db8::1\r\n"
				  "CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n"
				  "\r\n";
	uint8_t whole[256], frame[2][256];
	size_t wlen = 0, flen[2];
	struct packet p[2];
	struct reasm_result res;
	struct reasm *r = reasm_new();
	/* Destination Options: next UDP, 8 bytes, PadN */
	static const uint8_t dstopts[8] = { IPPROTO_UDP, 0, 1, 4, 0, 0, 0, 0 };
	size_t ulen = 8 + sizeof sip - 1;

	memcpy(whole, dstopts, 8);
	wlen = 8;
	whole[wlen++] = 0x13, whole[wlen++] = 0xc4; /* 5060 */
	whole[wlen++] = 0x13, whole[wlen++] = 0xc4;
	whole[wlen++] = (uint8_t)(ulen >> 8), whole[wlen++] = (uint8_t)ulen;
	whole[wlen++] = 0, whole[wlen++] = 0;
	memcpy(whole + wlen, sip, sizeof sip - 1);
	wlen += sizeof sip - 1;
	flen[0] = ipv6_piece(frame[0], whole, 48, 0, true);
	flen[1] = ipv6_piece(frame[1], whole + 48, wlen - 48, 48, false);

	ck_assert_int_eq(decode_packet(DLT_RAW, frame[1], flen[1], &p[1]),
			 DECODE_OK);
	ck_assert(p[1].fragment && !p[1].first_fragment);
	ck_assert_int_eq(decode_packet(DLT_RAW, frame[0], flen[0], &p[0]),
			 DECODE_OK);
	ck_assert(p[0].fragment && p[0].first_fragment);
	ck_assert_uint_eq(p[0].proto, IPPROTO_UDP);
	ck_assert_uint_eq(p[0].dport, 5060);
	ck_assert_uint_eq(p[0].frag_transport_offset, 8);

	reasm_add(r, &p[1], 1, &res); /* the last piece first */
	ck_assert(!res.have_ports);
	reasm_add(r, &p[0], 2, &res);
	ck_assert(res.have_ports);
	ck_assert_uint_eq(res.credit, 1);
	ck_assert_uint_eq(res.proto, IPPROTO_UDP);
	ck_assert_ptr_nonnull(res.datagram);
	ck_assert_uint_eq(res.len, ulen);
	ck_assert_mem_eq(res.datagram + 8, sip, sizeof sip - 1);
	ck_assert_uint_eq(reasm_free(r), 0);
}
END_TEST

/* RFC 8200 sec 4.1: one Fragment header at most. */
START_TEST(test_ipv6_two_fragment_headers_are_malformed)
{
	uint8_t frame[128];
	struct packet p;
	static const uint8_t inner[16] = { IPPROTO_UDP, 0, 0, 0, 0, 0, 0, 1 };
	size_t n = ipv6_piece(frame, inner, sizeof inner, 0, true);
	frame[40] = IPPROTO_FRAGMENT; /* the first names a second */
	ck_assert_int_eq(decode_packet(DLT_RAW, frame, n, &p), DECODE_BAD_IP);
}
END_TEST

START_TEST(test_offset_beyond_the_largest_datagram_is_cut_not_overrun)
{
	struct reasm *r = reasm_new();
	struct reasm_result res;
	struct packet p = piece(65528, 1480, false);
	fill();
	p.frag_data = datagram;
	reasm_add(r, &p, 1, &res);
	reasm_free(r);
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("reasm");
	TCase *tc = tcase_create("reasm");
	tcase_add_test(tc, test_three_pieces_in_order_make_the_datagram);
	tcase_add_test(tc, test_pieces_before_the_first_are_credited_when_it_comes);
	tcase_add_test(tc, test_pieces_whose_first_never_comes_are_orphans);
	tcase_add_test(tc, test_a_stale_datagram_times_out);
	tcase_add_test(tc, test_memory_is_bounded_by_the_pending_limit);
	tcase_add_test(tc, test_a_datagram_given_up_for_room_keeps_its_ports);
	tcase_add_test(tc, test_a_timed_out_datagram_keeps_its_ports);
	tcase_add_test(tc, test_ipv6_pieces_match_whatever_their_next_header);
	tcase_add_test(tc,
		       test_ipv4_pieces_of_another_protocol_are_another_datagram);
	tcase_add_test(tc,
		       test_ipv6_fragment_then_destination_options_reassembles);
	tcase_add_test(tc, test_ipv6_two_fragment_headers_are_malformed);
	tcase_add_test(tc, test_offset_beyond_the_largest_datagram_is_cut_not_overrun);
	suite_add_tcase(s, tc);
	return s;
}
