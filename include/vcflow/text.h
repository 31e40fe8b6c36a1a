/* \summary: small text helpers shared by the outputs */
#ifndef VCFLOW_TEXT_H
#define VCFLOW_TEXT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* tcp, udp, icmp, icmpv6, or other (the contract's `transport`). */
const char *transport_name(uint8_t proto);
/* ISO 8601 UTC with microseconds: 2024-03-01T10:00:00.000000Z. */
void iso_time(uint64_t us, char *buf, size_t len);
/* A JSON string, escaped; null for NULL or "". */
void json_str(FILE *out, const char *s);

#endif
