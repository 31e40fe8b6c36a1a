/* \summary: a small per-direction byte buffer for TCP framing */
#ifndef VCFLOW_STREAM_H
#define VCFLOW_STREAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Recognisers that frame messages over TCP (SIP's Content-Length, TPKT,
 * SCCP, STUN over TCP) keep one of these per direction in their state.  It
 * holds only what is needed to finish the message in hand: a message larger
 * than STREAM_MAX is not a conferencing control message worth reading.
 *
 * The buffer is allocated on the first append, so a UDP flow, or a TCP
 * flow a recogniser rejects at once, costs no more than the struct; a
 * recogniser with streams in its state frees them in its release().
 */
#define STREAM_MAX 8192

struct stream {
	size_t len;
	uint8_t *buf; /* STREAM_MAX bytes once something was appended */
};

/* Appends; returns false (and leaves the buffer as it was) on overflow or
 * when memory runs out. */
bool stream_append(struct stream *s, const uint8_t *data, size_t n);
/* Drops the first n bytes (all of them when n >= len). */
void stream_consume(struct stream *s, size_t n);
/* Frees the buffer; the stream is empty and usable again. */
void stream_free(struct stream *s);

#endif
