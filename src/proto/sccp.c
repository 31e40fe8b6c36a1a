/* \summary: placeholder until the sccp recogniser lands */
#include "vcflow/proto.h"

static enum proto_verdict sccp_search(void *state, const struct proto_pkt *pkt,
				  struct proto_report *rep,
				  const struct proto_sink *sink)
{
	return PROTO_NO;
}

const struct recogniser proto_sccp = {
	.name = "sccp",
	.app = APP_SCCP,
	.transports = PROTO_TCP | PROTO_UDP,
	.budget = 1,
	.search = sccp_search,
};
