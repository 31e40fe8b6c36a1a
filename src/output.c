/* \summary: flow records and statistics as text, JSON Lines or CSV */
#include <inttypes.h>
#include <stdarg.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

#include "vcflow/output.h"
#include "vcflow/text.h"

#define PRODUCT_SUMMARY_MAX 64

struct product_count {
	char name[PROTO_PRODUCT_MAX];
	uint64_t flows;
};

struct frag_memo {
	struct frag *slot;
	size_t n, cap; /* cap: a power of two */
};

struct output {
	FILE *out;
	enum output_format fmt;
	bool flush_each;
	bool all_rows;
	bool header_done;
	bool quiet;  /* text: only the summary lines */
	const char *sensor; /* JSON: every record names it (--sensor) */
	bool colour; /* text: marks in colour (a terminal, no NO_COLOR) */
	struct text_table *text; /* text: the rows held, the widths */
	uint64_t per_app[APP_COUNT];
	uint64_t per_app_pkts[APP_COUNT];
	struct product_count products[PRODUCT_SUMMARY_MAX];
	size_t n_products;
	uint64_t unexpected;
	uint64_t flows;
	/* text: the calls section, kept until the flows are all written */
	FILE *calls_text;
	char *calls_buf;
	size_t calls_len;
	struct jbuf jb;		 /* JSON: the record being built */
	struct frag_memo frags;	 /* JSON: the rows' text, rendered once */
};

static void text_free(struct output *o);
static void frag_memo_free(struct frag_memo *m);

struct output *output_new(FILE *out, enum output_format fmt, bool flush_each,
			  bool all_rows)
{
	struct output *o = calloc(1, sizeof *o);

	if (o) {
		o->out = out;
		o->fmt = fmt;
		o->flush_each = flush_each;
		o->all_rows = all_rows;
	}
	return o;
}

void output_free(struct output *o)
{
	if (!o)
		return;
	if (o->calls_text)
		fclose(o->calls_text);
	free(o->calls_buf);
	text_free(o);
	jb_free(&o->jb);
	frag_memo_free(&o->frags);
	free(o);
}

uint64_t output_flows_with_app(const struct output *o, enum app app)
{
	return (unsigned)app < APP_COUNT ? o->per_app[app] : 0;
}

/* ---- JSON ---- */

/*
 * A flow record is built in one buffer and written with one fwrite.  What
 * a table row contributes (an expected_by entry, the table and blocking
 * of the row cited) is the same text for every flow it allows, so it is
 * rendered once and kept, by row and product.
 */
enum frag_kind { FRAG_EXPECTED, FRAG_CITED };

struct frag {
	const struct sig_rule *rule; /* NULL: the slot is free */
	const char *product;
	enum frag_kind kind;
	char *text;
	size_t len;
};

static void frag_memo_free(struct frag_memo *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->slot[i].text);
	free(m->slot);
	memset(m, 0, sizeof *m);
}

static size_t frag_hash(const struct sig_rule *r, const char *product,
			enum frag_kind kind)
{
	uint64_t h = (uint64_t)(uintptr_t)r * 0x9e3779b97f4a7c15ULL ^
		     (uint64_t)(uintptr_t)product * 0xc2b2ae3d27d4eb4fULL ^
		     (uint64_t)kind;
	return (size_t)(h ^ h >> 29);
}

static struct frag *frag_slot(struct frag *slot, size_t cap,
			      const struct sig_rule *r, const char *product,
			      enum frag_kind kind)
{
	size_t i = frag_hash(r, product, kind) & (cap - 1);

	while (slot[i].rule && (slot[i].rule != r || slot[i].product != product ||
				slot[i].kind != kind))
		i = (i + 1) & (cap - 1);
	return &slot[i];
}

/* The kept text of (r, product, kind), or NULL with room made for it in
 * *room (NULL too when memory ran out). */
static const struct frag *frag_find(struct frag_memo *m,
				    const struct sig_rule *r,
				    const char *product, enum frag_kind kind,
				    struct frag **room)
{
	*room = NULL;
	if (m->cap && (m->n + 1) * 2 > m->cap) {
		size_t cap = m->cap * 2;
		struct frag *slot = calloc(cap, sizeof *slot);
		if (!slot)
			return NULL;
		for (size_t i = 0; i < m->cap; i++)
			if (m->slot[i].rule)
				*frag_slot(slot, cap, m->slot[i].rule,
					   m->slot[i].product,
					   m->slot[i].kind) = m->slot[i];
		free(m->slot);
		m->slot = slot;
		m->cap = cap;
	}
	if (!m->cap) {
		if (!(m->slot = calloc(256, sizeof *m->slot)))
			return NULL;
		m->cap = 256;
	}
	struct frag *f = frag_slot(m->slot, m->cap, r, product, kind);
	if (f->rule)
		return f;
	*room = f;
	return NULL;
}

/* Appends the kept text, rendering and keeping it first when new. */
static void frag_put(struct jbuf *b, struct frag_memo *m,
		     const struct sig_rule *r, const char *product,
		     enum frag_kind kind,
		     void (*render)(struct jbuf *b, const struct sig_rule *r,
				    const char *product))
{
	struct frag *room;
	const struct frag *f = frag_find(m, r, product, kind, &room);
	size_t at = b->len;

	if (f) {
		jb_raw(b, f->text, f->len);
		return;
	}
	render(b, r, product);
	if (!room || b->failed)
		return;
	char *text = malloc(b->len - at + 1);
	if (!text)
		return;
	memcpy(text, b->p + at, b->len - at);
	*room = (struct frag){ r, product, kind, text, b->len - at };
	m->n++;
}

static void jb_dscp(struct jbuf *b, uint64_t bits)
{
	bool first = true;

	jb_char(b, '[');
	for (int d = 0; d < 64; d++) {
		if (bits & (1ULL << d)) {
			if (!first)
				jb_char(b, ',');
			jb_u64(b, (uint64_t)d);
			first = false;
		}
	}
	jb_char(b, ']');
}

static void jb_bool(struct jbuf *b, bool v)
{
	if (v)
		JB_LIT(b, "true");
	else
		JB_LIT(b, "false");
}

static void json_tcp(struct jbuf *b, const uint8_t seen[2], uint32_t syns)
{
	static const struct {
		uint8_t bit;
		const char *fwd, *rev;
	} ev[] = { { FLOW_TCP_SYN, "\"syn_fwd\":", ",\"syn_rev\":" },
		   { FLOW_TCP_SYNACK, ",\"synack_fwd\":", ",\"synack_rev\":" },
		   { FLOW_TCP_FIN, ",\"fin_fwd\":", ",\"fin_rev\":" },
		   { FLOW_TCP_RST, ",\"rst_fwd\":", ",\"rst_rev\":" } };
	JB_LIT(b, ",\"tcp\":{");
	for (size_t i = 0; i < sizeof ev / sizeof *ev; i++) {
		jb_cstr(b, ev[i].fwd);
		jb_bool(b, seen[0] & ev[i].bit);
		jb_cstr(b, ev[i].rev);
		jb_bool(b, seen[1] & ev[i].bit);
	}
	JB_LIT(b, ",\"syns\":");
	jb_u64(b, syns);
	jb_char(b, '}');
}

/* RTP quality is shown for flows labelled RTP, whatever the evidence. */
static const struct rtpstat *rtp_quality(const struct flow_class *fc, int dir)
{
	const struct rtpstat *s = fc->rtp[dir];

	return fc->app == APP_RTP && s && s->started ? s : NULL;
}

static void jb_hex32(struct jbuf *b, uint32_t v)
{
	char h[10] = { '0', 'x' };

	for (int i = 9; i >= 2; i--, v >>= 4)
		h[i] = "0123456789abcdef"[v & 0xf];
	jb_raw(b, h, sizeof h);
}

static void json_rtp(struct jbuf *b, const char *name, const struct rtpstat *s)
{
	double j = rtpstat_jitter_ms(s);

	JB_LIT(b, ",\"");
	jb_cstr(b, name);
	JB_LIT(b, "\":{\"ssrc\":\"");
	jb_hex32(b, s->ssrc);
	JB_LIT(b, "\",\"pt\":");
	jb_u64(b, s->pt);
	JB_LIT(b, ",\"packets\":");
	jb_u64(b, s->received);
	JB_LIT(b, ",\"expected\":");
	jb_u64(b, rtpstat_expected(s));
	JB_LIT(b, ",\"lost\":");
	jb_i64(b, rtpstat_lost(s));
	JB_LIT(b, ",\"duplicates\":");
	jb_u64(b, s->duplicates);
	JB_LIT(b, ",\"reordered\":");
	jb_u64(b, s->reordered);
	if (j >= 0) {
		char t[64];
		int n = snprintf(t, sizeof t, ",\"jitter_ms\":%.2f,\"clock_hz\":",
				 j);
		if (n > 0)
			jb_raw(b, t, (size_t)n < sizeof t ? (size_t)n
							  : sizeof t - 1);
		jb_u64(b, s->clock_hz);
		jb_char(b, '}');
	} else {
		JB_LIT(b, ",\"jitter_ms\":null}");
	}
}

/* CONTRACT: the outermost tunnel's kind, outer endpoints and id. */
static void json_tunnel(struct jbuf *b, const struct tunnel_info *t)
{
	JB_LIT(b, ",\"tunnel\":{\"kind\":\"");
	jb_cstr(b, tunnel_kind_name(t->kind));
	JB_LIT(b, "\",\"layers\":");
	jb_u64(b, t->layers);
	if (t->has_endpoints) {
		JB_LIT(b, ",\"src\":\"");
		jb_addr(b, &t->outer_src);
		JB_LIT(b, "\",\"dst\":\"");
		jb_addr(b, &t->outer_dst);
		jb_char(b, '"');
	}
	if (t->has_id) {
		JB_LIT(b, ",\"id\":");
		jb_u64(b, t->id);
	}
	jb_char(b, '}');
}

static void render_expected(struct jbuf *b, const struct sig_rule *r,
			    const char *product)
{
	char buf[512];

	JB_LIT(b, "{\"product\":");
	jb_json_str(b, product);
	JB_LIT(b, ",\"vendor\":");
	jb_json_str(b, r->class == SIG_CLASS_VENDOR ? r->vendor : NULL);
	snprintf(buf, sizeof buf, "%s, %s", r->title, r->table);
	JB_LIT(b, ",\"table\":");
	jb_json_str(b, buf);
	JB_LIT(b, ",\"function\":");
	jb_json_str(b, r->function);
	snprintf(buf, sizeof buf, "%s:%u", sig_rule_file(r), r->line);
	JB_LIT(b, ",\"signature\":");
	jb_json_str(b, buf);
	jb_char(b, '}');
}

/* The table and blocking of the row a flow cites. */
static void render_cited(struct jbuf *b, const struct sig_rule *r,
			 const char *product)
{
	char src[512];

	(void)product;
	JB_LIT(b, ",\"table\":");
	snprintf(src, sizeof src, "%s, %s", r->title, r->table);
	jb_json_str(b, src);
	JB_LIT(b, ",\"blocking\":");
	jb_json_str(b, strcmp(r->blocking, "-") ? r->blocking : NULL);
}

/* expected_by: a vendor and product each, or with --all-rows every row. */
static void json_expected_by(struct output *o, const struct flow_labels *l)
{
	struct jbuf *b = &o->jb;

	JB_LIT(b, ",\"expected_by\":[");
	if (o->all_rows) {
		for (size_t i = 0; i < l->match.n_rows; i++) {
			const struct sig_rule *r = l->match.rows[i].rule;
			if (i)
				jb_char(b, ',');
			frag_put(b, &o->frags, r,
				 r->products ? r->products[0] : NULL,
				 FRAG_EXPECTED, render_expected);
		}
	} else {
		for (size_t i = 0; i < l->n_expected; i++) {
			if (i)
				jb_char(b, ',');
			frag_put(b, &o->frags, l->expected[i].rule,
				 l->expected[i].product, FRAG_EXPECTED,
				 render_expected);
		}
	}
	jb_char(b, ']');
	size_t shown = o->all_rows ? l->match.n_rows : l->n_expected;
	size_t total = o->all_rows ? l->match.n_rows_total : l->n_expected_total;
	if (total > shown) {
		JB_LIT(b, ",\"expected_by_more\":");
		jb_u64(b, total - shown);
	}
}

/* Builds the record in o->jb. */
static void json_flow(struct output *o, const struct flow *f,
		      enum flow_end why)
{
	const struct flow_class *fc = f->cls;
	const struct flow_labels *l = fc->labels;
	struct jbuf *b = &o->jb;
	char cid[64];

	flow_community_id(f, cid, sizeof cid);
	jb_record_open(b, "flow", o->sensor);
	JB_LIT(b, ",\"flow_id\":\"");
	jb_cstr(b, f->flow_id);
	JB_LIT(b, "\",\"community_id\":");
	jb_json_str(b, cid);
	JB_LIT(b, ",\"transport\":\"");
	jb_cstr(b, transport_name(f->key.proto));
	JB_LIT(b, "\",\"src\":\"");
	jb_addr(b, &f->init_addr);
	JB_LIT(b, "\",\"sport\":");
	jb_u64(b, f->init_port);
	JB_LIT(b, ",\"dst\":\"");
	jb_addr(b, &f->resp_addr);
	JB_LIT(b, "\",\"dport\":");
	jb_u64(b, f->resp_port);
	JB_LIT(b, ",\"first_ts\":");
	jb_time(b, f->first_us);
	JB_LIT(b, ",\"last_ts\":");
	jb_time(b, f->last_us);
	JB_LIT(b, ",\"pkts_fwd\":");
	jb_u64(b, f->pkts[0]);
	JB_LIT(b, ",\"bytes_fwd\":");
	jb_u64(b, f->bytes[0]);
	JB_LIT(b, ",\"pkts_rev\":");
	jb_u64(b, f->pkts[1]);
	JB_LIT(b, ",\"bytes_rev\":");
	jb_u64(b, f->bytes[1]);
	JB_LIT(b, ",\"end\":\"");
	jb_cstr(b, flow_end_name(why));
	JB_LIT(b, "\",\"app\":\"");
	jb_cstr(b, app_name(fc->app));
	JB_LIT(b, "\",\"confidence\":\"");
	jb_cstr(b, confidence_name(fc->confidence));
	JB_LIT(b, "\",\"product\":[");
	for (size_t i = 0; i < l->n_products; i++) {
		if (i)
			jb_char(b, ',');
		jb_json_str(b, l->products[i]);
	}
	JB_LIT(b, "],\"product_evidence\":");
	jb_json_str(b, product_evidence_name(l->product_evidence));
	json_expected_by(o, l);
	JB_LIT(b, ",\"function\":");
	jb_json_str(b, l->rule ? l->rule->function : NULL);
	JB_LIT(b, ",\"unexpected\":");
	jb_bool(b, l->unexpected);
	JB_LIT(b, ",\"reason\":");
	jb_json_str(b, l->unexpected ? l->reason : NULL);

	/* Fields beyond the contract's minimum. */
	JB_LIT(b, ",\"apps\":[");
	bool first = true;
	for (int i = 1; i < APP_COUNT; i++) {
		if (fc->apps_seen & (1u << i)) {
			if (!first)
				jb_char(b, ',');
			jb_char(b, '"');
			jb_cstr(b, app_name((enum app)i));
			jb_char(b, '"');
			first = false;
		}
	}
	JB_LIT(b, "],\"detail\":");
	const char *detail = classify_report(fc)->detail;
	jb_json_str(b, detail[0] ? detail : NULL);
	JB_LIT(b, ",\"call_id\":");
	jb_json_str(b, l->call_id[0] ? l->call_id : NULL);
	if (fc->confidence == CONF_SIGNALED || l->announced_as) {
		JB_LIT(b, ",\"announced_as\":");
		jb_json_str(b, l->announced_as);
		JB_LIT(b, ",\"via_nat\":");
		jb_bool(b, l->via_nat);
	}
	JB_LIT(b, ",\"product_text\":");
	jb_json_str(b, l->product_text[0] ? l->product_text : NULL);
	if (l->rule)
		frag_put(b, &o->frags, l->rule, NULL, FRAG_CITED, render_cited);
	if (f->vlan != VLAN_NONE) {
		JB_LIT(b, ",\"vlan\":");
		jb_i64(b, f->vlan);
	}
	if (f->tunnel)
		json_tunnel(b, f->tunnel);
	JB_LIT(b, ",\"dscp_fwd\":");
	jb_dscp(b, f->dscp_seen[0]);
	JB_LIT(b, ",\"dscp_rev\":");
	jb_dscp(b, f->dscp_seen[1]);
	if (f->key.proto == IPPROTO_TCP)
		json_tcp(b, f->tcp_seen, f->syn_count);
	if (rtp_quality(fc, 0))
		json_rtp(b, "rtp_fwd", rtp_quality(fc, 0));
	if (rtp_quality(fc, 1))
		json_rtp(b, "rtp_rev", rtp_quality(fc, 1));
	if (flow_fragments(f)) {
		JB_LIT(b, ",\"fragments\":");
		jb_u64(b, flow_fragments(f));
	}
	if (flow_icmp_errors(f)) {
		JB_LIT(b, ",\"icmp_errors\":");
		jb_u64(b, f->extra->icmp_errors);
		JB_LIT(b, ",\"icmp_last\":{\"type\":");
		jb_u64(b, f->extra->last_icmp_type);
		JB_LIT(b, ",\"code\":");
		jb_u64(b, f->extra->last_icmp_code);
		jb_char(b, '}');
	}
	if (f->extra && f->extra->quoted_flow_id[0]) {
		JB_LIT(b, ",\"quoted_flow_id\":\"");
		jb_cstr(b, f->extra->quoted_flow_id);
		jb_char(b, '"');
	}
	JB_LIT(b, "}\n");
}

/* ---- CSV ---- */

static void csv_field(FILE *out, const char *s, bool last)
{
	if (s && strpbrk(s, ",\"\n")) {
		fputc('"', out);
		for (; *s; s++) {
			if (*s == '"')
				fputc('"', out);
			fputc(*s, out);
		}
		fputc('"', out);
	} else if (s) {
		fputs(s, out);
	}
	fputc(last ? '\n' : ',', out);
}

static const char csv_header[] =
	"flow_id,community_id,transport,src,sport,dst,dport,first_ts,"
	"last_ts,pkts_fwd,bytes_fwd,pkts_rev,bytes_rev,end,app,confidence,"
	"product,function,unexpected,reason,detail,call_id,vlan\n";

static void csv_flow(FILE *out, const struct flow *f, enum flow_end why)
{
	const struct flow_class *fc = f->cls;
	char a[ADDR_STRLEN], b[ADDR_STRLEN], t1[40], t2[40], cid[64],
		prod[512] = "";
	size_t n = 0;

	flow_community_id(f, cid, sizeof cid);
	iso_time(f->first_us, t1, sizeof t1);
	iso_time(f->last_us, t2, sizeof t2);
	for (size_t i = 0; i < fc->labels->n_products && n < sizeof prod; i++)
		n += (size_t)snprintf(prod + n, sizeof prod - n, "%s%s",
				      i ? ";" : "", fc->labels->products[i]);
	fprintf(out, "%s,%s,%s,%s,%u,%s,%u,%s,%s,%" PRIu64 ",%" PRIu64
		     ",%" PRIu64 ",%" PRIu64 ",%s,%s,%s,",
		f->flow_id, cid, transport_name(f->key.proto),
		addr_str(&f->init_addr, a, sizeof a), f->init_port,
		addr_str(&f->resp_addr, b, sizeof b), f->resp_port, t1, t2,
		f->pkts[0], f->bytes[0], f->pkts[1], f->bytes[1],
		flow_end_name(why), app_name(fc->app),
		confidence_name(fc->confidence));
	csv_field(out, prod, false);
	csv_field(out, fc->labels->rule ? fc->labels->rule->function : "", false);
	csv_field(out, fc->labels->unexpected ? "true" : "false", false);
	csv_field(out, fc->labels->unexpected ? fc->labels->reason : "", false);
	csv_field(out, classify_report(fc)->detail, false);
	csv_field(out, fc->labels->call_id, false);
	if (f->vlan != VLAN_NONE)
		fprintf(out, "%d\n", f->vlan);
	else
		fputc('\n', out);
}

/* ---- text ---- */

/*
 * The table fits TEXT_WIDTH columns.  Offline, rows are held (up to
 * TEXT_HOLD_MAX) so that each column is as wide as what the capture holds;
 * live, rows go out as they come with widths for IPv4.  A flow takes one
 * line of columns and a second, indented, for what it is (product,
 * function, detail, quality, why unexpected), broken at spaces to fit; an
 * endpoint too wide for its column (a long IPv6 one) goes on a line of its
 * own above the row.  Widths count UTF-8 characters, not bytes.
 */
#define TEXT_WIDTH 120
#define TEXT_NOTE_INDENT 9 /* under INITIATOR */
#define TEXT_HOLD_MAX 10000
#define ENDPOINT_MAX (ADDR_STRLEN + 8)
#define LIVE_ENDPOINT_WIDTH 21 /* 255.255.255.255:65535 */
#define COLOUR_RED "\033[1;31m"
#define COLOUR_OFF "\033[0m"
#define ABOVE "(above)"

struct text_row {
	char proto[8];
	char a[ENDPOINT_MAX], b[ENDPOINT_MAX];
	const char *app, *evidence;
	uint64_t pkts[2], bytes[2];
	bool unexpected;
	char *note; /* the second line; NULL: none */
	char *rows; /* -v: the rows that allow it, a line each */
};

struct text_widths {
	int a, b, app, ev, pkts[2], bytes[2];
};

struct text_table {
	struct text_row *held;
	size_t n_held, cap;
	struct text_widths w;
	bool sized; /* w is settled: rows go out as they come */
	bool rows_out;
	bool above; /* a row's endpoints stood on a line of their own */
};

void output_set_text_style(struct output *o, bool quiet, bool colour)
{
	o->quiet = quiet;
	o->colour = colour && o->fmt == OUT_TEXT;
}

void output_set_sensor(struct output *o, const char *sensor)
{
	o->sensor = sensor;
}

/* Display columns of s up to n bytes: UTF-8 characters, colour codes
 * left out. */
static size_t text_cols(const char *s, size_t n)
{
	size_t cols = 0;

	for (size_t i = 0; i < n && s[i]; i++) {
		if (s[i] == '\033') {
			while (i < n && s[i] && s[i] != 'm')
				i++;
			continue;
		}
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			cols++;
	}
	return cols;
}

/* The byte length of the longest start of s (n bytes) that takes at most
 * cols columns, ending on a character boundary. */
static size_t text_fit(const char *s, size_t n, size_t cols)
{
	size_t used = 0, i = 0;

	while (i < n) {
		size_t j = i + 1;
		while (j < n && ((unsigned char)s[j] & 0xc0) == 0x80)
			j++;
		if (used + 1 > cols)
			break;
		used++;
		i = j;
	}
	return i;
}

/*
 * Writes s, a line of text, starting at column `indent`, broken at spaces
 * so that no line passes TEXT_WIDTH; the lines after the first start at
 * column cont.  A word longer than a line is cut where the line ends.
 */
static void text_wrapped(FILE *out, const char *s, size_t indent, size_t cont)
{
	size_t col = indent, len = strlen(s), i = 0;
	bool line_empty = true, first = true;

	fprintf(out, "%*s", (int)indent, "");
	while (i < len) {
		size_t gap = i;
		while (i < len && s[i] == ' ')
			i++;
		gap = i - gap;
		if (i >= len)
			break;
		size_t end = i;
		while (end < len && s[end] != ' ')
			end++;
		size_t w = text_cols(s + i, end - i);
		if (!line_empty && col + gap + w > TEXT_WIDTH) {
			fprintf(out, "\n%*s", (int)cont, "");
			col = cont;
			line_empty = true;
		}
		/* Spaces stay as they were, but none starts a broken line. */
		if (!line_empty || first) {
			fprintf(out, "%*s", (int)gap, "");
			col += gap;
		}
		first = false;
		while (col + w > TEXT_WIDTH) { /* a word wider than a line */
			size_t cut = text_fit(s + i, end - i,
					      col < TEXT_WIDTH ? TEXT_WIDTH - col : 0);
			if (!cut)
				break;
			fwrite(s + i, 1, cut, out);
			i += cut;
			w = text_cols(s + i, end - i);
			fprintf(out, "\n%*s", (int)cont, "");
			col = cont;
		}
		fwrite(s + i, 1, end - i, out);
		col += w;
		line_empty = false;
		i = end;
	}
	fputc('\n', out);
}

/* printf, then text_wrapped with continuation lines at column cont. */
static void text_line(FILE *out, size_t cont, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void text_line(FILE *out, size_t cont, const char *fmt, ...)
{
	va_list ap;
	char *s = NULL;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		s = NULL;
	va_end(ap);
	if (s)
		text_wrapped(out, s, 0, cont);
	free(s);
}

static void endpoint_str(const struct addr *a, uint16_t port, char *buf,
			 size_t len)
{
	char s[ADDR_STRLEN];

	addr_str(a, s, sizeof s);
	if (addr_is_v4(a))
		snprintf(buf, len, "%s:%u", s, port);
	else
		snprintf(buf, len, "[%s]:%u", s, port);
}

/* The vendor products whose tables allow the flow, for "expected by". */
static size_t vendor_tables(const struct flow_labels *l, const char **first)
{
	size_t n = 0;

	*first = NULL;
	for (size_t i = 0; i < l->n_expected; i++) {
		if (!l->expected[i].product)
			continue;
		if (!n++)
			*first = l->expected[i].product;
	}
	return n + (l->n_expected_total - l->n_expected);
}

/* -v: every row that allows the flow, a line each. */
static void text_rows(FILE *out, const struct flow_labels *l)
{
	for (size_t i = 0; i < l->match.n_rows; i++) {
		const struct sig_rule *r = l->match.rows[i].rule;
		fprintf(out, "allowed by %s:%u  %s%s%s / %s / %s\n",
			sig_rule_file(r), r->line,
			r->products && r->products[0] ? r->products[0] : "",
			r->products && r->products[0] ? ", " : "", r->title,
			r->table, r->function);
	}
	if (l->match.n_rows_total > l->match.n_rows)
		fprintf(out, "and %zu more rows\n",
			l->match.n_rows_total - l->match.n_rows);
}

/* What the flow is, for its second line. */
static void text_note(FILE *out, const struct flow *f, bool colour)
{
	const struct flow_class *fc = f->cls;
	const struct flow_labels *l = fc->labels;
	const char *first, *sep = "";
	size_t n_tables;

	if (l->n_products) {
		fprintf(out, "%s (%s)", l->products[0],
			product_evidence_name(l->product_evidence));
		if (l->n_products > 1)
			fprintf(out, " and %zu more products", l->n_products - 1);
		sep = " / ";
	} else if (!l->unexpected && (n_tables = vendor_tables(l, &first))) {
		fprintf(out, "expected by %s", first ? first : "a vendor table");
		if (n_tables > 1)
			fprintf(out, " and %zu more vendor tables", n_tables - 1);
		sep = " / ";
	}
	if (l->rule) {
		fprintf(out, "%s%s", sep, l->rule->function);
		sep = " / ";
	}
	const char *detail = classify_report(fc)->detail;
	if (detail[0]) {
		fprintf(out, "%s%s", sep, detail);
		sep = " / ";
	}
	for (int d = 0; d < 2; d++) {
		const struct rtpstat *q = rtp_quality(fc, d);
		if (!q)
			continue;
		uint64_t exp = rtpstat_expected(q);
		double jit = rtpstat_jitter_ms(q);
		fprintf(out, "%s%s loss %.1f%%", sep, d ? "<" : ">",
			exp ? 100.0 * (double)rtpstat_lost(q) / (double)exp : 0.0);
		if (jit >= 0)
			fprintf(out, " jitter %.1f ms", jit);
		sep = " / ";
	}
	if (fc->confidence == CONF_SIGNALED && l->announced_as) {
		fprintf(out, "%sannounced %s%s", sep, l->announced_as,
			l->via_nat ? " (via NAT)" : "");
		sep = " / ";
	}
	if (l->unexpected)
		fprintf(out, "%s%sUNEXPECTED:%s %s", sep, colour ? COLOUR_RED : "",
			colour ? COLOUR_OFF : "", l->reason);
}

/* A string built by fn into a malloc'd buffer; NULL when empty. */
static char *text_build(void (*fn)(FILE *, const void *, bool),
			const void *arg, bool flag)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);

	if (!m)
		return NULL;
	fn(m, arg, flag);
	if (fclose(m) != 0 || !len) {
		free(buf);
		return NULL;
	}
	return buf;
}

static void note_fn(FILE *m, const void *f, bool colour)
{
	text_note(m, f, colour);
}

static void rows_fn(FILE *m, const void *l, bool unused)
{
	text_rows(m, l);
}

static int digits(uint64_t v)
{
	int n = 1;

	while (v >= 10) {
		v /= 10;
		n++;
	}
	return n;
}

static int max_int(int a, int b)
{
	return a > b ? a : b;
}

/* The widths for the rows held, or for IPv4 when none is (live). */
static void text_size(struct text_table *t, bool live)
{
	struct text_widths *w = &t->w;

	w->a = w->b = live ? LIVE_ENDPOINT_WIDTH : (int)strlen("INITIATOR");
	w->app = (int)strlen("h225-ras");
	w->ev = (int)strlen("EVIDENCE");
	w->pkts[0] = w->pkts[1] = live ? 7 : (int)strlen("PKTS>");
	w->bytes[0] = w->bytes[1] = live ? 9 : (int)strlen("BYTES>");
	if (!live)
		w->app = (int)strlen("APP");
	for (size_t i = 0; i < t->n_held; i++) {
		const struct text_row *r = &t->held[i];
		w->app = max_int(w->app, (int)strlen(r->app));
		for (int d = 0; d < 2; d++) {
			w->pkts[d] = max_int(w->pkts[d], digits(r->pkts[d]));
			w->bytes[d] = max_int(w->bytes[d], digits(r->bytes[d]));
		}
	}
	/* What the endpoints may take: the rest of the line, halved. */
	int rest = TEXT_WIDTH - (2 + 6 + 1 + 1 + w->app + 1 + w->ev + 1 +
				 w->pkts[0] + 1 + w->pkts[1] + 1 + w->bytes[0] +
				 1 + w->bytes[1] + 1);
	int cap = rest / 2;
	for (size_t i = 0; i < t->n_held; i++) {
		int la = (int)text_cols(t->held[i].a, SIZE_MAX);
		int lb = (int)text_cols(t->held[i].b, SIZE_MAX);
		if (la <= cap)
			w->a = max_int(w->a, la);
		if (lb <= cap)
			w->b = max_int(w->b, lb);
	}
	if (w->a > cap)
		w->a = cap;
	if (w->b > cap)
		w->b = cap;
	t->sized = true;
}

static void text_header(struct output *o)
{
	const struct text_widths *w = &o->text->w;

	fprintf(o->out, "  %-6s %-*s %-*s %-*s %-*s %*s %*s %*s %*s\n", "PROTO",
		w->a, "INITIATOR", w->b, "RESPONDER", w->app, "APP", w->ev,
		"EVIDENCE", w->pkts[0], "PKTS>", w->pkts[1], "PKTS<",
		w->bytes[0], "BYTES>", w->bytes[1], "BYTES<");
}

static void text_row_put(struct output *o, const struct text_row *r)
{
	const struct text_widths *w = &o->text->w;
	FILE *out = o->out;
	bool own = (int)text_cols(r->a, SIZE_MAX) > w->a ||
		   (int)text_cols(r->b, SIZE_MAX) > w->b;

	if (!o->text->rows_out)
		text_header(o);
	o->text->rows_out = true;
	o->text->above |= own;
	if (own) /* at most 6 + 2 * 47 + 8 columns */
		fprintf(out, "%s %-6s %s -> %s\n", r->unexpected ? "!" : " ",
			r->proto, r->a, r->b);
	fprintf(out, "%s%s%s %-6s %-*s %-*s %-*s %-*s %*" PRIu64 " %*" PRIu64
		     " %*" PRIu64 " %*" PRIu64 "\n",
		r->unexpected && o->colour ? COLOUR_RED : "",
		r->unexpected ? "!" : " ",
		r->unexpected && o->colour ? COLOUR_OFF : "", r->proto, w->a,
		own ? ABOVE : r->a, w->b, own ? ABOVE : r->b, w->app, r->app,
		w->ev, r->evidence, w->pkts[0], r->pkts[0], w->pkts[1],
		r->pkts[1], w->bytes[0], r->bytes[0], w->bytes[1], r->bytes[1]);
	if (r->note)
		text_wrapped(out, r->note, TEXT_NOTE_INDENT, TEXT_NOTE_INDENT + 2);
	for (char *line = r->rows, *nl; line && *line; line = nl + 1) {
		nl = strchr(line, '\n');
		if (!nl)
			break;
		*nl = '\0';
		text_wrapped(out, line, TEXT_NOTE_INDENT, TEXT_NOTE_INDENT + 2);
	}
}

static void text_row_free(struct text_row *r)
{
	free(r->note);
	free(r->rows);
}

/* The rows held, out, with the widths they settle. */
static void text_flush(struct output *o)
{
	struct text_table *t = o->text;

	if (!t)
		return;
	if (!t->sized)
		text_size(t, false);
	for (size_t i = 0; i < t->n_held; i++) {
		text_row_put(o, &t->held[i]);
		text_row_free(&t->held[i]);
	}
	t->n_held = 0;
}

static void text_flow(struct output *o, const struct flow *f)
{
	const struct flow_class *fc = f->cls;
	struct text_table *t = o->text;
	struct text_row r;

	if (!t && !(t = o->text = calloc(1, sizeof *t)))
		return;
	memset(&r, 0, sizeof r);
	snprintf(r.proto, sizeof r.proto, "%s", transport_name(f->key.proto));
	endpoint_str(&f->init_addr, f->init_port, r.a, sizeof r.a);
	endpoint_str(&f->resp_addr, f->resp_port, r.b, sizeof r.b);
	r.app = app_name(fc->app);
	r.evidence = confidence_name(fc->confidence);
	memcpy(r.pkts, f->pkts, sizeof r.pkts);
	memcpy(r.bytes, f->bytes, sizeof r.bytes);
	r.unexpected = fc->labels->unexpected;
	r.note = text_build(note_fn, f, o->colour);
	if (o->all_rows)
		r.rows = text_build(rows_fn, fc->labels, false);
	if (o->flush_each && !t->sized)
		text_size(t, true);
	if (t->sized) {
		text_row_put(o, &r);
		text_row_free(&r);
		return;
	}
	if (t->n_held == t->cap) {
		size_t cap = t->cap ? 2 * t->cap : 64;
		struct text_row *held = realloc(t->held, cap * sizeof *held);
		if (!held) {
			text_flush(o); /* out of memory: settle the widths now */
			text_row_put(o, &r);
			text_row_free(&r);
			return;
		}
		t->held = held;
		t->cap = cap;
	}
	t->held[t->n_held++] = r;
	if (t->n_held == TEXT_HOLD_MAX)
		text_flush(o);
}

/* What the marks and words of the table mean, once, after it. */
static void text_legend(struct output *o)
{
	if (!o->text || !o->text->rows_out)
		return;
	fputs("\nlegend: ! unexpected: no table expects the flow (why: on its "
	      "second line); > initiator to responder, < back\n"
	      "        EVIDENCE for the app: payload (the flow's bytes), "
	      "signaled (SDP, H.245 or SCCP announced it),\n"
	      "        port (a port table only), none\n",
	      o->out);
	if (o->text->above)
		fputs("        " ABOVE ": the endpoints are too wide for their "
		      "columns and stand on the line above\n",
		      o->out);
}

static void text_free(struct output *o)
{
	if (!o->text)
		return;
	for (size_t i = 0; i < o->text->n_held; i++)
		text_row_free(&o->text->held[i]);
	free(o->text->held);
	free(o->text);
	o->text = NULL;
}

static void count_product(struct output *o, const char *name)
{
	for (size_t i = 0; i < o->n_products; i++) {
		if (strcmp(o->products[i].name, name) == 0) {
			o->products[i].flows++;
			return;
		}
	}
	if (o->n_products < PRODUCT_SUMMARY_MAX) {
		struct product_count *pc = &o->products[o->n_products++];
		snprintf(pc->name, sizeof pc->name, "%s", name);
		pc->flows = 1;
	}
}

void output_flow(struct output *o, const struct flow *f, enum flow_end why)
{
	const struct flow_class *fc = f->cls;

	if (!fc)
		return;
	o->flows++;
	o->per_app[fc->app]++;
	o->per_app_pkts[fc->app] += f->pkts[0] + f->pkts[1];
	o->unexpected += fc->labels->unexpected;
	switch (o->fmt) {
	case OUT_JSON:
		json_flow(o, f, why);
		jb_write(&o->jb, o->out);
		break;
	case OUT_CSV:
		if (!o->header_done)
			fputs(csv_header, o->out);
		o->header_done = true;
		csv_flow(o->out, f, why);
		break;
	case OUT_TEXT:
		if (fc->labels->n_products)
			count_product(o, fc->labels->products[0]);
		o->header_done = true;
		if (!o->quiet)
			text_flow(o, f);
		break;
	}
	if (o->flush_each)
		fflush(o->out);
}

bool output_flow_build(struct output *o, const struct flow *f,
		       enum flow_end why)
{
	if (o->fmt != OUT_JSON || !f->cls)
		return false;
	json_flow(o, f, why);
	return true;
}

void output_flow_write(struct output *o)
{
	jb_write(&o->jb, o->out);
	if (o->flush_each)
		fflush(o->out);
}

static void json_stats(FILE *out, const char *sensor,
		       const struct run_stats *s)
{
	uint64_t undecodable = 0;

	for (int i = 1; i < DECODE_RESULT_COUNT; i++)
		if (i != DECODE_NOT_IP)
			undecodable += s->undecodable[i];
	json_record_open(out, "stats", sensor);
	fprintf(out, ",\"packets_read\":%" PRIu64
		     ",\"bytes_read\":%" PRIu64 ",\"packets_in_flows\":%" PRIu64
		     ",\"packets_not_ip\":%" PRIu64
		     ",\"packets_undecodable\":%" PRIu64
		     ",\"packets_duplicate\":%" PRIu64 ",\"undecodable\":{",
		s->read, s->bytes_read, s->in_flows, s->not_ip, undecodable,
		s->duplicates);
	bool first = true;
	for (int i = 1; i < DECODE_RESULT_COUNT; i++) {
		if (i == DECODE_NOT_IP)
			continue;
		fprintf(out, "%s\"%s\":%" PRIu64, first ? "" : ",",
			decode_result_name((enum decode_result)i),
			s->undecodable[i]);
		first = false;
	}
	fprintf(out, "},\"flows\":%" PRIu64 ",\"flows_unexpected\":%" PRIu64
		     ",\"flows_evicted\":%" PRIu64 ",\"flows_peak_live\":%" PRIu64,
		s->flows.created, s->unexpected_flows, s->flows.evicted,
		s->flows.peak_live);
	if (s->live)
		fprintf(out, ",\"packets_received_by_kernel\":%" PRIu64
			     ",\"packets_dropped_by_kernel\":%" PRIu64
			     ",\"packets_dropped_by_interface\":%" PRIu64,
			s->kernel_received, s->kernel_dropped, s->if_dropped);
	fputs("}\n", out);
}

static void text_summary(struct output *o, const struct run_stats *s)
{
	FILE *out = o->out;
	uint64_t undecodable = 0;
	char *why = NULL;
	size_t why_len = 0;
	FILE *m;

	for (int i = 1; i < DECODE_RESULT_COUNT; i++)
		if (i != DECODE_NOT_IP)
			undecodable += s->undecodable[i];
	if (!o->quiet) {
		text_flush(o);
		if (!o->header_done)
			fputs("no flows\n", out);
		text_legend(o);
		output_calls_section(o);
		fputs("\nflows by app:\n", out);
		for (int i = 0; i < APP_COUNT; i++)
			if (o->per_app[i])
				fprintf(out, "  %-10s %6" PRIu64 " flows %9" PRIu64
					     " packets\n",
					app_name((enum app)i), o->per_app[i],
					o->per_app_pkts[i]);
		if (o->n_products) {
			fputs("flows by product:\n", out);
			for (size_t i = 0; i < o->n_products; i++)
				text_line(out, 4, "  %-40s %6" PRIu64,
					  o->products[i].name,
					  o->products[i].flows);
		}
	}
	fprintf(out, "%" PRIu64 " flows, %" PRIu64 " unexpected\n", o->flows,
		o->unexpected);
	if ((m = open_memstream(&why, &why_len))) {
		const char *sep = " (";
		for (int i = 1; i < DECODE_RESULT_COUNT; i++) {
			if (i == DECODE_NOT_IP || !s->undecodable[i])
				continue;
			fprintf(m, "%s%" PRIu64 " %s", sep, s->undecodable[i],
				decode_result_name((enum decode_result)i));
			sep = ", ";
		}
		fputs(*sep == ',' ? ")" : "", m);
		if (fclose(m) != 0) {
			free(why);
			why = NULL;
		}
	}
	text_line(out, 4,
		  "%" PRIu64 " packets read, %" PRIu64 " in flows, %" PRIu64
		  " not IP, %" PRIu64 " undecodable%s",
		  s->read, s->in_flows, s->not_ip, undecodable, why ? why : "");
	free(why);
	if (s->duplicates)
		fprintf(out, "%" PRIu64 " duplicate copies dropped (--dedup)\n",
			s->duplicates);
	if (s->flows.evicted)
		fprintf(out, "%" PRIu64 " flows ended early to stay within the "
			     "flow limit\n",
			s->flows.evicted);
	if (s->live)
		fprintf(out, "%" PRIu64 " packets received by the kernel, %" PRIu64
			     " dropped by the kernel, %" PRIu64
			     " dropped by the interface\n",
			s->kernel_received, s->kernel_dropped, s->if_dropped);
}

/* ---- calls ---- */

static void json_ts(FILE *out, const char *name, uint64_t us)
{
	char t[40];

	fprintf(out, ",\"%s\":", name);
	if (us) {
		iso_time(us, t, sizeof t);
		fprintf(out, "\"%s\"", t);
	} else {
		fputs("null", out);
	}
}

/* A number, or null where the model holds a negative for unknown. */
static void json_num(FILE *out, const char *name, const char *fmt, double v)
{
	fprintf(out, ",\"%s\":", name);
	if (v < 0)
		fputs("null", out);
	else
		fprintf(out, fmt, v);
}

static void json_ids(FILE *out, const char *name,
		     const char ids[][CALL_FLOW_ID_MAX], size_t n)
{
	fprintf(out, ",\"%s\":[", name);
	for (size_t i = 0; i < n; i++)
		fprintf(out, "%s\"%s\"", i ? "," : "", ids[i]);
	fputc(']', out);
}

static void json_call_media(FILE *out, const struct call_media *m)
{
	char a[ADDR_STRLEN], b[ADDR_STRLEN];

	fprintf(out, "{\"flow_id\":\"%s\",\"direction\":\"%s\",\"src\":\"%s\","
		     "\"sport\":%u,\"dst\":\"%s\",\"dport\":%u,\"sender\":",
		m->flow_id, m->dir == FLOW_FWD ? "fwd" : "rev",
		addr_str(&m->src, a, sizeof a), m->sport,
		addr_str(&m->dst, b, sizeof b), m->dport);
	json_str(out, call_party_name(m->sender));
	fputs(",\"kind\":", out);
	json_str(out, m->kind[0] ? m->kind : NULL);
	if (m->rtp)
		fprintf(out, ",\"ssrc\":\"0x%08x\",\"pt\":%u", m->ssrc, m->pt);
	else
		fputs(",\"ssrc\":null,\"pt\":null", out);
	fputs(",\"codec\":", out);
	json_str(out, m->codec[0] ? m->codec : NULL);
	fprintf(out, ",\"pkts\":%" PRIu64, m->pkts);
	if (m->rtp)
		fprintf(out, ",\"expected\":%" PRIu64 ",\"lost\":%" PRId64
			     ",\"late\":%" PRIu64 ",\"loss_pct\":%.2f",
			m->expected, m->lost, m->late, m->loss_pct);
	else
		fputs(",\"expected\":null,\"lost\":null,\"late\":null,"
		      "\"loss_pct\":null",
		      out);
	json_num(out, "jitter_ms", "%.2f", m->jitter_ms);
	fprintf(out, ",\"seconds\":%.3f", m->seconds);
	json_num(out, "r_factor", "%.1f", m->r_factor);
	json_num(out, "mos", "%.2f", m->mos);
	fprintf(out, ",\"interval_s\":%u,\"intervals\":[", m->interval_s);
	for (size_t i = 0; i < m->n_intervals; i++) {
		const struct call_interval *iv = &m->intervals[i];
		fprintf(out, "%s{\"t\":%.0f,\"pkts\":%" PRIu32 ",\"lost\":%" PRIu32
			     ",\"late\":%" PRIu32,
			i ? "," : "", iv->t_s, iv->pkts, iv->lost, iv->late);
		json_num(out, "jitter_ms", "%.2f", iv->jitter_ms);
		fputc('}', out);
	}
	fputs("]}", out);
}

static void json_call_message(FILE *out, const struct call_message *cm)
{
	char a[ADDR_STRLEN], b[ADDR_STRLEN], t[40];

	iso_time(cm->ts_us, t, sizeof t);
	fprintf(out, "{\"ts\":\"%s\",\"src\":\"%s\",\"sport\":%u,"
		     "\"dst\":\"%s\",\"dport\":%u",
		t, addr_str(&cm->src, a, sizeof a), cm->sport,
		addr_str(&cm->dst, b, sizeof b), cm->dport);
	if (cm->is_request) {
		fputs(",\"method\":", out);
		json_str(out, cm->method);
	} else {
		fprintf(out, ",\"status\":%u,\"reason\":", cm->status);
		json_str(out, cm->reason);
		fputs(",\"cseq_method\":", out);
		json_str(out, cm->cseq_method);
	}
	fprintf(out, ",\"sdp\":%s}", cm->has_sdp ? "true" : "false");
}

static void json_call(FILE *out, const char *sensor, const struct call *c)
{
	json_record_open(out, "call", sensor);
	fputs(",\"call_id\":", out);
	json_str(out, c->call_id);
	fprintf(out, ",\"protocol\":\"%s\",\"status\":\"%s\",\"end\":\"%s\"",
		c->protocol, call_status_name(c->status), call_end_name(c->end));
	if (c->final_code) {
		fprintf(out, ",\"final_code\":%u,\"final_reason\":",
			c->final_code);
		json_str(out, c->final_reason);
	} else {
		fputs(",\"final_code\":null,\"final_reason\":null", out);
	}
	fputs(",\"caller\":", out);
	json_str(out, c->caller[0] ? c->caller : NULL);
	fputs(",\"callee\":", out);
	json_str(out, c->callee[0] ? c->callee : NULL);
	fputs(",\"user_agents\":[", out);
	for (size_t i = 0; i < c->n_user_agents; i++) {
		if (i)
			fputc(',', out);
		json_str(out, c->user_agents[i]);
	}
	fputc(']', out);
	json_ts(out, "attempt_ts", c->attempt_us);
	json_ts(out, "ringing_ts", c->ringing_us);
	json_ts(out, "answer_ts", c->answer_us);
	json_ts(out, "end_ts", c->end_us);
	json_num(out, "post_dial_delay_ms", "%.1f", c->post_dial_delay_ms);
	json_ids(out, "flows", c->flows, c->n_flows);
	json_ids(out, "rtcp_flows", c->rtcp_flows, c->n_rtcp_flows);
	json_num(out, "mos_to_callee", "%.2f", c->mos_to_callee);
	json_num(out, "mos_to_caller", "%.2f", c->mos_to_caller);
	fputs(",\"media\":[", out);
	for (size_t i = 0; i < c->n_media; i++) {
		if (i)
			fputc(',', out);
		json_call_media(out, &c->media[i]);
	}
	fprintf(out, "],\"media_dropped\":%zu,\"messages\":[", c->media_dropped);
	for (size_t i = 0; i < c->n_messages; i++) {
		if (i)
			fputc(',', out);
		json_call_message(out, &c->messages[i]);
	}
	fprintf(out, "],\"messages_dropped\":%zu}\n", c->messages_dropped);
}

/* Seconds after the attempt, " +1.234s", or nothing. */
static void text_since(FILE *out, const char *what, uint64_t from, uint64_t us)
{
	if (us && from && us >= from)
		fprintf(out, " %s +%.3fs", what, (double)(us - from) / 1e6);
	else if (us)
		fprintf(out, " %s", what);
}

static void text_call(FILE *out, const struct call *c)
{
	char t[40];

	fprintf(out, "  %-12s %s -> %s", call_status_name(c->status),
		c->caller[0] ? c->caller : "?", c->callee[0] ? c->callee : "?");
	if (c->final_code)
		fprintf(out, "  %u %s", c->final_code, c->final_reason);
	if (c->attempt_us) {
		iso_time(c->attempt_us, t, sizeof t);
		fprintf(out, "  at %s", t);
	}
	text_since(out, "rang", c->attempt_us, c->ringing_us);
	text_since(out, "answered", c->attempt_us, c->answer_us);
	text_since(out, "ended", c->attempt_us, c->end_us);
	if (c->mos_to_callee >= 0 || c->mos_to_caller >= 0) {
		fputs("  MOS", out);
		if (c->mos_to_callee >= 0)
			fprintf(out, " >%.2f", c->mos_to_callee);
		if (c->mos_to_caller >= 0)
			fprintf(out, " <%.2f", c->mos_to_caller);
	}
	for (size_t i = 0; i < c->n_user_agents; i++)
		fprintf(out, "%s%s", i ? ", " : "  ", c->user_agents[i]);
	fprintf(out, "  call-id %s\n", c->call_id);
}

void output_call(struct output *o, const struct call *c)
{
	switch (o->fmt) {
	case OUT_JSON:
		json_call(o->out, o->sensor, c);
		if (o->flush_each)
			fflush(o->out);
		break;
	case OUT_CSV:
		break; /* CSV is one row a flow */
	case OUT_TEXT:
		if (!o->calls_text &&
		    !(o->calls_text = open_memstream(&o->calls_buf,
						     &o->calls_len)))
			return;
		text_call(o->calls_text, c);
		break;
	}
}

void output_calls_section(struct output *o)
{
	if (o->fmt != OUT_TEXT || !o->calls_text)
		return;
	fclose(o->calls_text);
	o->calls_text = NULL;
	if (o->calls_len && !o->quiet) {
		/* A call a line, broken to fit the width. */
		fputs("\ncalls:\n", o->out);
		for (char *line = o->calls_buf, *nl;
		     (nl = memchr(line, '\n',
				  o->calls_len - (size_t)(line - o->calls_buf)));
		     line = nl + 1) {
			*nl = '\0';
			text_wrapped(o->out, line, 0, 15);
		}
	}
	free(o->calls_buf);
	o->calls_buf = NULL;
	o->calls_len = 0;
}

void output_finish(struct output *o, const struct run_stats *s)
{
	switch (o->fmt) {
	case OUT_JSON:
		json_stats(o->out, o->sensor, s);
		break;
	case OUT_CSV:
		if (!o->header_done)
			fputs(csv_header, o->out);
		break;
	case OUT_TEXT:
		text_summary(o, s);
		break;
	}
	fflush(o->out);
}
