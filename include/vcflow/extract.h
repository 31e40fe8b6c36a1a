/* \summary: bounds-checked reads of untrusted bytes */
#ifndef VCFLOW_EXTRACT_H
#define VCFLOW_EXTRACT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/*
 * Every byte of a packet is read through a cursor.  A cursor knows where its
 * data ends; a read past the end returns 0 and sets `bad`, which stays set,
 * so a parser reads a whole header and checks once (`if (c.bad) return NO`)
 * instead of guarding each field by hand.
 */
struct cursor {
	const uint8_t *p;
	const uint8_t *end;
	bool bad;
};

static inline struct cursor cur_make(const uint8_t *data, size_t len)
{
	struct cursor c = { data, data ? data + len : data, data == NULL && len };
	return c;
}

static inline size_t cur_left(const struct cursor *c)
{
	return c->bad ? 0 : (size_t)(c->end - c->p);
}

static inline bool cur_need(struct cursor *c, size_t n)
{
	if (c->bad || (size_t)(c->end - c->p) < n) {
		c->bad = true;
		return false;
	}
	return true;
}

static inline void cur_skip(struct cursor *c, size_t n)
{
	if (cur_need(c, n))
		c->p += n;
}

/* Returns a pointer to the next n bytes and steps over them, or NULL. */
static inline const uint8_t *cur_take(struct cursor *c, size_t n)
{
	const uint8_t *p = c->p;

	if (!cur_need(c, n))
		return NULL;
	c->p += n;
	return p;
}

/* Splits off the next n bytes as a cursor of their own. */
static inline struct cursor cur_sub(struct cursor *c, size_t n)
{
	const uint8_t *p = cur_take(c, n);
	struct cursor s = { p, p ? p + n : NULL, p == NULL };
	return s;
}

static inline uint8_t cur_u8(struct cursor *c)
{
	return cur_need(c, 1) ? *c->p++ : 0;
}

static inline uint16_t cur_be16(struct cursor *c)
{
	const uint8_t *b = cur_take(c, 2);
	return b ? (uint16_t)(b[0] << 8 | b[1]) : 0;
}

static inline uint32_t cur_be24(struct cursor *c)
{
	const uint8_t *b = cur_take(c, 3);
	return b ? (uint32_t)b[0] << 16 | (uint32_t)b[1] << 8 | b[2] : 0;
}

static inline uint32_t cur_be32(struct cursor *c)
{
	const uint8_t *b = cur_take(c, 4);
	return b ? (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 |
			   (uint32_t)b[2] << 8 | b[3]
		 : 0;
}

static inline uint16_t cur_le16(struct cursor *c)
{
	const uint8_t *b = cur_take(c, 2);
	return b ? (uint16_t)(b[1] << 8 | b[0]) : 0;
}

static inline uint32_t cur_le32(struct cursor *c)
{
	const uint8_t *b = cur_take(c, 4);
	return b ? (uint32_t)b[3] << 24 | (uint32_t)b[2] << 16 |
			   (uint32_t)b[1] << 8 | b[0]
		 : 0;
}

/* Copies n bytes out; on overrun the destination is zeroed. */
static inline void cur_copy(struct cursor *c, void *dst, size_t n)
{
	const uint8_t *b = cur_take(c, n);

	if (b)
		memcpy(dst, b, n);
	else
		memset(dst, 0, n);
}

/* A cursor over the bytes from offset `off` on, without moving `c`. */
static inline struct cursor cur_at(const struct cursor *c, size_t off)
{
	struct cursor s = *c;

	cur_skip(&s, off);
	return s;
}

/* Peeks at a byte without moving; 0 and no error when past the end. */
static inline uint8_t cur_peek(const struct cursor *c, size_t off)
{
	return !c->bad && (size_t)(c->end - c->p) > off ? c->p[off] : 0;
}

/* True when the bytes at the cursor begin with `prefix` (a C string). */
static inline bool cur_starts_with(struct cursor c, const char *prefix)
{
	size_t n = strlen(prefix);
	const uint8_t *p = cur_take(&c, n);

	return p && memcmp(p, prefix, n) == 0;
}

#endif
