/* \summary: placeholder until the ldap recogniser lands */
#include "vcflow/proto.h"

static enum proto_verdict ldap_search(void *state, const struct proto_pkt *pkt,
				  struct proto_report *rep,
				  const struct proto_sink *sink)
{
	return PROTO_NO;
}

const struct recogniser proto_ldap = {
	.name = "ldap",
	.app = APP_LDAP,
	.transports = PROTO_TCP | PROTO_UDP,
	.budget = 1,
	.search = ldap_search,
};
