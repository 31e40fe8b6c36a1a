/* \summary: IPv4/IPv6 addresses and CIDR prefixes */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vcflow/addr.h"

static const uint8_t v4_mapped_prefix[12] = { 0, 0, 0, 0, 0, 0,
					      0, 0, 0, 0, 0xff, 0xff };
#define V4_MAPPED_BITS 96

void addr_from_v4(struct addr *a, const uint8_t v4[4])
{
	memcpy(a->b, v4_mapped_prefix, sizeof v4_mapped_prefix);
	memcpy(a->b + 12, v4, 4);
}

void addr_from_v6(struct addr *a, const uint8_t v6[16])
{
	memcpy(a->b, v6, 16);
}

bool addr_is_v4(const struct addr *a)
{
	return memcmp(a->b, v4_mapped_prefix, sizeof v4_mapped_prefix) == 0;
}

int addr_cmp(const struct addr *x, const struct addr *y)
{
	return memcmp(x->b, y->b, sizeof x->b);
}

const char *addr_str(const struct addr *a, char *buf, size_t len)
{
	if (addr_is_v4(a))
		inet_ntop(AF_INET, a->b + 12, buf, (socklen_t)len);
	else
		inet_ntop(AF_INET6, a->b, buf, (socklen_t)len);
	return buf;
}

bool addr_parse(const char *s, struct addr *a)
{
	uint8_t raw[16];

	if (inet_pton(AF_INET, s, raw) == 1) {
		addr_from_v4(a, raw);
		return true;
	}
	if (inet_pton(AF_INET6, s, raw) == 1) {
		addr_from_v6(a, raw);
		return true;
	}
	return false;
}

bool cidr_parse(const char *s, struct cidr *c)
{
	char host[ADDR_STRLEN];
	const char *slash = strchr(s, '/');
	size_t n = slash ? (size_t)(slash - s) : strlen(s);
	long bits;
	char *end;

	if (n == 0 || n >= sizeof host)
		return false;
	memcpy(host, s, n);
	host[n] = '\0';
	if (!addr_parse(host, &c->base))
		return false;
	unsigned max = addr_is_v4(&c->base) ? 32 : 128;
	if (!slash) {
		bits = max;
	} else {
		bits = strtol(slash + 1, &end, 10);
		if (slash[1] == '\0' || *end != '\0' || bits < 0 ||
		    bits > (long)max)
			return false;
	}
	c->bits = (unsigned)bits + (max == 32 ? V4_MAPPED_BITS : 0);
	/* Clear host bits so that contains() is a plain prefix compare. */
	for (unsigned i = c->bits; i < 128; i++)
		c->base.b[i / 8] &= (uint8_t)~(0x80u >> (i % 8));
	return true;
}

bool cidr_contains(const struct cidr *c, const struct addr *a)
{
	unsigned full = c->bits / 8, rest = c->bits % 8;

	if (memcmp(c->base.b, a->b, full) != 0)
		return false;
	if (rest == 0)
		return true;
	uint8_t mask = (uint8_t)(0xff00u >> rest);
	return (c->base.b[full] & mask) == (a->b[full] & mask);
}

bool addr_is_private(const struct addr *a)
{
	static const char *const private_nets[] = {
		"10.0.0.0/8",	  "172.16.0.0/12", "192.168.0.0/16",
		"100.64.0.0/10",  "127.0.0.0/8",   "169.254.0.0/16",
		"fc00::/7",	  "fe80::/10",	   "::1/128",
	};
	for (size_t i = 0; i < sizeof private_nets / sizeof *private_nets;
	     i++) {
		struct cidr c;
		if (cidr_parse(private_nets[i], &c) && cidr_contains(&c, a))
			return true;
	}
	return false;
}
