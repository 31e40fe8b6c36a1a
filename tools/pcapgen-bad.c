/* \summary: the broken captures of pcaps/bad/, for the reader's error paths */
/* specification: the libpcap file format (24-byte global header, 16-byte
 * record headers, both in the writer's byte order) */
#include <pcap/dlt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "pcapgen.h"

#define GLOBAL_HDR 24
#define RECORD_HDR 16
#define LINKTYPE_OFFSET 20
#define BOGUS_LINKTYPE 9999
#define OVERSIZED_CAPLEN 300000
#define OVERSIZED_TAIL 64

static int write_file(const char *dir, const char *name, const void *d,
		      size_t n)
{
	char path[4096];

	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *fp = fopen(path, "wb");
	if (!fp || fwrite(d, 1, n, fp) != n || fclose(fp) != 0) {
		perror(path);
		return -1;
	}
	return 0;
}

static int read_file(const char *dir, const char *name, struct buf *out)
{
	char path[4096], chunk[4096];
	size_t n;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		perror(path);
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
		buf_put(out, chunk, n);
	fclose(fp);
	return 0;
}

/* A good capture of 4 packets: two SIP OPTIONS and their 200 OK. */
static void good_base(const char *dir, const char *name)
{
	struct cap *c = cap_open(dir, name, DLT_EN10MB, 0xbad0u);
	struct flow *f = flow_new(c, PG_IPPROTO_UDP, ep4("10.200.1.10", 5060),
		ep4("10.200.1.20", 5060), "SIP OPTIONS / 200 OK x2");

	options_ping(c, f, 1, "bad1");
	cap_at(c, 1 * SEC);
	options_ping(c, f, 2, "bad1");
	cap_close(c);
}

/* Offset of the last record header of a capture held in memory. */
static size_t last_record(const struct buf *b)
{
	size_t off = GLOBAL_HDR, last = GLOBAL_HDR;

	while (off + RECORD_HDR <= b->len) {
		uint32_t caplen;
		memcpy(&caplen, b->p + off + 8, 4);
		last = off;
		off += RECORD_HDR + caplen;
	}
	return last;
}

static int derived_from_base(const char *dir)
{
	struct buf base = {0}, o = {0};
	int rc = 0;

	good_base(dir, "truncated-packet.pcap");
	if (read_file(dir, "truncated-packet.pcap", &base))
		return -1;
	size_t last = last_record(&base);
	uint32_t caplen;
	memcpy(&caplen, base.p + last + 8, 4);
	rc |= write_file(dir, "truncated-packet.pcap", base.p,
			 last + RECORD_HDR + caplen / 2);
	rc |= write_file(dir, "truncated-header.pcap", base.p, 12);

	buf_put(&o, base.p, base.len);
	uint32_t lt = BOGUS_LINKTYPE;
	memcpy(o.p + LINKTYPE_OFFSET, &lt, 4);
	rc |= write_file(dir, "bogus-linktype.pcap", o.p, o.len);

	buf_reset(&o);
	buf_put(&o, base.p, base.len);
	uint32_t hdr[4] = {PG_T0_SEC + 2, 0, OVERSIZED_CAPLEN,
			   OVERSIZED_CAPLEN};
	buf_put(&o, hdr, sizeof hdr);
	buf_zero(&o, OVERSIZED_TAIL);
	rc |= write_file(dir, "oversized.pcap", o.p, o.len);
	buf_free(&base);
	buf_free(&o);
	return rc;
}

static void zero_length(const char *dir)
{
	struct cap *c = cap_open(dir, "zero-length.pcap", DLT_EN10MB, 0xbad1u);
	struct flow *f = flow_new(c, PG_IPPROTO_UDP, ep4("10.200.2.10", 5060),
		ep4("10.200.2.20", 5060), "SIP OPTIONS / 200 OK x2");

	cap_keep_order(c);
	options_ping(c, f, 1, "bad2");
	cap_wait(c, 500 * MS);
	cap_blank(c, 0);
	cap_at(c, 1 * SEC);
	options_ping(c, f, 2, "bad2");
	cap_close(c);
}

static void snaplen_short(const char *dir)
{
	struct cap *c = cap_open(dir, "snaplen-short.pcap", DLT_EN10MB,
				 0xbad2u);
	struct flow *f = flow_new(c, PG_IPPROTO_UDP, ep4("10.200.3.10", 5060),
		ep4("10.200.3.20", 5060),
		"SIP OPTIONS / 200 OK x2, each cut to 20 bytes");

	cap_snaplen(c, 20);
	options_ping(c, f, 1, "bad3");
	cap_at(c, 1 * SEC);
	options_ping(c, f, 2, "bad3");
	cap_close(c);
}

static void backwards_time(const char *dir)
{
	static const uint64_t at[4] = {3 * SEC, 1 * SEC, 2 * SEC, 0};
	struct cap *c = cap_open(dir, "backwards-time.pcap", DLT_EN10MB,
				 0xbad3u);
	struct flow *f = flow_new(c, PG_IPPROTO_UDP, ep4("10.200.4.10", 5060),
		ep4("10.200.4.20", 5060),
		"SIP OPTIONS / 200 OK x2 at 3 s, 1 s, 2 s, 0 s");
	struct buf m = {0};

	cap_keep_order(c);
	for (unsigned i = 0; i < 4; i++) {
		cap_at(c, at[i]);
		unsigned cseq = 1 + i / 2;
		if (i % 2 == 0)
			sip_options(&m, f->a, f->b, "UDP", cseq, "bad4");
		else
			sip_options_ok(&m, f->a, f->b, "UDP", cseq, "bad4");
		sip_send(c, f, (int)(i % 2), &m);
	}
	buf_free(&m);
	cap_close(c);
}

int write_bad_captures(const char *dir)
{
	static const char text[] =
		"This is not a capture file.\n"
		"It is plain text with a .pcap name, for the reader to "
		"refuse.\n";
	char bad[4000];

	snprintf(bad, sizeof bad, "%s/bad", dir);
	mkdir(bad, 0755);
	if (derived_from_base(bad))
		return -1;
	zero_length(bad);
	snaplen_short(bad);
	backwards_time(bad);
	return write_file(bad, "not-a-capture.pcap", text, sizeof text - 1);
}
