/* \summary: small blocks of a few sizes, carved from larger chunks */
#ifndef VCFLOW_SLAB_H
#define VCFLOW_SLAB_H

#include <stddef.h>

/*
 * Per-flow blocks (flows, recognisers' states, inspections) are many and
 * small: malloc would add a 16-byte header and round each up to 16.  Here
 * a block of n bytes takes n rounded up to 8, from chunks of 64 KiB, with
 * one free list a size.  Blocks larger than SLAB_MAX go to malloc.  Freed
 * blocks are kept for reuse, not returned to the system.  Each thread
 * has its own chunks: a block is freed by the thread that took it.
 */
#define SLAB_MAX 512

/* Zeroed; NULL when memory runs out. */
void *slab_alloc(size_t n);
/* `n` as given to slab_alloc; p may be NULL. */
void slab_free(void *p, size_t n);
/* Returns the calling thread's chunks to the system, as a thread ends:
 * every block it took must be freed already. */
void slab_release(void);

#endif
