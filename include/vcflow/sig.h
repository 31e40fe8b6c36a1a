/* \summary: signature files: the vendors' port tables, loaded and matched */
#ifndef VCFLOW_SIG_H
#define VCFLOW_SIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "vcflow/addr.h"
#include "vcflow/app.h"

/*
 * A signature file is plain text, one statement a line; '#' starts a
 * comment line.  Directives set the context of the rules below them:
 *
 *   class vendor|standard|infrastructure|products   (first, once a file)
 *   source DOC | TITLE | TABLE       where the rows below come from
 *   vendor NAME
 *   product NAME [| NAME ...]
 *   rule TRANSPORT PORTS [even|odd] [catchall] [net CIDR]
 *        | APP | PROTOCOL | FUNCTION | DIRECTION | BLOCKING
 *   ua GLOB | PRODUCT                (class products only)
 *
 * TRANSPORT is tcp, udp, tcp/udp, icmp, icmpv6 or any; PORTS is N, N-M or
 * any; DIRECTION is in, out, both or -; a field with nothing to say is '-'.
 * See signatures/README for the full description.
 */

enum sig_class {
	SIG_CLASS_NONE = 0,
	SIG_CLASS_VENDOR,
	SIG_CLASS_STANDARD,
	SIG_CLASS_INFRA,
	SIG_CLASS_PRODUCTS,
};

enum sig_parity { SIG_PARITY_ANY = 0, SIG_PARITY_EVEN, SIG_PARITY_ODD };

enum sig_transport {
	SIG_T_TCP = 1u << 0,
	SIG_T_UDP = 1u << 1,
	SIG_T_ICMP = 1u << 2,
	SIG_T_ICMP6 = 1u << 3,
	SIG_T_ANY = 0xf,
};

/* A range this wide, or one marked `catchall`, is only weak evidence. */
#define SIG_CATCHALL_WIDTH 10000

struct sig_rule {
	unsigned transports; /* enum sig_transport bits */
	uint16_t port_lo, port_hi;
	enum sig_parity parity;
	bool catchall;
	bool has_net;
	struct cidr net;
	enum app app;
	enum sig_class class;
	const char *protocol, *function, *direction, *blocking;
	const char *doc, *title, *table; /* the source directive */
	const char *vendor;
	const char *const *products; /* NULL-terminated */
	const char *file;
	unsigned line;
	bool disabled; /* left out by --product */
};

struct sig_ua {
	const char *glob; /* case-insensitive fnmatch(3) pattern */
	const char *product;
	const char *file;
	unsigned line;
	/* What any text the glob matches holds, checked before fnmatch: the
	 * glob's literal start and end, and its longest literal run. */
	size_t prefix_len, suffix_len, middle_len;
	const char *suffix, *middle;
};

struct sig_set {
	struct sig_rule *rules;
	size_t n_rules, cap_rules;
	struct sig_ua *uas;
	size_t n_uas, cap_uas;
	struct sig_pool *pool; /* owns every string above */
	struct sig_index *index; /* rules by port, once sig_build_index ran */
};

void sig_set_init(struct sig_set *set);
void sig_set_free(struct sig_set *set);

/*
 * Loads a file, or every *.sig file of a folder in name order.  Returns 0,
 * or -1 with "FILE:LINE: what is wrong" in err.
 */
int sig_load_path(struct sig_set *set, const char *path, char *err,
		  size_t errlen);

/*
 * Keeps only the vendor rules whose product matches one of the patterns
 * (case-insensitive globs); standard and infrastructure rules stay.
 */
void sig_limit_products(struct sig_set *set, const char *const *patterns,
			size_t n);

void sig_print(FILE *out, const struct sig_set *set);

/*
 * Indexes the rules by port so that matching a flow looks at the few rules
 * for its ports instead of every one.  Optional (matching works without);
 * call after the last load.  Returns 0, or -1 when memory runs out.
 */
int sig_build_index(struct sig_set *set);

/* ---- matching ---- */

#define SIG_MAX_PRODUCTS 4

struct sig_endpoint {
	const struct addr *addr;
	uint16_t port;
};

/* Rows kept per match; the total is counted beyond it. */
#define SIG_MATCH_ROWS 64

struct sig_row {
	const struct sig_rule *rule;
	bool on_responder; /* matched the responder's port */
};

struct sig_match {
	const struct sig_rule *rule; /* the best rule, or NULL */
	bool on_responder;	     /* it matched the responder's port */
	/* Every rule that allows the flow, best first (rows[0].rule ==
	 * rule): the firewall's view of it. */
	struct sig_row rows[SIG_MATCH_ROWS];
	size_t n_rows;
	size_t n_rows_total;
};

/*
 * Finds the rules that allow a flow, best first.  The responder's port is
 * tried; when `responder_known` is false (no SYN seen) the initiator's
 * port too.  A rule whose subnet contains either address beats one
 * without; then a single port beats a narrow range, which beats a
 * catch-all; at equal precision a vendor's row comes first for the
 * conferencing protocols (it says what blocking breaks), the standard row
 * for plain services (a vendor listing DNS does not make DNS its own).
 */
void sig_match_flow(const struct sig_set *set, unsigned transport,
		    struct sig_endpoint responder, struct sig_endpoint initiator,
		    bool responder_known, struct sig_match *m);

/*
 * The same, remembering what each port's rules say: most flows share
 * their service ports (443, 53, 5060 ...).  A flow with an address inside
 * any rule's subnet is matched afresh.  The memo is the caller's (one
 * thread's) and must be freed before the set.
 */
struct sig_memo;
struct sig_memo *sig_memo_new(void);
void sig_memo_free(struct sig_memo *memo);
void sig_match_flow_memo(const struct sig_set *set, struct sig_memo *memo,
			 unsigned transport, struct sig_endpoint responder,
			 struct sig_endpoint initiator, bool responder_known,
			 struct sig_match *m);

/* A catch-all range, or any port without a subnet (except for ICMP,
 * which has no ports): weak evidence for a flow of this IPPROTO_*. */
bool sig_rule_weak(const struct sig_rule *r, unsigned transport);

/* The signature file's name without its folder, for "file:line". */
const char *sig_rule_file(const struct sig_rule *r);

/* The files the set's rules and product patterns came from, each once, in
 * the order loaded; stores up to max paths and returns how many there are. */
size_t sig_files(const struct sig_set *set, const char **files, size_t max);

/* The product whose `ua` pattern matches text, or NULL.  Vendor and
 * product names (the rules' and the patterns') are interned: equal names
 * are the same pointer. */
const char *sig_product_for(const struct sig_set *set, const char *text);

#endif
