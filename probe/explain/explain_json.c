/*
 * explain_json.c - the one writer of explain records (docs/json.md).
 * Text from the input goes through json_bytes (valid UTF-8); jansson does
 * the escaping.  Field names are an interface: never rename.
 *
 * Public: explain_to_json().
 */
#include <stdlib.h>
#include <string.h>

#include "explain/explain_json.h"
#include "explain/original.h"
#include "record/result_json.h"

static json_t *
str(const char *s)
{
	return s != NULL ? json_bytes(s, strlen(s)) : json_null();
}

static json_t *
original_json(const struct explain_original *o)
{
	return json_pack("{s:o, s:o, s:o, s:o, s:o}",
	    "subject", str(o->subject), "from", str(o->from), "to", str(o->to),
	    "date", str(o->date), "message_id", str(o->message_id));
}

static json_t *
rcpt_json(const struct explain_rcpt *x, const char *our_domain, enum lang l)
{
	char *expl, *act;
	json_t *o;

	expl = catalog_explain_for(l, AUDIENCE_BOUNCE, x->verdict, x->reason,
	    x->blocklist);
	act = catalog_action(l, AUDIENCE_BOUNCE, x->verdict, x->reason,
	    x->blocklist, our_domain);
	o = json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:s, "
	    "s:s, s:s, s:s, s:o, s:s, s:s}",
	    "address", str(x->address),
	    "original_recipient", str(x->original),
	    "dsn_action", x->action != ACTION_NONE ?
	    json_string(explain_action_name(x->action)) : json_null(),
	    "code", x->code != 0 ? json_integer(x->code) : json_null(),
	    "enhanced", x->enhanced[0] ? json_string(x->enhanced) : json_null(),
	    "text", str(x->text),
	    "remote_mta", str(x->remote_mta),
	    "last_attempt", str(x->last_attempt),
	    "will_retry_until", str(x->will_retry_until),
	    "verdict", verdict_name(x->verdict),
	    "stage", stage_name(x->stage),
	    "reason", reason_name(x->reason),
	    "side", side_name(x->side),
	    "blocklist", x->blocklist[0] ? json_string(x->blocklist) :
	    json_null(),
	    "explanation", expl,
	    "action", act);
	free(expl);
	free(act);
	return o;
}

json_t *
explain_to_json(const struct explain_result *r, const char *file,
    size_t index, enum lang l)
{
	json_t *o, *rc, *notes;
	char *dom = original_sender_domain(&r->original);
	const char *k;
	json_t *v;
	size_t i;

	rc = json_array();
	for (i = 0; i < r->nrcpts; i++)
		json_array_append_new(rc, rcpt_json(&r->rcpts[i], dom, l));
	notes = json_array();
	for (i = 0; i < r->notes.n; i++)
		json_array_append_new(notes, str(r->notes.v[i]));
	o = json_pack("{s:s, s:o, s:I, s:s, s:o, s:o, s:o, s:o, s:o, s:I, s:o}",
	    "record", "explain",
	    "file", str(file),
	    "message", (json_int_t)index,
	    "kind", explain_kind_name(r->kind),
	    "format", str(r->format),
	    "reporting_mta", str(r->reporting_mta),
	    "feedback_type", str(r->feedback_type),
	    "original", original_json(&r->original),
	    "recipients", rc,
	    "recipients_dropped", (json_int_t)r->rcpts_dropped,
	    "notes", notes);
	if (r->extra != NULL)
		json_object_foreach(r->extra, k, v)
			json_object_set(o, k, v);
	free(dom);
	return o;
}
