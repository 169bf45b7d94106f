/*
 * jsonl_out.c - the append-only JSON Lines output of `mxtrace verify`.
 *
 * Open: O_CREAT, flock(LOCK_EX|LOCK_NB) so a second run on the same file
 * fails at once; a new run writes FILE.meta (how rows are numbered, input
 * name, SHA-256, shard, the number of addresses a complete output holds,
 * the options that runopts.c records) through a temporary file and
 * rename; --resume reads FILE.meta back and refuses records numbered
 * another way, another input or other options that change results,
 * hands every whole line to the caller, then (jsonl_begin: the caller may
 * stop before it, nothing written) cuts a torn last line (a kill
 * mid-write) and rewrites FILE.meta with the settings in force (the
 * output settings a later --resume reuses).  Write: one
 * write() per line; a short or failed write cuts the file back to the last
 * whole line, so the file never holds half a record.  fsync at least every
 * JSONL_SYNC_MS.
 *
 * Public: jsonl_check, jsonl_read, jsonl_begin, jsonl_write,
 * jsonl_sync, jsonl_size, jsonl_close, jsonl_meta_path, jsonl_meta_read,
 * jsonl_meta_load, jsonl_meta_rows_current.
 */
#include <sys/file.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "verify/jsonl_out.h"
#include "base/atomic.h"
#include "base/limits.h"
#include "base/syserr.h"
#include "base/util.h"
#include "verify/runopts.h"

#define JSONL_READ_BUF	(256 * 1024)	/* bytes read at once on --resume */

struct jsonl_out {
	int		 fd;
	bool		 is_stdout;
	bool		 dirty;
	long long	 size;		/* bytes of whole lines */
	long long	 last_sync;	/* now_ms() of the last fsync */
};

char *
jsonl_meta_path(const char *path)
{
	return xasprintf("%s.meta", path);
}

static enum jsonl_status
fail(enum jsonl_status st, char **err, const char *fmt, const char *path)
{
	*err = xasprintf(fmt, path, syserr_text(errno));
	return st;
}

/* Write FILE.meta atomically: temporary file, fsync, rename. */
static int
meta_write(const char *path, const struct jsonl_ident *id, char **err)
{
	char *meta = jsonl_meta_path(path), *tmp = xasprintf("%s.tmp", meta);
	char when[32];
	time_t t = time(NULL);
	struct tm tm;
	json_t *o;
	FILE *f;
	int rv = -1;

	gmtime_r(&t, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	o = json_pack("{s:i, s:i, s:s, s:s, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?, "
	    "s:s?, s:s, s:I, s:O?}", "mxtrace_verify", 1, "rows_version",
	    JSONL_ROWS_VERSION, "input", id->input ? id->input : "-",
	    "input_sha256", id->sha256, "shard", id->shard, "column", id->column,
	    "sheet", id->sheet, "encoding", id->encoding, "csv", id->csv,
	    "csv_delimiter", id->csv_delimiter, "lang", id->lang, "started_at",
	    when, "addresses", (json_int_t)id->addresses, "options", id->options);
	if (o == NULL)
		fatalx("%s: json_pack", __func__);
	if ((f = fopen(tmp, "w")) == NULL)
		goto out;
	if (json_dumpf(o, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER) != 0 ||
	    fputc('\n', f) == EOF || fflush(f) != 0 || fsync(fileno(f)) != 0) {
		fclose(f);
		unlink(tmp);
		goto out;
	}
	if (fclose(f) != 0 || rename(tmp, meta) != 0) {
		unlink(tmp);
		goto out;
	}
	rv = 0;
 out:
	if (rv < 0)
		*err = xasprintf("cannot write %s: %s", meta, syserr_text(errno));
	json_decref(o);
	free(meta);
	free(tmp);
	return rv;
}

/*
 * Why: FILE.meta may be hand-edited, truncated or another program's file.
 * Every field is read by name and checked for its type (the optional ones
 * are a string, null or absent), so nothing depends on the order fields
 * are read in, and a foreign file is named as such instead of passing for
 * "another input".  Returns the field that is missing or wrong, or NULL
 * when the meta is ours.
 */
static const char *
meta_foreign(const json_t *o)
{
	static const char *const opt[] = { "input", "shard", "column",
	    "sheet", "encoding", "csv", "csv_delimiter", "lang" };
	const json_t *v;
	size_t i;

	v = json_object_get(o, "mxtrace_verify");
	if (!json_is_integer(v) || json_integer_value(v) != 1)
		return "mxtrace_verify";
	if (!json_is_string(json_object_get(o, "input_sha256")))
		return "input_sha256";
	/* written since rows are numbered as Excel shows them; older metas
	 * have none */
	v = json_object_get(o, "rows_version");
	if (v != NULL && (!json_is_integer(v) || json_integer_value(v) < 1))
		return "rows_version";
	for (i = 0; i < sizeof(opt) / sizeof(opt[0]); i++) {
		v = json_object_get(o, opt[i]);
		if (v != NULL && !json_is_null(v) && !json_is_string(v))
			return opt[i];
	}
	/* written since the report tells an unfinished run; older metas
	 * have none */
	v = json_object_get(o, "addresses");
	if (v != NULL && (!json_is_integer(v) || json_integer_value(v) < 0))
		return "addresses";
	/* written since a resume is checked against the first run's
	 * options; older metas have none */
	if ((v = json_object_get(o, "options")) != NULL && !json_is_null(v))
		return runopts_bad(v);
	return NULL;
}

/* Why: FILE.meta is input like any other: a FIFO would block the reader,
 * a huge file would fill the memory. */
static enum jsonl_meta
meta_read_file(const char *meta, json_t **out, char **why)
{
	char *buf;
	size_t got = 0;
	ssize_t n = 0;
	struct stat sb;
	json_error_t je;
	int fd;

	*out = NULL;
	*why = NULL;
	if ((fd = open(meta, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)) <
	    0) {
		if (errno == ENOENT)
			return JSONL_META_NONE;
		*why = xstrdup(syserr_text(errno));
		return JSONL_META_UNREADABLE;
	}
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		close(fd);
		*why = xstrdup("not a regular file");
		return JSONL_META_UNREADABLE;
	}
	buf = xmalloc(META_FILE_MAX + 1);
	while (got <= META_FILE_MAX) {
		n = read(fd, buf + got, META_FILE_MAX + 1 - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	if (n < 0)
		*why = xstrdup(syserr_text(errno));
	else if (got > META_FILE_MAX)
		*why = xasprintf("larger than %d bytes", META_FILE_MAX);
	else if ((*out = json_loadb(buf, got, 0, &je)) == NULL)
		*why = xasprintf("not JSON: %s", je.text);
	close(fd);
	free(buf);
	return *out != NULL ? JSONL_META_OK : JSONL_META_UNREADABLE;
}

enum jsonl_meta
jsonl_meta_read(const char *path, json_t **meta, char **why)
{
	char *name = jsonl_meta_path(path);
	enum jsonl_meta st = meta_read_file(name, meta, why);
	const char *field;

	free(name);
	if (st == JSONL_META_OK && (field = meta_foreign(*meta)) != NULL) {
		json_decref(*meta);
		*meta = NULL;
		*why = xstrdup(field);
		st = JSONL_META_FOREIGN;
	}
	return st;
}

json_t *
jsonl_meta_load(const char *path)
{
	json_t *o;
	char *why;

	if (jsonl_meta_read(path, &o, &why) != JSONL_META_OK)
		o = NULL;
	free(why);
	return o;
}

static bool
same(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

/* The input's hash: given, or made now by id's hook; NULL: not known. */
static const char *
ident_sha256(const struct jsonl_ident *id)
{
	if (id == NULL || id->sha256 != NULL || id->sha256_of == NULL)
		return id != NULL ? id->sha256 : NULL;
	return id->sha256_of(id->sha256_arg);
}

bool
jsonl_meta_rows_current(const json_t *meta)
{
	return json_integer_value(json_object_get(meta, "rows_version")) ==
	    JSONL_ROWS_VERSION;
}

/*
 * Why: records whose rows were counted another way would be matched to
 * other rows of the list, silently.  NULL when FILE.meta o numbers rows as
 * this mxtrace does, else why --resume cannot continue path's records
 * (owned): resume says whether the words are --resume's refusal or the
 * advice for records there without it.
 */
static char *
meta_version_error(const json_t *o, const char *path, bool resume)
{
	const json_t *v = json_object_get(o, "rows_version");

	if (jsonl_meta_rows_current(o))
		return NULL;
	if (v == NULL && resume)
		return xasprintf("--resume: %s was made by an older mxtrace, "
		    "whose .meta does not say how it numbered the list's rows "
		    "(no rows_version; this mxtrace writes %d): its records could "
		    "be matched to other rows, so --resume cannot continue it: "
		    "start it over with --force instead of --resume, or use "
		    "another -o FILE", path, JSONL_ROWS_VERSION);
	if (v == NULL)
		return xasprintf("%s exists and is not empty, and was made by an "
		    "older mxtrace, whose .meta does not say how it numbered the "
		    "list's rows (no rows_version; this mxtrace writes %d), so "
		    "--resume cannot continue it: use another -o FILE, or --force "
		    "to start it over", path, JSONL_ROWS_VERSION);
	if (resume)
		return xasprintf("--resume: %s was made by an mxtrace that "
		    "numbers the list's rows another way (rows_version %lld; this "
		    "mxtrace writes %d): its records would be matched to other rows, "
		    "so --resume cannot continue it: start it over with --force "
		    "instead of --resume, or use another -o FILE", path,
		    (long long)json_integer_value(v), JSONL_ROWS_VERSION);
	return xasprintf("%s exists and is not empty, and was made by an "
	    "mxtrace that numbers the list's rows another way (rows_version "
	    "%lld; this mxtrace writes %d), so --resume cannot continue it: use "
	    "another -o FILE, or --force to start it over", path,
	    (long long)json_integer_value(v), JSONL_ROWS_VERSION);
}

/*
 * Why: --column and --sheet choose the cells read, and the records are
 * matched to the list's rows by number alone: records of another column
 * or sheet would pass for this one's.  The option given now (one not
 * given keeps the first run's, resume_settings) that differs from
 * FILE.meta o's, its first value in *was ("(none)": by the header) and
 * its value now in *now, or NULL.
 */
static const char *
rows_differ(const json_t *o, const struct jsonl_ident *id, const char **was,
    const char **now)
{
	static const char *const key[] = { "column", "sheet" };
	static const char *const opt[] = { "--column", "--sheet" };
	const char *given[] = { id->column, id->sheet };
	size_t i;

	for (i = 0; i < 2; i++) {
		*was = json_string_value(json_object_get(o, key[i]));
		*now = given[i];
		if (given[i] != NULL && !same(*was, given[i])) {
			if (*was == NULL)
				*was = "(none)";
			return opt[i];
		}
	}
	return NULL;
}

/* --resume: FILE.meta must be ours, number rows as this mxtrace does and
 * name the same input (shard, column and sheet), and, when it records them (not
 * before 2026-12), the same options that change results. */
static enum jsonl_status
meta_check(const char *path, const struct jsonl_ident *id, char **err)
{
	char *meta = jsonl_meta_path(path), *why = NULL;
	json_t *o = NULL, *first;
	const char *sha, *shard, *opt, *was, *now, *input = ident_sha256(id);
	enum jsonl_status st = JSONL_EMISMATCH;

	switch (jsonl_meta_read(path, &o, &why)) {
	case JSONL_META_OK:
		break;
	case JSONL_META_FOREIGN:
		*err = xasprintf("--resume: %s is not the .meta file of an "
		    "mxtrace verify run (field %s): mxtrace cannot tell which input "
		    "%s was made from; use another -o FILE, or --force to "
		    "start it over", meta, why, path);
		goto out;
	default:
		*err = xasprintf("--resume: cannot read %s (%s): without it "
		    "mxtrace cannot tell which input %s was made from",
		    meta, why ? why : syserr_text(ENOENT), path);
		goto out;
	}
	sha = json_string_value(json_object_get(o, "input_sha256"));
	shard = json_string_value(json_object_get(o, "shard"));
	if ((*err = meta_version_error(o, path, true)) != NULL)
		goto out;
	if (!same(sha, input))
		*err = xasprintf("--resume: %s was made from another input, or "
		    "from this list before it changed (SHA-256 %.12s..., this "
		    "input %.12s...): use another -o FILE, or --force to start "
		    "it over", path, sha, input);
	else if (!same(shard, id->shard))
		*err = xasprintf("--resume: %s was made for shard %s, not %s",
		    path, shard ? shard : "(none)", id->shard ? id->shard : "(none)");
	else if ((opt = rows_differ(o, id, &was, &now)) != NULL)
		*err = xasprintf("--resume: %s was made with %s %s, not %s: "
		    "leave %s out (the first run's is kept), or use another "
		    "-o FILE", path, opt, was, now, opt);
	else if (json_is_object(first = json_object_get(o, "options")) &&
	    runopts_diff(first, id->options, NULL, 0) > 0) {
		*err = xasprintf("--resume: %s was made with other options", path);
		st = JSONL_EOPTIONS;
	} else
		st = JSONL_OK;
 out:
	json_decref(o);
	free(why);
	free(meta);
	return st;
}

/* Cut everything after the last '\n'; returns the bytes cut, -1 on error. */
static long long
cut_torn(int fd, long long size)
{
	char buf[4096];
	long long pos = size, keep = 0;
	ssize_t n, i;

	while (pos > 0) {
		size_t want = pos > (long long)sizeof(buf) ? sizeof(buf) : (size_t)pos;

		pos -= (long long)want;
		if ((n = pread(fd, buf, want, pos)) != (ssize_t)want)
			return -1;
		for (i = n - 1; i >= 0; i--)
			if (buf[i] == '\n') {
				keep = pos + i + 1;
				goto found;
			}
	}
 found:
	if (keep < size && ftruncate(fd, keep) != 0)
		return -1;
	return size - keep;
}

/* Hand each whole line to cb. */
static int
scan_lines(int fd, const char *path, jsonl_line_cb *cb, void *arg, char **err)
{
	int fd2 = dup(fd);
	FILE *f;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int rv = 0;

	if (fd2 < 0 || (f = fdopen(fd2, "r")) == NULL) {
		if (fd2 >= 0)
			close(fd2);
		*err = xasprintf("cannot read %s: %s", path, syserr_text(errno));
		return -1;
	}
	/* a million records are a gigabyte: read in larger steps than a page */
	setvbuf(f, NULL, _IOFBF, JSONL_READ_BUF);
	rewind(f);
	while ((n = getline(&line, &cap, f)) > 0) {
		if (line[n - 1] != '\n')
			break;	/* a torn last line: jsonl_begin cuts it */
		n--;
		if (cb(arg, line, (size_t)n) < 0) {
			*err = xasprintf("--resume: %s holds a line that is not "
			    "a verify record", path);
			rv = -1;
			break;
		}
	}
	if (rv == 0 && ferror(f)) {
		*err = xasprintf("cannot read %s: %s", path, syserr_text(errno));
		rv = -1;
	}
	free(line);
	fclose(f);
	return rv;
}

/*
 * Why: the advice for records already there must be what happens when it
 * is taken.  "add --resume" holds only when --resume would continue them:
 * the same input (its SHA-256), shard, column, sheet and options.  A list edited
 * since the interrupted run (or another list) is said as such, and the
 * first run's other options are for the caller to name (JSONL_EOPTIONS).
 * With the input not known (no id, its sha256 neither given nor made by
 * its hook) the usual advice is given.
 */
static enum jsonl_status
exists_error(const char *path, const struct jsonl_ident *id, char **err)
{
	enum jsonl_status st;
	json_t *o = NULL;
	char *why = NULL, *meta;
	const char *sha, *shard, *opt, *was, *now, *input;

	if ((input = ident_sha256(id)) == NULL ||
	    (st = meta_check(path, id, &why)) == JSONL_OK) {
		*err = xasprintf("%s exists and is not empty: add --resume to "
		    "continue that run, or --force to start it over", path);
		return JSONL_EEXISTS;
	}
	free(why);
	if (st == JSONL_EOPTIONS) {
		*err = xasprintf("--resume: %s was made with other options", path);
		return st;
	}
	if (jsonl_meta_read(path, &o, &why) != JSONL_META_OK) {
		meta = jsonl_meta_path(path);
		*err = xasprintf("%s exists and is not empty, and without the "
		    ".meta file of an mxtrace verify run (%s) nobody can tell "
		    "which input it was made from, so --resume cannot continue "
		    "it: use another -o FILE, or --force to start it over",
		    path, meta);
		free(meta);
	} else if ((*err = meta_version_error(o, path, false)) == NULL) {
		sha = json_string_value(json_object_get(o, "input_sha256"));
		shard = json_string_value(json_object_get(o, "shard"));
		if (!same(sha, input))
			*err = xasprintf("%s holds the records of another list, "
			    "or of this one before it changed (SHA-256 %.12s..., "
			    "this input %.12s...), so --resume cannot continue "
			    "it: use another -o FILE, or --force to start it "
			    "over", path, sha, input);
		else if (!same(shard, id->shard))
			*err = xasprintf("%s holds the records of shard %s, not "
			    "%s, so --resume cannot continue it: use another -o "
			    "FILE, or --force to start it over", path,
			    shard ? shard : "(none)",
			    id->shard ? id->shard : "(none)");
		else if ((opt = rows_differ(o, id, &was, &now)) != NULL)
			*err = xasprintf("%s holds the records of %s %s, not "
			    "%s, so --resume cannot continue it: use another -o "
			    "FILE, or --force to start it over", path, opt, was,
			    now);
		else	/* FILE.meta rewritten since meta_check read it */
			*err = xasprintf("%s exists and is not empty: add "
			    "--resume to continue that run, or --force to "
			    "start it over", path);
	}
	json_decref(o);
	free(why);
	return JSONL_EEXISTS;
}

/*
 * Why: the check before the list is read (jsonl_check) and the open after
 * it (jsonl_read) must refuse the same outputs for the same reasons, in
 * the same order (a run writing it first: no --resume or --force helps);
 * a --resume onto records of another input, shard or options is refused
 * when id's sha256 is known (always in jsonl_read).  The input's hash is
 * asked of id's hook here alone, where the file's own state (regular,
 * not empty) says it matters, so the early check reads the list only
 * when the open would need it.  Opens path (made when missing: *made
 * says so) and locks it; JSONL_OK with *fdp locked and *sb its state, or
 * a status with *err.
 */
static enum jsonl_status
admit(const char *path, enum jsonl_mode mode, const struct jsonl_ident *id,
    int *fdp, struct stat *sb, bool *made, char **err)
{
	enum jsonl_status st;
	struct stat now;
	char *meta;
	int fd, rv;

	*made = false;
	if (*path == '\0') {
		*err = xstrdup("the output's file name is empty");
		return JSONL_ECREATE;
	}
	*made = stat(path, sb) != 0;
	if (!*made && S_ISDIR(sb->st_mode)) {	/* as probe's and report's */
		*err = xasprintf("cannot write %s: it is a directory", path);
		return JSONL_ECREATE;
	}
	if ((fd = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0644)) <
	    0) {
		*made = false;
		return fail(JSONL_ECREATE, err, "cannot open %s: %s", path);
	}
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		st = errno == EWOULDBLOCK ? JSONL_ELOCKED : JSONL_ECREATE;
		if (st == JSONL_ELOCKED)
			*err = xasprintf("another run is writing %s", path);
		else
			*err = xasprintf("cannot lock %s: %s", path, syserr_text(errno));
		goto bad;
	}
	if (fstat(fd, sb) != 0) {
		st = fail(JSONL_ECREATE, err, "cannot stat %s: %s", path);
		goto bad;
	}
	/* locked after another run's --resume renamed its rewrite over
	 * path (drop_lines): this is the old file, that run writes the new */
	if (stat(path, &now) != 0 || now.st_ino != sb->st_ino ||
	    now.st_dev != sb->st_dev) {
		*err = xasprintf("another run is writing %s", path);
		st = JSONL_ELOCKED;
		goto bad;
	}
	if (!S_ISREG(sb->st_mode)) {
		*err = xasprintf("%s is not a regular file", path);
		st = JSONL_ECREATE;
		goto bad;
	}
	if (sb->st_size > 0 && mode == JSONL_NEW) {
		st = exists_error(path, id, err);
		goto bad;
	}
	if (sb->st_size > 0 && mode == JSONL_RESUME &&
	    ident_sha256(id) != NULL &&
	    (st = meta_check(path, id, err)) != JSONL_OK)
		goto bad;
	/* FILE.meta is written beside it (FILE.meta.tmp, rename): a folder
	 * that takes no new file refuses the output as surely */
	meta = jsonl_meta_path(path);
	rv = atomic_check(meta, err);
	free(meta);
	if (rv < 0) {
		st = JSONL_ECREATE;
		goto bad;
	}
	*fdp = fd;
	return JSONL_OK;
 bad:
	close(fd);
	return st;
}

enum jsonl_status
jsonl_check(const char *path, enum jsonl_mode mode,
    const struct jsonl_ident *id, char **err)
{
	struct stat sb;
	enum jsonl_status st;
	bool made;
	int fd;

	*err = NULL;
	if (path == NULL || strcmp(path, "-") == 0)
		return JSONL_OK;
	if ((st = admit(path, mode, id, &fd, &sb, &made, err)) == JSONL_OK)
		close(fd);
	if (made)
		(void)unlink(path);
	return st;
}

enum jsonl_status
jsonl_read(const char *path, enum jsonl_mode mode, const struct jsonl_ident *id,
    jsonl_line_cb *cb, void *arg, struct jsonl_out **out, char **err)
{
	struct jsonl_out *o;
	struct stat sb;
	enum jsonl_status st;
	bool made;
	int fd;

	*out = NULL;
	*err = NULL;
	o = xcalloc(1, sizeof(*o));
	o->last_sync = now_ms();
	if (path == NULL || strcmp(path, "-") == 0) {
		o->fd = STDOUT_FILENO;
		o->is_stdout = true;
		*out = o;
		return JSONL_OK;
	}
	if ((st = admit(path, mode, id, &fd, &sb, &made, err)) != JSONL_OK) {
		free(o);
		return st;
	}
	o->fd = fd;
	if (mode == JSONL_RESUME && sb.st_size > 0 &&
	    scan_lines(fd, path, cb, arg, err) < 0) {
		close(fd);
		free(o);
		return JSONL_EMISMATCH;
	}
	*out = o;
	return JSONL_OK;
}

/*
 * Why: a record --resume probes again must not stay beside its new one:
 * every reader (resume, the report) takes a line for a row's one record.
 * The kept lines go to PATH.tmp, locked before it is renamed over PATH so
 * that no other run ever finds the output unlocked (a run that opened the
 * old file finds it replaced: admit); it is the output then.  A PATH that
 * is a symbolic link is rewritten where it points, the link kept.  On
 * failure PATH is as it was.
 */
static int
drop_lines(struct jsonl_out *o, const char *path, jsonl_line_cb *drop,
    void *arg, char **err)
{
	char *real = realpath(path, NULL), *tmp = NULL, *line = NULL;
	struct stat sb;
	size_t cap = 0;
	ssize_t n;
	FILE *in = NULL;
	int fd = -1, fd2 = -1, rv = -1, e = errno;

	if (real != NULL) {
		tmp = xasprintf("%s.tmp", real);
		fd = open(tmp, O_RDWR | O_CREAT | O_TRUNC | O_APPEND |
		    O_CLOEXEC, 0644);
		e = errno;
	}
	if (fd < 0 || flock(fd, LOCK_EX | LOCK_NB) != 0 ||
	    fstat(o->fd, &sb) != 0 || fchmod(fd, sb.st_mode & 07777) != 0 ||
	    (fd2 = dup(o->fd)) < 0 || (in = fdopen(fd2, "r")) == NULL) {
		e = errno;
		goto out;
	}
	setvbuf(in, NULL, _IOFBF, JSONL_READ_BUF);
	rewind(in);
	while ((n = getline(&line, &cap, in)) > 0) {
		if (line[n - 1] == '\n' && drop(arg, line, (size_t)n - 1) == 1)
			continue;
		if (write(fd, line, (size_t)n) != n) {
			e = errno ? errno : ENOSPC;
			goto out;
		}
	}
	if (ferror(in) || fsync(fd) != 0 || rename(tmp, real) != 0) {
		e = errno;
		goto out;
	}
	close(o->fd);
	o->fd = fd;
	fd = -1;
	rv = 0;
 out:
	if (in != NULL)
		fclose(in);
	else if (fd2 >= 0)
		close(fd2);
	if (fd >= 0) {
		close(fd);
		unlink(tmp);
	}
	if (rv < 0)
		*err = xasprintf("cannot rewrite %s without the records to "
		    "probe again: %s", path, syserr_text(e ? e : EIO));
	free(line);
	free(tmp);
	free(real);
	return rv;
}

enum jsonl_status
jsonl_begin(struct jsonl_out *o, const char *path, enum jsonl_mode mode,
    const struct jsonl_ident *id, jsonl_line_cb *drop, void *arg, char **err,
    char **note)
{
	struct stat sb;
	long long cut;

	*err = NULL;
	*note = NULL;
	if (o->is_stdout)
		return JSONL_OK;
	if (mode == JSONL_FORCE && ftruncate(o->fd, 0) != 0)
		return fail(JSONL_ECREATE, err, "cannot truncate %s: %s", path);
	if (mode == JSONL_RESUME) {
		if (fstat(o->fd, &sb) != 0 ||
		    (cut = cut_torn(o->fd, sb.st_size)) < 0)
			return fail(JSONL_ECREATE, err, "cannot repair %s: %s",
			    path);
		if (cut > 0)
			*note = xasprintf("cut a torn last line (%lld bytes) "
			    "from %s", cut, path);
		if (drop != NULL && drop_lines(o, path, drop, arg, err) < 0)
			return JSONL_ECREATE;
	}
	if (meta_write(path, id, err) < 0)
		return JSONL_ECREATE;
	o->size = lseek(o->fd, 0, SEEK_END);
	return JSONL_OK;
}

int
jsonl_write(struct jsonl_out *o, const char *line, size_t len)
{
	ssize_t n;
	int saved;

	if (len == 0 || line[len - 1] != '\n')
		fatalx("%s: not a whole line", __func__);
	do
		n = write(o->fd, line, len);
	while (n < 0 && errno == EINTR);
	if (n != (ssize_t)len) {
		saved = n < 0 ? errno : ENOSPC;
		if (!o->is_stdout && n > 0)
			(void)ftruncate(o->fd, o->size);
		errno = saved;
		return -1;
	}
	o->size += (long long)len;
	o->dirty = true;
	if (now_ms() - o->last_sync >= JSONL_SYNC_MS)
		return jsonl_sync(o);
	return 0;
}

int
jsonl_sync(struct jsonl_out *o)
{
	o->last_sync = now_ms();
	if (!o->dirty)
		return 0;
	o->dirty = false;
	if (fsync(o->fd) != 0 && !(o->is_stdout && (errno == EINVAL ||
	    errno == EROFS || errno == ENOTSUP)))
		return -1;
	return 0;
}

long long
jsonl_size(const struct jsonl_out *o)
{
	return o->size;
}

int
jsonl_close(struct jsonl_out *o)
{
	int rv = 0;

	if (o == NULL)
		return 0;
	o->dirty = true;
	if (jsonl_sync(o) < 0)
		rv = -1;
	if (!o->is_stdout && close(o->fd) != 0)
		rv = -1;
	free(o);
	return rv;
}
