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
/* The sensor every JSON record names from now on (--sensor), copied;
 * NULL or "": records carry no sensor field. */
void json_set_sensor(const char *name);
/* Opens a JSON record, {"type":"TYPE","sensor":"NAME", the one place every
 * record type starts; the caller writes the rest and the closing brace. */
void json_record_open(FILE *out, const char *type);

#endif
