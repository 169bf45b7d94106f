/*
 * jsonl.h - read JSON Lines one record at a time from a stream of any size,
 * with a hard bound on the length of one line.
 */
#ifndef MXTRACE_JSONL_H
#define MXTRACE_JSONL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <jansson.h>

#include "meaning/catalog.h"

/* A line (or an object printed over several lines) longer than this is
 * skipped as bad (a record is far smaller). */
#define JSONL_LINE_MAX	(16u * 1024 * 1024)
/* Warnings printed per file before only counting. */
#define JSONL_WARN_MAX	10

struct jsonl {
	FILE		*fp;		/* borrowed */
	const char	*name;		/* borrowed; for warnings */
	char		*buf;		/* owned */
	size_t		 cap, start, end;
	bool		 eof;
	bool		 read_error;
	char		*multi;		/* owned; a multi-line object being collected */
	size_t		 mlen, mcap;
	bool		 collecting;
	unsigned long	 line;		/* number of the last line read */
	unsigned long	 bad;		/* lines skipped: not JSON, not an object, too long */
	unsigned long	 records;	/* objects returned */
	enum lang	 lang;		/* of the warnings; LANG_EN after jsonl_init */
};

enum jsonl_status {
	JSONL_RECORD,	/* *out holds a new reference to a JSON object */
	JSONL_EOF,
	JSONL_ERROR,	/* reading the stream failed (errno set) */
	JSONL_FOREIGN	/* the first non-blank line is no JSON object (a CSV,
			 * a random file): not mxtrace output; nothing warned */
};

void	jsonl_init(struct jsonl *, FILE *, const char *name);
/* The next object; blank lines are skipped silently, bad lines with a
 * warning on stderr (the first JSONL_WARN_MAX of them) and counted;
 * JSONL_FOREIGN when the very first line is bad or longer than
 * JSONL_LINE_MAX (then stop reading). */
enum jsonl_status jsonl_next(struct jsonl *, json_t **out);
void	jsonl_free(struct jsonl *);

#endif
