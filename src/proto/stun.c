/* \summary: placeholder until the stun recogniser lands */
#include "vcflow/proto.h"

static enum proto_verdict stun_search(void *state, const struct proto_pkt *pkt,
				  struct proto_report *rep,
				  const struct proto_sink *sink)
{
	return PROTO_NO;
}

const struct recogniser proto_stun = {
	.name = "stun",
	.app = APP_STUN,
	.transports = PROTO_TCP | PROTO_UDP,
	.budget = 1,
	.search = stun_search,
};
