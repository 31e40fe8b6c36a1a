/* \summary: the report: one self-contained HTML page of a run's records */
/* specification: HTML Living Standard 4.12.1.3 (restrictions for contents
 * of script elements), CSP Level 3 (hash-source) */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "report_assets.h"
#include "vcflow/report.h"
#include "vcflow/text.h"

/* 'default-src none' forbids every fetch (connect, img, font, frame,
 * media, object ...); the inline style and script run only because their
 * hashes are named; an <img> could load only a data: URL. */

const char *report_csp(void)
{
	return "default-src 'none'; script-src 'sha256-" REPORT_SCRIPT_SHA256
	       "'; style-src 'sha256-" REPORT_STYLE_SHA256 "'; img-src data:; "
	       "base-uri 'none'; form-action 'none'";
}

void report_json_data(FILE *out, const char *json, size_t len)
{
	const unsigned char *p = (const unsigned char *)json;
	size_t run = 0;

	for (size_t i = 0; i < len; i++) {
		const char *esc = NULL;
		size_t skip = 1;
		if (p[i] == '<') {
			esc = "\\u003c";
		} else if (p[i] == 0xe2 && i + 2 < len && p[i + 1] == 0x80 &&
			   (p[i + 2] == 0xa8 || p[i + 2] == 0xa9)) {
			esc = p[i + 2] == 0xa8 ? "\\u2028" : "\\u2029";
			skip = 3;
		}
		if (!esc)
			continue;
		fwrite(p + run, 1, i - run, out);
		fputs(esc, out);
		run = i + skip;
		i += skip - 1;
	}
	fwrite(p + run, 1, len - run, out);
}

/* The first record: what was read, by which vcflow. */
static void write_source(FILE *out, const struct report_source *src)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);

	if (!m)
		return;
	json_record_open(m, "report", src->sensor);
	fputs(",\"files\":[", m);
	for (size_t i = 0; i < src->n_files; i++) {
		if (i)
			fputc(',', m);
		json_str(m, src->files[i]);
	}
	fputs("],\"interface\":", m);
	json_str(m, src->iface);
	fputs(",\"vcflow\":", m);
	json_str(m, src->version);
	fputc('}', m);
	if (fclose(m) == 0)
		report_json_data(out, buf, len);
	free(buf);
}

/* Counts a record by the type json_record_open wrote first. */
static void count(struct report_counts *c, const char *line)
{
	static const char flow[] = "{\"type\":\"flow\"",
			  call[] = "{\"type\":\"call\"",
			  finding[] = "{\"type\":\"finding\"";

	if (!strncmp(line, flow, sizeof flow - 1))
		c->flows++;
	else if (!strncmp(line, call, sizeof call - 1))
		c->calls++;
	else if (!strncmp(line, finding, sizeof finding - 1))
		c->findings++;
}

/* The records as one JSON array, a record a line. */
static int write_records(FILE *out, FILE *records,
			 const struct report_source *src, struct report_counts *c)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	fputs("[\n", out);
	write_source(out, src);
	rewind(records);
	errno = 0;
	while ((n = getline(&line, &cap, records)) > 0) {
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			n--;
		if (!n)
			continue;
		fputs(",\n", out);
		report_json_data(out, line, (size_t)n);
		count(c, line);
	}
	free(line);
	fputs("\n]", out);
	return ferror(records) ? -1 : 0;
}

/* The page with its @NAME@ slots filled. */
int report_write(FILE *out, FILE *records, const struct report_source *src,
		 struct report_counts *n)
{
	struct report_counts ignored;
	const char *p = report_page, *end = report_page + report_page_len;

	if (!n)
		n = &ignored;
	memset(n, 0, sizeof *n);
	while (p < end) {
		const char *at = memchr(p, '@', (size_t)(end - p));
		if (!at) {
			fwrite(p, 1, (size_t)(end - p), out);
			break;
		}
		fwrite(p, 1, (size_t)(at - p), out);
		const char *close = memchr(at + 1, '@', (size_t)(end - at - 1));
		size_t name_len = close ? (size_t)(close - at - 1) : 0;
		const char *name = at + 1;
		bool known = true;
		if (name_len == 3 && !memcmp(name, "CSP", 3))
			fputs(report_csp(), out);
		else if (name_len == 5 && !memcmp(name, "STYLE", 5))
			fwrite(report_style, 1, report_style_len, out);
		else if (name_len == 6 && !memcmp(name, "SCRIPT", 6))
			fwrite(report_script, 1, report_script_len, out);
		else if (name_len == 7 && !memcmp(name, "RECORDS", 7)) {
			if (write_records(out, records, src, n) < 0)
				return -1;
		} else
			known = false;
		if (known) {
			p = close + 1;
		} else {
			fputc('@', out);
			p = at + 1;
		}
	}
	if (fflush(out) != 0 || ferror(out)) {
		if (!errno)
			errno = EIO;
		return -1;
	}
	return 0;
}
