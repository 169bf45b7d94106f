/*
 * extract.c - bounded scanners for reply codes, enhanced status codes and
 * the stage in text written by mail servers.  See extract.h.
 *
 * Public: extract_reply(), extract_enhanced(), extract_stage(),
 * extract_stage_in(), extract_reply_start(), extract_find(),
 * extract_lower(), extract_blank(), extract_squeeze(),
 * extract_squeeze_field(), extract_unfold().
 */
#define _GNU_SOURCE		/* memmem */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/memfind.h"
#include "base/util.h"
#include "explain/extract.h"

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

int
extract_starts(const char *s, size_t len, const char *prefix)
{
	size_t k;

	for (k = 0; prefix[k] != '\0'; k++)
		if (k == len || lower((unsigned char)s[k]) !=
		    lower((unsigned char)prefix[k]))
			return 0;
	return k > 0;
}

/*
 * Case-insensitive search, the hot loop of every reader: candidates for
 * the first character are found with memchr (once per case, each result
 * kept until passed), so most of the text is skipped at memchr's speed.
 */
size_t
extract_find(const char *s, size_t len, const char *needle)
{
	size_t n = strlen(needle), i, k;
	const char *end = s + len, *lo, *up, *c;
	int l0, u0;

	if (n == 0 || n > len)
		return (size_t)-1;
	l0 = lower((unsigned char)needle[0]);
	u0 = l0 >= 'a' && l0 <= 'z' ? l0 - 'a' + 'A' : l0;
	lo = memchr(s, l0, len);
	up = u0 != l0 ? memchr(s, u0, len) : NULL;
	while (lo != NULL || up != NULL) {
		c = lo == NULL ? up : up == NULL ? lo : lo < up ? lo : up;
		i = (size_t)(c - s);
		if (i + n > len)
			break;
		for (k = 1; k < n && lower((unsigned char)s[i + k]) ==
		    lower((unsigned char)needle[k]); k++)
			;
		if (k == n)
			return i;
		if (c == lo)
			lo = memchr(c + 1, l0, (size_t)(end - c - 1));
		else
			up = memchr(c + 1, u0, (size_t)(end - c - 1));
	}
	return (size_t)-1;
}

/*
 * Eight bytes at a time, every reader lowering each text it searches: in
 * a word, a byte is an upper-case letter when its low seven bits reach 'A'
 * but not past 'Z' and its high bit is clear (sums that cannot carry from
 * one byte into the next); such a byte gets 0x20 added.
 */
char *
extract_lower(const char *s, size_t len)
{
	const uint64_t ones = 0x0101010101010101ULL, highs = ones * 0x80;
	char *o = xmalloc(len + 1);
	uint64_t x, low, upper;
	size_t i;

	for (i = 0; len - i >= sizeof(x); i += sizeof(x)) {
		memcpy(&x, s + i, sizeof(x));
		low = x & ~highs;
		upper = (low + ones * (0x80 - 'A')) &
		    ~(low + ones * (0x80 - 'Z' - 1)) & ~x & highs;
		x |= upper >> 2;
		memcpy(o + i, &x, sizeof(x));
	}
	for (; i < len; i++)
		o[i] = (char)lower((unsigned char)s[i]);
	o[len] = '\0';
	return o;
}


/*
 * Whether c can start a reply code or an enhanced code (2, 4 or 5): the
 * scans below call enhanced_at() and code_at() only where it does.
 */
static int
code_lead(int c)
{
	return c == '2' || c == '4' || c == '5';
}

/*
 * An enhanced code at s[i]: "C.S.D" with C in 2/4/5, S and D of 1-3
 * digits, not part of a longer dotted number (an IP address, a version).
 * Returns its length or 0.
 */
static size_t
enhanced_at(const char *s, size_t len, size_t i)
{
	size_t k = i, d;
	int part;

	if (i > 0 && (is_digit((unsigned char)s[i - 1]) || s[i - 1] == '.'))
		return 0;
	if (k >= len || (s[k] != '2' && s[k] != '4' && s[k] != '5'))
		return 0;
	k++;
	for (part = 0; part < 2; part++) {
		if (k >= len || s[k] != '.')
			return 0;
		k++;
		for (d = 0; k < len && is_digit((unsigned char)s[k]) && d < 4;
		    k++, d++)
			;
		if (d == 0 || d > 3)
			return 0;
	}
	if (k < len && (is_digit((unsigned char)s[k]) || (s[k] == '.' &&
	    k + 1 < len && is_digit((unsigned char)s[k + 1]))))
		return 0;
	return k - i;
}

int
extract_enhanced(const char *s, size_t len, char enh[ENHANCED_MAX])
{
	size_t i, n;

	enh[0] = '\0';
	for (i = 0; i < len; i++)
		if (code_lead((unsigned char)s[i]) &&
		    (n = enhanced_at(s, len, i)) > 0 && n < ENHANCED_MAX) {
			memcpy(enh, s + i, n);
			enh[n] = '\0';
			return 1;
		}
	return 0;
}

int
extract_enhanced_opens(const char *s, size_t len)
{
	char enh[ENHANCED_MAX];
	size_t n;

	if (!extract_enhanced(s, len < 16 ? len : 16, enh) ||
	    strncmp(s, enh, n = strlen(enh)) != 0)
		return 0;
	return n < len && (s[n] == ' ' || s[n] == '\t');
}

/*
 * The '#' at s[h] opens a line (after blanks): Exchange 2007 and later
 * write the reply in their "Diagnostic information for administrators"
 * as "#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##".  Elsewhere a
 * '#' before digits numbers something ("ticket #550").
 */
static int
exchange_hash(const char *s, size_t h)
{
	while (h > 0 && (s[h - 1] == ' ' || s[h - 1] == '\t'))
		h--;
	return h == 0 || s[h - 1] == '\n';
}

/* A reply code at s[i]: three digits, first 2/4/5, standing alone. */
static int
code_at(const char *s, size_t len, size_t i)
{
	if (i + 3 > len || (s[i] != '2' && s[i] != '4' && s[i] != '5') ||
	    !is_digit((unsigned char)s[i + 1]) ||
	    !is_digit((unsigned char)s[i + 2]))
		return 0;
	if (i > 0 && (is_digit((unsigned char)s[i - 1]) || s[i - 1] == '.' ||
	    s[i - 1] == '-' || s[i - 1] == ':' || s[i - 1] == '/' ||
	    (s[i - 1] == '#' && !exchange_hash(s, i - 1)) ||
	    (lower((unsigned char)s[i - 1]) >= 'a' &&
	    lower((unsigned char)s[i - 1]) <= 'z')))
		return 0;
	if (i + 3 < len && s[i + 3] != ' ' && s[i + 3] != '-' &&
	    s[i + 3] != '\t' && s[i + 3] != '\r' && s[i + 3] != '\n' &&
	    s[i + 3] != ')' && s[i + 3] != ']')
		return 0;
	/*
	 * "550 5.1.1", "550-5.1.1", "550 <x>", "550 User": a code, not a count
	 */
	return (s[i] - '0') * 100 + (s[i + 1] - '0') * 10 + (s[i + 2] - '0');
}

/*
 * Zoho Mail writes the reply's code as a field: "ERROR_CODE :550,
 * ERROR_CODE :5.2.1"; the first one holding three digits is the code.
 */
static int
field_code(const char *s, size_t len)
{
	static const char name[] = "error_code :";
	size_t at, n = sizeof(name) - 1;

	while ((at = extract_find(s, len, name)) != (size_t)-1) {
		s += at + n;
		len -= at + n;
		if (len >= 3 && (s[0] == '2' || s[0] == '4' || s[0] == '5') &&
		    is_digit((unsigned char)s[1]) &&
		    is_digit((unsigned char)s[2]) &&
		    (len == 3 || !is_digit((unsigned char)s[3])))
			return (s[0] - '0') * 100 + (s[1] - '0') * 10 +
			    (s[2] - '0');
	}
	return 0;
}

/* The first reply code standing alone in s: its value, its offset in *at. */
static int
first_code(const char *s, size_t len, size_t *at)
{
	size_t i;
	int c;

	for (i = 0; i < len; i++)
		if (code_lead((unsigned char)s[i]) && enhanced_at(s, len, i) ==
		    0 && (c = code_at(s, len, i)) != 0) {
			*at = i;
			return c;
		}
	return 0;
}

/*
 * An enhanced code right after a reply code ending at s[i] (past "-",
 * blanks and a quote) into enh; 0 when none is there.
 */
static int
enhanced_after(const char *s, size_t len, size_t i, char enh[ENHANCED_MAX])
{
	size_t n;

	while (i < len && (s[i] == '-' || s[i] == ' ' || s[i] == '\'' ||
	    s[i] == '"'))
		i++;
	if ((n = enhanced_at(s, len, i)) == 0 || n >= ENHANCED_MAX)
		return 0;
	memcpy(enh, s + i, n);
	enh[n] = '\0';
	return 1;
}

void
extract_reply(const char *s, size_t len, int *code, char enh[ENHANCED_MAX])
{
	size_t at = 0;
	int c;

	*code = 0;
	enh[0] = '\0';
	if (s == NULL)
		return;
	if ((c = first_code(s, len, &at)) == 0)
		c = field_code(s, len);
	*code = c;
	/*
	 * RFC 3463: the enhanced code follows the reply code ("550-'5.7.1",
	 * "550 5.1.1"); an enhanced code the reporting MTA wrote before the
	 * reply (Amazon SES: "5.1.0 - Unknown address error 550-'5.7.1 ...")
	 * is its own summary, the remote's own code is the better evidence
	 */
	if (c == 0 || !enhanced_after(s, len, at + 3, enh))
		extract_enhanced(s, len, enh);
	if (c != 0 && enh[0] != '\0' && enh[0] - '0' != c / 100)
		enh[0] = '\0';
}

int
extract_reply_opens(const char *s, size_t len)
{
	int c = code_at(s, len, 0);

	return len > 4 && c >= 400 && c <= 599 &&
	    (s[3] == ' ' || s[3] == '-') && enhanced_at(s, len, 4) != 0 &&
	    s[4] - '0' == c / 100;
}

size_t
extract_reply_start(const char *s, size_t len)
{
	size_t at;

	return s != NULL && first_code(s, len, &at) != 0 ? at : (size_t)-1;
}

/* MTA phrases naming the command a reply answered, most specific first. */
static const struct {
	const char	*cue;
	enum stage	 stage;
} stage_cues[] = {
	{ "end of data",		STAGE_DATA },
	{ "after data",			STAGE_DATA },
	{ "to data command",		STAGE_DATA },
	{ "reply to data",		STAGE_DATA },
	{ ">>> data",			STAGE_DATA },	/* sendmail, Courier transcripts */
	{ "did not like our final data", STAGE_DATA },	/* dma (net.c) */
	{ "did not like our data",	STAGE_DATA },
	{ "rcpt to",			STAGE_RCPT },
	{ "rcpt command",		STAGE_RCPT },
	{ "after rcpt",			STAGE_RCPT },
	{ "mail from",			STAGE_MAIL },
	{ "after mail",			STAGE_MAIL },
	{ "reply to mail",		STAGE_MAIL },
	{ "after initial connection",	STAGE_BANNER },
	{ "refused to talk to me",	STAGE_BANNER },	/* Postfix smtp(8) */
	{ "greeting",			STAGE_BANNER },
	/*
	 * Sendmail's transcript (usersmtp.c, reply()): "... while talking to
	 * HOST:", then ">>> COMMAND" and "<<< REPLY" for each 4xx or 5xx
	 * reply; a 5xx to EHLO is not written, the HELO it tries next is
	 */
	{ ">>> ehlo",			STAGE_EHLO },
	{ ">>> helo",			STAGE_EHLO },
	{ ">>> lhlo",			STAGE_EHLO },
	{ "after ehlo",			STAGE_EHLO },
	{ "after helo",			STAGE_EHLO },
	{ "to ehlo",			STAGE_EHLO },
	{ "to helo",			STAGE_EHLO },
	/* Postfix smtpd with TLS enforced, to MAIL FROM: TLS was required,
	 * not a STARTTLS that failed */
	{ "must issue a starttls",	STAGE_MAIL },
	{ "starttls",			STAGE_STARTTLS },
	/* m-FILTER: "-------SMTP command" and the command on the next line */
	{ "smtp command\ndata",		STAGE_DATA },
	{ "smtp command\nrcpt",		STAGE_RCPT },
	{ "smtp command\nmail",		STAGE_MAIL },
	/*
	 * the unknown MTA Sisimai calls X3 (go-sisimai lhost/via-x3.go):
	 * "SMTP:RCPT host 192.0.2.8: 553 5.3.0 ...", the command after
	 * "SMTP:", the host after it
	 */
	{ "smtp:rcpt host",		STAGE_RCPT },
	{ "smtp:mail host",		STAGE_MAIL },
	{ "smtp:data host",		STAGE_DATA },
	{ "smtp:ehlo host",		STAGE_EHLO },
	{ "smtp:helo host",		STAGE_EHLO },
	/* qmail-remote(8)'s own words for each step */
	{ "but greeting failed",	STAGE_BANNER },
	{ "but my name was rejected",	STAGE_EHLO },
	{ "but sender was rejected",	STAGE_MAIL },
	{ "does not like recipient",	STAGE_RCPT },
	{ "failed on data command",	STAGE_DATA },
	{ "failed after i sent the message", STAGE_DATA },
};

enum stage
extract_stage_in(const struct memfind_text *lowered)
{
	size_t i, best = (size_t)-1, at;
	enum stage st = STAGE__LAST;

	/* the earliest phrase: later text may quote other commands */
	for (i = 0; i < sizeof(stage_cues) / sizeof(stage_cues[0]); i++)
		if ((at = memfind_in(lowered, stage_cues[i].cue)) < best) {
			best = at;
			st = stage_cues[i].stage;
		}
	return st;
}

enum stage
extract_stage(const char *s, size_t len)
{
	struct memfind_text mt;
	enum stage st;
	char *l;

	if (s == NULL)
		return STAGE__LAST;
	l = extract_lower(s, len);
	memfind_prepare(&mt, l, len);
	st = extract_stage_in(&mt);
	free(l);
	return st;
}

int
extract_blank(const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r')
			return 0;
	return 1;
}

char *
extract_squeeze(const char *s, size_t len)
{
	char *out = xmalloc(len + 1);
	size_t i, k = 0;
	int blank = 0;

	for (i = 0; i < len; i++) {
		if (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' ||
		    s[i] == '\n') {
			blank = k > 0;
			continue;
		}
		if (blank)
			out[k++] = ' ';
		blank = 0;
		out[k++] = s[i];
	}
	out[k] = '\0';
	return out;
}

char *
extract_squeeze_field(const char *s, size_t len)
{
	return extract_squeeze(s, len > EXPLAIN_FIELD_MAX ? EXPLAIN_FIELD_MAX :
	    len);
}

/* Length of "NNN-" / "NNN " (with "X.Y.Z " after it when enh) at s, or 0. */
static size_t
reply_prefix(const char *s, size_t len, int *dash)
{
	size_t i = 4;

	if (len < 4 || s[0] < '2' || s[0] > '5' || s[1] < '0' || s[1] > '9' ||
	    s[2] < '0' || s[2] > '9' || (s[3] != '-' && s[3] != ' '))
		return 0;
	*dash = s[3] == '-';
	while (i < len && ((s[i] >= '0' && s[i] <= '9') || s[i] == '.'))
		i++;
	return i;
}

/*
 * A squeezed multi-line reply repeats its "550-5.7.1" on every line: keep
 * the first, drop the later ones equal to it (RFC 5321 4.2.1), so that a
 * phrase wrapped across lines reads whole.  In place.
 */
void
extract_unfold(char *s)
{
	size_t n = strlen(s), first, k, i, o;
	int dash, d2;

	if ((first = reply_prefix(s, n, &dash)) == 0)
		return;
	while (first > 4 && s[first - 1] == '.')
		first--;
	for (i = o = first; i < n; ) {
		if (s[i] == ' ' && (k = reply_prefix(s + i + 1, n - i - 1,
		    &d2)) != 0 && (d2 || first > 4) && strncmp(s + i + 1, s,
		    3) == 0 && strncmp(s + i + 5, s + 4, first - 4) == 0 &&
		    (i + 1 + first == n || s[i + 1 + first] == ' ')) {
			i += 1 + first;
			continue;
		}
		s[o++] = s[i++];
	}
	s[o] = '\0';
}
