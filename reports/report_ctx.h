/*
 * report_ctx.h - what report_html.c shares with the parts of its page that
 * are files of their own (address_table.c): the page being written and the
 * helpers every part writes an address, a domain or a cause with.  Not for
 * other writers.
 */
#ifndef MXTRACE_REPORT_CTX_H
#define MXTRACE_REPORT_CTX_H

#include <stdbool.h>
#include <stdio.h>

#include "meaning/catalog.h"
#include "meaning/verdict.h"
#include "reports/agg.h"

/*
 * A page listing more addresses than REPORT_FULL_ROWS is too heavy for a
 * phone (100,000 rows: 32 MB, 1.9 M DOM nodes, 15 s to load at 390 px in
 * headless Chromium; measured, docs/mxtrace.1 REPORT): its table lists in
 * full up to that many that need a look, and those that can receive mail
 * only as a compact list of up to REPORT_COMPACT_PER times as many.
 */
#define REPORT_FULL_ROWS	2000
#define REPORT_COMPACT_PER	10

struct report_ctx {
	FILE			*out;
	const struct agg	*agg;
	enum lang		 lang;
	size_t			 detail_max, page_rows, domain_max;
	size_t			 full_rows;	/* REPORT_FULL_ROWS */
	size_t			 unchecked;	/* addresses of unfinished runs
						 * not checked yet */
};

/* The page's label for key, trusted (the catalogue's). */
static inline const char *
L(const struct report_ctx *c, const char *key)
{
	return catalog_label(c->lang, key);
}

/* A reason's label ("report.reason.NAME"). */
const char *report_reason_label(enum lang, enum reason);
/* A domain as its owner writes it (U-label, then the A-label); "" is none. */
void	 report_domain(struct report_ctx *, const char *name);
/* The cell an address was cleaned out of, under it (r->given). */
void	 report_cell_read(struct report_ctx *, const struct agg_row *r);
/* The start of a link to row i's path (waterfall_article's "a<i>") when
 * the page shows it (its record kept, agg's detail); whether it wrote it. */
bool	 report_path_link(struct report_ctx *, size_t i);
/* Row i's address, linked to its path when the page has it. */
void	 report_address(struct report_ctx *, size_t i, int italic);
/* A typo's fix (r->suggestion), under the address. */
void	 report_suggestion(struct report_ctx *, const struct agg_row *r);

#endif
