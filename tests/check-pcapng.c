/* \summary: unit tests of the pcapng reader, on blocks built by hand */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "vcflow/pcapng.h"

#define LINKTYPE_ETHERNET 1
#define LINKTYPE_LINUX_SLL 113

/* A file being built, in one byte order. */
struct file {
	uint8_t b[4096];
	size_t len;
	bool le;
};

static struct file f;
static char err[256];

static void put8(uint8_t v)
{
	ck_assert_uint_lt(f.len, sizeof f.b);
	f.b[f.len++] = v;
}

static void put16(uint16_t v)
{
	if (f.le) {
		put8(v & 0xff);
		put8(v >> 8);
	} else {
		put8(v >> 8);
		put8(v & 0xff);
	}
}

static void put32(uint32_t v)
{
	if (f.le) {
		put16(v & 0xffff);
		put16(v >> 16);
	} else {
		put16(v >> 16);
		put16(v & 0xffff);
	}
}

static void put_bytes(const void *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		put8(((const uint8_t *)p)[i]);
	while (f.len % 4)
		put8(0);
}

/* Starts a block; end_block() fills in both its lengths. */
static size_t begin_block(uint32_t type)
{
	size_t at = f.len;

	put32(type);
	put32(0);
	return at;
}

static void end_block(size_t at)
{
	uint32_t len = (uint32_t)(f.len - at + 4);
	size_t save = f.len;

	f.len = at + 4;
	put32(len);
	f.len = save;
	put32(len);
}

static void shb(bool le)
{
	f.le = le;
	size_t at = begin_block(0x0A0D0D0A);
	put32(0x1A2B3C4D);
	put16(1);
	put16(0);
	put32(0xffffffff); /* section length not given */
	put32(0xffffffff);
	end_block(at);
}

/* An interface; tsresol < 0 leaves the option out. */
static void idb(uint16_t link, int tsresol)
{
	size_t at = begin_block(1);
	put16(link);
	put16(0);
	put32(65535);
	if (tsresol >= 0) {
		put16(9);
		put16(1);
		uint8_t r = (uint8_t)tsresol;
		put_bytes(&r, 1);
		put16(0); /* opt_endofopt */
		put16(0);
	}
	end_block(at);
}

static void epb(uint32_t iface, uint64_t ts, const char *data)
{
	size_t n = strlen(data);
	size_t at = begin_block(6);
	put32(iface);
	put32((uint32_t)(ts >> 32));
	put32((uint32_t)ts);
	put32((uint32_t)n);
	put32((uint32_t)n + 10); /* cut by the snapshot length */
	put_bytes(data, n);
	end_block(at);
}

static struct pcapng *open_file(FILE **fp)
{
	*fp = fmemopen(f.b, f.len, "rb");
	ck_assert_ptr_nonnull(*fp);
	return pcapng_open(*fp, err, sizeof err);
}

START_TEST(test_reads_both_byte_orders)
{
	for (int le = 0; le <= 1; le++) {
		struct pcapng_packet p;
		FILE *fp;
		f.len = 0;
		shb(le);
		idb(LINKTYPE_ETHERNET, -1);
		epb(0, 1700000000ULL * 1000000 + 250000, "hello");
		struct pcapng *r = open_file(&fp);
		ck_assert_msg(r, "%s", err);
		ck_assert_int_eq(pcapng_next(r, &p, err, sizeof err), 1);
		ck_assert_uint_eq(p.iface, 0);
		ck_assert_int_eq(pcapng_interface(r, 0)->link_type,
				 LINKTYPE_ETHERNET);
		ck_assert_int_eq(p.ts_sec, 1700000000);
		ck_assert_uint_eq(p.ts_usec, 250000);
		ck_assert_uint_eq(p.caplen, 5);
		ck_assert_uint_eq(p.len, 15);
		ck_assert_mem_eq(p.data, "hello", 5);
		ck_assert_int_eq(pcapng_next(r, &p, err, sizeof err), 0);
		pcapng_close(r);
		fclose(fp);
	}
}
END_TEST

START_TEST(test_truncated_block_names_its_offset)
{
	struct pcapng_packet p;
	FILE *fp;

	f.len = 0;
	shb(true);
	idb(LINKTYPE_ETHERNET, -1);
	size_t epb_at = f.len;
	epb(0, 1, "a packet cut short");
	f.len -= 9;
	struct pcapng *r = open_file(&fp);
	ck_assert_ptr_nonnull(r);
	ck_assert_int_eq(pcapng_next(r, &p, err, sizeof err), -1);
	char want[32];
	snprintf(want, sizeof want, "at byte %zu:", epb_at);
	ck_assert_msg(strstr(err, want) && strstr(err, "truncated"), "%s", err);
	pcapng_close(r);
	fclose(fp);
}
END_TEST

START_TEST(test_block_length_that_lies_is_refused)
{
	struct pcapng_packet p;
	FILE *fp;

	/* The trailing length disagrees with the leading one. */
	f.len = 0;
	shb(false);
	idb(LINKTYPE_ETHERNET, -1);
	epb(0, 1, "abcd");
	f.b[f.len - 1] ^= 0x40;
	struct pcapng *r = open_file(&fp);
	ck_assert_int_eq(pcapng_next(r, &p, err, sizeof err), -1);
	ck_assert_msg(strstr(err, "at its end"), "%s", err);
	pcapng_close(r);
	fclose(fp);

	/* A captured length past the end of its block. */
	f.len = 0;
	shb(false);
	idb(LINKTYPE_ETHERNET, -1);
	size_t at = f.len;
	epb(0, 1, "abcd");
	f.len = at + 20;
	put32(4000);
	f.len = at + 36;
	r = open_file(&fp);
	ck_assert_int_eq(pcapng_next(r, &p, err, sizeof err), -1);
	ck_assert_msg(strstr(err, "overruns"), "%s", err);
	pcapng_close(r);
	fclose(fp);

	/* A length that is not a multiple of 4, and one shorter than a block. */
	for (uint32_t bad = 13; bad >= 8; bad -= 5) {
		f.len = 0;
		shb(true);
		at = f.len;
		epb(0, 1, "abcd");
		f.len = at + 4;
		put32(bad);
		f.len = at + 36;
		r = open_file(&fp);
		ck_assert_int_eq(pcapng_next(r, &p, err, sizeof err), -1);
		ck_assert_msg(strstr(err, "length"), "%s", err);
		pcapng_close(r);
		fclose(fp);
	}
}
END_TEST

START_TEST(test_tsresol_microseconds_and_nanoseconds)
{
	struct pcapng_packet p;
	FILE *fp;

	f.len = 0;
	shb(true);
	idb(LINKTYPE_ETHERNET, 6);
	idb(LINKTYPE_ETHERNET, 9);
	idb(LINKTYPE_ETHERNET, 0x80 | 20); /* 2^-20 s */
	epb(0, 1700000000ULL * 1000000 + 123456, "u");
	epb(1, 1700000000ULL * 1000000000 + 123456789, "n");
	epb(2, (1700000000ULL << 20) | (1 << 19), "b");
	struct pcapng *r = open_file(&fp);
	ck_assert_int_eq(pcapng_next(r, &p, err, sizeof err), 1);
	ck_assert_int_eq(p.ts_sec, 1700000000);
	ck_assert_uint_eq(p.ts_usec, 123456);
	ck_assert_int_eq(pcapng_next(r, &p, err, sizeof err), 1);
	ck_assert_uint_eq(p.iface, 1);
	ck_assert_int_eq(p.ts_sec, 1700000000);
	ck_assert_uint_eq(p.ts_usec, 123456);
	ck_assert_int_eq(pcapng_next(r, &p, err, sizeof err), 1);
	ck_assert_int_eq(p.ts_sec, 1700000000);
	ck_assert_uint_eq(p.ts_usec, 500000);
	pcapng_close(r);
	fclose(fp);
}
END_TEST

START_TEST(test_two_interfaces_keep_their_link_types)
{
	struct pcapng_packet p;
	FILE *fp;

	f.len = 0;
	shb(true);
	idb(LINKTYPE_ETHERNET, -1);
	idb(LINKTYPE_LINUX_SLL, -1);
	epb(1, 2, "cooked");
	epb(0, 3, "ether");
	struct pcapng *r = open_file(&fp);
	ck_assert_int_eq(pcapng_next(r, &p, err, sizeof err), 1);
	ck_assert_uint_eq(p.iface, 1);
	ck_assert_int_eq(pcapng_interface(r, p.iface)->link_type,
			 LINKTYPE_LINUX_SLL);
	ck_assert_int_eq(pcapng_next(r, &p, err, sizeof err), 1);
	ck_assert_uint_eq(p.iface, 0);
	ck_assert_int_eq(pcapng_interface(r, p.iface)->link_type,
			 LINKTYPE_ETHERNET);
	ck_assert_uint_eq(pcapng_n_interfaces(r), 2);
	ck_assert_ptr_null(pcapng_interface(r, 2));
	pcapng_close(r);
	fclose(fp);
}
END_TEST

START_TEST(test_unknown_blocks_skipped_and_sections_numbered_on)
{
	struct pcapng_packet p;
	FILE *fp;

	f.len = 0;
	shb(true);
	idb(LINKTYPE_ETHERNET, -1);
	size_t at = begin_block(5); /* interface statistics */
	put32(0);
	end_block(at);
	at = begin_block(0x40000BAD); /* custom */
	put32(1);
	end_block(at);
	epb(0, 1, "one");
	shb(false); /* a second section, the other byte order */
	idb(LINKTYPE_LINUX_SLL, -1);
	at = begin_block(3); /* simple packet block */
	put32(3);
	put_bytes("two", 3);
	end_block(at);
	struct pcapng *r = open_file(&fp);
	ck_assert_int_eq(pcapng_next(r, &p, err, sizeof err), 1);
	ck_assert_uint_eq(pcapng_skipped_blocks(r), 2);
	ck_assert_int_eq(pcapng_next(r, &p, err, sizeof err), 1);
	ck_assert_uint_eq(p.iface, 1); /* the second section's interface 0 */
	ck_assert_uint_eq(p.caplen, 3);
	ck_assert_mem_eq(p.data, "two", 3);
	ck_assert_int_eq(pcapng_next(r, &p, err, sizeof err), 0);
	pcapng_close(r);
	fclose(fp);
}
END_TEST

START_TEST(test_packet_of_undescribed_interface_is_refused)
{
	struct pcapng_packet p;
	FILE *fp;

	f.len = 0;
	shb(true);
	idb(LINKTYPE_ETHERNET, -1);
	epb(1, 1, "x");
	struct pcapng *r = open_file(&fp);
	ck_assert_int_eq(pcapng_next(r, &p, err, sizeof err), -1);
	ck_assert_msg(strstr(err, "interface 1"), "%s", err);
	pcapng_close(r);
	fclose(fp);
}
END_TEST

START_TEST(test_bad_section_headers)
{
	FILE *fp;

	f.len = 0;
	shb(true);
	f.b[8] = 0x99; /* byte-order magic */
	ck_assert_ptr_null(open_file(&fp));
	ck_assert_msg(strstr(err, "at byte 0:") && strstr(err, "byte-order"),
		      "%s", err);
	fclose(fp);

	f.len = 0;
	shb(true);
	f.b[12] = 2; /* major version */
	ck_assert_ptr_null(open_file(&fp));
	ck_assert_msg(strstr(err, "version 2"), "%s", err);
	fclose(fp);

	f.len = 0;
	shb(true);
	f.len = 10;
	ck_assert_ptr_null(open_file(&fp));
	ck_assert_msg(strstr(err, "truncated"), "%s", err);
	fclose(fp);

	f.len = 0;
	f.le = true;
	idb(LINKTYPE_ETHERNET, -1); /* no section header first */
	ck_assert_ptr_null(open_file(&fp));
	ck_assert_msg(strstr(err, "section header"), "%s", err);
	fclose(fp);
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("pcapng");
	TCase *tc = tcase_create("reader");

	tcase_add_test(tc, test_reads_both_byte_orders);
	tcase_add_test(tc, test_truncated_block_names_its_offset);
	tcase_add_test(tc, test_block_length_that_lies_is_refused);
	tcase_add_test(tc, test_tsresol_microseconds_and_nanoseconds);
	tcase_add_test(tc, test_two_interfaces_keep_their_link_types);
	tcase_add_test(tc, test_unknown_blocks_skipped_and_sections_numbered_on);
	tcase_add_test(tc, test_packet_of_undescribed_interface_is_refused);
	tcase_add_test(tc, test_bad_section_headers);
	suite_add_tcase(s, tc);
	return s;
}
