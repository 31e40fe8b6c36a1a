/* \summary: one captured frame through decode, flow table and recognisers */
#include <netinet/in.h>
#include <string.h>

#include "vcflow/capture.h"
#include "vcflow/pipeline.h"

#define US_PER_SEC 1000000ULL
#define UDP_HEADER_LEN 8

/* ICMP errors are flows of their own, tied to the flow they quote. */
static void tie_icmp_error(struct pipeline *r, struct flow *icmp,
			   const struct packet *pkt)
{
	const struct quoted_tuple *q = &pkt->quoted;
	struct flow *quoted;

	if (!q->valid)
		return;
	quoted = flow_table_find(r->flows, q->proto, &q->src, q->sport,
				 &q->dst, q->dport);
	if (!quoted)
		return;
	memcpy(icmp->quoted_flow_id, quoted->flow_id,
	       sizeof icmp->quoted_flow_id);
	quoted->icmp_errors++;
	quoted->last_icmp_type = (uint8_t)pkt->sport;
	quoted->last_icmp_code = (uint8_t)pkt->dport;
}

/* A later fragment: counted to its datagram's flow; when the datagram is
 * whole, the recognisers see all of it. */
static bool handle_fragment(struct pipeline *r, const struct packet *pkt,
			    uint64_t ts)
{
	struct reasm_result res;
	struct flow *f;
	enum flow_dir dir;

	reasm_add(r->reasm, pkt, ts, &res);
	if (!res.have_ports)
		return false; /* held until its first piece comes */
	f = flow_table_find(r->flows, pkt->proto, &pkt->src, res.sport,
			    &pkt->dst, res.dport);
	if (!f)
		return false;
	dir = addr_cmp(&pkt->src, &f->init_addr) == 0 &&
			      res.sport == f->init_port
		      ? FLOW_FWD
		      : FLOW_REV;
	if (!pkt->first_fragment) {
		flow_count(f, dir, ts, pkt->ip_len, pkt->dscp);
		f->fragments++;
	}
	if (res.credit) {
		f->pkts[dir] += res.credit;
		f->bytes[dir] += res.credit_bytes;
		f->fragments += res.credit;
		r->stats->in_flows += res.credit;
	}
	if (res.datagram && pkt->proto == IPPROTO_UDP && res.len >= UDP_HEADER_LEN) {
		struct packet whole = *pkt;
		whole.sport = res.sport;
		whole.dport = res.dport;
		whole.payload = res.datagram + UDP_HEADER_LEN;
		whole.payload_len = res.len - UDP_HEADER_LEN;
		classify_packet(r->classifier, f, dir, &whole, ts);
	}
	return true;
}

void pipeline_frame(struct pipeline *r, int dlt, const struct pcap_pkthdr *h,
		    const uint8_t *data)
{
	struct packet pkt;
	enum decode_result d;
	uint64_t ts = capture_ts_us(h);

	r->stats->read++;
	r->stats->bytes_read += h->len;
	d = decode_packet(dlt, data, h->caplen, &pkt);
	if (d == DECODE_NOT_IP) {
		r->stats->not_ip++;
		return;
	}
	if (d != DECODE_OK) {
		r->stats->undecodable[d]++;
		return;
	}
	if (pkt.fragment && !pkt.first_fragment) {
		if (handle_fragment(r, &pkt, ts))
			r->stats->in_flows++;
		/* else: held; counted when its first piece arrives, or as
		 * fragment_without_first at the end */
		return;
	}
	enum flow_dir dir;
	struct flow *f = flow_table_packet(r->flows, &pkt, ts, h->len, &dir);
	if (!f) {
		r->stats->undecodable[DECODE_TRUNCATED]++; /* out of memory */
		return;
	}
	r->stats->in_flows++;
	if (pkt.icmp_error)
		tie_icmp_error(r, f, &pkt);
	if (pkt.fragment) {
		handle_fragment(r, &pkt, ts);
		return; /* the recognisers wait for the whole datagram */
	}
	classify_packet(r->classifier, f, dir, &pkt, ts);
}

