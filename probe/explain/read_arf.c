/*
 * read_arf.c - the reader of RFC 5965 feedback reports (ARF): a
 * message/feedback-report part says a recipient's provider received a
 * complaint about our message.  The recipients are the Original-Rcpt-To
 * fields (RFC 5965 3.2: any number of them), else the opt-out report's
 * Removal-Recipient (the ARF draft's opt-out type), else the returned
 * copy's To, else Microsoft's X-HmXmrOriginalRecipient in the copy (its
 * JMRP reports).  Apple Mail's unsubscribe message (X-Apple-Unsubscribe:
 * true, sent to the List-Unsubscribe address) is an opt-out report from
 * its sender.  Besides its recipients a report names the IP address the
 * message came from (Source-IP), its envelope sender (Original-Mail-From),
 * when it arrived and the domain complained about: a provider that hides
 * who complained (RFC 6590 redaction) leaves only these to go by.
 *
 * Public: reader_arf().
 */
#include <arpa/inet.h>
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

/* The value of field name in the report's text, squeezed, at most
 * EXPLAIN_FIELD_MAX bytes of it; owned or NULL. */
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
			return extract_squeeze_field(p + n + 1,
			    (size_t)(eol - p - n - 1));
		p = eol + 1;
	}
	return NULL;
}

/* A feedback recipient with address a (owned, may be NULL). */
static void
add_recipient(struct explain_result *r, char *a)
{
	struct explain_rcpt *x;

	if ((x = explain_rcpt_add(r)) == NULL) {
		free(a);
		return;
	}
	x->address = a;
	x->action = ACTION_DELIVERED;
	if (r->feedback_type != NULL)
		x->text = xasprintf("Feedback-Type: %s", r->feedback_type);
}

/* One recipient per Original-Rcpt-To field in s[0..len); how many. */
static size_t
rcpt_fields(const char *s, size_t len, struct explain_result *r)
{
	static const char name[] = "Original-Rcpt-To:";
	const char *p = s, *end = s + len, *eol;
	size_t n = sizeof(name) - 1, found = 0;
	char *a;

	while (p < end) {
		if ((eol = memchr(p, '\n', (size_t)(end - p))) == NULL)
			eol = end;
		if ((size_t)(eol - p) > n && strncasecmp(p, name, n) == 0 &&
		    (a = explain_address(p + n, (size_t)(eol - p) - n)) != NULL) {
			add_recipient(r, a);
			found++;
		}
		p = eol + 1;
	}
	return found;
}

static int
is_copy(GMimeObject *part, int depth, void *arg)
{
	GMimeObject **found = arg;

	(void)depth;
	if (mime_is_message(part)) {
		*found = part;
		return 1;
	}
	return 0;
}

/* The recipient header Microsoft's JMRP adds to the returned copy. */
static char *
jmrp_recipient(GMimeMessage *msg)
{
	GMimeObject *part = NULL;
	GMimeMessage *copy;
	char *v, *a;

	if (!mime_walk(GMIME_OBJECT(msg), NULL, is_copy, &part) ||
	    (copy = mime_inner_message(part)) == NULL)
		return NULL;
	if ((v = mime_header(GMIME_OBJECT(copy),
	    "X-HmXmrOriginalRecipient")) == NULL)
		return NULL;
	a = explain_address(v, strlen(v));
	free(v);
	return a;
}

/* Apple Mail's unsubscribe message: an opt-out from its sender. */
static int
apple_unsubscribe(GMimeMessage *msg, struct explain_result *r)
{
	char *v, *from;
	int yes;

	if ((v = mime_header(GMIME_OBJECT(msg), "X-Apple-Unsubscribe")) == NULL)
		return 0;
	yes = strncasecmp(v, "true", 4) == 0;
	free(v);
	if (!yes)
		return 0;
	r->kind = EXPLAIN_FEEDBACK;
	r->format = xstrdup("apple-unsubscribe");
	r->feedback_type = xstrdup("opt-out");
	from = mime_header(GMIME_OBJECT(msg), "From");
	add_recipient(r, from != NULL ? explain_address(from, strlen(from)) :
	    NULL);
	free(from);
	return 1;
}

/* Source-IP when it is an IPv4 or IPv6 address; owned or NULL. */
static char *
source_ip(const char *s, size_t len)
{
	unsigned char buf[sizeof(struct in6_addr)];
	char *v = field(s, len, "Source-IP");

	if (v != NULL && inet_pton(AF_INET, v, buf) != 1 &&
	    inet_pton(AF_INET6, v, buf) != 1) {
		free(v);
		v = NULL;
	}
	return v;
}

/* What the report names besides its recipients (RFC 5965 3.2). */
static void
report_fields(const char *s, size_t len, struct explain_result *r)
{
	char *v;

	r->source_ip = source_ip(s, len);
	if ((v = field(s, len, "Original-Mail-From")) != NULL) {
		r->mail_from = explain_address(v, strlen(v));
		free(v);
	}
	if ((r->arrival_date = field(s, len, "Arrival-Date")) == NULL)
		r->arrival_date = field(s, len, "Received-Date");
	r->reported_domain = field(s, len, "Reported-Domain");
}

int
reader_arf(struct body *body, struct explain_result *r)
{
	GMimeMessage *msg = body->msg;
	GMimeObject *part = NULL;
	size_t len = 0;
	char *text, *a, *v;

	(void)body;	/* the report's fields are in its own part */
	if (!mime_walk(GMIME_OBJECT(msg), NULL, is_arf_part, &part))
		return apple_unsubscribe(msg, r);
	text = GMIME_IS_PART(part) ? mime_part_text(part, EXPLAIN_TEXT_MAX,
	    &len, NULL) : NULL;
	r->kind = EXPLAIN_FEEDBACK;
	r->format = xstrdup("arf");
	if (text != NULL) {
		r->feedback_type = field(text, len, "Feedback-Type");
		r->reporting_mta = field(text, len, "Reporting-MTA");
		report_fields(text, len, r);
	}
	original_find(msg, &r->original);
	if (text == NULL || rcpt_fields(text, len, r) == 0) {
		v = text != NULL ? field(text, len, "Removal-Recipient") : NULL;
		a = v != NULL ? explain_address(v, strlen(v)) : NULL;
		if (a == NULL && r->original.to != NULL)
			a = explain_address(r->original.to,
			    strlen(r->original.to));
		if (a == NULL)
			a = jmrp_recipient(msg);
		add_recipient(r, a);
		free(v);
	}
	free(text);
	return 1;
}
