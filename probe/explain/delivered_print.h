/*
 * delivered_print.h - a delivered message's analysis on the terminal.
 */
#ifndef MXTRACE_DELIVERED_PRINT_H
#define MXTRACE_DELIVERED_PRINT_H

#include <stdio.h>

#include <jansson.h>

#include "base/wrap.h"
#include "meaning/catalog.h"

/* Print the object delivered_to_json() made (borrowed) to f, laid out
 * for lay (explain_print asks the terminal once a page). */
void	 delivered_print(FILE *f, const struct wrap_out *lay, json_t *o,
	    enum lang);

#endif
