/*
 * unfinished.h - a verify run the report reads that is not finished (it
 * was interrupted, or is still running): the results file's FILE.meta
 * (verify/jsonl_out.h) says how many addresses the list holds, the file
 * holds fewer records.  The page then says how many are not checked yet
 * and the command that finishes the run, and counts them in its totals,
 * so an unfinished list never reads as a whole one.
 */
#ifndef MXTRACE_UNFINISHED_H
#define MXTRACE_UNFINISHED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "meaning/catalog.h"

/* Unfinished files given their command on the page; the rest are counted. */
#define UNF_FILES_MAX	20

struct unf_file {
	char		*results;	/* owned: the records file as given */
	char		*input;		/* owned: the list it was made from */
	char		*shard;		/* owned: "K/N", or NULL */
	char		*options;	/* owned: the first run's options as
					 * command words (runopts_words), NULL
					 * when FILE.meta is older than them */
	bool		 password;	/* a proxy password shown as *** */
	bool		 restart;	/* FILE.meta numbers rows another way
					 * (jsonl_meta_rows_current): --resume
					 * is refused, the command starts the
					 * list over (--force) */
	unsigned long	 addresses;	/* the list's (in the shard) */
	unsigned long	 missing;	/* of those, not in the file */
};

struct unf_set {
	struct unf_file	*v;		/* owned */
	size_t		 n;
	unsigned long	 missing;	/* over every file */
};

enum unf_status {
	UNF_NONE,	/* no FILE.meta (a file copied alone, standard input),
			 * one older than the count, or nothing missing */
	UNF_ADDED,	/* unfinished: added to the set */
	UNF_IGNORED,	/* FILE.meta unusable: *why says why */
};

/* What a verify run's FILE.meta says of it, finished or not. */
struct unf_said {
	char		*list;		/* owned: the list verify checked, as
					 * FILE.meta names it; NULL when the
					 * list was standard input, or no meta */
	int		 catch_all;	/* the catch-all check: 1 on, 0 off
					 * (--no-catch-all-check), -1 not said:
					 * no meta, or one older than its
					 * options */
};

/*
 * path's FILE.meta, once the report took rows records from path.  For
 * UNF_IGNORED *why (owned, English: the caller's message translates it)
 * says why the meta is not used: unreadable, not verify's, or counting
 * fewer addresses than the file holds records.  *said is filled whenever
 * the meta is verify's, whatever the status (else list NULL, catch_all
 * -1); its list is the caller's to free.
 */
enum unf_status	 unf_check(struct unf_set *, const char *path,
		    unsigned long rows, struct unf_said *said, char **why);
/* The command that finishes f's run (--resume, or --force when f->restart),
 * each word shell-quoted; owned. */
char		*unf_command(const struct unf_file *);
/*
 * The notice at the top of the page: how many of the list's addresses are
 * not checked yet (checked: the records the page holds), what that means,
 * and each file's command.  Nothing when s is NULL or nothing is missing.
 */
void		 unf_html(FILE *, const struct unf_set *, size_t checked,
		    enum lang);
void		 unf_free(struct unf_set *);

#endif
