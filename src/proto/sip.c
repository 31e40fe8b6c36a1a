/* \summary: placeholder until the sip recogniser lands */
#include "vcflow/proto.h"

static enum proto_verdict sip_search(void *state, const struct proto_pkt *pkt,
				  struct proto_report *rep,
				  const struct proto_sink *sink)
{
	return PROTO_NO;
}

const struct recogniser proto_sip = {
	.name = "sip",
	.app = APP_SIP,
	.transports = PROTO_TCP | PROTO_UDP,
	.budget = 1,
	.search = sip_search,
};
