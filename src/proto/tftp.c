/* \summary: placeholder until the tftp recogniser lands */
#include "vcflow/proto.h"

static enum proto_verdict tftp_search(void *state, const struct proto_pkt *pkt,
				  struct proto_report *rep,
				  const struct proto_sink *sink)
{
	return PROTO_NO;
}

const struct recogniser proto_tftp = {
	.name = "tftp",
	.app = APP_TFTP,
	.transports = PROTO_TCP | PROTO_UDP,
	.budget = 1,
	.search = tftp_search,
};
