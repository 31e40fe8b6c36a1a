/* \summary: SNMP v1, v2c and v3 messages over UDP */
/*
 * specification: RFC 1157 section 4 (SNMPv1 Message), RFC 1901 section 3
 * (SNMPv2c), RFC 3416 section 3 (PDUs), RFC 3412 section 6 (SNMPv3
 * message format); ITU-T X.690 section 8.1 (BER tag and length).
 *
 * Message ::= SEQUENCE { version INTEGER (0 | 1 | 3), ... }: for v1 and
 * v2c a community OCTET STRING and a PDU with context tag 0xA0-0xA8; for v3
 * msgGlobalData SEQUENCE, msgSecurityParameters OCTET STRING and msgData
 * (a ScopedPDU SEQUENCE, or an encrypted OCTET STRING).  Every length must
 * nest exactly inside its parent and the message must fill the datagram.
 */
#include <stdio.h>
#include <string.h>

#include "vcflow/extract.h"
#include "vcflow/proto.h"

enum {
	SNMP_BUDGET = 2,
	SNMP_INTEGER_MAX_LEN = 5, /* 32-bit values, sign byte allowed */
	SNMP_LENGTH_BYTES_MAX = 3,
	SNMP_ERROR_STATUS_MAX = 18, /* inconsistentName, RFC 3416 */
	SNMP_FLAGS_LEN = 1,
};

/* BER identifiers. */
enum {
	BER_INTEGER = 0x02,
	BER_OCTET_STRING = 0x04,
	BER_OID = 0x06,
	BER_SEQUENCE = 0x30,
	BER_LONG_LENGTH = 0x80,
};

enum {
	SNMP_V1 = 0,
	SNMP_V2C = 1,
	SNMP_V3 = 3,
};

/* PDU context tags, RFC 3416 3 and RFC 1157 4.1. */
enum {
	SNMP_PDU_FIRST = 0xA0,
	SNMP_PDU_TRAP_V1 = 0xA4,
	SNMP_PDU_GETBULK = 0xA5,
	SNMP_PDU_LAST = 0xA8,
};

static const char *const snmp_pdu_names[] = {
	"get-request",	   "get-next-request", "response",
	"set-request",	   "trap",	       "getbulk-request",
	"inform-request", "snmpV2-trap",      "report",
};

struct snmp_version_name {
	unsigned version;
	const char *name;
};

static const struct snmp_version_name snmp_versions[] = {
	{ SNMP_V1, "SNMPv1" },
	{ SNMP_V2C, "SNMPv2c" },
	{ SNMP_V3, "SNMPv3" },
};

#define COUNT(a) (sizeof(a) / sizeof *(a))

/*
 * Reads a BER tag and definite length and splits the contents off as `in`.
 * False when the tag is not `tag`, the length is indefinite or too long, or
 * the contents run past the parent.
 */
static bool ber_element(struct cursor *c, uint8_t tag, struct cursor *in)
{
	uint8_t t = cur_u8(c);
	uint8_t first = cur_u8(c);
	size_t len = first;

	if (c->bad || t != tag)
		return false;
	if (first & BER_LONG_LENGTH) {
		size_t bytes = first & ~BER_LONG_LENGTH;

		if (bytes == 0 || bytes > SNMP_LENGTH_BYTES_MAX)
			return false;
		len = 0;
		for (size_t i = 0; i < bytes; i++)
			len = len << 8 | cur_u8(c);
	}
	*in = cur_sub(c, len);
	return !c->bad;
}

/* A small non-negative INTEGER. */
static bool ber_uint(struct cursor *c, uint32_t *value)
{
	struct cursor in;
	size_t n;

	if (!ber_element(c, BER_INTEGER, &in))
		return false;
	n = cur_left(&in);
	if (n == 0 || n > SNMP_INTEGER_MAX_LEN || (cur_peek(&in, 0) & 0x80) ||
	    (n == SNMP_INTEGER_MAX_LEN && cur_peek(&in, 0) != 0))
		return false;
	*value = 0;
	while (cur_left(&in) > 0)
		*value = *value << 8 | cur_u8(&in);
	return true;
}

/* Any INTEGER (request-id may be negative). */
static bool ber_int(struct cursor *c)
{
	struct cursor in;
	size_t n;

	if (!ber_element(c, BER_INTEGER, &in))
		return false;
	n = cur_left(&in);
	return n > 0 && n <= SNMP_INTEGER_MAX_LEN;
}

/* PDU: request-id, error-status, error-index, variable-bindings. */
static bool snmp_pdu_body(struct cursor in, uint8_t tag)
{
	struct cursor part;
	uint32_t status, index;

	if (tag == SNMP_PDU_TRAP_V1) /* enterprise OID, agent-addr ... */
		return ber_element(&in, BER_OID, &part);
	if (!ber_int(&in) || !ber_uint(&in, &status) ||
	    !ber_uint(&in, &index) || !ber_element(&in, BER_SEQUENCE, &part))
		return false;
	/* GetBulk reuses the two as non-repeaters and max-repetitions. */
	if (tag != SNMP_PDU_GETBULK && status > SNMP_ERROR_STATUS_MAX)
		return false;
	return cur_left(&in) == 0;
}

/* A PDU filling the rest of `c` exactly; returns its name or NULL. */
static const char *snmp_pdu(struct cursor *c)
{
	uint8_t tag = cur_peek(c, 0);
	struct cursor in;

	if (tag < SNMP_PDU_FIRST || tag > SNMP_PDU_LAST ||
	    !ber_element(c, tag, &in) || cur_left(c) != 0 ||
	    !snmp_pdu_body(in, tag))
		return NULL;
	return snmp_pdu_names[tag - SNMP_PDU_FIRST];
}

/* v1/v2c: community, PDU. */
static const char *snmp_community_message(struct cursor *c)
{
	struct cursor community;

	if (!ber_element(c, BER_OCTET_STRING, &community))
		return NULL;
	return snmp_pdu(c);
}

/*
 * v3: msgGlobalData { msgID, msgMaxSize, msgFlags, msgSecurityModel },
 * msgSecurityParameters, msgData.
 */
static const char *snmp_v3_message(struct cursor *c)
{
	struct cursor global, flags, params, scoped, part;
	uint32_t id, max_size, model;

	if (!ber_element(c, BER_SEQUENCE, &global) || !ber_uint(&global, &id) ||
	    !ber_uint(&global, &max_size) ||
	    !ber_element(&global, BER_OCTET_STRING, &flags) ||
	    cur_left(&flags) != SNMP_FLAGS_LEN || !ber_uint(&global, &model) ||
	    cur_left(&global) != 0 ||
	    !ber_element(c, BER_OCTET_STRING, &params))
		return NULL;
	if (cur_peek(c, 0) == BER_OCTET_STRING)
		return ber_element(c, BER_OCTET_STRING, &part) &&
				       cur_left(c) == 0
			       ? "encrypted"
			       : NULL;
	/* ScopedPDU: contextEngineID, contextName, PDU. */
	if (!ber_element(c, BER_SEQUENCE, &scoped) || cur_left(c) != 0 ||
	    !ber_element(&scoped, BER_OCTET_STRING, &part) ||
	    !ber_element(&scoped, BER_OCTET_STRING, &part))
		return NULL;
	return snmp_pdu(&scoped);
}

static const char *snmp_version_name(uint32_t version)
{
	for (size_t i = 0; i < COUNT(snmp_versions); i++)
		if (snmp_versions[i].version == version)
			return snmp_versions[i].name;
	return NULL;
}

static enum proto_verdict snmp_search(void *state, const struct proto_pkt *pkt,
				      struct proto_report *rep,
				      const struct proto_sink *sink)
{
	struct cursor c = cur_make(pkt->data, pkt->len), msg;
	const char *version_name, *what;
	uint32_t version;

	if (pkt->transport != PROTO_UDP ||
	    !ber_element(&c, BER_SEQUENCE, &msg) || cur_left(&c) != 0 ||
	    !ber_uint(&msg, &version))
		return PROTO_NO;
	version_name = snmp_version_name(version);
	if (!version_name)
		return PROTO_NO;
	what = version == SNMP_V3 ? snmp_v3_message(&msg)
				  : snmp_community_message(&msg);
	if (!what)
		return PROTO_NO;
	snprintf(rep->detail, sizeof rep->detail, "%s %s", version_name, what);
	return PROTO_YES;
}

const struct recogniser proto_snmp = {
	.name = "snmp",
	.app = APP_SNMP,
	.transports = PROTO_UDP,
	.budget = SNMP_BUDGET,
	.state_size = 0,
	.search = snmp_search,
};
