/* \summary: opening capture files and interfaces through libpcap */
#include <stdio.h>
#include <string.h>

#include "vcflow/capture.h"
#include "vcflow/decode.h"

/* Without immediate mode a quiet span port would hold packets back for a
 * buffer timeout; this bounds how long a read waits so signals are seen. */
#define LIVE_READ_TIMEOUT_MS 250

static int install_filter(pcap_t *p, const char *name, const char *filter,
			  char *err, size_t errlen)
{
	struct bpf_program prog;

	if (!filter)
		return 0;
	if (pcap_compile(p, &prog, filter, 1, PCAP_NETMASK_UNKNOWN) < 0) {
		snprintf(err, errlen, "%s: filter '%s': %s", name, filter,
			 pcap_geterr(p));
		return -1;
	}
	int rc = pcap_setfilter(p, &prog);
	pcap_freecode(&prog);
	if (rc < 0) {
		snprintf(err, errlen, "%s: filter '%s': %s", name, filter,
			 pcap_geterr(p));
		return -1;
	}
	return 0;
}

static pcap_t *open_live(const struct capture_opts *o, char *err,
			 size_t errlen)
{
	char ebuf[PCAP_ERRBUF_SIZE] = "";
	pcap_t *p = pcap_create(o->iface, ebuf);

	if (!p) {
		snprintf(err, errlen, "%s: %s", o->iface, ebuf);
		return NULL;
	}
	if (o->snaplen)
		pcap_set_snaplen(p, o->snaplen);
	pcap_set_promisc(p, o->promisc);
	pcap_set_immediate_mode(p, 1);
	pcap_set_timeout(p, LIVE_READ_TIMEOUT_MS);
	if (o->buffer_kib)
		pcap_set_buffer_size(p, o->buffer_kib * 1024);
	int rc = pcap_activate(p);
	if (rc >= 0 && pcap_setnonblock(p, 1, ebuf) < 0)
		rc = PCAP_ERROR;
	if (rc < 0) {
		const char *why = pcap_geterr(p);
		if (rc == PCAP_ERROR_NO_SUCH_DEVICE)
			why = "no such interface";
		else if (rc == PCAP_ERROR_PERM_DENIED)
			why = "permission denied (capturing needs root or "
			      "CAP_NET_RAW)";
		snprintf(err, errlen, "%s: %s", o->iface,
			 why && *why ? why : pcap_statustostr(rc));
		pcap_close(p);
		return NULL;
	}
	return p;
}

pcap_t *capture_open(const struct capture_opts *o, char *err, size_t errlen)
{
	char ebuf[PCAP_ERRBUF_SIZE] = "";
	const char *name = o->iface ? o->iface : o->file;
	pcap_t *p;

	if (o->iface) {
		p = open_live(o, err, errlen);
	} else {
		p = pcap_open_offline_with_tstamp_precision(
			o->file, PCAP_TSTAMP_PRECISION_MICRO, ebuf);
		if (!p)
			snprintf(err, errlen, "%s: %s", o->file, ebuf);
	}
	if (!p)
		return NULL;
	int dlt = pcap_datalink(p);
	if (!decode_link_supported(dlt)) {
		const char *dname = pcap_datalink_val_to_name(dlt);
		snprintf(err, errlen, "%s: link type %d (%s) is not one vcflow "
				      "decodes (Ethernet, Linux cooked, raw IP, "
				      "BSD loopback)",
			 name, dlt, dname ? dname : "unknown");
		pcap_close(p);
		return NULL;
	}
	if (install_filter(p, name, o->filter, err, errlen) < 0) {
		pcap_close(p);
		return NULL;
	}
	return p;
}

int capture_list_interfaces(FILE *out, char *err, size_t errlen)
{
	char ebuf[PCAP_ERRBUF_SIZE] = "";
	pcap_if_t *all = NULL;
	int n = 0;

	if (pcap_findalldevs(&all, ebuf) < 0) {
		snprintf(err, errlen, "listing interfaces: %s", ebuf);
		return -1;
	}
	for (pcap_if_t *d = all; d; d = d->next)
		fprintf(out, "%d.%s%s%s%s\n", ++n, d->name,
			d->description ? " (" : "",
			d->description ? d->description : "",
			d->description ? ")" : "");
	pcap_freealldevs(all);
	return 0;
}
