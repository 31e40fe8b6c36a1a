/* \summary: opening capture files and interfaces through libpcap */
#ifndef VCFLOW_CAPTURE_H
#define VCFLOW_CAPTURE_H

#include <pcap/pcap.h>
#include <stdbool.h>
#include <stdio.h>

struct capture_opts {
	const char *file;   /* -r: a pcap/pcapng file, "-" for stdin */
	const char *iface;  /* -i */
	const char *filter; /* BPF expression, or NULL */
	int snaplen;	    /* -s; 0 = libpcap's default */
	bool promisc;	    /* false with -p */
	int buffer_kib;	    /* -B; 0 = libpcap's default */
};

/*
 * Opens the file or interface, checks its link type is one vcflow decodes
 * and installs the filter.  Returns NULL with "NAME: what is wrong" in err.
 */
pcap_t *capture_open(const struct capture_opts *o, char *err, size_t errlen);

/* Prints the interfaces libpcap can open (-D); returns 0 or -1. */
int capture_list_interfaces(FILE *out, char *err, size_t errlen);

#endif
