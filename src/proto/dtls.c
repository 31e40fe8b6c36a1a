/* \summary: DTLS records, walked datagram by datagram; hellos are decisive */
/* specification: RFC 6347 (DTLS 1.2), RFC 4347 (DTLS 1.0), RFC 9147 (DTLS
 * 1.3), RFC 9146 (connection ID), RFC 5246 sec 7.4 (handshake messages),
 * RFC 7983 (demultiplexing) */
#include <stdio.h>

#include "vcflow/extract.h"
#include "vcflow/proto.h"

/* RFC 6347 sec 4.1: type, version, epoch, 48-bit sequence number, length. */
#define DTLS_SEQ_LEN 6u
#define DTLS_RECORD_HDR_LEN 13u
#define DTLS_MAX_RECORD_LEN (16384u + 2048u) /* RFC 6347 sec 4.1 */

enum dtls_content {
	DTLS_CHANGE_CIPHER_SPEC = 20,
	DTLS_ALERT = 21,
	DTLS_HANDSHAKE = 22,
	DTLS_APPLICATION_DATA = 23,
	DTLS_TLS12_CID = 25, /* RFC 9146 */
};

enum dtls_version {
	DTLS_1_0 = 0xfeff,
	DTLS_1_2 = 0xfefd,
	DTLS_1_3 = 0xfefc, /* RFC 9147: seen in supported_versions */
};

/* RFC 6347 sec 4.2.2: handshake header with fragment fields. */
#define DTLS_HS_HDR_LEN 12u
enum dtls_hs_type {
	DTLS_HS_CLIENT_HELLO = 1,
	DTLS_HS_SERVER_HELLO = 2,
	DTLS_HS_HELLO_VERIFY_REQUEST = 3, /* RFC 6347 sec 4.2.1 */
};

#define DTLS_CCS_LEN 1u	  /* RFC 5246 sec 7.1: one octet, */
#define DTLS_CCS_VALUE 1u	  /* of value 1 */
#define DTLS_ALERT_LEN 2u	  /* RFC 5246 sec 7.2 */
#define DTLS_ALERT_WARNING 1u
#define DTLS_ALERT_FATAL 2u
#define DTLS_CID_MAX 20u	  /* connection IDs tried (RFC 9146 allows 255) */
#define DTLS_RANDOM_LEN 32u

/* RFC 7983 sec 7: first octets of what else shares the port. */
#define DEMUX_DTLS_FIRST 20u
#define DEMUX_DTLS_LAST 63u
#define DEMUX_STUN_LAST 3u
#define DEMUX_ZRTP_FIRST 16u
#define DEMUX_TURN_CHANNEL_LAST 79u
#define DEMUX_RTP_FIRST 128u
#define DEMUX_RTP_LAST 191u

#define DTLS_BUDGET 6u
#define DTLS_DATAGRAMS_NEEDED 2u

static const struct {
	uint8_t type;
	const char *name;
} dtls_content_names[] = {
	{ DTLS_CHANGE_CIPHER_SPEC, "ChangeCipherSpec" },
	{ DTLS_ALERT, "Alert" },
	{ DTLS_HANDSHAKE, "Handshake" },
	{ DTLS_APPLICATION_DATA, "Application Data" },
	{ DTLS_TLS12_CID, "Connection ID" },
};

static const char *const dtls_hello_names[] = {
	[DTLS_HS_CLIENT_HELLO] = "ClientHello",
	[DTLS_HS_SERVER_HELLO] = "ServerHello",
	[DTLS_HS_HELLO_VERIFY_REQUEST] = "HelloVerifyRequest",
};

struct dtls_state {
	unsigned datagrams; /* well-formed ones so far */
};

/* What one datagram held. */
struct dtls_seen {
	uint8_t first_type;
	uint8_t hello; /* a dtls_hs_type, or 0 */
};

static bool in_range(unsigned v, unsigned lo, unsigned hi)
{
	return v >= lo && v <= hi;
}

static const char *dtls_content_name(uint8_t type)
{
	for (size_t i = 0;
	     i < sizeof dtls_content_names / sizeof *dtls_content_names; i++)
		if (dtls_content_names[i].type == type)
			return dtls_content_names[i].name;
	return NULL;
}

static bool dtls_version_ok(uint16_t v)
{
	return v == DTLS_1_0 || v == DTLS_1_2 || v == DTLS_1_3;
}

static bool dtls_is_hello(uint8_t hs)
{
	return hs == DTLS_HS_CLIENT_HELLO || hs == DTLS_HS_SERVER_HELLO ||
	       hs == DTLS_HS_HELLO_VERIFY_REQUEST;
}

/* A hello whose first fragment is here opens with a DTLS version and
 * (but for HelloVerifyRequest) 32 random octets (RFC 6347 sec 4.2.1, RFC
 * 5246 sec 7.4.1.2); only such a fragment is taken as a hello. */
enum dtls_hello_check { HELLO_NOT_HERE, HELLO_SEEN, HELLO_BAD };

static enum dtls_hello_check dtls_hello_check(uint8_t type, struct cursor frag,
					      uint32_t offset)
{
	uint16_t version;

	if (offset != 0 || cur_left(&frag) < sizeof(uint16_t))
		return HELLO_NOT_HERE;
	version = cur_be16(&frag);
	if (!dtls_version_ok(version))
		return HELLO_BAD;
	if (type != DTLS_HS_HELLO_VERIFY_REQUEST &&
	    cur_left(&frag) < DTLS_RANDOM_LEN)
		return HELLO_NOT_HERE;
	return HELLO_SEEN;
}

/* RFC 6347 sec 4.2.2: handshake messages (or fragments of them) filling a
 * plaintext record exactly. */
static bool dtls_handshake_walk(struct cursor c, struct dtls_seen *seen)
{
	while (cur_left(&c) > 0) {
		uint8_t type = cur_u8(&c);
		uint32_t length = cur_be24(&c);
		uint32_t offset, frag_len;
		struct cursor frag;

		cur_skip(&c, sizeof(uint16_t)); /* message_seq */
		offset = cur_be24(&c);
		frag_len = cur_be24(&c);
		frag = cur_sub(&c, frag_len);
		if (c.bad || offset > length || frag_len > length - offset)
			return false;
		if (!dtls_is_hello(type))
			continue;
		switch (dtls_hello_check(type, frag, offset)) {
		case HELLO_BAD:
			return false;
		case HELLO_SEEN:
			if (!seen->hello)
				seen->hello = type;
			break;
		case HELLO_NOT_HERE:
			break;
		}
	}
	return !c.bad;
}

/* RFC 9146 sec 4: the connection ID sits before the length and its size
 * is not on the wire; the record must then end the datagram. */
static bool dtls_cid_record(struct cursor c)
{
	size_t left = cur_left(&c);

	for (size_t cid = 1; cid <= DTLS_CID_MAX; cid++) {
		struct cursor len = cur_at(&c, cid);
		uint16_t n = cur_be16(&len);

		if (!len.bad && n > 0 && cid + sizeof(uint16_t) + n == left)
			return true;
	}
	return false;
}

/* An epoch-0 record is plaintext and its body can be checked. */
static bool dtls_plain_body_ok(uint8_t type, struct cursor body,
			       struct dtls_seen *seen)
{
	size_t len = cur_left(&body);
	uint8_t b0 = cur_peek(&body, 0);

	switch (type) {
	case DTLS_CHANGE_CIPHER_SPEC:
		return len == DTLS_CCS_LEN && b0 == DTLS_CCS_VALUE;
	case DTLS_ALERT:
		return len == DTLS_ALERT_LEN &&
		       (b0 == DTLS_ALERT_WARNING || b0 == DTLS_ALERT_FATAL);
	case DTLS_HANDSHAKE:
		return len >= DTLS_HS_HDR_LEN && dtls_handshake_walk(body, seen);
	default:
		return true;
	}
}

/* RFC 6347 sec 4.1: records laid end to end fill the datagram exactly. */
static bool dtls_walk(const struct proto_pkt *pkt, struct dtls_seen *seen)
{
	struct cursor c = cur_make(pkt->data, pkt->len);

	seen->first_type = cur_peek(&c, 0);
	seen->hello = 0;
	while (cur_left(&c) > 0) {
		uint8_t type = cur_u8(&c);
		uint16_t version = cur_be16(&c);
		uint16_t epoch = cur_be16(&c);
		uint16_t len;
		struct cursor body;

		cur_skip(&c, DTLS_SEQ_LEN);
		if (c.bad || !dtls_content_name(type) || !dtls_version_ok(version))
			return false;
		if (type == DTLS_TLS12_CID)
			return dtls_cid_record(c);
		len = cur_be16(&c);
		body = cur_sub(&c, len);
		if (c.bad || len == 0 || len > DTLS_MAX_RECORD_LEN)
			return false;
		if (epoch == 0 && !dtls_plain_body_ok(type, body, seen))
			return false;
	}
	return true;
}

static bool dtls_other_on_port(uint8_t b0)
{
	return b0 <= DEMUX_STUN_LAST ||
	       in_range(b0, DEMUX_ZRTP_FIRST, DEMUX_DTLS_FIRST - 1) ||
	       in_range(b0, DEMUX_DTLS_LAST + 1, DEMUX_TURN_CHANNEL_LAST) ||
	       in_range(b0, DEMUX_RTP_FIRST, DEMUX_RTP_LAST);
}

static enum proto_verdict dtls_search(void *state, const struct proto_pkt *pkt,
				      struct proto_report *rep,
				      const struct proto_sink *sink)
{
	struct dtls_state *st = state;
	struct cursor c = cur_make(pkt->data, pkt->len);
	struct dtls_seen seen;

	if (cur_left(&c) == 0 || dtls_other_on_port(cur_peek(&c, 0)))
		return PROTO_MORE;
	if (!dtls_walk(pkt, &seen))
		return PROTO_NO;
	if (seen.hello) {
		snprintf(rep->detail, sizeof rep->detail, "%s",
			 dtls_hello_names[seen.hello]);
		return PROTO_YES;
	}
	if (!st)
		return PROTO_STATE;
	if (++st->datagrams < DTLS_DATAGRAMS_NEEDED)
		return PROTO_MORE;
	snprintf(rep->detail, sizeof rep->detail, "%s",
		 dtls_content_name(seen.first_type));
	return PROTO_YES;
}

const struct recogniser proto_dtls = {
	.name = "dtls",
	.app = APP_DTLS,
	.transports = PROTO_UDP,
	.budget = DTLS_BUDGET,
	.state_size = sizeof(struct dtls_state),
	.lazy_state = true,
	.provisional = true,
	.search = dtls_search,
};
