/* \summary: the report: one self-contained HTML page of a run's records */
#ifndef VCFLOW_REPORT_H
#define VCFLOW_REPORT_H

#include <stddef.h>
#include <stdio.h>

/*
 * One model, three renderings: the page holds the very records `-F json`
 * and `diagnose -F json` write (flows, calls, findings, ladders, summary,
 * stats) as a JSON data block, and a static inline script draws them.  The
 * C side decides nothing the records do not say; it only escapes them so
 * that no string can end the block, and names the inline style and script
 * by their SHA-256 in the page's Content-Security-Policy, which forbids
 * every fetch.
 */

/* What the run read, for the page's title and summary. */
struct report_source {
	const char *const *files; /* the -r arguments, in order */
	size_t n_files;
	const char *iface;	  /* -i, or NULL */
	const char *version;	  /* vcflow's */
	const char *sensor;	  /* --sensor */
};

/* What the page holds, for the line that names it. */
struct report_counts {
	size_t flows, calls, findings;
};

/* Writes the page to out from records, a JSON Lines stream read from its
 * start (a record a line), and counts what it holds into n (may be NULL).
 * Returns 0, or -1 when reading records or writing out failed. */
int report_write(FILE *out, FILE *records, const struct report_source *src,
		 struct report_counts *n);

/* Writes len bytes of JSON text as they may stand inside a <script> data
 * block: every '<' as \u003c, U+2028 and U+2029 as \u2028 and \u2029, so
 * neither "</script" nor "<!--" can appear and the text stays the same
 * JSON.  The bytes must hold whole UTF-8 sequences. */
void report_json_data(FILE *out, const char *json, size_t len);

/* The Content-Security-Policy the page carries (static storage). */
const char *report_csp(void);

#endif
