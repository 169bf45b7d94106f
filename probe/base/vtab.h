/*
 * vtab.h - a hash table from a 128-bit key (two independent 64-bit hashes
 * of a string) to a pointer, for verify's per-domain, per-address and
 * per-IP indexes.  Only the key is kept, so an entry costs 24 bytes plus
 * what the value points at; 128 bits make collisions negligible.
 */
#ifndef MXTRACE_VTAB_H
#define MXTRACE_VTAB_H

#include <stddef.h>
#include <stdint.h>

struct vkey {
	uint64_t	h1, h2;
};

struct vtab_slot {
	struct vkey	 key;
	void		*val;		/* NULL: empty slot */
};

struct vtab {
	struct vtab_slot *slots;	/* owned */
	size_t		  cap, n;	/* cap is a power of two */
};

/* The key of s[0..len). */
struct vkey	 vtab_key(const char *s, size_t len);
/* FNV-1a 64 of s[0..len): the stable hash --shard uses (documented). */
uint64_t	 vtab_fnv1a(const char *s, size_t len);
/* The value stored under key, NULL when none. */
void		*vtab_get(const struct vtab *, struct vkey);
/* Store val (non-NULL) under key, replacing any value. */
void		 vtab_put(struct vtab *, struct vkey, void *val);
/* Call fn on every value (order unspecified). */
void		 vtab_each(const struct vtab *, void (*fn)(void *val, void *arg), void *arg);
/* Free the table (not the values). */
void		 vtab_free(struct vtab *);

#endif
