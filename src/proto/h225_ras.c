/* \summary: H.225.0 RAS (gatekeeper registration, admission and status)
 * recogniser */
/* specification: ITU-T H.225.0 (12/2009) clause 7 and its H323-MESSAGES
 * ASN.1 module (RasMessage), ITU-T X.691 aligned PER */
#include <stdio.h>
#include <string.h>

#include "vcflow/per.h"
#include "vcflow/proto.h"

/*
 * A RAS message is one UDP datagram holding a RasMessage: an extensible
 * CHOICE whose first six bits (extension bit, five-bit index) name the
 * message, followed by that message's SEQUENCE.  Nearly every message
 * begins with requestSeqNum, and the gatekeeper discovery and registration
 * messages carry the protocol identifier 0.0.8.2250.0.v right after it:
 * seven fixed octets that make one datagram certain.  The others must
 * decode completely, to the last octet, and be answered from the other
 * side with the same sequence number before the flow is called RAS.
 */

enum ras_type {
	RAS_GRQ, RAS_GCF, RAS_GRJ, RAS_RRQ, RAS_RCF, RAS_RRJ, RAS_URQ,
	RAS_UCF, RAS_URJ, RAS_ARQ, RAS_ACF, RAS_ARJ, RAS_BRQ, RAS_BCF,
	RAS_BRJ, RAS_DRQ, RAS_DCF, RAS_DRJ, RAS_LRQ, RAS_LCF, RAS_LRJ,
	RAS_IRQ, RAS_IRR, RAS_NSM, RAS_XRS,
	RAS_ROOT_COUNT, /* alternatives before the extension marker */
	RAS_RIP = RAS_ROOT_COUNT, RAS_RAI, RAS_RAC, RAS_IACK, RAS_INAK,
	RAS_SCI, RAS_SCR, RAS_ACF_SEQUENCE,
	RAS_TYPE_COUNT
};

enum ras_role {
	ROLE_NONE = 0,
	ROLE_REQUEST = 1u << 0,
	ROLE_RESPONSE = 1u << 1,
};

#define RAS_BUDGET 4	     /* datagrams looked at before giving up */
#define SEQNUM_MIN 1u
#define SEQNUM_MAX 65535u
#define CRV_MAX 65535u
#define BANDWIDTH_MAX 4294967295u
#define IRR_FREQUENCY_MIN 1u
#define IRR_FREQUENCY_MAX 65535u
#define DELAY_MIN 1u
#define DELAY_MAX 65535u

/* CHOICE sizes of the root components read below */
#define CALL_TYPE_ROOT 4  /* pointToPoint, oneToN, nToOne, nToN */
#define CALL_MODEL_ROOT 2 /* direct, gatekeeperRouted */
#define DISENGAGE_REASON_ROOT 3
#define INFO_NAK_REASON_ROOT 3
#define RRJ_DUPLICATE_ALIAS 4 /* RegistrationRejectReason duplicateAlias */

/* What one datagram turned out to hold. */
struct ras_msg {
	unsigned type;
	uint16_t seq;
	bool has_oid;	/* the message kind carries protocolIdentifier */
	bool oid_ok;	/* ... and it is 0.0.8.2250.0.v */
	bool complete;	/* decoded to the last octet */
	bool partial;	/* stopped on purpose at a part not decoded */
	struct h225_vendor vendor;
	bool vendor_preferred; /* RRQ endpointVendor */
	const uint8_t *call_guid;
};

/* Decodes the root components after requestSeqNum (and protocolIdentifier)
 * of one message kind; `opt` holds its OPTIONAL presence bits. */
typedef void (*ras_body_fn)(struct per *r, uint32_t opt, struct ras_msg *m);

struct ras_kind {
	const char *name;
	unsigned optionals; /* OPTIONAL root components */
	bool protocol_id;   /* protocolIdentifier follows requestSeqNum */
	unsigned role;
	ras_body_fn body;
};

/* ---- helpers for the components many messages share ---------------- */

static void skip_if(struct per *r, uint32_t opt, unsigned i,
		    void (*skip)(struct per *))
{
	if (PER_HAS(opt, i))
		skip(r);
}

/* A CHOICE of NULLs (reject reasons ...); extension alternatives are open
 * types of their own. */
static void skip_null_choice(struct per *r, unsigned nroot)
{
	bool ext;

	per_choice(r, nroot, true, &ext);
	if (ext)
		per_skip_open(r);
}

static void skip_bandwidth(struct per *r)
{
	per_int(r, 0, BANDWIDTH_MAX);
}

static void skip_crv(struct per *r)
{
	per_int(r, 0, CRV_MAX);
}

static const uint8_t *conference_id(struct per *r)
{
	return per_octets(r, H225_GUID_LEN);
}

/* Marks the rest of the message as not decoded, and stops. */
static void stop_here(struct per *r, struct ras_msg *m)
{
	m->partial = true;
	per_fail(r);
}

/* Messages that end with an optional nonStandardData, and nothing else. */
static void body_nonstandard_only(struct per *r, uint32_t opt,
				  struct ras_msg *m)
{
	(void)m;
	skip_if(r, opt, 0, h225_skip_nonstandard);
}

/* ---- the messages ---------------------------------------------------- */

enum { GRQ_NSD, GRQ_GKID, GRQ_CALL_SERVICES, GRQ_ALIAS, GRQ_OPTIONALS };
static void body_grq(struct per *r, uint32_t opt, struct ras_msg *m)
{
	skip_if(r, opt, GRQ_NSD, h225_skip_nonstandard);
	h225_transport_address(r, NULL); /* rasAddress */
	h225_endpoint_type(r, &m->vendor);
	skip_if(r, opt, GRQ_GKID, h225_skip_identifier);
	skip_if(r, opt, GRQ_CALL_SERVICES, h225_skip_qseries_options);
	skip_if(r, opt, GRQ_ALIAS, h225_skip_alias_addresses);
}

enum { GCF_NSD, GCF_GKID, GCF_OPTIONALS };
static void body_gcf(struct per *r, uint32_t opt, struct ras_msg *m)
{
	(void)m;
	skip_if(r, opt, GCF_NSD, h225_skip_nonstandard);
	skip_if(r, opt, GCF_GKID, h225_skip_identifier);
	h225_transport_address(r, NULL); /* rasAddress */
}

enum { GRJ_NSD, GRJ_GKID, GRJ_OPTIONALS };
#define GRJ_REASON_ROOT 4
static void body_grj(struct per *r, uint32_t opt, struct ras_msg *m)
{
	(void)m;
	skip_if(r, opt, GRJ_NSD, h225_skip_nonstandard);
	skip_if(r, opt, GRJ_GKID, h225_skip_identifier);
	skip_null_choice(r, GRJ_REASON_ROOT);
}

enum { RRQ_NSD, RRQ_ALIAS, RRQ_GKID, RRQ_OPTIONALS };
static void body_rrq(struct per *r, uint32_t opt, struct ras_msg *m)
{
	struct h225_vendor terminal, endpoint;

	skip_if(r, opt, RRQ_NSD, h225_skip_nonstandard);
	per_bit(r); /* discoveryComplete */
	h225_skip_transport_addresses(r); /* callSignalAddress */
	h225_skip_transport_addresses(r); /* rasAddress */
	h225_endpoint_type(r, &terminal);
	skip_if(r, opt, RRQ_ALIAS, h225_skip_alias_addresses);
	skip_if(r, opt, RRQ_GKID, h225_skip_identifier);
	h225_vendor_identifier(r, &endpoint);
	if (endpoint.found && per_ok(r)) {
		m->vendor = endpoint;
		m->vendor_preferred = true;
	} else if (terminal.found) {
		m->vendor = terminal;
	}
}

enum { RCF_NSD, RCF_ALIAS, RCF_GKID, RCF_OPTIONALS };
static void body_rcf(struct per *r, uint32_t opt, struct ras_msg *m)
{
	(void)m;
	skip_if(r, opt, RCF_NSD, h225_skip_nonstandard);
	h225_skip_transport_addresses(r); /* callSignalAddress */
	skip_if(r, opt, RCF_ALIAS, h225_skip_alias_addresses);
	skip_if(r, opt, RCF_GKID, h225_skip_identifier);
	h225_skip_identifier(r); /* endpointIdentifier */
}

enum { RRJ_NSD, RRJ_GKID, RRJ_OPTIONALS };
#define RRJ_REASON_ROOT 8
static void body_rrj(struct per *r, uint32_t opt, struct ras_msg *m)
{
	bool ext;
	unsigned reason;

	(void)m;
	skip_if(r, opt, RRJ_NSD, h225_skip_nonstandard);
	reason = per_choice(r, RRJ_REASON_ROOT, true, &ext);
	if (ext)
		per_skip_open(r);
	else if (reason == RRJ_DUPLICATE_ALIAS)
		h225_skip_alias_addresses(r);
	skip_if(r, opt, RRJ_GKID, h225_skip_identifier);
}

enum { URQ_ALIAS, URQ_NSD, URQ_EPID, URQ_OPTIONALS };
static void body_urq(struct per *r, uint32_t opt, struct ras_msg *m)
{
	(void)m;
	h225_skip_transport_addresses(r); /* callSignalAddress */
	skip_if(r, opt, URQ_ALIAS, h225_skip_alias_addresses);
	skip_if(r, opt, URQ_NSD, h225_skip_nonstandard);
	skip_if(r, opt, URQ_EPID, h225_skip_identifier);
}

#define URJ_REASON_ROOT 3
static void body_urj(struct per *r, uint32_t opt, struct ras_msg *m)
{
	skip_null_choice(r, URJ_REASON_ROOT);
	body_nonstandard_only(r, opt, m);
}

enum {
	ARQ_CALL_MODEL, ARQ_DEST_INFO, ARQ_DEST_CSA, ARQ_DEST_EXTRA,
	ARQ_SRC_CSA, ARQ_NSD, ARQ_CALL_SERVICES, ARQ_OPTIONALS
};
static void skip_transport_address(struct per *r)
{
	h225_transport_address(r, NULL);
}

static void body_arq(struct per *r, uint32_t opt, struct ras_msg *m)
{
	skip_null_choice(r, CALL_TYPE_ROOT);
	if (PER_HAS(opt, ARQ_CALL_MODEL))
		skip_null_choice(r, CALL_MODEL_ROOT);
	h225_skip_identifier(r); /* endpointIdentifier */
	skip_if(r, opt, ARQ_DEST_INFO, h225_skip_alias_addresses);
	skip_if(r, opt, ARQ_DEST_CSA, skip_transport_address);
	skip_if(r, opt, ARQ_DEST_EXTRA, h225_skip_alias_addresses);
	h225_skip_alias_addresses(r); /* srcInfo */
	skip_if(r, opt, ARQ_SRC_CSA, skip_transport_address);
	skip_bandwidth(r);
	skip_crv(r);
	skip_if(r, opt, ARQ_NSD, h225_skip_nonstandard);
	skip_if(r, opt, ARQ_CALL_SERVICES, h225_skip_qseries_options);
	m->call_guid = conference_id(r);
	per_bit(r); /* activeMC */
	per_bit(r); /* answerCall */
}

enum { ACF_IRR_FREQUENCY, ACF_NSD, ACF_OPTIONALS };
static void body_acf(struct per *r, uint32_t opt, struct ras_msg *m)
{
	(void)m;
	skip_bandwidth(r);
	skip_null_choice(r, CALL_MODEL_ROOT);
	h225_transport_address(r, NULL); /* destCallSignalAddress */
	if (PER_HAS(opt, ACF_IRR_FREQUENCY))
		per_int(r, IRR_FREQUENCY_MIN, IRR_FREQUENCY_MAX);
	skip_if(r, opt, ACF_NSD, h225_skip_nonstandard);
}

#define ARJ_REASON_ROOT 8
static void body_arj(struct per *r, uint32_t opt, struct ras_msg *m)
{
	skip_null_choice(r, ARJ_REASON_ROOT);
	body_nonstandard_only(r, opt, m);
}

enum { BRQ_CALL_TYPE, BRQ_NSD, BRQ_OPTIONALS };
static void body_brq(struct per *r, uint32_t opt, struct ras_msg *m)
{
	h225_skip_identifier(r); /* endpointIdentifier */
	m->call_guid = conference_id(r);
	skip_crv(r);
	if (PER_HAS(opt, BRQ_CALL_TYPE))
		skip_null_choice(r, CALL_TYPE_ROOT);
	skip_bandwidth(r);
	skip_if(r, opt, BRQ_NSD, h225_skip_nonstandard);
}

static void body_bcf(struct per *r, uint32_t opt, struct ras_msg *m)
{
	skip_bandwidth(r);
	body_nonstandard_only(r, opt, m);
}

#define BRJ_REASON_ROOT 6
static void body_brj(struct per *r, uint32_t opt, struct ras_msg *m)
{
	skip_null_choice(r, BRJ_REASON_ROOT);
	skip_bandwidth(r); /* allowedBandWidth */
	body_nonstandard_only(r, opt, m);
}

static void body_drq(struct per *r, uint32_t opt, struct ras_msg *m)
{
	h225_skip_identifier(r); /* endpointIdentifier */
	m->call_guid = conference_id(r);
	skip_crv(r);
	skip_null_choice(r, DISENGAGE_REASON_ROOT);
	body_nonstandard_only(r, opt, m);
}

#define DRJ_REASON_ROOT 2
static void body_drj(struct per *r, uint32_t opt, struct ras_msg *m)
{
	skip_null_choice(r, DRJ_REASON_ROOT);
	body_nonstandard_only(r, opt, m);
}

enum { LRQ_EPID, LRQ_NSD, LRQ_OPTIONALS };
static void body_lrq(struct per *r, uint32_t opt, struct ras_msg *m)
{
	(void)m;
	skip_if(r, opt, LRQ_EPID, h225_skip_identifier);
	h225_skip_alias_addresses(r); /* destinationInfo */
	skip_if(r, opt, LRQ_NSD, h225_skip_nonstandard);
	h225_transport_address(r, NULL); /* replyAddress */
}

static void body_lcf(struct per *r, uint32_t opt, struct ras_msg *m)
{
	h225_transport_address(r, NULL); /* callSignalAddress */
	h225_transport_address(r, NULL); /* rasAddress */
	body_nonstandard_only(r, opt, m);
}

#define LRJ_REASON_ROOT 4
static void body_lrj(struct per *r, uint32_t opt, struct ras_msg *m)
{
	skip_null_choice(r, LRJ_REASON_ROOT);
	body_nonstandard_only(r, opt, m);
}

enum { IRQ_NSD, IRQ_REPLY, IRQ_OPTIONALS };
static void body_irq(struct per *r, uint32_t opt, struct ras_msg *m)
{
	(void)m;
	skip_crv(r);
	skip_if(r, opt, IRQ_NSD, h225_skip_nonstandard);
	skip_if(r, opt, IRQ_REPLY, skip_transport_address);
}

/* InfoRequestResponse; its nonStandardData comes before requestSeqNum and
 * is read by ras_decode(). */
enum { IRR_NSD, IRR_ALIAS, IRR_PER_CALL, IRR_OPTIONALS };
static void body_irr(struct per *r, uint32_t opt, struct ras_msg *m)
{
	h225_endpoint_type(r, &m->vendor);
	h225_skip_identifier(r); /* endpointIdentifier */
	h225_transport_address(r, NULL); /* rasAddress */
	h225_skip_transport_addresses(r); /* callSignalAddress */
	skip_if(r, opt, IRR_ALIAS, h225_skip_alias_addresses);
	if (PER_HAS(opt, IRR_PER_CALL))
		stop_here(r, m); /* per-call RTP session lists */
}

static void body_nsm(struct per *r, uint32_t opt, struct ras_msg *m)
{
	(void)opt;
	(void)m;
	h225_skip_nonstandard(r);
}

static void body_none(struct per *r, uint32_t opt, struct ras_msg *m)
{
	(void)r;
	(void)opt;
	(void)m;
}

/*
 * Extension messages: tokens, cryptoTokens and integrityCheckValue are
 * not decoded, so a message that carries them counts as seen but not
 * verified.
 */
enum { RIP_NSD, RIP_TOKENS, RIP_CRYPTO, RIP_ICV, RIP_OPTIONALS };
static void body_rip(struct per *r, uint32_t opt, struct ras_msg *m)
{
	if (opt & ~(1u << RIP_NSD)) {
		stop_here(r, m);
		return;
	}
	skip_if(r, opt, RIP_NSD, h225_skip_nonstandard);
	per_int(r, DELAY_MIN, DELAY_MAX);
}

/* InfoRequestAck, ResourcesAvailableConfirm: { nonStandardData, tokens,
 * cryptoTokens, integrityCheckValue } all OPTIONAL. */
#define NSD_TOKENS_OPTIONALS 4
static void body_nsd_tokens(struct per *r, uint32_t opt, struct ras_msg *m)
{
	if (opt & ~1u) {
		stop_here(r, m);
		return;
	}
	skip_if(r, opt, 0, h225_skip_nonstandard);
}

enum { INAK_NSD, INAK_ALT_GK, INAK_TOKENS, INAK_CRYPTO, INAK_ICV,
       INAK_OPTIONALS };
static void body_inak(struct per *r, uint32_t opt, struct ras_msg *m)
{
	if (opt & ~(1u << INAK_NSD)) {
		stop_here(r, m);
		return;
	}
	skip_if(r, opt, INAK_NSD, h225_skip_nonstandard);
	skip_null_choice(r, INFO_NAK_REASON_ROOT);
}

/* Not decoded past the protocol identifier or sequence number. */
static void body_unread(struct per *r, uint32_t opt, struct ras_msg *m)
{
	(void)opt;
	stop_here(r, m);
}

#define NSD_ONLY 1 /* nonStandardData is the only OPTIONAL component */
#define NO_OPTIONALS 0
#define REQ ROLE_REQUEST
#define RSP ROLE_RESPONSE
static const struct ras_kind ras_kinds[RAS_TYPE_COUNT] = {
	[RAS_GRQ] = { "GRQ", GRQ_OPTIONALS, true, REQ, body_grq },
	[RAS_GCF] = { "GCF", GCF_OPTIONALS, true, RSP, body_gcf },
	[RAS_GRJ] = { "GRJ", GRJ_OPTIONALS, true, RSP, body_grj },
	[RAS_RRQ] = { "RRQ", RRQ_OPTIONALS, true, REQ, body_rrq },
	[RAS_RCF] = { "RCF", RCF_OPTIONALS, true, RSP, body_rcf },
	[RAS_RRJ] = { "RRJ", RRJ_OPTIONALS, true, RSP, body_rrj },
	[RAS_URQ] = { "URQ", URQ_OPTIONALS, false, REQ, body_urq },
	[RAS_UCF] = { "UCF", NSD_ONLY, false, RSP, body_nonstandard_only },
	[RAS_URJ] = { "URJ", NSD_ONLY, false, RSP, body_urj },
	[RAS_ARQ] = { "ARQ", ARQ_OPTIONALS, false, REQ, body_arq },
	[RAS_ACF] = { "ACF", ACF_OPTIONALS, false, RSP, body_acf },
	[RAS_ARJ] = { "ARJ", NSD_ONLY, false, RSP, body_arj },
	[RAS_BRQ] = { "BRQ", BRQ_OPTIONALS, false, REQ, body_brq },
	[RAS_BCF] = { "BCF", NSD_ONLY, false, RSP, body_bcf },
	[RAS_BRJ] = { "BRJ", NSD_ONLY, false, RSP, body_brj },
	[RAS_DRQ] = { "DRQ", NSD_ONLY, false, REQ, body_drq },
	[RAS_DCF] = { "DCF", NSD_ONLY, false, RSP, body_nonstandard_only },
	[RAS_DRJ] = { "DRJ", NSD_ONLY, false, RSP, body_drj },
	[RAS_LRQ] = { "LRQ", LRQ_OPTIONALS, false, REQ, body_lrq },
	[RAS_LCF] = { "LCF", NSD_ONLY, false, RSP, body_lcf },
	[RAS_LRJ] = { "LRJ", NSD_ONLY, false, RSP, body_lrj },
	[RAS_IRQ] = { "IRQ", IRQ_OPTIONALS, false, REQ, body_irq },
	[RAS_IRR] = { "IRR", IRR_OPTIONALS, false, REQ | RSP, body_irr },
	[RAS_NSM] = { "NonStandardMessage", NO_OPTIONALS, false, ROLE_NONE,
		      body_nsm },
	[RAS_XRS] = { "UnknownMessageResponse", NO_OPTIONALS, false, RSP,
		      body_none },
	[RAS_RIP] = { "RIP", RIP_OPTIONALS, false, RSP, body_rip },
	[RAS_RAI] = { "RAI", NSD_TOKENS_OPTIONALS, true, REQ, body_unread },
	[RAS_RAC] = { "RAC", NSD_TOKENS_OPTIONALS, true, RSP,
		      body_nsd_tokens },
	[RAS_IACK] = { "IACK", NSD_TOKENS_OPTIONALS, false, RSP,
		       body_nsd_tokens },
	[RAS_INAK] = { "INAK", INAK_OPTIONALS, false, RSP, body_inak },
	[RAS_SCI] = { "SCI", NO_OPTIONALS, false, REQ, body_unread },
	[RAS_SCR] = { "SCR", NO_OPTIONALS, false, RSP, body_unread },
	[RAS_ACF_SEQUENCE] = { "ACFSequence", ACF_OPTIONALS, false, RSP,
			       body_acf },
};
#undef NSD_ONLY
#undef NO_OPTIONALS
#undef REQ
#undef RSP

/* Finds the CallIdentifier among the extension additions of ARQ (second
 * addition, after canMapAlias), BRQ and DRQ (first addition). */
#define ARQ_CALL_IDENTIFIER 1
#define BRQ_DRQ_CALL_IDENTIFIER 0
static void read_additions(struct per *r, struct ras_msg *m)
{
	struct per_additions a;

	per_additions_begin(r, &a);
	if (m->type == RAS_ARQ || m->type == RAS_BRQ || m->type == RAS_DRQ) {
		unsigned index = m->type == RAS_ARQ ? ARQ_CALL_IDENTIFIER
						    : BRQ_DRQ_CALL_IDENTIFIER;
		struct per sub = per_addition(r, &a, index);
		const uint8_t *guid = h225_call_identifier(&sub);

		if (h225_guid_set(guid))
			m->call_guid = guid;
	}
	per_additions_end(r, &a);
}

/* The message SEQUENCE: preamble, requestSeqNum, protocolIdentifier, the
 * rest of the root, the extension additions. */
static bool ras_decode_sequence(struct per *r, struct ras_msg *m)
{
	const struct ras_kind *k = &ras_kinds[m->type];
	bool ext;
	uint32_t opt = per_preamble(r, true, k->optionals, &ext);

	if (m->type == RAS_IRR && PER_HAS(opt, IRR_NSD))
		h225_skip_nonstandard(r);
	m->seq = (uint16_t)per_int(r, SEQNUM_MIN, SEQNUM_MAX);
	if (!per_ok(r))
		return false;
	m->has_oid = k->protocol_id;
	if (k->protocol_id) {
		unsigned version;

		m->oid_ok = h225_protocol_id(r, &version);
		if (!m->oid_ok)
			return false;
	}
	k->body(r, opt, m);
	if (ext)
		read_additions(r, m);
	m->complete = per_clean_end(r);
	if (!m->complete && per_at_end(r))
		m->partial = true; /* whole, but with padding bits set */
	return true;
}

/* Returns false when the datagram is not a RAS message. */
static bool ras_decode(const uint8_t *data, size_t len, struct ras_msg *m)
{
	struct per r = per_make(data, len);
	struct per body;
	bool ext;
	unsigned type;
	bool ok;

	memset(m, 0, sizeof *m);
	type = per_choice(&r, RAS_ROOT_COUNT, true, &ext);
	if (!per_ok(&r) || type >= RAS_TYPE_COUNT)
		return false;
	m->type = type;
	if (!ext)
		return ras_decode_sequence(&r, m);
	body = per_open(&r);
	if (!per_at_end(&r))
		return false; /* the open type must fill the datagram */
	if (type == RAS_ACF_SEQUENCE && per_count(&body) == 0)
		return false;
	ok = ras_decode_sequence(&body, m);
	if (type == RAS_ACF_SEQUENCE && m->complete) {
		m->complete = false; /* only the first confirm was read */
		m->partial = true;
	}
	return ok;
}

/* ---- per-flow state and the verdict ------------------------------- */

struct ras_seen {
	uint8_t type;
	uint16_t seq;
	bool from_initiator;
	bool complete; /* else decoded up to a part not decoded */
};

struct ras_state {
	bool yes;
	unsigned nseen;
	struct ras_seen seen[RAS_BUDGET];
	unsigned nnames;
	uint8_t names[RAS_TYPE_COUNT]; /* message kinds, in order first seen */
	bool product_preferred;
	char product[PROTO_PRODUCT_MAX];
	char call_id[PROTO_CALLID_MAX];
};

/* A request, then an answer from the other side with the same sequence
 * number; one of them decoded to its last octet (an IRR answering an IRQ
 * often carries per-call lists that are not decoded). */
static bool ras_pairs(const struct ras_seen *req, const struct ras_seen *rsp)
{
	return req->seq == rsp->seq &&
	       req->from_initiator != rsp->from_initiator &&
	       (req->complete || rsp->complete) &&
	       (ras_kinds[req->type].role & ROLE_REQUEST) &&
	       (ras_kinds[rsp->type].role & ROLE_RESPONSE);
}

static bool ras_remember(struct ras_state *st, const struct ras_msg *m,
			 bool from_initiator)
{
	struct ras_seen s = { (uint8_t)m->type, m->seq, from_initiator,
			      m->complete };
	bool paired = false;

	for (unsigned i = 0; i < st->nseen; i++)
		paired = paired || ras_pairs(&st->seen[i], &s);
	if (st->nseen < RAS_BUDGET)
		st->seen[st->nseen++] = s;
	return paired;
}

/* Notes the kind, and the product and call of a message whose decoding
 * can be trusted. */
static void ras_note(struct ras_state *st, const struct ras_msg *m,
		     bool trusted)
{
	bool known = false;

	for (unsigned i = 0; i < st->nnames; i++)
		known = known || st->names[i] == m->type;
	if (!known && st->nnames < RAS_TYPE_COUNT)
		st->names[st->nnames++] = (uint8_t)m->type;
	if (!trusted)
		return;
	if (m->vendor.found &&
	    (st->product[0] == '\0' ||
	     (m->vendor_preferred && !st->product_preferred))) {
		h225_vendor_text(&m->vendor, st->product, sizeof st->product);
		st->product_preferred = m->vendor_preferred;
	}
	if (h225_guid_set(m->call_guid) && st->call_id[0] == '\0')
		h225_guid_text(m->call_guid, st->call_id, sizeof st->call_id);
}

/* "GRQ, GCF, RRQ": the kinds seen, as many as fit. */
static void ras_report(const struct ras_state *st, struct proto_report *rep)
{
	const char *names[RAS_TYPE_COUNT];

	for (unsigned i = 0; i < st->nnames; i++)
		names[i] = ras_kinds[st->names[i]].name;
	h323_join_names(rep->detail, sizeof rep->detail, names, st->nnames,
			false);
	snprintf(rep->product, sizeof rep->product, "%s", st->product);
	snprintf(rep->call_id, sizeof rep->call_id, "%s", st->call_id);
}

static enum proto_verdict h225_ras_search(void *state,
					  const struct proto_pkt *pkt,
					  struct proto_report *rep,
					  const struct proto_sink *sink)
{
	struct ras_state *st = state;
	struct ras_msg m;
	bool paired;

	(void)sink;
	if (pkt->transport != PROTO_UDP)
		return PROTO_NO;
	if (!ras_decode(pkt->data, pkt->len, &m) ||
	    !(m.oid_ok || m.complete || m.partial))
		/* not RAS, or malformed where it should decode */
		return st->yes ? PROTO_YES : PROTO_NO;
	paired = ras_remember(st, &m, pkt->from_initiator);
	ras_note(st, &m, m.oid_ok || m.complete);
	if (m.oid_ok || paired)
		st->yes = true;
	if (!st->yes)
		return PROTO_MORE;
	ras_report(st, rep);
	return PROTO_YES;
}

const struct recogniser proto_h225_ras = {
	.name = "h225-ras",
	.app = APP_H225_RAS,
	.transports = PROTO_UDP,
	.budget = RAS_BUDGET,
	.state_size = sizeof(struct ras_state),
	.follow_budget = PROTO_FOLLOW_ALWAYS,
	.search = h225_ras_search,
};
