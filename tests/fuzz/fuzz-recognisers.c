/* \summary: fuzz target: every recogniser of the registry on a packet sequence */
/*
 * Input layout:
 *   byte 0        bit 0: transport (0 UDP, 1 TCP); bit 1: the first packet
 *                 comes from the responder; bits 2-5: the responder's
 *                 port; bit 6: the initiator's port; bit 7 (TCP): bytes
 *                 were lost before the third packet (`gap`)
 *   then records  2 bytes big-endian: bit 15 keeps the direction of the
 *                 previous packet instead of alternating, bits 0-14 the
 *                 length; then that many bytes (the last record takes
 *                 what is left)
 *
 * Each recogniser that takes the transport gets the packets in turn, with
 * its state allocated to exactly state_size bytes, until it answers NO,
 * or YES without a follow budget, or its budget is spent, as classify.c
 * drives it; release() runs at the end.  Every packet is copied to a
 * buffer of exactly its length.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vcflow/proto.h"
#include "vcflow/sip.h"

#define MAX_PKTS 64

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static volatile size_t sink;

static void on_announce(void *ctx, const struct proto_pkt *from,
			const struct proto_announce *a)
{
	(void)ctx;
	/* What a sink is handed must be readable, strings terminated. */
	sink += a->port + a->transport + (unsigned)a->app + a->addr.b[15];
	if (a->what)
		sink += strlen(a->what);
	if (a->call_id)
		sink += strlen(a->call_id);
	if (from)
		sink += from->len;
}

static void on_sip(void *ctx, const struct proto_pkt *from,
		   const struct sip_message *m)
{
	(void)ctx;
	(void)from;
	/* Every string of a parsed message must be terminated in place. */
	if (!memchr(m->method, 0, sizeof m->method) ||
	    !memchr(m->reason, 0, sizeof m->reason) ||
	    !memchr(m->call_id, 0, sizeof m->call_id) ||
	    !memchr(m->from, 0, sizeof m->from) ||
	    !memchr(m->to, 0, sizeof m->to) ||
	    !memchr(m->product, 0, sizeof m->product))
		abort();
	sink += m->status + strlen(m->call_id);
}

static void check_report(const struct proto_report *rep)
{
	/* Each text field must be NUL-terminated within its array. */
	if (!memchr(rep->detail, 0, sizeof rep->detail) ||
	    !memchr(rep->product, 0, sizeof rep->product) ||
	    !memchr(rep->call_id, 0, sizeof rep->call_id) ||
	    (unsigned)rep->app >= APP_COUNT)
		abort();
}

struct piece {
	const uint8_t *p;
	size_t len;
	bool from_initiator;
	bool gap;
};

static void run_recogniser(const struct recogniser *r, uint8_t transport,
			   const struct piece *pieces, size_t n, uint16_t sport,
			   uint16_t dport)
{
	struct proto_sink sinkobj = {
		.announce = on_announce,
		.ctx = NULL,
		.sip = on_sip,
	};
	struct proto_report *rep = calloc(1, sizeof *rep);
	void *state = calloc(1, r->state_size ? r->state_size : 1);
	unsigned seen = 0;
	bool said_yes = false;

	if (!rep || !state)
		goto out;
	for (size_t i = 0; i < n; i++) {
		unsigned limit = said_yes ? r->budget + r->follow_budget
					  : r->budget;
		if (seen >= limit)
			break;
		uint8_t *buf = malloc(pieces[i].len ? pieces[i].len : 1);
		if (!buf)
			break;
		memcpy(buf, pieces[i].p, pieces[i].len);
		struct proto_pkt pp = {
			.data = buf,
			.len = pieces[i].len,
			.transport = transport,
			.from_initiator = pieces[i].from_initiator,
			.sport = pieces[i].from_initiator ? sport : dport,
			.dport = pieces[i].from_initiator ? dport : sport,
			.ts_us = 1700000000000000ULL + i * 20000,
			.gap = pieces[i].gap,
		};
		pp.src.b[10] = pp.src.b[11] = 0xff;
		pp.dst.b[10] = pp.dst.b[11] = 0xff;
		pp.src.b[12] = 10, pp.src.b[15] = pieces[i].from_initiator ? 1 : 2;
		pp.dst.b[12] = 10, pp.dst.b[15] = pieces[i].from_initiator ? 2 : 1;
		seen++;
		enum proto_verdict v = r->search(state, &pp, rep, &sinkobj);
		free(buf);
		check_report(rep);
		if (v == PROTO_NO)
			break;
		if (v == PROTO_YES) {
			said_yes = true;
			if (!r->follow_budget && !r->provisional)
				break;
		} else if (v != PROTO_MORE) {
			abort();
		}
	}
out:
	if (state && r->release)
		r->release(state);
	free(state);
	free(rep);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	sip_library_init();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint16_t ports[] = { 5060, 1719, 1720, 2000, 3478, 443,
					  16384, 53, 69, 161, 389, 5222, 22,
					  80, 5061, 1024 };
	struct piece pieces[MAX_PKTS];
	size_t n = 0, off = 1;

	if (size < 1)
		return 0;
	uint8_t transport = data[0] & 1 ? PROTO_TCP : PROTO_UDP;
	bool dir = !(data[0] & 2);
	uint16_t dport = ports[(data[0] >> 2) & 15];
	uint16_t sport = (uint16_t)(40000 + ((data[0] >> 6) & 1));
	bool gap = transport == PROTO_TCP && (data[0] & 0x80);

	while (off < size && n < MAX_PKTS) {
		size_t len = size - off;
		bool keep = false;
		if (len >= 2) {
			uint16_t h = (uint16_t)(data[off] << 8 | data[off + 1]);
			keep = h & 0x8000;
			off += 2;
			len = h & 0x7fff;
			if (len > size - off)
				len = size - off;
		} else {
			off = size - len; /* a lone byte is a packet of its own */
		}
		if (n > 0 && !keep)
			dir = !dir;
		pieces[n] = (struct piece){ data + off, len, dir, gap && n == 2 };
		n++;
		off += len;
	}
	for (size_t i = 0; i < n_recognisers; i++) {
		const struct recogniser *r = recognisers[i];
		if (r->transports & transport)
			run_recogniser(r, transport, pieces, n, sport, dport);
	}
	return 0;
}
