/*
 * remotehost.c - the server that gave a reply, named in the reporting
 * MTA's words before it in a bounce's text (no Remote-MTA field): five
 * ways, tried in turn, each as the MTA that writes it documents it:
 * Sendmail's last "while talking to NAME.:", dma's "NAME [ADDR] did not
 * like our RCPT TO:", GMX's and 1&1's "host: NAME", Gmail's "rejected by
 * the server for the recipient domain DOMAIN by NAME. [ADDR].", Postfix's
 * "host NAME[ADDR] said:" and Exim's "host NAME [ADDR]:".  A name without a
 * dot is none (a word of the MTA's, not a host); no name is longer than
 * 256 bytes.
 *
 * Public: remotehost_find().
 */
#include <string.h>

#include "base/util.h"
#include "explain/extract.h"
#include "explain/remotehost.h"

/*
 * The host of Sendmail's last "... while talking to NAME.:" in b[0..n)
 * (deliver.c; the transcript names each host tried, the last gave the
 * reply), without the trailing dot; owned, or NULL.
 */
static char *
talking_to(const char *b, size_t n)
{
	static const char cue[] = "while talking to ";
	size_t at, last = (size_t)-1, from = 0, k;

	while (from < n && (at = extract_find(b + from, n - from, cue)) !=
	    (size_t)-1) {
		last = from + at + sizeof(cue) - 1;
		from = last;
	}
	if (last == (size_t)-1)
		return NULL;
	for (k = last; k < n && k - last < 256 && b[k] != ':' &&
	    b[k] != ' ' && b[k] != '\n' && b[k] != '\r'; k++)
		;
	while (k > last && b[k - 1] == '.')
		k--;
	if (k == last || memchr(b + last, '.', k - last) == NULL)
		return NULL;
	return xstrndup(b + last, k - last);
}

/*
 * The host of the DragonFly Mail Agent's "NAME [ADDR] did not like our
 * RCPT TO:" (dma's net.c) in b[0..n): the name opening that line; owned,
 * or NULL.
 */
static char *
not_like(const char *b, size_t n)
{
	size_t at = extract_find(b, n, " did not like our "), k, e;

	if (at == (size_t)-1)
		return NULL;
	for (k = at; k > 0 && b[k - 1] != '\n'; k--)
		;
	while (k < at && (b[k] == ' ' || b[k] == '\t'))
		k++;
	for (e = k; e < at && b[e] != ' ' && b[e] != '['; e++)
		;
	if (e == k || e - k > 255 || memchr(b + k, '.', e - k) == NULL)
		return NULL;
	return xstrndup(b + k, e - k);
}

/*
 * The host name after the first cue in b[0..n) that opens b or follows
 * one of the characters in before, up to one of the characters in stops
 * (or 256 bytes): its start, its end in *end; (size_t)-1 when there is
 * none or it holds no dot.
 */
static size_t
name_after(const char *b, size_t n, const char *cue, const char *before,
    const char *stops, size_t *end)
{
	size_t at = extract_find(b, n, cue), e;

	if (at == (size_t)-1 || (at > 0 && strchr(before, b[at - 1]) == NULL))
		return (size_t)-1;
	at += strlen(cue);
	for (e = at; e < n && e - at < 256 && strchr(stops, b[e]) == NULL; e++)
		;
	if (e == at || memchr(b + at, '.', e - at) == NULL)
		return (size_t)-1;
	*end = e;
	return at;
}

/*
 * GMX's and 1&1's "host: NAME" (Sisimai's Lhost/GMX.pm, EinsUndEins.pm:
 * "host: mx.example.jp", "host: smtp-in.orange.fr (193.252.22.65)") in
 * b[0..n); owned, or NULL.
 */
static char *
host_field(const char *b, size_t n)
{
	size_t at, e;

	if ((at = name_after(b, n, "host: ", " \n\t", " \r\n(", &e)) ==
	    (size_t)-1)
		return NULL;
	return xstrndup(b + at, e - at);
}

/* b[at..n) past its blanks and line breaks: where the next word starts. */
static size_t
skip_blanks(const char *b, size_t n, size_t at)
{
	while (at < n && strchr(" \t\r\n", b[at]) != NULL)
		at++;
	return at;
}

/*
 * Gmail's notice "Google tried to deliver your message, but it was
 * rejected by the server for the recipient domain DOMAIN by NAME.
 * [ADDR]." in b[0..n), its lines wrapped anywhere between the words:
 * NAME without the sentence's dot, only when the address follows it;
 * owned, or NULL.
 */
static char *
gmail_by(const char *b, size_t n)
{
	static const char cue[] = "for the recipient domain ";
	size_t at = extract_find(b, n, cue), e;

	if (at == (size_t)-1)
		return NULL;
	at = skip_blanks(b, n, at + sizeof(cue) - 1);
	while (at < n && strchr(" \t\r\n", b[at]) == NULL)
		at++;			/* the domain */
	at = skip_blanks(b, n, at);
	if (n - at < 3 || !extract_starts(b + at, n - at, "by") ||
	    strchr(" \t\r\n", b[at + 2]) == NULL)
		return NULL;
	at = skip_blanks(b, n, at + 2);
	for (e = at; e < n && e - at < 256 && strchr(" \t\r\n[", b[e]) ==
	    NULL; e++)
		;
	if (skip_blanks(b, n, e) >= n || b[skip_blanks(b, n, e)] != '[')
		return NULL;
	while (e > at && b[e - 1] == '.')
		e--;
	if (e == at || memchr(b + at, '.', e - at) == NULL)
		return NULL;
	return xstrndup(b + at, e - at);
}

/* The five ways in the order above: the first that names a host wins. */
char *
remotehost_find(const char *b, size_t n)
{
	size_t at, k;
	char *h;

	if ((h = talking_to(b, n)) != NULL || (h = not_like(b, n)) != NULL ||
	    (h = host_field(b, n)) != NULL || (h = gmail_by(b, n)) != NULL)
		return h;
	if ((at = name_after(b, n, "host ", " \n:", "[ \n:", &k)) ==
	    (size_t)-1 || k >= n)
		return NULL;
	if (b[k] == ' ' && k + 1 < n && b[k + 1] == '[')
		;	/* Exim: "host NAME [ADDR]" */
	else if (b[k] != '[')
		return NULL;
	return xstrndup(b + at, k - at);
}
