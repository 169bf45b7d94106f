/*
 * test_jsonl_out.c - verify's output file: FILE.meta, refusing a non-empty
 * file without --resume, --force, the lock against a second writer, a
 * torn last line cut on --resume, the lines handed back, a different input
 * refused, and whole-line writes; jsonl_read writing nothing before
 * jsonl_begin; the records --resume probes again taken out.
 */
#include <sys/stat.h>

#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "base/util.h"
#include "verify/jsonl_out.h"

static char dir[] = "/tmp/mxtrace-jsonl-XXXXXX";
static char path[256];

static const struct jsonl_ident id_a = { "list.csv", "aaaa", NULL, NULL,
    NULL, "UTF-8", "out.csv", ";", "zh", 1200, NULL, NULL, NULL };
static const struct jsonl_ident id_b = { "list.csv", "bbbb", NULL, NULL,
    NULL, NULL, NULL, NULL, NULL, 3, NULL, NULL, NULL };

struct seen {
	int	n;
	char	last[64];
};

static int
seen_cb(void *arg, const char *line, size_t len)
{
	struct seen *s = arg;

	s->n++;
	snprintf(s->last, sizeof(s->last), "%.*s", (int)len, line);
	return 0;
}

static void
slurp(char *buf, size_t sz)
{
	FILE *f = fopen(path, "r");
	size_t n;

	assert_non_null(f);
	n = fread(buf, 1, sz - 1, f);
	buf[n] = '\0';
	fclose(f);
}

static int
setup(void **state)
{
	(void)state;
	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(path, sizeof(path), "%s/out.jsonl", dir);
	return 0;
}

static int
teardown(void **state)
{
	char *meta = jsonl_meta_path(path);

	(void)state;
	unlink(path);
	unlink(meta);
	free(meta);
	rmdir(dir);
	return 0;
}

/*
 * jsonl_read then jsonl_begin, as verify opens its output when nothing
 * stops the run between them; on failure nothing is left open.
 */
static enum jsonl_status
open_both(const char *p, enum jsonl_mode mode, const struct jsonl_ident *id,
    jsonl_line_cb *cb, void *arg, struct jsonl_out **out, char **err,
    char **note)
{
	enum jsonl_status st;

	*note = NULL;
	if ((st = jsonl_read(p, mode, id, cb, arg, out, err)) != JSONL_OK)
		return st;
	if ((st = jsonl_begin(*out, p, mode, id, NULL, NULL, err, note)) != JSONL_OK) {
		jsonl_close(*out);
		*out = NULL;
	}
	return st;
}

static void
test_new_write_resume(void **state)
{
	struct jsonl_out *o, *o2;
	struct seen s = { 0 };
	char *err, *note, buf[256], *meta;
	FILE *f;
	json_t *mj;

	(void)state;
	assert_int_equal(open_both(path, JSONL_NEW, &id_a, seen_cb, &s, &o,
	    &err, &note), JSONL_OK);
	meta = jsonl_meta_path(path);
	assert_int_equal(access(meta, R_OK), 0);
	free(meta);
	/* the output settings a --resume reuses */
	mj = jsonl_meta_load(path);
	assert_non_null(mj);
	assert_string_equal(json_string_value(json_object_get(mj, "csv")), "out.csv");
	assert_string_equal(json_string_value(json_object_get(mj, "csv_delimiter")), ";");
	assert_string_equal(json_string_value(json_object_get(mj, "lang")), "zh");
	assert_string_equal(json_string_value(json_object_get(mj, "encoding")), "UTF-8");
	/* what a complete output holds: the report counts what is missing */
	assert_int_equal(json_integer_value(json_object_get(mj, "addresses")), 1200);
	json_decref(mj);
	assert_int_equal(jsonl_write(o, "{\"row\":1}\n", 10), 0);
	assert_int_equal(jsonl_write(o, "{\"row\":2}\n", 10), 0);
	assert_int_equal(jsonl_size(o), 20);

	/* a second writer is refused while the first holds the lock */
	assert_int_equal(open_both(path, JSONL_RESUME, &id_a, seen_cb, &s, &o2,
	    &err, &note), JSONL_ELOCKED);
	assert_non_null(strstr(err, "another run is writing"));
	free(err);
	assert_int_equal(jsonl_close(o), 0);

	/* without --resume a non-empty file is refused */
	assert_int_equal(open_both(path, JSONL_NEW, &id_a, seen_cb, &s, &o,
	    &err, &note), JSONL_EEXISTS);
	free(err);

	/* a kill mid-write left half a line */
	f = fopen(path, "a");
	fputs("{\"row\":3,\"addr", f);
	fclose(f);
	assert_int_equal(open_both(path, JSONL_RESUME, &id_a, seen_cb, &s, &o,
	    &err, &note), JSONL_OK);
	assert_non_null(note);
	assert_non_null(strstr(note, "torn"));
	free(note);
	assert_int_equal(s.n, 2);
	assert_string_equal(s.last, "{\"row\":2}");
	assert_int_equal(jsonl_write(o, "{\"row\":3}\n", 10), 0);
	assert_int_equal(jsonl_close(o), 0);
	slurp(buf, sizeof(buf));
	assert_string_equal(buf, "{\"row\":1}\n{\"row\":2}\n{\"row\":3}\n");

	/* another input: refused */
	assert_int_equal(open_both(path, JSONL_RESUME, &id_b, seen_cb, &s, &o,
	    &err, &note), JSONL_EMISMATCH);
	assert_non_null(strstr(err, "another input"));
	free(err);

	/* --force starts over */
	assert_int_equal(open_both(path, JSONL_FORCE, &id_b, seen_cb, &s, &o,
	    &err, &note), JSONL_OK);
	assert_int_equal(jsonl_size(o), 0);
	assert_int_equal(jsonl_close(o), 0);
}

/* Write whole and torn bytes as the file's content, keeping FILE.meta. */
static void
put_file(const char *whole, size_t wlen, size_t torn)
{
	static const char pre[] = "{\"row\":999999,\"address\":\"";
	FILE *f = fopen(path, "w");
	size_t i;

	assert_non_null(f);
	assert_int_equal(fwrite(whole, 1, wlen, f), wlen);
	for (i = 0; i < torn; i++)
		fputc(i < sizeof(pre) - 1 ? pre[i] : 't', f);
	fclose(f);
}

/*
 * The torn-line repair reads back from the end in 4 KiB windows.  A file
 * of 20 KiB of records, torn after every length of last line around the
 * window edges (the last newline just inside, at, and just past a window
 * start, one and two windows back): every whole record survives, nothing
 * else does.  The unit test used to repair only a 30-byte file.
 */
static void
test_torn_repair_large(void **state)
{
	static const size_t edges[] = { 0, 4096, 8192 };
	struct jsonl_out *o;
	struct seen s;
	char *err, *note, *whole, *back;
	size_t wlen = 0, cap = 32768, torn, e, n, k;
	FILE *f;

	(void)state;
	whole = malloc(cap);
	back = malloc(cap);
	for (n = 0; wlen < 20480; n++)
		wlen += (size_t)snprintf(whole + wlen, cap - wlen,
		    "{\"row\":%zu,\"address\":\"u%zu@example.test\",\"pad\":\"%.*s\"}\n",
		    n + 1, n, (int)(n % 97), "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
		    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
	assert_int_equal(open_both(path, JSONL_FORCE, &id_a, NULL, NULL, &o,
	    &err, &note), JSONL_OK);
	assert_int_equal(jsonl_close(o), 0);
	for (e = 0; e < sizeof(edges) / sizeof(edges[0]); e++) {
		for (k = 0; k < 80; k++) {
			torn = edges[e] + k < 40 ? k : edges[e] + k - 40;
			put_file(whole, wlen, torn);
			memset(&s, 0, sizeof(s));
			note = NULL;
			if (open_both(path, JSONL_RESUME, &id_a, seen_cb, &s, &o,
			    &err, &note) != JSONL_OK)
				fail_msg("torn %zu: %s", torn, err);
			if (s.n != (int)n)
				fail_msg("torn %zu: %d records handed back, want %zu",
				    torn, s.n, n);
			assert_int_equal(jsonl_size(o), (long long)wlen);
			assert_int_equal(jsonl_close(o), 0);
			assert_true((torn > 0) == (note != NULL));
			free(note);
			f = fopen(path, "r");
			assert_int_equal(fread(back, 1, cap, f), wlen);
			fclose(f);
			if (memcmp(back, whole, wlen) != 0)
				fail_msg("torn %zu: the records changed", torn);
		}
	}
	free(whole);
	free(back);
}

/* FILE.meta's bytes (owned), or NULL when there is none. */
static char *
meta_bytes(void)
{
	char *meta = jsonl_meta_path(path), *buf = calloc(1, 4096);
	FILE *f = fopen(meta, "r");

	free(meta);
	if (f == NULL) {
		free(buf);
		return NULL;
	}
	assert_true(fread(buf, 1, 4095, f) < 4095);
	fclose(f);
	return buf;
}

/*
 * verify decides between jsonl_read and jsonl_begin whether the run goes
 * on (a resolver that does not answer stops it): the first hands back the
 * whole records and writes nothing, not even the torn line's cut or
 * FILE.meta with this run's settings; the second does both.
 */
static void
test_read_writes_nothing(void **state)
{
	static const char torn[] = "{\"row\":1}\n{\"row\":2}\n{\"row\":3,\"ad";
	struct jsonl_out *o;
	struct seen s = { 0 };
	char *err, *note, buf[256], *before, *after;

	(void)state;
	assert_int_equal(open_both(path, JSONL_FORCE, &id_a, NULL, NULL, &o,
	    &err, &note), JSONL_OK);
	assert_int_equal(jsonl_close(o), 0);
	put_file(torn, strlen(torn), 0);
	before = meta_bytes();
	assert_non_null(before);
	assert_int_equal(jsonl_read(path, JSONL_RESUME, &id_a, seen_cb, &s, &o,
	    &err), JSONL_OK);
	assert_int_equal(s.n, 2);
	assert_string_equal(s.last, "{\"row\":2}");
	assert_int_equal(jsonl_close(o), 0);
	slurp(buf, sizeof(buf));
	assert_string_equal(buf, torn);
	after = meta_bytes();
	assert_string_equal(after, before);
	free(after);
	/* a new file's FILE.meta waits for jsonl_begin too */
	unlink(path);
	after = jsonl_meta_path(path);
	unlink(after);
	free(after);
	assert_int_equal(jsonl_read(path, JSONL_NEW, &id_a, NULL, NULL, &o,
	    &err), JSONL_OK);
	assert_null(meta_bytes());
	assert_int_equal(jsonl_begin(o, path, JSONL_NEW, &id_a, NULL, NULL, &err,
	    &note),
	    JSONL_OK);
	assert_null(note);
	after = meta_bytes();
	assert_non_null(after);
	free(after);
	assert_int_equal(jsonl_close(o), 0);
	/* then the resume: cut, records handed back, FILE.meta written */
	put_file(torn, strlen(torn), 0);
	memset(&s, 0, sizeof(s));
	assert_int_equal(jsonl_read(path, JSONL_RESUME, &id_a, seen_cb, &s, &o,
	    &err), JSONL_OK);
	assert_int_equal(jsonl_begin(o, path, JSONL_RESUME, &id_a, NULL, NULL,
	    &err, &note),
	    JSONL_OK);
	assert_non_null(note);
	assert_non_null(strstr(note, "torn"));
	free(note);
	assert_int_equal(jsonl_size(o), 20);
	assert_int_equal(jsonl_close(o), 0);
	slurp(buf, sizeof(buf));
	assert_string_equal(buf, "{\"row\":1}\n{\"row\":2}\n");
	free(before);
}

/* A jsonl_line_cb for jsonl_begin: take out the record of row 2. */
static int
drop_row2(void *arg, const char *line, size_t len)
{
	(void)arg;
	return len == 9 && memcmp(line, "{\"row\":2}", 9) == 0;
}

/*
 * --resume takes out the records it probes again: the rest stay as they
 * were, in their order, a torn last line cut; the file that replaces the
 * output is locked (a second writer is refused) and takes the new record
 * at its end.
 */
static void
test_resume_drops(void **state)
{
	static const char lines[] = "{\"row\":1}\n{\"row\":2}\n{\"row\":3}\n"
	    "{\"row\":4,\"ad";
	struct jsonl_out *o, *o2;
	struct seen s = { 0 };
	struct stat sb;
	char *err, *note, buf[256];

	(void)state;
	assert_int_equal(open_both(path, JSONL_FORCE, &id_a, NULL, NULL, &o,
	    &err, &note), JSONL_OK);
	assert_int_equal(jsonl_close(o), 0);
	put_file(lines, strlen(lines), 0);
	chmod(path, 0600);
	assert_int_equal(jsonl_read(path, JSONL_RESUME, &id_a, seen_cb, &s, &o,
	    &err), JSONL_OK);
	assert_int_equal(s.n, 3);
	assert_int_equal(jsonl_begin(o, path, JSONL_RESUME, &id_a, drop_row2,
	    NULL, &err, &note), JSONL_OK);
	free(note);
	assert_int_equal(jsonl_size(o), 20);
	slurp(buf, sizeof(buf));
	assert_string_equal(buf, "{\"row\":1}\n{\"row\":3}\n");
	assert_int_equal(jsonl_read(path, JSONL_RESUME, &id_a, NULL, NULL,
	    &o2, &err), JSONL_ELOCKED);
	free(err);
	assert_int_equal(jsonl_write(o, "{\"row\":2}\n", 10), 0);
	assert_int_equal(jsonl_close(o), 0);
	slurp(buf, sizeof(buf));
	assert_string_equal(buf, "{\"row\":1}\n{\"row\":3}\n{\"row\":2}\n");
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);	/* kept */
}

/*
 * The rewrite fails (PATH.tmp cannot be made: a folder stands there):
 * refused with why, the output as it was, still locked, and no PATH.tmp
 * of ours left.
 */
static void
test_resume_drop_fails(void **state)
{
	static const char lines[] = "{\"row\":1}\n{\"row\":2}\n";
	char *tmp = xasprintf("%s.tmp", path), *err, *note, buf[256];
	struct jsonl_out *o, *o2;
	struct seen s = { 0 };

	(void)state;
	put_file(lines, strlen(lines), 0);
	assert_int_equal(mkdir(tmp, 0755), 0);
	assert_int_equal(jsonl_read(path, JSONL_RESUME, &id_a, seen_cb, &s, &o,
	    &err), JSONL_OK);
	assert_int_equal(jsonl_begin(o, path, JSONL_RESUME, &id_a, drop_row2,
	    NULL, &err, &note), JSONL_ECREATE);
	assert_non_null(strstr(err, "cannot rewrite"));
	free(err);
	slurp(buf, sizeof(buf));
	assert_string_equal(buf, lines);
	assert_int_equal(jsonl_read(path, JSONL_RESUME, &id_a, NULL, NULL,
	    &o2, &err), JSONL_ELOCKED);
	free(err);
	assert_int_equal(jsonl_close(o), 0);
	assert_int_equal(rmdir(tmp), 0);
	free(tmp);
}

/*
 * An output that is a symbolic link is rewritten where it points: the
 * link stays a link, its file loses the records to probe again.
 */
static void
test_resume_drop_symlink(void **state)
{
	static const char lines[] = "{\"row\":1}\n{\"row\":2}\n";
	char *real = xasprintf("%s/real.jsonl", dir), *err, *note, buf[256];
	struct jsonl_out *o;
	struct seen s = { 0 };
	struct stat sb;

	(void)state;
	put_file(lines, strlen(lines), 0);
	assert_int_equal(rename(path, real), 0);
	assert_int_equal(symlink(real, path), 0);
	assert_int_equal(jsonl_read(path, JSONL_RESUME, &id_a, seen_cb, &s, &o,
	    &err), JSONL_OK);
	assert_int_equal(jsonl_begin(o, path, JSONL_RESUME, &id_a, drop_row2,
	    NULL, &err, &note), JSONL_OK);
	free(note);
	assert_int_equal(jsonl_close(o), 0);
	assert_int_equal(lstat(path, &sb), 0);
	assert_true(S_ISLNK(sb.st_mode));
	slurp(buf, sizeof(buf));
	assert_string_equal(buf, "{\"row\":1}\n");
	assert_int_equal(unlink(path), 0);
	assert_int_equal(rename(real, path), 0);
	free(real);
}

/* Replace FILE.meta by text. */
static void
put_meta(const char *text)
{
	char *meta = jsonl_meta_path(path);
	FILE *f = fopen(meta, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	free(meta);
}

/*
 * FILE.meta is read field by field, whatever order the fields come in and
 * whichever optional ones are null; a foreign or broken meta (another
 * program's JSON, a field of the wrong type) is named as such, never
 * taken for "another input" nor accepted because a field was skipped.
 */
static void
test_meta_read_back(void **state)
{
	static const struct {
		const char	*meta;
		bool		 ours;	/* jsonl_meta_load takes it */
		const char	*want;	/* in *err; NULL: accepted */
	} cases[] = {
		{ "{\"shard\": null, \"input_sha256\": \"aaaa\", "
		  "\"rows_version\": 2, \"mxtrace_verify\": 1}", true, NULL },
		{ "{\"mxtrace_verify\": 1, \"rows_version\": 2, "
		  "\"input_sha256\": \"aaaa\", "
		  "\"shard\": null, \"column\": null, \"csv\": null, "
		  "\"lang\": \"en\"}", true, NULL },
		{ "{\"mxtrace_verify\": 1, \"rows_version\": 2, "
		  "\"input_sha256\": \"aaaa\", "
		  "\"shard\": \"1/2\"}", true, "made for shard 1/2" },
		{ "{\"mxtrace_verify\": 1, \"rows_version\": 2, "
		  "\"input_sha256\": \"bbbb\"}", true, "another input" },
		/* rows numbered another way, or by an mxtrace that did not say
		 * how: the records would be matched to other rows */
		{ "{\"mxtrace_verify\": 1, \"rows_version\": 1, "
		  "\"input_sha256\": \"aaaa\"}", true,
		  "numbers the list's rows another way (rows_version 1;" },
		{ "{\"mxtrace_verify\": 1, \"rows_version\": 3, "
		  "\"input_sha256\": \"bbbb\"}", true,
		  "numbers the list's rows another way (rows_version 3;" },
		{ "{\"mxtrace_verify\": 1, \"input_sha256\": \"aaaa\"}", true,
		  "older mxtrace, whose .meta does not say how it numbered" },
		{ "{\"mxtrace_verify\": 1, \"rows_version\": \"2\", "
		  "\"input_sha256\": \"aaaa\"}", false, "(field rows_version)" },
		/* a shard that is not a string: not skipped as if absent */
		{ "{\"mxtrace_verify\": 1, \"rows_version\": 2, "
		  "\"input_sha256\": \"aaaa\", "
		  "\"shard\": 7}", false, "not the .meta file of an mxtrace verify "
		  "run (field shard)" },
		{ "{\"mxtrace_verify\": 1, \"rows_version\": 2, "
		  "\"input_sha256\": \"aaaa\", "
		  "\"lang\": [\"zh\"]}", false, "(field lang)" },
		{ "{\"mxtrace_verify\": 1, \"input_sha256\": null, "
		  "\"shard\": \"1/2\"}", false, "(field input_sha256)" },
		/* the count of addresses (older metas have none) */
		{ "{\"mxtrace_verify\": 1, \"rows_version\": 2, "
		  "\"input_sha256\": \"aaaa\", "
		  "\"addresses\": 12}", true, NULL },
		{ "{\"mxtrace_verify\": 1, \"rows_version\": 2, "
		  "\"input_sha256\": \"aaaa\", "
		  "\"addresses\": \"12\"}", false, "(field addresses)" },
		{ "{\"mxtrace_verify\": 1, \"rows_version\": 2, "
		  "\"input_sha256\": \"aaaa\", "
		  "\"input\": 7}", false, "(field input)" },
		/* the first run's options (older metas have none): those that
		 * change results must be the same (this run gave none), the
		 * pace may change; read as hostile input */
		{ "{\"mxtrace_verify\": 1, \"rows_version\": 2, "
		  "\"input_sha256\": \"aaaa\", "
		  "\"options\": {}}", true, NULL },
		{ "{\"mxtrace_verify\": 1, \"rows_version\": 2, "
		  "\"input_sha256\": \"aaaa\", "
		  "\"options\": {\"jobs\": 5, \"timeout_ms\": 5000}}", true, NULL },
		{ "{\"mxtrace_verify\": 1, \"rows_version\": 2, "
		  "\"input_sha256\": \"aaaa\", "
		  "\"options\": {\"helo\": \"mx.example.com\"}}", true,
		  "made with other options" },
		{ "{\"mxtrace_verify\": 1, \"rows_version\": 2, "
		  "\"input_sha256\": \"aaaa\", "
		  "\"options\": {\"no_tls\": true}}", true,
		  "made with other options" },
		{ "{\"mxtrace_verify\": 1, \"rows_version\": 2, "
		  "\"input_sha256\": \"aaaa\", "
		  "\"options\": {\"helo\": [\"x\"]}}", false, "(field helo)" },
		{ "{\"mxtrace_verify\": 1, \"rows_version\": 2, "
		  "\"input_sha256\": \"aaaa\", "
		  "\"options\": {\"shell\": \"x\"}}", false, "(field options)" },
		{ "{\"mxtrace_verify\": 1, \"rows_version\": 2, "
		  "\"input_sha256\": \"aaaa\", "
		  "\"options\": \"--helo x\"}", false, "(field options)" },
		{ "{\"input_sha256\": \"aaaa\"}", false, "(field mxtrace_verify)" },
		{ "{\"mxtrace_verify\": 2, \"input_sha256\": \"aaaa\"}",
		  false, "(field mxtrace_verify)" },
		{ "{\"name\": \"package.json\", \"version\": \"1.0\"}",
		  false, "not the .meta file" },
		{ "[\"aaaa\", null]", false, "not the .meta file" },
		{ "{\"mxtrace_verify\": 1, \"input_sha", false, "cannot read" },
	};
	struct jsonl_out *o;
	char *err, *note;
	json_t *mj;
	size_t i;

	(void)state;
	assert_int_equal(open_both(path, JSONL_FORCE, &id_a, NULL, NULL, &o,
	    &err, &note), JSONL_OK);
	assert_int_equal(jsonl_write(o, "{\"row\":1}\n", 10), 0);
	assert_int_equal(jsonl_close(o), 0);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		put_meta(cases[i].meta);
		err = NULL;
		mj = jsonl_meta_load(path);
		if ((mj != NULL) != cases[i].ours)
			fail_msg("%s: jsonl_meta_load %s", cases[i].meta,
			    mj ? "accepted it" : "refused it");
		json_decref(mj);
		if (open_both(path, JSONL_RESUME, &id_a, seen_cb, &(struct seen){ 0 },
		    &o, &err, &note) == JSONL_OK) {
			if (cases[i].want != NULL)
				fail_msg("%s: accepted, want '%s'", cases[i].meta,
				    cases[i].want);
			free(note);
			assert_int_equal(jsonl_close(o), 0);
			continue;
		}
		if (cases[i].want == NULL || err == NULL ||
		    strstr(err, cases[i].want) == NULL)
			fail_msg("%s: refused with '%s', want '%s'", cases[i].meta,
			    err ? err : "(no message)",
			    cases[i].want ? cases[i].want : "accepted");
		free(err);
	}
}

static int
refuse_cb(void *arg, const char *line, size_t len)
{
	(void)arg;
	(void)line;
	(void)len;
	return -1;
}

/* The caller refuses a line (not a verify record): resume fails cleanly. */
static void
test_resume_refuses_other_lines(void **state)
{
	struct jsonl_out *o;
	char *err, *note;

	(void)state;
	assert_int_equal(open_both(path, JSONL_FORCE, &id_a, NULL, NULL, &o,
	    &err, &note), JSONL_OK);
	assert_int_equal(jsonl_write(o, "not json\n", 9), 0);
	assert_int_equal(jsonl_close(o), 0);
	assert_int_equal(open_both(path, JSONL_RESUME, &id_a, refuse_cb, NULL,
	    &o, &err, &note), JSONL_EMISMATCH);
	assert_null(o);
	assert_non_null(strstr(err, "not a verify record"));
	free(err);
}

/* jsonl_ident's hook: the hash it gives, and how often it was asked. */
struct hook {
	const char	*sha;
	int		 calls;
};

static const char *
hook_sha(void *arg)
{
	struct hook *h = arg;

	h->calls++;
	return h->sha;
}

/* jsonl_check of path p in mode m, the hook giving sha: its status, *err
 * (owned) and how often the hash was asked. */
static enum jsonl_status
check_with(const char *p, enum jsonl_mode m, const char *sha, char **err,
    int *calls)
{
	struct hook h = { sha, 0 };
	struct jsonl_ident id = { "list.csv", NULL, NULL, NULL, NULL, NULL,
	    NULL, NULL, NULL, 0, NULL, hook_sha, &h };
	enum jsonl_status st = jsonl_check(p, m, &id, err);

	*calls = h.calls;
	return st;
}

/*
 * The one decision whether the input's hash matters (records there, not
 * --force) is jsonl_check's own: the hook is asked then and only then,
 * and what it gives decides the advice and the --resume check; a hash
 * that cannot be made gives the usual advice, as before.
 */
static void
test_check_asks_hash_when_needed(void **state)
{
	static const enum jsonl_mode modes[] = { JSONL_NEW, JSONL_RESUME,
	    JSONL_FORCE };
	struct jsonl_out *o;
	char p[300], *err, *note;
	size_t i;
	int calls, fd;

	(void)state;
	snprintf(p, sizeof(p), "%s/check.jsonl", dir);
	for (i = 0; i < 3; i++) {	/* no file, then an empty one */
		assert_int_equal(check_with(p, modes[i], "aaaa", &err, &calls),
		    JSONL_OK);
		assert_int_equal(calls, 0);
		assert_int_equal(access(p, F_OK), -1);	/* made, removed */
	}
	assert_true((fd = open(p, O_CREAT | O_WRONLY, 0644)) >= 0);
	close(fd);
	for (i = 0; i < 3; i++) {
		assert_int_equal(check_with(p, modes[i], "aaaa", &err, &calls),
		    JSONL_OK);
		assert_int_equal(calls, 0);
	}
	assert_int_equal(check_with(dir, JSONL_NEW, "aaaa", &err, &calls),
	    JSONL_ECREATE);
	assert_int_equal(calls, 0);
	free(err);

	/* records of input "aaaa" */
	assert_int_equal(open_both(p, JSONL_FORCE, &id_a, NULL, NULL, &o,
	    &err, &note), JSONL_OK);
	assert_int_equal(jsonl_write(o, "{\"row\":1}\n", 10), 0);
	assert_int_equal(jsonl_close(o), 0);
	assert_int_equal(check_with(p, JSONL_FORCE, "aaaa", &err, &calls),
	    JSONL_OK);
	assert_int_equal(calls, 0);
	assert_int_equal(check_with(p, JSONL_RESUME, "aaaa", &err, &calls),
	    JSONL_OK);
	assert_true(calls >= 1);
	assert_int_equal(check_with(p, JSONL_NEW, "aaaa", &err, &calls),
	    JSONL_EEXISTS);
	assert_true(calls >= 1);
	assert_non_null(strstr(err, "add --resume to continue"));
	free(err);
	assert_int_equal(check_with(p, JSONL_RESUME, "bbbb", &err, &calls),
	    JSONL_EMISMATCH);
	assert_non_null(strstr(err, "was made from another input"));
	free(err);
	assert_int_equal(check_with(p, JSONL_NEW, "bbbb", &err, &calls),
	    JSONL_EEXISTS);
	assert_non_null(strstr(err, "holds the records of another list"));
	free(err);
	/* the input cannot be read: the usual advice; the open checks */
	assert_int_equal(check_with(p, JSONL_NEW, NULL, &err, &calls),
	    JSONL_EEXISTS);
	assert_true(calls >= 1);
	assert_non_null(strstr(err, "add --resume to continue"));
	free(err);
	assert_int_equal(check_with(p, JSONL_RESUME, NULL, &err, &calls),
	    JSONL_OK);
	unlink(p);
	note = jsonl_meta_path(p);
	unlink(note);
	free(note);
}

static void
test_unwritable(void **state)
{
	struct jsonl_out *o;
	char *err, *note;

	(void)state;
	assert_int_equal(open_both("/nonexistent-dir/out.jsonl", JSONL_NEW,
	    &id_a, NULL, NULL, &o, &err, &note), JSONL_ECREATE);
	assert_non_null(strstr(err, "/nonexistent-dir/out.jsonl"));
	free(err);
}

/* Only a regular file can be locked, repaired and resumed. */
static void
test_not_regular(void **state)
{
	struct jsonl_out *o;
	char *err, *note;

	(void)state;
	assert_int_equal(open_both(dir, JSONL_NEW, &id_a, NULL, NULL, &o,
	    &err, &note), JSONL_ECREATE);
	free(err);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_new_write_resume),
		cmocka_unit_test(test_torn_repair_large),
		cmocka_unit_test(test_read_writes_nothing),
		cmocka_unit_test(test_resume_refuses_other_lines),
		cmocka_unit_test(test_meta_read_back),
		cmocka_unit_test(test_check_asks_hash_when_needed),
		cmocka_unit_test(test_unwritable),
		cmocka_unit_test(test_not_regular),
		cmocka_unit_test(test_resume_drops),
		cmocka_unit_test(test_resume_drop_fails),
		cmocka_unit_test(test_resume_drop_symlink),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
