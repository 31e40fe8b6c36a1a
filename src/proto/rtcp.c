/* \summary: RTCP: compound control packets whose lengths walk the datagram */
/* specification: RFC 3550 sec 6 (RTCP), RFC 3711 sec 3.4 (SRTCP), RFC 5506
 * (reduced-size RTCP), RFC 4585 (feedback), RFC 3611 (XR), RFC 5450 (IJ),
 * RFC 5760 (RSI), RFC 6284 (TOKEN), RFC 7272 (IDMS), RFC 7983
 * (demultiplexing) */
#include <stdio.h>
#include <string.h>

#include "vcflow/extract.h"
#include "vcflow/proto.h"

/* RFC 3550 sec 6.4: the common header. */
#define RTCP_VERSION 2u
#define RTCP_VERSION_SHIFT 6
#define RTCP_PADDING_BIT 0x20u
#define RTCP_COUNT_MASK 0x1fu
#define RTCP_WORD_LEN 4u
#define RTCP_HDR_LEN 4u
#define RTCP_SSRC_LEN 4u

/* RFC 3550 sec 6.4.1, 6.4.2: sender info and report blocks, in words. */
#define RTCP_SENDER_INFO_WORDS 5u
#define RTCP_REPORT_BLOCK_WORDS 6u

/* RFC 3550 sec 6.5: SDES items. */
#define SDES_END 0u
#define SDES_CNAME 1u
#define SDES_TOOL 6u
#define SDES_ITEM_HDR_LEN 2u

/* RFC 3711 sec 3.4: E flag + SRTCP index, then the authentication tag
 * (80 bits by default, 32 allowed). */
#define SRTCP_INDEX_LEN 4u
#define SRTCP_E_BIT 0x80u
#define SRTCP_TAG_SHORT 4u
#define SRTCP_TAG_DEFAULT 10u
/* RFC 7714 sec 9.2: AES-GCM's 16-octet tag beside the 4-octet index. */
#define SRTCP_TAG_AEAD 16u

/* RFC 7983 sec 7: first-octet ranges of what shares a port with RTCP. */
#define DEMUX_STUN_LAST 3u
#define DEMUX_ZRTP_FIRST 16u
#define DEMUX_TURN_CHANNEL_LAST 79u

/* RFC 3550 sec 6.1: a compound holds SR or RR, then at least SDES. */
#define RTCP_COMPOUND_MIN 2u
#define RTCP_BUDGET 6u
#define RTCP_MAX_TYPES 6u /* packet types listed in the detail */
#define RTCP_TEXT_MAX 64u

enum rtcp_pt {
	RTCP_IJ = 195,	   /* RFC 5450 */
	RTCP_SR = 200,
	RTCP_RR = 201,
	RTCP_SDES = 202,
	RTCP_BYE = 203,
	RTCP_APP = 204,
	RTCP_RTPFB = 205,  /* RFC 4585 */
	RTCP_PSFB = 206,   /* RFC 4585 */
	RTCP_XR = 207,	   /* RFC 3611 */
	RTCP_AVB = 208,	   /* IEEE 1733 */
	RTCP_RSI = 209,	   /* RFC 5760 */
	RTCP_TOKEN = 210,  /* RFC 6284 */
	RTCP_IDMS = 211,   /* RFC 7272 */
};

enum rtcp_min {
	MIN_FIXED,   /* at least `words` words after the header */
	MIN_REPORTS, /* sender info (if any) plus `count` report blocks */
	MIN_COUNT,   /* one word per `count` (BYE's SSRCs, IJ's jitters) */
	MIN_SDES,    /* walked item by item */
};

struct rtcp_type {
	uint8_t pt;
	const char *name;
	enum rtcp_min rule;
	uint8_t words; /* MIN_FIXED: minimum; MIN_REPORTS: leading words */
};

static const struct rtcp_type rtcp_types[] = {
	{ RTCP_IJ, "IJ", MIN_COUNT, 0 },
	{ RTCP_SR, "SR", MIN_REPORTS, 1 + RTCP_SENDER_INFO_WORDS },
	{ RTCP_RR, "RR", MIN_REPORTS, 1 },
	{ RTCP_SDES, "SDES", MIN_SDES, 0 },
	{ RTCP_BYE, "BYE", MIN_COUNT, 0 },
	{ RTCP_APP, "APP", MIN_FIXED, 2 },   /* SSRC, name */
	{ RTCP_RTPFB, "RTPFB", MIN_FIXED, 2 }, /* sender, media SSRC */
	{ RTCP_PSFB, "PSFB", MIN_FIXED, 2 },
	{ RTCP_XR, "XR", MIN_FIXED, 1 },
	{ RTCP_AVB, "AVB", MIN_FIXED, 1 },
	{ RTCP_RSI, "RSI", MIN_FIXED, 1 },
	{ RTCP_TOKEN, "TOKEN", MIN_FIXED, 1 },
	{ RTCP_IDMS, "IDMS", MIN_FIXED, 1 },
};

/* What one datagram held. */
struct rtcp_walk {
	unsigned n;
	uint8_t types[RTCP_MAX_TYPES];
	unsigned ntypes;
	bool has_sdes;
	uint32_t ssrc; /* of the first packet: its sender */
	char cname[RTCP_TEXT_MAX];
	char tool[RTCP_TEXT_MAX];
};

struct rtcp_state {
	bool seen[2];
	uint32_t ssrc[2]; /* sender of the first well-formed datagram */
	bool compound;	  /* a datagram was an SR/RR + SDES compound */
};

static bool in_range(uint8_t v, unsigned lo, unsigned hi)
{
	return v >= lo && v <= hi;
}

static const struct rtcp_type *rtcp_type_of(uint8_t pt)
{
	for (size_t i = 0; i < sizeof rtcp_types / sizeof *rtcp_types; i++)
		if (rtcp_types[i].pt == pt)
			return &rtcp_types[i];
	return NULL;
}

/* RFC 3550 sec 6.1: a compound starts with SR or RR; RFC 5506 lets a
 * reduced-size packet start with feedback or XR. */
static bool rtcp_may_lead(uint8_t pt)
{
	return pt == RTCP_SR || pt == RTCP_RR || pt == RTCP_RTPFB ||
	       pt == RTCP_PSFB || pt == RTCP_XR;
}

/* RFC 3550 sec 6.5: chunks of SSRC and items, each chunk ending in null
 * octets up to the next 32-bit boundary. */
static bool sdes_walk(struct cursor body, unsigned chunks, struct rtcp_walk *w)
{
	size_t total = cur_left(&body);

	for (unsigned i = 0; i < chunks; i++) {
		uint8_t type;

		cur_skip(&body, RTCP_SSRC_LEN);
		while ((type = cur_u8(&body)) != SDES_END && !body.bad) {
			uint8_t len = cur_u8(&body);
			const uint8_t *text = cur_take(&body, len);
			char *dst = type == SDES_CNAME ? w->cname
				    : type == SDES_TOOL ? w->tool
							: NULL;

			if (text && dst && !dst[0])
				proto_copy_text(dst, RTCP_TEXT_MAX, text, len);
		}
		while (!body.bad && (total - cur_left(&body)) % RTCP_WORD_LEN)
			if (cur_u8(&body) != SDES_END)
				return false;
		if (body.bad)
			return false;
	}
	return cur_left(&body) == 0;
}

static bool rtcp_body_ok(const struct rtcp_type *t, struct cursor body,
			 unsigned count, bool opaque, struct rtcp_walk *w)
{
	size_t words = cur_left(&body) / RTCP_WORD_LEN;

	switch (t->rule) {
	case MIN_FIXED:
		return words >= t->words;
	case MIN_REPORTS:
		return words >= t->words + count * RTCP_REPORT_BLOCK_WORDS;
	case MIN_COUNT:
		return words >= count;
	case MIN_SDES:
		return opaque || sdes_walk(body, count, w);
	}
	return false;
}

static void rtcp_note_type(struct rtcp_walk *w, uint8_t pt)
{
	for (unsigned i = 0; i < w->ntypes; i++)
		if (w->types[i] == pt)
			return;
	if (w->ntypes < RTCP_MAX_TYPES)
		w->types[w->ntypes++] = pt;
}

/*
 * Walks the packets of a compound; every length must land exactly on the
 * end.  `opaque`: SRTCP with the E flag, where everything after the first
 * eight octets is ciphertext, so only one packet can be checked.
 */
static bool rtcp_walk(const uint8_t *data, size_t len, bool opaque,
		      struct rtcp_walk *w)
{
	struct cursor c = cur_make(data, len);

	memset(w, 0, sizeof *w);
	while (cur_left(&c) > 0) {
		uint8_t b0 = cur_u8(&c);
		uint8_t pt = cur_u8(&c);
		size_t body_len = (size_t)cur_be16(&c) * RTCP_WORD_LEN;
		struct cursor body = cur_sub(&c, body_len);
		const struct rtcp_type *t = rtcp_type_of(pt);

		if (c.bad || b0 >> RTCP_VERSION_SHIFT != RTCP_VERSION || !t)
			return false;
		if (w->n == 0) {
			struct cursor sender = body;

			if (!rtcp_may_lead(pt))
				return false;
			w->ssrc = cur_be32(&sender);
		}
		if ((b0 & RTCP_PADDING_BIT) && !opaque) {
			/* RFC 3550 sec 6.4.1: only the last packet pads */
			uint8_t pad = body_len ? cur_peek(&body, body_len - 1) : 0;
			struct cursor padded = body;

			if (cur_left(&c) != 0 || pad == 0 || pad > body_len ||
			    pad % RTCP_WORD_LEN)
				return false;
			body = cur_sub(&padded, body_len - pad);
		}
		if (opaque && cur_left(&c) != 0)
			return false;
		if (!rtcp_body_ok(t, body, b0 & RTCP_COUNT_MASK, opaque, w))
			return false;
		w->has_sdes |= pt == RTCP_SDES;
		rtcp_note_type(w, pt);
		w->n++;
	}
	return w->n > 0;
}

/* Plain RTCP, else SRTCP (RFC 3711 sec 3.4, RFC 7714 sec 9.2) with any of
 * the tag lengths. */
static bool rtcp_datagram(const struct proto_pkt *pkt, struct rtcp_walk *w)
{
	static const size_t trailers[] = {
		SRTCP_INDEX_LEN + SRTCP_TAG_DEFAULT,
		SRTCP_INDEX_LEN + SRTCP_TAG_SHORT,
		SRTCP_INDEX_LEN + SRTCP_TAG_AEAD,
	};

	if (rtcp_walk(pkt->data, pkt->len, false, w))
		return true;
	for (size_t i = 0; i < sizeof trailers / sizeof *trailers; i++) {
		struct cursor c = cur_make(pkt->data, pkt->len);
		size_t body = pkt->len > trailers[i] ? pkt->len - trailers[i] : 0;
		bool encrypted;

		cur_skip(&c, body);
		encrypted = cur_u8(&c) & SRTCP_E_BIT;
		if (c.bad || body == 0)
			continue;
		if (rtcp_walk(pkt->data, body, encrypted, w))
			return true;
	}
	return false;
}

static void rtcp_fill_report(struct proto_report *rep,
			     const struct rtcp_walk *w)
{
	size_t n = 0;

	rep->detail[0] = '\0';
	for (unsigned i = 0; i < w->ntypes && n < sizeof rep->detail; i++) {
		int k = snprintf(rep->detail + n, sizeof rep->detail - n,
				 "%s%s", i ? ", " : "",
				 rtcp_type_of(w->types[i])->name);
		n += k > 0 ? (size_t)k : 0;
	}
	if (w->cname[0] && n < sizeof rep->detail)
		snprintf(rep->detail + n, sizeof rep->detail - n, " cname=%s",
			 w->cname);
	if (w->tool[0])
		snprintf(rep->product, sizeof rep->product, "%s", w->tool);
}

static bool rtcp_other_on_port(const struct proto_pkt *pkt)
{
	struct cursor c = cur_make(pkt->data, pkt->len);
	uint8_t b0 = cur_u8(&c);

	return !c.bad && (b0 <= DEMUX_STUN_LAST ||
			  in_range(b0, DEMUX_ZRTP_FIRST,
				   DEMUX_TURN_CHANNEL_LAST));
}

static enum proto_verdict rtcp_search(void *state, const struct proto_pkt *pkt,
				      struct proto_report *rep,
				      const struct proto_sink *sink)
{
	struct rtcp_state *st = state;
	struct rtcp_walk w;
	unsigned d = pkt->from_initiator ? 0 : 1;

	if (rtcp_other_on_port(pkt))
		return PROTO_MORE;
	if (!rtcp_datagram(pkt, &w))
		return PROTO_NO;
	if (!st)
		return PROTO_STATE;
	/* Never on one datagram, however well formed: a second one must
	 * follow, from the same sender or after a full compound. */
	bool compound = w.n >= RTCP_COMPOUND_MIN && w.has_sdes;
	bool earlier = st->seen[0] || st->seen[1];
	if (earlier && (st->compound || compound ||
			(st->seen[d] && st->ssrc[d] == w.ssrc))) {
		rtcp_fill_report(rep, &w);
		return PROTO_YES;
	}
	st->compound |= compound;
	if (!st->seen[d]) {
		st->seen[d] = true;
		st->ssrc[d] = w.ssrc;
	}
	return PROTO_MORE;
}

const struct recogniser proto_rtcp = {
	.name = "rtcp",
	.app = APP_RTCP,
	.transports = PROTO_UDP,
	.budget = RTCP_BUDGET,
	.state_size = sizeof(struct rtcp_state),
	.lazy_state = true,
	.search = rtcp_search,
};
