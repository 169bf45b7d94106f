/*
 * jsonl_out.h - verify's JSON Lines output: append-only, one write() per
 * whole line, locked against a second writer, fsync'ed at least every
 * JSONL_SYNC_MS and at close, resumable.  The input's identity lives
 * beside the output in FILE.meta, so the output holds one record per input
 * address and nothing else (shards concatenate into one valid result).
 */
#ifndef MXTRACE_JSONL_OUT_H
#define MXTRACE_JSONL_OUT_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#define JSONL_SYNC_MS	2000

/*
 * How the records' "row" and "part" are counted, written in FILE.meta as
 * "rows_version".  --resume matches the records already written to the
 * list's rows by them, so records counted another way would be matched to
 * other rows: a --resume onto records of another version (or of a meta
 * without one) is refused.  Raise it with every change to how rows are
 * numbered or records keyed.  None (before 2026-12): a CSV's empty lines
 * were not counted; 2: the row Excel shows, empty lines counted.
 */
#define JSONL_ROWS_VERSION	2

enum jsonl_mode {
	JSONL_NEW,	/* refuse a non-empty existing file */
	JSONL_RESUME,	/* keep what is there (torn last line cut), append */
	JSONL_FORCE,	/* truncate an existing file */
};

enum jsonl_status {
	JSONL_OK,
	JSONL_ECREATE,		/* cannot open/create/lock/read the file */
	JSONL_ELOCKED,		/* another run is writing it */
	JSONL_EEXISTS,		/* not empty and neither --resume nor --force */
	JSONL_EMISMATCH,	/* FILE.meta names another input, shard or
				 * sheet */
	JSONL_EOPTIONS,		/* FILE.meta records other options that change
				 * results (runopts.h) */
};

/* What a run records in FILE.meta; compared on --resume. */
struct jsonl_ident {
	const char	*input;		/* the input's name as given */
	const char	*sha256;	/* hex SHA-256 of the input bytes */
	const char	*shard;		/* "K/N" or NULL */
	const char	*column;	/* --column or NULL */
	const char	*sheet;		/* --sheet or NULL: which rows are read */
	/* the output settings a --resume reuses when not given again */
	const char	*encoding;	/* the input's, as read */
	const char	*csv;		/* --csv FILE or NULL */
	const char	*csv_delimiter;	/* "," ";" or "\t" */
	const char	*lang;		/* "en" or "zh" */
	/* what a complete output holds: one record per address of the input
	 * (in this shard), so a reader can tell how many are still missing */
	unsigned long	 addresses;
	/* this run's options (runopts_json), borrowed */
	const json_t	*options;
	/* with sha256 NULL: the input's hash, made when asked (may be NULL).
	 * Asked only when the decision depends on the input: the output
	 * holds records and the mode is not JSONL_FORCE.  Returns the hex
	 * SHA-256 (kept by the callee: asked again, the same), NULL when
	 * the input cannot be read. */
	const char	*(*sha256_of)(void *arg);
	void		*sha256_arg;
};

/* Each complete line already in the file on --resume (without '\n');
 * return -1 to refuse the file (with a message printed by the callee). */
typedef int	jsonl_line_cb(void *arg, const char *line, size_t len);

struct jsonl_out;

/*
 * The output, opened in two steps for a caller that decides between them
 * whether the run goes on.  jsonl_read opens path for appending (path
 * NULL or "-": standard output, no lock, no meta, no resume), locked,
 * created when missing, and on --resume hands cb every whole line already
 * present, writing nothing; JSONL_OK with *out set, or another status
 * with *err (owned).  jsonl_begin cuts a torn last line (*note, owned,
 * may be NULL: what resume repaired), on --resume takes out the lines
 * drop (may be NULL; handed the same whole lines in the same order as
 * cb, so it may tell a line by its place) returns 1 for (records to
 * probe again: the file is
 * rewritten whole, PATH.tmp renamed over it, locked before; on failure
 * JSONL_ECREATE and the file as it was), truncates (JSONL_FORCE) and
 * writes FILE.meta.  A run that stops between them leaves the records
 * and FILE.meta as they were (jsonl_close).
 */
enum jsonl_status jsonl_read(const char *path, enum jsonl_mode,
		    const struct jsonl_ident *, jsonl_line_cb *cb, void *arg,
		    struct jsonl_out **out, char **err);
enum jsonl_status jsonl_begin(struct jsonl_out *, const char *path,
		    enum jsonl_mode, const struct jsonl_ident *,
		    jsonl_line_cb *drop, void *arg, char **err, char **note);
/*
 * Would jsonl_read refuse path?  A folder, a file that is not regular, one
 * not to be created, locked or written, one with records and neither
 * --resume nor --force (what that refusal advises depends on whether
 * --resume would continue them: id's sha256, shard and options, when the
 * sha256 is known; JSONL_EOPTIONS when only the options differ), a
 * --resume onto records of another input, shard or options (the same
 * checks jsonl_read makes, when id's sha256 is known or made by its
 * sha256_of, which is asked only then).  The one
 * decision jsonl_read makes too, asked before the input is read, so a
 * refusal comes before any word about work that will not happen.  A file
 * it creates to find out is removed again.  JSONL_OK, or another status
 * with *err (owned).
 */
enum jsonl_status jsonl_check(const char *path, enum jsonl_mode,
		    const struct jsonl_ident *id, char **err);
/*
 * Append one line (line[len-1] must be '\n') with one write().  On failure
 * the file is cut back to its last whole line and -1 returned, errno set.
 */
int		 jsonl_write(struct jsonl_out *, const char *line, size_t len);
/* fsync when something was written since the last one; -1 on failure. */
int		 jsonl_sync(struct jsonl_out *);
/* Bytes of whole lines in the file. */
long long	 jsonl_size(const struct jsonl_out *);
/* Final fsync, unlock, close; -1 when the fsync or close failed. */
int		 jsonl_close(struct jsonl_out *);

/*
 * FILE.meta as JSON (a new reference), or NULL when it is missing, not JSON
 * or not an mxtrace verify meta (a field missing or of the wrong type).
 */
json_t		*jsonl_meta_load(const char *path);

enum jsonl_meta {
	JSONL_META_OK,
	JSONL_META_NONE,	/* path has no FILE.meta */
	JSONL_META_UNREADABLE,	/* not a regular file, over META_FILE_MAX
				 * bytes, unreadable or not JSON */
	JSONL_META_FOREIGN,	/* JSON, but not an mxtrace verify meta */
};

/*
 * FILE.meta of path, read with a bound (META_FILE_MAX bytes, never from a
 * FIFO or a device): JSONL_META_OK with *meta (a new reference); for
 * UNREADABLE *why (owned) says why, for FOREIGN *why names the field that
 * is missing or of the wrong type (old metas without "addresses" are ours).
 */
enum jsonl_meta	 jsonl_meta_read(const char *path, json_t **meta, char **why);

/*
 * Does FILE.meta (as jsonl_meta_read gave it) number rows as this mxtrace
 * does (its rows_version is JSONL_ROWS_VERSION)?  When not, --resume
 * refuses its records and only --force starts the list over.
 */
bool		 jsonl_meta_rows_current(const json_t *meta);

/* path + ".meta", owned. */
char		*jsonl_meta_path(const char *path);

#endif
