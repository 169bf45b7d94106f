/*
 * bncreport.h - the report's "Bounces" section: from the `mxtrace explain
 * --json` records of bounces (kinds failure, delayed, delivered,
 * auto_reply, feedback, not_a_bounce), the failed recipients counted by
 * side (what to do), by reason, by recipient domain and by day, and a table
 * of the first BNCREP_ROWS_MAX failed recipients with the server's words.
 * Two reasons on our side are groups of their own in what to do, as
 * their fix is not our set-up's: a complaint's recipients (resending to
 * them is no fix) and a message sent to too many recipients at once
 * (split and resend; mxtrace sender cannot see it).
 */
#ifndef MXTRACE_BNCREPORT_H
#define MXTRACE_BNCREPORT_H

#include <stddef.h>
#include <stdio.h>
#include <time.h>

#include <jansson.h>

#include "meaning/catalog.h"

#define BNCREP_ROWS_MAX		200	/* failed recipients listed */
#define BNCREP_DOMAINS_MAX	1000	/* distinct domains counted; the rest as others */
#define BNCREP_DAYS_MAX		400	/* distinct days counted; the rest as others */
#define BNCREP_SHOWN_MAX	20	/* domains and days drawn */
/* what to do's groups: each side (enum side), then complaints, then too
 * many recipients */
#define BNCREP_COMPLAINTS	SIDE__LAST
#define BNCREP_SPLIT		(SIDE__LAST + 1)
#define BNCREP_GROUPS		(SIDE__LAST + 2)

struct bncrep {
	size_t	 messages;	/* explain records of a bounce kind */
	size_t	 kinds[8];	/* per explain kind, by kind_index() */
	size_t	 failed;	/* failed recipients */
	json_t	*reasons;	/* owned; reason -> count */
	size_t	 todo[BNCREP_GROUPS];	/* failed recipients per group */
	json_t	*domains;	/* owned; domain -> count */
	json_t	*days;		/* owned; YYYY-MM-DD -> count */
	json_t	*rows;		/* owned; array of the first failed recipients */
	json_t	*ours;		/* owned; our sender domain -> failures on our side */
	size_t	 no_domain;	/* failed recipients the bounce names no address of */
	size_t	 unreadable;	/* failed recipients, address unreadable */
	size_t	 domains_other;	/* past BNCREP_DOMAINS_MAX domains */
	size_t	 undated;	/* neither the original nor the attempt dated */
	size_t	 future;	/* dated after the day after the report was made */
	size_t	 days_other;	/* past BNCREP_DAYS_MAX days */
	time_t	 now;		/* when the report was made (bncrep_init) */
};

void	bncrep_init(struct bncrep *);
/* Take rec (borrowed) if it is an explain record of a bounce: 0, else -1. */
int	bncrep_add(struct bncrep *, json_t *rec);
void	bncrep_free(struct bncrep *);
/* The <section id="bounces">; nothing when no bounce was added. */
void	bncrep_html(FILE *, const struct bncrep *, enum lang);

#endif
