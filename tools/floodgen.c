/* \summary: floodgen, a capture of many distinct short flows, to load the
 * flow table (the live flow-limit test replays it) */
/* specification: IEEE 802.3, RFC 791, RFC 768, RFC 793, RFC 1071 */
/*
 * usage: floodgen [-n FLOWS] [-k PACKETS] [-t udp|tcp|mix] [-s SEED]
 *                 [-l PAYLOAD] FILE
 *
 * Writes an Ethernet pcap (FILE, or '-' for standard output) of FLOWS
 * flows with distinct random 5-tuples drawn from a seeded generator: the
 * same arguments always give the same bytes.  Initiators are in
 * 10.0.0.0/8 and responders in 172.16.0.0/12, so no flow is another's
 * reverse.  Each flow is PACKETS frames in a row: UDP datagrams of PAYLOAD
 * bytes alternating direction, or a TCP SYN, SYN-ACK, then ACKs; `mix`
 * draws the transport per flow.  Frames are 10 microseconds apart, from
 * 2024-03-01T10:00:00Z.
 *
 * On standard error it prints one line: the flows and frames written.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <limits.h>
#include <pcap/pcap.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define T0_SEC 1709287200u
#define TICK_US 10
#define SNAPLEN 65535
#define MAX_FLOWS 50000000UL
#define MAX_PACKETS 1000UL
#define MAX_PAYLOAD 1400UL

#define ETH_HDR 14
#define IPV4_HDR 20
#define UDP_HDR 8
#define TCP_HDR 20
#define ETHERTYPE_IPV4 0x0800
#define PROTO_TCP 6
#define PROTO_UDP 17
#define TCP_SYN 0x02
#define TCP_ACK 0x10
#define EPHEMERAL_LO 1024

enum mode { MODE_UDP, MODE_TCP, MODE_MIX };

struct tuple {
	uint32_t src, dst; /* host order */
	uint16_t sport, dport;
	uint8_t proto;
};

/* splitmix64: small, seedable, and good enough for addresses. */
static uint64_t rng_next(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* ---- a set of 5-tuples, open addressing, to keep them distinct ---- */

struct tuple_set {
	struct tuple *slot;
	bool *used;
	size_t mask;
};

static uint64_t tuple_hash(const struct tuple *t)
{
	uint64_t h = ((uint64_t)t->src << 32 | t->dst) * 0x9e3779b97f4a7c15ULL;
	h ^= ((uint64_t)t->sport << 24 | (uint64_t)t->dport << 8 | t->proto) *
	     0xc2b2ae3d27d4eb4fULL;
	return h ^ (h >> 29);
}

static bool tuple_eq(const struct tuple *a, const struct tuple *b)
{
	return a->src == b->src && a->dst == b->dst && a->sport == b->sport &&
	       a->dport == b->dport && a->proto == b->proto;
}

static int set_init(struct tuple_set *s, size_t n)
{
	size_t cap = 16;

	while (cap < 2 * n)
		cap <<= 1;
	s->slot = calloc(cap, sizeof *s->slot);
	s->used = calloc(cap, sizeof *s->used);
	s->mask = cap - 1;
	return s->slot && s->used ? 0 : -1;
}

/* Adds t; false when it was there already. */
static bool set_add(struct tuple_set *s, const struct tuple *t)
{
	size_t i = (size_t)tuple_hash(t) & s->mask;

	while (s->used[i]) {
		if (tuple_eq(&s->slot[i], t))
			return false;
		i = (i + 1) & s->mask;
	}
	s->used[i] = true;
	s->slot[i] = *t;
	return true;
}

static void set_free(struct tuple_set *s)
{
	free(s->slot);
	free(s->used);
}

/* ---- frames ---- */

static void put16(uint8_t *p, unsigned v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static void put32(uint8_t *p, uint32_t v)
{
	put16(p, v >> 16);
	put16(p + 2, v & 0xffff);
}

/* RFC 1071 one's complement sum, folded. */
static uint32_t sum16(const uint8_t *p, size_t n, uint32_t acc)
{
	for (size_t i = 0; i + 1 < n; i += 2)
		acc += (uint32_t)p[i] << 8 | p[i + 1];
	if (n & 1)
		acc += (uint32_t)p[n - 1] << 8;
	return acc;
}

static uint16_t fold(uint32_t acc)
{
	while (acc >> 16)
		acc = (acc & 0xffff) + (acc >> 16);
	return (uint16_t)~acc;
}

/* Station addresses: locally administered, derived from the IP. */
static void put_mac(uint8_t *p, uint32_t ip)
{
	p[0] = 0x02;
	p[1] = 0x00;
	put32(p + 2, ip);
}

/*
 * Builds one frame of flow t into out: `fwd` from the initiator, `seq`
 * the frame's place in its flow.  Returns the frame's length.
 */
static size_t build_frame(uint8_t *out, const struct tuple *t, bool fwd,
			  unsigned seq, size_t payload, uint32_t isn,
			  uint16_t ip_id)
{
	uint32_t src = fwd ? t->src : t->dst, dst = fwd ? t->dst : t->src;
	uint16_t sport = fwd ? t->sport : t->dport;
	uint16_t dport = fwd ? t->dport : t->sport;
	uint8_t *ip = out + ETH_HDR, *l4 = ip + IPV4_HDR;
	size_t l4len;

	put_mac(out, dst);
	put_mac(out + 6, src);
	put16(out + 12, ETHERTYPE_IPV4);

	if (t->proto == PROTO_UDP) {
		l4len = UDP_HDR + payload;
		put16(l4, sport);
		put16(l4 + 2, dport);
		put16(l4 + 4, (unsigned)l4len);
		put16(l4 + 6, 0);
		/* Filler no recogniser would take for a protocol. */
		for (size_t i = 0; i < payload; i++)
			l4[UDP_HDR + i] = (uint8_t)(0xa5 ^ (seq + i));
	} else {
		uint8_t flags = seq == 0 ? TCP_SYN
				: seq == 1 ? (uint8_t)(TCP_SYN | TCP_ACK)
					   : TCP_ACK;
		uint32_t my_isn = fwd ? isn : ~isn;
		uint32_t peer_isn = fwd ? ~isn : isn;
		l4len = TCP_HDR;
		memset(l4, 0, TCP_HDR);
		put16(l4, sport);
		put16(l4 + 2, dport);
		put32(l4 + 4, seq == 0 || seq == 1 ? my_isn : my_isn + 1);
		put32(l4 + 8, seq == 0 ? 0 : peer_isn + 1);
		l4[12] = (TCP_HDR / 4) << 4;
		l4[13] = flags;
		put16(l4 + 14, 64240);
	}

	memset(ip, 0, IPV4_HDR);
	ip[0] = 0x45;
	put16(ip + 2, (unsigned)(IPV4_HDR + l4len));
	put16(ip + 4, ip_id);
	put16(ip + 6, 0x4000); /* DF */
	ip[8] = 64;
	ip[9] = t->proto;
	put32(ip + 12, src);
	put32(ip + 16, dst);
	put16(ip + 10, fold(sum16(ip, IPV4_HDR, 0)));

	/* The transport checksum over the pseudo-header. */
	uint32_t acc = sum16(ip + 12, 8, 0) + t->proto + (uint32_t)l4len;
	uint16_t ck = fold(sum16(l4, l4len, acc));
	if (t->proto == PROTO_UDP)
		put16(l4 + 6, ck ? ck : 0xffff);
	else
		put16(l4 + 16, ck);
	return ETH_HDR + IPV4_HDR + l4len;
}

static void draw_tuple(uint64_t *rng, enum mode mode, struct tuple *t)
{
	uint64_t r = rng_next(rng), q = rng_next(rng);

	memset(t, 0, sizeof *t);
	/* 10.0.0.1 .. 10.255.255.254 and 172.16.0.1 .. 172.31.255.254 */
	t->src = 0x0a000000u | (uint32_t)(r & 0xffffff);
	t->dst = 0xac100000u | (uint32_t)((r >> 24) & 0xfffff);
	if ((t->src & 0xff) == 0 || (t->src & 0xff) == 0xff)
		t->src ^= 0x01;
	if ((t->dst & 0xff) == 0 || (t->dst & 0xff) == 0xff)
		t->dst ^= 0x01;
	t->sport = (uint16_t)(EPHEMERAL_LO + (q & 0xffff) % (65536 - EPHEMERAL_LO));
	t->dport = (uint16_t)(1 + ((q >> 16) & 0xffff) % 65535);
	if (mode == MODE_MIX)
		t->proto = (q >> 40) & 1 ? PROTO_TCP : PROTO_UDP;
	else
		t->proto = mode == MODE_TCP ? PROTO_TCP : PROTO_UDP;
}

static void usage(FILE *out)
{
	fputs("usage: floodgen [-n FLOWS] [-k PACKETS] [-t udp|tcp|mix] "
	      "[-s SEED] [-l PAYLOAD] FILE\n"
	      "  -n FLOWS    distinct flows (100000)\n"
	      "  -k PACKETS  frames per flow (1)\n"
	      "  -t MODE     udp, tcp (SYN first) or mix (udp)\n"
	      "  -s SEED     seed of the generator (1)\n"
	      "  -l PAYLOAD  UDP payload bytes (18: 60-byte frames)\n"
	      "  FILE        the pcap to write, '-' for standard output\n",
	      out);
}

static bool parse_num(const char *s, unsigned long max, unsigned long *v)
{
	char *end;

	if (!s || !*s || *s == '-')
		return false;
	errno = 0;
	*v = strtoul(s, &end, 0);
	return !*end && !errno && *v <= max;
}

struct args {
	unsigned long flows, packets, payload, seed;
	enum mode mode;
	const char *file;
};

/* Returns -1 to go on, or an exit status. */
static int parse_args(int argc, char **argv, struct args *a)
{
	int c;
	bool ok = true;

	*a = (struct args){ .flows = 100000, .packets = 1, .payload = 18,
			    .seed = 1, .mode = MODE_UDP };
	while (ok && (c = getopt(argc, argv, "n:k:t:s:l:h")) != -1) {
		switch (c) {
		case 'n':
			ok = parse_num(optarg, MAX_FLOWS, &a->flows) &&
			     a->flows;
			break;
		case 'k':
			ok = parse_num(optarg, MAX_PACKETS, &a->packets) &&
			     a->packets;
			break;
		case 'l':
			ok = parse_num(optarg, MAX_PAYLOAD, &a->payload);
			break;
		case 's':
			ok = parse_num(optarg, ULONG_MAX, &a->seed);
			break;
		case 't':
			if (!strcmp(optarg, "udp"))
				a->mode = MODE_UDP;
			else if (!strcmp(optarg, "tcp"))
				a->mode = MODE_TCP;
			else if (!strcmp(optarg, "mix"))
				a->mode = MODE_MIX;
			else
				ok = false;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
		if (!ok) {
			fprintf(stderr, "floodgen: bad -%c '%s'\n", c, optarg);
			return 2;
		}
	}
	if (optind + 1 != argc) {
		usage(stderr);
		return 2;
	}
	a->file = argv[optind];
	return -1;
}

int main(int argc, char **argv)
{
	struct args a;
	struct tuple_set set;
	int rc = parse_args(argc, argv, &a);

	if (rc >= 0)
		return rc;
	if (set_init(&set, a.flows) < 0) {
		fputs("floodgen: out of memory\n", stderr);
		set_free(&set);
		return 1;
	}
	pcap_t *dead = pcap_open_dead(DLT_EN10MB, SNAPLEN);
	pcap_dumper_t *d = dead ? pcap_dump_open(dead, a.file) : NULL;
	if (!d) {
		fprintf(stderr, "floodgen: %s: %s\n", a.file,
			dead ? pcap_geterr(dead) : "cannot start libpcap");
		set_free(&set);
		if (dead)
			pcap_close(dead);
		return 1;
	}

	uint64_t rng = a.seed, ts = 0, frames = 0;
	uint8_t frame[ETH_HDR + IPV4_HDR + UDP_HDR + MAX_PAYLOAD];
	for (unsigned long i = 0; i < a.flows; i++) {
		struct tuple t;
		do
			draw_tuple(&rng, a.mode, &t);
		while (!set_add(&set, &t));
		uint32_t isn = (uint32_t)rng_next(&rng);
		for (unsigned long k = 0; k < a.packets; k++) {
			struct pcap_pkthdr h;
			size_t len = build_frame(frame, &t, k % 2 == 0,
						 (unsigned)k, a.payload, isn,
						 (uint16_t)(frames + 1));
			h.ts.tv_sec = (time_t)(T0_SEC + ts / 1000000);
			h.ts.tv_usec = (suseconds_t)(ts % 1000000);
			h.caplen = h.len = (bpf_u_int32)len;
			pcap_dump((u_char *)d, &h, frame);
			ts += TICK_US;
			frames++;
		}
	}
	rc = 0;
	if (pcap_dump_flush(d) < 0 || ferror(pcap_dump_file(d))) {
		fprintf(stderr, "floodgen: %s: write error\n", a.file);
		rc = 1;
	}
	pcap_dump_close(d);
	pcap_close(dead);
	set_free(&set);
	if (!rc)
		fprintf(stderr, "floodgen: %lu flows, %llu frames\n", a.flows,
			(unsigned long long)frames);
	return rc;
}
