/*
 * replay_check.h - for the fuzz targets of verify's list reader
 * (fuzz_listin, fuzz_xlsx): the input is read with a spool (rowspool.c),
 * every row handed out is logged, then listin_rewind and the rows read
 * back from the spool must be the same rows - as many, each with the same
 * row number, error, address and cells (count, lengths, bytes) - since
 * verify's later passes (probes, the CSV written) take them from there.
 * A difference aborts.  Static: each target includes it once.
 */
#ifndef MXTRACE_REPLAY_CHECK_H
#define MXTRACE_REPLAY_CHECK_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "input/listin.h"

/* The rows of the first read, flattened; replayed rows compared at pos. */
struct replay_log {
	unsigned char	*buf;
	size_t		 len, cap, pos;
	int		 checking;	/* 0: appending, 1: comparing */
};

static void
replay_bytes(struct replay_log *g, const void *p, size_t n)
{
	if (g->checking) {
		if (n > g->len - g->pos || memcmp(g->buf + g->pos, p, n) != 0)
			abort();
		g->pos += n;
		return;
	}
	if (n > g->cap - g->len) {
		while (n > g->cap - g->len)
			g->cap = g->cap ? g->cap * 2 : 4096;
		if ((g->buf = realloc(g->buf, g->cap)) == NULL)
			abort();
	}
	memcpy(g->buf + g->len, p, n);
	g->len += n;
}

static void
replay_size(struct replay_log *g, size_t n)
{
	replay_bytes(g, &n, sizeof(n));
}

/* One row as handed out: logged (first read) or compared (replay). */
static void
replay_row(struct replay_log *g, const struct listin_row *r)
{
	size_t i;

	replay_size(g, r->row);
	replay_size(g, r->error != NULL);
	if (r->error != NULL) {
		replay_size(g, strlen(r->error));
		replay_bytes(g, r->error, strlen(r->error));
	}
	replay_size(g, r->addrlen);
	replay_bytes(g, r->addr, r->addrlen + 1);
	replay_size(g, r->nfields);
	for (i = 0; i < r->nfields; i++) {
		replay_size(g, r->lens[i]);
		replay_bytes(g, r->fields[i], r->lens[i] + 1);
	}
}

/*
 * After listin_next returned 0 on a reader opened with a spool: rewind,
 * read the rows back, compare them with g's.
 */
static void
replay_check(struct replay_log *g, struct listin *l)
{
	struct listin_row r;
	int rv;

	if (listin_rewind(l) < 0)
		abort();
	g->checking = 1;
	g->pos = 0;
	while ((rv = listin_next(l, &r)) > 0)
		replay_row(g, &r);
	if (rv < 0 || g->pos != g->len)
		abort();
	g->checking = 0;
}

/*
 * A new input: g emptied, and the spool, one temporary file for the whole
 * run made empty (a tmpfile() per input costs more than most inputs'
 * reading).
 */
static FILE *
replay_begin(struct replay_log *g)
{
	static FILE *spool;

	g->len = g->pos = 0;
	g->checking = 0;
	if (spool == NULL && (spool = tmpfile()) == NULL)
		abort();
	rewind(spool);
	if (ftruncate(fileno(spool), 0) != 0)
		abort();
	return spool;
}

#endif
