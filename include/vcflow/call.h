/* \summary: calls assembled from their signalling and their media flows */
#ifndef VCFLOW_CALL_H
#define VCFLOW_CALL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vcflow/addr.h"
#include "vcflow/callevent.h"
#include "vcflow/flow.h"
#include "vcflow/proto.h"
#include "vcflow/sip.h"

/*
 * A call is what one SIP Call-ID sets up, or one H.323 call (its H.225.0
 * CallIdentifier), or one SCCP call (a station's call reference; the legs
 * of two stations of one call are joined when one sends its media where
 * the other receives): its messages as the classifier reads them, and its
 * media streams as their flows end (the flows the call's SDP, H.245 or
 * SCCP announced, labelled with its call_id).  The record is written
 * once the call is over and its media had time to end, or when the input
 * ends; then its state is freed.  Everything here is bounded: calls kept at
 * once, messages, flows and streams a call.
 */
#define CALL_MAX_DEFAULT 4096
#define CALL_MAX_FLOWS 8      /* signalling flows a call */
#define CALL_MAX_MEDIA 16     /* media streams (a flow's direction each) */
#define CALL_MAX_RTCP 8
#define CALL_MAX_UAS 4
#define CALL_MAX_MESSAGES 24
#define CALL_MAX_PAYLOADS 16  /* payload types the SDP named */
#define CALL_MAX_MEDIA_ADDRS 8 /* media addresses each party's SDP gave */
#define CALL_MAX_ALIASES 4     /* SCCP legs joined into one call */
#define CALL_CODEC_MAX 24
#define CALL_KIND_MAX 16
#define CALL_FLOW_ID_MAX 17
/* SIP's INVITE transaction timeout (RFC 3261 timer B, 64 * T1). */
#define CALL_TIMER_B_US 32000000ULL
/* A stream below this MOS (R below 60, G.109's "poor" and worse) makes
 * the call's quality poor; so does more than this share of packets lost
 * or late on a stream that has no MOS. */
#define CALL_POOR_MOS 3.1
#define CALL_POOR_LOSS_PCT 5.0

enum call_status {
	CALL_OK,
	CALL_FAILED,
	CALL_UNANSWERED,
	CALL_ONE_WAY,
	CALL_NO_MEDIA,
	CALL_POOR_QUALITY,
	CALL_IN_PROGRESS,
};
const char *call_status_name(enum call_status s);

/* Why the record was written now. */
enum call_end {
	CALL_END_RELEASED, /* BYE, CANCEL, a final failure, a release or
			      on-hook, and a linger */
	CALL_END_TIMEOUT,  /* no response to the INVITE (the Setup, the
			      call's opening) for the linger */
	CALL_END_EOF,
	CALL_END_SIGNAL,
	CALL_END_EVICTED, /* the call limit was reached */
};
const char *call_end_name(enum call_end e);

enum call_party { CALL_PARTY_UNKNOWN, CALL_PARTY_CALLER, CALL_PARTY_CALLEE };
const char *call_party_name(enum call_party p); /* NULL for unknown */

/* One interval of a stream (see rtpstat.h). */
struct call_interval {
	double t_s;	  /* start, seconds from the stream's first packet */
	uint32_t pkts, lost, late;
	double jitter_ms; /* < 0: unknown */
};

/* One direction of a media flow of the call. */
struct call_media {
	char flow_id[CALL_FLOW_ID_MAX];
	enum flow_dir dir;
	uint64_t first_us; /* the flow's first packet: the record's order */
	struct addr src, dst;
	uint16_t sport, dport;
	enum call_party sender;
	char kind[CALL_KIND_MAX]; /* "audio", "video", or "" */
	bool rtp;		  /* the RTP figures below are known */
	uint32_t ssrc;
	uint8_t pt;
	char codec[CALL_CODEC_MAX]; /* "" unknown */
	uint64_t pkts;		    /* RTP packets, else the flow's packets */
	uint64_t expected;
	int64_t lost;	  /* may be < 0 with duplicates (RFC 3550 A.3) */
	uint64_t late;	  /* received too late for the jitter buffer */
	double loss_pct;  /* lost and late, of expected */
	double jitter_ms; /* < 0: unknown */
	double seconds;
	double r_factor; /* < 0 with mos */
	double mos;	 /* < 0: no E-model figures for the codec */
	unsigned interval_s;
	size_t n_intervals;
	struct call_interval *intervals;
};

/* One SIP message of the call; for H.323 and SCCP, `method` names the
 * Q.931 or SCCP message ("Setup", "CallState Connected"). */
struct call_message {
	uint64_t ts_us;
	struct addr src, dst;
	uint16_t sport, dport;
	bool is_request;
	char method[SIP_METHOD_MAX];
	unsigned status;
	char reason[SIP_REASON_MAX];
	char cseq_method[SIP_METHOD_MAX];
	bool has_sdp;
};

struct call {
	char call_id[PROTO_CALLID_MAX];
	const char *protocol; /* "sip", "h323", "sccp" */
	enum call_status status; /* settled when the record is written */
	enum call_end end;
	/* 0: none.  SIP: the final response to the INVITE; H.323: the Q.850
	 * cause of the first release message that had one; SCCP: the call
	 * state that settled it (Connected, Busy, Congestion, InvalidNumber,
	 * OnHook before an answer). */
	unsigned final_code;
	char final_reason[SIP_REASON_MAX];
	char caller[SIP_URI_MAX], callee[SIP_URI_MAX];
	char user_agents[CALL_MAX_UAS][PROTO_PRODUCT_MAX];
	size_t n_user_agents;
	/* 0: not seen */
	uint64_t attempt_us, ringing_us, answer_us, end_us;
	double post_dial_delay_ms; /* < 0: unknown */
	char flows[CALL_MAX_FLOWS][CALL_FLOW_ID_MAX];
	size_t n_flows;
	char rtcp_flows[CALL_MAX_RTCP][CALL_FLOW_ID_MAX];
	uint64_t rtcp_first_us[CALL_MAX_RTCP];
	size_t n_rtcp_flows;
	struct call_media media[CALL_MAX_MEDIA];
	size_t n_media, media_dropped;
	/* The lowest MOS of the streams each way; < 0 none. */
	double mos_to_callee, mos_to_caller;
	struct call_message messages[CALL_MAX_MESSAGES];
	size_t n_messages, messages_dropped;
	/* SCCP: the call references of the other stations' legs joined
	 * into this call, which name it too. */
	char other_ids[CALL_MAX_ALIASES][PROTO_CALLID_MAX];
	size_t n_other_ids;
};

/* Whether id names the call: its call_id or a joined leg's. */
bool call_named(const struct call *c, const char *id);

struct call_table;

typedef void (*call_write_fn)(void *ctx, const struct call *c);

/*
 * max_calls: calls kept at once (the least recently active is written
 * early past it).  linger_us: how long after a call ends its record waits
 * for its media flows to end (their idle timeout, at least); a call whose
 * INVITE got no response at all is over after as long.
 */
struct call_table *call_table_new(size_t max_calls, uint64_t linger_us,
				  call_write_fn write, void *ctx);
/* Writes nothing: call call_table_flush first. */
void call_table_free(struct call_table *t);

/* One SIP message, from the flow flow_id (may be NULL). */
void call_sip(struct call_table *t, const struct proto_pkt *from,
	      const struct sip_message *m, const char *flow_id);
/* One H.323 or SCCP message of a call, from the flow flow_id (may be
 * NULL). */
void call_event(struct call_table *t, const struct proto_pkt *from,
		const struct call_event *e, const char *flow_id);
/* A flow that ends (not a piece), its labels settled: joins its call's
 * media when its call_id names a call kept.  A call-signalling connection
 * to the H.225.0 port that was never set up (its SYN unanswered or
 * refused) is an H.323 call that could not be placed. */
void call_flow_end(struct call_table *t, const struct flow *f);
/* Writes the calls whose linger has passed at now_us. */
void call_tick(struct call_table *t, uint64_t now_us);
/* Writes every call still kept. */
void call_table_flush(struct call_table *t, enum call_end why);
/* Whether two ids name one call kept (an SCCP leg joined to another). */
bool call_same(const struct call_table *t, const char *a, const char *b);
/* Whether flow_id is a signalling flow of the call kept as call_id. */
bool call_has_flow(const struct call_table *t, const char *call_id,
		   const char *flow_id);

/*
 * The ITU-T G.107 E-model for a voice codec and the share of packets lost
 * (percent, random loss): R = 93.2 - Ie,eff with the delay impairment Id
 * taken as 0; Ie and Bpl from G.113 Appendix I.  Returns the MOS and sets
 * *r, or returns -1 when the codec has no figures there.
 */
double call_emodel_mos(const char *codec, double loss_pct, double *r);

#endif
