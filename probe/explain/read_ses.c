/*
 * read_ses.c - the reader of Amazon SES notifications: the JSON object
 * SES sends (through SNS, as the text of an email) for a bounce, a
 * complaint or a delivery ("Contents of notifications for Amazon SES",
 * docs.aws.amazon.com/ses: notificationType, or eventType for event
 * publishing; bounce.bouncedRecipients[] with emailAddress, action,
 * status, diagnosticCode; complaint.complainedRecipients[];
 * delivery.recipients[] and smtpResponse; mail.commonHeaders).
 *
 * Public: reader_ses().
 *
 * The object must start the text; what follows it (SNS's unsubscribe
 * footer) is ignored.  An SNS subscription of the "email-json" protocol
 * sends SNS's own envelope instead ("Type": "Notification", the SES
 * object as the string "Message": Amazon SNS "Message and JSON formats");
 * its message is read the same.  Long lines the mail path folded with "!" at the
 * end (Sendmail's line-length limit) are joined again when the first
 * reading fails.
 */
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "explain/body.h"
#include "explain/dsn.h"
#include "explain/extract.h"
#include "explain/readers.h"

/* A JSON object that may start the text s: its first non-blank byte. */
static const char *
object_start(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' ||
	    s[i] == '\n'))
		i++;
	return i < len && s[i] == '{' ? s + i : NULL;
}

/*
 * Past the line end at s[i] after a "!" fold, and past the blanks a relay
 * or a mail client added before it (the "!" is then no longer last on
 * its line); 0 when no line end follows.
 */
static size_t
fold_end(const char *s, size_t len, size_t i)
{
	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i < len && s[i] == '\r')
		i++;
	return i < len && s[i] == '\n' ? i + 1 : 0;
}

/* s[0..len) without the "!" line folds ("!\n" and one blank after it). */
static char *
unfold_bang(const char *s, size_t len, size_t *outlen)
{
	char *o = xmalloc(len + 1);
	size_t i = 0, n = 0, k;

	while (i < len) {
		if (s[i] == '!' && (k = fold_end(s, len, i + 1)) != 0) {
			i = k;
			if (i < len && s[i] == ' ')
				i++;
			continue;
		}
		o[n++] = s[i++];
	}
	o[n] = '\0';
	*outlen = n;
	return o;
}

static const char *
str(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/* The first string of an array, or the string itself. */
static const char *
first_str(json_t *v)
{
	return json_is_array(v) ? json_string_value(json_array_get(v, 0)) :
	    json_string_value(v);
}

static char *
dup_or_null(const char *s)
{
	return s != NULL ? xstrndup(s, strnlen(s, EXPLAIN_FIELD_MAX)) : NULL;
}

/*
 * A recipient with address a, the action and what the server said; an
 * emailAddress written with control characters names one all the same,
 * said unreadable (as a DSN's Final-Recipient).
 */
static struct explain_rcpt *
add(struct explain_result *r, const char *a, enum explain_action action,
    const char *said)
{
	struct explain_rcpt *x;
	size_t n;

	if (a == NULL || (x = explain_rcpt_add(r)) == NULL)
		return NULL;
	n = strnlen(a, EXPLAIN_FIELD_MAX);
	x->unreadable = explain_lead_unreadable(a, n);
	x->address = x->unreadable ? NULL : explain_address(a, n);
	x->action = action;
	if (said != NULL)
		dsn_diagnostic(said, strnlen(said, EXPLAIN_FIELD_MAX), x);
	return x;
}

static void
read_bounce(json_t *b, struct explain_result *r)
{
	struct explain_rcpt *x;
	json_t *v;
	const char *st;
	size_t i;
	char enh[ENHANCED_MAX];

	r->kind = EXPLAIN_FAILURE;
	r->reporting_mta = dup_or_null(str(b, "reportingMTA"));
	json_array_foreach(json_object_get(b, "bouncedRecipients"), i, v) {
		st = str(v, "action");
		x = add(r, str(v, "emailAddress"), st != NULL ?
		    explain_action_parse(st, strnlen(st, 32)) : ACTION_FAILED,
		    str(v, "diagnosticCode"));
		if (x == NULL)
			continue;
		if (x->action == ACTION_NONE)
			x->action = ACTION_FAILED;
		st = str(v, "status");
		if (x->enhanced[0] == '\0' && st != NULL &&
		    extract_enhanced(st, strnlen(st, 32), enh))
			memcpy(x->enhanced, enh, sizeof(enh));
	}
}

static void
read_complaint(json_t *c, struct explain_result *r)
{
	json_t *v;
	size_t i;

	r->kind = EXPLAIN_FEEDBACK;
	r->feedback_type = dup_or_null(str(c, "complaintFeedbackType"));
	json_array_foreach(json_object_get(c, "complainedRecipients"), i, v)
		add(r, str(v, "emailAddress"), ACTION_DELIVERED, NULL);
}

static void
read_delivery(json_t *d, struct explain_result *r)
{
	json_t *v;
	size_t i;

	r->kind = EXPLAIN_DELIVERED;
	r->reporting_mta = dup_or_null(str(d, "reportingMTA"));
	json_array_foreach(json_object_get(d, "recipients"), i, v)
		add(r, json_string_value(v), ACTION_DELIVERED,
		    str(d, "smtpResponse"));
}

/* mail.commonHeaders: the original message. */
static void
read_original(json_t *mail, struct explain_result *r)
{
	json_t *h = json_object_get(mail, "commonHeaders");

	r->original.subject = dup_or_null(str(h, "subject"));
	r->original.from = dup_or_null(first_str(json_object_get(h, "from")));
	r->original.to = dup_or_null(first_str(json_object_get(h, "to")));
	r->original.date = dup_or_null(str(h, "date"));
	r->original.message_id = dup_or_null(str(h, "messageId"));
	if (r->original.message_id == NULL)
		r->original.message_id = dup_or_null(str(mail, "messageId"));
}

/* The JSON object o[0..len), read again without "!" folds if it fails. */
static json_t *
load_object(const char *o, size_t len)
{
	json_t *j;
	char *u;
	size_t ulen;

	if ((j = json_loadb(o, len, JSON_DISABLE_EOF_CHECK, NULL)) != NULL)
		return j;
	u = unfold_bang(o, len, &ulen);
	j = json_loadb(u, ulen, JSON_DISABLE_EOF_CHECK, NULL);
	free(u);
	return j;
}

/* The SES object an SNS "email-json" envelope j carries, or NULL. */
static json_t *
load_envelope(json_t *j)
{
	const char *type = str(j, "Type"), *m = str(j, "Message");

	if (type == NULL || strcmp(type, "Notification") != 0 || m == NULL ||
	    object_start(m, strlen(m)) == NULL)
		return NULL;
	return json_loads(m, 0, NULL);
}

/* The notification in text s[0..len), or NULL. */
static json_t *
load(const char *s, size_t len)
{
	const char *o = object_start(s, len);
	json_t *j, *inner;
	size_t head;

	if (o == NULL)
		return NULL;
	len -= (size_t)(o - s);
	head = len < 256 ? len : 256;
	if (extract_find(o, head, "\"notificationType\"") != (size_t)-1 ||
	    extract_find(o, head, "\"eventType\"") != (size_t)-1)
		return load_object(o, len);
	if (extract_find(o, head, "\"Type\"") == (size_t)-1 ||
	    (j = load_object(o, len)) == NULL)
		return NULL;
	inner = load_envelope(j);
	json_decref(j);
	return inner;
}

int
reader_ses(struct body *body, struct explain_result *r)
{
	GMimeMessage *msg = body->msg;
	const char *type, *text;
	size_t len;
	json_t *j;

	(void)msg;	/* all it says is in the text's JSON */
	text = body_text(body, &len);
	if ((j = load(text, len)) == NULL)
		return 0;
	type = str(j, "notificationType");
	if (type == NULL)
		type = str(j, "eventType");
	if (type == NULL || (strcmp(type, "Bounce") != 0 &&
	    strcmp(type, "Complaint") != 0 && strcmp(type, "Delivery") != 0)) {
		json_decref(j);
		return 0;
	}
	if (strcmp(type, "Bounce") == 0)
		read_bounce(json_object_get(j, "bounce"), r);
	else if (strcmp(type, "Complaint") == 0)
		read_complaint(json_object_get(j, "complaint"), r);
	else
		read_delivery(json_object_get(j, "delivery"), r);
	r->format = xstrdup("amazon-ses");
	read_original(json_object_get(j, "mail"), r);
	json_decref(j);
	return 1;
}
