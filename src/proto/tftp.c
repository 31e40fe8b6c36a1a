/* \summary: TFTP over UDP: read/write requests and the transfer that follows */
/*
 * specification: RFC 1350 (TFTP revision 2) sections 5 and appendix;
 * RFC 2347 (option extension, OACK); RFC 2348, 2349 (blksize, timeout,
 * tsize).
 *
 * A request is opcode 1 (RRQ) or 2 (WRQ), a file name, NUL, a mode
 * (netascii, octet or mail, any case), NUL, then RFC 2347 option/value
 * pairs, each NUL-terminated.  The transfer runs on a new port pair, so its
 * flow starts with DATA block 1 answered by ACK 1, or with an OACK answered
 * by ACK 0, or with an ERROR.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "vcflow/extract.h"
#include "vcflow/proto.h"

enum {
	TFTP_BUDGET = 3,
	TFTP_OPCODE_LEN = 2,
	TFTP_STRING_MAX = 512, /* a file name or option longer: no */
	TFTP_OPTIONS_MAX = 16,
	TFTP_BLOCK_MAX = 65464, /* RFC 2348 blksize */
	TFTP_ACK_LEN = 4,
	TFTP_ERROR_CODE_MAX = 8, /* RFC 2347 adds 8 */
	TFTP_SHOWN_NAME = 80,
};

enum {
	TFTP_RRQ = 1,
	TFTP_WRQ = 2,
	TFTP_DATA = 3,
	TFTP_ACK = 4,
	TFTP_ERROR = 5,
	TFTP_OACK = 6,
};

static const char *const tftp_modes[] = { "netascii", "octet", "mail" };

#define COUNT(a) (sizeof(a) / sizeof *(a))

/* What the flow's first packet was, when it needs an answer. */
enum tftp_wait {
	TFTP_WAIT_NONE,
	TFTP_WAIT_ACK1, /* DATA block 1 seen */
	TFTP_WAIT_ACK0, /* OACK seen */
};

struct tftp_state {
	enum tftp_wait wait;
	bool first_from_initiator;
};

/* Reads a NUL-terminated printable string into a sub-cursor. */
static bool tftp_string(struct cursor *c, struct cursor *s)
{
	size_t n = 0, left = cur_left(c);

	while (n < left && n <= TFTP_STRING_MAX) {
		uint8_t b = cur_peek(c, n);

		if (b == '\0')
			break;
		if (b < 0x20 || b > 0x7e)
			return false;
		n++;
	}
	if (n == left || n > TFTP_STRING_MAX)
		return false;
	*s = cur_sub(c, n);
	cur_skip(c, 1);
	return !c->bad;
}

static bool tftp_mode_ok(struct cursor m)
{
	size_t n = cur_left(&m);
	const uint8_t *p = cur_take(&m, n);

	for (size_t i = 0; p && i < COUNT(tftp_modes); i++)
		if (strlen(tftp_modes[i]) == n &&
		    strncasecmp((const char *)p, tftp_modes[i], n) == 0)
			return true;
	return false;
}

/* RFC 2347 option/value pairs up to the end of the packet. */
static bool tftp_options(struct cursor *c, bool need_one)
{
	unsigned pairs = 0;

	while (cur_left(c) > 0) {
		struct cursor name, value;

		if (!tftp_string(c, &name) || !tftp_string(c, &value) ||
		    cur_left(&name) == 0 || ++pairs > TFTP_OPTIONS_MAX)
			return false;
	}
	return pairs > 0 || !need_one;
}

static bool tftp_request(struct cursor c, uint16_t opcode,
			 struct proto_report *rep)
{
	struct cursor file, mode;
	char name[TFTP_SHOWN_NAME + 1];
	size_t n;

	if (!tftp_string(&c, &file) || cur_left(&file) == 0 ||
	    !tftp_string(&c, &mode) || !tftp_mode_ok(mode) ||
	    !tftp_options(&c, false))
		return false;
	n = cur_left(&file) < TFTP_SHOWN_NAME ? cur_left(&file)
					       : TFTP_SHOWN_NAME;
	proto_copy_text(name, sizeof name, cur_take(&file, n), n);
	snprintf(rep->detail, sizeof rep->detail, "%s %s",
		 opcode == TFTP_RRQ ? "RRQ" : "WRQ", name);
	return true;
}

static bool tftp_error(struct cursor c, struct proto_report *rep)
{
	uint16_t code = cur_be16(&c);
	struct cursor msg;

	if (c.bad || code > TFTP_ERROR_CODE_MAX || !tftp_string(&c, &msg) ||
	    cur_left(&c) != 0)
		return false;
	snprintf(rep->detail, sizeof rep->detail, "ERROR %u", code);
	return true;
}

/* The flow's first packet. */
static enum proto_verdict tftp_first(struct tftp_state *st, struct cursor c,
				     struct proto_report *rep)
{
	uint16_t opcode = cur_be16(&c);

	if (c.bad)
		return PROTO_NO;
	switch (opcode) {
	case TFTP_RRQ:
	case TFTP_WRQ:
		return tftp_request(c, opcode, rep) ? PROTO_YES : PROTO_NO;
	case TFTP_DATA:
		if (cur_be16(&c) != 1 || c.bad ||
		    cur_left(&c) > TFTP_BLOCK_MAX)
			return PROTO_NO;
		st->wait = TFTP_WAIT_ACK1;
		return PROTO_MORE;
	case TFTP_OACK:
		if (!tftp_options(&c, true))
			return PROTO_NO;
		st->wait = TFTP_WAIT_ACK0;
		return PROTO_MORE;
	case TFTP_ERROR:
		return tftp_error(c, rep) ? PROTO_YES : PROTO_NO;
	default:
		return PROTO_NO;
	}
}

/* The answer to a DATA 1 or an OACK: an ACK of the right block. */
static enum proto_verdict tftp_answer(struct tftp_state *st, struct cursor c,
				      struct proto_report *rep)
{
	uint16_t opcode = cur_be16(&c);
	uint16_t block = cur_be16(&c);
	uint16_t want = st->wait == TFTP_WAIT_ACK1 ? 1 : 0;

	if (c.bad || cur_left(&c) != 0 || opcode != TFTP_ACK || block != want)
		return PROTO_NO;
	snprintf(rep->detail, sizeof rep->detail, "%s",
		 st->wait == TFTP_WAIT_ACK1 ? "DATA" : "OACK");
	return PROTO_YES;
}

static enum proto_verdict tftp_search(void *state, const struct proto_pkt *pkt,
				      struct proto_report *rep,
				      const struct proto_sink *sink)
{
	struct tftp_state *st = state;
	struct cursor c = cur_make(pkt->data, pkt->len);

	if (pkt->transport != PROTO_UDP)
		return PROTO_NO;
	if (st->wait == TFTP_WAIT_NONE) {
		st->first_from_initiator = pkt->from_initiator;
		return tftp_first(st, c, rep);
	}
	if (pkt->from_initiator == st->first_from_initiator)
		return PROTO_MORE; /* a retransmission while the ACK is due */
	return tftp_answer(st, c, rep);
}

const struct recogniser proto_tftp = {
	.name = "tftp",
	.app = APP_TFTP,
	.transports = PROTO_UDP,
	.budget = TFTP_BUDGET,
	.state_size = sizeof(struct tftp_state),
	.search = tftp_search,
};
