/* \summary: names of the application labels */
#include <string.h>

#include "vcflow/app.h"

static const char *const app_names[APP_COUNT] = {
	[APP_UNKNOWN] = "unknown", [APP_SIP] = "sip",
	[APP_H225_RAS] = "h225-ras", [APP_Q931] = "q931",
	[APP_H245] = "h245",	   [APP_RTP] = "rtp",
	[APP_RTCP] = "rtcp",	   [APP_BFCP] = "bfcp",
	[APP_STUN] = "stun",	   [APP_SCCP] = "sccp",
	[APP_TLS] = "tls",	   [APP_DTLS] = "dtls",
	[APP_HTTP] = "http",	   [APP_T38] = "t38",
	[APP_XMPP] = "xmpp",	   [APP_LDAP] = "ldap",
	[APP_SNMP] = "snmp",	   [APP_TFTP] = "tftp",
	[APP_FTP] = "ftp",	   [APP_SSH] = "ssh",
	[APP_TELNET] = "telnet",   [APP_DNS] = "dns",
	[APP_NTP] = "ntp",	   [APP_T120] = "t120",
	[APP_MEGACO] = "megaco",   [APP_OTHER] = "other",
};

const char *app_name(enum app app)
{
	return (unsigned)app < APP_COUNT ? app_names[app] : "unknown";
}

bool app_from_name(const char *name, enum app *app)
{
	for (int i = 0; i < APP_COUNT; i++) {
		if (strcmp(name, app_names[i]) == 0) {
			*app = (enum app)i;
			return true;
		}
	}
	return false;
}

bool app_is_conferencing(enum app app)
{
	return app >= APP_SIP && app <= APP_SCCP;
}

bool app_is_plain_service(enum app app)
{
	switch (app) {
	case APP_TLS: case APP_DTLS: case APP_HTTP: case APP_XMPP:
	case APP_LDAP: case APP_SNMP: case APP_TFTP: case APP_FTP:
	case APP_SSH: case APP_TELNET: case APP_DNS: case APP_NTP:
		return true;
	default:
		return false;
	}
}
