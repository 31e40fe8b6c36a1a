/* \summary: cuts fuzzing seeds out of capture files */
/*
 * usage: seedx OUTDIR CAPTURE...
 *
 * Writes, under OUTDIR:
 *   decode/       each distinct frame, behind the byte fuzz-decode reads
 *                 as its link type
 *   recognisers/  each flow's first payloads, in fuzz-recognisers' layout
 *   pcap/         each flow's first packets as a small pcap of its own
 * Files are named by a hash of their content, so repeats collapse.
 */
#include <netinet/in.h>
#include <pcap/pcap.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uthash.h>

#include "vcflow/decode.h"

#define FLOW_PKTS 12	  /* payloads kept per flow for the recognisers */
#define FLOW_FRAMES 24	  /* frames kept per flow for the pcap seeds */
#define FLOWS_PER_FILE 200
#define FRAMES_PER_FILE 400
#define SEED_MAX 16384

struct key {
	struct addr lo, hi;
	uint16_t lo_port, hi_port;
	uint8_t proto, pad[3];
};

struct sflow {
	struct key key;
	UT_hash_handle hh;
	struct addr init;
	uint16_t init_port, resp_port;
	uint8_t rec[SEED_MAX];
	size_t rec_len;
	unsigned payloads;
	bool last_dir_set, last_from_init;
	pcap_dumper_t *dump;
	char dump_path[4096];
	unsigned frames;
};

static const char *outdir;

static uint64_t fnv(const uint8_t *p, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	for (size_t i = 0; i < n; i++)
		h = (h ^ p[i]) * 0x100000001b3ULL;
	return h;
}

static void write_seed(const char *sub, const uint8_t *p, size_t n)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s/%016llx", outdir, sub,
		 (unsigned long long)fnv(p, n));
	f = fopen(path, "wb");
	if (!f)
		return;
	fwrite(p, 1, n, f);
	fclose(f);
}

/* fuzz-decode's first byte: index into its table of link types. */
static int dlt_index(int dlt)
{
	static const int order[] = { DLT_EN10MB, DLT_LINUX_SLL, DLT_LINUX_SLL2,
				     DLT_RAW,	 DLT_IPV4,	DLT_IPV6,
				     DLT_NULL,	 DLT_LOOP };
	for (int i = 0; i < 8; i++)
		if (order[i] == dlt)
			return i;
	return -1;
}

/* fuzz-recognisers' port variants (bits 2-5 of byte 0). */
static int port_variant(uint16_t a, uint16_t b)
{
	static const uint16_t ports[] = { 5060, 1719, 1720, 2000, 3478, 443,
					  16384, 53, 69, 161, 389, 5222, 22,
					  80, 5061, 1024 };
	for (int i = 0; i < 16; i++)
		if (ports[i] == a || ports[i] == b)
			return i;
	return 15;
}

static int read_file(const char *file)
{
	char err[PCAP_ERRBUF_SIZE];
	pcap_t *p = pcap_open_offline(file, err);
	struct pcap_pkthdr *h;
	const u_char *data;
	struct sflow *flows = NULL, *f, *tmp;
	unsigned nflows = 0, nframes = 0;

	if (!p) {
		fprintf(stderr, "seedx: %s\n", err);
		return -1;
	}
	int dlt = pcap_datalink(p);
	int di = dlt_index(dlt);
	pcap_t *dead = pcap_open_dead(dlt, 65535);
	while (pcap_next_ex(p, &h, &data) == 1) {
		struct packet pkt;
		if (di >= 0 && nframes < FRAMES_PER_FILE &&
		    h->caplen < SEED_MAX) {
			uint8_t buf[SEED_MAX + 1];
			buf[0] = (uint8_t)di;
			memcpy(buf + 1, data, h->caplen);
			write_seed("decode", buf, h->caplen + 1);
			nframes++;
		}
		if (decode_packet(dlt, data, h->caplen, &pkt) != DECODE_OK ||
		    (pkt.proto != IPPROTO_TCP && pkt.proto != IPPROTO_UDP) ||
		    (pkt.fragment && !pkt.first_fragment))
			continue;
		struct key k;
		memset(&k, 0, sizeof k);
		k.proto = pkt.proto;
		bool src_lo = addr_cmp(&pkt.src, &pkt.dst) < 0 ||
			      (addr_cmp(&pkt.src, &pkt.dst) == 0 &&
			       pkt.sport <= pkt.dport);
		k.lo = src_lo ? pkt.src : pkt.dst;
		k.hi = src_lo ? pkt.dst : pkt.src;
		k.lo_port = src_lo ? pkt.sport : pkt.dport;
		k.hi_port = src_lo ? pkt.dport : pkt.sport;
		HASH_FIND(hh, flows, &k, sizeof k, f);
		if (!f) {
			if (nflows >= FLOWS_PER_FILE)
				continue;
			f = calloc(1, sizeof *f);
			if (!f)
				break;
			f->key = k;
			f->init = pkt.src;
			f->init_port = pkt.sport;
			f->resp_port = pkt.dport;
			f->rec[0] = (uint8_t)((pkt.proto == IPPROTO_TCP) |
					      port_variant(pkt.dport,
							   pkt.sport) << 2);
			f->rec_len = 1;
			snprintf(f->dump_path, sizeof f->dump_path,
				 "%s/pcap/tmp-%u", outdir, nflows);
			f->dump = pcap_dump_open(dead, f->dump_path);
			HASH_ADD(hh, flows, key, sizeof f->key, f);
			nflows++;
		}
		if (f->dump && f->frames < FLOW_FRAMES) {
			pcap_dump((u_char *)f->dump, h, data);
			f->frames++;
		}
		bool from_init = !addr_cmp(&pkt.src, &f->init) &&
				 pkt.sport == f->init_port;
		if (pkt.payload_len == 0 || f->payloads >= FLOW_PKTS ||
		    f->rec_len + 2 + pkt.payload_len > SEED_MAX)
			continue;
		uint16_t hdr = (uint16_t)pkt.payload_len;
		if (f->payloads == 0 && !from_init)
			f->rec[0] |= 2;
		if (f->payloads > 0 && from_init == f->last_from_init)
			hdr |= 0x8000;
		f->rec[f->rec_len++] = (uint8_t)(hdr >> 8);
		f->rec[f->rec_len++] = (uint8_t)hdr;
		memcpy(f->rec + f->rec_len, pkt.payload, pkt.payload_len);
		f->rec_len += pkt.payload_len;
		f->payloads++;
		f->last_from_init = from_init;
	}
	HASH_ITER(hh, flows, f, tmp)
	{
		if (f->payloads)
			write_seed("recognisers", f->rec, f->rec_len);
		if (f->dump) {
			pcap_dump_close(f->dump);
			FILE *in = fopen(f->dump_path, "rb");
			static uint8_t img[1 << 20];
			size_t n = in ? fread(img, 1, sizeof img, in) : 0;
			if (in)
				fclose(in);
			remove(f->dump_path);
			if (n)
				write_seed("pcap", img, n);
		}
		HASH_DEL(flows, f);
		free(f);
	}
	pcap_close(dead);
	pcap_close(p);
	return 0;
}

int main(int argc, char **argv)
{
	int rc = 0;

	if (argc < 3) {
		fputs("usage: seedx OUTDIR CAPTURE...\n", stderr);
		return 2;
	}
	outdir = argv[1];
	for (int i = 2; i < argc; i++)
		if (read_file(argv[i]) < 0)
			rc = 1;
	return rc;
}
