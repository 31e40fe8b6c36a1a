/* \summary: pcapgen, the writer of vcflow's own test captures */
#ifndef PCAPGEN_H
#define PCAPGEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Every capture starts at 2024-03-01T10:00:00Z. */
#define PG_T0_SEC 1709287200u
#define PG_SNAPLEN 65535

#define PG_TCP_FIN 0x01
#define PG_TCP_SYN 0x02
#define PG_TCP_RST 0x04
#define PG_TCP_PSH 0x08
#define PG_TCP_ACK 0x10

#define PG_IPPROTO_ICMP 1
#define PG_IPPROTO_TCP 6
#define PG_IPPROTO_UDP 17
#define PG_IPPROTO_ICMPV6 58

#define MS 1000ull	  /* microseconds */
#define SEC 1000000ull

/* ---- growable byte buffer (pcapgen-buf.c) ---- */

struct buf {
	uint8_t *p;
	size_t len, cap;
};

void buf_put(struct buf *b, const void *d, size_t n);
void buf_u8(struct buf *b, unsigned v);
void buf_be16(struct buf *b, unsigned v);
void buf_be32(struct buf *b, uint32_t v);
void buf_le16(struct buf *b, unsigned v);
void buf_le32(struct buf *b, uint32_t v);
void buf_zero(struct buf *b, size_t n);
void buf_str(struct buf *b, const char *s);
/* A fixed-width field: s copied, the rest zero-filled. */
void buf_strz(struct buf *b, const char *s, size_t width);
void buf_fmt(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void buf_set_be16(struct buf *b, size_t at, unsigned v);
void buf_set_be32(struct buf *b, size_t at, uint32_t v);
void buf_set_le32(struct buf *b, size_t at, uint32_t v);
void buf_reset(struct buf *b);
void buf_free(struct buf *b);

/* ---- deterministic pseudo-random bytes (pcapgen-buf.c) ---- */

uint32_t rng_next(uint32_t *state);
void rng_fill(uint32_t *state, uint8_t *out, size_t n);
void buf_random(struct buf *b, uint32_t *state, size_t n);

/* ---- hashes (pcapgen-crypto.c) ---- */

uint32_t crc32_ieee(const uint8_t *d, size_t n);
void md5(const uint8_t *d, size_t n, uint8_t out[16]);
void sha1_digest(const uint8_t *d, size_t n, uint8_t out[20]);
void hmac_sha1(const uint8_t *key, size_t keylen, const uint8_t *d,
	       size_t n, uint8_t out[20]);

/* ---- addresses, flows and captures (pcapgen-net.c) ---- */

struct ep {
	int af; /* 4 or 6 */
	uint8_t ip[16];
	uint16_t port;
};

struct ep ep4(const char *ip, uint16_t port);
struct ep ep6(const char *ip, uint16_t port);
/* The same address with another port. */
struct ep ep_port(struct ep e, uint16_t port);
/* "10.0.0.1" or "2001:db8::1", no port. */
const char *ep_host(const struct ep *e, char *out, size_t outlen);
/* A host for URIs and Via: "10.0.0.1" or "[2001:db8::1]". */
const char *ep_uri_host(const struct ep *e, char *out, size_t outlen);

struct cap;

/*
 * A flow: its transport, its two ends (a is the one that speaks first)
 * and what travels below the transport (VLAN tags, DSCP per direction).
 * dir 0 is a -> b, dir 1 is b -> a.
 */
struct flow {
	uint8_t proto;
	struct ep a, b;
	const char *what; /* one line for the flow table */
	uint8_t dscp[2];
	int ntags;
	uint16_t tpid[2], vid[2];
	uint32_t null_af6; /* DLT_NULL: the family value for IPv6 */
	bool v6_ext_once;  /* the next IPv6 packet gets HBH + DestOpts */
	uint16_t ipid[2];
	uint32_t isn[2], seq[2];
	uint16_t win[2];
	uint8_t last_ip[1600]; /* the last IP packet sent, for ICMP quotes */
	size_t last_ip_len;
	uint64_t pkts[2], bytes[2];
	uint64_t first_us, last_us; /* from the capture's start */
	struct flow *next;
};

struct cap *cap_open(const char *dir, const char *name, int dlt,
		     uint32_t seed);
/* Sorts the packets by time, writes them, prints the flow table when
 * listing is on, and frees everything. */
void cap_close(struct cap *c);
void cap_set_listing(bool on);
uint64_t cap_now(const struct cap *c);
void cap_at(struct cap *c, uint64_t us);
void cap_wait(struct cap *c, uint64_t us);
uint32_t *cap_rng(struct cap *c);
/* For the broken captures: write in sending order, not time order; cut
 * every packet to snaplen; a record with no bytes captured. */
void cap_keep_order(struct cap *c);
void cap_snaplen(struct cap *c, unsigned snaplen);
void cap_blank(struct cap *c, uint32_t orig_len);

struct flow *flow_new(struct cap *c, uint8_t proto, struct ep a, struct ep b,
		      const char *what);

void udp_send(struct cap *c, struct flow *f, int dir, const void *d,
	      size_t n);
/* One UDP datagram cut into IP fragments of at most fragsz payload bytes
 * (a multiple of 8). */
void udp_send_frag(struct cap *c, struct flow *f, int dir, const void *d,
		   size_t n, size_t fragsz);
void tcp_send(struct cap *c, struct flow *f, int dir, unsigned flags,
	      const void *d, size_t n);
void tcp_connect(struct cap *c, struct flow *f);
void tcp_data(struct cap *c, struct flow *f, int dir, const void *d,
	      size_t n);
/* tcp_data of a buffer, which is then emptied, and a wait. */
void tcp_data_buf(struct cap *c, struct flow *f, int dir, struct buf *m,
		  uint64_t wait_us);
void tcp_ack(struct cap *c, struct flow *f, int dir);
/* FIN from dir, FIN from the other side, last ACK from dir. */
void tcp_close(struct cap *c, struct flow *f, int dir);
void icmp_echo(struct cap *c, struct flow *f, int dir, uint16_t id,
	       uint16_t seq, const void *d, size_t n);
/* ICMP port unreachable from dir, quoting the IP and UDP headers of the
 * last packet sent on `quoted`. */
void icmp_port_unreach(struct cap *c, struct flow *f, int dir,
		       const struct flow *quoted);

/* ---- raw capture files for the broken ones (pcapgen-bad.c) ---- */

int write_bad_captures(const char *dir);

/* ---- SIP, SDP, RTP, RTCP (pcapgen-sip.c) ---- */

struct sip_dialog {
	struct ep caller, callee; /* signalling addresses */
	const char *transport;	  /* "UDP" or "TCP" */
	const char *from_user, *to_user, *from_name;
	const char *from_tag, *to_tag, *call_id, *branch;
	const char *user_agent, *server;
};

void sip_request(struct buf *o, const struct sip_dialog *d,
		 const char *method, unsigned cseq, const struct buf *sdp);
void sip_response(struct buf *o, const struct sip_dialog *d, unsigned code,
		  const char *reason, const char *method, unsigned cseq,
		  const struct buf *sdp);
/* OPTIONS keepalive and its 200 between two endpoints. */
void sip_options(struct buf *o, struct ep from, struct ep to,
		 const char *transport, unsigned cseq, const char *tag);
void sip_options_ok(struct buf *o, struct ep from, struct ep to,
		    const char *transport, unsigned cseq, const char *tag);

void sdp_session(struct buf *o, const char *user, unsigned long sessid,
		 const struct ep *addr);
/* m= line, c= line and the attribute lines (each ending "\r\n"). */
void sdp_media(struct buf *o, const char *media, const struct ep *addr,
	       const char *proto, const char *fmts, const char *attrs);

struct rtp_stream {
	uint8_t pt;
	uint32_t ssrc;
	uint16_t seq;
	uint32_t ts, ts_step;
	size_t plen;	/* payload bytes per packet */
	bool h264;	/* payload is an H.264 NAL unit */
	uint32_t sent, octets;
};

/* G.711 mu-law, PT 0, 20 ms of 8 kHz audio per packet. */
struct rtp_stream rtp_pcmu(uint32_t ssrc, uint16_t seq, uint32_t ts);
/* H.264 at 15 frames/s (90 kHz clock), one NAL unit per packet. */
struct rtp_stream rtp_h264(uint8_t pt, uint32_t ssrc, uint16_t seq,
			   uint32_t ts);
void rtp_packet(struct buf *o, struct rtp_stream *s, bool marker,
		uint32_t *rng);
/* `count` packets from dir every `every_us`, from `start_us` on. */
void rtp_run(struct cap *c, struct flow *f, int dir, struct rtp_stream *s,
	     unsigned count, uint64_t start_us, uint64_t every_us);

void rtcp_sr(struct buf *o, const struct rtp_stream *s, uint64_t t_us,
	     uint32_t report_ssrc, uint32_t report_seq);
void rtcp_rr(struct buf *o, uint32_t ssrc, uint32_t report_ssrc,
	     uint32_t report_seq);
void rtcp_sdes(struct buf *o, uint32_t ssrc, const char *cname);
void rtcp_bye(struct buf *o, uint32_t ssrc, const char *reason);

/* Sends a SIP message over a UDP flow and empties the buffer. */
void sip_send(struct cap *c, struct flow *f, int dir, struct buf *m);
/* INVITE (CSeq 101), 100 Trying and 180 Ringing if provisional, 200 OK
 * with the answer, ACK; a is the caller. */
void sip_call_setup(struct cap *c, struct flow *f, const struct sip_dialog *d,
		    const struct buf *offer, const struct buf *answer,
		    bool provisional);
/* BYE (CSeq 102) from the caller and its 200 OK. */
void sip_call_teardown(struct cap *c, struct flow *f,
		       const struct sip_dialog *d);

/* One medium of a call: its RTP and RTCP flows, a stream each way. */
struct media {
	struct flow *rtp, *rtcp;
	struct rtp_stream s[2];
	const char *cname[2];
};

void media_rtp(struct cap *c, struct media *m, unsigned count,
	       uint64_t start_us, uint64_t every_us, uint64_t lag_us);
void media_rtcp(struct cap *c, struct media *m, uint64_t t_us);

/* ---- STUN, BFCP, Skinny, DNS, TLS (pcapgen-proto.c) ---- */

/* The audio of most calls here: G.711 mu-law and RFC 4733 events. */
#define SDP_AUDIO_PCMU                                                         \
	"a=rtpmap:0 PCMU/8000\r\n"                                             \
	"a=rtpmap:101 telephone-event/8000\r\n"                                \
	"a=fmtp:101 0-15\r\n"                                                  \
	"a=ptime:20\r\n"                                                       \
	"a=sendrecv\r\n"

#define STUN_BINDING_REQUEST 0x0001
#define STUN_BINDING_SUCCESS 0x0101
#define TURN_ALLOCATE_REQUEST 0x0003
#define TURN_ALLOCATE_SUCCESS 0x0103
#define TURN_ALLOCATE_ERROR 0x0113
#define STUN_ATTR_USERNAME 0x0006
#define STUN_ATTR_LIFETIME 0x000d
#define STUN_ATTR_REALM 0x0014
#define STUN_ATTR_NONCE 0x0015
#define STUN_ATTR_XOR_RELAYED_ADDRESS 0x0016
#define STUN_ATTR_REQUESTED_TRANSPORT 0x0019
#define STUN_ATTR_XOR_MAPPED_ADDRESS 0x0020
#define STUN_ATTR_SOFTWARE 0x8022

void stun_begin(struct buf *o, unsigned type, const uint8_t tid[12]);
void stun_attr(struct buf *o, unsigned type, const void *d, size_t n);
void stun_attr_str(struct buf *o, unsigned type, const char *s);
void stun_xor_address(struct buf *o, unsigned type, const struct ep *e,
		      const uint8_t tid[12]);
void stun_error_code(struct buf *o, unsigned code, const char *reason);
void stun_integrity(struct buf *o, const uint8_t *key, size_t keylen);
void stun_fingerprint(struct buf *o);
void stun_tid(uint8_t tid[12], uint32_t *rng);
/* Binding request (mapped NULL) or success response with
 * XOR-MAPPED-ADDRESS, then SOFTWARE and FINGERPRINT. */
void stun_binding(struct buf *o, const uint8_t tid[12],
		  const struct ep *mapped, const char *software);
void turn_key(const char *user, const char *realm, const char *pass,
	      uint8_t key[16]);

#define BFCP_FLOOR_REQUEST 1
#define BFCP_FLOOR_REQUEST_QUERY 3
#define BFCP_FLOOR_REQUEST_STATUS 4
#define BFCP_HELLO 11
#define BFCP_HELLO_ACK 12

void bfcp_begin(struct buf *o, unsigned ver, unsigned prim, uint32_t conf,
		unsigned tid, unsigned uid);
/* RFC 8855 5.1: the R bit marks a response over an unreliable transport. */
void bfcp_set_responder(struct buf *o);
void bfcp_end(struct buf *o);
void bfcp_attr16(struct buf *o, unsigned type, unsigned v);
void bfcp_attr_bytes(struct buf *o, unsigned type, const uint8_t *d,
		     size_t n);
size_t bfcp_group_open(struct buf *o, unsigned type, unsigned id);
void bfcp_group_close(struct buf *o, size_t at);
void bfcp_request_status(struct buf *o, unsigned status, unsigned qpos);
void bfcp_hello_ack_attrs(struct buf *o);

void sccp_msg(struct buf *o, uint32_t id, const struct buf *body);

void dns_query(struct buf *o, unsigned id, const char *name);
void dns_answer_a(struct buf *o, unsigned id, const char *name,
		  const uint8_t ip[4], uint32_t ttl);
void tls_client_hello(struct buf *o, const char *sni, uint32_t *rng);
void tls_server_hello(struct buf *o, uint32_t *rng);

/* ---- H.225.0 RAS, Q.931, H.245 (pcapgen-h323.c) ---- */

struct h323_ids {
	uint8_t conf_id[16], call_id[16];
	unsigned crv;
	const char *caller_alias, *caller_e164, *callee_e164;
	const char *display;
	const char *endpoint_id, *gatekeeper_id;
	struct ep caller_sig, callee_sig; /* the Q.931 TCP connection */
	struct ep caller_csa; /* the caller's callSignalAddress */
	struct ep h245;	      /* announced in Connect */
};

/* RAS messages (UDP 1719). */
void ras_grq(struct buf *o, unsigned seq, const struct ep *ras,
	     const char *alias);
void ras_gcf(struct buf *o, unsigned seq, const struct ep *gk_ras,
	     const char *gk_id);
void ras_rrq(struct buf *o, unsigned seq, const struct ep *sig,
	     const struct ep *ras, const char *alias, const char *e164,
	     const char *gk_id, const char *product);
void ras_rcf(struct buf *o, unsigned seq, const struct ep *sig,
	     const char *alias, const char *gk_id, const char *ep_id);
void ras_arq(struct buf *o, unsigned seq, const struct h323_ids *ids);
void ras_acf(struct buf *o, unsigned seq, const struct h323_ids *ids);

/* Q.931 with its H.225.0 UUIE, in a TPKT. */
void q931_setup(struct buf *o, const struct h323_ids *ids);
void q931_call_proceeding(struct buf *o, const struct h323_ids *ids);
void q931_alerting(struct buf *o, const struct h323_ids *ids);
void q931_connect(struct buf *o, const struct h323_ids *ids);
void q931_release_complete(struct buf *o, const struct h323_ids *ids,
			   bool from_callee, unsigned cause);

/* H.245 in a TPKT. */
void h245_tcs(struct buf *o, unsigned seqnum, bool video);
void h245_tcs_ack(struct buf *o, unsigned seqnum);
void h245_msd(struct buf *o, unsigned terminal_type, uint32_t sdn);
void h245_msd_ack(struct buf *o, bool master);
void h245_end_session(struct buf *o);

/* ---- the captures (pcapgen-caps*.c) ---- */

/* fwd packets a -> b and rev packets b -> a, alternating from a, every
 * every_us; random payloads whose first two bits are 11, so no packet can
 * pass for RTP, RTCP or STUN. */
void random_exchange(struct cap *c, struct flow *f, unsigned fwd,
		     unsigned rev, uint64_t every_us);
/* n random bytes, the first two bits 11 (see random_exchange). */
void random_payload(struct buf *o, struct cap *c, size_t n);
/* Q.931 handshake, Setup, Call Proceeding, Alerting, Connect, ACK; then
 * the H.245 connection to the h245Address: TCS both ways (and MSD if full),
 * TCS Ack (and MSD Ack) both ways. */
void h323_call(struct cap *c, struct flow *q931, struct flow *h245,
	       const struct h323_ids *ids, bool full);
/* SIP OPTIONS a -> b and its 200 OK b -> a. */
void options_ping(struct cap *c, struct flow *f, unsigned cseq,
		  const char *tag);

int write_demo(const char *dir);
int write_sip_rtp(const char *dir);
int write_h323(const char *dir);
int write_sccp(const char *dir);
int write_bfcp(const char *dir);
int write_stun(const char *dir);
int write_stun_tcp(const char *dir);
int write_unlisted(const char *dir);
int write_vlan(const char *dir);
int write_ipv6(const char *dir);
int write_links(const char *dir);
int write_frag(const char *dir);
int write_sip_tcp(const char *dir);
int write_rtcp_compound(const char *dir);
int write_tcp_states(const char *dir);
int write_dscp(const char *dir);

#endif
