/* \summary: labels for flows: payload recognisers, signalling, port tables */
#ifndef VCFLOW_CLASSIFY_H
#define VCFLOW_CLASSIFY_H

#include <stdbool.h>
#include <stdint.h>

#include "vcflow/flow.h"
#include "vcflow/proto.h"
#include "vcflow/rtpstat.h"
#include "vcflow/sig.h"

/* Strongest evidence last: payload wins over signalling over ports. */
enum confidence {
	CONF_NONE,
	CONF_PORT,
	CONF_SIGNALED,
	CONF_PAYLOAD,
};

const char *confidence_name(enum confidence c);

/* What named the flow's product (CONTRACT: product_evidence). */
enum product_evidence {
	PEV_NONE,
	PEV_PORT,     /* a distinctive table row */
	PEV_SIGNALED, /* the call that announced the flow */
	PEV_PAYLOAD,  /* the flow's own bytes */
};

const char *product_evidence_name(enum product_evidence e);

#define CLASS_REASON_MAX 256
/* Tables named in expected_by, one a vendor and product. */
#define LABELS_EXPECTED_MAX 32

/* A vendor's product whose table allows the flow, by its best row; a
 * standard or infrastructure row has no product. */
struct expected_by {
	const struct sig_rule *rule;
	const char *product; /* NULL for standard and infrastructure rows */
};

struct inspection; /* recognisers' state while a flow is undecided */
struct kept_report; /* a decided flow's proto_report, packed */

/* What a flow is found to be when it ends. */
struct flow_labels {
	const struct sig_rule *rule; /* the row that explains the flow */
	bool rule_on_responder;	     /* it matched the responder's port */
	const char *products[SIG_MAX_PRODUCTS + 1];
	size_t n_products;
	enum product_evidence product_evidence;
	struct expected_by expected[LABELS_EXPECTED_MAX];
	size_t n_expected, n_expected_total;
	struct sig_match match; /* every row that allows the flow */
	char call_id[PROTO_CALLID_MAX]; /* the announcing call, if signalled */
	const char *announced_as;	/* "audio", "video", "H.245" ... */
	bool via_nat;			/* matched the signalling peer, not c= */
	bool unexpected;
	char reason[CLASS_REASON_MAX];
	char product_text[PROTO_PRODUCT_MAX]; /* product as the bytes named it */
	char announced_product[PROTO_PRODUCT_MAX]; /* the announcing call's */
};

struct flow_class {
	enum app app;
	enum confidence confidence;
	uint32_t apps_seen; /* bit (1 << app) for each app the bytes showed */
	/* bit (1 << app) for each app whose recogniser looked at the bytes
	 * and said they are not that protocol */
	uint32_t apps_refuted;
	/* What the deciding recogniser saw, its texts packed: NULL until
	 * one said yes (read it through classify_report). */
	struct kept_report *report;
	struct inspection *insp;    /* NULL once decided or given up */
	bool inspected;		    /* inspection has run and ended */

	/* Set by classify_finish, valid until classify_release: the
	 * classifier's own, since one flow ends at a time, so that a live
	 * flow does not carry them. */
	struct flow_labels *labels;
	/* Each direction's RTP quality, for flows whose packets look like
	 * RTP (NULL otherwise); counted over the whole flow. */
	struct rtpstat *rtp[2];
};

struct classifier;

/* `sigs` must outlive the classifier. */
struct classifier *classifier_new(const struct sig_set *sigs);

/*
 * Workers: each has a classifier of its own (recognisers' state, memos),
 * and all share the first one's table of what signalling announced, as a
 * flow's signalling and media may reach different workers.  The
 * classifier reaches that table, and calls its observers, only between
 * guard->enter and guard->leave (classify_finish too: its caller need not
 * hold the section).  `first` must outlive the others.
 */
struct classify_guard {
	void (*enter)(void *ctx);
	void (*leave)(void *ctx);
	/* May be NULL.  Puts fn(lane, arg) off to run in its section later,
	 * in the order of the frames; false: run it now. */
	bool (*defer)(void *ctx, void (*fn)(void *lane, void *arg), void *arg);
	void *ctx;
};
struct classifier *classifier_new_sharing(const struct sig_set *sigs,
					  struct classifier *first,
					  const struct classify_guard *guard);
void classifier_free(struct classifier *c);

/*
 * Feeds one packet of a flow to the recognisers, while the flow is
 * undecided.  For IP fragments, call with the reassembled datagram's
 * payload (pkt->payload) once it is whole, never with pieces.
 */
void classify_packet(struct classifier *c, struct flow *f, enum flow_dir dir,
		     const struct packet *pkt, uint64_t ts_us);

/* Settles the labels of a flow that ends (f->cls->labels). */
void classify_finish(struct classifier *c, struct flow *f);

/* Frees f->cls and whatever inspection state is left. */
void classify_release(struct flow *f);

/* What the deciding recogniser saw, or an empty report when none did:
 * unpacked into the thread's own copy, valid until the next call. */
const struct proto_report *classify_report(const struct flow_class *fc);

/* Who else wants to read the signalling (the diagnosis, the calls): each
 * observer added is called in turn; false when there is no room left. */
#define CLASSIFY_MAX_OBSERVERS 4
struct classify_observer {
	/* flow_id: the flow the message came on */
	void (*sip)(void *ctx, const struct proto_pkt *from,
		    const struct sip_message *m, const char *flow_id);
	void *ctx;
	/* May be NULL: H.323's and SCCP's messages of calls (callevent.h). */
	void (*call_event)(void *ctx, const struct proto_pkt *from,
			   const struct call_event *e, const char *flow_id);
};
bool classifier_observe(struct classifier *c,
			const struct classify_observer *obs);

/* Media that signalling announced, as the diagnosis sees it at the end. */
struct classify_expect_info {
	const struct addr *addr;
	uint16_t port;
	uint8_t transport;
	enum app app;
	const char *what;
	const char *call_id;
	bool via_nat;
	bool matched; /* a flow used it */
};
void classify_each_expectation(const struct classifier *c,
			       void (*fn)(void *ctx,
					  const struct classify_expect_info *e),
			       void *ctx);

struct classify_stats {
	uint64_t inspected_pkts; /* packets a recogniser looked at */
	uint64_t announcements;
};
void classify_stats(const struct classifier *c, struct classify_stats *s);

#endif
