/* \summary: IP fragment reassembly, bounded in memory and time */
/* specification: RFC 791 sec 3.2, RFC 8200 sec 4.5, RFC 815 */
#include <stdlib.h>
#include <string.h>

#include "vcflow/reasm.h"

struct pending {
	bool used;
	struct addr src, dst;
	uint8_t proto;
	uint32_t id;
	uint64_t started_us;
	bool have_first, have_last;
	uint16_t sport, dport;
	uint32_t total; /* datagram length, known from the last piece */
	uint32_t filled; /* bytes received (overlaps counted once each) */
	unsigned uncounted; /* pieces seen before the first */
	uint64_t uncounted_bytes;
	uint8_t *buf;
	uint8_t *have; /* a byte per 8-octet block: received */
};

struct reasm {
	struct pending p[REASM_MAX_PENDING];
	uint64_t orphans;
	uint8_t *done; /* the last completed datagram, until the next call */
};

struct reasm *reasm_new(void)
{
	return calloc(1, sizeof(struct reasm));
}

static void drop(struct reasm *r, struct pending *p)
{
	if (!p->have_first)
		r->orphans += p->uncounted;
	free(p->buf);
	free(p->have);
	memset(p, 0, sizeof *p);
}

uint64_t reasm_free(struct reasm *r)
{
	uint64_t n;

	if (!r)
		return 0;
	for (int i = 0; i < REASM_MAX_PENDING; i++)
		if (r->p[i].used)
			drop(r, &r->p[i]);
	n = r->orphans;
	free(r->done);
	free(r);
	return n;
}

uint64_t reasm_orphans(const struct reasm *r)
{
	return r->orphans;
}

static struct pending *find_or_make(struct reasm *r, const struct packet *k,
				    uint64_t now)
{
	struct pending *free_slot = NULL, *oldest = NULL;

	for (int i = 0; i < REASM_MAX_PENDING; i++) {
		struct pending *p = &r->p[i];
		if (p->used && p->started_us + REASM_TIMEOUT_US < now)
			drop(r, p);
		if (!p->used) {
			if (!free_slot)
				free_slot = p;
			continue;
		}
		if (p->id == k->frag_id && p->proto == k->proto &&
		    !addr_cmp(&p->src, &k->src) && !addr_cmp(&p->dst, &k->dst))
			return p;
		if (!oldest || p->started_us < oldest->started_us)
			oldest = p;
	}
	if (!free_slot) {
		drop(r, oldest);
		free_slot = oldest;
	}
	free_slot->buf = malloc(REASM_MAX_DATAGRAM);
	free_slot->have = calloc(REASM_MAX_DATAGRAM / 8 + 1, 1);
	if (!free_slot->buf || !free_slot->have) {
		free(free_slot->buf);
		free(free_slot->have);
		free_slot->buf = free_slot->have = NULL;
		return NULL;
	}
	free_slot->used = true;
	free_slot->src = k->src;
	free_slot->dst = k->dst;
	free_slot->proto = k->proto;
	free_slot->id = k->frag_id;
	free_slot->started_us = now;
	return free_slot;
}

static bool complete(const struct pending *p)
{
	if (!p->have_first || !p->have_last)
		return false;
	for (uint32_t b = 0; b < (p->total + 7) / 8; b++)
		if (!p->have[b])
			return false;
	return true;
}

void reasm_add(struct reasm *r, const struct packet *pkt, uint64_t ts_us,
	       struct reasm_result *res)
{
	struct pending *p = find_or_make(r, pkt, ts_us);
	size_t len = pkt->frag_len;

	memset(res, 0, sizeof *res);
	free(r->done);
	r->done = NULL;
	if (!p) {
		r->orphans += !pkt->first_fragment;
		return;
	}
	if (pkt->frag_offset + len > REASM_MAX_DATAGRAM)
		len = pkt->frag_offset < REASM_MAX_DATAGRAM
			      ? REASM_MAX_DATAGRAM - pkt->frag_offset
			      : 0;
	memcpy(p->buf + pkt->frag_offset, pkt->frag_data, len);
	for (size_t b = pkt->frag_offset / 8; b < (pkt->frag_offset + len + 7) / 8;
	     b++)
		p->have[b] = 1;
	if (!pkt->more_fragments) {
		p->have_last = true;
		p->total = pkt->frag_offset + (uint32_t)len;
	}
	if (pkt->first_fragment) {
		p->have_first = true;
		p->sport = pkt->sport;
		p->dport = pkt->dport;
		res->credit = p->uncounted;
		res->credit_bytes = p->uncounted_bytes;
		p->uncounted = 0;
		p->uncounted_bytes = 0;
	} else if (!p->have_first) {
		p->uncounted++;
		p->uncounted_bytes += pkt->ip_len;
	}
	res->have_ports = p->have_first;
	res->sport = p->sport;
	res->dport = p->dport;
	if (complete(p)) {
		r->done = p->buf;
		res->datagram = p->buf;
		res->len = p->total;
		p->buf = NULL;
		drop(r, p);
	}
}
