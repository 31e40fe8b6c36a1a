/* \summary: RTP stream quality: loss, reordering, duplicates, jitter */
#ifndef VCFLOW_RTPSTAT_H
#define VCFLOW_RTPSTAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Per-interval samples, for charts of a stream over time: kept only for a
 * stream that has shown RTP_INTERVALS_AFTER packets in sequence, at most
 * RTPSTAT_MAX_INTERVALS of them; past that, neighbours are merged in pairs
 * and the interval doubles (1 s, 2 s, 4 s ...).
 */
#define RTPSTAT_MAX_INTERVALS 120
#define RTPSTAT_INTERVAL_US 1000000ULL
/* The jitter-buffer model: a packet whose transit (arrival time minus its
 * RTP timestamp) exceeds the least transit of the last 10 to 20 s by more
 * than this is late, as a fixed buffer this deep would discard it. */
#define RTPSTAT_JITTER_BUFFER_MS 60.0
#define RTPSTAT_TRANSIT_WINDOW_US 10000000ULL

struct rtpstat_interval {
	uint32_t pkts;	   /* received (duplicates not counted) */
	uint32_t expected; /* advance of the highest sequence number */
	uint32_t late;	   /* received, but too late for the buffer */
	float jitter_ms;   /* highest jitter estimate in it; < 0 unknown */
};

/* One direction of an RTP flow, as RFC 3550 appendix A.1, A.3 and A.8
 * count it at a receiver. */
/* Fields are ordered largest first, so that there is no padding (one is
 * kept for each direction of many flows). */
struct rtpstat {
	uint64_t received;
	uint64_t duplicates;
	uint64_t reordered;
	uint64_t window;   /* the last 64 sequence numbers seen */
	/* jitter */
	uint64_t first_arrival_us;
	double transit;	   /* previous transit, in timestamp units */
	double jitter;	   /* RFC 3550 J, in timestamp units */
	uint64_t last_arrival_us;
	/* the jitter-buffer model (needs the clock) */
	uint64_t late;
	double min_transit_ms[2]; /* [0] this window's, [1] the last one's */
	uint64_t window_start_us;
	/* per-interval samples; NULL until the stream looks like one */
	struct rtpstat_interval *iv;

	uint32_t ssrc;
	uint32_t cycles;   /* seq wrap-arounds, << 16 */
	uint32_t base_seq;
	uint32_t clock_hz; /* 0 until known */
	uint32_t first_ts;
	uint32_t n_iv, cap_iv;
	uint32_t iv_width_s;
	uint16_t max_seq;
	uint8_t pt;
	bool started;
	bool have_transit;
	bool have_min[2];
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
/* A zeroed one, from the slab (slab.h); NULL when memory runs out. */
struct rtpstat *rtpstat_new(void);
/* Frees what rtpstat_update allocated inside s, and s itself (from
 * rtpstat_new); NULL is fine. */
void rtpstat_free(struct rtpstat *s);
/* The per-interval samples (n returned) and their length in seconds. */
size_t rtpstat_intervals(const struct rtpstat *s,
			 const struct rtpstat_interval **iv, unsigned *width_s);
/* RFC 3551's static payload types, 0 to 34. */
#define RTPSTAT_PT_STATIC_LAST 34u
/* A static payload type's encoding name ("PCMU", "DVI4"), else NULL. */
const char *rtpstat_static_name(uint8_t pt);
/* The same, told apart from the types that share it ("DVI4/16000",
 * "L16/2"), else NULL. */
const char *rtpstat_static_label(uint8_t pt);
/* The clock rate of a static payload type, or 0. */
uint32_t rtpstat_static_clock(uint8_t pt);

#endif
