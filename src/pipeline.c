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
	struct flow_extra *ie, *qe;

	quoted = flow_table_find(r->flows, q->proto, &q->src, q->sport,
				 &q->dst, q->dport);
	if (!quoted || !(ie = flow_extra(icmp)) || !(qe = flow_extra(quoted)))
		return;
	memcpy(ie->quoted_flow_id, quoted->flow_id, sizeof ie->quoted_flow_id);
	qe->icmp_errors++;
	qe->last_icmp_type = (uint8_t)pkt->sport;
	qe->last_icmp_code = (uint8_t)pkt->dport;
}

static bool is_icmp(uint8_t proto)
{
	return proto == IPPROTO_ICMP || proto == IPPROTO_ICMPV6;
}

/*
 * Any fragment, after the flow table has seen it when it is a first
 * piece.  A later piece is counted here, exactly once: to its datagram's
 * flow, as fragment_after_flow_end when that flow has ended, or held
 * until its first piece comes (then credited to the flow) or is given up
 * (reassembly_table_full, or fragment_without_first from reasm_free).
 * When the datagram is whole, the recognisers see all of it.
 */
static void handle_fragment(struct pipeline *r, const struct packet *pkt,
			    uint64_t ts)
{
	struct reasm_result res;
	struct flow *f = NULL;
	enum flow_dir dir = FLOW_FWD;

	reasm_add(r->reasm, pkt, ts, &res);
	r->stats->undecodable[DECODE_REASSEMBLY_FULL] += res.dropped_for_room;
	if (!res.have_ports)
		return; /* held until its first piece comes */
	f = flow_table_find(r->flows, res.proto, &pkt->src, res.sport,
			    &pkt->dst, res.dport);
	if (!f) {
		/* The flow of the datagram's first piece has ended. */
		if (!pkt->first_fragment)
			r->stats->undecodable[DECODE_FRAGMENT_AFTER_FLOW_END]++;
		r->stats->undecodable[DECODE_FRAGMENT_AFTER_FLOW_END] +=
			res.credit;
		return;
	}
	if (addr_cmp(&pkt->src, &f->init_addr) == 0 &&
	    (is_icmp(res.proto) || res.sport == f->init_port))
		dir = FLOW_FWD;
	else
		dir = FLOW_REV;
	if (!pkt->first_fragment) {
		flow_count(f, dir, ts, pkt->ip_len, pkt->dscp);
		if (flow_extra(f))
			f->extra->fragments++;
		r->stats->in_flows++;
	}
	if (res.credit) {
		f->pkts[dir] += res.credit;
		f->bytes[dir] += res.credit_bytes;
		if (flow_extra(f))
			f->extra->fragments += res.credit;
		r->stats->in_flows += res.credit;
	}
	if (res.datagram && res.proto == IPPROTO_UDP &&
	    res.len >= UDP_HEADER_LEN) {
		struct packet whole = *pkt;
		whole.proto = res.proto;
		whole.sport = res.sport;
		whole.dport = res.dport;
		whole.payload = res.datagram + UDP_HEADER_LEN;
		whole.payload_len = res.len - UDP_HEADER_LEN;
		classify_packet(r->classifier, f, dir, &whole, ts);
	}
}

void pipeline_frame(struct pipeline *r, int dlt, const struct pcap_pkthdr *h,
		    const uint8_t *data)
{
	struct packet pkt;
	enum decode_result d = decode_packet(dlt, data, h->caplen, &pkt);

	pipeline_decoded(r, h, &pkt, d);
}

void pipeline_decoded(struct pipeline *r, const struct pcap_pkthdr *h,
		      const struct packet *pkt, enum decode_result d)
{
	uint64_t ts = capture_ts_us(h);

	r->stats->read++;
	r->stats->bytes_read += h->len;
	/* Every frame is time passing, IP or not: the flows idle longer
	 * than their timeout end (with workers, each lane at each frame of
	 * every lane, so both end the same flows at the same frame); a frame
	 * that reaches flow_table_packet ends them there. */
	if (d != DECODE_OK || (pkt->fragment && !pkt->first_fragment))
		flow_table_expire(r->flows, ts);
	if (d == DECODE_NOT_IP) {
		r->stats->not_ip++;
		return;
	}
	if (d != DECODE_OK) {
		r->stats->undecodable[d]++;
		return;
	}
	if (pkt->fragment && !pkt->first_fragment) {
		handle_fragment(r, pkt, ts);
		return;
	}
	enum flow_dir dir;
	struct flow *f = flow_table_packet(r->flows, pkt, ts, h->len, &dir);
	if (!f) {
		r->stats->undecodable[DECODE_TRUNCATED]++; /* out of memory */
		return;
	}
	r->stats->in_flows++;
	if (pkt->icmp_error)
		tie_icmp_error(r, f, pkt);
	if (pkt->fragment) {
		handle_fragment(r, pkt, ts);
		return; /* the recognisers wait for the whole datagram */
	}
	classify_packet(r->classifier, f, dir, pkt, ts);
}

