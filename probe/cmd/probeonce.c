/*
 * probeonce.c - one probe per address in a run of `mxtrace explain
 * --probe`: a folder of bounces names the same few customers again and
 * again (a delay notice, then the bounce, then the bounce of a resend),
 * and each RCPT more at their server is a step towards its rate limit or
 * its blocklist.  Addresses are one under verify's key (verify/dupkey.c:
 * the RCPT path, its ASCII letters folded).
 *
 * Public: probeonce_init, probeonce_free, probeonce_get, probeonce_add.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "cmd/probeonce.h"
#include "input/address.h"
#include "verify/dupkey.h"

void
probeonce_init(struct probeonce *s, size_t max)
{
	memset(s, 0, sizeof(*s));
	s->max = max;
}

void
probeonce_free(struct probeonce *s)
{
	size_t i;

	for (i = 0; i < s->n; i++) {
		result_free(s->results[i]);
		free(s->results[i]);
	}
	free(s->results);
	vtab_free(&s->index);
	memset(s, 0, sizeof(*s));
}

/*
 * The key of address; *valid: whether it parses.  One that does not is
 * keyed by its own text: it is never sent (its result says why it is
 * invalid), and no valid address's key is such a text, as a valid key is
 * a path that parses.
 */
static struct vkey
key_of(const char *address, bool *valid)
{
	struct address a;
	struct vkey k;
	const char *err;

	*valid = address_parse(address, strlen(address), &a, &err) == 0;
	if (!*valid)
		return vtab_key(address, strlen(address));
	k = dupkey_of(&a);
	address_free(&a);
	return k;
}

const struct probe_result *
probeonce_get(const struct probeonce *s, const char *address)
{
	bool valid;

	return vtab_get(&s->index, key_of(address, &valid));
}

/*
 * The run's bound counts the addresses probed: one that does not parse is
 * never sent, so it does not use the bound up; those are held (said once
 * each) up to a bound of their own, the same number, as a folder of
 * garbage must not grow the set without end either.
 */
struct probe_result *
probeonce_add(struct probeonce *s, const char *address)
{
	struct probe_result *r;
	bool valid;
	struct vkey k = key_of(address, &valid);

	if (valid ? s->probed >= s->max : s->n - s->probed >= s->max)
		return NULL;
	if (s->n == s->cap) {
		s->cap = s->cap != 0 ? s->cap * 2 : 16;
		s->results = xrealloc(s->results,
		    s->cap * sizeof(*s->results));
	}
	r = xcalloc(1, sizeof(*r));
	s->results[s->n++] = r;
	if (valid)
		s->probed++;
	vtab_put(&s->index, k, r);
	return r;
}
