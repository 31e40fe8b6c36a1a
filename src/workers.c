/* \summary: workers: flows split across threads by their inner 5-tuple */
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vcflow/decode.h"
#include "vcflow/flow.h"
#include "vcflow/slab.h"
#include "vcflow/workers.h"

/* A round: the frames gathered before they are handed over, to every lane
 * at once (so that no lane waits on a number gathered for another). */
#define ROUND_FRAMES 128u
#define BATCH_BYTES (256u * 1024)
/* Batches a lane may have waiting: what bounds the reader's lead. */
#define QUEUE_MAX 32u
/* Spins on another lane's progress before yielding the processor. */
#define SPINS_BEFORE_YIELD 64u
#define REC_ALIGN 8u

enum rec_kind {
	REC_FRAME, /* one of the lane's frames */
	REC_TICK,  /* another lane's frame: its time */
	REC_IDLE,  /* a quiet link: the time now */
	REC_END,
};

struct rec {
	uint64_t seq;
	uint64_t ts_us;
	uint64_t before_us; /* the latest time of the frames before seq */
	uint32_t kind;
	int32_t dlt;
	uint32_t len;	   /* REC_FRAME: the frame's length on the wire */
	uint32_t caplen;   /* REC_FRAME: the bytes that follow */
	int64_t tv_sec;	   /* REC_FRAME: its time as read */
	int64_t tv_usec;
};

struct batch {
	struct batch *next;
	size_t used, cap;
	_Alignas(REC_ALIGN) uint8_t data[];
};

struct lane {
	struct workers *w;
	unsigned index;
	void *ctx;
	pthread_t thread;
	bool started;

	/* Handed over by the reader, taken by the lane. */
	pthread_mutex_t lock;
	pthread_cond_t cond;
	struct batch *head, *tail;
	unsigned queued;
	struct batch *spare; /* emptied batches, for the reader to refill */

	struct batch *gather; /* the reader's, this round */

	/* The lane's own: the record in hand and the section depth. */
	uint64_t seq, before_us;
	unsigned depth;

	/* The last sequence number the lane is done with. */
	_Alignas(64) _Atomic uint64_t done;
};

struct workers {
	unsigned n;
	struct worker_ops ops;
	struct lane *lane;
	pthread_mutex_t section; /* what lanes share */
	uint64_t seq;		 /* the last number given out */
	uint64_t latest_us;	 /* the latest frame time so far */
	uint64_t dispatched;
	unsigned round;		 /* frames gathered this round */
	struct frag_lanes *frags;
};

/* ---- which lane ---- */

#define FNV_OFFSET 0xcbf29ce484222325ULL
#define FNV_PRIME 0x100000001b3ULL
/* Later pieces remembered, by their datagram (a small direct-mapped
 * table: a piece whose entry was taken goes by its addresses). */
#define FRAG_SLOTS 4096u

struct frag_lanes {
	uint64_t key[FRAG_SLOTS];
	uint8_t lane[FRAG_SLOTS];
};

static uint64_t fnv(uint64_t h, const void *data, size_t len)
{
	const uint8_t *p = data;

	for (size_t i = 0; i < len; i++) {
		h ^= p[i];
		h *= FNV_PRIME;
	}
	return h;
}

struct frag_lanes *frag_lanes_new(void)
{
	return calloc(1, sizeof(struct frag_lanes));
}

void frag_lanes_free(struct frag_lanes *f)
{
	free(f);
}

/* Both directions alike: the lower address first. */
static uint64_t pair_hash(const struct addr *a, const struct addr *b,
			  uint8_t proto)
{
	const struct addr *lo = addr_cmp(a, b) <= 0 ? a : b;
	const struct addr *hi = lo == a ? b : a;
	uint64_t h = fnv(FNV_OFFSET, lo, sizeof *lo);

	h = fnv(h, hi, sizeof *hi);
	return fnv(h, &proto, 1);
}

static uint64_t datagram_hash(const struct packet *p)
{
	uint64_t h = fnv(FNV_OFFSET, &p->src, sizeof p->src);

	h = fnv(h, &p->dst, sizeof p->dst);
	h = fnv(h, &p->proto, 1);
	return fnv(h, &p->frag_id, sizeof p->frag_id) | 1u; /* 0: empty */
}

static uint64_t key_hash(const struct flow_key *k)
{
	return fnv(FNV_OFFSET, k, sizeof *k);
}

/* The low bits of FNV-1a are weak; fold the high ones in. */
static unsigned lane_of_hash(uint64_t h, unsigned n)
{
	return (unsigned)((h ^ (h >> 32)) % n);
}

unsigned workers_lane_of(struct frag_lanes *frags, unsigned n, int dlt,
			 const uint8_t *data, size_t caplen)
{
	struct packet pkt;
	struct flow_key k;

	if (n < 2 || decode_packet(dlt, data, caplen, &pkt) != DECODE_OK)
		return 0;
	if (pkt.icmp_error && pkt.quoted.valid) {
		struct packet q = pkt;
		q.proto = pkt.quoted.proto;
		q.src = pkt.quoted.src;
		q.dst = pkt.quoted.dst;
		q.sport = pkt.quoted.sport;
		q.dport = pkt.quoted.dport;
		flow_key_of(&q, &k);
		return lane_of_hash(key_hash(&k), n);
	}
	if (pkt.fragment && !pkt.first_fragment) {
		uint64_t d = datagram_hash(&pkt);
		size_t slot = d % FRAG_SLOTS;
		if (frags && frags->key[slot] == d)
			return frags->lane[slot];
		return lane_of_hash(pair_hash(&pkt.src, &pkt.dst, pkt.proto), n);
	}
	flow_key_of(&pkt, &k);
	unsigned lane = lane_of_hash(key_hash(&k), n);
	if (pkt.fragment && frags) {
		uint64_t d = datagram_hash(&pkt);
		frags->key[d % FRAG_SLOTS] = d;
		frags->lane[d % FRAG_SLOTS] = (uint8_t)lane;
	}
	return lane;
}

/* ---- batches: the reader's side ---- */

static size_t rec_size(size_t caplen)
{
	size_t n = sizeof(struct rec) + caplen;

	return (n + REC_ALIGN - 1) & ~(size_t)(REC_ALIGN - 1);
}

static struct batch *batch_new(size_t cap)
{
	struct batch *b = malloc(sizeof *b + cap);

	if (b) {
		b->next = NULL;
		b->used = 0;
		b->cap = cap;
	}
	return b;
}

/* An empty batch of at least `need` bytes for the lane. */
static struct batch *batch_for(struct lane *l, size_t need)
{
	struct batch *b = NULL;
	size_t cap = need > BATCH_BYTES ? need : BATCH_BYTES;

	pthread_mutex_lock(&l->lock);
	if (l->spare && l->spare->cap >= need) {
		b = l->spare;
		l->spare = b->next;
	}
	pthread_mutex_unlock(&l->lock);
	if (b) {
		b->next = NULL;
		b->used = 0;
		return b;
	}
	while (!(b = batch_new(cap)))
		sched_yield(); /* the lanes free theirs as they go */
	return b;
}

static void hand_over(struct lane *l)
{
	struct batch *b = l->gather;

	if (!b || !b->used)
		return;
	l->gather = NULL;
	pthread_mutex_lock(&l->lock);
	while (l->queued >= QUEUE_MAX)
		pthread_cond_wait(&l->cond, &l->lock);
	if (l->tail)
		l->tail->next = b;
	else
		l->head = b;
	l->tail = b;
	l->queued++;
	pthread_cond_broadcast(&l->cond);
	pthread_mutex_unlock(&l->lock);
}

void workers_flush(struct workers *w)
{
	for (unsigned i = 0; i < w->n; i++)
		hand_over(&w->lane[i]);
	w->round = 0;
}

static struct rec *reserve(struct workers *w, struct lane *l, size_t size)
{
	if (l->gather && l->gather->cap - l->gather->used < size)
		workers_flush(w);
	if (!l->gather)
		l->gather = batch_for(l, size);
	struct rec *r = (struct rec *)(l->gather->data + l->gather->used);
	l->gather->used += size;
	return r;
}

/* One sequence number: `to` gets the record of `kind`, every other lane
 * the time. */
static struct rec *give_out(struct workers *w, unsigned to,
			    enum rec_kind kind, uint64_t ts, size_t caplen)
{
	uint64_t seq = ++w->seq, before = w->latest_us;
	struct rec *mine = NULL;

	for (unsigned i = 0; i < w->n; i++) {
		bool own = i == to || kind != REC_FRAME;
		struct rec *r = reserve(w, &w->lane[i],
					rec_size(own ? caplen : 0));
		memset(r, 0, sizeof *r);
		r->seq = seq;
		r->ts_us = ts;
		r->before_us = before;
		r->kind = own ? kind : REC_TICK;
		if (i == to)
			mine = r;
	}
	if (ts > w->latest_us)
		w->latest_us = ts;
	return mine;
}

void workers_frame(struct workers *w, int dlt, const struct pcap_pkthdr *h,
		   const uint8_t *data)
{
	unsigned to = workers_lane_of(w->frags, w->n, dlt, data, h->caplen);
	uint64_t ts = (uint64_t)h->ts.tv_sec * 1000000u +
		      (uint64_t)h->ts.tv_usec;
	struct rec *r = give_out(w, to, REC_FRAME, ts, h->caplen);

	r->dlt = dlt;
	r->len = h->len;
	r->caplen = h->caplen;
	r->tv_sec = h->ts.tv_sec;
	r->tv_usec = h->ts.tv_usec;
	memcpy(r + 1, data, h->caplen);
	w->dispatched++;
	if (++w->round >= ROUND_FRAMES)
		workers_flush(w);
}

void workers_clock(struct workers *w, uint64_t now_us)
{
	give_out(w, 0, REC_IDLE, now_us, 0);
	workers_flush(w);
}

uint64_t workers_dispatched(const struct workers *w)
{
	return w->dispatched;
}

/* ---- the lanes ---- */

static struct batch *take(struct lane *l)
{
	struct batch *b;

	pthread_mutex_lock(&l->lock);
	while (!l->head)
		pthread_cond_wait(&l->cond, &l->lock);
	b = l->head;
	l->head = b->next;
	if (!l->head)
		l->tail = NULL;
	l->queued--;
	pthread_cond_broadcast(&l->cond);
	pthread_mutex_unlock(&l->lock);
	return b;
}

static void give_back(struct lane *l, struct batch *b)
{
	pthread_mutex_lock(&l->lock);
	b->next = l->spare;
	l->spare = b;
	pthread_mutex_unlock(&l->lock);
}

/* Returns false after the last record. */
static bool run_record(struct lane *l, const struct rec *r)
{
	struct workers *w = l->w;

	l->seq = r->seq;
	l->before_us = r->before_us;
	switch (r->kind) {
	case REC_FRAME: {
		struct pcap_pkthdr h;
		memset(&h, 0, sizeof h);
		h.ts.tv_sec = (time_t)r->tv_sec;
		h.ts.tv_usec = (suseconds_t)r->tv_usec;
		h.caplen = r->caplen;
		h.len = r->len;
		w->ops.frame(l->ctx, r->dlt, &h, (const uint8_t *)(r + 1));
		break;
	}
	case REC_TICK:
		w->ops.clock(l->ctx, r->ts_us);
		break;
	case REC_IDLE:
		w->ops.clock(l->ctx, r->ts_us);
		/* The calls' clock too, once, after every lane's flows. */
		if (l->index == w->n - 1) {
			workers_enter(w, l->index);
			w->ops.catch_up(w->ops.shared, r->ts_us);
			workers_leave(w, l->index);
		}
		break;
	case REC_END:
		w->ops.end(l->ctx);
		break;
	}
	atomic_store_explicit(&l->done, r->seq, memory_order_release);
	return r->kind != REC_END;
}

static void *lane_main(void *arg)
{
	struct lane *l = arg;
	bool more = true;

	while (more) {
		struct batch *b = take(l);
		for (size_t off = 0; more && off < b->used;) {
			const struct rec *r = (const struct rec *)(b->data + off);
			more = run_record(l, r);
			off += rec_size(r->kind == REC_FRAME ? r->caplen : 0);
		}
		give_back(l, b);
	}
	slab_release(); /* the lane's flows are all gone */
	return NULL;
}

void workers_enter(struct workers *w, unsigned lane)
{
	struct lane *l = &w->lane[lane];

	if (l->depth++)
		return;
	/* Lanes before this one finish frame seq itself first (their idle
	 * flows end before this lane's, in one order every run); the
	 * others, the frames before it. */
	for (unsigned i = 0; i < w->n; i++) {
		uint64_t need = i < lane ? l->seq : l->seq - 1;
		unsigned spins = 0;
		if (i == lane)
			continue;
		while (atomic_load_explicit(&w->lane[i].done,
					    memory_order_acquire) < need)
			if (++spins > SPINS_BEFORE_YIELD)
				sched_yield();
	}
	pthread_mutex_lock(&w->section);
	w->ops.catch_up(w->ops.shared, l->before_us);
}

void workers_leave(struct workers *w, unsigned lane)
{
	struct lane *l = &w->lane[lane];

	if (--l->depth == 0)
		pthread_mutex_unlock(&w->section);
}

void workers_lock(struct workers *w)
{
	pthread_mutex_lock(&w->section);
}

void workers_unlock(struct workers *w)
{
	pthread_mutex_unlock(&w->section);
}

/* ---- starting and ending ---- */

struct workers *workers_new(unsigned n, void *const *lanes,
			    const struct worker_ops *ops, char *err,
			    size_t errlen)
{
	struct workers *w = calloc(1, sizeof *w);

	if (!w) {
		snprintf(err, errlen, "workers: out of memory");
		return NULL;
	}
	pthread_mutex_init(&w->section, NULL);
	/* Each lane's progress on a cache line of its own. */
	w->lane = aligned_alloc(_Alignof(struct lane), n * sizeof *w->lane);
	if (!w->lane || !(w->frags = frag_lanes_new())) {
		snprintf(err, errlen, "workers: out of memory");
		workers_free(w);
		return NULL;
	}
	memset(w->lane, 0, n * sizeof *w->lane);
	w->n = n;
	w->ops = *ops;
	for (unsigned i = 0; i < n; i++) {
		struct lane *l = &w->lane[i];
		l->w = w;
		l->index = i;
		l->ctx = lanes[i];
		pthread_mutex_init(&l->lock, NULL);
		pthread_cond_init(&l->cond, NULL);
		atomic_init(&l->done, 0);
	}
	for (unsigned i = 0; i < n; i++) {
		int rc = pthread_create(&w->lane[i].thread, NULL, lane_main,
					&w->lane[i]);
		if (rc != 0) {
			snprintf(err, errlen, "workers: thread %u: %s", i + 1,
				 strerror(rc));
			workers_finish(w);
			workers_free(w);
			return NULL;
		}
		w->lane[i].started = true;
	}
	return w;
}

void workers_finish(struct workers *w)
{
	if (!w)
		return;
	give_out(w, 0, REC_END, w->latest_us, 0);
	workers_flush(w);
	for (unsigned i = 0; i < w->n; i++) {
		if (w->lane[i].started)
			pthread_join(w->lane[i].thread, NULL);
		w->lane[i].started = false;
	}
}

static void free_batches(struct batch *b)
{
	while (b) {
		struct batch *next = b->next;
		free(b);
		b = next;
	}
}

void workers_free(struct workers *w)
{
	if (!w)
		return;
	for (unsigned i = 0; w->lane && i < w->n; i++) {
		struct lane *l = &w->lane[i];
		free_batches(l->head);
		free_batches(l->spare);
		free(l->gather);
		pthread_mutex_destroy(&l->lock);
		pthread_cond_destroy(&l->cond);
	}
	pthread_mutex_destroy(&w->section);
	free(w->lane);
	frag_lanes_free(w->frags);
	free(w);
}

unsigned workers_auto(void)
{
	cpu_set_t set;
	long n;

	if (sched_getaffinity(0, sizeof set, &set) == 0)
		n = CPU_COUNT(&set);
	else
		n = sysconf(_SC_NPROCESSORS_ONLN);
	if (n < 1)
		return 1;
	return n > WORKERS_MAX ? WORKERS_MAX : (unsigned)n;
}
