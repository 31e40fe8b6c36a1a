/* \summary: H.225.0 RAS and call signalling, Q.931 and H.245, encoded with a
 * small ASN.1 PER (aligned) writer */
/* specification: ITU-T X.691 (PER, ALIGNED variant), H.225.0 (12/2009)
 * H323-MESSAGES, Q.931, H.245 MULTIMEDIA-SYSTEM-CONTROL, RFC 1006 (TPKT) */
#include <string.h>

#include "pcapgen.h"

#define Q931_PD 0x08
#define Q931_ALERTING 0x01
#define Q931_CALL_PROCEEDING 0x02
#define Q931_SETUP 0x05
#define Q931_CONNECT 0x07
#define Q931_RELEASE_COMPLETE 0x5a
#define Q931_IE_BEARER 0x04
#define Q931_IE_CAUSE 0x08
#define Q931_IE_DISPLAY 0x28
#define Q931_IE_CALLING 0x6c
#define Q931_IE_CALLED 0x70
#define Q931_IE_UUIE 0x7e
#define UUIE_PD_X208 0x05
#define TPKT_VERSION 3

/* H.221 vendor code of the test endpoints: T.35 country USA, no extension. */
#define T35_USA 181
#define VENDOR_MANUFACTURER 0x5643

/* 0.0.8.2250.0.4 (H.225.0 version 4), 0.0.8.245.0.7 (H.245 version 7) */
static const uint8_t h225_oid[] = {0x00, 0x08, 0x91, 0x4a, 0x00, 0x04};
static const uint8_t h245_oid[] = {0x00, 0x08, 0x81, 0x75, 0x00, 0x07};

/* ---- PER writer ---- */

struct per {
	struct buf b;
	size_t bits;
};

static void per_bit(struct per *p, unsigned v)
{
	if (p->bits % 8 == 0)
		buf_u8(&p->b, 0);
	if (v)
		p->b.p[p->bits / 8] |= (uint8_t)(0x80u >> (p->bits % 8));
	p->bits++;
}

static void per_bits(struct per *p, uint64_t v, unsigned n)
{
	while (n--)
		per_bit(p, (unsigned)(v >> n) & 1);
}

static void per_align(struct per *p)
{
	p->bits = (p->bits + 7) / 8 * 8;
}

static void per_octets(struct per *p, const void *d, size_t n)
{
	per_align(p);
	buf_put(&p->b, d, n);
	p->bits += 8 * n;
}

static unsigned bits_for(uint64_t v)
{
	unsigned n = 0;

	while (v) {
		n++;
		v >>= 1;
	}
	return n;
}

static unsigned octets_for(uint64_t v)
{
	unsigned n = 1;

	while (v >>= 8)
		n++;
	return n;
}

/* X.691 10.5: a constrained whole number, ALIGNED variant. */
static void per_cint(struct per *p, uint64_t v, uint64_t lb, uint64_t ub)
{
	uint64_t range = ub - lb + 1, x = v - lb;

	if (range == 1)
		return;
	if (range <= 255) {
		per_bits(p, x, bits_for(range - 1));
	} else if (range == 256) {
		per_align(p);
		per_bits(p, x, 8);
	} else if (range <= 65536) {
		per_align(p);
		per_bits(p, x, 16);
	} else {
		unsigned n = octets_for(x);
		per_cint(p, n, 1, octets_for(range - 1));
		per_align(p);
		per_bits(p, x, 8 * n);
	}
}

/* X.691 10.9: an unconstrained length determinant. */
static void per_len(struct per *p, size_t n)
{
	per_align(p);
	if (n < 128)
		per_bits(p, n, 8);
	else
		per_bits(p, 0x8000 | n, 16);
}

static void per_choice(struct per *p, unsigned idx, unsigned nroot)
{
	per_bit(p, 0); /* a root alternative of an extensible CHOICE */
	per_cint(p, idx, 0, nroot - 1);
}

/* The presence bitmap of extension additions 0..n-1 (bit i of mask). */
static void per_ext_bitmap(struct per *p, unsigned n, uint32_t mask)
{
	per_bit(p, 0);
	per_bits(p, n - 1, 6);
	for (unsigned i = 0; i < n; i++)
		per_bit(p, mask >> i & 1);
}

static void per_free(struct per *p)
{
	buf_free(&p->b);
}

/* X.691 10.2: an open type holding a complete encoding. */
static void per_open(struct per *p, struct per *inner)
{
	if (inner->bits == 0)
		per_bit(inner, 0);
	per_len(p, inner->b.len);
	per_octets(p, inner->b.p, inner->b.len);
	per_free(inner);
}

static void per_ostr(struct per *p, const void *d, size_t n, unsigned lb,
		     unsigned ub)
{
	per_cint(p, n, lb, ub);
	per_octets(p, d, n);
}

static void per_oid(struct per *p, const uint8_t *ber, size_t n)
{
	per_len(p, n);
	per_octets(p, ber, n);
}

static void per_bmp(struct per *p, const char *s, unsigned lb, unsigned ub)
{
	size_t n = strlen(s);

	per_cint(p, n, lb, ub);
	per_align(p);
	for (size_t i = 0; i < n; i++)
		per_bits(p, (unsigned char)s[i], 16);
}

/* IA5String (SIZE (1..128)) (FROM ("0123456789#*,")): 4-bit indexes into
 * the alphabet in canonical (code) order. */
static void per_digits(struct per *p, const char *s)
{
	static const char alphabet[] = "#*,0123456789";
	size_t n = strlen(s);

	per_cint(p, n, 1, 128);
	per_align(p);
	for (size_t i = 0; i < n; i++)
		per_bits(p, (unsigned)(strchr(alphabet, s[i]) - alphabet), 4);
}

/* ---- H.225.0 building blocks ---- */

static void enc_transport(struct per *p, const struct ep *e)
{
	per_choice(p, 0, 7); /* ipAddress */
	per_octets(p, e->ip, 4);
	per_cint(p, e->port, 0, 65535);
}

static void enc_alias_h323id(struct per *p, const char *s)
{
	per_choice(p, 1, 2);
	per_bmp(p, s, 1, 256);
}

static void enc_alias_e164(struct per *p, const char *s)
{
	per_choice(p, 0, 2);
	per_digits(p, s);
}

/* SEQUENCE OF AliasAddress: the h323-ID, then the E.164 number if any. */
static void enc_aliases(struct per *p, const char *h323id, const char *e164)
{
	per_len(p, (h323id ? 1u : 0u) + (e164 ? 1u : 0u));
	if (h323id)
		enc_alias_h323id(p, h323id);
	if (e164)
		enc_alias_e164(p, e164);
}

static void enc_vendor(struct per *p, const char *product)
{
	static const char version[] = "1.0";

	per_bit(p, 0);	  /* extension */
	per_bits(p, 3, 2); /* productId, versionId present */
	per_bit(p, 0);	  /* H221NonStandard extension */
	per_cint(p, T35_USA, 0, 255);
	per_cint(p, 0, 0, 255);
	per_cint(p, VENDOR_MANUFACTURER, 0, 65535);
	per_ostr(p, product, strlen(product), 1, 256);
	per_ostr(p, version, strlen(version), 1, 256);
}

/* EndpointType of a terminal, or of a gatekeeper; vendor if product. */
static void enc_endpoint_type(struct per *p, bool gatekeeper,
			      const char *product)
{
	per_bit(p, 0);
	per_bit(p, 0); /* nonStandardData */
	per_bit(p, product != NULL);
	per_bit(p, gatekeeper);
	per_bits(p, 0, 2); /* gateway, mcu */
	per_bit(p, !gatekeeper);
	if (product)
		enc_vendor(p, product);
	per_bits(p, 0, 2); /* GatekeeperInfo / TerminalInfo: ext, no option */
	per_bits(p, 0, 2); /* mc, undefinedNode */
}

static void enc_call_id(struct per *p, const uint8_t guid[16])
{
	per_bit(p, 0);
	per_octets(p, guid, 16);
}

static void ext_bool(struct per *p, bool v)
{
	struct per q = {0};

	per_bit(&q, v);
	per_open(p, &q);
}

static void ext_call_id(struct per *p, const uint8_t guid[16])
{
	struct per q = {0};

	enc_call_id(&q, guid);
	per_open(p, &q);
}

static void ext_transport(struct per *p, const struct ep *e)
{
	struct per q = {0};

	enc_transport(&q, e);
	per_open(p, &q);
}

static void ext_bmp(struct per *p, const char *s)
{
	struct per q = {0};

	per_bmp(&q, s, 1, 128);
	per_open(p, &q);
}

static void ext_ttl(struct per *p, uint32_t seconds)
{
	struct per q = {0};

	per_cint(&q, seconds, 1, 4294967295u);
	per_open(p, &q);
}

/* ---- RAS ---- */

/* RasMessage CHOICE, then the message SEQUENCE's extension bit. */
static void ras_begin(struct per *p, unsigned choice, bool ext)
{
	per_choice(p, choice, 25);
	per_bit(p, ext);
}

static void ras_seq_oid(struct per *p, unsigned seq, bool oid)
{
	per_cint(p, seq, 1, 65535);
	if (oid)
		per_oid(p, h225_oid, sizeof h225_oid);
}

static void ras_out(struct buf *o, struct per *p)
{
	buf_put(o, p->b.p, p->b.len);
	per_free(p);
}

void ras_grq(struct buf *o, unsigned seq, const struct ep *ras,
	     const char *alias)
{
	struct per p = {0};

	ras_begin(&p, 0, false);
	per_bits(&p, 1, 4); /* endpointAlias present */
	ras_seq_oid(&p, seq, true);
	enc_transport(&p, ras);
	enc_endpoint_type(&p, false, NULL);
	enc_aliases(&p, alias, NULL);
	ras_out(o, &p);
}

void ras_gcf(struct buf *o, unsigned seq, const struct ep *gk_ras,
	     const char *gk_id)
{
	struct per p = {0};

	ras_begin(&p, 1, false);
	per_bits(&p, 1, 2); /* gatekeeperIdentifier present */
	ras_seq_oid(&p, seq, true);
	per_bmp(&p, gk_id, 1, 128);
	enc_transport(&p, gk_ras);
	ras_out(o, &p);
}

void ras_rrq(struct buf *o, unsigned seq, const struct ep *sig,
	     const struct ep *ras, const char *alias, const char *e164,
	     const char *gk_id, const char *product)
{
	struct per p = {0};

	ras_begin(&p, 3, true);
	per_bits(&p, 3, 3); /* terminalAlias, gatekeeperIdentifier */
	ras_seq_oid(&p, seq, true);
	per_bit(&p, 1); /* discoveryComplete */
	per_len(&p, 1);
	enc_transport(&p, sig);
	per_len(&p, 1);
	enc_transport(&p, ras);
	enc_endpoint_type(&p, false, product);
	enc_aliases(&p, alias, e164);
	per_bmp(&p, gk_id, 1, 128);
	enc_vendor(&p, product);
	/* timeToLive, keepAlive, willSupplyUUIEs, maintainConnection */
	per_ext_bitmap(&p, 9, 1u << 1 | 1u << 5 | 1u << 7 | 1u << 8);
	ext_ttl(&p, 300);
	ext_bool(&p, false);
	ext_bool(&p, false);
	ext_bool(&p, false);
	ras_out(o, &p);
}

void ras_rcf(struct buf *o, unsigned seq, const struct ep *sig,
	     const char *alias, const char *gk_id, const char *ep_id)
{
	struct per p = {0};

	ras_begin(&p, 4, true);
	per_bits(&p, 3, 3); /* terminalAlias, gatekeeperIdentifier */
	ras_seq_oid(&p, seq, true);
	per_len(&p, 1);
	enc_transport(&p, sig);
	enc_aliases(&p, alias, NULL);
	per_bmp(&p, gk_id, 1, 128);
	per_bmp(&p, ep_id, 1, 128);
	/* timeToLive, willRespondToIRR, maintainConnection */
	per_ext_bitmap(&p, 8, 1u << 1 | 1u << 5 | 1u << 7);
	ext_ttl(&p, 300);
	ext_bool(&p, false);
	ext_bool(&p, false);
	ras_out(o, &p);
}

void ras_arq(struct buf *o, unsigned seq, const struct h323_ids *ids)
{
	struct per p = {0};

	ras_begin(&p, 9, true);
	/* callModel, destinationInfo, srcCallSignalAddress present */
	per_bits(&p, 0x64, 7);
	ras_seq_oid(&p, seq, false);
	per_choice(&p, 0, 4); /* callType pointToPoint */
	per_choice(&p, 0, 2); /* callModel direct */
	per_bmp(&p, ids->endpoint_id, 1, 128);
	per_len(&p, 1);
	enc_alias_e164(&p, ids->callee_e164);
	enc_aliases(&p, ids->caller_alias, NULL);
	enc_transport(&p, &ids->caller_csa);
	per_cint(&p, 1280, 0, 4294967295u); /* bandWidth, 128 kbit/s */
	per_cint(&p, ids->crv, 0, 65535);
	per_octets(&p, ids->conf_id, 16);
	per_bits(&p, 0, 2); /* activeMC, answerCall */
	per_ext_bitmap(&p, 2, 3); /* canMapAlias, callIdentifier */
	ext_bool(&p, false);
	ext_call_id(&p, ids->call_id);
	ras_out(o, &p);
}

static void ext_uuies_requested(struct per *p)
{
	struct per q = {0};

	per_bits(&q, 0, 10); /* extension bit and nine FALSE */
	per_open(p, &q);
}

void ras_acf(struct buf *o, unsigned seq, const struct h323_ids *ids)
{
	struct per p = {0};

	ras_begin(&p, 10, true);
	per_bits(&p, 0, 2); /* irrFrequency, nonStandardData */
	ras_seq_oid(&p, seq, false);
	per_cint(&p, 1280, 0, 4294967295u);
	per_choice(&p, 0, 2); /* callModel direct */
	enc_transport(&p, &ids->callee_sig);
	per_ext_bitmap(&p, 11, 1u << 9 | 1u << 10);
	ext_bool(&p, false); /* willRespondToIRR */
	ext_uuies_requested(&p);
	ras_out(o, &p);
}

/* ---- call signalling UUIEs ---- */

enum uu_body { UU_SETUP, UU_CALL_PROCEEDING, UU_CONNECT, UU_ALERTING,
	       UU_RELEASE_COMPLETE = 5 };

static void uu_begin(struct per *p, enum uu_body body)
{
	per_bits(p, 0, 2); /* H323-UserInformation: extension, user-data */
	per_bits(p, 2, 2); /* H323-UU-PDU: extension set, no nonStandardData */
	per_choice(p, body, 7);
}

/* H323-UU-PDU extension additions: h245Tunnelling FALSE. */
static void uu_end(struct per *p)
{
	per_ext_bitmap(p, 2, 2);
	ext_bool(p, false);
}

/* callIdentifier, multipleCalls FALSE, maintainConnection FALSE */
static void uu_call_exts(struct per *p, const uint8_t call_id[16])
{
	per_ext_bitmap(p, 7, 1u | 1u << 5 | 1u << 6);
	ext_call_id(p, call_id);
	ext_bool(p, false);
	ext_bool(p, false);
}

static void uu_setup(struct per *p, const struct h323_ids *ids)
{
	per_bit(p, 1);	     /* extension additions present */
	per_bits(p, 0x38, 7); /* sourceAddress, destinationAddress,
				destCallSignalAddress */
	per_oid(p, h225_oid, sizeof h225_oid);
	enc_aliases(p, ids->caller_alias, NULL);
	enc_endpoint_type(p, false, "vcflow-test-ep");
	per_len(p, 1);
	enc_alias_e164(p, ids->callee_e164);
	enc_transport(p, &ids->callee_sig);
	per_bit(p, 0); /* activeMC */
	per_octets(p, ids->conf_id, 16);
	per_choice(p, 0, 3); /* conferenceGoal create */
	per_choice(p, 0, 4); /* callType pointToPoint */
	/* sourceCallSignalAddress, callIdentifier, mediaWaitForConnect,
	 * canOverlapSend, endpointIdentifier, multipleCalls,
	 * maintainConnection; no fastStart */
	per_ext_bitmap(p, 12, 1u | 1u << 2 | 1u << 7 | 1u << 8 | 1u << 9 |
				      1u << 10 | 1u << 11);
	ext_transport(p, &ids->caller_csa);
	ext_call_id(p, ids->call_id);
	ext_bool(p, false);
	ext_bool(p, false);
	ext_bmp(p, ids->endpoint_id);
	ext_bool(p, false);
	ext_bool(p, false);
}

static void uu_proceeding(struct per *p, const struct h323_ids *ids)
{
	per_bits(p, 2, 2); /* extension, no h245Address */
	per_oid(p, h225_oid, sizeof h225_oid);
	enc_endpoint_type(p, false, "vcflow-test-ep");
	uu_call_exts(p, ids->call_id);
}

static void uu_connect(struct per *p, const struct h323_ids *ids)
{
	per_bits(p, 3, 2); /* extension, h245Address */
	per_oid(p, h225_oid, sizeof h225_oid);
	enc_transport(p, &ids->h245);
	enc_endpoint_type(p, false, "vcflow-test-ep");
	per_octets(p, ids->conf_id, 16);
	uu_call_exts(p, ids->call_id);
}

static void uu_release(struct per *p, const struct h323_ids *ids)
{
	per_bits(p, 2, 2); /* extension, no reason */
	per_oid(p, h225_oid, sizeof h225_oid);
	per_ext_bitmap(p, 1, 1);
	ext_call_id(p, ids->call_id);
}

static void uuie(struct per *p, enum uu_body body, const struct h323_ids *ids)
{
	uu_begin(p, body);
	switch (body) {
	case UU_SETUP:
		uu_setup(p, ids);
		break;
	case UU_CONNECT:
		uu_connect(p, ids);
		break;
	case UU_RELEASE_COMPLETE:
		uu_release(p, ids);
		break;
	default:
		uu_proceeding(p, ids);
		break;
	}
	uu_end(p);
}

/* ---- Q.931 in TPKT ---- */

static void tpkt(struct buf *o, const struct buf *payload)
{
	buf_u8(o, TPKT_VERSION);
	buf_u8(o, 0);
	buf_be16(o, (unsigned)(4 + payload->len));
	buf_put(o, payload->p, payload->len);
}

static void q931_ie(struct buf *o, unsigned id, const void *d, size_t n)
{
	buf_u8(o, id);
	buf_u8(o, (unsigned)n);
	buf_put(o, d, n);
}

/* Type of number unknown, numbering plan E.164, then the digits. */
static void q931_number(struct buf *o, unsigned id, const char *digits)
{
	size_t n = strlen(digits);

	buf_u8(o, id);
	buf_u8(o, (unsigned)(n + 1));
	buf_u8(o, 0x81);
	buf_put(o, digits, n);
}

static void q931_send(struct buf *o, const struct h323_ids *ids,
		      bool from_callee, unsigned type, const struct buf *ies,
		      enum uu_body body)
{
	struct buf m = {0};
	struct per uu = {0};

	buf_u8(&m, Q931_PD);
	buf_u8(&m, 2);
	buf_be16(&m, ids->crv | (from_callee ? 0x8000u : 0));
	buf_u8(&m, type);
	if (ies)
		buf_put(&m, ies->p, ies->len);
	uuie(&uu, body, ids);
	buf_u8(&m, Q931_IE_UUIE);
	buf_be16(&m, (unsigned)(1 + uu.b.len));
	buf_u8(&m, UUIE_PD_X208);
	buf_put(&m, uu.b.p, uu.b.len);
	per_free(&uu);
	tpkt(o, &m);
	buf_free(&m);
}

void q931_setup(struct buf *o, const struct h323_ids *ids)
{
	static const uint8_t bearer[] = {0x88, 0x90, 0xa5}; /* unrestricted
		digital, circuit 64 kbit/s, H.221 and H.242 */
	struct buf ies = {0};

	q931_ie(&ies, Q931_IE_BEARER, bearer, sizeof bearer);
	q931_ie(&ies, Q931_IE_DISPLAY, ids->display, strlen(ids->display));
	q931_number(&ies, Q931_IE_CALLING, ids->caller_e164);
	q931_number(&ies, Q931_IE_CALLED, ids->callee_e164);
	q931_send(o, ids, false, Q931_SETUP, &ies, UU_SETUP);
	buf_free(&ies);
}

void q931_call_proceeding(struct buf *o, const struct h323_ids *ids)
{
	q931_send(o, ids, true, Q931_CALL_PROCEEDING, NULL, UU_CALL_PROCEEDING);
}

void q931_alerting(struct buf *o, const struct h323_ids *ids)
{
	q931_send(o, ids, true, Q931_ALERTING, NULL, UU_ALERTING);
}

void q931_connect(struct buf *o, const struct h323_ids *ids)
{
	q931_send(o, ids, true, Q931_CONNECT, NULL, UU_CONNECT);
}

void q931_release_complete(struct buf *o, const struct h323_ids *ids,
			   bool from_callee, unsigned cause)
{
	uint8_t v[2] = {0x80, (uint8_t)(0x80 | cause)}; /* ITU-T, user */
	struct buf ies = {0};

	q931_ie(&ies, Q931_IE_CAUSE, v, sizeof v);
	q931_send(o, ids, from_callee, Q931_RELEASE_COMPLETE, &ies,
		  UU_RELEASE_COMPLETE);
	buf_free(&ies);
}

/* ---- H.245 ---- */

enum msc_kind { MSC_REQUEST, MSC_RESPONSE, MSC_COMMAND };

static void h245_out(struct buf *o, struct per *p)
{
	tpkt(o, &p->b);
	per_free(p);
}

static void h245_begin(struct per *p, enum msc_kind kind, unsigned idx)
{
	static const unsigned nroot[] = {11, 19, 7};

	per_choice(p, kind, 4);
	per_choice(p, idx, nroot[kind]);
}

/* CapabilityTableEntry: receiveAudioCapability g711Ulaw64k / g711Alaw64k
 * (20 frames), or receiveVideoCapability h261VideoCapability. */
static void h245_cap_entry(struct per *p, unsigned num, unsigned kind)
{
	per_bit(p, 1);
	per_cint(p, num, 1, 65535);
	if (kind < 2) {
		per_choice(p, 4, 12);
		per_choice(p, kind == 0 ? 3 : 1, 14);
		per_cint(p, 20, 1, 256);
		return;
	}
	per_choice(p, 1, 12);
	per_choice(p, 1, 5);
	per_bit(p, 0);	   /* extension */
	per_bits(p, 3, 2); /* qcifMPI, cifMPI present */
	per_cint(p, 1, 1, 4);
	per_cint(p, 1, 1, 4);
	per_bit(p, 0); /* temporalSpatialTradeOffCapability */
	per_cint(p, 3840, 1, 19200); /* 384 kbit/s */
	per_bit(p, 0); /* stillImageTransmission */
}

static void h245_descriptor(struct per *p, bool video)
{
	per_cint(p, 1, 1, 256); /* one CapabilityDescriptor */
	per_bit(p, 1);
	per_cint(p, 0, 0, 255);
	per_cint(p, video ? 2 : 1, 1, 256);
	per_cint(p, 2, 1, 256); /* audio: G.711 mu-law or A-law */
	per_cint(p, 1, 1, 65535);
	per_cint(p, 2, 1, 65535);
	if (video) {
		per_cint(p, 1, 1, 256);
		per_cint(p, 3, 1, 65535);
	}
}

void h245_tcs(struct buf *o, unsigned seqnum, bool video)
{
	struct per p = {0};
	unsigned n = video ? 3 : 2;

	h245_begin(&p, MSC_REQUEST, 2);
	per_bit(&p, 0);	   /* extension */
	per_bits(&p, 3, 3); /* capabilityTable, capabilityDescriptors */
	per_cint(&p, seqnum, 0, 255);
	per_oid(&p, h245_oid, sizeof h245_oid);
	per_cint(&p, n, 1, 256);
	for (unsigned i = 0; i < n; i++)
		h245_cap_entry(&p, i + 1, i);
	h245_descriptor(&p, video);
	h245_out(o, &p);
}

void h245_tcs_ack(struct buf *o, unsigned seqnum)
{
	struct per p = {0};

	h245_begin(&p, MSC_RESPONSE, 3);
	per_bit(&p, 0);
	per_cint(&p, seqnum, 0, 255);
	h245_out(o, &p);
}

void h245_msd(struct buf *o, unsigned terminal_type, uint32_t sdn)
{
	struct per p = {0};

	h245_begin(&p, MSC_REQUEST, 1);
	per_bit(&p, 0);
	per_cint(&p, terminal_type, 0, 255);
	per_cint(&p, sdn, 0, 16777215);
	h245_out(o, &p);
}

void h245_msd_ack(struct buf *o, bool master)
{
	struct per p = {0};

	h245_begin(&p, MSC_RESPONSE, 1);
	per_bit(&p, 0);
	per_bit(&p, master ? 0 : 1);
	h245_out(o, &p);
}

void h245_end_session(struct buf *o)
{
	struct per p = {0};

	h245_begin(&p, MSC_COMMAND, 5);
	per_choice(&p, 1, 3); /* disconnect */
	h245_out(o, &p);
}
