/* \summary: XMPP over TCP: the opening stream header */
/*
 * specification: RFC 6120 section 4.2 (opening a stream) and 4.7
 * (stream attributes); XML 1.0 section 2.8 (the XML declaration).
 *
 * Each side opens with an optional XML declaration ("<?xml ... ?>") and
 * then the stream header "<stream:stream" with its attributes.  The `to`
 * (initiator) or `from` (responder) attribute names the domain.
 */
#include <stdio.h>
#include <string.h>

#include "vcflow/extract.h"
#include "vcflow/proto.h"

enum {
	XMPP_BUDGET = 3,
	XMPP_KEEP = 1024, /* the declaration and stream header fit in this */
	XMPP_DOMAIN_SHOWN = 80,
};

#define XMPP_BOM "\xEF\xBB\xBF"
#define XMPP_DECL_OPEN "<?xml"
#define XMPP_DECL_CLOSE "?>"
#define XMPP_STREAM_OPEN "<stream:stream"

struct xmpp_state {
	bool started;
	bool from_initiator;
	size_t len;
	uint8_t buf[XMPP_KEEP];
};

enum xmpp_match {
	XMPP_MISMATCH,
	XMPP_PARTIAL, /* agrees as far as the bytes go */
	XMPP_MATCH,
};

static enum xmpp_match xmpp_literal(struct cursor *c, const char *lit)
{
	size_t n = strlen(lit), have = cur_left(c);
	size_t k = have < n ? have : n;
	const uint8_t *p = cur_take(c, k);

	if (k > 0 && (!p || memcmp(p, lit, k) != 0))
		return XMPP_MISMATCH;
	return k == n ? XMPP_MATCH : XMPP_PARTIAL;
}

static bool xmpp_is_space(uint8_t b)
{
	return b == ' ' || b == '\t' || b == '\r' || b == '\n';
}

static void xmpp_skip_space(struct cursor *c)
{
	while (cur_left(c) > 0 && xmpp_is_space(cur_peek(c, 0)))
		cur_skip(c, 1);
}

/* Steps past "?>"; false while it has not come. */
static bool xmpp_skip_declaration(struct cursor *c)
{
	size_t n = 0, left = cur_left(c);

	while (n + 1 < left &&
	       !(cur_peek(c, n) == '?' && cur_peek(c, n + 1) == '>'))
		n++;
	if (n + 1 >= left)
		return false;
	cur_skip(c, n + strlen(XMPP_DECL_CLOSE));
	return true;
}

/* Finds attribute `name` ('to' or 'from') inside the stream tag. */
static void xmpp_attribute(struct cursor c, const char *name, char *out,
			   size_t outlen)
{
	size_t n = strlen(name);

	while (cur_left(&c) > n + 2 && cur_peek(&c, 0) != '>') {
		struct cursor at = c;
		const uint8_t *p;
		uint8_t quote;
		size_t len = 0;

		cur_skip(&c, 1);
		if (!xmpp_is_space(cur_peek(&at, 0)))
			continue;
		cur_skip(&at, 1);
		p = cur_take(&at, n);
		if (!p || memcmp(p, name, n) != 0 || cur_u8(&at) != '=')
			continue;
		quote = cur_u8(&at);
		if (quote != '\'' && quote != '"')
			continue;
		while (len < cur_left(&at) && cur_peek(&at, len) != quote)
			len++;
		if (len == cur_left(&at))
			return;
		if (len > XMPP_DOMAIN_SHOWN)
			len = XMPP_DOMAIN_SHOWN;
		proto_copy_text(out, outlen, cur_take(&at, len), len);
		return;
	}
}

/* [BOM] [space] ["<?xml" ... "?>" space] "<stream:stream" (space | ">") */
static enum proto_verdict xmpp_judge(const struct xmpp_state *st,
				     struct proto_report *rep)
{
	struct cursor c = cur_make(st->buf, st->len), bom = c;
	char domain[XMPP_DOMAIN_SHOWN + 1] = "";
	enum xmpp_match m;

	if (xmpp_literal(&bom, XMPP_BOM) == XMPP_MATCH)
		c = bom;
	xmpp_skip_space(&c);
	if (cur_left(&c) > 1 && cur_peek(&c, 1) == '?') {
		m = xmpp_literal(&c, XMPP_DECL_OPEN);
		if (m != XMPP_MATCH)
			return m == XMPP_MISMATCH ? PROTO_NO : PROTO_MORE;
		if (!xmpp_skip_declaration(&c))
			return PROTO_MORE;
		xmpp_skip_space(&c);
	}
	m = xmpp_literal(&c, XMPP_STREAM_OPEN);
	if (m != XMPP_MATCH)
		return m == XMPP_MISMATCH ? PROTO_NO : PROTO_MORE;
	if (cur_left(&c) == 0)
		return PROTO_MORE;
	if (!xmpp_is_space(cur_peek(&c, 0)) && cur_peek(&c, 0) != '>')
		return PROTO_NO;
	xmpp_attribute(c, st->from_initiator ? "to" : "from", domain,
		       sizeof domain);
	if (domain[0])
		snprintf(rep->detail, sizeof rep->detail, "stream %s=%s",
			 st->from_initiator ? "to" : "from", domain);
	else
		snprintf(rep->detail, sizeof rep->detail, "stream");
	return PROTO_YES;
}

static enum proto_verdict xmpp_search(void *state, const struct proto_pkt *pkt,
				      struct proto_report *rep,
				      const struct proto_sink *sink)
{
	struct xmpp_state *st = state;
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
	if (pkt->from_initiator != st->from_initiator || pkt->gap)
		return PROTO_NO;
	room = sizeof st->buf - st->len;
	n = pkt->len < room ? pkt->len : room;
	memcpy(st->buf + st->len, pkt->data, n);
	st->len += n;
	v = xmpp_judge(st, rep);
	if (v == PROTO_MORE && st->len == sizeof st->buf)
		return PROTO_NO;
	return v;
}

const struct recogniser proto_xmpp = {
	.name = "xmpp",
	.app = APP_XMPP,
	.transports = PROTO_TCP,
	.budget = XMPP_BUDGET,
	.state_size = sizeof(struct xmpp_state),
	.search = xmpp_search,
};
