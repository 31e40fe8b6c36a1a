/* \summary: IPv4/IPv6 addresses and CIDR prefixes */
#ifndef VCFLOW_ADDR_H
#define VCFLOW_ADDR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* IPv4 is held as an IPv4-mapped IPv6 address (::ffff:a.b.c.d), so one
 * 16-byte compare serves both families. */
struct addr {
	uint8_t b[16];
};

#define ADDR_STRLEN 46 /* INET6_ADDRSTRLEN */

struct cidr {
	struct addr base;
	unsigned bits; /* prefix length over the 128-bit form */
};

void addr_from_v4(struct addr *a, const uint8_t v4[4]);
void addr_from_v6(struct addr *a, const uint8_t v6[16]);
bool addr_is_v4(const struct addr *a);
int addr_cmp(const struct addr *x, const struct addr *y);
/* Writes the usual text form (dotted quad for IPv4); returns `buf`. */
const char *addr_str(const struct addr *a, char *buf, size_t len);
/* Parses a dotted quad or an IPv6 address. */
bool addr_parse(const char *s, struct addr *a);
/* Parses "a.b.c.d/n" or "v6/n" (a bare address means a host prefix). */
bool cidr_parse(const char *s, struct cidr *c);
bool cidr_contains(const struct cidr *c, const struct addr *a);
/* RFC 1918, RFC 6598 shared, loopback, link-local and IPv6 ULA. */
bool addr_is_private(const struct addr *a);

#endif
