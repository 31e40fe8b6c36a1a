/* \summary: workers: flows split across threads by their inner 5-tuple */
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vcflow/capture.h"
#include "vcflow/decode.h"
#include "vcflow/flow.h"
#include "vcflow/fnv.h"
#include "vcflow/slab.h"
#include "vcflow/workers.h"

/* A round: the frames gathered before they are handed over, to every lane
 * at once (so that no lane waits on a number gathered for another). */
#define ROUND_FRAMES 1024u
#define BATCH_BYTES (512u * 1024)
/* Batches a lane may have waiting: what bounds the reader's lead. */
#define QUEUE_MAX 16u
/* Spins on another lane's progress before sleeping until it is told. */
#define SPINS_BEFORE_PARK 256u
/* A parked lane looks again after this long even untold (it is told). */
#define PARK_CHECK_NS 10000000L
#define NS_PER_SEC 1000000000L
#define REC_ALIGN 8u
#define READER_SHARE 1u
#define LANE_SHARE 4u

enum rec_kind {
	REC_FRAME, /* one of the lane's frames */
	REC_TICKS, /* other lanes' frames, one after another: their times */
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
	uint32_t caplen;   /* REC_FRAME: the bytes that follow; REC_TICKS:
			      the times that follow (from seq on) */
	int64_t tv_sec;	   /* REC_FRAME: its time as read */
	int64_t tv_usec;
};

/*
 * REC_FRAME: what the reader's decoding found, so that the lane decodes
 * nothing again; its pointers into the frame (which follows) as offsets.
 */
#define NO_OFFSET UINT32_MAX

struct decoded {
	struct packet pkt; /* its pointers NULL */
	int32_t result;	   /* enum decode_result */
	uint32_t ip, frag_data, payload;
};

/* A flow's end put off until its section's turn (workers_defer). */
struct deferred {
	struct deferred *next;
	uint64_t seq, before_us;
	void (*fn)(void *lane, void *arg);
	void *arg;
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
	struct rec *ticks;    /* its last record, when a run of times */

	/* The lane's own: the record in hand, the last one finished, the
	 * section depth, the sections put off (oldest first). */
	uint64_t seq, before_us, finished;
	unsigned depth;
	bool ending; /* the input has ended: sections in any order */
	bool running; /* a section put off runs: its turn has come */
	struct deferred *put_off, *put_off_last;

	/* The last sequence number the lane is done with; whether it sleeps
	 * on `cond` until another lane gets on. */
	_Alignas(64) _Atomic uint64_t done;
	_Atomic bool parked;
};

struct workers {
	unsigned n;
	bool fanout; /* each lane reads its own socket: no numbers */
	bool finished;
	_Atomic bool stop; /* --fanout: every lane ends its reading */
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

/* Later pieces remembered, by their datagram (a small direct-mapped
 * table: a piece whose entry was taken goes by its addresses). */
#define FRAG_SLOTS 4096u

struct frag_lanes {
	uint64_t key[FRAG_SLOTS];
	uint8_t lane[FRAG_SLOTS];
};

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
	uint64_t h = fnv1a(FNV1A_OFFSET, lo, sizeof *lo);

	h = fnv1a(h, hi, sizeof *hi);
	return fnv1a(h, &proto, 1);
}

static uint64_t datagram_hash(const struct packet *p)
{
	uint64_t h = fnv1a(FNV1A_OFFSET, &p->src, sizeof p->src);

	h = fnv1a(h, &p->dst, sizeof p->dst);
	h = fnv1a(h, &p->proto, 1);
	return fnv1a(h, &p->frag_id, sizeof p->frag_id) | 1u; /* 0: empty */
}

/* The high bits pick the lane: the flow table picks its slot by the low
 * ones, so that each lane's flows still spread over its whole table.
 * Lane 0 is the reader's, which reads and hands out every frame besides:
 * it takes a share of READER_SHARE where another lane takes LANE_SHARE. */
static unsigned lane_of_hash(uint32_t h, unsigned n)
{
	uint64_t shares = READER_SHARE + (uint64_t)LANE_SHARE * (n - 1);
	uint64_t at = ((uint64_t)h * shares) >> 32;

	return at < READER_SHARE
		       ? 0
		       : 1 + (unsigned)((at - READER_SHARE) / LANE_SHARE);
}

static uint32_t fold(uint64_t h)
{
	return (uint32_t)(h ^ (h >> 32));
}

static unsigned lane_of_packet(struct frag_lanes *frags, unsigned n,
			       const struct packet *p, enum decode_result result)
{
	const struct quoted_tuple *q = &p->quoted;
	struct flow_key k;

	if (n < 2 || result != DECODE_OK)
		return 0;
	if (p->icmp_error && q->valid) { /* where the pipeline ties it */
		flow_key_of_tuple(&k, q->proto, &q->src, q->sport, &q->dst,
				  q->dport);
		return lane_of_hash(flow_key_hash(&k), n);
	}
	if (p->fragment && !p->first_fragment) {
		uint64_t d = datagram_hash(p);
		size_t slot = d % FRAG_SLOTS;
		if (frags && frags->key[slot] == d)
			return frags->lane[slot];
		return lane_of_hash(fold(pair_hash(&p->src, &p->dst, p->proto)),
				    n);
	}
	flow_key_of(p, &k);
	unsigned lane = lane_of_hash(flow_key_hash(&k), n);
	if (p->fragment && frags) {
		uint64_t d = datagram_hash(p);
		frags->key[d % FRAG_SLOTS] = d;
		frags->lane[d % FRAG_SLOTS] = (uint8_t)lane;
	}
	return lane;
}

unsigned workers_lane_of(struct frag_lanes *frags, unsigned n, int dlt,
			 const uint8_t *data, size_t caplen)
{
	struct packet pkt;
	enum decode_result d = decode_packet(dlt, data, caplen, &pkt);

	return lane_of_packet(frags, n, &pkt, d);
}

/* ---- batches: the reader's side ---- */

static size_t rec_size(size_t caplen)
{
	size_t n = sizeof(struct rec) + caplen;

	return (n + REC_ALIGN - 1) & ~(size_t)(REC_ALIGN - 1);
}

static size_t size_of(const struct rec *r)
{
	if (r->kind == REC_TICKS)
		return rec_size(r->caplen * sizeof(uint64_t));
	return rec_size(r->kind == REC_FRAME
				? sizeof(struct decoded) + r->caplen
				: 0);
}

static uint32_t offset_in(const uint8_t *p, const uint8_t *data,
			  size_t caplen)
{
	if (!p || p < data || p > data + caplen)
		return NO_OFFSET;
	return (uint32_t)(p - data);
}

static const uint8_t *at_offset(uint32_t off, const uint8_t *data)
{
	return off == NO_OFFSET ? NULL : data + off;
}

/* The decoded frame, for the lane: pointers into data (the frame as the
 * batch holds it). */
static void store_decoded(struct decoded *x, const struct packet *p,
			  enum decode_result d, const uint8_t *data,
			  size_t caplen)
{
	x->pkt = *p;
	x->result = (int32_t)d;
	x->ip = offset_in(p->ip, data, caplen);
	x->frag_data = offset_in(p->frag_data, data, caplen);
	x->payload = offset_in(p->payload, data, caplen);
	x->pkt.ip = x->pkt.frag_data = x->pkt.payload = NULL;
}

static void load_decoded(const struct decoded *x, const uint8_t *data,
			 struct packet *p)
{
	*p = x->pkt;
	p->ip = at_offset(x->ip, data);
	p->frag_data = at_offset(x->frag_data, data);
	p->payload = at_offset(x->payload, data);
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

static void run_put_off(struct lane *l, bool wait);

/* Waits on the lane's cond, l->lock held, until told or ns have passed. */
static void wait_a_while(struct lane *l, long ns)
{
	struct timespec until;

	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_nsec += ns;
	if (until.tv_nsec >= NS_PER_SEC) {
		until.tv_sec++;
		until.tv_nsec -= NS_PER_SEC;
	}
	pthread_cond_timedwait(&l->cond, &l->lock, &until);
}
static bool run_batch(struct lane *l, const struct batch *b);
static void give_back(struct lane *l, struct batch *b);

static void hand_over(struct lane *l)
{
	struct batch *b = l->gather;
	struct lane *reader = &l->w->lane[0];

	if (!b || !b->used)
		return;
	l->gather = NULL;
	l->ticks = NULL;
	if (l == reader) { /* the reader's own lane: its records, now */
		run_batch(l, b);
		give_back(l, b);
		return;
	}
	pthread_mutex_lock(&l->lock);
	while (l->queued >= QUEUE_MAX) {
		/* The reader's sections put off may be what the lane waits
		 * for: they run as their turns come. */
		pthread_mutex_unlock(&l->lock);
		run_put_off(reader, false);
		pthread_mutex_lock(&l->lock);
		if (l->queued >= QUEUE_MAX)
			wait_a_while(l, PARK_CHECK_NS / 10);
	}
	if (l->tail)
		l->tail->next = b;
	else
		l->head = b;
	l->tail = b;
	l->queued++;
	pthread_cond_broadcast(&l->cond);
	pthread_mutex_unlock(&l->lock);
}

/* The other lanes' batches first: the reader's lane may wait on them. */
void workers_flush(struct workers *w)
{
	for (unsigned i = w->n; i-- > 0;)
		hand_over(&w->lane[i]);
	w->round = 0;
}

/* Room in each lane's batch for the records of one number (flushing
 * first when a lane has none), so that no batch is handed over with a
 * number half given out. */
static void make_room(struct workers *w, unsigned to, bool frame,
		      size_t bytes)
{
	for (unsigned i = 0; i < w->n; i++) {
		const struct lane *l = &w->lane[i];
		size_t need = i == to || !frame ? rec_size(bytes)
						: rec_size(sizeof(uint64_t));
		if (l->gather && l->gather->cap - l->gather->used < need) {
			workers_flush(w);
			return;
		}
	}
}

static struct rec *reserve(struct lane *l, size_t size)
{
	if (!l->gather)
		l->gather = batch_for(l, size);
	struct rec *r = (struct rec *)(l->gather->data + l->gather->used);
	l->gather->used += size;
	l->ticks = NULL;
	memset(r, 0, sizeof *r);
	return r;
}

/* Another lane's frame, for lane l: its time, added to the run of times
 * the lane's batch ends with, or a new run. */
static void add_tick(struct lane *l, uint64_t seq,
		     uint64_t ts, uint64_t before)
{
	struct rec *run = l->ticks;

	if (run && run->seq + run->caplen == seq &&
	    l->gather->cap - l->gather->used >= sizeof ts) {
		memcpy(l->gather->data + l->gather->used, &ts, sizeof ts);
		l->gather->used += sizeof ts;
		run->caplen++;
		return;
	}
	run = reserve(l, rec_size(sizeof ts));
	run->seq = seq;
	run->before_us = before;
	run->kind = REC_TICKS;
	run->caplen = 1;
	memcpy(run + 1, &ts, sizeof ts);
	l->ticks = run;
}

/* One sequence number: `to` gets the record of `kind` with room for
 * `bytes` after it, every other lane the time. */
static struct rec *give_out(struct workers *w, unsigned to,
			    enum rec_kind kind, uint64_t ts, size_t bytes)
{
	uint64_t seq, before;
	struct rec *mine = NULL;

	make_room(w, to, kind == REC_FRAME, bytes);
	seq = ++w->seq;
	before = w->latest_us;
	for (unsigned i = 0; i < w->n; i++) {
		if (i != to && kind == REC_FRAME) {
			add_tick(&w->lane[i], seq, ts, before);
			continue;
		}
		struct rec *r = reserve(&w->lane[i], rec_size(bytes));
		r->seq = seq;
		r->ts_us = ts;
		r->before_us = before;
		r->kind = kind;
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
	struct packet pkt;
	enum decode_result d = decode_packet(dlt, data, h->caplen, &pkt);
	unsigned to = lane_of_packet(w->frags, w->n, &pkt, d);
	uint64_t ts = capture_ts_us(h); /* as the pipeline takes it */
	struct rec *r = give_out(w, to, REC_FRAME, ts,
				 sizeof(struct decoded) + h->caplen);
	struct decoded *x = (struct decoded *)(r + 1);

	r->dlt = dlt;
	r->len = h->len;
	r->caplen = h->caplen;
	r->tv_sec = h->ts.tv_sec;
	r->tv_usec = h->ts.tv_usec;
	store_decoded(x, &pkt, d, data, h->caplen);
	memcpy(x + 1, data, h->caplen);
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

/*
 * What the lane tells the others: the last number it is done with, its
 * sections included.  A section put off holds it back, so that no lane
 * runs a later section before it.
 */
static void publish(struct lane *l)
{
	uint64_t done = l->finished;

	if (l->put_off && l->put_off->seq - 1 < done)
		done = l->put_off->seq - 1;
	if (atomic_load_explicit(&l->done, memory_order_relaxed) == done)
		return;
	atomic_store(&l->done, done);
	for (unsigned i = 0; i < l->w->n; i++) {
		struct lane *o = &l->w->lane[i];
		if (o != l && atomic_load(&o->parked)) {
			pthread_mutex_lock(&o->lock);
			pthread_cond_broadcast(&o->cond);
			pthread_mutex_unlock(&o->lock);
		}
	}
}

/* Whether a section of frame seq may run on lane `lane`: the lanes
 * before it are done with seq itself (their idle flows end before this
 * lane's, in one order every run), the others with the frames before it.
 * Once the input has ended, every lane's sections of before the end must
 * have run, and then any order will do. */
static bool turn_come(const struct workers *w, unsigned lane, uint64_t seq,
		      bool ending)
{
	for (unsigned i = 0; i < w->n; i++) {
		uint64_t need = i < lane && !ending ? seq : seq - 1;
		if (i != lane && atomic_load_explicit(&w->lane[i].done,
						      memory_order_acquire) < need)
			return false;
	}
	return true;
}

/* Sleeps, l->lock held, until another lane gets on (publish wakes it)
 * or a batch comes. */
static void park(struct lane *l, uint64_t seq, bool ending)
{
	atomic_store(&l->parked, true);
	if (!turn_come(l->w, l->index, seq, ending))
		wait_a_while(l, PARK_CHECK_NS);
	atomic_store(&l->parked, false);
}

static void wait_turn(struct lane *l, uint64_t seq, bool ending)
{
	unsigned spins = 0;

	while (!turn_come(l->w, l->index, seq, ending)) {
		if (++spins < SPINS_BEFORE_PARK)
			continue;
		pthread_mutex_lock(&l->lock);
		park(l, seq, ending);
		pthread_mutex_unlock(&l->lock);
	}
}

/* Runs the sections put off whose turn has come, oldest first; all of
 * them, waiting for their turns, with `wait`. */
static void run_put_off(struct lane *l, bool wait)
{
	struct workers *w = l->w;
	struct deferred *d;
	uint64_t seq = l->seq, before = l->before_us;

	while ((d = l->put_off) != NULL) {
		if (!turn_come(w, l->index, d->seq, false)) {
			if (!wait)
				break;
			wait_turn(l, d->seq, false);
		}
		/* Its turn has come and stays until it is done (nothing is
		 * published meanwhile): what it enters, it enters at once. */
		l->seq = d->seq;
		l->before_us = d->before_us;
		l->running = true;
		d->fn(l->ctx, d->arg);
		l->running = false;
		l->put_off = d->next;
		if (!l->put_off)
			l->put_off_last = NULL;
		free(d);
		publish(l);
	}
	l->seq = seq;
	l->before_us = before;
}

bool workers_defer(struct workers *w, unsigned lane,
		   void (*fn)(void *lane, void *arg), void *arg)
{
	struct lane *l = &w->lane[lane];
	struct deferred *d;

	if (w->fanout || l->ending || l->depth || !(d = malloc(sizeof *d)))
		return false;
	*d = (struct deferred){ NULL, l->seq, l->before_us, fn, arg };
	if (l->put_off_last)
		l->put_off_last->next = d;
	else
		l->put_off = d;
	l->put_off_last = d;
	return true;
}

/* The next batch; while none has come, the sections put off run as their
 * turns come. */
static struct batch *take(struct lane *l)
{
	struct batch *b;

	pthread_mutex_lock(&l->lock);
	while (!l->head) {
		if (!l->put_off) {
			pthread_cond_wait(&l->cond, &l->lock);
			continue;
		}
		pthread_mutex_unlock(&l->lock);
		run_put_off(l, false);
		pthread_mutex_lock(&l->lock);
		if (l->put_off && !l->head)
			park(l, l->put_off->seq, false);
	}
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
		const struct decoded *x = (const struct decoded *)(r + 1);
		const uint8_t *data = (const uint8_t *)(x + 1);
		struct packet pkt;
		load_decoded(x, data, &pkt);
		w->ops.frame(l->ctx, r->dlt, &h, data, &pkt,
			     (enum decode_result)x->result);
		break;
	}
	case REC_TICKS: {
		const uint8_t *t = (const uint8_t *)(r + 1);
		uint64_t before = r->before_us, ts;
		for (uint32_t k = 0; k < r->caplen; k++) {
			memcpy(&ts, t + k * sizeof ts, sizeof ts);
			l->seq = r->seq + k;
			l->before_us = before;
			w->ops.clock(l->ctx, ts);
			if (ts > before)
				before = ts;
		}
		break;
	}
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
		run_put_off(l, true);
		l->ending = true;
		w->ops.end(l->ctx);
		break;
	}
	l->finished = l->seq;
	run_put_off(l, false);
	publish(l);
	return r->kind != REC_END;
}

/* Returns false after the last record. */
static bool run_batch(struct lane *l, const struct batch *b)
{
	bool more = true;

	for (size_t off = 0; more && off < b->used;) {
		const struct rec *r = (const struct rec *)(b->data + off);
		more = run_record(l, r);
		off += size_of(r);
	}
	return more;
}

static void *lane_main(void *arg)
{
	struct lane *l = arg;
	bool more = true;

	while (more) {
		struct batch *b = take(l);
		more = run_batch(l, b);
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
	/* --fanout: in the order they come (live, nothing to keep) */
	if (!w->fanout && !l->running) {
		run_put_off(l, true); /* they come before, in the lane's order */
		wait_turn(l, l->seq, l->ending);
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

/* --fanout: a lane reads its own socket until pump says to stop. */
static void *fanout_main(void *arg)
{
	struct lane *l = arg;
	struct workers *w = l->w;

	while (!w->stop && w->ops.pump(l->ctx))
		;
	l->ending = true;
	w->ops.end(l->ctx);
	if (l->index)
		slab_release(); /* lane 0 is the caller's thread */
	return NULL;
}

void workers_fanout_time(struct workers *w, unsigned lane, uint64_t ts_us)
{
	struct lane *l = &w->lane[lane];

	if (ts_us > l->before_us)
		l->before_us = ts_us;
}

/* ---- starting and ending ---- */

/* Lanes 1 to n-1 on threads of their own, which take no signal: the
 * caller's thread handles them. */
static int start_threads(struct workers *w, void *(*lane_fn)(void *),
			 char *err, size_t errlen)
{
	sigset_t all, old;
	int rc = 0;

	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	for (unsigned i = 1; i < w->n && rc == 0; i++) {
		rc = pthread_create(&w->lane[i].thread, NULL, lane_fn,
				    &w->lane[i]);
		if (rc != 0)
			snprintf(err, errlen, "workers: thread %u: %s", i + 1,
				 strerror(rc));
		else
			w->lane[i].started = true;
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return rc == 0 ? 0 : -1;
}

static struct workers *start(unsigned n, void *const *lanes,
			     const struct worker_ops *ops, bool fanout,
			     char *err, size_t errlen)
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
	w->fanout = fanout;
	for (unsigned i = 0; i < n; i++) {
		struct lane *l = &w->lane[i];
		l->w = w;
		l->index = i;
		l->ctx = lanes[i];
		pthread_mutex_init(&l->lock, NULL);
		pthread_cond_init(&l->cond, NULL);
		atomic_init(&l->done, 0);
		atomic_init(&l->parked, false);
	}
	/* Lane 0 is the reader's own: it runs its records as it hands the
	 * others theirs.  --fanout: the threads start in workers_run_fanout,
	 * where lane 0 reads its socket in the caller's thread. */
	if (!fanout && start_threads(w, lane_main, err, errlen) < 0) {
		workers_finish(w);
		workers_free(w);
		return NULL;
	}
	return w;
}

struct workers *workers_new(unsigned n, void *const *lanes,
			    const struct worker_ops *ops, char *err,
			    size_t errlen)
{
	return start(n, lanes, ops, false, err, errlen);
}

struct workers *workers_new_fanout(unsigned n, void *const *lanes,
				   const struct worker_ops *ops, char *err,
				   size_t errlen)
{
	return start(n, lanes, ops, true, err, errlen);
}

int workers_run_fanout(struct workers *w, char *err, size_t errlen)
{
	if (start_threads(w, fanout_main, err, errlen) < 0) {
		/* what the kernel hands a socket nobody reads is lost */
		w->stop = true;
		workers_finish(w);
		return -1;
	}
	fanout_main(&w->lane[0]);
	w->stop = true; /* lane 0 has stopped: so do the others */
	workers_finish(w);
	return 0;
}

void workers_finish(struct workers *w)
{
	if (!w || w->finished)
		return;
	w->finished = true;
	if (!w->fanout) {
		give_out(w, 0, REC_END, w->latest_us, 0);
		workers_flush(w);
	}
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
