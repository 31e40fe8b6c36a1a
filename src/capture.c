/* \summary: capture files and interfaces as one stream of frames */
/*
 * Files are read one after another in the order given, as one capture:
 * the frames of span.pcap1 follow those of span.pcap, and a flow goes on
 * across them.  A file is read plain or, when it starts with gzip's magic
 * bytes, through zlib.  A classic pcap goes to libpcap.  Every pcapng goes
 * to vcflow's own reader (pcapng.c), not only those libpcap refuses: it
 * gives each packet its own interface's link type and time resolution and
 * reads every section, where libpcap wants one link type for the file and
 * stops at a second section; one reader for all pcapng files is one path
 * to test.  The filter is compiled for each file's link type, and in a
 * pcapng for each interface's.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/if_packet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "vcflow/capture.h"
#include "vcflow/decode.h"
#include "vcflow/extract.h"
#include "vcflow/pcapng.h"

/* Live capture leaves libpcap's immediate mode off so that libpcap maps a
 * TPACKET_V3 ring: blocks the kernel packs frames into at their captured
 * length, where immediate mode's TPACKET_V2 gives every frame a slot
 * sized for the largest (64 KiB with offloads on: some 500 frames in
 * 32 MiB, against some 70,000 of a site's mix in V3 blocks).  The kernel
 * hands a block over when it is full or this long after its first frame,
 * so no frame waits longer than this on a quiet link. */
#define LIVE_BLOCK_TIMEOUT_MS 100
#define MAGIC_LEN 4
#define GZIP_MAGIC0 0x1f
#define GZIP_MAGIC1 0x8b
#define GZ_BUFFER (128 * 1024)
#define DEFAULT_SNAPLEN 262144
/* pcapng files carry LINKTYPE_ values; libpcap's DLT_ differ for these. */
#define LINKTYPE_RAW 101
#define LINKTYPE_LOOP 108

#define SUPPORTED_LINKS "Ethernet, Linux cooked, raw IP, BSD loopback"

/* A gzip-compressed (or, from a pipe, possibly plain: zlib passes plain
 * bytes through) stream whose first bytes were read to tell its format;
 * they are given back first. */
struct gz_stream {
	gzFile gz;
	uint8_t head[MAGIC_LEN];
	size_t n_head, pos;
	bool interrupted; /* a signal broke a blocking read (a pipe, stdin) */
};

/*
 * A pipe or standard input, gzip or not: zlib's own reader waits for a
 * whole buffer before it hands anything on, which stalls a capture piped
 * in as it is made (tcpdump -w - | vcflow -r -).  This one hands on what
 * each read(2) brings, inflating with zlib when the stream is gzip.
 */
struct pipe_stream {
	int fd;
	uint8_t head[MAGIC_LEN]; /* read to tell gzip from plain */
	size_t n_head, pos;	 /* pos: head bytes given to zlib */
	uint8_t first[MAGIC_LEN]; /* the stream's first bytes, handed on first */
	size_t n_first, first_pos;
	bool gzip;
	bool interrupted; /* a signal broke a blocking read */
	bool failed;	  /* a read error or corrupt gzip data */
	z_stream z;
	uint8_t in[GZ_BUFFER];
};

/* A pcapng interface as the capture uses it. */
struct ng_iface {
	int dlt;
	bool has_prog;
	struct bpf_program prog;
};

/* The file being read. */
struct input {
	const char *name;
	bool open;
	FILE *fp;
	struct gz_stream *gz; /* NULL when read plain */
	struct pipe_stream *pipe; /* a pipe or stdin */
	pcap_t *pcap;	      /* a classic pcap, read by libpcap */
	struct pcapng *ng;    /* a pcapng, read by pcapng.c */
	struct ng_iface *ifs;
	size_t n_ifs;
	bool pending; /* ng: a packet read ahead at open */
	int pending_rc;
	struct pcapng_packet pend;
	struct pcap_pkthdr hdr;
};

struct capture {
	const struct capture_opts *opt;
	pcap_t *live;
	/* --fanout: every socket of the group, live first; else live alone */
	pcap_t **sockets;
	unsigned n_sockets;
	pcap_t *writer_handle; /* files: link type and snaplen for dumps */
	int link_type;
	char **paths;
	uint64_t *sizes;
	size_t n_paths, cap_paths, next;
	bool sizes_known;
	uint64_t done_bytes, total_bytes;
	struct input in;
};

/* ---- naming the files ---- */

/* Names in order with runs of digits compared as numbers, so span.pcap2
 * comes before span.pcap10 as tcpdump -C numbers them. */
static int natural_cmp(const char *a, const char *b)
{
	while (*a && *b) {
		if (*a >= '0' && *a <= '9' && *b >= '0' && *b <= '9') {
			const char *da = a, *db = b;
			while (*da == '0')
				da++;
			while (*db == '0')
				db++;
			size_t la = 0, lb = 0;
			while (da[la] >= '0' && da[la] <= '9')
				la++;
			while (db[lb] >= '0' && db[lb] <= '9')
				lb++;
			if (la != lb)
				return la < lb ? -1 : 1;
			int c = memcmp(da, db, la);
			if (c)
				return c;
			a = da + la;
			b = db + lb;
			continue;
		}
		if (*a != *b)
			return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
		a++;
		b++;
	}
	return *a ? 1 : *b ? -1 : 0;
}

static int cmp_names(const void *x, const void *y)
{
	const char *a = *(char *const *)x, *b = *(char *const *)y;
	int c = natural_cmp(a, b);

	return c ? c : strcmp(a, b);
}

static int add_path(struct capture *c, const char *path, const struct stat *st,
		    char *err, size_t errlen)
{
	if (c->n_paths == c->cap_paths) {
		size_t cap = c->cap_paths ? 2 * c->cap_paths : 16;
		char **p = realloc(c->paths, cap * sizeof *p);
		uint64_t *s = p ? realloc(c->sizes, cap * sizeof *s) : NULL;
		if (p)
			c->paths = p;
		if (!p || !s) {
			snprintf(err, errlen, "%s: out of memory", path);
			return -1;
		}
		c->sizes = s;
		c->cap_paths = cap;
	}
	c->paths[c->n_paths] = strdup(path);
	if (!c->paths[c->n_paths]) {
		snprintf(err, errlen, "%s: out of memory", path);
		return -1;
	}
	if (st && S_ISREG(st->st_mode))
		c->sizes[c->n_paths] = (uint64_t)st->st_size;
	else
		c->sizes_known = false;
	c->total_bytes += st && S_ISREG(st->st_mode) ? (uint64_t)st->st_size : 0;
	c->n_paths++;
	return 0;
}

/* A folder's regular files in name order.  What is not a regular file is
 * named on stderr, not passed over in silence. */
static int add_folder(struct capture *c, const char *dir, char *err,
		      size_t errlen)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0;
	int rc = 0;

	if (!d) {
		snprintf(err, errlen, "%s: %s", dir, strerror(errno));
		return -1;
	}
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 32;
			char **v = realloc(names, cap * sizeof *v);
			if (!v) {
				rc = -1;
				break;
			}
			names = v;
		}
		if (!(names[n] = strdup(e->d_name))) {
			rc = -1;
			break;
		}
		n++;
	}
	closedir(d);
	if (rc < 0)
		snprintf(err, errlen, "%s: out of memory", dir);
	if (rc == 0 && n == 0) {
		snprintf(err, errlen, "%s: an empty folder, no capture to read",
			 dir);
		rc = -1;
	}
	if (rc == 0)
		qsort(names, n, sizeof *names, cmp_names);
	for (size_t i = 0; i < n && rc == 0; i++) {
		char path[PATH_MAX];
		struct stat st;
		size_t dl = strlen(dir);
		snprintf(path, sizeof path, "%s%s%s", dir,
			 dl && dir[dl - 1] == '/' ? "" : "/", names[i]);
		if (stat(path, &st) < 0) {
			snprintf(err, errlen, "%s: %s", path, strerror(errno));
			rc = -1;
		} else if (!S_ISREG(st.st_mode)) {
			fprintf(stderr, "vcflow: %s: not a regular file, not "
					"read\n",
				path);
		} else {
			rc = add_path(c, path, &st, err, errlen);
		}
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}

static int list_files(struct capture *c, char *err, size_t errlen)
{
	const struct capture_opts *o = c->opt;

	c->sizes_known = true;
	for (size_t i = 0; i < o->n_files; i++) {
		const char *f = o->files[i];
		struct stat st;
		int rc;

		if (!strcmp(f, "-"))
			rc = add_path(c, f, NULL, err, errlen);
		else if (stat(f, &st) < 0) {
			snprintf(err, errlen, "%s: %s", f, strerror(errno));
			rc = -1;
		} else if (S_ISDIR(st.st_mode))
			rc = add_folder(c, f, err, errlen);
		else
			rc = add_path(c, f, &st, err, errlen);
		if (rc < 0)
			return -1;
	}
	return 0;
}

/* ---- reading one file ---- */

static ssize_t gz_cookie_read(void *cookie, char *buf, size_t n)
{
	struct gz_stream *s = cookie;
	size_t done = 0;

	while (s->pos < s->n_head && done < n)
		buf[done++] = (char)s->head[s->pos++];
	if (done == n)
		return (ssize_t)done;
	size_t want = n - done > INT_MAX ? INT_MAX : n - done;
	errno = 0;
	int k = gzread(s->gz, buf + done, (unsigned)want);
	if (k < 0) {
		int errnum;
		s->interrupted = errno == EINTR &&
				 (gzerror(s->gz, &errnum), errnum == Z_ERRNO);
		if (done)
			return (ssize_t)done;
		errno = s->interrupted ? EINTR : EIO;
		return -1;
	}
	return (ssize_t)(done + (size_t)k);
}

static int gz_cookie_close(void *cookie)
{
	struct gz_stream *s = cookie;
	int rc = gzclose_r(s->gz);

	free(s);
	return rc == Z_OK ? 0 : -1;
}

/* zlib's message without the "<fd:N>: " it puts first. */
static const char *gz_message(gzFile gz, int *errnum)
{
	const char *msg = gzerror(gz, errnum);
	const char *colon = msg && !strncmp(msg, "<fd:", 4) ? strstr(msg, ": ")
							   : NULL;

	return colon ? colon + 2 : msg;
}

/* What zlib says went wrong, or NULL. */
static const char *gz_problem(const struct input *in)
{
	int errnum = Z_OK;
	const char *msg;

	if (!in->gz)
		return NULL;
	msg = gz_message(in->gz->gz, &errnum);
	return errnum != Z_OK && msg && *msg ? msg : NULL;
}

/* One read(2): what the pipe has, 0 at its end, -1 on an error. */
static ssize_t pipe_read_raw(struct pipe_stream *s, uint8_t *buf, size_t n)
{
	ssize_t k = read(s->fd, buf, n);

	if (k < 0) {
		s->interrupted = errno == EINTR;
		s->failed = !s->interrupted;
	}
	return k;
}

static ssize_t pipe_inflate(struct pipe_stream *s, char *buf, size_t n)
{
	s->z.next_out = (Bytef *)buf;
	s->z.avail_out = (uInt)(n > UINT_MAX ? UINT_MAX : n);
	while (s->z.avail_out == (uInt)n || s->z.next_out == (Bytef *)buf) {
		if (s->z.avail_in == 0) {
			ssize_t k;
			if (s->pos < s->n_head) {
				memcpy(s->in, s->head, s->n_head);
				k = (ssize_t)s->n_head;
				s->pos = s->n_head;
			} else {
				k = pipe_read_raw(s, s->in, sizeof s->in);
			}
			if (k < 0)
				return -1;
			if (k == 0)
				break; /* the end; a cut stream shows as a short file */
			s->z.next_in = s->in;
			s->z.avail_in = (uInt)k;
		}
		int rc = inflate(&s->z, Z_NO_FLUSH);
		if (rc == Z_STREAM_END) {
			inflateReset(&s->z); /* gzip members one after another */
		} else if (rc != Z_OK && rc != Z_BUF_ERROR) {
			s->failed = true;
			errno = EIO;
			return -1;
		}
		if (s->z.next_out != (Bytef *)buf)
			break;
	}
	return (ssize_t)((char *)s->z.next_out - buf);
}

static ssize_t pipe_cookie_read(void *cookie, char *buf, size_t n)
{
	struct pipe_stream *s = cookie;
	size_t done = 0;

	while (s->first_pos < s->n_first && done < n)
		buf[done++] = (char)s->first[s->first_pos++];
	if (done)
		return (ssize_t)done;
	if (s->gzip)
		return pipe_inflate(s, buf, n);
	return pipe_read_raw(s, (uint8_t *)buf, n);
}

static int pipe_cookie_close(void *cookie)
{
	struct pipe_stream *s = cookie;
	int rc = close(s->fd);

	if (s->gzip)
		inflateEnd(&s->z);
	free(s);
	return rc;
}

/* Takes fd, a pipe: reads the first bytes to tell gzip from plain, and on
 * success *fp reads the whole stream, gunzipped. */
static int open_pipe(struct input *in, int fd, uint8_t head[MAGIC_LEN],
		     size_t *n_head, char *err, size_t errlen)
{
	static const cookie_io_functions_t io = { .read = pipe_cookie_read,
						  .close = pipe_cookie_close };
	struct pipe_stream *s = calloc(1, sizeof *s);
	ssize_t k = 0;

	if (!s) {
		snprintf(err, errlen, "%s: out of memory", in->name);
		close(fd);
		return -1;
	}
	s->fd = fd;
	while (s->n_head < MAGIC_LEN &&
	       (k = pipe_read_raw(s, s->head + s->n_head,
				  MAGIC_LEN - s->n_head)) > 0)
		s->n_head += (size_t)k;
	s->gzip = s->n_head >= 2 && s->head[0] == GZIP_MAGIC0 &&
		  s->head[1] == GZIP_MAGIC1;
	/* 16 + MAX_WBITS: zlib reads the gzip header and trailer itself */
	if (k < 0 || (s->gzip && inflateInit2(&s->z, 16 + MAX_WBITS) != Z_OK) ||
	    !(in->fp = fopencookie(s, "rb", io))) {
		snprintf(err, errlen, "%s: %s", in->name,
			 k < 0 ? strerror(errno) : "out of memory");
		if (s->gzip && k >= 0)
			inflateEnd(&s->z);
		close(fd);
		free(s);
		return -1;
	}
	in->pipe = s;
	if (!s->gzip) {
		memcpy(s->first, s->head, s->n_head);
		s->n_first = s->n_head;
		s->pos = s->n_head;
	}
	while (s->gzip && s->n_first < MAGIC_LEN) {
		ssize_t got = pipe_inflate(s, (char *)s->first + s->n_first,
					   MAGIC_LEN - s->n_first);
		if (got <= 0)
			break;
		s->n_first += (size_t)got;
	}
	memcpy(head, s->first, s->n_first);
	*n_head = s->n_first;
	return 0;
}

/* Takes fd; on success *fp reads the whole stream, gunzipped. */
static int open_gz(struct input *in, int fd, uint8_t head[MAGIC_LEN],
		   size_t *n_head, char *err, size_t errlen)
{
	static const cookie_io_functions_t io = { .read = gz_cookie_read,
						  .close = gz_cookie_close };
	struct gz_stream *s = calloc(1, sizeof *s);

	if (!s || !(s->gz = gzdopen(fd, "rb"))) {
		snprintf(err, errlen, "%s: out of memory", in->name);
		free(s);
		close(fd);
		return -1;
	}
	gzbuffer(s->gz, GZ_BUFFER);
	int k = gzread(s->gz, s->head, MAGIC_LEN);
	if (k < 0) {
		int errnum;
		snprintf(err, errlen, "%s: gzip: %s", in->name,
			 gz_message(s->gz, &errnum));
		gzclose_r(s->gz);
		free(s);
		return -1;
	}
	s->n_head = (size_t)k;
	memcpy(head, s->head, s->n_head);
	*n_head = s->n_head;
	in->fp = fopencookie(s, "rb", io);
	if (!in->fp) {
		snprintf(err, errlen, "%s: %s", in->name, strerror(errno));
		gzclose_r(s->gz);
		free(s);
		return -1;
	}
	in->gz = s;
	return 0;
}

static int dlt_of_linktype(int lt)
{
	switch (lt) {
	case LINKTYPE_RAW:
		return DLT_RAW;
	case LINKTYPE_LOOP:
		return DLT_LOOP;
	default:
		return lt;
	}
}

static const char *link_name(int dlt)
{
	const char *n = pcap_datalink_val_to_name(dlt);

	return n ? n : "unknown";
}

static int install_filter(pcap_t *p, const char *name, const char *filter,
			  char *err, size_t errlen)
{
	struct bpf_program prog;

	if (!filter)
		return 0;
	if (pcap_compile(p, &prog, filter, 1, PCAP_NETMASK_UNKNOWN) < 0) {
		snprintf(err, errlen, "%s: filter '%s': %s", name, filter,
			 pcap_geterr(p));
		return -1;
	}
	int rc = pcap_setfilter(p, &prog);
	pcap_freecode(&prog);
	if (rc < 0) {
		snprintf(err, errlen, "%s: filter '%s': %s", name, filter,
			 pcap_geterr(p));
		return -1;
	}
	return 0;
}

/* Interfaces the pcapng reader has met since the last call: each must be
 * a link type vcflow decodes, and gets the filter compiled for it. */
static int take_interfaces(struct capture *c, struct input *in, char *err,
			   size_t errlen)
{
	size_t n = pcapng_n_interfaces(in->ng);

	if (n == in->n_ifs)
		return 0;
	struct ng_iface *v = realloc(in->ifs, n * sizeof *v);
	if (!v) {
		snprintf(err, errlen, "%s: out of memory", in->name);
		return -1;
	}
	in->ifs = v;
	for (; in->n_ifs < n; in->n_ifs++) {
		const struct pcapng_if *pi = pcapng_interface(in->ng, in->n_ifs);
		struct ng_iface *ni = &in->ifs[in->n_ifs];
		memset(ni, 0, sizeof *ni);
		ni->dlt = dlt_of_linktype(pi->link_type);
		if (!decode_link_supported(ni->dlt)) {
			snprintf(err, errlen,
				 "%s: interface %zu has link type %d (%s), "
				 "which vcflow does not decode ("
				 SUPPORTED_LINKS ")",
				 in->name, in->n_ifs, pi->link_type,
				 link_name(ni->dlt));
			return -1;
		}
		if (!c->opt->filter)
			continue;
		pcap_t *dead = pcap_open_dead(
			ni->dlt, pi->snaplen ? (int)pi->snaplen : DEFAULT_SNAPLEN);
		if (!dead) {
			snprintf(err, errlen, "%s: out of memory", in->name);
			return -1;
		}
		if (pcap_compile(dead, &ni->prog, c->opt->filter, 1,
				 PCAP_NETMASK_UNKNOWN) < 0) {
			snprintf(err, errlen,
				 "%s: filter '%s' for interface %zu (%s): %s",
				 in->name, c->opt->filter, in->n_ifs,
				 link_name(ni->dlt), pcap_geterr(dead));
			pcap_close(dead);
			return -1;
		}
		pcap_close(dead);
		ni->has_prog = true;
	}
	return 0;
}

static void close_input(struct input *in)
{
	if (!in->open)
		return;
	if (in->pcap)
		pcap_close(in->pcap); /* closes fp too */
	else if (in->fp)
		fclose(in->fp);
	pcapng_close(in->ng);
	for (size_t i = 0; i < in->n_ifs; i++)
		if (in->ifs[i].has_prog)
			pcap_freecode(&in->ifs[i].prog);
	free(in->ifs);
	memset(in, 0, sizeof *in);
}

static bool is_pcap_magic(uint32_t m)
{
	return m == 0xa1b2c3d4U || m == 0xd4c3b2a1U || /* microseconds */
	       m == 0xa1b23c4dU || m == 0x4d3cb2a1U;   /* nanoseconds */
}

/* Opens a file, tells its format by its first bytes and reads its header
 * (for a pcapng, up to its first packet). */
static int open_input(struct capture *c, struct input *in, const char *name,
		      char *err, size_t errlen)
{
	uint8_t head[MAGIC_LEN];
	size_t n_head = 0;
	struct stat st;
	int fd;

	memset(in, 0, sizeof *in);
	in->name = name;
	fd = strcmp(name, "-") ? open(name, O_RDONLY | O_CLOEXEC)
			       : dup(STDIN_FILENO);
	if (fd < 0 || fstat(fd, &st) < 0) {
		snprintf(err, errlen, "%s: %s", name, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	in->open = true;
	/* Standard input is read as a stream even when it is a file: its
	 * position need not be the file's start. */
	bool seekable = S_ISREG(st.st_mode) && strcmp(name, "-");
	if (seekable) {
		ssize_t k = pread(fd, head, MAGIC_LEN, 0);
		if (k < 0) {
			snprintf(err, errlen, "%s: %s", name, strerror(errno));
			close(fd);
			in->open = false;
			return -1;
		}
		n_head = (size_t)k;
	}
	if (!seekable) {
		if (open_pipe(in, fd, head, &n_head, err, errlen) < 0) {
			in->open = false;
			return -1;
		}
	} else if (n_head >= 2 && head[0] == GZIP_MAGIC0 &&
		   head[1] == GZIP_MAGIC1) {
		if (open_gz(in, fd, head, &n_head, err, errlen) < 0) {
			in->open = false;
			return -1;
		}
	} else if (!(in->fp = fdopen(fd, "rb"))) {
		snprintf(err, errlen, "%s: %s", name, strerror(errno));
		close(fd);
		in->open = false;
		return -1;
	}
	const char *how = (in->gz && gzdirect(in->gz->gz) == 0) ||
					  (in->pipe && in->pipe->gzip)
				  ? " once gunzipped"
				  : "";
	if (n_head < MAGIC_LEN) {
		snprintf(err, errlen, "%s: %s%s, not a capture", name,
			 n_head ? "too short" : "empty", how);
		close_input(in);
		return -1;
	}
	struct cursor cur = cur_make(head, MAGIC_LEN);
	uint32_t magic = cur_be32(&cur);
	char ebuf[PCAP_ERRBUF_SIZE] = "";
	if (magic == PCAPNG_MAGIC) {
		char why[256];
		in->ng = pcapng_open(in->fp, why, sizeof why);
		if (!in->ng) {
			snprintf(err, errlen, "%s: pcapng: %s", name, why);
			close_input(in);
			return -1;
		}
		in->pending_rc = pcapng_next(in->ng, &in->pend, why, sizeof why);
		in->pending = true;
		if (in->pending_rc < 0) {
			snprintf(err, errlen, "%s: pcapng: %s", name, why);
			close_input(in);
			return -1;
		}
		return take_interfaces(c, in, err, errlen);
	}
	if (!is_pcap_magic(magic)) {
		snprintf(err, errlen,
			 "%s: not a pcap or pcapng capture (it begins "
			 "%02x %02x %02x %02x%s)",
			 name, head[0], head[1], head[2], head[3], how);
		close_input(in);
		return -1;
	}
	in->pcap = pcap_fopen_offline_with_tstamp_precision(
		in->fp, PCAP_TSTAMP_PRECISION_MICRO, ebuf);
	if (!in->pcap) {
		snprintf(err, errlen, "%s: %s", name, ebuf);
		close_input(in);
		return -1;
	}
	int dlt = pcap_datalink(in->pcap);
	if (!decode_link_supported(dlt)) {
		snprintf(err, errlen,
			 "%s: link type %d (%s) is not one vcflow decodes ("
			 SUPPORTED_LINKS ")",
			 name, dlt, link_name(dlt));
		close_input(in);
		return -1;
	}
	if (install_filter(in->pcap, name, c->opt->filter, err, errlen) < 0) {
		close_input(in);
		return -1;
	}
	return 0;
}

/* The link type and snapshot length of an open file's first packet (or
 * first interface). */
static void first_link(const struct input *in, int *dlt, int *snaplen)
{
	*dlt = DLT_EN10MB;
	*snaplen = DEFAULT_SNAPLEN;
	if (in->pcap) {
		*dlt = pcap_datalink(in->pcap);
		*snaplen = pcap_snapshot(in->pcap);
		return;
	}
	size_t i = in->pending_rc > 0 ? in->pend.iface : 0;
	if (i < in->n_ifs) {
		const struct pcapng_if *pi = pcapng_interface(in->ng, i);
		*dlt = in->ifs[i].dlt;
		if (pi->snaplen)
			*snaplen = (int)pi->snaplen;
	}
}

static bool input_interrupted(const struct input *in)
{
	return (in->gz && in->gz->interrupted) ||
	       (in->pipe && in->pipe->interrupted);
}

static enum capture_status read_input(struct capture *c, struct input *in,
				      struct capture_frame *f, char *err,
				      size_t errlen)
{
	if (in->pcap) {
		struct pcap_pkthdr *h;
		const u_char *data;
		int rc = pcap_next_ex(in->pcap, &h, &data);
		if (rc == 1) {
			f->hdr = h;
			f->data = data;
			f->dlt = pcap_datalink(in->pcap);
			return CAPTURE_FRAME;
		}
		if (rc == PCAP_ERROR_BREAK)
			return CAPTURE_END;
		if (input_interrupted(in))
			return CAPTURE_INTERRUPTED;
		const char *gz = gz_problem(in);
		snprintf(err, errlen, "%s: %s%s", in->name, gz ? "gzip: " : "",
			 gz ? gz : pcap_geterr(in->pcap));
		return CAPTURE_ERROR;
	}
	for (;;) {
		struct pcapng_packet *p = &in->pend;
		char why[256];
		int rc = in->pending ? in->pending_rc
				     : pcapng_next(in->ng, p, why, sizeof why);
		in->pending = false;
		if (rc < 0 && input_interrupted(in))
			return CAPTURE_INTERRUPTED;
		if (rc < 0) {
			const char *gz = gz_problem(in);
			snprintf(err, errlen, "%s: pcapng: %s%s%s", in->name,
				 why, gz ? ": gzip: " : "", gz ? gz : "");
			return CAPTURE_ERROR;
		}
		if (take_interfaces(c, in, err, errlen) < 0)
			return CAPTURE_ERROR;
		if (rc == 0)
			return CAPTURE_END;
		in->hdr.ts.tv_sec = (time_t)p->ts_sec;
		in->hdr.ts.tv_usec = (suseconds_t)p->ts_usec;
		in->hdr.caplen = p->caplen;
		in->hdr.len = p->len;
		const struct ng_iface *ni = &in->ifs[p->iface];
		if (ni->has_prog &&
		    !pcap_offline_filter(&ni->prog, &in->hdr, p->data))
			continue;
		f->hdr = &in->hdr;
		f->data = p->data;
		f->dlt = ni->dlt;
		return CAPTURE_FRAME;
	}
}

/* ---- the capture ---- */

static pcap_t *open_live(const struct capture_opts *o, char *err,
			 size_t errlen)
{
	char ebuf[PCAP_ERRBUF_SIZE] = "";
	pcap_t *p = pcap_create(o->iface, ebuf);

	if (!p) {
		snprintf(err, errlen, "%s: %s", o->iface, ebuf);
		return NULL;
	}
	if (o->snaplen)
		pcap_set_snaplen(p, o->snaplen);
	pcap_set_promisc(p, o->promisc);
	pcap_set_immediate_mode(p, 0);
	pcap_set_timeout(p, LIVE_BLOCK_TIMEOUT_MS);
	if (o->buffer_kib)
		pcap_set_buffer_size(p, o->buffer_kib * 1024);
	int rc = pcap_activate(p);
	if (rc >= 0 && pcap_setnonblock(p, 1, ebuf) < 0)
		rc = PCAP_ERROR;
	if (rc < 0) {
		const char *why = pcap_geterr(p);
		if (rc == PCAP_ERROR_NO_SUCH_DEVICE)
			why = "no such interface";
		else if (rc == PCAP_ERROR_PERM_DENIED)
			why = "permission denied (capturing needs root or "
			      "CAP_NET_RAW)";
		snprintf(err, errlen, "%s: %s", o->iface,
			 why && *why ? why : pcap_statustostr(rc));
		pcap_close(p);
		return NULL;
	}
	int dlt = pcap_datalink(p);
	if (!decode_link_supported(dlt)) {
		snprintf(err, errlen,
			 "%s: link type %d (%s) is not one vcflow decodes ("
			 SUPPORTED_LINKS ")",
			 o->iface, dlt, link_name(dlt));
		pcap_close(p);
		return NULL;
	}
	/* A filter's program returns the snapshot length, and the kernel then
	 * copies no more of a frame than that into the ring; without one it
	 * copies whole frames and libpcap cuts them after.  So -s without a
	 * filter gets the empty filter (every frame, cut in the kernel), and
	 * a small -s packs more frames into each block. */
	const char *filter = o->filter ? o->filter : o->snaplen ? "" : NULL;
	if (install_filter(p, o->iface, filter, err, errlen) < 0) {
		pcap_close(p);
		return NULL;
	}
	return p;
}

/*
 * --fanout: n sockets on the interface in one PACKET_FANOUT group, the
 * kernel handing each flow to one of them by a hash of its addresses and
 * ports, the same both ways (PACKET_FANOUT_HASH), IP fragments put back
 * together first (PACKET_FANOUT_FLAG_DEFRAG).  libpcap has no call for it:
 * the option is set on each handle's descriptor, as Suricata and Zeek do.
 */
static int open_fanout(struct capture *c, char *err, size_t errlen)
{
	const struct capture_opts *o = c->opt;
	int group = (int)(getpid() & 0xffff);
	int arg = group | (PACKET_FANOUT_HASH | PACKET_FANOUT_FLAG_DEFRAG) << 16;

	if (!(c->sockets = calloc(o->fanout, sizeof *c->sockets))) {
		snprintf(err, errlen, "%s: out of memory", o->iface);
		return -1;
	}
	for (unsigned i = 0; i < o->fanout; i++) {
		pcap_t *p = i ? open_live(o, err, errlen) : c->live;
		if (!p)
			return -1;
		c->sockets[c->n_sockets++] = p;
		if (setsockopt(pcap_fileno(p), SOL_PACKET, PACKET_FANOUT, &arg,
			       sizeof arg) < 0) {
			snprintf(err, errlen, "%s: --fanout: %s", o->iface,
				 strerror(errno));
			return -1;
		}
	}
	return 0;
}

static int open_files(struct capture *c, char *err, size_t errlen)
{
	int dlt, snaplen;

	if (list_files(c, err, errlen) < 0)
		return -1;
	if (!c->sizes_known)
		c->total_bytes = 0;
	/* Each file but standard input once now, so a file that is not a
	 * capture stops the run before any output; the first stays open. */
	for (size_t i = 1; i < c->n_paths; i++) {
		struct input probe;
		if (!strcmp(c->paths[i], "-"))
			continue;
		if (open_input(c, &probe, c->paths[i], err, errlen) < 0)
			return -1;
		close_input(&probe);
	}
	if (open_input(c, &c->in, c->paths[0], err, errlen) < 0)
		return -1;
	c->next = 1;
	first_link(&c->in, &dlt, &snaplen);
	c->link_type = dlt;
	c->writer_handle = pcap_open_dead(dlt, snaplen);
	if (!c->writer_handle) {
		snprintf(err, errlen, "%s: out of memory", c->paths[0]);
		return -1;
	}
	return 0;
}

struct capture *capture_open(const struct capture_opts *o, char *err,
			     size_t errlen)
{
	struct capture *c = calloc(1, sizeof *c);

	if (!c) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	c->opt = o;
	if (o->iface) {
		c->live = open_live(o, err, errlen);
		if (c->live)
			c->link_type = pcap_datalink(c->live);
		if (c->live && o->fanout > 1 && open_fanout(c, err, errlen) < 0) {
			capture_close(c);
			return NULL;
		}
	}
	if (o->iface ? !c->live : o->n_files == 0 || open_files(c, err, errlen) < 0) {
		if (!o->iface && o->n_files == 0)
			snprintf(err, errlen, "no capture file given");
		capture_close(c);
		return NULL;
	}
	return c;
}

static enum capture_status next_live(struct capture *c, pcap_t *live,
				     struct capture_frame *f, char *err,
				     size_t errlen)
{
	struct pcap_pkthdr *h;
	const u_char *data;
	int rc = pcap_next_ex(live, &h, &data);

	if (rc == 1) {
		f->hdr = h;
		f->data = data;
		f->dlt = c->link_type;
		return CAPTURE_FRAME;
	}
	if (rc == 0)
		return CAPTURE_WAIT;
	if (rc == PCAP_ERROR_BREAK)
		return CAPTURE_END;
	snprintf(err, errlen, "%s: %s", c->opt->iface, pcap_geterr(live));
	return CAPTURE_ERROR;
}

enum capture_status capture_next_at(struct capture *c, unsigned i,
				    struct capture_frame *f, char *err,
				    size_t errlen)
{
	return next_live(c, capture_pcap_at(c, i), f, err, errlen);
}

pcap_t *capture_pcap_at(struct capture *c, unsigned i)
{
	return i < c->n_sockets ? c->sockets[i] : c->live;
}

unsigned capture_sockets(const struct capture *c)
{
	return c->n_sockets ? c->n_sockets : c->live ? 1 : 0;
}

int capture_stats(struct capture *c, struct pcap_stat *sum)
{
	memset(sum, 0, sizeof *sum);
	for (unsigned i = 0; i < capture_sockets(c); i++) {
		struct pcap_stat ps;
		if (pcap_stats(capture_pcap_at(c, i), &ps) < 0)
			return -1;
		sum->ps_recv += ps.ps_recv;
		sum->ps_drop += ps.ps_drop;
		sum->ps_ifdrop += ps.ps_ifdrop;
	}
	return 0;
}

enum capture_status capture_next(struct capture *c, struct capture_frame *f,
				 char *err, size_t errlen)
{
	if (c->live)
		return next_live(c, c->live, f, err, errlen);
	for (;;) {
		if (!c->in.open) {
			if (c->next >= c->n_paths)
				return CAPTURE_END;
			if (open_input(c, &c->in, c->paths[c->next], err,
				       errlen) < 0)
				return CAPTURE_ERROR;
			c->next++;
		}
		enum capture_status s = read_input(c, &c->in, f, err, errlen);
		if (s != CAPTURE_END)
			return s;
		close_input(&c->in);
		if (c->sizes_known)
			c->done_bytes += c->sizes[c->next - 1];
	}
}

pcap_t *capture_pcap(struct capture *c)
{
	return c->live ? c->live : c->writer_handle;
}

int capture_link_type(const struct capture *c)
{
	return c->link_type;
}

const char *capture_name(const struct capture *c)
{
	if (c->live)
		return c->opt->iface;
	if (c->in.open)
		return c->in.name;
	return c->n_paths ? c->paths[c->next ? c->next - 1 : 0] : "";
}

void capture_progress(const struct capture *c, uint64_t *done,
		      uint64_t *total)
{
	*done = 0;
	*total = c->live || !c->sizes_known ? 0 : c->total_bytes;
	if (!*total)
		return;
	*done = c->done_bytes;
	if (c->in.open && c->in.gz) {
		z_off_t at = gzoffset(c->in.gz->gz);
		*done += at > 0 ? (uint64_t)at : 0;
	} else if (c->in.open && c->in.fp) {
		long at = ftell(c->in.fp);
		*done += at > 0 ? (uint64_t)at : 0;
	}
}

void capture_close(struct capture *c)
{
	if (!c)
		return;
	close_input(&c->in);
	for (unsigned i = 1; i < c->n_sockets; i++)
		pcap_close(c->sockets[i]);
	free(c->sockets);
	if (c->live)
		pcap_close(c->live);
	if (c->writer_handle)
		pcap_close(c->writer_handle);
	for (size_t i = 0; i < c->n_paths; i++)
		free(c->paths[i]);
	free(c->paths);
	free(c->sizes);
	free(c);
}

int capture_list_interfaces(FILE *out, char *err, size_t errlen)
{
	char ebuf[PCAP_ERRBUF_SIZE] = "";
	pcap_if_t *all = NULL;
	int n = 0;

	if (pcap_findalldevs(&all, ebuf) < 0) {
		snprintf(err, errlen, "listing interfaces: %s", ebuf);
		return -1;
	}
	for (pcap_if_t *d = all; d; d = d->next)
		fprintf(out, "%d.%s%s%s%s\n", ++n, d->name,
			d->description ? " (" : "",
			d->description ? d->description : "",
			d->description ? ")" : "");
	pcap_freealldevs(all);
	return 0;
}

uint64_t capture_ts_us(const struct pcap_pkthdr *h)
{
	uint64_t sec = h->ts.tv_sec < 0 ? (uint64_t)(uint32_t)h->ts.tv_sec
					: (uint64_t)h->ts.tv_sec;

	return sec * 1000000u + (uint64_t)h->ts.tv_usec;
}
