/* \summary: Cisco Skinny Client Control Protocol (SCCP) over TCP */
/*
 * specification: Cisco has published no specification.  The message layout
 * used here is the one decoded by Wireshark's Skinny dissector
 * (packet-skinny.c, built from tools/SkinnyProtocolOptimized.xml) and by
 * chan-sccp (sccp_protocol.h), checked against real captures.
 *
 * Every message is
 *
 *	data length	LE32	bytes after the 8-byte header, message id included
 *	header version	LE32	0 (basic) or 0x0A ... 0x16 (CallManager 7+)
 *	message id	LE32
 *	data		data length - 4 bytes, LE32 fields, IPv4 in wire order
 *
 * Several messages may share a segment and one may span segments, so each
 * direction is reframed in a struct stream.  From header version 0x11 on,
 * addresses carry an IP-version word and a 16-byte field.
 *
 * The calls are told each station's call states (CallState), its parties
 * (CallInfo) and its media (OpenReceiveChannelAck, StartMediaTransmission)
 * as call events, the call named by its call reference, which is the
 * conference id of its media messages.
 */
#include <stdio.h>
#include <string.h>

#include "vcflow/callevent.h"
#include "vcflow/extract.h"
#include "vcflow/proto.h"
#include "vcflow/stream.h"

enum {
	SCCP_HEADER_LEN = 8,	   /* data length + header version */
	SCCP_MSGID_LEN = 4,
	SCCP_MIN_DATA_LEN = 4,	   /* the data length counts the message id */
	SCCP_MAX_DATA_LEN = 4096,  /* the largest (XML) messages are ~2 KB */
	SCCP_BUDGET = 8,
	SCCP_YES_MESSAGES = 2,	   /* known messages needed without a Register */
	SCCP_DEVICE_NAME_LEN = 16,
	SCCP_IPV4_LEN = 4,
	SCCP_IPV6_LEN = 16,
	SCCP_PARTY_SLOTS = 16,	   /* open channels remembered per flow */
	SCCP_MAX_PORT = 65535,
	SCCP_STATUS_OK = 0,
	SCCP_NUMBER_LEN = 24,	   /* CallInfo's party numbers */
	SCCP_NAME_LEN = 40,	   /* CallInfo's party names */
	SCCP_INFO_V2_FIXED = 8,	   /* CallInfoV2's words before its strings */
	SCCP_INFO_V2_SKIP = 1,	   /* AlternateCallingParty, before calledParty */
};

/* Header versions (Wireshark's header_version table). */
#define SCCP_VERSION_BASIC 0x00u
#define SCCP_VERSION_V17 0x11u /* first with an IP-version word */
static const uint32_t sccp_versions[] = {
	SCCP_VERSION_BASIC, 0x0A, 0x0B, 0x0F, 0x10, SCCP_VERSION_V17,
	0x12,		    0x13, 0x14, 0x15, 0x16,
};

/* IP-version word of header versions 0x11 and later. */
enum {
	SCCP_IP_V4 = 0,
	SCCP_IP_V6 = 1,
	SCCP_IP_V4_V6 = 2,
};

/* Message ids this recogniser acts on. */
enum {
	SCCP_MSG_KEEPALIVE = 0x0000,
	SCCP_MSG_REGISTER = 0x0001,
	SCCP_MSG_OPEN_RECEIVE_CHANNEL_ACK = 0x0022,
	SCCP_MSG_OPEN_MULTIMEDIA_RECEIVE_CHANNEL_ACK = 0x0031,
	SCCP_MSG_START_MEDIA_TRANSMISSION = 0x008A,
	SCCP_MSG_CALL_INFO = 0x008F,
	SCCP_MSG_CALL_STATE = 0x0111,
	SCCP_MSG_CALL_INFO_V2 = 0x014A,
	SCCP_MSG_KEEPALIVE_ACK = 0x0100,
	SCCP_MSG_OPEN_RECEIVE_CHANNEL = 0x0105,
	SCCP_MSG_OPEN_MULTIMEDIA_RECEIVE_CHANNEL = 0x0131,
	SCCP_MSG_START_MULTIMEDIA_TRANSMISSION = 0x0132,
};

struct sccp_name {
	uint32_t id;
	const char *name;
};

/* Message ids and names, sorted by id (Wireshark's message_id table). */
static const struct sccp_name sccp_messages[] = {
	{ 0x0000, "KeepAlive" },
	{ 0x0001, "Register" },
	{ 0x0002, "IpPort" },
	{ 0x0003, "KeypadButton" },
	{ 0x0004, "EnblocCall" },
	{ 0x0005, "Stimulus" },
	{ 0x0006, "OffHook" },
	{ 0x0007, "OnHook" },
	{ 0x0008, "HookFlash" },
	{ 0x0009, "ForwardStatReq" },
	{ 0x000A, "SpeedDialStatReq" },
	{ 0x000B, "LineStatReq" },
	{ 0x000C, "ConfigStatReq" },
	{ 0x000D, "TimeDateReq" },
	{ 0x000E, "ButtonTemplateReq" },
	{ 0x000F, "VersionReq" },
	{ 0x0010, "CapabilitiesRes" },
	{ 0x0012, "ServerReq" },
	{ 0x0020, "Alarm" },
	{ 0x0021, "MulticastMediaReceptionAck" },
	{ 0x0022, "OpenReceiveChannelAck" },
	{ 0x0023, "ConnectionStatisticsRes" },
	{ 0x0024, "OffHookWithCgpn" },
	{ 0x0025, "SoftKeySetReq" },
	{ 0x0026, "SoftKeyEvent" },
	{ 0x0027, "Unregister" },
	{ 0x0028, "SoftKeyTemplateReq" },
	{ 0x0029, "RegisterTokenReq" },
	{ 0x002A, "MediaTransmissionFailure" },
	{ 0x002B, "HeadsetStatus" },
	{ 0x002C, "MediaResourceNotification" },
	{ 0x002D, "RegisterAvailableLines" },
	{ 0x002E, "DeviceToUserData" },
	{ 0x002F, "DeviceToUserDataResponse" },
	{ 0x0030, "UpdateCapabilities" },
	{ 0x0031, "OpenMultiMediaReceiveChannelAck" },
	{ 0x0032, "ClearConference" },
	{ 0x0033, "ServiceURLStatReq" },
	{ 0x0034, "FeatureStatReq" },
	{ 0x0035, "CreateConferenceRes" },
	{ 0x0036, "DeleteConferenceRes" },
	{ 0x0037, "ModifyConferenceRes" },
	{ 0x0038, "AddParticipantRes" },
	{ 0x0039, "AuditConferenceRes" },
	{ 0x0040, "AuditParticipantRes" },
	{ 0x0041, "DeviceToUserDataVersion1" },
	{ 0x0042, "DeviceToUserDataResponseVersion1" },
	{ 0x0043, "UpdateCapabilitiesV2" },
	{ 0x0044, "UpdateCapabilitiesV3" },
	{ 0x0045, "PortRes" },
	{ 0x0046, "QoSResvNotify" },
	{ 0x0047, "QoSErrorNotify" },
	{ 0x0048, "SubscriptionStatReq" },
	{ 0x0049, "MediaPathEvent" },
	{ 0x004A, "MediaPathCapability" },
	{ 0x004C, "MwiNotification" },
	{ 0x0081, "RegisterAck" },
	{ 0x0082, "StartTone" },
	{ 0x0083, "StopTone" },
	{ 0x0085, "SetRinger" },
	{ 0x0086, "SetLamp" },
	{ 0x0088, "SetSpeakerMode" },
	{ 0x0089, "SetMicroMode" },
	{ 0x008A, "StartMediaTransmission" },
	{ 0x008B, "StopMediaTransmission" },
	{ 0x008F, "CallInfo" },
	{ 0x0090, "ForwardStat" },
	{ 0x0091, "SpeedDialStat" },
	{ 0x0092, "LineStat" },
	{ 0x0093, "ConfigStat" },
	{ 0x0094, "DefineTimeDate" },
	{ 0x0095, "StartSessionTransmission" },
	{ 0x0096, "StopSessionTransmission" },
	{ 0x0097, "ButtonTemplate" },
	{ 0x0098, "Version" },
	{ 0x0099, "DisplayText" },
	{ 0x009A, "ClearDisplay" },
	{ 0x009B, "CapabilitiesReq" },
	{ 0x009D, "RegisterReject" },
	{ 0x009E, "ServerRes" },
	{ 0x009F, "Reset" },
	{ 0x0100, "KeepAliveAck" },
	{ 0x0101, "StartMulticastMediaReception" },
	{ 0x0102, "StartMulticastMediaTransmission" },
	{ 0x0103, "StopMulticastMediaReception" },
	{ 0x0104, "StopMulticastMediaTransmission" },
	{ 0x0105, "OpenReceiveChannel" },
	{ 0x0106, "CloseReceiveChannel" },
	{ 0x0107, "ConnectionStatisticsReq" },
	{ 0x0108, "SoftKeyTemplateRes" },
	{ 0x0109, "SoftKeySetRes" },
	{ 0x0110, "SelectSoftKeys" },
	{ 0x0111, "CallState" },
	{ 0x0112, "DisplayPromptStatus" },
	{ 0x0113, "ClearPromptStatus" },
	{ 0x0114, "DisplayNotify" },
	{ 0x0115, "ClearNotify" },
	{ 0x0116, "ActivateCallPlane" },
	{ 0x0117, "DeactivateCallPlane" },
	{ 0x0118, "UnregisterAck" },
	{ 0x0119, "BackSpaceReq" },
	{ 0x011A, "RegisterTokenAck" },
	{ 0x011B, "RegisterTokenReject" },
	{ 0x011C, "StartMediaFailureDetection" },
	{ 0x011D, "DialedNumber" },
	{ 0x011E, "UserToDeviceData" },
	{ 0x011F, "FeatureStat" },
	{ 0x0120, "DisplayPriNotify" },
	{ 0x0121, "ClearPriNotify" },
	{ 0x0122, "StartAnnouncement" },
	{ 0x0123, "StopAnnouncement" },
	{ 0x0124, "AnnouncementFinish" },
	{ 0x0127, "NotifyDtmfTone" },
	{ 0x0128, "SendDtmfTone" },
	{ 0x0129, "SubscribeDtmfPayloadReq" },
	{ 0x012A, "SubscribeDtmfPayloadRes" },
	{ 0x012B, "SubscribeDtmfPayloadErr" },
	{ 0x012C, "UnSubscribeDtmfPayloadReq" },
	{ 0x012D, "UnSubscribeDtmfPayloadRes" },
	{ 0x012E, "UnSubscribeDtmfPayloadErr" },
	{ 0x012F, "ServiceURLStat" },
	{ 0x0130, "CallSelectStat" },
	{ 0x0131, "OpenMultiMediaReceiveChannel" },
	{ 0x0132, "StartMultiMediaTransmission" },
	{ 0x0133, "StopMultiMediaTransmission" },
	{ 0x0134, "MiscellaneousCommand" },
	{ 0x0135, "FlowControlCommand" },
	{ 0x0136, "CloseMultiMediaReceiveChannel" },
	{ 0x0137, "CreateConferenceReq" },
	{ 0x0138, "DeleteConferenceReq" },
	{ 0x0139, "ModifyConferenceReq" },
	{ 0x013A, "AddParticipantReq" },
	{ 0x013B, "DropParticipantReq" },
	{ 0x013C, "AuditConferenceReq" },
	{ 0x013D, "AuditParticipantReq" },
	{ 0x013E, "ChangeParticipantReq" },
	{ 0x013F, "UserToDeviceDataVersion1" },
	{ 0x0140, "VideoDisplayCommand" },
	{ 0x0141, "FlowControlNotify" },
	{ 0x0142, "ConfigStatV2" },
	{ 0x0143, "DisplayNotifyV2" },
	{ 0x0144, "DisplayPriNotifyV2" },
	{ 0x0145, "DisplayPromptStatusV2" },
	{ 0x0146, "FeatureStatV2" },
	{ 0x0147, "LineStatV2" },
	{ 0x0148, "ServiceURLStatV2" },
	{ 0x0149, "SpeedDialStatV2" },
	{ 0x014A, "CallInfoV2" },
	{ 0x014B, "PortReq" },
	{ 0x014C, "PortClose" },
	{ 0x014D, "QoSListen" },
	{ 0x014E, "QoSPath" },
	{ 0x014F, "QoSTeardown" },
	{ 0x0150, "UpdateDSCP" },
	{ 0x0151, "QoSModify" },
	{ 0x0152, "SubscriptionStat" },
	{ 0x0153, "Notification" },
	{ 0x0154, "StartMediaTransmissionAck" },
	{ 0x0155, "StartMultiMediaTransmissionAck" },
	{ 0x0156, "CallHistoryInfo" },
	{ 0x0158, "MwiResponse" },
	{ 0x015A, "EnhancedAlarm" },
	{ 0x015E, "CallCountReq" },
	{ 0x015F, "CallCountResp" },
	{ 0x0160, "RecordingStatus" },
	{ 0x8000, "SPCPRegisterTokenReq" },
	{ 0x8100, "SPCPRegisterTokenAck" },
	{ 0x8101, "SPCPRegisterTokenReject" },
};

/*
 * Register's deviceType, where Wireshark's DeviceType table and chan-sccp's
 * SKINNY_DEVICETYPE_* agree.
 */
static const struct sccp_name sccp_devices[] = {
	{ 6, "Cisco 7910" },
	{ 7, "Cisco 7960" },
	{ 8, "Cisco 7940" },
	{ 9, "Cisco 7935" },
	{ 12, "Cisco ATA 186" },
	{ 50, "Cisco conference bridge" },
	{ 51, "Cisco conference bridge" },
	{ 52, "Cisco conference bridge" },
	{ 53, "Cisco conference bridge" },
	{ 70, "Cisco music on hold" },
	{ 110, "Cisco media termination point" },
	{ 111, "Cisco media termination point" },
	{ 112, "Cisco media termination point" },
	{ 113, "Cisco media termination point" },
	{ 115, "Cisco 7941" },
	{ 119, "Cisco 7971" },
	{ 302, "Cisco 7985" },
	{ 307, "Cisco 7911" },
	{ 348, "Cisco 7931" },
	{ 365, "Cisco 7921" },
	{ 369, "Cisco 7906" },
	{ 404, "Cisco 7962" },
	{ 431, "Cisco 7937" },
	{ 434, "Cisco 7942" },
	{ 435, "Cisco 7945" },
	{ 436, "Cisco 7965" },
	{ 437, "Cisco 7975" },
	{ 484, "Cisco 7925" },
	{ 495, "Cisco 6921" },
	{ 496, "Cisco 6941" },
	{ 497, "Cisco 6961" },
	{ 547, "Cisco 6901" },
	{ 548, "Cisco 6911" },
	{ 564, "Cisco 6945" },
	{ 585, "Cisco 8945" },
	{ 586, "Cisco 8941" },
	{ 20000, "Cisco 7905" },
	{ 30002, "Cisco 7920" },
	{ 30006, "Cisco 7970" },
	{ 30007, "Cisco 7912" },
	{ 30008, "Cisco 7902" },
	{ 30016, "Cisco IP Communicator" },
	{ 30018, "Cisco 7961" },
	{ 30019, "Cisco 7936" },
};

/* CallState's states (Wireshark's DCallState). */
enum {
	SCCP_OFF_HOOK = 1,
	SCCP_ON_HOOK = 2,
	SCCP_RING_OUT = 3,
	SCCP_RING_IN = 4,
	SCCP_CONNECTED = 5,
	SCCP_BUSY = 6,
	SCCP_CONGESTION = 7,
	SCCP_PROCEED = 12,
	SCCP_INVALID_NUMBER = 14,
};
static const struct sccp_name sccp_states[] = {
	{ 1, "OffHook" },	{ 2, "OnHook" },
	{ 3, "RingOut" },	{ 4, "RingIn" },
	{ 5, "Connected" },	{ 6, "Busy" },
	{ 7, "Congestion" },	{ 8, "Hold" },
	{ 9, "CallWaiting" },	{ 10, "CallTransfer" },
	{ 11, "CallPark" },	{ 12, "Proceed" },
	{ 13, "CallRemoteMultiline" }, { 14, "InvalidNumber" },
	{ 15, "HoldRevert" },	{ 16, "Whisper" },
	{ 17, "RemoteHold" },
};

/* CallInfo's callType. */
enum { SCCP_INBOUND_CALL = 1, SCCP_OUTBOUND_CALL = 2 };

#define COUNT(a) (sizeof(a) / sizeof *(a))

/* A channel opened by OpenReceiveChannel, waiting for its Ack. */
struct sccp_party {
	uint32_t party;
	uint32_t conference;
	bool used;
};

struct sccp_dir {
	struct stream buf;
	bool resync; /* framing lost: restart at the next segment */
};

struct sccp_state {
	struct sccp_dir dir[2];
	struct sccp_party party[SCCP_PARTY_SLOTS];
	unsigned next_party;
	unsigned known;	   /* well-formed messages with a known id */
	uint32_t first_id; /* the first of them, named in the report */
	bool registered;   /* a Register filled the report */
	char product[PROTO_PRODUCT_MAX]; /* the registered device, for media */
	bool decided;
};

/* What one framed message looks like to the handlers. */
struct sccp_msg {
	uint32_t version;
	uint32_t id;
	struct cursor body; /* after the message id */
};

static const char *sccp_lookup(const struct sccp_name *t, size_t n,
			       uint32_t id)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (t[mid].id == id)
			return t[mid].name;
		if (t[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static const char *sccp_message_name(uint32_t id)
{
	return sccp_lookup(sccp_messages, COUNT(sccp_messages), id);
}

static const char *sccp_device_name(uint32_t type)
{
	return sccp_lookup(sccp_devices, COUNT(sccp_devices), type);
}

static bool sccp_version_known(uint32_t version)
{
	for (size_t i = 0; i < COUNT(sccp_versions); i++)
		if (sccp_versions[i] == version)
			return true;
	return false;
}

static bool sccp_header_ok(uint32_t data_len, uint32_t version)
{
	return data_len >= SCCP_MIN_DATA_LEN &&
	       data_len <= SCCP_MAX_DATA_LEN && sccp_version_known(version);
}

/* Reads an address as the header version lays it out. */
static bool sccp_read_addr(struct cursor *c, uint32_t version,
			   struct addr *a)
{
	uint32_t family = SCCP_IP_V4;
	uint8_t raw[SCCP_IPV6_LEN];

	if (version >= SCCP_VERSION_V17)
		family = cur_le32(c);
	if (family == SCCP_IP_V4) {
		cur_copy(c, raw, SCCP_IPV4_LEN);
		if (version >= SCCP_VERSION_V17)
			cur_skip(c, SCCP_IPV6_LEN - SCCP_IPV4_LEN);
		addr_from_v4(a, raw);
	} else if (family == SCCP_IP_V6 || family == SCCP_IP_V4_V6) {
		cur_copy(c, raw, SCCP_IPV6_LEN);
		addr_from_v6(a, raw);
	} else {
		return false;
	}
	return !c->bad;
}

static bool sccp_addr_usable(const struct addr *a)
{
	static const struct addr zero_v6;
	static const uint8_t zero_v4[SCCP_IPV4_LEN];
	struct addr zero4;

	addr_from_v4(&zero4, zero_v4);
	return addr_cmp(a, &zero_v6) != 0 && addr_cmp(a, &zero4) != 0;
}

static void sccp_remember_party(struct sccp_state *st, uint32_t party,
				uint32_t conference)
{
	struct sccp_party *slot = &st->party[st->next_party];

	slot->party = party;
	slot->conference = conference;
	slot->used = true;
	st->next_party = (st->next_party + 1) % SCCP_PARTY_SLOTS;
}

static bool sccp_find_conference(const struct sccp_state *st, uint32_t party,
				 uint32_t *conference)
{
	for (size_t i = 0; i < SCCP_PARTY_SLOTS; i++) {
		if (st->party[i].used && st->party[i].party == party) {
			*conference = st->party[i].conference;
			return true;
		}
	}
	return false;
}

/* The station's address: the phone opens the TCP connection. */
static const struct addr *sccp_station(const struct proto_pkt *pkt)
{
	return pkt->from_initiator ? &pkt->src : &pkt->dst;
}

/* An event of the call with the call reference `ref`; e has what the
 * message says, the rest is filled here. */
static void sccp_event(const struct sccp_state *st,
		       const struct proto_pkt *pkt,
		       const struct proto_sink *sink, uint32_t ref,
		       struct call_event *e)
{
	char call_id[PROTO_CALLID_MAX];

	if (!sink || !sink->call_event || ref == 0)
		return;
	snprintf(call_id, sizeof call_id, "sccp-conf-%u", ref);
	e->protocol = "sccp";
	e->call_id = call_id;
	if (!e->product && st->product[0])
		e->product = st->product;
	e->side_addr = *sccp_station(pkt);
	sink->call_event(sink->ctx, pkt, e);
}

static void sccp_media_event(const struct sccp_state *st,
			     const struct proto_pkt *pkt,
			     const struct proto_sink *sink, uint32_t ref,
			     const char *message, bool sends,
			     const struct addr *a, uint32_t port)
{
	struct call_event e;

	memset(&e, 0, sizeof e);
	e.kind = CALL_EV_INFO;
	e.message = message;
	e.code = CALL_EV_NO_CODE;
	if (port != 0 && port <= SCCP_MAX_PORT && sccp_addr_usable(a)) {
		e.has_media = true;
		e.media_sends = sends;
		e.media_addr = *a;
		e.media_port = (uint16_t)port;
	}
	sccp_event(st, pkt, sink, ref, &e);
}

/* CallState: state, lineInstance, callReference. */
static bool sccp_call_state(const struct sccp_state *st, struct sccp_msg *m,
			    const struct proto_pkt *pkt,
			    const struct proto_sink *sink)
{
	char message[PROTO_DETAIL_MAX];
	uint32_t state = cur_le32(&m->body);
	uint32_t ref;
	struct call_event e;

	cur_skip(&m->body, 4); /* lineInstance */
	ref = cur_le32(&m->body);
	if (m->body.bad)
		return false;
	memset(&e, 0, sizeof e);
	e.reason = sccp_lookup(sccp_states, COUNT(sccp_states), state);
	snprintf(message, sizeof message, "CallState %s",
		 e.reason ? e.reason : "?");
	e.message = message;
	e.code = (int)(state & 0xffff);
	switch (state) {
	case SCCP_OFF_HOOK:
		e.kind = CALL_EV_ATTEMPT;
		break;
	case SCCP_PROCEED:
		e.kind = CALL_EV_ATTEMPT;
		e.side = CALL_EV_SIDE_CALLER;
		break;
	case SCCP_RING_OUT:
		e.kind = CALL_EV_RINGING;
		e.side = CALL_EV_SIDE_CALLER;
		break;
	case SCCP_RING_IN:
		e.kind = CALL_EV_RINGING;
		e.side = CALL_EV_SIDE_CALLEE;
		break;
	case SCCP_CONNECTED:
		e.kind = CALL_EV_ANSWER;
		break;
	case SCCP_ON_HOOK:
		e.kind = CALL_EV_END;
		break;
	case SCCP_BUSY:
	case SCCP_CONGESTION:
	case SCCP_INVALID_NUMBER:
		e.kind = CALL_EV_FAILURE;
		break;
	default:
		e.kind = CALL_EV_INFO;
		break;
	}
	sccp_event(st, pkt, sink, ref, &e);
	return true;
}

/* A NUL-padded field of `fixed` bytes, or (fixed 0) a NUL-terminated
 * string, of a CallInfo, as text. */
static void sccp_string(struct cursor *c, size_t fixed, char *dst,
			size_t len)
{
	size_t n = 0, left = cur_left(c);
	const uint8_t *p;

	while (n < (fixed ? fixed : left) && cur_peek(c, n) != 0)
		n++;
	p = cur_take(c, n);
	cur_skip(c, fixed ? fixed - n : n < left ? 1 : 0);
	if (!c->bad && p)
		proto_copy_text(dst, len, p, n);
}

static void sccp_info_event(const struct sccp_state *st,
			    const struct proto_pkt *pkt,
			    const struct proto_sink *sink, uint32_t ref,
			    uint32_t type, const char *caller,
			    const char *callee, const char *message)
{
	struct call_event e;

	memset(&e, 0, sizeof e);
	e.kind = CALL_EV_INFO;
	e.message = message;
	e.code = CALL_EV_NO_CODE;
	e.caller = caller[0] ? caller : NULL;
	e.callee = callee[0] ? callee : NULL;
	e.side = type == SCCP_INBOUND_CALL    ? CALL_EV_SIDE_CALLEE
		 : type == SCCP_OUTBOUND_CALL ? CALL_EV_SIDE_CALLER
					      : CALL_EV_SIDE_UNKNOWN;
	sccp_event(st, pkt, sink, ref, &e);
}

/* CallInfo: callingPartyName[40], callingParty[24], calledPartyName[40],
 * calledParty[24], lineInstance, callReference, callType. */
static bool sccp_call_info(const struct sccp_state *st, struct sccp_msg *m,
			   const struct proto_pkt *pkt,
			   const struct proto_sink *sink)
{
	char caller[SCCP_NUMBER_LEN + 1] = "", callee[SCCP_NUMBER_LEN + 1] = "";
	uint32_t ref, type;

	cur_skip(&m->body, SCCP_NAME_LEN);
	sccp_string(&m->body, SCCP_NUMBER_LEN, caller, sizeof caller);
	cur_skip(&m->body, SCCP_NAME_LEN);
	sccp_string(&m->body, SCCP_NUMBER_LEN, callee, sizeof callee);
	cur_skip(&m->body, 4); /* lineInstance */
	ref = cur_le32(&m->body);
	type = cur_le32(&m->body);
	if (m->body.bad)
		return false;
	sccp_info_event(st, pkt, sink, ref, type, caller, callee, "CallInfo");
	return true;
}

/*
 * CallInfoV2: lineInstance, callReference, callType and five more words
 * (chan-sccp's CallInfoDynamicMessage), then NUL-terminated strings:
 * callingParty, AlternateCallingParty, calledParty ... (as Wireshark
 * decodes header version 0x14).
 */
static bool sccp_call_info_v2(const struct sccp_state *st,
			      struct sccp_msg *m, const struct proto_pkt *pkt,
			      const struct proto_sink *sink)
{
	char caller[SCCP_NUMBER_LEN + 1] = "", callee[SCCP_NUMBER_LEN + 1] = "";
	char skip[SCCP_NUMBER_LEN + 1];
	uint32_t ref, type;

	cur_skip(&m->body, 4); /* lineInstance */
	ref = cur_le32(&m->body);
	type = cur_le32(&m->body);
	cur_skip(&m->body, 4 * (SCCP_INFO_V2_FIXED - 3));
	if (m->body.bad)
		return true; /* a shorter form: framing still holds */
	sccp_string(&m->body, 0, caller, sizeof caller);
	for (int i = 0; i < SCCP_INFO_V2_SKIP; i++)
		sccp_string(&m->body, 0, skip, sizeof skip);
	sccp_string(&m->body, 0, callee, sizeof callee);
	if (m->body.bad)
		caller[0] = callee[0] = '\0';
	sccp_info_event(st, pkt, sink, ref, type, caller, callee,
			"CallInfoV2");
	return true;
}

static void sccp_announce(const struct sccp_state *st,
			  const struct proto_pkt *pkt,
			  const struct proto_sink *sink, const struct addr *a,
			  uint32_t port, const char *what, const char *call_id)
{
	struct proto_announce an;

	if (!sink || !sink->announce || port == 0 || port > SCCP_MAX_PORT ||
	    !sccp_addr_usable(a))
		return;
	memset(&an, 0, sizeof an);
	an.addr = *a;
	an.port = (uint16_t)port;
	an.transport = PROTO_UDP;
	an.app = APP_RTP;
	an.what = what;
	an.call_id = call_id;
	an.product = st->product[0] ? st->product : NULL;
	sink->announce(sink->ctx, pkt, &an);
}

/* OpenReceiveChannel / OpenMultiMediaReceiveChannel: conference, party. */
static bool sccp_open_channel(struct sccp_state *st, struct sccp_msg *m)
{
	uint32_t conference = cur_le32(&m->body);
	uint32_t party = cur_le32(&m->body);

	if (m->body.bad)
		return false;
	sccp_remember_party(st, party, conference);
	return true;
}

/*
 * OpenReceiveChannelAck / OpenMultiMediaReceiveChannelAck: status, the
 * address and port the device receives on, passThruPartyId.
 */
static bool sccp_open_channel_ack(struct sccp_state *st, struct sccp_msg *m,
				  const struct proto_pkt *pkt,
				  const struct proto_sink *sink,
				  const char *what)
{
	char call_id[PROTO_CALLID_MAX];
	uint32_t status, port, party, conference;
	struct addr a;

	status = cur_le32(&m->body);
	if (!sccp_read_addr(&m->body, m->version, &a))
		return false;
	port = cur_le32(&m->body);
	party = cur_le32(&m->body);
	if (m->body.bad)
		return false;
	if (status != SCCP_STATUS_OK)
		return true;
	if (sccp_find_conference(st, party, &conference)) {
		snprintf(call_id, sizeof call_id, "sccp-conf-%u", conference);
		sccp_media_event(st, pkt, sink, conference,
				 sccp_message_name(m->id), false, &a, port);
	} else {
		snprintf(call_id, sizeof call_id, "sccp-party-%u", party);
	}
	sccp_announce(st, pkt, sink, &a, port, what, call_id);
	return true;
}

/*
 * StartMediaTransmission: conference, party, remote address and port.
 * StartMultiMediaTransmission has a compression type before the address.
 */
static bool sccp_start_transmission(const struct sccp_state *st,
				    struct sccp_msg *m, bool multimedia,
				    const struct proto_pkt *pkt,
				    const struct proto_sink *sink,
				    const char *what)
{
	char call_id[PROTO_CALLID_MAX];
	uint32_t conference, port;
	struct addr a;

	conference = cur_le32(&m->body);
	cur_skip(&m->body, 4); /* passThruPartyId */
	if (multimedia)
		cur_skip(&m->body, 4); /* compressionType */
	if (!sccp_read_addr(&m->body, m->version, &a))
		return false;
	port = cur_le32(&m->body);
	if (m->body.bad)
		return false;
	snprintf(call_id, sizeof call_id, "sccp-conf-%u", conference);
	sccp_media_event(st, pkt, sink, conference, sccp_message_name(m->id),
			 true, &a, port);
	sccp_announce(st, pkt, sink, &a, port, what, call_id);
	return true;
}

/* A device name is printable ASCII, NUL padded, not empty. */
static bool sccp_device_name_ok(const uint8_t *name)
{
	size_t n = 0;

	while (n < SCCP_DEVICE_NAME_LEN && name[n] != '\0') {
		if (name[n] < 0x21 || name[n] > 0x7e)
			return false;
		n++;
	}
	for (size_t i = n; i < SCCP_DEVICE_NAME_LEN; i++)
		if (name[i] != '\0')
			return false;
	return n > 0;
}

/* Register: DeviceName[16], reserved, instance, stationIpAddr, deviceType. */
static bool sccp_register(struct sccp_state *st, struct sccp_msg *m,
			  struct proto_report *rep)
{
	uint8_t name[SCCP_DEVICE_NAME_LEN];
	char text[SCCP_DEVICE_NAME_LEN + 1];
	const char *model;
	uint32_t type;

	cur_copy(&m->body, name, sizeof name);
	cur_skip(&m->body, 4 + 4 + SCCP_IPV4_LEN); /* reserved, instance, IP */
	type = cur_le32(&m->body);
	if (m->body.bad || !sccp_device_name_ok(name))
		return false;
	if (st->registered)
		return true;
	proto_copy_text(text, sizeof text, name, sizeof name);
	model = sccp_device_name(type);
	snprintf(rep->detail, sizeof rep->detail, "Register %s", text);
	snprintf(st->product, sizeof st->product, "%s", model ? model : text);
	memcpy(rep->product, st->product, sizeof rep->product);
	st->registered = true;
	st->decided = true;
	return true;
}

/* Acts on one framed message; false when its contents are malformed. */
static bool sccp_message(struct sccp_state *st, struct sccp_msg *m,
			 const struct proto_pkt *pkt, struct proto_report *rep,
			 const struct proto_sink *sink)
{
	if (!sccp_message_name(m->id))
		return true; /* newer or private message: framing still holds */
	if (st->known++ == 0)
		st->first_id = m->id;
	switch (m->id) {
	case SCCP_MSG_KEEPALIVE:
	case SCCP_MSG_KEEPALIVE_ACK:
		return cur_left(&m->body) == 0;
	case SCCP_MSG_REGISTER:
		return sccp_register(st, m, rep);
	case SCCP_MSG_OPEN_RECEIVE_CHANNEL:
	case SCCP_MSG_OPEN_MULTIMEDIA_RECEIVE_CHANNEL:
		return sccp_open_channel(st, m);
	case SCCP_MSG_OPEN_RECEIVE_CHANNEL_ACK:
		return sccp_open_channel_ack(st, m, pkt, sink, "SCCP media");
	case SCCP_MSG_OPEN_MULTIMEDIA_RECEIVE_CHANNEL_ACK:
		return sccp_open_channel_ack(st, m, pkt, sink, "SCCP video");
	case SCCP_MSG_START_MEDIA_TRANSMISSION:
		return sccp_start_transmission(st, m, false, pkt, sink,
					       "SCCP media");
	case SCCP_MSG_START_MULTIMEDIA_TRANSMISSION:
		return sccp_start_transmission(st, m, true, pkt, sink,
					       "SCCP video");
	case SCCP_MSG_CALL_STATE:
		return sccp_call_state(st, m, pkt, sink);
	case SCCP_MSG_CALL_INFO:
		return sccp_call_info(st, m, pkt, sink);
	case SCCP_MSG_CALL_INFO_V2:
		return sccp_call_info_v2(st, m, pkt, sink);
	default:
		return true;
	}
}

/*
 * Frames and handles every complete message in the buffer, then drops them.
 * False when a header or a message is malformed.
 */
static bool sccp_drain(struct sccp_state *st, struct sccp_dir *d,
		       const struct proto_pkt *pkt, struct proto_report *rep,
		       const struct proto_sink *sink)
{
	struct cursor c = cur_make(d->buf.buf, d->buf.len);
	bool ok = true;

	while (ok && cur_left(&c) >= SCCP_HEADER_LEN) {
		struct cursor h = c;
		uint32_t data_len = cur_le32(&h);
		struct sccp_msg m;

		m.version = cur_le32(&h);
		if (!sccp_header_ok(data_len, m.version)) {
			ok = false;
			break;
		}
		if (cur_left(&c) - SCCP_HEADER_LEN < data_len)
			break; /* the rest comes in a later segment */
		cur_skip(&c, SCCP_HEADER_LEN);
		m.body = cur_sub(&c, data_len);
		m.id = cur_le32(&m.body);
		ok = sccp_message(st, &m, pkt, rep, sink);
	}
	stream_consume(&d->buf, d->buf.len - cur_left(&c));
	return ok;
}

/* Appends a segment, in pieces if the buffer is short of room. */
static bool sccp_feed(struct sccp_state *st, struct sccp_dir *d,
		      const struct proto_pkt *pkt, struct proto_report *rep,
		      const struct proto_sink *sink)
{
	const uint8_t *p = pkt->data;
	size_t left = pkt->len;

	while (left > 0) {
		size_t room = STREAM_MAX - d->buf.len;
		size_t n = left < room ? left : room;

		if (n == 0 || !stream_append(&d->buf, p, n))
			return false;
		p += n;
		left -= n;
		if (!sccp_drain(st, d, pkt, rep, sink))
			return false;
	}
	return true;
}

static void sccp_decide(struct sccp_state *st, struct proto_report *rep)
{
	const char *name = sccp_message_name(st->first_id);

	st->decided = true;
	if (rep->detail[0] == '\0' && name)
		snprintf(rep->detail, sizeof rep->detail, "%s", name);
}

static enum proto_verdict sccp_search(void *state, const struct proto_pkt *pkt,
				      struct proto_report *rep,
				      const struct proto_sink *sink)
{
	struct sccp_state *st = state;
	struct sccp_dir *d = &st->dir[pkt->from_initiator ? 0 : 1];

	if (pkt->transport != PROTO_TCP)
		return PROTO_NO;
	if (pkt->gap || d->resync) {
		stream_consume(&d->buf, d->buf.len);
		d->resync = false;
	}
	if (pkt->len > 0 && !sccp_feed(st, d, pkt, rep, sink)) {
		if (!st->decided)
			return PROTO_NO;
		/* Lost in a session already known: pick up at the next
		 * segment, where a message usually starts. */
		stream_consume(&d->buf, d->buf.len);
		d->resync = true;
	}
	if (!st->decided && st->known >= SCCP_YES_MESSAGES)
		sccp_decide(st, rep);
	return st->decided ? PROTO_YES : PROTO_MORE;
}

/* The TCP buffers are allocated as bytes come; the state's end frees them. */
static void sccp_release(void *state)
{
	struct sccp_state *st = state;

	stream_free(&st->dir[0].buf);
	stream_free(&st->dir[1].buf);
}

const struct recogniser proto_sccp = {
	.name = "sccp",
	.app = APP_SCCP,
	.transports = PROTO_TCP,
	.budget = SCCP_BUDGET,
	.state_size = sizeof(struct sccp_state),
	.release = sccp_release,
	.follow_budget = PROTO_FOLLOW_ALWAYS,
	.search = sccp_search,
};
