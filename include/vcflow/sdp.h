/* \summary: SDP media descriptions: what each m= line will receive, and where */
#ifndef VCFLOW_SDP_H
#define VCFLOW_SDP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vcflow/addr.h"
#include "vcflow/app.h"
#include "vcflow/proto.h"

/*
 * Bounds on what is kept of one body.  A call has a handful of streams and a
 * WebRTC offer a dozen candidates per stream; more is counted, not kept.
 */
#define SDP_MAX_STREAMS 16
#define SDP_MAX_CANDIDATES 16
#define SDP_BODY_MAX 65536 /* larger bodies are not parsed */
#define SDP_PROTO_MAX 24
#define SDP_MAX_RTPMAPS 12
#define SDP_ENCODING_MAX 24

enum sdp_media_kind {
	SDP_MEDIA_OTHER,
	SDP_MEDIA_AUDIO,
	SDP_MEDIA_VIDEO,
	SDP_MEDIA_TEXT,
	SDP_MEDIA_APPLICATION,
	SDP_MEDIA_IMAGE,
	SDP_MEDIA_MESSAGE,
};

enum sdp_candidate_type {
	SDP_CAND_OTHER,
	SDP_CAND_HOST,
	SDP_CAND_SRFLX,
	SDP_CAND_PRFLX,
	SDP_CAND_RELAY,
};

/*
 * Addresses below are all zeros (::) when the description gives none that
 * can be used (a host name, a missing c= line); 0.0.0.0 is kept as written
 * (RFC 3264 hold, or an ICE placeholder).
 */

/* One a=candidate line (RFC 8445 sec 5.1, syntax in RFC 8839 sec 5.1). */
struct sdp_candidate {
	struct addr addr;
	uint16_t port;
	uint8_t transport; /* PROTO_UDP or PROTO_TCP */
	uint16_t component; /* 1 for RTP, 2 for RTCP (up to 256) */
	enum sdp_candidate_type type;
	bool listens; /* false for a TCP "tcptype active" candidate */
};

/* One a=rtpmap line (RFC 4566 sec 6): a payload type's encoding. */
struct sdp_rtpmap {
	uint8_t pt;
	uint32_t clock_hz;
	char encoding[SDP_ENCODING_MAX]; /* "PCMU", "H264", "opus" */
};

/* One m= line with the connection data and attributes that apply to it. */
struct sdp_stream {
	enum sdp_media_kind kind;
	const char *media;	   /* "audio", "video" ... (a static string) */
	char proto[SDP_PROTO_MAX]; /* transport protocol as written: "RTP/AVP" */
	enum app app;		   /* APP_RTP, APP_BFCP, APP_T38 or APP_UNKNOWN */
	uint8_t transport;	   /* PROTO_UDP or PROTO_TCP, from the proto */
	uint16_t port;		   /* 0: the stream is rejected or disabled */
	struct addr addr;	   /* media-level c=, else session-level */
	bool setup_active;	   /* a=setup:active: connects out, listens nowhere */
	/* RTP only (RFC 3550 sec 11, RFC 3605, RFC 5761). */
	bool rtcp_mux;		/* a=rtcp-mux: RTCP also on `port` */
	uint16_t rtcp_port;	/* a=rtcp, else port + 1 unless muxed; 0 none */
	struct addr rtcp_addr;	/* a=rtcp's address, else `addr` */
	size_t n_candidates;
	size_t n_candidates_dropped; /* beyond SDP_MAX_CANDIDATES */
	struct sdp_candidate candidates[SDP_MAX_CANDIDATES];
	/* RTP: the payload types' encodings, as a=rtpmap names them (the
	 * first SDP_MAX_RTPMAPS); static types need none. */
	size_t n_rtpmaps;
	struct sdp_rtpmap rtpmaps[SDP_MAX_RTPMAPS];
};

struct sdp_session {
	struct addr addr; /* session-level c= */
	size_t n_streams;
	size_t n_streams_dropped; /* m= lines beyond SDP_MAX_STREAMS */
	struct sdp_stream streams[SDP_MAX_STREAMS];
};

/*
 * Parses an SDP body (RFC 4566) with libosip2.  Returns false when it is not
 * SDP; `out` is then empty.
 */
bool sdp_parse(const uint8_t *body, size_t len, struct sdp_session *out);

/*
 * Calls sink->announce() for every flow the description says its sender will
 * receive: RTP and RTCP, BFCP, T.38 and each ICE candidate.  Rejected
 * streams (port 0), unspecified addresses and streams that only connect out
 * are left out.  `call_id` and `product` (either may be NULL) are passed
 * on; the sink copies them.
 */
void sdp_announce(const struct sdp_session *s, const struct proto_pkt *from,
		  const struct proto_sink *sink, const char *call_id,
		  const char *product);

#endif
