/* \summary: helpers shared by the recognisers */
#include <stdio.h>
#include <string.h>

#include "vcflow/proto.h"
#include "vcflow/text.h"

static uint32_t utf8_code_point(const uint8_t *p, size_t len)
{
	static const uint8_t lead_mask[] = { 0, 0x7f, 0x1f, 0x0f, 0x07 };
	uint32_t cp = p[0] & lead_mask[len];

	for (size_t i = 1; i < len; i++)
		cp = cp << 6 | (p[i] & 0x3fu);
	return cp;
}

/*
 * Code points that change how the text around them is shown: C1 controls
 * (ECMA-48) and the bidirectional embeddings, overrides and isolates of
 * Unicode's UAX #9 (U+202A-U+202E, U+2066-U+2069).
 */
static bool reorders_or_controls(uint32_t cp)
{
	return (cp >= 0x80 && cp <= 0x9f) || (cp >= 0x202a && cp <= 0x202e) ||
	       (cp >= 0x2066 && cp <= 0x2069);
}

void proto_copy_text(char *dst, size_t dstlen, const uint8_t *src,
		     size_t srclen)
{
	size_t n = 0;

	if (dstlen == 0)
		return;
	for (size_t i = 0; i < srclen && src[i] != '\0';) {
		char esc[12];
		const char *piece = esc;
		size_t len, take;

		if (src[i] >= 0x20 && src[i] < 0x7f) {
			piece = (const char *)&src[i];
			len = take = 1;
		} else if ((take = utf8_char_len(&src[i], srclen - i)) != 0) {
			uint32_t cp = utf8_code_point(&src[i], take);
			if (reorders_or_controls(cp)) {
				len = (size_t)snprintf(esc, sizeof esc,
						       "\\u%04x", (unsigned)cp);
			} else {
				piece = (const char *)&src[i];
				len = take;
			}
		} else {
			/* C0 controls, DEL and bytes that are not UTF-8 */
			len = (size_t)snprintf(esc, sizeof esc, "\\x%02x", src[i]);
			take = 1;
		}
		if (n + len + 1 > dstlen)
			break; /* whole characters only */
		memcpy(dst + n, piece, len);
		n += len;
		i += take;
	}
	dst[n] = '\0';
}
