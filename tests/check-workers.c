/* \summary: unit tests of the workers: which lane a frame goes to, and the
 * order sections run in */
#include <check.h>
#include <pcap/dlt.h>
#include <stdatomic.h>
#include <string.h>

#include "frames.h"
#include "vcflow/workers.h"

#define LANES 4

static struct frame f;

static unsigned lane_of(struct frag_lanes *frags)
{
	return workers_lane_of(frags, LANES, DLT_EN10MB, f.b, f.len);
}

static void udp_between(const uint8_t src[4], const uint8_t dst[4],
			uint16_t sp, uint16_t dp)
{
	f.len = 0;
	put_eth(&f, 0x0800);
	put_ipv4(&f, 17, src, dst, 8 + 4, 0, 1, 0);
	put_udp(&f, sp, dp, "data", 4);
}

START_TEST(test_both_directions_of_a_flow_reach_one_lane)
{
	for (uint16_t port = 10000; port < 10200; port++) {
		udp_between(A4, B4, port, 5004);
		unsigned there = lane_of(NULL);
		udp_between(B4, A4, 5004, port);
		ck_assert_uint_eq(lane_of(NULL), there);
	}
}
END_TEST

/* Lane 0 is the reader's: it takes a quarter of another lane's share. */
START_TEST(test_flows_spread_over_every_lane_the_readers_less)
{
	unsigned count[LANES] = { 0 };
	const unsigned flows = 13000, shares = 1 + 4 * (LANES - 1);

	for (unsigned n = 0; n < flows; n++) {
		udp_between(A4, B4, (uint16_t)(10000 + n % 50000),
			    (uint16_t)(5004 + n / 50000));
		count[lane_of(NULL)]++;
	}
	/* each lane within a fifth of its share */
	for (unsigned i = 0; i < LANES; i++) {
		unsigned want = flows * (i ? 4 : 1) / shares;
		ck_assert_msg(count[i] > want * 4 / 5 && count[i] < want * 6 / 5,
			      "lane %u has %u of %u flows, not about %u", i,
			      count[i], flows, want);
	}
}
END_TEST

/* Port unreachable from B4, quoting A4:port -> B4:5004. */
static void port_unreachable(uint16_t port)
{
	f.len = 0;
	put_eth(&f, 0x0800);
	put_ipv4(&f, 1, B4, A4, 8 + 28, 0, 9, 0);
	put8(&f, 3);
	put8(&f, 3);
	put16(&f, 0);
	put32(&f, 0);
	put_ipv4(&f, 17, A4, B4, 8 + 100, 0, 5, 0);
	put16(&f, port);
	put16(&f, 5004);
	put16(&f, 108);
	put16(&f, 0);
}

START_TEST(test_icmp_error_goes_with_the_flow_it_quotes)
{
	for (uint16_t port = 10000; port < 10200; port++) {
		udp_between(A4, B4, port, 5004);
		unsigned there = lane_of(NULL);
		port_unreachable(port);
		ck_assert_uint_eq(lane_of(NULL), there);
	}
}
END_TEST

START_TEST(test_later_fragments_follow_their_first)
{
	struct frag_lanes *frags = frag_lanes_new();

	ck_assert_ptr_nonnull(frags);
	for (uint16_t port = 10000; port < 10200; port++) {
		uint16_t id = (uint16_t)(port - 9000);
		f.len = 0;
		put_eth(&f, 0x0800);
		put_ipv4(&f, 17, A4, B4, 16, 0, id, 0x2000); /* MF, offset 0 */
		put_udp(&f, port, 5004, "abcdefgh", 8);
		unsigned first = lane_of(frags);

		udp_between(A4, B4, port, 5004); /* the flow's whole datagrams */
		ck_assert_uint_eq(lane_of(frags), first);

		f.len = 0;
		put_eth(&f, 0x0800);
		put_ipv4(&f, 17, A4, B4, 8, 0, id, 2); /* offset 16, last */
		putbytes(&f, "ijklmnop", 8);
		ck_assert_uint_eq(lane_of(frags), first);
	}
	frag_lanes_free(frags);
}
END_TEST

START_TEST(test_frames_that_do_not_decode_go_to_lane_0)
{
	f.len = 0;
	put_eth(&f, 0x0806); /* ARP */
	putbytes(&f, "whatever", 8);
	ck_assert_uint_eq(lane_of(NULL), 0);
}
END_TEST

/*
 * Sections run in frame order whichever lane's frames they are: each lane
 * appends its frame's number to a shared log inside a section, and the
 * log comes out in order.  Frames are spread over the lanes by the hash,
 * so the lanes run side by side between sections.
 */
#define ORDER_FRAMES 3000
#define ORDER_LANES 3

struct order_lane {
	struct workers **w;
	unsigned index;
	uint64_t *log;
	size_t *n_log;
	unsigned frames, ticks;
	bool ended;
};

static void order_frame(void *ctx, int dlt, const struct pcap_pkthdr *h,
			const uint8_t *data, const struct packet *pkt,
			enum decode_result d)
{
	struct order_lane *l = ctx;
	uint64_t n;

	memcpy(&n, data + h->caplen - sizeof n, sizeof n);
	l->frames++;
	workers_enter(*l->w, l->index);
	l->log[(*l->n_log)++] = n;
	workers_leave(*l->w, l->index);
}

static void order_clock(void *ctx, uint64_t ts)
{
	struct order_lane *l = ctx;

	l->ticks++;
}

static void order_catch_up(void *shared, uint64_t ts)
{
}

static void order_end(void *ctx)
{
	struct order_lane *l = ctx;

	l->ended = true;
}

START_TEST(test_sections_run_in_frame_order)
{
	static uint64_t log[ORDER_FRAMES];
	size_t n_log = 0;
	struct workers *w = NULL;
	struct order_lane lanes[ORDER_LANES];
	void *ctx[ORDER_LANES];
	struct worker_ops ops = { order_frame, order_clock, order_catch_up,
				  order_end, NULL, NULL };
	char err[256];

	for (unsigned i = 0; i < ORDER_LANES; i++) {
		lanes[i] = (struct order_lane){ &w, i, log, &n_log, 0, 0, false };
		ctx[i] = &lanes[i];
	}
	w = workers_new(ORDER_LANES, ctx, &ops, err, sizeof err);
	ck_assert_msg(w != NULL, "%s", err);
	for (uint64_t n = 0; n < ORDER_FRAMES; n++) {
		struct pcap_pkthdr h;
		char payload[8];
		udp_between(A4, B4, (uint16_t)(20000 + n % 997), 5004);
		f.len -= 4;
		memcpy(payload, &n, sizeof n); /* the frame's number, last */
		putbytes(&f, payload, sizeof payload);
		memset(&h, 0, sizeof h);
		h.ts.tv_sec = 1700000000 + (time_t)n;
		h.caplen = h.len = (bpf_u_int32)f.len;
		workers_frame(w, DLT_EN10MB, &h, f.b);
	}
	workers_finish(w);
	ck_assert_uint_eq(workers_dispatched(w), ORDER_FRAMES);
	workers_free(w);

	ck_assert_uint_eq(n_log, ORDER_FRAMES);
	for (size_t i = 0; i < n_log; i++)
		ck_assert_uint_eq(log[i], i);
	unsigned frames = 0;
	for (unsigned i = 0; i < ORDER_LANES; i++) {
		ck_assert(lanes[i].ended);
		ck_assert_msg(lanes[i].frames > 0, "lane %u got no frame", i);
		/* every other lane's frame reaches it as a tick */
		ck_assert_uint_eq(lanes[i].ticks, ORDER_FRAMES - lanes[i].frames);
		frames += lanes[i].frames;
	}
	ck_assert_uint_eq(frames, ORDER_FRAMES);
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("workers");
	TCase *tc = tcase_create("workers");

	tcase_add_test(tc, test_both_directions_of_a_flow_reach_one_lane);
	tcase_add_test(tc, test_flows_spread_over_every_lane_the_readers_less);
	tcase_add_test(tc, test_icmp_error_goes_with_the_flow_it_quotes);
	tcase_add_test(tc, test_later_fragments_follow_their_first);
	tcase_add_test(tc, test_frames_that_do_not_decode_go_to_lane_0);
	tcase_add_test(tc, test_sections_run_in_frame_order);
	suite_add_tcase(s, tc);
	return s;
}
