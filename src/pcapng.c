/* \summary: a reader of pcapng files whose interfaces differ in link type */
/* specification: draft-ietf-opsawg-pcapng (PCAP Now Generic file format) */
/*
 * libpcap reads a pcapng file only while every interface shares one link
 * type; what mergecap makes of an Ethernet and a Linux cooked capture is
 * refused whole.  This reader gives each packet with its own interface, so
 * the decoder can use that interface's link type.  The file is hostile:
 * every block length is checked at both ends, every field is read through
 * a bounds-checked cursor, and a damaged block stops the read with its
 * byte offset.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "vcflow/extract.h"
#include "vcflow/pcapng.h"

#define BYTE_ORDER_MAGIC 0x1A2B3C4DU
#define BLOCK_SHB 0x0A0D0D0AU
#define BLOCK_IDB 0x00000001U
#define BLOCK_OPB 0x00000002U /* obsolete Packet Block */
#define BLOCK_SPB 0x00000003U
#define BLOCK_EPB 0x00000006U
#define BLOCK_MIN_LEN 12U	/* type, length, trailing length */
#define SHB_MIN_LEN 28U		/* plus byte-order magic, version, length */
#define OPT_ENDOFOPT 0
#define OPT_IF_TSRESOL 9
#define OPT_IF_TSOFFSET 14
#define TSRESOL_BINARY 0x80
#define TSRESOL_DEFAULT 6	/* microseconds */
#define MAX_DECIMAL_EXP 19	/* 10^19 still fits in 64 bits */
#define MAX_BINARY_EXP 63
#define USEC_EXP 6
#define USEC_PER_SEC 1000000ULL

struct pcapng {
	FILE *fp;
	uint64_t offset;      /* of the next block */
	bool le;	      /* this section's byte order */
	size_t section_first; /* this section's interface 0 */
	struct pcapng_if *ifs;
	size_t n_ifs, cap_ifs;
	uint8_t *buf;
	size_t buf_cap;
	uint64_t skipped;
};

static int fail(char *err, size_t errlen, uint64_t at, const char *fmt, ...)
{
	va_list ap;
	int n = snprintf(err, errlen, "at byte %llu: ", (unsigned long long)at);

	if (n >= 0 && (size_t)n < errlen) {
		va_start(ap, fmt);
		vsnprintf(err + n, errlen - (size_t)n, fmt, ap);
		va_end(ap);
	}
	return -1;
}

static uint16_t get16(struct cursor *c, bool le)
{
	return le ? cur_le16(c) : cur_be16(c);
}

static uint32_t get32(struct cursor *c, bool le)
{
	return le ? cur_le32(c) : cur_be32(c);
}

/* Two 32-bit halves, the high one first, in the section's byte order. */
static uint64_t get64(struct cursor *c, bool le)
{
	uint32_t a = get32(c, le), b = get32(c, le);

	return le ? (uint64_t)b << 32 | a : (uint64_t)a << 32 | b;
}

static uint64_t pow10u(unsigned e)
{
	uint64_t v = 1;

	while (e--)
		v *= 10;
	return v;
}

/* A timestamp in the interface's units as seconds and microseconds. */
static void ts_convert(const struct pcapng_if *ifc, uint64_t ts,
		       int64_t *sec, uint32_t *usec)
{
	unsigned e = ifc->tsresol & ~TSRESOL_BINARY;
	uint64_t whole, frac;

	if (ifc->tsresol & TSRESOL_BINARY) {
		whole = e ? ts >> e : ts;
		frac = e ? ts & ((1ULL << e) - 1) : 0;
		/* frac * 10^6 must not overflow: drop low bits past 2^44 */
		if (e > 44) {
			frac >>= e - 44;
			e = 44;
		}
		*usec = (uint32_t)((frac * USEC_PER_SEC) >> e);
	} else {
		uint64_t units = pow10u(e);
		whole = ts / units;
		frac = ts % units;
		*usec = (uint32_t)(e >= USEC_EXP ? frac / pow10u(e - USEC_EXP)
						 : frac * pow10u(USEC_EXP - e));
	}
	*sec = (int64_t)whole + ifc->tsoffset;
}

static int read_error(struct pcapng *r, char *err, size_t errlen,
		      uint64_t at, const char *what, size_t want, size_t got)
{
	if (ferror(r->fp))
		return fail(err, errlen, at, "read error: %s", strerror(errno));
	return fail(err, errlen, at, "truncated %s: %zu bytes of %zu", what,
		    got, want);
}

static bool grow_buf(struct pcapng *r, size_t n)
{
	if (n <= r->buf_cap)
		return true;
	uint8_t *b = realloc(r->buf, n);
	if (!b)
		return false;
	r->buf = b;
	r->buf_cap = n;
	return true;
}

/*
 * Reads one whole block.  Returns 1 with its type and a cursor over its
 * body (after the type and length, and for a section header after the
 * byte-order magic; before the trailing length), 0 at a clean end of file,
 * -1 on damage.
 */
static int read_block(struct pcapng *r, uint32_t *type, struct cursor *body,
		      char *err, size_t errlen)
{
	uint64_t at = r->offset;
	uint8_t hdr[12];
	size_t head = 8;
	size_t n = fread(hdr, 1, 8, r->fp);
	struct cursor c;

	if (n == 0 && !ferror(r->fp))
		return 0;
	if (n < 8)
		return read_error(r, err, errlen, at, "block header", 8, n);
	c = cur_make(hdr, 8);
	uint32_t first = cur_be32(&c);
	if (at == 0 && first != BLOCK_SHB)
		return fail(err, errlen, at,
			    "a file that does not start with a section "
			    "header block (0x0a0d0d0a) but 0x%08x",
			    first);
	if (first == BLOCK_SHB) { /* the same in either byte order */
		n = fread(hdr + 8, 1, 4, r->fp);
		if (n < 4)
			return read_error(r, err, errlen, at,
					  "section header block", 12, 8 + n);
		c = cur_make(hdr + 8, 4);
		uint32_t bom = cur_be32(&c);
		if (bom == BYTE_ORDER_MAGIC)
			r->le = false;
		else if (bom == 0x4D3C2B1AU)
			r->le = true;
		else
			return fail(err, errlen, at,
				    "section header byte-order magic "
				    "0x%08x is neither 0x1a2b3c4d nor its "
				    "reverse",
				    bom);
		r->section_first = r->n_ifs;
		head = 12;
	}
	c = cur_make(hdr, 8);
	*type = get32(&c, r->le);
	uint32_t len = get32(&c, r->le);
	if (len < (*type == BLOCK_SHB ? SHB_MIN_LEN : BLOCK_MIN_LEN))
		return fail(err, errlen, at,
			    "block type 0x%08x: length %u is too short", *type,
			    len);
	if (len % 4)
		return fail(err, errlen, at,
			    "block type 0x%08x: length %u is not a multiple "
			    "of 4",
			    *type, len);
	if (len > PCAPNG_MAX_BLOCK)
		return fail(err, errlen, at,
			    "block type 0x%08x: length %u is past the %u "
			    "vcflow reads (damaged file?)",
			    *type, len, PCAPNG_MAX_BLOCK);
	size_t rest = len - head;
	if (!grow_buf(r, rest))
		return fail(err, errlen, at, "out of memory");
	n = fread(r->buf, 1, rest, r->fp);
	if (n < rest)
		return read_error(r, err, errlen, at, "block", len, head + n);
	c = cur_make(r->buf, rest);
	*body = cur_sub(&c, rest - 4);
	uint32_t trailer = get32(&c, r->le);
	if (c.bad || trailer != len)
		return fail(err, errlen, at,
			    "block type 0x%08x: length %u at its start but %u "
			    "at its end",
			    *type, len, trailer);
	r->offset += len;
	return 1;
}

static int read_shb(struct pcapng *r, struct cursor *b, uint64_t at,
		    char *err, size_t errlen)
{
	uint16_t major = get16(b, r->le), minor = get16(b, r->le);

	cur_skip(b, 8); /* section length: -1 when not given */
	if (b->bad)
		return fail(err, errlen, at, "section header block too short");
	if (major != 1)
		return fail(err, errlen, at, "pcapng version %u.%u, not 1.x",
			    major, minor);
	return 0;
}

static int read_idb(struct pcapng *r, struct cursor *b, uint64_t at,
		    char *err, size_t errlen)
{
	struct pcapng_if ifc = { .tsresol = TSRESOL_DEFAULT };

	ifc.link_type = get16(b, r->le);
	cur_skip(b, 2);
	ifc.snaplen = get32(b, r->le);
	if (b->bad)
		return fail(err, errlen, at,
			    "interface description block too short");
	while (cur_left(b) >= 4) {
		uint16_t code = get16(b, r->le), olen = get16(b, r->le);
		struct cursor v = cur_sub(b, olen);
		cur_skip(b, (4 - olen % 4) % 4);
		if (b->bad)
			return fail(err, errlen, at,
				    "interface option %u of %u bytes overruns "
				    "its block",
				    code, olen);
		if (code == OPT_ENDOFOPT)
			break;
		if (code == OPT_IF_TSRESOL && olen == 1) {
			uint8_t t = cur_u8(&v);
			unsigned e = t & ~TSRESOL_BINARY;
			if (e > ((t & TSRESOL_BINARY) ? MAX_BINARY_EXP
						      : MAX_DECIMAL_EXP))
				return fail(err, errlen, at,
					    "if_tsresol 0x%02x is finer "
					    "than vcflow reads",
					    t);
			ifc.tsresol = t;
		} else if (code == OPT_IF_TSOFFSET && olen == 8) {
			ifc.tsoffset = (int64_t)get64(&v, r->le);
		}
	}
	if (r->n_ifs == r->cap_ifs) {
		size_t cap = r->cap_ifs ? 2 * r->cap_ifs : 4;
		struct pcapng_if *v = realloc(r->ifs, cap * sizeof *v);
		if (!v)
			return fail(err, errlen, at, "out of memory");
		r->ifs = v;
		r->cap_ifs = cap;
	}
	r->ifs[r->n_ifs++] = ifc;
	return 0;
}

/* The file-wide index of a section's interface, or -1 with err. */
static int find_iface(struct pcapng *r, uint32_t id, uint64_t at,
		      size_t *index, char *err, size_t errlen)
{
	size_t in_section = r->n_ifs - r->section_first;

	if (id >= in_section)
		return fail(err, errlen, at,
			    "packet of interface %u, but the section "
			    "describes %zu",
			    id, in_section);
	*index = r->section_first + id;
	return 0;
}

static int take_data(struct cursor *b, struct pcapng_packet *pkt,
		     uint32_t caplen, uint32_t len, uint64_t at,
		     const char *what, char *err, size_t errlen)
{
	size_t left = cur_left(b);

	pkt->data = cur_take(b, caplen);
	if (!pkt->data)
		return fail(err, errlen, at,
			    "%s: captured length %u overruns its block (%zu "
			    "bytes left)",
			    what, caplen, left);
	pkt->caplen = caplen;
	pkt->len = len < caplen ? caplen : len;
	return 0;
}

/* Enhanced Packet Block, or the obsolete Packet Block (narrow fields). */
static int read_epb(struct pcapng *r, struct cursor *b, bool obsolete,
		    uint64_t at, struct pcapng_packet *pkt, char *err,
		    size_t errlen)
{
	const char *what = obsolete ? "packet block" : "enhanced packet block";
	uint32_t id = obsolete ? get16(b, r->le) : get32(b, r->le);

	if (obsolete)
		cur_skip(b, 2); /* drops count */
	uint64_t ts = (uint64_t)get32(b, r->le) << 32;
	ts |= get32(b, r->le);
	uint32_t caplen = get32(b, r->le), len = get32(b, r->le);
	if (b->bad)
		return fail(err, errlen, at, "%s too short", what);
	if (find_iface(r, id, at, &pkt->iface, err, errlen) < 0)
		return -1;
	ts_convert(&r->ifs[pkt->iface], ts, &pkt->ts_sec, &pkt->ts_usec);
	return take_data(b, pkt, caplen, len, at, what, err, errlen);
}

/* Simple Packet Block: interface 0, no timestamp, length cut to the
 * interface's snapshot length. */
static int read_spb(struct pcapng *r, struct cursor *b, uint64_t at,
		    struct pcapng_packet *pkt, char *err, size_t errlen)
{
	uint32_t len = get32(b, r->le), caplen = len;

	if (b->bad)
		return fail(err, errlen, at, "simple packet block too short");
	if (find_iface(r, 0, at, &pkt->iface, err, errlen) < 0)
		return -1;
	if (r->ifs[pkt->iface].snaplen && r->ifs[pkt->iface].snaplen < caplen)
		caplen = r->ifs[pkt->iface].snaplen;
	pkt->ts_sec = 0;
	pkt->ts_usec = 0;
	return take_data(b, pkt, caplen, len, at, "simple packet block", err,
			 errlen);
}

struct pcapng *pcapng_open(FILE *fp, char *err, size_t errlen)
{
	struct pcapng *r = calloc(1, sizeof *r);
	uint32_t type;
	struct cursor body;
	int rc;

	if (!r) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	r->fp = fp;
	rc = read_block(r, &type, &body, err, errlen);
	if (rc == 0)
		snprintf(err, errlen, "empty file");
	else if (rc > 0 && read_shb(r, &body, 0, err, errlen) < 0)
		rc = -1;
	if (rc <= 0) {
		pcapng_close(r);
		return NULL;
	}
	return r;
}

int pcapng_next(struct pcapng *r, struct pcapng_packet *pkt, char *err,
		size_t errlen)
{
	for (;;) {
		uint64_t at = r->offset;
		uint32_t type;
		struct cursor b;
		int rc = read_block(r, &type, &b, err, errlen);

		if (rc <= 0)
			return rc;
		switch (type) {
		case BLOCK_SHB:
			rc = read_shb(r, &b, at, err, errlen);
			break;
		case BLOCK_IDB:
			rc = read_idb(r, &b, at, err, errlen);
			break;
		case BLOCK_EPB:
		case BLOCK_OPB:
			rc = read_epb(r, &b, type == BLOCK_OPB, at, pkt, err,
				      errlen);
			return rc < 0 ? -1 : 1;
		case BLOCK_SPB:
			rc = read_spb(r, &b, at, pkt, err, errlen);
			return rc < 0 ? -1 : 1;
		default: /* statistics, name resolution, custom ... */
			r->skipped++;
			break;
		}
		if (rc < 0)
			return -1;
	}
}

size_t pcapng_n_interfaces(const struct pcapng *r)
{
	return r->n_ifs;
}

const struct pcapng_if *pcapng_interface(const struct pcapng *r, size_t i)
{
	return i < r->n_ifs ? &r->ifs[i] : NULL;
}

uint64_t pcapng_skipped_blocks(const struct pcapng *r)
{
	return r->skipped;
}

void pcapng_close(struct pcapng *r)
{
	if (!r)
		return;
	free(r->ifs);
	free(r->buf);
	free(r);
}
