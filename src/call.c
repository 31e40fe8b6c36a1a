/* \summary: calls assembled from their signalling and their media flows */
/* specification: RFC 3261 (SIP), RFC 3264 (offer/answer), RFC 6076 (SRD),
 * ITU-T H.225.0 and Q.931 (H.323 call signalling), ITU-T Q.850 (causes),
 * ITU-T G.107 (E-model), ITU-T G.113 Appendix I (Ie, Bpl) */
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <uthash.h>

#include "vcflow/call.h"
#include "vcflow/classify.h"
#include "vcflow/rtpstat.h"

#define US_PER_SEC 1000000.0
#define US_PER_MS 1000.0
#define SIP_TRYING 100
#define SIP_RINGING 180
#define SIP_PROGRESS 183
#define SIP_FIRST_FINAL 200
#define SIP_FIRST_FAILURE 300
#define SIP_REQUEST_TERMINATED 487

/* Q.850 causes that say nobody answered rather than that the call failed. */
#define Q850_NORMAL_CLEARING 16
#define Q850_NO_USER_RESPONDING 18
#define Q850_NO_ANSWER 19
/* SCCP call states (Wireshark's DCallState) that are the call's answer. */
#define SCCP_STATE_CONNECTED 5

enum { CALLER, CALLEE }; /* index of a party's addresses */

struct payload {
	uint8_t pt;
	enum sdp_media_kind kind;
	char encoding[SDP_ENCODING_MAX];
};

struct media_addr {
	struct addr addr;
	uint16_t port;
};

/* Which list a call is on. */
enum call_list {
	LIST_TIMED,   /* over, or nothing answered yet: written after linger */
	LIST_WAITING, /* answered or ringing: written when over or at the end */
};

struct entry;

/* Another id the call goes by: an SCCP leg joined to it. */
struct alias {
	char id[PROTO_CALLID_MAX];
	struct entry *e;
	UT_hash_handle hh;
};

struct entry {
	struct call c;
	UT_hash_handle hh;
	struct alias *aliases[CALL_MAX_ALIASES];
	size_t n_aliases;
	struct entry *prev, *next;
	enum call_list list;
	uint64_t last_us; /* last message */
	bool over;	  /* BYE, CANCEL or a final failure */
	bool cancelled;
	bool provisional; /* a 1xx other than 100 came back */
	bool responded;	  /* anything came back to an INVITE */
	bool failed;	  /* H.323, SCCP: the call could not be set up */
	bool stated;	  /* SCCP: a call state was seen */
	bool media_up;	  /* SCCP: the station was told to send media */
	uint64_t placed_us; /* the caller's Setup; SCCP: Proceed, once dialled */
	/* The parties' signalling addresses (caller, callee). */
	bool have_sig[2];
	struct addr sig[2];
	struct payload payloads[CALL_MAX_PAYLOADS];
	size_t n_payloads;
	struct media_addr media_addrs[2][CALL_MAX_MEDIA_ADDRS]; /* caller, callee */
	size_t n_media_addrs[2];
};

struct list {
	struct entry *head, *tail;
};

struct call_table {
	struct entry *by_id;
	struct alias *by_alias;
	struct list lists[2];
	size_t n, max;
	uint64_t linger_us;
	call_write_fn write;
	void *ctx;
};

const char *call_status_name(enum call_status s)
{
	static const char *const names[] = {
		[CALL_OK] = "ok",
		[CALL_FAILED] = "failed",
		[CALL_UNANSWERED] = "unanswered",
		[CALL_ONE_WAY] = "one_way",
		[CALL_NO_MEDIA] = "no_media",
		[CALL_POOR_QUALITY] = "poor_quality",
		[CALL_IN_PROGRESS] = "in_progress",
	};
	return (unsigned)s < sizeof names / sizeof *names ? names[s] : "?";
}

const char *call_end_name(enum call_end e)
{
	static const char *const names[] = {
		[CALL_END_RELEASED] = "released", [CALL_END_TIMEOUT] = "timeout",
		[CALL_END_EOF] = "eof",		  [CALL_END_SIGNAL] = "signal",
		[CALL_END_EVICTED] = "evicted",
	};
	return (unsigned)e < sizeof names / sizeof *names ? names[e] : "?";
}

const char *call_party_name(enum call_party p)
{
	return p == CALL_PARTY_CALLER	? "caller"
	       : p == CALL_PARTY_CALLEE ? "callee"
					: NULL;
}

/* ---- the E-model ---- */

/*
 * ITU-T G.113 Appendix I, Table I.1 (Ie) and Table I.3 (Bpl, random loss):
 * G.711 with the packet loss concealment of G.711 Appendix I, and G.729A
 * with VAD.  G.113's narrowband tables have no G.722 (a wideband codec,
 * rated on G.107.1's wideband scale) and no Opus: those get no score.
 */
static const struct codec_impairment {
	const char *name;
	double ie, bpl;
} codec_impairments[] = {
	{ "PCMU", 0.0, 25.1 },
	{ "PCMA", 0.0, 25.1 },
	{ "G711", 0.0, 25.1 },
	{ "G729", 11.0, 19.0 },
	{ "G729A", 11.0, 19.0 },
	{ "G729AB", 11.0, 19.0 },
};

#define EMODEL_R0 93.2	   /* G.107's default Ro - Is */
#define EMODEL_BURST_R 1.0 /* random loss */

double call_emodel_mos(const char *codec, double loss_pct, double *r)
{
	const struct codec_impairment *ci = NULL;

	for (size_t i = 0; codec && i < sizeof codec_impairments /
						 sizeof *codec_impairments;
	     i++)
		if (!strcasecmp(codec, codec_impairments[i].name))
			ci = &codec_impairments[i];
	if (!ci)
		return -1;
	if (loss_pct < 0)
		loss_pct = 0;
	if (loss_pct > 100)
		loss_pct = 100;
	/* G.107 (7-29): Ie,eff = Ie + (95 - Ie) Ppl / (Ppl / BurstR + Bpl) */
	double ie_eff = ci->ie + (95.0 - ci->ie) * loss_pct /
					 (loss_pct / EMODEL_BURST_R + ci->bpl);
	double rv = EMODEL_R0 - ie_eff;
	double mos;
	/* G.107 Annex B (B-4) */
	if (rv <= 0)
		mos = 1.0;
	else if (rv >= 100)
		mos = 4.5;
	else
		mos = 1.0 + 0.035 * rv + rv * (rv - 60.0) * (100.0 - rv) * 7e-6;
	*r = rv;
	return mos;
}

/* ---- lists ---- */

static void list_remove(struct call_table *t, struct entry *e)
{
	struct list *l = &t->lists[e->list];

	if (e->prev)
		e->prev->next = e->next;
	else
		l->head = e->next;
	if (e->next)
		e->next->prev = e->prev;
	else
		l->tail = e->prev;
	e->prev = e->next = NULL;
}

static void list_append(struct call_table *t, struct entry *e,
			enum call_list which)
{
	struct list *l = &t->lists[which];

	e->list = which;
	e->prev = l->tail;
	e->next = NULL;
	if (l->tail)
		l->tail->next = e;
	else
		l->head = e;
	l->tail = e;
}

/* An SCCP call seen only from its media on (the capture began after its
 * call states): its media, not its answer, say it is up. */
static bool media_only(const struct entry *e)
{
	return e->media_up && !e->stated;
}

/* Over calls, and calls nothing has answered, wait for the linger; calls
 * answered or ringing wait for their end. */
static void refile(struct call_table *t, struct entry *e)
{
	list_remove(t, e);
	list_append(t, e,
		    e->over || (!e->c.answer_us && !e->provisional &&
				!media_only(e))
			    ? LIST_TIMED
			    : LIST_WAITING);
}

struct call_table *call_table_new(size_t max_calls, uint64_t linger_us,
				  call_write_fn write, void *ctx)
{
	struct call_table *t = calloc(1, sizeof *t);

	if (!t)
		return NULL;
	t->max = max_calls ? max_calls : CALL_MAX_DEFAULT;
	t->linger_us = linger_us > CALL_TIMER_B_US ? linger_us : CALL_TIMER_B_US;
	t->write = write;
	t->ctx = ctx;
	return t;
}

static void entry_free(struct call_table *t, struct entry *e)
{
	for (size_t i = 0; i < e->n_aliases; i++) {
		HASH_DEL(t->by_alias, e->aliases[i]);
		free(e->aliases[i]);
	}
	for (size_t i = 0; i < e->c.n_media; i++)
		free(e->c.media[i].intervals);
	free(e);
}

static struct entry *find(const struct call_table *t, const char *id)
{
	struct entry *e;
	struct alias *a;

	HASH_FIND_STR(t->by_id, id, e);
	if (e)
		return e;
	HASH_FIND_STR(t->by_alias, id, a);
	return a ? a->e : NULL;
}

void call_table_free(struct call_table *t)
{
	struct entry *e, *tmp;

	if (!t)
		return;
	HASH_ITER(hh, t->by_id, e, tmp)
	{
		HASH_DEL(t->by_id, e);
		entry_free(t, e);
	}
	free(t);
}

/* ---- the verdict ---- */

static bool same_addr(const struct addr *a, const struct addr *b)
{
	return !addr_cmp(a, b);
}

/* The verdict of an answered call, from its media. */
static enum call_status media_status(const struct call *c)
{
	const struct addr *senders[2] = { NULL, NULL };
	size_t n_senders = 0;
	bool poor = false;

	for (size_t i = 0; i < c->n_media; i++) {
		const struct call_media *m = &c->media[i];
		if (!m->pkts)
			continue;
		bool known = false;
		for (size_t j = 0; j < n_senders; j++)
			known |= same_addr(senders[j], &m->src);
		if (!known && n_senders < 2)
			senders[n_senders++] = &m->src;
		if (m->mos >= 0 ? m->mos < CALL_POOR_MOS
				: m->rtp && m->loss_pct > CALL_POOR_LOSS_PCT)
			poor = true;
	}
	if (!n_senders)
		return CALL_NO_MEDIA;
	if (n_senders == 1)
		return CALL_ONE_WAY;
	return poor ? CALL_POOR_QUALITY : CALL_OK;
}

static int by_start(const void *a, const void *b)
{
	const struct call_media *x = a, *y = b;
	int d = strcmp(x->flow_id, y->flow_id);

	if (x->first_us != y->first_us)
		return x->first_us < y->first_us ? -1 : 1;
	return d ? d : (int)x->dir - (int)y->dir;
}

static bool rtcp_before(const struct call *c, size_t i, size_t j)
{
	if (c->rtcp_first_us[i] != c->rtcp_first_us[j])
		return c->rtcp_first_us[i] < c->rtcp_first_us[j];
	return strcmp(c->rtcp_flows[i], c->rtcp_flows[j]) < 0;
}

static void swap_rtcp(struct call *c, size_t i, size_t j)
{
	char id[CALL_FLOW_ID_MAX];
	uint64_t t = c->rtcp_first_us[i];

	memcpy(id, c->rtcp_flows[i], sizeof id);
	memcpy(c->rtcp_flows[i], c->rtcp_flows[j], sizeof id);
	memcpy(c->rtcp_flows[j], id, sizeof id);
	c->rtcp_first_us[i] = c->rtcp_first_us[j];
	c->rtcp_first_us[j] = t;
}

/* The streams in the order they started, not the order their flows
 * ended: the same record whichever worker each flow was on. */
static void order_streams(struct call *c)
{
	qsort(c->media, c->n_media, sizeof *c->media, by_start);
	for (size_t i = 1; i < c->n_rtcp_flows; i++)
		for (size_t j = i; j > 0 && rtcp_before(c, j, j - 1); j--)
			swap_rtcp(c, j, j - 1);
}

static void settle(struct entry *e, enum call_end why)
{
	struct call *c = &e->c;

	c->end = why;
	order_streams(c);
	if (c->answer_us || media_only(e))
		c->status = media_status(c);
	else if (e->failed)
		c->status = CALL_FAILED;
	else if (strcmp(c->protocol, "sip") && e->over)
		c->status = CALL_UNANSWERED;
	else if (!strcmp(c->protocol, "sip") &&
		 c->final_code >= SIP_FIRST_FAILURE)
		c->status = c->final_code == SIP_REQUEST_TERMINATED
				    ? CALL_UNANSWERED
				    : CALL_FAILED;
	else if (e->cancelled)
		c->status = CALL_UNANSWERED;
	else if (e->provisional && why != CALL_END_TIMEOUT)
		c->status = CALL_IN_PROGRESS;
	else
		c->status = CALL_UNANSWERED;
	c->mos_to_callee = c->mos_to_caller = -1;
	for (size_t i = 0; i < c->n_media; i++) {
		const struct call_media *m = &c->media[i];
		double *worst = m->sender == CALL_PARTY_CALLER	 ? &c->mos_to_callee
				: m->sender == CALL_PARTY_CALLEE ? &c->mos_to_caller
								 : NULL;
		if (worst && m->mos >= 0 && (*worst < 0 || m->mos < *worst))
			*worst = m->mos;
	}
}

static void write_and_forget(struct call_table *t, struct entry *e,
			     enum call_end why)
{
	settle(e, why);
	if (t->write)
		t->write(t->ctx, &e->c);
	list_remove(t, e);
	HASH_DEL(t->by_id, e);
	t->n--;
	entry_free(t, e);
}

void call_tick(struct call_table *t, uint64_t now_us)
{
	struct entry *e;

	while ((e = t->lists[LIST_TIMED].head) &&
	       e->last_us + t->linger_us <= now_us)
		write_and_forget(t, e, e->over ? CALL_END_RELEASED
					       : CALL_END_TIMEOUT);
}

void call_table_flush(struct call_table *t, enum call_end why)
{
	struct entry *e;

	for (int l = 0; l < 2; l++)
		while ((e = t->lists[l].head))
			write_and_forget(t, e,
					 e->over ? CALL_END_RELEASED : why);
}

bool call_named(const struct call *c, const char *id)
{
	if (!strcmp(c->call_id, id))
		return true;
	for (size_t i = 0; i < c->n_other_ids; i++)
		if (!strcmp(c->other_ids[i], id))
			return true;
	return false;
}

bool call_same(const struct call_table *t, const char *a, const char *b)
{
	const struct entry *e = find(t, a);

	return e && e == find(t, b);
}

bool call_has_flow(const struct call_table *t, const char *call_id,
		   const char *flow_id)
{
	struct entry *e = find(t, call_id);

	if (!e)
		return false;
	for (size_t i = 0; i < e->c.n_flows; i++)
		if (!strcmp(e->c.flows[i], flow_id))
			return true;
	return false;
}

/* ---- signalling ---- */

static struct entry *call_new(struct call_table *t, const char *id,
			      const char *protocol)
{
	struct entry *e;

	if (t->n >= t->max) {
		/* The least recently active goes first, an ended one if any. */
		struct entry *old = t->lists[LIST_TIMED].head;
		if (!old)
			old = t->lists[LIST_WAITING].head;
		if (old)
			write_and_forget(t, old, CALL_END_EVICTED);
	}
	e = calloc(1, sizeof *e);
	if (!e)
		return NULL;
	snprintf(e->c.call_id, sizeof e->c.call_id, "%s", id);
	e->c.protocol = protocol;
	e->c.post_dial_delay_ms = -1;
	HASH_ADD_STR(t->by_id, c.call_id, e);
	list_append(t, e, LIST_TIMED);
	t->n++;
	return e;
}

static void add_flow(struct call *c, const char *flow_id)
{
	if (!flow_id || !*flow_id)
		return;
	for (size_t i = 0; i < c->n_flows; i++)
		if (!strcmp(c->flows[i], flow_id))
			return;
	if (c->n_flows < CALL_MAX_FLOWS)
		snprintf(c->flows[c->n_flows++], CALL_FLOW_ID_MAX, "%s",
			 flow_id);
}

static void add_user_agent(struct call *c, const char *ua)
{
	if (!*ua)
		return;
	for (size_t i = 0; i < c->n_user_agents; i++)
		if (!strcmp(c->user_agents[i], ua))
			return;
	if (c->n_user_agents < CALL_MAX_UAS)
		snprintf(c->user_agents[c->n_user_agents++], PROTO_PRODUCT_MAX,
			 "%s", ua);
}

static void add_message(struct call *c, const struct proto_pkt *from,
			const struct sip_message *m)
{
	if (c->n_messages == CALL_MAX_MESSAGES) {
		c->messages_dropped++;
		return;
	}
	struct call_message *cm = &c->messages[c->n_messages++];
	cm->ts_us = from->ts_us;
	cm->src = from->src;
	cm->dst = from->dst;
	cm->sport = from->sport;
	cm->dport = from->dport;
	cm->is_request = m->is_request;
	memcpy(cm->method, m->method, sizeof cm->method);
	cm->status = m->status;
	memcpy(cm->reason, m->reason, sizeof cm->reason);
	memcpy(cm->cseq_method, m->cseq_method, sizeof cm->cseq_method);
	cm->has_sdp = m->has_sdp;
}

/* The payload types and media addresses an SDP body gave, kept by the
 * party that sent it (0 caller, 1 callee). */
static void add_sdp(struct entry *e, const struct sdp_session *s, int party)
{
	for (size_t i = 0; i < s->n_streams; i++) {
		const struct sdp_stream *st = &s->streams[i];
		for (size_t j = 0; j < st->n_rtpmaps; j++) {
			const struct sdp_rtpmap *r = &st->rtpmaps[j];
			bool known = false;
			for (size_t k = 0; k < e->n_payloads; k++)
				known |= e->payloads[k].pt == r->pt &&
					 e->payloads[k].kind == st->kind;
			if (known || e->n_payloads == CALL_MAX_PAYLOADS)
				continue;
			struct payload *p = &e->payloads[e->n_payloads++];
			p->pt = r->pt;
			p->kind = st->kind;
			memcpy(p->encoding, r->encoding, sizeof p->encoding);
		}
		if (party < 0 || !st->port ||
		    e->n_media_addrs[party] == CALL_MAX_MEDIA_ADDRS)
			continue;
		struct media_addr *ma =
			&e->media_addrs[party][e->n_media_addrs[party]++];
		ma->addr = st->addr;
		ma->port = st->port;
	}
}

static bool is_method(const char *m, const char *name)
{
	return !strcmp(m, name);
}

void call_sip(struct call_table *t, const struct proto_pkt *from,
	      const struct sip_message *m, const char *flow_id)
{
	bool invite = m->is_request ? is_method(m->method, "INVITE")
				    : is_method(m->cseq_method, "INVITE");
	struct entry *e;
	uint64_t ts = from->ts_us;

	if (!m->call_id[0])
		return;
	call_tick(t, ts);
	e = find(t, m->call_id);
	if (!e) {
		if (!invite)
			return; /* not a call: REGISTER, OPTIONS ... */
		e = call_new(t, m->call_id, "sip");
		if (!e)
			return;
	}
	struct call *c = &e->c;
	e->last_us = ts;
	add_message(c, from, m);
	add_flow(c, flow_id);
	add_user_agent(c, m->product);
	if (!c->caller[0])
		memcpy(c->caller, m->from, sizeof c->caller);
	if (!c->callee[0])
		memcpy(c->callee, m->to, sizeof c->callee);
	if (m->is_request && invite && !e->have_sig[CALLER]) {
		e->have_sig[CALLER] = e->have_sig[CALLEE] = true;
		e->sig[CALLER] = from->src;
		e->sig[CALLEE] = from->dst;
	}
	if (m->has_sdp) {
		int party = !e->have_sig[CALLER] ? -1
			    : same_addr(&from->src, &e->sig[CALLER]) ? CALLER
			    : same_addr(&from->src, &e->sig[CALLEE]) ? CALLEE
								      : -1;
		add_sdp(e, &m->sdp, party);
	}

	if (m->is_request) {
		if (invite) {
			if (!c->attempt_us)
				c->attempt_us = ts;
			if (e->over && !c->answer_us) {
				/* A new attempt (after 401 or 407). */
				e->over = false;
				c->end_us = 0;
				c->final_code = 0;
				c->final_reason[0] = 0;
			}
		} else if (is_method(m->method, "CANCEL")) {
			e->cancelled = true;
			if (!c->answer_us && !e->over) {
				e->over = true;
				c->end_us = ts;
			}
		} else if (is_method(m->method, "BYE")) {
			if (!e->over) {
				e->over = true;
				c->end_us = ts;
			}
		}
	} else if (invite) {
		e->responded = true;
		if (m->status != SIP_TRYING && c->post_dial_delay_ms < 0 &&
		    c->attempt_us && ts >= c->attempt_us)
			/* RFC 6076 sec 4.1: Session Request Delay */
			c->post_dial_delay_ms =
				(double)(ts - c->attempt_us) / US_PER_MS;
		if (m->status > SIP_TRYING && m->status < SIP_FIRST_FINAL) {
			e->provisional = true;
			if (!c->ringing_us && (m->status == SIP_RINGING ||
					       m->status == SIP_PROGRESS))
				c->ringing_us = ts;
		} else if (m->status >= SIP_FIRST_FINAL &&
			   m->status < SIP_FIRST_FAILURE) {
			if (!c->answer_us) {
				c->answer_us = ts;
				c->final_code = m->status;
				memcpy(c->final_reason, m->reason,
				       sizeof c->final_reason);
			}
		} else if (m->status >= SIP_FIRST_FAILURE && !c->answer_us) {
			c->final_code = m->status;
			memcpy(c->final_reason, m->reason,
			       sizeof c->final_reason);
			if (!e->over) {
				e->over = true;
				c->end_us = ts;
			}
		}
	}
	refile(t, e);
}

/* ---- H.323 and SCCP ---- */

static bool party_has(const struct entry *e, int party, const struct addr *a,
		      uint16_t port);

static void add_media_addr(struct entry *e, int party, const struct addr *a,
			   uint16_t port)
{
	for (size_t i = 0; i < e->n_media_addrs[party]; i++)
		if (e->media_addrs[party][i].port == port &&
		    same_addr(&e->media_addrs[party][i].addr, a))
			return;
	if (e->n_media_addrs[party] == CALL_MAX_MEDIA_ADDRS)
		return;
	struct media_addr *ma = &e->media_addrs[party][e->n_media_addrs[party]++];
	ma->addr = *a;
	ma->port = port;
}

static void add_event_message(struct call *c, const struct proto_pkt *from,
			      const struct call_event *ev)
{
	if (!ev->message)
		return;
	if (c->n_messages == CALL_MAX_MESSAGES) {
		c->messages_dropped++;
		return;
	}
	struct call_message *cm = &c->messages[c->n_messages++];
	memset(cm, 0, sizeof *cm);
	cm->ts_us = from->ts_us;
	cm->src = from->src;
	cm->dst = from->dst;
	cm->sport = from->sport;
	cm->dport = from->dport;
	cm->is_request = true;
	snprintf(cm->method, sizeof cm->method, "%s", ev->message);
}

/* Which party an event speaks for: the side it names, else the party whose
 * signalling address sent it or whose station it is. */
static int event_party(struct entry *e, const struct call_event *ev)
{
	int p = ev->side == CALL_EV_SIDE_CALLER	  ? CALLER
		: ev->side == CALL_EV_SIDE_CALLEE ? CALLEE
						  : -1;

	if (p >= 0) {
		/* An SCCP station that answers goes off hook too: a party
		 * already known keeps its role. */
		if (e->have_sig[!p] && same_addr(&e->sig[!p], &ev->side_addr))
			return !p;
		if (!e->have_sig[p]) {
			e->have_sig[p] = true;
			e->sig[p] = ev->side_addr;
		}
		return p;
	}
	for (int q = CALLER; q <= CALLEE; q++)
		if (e->have_sig[q] && same_addr(&e->sig[q], &ev->side_addr))
			return q;
	return -1;
}

static void set_final(struct call *c, int code, const char *reason)
{
	if (code <= 0 || c->final_code)
		return;
	c->final_code = (unsigned)code;
	snprintf(c->final_reason, sizeof c->final_reason, "%s",
		 reason ? reason : "");
}

static uint64_t earliest(uint64_t a, uint64_t b)
{
	return !a ? b : !b ? a : a < b ? a : b;
}

static int by_time(const void *a, const void *b)
{
	const struct call_message *x = a, *y = b;

	return x->ts_us < y->ts_us ? -1 : x->ts_us > y->ts_us;
}

/*
 * SCCP gives each station's leg of a call its own call reference.  When
 * one leg sends its media where the other receives, they are one call:
 * `gone` joins `keep`, and its id becomes another name of `keep`.
 */
static void join(struct call_table *t, struct entry *keep, struct entry *gone)
{
	struct call *k = &keep->c, *g = &gone->c;
	struct alias *a;

	if (keep->n_aliases + gone->n_aliases + 1 > CALL_MAX_ALIASES)
		return;
	for (size_t i = 0; i < g->n_flows; i++)
		add_flow(k, g->flows[i]);
	for (size_t i = 0; i < g->n_user_agents; i++)
		add_user_agent(k, g->user_agents[i]);
	for (size_t i = 0; i < g->n_rtcp_flows && k->n_rtcp_flows < CALL_MAX_RTCP;
	     i++)
	{
		k->rtcp_first_us[k->n_rtcp_flows] = g->rtcp_first_us[i];
		memcpy(k->rtcp_flows[k->n_rtcp_flows++], g->rtcp_flows[i],
		       CALL_FLOW_ID_MAX);
	}
	for (size_t i = 0; i < g->n_media; i++) {
		if (k->n_media == CALL_MAX_MEDIA) {
			k->media_dropped++;
			free(g->media[i].intervals);
			continue;
		}
		k->media[k->n_media++] = g->media[i];
	}
	g->n_media = 0; /* the intervals are keep's now */
	k->media_dropped += g->media_dropped;
	for (size_t i = 0; i < g->n_messages; i++) {
		if (k->n_messages == CALL_MAX_MESSAGES) {
			k->messages_dropped++;
			continue;
		}
		k->messages[k->n_messages++] = g->messages[i];
	}
	k->messages_dropped += g->messages_dropped;
	qsort(k->messages, k->n_messages, sizeof *k->messages, by_time);
	if (!k->caller[0])
		memcpy(k->caller, g->caller, sizeof k->caller);
	if (!k->callee[0])
		memcpy(k->callee, g->callee, sizeof k->callee);
	for (int p = CALLER; p <= CALLEE; p++) {
		if (!keep->have_sig[p] && gone->have_sig[p] &&
		    !(keep->have_sig[!p] &&
		      same_addr(&keep->sig[!p], &gone->sig[p]))) {
			keep->have_sig[p] = true;
			keep->sig[p] = gone->sig[p];
		}
		for (size_t i = 0; i < gone->n_media_addrs[p]; i++)
			add_media_addr(keep, p, &gone->media_addrs[p][i].addr,
				       gone->media_addrs[p][i].port);
	}
	k->attempt_us = earliest(k->attempt_us, g->attempt_us);
	k->ringing_us = earliest(k->ringing_us, g->ringing_us);
	k->answer_us = earliest(k->answer_us, g->answer_us);
	if (k->post_dial_delay_ms < 0)
		k->post_dial_delay_ms = g->post_dial_delay_ms;
	if (gone->over && (!keep->over || g->end_us < k->end_us)) {
		k->end_us = g->end_us;
		keep->over = true;
	}
	if (!k->final_code || (g->final_code && !keep->failed && gone->failed)) {
		k->final_code = g->final_code;
		memcpy(k->final_reason, g->final_reason, sizeof k->final_reason);
	}
	keep->failed |= gone->failed;
	keep->provisional |= gone->provisional;
	if (gone->last_us > keep->last_us)
		keep->last_us = gone->last_us;
	/* gone's names, and gone's id, now name keep */
	for (size_t i = 0; i < gone->n_aliases; i++) {
		gone->aliases[i]->e = keep;
		keep->aliases[keep->n_aliases++] = gone->aliases[i];
	}
	gone->n_aliases = 0;
	if ((a = calloc(1, sizeof *a))) {
		memcpy(a->id, g->call_id, sizeof a->id);
		a->e = keep;
		keep->aliases[keep->n_aliases++] = a;
	}
	k->n_other_ids = 0;
	for (size_t i = 0; i < keep->n_aliases; i++)
		memcpy(k->other_ids[k->n_other_ids++], keep->aliases[i]->id,
		       PROTO_CALLID_MAX);
	list_remove(t, gone);
	HASH_DEL(t->by_id, gone);
	t->n--;
	entry_free(t, gone);
	if (a)
		HASH_ADD_STR(t->by_alias, id, a);
}

/* Another SCCP call whose party receives media at the address. */
static struct entry *receiver_of(const struct call_table *t,
				 const struct entry *not, const struct addr *a,
				 uint16_t port)
{
	struct entry *e, *tmp;

	HASH_ITER(hh, t->by_id, e, tmp)
	{
		if (e == not || strcmp(e->c.protocol, "sccp"))
			continue;
		if (party_has(e, CALLER, a, port) || party_has(e, CALLEE, a, port))
			return e;
	}
	return NULL;
}

/* Whether the release before an answer says nobody answered (the caller
 * gave up, or no one picked up) rather than that the call failed. */
static bool h323_unanswered(int cause, int party)
{
	if (cause == Q850_NO_USER_RESPONDING || cause == Q850_NO_ANSWER)
		return true;
	return party == CALLER &&
	       (cause < 0 || cause == Q850_NORMAL_CLEARING);
}

void call_event(struct call_table *t, const struct proto_pkt *from,
		const struct call_event *ev, const char *flow_id)
{
	struct entry *e;
	uint64_t ts = from->ts_us;

	if (!ev->call_id || !ev->call_id[0] || !ev->protocol)
		return;
	call_tick(t, ts);
	e = find(t, ev->call_id);
	if (!e) {
		/* A call is opened by its first step, or by its media when the
		 * capture began later; a release or CallInfo alone is no
		 * call. */
		if (ev->kind == CALL_EV_END ||
		    (ev->kind == CALL_EV_INFO && !ev->has_media))
			return;
		e = call_new(t, ev->call_id, ev->protocol);
		if (!e)
			return;
	}
	struct call *c = &e->c;
	e->last_us = ts;
	add_event_message(c, from, ev);
	add_flow(c, flow_id);
	if (ev->product)
		add_user_agent(c, ev->product);
	if (ev->caller && !c->caller[0])
		snprintf(c->caller, sizeof c->caller, "%s", ev->caller);
	if (ev->callee && !c->callee[0])
		snprintf(c->callee, sizeof c->callee, "%s", ev->callee);
	int party = event_party(e, ev);
	/* A release by the caller answers nothing. */
	bool responds = ev->kind != CALL_EV_END || party != CALLER;

	switch (ev->kind) {
	case CALL_EV_INFO:
		break;
	case CALL_EV_ATTEMPT:
		if (!c->attempt_us)
			c->attempt_us = ts;
		if (party == CALLER && !e->placed_us)
			e->placed_us = ts;
		break;
	case CALL_EV_RINGING:
		if (!c->attempt_us)
			c->attempt_us = ts;
		e->provisional = true;
		if (!c->ringing_us)
			c->ringing_us = ts;
		break;
	case CALL_EV_ANSWER:
		if (!c->answer_us) {
			c->answer_us = ts;
			set_final(c, ev->code, ev->reason);
		}
		break;
	case CALL_EV_FAILURE:
		if (!c->answer_us) {
			e->failed = true;
			set_final(c, ev->code, ev->reason);
		}
		if (!e->over) {
			e->over = true;
			c->end_us = ts;
		}
		break;
	case CALL_EV_END:
		if (!c->answer_us && !e->over && !e->failed &&
		    !strcmp(c->protocol, "h323"))
			e->failed = !h323_unanswered(ev->code, party);
		if (!c->final_code)
			set_final(c, ev->code, ev->reason);
		if (!e->over) {
			e->over = true;
			c->end_us = ts;
		}
		break;
	}
	if (ev->kind != CALL_EV_INFO)
		e->stated = true;
	if (ev->has_media && ev->media_sends)
		e->media_up = true;
	/* RFC 6076's Session Request Delay: from the call placed (an SCCP
	 * station's digits dialled) to the first answer of the called side
	 * other than "proceeding" (Alerting, Connect, a release). */
	uint64_t placed = e->placed_us ? e->placed_us : c->attempt_us;
	if (ev->kind != CALL_EV_INFO && ev->kind != CALL_EV_ATTEMPT &&
	    responds && c->post_dial_delay_ms < 0 && placed && ts > placed)
		c->post_dial_delay_ms = (double)(ts - placed) / US_PER_MS;
	if (ev->has_media && party >= 0) {
		int at = ev->media_sends ? !party : party;
		struct entry *other =
			ev->media_sends && !strcmp(c->protocol, "sccp")
				? receiver_of(t, e, &ev->media_addr,
					      ev->media_port)
				: NULL;
		add_media_addr(e, at, &ev->media_addr, ev->media_port);
		if (other) {
			/* The caller's leg names the call, else the older. */
			bool e_calls = e->have_sig[CALLER] && !e->have_sig[CALLEE];
			bool o_calls = other->have_sig[CALLER] &&
				       !other->have_sig[CALLEE];
			bool older = other->c.attempt_us &&
				     (!c->attempt_us ||
				      other->c.attempt_us <= c->attempt_us);
			bool keep_other = e_calls != o_calls ? o_calls : older;
			struct entry *keep = keep_other ? other : e;
			join(t, keep, keep_other ? e : other);
			e = keep;
		}
	}
	refile(t, e);
}

/*
 * A TCP connection to the H.225.0 call-signalling port that never came up
 * (SYN sent again and again, or refused) is an H.323 call that could not
 * be placed: no Setup could be sent.
 */
static void unconnected_h323(struct call_table *t, const struct flow *f)
{
	const struct flow_class *fc = f->cls;
	bool refused = f->tcp_seen[FLOW_REV] & FLOW_TCP_RST;
	struct entry *e;

	if (f->key.proto != IPPROTO_TCP || fc->app != APP_Q931 ||
	    fc->confidence != CONF_PORT ||
	    !(f->tcp_seen[FLOW_FWD] & FLOW_TCP_SYN) ||
	    (f->tcp_seen[FLOW_REV] & FLOW_TCP_SYNACK) ||
	    (!refused && f->syn_count < 2) || find(t, f->flow_id))
		return;
	call_tick(t, f->last_us);
	if (!(e = call_new(t, f->flow_id, "h323")))
		return;
	e->c.attempt_us = f->first_us;
	e->c.end_us = f->last_us;
	e->last_us = f->last_us;
	e->over = true;
	e->failed = refused;
	e->have_sig[CALLER] = e->have_sig[CALLEE] = true;
	e->sig[CALLER] = f->init_addr;
	e->sig[CALLEE] = f->resp_addr;
	add_flow(&e->c, f->flow_id);
	refile(t, e);
}

/* ---- media ---- */

static const char *codec_of(const struct entry *e, uint8_t pt,
			    enum sdp_media_kind kind)
{
	const char *any = NULL;

	for (size_t i = 0; i < e->n_payloads; i++) {
		if (e->payloads[i].pt != pt)
			continue;
		if (e->payloads[i].kind == kind)
			return e->payloads[i].encoding;
		if (!any)
			any = e->payloads[i].encoding;
	}
	return any ? any : rtpstat_static_name(pt);
}

static enum sdp_media_kind kind_of(const char *announced)
{
	if (!announced)
		return SDP_MEDIA_OTHER;
	if (!strcmp(announced, "audio"))
		return SDP_MEDIA_AUDIO;
	if (!strcmp(announced, "video"))
		return SDP_MEDIA_VIDEO;
	return SDP_MEDIA_OTHER;
}

static bool party_has(const struct entry *e, int party, const struct addr *a,
		      uint16_t port)
{
	for (size_t i = 0; i < e->n_media_addrs[party]; i++)
		if (e->media_addrs[party][i].port == port &&
		    same_addr(&e->media_addrs[party][i].addr, a))
			return true;
	return false;
}

/* Who sent a stream: by the media addresses each party's SDP gave, else
 * by the parties' signalling addresses (behind NAT, the SDP's are not the
 * ones seen). */
static enum call_party sender_of(const struct entry *e,
				 const struct call_media *m)
{
	if (party_has(e, 1, &m->dst, m->dport) ||
	    party_has(e, 0, &m->src, m->sport))
		return CALL_PARTY_CALLER;
	if (party_has(e, 0, &m->dst, m->dport) ||
	    party_has(e, 1, &m->src, m->sport))
		return CALL_PARTY_CALLEE;
	if ((e->have_sig[CALLER] && same_addr(&m->src, &e->sig[CALLER])) ||
	    (e->have_sig[CALLEE] && same_addr(&m->dst, &e->sig[CALLEE])))
		return CALL_PARTY_CALLER;
	if ((e->have_sig[CALLEE] && same_addr(&m->src, &e->sig[CALLEE])) ||
	    (e->have_sig[CALLER] && same_addr(&m->dst, &e->sig[CALLER])))
		return CALL_PARTY_CALLEE;
	return CALL_PARTY_UNKNOWN;
}

static void copy_intervals(struct call_media *m, const struct rtpstat *s)
{
	const struct rtpstat_interval *iv;
	unsigned width;
	size_t n = rtpstat_intervals(s, &iv, &width);

	m->interval_s = width;
	if (!n || !(m->intervals = calloc(n, sizeof *m->intervals)))
		return;
	m->n_intervals = n;
	for (size_t i = 0; i < n; i++) {
		struct call_interval *ci = &m->intervals[i];
		ci->t_s = (double)i * width;
		ci->pkts = iv[i].pkts;
		ci->lost = iv[i].expected > iv[i].pkts
				   ? iv[i].expected - iv[i].pkts
				   : 0;
		ci->late = iv[i].late;
		ci->jitter_ms = iv[i].jitter_ms;
	}
}

static void add_media(struct entry *e, const struct flow *f,
		      enum flow_dir dir)
{
	const struct flow_class *fc = f->cls;
	const struct rtpstat *s = fc->rtp[dir];
	bool rtp = fc->app == APP_RTP && s && s->started;
	struct call *c = &e->c;

	if (fc->app == APP_RTP && !rtp)
		return; /* only STUN or DTLS this way: no media */
	if (!f->pkts[dir])
		return;
	if (c->n_media == CALL_MAX_MEDIA) {
		c->media_dropped++;
		return;
	}
	struct call_media *m = &c->media[c->n_media++];
	memset(m, 0, sizeof *m);
	snprintf(m->flow_id, sizeof m->flow_id, "%s", f->flow_id);
	m->dir = dir;
	m->first_us = f->first_us;
	m->src = dir == FLOW_FWD ? f->init_addr : f->resp_addr;
	m->dst = dir == FLOW_FWD ? f->resp_addr : f->init_addr;
	m->sport = dir == FLOW_FWD ? f->init_port : f->resp_port;
	m->dport = dir == FLOW_FWD ? f->resp_port : f->init_port;
	m->sender = sender_of(e, m);
	if (fc->labels->announced_as)
		snprintf(m->kind, sizeof m->kind, "%s",
			 fc->labels->announced_as);
	m->jitter_ms = -1;
	m->mos = m->r_factor = -1;
	if (!rtp) {
		m->pkts = f->pkts[dir];
		m->seconds = (double)(f->last_us - f->first_us) / US_PER_SEC;
		return;
	}
	m->rtp = true;
	m->ssrc = s->ssrc;
	m->pt = s->pt;
	const char *codec =
		codec_of(e, s->pt, kind_of(fc->labels->announced_as));
	if (codec)
		snprintf(m->codec, sizeof m->codec, "%s", codec);
	m->pkts = s->received;
	m->expected = rtpstat_expected(s);
	m->lost = rtpstat_lost(s);
	m->late = s->late;
	uint64_t gone = (m->lost > 0 ? (uint64_t)m->lost : 0) + m->late;
	m->loss_pct = m->expected ? 100.0 * (double)gone / (double)m->expected
				  : 0;
	m->jitter_ms = rtpstat_jitter_ms(s);
	m->seconds = (double)(s->last_arrival_us - s->first_arrival_us) /
		     US_PER_SEC;
	m->mos = call_emodel_mos(m->codec, m->loss_pct, &m->r_factor);
	copy_intervals(m, s);
}

static bool is_rtcp(const struct flow_class *fc)
{
	return fc->app == APP_RTCP ||
	       (fc->app != APP_RTP && fc->labels->announced_as &&
		strstr(fc->labels->announced_as, "RTCP"));
}

static bool is_media(const struct flow_class *fc)
{
	enum sdp_media_kind k = kind_of(fc->labels->announced_as);

	return fc->app == APP_RTP ||
	       ((k == SDP_MEDIA_AUDIO || k == SDP_MEDIA_VIDEO) &&
		fc->app != APP_STUN && fc->app != APP_DTLS);
}

void call_flow_end(struct call_table *t, const struct flow *f)
{
	const struct flow_class *fc = f->cls;
	struct entry *e;

	if (!fc || !fc->labels)
		return;
	if (!fc->labels->call_id[0]) {
		unconnected_h323(t, f);
		return;
	}
	e = find(t, fc->labels->call_id);
	if (!e)
		return;
	if (is_rtcp(fc)) {
		struct call *c = &e->c;
		if (c->n_rtcp_flows < CALL_MAX_RTCP) {
			c->rtcp_first_us[c->n_rtcp_flows] = f->first_us;
			snprintf(c->rtcp_flows[c->n_rtcp_flows++],
				 CALL_FLOW_ID_MAX, "%s", f->flow_id);
		}
		return;
	}
	if (!is_media(fc))
		return;
	add_media(e, f, FLOW_FWD);
	add_media(e, f, FLOW_REV);
}
