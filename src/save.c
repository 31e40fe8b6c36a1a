/* \summary: --save-unexpected: the flagged flows' packets, in one pass */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <uthash.h>

#include "vcflow/capture.h"
#include "vcflow/decode.h"
#include "vcflow/outfile.h"
#include "vcflow/save.h"

/* When a flow with this key was flagged; a key may be flagged again
 * after its first flow timed out. */
struct span {
	uint64_t first_us, last_us;
};

struct spans {
	struct span *v;
	size_t n, cap;
};

struct flagged {
	struct flow_key key;
	UT_hash_handle hh;
	struct spans spans;
};

/* A later IP fragment has no ports: it is matched by its addresses. */
struct pair_key {
	struct addr lo, hi;
	uint8_t proto;
	uint8_t pad[3];
};

struct flagged_pair {
	struct pair_key key;
	UT_hash_handle hh;
	struct spans spans;
};

struct saver {
	char *path;		/* the output */
	char *candidate;	/* every frame read, beside it */
	int dlt;
	pcap_t *dead;
	pcap_dumper_t *cand;
	struct flagged *by_key;
	struct flagged_pair *by_pair;
};

static int fail(char *err, size_t errlen, const char *what, const char *why)
{
	snprintf(err, errlen, "%s: %s", what, why);
	return -1;
}

struct saver *saver_open(const char *path, int dlt, int snaplen, char *err,
			 size_t errlen)
{
	struct saver *s = calloc(1, sizeof *s);
	FILE *fp = NULL;

	if (!s || !(s->path = strdup(path))) {
		fail(err, errlen, path, "out of memory");
		free(s);
		return NULL;
	}
	s->dlt = dlt;
	s->dead = pcap_open_dead(dlt, snaplen ? snaplen : 262144);
	/* beside the output, unless that is a device or a pipe */
	s->candidate = outfile_temp(path, "candidate", outfile_in_place(path),
				    &fp);
	if (!s->candidate) {
		fail(err, errlen, path, strerror(errno ? errno : ENOMEM));
		saver_free(s);
		return NULL;
	}
	if (!s->dead || !(s->cand = pcap_dump_fopen(s->dead, fp))) {
		fclose(fp);
		fail(err, errlen, s->candidate, "cannot write a capture file");
		saver_free(s);
		return NULL;
	}
	return s;
}

int saver_frame(struct saver *s, int dlt, const struct pcap_pkthdr *h,
		const uint8_t *data, char *err, size_t errlen)
{
	if (dlt != s->dlt) {
		snprintf(err, errlen,
			 "%s: a frame of link type %s, where the file holds %s: "
			 "it writes one link type",
			 s->path, pcap_datalink_val_to_name(dlt),
			 pcap_datalink_val_to_name(s->dlt));
		return -1;
	}
	pcap_dump((u_char *)s->cand, h, data);
	if (ferror(pcap_dump_file(s->cand)))
		return fail(err, errlen, s->candidate, strerror(errno));
	return 0;
}

static int spans_add(struct spans *sp, uint64_t first, uint64_t last)
{
	if (sp->n == sp->cap) {
		size_t cap = sp->cap ? 2 * sp->cap : 2;
		struct span *v = realloc(sp->v, cap * sizeof *v);
		if (!v)
			return -1;
		sp->v = v;
		sp->cap = cap;
	}
	sp->v[sp->n++] = (struct span){ first, last };
	return 0;
}

static bool spans_hold(const struct spans *sp, uint64_t ts)
{
	for (size_t i = 0; i < sp->n; i++)
		if (ts >= sp->v[i].first_us && ts <= sp->v[i].last_us)
			return true;
	return false;
}

static void pair_of(const struct flow_key *k, struct pair_key *p)
{
	memset(p, 0, sizeof *p);
	p->lo = k->lo_addr;
	p->hi = k->hi_addr;
	p->proto = k->proto;
}

int saver_flag(struct saver *s, const struct flow *f)
{
	struct flagged *e;
	struct flagged_pair *pe;
	struct pair_key pk;

	HASH_FIND(hh, s->by_key, &f->key, sizeof f->key, e);
	if (!e) {
		if (!(e = calloc(1, sizeof *e)))
			return -1;
		e->key = f->key;
		HASH_ADD(hh, s->by_key, key, sizeof e->key, e);
	}
	pair_of(&f->key, &pk);
	HASH_FIND(hh, s->by_pair, &pk, sizeof pk, pe);
	if (!pe) {
		if (!(pe = calloc(1, sizeof *pe)))
			return -1;
		pe->key = pk;
		HASH_ADD(hh, s->by_pair, key, sizeof pe->key, pe);
	}
	if (spans_add(&e->spans, f->first_us, f->last_us) < 0 ||
	    spans_add(&pe->spans, f->first_us, f->last_us) < 0)
		return -1;
	return 0;
}

/* Whether a packet belongs to a flagged flow: by the flow table's own
 * key, or, for a later IP fragment, which has no ports, by its addresses. */
static bool is_flagged(const struct saver *s, const struct packet *pkt,
		       uint64_t ts)
{
	struct flow_key k;

	flow_key_of(pkt, &k);
	if (pkt->fragment && !pkt->first_fragment) {
		struct pair_key pk;
		struct flagged_pair *pe;
		pair_of(&k, &pk);
		HASH_FIND(hh, s->by_pair, &pk, sizeof pk, pe);
		return pe && spans_hold(&pe->spans, ts);
	}
	struct flagged *e;
	HASH_FIND(hh, s->by_key, &k, sizeof k, e);
	return e && spans_hold(&e->spans, ts);
}

/* Flushes and closes a dumper, reporting what stdio could not write. */
static int close_dumper(pcap_dumper_t **d, const char *name, char *err,
			size_t errlen)
{
	FILE *fp = pcap_dump_file(*d);
	int rc = 0;

	if (pcap_dump_flush(*d) != 0 || ferror(fp) ||
	    (fsync(fileno(fp)) != 0 && errno != EINVAL && errno != EROFS))
		rc = fail(err, errlen, name, strerror(errno ? errno : EIO));
	pcap_dump_close(*d);
	*d = NULL;
	return rc;
}

static int copy_flagged(struct saver *s, pcap_dumper_t *out,
			const char *writing, const volatile sig_atomic_t *stop,
			char *err, size_t errlen)
{
	char perr[PCAP_ERRBUF_SIZE];
	pcap_t *in = pcap_open_offline(s->candidate, perr);
	struct pcap_pkthdr *h;
	const u_char *data;
	int rc = PCAP_ERROR_BREAK;
	/* a signal already counted ended the reading; a new one ends this */
	sig_atomic_t signals = stop ? *stop : 0;

	if (!in)
		return fail(err, errlen, s->candidate, perr);
	while (!(stop && *stop != signals) &&
	       (rc = pcap_next_ex(in, &h, &data)) == 1) {
		struct packet pkt;
		if (decode_packet(s->dlt, data, h->caplen, &pkt) != DECODE_OK ||
		    !is_flagged(s, &pkt, capture_ts_us(h)))
			continue;
		pcap_dump((u_char *)out, h, data);
		if (ferror(pcap_dump_file(out))) {
			pcap_close(in);
			return fail(err, errlen, writing, strerror(errno));
		}
	}
	if (rc != PCAP_ERROR_BREAK && rc != 1) {
		fail(err, errlen, s->candidate, pcap_geterr(in));
		pcap_close(in);
		return -1;
	}
	pcap_close(in);
	return 0;
}

int saver_finish(struct saver *s, const volatile sig_atomic_t *stop,
		 char *err, size_t errlen)
{
	struct outfile of;
	pcap_dumper_t *out;

	if (close_dumper(&s->cand, s->candidate, err, errlen) < 0 ||
	    outfile_open(&of, s->path, err, errlen) < 0)
		return -1;
	if (!(out = pcap_dump_fopen(s->dead, of.fp))) {
		outfile_discard(&of);
		return fail(err, errlen, s->path, "cannot write a capture file");
	}
	of.fp = NULL; /* the dumper closes it */
	int rc = copy_flagged(s, out, s->path, stop, err, errlen);
	if (close_dumper(&out, s->path, err, errlen) < 0)
		rc = -1;
	if (rc < 0) {
		outfile_discard(&of);
		return -1;
	}
	return outfile_close(&of, err, errlen);
}

static void spans_free(struct spans *sp)
{
	free(sp->v);
}

void saver_free(struct saver *s)
{
	struct flagged *e, *et;
	struct flagged_pair *p, *pt;

	if (!s)
		return;
	if (s->cand)
		pcap_dump_close(s->cand);
	if (s->candidate)
		unlink(s->candidate);
	HASH_ITER(hh, s->by_key, e, et)
	{
		HASH_DEL(s->by_key, e);
		spans_free(&e->spans);
		free(e);
	}
	HASH_ITER(hh, s->by_pair, p, pt)
	{
		HASH_DEL(s->by_pair, p);
		spans_free(&p->spans);
		free(p);
	}
	if (s->dead)
		pcap_close(s->dead);
	free(s->candidate);
	free(s->path);
	free(s);
}
