/* \summary: pcapgen's one packet builder: link, IP, UDP, TCP, ICMP, and the
 * capture writer that sorts packets by time and counts them per flow */
/* specification: IEEE 802.3, IEEE 802.1Q / 802.1ad, RFC 791, RFC 8200,
 * RFC 768, RFC 793, RFC 792, RFC 4443, RFC 1071 */
#include <arpa/inet.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pcapgen.h"

#define AUTO_TICK_US 100 /* time between two sends with no wait between */
#define FRAG_TICK_US 10
#define IPV4_HDR 20
#define IPV6_HDR 40
#define UDP_HDR 8
#define TCP_HDR 20
#define TCP_SYN_OPTS 8
#define ICMP_QUOTE 28 /* RFC 792: the IP header and 64 bits of data */
#define IPV4_DF 0x4000
#define IPV4_MF 0x2000
#define IPV6_NH_HBH 0
#define IPV6_NH_FRAG 44
#define IPV6_NH_DSTOPTS 60
#define ETHERTYPE_IPV4 0x0800
#define ETHERTYPE_IPV6 0x86dd
#define ARPHRD_ETHER 1
#define PACKET_HOST 0
#define PACKET_OUTGOING 4
#define SLL2_IFINDEX 2
#define BSD_AF_INET 2

struct rec {
	uint64_t ts;
	size_t order;
	struct flow *f;
	int dir;
	uint32_t ip_len;
	size_t len;
	uint8_t *data;
};

struct cap {
	char path[4096];
	int dlt;
	uint64_t now;
	uint32_t rng;
	struct rec *recs;
	size_t nrec, caprec;
	struct flow *flows, **tail;
	bool keep_order;
	unsigned snaplen;
};

static bool listing;

void cap_set_listing(bool on)
{
	listing = on;
}

/* ---- addresses ---- */

static struct ep ep_parse(int af, const char *ip, uint16_t port)
{
	struct ep e;

	memset(&e, 0, sizeof e);
	e.af = af;
	e.port = port;
	if (inet_pton(af == 6 ? AF_INET6 : AF_INET, ip, e.ip) != 1) {
		fprintf(stderr, "pcapgen: bad address %s\n", ip);
		exit(1);
	}
	return e;
}

struct ep ep4(const char *ip, uint16_t port)
{
	return ep_parse(4, ip, port);
}

struct ep ep6(const char *ip, uint16_t port)
{
	return ep_parse(6, ip, port);
}

struct ep ep_port(struct ep e, uint16_t port)
{
	e.port = port;
	return e;
}

const char *ep_host(const struct ep *e, char *out, size_t outlen)
{
	inet_ntop(e->af == 6 ? AF_INET6 : AF_INET, e->ip, out,
		  (socklen_t)outlen);
	return out;
}

const char *ep_uri_host(const struct ep *e, char *out, size_t outlen)
{
	char h[INET6_ADDRSTRLEN];

	ep_host(e, h, sizeof h);
	snprintf(out, outlen, e->af == 6 ? "[%s]" : "%s", h);
	return out;
}

/* Locally administered MAC made from the address: 02:00 + last 4 bytes. */
static void ep_mac(const struct ep *e, uint8_t mac[6])
{
	const uint8_t *tail = e->af == 6 ? e->ip + 12 : e->ip;

	mac[0] = 0x02;
	mac[1] = 0x00;
	memcpy(mac + 2, tail, 4);
}

static size_t ep_addr_len(const struct ep *e)
{
	return e->af == 6 ? 16 : 4;
}

/* ---- captures ---- */

struct cap *cap_open(const char *dir, const char *name, int dlt,
		     uint32_t seed)
{
	struct cap *c = calloc(1, sizeof *c);

	if (!c)
		exit(1);
	snprintf(c->path, sizeof c->path, "%s/%s", dir, name);
	c->dlt = dlt;
	c->rng = seed;
	c->tail = &c->flows;
	c->snaplen = PG_SNAPLEN;
	return c;
}

void cap_keep_order(struct cap *c)
{
	c->keep_order = true;
}

void cap_snaplen(struct cap *c, unsigned snaplen)
{
	c->snaplen = snaplen;
}

uint64_t cap_now(const struct cap *c)
{
	return c->now;
}

void cap_at(struct cap *c, uint64_t us)
{
	c->now = us;
}

void cap_wait(struct cap *c, uint64_t us)
{
	c->now += us;
}

uint32_t *cap_rng(struct cap *c)
{
	return &c->rng;
}

struct flow *flow_new(struct cap *c, uint8_t proto, struct ep a, struct ep b,
		      const char *what)
{
	struct flow *f = calloc(1, sizeof *f);

	if (!f)
		exit(1);
	f->proto = proto;
	f->a = a;
	f->b = b;
	f->what = what;
	f->ipid[0] = (uint16_t)rng_next(&c->rng);
	f->ipid[1] = (uint16_t)rng_next(&c->rng);
	f->isn[0] = f->seq[0] = rng_next(&c->rng);
	f->isn[1] = f->seq[1] = rng_next(&c->rng);
	f->win[0] = 64240;
	f->win[1] = 65160;
	*c->tail = f;
	c->tail = &f->next;
	return f;
}

static void record(struct cap *c, struct flow *f, int dir, struct buf *frame,
		   size_t ip_len)
{
	if (c->nrec == c->caprec) {
		c->caprec = c->caprec ? c->caprec * 2 : 64;
		c->recs = realloc(c->recs, c->caprec * sizeof *c->recs);
		if (!c->recs)
			exit(1);
	}
	struct rec *r = &c->recs[c->nrec];
	r->ts = c->now;
	r->order = c->nrec++;
	r->f = f;
	r->dir = dir;
	r->ip_len = (uint32_t)ip_len;
	r->len = frame->len;
	r->data = frame->p; /* the record owns the bytes now */
	frame->p = NULL;
	frame->len = frame->cap = 0;
	c->now += AUTO_TICK_US;
}

void cap_blank(struct cap *c, uint32_t orig_len)
{
	struct buf none = {0};

	record(c, NULL, 0, &none, 0);
	c->recs[c->nrec - 1].ip_len = orig_len;
}

static int rec_cmp(const void *x, const void *y)
{
	const struct rec *a = x, *b = y;

	if (a->ts != b->ts)
		return a->ts < b->ts ? -1 : 1;
	return a->order < b->order ? -1 : a->order > b->order;
}

static const char *proto_name(uint8_t p)
{
	switch (p) {
	case PG_IPPROTO_TCP:
		return "TCP";
	case PG_IPPROTO_UDP:
		return "UDP";
	case PG_IPPROTO_ICMP:
		return "ICMP";
	default:
		return "ICMPv6";
	}
}

static void print_end(const struct ep *e, uint8_t proto)
{
	char h[INET6_ADDRSTRLEN], u[INET6_ADDRSTRLEN + 2];

	if (proto == PG_IPPROTO_TCP || proto == PG_IPPROTO_UDP)
		printf(" %s:%u |", ep_uri_host(e, u, sizeof u), e->port);
	else
		printf(" %s |", ep_host(e, h, sizeof h));
}

static void print_flows(const struct cap *c)
{
	printf("\n%s: %zu packets\n\n", c->path, c->nrec);
	printf("| # | transport | initiator | responder | pkts fwd | pkts rev "
	       "| bytes fwd | bytes rev | first-last (s) | what |\n");
	printf("|---|---|---|---|---|---|---|---|---|---|\n");
	int n = 0;
	for (const struct flow *f = c->flows; f; f = f->next) {
		printf("| %d | %s |", ++n, proto_name(f->proto));
		print_end(&f->a, f->proto);
		print_end(&f->b, f->proto);
		printf(" %llu | %llu | %llu | %llu | %.6f-%.6f | %s |\n",
		       (unsigned long long)f->pkts[0],
		       (unsigned long long)f->pkts[1],
		       (unsigned long long)f->bytes[0],
		       (unsigned long long)f->bytes[1],
		       (double)f->first_us / SEC, (double)f->last_us / SEC,
		       f->what);
	}
}

/* Counts every flow's packets in time order; the first must come from a. */
static void count_flows(struct cap *c)
{
	for (size_t i = 0; i < c->nrec; i++) {
		struct rec *r = &c->recs[i];
		if (!r->f)
			continue;
		if (r->f->pkts[0] + r->f->pkts[1] == 0 && r->dir != 0)
			fprintf(stderr, "pcapgen: %s: flow \"%s\" starts from "
				"its responder\n", c->path, r->f->what);
		if (r->f->pkts[0] + r->f->pkts[1] == 0)
			r->f->first_us = r->ts;
		r->f->last_us = r->ts;
		r->f->pkts[r->dir]++;
		r->f->bytes[r->dir] += r->ip_len;
	}
}

static void free_cap(struct cap *c)
{
	for (size_t i = 0; i < c->nrec; i++)
		free(c->recs[i].data);
	free(c->recs);
	for (struct flow *f = c->flows, *nx; f; f = nx) {
		nx = f->next;
		free(f);
	}
	free(c);
}

void cap_close(struct cap *c)
{
	pcap_t *pd = pcap_open_dead(c->dlt, (int)c->snaplen);
	pcap_dumper_t *d = pd ? pcap_dump_open(pd, c->path) : NULL;

	if (!d) {
		fprintf(stderr, "pcapgen: %s: %s\n", c->path,
			pd ? pcap_geterr(pd) : "pcap_open_dead failed");
		exit(1);
	}
	if (!c->keep_order)
		qsort(c->recs, c->nrec, sizeof *c->recs, rec_cmp);
	for (size_t i = 0; i < c->nrec; i++) {
		struct rec *r = &c->recs[i];
		struct pcap_pkthdr h;
		memset(&h, 0, sizeof h);
		h.ts.tv_sec = (time_t)(PG_T0_SEC + r->ts / SEC);
		h.ts.tv_usec = (suseconds_t)(r->ts % SEC);
		h.len = (bpf_u_int32)(r->f ? r->len : r->ip_len);
		h.caplen = (bpf_u_int32)(r->len < c->snaplen ? r->len
							       : c->snaplen);
		pcap_dump((u_char *)d, &h, r->data);
	}
	pcap_dump_close(d);
	pcap_close(pd);
	count_flows(c);
	if (listing)
		print_flows(c);
	free_cap(c);
}

/* ---- checksums (RFC 1071) ---- */

static uint32_t sum16(uint32_t s, const uint8_t *p, size_t n)
{
	for (size_t i = 0; i + 1 < n; i += 2)
		s += (uint32_t)p[i] << 8 | p[i + 1];
	if (n & 1)
		s += (uint32_t)p[n - 1] << 8;
	return s;
}

static uint16_t fold(uint32_t s)
{
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (uint16_t)~s;
}

static const struct ep *src_of(const struct flow *f, int dir)
{
	return dir ? &f->b : &f->a;
}

static const struct ep *dst_of(const struct flow *f, int dir)
{
	return dir ? &f->a : &f->b;
}

/* Transport checksum over the pseudo-header (RFC 768, RFC 8200 8.1). */
static uint16_t l4_checksum(const struct flow *f, int dir, uint8_t proto,
			    const uint8_t *seg, size_t n)
{
	const struct ep *s = src_of(f, dir), *d = dst_of(f, dir);
	uint32_t sum = 0;

	sum = sum16(sum, s->ip, ep_addr_len(s));
	sum = sum16(sum, d->ip, ep_addr_len(d));
	sum += proto;
	sum += (uint32_t)(n >> 16) + (uint32_t)(n & 0xffff);
	sum = sum16(sum, seg, n);
	uint16_t c = fold(sum);
	return proto == PG_IPPROTO_UDP && c == 0 ? 0xffff : c;
}

/* ---- link layer ---- */

static void put_af(struct buf *o, uint32_t af)
{
	/* DLT_NULL: the family in the capturing host's byte order */
	buf_put(o, &af, 4);
}

static void link_header(struct buf *o, const struct cap *c,
			const struct flow *f, int dir, int af)
{
	const struct ep *s = src_of(f, dir), *d = dst_of(f, dir);
	unsigned etype = af == 6 ? ETHERTYPE_IPV6 : ETHERTYPE_IPV4;
	uint8_t smac[6], dmac[6];

	ep_mac(s, smac);
	ep_mac(d, dmac);
	switch (c->dlt) {
	case DLT_EN10MB:
		buf_put(o, dmac, 6);
		buf_put(o, smac, 6);
		for (int i = 0; i < f->ntags; i++) {
			buf_be16(o, f->tpid[i]);
			buf_be16(o, f->vid[i]);
		}
		buf_be16(o, etype);
		break;
	case DLT_LINUX_SLL: /* the capturing host is the initiator */
		buf_be16(o, dir ? PACKET_HOST : PACKET_OUTGOING);
		buf_be16(o, ARPHRD_ETHER);
		buf_be16(o, 6);
		buf_put(o, smac, 6);
		buf_zero(o, 2);
		buf_be16(o, etype);
		break;
	case DLT_LINUX_SLL2:
		buf_be16(o, etype);
		buf_be16(o, 0);
		buf_be32(o, SLL2_IFINDEX);
		buf_be16(o, ARPHRD_ETHER);
		buf_u8(o, dir ? PACKET_HOST : PACKET_OUTGOING);
		buf_u8(o, 6);
		buf_put(o, smac, 6);
		buf_zero(o, 2);
		break;
	case DLT_NULL:
		put_af(o, af == 6 ? f->null_af6 : BSD_AF_INET);
		break;
	default: /* DLT_RAW: the IP header comes first */
		break;
	}
}

static void emit(struct cap *c, struct flow *f, int dir, const struct buf *ip)
{
	struct buf fr = {0};

	link_header(&fr, c, f, dir, ip->p[0] >> 4 == 6 ? 6 : 4);
	buf_put(&fr, ip->p, ip->len);
	size_t keep = ip->len < sizeof f->last_ip ? ip->len : sizeof f->last_ip;
	memcpy(f->last_ip, ip->p, keep);
	f->last_ip_len = keep;
	record(c, f, dir, &fr, ip->len);
}

/* ---- IP ---- */

static void ipv4_header(struct buf *o, const struct flow *f, int dir,
			uint8_t proto, size_t payload, uint16_t id,
			unsigned frag)
{
	size_t at = o->len;

	buf_u8(o, 0x45);
	buf_u8(o, (unsigned)f->dscp[dir] << 2);
	buf_be16(o, (unsigned)(IPV4_HDR + payload));
	buf_be16(o, id);
	buf_be16(o, frag);
	buf_u8(o, 64);
	buf_u8(o, proto);
	buf_be16(o, 0);
	buf_put(o, src_of(f, dir)->ip, 4);
	buf_put(o, dst_of(f, dir)->ip, 4);
	buf_set_be16(o, at + 10, fold(sum16(0, o->p + at, IPV4_HDR)));
}

static void ipv6_header(struct buf *o, const struct flow *f, int dir,
			uint8_t next, size_t payload)
{
	buf_be32(o, 6u << 28 | (uint32_t)f->dscp[dir] << 22);
	buf_be16(o, (unsigned)payload);
	buf_u8(o, next);
	buf_u8(o, 64);
	buf_put(o, src_of(f, dir)->ip, 16);
	buf_put(o, dst_of(f, dir)->ip, 16);
}

/* An 8-byte options header holding one PadN option (RFC 8200 4.2). */
static void ipv6_pad_options(struct buf *o, uint8_t next)
{
	static const uint8_t padn[6] = {1, 4, 0, 0, 0, 0};

	buf_u8(o, next);
	buf_u8(o, 0);
	buf_put(o, padn, sizeof padn);
}

static void ip_packet(struct buf *o, struct flow *f, int dir, uint8_t proto,
		      const struct buf *l4, bool df)
{
	if (src_of(f, dir)->af == 4) {
		ipv4_header(o, f, dir, proto, l4->len, f->ipid[dir]++,
			    df ? IPV4_DF : 0);
	} else if (f->v6_ext_once) {
		ipv6_header(o, f, dir, IPV6_NH_HBH, 16 + l4->len);
		ipv6_pad_options(o, IPV6_NH_DSTOPTS);
		ipv6_pad_options(o, proto);
		f->v6_ext_once = false;
	} else {
		ipv6_header(o, f, dir, proto, l4->len);
	}
	buf_put(o, l4->p, l4->len);
}

static void send_l4(struct cap *c, struct flow *f, int dir, uint8_t proto,
		    const struct buf *l4, bool df)
{
	struct buf ip = {0};

	ip_packet(&ip, f, dir, proto, l4, df);
	emit(c, f, dir, &ip);
	buf_free(&ip);
}

/* ---- UDP ---- */

static void udp_segment(struct buf *o, const struct flow *f, int dir,
			const void *d, size_t n)
{
	buf_be16(o, src_of(f, dir)->port);
	buf_be16(o, dst_of(f, dir)->port);
	buf_be16(o, (unsigned)(UDP_HDR + n));
	buf_be16(o, 0);
	buf_put(o, d, n);
	buf_set_be16(o, 6, l4_checksum(f, dir, PG_IPPROTO_UDP, o->p, o->len));
}

void udp_send(struct cap *c, struct flow *f, int dir, const void *d,
	      size_t n)
{
	struct buf seg = {0};

	udp_segment(&seg, f, dir, d, n);
	send_l4(c, f, dir, PG_IPPROTO_UDP, &seg, false);
	buf_free(&seg);
}

static void frag4(struct cap *c, struct flow *f, int dir,
		  const struct buf *seg, size_t fragsz)
{
	uint16_t id = f->ipid[dir]++;

	for (size_t off = 0; off < seg->len; off += fragsz) {
		size_t n = seg->len - off < fragsz ? seg->len - off : fragsz;
		unsigned mf = off + n < seg->len ? IPV4_MF : 0;
		struct buf ip = {0};
		ipv4_header(&ip, f, dir, PG_IPPROTO_UDP, n, id,
			    mf | (unsigned)(off / 8));
		buf_put(&ip, seg->p + off, n);
		emit(c, f, dir, &ip);
		buf_free(&ip);
		c->now -= AUTO_TICK_US - FRAG_TICK_US; /* fragments 10 us apart */
	}
}

static void frag6(struct cap *c, struct flow *f, int dir,
		  const struct buf *seg, size_t fragsz, uint32_t id)
{
	for (size_t off = 0; off < seg->len; off += fragsz) {
		size_t n = seg->len - off < fragsz ? seg->len - off : fragsz;
		unsigned mf = off + n < seg->len ? 1 : 0;
		struct buf ip = {0};
		ipv6_header(&ip, f, dir, IPV6_NH_FRAG, 8 + n);
		buf_u8(&ip, PG_IPPROTO_UDP);
		buf_u8(&ip, 0);
		buf_be16(&ip, (unsigned)off | mf);
		buf_be32(&ip, id);
		buf_put(&ip, seg->p + off, n);
		emit(c, f, dir, &ip);
		buf_free(&ip);
		c->now -= AUTO_TICK_US - FRAG_TICK_US; /* fragments 10 us apart */
	}
}

void udp_send_frag(struct cap *c, struct flow *f, int dir, const void *d,
		   size_t n, size_t fragsz)
{
	struct buf seg = {0};

	udp_segment(&seg, f, dir, d, n);
	if (src_of(f, dir)->af == 4)
		frag4(c, f, dir, &seg, fragsz);
	else
		frag6(c, f, dir, &seg, fragsz, rng_next(&c->rng));
	c->now += AUTO_TICK_US - FRAG_TICK_US;
	buf_free(&seg);
}

/* ---- TCP ---- */

static void tcp_segment(struct buf *o, const struct flow *f, int dir,
			unsigned flags, const void *d, size_t n)
{
	bool syn = flags & PG_TCP_SYN;
	size_t hl = TCP_HDR + (syn ? TCP_SYN_OPTS : 0);
	unsigned mss = src_of(f, dir)->af == 6 ? 1440 : 1460;

	buf_be16(o, src_of(f, dir)->port);
	buf_be16(o, dst_of(f, dir)->port);
	buf_be32(o, f->seq[dir]);
	buf_be32(o, flags & PG_TCP_ACK ? f->seq[!dir] : 0);
	buf_u8(o, (unsigned)(hl / 4) << 4);
	buf_u8(o, flags);
	buf_be16(o, flags & PG_TCP_RST ? 0 : f->win[dir]);
	buf_be32(o, 0); /* checksum, urgent pointer */
	if (syn) {
		const uint8_t opts[TCP_SYN_OPTS] = {2, 4, (uint8_t)(mss >> 8),
						    (uint8_t)mss, 1, 1, 4, 2};
		buf_put(o, opts, sizeof opts);
	}
	buf_put(o, d, n);
	buf_set_be16(o, 16, l4_checksum(f, dir, PG_IPPROTO_TCP, o->p, o->len));
}

void tcp_send(struct cap *c, struct flow *f, int dir, unsigned flags,
	      const void *d, size_t n)
{
	struct buf seg = {0};

	tcp_segment(&seg, f, dir, flags, d, n);
	send_l4(c, f, dir, PG_IPPROTO_TCP, &seg, true);
	buf_free(&seg);
	f->seq[dir] += (uint32_t)n + !!(flags & PG_TCP_SYN) +
		       !!(flags & PG_TCP_FIN);
}

void tcp_connect(struct cap *c, struct flow *f)
{
	f->seq[0] = f->isn[0];
	f->seq[1] = f->isn[1];
	tcp_send(c, f, 0, PG_TCP_SYN, NULL, 0);
	tcp_send(c, f, 1, PG_TCP_SYN | PG_TCP_ACK, NULL, 0);
	tcp_send(c, f, 0, PG_TCP_ACK, NULL, 0);
}

void tcp_data(struct cap *c, struct flow *f, int dir, const void *d,
	      size_t n)
{
	tcp_send(c, f, dir, PG_TCP_PSH | PG_TCP_ACK, d, n);
}

void tcp_data_buf(struct cap *c, struct flow *f, int dir, struct buf *m,
		  uint64_t wait_us)
{
	tcp_data(c, f, dir, m->p, m->len);
	buf_reset(m);
	c->now += wait_us;
}

void tcp_ack(struct cap *c, struct flow *f, int dir)
{
	tcp_send(c, f, dir, PG_TCP_ACK, NULL, 0);
}

void tcp_close(struct cap *c, struct flow *f, int dir)
{
	tcp_send(c, f, dir, PG_TCP_FIN | PG_TCP_ACK, NULL, 0);
	tcp_send(c, f, !dir, PG_TCP_FIN | PG_TCP_ACK, NULL, 0);
	tcp_send(c, f, dir, PG_TCP_ACK, NULL, 0);
}

/* ---- ICMP ---- */

static void icmp_send(struct cap *c, struct flow *f, int dir, struct buf *m)
{
	bool v6 = src_of(f, dir)->af == 6;
	uint8_t proto = v6 ? PG_IPPROTO_ICMPV6 : PG_IPPROTO_ICMP;
	uint16_t ck = v6 ? l4_checksum(f, dir, proto, m->p, m->len)
			 : fold(sum16(0, m->p, m->len));

	buf_set_be16(m, 2, ck);
	send_l4(c, f, dir, proto, m, false);
}

void icmp_echo(struct cap *c, struct flow *f, int dir, uint16_t id,
	       uint16_t seq, const void *d, size_t n)
{
	bool v6 = src_of(f, dir)->af == 6;
	struct buf m = {0};

	if (v6)
		buf_u8(&m, dir ? 129 : 128);
	else
		buf_u8(&m, dir ? 0 : 8);
	buf_u8(&m, 0);
	buf_be16(&m, 0);
	buf_be16(&m, id);
	buf_be16(&m, seq);
	buf_put(&m, d, n);
	icmp_send(c, f, dir, &m);
	buf_free(&m);
}

void icmp_port_unreach(struct cap *c, struct flow *f, int dir,
		       const struct flow *quoted)
{
	struct buf m = {0};
	size_t q = quoted->last_ip_len < ICMP_QUOTE ? quoted->last_ip_len
						    : ICMP_QUOTE;

	buf_u8(&m, 3); /* destination unreachable */
	buf_u8(&m, 3); /* port unreachable */
	buf_be16(&m, 0);
	buf_be32(&m, 0);
	buf_put(&m, quoted->last_ip, q);
	icmp_send(c, f, dir, &m);
	buf_free(&m);
}
