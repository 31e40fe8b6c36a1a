/* \summary: SDP media descriptions: what each m= line will receive, and where */
/* specification: RFC 4566, RFC 3550, RFC 3605, RFC 5761, RFC 8445, RFC 8839 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <osipparser2/osip_list.h>
#include <osipparser2/sdp_message.h>

#include "vcflow/extract.h"
#include "vcflow/sdp.h"

/*
 * Zero bytes after the terminator of the text given to libosip2: its 5.3
 * m= parser reads a byte past the end when the last line is an m= line
 * without formats ended by a bare LF or CR ("m=audio 1 RTP/AVP\n").
 */
#define OSIP_SLACK 8
#define PORT_MAX 65535u
#define NUMBER_DIGITS_MAX 10 /* an ICE priority fits 32 bits */
#define ICE_COMPONENT_MAX 256 /* RFC 8839 sec 5.1 */
#define ICE_COMPONENT_RTCP 2

static const struct media_name {
	const char *name;
	enum sdp_media_kind kind;
	const char *rtcp_what;
} media_names[] = {
	{ "audio", SDP_MEDIA_AUDIO, "audio RTCP" },
	{ "video", SDP_MEDIA_VIDEO, "video RTCP" },
	{ "text", SDP_MEDIA_TEXT, "text RTCP" },
	{ "application", SDP_MEDIA_APPLICATION, "application RTCP" },
	{ "image", SDP_MEDIA_IMAGE, "image RTCP" },
	{ "message", SDP_MEDIA_MESSAGE, "message RTCP" },
};
static const struct media_name other_media = { "media", SDP_MEDIA_OTHER,
					       "RTCP" };

/*
 * The transport protocols of m= lines that carry something vcflow labels.
 * Those over TCP name TCP first; everything else runs over UDP (DTLS too).
 */
static const struct media_proto {
	const char *name;
	enum app app;
	uint8_t transport;
} media_protos[] = {
	{ "RTP/AVP", APP_RTP, PROTO_UDP },	      /* RFC 3551 */
	{ "RTP/SAVP", APP_RTP, PROTO_UDP },	      /* RFC 3711 */
	{ "RTP/AVPF", APP_RTP, PROTO_UDP },	      /* RFC 4585 */
	{ "RTP/SAVPF", APP_RTP, PROTO_UDP },	      /* RFC 5124 */
	{ "UDP/TLS/RTP/SAVP", APP_RTP, PROTO_UDP },   /* RFC 5764 */
	{ "UDP/TLS/RTP/SAVPF", APP_RTP, PROTO_UDP },
	{ "TCP/RTP/AVP", APP_RTP, PROTO_TCP },	      /* RFC 4571 */
	{ "TCP/RTP/AVPF", APP_RTP, PROTO_TCP },
	{ "TCP/RTP/SAVP", APP_RTP, PROTO_TCP },
	{ "TCP/RTP/SAVPF", APP_RTP, PROTO_TCP },
	{ "TCP/TLS/RTP/SAVP", APP_RTP, PROTO_TCP },   /* RFC 7850 */
	{ "TCP/TLS/RTP/SAVPF", APP_RTP, PROTO_TCP },
	{ "TCP/DTLS/RTP/SAVP", APP_RTP, PROTO_TCP },
	{ "TCP/DTLS/RTP/SAVPF", APP_RTP, PROTO_TCP },
	{ "TCP/BFCP", APP_BFCP, PROTO_TCP },	      /* RFC 8856 */
	{ "TCP/TLS/BFCP", APP_BFCP, PROTO_TCP },
	{ "UDP/BFCP", APP_BFCP, PROTO_UDP },
	{ "UDP/TLS/BFCP", APP_BFCP, PROTO_UDP },
	{ "udptl", APP_T38, PROTO_UDP },	      /* ITU-T T.38 Annex D */
	{ "UDP/TLS/UDPTL", APP_T38, PROTO_UDP },      /* RFC 7345 */
	{ "tcptl", APP_T38, PROTO_TCP },
};

static const struct candidate_type_name {
	const char *name;
	enum sdp_candidate_type type;
} candidate_types[] = {
	{ "host", SDP_CAND_HOST },
	{ "srflx", SDP_CAND_SRFLX },
	{ "prflx", SDP_CAND_PRFLX },
	{ "relay", SDP_CAND_RELAY },
};

#define N_ELEMS(a) (sizeof(a) / sizeof *(a))

/* Tokens of attribute values, read through a cursor over the text. */

static bool is_blank(uint8_t b)
{
	return b == ' ' || b == '\t';
}

static struct cursor text_cursor(const char *s)
{
	return cur_make((const uint8_t *)s, s ? strlen(s) : 0);
}

/* Splits off the next run of non-blank bytes (empty at the end). */
static struct cursor next_token(struct cursor *c)
{
	size_t n = 0;

	while (cur_left(c) > 0 && is_blank(cur_peek(c, 0)))
		cur_skip(c, 1);
	while (n < cur_left(c) && !is_blank(cur_peek(c, n)))
		n++;
	return cur_sub(c, n);
}

static bool token_is(struct cursor t, const char *word)
{
	size_t n = strlen(word);
	const uint8_t *p;

	if (cur_left(&t) != n)
		return false;
	p = cur_take(&t, n);
	return p && strncasecmp((const char *)p, word, n) == 0;
}

/* A decimal number no larger than `max`, and nothing else. */
static bool token_number(struct cursor t, uint32_t max, uint32_t *out)
{
	uint64_t v = 0;
	size_t n = cur_left(&t);

	if (n == 0 || n > NUMBER_DIGITS_MAX)
		return false;
	while (cur_left(&t) > 0) {
		uint8_t d = cur_u8(&t);
		if (d < '0' || d > '9')
			return false;
		v = v * 10 + (uint64_t)(d - '0');
	}
	if (v > max)
		return false;
	*out = (uint32_t)v;
	return true;
}

static bool token_port(struct cursor t, uint16_t *port)
{
	uint32_t v;

	if (!token_number(t, PORT_MAX, &v))
		return false;
	*port = (uint16_t)v;
	return true;
}

/* An IP address literal; a host name is not one. */
static bool token_addr(struct cursor t, struct addr *out)
{
	char text[ADDR_STRLEN];
	size_t n = cur_left(&t);

	if (n == 0 || n >= sizeof text)
		return false;
	cur_copy(&t, text, n);
	text[n] = '\0';
	return addr_parse(text, out);
}

/* "IN IP4 a.b.c.d" split into three tokens (c= and a=rtcp). */
static bool read_net_addr(struct cursor nettype, struct cursor addrtype,
			  struct cursor address, struct addr *out)
{
	struct addr a;
	bool v6;

	if (!token_is(nettype, "IN"))
		return false;
	v6 = token_is(addrtype, "IP6");
	if (!v6 && !token_is(addrtype, "IP4"))
		return false;
	/* A multicast TTL or address count follows a '/'. */
	size_t n = 0;
	while (n < cur_left(&address) && cur_peek(&address, n) != '/')
		n++;
	if (!token_addr(cur_sub(&address, n), &a) || addr_is_v4(&a) == v6)
		return false;
	*out = a;
	return true;
}

static void read_connection(const sdp_connection_t *c, struct addr *out)
{
	if (c)
		read_net_addr(text_cursor(c->c_nettype),
			      text_cursor(c->c_addrtype),
			      text_cursor(c->c_addr), out);
}

static const struct media_name *find_media(const char *name)
{
	for (size_t i = 0; name && i < N_ELEMS(media_names); i++)
		if (strcmp(name, media_names[i].name) == 0)
			return &media_names[i];
	return &other_media;
}

static const struct media_name *media_of_kind(enum sdp_media_kind kind)
{
	for (size_t i = 0; i < N_ELEMS(media_names); i++)
		if (media_names[i].kind == kind)
			return &media_names[i];
	return &other_media;
}

/* Proto names are case-sensitive (RFC 4566 sec 5.14), "UDPTL" is common. */
static const struct media_proto *find_proto(const char *name)
{
	for (size_t i = 0; name && i < N_ELEMS(media_protos); i++)
		if (strcasecmp(name, media_protos[i].name) == 0)
			return &media_protos[i];
	return NULL;
}

static enum sdp_candidate_type candidate_type(struct cursor t)
{
	for (size_t i = 0; i < N_ELEMS(candidate_types); i++)
		if (token_is(t, candidate_types[i].name))
			return candidate_types[i].type;
	return SDP_CAND_OTHER;
}

/*
 * a=candidate:<foundation> <component> <transport> <priority> <address>
 * <port> typ <type> *(<name> <value>).  Candidates named by host name
 * (mDNS "x.local") are skipped: there is no address to announce.
 */
static bool read_candidate(const char *value, struct sdp_candidate *cand)
{
	struct cursor c = text_cursor(value);
	struct cursor foundation = next_token(&c);
	uint32_t component, priority;
	struct cursor transport;

	memset(cand, 0, sizeof *cand);
	if (cur_left(&foundation) == 0 ||
	    !token_number(next_token(&c), ICE_COMPONENT_MAX, &component) ||
	    component == 0)
		return false;
	transport = next_token(&c);
	if (token_is(transport, "UDP"))
		cand->transport = PROTO_UDP;
	else if (token_is(transport, "TCP"))
		cand->transport = PROTO_TCP;
	else
		return false;
	if (!token_number(next_token(&c), UINT32_MAX, &priority) ||
	    !token_addr(next_token(&c), &cand->addr) ||
	    !token_port(next_token(&c), &cand->port) ||
	    !token_is(next_token(&c), "typ"))
		return false;
	cand->type = candidate_type(next_token(&c));
	cand->component = (uint16_t)component;
	cand->listens = true;
	/* RFC 6544 sec 4.5: an active TCP candidate only connects out. */
	for (;;) {
		struct cursor name = next_token(&c), val = next_token(&c);
		if (cur_left(&name) == 0)
			break;
		if (token_is(name, "tcptype") && token_is(val, "active"))
			cand->listens = false;
	}
	return true;
}

/* a=rtcp:<port> [IN IP4 <address>] (RFC 3605 sec 2.1). */
static bool read_rtcp(const char *value, uint16_t *port, struct addr *addr)
{
	struct cursor c = text_cursor(value);
	struct cursor nettype, addrtype, address;

	if (!token_port(next_token(&c), port) || *port == 0)
		return false;
	nettype = next_token(&c);
	if (cur_left(&nettype) == 0)
		return true;
	addrtype = next_token(&c);
	address = next_token(&c);
	return read_net_addr(nettype, addrtype, address, addr);
}

/* "a=rtpmap:<payload type> <encoding name>/<clock rate>[/<parameters>]" */
static bool read_rtpmap(const char *value, struct sdp_rtpmap *out)
{
	struct cursor c = text_cursor(value);
	struct cursor pt = next_token(&c), enc = next_token(&c);
	uint32_t v, clock = 0;
	size_t n = 0;

	if (!token_number(pt, 127, &v) || cur_left(&enc) == 0)
		return false;
	while (n < cur_left(&enc) && cur_peek(&enc, n) != '/')
		n++;
	struct cursor name = cur_sub(&enc, n);
	if (cur_left(&name) == 0)
		return false;
	if (cur_left(&enc) > 0) {
		size_t m = 0;
		cur_skip(&enc, 1);
		while (m < cur_left(&enc) && cur_peek(&enc, m) != '/')
			m++;
		if (!token_number(cur_sub(&enc, m), 1000000, &clock))
			clock = 0;
	}
	out->pt = (uint8_t)v;
	out->clock_hz = clock;
	size_t len = cur_left(&name);
	proto_copy_text(out->encoding, sizeof out->encoding,
			cur_take(&name, len), len);
	return true;
}

static void read_attributes(const osip_list_t *attrs, struct sdp_stream *st,
			    bool *has_rtcp)
{
	for (int i = 0; i < osip_list_size(attrs); i++) {
		const sdp_attribute_t *a = osip_list_get(attrs, i);
		const char *field = a ? a->a_att_field : NULL;
		const char *value = a ? a->a_att_value : NULL;

		if (!field)
			continue;
		if (strcmp(field, "rtcp-mux") == 0) {
			st->rtcp_mux = true;
		} else if (strcmp(field, "rtcp") == 0 && value) {
			st->rtcp_addr = st->addr;
			*has_rtcp = read_rtcp(value, &st->rtcp_port,
					      &st->rtcp_addr);
		} else if (strcmp(field, "setup") == 0 && value) {
			st->setup_active = strcmp(value, "active") == 0;
		} else if (strcmp(field, "rtpmap") == 0 && value) {
			if (st->n_rtpmaps < SDP_MAX_RTPMAPS &&
			    read_rtpmap(value, &st->rtpmaps[st->n_rtpmaps]))
				st->n_rtpmaps++;
		} else if (strcmp(field, "candidate") == 0 && value) {
			struct sdp_candidate cand;
			if (!read_candidate(value, &cand))
				continue;
			if (st->n_candidates < SDP_MAX_CANDIDATES)
				st->candidates[st->n_candidates++] = cand;
			else
				st->n_candidates_dropped++;
		}
	}
}

static void read_stream(const sdp_media_t *m, const struct addr *session_addr,
			struct sdp_stream *st)
{
	const struct media_name *media = find_media(m->m_media);
	const struct media_proto *proto = find_proto(m->m_proto);
	bool has_rtcp = false;

	memset(st, 0, sizeof *st);
	st->kind = media->kind;
	st->media = media->name;
	st->app = proto ? proto->app : APP_UNKNOWN;
	st->transport = proto ? proto->transport : PROTO_UDP;
	if (m->m_proto)
		proto_copy_text(st->proto, sizeof st->proto,
				(const uint8_t *)m->m_proto,
				strlen(m->m_proto));
	if (!token_port(text_cursor(m->m_port), &st->port))
		st->port = 0;
	/* A media-level c= replaces the session's, even an unusable one. */
	if (osip_list_size(&m->c_connections) > 0)
		read_connection(osip_list_get(&m->c_connections, 0),
				&st->addr);
	else
		st->addr = *session_addr;
	read_attributes(&m->a_attributes, st, &has_rtcp);

	if (st->app != APP_RTP || st->port == 0) {
		st->rtcp_port = 0;
	} else if (!has_rtcp) {
		st->rtcp_port = 0;
		/* RFC 3550 sec 11: RTCP on the next port up, unless muxed. */
		if (!st->rtcp_mux && st->port < PORT_MAX) {
			st->rtcp_port = (uint16_t)(st->port + 1);
			st->rtcp_addr = st->addr;
		}
	}
}

static void read_session(const sdp_message_t *sdp, struct sdp_session *out)
{
	read_connection(sdp->c_connection, &out->addr);
	for (int i = 0; i < osip_list_size(&sdp->m_medias); i++) {
		const sdp_media_t *m = osip_list_get(&sdp->m_medias, i);
		if (!m)
			continue;
		if (out->n_streams == SDP_MAX_STREAMS) {
			out->n_streams_dropped++;
			continue;
		}
		read_stream(m, &out->addr, &out->streams[out->n_streams++]);
	}
}

bool sdp_parse(const uint8_t *body, size_t len, struct sdp_session *out)
{
	struct cursor c = cur_make(body, len);
	sdp_message_t *sdp = NULL;
	char *text;
	bool ok;

	memset(out, 0, sizeof *out);
	/* RFC 4566 sec 5: v= comes first.  libosip2 reads C strings, so a
	 * NUL would hide the rest of the body from it. */
	if (len > SDP_BODY_MAX || cur_u8(&c) != 'v' || cur_u8(&c) != '=' ||
	    memchr(body, '\0', len))
		return false;
	text = malloc(len + 1 + OSIP_SLACK);
	if (!text)
		return false;
	memcpy(text, body, len);
	memset(text + len, '\0', 1 + OSIP_SLACK);
	ok = sdp_message_init(&sdp) == 0 && sdp_message_parse(sdp, text) == 0;
	if (ok)
		read_session(sdp, out);
	if (sdp)
		sdp_message_free(sdp);
	free(text);
	return ok;
}

static bool addr_is_unspecified(const struct addr *a)
{
	static const struct addr none;
	struct addr v4_none;
	static const uint8_t zero4[4];

	addr_from_v4(&v4_none, zero4);
	return addr_cmp(a, &none) == 0 || addr_cmp(a, &v4_none) == 0;
}

struct announcer {
	const struct proto_sink *sink;
	const struct proto_pkt *from;
	const char *call_id;
	const char *product;
};

static void announce_one(const struct announcer *an, const struct addr *addr,
			 uint16_t port, uint8_t transport, enum app app,
			 const char *what)
{
	struct proto_announce a;

	if (port == 0 || addr_is_unspecified(addr))
		return;
	memset(&a, 0, sizeof a);
	a.addr = *addr;
	a.port = port;
	a.transport = transport;
	a.app = app;
	a.what = what;
	a.call_id = an->call_id;
	a.product = an->product;
	an->sink->announce(an->sink->ctx, an->from, &a);
}

static const char *stream_what(const struct sdp_stream *st)
{
	switch (st->app) {
	case APP_BFCP:
		return "BFCP";
	case APP_T38:
		return "T.38";
	default:
		return st->media ? st->media : other_media.name;
	}
}

static void announce_stream(const struct announcer *an,
			    const struct sdp_stream *st)
{
	const char *rtcp_what = media_of_kind(st->kind)->rtcp_what;

	/* An active TCP end (RFC 4145 sec 4.1) writes port 9: no listener. */
	if (!(st->transport == PROTO_TCP && st->setup_active))
		announce_one(an, &st->addr, st->port, st->transport, st->app,
			     stream_what(st));
	if (st->app == APP_RTP) {
		if (st->rtcp_mux)
			announce_one(an, &st->addr, st->port, st->transport,
				     APP_RTCP, rtcp_what);
		announce_one(an, &st->rtcp_addr, st->rtcp_port, st->transport,
			     APP_RTCP, rtcp_what);
	}
	for (size_t i = 0; i < st->n_candidates; i++) {
		const struct sdp_candidate *cand = &st->candidates[i];
		enum app app = st->app;

		if (!cand->listens)
			continue;
		if (app == APP_RTP && cand->component == ICE_COMPONENT_RTCP)
			app = APP_RTCP;
		announce_one(an, &cand->addr, cand->port, cand->transport, app,
			     "ICE candidate");
	}
}

void sdp_announce(const struct sdp_session *s, const struct proto_pkt *from,
		  const struct proto_sink *sink, const char *call_id,
		  const char *product)
{
	const struct announcer an = { sink, from, call_id, product };

	if (!sink || !sink->announce)
		return;
	for (size_t i = 0; i < s->n_streams; i++) {
		const struct sdp_stream *st = &s->streams[i];
		/* Port 0 rejects the stream, its candidates with it. */
		if (st->port == 0 || st->app == APP_UNKNOWN)
			continue;
		announce_stream(&an, st);
	}
}
