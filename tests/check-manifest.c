/* \summary: every row of every seed table has its rule in signatures/ */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vcflow/sig.h"

#define LINE_MAX_ 1024

struct row {
	char doc[64], table[64], product[160], transport[16], ports[32],
		parity[8];
	unsigned line;
};

static const char *srcdir(void)
{
	const char *d = getenv("VCFLOW_SRCDIR");
	return d ? d : ".";
}

static unsigned transport_bits(const char *t)
{
	if (!strcmp(t, "tcp"))
		return SIG_T_TCP;
	if (!strcmp(t, "udp"))
		return SIG_T_UDP;
	if (!strcmp(t, "tcp/udp"))
		return SIG_T_TCP | SIG_T_UDP;
	if (!strcmp(t, "icmp"))
		return SIG_T_ICMP;
	return SIG_T_ANY;
}

static void ports_of(const char *s, unsigned *lo, unsigned *hi)
{
	if (!strcmp(s, "any")) {
		*lo = 0, *hi = 65535;
		return;
	}
	if (sscanf(s, "%u-%u", lo, hi) != 2)
		*hi = *lo;
}

static bool has_product(const struct sig_rule *r, const char *p)
{
	for (const char *const *q = r->products; q && *q; q++)
		if (!strcmp(*q, p))
			return true;
	return false;
}

static bool rule_for(const struct sig_set *s, const struct row *w)
{
	unsigned lo, hi, t = transport_bits(w->transport);
	enum sig_parity par = !strcmp(w->parity, "even")  ? SIG_PARITY_EVEN
			      : !strcmp(w->parity, "odd") ? SIG_PARITY_ODD
							  : SIG_PARITY_ANY;
	ports_of(w->ports, &lo, &hi);
	for (size_t i = 0; i < s->n_rules; i++) {
		const struct sig_rule *r = &s->rules[i];
		if (!strcmp(r->doc, w->doc) &&
		    !strncmp(r->table, w->table, strlen(w->table)) &&
		    has_product(r, w->product) && (r->transports & t) == t &&
		    r->port_lo == lo && r->port_hi == hi && r->parity == par)
			return true;
	}
	return false;
}

START_TEST(test_every_manifest_row_has_its_rule)
{
	char path[1024], line[LINE_MAX_], err[1024];
	struct sig_set s;
	unsigned rows = 0, missing = 0, n = 0;

	sig_set_init(&s);
	snprintf(path, sizeof path, "%s/signatures", srcdir());
	ck_assert_msg(sig_load_path(&s, path, err, sizeof err) == 0, "%s", err);
	snprintf(path, sizeof path, "%s/tests/seed-manifest.tsv", srcdir());
	FILE *fp = fopen(path, "r");
	ck_assert_msg(fp != NULL, "%s missing", path);
	while (fgets(line, sizeof line, fp)) {
		struct row w = { .line = ++n };
		line[strcspn(line, "\n")] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		int k = sscanf(line, "%63[^\t]\t%63[^\t]\t%159[^\t]\t%15[^\t]\t%31[^\t]\t%7s",
			       w.doc, w.table, w.product, w.transport, w.ports,
			       w.parity);
		ck_assert_msg(k == 6, "%s:%u: 6 tab-separated columns", path, n);
		rows++;
		if (!rule_for(&s, &w)) {
			fprintf(stderr, "%s:%u: no rule for %s\n", path, n, line);
			missing++;
		}
	}
	fclose(fp);
	ck_assert_uint_gt(rows, 100);
	ck_assert_msg(missing == 0, "%u manifest rows have no rule", missing);
	sig_set_free(&s);
}
END_TEST

/* Every document in the seeds README has rows in the manifest. */
START_TEST(test_every_seed_document_is_in_the_manifest)
{
	static const char *const docs[] = {
		"000_8f9fdec099bb3161", "001_6414488449543ba5",
		"002_22b4c4b94ed60b67", "003_f187970cba1dd4d0",
		"004_ddf9405be7d03485",
	};
	char path[1024], line[LINE_MAX_];
	unsigned seen[5] = { 0 };

	snprintf(path, sizeof path, "%s/tests/seed-manifest.tsv", srcdir());
	FILE *fp = fopen(path, "r");
	ck_assert_ptr_nonnull(fp);
	while (fgets(line, sizeof line, fp))
		for (int i = 0; i < 5; i++)
			seen[i] += strncmp(line, docs[i], strlen(docs[i])) == 0;
	fclose(fp);
	for (int i = 0; i < 5; i++)
		ck_assert_msg(seen[i] > 0, "%s has no manifest rows", docs[i]);
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("manifest");
	TCase *tc = tcase_create("manifest");

	tcase_add_test(tc, test_every_manifest_row_has_its_rule);
	tcase_add_test(tc, test_every_seed_document_is_in_the_manifest);
	suite_add_tcase(s, tc);
	return s;
}
