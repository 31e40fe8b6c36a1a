/* \summary: RTP and SRTP media: a run of packets from one source */
/* specification: RFC 3550 (RTP), RFC 3551 (static payload types), RFC 3711
 * (SRTP), RFC 5761 (RTP and RTCP on one port), RFC 7983 (demultiplexing
 * STUN, ZRTP, DTLS, TURN and RTP), RFC 4733 (telephone-event), RFC 3389
 * (comfort noise) */
#include <stdio.h>

#include "vcflow/extract.h"
#include "vcflow/proto.h"

/* RFC 3550 sec 5.1: the fixed header. */
#define RTP_VERSION 2u
#define RTP_VERSION_SHIFT 6
#define RTP_PADDING_BIT 0x20u
#define RTP_EXTENSION_BIT 0x10u
#define RTP_CSRC_COUNT_MASK 0x0fu
#define RTP_PT_MASK 0x7fu
#define RTP_CSRC_LEN 4u
#define RTP_EXT_PROFILE_LEN 2u /* "defined by profile" field */
#define RTP_WORD_LEN 4u	       /* extension length is in 32-bit words */

/* RFC 3551 sec 6 and RFC 5761 sec 4: payload type ranges. */
#define RTP_PT_CN 13u		  /* RFC 3389 comfort noise */
#define RTP_PT_STATIC_LAST 34u	  /* last name RFC 3551 assigns */
#define RTP_PT_RTCP_CLASH_FIRST 72u /* RTCP SR..APP with the marker bit */
#define RTP_PT_RTCP_CLASH_LAST 76u
#define RTP_PT_DYNAMIC_FIRST 96u
#define RTP_PT_NONE 0xffu

/* RFC 5761 sec 4: a second octet of 192-223 is an RTCP packet type. */
#define RTCP_MUX_PT_FIRST 192u
#define RTCP_MUX_PT_LAST 223u
#define RTCP_LENGTH_OFFSET 2u /* after V/P/RC and the packet type */
#define RTCP_WORD_LEN 4u      /* the length counts 32-bit words, minus one */

/* RFC 7983 sec 7: what the first octet of a multiplexed datagram is. */
#define DEMUX_STUN_LAST 3u
#define DEMUX_ZRTP_FIRST 16u
#define DEMUX_DTLS_LAST 63u
#define DEMUX_TURN_CHANNEL_LAST 79u
#define DEMUX_RTP_FIRST 128u
#define DEMUX_RTP_LAST 191u

/*
 * What makes a run: RTP_RUN packets of one SSRC, one payload type (or a
 * second for events or comfort noise), sequence numbers stepping forward by
 * at most RTP_MAX_SEQ_STEP (loss) or back by at most RTP_MAX_MISORDER, and
 * timestamps moving the same way by at most RTP_MAX_TS_STEP (a minute of a
 * 90 kHz video clock: silence suppression may skip time, not hours).
 */
#define RTP_RUN 3u
#define RTP_MAX_SEQ_STEP 32
#define RTP_MAX_MISORDER 8
#define RTP_MAX_TS_STEP (90000u * 60u)
#define RTP_STREAMS_PER_DIR 4u
/* RTP-shaped packets looked at before giving up.  STUN, DTLS and RTCP
 * sharing the port (ICE, DTLS-SRTP) do not count toward it, so the budget
 * of packets of any kind is larger. */
#define RTP_MAX_CANDIDATES 12u
#define RTP_BUDGET 40u

struct rtp_hdr {
	uint8_t pt;
	uint16_t seq;
	uint32_t ts;
	uint32_t ssrc;
};

struct rtp_stream {
	uint32_t ssrc;
	uint32_t ts;  /* timestamp of the highest sequence number */
	uint16_t seq; /* highest sequence number seen */
	uint8_t pt;
	uint8_t pt2; /* RTP_PT_NONE, or the events / comfort noise type */
	uint8_t count;
	bool used;
};

struct rtp_dir {
	struct rtp_stream s[RTP_STREAMS_PER_DIR];
	uint8_t victim; /* next slot to reuse when all are taken */
};

struct rtp_state {
	struct rtp_dir dir[2];
	uint8_t candidates;
};

enum rtp_kind {
	RTP_PKT_MEDIA, /* a well-formed RTP header */
	RTP_PKT_OTHER, /* STUN, DTLS, TURN, ZRTP or RTCP sharing the port */
	RTP_PKT_BAD,
};

enum rtp_fit { RTP_FITS, RTP_DUPLICATE, RTP_BREAKS };

/* RFC 3551 sec 6, table 4 and 5; NULL where nothing is assigned. */
static const char *const rtp_static_names[RTP_PT_STATIC_LAST + 1] = {
	[0] = "PCMU",	     [3] = "GSM",	   [4] = "G723",
	[5] = "DVI4/8000",   [6] = "DVI4/16000",   [7] = "LPC",
	[8] = "PCMA",	     [9] = "G722",	   [10] = "L16/2",
	[11] = "L16",	     [12] = "QCELP",	   [13] = "CN",
	[14] = "MPA",	     [15] = "G728",	   [16] = "DVI4/11025",
	[17] = "DVI4/22050", [18] = "G729",	   [25] = "CelB",
	[26] = "JPEG",	     [28] = "nv",	   [31] = "H261",
	[32] = "MPV",	     [33] = "MP2T",	   [34] = "H263",
};

static const char *rtp_pt_name(uint8_t pt)
{
	if (pt <= RTP_PT_STATIC_LAST)
		return rtp_static_names[pt] ? rtp_static_names[pt] : "reserved";
	if (pt >= RTP_PT_DYNAMIC_FIRST)
		return "dynamic";
	return "unassigned";
}

static bool in_range(uint8_t v, unsigned lo, unsigned hi)
{
	return v >= lo && v <= hi;
}

/* RFC 3550 sec 5.1: every length the header states must fit the datagram. */
static bool rtp_parse(const struct proto_pkt *pkt, struct rtp_hdr *h)
{
	struct cursor c = cur_make(pkt->data, pkt->len);
	uint8_t b0 = cur_u8(&c);
	uint8_t b1 = cur_u8(&c);
	size_t left;

	h->seq = cur_be16(&c);
	h->ts = cur_be32(&c);
	h->ssrc = cur_be32(&c);
	if (c.bad || b0 >> RTP_VERSION_SHIFT != RTP_VERSION)
		return false;
	cur_skip(&c, (b0 & RTP_CSRC_COUNT_MASK) * RTP_CSRC_LEN);
	if (b0 & RTP_EXTENSION_BIT) {
		cur_skip(&c, RTP_EXT_PROFILE_LEN);
		cur_skip(&c, (size_t)cur_be16(&c) * RTP_WORD_LEN);
	}
	if (c.bad)
		return false;
	left = cur_left(&c);
	if (b0 & RTP_PADDING_BIT) {
		/* the last octet counts the padding, itself included */
		uint8_t pad = left ? cur_peek(&c, left - 1) : 0;

		if (pad == 0 || pad > left)
			return false;
	}
	h->pt = b1 & RTP_PT_MASK;
	return !in_range(h->pt, RTP_PT_RTCP_CLASH_FIRST, RTP_PT_RTCP_CLASH_LAST);
}

/* RFC 5761 sec 4: RTCP on the RTP port; its length must at least fit. */
static bool rtcp_mux_plausible(const struct proto_pkt *pkt)
{
	struct cursor c = cur_make(pkt->data, pkt->len);
	uint16_t words;

	cur_skip(&c, RTCP_LENGTH_OFFSET);
	words = cur_be16(&c);
	return !c.bad && ((size_t)words + 1) * RTCP_WORD_LEN <= pkt->len;
}

static enum rtp_kind rtp_classify(const struct proto_pkt *pkt,
				  struct rtp_hdr *h)
{
	struct cursor c = cur_make(pkt->data, pkt->len);
	uint8_t b0 = cur_u8(&c);
	uint8_t b1 = cur_u8(&c);

	if (pkt->len == 0)
		return RTP_PKT_OTHER;
	if (in_range(b0, DEMUX_RTP_FIRST, DEMUX_RTP_LAST)) {
		if (c.bad)
			return RTP_PKT_BAD;
		if (in_range(b1, RTCP_MUX_PT_FIRST, RTCP_MUX_PT_LAST))
			return rtcp_mux_plausible(pkt) ? RTP_PKT_OTHER
						       : RTP_PKT_BAD;
		return rtp_parse(pkt, h) ? RTP_PKT_MEDIA : RTP_PKT_BAD;
	}
	if (b0 <= DEMUX_STUN_LAST ||
	    in_range(b0, DEMUX_ZRTP_FIRST, DEMUX_TURN_CHANNEL_LAST))
		return RTP_PKT_OTHER;
	return RTP_PKT_BAD;
}

/* RFC 4733 events and RFC 3389 comfort noise share the SSRC of the media
 * they accompany; events use a dynamic type. */
static bool rtp_pt_may_accompany(uint8_t pt)
{
	return pt == RTP_PT_CN || pt >= RTP_PT_DYNAMIC_FIRST;
}

static bool rtp_pt_fits(struct rtp_stream *s, uint8_t pt)
{
	if (pt == s->pt || pt == s->pt2)
		return true;
	if (s->pt2 != RTP_PT_NONE)
		return false;
	if (!rtp_pt_may_accompany(pt) && !rtp_pt_may_accompany(s->pt))
		return false;
	s->pt2 = pt;
	return true;
}

/* RFC 3550 sec 5.1 and appendix A.1: sequence numbers count packets,
 * timestamps sample time; both wrap. */
static enum rtp_fit rtp_stream_fit(struct rtp_stream *s,
				   const struct rtp_hdr *h)
{
	int16_t step = (int16_t)(uint16_t)(h->seq - s->seq);

	if (step == 0)
		return RTP_DUPLICATE;
	if (step > 0 && step <= RTP_MAX_SEQ_STEP) {
		if ((uint32_t)(h->ts - s->ts) > RTP_MAX_TS_STEP)
			return RTP_BREAKS;
	} else if (step < 0 && step >= -RTP_MAX_MISORDER) {
		if ((uint32_t)(s->ts - h->ts) > RTP_MAX_TS_STEP)
			return RTP_BREAKS;
	} else {
		return RTP_BREAKS;
	}
	if (!rtp_pt_fits(s, h->pt))
		return RTP_BREAKS;
	if (step > 0) {
		s->seq = h->seq;
		s->ts = h->ts;
	}
	return RTP_FITS;
}

static void rtp_stream_start(struct rtp_stream *s, const struct rtp_hdr *h)
{
	s->used = true;
	s->ssrc = h->ssrc;
	s->seq = h->seq;
	s->ts = h->ts;
	s->pt = h->pt;
	s->pt2 = RTP_PT_NONE;
	s->count = 1;
}

static struct rtp_stream *rtp_stream_for(struct rtp_dir *d, uint32_t ssrc)
{
	for (unsigned i = 0; i < RTP_STREAMS_PER_DIR; i++)
		if (d->s[i].used && d->s[i].ssrc == ssrc)
			return &d->s[i];
	for (unsigned i = 0; i < RTP_STREAMS_PER_DIR; i++)
		if (!d->s[i].used)
			return &d->s[i];
	d->victim = (uint8_t)((d->victim + 1) % RTP_STREAMS_PER_DIR);
	d->s[d->victim].used = false;
	return &d->s[d->victim];
}

/* Returns the stream once it holds a full run. */
static const struct rtp_stream *rtp_account(struct rtp_dir *d,
					    const struct rtp_hdr *h)
{
	struct rtp_stream *s = rtp_stream_for(d, h->ssrc);

	if (!s->used) {
		rtp_stream_start(s, h);
		return NULL;
	}
	switch (rtp_stream_fit(s, h)) {
	case RTP_FITS:
		s->count++;
		break;
	case RTP_DUPLICATE:
		break;
	case RTP_BREAKS:
		rtp_stream_start(s, h);
		break;
	}
	return s->count >= RTP_RUN ? s : NULL;
}

static void rtp_fill_report(struct proto_report *rep,
			    const struct rtp_stream *s)
{
	snprintf(rep->detail, sizeof rep->detail, "PT %u %s SSRC 0x%08x",
		 (unsigned)s->pt, rtp_pt_name(s->pt), (unsigned)s->ssrc);
}

static enum proto_verdict rtp_search(void *state, const struct proto_pkt *pkt,
				     struct proto_report *rep,
				     const struct proto_sink *sink)
{
	struct rtp_state *st = state;
	struct rtp_hdr h;
	const struct rtp_stream *run;

	switch (rtp_classify(pkt, &h)) {
	case RTP_PKT_BAD:
		return PROTO_NO;
	case RTP_PKT_OTHER:
		return PROTO_MORE;
	case RTP_PKT_MEDIA:
		break;
	}
	run = rtp_account(&st->dir[pkt->from_initiator ? 0 : 1], &h);
	if (run) {
		rtp_fill_report(rep, run);
		return PROTO_YES;
	}
	if (++st->candidates >= RTP_MAX_CANDIDATES)
		return PROTO_NO;
	return PROTO_MORE;
}

const struct recogniser proto_rtp = {
	.name = "rtp",
	.app = APP_RTP,
	.transports = PROTO_UDP,
	.budget = RTP_BUDGET,
	.state_size = sizeof(struct rtp_state),
	.search = rtp_search,
};
