/* \summary: STUN and TURN messages, and TURN ChannelData, over UDP and TCP */
/* specification: RFC 5389 (STUN), RFC 3489 (classic STUN), RFC 5766 (TURN),
 * RFC 6062 (TURN TCP allocations), RFC 4571 and RFC 6544 (framing over TCP
 * for ICE), RFC 7983 (demultiplexing) */
#include <stdio.h>
#include <string.h>

#include "vcflow/extract.h"
#include "vcflow/fnv.h"
#include "vcflow/proto.h"
#include "vcflow/stream.h"

/* RFC 5389 sec 6: the header. */
#define STUN_HDR_LEN 20u
#define STUN_TYPE_ZERO_BITS 0xc000u /* first two bits are zero */
#define STUN_MAGIC_COOKIE 0x2112a442u
#define STUN_COOKIE_OFFSET 4u
#define STUN_TID_LEN 16u /* RFC 3489: 128 bits; RFC 5389: cookie + 96 */
#define STUN_ALIGN 4u
#define STUN_FIRST_BYTE_TOP 0xc0u

/* RFC 5389 sec 6: class bits C1 C0 interleaved with the method bits. */
#define STUN_C0_BIT 0x0010u
#define STUN_C1_BIT 0x0100u
#define STUN_C0_SHIFT 4
#define STUN_C1_SHIFT 7
#define STUN_M_LOW 0x000fu  /* M3..M0 */
#define STUN_M_MID 0x00e0u  /* M6..M4 */
#define STUN_M_MID_SHIFT 1
#define STUN_M_HIGH 0x3e00u /* M11..M7 */
#define STUN_M_HIGH_SHIFT 2

/* RFC 5389 sec 15 and RFC 5766 sec 14: attributes read here. */
#define STUN_ATTR_HDR_LEN 4u
#define STUN_ATTR_RESERVED 0x0000u
#define STUN_ATTR_USERNAME 0x0006u
#define STUN_ATTR_XOR_RELAYED_ADDRESS 0x0016u
#define STUN_ATTR_XOR_MAPPED_ADDRESS 0x0020u
#define STUN_ATTR_SOFTWARE 0x8022u
#define STUN_ATTR_FINGERPRINT 0x8028u
#define STUN_FINGERPRINT_LEN 4u
#define STUN_OPTIONAL_FIRST 0x8000u
/* RFC 3489 sec 11.2: MAPPED-ADDRESS .. REFLECTED-FROM */
#define STUN_CLASSIC_ATTR_LAST 0x000bu
#define STUN_ADDR_RESERVED_LEN 1u /* the octet before the family */
#define STUN_FAMILY_IPV4 0x01u
#define STUN_FAMILY_IPV6 0x02u
#define STUN_IPV4_LEN 4u
#define STUN_IPV6_LEN 16u
#define STUN_COOKIE_PORT_SHIFT 16

/* RFC 5766 sec 11: ChannelData, padded to 4 over TCP. */
#define CHANNEL_HDR_LEN 4u
#define CHANNEL_FIRST 0x4000u
#define CHANNEL_LAST 0x7fffu
#define CHANNEL_BYTE_FIRST 0x40u
#define CHANNEL_BYTE_LAST 0x7fu

/* RFC 4571 sec 2: a 16-bit length before each frame. */
#define FRAME_LEN_LEN 2u

/* RFC 7983 sec 7: first octets of what else shares the port. */
#define DEMUX_ZRTP_FIRST 16u
#define DEMUX_DTLS_LAST 63u
#define DEMUX_RTP_FIRST 128u
#define DEMUX_RTP_LAST 191u

#define STUN_BUDGET 6u
#define STUN_PENDING_MAX 4u /* classic requests awaiting an answer */

enum stun_class {
	STUN_REQUEST,
	STUN_INDICATION,
	STUN_SUCCESS,
	STUN_ERROR,
};
#define CLASS_BIT(c) (1u << (c))
#define TRANSACTION                                                           \
	(CLASS_BIT(STUN_REQUEST) | CLASS_BIT(STUN_SUCCESS) |                  \
	 CLASS_BIT(STUN_ERROR))
#define INDICATION CLASS_BIT(STUN_INDICATION)

static const char *const stun_class_names[] = {
	[STUN_REQUEST] = "Request",
	[STUN_INDICATION] = "Indication",
	[STUN_SUCCESS] = "Success Response",
	[STUN_ERROR] = "Error Response",
};

struct stun_method {
	uint16_t method;
	const char *name;
	uint8_t classes; /* allowed with the magic cookie (RFC 5389 on) */
	uint8_t classic; /* allowed without it (RFC 3489) */
};

enum {
	STUN_BINDING = 0x001,
	STUN_SHARED_SECRET = 0x002,
	TURN_ALLOCATE = 0x003,
	TURN_REFRESH = 0x004,
	TURN_SEND = 0x006,
	TURN_DATA = 0x007,
	TURN_CREATE_PERMISSION = 0x008,
	TURN_CHANNEL_BIND = 0x009,
	TURN_CONNECT = 0x00a,		/* RFC 6062 */
	TURN_CONNECTION_BIND = 0x00b,	/* RFC 6062 */
	TURN_CONNECTION_ATTEMPT = 0x00c, /* RFC 6062 */
};

static const struct stun_method stun_methods[] = {
	{ STUN_BINDING, "Binding", TRANSACTION | INDICATION, TRANSACTION },
	{ STUN_SHARED_SECRET, "Shared Secret", 0, TRANSACTION },
	{ TURN_ALLOCATE, "Allocate", TRANSACTION, 0 },
	{ TURN_REFRESH, "Refresh", TRANSACTION, 0 },
	{ TURN_SEND, "Send", INDICATION, 0 },
	{ TURN_DATA, "Data", INDICATION, 0 },
	{ TURN_CREATE_PERMISSION, "CreatePermission", TRANSACTION, 0 },
	{ TURN_CHANNEL_BIND, "ChannelBind", TRANSACTION, 0 },
	{ TURN_CONNECT, "Connect", TRANSACTION, 0 },
	{ TURN_CONNECTION_BIND, "ConnectionBind", TRANSACTION, 0 },
	{ TURN_CONNECTION_ATTEMPT, "ConnectionAttempt", INDICATION, 0 },
};

struct stun_addr {
	bool set;
	struct addr addr;
	uint16_t port;
};

struct stun_msg {
	const struct stun_method *method;
	enum stun_class cls;
	bool classic;
	uint8_t tid[STUN_TID_LEN];
	const uint8_t *software;
	size_t software_len;
	const uint8_t *username;
	size_t username_len;
	struct stun_addr mapped, relayed;
};

enum stun_framing { FRAMING_UNKNOWN, FRAMING_PLAIN, FRAMING_RFC4571 };

struct stun_dir {
	enum stun_framing framing;
	struct stream in;
};

struct stun_pending {
	uint8_t tid[STUN_TID_LEN];
	bool from_initiator;
};

struct stun_state {
	unsigned npending;
	struct stun_pending pending[STUN_PENDING_MAX];
	char first[PROTO_DETAIL_MAX];	 /* the first message's name */
	char software[PROTO_PRODUCT_MAX]; /* the first SOFTWARE */
	uint64_t ufrag[2]; /* initiator's and responder's ICE ufrag, hashed */
	struct stun_dir dir[2];
};

enum stun_result {
	STUN_BAD,     /* not STUN: answer no */
	STUN_SKIP,    /* something else sharing the port, or not enough yet */
	STUN_PENDING, /* classic STUN awaiting its answer */
	STUN_FOUND,
};

static bool in_range(unsigned v, unsigned lo, unsigned hi)
{
	return v >= lo && v <= hi;
}

static size_t pad4(size_t n)
{
	return (STUN_ALIGN - n % STUN_ALIGN) % STUN_ALIGN;
}

static const struct stun_method *stun_method_of(uint16_t type)
{
	uint16_t m = (uint16_t)((type & STUN_M_LOW) |
				(type & STUN_M_MID) >> STUN_M_MID_SHIFT |
				(type & STUN_M_HIGH) >> STUN_M_HIGH_SHIFT);

	for (size_t i = 0; i < sizeof stun_methods / sizeof *stun_methods; i++)
		if (stun_methods[i].method == m)
			return &stun_methods[i];
	return NULL;
}

static enum stun_class stun_class_of(uint16_t type)
{
	return (enum stun_class)((type & STUN_C0_BIT) >> STUN_C0_SHIFT |
				 (type & STUN_C1_BIT) >> STUN_C1_SHIFT);
}

/* RFC 5389 sec 15.2: XOR-MAPPED-ADDRESS and the TURN addresses like it. */
static void stun_xor_address(struct cursor v, const struct stun_msg *m,
			     struct stun_addr *out)
{
	uint8_t family, raw[STUN_IPV6_LEN];
	uint16_t port;

	cur_skip(&v, STUN_ADDR_RESERVED_LEN);
	family = cur_u8(&v);
	port = cur_be16(&v) ^ (uint16_t)(STUN_MAGIC_COOKIE >>
					 STUN_COOKIE_PORT_SHIFT);
	if (family == STUN_FAMILY_IPV4 && cur_left(&v) == STUN_IPV4_LEN) {
		cur_copy(&v, raw, STUN_IPV4_LEN);
		for (size_t i = 0; i < STUN_IPV4_LEN; i++)
			raw[i] ^= m->tid[i];
		addr_from_v4(&out->addr, raw);
	} else if (family == STUN_FAMILY_IPV6 &&
		   cur_left(&v) == STUN_IPV6_LEN) {
		cur_copy(&v, raw, STUN_IPV6_LEN);
		for (size_t i = 0; i < STUN_IPV6_LEN; i++)
			raw[i] ^= m->tid[i];
		addr_from_v6(&out->addr, raw);
	} else {
		return;
	}
	out->port = port;
	out->set = !v.bad;
}

static bool stun_attr_type_ok(uint16_t type, bool classic)
{
	if (type == STUN_ATTR_RESERVED)
		return false;
	return !classic || type <= STUN_CLASSIC_ATTR_LAST ||
	       type >= STUN_OPTIONAL_FIRST;
}

static void stun_attr_note(uint16_t type, struct cursor v, struct stun_msg *m)
{
	if (m->classic)
		return;
	if (type == STUN_ATTR_SOFTWARE && !m->software) {
		m->software_len = cur_left(&v);
		m->software = cur_take(&v, m->software_len);
	} else if (type == STUN_ATTR_USERNAME && !m->username) {
		m->username_len = cur_left(&v);
		m->username = cur_take(&v, m->username_len);
	} else if (type == STUN_ATTR_XOR_MAPPED_ADDRESS) {
		stun_xor_address(v, m, &m->mapped);
	} else if (type == STUN_ATTR_XOR_RELAYED_ADDRESS) {
		stun_xor_address(v, m, &m->relayed);
	}
}

/* RFC 5389 sec 15: TLVs padded to 4 that end exactly at the message's end;
 * FINGERPRINT, when present, is the last.  RFC 3489 lengths are already
 * multiples of 4. */
static bool stun_attrs_walk(struct cursor c, struct stun_msg *m)
{
	bool fingerprint = false;

	while (cur_left(&c) > 0) {
		uint16_t type = cur_be16(&c);
		uint16_t len = cur_be16(&c);
		struct cursor v = cur_sub(&c, len);

		cur_skip(&c, pad4(len));
		if (c.bad || fingerprint || !stun_attr_type_ok(type, m->classic))
			return false;
		if (m->classic && pad4(len))
			return false;
		if (type == STUN_ATTR_FINGERPRINT) {
			if (len != STUN_FINGERPRINT_LEN)
				return false;
			fingerprint = true;
		}
		stun_attr_note(type, v, m);
	}
	return !c.bad;
}

/* One whole message: `c` holds exactly its bytes. */
static bool stun_parse(struct cursor c, bool tcp, struct stun_msg *m)
{
	uint16_t type = cur_be16(&c);
	uint16_t len = cur_be16(&c);
	struct cursor tid = c;
	uint8_t allowed;

	memset(m, 0, sizeof *m);
	cur_copy(&c, m->tid, STUN_TID_LEN);
	if (c.bad || (type & STUN_TYPE_ZERO_BITS) || len % STUN_ALIGN ||
	    len != cur_left(&c))
		return false;
	m->classic = cur_be32(&tid) != STUN_MAGIC_COOKIE;
	m->method = stun_method_of(type);
	m->cls = stun_class_of(type);
	if (!m->method || (m->classic && tcp))
		return false;
	allowed = m->classic ? m->method->classic : m->method->classes;
	if (!(allowed & CLASS_BIT(m->cls)))
		return false;
	return stun_attrs_walk(c, m);
}

/* RFC 5766 sec 11.4, 11.5: channel number, length, data, padding (which
 * TCP requires and UDP allows). */
static bool channel_data_ok(struct cursor c, bool tcp)
{
	uint16_t channel = cur_be16(&c);
	uint16_t len = cur_be16(&c);
	size_t left = cur_left(&c);

	if (c.bad || !in_range(channel, CHANNEL_FIRST, CHANNEL_LAST) ||
	    len > left)
		return false;
	return left - len == pad4(len) || (!tcp && left == len);
}

static void stun_announce(const struct stun_addr *a, const char *what,
			  const struct proto_pkt *pkt,
			  const struct proto_sink *sink)
{
	struct proto_announce ann = {
		.addr = a->addr,
		.port = a->port,
		.transport = PROTO_UDP,
		.app = APP_STUN,
		.what = what,
	};

	if (a->set && sink && sink->announce)
		sink->announce(sink->ctx, pkt, &ann);
}

/* 64-bit FNV-1a: names an ufrag without keeping its text. */
static uint64_t ufrag_hash(const uint8_t *p, size_t n)
{
	uint64_t h = fnv1a(FNV1A_OFFSET, p, n);

	return h ? h : 1;
}

/* RFC 8445 sec 7.2.2: a check's USERNAME is the receiver's ufrag, a
 * colon, the sender's: both ends of one ICE session, whichever checks. */
static void stun_ice_user(struct stun_state *st, const struct stun_msg *m,
			  bool from_initiator)
{
	const uint8_t *colon;

	if (m->cls != STUN_REQUEST || !m->username || st->ufrag[0] ||
	    !(colon = memchr(m->username, ':', m->username_len)))
		return;
	size_t rlen = (size_t)(colon - m->username);
	uint64_t receiver = ufrag_hash(m->username, rlen);
	uint64_t sender = ufrag_hash(colon + 1, m->username_len - rlen - 1);
	st->ufrag[0] = from_initiator ? sender : receiver;
	st->ufrag[1] = from_initiator ? receiver : sender;
}

static void stun_note(struct stun_state *st, const struct stun_msg *m)
{
	if (!st->first[0])
		snprintf(st->first, sizeof st->first, "%s %s", m->method->name,
			 stun_class_names[m->cls]);
	if (m->software && !st->software[0])
		proto_copy_text(st->software, sizeof st->software,
				m->software, m->software_len);
}

/* RFC 3489 sec 9, 10: a classic request and its response share the
 * transaction ID. */
static enum stun_result stun_classic(struct stun_state *st,
				     const struct stun_msg *m, bool initiator)
{
	if (m->cls == STUN_REQUEST) {
		if (st->npending < STUN_PENDING_MAX) {
			memcpy(st->pending[st->npending].tid, m->tid,
			       STUN_TID_LEN);
			st->pending[st->npending++].from_initiator = initiator;
		}
		return STUN_PENDING;
	}
	for (unsigned i = 0; i < st->npending; i++)
		if (st->pending[i].from_initiator != initiator &&
		    !memcmp(st->pending[i].tid, m->tid, STUN_TID_LEN))
			return STUN_FOUND;
	return STUN_PENDING;
}

static enum stun_result stun_message(struct stun_state *st, struct cursor c,
				     const struct proto_pkt *pkt,
				     const struct proto_sink *sink)
{
	bool tcp = pkt->transport == PROTO_TCP;
	uint8_t b0 = cur_peek(&c, 0);
	struct stun_msg m;

	if (cur_left(&c) == 0)
		return STUN_BAD;
	/* ChannelData means something only after an Allocate and a
	 * ChannelBind, and either has answered already: alone it never
	 * counts, but it must be well formed. */
	if (in_range(b0, CHANNEL_BYTE_FIRST, CHANNEL_BYTE_LAST))
		return channel_data_ok(c, tcp) ? STUN_SKIP : STUN_BAD;
	if ((b0 & STUN_FIRST_BYTE_TOP) || !stun_parse(c, tcp, &m))
		return STUN_BAD;
	stun_note(st, &m);
	stun_ice_user(st, &m, pkt->from_initiator);
	if (m.cls == STUN_SUCCESS) {
		stun_announce(&m.relayed, "TURN relay", pkt, sink);
		stun_announce(&m.mapped, "ICE candidate", pkt, sink);
	}
	if (m.classic)
		return stun_classic(st, &m, pkt->from_initiator);
	return STUN_FOUND;
}

/* RFC 7983: DTLS, ZRTP, RTP and RTCP may share a STUN-multiplexed port. */
static bool stun_other_on_port(uint8_t b0)
{
	return in_range(b0, DEMUX_ZRTP_FIRST, DEMUX_DTLS_LAST) ||
	       in_range(b0, DEMUX_RTP_FIRST, DEMUX_RTP_LAST);
}

static enum stun_result stun_udp(struct stun_state *st,
				 const struct proto_pkt *pkt,
				 const struct proto_sink *sink)
{
	struct cursor c = cur_make(pkt->data, pkt->len);

	if (cur_left(&c) && stun_other_on_port(cur_peek(&c, 0)))
		return STUN_SKIP;
	return stun_message(st, c, pkt, sink);
}

/* Decides how a direction frames its messages: plain STUN (RFC 5389 sec
 * 7.2.2) or RFC 4571 length prefixes (ICE-TCP, RFC 6544 sec 3). */
static enum stun_result stun_tcp_framing(struct stun_dir *d)
{
	const struct cursor c = cur_make(d->in.buf, d->in.len);
	struct cursor plain = cur_at(&c, STUN_COOKIE_OFFSET);
	struct cursor prefix = c;
	struct cursor framed = cur_at(&c, FRAME_LEN_LEN + sizeof(uint16_t));
	uint16_t frame_len = cur_be16(&prefix);
	uint16_t inner_len = cur_be16(&framed);

	/* cur_be32() reads 0 past the end, which is never the cookie */
	if (cur_be32(&plain) == STUN_MAGIC_COOKIE &&
	    !(cur_peek(&c, 0) & STUN_FIRST_BYTE_TOP)) {
		d->framing = FRAMING_PLAIN;
		return STUN_SKIP;
	}
	if (cur_be32(&framed) == STUN_MAGIC_COOKIE &&
	    frame_len == inner_len + STUN_HDR_LEN) {
		d->framing = FRAMING_RFC4571;
		return STUN_SKIP;
	}
	return d->in.len >= FRAME_LEN_LEN + STUN_COOKIE_OFFSET + sizeof(uint32_t)
		       ? STUN_BAD
		       : STUN_SKIP;
}

/* Length of the frame at the head of the buffer, 0 when not yet known. */
static size_t stun_tcp_frame_len(const struct stun_dir *d, bool *bad)
{
	struct cursor c = cur_make(d->in.buf, d->in.len);
	uint8_t b0 = cur_peek(&c, 0);
	size_t len;

	if (d->framing == FRAMING_RFC4571) {
		len = cur_be16(&c);
		return c.bad ? 0 : FRAME_LEN_LEN + len;
	}
	cur_skip(&c, sizeof(uint16_t));
	len = cur_be16(&c);
	if (c.bad)
		return 0;
	if (in_range(b0, CHANNEL_BYTE_FIRST, CHANNEL_BYTE_LAST))
		return CHANNEL_HDR_LEN + len + pad4(len);
	if (b0 & STUN_FIRST_BYTE_TOP) {
		*bad = true;
		return 0;
	}
	return STUN_HDR_LEN + len;
}

/* One frame of a direction's stream.  (RFC 6544: after ICE the same
 * RFC 4571 framing carries RTP, but by then a STUN message has answered.) */
static enum stun_result stun_tcp_frame(struct stun_state *st,
				       const struct stun_dir *d, size_t len,
				       const struct proto_pkt *pkt,
				       const struct proto_sink *sink)
{
	struct cursor c = cur_make(d->in.buf, len);

	if (d->framing == FRAMING_RFC4571)
		cur_skip(&c, FRAME_LEN_LEN);
	return stun_message(st, c, pkt, sink);
}

static enum stun_result stun_tcp(struct stun_state *st,
				 const struct proto_pkt *pkt,
				 const struct proto_sink *sink)
{
	struct stun_dir *d = &st->dir[pkt->from_initiator ? 0 : 1];
	enum stun_result res = STUN_SKIP;

	if (pkt->gap)
		stream_consume(&d->in, d->in.len);
	if (!stream_append(&d->in, pkt->data, pkt->len))
		return STUN_BAD;
	while (d->in.len > 0) {
		bool bad = false;
		size_t len;
		enum stun_result r;

		if (d->framing == FRAMING_UNKNOWN) {
			r = stun_tcp_framing(d);
			if (d->framing == FRAMING_UNKNOWN)
				return r;
		}
		len = stun_tcp_frame_len(d, &bad);
		if (bad || len > STREAM_MAX)
			return STUN_BAD;
		if (len == 0 || len > d->in.len)
			break;
		r = stun_tcp_frame(st, d, len, pkt, sink);
		stream_consume(&d->in, len);
		if (r == STUN_BAD || r == STUN_FOUND)
			return r;
		if (r == STUN_PENDING)
			res = r;
	}
	return res;
}

static enum proto_verdict stun_search(void *state, const struct proto_pkt *pkt,
				      struct proto_report *rep,
				      const struct proto_sink *sink)
{
	struct stun_state *st = state;

	if (!st) {
		/* Datagrams of what shares the port need no state (stun_udp) */
		struct cursor c = cur_make(pkt->data, pkt->len);
		if (pkt->transport == PROTO_UDP && cur_left(&c) &&
		    stun_other_on_port(cur_peek(&c, 0)))
			return PROTO_MORE;
		return PROTO_STATE;
	}
	enum stun_result r = pkt->transport == PROTO_TCP
				     ? stun_tcp(st, pkt, sink)
				     : stun_udp(st, pkt, sink);

	switch (r) {
	case STUN_BAD:
		return PROTO_NO;
	case STUN_SKIP:
	case STUN_PENDING:
		return PROTO_MORE;
	case STUN_FOUND:
		break;
	}
	snprintf(rep->detail, sizeof rep->detail, "%s", st->first);
	if (st->software[0])
		snprintf(rep->product, sizeof rep->product, "%s", st->software);
	memcpy(rep->ice_ufrag, st->ufrag, sizeof rep->ice_ufrag);
	return PROTO_YES;
}

/* The TCP buffers are allocated as bytes come; the state's end frees them. */
static void stun_release(void *state)
{
	struct stun_state *st = state;

	stream_free(&st->dir[0].in);
	stream_free(&st->dir[1].in);
}

const struct recogniser proto_stun = {
	.name = "stun",
	.app = APP_STUN,
	.transports = PROTO_TCP | PROTO_UDP,
	.budget = STUN_BUDGET,
	.state_size = sizeof(struct stun_state),
	.lazy_state = true,
	.release = stun_release,
	.provisional = true,
	.search = stun_search,
};
