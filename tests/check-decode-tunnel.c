/* \summary: unit tests of decapsulation: each tunnel gives the inner flow */
#include <check.h>
#include <netinet/in.h>
#include <pcap/dlt.h>
#include <stdlib.h>

#include "frames.h"
#include "vcflow/addr.h"
#include "vcflow/decode.h"

/* The packet inside every tunnel here: 10.1.1.1:5060 to 10.2.2.2:5070. */
static const uint8_t C4[4] = { 10, 1, 1, 1 };
static const uint8_t D4[4] = { 10, 2, 2, 2 };
static const char SIP[] = "INVITE sip:bob@example.com SIP/2.0";
static const uint8_t S6[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 };
static const uint8_t T6[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 2 };

static struct packet pkt, plain;

static void cat(struct frame *dst, const struct frame *src)
{
	putbytes(dst, src->b, src->len);
}

/* The inner IPv4/UDP packet, without a link layer. */
static void inner_ip(struct frame *f)
{
	uint16_t n = (uint16_t)strlen(SIP);

	f->len = 0;
	put_ipv4(f, IPPROTO_UDP, C4, D4, (uint16_t)(8 + n), 0xb8, 7, 0);
	put_udp(f, 5060, 5070, SIP, n);
}

/* The inner packet as an Ethernet frame. */
static void inner_eth(struct frame *f)
{
	struct frame ip;

	inner_ip(&ip);
	f->len = 0;
	put_eth(f, 0x0800);
	cat(f, &ip);
}

static void put_ipv6(struct frame *f, uint8_t nh, uint16_t payload)
{
	put32(f, 0x60000000);
	put16(f, payload);
	put8(f, nh);
	put8(f, 64);
	putbytes(f, S6, 16);
	putbytes(f, T6, 16);
}

/* Ethernet, outer IPv4 192.0.2.1 > 198.51.100.2 of `proto`, then `in`. */
static void over_ipv4(struct frame *out, uint8_t proto, const struct frame *in)
{
	out->len = 0;
	put_eth(out, 0x0800);
	put_ipv4(out, proto, A4, B4, (uint16_t)in->len, 0, 99, 0);
	cat(out, in);
}

static void over_ipv6(struct frame *out, uint8_t nh, const struct frame *in)
{
	out->len = 0;
	put_eth(out, 0x86dd);
	put_ipv6(out, nh, (uint16_t)in->len);
	cat(out, in);
}

/* Ethernet, outer IPv4, UDP 49152 > `dport`, then `in`. */
static void over_udp(struct frame *out, uint16_t dport, const struct frame *in)
{
	out->len = 0;
	put_eth(out, 0x0800);
	put_ipv4(out, IPPROTO_UDP, A4, B4, (uint16_t)(8 + in->len), 0, 99, 0);
	put_udp(out, 49152, dport, in->b, (uint16_t)in->len);
}

static enum decode_result decode(const struct frame *f)
{
	return decode_packet(DLT_EN10MB, f->b, f->len, &pkt);
}

/* The decoded packet is the plain frame's: addresses, ports, payload. */
static void assert_inner_flow(void)
{
	struct frame p;

	inner_eth(&p);
	ck_assert_int_eq(decode_packet(DLT_EN10MB, p.b, p.len, &plain),
			 DECODE_OK);
	ck_assert_int_eq(pkt.ip_version, plain.ip_version);
	ck_assert_int_eq(addr_cmp(&pkt.src, &plain.src), 0);
	ck_assert_int_eq(addr_cmp(&pkt.dst, &plain.dst), 0);
	ck_assert_int_eq(pkt.proto, plain.proto);
	ck_assert_int_eq(pkt.sport, plain.sport);
	ck_assert_int_eq(pkt.dport, plain.dport);
	ck_assert_uint_eq(pkt.ip_len, plain.ip_len);
	ck_assert_int_eq(pkt.dscp, plain.dscp);
	ck_assert_uint_eq(pkt.payload_len, plain.payload_len);
	ck_assert_mem_eq(pkt.payload, plain.payload, plain.payload_len);
	ck_assert_uint_eq(pkt.ip_caplen, plain.ip_caplen);
	ck_assert_mem_eq(pkt.ip, plain.ip, plain.ip_caplen);
}

static void assert_tunnel(enum tunnel_kind kind, bool has_id, uint32_t id)
{
	ck_assert(pkt.tunnel.present);
	ck_assert_int_eq(pkt.tunnel.kind, kind);
	ck_assert_int_eq(pkt.tunnel.has_id, has_id);
	if (has_id)
		ck_assert_uint_eq(pkt.tunnel.id, id);
	ck_assert_uint_eq(pkt.tunnel.layers, 1);
}

static void assert_outer_endpoints_v4(void)
{
	struct addr a, b;

	addr_from_v4(&a, A4);
	addr_from_v4(&b, B4);
	ck_assert(pkt.tunnel.has_endpoints);
	ck_assert_int_eq(addr_cmp(&pkt.tunnel.outer_src, &a), 0);
	ck_assert_int_eq(addr_cmp(&pkt.tunnel.outer_dst, &b), 0);
}

/* ---- the tunnels' headers ---- */

/* RFC 2784/2890 GRE with checksum, key and sequence number. */
static void gre_all_bits(struct frame *out, uint16_t proto,
			 const struct frame *in)
{
	out->len = 0;
	put16(out, 0x8000 | 0x2000 | 0x1000);
	put16(out, proto);
	put32(out, 0xabcd0000); /* checksum, reserved1 */
	put32(out, 4242);	/* key */
	put32(out, 17);		/* sequence number */
	cat(out, in);
}

static void erspan2(struct frame *out, const struct frame *eth)
{
	out->len = 0;
	put16(out, 0x1000); /* GRE: S */
	put16(out, 0x88be);
	put32(out, 5);
	put16(out, 1 << 12 | 7); /* version 1, VLAN 7 */
	put16(out, 3 << 13 | 100); /* COS 3, session 100 */
	put32(out, 0);		  /* index */
	cat(out, eth);
}

static void erspan3(struct frame *out, const struct frame *in, bool ip,
		    bool platform)
{
	out->len = 0;
	put16(out, 0x1000);
	put16(out, 0x22eb);
	put32(out, 5);
	put16(out, 2 << 12 | 7); /* version 2 */
	put16(out, 0x03ff & 513); /* session 513 */
	put32(out, 123456);	  /* timestamp */
	put16(out, 0);		  /* SGT */
	put16(out, (uint16_t)((ip ? 2 : 0) << 10 | (platform ? 1 : 0)));
	if (platform) {
		put32(out, 0x0c000000); /* platform id 3 */
		put32(out, 0x12345678);
	}
	cat(out, in);
}

static void vxlan(struct frame *out, uint8_t flags, uint32_t vni,
		  const struct frame *eth)
{
	struct frame hdr = { .len = 0 };

	put8(&hdr, flags);
	put8(&hdr, 0);
	put16(&hdr, 0);
	put32(&hdr, vni << 8);
	cat(&hdr, eth);
	over_udp(out, 4789, &hdr);
}

static void geneve(struct frame *out, uint8_t version, const struct frame *eth)
{
	struct frame hdr = { .len = 0 };

	put8(&hdr, (uint8_t)(version << 6 | 3)); /* 3 words of options */
	put8(&hdr, 0);
	put16(&hdr, 0x6558);
	put32(&hdr, 777u << 8);
	put16(&hdr, 0x0104); /* option class */
	put8(&hdr, 1);	     /* type */
	put8(&hdr, 2);	     /* 2 words of data */
	put32(&hdr, 0xdeadbeef);
	put32(&hdr, 0xcafef00d);
	cat(&hdr, eth);
	over_udp(out, 6081, &hdr);
}

/* GTP-U G-PDU with sequence number and one PDU session container. */
static void gtpu(struct frame *out, uint8_t type, const struct frame *ip)
{
	struct frame hdr = { .len = 0 };

	put8(&hdr, 0x30 | 0x04 | 0x02); /* version 1, PT, E, S */
	put8(&hdr, type);
	put16(&hdr, (uint16_t)(4 + 4 + ip->len));
	put32(&hdr, 0x11223344); /* TEID */
	put16(&hdr, 9);		 /* sequence number */
	put8(&hdr, 0);		 /* N-PDU number */
	put8(&hdr, 0x85);	 /* next: PDU session container */
	put8(&hdr, 1);		 /* 4 bytes */
	put8(&hdr, 0x10);
	put8(&hdr, 0x09);
	put8(&hdr, 0);		 /* no more */
	cat(&hdr, ip);
	over_udp(out, 2152, &hdr);
}

static void mpls(struct frame *out, const struct frame *in, bool cw)
{
	out->len = 0;
	put_eth(out, 0x8847);
	put32(out, 1000u << 12 | 64);
	put32(out, 2000u << 12 | 0x100 | 64); /* bottom of stack */
	if (cw)
		put32(out, 0x00000001); /* control word, sequence 1 */
	cat(out, in);
}

static void pppoe(struct frame *out, uint16_t ppp_proto,
		  const struct frame *ip)
{
	out->len = 0;
	put_eth(out, 0x8864);
	put8(out, 0x11);
	put8(out, 0);
	put16(out, 0x1234);
	put16(out, (uint16_t)(2 + ip->len));
	put16(out, ppp_proto);
	cat(out, ip);
}

/* ---- each encapsulation gives the plain flow ---- */

START_TEST(test_gre_with_checksum_key_and_sequence_gives_the_inner_flow)
{
	struct frame ip, g, f;

	inner_ip(&ip);
	gre_all_bits(&g, 0x0800, &ip);
	over_ipv4(&f, 47, &g);
	ck_assert_int_eq(decode(&f), DECODE_OK);
	assert_inner_flow();
	assert_tunnel(TUNNEL_GRE, true, 4242);
	assert_outer_endpoints_v4();
}
END_TEST

START_TEST(test_gre_transparent_ethernet_bridging_gives_the_inner_flow)
{
	struct frame eth, g = { .len = 0 }, f;

	inner_eth(&eth);
	put16(&g, 0);
	put16(&g, 0x6558);
	cat(&g, &eth);
	over_ipv4(&f, 47, &g);
	ck_assert_int_eq(decode(&f), DECODE_OK);
	assert_inner_flow();
	assert_tunnel(TUNNEL_GRE, false, 0);
}
END_TEST

START_TEST(test_gre_over_ipv6_gives_the_inner_flow)
{
	struct frame ip, g, f;
	struct addr s;

	inner_ip(&ip);
	gre_all_bits(&g, 0x0800, &ip);
	over_ipv6(&f, 47, &g);
	ck_assert_int_eq(decode(&f), DECODE_OK);
	assert_inner_flow();
	assert_tunnel(TUNNEL_GRE, true, 4242);
	addr_from_v6(&s, S6);
	ck_assert_int_eq(addr_cmp(&pkt.tunnel.outer_src, &s), 0);
}
END_TEST

START_TEST(test_gre_version_1_stays_a_gre_flow)
{
	struct frame g = { .len = 0 }, f;

	put16(&g, 0x3001); /* K, S, version 1: PPTP */
	put16(&g, 0x880b);
	put32(&g, 0x00040001);
	put32(&g, 1);
	putbytes(&g, "ppp!", 4);
	over_ipv4(&f, 47, &g);
	ck_assert_int_eq(decode(&f), DECODE_OK);
	ck_assert(!pkt.tunnel.present);
	ck_assert_int_eq(pkt.proto, 47);
	ck_assert_uint_eq(pkt.payload_len, g.len);
}
END_TEST

START_TEST(test_erspan_type_i_gives_the_inner_flow)
{
	struct frame eth, g = { .len = 0 }, f;

	inner_eth(&eth);
	put16(&g, 0);
	put16(&g, 0x88be);
	cat(&g, &eth);
	over_ipv4(&f, 47, &g);
	ck_assert_int_eq(decode(&f), DECODE_OK);
	assert_inner_flow();
	assert_tunnel(TUNNEL_ERSPAN, false, 0);
}
END_TEST

START_TEST(test_erspan_type_ii_gives_the_inner_flow_and_session)
{
	struct frame eth, e, f;

	inner_eth(&eth);
	erspan2(&e, &eth);
	over_ipv4(&f, 47, &e);
	ck_assert_int_eq(decode(&f), DECODE_OK);
	assert_inner_flow();
	assert_tunnel(TUNNEL_ERSPAN, true, 100);
	assert_outer_endpoints_v4();
}
END_TEST

START_TEST(test_erspan_type_iii_gives_the_inner_flow)
{
	struct frame eth, e, f;

	inner_eth(&eth);
	erspan3(&e, &eth, false, false);
	over_ipv4(&f, 47, &e);
	ck_assert_int_eq(decode(&f), DECODE_OK);
	assert_inner_flow();
	assert_tunnel(TUNNEL_ERSPAN, true, 513);
}
END_TEST

START_TEST(test_erspan_type_iii_platform_subheader_is_skipped)
{
	struct frame eth, e, f;

	inner_eth(&eth);
	erspan3(&e, &eth, false, true);
	over_ipv4(&f, 47, &e);
	ck_assert_int_eq(decode(&f), DECODE_OK);
	assert_inner_flow();
}
END_TEST

START_TEST(test_erspan_type_iii_ip_frame_type_gives_the_inner_flow)
{
	struct frame ip, e, f;

	inner_ip(&ip);
	erspan3(&e, &ip, true, false);
	over_ipv4(&f, 47, &e);
	ck_assert_int_eq(decode(&f), DECODE_OK);
	assert_inner_flow();
}
END_TEST

START_TEST(test_vxlan_gives_the_inner_flow_and_vni)
{
	struct frame eth, f;

	inner_eth(&eth);
	vxlan(&f, 0x08, 5001, &eth);
	ck_assert_int_eq(decode(&f), DECODE_OK);
	assert_inner_flow();
	assert_tunnel(TUNNEL_VXLAN, true, 5001);
	assert_outer_endpoints_v4();
}
END_TEST

START_TEST(test_geneve_with_options_gives_the_inner_flow_and_vni)
{
	struct frame eth, f;

	inner_eth(&eth);
	geneve(&f, 0, &eth);
	ck_assert_int_eq(decode(&f), DECODE_OK);
	assert_inner_flow();
	assert_tunnel(TUNNEL_GENEVE, true, 777);
}
END_TEST

START_TEST(test_gtpu_with_extension_header_gives_the_inner_flow_and_teid)
{
	struct frame ip, f;

	inner_ip(&ip);
	gtpu(&f, 255, &ip);
	ck_assert_int_eq(decode(&f), DECODE_OK);
	assert_inner_flow();
	assert_tunnel(TUNNEL_GTPU, true, 0x11223344);
}
END_TEST

START_TEST(test_mpls_label_stack_then_ipv4_gives_the_inner_flow)
{
	struct frame ip, f;

	inner_ip(&ip);
	mpls(&f, &ip, false);
	ck_assert_int_eq(decode(&f), DECODE_OK);
	assert_inner_flow();
	assert_tunnel(TUNNEL_MPLS, true, 1000);
	ck_assert(!pkt.tunnel.has_endpoints);
}
END_TEST

START_TEST(test_mpls_ethernet_without_control_word_gives_the_inner_flow)
{
	struct frame eth, f;

	inner_eth(&eth); /* its MAC starts 02: not IP, not a control word */
	mpls(&f, &eth, false);
	ck_assert_int_eq(decode(&f), DECODE_OK);
	assert_inner_flow();
}
END_TEST

START_TEST(test_mpls_ethernet_with_control_word_gives_the_inner_flow)
{
	struct frame eth, f;

	inner_eth(&eth);
	mpls(&f, &eth, true);
	ck_assert_int_eq(decode(&f), DECODE_OK);
	assert_inner_flow();
}
END_TEST

START_TEST(test_mpls_ethernet_mac_starting_with_zero_is_not_a_control_word)
{
	struct frame eth, f;

	inner_eth(&eth);
	eth.b[0] = 0x00; /* 00:... as many vendors' MACs begin */
	mpls(&f, &eth, false);
	ck_assert_int_eq(decode(&f), DECODE_OK);
	assert_inner_flow();
}
END_TEST

START_TEST(test_pppoe_session_ipv4_gives_the_inner_flow_and_session)
{
	struct frame ip, f;

	inner_ip(&ip);
	pppoe(&f, 0x0021, &ip);
	ck_assert_int_eq(decode(&f), DECODE_OK);
	assert_inner_flow();
	assert_tunnel(TUNNEL_PPPOE, true, 0x1234);
}
END_TEST

START_TEST(test_pppoe_session_ipv6_gives_the_inner_flow)
{
	struct frame ip = { .len = 0 }, f;

	put_ipv6(&ip, IPPROTO_UDP, 8 + 3);
	put_udp(&ip, 5004, 5006, "rtp", 3);
	pppoe(&f, 0x0057, &ip);
	ck_assert_int_eq(decode(&f), DECODE_OK);
	ck_assert_int_eq(pkt.ip_version, 6);
	ck_assert_int_eq(pkt.dport, 5006);
	ck_assert_uint_eq(pkt.payload_len, 3);
}
END_TEST

START_TEST(test_pppoe_lcp_is_not_ip)
{
	struct frame lcp = { .len = 0 }, f;

	put32(&lcp, 0x09010008); /* Echo-Request */
	put32(&lcp, 0);
	pppoe(&f, 0xc021, &lcp);
	ck_assert_int_eq(decode(&f), DECODE_NOT_IP);
}
END_TEST

START_TEST(test_ip_in_ip_gives_the_inner_flow)
{
	struct frame ip, f;

	inner_ip(&ip);
	over_ipv4(&f, 4, &ip);
	ck_assert_int_eq(decode(&f), DECODE_OK);
	assert_inner_flow();
	assert_tunnel(TUNNEL_IPIP, false, 0);
	assert_outer_endpoints_v4();
}
END_TEST

START_TEST(test_ipv6_in_ipv4_gives_the_inner_flow)
{
	struct frame ip = { .len = 0 }, f;

	put_ipv6(&ip, IPPROTO_UDP, 8 + 3);
	put_udp(&ip, 5004, 5006, "rtp", 3);
	over_ipv4(&f, 41, &ip);
	ck_assert_int_eq(decode(&f), DECODE_OK);
	ck_assert_int_eq(pkt.ip_version, 6);
	ck_assert_int_eq(pkt.sport, 5004);
	assert_tunnel(TUNNEL_IPIP, false, 0);
}
END_TEST

START_TEST(test_ipv4_in_ipv6_gives_the_inner_flow)
{
	struct frame ip, f;

	inner_ip(&ip);
	over_ipv6(&f, 4, &ip);
	ck_assert_int_eq(decode(&f), DECODE_OK);
	assert_inner_flow();
	assert_tunnel(TUNNEL_IPIP, false, 0);
}
END_TEST

START_TEST(test_ipv6_in_ipv6_gives_the_inner_flow)
{
	struct frame ip = { .len = 0 }, f;

	put_ipv6(&ip, IPPROTO_UDP, 8 + 3);
	put_udp(&ip, 5004, 5006, "rtp", 3);
	over_ipv6(&f, 41, &ip);
	ck_assert_int_eq(decode(&f), DECODE_OK);
	ck_assert_int_eq(pkt.ip_version, 6);
	ck_assert_int_eq(pkt.dport, 5006);
	ck_assert_int_eq(pkt.tunnel.kind, TUNNEL_IPIP);
}
END_TEST

START_TEST(test_protocol_4_carrying_ipv6_stays_a_plain_flow)
{
	struct frame ip = { .len = 0 }, f;

	put_ipv6(&ip, IPPROTO_UDP, 8);
	put_udp(&ip, 1, 2, "", 0);
	over_ipv4(&f, 4, &ip);
	ck_assert_int_eq(decode(&f), DECODE_OK);
	ck_assert(!pkt.tunnel.present);
	ck_assert_int_eq(pkt.proto, 4);
}
END_TEST

/* ---- VLAN tags ---- */

START_TEST(test_any_number_of_vlan_tags_is_skipped)
{
	static const uint16_t tpid[3] = { 0x88a8, 0x8100, 0x9100 };
	struct frame ip, f = { .len = 0 };

	inner_ip(&ip);
	put_eth(&f, 0x88a8);
	for (int i = 0; i < 12; i++) {
		put16(&f, (uint16_t)(100 + i));
		put16(&f, i == 11 ? 0x0800 : tpid[(i + 1) % 3]);
	}
	cat(&f, &ip);
	ck_assert_int_eq(decode(&f), DECODE_OK);
	assert_inner_flow();
	ck_assert_int_eq(pkt.vlan, 100);
	ck_assert(!pkt.tunnel.present);
}
END_TEST

START_TEST(test_pppoe_inside_two_vlan_tags_gives_the_inner_flow)
{
	struct frame ip, p, f = { .len = 0 };

	inner_ip(&ip);
	pppoe(&p, 0x0021, &ip);
	put_eth(&f, 0x8100);
	put16(&f, 10);
	put16(&f, 0x8100);
	put16(&f, 20);
	put16(&f, 0x8864);
	putbytes(&f, p.b + 14, p.len - 14);
	ck_assert_int_eq(decode(&f), DECODE_OK);
	assert_inner_flow();
	ck_assert_int_eq(pkt.vlan, 10);
	ck_assert_int_eq(pkt.tunnel.kind, TUNNEL_PPPOE);
}
END_TEST

START_TEST(test_outer_vlan_is_kept_over_the_inner_frames_tag)
{
	struct frame eth = { .len = 0 }, ip, outer, f = { .len = 0 };

	inner_ip(&ip);
	put_eth(&eth, 0x8100);
	put16(&eth, 300);
	put16(&eth, 0x0800);
	cat(&eth, &ip);
	vxlan(&outer, 0x08, 1, &eth);
	put_eth(&f, 0x8100);
	put16(&f, 42);
	put16(&f, 0x0800);
	putbytes(&f, outer.b + 14, outer.len - 14);
	ck_assert_int_eq(decode(&f), DECODE_OK);
	ck_assert_int_eq(pkt.vlan, 42);
	assert_inner_flow();
}
END_TEST

/* ---- nesting ---- */

START_TEST(test_vxlan_inside_gre_counts_two_layers_and_names_gre)
{
	struct frame eth, vx, g, f;

	inner_eth(&eth);
	vxlan(&vx, 0x08, 9, &eth);
	gre_all_bits(&g, 0x6558, &vx);
	over_ipv4(&f, 47, &g);
	ck_assert_int_eq(decode(&f), DECODE_OK);
	assert_inner_flow();
	ck_assert_int_eq(pkt.tunnel.kind, TUNNEL_GRE);
	ck_assert_uint_eq(pkt.tunnel.id, 4242);
	ck_assert_uint_eq(pkt.tunnel.layers, 2);
}
END_TEST

START_TEST(test_vlan_inside_mpls_gives_the_inner_flow)
{
	struct frame ip, eth = { .len = 0 }, f;

	inner_ip(&ip);
	put_eth(&eth, 0x8100);
	put16(&eth, 55);
	put16(&eth, 0x0800);
	cat(&eth, &ip);
	mpls(&f, &eth, true);
	ck_assert_int_eq(decode(&f), DECODE_OK);
	assert_inner_flow();
	ck_assert_int_eq(pkt.vlan, 55);
}
END_TEST

/* `layers` IP-in-IP headers around the inner packet, on Ethernet. */
static void nested_ipip(struct frame *f, int layers)
{
	struct frame cur, next;

	inner_ip(&cur);
	for (int i = 0; i < layers; i++) {
		next.len = 0;
		put_ipv4(&next, 4, A4, B4, (uint16_t)cur.len, 0, 1, 0);
		cat(&next, &cur);
		cur = next;
	}
	f->len = 0;
	put_eth(f, 0x0800);
	cat(f, &cur);
}

START_TEST(test_eight_nested_layers_decode)
{
	struct frame f;

	nested_ipip(&f, 8);
	ck_assert_int_eq(decode(&f), DECODE_OK);
	assert_inner_flow();
	ck_assert_uint_eq(pkt.tunnel.layers, 8);
}
END_TEST

START_TEST(test_nine_nested_layers_are_too_deep)
{
	struct frame f;

	nested_ipip(&f, 9);
	ck_assert_int_eq(decode(&f), DECODE_TOO_DEEP);
	ck_assert_str_eq(decode_result_name(DECODE_TOO_DEEP), "tunnel_too_deep");
}
END_TEST

START_TEST(test_gre_loop_of_mixed_tunnels_ends_too_deep)
{
	struct frame cur, next;

	/* GRE(Ethernet(MPLS(IPv4 GRE ...))), many times over. */
	inner_eth(&cur);
	for (int i = 0; i < 5; i++) {
		struct frame g;
		gre_all_bits(&g, 0x6558, &cur);
		over_ipv4(&next, 47, &g);
		mpls(&cur, &next, false); /* GRE's Ethernet next round */
	}
	ck_assert_int_eq(decode(&cur), DECODE_TOO_DEEP);
}
END_TEST

/* ---- what is not a tunnel ---- */

START_TEST(test_vxlan_port_without_the_i_flag_is_plain_udp)
{
	struct frame eth, f;

	inner_eth(&eth);
	vxlan(&f, 0x00, 5001, &eth);
	ck_assert_int_eq(decode(&f), DECODE_OK);
	ck_assert(!pkt.tunnel.present);
	ck_assert_int_eq(pkt.proto, IPPROTO_UDP);
	ck_assert_int_eq(pkt.dport, 4789);
	ck_assert_uint_eq(pkt.payload_len, 8 + eth.len);
}
END_TEST

START_TEST(test_vxlan_port_with_reserved_flags_is_plain_udp)
{
	struct frame eth, f;

	inner_eth(&eth);
	vxlan(&f, 0x0c, 5001, &eth);
	ck_assert_int_eq(decode(&f), DECODE_OK);
	ck_assert(!pkt.tunnel.present);
	ck_assert_int_eq(pkt.dport, 4789);
}
END_TEST

START_TEST(test_geneve_port_with_version_1_is_plain_udp)
{
	struct frame eth, f;

	inner_eth(&eth);
	geneve(&f, 1, &eth);
	ck_assert_int_eq(decode(&f), DECODE_OK);
	ck_assert(!pkt.tunnel.present);
	ck_assert_int_eq(pkt.dport, 6081);
}
END_TEST

START_TEST(test_gtpu_port_echo_request_is_plain_udp)
{
	struct frame ip, f;

	inner_ip(&ip);
	gtpu(&f, 1, &ip); /* Echo Request, not a G-PDU */
	ck_assert_int_eq(decode(&f), DECODE_OK);
	ck_assert(!pkt.tunnel.present);
	ck_assert_int_eq(pkt.dport, 2152);
}
END_TEST

START_TEST(test_datagram_too_short_for_vxlan_is_plain_udp)
{
	struct frame f;

	udp4_frame(&f, 49152, 4789, "\x08\x01");
	ck_assert_int_eq(decode(&f), DECODE_OK);
	ck_assert(!pkt.tunnel.present);
	ck_assert_uint_eq(pkt.payload_len, 2);
}
END_TEST

START_TEST(test_outer_fragment_is_not_decapsulated)
{
	struct frame eth, f;

	inner_eth(&eth);
	vxlan(&f, 0x08, 5001, &eth);
	f.b[14 + 6] = 0x20; /* MF: the first fragment of the outer packet */
	ck_assert_int_eq(decode(&f), DECODE_OK);
	ck_assert(!pkt.tunnel.present);
	ck_assert(pkt.fragment && pkt.first_fragment);
	ck_assert_int_eq(pkt.dport, 4789);
}
END_TEST

START_TEST(test_inner_fragment_is_a_fragment_of_the_inner_packet)
{
	struct frame ip = { .len = 0 }, f;

	put_ipv4(&ip, IPPROTO_UDP, C4, D4, 8, 0, 321, 0x0002); /* offset 16 */
	putbytes(&ip, "abcdefgh", 8);
	over_ipv4(&f, 4, &ip);
	ck_assert_int_eq(decode(&f), DECODE_OK);
	ck_assert(pkt.tunnel.present);
	ck_assert(pkt.fragment && !pkt.first_fragment);
	ck_assert_uint_eq(pkt.frag_id, 321);
	ck_assert_uint_eq(pkt.frag_len, 8);
}
END_TEST

/* ---- truncation ---- */

/*
 * Every prefix of `full` up to the inner transport ports says truncated,
 * every longer one decodes the inner flow; each prefix is copied to a
 * buffer of exactly its length, so a read past it is caught by the
 * sanitizers.
 */
static void assert_prefixes(const struct frame *full, const char *what)
{
	size_t payload = strlen(SIP);
	size_t ports_end = full->len - payload;

	for (size_t n = 0; n <= full->len; n++) {
		uint8_t *copy = malloc(n ? n : 1);
		ck_assert_ptr_nonnull(copy);
		memcpy(copy, full->b, n);
		enum decode_result r = decode_packet(DLT_EN10MB, copy, n, &pkt);
		if (n < ports_end)
			ck_assert_msg(r == DECODE_TRUNCATED,
				      "%s: %zu of %zu bytes gave %s", what, n,
				      full->len, decode_result_name(r));
		else
			ck_assert_msg(r == DECODE_OK &&
					      pkt.payload_len == n - ports_end &&
					      pkt.dport == 5070,
				      "%s: %zu of %zu bytes gave %s", what, n,
				      full->len, decode_result_name(r));
		free(copy);
	}
}

START_TEST(test_truncated_tunnel_headers_are_truncated)
{
	struct frame ip, eth, hdr, f;

	inner_ip(&ip);
	inner_eth(&eth);

	gre_all_bits(&hdr, 0x0800, &ip);
	over_ipv4(&f, 47, &hdr);
	assert_prefixes(&f, "gre");
	gre_all_bits(&hdr, 0x0800, &ip);
	over_ipv6(&f, 47, &hdr);
	assert_prefixes(&f, "gre over ipv6");
	erspan2(&hdr, &eth);
	over_ipv4(&f, 47, &hdr);
	assert_prefixes(&f, "erspan2");
	erspan3(&hdr, &eth, false, true);
	over_ipv4(&f, 47, &hdr);
	assert_prefixes(&f, "erspan3");
	vxlan(&f, 0x08, 1, &eth);
	assert_prefixes(&f, "vxlan");
	geneve(&f, 0, &eth);
	assert_prefixes(&f, "geneve");
	gtpu(&f, 255, &ip);
	assert_prefixes(&f, "gtpu");
	mpls(&f, &ip, false);
	assert_prefixes(&f, "mpls");
	mpls(&f, &eth, true);
	assert_prefixes(&f, "mpls ethernet");
	pppoe(&f, 0x0021, &ip);
	assert_prefixes(&f, "pppoe");
	over_ipv4(&f, 4, &ip);
	assert_prefixes(&f, "ipip");
	nested_ipip(&f, 8);
	assert_prefixes(&f, "eight ipip");
}
END_TEST

START_TEST(test_tunnel_kinds_have_names)
{
	ck_assert_str_eq(tunnel_kind_name(TUNNEL_GRE), "gre");
	ck_assert_str_eq(tunnel_kind_name(TUNNEL_ERSPAN), "erspan");
	ck_assert_str_eq(tunnel_kind_name(TUNNEL_VXLAN), "vxlan");
	ck_assert_str_eq(tunnel_kind_name(TUNNEL_GENEVE), "geneve");
	ck_assert_str_eq(tunnel_kind_name(TUNNEL_GTPU), "gtpu");
	ck_assert_str_eq(tunnel_kind_name(TUNNEL_MPLS), "mpls");
	ck_assert_str_eq(tunnel_kind_name(TUNNEL_PPPOE), "pppoe");
	ck_assert_str_eq(tunnel_kind_name(TUNNEL_IPIP), "ipip");
	ck_assert_str_eq(tunnel_kind_name(TUNNEL_NONE), "none");
	ck_assert_str_eq(tunnel_kind_name(TUNNEL_KIND_COUNT), "?");
}
END_TEST

START_TEST(test_plain_frame_has_no_tunnel)
{
	struct frame f;

	inner_eth(&f);
	ck_assert_int_eq(decode(&f), DECODE_OK);
	ck_assert(!pkt.tunnel.present);
	ck_assert_uint_eq(pkt.tunnel.layers, 0);
	ck_assert_int_eq(pkt.tunnel.kind, TUNNEL_NONE);
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("decode-tunnel");
	TCase *tc = tcase_create("decode-tunnel");

	tcase_add_test(tc, test_gre_with_checksum_key_and_sequence_gives_the_inner_flow);
	tcase_add_test(tc, test_gre_transparent_ethernet_bridging_gives_the_inner_flow);
	tcase_add_test(tc, test_gre_over_ipv6_gives_the_inner_flow);
	tcase_add_test(tc, test_gre_version_1_stays_a_gre_flow);
	tcase_add_test(tc, test_erspan_type_i_gives_the_inner_flow);
	tcase_add_test(tc, test_erspan_type_ii_gives_the_inner_flow_and_session);
	tcase_add_test(tc, test_erspan_type_iii_gives_the_inner_flow);
	tcase_add_test(tc, test_erspan_type_iii_platform_subheader_is_skipped);
	tcase_add_test(tc, test_erspan_type_iii_ip_frame_type_gives_the_inner_flow);
	tcase_add_test(tc, test_vxlan_gives_the_inner_flow_and_vni);
	tcase_add_test(tc, test_geneve_with_options_gives_the_inner_flow_and_vni);
	tcase_add_test(tc, test_gtpu_with_extension_header_gives_the_inner_flow_and_teid);
	tcase_add_test(tc, test_mpls_label_stack_then_ipv4_gives_the_inner_flow);
	tcase_add_test(tc, test_mpls_ethernet_without_control_word_gives_the_inner_flow);
	tcase_add_test(tc, test_mpls_ethernet_with_control_word_gives_the_inner_flow);
	tcase_add_test(tc, test_mpls_ethernet_mac_starting_with_zero_is_not_a_control_word);
	tcase_add_test(tc, test_pppoe_session_ipv4_gives_the_inner_flow_and_session);
	tcase_add_test(tc, test_pppoe_session_ipv6_gives_the_inner_flow);
	tcase_add_test(tc, test_pppoe_lcp_is_not_ip);
	tcase_add_test(tc, test_ip_in_ip_gives_the_inner_flow);
	tcase_add_test(tc, test_ipv6_in_ipv4_gives_the_inner_flow);
	tcase_add_test(tc, test_ipv4_in_ipv6_gives_the_inner_flow);
	tcase_add_test(tc, test_ipv6_in_ipv6_gives_the_inner_flow);
	tcase_add_test(tc, test_protocol_4_carrying_ipv6_stays_a_plain_flow);
	tcase_add_test(tc, test_any_number_of_vlan_tags_is_skipped);
	tcase_add_test(tc, test_pppoe_inside_two_vlan_tags_gives_the_inner_flow);
	tcase_add_test(tc, test_outer_vlan_is_kept_over_the_inner_frames_tag);
	tcase_add_test(tc, test_vxlan_inside_gre_counts_two_layers_and_names_gre);
	tcase_add_test(tc, test_vlan_inside_mpls_gives_the_inner_flow);
	tcase_add_test(tc, test_eight_nested_layers_decode);
	tcase_add_test(tc, test_nine_nested_layers_are_too_deep);
	tcase_add_test(tc, test_gre_loop_of_mixed_tunnels_ends_too_deep);
	tcase_add_test(tc, test_vxlan_port_without_the_i_flag_is_plain_udp);
	tcase_add_test(tc, test_vxlan_port_with_reserved_flags_is_plain_udp);
	tcase_add_test(tc, test_geneve_port_with_version_1_is_plain_udp);
	tcase_add_test(tc, test_gtpu_port_echo_request_is_plain_udp);
	tcase_add_test(tc, test_datagram_too_short_for_vxlan_is_plain_udp);
	tcase_add_test(tc, test_outer_fragment_is_not_decapsulated);
	tcase_add_test(tc, test_inner_fragment_is_a_fragment_of_the_inner_packet);
	tcase_add_test(tc, test_truncated_tunnel_headers_are_truncated);
	tcase_add_test(tc, test_tunnel_kinds_have_names);
	tcase_add_test(tc, test_plain_frame_has_no_tunnel);
	suite_add_tcase(s, tc);
	return s;
}
