/* \summary: fuzz target: decode_packet over every link type vcflow reads */
/*
 * Input: the first byte picks the link type, the rest is the frame.  The
 * frame is copied to a buffer of exactly its length, so a read one byte
 * past the end is caught by AddressSanitizer.
 */
#include <pcap/dlt.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vcflow/decode.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const int link_types[] = {
	DLT_EN10MB, DLT_LINUX_SLL, DLT_LINUX_SLL2, DLT_RAW,
	DLT_IPV4,   DLT_IPV6,      DLT_NULL,       DLT_LOOP,
};

/* Reads every byte of a span the decoder handed back, so a span that
 * points outside the frame is reported where it is made. */
static volatile uint8_t sink;

static void touch(const uint8_t *p, size_t n, const uint8_t *lo,
		  const uint8_t *hi)
{
	if (n == 0)
		return;
	if (p < lo || p > hi || (size_t)(hi - p) < n)
		abort(); /* a span outside the frame */
	for (size_t i = 0; i < n; i++)
		sink ^= p[i];
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct packet pkt;

	if (size < 1)
		return 0;
	int dlt = link_types[data[0] % (sizeof link_types / sizeof *link_types)];
	size_t len = size - 1;
	uint8_t *frame = malloc(len ? len : 1);
	if (!frame)
		return 0;
	memcpy(frame, data + 1, len);
	if (!decode_link_supported(dlt))
		abort();
	enum decode_result r = decode_packet(dlt, frame, len, &pkt);
	if ((unsigned)r >= DECODE_RESULT_COUNT || !decode_result_name(r))
		abort();
	if (r == DECODE_OK) {
		touch(pkt.payload, pkt.payload_len, frame, frame + len);
		if (pkt.fragment)
			touch(pkt.frag_data, pkt.frag_len, frame, frame + len);
		if (pkt.ip_version != 4 && pkt.ip_version != 6)
			abort();
	}
	free(frame);
	return 0;
}
