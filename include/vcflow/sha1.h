/* \summary: SHA-1, for the Community ID flow hash only */
#ifndef VCFLOW_SHA1_H
#define VCFLOW_SHA1_H

#include <stddef.h>
#include <stdint.h>

#define SHA1_DIGEST_LEN 20

void sha1(const uint8_t *data, size_t len, uint8_t digest[SHA1_DIGEST_LEN]);

#endif
