/* \summary: why a video call failed: findings from flows and signalling */
/* specification: RFC 3261 (SIP transactions and timers), ITU-T Q.850
 * (causes), RFC 3550 (RTP loss and jitter), RFC 4594 (DSCP for media),
 * RFC 792 and RFC 4443 (unreachables) */
#include <inttypes.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <uthash.h>

#include "vcflow/diagnose.h"
#include "vcflow/sip.h"
#include "vcflow/text.h"

#define US_PER_SEC 1000000ULL
#define FINDING_TEXT 320
#define MAX_FLOW_IDS 4
#define CALL_MSGS_MAX 64
#define CALLS_MAX 4096
/* A call answered and hung up this soon was cut, not finished (a person
 * who answers speaks for longer than that). */
#define SHORT_CALL_US (2 * US_PER_SEC)
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

/* What the diagnosis keeps of an ended flow. */
struct dflow {
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
	const struct sig_rule *rule;
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
	bool reported; /* its own findings were written as it ended */
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
};

struct sip_call {
	char call_id[PROTO_CALLID_MAX];
	UT_hash_handle hh;
	struct sip_call *next; /* in order of first message */
	struct sip_msg msgs[CALL_MSGS_MAX];
	size_t n_msgs, dropped;
	char product[PROTO_PRODUCT_MAX];
	bool nat_hint;	    /* private self-address from a public source */
	char nat_text[160];
	bool alg_hint;	    /* SDP rewritten, Via not: an ALG at work */
};

struct finding {
	enum severity sev;
	uint64_t ts;
	char kind[32];
	char summary[FINDING_TEXT];
	char call_id[PROTO_CALLID_MAX];
	char flows[MAX_FLOW_IDS][17];
	size_t n_flows;
	const struct sig_rule *rule;
	char product[PROTO_PRODUCT_MAX];
	char fix[FINDING_TEXT];
	char nft[FINDING_TEXT];
	char direction[10];
	const char *caveat;
	uint16_t blocked_port;
	uint8_t blocked_proto;
	bool written; /* already written as it happened (live) */
};

struct expect_rec {
	struct addr addr;
	uint16_t port;
	uint8_t transport;
	enum app app;
	const char *what;
	char call_id[PROTO_CALLID_MAX];
	bool matched;
};

struct diagnosis {
	struct diag_options opt;
	struct dflow *flows;
	size_t n_flows, cap_flows;
	struct sip_call *calls, *calls_first, *calls_last;
	size_t n_calls;
	struct expect_rec *expects;
	size_t n_expects, cap_expects;
	struct finding *f;
	size_t n, cap;
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

	if (d)
		d->opt = *o;
	return d;
}

void diagnosis_free(struct diagnosis *d)
{
	struct sip_call *c, *tmp;

	if (!d)
		return;
	HASH_ITER(hh, d->calls, c, tmp)
	{
		HASH_DEL(d->calls, c);
		free(c);
	}
	free(d->flows);
	free(d->expects);
	free(d->f);
	free(d);
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
	d->n_calls++;
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
		   const struct sip_message *m)
{
	struct diagnosis *d = ctx;
	struct sip_call *c;

	if (!m->call_id[0] || !(c = call_of(d, m->call_id)))
		return;
	if (!c->product[0] && m->product[0])
		snprintf(c->product, sizeof c->product, "%s", m->product);
	check_nat(c, from, m);
	if (c->n_msgs == CALL_MSGS_MAX) {
		c->dropped++;
		return;
	}
	struct sip_msg *s = &c->msgs[c->n_msgs++];
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
}

static void flow_findings(struct diagnosis *d, struct dflow *x);
static void write_early(struct diagnosis *d, size_t from);

void diagnosis_flow(struct diagnosis *d, const struct flow *f)
{
	const struct flow_class *fc = f->cls;
	struct dflow *x;

	if (!fc)
		return;
	d->flows = grow(d->flows, &d->cap_flows, d->n_flows, sizeof *d->flows);
	if (!d->flows || d->n_flows >= d->cap_flows)
		return;
	x = &d->flows[d->n_flows++];
	memset(x, 0, sizeof *x);
	memcpy(x->id, f->flow_id, sizeof x->id);
	x->proto = f->key.proto;
	x->init = f->init_addr, x->resp = f->resp_addr;
	x->iport = f->init_port, x->rport = f->resp_port;
	x->first = f->first_us, x->last = f->last_us;
	memcpy(x->pkts, f->pkts, sizeof x->pkts);
	memcpy(x->bytes, f->bytes, sizeof x->bytes);
	memcpy(x->tcp_seen, f->tcp_seen, sizeof x->tcp_seen);
	x->syns = f->syn_count;
	x->app = fc->app;
	x->conf = fc->confidence;
	x->rule = fc->labels->rule;
	x->rule_on_responder = fc->labels->rule_on_responder;
	memcpy(x->call_id, fc->labels->call_id, sizeof x->call_id);
	memcpy(x->detail, fc->report.detail, sizeof x->detail);
	if (fc->labels->n_products)
		snprintf(x->product, sizeof x->product, "%s", fc->labels->products[0]);
	x->icmp_errors = f->icmp_errors;
	x->icmp_type = f->last_icmp_type;
	x->icmp_code = f->last_icmp_code;
	memcpy(x->dscp, f->dscp_seen, sizeof x->dscp);
	x->via_nat = fc->labels->via_nat;
	for (int i = 0; i < 2; i++) {
		if (fc->rtp[i] && fc->rtp[i]->started) {
			x->has_rtp[i] = true;
			x->rtp[i] = *fc->rtp[i];
		}
	}
	if (d->opt.as_they_happen) {
		size_t before = d->n;
		flow_findings(d, x);
		x->reported = true;
		write_early(d, before);
	}
}

void diagnosis_expectation(void *ctx, const struct classify_expect_info *e)
{
	struct diagnosis *d = ctx;
	struct expect_rec *r;

	if (e->via_nat)
		return; /* the same stream, matched through the peer */
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
	r->matched = e->matched;
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
	bool s = is_home(d, src), t = is_home(d, dst);
	return s && !t ? "outbound" : t && !s ? "inbound" : s ? "internal"
							     : "external";
}

static struct finding *add(struct diagnosis *d, enum severity sev,
			   const char *kind, uint64_t ts, const char *fmt, ...)
{
	struct finding *f;
	va_list ap;

	d->f = grow(d->f, &d->cap, d->n, sizeof *d->f);
	if (!d->f || d->n >= d->cap)
		return NULL;
	f = &d->f[d->n++];
	memset(f, 0, sizeof *f);
	f->sev = sev;
	f->ts = ts;
	snprintf(f->kind, sizeof f->kind, "%s", kind);
	va_start(ap, fmt);
	vsnprintf(f->summary, sizeof f->summary, fmt, ap);
	va_end(ap);
	snprintf(f->direction, sizeof f->direction, "unknown");
	return f;
}

static void with_flow(struct finding *f, const struct dflow *x)
{
	if (!f || f->n_flows >= MAX_FLOW_IDS)
		return;
	memcpy(f->flows[f->n_flows++], x->id, 17);
	if (!f->rule)
		f->rule = x->rule;
	if (!f->product[0])
		memcpy(f->product, x->product, sizeof f->product);
	if (!f->call_id[0])
		memcpy(f->call_id, x->call_id, sizeof f->call_id);
}

/* The rule that would let the flow through, generic and for nftables. */
static void suggest_rule(struct diagnosis *d, struct finding *f,
			 uint8_t proto, const struct addr *src,
			 const struct addr *dst, uint16_t port, bool both_ways)
{
	char s[ADDR_STRLEN], t[ADDR_STRLEN];
	const char *fam = addr_is_v4(dst) ? "ip" : "ip6";

	if (!f)
		return;
	addr_str(src, s, sizeof s);
	addr_str(dst, t, sizeof t);
	snprintf(f->direction, sizeof f->direction, "%s",
		 direction(d, src, dst));
	f->blocked_port = port;
	f->blocked_proto = proto;
	snprintf(f->fix, sizeof f->fix,
		 "allow %s from %s to %s port %u%s (%s)", transport_name(proto), s,
		 t, port, both_ways ? " and the replies" : "", f->direction);
	snprintf(f->nft, sizeof f->nft,
		 "nft add rule inet filter forward %s saddr %s %s daddr %s %s "
		 "dport %u accept",
		 fam, s, fam, t, transport_name(proto), port);
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

static void tcp_findings(struct diagnosis *d, const struct dflow *x)
{
	char a[ADDR_STRLEN];
	bool synack = x->tcp_seen[FLOW_REV] & FLOW_TCP_SYNACK;
	bool rst = x->tcp_seen[FLOW_REV] & FLOW_TCP_RST;
	struct finding *f = NULL;

	if (!(x->tcp_seen[FLOW_FWD] & FLOW_TCP_SYN) || synack)
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
	else if (x->pkts[FLOW_REV] == 0)
		f = add(d, sev, "tcp_unanswered", x->first,
			"%s to %s TCP %u blocked: %" PRIu32 " SYN%s, no answer",
			what_of(x), a, x->rport, x->syns, x->syns == 1 ? "" : "s");
	if (!f)
		return;
	with_flow(f, x);
	f->caveat = rst ? "a reset may come from the host (nothing listens) "
			  "or from a firewall rejecting: the TTL of the RST "
			  "tells which"
			: caveat_one_side;
	suggest_rule(d, f, IPPROTO_TCP, &x->init, &x->resp, x->rport, true);
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

	if (!x->icmp_errors)
		return;
	addr_str(&x->resp, a, sizeof a);
	struct finding *f = add(
		d, too_big ? SEV_WARNING : x->rule ? SEV_ERROR : SEV_WARNING,
		too_big ? "path_mtu" : "icmp_unreachable", x->first,
		"%s to %s %s %u: ICMP%s %s (%" PRIu32 " error%s)", what_of(x), a,
		transport_name(x->proto) , x->rport, v6 ? "v6" : "", why,
		x->icmp_errors, x->icmp_errors == 1 ? "" : "s");
	with_flow(f, x);
	if (too_big) {
		if (f)
			f->caveat = "a large SIP INVITE or video frame does not "
				    "fit the path MTU: allow ICMP "
				    "fragmentation-needed through, or lower "
				    "the endpoint's MTU";
		return;
	}
	if (f)
		f->caveat = "the error names the packet it answers; a firewall "
			    "that rejects sends the same error as a host with "
			    "nothing listening";
	suggest_rule(d, f, x->proto, &x->init, &x->resp, x->rport, true);
}

/* Requests to a known UDP service, repeated, with nothing back. */
static void udp_findings(struct diagnosis *d, const struct dflow *x)
{
	char a[ADDR_STRLEN];
	enum app app = x->conf == CONF_PAYLOAD ? x->app
		       : x->rule	       ? x->rule->app
					       : APP_UNKNOWN;

	if (x->proto != IPPROTO_UDP || x->pkts[FLOW_REV] ||
	    x->pkts[FLOW_FWD] < 2 || x->icmp_errors)
		return;
	/* Only traffic toward the service: one side of a capture may hold
	 * nothing but a server's answers. */
	if (x->rule && !x->rule_on_responder)
		return;
	if (app != APP_H225_RAS && app != APP_STUN &&
	    !(app == APP_SIP && x->conf != CONF_PAYLOAD))
		return; /* SIP read from the bytes is judged per call */
	addr_str(&x->resp, a, sizeof a);
	struct finding *f = add(
		d, app == APP_STUN ? SEV_ERROR : SEV_CRITICAL, "udp_unanswered",
		x->first, "%s to %s UDP %u: %" PRIu64 " %s sent, no response",
		what_of(x), a, x->rport, x->pkts[FLOW_FWD],
		app == APP_STUN	     ? "STUN messages"
		: app == APP_H225_RAS ? "RAS messages"
				      : "datagrams");
	with_flow(f, x);
	if (f)
		f->caveat = caveat_one_side;
	suggest_rule(d, f, IPPROTO_UDP, &x->init, &x->resp, x->rport, true);
}

static const struct dflow *flow_of_msg(const struct diagnosis *d,
				       const struct sip_msg *m)
{
	for (size_t i = 0; i < d->n_flows; i++) {
		const struct dflow *x = &d->flows[i];
		bool fwd = !addr_cmp(&x->init, &m->src) && x->iport == m->sport &&
			   !addr_cmp(&x->resp, &m->dst) && x->rport == m->dport;
		bool rev = !addr_cmp(&x->resp, &m->src) && x->rport == m->sport &&
			   !addr_cmp(&x->init, &m->dst) && x->iport == m->dport;
		if ((fwd || rev) && x->app == APP_SIP)
			return x;
	}
	return NULL;
}

struct sip_tally {
	const struct sip_msg *first_req, *first_invite, *answer_2xx, *bye,
		*last_final, *reinvite;
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
	const struct dflow *x = m ? flow_of_msg(d, m) : NULL;
	if (x)
		with_flow(f, x);
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
		struct finding *f = call_finding(
			d, c, req, t.first_invite ? SEV_CRITICAL : SEV_ERROR,
			"sip_unanswered",
			"SIP %s to %s port %u sent %u time%s, no response: "
			"SIP signalling blocked",
			req->method, a, req->dport, t.requests,
			t.requests == 1 ? "" : "s");
		if (f) {
			const struct dflow *x = flow_of_msg(d, req);
			f->caveat = caveat_one_side;
			suggest_rule(d, f, x ? x->proto : IPPROTO_UDP, &req->src,
				     &req->dst, req->dport, true);
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
		call_finding(d, c, t.last_final, auth ? SEV_WARNING : SEV_ERROR,
			     "sip_rejected", "SIP %s to %s failed: %u %s",
			     req->method, a, t.last_final->status,
			     t.last_final->reason);
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
	with_flow(f, x);
	if (f)
		f->caveat = "the TLS session was refused, not the port: check "
			    "certificates (trust, expiry, names) and TLS "
			    "versions at both ends; an inspecting firewall that "
			    "re-signs TLS causes the same";
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
	with_flow(f, x);
}

static bool reverse_media_exists(const struct diagnosis *d,
				 const struct dflow *x)
{
	for (size_t i = 0; i < d->n_flows; i++) {
		const struct dflow *y = &d->flows[i];
		if (y == x || y->app != APP_RTP)
			continue;
		if (!addr_cmp(&y->init, &x->resp) && !addr_cmp(&y->resp, &x->init) &&
		    y->pkts[FLOW_FWD])
			return true;
		if (!addr_cmp(&y->init, &x->init) && !addr_cmp(&y->resp, &x->resp) &&
		    y->pkts[FLOW_REV])
			return true;
	}
	return false;
}

static void media_findings(struct diagnosis *d, const struct dflow *x)
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
		with_flow(f, x);
		if (f) {
			f->caveat = caveat_one_way;
			if (fwd)
				suggest_rule(d, f, IPPROTO_UDP, &x->resp,
					     &x->init, x->iport, false);
			else
				suggest_rule(d, f, IPPROTO_UDP, &x->init,
					     &x->resp, x->rport, false);
		}
	}
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
	} else if (marked && fwd && rev && x->dscp[0] != x->dscp[1]) {
		struct finding *f = add(d, SEV_INFO, "dscp_remarked", x->first,
					"RTP %s:%u <-> %s:%u marked differently "
					"each way: a network re-marks DSCP",
					a, x->iport, b, x->rport);
		with_flow(f, x);
	}
}

/* Media that moved to TCP or to 80/443 after the UDP path failed. */
static void fallback_findings(struct diagnosis *d)
{
	char a[ADDR_STRLEN];

	for (size_t i = 0; i < d->n_flows; i++) {
		const struct dflow *x = &d->flows[i];
		bool failed = (x->proto == IPPROTO_UDP && !x->pkts[FLOW_REV] &&
			       x->pkts[FLOW_FWD]) ||
			      (x->proto == IPPROTO_TCP &&
			       !(x->tcp_seen[FLOW_REV] & FLOW_TCP_SYNACK) &&
			       (x->tcp_seen[FLOW_FWD] & FLOW_TCP_SYN));
		if (!failed || x->rport == 443 || x->rport == 80)
			continue;
		for (size_t j = 0; j < d->n_flows; j++) {
			const struct dflow *y = &d->flows[j];
			if (y->proto != IPPROTO_TCP || y->first < x->first ||
			    (y->rport != 443 && y->rport != 80) ||
			    addr_cmp(&y->init, &x->init) ||
			    addr_cmp(&y->resp, &x->resp) ||
			    !(y->tcp_seen[FLOW_REV] & FLOW_TCP_SYNACK) ||
			    !y->pkts[FLOW_REV])
				continue;
			addr_str(&x->resp, a, sizeof a);
			struct finding *f = add(
				d, SEV_WARNING, "fallback", y->first,
				"fallback to TCP %u: %s %u to %s failed, then the "
				"same host connected to %s TCP %u (works, with "
				"worse media quality)",
				y->rport, transport_name(x->proto), x->rport, a, a,
				y->rport);
			with_flow(f, x);
			with_flow(f, y);
			suggest_rule(d, f, x->proto, &x->init, &x->resp,
				     x->rport, true);
			return;
		}
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

		if (e->matched || (e->app != APP_RTP && e->app != APP_BFCP &&
				   e->app != APP_H245) ||
		    (e->what && !strcmp(e->what, "ICE candidate")))
			continue;
		if (e->call_id[0])
			HASH_FIND_STR(d->calls, e->call_id, c);
		if (c) {
			tally_call(c, &t);
			if (!t.answer_2xx)
				continue; /* a call that failed sets up no media */
		}
		addr_str(&e->addr, a, sizeof a);
		struct finding *f = add(
			d, SEV_ERROR, "media_missing", 0,
			"negotiated %s stream to %s %s %u never appeared",
			e->what ? e->what : app_name(e->app), a,
			e->transport == PROTO_TCP ? "TCP" : "UDP", e->port);
		if (!f)
			continue;
		snprintf(f->call_id, sizeof f->call_id, "%s", e->call_id);
		f->caveat = "media blocked, or a capture filter that left media "
			    "out (a capture of signalling only looks the same)";
		snprintf(f->fix, sizeof f->fix,
			 "allow %s to %s port %u (the media port the call "
			 "negotiated)",
			 e->transport == PROTO_TCP ? "tcp" : "udp", a, e->port);
		snprintf(f->nft, sizeof f->nft,
			 "nft add rule inet filter forward %s daddr %s %s dport "
			 "%u accept",
			 addr_is_v4(&e->addr) ? "ip" : "ip6", a,
			 e->transport == PROTO_TCP ? "tcp" : "udp", e->port);
		f->blocked_port = e->port;
		f->blocked_proto =
			e->transport == PROTO_TCP ? IPPROTO_TCP : IPPROTO_UDP;
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

static int by_severity(const void *a, const void *b)
{
	const struct finding *x = a, *y = b;

	if (x->sev != y->sev)
		return x->sev > y->sev ? -1 : 1;
	return x->ts < y->ts ? -1 : x->ts > y->ts;
}

static void analyse(struct diagnosis *d)
{
	for (size_t i = 0; i < d->n_flows; i++)
		if (d->flows[i].app == APP_RTP &&
		    ((d->flows[i].dscp[0] | d->flows[i].dscp[1]) &
		     ~(1ULL << DSCP_CS0)))
			d->media_marked = true;
	for (size_t i = 0; i < d->n_flows; i++) {
		struct dflow *x = &d->flows[i];
		if (!x->reported)
			flow_findings(d, x);
		h323_findings(d, x);
		tls_findings(d, x);
		media_findings(d, x);
	}
	for (const struct sip_call *c = d->calls_first; c; c = c->next)
		sip_call_findings(d, c);
	fallback_findings(d);
	expectation_findings(d);
	if (d->n)
		qsort(d->f, d->n, sizeof *d->f, by_severity);
}

/* ---- writing ---- */

static void json_finding(FILE *out, const struct finding *f)
{
	char t[40];

	fprintf(out, "{\"type\":\"finding\",\"severity\":\"%s\",\"kind\":\"%s\","
		     "\"summary\":",
		severity_name(f->sev), f->kind);
	json_str(out, f->summary);
	fputs(",\"time\":", out);
	if (f->ts) {
		iso_time(f->ts, t, sizeof t);
		json_str(out, t);
	} else {
		fputs("null", out);
	}
	fputs(",\"call_id\":", out);
	json_str(out, f->call_id);
	fputs(",\"flows\":[", out);
	for (size_t i = 0; i < f->n_flows; i++)
		fprintf(out, "%s\"%s\"", i ? "," : "", f->flows[i]);
	fputs("],\"product\":", out);
	json_str(out, f->product);
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
	fprintf(out, ",\"direction\":\"%s\",\"fix\":", f->direction);
	json_str(out, f->fix);
	fputs(",\"nft\":", out);
	json_str(out, f->nft);
	fputs(",\"caveat\":", out);
	json_str(out, f->caveat);
	fputs("}\n", out);
}

static void text_finding(FILE *out, const struct finding *f)
{
	char t[40];

	fprintf(out, "  [%s] %s\n", severity_name(f->sev), f->summary);
	if (f->ts) {
		iso_time(f->ts, t, sizeof t);
		fprintf(out, "      when:   %s\n", t);
	}
	if (f->rule || f->product[0])
		fprintf(out, "      what:   %s%s%s\n",
			f->product[0] ? f->product : "",
			f->product[0] && f->rule ? ", " : "",
			f->rule ? f->rule->function : "");
	if (f->rule && strcmp(f->rule->blocking, "-"))
		fprintf(out, "      breaks: %s (%s, %s)\n", f->rule->blocking,
			f->rule->title, f->rule->table);
	if (f->fix[0])
		fprintf(out, "      open:   %s\n              %s\n", f->fix,
			f->nft);
	if (f->caveat)
		fprintf(out, "      note:   %s\n", f->caveat);
	for (size_t i = 0; i < f->n_flows; i++)
		fprintf(out, "%s%s", i ? " " : "      flows:  ", f->flows[i]);
	if (f->n_flows)
		fputc('\n', out);
}

/* One column a host; arrows between them, the failing step marked. */
static void ladder(FILE *out, const struct sip_call *c)
{
	struct addr hosts[4];
	size_t n = 0;
	char name[ADDR_STRLEN];
	const int col = 24;

	for (size_t i = 0; i < c->n_msgs && n < 4; i++) {
		const struct addr *ends[2] = { &c->msgs[i].src, &c->msgs[i].dst };
		for (int e = 0; e < 2; e++) {
			bool known = false;
			for (size_t h = 0; h < n; h++)
				known |= !addr_cmp(&hosts[h], ends[e]);
			if (!known && n < 4)
				hosts[n++] = *ends[e];
		}
	}
	fputs("    ", out);
	for (size_t h = 0; h < n; h++)
		fprintf(out, "%-*s", col, addr_str(&hosts[h], name, sizeof name));
	fputc('\n', out);
	for (size_t i = 0; i < c->n_msgs; i++) {
		const struct sip_msg *m = &c->msgs[i];
		size_t s = 0, t = 0;
		char label[40], line[200];
		for (size_t h = 0; h < n; h++) {
			if (!addr_cmp(&hosts[h], &m->src))
				s = h;
			if (!addr_cmp(&hosts[h], &m->dst))
				t = h;
		}
		if (m->request)
			snprintf(label, sizeof label, " %s ", m->method);
		else
			snprintf(label, sizeof label, " %u %.20s ", m->status,
				 m->reason);
		size_t lo = s < t ? s : t, hi = s < t ? t : s;
		memset(line, ' ', sizeof line);
		size_t width = (hi - lo) * (size_t)col;
		for (size_t k = 0; k < width && k < sizeof line; k++)
			line[k] = '-';
		size_t ll = strlen(label);
		if (ll < width)
			memcpy(line + (width - ll) / 2, label, ll);
		if (s < t && width)
			line[width - 1] = '>';
		else if (width)
			line[0] = '<';
		line[width < sizeof line ? width : sizeof line - 1] = '\0';
		bool bad = !m->request && m->status >= SIP_STATUS_REDIRECT;
		char when[40];
		iso_time(m->ts, when, sizeof when);
		fprintf(out, "    %*s|%s|%*s  %s%s\n", (int)(lo * col), "", line,
			(int)((n - 1 - hi) * col), "", when + 11,
			bad ? "  <-- fails here" : "");
	}
	if (c->dropped)
		fprintf(out, "    (%zu more messages not shown)\n", c->dropped);
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
	for (size_t i = 0; i < d->n_flows; i++) {
		const struct dflow *x = &d->flows[i];
		if (x->app != APP_Q931 || x->conf != CONF_PAYLOAD ||
		    !strstr(x->detail, "Setup"))
			continue;
		s->attempted++;
		if (strstr(x->detail, "Connect"))
			s->set_up++;
		else
			s->failed++;
	}
	for (size_t i = 0; i < d->n; i++) {
		const struct finding *f = &d->f[i];
		char item[24];
		if (!f->blocked_port)
			continue;
		snprintf(item, sizeof item, "%s/%u", transport_name(f->blocked_proto),
			 f->blocked_port);
		if (strstr(s->blocked, item))
			continue;
		n += (size_t)snprintf(s->blocked + n, sizeof s->blocked - n,
				      "%s%s", n ? " " : "", item);
		if (n >= sizeof s->blocked)
			break;
	}
}

static void text_report(struct diagnosis *d, FILE *out)
{
	bool *done = calloc(d->n ? d->n : 1, sizeof *done);
	struct call_summary s;

	if (!done)
		return;
	if (!d->n)
		fputs("no findings: nothing in this capture shows a blocked or "
		      "failing call\n",
		      out);
	/* Per call first, in the order calls were seen. */
	for (const struct sip_call *c = d->calls_first; c; c = c->next) {
		bool header = false;
		for (size_t i = 0; i < d->n; i++) {
			if (done[i] || strcmp(d->f[i].call_id, c->call_id))
				continue;
			if (!header)
				fprintf(out, "call %s\n", c->call_id);
			header = true;
			done[i] = true;
			text_finding(out, &d->f[i]);
		}
		if (header && d->opt.ladder)
			ladder(out, c);
		if (header)
			fputc('\n', out);
	}
	/* Then calls known by other signalling (an H.323 call identity). */
	for (size_t i = 0; i < d->n; i++) {
		if (done[i] || !d->f[i].call_id[0])
			continue;
		fprintf(out, "call %s\n", d->f[i].call_id);
		for (size_t j = i; j < d->n; j++) {
			if (!done[j] && !strcmp(d->f[j].call_id, d->f[i].call_id)) {
				done[j] = true;
				text_finding(out, &d->f[j]);
			}
		}
		fputc('\n', out);
	}
	bool header = false;
	for (size_t i = 0; i < d->n; i++) {
		if (done[i])
			continue;
		if (!header)
			fputs("not tied to a call\n", out);
		header = true;
		text_finding(out, &d->f[i]);
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
	free(done);
}

static void write_early(struct diagnosis *d, size_t from)
{
	FILE *out = d->opt.as_they_happen;

	for (size_t i = from; i < d->n; i++) {
		if (d->opt.json)
			json_finding(out, &d->f[i]);
		else
			text_finding(out, &d->f[i]);
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
			json_finding(out, &d->f[i]);
	summarise(d, &s);
	fprintf(out, "{\"type\":\"summary\",\"calls_attempted\":%u,"
		     "\"calls_set_up\":%u,\"calls_failed\":%u,\"findings\":%zu,"
		     "\"blocked\":",
		s.attempted, s.set_up, s.failed, d->n);
	json_str(out, s.blocked);
	fputs("}\n", out);
	return worst;
}
