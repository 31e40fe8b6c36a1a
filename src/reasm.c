/* \summary: IP fragment reassembly, bounded in memory and time */
/* specification: RFC 791 sec 3.2, RFC 8200 sec 4.5, RFC 815 */
#include <stdlib.h>
#include <string.h>

#include "vcflow/reasm.h"

/* Which datagram a piece belongs to: IPv4 by addresses, protocol and
 * identification (RFC 791); IPv6 by addresses and identification (RFC
 * 8200 sec 4.5: the Next Header of a later piece names the header that
 * follows the Fragment header in the first, not the transport). */
struct frag_key {
	struct addr src, dst;
	uint32_t id;
	uint8_t version;
	uint8_t proto; /* IPv4 only */
};

struct pending {
	bool used;
	struct frag_key key;
	uint64_t started_us;
	bool have_first, have_last;
	uint8_t proto; /* the transport, from the first piece */
	uint16_t sport, dport;
	uint32_t transport_offset; /* IPv6 headers after the Fragment header */
	uint32_t total; /* datagram length, known from the last piece */
	unsigned uncounted; /* pieces seen before the first */
	uint64_t uncounted_bytes;
	uint8_t *buf;
	uint8_t *have; /* a byte per 8-octet block: received */
};

/* A datagram given up on after its first piece: enough to count its
 * later pieces to its flow. */
struct gone {
	bool used;
	struct frag_key key;
	uint64_t until_us;
	uint8_t proto;
	uint16_t sport, dport;
};

struct reasm {
	struct pending p[REASM_MAX_PENDING];
	struct gone gone[REASM_MAX_GONE];
	unsigned gone_next;
	uint64_t orphans;
	uint8_t *done; /* the last completed datagram, until the next call */
};

enum drop_why { DROP_DONE, DROP_ROOM, DROP_TIMEOUT, DROP_END };

struct reasm *reasm_new(void)
{
	return calloc(1, sizeof(struct reasm));
}

static void key_of(const struct packet *pkt, struct frag_key *k)
{
	memset(k, 0, sizeof *k);
	k->src = pkt->src;
	k->dst = pkt->dst;
	k->id = pkt->frag_id;
	k->version = pkt->ip_version;
	k->proto = pkt->ip_version == 6 ? 0 : pkt->proto;
}

static bool key_eq(const struct frag_key *a, const struct frag_key *b)
{
	return a->id == b->id && a->version == b->version &&
	       a->proto == b->proto && !addr_cmp(&a->src, &b->src) &&
	       !addr_cmp(&a->dst, &b->dst);
}

/* Forgets a pending datagram.  Returns the pieces held for a first that
 * never came when they are dropped to make room (the caller counts them);
 * at a time-out or the end they are orphans. */
static unsigned drop(struct reasm *r, struct pending *p, enum drop_why why,
		     uint64_t now)
{
	unsigned for_room = 0;

	if (!p->have_first) {
		if (why == DROP_ROOM)
			for_room = p->uncounted;
		else
			r->orphans += p->uncounted;
	} else if (why == DROP_ROOM || why == DROP_TIMEOUT) {
		struct gone *g = &r->gone[r->gone_next++ % REASM_MAX_GONE];
		g->used = true;
		g->key = p->key;
		g->until_us = now + REASM_TIMEOUT_US;
		g->proto = p->proto;
		g->sport = p->sport;
		g->dport = p->dport;
	}
	free(p->buf);
	free(p->have);
	memset(p, 0, sizeof *p);
	return for_room;
}

uint64_t reasm_free(struct reasm *r)
{
	uint64_t n;

	if (!r)
		return 0;
	for (int i = 0; i < REASM_MAX_PENDING; i++)
		if (r->p[i].used)
			drop(r, &r->p[i], DROP_END, 0);
	n = r->orphans;
	free(r->done);
	free(r);
	return n;
}

uint64_t reasm_orphans(const struct reasm *r)
{
	return r->orphans;
}

static struct pending *find(struct reasm *r, const struct frag_key *k,
			    uint64_t now)
{
	struct pending *found = NULL;

	for (int i = 0; i < REASM_MAX_PENDING; i++) {
		struct pending *p = &r->p[i];
		if (p->used && p->started_us + REASM_TIMEOUT_US < now)
			drop(r, p, DROP_TIMEOUT, now);
		if (p->used && !found && key_eq(&p->key, k))
			found = p;
	}
	return found;
}

static const struct gone *find_gone(const struct reasm *r,
				    const struct frag_key *k, uint64_t now)
{
	for (int i = 0; i < REASM_MAX_GONE; i++) {
		const struct gone *g = &r->gone[i];
		if (g->used && g->until_us >= now && key_eq(&g->key, k))
			return g;
	}
	return NULL;
}

/* A slot for a new datagram: a free one, or the oldest given up. */
static struct pending *make(struct reasm *r, const struct frag_key *k,
			    uint64_t now, struct reasm_result *res)
{
	struct pending *slot = NULL;

	for (int i = 0; i < REASM_MAX_PENDING && !slot; i++)
		if (!r->p[i].used)
			slot = &r->p[i];
	if (!slot) {
		slot = &r->p[0];
		for (int i = 1; i < REASM_MAX_PENDING; i++)
			if (r->p[i].started_us < slot->started_us)
				slot = &r->p[i];
		res->dropped_for_room += drop(r, slot, DROP_ROOM, now);
	}
	slot->buf = malloc(REASM_MAX_DATAGRAM);
	slot->have = calloc(REASM_MAX_DATAGRAM / 8 + 1, 1);
	if (!slot->buf || !slot->have) {
		free(slot->buf);
		free(slot->have);
		slot->buf = slot->have = NULL;
		return NULL;
	}
	slot->used = true;
	slot->key = *k;
	slot->started_us = now;
	return slot;
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
	struct frag_key k;
	struct pending *p;
	size_t len = pkt->frag_len;

	memset(res, 0, sizeof *res);
	free(r->done);
	r->done = NULL;
	key_of(pkt, &k);
	p = find(r, &k, ts_us);
	if (!p && !pkt->first_fragment) {
		const struct gone *g = find_gone(r, &k, ts_us);
		if (g) {
			res->have_ports = res->given_up = true;
			res->proto = g->proto;
			res->sport = g->sport;
			res->dport = g->dport;
			return;
		}
	}
	if (!p)
		p = make(r, &k, ts_us, res);
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
		p->proto = pkt->proto;
		p->sport = pkt->sport;
		p->dport = pkt->dport;
		p->transport_offset = pkt->frag_transport_offset;
		res->credit = p->uncounted;
		res->credit_bytes = p->uncounted_bytes;
		p->uncounted = 0;
		p->uncounted_bytes = 0;
	} else if (!p->have_first) {
		p->uncounted++;
		p->uncounted_bytes += pkt->ip_len;
	}
	res->have_ports = p->have_first;
	res->proto = p->have_first ? p->proto : pkt->proto;
	res->sport = p->sport;
	res->dport = p->dport;
	if (complete(p)) {
		if (p->transport_offset <= p->total) {
			r->done = p->buf;
			res->datagram = p->buf + p->transport_offset;
			res->len = p->total - p->transport_offset;
			p->buf = NULL;
		}
		drop(r, p, DROP_DONE, ts_us);
	}
}
