/* \summary: placeholder until the rtp recogniser lands */
#include "vcflow/proto.h"

static enum proto_verdict rtp_search(void *state, const struct proto_pkt *pkt,
				  struct proto_report *rep,
				  const struct proto_sink *sink)
{
	return PROTO_NO;
}

const struct recogniser proto_rtp = {
	.name = "rtp",
	.app = APP_RTP,
	.transports = PROTO_TCP | PROTO_UDP,
	.budget = 1,
	.search = rtp_search,
};
