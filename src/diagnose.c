/* \summary: why a video call failed: findings from flows and signalling */
/* specification: RFC 3261 (SIP transactions and timers), ITU-T Q.850
 * (causes), RFC 3550 (RTP loss and jitter), RFC 4594 (DSCP for media),
 * RFC 792 and RFC 4443 (unreachables), RFC 8445 (ICE checks), RFC 6298
 * (SYN retransmission) */
#include <inttypes.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <uthash.h>

#include "vcflow/diagnose.h"
#include "vcflow/fnv.h"
#include "vcflow/rtpstat.h"
#include "vcflow/sip.h"
#include "vcflow/text.h"

#define US_PER_SEC 1000000ULL
#define FINDING_TEXT 320
#define MAX_FLOW_IDS 4
#define CALL_MSGS_MAX 64
#define CALLS_MAX 4096
#define CALL_MEDIA_MAX 8
/* Findings kept at most; repeats fold into one, so this is distinct
 * failures, not attempts. */
#define FINDINGS_MAX 100000
/* A call answered and hung up this soon was cut, not finished (a person
 * who answers speaks for longer than that). */
#define SHORT_CALL_US (2 * US_PER_SEC)
/* The retransmission window: a SYN's first retransmissions come 1 and 3 s
 * after it (RFC 6298), a SIP or STUN request's within 1.5 s (T1 = 500 ms
 * doubling).  An attempt that began this close to the capture's last
 * packet may simply not have been answered yet. */
#define TAIL_US (3 * US_PER_SEC)
/* Media loss and jitter a call does not survive well (ITU-T G.114/G.1020
 * ballpark figures). */
#define LOSS_WARN_PCT 3.0
#define LOSS_ERROR_PCT 15.0
#define JITTER_WARN_MS 40.0
/* RTP flows shorter than this say little about one-way media. */
#define ONE_WAY_MIN_PKTS 10
#define DSCP_EF 46
#define DSCP_AF41 34
#define DSCP_CS0 0
#define SIP_STATUS_FINAL 200
#define SIP_STATUS_REDIRECT 300
#define SIP_UNAUTHORIZED 401
#define SIP_PROXY_AUTH 407
#define ICMP_UNREACH 3
#define ICMP_UNREACH_NEEDFRAG 4
#define ICMP6_DST_UNREACH 1
#define ICMP6_PACKET_TOO_BIG 2
#define PORT_HTTP 80
#define PORT_HTTPS 443
#define RTP_PT_DYNAMIC 96

static const char *const severity_names[] = { "info", "warning", "error",
					      "critical" };

const char *severity_name(enum severity s)
{
	return s <= SEV_CRITICAL ? severity_names[s] : "?";
}

bool severity_parse(const char *s, enum severity *out)
{
	for (int i = SEV_INFO; i <= SEV_CRITICAL; i++) {
		if (strcmp(s, severity_names[i]) == 0) {
			*out = (enum severity)i;
			return true;
		}
	}
	return false;
}

/*
 * Indexes that let each ended flow be judged against the others without
 * keeping them: one uthash table of small entries, each kind keyed by
 * addresses, ports or a number.  Entries stay until the end; past the
 * bound (--max-flows) new ones are not made, and the summary says so.
 */
enum ikind {
	IK_MEDIA = 1, /* RTP seen from a to b */
	IK_WEB,	      /* a TCP 80/443 connection from a to b that worked */
	IK_FAIL,      /* a media or signalling attempt from a to b that failed */
	IK_SIP,	      /* a SIP flow, by its 5-tuple */
	IK_ICE_UFRAG, /* an ICE agent's ufrag (hashed, in n) */
	IK_ICE_CALL,  /* the call whose SDP candidates a check used */
	IK_ICE_SOCK,  /* the socket (a, port) a check left from */
};

struct ikey {
	uint8_t kind, proto;
	uint16_t port;
	uint32_t zero;
	uint64_t n;
	struct addr a, b;
};

struct ient {
	struct ikey k;
	UT_hash_handle hh;
	struct ient *up; /* ICE: union-find parent, NULL at the root */
	bool ok;	 /* ICE root: some pair answered or carried media */
	uint64_t ts;	 /* WEB: latest start; FAIL: first failure */
	uint64_t pkts;
	char id[17];	 /* SIP, WEB, FAIL: the flow */
	const struct sig_rule *rule;
	uint8_t proto;	 /* FAIL: what failed */
	uint16_t port;
	char what[40];
};

/* What the diagnosis keeps of an ended flow, while it needs it. */
struct dflow {
	struct dflow *next; /* kept flows, oldest first */
	char id[17];
	uint8_t proto;
	struct addr init, resp;
	uint16_t iport, rport;
	uint64_t first, last;
	uint64_t pkts[2], bytes[2];
	uint8_t tcp_seen[2];
	uint32_t syns;
	enum app app;
	enum confidence conf;
	uint32_t apps_seen;
	const struct sig_rule *rule; /* the row that explains the flow */
	bool rule_on_responder;
	char call_id[PROTO_CALLID_MAX];
	char detail[PROTO_DETAIL_MAX];
	char product[PROTO_PRODUCT_MAX];
	uint32_t icmp_errors;
	uint8_t icmp_type, icmp_code;
	uint64_t dscp[2];
	bool has_rtp[2];
	struct rtpstat rtp[2];
	bool via_nat;
	struct ient *ice; /* its ICE session, when it carried checks */
	bool reported;	  /* its own findings were written as it ended */
};

struct sip_msg {
	uint64_t ts;
	struct addr src, dst;
	uint16_t sport, dport;
	bool request;
	char method[SIP_METHOD_MAX];
	char cseq_method[SIP_METHOD_MAX];
	unsigned status;
	char reason[SIP_REASON_MAX];
	bool sdp_video, sdp_bfcp;
	uint8_t sdp; /* 0, SDP_OFFER or SDP_ANSWER */
};

enum { SDP_NONE, SDP_OFFER, SDP_ANSWER };

/* The first stream of an offer or answer, for the ladder's one line. */
struct sdp_line {
	bool set;
	const char *media;
	char proto[SDP_PROTO_MAX];
	struct addr addr, from;
	uint16_t port;
	size_t more; /* other streams */
};

/* A media flow the call announced, for the ladder. */
struct call_media {
	char id[17];
	struct addr a, b;
	uint16_t ap, bp;
	uint64_t pkts[2];
	int pt[2]; /* RTP payload type each way, -1 unknown */
};

struct sip_call {
	char call_id[PROTO_CALLID_MAX];
	UT_hash_handle hh;
	struct sip_call *next; /* in order of first message */
	size_t order;
	struct sip_msg *msgs;
	size_t n_msgs, cap_msgs, dropped;
	char product[PROTO_PRODUCT_MAX];
	bool nat_hint;	    /* private self-address from a public source */
	char nat_text[160];
	bool alg_hint;	    /* SDP rewritten, Via not: an ALG at work */
	struct sdp_line offer, answer;
	struct call_media media[CALL_MEDIA_MAX];
	size_t n_media;
};

struct finding {
	enum severity sev;
	uint64_t ts, last_ts; /* the span of the attempts folded in */
	uint64_t count;	      /* attempts folded into this finding */
	char kind[24];
	char summary[FINDING_TEXT];
	char call_id[PROTO_CALLID_MAX];
	char flows[MAX_FLOW_IDS][17];
	size_t n_flows, n_flows_total;
	const struct sig_rule *rule;
	char product[PROTO_PRODUCT_MAX];
	/* who tried what: the attempts' sender, receiver and port */
	bool has_ends;
	uint8_t proto;
	struct addr src, dst;
	uint16_t port;
	/* the rule that would let it through */
	bool has_fix, fix_has_src, fix_both;
	uint8_t fix_proto;
	struct addr fix_src, fix_dst;
	uint16_t fix_port;
	char fix_words[FINDING_TEXT]; /* when no rule can be written */
	char direction[10];
	const char *caveat;
	const void *group; /* ICE: the session, so one finding a session */
	bool written;	   /* already written as it happened (live) */
};

struct fold {
	char key[256];
	size_t idx;
	UT_hash_handle hh;
};

struct expect_rec {
	struct addr addr;
	uint16_t port;
	uint8_t transport;
	enum app app;
	const char *what;
	char call_id[PROTO_CALLID_MAX];
};

struct diagnosis {
	struct diag_options opt;
	sig_atomic_t signals_at_analysis; /* *opt.stop when analysis began */
	struct dflow *kept, *kept_last; /* flows awaiting the whole capture */
	size_t n_kept, kept_evicted;
	struct ient *index;
	size_t n_index, index_full;
	uint64_t flows_seen, end_ts;
	unsigned q931_attempted, q931_set_up, q931_failed;
	size_t at_capture_end; /* attempts too close to the end to judge */
	struct sip_call *calls, *calls_first, *calls_last;
	size_t n_calls;
	struct expect_rec *expects;
	size_t n_expects, cap_expects;
	struct finding *f;
	size_t n, cap, findings_dropped;
	struct fold *folds;
	bool media_marked; /* some RTP in the capture carries a DSCP mark */
};

static void *grow(void *v, size_t *cap, size_t n, size_t size)
{
	if (n < *cap)
		return v;
	size_t c = *cap ? 2 * *cap : 64;
	void *nv = realloc(v, c * size);
	if (nv)
		*cap = c;
	return nv;
}

struct diagnosis *diagnosis_new(const struct diag_options *o)
{
	struct diagnosis *d = calloc(1, sizeof *d);

	if (!d)
		return NULL;
	d->opt = *o;
	if (!d->opt.nft_family)
		d->opt.nft_family = "inet";
	if (!d->opt.nft_table)
		d->opt.nft_table = "filter";
	if (!d->opt.nft_chain)
		d->opt.nft_chain = "forward";
	return d;
}

void diagnosis_free(struct diagnosis *d)
{
	struct sip_call *c, *tmp;
	struct ient *e, *etmp;
	struct fold *fo, *ftmp;

	if (!d)
		return;
	HASH_ITER(hh, d->calls, c, tmp)
	{
		HASH_DEL(d->calls, c);
		free(c->msgs);
		free(c);
	}
	HASH_ITER(hh, d->index, e, etmp)
	{
		HASH_DEL(d->index, e);
		free(e);
	}
	HASH_ITER(hh, d->folds, fo, ftmp)
	{
		HASH_DEL(d->folds, fo);
		free(fo);
	}
	while (d->kept) {
		struct dflow *x = d->kept;
		d->kept = x->next;
		free(x);
	}
	free(d->expects);
	free(d->f);
	free(d);
}

/* ---- indexes ---- */

static struct ikey ikey_make(enum ikind kind, const struct addr *a,
			     const struct addr *b, uint16_t port, uint64_t n)
{
	struct ikey k;

	memset(&k, 0, sizeof k);
	k.kind = (uint8_t)kind;
	if (a)
		k.a = *a;
	if (b)
		k.b = *b;
	k.port = port;
	k.n = n;
	return k;
}

static struct ient *index_find(const struct diagnosis *d, const struct ikey *k)
{
	struct ient *e;

	HASH_FIND(hh, d->index, k, sizeof *k, e);
	return e;
}

/* Finds or makes an entry; NULL past the bound. */
static struct ient *index_get(struct diagnosis *d, const struct ikey *k)
{
	struct ient *e = index_find(d, k);

	if (e)
		return e;
	if (d->opt.max_flows && d->n_index >= 2 * d->opt.max_flows) {
		d->index_full++;
		return NULL;
	}
	if (!(e = calloc(1, sizeof *e)))
		return NULL;
	e->k = *k;
	HASH_ADD(hh, d->index, k, sizeof e->k, e);
	d->n_index++;
	return e;
}

/* Either direction of a 5-tuple gives the same SIP key. */
static struct ikey sip_key(uint8_t proto, const struct addr *a, uint16_t ap,
			   const struct addr *b, uint16_t bp)
{
	int c = addr_cmp(a, b);
	bool swap = c > 0 || (c == 0 && ap > bp);
	struct ikey k = swap ? ikey_make(IK_SIP, b, a, bp, ap)
			     : ikey_make(IK_SIP, a, b, ap, bp);

	k.proto = proto;
	return k;
}

static struct ient *ice_root(struct ient *e)
{
	struct ient *r = e;

	while (r->up)
		r = r->up;
	while (e->up) { /* path compression */
		struct ient *next = e->up;
		e->up = r;
		e = next;
	}
	return r;
}

static struct ient *ice_union(struct ient *a, struct ient *b)
{
	if (!a)
		return b ? ice_root(b) : NULL;
	if (!b)
		return ice_root(a);
	a = ice_root(a);
	b = ice_root(b);
	if (a != b) {
		b->up = a;
		a->ok |= b->ok;
	}
	return a;
}

/* 64-bit FNV-1a of a string (a call's id as an ICE session key). */
static uint64_t str_hash(const char *s)
{
	return fnv1a(FNV1A_OFFSET, s, strlen(s));
}

/* ---- collecting ---- */

static struct sip_call *call_of(struct diagnosis *d, const char *id)
{
	struct sip_call *c;

	HASH_FIND_STR(d->calls, id, c);
	if (c || d->n_calls >= CALLS_MAX)
		return c;
	if (!(c = calloc(1, sizeof *c)))
		return NULL;
	snprintf(c->call_id, sizeof c->call_id, "%s", id);
	HASH_ADD_STR(d->calls, call_id, c);
	if (d->calls_last)
		d->calls_last->next = c;
	else
		d->calls_first = c;
	d->calls_last = c;
	c->order = d->n_calls++;
	return c;
}

static bool sdp_has(const struct sip_message *m, enum app app,
		    const char *media)
{
	for (size_t i = 0; m->has_sdp && i < m->sdp.n_streams; i++) {
		const struct sdp_stream *s = &m->sdp.streams[i];
		if (s->port && (app ? s->app == app
				    : s->media && !strcmp(s->media, media)))
			return true;
	}
	return false;
}

/* The offer is the first SDP of the call, the answer the first from the
 * other side. */
static uint8_t note_sdp(struct sip_call *c, const struct proto_pkt *from,
			const struct sip_message *m)
{
	struct sdp_line *l;

	if (!m->has_sdp || !m->sdp.n_streams)
		return SDP_NONE;
	if (!c->offer.set)
		l = &c->offer;
	else if (!c->answer.set && addr_cmp(&c->offer.from, &from->src))
		l = &c->answer;
	else
		return SDP_NONE;
	const struct sdp_stream *s = &m->sdp.streams[0];
	l->set = true;
	l->media = s->media;
	memcpy(l->proto, s->proto, sizeof l->proto);
	l->addr = s->addr;
	l->port = s->port;
	l->from = from->src;
	l->more = m->sdp.n_streams - 1;
	return l == &c->offer ? SDP_OFFER : SDP_ANSWER;
}

/* A NAT that does not speak SIP leaves the inside addresses in the
 * message; an ALG rewrites some of them (SDP) and not always the rest. */
static void check_nat(struct sip_call *c, const struct proto_pkt *from,
		      const struct sip_message *m)
{
	char src[ADDR_STRLEN], a[ADDR_STRLEN];
	const struct addr *sdp_addr =
		m->has_sdp && m->sdp.n_streams ? &m->sdp.streams[0].addr : NULL;

	if (addr_is_private(&from->src))
		return;
	addr_str(&from->src, src, sizeof src);
	/* A response carries the request's Via, and a REGISTER's answer the
	 * client's Contact: only a request's are the sender's own. */
	bool via = m->is_request && m->has_via_addr;
	if (via && addr_is_private(&m->via_addr) && !c->nat_hint) {
		c->nat_hint = true;
		snprintf(c->nat_text, sizeof c->nat_text,
			 "Via names %s but the packet comes from %s",
			 addr_str(&m->via_addr, a, sizeof a), src);
	} else if (m->is_request && m->has_contact_addr &&
		   addr_is_private(&m->contact_addr) && !c->nat_hint) {
		c->nat_hint = true;
		snprintf(c->nat_text, sizeof c->nat_text,
			 "Contact names %s but the packet comes from %s",
			 addr_str(&m->contact_addr, a, sizeof a), src);
	} else if (sdp_addr && addr_is_private(sdp_addr) && !c->nat_hint) {
		c->nat_hint = true;
		snprintf(c->nat_text, sizeof c->nat_text,
			 "SDP c= names %s but the packet comes from %s",
			 addr_str(sdp_addr, a, sizeof a), src);
	}
	if (via && addr_is_private(&m->via_addr) && sdp_addr &&
	    addr_cmp(sdp_addr, &from->src) == 0)
		c->alg_hint = true;
	/* An ALG rewrites Via, Contact and SDP but leaves the Call-ID, which
	 * is opaque: a private host there, next to public addresses that are
	 * the packet's own, shows the rewriting. */
	const char *at = strrchr(m->call_id, '@');
	struct addr cid;
	if (m->is_request && at && addr_parse(at + 1, &cid) &&
	    addr_is_private(&cid) && via &&
	    addr_cmp(&m->via_addr, &from->src) == 0 && !c->nat_hint) {
		c->nat_hint = c->alg_hint = true;
		snprintf(c->nat_text, sizeof c->nat_text,
			 "the Call-ID names %s while Via, Contact and SDP name "
			 "the packet's own %s",
			 addr_str(&cid, a, sizeof a), src);
	}
}

void diagnosis_sip(void *ctx, const struct proto_pkt *from,
		   const struct sip_message *m, const char *flow_id)
{
	struct diagnosis *d = ctx;
	struct sip_call *c;

	if (!m->call_id[0] || !(c = call_of(d, m->call_id)))
		return;
	if (!c->product[0] && m->product[0])
		snprintf(c->product, sizeof c->product, "%s", m->product);
	check_nat(c, from, m);
	uint8_t sdp = note_sdp(c, from, m);
	if (c->n_msgs == CALL_MSGS_MAX) {
		c->dropped++;
		return;
	}
	c->msgs = grow(c->msgs, &c->cap_msgs, c->n_msgs, sizeof *c->msgs);
	if (!c->msgs || c->n_msgs >= c->cap_msgs) {
		c->dropped++;
		return;
	}
	struct sip_msg *s = &c->msgs[c->n_msgs++];
	memset(s, 0, sizeof *s);
	s->ts = from->ts_us;
	s->src = from->src;
	s->dst = from->dst;
	s->sport = from->sport;
	s->dport = from->dport;
	s->request = m->is_request;
	memcpy(s->method, m->method, sizeof s->method);
	memcpy(s->cseq_method, m->cseq_method, sizeof s->cseq_method);
	s->status = m->status;
	memcpy(s->reason, m->reason, sizeof s->reason);
	s->sdp_video = sdp_has(m, APP_UNKNOWN, "video");
	s->sdp_bfcp = sdp_has(m, APP_BFCP, NULL);
	s->sdp = sdp;
}

/* The row a finding cites must explain the flow: a vendor's row only for
 * a product the flow's evidence names (its bytes, its call, a distinctive
 * row), else the standard or infrastructure row for its protocol, else
 * none.  A vendor's table listing the port says nothing of whose it is. */
static const struct sig_rule *cited_rule(const struct flow_class *fc)
{
	const struct flow_labels *l = fc->labels;
	const struct sig_rule *r = l->rule;

	if (!r)
		return NULL;
	if (r->class != SIG_CLASS_VENDOR)
		return r;
	for (size_t i = 0; i < l->n_products; i++)
		for (const char *const *p = r->products; p && *p; p++)
			if (!strcmp(*p, l->products[i]))
				return r;
	for (size_t i = 0; i < l->match.n_rows; i++) {
		const struct sig_rule *s = l->match.rows[i].rule;
		/* TLS and DTLS carry what the row names inside them. */
		bool carrier = fc->app == APP_TLS || fc->app == APP_DTLS;
		if (s && s->class != SIG_CLASS_VENDOR &&
		    (fc->confidence != CONF_PAYLOAD || s->app == fc->app ||
		     carrier))
			return s;
	}
	return NULL;
}

static bool tcp_attempt_failed(const struct dflow *x)
{
	if (x->proto != IPPROTO_TCP || !(x->tcp_seen[FLOW_FWD] & FLOW_TCP_SYN) ||
	    (x->tcp_seen[FLOW_REV] & FLOW_TCP_SYNACK))
		return false;
	/* The initiator sends more than its SYNs (and no RST) only after a
	 * SYN/ACK reached it: the connection was set up and the capture holds
	 * one direction (an asymmetric route or span). */
	bool established = x->pkts[FLOW_FWD] > x->syns &&
			   !(x->tcp_seen[FLOW_FWD] & FLOW_TCP_RST);
	return !established;
}

static bool media_like(const struct dflow *x)
{
	return x->app == APP_RTP || x->app == APP_RTCP || x->app == APP_STUN ||
	       x->app == APP_DTLS ||
	       (x->rule && app_is_conferencing(x->rule->app));
}

static bool ice_check_flow(const struct dflow *x, const struct flow_class *fc)
{
	/* A candidate a call's SDP announced (a STUN server's mapped
	 * address is announced too, but by no call). */
	const struct proto_report *rep = classify_report(fc);

	return rep->ice_ufrag[0] || rep->ice_ufrag[1] ||
	       (x->call_id[0] && fc->labels->announced_as &&
		!strcmp(fc->labels->announced_as, "ICE candidate"));
}

/* Ties the flow into its ICE session: its checks' ufrags, the call whose
 * SDP candidates it used, the socket it left from. */
static void ice_note(struct diagnosis *d, struct dflow *x,
		     const struct flow_class *fc)
{
	bool checks = ice_check_flow(x, fc);
	bool media = x->has_rtp[0] || x->has_rtp[1] || x->app == APP_RTP ||
		     (fc->apps_seen & (1u << APP_DTLS));
	struct ient *root = NULL;

	if (x->proto != IPPROTO_UDP || (!checks && !media))
		return;
	for (int i = 0; i < 2; i++) {
		if (!classify_report(fc)->ice_ufrag[i])
			continue;
		struct ikey k = ikey_make(IK_ICE_UFRAG, NULL, NULL, 0,
					  classify_report(fc)->ice_ufrag[i]);
		root = ice_union(root, index_get(d, &k));
	}
	if (x->call_id[0] && checks) {
		struct ikey k = ikey_make(IK_ICE_CALL, NULL, NULL, 0,
					  str_hash(x->call_id));
		root = ice_union(root, index_get(d, &k));
	}
	/* Only a socket that checks or carries media ties a session: a
	 * server's well-known port would tie every client together. */
	struct ikey k = ikey_make(IK_ICE_SOCK, &x->init, NULL, x->iport, 0);
	struct ient *sock = checks ? index_get(d, &k) : index_find(d, &k);
	if (!sock && media && !checks)
		sock = index_get(d, &k);
	root = ice_union(root, sock);
	if (!root)
		return;
	if (x->pkts[FLOW_REV] && x->pkts[FLOW_FWD])
		root->ok = true;
	if (checks)
		x->ice = root;
}

static void note_media(struct diagnosis *d, const struct dflow *x)
{
	for (int dir = 0; dir < 2; dir++) {
		if (!x->pkts[dir])
			continue;
		const struct addr *a = dir ? &x->resp : &x->init;
		const struct addr *b = dir ? &x->init : &x->resp;
		struct ikey k = ikey_make(IK_MEDIA, a, b, 0, 0);
		struct ient *e = index_get(d, &k);
		if (e)
			e->pkts += x->pkts[dir];
	}
	if ((x->dscp[0] | x->dscp[1]) & ~(1ULL << DSCP_CS0))
		d->media_marked = true;
}

/* Media a call announced, for its ladder. */
static void note_call_media(struct diagnosis *d, const struct dflow *x)
{
	struct sip_call *c = NULL;

	if (!x->call_id[0])
		return;
	HASH_FIND_STR(d->calls, x->call_id, c);
	if (!c || c->n_media >= CALL_MEDIA_MAX)
		return;
	struct call_media *m = &c->media[c->n_media++];
	memcpy(m->id, x->id, sizeof m->id);
	m->a = x->init, m->b = x->resp;
	m->ap = x->iport, m->bp = x->rport;
	memcpy(m->pkts, x->pkts, sizeof m->pkts);
	for (int i = 0; i < 2; i++)
		m->pt[i] = x->has_rtp[i] ? x->rtp[i].pt : -1;
}

/* Fallback to TCP 80/443: the attempts that failed and the web
 * connections that worked, per pair of hosts. */
static void note_fallback(struct diagnosis *d, const struct dflow *x)
{
	bool web = x->rport == PORT_HTTPS || x->rport == PORT_HTTP;

	if (web && x->proto == IPPROTO_TCP &&
	    (x->tcp_seen[FLOW_REV] & FLOW_TCP_SYNACK) && x->pkts[FLOW_REV]) {
		struct ikey k = ikey_make(IK_WEB, &x->init, &x->resp, 0, 0);
		struct ient *e = index_get(d, &k);
		if (e && x->first >= e->ts) {
			e->ts = x->first;
			e->port = x->rport;
			memcpy(e->id, x->id, sizeof e->id);
		}
		return;
	}
	bool failed = tcp_attempt_failed(x) ||
		      (x->proto == IPPROTO_UDP && !x->pkts[FLOW_REV] &&
		       x->pkts[FLOW_FWD] && media_like(x));
	if (!failed || web)
		return;
	struct ikey k = ikey_make(IK_FAIL, &x->init, &x->resp, 0, 0);
	struct ient *e = index_get(d, &k);
	if (!e || (e->id[0] && e->ts <= x->first))
		return;
	e->ts = x->first;
	e->proto = x->proto;
	e->port = x->rport;
	e->rule = x->rule;
	memcpy(e->id, x->id, sizeof e->id);
}

static void note_q931(struct diagnosis *d, const struct dflow *x)
{
	if (x->app != APP_Q931 || x->conf != CONF_PAYLOAD ||
	    !strstr(x->detail, "Setup"))
		return;
	d->q931_attempted++;
	if (strstr(x->detail, "Connect"))
		d->q931_set_up++;
	else
		d->q931_failed++;
}

/* A flow whose findings need the whole capture: unanswered attempts (the
 * capture's end, ICE), one-way media (the other direction may end
 * later), unmarked media (marks may come later). */
static bool must_wait(const struct diagnosis *d, const struct dflow *x)
{
	uint64_t fwd = x->pkts[FLOW_FWD], rev = x->pkts[FLOW_REV];

	if (tcp_attempt_failed(x) || x->icmp_errors)
		return true;
	if (x->proto == IPPROTO_UDP && !rev && fwd) {
		enum app app = x->conf == CONF_PAYLOAD ? x->app
			       : x->rule	       ? x->rule->app
						       : APP_UNKNOWN;
		if (x->ice || app == APP_H225_RAS || app == APP_STUN ||
		    (app == APP_SIP && x->conf != CONF_PAYLOAD))
			return true;
	}
	if (x->app == APP_RTP && fwd + rev >= ONE_WAY_MIN_PKTS &&
	    ((!fwd || !rev) || !d->media_marked))
		return true;
	return false;
}

static void flow_findings(struct diagnosis *d, struct dflow *x);
static void later_findings(struct diagnosis *d, struct dflow *x);
static void now_findings(struct diagnosis *d, const struct dflow *x);
static void write_early(struct diagnosis *d, size_t from);

static void keep(struct diagnosis *d, const struct dflow *x)
{
	struct dflow *k;

	if (d->opt.max_flows && d->n_kept >= d->opt.max_flows) {
		/* Judged with what is known so far, so memory stays bounded. */
		struct dflow *old = d->kept;
		d->kept = old->next;
		if (!d->kept)
			d->kept_last = NULL;
		d->n_kept--;
		d->kept_evicted++;
		later_findings(d, old);
		free(old);
	}
	if (!(k = malloc(sizeof *k)))
		return;
	*k = *x;
	k->next = NULL;
	if (d->kept_last)
		d->kept_last->next = k;
	else
		d->kept = k;
	d->kept_last = k;
	d->n_kept++;
}

void diagnosis_flow(struct diagnosis *d, const struct flow *f)
{
	const struct flow_class *fc = f->cls;
	struct dflow x;

	if (!fc || !fc->labels)
		return;
	d->flows_seen++;
	if (f->last_us > d->end_ts)
		d->end_ts = f->last_us;
	memset(&x, 0, sizeof x);
	memcpy(x.id, f->flow_id, sizeof x.id);
	x.proto = f->key.proto;
	x.init = f->init_addr, x.resp = f->resp_addr;
	x.iport = f->init_port, x.rport = f->resp_port;
	x.first = f->first_us, x.last = f->last_us;
	memcpy(x.pkts, f->pkts, sizeof x.pkts);
	memcpy(x.bytes, f->bytes, sizeof x.bytes);
	memcpy(x.tcp_seen, f->tcp_seen, sizeof x.tcp_seen);
	x.syns = f->syn_count;
	x.app = fc->app;
	x.conf = fc->confidence;
	x.apps_seen = fc->apps_seen;
	x.rule = cited_rule(fc);
	x.rule_on_responder = fc->labels->rule_on_responder;
	memcpy(x.call_id, fc->labels->call_id, sizeof x.call_id);
	memcpy(x.detail, classify_report(fc)->detail, sizeof x.detail);
	if (fc->labels->n_products)
		snprintf(x.product, sizeof x.product, "%s",
			 fc->labels->products[0]);
	x.icmp_errors = flow_icmp_errors(f);
	x.icmp_type = f->extra ? f->extra->last_icmp_type : 0;
	x.icmp_code = f->extra ? f->extra->last_icmp_code : 0;
	memcpy(x.dscp, f->dscp_seen, sizeof x.dscp);
	x.via_nat = fc->labels->via_nat;
	for (int i = 0; i < 2; i++) {
		if (fc->rtp[i] && fc->rtp[i]->started) {
			x.has_rtp[i] = true;
			x.rtp[i] = *fc->rtp[i];
		}
	}
	if (x.app == APP_SIP) {
		struct ikey k = sip_key(x.proto, &x.init, x.iport, &x.resp,
					x.rport);
		struct ient *e = index_get(d, &k);
		if (e) {
			memcpy(e->id, x.id, sizeof e->id);
			e->rule = x.rule;
			e->proto = x.proto;
			e->pkts = x.icmp_errors;
		}
	}
	if (x.app == APP_RTP) {
		note_media(d, &x);
		note_call_media(d, &x);
	}
	ice_note(d, &x, fc);
	note_fallback(d, &x);
	note_q931(d, &x);
	size_t before = d->n;
	now_findings(d, &x);
	if (d->opt.as_they_happen) {
		flow_findings(d, &x);
		x.reported = true;
		write_early(d, before);
	}
	if (must_wait(d, &x))
		keep(d, &x);
}

void diagnosis_expectation(void *ctx, const struct classify_expect_info *e)
{
	struct diagnosis *d = ctx;
	struct expect_rec *r;

	if (e->via_nat || e->matched)
		return; /* the same stream, matched through the peer; or seen */
	if ((e->app != APP_RTP && e->app != APP_BFCP && e->app != APP_H245) ||
	    (e->what && !strcmp(e->what, "ICE candidate")))
		return;
	d->expects = grow(d->expects, &d->cap_expects, d->n_expects,
			  sizeof *d->expects);
	if (!d->expects || d->n_expects >= d->cap_expects)
		return;
	r = &d->expects[d->n_expects++];
	r->addr = *e->addr;
	r->port = e->port;
	r->transport = e->transport;
	r->app = e->app;
	r->what = e->what;
	snprintf(r->call_id, sizeof r->call_id, "%s",
		 e->call_id ? e->call_id : "");
}

/* ---- findings ---- */

static bool is_home(const struct diagnosis *d, const struct addr *a)
{
	for (size_t i = 0; i < d->opt.n_home; i++)
		if (cidr_contains(&d->opt.home[i], a))
			return true;
	return false;
}

/* inbound, outbound, or unknown without --home-net. */
static const char *direction(const struct diagnosis *d, const struct addr *src,
			     const struct addr *dst)
{
	if (!d->opt.n_home)
		return "unknown";
	/* no source: the rule admits any */
	bool s = src && is_home(d, src), t = is_home(d, dst);
	return s && !t ? "outbound" : t && !s ? "inbound" : s ? "internal"
							     : "external";
}

static struct finding *add(struct diagnosis *d, enum severity sev,
			   const char *kind, uint64_t ts, const char *fmt, ...)
{
	struct finding *f;
	va_list ap;

	if (d->n >= FINDINGS_MAX) {
		d->findings_dropped++;
		return NULL;
	}
	d->f = grow(d->f, &d->cap, d->n, sizeof *d->f);
	if (!d->f || d->n >= d->cap)
		return NULL;
	f = &d->f[d->n++];
	memset(f, 0, sizeof *f);
	f->sev = sev;
	f->ts = f->last_ts = ts;
	f->count = 1;
	snprintf(f->kind, sizeof f->kind, "%s", kind);
	va_start(ap, fmt);
	vsnprintf(f->summary, sizeof f->summary, fmt, ap);
	va_end(ap);
	snprintf(f->direction, sizeof f->direction, "unknown");
	return f;
}

static void ends(struct finding *f, uint8_t proto, const struct addr *src,
		 const struct addr *dst, uint16_t port)
{
	if (!f)
		return;
	f->has_ends = true;
	f->proto = proto;
	f->src = *src;
	f->dst = *dst;
	f->port = port;
}

static void span(struct finding *f, uint64_t first, uint64_t last)
{
	if (!f)
		return;
	f->ts = first;
	f->last_ts = last > first ? last : first;
}

static void with_flow(struct finding *f, const struct dflow *x)
{
	if (!f)
		return;
	f->n_flows_total++;
	if (f->n_flows >= MAX_FLOW_IDS)
		return;
	memcpy(f->flows[f->n_flows++], x->id, 17);
	if (!f->rule)
		f->rule = x->rule;
	if (!f->product[0])
		memcpy(f->product, x->product, sizeof f->product);
	if (!f->call_id[0])
		memcpy(f->call_id, x->call_id, sizeof f->call_id);
}

/* Kinds whose repeats (same sender, receiver and port) are one finding. */
static bool folds(const struct finding *f)
{
	static const char *const kinds[] = {
		"tcp_refused",	"tcp_unanswered", "udp_unanswered",
		"icmp_unreachable", "path_mtu",	  "sip_unanswered",
		"sip_rejected", "sip_auth_loop",  "tls_alert",
		"ras_reject",	"ice_unanswered", "ice_failed",
		"media_missing", "fallback",
	};
	for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
		if (!strcmp(f->kind, kinds[i]))
			return true;
	return false;
}

/* Folds the finding just made into an earlier one of the same kind
 * between the same ends, if any: one finding, a count and a span. */
static void done(struct diagnosis *d, struct finding *f)
{
	char a[ADDR_STRLEN], b[ADDR_STRLEN];
	struct fold *fo;
	char key[sizeof fo->key];

	if (!f || f != &d->f[d->n - 1] || !folds(f) ||
	    (!f->has_ends && !f->group))
		return;
	/* A different answer is a different failure, not a repeat: kinds
	 * whose sentence holds no count fold only when it is the same. */
	bool counted = !strncmp(f->kind, "tcp_", 4) ||
		       !strncmp(f->kind, "ice_", 4) ||
		       !strcmp(f->kind, "udp_unanswered") ||
		       !strcmp(f->kind, "sip_unanswered") ||
		       !strcmp(f->kind, "icmp_unreachable") ||
		       !strcmp(f->kind, "path_mtu");
	if (f->group)
		snprintf(key, sizeof key, "%s|%p", f->kind, f->group);
	else
		snprintf(key, sizeof key, "%s|%u|%s|%s|%u|%s|%.60s", f->kind,
			 f->proto, addr_str(&f->src, a, sizeof a),
			 addr_str(&f->dst, b, sizeof b), f->port,
			 f->sev == SEV_INFO ? "i" : "",
			 counted ? "" : f->summary);
	HASH_FIND_STR(d->folds, key, fo);
	if (!fo) {
		if ((fo = calloc(1, sizeof *fo))) {
			snprintf(fo->key, sizeof fo->key, "%s", key);
			fo->idx = d->n - 1;
			HASH_ADD_STR(d->folds, key, fo);
		}
		return;
	}
	struct finding *e = &d->f[fo->idx];
	e->count += f->count;
	if (f->ts < e->ts)
		e->ts = f->ts;
	if (f->last_ts > e->last_ts)
		e->last_ts = f->last_ts;
	if (f->sev > e->sev)
		e->sev = f->sev;
	for (size_t i = 0; i < f->n_flows; i++) {
		bool known = false;
		for (size_t j = 0; j < e->n_flows; j++)
			known |= !strcmp(e->flows[j], f->flows[i]);
		if (known)
			continue;
		e->n_flows_total++;
		if (e->n_flows < MAX_FLOW_IDS)
			memcpy(e->flows[e->n_flows++], f->flows[i], 17);
	}
	d->n--;
}

/* The rule that would let the flow through. */
static void suggest_rule(struct diagnosis *d, struct finding *f,
			 uint8_t proto, const struct addr *src,
			 const struct addr *dst, uint16_t port, bool both_ways)
{
	if (!f)
		return;
	snprintf(f->direction, sizeof f->direction, "%s",
		 direction(d, src, dst));
	f->has_fix = true;
	f->fix_proto = proto;
	f->fix_has_src = src != NULL;
	if (src)
		f->fix_src = *src;
	f->fix_dst = *dst;
	f->fix_port = port;
	f->fix_both = both_ways;
}

/* What the flow is, in a few words: the protocol by its usual name, else
 * the table's protocol cell. */
static const char *what_of(const struct dflow *x)
{
	static const char *const names[APP_COUNT] = {
		[APP_SIP] = "SIP signalling",
		[APP_H225_RAS] = "H.323 RAS",
		[APP_Q931] = "H.323 call signalling",
		[APP_H245] = "H.245 call control",
		[APP_RTP] = "RTP media",
		[APP_RTCP] = "RTCP",
		[APP_BFCP] = "BFCP content sharing",
		[APP_STUN] = "STUN/TURN",
		[APP_SCCP] = "Cisco SCCP signalling",
		[APP_TLS] = "TLS",
		[APP_HTTP] = "HTTP",
		[APP_XMPP] = "XMPP presence",
		[APP_LDAP] = "LDAP directory",
	};
	enum app app = x->conf == CONF_PAYLOAD || !x->rule ? x->app
							   : x->rule->app;

	if ((unsigned)app < APP_COUNT && names[app])
		return names[app];
	if (x->rule && strcmp(x->rule->protocol, "-"))
		return x->rule->protocol;
	return "traffic";
}

static const char caveat_one_side[] =
	"the capture shows the requests leave but not where they were lost: "
	"dropped on the way out, or the answers dropped on the way in; a "
	"capture on the far side tells which";
static const char caveat_one_way[] =
	"at one endpoint, media blocked both ways and media blocked in one "
	"direction look alike: check which side sends";

/* An attempt that began within the retransmission window before the
 * capture's last packet may have been answered after it ended. */
static bool at_capture_end(struct diagnosis *d, const struct dflow *x)
{
	if (d->opt.as_they_happen || x->first + TAIL_US <= d->end_ts)
		return false;
	d->at_capture_end++;
	return true;
}

static void tcp_findings(struct diagnosis *d, const struct dflow *x)
{
	char a[ADDR_STRLEN];
	bool rst = x->tcp_seen[FLOW_REV] & FLOW_TCP_RST;
	struct finding *f = NULL;

	if (!tcp_attempt_failed(x))
		return;
	if (!rst && (x->pkts[FLOW_REV] || x->icmp_errors ||
		     at_capture_end(d, x)))
		return;
	addr_str(&x->resp, a, sizeof a);
	enum severity sev = x->rule ? SEV_ERROR : SEV_WARNING;
	if (x->rule && app_is_conferencing(x->rule->app))
		sev = SEV_CRITICAL;
	if (rst)
		f = add(d, sev, "tcp_refused", x->first,
			"%s to %s TCP %u refused: RST in answer to %" PRIu32
			" SYN%s",
			what_of(x), a, x->rport, x->syns, x->syns == 1 ? "" : "s");
	else
		f = add(d, sev, "tcp_unanswered", x->first,
			"%s to %s TCP %u blocked: %" PRIu32 " SYN%s, no answer",
			what_of(x), a, x->rport, x->syns, x->syns == 1 ? "" : "s");
	if (!f)
		return;
	with_flow(f, x);
	span(f, x->first, x->last);
	ends(f, IPPROTO_TCP, &x->init, &x->resp, x->rport);
	f->caveat = rst ? "a reset may come from the host (nothing listens) "
			  "or from a firewall rejecting: the TTL of the RST "
			  "tells which"
			: caveat_one_side;
	suggest_rule(d, f, IPPROTO_TCP, &x->init, &x->resp, x->rport, true);
	done(d, f);
}
static const char *icmp_text(const struct dflow *x, bool v6)
{
	static const char *const v4[] = {
		[0] = "network unreachable",  [1] = "host unreachable",
		[2] = "protocol unreachable", [3] = "port unreachable",
		[4] = "fragmentation needed", [9] = "network prohibited",
		[10] = "host prohibited",     [13] = "administratively prohibited",
	};
	static const char *const v6c[] = {
		[0] = "no route",	  [1] = "administratively prohibited",
		[3] = "address unreachable", [4] = "port unreachable",
		[5] = "source address failed policy", [6] = "reject route",
	};
	if (!v6 && x->icmp_type == ICMP_UNREACH && x->icmp_code < 14 &&
	    v4[x->icmp_code])
		return v4[x->icmp_code];
	if (v6 && x->icmp_type == ICMP6_PACKET_TOO_BIG)
		return "packet too big";
	if (v6 && x->icmp_type == ICMP6_DST_UNREACH && x->icmp_code < 7 &&
	    v6c[x->icmp_code])
		return v6c[x->icmp_code];
	return "unreachable";
}

static void icmp_findings(struct diagnosis *d, const struct dflow *x)
{
	char a[ADDR_STRLEN];
	bool v6 = !addr_is_v4(&x->resp);
	const char *why = icmp_text(x, v6);
	bool too_big = (!v6 && x->icmp_type == ICMP_UNREACH &&
			x->icmp_code == ICMP_UNREACH_NEEDFRAG) ||
		       (v6 && x->icmp_type == ICMP6_PACKET_TOO_BIG);
	/* The far end answered: the path and the service work, and an error
	 * after that is an end closing its port (a client that has let its
	 * TURN allocation go, a call that has ended). */
	bool answered = x->proto == IPPROTO_TCP
				? (x->tcp_seen[FLOW_REV] & FLOW_TCP_SYNACK)
				: x->pkts[FLOW_REV] > 0;

	if (!x->icmp_errors)
		return;
	addr_str(&x->resp, a, sizeof a);
	enum severity sev = too_big || !x->rule ? SEV_WARNING : SEV_ERROR;
	if (answered && !too_big)
		sev = SEV_INFO;
	struct finding *f = add(
		d, sev, too_big ? "path_mtu" : "icmp_unreachable", x->first,
		"%s to %s %s %u: ICMP%s %s (%" PRIu32 " error%s)%s", what_of(x),
		a, transport_name(x->proto), x->rport, v6 ? "v6" : "", why,
		x->icmp_errors, x->icmp_errors == 1 ? "" : "s",
		answered && !too_big ? ", after it had answered" : "");
	if (!f)
		return;
	with_flow(f, x);
	span(f, x->first, x->last);
	ends(f, x->proto, &x->init, &x->resp, x->rport);
	if (too_big)
		f->caveat = "a large SIP INVITE or video frame does not "
			    "fit the path MTU: allow ICMP "
			    "fragmentation-needed through, or lower "
			    "the endpoint's MTU";
	else if (answered)
		f->caveat = "the service answered before: the error is one end "
			    "closing its port, which is how sessions end, not "
			    "a block";
	else
		f->caveat = "the error names the packet it answers; a firewall "
			    "that rejects sends the same error as a host with "
			    "nothing listening";
	if (!too_big && !answered)
		suggest_rule(d, f, x->proto, &x->init, &x->resp, x->rport,
			     true);
	done(d, f);
}

/* ICE checks nothing answered: a pair that lost, when another pair of the
 * same session answered or carried media; ICE failed when none did. */
static void ice_findings(struct diagnosis *d, const struct dflow *x)
{
	char a[ADDR_STRLEN];
	struct ient *s = ice_root(x->ice);
	struct finding *f;

	addr_str(&x->resp, a, sizeof a);
	if (s->ok) {
		f = add(d, SEV_INFO, "ice_unanswered", x->first,
			"ICE check to %s UDP %u: %" PRIu64 " sent, no response; "
			"another pair of the same ICE session worked (a "
			"candidate pair that lost, as ICE expects)",
			a, x->rport, x->pkts[FLOW_FWD]);
		if (!f)
			return;
		ends(f, IPPROTO_UDP, &x->init, &x->resp, x->rport);
	} else {
		f = add(d, SEV_ERROR, "ice_failed", x->first,
			"ICE failed: checks to %s UDP %u (%" PRIu64 " sent) and "
			"every other pair of the session got no response and "
			"carried no media",
			a, x->rport, x->pkts[FLOW_FWD]);
		if (!f)
			return;
		ends(f, IPPROTO_UDP, &x->init, &x->resp, x->rport);
		f->group = s;
		f->caveat = caveat_one_side;
		suggest_rule(d, f, IPPROTO_UDP, &x->init, &x->resp, x->rport,
			     true);
	}
	with_flow(f, x);
	span(f, x->first, x->last);
	done(d, f);
}

/* Requests to a known UDP service, repeated, with nothing back. */
static void udp_findings(struct diagnosis *d, const struct dflow *x)
{
	char a[ADDR_STRLEN];
	enum app app = x->conf == CONF_PAYLOAD ? x->app
		       : x->rule	       ? x->rule->app
					       : APP_UNKNOWN;

	if (x->proto != IPPROTO_UDP || x->pkts[FLOW_REV] || !x->pkts[FLOW_FWD] ||
	    x->icmp_errors)
		return;
	/* STUN answers with no requests: the capture holds one side. */
	if (x->app == APP_STUN && strstr(x->detail, "Response"))
		return;
	if (x->ice) {
		if (ice_root(x->ice)->ok || !at_capture_end(d, x))
			ice_findings(d, x);
		return;
	}
	if (x->pkts[FLOW_FWD] < 2)
		return;
	/* Only traffic toward the service: one side of a capture may hold
	 * nothing but a server's answers. */
	if (x->rule && !x->rule_on_responder)
		return;
	if (app != APP_H225_RAS && app != APP_STUN &&
	    !(app == APP_SIP && x->conf != CONF_PAYLOAD))
		return; /* SIP read from the bytes is judged per call */
	if (at_capture_end(d, x))
		return;
	addr_str(&x->resp, a, sizeof a);
	struct finding *f = add(
		d, app == APP_STUN ? SEV_ERROR : SEV_CRITICAL, "udp_unanswered",
		x->first, "%s to %s UDP %u: %" PRIu64 " %s sent, no response",
		what_of(x), a, x->rport, x->pkts[FLOW_FWD],
		app == APP_STUN	     ? "STUN messages"
		: app == APP_H225_RAS ? "RAS messages"
				      : "datagrams");
	if (!f)
		return;
	with_flow(f, x);
	span(f, x->first, x->last);
	ends(f, IPPROTO_UDP, &x->init, &x->resp, x->rport);
	f->caveat = caveat_one_side;
	suggest_rule(d, f, IPPROTO_UDP, &x->init, &x->resp, x->rport, true);
	done(d, f);
}

/* The SIP flow that carried a message: the finding names its id and
 * cites its row. */
static const struct ient *with_sip_flow(struct diagnosis *d,
					struct finding *f,
					const struct sip_msg *m, uint8_t *proto)
{
	struct ient *e = NULL;

	for (int i = 0; !e && i < 2; i++) {
		uint8_t p = i ? IPPROTO_TCP : IPPROTO_UDP;
		struct ikey k = sip_key(p, &m->src, m->sport, &m->dst, m->dport);
		if ((e = index_find(d, &k)) && proto)
			*proto = p;
	}
	if (!e || !f)
		return e;
	f->n_flows_total++;
	if (f->n_flows < MAX_FLOW_IDS)
		memcpy(f->flows[f->n_flows++], e->id, 17);
	if (!f->rule)
		f->rule = e->rule;
	return e;
}

struct sip_tally {
	const struct sip_msg *first_req, *first_invite, *answer_2xx, *bye,
		*last_final, *reinvite, *last_req;
	const struct sip_msg *reinvite_final;
	unsigned requests, responses, challenges, invites;
};

static void tally_call(const struct sip_call *c, struct sip_tally *t)
{
	memset(t, 0, sizeof *t);
	for (size_t i = 0; i < c->n_msgs; i++) {
		const struct sip_msg *m = &c->msgs[i];
		if (m->request) {
			t->requests++;
			t->last_req = m;
			if (!t->first_req)
				t->first_req = m;
			if (!strcmp(m->method, "INVITE")) {
				t->invites++;
				if (!t->first_invite)
					t->first_invite = m;
				else if (t->answer_2xx && !t->reinvite)
					t->reinvite = m;
			}
			if (!strcmp(m->method, "BYE") && !t->bye)
				t->bye = m;
			continue;
		}
		t->responses++;
		if (m->status < SIP_STATUS_FINAL)
			continue;
		if (!strcmp(m->cseq_method, "INVITE")) {
			if (t->reinvite)
				t->reinvite_final = m;
			else
				t->last_final = m;
			if (m->status == SIP_UNAUTHORIZED ||
			    m->status == SIP_PROXY_AUTH)
				t->challenges++;
			if (m->status < SIP_STATUS_REDIRECT && !t->answer_2xx)
				t->answer_2xx = m;
		} else if (!t->first_invite) {
			/* REGISTER, OPTIONS ...: their last answer counts. */
			t->last_final = m;
			if (m->status < SIP_STATUS_REDIRECT)
				t->answer_2xx = m;
		}
	}
}

static struct finding *call_finding(struct diagnosis *d,
				    const struct sip_call *c,
				    const struct sip_msg *m, enum severity sev,
				    const char *kind, const char *fmt, ...)
{
	char text[FINDING_TEXT];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	struct finding *f = add(d, sev, kind, m ? m->ts : 0, "%s", text);
	if (!f)
		return NULL;
	snprintf(f->call_id, sizeof f->call_id, "%s", c->call_id);
	snprintf(f->product, sizeof f->product, "%s", c->product);
	if (m)
		with_sip_flow(d, f, m, NULL);
	return f;
}

static void sip_call_findings(struct diagnosis *d, const struct sip_call *c)
{
	struct sip_tally t;
	char a[ADDR_STRLEN];

	tally_call(c, &t);
	if (!t.first_req)
		return;
	const struct sip_msg *req = t.first_invite ? t.first_invite : t.first_req;
	addr_str(&req->dst, a, sizeof a);
	if (t.responses == 0) {
		uint8_t proto = IPPROTO_UDP;
		const struct ient *sf = with_sip_flow(d, NULL, req, &proto);
		if (sf && sf->pkts)
			return; /* answered by ICMP: its own finding says so */
		/* A request alone at the very end may have had its answer
		 * after the capture stopped. */
		if (!d->opt.as_they_happen && req->ts + TAIL_US > d->end_ts &&
		    t.requests == 1) {
			d->at_capture_end++;
			return;
		}
		/* A registration nothing answers breaks calls to come; an
		 * INVITE nothing answers is a call that failed. */
		bool invite = t.first_invite != NULL;
		struct finding *f = call_finding(
			d, c, req, invite ? SEV_CRITICAL : SEV_WARNING,
			"sip_unanswered",
			"SIP %s to %s port %u sent %u time%s, no response: "
			"SIP signalling blocked%s",
			req->method, a, req->dport, t.requests,
			t.requests == 1 ? "" : "s",
			invite ? "" : " (no call was attempted)");
		if (f) {
			span(f, req->ts, t.last_req->ts);
			ends(f, proto, &req->src, &req->dst, req->dport);
			f->caveat = caveat_one_side;
			suggest_rule(d, f, proto, &req->src, &req->dst,
				     req->dport, true);
			done(d, f);
		}
		return;
	}
	if (t.first_invite && !t.last_final && !t.answer_2xx) {
		call_finding(d, c, t.first_invite, SEV_ERROR, "sip_no_final",
			     "SIP INVITE to %s got no final answer (only "
			     "provisional responses)",
			     a);
		return;
	}
	if (!t.first_invite && t.answer_2xx &&
	    t.last_final->status < SIP_STATUS_REDIRECT)
		goto nat; /* the request got through in the end */
	if (t.challenges >= 2 && !t.answer_2xx) {
		call_finding(d, c, t.last_final, SEV_ERROR, "sip_auth_loop",
			     "SIP authentication loop: %u challenges (%u %s) "
			     "and no answer: credentials refused",
			     t.challenges, t.last_final->status,
			     t.last_final->reason);
		return;
	}
	if (t.last_final && t.last_final->status >= SIP_STATUS_REDIRECT &&
	    (!t.answer_2xx || !t.first_invite)) {
		bool auth = t.last_final->status == SIP_UNAUTHORIZED ||
			    t.last_final->status == SIP_PROXY_AUTH;
		struct finding *f = call_finding(
			d, c, t.last_final, auth ? SEV_WARNING : SEV_ERROR,
			"sip_rejected", "SIP %s to %s failed: %u %s",
			req->method, a, t.last_final->status,
			t.last_final->reason);
		if (f) {
			span(f, req->ts, t.last_final->ts);
			ends(f, IPPROTO_UDP, &req->src, &req->dst, req->dport);
			done(d, f);
		}
		return;
	}
	if (t.answer_2xx && t.bye && t.bye->ts >= t.answer_2xx->ts &&
	    t.bye->ts - t.answer_2xx->ts < SHORT_CALL_US)
		call_finding(d, c, t.bye, SEV_WARNING, "sip_short_call",
			     "SIP call to %s answered, then torn down after "
			     "%.1f s",
			     a, (double)(t.bye->ts - t.answer_2xx->ts) / 1e6);
	if (t.reinvite && t.reinvite_final &&
	    t.reinvite_final->status >= SIP_STATUS_REDIRECT)
		call_finding(d, c, t.reinvite_final, SEV_ERROR,
			     "sip_reinvite_failed",
			     "SIP re-INVITE%s failed: %u %s",
			     t.reinvite->sdp_bfcp    ? " for content sharing "
						       "(BFCP)"
			     : t.reinvite->sdp_video ? " for video"
						     : "",
			     t.reinvite_final->status, t.reinvite_final->reason);
nat:
	if (c->nat_hint) {
		struct finding *f = call_finding(
			d, c, t.first_req, SEV_WARNING,
			c->alg_hint ? "sip_alg" : "sip_nat",
			c->alg_hint ? "SIP rewritten by a middlebox (SIP ALG): %s"
				    : "SIP behind NAT without SIP awareness: %s",
			c->nat_text);
		if (f)
			f->caveat = c->alg_hint
				? "the vendors ask for SIP and H.323 inspection "
				  "(ALG) to be off; an endpoint that learnt its "
				  "public address itself (STUN) looks the same "
				  "from here: a capture inside tells which"
				: "a NAT that leaves private addresses in SIP "
				  "needs the endpoint or an SBC to handle NAT; "
				  "the vendors ask for SIP inspection (ALG) to "
				  "be off rather than on";
	}
}

/* A TLS handshake the far end refused (the recogniser names the alert):
 * on SIP's TLS port, calls can't be set up. */
static void tls_findings(struct diagnosis *d, const struct dflow *x)
{
	char a[ADDR_STRLEN];
	const char *alert = strstr(x->detail, "; alert ");

	if (x->app != APP_TLS || !alert)
		return;
	addr_str(&x->resp, a, sizeof a);
	bool sip = x->rule && x->rule->app == APP_SIP;
	struct finding *f = add(d, sip ? SEV_ERROR : SEV_WARNING, "tls_alert",
				x->first, "%s to %s TCP %u: TLS %s",
				sip ? "SIP over TLS" : "TLS", a, x->rport,
				alert + 2);
	if (!f)
		return;
	with_flow(f, x);
	span(f, x->first, x->last);
	ends(f, IPPROTO_TCP, &x->init, &x->resp, x->rport);
	f->caveat = "the TLS session was refused, not the port: check "
		    "certificates (trust, expiry, names) and TLS "
		    "versions at both ends; an inspecting firewall that "
		    "re-signs TLS causes the same";
	done(d, f);
}

/* H.323 as the Q.931 and RAS recognisers summed it up. */
static void h323_findings(struct diagnosis *d, const struct dflow *x)
{
	char a[ADDR_STRLEN];
	struct finding *f = NULL;

	addr_str(&x->resp, a, sizeof a);
	if (x->app == APP_Q931 && x->conf == CONF_PAYLOAD) {
		const char *rc = strstr(x->detail, "Release Complete");
		if (strstr(x->detail, "Setup") && !strstr(x->detail, "Connect"))
			f = add(d, SEV_ERROR, "h323_no_connect", x->first,
				"H.323 call to %s: Setup without Connect%s%s",
				a, rc ? "; " : "", rc ? rc : "");
		else if (rc && strstr(rc, "cause") &&
			 !strstr(rc, "cause 16"))
			f = add(d, SEV_WARNING, "h323_released", x->first,
				"H.323 call to %s ended: %s", a, rc);
	}
	static const char *const rejects[] = { "GRJ", "RRJ", "ARJ", "BRJ",
					       "LRJ", "DRJ" };
	if (x->app == APP_H225_RAS && x->conf == CONF_PAYLOAD) {
		for (size_t i = 0; i < sizeof rejects / sizeof *rejects; i++) {
			if (!strstr(x->detail, rejects[i]))
				continue;
			f = add(d, SEV_ERROR, "ras_reject", x->first,
				"H.323 gatekeeper %s answered with %s (%s)", a,
				rejects[i], x->detail);
			break;
		}
	}
	if (!f)
		return;
	with_flow(f, x);
	span(f, x->first, x->last);
	ends(f, x->proto, &x->init, &x->resp, x->rport);
	done(d, f);
}

/* Media the other way between the same two hosts, in any flow. */
static bool reverse_media_exists(const struct diagnosis *d,
				 const struct dflow *x)
{
	bool fwd = x->pkts[FLOW_FWD] > 0;
	const struct addr *from = fwd ? &x->resp : &x->init;
	const struct addr *to = fwd ? &x->init : &x->resp;
	struct ikey k = ikey_make(IK_MEDIA, from, to, 0, 0);
	const struct ient *e = index_find(d, &k);

	return e && e->pkts;
}

/* Media judged once the capture is whole: one-way, unmarked. */
static void media_later(struct diagnosis *d, const struct dflow *x)
{
	char a[ADDR_STRLEN], b[ADDR_STRLEN];

	if (x->app != APP_RTP)
		return;
	addr_str(&x->init, a, sizeof a);
	addr_str(&x->resp, b, sizeof b);
	uint64_t fwd = x->pkts[FLOW_FWD], rev = x->pkts[FLOW_REV];
	if (fwd + rev >= ONE_WAY_MIN_PKTS && (!fwd || !rev) &&
	    !reverse_media_exists(d, x)) {
		struct finding *f = add(
			d, SEV_ERROR, "one_way_media", x->first,
			"one-way media: %" PRIu64 " RTP packets from %s:%u to "
			"%s:%u, none back",
			fwd ? fwd : rev, fwd ? a : b, fwd ? x->iport : x->rport,
			fwd ? b : a, fwd ? x->rport : x->iport);
		if (f) {
			with_flow(f, x);
			span(f, x->first, x->last);
			f->caveat = caveat_one_way;
			if (fwd) {
				ends(f, IPPROTO_UDP, &x->init, &x->resp,
				     x->rport);
				suggest_rule(d, f, IPPROTO_UDP, &x->resp,
					     &x->init, x->iport, false);
			} else {
				ends(f, IPPROTO_UDP, &x->resp, &x->init,
				     x->iport);
				suggest_rule(d, f, IPPROTO_UDP, &x->init,
					     &x->resp, x->rport, false);
			}
		}
	}
	/* RFC 4594: voice EF (46), video AF41 (34).  Unmarked media is only
	 * news where the site marks media elsewhere: a lab without QoS is not
	 * a fault. */
	bool marked = (x->dscp[0] | x->dscp[1]) & ~(1ULL << DSCP_CS0);
	if (!marked && d->media_marked && fwd + rev >= ONE_WAY_MIN_PKTS) {
		struct finding *f = add(
			d, SEV_INFO, "dscp_unmarked", x->first,
			"RTP %s:%u <-> %s:%u sent without DSCP marking (voice "
			"wants EF 46, video AF41 34)",
			a, x->iport, b, x->rport);
		with_flow(f, x);
	}
}

/* Media judged as the flow ends: NAT, quality, re-marking. */
static void media_now(struct diagnosis *d, const struct dflow *x)
{
	char a[ADDR_STRLEN], b[ADDR_STRLEN];

	if (x->app != APP_RTP)
		return;
	addr_str(&x->init, a, sizeof a);
	addr_str(&x->resp, b, sizeof b);
	if (x->via_nat) {
		struct finding *f = add(d, SEV_INFO, "media_nat", x->first,
					"RTP %s:%u <-> %s:%u comes from an address "
					"other than the one negotiated (NAT)",
					a, x->iport, b, x->rport);
		with_flow(f, x);
	}
	for (int dir = 0; dir < 2; dir++) {
		if (!x->has_rtp[dir])
			continue;
		const struct rtpstat *q = &x->rtp[dir];
		uint64_t exp = rtpstat_expected(q);
		double loss = exp ? 100.0 * (double)rtpstat_lost(q) / (double)exp
				  : 0;
		double jit = rtpstat_jitter_ms(q);
		if (loss >= LOSS_WARN_PCT || jit >= JITTER_WARN_MS) {
			struct finding *f = add(
				d, loss >= LOSS_ERROR_PCT ? SEV_ERROR : SEV_WARNING,
				"media_quality", x->first,
				"RTP %s:%u -> %s:%u: %.1f%% lost (%" PRId64
				" of %" PRIu64 "), jitter %.1f ms",
				dir ? b : a, dir ? x->rport : x->iport,
				dir ? a : b, dir ? x->iport : x->rport, loss,
				rtpstat_lost(q), exp, jit < 0 ? 0 : jit);
			with_flow(f, x);
			if (f)
				ends(f, IPPROTO_UDP, dir ? &x->resp : &x->init,
				     dir ? &x->init : &x->resp,
				     dir ? x->iport : x->rport);
		}
	}
	bool marked = (x->dscp[0] | x->dscp[1]) & ~(1ULL << DSCP_CS0);
	if (marked && x->pkts[FLOW_FWD] && x->pkts[FLOW_REV] &&
	    x->dscp[0] != x->dscp[1]) {
		struct finding *f = add(d, SEV_INFO, "dscp_remarked", x->first,
					"RTP %s:%u <-> %s:%u marked differently "
					"each way: a network re-marks DSCP",
					a, x->iport, b, x->rport);
		with_flow(f, x);
	}
}

/* Media that moved to TCP or to 80/443 after the UDP path failed: per
 * pair of hosts, the first failure and the last web connection. */
static void fallback_findings(struct diagnosis *d)
{
	char a[ADDR_STRLEN];
	struct ient *e, *tmp;

	HASH_ITER(hh, d->index, e, tmp)
	{
		if (e->k.kind != IK_FAIL || !e->id[0])
			continue;
		struct ikey k = ikey_make(IK_WEB, &e->k.a, &e->k.b, 0, 0);
		const struct ient *w = index_find(d, &k);
		if (!w || w->ts < e->ts)
			continue;
		addr_str(&e->k.b, a, sizeof a);
		struct finding *f = add(
			d, SEV_WARNING, "fallback", w->ts,
			"fallback to TCP %u: %s %u to %s failed, then the "
			"same host connected to %s TCP %u (works, with "
			"worse media quality)",
			w->port, transport_name(e->proto), e->port, a, a,
			w->port);
		if (!f)
			continue;
		span(f, e->ts, w->ts);
		f->rule = e->rule;
		f->n_flows_total = 2;
		memcpy(f->flows[f->n_flows++], e->id, 17);
		memcpy(f->flows[f->n_flows++], w->id, 17);
		ends(f, e->proto, &e->k.a, &e->k.b, e->port);
		suggest_rule(d, f, e->proto, &e->k.a, &e->k.b, e->port, true);
		done(d, f);
	}
}

/* Media the signalling announced that never appeared. */
static void expectation_findings(struct diagnosis *d)
{
	char a[ADDR_STRLEN];

	for (size_t i = 0; i < d->n_expects; i++) {
		const struct expect_rec *e = &d->expects[i];
		struct sip_call *c = NULL;
		struct sip_tally t;

		if (e->call_id[0])
			HASH_FIND_STR(d->calls, e->call_id, c);
		if (c) {
			tally_call(c, &t);
			if (!t.answer_2xx)
				continue; /* a call that failed sets up no media */
		}
		addr_str(&e->addr, a, sizeof a);
		uint8_t proto = e->transport == PROTO_TCP ? IPPROTO_TCP
							  : IPPROTO_UDP;
		struct finding *f = add(
			d, SEV_ERROR, "media_missing", 0,
			"negotiated %s stream to %s %s %u never appeared",
			e->what ? e->what : app_name(e->app), a,
			proto == IPPROTO_TCP ? "TCP" : "UDP", e->port);
		if (!f)
			continue;
		snprintf(f->call_id, sizeof f->call_id, "%s", e->call_id);
		f->caveat = "media blocked, or a capture filter that left media "
			    "out (a capture of signalling only looks the same)";
		ends(f, proto, &e->addr, &e->addr, e->port);
		suggest_rule(d, f, proto, NULL, &e->addr, e->port, false);
		/* the sender is not known: only the receiving end */
		memset(&f->src, 0, sizeof f->src);
		done(d, f);
	}
}

/* What one flow shows by itself, certain once it has ended. */
static void flow_findings(struct diagnosis *d, struct dflow *x)
{
	if (x->proto == IPPROTO_TCP)
		tcp_findings(d, x);
	icmp_findings(d, x);
	udp_findings(d, x);
}

static void now_findings(struct diagnosis *d, const struct dflow *x)
{
	h323_findings(d, x);
	tls_findings(d, x);
	media_now(d, x);
}

static void later_findings(struct diagnosis *d, struct dflow *x)
{
	if (!x->reported)
		flow_findings(d, x);
	media_later(d, x);
}

/* Most severe first; then per call in the order calls began, then calls
 * known by other signalling, then the rest; in time within. */
static int group_of(const struct diagnosis *d, const struct finding *f)
{
	struct sip_call *c = NULL;

	if (!f->call_id[0])
		return INT32_MAX;
	HASH_FIND_STR(d->calls, f->call_id, c);
	return c ? (int)c->order : INT32_MAX - 1;
}

static const struct diagnosis *sort_ctx;

static int by_severity(const void *a, const void *b)
{
	const struct finding *x = a, *y = b;

	if (x->sev != y->sev)
		return x->sev > y->sev ? -1 : 1;
	return x->ts < y->ts ? -1 : x->ts > y->ts;
}

static int by_group(const void *a, const void *b)
{
	const struct finding *x = a, *y = b;
	int gx = group_of(sort_ctx, x), gy = group_of(sort_ctx, y);

	if (gx != gy)
		return gx < gy ? -1 : 1;
	if (gx == INT32_MAX - 1) {
		int c = strcmp(x->call_id, y->call_id);
		if (c)
			return c;
	}
	return by_severity(a, b);
}

/* A signal after the one (if any) that ended the reading. */
static bool stopped(const struct diagnosis *d)
{
	return d->opt.stop && *d->opt.stop != d->signals_at_analysis;
}

/* A signal that ends the run stops it here too: what was found so far is
 * written. */
static void analyse(struct diagnosis *d)
{
	d->signals_at_analysis = d->opt.stop ? *d->opt.stop : 0;
	while (d->kept) {
		struct dflow *x = d->kept;
		d->kept = x->next;
		if (!stopped(d))
			later_findings(d, x);
		free(x);
	}
	d->kept_last = NULL;
	d->n_kept = 0;
	for (const struct sip_call *c = d->calls_first; c && !stopped(d);
	     c = c->next)
		sip_call_findings(d, c);
	if (!stopped(d))
		fallback_findings(d);
	if (!stopped(d))
		expectation_findings(d);
	if (d->n)
		qsort(d->f, d->n, sizeof *d->f, by_severity);
}

/* ---- writing ---- */

static bool addr_unset(const struct addr *a)
{
	static const struct addr zero;

	return !memcmp(a, &zero, sizeof zero);
}

/* RFC 3551 static payload types; dynamic ones are named by the SDP's
 * rtpmap, which the ladder does not keep. */
static const char *pt_name(int pt, char *buf, size_t len)
{
	const char *name;

	if (pt < 0)
		return NULL;
	if (pt <= UINT8_MAX && (name = rtpstat_static_name((uint8_t)pt)))
		return name;
	snprintf(buf, len, "PT %d", pt);
	return buf;
}

static const char *iptables_chain(const char *nft_chain)
{
	if (!strcmp(nft_chain, "forward"))
		return "FORWARD";
	if (!strcmp(nft_chain, "input"))
		return "INPUT";
	if (!strcmp(nft_chain, "output"))
		return "OUTPUT";
	return nft_chain;
}

struct fix_text {
	char words[FINDING_TEXT], nft[FINDING_TEXT], ipt[FINDING_TEXT];
	char where[128], note[320];
};

/* The rule in words, for nft (inserted ahead of the drop) and iptables. */
static void fix_text(const struct diagnosis *d, const struct finding *f,
		     struct fix_text *t)
{
	char s[ADDR_STRLEN], a[ADDR_STRLEN], src_nft[80] = "", src_ipt[64] = "";
	bool v4 = addr_is_v4(&f->fix_dst);
	const char *proto = transport_name(f->fix_proto);
	const char *o = &d->opt.nft_family[0];

	memset(t, 0, sizeof *t);
	if (!f->has_fix)
		return;
	(void)o;
	addr_str(&f->fix_dst, a, sizeof a);
	if (f->fix_has_src) {
		addr_str(&f->fix_src, s, sizeof s);
		snprintf(src_nft, sizeof src_nft, "%s saddr %s ",
			 v4 ? "ip" : "ip6", s);
		snprintf(src_ipt, sizeof src_ipt, "-s %s ", s);
		snprintf(t->words, sizeof t->words,
			 "allow %s from %s to %s port %u%s (%s)", proto, s, a,
			 f->fix_port, f->fix_both ? " and the replies" : "",
			 f->direction);
	} else {
		snprintf(t->words, sizeof t->words,
			 "allow %s to %s port %u (the port the call "
			 "negotiated)",
			 proto, a, f->fix_port);
	}
	snprintf(t->nft, sizeof t->nft,
		 "nft insert rule %s %s %s %s%s daddr %s %s dport %u accept",
		 d->opt.nft_family, d->opt.nft_table, d->opt.nft_chain, src_nft,
		 v4 ? "ip" : "ip6", a, proto, f->fix_port);
	snprintf(t->ipt, sizeof t->ipt, "%s -I %s -p %s %s-d %s --dport %u -j ACCEPT",
		 v4 ? "iptables" : "ip6tables",
		 iptables_chain(d->opt.nft_chain), proto, src_ipt, a,
		 f->fix_port);
	snprintf(t->where, sizeof t->where, "%s %s %s", d->opt.nft_family,
		 d->opt.nft_table, d->opt.nft_chain);
	snprintf(t->note, sizeof t->note,
		 "inserted at the top of chain %s of table %s %s, ahead of the "
		 "rule that drops; an accept helps only in the chain that "
		 "drops: if the drop is in another chain or table (see nft "
		 "list ruleset), give --nft-family, --nft-table and "
		 "--nft-chain",
		 d->opt.nft_chain, d->opt.nft_family, d->opt.nft_table);
}

static void json_addr_array(FILE *out, const char *name, const struct addr *a,
			    bool has)
{
	char s[ADDR_STRLEN];

	fprintf(out, ",\"%s\":[", name);
	if (has && !addr_unset(a))
		fprintf(out, "\"%s\"", addr_str(a, s, sizeof s));
	fputc(']', out);
}

static void json_finding(const struct diagnosis *d, FILE *out,
			 const struct finding *f)
{
	char t[40];
	struct fix_text fx;

	json_record_open(out, "finding", d->opt.sensor);
	fprintf(out, ",\"severity\":\"%s\",\"kind\":\"%s\",\"summary\":",
		severity_name(f->sev), f->kind);
	json_str(out, f->summary);
	fputs(",\"time\":", out);
	if (f->ts) {
		iso_time(f->ts, t, sizeof t);
		json_str(out, t);
	} else {
		fputs("null", out);
	}
	fprintf(out, ",\"count\":%" PRIu64 ",\"first_ts\":", f->count);
	if (f->ts) {
		iso_time(f->ts, t, sizeof t);
		json_str(out, t);
		fputs(",\"last_ts\":", out);
		iso_time(f->last_ts, t, sizeof t);
		json_str(out, t);
	} else {
		fputs("null,\"last_ts\":null", out);
	}
	fputs(",\"call_id\":", out);
	json_str(out, f->call_id[0] ? f->call_id : NULL);
	fputs(",\"flows\":[", out);
	for (size_t i = 0; i < f->n_flows; i++)
		fprintf(out, "%s\"%s\"", i ? "," : "", f->flows[i]);
	fprintf(out, "],\"flows_total\":%zu,\"transport\":",
		f->n_flows_total > f->n_flows ? f->n_flows_total : f->n_flows);
	json_str(out, f->has_ends ? transport_name(f->proto) : NULL);
	json_addr_array(out, "src", &f->src, f->has_ends);
	json_addr_array(out, "dst", &f->dst, f->has_ends);
	fputs(",\"ports\":[", out);
	if (f->has_ends && f->port)
		fprintf(out, "%u", f->port);
	fputs("],\"products\":[", out);
	if (f->product[0])
		json_str(out, f->product);
	fputs("],\"product\":", out);
	json_str(out, f->product[0] ? f->product : NULL);
	fputs(",\"function\":", out);
	json_str(out, f->rule ? f->rule->function : NULL);
	fputs(",\"table\":", out);
	if (f->rule) {
		char src[512];
		snprintf(src, sizeof src, "%s, %s", f->rule->title,
			 f->rule->table);
		json_str(out, src);
	} else {
		fputs("null", out);
	}
	fputs(",\"blocking\":", out);
	json_str(out, f->rule && strcmp(f->rule->blocking, "-")
			      ? f->rule->blocking
			      : NULL);
	fputs(",\"blocked\":[", out);
	if (f->has_fix && f->sev >= SEV_WARNING)
		fprintf(out, "\"%s/%u\"", transport_name(f->fix_proto),
			f->fix_port);
	fix_text(d, f, &fx);
	fprintf(out, "],\"direction\":\"%s\",\"fix\":", f->direction);
	json_str(out, f->has_fix ? fx.words : NULL);
	fputs(",\"nft\":", out);
	json_str(out, f->has_fix ? fx.nft : NULL);
	fputs(",\"iptables\":", out);
	json_str(out, f->has_fix ? fx.ipt : NULL);
	fputs(",\"nft_chain\":", out);
	json_str(out, f->has_fix ? fx.where : NULL);
	fputs(",\"fix_note\":", out);
	json_str(out, f->has_fix ? fx.note : NULL);
	fputs(",\"caveat\":", out);
	json_str(out, f->caveat);
	fputs("}\n", out);
}

static void text_finding(const struct diagnosis *d, FILE *out,
			 const struct finding *f)
{
	char t[40], t2[40];
	struct fix_text fx;

	fprintf(out, "  [%s] %s\n", severity_name(f->sev), f->summary);
	if (f->ts) {
		iso_time(f->ts, t, sizeof t);
		if (f->count > 1) {
			iso_time(f->last_ts, t2, sizeof t2);
			fprintf(out, "      when:   %" PRIu64 " times, %s to %s\n",
				f->count, t, t2);
		} else {
			fprintf(out, "      when:   %s\n", t);
		}
	}
	if (f->rule || f->product[0])
		fprintf(out, "      what:   %s%s%s\n",
			f->product[0] ? f->product : "",
			f->product[0] && f->rule ? ", " : "",
			f->rule ? f->rule->function : "");
	if (f->rule && strcmp(f->rule->blocking, "-"))
		fprintf(out, "      breaks: %s (%s, %s)\n", f->rule->blocking,
			f->rule->title, f->rule->table);
	if (f->has_fix) {
		fix_text(d, f, &fx);
		fprintf(out, "      open:   %s\n              %s\n              "
			     "%s\n      where:  %s\n",
			fx.words, fx.nft, fx.ipt, fx.note);
	}
	if (f->caveat)
		fprintf(out, "      note:   %s\n", f->caveat);
	for (size_t i = 0; i < f->n_flows; i++)
		fprintf(out, "%s%s", i ? " " : "      flows:  ", f->flows[i]);
	if (f->n_flows_total > f->n_flows)
		fprintf(out, " (and %zu more)", f->n_flows_total - f->n_flows);
	if (f->n_flows)
		fputc('\n', out);
}

/* ---- the ladder ---- */

/* The codec of the media sent to addr:port, from the call's RTP. */
static const char *codec_to(const struct sip_call *c, const struct addr *a,
			    uint16_t port, char *buf, size_t len)
{
	for (size_t i = 0; i < c->n_media; i++) {
		const struct call_media *m = &c->media[i];
		if (!addr_cmp(&m->b, a) && m->bp == port && m->pt[0] >= 0)
			return pt_name(m->pt[0], buf, len);
		if (!addr_cmp(&m->a, a) && m->ap == port && m->pt[1] >= 0)
			return pt_name(m->pt[1], buf, len);
	}
	return NULL;
}

static void sdp_text(const struct sip_call *c, const struct sdp_line *l,
		     char *out, size_t len)
{
	char a[ADDR_STRLEN], cb[16];
	const char *codec = codec_to(c, &l->addr, l->port, cb, sizeof cb);

	addr_str(&l->addr, a, sizeof a);
	snprintf(out, len, "%s %s %s:%u %s%s", l->media ? l->media : "media",
		 codec ? codec : "codec ?", a, l->port, l->proto,
		 l->more ? " (and more streams)" : "");
}

static void media_text(const struct call_media *m, char *out, size_t len)
{
	char a[ADDR_STRLEN], b[ADDR_STRLEN], cb[16];
	const char *codec = pt_name(m->pt[0] >= 0 ? m->pt[0] : m->pt[1], cb,
				    sizeof cb);

	snprintf(out, len,
		 "RTP %s:%u -> %s:%u %s: %" PRIu64 " packets, %" PRIu64
		 " back",
		 addr_str(&m->a, a, sizeof a), m->ap,
		 addr_str(&m->b, b, sizeof b), m->bp, codec ? codec : "",
		 m->pkts[0], m->pkts[1]);
}

/* One column a host; arrows between them; under each message with SDP its
 * offer or answer; the failing answer marked with its code; then the
 * media. */
static void ladder(FILE *out, const struct sip_call *c)
{
	struct addr hosts[4];
	size_t n = 0;
	char name[ADDR_STRLEN], label[96], line[400], sdp[200];
	int col = 24;

	for (size_t i = 0; i < c->n_msgs && n < 4; i++) {
		const struct addr *e2[2] = { &c->msgs[i].src, &c->msgs[i].dst };
		for (int e = 0; e < 2; e++) {
			bool known = false;
			for (size_t h = 0; h < n; h++)
				known |= !addr_cmp(&hosts[h], e2[e]);
			if (!known && n < 4)
				hosts[n++] = *e2[e];
		}
	}
	for (size_t i = 0; i < c->n_msgs; i++) {
		const struct sip_msg *m = &c->msgs[i];
		int ll = m->request ? (int)strlen(m->method)
				    : 4 + (int)strlen(m->reason);
		if (ll + 8 > col)
			col = ll + 8;
	}
	fputs("    ", out);
	for (size_t h = 0; h < n; h++)
		fprintf(out, "%-*s", col, addr_str(&hosts[h], name, sizeof name));
	fputc('\n', out);
	for (size_t i = 0; i < c->n_msgs; i++) {
		const struct sip_msg *m = &c->msgs[i];
		size_t s = 0, t = 0;
		for (size_t h = 0; h < n; h++) {
			if (!addr_cmp(&hosts[h], &m->src))
				s = h;
			if (!addr_cmp(&hosts[h], &m->dst))
				t = h;
		}
		if (m->request)
			snprintf(label, sizeof label, " %s ", m->method);
		else
			snprintf(label, sizeof label, " %u %s ", m->status,
				 m->reason);
		size_t lo = s < t ? s : t, hi = s < t ? t : s;
		size_t width = (hi - lo) * (size_t)col;
		if (width >= sizeof line)
			width = sizeof line - 1;
		memset(line, '-', width);
		line[width] = '\0';
		size_t ll = strlen(label);
		if (ll + 2 <= width)
			memcpy(line + (width - ll) / 2, label, ll);
		if (s < t && width)
			line[width - 1] = '>';
		else if (width)
			line[0] = '<';
		bool bad = !m->request && m->status >= SIP_STATUS_REDIRECT;
		char when[40];
		iso_time(m->ts, when, sizeof when);
		fprintf(out, "    %*s|%s|%*s  %s", (int)(lo * (size_t)col), "",
			line, (int)((n - 1 - hi) * (size_t)col), "", when + 11);
		if (bad)
			fprintf(out, "  <-- fails here: %u %s", m->status,
				m->reason);
		fputc('\n', out);
		if (m->sdp) {
			const struct sdp_line *l =
				m->sdp == SDP_OFFER ? &c->offer : &c->answer;
			sdp_text(c, l, sdp, sizeof sdp);
			fprintf(out, "    %*s  SDP %s: %s\n",
				(int)(lo * (size_t)col), "",
				m->sdp == SDP_OFFER ? "offer" : "answer", sdp);
		}
	}
	if (c->dropped)
		fprintf(out, "    (%zu more messages not shown)\n", c->dropped);
	for (size_t i = 0; i < c->n_media; i++) {
		media_text(&c->media[i], line, sizeof line);
		fprintf(out, "    media: %s\n", line);
	}
	if (!c->n_media && c->answer.set)
		fputs("    media: none seen\n", out);
}

static void json_sdp(FILE *out, const struct sip_call *c,
		     const struct sdp_line *l)
{
	char a[ADDR_STRLEN], cb[16];

	if (!l->set) {
		fputs("null", out);
		return;
	}
	fputs("{\"media\":", out);
	json_str(out, l->media);
	fputs(",\"codec\":", out);
	json_str(out, codec_to(c, &l->addr, l->port, cb, sizeof cb));
	fprintf(out, ",\"address\":\"%s\",\"port\":%u,\"proto\":",
		addr_str(&l->addr, a, sizeof a), l->port);
	json_str(out, l->proto);
	fprintf(out, ",\"more_streams\":%zu}", l->more);
}

/* {"type":"ladder"}: the same picture as data (see the man page). */
static void json_ladder(FILE *out, const char *sensor,
			const struct sip_call *c)
{
	char t[40], a[ADDR_STRLEN], b[ADDR_STRLEN], cb[16];

	json_record_open(out, "ladder", sensor);
	fputs(",\"call_id\":", out);
	json_str(out, c->call_id);
	fputs(",\"messages\":[", out);
	for (size_t i = 0; i < c->n_msgs; i++) {
		const struct sip_msg *m = &c->msgs[i];
		iso_time(m->ts, t, sizeof t);
		fprintf(out, "%s{\"time\":\"%s\",\"src\":\"%s\",\"sport\":%u,"
			     "\"dst\":\"%s\",\"dport\":%u,\"request\":%s,"
			     "\"method\":",
			i ? "," : "", t, addr_str(&m->src, a, sizeof a), m->sport,
			addr_str(&m->dst, b, sizeof b), m->dport,
			m->request ? "true" : "false");
		json_str(out, m->request ? m->method : m->cseq_method);
		fputs(",\"code\":", out);
		if (m->request)
			fputs("null,\"reason\":null", out);
		else {
			fprintf(out, "%u,\"reason\":", m->status);
			json_str(out, m->reason);
		}
		fprintf(out, ",\"sdp\":%s,\"fails\":%s}",
			m->sdp == SDP_OFFER	 ? "\"offer\""
			: m->sdp == SDP_ANSWER ? "\"answer\""
					       : "null",
			!m->request && m->status >= SIP_STATUS_REDIRECT
				? "true"
				: "false");
	}
	fprintf(out, "],\"messages_not_kept\":%zu,\"offer\":", c->dropped);
	json_sdp(out, c, &c->offer);
	fputs(",\"answer\":", out);
	json_sdp(out, c, &c->answer);
	fputs(",\"media\":[", out);
	for (size_t i = 0; i < c->n_media; i++) {
		const struct call_media *m = &c->media[i];
		fprintf(out, "%s{\"flow_id\":\"%s\",\"src\":\"%s\",\"sport\":%u,"
			     "\"dst\":\"%s\",\"dport\":%u,\"codec\":",
			i ? "," : "", m->id, addr_str(&m->a, a, sizeof a),
			m->ap, addr_str(&m->b, b, sizeof b), m->bp);
		json_str(out, pt_name(m->pt[0] >= 0 ? m->pt[0] : m->pt[1], cb,
				      sizeof cb));
		fprintf(out, ",\"pkts_fwd\":%" PRIu64 ",\"pkts_rev\":%" PRIu64
			     "}",
			m->pkts[0], m->pkts[1]);
	}
	fputs("]}\n", out);
}

struct call_summary {
	unsigned attempted, set_up, failed;
	char blocked[512];
};

static void summarise(const struct diagnosis *d, struct call_summary *s)
{
	size_t n = 0;

	memset(s, 0, sizeof *s);
	for (const struct sip_call *c = d->calls_first; c; c = c->next) {
		struct sip_tally t;
		tally_call(c, &t);
		if (!t.first_invite)
			continue;
		s->attempted++;
		if (t.answer_2xx)
			s->set_up++;
		else
			s->failed++;
	}
	s->attempted += d->q931_attempted;
	s->set_up += d->q931_set_up;
	s->failed += d->q931_failed;
	for (size_t i = 0; i < d->n; i++) {
		const struct finding *f = &d->f[i];
		char item[24];
		if (!f->has_fix || f->sev < SEV_WARNING)
			continue;
		snprintf(item, sizeof item, "%s/%u", transport_name(f->fix_proto),
			 f->fix_port);
		if (strstr(s->blocked, item))
			continue;
		if (n + strlen(item) + 2 >= sizeof s->blocked)
			break;
		n += (size_t)snprintf(s->blocked + n, sizeof s->blocked - n,
				      "%s%s", n ? " " : "", item);
	}
}

static void text_report(struct diagnosis *d, FILE *out)
{
	struct call_summary s;
	const char *group = NULL;
	bool grouped = false, loose = false;

	if (!d->n)
		fputs("no findings: nothing in this capture shows a blocked or "
		      "failing call\n",
		      out);
	/* Per call, in the order calls were seen; then calls known by other
	 * signalling (an H.323 call identity); then the rest. */
	sort_ctx = d;
	if (d->n)
		qsort(d->f, d->n, sizeof *d->f, by_group);
	for (size_t i = 0; i < d->n; i++) {
		const struct finding *f = &d->f[i];
		if (f->call_id[0] && (!group || strcmp(group, f->call_id))) {
			if (grouped) {
				struct sip_call *c = NULL;
				HASH_FIND_STR(d->calls, group, c);
				if (c && d->opt.ladder)
					ladder(out, c);
				fputc('\n', out);
			}
			fprintf(out, "call %s\n", f->call_id);
			group = f->call_id;
			grouped = true;
		} else if (!f->call_id[0] && !loose) {
			if (grouped) {
				struct sip_call *c = NULL;
				HASH_FIND_STR(d->calls, group, c);
				if (c && d->opt.ladder)
					ladder(out, c);
				fputc('\n', out);
			}
			grouped = false;
			fputs("not tied to a call\n", out);
			loose = true;
		}
		text_finding(d, out, f);
	}
	if (grouped) {
		struct sip_call *c = NULL;
		HASH_FIND_STR(d->calls, group, c);
		if (c && d->opt.ladder)
			ladder(out, c);
		fputc('\n', out);
	}
	if (d->opt.ladder && !d->n)
		for (const struct sip_call *c = d->calls_first; c; c = c->next) {
			fprintf(out, "call %s\n", c->call_id);
			ladder(out, c);
		}
	summarise(d, &s);
	fprintf(out, "\n%u call%s attempted, %u set up, %u failed; %zu "
		     "finding%s; blocked: %s\n",
		s.attempted, s.attempted == 1 ? "" : "s", s.set_up, s.failed,
		d->n, d->n == 1 ? "" : "s", s.blocked[0] ? s.blocked : "none");
	if (d->at_capture_end)
		fprintf(out, "%zu attempt%s began too close to the capture's "
			     "end to judge\n",
			d->at_capture_end, d->at_capture_end == 1 ? "" : "s");
	if (d->kept_evicted || d->index_full || d->findings_dropped)
		fprintf(out, "bounded by --max-flows: %zu flows judged early, "
			     "%zu index entries and %zu findings not kept\n",
			d->kept_evicted, d->index_full, d->findings_dropped);
}

static void write_early(struct diagnosis *d, size_t from)
{
	FILE *out = d->opt.as_they_happen;

	for (size_t i = from; i < d->n; i++) {
		if (d->opt.json)
			json_finding(d, out, &d->f[i]);
		else
			text_finding(d, out, &d->f[i]);
		d->f[i].written = true;
	}
	fflush(out);
}

int diagnosis_report(struct diagnosis *d, FILE *out)
{
	int worst = -1;
	struct call_summary s;

	analyse(d);
	for (size_t i = 0; i < d->n; i++)
		if ((int)d->f[i].sev > worst)
			worst = (int)d->f[i].sev;
	if (!d->opt.json) {
		text_report(d, out);
		return worst;
	}
	for (size_t i = 0; i < d->n; i++)
		if (!d->f[i].written)
			json_finding(d, out, &d->f[i]);
	if (d->opt.ladder)
		for (const struct sip_call *c = d->calls_first; c; c = c->next)
			json_ladder(out, d->opt.sensor, c);
	summarise(d, &s);
	json_record_open(out, "summary", d->opt.sensor);
	fprintf(out, ",\"calls_attempted\":%u,"
		     "\"calls_set_up\":%u,\"calls_failed\":%u,\"findings\":%zu,"
		     "\"blocked\":",
		s.attempted, s.set_up, s.failed, d->n);
	json_str(out, s.blocked);
	fprintf(out, ",\"flows\":%" PRIu64 ",\"at_capture_end\":%zu,"
		     "\"flows_judged_early\":%zu,\"index_full\":%zu,"
		     "\"findings_not_kept\":%zu}\n",
		d->flows_seen, d->at_capture_end, d->kept_evicted,
		d->index_full, d->findings_dropped);
	return worst;
}
