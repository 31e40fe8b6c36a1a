/* \summary: one signalling message of a call, as H.323 and SCCP tell it */
#ifndef VCFLOW_CALLEVENT_H
#define VCFLOW_CALLEVENT_H

#include <stdbool.h>
#include <stdint.h>

#include "vcflow/addr.h"

/*
 * SIP messages reach the calls whole (struct sip_message); H.323's Q.931
 * and Cisco's SCCP are reduced to this: what one message did to one call.
 * The recogniser fills it from the message and the flow; every pointer may
 * be NULL and is valid only during the call to the sink, but `protocol`,
 * a string constant the calls keep.
 */
enum call_event_kind {
	CALL_EV_INFO,	 /* a message of the call that changes no state */
	CALL_EV_ATTEMPT, /* Setup; SCCP OffHook, Proceed, an incoming RingIn */
	CALL_EV_RINGING, /* Alerting; SCCP RingOut, RingIn */
	CALL_EV_ANSWER,	 /* Connect; SCCP Connected */
	CALL_EV_END,	 /* Release Complete; SCCP OnHook */
	CALL_EV_FAILURE, /* the call cannot be set up: SCCP Busy, Congestion,
			    InvalidNumber (Q.931 says so through the cause of
			    a release before Connect) */
};

/* Who sent the message, or whose leg it is (CALL_PARTY_* of call.h). */
enum call_event_side {
	CALL_EV_SIDE_UNKNOWN,
	CALL_EV_SIDE_CALLER,
	CALL_EV_SIDE_CALLEE,
};

#define CALL_EV_NO_CODE (-1)

struct call_event {
	const char *protocol; /* "h323", "sccp": a string constant */
	const char *call_id;  /* H.225.0 CallIdentifier ..., "sccp-conf-N" */
	enum call_event_kind kind;
	const char *message; /* "Setup", "CallState Connected" */
	/* Q.931: the Q.850 cause value of the Cause element; SCCP: the call
	 * state.  CALL_EV_NO_CODE when the message carries none. */
	int code;
	const char *reason;  /* the cause's Q.850 name, the state's name */
	const char *caller, *callee; /* numbers or names the message gives */
	const char *product; /* H.225.0 vendor, SCCP device */
	/* A party's signalling address: the side that sent a Q.931 message
	 * (the call reference flag says which), the SCCP station whose leg
	 * this is once its role is known. */
	enum call_event_side side;
	struct addr side_addr;
	/* Media the message names: where `side` receives (SCCP
	 * OpenReceiveChannelAck), or where it sends to (StartMediaTransmission,
	 * media_sends). */
	bool has_media;
	bool media_sends;
	struct addr media_addr;
	uint16_t media_port;
};

#endif
