/* \summary: HTTP/1.x over TCP: the request line or the status line */
/*
 * specification: RFC 9112 (HTTP/1.1) section 3 (request line) and section 4
 * (status line); RFC 9110 section 9 (methods), 10.1.5 (User-Agent) and
 * 10.2.4 (Server); RFC 9113 section 3.4 (the HTTP/2 connection preface).
 *
 * The first bytes of the connection are "METHOD SP target SP HTTP/1.x CRLF"
 * from the client or "HTTP/1.x SP NNN" from the server.  The version token
 * is what tells HTTP from SIP and RTSP, which share the line's shape
 * ("OPTIONS sip:x SIP/2.0", "SIP/2.0 200 OK").
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "vcflow/extract.h"
#include "vcflow/proto.h"
#include "vcflow/stream.h"

enum {
	HTTP_BUDGET = 3,
	HTTP_LINE_MAX = 4096,	  /* a request line longer than this: no */
	HTTP_TARGET_SHOWN = 60,	  /* characters of the target in the detail */
	HTTP_STATUS_MIN = 100,
	HTTP_STATUS_MAX = 599,
	HTTP_STATUS_DIGITS = 3,
};

static const char *const http_methods[] = {
	"GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "CONNECT", "PATCH",
	"TRACE",
};

#define HTTP_VERSION_PREFIX "HTTP/1."
#define HTTP2_PREFACE "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"

#define COUNT(a) (sizeof(a) / sizeof *(a))

struct http_state {
	struct stream head; /* the first bytes of the first speaker */
	bool started;
	bool from_initiator;
};

/*
 * Splits off the bytes before the first `stop` byte into `part` and steps
 * `c` over the stop byte; false (and `c` untouched) when there is none.
 */
static bool http_split(struct cursor *c, uint8_t stop, struct cursor *part)
{
	size_t n = 0, left = cur_left(c);

	while (n < left && cur_peek(c, n) != stop)
		n++;
	if (n == left)
		return false;
	*part = cur_sub(c, n);
	cur_skip(c, 1);
	return true;
}

/* Reads a line up to LF, a trailing CR dropped; false until the LF is in. */
static bool http_next_line(struct cursor *c, struct cursor *line)
{
	struct cursor raw;
	size_t n;

	if (!http_split(c, '\n', &raw))
		return false;
	n = cur_left(&raw);
	if (n > 0 && cur_peek(&raw, n - 1) == '\r')
		n--;
	*line = cur_sub(&raw, n);
	return true;
}

static bool http_equals(struct cursor c, const char *word)
{
	return cur_left(&c) == strlen(word) && cur_starts_with(c, word);
}

/* "HTTP/1.0" or "HTTP/1.1" exactly. */
static bool http_version_ok(struct cursor c)
{
	return http_equals(c, HTTP_VERSION_PREFIX "0") ||
	       http_equals(c, HTTP_VERSION_PREFIX "1");
}

static bool http_method_ok(struct cursor c)
{
	for (size_t i = 0; i < COUNT(http_methods); i++)
		if (http_equals(c, http_methods[i]))
			return true;
	return false;
}

/* The request target: visible ASCII, no spaces. */
static bool http_target_ok(struct cursor c)
{
	if (cur_left(&c) == 0)
		return false;
	while (cur_left(&c) > 0) {
		uint8_t b = cur_u8(&c);

		if (b <= ' ' || b >= 0x7f)
			return false;
	}
	return true;
}

static void http_copy(char *dst, size_t dstlen, struct cursor c, size_t max)
{
	size_t n = cur_left(&c) < max ? cur_left(&c) : max;

	proto_copy_text(dst, dstlen, cur_take(&c, n), n);
}

/* "METHOD SP target SP HTTP/1.x"; writes "METHOD target" to the detail. */
static bool http_request_line(struct cursor l, struct proto_report *rep)
{
	struct cursor method, target, shown;
	char m[16], t[HTTP_TARGET_SHOWN + 1];

	if (!http_split(&l, ' ', &method) || !http_method_ok(method) ||
	    !http_split(&l, ' ', &target) || !http_target_ok(target) ||
	    !http_version_ok(l))
		return false;
	shown = target;
	http_split(&target, '?', &shown); /* the query stays out */
	http_copy(m, sizeof m, method, sizeof m);
	http_copy(t, sizeof t, shown, HTTP_TARGET_SHOWN);
	snprintf(rep->detail, sizeof rep->detail, "%s %s", m, t);
	return true;
}

/* "HTTP/1.x SP NNN [SP reason]"; writes "HTTP/1.x NNN" to the detail. */
static bool http_status_line(struct cursor l, struct proto_report *rep)
{
	struct cursor version;
	unsigned status = 0;
	char v[16];

	if (!http_split(&l, ' ', &version) || !http_version_ok(version) ||
	    cur_left(&l) < HTTP_STATUS_DIGITS)
		return false;
	for (size_t i = 0; i < HTTP_STATUS_DIGITS; i++) {
		uint8_t d = cur_u8(&l);

		if (d < '0' || d > '9')
			return false;
		status = status * 10 + (unsigned)(d - '0');
	}
	if (status < HTTP_STATUS_MIN || status > HTTP_STATUS_MAX ||
	    (cur_left(&l) > 0 && cur_peek(&l, 0) != ' '))
		return false;
	http_copy(v, sizeof v, version, sizeof v);
	snprintf(rep->detail, sizeof rep->detail, "%s %u", v, status);
	return true;
}

/* Copies the value of header `name` (User-Agent, Server) if it is there. */
static void http_find_header(struct cursor c, const char *name,
			     struct proto_report *rep)
{
	size_t n = strlen(name);
	struct cursor l;

	while (http_next_line(&c, &l) && cur_left(&l) > 0) {
		const uint8_t *field = cur_take(&l, n);

		if (!field || strncasecmp((const char *)field, name, n) != 0 ||
		    cur_u8(&l) != ':')
			continue;
		while (cur_left(&l) > 0 &&
		       (cur_peek(&l, 0) == ' ' || cur_peek(&l, 0) == '\t'))
			cur_skip(&l, 1);
		http_copy(rep->product, sizeof rep->product, l,
			  sizeof rep->product);
		return;
	}
}

static enum proto_verdict http_judge(struct http_state *st,
				     struct proto_report *rep)
{
	struct cursor c = cur_make(st->head.buf, st->head.len);
	struct cursor first;

	if (cur_starts_with(c, HTTP2_PREFACE)) {
		snprintf(rep->detail, sizeof rep->detail, "HTTP/2 preface");
		return PROTO_YES;
	}
	if (!http_next_line(&c, &first))
		return PROTO_MORE;
	if (http_status_line(first, rep)) {
		http_find_header(c, "Server", rep);
		return PROTO_YES;
	}
	if (http_request_line(first, rep)) {
		http_find_header(c, "User-Agent", rep);
		return PROTO_YES;
	}
	return PROTO_NO;
}

/* True when the bytes of `c` are the start of `word`. */
static bool http_could_become(struct cursor c, const char *word)
{
	size_t n = cur_left(&c);
	const uint8_t *p = cur_take(&c, n);

	return n <= strlen(word) && (n == 0 || memcmp(p, word, n) == 0);
}

/* A first word still being received: part of a method or version. */
static bool http_partial_word_ok(struct cursor c)
{
	for (size_t i = 0; i < COUNT(http_methods); i++)
		if (http_could_become(c, http_methods[i]))
			return true;
	return http_could_become(c, HTTP_VERSION_PREFIX "1") ||
	       http_could_become(c, "PRI");
}

/* Before the line is complete: does what came so far start like HTTP? */
static bool http_prefix_plausible(const struct stream *s)
{
	struct cursor c = cur_make(s->buf, s->len), word;

	if (s->len >= HTTP_LINE_MAX)
		return false;
	if (!http_split(&c, ' ', &word))
		return http_partial_word_ok(cur_make(s->buf, s->len));
	return http_method_ok(word) || http_version_ok(word) ||
	       http_equals(word, "PRI");
}

static enum proto_verdict http_search(void *state, const struct proto_pkt *pkt,
				      struct proto_report *rep,
				      const struct proto_sink *sink)
{
	struct http_state *st = state;
	size_t room, n;
	enum proto_verdict v;

	if (pkt->transport != PROTO_TCP)
		return PROTO_NO;
	if (pkt->len == 0)
		return PROTO_MORE;
	if (!st->started) {
		st->started = true;
		st->from_initiator = pkt->from_initiator;
	}
	if (pkt->from_initiator != st->from_initiator)
		return PROTO_NO; /* HTTP never answers before the line ends */
	if (pkt->gap)
		return PROTO_NO;
	room = HTTP_LINE_MAX - st->head.len;
	n = pkt->len < room ? pkt->len : room;
	stream_append(&st->head, pkt->data, n);
	v = http_judge(st, rep);
	if (v == PROTO_MORE && !http_prefix_plausible(&st->head))
		return PROTO_NO;
	return v;
}

/* The TCP buffers are allocated as bytes come; the state's end frees them. */
static void http_release(void *state)
{
	struct http_state *st = state;

	stream_free(&st->head);
}

const struct recogniser proto_http = {
	.name = "http",
	.app = APP_HTTP,
	.transports = PROTO_TCP,
	.budget = HTTP_BUDGET,
	.state_size = sizeof(struct http_state),
	.release = http_release,
	.search = http_search,
};
