/* \summary: floor: the cost of reading a capture and nothing else */
/*
 * usage: floor FILE
 * Reads every packet with pcap_next_ex and adds its last byte to a
 * checksum, so that each packet's bytes are touched; prints the packets
 * and the checksum.
 */
#include <pcap/pcap.h>
#include <stdint.h>
#include <stdio.h>

int main(int argc, char **argv)
{
	char err[PCAP_ERRBUF_SIZE];
	struct pcap_pkthdr *h;
	const u_char *data;
	uint64_t packets = 0, sum = 0;
	pcap_t *p;
	int rc;

	if (argc != 2) {
		fputs("usage: floor FILE\n", stderr);
		return 2;
	}
	p = pcap_open_offline(argv[1], err);
	if (!p) {
		fprintf(stderr, "floor: %s\n", err);
		return 1;
	}
	while ((rc = pcap_next_ex(p, &h, &data)) == 1) {
		packets++;
		if (h->caplen)
			sum += data[h->caplen - 1];
	}
	if (rc == PCAP_ERROR) {
		fprintf(stderr, "floor: %s\n", pcap_geterr(p));
		pcap_close(p);
		return 1;
	}
	printf("packets %llu checksum %llu\n", (unsigned long long)packets,
	       (unsigned long long)sum);
	pcap_close(p);
	return 0;
}
