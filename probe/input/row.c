/*
 * row.c - a list's row freed, and the queue of rows a reader parsed
 * ahead, whichever reader made them.
 *
 * Public: list_row_free, row_queue_push, row_queue_pop, row_queue_clear,
 * row_queue_free.
 */
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
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

void
row_queue_push(struct row_queue *q, struct list_row *r)
{
	struct list_row *nv;
	size_t i, ncap;

	if (q->n == q->cap) {
		ncap = q->cap ? q->cap * 2 : 64;
		nv = xcalloc(ncap, sizeof(*nv));
		for (i = 0; i < q->n; i++)
			nv[i] = q->v[(q->head + i) % q->cap];
		free(q->v);
		q->v = nv;
		q->cap = ncap;
		q->head = 0;
	}
	q->v[(q->head + q->n) % q->cap] = *r;
	q->n++;
	memset(r, 0, sizeof(*r));
}

bool
row_queue_pop(struct row_queue *q, struct list_row *out)
{
	if (q->n == 0)
		return false;
	*out = q->v[q->head];
	q->head = (q->head + 1) % q->cap;
	q->n--;
	return true;
}

void
row_queue_clear(struct row_queue *q)
{
	struct list_row r;

	while (row_queue_pop(q, &r))
		list_row_free(&r);
}

void
row_queue_free(struct row_queue *q)
{
	row_queue_clear(q);
	free(q->v);
	memset(q, 0, sizeof(*q));
}
