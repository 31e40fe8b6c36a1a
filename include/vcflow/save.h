/* \summary: --save-unexpected: the flagged flows' packets, in one pass */
#ifndef VCFLOW_SAVE_H
#define VCFLOW_SAVE_H

#include <pcap/pcap.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include "vcflow/flow.h"

/*
 * Whether a flow is flagged is known only when it ends, after its packets
 * were read, and the input may be a pipe that cannot be read again.  So
 * every frame goes to a candidate file beside the output as it is read;
 * at the end the flagged flows' frames are copied from it, in capture
 * order, to a temporary file that is renamed into place only when whole.
 * Flagged flows are found by a hash of their key: linear in packets.
 */
struct saver;

/* Creates the candidate file next to `path`; NULL with "PATH: why" in err. */
struct saver *saver_open(const char *path, int dlt, int snaplen, char *err,
			 size_t errlen);

/* Keeps one frame read; -1 with the reason in err (a write that failed, a
 * frame of another link type: the file holds one). */
int saver_frame(struct saver *s, int dlt, const struct pcap_pkthdr *h,
		const uint8_t *data, char *err, size_t errlen);

/* Marks an ended flow as flagged: its packets are saved. */
int saver_flag(struct saver *s, const struct flow *f);

/* Writes the output and removes the candidate file; -1 with err on a
 * failed read or write, the output then left as it was.  *stop counts
 * the signals that end the run: when one more comes while it copies, what
 * was copied so far is written. */
int saver_finish(struct saver *s, const volatile sig_atomic_t *stop,
		 char *err, size_t errlen);

/* Removes what was written and frees s (after saver_finish too). */
void saver_free(struct saver *s);

#endif
