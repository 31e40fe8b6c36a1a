/* \summary: LDAP messages over TCP (and CLDAP over UDP) */
/*
 * specification: RFC 4511 section 4.1.1 (LDAPMessage) and appendix B
 * (ASN.1); ITU-T X.690 section 8.1 (BER tag and length); RFC 1798
 * (connectionless LDAP, the same message over UDP).
 *
 * LDAPMessage ::= SEQUENCE { messageID INTEGER (0 .. 2^31-1), protocolOp
 * [APPLICATION n], controls [0] OPTIONAL }.  The operation tag must be one
 * RFC 4511 defines, its first element of the type the operation starts
 * with, and the lengths must nest exactly.
 */
#include <stdio.h>
#include <string.h>

#include "vcflow/extract.h"
#include "vcflow/proto.h"
#include "vcflow/stream.h"

enum {
	LDAP_BUDGET = 3,
	LDAP_LENGTH_BYTES_MAX = 3,
	LDAP_MESSAGE_ID_MAX_LEN = 4, /* 0 .. 2^31-1 */
	LDAP_BIND_VERSION_MAX = 3,
};

enum {
	BER_INTEGER = 0x02,
	BER_OCTET_STRING = 0x04,
	BER_ENUMERATED = 0x0A,
	BER_SEQUENCE = 0x30,
	BER_LONG_LENGTH = 0x80,
	BER_CONTEXT_0 = 0x80,	     /* [0] primitive */
	BER_CONTEXT_0_CONS = 0xA0, /* [0] constructed: controls */
	LDAP_ANY_FIRST = 0,	     /* no fixed first element */
	LDAP_EMPTY = 0x100,	     /* the operation has no contents */
};

enum {
	LDAP_BIND_REQUEST = 0x60,
};

/* protocolOp tags, RFC 4511 appendix B, with their first element. */
struct ldap_op {
	uint8_t tag;
	unsigned first;
	const char *name;
};

static const struct ldap_op ldap_ops[] = {
	{ LDAP_BIND_REQUEST, BER_INTEGER, "bindRequest" },
	{ 0x61, BER_ENUMERATED, "bindResponse" },
	{ 0x42, LDAP_EMPTY, "unbindRequest" },
	{ 0x63, BER_OCTET_STRING, "searchRequest" },
	{ 0x64, BER_OCTET_STRING, "searchResEntry" },
	{ 0x65, BER_ENUMERATED, "searchResDone" },
	{ 0x73, BER_OCTET_STRING, "searchResRef" },
	{ 0x66, BER_OCTET_STRING, "modifyRequest" },
	{ 0x67, BER_ENUMERATED, "modifyResponse" },
	{ 0x68, BER_OCTET_STRING, "addRequest" },
	{ 0x69, BER_ENUMERATED, "addResponse" },
	{ 0x4A, LDAP_ANY_FIRST, "delRequest" },
	{ 0x6B, BER_ENUMERATED, "delResponse" },
	{ 0x6C, BER_OCTET_STRING, "modDNRequest" },
	{ 0x6D, BER_ENUMERATED, "modDNResponse" },
	{ 0x6E, BER_OCTET_STRING, "compareRequest" },
	{ 0x6F, BER_ENUMERATED, "compareResponse" },
	{ 0x50, LDAP_ANY_FIRST, "abandonRequest" },
	{ 0x77, BER_CONTEXT_0, "extendedReq" },
	{ 0x78, BER_ENUMERATED, "extendedResp" },
	{ 0x79, LDAP_ANY_FIRST, "intermediateResponse" },
};

#define COUNT(a) (sizeof(a) / sizeof *(a))

struct ldap_state {
	bool started;
	bool from_initiator;
	struct stream head; /* TCP: the first message of the first speaker */
};

/* Tag and definite length; false when short, indefinite or too long. */
static bool ber_header(struct cursor *c, uint8_t *tag, size_t *len)
{
	uint8_t first;

	*tag = cur_u8(c);
	first = cur_u8(c);
	*len = first;
	if (first & BER_LONG_LENGTH) {
		size_t bytes = first & ~BER_LONG_LENGTH;

		if (bytes == 0 || bytes > LDAP_LENGTH_BYTES_MAX)
			return false;
		*len = 0;
		for (size_t i = 0; i < bytes; i++)
			*len = *len << 8 | cur_u8(c);
	}
	return !c->bad;
}

/* An element of tag `tag`, its contents split off as `in`. */
static bool ber_element(struct cursor *c, uint8_t tag, struct cursor *in)
{
	uint8_t t;
	size_t len;

	if (!ber_header(c, &t, &len) || t != tag)
		return false;
	*in = cur_sub(c, len);
	return !c->bad;
}

static const struct ldap_op *ldap_find_op(uint8_t tag)
{
	for (size_t i = 0; i < COUNT(ldap_ops); i++)
		if (ldap_ops[i].tag == tag)
			return &ldap_ops[i];
	return NULL;
}

static bool ldap_message_id(struct cursor *c)
{
	struct cursor in;
	size_t n;

	if (!ber_element(c, BER_INTEGER, &in))
		return false;
	n = cur_left(&in);
	return n > 0 && n <= LDAP_MESSAGE_ID_MAX_LEN &&
	       !(cur_peek(&in, 0) & 0x80);
}

/* The operation's contents start as the operation says they should. */
static bool ldap_op_contents(const struct ldap_op *op, struct cursor in)
{
	struct cursor version;

	if (op->first == LDAP_EMPTY)
		return cur_left(&in) == 0;
	if (op->first == LDAP_ANY_FIRST)
		return true;
	if (cur_peek(&in, 0) != op->first)
		return false;
	if (op->tag != LDAP_BIND_REQUEST)
		return true;
	/* bindRequest: version INTEGER (1 .. 127), in practice 2 or 3. */
	return ber_element(&in, BER_INTEGER, &version) &&
	       cur_left(&version) == 1 &&
	       cur_peek(&version, 0) >= 1 &&
	       cur_peek(&version, 0) <= LDAP_BIND_VERSION_MAX;
}

/* A whole LDAPMessage at the start of `c`; returns the operation. */
static const struct ldap_op *ldap_message(struct cursor c)
{
	struct cursor msg, in, controls;
	const struct ldap_op *op;

	if (!ber_element(&c, BER_SEQUENCE, &msg) || !ldap_message_id(&msg))
		return NULL;
	op = ldap_find_op(cur_peek(&msg, 0));
	if (!op || !ber_element(&msg, op->tag, &in) ||
	    !ldap_op_contents(op, in))
		return NULL;
	if (cur_left(&msg) > 0 &&
	    (!ber_element(&msg, BER_CONTEXT_0_CONS, &controls) ||
	     cur_left(&msg) != 0))
		return NULL;
	return op;
}

/*
 * The first bytes of a message not yet complete: the SEQUENCE header, then
 * as much of messageID and the operation tag as has come.  False when what
 * is there is already wrong.
 */
static bool ldap_prefix_ok(struct cursor c)
{
	struct cursor id;
	uint8_t tag;
	size_t len;

	if (cur_left(&c) == 0)
		return true;
	if (cur_peek(&c, 0) != BER_SEQUENCE)
		return false;
	if (!ber_header(&c, &tag, &len))
		return c.bad; /* cut short: wait; a malformed length: no */
	if (cur_left(&c) == 0)
		return true;
	if (cur_peek(&c, 0) != BER_INTEGER)
		return false;
	id = c;
	if (!ldap_message_id(&id))
		return id.bad;
	return cur_left(&id) == 0 || ldap_find_op(cur_peek(&id, 0)) != NULL;
}

/* Declared size of the message at the start of `c`, header included. */
static bool ldap_declared(struct cursor c, size_t *total)
{
	uint8_t tag;
	size_t len, before = cur_left(&c);

	if (!ber_header(&c, &tag, &len))
		return false;
	*total = before - cur_left(&c) + len;
	return true;
}

static enum proto_verdict ldap_judge(struct cursor c, bool more_can_come,
				     struct proto_report *rep)
{
	const struct ldap_op *op = ldap_message(c);
	size_t total;

	if (op) {
		snprintf(rep->detail, sizeof rep->detail, "%s", op->name);
		return PROTO_YES;
	}
	if (!more_can_come || !ldap_prefix_ok(c))
		return PROTO_NO;
	if (ldap_declared(c, &total) && total <= cur_left(&c))
		return PROTO_NO; /* complete, and wrong */
	return PROTO_MORE;
}

static enum proto_verdict ldap_search(void *state, const struct proto_pkt *pkt,
				      struct proto_report *rep,
				      const struct proto_sink *sink)
{
	struct ldap_state *st = state;
	size_t room, n;

	if (pkt->transport == PROTO_UDP)
		return ldap_judge(cur_make(pkt->data, pkt->len), false, rep);
	if (pkt->len == 0)
		return PROTO_MORE;
	if (!st->started) {
		st->started = true;
		st->from_initiator = pkt->from_initiator;
	}
	if (pkt->from_initiator != st->from_initiator || pkt->gap)
		return PROTO_NO; /* nothing answers an unfinished message */
	room = STREAM_MAX - st->head.len;
	n = pkt->len < room ? pkt->len : room;
	stream_append(&st->head, pkt->data, n);
	return ldap_judge(cur_make(st->head.buf, st->head.len),
			  st->head.len < STREAM_MAX, rep);
}

/* The TCP buffers are allocated as bytes come; the state's end frees them. */
static void ldap_release(void *state)
{
	struct ldap_state *st = state;

	stream_free(&st->head);
}

const struct recogniser proto_ldap = {
	.name = "ldap",
	.app = APP_LDAP,
	.transports = PROTO_TCP | PROTO_UDP,
	.budget = LDAP_BUDGET,
	.state_size = sizeof(struct ldap_state),
	.release = ldap_release,
	.search = ldap_search,
};
