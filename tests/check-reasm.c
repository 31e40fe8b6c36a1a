/* \summary: unit tests of IP fragment reassembly */
#include <check.h>
#include <netinet/in.h>

#include "vcflow/reasm.h"

static uint8_t datagram[3000];

static struct packet piece(uint32_t off, size_t len, bool more)
{
	struct packet p;
	memset(&p, 0, sizeof p);
	addr_parse("192.0.2.1", &p.src);
	addr_parse("198.51.100.2", &p.dst);
	p.proto = IPPROTO_UDP;
	p.fragment = true;
	p.first_fragment = off == 0;
	p.more_fragments = more;
	p.frag_id = 4242;
	p.frag_offset = off;
	p.frag_data = datagram + off;
	p.frag_len = len;
	p.ip_len = (uint32_t)(20 + len);
	if (off == 0) {
		p.sport = 5060;
		p.dport = 5060;
	}
	return p;
}

static void fill(void)
{
	for (size_t i = 0; i < sizeof datagram; i++)
		datagram[i] = (uint8_t)(i * 7);
}

START_TEST(test_three_pieces_in_order_make_the_datagram)
{
	struct reasm *r = reasm_new();
	struct reasm_result res;
	struct packet a = piece(0, 1480, true), b = piece(1480, 1480, true),
		      c = piece(2960, 40, false);
	fill();
	reasm_add(r, &a, 1, &res);
	ck_assert(res.have_ports && !res.datagram);
	reasm_add(r, &b, 2, &res);
	ck_assert_int_eq(res.dport, 5060);
	reasm_add(r, &c, 3, &res);
	ck_assert_ptr_nonnull(res.datagram);
	ck_assert_uint_eq(res.len, 3000);
	ck_assert_mem_eq(res.datagram, datagram, 3000);
	ck_assert_uint_eq(reasm_free(r), 0);
}
END_TEST

START_TEST(test_pieces_before_the_first_are_credited_when_it_comes)
{
	struct reasm *r = reasm_new();
	struct reasm_result res;
	struct packet last = piece(2960, 40, false), first = piece(0, 1480, true);
	fill();
	reasm_add(r, &last, 1, &res);
	ck_assert(!res.have_ports);
	reasm_add(r, &first, 2, &res);
	ck_assert(res.have_ports);
	ck_assert_uint_eq(res.credit, 1);
	ck_assert_uint_eq(res.credit_bytes, 60);
	ck_assert_uint_eq(reasm_free(r), 0);
}
END_TEST

START_TEST(test_pieces_whose_first_never_comes_are_orphans)
{
	struct reasm *r = reasm_new();
	struct reasm_result res;
	struct packet b = piece(1480, 1480, true), c = piece(2960, 40, false);
	fill();
	reasm_add(r, &b, 1, &res);
	reasm_add(r, &c, 2, &res);
	ck_assert_uint_eq(reasm_free(r), 2);
}
END_TEST

START_TEST(test_a_stale_datagram_times_out)
{
	struct reasm *r = reasm_new();
	struct reasm_result res;
	struct packet b = piece(1480, 1480, true), other = piece(1480, 8, false);
	fill();
	other.frag_id = 1;
	reasm_add(r, &b, 0, &res);
	reasm_add(r, &other, REASM_TIMEOUT_US + 10, &res);
	ck_assert_uint_eq(reasm_orphans(r), 1);
	ck_assert_uint_eq(reasm_free(r), 2);
}
END_TEST

START_TEST(test_memory_is_bounded_by_the_pending_limit)
{
	struct reasm *r = reasm_new();
	struct reasm_result res;
	fill();
	for (uint32_t i = 0; i < REASM_MAX_PENDING * 4; i++) {
		struct packet p = piece(8, 8, false);
		p.frag_id = i;
		reasm_add(r, &p, i, &res);
	}
	ck_assert_uint_eq(reasm_orphans(r), REASM_MAX_PENDING * 3);
	ck_assert_uint_eq(reasm_free(r), REASM_MAX_PENDING * 4);
}
END_TEST

START_TEST(test_offset_beyond_the_largest_datagram_is_cut_not_overrun)
{
	struct reasm *r = reasm_new();
	struct reasm_result res;
	struct packet p = piece(65528, 1480, false);
	fill();
	p.frag_data = datagram;
	reasm_add(r, &p, 1, &res);
	reasm_free(r);
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("reasm");
	TCase *tc = tcase_create("reasm");
	tcase_add_test(tc, test_three_pieces_in_order_make_the_datagram);
	tcase_add_test(tc, test_pieces_before_the_first_are_credited_when_it_comes);
	tcase_add_test(tc, test_pieces_whose_first_never_comes_are_orphans);
	tcase_add_test(tc, test_a_stale_datagram_times_out);
	tcase_add_test(tc, test_memory_is_bounded_by_the_pending_limit);
	tcase_add_test(tc, test_offset_beyond_the_largest_datagram_is_cut_not_overrun);
	suite_add_tcase(s, tc);
	return s;
}
