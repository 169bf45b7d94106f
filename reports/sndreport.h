/*
 * sndreport.h - `mxtrace sender` as HTML in the report's style: the
 * "Your own sending set-up" section (cards per status, the checklist worst
 * first with what each finding means) from the sender JSON object, and a
 * self-contained page of it (sender --html FILE).
 */
#ifndef MXTRACE_SNDREPORT_H
#define MXTRACE_SNDREPORT_H

#include <stdio.h>

#include <jansson.h>

#include "meaning/catalog.h"

/* The <section id="sender"> for one sender object (borrowed). */
void	sndreport_html(FILE *, const json_t *sender, enum lang);
/* A whole page: head with the report's CSS and script (the check's time
 * in the reader's zone), the section. */
void	sndreport_page(FILE *, const json_t *sender, enum lang);

#endif
