/* \summary: the bidirectional flow table */
/* specification: Community ID v1 (corelight community-id-spec) */
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vcflow/flow.h"
#include "vcflow/fnv.h"
#include "vcflow/sha1.h"
#include "vcflow/slab.h"

/*
 * The table's hash: the key is 40 bytes of addresses and ports, hashed as
 * five 64-bit words with a multiply-xorshift mix, several times cheaper
 * than uthash's default byte-at-a-time Jenkins hash and as well spread on
 * real traffic (addresses differ in their low bytes, ports everywhere).
 */
uint32_t flow_key_hash(const struct flow_key *key)
{
	const uint8_t *b = (const uint8_t *)key;
	uint64_t h = 0x9e3779b97f4a7c15ULL, w;

	for (size_t i = 0; i + sizeof w <= sizeof(struct flow_key);
	     i += sizeof w) {
		memcpy(&w, b + i, sizeof w);
		h = (h ^ w) * 0xbf58476d1ce4e5b9ULL;
		h ^= h >> 31;
	}
	return (uint32_t)(h ^ (h >> 32));
}

_Static_assert(sizeof(struct flow_key) % sizeof(uint64_t) == 0,
	       "the flow key hashes as whole 64-bit words");

/*
 * The table: open addressing with linear probing, each slot a flow's
 * pointer and its key's hash side by side in two arrays, so that a probe
 * reads the flow only when the hash agrees.  12 bytes a slot, at most
 * three quarters full; a live flow carries no hash handle of its own.
 */
#define TABLE_MIN_CAP 1024


struct flow_list {
	struct flow *oldest, *newest;
};

/* Idle lists, least recently seen first; closed TCP connections wait in a
 * list of their own, since their timeout is short. */
enum { LIST_TCP, LIST_UDP, LIST_OTHER, LIST_CLOSED, LIST_UNANSWERED,
       LIST_COUNT };

struct flow_table {
	struct flow **slot; /* NULL: empty */
	uint32_t *slot_hash;
	size_t cap, n;	    /* cap a power of two, or 0 */
	bool ending_all;    /* flow_table_free: the slots are no longer kept */
	struct flow_list idle[LIST_COUNT];
	struct flow_timeouts timeouts;
	size_t max_flows;
	flow_end_fn on_end;
	void *ctx;
	uint64_t serial;
	/* The latest frame time seen: the clock idle timeouts run on, which
	 * never goes back, whatever order a capture's times come in. */
	uint64_t now_us;
	struct flow_stats stats;
};

static const char *const end_names[] = {
	[FLOW_END_EOF] = "eof",		[FLOW_END_IDLE] = "idle",
	[FLOW_END_ACTIVE] = "active",	[FLOW_END_CLOSED] = "closed",
	[FLOW_END_EVICTED] = "evicted", [FLOW_END_SIGNAL] = "signal",
};

const char *flow_end_name(enum flow_end end)
{
	return end <= FLOW_END_SIGNAL ? end_names[end] : "?";
}

static int list_of(const struct flow_table *t, const struct flow *f)
{
	if (f->closing)
		return LIST_CLOSED;
	if (t->timeouts.unanswered_us && !f->pkts[FLOW_REV])
		return LIST_UNANSWERED;
	return f->key.proto == IPPROTO_TCP ? LIST_TCP
	       : f->key.proto == IPPROTO_UDP ? LIST_UDP
					     : LIST_OTHER;
}

static void list_unlink(struct flow_list *lists, struct flow *f)
{
	struct flow_list *l = &lists[f->list];

	if (f->older)
		f->older->newer = f->newer;
	else
		l->oldest = f->newer;
	if (f->newer)
		f->newer->older = f->older;
	else
		l->newest = f->older;
	f->older = f->newer = NULL;
}

static void list_append(struct flow_list *lists, int which, struct flow *f)
{
	struct flow_list *l = &lists[which];

	f->list = (uint8_t)which;
	f->older = l->newest;
	f->newer = NULL;
	if (l->newest)
		l->newest->newer = f;
	else
		l->oldest = f;
	l->newest = f;
}

struct flow_table *flow_table_new(const struct flow_timeouts *t,
				  size_t max_flows, flow_end_fn on_end,
				  void *ctx)
{
	struct flow_table *tab = calloc(1, sizeof *tab);

	if (!tab)
		return NULL;
	tab->timeouts = *t;
	tab->max_flows = max_flows;
	tab->on_end = on_end;
	tab->ctx = ctx;
	return tab;
}

static struct flow *table_find(const struct flow_table *t,
			       const struct flow_key *k, uint32_t h)
{
	size_t mask = t->cap - 1;

	if (!t->cap || t->ending_all)
		return NULL;
	for (size_t i = h & mask; t->slot[i]; i = (i + 1) & mask)
		if (t->slot_hash[i] == h &&
		    memcmp(&t->slot[i]->key, k, sizeof *k) == 0)
			return t->slot[i];
	return NULL;
}

static void table_put(struct flow **slot, uint32_t *slot_hash, size_t cap,
		      struct flow *f)
{
	size_t i = f->hash & (cap - 1);

	while (slot[i])
		i = (i + 1) & (cap - 1);
	slot[i] = f;
	slot_hash[i] = f->hash;
}

/* Room for one more flow; false when memory runs out. */
static bool table_room(struct flow_table *t)
{
	if (t->cap && (t->n + 1) * 4 <= t->cap * 3)
		return true;
	size_t cap = t->cap ? t->cap * 2 : TABLE_MIN_CAP;
	struct flow **slot = calloc(cap, sizeof *slot);
	uint32_t *slot_hash = malloc(cap * sizeof *slot_hash);
	if (!slot || !slot_hash) {
		free(slot);
		free(slot_hash);
		return false;
	}
	for (size_t i = 0; i < t->cap; i++)
		if (t->slot[i])
			table_put(slot, slot_hash, cap, t->slot[i]);
	free(t->slot);
	free(t->slot_hash);
	t->slot = slot;
	t->slot_hash = slot_hash;
	t->cap = cap;
	return true;
}

/* Takes f out, moving back the flows after it that probed past it. */
static void table_remove(struct flow_table *t, const struct flow *f)
{
	size_t mask = t->cap - 1, i = f->hash & mask;

	while (t->slot[i] != f)
		i = (i + 1) & mask;
	for (size_t j = (i + 1) & mask; t->slot[j]; j = (j + 1) & mask) {
		size_t home = t->slot_hash[j] & mask;
		/* j's flow may fill the hole at i unless its home lies in
		 * (i, j], cyclically. */
		if (i <= j ? (home > i && home <= j) : (home > i || home <= j))
			continue;
		t->slot[i] = t->slot[j];
		t->slot_hash[i] = t->slot_hash[j];
		i = j;
	}
	t->slot[i] = NULL;
	t->n--;
}

static void flow_end(struct flow_table *t, struct flow *f, enum flow_end why)
{
	if (!t->ending_all)
		table_remove(t, f);
	list_unlink(t->idle, f);
	if (t->on_end)
		t->on_end(f, why, t->ctx);
	t->stats.ended++;
	t->stats.live--;
	if (why == FLOW_END_EVICTED)
		t->stats.evicted++;
	free(f->tunnel);
	slab_free(f->extra, sizeof *f->extra);
	slab_free(f, sizeof *f);
}

struct flow_extra *flow_extra(struct flow *f)
{
	if (!f->extra)
		f->extra = slab_alloc(sizeof *f->extra);
	return f->extra;
}

uint64_t flow_fragments(const struct flow *f)
{
	return f->extra ? f->extra->fragments : 0;
}

uint32_t flow_icmp_errors(const struct flow *f)
{
	return f->extra ? f->extra->icmp_errors : 0;
}

static int by_serial(const void *a, const void *b)
{
	const struct flow *x = *(struct flow *const *)a,
			  *y = *(struct flow *const *)b;

	return x->serial < y->serial ? -1 : x->serial > y->serial;
}

void flow_table_free(struct flow_table *t, enum flow_end why)
{
	if (!t)
		return;
	/* The flows end oldest first, so that the output keeps the order
	 * they were seen in: the slots are gathered at the front of their
	 * array and sorted by creation. */
	size_t n = 0;
	for (size_t i = 0; i < t->cap; i++)
		if (t->slot[i])
			t->slot[n++] = t->slot[i];
	if (n)
		qsort(t->slot, n, sizeof *t->slot, by_serial);
	t->ending_all = true;
	for (size_t i = 0; i < n; i++)
		flow_end(t, t->slot[i],
			 t->slot[i]->closing ? FLOW_END_CLOSED : why);
	free(t->slot);
	free(t->slot_hash);
	free(t);
}

static void make_key(struct flow_key *k, uint8_t proto, const struct addr *a,
		     uint16_t ap, const struct addr *b, uint16_t bp,
		     bool *a_is_lo)
{
	int c = addr_cmp(a, b);

	memset(k, 0, sizeof *k);
	k->proto = proto;
	*a_is_lo = c < 0 || (c == 0 && ap <= bp);
	if (*a_is_lo) {
		k->lo_addr = *a, k->lo_port = ap;
		k->hi_addr = *b, k->hi_port = bp;
	} else {
		k->lo_addr = *b, k->lo_port = bp;
		k->hi_addr = *a, k->hi_port = ap;
	}
}

/*
 * ICMP queries and their replies share a flow: the key uses the reply's
 * type as the "port" of the other side, as Community ID does.
 */
static int icmp_counterpart(uint8_t proto, uint8_t type)
{
	static const uint8_t v4[][2] = { { 8, 0 },   { 13, 14 }, { 15, 16 },
					 { 10, 9 },  { 17, 18 } };
	static const uint8_t v6[][2] = { { 128, 129 }, { 133, 134 },
					 { 135, 136 }, { 130, 131 },
					 { 139, 140 }, { 144, 145 } };
	const uint8_t(*map)[2] = proto == IPPROTO_ICMP ? v4 : v6;
	size_t n = proto == IPPROTO_ICMP ? sizeof v4 / sizeof *v4
					 : sizeof v6 / sizeof *v6;

	for (size_t i = 0; i < n; i++) {
		if (map[i][0] == type)
			return map[i][1];
		if (map[i][1] == type)
			return map[i][0];
	}
	return -1;
}

static bool is_icmp(uint8_t proto)
{
	return proto == IPPROTO_ICMP || proto == IPPROTO_ICMPV6;
}

/* The two "ports" a packet is keyed by: real ports, or ICMP type/peer. */
static void key_ports(const struct packet *p, uint16_t *sp, uint16_t *dp,
		      bool *one_way)
{
	*sp = p->sport;
	*dp = p->dport;
	*one_way = false;
	if (is_icmp(p->proto)) {
		int peer = icmp_counterpart(p->proto, (uint8_t)p->sport);
		if (peer >= 0)
			*dp = (uint16_t)peer;
		else
			*one_way = true;
	}
}

void flow_key_of(const struct packet *pkt, struct flow_key *k)
{
	uint16_t sp, dp;
	bool one_way, src_lo;

	key_ports(pkt, &sp, &dp, &one_way);
	make_key(k, pkt->proto, &pkt->src, sp, &pkt->dst, dp, &src_lo);
}

static uint64_t timeout_of(const struct flow_table *t, const struct flow *f)
{
	switch (f->list) {
	case LIST_CLOSED:
		return t->timeouts.closed_us;
	case LIST_UNANSWERED:
		return t->timeouts.unanswered_us;
	case LIST_TCP:
		return t->timeouts.tcp_us;
	case LIST_UDP:
		return t->timeouts.udp_us;
	default:
		return t->timeouts.other_us;
	}
}

void flow_table_expire(struct flow_table *t, uint64_t now_us)
{
	if (now_us > t->now_us)
		t->now_us = now_us;
	for (int l = 0; l < LIST_COUNT; l++) {
		struct flow *f;
		while ((f = t->idle[l].oldest) != NULL &&
		       f->seen_us + timeout_of(t, f) < t->now_us)
			flow_end(t, f, l == LIST_CLOSED ? FLOW_END_CLOSED
							: FLOW_END_IDLE);
	}
}

static void evict_oldest(struct flow_table *t)
{
	struct flow *victim = NULL;

	for (int l = 0; l < LIST_COUNT; l++) {
		struct flow *f = t->idle[l].oldest;
		if (f && (!victim || f->seen_us < victim->seen_us))
			victim = f;
	}
	if (victim)
		flow_end(t, victim, FLOW_END_EVICTED);
}

/* FNV-1a over the key and first timestamp: a flow_id that does not depend
 * on the order flows are seen in. */
static void make_flow_id(struct flow *f)
{
	uint8_t first[sizeof f->first_us]; /* least significant first */
	uint64_t h;

	for (size_t i = 0; i < sizeof first; i++)
		first[i] = (uint8_t)(f->first_us >> (8 * i));
	h = fnv1a(fnv1a(FNV1A_OFFSET, &f->key, sizeof f->key), first,
		  sizeof first);
	for (int i = 15; i >= 0; i--, h >>= 4) /* "%016llx" */
		f->flow_id[i] = "0123456789abcdef"[h & 0xf];
	f->flow_id[16] = '\0';
}

static void flow_piece(struct flow_table *t, struct flow *f, uint64_t now)
{
	if (t->on_end)
		t->on_end(f, FLOW_END_ACTIVE, t->ctx);
	memset(f->pkts, 0, sizeof f->pkts);
	memset(f->bytes, 0, sizeof f->bytes);
	memset(f->dscp_seen, 0, sizeof f->dscp_seen);
	if (f->extra)
		f->extra->fragments = 0;
	f->first_us = f->last_us = now;
}

static struct flow *flow_new(struct flow_table *t, const struct flow_key *k,
			     const struct packet *p, uint16_t sport,
			     uint16_t dport, uint64_t ts_us)
{
	if (t->max_flows && t->n >= t->max_flows)
		evict_oldest(t);

	struct flow *f;
	if (!table_room(t) || !(f = slab_alloc(sizeof *f)))
		return NULL;
	f->key = *k;
	f->serial = ++t->serial;
	f->init_addr = p->src;
	f->resp_addr = p->dst;
	f->init_port = sport;
	f->resp_port = dport;
	f->vlan = p->vlan;
	if (p->tunnel.present && (f->tunnel = malloc(sizeof *f->tunnel)))
		*f->tunnel = p->tunnel;
	f->first_us = f->last_us = ts_us;
	if (p->proto == IPPROTO_TCP)
		f->responder_known = (p->tcp_flags & (TCP_SYN | TCP_ACK)) ==
				     TCP_SYN;
	make_flow_id(f);
	f->hash = flow_key_hash(&f->key);
	table_put(t->slot, t->slot_hash, t->cap, f);
	t->n++;
	/* flow_table_packet puts it on its idle list once counted */
	t->stats.created++;
	if (++t->stats.live > t->stats.peak_live)
		t->stats.peak_live = t->stats.live;
	return f;
}

void flow_count(struct flow *f, enum flow_dir dir, uint64_t ts_us,
		uint32_t ip_len, uint8_t dscp)
{
	f->pkts[dir]++;
	f->bytes[dir] += ip_len;
	f->dscp_seen[dir] |= 1ULL << (dscp & 63);
	if (ts_us > f->last_us)
		f->last_us = ts_us;
}

static void track_tcp(struct flow *f, enum flow_dir dir, uint8_t flags)
{
	if ((flags & (TCP_SYN | TCP_ACK)) == TCP_SYN) {
		f->tcp_seen[dir] |= FLOW_TCP_SYN;
		if (dir == FLOW_FWD)
			f->syn_count++;
	}
	if ((flags & (TCP_SYN | TCP_ACK)) == (TCP_SYN | TCP_ACK))
		f->tcp_seen[dir] |= FLOW_TCP_SYNACK;
	if (flags & TCP_FIN)
		f->tcp_seen[dir] |= FLOW_TCP_FIN;
	if (flags & TCP_RST)
		f->tcp_seen[dir] |= FLOW_TCP_RST;
	if ((f->tcp_seen[FLOW_FWD] & f->tcp_seen[FLOW_REV] & FLOW_TCP_FIN) ||
	    (flags & TCP_RST))
		f->closing = true;
}

void flow_key_of_tuple(struct flow_key *k, uint8_t proto,
		       const struct addr *a, uint16_t ap, const struct addr *b,
		       uint16_t bp)
{
	bool a_lo;

	if (is_icmp(proto)) { /* keyed as flow_key_of keys a packet */
		int peer = icmp_counterpart(proto, (uint8_t)ap);
		if (peer >= 0)
			bp = (uint16_t)peer;
	}
	make_key(k, proto, a, ap, b, bp, &a_lo);
}

struct flow *flow_table_find(struct flow_table *t, uint8_t proto,
			     const struct addr *a, uint16_t ap,
			     const struct addr *b, uint16_t bp)
{
	struct flow_key k;

	flow_key_of_tuple(&k, proto, a, ap, b, bp);
	return table_find(t, &k, flow_key_hash(&k));
}

struct flow *flow_table_packet(struct flow_table *t, const struct packet *p,
			       uint64_t ts_us, uint32_t frame_len,
			       enum flow_dir *dir)
{
	struct flow_key k;
	struct flow *f;

	(void)frame_len;
	flow_table_expire(t, ts_us);
	flow_key_of(p, &k);
	f = table_find(t, &k, flow_key_hash(&k));

	/* A long flow is written in pieces; each counts only its own. */
	if (f && t->timeouts.active_us &&
	    ts_us >= f->first_us + t->timeouts.active_us)
		flow_piece(t, f, ts_us);

	/* A new SYN on a closed connection's 5-tuple starts a new flow. */
	if (f && f->closing && p->proto == IPPROTO_TCP &&
	    (p->tcp_flags & (TCP_SYN | TCP_ACK)) == TCP_SYN) {
		flow_end(t, f, FLOW_END_CLOSED);
		f = NULL;
	}
	bool fresh = !f;
	if (fresh && !(f = flow_new(t, &k, p, p->sport, p->dport, ts_us)))
		return NULL;

	bool from_init = addr_cmp(&p->src, &f->init_addr) == 0 &&
			 (is_icmp(p->proto) ? true : p->sport == f->init_port);
	if (addr_cmp(&p->src, &p->dst) == 0 && !is_icmp(p->proto))
		from_init = p->sport == f->init_port;
	*dir = from_init ? FLOW_FWD : FLOW_REV;

	/* Mid-stream start: the SYN-ACK's sender is the responder. */
	if (p->proto == IPPROTO_TCP && !f->responder_known &&
	    (p->tcp_flags & (TCP_SYN | TCP_ACK)) == (TCP_SYN | TCP_ACK) &&
	    f->pkts[FLOW_FWD] + f->pkts[FLOW_REV] == 0 && *dir == FLOW_FWD) {
		f->init_addr = p->dst, f->init_port = p->dport;
		f->resp_addr = p->src, f->resp_port = p->sport;
		f->responder_known = true;
		*dir = FLOW_REV;
	}
	flow_count(f, *dir, ts_us, p->ip_len, p->dscp);
	if (p->proto == IPPROTO_TCP)
		track_tcp(f, *dir, p->tcp_flags);
	int want = list_of(t, f); /* closing or an answer may move it */
	/* Back to the end of its list at every packet, so that each list
	 * stays in the order of the table's clock and a flow ends at the
	 * first frame that takes the clock past its timeout, exactly: the
	 * same frame in one flow table or in a worker's share of them. */
	f->seen_us = t->now_us;
	if (!fresh && (want != f->list || f != t->idle[want].newest))
		list_unlink(t->idle, f);
	else if (!fresh)
		return f;
	list_append(t->idle, want, f);
	return f;
}

void flow_table_stats(const struct flow_table *t, struct flow_stats *s)
{
	*s = t->stats;
}

/* ---- Community ID v1 ---- */

static void base64(const uint8_t *in, size_t n, char *out, size_t outlen)
{
	static const char tab[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t o = 0;

	for (size_t i = 0; i < n && o + 5 < outlen; i += 3) {
		uint32_t v = (uint32_t)in[i] << 16;
		if (i + 1 < n)
			v |= (uint32_t)in[i + 1] << 8;
		if (i + 2 < n)
			v |= in[i + 2];
		out[o++] = tab[v >> 18 & 63];
		out[o++] = tab[v >> 12 & 63];
		out[o++] = i + 1 < n ? tab[v >> 6 & 63] : '=';
		out[o++] = i + 2 < n ? tab[v & 63] : '=';
	}
	out[o] = '\0';
}

void flow_community_id(const struct flow *f, char *out, size_t outlen)
{
	uint8_t buf[2 + 16 + 16 + 2 + 4], digest[SHA1_DIGEST_LEN];
	size_t n = 0, alen = addr_is_v4(&f->init_addr) ? 4 : 16;
	size_t off = alen == 4 ? 12 : 0;
	const struct addr *sa = &f->init_addr, *da = &f->resp_addr;
	uint16_t sp = f->init_port, dp = f->resp_port;
	bool one_way = false;

	if (is_icmp(f->key.proto)) {
		int peer = icmp_counterpart(f->key.proto, (uint8_t)sp);
		if (peer >= 0)
			dp = (uint16_t)peer;
		else
			one_way = true;
	}
	int c = addr_cmp(sa, da);
	if (!one_way && (c > 0 || (c == 0 && sp > dp))) {
		const struct addr *ta = sa;
		uint16_t tp = sp;
		sa = da, sp = dp;
		da = ta, dp = tp;
	}
	buf[n++] = 0; /* seed 0 */
	buf[n++] = 0;
	memcpy(buf + n, sa->b + off, alen), n += alen;
	memcpy(buf + n, da->b + off, alen), n += alen;
	buf[n++] = f->key.proto;
	buf[n++] = 0;
	bool ports = f->key.proto == IPPROTO_TCP || f->key.proto == IPPROTO_UDP ||
		     f->key.proto == IPPROTO_SCTP || is_icmp(f->key.proto);
	if (ports) {
		buf[n++] = (uint8_t)(sp >> 8), buf[n++] = (uint8_t)sp;
		buf[n++] = (uint8_t)(dp >> 8), buf[n++] = (uint8_t)dp;
	}
	sha1(buf, n, digest);
	if (outlen < 3)
		return;
	memcpy(out, "1:", 2);
	base64(digest, sizeof digest, out + 2, outlen - 2);
}
