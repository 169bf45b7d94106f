/*
 * explain_json.c - the one writer of explain records (docs/json.md).
 * Written as text into a jsonw (record/jsonw.c), not built as a jansson
 * tree and dumped: the tree cost as much CPU as reading the bounce.  Text
 * from the input is made valid UTF-8 and escaped by jansson there.  Field
 * names are an interface: never rename.
 *
 * Public: explain_json_write().
 */
#include <stdlib.h>
#include <string.h>

#include "explain/complaint.h"
#include "explain/explain_json.h"
#include "explain/original.h"
#include "record/jsonw.h"

static void
original_json(struct jsonw *w, const struct explain_original *o)
{
	JSONW_LIT(w, "{\"subject\":");
	jsonw_str(w, o->subject);
	JSONW_LIT(w, ",\"from\":");
	jsonw_str(w, o->from);
	JSONW_LIT(w, ",\"to\":");
	jsonw_str(w, o->to);
	JSONW_LIT(w, ",\"date\":");
	jsonw_str(w, o->date);
	JSONW_LIT(w, ",\"message_id\":");
	jsonw_str(w, o->message_id);
	JSONW_LIT(w, "}");
}

/* What a complaint (ARF) names besides its recipients; null for others. */
static void
complaint_json(struct jsonw *w, const struct explain_result *r)
{
	if (r->kind != EXPLAIN_FEEDBACK) {
		JSONW_LIT(w, "null");
		return;
	}
	JSONW_LIT(w, "{\"source_ip\":");
	jsonw_str(w, r->source_ip);
	JSONW_LIT(w, ",\"original_mail_from\":");
	jsonw_str(w, r->mail_from);
	JSONW_LIT(w, ",\"arrival_date\":");
	jsonw_str(w, r->arrival_date);
	JSONW_LIT(w, ",\"reported_domain\":");
	jsonw_str(w, r->reported_domain);
	JSONW_LIT(w, "}");
}

/* One recipient's object, left open for the caller's own fields. */
static void
rcpt_json(struct jsonw *w, const struct explain_result *r,
    const struct explain_rcpt *x, const char *our_domain, enum lang l)
{
	char *expl, *act;

	complaint_words(l, r, x, our_domain, &expl, &act);
	JSONW_LIT(w, "{\"address\":");
	jsonw_str(w, x->address);
	JSONW_LIT(w, ",\"address_unreadable\":");
	jsonw_bool(w, x->unreadable);
	JSONW_LIT(w, ",\"original_recipient\":");
	jsonw_str(w, x->original);
	JSONW_LIT(w, ",\"dsn_action\":");
	jsonw_str(w, x->action != ACTION_NONE ?
	    explain_action_name(x->action) : NULL);
	JSONW_LIT(w, ",\"code\":");
	jsonw_int_if(w, x->code != 0, x->code);
	JSONW_LIT(w, ",\"enhanced\":");
	jsonw_str_or_null(w, x->enhanced);
	JSONW_LIT(w, ",\"text\":");
	jsonw_str(w, x->text);
	JSONW_LIT(w, ",\"remote_mta\":");
	jsonw_str(w, x->remote_mta);
	JSONW_LIT(w, ",\"last_attempt\":");
	jsonw_str(w, x->last_attempt);
	JSONW_LIT(w, ",\"will_retry_until\":");
	jsonw_str(w, x->will_retry_until);
	JSONW_LIT(w, ",\"verdict\":");
	jsonw_str(w, verdict_name(x->verdict));
	JSONW_LIT(w, ",\"stage\":");
	jsonw_str(w, stage_name(x->stage));
	JSONW_LIT(w, ",\"reason\":");
	jsonw_str(w, reason_name(x->reason));
	JSONW_LIT(w, ",\"delay_reason\":");
	jsonw_str_or_null(w, x->reason == REASON_DELAYED &&
	    x->delay_reason != REASON__LAST ? reason_name(x->delay_reason) :
	    NULL);
	JSONW_LIT(w, ",\"side\":");
	jsonw_str(w, side_name(x->side));
	JSONW_LIT(w, ",\"blocklist\":");
	jsonw_str_or_null(w, x->blocklist);
	JSONW_LIT(w, ",\"explanation\":");
	jsonw_str(w, expl);
	JSONW_LIT(w, ",\"action\":");
	jsonw_str(w, act);
	free(expl);
	free(act);
}

void
explain_json_write(struct jsonw *w, const struct explain_result *r,
    const char *file, size_t index, enum lang l, explain_json_rcpt_fn *more,
    void *arg)
{
	char *dom = complaint_our_domain(r), *note;
	const char *k;
	json_t *v;
	size_t i;

	JSONW_LIT(w, "{\"record\":\"explain\",\"file\":");
	jsonw_str(w, file);
	JSONW_LIT(w, ",\"message\":");
	jsonw_int(w, (long long)index);
	JSONW_LIT(w, ",\"attachment\":");
	jsonw_int_if(w, r->attachment > 0, (long long)r->attachment);
	JSONW_LIT(w, ",\"attachments\":");
	jsonw_int_if(w, r->attachment > 0, (long long)r->attachments);
	JSONW_LIT(w, ",\"kind\":");
	jsonw_str(w, explain_kind_name(r->kind));
	JSONW_LIT(w, ",\"format\":");
	jsonw_str(w, r->format);
	JSONW_LIT(w, ",\"reporting_mta\":");
	jsonw_str(w, r->reporting_mta);
	JSONW_LIT(w, ",\"date\":");
	jsonw_str(w, r->date);
	JSONW_LIT(w, ",\"feedback_type\":");
	jsonw_str(w, r->feedback_type);
	JSONW_LIT(w, ",\"complaint\":");
	complaint_json(w, r);
	JSONW_LIT(w, ",\"original\":");
	original_json(w, &r->original);
	JSONW_LIT(w, ",\"recipients\":[");
	for (i = 0; i < r->nrcpts; i++) {
		if (i > 0)
			JSONW_LIT(w, ",");
		rcpt_json(w, r, &r->rcpts[i], dom, l);
		if (more != NULL)
			more(w, i, arg);
		JSONW_LIT(w, "}");
	}
	JSONW_LIT(w, "],\"recipients_dropped\":");
	jsonw_int(w, (long long)r->rcpts_dropped);
	JSONW_LIT(w, ",\"notes\":[");
	for (i = 0; i < r->notes.n; i++) {
		if (i > 0)
			JSONW_LIT(w, ",");
		jsonw_str(w, r->notes.v[i]);
	}
	if ((note = explain_fields_note(r, l)) != NULL) {
		if (r->notes.n > 0)
			JSONW_LIT(w, ",");
		jsonw_str(w, note);
		free(note);
	}
	if ((note = explain_text_note(r, l)) != NULL) {
		if (r->notes.n > 0 || r->fields_dropped > 0)
			JSONW_LIT(w, ",");
		jsonw_str(w, note);
		free(note);
	}
	if ((note = explain_attached_note(r, l)) != NULL) {
		if (r->notes.n > 0 || r->fields_dropped > 0 || r->text_cut)
			JSONW_LIT(w, ",");
		jsonw_str(w, note);
		free(note);
	}
	JSONW_LIT(w, "]");
	if (r->extra != NULL)
		json_object_foreach(r->extra, k, v) {
			JSONW_LIT(w, ",");
			jsonw_str(w, k);
			JSONW_LIT(w, ":");
			jsonw_value(w, v);
		}
	JSONW_LIT(w, "}");
	free(dom);
}
