/*
 * complaint.c - a feedback report's type in words.  RFC 5965 registers
 * abuse, fraud, virus, other; RFC 6591 auth-failure; RFC 6430 not-spam;
 * the ARF draft and Apple Mail send opt-out.  Only an abuse report is a
 * person calling the message spam: an opt-out asks for no more mail, an
 * auth-failure report is a machine's, and not-spam is the opposite of a
 * complaint, so each says so rather than "spam complaint".
 *
 * Public: complaint_type(), complaint_kind_label(), complaint_meaning(),
 * complaint_our_domain(), complaint_words().  Texts: meaning/catalog.c,
 * "explain.fb.*".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "explain/complaint.h"
#include "explain/original.h"
#include "meaning/classify.h"

static const char *const types[] = {
	"abuse", "fraud", "virus", "other", "not-spam", "auth-failure",
	"opt-out",
};

const char *
complaint_type(const char *feedback_type)
{
	size_t i;

	if (feedback_type == NULL)
		return NULL;
	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (strcasecmp(feedback_type, types[i]) == 0)
			return types[i];
	return NULL;
}

const char *
complaint_kind_label(enum lang l, const struct explain_result *r)
{
	const char *t = complaint_type(r->feedback_type), *s = NULL;
	char key[64];

	if (r->kind == EXPLAIN_FEEDBACK && t != NULL) {
		(void)snprintf(key, sizeof(key), "explain.kind.feedback.%s", t);
		s = catalog_label_or(l, key, NULL);
	}
	if (s == NULL) {
		(void)snprintf(key, sizeof(key), "explain.kind.%s",
		    explain_kind_name(r->kind));
		s = catalog_label(l, key);
	}
	return s;
}

const char *
complaint_meaning(enum lang l, const char *feedback_type)
{
	const char *t = complaint_type(feedback_type);
	char key[64];

	if (t == NULL)
		return NULL;
	(void)snprintf(key, sizeof(key), "explain.fb.%s", t);
	return catalog_label(l, key);
}

char *
complaint_our_domain(const struct explain_result *r)
{
	char *d = original_sender_domain(&r->original);
	const char *at;

	if (d == NULL && r->mail_from != NULL &&
	    (at = strrchr(r->mail_from, '@')) != NULL && at[1] != '\0')
		d = xstrdup(at + 1);
	return d;
}

/* A complaint's own advice, owned, or NULL for the reason's. */
static char *
complaint_todo(enum lang l, const char *t, const struct explain_rcpt *x,
    const char *our_domain)
{
	const char *s;
	char key[64], *sender, *out;

	/* "stop sending to this recipient" needs one to be named */
	if (x->address == NULL && (t == NULL || strcmp(t, "abuse") == 0 ||
	    strcmp(t, "fraud") == 0 || strcmp(t, "other") == 0)) {
		sender = catalog_sender_cmd(l, our_domain);
		out = catalog_label_with(l, "explain.fb.unnamed.do", "{sender}",
		    sender);
		free(sender);
		return out;
	}
	if (t == NULL)
		return NULL;
	(void)snprintf(key, sizeof(key), "explain.fb.%s.do", t);
	if ((s = catalog_label_or(l, key, NULL)) != NULL)
		return xstrdup(s);
	/* a failed SPF, DKIM or DMARC check: that reason's advice */
	if (strcmp(t, "auth-failure") == 0)
		return catalog_action(l, AUDIENCE_BOUNCE, VERDICT_BLOCKED,
		    REASON_AUTH_SPF_DKIM_DMARC, NULL, our_domain);
	return NULL;
}

void
complaint_words(enum lang l, const struct explain_result *r,
    const struct explain_rcpt *x, const char *our_domain, char **why,
    char **todo)
{
	const char *t = complaint_type(r->feedback_type), *s = NULL, *w;
	char key[64];

	*why = *todo = NULL;
	if (x->reason == REASON_FEEDBACK) {
		if (t != NULL) {
			(void)snprintf(key, sizeof(key), "explain.fb.%s.why", t);
			s = catalog_label_or(l, key, NULL);
		}
		*why = xstrdup_or_null(s);
		*todo = complaint_todo(l, t, x, our_domain);
	}
	/* a reply that says less than its reason's words would (classify.c) */
	if (*why == NULL && (w = classify_wording(x->reason, x->text,
	    x->text != NULL ? strlen(x->text) : 0)) != NULL) {
		(void)snprintf(key, sizeof(key), "explain.wording.%s.why", w);
		*why = xstrdup(catalog_label(l, key));
		(void)snprintf(key, sizeof(key), "explain.wording.%s.todo", w);
		*todo = xstrdup(catalog_label(l, key));
	}
	if (*why == NULL)
		*why = catalog_explain_for(l, AUDIENCE_BOUNCE, x->verdict,
		    x->reason, x->blocklist);
	if (*todo == NULL)
		*todo = catalog_action(l, AUDIENCE_BOUNCE, x->verdict,
		    x->reason, x->blocklist, our_domain);
}
