/* \summary: IP fragment reassembly, bounded in memory and time */
#ifndef VCFLOW_REASM_H
#define VCFLOW_REASM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vcflow/decode.h"

/* Datagrams in reassembly at once; the oldest is given up past this. */
#define REASM_MAX_PENDING 64
/* Datagrams given up on after their first piece was seen (to make room,
 * or timed out) whose later pieces are still known for REASM_TIMEOUT_US:
 * their ports, so those pieces count to the flow, not as orphans. */
#define REASM_MAX_GONE 1024
/* RFC 791 suggests 15 s; Linux waits 30 s (net.ipv4.ipfrag_time). */
#define REASM_TIMEOUT_US (30ULL * 1000000)
#define REASM_MAX_DATAGRAM 65535

struct reasm;

/*
 * What became of one piece.  Every piece ends up counted exactly once:
 * with its flow (the caller counts it when have_ports is set, and the
 * `credit` pieces held before it), as held_for_room (given up to make
 * room before their first piece came), or, from reasm_free, as an orphan.
 */
struct reasm_result {
	/* The datagram's transport and ports, once its first piece is seen.
	 * IPv6 pieces are matched by addresses and identification alone
	 * (RFC 8200 sec 4.5), so a later piece learns the transport here. */
	bool have_ports;
	uint8_t proto;
	uint16_t sport, dport;
	/* The piece's datagram was given up after its first piece (table
	 * full or timed out): it is counted, never reassembled. */
	bool given_up;
	/* Earlier pieces that arrived before the first: count them now. */
	unsigned credit;
	uint64_t credit_bytes;
	/* Pieces of other datagrams, held for a first piece that had not
	 * come, dropped to make room for this one. */
	unsigned dropped_for_room;
	/* The whole datagram from its transport header on, when complete. */
	const uint8_t *datagram;
	size_t len;
};

struct reasm *reasm_new(void);
/* Returns how many held pieces never found their first (orphans). */
uint64_t reasm_free(struct reasm *r);

/* Takes one fragment (pkt->fragment set). */
void reasm_add(struct reasm *r, const struct packet *pkt, uint64_t ts_us,
	       struct reasm_result *res);

/* Pieces given up on so far because their first never came in time. */
uint64_t reasm_orphans(const struct reasm *r);

#endif
