/* \summary: small text helpers shared by the outputs */
/* specification: RFC 8259 (JSON strings), RFC 3339 (timestamps) */
#include <netinet/in.h>
#include <stdbool.h>
#include <time.h>

#include "vcflow/text.h"

#define US_PER_SEC 1000000ULL
/* A host name is at most 64 bytes (HOST_NAME_MAX); a sensor name given
 * with --sensor longer than this is cut. */
#define SENSOR_MAX 256

static char sensor[SENSOR_MAX];

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

void iso_time(uint64_t us, char *buf, size_t len)
{
	time_t secs = (time_t)(us / US_PER_SEC);
	struct tm tm;
	char date[32];

	gmtime_r(&secs, &tm);
	strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(buf, len, "%s.%06uZ", date, (unsigned)(us % US_PER_SEC));
}

/* The length of the well-formed UTF-8 sequence at p (RFC 3629), or 0. */
static size_t utf8_length(const unsigned char *p)
{
	size_t n = p[0] >= 0xf0 && p[0] <= 0xf4   ? 4
		   : p[0] >= 0xe0		  ? 3
		   : p[0] >= 0xc2 && p[0] <= 0xdf ? 2
						  : 0;

	for (size_t i = 1; i < n; i++)
		if ((p[i] & 0xc0) != 0x80)
			return 0; /* also stops at the terminating NUL */
	if (n == 3 && ((p[0] == 0xe0 && p[1] < 0xa0) ||
		       (p[0] == 0xed && p[1] >= 0xa0)))
		return 0; /* overlong, or a UTF-16 surrogate */
	if (n == 4 && ((p[0] == 0xf0 && p[1] < 0x90) ||
		       (p[0] == 0xf4 && p[1] >= 0x90)))
		return 0; /* overlong, or past U+10FFFF */
	return n;
}

/* Characters JSON needs escaped; everything else is copied in runs. */
static bool json_plain(unsigned char c)
{
	return c >= 0x20 && c < 0x7f && c != '"' && c != '\\';
}

void json_str(FILE *out, const char *s)
{
	if (!s || !*s) {
		fputs("null", out);
		return;
	}
	fputc('"', out);
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		const unsigned char *run = p;
		while (json_plain(*p))
			p++;
		if (p > run)
			fwrite(run, 1, (size_t)(p - run), out);
		if (!*p)
			break;
		switch (*p) {
		case '"':
			fputs("\\\"", out);
			break;
		case '\\':
			fputs("\\\\", out);
			break;
		case '\n':
			fputs("\\n", out);
			break;
		case '\r':
			fputs("\\r", out);
			break;
		case '\t':
			fputs("\\t", out);
			break;
		default:
			if (*p < 0x80) {
				fprintf(out, "\\u%04x", *p);
			} else {
				/* UTF-8 (signature text) passes through;
				 * anything else becomes U+FFFD. */
				size_t n = utf8_length(p);
				if (n)
					fwrite(p, 1, n, out);
				else
					fputs("\\ufffd", out);
				p += n ? n - 1 : 0;
			}
		}
		p++;
	}
	fputc('"', out);
}

void json_set_sensor(const char *name)
{
	snprintf(sensor, sizeof sensor, "%s", name ? name : "");
}

void json_record_open(FILE *out, const char *type)
{
	fprintf(out, "{\"type\":\"%s\"", type);
	if (sensor[0]) {
		fputs(",\"sensor\":", out);
		json_str(out, sensor);
	}
}
