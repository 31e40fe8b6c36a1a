/* \summary: the interface every payload recogniser implements */
#ifndef VCFLOW_PROTO_H
#define VCFLOW_PROTO_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vcflow/addr.h"
#include "vcflow/app.h"

/*
 * A recogniser is given a flow's packets one at a time, both directions, in
 * capture order, until it answers PROTO_YES or PROTO_NO or its packet budget
 * is spent.  It keeps whatever it needs between packets in its own state
 * (state_size bytes, zeroed before the first call, freed when the flow is
 * decided); it never looks at other recognisers' state.
 *
 * Every byte is read through struct cursor (extract.h): truncated input,
 * lying length fields and garbage make a recogniser answer PROTO_NO, never
 * read out of bounds.
 */
enum proto_verdict {
	PROTO_NO,   /* not this protocol: stop calling */
	PROTO_MORE, /* can't tell yet: call again with the next packet */
	PROTO_YES,  /* recognised; proto_report says what was seen */
	/* Only from a recogniser with lazy_state, called with state NULL:
	 * this packet needs the state; nothing was written, call again with
	 * a fresh (zeroed) one. */
	PROTO_STATE,
};

enum proto_transport {
	PROTO_TCP = 1u << 0,
	PROTO_UDP = 1u << 1,
};

/* One packet of the flow as the recogniser sees it. */
struct proto_pkt {
	const uint8_t *data; /* transport payload, as captured (may be cut) */
	size_t len;	     /* bytes at data */
	uint8_t transport;   /* PROTO_TCP or PROTO_UDP */
	bool from_initiator; /* direction: true when sent by the initiator */
	struct addr src, dst;
	uint16_t sport, dport;
	uint64_t ts_us; /* capture time, microseconds since the epoch */
	/* TCP only: payload is delivered in sequence order per direction,
	 * retransmissions removed; `gap` says bytes were lost before it. */
	bool gap;
};

/* What a recogniser found; kept with the flow and printed. */
#define PROTO_DETAIL_MAX 96
#define PROTO_PRODUCT_MAX 96
#define PROTO_CALLID_MAX 128

struct proto_report {
	enum app app;			  /* defaults to the recogniser's */
	char detail[PROTO_DETAIL_MAX];	  /* "INVITE", "RRQ", "ClientHello sni=x" */
	char product[PROTO_PRODUCT_MAX];  /* product string from the bytes */
	char call_id[PROTO_CALLID_MAX];	  /* SIP Call-ID, H.323 call ref ... */
	/* STUN: an ICE connectivity check's USERNAME "RFRAG:LFRAG" (RFC 8445
	 * sec 7.2.2), as 64-bit FNV-1a hashes of the initiator's ufrag [0]
	 * and the responder's [1]; 0 when no check named them. */
	uint64_t ice_ufrag[2];
};

/*
 * Signalling (SDP, H.245, SCCP) announces media flows.  A recogniser calls
 * sink->announce() for each address and port it reads; the classifier
 * labels the matching flow "signaled".
 */
struct proto_announce {
	struct addr addr;  /* where the media will be received */
	uint16_t port;
	uint8_t transport; /* PROTO_UDP or PROTO_TCP */
	enum app app;	   /* rtp, rtcp, bfcp, h245, stun ... */
	const char *what;  /* "audio", "video", "H.245", "ICE candidate" */
	const char *call_id;
	const char *product; /* what the signalling named itself, or NULL */
};

/*
 * Signalling messages, one by one, for the calls and the diagnosis of
 * failed calls: SIP's whole (sip.h), H.323's Q.931 and SCCP's as call
 * events (callevent.h).
 */
struct sip_message;
struct call_event;
struct stream_pool;

struct proto_sink {
	void (*announce)(void *ctx, const struct proto_pkt *from,
			 const struct proto_announce *a);
	void *ctx;
	/* May be NULL. */
	void (*sip)(void *ctx, const struct proto_pkt *from,
		    const struct sip_message *m);
	/* May be NULL: one Q.931 or SCCP message of a call. */
	void (*call_event)(void *ctx, const struct proto_pkt *from,
			   const struct call_event *e);
	/* What all recognisers' large TCP message buffers hold together,
	 * capped by the classifier; may be NULL. */
	struct stream_pool *streams;
};

/* Signalling is a small share of packets: read all of it, bounding the
 * state per call rather than the packets per flow. */
#define PROTO_FOLLOW_ALWAYS UINT_MAX

struct recogniser {
	const char *name;     /* "sip", "h225-ras" ... */
	enum app app;	      /* label it gives on PROTO_YES */
	unsigned transports;  /* PROTO_TCP | PROTO_UDP */
	unsigned budget;      /* packets it may look at before giving up */
	size_t state_size;    /* bytes of per-flow state (may be 0) */
	/*
	 * The state is allocated only at the first packet that needs it:
	 * search() is called with state NULL until it returns PROTO_STATE,
	 * so that the many flows that never show this recogniser's shape
	 * carry no state for it.
	 */
	bool lazy_state;
	/*
	 * A provisional answer (STUN, DTLS) does not end inspection: the
	 * media that often follows on the same 5-tuple may still be found.
	 */
	bool provisional;
	/*
	 * Signalling keeps being read after PROTO_YES (up to follow_budget
	 * packets, PROTO_FOLLOW_ALWAYS for the flow's whole life), so
	 * announcements in later messages (the 200 OK's SDP, an H.245
	 * OpenLogicalChannelAck) and every call of a trunk are not missed.
	 */
	unsigned follow_budget;
	enum proto_verdict (*search)(void *state, const struct proto_pkt *pkt,
				     struct proto_report *rep,
				     const struct proto_sink *sink);
	/*
	 * Optional: true while the recogniser holds part of a message it
	 * still wants the rest of (a large SIP INVITE over many segments):
	 * the flow stays under inspection past INSPECT_MAX_PKTS, within the
	 * recogniser's own budget.
	 */
	bool (*pending)(const void *state);
	/* Optional: frees what search() allocated inside state. */
	void (*release)(void *state);
};

/* The registry: every recogniser, in the order they are tried. */
extern const struct recogniser *const recognisers[];
extern const size_t n_recognisers;

/*
 * Copies bytes from a packet into dst as text a person can read safely, up
 * to a NUL byte: printable ASCII and well-formed UTF-8 as they are, cut on
 * character boundaries; C0 and C1 controls, bidirectional overrides and
 * bytes that are not UTF-8 escaped as \xNN or \uNNNN.
 */
void proto_copy_text(char *dst, size_t dstlen, const uint8_t *src,
		     size_t srclen);

#endif
