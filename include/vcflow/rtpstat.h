/* \summary: RTP stream quality: loss, reordering, duplicates, jitter */
#ifndef VCFLOW_RTPSTAT_H
#define VCFLOW_RTPSTAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One direction of an RTP flow, as RFC 3550 appendix A.1, A.3 and A.8
 * count it at a receiver. */
struct rtpstat {
	bool started;
	uint32_t ssrc;
	uint8_t pt;
	uint16_t max_seq;
	uint32_t cycles;   /* seq wrap-arounds, << 16 */
	uint32_t base_seq;
	uint64_t received;
	uint64_t duplicates;
	uint64_t reordered;
	uint64_t window;   /* the last 64 sequence numbers seen */
	/* jitter */
	uint32_t clock_hz; /* 0 until known */
	uint64_t first_arrival_us;
	uint32_t first_ts;
	double transit;	   /* previous transit, in timestamp units */
	double jitter;	   /* RFC 3550 J, in timestamp units */
	bool have_transit;
};

/* Takes one packet's RTP header bytes; ignores what is not RTP v2. */
void rtpstat_update(struct rtpstat *s, const uint8_t *data, size_t len,
		    uint64_t arrival_us);

/* Packets expected from the sequence numbers, and lost (may be < 0 when
 * duplicates outnumber losses, as RFC 3550 A.3 allows). */
uint64_t rtpstat_expected(const struct rtpstat *s);
int64_t rtpstat_lost(const struct rtpstat *s);
/* Interarrival jitter in milliseconds, or -1 when the clock is unknown. */
double rtpstat_jitter_ms(const struct rtpstat *s);

#endif
