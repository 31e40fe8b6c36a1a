/* \summary: the application labels of ../CONTRACT (the `app` vocabulary) */
#ifndef VCFLOW_APP_H
#define VCFLOW_APP_H

#include <stdbool.h>

enum app {
	APP_UNKNOWN = 0,
	APP_SIP,
	APP_H225_RAS,
	APP_Q931,
	APP_H245,
	APP_RTP,
	APP_RTCP,
	APP_BFCP,
	APP_STUN,
	APP_SCCP,
	APP_TLS,
	APP_DTLS,
	APP_HTTP,
	APP_T38,
	APP_XMPP,
	APP_LDAP,
	APP_SNMP,
	APP_TFTP,
	APP_FTP,
	APP_SSH,
	APP_TELNET,
	APP_DNS,
	APP_NTP,
	APP_T120,
	APP_MEGACO,
	APP_OTHER,
	APP_COUNT
};

/* Lower-case label as written in output ("h225-ras"). */
const char *app_name(enum app app);
/* Parses a label; returns false when `name` is not in the vocabulary. */
bool app_from_name(const char *name, enum app *app);
/* True for the protocols a video call is made of (sip ... sccp). */
bool app_is_conferencing(enum app app);
/* True for the services any network runs (dns, tls, http, ldap ...): a
 * vendor's table that lists their port does not make the flow its own. */
bool app_is_plain_service(enum app app);

#endif
