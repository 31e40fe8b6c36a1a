/* \summary: placeholder until the h225_ras recogniser lands */
#include "vcflow/proto.h"

static enum proto_verdict h225_ras_search(void *state, const struct proto_pkt *pkt,
				  struct proto_report *rep,
				  const struct proto_sink *sink)
{
	return PROTO_NO;
}

const struct recogniser proto_h225_ras = {
	.name = "h225_ras",
	.app = APP_H225_RAS,
	.transports = PROTO_TCP | PROTO_UDP,
	.budget = 1,
	.search = h225_ras_search,
};
