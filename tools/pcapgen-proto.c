/* \summary: STUN/TURN, BFCP, Skinny, DNS and TLS handshake messages */
/* specification: RFC 5389 (STUN), RFC 5766 (TURN), RFC 8855 (BFCP),
 * Cisco SCCP message layout, RFC 1035 (DNS), RFC 8446 (TLS 1.3) */
#include <string.h>

#include "pcapgen.h"

#define STUN_MAGIC 0x2112a442u
#define STUN_HDR 20
#define STUN_FP_XOR 0x5354554eu
#define STUN_ATTR_ERROR_CODE 0x0009
#define STUN_ATTR_MESSAGE_INTEGRITY 0x0008
#define STUN_ATTR_FINGERPRINT 0x8028
#define BFCP_HDR 12
#define BFCP_ATTR_REQUEST_STATUS 5
#define BFCP_ATTR_SUPPORTED_ATTRIBUTES 10
#define BFCP_ATTR_SUPPORTED_PRIMITIVES 11
#define BFCP_PRIMITIVES 18 /* FloorRequest .. GoodbyeAck */
#define BFCP_ATTRIBUTES 18 /* BENEFICIARY-ID .. OVERALL-REQUEST-STATUS */
#define TLS_HANDSHAKE 22
#define TLS_CCS 20
#define TLS_APPDATA 23

/* ---- STUN ---- */

void stun_tid(uint8_t tid[12], uint32_t *rng)
{
	rng_fill(rng, tid, 12);
}

static void stun_set_len(struct buf *o, size_t extra)
{
	buf_set_be16(o, 2, (unsigned)(o->len - STUN_HDR + extra));
}

void stun_begin(struct buf *o, unsigned type, const uint8_t tid[12])
{
	buf_be16(o, type);
	buf_be16(o, 0);
	buf_be32(o, STUN_MAGIC);
	buf_put(o, tid, 12);
}

void stun_attr(struct buf *o, unsigned type, const void *d, size_t n)
{
	buf_be16(o, type);
	buf_be16(o, (unsigned)n);
	buf_put(o, d, n);
	buf_zero(o, (4 - n % 4) % 4);
	stun_set_len(o, 0);
}

void stun_attr_str(struct buf *o, unsigned type, const char *s)
{
	stun_attr(o, type, s, strlen(s));
}

void stun_xor_address(struct buf *o, unsigned type, const struct ep *e,
		      const uint8_t tid[12])
{
	uint8_t v[20], mask[16] = {0x21, 0x12, 0xa4, 0x42};
	size_t alen = e->af == 6 ? 16 : 4;

	memcpy(mask + 4, tid, 12);
	v[0] = 0;
	v[1] = e->af == 6 ? 2 : 1;
	v[2] = (uint8_t)((e->port >> 8) ^ 0x21);
	v[3] = (uint8_t)((e->port & 0xff) ^ 0x12);
	for (size_t i = 0; i < alen; i++)
		v[4 + i] = e->ip[i] ^ mask[i];
	stun_attr(o, type, v, 4 + alen);
}

void stun_error_code(struct buf *o, unsigned code, const char *reason)
{
	struct buf v = {0};

	buf_be16(&v, 0);
	buf_u8(&v, code / 100);
	buf_u8(&v, code % 100);
	buf_str(&v, reason);
	stun_attr(o, STUN_ATTR_ERROR_CODE, v.p, v.len);
	buf_free(&v);
}

/* RFC 5389 15.4: HMAC-SHA1 over the message, the length counting up to and
 * including MESSAGE-INTEGRITY. */
void stun_integrity(struct buf *o, const uint8_t *key, size_t keylen)
{
	uint8_t mac[20];

	stun_set_len(o, 24);
	hmac_sha1(key, keylen, o->p, o->len, mac);
	stun_attr(o, STUN_ATTR_MESSAGE_INTEGRITY, mac, sizeof mac);
}

/* RFC 5389 15.5: CRC-32 of the message up to FINGERPRINT, XOR 0x5354554e. */
void stun_fingerprint(struct buf *o)
{
	uint8_t v[4];

	stun_set_len(o, 8);
	uint32_t crc = crc32_ieee(o->p, o->len) ^ STUN_FP_XOR;
	v[0] = (uint8_t)(crc >> 24);
	v[1] = (uint8_t)(crc >> 16);
	v[2] = (uint8_t)(crc >> 8);
	v[3] = (uint8_t)crc;
	stun_attr(o, STUN_ATTR_FINGERPRINT, v, 4);
}

void stun_binding(struct buf *o, const uint8_t tid[12],
		  const struct ep *mapped, const char *software)
{
	unsigned type = mapped ? STUN_BINDING_SUCCESS : STUN_BINDING_REQUEST;

	stun_begin(o, type, tid);
	if (mapped)
		stun_xor_address(o, STUN_ATTR_XOR_MAPPED_ADDRESS, mapped, tid);
	stun_attr_str(o, STUN_ATTR_SOFTWARE, software);
	stun_fingerprint(o);
}

/* RFC 5389 15.4: key = MD5(username ":" realm ":" SASLprep(password)). */
void turn_key(const char *user, const char *realm, const char *pass,
	      uint8_t key[16])
{
	struct buf s = {0};

	buf_fmt(&s, "%s:%s:%s", user, realm, pass);
	md5(s.p, s.len, key);
	buf_free(&s);
}

/* ---- BFCP ---- */

void bfcp_begin(struct buf *o, unsigned ver, unsigned prim, uint32_t conf,
		unsigned tid, unsigned uid)
{
	buf_u8(o, ver << 5); /* R and F clear */
	buf_u8(o, prim);
	buf_be16(o, 0);
	buf_be32(o, conf);
	buf_be16(o, tid);
	buf_be16(o, uid);
}

void bfcp_set_responder(struct buf *o)
{
	o->p[0] |= 0x10;
}

void bfcp_end(struct buf *o)
{
	buf_set_be16(o, 2, (unsigned)((o->len - BFCP_HDR) / 4));
}

/* Type (7 bits), M bit set, length in octets without padding. */
static void bfcp_attr_hdr(struct buf *o, unsigned type, size_t len)
{
	buf_u8(o, type << 1 | 1);
	buf_u8(o, (unsigned)len);
}

void bfcp_attr16(struct buf *o, unsigned type, unsigned v)
{
	bfcp_attr_hdr(o, type, 4);
	buf_be16(o, v);
}

void bfcp_attr_bytes(struct buf *o, unsigned type, const uint8_t *d,
		     size_t n)
{
	bfcp_attr_hdr(o, type, 2 + n);
	buf_put(o, d, n);
	buf_zero(o, (4 - (2 + n) % 4) % 4);
}

size_t bfcp_group_open(struct buf *o, unsigned type, unsigned id)
{
	size_t at = o->len;

	bfcp_attr_hdr(o, type, 0);
	buf_be16(o, id);
	return at;
}

void bfcp_group_close(struct buf *o, size_t at)
{
	o->p[at + 1] = (uint8_t)(o->len - at);
}

void bfcp_request_status(struct buf *o, unsigned status, unsigned qpos)
{
	bfcp_attr_hdr(o, BFCP_ATTR_REQUEST_STATUS, 4);
	buf_u8(o, status);
	buf_u8(o, qpos);
}

void bfcp_hello_ack_attrs(struct buf *o)
{
	uint8_t v[BFCP_PRIMITIVES > BFCP_ATTRIBUTES ? BFCP_PRIMITIVES
						    : BFCP_ATTRIBUTES];

	for (unsigned i = 0; i < BFCP_PRIMITIVES; i++)
		v[i] = (uint8_t)(i + 1);
	bfcp_attr_bytes(o, BFCP_ATTR_SUPPORTED_PRIMITIVES, v, BFCP_PRIMITIVES);
	for (unsigned i = 0; i < BFCP_ATTRIBUTES; i++)
		v[i] = (uint8_t)((i + 1) << 1); /* type, R bit clear */
	bfcp_attr_bytes(o, BFCP_ATTR_SUPPORTED_ATTRIBUTES, v, BFCP_ATTRIBUTES);
}

/* ---- Skinny: length, header version 0 (basic), message id, all LE ---- */

void sccp_msg(struct buf *o, uint32_t id, const struct buf *body)
{
	size_t n = body ? body->len : 0;

	buf_le32(o, (uint32_t)(4 + n));
	buf_le32(o, 0);
	buf_le32(o, id);
	if (n)
		buf_put(o, body->p, n);
}

/* ---- DNS ---- */

static void dns_name(struct buf *o, const char *name)
{
	while (*name) {
		const char *dot = strchr(name, '.');
		size_t n = dot ? (size_t)(dot - name) : strlen(name);
		buf_u8(o, (unsigned)n);
		buf_put(o, name, n);
		name += n + (dot ? 1 : 0);
	}
	buf_u8(o, 0);
}

static void dns_header(struct buf *o, unsigned id, unsigned flags,
		       unsigned an)
{
	buf_be16(o, id);
	buf_be16(o, flags);
	buf_be16(o, 1);
	buf_be16(o, an);
	buf_be32(o, 0); /* NSCOUNT, ARCOUNT */
}

void dns_query(struct buf *o, unsigned id, const char *name)
{
	dns_header(o, id, 0x0100, 0); /* RD */
	dns_name(o, name);
	buf_be16(o, 1); /* A */
	buf_be16(o, 1); /* IN */
}

void dns_answer_a(struct buf *o, unsigned id, const char *name,
		  const uint8_t ip[4], uint32_t ttl)
{
	dns_header(o, id, 0x8180, 1); /* QR RD RA, NOERROR */
	dns_name(o, name);
	buf_be16(o, 1);
	buf_be16(o, 1);
	buf_be16(o, 0xc00c); /* pointer to the question's name */
	buf_be16(o, 1);
	buf_be16(o, 1);
	buf_be32(o, ttl);
	buf_be16(o, 4);
	buf_put(o, ip, 4);
}

/* ---- TLS ---- */

static void tls_record(struct buf *o, unsigned type, unsigned ver,
		       const struct buf *body)
{
	buf_u8(o, type);
	buf_be16(o, ver);
	buf_be16(o, (unsigned)body->len);
	buf_put(o, body->p, body->len);
}

static void tls_handshake(struct buf *o, unsigned type, const struct buf *b)
{
	buf_u8(o, type);
	buf_u8(o, (unsigned)(b->len >> 16));
	buf_be16(o, (unsigned)(b->len & 0xffff));
	buf_put(o, b->p, b->len);
}

static void tls_ext(struct buf *o, unsigned type, const struct buf *b)
{
	buf_be16(o, type);
	buf_be16(o, (unsigned)b->len);
	buf_put(o, b->p, b->len);
}

static void tls_ext_u16s(struct buf *o, unsigned type, bool len8,
			 const uint16_t *v, size_t n)
{
	struct buf b = {0};

	if (len8)
		buf_u8(&b, (unsigned)(2 * n));
	else
		buf_be16(&b, (unsigned)(2 * n));
	for (size_t i = 0; i < n; i++)
		buf_be16(&b, v[i]);
	tls_ext(o, type, &b);
	buf_free(&b);
}

static void tls_ext_sni(struct buf *o, const char *sni)
{
	struct buf b = {0};
	size_t n = strlen(sni);

	buf_be16(&b, (unsigned)(n + 3));
	buf_u8(&b, 0); /* host_name */
	buf_be16(&b, (unsigned)n);
	buf_str(&b, sni);
	tls_ext(o, 0, &b);
	buf_free(&b);
}

static void tls_ext_raw(struct buf *o, unsigned type, const void *d, size_t n)
{
	struct buf b = {0};

	buf_put(&b, d, n);
	tls_ext(o, type, &b);
	buf_free(&b);
}

static void tls_ext_key_share(struct buf *o, bool client, uint32_t *rng)
{
	struct buf b = {0};

	if (client)
		buf_be16(&b, 36);
	buf_be16(&b, 0x001d); /* x25519 */
	buf_be16(&b, 32);
	buf_random(&b, rng, 32);
	tls_ext(o, 51, &b);
	buf_free(&b);
}

static void client_hello_exts(struct buf *e, const char *sni, uint32_t *rng)
{
	static const uint16_t groups[] = {0x001d, 0x0017, 0x0018, 0x0019};
	static const uint16_t sigalgs[] = {0x0403, 0x0804, 0x0401, 0x0503,
					   0x0805, 0x0501, 0x0806, 0x0601};
	static const uint16_t versions[] = {0x0304, 0x0303};
	static const uint8_t alpn[] = {0, 12, 2, 'h', '2', 8, 'h', 't',
				       't', 'p', '/', '1', '.', '1'};
	static const uint8_t zero = 0, ecpf[] = {1, 0}, pskm[] = {1, 1};

	tls_ext_sni(e, sni);
	tls_ext_raw(e, 23, NULL, 0);	    /* extended_master_secret */
	tls_ext_raw(e, 0xff01, &zero, 1); /* renegotiation_info */
	tls_ext_u16s(e, 10, false, groups, 4);
	tls_ext_raw(e, 11, ecpf, sizeof ecpf);
	tls_ext_raw(e, 16, alpn, sizeof alpn);
	tls_ext_u16s(e, 13, false, sigalgs, 8);
	tls_ext_key_share(e, true, rng);
	tls_ext_raw(e, 45, pskm, sizeof pskm);
	tls_ext_u16s(e, 43, true, versions, 2);
}

void tls_client_hello(struct buf *o, const char *sni, uint32_t *rng)
{
	static const uint16_t suites[] = {0x1301, 0x1302, 0x1303, 0xc02b,
					  0xc02f, 0xc02c, 0xc030, 0xcca9,
					  0xcca8, 0xc013, 0xc014, 0x009c,
					  0x009d, 0x002f, 0x0035};
	struct buf h = {0}, e = {0}, hs = {0};

	buf_be16(&h, 0x0303);
	buf_random(&h, rng, 32);
	buf_u8(&h, 32);
	buf_random(&h, rng, 32);
	buf_be16(&h, 2 * (unsigned)(sizeof suites / sizeof suites[0]));
	for (size_t i = 0; i < sizeof suites / sizeof suites[0]; i++)
		buf_be16(&h, suites[i]);
	buf_u8(&h, 1);
	buf_u8(&h, 0);
	client_hello_exts(&e, sni, rng);
	buf_be16(&h, (unsigned)e.len);
	buf_put(&h, e.p, e.len);
	tls_handshake(&hs, 1, &h);
	tls_record(o, TLS_HANDSHAKE, 0x0301, &hs);
	buf_free(&h);
	buf_free(&e);
	buf_free(&hs);
}

/* ServerHello for TLS 1.3, ChangeCipherSpec, then the encrypted rest. */
void tls_server_hello(struct buf *o, uint32_t *rng)
{
	static const uint16_t v13 = 0x0304;
	struct buf h = {0}, e = {0}, hs = {0}, r = {0};
	uint8_t ver[2] = {(uint8_t)(v13 >> 8), (uint8_t)v13};

	buf_be16(&h, 0x0303);
	buf_random(&h, rng, 32);
	buf_u8(&h, 32);
	buf_random(&h, rng, 32);
	buf_be16(&h, 0x1301);
	buf_u8(&h, 0);
	tls_ext_key_share(&e, false, rng);
	tls_ext_raw(&e, 43, ver, 2);
	buf_be16(&h, (unsigned)e.len);
	buf_put(&h, e.p, e.len);
	tls_handshake(&hs, 2, &h);
	tls_record(o, TLS_HANDSHAKE, 0x0303, &hs);
	buf_u8(&r, 1);
	tls_record(o, TLS_CCS, 0x0303, &r);
	buf_reset(&r);
	buf_random(&r, rng, 480);
	tls_record(o, TLS_APPDATA, 0x0303, &r);
	buf_free(&h);
	buf_free(&e);
	buf_free(&hs);
	buf_free(&r);
}
