/* \summary: fuzz target: the whole pipeline on a pcap or pcapng file image */
/*
 * The input is a capture file.  It goes through what src/main.c does with
 * one: the pipeline (decode, flow table, fragment reassembly, ICMP error
 * ties, recognisers), then either the output of every flow (to /dev/null)
 * or the diagnosis and its report, with a small flow limit and short
 * timeouts so that eviction and expiry run too.  The input's length picks
 * the mode: text, JSON or CSV records, or the diagnosis as text (with the
 * SIP ladders) or as JSON.  Every input must keep the accounting
 * invariant (every frame read counted exactly once): a violation aborts,
 * so the fuzzer reports it as a crash.
 */
#include <pcap/pcap.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "vcflow/classify.h"
#include "vcflow/diagnose.h"
#include "vcflow/output.h"
#include "vcflow/pipeline.h"
#include "vcflow/sig.h"
#include "vcflow/sip.h"

#define US 1000000ULL
#define MAX_FRAMES 4096

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

struct run {
	struct pipeline pipe;
	struct run_stats stats;
	struct output *out;
	struct diagnosis *diagnosis;
};

static struct sig_set sigs;
static FILE *devnull;

/* As main.c's on_flow_end. */
static void on_flow_end(struct flow *f, enum flow_end why, void *ctx)
{
	struct run *r = ctx;

	classify_finish(r->pipe.classifier, f);
	if (r->diagnosis) {
		if (why != FLOW_END_ACTIVE) {
			diagnosis_flow(r->diagnosis, f);
			classify_release(f);
		}
		return;
	}
	if (f->cls && f->cls->labels->unexpected && why != FLOW_END_ACTIVE)
		r->stats.unexpected_flows++;
	if (f->cls)
		output_flow(r->out, f, why);
	if (why != FLOW_END_ACTIVE)
		classify_release(f);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char err[1024];
	const char *dir = getenv("VCFLOW_FUZZ_SIGDIR");

	(void)argc;
	(void)argv;
	sip_library_init();
	devnull = fopen("/dev/null", "w");
	sig_set_init(&sigs);
	if (!devnull ||
	    sig_load_path(&sigs, dir ? dir : VCFLOW_SRC_SIGDIR, err,
			  sizeof err) < 0) {
		fprintf(stderr, "fuzz-pcap: %s\n", err);
		abort();
	}
	return 0;
}

/* Frames counted somewhere: in a flow, not IP, undecodable for a reason,
 * or dropped as a duplicate. */
static uint64_t accounted(const struct run_stats *s)
{
	uint64_t n = s->in_flows + s->not_ip + s->duplicates;

	for (int i = 0; i < DECODE_RESULT_COUNT; i++)
		if (i != DECODE_OK && i != DECODE_NOT_IP)
			n += s->undecodable[i];
	return n;
}

/* The accounting invariant: mid-run no frame is counted twice (pieces
 * held for reassembly may not be counted yet); at the end every frame
 * read is counted exactly once. */
static void check_accounting(const struct run_stats *s, bool at_end)
{
	uint64_t n = accounted(s);

	if (n > s->read || (at_end && n != s->read)) {
		fprintf(stderr,
			"fuzz-pcap: %llu frames read, %llu accounted for%s\n",
			(unsigned long long)s->read, (unsigned long long)n,
			at_end ? " at the end" : "");
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char errbuf[PCAP_ERRBUF_SIZE];
	struct pcap_pkthdr *h;
	const u_char *frame;
	struct run r;
	FILE *fp;
	pcap_t *pc;
	unsigned mode = (unsigned)(size % 5);

	if (size < 4)
		return 0;
	fp = fmemopen((void *)data, size, "rb");
	if (!fp)
		return 0;
	pc = pcap_fopen_offline(fp, errbuf);
	if (!pc) {
		fclose(fp);
		return 0;
	}
	memset(&r, 0, sizeof r);
	int dlt = pcap_datalink(pc);
	r.pipe.stats = &r.stats;
	if (!decode_link_supported(dlt))
		goto done;
	struct flow_timeouts t = {
		.tcp_us = 60 * US,
		.udp_us = 30 * US,
		.other_us = 30 * US,
		.closed_us = 5 * US,
	};
	r.pipe.classifier = classifier_new(&sigs);
	r.pipe.reasm = reasm_new();
	r.pipe.flows = flow_table_new(&t, 16, on_flow_end, &r);
	if (mode < 3) {
		r.out = output_new(devnull, (enum output_format)mode, false, false);
		if (!r.out)
			goto done;
	} else {
		struct diag_options o;
		memset(&o, 0, sizeof o);
		cidr_parse("10.0.0.0/8", &o.home[0]);
		cidr_parse("2001:db8::/32", &o.home[1]);
		o.n_home = 2;
		o.ladder = mode == 3;
		o.json = mode == 4;
		r.diagnosis = diagnosis_new(&o);
		if (!r.diagnosis || !r.pipe.classifier)
			goto done;
		struct classify_observer obs = { .sip = diagnosis_sip,
						 .ctx = r.diagnosis };
		classifier_observe(r.pipe.classifier, &obs);
	}
	if (!r.pipe.classifier || !r.pipe.reasm || !r.pipe.flows)
		goto done;
	for (int n = 0; n < MAX_FRAMES && pcap_next_ex(pc, &h, &frame) == 1;
	     n++) {
		pipeline_frame(&r.pipe, dlt, h, frame);
		check_accounting(&r.stats, false);
	}
	flow_table_stats(r.pipe.flows, &r.stats.flows);
	flow_table_free(r.pipe.flows, FLOW_END_EOF);
	r.pipe.flows = NULL;
	r.stats.undecodable[DECODE_ORPHAN_FRAGMENT] += reasm_free(r.pipe.reasm);
	r.pipe.reasm = NULL;
	check_accounting(&r.stats, true);
	if (r.diagnosis) {
		classify_each_expectation(r.pipe.classifier,
					  diagnosis_expectation, r.diagnosis);
		diagnosis_report(r.diagnosis, devnull);
	} else {
		output_finish(r.out, &r.stats);
	}
done:
	if (r.pipe.flows)
		flow_table_free(r.pipe.flows, FLOW_END_EOF);
	if (r.pipe.reasm)
		reasm_free(r.pipe.reasm);
	classifier_free(r.pipe.classifier);
	output_free(r.out);
	diagnosis_free(r.diagnosis);
	pcap_close(pc);
	return 0;
}
