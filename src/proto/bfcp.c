/* \summary: BFCP floor control: messages and the conversation they form */
/* specification: RFC 8855 (BFCP, over TCP and UDP), RFC 4582 (BFCP
 * version 1 over TCP) */
#include <stdio.h>

#include "vcflow/extract.h"
#include "vcflow/proto.h"
#include "vcflow/stream.h"

/* RFC 8855 sec 5.1: the common header. */
#define BFCP_HDR_LEN 12u
#define BFCP_FRAG_HDR_LEN 4u
#define BFCP_WORD_LEN 4u
#define BFCP_VERSION_SHIFT 5
#define BFCP_VERSION_RELIABLE 1u   /* RFC 4582, and RFC 8855 over TCP */
#define BFCP_VERSION_UNRELIABLE 2u /* RFC 8855 over UDP */
#define BFCP_R_BIT 0x10u
#define BFCP_F_BIT 0x08u
#define BFCP_V1_RESERVED 0x1fu /* RFC 4582: five reserved bits */
#define BFCP_V2_RESERVED 0x07u

/* RFC 8855 sec 5.2: attributes. */
#define BFCP_ATTR_HDR_LEN 2u
#define BFCP_ATTR_TYPE_SHIFT 1 /* seven bits of type, then the M bit */
#define BFCP_GROUP_ID_LEN 2u   /* grouped attributes open with an ID */
#define BFCP_ATTR_DEPTH_MAX 3u

#define BFCP_BUDGET 6u
#define BFCP_SEEN_MAX 8u
#define BFCP_NAMES_MAX 4u

enum bfcp_primitive {
	BFCP_FLOOR_REQUEST = 1,
	BFCP_FLOOR_RELEASE = 2,
	BFCP_FLOOR_REQUEST_QUERY = 3,
	BFCP_FLOOR_REQUEST_STATUS = 4,
	BFCP_USER_QUERY = 5,
	BFCP_USER_STATUS = 6,
	BFCP_FLOOR_QUERY = 7,
	BFCP_FLOOR_STATUS = 8,
	BFCP_CHAIR_ACTION = 9,
	BFCP_CHAIR_ACTION_ACK = 10,
	BFCP_HELLO = 11,
	BFCP_HELLO_ACK = 12,
	BFCP_ERROR = 13,
	BFCP_FLOOR_REQUEST_STATUS_ACK = 14,
	BFCP_FLOOR_STATUS_ACK = 15,
	BFCP_GOODBYE = 16,
	BFCP_GOODBYE_ACK = 17,
	BFCP_PRIMITIVE_LAST = BFCP_GOODBYE_ACK,
};

struct bfcp_primitive_info {
	const char *name;
	uint8_t answer; /* the primitive that answers it, or 0 */
};

/* RFC 8855 sec 5.1 (names) and sec 8-9 (which message answers which). */
static const struct bfcp_primitive_info bfcp_primitives[] = {
	[BFCP_FLOOR_REQUEST] = { "FloorRequest", BFCP_FLOOR_REQUEST_STATUS },
	[BFCP_FLOOR_RELEASE] = { "FloorRelease", BFCP_FLOOR_REQUEST_STATUS },
	[BFCP_FLOOR_REQUEST_QUERY] = { "FloorRequestQuery",
				       BFCP_FLOOR_REQUEST_STATUS },
	[BFCP_FLOOR_REQUEST_STATUS] = { "FloorRequestStatus",
					BFCP_FLOOR_REQUEST_STATUS_ACK },
	[BFCP_USER_QUERY] = { "UserQuery", BFCP_USER_STATUS },
	[BFCP_USER_STATUS] = { "UserStatus", 0 },
	[BFCP_FLOOR_QUERY] = { "FloorQuery", BFCP_FLOOR_STATUS },
	[BFCP_FLOOR_STATUS] = { "FloorStatus", BFCP_FLOOR_STATUS_ACK },
	[BFCP_CHAIR_ACTION] = { "ChairAction", BFCP_CHAIR_ACTION_ACK },
	[BFCP_CHAIR_ACTION_ACK] = { "ChairActionAck", 0 },
	[BFCP_HELLO] = { "Hello", BFCP_HELLO_ACK },
	[BFCP_HELLO_ACK] = { "HelloAck", 0 },
	[BFCP_ERROR] = { "Error", 0 },
	[BFCP_FLOOR_REQUEST_STATUS_ACK] = { "FloorRequestStatusAck", 0 },
	[BFCP_FLOOR_STATUS_ACK] = { "FloorStatusAck", 0 },
	[BFCP_GOODBYE] = { "Goodbye", BFCP_GOODBYE_ACK },
	[BFCP_GOODBYE_ACK] = { "GoodbyeAck", 0 },
};

enum bfcp_attr_type {
	BFCP_BENEFICIARY_ID = 1,
	BFCP_FLOOR_ID = 2,
	BFCP_FLOOR_REQUEST_ID = 3,
	BFCP_PRIORITY = 4,
	BFCP_REQUEST_STATUS = 5,
	BFCP_ERROR_CODE = 6,
	BFCP_ERROR_INFO = 7,
	BFCP_PARTICIPANT_PROVIDED_INFO = 8,
	BFCP_STATUS_INFO = 9,
	BFCP_SUPPORTED_ATTRIBUTES = 10,
	BFCP_SUPPORTED_PRIMITIVES = 11,
	BFCP_USER_DISPLAY_NAME = 12,
	BFCP_USER_URI = 13,
	BFCP_BENEFICIARY_INFORMATION = 14,
	BFCP_FLOOR_REQUEST_INFORMATION = 15,
	BFCP_REQUESTED_BY_INFORMATION = 16,
	BFCP_FLOOR_REQUEST_STATUS_ATTR = 17,
	BFCP_OVERALL_REQUEST_STATUS = 18,
	BFCP_ATTR_LAST = BFCP_OVERALL_REQUEST_STATUS,
};

enum bfcp_attr_shape {
	ATTR_FIXED,   /* exactly `len` octets */
	ATTR_MIN,     /* at least `len` octets */
	ATTR_GROUPED, /* an ID, then attributes */
};

struct bfcp_attr_rule {
	enum bfcp_attr_shape shape;
	uint8_t len; /* octets, header included */
};

/* RFC 8855 sec 5.2.1 - 5.2.18 */
static const struct bfcp_attr_rule bfcp_attrs[] = {
	[BFCP_BENEFICIARY_ID] = { ATTR_FIXED, 4 },
	[BFCP_FLOOR_ID] = { ATTR_FIXED, 4 },
	[BFCP_FLOOR_REQUEST_ID] = { ATTR_FIXED, 4 },
	[BFCP_PRIORITY] = { ATTR_FIXED, 4 },
	[BFCP_REQUEST_STATUS] = { ATTR_FIXED, 4 },
	[BFCP_ERROR_CODE] = { ATTR_MIN, 3 },
	[BFCP_ERROR_INFO] = { ATTR_MIN, 2 },
	[BFCP_PARTICIPANT_PROVIDED_INFO] = { ATTR_MIN, 2 },
	[BFCP_STATUS_INFO] = { ATTR_MIN, 2 },
	[BFCP_SUPPORTED_ATTRIBUTES] = { ATTR_MIN, 2 },
	[BFCP_SUPPORTED_PRIMITIVES] = { ATTR_MIN, 2 },
	[BFCP_USER_DISPLAY_NAME] = { ATTR_MIN, 2 },
	[BFCP_USER_URI] = { ATTR_MIN, 2 },
	[BFCP_BENEFICIARY_INFORMATION] = { ATTR_GROUPED, 4 },
	[BFCP_FLOOR_REQUEST_INFORMATION] = { ATTR_GROUPED, 4 },
	[BFCP_REQUESTED_BY_INFORMATION] = { ATTR_GROUPED, 4 },
	[BFCP_FLOOR_REQUEST_STATUS_ATTR] = { ATTR_GROUPED, 4 },
	[BFCP_OVERALL_REQUEST_STATUS] = { ATTR_GROUPED, 4 },
};

/* How much of a message could be checked. */
enum bfcp_shape {
	SHAPE_BAD,
	SHAPE_HEADER, /* header only: the rest is cut off or still to come,
			 or a fragment */
	SHAPE_WALKED, /* length exact and every attribute walked */
};

struct bfcp_hdr {
	uint8_t version;
	uint8_t primitive;
	bool fragment;
	size_t hdr_len;	    /* common header, with the fragment fields */
	size_t payload_len; /* octets this datagram or frame carries */
	uint32_t conf;
	uint16_t tid, uid;
};

struct bfcp_seen {
	uint32_t conf;
	uint16_t tid, uid;
	uint8_t primitive;
	bool walked;
	bool from_initiator;
};

struct bfcp_dir {
	bool pending; /* the head message's header is already recorded */
	unsigned pending_at;
	struct stream in;
};

struct bfcp_state {
	unsigned nseen;
	struct bfcp_seen seen[BFCP_SEEN_MAX];
	struct bfcp_dir dir[2];
};

enum bfcp_result { BFCP_BAD, BFCP_UNSURE, BFCP_FOUND };

/* RFC 4582 (version 1) has five reserved bits after the version; RFC 8855
 * version 2, for UDP only, has R and F and then three.  Some endpoints
 * still send version 1 over UDP, so it is taken there too, its reserved
 * bits zero. */
static bool bfcp_reserved_ok(uint8_t b0, uint8_t version, bool tcp)
{
	if (version == BFCP_VERSION_RELIABLE)
		return !(b0 & BFCP_V1_RESERVED);
	return version == BFCP_VERSION_UNRELIABLE && !tcp &&
	       !(b0 & BFCP_V2_RESERVED);
}

/* RFC 8855 sec 5.1; `c` starts at a message. */
static bool bfcp_header(struct cursor c, bool tcp, struct bfcp_hdr *h)
{
	uint8_t b0 = cur_u8(&c);
	uint16_t words;

	h->version = b0 >> BFCP_VERSION_SHIFT;
	h->primitive = cur_u8(&c);
	words = cur_be16(&c);
	h->conf = cur_be32(&c);
	h->tid = cur_be16(&c);
	h->uid = cur_be16(&c);
	h->fragment = (b0 & BFCP_F_BIT) && h->version == BFCP_VERSION_UNRELIABLE;
	h->hdr_len = BFCP_HDR_LEN;
	h->payload_len = (size_t)words * BFCP_WORD_LEN;
	if (h->fragment) {
		uint16_t offset = cur_be16(&c);
		uint16_t frag_words = cur_be16(&c);

		if ((uint32_t)offset + frag_words > words)
			return false;
		h->hdr_len += BFCP_FRAG_HDR_LEN;
		h->payload_len = (size_t)frag_words * BFCP_WORD_LEN;
	}
	return !c.bad && bfcp_reserved_ok(b0, h->version, tcp) &&
	       h->primitive >= BFCP_FLOOR_REQUEST &&
	       h->primitive <= BFCP_PRIMITIVE_LAST;
}

static bool bfcp_attrs_walk(struct cursor c, unsigned depth);

static bool bfcp_attr_ok(uint8_t type, struct cursor value, size_t len,
			 unsigned depth)
{
	const struct bfcp_attr_rule *r;

	if (type == 0 || type > BFCP_ATTR_LAST)
		return false;
	r = &bfcp_attrs[type];
	switch (r->shape) {
	case ATTR_FIXED:
		return len == r->len;
	case ATTR_MIN:
		return len >= r->len;
	case ATTR_GROUPED:
		cur_skip(&value, BFCP_GROUP_ID_LEN);
		return len >= r->len && depth < BFCP_ATTR_DEPTH_MAX &&
		       bfcp_attrs_walk(value, depth + 1);
	}
	return false;
}

/* RFC 8855 sec 5.2: type and M bit, length (header included, padding
 * not), value, padding to 32 bits; they end where the payload ends. */
static bool bfcp_attrs_walk(struct cursor c, unsigned depth)
{
	while (cur_left(&c) > 0) {
		uint8_t type = cur_u8(&c) >> BFCP_ATTR_TYPE_SHIFT;
		uint8_t len = cur_u8(&c);
		struct cursor value;
		size_t pad;

		if (c.bad || len < BFCP_ATTR_HDR_LEN)
			return false;
		value = cur_sub(&c, len - BFCP_ATTR_HDR_LEN);
		if (c.bad || !bfcp_attr_ok(type, value, len, depth))
			return false;
		pad = (BFCP_WORD_LEN - len % BFCP_WORD_LEN) % BFCP_WORD_LEN;
		cur_skip(&c, pad < cur_left(&c) ? pad : cur_left(&c));
	}
	return !c.bad;
}

/*
 * `c` holds the message as far as it is here (UDP: the datagram).  A
 * datagram may have been cut by the capture, and a TCP message may not have
 * arrived whole: a payload length past the bytes here leaves only the
 * header to go by.  A payload length that ends before the datagram does is
 * a lie.
 */
static enum bfcp_shape bfcp_shape(struct cursor c, const struct bfcp_hdr *h)
{
	size_t left;

	cur_skip(&c, h->hdr_len);
	left = cur_left(&c);
	if (left > h->payload_len)
		return SHAPE_BAD;
	if (left < h->payload_len || h->fragment)
		return SHAPE_HEADER;
	return bfcp_attrs_walk(c, 0) ? SHAPE_WALKED : SHAPE_BAD;
}

static bool bfcp_answers(uint8_t request, uint8_t response)
{
	return bfcp_primitives[request].answer &&
	       (bfcp_primitives[request].answer == response ||
		response == BFCP_ERROR);
}

/*
 * Evidence a flow is BFCP (RFC 8855 sec 8: a transaction is a request and
 * its response, with one conference, transaction and user ID):
 *  - two fully walked messages of one conference (nDPI's test, stricter);
 *  - a walked message and one from the other side in the same transaction;
 *  - a request and the response the RFC pairs with it, from the two sides,
 *    with all three IDs equal: when the captured length is cut short, the
 *    pairing is the evidence.
 */
static bool bfcp_confirms(const struct bfcp_seen *a, const struct bfcp_seen *b)
{
	bool same_conf = a->conf == b->conf;
	bool across = a->from_initiator != b->from_initiator;
	bool same_tid = same_conf && a->tid == b->tid && a->tid != 0;

	if (a->walked && b->walked && same_conf)
		return true;
	if (across && same_tid && (a->walked || b->walked))
		return true;
	return across && same_tid && a->uid == b->uid &&
	       (bfcp_answers(a->primitive, b->primitive) ||
		bfcp_answers(b->primitive, a->primitive));
}

static bool bfcp_check(const struct bfcp_state *st, unsigned at)
{
	for (unsigned i = 0; i < st->nseen; i++)
		if (i != at && bfcp_confirms(&st->seen[i], &st->seen[at]))
			return true;
	return false;
}

/* Records a message; returns its slot, or BFCP_SEEN_MAX when full. */
static unsigned bfcp_record(struct bfcp_state *st, const struct bfcp_hdr *h,
			    bool walked, bool from_initiator)
{
	struct bfcp_seen *s;

	if (st->nseen >= BFCP_SEEN_MAX)
		return BFCP_SEEN_MAX;
	s = &st->seen[st->nseen];
	s->conf = h->conf;
	s->tid = h->tid;
	s->uid = h->uid;
	s->primitive = h->primitive;
	s->walked = walked;
	s->from_initiator = from_initiator;
	return st->nseen++;
}

static enum bfcp_result bfcp_note(struct bfcp_state *st, unsigned at)
{
	return at < st->nseen && bfcp_check(st, at) ? BFCP_FOUND : BFCP_UNSURE;
}

static enum bfcp_result bfcp_udp(struct bfcp_state *st,
				 const struct proto_pkt *pkt)
{
	struct cursor c = cur_make(pkt->data, pkt->len);
	struct bfcp_hdr h;
	enum bfcp_shape shape;

	if (!bfcp_header(c, false, &h))
		return BFCP_BAD;
	shape = bfcp_shape(c, &h);
	if (shape == SHAPE_BAD)
		return BFCP_BAD;
	return bfcp_note(st, bfcp_record(st, &h, shape == SHAPE_WALKED,
					 pkt->from_initiator));
}

/* The message at the head of a direction's stream, if its header is here:
 * RFC 8855 sec 6.2, messages follow each other on the connection. */
static enum bfcp_result bfcp_tcp_head(struct bfcp_state *st,
				      struct bfcp_dir *d, bool initiator,
				      size_t *consumed)
{
	struct cursor c = cur_make(d->in.buf, d->in.len);
	struct bfcp_hdr h;
	size_t total;
	enum bfcp_shape shape;
	unsigned at;

	*consumed = 0;
	if (d->in.len < BFCP_HDR_LEN)
		return BFCP_UNSURE;
	if (!bfcp_header(c, true, &h))
		return BFCP_BAD;
	total = h.hdr_len + h.payload_len;
	if (total > STREAM_MAX)
		return BFCP_BAD;
	if (d->in.len < total) {
		if (d->pending)
			return BFCP_UNSURE;
		d->pending = true;
		d->pending_at = bfcp_record(st, &h, false, initiator);
		return bfcp_note(st, d->pending_at);
	}
	shape = bfcp_shape(cur_make(d->in.buf, total), &h);
	if (shape != SHAPE_WALKED)
		return BFCP_BAD;
	*consumed = total;
	if (d->pending) {
		d->pending = false;
		at = d->pending_at;
		if (at < st->nseen)
			st->seen[at].walked = true;
	} else {
		at = bfcp_record(st, &h, true, initiator);
	}
	return bfcp_note(st, at);
}

static enum bfcp_result bfcp_tcp(struct bfcp_state *st,
				 const struct proto_pkt *pkt)
{
	struct bfcp_dir *d = &st->dir[pkt->from_initiator ? 0 : 1];
	enum bfcp_result r;
	size_t consumed;

	if (pkt->gap) {
		stream_consume(&d->in, d->in.len);
		d->pending = false;
	}
	if (!stream_append(&d->in, pkt->data, pkt->len))
		return BFCP_BAD;
	do {
		r = bfcp_tcp_head(st, d, pkt->from_initiator, &consumed);
		stream_consume(&d->in, consumed);
	} while (r == BFCP_UNSURE && consumed > 0);
	return r;
}

static void bfcp_fill_report(const struct bfcp_state *st,
			     struct proto_report *rep)
{
	uint8_t listed[BFCP_NAMES_MAX];
	unsigned n = 0;
	size_t used = 0;

	rep->detail[0] = '\0';
	for (unsigned i = 0; i < st->nseen && n < BFCP_NAMES_MAX; i++) {
		uint8_t p = st->seen[i].primitive;
		bool dup = false;
		int k;

		for (unsigned j = 0; j < n; j++)
			dup |= listed[j] == p;
		if (dup || used >= sizeof rep->detail)
			continue;
		listed[n++] = p;
		k = snprintf(rep->detail + used, sizeof rep->detail - used,
			     "%s%s", used ? ", " : "", bfcp_primitives[p].name);
		used += k > 0 ? (size_t)k : 0;
	}
}

static enum proto_verdict bfcp_search(void *state, const struct proto_pkt *pkt,
				      struct proto_report *rep,
				      const struct proto_sink *sink)
{
	struct bfcp_state *st = state;
	enum bfcp_result r = pkt->transport == PROTO_TCP ? bfcp_tcp(st, pkt)
							 : bfcp_udp(st, pkt);

	switch (r) {
	case BFCP_BAD:
		return PROTO_NO;
	case BFCP_UNSURE:
		return PROTO_MORE;
	case BFCP_FOUND:
		break;
	}
	bfcp_fill_report(st, rep);
	return PROTO_YES;
}

/* The TCP buffers are allocated as bytes come; the state's end frees them. */
static void bfcp_release(void *state)
{
	struct bfcp_state *st = state;

	stream_free(&st->dir[0].in);
	stream_free(&st->dir[1].in);
}

const struct recogniser proto_bfcp = {
	.name = "bfcp",
	.app = APP_BFCP,
	.transports = PROTO_TCP | PROTO_UDP,
	.budget = BFCP_BUDGET,
	.state_size = sizeof(struct bfcp_state),
	.release = bfcp_release,
	.search = bfcp_search,
};
