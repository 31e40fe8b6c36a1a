/* \summary: placeholder until the rtcp recogniser lands */
#include "vcflow/proto.h"

static enum proto_verdict rtcp_search(void *state, const struct proto_pkt *pkt,
				  struct proto_report *rep,
				  const struct proto_sink *sink)
{
	return PROTO_NO;
}

const struct recogniser proto_rtcp = {
	.name = "rtcp",
	.app = APP_RTCP,
	.transports = PROTO_TCP | PROTO_UDP,
	.budget = 1,
	.search = rtcp_search,
};
