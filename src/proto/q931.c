/* \summary: H.225.0 call signalling recogniser: Q.931 messages carrying
 * H323-UserInformation, in TPKT over TCP */
/* specification: RFC 1006 (TPKT); ITU-T Q.931 (05/1998) clause 4;
 * ITU-T H.225.0 (12/2009) clause 7 and its H323-MESSAGES ASN.1 module;
 * ITU-T Q.850 (cause values); ITU-T X.691 aligned PER */
#include <stdio.h>
#include <string.h>

#include "vcflow/callevent.h"
#include "vcflow/per.h"
#include "vcflow/proto.h"
#include "vcflow/stream.h"

/*
 * Each TPKT holds one Q.931 message: protocol discriminator 0x08, a call
 * reference, a message type, then information elements.  H.225.0 puts its
 * own message, an ASN.1 PER H323-UserInformation, in the User-user element;
 * every one of those but `empty` starts with the protocol identifier
 * 0.0.8.2250.0.v, which makes one message certain.  Without it, a second
 * well formed message for the same call reference is needed (its flag bit
 * tells the sides apart).  The recogniser reads on after its answer to
 * follow the call: the H.245 address of Setup, Connect and the like is
 * announced, and the release cause is kept.  Each message is told to the
 * calls as a call event.
 */

#define Q931_BUDGET 6

#define Q931_PROTOCOL_DISCRIMINATOR 0x08
#define Q931_MIN_LEN 3		/* discriminator, call reference length, type */
#define CRV_LENGTH_MASK 0x0f
#define CRV_MAX_LEN 2		/* H.225.0 uses two octets */
#define CRV_FLAG 0x80		/* set by the side that did not originate */
#define OCTET_BITS 8
#define MESSAGE_TYPE_SPARE 0x80	/* bit 8 of the type is zero */
#define IE_SINGLE_OCTET 0x80	/* bit 8 set: a one-octet element */
#define IE_SHIFT_MASK 0xf0
#define IE_SHIFT 0x90		/* 1001 x nnn: codeset shift */
#define SHIFT_NON_LOCKING 0x08
#define SHIFT_CODESET_MASK 0x07
#define CODESET_Q931 0
#define IE_CAUSE 0x08
#define IE_CALLING_NUMBER 0x6c
#define IE_CALLED_NUMBER 0x70
#define NUMBER_MAX 32		/* digits of a party number kept */
#define IE_USER_USER 0x7e	/* length in two octets (H.225.0 7.2.2.9) */
#define UU_X208_PD 0x05		/* user information coded in ASN.1 */
#define IE_EXTENSION_BIT 0x80	/* last octet of an octet group */
#define CAUSE_VALUE_MASK 0x7f
#define NO_CAUSE (-1)

#define HISTORY_MAX 16		/* message types kept for the detail */
#define ANNOUNCED_MAX 4		/* H.245 addresses remembered */
#define CALLS_MAX 8		/* calls of the flow whose ids are remembered */

struct tok {
	unsigned value;
	const char *name;
};

static const char *tok_name(const struct tok *t, unsigned value)
{
	for (; t->name != NULL; t++)
		if (t->value == value)
			return t->name;
	return NULL;
}

enum {
	Q931_ALERTING = 0x01,
	Q931_SETUP = 0x05,
	Q931_CONNECT = 0x07,
	Q931_DISCONNECT = 0x45,
	Q931_RELEASE = 0x4d,
	Q931_RELEASE_COMPLETE = 0x5a,
};

/* Q.931 table 4-2 (with the Q.932 Facility, Notify). */
static const struct tok q931_types[] = {
	{ 0x01, "Alerting" },
	{ 0x02, "Call Proceeding" },
	{ 0x03, "Progress" },
	{ 0x05, "Setup" },
	{ 0x07, "Connect" },
	{ 0x0d, "Setup Ack" },
	{ 0x0f, "Connect Ack" },
	{ 0x20, "User Information" },
	{ 0x21, "Suspend Reject" },
	{ 0x22, "Resume Reject" },
	{ 0x25, "Suspend" },
	{ 0x26, "Resume" },
	{ 0x2d, "Suspend Ack" },
	{ 0x2e, "Resume Ack" },
	{ 0x45, "Disconnect" },
	{ 0x46, "Restart" },
	{ 0x4d, "Release" },
	{ 0x4e, "Restart Ack" },
	{ 0x5a, "Release Complete" },
	{ 0x60, "Segment" },
	{ 0x62, "Facility" },
	{ 0x6e, "Notify" },
	{ 0x75, "Status Enquiry" },
	{ 0x79, "Congestion Control" },
	{ 0x7b, "Information" },
	{ 0x7d, "Status" },
	{ 0, NULL },
};

/* Q.850 cause values. */
static const struct tok q850_causes[] = {
	{ 1, "unallocated number" },
	{ 2, "no route to specified transit network" },
	{ 3, "no route to destination" },
	{ 6, "channel unacceptable" },
	{ 16, "normal call clearing" },
	{ 17, "user busy" },
	{ 18, "no user responding" },
	{ 19, "no answer from user" },
	{ 20, "subscriber absent" },
	{ 21, "call rejected" },
	{ 22, "number changed" },
	{ 26, "non-selected user clearing" },
	{ 27, "destination out of order" },
	{ 28, "invalid number format" },
	{ 29, "facility rejected" },
	{ 30, "response to status enquiry" },
	{ 31, "normal, unspecified" },
	{ 34, "no circuit/channel available" },
	{ 38, "network out of order" },
	{ 41, "temporary failure" },
	{ 42, "switching equipment congestion" },
	{ 43, "access information discarded" },
	{ 44, "requested circuit/channel not available" },
	{ 47, "resource unavailable, unspecified" },
	{ 49, "quality of service not available" },
	{ 50, "requested facility not subscribed" },
	{ 55, "incoming calls barred within CUG" },
	{ 57, "bearer capability not authorized" },
	{ 58, "bearer capability not presently available" },
	{ 63, "service or option not available" },
	{ 65, "bearer capability not implemented" },
	{ 66, "channel type not implemented" },
	{ 69, "requested facility not implemented" },
	{ 70, "only restricted digital information available" },
	{ 79, "service or option not implemented" },
	{ 81, "invalid call reference value" },
	{ 82, "identified channel does not exist" },
	{ 88, "incompatible destination" },
	{ 91, "invalid transit network selection" },
	{ 95, "invalid message, unspecified" },
	{ 96, "mandatory information element is missing" },
	{ 97, "message type non-existent or not implemented" },
	{ 98, "message not compatible with call state" },
	{ 99, "information element non-existent or not implemented" },
	{ 100, "invalid information element contents" },
	{ 101, "message not compatible with call state" },
	{ 102, "recovery on timer expiry" },
	{ 111, "protocol error, unspecified" },
	{ 127, "interworking, unspecified" },
	{ 0, NULL },
};

/* H323-UU-PDU h323-message-body: seven root alternatives, then those added
 * in extensions. */
enum uu_body {
	UU_SETUP, UU_CALL_PROCEEDING, UU_CONNECT, UU_ALERTING,
	UU_INFORMATION, UU_RELEASE_COMPLETE, UU_FACILITY,
	UU_BODY_ROOT,
	UU_PROGRESS = UU_BODY_ROOT, UU_EMPTY, UU_STATUS, UU_STATUS_INQUIRY,
	UU_SETUP_ACK, UU_NOTIFY,
	UU_BODY_COUNT
};

/* ReleaseCompleteReason: twelve root alternatives, then extensions. */
#define RC_REASON_ROOT 12
static const char *const release_reasons[] = {
	"noBandwidth", "gatekeeperResources", "unreachableDestination",
	"destinationRejection", "invalidRevision", "noPermission",
	"unreachableGatekeeper", "gatewayResources", "badFormatAddress",
	"adaptiveBusy", "inConf", "undefinedReason",
	"facilityCallDeflection", "securityDenied",
	"calledPartyNotRegistered", "callerNotRegistered",
	"newConnectionNeeded", "nonStandardReason",
	"replaceWithConferenceInvite", "genericDataReason",
	"neededFeatureNotSupported", "tunnelledSignallingRejected",
	"invalidCID", "securityError", "hopCountExceeded",
};
#define RELEASE_REASON_COUNT \
	(sizeof release_reasons / sizeof release_reasons[0])
#define NO_REASON (-1)

/* What the User-user element's H323-UserInformation holds. */
struct uu_info {
	bool oid_ok;
	bool source_vendor; /* vendor is Setup's sourceInfo */
	struct h225_vendor vendor;
	struct h225_address h245;
	const uint8_t *call_guid, *conference_guid;
	int reason; /* ReleaseCompleteReason, NO_REASON */
};

/* One Q.931 message. */
struct q931_msg {
	uint8_t type;
	size_t crv_len;
	uint16_t crv;
	int cause;
	bool has_uu;
	struct uu_info uu;
	char calling[NUMBER_MAX], called[NUMBER_MAX];
};

/* ---- H323-UserInformation ----------------------------------------- */

#define CONFERENCE_GOAL_ROOT 3 /* create, join, invite */
#define CALL_TYPE_ROOT 4
#define FACILITY_REASON_ROOT 4
#define CRV_VALUE_MAX 65535u

static void skip_crv_list(struct per *r)
{
	size_t n = per_count(r);

	for (size_t i = 0; i < n && per_ok(r); i++)
		per_int(r, 0, CRV_VALUE_MAX);
}

static void skip_null_choice(struct per *r, unsigned nroot)
{
	bool ext;

	per_choice(r, nroot, true, &ext);
	if (ext)
		per_skip_open(r);
}

/* The CallIdentifier among a UUIE's extension additions. */
static void call_id_addition(struct per *r, unsigned index,
			     struct uu_info *uu)
{
	struct per_additions a;
	struct per sub;
	const uint8_t *guid;

	per_additions_begin(r, &a);
	sub = per_addition(r, &a, index);
	guid = h225_call_identifier(&sub);
	if (guid)
		uu->call_guid = guid;
}

/* Reads addition `index` as a TransportAddress into uu->h245. */
static void h245_addition(struct per *r, struct per_additions *a,
			  unsigned index, struct uu_info *uu)
{
	struct per sub = per_addition(r, a, index);

	if (per_ok(&sub))
		h225_transport_address(&sub, &uu->h245);
}

enum {
	SETUP_H245, SETUP_SOURCE_ADDRESS, SETUP_DEST_ADDRESS, SETUP_DEST_CSA,
	SETUP_DEST_EXTRA, SETUP_DEST_CRV, SETUP_CALL_SERVICES,
	SETUP_OPTIONALS
};
#define SETUP_CALL_IDENTIFIER 2 /* after sourceCallSignalAddress,
				   remoteExtensionAddress */
static void setup_uuie(struct per *r, uint32_t opt, bool ext,
		       struct uu_info *uu)
{
	if (PER_HAS(opt, SETUP_H245))
		h225_transport_address(r, &uu->h245);
	if (PER_HAS(opt, SETUP_SOURCE_ADDRESS))
		h225_skip_alias_addresses(r);
	h225_endpoint_type(r, &uu->vendor); /* sourceInfo */
	uu->source_vendor = true;
	if (PER_HAS(opt, SETUP_DEST_ADDRESS))
		h225_skip_alias_addresses(r);
	if (PER_HAS(opt, SETUP_DEST_CSA))
		h225_transport_address(r, NULL);
	if (PER_HAS(opt, SETUP_DEST_EXTRA))
		h225_skip_alias_addresses(r);
	if (PER_HAS(opt, SETUP_DEST_CRV))
		skip_crv_list(r);
	per_bit(r); /* activeMC */
	uu->conference_guid = per_octets(r, H225_GUID_LEN);
	skip_null_choice(r, CONFERENCE_GOAL_ROOT);
	if (PER_HAS(opt, SETUP_CALL_SERVICES))
		h225_skip_qseries_options(r);
	skip_null_choice(r, CALL_TYPE_ROOT);
	if (ext)
		call_id_addition(r, SETUP_CALL_IDENTIFIER, uu);
}

/* Call Proceeding, Alerting: destinationInfo, then h245Address. */
enum { REPLY_H245, REPLY_OPTIONALS };
#define REPLY_CALL_IDENTIFIER 0
static void reply_uuie(struct per *r, uint32_t opt, bool ext,
		       struct uu_info *uu)
{
	h225_endpoint_type(r, &uu->vendor); /* destinationInfo */
	if (PER_HAS(opt, REPLY_H245))
		h225_transport_address(r, &uu->h245);
	if (ext)
		call_id_addition(r, REPLY_CALL_IDENTIFIER, uu);
}

static void connect_uuie(struct per *r, uint32_t opt, bool ext,
			 struct uu_info *uu)
{
	if (PER_HAS(opt, REPLY_H245))
		h225_transport_address(r, &uu->h245);
	h225_endpoint_type(r, &uu->vendor); /* destinationInfo */
	uu->conference_guid = per_octets(r, H225_GUID_LEN);
	if (ext)
		call_id_addition(r, REPLY_CALL_IDENTIFIER, uu);
}

static void information_uuie(struct per *r, uint32_t opt, bool ext,
			     struct uu_info *uu)
{
	(void)opt;
	if (ext)
		call_id_addition(r, REPLY_CALL_IDENTIFIER, uu);
}

enum { RC_REASON, RC_OPTIONALS };
static void release_complete_uuie(struct per *r, uint32_t opt, bool ext,
				  struct uu_info *uu)
{
	if (PER_HAS(opt, RC_REASON)) {
		bool reason_ext;
		unsigned reason = per_choice(r, RC_REASON_ROOT, true,
					     &reason_ext);

		if (reason_ext)
			per_skip_open(r);
		if (per_ok(r) && reason < RELEASE_REASON_COUNT)
			uu->reason = (int)reason;
	}
	if (ext)
		call_id_addition(r, REPLY_CALL_IDENTIFIER, uu);
}

enum { FAC_ALT_ADDRESS, FAC_ALT_ALIAS, FAC_CONFERENCE, FAC_OPTIONALS };
#define FAC_CALL_IDENTIFIER 0
#define FAC_H245_ADDRESS 6 /* after destExtraCallInfo ... conferences */
static void facility_uuie(struct per *r, uint32_t opt, bool ext,
			  struct uu_info *uu)
{
	struct per_additions a;
	struct per sub;
	const uint8_t *guid;

	if (PER_HAS(opt, FAC_ALT_ADDRESS))
		h225_transport_address(r, NULL);
	if (PER_HAS(opt, FAC_ALT_ALIAS))
		h225_skip_alias_addresses(r);
	if (PER_HAS(opt, FAC_CONFERENCE))
		uu->conference_guid = per_octets(r, H225_GUID_LEN);
	skip_null_choice(r, FACILITY_REASON_ROOT);
	if (!ext)
		return;
	per_additions_begin(r, &a);
	sub = per_addition(r, &a, FAC_CALL_IDENTIFIER);
	guid = h225_call_identifier(&sub);
	if (guid)
		uu->call_guid = guid;
	h245_addition(r, &a, FAC_H245_ADDRESS, uu);
}

enum { PROG_H245, PROG_SECURITY, PROG_TOKENS, PROG_CRYPTO, PROG_FAST_START,
       PROG_OPTIONALS };
static void progress_uuie(struct per *r, uint32_t opt, bool ext,
			  struct uu_info *uu)
{
	const uint8_t *guid;

	(void)ext;
	h225_endpoint_type(r, &uu->vendor); /* destinationInfo */
	if (PER_HAS(opt, PROG_H245))
		h225_transport_address(r, &uu->h245);
	guid = h225_call_identifier(r);
	if (guid)
		uu->call_guid = guid;
}

/* Status, StatusInquiry, SetupAcknowledge, Notify: callIdentifier next. */
enum { CID_TOKENS, CID_CRYPTO, CID_OPTIONALS };
static void call_id_uuie(struct per *r, uint32_t opt, bool ext,
			 struct uu_info *uu)
{
	const uint8_t *guid = h225_call_identifier(r);

	(void)opt;
	(void)ext;
	if (guid)
		uu->call_guid = guid;
}

typedef void (*uuie_fn)(struct per *r, uint32_t opt, bool ext,
			struct uu_info *uu);

struct uuie_kind {
	unsigned optionals; /* OPTIONAL root components */
	uuie_fn body;	    /* the root after protocolIdentifier */
};

static const struct uuie_kind uuie_kinds[UU_BODY_COUNT] = {
	[UU_SETUP] = { SETUP_OPTIONALS, setup_uuie },
	[UU_CALL_PROCEEDING] = { REPLY_OPTIONALS, reply_uuie },
	[UU_CONNECT] = { REPLY_OPTIONALS, connect_uuie },
	[UU_ALERTING] = { REPLY_OPTIONALS, reply_uuie },
	[UU_INFORMATION] = { 0, information_uuie },
	[UU_RELEASE_COMPLETE] = { RC_OPTIONALS, release_complete_uuie },
	[UU_FACILITY] = { FAC_OPTIONALS, facility_uuie },
	[UU_PROGRESS] = { PROG_OPTIONALS, progress_uuie },
	[UU_EMPTY] = { 0, NULL },
	[UU_STATUS] = { CID_OPTIONALS, call_id_uuie },
	[UU_STATUS_INQUIRY] = { CID_OPTIONALS, call_id_uuie },
	[UU_SETUP_ACK] = { CID_OPTIONALS, call_id_uuie },
	[UU_NOTIFY] = { CID_OPTIONALS, call_id_uuie },
};

/* One UUIE SEQUENCE: preamble, protocolIdentifier, the rest. */
static void uuie_decode(struct per *r, unsigned body, struct uu_info *uu)
{
	const struct uuie_kind *k = &uuie_kinds[body];
	bool ext;
	uint32_t opt;
	unsigned version;

	if (k->body == NULL)
		return;
	opt = per_preamble(r, true, k->optionals, &ext);
	uu->oid_ok = h225_protocol_id(r, &version);
	if (!uu->oid_ok)
		return;
	k->body(r, opt, ext, uu);
	if (!uu->vendor.found)
		uu->source_vendor = false;
}

enum { UI_USER_DATA, UI_OPTIONALS };
enum { PDU_NONSTANDARD, PDU_OPTIONALS };

/* H323-UserInformation up to and including its message body. */
static void uu_decode(const uint8_t *data, size_t len, struct uu_info *uu)
{
	struct per r = per_make(data, len);
	struct per sub;
	bool ui_ext, pdu_ext, body_ext;
	unsigned body;

	memset(uu, 0, sizeof *uu);
	uu->reason = NO_REASON;
	per_preamble(&r, true, UI_OPTIONALS, &ui_ext);
	per_preamble(&r, true, PDU_OPTIONALS, &pdu_ext);
	body = per_choice(&r, UU_BODY_ROOT, true, &body_ext);
	if (!per_ok(&r) || body >= UU_BODY_COUNT)
		return;
	if (!body_ext) {
		uuie_decode(&r, body, uu);
		return;
	}
	sub = per_open(&r);
	uuie_decode(&sub, body, uu);
}

/* ---- Q.931 ---------------------------------------------------------- */

static void parse_cause(struct cursor body, struct q931_msg *m)
{
	uint8_t octet3 = cur_u8(&body);
	uint8_t value;

	if ((octet3 & IE_EXTENSION_BIT) == 0)
		cur_skip(&body, 1); /* octet 3a: recommendation */
	value = cur_u8(&body);
	if (!body.bad)
		m->cause = value & CAUSE_VALUE_MASK;
}

/* Calling (Q.931 4.5.10) and called (4.5.8) party number: type and plan,
 * for the calling number an optional presentation octet, then IA5 digits. */
static void parse_number(struct cursor body, bool calling, char *dst,
			 size_t len)
{
	uint8_t octet3 = cur_u8(&body);
	size_t n;

	if (calling && (octet3 & IE_EXTENSION_BIT) == 0)
		cur_skip(&body, 1); /* octet 3a: presentation, screening */
	n = cur_left(&body);
	if (body.bad || n == 0)
		return;
	proto_copy_text(dst, len, cur_take(&body, n), n);
}

static void parse_user_user(struct cursor body, struct q931_msg *m)
{
	size_t len;

	if (cur_u8(&body) != UU_X208_PD || body.bad)
		return;
	len = cur_left(&body);
	m->has_uu = true;
	uu_decode(cur_take(&body, len), len, &m->uu);
}

/* Information elements up to the end of the message; false when their
 * lengths do not add up. */
static bool parse_elements(struct cursor *c, struct q931_msg *m)
{
	unsigned codeset = CODESET_Q931, locked = CODESET_Q931;

	while (cur_left(c) > 0) {
		uint8_t ie = cur_u8(c);
		size_t len;
		struct cursor body;

		if (ie & IE_SINGLE_OCTET) {
			codeset = locked;
			if ((ie & IE_SHIFT_MASK) == IE_SHIFT) {
				codeset = ie & SHIFT_CODESET_MASK;
				if ((ie & SHIFT_NON_LOCKING) == 0)
					locked = codeset;
			}
			continue;
		}
		len = ie == IE_USER_USER ? cur_be16(c) : cur_u8(c);
		body = cur_sub(c, len);
		if (c->bad)
			return false;
		if (codeset == CODESET_Q931 && ie == IE_CAUSE)
			parse_cause(body, m);
		else if (codeset == CODESET_Q931 && ie == IE_CALLING_NUMBER)
			parse_number(body, true, m->calling, sizeof m->calling);
		else if (codeset == CODESET_Q931 && ie == IE_CALLED_NUMBER)
			parse_number(body, false, m->called, sizeof m->called);
		else if (codeset == CODESET_Q931 && ie == IE_USER_USER &&
			 !m->has_uu)
			parse_user_user(body, m);
		codeset = locked;
	}
	return !c->bad;
}

static bool q931_parse(const uint8_t *data, size_t len, struct q931_msg *m)
{
	struct cursor c = cur_make(data, len);
	uint8_t crl;

	memset(m, 0, sizeof *m);
	m->cause = NO_CAUSE;
	m->uu.reason = NO_REASON;
	if (cur_u8(&c) != Q931_PROTOCOL_DISCRIMINATOR)
		return false;
	crl = cur_u8(&c);
	if ((crl & ~CRV_LENGTH_MASK) != 0 || crl > CRV_MAX_LEN)
		return false;
	m->crv_len = crl;
	for (unsigned i = 0; i < crl; i++)
		m->crv = (uint16_t)(m->crv << OCTET_BITS | cur_u8(&c));
	m->type = cur_u8(&c);
	if (c.bad || (m->type & MESSAGE_TYPE_SPARE) ||
	    tok_name(q931_types, m->type) == NULL)
		return false;
	return parse_elements(&c, m);
}

/* ---- per-flow state ------------------------------------------------- */

enum call_id_rank { CID_NONE, CID_CRV, CID_CONFERENCE, CID_CALL };

/* The id a call reference of the flow goes by. */
struct crv_call {
	bool used;
	uint16_t crv; /* without the side flag */
	enum call_id_rank rank;
	char id[PROTO_CALLID_MAX];
};

struct q931_state {
	struct stream dir[2]; /* [0] from the initiator */
	bool lost[2];	      /* framing lost in that direction */
	bool yes;
	bool certain;
	bool paired;	    /* two messages of one call */
	bool have_first;    /* the first message's call reference: */
	bool first_from_initiator;
	size_t first_crv_len;
	uint16_t first_crv;
	uint8_t history[HISTORY_MAX];
	unsigned nhistory;
	bool history_cut;
	bool has_cause, has_reason;
	int cause;
	int reason;
	bool product_from_setup;
	char product[PROTO_PRODUCT_MAX];
	enum call_id_rank call_id_rank;
	char call_id[PROTO_CALLID_MAX];
	unsigned nannounced;
	struct h225_address announced[ANNOUNCED_MAX];
	struct crv_call calls[CALLS_MAX];
	unsigned next_call;
};

/* What a payload handler needs. */
struct q931_ctx {
	struct q931_state *st;
	const struct proto_pkt *pkt;
	const struct proto_sink *sink;
};

/* The flag bit of a call reference is set by the side that did not
 * originate the call: one TCP direction, one flag. */
static void note_call_reference(struct q931_state *st,
				 const struct q931_msg *m, bool from_initiator)
{
	uint16_t flag, differ;
	bool flag_differs, other_side;

	if (!st->have_first) {
		st->have_first = true;
		st->first_from_initiator = from_initiator;
		st->first_crv_len = m->crv_len;
		st->first_crv = m->crv;
		return;
	}
	if (m->crv_len != st->first_crv_len || m->crv_len == 0)
		return;
	flag = (uint16_t)(CRV_FLAG << (OCTET_BITS * (m->crv_len - 1)));
	differ = (uint16_t)(m->crv ^ st->first_crv);
	flag_differs = (differ & flag) != 0;
	other_side = from_initiator != st->first_from_initiator;
	if ((differ & ~flag) == 0 && flag_differs == other_side)
		st->paired = true;
}

static void note_history(struct q931_state *st, uint8_t type)
{
	if (st->nhistory > 0 && st->history[st->nhistory - 1] == type)
		return;
	if (st->nhistory < HISTORY_MAX)
		st->history[st->nhistory++] = type;
	else
		st->history_cut = true;
}

static uint16_t crv_value(const struct q931_msg *m)
{
	unsigned flag = (unsigned)CRV_FLAG << (OCTET_BITS * (m->crv_len - 1));

	return (uint16_t)(m->crv & ~flag);
}

static bool crv_from_originator(const struct q931_msg *m)
{
	unsigned flag = (unsigned)CRV_FLAG << (OCTET_BITS * (m->crv_len - 1));

	return (m->crv & flag) == 0;
}

/*
 * The best id one message gives its call: the H.225.0 CallIdentifier, else
 * the conferenceID, else the call reference (without the side flag) at the
 * TCP connection's initiator, "002a@192.0.2.1:49200" ("002a@[2001:db8::1]:
 * 49200"), which a second connection does not reuse.
 */
static enum call_id_rank message_call_id(const struct q931_msg *m,
					 const struct proto_pkt *pkt,
					 char *dst, size_t len)
{
	char a[ADDR_STRLEN];

	if (m->has_uu && h225_guid_set(m->uu.call_guid)) {
		h225_guid_text(m->uu.call_guid, dst, len);
		return CID_CALL;
	}
	if (m->has_uu && h225_guid_set(m->uu.conference_guid)) {
		h225_guid_text(m->uu.conference_guid, dst, len);
		return CID_CONFERENCE;
	}
	if (m->crv_len == 0)
		return CID_NONE;
	const struct addr *at = pkt->from_initiator ? &pkt->src : &pkt->dst;

	addr_str(at, a, sizeof a);
	snprintf(dst, len, addr_is_v4(at) ? "%0*x@%s:%u" : "%0*x@[%s]:%u",
		 (int)(2 * m->crv_len), crv_value(m), a,
		 pkt->from_initiator ? pkt->sport : pkt->dport);
	return CID_CRV;
}

/* The flow's call id, for its label: the best any message gave. */
static void note_call_id(struct q931_state *st, const struct q931_msg *m,
			 const struct proto_pkt *pkt)
{
	char id[PROTO_CALLID_MAX];
	enum call_id_rank rank = message_call_id(m, pkt, id, sizeof id);

	if (rank > st->call_id_rank) {
		memcpy(st->call_id, id, sizeof st->call_id);
		st->call_id_rank = rank;
	}
}

/*
 * The id of the call a message belongs to: the one its call reference
 * went by so far, so that a Release Complete without a CallIdentifier
 * stays with its Setup; a better id the call's first messages lacked
 * replaces it.  Returns the id, or NULL when the message has none.
 */
static const char *call_of(struct q931_state *st, const struct q931_msg *m,
			   const struct proto_pkt *pkt)
{
	char id[PROTO_CALLID_MAX];
	enum call_id_rank rank = message_call_id(m, pkt, id, sizeof id);
	struct crv_call *c = NULL;

	if (rank == CID_NONE)
		return NULL;
	for (unsigned i = 0; m->crv_len > 0 && i < CALLS_MAX && !c; i++)
		if (st->calls[i].used && st->calls[i].crv == crv_value(m))
			c = &st->calls[i];
	if (!c) {
		c = &st->calls[st->next_call];
		st->next_call = (st->next_call + 1) % CALLS_MAX;
		memset(c, 0, sizeof *c);
		c->used = true;
		c->crv = m->crv_len > 0 ? crv_value(m) : 0;
	}
	if (rank > c->rank) {
		memcpy(c->id, id, sizeof c->id);
		c->rank = rank;
	}
	return c->id;
}

static void note_product(struct q931_state *st, const struct uu_info *uu)
{
	if (!uu->vendor.found)
		return;
	if (st->product[0] != '\0' &&
	    (st->product_from_setup || !uu->source_vendor))
		return;
	h225_vendor_text(&uu->vendor, st->product, sizeof st->product);
	st->product_from_setup = uu->source_vendor;
}

static bool usable_address(const struct h225_address *a)
{
	static const struct addr any = { { 0 } };
	struct addr v4any;
	static const uint8_t zero4[4] = { 0 };

	addr_from_v4(&v4any, zero4);
	return a->valid && a->port != 0 && addr_cmp(&a->addr, &any) != 0 &&
	       addr_cmp(&a->addr, &v4any) != 0;
}

static void announce_h245(struct q931_ctx *x, const struct uu_info *uu,
			  const char *call_id)
{
	struct q931_state *st = x->st;
	struct proto_announce a;

	if (!usable_address(&uu->h245) || x->sink == NULL ||
	    x->sink->announce == NULL)
		return;
	for (unsigned i = 0; i < st->nannounced; i++)
		if (st->announced[i].port == uu->h245.port &&
		    addr_cmp(&st->announced[i].addr, &uu->h245.addr) == 0)
			return;
	if (st->nannounced < ANNOUNCED_MAX)
		st->announced[st->nannounced++] = uu->h245;
	memset(&a, 0, sizeof a);
	a.addr = uu->h245.addr;
	a.port = uu->h245.port;
	a.transport = PROTO_TCP;
	a.app = APP_H245;
	a.what = "H.245";
	a.call_id = call_id;
	x->sink->announce(x->sink->ctx, x->pkt, &a);
}

static enum call_event_kind event_kind(uint8_t type)
{
	switch (type) {
	case Q931_SETUP:
		return CALL_EV_ATTEMPT;
	case Q931_ALERTING:
		return CALL_EV_RINGING;
	case Q931_CONNECT:
		return CALL_EV_ANSWER;
	case Q931_DISCONNECT:
	case Q931_RELEASE:
	case Q931_RELEASE_COMPLETE:
		return CALL_EV_END;
	default:
		return CALL_EV_INFO;
	}
}

/* Tells the calls what the message did to its call. */
static void report_event(struct q931_ctx *x, const struct q931_msg *m,
			 const char *call_id)
{
	struct call_event e;
	char product[PROTO_PRODUCT_MAX] = "";

	if (call_id == NULL || x->sink == NULL || x->sink->call_event == NULL)
		return;
	memset(&e, 0, sizeof e);
	e.protocol = "h323";
	e.call_id = call_id;
	e.kind = event_kind(m->type);
	e.message = tok_name(q931_types, m->type);
	e.code = m->cause != NO_CAUSE ? m->cause : CALL_EV_NO_CODE;
	if (m->cause != NO_CAUSE)
		e.reason = tok_name(q850_causes, (unsigned)m->cause);
	else if (m->has_uu && m->uu.oid_ok && m->uu.reason != NO_REASON)
		e.reason = release_reasons[m->uu.reason];
	e.caller = m->calling[0] ? m->calling : NULL;
	e.callee = m->called[0] ? m->called : NULL;
	if (m->has_uu && m->uu.oid_ok && m->uu.vendor.found) {
		h225_vendor_text(&m->uu.vendor, product, sizeof product);
		e.product = product[0] ? product : NULL;
	}
	if (m->crv_len > 0) {
		e.side = crv_from_originator(m) ? CALL_EV_SIDE_CALLER
						: CALL_EV_SIDE_CALLEE;
		e.side_addr = x->pkt->src;
	}
	x->sink->call_event(x->sink->ctx, x->pkt, &e);
}

/* Handles one TPKT payload; false when it is not a Q.931 message. */
static bool q931_message(void *ctx, const uint8_t *payload, size_t len)
{
	struct q931_ctx *x = ctx;
	struct q931_state *st = x->st;
	struct q931_msg m;
	const char *call_id;

	if (!q931_parse(payload, len, &m))
		return false;
	note_call_reference(st, &m, x->pkt->from_initiator);
	note_history(st, m.type);
	if (m.cause != NO_CAUSE) {
		st->cause = m.cause;
		st->has_cause = true;
	}
	if (m.has_uu && m.uu.oid_ok) {
		st->certain = true;
		if (m.uu.reason != NO_REASON) {
			st->reason = m.uu.reason;
			st->has_reason = true;
		}
		note_product(st, &m.uu);
	}
	note_call_id(st, &m, x->pkt);
	call_id = call_of(st, &m, x->pkt);
	if (m.has_uu && m.uu.oid_ok)
		announce_h245(x, &m.uu, call_id);
	if (st->certain || st->paired)
		report_event(x, &m, call_id);
	return true;
}

/* "Setup, Alerting, Connect, Release Complete; cause 16 normal call
 * clearing": the messages as they came, then why the call ended. */
static void q931_report(const struct q931_state *st, struct proto_report *rep)
{
	char end[PROTO_DETAIL_MAX] = "";
	const char *names[HISTORY_MAX];
	size_t n;

	if (st->has_cause) {
		const char *text = tok_name(q850_causes, (unsigned)st->cause);

		snprintf(end, sizeof end, "; cause %d%s%s", st->cause,
			 text ? " " : "", text ? text : "");
	} else if (st->has_reason) {
		snprintf(end, sizeof end, "; reason %s",
			 release_reasons[st->reason]);
	}
	for (unsigned i = 0; i < st->nhistory; i++)
		names[i] = tok_name(q931_types, st->history[i]);
	h323_join_names(rep->detail, sizeof rep->detail - strlen(end), names,
			st->nhistory, st->history_cut);
	n = strlen(rep->detail);
	snprintf(rep->detail + n, sizeof rep->detail - n, "%s", end);
	snprintf(rep->product, sizeof rep->product, "%s", st->product);
	snprintf(rep->call_id, sizeof rep->call_id, "%s", st->call_id);
}

static enum proto_verdict q931_search(void *state, const struct proto_pkt *pkt,
				      struct proto_report *rep,
				      const struct proto_sink *sink)
{
	struct q931_state *st = state;
	struct q931_ctx x = { st, pkt, sink };
	unsigned d = pkt->from_initiator ? 0 : 1;
	bool framed;

	if (pkt->transport != PROTO_TCP)
		return PROTO_NO;
	if (pkt->gap) {
		/* bytes were lost: the message in hand cannot be finished */
		stream_consume(&st->dir[d], st->dir[d].len);
		if (st->yes)
			st->lost[d] = true;
	}
	if (st->lost[d] && tpkt_starts(pkt->data, pkt->len))
		st->lost[d] = false; /* a segment that starts a message */
	framed = st->lost[d] || tpkt_feed(&st->dir[d], pkt->data, pkt->len,
					  Q931_MIN_LEN, q931_message, &x);
	if (st->certain || st->paired)
		st->yes = true; /* by messages before anything that failed */
	if (!framed) {
		if (!st->yes)
			return PROTO_NO;
		st->lost[d] = true;
		stream_consume(&st->dir[d], st->dir[d].len);
	}
	if (!st->yes)
		return PROTO_MORE;
	q931_report(st, rep);
	return PROTO_YES;
}

/* The TCP buffers are allocated as bytes come; the state's end frees them. */
static void q931_release(void *state)
{
	struct q931_state *st = state;

	stream_free(&st->dir[0]);
	stream_free(&st->dir[1]);
}

const struct recogniser proto_q931 = {
	.name = "q931",
	.app = APP_Q931,
	.transports = PROTO_TCP,
	.budget = Q931_BUDGET,
	.state_size = sizeof(struct q931_state),
	.release = q931_release,
	.follow_budget = PROTO_FOLLOW_ALWAYS,
	.search = q931_search,
};
