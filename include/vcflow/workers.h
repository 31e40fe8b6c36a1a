/* \summary: workers: flows split across threads by their inner 5-tuple */
#ifndef VCFLOW_WORKERS_H
#define VCFLOW_WORKERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <pcap/pcap.h>

#include "vcflow/decode.h"

/*
 * --workers N.  One reader (the caller's thread) decodes each frame far
 * enough to find its flow, and hands it, decoded, to the lane its flow
 * hashes to: a symmetric hash of the inner 5-tuple (both directions of a
 * flow, and the pieces of a fragmented datagram, reach one lane).  Each
 * lane has its own flow table and recognisers; lanes 1 to N-1 are threads,
 * lane 0 is the reader's own, with a smaller share of the flows.
 *
 * What flows share (what signalling announced, the calls, the diagnosis,
 * the output) is reached only inside a section, and sections run in the
 * order of the frames that caused them, as one thread would have run
 * them: every frame gets a sequence number, every lane sees every number
 * (its own frames whole, the others' as their time, so its idle flows end
 * when they would have), and a section for frame s runs only once every
 * other lane is done with the frames before s.  A lane whose section must
 * wait puts it off (workers_defer) and goes on with its frames.  So the
 * records are the same as with one worker, whichever lane a call's
 * signalling and its media reach; only the order in which flows are
 * written differs.
 */
#define WORKERS_MAX 64

struct worker_ops {
	/* One frame of the lane's flows, read with link type dlt, and what
	 * decoding it found (decode_packet's result and packet). */
	void (*frame)(void *lane, int dlt, const struct pcap_pkthdr *h,
		      const uint8_t *data, const struct packet *pkt,
		      enum decode_result d);
	/* The time of a frame another lane took, or of a quiet link: the
	 * lane's flows idle longer than their timeout end. */
	void (*clock)(void *lane, uint64_t ts_us);
	/* Inside a section, first: the time of the frames before it (the
	 * calls whose wait has passed are written). */
	void (*catch_up)(void *shared, uint64_t ts_us);
	/* The input has ended: the lane ends its flows. */
	void (*end)(void *lane);
	void *shared;
	/* --fanout only: reads and handles what waits on the lane's own
	 * socket; false once the lane is to stop. */
	bool (*pump)(void *lane);
};

struct workers;

/* Starts n lanes (2 to WORKERS_MAX), lane i calling ops with lanes[i].
 * NULL with err set when a thread or memory cannot be had. */
struct workers *workers_new(unsigned n, void *const *lanes,
			    const struct worker_ops *ops, char *err,
			    size_t errlen);
/*
 * --fanout: each lane reads a socket of its own, the kernel sharing the
 * flows among them (capture.h), calling ops->pump until it says to stop
 * (workers_run_fanout).  Frames of different sockets have no order between them, so
 * sections run in the order they come, and nothing is put off.
 */
struct workers *workers_new_fanout(unsigned n, void *const *lanes,
				   const struct worker_ops *ops, char *err,
				   size_t errlen);
/* --fanout: starts lanes 1 to n-1, reads lane 0's socket in this thread
 * until pump says to stop, and waits for the others to end.  -1 with err
 * set when a thread cannot be had (nothing is read then). */
int workers_run_fanout(struct workers *w, char *err, size_t errlen);
/* --fanout: the latest time the lane has read, for the calls' clock. */
void workers_fanout_time(struct workers *w, unsigned lane, uint64_t ts_us);

/* Hands one frame to its lane (copied: data may be reused after). */
void workers_frame(struct workers *w, int dlt, const struct pcap_pkthdr *h,
		   const uint8_t *data);
/* Live, on a quiet link: the time now, for every lane. */
void workers_clock(struct workers *w, uint64_t now_us);
/* Hands over what was gathered, so that the lanes are not kept waiting
 * (live, before the reader waits for the link). */
void workers_flush(struct workers *w);
/* Frames handed to the lanes so far. */
uint64_t workers_dispatched(const struct workers *w);
/* The input has ended: every lane ends its flows; returns once all
 * threads have finished.  Once only: a second call does nothing. */
void workers_finish(struct workers *w);
void workers_free(struct workers *w);

/*
 * Puts a section off (a flow that ends): fn(lane, arg) runs later, when
 * the section its frame would have had comes round, in frame order still,
 * while the lane goes on with its frames; fn enters and leaves the section
 * itself (at once: its turn has come), and may work outside it first.
 * false when it cannot be put off (the input has ended, a section is open,
 * no memory): run it now.
 */
bool workers_defer(struct workers *w, unsigned lane,
		   void (*fn)(void *lane, void *arg), void *arg);
/* A lane's section (lane is its index); sections nest. */
void workers_enter(struct workers *w, unsigned lane);
void workers_leave(struct workers *w, unsigned lane);
/* The reader's own turn at what lanes share (reopening the output after
 * log rotation): no section runs until workers_unlock. */
void workers_lock(struct workers *w);
void workers_unlock(struct workers *w);

/* --workers auto: the processors this process may run on. */
unsigned workers_auto(void);

/*
 * The lane of a frame: the symmetric hash of its inner 5-tuple; an ICMP
 * error goes with the flow it quotes; a later piece of a fragmented
 * datagram goes where its first piece went (`frags` remembers, as the
 * later pieces carry no ports: a piece read before its first goes by its
 * addresses alone).  Frames that do not decode go to lane 0.
 */
struct frag_lanes;
struct frag_lanes *frag_lanes_new(void);
void frag_lanes_free(struct frag_lanes *f);
unsigned workers_lane_of(struct frag_lanes *frags, unsigned n, int dlt,
			 const uint8_t *data, size_t caplen);

#endif
