/*
 * redact.c - `mxtrace explain --redact` for bounces: what can be shared
 * with a colleague or a provider's support.  Every mailbox address in the
 * result (the recipients, the original's From, To and Message-ID, a
 * complaint's envelope sender, the server's words, the notes) keeps only its
 * "@domain"; the subject is dropped.  Domains, codes and the servers' names
 * stay: they are what the analysis is about.
 *
 * Public: redact_result(), redact_text().
 */
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "explain/redact.h"

/* A byte of an address's local part (RFC 5322 atext, and the dots). */
static int
redact_local_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c >= 0x80 ||
	    strchr("!#$%&'*+-/=?^_`{|}~.", c) != NULL;
}

void
redact_text(char *s)
{
	size_t r = 0, w = 0, mark = 0;

	if (s == NULL)
		return;
	/* one pass: the local part just written is taken back at its '@' */
	for (; s[r] != '\0'; r++) {
		if (s[r] == '@' && w > mark)
			w = mark;
		s[w++] = s[r];
		if (!redact_local_char((unsigned char)s[r]))
			mark = w;
	}
	s[w] = '\0';
}

/* An address header as its "@domain"s alone, ", " between them: the
 * display names ("Zhang Wei") go too.  NULL when it names none. */
static void
redact_header(char **v)
{
	char *s = *v, *out;
	size_t r, w = 0, n;

	if (s == NULL)
		return;
	redact_text(s);
	out = xmalloc(strlen(s) * 2 + 1);
	for (r = 0; s[r] != '\0'; r++) {
		if (s[r] != '@')
			continue;
		for (n = 1; s[r + n] != '\0' && s[r + n] != '>' &&
		    s[r + n] != ',' && s[r + n] != ' ' && s[r + n] != ';' &&
		    s[r + n] != '"' && s[r + n] != ')'; n++)
			;
		if (w > 0) {
			memcpy(out + w, ", ", 2);
			w += 2;
		}
		memcpy(out + w, s + r, n);
		w += n;
		r += n - 1;
	}
	out[w] = '\0';
	free(s);
	*v = w > 0 ? out : NULL;
	if (w == 0)
		free(out);
}

void
redact_result(struct explain_result *r)
{
	size_t i;

	free(r->original.subject);
	r->original.subject = NULL;
	redact_header(&r->original.from);
	redact_header(&r->original.to);
	redact_header(&r->original.message_id);
	redact_text(r->mail_from);
	for (i = 0; i < r->nrcpts; i++) {
		redact_text(r->rcpts[i].address);
		redact_text(r->rcpts[i].original);
		redact_text(r->rcpts[i].text);
	}
	for (i = 0; i < r->notes.n; i++)
		redact_text(r->notes.v[i]);
}
