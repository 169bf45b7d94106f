/*
 * source.h - the messages of one input, one at a time: a single message
 * file (.eml), an mbox (streamed message by message: memory does not grow
 * with its size), a maildir (cur/ and new/) or a folder of message files,
 * or stdin ("-": a message, an mbox, or text pasted from a mail client,
 * read as the body of a message).
 */
#ifndef MXTRACE_EXPLAIN_SOURCE_H
#define MXTRACE_EXPLAIN_SOURCE_H

#include <stddef.h>

#include <gmime/gmime.h>

#include "explain/filekind.h"

struct source;
struct strlist;

/*
 * Why an input gave no message: kind FILEKIND_TEXT when it could not be
 * opened or read (source_open_why's *err says why), else what it holds
 * instead (empty, a PDF, a damaged Outlook .msg...) for the caller to
 * word with its own advice; cause (owned, or NULL): what reading a
 * damaged .msg met.
 */
struct source_fail {
	enum filekind	 kind;
	char		*cause;
};

/* NULL with *err (owned) set when path gives no message: explain's words. */
struct source	*source_open(const char *path, char **err);
/*
 * NULL on failure with *f set (the caller frees f->cause) and *err
 * (owned) set only when it could not be opened or read.
 */
struct source	*source_open_why(const char *path, char **err, struct source_fail *f);

/*
 * The next message: 1 with *msg (the caller unrefs it) and *name (borrowed,
 * valid until the next call: the file the message came from) and *index
 * (1-based position in an mbox, else 1); 0 at the end; -1 with *err
 * (owned) for one entry that holds no message (the caller may go on): a
 * folder's file in explain's words (filekind_bounce_error); -2 with *err
 * for a folder's file that cannot be opened or read (its permissions, an
 * I/O error: the data is not at fault).
 */
int		 source_next(struct source *, GMimeMessage **msg,
		    const char **name, size_t *index, char **err);

/*
 * Whether the message last returned came from an mbox (a file that may
 * hold several), not a file of its own: `sender --message` takes one.
 */
int		 source_from_mbox(const struct source *);
/* Messages returned so far. */
size_t		 source_count(const struct source *);
/* The folders inside a folder given (its own cur and new aside): not
 * read.  Borrowed, valid until source_close. */
const struct strlist *source_subfolders(const struct source *);
/* Its folders past the EXPLAIN_SUBFOLDERS_SAID named: not read either. */
size_t		 source_subfolders_more(const struct source *);
/*
 * How many files of a folder given are read when it held more than
 * EXPLAIN_FILES_MAX (the rest are not); 0 when all are.
 */
size_t		 source_files_cut(const struct source *);
/*
 * A folder's regular files (dot files skipped) added to files while it
 * holds fewer than max (a maildir's cur/ and new/ share one bound), its
 * folders to subfolders (not read: the user is told so) while it holds
 * fewer than EXPLAIN_SUBFOLDERS_SAID, the rest counted in *more; both
 * lists unsorted.
 * 1 when a file was left out for the bound, 0 when none was, -1 with
 * *err (owned) when the folder cannot be read.
 */
int		 source_list_dir(const char *dir, size_t max,
		    struct strlist *files, struct strlist *subfolders,
		    size_t *more, char **err);
void		 source_close(struct source *);

#endif
