/* \summary: pcapgen's growable byte buffer and seeded pseudo-random bytes */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pcapgen.h"

static void buf_grow(struct buf *b, size_t extra)
{
	size_t want = b->len + extra;

	if (want <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 256;
	while (cap < want)
		cap *= 2;
	uint8_t *p = realloc(b->p, cap);
	if (!p) {
		fprintf(stderr, "pcapgen: out of memory\n");
		exit(1);
	}
	b->p = p;
	b->cap = cap;
}

void buf_put(struct buf *b, const void *d, size_t n)
{
	if (n == 0)
		return;
	buf_grow(b, n);
	memcpy(b->p + b->len, d, n);
	b->len += n;
}

void buf_u8(struct buf *b, unsigned v)
{
	uint8_t x = (uint8_t)v;

	buf_put(b, &x, 1);
}

void buf_be16(struct buf *b, unsigned v)
{
	uint8_t x[2] = {(uint8_t)(v >> 8), (uint8_t)v};

	buf_put(b, x, 2);
}

void buf_be32(struct buf *b, uint32_t v)
{
	uint8_t x[4] = {(uint8_t)(v >> 24), (uint8_t)(v >> 16),
			(uint8_t)(v >> 8), (uint8_t)v};

	buf_put(b, x, 4);
}

void buf_le16(struct buf *b, unsigned v)
{
	uint8_t x[2] = {(uint8_t)v, (uint8_t)(v >> 8)};

	buf_put(b, x, 2);
}

void buf_le32(struct buf *b, uint32_t v)
{
	uint8_t x[4] = {(uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16),
			(uint8_t)(v >> 24)};

	buf_put(b, x, 4);
}

void buf_zero(struct buf *b, size_t n)
{
	if (n == 0)
		return;
	buf_grow(b, n);
	memset(b->p + b->len, 0, n);
	b->len += n;
}

void buf_str(struct buf *b, const char *s)
{
	buf_put(b, s, strlen(s));
}

void buf_strz(struct buf *b, const char *s, size_t width)
{
	size_t n = strlen(s);

	if (n > width)
		n = width;
	buf_put(b, s, n);
	buf_zero(b, width - n);
}

void buf_fmt(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	buf_grow(b, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf((char *)b->p + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void buf_set_be16(struct buf *b, size_t at, unsigned v)
{
	b->p[at] = (uint8_t)(v >> 8);
	b->p[at + 1] = (uint8_t)v;
}

void buf_set_be32(struct buf *b, size_t at, uint32_t v)
{
	buf_set_be16(b, at, v >> 16);
	buf_set_be16(b, at + 2, v & 0xffff);
}

void buf_set_le32(struct buf *b, size_t at, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		b->p[at + i] = (uint8_t)(v >> (8 * i));
}

void buf_reset(struct buf *b)
{
	b->len = 0;
}

void buf_free(struct buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}

/* xorshift32: small, fast and the same everywhere. */
uint32_t rng_next(uint32_t *state)
{
	uint32_t x = *state ? *state : 0x9e3779b9u;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	*state = x;
	return x;
}

void rng_fill(uint32_t *state, uint8_t *out, size_t n)
{
	for (size_t i = 0; i < n; i++)
		out[i] = (uint8_t)(rng_next(state) >> 24);
}

void buf_random(struct buf *b, uint32_t *state, size_t n)
{
	buf_grow(b, n);
	rng_fill(state, b->p + b->len, n);
	b->len += n;
}
