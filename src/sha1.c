/* \summary: SHA-1, for the Community ID flow hash only */
/* specification: RFC 3174 */
#include <string.h>

#include "vcflow/sha1.h"

#define SHA1_BLOCK 64

static uint32_t rol(uint32_t x, unsigned n)
{
	return x << n | x >> (32 - n);
}

static void sha1_block(uint32_t h[5], const uint8_t *b)
{
	uint32_t w[80], a = h[0], bb = h[1], c = h[2], d = h[3], e = h[4];

	for (int i = 0; i < 16; i++)
		w[i] = (uint32_t)b[4 * i] << 24 | (uint32_t)b[4 * i + 1] << 16 |
		       (uint32_t)b[4 * i + 2] << 8 | b[4 * i + 3];
	for (int i = 16; i < 80; i++)
		w[i] = rol(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
	for (int i = 0; i < 80; i++) {
		uint32_t f, k;
		if (i < 20) {
			f = (bb & c) | (~bb & d);
			k = 0x5a827999;
		} else if (i < 40) {
			f = bb ^ c ^ d;
			k = 0x6ed9eba1;
		} else if (i < 60) {
			f = (bb & c) | (bb & d) | (c & d);
			k = 0x8f1bbcdc;
		} else {
			f = bb ^ c ^ d;
			k = 0xca62c1d6;
		}
		uint32_t t = rol(a, 5) + f + e + k + w[i];
		e = d;
		d = c;
		c = rol(bb, 30);
		bb = a;
		a = t;
	}
	h[0] += a;
	h[1] += bb;
	h[2] += c;
	h[3] += d;
	h[4] += e;
}

void sha1(const uint8_t *data, size_t len, uint8_t digest[SHA1_DIGEST_LEN])
{
	uint32_t h[5] = { 0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476,
			  0xc3d2e1f0 };
	uint8_t tail[2 * SHA1_BLOCK];
	size_t full = len / SHA1_BLOCK * SHA1_BLOCK, rest = len - full;
	uint64_t bits = (uint64_t)len * 8;

	for (size_t off = 0; off < full; off += SHA1_BLOCK)
		sha1_block(h, data + off);
	memset(tail, 0, sizeof tail);
	if (rest)
		memcpy(tail, data + full, rest);
	tail[rest] = 0x80;
	size_t tlen = rest + 9 <= SHA1_BLOCK ? SHA1_BLOCK : 2 * SHA1_BLOCK;
	for (int i = 0; i < 8; i++)
		tail[tlen - 1 - i] = (uint8_t)(bits >> (8 * i));
	for (size_t off = 0; off < tlen; off += SHA1_BLOCK)
		sha1_block(h, tail + off);
	for (int i = 0; i < 5; i++)
		for (int j = 0; j < 4; j++)
			digest[4 * i + j] = (uint8_t)(h[i] >> (24 - 8 * j));
}
