/* \summary: SSH over TCP: the identification string */
/*
 * specification: RFC 4253 section 4.2 (protocol version exchange) and
 * section 5.1 (compatibility: "SSH-1.99-").
 *
 * Both sides send "SSH-protoversion-softwareversion SP comments CR LF",
 * at most 255 bytes; protoversion is "2.0" (or "1.99" from a server that
 * also speaks SSH 1).  softwareversion is printable US-ASCII without
 * spaces.  A server may send other lines first; those do not
 * start with "SSH-".
 */
#include <stdio.h>
#include <string.h>

#include "vcflow/extract.h"
#include "vcflow/proto.h"

enum {
	SSH_BUDGET = 3,
	SSH_LINE_MAX = 255,	    /* CR LF included */
	SSH_PRE_LINES_MAX = 8,	    /* server lines before the banner */
	SSH_KEEP = 1024,
};

#define SSH_PREFIX "SSH-"

static const char *const ssh_versions[] = { "2.0", "1.99" };

#define COUNT(a) (sizeof(a) / sizeof *(a))

struct ssh_state {
	bool started;
	bool from_initiator;
	size_t len;
	uint8_t buf[SSH_KEEP];
};

enum ssh_result {
	SSH_BAD,
	SSH_SHORT, /* the line has not ended yet */
	SSH_GOOD,
};

/* A line up to LF, CR dropped. */
static enum ssh_result ssh_line(struct cursor *c, struct cursor *line)
{
	size_t n = 0, left = cur_left(c);
	struct cursor raw;

	while (n < left && n < SSH_LINE_MAX && cur_peek(c, n) != '\n')
		n++;
	if (n == left)
		return SSH_SHORT;
	if (n == SSH_LINE_MAX)
		return SSH_BAD;
	raw = cur_sub(c, n);
	cur_skip(c, 1); /* LF */
	if (n > 0 && cur_peek(&raw, n - 1) == '\r')
		n--;
	*line = cur_sub(&raw, n);
	return SSH_GOOD;
}

/*
 * softwareversion: printable, no space.  RFC 4253 also forbids the minus
 * sign, but deployed servers use it ("SSH-1.99-Cisco-1.25").
 */
static bool ssh_software_char(uint8_t b)
{
	return b > ' ' && b < 0x7f;
}

/* "SSH-" version "-" software [SP comments]; reports the software. */
static bool ssh_banner(struct cursor line, struct proto_report *rep)
{
	const char *version = NULL;
	size_t n = 0;

	cur_skip(&line, strlen(SSH_PREFIX));
	for (size_t i = 0; i < COUNT(ssh_versions); i++) {
		struct cursor v = line;
		size_t k = strlen(ssh_versions[i]);

		if (cur_starts_with(v, ssh_versions[i]) && cur_peek(&v, k) == '-') {
			version = ssh_versions[i];
			cur_skip(&line, k + 1);
			break;
		}
	}
	if (!version)
		return false;
	while (n < cur_left(&line) && ssh_software_char(cur_peek(&line, n)))
		n++;
	if (n == 0 || (n < cur_left(&line) && cur_peek(&line, n) != ' '))
		return false;
	proto_copy_text(rep->product, sizeof rep->product, cur_take(&line, n),
			n);
	snprintf(rep->detail, sizeof rep->detail, "SSH-%.4s %.80s", version,
		 rep->product);
	return true;
}

/*
 * The banner, after at most a few other lines from a server.  A line that
 * has not ended only counts when what came so far is consistent.
 */
static enum proto_verdict ssh_judge(const struct ssh_state *st,
				    struct proto_report *rep)
{
	struct cursor c = cur_make(st->buf, st->len), line;
	size_t other_lines = 0;

	for (;;) {
		enum ssh_result r = ssh_line(&c, &line);

		if (r == SSH_BAD)
			return PROTO_NO;
		if (r == SSH_SHORT) {
			size_t k = cur_left(&c) < strlen(SSH_PREFIX)
					   ? cur_left(&c)
					   : strlen(SSH_PREFIX);
			const uint8_t *p = cur_take(&c, k);

			if (st->from_initiator && p &&
			    memcmp(p, SSH_PREFIX, k) != 0)
				return PROTO_NO;
			return st->len < sizeof st->buf ? PROTO_MORE : PROTO_NO;
		}
		if (cur_starts_with(line, SSH_PREFIX))
			return ssh_banner(line, rep) ? PROTO_YES : PROTO_NO;
		/* Only a server may send other lines first (RFC 4253 4.2). */
		if (st->from_initiator || ++other_lines > SSH_PRE_LINES_MAX)
			return PROTO_NO;
		while (cur_left(&line) > 0) {
			uint8_t b = cur_u8(&line);

			if ((b < ' ' && b != '\t') || b == 0x7f)
				return PROTO_NO;
		}
	}
}

static enum proto_verdict ssh_search(void *state, const struct proto_pkt *pkt,
				     struct proto_report *rep,
				     const struct proto_sink *sink)
{
	struct ssh_state *st = state;
	size_t room, n;

	if (pkt->transport != PROTO_TCP)
		return PROTO_NO;
	if (pkt->len == 0)
		return PROTO_MORE;
	if (!st->started) {
		st->started = true;
		st->from_initiator = pkt->from_initiator;
	}
	if (pkt->from_initiator != st->from_initiator) {
		/* The other side's banner may come first when both talk at
		 * once; judge that one instead. */
		st->from_initiator = pkt->from_initiator;
		st->len = 0;
	}
	if (pkt->gap)
		return PROTO_NO;
	room = sizeof st->buf - st->len;
	n = pkt->len < room ? pkt->len : room;
	memcpy(st->buf + st->len, pkt->data, n);
	st->len += n;
	return ssh_judge(st, rep);
}

const struct recogniser proto_ssh = {
	.name = "ssh",
	.app = APP_SSH,
	.transports = PROTO_TCP,
	.budget = SSH_BUDGET,
	.state_size = sizeof(struct ssh_state),
	.search = ssh_search,
};
