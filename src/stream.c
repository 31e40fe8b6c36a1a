/* \summary: a small per-direction byte buffer for TCP framing */
#include <stdlib.h>
#include <string.h>

#include "vcflow/stream.h"

bool stream_append(struct stream *s, const uint8_t *data, size_t n)
{
	if (n > STREAM_MAX - s->len)
		return false;
	if (!s->buf && !(s->buf = malloc(STREAM_MAX)))
		return false;
	memcpy(s->buf + s->len, data, n);
	s->len += n;
	return true;
}

void stream_consume(struct stream *s, size_t n)
{
	if (n >= s->len) {
		s->len = 0;
		return;
	}
	memmove(s->buf, s->buf + n, s->len - n);
	s->len -= n;
}

void stream_free(struct stream *s)
{
	free(s->buf);
	s->buf = NULL;
	s->len = 0;
}
