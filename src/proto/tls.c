/* \summary: placeholder until the tls recogniser lands */
#include "vcflow/proto.h"

static enum proto_verdict tls_search(void *state, const struct proto_pkt *pkt,
				  struct proto_report *rep,
				  const struct proto_sink *sink)
{
	return PROTO_NO;
}

const struct recogniser proto_tls = {
	.name = "tls",
	.app = APP_TLS,
	.transports = PROTO_TCP | PROTO_UDP,
	.budget = 1,
	.search = tls_search,
};
