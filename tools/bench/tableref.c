/* \summary: tableref: reading a capture plus a bare flow table */
/*
 * usage: tableref FILE
 * The floor's loop, plus what any flow classifier must do at the least:
 * decode each frame to its 5-tuple with vcflow's decode_packet, look the
 * canonical key up in a uthash table and count the packet.  What vcflow
 * costs beyond this is classification, expiry and output.
 */
#include <pcap/pcap.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uthash.h>

#include "vcflow/decode.h"

struct key {
	struct addr lo, hi;
	uint16_t lo_port, hi_port;
	uint8_t proto, pad[3];
};

struct entry {
	struct key key;
	UT_hash_handle hh;
	uint64_t pkts[2], bytes[2];
	uint64_t last_us;
};

int main(int argc, char **argv)
{
	char err[PCAP_ERRBUF_SIZE];
	struct pcap_pkthdr *h;
	const u_char *data;
	uint64_t packets = 0, sum = 0, decoded = 0;
	struct entry *table = NULL, *e, *tmp;
	pcap_t *p;
	int rc, dlt;

	if (argc != 2) {
		fputs("usage: tableref FILE\n", stderr);
		return 2;
	}
	p = pcap_open_offline(argv[1], err);
	if (!p) {
		fprintf(stderr, "tableref: %s\n", err);
		return 1;
	}
	dlt = pcap_datalink(p);
	while ((rc = pcap_next_ex(p, &h, &data)) == 1) {
		struct packet pkt;
		struct key k;

		packets++;
		if (h->caplen)
			sum += data[h->caplen - 1];
		if (decode_packet(dlt, data, h->caplen, &pkt) != DECODE_OK)
			continue;
		decoded++;
		memset(&k, 0, sizeof k);
		int c = addr_cmp(&pkt.src, &pkt.dst);
		bool fwd = c < 0 || (c == 0 && pkt.sport <= pkt.dport);
		k.proto = pkt.proto;
		k.lo = fwd ? pkt.src : pkt.dst;
		k.hi = fwd ? pkt.dst : pkt.src;
		k.lo_port = fwd ? pkt.sport : pkt.dport;
		k.hi_port = fwd ? pkt.dport : pkt.sport;
		HASH_FIND(hh, table, &k, sizeof k, e);
		if (!e) {
			e = calloc(1, sizeof *e);
			if (!e) {
				perror("tableref");
				return 1;
			}
			e->key = k;
			HASH_ADD(hh, table, key, sizeof e->key, e);
		}
		e->pkts[!fwd]++;
		e->bytes[!fwd] += pkt.ip_len;
		e->last_us = (uint64_t)h->ts.tv_sec * 1000000u +
			     (uint64_t)h->ts.tv_usec;
	}
	if (rc == PCAP_ERROR) {
		fprintf(stderr, "tableref: %s\n", pcap_geterr(p));
		pcap_close(p);
		return 1;
	}
	printf("packets %llu decoded %llu flows %u checksum %llu\n",
	       (unsigned long long)packets, (unsigned long long)decoded,
	       HASH_COUNT(table), (unsigned long long)sum);
	HASH_ITER(hh, table, e, tmp)
	{
		HASH_DEL(table, e);
		free(e);
	}
	pcap_close(p);
	return 0;
}
