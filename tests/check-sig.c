/* \summary: unit tests of the signature loader and matcher */
#include <check.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vcflow/sig.h"

static char path[64];
static char err[1024];

/* Writes len bytes to a temporary .sig file and loads it into set. */
static int load_bytes(struct sig_set *set, const char *text, size_t len)
{
	strcpy(path, "/tmp/vcflow-sig-XXXXXX.sig");
	int fd = mkstemps(path, 4);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, text, len), (ssize_t)len);
	close(fd);
	int rc = sig_load_path(set, path, err, sizeof err);
	unlink(path);
	return rc;
}

static int load_text(struct sig_set *set, const char *text)
{
	return load_bytes(set, text, strlen(text));
}

static const char header[] =
	"class vendor\n"
	"# a comment\n"
	"source doc1 | Test Guide | Table 1 Ports\n"
	"vendor Acme\n";

static const char good[] =
	"class vendor\n"
	"source doc1 | Test Guide | Table 1 Ports\n"
	"vendor Acme\n"
	"product Acme MCU | Acme Gateway\n"
	"rule tcp 1720 | q931 | Q.931 (TCP) | Q.931 signaling | both | Cannot connect H.323 calls\n"
	"rule udp 16384-16984 even | rtp | RTP/RTCP (UDP) | RTP media | both | Cannot transmit/receive media streams\n"
	"rule tcp/udp 5060 | sip | SIP | SIP signaling | both | -\n"
	"rule udp 1024-65535 | rtp | RTP | Media | both | -\n"
	"product Acme Cloud\n"
	"rule any any net 12.129.12.128/25 | other | - | Acme cloud | out | -\n"
	"rule icmp any | other | ICMP | Echo | both | -\n";

START_TEST(test_every_kind_of_good_line_loads)
{
	struct sig_set s;
	sig_set_init(&s);
	ck_assert_msg(load_text(&s, good) == 0, "%s", err);
	ck_assert_uint_eq(s.n_rules, 6);
	const struct sig_rule *r = &s.rules[1];
	ck_assert_int_eq(r->app, APP_RTP);
	ck_assert_int_eq(r->parity, SIG_PARITY_EVEN);
	ck_assert_int_eq(r->port_lo, 16384);
	ck_assert_int_eq(r->port_hi, 16984);
	ck_assert(!r->catchall);
	ck_assert_str_eq(r->products[1], "Acme Gateway");
	ck_assert_str_eq(r->blocking, "Cannot transmit/receive media streams");
	ck_assert_str_eq(r->table, "Table 1 Ports");
	ck_assert_int_eq(s.rules[2].transports, SIG_T_TCP | SIG_T_UDP);
	ck_assert(s.rules[3].catchall); /* 64512 ports wide */
	ck_assert(s.rules[4].has_net);
	ck_assert_str_eq(s.rules[4].products[0], "Acme Cloud");
	sig_set_free(&s);
}
END_TEST

static const struct {
	const char *line;
	const char *message;
} bad_lines[] = {
	{ "rule sctp 5060 | sip | SIP | x | both | -", "unknown transport 'sctp'" },
	{ "rule udp 70000 | sip | SIP | x | both | -", "bad port '70000'" },
	{ "rule udp 20-10 | sip | SIP | x | both | -", "bad port '20-10'" },
	{ "rule udp 5060 | sip | SIP | x | both", "found 5" },
	{ "rule udp 5060 | sip | SIP | x | both | - | extra", "found 7" },
	{ "rule udp 5060 | skype | SIP | x | both | -", "unknown app 'skype'" },
	{ "rule udp 5060 | sip | SIP | x | sideways | -", "direction 'sideways'" },
	{ "rule udp 5060 | sip |  | x | both | -", "empty field 3" },
	{ "rule udp 5060 seven | sip | SIP | x | both | -", "unknown rule flag 'seven'" },
	{ "rule udp 5060 even odd | sip | SIP | x | both | -", "parity given twice" },
	{ "rule udp 5060 net 300.1.1.0/24 | sip | SIP | x | both | -", "bad subnet '300.1.1.0/24'" },
	{ "rule udp 5060 net 10.0.0.0/33 | sip | SIP | x | both | -", "bad subnet" },
	{ "ua *Cisco* | Cisco", "'ua' outside a file of class products" },
	{ "frobnicate now", "unknown statement 'frobnicate'" },
	{ "source only-one-field", "'source' needs DOC | TITLE | TABLE" },
	{ "class vendor", "'class' given twice" },
	{ "product", "'product' needs an argument" },
};

START_TEST(test_each_bad_line_stops_with_file_line_and_reason)
{
	char text[512];
	struct sig_set s;

	snprintf(text, sizeof text, "%s%s\n", header, bad_lines[_i].line);
	sig_set_init(&s);
	ck_assert_int_eq(load_text(&s, text), -1);
	char where[80];
	snprintf(where, sizeof where, "%s:5: ", path);
	ck_assert_msg(strncmp(err, where, strlen(where)) == 0, "got '%s'", err);
	ck_assert_msg(strstr(err, bad_lines[_i].message), "got '%s'", err);
	sig_set_free(&s);
}
END_TEST

START_TEST(test_file_must_start_with_class)
{
	struct sig_set s;
	sig_set_init(&s);
	ck_assert_int_eq(load_text(&s, "vendor Acme\n"), -1);
	ck_assert_ptr_nonnull(strstr(err, ":1: the file must start with 'class'"));
	sig_set_free(&s);
}
END_TEST

START_TEST(test_rule_before_source_is_refused)
{
	struct sig_set s;
	sig_set_init(&s);
	ck_assert_int_eq(load_text(&s, "class standard\nrule udp 1 | sip | a | b | in | -\n"), -1);
	ck_assert_ptr_nonnull(strstr(err, ":2: rule before any 'source' line"));
	sig_set_free(&s);
}
END_TEST

START_TEST(test_missing_file_names_the_file)
{
	struct sig_set s;
	sig_set_init(&s);
	ck_assert_int_eq(sig_load_path(&s, "/nonexistent/x.sig", err, sizeof err), -1);
	ck_assert_str_eq(err, "/nonexistent/x.sig: No such file or directory");
	sig_set_free(&s);
}
END_TEST

/* ---- matching ---- */

static struct sig_set set;

static void load_match_set(void)
{
	sig_set_init(&set);
	ck_assert_msg(load_text(&set,
		"class vendor\n"
		"source d | Guide | T1\n"
		"product Wide\n"
		"rule udp 1024-65535 catchall | rtp | RTP | wide media | both | -\n"
		"product Narrow\n"
		"rule udp 16384-16984 even | rtp | RTP | narrow media | both | Cannot transmit/receive media streams\n"
		"product Single\n"
		"rule udp 16400 | other | X | single port | both | -\n"
		"product Cloud\n"
		"rule udp 16384-32767 net 91.184.140.0/24 | rtp | RTP | cloud media | both | -\n"
		"product P1\n"
		"rule tcp/udp 5060 | sip | SIP | sig 1 | both | -\n"
		"product P2\n"
		"rule tcp/udp 5060 | sip | SIP | sig 2 | both | -\n"
		"product P3 | P4 | P5\n"
		"rule udp 5060 | sip | SIP | sig 3 | both | -\n") == 0, "%s", err);
}

static struct sig_match match(const char *resp, uint16_t rp, const char *init,
			      uint16_t ip, bool known)
{
	struct addr ra, ia;
	struct sig_match m;
	addr_parse(resp, &ra);
	addr_parse(init, &ia);
	sig_match_flow(&set, IPPROTO_UDP, (struct sig_endpoint){ &ra, rp },
		       (struct sig_endpoint){ &ia, ip }, known, &m);
	return m;
}

START_TEST(test_single_port_beats_narrow_range_beats_catchall)
{
	load_match_set();
	ck_assert_str_eq(match("10.0.0.1", 16400, "10.0.0.2", 50000, true).rule->function, "single port");
	ck_assert_str_eq(match("10.0.0.1", 16402, "10.0.0.2", 50000, true).rule->function, "narrow media");
	struct sig_match m = match("10.0.0.1", 40000, "10.0.0.2", 50000, true);
	ck_assert_str_eq(m.rule->function, "wide media");
	ck_assert(sig_rule_weak(m.rule, IPPROTO_UDP));
	sig_set_free(&set);
}
END_TEST

START_TEST(test_parity_excludes_odd_ports_from_an_even_range)
{
	load_match_set();
	ck_assert_str_eq(match("10.0.0.1", 16401, "10.0.0.2", 50000, true).rule->function, "wide media");
	sig_set_free(&set);
}
END_TEST

START_TEST(test_subnet_rule_outranks_ports)
{
	load_match_set();
	ck_assert_str_eq(match("91.184.140.7", 16402, "10.0.0.2", 50000, true).rule->function, "cloud media");
	ck_assert_str_eq(match("10.0.0.1", 16402, "91.184.140.9", 50000, true).rule->function, "cloud media");
	sig_set_free(&set);
}
END_TEST

START_TEST(test_without_syn_the_initiator_port_is_tried_too)
{
	load_match_set();
	struct sig_match m = match("10.0.0.1", 50000, "10.0.0.2", 16400, false);
	ck_assert_str_eq(m.rule->function, "single port");
	ck_assert(!m.on_responder);
	m = match("10.0.0.1", 50000, "10.0.0.2", 16400, true);
	ck_assert_str_eq(m.rule->function, "wide media");
	sig_set_free(&set);
}
END_TEST

START_TEST(test_shared_port_lists_every_row_best_first)
{
	load_match_set();
	struct sig_match m = match("10.0.0.1", 5060, "10.0.0.2", 5060, true);
	/* the three rows for 5060 in file order, then the catch-all */
	ck_assert_uint_eq(m.n_rows, 4);
	ck_assert_uint_eq(m.n_rows_total, 4);
	ck_assert_str_eq(m.rows[0].rule->products[0], "P1");
	ck_assert_str_eq(m.rows[1].rule->products[0], "P2");
	ck_assert_str_eq(m.rows[2].rule->products[2], "P5");
	ck_assert_str_eq(m.rows[3].rule->function, "wide media");
	sig_set_free(&set);
}
END_TEST

START_TEST(test_product_limit_leaves_other_vendors_rules_out)
{
	load_match_set();
	const char *only[] = { "narrow*" };
	sig_limit_products(&set, only, 1);
	ck_assert_str_eq(match("10.0.0.1", 16402, "10.0.0.2", 50000, true).rule->function, "narrow media");
	ck_assert_ptr_null(match("10.0.0.1", 40000, "10.0.0.2", 50000, true).rule);
	ck_assert_ptr_null(match("10.0.0.1", 5060, "10.0.0.2", 5060, true).rule);
	sig_set_free(&set);
}
END_TEST

START_TEST(test_ua_patterns_name_products_case_insensitively)
{
	sig_set_init(&set);
	ck_assert(load_text(&set, "class products\nua *cisco-cp* | Cisco IP Phone\n") == 0);
	ck_assert_str_eq(sig_product_for(&set, "Cisco-CP8865/12.8.1"), "Cisco IP Phone");
	ck_assert_ptr_null(sig_product_for(&set, "Asterisk PBX"));
	sig_set_free(&set);
}
END_TEST

START_TEST(test_nul_at_line_start_is_an_error_naming_the_line)
{
	static const char text[] = "class products\n\0ua x | y\n";
	sig_set_init(&set);
	ck_assert_int_eq(load_bytes(&set, text, sizeof text - 1), -1);
	ck_assert_msg(strstr(err, ":2: NUL byte in line"), "%s", err);
	sig_set_free(&set);
}
END_TEST

START_TEST(test_nul_mid_line_is_reported_as_nul)
{
	static const char text[] = "class products\nua x\0z | y\n";
	sig_set_init(&set);
	ck_assert_int_eq(load_bytes(&set, text, sizeof text - 1), -1);
	ck_assert_msg(strstr(err, ":2: NUL byte in line"), "%s", err);
	sig_set_free(&set);
}
END_TEST

START_TEST(test_utf8_byte_order_mark_before_class_is_accepted)
{
	sig_set_init(&set);
	ck_assert_msg(load_text(&set, "\xef\xbb\xbf" "class products\nua x | y\n") == 0,
		      "%s", err);
	ck_assert_uint_eq(set.n_uas, 1);
	sig_set_free(&set);
}
END_TEST

START_TEST(test_folders_inside_a_signature_folder_are_read)
{
	char dir[] = "/tmp/vcflow-sigdir-XXXXXX", sub[64], file[96];
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(sub, sizeof sub, "%s/site", dir);
	ck_assert_int_eq(mkdir(sub, 0700), 0);
	snprintf(file, sizeof file, "%s/a.sig", sub);
	FILE *fp = fopen(file, "w");
	ck_assert_ptr_nonnull(fp);
	fputs("class products\nua x | y\n", fp);
	fclose(fp);
	sig_set_init(&set);
	ck_assert_msg(sig_load_path(&set, dir, err, sizeof err) == 0, "%s", err);
	ck_assert_uint_eq(set.n_uas, 1);
	sig_set_free(&set);
	unlink(file);
	rmdir(sub);
	rmdir(dir);
}
END_TEST

START_TEST(test_a_device_is_not_a_signature_file)
{
	sig_set_init(&set);
	ck_assert_int_eq(sig_load_path(&set, "/dev/zero", err, sizeof err), -1);
	ck_assert_str_eq(err, "/dev/zero: not a regular file");
	sig_set_free(&set);
}
END_TEST

START_TEST(test_every_matching_row_is_listed_best_first)
{
	load_match_set();
	struct sig_match m = match("10.0.0.1", 16402, "10.0.0.2", 50000, true);
	ck_assert_uint_eq(m.n_rows, 2); /* narrow media, then the catch-all */
	ck_assert_ptr_eq(m.rows[0].rule, m.rule);
	ck_assert_str_eq(m.rows[0].rule->function, "narrow media");
	ck_assert_str_eq(m.rows[m.n_rows - 1].rule->function, "wide media");
	sig_set_free(&set);
}
END_TEST

START_TEST(test_plain_service_takes_the_standard_row_over_a_vendor_row)
{
	struct addr ra, ia;
	struct sig_match m;
	sig_set_init(&set);
	ck_assert(load_text(&set, "class vendor\nsource d | T | t\nvendor V\n"
				  "product P\n"
				  "rule udp 53 | dns | DNS | vendor lookups | out | -\n"
				  "rule udp 5060 | sip | SIP | vendor sip | both | -\n") == 0);
	ck_assert(load_text(&set, "class standard\nsource s | S | s\n"
				  "rule udp 53 | dns | DNS | standard dns | - | -\n"
				  "rule udp 5060 | sip | SIP | standard sip | - | -\n") == 0);
	addr_parse("10.0.0.1", &ra);
	addr_parse("10.0.0.2", &ia);
	sig_match_flow(&set, IPPROTO_UDP, (struct sig_endpoint){ &ra, 53 },
		       (struct sig_endpoint){ &ia, 40000 }, true, &m);
	ck_assert_str_eq(m.rule->function, "standard dns");
	ck_assert_uint_eq(m.n_rows, 2);
	sig_match_flow(&set, IPPROTO_UDP, (struct sig_endpoint){ &ra, 5060 },
		       (struct sig_endpoint){ &ia, 40000 }, true, &m);
	ck_assert_str_eq(m.rule->function, "vendor sip");
	sig_set_free(&set);
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("sig");
	TCase *tc = tcase_create("sig");

	tcase_add_test(tc, test_every_kind_of_good_line_loads);
	tcase_add_loop_test(tc, test_each_bad_line_stops_with_file_line_and_reason,
			    0, sizeof bad_lines / sizeof *bad_lines);
	tcase_add_test(tc, test_file_must_start_with_class);
	tcase_add_test(tc, test_rule_before_source_is_refused);
	tcase_add_test(tc, test_missing_file_names_the_file);
	tcase_add_test(tc, test_single_port_beats_narrow_range_beats_catchall);
	tcase_add_test(tc, test_parity_excludes_odd_ports_from_an_even_range);
	tcase_add_test(tc, test_subnet_rule_outranks_ports);
	tcase_add_test(tc, test_without_syn_the_initiator_port_is_tried_too);
	tcase_add_test(tc, test_shared_port_lists_every_row_best_first);
	tcase_add_test(tc, test_product_limit_leaves_other_vendors_rules_out);
	tcase_add_test(tc, test_ua_patterns_name_products_case_insensitively);
	tcase_add_test(tc, test_nul_at_line_start_is_an_error_naming_the_line);
	tcase_add_test(tc, test_nul_mid_line_is_reported_as_nul);
	tcase_add_test(tc, test_utf8_byte_order_mark_before_class_is_accepted);
	tcase_add_test(tc, test_folders_inside_a_signature_folder_are_read);
	tcase_add_test(tc, test_a_device_is_not_a_signature_file);
	tcase_add_test(tc, test_every_matching_row_is_listed_best_first);
	tcase_add_test(tc, test_plain_service_takes_the_standard_row_over_a_vendor_row);
	suite_add_tcase(s, tc);
	return s;
}
