/* \summary: unit tests of the flow table and Community ID */
#include <check.h>
#include <netinet/in.h>
#include <stdlib.h>

#include "vcflow/flow.h"

#define SEC 1000000ULL

struct ended {
	char id[17];
	enum flow_end why;
	uint64_t pkts_fwd, pkts_rev;
};

struct recorder {
	struct ended v[16];
	int n;
};

static void on_end(struct flow *f, enum flow_end why, void *ctx)
{
	struct recorder *r = ctx;
	if (r->n < 16) {
		memcpy(r->v[r->n].id, f->flow_id, sizeof f->flow_id);
		r->v[r->n].why = why;
		r->v[r->n].pkts_fwd = f->pkts[FLOW_FWD];
		r->v[r->n].pkts_rev = f->pkts[FLOW_REV];
		r->n++;
	}
}

static const struct flow_timeouts timeouts = {
	.tcp_us = 3600 * SEC,
	.udp_us = 600 * SEC,
	.other_us = 600 * SEC,
	.closed_us = 5 * SEC,
};

static struct packet mk(uint8_t proto, const char *src, uint16_t sp,
			const char *dst, uint16_t dp, uint8_t flags)
{
	struct packet p;
	memset(&p, 0, sizeof p);
	p.vlan = VLAN_NONE;
	p.proto = proto;
	addr_parse(src, &p.src);
	addr_parse(dst, &p.dst);
	p.sport = sp;
	p.dport = dp;
	p.tcp_flags = flags;
	p.ip_len = 100;
	return p;
}

START_TEST(test_both_directions_share_one_flow_and_first_sender_initiates)
{
	struct recorder rec = { 0 };
	struct flow_table *t = flow_table_new(&timeouts, 0, on_end, &rec);
	struct packet a = mk(IPPROTO_UDP, "10.0.0.1", 5060, "10.0.0.2", 5070, 0);
	struct packet b = mk(IPPROTO_UDP, "10.0.0.2", 5070, "10.0.0.1", 5060, 0);
	enum flow_dir d;

	struct flow *f1 = flow_table_packet(t, &a, 1 * SEC, 0, &d);
	ck_assert_int_eq(d, FLOW_FWD);
	struct flow *f2 = flow_table_packet(t, &b, 2 * SEC, 0, &d);
	ck_assert_ptr_eq(f1, f2);
	ck_assert_int_eq(d, FLOW_REV);
	ck_assert_int_eq(f1->init_port, 5060);
	ck_assert_uint_eq(f1->bytes[FLOW_FWD], 100);
	ck_assert_uint_eq(f1->last_us, 2 * SEC);
	flow_table_free(t, FLOW_END_EOF);
	ck_assert_int_eq(rec.n, 1);
	ck_assert_int_eq(rec.v[0].why, FLOW_END_EOF);
	ck_assert_uint_eq(rec.v[0].pkts_fwd, 1);
	ck_assert_uint_eq(rec.v[0].pkts_rev, 1);
}
END_TEST

START_TEST(test_syn_ack_seen_first_makes_its_receiver_the_initiator)
{
	struct flow_table *t = flow_table_new(&timeouts, 0, NULL, NULL);
	struct packet sa = mk(IPPROTO_TCP, "10.0.0.2", 1720, "10.0.0.1", 40000,
			      TCP_SYN | TCP_ACK);
	enum flow_dir d;
	struct flow *f = flow_table_packet(t, &sa, SEC, 0, &d);

	ck_assert_int_eq(d, FLOW_REV);
	ck_assert_int_eq(f->resp_port, 1720);
	ck_assert(f->responder_known);
	ck_assert(f->tcp_seen[FLOW_REV] & FLOW_TCP_SYNACK);
	flow_table_free(t, FLOW_END_EOF);
}
END_TEST

START_TEST(test_tcp_handshake_and_teardown_are_recorded)
{
	struct recorder rec = { 0 };
	struct flow_table *t = flow_table_new(&timeouts, 0, on_end, &rec);
	struct packet syn = mk(IPPROTO_TCP, "10.0.0.1", 40000, "10.0.0.2", 5061,
			       TCP_SYN);
	struct packet rst = mk(IPPROTO_TCP, "10.0.0.2", 5061, "10.0.0.1", 40000,
			       TCP_RST | TCP_ACK);
	enum flow_dir d;
	struct flow *f = flow_table_packet(t, &syn, SEC, 0, &d);
	flow_table_packet(t, &syn, 2 * SEC, 0, &d);
	flow_table_packet(t, &rst, 3 * SEC, 0, &d);

	ck_assert_uint_eq(f->syn_count, 2);
	ck_assert(f->tcp_seen[FLOW_FWD] & FLOW_TCP_SYN);
	ck_assert(f->tcp_seen[FLOW_REV] & FLOW_TCP_RST);
	ck_assert(f->closing);
	flow_table_free(t, FLOW_END_EOF);
	ck_assert_int_eq(rec.v[0].why, FLOW_END_CLOSED);
}
END_TEST

START_TEST(test_new_syn_after_close_starts_a_new_flow)
{
	struct recorder rec = { 0 };
	struct flow_table *t = flow_table_new(&timeouts, 0, on_end, &rec);
	struct packet syn = mk(IPPROTO_TCP, "10.0.0.1", 40000, "10.0.0.2", 80,
			       TCP_SYN);
	struct packet fin1 = mk(IPPROTO_TCP, "10.0.0.1", 40000, "10.0.0.2", 80,
				TCP_FIN | TCP_ACK);
	struct packet fin2 = mk(IPPROTO_TCP, "10.0.0.2", 80, "10.0.0.1", 40000,
				TCP_FIN | TCP_ACK);
	enum flow_dir d;

	flow_table_packet(t, &syn, 1 * SEC, 0, &d);
	flow_table_packet(t, &fin1, 2 * SEC, 0, &d);
	flow_table_packet(t, &fin2, 2 * SEC, 0, &d);
	flow_table_packet(t, &syn, 3 * SEC, 0, &d);
	ck_assert_int_eq(rec.n, 1);
	ck_assert_int_eq(rec.v[0].why, FLOW_END_CLOSED);
	ck_assert_uint_eq(rec.v[0].pkts_fwd, 2);
	flow_table_free(t, FLOW_END_EOF);
	ck_assert_int_eq(rec.n, 2);
	ck_assert_int_eq(rec.v[1].why, FLOW_END_EOF);
	ck_assert_str_ne(rec.v[0].id, rec.v[1].id);
}
END_TEST

START_TEST(test_idle_udp_flow_ends_after_its_timeout_only)
{
	struct recorder rec = { 0 };
	struct flow_table *t = flow_table_new(&timeouts, 0, on_end, &rec);
	struct packet a = mk(IPPROTO_UDP, "10.0.0.1", 1719, "10.0.0.2", 1719, 0);
	struct packet other = mk(IPPROTO_UDP, "10.0.0.3", 1, "10.0.0.4", 2, 0);
	enum flow_dir d;

	flow_table_packet(t, &a, 0, 0, &d);
	flow_table_packet(t, &other, 599 * SEC, 0, &d);
	ck_assert_int_eq(rec.n, 0); /* a keepalive minutes apart: one flow */
	flow_table_packet(t, &other, 601 * SEC, 0, &d);
	ck_assert_int_eq(rec.n, 1);
	ck_assert_int_eq(rec.v[0].why, FLOW_END_IDLE);
	flow_table_free(t, FLOW_END_EOF);
}
END_TEST

START_TEST(test_flow_limit_evicts_the_oldest_and_counts_it)
{
	struct recorder rec = { 0 };
	struct flow_table *t = flow_table_new(&timeouts, 2, on_end, &rec);
	enum flow_dir d;
	struct flow_stats s;

	for (uint16_t i = 0; i < 4; i++) {
		struct packet p = mk(IPPROTO_UDP, "10.0.0.1", (uint16_t)(1000 + i),
				     "10.0.0.2", 53, 0);
		flow_table_packet(t, &p, i * SEC, 0, &d);
	}
	flow_table_stats(t, &s);
	ck_assert_uint_eq(s.evicted, 2);
	ck_assert_uint_eq(s.live, 2);
	ck_assert_int_eq(rec.v[0].why, FLOW_END_EVICTED);
	flow_table_free(t, FLOW_END_EOF);
}
END_TEST

START_TEST(test_echo_request_and_reply_are_one_icmp_flow)
{
	struct flow_table *t = flow_table_new(&timeouts, 0, NULL, NULL);
	struct packet req = mk(IPPROTO_ICMP, "10.0.0.1", 8, "10.0.0.2", 0, 0);
	struct packet rep = mk(IPPROTO_ICMP, "10.0.0.2", 0, "10.0.0.1", 0, 0);
	enum flow_dir d;
	struct flow *f = flow_table_packet(t, &req, SEC, 0, &d);

	ck_assert_ptr_eq(flow_table_packet(t, &rep, SEC, 0, &d), f);
	ck_assert_int_eq(d, FLOW_REV);
	ck_assert_int_eq(f->init_port, 8); /* sport = type, dport = code */
	ck_assert_int_eq(f->resp_port, 0);
	flow_table_free(t, FLOW_END_EOF);
}
END_TEST

/* Vectors from the Community ID specification's examples. */
static const struct {
	uint8_t proto;
	const char *src, *dst;
	uint16_t sp, dp;
	const char *id;
} cid_vectors[] = {
	{ IPPROTO_TCP, "128.232.110.120", "66.35.250.204", 34855, 80,
	  "1:LQU9qZlK+B5F3KDmev6m5PMibrg=" },
	{ IPPROTO_TCP, "66.35.250.204", "128.232.110.120", 80, 34855,
	  "1:LQU9qZlK+B5F3KDmev6m5PMibrg=" },
	{ IPPROTO_UDP, "192.168.1.52", "8.8.8.8", 54585, 53,
	  "1:d/FP5EW3wiY1vCndhwleRRKHowQ=" },
	{ IPPROTO_ICMP, "192.168.0.89", "192.168.0.1", 8, 0,
	  "1:X0snYXpgwiv9TZtqg64sgzUn6Dk=" },
};

START_TEST(test_community_id_matches_the_specification)
{
	struct flow_table *t = flow_table_new(&timeouts, 0, NULL, NULL);
	struct packet p = mk(cid_vectors[_i].proto, cid_vectors[_i].src,
			     cid_vectors[_i].sp, cid_vectors[_i].dst,
			     cid_vectors[_i].dp, 0);
	enum flow_dir d;
	char id[64];
	struct flow *f = flow_table_packet(t, &p, SEC, 0, &d);

	flow_community_id(f, id, sizeof id);
	ck_assert_str_eq(id, cid_vectors[_i].id);
	flow_table_free(t, FLOW_END_EOF);
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("flow");
	TCase *tc = tcase_create("flow");

	tcase_add_test(tc, test_both_directions_share_one_flow_and_first_sender_initiates);
	tcase_add_test(tc, test_syn_ack_seen_first_makes_its_receiver_the_initiator);
	tcase_add_test(tc, test_tcp_handshake_and_teardown_are_recorded);
	tcase_add_test(tc, test_new_syn_after_close_starts_a_new_flow);
	tcase_add_test(tc, test_idle_udp_flow_ends_after_its_timeout_only);
	tcase_add_test(tc, test_flow_limit_evicts_the_oldest_and_counts_it);
	tcase_add_test(tc, test_echo_request_and_reply_are_one_icmp_flow);
	tcase_add_loop_test(tc, test_community_id_matches_the_specification, 0,
			    sizeof cid_vectors / sizeof *cid_vectors);
	suite_add_tcase(s, tc);
	return s;
}
