/* \summary: H.245 multimedia system control recogniser, in TPKT over TCP */
/* specification: RFC 1006 (TPKT); ITU-T H.245 (12/2009) and its
 * MULTIMEDIA-SYSTEM-CONTROL ASN.1 module; ITU-T H.225.0 (12/2009) 7.1
 * (H.245 messages in TPKT); ITU-T X.691 aligned PER */
#include <stdio.h>
#include <string.h>

#include "vcflow/per.h"
#include "vcflow/proto.h"
#include "vcflow/stream.h"

/*
 * Each TPKT holds one MultimediaSystemControlMessage: a CHOICE of request,
 * response, command and indication, each a CHOICE of its own.  A first
 * octet of sane choice bits proves little, so messages are decoded: a
 * terminalCapabilitySet with the protocol identifier 0.0.8.245.0.v settles
 * the flow at once; otherwise two messages that decode completely, with
 * zero padding, do, if they are of two kinds or came from both sides.  A
 * message that should decode and does not means the flow is not H.245.
 * The recogniser reads on after its answer: an openLogicalChannelAck tells
 * where the media will be received, and those addresses are announced as
 * RTP and RTCP, named for the openLogicalChannel's data type.
 */

#define H245_BUDGET 6
#define H245_MIN_PAYLOAD 1
#define VERIFIED_TO_SETTLE 2	 /* distinct complete decodes that settle it */
#define NAMES_MAX 32		 /* message kinds kept for the detail */
#define CHANNELS_MAX 16		 /* logical channels remembered */
#define ANNOUNCED_MAX 16

#define LCN_MIN 1u		 /* LogicalChannelNumber ::= INTEGER */
#define LCN_MAX 65535u
#define OCTET_MAX 255u
#define PORT_MAX 65535u
#define STATUS_NUMBER_MAX 16777215u
#define SESSION_ID_MIN 1u
#define SESSION_ID_MAX 255u
#define RTP_DYNAMIC_MIN 96u
#define RTP_DYNAMIC_MAX 127u
#define SUB_CHANNEL_MAX 8191u
#define TABLE_ENTRY_MIN 1u
#define TABLE_ENTRY_MAX 65535u
#define IPV4_LEN 4
#define IPV6_LEN 16
#define IPX_NODE_LEN 6
#define IPX_NETNUM_LEN 4
#define IPX_TSAP_LEN 2
#define NETBIOS_LEN 16
#define NSAP_MIN 1
#define NSAP_MAX 20

/* itu-t(0) recommendation(0) h(8) h245(245) version(0) v: BER contents */
static const uint8_t h245_oid_prefix[] = { 0x00, 0x08, 0x81, 0x75, 0x00 };
#define OID_ARC_MORE 0x80

enum category { CAT_REQUEST, CAT_RESPONSE, CAT_COMMAND, CAT_INDICATION,
		CAT_COUNT };

/* What decoding one message found. */
enum check { CHECK_UNKNOWN, CHECK_VERIFIED, CHECK_BAD };

struct h245_msg {
	unsigned category, kind;
	enum check check;
	bool capability_oid; /* terminalCapabilitySet 0.0.8.245.0.v */
	uint16_t lcn;	     /* openLogicalChannel(Ack) channel */
	int data_type;	     /* openLogicalChannel dataType, or -1 */
	unsigned naddr;
	struct {
		struct addr addr;
		uint16_t port;
		bool control; /* mediaControlChannel: RTCP */
	} media[2];
};

/* Decodes one message SEQUENCE/CHOICE after its two choice indices. */
typedef enum check (*h245_fn)(struct per *r, struct h245_msg *m);

struct h245_kind {
	const char *name;
	h245_fn decode; /* NULL: not decoded, taken as it comes */
};

/* ---- small pieces ----------------------------------------------------- */

/* Whether the message ended where it should: proof when its padding is
 * clean too. */
static enum check at_end(const struct per *r)
{
	if (!per_at_end(r))
		return CHECK_BAD;
	return per_clean_end(r) ? CHECK_VERIFIED : CHECK_UNKNOWN;
}

/* The end of an extensible SEQUENCE: its additions, then nothing. */
static enum check finish(struct per *r, bool ext)
{
	if (ext)
		per_skip_additions(r);
	return at_end(r);
}

static void skip_null_choice(struct per *r, unsigned nroot, bool extensible)
{
	bool ext;

	per_choice(r, nroot, extensible, &ext);
	if (ext)
		per_skip_open(r);
}

/* H.245 NonStandardParameter (its identifier CHOICE is not extensible). */
enum { NSI_OBJECT, NSI_H221, NSI_ROOT_COUNT };
static void skip_nonstandard(struct per *r)
{
	bool ext;
	size_t len;

	if (per_choice(r, NSI_ROOT_COUNT, false, &ext) == NSI_OBJECT) {
		per_oid(r, &len);
	} else {
		per_int(r, 0, OCTET_MAX); /* t35CountryCode */
		per_int(r, 0, OCTET_MAX); /* t35Extension */
		per_int(r, 0, PORT_MAX);  /* manufacturerCode */
	}
	per_octet_string(r, 0, PER_UNBOUNDED, &len);
}

/* Sequences of the form { sequenceNumber INTEGER (0..255), ... }:
 * terminalCapabilitySetAck, roundTripDelayRequest/Response. */
static enum check seq_number_only(struct per *r, struct h245_msg *m)
{
	bool ext;

	(void)m;
	per_preamble(r, true, 0, &ext);
	per_int(r, 0, OCTET_MAX);
	return finish(r, ext);
}

/* { forwardLogicalChannelNumber, ... }: closeLogicalChannelAck,
 * requestChannelClose(Ack, Release), openLogicalChannelConfirm. */
static enum check channel_only(struct per *r, struct h245_msg *m)
{
	bool ext;

	per_preamble(r, true, 0, &ext);
	m->lcn = (uint16_t)per_int(r, LCN_MIN, LCN_MAX);
	return finish(r, ext);
}

/* { forwardLogicalChannelNumber, cause CHOICE {...}, ... } */
static enum check channel_and_cause(struct per *r, unsigned ncauses)
{
	bool ext;

	per_preamble(r, true, 0, &ext);
	per_int(r, LCN_MIN, LCN_MAX);
	skip_null_choice(r, ncauses, true);
	return finish(r, ext);
}

/* ---- requests ---------------------------------------------------------- */

static enum check master_slave(struct per *r, struct h245_msg *m)
{
	bool ext;

	(void)m;
	per_preamble(r, true, 0, &ext);
	per_int(r, 0, OCTET_MAX);	  /* terminalType */
	per_int(r, 0, STATUS_NUMBER_MAX); /* statusDeterminationNumber */
	return finish(r, ext);
}

/* Only its start: sequenceNumber and the protocol identifier. */
#define TCS_OPTIONALS 3
static enum check capability_set(struct per *r, struct h245_msg *m)
{
	bool ext;
	size_t n;
	const uint8_t *oid;

	per_preamble(r, true, TCS_OPTIONALS, &ext);
	per_int(r, 0, OCTET_MAX); /* sequenceNumber */
	oid = per_oid(r, &n);
	if (oid == NULL || n != sizeof h245_oid_prefix + 1 ||
	    memcmp(oid, h245_oid_prefix, sizeof h245_oid_prefix) != 0 ||
	    oid[sizeof h245_oid_prefix] == 0 ||
	    (oid[sizeof h245_oid_prefix] & OID_ARC_MORE))
		return CHECK_BAD;
	m->capability_oid = true;
	return CHECK_UNKNOWN; /* the capability tables are not decoded */
}

/* Only as far as the kind of data the channel will carry. */
enum { OLC_REVERSE, OLC_OPTIONALS };
enum { FLCP_PORT, FLCP_OPTIONALS };
#define DATA_TYPE_ROOT 6
static enum check open_channel(struct per *r, struct h245_msg *m)
{
	bool ext, params_ext, type_ext;
	unsigned type;

	per_preamble(r, true, OLC_OPTIONALS, &ext);
	m->lcn = (uint16_t)per_int(r, LCN_MIN, LCN_MAX);
	if (per_preamble(r, true, FLCP_OPTIONALS, &params_ext))
		per_int(r, 0, PORT_MAX); /* portNumber */
	type = per_choice(r, DATA_TYPE_ROOT, true, &type_ext);
	if (per_ok(r))
		m->data_type = (int)type;
	return per_ok(r) ? CHECK_UNKNOWN : CHECK_BAD;
}

#define CLC_SOURCE_ROOT 2 /* user, lcse: not extensible */
static enum check close_channel(struct per *r, struct h245_msg *m)
{
	bool ext;

	per_preamble(r, true, 0, &ext);
	m->lcn = (uint16_t)per_int(r, LCN_MIN, LCN_MAX);
	skip_null_choice(r, CLC_SOURCE_ROOT, false);
	return finish(r, ext);
}

/* ---- responses --------------------------------------------------------- */

#define MSD_DECISION_ROOT 2 /* master, slave: not extensible */
static enum check master_slave_ack(struct per *r, struct h245_msg *m)
{
	bool ext;

	(void)m;
	per_preamble(r, true, 0, &ext);
	skip_null_choice(r, MSD_DECISION_ROOT, false);
	return finish(r, ext);
}

#define MSD_REJECT_CAUSE_ROOT 1 /* identicalNumbers */
static enum check master_slave_reject(struct per *r, struct h245_msg *m)
{
	bool ext;

	(void)m;
	per_preamble(r, true, 0, &ext);
	skip_null_choice(r, MSD_REJECT_CAUSE_ROOT, true);
	return finish(r, ext);
}

enum { TCSR_UNSPECIFIED, TCSR_UNDEFINED_ENTRY, TCSR_DESCRIPTOR_CAPACITY,
       TCSR_TABLE_CAPACITY, TCSR_CAUSE_ROOT };
enum { TCSR_HIGHEST_PROCESSED, TCSR_NONE_PROCESSED, TCSR_PROCESSED_ROOT };
static enum check capability_set_reject(struct per *r, struct h245_msg *m)
{
	bool ext, cause_ext, processed_ext;
	unsigned cause;

	(void)m;
	per_preamble(r, true, 0, &ext);
	per_int(r, 0, OCTET_MAX); /* sequenceNumber */
	cause = per_choice(r, TCSR_CAUSE_ROOT, true, &cause_ext);
	if (cause_ext)
		per_skip_open(r);
	else if (cause == TCSR_TABLE_CAPACITY &&
		 per_choice(r, TCSR_PROCESSED_ROOT, false, &processed_ext) ==
			 TCSR_HIGHEST_PROCESSED)
		per_int(r, TABLE_ENTRY_MIN, TABLE_ENTRY_MAX);
	return finish(r, ext);
}

#define OLC_REJECT_CAUSE_ROOT 6
static enum check open_channel_reject(struct per *r, struct h245_msg *m)
{
	(void)m;
	return channel_and_cause(r, OLC_REJECT_CAUSE_ROOT);
}

#define RCC_REJECT_CAUSE_ROOT 1
static enum check channel_close_reject(struct per *r, struct h245_msg *m)
{
	(void)m;
	return channel_and_cause(r, RCC_REJECT_CAUSE_ROOT);
}

/* UnicastAddress and MulticastAddress: an IPv4 or IPv6 address is kept. */
enum { UA_IP, UA_IPX, UA_IP6, UA_NETBIOS, UA_SOURCE_ROUTE, UA_ROOT,
       UA_NSAP = UA_ROOT, UA_NONSTANDARD };
enum { MA_IP, MA_IP6, MA_ROOT, MA_NSAP = MA_ROOT, MA_NONSTANDARD };
enum { TA_UNICAST, TA_MULTICAST, TA_ROOT };
#define SOURCE_ROUTE_ROUTING_ROOT 2 /* strict, loose */

/* iPAddress, iP6Address: { network, tsapIdentifier, ... } */
static void ip_address(struct per *r, size_t iplen, struct h245_msg *m,
		       bool control)
{
	bool ext;
	const uint8_t *ip;
	uint32_t port;

	per_preamble(r, true, 0, &ext);
	ip = per_octets(r, iplen);
	port = per_int(r, 0, PORT_MAX);
	if (ext)
		per_skip_additions(r);
	if (!per_ok(r) || ip == NULL || m->naddr >= 2)
		return;
	if (iplen == IPV4_LEN)
		addr_from_v4(&m->media[m->naddr].addr, ip);
	else
		addr_from_v6(&m->media[m->naddr].addr, ip);
	m->media[m->naddr].port = (uint16_t)port;
	m->media[m->naddr].control = control;
	m->naddr++;
}

static void skip_ipx(struct per *r)
{
	bool ext;
	size_t len;

	per_preamble(r, true, 0, &ext);
	per_octets(r, IPX_NODE_LEN);
	per_octets(r, IPX_NETNUM_LEN);
	per_octet_string(r, IPX_TSAP_LEN, IPX_TSAP_LEN, &len);
	if (ext)
		per_skip_additions(r);
}

static void skip_source_route(struct per *r)
{
	bool ext;
	size_t hops;

	per_preamble(r, true, 0, &ext);
	skip_null_choice(r, SOURCE_ROUTE_ROUTING_ROOT, false);
	per_octets(r, IPV4_LEN);
	per_int(r, 0, PORT_MAX);
	hops = per_count(r);
	for (size_t i = 0; i < hops && per_ok(r); i++)
		per_octets(r, IPV4_LEN);
	if (ext)
		per_skip_additions(r);
}

static void other_address(struct per *r, bool ext, unsigned kind,
			  unsigned nsap, unsigned nonstandard)
{
	size_t len;

	if (ext && kind == nsap)
		per_octet_string(r, NSAP_MIN, NSAP_MAX, &len);
	else if (ext && kind == nonstandard)
		skip_nonstandard(r);
	else
		per_fail(r); /* unknown alternatives come as open types */
}

static void unicast_address(struct per *r, struct h245_msg *m, bool control)
{
	bool ext;
	unsigned kind = per_choice(r, UA_ROOT, true, &ext);
	struct per sub;

	if (ext) {
		sub = per_open(r);
		other_address(&sub, ext, kind, UA_NSAP, UA_NONSTANDARD);
		return;
	}
	switch (kind) {
	case UA_IP:
		ip_address(r, IPV4_LEN, m, control);
		break;
	case UA_IPX:
		skip_ipx(r);
		break;
	case UA_IP6:
		ip_address(r, IPV6_LEN, m, control);
		break;
	case UA_NETBIOS:
		per_octets(r, NETBIOS_LEN);
		break;
	default:
		skip_source_route(r);
		break;
	}
}

static void multicast_address(struct per *r, struct h245_msg *m, bool control)
{
	bool ext;
	unsigned kind = per_choice(r, MA_ROOT, true, &ext);
	struct per sub;

	if (ext) {
		sub = per_open(r);
		other_address(&sub, ext, kind, MA_NSAP, MA_NONSTANDARD);
		return;
	}
	ip_address(r, kind == MA_IP ? IPV4_LEN : IPV6_LEN, m, control);
}

static void transport_address(struct per *r, struct h245_msg *m,
			      bool control)
{
	bool ext;
	unsigned kind = per_choice(r, TA_ROOT, true, &ext);

	if (ext)
		per_skip_open(r);
	else if (kind == TA_UNICAST)
		unicast_address(r, m, control);
	else
		multicast_address(r, m, control);
}

enum { ACKP_NONSTANDARD, ACKP_SESSION, ACKP_MEDIA, ACKP_CONTROL,
       ACKP_PAYLOAD_TYPE, ACKP_OPTIONALS };
#define FMAP_ROOT 1 /* h2250LogicalChannelAckParameters */

/* forwardMultiplexAckParameters, an open type of its own */
static void ack_parameters(struct per *r, struct h245_msg *m)
{
	bool choice_ext, ext;
	uint32_t opt;

	per_choice(r, FMAP_ROOT, true, &choice_ext);
	if (choice_ext) {
		per_skip_open(r);
		return;
	}
	opt = per_preamble(r, true, ACKP_OPTIONALS, &ext);
	if (PER_HAS(opt, ACKP_NONSTANDARD)) {
		size_t n = per_count(r);

		for (size_t i = 0; i < n && per_ok(r); i++)
			skip_nonstandard(r);
	}
	if (PER_HAS(opt, ACKP_SESSION))
		per_int(r, SESSION_ID_MIN, SESSION_ID_MAX);
	if (PER_HAS(opt, ACKP_MEDIA))
		transport_address(r, m, false);
	if (PER_HAS(opt, ACKP_CONTROL))
		transport_address(r, m, true);
	if (PER_HAS(opt, ACKP_PAYLOAD_TYPE))
		per_int(r, RTP_DYNAMIC_MIN, RTP_DYNAMIC_MAX);
	if (ext)
		per_skip_additions(r);
	if (!per_at_end(r))
		per_fail(r);
}

enum { H222_PCR_PID, H222_PROGRAM, H222_STREAM, H222_OPTIONALS };
static void skip_h222_parameters(struct per *r)
{
	bool ext;
	size_t len;
	uint32_t opt = per_preamble(r, true, H222_OPTIONALS, &ext);

	per_int(r, 0, PORT_MAX);	/* resourceID */
	per_int(r, 0, SUB_CHANNEL_MAX); /* subChannelID */
	if (PER_HAS(opt, H222_PCR_PID))
		per_int(r, 0, SUB_CHANNEL_MAX);
	if (PER_HAS(opt, H222_PROGRAM))
		per_octet_string(r, 0, PER_UNBOUNDED, &len);
	if (PER_HAS(opt, H222_STREAM))
		per_octet_string(r, 0, PER_UNBOUNDED, &len);
	if (ext)
		per_skip_additions(r);
}

enum { RLCP_PORT, RLCP_MULTIPLEX, RLCP_OPTIONALS };
#define RLCP_MULTIPLEX_ROOT 1 /* h222LogicalChannelParameters */
static void skip_reverse_parameters(struct per *r)
{
	bool ext, mux_ext;
	uint32_t opt = per_preamble(r, true, RLCP_OPTIONALS, &ext);

	per_int(r, LCN_MIN, LCN_MAX); /* reverseLogicalChannelNumber */
	if (PER_HAS(opt, RLCP_PORT))
		per_int(r, 0, PORT_MAX);
	if (PER_HAS(opt, RLCP_MULTIPLEX)) {
		per_choice(r, RLCP_MULTIPLEX_ROOT, true, &mux_ext);
		if (mux_ext)
			per_skip_open(r); /* h2250LogicalChannelParameters */
		else
			skip_h222_parameters(r);
	}
	if (ext)
		per_skip_additions(r);
}

enum { OLCA_REVERSE, OLCA_OPTIONALS };
#define OLCA_FORWARD_ACK_PARAMETERS 1 /* after separateStack */
static enum check open_channel_ack(struct per *r, struct h245_msg *m)
{
	bool ext;
	uint32_t opt = per_preamble(r, true, OLCA_OPTIONALS, &ext);
	struct per_additions a;

	m->lcn = (uint16_t)per_int(r, LCN_MIN, LCN_MAX);
	if (PER_HAS(opt, OLCA_REVERSE))
		skip_reverse_parameters(r);
	if (ext) {
		struct per sub;

		per_additions_begin(r, &a);
		sub = per_addition(r, &a, OLCA_FORWARD_ACK_PARAMETERS);
		if (per_ok(&sub))
			ack_parameters(&sub, m);
		if (!per_ok(&sub))
			m->naddr = 0; /* only addresses from a whole value */
		per_additions_end(r, &a);
	}
	return at_end(r);
}

/* ---- commands and indications ------------------------------------------ */

enum { ESC_NONSTANDARD, ESC_DISCONNECT, ESC_GSTN, ESC_ROOT };
#define GSTN_OPTIONS_ROOT 5
static enum check end_session(struct per *r, struct h245_msg *m)
{
	bool ext;
	unsigned kind = per_choice(r, ESC_ROOT, true, &ext);

	(void)m;
	if (ext)
		per_skip_open(r);
	else if (kind == ESC_NONSTANDARD)
		skip_nonstandard(r);
	else if (kind == ESC_GSTN)
		skip_null_choice(r, GSTN_OPTIONS_ROOT, true);
	return at_end(r);
}

enum { UII_NONSTANDARD, UII_ALPHANUMERIC, UII_ROOT };
static enum check user_input(struct per *r, struct h245_msg *m)
{
	bool ext;
	size_t len;
	unsigned kind = per_choice(r, UII_ROOT, true, &ext);

	(void)m;
	if (ext)
		per_skip_open(r);
	else if (kind == UII_NONSTANDARD)
		skip_nonstandard(r);
	else /* GeneralString: length and octets */
		per_octet_string(r, 0, PER_UNBOUNDED, &len);
	return at_end(r);
}

/* ---- the message tables ------------------------------------------------- */

static const struct h245_kind requests[] = {
	{ "nonStandardRequest", NULL },
	{ "MSD", master_slave },
	{ "TCS", capability_set },
	{ "OLC", open_channel },
	{ "CLC", close_channel },
	{ "requestChannelClose", channel_only },
	{ "multiplexEntrySend", NULL },
	{ "requestMultiplexEntry", NULL },
	{ "requestMode", NULL },
	{ "roundTripDelayRequest", seq_number_only },
	{ "maintenanceLoopRequest", NULL },
	/* extension additions */
	{ "communicationModeRequest", NULL },
	{ "conferenceRequest", NULL },
	{ "multilinkRequest", NULL },
	{ "logicalChannelRateRequest", NULL },
	{ "genericRequest", NULL },
};
#define REQUEST_ROOT 11

static const struct h245_kind responses[] = {
	{ "nonStandardResponse", NULL },
	{ "MSDAck", master_slave_ack },
	{ "MSDReject", master_slave_reject },
	{ "TCSAck", seq_number_only },
	{ "TCSReject", capability_set_reject },
	{ "OLCAck", open_channel_ack },
	{ "OLCReject", open_channel_reject },
	{ "CLCAck", channel_only },
	{ "requestChannelCloseAck", channel_only },
	{ "requestChannelCloseReject", channel_close_reject },
	{ "multiplexEntrySendAck", NULL },
	{ "multiplexEntrySendReject", NULL },
	{ "requestMultiplexEntryAck", NULL },
	{ "requestMultiplexEntryReject", NULL },
	{ "requestModeAck", NULL },
	{ "requestModeReject", NULL },
	{ "roundTripDelayResponse", seq_number_only },
	{ "maintenanceLoopAck", NULL },
	{ "maintenanceLoopReject", NULL },
	/* extension additions */
	{ "communicationModeResponse", NULL },
	{ "conferenceResponse", NULL },
	{ "multilinkResponse", NULL },
	{ "logicalChannelRateAcknowledge", NULL },
	{ "logicalChannelRateReject", NULL },
	{ "genericResponse", NULL },
};
#define RESPONSE_ROOT 19

static const struct h245_kind commands[] = {
	{ "nonStandardCommand", NULL },
	{ "maintenanceLoopOffCommand", NULL },
	{ "sendTerminalCapabilitySet", NULL },
	{ "encryptionCommand", NULL },
	{ "flowControlCommand", NULL },
	{ "endSessionCommand", end_session },
	{ "miscellaneousCommand", NULL },
	/* extension additions */
	{ "communicationModeCommand", NULL },
	{ "conferenceCommand", NULL },
	{ "h223MultiplexReconfiguration", NULL },
	{ "newATMVCCommand", NULL },
	{ "mobileMultilinkReconfigurationCommand", NULL },
	{ "genericCommand", NULL },
};
#define COMMAND_ROOT 7

static const struct h245_kind indications[] = {
	{ "nonStandardIndication", NULL },
	{ "functionNotUnderstood", NULL },
	{ "MSDRelease", NULL },
	{ "TCSRelease", NULL },
	{ "OLCConfirm", channel_only },
	{ "requestChannelCloseRelease", channel_only },
	{ "multiplexEntrySendRelease", NULL },
	{ "requestMultiplexEntryRelease", NULL },
	{ "requestModeRelease", NULL },
	{ "miscellaneousIndication", NULL },
	{ "jitterIndication", NULL },
	{ "h223SkewIndication", NULL },
	{ "newATMVCIndication", NULL },
	{ "userInput", user_input },
	/* extension additions */
	{ "h2250MaximumSkewIndication", NULL },
	{ "mcLocationIndication", NULL },
	{ "conferenceIndication", NULL },
	{ "vendorIdentification", NULL },
	{ "functionNotSupported", NULL },
	{ "multilinkIndication", NULL },
	{ "logicalChannelRateRelease", NULL },
	{ "flowControlIndication", NULL },
	{ "mobileMultilinkReconfigurationIndication", NULL },
	{ "genericIndication", NULL },
};
#define INDICATION_ROOT 14

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const struct {
	const struct h245_kind *kinds;
	unsigned root, count;
} categories[CAT_COUNT] = {
	[CAT_REQUEST] = { requests, REQUEST_ROOT, COUNT(requests) },
	[CAT_RESPONSE] = { responses, RESPONSE_ROOT, COUNT(responses) },
	[CAT_COMMAND] = { commands, COMMAND_ROOT, COUNT(commands) },
	[CAT_INDICATION] = { indications, INDICATION_ROOT,
			     COUNT(indications) },
};

static const struct h245_kind *kind_of(unsigned category, unsigned kind)
{
	return &categories[category].kinds[kind];
}

/* Returns false when the payload is no MultimediaSystemControlMessage a
 * terminal sends: an unknown alternative, or an open type that does not
 * fill the message. */
static bool h245_decode(const uint8_t *data, size_t len, struct h245_msg *m)
{
	struct per r = per_make(data, len);
	bool ext, kind_ext;
	const struct h245_kind *k;

	memset(m, 0, sizeof *m);
	m->data_type = -1;
	m->category = per_choice(&r, CAT_COUNT, true, &ext);
	if (!per_ok(&r) || ext)
		return false;
	m->kind = per_choice(&r, categories[m->category].root, true,
			     &kind_ext);
	if (!per_ok(&r) || m->kind >= categories[m->category].count)
		return false;
	k = kind_of(m->category, m->kind);
	if (kind_ext) {
		struct per sub = per_open(&r);

		if (!per_at_end(&r))
			return false;
		r = sub;
	}
	m->check = k->decode ? k->decode(&r, m) : CHECK_UNKNOWN;
	return m->check != CHECK_BAD;
}

/* ---- per-flow state ------------------------------------------------------ */

struct channel {
	uint16_t lcn;
	uint8_t data_type;
	bool from_initiator; /* who opened it */
};

struct h245_state {
	struct stream dir[2]; /* [0] from the initiator */
	bool lost[2];
	bool yes;
	bool certain;
	unsigned nverified; /* distinct kinds and sides decoded completely */
	uint8_t verified[VERIFIED_TO_SETTLE][3]; /* category, kind, side */
	unsigned nnames;
	bool names_cut;
	uint8_t names[NAMES_MAX][2]; /* category, kind */
	unsigned nchannels;
	struct channel channels[CHANNELS_MAX];
	unsigned nannounced;
	struct {
		struct addr addr;
		uint16_t port;
	} announced[ANNOUNCED_MAX];
};

struct h245_ctx {
	struct h245_state *st;
	const struct proto_pkt *pkt;
	const struct proto_sink *sink;
};

static void note_name(struct h245_state *st, const struct h245_msg *m)
{
	for (unsigned i = 0; i < st->nnames; i++)
		if (st->names[i][0] == m->category &&
		    st->names[i][1] == m->kind)
			return;
	if (st->nnames < NAMES_MAX) {
		st->names[st->nnames][0] = (uint8_t)m->category;
		st->names[st->nnames][1] = (uint8_t)m->kind;
		st->nnames++;
	} else {
		st->names_cut = true;
	}
}

static void note_channel(struct h245_state *st, const struct h245_msg *m,
			 bool from_initiator)
{
	struct channel *c = NULL;

	for (unsigned i = 0; i < st->nchannels && c == NULL; i++)
		if (st->channels[i].lcn == m->lcn &&
		    st->channels[i].from_initiator == from_initiator)
			c = &st->channels[i];
	if (c == NULL && st->nchannels < CHANNELS_MAX)
		c = &st->channels[st->nchannels++];
	if (c == NULL)
		return;
	c->lcn = m->lcn;
	c->data_type = (uint8_t)m->data_type;
	c->from_initiator = from_initiator;
}

enum { DT_VIDEO = 2, DT_AUDIO = 3, DT_DATA = 4 }; /* DataType alternatives */

/* What the channel an openLogicalChannelAck answers will carry: the
 * channel was opened from the other side. */
static const char *channel_media(const struct h245_state *st,
				 const struct h245_msg *m,
				 bool ack_from_initiator)
{
	for (unsigned i = 0; i < st->nchannels; i++) {
		const struct channel *c = &st->channels[i];

		if (c->lcn != m->lcn || c->from_initiator == ack_from_initiator)
			continue;
		switch (c->data_type) {
		case DT_AUDIO:
			return "audio";
		case DT_VIDEO:
			return "video";
		case DT_DATA:
			return "data";
		default:
			return "media";
		}
	}
	return "media";
}

static bool already_announced(struct h245_state *st, const struct addr *addr,
			      uint16_t port)
{
	for (unsigned i = 0; i < st->nannounced; i++)
		if (st->announced[i].port == port &&
		    addr_cmp(&st->announced[i].addr, addr) == 0)
			return true;
	if (st->nannounced < ANNOUNCED_MAX) {
		st->announced[st->nannounced].addr = *addr;
		st->announced[st->nannounced].port = port;
		st->nannounced++;
	}
	return false;
}

static void announce_media(struct h245_ctx *x, const struct h245_msg *m)
{
	const char *what = channel_media(x->st, m, x->pkt->from_initiator);
	static const uint8_t zero4[IPV4_LEN] = { 0 };
	struct addr v4any;

	if (x->sink == NULL || x->sink->announce == NULL)
		return;
	addr_from_v4(&v4any, zero4);
	for (unsigned i = 0; i < m->naddr; i++) {
		struct proto_announce a;

		if (m->media[i].port == 0 ||
		    addr_cmp(&m->media[i].addr, &v4any) == 0 ||
		    already_announced(x->st, &m->media[i].addr,
				      m->media[i].port))
			continue;
		memset(&a, 0, sizeof a);
		a.addr = m->media[i].addr;
		a.port = m->media[i].port;
		a.transport = PROTO_UDP;
		a.app = m->media[i].control ? APP_RTCP : APP_RTP;
		a.what = what;
		x->sink->announce(x->sink->ctx, x->pkt, &a);
	}
}

static void note_verified(struct h245_state *st, const struct h245_msg *m,
			  bool from_initiator)
{
	for (unsigned i = 0; i < st->nverified; i++)
		if (st->verified[i][0] == m->category &&
		    st->verified[i][1] == m->kind &&
		    st->verified[i][2] == from_initiator)
			return;
	if (st->nverified < VERIFIED_TO_SETTLE) {
		st->verified[st->nverified][0] = (uint8_t)m->category;
		st->verified[st->nverified][1] = (uint8_t)m->kind;
		st->verified[st->nverified][2] = from_initiator;
		st->nverified++;
	}
}

static bool h245_settled(const struct h245_state *st)
{
	return st->certain || st->nverified >= VERIFIED_TO_SETTLE;
}

#define OLC_KIND 3    /* requests[] */
#define OLCACK_KIND 5 /* responses[] */

/* Handles one TPKT payload; false when it is not H.245. */
static bool h245_message(void *ctx, const uint8_t *payload, size_t len)
{
	struct h245_ctx *x = ctx;
	struct h245_state *st = x->st;
	struct h245_msg m;

	if (!h245_decode(payload, len, &m))
		return false;
	if (m.check == CHECK_VERIFIED)
		note_verified(st, &m, x->pkt->from_initiator);
	if (m.capability_oid)
		st->certain = true;
	if (h245_settled(st))
		st->yes = true;
	note_name(st, &m);
	if (m.category == CAT_REQUEST && m.kind == OLC_KIND &&
	    m.data_type >= 0)
		note_channel(st, &m, x->pkt->from_initiator);
	if (st->yes && m.category == CAT_RESPONSE && m.kind == OLCACK_KIND &&
	    m.check == CHECK_VERIFIED)
		announce_media(x, &m);
	return true;
}

/* "TCS, MSD, TCSAck, MSDAck, OLC, OLCAck": kinds in the order first seen. */
static void h245_report(const struct h245_state *st, struct proto_report *rep)
{
	const char *names[NAMES_MAX];

	for (unsigned i = 0; i < st->nnames; i++)
		names[i] = kind_of(st->names[i][0], st->names[i][1])->name;
	h323_join_names(rep->detail, sizeof rep->detail, names, st->nnames,
			st->names_cut);
}

static enum proto_verdict h245_search(void *state, const struct proto_pkt *pkt,
				      struct proto_report *rep,
				      const struct proto_sink *sink)
{
	struct h245_state *st = state;
	struct h245_ctx x = { st, pkt, sink };
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
	/* h245_message() settles the flow as soon as it may */
	framed = st->lost[d] || tpkt_feed(&st->dir[d], pkt->data, pkt->len,
					  H245_MIN_PAYLOAD, h245_message, &x);
	if (!framed) {
		if (!st->yes)
			return PROTO_NO;
		st->lost[d] = true;
		stream_consume(&st->dir[d], st->dir[d].len);
	}
	if (!st->yes)
		return PROTO_MORE;
	h245_report(st, rep);
	return PROTO_YES;
}

/* The TCP buffers are allocated as bytes come; the state's end frees them. */
static void h245_release(void *state)
{
	struct h245_state *st = state;

	stream_free(&st->dir[0]);
	stream_free(&st->dir[1]);
}

const struct recogniser proto_h245 = {
	.name = "h245",
	.app = APP_H245,
	.transports = PROTO_TCP,
	.budget = H245_BUDGET,
	.state_size = sizeof(struct h245_state),
	.release = h245_release,
	.follow_budget = PROTO_FOLLOW_ALWAYS,
	.search = h245_search,
};
