/*
 * result.c - building and freeing a probe_result: attempts, steps, TLS
 * details and the decision.  Every string in a result is owned by it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

#include "record/result.h"

void
result_init(struct probe_result *r, const char *address)
{
	struct timeval tv;
	struct tm tm;
	char buf[32];

	memset(r, 0, sizeof(*r));
	r->address = xstrdup(address);
	r->verdict = VERDICT_PROTOCOL_ERROR;
	r->stage = STAGE_SYNTAX;
	r->reason = REASON_UNKNOWN;
	r->catch_all = -1;
	gettimeofday(&tv, NULL);
	gmtime_r(&tv.tv_sec, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(r->started_at, sizeof(r->started_at), "%.20s.%03dZ", buf,
	    (int)(tv.tv_usec / 1000) % 1000);
}

void
step_free(struct step *s)
{
	free(s->command);
	free(s->text);
	free(s->error);
	memset(s, 0, sizeof(*s));
}

void
step_copy(struct step *dst, const struct step *src)
{
	*dst = *src;
	dst->command = xstrdup_or_null(src->command);
	dst->error = xstrdup_or_null(src->error);
	dst->text = NULL;
	if (src->text != NULL) {
		dst->text = xmalloc(src->textlen + 1);
		memcpy(dst->text, src->text, src->textlen);
		dst->text[src->textlen] = '\0';
	}
}

void
step_set_reply(struct step *s, int code, const char *enhanced,
    const char *text, size_t textlen)
{
	s->code = code;
	snprintf(s->enhanced, sizeof(s->enhanced), "%s", enhanced ? enhanced : "");
	free(s->text);
	s->text = xmalloc(textlen + 1);
	if (textlen)
		memcpy(s->text, text, textlen);
	s->text[textlen] = '\0';
	s->textlen = textlen;
}

void
tls_info_free(struct tls_info *t)
{
	if (t == NULL)
		return;
	free(t->version);
	free(t->cipher);
	free(t->kex);
	free(t->sig);
	free(t->sig_digest);
	free(t->key_curve);
	free(t->verify_error);
	free(t->subject);
	free(t->issuer);
	free(t->not_after);
	free(t->not_before);
	free(t->matched_name);
	free(t->verify_subject);
	free(t->verify_issuer);
	free(t->sha256);
	free(t->pkey_sha256);
	strlist_free(&t->sans);
	strlist_free(&t->chain);
	tls_dane_free(t->dane);
	free(t);
}

char *
tls_where_text(const struct tls_info *t)
{
	if (t->verify_untrusted && t->verify_issuer != NULL) {
		/* An intermediate not sent, not a private root (net/tls.c). */
		if (!t->verify_unsent)
			return xasprintf("issued by %s, which is not trusted "
			    "here", t->verify_issuer);
		if (t->chain.n == 1)
			return xasprintf("issued by %s, which is not trusted "
			    "here; the server sent no intermediate certificate",
			    t->verify_issuer);
		return xasprintf("issued by %s, which is not trusted here; the "
		    "server did not send it (a missing intermediate "
		    "certificate)", t->verify_issuer);
	}
	if (t->verify_subject == NULL || t->verify_depth <= 0)
		return NULL;
	return xasprintf("at depth %d of the chain: %s", t->verify_depth,
	    t->verify_subject);
}

void
tls_policy_rec_free(struct tls_policy_rec *p)
{
	if (p == NULL)
		return;
	free(p->sts_id);
	free(p->sts_mode);
	strlist_free(&p->sts_mx);
	strlist_free(&p->sts_notes);
	free(p->sts_error);
	strlist_free(&p->rpt_rua);
	free(p->rpt_error);
	free(p);
}

void
tls_dane_free(struct tls_dane *d)
{
	if (d == NULL)
		return;
	strlist_free(&d->unusable);
	free(d->matched);
	free(d->error);
	strlist_free(&d->own);
	free(d);
}

/*
 * A whole copy: the struct first, so that a member added later is copied
 * too, then every owned pointer replaced by its own copy.
 */
void
tls_info_copy(struct tls_info **dst, const struct tls_info *src)
{
	struct tls_info *t;
	struct tls_dane *d;

	*dst = NULL;
	if (src == NULL)
		return;
	t = xmalloc(sizeof(*t));
	*t = *src;
	t->version = xstrdup_or_null(src->version);
	t->cipher = xstrdup_or_null(src->cipher);
	t->kex = xstrdup_or_null(src->kex);
	t->sig = xstrdup_or_null(src->sig);
	t->sig_digest = xstrdup_or_null(src->sig_digest);
	t->key_curve = xstrdup_or_null(src->key_curve);
	t->verify_error = xstrdup_or_null(src->verify_error);
	t->subject = xstrdup_or_null(src->subject);
	t->issuer = xstrdup_or_null(src->issuer);
	t->not_after = xstrdup_or_null(src->not_after);
	t->not_before = xstrdup_or_null(src->not_before);
	t->matched_name = xstrdup_or_null(src->matched_name);
	t->verify_subject = xstrdup_or_null(src->verify_subject);
	t->verify_issuer = xstrdup_or_null(src->verify_issuer);
	t->sha256 = xstrdup_or_null(src->sha256);
	t->pkey_sha256 = xstrdup_or_null(src->pkey_sha256);
	memset(&t->sans, 0, sizeof(t->sans));
	strlist_add_all(&t->sans, &src->sans);
	memset(&t->chain, 0, sizeof(t->chain));
	strlist_add_all(&t->chain, &src->chain);
	if (src->dane != NULL) {
		d = xmalloc(sizeof(*d));
		*d = *src->dane;
		d->matched = xstrdup_or_null(src->dane->matched);
		d->error = xstrdup_or_null(src->dane->error);
		memset(&d->unusable, 0, sizeof(d->unusable));
		strlist_add_all(&d->unusable, &src->dane->unusable);
		memset(&d->own, 0, sizeof(d->own));
		strlist_add_all(&d->own, &src->dane->own);
		t->dane = d;
	}
	*dst = t;
}

void
attempt_init(struct attempt *a, const char *mx, const char *ip, int port)
{
	memset(a, 0, sizeof(*a));
	a->mx = xstrdup(mx ? mx : "");
	snprintf(a->ip, sizeof(a->ip), "%s", ip ? ip : "");
	a->port = port;
}

void
attempt_free(struct attempt *a)
{
	size_t i;

	free(a->mx);
	tls_info_free(a->tls);
	for (i = 0; i < a->nsteps; i++)
		step_free(&a->steps[i]);
	free(a->steps);
	free(a->error);
	free(a->proxy);
	free(a->proxy_bound);
	memset(a, 0, sizeof(*a));
}

void
attempt_copy(struct attempt *dst, const struct attempt *src)
{
	size_t i;

	attempt_init(dst, src->mx, src->ip, src->port);
	memcpy(dst->local_ip, src->local_ip, sizeof(dst->local_ip));
	dst->proxy = xstrdup_or_null(src->proxy);
	dst->proxy_bound = xstrdup_or_null(src->proxy_bound);
	tls_info_copy(&dst->tls, src->tls);
	dst->error = xstrdup_or_null(src->error);
	dst->session = src->session;
	dst->reused = src->reused;
	if (src->nsteps) {
		dst->steps = xcalloc(src->nsteps, sizeof(*dst->steps));
		dst->capsteps = dst->nsteps = src->nsteps;
		for (i = 0; i < src->nsteps; i++)
			step_copy(&dst->steps[i], &src->steps[i]);
	}
}

bool
attempt_error_said(const char *step, const char *att)
{
	size_t ls, la;

	if (step == NULL || att == NULL)
		return false;
	ls = strlen(step);
	la = strlen(att);
	if (ls == la)
		return strcmp(step, att) == 0;
	if (ls < la)
		return strncmp(step, att, ls) == 0 && att[ls] == ' ';
	return strncmp(step, att, la) == 0 && step[la] == ' ';
}

struct step *
attempt_add_step(struct attempt *a, enum stage stage, const char *command)
{
	struct step *s;

	if (a->nsteps == a->capsteps) {
		a->capsteps = a->capsteps ? a->capsteps * 2 : 8;
		a->steps = xrealloc(a->steps, a->capsteps * sizeof(*a->steps));
	}
	s = &a->steps[a->nsteps++];
	memset(s, 0, sizeof(*s));
	s->stage = stage;
	s->command = xstrdup_or_null(command);
	return s;
}

struct attempt *
result_add_attempt(struct probe_result *r)
{
	struct attempt *a;

	if (r->nattempts == r->capattempts) {
		r->capattempts = r->capattempts ? r->capattempts * 2 : 4;
		r->attempts = xrealloc(r->attempts,
		    r->capattempts * sizeof(*r->attempts));
	}
	a = &r->attempts[r->nattempts++];
	memset(a, 0, sizeof(*a));
	return a;
}

void
result_decide(struct probe_result *r, enum verdict v, enum stage st,
    enum reason why, const struct step *decisive, const char *blocklist)
{
	r->verdict = v;
	r->stage = st;
	r->reason = why;
	snprintf(r->blocklist, sizeof(r->blocklist), "%s",
	    blocklist ? blocklist : "");
	if (r->has_reply)
		step_free(&r->reply);
	r->has_reply = decisive != NULL && decisive->code != 0;
	if (r->has_reply)
		step_copy(&r->reply, decisive);
}

void
result_free(struct probe_result *r)
{
	size_t i;

	free(r->address);
	free(r->domain);
	if (r->has_reply)
		step_free(&r->reply);
	for (i = 0; i < r->nmx; i++) {
		free(r->mx[i].host);
		strlist_free(&r->mx[i].addresses);
		strlist_free(&r->mx[i].warnings);
		strlist_free(&r->mx[i].tlsa);
	}
	free(r->mx);
	for (i = 0; i < r->nattempts; i++)
		attempt_free(&r->attempts[i]);
	free(r->attempts);
	strlist_free(&r->warnings);
	free(r->source_ip);
	tls_policy_rec_free(r->policy);
	notes_free(&r->notes);
	memset(r, 0, sizeof(*r));
}

void
notes_copy(struct addr_notes *dst, const struct addr_notes *src)
{
	memset(dst, 0, sizeof(*dst));
	dst->given = xstrdup_or_null(src->given);
	strlist_add_all(&dst->changes, &src->changes);
	dst->suggestion = xstrdup_or_null(src->suggestion);
	dst->role = src->role;
	dst->disposable = src->disposable;
}

void
notes_free(struct addr_notes *n)
{
	free(n->given);
	strlist_free(&n->changes);
	free(n->suggestion);
	memset(n, 0, sizeof(*n));
}

bool
result_tls_broken(const struct probe_result *r)
{
	size_t i, k;

	for (i = 0; i < r->nattempts; i++)
		for (k = 0; k < r->attempts[i].nsteps; k++)
			if (r->attempts[i].steps[k].stage == STAGE_STARTTLS &&
			    r->attempts[i].steps[k].command == NULL &&
			    r->attempts[i].steps[k].error != NULL)
				return true;
	return false;
}

/* The explanation (owned, consumed) with a sentence for each note. */
static char *
notes_explain(char *expl, const struct addr_notes *n, enum lang lang)
{
	const char *sep = lang == LANG_ZH ? "" : " ";
	char *s, *out;

	if (n->suggestion != NULL) {
		s = catalog_label_with(lang, "note.suggestion", "{addr}",
		    n->suggestion);
		out = xasprintf("%s%s%s", expl, sep, s);
		free(s);
		free(expl);
		expl = out;
	}
	if (n->role) {
		out = xasprintf("%s%s%s", expl, sep, catalog_label(lang,
		    "note.role"));
		free(expl);
		expl = out;
	}
	if (n->disposable) {
		out = xasprintf("%s%s%s", expl, sep, catalog_label(lang,
		    "note.disposable"));
		free(expl);
		expl = out;
	}
	return expl;
}

const char *
result_explain_own(enum verdict v, enum reason r, const char *address,
    const char *domain, enum lang lang)
{
	/* user@[10.0.0.1] names its private address itself: no domain's DNS
	 * is to blame, the address is */
	if (r == REASON_PRIVATE_ADDRESS && domain != NULL && domain[0] == '[')
		return catalog_label(lang, "explain.literal_private");
	/* a list's row whose address cell is empty: nothing was mistyped */
	if (v == VERDICT_INVALID_SYNTAX && address != NULL &&
	    address[0] == '\0')
		return catalog_label(lang, "explain.empty_address");
	return NULL;
}

char *
result_explain(const struct probe_result *r, enum lang lang)
{
	return result_explain_parts(r->verdict, r->reason, r->blocklist,
	    r->address, r->domain, &r->notes, result_tls_broken(r), lang);
}

char *
result_explain_parts(enum verdict v, enum reason r, const char *blocklist,
    const char *address, const char *domain, const struct addr_notes *notes,
    bool tls_broken, enum lang lang)
{
	const char *own = result_explain_own(v, r, address, domain, lang);
	char *e = notes_explain(own != NULL ? xstrdup(own) :
	    catalog_explain(lang, v, r, blocklist), notes, lang);
	char *out;

	if ((v != VERDICT_DELIVERABLE && v != VERDICT_CATCH_ALL) || !tls_broken)
		return e;
	out = xasprintf("%s%s%s", e, lang == LANG_ZH ? "" : " ",
	    catalog_label(lang, "explain.tls_broken"));
	free(e);
	return out;
}
