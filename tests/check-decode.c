/* \summary: unit tests of the frame decoder */
#include <check.h>
#include <netinet/in.h>
#include <pcap/dlt.h>

#include "frames.h"
#include "vcflow/decode.h"

static struct frame f;
static struct packet pkt;

static enum decode_result decode(int dlt)
{
	return decode_packet(dlt, f.b, f.len, &pkt);
}

START_TEST(test_ethernet_ipv4_udp_gives_ports_and_payload)
{
	udp4_frame(&f, 5060, 5070, "hello");
	ck_assert_int_eq(decode(DLT_EN10MB), DECODE_OK);
	ck_assert_int_eq(pkt.proto, IPPROTO_UDP);
	ck_assert_int_eq(pkt.sport, 5060);
	ck_assert_int_eq(pkt.dport, 5070);
	ck_assert_uint_eq(pkt.payload_len, 5);
	ck_assert_mem_eq(pkt.payload, "hello", 5);
	ck_assert_uint_eq(pkt.ip_len, 20 + 8 + 5);
	ck_assert_int_eq(pkt.vlan, VLAN_NONE);
}
END_TEST

START_TEST(test_ethernet_padding_is_not_payload)
{
	udp4_frame(&f, 1, 2, "x");
	memset(f.b + f.len, 0, 20); /* minimum-size frame padding */
	f.len += 20;
	ck_assert_int_eq(decode(DLT_EN10MB), DECODE_OK);
	ck_assert_uint_eq(pkt.payload_len, 1);
}
END_TEST

START_TEST(test_vlan_tag_is_skipped_and_its_id_kept)
{
	f.len = 0;
	put_eth(&f, 0x8100);
	put16(&f, 0x2064); /* PCP 1, VLAN 100 */
	put16(&f, 0x0800);
	put_ipv4(&f, 17, A4, B4, 9, 0, 1, 0);
	put_udp(&f, 1000, 2000, "v", 1);
	ck_assert_int_eq(decode(DLT_EN10MB), DECODE_OK);
	ck_assert_int_eq(pkt.vlan, 100);
	ck_assert_int_eq(pkt.dport, 2000);
}
END_TEST

START_TEST(test_qinq_keeps_the_outer_vlan)
{
	f.len = 0;
	put_eth(&f, 0x88a8);
	put16(&f, 200);
	put16(&f, 0x8100);
	put16(&f, 300);
	put16(&f, 0x0800);
	put_ipv4(&f, 17, A4, B4, 9, 0, 1, 0);
	put_udp(&f, 1000, 2000, "q", 1);
	ck_assert_int_eq(decode(DLT_EN10MB), DECODE_OK);
	ck_assert_int_eq(pkt.vlan, 200);
	ck_assert_int_eq(pkt.sport, 1000);
}
END_TEST

START_TEST(test_arp_is_not_ip)
{
	f.len = 0;
	put_eth(&f, 0x0806);
	memset(f.b + f.len, 0, 28);
	f.len += 28;
	ck_assert_int_eq(decode(DLT_EN10MB), DECODE_NOT_IP);
}
END_TEST

START_TEST(test_llc_frame_is_not_ip)
{
	f.len = 0;
	put_eth(&f, 38); /* an 802.3 length: STP */
	memset(f.b + f.len, 0x42, 38);
	f.len += 38;
	ck_assert_int_eq(decode(DLT_EN10MB), DECODE_NOT_IP);
}
END_TEST

static void ipv6_udp(struct frame *fr, const uint8_t *ext, size_t extlen,
		     uint8_t first_nh)
{
	static const uint8_t s6[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 };
	static const uint8_t d6[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 2 };
	put32(fr, 0x6b800000); /* traffic class 0xb8: DSCP 46 */
	put16(fr, (uint16_t)(extlen + 8 + 3));
	put8(fr, first_nh);
	put8(fr, 64);
	putbytes(fr, s6, 16);
	putbytes(fr, d6, 16);
	putbytes(fr, ext, extlen);
	put_udp(fr, 5004, 5006, "rtp", 3);
}

START_TEST(test_ipv6_extension_headers_are_skipped)
{
	/* Hop-by-Hop (next: Destination Options), then Destination Options
	 * (next: UDP), each 8 bytes with PadN. */
	static const uint8_t ext[16] = { 60, 0, 1, 4, 0, 0, 0, 0,
					 17, 0, 1, 4, 0, 0, 0, 0 };
	f.len = 0;
	put_eth(&f, 0x86dd);
	ipv6_udp(&f, ext, sizeof ext, 0);
	ck_assert_int_eq(decode(DLT_EN10MB), DECODE_OK);
	ck_assert_int_eq(pkt.ip_version, 6);
	ck_assert_int_eq(pkt.proto, IPPROTO_UDP);
	ck_assert_int_eq(pkt.sport, 5004);
	ck_assert_int_eq(pkt.dscp, 46);
	ck_assert_uint_eq(pkt.payload_len, 3);
}
END_TEST

START_TEST(test_ipv6_extension_header_past_the_end_is_truncated)
{
	static const uint8_t ext[2] = { 17, 200 }; /* claims 1608 bytes */
	f.len = 0;
	put_eth(&f, 0x86dd);
	ipv6_udp(&f, ext, sizeof ext, 0);
	ck_assert_int_eq(decode(DLT_EN10MB), DECODE_TRUNCATED);
}
END_TEST

START_TEST(test_linux_cooked_sll)
{
	f.len = 0;
	put16(&f, 0);	   /* packet type: to us */
	put16(&f, 1);	   /* ARPHRD_ETHER */
	put16(&f, 6);	   /* address length */
	put32(&f, 0x02000000);
	put32(&f, 0x00010000);
	put16(&f, 0x0800); /* protocol */
	put_ipv4(&f, 17, A4, B4, 9, 0, 1, 0);
	put_udp(&f, 3478, 40000, "s", 1);
	ck_assert_int_eq(decode(DLT_LINUX_SLL), DECODE_OK);
	ck_assert_int_eq(pkt.sport, 3478);
}
END_TEST

START_TEST(test_linux_cooked_sll2)
{
	f.len = 0;
	put16(&f, 0x0800); /* protocol first in SLL2 */
	put16(&f, 0);
	put32(&f, 2);	   /* interface index */
	put16(&f, 1);
	put8(&f, 0);
	put8(&f, 6);
	put32(&f, 0x02000000);
	put32(&f, 0x00010000);
	put_ipv4(&f, 17, A4, B4, 9, 0, 1, 0);
	put_udp(&f, 3478, 40001, "s", 1);
	ck_assert_int_eq(decode(DLT_LINUX_SLL2), DECODE_OK);
	ck_assert_int_eq(pkt.dport, 40001);
}
END_TEST

START_TEST(test_raw_ip)
{
	f.len = 0;
	put_ipv4(&f, 17, A4, B4, 9, 0, 1, 0);
	put_udp(&f, 1719, 1719, "r", 1);
	ck_assert_int_eq(decode(DLT_RAW), DECODE_OK);
	ck_assert_int_eq(pkt.dport, 1719);
}
END_TEST

START_TEST(test_bsd_null_in_either_byte_order)
{
	static const uint8_t le_inet[4] = { 2, 0, 0, 0 };
	static const uint8_t be_inet6[4] = { 0, 0, 0, 30 };

	f.len = 0;
	putbytes(&f, le_inet, 4);
	put_ipv4(&f, 17, A4, B4, 9, 0, 1, 0);
	put_udp(&f, 1, 2, "n", 1);
	ck_assert_int_eq(decode(DLT_NULL), DECODE_OK);
	ck_assert_int_eq(pkt.ip_version, 4);

	f.len = 0;
	putbytes(&f, be_inet6, 4);
	ipv6_udp(&f, NULL, 0, 17);
	ck_assert_int_eq(decode(DLT_NULL), DECODE_OK);
	ck_assert_int_eq(pkt.ip_version, 6);
}
END_TEST

START_TEST(test_ipv4_options_are_skipped)
{
	f.len = 0;
	put_eth(&f, 0x0800);
	put8(&f, 0x46); /* IHL 6: one word of options */
	put8(&f, 0);
	put16(&f, 24 + 8 + 1);
	put16(&f, 1);
	put16(&f, 0);
	put8(&f, 64);
	put8(&f, 17);
	put16(&f, 0);
	putbytes(&f, A4, 4);
	putbytes(&f, B4, 4);
	put32(&f, 0x94040000); /* Router Alert */
	put_udp(&f, 9, 10, "o", 1);
	ck_assert_int_eq(decode(DLT_EN10MB), DECODE_OK);
	ck_assert_int_eq(pkt.sport, 9);
	ck_assert_uint_eq(pkt.payload_len, 1);
}
END_TEST

START_TEST(test_first_fragment_has_ports_later_ones_do_not)
{
	f.len = 0;
	put_eth(&f, 0x0800);
	put_ipv4(&f, 17, A4, B4, 16, 0, 77, 0x2000); /* MF, offset 0 */
	put_udp(&f, 5060, 5060, "abcdefgh", 8);
	ck_assert_int_eq(decode(DLT_EN10MB), DECODE_OK);
	ck_assert(pkt.fragment && pkt.first_fragment && pkt.more_fragments);
	ck_assert_int_eq(pkt.dport, 5060);
	ck_assert_uint_eq(pkt.frag_id, 77);

	f.len = 0;
	put_eth(&f, 0x0800);
	put_ipv4(&f, 17, A4, B4, 8, 0, 77, 2); /* offset 16 bytes, last */
	putbytes(&f, "ijklmnop", 8);
	ck_assert_int_eq(decode(DLT_EN10MB), DECODE_OK);
	ck_assert(pkt.fragment && !pkt.first_fragment);
	ck_assert_uint_eq(pkt.frag_offset, 16);
	ck_assert_uint_eq(pkt.frag_len, 8);
}
END_TEST

START_TEST(test_tcp_flags_and_bad_data_offset)
{
	f.len = 0;
	put_eth(&f, 0x0800);
	put_ipv4(&f, 6, A4, B4, 20, 0x88, 1, 0);
	put_tcp(&f, 40000, 1720, 1000, 0x02, NULL, 0);
	ck_assert_int_eq(decode(DLT_EN10MB), DECODE_OK);
	ck_assert_int_eq(pkt.tcp_flags, TCP_SYN);
	ck_assert_uint_eq(pkt.tcp_seq, 1000);
	ck_assert_int_eq(pkt.dscp, 34);

	f.b[14 + 20 + 12] = 4 << 4; /* data offset 4 words: impossible */
	ck_assert_int_eq(decode(DLT_EN10MB), DECODE_BAD_TRANSPORT);
}
END_TEST

START_TEST(test_icmp_port_unreachable_quotes_the_udp_flow)
{
	f.len = 0;
	put_eth(&f, 0x0800);
	put_ipv4(&f, 1, B4, A4, 8 + 28, 0, 9, 0);
	put8(&f, 3); /* destination unreachable */
	put8(&f, 3); /* port unreachable */
	put16(&f, 0);
	put32(&f, 0);
	put_ipv4(&f, 17, A4, B4, 8 + 100, 0, 5, 0); /* the quoted header */
	put16(&f, 5060);
	put16(&f, 5061);
	put16(&f, 108);
	put16(&f, 0);
	ck_assert_int_eq(decode(DLT_EN10MB), DECODE_OK);
	ck_assert(pkt.icmp_error);
	ck_assert_int_eq(pkt.sport, 3);
	ck_assert_int_eq(pkt.dport, 3);
	ck_assert(pkt.quoted.valid);
	ck_assert_int_eq(pkt.quoted.proto, IPPROTO_UDP);
	ck_assert_int_eq(pkt.quoted.sport, 5060);
	ck_assert_int_eq(pkt.quoted.dport, 5061);
}
END_TEST

START_TEST(test_bad_ip_version_and_short_header_length)
{
	udp4_frame(&f, 1, 2, "x");
	f.b[14] = 0x55; /* version 5 */
	ck_assert_int_eq(decode(DLT_EN10MB), DECODE_BAD_IP);
	f.b[14] = 0x44; /* IHL 4 < 5 */
	ck_assert_int_eq(decode(DLT_EN10MB), DECODE_BAD_IP);
}
END_TEST

/* Every prefix of a good frame decodes or says truncated, never more. */
START_TEST(test_every_truncation_is_reported_not_read_past)
{
	struct frame full;
	udp4_frame(&full, 5060, 5060, "INVITE");
	for (size_t n = 0; n < 14 + 20 + 8; n++) {
		enum decode_result r =
			decode_packet(DLT_EN10MB, full.b, n, &pkt);
		ck_assert_msg(r == DECODE_TRUNCATED, "length %zu gave %s", n,
			      decode_result_name(r));
	}
	for (size_t n = 14 + 20 + 8; n <= full.len; n++) {
		ck_assert_int_eq(decode_packet(DLT_EN10MB, full.b, n, &pkt),
				 DECODE_OK);
		ck_assert_uint_eq(pkt.payload_len, n - 42);
	}
}
END_TEST

START_TEST(test_link_types_supported)
{
	ck_assert(decode_link_supported(DLT_EN10MB));
	ck_assert(decode_link_supported(DLT_LINUX_SLL2));
	ck_assert(!decode_link_supported(DLT_IEEE802_11));
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("decode");
	TCase *tc = tcase_create("decode");

	tcase_add_test(tc, test_ethernet_ipv4_udp_gives_ports_and_payload);
	tcase_add_test(tc, test_ethernet_padding_is_not_payload);
	tcase_add_test(tc, test_vlan_tag_is_skipped_and_its_id_kept);
	tcase_add_test(tc, test_qinq_keeps_the_outer_vlan);
	tcase_add_test(tc, test_arp_is_not_ip);
	tcase_add_test(tc, test_llc_frame_is_not_ip);
	tcase_add_test(tc, test_ipv6_extension_headers_are_skipped);
	tcase_add_test(tc, test_ipv6_extension_header_past_the_end_is_truncated);
	tcase_add_test(tc, test_linux_cooked_sll);
	tcase_add_test(tc, test_linux_cooked_sll2);
	tcase_add_test(tc, test_raw_ip);
	tcase_add_test(tc, test_bsd_null_in_either_byte_order);
	tcase_add_test(tc, test_ipv4_options_are_skipped);
	tcase_add_test(tc, test_first_fragment_has_ports_later_ones_do_not);
	tcase_add_test(tc, test_tcp_flags_and_bad_data_offset);
	tcase_add_test(tc, test_icmp_port_unreachable_quotes_the_udp_flow);
	tcase_add_test(tc, test_bad_ip_version_and_short_header_length);
	tcase_add_test(tc, test_every_truncation_is_reported_not_read_past);
	tcase_add_test(tc, test_link_types_supported);
	suite_add_tcase(s, tc);
	return s;
}
