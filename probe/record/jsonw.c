/*
 * jsonw.c - JSON text written straight into one growing buffer.
 *
 * A record used to be a tree of jansson objects, dumped and freed: most of
 * verify's CPU went to building it.  Here the caller writes its keys and
 * punctuation as literals and each value is appended in place.  String
 * escaping stays jansson's (the project does not hand-write it): one string
 * value is kept, set to each string in turn and dumped with json_dumpb into
 * the buffer, so the bytes are exactly those json_dumps(JSON_COMPACT) writes
 * inside an object.  Invalid UTF-8 becomes U+FFFD first (esc_utf8), as
 * jansson accepts only valid UTF-8.
 *
 * Public: jsonw_init, jsonw_free, jsonw_reset, jsonw_cut, jsonw_raw,
 * jsonw_bytes, jsonw_str, jsonw_str_or_null, jsonw_int, jsonw_int_if,
 * jsonw_bool, jsonw_null, jsonw_value.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/escape.h"
#include "base/utf8.h"
#include "base/util.h"
#include "record/jsonw.h"

void
jsonw_init(struct jsonw *w)
{
	memset(w, 0, sizeof(*w));
	if ((w->scratch = json_string("")) == NULL)
		fatalx("%s: json_string failed", __func__);
}

void
jsonw_free(struct jsonw *w)
{
	size_t i;

	for (i = 0; i < JSONW_MEMO; i++) {
		free(w->memo[i].in);
		free(w->memo[i].out);
	}
	free(w->buf);
	json_decref(w->scratch);
	memset(w, 0, sizeof(*w));
}

void
jsonw_reset(struct jsonw *w)
{
	jsonw_cut(w, 0);
}

void
jsonw_cut(struct jsonw *w, size_t len)
{
	if (len > w->len)
		fatalx("%s: %zu is past the end (%zu)", __func__, len, w->len);
	w->len = len;
	if (w->buf != NULL)
		w->buf[len] = '\0';
}

/* Room for n more bytes and the NUL. */
static void
jsonw_room(struct jsonw *w, size_t n)
{
	size_t cap = w->cap ? w->cap : 4096;

	if (n > JSONW_MAX || w->len + n + 1 > JSONW_MAX)
		fatalx("%s: JSON text over %u bytes", __func__, JSONW_MAX);
	if (w->len + n + 1 <= w->cap)
		return;
	while (cap < w->len + n + 1)
		cap *= 2;
	w->buf = xrealloc(w->buf, cap);
	w->cap = cap;
}

void
jsonw_raw(struct jsonw *w, const char *s, size_t len)
{
	jsonw_room(w, len);
	memcpy(w->buf + w->len, s, len);
	w->len += len;
	w->buf[w->len] = '\0';
}

#define JSONW_ONES	0x0101010101010101ULL
#define JSONW_HIGHS	0x8080808080808080ULL

/*
 * Whether a word of eight bytes holds one below 0x20, a '"' or a '\\'
 * (the exact tests "a byte less than n" and "a zero byte" on all eight at
 * once: a borrow reaches a higher byte only past a byte that matched).
 */
static bool
jsonw_word_special(uint64_t x)
{
	uint64_t q = x ^ (JSONW_ONES * '"'), b = x ^ (JSONW_ONES * '\\');

	return ((((x - JSONW_ONES * 0x20) & ~x) | ((q - JSONW_ONES) & ~q) |
	    ((b - JSONW_ONES) & ~b)) & JSONW_HIGHS) != 0;
}

/*
 * True when jansson would write s[0..len) unchanged between its quotes:
 * valid UTF-8 with no '"', no '\\' and no byte below 0x20 (jansson
 * escapes exactly those with the flags used here: no JSON_ENSURE_ASCII, no
 * JSON_ESCAPE_SLASH).  Most of a record's strings are such (names, codes,
 * addresses), and copying them skips a malloc and jansson's per-character
 * walk; test_jsonw checks against jansson that the bytes are the same.
 */
static bool
jsonw_plain(const char *s, size_t len)
{
	bool high = false;
	uint64_t x;
	size_t i;

	/* eight bytes at a time, the rest one by one */
	for (i = 0; len - i >= sizeof(x); i += sizeof(x)) {
		memcpy(&x, s + i, sizeof(x));
		if (jsonw_word_special(x))
			return false;
		if ((x & JSONW_HIGHS) != 0)
			high = true;
	}
	for (; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c == '"' || c == '\\')
			return false;
		if (c >= 0x80)
			high = true;
	}
	return !high || utf8_valid(s, len);
}

/*
 * The same server text recurs in record after record (every address of a
 * shared session carries its EHLO replies): what jansson wrote for the
 * last few strings it escaped is kept and copied again for the same bytes.
 */
static bool
jsonw_memo_hit(struct jsonw *w, const char *s, size_t len)
{
	struct jsonw_memo *m;
	size_t i;

	for (i = 0; i < JSONW_MEMO; i++) {
		m = &w->memo[i];
		if (m->in != NULL && m->inlen == len &&
		    memcmp(m->in, s, len) == 0) {
			jsonw_raw(w, m->out, m->outlen);
			return true;
		}
	}
	return false;
}

static void
jsonw_memo_keep(struct jsonw *w, const char *s, size_t len, const char *out,
    size_t outlen)
{
	struct jsonw_memo *m = &w->memo[w->memo_next];

	if (len > JSONW_MEMO_MAX)
		return;
	w->memo_next = (w->memo_next + 1) % JSONW_MEMO;
	free(m->in);
	free(m->out);
	m->in = xmalloc(len ? len : 1);
	memcpy(m->in, s, len);
	m->inlen = len;
	m->out = xmalloc(outlen);
	memcpy(m->out, out, outlen);
	m->outlen = outlen;
}

/*
 * Any other string is escaped by jansson: at most 6 bytes per input byte
 * (\u00XX) plus the quotes, so one json_dumpb call always fits.
 */
void
jsonw_bytes(struct jsonw *w, const char *s, size_t len)
{
	const char *given = s;
	size_t n, need, givenlen = len;
	char *u = NULL;

	if (s == NULL) {
		jsonw_null(w);
		return;
	}
	if (jsonw_plain(s, len)) {
		jsonw_room(w, len + 2);
		w->buf[w->len++] = '"';
		memcpy(w->buf + w->len, s, len);
		w->len += len;
		w->buf[w->len++] = '"';
		w->buf[w->len] = '\0';
		return;
	}
	if (jsonw_memo_hit(w, s, len))
		return;
	if (!utf8_valid(s, len)) {
		u = esc_utf8(s, len, &len);
		s = u;
	}
	if (json_string_setn_nocheck(w->scratch, s, len) != 0)
		fatalx("%s: json_string_setn failed", __func__);
	free(u);
	need = 6 * len + 2;
	jsonw_room(w, need);
	n = json_dumpb(w->scratch, w->buf + w->len, need,
	    JSON_ENCODE_ANY | JSON_COMPACT);
	if (n == 0 || n > need)
		fatalx("%s: json_dumpb failed", __func__);
	jsonw_memo_keep(w, given, givenlen, w->buf + w->len, n);
	w->len += n;
	w->buf[w->len] = '\0';
}

void
jsonw_str(struct jsonw *w, const char *s)
{
	if (s == NULL)
		jsonw_null(w);
	else
		jsonw_bytes(w, s, strlen(s));
}

void
jsonw_str_or_null(struct jsonw *w, const char *s)
{
	jsonw_str(w, s != NULL && s[0] != '\0' ? s : NULL);
}

void
jsonw_int(struct jsonw *w, long long v)
{
	char tmp[24], *p = tmp + sizeof(tmp);
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v :
	    (unsigned long long)v;

	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (v < 0)
		*--p = '-';
	jsonw_raw(w, p, (size_t)(tmp + sizeof(tmp) - p));
}

void
jsonw_int_if(struct jsonw *w, bool present, long long v)
{
	if (present)
		jsonw_int(w, v);
	else
		jsonw_null(w);
}

void
jsonw_bool(struct jsonw *w, bool v)
{
	if (v)
		JSONW_LIT(w, "true");
	else
		JSONW_LIT(w, "false");
}

void
jsonw_null(struct jsonw *w)
{
	JSONW_LIT(w, "null");
}

void
jsonw_value(struct jsonw *w, const json_t *v)
{
	size_t n;

	if (v == NULL) {
		jsonw_null(w);
		return;
	}
	n = json_dumpb(v, NULL, 0, JSON_ENCODE_ANY | JSON_COMPACT);
	if (n == 0)
		fatalx("%s: json_dumpb failed", __func__);
	jsonw_room(w, n);
	if (json_dumpb(v, w->buf + w->len, n, JSON_ENCODE_ANY |
	    JSON_COMPACT) != n)
		fatalx("%s: json_dumpb changed its mind", __func__);
	w->len += n;
	w->buf[w->len] = '\0';
}
