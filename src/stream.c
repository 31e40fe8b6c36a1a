/* \summary: a small per-direction byte buffer for TCP framing */
#include <stdlib.h>
#include <string.h>

#include "vcflow/stream.h"

void stream_setup(struct stream *s, size_t max, struct stream_pool *pool)
{
	s->max = max;
	s->pool = pool;
}

size_t stream_max(const struct stream *s)
{
	return s->max ? s->max : STREAM_MAX;
}

/* Room for `need` bytes: the first buffer is STREAM_MAX (or the bound, when
 * smaller), then it doubles up to the bound. */
static bool stream_reserve(struct stream *s, size_t need)
{
	size_t max = stream_max(s);
	size_t size = s->size ? s->size : (max < STREAM_MAX ? max : STREAM_MAX);
	uint8_t *buf;

	if (s->buf && need <= s->size)
		return true;
	while (size < need)
		size = size > max / 2 ? max : size * 2;
	if (s->pool && size - s->size > s->pool->cap - s->pool->used)
		return false;
	if (!(buf = realloc(s->buf, size)))
		return false;
	if (s->pool)
		s->pool->used += size - s->size;
	s->buf = buf;
	s->size = size;
	return true;
}

bool stream_append(struct stream *s, const uint8_t *data, size_t n)
{
	if (n > stream_max(s) - s->len || !stream_reserve(s, s->len + n))
		return false;
	if (n)
		memcpy(s->buf + s->len, data, n);
	s->len += n;
	return true;
}

void stream_consume(struct stream *s, size_t n)
{
	if (n >= s->len) {
		s->len = 0;
		/* A large message is done with: give its memory back. */
		if (s->size > STREAM_MAX)
			stream_free(s);
		return;
	}
	memmove(s->buf, s->buf + n, s->len - n);
	s->len -= n;
}

void stream_free(struct stream *s)
{
	if (s->pool)
		s->pool->used -= s->size;
	free(s->buf);
	s->buf = NULL;
	s->size = 0;
	s->len = 0;
}
