/* \summary: lanes: each thread's flows, and what their ends tell the run */
#ifndef VCFLOW_LANES_H
#define VCFLOW_LANES_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>

#include "vcflow/call.h"
#include "vcflow/diagnose.h"
#include "vcflow/output.h"
#include "vcflow/pipeline.h"
#include "vcflow/save.h"
#include "vcflow/sig.h"
#include "vcflow/workers.h"

/*
 * A lane is one thread's part of a run: its flow table, reassembly and
 * recognisers (pipeline.h).  A run has one lane, or with --workers one a
 * worker (workers.h).  When a flow ends, its lane settles its labels and
 * tells what every lane shares, the run's sinks: the calls, the diagnosis,
 * --save-unexpected, the records.
 */
struct run_sinks {
	struct call_table *calls;
	struct output *out;	     /* the run's records: text, CSV, calls */
	FILE *records;		     /* where the records go */
	struct diagnosis *diagnosis; /* diagnose only */
	struct saver *saver;	     /* --save-unexpected */
	bool save_failed;	     /* out of memory remembering a flow */
	struct run_stats *stats;     /* the run's counts */
	const char *call_filter;     /* --call ID */
	bool unexpected_only;	     /* --unexpected */
	bool report;		     /* report: diagnose with the flows shown */
	/* The flows are written as JSON (not diagnose's text): a worker
	 * builds its own records. */
	bool json_flows;
	bool live, all_rows;
	const char *sensor; /* what a worker's JSON records name */
	_Atomic bool interrupted; /* the flows still live end "signal" */
};

struct dedup;

struct lane {
	struct lanes *lanes;
	unsigned index;
	struct pipeline pipe;
	struct run_stats stats; /* a worker's; one lane counts in the run's */
	struct dedup *dedup;	/* the caller's: --fanout --dedup */
	struct output *out;	/* a worker's JSON records, built on its own */
};

struct lanes {
	struct lane *lane;
	unsigned n;
	struct workers *workers; /* NULL with one lane */
	struct run_sinks *sinks;
	void *owner; /* the caller's, for pump: set before lanes_start */
};

/*
 * n lanes on the signatures sigs, their flow tables sharing max_flows;
 * with more than one, the workers started too (fanout: each reading its
 * own socket through pump).  -1 with err set when memory or a thread
 * cannot be had.  s and sigs must outlive the lanes.
 */
int lanes_start(struct lanes *ls, struct run_sinks *s, unsigned n,
		const struct sig_set *sigs, const struct flow_timeouts *t,
		size_t max_flows, bool fanout, bool (*pump)(void *lane),
		char *err, size_t errlen);
/* The input has ended (by a signal when interrupted): every lane ends its
 * flows, and the workers' counts are added to the run's. */
void lanes_end(struct lanes *ls, bool interrupted);
void lanes_free(struct lanes *ls);

#endif
