/* \summary: helpers shared by the recognisers */
#include <ctype.h>

#include "vcflow/proto.h"

void proto_copy_text(char *dst, size_t dstlen, const uint8_t *src,
		     size_t srclen)
{
	size_t n = 0;

	if (dstlen == 0)
		return;
	for (size_t i = 0; i < srclen && n + 1 < dstlen; i++) {
		if (src[i] == '\0')
			break;
		dst[n++] = isprint(src[i]) ? (char)src[i] : '?';
	}
	dst[n] = '\0';
}
