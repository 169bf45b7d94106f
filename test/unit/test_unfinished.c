/*
 * test_unfinished.c - what the report makes of a results file's FILE.meta
 * (reports/unfinished.c): an unfinished run (fewer records than the list's
 * addresses) is noticed, with the command that finishes it; a finished
 * run, a missing meta and an older meta without the count say nothing; a
 * malformed or hostile meta (not JSON, another program's JSON, a count of
 * the wrong type, too large, a FIFO, a directory, fewer addresses than
 * records) is ignored with a reason and never blocks; the meta's text is
 * escaped on the page and quoted in the command.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "base/limits.h"
#include "base/util.h"
#include "reports/unfinished.h"

static char dir[] = "/tmp/mxtrace-unf-XXXXXX";

static char *
results(void)
{
	return xasprintf("%s/results.jsonl", dir);
}

/* Write FILE.meta with text (NULL: none). */
static void
meta(const char *text)
{
	char *path = xasprintf("%s/results.jsonl.meta", dir);
	FILE *f;

	(void)unlink(path);
	(void)rmdir(path);
	if (text != NULL) {
		assert_non_null(f = fopen(path, "w"));
		fputs(text, f);
		fclose(f);
	}
	free(path);
}

static enum unf_status
check(unsigned long rows, struct unf_set *s, char **why)
{
	struct unf_said said;
	char *path = results();
	enum unf_status st = unf_check(s, path, rows, &said, why);

	free(said.list);
	free(path);
	return st;
}

static int
setup(void **state)
{
	(void)state;
	return mkdtemp(dir) == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	(void)state;
	meta(NULL);
	return rmdir(dir);
}

static void
test_unfinished_counted(void **state)
{
	struct unf_set s = { NULL, 0, 0 };
	char *why, *cmd, *want;

	(void)state;
	meta("{\"mxtrace_verify\": 1, \"rows_version\": 2, \"input\": "
	    "\"customers.csv\", \"input_sha256\": \"ab\", \"shard\": \"2/3\", "
	    "\"addresses\": 6}");
	assert_int_equal(check(5, &s, &why), UNF_ADDED);
	assert_null(why);
	assert_int_equal(s.n, 1);
	assert_int_equal(s.missing, 1);
	assert_int_equal(s.v[0].addresses, 6);
	cmd = unf_command(&s.v[0]);
	want = xasprintf("mxtrace verify --resume -o %s/results.jsonl --shard "
	    "2/3 customers.csv", dir);
	assert_string_equal(cmd, want);
	free(cmd);
	free(want);
	unf_free(&s);
}

/*
 * Records whose rows were numbered another way (another rows_version, or
 * none: an older mxtrace) cannot be resumed (verify refuses it): the
 * command starts the list over with --force, and the page says why.
 */
static void
test_other_rows_version_restarts(void **state)
{
	static const char *const metas[] = {
		"{\"mxtrace_verify\": 1, \"rows_version\": 1, \"input\": "
		"\"customers.csv\", \"input_sha256\": \"ab\", \"addresses\": 6, "
		"\"options\": {\"helo\": \"mx.example.com\"}}",
		"{\"mxtrace_verify\": 1, \"input\": \"customers.csv\", "
		"\"input_sha256\": \"ab\", \"addresses\": 6, "
		"\"options\": {\"helo\": \"mx.example.com\"}}",
	};
	struct unf_set s = { NULL, 0, 0 };
	char *why, *cmd, *want, *page = NULL;
	size_t i, len = 0;
	FILE *f;

	(void)state;
	for (i = 0; i < sizeof(metas) / sizeof(metas[0]); i++) {
		meta(metas[i]);
		assert_int_equal(check(5, &s, &why), UNF_ADDED);
		cmd = unf_command(&s.v[0]);
		want = xasprintf("mxtrace verify --force --helo mx.example.com "
		    "-o %s/results.jsonl customers.csv", dir);
		assert_string_equal(cmd, want);
		free(cmd);
		free(want);
		assert_non_null(f = open_memstream(&page, &len));
		unf_html(f, &s, 5, LANG_ZH);
		fclose(f);
		assert_non_null(strstr(page, "给名单的行编号的方式不同：--resume "
		    "无法接着检测"));
		free(page);
		unf_free(&s);
	}
}

/*
 * The first run's options recorded in FILE.meta are in the command (a
 * resume with others is refused), the proxy's password as *** and a note
 * saying so; a meta older than the options says they are not known.
 */
static void
test_command_has_options(void **state)
{
	struct unf_set s = { NULL, 0, 0 };
	char *why, *cmd, *want, *page = NULL;
	size_t len = 0;
	FILE *f;

	(void)state;
	meta("{\"mxtrace_verify\": 1, \"rows_version\": 2, \"input\": "
	    "\"customers.csv\", \"input_sha256\": \"ab\", \"addresses\": 6, "
	    "\"options\": "
	    "{\"helo\": \"mx.example.com\", \"mail_from\": \"\", "
	    "\"proxy\": \"socks5://u:***@10.0.0.1:1080\", \"no_tls\": true, "
	    "\"jobs\": 5, \"max_wait_ms\": 3600000}}");
	assert_int_equal(check(5, &s, &why), UNF_ADDED);
	cmd = unf_command(&s.v[0]);
	want = xasprintf("mxtrace verify --resume --helo mx.example.com "
	    "--mail-from '' --proxy 'socks5://u:***@10.0.0.1:1080' --no-tls "
	    "--jobs 5 --max-wait 1h -o %s/results.jsonl customers.csv", dir);
	assert_string_equal(cmd, want);
	free(cmd);
	free(want);
	assert_non_null(f = open_memstream(&page, &len));
	unf_html(f, &s, 5, LANG_EN);
	fclose(f);
	assert_non_null(strstr(page, "the first run&#39;s options are in it"));
	assert_non_null(strstr(page, "*** stands for the proxy&#39;s password"));
	free(page);
	unf_free(&s);

	/* older: neither options nor rows_version: started over */
	meta("{\"mxtrace_verify\": 1, \"input\": \"customers.csv\", "
	    "\"input_sha256\": \"ab\", \"addresses\": 6}");
	assert_int_equal(check(5, &s, &why), UNF_ADDED);
	assert_non_null(f = open_memstream(&page, &len));
	unf_html(f, &s, 5, LANG_EN);
	fclose(f);
	assert_non_null(strstr(page, "--resume cannot continue them"));
	assert_non_null(strstr(page, "too old to record them"));
	assert_non_null(strstr(page, "mxtrace verify --force -o"));
	free(page);
	unf_free(&s);
}

/* Nothing to say: the page is made as it always was. */
static void
test_nothing_to_say(void **state)
{
	static const char *const metas[] = {
		/* finished: as many records as addresses */
		"{\"mxtrace_verify\": 1, \"input\": \"l.csv\", "
		"\"input_sha256\": \"ab\", \"addresses\": 5}",
		/* written before the count: cannot tell, as before */
		"{\"mxtrace_verify\": 1, \"input\": \"l.csv\", "
		"\"input_sha256\": \"ab\", \"shard\": null}",
		NULL,	/* no FILE.meta: a results file copied alone */
	};
	struct unf_set s = { NULL, 0, 0 };
	struct unf_said said;
	char *why;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(metas) / sizeof(metas[0]); i++) {
		meta(metas[i]);
		assert_int_equal(check(5, &s, &why), UNF_NONE);
		assert_null(why);
	}
	assert_int_equal(s.n, 0);
	assert_int_equal(s.missing, 0);
	assert_int_equal(unf_check(&s, "-", 5, &said, &why), UNF_NONE);
	assert_null(said.list);
	assert_int_equal(said.catch_all, -1);
}

static void
test_malformed_ignored(void **state)
{
	static const struct {
		const char *meta, *why;
	} cases[] = {
		{ "", "not JSON" },
		{ "{\"mxtrace_verify\": 1, \"input_sha256\": \"ab\", \"addre",
		    "not JSON" },
		{ "[1, 2, 3]", "field mxtrace_verify" },
		{ "{\"name\": \"x\", \"version\": \"1.0\"}", "field mxtrace_verify" },
		{ "{\"mxtrace_verify\": 2, \"input_sha256\": \"ab\", "
		    "\"addresses\": 9}", "field mxtrace_verify" },
		{ "{\"mxtrace_verify\": 1, \"input_sha256\": \"ab\", "
		    "\"addresses\": \"many\"}", "field addresses" },
		{ "{\"mxtrace_verify\": 1, \"input_sha256\": \"ab\", "
		    "\"addresses\": -4}", "field addresses" },
		{ "{\"mxtrace_verify\": 1, \"input_sha256\": \"ab\", "
		    "\"addresses\": 9.5}", "field addresses" },
		{ "{\"mxtrace_verify\": 1, \"input_sha256\": \"ab\", "
		    "\"input\": [\"<b>\"], \"addresses\": 9}", "field input" },
		{ "{\"mxtrace_verify\": 1, \"input_sha256\": \"ab\", "
		    "\"shard\": 7, \"addresses\": 9}", "field shard" },
		{ "{\"mxtrace_verify\": 1, \"input_sha256\": \"ab\", "
		    "\"rows_version\": \"2\", \"addresses\": 9}",
		    "field rows_version" },
		{ "{\"mxtrace_verify\": 1, \"input_sha256\": \"ab\", "
		    "\"rows_version\": 0, \"addresses\": 9}",
		    "field rows_version" },
		/* more records than the list had addresses: not this file's */
		{ "{\"mxtrace_verify\": 1, \"input_sha256\": \"ab\", "
		    "\"addresses\": 2}", "fewer addresses (2) than the file holds "
		    "records (5)" },
	};
	static const char head[] = "{\"mxtrace_verify\": 1, "
	    "\"input_sha256\": \"ab\", \"addresses\": 9}";
	struct unf_set s = { NULL, 0, 0 };
	char *why, *big, *path;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		meta(cases[i].meta);
		assert_int_equal(check(5, &s, &why), UNF_IGNORED);
		assert_non_null(why);
		if (strstr(why, cases[i].why) == NULL)
			fail_msg("case %zu: \"%s\" does not say \"%s\"", i, why,
			    cases[i].why);
		free(why);
	}
	/* too large to be ours: not read whole */
	big = xmalloc(META_FILE_MAX + 2);
	memset(big, ' ', META_FILE_MAX + 1);
	big[META_FILE_MAX + 1] = '\0';
	memcpy(big, head, strlen(head));
	meta(big);
	free(big);
	assert_int_equal(check(5, &s, &why), UNF_IGNORED);
	assert_non_null(strstr(why, "larger than"));
	free(why);
	/* a FIFO (would block a reader) and a directory */
	meta(NULL);
	path = xasprintf("%s/results.jsonl.meta", dir);
	assert_int_equal(mkfifo(path, 0600), 0);
	assert_int_equal(check(5, &s, &why), UNF_IGNORED);
	assert_string_equal(why, "not a regular file");
	free(why);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(mkdir(path, 0700), 0);
	assert_int_equal(check(5, &s, &why), UNF_IGNORED);
	free(why);
	free(path);
	assert_int_equal(s.n, 0);
	assert_int_equal(s.missing, 0);
}

/* The meta's text is the user's (or anyone's): escaped, and quoted so the
 * command copied from the page runs on that very file. */
static void
test_hostile_text(void **state)
{
	struct unf_set s = { NULL, 0, 0 };
	char *why, *buf = NULL, *cmd;
	size_t len = 0;
	FILE *out;

	(void)state;
	meta("{\"mxtrace_verify\": 1, \"input\": \"<script>alert(1)</script> "
	    "it's.csv\", \"input_sha256\": \"ab\", \"addresses\": 1000}");
	assert_int_equal(check(400, &s, &why), UNF_ADDED);
	cmd = unf_command(&s.v[0]);
	assert_non_null(strstr(cmd, " '<script>alert(1)</script> it'\\''s.csv'"));
	free(cmd);
	assert_non_null(out = open_memstream(&buf, &len));
	unf_html(out, &s, 400, LANG_EN);
	fclose(out);
	assert_null(strstr(buf, "<script>"));
	assert_non_null(strstr(buf, "&lt;script&gt;alert(1)&lt;/script&gt;"));
	assert_non_null(strstr(buf, "600 of the list&#39;s 1,000 addresses are "
	    "not checked yet"));
	free(buf);
	unf_free(&s);
	/* a line separator in the name does not break the page's lines */
	meta("{\"mxtrace_verify\": 1, \"input\": \"Q4\\u2028list\\u2029.csv\", "
	    "\"input_sha256\": \"ab\", \"addresses\": 1000}");
	assert_int_equal(check(400, &s, &why), UNF_ADDED);
	assert_non_null(out = open_memstream(&buf, &len));
	unf_html(out, &s, 400, LANG_EN);
	fclose(out);
	assert_null(strstr(buf, "\xe2\x80\xa8"));
	assert_null(strstr(buf, "\xe2\x80\xa9"));
	assert_non_null(strstr(buf, "Q4 list .csv"));
	free(buf);
	unf_free(&s);
}

/*
 * The list verify checked, as FILE.meta names it, for the page's head:
 * of a finished run and an unfinished one alike; none when the list was
 * read from standard input or there is no meta.  And whether its
 * catch-all check was on: the meta's options say it, stopped before any
 * record or not; a meta older than its options, or none, does not.
 */
static void
test_list_named(void **state)
{
	static const struct {
		const char	*meta;
		unsigned long	 rows;
		const char	*list;
		int		 catch_all;
	} cases[] = {
		{ "{\"mxtrace_verify\": 1, \"input\": \"客户名单.csv\", "
		  "\"input_sha256\": \"ab\", \"addresses\": 5}", 5,
		  "客户名单.csv", -1 },
		{ "{\"mxtrace_verify\": 1, \"input\": \"q4/客户.xlsx\", "
		  "\"input_sha256\": \"ab\", \"addresses\": 9, "
		  "\"options\": {\"helo\": \"mx.example.com\"}}", 0,
		  "q4/客户.xlsx", 1 },
		{ "{\"mxtrace_verify\": 1, \"input\": \"-\", "
		  "\"input_sha256\": \"ab\", \"addresses\": 5, "
		  "\"options\": {\"no_catch_all_check\": true}}", 0, NULL, 0 },
		{ "{\"mxtrace_verify\": 1, \"input\": \"a.csv\", "
		  "\"input_sha256\": \"ab\", \"addresses\": 5, "
		  "\"options\": {}}", 5, "a.csv", 1 },
		{ NULL, 5, NULL, -1 },
	};
	struct unf_set s = { NULL, 0, 0 };
	struct unf_said said;
	char *why, *path = results();
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		meta(cases[i].meta);
		(void)unf_check(&s, path, cases[i].rows, &said, &why);
		if (cases[i].list == NULL)
			assert_null(said.list);
		else
			assert_string_equal(said.list, cases[i].list);
		assert_int_equal(said.catch_all, cases[i].catch_all);
		free(said.list);
		free(why);
	}
	free(path);
	unf_free(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_unfinished_counted),
		cmocka_unit_test(test_other_rows_version_restarts),
		cmocka_unit_test(test_command_has_options),
		cmocka_unit_test(test_nothing_to_say),
		cmocka_unit_test(test_malformed_ignored),
		cmocka_unit_test(test_hostile_text),
		cmocka_unit_test(test_list_named),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
