/* \summary: SIP requests and responses, SDP bodies, RTP and RTCP packets */
/* specification: RFC 3261 (SIP), RFC 4566 (SDP), RFC 3550 (RTP/RTCP),
 * RFC 3551 (payload types), RFC 6184 (H.264 NAL units in RTP) */
#include <stdio.h>
#include <string.h>

#include "pcapgen.h"

#define SIP_ALLOW                                                              \
	"INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, UPDATE, REFER, NOTIFY"
#define NTP_UNIX_OFFSET 2208988800u
#define RTP_VERSION 0x80
#define RTCP_SR 200
#define RTCP_RR 201
#define RTCP_SDES 202
#define RTCP_BYE 203
#define SDES_CNAME 1
#define H264_NAL_SLICE 0x41 /* nal_ref_idc 2, type 1: non-IDR slice */
#define H264_NAL_IDR 0x65   /* nal_ref_idc 3, type 5: IDR slice */

static void lower(char *s)
{
	for (; *s; s++)
		if (*s >= 'A' && *s <= 'Z')
			*s = (char)(*s - 'A' + 'a');
}

static void sip_body(struct buf *o, const struct buf *sdp)
{
	if (sdp && sdp->len) {
		buf_str(o, "Content-Type: application/sdp\r\n");
		buf_fmt(o, "Content-Length: %zu\r\n\r\n", sdp->len);
		buf_put(o, sdp->p, sdp->len);
	} else {
		buf_str(o, "Content-Length: 0\r\n\r\n");
	}
}

/* The branch of a transaction: one per method and CSeq. */
static void sip_via(struct buf *o, const struct sip_dialog *d,
		    const char *method, unsigned cseq)
{
	char h[64];

	buf_fmt(o, "Via: SIP/2.0/%s %s:%u;branch=z9hG4bK%s%u%c\r\n",
		d->transport, ep_uri_host(&d->caller, h, sizeof h),
		d->caller.port, d->branch, cseq, method[0]);
}

static void sip_from_to(struct buf *o, const struct sip_dialog *d,
			bool to_tag)
{
	char ch[64], eh[64];

	ep_uri_host(&d->caller, ch, sizeof ch);
	ep_uri_host(&d->callee, eh, sizeof eh);
	buf_fmt(o, "From: \"%s\" <sip:%s@%s>;tag=%s\r\n", d->from_name,
		d->from_user, ch, d->from_tag);
	buf_fmt(o, "To: <sip:%s@%s>", d->to_user, eh);
	if (to_tag)
		buf_fmt(o, ";tag=%s", d->to_tag);
	buf_str(o, "\r\n");
}

static void sip_contact(struct buf *o, const char *user, const struct ep *e,
			const char *transport)
{
	char h[64], t[8];

	snprintf(t, sizeof t, "%s", transport);
	lower(t);
	buf_fmt(o, "Contact: <sip:%s@%s:%u;transport=%s>\r\n", user,
		ep_uri_host(e, h, sizeof h), e->port, t);
}

void sip_request(struct buf *o, const struct sip_dialog *d,
		 const char *method, unsigned cseq, const struct buf *sdp)
{
	char eh[64];
	bool invite = strcmp(method, "INVITE") == 0;

	buf_fmt(o, "%s sip:%s@%s:%u SIP/2.0\r\n", method, d->to_user,
		ep_uri_host(&d->callee, eh, sizeof eh), d->callee.port);
	sip_via(o, d, method, cseq);
	buf_str(o, "Max-Forwards: 70\r\n");
	sip_from_to(o, d, !invite);
	buf_fmt(o, "Call-ID: %s\r\n", d->call_id);
	buf_fmt(o, "CSeq: %u %s\r\n", cseq, method);
	if (invite) {
		sip_contact(o, d->from_user, &d->caller, d->transport);
		buf_str(o, "Allow: " SIP_ALLOW "\r\n");
		buf_str(o, "Supported: replaces, timer\r\n");
	}
	buf_fmt(o, "User-Agent: %s\r\n", d->user_agent);
	sip_body(o, sdp);
}

void sip_response(struct buf *o, const struct sip_dialog *d, unsigned code,
		  const char *reason, const char *method, unsigned cseq,
		  const struct buf *sdp)
{
	bool invite = strcmp(method, "INVITE") == 0;

	buf_fmt(o, "SIP/2.0 %u %s\r\n", code, reason);
	sip_via(o, d, method, cseq);
	sip_from_to(o, d, code > 100);
	buf_fmt(o, "Call-ID: %s\r\n", d->call_id);
	buf_fmt(o, "CSeq: %u %s\r\n", cseq, method);
	if (invite && code > 100)
		sip_contact(o, d->to_user, &d->callee, d->transport);
	if (invite && code == 200)
		buf_str(o, "Allow: " SIP_ALLOW "\r\n");
	buf_fmt(o, "Server: %s\r\n", d->server);
	sip_body(o, sdp);
}

static void options_common(struct buf *o, struct ep from, struct ep to,
			   const char *transport, unsigned cseq,
			   const char *tag)
{
	char fh[64], th[64];

	ep_uri_host(&from, fh, sizeof fh);
	ep_uri_host(&to, th, sizeof th);
	buf_fmt(o, "Via: SIP/2.0/%s %s:%u;branch=z9hG4bK%s%uO\r\n", transport,
		fh, from.port, tag, cseq);
	buf_fmt(o, "From: <sip:ping@%s>;tag=%s\r\n", fh, tag);
	buf_fmt(o, "To: <sip:%s:%u>", th, to.port);
}

void sip_options(struct buf *o, struct ep from, struct ep to,
		 const char *transport, unsigned cseq, const char *tag)
{
	char fh[64], th[64];

	ep_uri_host(&from, fh, sizeof fh);
	ep_uri_host(&to, th, sizeof th);
	buf_fmt(o, "OPTIONS sip:%s:%u SIP/2.0\r\n", th, to.port);
	options_common(o, from, to, transport, cseq, tag);
	buf_str(o, "\r\n");
	buf_fmt(o, "Call-ID: %s-%u@%s\r\n", tag, cseq, fh);
	buf_fmt(o, "CSeq: %u OPTIONS\r\n", cseq);
	buf_str(o, "Max-Forwards: 70\r\n");
	buf_fmt(o, "Contact: <sip:ping@%s:%u>\r\n", fh, from.port);
	buf_str(o, "Accept: application/sdp\r\n");
	buf_str(o, "User-Agent: Cisco-SIPGateway/IOS-15.6.3.M\r\n");
	buf_str(o, "Content-Length: 0\r\n\r\n");
}

void sip_options_ok(struct buf *o, struct ep from, struct ep to,
		    const char *transport, unsigned cseq, const char *tag)
{
	char fh[64];

	ep_uri_host(&from, fh, sizeof fh);
	buf_str(o, "SIP/2.0 200 OK\r\n");
	options_common(o, from, to, transport, cseq, tag);
	buf_fmt(o, ";tag=%s-ok\r\n", tag);
	buf_fmt(o, "Call-ID: %s-%u@%s\r\n", tag, cseq, fh);
	buf_fmt(o, "CSeq: %u OPTIONS\r\n", cseq);
	buf_str(o, "Allow: " SIP_ALLOW "\r\n");
	buf_str(o, "Accept: application/sdp\r\n");
	buf_str(o, "Server: Asterisk PBX 18.20.0\r\n");
	buf_str(o, "Content-Length: 0\r\n\r\n");
}

void sdp_session(struct buf *o, const char *user, unsigned long sessid,
		 const struct ep *addr)
{
	char h[64];
	const char *fam = addr->af == 6 ? "IP6" : "IP4";

	ep_host(addr, h, sizeof h);
	buf_str(o, "v=0\r\n");
	buf_fmt(o, "o=%s %lu %lu IN %s %s\r\n", user, sessid, sessid, fam, h);
	buf_str(o, "s=SIP Call\r\n");
	buf_fmt(o, "c=IN %s %s\r\n", fam, h);
	buf_str(o, "t=0 0\r\n");
}

void sdp_media(struct buf *o, const char *media, const struct ep *addr,
	       const char *proto, const char *fmts, const char *attrs)
{
	buf_fmt(o, "m=%s %u %s %s\r\n", media, addr->port, proto, fmts);
	buf_str(o, attrs);
}

/* ---- RTP ---- */

/* Quiet G.711 mu-law: values near the zero code (0xff / 0x7f). */
static void pcmu_payload(struct buf *o, size_t n, uint32_t *rng)
{
	for (size_t i = 0; i < n; i++) {
		uint32_t r = rng_next(rng);
		buf_u8(o, (r & 0x100 ? 0xf0u : 0x70u) | (r >> 28));
	}
}

/*
 * An H.264 slice NAL unit whose slice header starts well formed:
 * first_mb_in_slice 0, slice_type 5 (P) or 7 (I), pic_parameter_set_id 0.
 */
static void h264_payload(struct buf *o, size_t n, bool idr, uint32_t *rng)
{
	buf_u8(o, idr ? H264_NAL_IDR : H264_NAL_SLICE);
	buf_u8(o, idr ? 0x88 : 0x9a); /* 1 0001000 / 1 00110 1 0 */
	buf_random(o, rng, n - 2);
}

void rtp_packet(struct buf *o, struct rtp_stream *s, bool marker,
		uint32_t *rng)
{
	size_t n = s->plen;

	if (s->h264)
		n -= rng_next(rng) % (s->plen / 4);
	buf_u8(o, RTP_VERSION);
	buf_u8(o, (marker ? 0x80u : 0) | s->pt);
	buf_be16(o, s->seq);
	buf_be32(o, s->ts);
	buf_be32(o, s->ssrc);
	if (s->h264)
		h264_payload(o, n, s->sent == 0, rng);
	else
		pcmu_payload(o, n, rng);
	s->seq++;
	s->ts += s->ts_step;
	s->sent++;
	s->octets += (uint32_t)n;
}

void rtp_run(struct cap *c, struct flow *f, int dir, struct rtp_stream *s,
	     unsigned count, uint64_t start_us, uint64_t every_us)
{
	struct buf o = {0};

	for (unsigned i = 0; i < count; i++) {
		buf_reset(&o);
		cap_at(c, start_us + i * every_us);
		rtp_packet(&o, s, s->h264 || s->sent == 0, cap_rng(c));
		udp_send(c, f, dir, o.p, o.len);
	}
	buf_free(&o);
}

/* ---- RTCP ---- */

static void rtcp_header(struct buf *o, unsigned count, unsigned pt,
			size_t words)
{
	buf_u8(o, RTP_VERSION | count);
	buf_u8(o, pt);
	buf_be16(o, (unsigned)words);
}

static void report_block(struct buf *o, uint32_t ssrc, uint32_t seq)
{
	buf_be32(o, ssrc);
	buf_be32(o, 0);	  /* fraction lost, cumulative lost */
	buf_be32(o, seq); /* extended highest sequence number */
	buf_be32(o, 12);  /* interarrival jitter */
	buf_be32(o, 0);	  /* LSR: no SR received yet */
	buf_be32(o, 0);	  /* DLSR */
}

void rtcp_sr(struct buf *o, const struct rtp_stream *s, uint64_t t_us,
	     uint32_t report_ssrc, uint32_t report_seq)
{
	uint64_t frac = (t_us % SEC) * (1ull << 32) / SEC;

	rtcp_header(o, report_ssrc ? 1 : 0, RTCP_SR, report_ssrc ? 12 : 6);
	buf_be32(o, s->ssrc);
	buf_be32(o, (uint32_t)(PG_T0_SEC + t_us / SEC + NTP_UNIX_OFFSET));
	buf_be32(o, (uint32_t)frac);
	buf_be32(o, s->ts);
	buf_be32(o, s->sent);
	buf_be32(o, s->octets);
	if (report_ssrc)
		report_block(o, report_ssrc, report_seq);
}

void rtcp_rr(struct buf *o, uint32_t ssrc, uint32_t report_ssrc,
	     uint32_t report_seq)
{
	rtcp_header(o, 1, RTCP_RR, 7);
	buf_be32(o, ssrc);
	report_block(o, report_ssrc, report_seq);
}

void rtcp_sdes(struct buf *o, uint32_t ssrc, const char *cname)
{
	size_t n = strlen(cname);
	size_t chunk = 4 + 2 + n + 1; /* SSRC, item header, text, END */
	size_t padded = (chunk + 3) / 4 * 4;

	rtcp_header(o, 1, RTCP_SDES, padded / 4);
	buf_be32(o, ssrc);
	buf_u8(o, SDES_CNAME);
	buf_u8(o, (unsigned)n);
	buf_put(o, cname, n);
	buf_zero(o, padded - chunk + 1); /* END item and padding */
}

void rtcp_bye(struct buf *o, uint32_t ssrc, const char *reason)
{
	size_t n = reason ? strlen(reason) : 0;
	size_t rlen = n ? (1 + n + 3) / 4 * 4 : 0;

	rtcp_header(o, 1, RTCP_BYE, 1 + rlen / 4);
	buf_be32(o, ssrc);
	if (n) {
		buf_u8(o, (unsigned)n);
		buf_put(o, reason, n);
		buf_zero(o, rlen - 1 - n);
	}
}

/* ---- calls: signalling and media put together ---- */

void sip_send(struct cap *c, struct flow *f, int dir, struct buf *m)
{
	udp_send(c, f, dir, m->p, m->len);
	buf_reset(m);
}

void sip_call_setup(struct cap *c, struct flow *f, const struct sip_dialog *d,
		    const struct buf *offer, const struct buf *answer,
		    bool provisional)
{
	struct buf m = {0};

	sip_request(&m, d, "INVITE", 101, offer);
	sip_send(c, f, 0, &m);
	if (provisional) {
		cap_wait(c, 10 * MS);
		sip_response(&m, d, 100, "Trying", "INVITE", 101, NULL);
		sip_send(c, f, 1, &m);
		cap_wait(c, 500 * MS);
		sip_response(&m, d, 180, "Ringing", "INVITE", 101, NULL);
		sip_send(c, f, 1, &m);
		cap_wait(c, 2 * SEC);
	} else {
		cap_wait(c, 150 * MS);
	}
	sip_response(&m, d, 200, "OK", "INVITE", 101, answer);
	sip_send(c, f, 1, &m);
	cap_wait(c, 10 * MS);
	sip_request(&m, d, "ACK", 101, NULL);
	sip_send(c, f, 0, &m);
	buf_free(&m);
}

void sip_call_teardown(struct cap *c, struct flow *f,
		       const struct sip_dialog *d)
{
	struct buf m = {0};

	sip_request(&m, d, "BYE", 102, NULL);
	sip_send(c, f, 0, &m);
	cap_wait(c, 10 * MS);
	sip_response(&m, d, 200, "OK", "BYE", 102, NULL);
	sip_send(c, f, 1, &m);
	buf_free(&m);
}

/* RTP both ways; b starts `lag_us` after a. */
void media_rtp(struct cap *c, struct media *m, unsigned count,
	       uint64_t start_us, uint64_t every_us, uint64_t lag_us)
{
	rtp_run(c, m->rtp, 0, &m->s[0], count, start_us, every_us);
	rtp_run(c, m->rtp, 1, &m->s[1], count, start_us + lag_us, every_us);
}

/* One SR + SDES compound each way on the RTCP flow, a first. */
void media_rtcp(struct cap *c, struct media *m, uint64_t t_us)
{
	struct buf o = {0};

	for (int dir = 0; dir < 2; dir++) {
		const struct rtp_stream *s = &m->s[dir], *r = &m->s[!dir];
		cap_at(c, t_us + (uint64_t)dir * 7 * MS);
		rtcp_sr(&o, s, cap_now(c), r->ssrc, r->seq - 1u);
		rtcp_sdes(&o, s->ssrc, m->cname[dir]);
		udp_send(c, m->rtcp, dir, o.p, o.len);
		buf_reset(&o);
	}
	buf_free(&o);
}

struct rtp_stream rtp_pcmu(uint32_t ssrc, uint16_t seq, uint32_t ts)
{
	struct rtp_stream s = {.pt = 0, .ssrc = ssrc, .seq = seq, .ts = ts,
			       .ts_step = 160, .plen = 160};
	return s;
}

/* H.264 at 15 frames/s, one NAL unit per packet. */
struct rtp_stream rtp_h264(uint8_t pt, uint32_t ssrc, uint16_t seq,
			   uint32_t ts)
{
	struct rtp_stream s = {.pt = pt, .ssrc = ssrc, .seq = seq, .ts = ts,
			       .ts_step = 6000, .plen = 900, .h264 = true};
	return s;
}
