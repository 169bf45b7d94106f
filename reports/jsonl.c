/*
 * jsonl.c - JSON Lines reader for the report.  The input may be gigabytes:
 * it is read in chunks into one buffer that holds at most one line
 * (JSONL_LINE_MAX), and each line is parsed by jansson on its own.  A line
 * that is too long, not JSON, or not an object is counted in `bad` and
 * skipped with a warning; nothing in the input can stop the reader.
 * Besides one object per line, an object printed over several lines (as
 * `mxtrace probe --json` does: "{" alone on its first line, "}" alone on
 * its last) is collected, within the same bound, and parsed whole.
 *
 * Public: jsonl_init, jsonl_next, jsonl_free.
 */
#include <errno.h>
#include <string.h>

#include "reports/jsonl.h"
#include "base/util.h"
#include "cli/cli.h"

#define JSONL_CHUNK	(64u * 1024)

void
jsonl_init(struct jsonl *j, FILE *fp, const char *name)
{
	memset(j, 0, sizeof(*j));
	j->fp = fp;
	j->name = name;
	j->lang = LANG_EN;
}

void
jsonl_free(struct jsonl *j)
{
	free(j->buf);
	free(j->multi);
	j->buf = j->multi = NULL;
}

static void
jsonl_warn(struct jsonl *j, const char *why)
{
	j->bad++;
	if (j->bad <= JSONL_WARN_MAX)
		cli_msgf(catalog_tr(j->lang, "mxtrace report: %s:%lu: %s; "
		    "line skipped\n"), j->name, j->line, catalog_tr(j->lang, why));
	else if (j->bad == JSONL_WARN_MAX + 1)
		cli_msgf(catalog_tr(j->lang, "mxtrace report: %s: more bad "
		    "lines; counting them without a warning\n"), j->name);
}

/* Read more bytes after the buffered ones; false at end of file or error. */
static bool
jsonl_fill(struct jsonl *j)
{
	size_t got;

	if (j->eof)
		return false;
	if (j->start > 0) {
		memmove(j->buf, j->buf + j->start, j->end - j->start);
		j->end -= j->start;
		j->start = 0;
	}
	if (j->cap - j->end < JSONL_CHUNK) {
		j->cap = j->cap * 2 > j->end + JSONL_CHUNK ?
		    j->cap * 2 : j->end + JSONL_CHUNK;
		j->buf = xrealloc(j->buf, j->cap);
	}
	got = fread(j->buf + j->end, 1, j->cap - j->end, j->fp);
	j->end += got;
	if (got == 0) {
		j->eof = true;
		if (ferror(j->fp))
			j->read_error = true;
		return false;
	}
	return true;
}

/* Nothing read yet but blank lines: no record, no bad line, no object begun. */
static bool
jsonl_untouched(const struct jsonl *j)
{
	return j->records == 0 && j->bad == 0 && !j->collecting;
}

/*
 * The next line without its newline, in [*line, *line + *len).  A line
 * longer than JSONL_LINE_MAX is consumed (but for the input's first: the
 * rest of it is left) and returned with *len set to JSONL_LINE_MAX + 1 and
 * no bytes.  False at end of input.
 */
static bool
jsonl_line(struct jsonl *j, const char **line, size_t *len)
{
	bool too_long = false;
	char *nl;

	for (;;) {
		nl = j->end > j->start ?
		    memchr(j->buf + j->start, '\n', j->end - j->start) : NULL;
		if (nl != NULL) {
			*line = j->buf + j->start;
			*len = (size_t)(nl - *line);
			j->start = (size_t)(nl - j->buf) + 1;
			break;
		}
		if (j->end - j->start > JSONL_LINE_MAX) {
			/* Drop what we have of this line and keep looking for its end. */
			too_long = true;
			j->start = j->end = 0;
			/* the input's first line: no record is this long, so it
			 * is no mxtrace JSON (jsonl_next), and an endless one
			 * (/dev/zero, a stuck pipe) is not read on for ever */
			if (jsonl_untouched(j)) {
				*line = j->buf;
				break;
			}
		}
		if (!jsonl_fill(j)) {
			if (j->end == j->start && !too_long)
				return false;
			*line = j->buf + j->start;
			*len = j->end - j->start;
			j->start = j->end;
			break;
		}
	}
	/* a UTF-8 BOM, as Windows Notepad adds when it saves the file */
	if (j->line == 0 && !too_long && *len >= 3 &&
	    memcmp(*line, "\xef\xbb\xbf", 3) == 0) {
		*line += 3;
		*len -= 3;
	}
	j->line++;
	if (too_long)
		*len = JSONL_LINE_MAX + 1;
	return true;
}

/* The line without trailing CR and spaces is exactly c (one character). */
static bool
jsonl_is(const char *line, size_t len, char c)
{
	while (len > 0 && (line[len - 1] == '\r' || line[len - 1] == ' ' ||
	    line[len - 1] == '\t'))
		len--;
	return len == 1 && line[0] == c;
}

/* Parse one complete JSON text; a new reference to an object, or NULL
 * with *why. */
static json_t *
jsonl_parse(const char *text, size_t len, const char **why)
{
	json_error_t err;
	json_t *rec;

	rec = json_loadb(text, len, JSON_ALLOW_NUL, &err);
	if (rec == NULL) {
		*why = "not valid JSON";
		return NULL;
	}
	if (!json_is_object(rec)) {
		json_decref(rec);
		*why = "not a JSON object";
		return NULL;
	}
	return rec;
}

/* Append a line to the pretty-printed object being collected; false when
 * it would pass JSONL_LINE_MAX. */
static bool
jsonl_collect(struct jsonl *j, const char *line, size_t len)
{
	if (j->mlen + len + 1 > JSONL_LINE_MAX)
		return false;
	if (j->mcap < j->mlen + len + 1) {
		j->mcap = j->mcap * 2 > j->mlen + len + 1 ? j->mcap * 2 :
		    j->mlen + len + 1 + 4096;
		j->multi = xrealloc(j->multi, j->mcap);
	}
	memcpy(j->multi + j->mlen, line, len);
	j->mlen += len;
	j->multi[j->mlen++] = '\n';
	return true;
}

enum jsonl_status
jsonl_next(struct jsonl *j, json_t **out)
{
	const char *line, *why;
	size_t len, i;
	json_t *rec;

	*out = NULL;
	while (jsonl_line(j, &line, &len)) {
		if (len > JSONL_LINE_MAX) {
			if (jsonl_untouched(j))
				return JSONL_FOREIGN;
			if (j->collecting) {
				j->collecting = false;
				jsonl_warn(j, "unfinished object");
			}
			jsonl_warn(j, "line too long");
			continue;
		}
		if (j->collecting) {
			/* A "{" at column 0 starts the next object: this one never ended. */
			if (len > 0 && line[0] == '{') {
				j->collecting = false;
				jsonl_warn(j, "unfinished object");
			} else if (!jsonl_collect(j, line, len)) {
				j->collecting = false;
				jsonl_warn(j, "object too long");
				continue;
			} else if (jsonl_is(line, len, '}')) {
				j->collecting = false;
				if ((rec = jsonl_parse(j->multi, j->mlen, &why)) == NULL) {
					jsonl_warn(j, why);
					continue;
				}
				j->records++;
				*out = rec;
				return JSONL_RECORD;
			} else
				continue;
		}
		for (i = 0; i < len && (line[i] == ' ' || line[i] == '\t' ||
		    line[i] == '\r'); i++)
			;
		if (i == len)
			continue;
		/* `mxtrace probe --json` prints one object over many lines. */
		if (jsonl_is(line, len, '{')) {
			j->collecting = true;
			j->mlen = 0;
			jsonl_collect(j, line, len);
			continue;
		}
		if ((rec = jsonl_parse(line, len, &why)) == NULL) {
			/* a CSV or any other file: one clear refusal, not a
			 * warning for each of its lines */
			if (j->records == 0 && j->bad == 0)
				return JSONL_FOREIGN;
			jsonl_warn(j, why);
			continue;
		}
		j->records++;
		*out = rec;
		return JSONL_RECORD;
	}
	if (j->collecting) {
		j->collecting = false;
		jsonl_warn(j, "unfinished object at the end");
	}
	if (j->read_error) {
		errno = errno ? errno : EIO;
		return JSONL_ERROR;
	}
	return JSONL_EOF;
}
