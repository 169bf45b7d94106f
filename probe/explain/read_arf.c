/*
 * read_arf.c - the reader of RFC 5965 feedback reports (ARF): a
 * message/feedback-report part says a recipient's provider received a
 * complaint about our message.  The recipient is Original-Rcpt-To, else
 * the returned copy's To.
 *
 * Public: reader_arf().
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/util.h"
#include "explain/extract.h"
#include "explain/mime.h"
#include "explain/original.h"
#include "explain/readers.h"

static int
is_arf_part(GMimeObject *part, int depth, void *arg)
{
	GMimeObject **found = arg;
	char type[128];

	(void)depth;
	mime_type(part, type, sizeof(type));
	if (strcmp(type, "message/feedback-report") == 0) {
		*found = part;
		return 1;
	}
	return 0;
}

/* The value of field name in the report's text, squeezed; owned or NULL. */
static char *
field(const char *s, size_t len, const char *name)
{
	const char *p = s, *end = s + len, *eol;
	size_t n = strlen(name);

	while (p < end) {
		if ((eol = memchr(p, '\n', (size_t)(end - p))) == NULL)
			eol = end;
		if ((size_t)(eol - p) > n && strncasecmp(p, name, n) == 0 &&
		    p[n] == ':')
			return extract_squeeze(p + n + 1, (size_t)(eol - p - n - 1));
		p = eol + 1;
	}
	return NULL;
}

int
reader_arf(GMimeMessage *msg, struct explain_result *r)
{
	GMimeObject *part = NULL;
	struct explain_rcpt *x;
	size_t len = 0;
	char *text, *to;

	if (!mime_walk(GMIME_OBJECT(msg), 0, is_arf_part, &part))
		return 0;
	text = GMIME_IS_PART(part) ? mime_part_text(part, EXPLAIN_TEXT_MAX,
	    &len) : NULL;
	r->kind = EXPLAIN_FEEDBACK;
	r->format = xstrdup("arf");
	if (text != NULL) {
		r->feedback_type = field(text, len, "Feedback-Type");
		r->reporting_mta = field(text, len, "Reporting-MTA");
	}
	original_find(msg, &r->original);
	to = text != NULL ? field(text, len, "Original-Rcpt-To") : NULL;
	if (to == NULL && r->original.to != NULL)
		to = xstrdup(r->original.to);
	if ((x = explain_rcpt_add(r)) != NULL) {
		x->address = to != NULL ? explain_address(to, strlen(to)) : NULL;
		x->action = ACTION_DELIVERED;
		if (r->feedback_type != NULL)
			x->text = xasprintf("Feedback-Type: %s", r->feedback_type);
	}
	free(to);
	free(text);
	return 1;
}
