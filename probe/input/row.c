/*
 * row.c - a list's row freed, whichever reader made it.
 *
 * Public: list_row_free.
 */
#include <stdlib.h>
#include <string.h>

#include "input/row.h"

void
list_row_free(struct list_row *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		free(r->fields[i]);
	free(r->fields);
	free(r->lens);
	memset(r, 0, sizeof(*r));
}
