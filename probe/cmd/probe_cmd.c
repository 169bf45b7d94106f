/*
 * probe_cmd.c - `mxtrace probe [options] ADDRESS`: parse the options and
 * the address (an invalid one is decided here, with no network traffic),
 * run one engine job on one event loop, print the trace or the JSON, and
 * exit with the verdict's status (docs/json.md).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "input/hints.h"
#include "input/intake.h"
#include "base/atomic.h"
#include "cli/cli.h"
#include "base/exitcode.h"
#include "base/syserr.h"
#include "base/termcs.h"
#include "cmd/probe_cmd.h"
#include "reports/report.h"
#include "record/result_json.h"
#include "record/trace.h"
#include "cmd/live.h"


static const char probe_usage[] =
"usage: mxtrace probe [options] ADDRESS\n"
"Walk the path a message to ADDRESS would take (DNS, MX, connect, banner,\n"
"EHLO, STARTTLS, MAIL FROM, RCPT TO - never DATA) and say where it stops.\n"
"  --json                 print one JSON object (docs/json.md), not the trace\n"
"  --html FILE            also write a one-address HTML report to FILE\n"
"  -h, --help             this text\n";

struct probe_run {
	struct probe_result	 result;
	bool			 done;
};

static void
run_result(void *arg, size_t idx, struct probe_result *r)
{
	(void)arg;
	(void)idx;
	(void)r;
}

static void
run_done(void *arg)
{
	struct probe_run *run = arg;

	run->done = true;
}

/* "mxtrace probe: ERROR" in the user's language, its colon too. */
static void
probe_error(enum lang lang, const char *err)
{
	cli_msg(lang, "mxtrace probe: %s\n", err);
}

/*
 * One-address report, written atomically (atomic.h): 0, or the exit
 * status, as report's: 73 the page cannot be created, 74 it cannot be
 * written whole (a full disk).
 */
static int
write_html(const char *path, const struct probe_result *r, enum lang lang,
    bool catch_all_check)
{
	struct report_opts ro = { .lang = lang };
	struct atomic_file af;
	json_t *o = result_to_json(r, lang);
	const json_t *rec = o;
	char *err = NULL;
	FILE *f;
	int rv = MX_EXIT_CANTCREAT;

	if ((f = atomic_open(&af, path, &err)) != NULL) {
		rv = MX_EXIT_IOERR;
		if (report_write_html(f, &rec, 1, &ro, catch_all_check) < 0) {
			err = xasprintf("cannot write %s: %s", path, syserr_text(errno));
			atomic_discard(&af);
		} else if (atomic_commit(&af, &err) == 0)
			rv = 0;
	}
	if (rv != 0)
		probe_error(lang, err);
	free(err);
	json_decref(o);
	return rv;
}

/* Colour on a terminal, unless NO_COLOR (https://no-color.org) or TERM=dumb. */
static bool
want_colour(void)
{
	const char *nc = getenv("NO_COLOR"), *term = getenv("TERM");

	return isatty(STDOUT_FILENO) && (nc == NULL || *nc == '\0') &&
	    (term == NULL || strcmp(term, "dumb") != 0);
}

/* live: the steps are on the terminal already; only the end is left. */
static void
print_result(const struct probe_result *r, bool json, bool live,
    enum lang lang)
{
	json_t *o;

	if (live)
		trace_tail(stdout, r, lang, want_colour());
	else if (json) {
		o = result_to_json(r, lang);
		json_dumpf(o, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		fputc('\n', stdout);
		json_decref(o);
	} else
		trace_print(stdout, r, lang);
	fflush(stdout);
}

int
probe_main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "html", required_argument, NULL, 'H' },
		{ "help", no_argument, NULL, 'h' },
		CLI_COMMON_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	struct cli_common c;
	struct cli_env e;
	struct probe_run run;
	struct strlist warnings = { 0 };
	struct address addr;
	struct probe_result *rp = &run.result;
	struct intake *in;
	const char *rcpt;
	size_t nin;
	const char *html = NULL;
	/* a file: a second one would not be written (cli.h) */
	static const char *const once[] = { "html", NULL };
	struct cli_given given = { { NULL } };
	char *aerr = NULL;
	struct live *lv = NULL;
	bool json = false;
	long long t0;
	size_t i;
	int ch, rv, status;

	cli_common_init(&c);
	optind = 1;
	while ((ch = getopt_long(argc, argv, ":h" CLI_COMMON_SHORTOPTS, longopts, NULL)) != -1) {
		if (cli_option_once(lang_pick(c.lang_opt), longopts, ch, optarg,
		    once, &given) < 0) {
			cli_usage_hint(lang_pick(c.lang_opt), "probe");
			cli_common_free(&c);
			return MX_EXIT_USAGE;
		}
		switch (ch) {
		case 'j':
			json = true;
			continue;
		case 'H':
			html = optarg;
			continue;
		case 'h':
			cli_help_text(stdout, cli_help_lang(), probe_usage);
			cli_help_text(stdout, cli_help_lang(),
			    cli_common_usage);
			cli_help_exit(stdout, cli_help_lang(), "probe");
			cli_common_free(&c);
			return 0;
		}
		rv = cli_common_opt(&c, ch, optarg);
		if (rv <= 0) {
			cli_usage_hint(lang_pick(c.lang_opt), "probe");
			cli_common_free(&c);
			return MX_EXIT_USAGE;
		}
	}
	if (argc - optind != 1) {
		probe_error(lang_pick(c.lang_opt), "one ADDRESS expected");
		cli_usage_hint(lang_pick(c.lang_opt), "probe");
		cli_common_free(&c);
		return MX_EXIT_USAGE;
	}
	if (cli_common_finish(&c, &warnings) < 0) {
		cli_usage_hint(lang_pick(c.lang_opt), "probe");
		cli_common_free(&c);
		strlist_free(&warnings);
		return MX_EXIT_USAGE;
	}
	if (html != NULL && atomic_check(html, &aerr) < 0) {
		probe_error(c.lang, aerr);
		free(aerr);
		cli_common_free(&c);
		strlist_free(&warnings);
		return MX_EXIT_CANTCREAT;
	}

	if (!json)
		termcs_text(stdout);
	if ((aerr = hints_init()) != NULL)
		strlist_add(&warnings, aerr);
	free(aerr);
	nin = intake_cell(argv[optind], strlen(argv[optind]), &in, NULL);
	intake_hints(in, nin);
	if (nin > 1) {
		cli_msgf(catalog_tr(c.lang, "mxtrace probe: '%s' holds %zu "
		    "addresses: probe one at a time, or list them for mxtrace "
		    "verify\n"), in[0].notes.given, nin);
		cli_usage_hint(c.lang, "probe");
		intake_free(in, nin);
		cli_common_free(&c);
		strlist_free(&warnings);
		return MX_EXIT_USAGE;
	}
	memset(&run, 0, sizeof(run));
	result_init(rp, in->text);
	notes_copy(&rp->notes, &in->notes);
	for (i = 0; i < warnings.n; i++)
		strlist_add(&rp->warnings, warnings.v[i]);
	strlist_free(&warnings);
	t0 = now_ms();
	if (!in->ok) {
		result_decide(rp, VERDICT_INVALID_SYNTAX, STAGE_SYNTAX,
		    REASON_INVALID_ADDRESS, NULL, NULL);
		strlist_addf(&rp->warnings, "invalid address: %s", in->why);
	} else {
		addr = in->addr;
		if (cli_env_init_checked(&e, &c) < 0) {
			status = e.fail;
			cli_env_free(&e);
			intake_free(in, nin);
			result_free(rp);
			cli_common_free(&c);
			return status;
		}
		rcpt = addr.path;
		if (!json && isatty(STDOUT_FILENO)) {
			lv = live_new(e.base, stdout, rp, c.lang, true);
			e.env.watch = live_watch(lv);
		}
		probe_job_start(&e.env, addr.domain_ascii, NULL, &rcpt, &rp, 1,
		    -1, run_result, run_done, &run);
		while (!run.done)
			if (event_base_loop(e.base, EVLOOP_ONCE) < 0)
				fatalx("%s: event loop failed", __func__);
		if (lv != NULL)
			live_finish(lv);
		cli_env_free(&e);
	}
	intake_free(in, nin);
	rp->total_ms = now_ms() - t0;
	print_result(rp, json, lv != NULL, c.lang);
	status = verdict_exit_status(rp->verdict, rp->reason);
	if (html != NULL && (rv = write_html(html, rp, c.lang,
	    !c.no_catch_all)) != 0)
		status = rv;
	if (cli_stdout_done(c.lang, "probe") < 0)
		status = MX_EXIT_IOERR;
	result_free(rp);
	cli_common_free(&c);
	return status;
}
