/* \summary: flow records and statistics as text, JSON Lines or CSV */
#ifndef VCFLOW_OUTPUT_H
#define VCFLOW_OUTPUT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "vcflow/call.h"
#include "vcflow/classify.h"
#include "vcflow/decode.h"
#include "vcflow/flow.h"

enum output_format { OUT_TEXT, OUT_JSON, OUT_CSV };

/* Everything the end-of-run summary counts; every frame read is exactly
 * one of in_flows, not_ip or undecodable[]. */
struct run_stats {
	uint64_t read;
	uint64_t in_flows;
	uint64_t not_ip;
	uint64_t undecodable[DECODE_RESULT_COUNT];
	uint64_t bytes_read;
	uint64_t duplicates; /* --dedup: span copies dropped, also in read */
	struct flow_stats flows;
	uint64_t unexpected_flows;
	bool live;
	uint64_t kernel_dropped, if_dropped, kernel_received;
};

struct output;

/* all_rows: every table row that allows a flow (-v, --all-rows), not one
 * a vendor and product. */
struct output *output_new(FILE *out, enum output_format fmt, bool flush_each,
			  bool all_rows);
/* Text: quiet prints only the summary lines; colour marks severity and
 * unexpected flows (for a terminal with NO_COLOR unset). */
void output_set_text_style(struct output *o, bool quiet, bool colour);
/* JSON: the sensor every record names (--sensor; it must outlive o), or
 * NULL for none. */
void output_set_sensor(struct output *o, const char *sensor);
/* Writes one flow record (its labels settled by classify_finish). */
void output_flow(struct output *o, const struct flow *f, enum flow_end why);
/* The same in two steps, for a worker with an output of its own: the
 * JSON record built in o's buffer (false for text and CSV, which only
 * output_flow writes, as they keep tables and counts), then written to
 * o's stream, with no other record between its bytes. */
bool output_flow_build(struct output *o, const struct flow *f,
		       enum flow_end why);
void output_flow_write(struct output *o);
/* Writes one call record (JSON), or keeps its line for the text output's
 * calls section; CSV has no call records. */
void output_call(struct output *o, const struct call *c);
/* Text: prints the calls section kept so far ("calls:", a line a call)
 * and empties it; output_finish does this before its summary. */
void output_calls_section(struct output *o);
/* Ends the output: text summary tables, or the JSON stats object. */
void output_finish(struct output *o, const struct run_stats *s);
void output_free(struct output *o);

/* Counts per app, for the text summary and tests. */
uint64_t output_flows_with_app(const struct output *o, enum app app);

#endif
