/* \summary: labels for flows: payload recognisers, signalling, port tables */
#include <ctype.h>
#include <limits.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uthash.h>

#include "vcflow/callevent.h"
#include "vcflow/classify.h"
#include "vcflow/sip.h"
#include "vcflow/slab.h"
#include "vcflow/stream.h"
#include "vcflow/text.h"

/* A flow's payload is looked at for at most this many packets (beyond
 * which every recogniser's own budget is spent anyway). */
#define INSPECT_MAX_PKTS 16
/* ICE (RFC 8445) may exchange STUN checks and a DTLS handshake for a while
 * before the media starts on the same 5-tuple: a flow that has shown only
 * those is looked at this long. */
#define INSPECT_ICE_MAX_PKTS 200
/* A recogniser still undecided after this many packets of a flow has seen
 * enough to say the flow is not its protocol. */
#define INSPECT_REFUTE_PKTS 8
/* Announced media kept at most; the oldest are forgotten first. */
#define EXPECT_MAX 65536
/* Calls whose product is remembered for the media they announce. */
#define CALLS_MAX 4096
/* What all flows' large signalling messages (SIP over TCP, up to 64 KiB
 * each) may hold together while they are being reassembled. */
#define STREAM_POOL_CAP (64u * 1024 * 1024)
/* Product strings already mapped through the patterns: a site's phones
 * send the same few, and fnmatch over every pattern is not cheap. */
#define PRODUCT_CACHE_SLOTS 4096

static const char *const evidence_names[] = {
	[PEV_NONE] = NULL,
	[PEV_PORT] = "port",
	[PEV_SIGNALED] = "signaled",
	[PEV_PAYLOAD] = "payload",
};

const char *product_evidence_name(enum product_evidence e)
{
	return e <= PEV_PAYLOAD ? evidence_names[e] : NULL;
}

static const char *const confidence_names[] = {
	[CONF_NONE] = "none",
	[CONF_PORT] = "port",
	[CONF_SIGNALED] = "signaled",
	[CONF_PAYLOAD] = "payload",
};

const char *confidence_name(enum confidence c)
{
	return c <= CONF_PAYLOAD ? confidence_names[c] : "none";
}

/* snprintf(dst, size, "%s", src) without the formatting: the same bytes,
 * cut the same way. */
static void copy_text(char *dst, size_t size, const char *src)
{
	size_t n = strlen(src);

	if (n >= size)
		n = size - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

/* ---- expectations: media that signalling announced ---- */

struct expect_key {
	struct addr addr;
	uint16_t port;
	uint8_t transport; /* PROTO_UDP / PROTO_TCP */
	uint8_t pad;
};

struct expectation {
	struct expect_key key;
	UT_hash_handle hh;
	struct expectation *next_fifo;
	enum app app;
	const char *what;
	bool via_nat;
	bool matched;
	char call_id[PROTO_CALLID_MAX];
	char product[PROTO_PRODUCT_MAX];
};

struct tcp_hold;

struct recog_slot {
	void *state; /* state_size bytes */
	/* What it found, kept once it said yes; until then it writes into
	 * the classifier's scratch report, as no recogniser writes a report
	 * before its yes (an undecided flow carries no report per slot). */
	struct proto_report *rep;
	unsigned seen;
	uint8_t rec; /* which recogniser: recognisers[rec] */
	bool done, said_yes;
};

/* A TCP flow's place in each direction's bytes (UDP flows have none). */
struct tcp_order {
	struct tcp_hold *hold;	 /* segments ahead of a hole, or NULL */
	uint32_t next_seq[2];
	bool seq_known[2];
	bool cut[2];		 /* the capture cut the last segment short */
};

struct inspection {
	struct tcp_order *tcp; /* allocated at the first TCP segment */
	unsigned pkts;
	int8_t decided; /* index of the non-provisional recogniser that said
			   yes, or -1 */
	uint8_t n_slots;
	/* One for each recogniser of the flow's transport still looking,
	 * in their order, in the same block: a slot is dropped once done. */
	struct recog_slot slot[];
};

static const struct recogniser *rec_of(const struct inspection *in, size_t j)
{
	return recognisers[in->slot[j].rec];
}

/* A call's product as its signalling named it, for the media it sets up. */
struct call_product {
	char call_id[PROTO_CALLID_MAX];
	UT_hash_handle hh;
	char product[PROTO_PRODUCT_MAX];
};

struct product_memo {
	char text[PROTO_PRODUCT_MAX];
	const char *named; /* NULL: no pattern matches */
	bool used;
};

/*
 * What signalling announced, read when the flows it names end: shared by
 * the classifiers of all workers, each reaching it only inside its
 * guard's section.
 */
struct signalled {
	struct call_product *calls;
	size_t n_calls;
	struct expectation *expect;
	struct expectation *fifo_head, *fifo_tail;
	size_t n_expect;
	uint64_t announcements;
};

struct classifier {
	const struct sig_set *sigs;
	struct signalled *media; /* the first classifier's */
	bool owns_media;
	struct classify_guard guard; /* no-ops for a classifier alone */
	char remembered[PROTO_CALLID_MAX]; /* the call remember_call saw last */
	const char *flow_id; /* of the flow in hand, for what signalling does */
	struct sig_memo *sig_memo; /* the port tables' answers by port */
	struct product_memo memo[PRODUCT_CACHE_SLOTS];
	struct flow_labels labels; /* of the flow ending now */
	struct classify_observer observer[CLASSIFY_MAX_OBSERVERS];
	size_t n_observers;
	struct classify_stats stats;
	struct stream_pool streams; /* recognisers' large message buffers */
	struct proto_report scratch; /* the report of a recogniser not yet sure */
};

static void no_guard(void *ctx)
{
	(void)ctx;
}

struct classifier *classifier_new(const struct sig_set *sigs)
{
	return classifier_new_sharing(sigs, NULL, NULL);
}

struct classifier *classifier_new_sharing(const struct sig_set *sigs,
					  struct classifier *first,
					  const struct classify_guard *guard)
{
	struct classifier *c = calloc(1, sizeof *c);

	if (!c)
		return NULL;
	c->sigs = sigs;
	c->streams.cap = STREAM_POOL_CAP;
	c->sig_memo = sig_memo_new(); /* NULL: matched afresh */
	c->guard = guard ? *guard
			 : (struct classify_guard){ no_guard, no_guard, NULL,
						   NULL };
	c->media = first ? first->media : calloc(1, sizeof *c->media);
	c->owns_media = !first;
	if (!c->media) {
		free(c);
		return NULL;
	}
	return c;
}

void classifier_free(struct classifier *c)
{
	struct expectation *e, *tmp;

	if (!c)
		return;
	sig_memo_free(c->sig_memo);
	if (!c->owns_media) {
		free(c);
		return;
	}
	HASH_ITER(hh, c->media->expect, e, tmp)
	{
		HASH_DEL(c->media->expect, e);
		free(e);
	}
	struct call_product *cp, *ctmp;
	HASH_ITER(hh, c->media->calls, cp, ctmp)
	{
		HASH_DEL(c->media->calls, cp);
		free(cp);
	}
	free(c->media);
	free(c);
}

bool classifier_observe(struct classifier *c,
			const struct classify_observer *obs)
{
	if (c->n_observers == CLASSIFY_MAX_OBSERVERS)
		return false;
	c->observer[c->n_observers++] = *obs;
	return true;
}

void classify_each_expectation(const struct classifier *c,
			       void (*fn)(void *ctx,
					  const struct classify_expect_info *e),
			       void *ctx)
{
	for (const struct expectation *e = c->media->fifo_head; e; e = e->next_fifo) {
		struct classify_expect_info info = {
			&e->key.addr, e->key.port, e->key.transport, e->app,
			e->what,      e->call_id,  e->via_nat,	     e->matched,
		};
		fn(ctx, &info);
	}
}

/*
 * ---- what signalling does to what flows share ----
 *
 * A SIP message, a call's event, an announcement, a call's product: each
 * reaches the shared tables and the observers in the guard's section.
 * With workers, the guard may put it off until its turn, so the message
 * is copied whole (its strings too, whatever their length) with the flow
 * it came on; otherwise it runs at once.
 */
enum effect_kind { FX_SIP, FX_CALL_EVENT, FX_ANNOUNCE, FX_CALL_PRODUCT };

struct effect {
	enum effect_kind kind;
	struct classifier *c;
	struct proto_pkt from; /* its payload not kept */
	bool has_from;
	char flow_id[sizeof ((struct flow *)0)->flow_id];
	union {
		struct sip_message sip;
		struct call_event event;
		struct proto_announce announce;
		struct {
			char call_id[PROTO_CALLID_MAX];
			char product[PROTO_PRODUCT_MAX];
		} call;
	} u;
	char strings[]; /* what the pointers point to */
};

static void add_call_product(struct classifier *c, const char *call_id,
			     const char *product);
static void announce(struct classifier *c, const struct proto_pkt *from,
		     const struct proto_announce *a);

static void effect_run(struct effect *x)
{
	struct classifier *c = x->c;
	const struct proto_pkt *from = x->has_from ? &x->from : NULL;

	switch (x->kind) {
	case FX_SIP:
		for (size_t i = 0; i < c->n_observers; i++)
			if (c->observer[i].sip)
				c->observer[i].sip(c->observer[i].ctx, from,
						   &x->u.sip, x->flow_id);
		break;
	case FX_CALL_EVENT:
		for (size_t i = 0; i < c->n_observers; i++)
			if (c->observer[i].call_event)
				c->observer[i].call_event(c->observer[i].ctx,
							  from, &x->u.event,
							  x->flow_id);
		break;
	case FX_ANNOUNCE:
		announce(c, from, &x->u.announce);
		break;
	case FX_CALL_PRODUCT:
		add_call_product(c, x->u.call.call_id, x->u.call.product);
		break;
	}
}

/* Runs it in its section, then frees it: now, or put off. */
static void effect_in_section(void *lane, void *arg)
{
	struct effect *x = arg;
	struct classifier *c = x->c;

	(void)lane;
	c->guard.enter(c->guard.ctx);
	effect_run(x);
	c->guard.leave(c->guard.ctx);
	free(x);
}

static void effect_do(struct effect *x)
{
	struct classifier *c = x->c;

	if (!c->guard.defer ||
	    !c->guard.defer(c->guard.ctx, effect_in_section, x))
		effect_in_section(NULL, x);
}

static size_t text_size(const char *s)
{
	return s ? strlen(s) + 1 : 0;
}

/* Copies s into x's strings at *at; the copy, or NULL for NULL. */
static const char *keep_text(struct effect *x, size_t *at, const char *s)
{
	char *kept;

	if (!s)
		return NULL;
	kept = x->strings + *at;
	memcpy(kept, s, strlen(s) + 1);
	*at += strlen(s) + 1;
	return kept;
}

/* An effect with room for `strings` bytes of text, from the classifier's
 * flow in hand; NULL when memory runs out (the effect is lost: counted
 * nowhere, as a message the recogniser could not read). */
static struct effect *effect_new(struct classifier *c, enum effect_kind kind,
				 const struct proto_pkt *from, size_t strings)
{
	struct effect *x = malloc(sizeof *x + strings);

	if (!x)
		return NULL;
	x->kind = kind;
	x->c = c;
	x->has_from = from != NULL;
	if (from) {
		x->from = *from;
		x->from.data = NULL;
		x->from.len = 0;
	}
	copy_text(x->flow_id, sizeof x->flow_id, c->flow_id ? c->flow_id : "");
	return x;
}

static void on_sip(void *ctx, const struct proto_pkt *from,
		   const struct sip_message *m)
{
	struct effect *x = effect_new(ctx, FX_SIP, from, 0);

	if (x) {
		x->u.sip = *m;
		effect_do(x);
	}
}

static void on_call_event(void *ctx, const struct proto_pkt *from,
			  const struct call_event *e)
{
	size_t n = text_size(e->call_id) +
		   text_size(e->message) + text_size(e->reason) +
		   text_size(e->caller) + text_size(e->callee) +
		   text_size(e->product), at = 0;
	struct effect *x = effect_new(ctx, FX_CALL_EVENT, from, n);

	if (!x)
		return;
	x->u.event = *e; /* its protocol is a name that stays */
	x->u.event.call_id = keep_text(x, &at, e->call_id);
	x->u.event.message = keep_text(x, &at, e->message);
	x->u.event.reason = keep_text(x, &at, e->reason);
	x->u.event.caller = keep_text(x, &at, e->caller);
	x->u.event.callee = keep_text(x, &at, e->callee);
	x->u.event.product = keep_text(x, &at, e->product);
	effect_do(x);
}

void classify_stats(const struct classifier *c, struct classify_stats *s)
{
	*s = c->stats;
	s->announcements = c->media->announcements;
}

static void expect_forget_oldest(struct classifier *c)
{
	struct expectation *e = c->media->fifo_head;

	if (!e)
		return;
	c->media->fifo_head = e->next_fifo;
	if (!c->media->fifo_head)
		c->media->fifo_tail = NULL;
	HASH_DEL(c->media->expect, e);
	free(e);
	c->media->n_expect--;
}

static void expect_add(struct classifier *c, const struct addr *addr,
		       uint16_t port, const struct proto_announce *a,
		       bool via_nat)
{
	struct expectation *e;
	struct expect_key k;

	memset(&k, 0, sizeof k);
	k.addr = *addr;
	k.port = port;
	k.transport = a->transport;
	HASH_FIND(hh, c->media->expect, &k, sizeof k, e);
	if (e) {
		if (via_nat && !e->via_nat)
			return; /* the exact announcement stays */
		if (e->app == APP_RTP && a->app == APP_RTCP)
			return; /* rtcp-mux: the port is the media's */
	} else {
		if (c->media->n_expect >= EXPECT_MAX)
			expect_forget_oldest(c);
		e = calloc(1, sizeof *e);
		if (!e)
			return;
		e->key = k;
		HASH_ADD(hh, c->media->expect, key, sizeof e->key, e);
		if (c->media->fifo_tail)
			c->media->fifo_tail->next_fifo = e;
		else
			c->media->fifo_head = e;
		c->media->fifo_tail = e;
		c->media->n_expect++;
	}
	e->app = a->app;
	e->what = a->what;
	e->via_nat = via_nat;
	snprintf(e->call_id, sizeof e->call_id, "%s",
		 a->call_id ? a->call_id : "");
	snprintf(e->product, sizeof e->product, "%s",
		 a->product ? a->product : "");
}

/*
 * The announced address is where media will arrive; behind NAT it is a
 * private one while the packets come from the public address that sent
 * the signalling, so that address and port are expected too.
 */
static struct expectation *expect_find(const struct classifier *c,
					     uint8_t transport,
					     const struct addr *addr,
					     uint16_t port);

static void announce(struct classifier *c, const struct proto_pkt *from,
		     const struct proto_announce *a)
{
	struct proto_announce named;
	char call_id[PROTO_CALLID_MAX];

	if (a->port == 0)
		return;
	/* H.245 names no call: what it opens belongs to the call that
	 * announced the H.245 channel itself. */
	if ((!a->call_id || !a->call_id[0]) && from) {
		const struct expectation *ch =
			expect_find(c, from->transport, &from->dst, from->dport);
		if (!ch || !ch->call_id[0])
			ch = expect_find(c, from->transport, &from->src,
					 from->sport);
		if (ch && ch->call_id[0]) {
			snprintf(call_id, sizeof call_id, "%s", ch->call_id);
			named = *a;
			named.call_id = call_id;
			a = &named;
		}
	}
	c->media->announcements++;
	expect_add(c, &a->addr, a->port, a, false);
	if (from && addr_cmp(&from->src, &a->addr) != 0)
		expect_add(c, &from->src, a->port, a, true);
}

static void on_announce(void *ctx, const struct proto_pkt *from,
			const struct proto_announce *a)
{
	size_t at = 0;
	struct effect *x = effect_new(ctx, FX_ANNOUNCE, from,
				      text_size(a->call_id) +
					      text_size(a->product));

	if (!x)
		return;
	x->u.announce = *a; /* `what` names a kind: a string that stays */
	x->u.announce.call_id = keep_text(x, &at, a->call_id);
	x->u.announce.product = keep_text(x, &at, a->product);
	effect_do(x);
}

static struct expectation *expect_find(const struct classifier *c,
					     uint8_t transport,
					     const struct addr *addr,
					     uint16_t port)
{
	struct expectation *e;
	struct expect_key k;

	memset(&k, 0, sizeof k);
	k.addr = *addr;
	k.port = port;
	k.transport = transport;
	HASH_FIND(hh, c->media->expect, &k, sizeof k, e);
	return e;
}

static void add_call_product(struct classifier *c, const char *call_id,
			     const char *product)
{
	struct call_product *cp;

	HASH_FIND_STR(c->media->calls, call_id, cp);
	if (cp)
		return;
	if (c->media->n_calls >= CALLS_MAX) {
		cp = c->media->calls; /* the oldest added */
		HASH_DEL(c->media->calls, cp);
		free(cp);
		c->media->n_calls--;
	}
	if (!(cp = calloc(1, sizeof *cp)))
		return;
	memcpy(cp->call_id, call_id, sizeof cp->call_id);
	memcpy(cp->product, product, sizeof cp->product);
	HASH_ADD_STR(c->media->calls, call_id, cp);
	c->media->n_calls++;
}

static void remember_call(struct classifier *c, const struct proto_report *r)
{
	struct effect *x;

	if (!r->call_id[0] || !r->product[0] ||
	    !strcmp(c->remembered, r->call_id))
		return; /* every message of a call reports it again */
	memcpy(c->remembered, r->call_id, sizeof c->remembered);
	if (!(x = effect_new(c, FX_CALL_PRODUCT, NULL, 0)))
		return;
	memcpy(x->u.call.call_id, r->call_id, sizeof x->u.call.call_id);
	memcpy(x->u.call.product, r->product, sizeof x->u.call.product);
	effect_do(x);
}

static const char *call_product(const struct classifier *c,
				const char *call_id)
{
	struct call_product *cp;

	HASH_FIND_STR(c->media->calls, call_id, cp);
	return cp ? cp->product : NULL;
}

/* ---- inspection ---- */

static struct flow_class *class_of(struct flow *f)
{
	if (!f->cls)
		f->cls = slab_alloc(sizeof *f->cls);
	return f->cls;
}

static size_t inspection_size(size_t n_slots)
{
	return sizeof(struct inspection) + n_slots * sizeof(struct recog_slot);
}

static void slot_close(const struct recogniser *r, struct recog_slot *s)
{
	if (s->state) {
		if (r->release)
			r->release(s->state);
		slab_free(s->state, r->state_size);
		s->state = NULL;
	}
	free(s->rep);
	s->rep = NULL;
	s->done = true;
}

static void inspection_end(struct flow_class *fc)
{
	struct inspection *in = fc->insp;

	if (!in)
		return;
	for (size_t i = 0; i < in->n_slots; i++) {
		struct recog_slot *s = &in->slot[i];
		/* Still unsure after this many packets: not its protocol. */
		if (!s->done && !s->said_yes && s->seen >= INSPECT_REFUTE_PKTS)
			fc->apps_refuted |= 1u << rec_of(in, i)->app;
		slot_close(rec_of(in, i), s);
	}
	if (in->tcp) {
		free(in->tcp->hold);
		slab_free(in->tcp, sizeof *in->tcp);
	}
	slab_free(in, inspection_size(in->n_slots));
	fc->insp = NULL;
	fc->inspected = true;
}

/* Before media is seen, a 5-tuple that carried STUN is labelled by its ICE
 * role, whatever DTLS follows (CONTRACT; RFC 7983). */
static int provisional_rank(enum app app)
{
	return app == APP_STUN ? 2 : app == APP_DTLS ? 1 : 0;
}

/*
 * A decided flow keeps its report's texts one after the other, not in
 * the report's fixed arrays (344 bytes, mostly empty).
 */
struct kept_report {
	uint64_t ice_ufrag[2];
	enum app app;
	uint16_t product_at, call_id_at; /* offsets into text */
	char text[]; /* detail, product, call_id, each with its NUL */
};

static size_t text_len(const char *s, size_t size)
{
	const char *nul = memchr(s, '\0', size);

	return nul ? (size_t)(nul - s) : size - 1;
}

static struct kept_report *report_pack(const struct proto_report *rep)
{
	size_t d = text_len(rep->detail, sizeof rep->detail),
	       p = text_len(rep->product, sizeof rep->product),
	       c = text_len(rep->call_id, sizeof rep->call_id);
	struct kept_report *k = malloc(sizeof *k + d + p + c + 3);

	if (!k)
		return NULL;
	memcpy(k->ice_ufrag, rep->ice_ufrag, sizeof k->ice_ufrag);
	k->app = rep->app;
	k->product_at = (uint16_t)(d + 1);
	k->call_id_at = (uint16_t)(d + 1 + p + 1);
	memcpy(k->text, rep->detail, d);
	k->text[d] = '\0';
	memcpy(k->text + k->product_at, rep->product, p);
	k->text[k->product_at + p] = '\0';
	memcpy(k->text + k->call_id_at, rep->call_id, c);
	k->text[k->call_id_at + c] = '\0';
	return k;
}

const struct proto_report *classify_report(const struct flow_class *fc)
{
	static _Thread_local struct proto_report unpacked;
	const struct kept_report *k = fc->report;

	memset(&unpacked, 0, sizeof unpacked);
	if (k) {
		unpacked.app = k->app;
		memcpy(unpacked.ice_ufrag, k->ice_ufrag,
		       sizeof unpacked.ice_ufrag);
		copy_text(unpacked.detail, sizeof unpacked.detail, k->text);
		copy_text(unpacked.product, sizeof unpacked.product,
			  k->text + k->product_at);
		copy_text(unpacked.call_id, sizeof unpacked.call_id,
			  k->text + k->call_id_at);
	}
	return &unpacked;
}

static void take_report(struct flow_class *fc, const struct proto_report *rep,
			enum app app)
{
	/* Only a flow a recogniser named carries a report, packed. */
	struct kept_report *k = report_pack(rep);
	if (k) {
		free(fc->report);
		fc->report = k;
	}
	fc->app = rep->app != APP_UNKNOWN ? rep->app : app;
	fc->confidence = CONF_PAYLOAD;
	fc->apps_seen |= 1u << fc->app;
}

static bool only_ice_seen(const struct flow_class *fc)
{
	const uint32_t ice = 1u << APP_STUN | 1u << APP_DTLS;

	return fc->apps_seen && !(fc->apps_seen & ~ice);
}

/* A recogniser holds part of a message it still wants the rest of. */
static bool message_pending(const struct inspection *in)
{
	for (size_t i = 0; i < in->n_slots; i++) {
		const struct recog_slot *s = &in->slot[i];
		if (!s->done && s->state && rec_of(in, i)->pending &&
		    rec_of(in, i)->pending(s->state))
			return true;
	}
	return false;
}

/* Are we done looking? When a real answer came, or nothing is left. */
static bool inspection_over(const struct flow_class *fc)
{
	const struct inspection *in = fc->insp;
	unsigned limit = only_ice_seen(fc) ? INSPECT_ICE_MAX_PKTS
					   : INSPECT_MAX_PKTS;

	if (in->pkts >= limit && in->decided < 0 && !message_pending(in))
		return true;
	/* Media decided: RTCP beside it is looked for this long at most. */
	if (in->pkts >= INSPECT_ICE_MAX_PKTS && in->decided >= 0 &&
	    !recognisers[in->decided]->follow_budget)
		return true;
	for (size_t i = 0; i < in->n_slots; i++)
		if (!in->slot[i].done)
			return false;
	return true;
}

/* RFC 7983 sec 7: what the first octet of a datagram on a multiplexed
 * 5-tuple says it is; RFC 5761 sec 4: RTCP by its packet type. */
#define DEMUX_STUN_LAST 3u
#define DEMUX_DTLS_FIRST 20u
#define DEMUX_DTLS_LAST 63u
#define DEMUX_TURN_CHANNEL_LAST 79u
#define DEMUX_RTP_FIRST 128u
#define DEMUX_RTP_LAST 191u
#define RTCP_MUX_PT_FIRST 192u
#define RTCP_MUX_PT_LAST 223u

static enum app demux_app(const struct proto_pkt *pp)
{
	uint8_t b0 = pp->data[0];

	if (b0 <= DEMUX_STUN_LAST)
		return APP_STUN;
	if (b0 >= DEMUX_DTLS_FIRST && b0 <= DEMUX_DTLS_LAST)
		return APP_DTLS;
	/* TURN ChannelData carries the media of the channel */
	if (b0 > DEMUX_DTLS_LAST && b0 <= DEMUX_TURN_CHANNEL_LAST)
		return APP_RTP;
	if (b0 >= DEMUX_RTP_FIRST && b0 <= DEMUX_RTP_LAST)
		return pp->len > 1 && pp->data[1] >= RTCP_MUX_PT_FIRST &&
				       pp->data[1] <= RTCP_MUX_PT_LAST
			       ? APP_RTCP
			       : APP_RTP;
	return APP_UNKNOWN;
}

static bool in_multiplex(enum app app)
{
	return app == APP_STUN || app == APP_DTLS || app == APP_RTP ||
	       app == APP_RTCP;
}

/*
 * Once ICE's STUN or DTLS was seen on a 5-tuple, STUN, DTLS, RTP and RTCP
 * share it: each of their recognisers sees only its own packets, so the
 * media that starts after a long handshake, and the RTCP beside it, are
 * still looked at.
 */
static bool sees(const struct recogniser *r, const struct flow_class *fc,
		 const struct proto_pkt *pp)
{
	const uint32_t ice = 1u << APP_STUN | 1u << APP_DTLS;

	if (pp->transport != PROTO_UDP || !(fc->apps_seen & ice) ||
	    !in_multiplex(r->app))
		return true;
	enum app demux = demux_app(pp);
	return demux == APP_UNKNOWN || demux == r->app;
}

/* RTP and RTCP on one port (RFC 5761): one deciding does not stop looking
 * for the other, so both are listed in apps. */
static bool keeps_looking(const struct recogniser *decider,
			  const struct recogniser *other)
{
	return (decider->app == APP_RTCP && other->app == APP_RTP) ||
	       (decider->app == APP_RTP && other->app == APP_RTCP);
}

/* The media's own label wins over RTCP seen first. */
static bool takes_over(const struct recogniser *decider,
		       const struct recogniser *r)
{
	return decider->app == APP_RTCP && r->app == APP_RTP;
}

static void refute(struct flow_class *fc, const struct recogniser *r,
		   const struct recog_slot *s)
{
	if (!s->said_yes && s->seen > 0)
		fc->apps_refuted |= 1u << r->app;
}

static void decide(struct inspection *in, size_t i)
{
	in->decided = (int8_t)in->slot[i].rec;
	for (size_t j = 0; j < in->n_slots; j++)
		if (j != i && !keeps_looking(rec_of(in, i), rec_of(in, j)))
			slot_close(rec_of(in, j), &in->slot[j]);
}

static void run_one(struct classifier *c, struct flow *f, size_t i,
		    const struct proto_pkt *pp)
{
	struct flow_class *fc = f->cls;
	struct inspection *in = fc->insp;
	const struct recogniser *r = rec_of(in, i);
	struct recog_slot *s = &in->slot[i];
	unsigned limit = !s->said_yes ? r->budget
			 : r->follow_budget > UINT_MAX - r->budget
			       ? UINT_MAX
			       : r->budget + r->follow_budget;
	struct proto_sink sink = { .announce = on_announce, .ctx = c,
				   .sip = on_sip, .call_event = on_call_event,
				   .streams = &c->streams };

	if (s->done || !sees(r, fc, pp))
		return;
	if (!(r->transports & pp->transport) || s->seen >= limit) {
		refute(fc, r, s);
		slot_close(r, s);
		return;
	}
	/* A recogniser with lazy_state gets its state at the first packet
	 * it needs it for. */
	if (!s->state && !r->lazy_state &&
	    !(s->state = slab_alloc(r->state_size))) {
		s->done = true;
		return;
	}
	struct proto_report *rep = s->rep ? s->rep : &c->scratch;
	if (!s->rep)
		memset(rep, 0, sizeof *rep);
	s->seen++;
	c->stats.inspected_pkts++;
	enum proto_verdict v = r->search(s->state, pp, rep, &sink);
	if (v == PROTO_STATE) {
		if (s->state || !(s->state = slab_alloc(r->state_size))) {
			s->done = true;
			return;
		}
		v = r->search(s->state, pp, rep, &sink);
	}
	remember_call(c, rep);
	if (v == PROTO_NO) {
		if (s->said_yes && s->rec == in->decided)
			take_report(fc, rep, r->app);
		if (!s->said_yes)
			fc->apps_refuted |= 1u << r->app;
		slot_close(r, s);
		return;
	}
	if (v != PROTO_YES)
		return;
	if (!s->rep) {
		if (!(s->rep = malloc(sizeof *s->rep))) {
			slot_close(r, s);
			return;
		}
		*s->rep = c->scratch;
		rep = s->rep;
	}
	s->said_yes = true;
	enum app app = rep->app != APP_UNKNOWN ? rep->app : r->app;
	fc->apps_seen |= 1u << app;
	if (r->provisional) {
		if (fc->confidence < CONF_PAYLOAD ||
		    (in->decided < 0 &&
		     provisional_rank(app) >= provisional_rank(fc->app)))
			take_report(fc, rep, r->app);
		return;
	}
	/* Decided: the others need not look any further. */
	if (in->decided < 0 || takes_over(recognisers[in->decided], r))
		decide(in, i);
	if (in->decided == s->rec) {
		take_report(fc, rep, r->app);
		if (!r->follow_budget)
			slot_close(r, s);
	} else {
		slot_close(r, s); /* in apps; the decider's label stands */
	}
}

/*
 * TCP payload goes to the recognisers in sequence order, each direction on
 * its own.  A segment that comes ahead of missing bytes is held (at most
 * TCP_HOLD_SEGS segments and TCP_HOLD_BYTES bytes a flow, both directions
 * together) and handed on once the bytes before it come; when the bound is
 * reached first, the earliest bytes are handed on after their hole, with
 * `gap` set.  Sequence space wraps (RFC 793 sec 3.3): "behind" is the
 * shorter way round, computed in unsigned arithmetic.
 */
#define TCP_HOLD_SEGS 8
#define TCP_HOLD_BYTES 65536u
#define SEQ_BEHIND 0x80000000u

struct tcp_held {
	uint32_t seq;
	uint32_t len;  /* bytes captured, at `off` in tcp_hold.buf */
	uint32_t wire; /* bytes it carried: more when the capture cut it */
	uint32_t off;
	enum flow_dir dir;
};

struct tcp_hold {
	unsigned n;
	size_t used; /* bytes of buf the held segments take */
	size_t size; /* bytes allocated at buf */
	struct tcp_held seg[TCP_HOLD_SEGS];
	uint8_t buf[]; /* the held bytes, then the bytes last handed on */
};

/* Bytes handed on in one run: the segment in hand, or a held one. */
struct tcp_piece {
	uint32_t seq, len, wire;
	const uint8_t *data; /* when not held */
	int held;	     /* index in tcp_hold.seg, or -1 */
};

static bool seq_at_or_before(uint32_t a, uint32_t b)
{
	return b - a < SEQ_BEHIND;
}

/* The segment's payload length on the wire, from its IP length, for a
 * capture that cut it short. */
static uint32_t tcp_wire_len(const struct packet *pkt)
{
	uintptr_t ip = (uintptr_t)pkt->ip, payload = (uintptr_t)pkt->payload;
	size_t hdrs;

	if (!pkt->ip || payload < ip || payload - ip > pkt->ip_caplen)
		return (uint32_t)pkt->payload_len;
	hdrs = (size_t)(payload - ip);
	if (pkt->ip_len < hdrs || pkt->ip_len - hdrs < pkt->payload_len)
		return (uint32_t)pkt->payload_len;
	return (uint32_t)(pkt->ip_len - hdrs);
}

/* What the last call handed on is no longer needed; nor is an empty hold. */
static void hold_tidy(struct inspection *in)
{
	if (in->tcp->hold && in->tcp->hold->n == 0) {
		free(in->tcp->hold);
		in->tcp->hold = NULL;
	}
}

static struct tcp_hold *hold_reserve(struct inspection *in, size_t need)
{
	struct tcp_hold *h = in->tcp->hold;

	if (h && h->size >= need)
		return h;
	h = realloc(h, sizeof *h + need);
	if (!h)
		return NULL;
	if (!in->tcp->hold) {
		h->n = 0;
		h->used = 0;
	}
	h->size = need;
	in->tcp->hold = h;
	return h;
}

/* Holds a segment that came ahead of missing bytes; false past the bound. */
static bool hold_put(struct inspection *in, enum flow_dir dir,
		     const struct tcp_piece *p)
{
	struct tcp_hold *h = in->tcp->hold;
	size_t used = h ? h->used : 0;

	for (unsigned i = 0; h && i < h->n; i++) {
		const struct tcp_held *s = &h->seg[i];
		if (s->dir == dir && seq_at_or_before(s->seq, p->seq) &&
		    seq_at_or_before(p->seq + p->len, s->seq + s->len))
			return true; /* held already */
	}
	if ((h && h->n == TCP_HOLD_SEGS) || p->len > TCP_HOLD_BYTES - used ||
	    !(h = hold_reserve(in, used + p->len)))
		return false;
	memcpy(h->buf + h->used, p->data, p->len);
	h->seg[h->n++] = (struct tcp_held){ .seq = p->seq, .len = p->len,
					    .wire = p->wire,
					    .off = (uint32_t)h->used,
					    .dir = dir };
	h->used += p->len;
	return true;
}

static void hold_remove(struct tcp_hold *h, unsigned i)
{
	struct tcp_held gone = h->seg[i];

	memmove(h->buf + gone.off, h->buf + gone.off + gone.len,
		h->used - gone.off - gone.len);
	h->used -= gone.len;
	for (unsigned j = 0; j < h->n; j++)
		if (h->seg[j].off > gone.off)
			h->seg[j].off -= gone.len;
	h->seg[i] = h->seg[--h->n];
}

/* The held segment of `dir` nearest after next_seq, or -1. */
static int hold_earliest(const struct inspection *in, enum flow_dir dir)
{
	const struct tcp_hold *h = in->tcp->hold;
	int best = -1;

	for (unsigned i = 0; h && i < h->n; i++)
		if (h->seg[i].dir == dir &&
		    (best < 0 || h->seg[i].seq - in->tcp->next_seq[dir] <
					 h->seg[best].seq - in->tcp->next_seq[dir]))
			best = (int)i;
	return best;
}

static struct tcp_piece held_piece(const struct tcp_hold *h, int i)
{
	return (struct tcp_piece){ .seq = h->seg[i].seq, .len = h->seg[i].len,
				   .wire = h->seg[i].wire, .held = i };
}

/*
 * Hands on `head` and whatever continues it without a hole: held segments
 * of `dir` and, when given, the segment in hand `extra` (dropped when the
 * run does not reach it).  Held bytes the run covers are let go.
 */
static bool hand_on(struct inspection *in, enum flow_dir dir,
		    struct tcp_piece head, const struct tcp_piece *extra,
		    bool gap, struct proto_pkt *pp)
{
	struct tcp_hold *h = in->tcp->hold;
	struct tcp_piece run[TCP_HOLD_SEGS + 2];
	uint32_t skip[TCP_HOLD_SEGS + 2];
	bool gone[TCP_HOLD_SEGS] = { false }, extra_used = false;
	size_t n = 1, total = head.len;
	uint32_t end = head.seq + head.len;
	bool cut = head.wire > head.len;

	run[0] = head;
	skip[0] = 0;
	if (head.held >= 0)
		gone[head.held] = true;
	while (!cut) {
		struct tcp_piece next = { .held = -1 };
		bool found = false;

		for (unsigned i = 0; h && i < h->n && !found; i++) {
			const struct tcp_held *s = &h->seg[i];
			if (gone[i] || s->dir != dir ||
			    !seq_at_or_before(s->seq, end))
				continue;
			gone[i] = true; /* in the run, or covered by it */
			if (!seq_at_or_before(s->seq + s->len, end)) {
				next = held_piece(h, (int)i);
				found = true;
			}
		}
		if (!found && extra && !extra_used &&
		    seq_at_or_before(extra->seq, end) &&
		    !seq_at_or_before(extra->seq + extra->len, end)) {
			next = *extra;
			extra_used = found = true;
		}
		if (!found)
			break;
		run[n] = next;
		skip[n] = end - next.seq;
		total += next.len - skip[n];
		end = next.seq + next.len;
		cut = next.wire > next.len;
		n++;
	}
	if (cut)
		end = run[n - 1].seq + run[n - 1].wire;
	if (n == 1 && head.held < 0) {
		pp->data = head.data;
		pp->len = head.len;
	} else if (h && hold_reserve(in, h->used + total)) {
		uint8_t *to;

		h = in->tcp->hold;
		to = h->buf + h->used;
		pp->data = to;
		pp->len = total;
		for (size_t i = 0; i < n; i++) {
			const uint8_t *from = run[i].held >= 0
						      ? h->buf + h->seg[run[i].held].off
						      : run[i].data;
			memcpy(to, from + skip[i], run[i].len - skip[i]);
			to += run[i].len - skip[i];
		}
	} else {
		pp->len = 0; /* out of memory: the run is lost */
		cut = true;
	}
	for (unsigned i = h ? h->n : 0; i-- > 0;)
		if (gone[i])
			hold_remove(h, i);
	in->tcp->next_seq[dir] = end;
	pp->gap = gap || in->tcp->cut[dir];
	in->tcp->cut[dir] = cut;
	return pp->len > 0;
}

/* Returns the bytes of TCP segments not handed on before, in order. */
static bool tcp_new_bytes(struct inspection *in, enum flow_dir dir,
			  const struct packet *pkt, struct proto_pkt *pp)
{
	struct tcp_piece p = { .seq = pkt->tcp_seq, .data = pp->data,
			       .len = (uint32_t)pp->len,
			       .wire = tcp_wire_len(pkt), .held = -1 };
	int first;

	if (!in->tcp && !(in->tcp = slab_alloc(sizeof *in->tcp)))
		return false;
	hold_tidy(in);
	if (pkt->tcp_flags & TCP_SYN) {
		in->tcp->next_seq[dir] = p.seq + 1;
		in->tcp->seq_known[dir] = true;
		return false;
	}
	if (!in->tcp->seq_known[dir]) {
		in->tcp->next_seq[dir] = p.seq;
		in->tcp->seq_known[dir] = true;
	}
	uint32_t ahead = p.seq - in->tcp->next_seq[dir];
	if (ahead >= SEQ_BEHIND) {
		uint32_t old = in->tcp->next_seq[dir] - p.seq;
		if (old >= p.len)
			return false; /* a retransmission */
		p.data += old;
		p.len -= old;
		p.wire -= old;
		p.seq += old;
		ahead = 0;
	}
	if (p.len == 0)
		return false;
	if (ahead == 0)
		return hand_on(in, dir, p, NULL, false, pp);
	/* Ahead of missing bytes: held while they may still come. */
	if (ahead <= TCP_HOLD_BYTES && hold_put(in, dir, &p))
		return false;
	/* The bound is reached: the earliest bytes go on after their hole. */
	first = hold_earliest(in, dir);
	if (first < 0 ||
	    seq_at_or_before(p.seq, in->tcp->hold->seg[first].seq))
		return hand_on(in, dir, p, NULL, true, pp);
	return hand_on(in, dir, held_piece(in->tcp->hold, first), &p, true, pp);
}

#define RTP_MIN_HEADER 12
#define RTP_VERSION_BITS 0x80

/* Quality is counted for every packet that looks like RTP; whether the flow
 * is RTP is for the recognisers to say. */
static void count_rtp(struct flow_class *fc, enum flow_dir dir,
		      const struct packet *pkt, uint64_t ts_us)
{
	if (pkt->payload_len < RTP_MIN_HEADER ||
	    (pkt->payload[0] & 0xc0) != RTP_VERSION_BITS)
		return;
	if (!fc->rtp[dir] && !(fc->rtp[dir] = rtpstat_new()))
		return;
	rtpstat_update(fc->rtp[dir], pkt->payload, pkt->payload_len, ts_us);
}

/* Slots whose recogniser is done say nothing more (what they refuted is
 * in apps_refuted already): the block shrinks to those still looking. */
static void drop_done_slots(struct flow_class *fc)
{
	struct inspection *in = fc->insp;
	size_t n = 0;

	for (size_t i = 0; i < in->n_slots; i++)
		if (!in->slot[i].done)
			in->slot[n++] = in->slot[i];
	if (n == in->n_slots)
		return;
	struct inspection *smaller = slab_alloc(inspection_size(n));
	if (!smaller) { /* the same block: its tail slots done and empty */
		for (size_t i = n; i < in->n_slots; i++)
			in->slot[i] = (struct recog_slot){
				.rec = in->slot[i].rec, .done = true };
		return;
	}
	memcpy(smaller, in, inspection_size(n));
	slab_free(in, inspection_size(in->n_slots));
	smaller->n_slots = (uint8_t)n;
	fc->insp = smaller;
}

void classify_packet(struct classifier *c, struct flow *f, enum flow_dir dir,
		     const struct packet *pkt, uint64_t ts_us)
{
	struct flow_class *fc = class_of(f);

	if (!fc)
		return;
	if (pkt->proto != IPPROTO_TCP && pkt->proto != IPPROTO_UDP)
		return;
	c->flow_id = f->flow_id;
	if (pkt->proto == IPPROTO_UDP)
		count_rtp(fc, dir, pkt, ts_us);
	if (!fc->insp) {
		if (fc->inspected)
			return; /* decided, or given up on */
		/* Only the recognisers of the flow's transport look. */
		uint8_t t = pkt->proto == IPPROTO_TCP ? PROTO_TCP : PROTO_UDP;
		size_t k = 0;
		for (size_t i = 0; i < n_recognisers; i++)
			k += (recognisers[i]->transports & t) != 0;
		fc->insp = slab_alloc(inspection_size(k));
		if (!fc->insp)
			return;
		fc->insp->decided = -1;
		for (size_t i = 0; i < n_recognisers; i++)
			if (recognisers[i]->transports & t)
				fc->insp->slot[fc->insp->n_slots++].rec =
					(uint8_t)i;
	}

	struct proto_pkt pp = {
		.data = pkt->payload,
		.len = pkt->payload_len,
		.transport = pkt->proto == IPPROTO_TCP ? PROTO_TCP : PROTO_UDP,
		.from_initiator = dir == FLOW_FWD,
		.src = pkt->src,
		.dst = pkt->dst,
		.sport = pkt->sport,
		.dport = pkt->dport,
		.ts_us = ts_us,
	};
	struct inspection *in = fc->insp;
	if (pkt->proto == IPPROTO_TCP && !tcp_new_bytes(in, dir, pkt, &pp))
		return;
	if (pp.len == 0)
		return;
	in->pkts++;
	for (size_t i = 0; i < in->n_slots; i++)
		run_one(c, f, i, &pp);
	drop_done_slots(fc);
	if (inspection_over(fc))
		inspection_end(fc);
}

/* ---- the labels ---- */

static const char *product_named(struct classifier *c, const char *text)
{
	uint32_t h = 2166136261u;

	for (const char *p = text; *p; p++)
		h = (h ^ (uint8_t)*p) * 16777619u;
	struct product_memo *m = &c->memo[h % PRODUCT_CACHE_SLOTS];
	if (!m->used || strcmp(m->text, text) != 0) {
		copy_text(m->text, sizeof m->text, text);
		m->named = sig_product_for(c->sigs, text);
		m->used = true;
	}
	return m->named;
}

static bool compatible(enum app payload, const struct sig_rule *r)
{
	enum app port = r->app;

	if (payload == port)
		return true;
	/* Rows that mix H.323's protocols over a range name no one app. */
	if (port == APP_UNKNOWN)
		return app_is_conferencing(payload);
	/* One media path carries RTP, RTCP, and their ICE and DTLS. */
	bool pm = payload == APP_RTP || payload == APP_RTCP ||
		  payload == APP_STUN || payload == APP_DTLS;
	bool rm = port == APP_RTP || port == APP_RTCP || port == APP_STUN;
	if (pm && rm)
		return true;
	/* TLS carries whatever the table names on a secure port. */
	if (payload == APP_TLS && r->transports & SIG_T_TCP)
		return port == APP_SIP || port == APP_HTTP || port == APP_XMPP ||
		       port == APP_LDAP || port == APP_SCCP ||
		       port == APP_OTHER || port == APP_STUN;
	if (payload == APP_HTTP && port == APP_TLS)
		return false;
	/* "other" rows (XML API, CTIQBE, RTSP ...) name what has no label
	 * here: bytes a recogniser named (HTTP, say) are not that protocol. */
	return false;
}

static void match_signalled(struct classifier *c, struct flow *f,
			    struct flow_class *fc)
{
	uint8_t t = f->key.proto == IPPROTO_TCP ? PROTO_TCP : PROTO_UDP;
	struct expectation *e, *other;

	if (f->key.proto != IPPROTO_TCP && f->key.proto != IPPROTO_UDP)
		return;
	e = expect_find(c, t, &f->resp_addr, f->resp_port);
	other = expect_find(c, t, &f->init_addr, f->init_port);
	if (other)
		other->matched = true;
	if (!e)
		e = other;
	if (!e)
		return;
	e->matched = true;
	copy_text(fc->labels->call_id, sizeof fc->labels->call_id, e->call_id);
	copy_text(fc->labels->announced_product,
		  sizeof fc->labels->announced_product, e->product);
	fc->labels->announced_as = e->what;
	fc->labels->via_nat = e->via_nat;
	if (fc->confidence < CONF_SIGNALED) {
		fc->app = e->app;
		fc->confidence = CONF_SIGNALED;
	}
}

/* Has the recogniser of the row's protocol seen the bytes and said no? */
static bool row_refuted(const struct flow_class *fc, const struct sig_rule *r)
{
	return (fc->apps_refuted >> r->app) & 1u;
}

/*
 * The row that explains the flow: the best one the bytes agree with.  A
 * catch-all range explains only payload that is what the range is for; a
 * row whose protocol's recogniser said no explains nothing.
 */
static bool row_fits(const struct flow *f, const struct flow_class *fc,
		     const struct sig_rule *r)
{
	bool weak = sig_rule_weak(r, f->key.proto);

	if (weak && fc->labels->announced_as)
		return false; /* the signalling explains it */
	if (fc->confidence == CONF_PAYLOAD)
		return compatible(fc->app, r);
	if (fc->confidence == CONF_SIGNALED)
		return !weak && compatible(fc->app, r);
	return !weak && !row_refuted(fc, r);
}

static const struct sig_row *explaining_row(const struct flow *f,
					    const struct flow_class *fc,
					    const struct sig_match *m)
{
	for (size_t i = 0; i < m->n_rows; i++)
		if (row_fits(f, fc, m->rows[i].rule))
			return &m->rows[i];
	return NULL;
}

static bool names_a_product_of(const struct flow_labels *l,
			       const struct sig_rule *r)
{
	for (const char *const *p = r->products; p && *p; p++)
		for (size_t i = 0; i < l->n_products; i++)
			if (strcmp(l->products[i], *p) == 0)
				return true;
	return false;
}

/*
 * The row a flow's labels cite.  A vendor's row (for a port, not a
 * subnet, of that vendor's) speaks for the flow only when the evidence
 * names one of its products; otherwise the standard row for the same
 * port, when one fits: a SIP phone of one maker on 5060 is not another
 * maker's MCU.
 */
static const struct sig_row *cited_row(const struct flow *f,
				       const struct flow_class *fc,
				       const struct flow_labels *l,
				       const struct sig_row *explains)
{
	if (!explains || explains->rule->class != SIG_CLASS_VENDOR ||
	    explains->rule->has_net || names_a_product_of(l, explains->rule))
		return explains;
	for (size_t i = 0; i < l->match.n_rows; i++) {
		const struct sig_row *o = &l->match.rows[i];
		if (o->rule->class != SIG_CLASS_VENDOR &&
		    o->on_responder == explains->on_responder &&
		    o->rule->port_lo == explains->rule->port_lo &&
		    o->rule->port_hi == explains->rule->port_hi &&
		    row_fits(f, fc, o->rule))
			return o;
	}
	return explains;
}

/*
 * A vendor's catch-all range may explain media in it (the flow is then
 * expected), but its function is that vendor's guess about its own
 * product: it is cited only when the evidence names that product.
 */
static bool worth_citing(const struct flow *f, const struct flow_labels *l,
			 const struct sig_row *row)
{
	return row->rule->class != SIG_CLASS_VENDOR ||
	       !sig_rule_weak(row->rule, f->key.proto) ||
	       names_a_product_of(l, row->rule);
}

/* Vendor and product names of the tables, which the signature set
 * interns (one pointer for each name). */
static bool same_name(const char *a, const char *b)
{
	return a && a == b;
}

/*
 * A row names the flow's product only where no one else could own the
 * port: no standard or infrastructure row and no other vendor lists it
 * (for a row with a subnet: no other vendor's row for that subnet).
 */
static bool row_distinctive(const struct flow *f, const struct sig_match *m,
			    const struct sig_row *row)
{
	const struct sig_rule *r = row->rule;

	if (r->class != SIG_CLASS_VENDOR || sig_rule_weak(r, f->key.proto))
		return false;
	for (size_t i = 0; i < m->n_rows; i++) {
		const struct sig_rule *o = m->rows[i].rule;
		if (o == r || m->rows[i].on_responder != row->on_responder)
			continue;
		if (r->has_net) {
			if (o->has_net && !same_name(o->vendor, r->vendor))
				return false;
		} else if (o->class != SIG_CLASS_VENDOR) {
			return false;
		} else if (!same_name(o->vendor, r->vendor) &&
			   !sig_rule_weak(o, f->key.proto)) {
			return false;
		}
	}
	return true;
}

static void expect_product(struct flow_labels *l, const struct sig_rule *r,
			   const char *product)
{
	for (size_t i = 0; i < l->n_expected; i++)
		if (same_name(l->expected[i].rule->vendor, r->vendor) &&
		    l->expected[i].product == product)
			return;
	l->n_expected_total++;
	if (l->n_expected < LABELS_EXPECTED_MAX)
		l->expected[l->n_expected++] = (struct expected_by){ r, product };
}

/* expected_by: one entry a vendor and product, by its best row; catch-all
 * ranges only where they explain the flow. */
static void list_expected(const struct flow *f, struct flow_labels *l,
			  const struct sig_row *explains)
{
	const struct sig_match *m = &l->match;

	for (size_t i = 0; i < m->n_rows; i++) {
		const struct sig_rule *r = m->rows[i].rule;
		if (&m->rows[i] != explains && sig_rule_weak(r, f->key.proto))
			continue;
		if (r->class != SIG_CLASS_VENDOR || !r->products ||
		    !r->products[0]) {
			expect_product(l, r, NULL);
			continue;
		}
		for (const char *const *p = r->products; *p; p++)
			expect_product(l, r, *p);
	}
}

static void add_product(struct flow_labels *l, const char *p)
{
	if (!p || !*p || l->n_products >= SIG_MAX_PRODUCTS)
		return;
	for (size_t i = 0; i < l->n_products; i++)
		if (strcmp(l->products[i], p) == 0)
			return;
	l->products[l->n_products++] = p;
}

/*
 * Products, strongest evidence first (evidence_products, then
 * port_products): what the bytes named (a
 * conferencing protocol's product string names a product even when no
 * pattern knows it; a host name from TLS or HTTP only through a pattern),
 * then the announcing call's, then a distinctive table row's.
 */
static void evidence_products(struct classifier *c,
			      const struct flow_class *fc,
			      struct flow_labels *l)
{
	if (l->product_text[0]) {
		const char *named = product_named(c, l->product_text);
		if (named || app_is_conferencing(fc->app))
			add_product(l, named ? named : l->product_text);
		if (l->n_products) {
			l->product_evidence = PEV_PAYLOAD;
			return;
		}
	}
	if (l->announced_product[0]) {
		const char *named = product_named(c, l->announced_product);
		add_product(l, named ? named : l->announced_product);
		l->product_evidence = PEV_SIGNALED;
	}
}

/* A distinctive row's products, when nothing else named any. */
static void port_products(const struct flow *f, struct flow_labels *l,
			  const struct sig_row *explains)
{
	if (l->n_products || !explains ||
	    !row_distinctive(f, &l->match, explains))
		return;
	const struct sig_rule *r = explains->rule;
	for (size_t i = 0; i < l->match.n_rows; i++) {
		const struct sig_row *o = &l->match.rows[i];
		if (o == explains ||
		    (o->on_responder == explains->on_responder &&
		     same_name(o->rule->vendor, r->vendor) &&
		     o->rule->has_net == r->has_net && o->rule->app == r->app &&
		     !sig_rule_weak(o->rule, f->key.proto)))
			for (const char *const *p = o->rule->products; p && *p; p++)
				add_product(l, *p);
	}
	if (l->n_products)
		l->product_evidence = PEV_PORT;
}

static void upper(char *dst, size_t len, const char *src)
{
	size_t i = 0;

	for (; src[i] && i + 1 < len; i++)
		dst[i] = (char)toupper((unsigned char)src[i]);
	dst[i] = '\0';
}

/* Who owns a row, in a reason a person reads. */
static const char *row_owner(const struct sig_rule *r)
{
	return r->products && r->products[0] ? r->products[0] : r->title;
}

static void explain_unexpected(const struct flow *f, struct flow_class *fc,
			       struct flow_labels *l)
{
	const struct sig_match *m = &l->match;
	const struct sig_row *top = m->n_rows ? &m->rows[0] : NULL;
	const struct sig_row *strong = NULL;
	char who[ADDR_STRLEN];
	const char *t = transport_name(f->key.proto);

	for (size_t i = 0; i < m->n_rows && !strong; i++)
		if (!sig_rule_weak(m->rows[i].rule, f->key.proto))
			strong = &m->rows[i];
	const struct sig_row *at = strong ? strong : top;
	const struct addr *a = at && !at->on_responder ? &f->resp_addr
						       : &f->init_addr;
	uint16_t port = at && !at->on_responder ? f->init_port : f->resp_port;

	addr_str(a, who, sizeof who);
	l->unexpected = true;
	if (!top) {
		if (fc->confidence == CONF_PAYLOAD)
			snprintf(l->reason, sizeof l->reason,
				 "%s on %s/%u from %s, a port no table lists",
				 app_name(fc->app), t, port, who);
		else
			snprintf(l->reason, sizeof l->reason,
				 "no table expects %s/%u from %s", t, port, who);
		return;
	}
	if (strong && fc->confidence == CONF_PAYLOAD) {
		snprintf(l->reason, sizeof l->reason,
			 "payload is %s but %s %s says %s on %s/%u",
			 app_name(fc->app), strong->rule->title,
			 strong->rule->table, strong->rule->protocol, t, port);
		return;
	}
	if (strong) {
		char proto[16];
		upper(proto, sizeof proto, app_name(strong->rule->app));
		snprintf(l->reason, sizeof l->reason,
			 "%s/%u is in %s's table as %s (%s), but the bytes are "
			 "not %s",
			 t, port, row_owner(strong->rule), app_name(strong->rule->app),
			 strong->rule->protocol, proto);
		return;
	}
	/* Only catch-all ranges: weak evidence, and the bytes are not what
	 * the range is for. */
	snprintf(l->reason, sizeof l->reason,
		 "%s%s%sonly a catch-all range (%s %u-%u, %s) expects %s/%u "
		 "from %s",
		 fc->confidence == CONF_PAYLOAD ? "payload is " : "",
		 fc->confidence == CONF_PAYLOAD ? app_name(fc->app) : "",
		 fc->confidence == CONF_PAYLOAD ? "; " : "", row_owner(top->rule),
		 top->rule->port_lo, top->rule->port_hi, top->rule->table, t,
		 port, who);
}

void classify_finish(struct classifier *c, struct flow *f)
{
	struct flow_class *fc = class_of(f);

	if (!fc)
		return;
	struct flow_labels *l = fc->labels = &c->labels; /* one flow ends at a time */
	memset(l, 0, sizeof *l);
	c->flow_id = f->flow_id;
	inspection_end(fc);
	c->guard.enter(c->guard.ctx); /* what signalling announced is shared */
	match_signalled(c, f, fc);
	c->guard.leave(c->guard.ctx);

	struct sig_endpoint resp = { &f->resp_addr, f->resp_port };
	struct sig_endpoint init = { &f->init_addr, f->init_port };
	sig_match_flow_memo(c->sigs, c->sig_memo, f->key.proto, resp, init,
			    f->responder_known, &l->match);
	copy_text(l->product_text, sizeof l->product_text,
		  classify_report(fc)->product);
	if (!l->announced_product[0] && l->call_id[0]) {
		c->guard.enter(c->guard.ctx);
		const char *p = call_product(c, l->call_id);
		if (p)
			copy_text(l->announced_product,
				  sizeof l->announced_product, p);
		c->guard.leave(c->guard.ctx);
	}
	evidence_products(c, fc, l);
	const struct sig_row *explains =
		cited_row(f, fc, l, explaining_row(f, fc, &l->match));
	if (explains) {
		if (worth_citing(f, l, explains)) {
			l->rule = explains->rule;
			l->rule_on_responder = explains->on_responder;
		}
		if (fc->confidence == CONF_NONE) {
			fc->app = explains->rule->app;
			fc->confidence = CONF_PORT;
		}
	}
	if (fc->confidence == CONF_NONE)
		fc->app = APP_UNKNOWN;
	port_products(f, l, explains);
	list_expected(f, l, explains);
	if (l->call_id[0] == '\0')
		copy_text(l->call_id, sizeof l->call_id,
			  classify_report(fc)->call_id);
	/* Signalled media is expected, whatever its port. */
	if (!explains && !l->announced_as)
		explain_unexpected(f, fc, l);
}

void classify_release(struct flow *f)
{
	if (!f->cls)
		return;
	inspection_end(f->cls);
	rtpstat_free(f->cls->rtp[0]);
	rtpstat_free(f->cls->rtp[1]);
	free(f->cls->report);
	slab_free(f->cls, sizeof *f->cls);
	f->cls = NULL;
}
