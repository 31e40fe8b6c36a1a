/* \summary: SIP and its SDP: SIP over UDP and TCP on any port, and the media
 * flows its SDP bodies announce */
/* specification: RFC 3261, RFC 4566, RFC 3550, RFC 3605, RFC 5761, RFC 8445 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <osipparser2/osip_parser.h>
#include <osipparser2/osip_port.h>

#include "vcflow/extract.h"
#include "vcflow/proto.h"
#include "vcflow/sdp.h"
#include "vcflow/sip.h"
#include "vcflow/stream.h"

/* A flow is SIP or not by its first SIP_BUDGET datagrams, or over TCP its
 * first SIP_BUDGET messages within SIP_STREAM_BUDGET bytes: a message is
 * as many segments as its size and the MSS make it (a 5 KB INVITE at MSS
 * 536 is ten). */
#define SIP_BUDGET 8
#define SIP_STREAM_BUDGET (4 * SIP_MESSAGE_MAX)
/* The classifier counts segments: enough for SIP_STREAM_BUDGET at MSS 536,
 * so that only SIP's own counts decide. */
#define SIP_SEGMENT_BUDGET 512
/* A message larger than SIP_MESSAGE_MAX is passed over unread, up to this
 * size; a larger Content-Length is taken for a lie. */
#define SIP_SKIP_MAX SIP_STREAM_BUDGET
#define SIP_LINE_MAX 4096	/* a longer start or header line is not SIP */
#define SIP_HEADERS_MAX 256	/* header lines in one message */
#define SIP_STATUS_MIN 100
#define SIP_STATUS_MAX 699
#define SIP_STATUS_FINAL 200	/* 2xx to 6xx end a transaction */
#define SIP_STATUS_DIGITS 3
#define CONTENT_LENGTH_DIGITS_MAX 9
#define OSIP_SLACK 8 /* zero bytes past the copy's end, as in sdp.c */
#define CR '\r'
#define LF '\n'

static const char sip_version[] = "SIP/2.0";

/* RFC 3261 sec 27.4 (the first six), and the extensions since. */
static const char *const sip_methods[] = {
	"INVITE",    "ACK",    "BYE",	  "CANCEL", "REGISTER", "OPTIONS",
	"PRACK",     /* RFC 3262 */
	"SUBSCRIBE", /* RFC 6665 */
	"NOTIFY",    /* RFC 6665 */
	"PUBLISH",   /* RFC 3903 */
	"INFO",	     /* RFC 6086 */
	"REFER",     /* RFC 3515 */
	"MESSAGE",   /* RFC 3428 */
	"UPDATE",    /* RFC 3311 */
};

#define N_ELEMS(a) (sizeof(a) / sizeof *(a))

/* Which message a flow's report describes: a call beats other requests,
 * a request beats a response seen without it. */
enum key_rank { KEY_NONE, KEY_RESPONSE, KEY_REQUEST, KEY_INVITE };

struct sip_state {
	struct stream dir[2]; /* TCP bytes not yet framed, per direction */
	size_t skip[2];	      /* rest of an oversized message to pass over */
	bool resync[2];	      /* framing lost: find the next start line */
	bool midline[2];      /* ... which begins after the next LF */
	bool seen;	      /* a message parsed as SIP */
	bool start_seen;      /* a SIP start line was read, parsed or not */
	unsigned tries;	      /* datagrams or TCP messages before `seen` */
	size_t bytes;	      /* TCP bytes before `seen` */
	enum key_rank key;
	char key_method[SIP_METHOD_MAX];
	struct proto_report found; /* given out on every PROTO_YES */
};

/* What one packet held. */
struct outcome {
	bool sip;     /* at least one message parsed */
	bool foreign; /* bytes that are not SIP, or a message that failed */
};

static void discard_trace(const char *file, int line, osip_trace_level_t level,
			  const char *fmt, va_list ap)
{
}

void sip_library_init(void)
{
	/* Level 0 enables no trace level; the function replaces the default
	 * log, which is stdout. */
	osip_trace_initialize_func(TRACE_LEVEL0, discard_trace);
	parser_init();
}

/* Lines and words, read through a cursor. */

static bool is_ctl(uint8_t b)
{
	return b < 0x20 || b == 0x7f;
}

static bool is_digit(uint8_t b)
{
	return b >= '0' && b <= '9';
}

static bool is_blank(uint8_t b)
{
	return b == ' ' || b == '\t';
}

static size_t min_size(size_t a, size_t b)
{
	return a < b ? a : b;
}

/* Length of the line at the cursor with its LF; 0 when no LF comes within
 * SIP_LINE_MAX bytes. */
static size_t line_length(const struct cursor *c)
{
	size_t n = min_size(cur_left(c), SIP_LINE_MAX);
	const uint8_t *lf = n ? memchr(c->p, LF, n) : NULL;

	return lf ? (size_t)(lf - c->p) + 1 : 0;
}

/* The line without its CRLF (or bare LF, which libosip2 also takes). */
static struct cursor line_text(struct cursor line)
{
	size_t n = cur_left(&line);

	if (n > 0 && cur_peek(&line, n - 1) == LF)
		n--;
	if (n > 0 && cur_peek(&line, n - 1) == CR)
		n--;
	return cur_sub(&line, n);
}

static void skip_crlf(struct cursor *c)
{
	while (cur_left(c) > 0 && (cur_peek(c, 0) == CR || cur_peek(c, 0) == LF))
		cur_skip(c, 1);
}

static void skip_blanks(struct cursor *c)
{
	while (cur_left(c) > 0 && is_blank(cur_peek(c, 0)))
		cur_skip(c, 1);
}

/* Compares the next bytes with the start of `word` (up to `n` bytes). */
static bool bytes_are(struct cursor *c, const char *word, size_t n,
		      bool nocase)
{
	const uint8_t *p = cur_take(c, n);

	if (!p)
		return false;
	return nocase ? strncasecmp((const char *)p, word, n) == 0
		      : memcmp(p, word, n) == 0;
}

/* Steps over `word` when the bytes at the cursor spell it. */
static bool skip_word(struct cursor *c, const char *word, bool nocase)
{
	struct cursor t = *c;

	if (!bytes_are(&t, word, strlen(word), nocase))
		return false;
	*c = t;
	return true;
}

static bool rest_is_text(struct cursor c)
{
	while (cur_left(&c) > 0) {
		uint8_t b = cur_u8(&c);
		if (is_ctl(b) && b != '\t')
			return false;
	}
	return true;
}

/* Start lines (RFC 3261 sec 7.1, 7.2). */

static bool skip_method(struct cursor *c)
{
	for (size_t i = 0; i < N_ELEMS(sip_methods); i++) {
		struct cursor t = *c;
		/* Methods are case-sensitive. */
		if (skip_word(&t, sip_methods[i], false) &&
		    skip_word(&t, " ", false)) {
			*c = t;
			return true;
		}
	}
	return false;
}

/* Method SP Request-URI SP SIP-Version */
static bool is_request_line(struct cursor c)
{
	size_t n = 0;

	if (!skip_method(&c))
		return false;
	while (n < cur_left(&c) && cur_peek(&c, n) != ' ') {
		if (is_ctl(cur_peek(&c, n)))
			return false;
		n++;
	}
	if (n == 0)
		return false;
	cur_skip(&c, n);
	/* The version is case-insensitive (sec 7.1). */
	return skip_word(&c, " ", false) && skip_word(&c, sip_version, true) &&
	       cur_left(&c) == 0;
}

/* SIP-Version SP Status-Code SP Reason-Phrase */
static bool is_status_line(struct cursor c)
{
	unsigned code = 0;

	if (!skip_word(&c, sip_version, true) || !skip_word(&c, " ", false))
		return false;
	for (int i = 0; i < SIP_STATUS_DIGITS; i++) {
		uint8_t d = cur_u8(&c);
		if (!is_digit(d))
			return false;
		code = code * 10 + (unsigned)(d - '0');
	}
	return code >= SIP_STATUS_MIN && code <= SIP_STATUS_MAX &&
	       skip_word(&c, " ", false) && rest_is_text(c);
}

/* True when the bytes, a line still arriving, agree with `lead` SP text. */
static bool begins_like(struct cursor c, const char *lead, bool nocase)
{
	size_t n = min_size(cur_left(&c), strlen(lead));

	if (!bytes_are(&c, lead, n, nocase))
		return false;
	if (cur_left(&c) == 0)
		return true;
	return cur_u8(&c) == ' ' && rest_is_text(c);
}

static bool is_start_line_prefix(struct cursor c)
{
	size_t n = cur_left(&c);

	/* The CR of the CRLF may be here already. */
	if (n > 0 && cur_peek(&c, n - 1) == CR)
		c = cur_sub(&c, n - 1);
	if (cur_left(&c) == 0)
		return false;
	for (size_t i = 0; i < N_ELEMS(sip_methods); i++)
		if (begins_like(c, sip_methods[i], false))
			return true;
	return begins_like(c, sip_version, true);
}

enum start { START_NOT_SIP, START_PARTIAL, START_SIP };

static enum start read_start_line(struct cursor c, size_t *line_len)
{
	size_t n = line_length(&c);
	struct cursor text;

	if (n == 0) {
		if (cur_left(&c) >= SIP_LINE_MAX)
			return START_NOT_SIP;
		return is_start_line_prefix(c) ? START_PARTIAL : START_NOT_SIP;
	}
	*line_len = n;
	text = line_text(cur_sub(&c, n));
	return is_request_line(text) || is_status_line(text) ? START_SIP
							     : START_NOT_SIP;
}

/* Framing (RFC 3261 sec 7.5, 18.3). */

/* The header's name is `full`, or its compact form (sec 7.3.3, 20). */
static bool is_header(struct cursor name, const char *full, char compact)
{
	size_t n = cur_left(&name);

	while (n > 0 && is_blank(cur_peek(&name, n - 1)))
		n--;
	name = cur_sub(&name, n);
	return (n == 1 && (cur_peek(&name, 0) | 0x20) == compact) ||
	       (n == strlen(full) && bytes_are(&name, full, n, true));
}

/* What the headers say of the message's extent. */
struct extent {
	bool has_length;
	size_t length;	    /* Content-Length */
	bool body_may_nest; /* a message/ or multipart/ body may hold SIP */
};

/*
 * Notes Content-Length and Content-Type in `text` (one header line without
 * its CRLF).  Returns false when Content-Length is no number or contradicts
 * an earlier one: such framing cannot be trusted.
 */
static bool note_header(struct cursor text, struct extent *x)
{
	size_t n = 0, v = 0, digits = 0;
	struct cursor name;

	if (is_blank(cur_peek(&text, 0)))
		return true; /* a folded continuation line */
	while (n < cur_left(&text) && cur_peek(&text, n) != ':')
		n++;
	if (n == cur_left(&text))
		return true;
	name = cur_sub(&text, n);
	cur_skip(&text, 1); /* the colon */
	skip_blanks(&text);
	if (is_header(name, "Content-Type", 'c')) {
		x->body_may_nest = skip_word(&text, "message/", true) ||
				   skip_word(&text, "multipart/", true);
		return true;
	}
	if (!is_header(name, "Content-Length", 'l'))
		return true;
	while (cur_left(&text) > 0 && is_digit(cur_peek(&text, 0))) {
		if (++digits > CONTENT_LENGTH_DIGITS_MAX)
			return false;
		v = v * 10 + (size_t)(cur_u8(&text) - '0');
	}
	skip_blanks(&text);
	if (digits == 0 || cur_left(&text) != 0 ||
	    (x->has_length && x->length != v))
		return false;
	x->has_length = true;
	x->length = v;
	return true;
}

/*
 * Where, in the `n` bytes of body at `c`, a line starts that is a whole SIP
 * start line; `n` when none does.  Such a line in a body that is no nested
 * message means the Content-Length before it lied, and a message starts
 * there.
 */
static size_t start_line_within(struct cursor c, size_t n)
{
	struct cursor body = cur_sub(&c, n);
	size_t at = 0, line_len;

	while (at < n) {
		struct cursor line = cur_at(&body, at);
		const uint8_t *lf;

		if (read_start_line(line, &line_len) == START_SIP)
			return at;
		lf = memchr(line.p, LF, cur_left(&line));
		if (!lf)
			break;
		at += (size_t)(lf - line.p) + 1;
	}
	return n;
}

enum frame {
	FRAME_NOT_SIP,	 /* not a SIP message (see framing.start) */
	FRAME_NEED_MORE, /* the rest is still to come */
	FRAME_WHOLE,	 /* framing.total bytes are the message */
	FRAME_CUT,	 /* another message starts at framing.total */
};

struct framing {
	size_t total; /* the message's length, once its headers are read */
	bool start;   /* it began with a SIP start line */
};

/*
 * Finds the end of the message at `c`.  `total` is set once the headers
 * are complete, even when the body has yet to come.  On a stream the
 * message may continue in later bytes, and may be larger than SIP_MESSAGE_MAX
 * (the caller passes over what it can't hold); a datagram holds all of it,
 * and without Content-Length its body runs to the end (sec 18.3).
 */
static enum frame frame_message(struct cursor c, bool stream,
				struct framing *f)
{
	size_t len = cur_left(&c), line_len = 0, have;
	struct extent x = { false, 0, false };

	f->total = 0;
	f->start = false;
	switch (read_start_line(c, &line_len)) {
	case START_NOT_SIP:
		return FRAME_NOT_SIP;
	case START_PARTIAL:
		return stream ? FRAME_NEED_MORE : FRAME_NOT_SIP;
	case START_SIP:
		break;
	}
	f->start = true;
	cur_skip(&c, line_len);
	for (unsigned lines = 0;; lines++) {
		size_t n = line_length(&c), next_len;
		struct cursor line, text;

		if (n == 0)
			return stream && cur_left(&c) < SIP_LINE_MAX
				       ? FRAME_NEED_MORE
				       : FRAME_NOT_SIP;
		/* No header looks like a start line: one starting here means
		 * the message before it was cut short. */
		if (read_start_line(c, &next_len) == START_SIP) {
			if (!stream)
				return FRAME_NOT_SIP;
			f->total = len - cur_left(&c);
			return FRAME_CUT;
		}
		if (lines == SIP_HEADERS_MAX)
			return FRAME_NOT_SIP;
		line = cur_sub(&c, n);
		if (memchr(line.p, '\0', n))
			return FRAME_NOT_SIP;
		text = line_text(line);
		if (cur_left(&text) == 0)
			break; /* the blank line ending the headers */
		if (!note_header(text, &x))
			return FRAME_NOT_SIP;
	}
	if (!x.has_length)
		x.length = stream ? 0 : cur_left(&c);
	f->total = len - cur_left(&c) + x.length;
	have = min_size(x.length, cur_left(&c));
	if (stream && !x.body_may_nest) {
		size_t at = start_line_within(c, have);
		if (at < have) {
			f->total = len - cur_left(&c) + at;
			return FRAME_CUT;
		}
	}
	if (f->total > len || f->total > SIP_MESSAGE_MAX)
		return stream ? FRAME_NEED_MORE : FRAME_NOT_SIP;
	return FRAME_WHOLE;
}

/* Reading a message with libosip2. */

static void copy_string(char *dst, size_t size, const char *src)
{
	if (src)
		proto_copy_text(dst, size, (const uint8_t *)src, strlen(src));
}

static void append_string(char *dst, size_t size, const char *src)
{
	size_t used = strlen(dst);

	if (used < size)
		copy_string(dst + used, size - used, src);
}

static void copy_uri(char *dst, size_t size, const osip_from_t *h)
{
	char *s = NULL;

	if (h && h->url && osip_uri_to_str(h->url, &s) == 0)
		copy_string(dst, size, s);
	osip_free(s);
}

static const char *header_value(const osip_message_t *m, const char *name)
{
	osip_header_t *h = NULL;

	if (osip_message_header_get_byname(m, name, 0, &h) < 0 || !h)
		return NULL;
	return h->hvalue && h->hvalue[0] ? h->hvalue : NULL;
}

static bool is_content_type(const osip_content_type_t *ct, const char *type,
			    const char *subtype)
{
	return ct && ct->type && strcasecmp(ct->type, type) == 0 &&
	       (!subtype || (ct->subtype && strcasecmp(ct->subtype, subtype) == 0));
}

/* The first application/sdp body, alone or in a multipart body. */
static void read_sdp(const osip_message_t *m, struct sip_message *out)
{
	bool single = is_content_type(m->content_type, "application", "sdp");
	bool multi = is_content_type(m->content_type, "multipart", NULL);

	for (int i = 0; i < osip_list_size(&m->bodies) && !out->has_sdp; i++) {
		const osip_body_t *b = osip_list_get(&m->bodies, i);

		if (!b || !b->body)
			continue;
		if (single ? i == 0
			   : multi && is_content_type(b->content_type,
						      "application", "sdp"))
			out->has_sdp = sdp_parse((const uint8_t *)b->body,
						 b->length, &out->sdp);
	}
}

static void read_self_addresses(const osip_message_t *m,
				struct sip_message *out)
{
	const osip_via_t *via = osip_list_get(&m->vias, 0);
	const osip_contact_t *ct = osip_list_get(&m->contacts, 0);

	if (via && via->host)
		out->has_via_addr = addr_parse(via->host, &out->via_addr);
	if (ct && ct->url && ct->url->host)
		out->has_contact_addr =
			addr_parse(ct->url->host, &out->contact_addr);
}

static bool read_fields(const osip_message_t *m, struct sip_message *out)
{
	const char *product;

	if (m->sip_method) {
		out->is_request = true;
		copy_string(out->method, sizeof out->method, m->sip_method);
	} else if (m->status_code >= SIP_STATUS_MIN &&
		   m->status_code <= SIP_STATUS_MAX) {
		out->status = (unsigned)m->status_code;
		copy_string(out->reason, sizeof out->reason, m->reason_phrase);
	} else {
		return false;
	}
	if (m->cseq)
		copy_string(out->cseq_method, sizeof out->cseq_method,
			    m->cseq->method);
	if (m->call_id && m->call_id->number) {
		copy_string(out->call_id, sizeof out->call_id,
			    m->call_id->number);
		if (m->call_id->host) {
			append_string(out->call_id, sizeof out->call_id, "@");
			append_string(out->call_id, sizeof out->call_id,
				      m->call_id->host);
		}
	}
	copy_uri(out->from, sizeof out->from, m->from);
	copy_uri(out->to, sizeof out->to, m->to);
	read_self_addresses(m, out);
	/* A client names itself in User-Agent, a server in Server. */
	product = header_value(m, out->is_request ? "user-agent" : "server");
	if (!product)
		product = header_value(m, out->is_request ? "server"
							  : "user-agent");
	copy_string(out->product, sizeof out->product, product);
	return true;
}

/* libosip2 reads its headers as C strings: a NUL there would cut them. */
static bool header_has_nul(const uint8_t *msg, size_t len)
{
	struct cursor c = cur_make(msg, len);

	while (cur_left(&c) > 0) {
		const uint8_t *lf = memchr(c.p, LF, cur_left(&c));
		size_t n = lf ? (size_t)(lf - c.p) + 1 : cur_left(&c);
		struct cursor line = cur_sub(&c, n);

		struct cursor text = line_text(line);

		if (memchr(line.p, '\0', n))
			return true;
		if (cur_left(&text) == 0)
			break; /* the blank line: the body may hold anything */
	}
	return false;
}

bool sip_message_read(const uint8_t *msg, size_t len, struct sip_message *out)
{
	osip_message_t *m = NULL;
	char *text;
	bool ok;

	memset(out, 0, sizeof *out);
	if (len == 0 || len > SIP_MESSAGE_MAX || header_has_nul(msg, len))
		return false;
	/* libosip2 is not bounds-hardened: give it a terminated copy. */
	text = malloc(len + 1 + OSIP_SLACK);
	if (!text)
		return false;
	memcpy(text, msg, len);
	memset(text + len, '\0', 1 + OSIP_SLACK);
	ok = osip_message_init(&m) == 0 && osip_message_parse(m, text, len) == 0 &&
	     read_fields(m, out);
	if (ok)
		read_sdp(m, out);
	if (m)
		osip_message_free(m);
	free(text);
	return ok;
}

/* The recogniser. */

static enum key_rank rank_of(const struct sip_message *msg)
{
	if (!msg->is_request)
		return KEY_RESPONSE;
	return strcmp(msg->method, "INVITE") == 0 ? KEY_INVITE : KEY_REQUEST;
}

static void status_text(char *dst, size_t size, const struct sip_message *msg)
{
	snprintf(dst, size, "%u", msg->status);
	if (msg->reason[0]) {
		append_string(dst, size, " ");
		append_string(dst, size, msg->reason);
	}
}

/*
 * The report names the flow's most telling message (its first INVITE, else
 * its first request) and the last final answer to it: "INVITE ... 200 OK".
 */
static void note_message(struct sip_state *st, const struct sip_message *msg)
{
	struct proto_report *r = &st->found;
	enum key_rank rank = rank_of(msg);

	if (!r->product[0])
		copy_string(r->product, sizeof r->product, msg->product);
	if (rank > st->key) {
		st->key = rank;
		copy_string(st->key_method, sizeof st->key_method, msg->method);
		copy_string(r->call_id, sizeof r->call_id, msg->call_id);
		if (msg->is_request)
			copy_string(r->detail, sizeof r->detail, msg->method);
		else
			status_text(r->detail, sizeof r->detail, msg);
		return;
	}
	if (st->key >= KEY_REQUEST && !msg->is_request &&
	    msg->status >= SIP_STATUS_FINAL &&
	    strcmp(msg->cseq_method, st->key_method) == 0 &&
	    strcmp(msg->call_id, r->call_id) == 0) {
		char status[PROTO_DETAIL_MAX];
		status_text(status, sizeof status, msg);
		copy_string(r->detail, sizeof r->detail, st->key_method);
		append_string(r->detail, sizeof r->detail, " ... ");
		append_string(r->detail, sizeof r->detail, status);
	}
}

static bool take_message(struct sip_state *st, const uint8_t *msg, size_t len,
			 const struct proto_pkt *pkt,
			 const struct proto_sink *sink)
{
	struct sip_message m;

	if (!sip_message_read(msg, len, &m))
		return false;
	st->seen = true;
	note_message(st, &m);
	if (sink && sink->sip)
		sink->sip(sink->ctx, pkt, &m);
	if (m.has_sdp)
		sdp_announce(&m.sdp, pkt, sink, m.call_id[0] ? m.call_id : NULL,
			     st->found.product[0] ? st->found.product : NULL);
	return true;
}

/* One message per datagram; CRLFs alone are a keep-alive (RFC 5626). */
static void read_datagram(struct sip_state *st, const struct proto_pkt *pkt,
			  const struct proto_sink *sink, struct outcome *o)
{
	struct cursor c = cur_make(pkt->data, pkt->len);
	struct framing f;

	skip_crlf(&c);
	if (cur_left(&c) == 0)
		return;
	if (frame_message(c, false, &f) == FRAME_WHOLE &&
	    take_message(st, c.p, f.total, pkt, sink))
		o->sip = true;
	else
		o->foreign = true;
	st->start_seen |= f.start;
}

/* Drops the stream's first line, or all of it when no LF ends that line. */
static void drop_line(struct sip_state *st, struct stream *s, int d)
{
	struct cursor c = cur_make(s->buf, s->len);
	const uint8_t *lf = cur_left(&c) ? memchr(c.p, LF, cur_left(&c)) : NULL;

	if (lf) {
		stream_consume(s, (size_t)(lf - c.p) + 1);
	} else {
		stream_consume(s, s->len);
		st->midline[d] = true;
	}
	st->resync[d] = true;
}

/*
 * After lost bytes or a bad message, drops what comes before the next line
 * that can start a message (a line start: after an LF, or where the bytes
 * after a gap begin).  Stays in resync while that line is still incomplete.
 */
static void resync(struct sip_state *st, struct stream *s, int d)
{
	struct cursor all = cur_make(s->buf, s->len);
	size_t at = 0;

	while (at < s->len) {
		struct cursor c = cur_at(&all, at);
		size_t line_len;
		const uint8_t *lf;

		if (!st->midline[d]) {
			switch (read_start_line(c, &line_len)) {
			case START_SIP:
				st->resync[d] = false;
				/* fall through */
			case START_PARTIAL:
				stream_consume(s, at);
				return;
			case START_NOT_SIP:
				break;
			}
		}
		lf = memchr(c.p, LF, cur_left(&c));
		if (!lf) {
			st->midline[d] = true;
			break;
		}
		st->midline[d] = false;
		at = (size_t)(lf - s->buf) + 1;
	}
	stream_consume(s, s->len);
}

/* A message too large for the stream: passed over by its Content-Length
 * when that is believable, else taken for garbage. */
static void pass_over(struct sip_state *st, struct stream *s, int d,
		      size_t total)
{
	if (total <= SIP_SKIP_MAX) {
		st->skip[d] = total - s->len;
		stream_consume(s, s->len);
	} else {
		drop_line(st, s, d);
	}
}

/* Takes every whole message out of one direction's buffer; a bad one is
 * dropped, and reading goes on at the next start line. */
static void drain(struct sip_state *st, int d, const struct proto_pkt *pkt,
		  const struct proto_sink *sink, struct outcome *o)
{
	struct stream *s = &st->dir[d];

	for (;;) {
		struct cursor c = cur_make(s->buf, s->len);
		struct framing f;

		/* CRLFs before a start line are ignored (sec 7.5). */
		if (!st->midline[d]) {
			skip_crlf(&c);
			stream_consume(s, s->len - cur_left(&c));
		}
		if (st->resync[d])
			resync(st, s, d);
		if (s->len == 0 || st->resync[d])
			return;
		enum frame fr = frame_message(cur_make(s->buf, s->len), true, &f);

		st->start_seen |= f.start;
		switch (fr) {
		case FRAME_WHOLE:
			if (take_message(st, s->buf, f.total, pkt, sink))
				o->sip = true;
			else
				o->foreign = true;
			stream_consume(s, f.total);
			break;
		case FRAME_CUT:
			o->foreign = true;
			stream_consume(s, f.total);
			break;
		case FRAME_NEED_MORE:
			if (f.total > stream_max(s)) {
				pass_over(st, s, d, f.total);
				break;
			}
			if (s->len < stream_max(s))
				return;
			/* Headers that fill the stream: not SIP's. */
			o->foreign = true;
			drop_line(st, s, d);
			break;
		case FRAME_NOT_SIP:
			o->foreign = true;
			drop_line(st, s, d);
			break;
		}
		if (!st->seen)
			st->tries++;
	}
}

static void read_segment(struct sip_state *st, const struct proto_pkt *pkt,
			 const struct proto_sink *sink, struct outcome *o)
{
	int d = pkt->from_initiator ? 0 : 1;
	struct stream *s = &st->dir[d];
	struct cursor in = cur_make(pkt->data, pkt->len);

	if (s->max == 0)
		stream_setup(s, SIP_MESSAGE_MAX, sink->streams);
	if (!st->seen)
		st->bytes += pkt->len;
	if (pkt->gap) {
		/* The framing was lost with the bytes: start again at the
		 * next start line, which may be where these bytes begin. */
		stream_consume(s, s->len);
		st->skip[d] = 0;
		st->resync[d] = true;
		st->midline[d] = false;
	}
	while (cur_left(&in) > 0) {
		size_t n;
		const uint8_t *p;

		if (st->skip[d] > 0) {
			n = min_size(cur_left(&in), st->skip[d]);
			cur_skip(&in, n);
			st->skip[d] -= n;
			continue;
		}
		n = min_size(cur_left(&in), stream_max(s) - s->len);
		p = cur_take(&in, n);
		if (n == 0 || !stream_append(s, p, n)) {
			/* No room for the message in hand (drain() leaves
			 * some; memory may not): drop it and these bytes. */
			stream_consume(s, s->len);
			st->resync[d] = true;
			st->midline[d] = true;
			continue;
		}
		drain(st, d, pkt, sink, o);
	}
}

static enum proto_verdict sip_search(void *state, const struct proto_pkt *pkt,
				     struct proto_report *rep,
				     const struct proto_sink *sink)
{
	struct sip_state *st = state;
	struct outcome o = { false, false };

	if (pkt->transport == PROTO_TCP) {
		read_segment(st, pkt, sink, &o);
	} else {
		if (!st->seen)
			st->tries++;
		read_datagram(st, pkt, sink, &o);
	}
	if (!st->seen) {
		/* Bytes that never began like SIP are not SIP; a message
		 * that began like SIP and failed is passed over. */
		if (o.foreign && !st->start_seen)
			return PROTO_NO;
		return st->tries >= SIP_BUDGET || st->bytes > SIP_STREAM_BUDGET
			       ? PROTO_NO
			       : PROTO_MORE;
	}
	*rep = st->found;
	rep->app = APP_SIP;
	return PROTO_YES;
}

/* The TCP buffers are allocated as bytes come; the state's end frees them. */
static void sip_release(void *state)
{
	struct sip_state *st = state;

	stream_free(&st->dir[0]);
	stream_free(&st->dir[1]);
}

/* A message begun over TCP and not yet whole. */
static bool sip_pending(const void *state)
{
	const struct sip_state *st = state;

	return st->dir[0].len > 0 || st->dir[1].len > 0;
}

const struct recogniser proto_sip = {
	.name = "sip",
	.app = APP_SIP,
	.transports = PROTO_TCP | PROTO_UDP,
	.budget = SIP_SEGMENT_BUDGET,
	.state_size = sizeof(struct sip_state),
	.release = sip_release,
	.pending = sip_pending,
	.follow_budget = PROTO_FOLLOW_ALWAYS,
	.search = sip_search,
};
