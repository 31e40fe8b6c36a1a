/* \summary: FNV-1a, 64 bits: a quick hash of bytes, not a secret one */
#ifndef VCFLOW_FNV_H
#define VCFLOW_FNV_H

#include <stddef.h>
#include <stdint.h>

#define FNV1A_OFFSET 0xcbf29ce484222325ULL
#define FNV1A_PRIME 0x100000001b3ULL

/* h, from FNV1A_OFFSET or an earlier call's result, on len more bytes. */
static inline uint64_t fnv1a(uint64_t h, const void *data, size_t len)
{
	const uint8_t *p = data;

	for (size_t i = 0; i < len; i++)
		h = (h ^ p[i]) * FNV1A_PRIME;
	return h;
}

#endif
