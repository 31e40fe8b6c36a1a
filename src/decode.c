/* \summary: link, network and transport decoding of one captured frame */
/* specification: IEEE 802.1Q, RFC 791, RFC 8200, RFC 793, RFC 768, RFC 792,
 * RFC 4443; tunnels: RFC 2784, RFC 2890, draft-foschiano-erspan-03, RFC 7348,
 * RFC 8926, 3GPP TS 29.281, RFC 3032, RFC 4448, RFC 4385, RFC 2516, RFC 1661,
 * RFC 2003, RFC 4213, RFC 2473 */
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
#define ETHERTYPE_ARP 0x0806
#define ETHERTYPE_MPLS 0x8847	    /* RFC 5332 */
#define ETHERTYPE_MPLS_MCAST 0x8848
#define ETHERTYPE_PPPOE_DISC 0x8863 /* RFC 2516 */
#define ETHERTYPE_PPPOE_SESS 0x8864
#define ETHERTYPE_TEB 0x6558	    /* Transparent Ethernet Bridging */
#define ETHERTYPE_ERSPAN_2 0x88be   /* ERSPAN types I and II */
#define ETHERTYPE_ERSPAN_3 0x22eb

/* RFC 2784 sec 2.1, RFC 2890 sec 2: C, R (RFC 1701), K, S, then
 * reserved bits and the version. */
#define GRE_FLAG_CHECKSUM 0x8000
#define GRE_FLAG_ROUTING 0x4000
#define GRE_FLAG_KEY 0x2000
#define GRE_FLAG_SEQ 0x1000
#define GRE_FLAG_STRICT_ROUTE 0x0800 /* RFC 1701's s: with R, not IP */
#define GRE_VERSION_MASK 0x0007
#define GRE_BASE_LEN 4
#define GRE_OPTION_LEN 4 /* checksum+reserved1, key, sequence: 4 each */

/* draft-foschiano-erspan-03 sec 4.1, 4.2: Ver in the top 4 bits, the
 * session id in the low 10 bits of the second 16-bit word. */
#define ERSPAN_VERSION_SHIFT 12
#define ERSPAN_VERSION_II 1
#define ERSPAN_VERSION_III 2
#define ERSPAN_SESSION_MASK 0x03ff
#define ERSPAN_II_HDR_LEN 8
#define ERSPAN_III_HDR_LEN 12
#define ERSPAN_III_FT_SHIFT 10	/* frame type: 5 bits */
#define ERSPAN_III_FT_MASK 0x1f
#define ERSPAN_III_FT_ETHERNET 0
#define ERSPAN_III_FT_IP 2
#define ERSPAN_III_O_BIT 0x0001 /* a platform-specific subheader follows */
#define ERSPAN_III_PLATFORM_LEN 8

/* RFC 7348 sec 5 */
#define VXLAN_UDP_PORT 4789
#define VXLAN_HDR_LEN 8
#define VXLAN_FLAG_I 0x08	/* the VNI is valid */
#define VXLAN_FLAG_GBP 0x80	/* draft-smith-vxlan-group-policy: G */
#define VXLAN_VNI_SHIFT 8
#define VXLAN_LOW_RESERVED_MASK 0x000000ff

/* RFC 8926 sec 3.4, 3.5 */
#define GENEVE_UDP_PORT 6081
#define GENEVE_HDR_LEN 8
#define GENEVE_VERSION_SHIFT 6
#define GENEVE_OPT_LEN_MASK 0x3f /* in 4-byte words */
#define GENEVE_VNI_SHIFT 8
#define GENEVE_OPTION_HDR_LEN 4
#define GENEVE_OPTION_LEN_MASK 0x1f /* in 4-byte words, after the header */
#define GENEVE_WORD 4

/* 3GPP TS 29.281 sec 5.1, 5.2 */
#define GTPU_UDP_PORT 2152
#define GTPU_HDR_LEN 8
#define GTPU_VERSION_SHIFT 5
#define GTPU_VERSION 1
#define GTPU_FLAG_PT 0x10 /* GTP, not GTP' */
#define GTPU_FLAG_E 0x04  /* extension headers */
#define GTPU_FLAG_S 0x02  /* sequence number */
#define GTPU_FLAG_PN 0x01 /* N-PDU number */
#define GTPU_MSG_GPDU 255
#define GTPU_OPT_LEN 3	  /* sequence number, N-PDU number; then next type */
#define GTPU_EXT_UNIT 4	  /* extension header length unit */
#define GTPU_EXT_NONE 0

/* RFC 3032 sec 2.1; RFC 4385 sec 3: a PW control word starts 0000. */
#define MPLS_ENTRY_LEN 4
#define MPLS_LABEL_SHIFT 12
#define MPLS_BOTTOM_OF_STACK 0x00000100
#define MPLS_CONTROL_WORD_LEN 4
#define MPLS_CONTROL_WORD_NIBBLE 0

/* RFC 2516 sec 4, RFC 1661 sec 2, RFC 1332, RFC 5072 */
#define PPPOE_VER_TYPE 0x11
#define PPPOE_CODE_SESSION 0x00
#define PPP_PROTO_LEN 2
#define PPP_PROTO_IPV4 0x0021
#define PPP_PROTO_IPV6 0x0057

#define IPPROTO_IPIP_ 4	  /* RFC 2003 (and IPv4 in IPv6, RFC 2473) */
#define IPPROTO_IPV6_ 41  /* RFC 4213 (and IPv6 in IPv6, RFC 2473) */
#define IPPROTO_GRE_ 47

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
#define IPV6_MAX_EXT_HEADERS 16 /* a longer chain is taken as malformed */
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
	[DECODE_TOO_DEEP] = "tunnel_too_deep",
	[DECODE_FRAGMENT_AFTER_FLOW_END] = "fragment_after_flow_end",
	[DECODE_REASSEMBLY_FULL] = "reassembly_table_full",
};

const char *decode_result_name(enum decode_result r)
{
	return (unsigned)r < DECODE_RESULT_COUNT ? result_names[r] : "?";
}

static const char *const tunnel_names[TUNNEL_KIND_COUNT] = {
	[TUNNEL_NONE] = "none",	    [TUNNEL_GRE] = "gre",
	[TUNNEL_ERSPAN] = "erspan", [TUNNEL_VXLAN] = "vxlan",
	[TUNNEL_GENEVE] = "geneve", [TUNNEL_GTPU] = "gtpu",
	[TUNNEL_MPLS] = "mpls",	    [TUNNEL_PPPOE] = "pppoe",
	[TUNNEL_IPIP] = "ipip",
};

const char *tunnel_kind_name(enum tunnel_kind k)
{
	return (unsigned)k < TUNNEL_KIND_COUNT ? tunnel_names[k] : "?";
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

/*
 * `quote` is set for the packet an ICMP error quotes: a header cut short,
 * read for its 5-tuple only, never a fragment and never decapsulated.
 */
static enum decode_result decode_ip(struct cursor c, struct packet *pkt,
				    bool quote);
static enum decode_result decode_ether(struct cursor c, struct packet *pkt);
static enum decode_result decode_mpls(struct cursor c, struct packet *pkt);
static enum decode_result decode_pppoe(struct cursor c, struct packet *pkt);

/*
 * Steps into one more tunnel: records it in pkt->tunnel (the outermost
 * one's kind, id and IP endpoints) and forgets the outer layer's IP and
 * transport fields, so the inner headers fill them afresh.  Returns
 * DECODE_TOO_DEEP past TUNNEL_MAX_LAYERS.
 */
static enum decode_result enter_tunnel(struct packet *pkt,
				       enum tunnel_kind kind, bool has_id,
				       uint32_t id)
{
	struct tunnel_info t = pkt->tunnel;
	int vlan = pkt->vlan;

	if (t.layers >= TUNNEL_MAX_LAYERS)
		return DECODE_TOO_DEEP;
	if (!t.present) {
		t.present = true;
		t.kind = kind;
		t.has_id = has_id;
		t.id = has_id ? id : 0;
	}
	if (!t.has_endpoints && pkt->ip_version) {
		t.has_endpoints = true;
		t.outer_src = pkt->src;
		t.outer_dst = pkt->dst;
	}
	t.layers++;
	memset(pkt, 0, sizeof *pkt);
	pkt->vlan = vlan;
	pkt->tunnel = t;
	return DECODE_OK;
}

static bool is_vlan_ethertype(uint16_t type)
{
	return type == ETHERTYPE_VLAN || type == ETHERTYPE_QINQ ||
	       type == ETHERTYPE_QINQ_OLD;
}

/* Steps over any number of 802.1Q/QinQ tags (each one 4 bytes, so the
 * frame's length bounds them); returns the ethertype behind them. */
static uint16_t skip_vlan_tags(struct cursor *c, uint16_t type,
			       struct packet *pkt)
{
	while (is_vlan_ethertype(type) && !c->bad) {
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
	switch (type) {
	case ETHERTYPE_IPV4:
	case ETHERTYPE_IPV6:
		return decode_ip(c, pkt, false);
	case ETHERTYPE_MPLS:
	case ETHERTYPE_MPLS_MCAST:
		return decode_mpls(c, pkt);
	case ETHERTYPE_PPPOE_SESS:
		return decode_pppoe(c, pkt);
	default:
		return DECODE_NOT_IP;
	}
}

/* An Ethernet II frame: the link layer of a capture, or inside a tunnel. */
static enum decode_result decode_ether(struct cursor c, struct packet *pkt)
{
	cur_skip(&c, ETHER_ADDRS_LEN);
	uint16_t type = cur_be16(&c);
	if (c.bad)
		return DECODE_TRUNCATED;
	if (type <= ETHER_MAX_LEN_FIELD)
		return DECODE_NOT_IP; /* 802.3 + LLC: STP, CDP ... */
	return decode_ethertype(c, type, pkt);
}

/* Ethertypes a frame behind an MPLS control word plausibly carries. */
static bool ethertype_known(uint16_t type)
{
	return type == ETHERTYPE_IPV4 || type == ETHERTYPE_IPV6 ||
	       type == ETHERTYPE_ARP || is_vlan_ethertype(type) ||
	       type == ETHERTYPE_MPLS || type == ETHERTYPE_MPLS_MCAST ||
	       type == ETHERTYPE_PPPOE_DISC || type == ETHERTYPE_PPPOE_SESS;
}

/*
 * An MPLS label stack (one tunnel layer however many labels), then by the
 * first nibble IPv4, IPv6, or an Ethernet frame (RFC 4448) with or without
 * the control word.  A control word starts with a zero nibble, as does
 * many a MAC address: it is taken as one when the ethertype behind it is
 * one a frame carries.
 */
static enum decode_result decode_mpls(struct cursor c, struct packet *pkt)
{
	uint32_t top = 0;
	bool first = true;

	for (;;) {
		uint32_t entry = cur_be32(&c);
		if (c.bad)
			return DECODE_TRUNCATED;
		if (first)
			top = entry >> MPLS_LABEL_SHIFT;
		first = false;
		if (entry & MPLS_BOTTOM_OF_STACK)
			break;
	}
	enum decode_result r = enter_tunnel(pkt, TUNNEL_MPLS, true, top);
	if (r != DECODE_OK)
		return r;
	if (!cur_left(&c))
		return DECODE_TRUNCATED;
	switch (cur_peek(&c, 0) >> 4) {
	case 4:
	case 6:
		return decode_ip(c, pkt, false);
	case MPLS_CONTROL_WORD_NIBBLE: {
		struct cursor after = cur_at(&c, MPLS_CONTROL_WORD_LEN);
		struct cursor type = cur_at(&after, ETHER_ADDRS_LEN);
		uint16_t t = cur_be16(&type);
		if (type.bad) /* too short for either to carry IP */
			return DECODE_TRUNCATED;
		return decode_ether(ethertype_known(t) ? after : c, pkt);
	}
	default:
		return decode_ether(c, pkt);
	}
}

/* A PPPoE session frame (RFC 2516 sec 4) carrying IPv4 or IPv6 over PPP;
 * any other PPP protocol (LCP, IPCP ...) is not IP. */
static enum decode_result decode_pppoe(struct cursor c, struct packet *pkt)
{
	uint8_t ver_type = cur_u8(&c);
	uint8_t code = cur_u8(&c);
	uint16_t session = cur_be16(&c);
	uint16_t length = cur_be16(&c); /* the PPP frame, protocol included */
	uint16_t proto = cur_be16(&c);
	if (c.bad)
		return DECODE_TRUNCATED;
	if (ver_type != PPPOE_VER_TYPE || code != PPPOE_CODE_SESSION ||
	    (proto != PPP_PROTO_IPV4 && proto != PPP_PROTO_IPV6))
		return DECODE_NOT_IP;
	/* The session ends where its length says, not where padding does. */
	if (length >= PPP_PROTO_LEN &&
	    cur_left(&c) > (size_t)(length - PPP_PROTO_LEN))
		c.end = c.p + (length - PPP_PROTO_LEN);
	enum decode_result r = enter_tunnel(pkt, TUNNEL_PPPOE, true, session);
	if (r != DECODE_OK)
		return r;
	return decode_ip(c, pkt, false);
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
	case DLT_EN10MB:
		return decode_ether(c, pkt);
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
					   struct packet *pkt, bool quote);

static enum decode_result decode_ipv4(struct cursor c, struct packet *pkt,
				      bool quote)
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
	if (!quote) {
		pkt->ip = start.p;
		pkt->ip_caplen = (size_t)(c.end - start.p);
	}
	pkt->dscp = tos >> 2;
	pkt->proto = proto;
	addr_from_v4(&pkt->src, src);
	addr_from_v4(&pkt->dst, dst);

	uint32_t offset = (uint32_t)(frag & IPV4_OFFSET_MASK) * IP_FRAG_UNIT;
	if (!quote && (offset || (frag & IPV4_FLAG_MF))) {
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
	return decode_transport(c, pkt, quote);
}

static bool ipv6_ext_header(uint8_t nh)
{
	return nh == IPPROTO_HOPOPTS || nh == IPPROTO_ROUTING ||
	       nh == IPPROTO_DSTOPTS || nh == IPPROTO_MH_ ||
	       nh == IPPROTO_AH || nh == IPPROTO_FRAGMENT;
}

static enum decode_result decode_ipv6(struct cursor c, struct packet *pkt,
				      bool quote)
{
	struct cursor start = c;
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
	if (!quote) {
		pkt->ip = start.p;
		pkt->ip_caplen = (size_t)(c.end - start.p);
	}
	pkt->dscp = (uint8_t)((vtf >> 20) & 0xff) >> 2;
	addr_from_v6(&pkt->src, src);
	addr_from_v6(&pkt->dst, dst);

	/*
	 * RFC 8200 sec 4.1: Hop-by-Hop, Destination Options, Routing,
	 * Fragment, AH, ESP, Destination Options, in that order, any of them
	 * absent.  The headers after the Fragment header belong to the
	 * fragmentable part: the first piece carries them before its
	 * transport header, a later piece carries data only, so its Fragment
	 * header's Next Header names the first of them (sec 4.5).
	 */
	for (int n = 0; ipv6_ext_header(nh); n++) {
		uint8_t next = cur_peek(&c, 0);
		size_t len;
		if (n > IPV6_MAX_EXT_HEADERS)
			return DECODE_BAD_IP;
		if (nh == IPPROTO_FRAGMENT) {
			cur_skip(&c, 2);
			uint16_t off = cur_be16(&c);
			uint32_t id = cur_be32(&c);
			if (c.bad)
				return DECODE_TRUNCATED;
			nh = next;
			if (quote)
				continue;
			if (pkt->fragment)
				return DECODE_BAD_IP; /* at most one (sec 4.1) */
			pkt->fragment = true;
			pkt->frag_offset = off & IPV6_FRAG_OFFSET_MASK;
			pkt->first_fragment = pkt->frag_offset == 0;
			pkt->more_fragments = (off & IPV6_FRAG_MF) != 0;
			pkt->frag_id = id;
			pkt->frag_data = c.p;
			pkt->frag_len = cur_left(&c);
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
	}
	pkt->proto = nh;
	if (pkt->fragment)
		pkt->frag_transport_offset = (uint32_t)(c.p - pkt->frag_data);
	return decode_transport(c, pkt, quote);
}

static enum decode_result decode_ip(struct cursor c, struct packet *pkt,
				    bool quote)
{
	switch (cur_peek(&c, 0) >> 4) {
	case 4:
		return decode_ipv4(c, pkt, quote);
	case 6:
		return decode_ipv6(c, pkt, quote);
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

/*
 * Tunnels found behind a transport.  Each try_* returns false when the
 * bytes are not that tunnel, and the packet stays what it was (a GRE,
 * UDP or IP-in-IP flow between the outer addresses); else true, with *r
 * the result of decoding what the tunnel carries.
 */

/* A UDP tunnel header cut short is truncated when the datagram says it
 * holds the whole header; a datagram too short for one is plain UDP. */
static bool udp_header_cut(size_t claimed, size_t need, enum decode_result *r)
{
	if (claimed < need)
		return false;
	*r = DECODE_TRUNCATED;
	return true;
}

/* RFC 7348 sec 5: the I flag set, the other flag bits clear (but for
 * Group Based Policy's G, whose policy id fills the 24 reserved bits),
 * and the byte after the VNI clear. */
static bool try_vxlan(struct cursor c, size_t claimed, struct packet *pkt,
		      enum decode_result *r)
{
	uint8_t flags = cur_u8(&c);
	uint32_t reserved = cur_be24(&c);
	uint32_t vni_word = cur_be32(&c);
	if (c.bad)
		return udp_header_cut(claimed, VXLAN_HDR_LEN, r);
	if (!(flags & VXLAN_FLAG_I) ||
	    (flags & ~(VXLAN_FLAG_I | VXLAN_FLAG_GBP)) ||
	    (!(flags & VXLAN_FLAG_GBP) && reserved) ||
	    (vni_word & VXLAN_LOW_RESERVED_MASK))
		return false;
	*r = enter_tunnel(pkt, TUNNEL_VXLAN, true, vni_word >> VXLAN_VNI_SHIFT);
	if (*r == DECODE_OK)
		*r = decode_ether(c, pkt);
	return true;
}

/* RFC 8926 sec 3.5: the options exactly fill their announced length. */
static bool geneve_options_fit(struct cursor opts)
{
	while (cur_left(&opts)) {
		cur_skip(&opts, GENEVE_OPTION_HDR_LEN - 1); /* class, type */
		size_t len = (size_t)(cur_u8(&opts) & GENEVE_OPTION_LEN_MASK) *
			     GENEVE_WORD;
		cur_skip(&opts, len);
	}
	return !opts.bad;
}

/* RFC 8926 sec 3.4: version 0, carrying Ethernet, IPv4 or IPv6. */
static bool try_geneve(struct cursor c, size_t claimed, struct packet *pkt,
		       enum decode_result *r)
{
	uint8_t ver_optlen = cur_u8(&c);
	cur_skip(&c, 1); /* O, C, reserved */
	uint16_t proto = cur_be16(&c);
	uint32_t vni_word = cur_be32(&c);
	if (c.bad)
		return udp_header_cut(claimed, GENEVE_HDR_LEN, r);
	size_t optlen = (size_t)(ver_optlen & GENEVE_OPT_LEN_MASK) * GENEVE_WORD;
	if ((ver_optlen >> GENEVE_VERSION_SHIFT) != 0 ||
	    (proto != ETHERTYPE_TEB && proto != ETHERTYPE_IPV4 &&
	     proto != ETHERTYPE_IPV6))
		return false;
	struct cursor opts = cur_sub(&c, optlen);
	if (c.bad)
		return udp_header_cut(claimed, GENEVE_HDR_LEN + optlen, r);
	if (!geneve_options_fit(opts))
		return false;
	*r = enter_tunnel(pkt, TUNNEL_GENEVE, true,
			  vni_word >> GENEVE_VNI_SHIFT);
	if (*r == DECODE_OK)
		*r = proto == ETHERTYPE_TEB ? decode_ether(c, pkt)
					    : decode_ip(c, pkt, false);
	return true;
}

/* 3GPP TS 29.281 sec 5: version 1, PT 1, a G-PDU; then the optional
 * sequence number, N-PDU number and extension headers; then IP. */
static bool try_gtpu(struct cursor c, size_t claimed, struct packet *pkt,
		     enum decode_result *r)
{
	uint8_t flags = cur_u8(&c);
	uint8_t type = cur_u8(&c);
	uint16_t length = cur_be16(&c); /* what follows these 8 bytes */
	uint32_t teid = cur_be32(&c);
	if (c.bad)
		return udp_header_cut(claimed, GTPU_HDR_LEN, r);
	if ((flags >> GTPU_VERSION_SHIFT) != GTPU_VERSION ||
	    !(flags & GTPU_FLAG_PT) || type != GTPU_MSG_GPDU)
		return false;
	if (cur_left(&c) > length)
		c.end = c.p + length;
	if (flags & (GTPU_FLAG_E | GTPU_FLAG_S | GTPU_FLAG_PN)) {
		cur_skip(&c, GTPU_OPT_LEN);
		uint8_t next = cur_u8(&c);
		/* Each extension header is its length in 4-byte units, its
		 * content, then the next one's type; each takes 4 bytes at
		 * least, so the datagram bounds the chain. */
		while ((flags & GTPU_FLAG_E) && next != GTPU_EXT_NONE) {
			uint8_t units = cur_u8(&c);
			if (c.bad)
				break;
			if (units == 0)
				return false;
			cur_skip(&c, (size_t)units * GTPU_EXT_UNIT - 2);
			next = cur_u8(&c);
		}
		if (c.bad) {
			*r = DECODE_TRUNCATED;
			return true;
		}
	}
	*r = enter_tunnel(pkt, TUNNEL_GTPU, true, teid);
	if (*r == DECODE_OK)
		*r = decode_ip(c, pkt, false);
	return true;
}

static bool try_udp_tunnel(struct cursor c, size_t claimed,
			   struct packet *pkt, enum decode_result *r)
{
	switch (pkt->dport) {
	case VXLAN_UDP_PORT:
		return try_vxlan(c, claimed, pkt, r);
	case GENEVE_UDP_PORT:
		return try_geneve(c, claimed, pkt, r);
	case GTPU_UDP_PORT:
		return try_gtpu(c, claimed, pkt, r);
	default:
		return false;
	}
}

/*
 * ERSPAN behind GRE (draft-foschiano-erspan-03 sec 4): type I is 0x88BE
 * without a GRE sequence number and no header of its own; type II is
 * 0x88BE with one and an 8-byte header (version 1); type III is 0x22EB
 * with a 12-byte header (version 2), an 8-byte platform-specific
 * subheader when its O bit is set, and an Ethernet frame or IP packet.
 */
static bool try_erspan(struct cursor c, uint16_t proto, bool gre_seq,
		       struct packet *pkt, enum decode_result *r)
{
	bool has_id = true, frame_is_ip = false;
	uint16_t session = 0;

	if (proto == ETHERTYPE_ERSPAN_2 && !gre_seq) {
		has_id = false;
	} else {
		uint16_t ver_vlan = cur_be16(&c);
		session = cur_be16(&c) & ERSPAN_SESSION_MASK;
		unsigned version = ver_vlan >> ERSPAN_VERSION_SHIFT;
		if (proto == ETHERTYPE_ERSPAN_2) {
			cur_skip(&c, ERSPAN_II_HDR_LEN - 4); /* index */
			if (c.bad)
				goto cut;
			if (version != ERSPAN_VERSION_II)
				return false;
		} else {
			cur_skip(&c, 4 + 2); /* timestamp, SGT */
			uint16_t bits = cur_be16(&c);
			if (c.bad)
				goto cut;
			unsigned ft = (bits >> ERSPAN_III_FT_SHIFT) &
				      ERSPAN_III_FT_MASK;
			if (version != ERSPAN_VERSION_III ||
			    (ft != ERSPAN_III_FT_ETHERNET && ft != ERSPAN_III_FT_IP))
				return false;
			frame_is_ip = ft == ERSPAN_III_FT_IP;
			if (bits & ERSPAN_III_O_BIT)
				cur_skip(&c, ERSPAN_III_PLATFORM_LEN);
			if (c.bad)
				goto cut;
		}
	}
	*r = enter_tunnel(pkt, TUNNEL_ERSPAN, has_id, session);
	if (*r == DECODE_OK)
		*r = frame_is_ip ? decode_ip(c, pkt, false) : decode_ether(c, pkt);
	return true;
cut:
	*r = DECODE_TRUNCATED;
	return true;
}

/*
 * GRE (RFC 2784, with RFC 2890's key and sequence number).  RFC 1701
 * source routing and PPTP's enhanced GRE (version 1) are left as GRE
 * flows, as is a payload protocol not decoded here.
 */
static bool try_gre(struct cursor c, struct packet *pkt,
		    enum decode_result *r)
{
	uint16_t flags = cur_be16(&c);
	uint16_t proto = cur_be16(&c);
	if (c.bad)
		goto cut;
	if (flags & (GRE_FLAG_ROUTING | GRE_FLAG_STRICT_ROUTE | GRE_VERSION_MASK))
		return false;
	if (flags & GRE_FLAG_CHECKSUM)
		cur_skip(&c, GRE_OPTION_LEN); /* checksum, reserved1 */
	bool has_key = (flags & GRE_FLAG_KEY) != 0;
	uint32_t key = has_key ? cur_be32(&c) : 0;
	if (flags & GRE_FLAG_SEQ)
		cur_skip(&c, GRE_OPTION_LEN);
	if (c.bad)
		goto cut;
	switch (proto) {
	case ETHERTYPE_ERSPAN_2:
	case ETHERTYPE_ERSPAN_3:
		return try_erspan(c, proto, (flags & GRE_FLAG_SEQ) != 0, pkt, r);
	case ETHERTYPE_IPV4:
	case ETHERTYPE_IPV6:
	case ETHERTYPE_TEB:
	case ETHERTYPE_MPLS:
	case ETHERTYPE_MPLS_MCAST:
		break;
	default:
		return false;
	}
	*r = enter_tunnel(pkt, TUNNEL_GRE, has_key, key);
	if (*r != DECODE_OK)
		return true;
	if (proto == ETHERTYPE_TEB)
		*r = decode_ether(c, pkt);
	else if (proto == ETHERTYPE_MPLS || proto == ETHERTYPE_MPLS_MCAST)
		*r = decode_mpls(c, pkt);
	else
		*r = decode_ip(c, pkt, false);
	return true;
cut:
	*r = DECODE_TRUNCATED;
	return true;
}

/* IPv4 (protocol 4) or IPv6 (41) inside IPv4 or IPv6: the inner header's
 * version must be the one the protocol number names. */
static bool try_ip_in_ip(struct cursor c, unsigned version,
			 struct packet *pkt, enum decode_result *r)
{
	if (!cur_left(&c)) {
		*r = DECODE_TRUNCATED;
		return true;
	}
	if ((unsigned)(cur_peek(&c, 0) >> 4) != version)
		return false;
	*r = enter_tunnel(pkt, TUNNEL_IPIP, false, 0);
	if (*r == DECODE_OK)
		*r = decode_ip(c, pkt, false);
	return true;
}

/* The tunnels an IP protocol number names; a fragment of the outer packet
 * is never decapsulated (it waits for reassembly as it is). */
static bool try_ip_tunnel(struct cursor c, struct packet *pkt,
			  enum decode_result *r)
{
	switch (pkt->proto) {
	case IPPROTO_GRE_:
		return try_gre(c, pkt, r);
	case IPPROTO_IPIP_:
		return try_ip_in_ip(c, 4, pkt, r);
	case IPPROTO_IPV6_:
		return try_ip_in_ip(c, 6, pkt, r);
	default:
		return false;
	}
}

static enum decode_result decode_transport(struct cursor c,
					   struct packet *pkt, bool quote)
{
	struct cursor start = c;

	switch (pkt->proto) {
	case IPPROTO_TCP: {
		pkt->sport = cur_be16(&c);
		pkt->dport = cur_be16(&c);
		pkt->tcp_seq = cur_be32(&c);
		if (quote)
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
	case IPPROTO_UDP: {
		pkt->sport = cur_be16(&c);
		pkt->dport = cur_be16(&c);
		if (quote)
			return c.bad ? DECODE_TRUNCATED : DECODE_OK;
		uint16_t udp_len = cur_be16(&c);
		cur_skip(&c, 2); /* checksum */
		if (c.bad)
			return DECODE_TRUNCATED;
		size_t claimed = udp_len > UDP_HDR_LEN ? udp_len - UDP_HDR_LEN : 0;
		enum decode_result r;
		if (!pkt->fragment && try_udp_tunnel(c, claimed, pkt, &r))
			return r;
		break;
	}
	case IPPROTO_ICMP:
	case IPPROTO_ICMPV6:
		pkt->sport = cur_u8(&c);
		pkt->dport = cur_u8(&c);
		if (quote)
			return c.bad ? DECODE_TRUNCATED : DECODE_OK;
		cur_skip(&c, ICMP_HDR_LEN - 2);
		if (c.bad)
			return DECODE_TRUNCATED;
		if (icmp_is_error(pkt->proto, (uint8_t)pkt->sport)) {
			pkt->icmp_error = true;
			decode_quote(c, pkt);
		}
		break;
	default: {
		enum decode_result r;
		if (!quote && !pkt->fragment && try_ip_tunnel(c, pkt, &r))
			return r;
		break; /* other transports: a flow between two addresses */
	}
	}
	pkt->payload = c.p;
	pkt->payload_len = cur_left(&c);
	return DECODE_OK;
}
