/* \summary: unit tests of addresses and prefixes */
#include <check.h>

#include "vcflow/addr.h"

START_TEST(test_ipv4_round_trips_through_the_mapped_form)
{
	struct addr a;
	char buf[ADDR_STRLEN];
	ck_assert(addr_parse("192.0.2.7", &a));
	ck_assert(addr_is_v4(&a));
	ck_assert_str_eq(addr_str(&a, buf, sizeof buf), "192.0.2.7");
	ck_assert(addr_parse("2001:db8::1", &a));
	ck_assert(!addr_is_v4(&a));
	ck_assert_str_eq(addr_str(&a, buf, sizeof buf), "2001:db8::1");
	ck_assert(!addr_parse("192.0.2", &a));
}
END_TEST

START_TEST(test_cidr_contains_its_addresses_only)
{
	struct cidr c;
	struct addr in, out;
	ck_assert(cidr_parse("12.129.12.128/25", &c));
	addr_parse("12.129.12.200", &in);
	addr_parse("12.129.12.127", &out);
	ck_assert(cidr_contains(&c, &in));
	ck_assert(!cidr_contains(&c, &out));
	ck_assert(cidr_parse("2001:db8::/32", &c));
	addr_parse("2001:db8:1::5", &in);
	ck_assert(cidr_contains(&c, &in));
	ck_assert(!cidr_contains(&c, &out));
}
END_TEST

START_TEST(test_bad_prefixes_are_refused)
{
	struct cidr c;
	ck_assert(!cidr_parse("10.0.0.0/33", &c));
	ck_assert(!cidr_parse("10.0.0.0/", &c));
	ck_assert(!cidr_parse("10.0.0.0/8x", &c));
	ck_assert(!cidr_parse("/8", &c));
	ck_assert(!cidr_parse("2001:db8::/129", &c));
}
END_TEST

START_TEST(test_private_addresses)
{
	struct addr a;
	addr_parse("10.1.2.3", &a);
	ck_assert(addr_is_private(&a));
	addr_parse("172.31.255.1", &a);
	ck_assert(addr_is_private(&a));
	addr_parse("172.32.0.1", &a);
	ck_assert(!addr_is_private(&a));
	addr_parse("203.0.113.5", &a);
	ck_assert(!addr_is_private(&a));
	addr_parse("fd00::1", &a);
	ck_assert(addr_is_private(&a));
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("addr");
	TCase *tc = tcase_create("addr");
	tcase_add_test(tc, test_ipv4_round_trips_through_the_mapped_form);
	tcase_add_test(tc, test_cidr_contains_its_addresses_only);
	tcase_add_test(tc, test_bad_prefixes_are_refused);
	tcase_add_test(tc, test_private_addresses);
	suite_add_tcase(s, tc);
	return s;
}
