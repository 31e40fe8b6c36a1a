/* \summary: placeholder until the xmpp recogniser lands */
#include "vcflow/proto.h"

static enum proto_verdict xmpp_search(void *state, const struct proto_pkt *pkt,
				  struct proto_report *rep,
				  const struct proto_sink *sink)
{
	return PROTO_NO;
}

const struct recogniser proto_xmpp = {
	.name = "xmpp",
	.app = APP_XMPP,
	.transports = PROTO_TCP | PROTO_UDP,
	.budget = 1,
	.search = xmpp_search,
};
