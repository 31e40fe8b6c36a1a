/* \summary: placeholder until the http recogniser lands */
#include "vcflow/proto.h"

static enum proto_verdict http_search(void *state, const struct proto_pkt *pkt,
				  struct proto_report *rep,
				  const struct proto_sink *sink)
{
	return PROTO_NO;
}

const struct recogniser proto_http = {
	.name = "http",
	.app = APP_HTTP,
	.transports = PROTO_TCP | PROTO_UDP,
	.budget = 1,
	.search = http_search,
};
