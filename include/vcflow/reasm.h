/* \summary: IP fragment reassembly, bounded in memory and time */
#ifndef VCFLOW_REASM_H
#define VCFLOW_REASM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vcflow/decode.h"

/* Datagrams in reassembly at once; the oldest is dropped past this. */
#define REASM_MAX_PENDING 64
/* RFC 791 suggests 15 s; Linux waits 30 s (net.ipv4.ipfrag_time). */
#define REASM_TIMEOUT_US (30ULL * 1000000)
#define REASM_MAX_DATAGRAM 65535

struct reasm;

struct reasm_result {
	/* The datagram's transport ports, once its first fragment is seen. */
	bool have_ports;
	uint16_t sport, dport;
	/* Earlier pieces that arrived before the first: count them now. */
	unsigned credit;
	uint64_t credit_bytes;
	/* The whole datagram (transport header on), when complete. */
	const uint8_t *datagram;
	size_t len;
};

struct reasm *reasm_new(void);
/* Returns how many held fragments never found their first piece. */
uint64_t reasm_free(struct reasm *r);

/* Takes one fragment (pkt->fragment set). */
void reasm_add(struct reasm *r, const struct packet *pkt, uint64_t ts_us,
	       struct reasm_result *res);

/* Fragments given up on so far (their first never came). */
uint64_t reasm_orphans(const struct reasm *r);

#endif
