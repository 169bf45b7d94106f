/*
 * unfinished.c - whether a verify run the report reads is finished, from
 * its FILE.meta, and the notice the page opens with when it is not.
 *
 * verify writes FILE.meta beside its output with the number of addresses
 * a complete output holds ("addresses", verify/jsonl_out.c); the report
 * counts the records it took from the file.  Fewer records than addresses:
 * the run was interrupted (or is still running), and the rest of the list
 * is not checked yet.  FILE.meta is input: it is read with a bound and
 * checked field by field (jsonl_meta_read), its text escaped on the page;
 * one that cannot be used is ignored, with a reason for the caller to say.
 *
 * Public: unf_check, unf_command, unf_html, unf_free.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "base/util.h"
#include "reports/html.h"
#include "reports/unfinished.h"
#include "verify/jsonl_out.h"
#include "verify/runopts.h"

static char *
unf_string(const json_t *meta, const char *key)
{
	const char *s = json_string_value(json_object_get(meta, key));

	return s != NULL ? xstrdup(s) : NULL;
}

enum unf_status
unf_check(struct unf_set *s, const char *path, unsigned long rows,
    struct unf_said *said, char **why)
{
	struct unf_file *f;
	json_t *meta, *options;
	json_int_t addresses;
	char *reason;

	*why = NULL;
	said->list = NULL;
	said->catch_all = -1;
	if (strcmp(path, "-") == 0)
		return UNF_NONE;
	switch (jsonl_meta_read(path, &meta, &reason)) {
	case JSONL_META_NONE:
		return UNF_NONE;
	case JSONL_META_FOREIGN:
		*why = xasprintf("not written by mxtrace verify, field %s",
		    reason);
		free(reason);
		return UNF_IGNORED;
	case JSONL_META_UNREADABLE:
		*why = reason;
		return UNF_IGNORED;
	case JSONL_META_OK:
		break;
	}
	said->list = unf_string(meta, "input");
	if (said->list != NULL && strcmp(said->list, "-") == 0) {
		free(said->list);
		said->list = NULL;
	}
	/* checked by jsonl_meta_read; only options other than the default
	 * are recorded, so an object without the key means the check ran */
	options = json_object_get(meta, "options");
	if (json_is_object(options))
		said->catch_all = !json_is_true(json_object_get(options,
		    "no_catch_all_check"));
	/* a meta from before the count: the report cannot tell, as before */
	if (!json_is_integer(json_object_get(meta, "addresses"))) {
		json_decref(meta);
		return UNF_NONE;
	}
	addresses = json_integer_value(json_object_get(meta, "addresses"));
	if ((unsigned long long)addresses < rows) {
		*why = xasprintf("it counts fewer addresses (%lld) than the file "
		    "holds records (%lu)", (long long)addresses, rows);
		json_decref(meta);
		return UNF_IGNORED;
	}
	if ((unsigned long long)addresses == rows) {
		json_decref(meta);
		return UNF_NONE;
	}
	s->v = xrealloc(s->v, (s->n + 1) * sizeof(*s->v));
	f = &s->v[s->n++];
	f->results = xstrdup(path);
	f->input = unf_string(meta, "input");
	if (f->input == NULL)
		f->input = xstrdup("-");
	f->shard = unf_string(meta, "shard");
	f->options = NULL;
	f->password = false;
	f->restart = !jsonl_meta_rows_current(meta);
	/* checked by jsonl_meta_read; absent in a meta older than them */
	if (json_object_get(meta, "options") != NULL &&
	    !json_is_null(json_object_get(meta, "options"))) {
		f->options = runopts_words(json_object_get(meta, "options"));
		f->password = runopts_hides_password(json_object_get(meta,
		    "options"));
	}
	f->addresses = (unsigned long)addresses;
	f->missing = f->addresses - rows;
	s->missing += f->missing;
	json_decref(meta);
	return UNF_ADDED;
}

/*
 * What a resume needs (docs/mxtrace.1): the first run's options that
 * FILE.meta records (a resume with others is refused), the same -o FILE,
 * the same --shard and the same list; the CSV, language, encoding and
 * column come from FILE.meta by themselves.  Records whose rows were
 * numbered another way cannot be resumed: the same run with --force
 * starts the list over.
 */
char *
unf_command(const struct unf_file *f)
{
	return runopts_command(f->options, f->restart, f->results, f->shard,
	    f->input);
}

void
unf_html(FILE *out, const struct unf_set *s, size_t checked, enum lang lang)
{
	const struct unf_file *f;
	char *cmd;
	size_t i;
	bool stdin_list = false, unknown = false, password = false;
	bool restart = false;

	if (s == NULL || s->missing == 0)
		return;
	fputs("<section id=\"unfinished\" class=\"unfinished\">\n<h2>", out);
	html_fmt_counts(out, lang, "report.unf_title", 2,
	    (const size_t[]){ s->missing, s->missing + checked });
	/* closed, so that on a phone the result cards stay on the first
	 * screen; where the screen is wide report.js opens it, and without
	 * JavaScript report.css shows what it holds (::details-content) */
	fputs("</h2>\n<details class=\"unf\"><summary>", out);
	html_text(out, catalog_label(lang, "report.unf_more"));
	fputs("</summary>\n<p>", out);
	html_text(out, catalog_label(lang, "report.unf_meaning"));
	fputs("</p>\n<p>", out);
	/* a meta older than the options: the command lacks them */
	for (i = 0; i < s->n && i < UNF_FILES_MAX; i++) {
		unknown |= s->v[i].options == NULL;
		password |= s->v[i].password;
		restart |= s->v[i].restart;
	}
	/* a meta without options has no rows_version either (both came
	 * later): only a run to start over can lack them */
	html_text(out, catalog_label(lang, !restart ? "report.unf_how" :
	    unknown ? "report.unf_restart_old" : "report.unf_restart"));
	fputs("</p>\n", out);
	for (i = 0; i < s->n && i < UNF_FILES_MAX; i++) {
		f = &s->v[i];
		if (s->n > 1) {
			fputs("<p class=\"note\">", out);
			html_text(out, f->results);
			fputs(catalog_label(lang, "p.colon"), out);
			html_fmt_counts(out, lang, "report.unf_file", 2,
			    (const size_t[]){ f->missing, f->addresses });
			fputs("</p>\n", out);
		}
		cmd = unf_command(f);
		fputs("<pre class=\"cmd\"><code>", out);
		html_text(out, cmd);
		fputs("</code></pre>\n", out);
		free(cmd);
		if (strcmp(f->input, "-") == 0)
			stdin_list = true;
	}
	if (s->n > UNF_FILES_MAX) {
		fprintf(out, "<p class=\"note\">%s", catalog_label(lang,
		    "report.others"));
		html_count(out, s->n - UNF_FILES_MAX);
		fputs("</p>\n", out);
	}
	if (stdin_list)
		fprintf(out, "<p class=\"note\">%s</p>\n", catalog_label(lang,
		    "report.unf_stdin"));
	if (password) {
		fputs("<p class=\"note\">", out);
		html_text(out, catalog_label(lang, "report.unf_password"));
		fputs("</p>\n", out);
	}
	fputs("</details>\n</section>\n", out);
}

void
unf_free(struct unf_set *s)
{
	size_t i;

	for (i = 0; i < s->n; i++) {
		free(s->v[i].results);
		free(s->v[i].input);
		free(s->v[i].shard);
		free(s->v[i].options);
	}
	free(s->v);
	s->v = NULL;
	s->n = 0;
	s->missing = 0;
}
