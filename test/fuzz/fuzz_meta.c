/*
 * fuzz_meta.c - libFuzzer target for a verify output's FILE.meta read back
 * as hostile input (verify/jsonl_out.c jsonl_meta_read, the recorded
 * options of verify/runopts.c, the report's notice of reports/unfinished.c).
 * Invariants: a meta taken as ours has options whose command words and
 * whose differences hold no control character (they reach a terminal and
 * a shell command), and the notice and its command are made without a
 * crash or a leak.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/util.h"
#include "reports/unfinished.h"
#include "verify/jsonl_out.h"
#include "verify/runopts.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[] = "/tmp/mxtrace-fuzz-meta-XXXXXX";

static char *path, *metapath;

/* The scratch folder goes when the fuzzer exits. */
static void
cleanup(void)
{
	unlink(metapath);
	rmdir(dir);
}

static void
no_controls(const char *s)
{
	for (; s != NULL && *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct unf_set set = { NULL, 0, 0 };
	struct runopts_change v[8];
	json_t *meta, *none;
	struct unf_said said = { NULL, -1 };
	char *why, *w, *cmd;
	size_t n, i;
	FILE *f;

	if (path == NULL) {
		if (mkdtemp(dir) == NULL)
			abort();
		path = xasprintf("%s/r.jsonl", dir);
		metapath = jsonl_meta_path(path);
		atexit(cleanup);
	}
	if ((f = fopen(metapath, "w")) == NULL)
		abort();
	if (size > 0 && fwrite(data, 1, size, f) != size)
		abort();
	fclose(f);
	if (jsonl_meta_read(path, &meta, &why) == JSONL_META_OK &&
	    json_object_get(meta, "options") != NULL &&
	    !json_is_null(json_object_get(meta, "options"))) {
		w = runopts_words(json_object_get(meta, "options"));
		no_controls(w);
		free(w);
		none = json_object();
		n = runopts_diff(json_object_get(meta, "options"), none, v, 8);
		for (i = 0; i < n && i < 8; i++) {
			no_controls(v[i].first);
			no_controls(v[i].now);
		}
		runopts_changes_free(v, n < 8 ? n : 8);
		json_decref(none);
	}
	json_decref(meta);
	free(why);
	why = NULL;
	if (unf_check(&set, path, 1, &said, &why) == UNF_ADDED) {
		cmd = unf_command(&set.v[0]);
		free(cmd);
		if ((f = fopen("/dev/null", "w")) != NULL) {
			unf_html(f, &set, 1, LANG_ZH);
			fclose(f);
		}
	}
	free(why);
	free(said.list);
	unf_free(&set);
	return 0;
}
