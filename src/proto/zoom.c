/* \summary: Zoom's media framing: RTP and RTCP inside Zoom's own headers */
/* specification: none published by Zoom.  The layout below is the one
 * observed in captures by Princeton's Cabernet group and written down in
 * their repository Princeton-Cabernet/zoom-analysis: the Wireshark
 * dissector wireshark/zoom.lua and the parser src/lib/zoom.h and
 * src/lib/zoom.cc, read for this file (each offset here was checked
 * against both where both give it).  Zoom may change it at any time.  The
 * RTP and RTCP headers inside are RFC 3550 sec 5.1 and 6.4. */
#include <stdio.h>

#include "vcflow/extract.h"
#include "vcflow/proto.h"

/*
 * Media to and from Zoom's servers (UDP 8801-8810, signatures/zoom.sig)
 * begins with an 8-octet outer header (zoom.lua's "SFU encapsulation"):
 *
 *   octet 0     type: 0x05 for media; other types carry no media
 *   octets 1-2  a sequence number
 *   octet 7     direction: 0x00 towards Zoom, 0x04 from Zoom
 *
 * then the inner media header.  Media sent peer to peer has the inner
 * header alone.  Its first octet is the media type; the RTP header
 * follows at an offset that depends on it (offsets from the inner
 * header's first octet):
 *
 *   15  audio         RTP at 19
 *   16  video         RTP at 24 when octet 20 is 0x02 (a frame number
 *                     and a packet count come first), else at 20
 *   30  screen share  RTP at 20 (zoom.cc: peer to peer)
 *   13  screen share  through a server: RTP at 27 when octet 7 is 0x1e
 *   33-35 RTCP        the RTCP packet at 16 (zoom.h names 33 sender
 *                     report, 34 sender report and description)
 *
 * Other inner types (1, 21, 32 and more) are in zoom.lua with no RTP
 * offset both sources agree on: they are stepped over, not judged.
 */
#define ZOOM_PORT_FIRST 8801u
#define ZOOM_PORT_LAST 8810u

#define ZOOM_SFU_MEDIA 0x05u
#define ZOOM_SFU_HDR_LEN 8u
#define ZOOM_SFU_DIR_OFFSET 7u
#define ZOOM_DIR_TO_ZOOM 0x00u
#define ZOOM_DIR_FROM_ZOOM 0x04u

#define ZOOM_TYPE_SCREEN_SFU 13u
#define ZOOM_TYPE_AUDIO 15u
#define ZOOM_TYPE_VIDEO 16u
#define ZOOM_TYPE_SCREEN_P2P 30u
#define ZOOM_TYPE_RTCP_FIRST 33u
#define ZOOM_TYPE_RTCP_LAST 35u

#define ZOOM_AUDIO_RTP_OFFSET 19u
#define ZOOM_VIDEO_FRAME_OFFSET 20u /* 0x02: frame number and count follow */
#define ZOOM_VIDEO_FRAME_MARK 0x02u
#define ZOOM_VIDEO_RTP_OFFSET 20u
#define ZOOM_VIDEO_FRAME_RTP_OFFSET 24u
#define ZOOM_SCREEN_P2P_RTP_OFFSET 20u
#define ZOOM_SCREEN_SFU_SUBTYPE_OFFSET 7u
#define ZOOM_SCREEN_SFU_SUBTYPE 0x1eu
#define ZOOM_SCREEN_SFU_RTP_OFFSET 27u
#define ZOOM_RTCP_OFFSET 16u

/* RFC 3550 sec 5.1 and 6.4: the parts of the headers looked at. */
#define RTP_VERSION 2u
#define RTP_VERSION_SHIFT 6
#define RTP_EXTENSION_BIT 0x10u
#define RTP_CSRC_COUNT_MASK 0x0fu
#define RTP_PT_MASK 0x7fu
#define RTP_CSRC_LEN 4u
#define RTP_EXT_PROFILE_LEN 2u
#define RTP_WORD_LEN 4u
#define RTP_TS_LEN 4u
/* RTCP packet types SR (200) to XR (207): RFC 3550, 4585, 3611. */
#define RTCP_PT_FIRST 200u
#define RTCP_PT_LAST 207u

/*
 * A run: ZOOM_RUN packets of one direction with one SSRC and payload type
 * whose sequence numbers step forward by at most ZOOM_MAX_SEQ_STEP (loss);
 * a step back of at most ZOOM_MAX_MISORDER is reordering and is passed
 * over, anything else starts the run again.  RTCP has no sequence number:
 * ZOOM_RUN reports of one sender in one direction.  The timestamps are not
 * judged: the Zoom headers around the RTP header are already a pattern
 * that random bytes do not keep for a run.
 */
#define ZOOM_RUN 4u
#define ZOOM_MAX_SEQ_STEP 32
#define ZOOM_MAX_MISORDER 8
#define ZOOM_STREAMS_PER_DIR 4u
/* Packets with a 0x05 outer header that is not Zoom's layout before the
 * flow is given up; and Zoom-shaped packets looked at without a run. */
#define ZOOM_MAX_BAD 3u
#define ZOOM_MAX_SHAPED 24u
#define ZOOM_BUDGET 40u

/* An RTCP stream's `pt` holds its packet type (200-207), which no 7-bit
 * RTP payload type equals, so RTP and RTCP of one SSRC keep apart. */
struct zoom_stream {
	uint32_t ssrc;
	uint16_t seq;
	uint8_t pt;
	uint8_t count; /* packets in the run; 0: slot free */
	uint8_t type;  /* Zoom media type */
	bool p2p;      /* no outer header */
};

/* 100 octets on the usual ABIs: 2 directions x 4 streams x 12, and 4;
 * allocated at the flow's first packet that has Zoom's shape. */
struct zoom_state {
	struct zoom_stream s[2][ZOOM_STREAMS_PER_DIR];
	uint8_t victim[2]; /* next slot to reuse when all are taken */
	uint8_t bad;
	uint8_t shaped;
};

_Static_assert(sizeof(struct zoom_state) <= 128,
	       "zoom state is kept by every UDP flow with Zoom-shaped packets");

enum zoom_kind {
	ZOOM_PKT_RTP,
	ZOOM_PKT_RTCP,
	ZOOM_PKT_OTHER, /* not Zoom media (STUN, other Zoom types ...) */
	ZOOM_PKT_BAD,	/* an outer media header around what is not Zoom's */
};

/* What was found inside one packet. */
struct zoom_media {
	uint32_t ssrc;
	uint16_t seq;
	uint8_t pt; /* RTP payload type, or RTCP packet type */
	uint8_t type;
	bool p2p;
};

static bool port_is_zoom(uint16_t port)
{
	return port >= ZOOM_PORT_FIRST && port <= ZOOM_PORT_LAST;
}

/* The direction octet says which way the packet goes; where exactly one
 * end of the flow is on Zoom's ports, it must agree with that. */
static bool sfu_dir_fits(const struct proto_pkt *pkt, uint8_t dir)
{
	bool to = port_is_zoom(pkt->dport), from = port_is_zoom(pkt->sport);

	if (to && !from)
		return dir == ZOOM_DIR_TO_ZOOM;
	if (from && !to)
		return dir == ZOOM_DIR_FROM_ZOOM;
	return dir == ZOOM_DIR_TO_ZOOM || dir == ZOOM_DIR_FROM_ZOOM;
}

/* RFC 3550 sec 5.1: version 2, a source, and the CSRC list and header
 * extension it states within the datagram.  The payload (SRTP) is not
 * looked at. */
static bool inner_rtp(struct cursor c, struct zoom_media *m)
{
	uint8_t b0 = cur_u8(&c);
	uint8_t b1 = cur_u8(&c);

	m->seq = cur_be16(&c);
	cur_skip(&c, RTP_TS_LEN);
	m->ssrc = cur_be32(&c);
	if (c.bad || b0 >> RTP_VERSION_SHIFT != RTP_VERSION || m->ssrc == 0)
		return false;
	cur_skip(&c, (b0 & RTP_CSRC_COUNT_MASK) * RTP_CSRC_LEN);
	if (b0 & RTP_EXTENSION_BIT) {
		cur_skip(&c, RTP_EXT_PROFILE_LEN);
		cur_skip(&c, (size_t)cur_be16(&c) * RTP_WORD_LEN);
	}
	m->pt = b1 & RTP_PT_MASK;
	return !c.bad;
}

/* RFC 3550 sec 6.4: version 2, a packet type, a length that fits and the
 * sender's SSRC. */
static bool inner_rtcp(struct cursor c, struct zoom_media *m)
{
	size_t len = cur_left(&c);
	uint8_t b0 = cur_u8(&c);
	uint8_t pt = cur_u8(&c);
	uint16_t words = cur_be16(&c);

	m->ssrc = cur_be32(&c);
	m->pt = pt;
	m->seq = 0;
	return !c.bad && b0 >> RTP_VERSION_SHIFT == RTP_VERSION &&
	       pt >= RTCP_PT_FIRST && pt <= RTCP_PT_LAST &&
	       ((size_t)words + 1) * RTP_WORD_LEN <= len;
}

/* The inner media header at `c`: where its RTP or RTCP is, by its type. */
static enum zoom_kind inner_classify(struct cursor c, bool p2p,
				     struct zoom_media *m)
{
	uint8_t type = cur_peek(&c, 0);
	size_t off;

	m->type = type;
	m->p2p = p2p;
	switch (type) {
	case ZOOM_TYPE_AUDIO:
		off = ZOOM_AUDIO_RTP_OFFSET;
		break;
	case ZOOM_TYPE_VIDEO:
		off = cur_peek(&c, ZOOM_VIDEO_FRAME_OFFSET) ==
				      ZOOM_VIDEO_FRAME_MARK
			      ? ZOOM_VIDEO_FRAME_RTP_OFFSET
			      : ZOOM_VIDEO_RTP_OFFSET;
		break;
	case ZOOM_TYPE_SCREEN_P2P:
		off = ZOOM_SCREEN_P2P_RTP_OFFSET;
		break;
	case ZOOM_TYPE_SCREEN_SFU:
		if (p2p || cur_peek(&c, ZOOM_SCREEN_SFU_SUBTYPE_OFFSET) !=
				   ZOOM_SCREEN_SFU_SUBTYPE)
			return ZOOM_PKT_OTHER;
		off = ZOOM_SCREEN_SFU_RTP_OFFSET;
		break;
	default:
		if (type < ZOOM_TYPE_RTCP_FIRST || type > ZOOM_TYPE_RTCP_LAST)
			return ZOOM_PKT_OTHER;
		return inner_rtcp(cur_at(&c, ZOOM_RTCP_OFFSET), m)
			       ? ZOOM_PKT_RTCP
			       : ZOOM_PKT_BAD;
	}
	return inner_rtp(cur_at(&c, off), m) ? ZOOM_PKT_RTP : ZOOM_PKT_BAD;
}

static bool is_p2p_type(uint8_t type)
{
	return type == ZOOM_TYPE_AUDIO || type == ZOOM_TYPE_VIDEO ||
	       type == ZOOM_TYPE_SCREEN_P2P ||
	       (type >= ZOOM_TYPE_RTCP_FIRST && type <= ZOOM_TYPE_RTCP_LAST);
}

/*
 * A datagram opening with 0x05 is held to the outer header's layout.
 * One opening with a peer-to-peer media type may as well be another
 * protocol's (DTLS 1.3 and ZRTP share those first octets), so a miss
 * there is not counted against the flow.
 */
static enum zoom_kind zoom_classify(const struct proto_pkt *pkt,
				    struct zoom_media *m)
{
	struct cursor c = cur_make(pkt->data, pkt->len);
	uint8_t b0 = cur_peek(&c, 0);
	enum zoom_kind k;

	if (b0 == ZOOM_SFU_MEDIA) {
		uint8_t dir = cur_peek(&c, ZOOM_SFU_DIR_OFFSET);

		cur_skip(&c, ZOOM_SFU_HDR_LEN);
		if (c.bad || !sfu_dir_fits(pkt, dir))
			return ZOOM_PKT_BAD;
		if (cur_left(&c) == 0)
			return ZOOM_PKT_BAD;
		return inner_classify(c, false, m);
	}
	if (!is_p2p_type(b0))
		return ZOOM_PKT_OTHER;
	k = inner_classify(c, true, m);
	return k == ZOOM_PKT_BAD ? ZOOM_PKT_OTHER : k;
}

static struct zoom_stream *stream_for(struct zoom_state *st, unsigned dir,
				      const struct zoom_media *m)
{
	struct zoom_stream *s = st->s[dir];

	for (unsigned i = 0; i < ZOOM_STREAMS_PER_DIR; i++)
		if (s[i].count && s[i].ssrc == m->ssrc && s[i].pt == m->pt)
			return &s[i];
	for (unsigned i = 0; i < ZOOM_STREAMS_PER_DIR; i++)
		if (!s[i].count)
			return &s[i];
	st->victim[dir] = (uint8_t)((st->victim[dir] + 1) % ZOOM_STREAMS_PER_DIR);
	s[st->victim[dir]].count = 0;
	return &s[st->victim[dir]];
}

static void stream_start(struct zoom_stream *s, const struct zoom_media *m)
{
	*s = (struct zoom_stream){ .ssrc = m->ssrc,
				   .seq = m->seq,
				   .pt = m->pt,
				   .count = 1,
				   .type = m->type,
				   .p2p = m->p2p };
}

/* RFC 3550 appendix A.1: sequence numbers count packets and wrap. */
static void stream_step(struct zoom_stream *s, const struct zoom_media *m,
			bool rtcp)
{
	int16_t step = (int16_t)(uint16_t)(m->seq - s->seq);

	if (rtcp || (step > 0 && step <= ZOOM_MAX_SEQ_STEP)) {
		s->seq = m->seq;
		if (s->count < UINT8_MAX)
			s->count++;
	} else if (step > 0 || step < -ZOOM_MAX_MISORDER) {
		stream_start(s, m);
	}
	/* a duplicate or a packet a little late: passed over */
}

static const char *type_name(uint8_t type)
{
	switch (type) {
	case ZOOM_TYPE_AUDIO:
		return "audio";
	case ZOOM_TYPE_VIDEO:
		return "video";
	case ZOOM_TYPE_SCREEN_SFU:
	case ZOOM_TYPE_SCREEN_P2P:
		return "screen share";
	default:
		return "RTCP";
	}
}

static const char *const rtcp_names[RTCP_PT_LAST - RTCP_PT_FIRST + 1] = {
	"SR", "RR", "SDES", "BYE", "APP", "RTPFB", "PSFB", "XR",
};

static void fill_report(struct proto_report *rep, const struct zoom_stream *s,
			bool rtcp)
{
	const char *p2p = s->p2p ? "P2P " : "";

	if (rtcp) {
		rep->app = APP_RTCP;
		snprintf(rep->detail, sizeof rep->detail,
			 "Zoom %sRTCP %s SSRC 0x%08x", p2p,
			 rtcp_names[s->pt - RTCP_PT_FIRST], (unsigned)s->ssrc);
	} else {
		rep->app = APP_RTP;
		snprintf(rep->detail, sizeof rep->detail,
			 "Zoom %s%s PT %u SSRC 0x%08x", p2p, type_name(s->type),
			 (unsigned)s->pt, (unsigned)s->ssrc);
	}
	snprintf(rep->product, sizeof rep->product, "Zoom");
}

static enum proto_verdict zoom_search(void *state, const struct proto_pkt *pkt,
				      struct proto_report *rep,
				      const struct proto_sink *sink)
{
	struct zoom_state *st = state;
	struct zoom_media m = { 0 };
	struct zoom_stream *s;
	bool rtcp;

	(void)sink;
	switch (zoom_classify(pkt, &m)) {
	case ZOOM_PKT_OTHER:
		return PROTO_MORE;
	case ZOOM_PKT_BAD:
		if (!st)
			return PROTO_STATE;
		return ++st->bad >= ZOOM_MAX_BAD ? PROTO_NO : PROTO_MORE;
	case ZOOM_PKT_RTCP:
		rtcp = true;
		break;
	case ZOOM_PKT_RTP:
	default:
		rtcp = false;
		break;
	}
	if (!st)
		return PROTO_STATE;
	s = stream_for(st, pkt->from_initiator ? 0 : 1, &m);
	if (!s->count)
		stream_start(s, &m);
	else
		stream_step(s, &m, rtcp);
	if (s->count >= ZOOM_RUN) {
		fill_report(rep, s, rtcp);
		return PROTO_YES;
	}
	return ++st->shaped >= ZOOM_MAX_SHAPED ? PROTO_NO : PROTO_MORE;
}

const struct recogniser proto_zoom = {
	.name = "zoom",
	.app = APP_RTP,
	.transports = PROTO_UDP,
	.budget = ZOOM_BUDGET,
	.state_size = sizeof(struct zoom_state),
	.lazy_state = true,
	.search = zoom_search,
};
