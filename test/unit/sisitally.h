/*
 * sisitally.h - what the coverage tests over Sisimai's text tables share
 * (test_explain_phrases, test_explain_lhost): explain's reason for one
 * text as a failed recipient's, and counts per group (a reason, an MTA)
 * printed as "group hit / n percent".  Header-only: each test includes it
 * once, after explain.h.
 */
#ifndef MXTRACE_SISITALLY_H
#define MXTRACE_SISITALLY_H

#include <stdio.h>
#include <string.h>

#include "base/util.h"
#include "explain/explain.h"

#define SISITALLY_MAX	40

struct sisitally {
	char	name[32];
	size_t	n, hit;
};

/*
 * explain's reason for text as one failed recipient's reply in a bounce
 * of format format (a reader's name, textfmt.c; NULL for none), with
 * reply code code and enhanced code enh ("" for none), classified by
 * explain_finish() as every recipient a reader extracts is.
 */
static enum reason
sisitally_explain(const char *text, int code, const char *enh,
    const char *format)
{
	struct explain_result r;
	struct explain_rcpt *x;
	enum reason reason;

	memset(&r, 0, sizeof(r));
	r.kind = EXPLAIN_FAILURE;
	if (format != NULL)
		r.format = xstrdup(format);
	assert_non_null(x = explain_rcpt_add(&r));
	x->action = ACTION_FAILED;
	x->code = code;
	snprintf(x->enhanced, sizeof(x->enhanced), "%s", enh);
	x->text = xstrdup(text);
	explain_finish(&r);
	reason = r.rcpts[0].reason;
	explain_result_free(&r);
	return reason;
}

/* Count one text of group name in t[0..*nt): hit when it agreed. */
static void
sisitally_count(struct sisitally *t, size_t *nt, const char *name, int hit)
{
	size_t i;

	for (i = 0; i < *nt && strcmp(t[i].name, name) != 0; i++)
		;
	if (i == *nt) {
		assert_true(*nt < SISITALLY_MAX);
		memset(&t[i], 0, sizeof(t[i]));
		snprintf(t[i].name, sizeof(t[i].name), "%.31s", name);
		(*nt)++;
	}
	t[i].n++;
	t[i].hit += hit != 0;
}

/* Print title, each group's and the total's agreement. */
static void
sisitally_print(const char *title, const struct sisitally *t, size_t nt,
    size_t hit, size_t n)
{
	size_t i;

	printf("%s\n", title);
	for (i = 0; i < nt; i++)
		printf("  %-16s %4zu / %-4zu %5.1f %%\n", t[i].name, t[i].hit,
		    t[i].n, 100.0 * (double)t[i].hit / (double)t[i].n);
	printf("  %-16s %4zu / %-4zu %5.1f %%\n", "all", hit, n,
	    100.0 * (double)hit / (double)n);
}

#endif
