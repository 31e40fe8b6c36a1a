/* \summary: one captured frame through decode, flow table and recognisers */
#ifndef VCFLOW_PIPELINE_H
#define VCFLOW_PIPELINE_H

#include <pcap/pcap.h>

#include "vcflow/classify.h"
#include "vcflow/decode.h"
#include "vcflow/flow.h"
#include "vcflow/output.h"
#include "vcflow/reasm.h"

/*
 * The middle of vcflow, between reading frames and writing records:
 * decode -> flow table (and fragment reassembly) -> recognisers.  Flows
 * leave through the flow table's end callback.  The caller owns every
 * part; the pipeline holds no state of its own.
 */
struct pipeline {
	struct flow_table *flows;
	struct classifier *classifier;
	struct reasm *reasm;
	struct run_stats *stats; /* counts every frame exactly once */
};

/* One frame of link type dlt: each frame carries its own, as the files
 * of one run, and the interfaces of one pcapng file, may differ. */
void pipeline_frame(struct pipeline *p, int dlt, const struct pcap_pkthdr *h,
		    const uint8_t *data);
/* The same, for a frame decode_packet has decoded already (workers.h:
 * the reader decodes to find the lane). */
void pipeline_decoded(struct pipeline *p, const struct pcap_pkthdr *h,
		      const struct packet *pkt, enum decode_result d);

#endif
