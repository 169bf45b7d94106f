/*
 * sisitally.h - what the coverage tests over tables of texts share
 * (test_explain_phrases, test_explain_lhost, test_explain_rhost,
 * test_explain_providers): explain's reason for one text as a failed
 * recipient's, given as a reader extracts it or as a delivery-status
 * report's fields say it, and counts per group (a reason, an MTA)
 * printed as "group hit / n percent".  Header-only: each test includes it
 * once, after explain.h.
 */
#ifndef MXTRACE_SISITALLY_H
#define MXTRACE_SISITALLY_H

#include <stdio.h>
#include <string.h>

#include "base/util.h"
#include "explain/dsn.h"
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
static inline enum reason
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

/*
 * explain's reason for one failed recipient of a delivery-status report:
 * Remote-MTA host, Status enh ("" for none), the command stage
 * (STAGE__LAST: none named) and the Diagnostic-Code "smtp; CODE ENH TEXT"
 * (text alone when it starts with a reply code), through dsn_diagnostic()
 * and explain_finish() as a DSN's recipient goes.  Host "-": no
 * Remote-MTA; code "-": the reporting MTA's own words, no reply code
 * ("Diagnostic-Code: X-Local; TEXT", as Postfix's "X-Postfix;" says them).
 */
static inline enum reason
sisitally_dsn(const char *host, enum stage stage, const char *code,
    const char *enh, const char *text)
{
	struct explain_result r;
	struct explain_rcpt *x;
	char diag[2048];
	enum reason got;
	int n;

	memset(&r, 0, sizeof(r));
	r.kind = EXPLAIN_FAILURE;
	assert_non_null(x = explain_rcpt_add(&r));
	x->address = xstrdup("rcpt@example.net");
	x->action = ACTION_FAILED;
	if (strcmp(host, "-") != 0)
		x->remote_mta = xstrdup(host);
	assert_true(strlen(enh) < sizeof(x->enhanced));
	memcpy(x->enhanced, enh, strlen(enh) + 1);
	explain_rcpt_stage(x, stage);
	if (strcmp(code, "-") == 0)
		n = snprintf(diag, sizeof(diag), "X-Local; %s", text);
	else if (text[0] >= '0' && text[0] <= '9' && text[1] >= '0' &&
	    text[1] <= '9' && text[2] >= '0' && text[2] <= '9' &&
	    text[3] == ' ')
		n = snprintf(diag, sizeof(diag), "smtp; %s", text);
	else
		n = snprintf(diag, sizeof(diag), "smtp; %s%s%s %s", code,
		    enh[0] != '\0' ? " " : "", enh, text);
	assert_true(n > 0 && (size_t)n < sizeof(diag));
	dsn_diagnostic(diag, strlen(diag), x);
	/*
	 * the command the row names, as a bounce's "(in reply to EHLO
	 * command)" would: dsn_diagnostic() takes it from the text alone
	 * and, when the text names none, left the row's stage unread
	 */
	if (stage != STAGE__LAST)
		explain_rcpt_stage(x, stage);
	explain_finish(&r);
	got = x->reason;
	explain_result_free(&r);
	return got;
}

/* Count one text of group name in t[0..*nt): hit when it agreed. */
static inline void
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
static inline void
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
