/* \summary: unit tests of the JSON string writer */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>

#include "vcflow/text.h"

static char *json_of(const char *s)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);

	ck_assert_ptr_nonnull(out);
	json_str(out, s);
	fclose(out);
	return buf;
}

static const struct {
	const char *in, *out;
} cases[] = {
	{ "plain", "\"plain\"" },
	{ "say \"hi\"\\", "\"say \\\"hi\\\"\\\\\"" },
	{ "tab\there\n", "\"tab\\there\\n\"" },
	{ "\x01", "\"\\u0001\"" },
	{ "Port Security\xe2\x80\x94SCOPIA", "\"Port Security\xe2\x80\x94SCOPIA\"" },
	{ "bad \xff byte", "\"bad \\ufffd byte\"" },
	{ "cut \xe2\x80", "\"cut \\ufffd\\ufffd\"" },
	{ "overlong \xc0\xaf", "\"overlong \\ufffd\\ufffd\"" },
	/* RFC 3629: no lead byte past 0xf4 */
	{ "lead \xf5\x80\x80\x80",
	  "\"lead \\ufffd\\ufffd\\ufffd\\ufffd\"" },
	{ "", "null" },
};

START_TEST(test_json_strings_are_escaped_and_stay_valid_utf8)
{
	char *got = json_of(cases[_i].in);
	ck_assert_str_eq(got, cases[_i].out);
	free(got);
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("text");
	TCase *tc = tcase_create("text");
	tcase_add_loop_test(tc, test_json_strings_are_escaped_and_stay_valid_utf8,
			    0, sizeof cases / sizeof *cases);
	suite_add_tcase(s, tc);
	return s;
}
