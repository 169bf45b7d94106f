/*
 * test_runopts.c - the options a verify run records in FILE.meta
 * (verify/runopts.c): only what differs from the default, a proxy's
 * password never (*** in its place, the user URL-escaped), the words of
 * the command that gives them back, durations as --timeout reads them;
 * which differences refuse a resume (who asks, from where, which checks)
 * and which do not (the pace); a recorded value read back as hostile input
 * (unknown key, wrong type, out of range, control characters).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <cmocka.h>

#include "base/util.h"
#include "net/socks5.h"
#include "verify/runopts.h"

static const struct runopts_pace pace_default = { VERIFY_DEFAULT_JOBS,
    VERIFY_DEFAULT_PER_HOST, VERIFY_DEFAULT_PROXY_JOBS, 0,
    VERIFY_DEFAULT_RETRY_AFTER, VERIFY_DEFAULT_MAX_WAIT };

/* The options of `--helo mx.example.com --proxy socks5://u@x:secret@...
 * --no-tls --timeout 5s -4 --jobs 7`. */
static json_t *
sample(const char *helo, unsigned jobs)
{
	struct cli_common c;
	struct runopts_given g = { true, false, AF_INET };
	struct runopts_pace p = pace_default;
	const char *err;
	json_t *o;

	cli_common_init(&c);
	c.helo = xstrdup(helo);
	assert_int_equal(socks5_proxy_parse("socks5://u%40x:secret@127.0.0.1:1080",
	    &c.proxy, &err), 0);
	c.has_proxy = true;
	c.no_tls = true;
	c.timeout_ms = 5000;
	p.jobs = jobs;
	o = runopts_json(&c, &g, &p);
	cli_common_free(&c);
	return o;
}

static void
test_recorded(void **state)
{
	json_t *o = sample("mx.example.com", 7), *none;
	struct cli_common c;
	struct runopts_given g = { false, false, AF_UNSPEC };
	char *text = json_dumps(o, 0), *w;

	(void)state;
	assert_null(strstr(text, "secret"));
	assert_string_equal(json_string_value(json_object_get(o, "proxy")),
	    "socks5://u%40x:***@127.0.0.1:1080");
	assert_true(runopts_hides_password(o));
	assert_null(runopts_bad(o));
	w = runopts_words(o);
	assert_string_equal(w, " --helo mx.example.com --proxy "
	    "'socks5://u%40x:***@127.0.0.1:1080' -4 --no-tls --timeout 5s "
	    "--jobs 7");
	free(w);
	free(text);
	json_decref(o);

	/* the defaults are not recorded: the HELO (this host's name) filled
	 * in by cli_common_finish is not a given one */
	cli_common_init(&c);
	c.helo = xstrdup("this-host");
	none = runopts_json(&c, &g, &pace_default);
	assert_int_equal(json_object_size(none), 0);
	w = runopts_words(none);
	assert_string_equal(w, "");
	free(w);
	json_decref(none);
	cli_common_free(&c);
}

/* The one command that continues a run: verify's summary, its refusal
 * and the report give it alike. */
static void
test_command(void **state)
{
	char *cmd;

	(void)state;
	cmd = runopts_command(" --helo mx.example.com --trust-anchor "
	    "/etc/a.key", false, "out dir/r.jsonl", NULL, "客户.csv");
	assert_string_equal(cmd, "mxtrace verify --resume --helo mx.example.com "
	    "--trust-anchor /etc/a.key -o 'out dir/r.jsonl' '客户.csv'");
	free(cmd);
	cmd = runopts_command(NULL, true, "r.jsonl", "2/4", "-");
	assert_string_equal(cmd, "mxtrace verify --force -o r.jsonl --shard "
	    "2/4 -");
	free(cmd);
}

static void
test_diff(void **state)
{
	json_t *a = sample("mx.example.com", 7), *b = sample("mx.example.com", 50);
	json_t *c = sample("other.example.com", 7), *d = json_object();
	struct runopts_change v[8];
	size_t n;

	(void)state;
	/* the pace may change on a resume */
	assert_int_equal(runopts_diff(a, b, v, 8), 0);
	/* who asks may not */
	n = runopts_diff(a, c, v, 8);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].option, "--helo");
	assert_string_equal(v[0].first, "mx.example.com");
	assert_string_equal(v[0].now, "other.example.com");
	runopts_changes_free(v, n);
	/* nor the proxy, -4 and --no-tls left out; --timeout is pace */
	n = runopts_diff(a, d, v, 8);
	assert_int_equal(n, 4);
	assert_string_equal(v[1].option, "--proxy");
	assert_null(v[1].now);
	assert_string_equal(v[2].first, "-4");
	runopts_changes_free(v, n);
	json_decref(a);
	json_decref(b);
	json_decref(c);
	json_decref(d);
}

/* A recorded "options" is hostile input: every key known, every value of
 * its type and range, no control character for a terminal or a shell. */
static void
test_bad(void **state)
{
	static const struct {
		const char	*json;
		const char	*want;	/* NULL: accepted */
	} cases[] = {
		{ "{}", NULL },
		{ "{\"helo\": \"mx.example.com\", \"port\": 587, \"no_tls\": true,"
		  " \"max_wait_ms\": 0}", NULL },
		{ "[]", "options" },
		{ "{\"exec\": \"rm -rf /\"}", "options" },
		{ "{\"helo\": 7}", "helo" },
		{ "{\"helo\": \"a\\u001b[31mred\"}", "helo" },
		{ "{\"proxy\": \"socks5://x\\nrm\"}", "proxy" },
		{ "{\"port\": 0}", "port" },
		{ "{\"port\": 70000}", "port" },
		{ "{\"jobs\": -1}", "jobs" },
		{ "{\"timeout_ms\": 50}", "timeout_ms" },
		{ "{\"no_tls\": false}", "no_tls" },
		{ "{\"no_tls\": 1}", "no_tls" },
	};
	json_t *o, *big;
	char *s;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		o = json_loads(cases[i].json, 0, NULL);
		assert_non_null(o);
		if (cases[i].want == NULL)
			assert_null(runopts_bad(o));
		else if (runopts_bad(o) == NULL ||
		    strcmp(runopts_bad(o), cases[i].want) != 0)
			fail_msg("%s: %s, want %s", cases[i].json,
			    runopts_bad(o) ? runopts_bad(o) : "accepted",
			    cases[i].want);
		json_decref(o);
	}
	s = xmalloc(META_OPTION_MAX + 2);
	memset(s, 'a', META_OPTION_MAX + 1);
	s[META_OPTION_MAX + 1] = '\0';
	big = json_pack("{s:s}", "ca_file", s);
	assert_string_equal(runopts_bad(big), "ca_file");
	json_decref(big);
	free(s);
}

/* A value with control characters is recorded printable, the same each
 * time, so the same words still compare equal. */
static void
test_control_recorded(void **state)
{
	struct cli_common c;
	struct runopts_given g = { false, false, AF_UNSPEC };
	json_t *a, *b;

	(void)state;
	cli_common_init(&c);
	c.ca_file = "/tmp/ca\n\x1b[2J.pem";
	a = runopts_json(&c, &g, &pace_default);
	b = runopts_json(&c, &g, &pace_default);
	assert_null(runopts_bad(a));
	assert_null(strchr(json_string_value(json_object_get(a, "ca_file")), '\n'));
	assert_int_equal(runopts_diff(a, b, NULL, 0), 0);
	json_decref(a);
	json_decref(b);
	cli_common_free(&c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_recorded),
		cmocka_unit_test(test_command),
		cmocka_unit_test(test_diff),
		cmocka_unit_test(test_bad),
		cmocka_unit_test(test_control_recorded),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
