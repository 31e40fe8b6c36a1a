/* \summary: the list of recognisers, in the order they are tried */
#include "vcflow/proto.h"

extern const struct recogniser proto_sip;
extern const struct recogniser proto_h225_ras;
extern const struct recogniser proto_q931;
extern const struct recogniser proto_h245;
extern const struct recogniser proto_sccp;
extern const struct recogniser proto_bfcp;
extern const struct recogniser proto_stun;
extern const struct recogniser proto_dtls;
extern const struct recogniser proto_tls;
extern const struct recogniser proto_rtcp;
extern const struct recogniser proto_zoom;
extern const struct recogniser proto_rtp;
extern const struct recogniser proto_http;
extern const struct recogniser proto_dns;
extern const struct recogniser proto_tftp;
extern const struct recogniser proto_snmp;
extern const struct recogniser proto_ldap;
extern const struct recogniser proto_xmpp;
extern const struct recogniser proto_ssh;

/*
 * All run side by side on an undecided flow; the order only settles which
 * answer wins when two say yes on the same packet, so the stricter
 * recognisers come first and RTP, the loosest, comes late.
 */
const struct recogniser *const recognisers[] = {
	&proto_sip,
	&proto_h225_ras,
	&proto_q931,
	&proto_h245,
	&proto_sccp,
	&proto_bfcp,
	&proto_stun,
	&proto_dtls,
	&proto_tls,
	&proto_rtcp,
	&proto_zoom,
	&proto_rtp,
	&proto_http,
	&proto_dns,
	&proto_tftp,
	&proto_snmp,
	&proto_ldap,
	&proto_xmpp,
	&proto_ssh,
};

const size_t n_recognisers = sizeof recognisers / sizeof *recognisers;
