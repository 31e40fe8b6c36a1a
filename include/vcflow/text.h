/* \summary: small text helpers shared by the outputs */
#ifndef VCFLOW_TEXT_H
#define VCFLOW_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "vcflow/addr.h"

/* tcp, udp, icmp, icmpv6, or other (the contract's `transport`). */
const char *transport_name(uint8_t proto);
/* ISO 8601 UTC with microseconds: 2024-03-01T10:00:00.000000Z. */
void iso_time(uint64_t us, char *buf, size_t len);
/* RFC 3629: a UTF-8 character is at most this long. */
#define UTF8_MAX_LEN 4
/* The length of the well-formed UTF-8 character at p (RFC 3629 sec 4:
 * no overlong form, surrogate or code point past U+10FFFF), reading at
 * most avail bytes and stopping at a NUL, or 0. */
size_t utf8_char_len(const uint8_t *p, size_t avail);
/* A JSON string, escaped; null for NULL or "". */
void json_str(FILE *out, const char *s);
/* A host name is at most 64 bytes (HOST_NAME_MAX); a sensor name given
 * with --sensor longer than this less one is cut. */
#define JSON_SENSOR_MAX 256
/* Opens a JSON record, {"type":"TYPE","sensor":"NAME", the one place every
 * record type starts; the caller writes the rest and the closing brace.
 * sensor NULL or "": the record carries no sensor field. */
void json_record_open(FILE *out, const char *type, const char *sensor);

/*
 * A record built in memory and written with one fwrite: the appenders
 * below grow the buffer as needed; once memory runs out the buffer is
 * marked failed and keeps what it had (the record is then not written).
 */
struct jbuf {
	char *p;
	size_t len, cap;
	bool failed;
};

void jb_free(struct jbuf *b);
/* Room for n more bytes; false when memory ran out. */
bool jb_grow(struct jbuf *b, size_t n);
static inline void jb_raw(struct jbuf *b, const char *s, size_t n)
{
	if (b->cap - b->len < n && !jb_grow(b, n))
		return;
	memcpy(b->p + b->len, s, n);
	b->len += n;
}
static inline void jb_char(struct jbuf *b, char c)
{
	if (b->cap == b->len && !jb_grow(b, 1))
		return;
	b->p[b->len++] = c;
}
/* A string literal or any NUL-terminated text, unescaped. */
#define JB_LIT(b, lit) jb_raw((b), (lit), sizeof(lit) - 1)
static inline void jb_cstr(struct jbuf *b, const char *s)
{
	jb_raw(b, s, strlen(s));
}
/* Decimal, as printf's %llu and %lld write it. */
void jb_u64(struct jbuf *b, uint64_t v);
void jb_i64(struct jbuf *b, int64_t v);
/* The text of json_str: escaped and quoted, null for NULL or "". */
void jb_json_str(struct jbuf *b, const char *s);
/* iso_time's text, in quotes. */
void jb_time(struct jbuf *b, uint64_t us);
/* An address as addr_str writes it, unquoted. */
void jb_addr(struct jbuf *b, const struct addr *a);
/* json_record_open's text. */
void jb_record_open(struct jbuf *b, const char *type, const char *sensor);
/* Writes the record and empties the buffer; a failed one is dropped. */
void jb_write(struct jbuf *b, FILE *out);

#endif
