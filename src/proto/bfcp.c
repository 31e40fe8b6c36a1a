/* \summary: placeholder until the bfcp recogniser lands */
#include "vcflow/proto.h"

static enum proto_verdict bfcp_search(void *state, const struct proto_pkt *pkt,
				  struct proto_report *rep,
				  const struct proto_sink *sink)
{
	return PROTO_NO;
}

const struct recogniser proto_bfcp = {
	.name = "bfcp",
	.app = APP_BFCP,
	.transports = PROTO_TCP | PROTO_UDP,
	.budget = 1,
	.search = bfcp_search,
};
