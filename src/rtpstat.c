/* \summary: RTP stream quality: loss, reordering, duplicates, jitter */
/* specification: RFC 3550 sec 6.4.1 and appendix A.1, A.3, A.8; RFC 3551 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "vcflow/extract.h"
#include "vcflow/rtpstat.h"
#include "vcflow/slab.h"

#define RTP_VERSION 2
#define RTP_SEQ_MOD (1u << 16)
#define MAX_DROPOUT 3000 /* RFC 3550 A.1 */
#define MAX_MISORDER 100
#define WINDOW_BITS 64
/* A dynamic payload type's clock is learnt from this much media. */
#define CLOCK_LEARN_US 2000000ULL
#define US_PER_SEC 1000000.0

/* Per-interval samples start once this many packets came in sequence. */
#define RTP_INTERVALS_AFTER 3
#define IV_FIRST_CAP 8

/*
 * RFC 3551 sec 6, tables 4 and 5: each static payload type's encoding,
 * clock rate and, where two types share an encoding, what tells them
 * apart (the clock, or the channels); NULL where nothing is assigned.
 */
static const struct static_pt {
	const char *encoding;
	const char *label; /* encoding/clock or encoding/channels */
	uint32_t clock_hz;
} static_pts[RTPSTAT_PT_STATIC_LAST + 1] = {
	[0] = { "PCMU", "PCMU", 8000 },
	[3] = { "GSM", "GSM", 8000 },
	[4] = { "G723", "G723", 8000 },
	[5] = { "DVI4", "DVI4/8000", 8000 },
	[6] = { "DVI4", "DVI4/16000", 16000 },
	[7] = { "LPC", "LPC", 8000 },
	[8] = { "PCMA", "PCMA", 8000 },
	[9] = { "G722", "G722", 8000 }, /* RFC 3551 sec 4.5.2: 8000 */
	[10] = { "L16", "L16/2", 44100 },
	[11] = { "L16", "L16", 44100 },
	[12] = { "QCELP", "QCELP", 8000 },
	[13] = { "CN", "CN", 8000 },
	[14] = { "MPA", "MPA", 90000 },
	[15] = { "G728", "G728", 8000 },
	[16] = { "DVI4", "DVI4/11025", 11025 },
	[17] = { "DVI4", "DVI4/22050", 22050 },
	[18] = { "G729", "G729", 8000 },
	[25] = { "CelB", "CelB", 90000 },
	[26] = { "JPEG", "JPEG", 90000 },
	[28] = { "nv", "nv", 90000 },
	[31] = { "H261", "H261", 90000 },
	[32] = { "MPV", "MPV", 90000 },
	[33] = { "MP2T", "MP2T", 90000 },
	[34] = { "H263", "H263", 90000 },
};

static const struct static_pt *static_pt(uint8_t pt)
{
	return pt <= RTPSTAT_PT_STATIC_LAST && static_pts[pt].encoding
		       ? &static_pts[pt]
		       : NULL;
}

const char *rtpstat_static_name(uint8_t pt)
{
	return static_pt(pt) ? static_pt(pt)->encoding : NULL;
}

const char *rtpstat_static_label(uint8_t pt)
{
	return static_pt(pt) ? static_pt(pt)->label : NULL;
}

uint32_t rtpstat_static_clock(uint8_t pt)
{
	return static_pt(pt) ? static_pt(pt)->clock_hz : 0;
}

/* The usual clocks; a measured rate snaps to the nearest. */
static uint32_t snap_clock(double hz)
{
	static const uint32_t rates[] = { 8000, 16000, 32000, 44100, 48000,
					  90000 };
	uint32_t best = 0;
	double err = 0;

	for (size_t i = 0; i < sizeof rates / sizeof *rates; i++) {
		double e = fabs(hz - rates[i]) / rates[i];
		if (!best || e < err) {
			best = rates[i];
			err = e;
		}
	}
	return err < 0.2 ? best : 0;
}

static void restart(struct rtpstat *s, uint32_t ssrc, uint8_t pt,
		    uint16_t seq, uint32_t ts, uint64_t arrival)
{
	s->started = true;
	s->ssrc = ssrc;
	s->pt = pt;
	s->max_seq = seq;
	s->cycles = 0;
	s->base_seq = seq;
	s->received = 0;
	s->duplicates = 0;
	s->reordered = 0;
	s->window = 0;
	s->clock_hz = rtpstat_static_clock(pt);
	s->first_arrival_us = arrival;
	s->first_ts = ts;
	s->have_transit = false;
	s->jitter = 0;
	s->last_arrival_us = arrival;
	s->late = 0;
	s->have_min[0] = s->have_min[1] = false;
	s->window_start_us = arrival;
	s->n_iv = 0;
	s->iv_width_s = 1;
}

/* Neighbouring intervals merged in pairs: half as many, twice as long. */
static void iv_merge(struct rtpstat *s)
{
	uint32_t n = 0;

	for (uint32_t i = 0; i < s->n_iv; i += 2, n++) {
		struct rtpstat_interval m = s->iv[i];
		if (i + 1 < s->n_iv) {
			const struct rtpstat_interval *b = &s->iv[i + 1];
			m.pkts += b->pkts;
			m.expected += b->expected;
			m.late += b->late;
			if (b->jitter_ms > m.jitter_ms)
				m.jitter_ms = b->jitter_ms;
		}
		s->iv[n] = m;
	}
	s->n_iv = n;
	s->iv_width_s *= 2;
}

/* The interval a packet arriving now falls in, made room for; NULL when
 * the stream keeps none (yet, or memory ran out). */
static struct rtpstat_interval *iv_at(struct rtpstat *s, uint64_t arrival,
				      uint32_t advance, bool late)
{
	uint64_t since = arrival > s->first_arrival_us
				 ? arrival - s->first_arrival_us
				 : 0;
	uint64_t k;

	if (!s->iv) {
		if (s->received < RTP_INTERVALS_AFTER)
			return NULL;
		s->iv = calloc(IV_FIRST_CAP, sizeof *s->iv);
		if (!s->iv)
			return NULL;
		s->cap_iv = IV_FIRST_CAP;
	}
	if (!s->n_iv && s->received > 1) {
		/* The packets before the samples started (this one is not
		 * counted yet) go to the first. */
		uint64_t exp = rtpstat_expected(s);
		s->iv[0] = (struct rtpstat_interval){
			(uint32_t)(s->received - 1),
			(uint32_t)(exp > advance ? exp - advance : 0),
			(uint32_t)(s->late - late), -1.0f };
		s->n_iv = 1;
	}
	for (;;) {
		k = since / (RTPSTAT_INTERVAL_US * s->iv_width_s);
		if (k < RTPSTAT_MAX_INTERVALS)
			break;
		iv_merge(s);
	}
	if (k >= s->cap_iv) {
		uint32_t cap = s->cap_iv;
		while (cap <= k)
			cap *= 2;
		if (cap > RTPSTAT_MAX_INTERVALS)
			cap = RTPSTAT_MAX_INTERVALS;
		struct rtpstat_interval *v = realloc(s->iv, cap * sizeof *v);
		if (!v)
			return NULL;
		s->iv = v;
		s->cap_iv = cap;
	}
	while (s->n_iv <= k)
		s->iv[s->n_iv++] = (struct rtpstat_interval){ 0, 0, 0, -1.0f };
	return &s->iv[k];
}

/* The jitter-buffer model: whether a packet with this timestamp, arriving
 * now, comes too late to be played.  Transit is measured against the
 * stream's first packet, in milliseconds; the least transit of the current
 * and the previous window is the buffer's reference, so a sender clock
 * that drifts is followed. */
static bool is_late(struct rtpstat *s, uint32_t ts, uint64_t arrival)
{
	if (!s->clock_hz)
		return false;
	double transit = (double)(int64_t)(arrival - s->first_arrival_us) /
				 1000.0 -
			 (double)(int32_t)(ts - s->first_ts) * 1000.0 /
				 s->clock_hz;
	if (arrival >= s->window_start_us &&
	    arrival - s->window_start_us >= RTPSTAT_TRANSIT_WINDOW_US) {
		s->min_transit_ms[1] = s->min_transit_ms[0];
		s->have_min[1] = s->have_min[0];
		s->have_min[0] = false;
		s->window_start_us = arrival;
	}
	double ref = transit;
	for (int i = 0; i < 2; i++)
		if (s->have_min[i] && s->min_transit_ms[i] < ref)
			ref = s->min_transit_ms[i];
	if (!s->have_min[0] || transit < s->min_transit_ms[0]) {
		s->min_transit_ms[0] = transit;
		s->have_min[0] = true;
	}
	return transit - ref > RTPSTAT_JITTER_BUFFER_MS;
}

/* Counts a packet received (not a duplicate) that advanced the highest
 * sequence number by `advance`. */
static void count_received(struct rtpstat *s, uint32_t ts, uint64_t arrival,
			   uint32_t advance)
{
	bool late = is_late(s, ts, arrival);
	struct rtpstat_interval *iv;

	s->late += late;
	if (arrival > s->last_arrival_us)
		s->last_arrival_us = arrival;
	iv = iv_at(s, arrival, advance, late);
	if (!iv)
		return;
	iv->pkts++;
	iv->expected += advance;
	iv->late += late;
	double j = rtpstat_jitter_ms(s);
	if (j >= 0 && (float)j > iv->jitter_ms)
		iv->jitter_ms = (float)j;
}

/* Marks seq seen; returns true when it was seen already. */
static bool seen_before(struct rtpstat *s, uint16_t seq)
{
	uint16_t back = (uint16_t)(s->max_seq - seq);

	if (back >= WINDOW_BITS)
		return false;
	uint64_t bit = 1ULL << back;
	bool dup = (s->window & bit) != 0;
	s->window |= bit;
	return dup;
}

static void update_jitter(struct rtpstat *s, uint32_t ts, uint64_t arrival)
{
	if (!s->clock_hz) {
		uint64_t span = arrival - s->first_arrival_us;
		if (span < CLOCK_LEARN_US)
			return;
		s->clock_hz = snap_clock((double)(uint32_t)(ts - s->first_ts) *
					 US_PER_SEC / (double)span);
		if (!s->clock_hz)
			return;
	}
	double arrival_units = (double)arrival * s->clock_hz / US_PER_SEC;
	double transit = arrival_units - (double)ts;
	if (s->have_transit) {
		double d = fabs(transit - s->transit);
		/* RFC 3550 6.4.1: J += (|D| - J) / 16 */
		s->jitter += (d - s->jitter) / 16.0;
	}
	s->transit = transit;
	s->have_transit = true;
}

void rtpstat_update(struct rtpstat *s, const uint8_t *data, size_t len,
		    uint64_t arrival_us)
{
	struct cursor c = cur_make(data, len);
	uint8_t b0 = cur_u8(&c), b1 = cur_u8(&c);
	uint16_t seq = cur_be16(&c);
	uint32_t ts = cur_be32(&c), ssrc = cur_be32(&c);
	uint8_t pt = b1 & 0x7f;

	if (c.bad || b0 >> 6 != RTP_VERSION)
		return;
	if (!s->started || ssrc != s->ssrc) {
		/* A new source starts the count afresh (RFC 3550 A.1). */
		if (s->started && s->received > 0 && ssrc != s->ssrc &&
		    s->received > 2)
			return; /* keep the stream we follow */
		restart(s, ssrc, pt, seq, ts, arrival_us);
		s->received = 1;
		s->window = 1;
		is_late(s, ts, arrival_us); /* the first transit */
		return;
	}
	uint16_t delta = (uint16_t)(seq - s->max_seq);
	if (delta == 0) {
		s->duplicates++;
		return;
	}
	if (delta < MAX_DROPOUT) {
		if (seq < s->max_seq)
			s->cycles += RTP_SEQ_MOD;
		s->window = delta >= WINDOW_BITS ? 0 : s->window << delta;
		s->max_seq = seq;
		s->window |= 1;
		s->received++;
		update_jitter(s, ts, arrival_us);
		count_received(s, ts, arrival_us, delta);
	} else if (delta <= RTP_SEQ_MOD - MAX_MISORDER) {
		/* A big jump: the sender restarted; count from here. */
		restart(s, ssrc, pt, seq, ts, arrival_us);
		s->received = 1;
		s->window = 1;
		is_late(s, ts, arrival_us);
	} else if (seen_before(s, seq)) {
		s->duplicates++;
	} else {
		s->reordered++;
		s->received++;
		count_received(s, ts, arrival_us, 0);
	}
}

uint64_t rtpstat_expected(const struct rtpstat *s)
{
	if (!s->started)
		return 0;
	uint64_t ext_max = (uint64_t)s->cycles + s->max_seq;
	return ext_max - s->base_seq + 1;
}

int64_t rtpstat_lost(const struct rtpstat *s)
{
	return (int64_t)rtpstat_expected(s) - (int64_t)s->received;
}

double rtpstat_jitter_ms(const struct rtpstat *s)
{
	if (!s->clock_hz || !s->have_transit)
		return -1;
	return s->jitter * 1000.0 / s->clock_hz;
}

struct rtpstat *rtpstat_new(void)
{
	return slab_alloc(sizeof(struct rtpstat));
}

void rtpstat_free(struct rtpstat *s)
{
	if (!s)
		return;
	free(s->iv);
	slab_free(s, sizeof *s);
}

size_t rtpstat_intervals(const struct rtpstat *s,
			 const struct rtpstat_interval **iv, unsigned *width_s)
{
	*iv = s->iv;
	*width_s = s->iv_width_s ? s->iv_width_s : 1;
	return s->iv ? s->n_iv : 0;
}
