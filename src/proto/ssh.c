/* \summary: placeholder until the ssh recogniser lands */
#include "vcflow/proto.h"

static enum proto_verdict ssh_search(void *state, const struct proto_pkt *pkt,
				  struct proto_report *rep,
				  const struct proto_sink *sink)
{
	return PROTO_NO;
}

const struct recogniser proto_ssh = {
	.name = "ssh",
	.app = APP_SSH,
	.transports = PROTO_TCP | PROTO_UDP,
	.budget = 1,
	.search = ssh_search,
};
