/*
 * filesig.c - a file's kind from its signature, or from the first field
 * of mxtrace's own JSON records (docs/json.md).
 *
 * Public: filesig_of().
 */
#include <ctype.h>
#include <string.h>

#include "base/filesig.h"

static const struct {
	const char	*magic;
	size_t		 len;
	enum filesig	 kind;
} filesig_magic[] = {
	/* MS-CFB 2.2 */
	{ "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8, FILESIG_OLE2 },
	{ "%PDF-", 5, FILESIG_PDF },
	{ "PK\x03\x04", 4, FILESIG_ZIP },
	{ "\x89PNG", 4, FILESIG_IMAGE },
	{ "\xff\xd8\xff", 3, FILESIG_IMAGE },
	{ "GIF8", 4, FILESIG_IMAGE },
};

/* The first field of each JSON record mxtrace writes (docs/json.md), as
 * its value names it: probe and verify, explain, sender. */
static const struct {
	const char	*key;
	const char	*values[5];
} filesig_own_first[] = {
	{ "summary", { "ok", "risky", "bad", "unknown", NULL } },
	{ "record", { "explain", NULL } },
	{ "command", { "sender", NULL } },
};

/* The quoted string at *p (no escapes), its length in *len; NULL when
 * there is none. */
static const char *
filesig_json_string(const char **p, const char *end, size_t *len)
{
	const char *s = *p, *q;

	while (s < end && isspace((unsigned char)*s))
		s++;
	if (s >= end || *s != '"')
		return NULL;
	s++;
	for (q = s; q < end && *q != '"' && *q != '\\'; q++)
		;
	if (q >= end || *q != '"')
		return NULL;
	*len = (size_t)(q - s);
	*p = q + 1;
	return s;
}

/*
 * Why: mxtrace's results given back to it (verify's results.jsonl to
 * explain or to verify) would be read as text, and every address in them
 * explained as a bounce or probed again.  Told by its first field and
 * that field's value, so an Amazon SES notification (JSON that explain
 * reads) is never taken for one.
 */
static int
filesig_own_json(const char *s, size_t n)
{
	const char *p = s, *end = s + (n < 512 ? n : 512), *k, *v;
	size_t klen, vlen, i, j;

	while (p < end && isspace((unsigned char)*p))
		p++;
	if (p >= end || *p++ != '{' ||
	    (k = filesig_json_string(&p, end, &klen)) == NULL)
		return 0;
	while (p < end && isspace((unsigned char)*p))
		p++;
	if (p >= end || *p++ != ':' ||
	    (v = filesig_json_string(&p, end, &vlen)) == NULL)
		return 0;
	for (i = 0; i < sizeof(filesig_own_first) /
	    sizeof(filesig_own_first[0]); i++) {
		if (strlen(filesig_own_first[i].key) != klen ||
		    memcmp(k, filesig_own_first[i].key, klen) != 0)
			continue;
		for (j = 0; filesig_own_first[i].values[j] != NULL; j++)
			if (strlen(filesig_own_first[i].values[j]) == vlen &&
			    memcmp(v, filesig_own_first[i].values[j], vlen) ==
			    0)
				return 1;
	}
	return 0;
}

enum filesig
filesig_of(const char *b, size_t n)
{
	size_t i;

	for (i = 0; i < sizeof(filesig_magic) / sizeof(filesig_magic[0]); i++)
		if (n >= filesig_magic[i].len && memcmp(b,
		    filesig_magic[i].magic, filesig_magic[i].len) == 0)
			return filesig_magic[i].kind;
	return filesig_own_json(b, n) ? FILESIG_OWN_JSON : FILESIG_NONE;
}
