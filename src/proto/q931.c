/* \summary: placeholder until the q931 recogniser lands */
#include "vcflow/proto.h"

static enum proto_verdict q931_search(void *state, const struct proto_pkt *pkt,
				  struct proto_report *rep,
				  const struct proto_sink *sink)
{
	return PROTO_NO;
}

const struct recogniser proto_q931 = {
	.name = "q931",
	.app = APP_Q931,
	.transports = PROTO_TCP | PROTO_UDP,
	.budget = 1,
	.search = q931_search,
};
