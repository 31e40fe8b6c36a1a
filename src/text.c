/* \summary: small text helpers shared by the outputs */
/* specification: RFC 8259 (JSON strings), RFC 3339 (timestamps) */
#include <netinet/in.h>
#include <stdbool.h>
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

void iso_time(uint64_t us, char *buf, size_t len)
{
	time_t secs = (time_t)(us / US_PER_SEC);
	struct tm tm;
	char date[32];

	gmtime_r(&secs, &tm);
	strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(buf, len, "%s.%06uZ", date, (unsigned)(us % US_PER_SEC));
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
			fprintf(out, "\\u%04x", *p);
		}
		p++;
	}
	fputc('"', out);
}
