/* \summary: why a video call failed: findings from flows and signalling */
#ifndef VCFLOW_DIAGNOSE_H
#define VCFLOW_DIAGNOSE_H

#include <signal.h>
#include <stdbool.h>
#include <stdio.h>

#include "vcflow/addr.h"
#include "vcflow/classify.h"
#include "vcflow/flow.h"

enum severity { SEV_INFO, SEV_WARNING, SEV_ERROR, SEV_CRITICAL };

const char *severity_name(enum severity s);
bool severity_parse(const char *s, enum severity *out);

#define DIAG_MAX_HOME_NETS 16

struct diag_options {
	struct cidr home[DIAG_MAX_HOME_NETS]; /* --home-net */
	size_t n_home;
	bool ladder;	 /* draw each SIP call's signalling */
	bool json;
	/* Where a suggested rule goes: nft insert rule FAMILY TABLE CHAIN
	 * (--nft-family, --nft-table, --nft-chain; NULL: inet filter
	 * forward).  The iptables form uses the chain of the same hook. */
	const char *nft_family, *nft_table, *nft_chain;
	/* Flows kept for findings that need the whole capture (unanswered
	 * attempts, one-way media, fallbacks), and entries of each index:
	 * --max-flows, as for classification; 0 = no bound. */
	size_t max_flows;
	/* Live: a flow's own findings (a blocked connection, an unanswered
	 * request, an ICMP error) are written here as soon as the flow ends,
	 * not only in the report at exit. */
	FILE *as_they_happen;
	/* Counts the signals that end the run (SIGINT, SIGTERM): one more
	 * during the analysis after reading stops it, and what was found so
	 * far is written. */
	const volatile sig_atomic_t *stop;
	const char *sensor; /* JSON: every record names it (--sensor) */
};

/* SIP's timer B (64 * T1, RFC 3261 17.1.1.2): after this much silence an
 * unanswered request, or a SYN past its retransmissions, is certain. */
#define DIAG_UNANSWERED_US (32ULL * 1000000)

struct diagnosis;

struct diagnosis *diagnosis_new(const struct diag_options *o);
void diagnosis_free(struct diagnosis *d);

/* Feeds what the classifier reads of each SIP message (an observer). */
void diagnosis_sip(void *d, const struct proto_pkt *from,
		   const struct sip_message *m, const char *flow_id);
/* Takes an ended flow, its labels settled (classify_finish). */
void diagnosis_flow(struct diagnosis *d, const struct flow *f);
/* Takes the media signalling announced, at the end of the input. */
void diagnosis_expectation(void *d, const struct classify_expect_info *e);

/* Works out the findings, writes them and the summary; returns the worst
 * severity found, or -1 when there is none. */
int diagnosis_report(struct diagnosis *d, FILE *out);

#endif
