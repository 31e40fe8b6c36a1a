/* \summary: capture files and interfaces as one stream of frames */
#ifndef VCFLOW_CAPTURE_H
#define VCFLOW_CAPTURE_H

#include <pcap/pcap.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

/* -r given at most this many times (a folder counts once). */
#define CAPTURE_MAX_FILES 256

struct capture_opts {
	/* -r, in the order given: capture files (pcap or pcapng, plain or
	 * gzip-compressed), folders of them, "-" for stdin */
	const char *files[CAPTURE_MAX_FILES];
	size_t n_files;
	const char *iface;  /* -i */
	const char *filter; /* BPF expression, or NULL */
	int snaplen;	    /* -s; 0 = libpcap's default */
	bool promisc;	    /* false with -p */
	int buffer_kib;	    /* -B; 0 = libpcap's default */
	/* --fanout: this many sockets on the interface, the kernel sharing
	 * the flows among them (PACKET_FANOUT); 0 or 1: one */
	unsigned fanout;
};

/* One frame, with the link type of the file or interface it came from. */
struct capture_frame {
	const struct pcap_pkthdr *hdr;
	const uint8_t *data; /* valid until the next capture_next() */
	int dlt;
};

enum capture_status {
	CAPTURE_ERROR = -1, /* err names the file and what is wrong */
	CAPTURE_END = 0,    /* every file read, or the live capture broken */
	CAPTURE_FRAME = 1,
	CAPTURE_WAIT = 2, /* live, non-blocking: nothing waiting */
	/* a signal broke a blocking read of a pipe or stdin: the stream
	 * cannot go on, what was read stands */
	CAPTURE_INTERRUPTED = 3,
};

struct capture;

/*
 * Opens the interface, or lists the files (a folder's regular files in
 * name order, numbers compared as numbers: span.pcap, span.pcap1, ...
 * span.pcap10) and opens each once to check it is a capture whose link
 * types vcflow decodes and the filter compiles for, before any frame is
 * read.  Returns NULL with "NAME: what is wrong" in err.
 */
struct capture *capture_open(const struct capture_opts *o, char *err,
			     size_t errlen);

/* The next frame, the files one after another in their order. */
enum capture_status capture_next(struct capture *c, struct capture_frame *f,
				 char *err, size_t errlen);

/*
 * Live: the interface's handle (statistics, its file descriptor).  Files:
 * a handle of the first file's link type and snapshot length, for writing
 * pcap files (-w, --save-unexpected).  Owned by the capture.
 */
pcap_t *capture_pcap(struct capture *c);

/* Live: the sockets (--fanout: one a worker, else one), socket i's
 * handle and next frame, and the kernel's counts summed over them. */
unsigned capture_sockets(const struct capture *c);
pcap_t *capture_pcap_at(struct capture *c, unsigned i);
enum capture_status capture_next_at(struct capture *c, unsigned i,
				    struct capture_frame *f, char *err,
				    size_t errlen);
int capture_stats(struct capture *c, struct pcap_stat *sum);

/* The link type capture_pcap() stands for. */
int capture_link_type(const struct capture *c);

/* The name of the file being read (or the interface). */
const char *capture_name(const struct capture *c);

/* Bytes of the files read so far, and of all of them (0 when not known:
 * standard input, a FIFO); for a progress figure. */
void capture_progress(const struct capture *c, uint64_t *done,
		      uint64_t *total);

void capture_close(struct capture *c);

/* Prints the interfaces libpcap can open (-D); returns 0 or -1. */
int capture_list_interfaces(FILE *out, char *err, size_t errlen);

/*
 * A frame's time in microseconds since 1970.  A classic pcap file holds
 * its seconds as an unsigned 32-bit number, which libpcap sign-extends into
 * tv_sec: a negative value there is a time past 2038, read as unsigned.
 */
uint64_t capture_ts_us(const struct pcap_pkthdr *h);

#endif
