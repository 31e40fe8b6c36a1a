/* \summary: fuzz target: the signature file loader and matcher */
/*
 * The input is written to a file, loaded with sig_load_path, and, when it
 * loads, matched against a few flows, printed, limited by product and
 * searched for product strings.
 */
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vcflow/sig.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char path[64];
static FILE *devnull;
static volatile size_t sink;

static void remove_file(void)
{
	unlink(path);
	if (devnull)
		fclose(devnull);
}

static void check_match(const struct sig_match *m)
{
	if (m->n_rows > SIG_MATCH_ROWS || m->n_rows > m->n_rows_total ||
	    (m->rule && m->rows[0].rule != m->rule))
		abort();
	for (size_t i = 0; i < m->n_rows; i++)
		sink += strlen(m->rows[i].rule->function);
	if (m->rule) {
		const struct sig_rule *r = m->rule;
		sink += strlen(r->file) + r->line;
		if (r->protocol)
			sink += strlen(r->protocol);
		if (r->vendor)
			sink += strlen(r->vendor);
	}
}

static void match_some(const struct sig_set *set)
{
	static const struct {
		uint8_t proto;
		uint16_t rport, iport;
		bool known;
		bool v6;
	} flows[] = {
		{ IPPROTO_TCP, 5060, 40000, true, false },
		{ IPPROTO_UDP, 16384, 16385, false, false },
		{ IPPROTO_UDP, 1719, 1719, false, true },
		{ IPPROTO_TCP, 1720, 65535, true, true },
		{ IPPROTO_ICMP, 8, 0, false, false },
		{ IPPROTO_ICMPV6, 128, 129, false, true },
		{ IPPROTO_UDP, 0, 0, false, false },
		{ 47, 0, 0, false, false },
	};
	struct addr a, b;

	for (size_t i = 0; i < sizeof flows / sizeof *flows; i++) {
		struct sig_match m;
		memset(&a, 0, sizeof a);
		memset(&b, 0, sizeof b);
		if (flows[i].v6) {
			a.b[0] = 0x20, a.b[1] = 0x01, a.b[15] = 1;
			b.b[0] = 0xfd, b.b[15] = 2;
		} else {
			a.b[10] = a.b[11] = b.b[10] = b.b[11] = 0xff;
			a.b[12] = 10, a.b[15] = 1;
			b.b[12] = 192, b.b[13] = 168, b.b[15] = 2;
		}
		struct sig_endpoint resp = { &a, flows[i].rport };
		struct sig_endpoint init = { &b, flows[i].iport };
		sig_match_flow(set, flows[i].proto, resp, init, flows[i].known,
			       &m);
		check_match(&m);
	}
	const char *p = sig_product_for(set, "Cisco-CP7960G/8.0");
	if (p)
		sink += strlen(p);
	p = sig_product_for(set, "");
	if (p)
		sink += strlen(p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sig_set set;
	char err[1024];
	FILE *f;

	if (!path[0]) {
		snprintf(path, sizeof path, "/tmp/fuzz-sig-%ld.sig",
			 (long)getpid());
		devnull = fopen("/dev/null", "w");
		atexit(remove_file);
	}
	f = fopen(path, "wb");
	if (!f)
		return 0;
	if (size && fwrite(data, 1, size, f) != size) {
		fclose(f);
		return 0;
	}
	fclose(f);

	sig_set_init(&set);
	if (sig_load_path(&set, path, err, sizeof err) == 0) {
		match_some(&set);
		if (devnull)
			sig_print(devnull, &set);
		static const char *const pats[] = { "*scopia*", "[" };
		sig_limit_products(&set, pats, 2);
		match_some(&set);
	} else if (!memchr(err, 0, sizeof err)) {
		abort();
	}
	sig_set_free(&set);
	return 0;
}
