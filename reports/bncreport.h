/*
 * bncreport.h - the report's "Bounces" section: from the `mxtrace explain
 * --json` records of bounces (kinds failure, delayed, delivered,
 * auto_reply, feedback, not_a_bounce), the failed recipients counted by
 * reason, by side, by recipient domain and by day, and a table of the
 * first BNCREP_ROWS_MAX failed recipients with the server's words.
 */
#ifndef MXTRACE_BNCREPORT_H
#define MXTRACE_BNCREPORT_H

#include <stddef.h>
#include <stdio.h>

#include <jansson.h>

#include "meaning/catalog.h"

#define BNCREP_ROWS_MAX		200	/* failed recipients listed */
#define BNCREP_DOMAINS_MAX	1000	/* distinct domains counted; the rest as "other" */
#define BNCREP_DAYS_MAX		400	/* distinct days counted */
#define BNCREP_SHOWN_MAX	20	/* domains and days drawn */

struct bncrep {
	size_t	 messages;	/* explain records of a bounce kind */
	size_t	 kinds[8];	/* per explain kind, by kind_index() */
	size_t	 failed;	/* failed recipients */
	json_t	*reasons;	/* owned; reason -> count */
	json_t	*sides;		/* owned; side -> count */
	json_t	*domains;	/* owned; domain -> count */
	json_t	*days;		/* owned; YYYY-MM-DD -> count */
	json_t	*rows;		/* owned; array of the first failed recipients */
	json_t	*ours;		/* owned; our sender domain -> failures on our side */
};

void	bncrep_init(struct bncrep *);
/* Take rec (borrowed) if it is an explain record of a bounce: 0, else -1. */
int	bncrep_add(struct bncrep *, json_t *rec);
void	bncrep_free(struct bncrep *);
/* The <section id="bounces">; nothing when no bounce was added. */
void	bncrep_html(FILE *, const struct bncrep *, enum lang);

#endif
