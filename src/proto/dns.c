/* \summary: placeholder until the dns recogniser lands */
#include "vcflow/proto.h"

static enum proto_verdict dns_search(void *state, const struct proto_pkt *pkt,
				  struct proto_report *rep,
				  const struct proto_sink *sink)
{
	return PROTO_NO;
}

const struct recogniser proto_dns = {
	.name = "dns",
	.app = APP_DNS,
	.transports = PROTO_TCP | PROTO_UDP,
	.budget = 1,
	.search = dns_search,
};
