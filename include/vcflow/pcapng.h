/* \summary: a reader of pcapng files whose interfaces differ in link type */
/* specification: draft-ietf-opsawg-pcapng (PCAP Now Generic file format) */
#ifndef VCFLOW_PCAPNG_H
#define VCFLOW_PCAPNG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* The first four bytes of every pcapng file: a Section Header Block. */
#define PCAPNG_MAGIC 0x0A0D0D0AU

/* A block longer than this is taken for damage, not read into memory. */
#define PCAPNG_MAX_BLOCK (16U * 1024 * 1024)

/*
 * One Interface Description Block.  Interfaces are numbered across the
 * whole file: a second section's interface 0 comes after the first
 * section's last one.
 */
struct pcapng_if {
	int link_type;	  /* LINKTYPE_ value as the file gives it */
	uint32_t snaplen; /* 0: no limit given */
	uint8_t tsresol;  /* if_tsresol as given (6 = microseconds) */
	int64_t tsoffset; /* if_tsoffset, seconds */
};

struct pcapng_packet {
	size_t iface; /* index into the file-wide interface list */
	int64_t ts_sec;
	uint32_t ts_usec;
	uint32_t caplen, len;
	const uint8_t *data; /* valid until the next pcapng_next() */
};

struct pcapng;

/*
 * Reads the Section Header Block at the start of fp, either byte order.
 * The caller keeps fp and closes it after pcapng_close().  Returns NULL
 * with what is wrong (and at which byte offset) in err.
 */
struct pcapng *pcapng_open(FILE *fp, char *err, size_t errlen);

/*
 * Returns 1 with the next packet (Enhanced, Simple or obsolete Packet
 * Block), 0 at the end of the file, -1 with "at byte N: what is wrong" in
 * err for a truncated or corrupt block.  Interface blocks met on the way
 * are added to the interface list; other blocks are skipped and counted.
 */
int pcapng_next(struct pcapng *r, struct pcapng_packet *pkt, char *err,
		size_t errlen);

size_t pcapng_n_interfaces(const struct pcapng *r);
const struct pcapng_if *pcapng_interface(const struct pcapng *r, size_t i);

/* Blocks skipped so far because vcflow has no use for them. */
uint64_t pcapng_skipped_blocks(const struct pcapng *r);

void pcapng_close(struct pcapng *r);

#endif
