/* \summary: captures of plain transport behaviour: unlisted traffic, TCP
 * states, DSCP, RTCP alone, VLAN tags and the other link types */
#include <pcap/dlt.h>
#include <stdio.h>
#include <string.h>

#include "pcapgen.h"

#define UDP PG_IPPROTO_UDP
#define TCP PG_IPPROTO_TCP
#define RANDOM_MIN 64
#define RANDOM_SPAN 192

void random_payload(struct buf *o, struct cap *c, size_t n)
{
	buf_random(o, cap_rng(c), n);
	o->p[0] |= 0xc0;
}

void random_exchange(struct cap *c, struct flow *f, unsigned fwd,
		     unsigned rev, uint64_t every_us)
{
	struct buf o = {0};

	for (unsigned i = 0; i < fwd || i < rev; i++) {
		for (int dir = 0; dir < 2; dir++) {
			if (i >= (dir ? rev : fwd))
				continue;
			size_t n = RANDOM_MIN +
				   rng_next(cap_rng(c)) % RANDOM_SPAN;
			random_payload(&o, c, n);
			udp_send(c, f, dir, o.p, o.len);
			buf_reset(&o);
			cap_wait(c, every_us / 2);
		}
	}
	buf_free(&o);
}

void options_ping(struct cap *c, struct flow *f, unsigned cseq,
		  const char *tag)
{
	struct buf m = {0};

	sip_options(&m, f->a, f->b, "UDP", cseq, tag);
	sip_send(c, f, 0, &m);
	cap_wait(c, 2 * MS);
	sip_options_ok(&m, f->a, f->b, "UDP", cseq, tag);
	sip_send(c, f, 1, &m);
	buf_free(&m);
}

/* ---- unlisted.pcap ---- */

static void unlisted_tcp(struct cap *c, struct flow *f)
{
	static const size_t sizes[] = {120, 300, 80};
	struct buf o = {0};

	tcp_connect(c, f);
	for (int i = 0; i < 3; i++) {
		cap_wait(c, 20 * MS);
		random_payload(&o, c, sizes[i]);
		tcp_data(c, f, i % 2, o.p, o.len);
		buf_reset(&o);
	}
	cap_wait(c, 50 * MS);
	tcp_close(c, f, 0);
	buf_free(&o);
}

/* Linux ping's payload: 8 bytes of time, then 0x10, 0x11, ... */
static void ping(struct cap *c, struct flow *f, uint16_t id, unsigned count)
{
	uint8_t d[56];

	for (unsigned seq = 1; seq <= count; seq++) {
		uint64_t t = PG_T0_SEC * SEC + cap_now(c);
		for (int i = 0; i < 8; i++)
			d[i] = (uint8_t)(t >> (8 * i));
		for (int i = 8; i < 56; i++)
			d[i] = (uint8_t)(i + 8);
		icmp_echo(c, f, 0, id, (uint16_t)seq, d, sizeof d);
		cap_wait(c, 12 * MS);
		icmp_echo(c, f, 1, id, (uint16_t)seq, d, sizeof d);
		cap_wait(c, SEC - 12 * MS);
	}
}

int write_unlisted(const char *dir)
{
	struct cap *c = cap_open(dir, "unlisted.pcap", DLT_EN10MB, 0x0de1157u);
	struct flow *u1 = flow_new(c, UDP, ep4("10.50.1.10", 40001),
		ep4("198.51.100.40", 40000), "random bytes to UDP 40000");
	struct flow *u2 = flow_new(c, UDP, ep4("10.50.1.11", 50123),
		ep4("203.0.113.45", 45678), "random bytes to UDP 45678");
	struct flow *t = flow_new(c, TCP, ep4("10.50.1.12", 52311),
		ep4("203.0.113.66", 31337),
		"TCP handshake, random data both ways, FIN close");
	struct flow *e = flow_new(c, PG_IPPROTO_ICMP, ep4("10.50.1.13", 0),
		ep4("198.51.100.1", 0),
		"ICMP echo request / reply, id 0x1a2b, seq 1-3");

	random_exchange(c, u1, 4, 3, 40 * MS);
	cap_at(c, 1 * SEC);
	random_exchange(c, u2, 3, 3, 60 * MS);
	cap_at(c, 2 * SEC);
	unlisted_tcp(c, t);
	cap_at(c, 3 * SEC);
	ping(c, e, 0x1a2b, 3);
	cap_close(c);
	return 0;
}

/* ---- tcp-states.pcap ---- */

static void tcp_options_exchange(struct cap *c, struct flow *f, unsigned cseq)
{
	struct buf m = {0};

	tcp_connect(c, f);
	cap_wait(c, 5 * MS);
	sip_options(&m, f->a, f->b, "TCP", cseq, "ts7c1");
	tcp_data(c, f, 0, m.p, m.len);
	buf_reset(&m);
	cap_wait(c, 5 * MS);
	sip_options_ok(&m, f->a, f->b, "TCP", cseq, "ts7c1");
	tcp_data(c, f, 1, m.p, m.len);
	cap_wait(c, 100 * MS);
	tcp_close(c, f, 0);
	buf_free(&m);
}

int write_tcp_states(const char *dir)
{
	struct cap *c = cap_open(dir, "tcp-states.pcap", DLT_EN10MB, 0x7c95u);
	struct ep cl = ep4("10.110.1.10", 50001);
	struct flow *rst = flow_new(c, TCP, cl, ep4("10.110.2.20", 5061),
		"SYN answered by RST+ACK");
	cl.port = 50002;
	struct flow *syn = flow_new(c, TCP, cl, ep4("10.110.2.21", 1720),
		"SYN sent 3 times (1 s, 2 s, 4 s), never answered");
	cl.port = 50003;
	struct ep srv = ep4("10.110.2.22", 5060);
	struct flow *full = flow_new(c, TCP, cl, srv,
		"handshake, SIP OPTIONS / 200 OK over TCP, FIN close");
	struct flow *again = flow_new(c, TCP, cl, srv,
		"same 5-tuple after the close: a new connection, same "
		"exchange");
	struct ep sipc = ep4("10.110.1.10", 5060);
	struct ep sips = ep4("10.110.2.23", 5060);
	struct flow *udp = flow_new(c, UDP, sipc, sips,
		"SIP OPTIONS to a closed port");
	struct flow *icmp = flow_new(c, PG_IPPROTO_ICMP, ep4("10.110.2.23", 0),
		ep4("10.110.1.10", 0),
		"ICMP port unreachable quoting flow 5's IP+UDP header");
	struct buf m = {0};

	tcp_send(c, rst, 0, PG_TCP_SYN, NULL, 0);
	rst->seq[1] = 0;
	tcp_send(c, rst, 1, PG_TCP_RST | PG_TCP_ACK, NULL, 0);
	for (int i = 0; i < 3; i++) {
		cap_at(c, 1 * SEC + (uint64_t)((1 << i) - 1) * SEC);
		syn->seq[0] = syn->isn[0];
		tcp_send(c, syn, 0, PG_TCP_SYN, NULL, 0);
	}
	cap_at(c, 5 * SEC);
	tcp_options_exchange(c, full, 1);
	cap_at(c, 7 * SEC);
	tcp_options_exchange(c, again, 2);
	cap_at(c, 9 * SEC);
	sip_options(&m, sipc, sips, "UDP", 1, "ts7u1");
	sip_send(c, udp, 0, &m);
	icmp_port_unreach(c, icmp, 0, udp);
	buf_free(&m);
	cap_close(c);
	return 0;
}

/* ---- dscp.pcap ---- */

int write_dscp(const char *dir)
{
	struct cap *c = cap_open(dir, "dscp.pcap", DLT_EN10MB, 0xd5c9u);
	struct flow *f = flow_new(c, UDP, ep4("10.120.1.10", 20000),
		ep4("10.120.2.20", 30000),
		"RTP PT 0 both ways: a->b DSCP 46 (EF), b->a DSCP 34 (AF41)");
	struct flow *rm = flow_new(c, UDP, ep4("10.120.1.11", 20010),
		ep4("10.120.2.21", 30010),
		"RTP PT 0 one way: DSCP 46 for packets 1-10, DSCP 0 for 11-20");
	struct rtp_stream a = rtp_pcmu(0x11aa0001, 1000, 16000);
	struct rtp_stream b = rtp_pcmu(0x22bb0002, 5000, 48000);
	struct rtp_stream r = rtp_pcmu(0x33cc0003, 200, 8000);

	f->dscp[0] = 46;
	f->dscp[1] = 34;
	rtp_run(c, f, 0, &a, 10, 0, 20 * MS);
	rtp_run(c, f, 1, &b, 10, 5 * MS, 20 * MS);
	rm->dscp[0] = 46;
	rtp_run(c, rm, 0, &r, 10, 1 * SEC, 20 * MS);
	rm->dscp[0] = 0;
	rtp_run(c, rm, 0, &r, 10, 1 * SEC + 200 * MS, 20 * MS);
	cap_close(c);
	return 0;
}

/* ---- rtcp-compound.pcap ---- */

static void rtcp_sender(struct cap *c, struct flow *f, struct rtp_stream *s,
			int n, bool bye)
{
	struct buf o = {0};

	s->sent = 250u * (unsigned)n;
	s->octets = 160u * s->sent;
	s->ts = 8000u * 5u * (unsigned)n;
	rtcp_sr(&o, s, cap_now(c), 0, 0);
	rtcp_sdes(&o, s->ssrc, "sender@10.100.1.10");
	if (bye)
		rtcp_bye(&o, s->ssrc, "session ended");
	udp_send(c, f, 0, o.p, o.len);
	buf_free(&o);
}

int write_rtcp_compound(const char *dir)
{
	struct cap *c = cap_open(dir, "rtcp-compound.pcap", DLT_EN10MB, 0x7c9u);
	struct flow *f = flow_new(c, UDP, ep4("10.100.1.10", 37001),
		ep4("10.100.2.20", 45003),
		"RTCP only: a sends SR+SDES x3 then SR+SDES+BYE, "
		"b sends RR+SDES x4");
	struct rtp_stream s = rtp_pcmu(0x5e4d3c2b, 0, 0);
	struct buf o = {0};

	for (int i = 0; i < 4; i++) {
		/* a's reports at 0, 5, 10 s and its BYE at 20 s, the last */
		cap_at(c, (uint64_t)(i + (i == 3)) * 5 * SEC);
		rtcp_sender(c, f, &s, i + 1, i == 3);
		cap_at(c, (uint64_t)i * 5 * SEC + 2500 * MS);
		rtcp_rr(&o, 0x6f7a8b9c, s.ssrc, 250u * (unsigned)(i + 1));
		rtcp_sdes(&o, 0x6f7a8b9c, "receiver@10.100.2.20");
		udp_send(c, f, 1, o.p, o.len);
		buf_reset(&o);
	}
	buf_free(&o);
	cap_close(c);
	return 0;
}

/* ---- vlan.pcap ---- */

int write_vlan(const char *dir)
{
	struct cap *c = cap_open(dir, "vlan.pcap", DLT_EN10MB, 0x71a9u);
	struct flow *v = flow_new(c, UDP, ep4("10.60.100.10", 5060),
		ep4("10.60.100.20", 5060),
		"SIP OPTIONS / 200 OK x2 on 802.1Q VLAN 100");
	struct flow *q = flow_new(c, UDP, ep4("10.60.200.10", 5060),
		ep4("10.60.200.20", 5060),
		"SIP OPTIONS / 200 OK x2 in QinQ: outer 0x88a8 VLAN 200, "
		"inner 0x8100 VLAN 300");

	v->ntags = 1;
	v->tpid[0] = 0x8100;
	v->vid[0] = 100;
	q->ntags = 2;
	q->tpid[0] = 0x88a8;
	q->vid[0] = 200;
	q->tpid[1] = 0x8100;
	q->vid[1] = 300;
	for (unsigned i = 1; i <= 2; i++) {
		cap_at(c, (i - 1) * 30 * SEC);
		options_ping(c, v, i, "vl100");
		cap_wait(c, 1 * SEC);
		options_ping(c, q, i, "vl300");
	}
	cap_close(c);
	return 0;
}

/* ---- sll, sll2, raw, null ---- */

static void link_capture(const char *dir, const char *name, int dlt,
			 const char *net)
{
	struct cap *c = cap_open(dir, name, dlt, (uint32_t)dlt * 7919u + 1);
	char a[32], b[32];

	snprintf(a, sizeof a, "%s.10", net);
	snprintf(b, sizeof b, "%s.20", net);
	struct flow *s = flow_new(c, UDP, ep4(a, 5060), ep4(b, 5060),
				  "SIP OPTIONS / 200 OK x2");
	struct flow *u = flow_new(c, UDP, ep4(a, 41000), ep4(b, 40000),
				  "random bytes to UDP 40000");
	options_ping(c, s, 1, "lk1");
	cap_wait(c, 1 * SEC);
	random_exchange(c, u, 3, 2, 20 * MS);
	cap_at(c, 30 * SEC);
	options_ping(c, s, 2, "lk1");
	cap_close(c);
}

static void raw_capture(const char *dir)
{
	struct cap *c = cap_open(dir, "raw.pcap", DLT_RAW, 0x4a3u);
	struct flow *s4 = flow_new(c, UDP, ep4("10.72.1.10", 5060),
		ep4("10.72.1.20", 5060), "SIP OPTIONS / 200 OK x2 over IPv4");
	struct flow *s6 = flow_new(c, UDP, ep6("2001:db8:72::10", 5060),
		ep6("2001:db8:72::20", 5060),
		"SIP OPTIONS / 200 OK x2 over IPv6");
	struct flow *u = flow_new(c, UDP, ep4("10.72.1.10", 41000),
		ep4("10.72.1.20", 40000), "random bytes to UDP 40000");

	for (unsigned i = 1; i <= 2; i++) {
		cap_at(c, (i - 1) * 30 * SEC);
		options_ping(c, s4, i, "raw4");
		cap_wait(c, 1 * SEC);
		options_ping(c, s6, i, "raw6");
	}
	cap_at(c, 5 * SEC);
	random_exchange(c, u, 3, 2, 20 * MS);
	cap_close(c);
}

/* BSD loopback: AF_INET is 2 everywhere; AF_INET6 is 24 (NetBSD, OpenBSD),
 * 28 (FreeBSD) or 30 (macOS). */
static void null_capture(const char *dir)
{
	static const char *const what[3] = {
		"SIP OPTIONS / 200 OK over IPv6, family 24 (NetBSD/OpenBSD)",
		"SIP OPTIONS / 200 OK over IPv6, family 28 (FreeBSD)",
		"SIP OPTIONS / 200 OK over IPv6, family 30 (macOS)",
	};
	static const uint32_t af6[3] = {24, 28, 30};
	struct cap *c = cap_open(dir, "null.pcap", DLT_NULL, 0x0a11u);
	struct flow *s4 = flow_new(c, UDP, ep4("10.73.1.10", 5060),
		ep4("10.73.1.20", 5060),
		"SIP OPTIONS / 200 OK x2 over IPv4, family 2");
	struct flow *u = flow_new(c, UDP, ep4("10.73.1.10", 41000),
		ep4("10.73.1.20", 40000), "random bytes to UDP 40000");

	for (unsigned i = 1; i <= 2; i++) {
		cap_at(c, (i - 1) * 30 * SEC);
		options_ping(c, s4, i, "nul4");
	}
	for (int i = 0; i < 3; i++) {
		char src[32];
		snprintf(src, sizeof src, "2001:db8:73::%d", 11 + i);
		struct flow *f = flow_new(c, UDP, ep6(src, 5060),
			ep6("2001:db8:73::20", 5060), what[i]);
		f->null_af6 = af6[i];
		cap_at(c, 2 * SEC + (uint64_t)i * SEC);
		options_ping(c, f, 1, "nul6");
	}
	cap_at(c, 10 * SEC);
	random_exchange(c, u, 3, 2, 20 * MS);
	cap_close(c);
}

int write_links(const char *dir)
{
	link_capture(dir, "sll.pcap", DLT_LINUX_SLL, "10.70.1");
	link_capture(dir, "sll2.pcap", DLT_LINUX_SLL2, "10.71.1");
	raw_capture(dir);
	null_capture(dir);
	return 0;
}
