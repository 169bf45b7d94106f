/*
 * report_cli.c - `mxtrace report [-o FILE] [--lang en|zh] [--title TEXT]
 * FILE...`: stream every record of every input (JSON Lines; "-" is
 * standard input) into the aggregate, then write the page.  Input files
 * are read one line at a time, so their size does not matter; bad lines
 * are counted, warned about and skipped.  The output is written to a
 * temporary file beside FILE and renamed, so a failed run never leaves half
 * a report.  A verify output whose FILE.meta says the list holds more
 * addresses than the file has records is an unfinished run: the page and
 * the closing line say so (unfinished.c).
 *
 * Public: report_main.
 */
#include <errno.h>
#include <getopt.h>
#include <string.h>
#include <sys/stat.h>

#include "base/atomic.h"
#include "base/exitcode.h"
#include "base/limits.h"
#include "base/syserr.h"
#include "cli/cli.h"
#include "explain/explain.h"
#include "reports/jsonl.h"
#include "reports/report_html.h"

static const char report_usage[] =
"usage: mxtrace report [-o FILE] [--lang en|zh] [--title TEXT] [--details N]\n"
"                      FILE...\n"
"  -o, --output FILE   write the HTML report to FILE (default: report.html;\n"
"                      \"-\" for standard output)\n"
"  --lang en|zh        language of the report (default: from LANG, else en)\n"
"  --title TEXT        the report's title\n"
"  --details N         show the path of at most N addresses (1 to 100000,\n"
"                      default 500; failed addresses first)\n"
"  -h, --help          this text\n"
"  FILE...             JSON Lines from verify, probe --json, explain --json\n"
"                      or sender --json\n"
"                      (\"-\" reads standard input)\n";

enum { ROPT_LANG = 1000, ROPT_TITLE, ROPT_DETAILS };

static const struct option report_longopts[] = {
	{ "output", required_argument, NULL, 'o' },
	{ "lang", required_argument, NULL, ROPT_LANG },
	{ "title", required_argument, NULL, ROPT_TITLE },
	{ "details", required_argument, NULL, ROPT_DETAILS },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

/*
 * Feed one input into the aggregate; -1 when it cannot be read, -2 when it
 * is not mxtrace's JSON (its first line is no JSON object, or none of its
 * objects is a record: a CSV, FILE.meta, anything else).
 */
static int
report_read(struct agg *a, const char *path, unsigned long *bad,
    unsigned long *records, enum lang lang)
{
	struct jsonl j;
	enum jsonl_status st;
	const char *vals[2];
	char *msg;
	json_t *rec;
	struct stat sb;
	const char *name = input_name(path);
	FILE *fp;

	if (*path == '\0') {	/* ": No such file" would name nothing */
		cli_msg(lang, "mxtrace report: the input's file name is empty: "
		    "give a FILE, or - to read standard input\n");
		return -1;
	}
	fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
	if (fp == NULL) {
		cli_msg(lang, "mxtrace report: %s: %s\n", path,
		    syserr_text(errno));
		return -1;
	}
	if (fstat(fileno(fp), &sb) == 0 && S_ISDIR(sb.st_mode)) {
		/* fopen takes a folder; its first read says EISDIR */
		cli_msg(lang, "mxtrace report: %s is a directory, not a file of "
		    "records\n", path);
		fclose(fp);
		return -1;
	}
	/* jsonl's warnings are formatted in the language already */
	jsonl_init(&j, fp, catalog_tr(lang, name));
	j.lang = lang;
	while ((st = jsonl_next(&j, &rec)) == JSONL_RECORD) {
		if (agg_add(a, rec) == 0) {
			json_decref(rec);
			continue;
		}
		json_decref(rec);
		if (j.records == 1) {
			/* a JSON object that is no record: not mxtrace's */
			st = JSONL_FOREIGN;
			break;
		}
		j.bad++;
		if (j.bad <= JSONL_WARN_MAX)
			cli_msgf(catalog_tr(lang, "mxtrace report: %s:%lu: "
			    "no known verdict; record skipped\n"), j.name, j.line);
	}
	if (st == JSONL_FOREIGN) {
		vals[0] = j.name;
		vals[1] = catalog_label(lang, j.records > 0 ?
		    "cli.report_not_record" : "cli.report_not_json");
		msg = catalog_fmt(lang, "cli.report_foreign", 2, vals);
		cli_msg(lang, "mxtrace report: %s\n", msg);
		free(msg);
	} else if (st == JSONL_ERROR)
		cli_msg(lang, "mxtrace report: %s: read error: %s\n", name,
		    syserr_text(errno));
	else if (j.bad > 0)
		cli_msg(lang, "mxtrace report: %s: %lu {2|line|lines} skipped\n",
		    name, j.bad);
	*bad += j.bad;
	*records += j.records;
	jsonl_free(&j);
	if (fp != stdin)
		fclose(fp);
	return st == JSONL_FOREIGN ? -2 : st == JSONL_ERROR ? -1 : 0;
}

/*
 * path's FILE.meta, once its records are read: an unfinished run goes on
 * the page; a meta that cannot be used is said once and the page made as
 * if there were none (a report is never refused for its meta).  The list
 * the meta names goes into lists: the page's head names what was checked
 * beside the results file it reads.  Whether the file's catch-all check
 * was on goes into m: its records say so when one of them has catch_all
 * set (checked), else the meta's options (a run stopped before any
 * address reached SMTP has no such record), else nobody can tell.
 */
static void
report_unfinished(struct unf_set *unf, struct strlist *lists,
    struct report_meta *m, const char *path, size_t rows, bool checked,
    enum lang lang)
{
	struct unf_said said;
	char *why, *cmd;
	size_t i;

	switch (unf_check(unf, path, rows, &said, &why)) {
	case UNF_NONE:
		break;
	case UNF_IGNORED:
		cli_msg(lang, "mxtrace report: %s.meta ignored (%s): the report "
		    "cannot tell whether that verify run is finished\n", path,
		    why);
		free(why);
		break;
	case UNF_ADDED:
		cmd = unf_command(&unf->v[unf->n - 1]);
		if (unf->v[unf->n - 1].restart)
			cli_msg(lang, "mxtrace report: %s: the verify run is not "
			    "finished, addresses not checked yet: %lu of %lu; an "
			    "older mxtrace made it, which numbered the list's rows "
			    "another way, so --resume cannot continue it; to check "
			    "the whole list again: %s\n", path,
			    unf->v[unf->n - 1].missing,
			    unf->v[unf->n - 1].addresses, cmd);
		else
			cli_msg(lang, "mxtrace report: %s: the verify run is not "
			    "finished, addresses not checked yet: %lu of %lu; to "
			    "check them: %s\n", path, unf->v[unf->n - 1].missing,
			    unf->v[unf->n - 1].addresses, cmd);
		free(cmd);
		break;
	}
	if (checked || said.catch_all == 1)
		m->catch_all_on++;
	else if (said.catch_all == 0)
		m->catch_all_off++;
	else
		m->catch_all_unsaid++;
	/* the shards of one list name it once */
	for (i = 0; said.list != NULL && i < lists->n; i++)
		if (strcmp(lists->v[i], said.list) == 0)
			break;
	if (said.list != NULL && i == lists->n)
		strlist_add(lists, said.list);
	free(said.list);
}

/*
 * Why: `report -o results.jsonl results.jsonl` would replace the records of
 * a whole verify run with the page made from them.  Checked before anything
 * is read or written; any spelling of the path is caught.
 */
static int
report_output_is_input(const char *output, char **inputs, int n,
    enum lang lang)
{
	struct stat st;
	int i;

	if (strcmp(output, "-") == 0)
		return 0;
	for (i = 0; i < n; i++) {
		if (strcmp(inputs[i], "-") == 0 || stat(inputs[i], &st) != 0)
			continue;
		if (same_file(&st, output)) {
			cli_msg(lang, "mxtrace report: %s is an input: writing "
			    "the report there would destroy it (choose another "
			    "-o FILE)\n", output);
			return -1;
		}
	}
	return 0;
}

/* Write the page; 0, or the exit status: 73 not created, 74 not written. */
static int
report_output(const char *path, const struct agg *a,
    const struct report_opts *o, const struct report_meta *m)
{
	struct atomic_file af;
	char *err = NULL;
	FILE *fp;

	if (strcmp(path, "-") == 0)
		return report_render(stdout, a, o, m) == 0 ? 0 : MX_EXIT_IOERR;
	if ((fp = atomic_open(&af, path, &err)) == NULL) {
		cli_msg(o->lang, "mxtrace report: %s\n", err);
		free(err);
		return MX_EXIT_CANTCREAT;
	}
	if (report_render(fp, a, o, m) != 0) {
		cli_msg(o->lang, "mxtrace report: %s: %s\n", path, syserr_text(errno));
		atomic_discard(&af);
		return MX_EXIT_IOERR;
	}
	if (atomic_commit(&af, &err) != 0) {
		cli_msg(o->lang, "mxtrace report: %s\n", err);
		free(err);
		return MX_EXIT_IOERR;
	}
	return 0;
}

/* out with part added after the catalogue's comma; part freed. */
static char *
report_tally_add(char *out, char *part, enum lang l)
{
	char *t = xasprintf("%s%s%s", out, *out ? catalog_label(l, "p.comma") :
	    "", part);

	free(out);
	free(part);
	return t;
}

/*
 * What a page of explain and sender records holds, for the closing line:
 * "3 complaints" or "5 bounces, 1 delivery notice, 2 delivered messages",
 * "1 sender check", each kind in its own words (a page of complaints is no
 * "bounces, delivered messages", a sender check no "0 addresses").  Owned.
 */
static char *
report_tally(const struct agg *a, enum lang l)
{
	char key[64], num[24], *out = xstrdup("");
	const char *vals[1] = { num };
	size_t k, n;

	for (k = 0; k < EXPLAIN_KIND__LAST; k++) {
		/* delivered messages are dlvreport's, the others bncreport's */
		n = k == EXPLAIN_DELIVERED_MESSAGE ? a->dlv.total :
		    a->bnc.kinds[k];
		if (n == 0)
			continue;
		snprintf(num, sizeof(num), "%zu", n);
		snprintf(key, sizeof(key), "report.tally.%s",
		    explain_kind_name((enum explain_kind)k));
		out = report_tally_add(out, catalog_fmt(l, key, 1, vals), l);
	}
	if (a->senders_total > 0) {
		snprintf(num, sizeof(num), "%zu", a->senders_total);
		out = report_tally_add(out, catalog_fmt(l,
		    "report.tally.sender", 1, vals), l);
	}
	return out;
}

int
report_main(int argc, char **argv)
{
	struct report_opts o = { LANG_EN, NULL, 0, 0, 0, 0 };
	struct unf_set unf = { NULL, 0, 0 };
	struct report_meta m = { NULL, NULL, 0, &unf, 0, 0, 0 };
	struct strlist inputs = { NULL, 0, 0 }, lists = { NULL, 0, 0 };
	const char *output = "report.html", *lang = NULL;
	/* a file: a second one would not be written (cli.h) */
	static const char *const once[] = { "output", NULL };
	struct cli_given given = { { NULL } };
	struct agg *a;
	char *end, *err, *tally;
	unsigned long n, records = 0;
	size_t before, checked;
	int ch, i, rc = 0;

	lang = cli_lang_arg();	/* for errors before --lang is read */
	optind = 1;
	while ((ch = getopt_long(argc, argv, ":o:h", report_longopts,
	    NULL)) != -1) {
		if (cli_option_once(lang_pick(lang), report_longopts, ch,
		    optarg, once, &given) < 0) {
			cli_usage_hint(lang_pick(lang), "report");
			return MX_EXIT_USAGE;
		}
		switch (ch) {
		case 'o':
			output = optarg;
			break;
		case ROPT_LANG:
			if (lang_from_name(optarg) < 0) {
				cli_msg(lang_pick(lang), "mxtrace report: --lang "
				    "wants en or zh, not '%s'\n", optarg);
				cli_usage_hint(lang_pick(lang), "report");
				return MX_EXIT_USAGE;
			}
			lang = optarg;
			break;
		case ROPT_TITLE:
			o.title = optarg;
			break;
		case ROPT_DETAILS:
			errno = 0;
			n = strtoul(optarg, &end, 10);
			if (errno || *end != '\0' || *optarg == '\0' ||
			    *optarg == '-' || n == 0 || n > OPT_COUNT_MAX) {
				cli_msg(lang_pick(lang), "mxtrace report: --details "
				    "wants a number from 1 to 100000, not '%s'\n",
				    optarg);
				cli_usage_hint(lang_pick(lang), "report");
				return MX_EXIT_USAGE;
			}
			o.detail_max = n;
			break;
		case 'h':
			cli_help_text(stdout, cli_help_lang(), report_usage);
			cli_help_exit(stdout, cli_help_lang(), "report");
			return cli_stdout_done(cli_help_lang(), "report") < 0 ?
			    MX_EXIT_IOERR : 0;
		default:
			(void)cli_option_error(lang_pick(lang), ch);
			cli_usage_hint(lang_pick(lang), "report");
			return MX_EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		cli_msg(lang_pick(lang), "mxtrace report: %s\n", catalog_tr(lang_pick(lang),
		    "no input file"));
		cli_usage_hint(lang_pick(lang), "report");
		return MX_EXIT_USAGE;
	}
	o.lang = lang_pick(lang);
	if (cli_stdin_once(o.lang, argv + optind, argc - optind) < 0) {
		cli_usage_hint(o.lang, "report");
		return MX_EXIT_USAGE;
	}
	if (report_output_is_input(output, argv + optind, argc - optind,
	    o.lang) != 0)
		return MX_EXIT_CANTCREAT;
	/* before the inputs are read: they may be large */
	if (strcmp(output, "-") != 0 && atomic_check(output, &err) < 0) {
		cli_msg(o.lang, "mxtrace report: %s\n", err);
		free(err);
		return MX_EXIT_CANTCREAT;
	}

	a = agg_new(o.detail_max ? o.detail_max : 500);
	for (i = optind; i < argc; i++) {
		if (cli_input_repeated(o.lang, argv + optind, i - optind,
		    argv[i]))
			continue;
		strlist_add(&inputs, catalog_tr(o.lang, input_name(argv[i])));
		before = a->nrows;
		checked = a->catch_all_checked;
		switch (report_read(a, argv[i], &m.bad_lines, &records,
		    o.lang)) {
		case -2:
			rc = MX_EXIT_DATAERR;
			break;
		case -1:
			if (rc == 0)
				rc = MX_EXIT_NOINPUT;
			break;
		default:
			report_unfinished(&unf, &lists, &m, argv[i],
			    a->nrows - before, a->catch_all_checked > checked,
			    o.lang);
		}
	}
	agg_finish(a);
	m.inputs = &inputs;
	m.lists = &lists;
	/*
	 * An empty page would look like a list where nothing was found; a
	 * run stopped before its first record whose FILE.meta counts its
	 * addresses makes a page that says none of them is checked yet.
	 */
	if (rc == 0 && records == 0 && unf.missing == 0) {
		cli_msg(o.lang, "mxtrace report: no records in the input: "
		    "nothing to report (was the run stopped before its first "
		    "result?)\n");
		rc = MX_EXIT_DATAERR;
	}
	if (rc == 0)
		rc = report_output(output, a, &o, &m);
	if (rc == 0 && strcmp(output, "-") != 0 && a->nrows == 0 &&
	    a->bnc.messages + a->dlv.total + a->senders_total > 0) {
		tally = report_tally(a, lang_pick(lang));
		cli_msg(lang_pick(lang), "mxtrace report: %s -> %s\n", tally,
		    output);
		free(tally);
	}
	else if (rc == 0 && strcmp(output, "-") != 0 && unf.missing > 0)
		cli_msg(lang_pick(lang), "mxtrace report: %zu of %lu {2|address|addresses} "
		    "-> %s (the run is not finished: %lu not checked yet)\n",
		    a->nrows, a->nrows + unf.missing, output, unf.missing);
	else if (rc == 0 && strcmp(output, "-") != 0)
		cli_msg(lang_pick(lang), "mxtrace report: %zu {1|address|addresses} "
		    "-> %s\n", a->nrows, output);
	unf_free(&unf);
	agg_free(a);
	strlist_free(&inputs);
	strlist_free(&lists);
	return rc;
}
