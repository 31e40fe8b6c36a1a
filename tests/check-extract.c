/* \summary: unit tests of the bounds-checked cursor */
#include <check.h>

#include "vcflow/extract.h"

static const uint8_t bytes[] = { 0x12, 0x34, 0x56, 0x78, 0x9a };

START_TEST(test_reads_big_and_little_endian)
{
	struct cursor c = cur_make(bytes, sizeof bytes);
	ck_assert_uint_eq(cur_be16(&c), 0x1234);
	ck_assert_uint_eq(cur_le16(&c), 0x7856);
	ck_assert_uint_eq(cur_left(&c), 1);
	ck_assert(!c.bad);
	c = cur_make(bytes, sizeof bytes);
	ck_assert_uint_eq(cur_be32(&c), 0x12345678);
	c = cur_make(bytes, sizeof bytes);
	ck_assert_uint_eq(cur_be24(&c), 0x123456);
}
END_TEST

START_TEST(test_overrun_gives_zero_and_stays_bad)
{
	struct cursor c = cur_make(bytes, sizeof bytes);
	ck_assert_uint_eq(cur_be32(&c), 0x12345678);
	ck_assert_uint_eq(cur_be16(&c), 0); /* one byte left: overrun */
	ck_assert(c.bad);
	ck_assert_uint_eq(cur_u8(&c), 0);   /* the last byte is not read */
	ck_assert_uint_eq(cur_left(&c), 0);
}
END_TEST

START_TEST(test_sub_cursor_is_bounded_by_its_length)
{
	struct cursor c = cur_make(bytes, sizeof bytes);
	struct cursor s = cur_sub(&c, 2);
	ck_assert_uint_eq(cur_be16(&s), 0x1234);
	cur_u8(&s);
	ck_assert(s.bad);
	ck_assert(!c.bad);
	ck_assert_uint_eq(cur_u8(&c), 0x56);
	struct cursor too_long = cur_sub(&c, 10);
	ck_assert(too_long.bad && c.bad);
}
END_TEST

START_TEST(test_peek_and_at_do_not_move)
{
	struct cursor c = cur_make(bytes, sizeof bytes);
	ck_assert_uint_eq(cur_peek(&c, 4), 0x9a);
	ck_assert_uint_eq(cur_peek(&c, 5), 0);
	struct cursor at = cur_at(&c, 3);
	ck_assert_uint_eq(cur_u8(&at), 0x78);
	ck_assert_uint_eq(cur_left(&c), 5);
	struct cursor past = cur_at(&c, 6);
	ck_assert(past.bad);
}
END_TEST

START_TEST(test_copy_zeroes_on_overrun)
{
	struct cursor c = cur_make(bytes, sizeof bytes);
	uint8_t out[8];
	memset(out, 0xff, sizeof out);
	cur_copy(&c, out, sizeof out);
	ck_assert(c.bad);
	for (size_t i = 0; i < sizeof out; i++)
		ck_assert_uint_eq(out[i], 0);
}
END_TEST

START_TEST(test_starts_with_needs_every_byte_of_the_prefix)
{
	static const uint8_t sip[] = "SIP/2.0 200 OK";
	struct cursor c = cur_make(sip, sizeof sip - 1);
	ck_assert(cur_starts_with(c, "SIP/2.0"));
	ck_assert(!cur_starts_with(c, "HTTP/1.1"));
	ck_assert(!cur_starts_with(cur_make(sip, 3), "SIP/"));
	ck_assert_uint_eq(cur_left(&c), sizeof sip - 1); /* not moved */
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("extract");
	TCase *tc = tcase_create("extract");
	tcase_add_test(tc, test_reads_big_and_little_endian);
	tcase_add_test(tc, test_overrun_gives_zero_and_stays_bad);
	tcase_add_test(tc, test_sub_cursor_is_bounded_by_its_length);
	tcase_add_test(tc, test_peek_and_at_do_not_move);
	tcase_add_test(tc, test_copy_zeroes_on_overrun);
	tcase_add_test(tc, test_starts_with_needs_every_byte_of_the_prefix);
	suite_add_tcase(s, tc);
	return s;
}
