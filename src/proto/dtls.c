/* \summary: placeholder until the dtls recogniser lands */
#include "vcflow/proto.h"

static enum proto_verdict dtls_search(void *state, const struct proto_pkt *pkt,
				  struct proto_report *rep,
				  const struct proto_sink *sink)
{
	return PROTO_NO;
}

const struct recogniser proto_dtls = {
	.name = "dtls",
	.app = APP_DTLS,
	.transports = PROTO_TCP | PROTO_UDP,
	.budget = 1,
	.search = dtls_search,
};
