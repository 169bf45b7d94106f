/*
 * explain_probe.c - `mxtrace explain --probe`: each failed or delayed
 * recipient of a bounce probed again now with the engine (one job per
 * recipient, on one event loop, exactly as `mxtrace probe` runs one), and
 * what the bounce said then set beside what the server says now.
 *
 * Public: explain_prober_new(), explain_prober_free(), explain_probe_run(),
 * explain_probe_left(), explain_probe_past_report(), explain_probe_json(),
 * explain_probe_print().
 *
 * An address is probed once in a run (cmd/probeonce.c): a later recipient
 * with the same address is shown that probe's result, marked as such
 * (probe_reused), and compared with its own bounce.
 *
 * The comparison (then_vs_now, docs/json.md) is one of: accepted_now,
 * still_does_not_exist, still_refused, still_temporary, cannot_check (the
 * server could not be asked from here), not_probed.
 */
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "base/wrap.h"
#include "cmd/explain_probe.h"
#include "cmd/probeonce.h"
#include "explain/explain_print.h"
#include "input/address.h"
#include "record/result_json.h"

struct explain_prober {
	struct cli_env		 env;
	struct probeonce	 once;		/* the run's results: owned */
	/* per recipient of the current report: its result in once, NULL when
	 * not probed; reused when an earlier recipient's probe gave it */
	const struct probe_result **now;
	bool			*reused;
	size_t			 n;
	size_t			 left;	/* recipients not probed for the run's bound */
	size_t			 past;	/* and for their report's, in the run */
};

struct one_run {
	bool	done;
};

static void
one_result(void *arg, size_t idx, struct probe_result *r)
{
	(void)arg;
	(void)idx;
	(void)r;
}

static void
one_done(void *arg)
{
	((struct one_run *)arg)->done = true;
}

struct explain_prober *
explain_prober_new(struct cli_common *c, int *fail)
{
	struct explain_prober *p = xcalloc(1, sizeof(*p));

	if (cli_env_init_checked(&p->env, c) < 0) {
		*fail = p->env.fail;
		cli_env_free(&p->env);
		free(p);
		return NULL;
	}
	probeonce_init(&p->once, EXPLAIN_PROBES_RUN_MAX);
	return p;
}

/* The current report's view of the run's results (once keeps them). */
static void
forget(struct explain_prober *p)
{
	free(p->now);
	free(p->reused);
	p->now = NULL;
	p->reused = NULL;
	p->n = 0;
}

void
explain_prober_free(struct explain_prober *p)
{
	if (p == NULL)
		return;
	forget(p);
	probeonce_free(&p->once);
	cli_env_free(&p->env);
	free(p);
}

/*
 * Probe one address now; r is initialised here (the run's once owns it).
 * False when it was never sent: an address that does not parse is
 * decided here, its result saying why.
 */
static bool
probe_now(struct explain_prober *p, const char *address, struct probe_result *r)
{
	struct one_run run = { false };
	struct address addr;
	const char *err, *rcpt;
	long long t0 = now_ms();

	result_init(r, address);
	if (address_parse(address, strlen(address), &addr, &err) < 0) {
		result_decide(r, VERDICT_INVALID_SYNTAX, STAGE_SYNTAX,
		    REASON_INVALID_ADDRESS, NULL, NULL);
		strlist_addf(&r->warnings, "invalid address: %s", err);
		return false;
	}
	rcpt = addr.path;
	probe_job_start(&p->env.env, addr.domain_ascii, NULL, &rcpt, &r, 1, -1,
	    one_result, one_done, &run);
	while (!run.done)
		if (event_base_loop(p->env.base, EVLOOP_ONCE) < 0)
			fatalx("%s: event loop failed", __func__);
	address_free(&addr);
	r->total_ms = now_ms() - t0;
	return true;
}

/*
 * An address probed earlier in the run is not probed again: its result
 * is shown, compared with this recipient's own bounce, past the bounds
 * too (it asks no server).  Other recipients past the run's bound or the
 * report's are counted, not probed, so the run's end can say how many
 * each left.  The report's bound (EXPLAIN_PROBES_MAX)
 * counts the probes sent: a repeat or an address that does not parse asks
 * no server.
 */
void
explain_probe_run(struct explain_prober *p, const struct explain_result *r)
{
	struct probe_result *slot;
	const char *a;
	size_t i, done = 0;

	forget(p);
	p->n = r->nrcpts;
	p->now = xcalloc(p->n, sizeof(*p->now));
	p->reused = xcalloc(p->n, sizeof(*p->reused));
	for (i = 0; i < r->nrcpts; i++) {
		if ((a = r->rcpts[i].address) == NULL ||
		    (r->rcpts[i].side == SIDE_NOT_A_FAILURE &&
		    r->rcpts[i].reason != REASON_DELAYED))
			continue;
		if ((p->now[i] = probeonce_get(&p->once, a)) != NULL)
			p->reused[i] = true;
		else if (done == EXPLAIN_PROBES_MAX)
			p->past++;
		else if ((slot = probeonce_add(&p->once, a)) != NULL) {
			done += probe_now(p, a, slot);
			p->now[i] = slot;
		} else
			p->left++;
	}
}

size_t
explain_probe_left(const struct explain_prober *p)
{
	return p->left;
}

size_t
explain_probe_past_report(const struct explain_prober *p)
{
	return p->past;
}

/* then vs now, as a stable name (docs/json.md). */
static const char *
compare(const struct explain_prober *p, size_t i)
{
	const struct probe_result *n;

	if (i >= p->n || p->now[i] == NULL)
		return "not_probed";
	n = p->now[i];
	switch (n->verdict) {
	case VERDICT_DELIVERABLE:
	case VERDICT_CATCH_ALL:
		return "accepted_now";
	case VERDICT_UNDELIVERABLE:
	case VERDICT_NO_MAIL_DOMAIN:
	case VERDICT_INVALID_SYNTAX:
		return "still_does_not_exist";
	case VERDICT_MAILBOX_FULL:
	case VERDICT_BLOCKED:
		return "still_refused";
	case VERDICT_TEMPORARY:
		return "still_temporary";
	default:
		return "cannot_check";
	}
}

void
explain_probe_json(struct explain_prober *p, size_t i, struct jsonw *w,
    enum lang l)
{
	json_t *now;

	JSONW_LIT(w, ",\"then_vs_now\":");
	jsonw_str(w, compare(p, i));
	JSONW_LIT(w, ",\"probe_reused\":");
	jsonw_bool(w, i < p->n && p->reused[i]);
	JSONW_LIT(w, ",\"now\":");
	if (i < p->n && p->now[i] != NULL) {
		now = result_to_json(p->now[i], l);
		jsonw_value(w, now);
		json_decref(now);
	} else
		jsonw_null(w);
}

/* Does then's verdict belong with now's "still ..." (the same answer)? */
static bool
same_answer(enum verdict then, enum verdict now)
{
	switch (now) {
	case VERDICT_UNDELIVERABLE:
	case VERDICT_NO_MAIL_DOMAIN:
	case VERDICT_INVALID_SYNTAX:
		return then == VERDICT_UNDELIVERABLE ||
		    then == VERDICT_NO_MAIL_DOMAIN ||
		    then == VERDICT_INVALID_SYNTAX;
	case VERDICT_MAILBOX_FULL:
	case VERDICT_BLOCKED:
		return then == VERDICT_MAILBOX_FULL || then == VERDICT_BLOCKED;
	default:
		return then == now;
	}
}

/*
 * The catalogue key of now beside then.  "Still" only when the bounce
 * gave the same kind of answer (a blocklist then and an unknown mailbox
 * now is news, not the same problem).  Accepted now proves little when
 * the bounce blamed our server or the message: the probe comes from this
 * machine, not from the sending server, and never sends a message.
 */
static void
now_key(const struct explain_prober *p, const struct explain_rcpt *x,
    size_t i, char *key, size_t n)
{
	const struct probe_result *now = p->now[i];
	const char *c = compare(p, i);
	bool same = same_answer(x->verdict, now->verdict);

	if (strcmp(c, "accepted_now") == 0 && (x->side == SIDE_OUR_SIDE ||
	    x->side == SIDE_CONTENT))
		c = "accepted_unproven";
	else if (now->verdict == VERDICT_NO_MAIL_DOMAIN)
		c = same ? "still_no_domain" : "no_domain";
	else if (now->verdict == VERDICT_INVALID_SYNTAX)
		c = "invalid";
	else if (strcmp(c, "still_does_not_exist") == 0 && !same)
		c = "does_not_exist";
	else if (strcmp(c, "still_refused") == 0 && !same)
		c = "refused";
	else if (strcmp(c, "still_temporary") == 0 && !same)
		c = "temporary";
	snprintf(key, n, "explain.now.%s", c);
}

void
explain_probe_print(struct explain_prober *p, const struct explain_result *r,
    FILE *f, enum lang l)
{
	const struct probe_result *n;
	char key[64], *expl;
	struct wrap_out lay = wrap_out_of(f);
	size_t i;

	for (i = 0; i < r->nrcpts && i < p->n; i++) {
		if ((n = p->now[i]) == NULL)
			continue;
		explain_put_label(f, 2, catalog_label(l, "explain.now"));
		explain_put_esc(f, r->rcpts[i].address);
		/*
		 * "does not exist" said of what does not: the domain, the
		 * syntax
		 */
		now_key(p, &r->rcpts[i], i, key, sizeof(key));
		fprintf(f, "%s%s%s\n", catalog_label(l, "p.colon"),
		    catalog_label(l, key), p->reused[i] ?
		    catalog_label(l, "explain.now.reused") : "");
		explain_put_meaning(f, &lay, n->verdict, n->reason, REASON__LAST,
		    false, NULL, l);
		/* quoted whole, as the bounce's reply above it is */
		if (n->has_reply) {
			explain_put_label(f, 4, catalog_label(l, "explain.reply"));
			fprintf(f, "\"%d", n->reply.code);
			if (n->reply.enhanced[0] != '\0')
				fprintf(f, " %s", n->reply.enhanced);
			if (n->reply.text != NULL && n->reply.text[0] != '\0') {
				fputc(' ', f);
				explain_put_esc(f, n->reply.text);
			}
			fputs("\"\n", f);
		}
		if (strcmp(key, "explain.now.accepted_unproven") == 0) {
			explain_put_sentence(f, &lay, l, "explain.why",
			    catalog_label(l, "explain.now.unproven"));
			continue;
		}
		expl = catalog_explain(l, n->verdict, n->reason, n->blocklist);
		explain_put_sentence(f, &lay, l, "explain.why", expl);
		free(expl);
	}
	fputc('\n', f);
}
