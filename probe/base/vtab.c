/*
 * vtab.c - open-addressing hash table over 128-bit string keys, grown at
 * half load.  No deletion: verify's indexes only grow during a run.
 *
 * Public: vtab_key, vtab_fnv1a, vtab_get, vtab_put, vtab_each, vtab_free.
 */
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "base/vtab.h"

uint64_t
vtab_fnv1a(const char *s, size_t len)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* A second hash unrelated to FNV: multiply-xorshift over 8-byte words. */
static uint64_t
mix64(const char *s, size_t len)
{
	uint64_t h = 0x9e3779b97f4a7c15ULL ^ len, w;
	size_t i;

	for (i = 0; i < len; i += 8) {
		w = 0;
		memcpy(&w, s + i, len - i < 8 ? len - i : 8);
		h ^= w;
		h *= 0xbf58476d1ce4e5b9ULL;
		h ^= h >> 31;
		h *= 0x94d049bb133111ebULL;
		h ^= h >> 29;
	}
	return h;
}

struct vkey
vtab_key(const char *s, size_t len)
{
	struct vkey k = { vtab_fnv1a(s, len), mix64(s, len) };

	return k;
}

static size_t
find(const struct vtab *t, struct vkey k)
{
	size_t i = (size_t)(k.h2 & (t->cap - 1));

	while (t->slots[i].val != NULL &&
	    (t->slots[i].key.h1 != k.h1 || t->slots[i].key.h2 != k.h2))
		i = (i + 1) & (t->cap - 1);
	return i;
}

void *
vtab_get(const struct vtab *t, struct vkey k)
{
	if (t->cap == 0)
		return NULL;
	return t->slots[find(t, k)].val;
}

static void
grow(struct vtab *t)
{
	struct vtab old = *t;
	size_t i;

	t->cap = old.cap ? old.cap * 2 : 64;
	t->slots = xcalloc(t->cap, sizeof(*t->slots));
	for (i = 0; i < old.cap; i++)
		if (old.slots[i].val != NULL)
			t->slots[find(t, old.slots[i].key)] = old.slots[i];
	free(old.slots);
}

void
vtab_put(struct vtab *t, struct vkey k, void *val)
{
	size_t i;

	if (val == NULL)
		fatalx("%s: NULL value", __func__);
	if ((t->n + 1) * 2 > t->cap)
		grow(t);
	i = find(t, k);
	if (t->slots[i].val == NULL)
		t->n++;
	t->slots[i].key = k;
	t->slots[i].val = val;
}

void
vtab_each(const struct vtab *t, void (*fn)(void *, void *), void *arg)
{
	size_t i;

	for (i = 0; i < t->cap; i++)
		if (t->slots[i].val != NULL)
			fn(t->slots[i].val, arg);
}

void
vtab_free(struct vtab *t)
{
	free(t->slots);
	memset(t, 0, sizeof(*t));
}
