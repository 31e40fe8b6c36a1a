/* \summary: hand-assembled frames for the unit tests */
#ifndef VCFLOW_TEST_FRAMES_H
#define VCFLOW_TEST_FRAMES_H

#include <stdint.h>
#include <string.h>

/* A frame under construction; tests append headers field by field, as the
 * RFCs draw them, so each test shows the bytes it feeds. */
struct frame {
	uint8_t b[2048];
	size_t len;
};

static inline void put8(struct frame *f, uint8_t v)
{
	f->b[f->len++] = v;
}

static inline void put16(struct frame *f, uint16_t v)
{
	put8(f, (uint8_t)(v >> 8));
	put8(f, (uint8_t)v);
}

static inline void put32(struct frame *f, uint32_t v)
{
	put16(f, (uint16_t)(v >> 16));
	put16(f, (uint16_t)v);
}

static inline void putbytes(struct frame *f, const void *p, size_t n)
{
	if (n)
		memcpy(f->b + f->len, p, n);
	f->len += n;
}

static inline void put_eth(struct frame *f, uint16_t type)
{
	static const uint8_t macs[12] = { 2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2 };
	putbytes(f, macs, sizeof macs);
	put16(f, type);
}

/* IPv4 header of 20 bytes; `payload` bytes are to follow. */
static inline void put_ipv4(struct frame *f, uint8_t proto, const uint8_t src[4],
			    const uint8_t dst[4], uint16_t payload, uint8_t tos,
			    uint16_t id, uint16_t frag)
{
	put8(f, 0x45);
	put8(f, tos);
	put16(f, (uint16_t)(20 + payload));
	put16(f, id);
	put16(f, frag);
	put8(f, 64);
	put8(f, proto);
	put16(f, 0);
	putbytes(f, src, 4);
	putbytes(f, dst, 4);
}

static inline void put_udp(struct frame *f, uint16_t sp, uint16_t dp,
			   const void *data, uint16_t n)
{
	put16(f, sp);
	put16(f, dp);
	put16(f, (uint16_t)(8 + n));
	put16(f, 0);
	putbytes(f, data, n);
}

static inline void put_tcp(struct frame *f, uint16_t sp, uint16_t dp,
			   uint32_t seq, uint8_t flags, const void *data,
			   uint16_t n)
{
	put16(f, sp);
	put16(f, dp);
	put32(f, seq);
	put32(f, 0);
	put8(f, 5 << 4);
	put8(f, flags);
	put16(f, 65535);
	put16(f, 0);
	put16(f, 0);
	putbytes(f, data, n);
}

static const uint8_t A4[4] = { 192, 0, 2, 1 };
static const uint8_t B4[4] = { 198, 51, 100, 2 };

/* Ethernet + IPv4 + UDP in one go. */
static inline void udp4_frame(struct frame *f, uint16_t sp, uint16_t dp,
			      const char *data)
{
	uint16_t n = (uint16_t)strlen(data);
	f->len = 0;
	put_eth(f, 0x0800);
	put_ipv4(f, 17, A4, B4, (uint16_t)(8 + n), 0, 1, 0);
	put_udp(f, sp, dp, data, n);
}

#endif
