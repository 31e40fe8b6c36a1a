/* \summary: benchgen: a large, deterministic capture of a busy site */
/*
 * usage: benchgen [-s SEED] [-m MIX] PACKETS FLOWS OUTPUT
 *
 * Writes PACKETS Ethernet frames to the pcap OUTPUT, interleaved in time
 * order across about FLOWS concurrent flows.  The same arguments give the
 * same bytes.
 *
 * MIX "site" (the default) is what a busy site with video conferencing
 * carries, by share of the flows live at a time:
 *   SIP calls (SIP over UDP or TCP: INVITE, 100, 180, 200 with SDP, ACK,
 *     RTP both ways at 50 pps for the call's length, RTCP every 5 s each
 *     way, video on 30 % of calls, BYE and 200)           about 12 %
 *   H.323 calls (RAS, Q.931 and H.245 over TCP, RTP, RTCP)  4 %
 *   SCCP phones (register, then keepalives every 30 s)     4 %
 *   STUN connectivity checks, BFCP floor control           3 %
 *   web: TLS to 443 (ClientHello, ServerHello, records)   40 %
 *   DNS queries and answers                               12 %
 *   UDP and TCP on ports no table lists                   25 %
 * By packets, RTP is then about 60 %, web 20 %, unlisted 15 %.
 * MIX "udp" is FLOWS exchanges of two UDP packets on unlisted ports, one
 * flow each, started across the first second: with PACKETS = 2 * FLOWS
 * the file holds FLOWS flows, all live at the end when read with long
 * timeouts (for bytes per live flow).
 *
 * Sessions run in slots: FLOWS / (flows per session) slots, each running
 * one session after another, so that the number of live flows stays near
 * FLOWS from the first packet on (the sessions in progress when the
 * capture starts are picked up part way through, as a capture of a live
 * network is).
 */
#include <arpa/inet.h>
#include <math.h>
#include <pcap/pcap.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "templates.h"

#define T0_SEC 1709287200ULL /* 2024-03-01T10:00:00Z */
#define US 1000000ULL
#define MS 1000ULL
#define SNAPLEN 65535
#define MAX_PAYLOAD 1400

/* ---- a deterministic generator (xorshift64*) ---- */

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static uint64_t rnd(void)
{
	uint64_t x = rng_state;
	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	rng_state = x;
	return x * 0x2545f4914f6cdd1dULL;
}

static uint32_t rnd_below(uint32_t n)
{
	return n ? (uint32_t)((rnd() >> 32) % n) : 0;
}

static double rnd_unit(void)
{
	return (double)(rnd() >> 11) / 9007199254740992.0;
}

/* Exponentially distributed, mean `mean`, at least `min`. */
static uint64_t rnd_exp(uint64_t mean, uint64_t min)
{
	double u = rnd_unit();
	uint64_t v = (uint64_t)(-log(1.0 - u) * (double)mean);
	return v < min ? min : v;
}

/* ---- frames ---- */

static pcap_dumper_t *dumper;
static uint64_t written, wanted;
static uint8_t frame[14 + 20 + 60 + MAX_PAYLOAD + 2048];

static uint16_t ip_checksum(const uint8_t *h, size_t n)
{
	uint32_t s = 0;
	for (size_t i = 0; i < n; i += 2)
		s += (uint32_t)h[i] << 8 | h[i + 1];
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (uint16_t)~s;
}

static void put16(uint8_t *p, unsigned v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

/* Writes one IPv4 frame; TCP when `tcp_flags` >= 0. */
static void emit(uint64_t t_us, uint32_t src, uint16_t sport, uint32_t dst,
		 uint16_t dport, int tcp_flags, uint32_t seq, uint32_t ack,
		 const uint8_t *payload, size_t len)
{
	struct pcap_pkthdr h;
	uint8_t *p = frame;
	size_t l4 = tcp_flags >= 0 ? 20 : 8;

	if (written >= wanted)
		return;
	if (len > MAX_PAYLOAD + 2048)
		len = MAX_PAYLOAD + 2048;
	/* Ethernet: MACs from the addresses */
	p[0] = 0x02, p[1] = 0, put32(p + 2, dst);
	p[6] = 0x02, p[7] = 0, put32(p + 8, src);
	put16(p + 12, 0x0800);
	p += 14;
	memset(p, 0, 20);
	p[0] = 0x45;
	p[1] = tcp_flags >= 0 ? 0 : 0xb8; /* EF for the UDP media */
	put16(p + 2, (unsigned)(20 + l4 + len));
	put16(p + 4, (unsigned)(written & 0xffff));
	p[6] = 0x40; /* DF */
	p[8] = 64;
	p[9] = tcp_flags >= 0 ? 6 : 17;
	put32(p + 12, src);
	put32(p + 16, dst);
	put16(p + 10, ip_checksum(p, 20));
	p += 20;
	put16(p, sport);
	put16(p + 2, dport);
	if (tcp_flags >= 0) {
		put32(p + 4, seq);
		put32(p + 8, ack);
		p[12] = 5 << 4;
		p[13] = (uint8_t)tcp_flags;
		put16(p + 14, 64240);
		p[16] = p[17] = p[18] = p[19] = 0;
	} else {
		put16(p + 4, (unsigned)(8 + len));
		p[6] = p[7] = 0;
	}
	p += l4;
	if (len)
		memcpy(p, payload, len);
	h.ts.tv_sec = (time_t)(T0_SEC + t_us / US);
	h.ts.tv_usec = (suseconds_t)(t_us % US);
	h.caplen = h.len = (bpf_u_int32)(14 + 20 + l4 + len);
	pcap_dump((u_char *)dumper, &h, frame);
	written++;
}

/* ---- addresses ---- */

static uint32_t ip4(unsigned a, unsigned b, unsigned c, unsigned d)
{
	return (uint32_t)a << 24 | b << 16 | c << 8 | d;
}

#define PBX ip4(172, 16, 0, 10)
#define GATEKEEPER ip4(172, 16, 0, 20)
#define CUCM ip4(172, 16, 0, 30)
#define STUN_SERVER ip4(198, 51, 100, 20)
#define BFCP_SERVER ip4(172, 16, 0, 40)
#define DNS_SERVER ip4(172, 16, 0, 53)

/* A client address of its own for each slot. */
static uint32_t client_ip(uint32_t slot)
{
	return ip4(10, (slot >> 16) & 0xff, (slot >> 8) & 0xff, slot & 0xff) +
	       (slot >> 24) * 0x10000000u;
}

/* The far end of a call: another site's address. */
static uint32_t remote_ip(uint32_t slot)
{
	return ip4(100, 64 + ((slot >> 16) & 0x3f), (slot >> 8) & 0xff,
		   slot & 0xff);
}

static uint32_t web_ip(void)
{
	return ip4(93, 184, rnd_below(64), 1 + rnd_below(250));
}

/* ---- actors: each writes one flow's packets, one direction or both ---- */

enum actor_kind {
	A_RTP,	 /* one direction of an RTP stream */
	A_RTCP,	 /* one direction's RTCP reports */
	A_SIP,	 /* SIP signalling of a call (UDP or TCP) */
	A_TMPL,	 /* a template's messages (H.323, SCCP, BFCP, STUN) */
	A_SCCP_KA, /* SCCP keepalives on the registration connection */
	A_TLS,	 /* a web connection */
	A_DNS,	 /* one query and its answer */
	A_OTHER, /* unlisted UDP or TCP */
};

struct session;

struct actor {
	uint64_t t;	/* time of its next packet */
	uint64_t t_end; /* media: when it stops */
	struct session *s;
	uint32_t a, b;	/* a = initiator */
	uint16_t ap, bp;
	uint8_t kind;
	bool tcp;
	bool rev;	/* media: sent b -> a */
	bool video;
	uint16_t step, nsteps;
	uint32_t seq_a, seq_b; /* TCP sequence numbers */
	uint16_t rtp_seq;
	uint32_t rtp_ts, ssrc;
	const struct tflow *tf;
	uint32_t map_a, map_b; /* template: addresses to write */
	uint16_t map_port;     /* template: the H.245 port announced */
	size_t heap_i;
};

struct session {
	uint32_t slot;
	uint32_t gen;
	unsigned live; /* actors not finished */
	uint64_t t_end;
	uint8_t type;
};

/* ---- a heap of actors by next time ---- */

static struct actor **heap;
static size_t heap_n, heap_cap;

static void heap_swap(size_t i, size_t j)
{
	struct actor *x = heap[i];
	heap[i] = heap[j];
	heap[j] = x;
	heap[i]->heap_i = i;
	heap[j]->heap_i = j;
}

static void heap_up(size_t i)
{
	while (i > 0 && heap[(i - 1) / 2]->t > heap[i]->t) {
		heap_swap(i, (i - 1) / 2);
		i = (i - 1) / 2;
	}
}

static void heap_down(size_t i)
{
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, m = i;
		if (l < heap_n && heap[l]->t < heap[m]->t)
			m = l;
		if (r < heap_n && heap[r]->t < heap[m]->t)
			m = r;
		if (m == i)
			return;
		heap_swap(i, m);
		i = m;
	}
}

static void heap_push(struct actor *a)
{
	if (heap_n == heap_cap) {
		heap_cap = heap_cap ? 2 * heap_cap : 1024;
		heap = realloc(heap, heap_cap * sizeof *heap);
		if (!heap) {
			perror("benchgen");
			exit(1);
		}
	}
	heap[heap_n] = a;
	a->heap_i = heap_n;
	heap_up(heap_n++);
}

static struct actor *heap_pop(void)
{
	struct actor *a = heap[0];
	heap_n--;
	if (heap_n) {
		heap[0] = heap[heap_n];
		heap[0]->heap_i = 0;
		heap_down(0);
	}
	return a;
}

/* ---- sessions ---- */

enum session_type {
	S_SIP_CALL,
	S_H323_CALL,
	S_SCCP_PHONE,
	S_STUN,
	S_BFCP,
	S_WEB,
	S_DNS,
	S_OTHER,
	S_COUNT
};

/*
 * Per 10000 sessions: initial_weight picks what each slot is doing when
 * the capture starts, in proportion to (share of live flows) / (flows a
 * session has); start_weight picks the sessions that start later, in
 * proportion to that divided by how long a session and the pause after it
 * last, so that the shares stay put over a long capture.
 */
static unsigned initial_weight[S_COUNT], start_weight[S_COUNT];
static bool mix_udp;
static uint64_t start_phase_us; /* the first sessions start part way */

static void start_session(uint32_t slot, uint32_t gen, uint64_t now,
			  bool first);

static struct actor *new_actor(struct session *s, enum actor_kind k,
			       uint64_t t)
{
	struct actor *a = calloc(1, sizeof *a);
	if (!a) {
		perror("benchgen");
		exit(1);
	}
	a->s = s;
	a->kind = (uint8_t)k;
	a->t = t;
	s->live++;
	return a;
}

static void actor_done(struct actor *a)
{
	struct session *s = a->s;
	uint64_t t = a->t;

	free(a);
	if (--s->live == 0 && mix_udp) {
		free(s); /* the udp mix: one flow a slot, never reused */
	} else if (s->live == 0) {
		uint32_t slot = s->slot, gen = s->gen + 1;
		/* the slot's next session, after a pause */
		uint64_t pause = mix_udp ? 0 : rnd_exp(2 * US, 10 * MS);
		free(s);
		start_session(slot, gen, t + pause, false);
	}
}

/* A port that differs from one session of a slot to the next. */
static uint16_t eph_port(uint32_t gen)
{
	return (uint16_t)(49152 + (gen * 7 + rnd_below(7)) % 16000);
}

static uint16_t media_port(uint32_t gen)
{
	return (uint16_t)(16384 + 2 * ((gen * 3 + rnd_below(3)) % 8000));
}

/* ---- message writers ---- */

static char text[4096];

static size_t sip_message(const struct actor *a, unsigned step, bool *rev)
{
	char ip_a[16], ip_b[16];
	struct in_addr ia = { htonl(a->a) }, ib = { htonl(a->b) };
	const char *tr = a->tcp ? "TCP" : "UDP";
	const char *first, *method;
	unsigned cseq = 1;
	bool sdp = false;
	char body[1024];
	int bl = 0;

	inet_ntop(AF_INET, &ia, ip_a, sizeof ip_a);
	inet_ntop(AF_INET, &ib, ip_b, sizeof ip_b);
	*rev = false;
	switch (step) {
	case 0: first = "INVITE"; method = "INVITE"; sdp = true; break;
	case 1: first = "100 Trying"; method = "INVITE"; *rev = true; break;
	case 2: first = "180 Ringing"; method = "INVITE"; *rev = true; break;
	case 3: first = "200 OK"; method = "INVITE"; sdp = true; *rev = true;
		break;
	case 4: first = "ACK"; method = "ACK"; break;
	case 5: first = "BYE"; method = "BYE"; cseq = 2; break;
	default: first = "200 OK"; method = "BYE"; cseq = 2; *rev = true;
		break;
	}
	if (sdp) {
		const char *me = *rev ? ip_b : ip_a;
		unsigned port = *rev ? a->map_port + 2u : a->map_port;
		bl = snprintf(body, sizeof body,
			      "v=0\r\n"
			      "o=- %u %u IN IP4 %s\r\n"
			      "s=call\r\n"
			      "c=IN IP4 %s\r\n"
			      "t=0 0\r\n"
			      "m=audio %u RTP/AVP 0 8 101\r\n"
			      "a=rtpmap:0 PCMU/8000\r\n"
			      "a=rtpmap:8 PCMA/8000\r\n"
			      "a=rtpmap:101 telephone-event/8000\r\n"
			      "a=sendrecv\r\n",
			      a->ssrc, a->ssrc, me, me, port);
		if (a->video)
			bl += snprintf(body + bl, sizeof body - (size_t)bl,
				       "m=video %u RTP/AVP 96\r\n"
				       "a=rtpmap:96 H264/90000\r\n"
				       "a=fmtp:96 profile-level-id=42e01f\r\n",
				       port + 4);
	}
	bool request = !(first[0] >= '0' && first[0] <= '9');
	int n;
	if (request)
		n = snprintf(text, sizeof text, "%s sip:%u@%s SIP/2.0\r\n",
			     first, 2000 + (a->ssrc % 8000), ip_b);
	else
		n = snprintf(text, sizeof text, "SIP/2.0 %s\r\n", first);
	n += snprintf(text + n, sizeof text - (size_t)n,
		      "Via: SIP/2.0/%s %s:%u;branch=z9hG4bK%08x%u\r\n"
		      "Max-Forwards: 70\r\n"
		      "From: <sip:%u@%s>;tag=%08x\r\n"
		      "To: <sip:%u@%s>%s\r\n"
		      "Call-ID: %08x-%u@%s\r\n"
		      "CSeq: %u %s\r\n"
		      "Contact: <sip:%u@%s:%u;transport=%s>\r\n"
		      "%s"
		      "Content-Length: %d\r\n",
		      tr, ip_a, a->ap, a->ssrc, cseq, 1000 + (a->ssrc % 1000),
		      ip_a, a->ssrc ^ 0x5a5a5a5a, 2000 + (a->ssrc % 8000), ip_b,
		      step >= 2 && step != 4 && step != 5 ? ";tag=77aa11" : "",
		      a->ssrc, a->s->gen, ip_a, cseq, method,
		      *rev ? 2000 + (a->ssrc % 8000) : 1000 + (a->ssrc % 1000),
		      *rev ? ip_b : ip_a, *rev ? a->bp : a->ap, tr,
		      *rev ? "Server: Asterisk PBX 18.10.0\r\n"
			   : "User-Agent: Polycom/6.3.1 PolycomRealPresenceTrio-8800\r\n",
		      bl);
	if (sdp)
		n += snprintf(text + n, sizeof text - (size_t)n,
			      "Content-Type: application/sdp\r\n");
	n += snprintf(text + n, sizeof text - (size_t)n, "\r\n%s",
		      sdp ? body : "");
	return (size_t)n;
}

/* Copies a template message, rewriting the capture's addresses (and the
 * H.245 port a Q.931 Connect announces) to the flow's own. */
static size_t template_message(const struct actor *a, const struct tmsg *m)
{
	size_t n = m->len < sizeof text ? m->len : sizeof text;
	uint8_t ia[4], ib[4], na[4], nb[4];

	memcpy(text, m->data, n);
	memcpy(ia, a->tf->init_ip, 4);
	memcpy(ib, a->tf->resp_ip, 4);
	put32(na, a->map_a);
	put32(nb, a->map_b);
	for (size_t i = 0; i + 4 <= n; i++) {
		if (!memcmp(text + i, ia, 4))
			memcpy(text + i, na, 4);
		else if (!memcmp(text + i, ib, 4)) {
			memcpy(text + i, nb, 4);
			/* 49400: the H.245 port of pcapgen's Connect */
			if (a->map_port && i + 6 <= n &&
			    (uint8_t)text[i + 4] == (49400 >> 8) &&
			    (uint8_t)text[i + 5] == (49400 & 0xff))
				put16((uint8_t *)text + i + 4, a->map_port);
		}
	}
	return n;
}

static size_t tls_message(unsigned step, uint32_t id, bool *rev)
{
	uint8_t *p = (uint8_t *)text;
	size_t n;

	*rev = step % 2 == 1;
	if (step == 0) {
		/* ClientHello with an SNI */
		char host[64];
		int hl = snprintf(host, sizeof host, "www%u.example.com",
				  id % 5000);
		size_t ext = 9 + (size_t)hl;
		size_t body = 2 + 32 + 1 + 2 + 4 + 1 + 1 + 2 + ext;
		p[0] = 0x16, p[1] = 3, p[2] = 1;
		put16(p + 3, (unsigned)(4 + body));
		p[5] = 1, p[6] = 0;
		put16(p + 7, (unsigned)body);
		uint8_t *q = p + 9;
		q[0] = 3, q[1] = 3, q += 2;
		for (int i = 0; i < 32; i++)
			*q++ = (uint8_t)rnd();
		*q++ = 0;		  /* session id */
		put16(q, 4), q += 2; /* cipher suites */
		put16(q, 0x1301), q += 2;
		put16(q, 0xc02f), q += 2;
		*q++ = 1, *q++ = 0; /* compression */
		put16(q, (unsigned)ext), q += 2;
		put16(q, 0), q += 2; /* server_name */
		put16(q, (unsigned)(5 + hl)), q += 2;
		put16(q, (unsigned)(3 + hl)), q += 2;
		*q++ = 0;
		put16(q, (unsigned)hl), q += 2;
		memcpy(q, host, (size_t)hl), q += hl;
		return (size_t)(q - p);
	}
	if (step == 1) {
		/* ServerHello, then a certificate-sized record */
		size_t body = 2 + 32 + 1 + 2 + 1;
		p[0] = 0x16, p[1] = 3, p[2] = 3;
		put16(p + 3, (unsigned)(4 + body));
		p[5] = 2, p[6] = 0;
		put16(p + 7, (unsigned)body);
		uint8_t *q = p + 9;
		q[0] = 3, q[1] = 3, q += 2;
		for (int i = 0; i < 32; i++)
			*q++ = (uint8_t)rnd();
		*q++ = 0;
		put16(q, 0xc02f), q += 2;
		*q++ = 0;
		n = (size_t)(q - p);
		size_t cert = 900 + rnd_below(400);
		q[0] = 0x17, q[1] = 3, q[2] = 3;
		put16(q + 3, (unsigned)cert);
		memset(q + 5, 0xab, cert);
		return n + 5 + cert;
	}
	/* application data */
	n = *rev ? 600 + rnd_below(800) : 80 + rnd_below(400);
	p[0] = 0x17, p[1] = 3, p[2] = 3;
	put16(p + 3, (unsigned)n);
	memset(p + 5, (int)(step & 0xff), n);
	return n + 5;
}

static size_t dns_message(bool answer, uint32_t id)
{
	uint8_t *p = (uint8_t *)text;
	char name[64];
	int nl = snprintf(name, sizeof name, "host%u.corp.example.com",
			  id % 20000);
	size_t n = 12;

	put16(p, id & 0xffff);
	put16(p + 2, answer ? 0x8180 : 0x0100);
	put16(p + 4, 1);
	put16(p + 6, answer ? 1 : 0);
	put16(p + 8, 0);
	put16(p + 10, 0);
	/* the name as labels */
	const char *s = name;
	while (*s) {
		const char *dot = strchr(s, '.');
		size_t l = dot ? (size_t)(dot - s) : strlen(s);
		p[n++] = (uint8_t)l;
		memcpy(p + n, s, l);
		n += l;
		s += l + (dot ? 1 : 0);
	}
	p[n++] = 0;
	(void)nl;
	put16(p + n, 1), put16(p + n + 2, 1), n += 4;
	if (answer) {
		put16(p + n, 0xc00c), put16(p + n + 2, 1), put16(p + n + 4, 1);
		put32(p + n + 6, 300), put16(p + n + 10, 4);
		put32(p + n + 12, ip4(172, 20, id & 0xff, (id >> 8) & 0xff));
		n += 16;
	}
	return n;
}

static size_t rtp_packet(struct actor *a)
{
	uint8_t *p = (uint8_t *)text;
	size_t n = a->video ? 700 + rnd_below(500) : 160;

	p[0] = 0x80;
	p[1] = a->video ? 96 : 0;
	put16(p + 2, a->rtp_seq++);
	put32(p + 4, a->rtp_ts);
	a->rtp_ts += a->video ? 1800 : 160;
	put32(p + 8, a->ssrc);
	memset(p + 12, a->video ? 0x5c : 0xff, n);
	return 12 + n;
}

static size_t rtcp_packet(struct actor *a)
{
	uint8_t *p = (uint8_t *)text;
	/* SR with one report block, then SDES CNAME */
	p[0] = 0x81, p[1] = 200;
	put16(p + 2, 12);
	put32(p + 4, a->ssrc);
	put32(p + 8, (uint32_t)(a->t / US + 2208988800ULL));
	put32(p + 12, (uint32_t)(a->t % US) * 4294u);
	put32(p + 16, a->rtp_ts);
	put32(p + 20, a->step * 250u);
	put32(p + 24, a->step * 250u * 172);
	put32(p + 28, a->ssrc ^ 1);
	put32(p + 32, 0);
	put32(p + 36, a->step * 250u);
	put32(p + 40, 20);
	put32(p + 44, 0);
	put32(p + 48, 0);
	uint8_t *q = p + 52;
	char cname[32];
	int cl = snprintf(cname, sizeof cname, "u%08x@site", a->ssrc);
	size_t sdes = 4 + 4 + 2 + (size_t)cl + 1;
	size_t pad = (4 - sdes % 4) % 4;
	q[0] = 0x81, q[1] = 202;
	put16(q + 2, (unsigned)((sdes + pad) / 4 - 1));
	put32(q + 4, a->ssrc);
	q[8] = 1, q[9] = (uint8_t)cl;
	memcpy(q + 10, cname, (size_t)cl);
	memset(q + 10 + cl, 0, 1 + pad);
	return 52 + sdes + pad;
}

/* ---- TCP ---- */

/* Sends a TCP segment of a connection; data may be empty. */
static void tcp_send(struct actor *a, bool rev, int flags, const void *d,
		     size_t n)
{
	uint32_t *mine = rev ? &a->seq_b : &a->seq_a;
	uint32_t theirs = rev ? a->seq_a : a->seq_b;

	if (rev)
		emit(a->t, a->b, a->bp, a->a, a->ap, flags, *mine, theirs, d,
		     n);
	else
		emit(a->t, a->a, a->ap, a->b, a->bp, flags, *mine, theirs, d,
		     n);
	*mine += (uint32_t)n + ((flags & 0x03) ? 1 : 0);
}

/* Steps 0-2: the handshake.  Returns true when it sent something. */
static bool tcp_open(struct actor *a, unsigned step)
{
	switch (step) {
	case 0:
		a->seq_a = (uint32_t)rnd();
		a->seq_b = (uint32_t)rnd();
		tcp_send(a, false, 0x02, NULL, 0);
		return true;
	case 1:
		tcp_send(a, true, 0x12, NULL, 0);
		return true;
	case 2:
		tcp_send(a, false, 0x10, NULL, 0);
		return true;
	}
	return false;
}

static void tcp_close(struct actor *a, unsigned k)
{
	switch (k) {
	case 0:
		tcp_send(a, false, 0x11, NULL, 0);
		break;
	case 1:
		tcp_send(a, true, 0x11, NULL, 0);
		break;
	default:
		tcp_send(a, false, 0x10, NULL, 0);
		break;
	}
}

/* ---- one step of an actor; returns false when it is done ---- */

static void send_msg(struct actor *a, bool rev, size_t n)
{
	if (a->tcp) {
		tcp_send(a, rev, 0x18, text, n);
	} else if (rev) {
		emit(a->t, a->b, a->bp, a->a, a->ap, -1, 0, 0,
		     (uint8_t *)text, n);
	} else {
		emit(a->t, a->a, a->ap, a->b, a->bp, -1, 0, 0,
		     (uint8_t *)text, n);
	}
}

static uint64_t jitter(uint64_t base)
{
	return base + rnd_below((uint32_t)(base / 10 + 1));
}

/* A script of messages over TCP or UDP: handshake (TCP), nsteps messages,
 * close (TCP).  msg() writes message i into text. */
static bool script_step(struct actor *a,
			size_t (*msg)(struct actor *, unsigned, bool *),
			uint64_t gap)
{
	unsigned base = a->tcp ? 3 : 0;

	if (a->tcp && a->step < 3) {
		tcp_open(a, a->step++);
		a->t += jitter(a->step == 1 ? 30 * MS : 1 * MS);
		return true;
	}
	if (a->step < base + a->nsteps) {
		bool rev;
		size_t n = msg(a, a->step - base, &rev);
		send_msg(a, rev, n);
		a->step++;
		a->t += jitter(gap);
		return true;
	}
	if (a->tcp && a->step < base + a->nsteps + 3) {
		tcp_close(a, a->step - base - a->nsteps);
		a->step++;
		a->t += jitter(1 * MS);
		return true;
	}
	return false;
}

static size_t tmpl_msg(struct actor *a, unsigned i, bool *rev)
{
	const struct tmsg *m = &a->tf->msgs[i];
	*rev = !m->from_initiator;
	return template_message(a, m);
}

static size_t tls_msg(struct actor *a, unsigned i, bool *rev)
{
	return tls_message(i, a->ssrc, rev);
}

static size_t other_msg(struct actor *a, unsigned i, bool *rev)
{
	size_t n = 40 + rnd_below(a->tcp ? 1200 : 400);
	*rev = i % 2 == 1;
	for (size_t k = 0; k < n; k++)
		text[k] = (char)rnd();
	return n;
}

static size_t dns_msg(struct actor *a, unsigned i, bool *rev)
{
	*rev = i == 1;
	return dns_message(i == 1, a->ssrc);
}

static bool actor_step(struct actor *a)
{
	bool rev;
	size_t n;

	switch (a->kind) {
	case A_RTP:
		if (a->t >= a->t_end)
			return false;
		n = rtp_packet(a);
		if (a->rev)
			emit(a->t, a->b, a->bp, a->a, a->ap, -1, 0, 0,
			     (uint8_t *)text, n);
		else
			emit(a->t, a->a, a->ap, a->b, a->bp, -1, 0, 0,
			     (uint8_t *)text, n);
		a->t += 20 * MS - 200 + rnd_below(400);
		return true;
	case A_RTCP:
		if (a->t >= a->t_end)
			return false;
		n = rtcp_packet(a);
		a->step++;
		if (a->rev)
			emit(a->t, a->b, a->bp, a->a, a->ap, -1, 0, 0,
			     (uint8_t *)text, n);
		else
			emit(a->t, a->a, a->ap, a->b, a->bp, -1, 0, 0,
			     (uint8_t *)text, n);
		a->t += jitter(5 * US);
		return true;
	case A_SIP: {
		unsigned base = a->tcp ? 3 : 0;
		if (a->tcp && a->step < 3) {
			tcp_open(a, a->step++);
			a->t += jitter(10 * MS);
			return true;
		}
		unsigned i = a->step - base;
		if (i < 7) {
			n = sip_message(a, i, &rev);
			send_msg(a, rev, n);
			a->step++;
			/* after the ACK, the call; then BYE */
			if (i == 4)
				a->t = a->t_end > a->t ? a->t_end
						       : a->t + 10 * MS;
			else if (i == 2)
				a->t += jitter(3 * US); /* ringing */
			else
				a->t += jitter(20 * MS);
			return true;
		}
		if (a->tcp && i < 10) {
			tcp_close(a, i - 7);
			a->step++;
			a->t += jitter(1 * MS);
			return true;
		}
		return false;
	}
	case A_TMPL:
		return script_step(a, tmpl_msg, 40 * MS);
	case A_SCCP_KA:
		if (a->t >= a->t_end)
			return false;
		/* KeepAlive (0x0000), then its Ack (0x0100) */
		memset(text, 0, 12);
		text[0] = 4;
		rev = a->step % 2 == 1;
		if (rev)
			text[9] = 1;
		tcp_send(a, rev, 0x18, text, 12);
		a->step++;
		a->t += rev ? jitter(30 * US) : jitter(5 * MS);
		return true;
	case A_TLS:
		return script_step(a, tls_msg, a->step < 5 ? 40 * MS : 600 * MS);
	case A_DNS:
		return script_step(a, dns_msg, 2 * MS);
	case A_OTHER:
		return script_step(a, other_msg, a->tcp ? 40 * MS : 300 * MS);
	}
	return false;
}

/* ---- starting sessions ---- */

static uint64_t call_mean_us = 90 * US;

static void add_media(struct session *s, uint32_t a, uint16_t ap, uint32_t b,
		      uint16_t bp, uint64_t t0, uint64_t t_end, bool video)
{
	uint32_t ssrc = (uint32_t)rnd();
	for (int rev = 0; rev < 2; rev++) {
		struct actor *m = new_actor(s, A_RTP, t0 + rnd_below(20000));
		m->a = a, m->ap = ap, m->b = b, m->bp = bp;
		m->rev = rev;
		m->video = video;
		m->t_end = t_end;
		m->ssrc = ssrc + (uint32_t)rev;
		m->rtp_seq = (uint16_t)rnd();
		m->rtp_ts = (uint32_t)rnd();
		heap_push(m);
		struct actor *c = new_actor(s, A_RTCP, t0 + rnd_below(5000000));
		c->a = a, c->ap = (uint16_t)(ap + 1), c->b = b,
		c->bp = (uint16_t)(bp + 1);
		c->rev = rev;
		c->t_end = t_end;
		c->ssrc = m->ssrc;
		heap_push(c);
	}
}

static struct actor *script(struct session *s, enum actor_kind k,
			    uint64_t t, bool tcp, uint32_t a, uint16_t ap,
			    uint32_t b, uint16_t bp, unsigned nsteps)
{
	struct actor *x = new_actor(s, k, t);
	x->tcp = tcp;
	x->a = a, x->ap = ap, x->b = b, x->bp = bp;
	x->nsteps = (uint16_t)nsteps;
	x->ssrc = (uint32_t)rnd();
	return x;
}

static struct actor *tmpl(struct session *s, const struct tflow *tf,
			  uint64_t t, uint32_t a, uint16_t ap, uint32_t b,
			  uint16_t bp)
{
	struct actor *x = script(s, A_TMPL, t, tf->proto == 6, a, ap, b, bp,
				 (unsigned)tf->n);
	x->tf = tf;
	x->map_a = a;
	x->map_b = b;
	return x;
}

/*
 * `first`: the session was already running when the capture started; it
 * is started at a random point of its course (its early packets are then
 * simply not in the capture: they are dropped by starting its actors
 * late).
 */
static void start_session(uint32_t slot, uint32_t gen, uint64_t now,
			  bool first)
{
	struct session *s = calloc(1, sizeof *s);
	uint32_t roll;
	unsigned type = 0;

	if (!s) {
		perror("benchgen");
		exit(1);
	}
	s->slot = slot;
	s->gen = gen;
	const unsigned *w = first ? initial_weight : start_weight;
	roll = rnd_below(10000);
	for (type = 0; type < S_COUNT - 1; type++) {
		if (roll < w[type])
			break;
		roll -= w[type];
	}
	s->type = (uint8_t)type;
	uint32_t me = client_ip(slot);
	uint64_t t = now;
	uint64_t skip = first ? rnd_below((uint32_t)(start_phase_us / MS)) * MS
			      : 0;
	struct actor *x;

	switch (type) {
	case S_SIP_CALL: {
		uint64_t len = rnd_exp(call_mean_us, 10 * US);
		bool video = rnd_below(100) < 30;
		bool tcp = rnd_below(100) < 25;
		uint16_t mp = media_port(gen), rp = media_port(gen + 1);
		uint32_t peer = remote_ip(slot);
		uint64_t media0 = t + 3200 * MS;
		uint64_t end = media0 + len;
		if (skip >= len)
			skip = len / 2;
		x = script(s, A_SIP, t, tcp, me, tcp ? eph_port(gen) : 5060,
			   PBX, 5060, 7);
		x->t_end = end;
		x->map_port = mp;
		x->video = video;
		if (skip) { /* the INVITE went before the capture began */
			x->step = (uint16_t)(tcp ? 3 + 5 : 5);
			x->t = end;
		}
		heap_push(x);
		add_media(s, me, mp, peer, rp, media0 > t + skip ? media0 : t,
			  end, false);
		if (video)
			add_media(s, me, (uint16_t)(mp + 4), peer,
				  (uint16_t)(rp + 4),
				  media0 > t + skip ? media0 : t, end, true);
		break;
	}
	case S_H323_CALL: {
		uint64_t len = rnd_exp(call_mean_us, 10 * US);
		uint16_t h245 = eph_port(gen + 11);
		uint32_t mcu = ip4(172, 16, 1, 1 + slot % 200);
		if (!skip) {
			x = tmpl(s, &tf_ras, t, me, eph_port(gen), GATEKEEPER,
				 1719);
			heap_push(x);
			x = tmpl(s, &tf_q931, t + 300 * MS, me,
				 eph_port(gen + 1), mcu, 1720);
			x->map_port = h245;
			heap_push(x);
			x = tmpl(s, &tf_h245, t + 900 * MS, me,
				 eph_port(gen + 2), mcu, h245);
			heap_push(x);
		}
		add_media(s, me, media_port(gen), mcu, media_port(gen + 5),
			  t + (skip ? 0 : 1500 * MS), t + 1500 * MS + len,
			  false);
		break;
	}
	case S_SCCP_PHONE: {
		uint16_t port = eph_port(gen);
		uint64_t life = rnd_exp(600 * US, 60 * US);
		if (!skip) {
			x = tmpl(s, &tf_sccp, t, me, port, CUCM, 2000);
			heap_push(x);
		}
		/* keepalives on a connection of its own (the template's
		 * closes after the registration) */
		x = new_actor(s, A_SCCP_KA, t + (skip ? rnd_below(30000) * MS
						       : 2 * US));
		x->tcp = true;
		x->a = me, x->ap = (uint16_t)(port + 1), x->b = CUCM,
		x->bp = 2000;
		x->seq_a = (uint32_t)rnd();
		x->seq_b = (uint32_t)rnd();
		x->t_end = t + life;
		heap_push(x);
		break;
	}
	case S_STUN:
		x = tmpl(s, &tf_stun, t, me, eph_port(gen), STUN_SERVER, 3478);
		heap_push(x);
		break;
	case S_BFCP:
		x = tmpl(s, &tf_bfcp, t, me, eph_port(gen), BFCP_SERVER, 5070);
		heap_push(x);
		break;
	case S_WEB:
		x = script(s, A_TLS, t, true, me, eph_port(gen), web_ip(), 443,
			   2 + 2 * rnd_below(8));
		heap_push(x);
		break;
	case S_DNS:
		x = script(s, A_DNS, t, false, me, eph_port(gen), DNS_SERVER,
			   53, 2);
		heap_push(x);
		break;
	default: {
		bool tcp = !mix_udp && rnd_below(100) < 40;
		uint16_t dport = (uint16_t)(20000 + rnd_below(9000));
		x = script(s, A_OTHER, t, tcp, me, eph_port(gen),
			   ip4(203, 0, 113, 1 + rnd_below(250)), dport,
			   mix_udp ? 2 : 2 + rnd_below(12));
		heap_push(x);
		break;
	}
	}
}

static void usage(void)
{
	fputs("usage: benchgen [-s SEED] [-m site|udp] PACKETS FLOWS OUTPUT\n"
	      "  PACKETS  frames to write (10^5 .. 10^7)\n"
	      "  FLOWS    flows live at a time (10^3 .. 10^6)\n"
	      "  -m udp   FLOWS short UDP flows, all new, nothing else\n",
	      stderr);
}

int main(int argc, char **argv)
{
	uint64_t seed = 1;
	int i = 1;

	while (i < argc && argv[i][0] == '-') {
		if (!strcmp(argv[i], "-s") && i + 1 < argc) {
			seed = strtoull(argv[i + 1], NULL, 0);
			i += 2;
		} else if (!strcmp(argv[i], "-m") && i + 1 < argc) {
			mix_udp = !strcmp(argv[i + 1], "udp");
			if (!mix_udp && strcmp(argv[i + 1], "site")) {
				usage();
				return 2;
			}
			i += 2;
		} else {
			usage();
			return 2;
		}
	}
	if (argc - i != 3) {
		usage();
		return 2;
	}
	wanted = strtoull(argv[i], NULL, 10);
	uint64_t flows = strtoull(argv[i + 1], NULL, 10);
	const char *out = argv[i + 2];
	if (!wanted || !flows) {
		usage();
		return 2;
	}
	rng_state ^= seed * 0x9e3779b97f4a7c15ULL;
	if (!rng_state)
		rng_state = 1;

	/* Session starts per hundred, for the shares of live flows given at
	 * the top (a call holds ~5 flows for ~90 s, a web connection one
	 * for ~1 s ...). */
	/* live-flow shares 12 4 4 1.5 1.5 40 12 25 (%); flows a session
	 * 5.8 7 2 1 1 1 1 1; session + pause 92 92 602 2.1 2.1 7 2 3.5 s */
	static const unsigned initial[S_COUNT] = {
		[S_SIP_CALL] = 245, [S_H323_CALL] = 67, [S_SCCP_PHONE] = 236,
		[S_STUN] = 177,	    [S_BFCP] = 177,	[S_WEB] = 4726,
		[S_DNS] = 1418,	    [S_OTHER] = 2954,
	};
	static const unsigned arrivals[S_COUNT] = {
		[S_SIP_CALL] = 11, [S_H323_CALL] = 3, [S_SCCP_PHONE] = 2,
		[S_STUN] = 350,	   [S_BFCP] = 350,    [S_WEB] = 2817,
		[S_DNS] = 2960,	   [S_OTHER] = 3507,
	};
	memcpy(initial_weight, initial, sizeof initial);
	memcpy(start_weight, arrivals, sizeof arrivals);
	/* Slots: each holds about this many flows on average. */
	double flows_per_slot = 1.2;
	if (mix_udp) {
		memset(start_weight, 0, sizeof start_weight);
		start_weight[S_OTHER] = 10000;
		memcpy(initial_weight, start_weight, sizeof start_weight);
		flows_per_slot = 1.0;
	}
	uint64_t slots = (uint64_t)((double)flows / flows_per_slot);
	if (mix_udp) {
		/* every flow its own slot, started across the first second */
		slots = flows;
		start_phase_us = 0;
	} else {
		start_phase_us = 60 * US;
	}
	if (slots < 1)
		slots = 1;

	pcap_t *dead = pcap_open_dead(DLT_EN10MB, SNAPLEN);
	dumper = pcap_dump_open(dead, out);
	if (!dumper) {
		fprintf(stderr, "benchgen: %s: %s\n", out, pcap_geterr(dead));
		return 1;
	}
	for (uint64_t s = 0; s < slots; s++) {
		uint64_t t = mix_udp ? s * US / slots
				     : rnd_below(2000000); /* first 2 s */
		start_session((uint32_t)s, 0, t, !mix_udp);
	}
	while (written < wanted && heap_n > 0) {
		struct actor *a = heap_pop();
		if (actor_step(a))
			heap_push(a);
		else
			actor_done(a);
	}
	pcap_dump_close(dumper);
	pcap_close(dead);
	fprintf(stderr, "benchgen: %s: %llu packets, %llu slots\n", out,
		(unsigned long long)written, (unsigned long long)slots);
	return 0;
}
