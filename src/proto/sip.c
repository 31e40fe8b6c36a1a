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

#define SIP_BUDGET 8		/* the first data packets say SIP or not */
#define SIP_FOLLOW_BUDGET 1000	/* later answers and re-INVITEs carry SDP */
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
	bool resync[2];	      /* bytes were lost: find the next start line */
	bool seen;	      /* a message parsed as SIP */
	enum key_rank key;
	char key_method[SIP_METHOD_MAX];
	struct proto_report found; /* given out on every PROTO_YES */
};

/* What one packet held. */
struct outcome {
	bool sip;     /* at least one message parsed */
	bool foreign; /* bytes that are not SIP */
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

/* Content-Length, or its compact form "l" (sec 7.3.3, 20.14). */
static bool is_content_length(struct cursor name)
{
	size_t n = cur_left(&name);

	while (n > 0 && is_blank(cur_peek(&name, n - 1)))
		n--;
	name = cur_sub(&name, n);
	return (n == 1 && (cur_peek(&name, 0) | 0x20) == 'l') ||
	       (n == strlen("Content-Length") &&
		bytes_are(&name, "Content-Length", n, true));
}

/*
 * Notes a Content-Length header in `text` (one header line without its
 * CRLF).  Returns false when the value is no number or contradicts an
 * earlier one: such framing cannot be trusted.
 */
static bool note_content_length(struct cursor text, bool *has, size_t *value)
{
	size_t n = 0, v = 0, digits = 0;

	if (is_blank(cur_peek(&text, 0)))
		return true; /* a folded continuation line */
	while (n < cur_left(&text) && cur_peek(&text, n) != ':')
		n++;
	if (n == cur_left(&text) || !is_content_length(cur_sub(&text, n)))
		return true;
	cur_skip(&text, 1); /* the colon */
	skip_blanks(&text);
	while (cur_left(&text) > 0 && is_digit(cur_peek(&text, 0))) {
		if (++digits > CONTENT_LENGTH_DIGITS_MAX)
			return false;
		v = v * 10 + (size_t)(cur_u8(&text) - '0');
	}
	skip_blanks(&text);
	if (digits == 0 || cur_left(&text) != 0 || (*has && *value != v))
		return false;
	*has = true;
	*value = v;
	return true;
}

enum frame { FRAME_NOT_SIP, FRAME_NEED_MORE, FRAME_WHOLE };

/*
 * Finds the end of the message at `c`.  `total` is set once the headers
 * are complete, even when the body has yet to come.  On a stream the
 * message may continue in later bytes; a datagram holds all of it, and
 * without Content-Length its body runs to the end (sec 18.3).
 */
static enum frame frame_message(struct cursor c, bool stream, size_t *total)
{
	size_t len = cur_left(&c), line_len = 0, body = 0;
	bool has_length = false;

	*total = 0;
	switch (read_start_line(c, &line_len)) {
	case START_NOT_SIP:
		return FRAME_NOT_SIP;
	case START_PARTIAL:
		return stream ? FRAME_NEED_MORE : FRAME_NOT_SIP;
	case START_SIP:
		break;
	}
	cur_skip(&c, line_len);
	for (unsigned lines = 0;; lines++) {
		size_t n = line_length(&c);
		struct cursor line, text;

		if (n == 0)
			return stream && cur_left(&c) < SIP_LINE_MAX
				       ? FRAME_NEED_MORE
				       : FRAME_NOT_SIP;
		if (lines == SIP_HEADERS_MAX)
			return FRAME_NOT_SIP;
		line = cur_sub(&c, n);
		if (memchr(line.p, '\0', n))
			return FRAME_NOT_SIP;
		text = line_text(line);
		if (cur_left(&text) == 0)
			break; /* the blank line ending the headers */
		if (!note_content_length(text, &has_length, &body))
			return FRAME_NOT_SIP;
	}
	if (!has_length)
		body = stream ? 0 : cur_left(&c);
	*total = len - cur_left(&c) + body;
	if (*total > SIP_MESSAGE_MAX)
		return FRAME_NOT_SIP;
	if (*total > len)
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
	size_t total;

	skip_crlf(&c);
	if (cur_left(&c) == 0)
		return;
	if (frame_message(c, false, &total) == FRAME_WHOLE &&
	    take_message(st, c.p, total, pkt, sink))
		o->sip = true;
	else
		o->foreign = true;
}

/*
 * After lost bytes, drops what comes before the next line that can start a
 * message.  Stays in resync while that line is still incomplete.
 */
static void resync(struct sip_state *st, struct stream *s, int d)
{
	struct cursor all = cur_make(s->buf, s->len);
	size_t at = 0;

	while (at < s->len) {
		struct cursor c = cur_at(&all, at);
		size_t line_len;
		const uint8_t *lf;

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
		lf = memchr(c.p, LF, cur_left(&c));
		at = lf ? (size_t)(lf - s->buf) + 1 : s->len;
	}
	stream_consume(s, s->len);
}

/* Takes every whole message out of one direction's buffer. */
static void drain(struct sip_state *st, int d, const struct proto_pkt *pkt,
		  const struct proto_sink *sink, struct outcome *o)
{
	struct stream *s = &st->dir[d];

	for (;;) {
		struct cursor c = cur_make(s->buf, s->len);
		size_t total;

		/* CRLFs before a start line are ignored (sec 7.5). */
		skip_crlf(&c);
		stream_consume(s, s->len - cur_left(&c));
		if (st->resync[d])
			resync(st, s, d);
		if (s->len == 0 || st->resync[d])
			return;
		switch (frame_message(cur_make(s->buf, s->len), true, &total)) {
		case FRAME_WHOLE:
			if (take_message(st, s->buf, total, pkt, sink))
				o->sip = true;
			else
				o->foreign = true;
			stream_consume(s, total);
			break;
		case FRAME_NEED_MORE:
			if (total > STREAM_MAX) {
				/* Too large to hold: pass over it unread. */
				st->skip[d] = total - s->len;
				stream_consume(s, s->len);
			} else if (s->len == STREAM_MAX) {
				o->foreign = true;
				stream_consume(s, s->len);
				st->resync[d] = true;
			}
			return;
		case FRAME_NOT_SIP:
			o->foreign = true;
			stream_consume(s, s->len);
			st->resync[d] = true;
			return;
		}
	}
}

static void read_segment(struct sip_state *st, const struct proto_pkt *pkt,
			 const struct proto_sink *sink, struct outcome *o)
{
	int d = pkt->from_initiator ? 0 : 1;
	struct stream *s = &st->dir[d];
	struct cursor in = cur_make(pkt->data, pkt->len);

	if (pkt->gap) {
		/* The framing was lost with the bytes: start again at the
		 * next start line. */
		stream_consume(s, s->len);
		st->skip[d] = 0;
		st->resync[d] = true;
	}
	while (cur_left(&in) > 0) {
		size_t n;

		if (st->skip[d] > 0) {
			n = min_size(cur_left(&in), st->skip[d]);
			cur_skip(&in, n);
			st->skip[d] -= n;
			continue;
		}
		n = min_size(cur_left(&in), STREAM_MAX - s->len);
		if (n == 0) {
			/* drain() leaves room; should it not, losing the
			 * buffer beats looping forever. */
			stream_consume(s, s->len);
			st->resync[d] = true;
			continue;
		}
		stream_append(s, cur_take(&in, n), n);
		drain(st, d, pkt, sink, o);
	}
}

static enum proto_verdict sip_search(void *state, const struct proto_pkt *pkt,
				     struct proto_report *rep,
				     const struct proto_sink *sink)
{
	struct sip_state *st = state;
	struct outcome o = { false, false };

	if (pkt->transport == PROTO_TCP)
		read_segment(st, pkt, sink, &o);
	else
		read_datagram(st, pkt, sink, &o);
	if (!st->seen)
		return o.foreign ? PROTO_NO : PROTO_MORE;
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

const struct recogniser proto_sip = {
	.name = "sip",
	.app = APP_SIP,
	.transports = PROTO_TCP | PROTO_UDP,
	.budget = SIP_BUDGET,
	.state_size = sizeof(struct sip_state),
	.release = sip_release,
	.follow_budget = SIP_FOLLOW_BUDGET,
	.search = sip_search,
};
