/* \summary: DNS over UDP, and over TCP behind its 2-byte length prefix */
/*
 * specification: RFC 1035 sections 4.1 (message format), 4.1.4 (name
 * compression) and 4.2.2 (TCP); RFC 6895 (opcodes, rcodes, classes, the Z
 * bit); RFC 1996 (NOTIFY); RFC 2136 (UPDATE); RFC 6762 section 18.12 (the
 * mDNS unicast-response bit in the question class).
 *
 * The 12-byte header must be sane (a known opcode, Z clear, 1-4 questions,
 * few records) and every question must parse exactly: labels of at most 63
 * bytes, names of at most 255, compression pointers only backwards, a known
 * type and class.
 */
#include <stdio.h>
#include <string.h>

#include "vcflow/extract.h"
#include "vcflow/proto.h"

enum {
	DNS_BUDGET = 2,
	DNS_HEADER_LEN = 12,
	DNS_TCP_PREFIX_LEN = 2,
	DNS_TCP_KEEP = 512,	 /* enough for the header and a question */
	DNS_QDCOUNT_MAX = 4,
	DNS_QUERY_RR_MAX = 64,	 /* answers/authority in a query (mDNS) */
	DNS_QUERY_AR_MAX = 8,	 /* OPT, TSIG ... */
	DNS_RESPONSE_RR_MAX = 512,
	DNS_RCODE_MAX = 11,	 /* DSOTYPENI, RFC 8490 */
	DNS_NAME_MAX = 255,
	DNS_POINTER_HOPS_MAX = 16,
	DNS_QTYPE_MAX = 260,	 /* AMTRELAY; meta types 249-255 included */
	DNS_QTYPE_TA = 32768,
	DNS_QTYPE_DLV = 32769,
};

/* Header flags, RFC 1035 4.1.1. */
#define DNS_FLAG_QR 0x8000u
#define DNS_OPCODE_SHIFT 11
#define DNS_OPCODE_MASK 0xFu
#define DNS_FLAG_Z 0x0040u
#define DNS_RCODE_MASK 0x000Fu

/* Label length byte, RFC 1035 4.1.4 and RFC 6891 5. */
#define DNS_LABEL_POINTER 0xC0u
#define DNS_LABEL_KIND_MASK 0xC0u
#define DNS_POINTER_HIGH_MASK 0x3Fu

#define DNS_CLASS_MASK 0x7FFFu /* without the mDNS unicast-response bit */

enum {
	DNS_OPCODE_QUERY = 0,
	DNS_OPCODE_STATUS = 2,
	DNS_OPCODE_NOTIFY = 4,
	DNS_OPCODE_UPDATE = 5,
};

struct dns_name_entry {
	unsigned value;
	const char *name;
};

static const struct dns_name_entry dns_opcodes[] = {
	{ DNS_OPCODE_QUERY, "query" },
	{ DNS_OPCODE_STATUS, "status" },
	{ DNS_OPCODE_NOTIFY, "notify" },
	{ DNS_OPCODE_UPDATE, "update" },
};

static const struct dns_name_entry dns_types[] = {
	{ 1, "A" },	     { 2, "NS" },	 { 5, "CNAME" },
	{ 6, "SOA" },	     { 12, "PTR" },	 { 15, "MX" },
	{ 16, "TXT" },	     { 28, "AAAA" },	 { 33, "SRV" },
	{ 35, "NAPTR" },     { 43, "DS" },	 { 46, "RRSIG" },
	{ 48, "DNSKEY" },    { 64, "SVCB" },	 { 65, "HTTPS" },
	{ 251, "IXFR" },     { 252, "AXFR" },	 { 255, "ANY" },
	{ 257, "CAA" },
};

static const unsigned dns_classes[] = {
	1,   /* IN */
	3,   /* CH */
	4,   /* HS */
	254, /* NONE, RFC 2136 */
	255, /* ANY */
};

#define COUNT(a) (sizeof(a) / sizeof *(a))

struct dns_state {
	bool started;
	bool from_initiator;
	size_t len;
	uint8_t buf[DNS_TCP_KEEP]; /* TCP: the first bytes of the first speaker */
};

struct dns_header {
	uint16_t flags;
	uint16_t qdcount, ancount, nscount, arcount;
};

/* The first question, for the report. */
struct dns_question {
	char name[PROTO_DETAIL_MAX];
	uint16_t qtype;
};

static const char *dns_lookup(const struct dns_name_entry *t, size_t n,
			      unsigned value)
{
	for (size_t i = 0; i < n; i++)
		if (t[i].value == value)
			return t[i].name;
	return NULL;
}

static bool dns_header_ok(const struct dns_header *h)
{
	unsigned opcode = h->flags >> DNS_OPCODE_SHIFT & DNS_OPCODE_MASK;
	unsigned rcode = h->flags & DNS_RCODE_MASK;
	bool response = h->flags & DNS_FLAG_QR;
	unsigned rr_max = response ? DNS_RESPONSE_RR_MAX : DNS_QUERY_RR_MAX;
	unsigned ar_max = response ? DNS_RESPONSE_RR_MAX : DNS_QUERY_AR_MAX;

	if (!dns_lookup(dns_opcodes, COUNT(dns_opcodes), opcode) ||
	    (h->flags & DNS_FLAG_Z) || h->qdcount == 0 ||
	    h->qdcount > DNS_QDCOUNT_MAX)
		return false;
	if (response ? rcode > DNS_RCODE_MAX : rcode != 0)
		return false;
	return h->ancount <= rr_max && h->nscount <= rr_max &&
	       h->arcount <= ar_max;
}

static void dns_append_label(char *out, size_t outlen, const uint8_t *label,
			     size_t len)
{
	size_t used = strlen(out);

	if (used > 0 && used + 1 < outlen)
		out[used++] = '.';
	if (used < outlen)
		proto_copy_text(out + used, outlen - used, label, len);
}

/*
 * Reads the name at *pos of the message `msg` into `out` and moves *pos past
 * it.  A pointer must lead backwards: before the pointer, and before every
 * earlier pointer's target, so a name cannot loop; never into the header.
 */
static bool dns_read_name(const struct cursor *msg, size_t *pos, char *out,
			  size_t outlen)
{
	size_t p = *pos, limit = *pos, total = 0;
	unsigned hops = 0;
	bool jumped = false;

	out[0] = '\0';
	for (;;) {
		struct cursor c = cur_at(msg, p);
		uint8_t len = cur_u8(&c);

		if (c.bad)
			return false;
		if ((len & DNS_LABEL_KIND_MASK) == DNS_LABEL_POINTER) {
			size_t target = (size_t)(len & DNS_POINTER_HIGH_MASK)
						<< 8 |
					cur_u8(&c);

			if (c.bad || target >= limit || target < DNS_HEADER_LEN ||
			    ++hops > DNS_POINTER_HOPS_MAX)
				return false;
			if (!jumped)
				*pos = p + 2;
			jumped = true;
			limit = target;
			p = target;
			continue;
		}
		if (len & DNS_LABEL_KIND_MASK)
			return false; /* extended or reserved label type */
		if (len == 0)
			break;
		const uint8_t *label = cur_take(&c, len);
		total += (size_t)len + 1;
		if (!label || total > DNS_NAME_MAX)
			return false;
		dns_append_label(out, outlen, label, len);
		p += (size_t)len + 1;
	}
	if (!jumped)
		*pos = p + 1;
	if (out[0] == '\0')
		snprintf(out, outlen, ".");
	return true;
}

static bool dns_qtype_ok(uint16_t qtype)
{
	return (qtype >= 1 && qtype <= DNS_QTYPE_MAX) ||
	       qtype == DNS_QTYPE_TA || qtype == DNS_QTYPE_DLV;
}

static bool dns_qclass_ok(uint16_t qclass)
{
	for (size_t i = 0; i < COUNT(dns_classes); i++)
		if (dns_classes[i] == (qclass & DNS_CLASS_MASK))
			return true;
	return false;
}

/* Reads the 12-byte header; false when it is short or not sane. */
static bool dns_read_header(struct cursor c, struct dns_header *h)
{
	cur_skip(&c, 2); /* id */
	h->flags = cur_be16(&c);
	h->qdcount = cur_be16(&c);
	h->ancount = cur_be16(&c);
	h->nscount = cur_be16(&c);
	h->arcount = cur_be16(&c);
	return !c.bad && dns_header_ok(h);
}

/* Parses the header and every question of one message. */
static bool dns_message(struct cursor msg, struct dns_header *h,
			struct dns_question *first)
{
	size_t pos = DNS_HEADER_LEN;

	if (!dns_read_header(msg, h))
		return false;
	for (unsigned i = 0; i < h->qdcount; i++) {
		char name[PROTO_DETAIL_MAX];
		struct cursor q;
		uint16_t qtype, qclass;

		if (!dns_read_name(&msg, &pos, name, sizeof name))
			return false;
		q = cur_at(&msg, pos);
		qtype = cur_be16(&q);
		qclass = cur_be16(&q);
		if (q.bad || !dns_qtype_ok(qtype) || !dns_qclass_ok(qclass))
			return false;
		pos += 4;
		if (i == 0) {
			memcpy(first->name, name, sizeof first->name);
			first->qtype = qtype;
		}
	}
	return true;
}

static void dns_report(const struct dns_header *h,
		       const struct dns_question *q, struct proto_report *rep)
{
	unsigned opcode = h->flags >> DNS_OPCODE_SHIFT & DNS_OPCODE_MASK;
	const char *type = dns_lookup(dns_types, COUNT(dns_types), q->qtype);
	const char *verb = opcode == DNS_OPCODE_QUERY
				   ? (h->flags & DNS_FLAG_QR ? "response"
							     : "query")
				   : dns_lookup(dns_opcodes,
						COUNT(dns_opcodes), opcode);
	char tbuf[16];

	if (!type) {
		snprintf(tbuf, sizeof tbuf, "TYPE%u", q->qtype);
		type = tbuf;
	}
	snprintf(rep->detail, sizeof rep->detail, "%.8s %.15s %.70s", verb, type,
		 q->name);
}

static enum proto_verdict dns_udp(const struct proto_pkt *pkt,
				  struct proto_report *rep)
{
	struct dns_header h;
	struct dns_question q;

	if (!dns_message(cur_make(pkt->data, pkt->len), &h, &q))
		return PROTO_NO;
	dns_report(&h, &q, rep);
	return PROTO_YES;
}

/* TCP: length prefix, then the message, perhaps over several segments. */
static enum proto_verdict dns_tcp(struct dns_state *st,
				  const struct proto_pkt *pkt,
				  struct proto_report *rep)
{
	size_t room = sizeof st->buf - st->len;
	size_t n = pkt->len < room ? pkt->len : room;
	struct cursor c, msg;
	struct dns_header h;
	struct dns_question q;
	size_t declared, have;

	if (pkt->from_initiator != st->from_initiator)
		return PROTO_NO; /* no answer comes before the question */
	if (pkt->gap)
		return PROTO_NO;
	if (n > 0)
		memcpy(st->buf + st->len, pkt->data, n);
	st->len += n;
	c = cur_make(st->buf, st->len);
	declared = cur_be16(&c);
	if (c.bad)
		return PROTO_MORE;
	if (declared < DNS_HEADER_LEN)
		return PROTO_NO;
	have = cur_left(&c) < declared ? cur_left(&c) : declared;
	msg = cur_sub(&c, have);
	if (dns_message(msg, &h, &q)) {
		dns_report(&h, &q, rep);
		return PROTO_YES;
	}
	if (have >= DNS_HEADER_LEN && !dns_read_header(msg, &h))
		return PROTO_NO;
	/* Perhaps only cut short: wait while more of it can still come. */
	return have < declared && st->len < sizeof st->buf ? PROTO_MORE
							    : PROTO_NO;
}

static enum proto_verdict dns_search(void *state, const struct proto_pkt *pkt,
				     struct proto_report *rep,
				     const struct proto_sink *sink)
{
	struct dns_state *st = state;

	if (pkt->transport == PROTO_UDP)
		return dns_udp(pkt, rep);
	if (pkt->len == 0)
		return PROTO_MORE;
	if (!st->started) {
		st->started = true;
		st->from_initiator = pkt->from_initiator;
	}
	return dns_tcp(st, pkt, rep);
}

const struct recogniser proto_dns = {
	.name = "dns",
	.app = APP_DNS,
	.transports = PROTO_TCP | PROTO_UDP,
	.budget = DNS_BUDGET,
	.state_size = sizeof(struct dns_state),
	.search = dns_search,
};
