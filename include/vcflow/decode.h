/* \summary: link, network and transport decoding of one captured frame */
#ifndef VCFLOW_DECODE_H
#define VCFLOW_DECODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vcflow/addr.h"

/* Why a frame did not reach a flow; every frame read gets exactly one. */
enum decode_result {
	DECODE_OK = 0,
	DECODE_NOT_IP,	       /* ARP, LLDP, STP ...: counted, not an error */
	DECODE_TRUNCATED,      /* cut before the transport ports */
	DECODE_BAD_IP,	       /* IP version or lengths that can't be */
	DECODE_BAD_TRANSPORT,  /* TCP data offset < 5 and the like */
	DECODE_ORPHAN_FRAGMENT, /* a later fragment whose first was not seen */
	DECODE_TOO_DEEP,       /* tunnels nested past TUNNEL_MAX_LAYERS */
	/* Set by the pipeline, not the decoder (the names stay stable): */
	DECODE_FRAGMENT_AFTER_FLOW_END, /* a later fragment whose datagram's
					  * flow had ended (idle, evicted) */
	DECODE_REASSEMBLY_FULL, /* later fragments held for their first,
				 * given up to make room (REASM_MAX_PENDING) */
	DECODE_RESULT_COUNT
};

const char *decode_result_name(enum decode_result r);

/* Link types vcflow reads; anything else is refused when the file opens. */
bool decode_link_supported(int dlt);

#define TCP_FIN 0x01
#define TCP_SYN 0x02
#define TCP_RST 0x04
#define TCP_PSH 0x08
#define TCP_ACK 0x10

#define VLAN_NONE (-1)

/* Tunnels decapsulated at most in one frame; a deeper one is
 * DECODE_TOO_DEEP (a loop that nests forever ends there). */
#define TUNNEL_MAX_LAYERS 8

enum tunnel_kind {
	TUNNEL_NONE = 0,
	TUNNEL_GRE,    /* RFC 2784/2890: IPv4, IPv6, Ethernet (0x6558), MPLS */
	TUNNEL_ERSPAN, /* GRE 0x88BE (type I, II) and 0x22EB (type III) */
	TUNNEL_VXLAN,  /* RFC 7348, UDP 4789 */
	TUNNEL_GENEVE, /* RFC 8926, UDP 6081 */
	TUNNEL_GTPU,   /* 3GPP TS 29.281, UDP 2152, G-PDU */
	TUNNEL_MPLS,   /* RFC 3032 label stack; RFC 4448 Ethernet over MPLS */
	TUNNEL_PPPOE,  /* RFC 2516 session stage */
	TUNNEL_IPIP,   /* IPv4 or IPv6 in IPv4 or IPv6 (RFC 2003, RFC 4213) */
	TUNNEL_KIND_COUNT
};

/* "gre", "erspan", "vxlan", "geneve", "gtpu", "mpls", "pppoe", "ipip";
 * "none" for TUNNEL_NONE. */
const char *tunnel_kind_name(enum tunnel_kind k);

/* How the frame reached its innermost headers. */
struct tunnel_info {
	bool present;		/* at least one tunnel was decapsulated */
	enum tunnel_kind kind;	/* the outermost tunnel */
	uint8_t layers;		/* tunnels decapsulated, 1..TUNNEL_MAX_LAYERS */
	/* The IP addresses of the outermost tunnel carried over IP (GRE,
	 * ERSPAN, VXLAN, Geneve, GTP-U, IP in IP), as sent: source first.
	 * Unset when only MPLS or PPPoE wrapped the packet. */
	bool has_endpoints;
	struct addr outer_src, outer_dst;
	/* The outermost tunnel's id: VXLAN or Geneve VNI, ERSPAN session id,
	 * GRE key (when the K bit is set), GTP-U TEID, the top MPLS label,
	 * the PPPoE session id.  Unset for IP in IP and GRE without a key. */
	bool has_id;
	uint32_t id;
};

/* The 5-tuple an ICMP error quotes (RFC 792, RFC 4443 sec 3). */
struct quoted_tuple {
	bool valid;
	uint8_t proto;
	struct addr src, dst;
	uint16_t sport, dport;
};

/*
 * One frame, described by its innermost headers: behind any tunnels the
 * addresses, ports and payload are those of the packet inside, so a flow is
 * identified alike however it was captured; `tunnel` says what was taken
 * off.
 */
struct packet {
	int vlan; /* outermost 802.1Q/QinQ id, or VLAN_NONE */
	struct tunnel_info tunnel;
	const uint8_t *ip; /* the innermost IP header, as captured */
	size_t ip_caplen;  /* from there to the end of its datagram or capture */
	uint8_t ip_version;
	struct addr src, dst;
	uint8_t proto; /* IPPROTO_* of the transport */
	uint8_t dscp;
	uint32_t ip_len; /* the IP packet's length from its header */

	/* Fragments: `fragment` is set on every piece; only the first has
	 * ports.  frag_id is IPv4's 16-bit or IPv6's 32-bit identification. */
	bool fragment;
	bool first_fragment;
	bool more_fragments;
	uint32_t frag_id;
	uint32_t frag_offset; /* bytes */
	const uint8_t *frag_data; /* the fragment's part of the datagram */
	size_t frag_len;
	/* The first piece's transport header, as an offset into frag_data:
	 * IPv6 extension headers after the Fragment header come before it
	 * (RFC 8200 sec 4.5); 0 for IPv4. */
	uint32_t frag_transport_offset;

	uint16_t sport, dport; /* ICMP: type and code */
	uint8_t tcp_flags;
	uint32_t tcp_seq;

	const uint8_t *payload; /* transport payload, as captured */
	size_t payload_len;

	struct quoted_tuple quoted; /* ICMP errors */
	bool icmp_error;
};

/*
 * Decodes one frame of link type `dlt`.  Returns DECODE_OK with `pkt`
 * filled, or the reason it could not.  Never reads past data + caplen.
 */
enum decode_result decode_packet(int dlt, const uint8_t *data, size_t caplen,
				 struct packet *pkt);

#endif
