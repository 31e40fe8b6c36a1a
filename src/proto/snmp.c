/* \summary: placeholder until the snmp recogniser lands */
#include "vcflow/proto.h"

static enum proto_verdict snmp_search(void *state, const struct proto_pkt *pkt,
				  struct proto_report *rep,
				  const struct proto_sink *sink)
{
	return PROTO_NO;
}

const struct recogniser proto_snmp = {
	.name = "snmp",
	.app = APP_SNMP,
	.transports = PROTO_TCP | PROTO_UDP,
	.budget = 1,
	.search = snmp_search,
};
