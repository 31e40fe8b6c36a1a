/* \summary: RTP stream quality: loss, reordering, duplicates, jitter */
/* specification: RFC 3550 sec 6.4.1 and appendix A.1, A.3, A.8; RFC 3551 */
#include <math.h>

#include "vcflow/extract.h"
#include "vcflow/rtpstat.h"

#define RTP_VERSION 2
#define RTP_SEQ_MOD (1u << 16)
#define MAX_DROPOUT 3000 /* RFC 3550 A.1 */
#define MAX_MISORDER 100
#define WINDOW_BITS 64
/* A dynamic payload type's clock is learnt from this much media. */
#define CLOCK_LEARN_US 2000000ULL
#define US_PER_SEC 1000000.0

/* RFC 3551 table 4 and 5: the static payload types' clocks. */
static uint32_t static_clock(uint8_t pt)
{
	if (pt <= 8 || pt == 9 || pt == 12 || pt == 13 || pt == 15 ||
	    pt == 18)
		return 8000;
	if (pt == 10 || pt == 11)
		return 44100;
	if (pt == 16)
		return 11025;
	if (pt == 17)
		return 22050;
	if (pt == 14 || (pt >= 25 && pt <= 34))
		return 90000;
	return 0;
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
	s->clock_hz = static_clock(pt);
	s->first_arrival_us = arrival;
	s->first_ts = ts;
	s->have_transit = false;
	s->jitter = 0;
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
	} else if (delta <= RTP_SEQ_MOD - MAX_MISORDER) {
		/* A big jump: the sender restarted; count from here. */
		restart(s, ssrc, pt, seq, ts, arrival_us);
		s->received = 1;
		s->window = 1;
	} else if (seen_before(s, seq)) {
		s->duplicates++;
	} else {
		s->reordered++;
		s->received++;
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
