/* \summary: lanes: each thread's flows, and what their ends tell the run */
#include <stdlib.h>
#include <string.h>

#include "vcflow/lanes.h"
#include "vcflow/slab.h"

/* --call ID: a flow of that call, as media or as its signalling. */
static bool in_call_shown(const struct run_sinks *s, const struct flow *f)
{
	const char *id = s->call_filter;

	return !id || !strcmp(f->cls->labels->call_id, id) ||
	       !strcmp(classify_report(f->cls)->call_id, id) ||
	       call_has_flow(s->calls, id, f->flow_id) ||
	       call_same(s->calls, id, f->cls->labels->call_id);
}

/* What lanes share (what signalling announced, the sinks) is reached
 * only inside a section: in frame order (workers.h). */
static void lane_enter(void *ctx)
{
	struct lane *l = ctx;

	if (l->lanes->workers)
		workers_enter(l->lanes->workers, l->index);
}

static void lane_leave(void *ctx)
{
	struct lane *l = ctx;

	if (l->lanes->workers)
		workers_leave(l->lanes->workers, l->index);
}

static bool lane_defer(void *ctx, void (*fn)(void *lane, void *arg),
		       void *arg)
{
	struct lane *l = ctx;

	return l->lanes->workers &&
	       workers_defer(l->lanes->workers, l->index, fn, arg);
}

static void write_flow(struct lane *l, const struct flow *f,
		       enum flow_end why, bool built)
{
	if (built)
		output_flow_write(l->out);
	else
		output_flow(l->lanes->sinks->out, f, why);
}

/*
 * A flow that ends: its labels settled and (a worker with an output of its
 * own) its record built, outside any section; then, in its section, what
 * it tells the calls, the diagnosis and --save-unexpected, and the record
 * written.
 */
static void flow_ended(struct lane *l, struct flow *f, enum flow_end why)
{
	struct run_sinks *s = l->lanes->sinks;
	bool piece = why == FLOW_END_ACTIVE;
	bool built;

	classify_finish(l->pipe.classifier, f);
	built = l->out && output_flow_build(l->out, f, why);
	lane_enter(l);
	if (f->cls && !piece)
		call_flow_end(s->calls, f);
	if (s->diagnosis) {
		if (s->report && f->cls && !piece) {
			/* The page shows the flows, as -F json writes them. */
			s->stats->unexpected_flows += f->cls->labels->unexpected;
			if ((!s->unexpected_only ||
			     f->cls->labels->unexpected) &&
			    in_call_shown(s, f))
				write_flow(l, f, why, built);
		}
		if (!piece)
			diagnosis_flow(s->diagnosis, f);
	} else {
		if (f->cls && f->cls->labels->unexpected && !piece) {
			s->stats->unexpected_flows++;
			if (s->saver && saver_flag(s->saver, f) < 0)
				s->save_failed = true;
		}
		if (f->cls &&
		    (!s->unexpected_only || f->cls->labels->unexpected) &&
		    in_call_shown(s, f))
			write_flow(l, f, why, built);
	}
	lane_leave(l);
	if (!piece)
		classify_release(f);
}

/* A worker's flow that has ended, taken from its table to wait for its
 * section's turn. */
struct ended_flow {
	struct flow f;
	enum flow_end why;
};

static void end_put_off(void *lane, void *arg)
{
	struct ended_flow *e = arg;

	flow_ended(lane, &e->f, e->why);
	free(e->f.tunnel);
	slab_free(e->f.extra, sizeof *e->f.extra);
	free(e);
}

/* With workers, the lane goes on with its frames while the flow waits
 * for the others to be done with the frames before its end. */
static bool put_off(struct lane *l, struct flow *f, enum flow_end why)
{
	struct ended_flow *e;

	if (!l->lanes->workers || why == FLOW_END_ACTIVE ||
	    !(e = malloc(sizeof *e)))
		return false;
	e->f = *f;
	e->why = why;
	if (!workers_defer(l->lanes->workers, l->index, end_put_off, e)) {
		free(e);
		return false;
	}
	f->cls = NULL; /* the copy's now */
	f->extra = NULL;
	f->tunnel = NULL;
	return true;
}

static void on_flow_end(struct flow *f, enum flow_end why, void *ctx)
{
	if (!put_off(ctx, f, why))
		flow_ended(ctx, f, why);
}

static void on_call_sip(void *ctx, const struct proto_pkt *from,
			const struct sip_message *m, const char *flow_id)
{
	struct lane *l = ctx;

	call_sip(l->lanes->sinks->calls, from, m, flow_id[0] ? flow_id : NULL);
}

/* An H.323 or SCCP message of a call, for the calls, with its flow. */
static void on_call_event(void *ctx, const struct proto_pkt *from,
			  const struct call_event *e, const char *flow_id)
{
	struct lane *l = ctx;

	call_event(l->lanes->sinks->calls, from, e,
		   flow_id[0] ? flow_id : NULL);
}

/* Each lane's flow table and classifier; the classifiers share the first
 * one's table of what signalling announced. */
static int start_lane(struct lanes *ls, struct lane *l,
		      const struct sig_set *sigs,
		      const struct flow_timeouts *t, size_t max_flows)
{
	struct run_sinks *s = ls->sinks;
	struct classify_guard guard = { lane_enter, lane_leave, lane_defer, l };
	struct classifier *first = l->index ? ls->lane[0].pipe.classifier : NULL;

	l->lanes = ls;
	l->pipe.stats = ls->n > 1 ? &l->stats : s->stats;
	l->pipe.classifier = classifier_new_sharing(sigs, first, &guard);
	l->pipe.reasm = reasm_new();
	l->pipe.flows = flow_table_new(t, max_flows, on_flow_end, l);
	if (!l->pipe.classifier || !l->pipe.reasm || !l->pipe.flows)
		return -1;
	/* JSON records are built by each worker, and only written in turn
	 * (text and CSV keep tables and counts: the run's output writes
	 * them whole). */
	if (ls->n > 1 && s->json_flows) {
		if (!(l->out = output_new(s->records, OUT_JSON, s->live,
					  s->all_rows)))
			return -1;
		output_set_sensor(l->out, s->sensor);
	}
	struct classify_observer cobs = { on_call_sip, l, on_call_event };
	classifier_observe(l->pipe.classifier, &cobs);
	if (s->diagnosis) {
		struct classify_observer obs = { diagnosis_sip, s->diagnosis,
						 NULL };
		classifier_observe(l->pipe.classifier, &obs);
	}
	return 0;
}

static void worker_frame(void *lane, int dlt, const struct pcap_pkthdr *h,
			 const uint8_t *data, const struct packet *pkt,
			 enum decode_result d)
{
	struct lane *l = lane;

	pipeline_decoded(&l->pipe, h, pkt, d);
}

static void worker_clock(void *lane, uint64_t ts_us)
{
	struct lane *l = lane;

	flow_table_expire(l->pipe.flows, ts_us);
}

static void calls_clock(void *sinks, uint64_t ts_us)
{
	struct run_sinks *s = sinks;

	call_tick(s->calls, ts_us);
}

/* The input has ended: the lane's flows end, its counts are final. */
static void lane_end(struct lane *l, enum flow_end why)
{
	struct run_stats *s = l->pipe.stats;

	if (l->pipe.flows) {
		flow_table_stats(l->pipe.flows, &s->flows);
		flow_table_free(l->pipe.flows, why);
		l->pipe.flows = NULL;
	}
	if (l->pipe.reasm)
		s->undecodable[DECODE_ORPHAN_FRAGMENT] +=
			reasm_free(l->pipe.reasm);
	l->pipe.reasm = NULL;
}

static void worker_end(void *lane)
{
	struct lane *l = lane;

	lane_end(l, l->lanes->sinks->interrupted ? FLOW_END_SIGNAL
						 : FLOW_END_EOF);
}

int lanes_start(struct lanes *ls, struct run_sinks *s, unsigned n,
		const struct sig_set *sigs, const struct flow_timeouts *t,
		size_t max_flows, bool fanout, bool (*pump)(void *lane),
		char *err, size_t errlen)
{
	void *ctx[WORKERS_MAX];
	struct worker_ops ops = { worker_frame, worker_clock, calls_clock,
				  worker_end, s, pump };

	ls->sinks = s;
	if (!(ls->lane = calloc(n, sizeof *ls->lane))) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	ls->n = n;
	/* --max-flows is the run's: each worker keeps its share. */
	max_flows = (max_flows + n - 1) / n;
	for (unsigned i = 0; i < n; i++) {
		ls->lane[i].index = i;
		if (start_lane(ls, &ls->lane[i], sigs, t, max_flows) < 0) {
			snprintf(err, errlen, "out of memory");
			return -1;
		}
		ctx[i] = &ls->lane[i];
	}
	if (n < 2)
		return 0;
	ls->workers = fanout ? workers_new_fanout(n, ctx, &ops, err, errlen)
			     : workers_new(n, ctx, &ops, err, errlen);
	return ls->workers ? 0 : -1;
}

/* A worker's counts, added to the run's once it has ended. */
static void add_stats(struct run_stats *to, const struct run_stats *from)
{
	to->read += from->read;
	to->in_flows += from->in_flows;
	to->not_ip += from->not_ip;
	for (size_t i = 0; i < DECODE_RESULT_COUNT; i++)
		to->undecodable[i] += from->undecodable[i];
	to->bytes_read += from->bytes_read;
	to->duplicates += from->duplicates;
	to->flows.created += from->flows.created;
	to->flows.ended += from->flows.ended;
	to->flows.evicted += from->flows.evicted;
	to->flows.live += from->flows.live;
	/* Each worker's peak, summed: at most that many at once. */
	to->flows.peak_live += from->flows.peak_live;
	to->unexpected_flows += from->unexpected_flows;
}

void lanes_end(struct lanes *ls, bool interrupted)
{
	if (interrupted)
		ls->sinks->interrupted = true;
	if (ls->workers) {
		workers_finish(ls->workers); /* each lane ends its flows */
		for (unsigned i = 0; i < ls->n; i++)
			add_stats(ls->sinks->stats, &ls->lane[i].stats);
	} else if (ls->lane) {
		lane_end(&ls->lane[0], ls->sinks->interrupted ? FLOW_END_SIGNAL
							      : FLOW_END_EOF);
	}
}

void lanes_free(struct lanes *ls)
{
	workers_free(ls->workers);
	ls->workers = NULL;
	/* The first classifier last: the others share its table. */
	for (unsigned i = ls->n; i-- > 0;) {
		struct lane *l = &ls->lane[i];
		flow_table_free(l->pipe.flows, FLOW_END_SIGNAL);
		reasm_free(l->pipe.reasm);
		classifier_free(l->pipe.classifier);
		output_free(l->out);
	}
	free(ls->lane);
	ls->lane = NULL;
	ls->n = 0;
}
