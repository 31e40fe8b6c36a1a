/* \summary: RTP and SRTP media: a run of packets from one source */
/* specification: RFC 3550 (RTP), RFC 3551 (static payload types), RFC 3711
 * (SRTP), RFC 5761 (RTP and RTCP on one port), RFC 7983 (demultiplexing
 * STUN, ZRTP, DTLS, TURN and RTP), RFC 8656 sec 12 (TURN ChannelData),
 * RFC 8285 (header extensions), RFC 4733 (telephone-event), RFC 3389
 * (comfort noise) */
#include <stdio.h>
#include <stdlib.h>

#include "vcflow/extract.h"
#include "vcflow/proto.h"
#include "vcflow/rtpstat.h"

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
#define RTP_PT_STATIC_LAST RTPSTAT_PT_STATIC_LAST
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
#define DEMUX_TURN_CHANNEL_FIRST 64u
#define DEMUX_TURN_CHANNEL_LAST 79u
#define DEMUX_RTP_FIRST 128u
#define DEMUX_RTP_LAST 191u

/* RFC 8656 sec 12: ChannelData is a channel number (0x4000-0x4FFF, hence
 * the first octet), the length of the data, then the data; over UDP the
 * data may be followed by padding to a multiple of four octets. */
#define TURN_CHANNEL_PAD 4u

/*
 * What makes a run: packets of one SSRC (not 0), one payload type (or a
 * second for events or comfort noise), sequence numbers stepping forward by
 * at most RTP_MAX_SEQ_STEP (loss) or back by at most RTP_MAX_MISORDER, and
 * timestamps moving the same way by at most RTP_MAX_TS_STEP (a minute of a
 * 90 kHz video clock: silence suppression may skip time, not hours).  A
 * pause longer than RTP_MAX_GAP_US starts the run again.
 */
#define RTP_MAX_SEQ_STEP 32
#define RTP_MAX_MISORDER 8
#define RTP_MAX_TS_STEP (90000u * 60u)
#define RTP_MAX_GAP_US 10000000u

/*
 * What makes a run media, not a game's counter in the same octets: the
 * timestamp is a sampling clock (RFC 3550 sec 5.1).  Each time it advances,
 * the advance is compared with the capture time that passed, at the clock
 * rates media uses (RFC 3551 sec 4.5 and 5: 8000 Hz for telephone audio,
 * 16000 Hz wideband, 48000 Hz for Opus (RFC 7587 sec 4.1), 90000 Hz for all
 * video).  Packets arrive with jitter, so an advance fits when it is within
 * RTP_PACE_SLACK_US or a tenth of the time, from the previous frame or
 * from the start of the run.  Audio timestamps advance by whole frames, so
 * their common divisor is at least RTP_MIN_FRAME_US of samples.
 */
#define RTP_N_CLOCKS 4u
#define RTP_VIDEO_CLOCK 90000u
#define RTP_PACE_SLACK_US 4000u
#define RTP_PACE_SLACK_DIV 10u
#define RTP_MIN_FRAME_US 2500u /* 2.5 ms: the shortest Opus frame */
#define RTP_SPAN_MIN_FRAMES 3u /* a span compared from the run's start */
#define RTP_US_PER_S 1000000u
/* Advances that fit a clock before a run of RTP_RUN packets is media. */
#define RTP_RUN 4u
#define RTP_PACE_HITS 2u
/*
 * Without capture times (every packet at the same instant), only the
 * timestamps speak: a longer run whose advances are whole frames, of
 * 2.5 ms at 8000 Hz (20 samples: frames at 16000 and 48000 Hz are
 * multiples) or of 90000 Hz video at 24, 25, 30, 50 or 60 frames a
 * second (multiples of 150).
 */
#define RTP_RUN_UNTIMED 6u
#define RTP_AUDIO_QUANTUM 20u
#define RTP_VIDEO_QUANTUM 150u

#define RTP_STREAMS_PER_DIR 4u
/* RTP-shaped packets looked at before giving up.  STUN, DTLS and RTCP
 * sharing the port (ICE, DTLS-SRTP) do not count toward it, so the budget
 * of packets of any kind is larger. */
#define RTP_MAX_CANDIDATES 16u
#define RTP_BUDGET 40u

static const uint32_t rtp_clocks[RTP_N_CLOCKS] = { 8000u, 16000u, 48000u,
						   RTP_VIDEO_CLOCK };

struct rtp_hdr {
	uint8_t pt;
	uint16_t seq;
	uint32_t ts;
	uint32_t ssrc;
};

/* 32 octets: capture times keep their low 32 bits (71 minutes), which a
 * run broken by every pause of RTP_MAX_GAP_US never outlasts. */
struct rtp_stream {
	uint32_t ssrc;
	uint32_t ts;	   /* timestamp of the highest sequence number */
	uint32_t first_ts; /* timestamp where the run began */
	uint32_t first_us; /* capture time where the run began */
	uint32_t frame_us; /* capture time of the first packet with `ts` */
	uint32_t tick;	   /* greatest common divisor of the advances */
	uint16_t seq;	   /* highest sequence number seen */
	uint8_t pt;
	uint8_t pt2;   /* RTP_PT_NONE, or the events / comfort noise type */
	uint8_t count; /* packets in the run */
	uint8_t hits;  /* advances that fit each clock, two bits each */
	bool used;
};

struct rtp_dir {
	struct rtp_stream s[RTP_STREAMS_PER_DIR];
	uint8_t victim; /* next slot to reuse when all are taken */
};

/* Each direction's streams are allocated at its first RTP-shaped packet:
 * a flow whose bytes never look like RTP carries a few bytes of state. */
struct rtp_state {
	struct rtp_dir *dir[2];
	uint8_t candidates;
};

enum rtp_kind {
	RTP_PKT_MEDIA, /* a well-formed RTP header */
	RTP_PKT_OTHER, /* STUN, DTLS, TURN, ZRTP or RTCP sharing the port */
	RTP_PKT_BAD,
};

enum rtp_fit { RTP_FITS, RTP_DUPLICATE, RTP_BREAKS };

static const char *rtp_pt_name(uint8_t pt)
{
	if (pt <= RTP_PT_STATIC_LAST) {
		const char *label = rtpstat_static_label(pt);
		return label ? label : "reserved";
	}
	if (pt >= RTP_PT_DYNAMIC_FIRST)
		return "dynamic";
	return "unassigned";
}

static bool in_range(uint8_t v, unsigned lo, unsigned hi)
{
	return v >= lo && v <= hi;
}

/*
 * RFC 3550 sec 5.1: every length the header states must fit the datagram.
 * The payload is not looked at: SRTP (RFC 3711 sec 3.1) encrypts it, the
 * padding count included, and ends the packet with an authentication tag.
 */
static bool rtp_parse(struct cursor c, struct rtp_hdr *h)
{
	uint8_t b0 = cur_u8(&c);
	uint8_t b1 = cur_u8(&c);

	h->seq = cur_be16(&c);
	h->ts = cur_be32(&c);
	h->ssrc = cur_be32(&c);
	if (c.bad || b0 >> RTP_VERSION_SHIFT != RTP_VERSION)
		return false;
	cur_skip(&c, (b0 & RTP_CSRC_COUNT_MASK) * RTP_CSRC_LEN);
	if (b0 & RTP_EXTENSION_BIT) {
		/* RFC 3550 sec 5.3.1; RFC 8285 sec 4.2 (0xBEDE) and 4.3
		 * (0x100X) only fill the words this length counts */
		cur_skip(&c, RTP_EXT_PROFILE_LEN);
		cur_skip(&c, (size_t)cur_be16(&c) * RTP_WORD_LEN);
	}
	if (c.bad || ((b0 & RTP_PADDING_BIT) && cur_left(&c) == 0))
		return false;
	h->pt = b1 & RTP_PT_MASK;
	return !in_range(h->pt, RTP_PT_RTCP_CLASH_FIRST, RTP_PT_RTCP_CLASH_LAST);
}

/* RFC 5761 sec 4: RTCP on the RTP port; its length must at least fit. */
static bool rtcp_mux_plausible(struct cursor c)
{
	size_t len = cur_left(&c);
	uint16_t words;

	cur_skip(&c, RTCP_LENGTH_OFFSET);
	words = cur_be16(&c);
	return !c.bad && ((size_t)words + 1) * RTCP_WORD_LEN <= len;
}

static enum rtp_kind rtp_classify(struct cursor c, struct rtp_hdr *h,
				  bool in_channel);

/* RFC 8656 sec 12: the data of a ChannelData message is classified as if
 * it had come alone; what is not ChannelData in this range is left alone
 * as TURN's (RFC 7983 sec 7). */
static enum rtp_kind turn_channel_classify(struct cursor c,
					   struct rtp_hdr *h)
{
	struct cursor data;
	uint16_t len;

	cur_skip(&c, 2); /* the channel number */
	len = cur_be16(&c);
	data = cur_sub(&c, len);
	if (c.bad || cur_left(&c) >= TURN_CHANNEL_PAD)
		return RTP_PKT_OTHER;
	return rtp_classify(data, h, true) == RTP_PKT_MEDIA ? RTP_PKT_MEDIA
							    : RTP_PKT_OTHER;
}

static enum rtp_kind rtp_classify(struct cursor c, struct rtp_hdr *h,
				  bool in_channel)
{
	uint8_t b0 = cur_peek(&c, 0);
	uint8_t b1 = cur_peek(&c, 1);
	size_t len = cur_left(&c);

	if (len == 0)
		return RTP_PKT_OTHER;
	if (in_range(b0, DEMUX_RTP_FIRST, DEMUX_RTP_LAST)) {
		if (len < 2)
			return RTP_PKT_BAD;
		if (in_range(b1, RTCP_MUX_PT_FIRST, RTCP_MUX_PT_LAST))
			return rtcp_mux_plausible(c) ? RTP_PKT_OTHER
						     : RTP_PKT_BAD;
		return rtp_parse(c, h) ? RTP_PKT_MEDIA : RTP_PKT_BAD;
	}
	if (in_range(b0, DEMUX_TURN_CHANNEL_FIRST, DEMUX_TURN_CHANNEL_LAST))
		return in_channel ? RTP_PKT_OTHER : turn_channel_classify(c, h);
	if (b0 <= DEMUX_STUN_LAST || in_range(b0, DEMUX_ZRTP_FIRST, DEMUX_DTLS_LAST))
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

static uint32_t gcd32(uint32_t a, uint32_t b)
{
	while (b) {
		uint32_t r = a % b;

		a = b;
		b = r;
	}
	return a;
}

/* Does an advance of `ticks` at `rate` take about `us` of capture time? */
static bool rtp_paced(uint32_t ticks, uint32_t us, uint32_t rate)
{
	uint64_t want = (uint64_t)ticks * RTP_US_PER_S / rate;
	uint64_t slack = want / RTP_PACE_SLACK_DIV;

	if (want < RTP_MIN_FRAME_US)
		return false;
	if (slack < RTP_PACE_SLACK_US)
		slack = RTP_PACE_SLACK_US;
	return (us > want ? us - want : want - us) <= slack;
}

static unsigned rtp_hits(const struct rtp_stream *s, unsigned clock)
{
	return (s->hits >> (2 * clock)) & 3u;
}

/* The timestamp moved on to a new frame: does it keep time? */
static void rtp_count_pace(struct rtp_stream *s, uint32_t advance,
			   uint32_t now)
{
	uint32_t span = s->ts - s->first_ts;

	for (unsigned k = 0; k < RTP_N_CLOCKS; k++) {
		uint32_t rate = rtp_clocks[k];
		bool long_span = (uint64_t)span * RTP_US_PER_S >=
				 (uint64_t)RTP_SPAN_MIN_FRAMES *
					 RTP_MIN_FRAME_US * rate;

		if (rtp_hits(s, k) < 3 &&
		    (rtp_paced(advance, now - s->frame_us, rate) ||
		     (long_span && rtp_paced(span, now - s->first_us, rate))))
			s->hits = (uint8_t)(s->hits + (1u << (2 * k)));
	}
}

/* RFC 3550 sec 5.1 and appendix A.1: sequence numbers count packets,
 * timestamps sample time; both wrap. */
static enum rtp_fit rtp_stream_fit(struct rtp_stream *s,
				   const struct rtp_hdr *h, uint32_t now)
{
	int16_t step = (int16_t)(uint16_t)(h->seq - s->seq);
	uint32_t advance;

	if (step == 0)
		return RTP_DUPLICATE;
	if ((int32_t)(now - s->frame_us) > (int32_t)RTP_MAX_GAP_US)
		return RTP_BREAKS;
	if (step > 0 && step <= RTP_MAX_SEQ_STEP)
		advance = h->ts - s->ts;
	else if (step < 0 && step >= -RTP_MAX_MISORDER)
		advance = s->ts - h->ts;
	else
		return RTP_BREAKS;
	if (advance > RTP_MAX_TS_STEP || !rtp_pt_fits(s, h->pt))
		return RTP_BREAKS;
	if (advance)
		s->tick = gcd32(s->tick, advance);
	if (step > 0) {
		s->seq = h->seq;
		s->ts = h->ts;
		if (advance) {
			rtp_count_pace(s, advance, now);
			s->frame_us = now;
		}
	}
	return RTP_FITS;
}

static void rtp_stream_start(struct rtp_stream *s, const struct rtp_hdr *h,
			     uint32_t now)
{
	*s = (struct rtp_stream){
		.used = true,
		.ssrc = h->ssrc,
		.seq = h->seq,
		.ts = h->ts,
		.first_ts = h->ts,
		.first_us = now,
		.frame_us = now,
		.pt = h->pt,
		.pt2 = RTP_PT_NONE,
		.count = 1,
	};
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

/* Is the run media?  Its timestamps must keep one of the clocks, and
 * audio's advance by whole frames; without capture times, a longer run of
 * whole frames. */
static bool rtp_is_media(const struct rtp_stream *s, uint32_t now)
{
	if (now == s->first_us)
		return s->count >= RTP_RUN_UNTIMED && s->tick &&
		       (s->tick % RTP_AUDIO_QUANTUM == 0 ||
			s->tick % RTP_VIDEO_QUANTUM == 0);
	if (s->count < RTP_RUN)
		return false;
	for (unsigned k = 0; k < RTP_N_CLOCKS; k++) {
		uint32_t frame = (uint32_t)((uint64_t)rtp_clocks[k] *
					    RTP_MIN_FRAME_US / RTP_US_PER_S);

		if (rtp_hits(s, k) < RTP_PACE_HITS)
			continue;
		if (rtp_clocks[k] == RTP_VIDEO_CLOCK || s->tick % frame == 0)
			return true;
	}
	return false;
}

/* Returns the stream once its run is media. */
static const struct rtp_stream *rtp_account(struct rtp_dir *d,
					    const struct rtp_hdr *h,
					    uint32_t now)
{
	struct rtp_stream *s;

	if (h->ssrc == 0)
		return NULL; /* a counter's zero, not a random source */
	s = rtp_stream_for(d, h->ssrc);
	if (!s->used) {
		rtp_stream_start(s, h, now);
		return NULL;
	}
	switch (rtp_stream_fit(s, h, now)) {
	case RTP_FITS:
		if (s->count < UINT8_MAX)
			s->count++;
		break;
	case RTP_DUPLICATE:
		return NULL;
	case RTP_BREAKS:
		rtp_stream_start(s, h, now);
		return NULL;
	}
	return rtp_is_media(s, now) ? s : NULL;
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

	switch (rtp_classify(cur_make(pkt->data, pkt->len), &h, false)) {
	case RTP_PKT_BAD:
		return PROTO_NO;
	case RTP_PKT_OTHER:
		return PROTO_MORE;
	case RTP_PKT_MEDIA:
		break;
	}
	if (!st)
		return PROTO_STATE;
	struct rtp_dir **d = &st->dir[pkt->from_initiator ? 0 : 1];
	if (!*d && !(*d = calloc(1, sizeof **d)))
		return PROTO_NO; /* out of memory */
	run = rtp_account(*d, &h, (uint32_t)pkt->ts_us);
	if (run) {
		rtp_fill_report(rep, run);
		return PROTO_YES;
	}
	if (++st->candidates >= RTP_MAX_CANDIDATES)
		return PROTO_NO;
	return PROTO_MORE;
}

static void rtp_release(void *state)
{
	struct rtp_state *st = state;

	free(st->dir[0]);
	free(st->dir[1]);
	st->dir[0] = st->dir[1] = NULL;
}

const struct recogniser proto_rtp = {
	.name = "rtp",
	.app = APP_RTP,
	.transports = PROTO_UDP,
	.budget = RTP_BUDGET,
	.state_size = sizeof(struct rtp_state),
	.lazy_state = true,
	.search = rtp_search,
	.release = rtp_release,
};
