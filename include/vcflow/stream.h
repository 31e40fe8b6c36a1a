/* \summary: a small per-direction byte buffer for TCP framing */
#ifndef VCFLOW_STREAM_H
#define VCFLOW_STREAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Recognisers that frame messages over TCP (SIP's Content-Length, TPKT,
 * SCCP, STUN over TCP) keep one of these per direction in their state.  It
 * holds only what is needed to finish the message in hand, up to the
 * stream's own bound: STREAM_MAX unless stream_setup() set another (SIP's
 * messages may reach 64 KiB, a TPKT or SCCP message of conferencing control
 * is far smaller).
 *
 * The buffer is allocated on the first append and grows as the message in
 * hand does, so a UDP flow, or a TCP flow a recogniser rejects at once,
 * costs no more than the struct; a recogniser with streams in its state
 * frees them in its release().
 */
#define STREAM_MAX 8192

/*
 * What many streams hold between them, counted against a cap by whoever
 * owns the pool: a stream set up with a pool fails to grow past it.  Not
 * thread-safe; one pool per classifier.
 */
struct stream_pool {
	size_t used; /* bytes allocated by the streams that draw on it */
	size_t cap;  /* the most they may hold together */
};

struct stream {
	size_t len;
	size_t size;		  /* bytes allocated at buf */
	size_t max;		  /* the bound; 0 is STREAM_MAX */
	struct stream_pool *pool; /* NULL: counted against nothing */
	uint8_t *buf;
};

/* Gives a stream its bound and the pool it draws on (may be NULL); call it
 * on an empty stream, before the first append.  A zeroed stream is bounded
 * by STREAM_MAX and draws on no pool. */
void stream_setup(struct stream *s, size_t max, struct stream_pool *pool);
/* The most bytes the stream holds. */
size_t stream_max(const struct stream *s);
/* Appends; returns false (and leaves the buffer as it was) past the bound,
 * past the pool's cap, or when memory runs out. */
bool stream_append(struct stream *s, const uint8_t *data, size_t n);
/* Drops the first n bytes (all of them when n >= len). */
void stream_consume(struct stream *s, size_t n);
/* Frees the buffer; the stream is empty and usable again, with the same
 * bound and pool. */
void stream_free(struct stream *s);

#endif
