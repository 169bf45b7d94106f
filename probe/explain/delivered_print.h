/*
 * delivered_print.h - a delivered message's analysis on the terminal.
 */
#ifndef MXTRACE_DELIVERED_PRINT_H
#define MXTRACE_DELIVERED_PRINT_H

#include <stdio.h>

#include <jansson.h>

#include "meaning/catalog.h"

/* Print the object delivered_to_json() made (borrowed) to f. */
void	 delivered_print(FILE *f, json_t *o, enum lang);

#endif
