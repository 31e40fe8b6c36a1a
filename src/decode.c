/* \summary: link, network and transport decoding of one captured frame */
/* specification: IEEE 802.1Q, RFC 791, RFC 8200, RFC 793, RFC 768, RFC 792, RFC 4443 */
#include <netinet/in.h>
#include <pcap/dlt.h>
#include <string.h>

#include "vcflow/decode.h"
#include "vcflow/extract.h"

#define ETHERTYPE_IPV4 0x0800
#define ETHERTYPE_IPV6 0x86dd
#define ETHERTYPE_VLAN 0x8100
#define ETHERTYPE_QINQ 0x88a8
#define ETHERTYPE_QINQ_OLD 0x9100
#define ETHER_HDR_LEN 14
#define ETHER_ADDRS_LEN 12
#define ETHER_MAX_LEN_FIELD 1500 /* below this the field is a length (802.3) */
#define VLAN_TAG_LEN 4
#define VLAN_ID_MASK 0x0fff
#define MAX_VLAN_TAGS 4

#define SLL_HDR_LEN 16
#define SLL_PROTO_OFFSET 14
#define SLL2_HDR_LEN 20

/* BSD loopback: the address family in the capturing host's byte order. */
#define BSD_AF_INET 2
#define BSD_AF_INET6_NETBSD 24
#define BSD_AF_INET6_FREEBSD 28
#define BSD_AF_INET6_DARWIN 30
#define LINUX_AF_INET6 10
#define NULL_HDR_LEN 4

#define IPV4_MIN_HDR 20
#define IPV4_FLAG_MF 0x2000
#define IPV4_OFFSET_MASK 0x1fff
#define IPV6_HDR_LEN 40
#define IPV6_FRAG_HDR_LEN 8
#define IPV6_FRAG_OFFSET_MASK 0xfff8
#define IPV6_FRAG_MF 0x0001
#define IP_FRAG_UNIT 8

#define IPPROTO_MH_ 135 /* IPv6 mobility header */

#define TCP_MIN_HDR 20
#define UDP_HDR_LEN 8
#define ICMP_HDR_LEN 8

#define ICMP_UNREACH 3
#define ICMP_SOURCEQUENCH 4
#define ICMP_REDIRECT 5
#define ICMP_TIMXCEED 11
#define ICMP_PARAMPROB 12
#define ICMP6_DST_UNREACH 1
#define ICMP6_PARAM_PROB 4

static const char *const result_names[DECODE_RESULT_COUNT] = {
	[DECODE_OK] = "ok",
	[DECODE_NOT_IP] = "not_ip",
	[DECODE_TRUNCATED] = "truncated",
	[DECODE_BAD_IP] = "bad_ip_header",
	[DECODE_BAD_TRANSPORT] = "bad_transport_header",
	[DECODE_ORPHAN_FRAGMENT] = "fragment_without_first",
};

const char *decode_result_name(enum decode_result r)
{
	return (unsigned)r < DECODE_RESULT_COUNT ? result_names[r] : "?";
}

bool decode_link_supported(int dlt)
{
	switch (dlt) {
	case DLT_EN10MB:
	case DLT_LINUX_SLL:
	case DLT_LINUX_SLL2:
	case DLT_RAW:
	case DLT_IPV4:
	case DLT_IPV6:
	case DLT_NULL:
	case DLT_LOOP:
		return true;
	default:
		return false;
	}
}

static enum decode_result decode_ip(struct cursor c, struct packet *pkt,
				    bool inner);

/* Steps over 802.1Q/QinQ tags; returns the ethertype behind them. */
static uint16_t skip_vlan_tags(struct cursor *c, uint16_t type,
			       struct packet *pkt)
{
	for (int i = 0; i < MAX_VLAN_TAGS &&
			(type == ETHERTYPE_VLAN || type == ETHERTYPE_QINQ ||
			 type == ETHERTYPE_QINQ_OLD);
	     i++) {
		uint16_t tci = cur_be16(c);
		if (pkt->vlan == VLAN_NONE && !c->bad)
			pkt->vlan = tci & VLAN_ID_MASK;
		type = cur_be16(c);
	}
	return type;
}

static enum decode_result decode_ethertype(struct cursor c, uint16_t type,
					   struct packet *pkt)
{
	type = skip_vlan_tags(&c, type, pkt);
	if (c.bad)
		return DECODE_TRUNCATED;
	if (type == ETHERTYPE_IPV4 || type == ETHERTYPE_IPV6)
		return decode_ip(c, pkt, false);
	return DECODE_NOT_IP;
}

static enum decode_result decode_null(struct cursor c, struct packet *pkt,
				      bool network_order)
{
	uint32_t family = network_order ? cur_be32(&c) : 0;

	if (!network_order) {
		/* DLT_NULL is in the writer's byte order: a family fits in
		 * the low byte, so a zero first byte means big-endian. */
		family = cur_peek(&c, 0) ? cur_le32(&c) : cur_be32(&c);
	}
	if (c.bad)
		return DECODE_TRUNCATED;
	switch (family) {
	case BSD_AF_INET:
	case BSD_AF_INET6_NETBSD:
	case BSD_AF_INET6_FREEBSD:
	case BSD_AF_INET6_DARWIN:
	case LINUX_AF_INET6:
		return decode_ip(c, pkt, false);
	default:
		return DECODE_NOT_IP;
	}
}

enum decode_result decode_packet(int dlt, const uint8_t *data, size_t caplen,
				 struct packet *pkt)
{
	struct cursor c = cur_make(data, caplen);

	memset(pkt, 0, sizeof *pkt);
	pkt->vlan = VLAN_NONE;
	switch (dlt) {
	case DLT_EN10MB: {
		cur_skip(&c, ETHER_ADDRS_LEN);
		uint16_t type = cur_be16(&c);
		if (c.bad)
			return DECODE_TRUNCATED;
		if (type <= ETHER_MAX_LEN_FIELD)
			return DECODE_NOT_IP; /* 802.3 + LLC: STP, CDP ... */
		return decode_ethertype(c, type, pkt);
	}
	case DLT_LINUX_SLL: {
		struct cursor hdr = cur_sub(&c, SLL_HDR_LEN);
		struct cursor field = cur_at(&hdr, SLL_PROTO_OFFSET);
		uint16_t type = cur_be16(&field);
		if (hdr.bad || field.bad)
			return DECODE_TRUNCATED;
		return decode_ethertype(c, type, pkt);
	}
	case DLT_LINUX_SLL2: {
		uint16_t type = cur_be16(&c);
		cur_skip(&c, SLL2_HDR_LEN - 2);
		if (c.bad)
			return DECODE_TRUNCATED;
		return decode_ethertype(c, type, pkt);
	}
	case DLT_RAW:
	case DLT_IPV4:
	case DLT_IPV6:
		return decode_ip(c, pkt, false);
	case DLT_NULL:
		return decode_null(c, pkt, false);
	case DLT_LOOP:
		return decode_null(c, pkt, true);
	default:
		return DECODE_NOT_IP;
	}
}

static enum decode_result decode_transport(struct cursor c,
					   struct packet *pkt, bool inner);

static enum decode_result decode_ipv4(struct cursor c, struct packet *pkt,
				      bool inner)
{
	struct cursor start = c;
	uint8_t vihl = cur_u8(&c);
	uint8_t tos = cur_u8(&c);
	uint16_t total = cur_be16(&c);
	uint16_t id = cur_be16(&c);
	uint16_t frag = cur_be16(&c);
	cur_skip(&c, 1); /* TTL */
	uint8_t proto = cur_u8(&c);
	cur_skip(&c, 2); /* checksum */
	uint8_t src[4], dst[4];
	cur_copy(&c, src, 4);
	cur_copy(&c, dst, 4);
	if (c.bad)
		return DECODE_TRUNCATED;

	size_t hlen = (size_t)(vihl & 0x0f) * 4;
	if (hlen < IPV4_MIN_HDR || (total != 0 && total < hlen))
		return DECODE_BAD_IP;
	/* A zero total length is what TSO offload leaves in captures. */
	if (total == 0)
		total = (uint16_t)(cur_left(&start) > UINT16_MAX ? UINT16_MAX
								  : cur_left(&start));
	c = cur_at(&start, hlen);
	if (c.bad)
		return DECODE_TRUNCATED;
	/* The datagram ends where the header says, not where Ethernet
	 * padding ends. */
	if (cur_left(&c) > (size_t)(total - hlen))
		c.end = c.p + (total - hlen);

	pkt->ip_version = 4;
	pkt->ip_len = total;
	pkt->dscp = tos >> 2;
	pkt->proto = proto;
	addr_from_v4(&pkt->src, src);
	addr_from_v4(&pkt->dst, dst);

	uint32_t offset = (uint32_t)(frag & IPV4_OFFSET_MASK) * IP_FRAG_UNIT;
	if (!inner && (offset || (frag & IPV4_FLAG_MF))) {
		pkt->fragment = true;
		pkt->first_fragment = offset == 0;
		pkt->more_fragments = (frag & IPV4_FLAG_MF) != 0;
		pkt->frag_id = id;
		pkt->frag_offset = offset;
		pkt->frag_data = c.p;
		pkt->frag_len = cur_left(&c);
		if (offset)
			return DECODE_OK;
	}
	return decode_transport(c, pkt, inner);
}

static bool ipv6_ext_header(uint8_t nh)
{
	return nh == IPPROTO_HOPOPTS || nh == IPPROTO_ROUTING ||
	       nh == IPPROTO_DSTOPTS || nh == IPPROTO_MH_ ||
	       nh == IPPROTO_AH || nh == IPPROTO_FRAGMENT;
}

static enum decode_result decode_ipv6(struct cursor c, struct packet *pkt,
				      bool inner)
{
	uint32_t vtf = cur_be32(&c);
	uint16_t plen = cur_be16(&c);
	uint8_t nh = cur_u8(&c);
	cur_skip(&c, 1); /* hop limit */
	uint8_t src[16], dst[16];
	cur_copy(&c, src, 16);
	cur_copy(&c, dst, 16);
	if (c.bad)
		return DECODE_TRUNCATED;
	/* Jumbograms (payload length 0) are taken as long as captured. */
	if (plen && cur_left(&c) > plen)
		c.end = c.p + plen;

	pkt->ip_version = 6;
	pkt->ip_len = IPV6_HDR_LEN + (plen ? plen : (uint32_t)cur_left(&c));
	pkt->dscp = (uint8_t)((vtf >> 20) & 0xff) >> 2;
	addr_from_v6(&pkt->src, src);
	addr_from_v6(&pkt->dst, dst);

	for (int n = 0; ipv6_ext_header(nh); n++) {
		uint8_t next = cur_peek(&c, 0);
		size_t len;
		if (nh == IPPROTO_FRAGMENT) {
			cur_skip(&c, 2);
			uint16_t off = cur_be16(&c);
			uint32_t id = cur_be32(&c);
			if (c.bad)
				return DECODE_TRUNCATED;
			if (!inner) {
				pkt->fragment = true;
				pkt->frag_offset = off & IPV6_FRAG_OFFSET_MASK;
				pkt->first_fragment = pkt->frag_offset == 0;
				pkt->more_fragments = (off & IPV6_FRAG_MF) != 0;
				pkt->frag_id = id;
				pkt->frag_data = c.p;
				pkt->frag_len = cur_left(&c);
			}
			nh = next;
			if (pkt->frag_offset) {
				pkt->proto = nh;
				return DECODE_OK;
			}
			continue;
		}
		/* AH counts 4-octet units less 2, the others 8-octet less 1. */
		len = nh == IPPROTO_AH ? ((size_t)cur_peek(&c, 1) + 2) * 4
				       : ((size_t)cur_peek(&c, 1) + 1) * 8;
		cur_skip(&c, len);
		if (c.bad)
			return DECODE_TRUNCATED;
		nh = next;
		if (n > 16)
			return DECODE_BAD_IP;
	}
	pkt->proto = nh;
	return decode_transport(c, pkt, inner);
}

static enum decode_result decode_ip(struct cursor c, struct packet *pkt,
				    bool inner)
{
	switch (cur_peek(&c, 0) >> 4) {
	case 4:
		return decode_ipv4(c, pkt, inner);
	case 6:
		return decode_ipv6(c, pkt, inner);
	default:
		return cur_left(&c) ? DECODE_BAD_IP : DECODE_TRUNCATED;
	}
}

static bool icmp_is_error(uint8_t proto, uint8_t type)
{
	if (proto == IPPROTO_ICMP)
		return type == ICMP_UNREACH || type == ICMP_SOURCEQUENCH ||
		       type == ICMP_REDIRECT || type == ICMP_TIMXCEED ||
		       type == ICMP_PARAMPROB;
	return type >= ICMP6_DST_UNREACH && type <= ICMP6_PARAM_PROB;
}

/* The quoted header of an ICMP error: best effort, a cut quote is fine. */
static void decode_quote(struct cursor c, struct packet *pkt)
{
	struct packet inner;

	memset(&inner, 0, sizeof inner);
	if (decode_ip(c, &inner, true) != DECODE_OK)
		return;
	pkt->quoted.valid = true;
	pkt->quoted.proto = inner.proto;
	pkt->quoted.src = inner.src;
	pkt->quoted.dst = inner.dst;
	pkt->quoted.sport = inner.sport;
	pkt->quoted.dport = inner.dport;
}

static enum decode_result decode_transport(struct cursor c,
					   struct packet *pkt, bool inner)
{
	struct cursor start = c;

	switch (pkt->proto) {
	case IPPROTO_TCP: {
		pkt->sport = cur_be16(&c);
		pkt->dport = cur_be16(&c);
		pkt->tcp_seq = cur_be32(&c);
		if (inner)
			return c.bad ? DECODE_TRUNCATED : DECODE_OK;
		cur_skip(&c, 4); /* ack */
		size_t off = (size_t)(cur_u8(&c) >> 4) * 4;
		pkt->tcp_flags = cur_u8(&c);
		if (c.bad)
			return DECODE_TRUNCATED;
		if (off < TCP_MIN_HDR)
			return DECODE_BAD_TRANSPORT;
		c = cur_at(&start, off);
		if (c.bad)
			return DECODE_TRUNCATED;
		break;
	}
	case IPPROTO_UDP:
		pkt->sport = cur_be16(&c);
		pkt->dport = cur_be16(&c);
		if (inner)
			return c.bad ? DECODE_TRUNCATED : DECODE_OK;
		cur_skip(&c, 4); /* length, checksum */
		if (c.bad)
			return DECODE_TRUNCATED;
		break;
	case IPPROTO_ICMP:
	case IPPROTO_ICMPV6:
		pkt->sport = cur_u8(&c);
		pkt->dport = cur_u8(&c);
		if (inner)
			return c.bad ? DECODE_TRUNCATED : DECODE_OK;
		cur_skip(&c, ICMP_HDR_LEN - 2);
		if (c.bad)
			return DECODE_TRUNCATED;
		if (icmp_is_error(pkt->proto, (uint8_t)pkt->sport)) {
			pkt->icmp_error = true;
			decode_quote(c, pkt);
		}
		break;
	default:
		break; /* other transports: a flow between two addresses */
	}
	pkt->payload = c.p;
	pkt->payload_len = cur_left(&c);
	return DECODE_OK;
}
