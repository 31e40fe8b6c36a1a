/* \summary: small text helpers shared by the outputs */
/* specification: RFC 8259 (JSON strings), RFC 3339 (timestamps) */
#include <netinet/in.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "vcflow/text.h"

#define US_PER_SEC 1000000ULL

const char *transport_name(uint8_t proto)
{
	switch (proto) {
	case IPPROTO_TCP:
		return "tcp";
	case IPPROTO_UDP:
		return "udp";
	case IPPROTO_ICMP:
		return "icmp";
	case IPPROTO_ICMPV6:
		return "icmpv6";
	default:
		return "other";
	}
}

/*
 * The date and time of day of the seconds last asked for: a capture's
 * timestamps fall in few seconds (a flow's first and last alternate), and
 * gmtime_r and strftime cost more than the rest of a record's numbers.
 * Kept by second, one set a thread.
 */
#define DATE_CACHE_SLOTS 16

static _Thread_local struct date_slot {
	bool set;
	time_t secs;
	size_t len;
	char text[32];
} date_cache[DATE_CACHE_SLOTS];

static const char *date_of(time_t secs, size_t *len)
{
	struct date_slot *d =
		&date_cache[(uint64_t)secs % DATE_CACHE_SLOTS];

	if (!d->set || d->secs != secs) {
		struct tm tm;
		gmtime_r(&secs, &tm);
		d->len = strftime(d->text, sizeof d->text, "%Y-%m-%dT%H:%M:%S",
				  &tm);
		d->secs = secs;
		d->set = true;
	}
	*len = d->len;
	return d->text;
}

/* The ".uuuuuuZ" that follows the date, into out (8 bytes). */
static void micros_of(uint64_t us, char *out)
{
	unsigned frac = (unsigned)(us % US_PER_SEC);

	out[0] = '.';
	for (int i = 6; i >= 1; i--) {
		out[i] = (char)('0' + frac % 10);
		frac /= 10;
	}
	out[7] = 'Z';
}

void iso_time(uint64_t us, char *buf, size_t len)
{
	size_t n;
	const char *date = date_of((time_t)(us / US_PER_SEC), &n);
	char frac[9];

	micros_of(us, frac);
	frac[8] = '\0';
	snprintf(buf, len, "%.*s%s", (int)n, date, frac);
}

size_t utf8_char_len(const uint8_t *p, size_t avail)
{
	size_t len = p[0] >= 0xc2 && p[0] <= 0xdf   ? 2
		     : p[0] >= 0xe0 && p[0] <= 0xef ? 3
		     : p[0] >= 0xf0 && p[0] <= 0xf4 ? 4
						    : 0;

	if (len == 0 || len > avail)
		return 0;
	for (size_t i = 1; i < len; i++)
		if ((p[i] & 0xc0) != 0x80)
			return 0; /* also stops at a terminating NUL */
	if (len == 3 && ((p[0] == 0xe0 && p[1] < 0xa0) ||
			 (p[0] == 0xed && p[1] >= 0xa0)))
		return 0; /* overlong, or a UTF-16 surrogate */
	if (len == 4 && ((p[0] == 0xf0 && p[1] < 0x90) ||
			 (p[0] == 0xf4 && p[1] >= 0x90)))
		return 0; /* overlong, or past U+10FFFF */
	return len;
}

/* Bytes JSON needs escaped (1), bytes of UTF-8 sequences to check (2);
 * everything else (0) is copied in runs. */
static const uint8_t json_class[256] = {
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
};

static const char hex_digits[] = "0123456789abcdef";

void jb_free(struct jbuf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
	b->failed = false;
}

bool jb_grow(struct jbuf *b, size_t n)
{
	if (b->failed)
		return false;
	if (b->cap - b->len >= n)
		return true;
	size_t cap = b->cap ? b->cap : 4096;
	while (cap - b->len < n) {
		if (cap > SIZE_MAX / 2) {
			b->failed = true;
			return false;
		}
		cap *= 2;
	}
	char *p = realloc(b->p, cap);
	if (!p) {
		b->failed = true;
		return false;
	}
	b->p = p;
	b->cap = cap;
	return true;
}

void jb_u64(struct jbuf *b, uint64_t v)
{
	char d[20];
	size_t i = sizeof d;

	do {
		d[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	jb_raw(b, d + i, sizeof d - i);
}

void jb_i64(struct jbuf *b, int64_t v)
{
	if (v < 0) {
		jb_char(b, '-');
		jb_u64(b, (uint64_t)0 - (uint64_t)v);
	} else {
		jb_u64(b, (uint64_t)v);
	}
}

/* The escaped text of s, up to its NUL. */
static void jb_escaped(struct jbuf *b, const unsigned char *p)
{
	while (*p) {
		const unsigned char *run = p;
		while (!json_class[*p])
			p++;
		if (p > run)
			jb_raw(b, (const char *)run, (size_t)(p - run));
		if (!*p)
			break;
		switch (*p) {
		case '"':
			JB_LIT(b, "\\\"");
			break;
		case '\\':
			JB_LIT(b, "\\\\");
			break;
		case '\n':
			JB_LIT(b, "\\n");
			break;
		case '\r':
			JB_LIT(b, "\\r");
			break;
		case '\t':
			JB_LIT(b, "\\t");
			break;
		default:
			if (*p < 0x80) {
				char u[6] = { '\\', 'u', '0', '0',
					      hex_digits[*p >> 4],
					      hex_digits[*p & 0xf] };
				jb_raw(b, u, sizeof u);
			} else {
				/* UTF-8 (signature text) passes through;
				 * anything else becomes U+FFFD. */
				size_t n = utf8_char_len(p, UTF8_MAX_LEN);
				if (n)
					jb_raw(b, (const char *)p, n);
				else
					JB_LIT(b, "\\ufffd");
				p += n ? n - 1 : 0;
			}
		}
		p++;
	}
}

void jb_json_str(struct jbuf *b, const char *s)
{
	if (!s || !*s) {
		JB_LIT(b, "null");
		return;
	}
	jb_char(b, '"');
	jb_escaped(b, (const unsigned char *)s);
	jb_char(b, '"');
}

void json_str(FILE *out, const char *s)
{
	struct jbuf b = { 0 };

	jb_json_str(&b, s);
	jb_write(&b, out);
	jb_free(&b);
}

void jb_time(struct jbuf *b, uint64_t us)
{
	size_t n;
	const char *date = date_of((time_t)(us / US_PER_SEC), &n);
	char frac[9];

	micros_of(us, frac);
	frac[8] = '"';
	jb_char(b, '"');
	jb_raw(b, date, n);
	jb_raw(b, frac, sizeof frac);
}

void jb_addr(struct jbuf *b, const struct addr *a)
{
	char s[ADDR_STRLEN];

	if (!addr_is_v4(a)) {
		jb_cstr(b, addr_str(a, s, sizeof s));
		return;
	}
	size_t n = 0;
	for (int i = 12; i < 16; i++) {
		unsigned v = a->b[i];
		if (i > 12)
			s[n++] = '.';
		if (v >= 100)
			s[n++] = (char)('0' + v / 100);
		if (v >= 10)
			s[n++] = (char)('0' + v / 10 % 10);
		s[n++] = (char)('0' + v % 10);
	}
	jb_raw(b, s, n);
}

void jb_write(struct jbuf *b, FILE *out)
{
	if (!b->failed && b->len)
		fwrite(b->p, 1, b->len, out);
	b->len = 0;
	b->failed = false;
}

void jb_record_open(struct jbuf *b, const char *type, const char *sensor)
{
	JB_LIT(b, "{\"type\":\"");
	jb_cstr(b, type);
	jb_char(b, '"');
	if (sensor && sensor[0]) {
		JB_LIT(b, ",\"sensor\":");
		jb_json_str(b, sensor);
	}
}

void json_record_open(FILE *out, const char *type, const char *sensor)
{
	struct jbuf b = { 0 };

	jb_record_open(&b, type, sensor);
	jb_write(&b, out);
	jb_free(&b);
}
