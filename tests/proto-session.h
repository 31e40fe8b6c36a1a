/* \summary: giving a recogniser packets in unit tests as the classifier does */
#ifndef VCFLOW_TEST_PROTO_SESSION_H
#define VCFLOW_TEST_PROTO_SESSION_H

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "vcflow/proto.h"

/* A recogniser's per-flow state, zeroed, as the classifier hands it over. */
static inline void *state_new(const struct recogniser *r)
{
	void *s = calloc(1, r->state_size ? r->state_size : 1);

	ck_assert_ptr_nonnull(s);
	return s;
}

static inline void state_free(const struct recogniser *r, void *s)
{
	if (r->release)
		r->release(s);
	free(s);
}

/* One flow as a recogniser sees it: its state and what it reported. */
struct proto_session {
	void *state;
	struct proto_report rep;
};

static inline void proto_session_start(struct proto_session *s,
				       const struct recogniser *r)
{
	memset(s, 0, sizeof *s);
	s->state = state_new(r);
}

static inline void proto_session_end(struct proto_session *s,
				     const struct recogniser *r)
{
	state_free(r, s->state);
}

/* One packet, from an exact-size heap copy of its bytes, so that a read
 * past their end is caught (valgrind, AddressSanitizer). */
static inline enum proto_verdict feed_copy(const struct recogniser *r,
					   void *state, struct proto_pkt p,
					   const uint8_t *b, size_t len,
					   struct proto_report *rep,
					   const struct proto_sink *sink)
{
	uint8_t *copy = malloc(len ? len : 1);
	enum proto_verdict v;

	ck_assert_ptr_nonnull(copy);
	if (len)
		memcpy(copy, b, len);
	p.data = copy;
	p.len = len;
	v = r->search(state, &p, rep, sink);
	free(copy);
	return v;
}

#endif
