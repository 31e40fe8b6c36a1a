/* \summary: labels for flows: payload recognisers, signalling, port tables */
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uthash.h>

#include "vcflow/classify.h"
#include "vcflow/text.h"

/* A flow's payload is looked at for at most this many packets (beyond
 * which every recogniser's own budget is spent anyway). */
#define INSPECT_MAX_PKTS 16
/* Announced media kept at most; the oldest are forgotten first. */
#define EXPECT_MAX 65536
/* Calls whose product is remembered for the media they announce. */
#define CALLS_MAX 4096
/* Product strings already mapped through the patterns: a site's phones
 * send the same few, and fnmatch over every pattern is not cheap. */
#define PRODUCT_CACHE_SLOTS 256

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

struct recog_slot {
	void *state; /* state_size bytes, then a struct proto_report */
	unsigned seen;
	bool done, said_yes;
};

struct inspection {
	unsigned pkts;
	int decided;   /* index of the non-provisional recogniser that said
			  yes, or -1 */
	uint32_t next_seq[2];
	bool seq_known[2];
	struct recog_slot slot[];
};

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

struct classifier {
	const struct sig_set *sigs;
	struct product_memo memo[PRODUCT_CACHE_SLOTS];
	struct flow_labels labels; /* of the flow ending now */
	struct classify_observer observer;
	struct call_product *calls;
	size_t n_calls;
	struct expectation *expect;
	struct expectation *fifo_head, *fifo_tail;
	size_t n_expect;
	struct classify_stats stats;
};

struct classifier *classifier_new(const struct sig_set *sigs)
{
	struct classifier *c = calloc(1, sizeof *c);

	if (c)
		c->sigs = sigs;
	return c;
}

void classifier_free(struct classifier *c)
{
	struct expectation *e, *tmp;

	if (!c)
		return;
	HASH_ITER(hh, c->expect, e, tmp)
	{
		HASH_DEL(c->expect, e);
		free(e);
	}
	struct call_product *cp, *ctmp;
	HASH_ITER(hh, c->calls, cp, ctmp)
	{
		HASH_DEL(c->calls, cp);
		free(cp);
	}
	free(c);
}

void classifier_observe(struct classifier *c,
			const struct classify_observer *obs)
{
	c->observer = *obs;
}

void classify_each_expectation(const struct classifier *c,
			       void (*fn)(void *ctx,
					  const struct classify_expect_info *e),
			       void *ctx)
{
	for (const struct expectation *e = c->fifo_head; e; e = e->next_fifo) {
		struct classify_expect_info info = {
			&e->key.addr, e->key.port, e->key.transport, e->app,
			e->what,      e->call_id,  e->via_nat,	     e->matched,
		};
		fn(ctx, &info);
	}
}

static void on_sip(void *ctx, const struct proto_pkt *from,
		   const struct sip_message *m)
{
	struct classifier *c = ctx;

	if (c->observer.sip)
		c->observer.sip(c->observer.ctx, from, m);
}

void classify_stats(const struct classifier *c, struct classify_stats *s)
{
	*s = c->stats;
}

static void expect_forget_oldest(struct classifier *c)
{
	struct expectation *e = c->fifo_head;

	if (!e)
		return;
	c->fifo_head = e->next_fifo;
	if (!c->fifo_head)
		c->fifo_tail = NULL;
	HASH_DEL(c->expect, e);
	free(e);
	c->n_expect--;
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
	HASH_FIND(hh, c->expect, &k, sizeof k, e);
	if (e) {
		if (via_nat && !e->via_nat)
			return; /* the exact announcement stays */
		if (e->app == APP_RTP && a->app == APP_RTCP)
			return; /* rtcp-mux: the port is the media's */
	} else {
		if (c->n_expect >= EXPECT_MAX)
			expect_forget_oldest(c);
		e = calloc(1, sizeof *e);
		if (!e)
			return;
		e->key = k;
		HASH_ADD(hh, c->expect, key, sizeof e->key, e);
		if (c->fifo_tail)
			c->fifo_tail->next_fifo = e;
		else
			c->fifo_head = e;
		c->fifo_tail = e;
		c->n_expect++;
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
static void on_announce(void *ctx, const struct proto_pkt *from,
			const struct proto_announce *a)
{
	struct classifier *c = ctx;

	if (a->port == 0)
		return;
	c->stats.announcements++;
	expect_add(c, &a->addr, a->port, a, false);
	if (from && addr_cmp(&from->src, &a->addr) != 0)
		expect_add(c, &from->src, a->port, a, true);
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
	HASH_FIND(hh, c->expect, &k, sizeof k, e);
	return e;
}

static void remember_call(struct classifier *c, const struct proto_report *r)
{
	struct call_product *cp;

	if (!r->call_id[0] || !r->product[0])
		return;
	HASH_FIND_STR(c->calls, r->call_id, cp);
	if (cp)
		return;
	if (c->n_calls >= CALLS_MAX) {
		cp = c->calls; /* the oldest added */
		HASH_DEL(c->calls, cp);
		free(cp);
		c->n_calls--;
	}
	if (!(cp = calloc(1, sizeof *cp)))
		return;
	memcpy(cp->call_id, r->call_id, sizeof cp->call_id);
	memcpy(cp->product, r->product, sizeof cp->product);
	HASH_ADD_STR(c->calls, call_id, cp);
	c->n_calls++;
}

static const char *call_product(const struct classifier *c,
				const char *call_id)
{
	struct call_product *cp;

	HASH_FIND_STR(c->calls, call_id, cp);
	return cp ? cp->product : NULL;
}

/* ---- inspection ---- */

static struct flow_class *class_of(struct flow *f)
{
	if (!f->cls)
		f->cls = calloc(1, sizeof *f->cls);
	return f->cls;
}

static struct proto_report *slot_report(const struct recogniser *r,
					struct recog_slot *s)
{
	return (struct proto_report *)((char *)s->state +
				       ((r->state_size + 15) & ~(size_t)15));
}

static void slot_close(const struct recogniser *r, struct recog_slot *s)
{
	if (s->state) {
		if (r->release)
			r->release(s->state);
		free(s->state);
		s->state = NULL;
	}
	s->done = true;
}

static void inspection_end(struct flow_class *fc)
{
	struct inspection *in = fc->insp;

	if (!in)
		return;
	for (size_t i = 0; i < n_recognisers; i++)
		slot_close(recognisers[i], &in->slot[i]);
	free(in);
	fc->insp = NULL;
	fc->inspected = true;
}

/* Media beats its wrapping: rtp over dtls over stun (CONTRACT). */
static int provisional_rank(enum app app)
{
	return app == APP_DTLS ? 2 : app == APP_STUN ? 1 : 0;
}

static void take_report(struct flow_class *fc, const struct proto_report *rep,
			enum app app)
{
	fc->report = *rep;
	fc->app = rep->app != APP_UNKNOWN ? rep->app : app;
	fc->confidence = CONF_PAYLOAD;
	fc->apps_seen |= 1u << fc->app;
}

/* Are we done looking? When a real answer came, or nothing is left. */
static bool inspection_over(struct inspection *in)
{
	if (in->pkts >= INSPECT_MAX_PKTS && in->decided < 0)
		return true;
	for (size_t i = 0; i < n_recognisers; i++)
		if (!in->slot[i].done)
			return false;
	return true;
}

static void run_one(struct classifier *c, struct flow *f, size_t i,
		    const struct proto_pkt *pp)
{
	const struct recogniser *r = recognisers[i];
	struct flow_class *fc = f->cls;
	struct inspection *in = fc->insp;
	struct recog_slot *s = &in->slot[i];
	unsigned limit = s->said_yes ? r->budget + r->follow_budget : r->budget;
	struct proto_sink sink = { .announce = on_announce, .ctx = c,
				   .sip = on_sip };

	if (s->done)
		return;
	if (!(r->transports & pp->transport) || s->seen >= limit) {
		slot_close(r, s);
		return;
	}
	if (!s->state) {
		size_t off = (r->state_size + 15) & ~(size_t)15;
		s->state = calloc(1, off + sizeof(struct proto_report));
		if (!s->state) {
			s->done = true;
			return;
		}
	}
	struct proto_report *rep = slot_report(r, s);
	s->seen++;
	c->stats.inspected_pkts++;
	enum proto_verdict v = r->search(s->state, pp, rep, &sink);
	remember_call(c, rep);
	if (v == PROTO_NO) {
		if (s->said_yes && (int)i == in->decided)
			take_report(fc, rep, r->app);
		slot_close(r, s);
		return;
	}
	if (v != PROTO_YES)
		return;
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
	if (in->decided < 0) {
		/* Decided: the others need not look any further. */
		in->decided = (int)i;
		for (size_t j = 0; j < n_recognisers; j++)
			if (j != i)
				slot_close(recognisers[j], &in->slot[j]);
	}
	if (in->decided == (int)i) {
		take_report(fc, rep, r->app);
		if (!r->follow_budget)
			slot_close(r, s);
	}
}

/* Returns the bytes of a TCP segment not seen before, in order. */
static bool tcp_new_bytes(struct inspection *in, enum flow_dir dir,
			  const struct packet *pkt, struct proto_pkt *pp)
{
	uint32_t seq = pkt->tcp_seq;

	if (pkt->tcp_flags & TCP_SYN) {
		in->next_seq[dir] = seq + 1;
		in->seq_known[dir] = true;
		return false;
	}
	if (!in->seq_known[dir]) {
		in->next_seq[dir] = seq;
		in->seq_known[dir] = true;
	}
	/* Sequence space wraps (RFC 793 sec 3.3): "behind" is the shorter
	 * way round, computed in unsigned arithmetic. */
	uint32_t ahead = seq - in->next_seq[dir];
	if (ahead >= 0x80000000u) {
		uint32_t old = in->next_seq[dir] - seq;
		if (old >= pp->len)
			return false; /* a retransmission */
		pp->data += old;
		pp->len -= old;
		in->next_seq[dir] += (uint32_t)pp->len;
	} else {
		pp->gap = ahead > 0; /* bytes missing from the capture */
		in->next_seq[dir] = seq + (uint32_t)pp->len;
	}
	return pp->len > 0;
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
	if (!fc->rtp[dir] && !(fc->rtp[dir] = calloc(1, sizeof(struct rtpstat))))
		return;
	rtpstat_update(fc->rtp[dir], pkt->payload, pkt->payload_len, ts_us);
}

void classify_packet(struct classifier *c, struct flow *f, enum flow_dir dir,
		     const struct packet *pkt, uint64_t ts_us)
{
	struct flow_class *fc = class_of(f);

	if (!fc)
		return;
	if (pkt->proto != IPPROTO_TCP && pkt->proto != IPPROTO_UDP)
		return;
	if (pkt->proto == IPPROTO_UDP)
		count_rtp(fc, dir, pkt, ts_us);
	if (!fc->insp) {
		if (fc->inspected)
			return; /* decided, or given up on */
		size_t n = sizeof(struct inspection) +
			   n_recognisers * sizeof(struct recog_slot);
		fc->insp = calloc(1, n);
		if (!fc->insp)
			return;
		fc->insp->decided = -1;
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
	for (size_t i = 0; i < n_recognisers; i++)
		run_one(c, f, i, &pp);
	if (inspection_over(in))
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
		snprintf(m->text, sizeof m->text, "%s", text);
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
	/* "other" rows (XML API, CTIQBE ...) name what has no label: any
	 * payload we can't name better does not contradict them. */
	return port == APP_OTHER && !app_is_conferencing(payload);
}

static void add_product(struct flow_class *fc, const char *p)
{
	if (!p || !*p || fc->labels->n_products >= SIG_MAX_PRODUCTS)
		return;
	for (size_t i = 0; i < fc->labels->n_products; i++)
		if (strcmp(fc->labels->products[i], p) == 0)
			return;
	fc->labels->products[fc->labels->n_products++] = p;
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
	snprintf(fc->labels->call_id, sizeof fc->labels->call_id, "%s", e->call_id);
	snprintf(fc->labels->announced_product, sizeof fc->labels->announced_product, "%s",
		 e->product);
	fc->labels->announced_as = e->what;
	fc->labels->via_nat = e->via_nat;
	if (fc->confidence < CONF_SIGNALED) {
		fc->app = e->app;
		fc->confidence = CONF_SIGNALED;
	}
}

static void explain_unexpected(const struct classifier *c, struct flow *f,
			       struct flow_class *fc, const struct sig_match *m)
{
	char who[ADDR_STRLEN];
	const struct addr *a = m->rule && !m->on_responder ? &f->resp_addr
							   : &f->init_addr;
	uint16_t port = m->rule && !m->on_responder ? f->init_port
						    : f->resp_port;
	const char *t = transport_name(f->key.proto);

	addr_str(a, who, sizeof who);
	if (fc->labels->announced_as) {
		/* Signalled media is expected, whatever its port; a table
		 * that knows the port for what the bytes are still explains
		 * it. */
		if (m->rule && fc->confidence == CONF_PAYLOAD &&
		    !compatible(fc->app, m->rule)) {
			const struct sig_rule *other = sig_find_fitting(
				c->sigs, f->key.proto, port, compatible, fc->app);
			if (other)
				fc->labels->rule = other;
		}
		return;
	}
	if (!m->rule) {
		fc->labels->unexpected = true;
		if (fc->confidence == CONF_PAYLOAD)
			snprintf(fc->labels->reason, sizeof fc->labels->reason,
				 "%s on %s/%u from %s, a port no table lists",
				 app_name(fc->app), t, port, who);
		else
			snprintf(fc->labels->reason, sizeof fc->labels->reason,
				 "no table expects %s/%u from %s", t, port, who);
		return;
	}
	bool agrees = fc->confidence == CONF_PAYLOAD &&
		      compatible(fc->app, m->rule);
	if (m->weak) {
		/* Only a catch-all range: weak evidence, unless the bytes are
		 * what that range is for (media in a media range). */
		if (agrees)
			return;
		fc->labels->unexpected = true;
		snprintf(fc->labels->reason, sizeof fc->labels->reason,
			 "%s%s%sonly a catch-all range (%s %u-%u, %s) expects "
			 "%s/%u from %s",
			 fc->confidence == CONF_PAYLOAD ? "payload is " : "",
			 fc->confidence == CONF_PAYLOAD ? app_name(fc->app) : "",
			 fc->confidence == CONF_PAYLOAD ? "; " : "",
			 m->rule->products && m->rule->products[0]
				 ? m->rule->products[0]
				 : m->rule->title,
			 m->rule->port_lo, m->rule->port_hi, m->rule->table, t,
			 port, who);
		return;
	}
	if (fc->confidence == CONF_PAYLOAD && !agrees) {
		const struct sig_rule *other = sig_find_fitting(
			c->sigs, f->key.proto, port, compatible, fc->app);
		if (other) {
			fc->labels->rule = other; /* another table says what it is */
			return;
		}
		fc->labels->unexpected = true;
		snprintf(fc->labels->reason, sizeof fc->labels->reason,
			 "payload is %s but %s %s says %s on %s/%u",
			 app_name(fc->app), m->rule->title, m->rule->table,
			 m->rule->protocol, t, port);
	}
}

void classify_finish(struct classifier *c, struct flow *f)
{
	struct flow_class *fc = class_of(f);
	struct sig_match m;

	if (!fc)
		return;
	fc->labels = &c->labels; /* one flow ends at a time */
	memset(fc->labels, 0, sizeof *fc->labels);
	inspection_end(fc);
	match_signalled(c, f, fc);

	struct sig_endpoint resp = { &f->resp_addr, f->resp_port };
	struct sig_endpoint init = { &f->init_addr, f->init_port };
	sig_match_flow(c->sigs, f->key.proto, resp, init, f->responder_known,
		       &m);
	fc->labels->rule = m.rule;
	fc->labels->rule_on_responder = m.on_responder;
	if (fc->confidence == CONF_NONE && m.rule && !m.weak) {
		fc->app = m.rule->app;
		fc->confidence = CONF_PORT;
	}
	if (fc->confidence == CONF_NONE)
		fc->app = APP_UNKNOWN;

	/* Products: what the bytes said, then the tables. */
	snprintf(fc->labels->product_text, sizeof fc->labels->product_text, "%s",
		 fc->report.product);
	if (!fc->labels->announced_product[0] && fc->labels->call_id[0]) {
		const char *p = call_product(c, fc->labels->call_id);
		if (p)
			snprintf(fc->labels->announced_product,
				 sizeof fc->labels->announced_product, "%s", p);
	}
	/* The bytes' own word first, then the announcing call's.  A
	 * conferencing protocol's product string names a product even when
	 * no pattern knows it; a host name from TLS or HTTP only through a
	 * pattern. */
	const char *texts[] = { fc->labels->product_text, fc->labels->announced_product };
	for (size_t i = 0; i < 2; i++) {
		if (!texts[i][0])
			continue;
		const char *named = product_named(c, texts[i]);
		if (named || i == 1 || app_is_conferencing(fc->app))
			add_product(fc, named ? named : texts[i]);
	}
	/* A catch-all range's products are a guess worth showing only when
	 * the bytes agree with it. */
	bool agrees = m.rule && fc->confidence == CONF_PAYLOAD &&
		      compatible(fc->app, m.rule);
	if (m.rule && (agrees || (!m.weak && fc->confidence != CONF_PAYLOAD)))
		for (size_t i = 0; i < m.n_products; i++)
			add_product(fc, m.products[i]);
	if (fc->labels->call_id[0] == '\0')
		snprintf(fc->labels->call_id, sizeof fc->labels->call_id, "%s",
			 fc->report.call_id);
	explain_unexpected(c, f, fc, &m);
	/* A row that does not explain the flow is not its function: a
	 * catch-all the bytes don't agree with, or a port whose table the
	 * signalled bytes contradict. */
	if (fc->labels->rule == m.rule && m.rule &&
	    ((m.weak && !agrees) ||
	     (fc->labels->announced_as && fc->confidence == CONF_PAYLOAD && !agrees)))
		fc->labels->rule = NULL;
}

void classify_release(struct flow *f)
{
	if (!f->cls)
		return;
	inspection_end(f->cls);
	free(f->cls->rtp[0]);
	free(f->cls->rtp[1]);
	free(f->cls);
	f->cls = NULL;
}
