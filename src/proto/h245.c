/* \summary: placeholder until the h245 recogniser lands */
#include "vcflow/proto.h"

static enum proto_verdict h245_search(void *state, const struct proto_pkt *pkt,
				  struct proto_report *rep,
				  const struct proto_sink *sink)
{
	return PROTO_NO;
}

const struct recogniser proto_h245 = {
	.name = "h245",
	.app = APP_H245,
	.transports = PROTO_TCP | PROTO_UDP,
	.budget = 1,
	.search = h245_search,
};
