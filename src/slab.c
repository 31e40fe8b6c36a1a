/* \summary: small blocks of a few sizes, carved from larger chunks */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vcflow/slab.h"

#define SLAB_ALIGN 8u
#define SLAB_CLASSES (SLAB_MAX / SLAB_ALIGN)
#define SLAB_CHUNK (64u * 1024)

struct slab_free_block {
	struct slab_free_block *next;
};

struct slab_chunk {
	struct slab_chunk *next;
	size_t used;
	/* blocks follow, from offsetof(struct slab_chunk, data) */
	_Alignas(16) unsigned char data[];
};

/* One chunk is carved at a time, whatever the size; the others are kept
 * on a list so that they stay reachable.  Each thread has its own (the
 * workers' flow tables), so no lock is taken. */
static _Thread_local struct slab_chunk *chunks;
static _Thread_local struct slab_free_block *free_list[SLAB_CLASSES + 1];

static size_t class_of_size(size_t n)
{
	return (n + SLAB_ALIGN - 1) / SLAB_ALIGN;
}

void *slab_alloc(size_t n)
{
	if (n == 0)
		n = 1;
	if (n > SLAB_MAX)
		return calloc(1, n);
	size_t k = class_of_size(n), size = k * SLAB_ALIGN;
	struct slab_free_block *b = free_list[k];

	if (b) {
		free_list[k] = b->next;
		memset(b, 0, size);
		return b;
	}
	if (!chunks || SLAB_CHUNK - chunks->used < size) {
		struct slab_chunk *c = malloc(sizeof *c + SLAB_CHUNK);
		if (!c)
			return NULL;
		c->next = chunks;
		c->used = 0;
		chunks = c;
	}
	void *p = chunks->data + chunks->used;
	chunks->used += size;
	memset(p, 0, size);
	return p;
}

void slab_free(void *p, size_t n)
{
	if (!p)
		return;
	if (n == 0)
		n = 1;
	if (n > SLAB_MAX) {
		free(p);
		return;
	}
	size_t k = class_of_size(n);
	struct slab_free_block *b = p;

	b->next = free_list[k];
	free_list[k] = b;
}

void slab_release(void)
{
	struct slab_chunk *c, *next;

	for (c = chunks; c; c = next) {
		next = c->next;
		free(c);
	}
	chunks = NULL;
	memset(free_list, 0, sizeof free_list);
}
