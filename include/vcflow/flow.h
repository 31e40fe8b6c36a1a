/* \summary: the bidirectional flow table */
#ifndef VCFLOW_FLOW_H
#define VCFLOW_FLOW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <uthash.h>

#include "vcflow/addr.h"
#include "vcflow/decode.h"

/*
 * A flow is keyed by transport and its two endpoints, in a canonical order
 * so both directions find the same entry.  The VLAN is not part of the key:
 * a span port may see one conversation on two VLANs.
 */
struct flow_key {
	struct addr lo_addr, hi_addr;
	uint16_t lo_port, hi_port;
	uint8_t proto;
	uint8_t pad[3]; /* zeroed: the key is hashed as bytes */
};

enum flow_dir { FLOW_FWD = 0, FLOW_REV = 1 }; /* from / to the initiator */

enum flow_end {
	FLOW_END_EOF,
	FLOW_END_IDLE,
	FLOW_END_ACTIVE,
	FLOW_END_CLOSED,
	FLOW_END_EVICTED,
	FLOW_END_SIGNAL,
};

const char *flow_end_name(enum flow_end end);

/* TCP events seen, per direction (bits of tcp_seen[dir]). */
#define FLOW_TCP_SYN 0x01
#define FLOW_TCP_SYNACK 0x02
#define FLOW_TCP_FIN 0x04
#define FLOW_TCP_RST 0x08

struct flow_class; /* classify.h: labels and inspection state */

/* What few flows have: IP fragments, ICMP errors (allocated on demand). */
struct flow_extra {
	uint64_t fragments;    /* non-first IP fragments counted here */
	uint32_t icmp_errors;  /* ICMP errors against this flow */
	uint8_t last_icmp_type, last_icmp_code;
	/* An ICMP error's flow: the flow it quotes */
	char quoted_flow_id[17];
};

/* Fields are ordered largest first, so that a live flow has no padding. */
struct flow {
	struct flow_key key;
	struct flow *older, *newer; /* idle list, least recently seen first */

	uint64_t serial;   /* order of creation, for stable output */
	struct addr init_addr, resp_addr;

	uint64_t first_us, last_us;
	/* The table's clock at its last packet, which orders the idle
	 * lists: a flow ends once the clock passes it by its timeout. */
	uint64_t seen_us;
	uint64_t pkts[2], bytes[2];
	uint64_t dscp_seen[2]; /* bit n set: DSCP n seen in that direction */

	/* What the first packet came through; NULL when not tunnelled. */
	struct tunnel_info *tunnel;
	struct flow_class *cls;
	struct flow_extra *extra; /* NULL until one of its fields is needed */

	int vlan;
	uint32_t hash;	    /* of the key, for the table */
	uint32_t syn_count; /* SYNs from the initiator, retransmissions too */
	uint16_t init_port, resp_port;
	uint8_t list;	      /* which idle list it is on */
	bool responder_known; /* SYN seen, so the initiator is certain */
	bool closing;	      /* FIN both ways or RST: the connection is over */
	uint8_t tcp_seen[2];

	char flow_id[17]; /* hex, stable across the pieces of a flow */
};

/* f->extra, allocated (zeroed) when still NULL; NULL when memory runs out. */
struct flow_extra *flow_extra(struct flow *f);
/* Its fields, 0 or "" for a flow without them. */
uint64_t flow_fragments(const struct flow *f);
uint32_t flow_icmp_errors(const struct flow *f);

struct flow_table;

/* Called for every flow as it ends, before it is freed, and for each piece
 * of a long flow (why == FLOW_END_ACTIVE), after which it lives on. */
typedef void (*flow_end_fn)(struct flow *f, enum flow_end why, void *ctx);

struct flow_timeouts {
	uint64_t tcp_us, udp_us, other_us;
	uint64_t closed_us; /* how long a closed TCP flow lingers for stray ACKs */
	/* Live: a flow still going after this long is written as a piece
	 * (end "active") and counted afresh; 0 = never. */
	uint64_t active_us;
	/* A flow nothing has answered yet ends after this much silence, when
	 * set (diagnose -i: a SYN unanswered after its retransmissions, a
	 * request after SIP's timer B); 0 = the transport's timeout. */
	uint64_t unanswered_us;
};

struct flow_table *flow_table_new(const struct flow_timeouts *t,
				  size_t max_flows, flow_end_fn on_end,
				  void *ctx);
/* Ends every flow still live with `why`, then frees the table. */
void flow_table_free(struct flow_table *t, enum flow_end why);

/*
 * Finds or creates the flow of a decoded packet and counts it.  `dir` gets
 * the packet's direction.  Ends flows that timed out first.  Returns NULL
 * only when memory runs out.
 */
struct flow *flow_table_packet(struct flow_table *t, const struct packet *pkt,
			       uint64_t ts_us, uint32_t frame_len,
			       enum flow_dir *dir);
/* Counts a later IP fragment to a flow already known. */
void flow_count(struct flow *f, enum flow_dir dir, uint64_t ts_us,
		uint32_t ip_len, uint8_t dscp);
/* The key the table files a decoded packet under (either direction). */
void flow_key_of(const struct packet *pkt, struct flow_key *k);
/* The key of a 5-tuple in either direction (ICMP: the type and code as
 * ports), as flow_table_find looks it up. */
void flow_key_of_tuple(struct flow_key *k, uint8_t proto,
		       const struct addr *a, uint16_t ap, const struct addr *b,
		       uint16_t bp);
/* Its hash: the same both ways, as the key is. */
uint32_t flow_key_hash(const struct flow_key *k);
/* Looks a flow up by a 5-tuple in either direction (ICMP: the type and
 * code as ports, as a packet carries them); NULL if none. */
struct flow *flow_table_find(struct flow_table *t, uint8_t proto,
			     const struct addr *a, uint16_t ap,
			     const struct addr *b, uint16_t bp);
/* Ends flows idle longer than their timeout at time now_us. */
void flow_table_expire(struct flow_table *t, uint64_t now_us);

struct flow_stats {
	uint64_t created, ended, evicted, live, peak_live;
};
void flow_table_stats(const struct flow_table *t, struct flow_stats *s);

/* Community ID v1 (seed 0) of a flow: "1:base64". */
void flow_community_id(const struct flow *f, char *out, size_t outlen);

#endif
