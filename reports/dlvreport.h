/*
 * dlvreport.h - the report's "Delivered messages" section: from the
 * `mxtrace explain --json` objects of kind delivered_message, counts per
 * spam verdict, the causes with how many messages each, and for the first
 * DLVREP_KEEP_MAX messages their path as a waterfall and their reasons.
 */
#ifndef MXTRACE_DLVREPORT_H
#define MXTRACE_DLVREPORT_H

#include <stddef.h>
#include <stdio.h>

#include <jansson.h>

#include "meaning/catalog.h"

#define DLVREP_KEEP_MAX	50	/* messages drawn in full */
#define DLVREP_HOPS_MAX	100	/* hops drawn per message */

struct dlvrep {
	size_t	 total;
	size_t	 inbox, spam, unknown;
	json_t	*causes;	/* owned; object: cause name -> count */
	json_t	*kept;		/* owned; array of the first DLVREP_KEEP_MAX records */
};

void	 dlvrep_init(struct dlvrep *);
/*
 * Take rec (borrowed; a reference is kept when drawn) if it is a delivered
 * message: returns 0, or -1 when it is something else.
 */
int	 dlvrep_add(struct dlvrep *, json_t *rec);
void	 dlvrep_free(struct dlvrep *);
/* The <section id="delivered">; nothing when no message was added. */
void	 dlvrep_html(FILE *, const struct dlvrep *, enum lang);

#endif
