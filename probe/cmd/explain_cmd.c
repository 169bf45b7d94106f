/*
 * explain_cmd.c - `mxtrace explain [options] FILE...|-`: read each input's
 * messages one at a time (explain/source.h), explain each (explain.h) and
 * print the explanation, or one JSON object per message (JSON Lines); a
 * forward of bounces gives one for each bounce it attaches.
 * With --probe, each failed recipient is probed again now (explain_probe.c)
 * and shown beside what the bounce said.
 *
 * Exit status (docs/mxtrace.1): 0 every input was read; 65 an input held
 * no readable message (empty, unreadable); 66 an input could not be
 * opened; 74 the output could not be written; 64 bad usage.  The worst
 * one wins; the other inputs are still read.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "base/exitcode.h"
#include "base/limits.h"
#include "base/syserr.h"
#include "base/termcs.h"
#include "cli/cli.h"
#include "cmd/explain_cmd.h"
#include "cmd/explain_probe.h"
#include "explain/explain.h"
#include "explain/explain_json.h"
#include "explain/explain_print.h"
#include "explain/read_delivered.h"
#include "explain/redact.h"
#include "explain/source.h"

static const char explain_usage[] =
"usage: mxtrace explain [options] FILE...|-\n"
"Read a bounce (or a delay notice, an auto-reply, a spam complaint) and say\n"
"what happened to each recipient, whose side the problem is on and what to\n"
"do; read a delivered message (its Received: path, authentication and spam\n"
"headers) and say how it travelled and why it went to spam.  FILE is a\n"
"message (.eml), an Outlook message (.msg), an mbox, a maildir or a\n"
"folder of messages; - reads standard input: a message, an mbox or text\n"
"pasted from a mail client (one - at most).\n"
"  --json                 one JSON object a message, one a line (docs/json.md);\n"
"                         a forward of bounces: one for each bounce it attaches\n"
"  --probe                probe each failed recipient again: then vs now\n"
"  --headers-only         the input is a header block (\"show original\"): explain\n"
"                         the delivered message's path and spam verdict\n"
"  --folder spam|inbox    where you found a delivered message (Gmail, QQ and\n"
"                         NetEase write no verdict of their own); the\n"
"                         folder's own name works too: junk, \xe5\x9e\x83\xe5\x9c\xbe\xe9\x82\xae\xe4\xbb\xb6, \xe6\x94\xb6\xe4\xbb\xb6\xe7\xae\xb1\n"
"  --redact               no subject and no addresses, only their domains\n"
"                         (not with --probe)\n"
"  -h, --help             this text\n"
"Options for --probe and the language:\n";

struct explain_run {
	bool			 json;
	bool			 probe;
	bool			 headers_only;	/* --headers-only */
	bool			 redact;	/* --redact */
	enum lang		 lang;
	struct explain_prober	*prober;	/* --probe, once started */
	struct cli_common	*common;	/* what the prober is made of */
	struct strlist		 warnings;	/* --probe's, said when it starts */
	struct jsonw		 rec;		/* the record being written */
	size_t			 kinds[EXPLAIN_KIND__LAST];	/* messages read, by kind */
	bool			 many;		/* the input is a folder or an mbox */
	size_t			 unlisted;	/* its messages not bounces, not printed */
	int			 status;
};

static void
worse(struct explain_run *run, int status)
{
	/* 74 > 66 > 65 > 0: the most serious problem decides */
	if (status > run->status)
		run->status = status;
}

/* --probe's fields of recipient i (explain_json_rcpt_fn). */
static void
probe_fields(struct jsonw *w, size_t i, void *arg)
{
	struct explain_run *run = arg;

	explain_probe_json(run->prober, i, w, run->lang);
}

static int
emit(struct explain_run *run, struct explain_result *r, const char *file,
    size_t index)
{
	if (run->json) {
		jsonw_reset(&run->rec);
		explain_json_write(&run->rec, r, file, index, run->lang,
		    run->prober != NULL ? probe_fields : NULL, run);
		JSONW_LIT(&run->rec, "\n");
		/* the record in one piece: one write, not one per token */
		if (fwrite(run->rec.buf, 1, run->rec.len, stdout) !=
		    run->rec.len)
			return -1;
	} else {
		explain_print(stdout, r, file, index, run->lang);
		if (run->prober != NULL)
			explain_probe_print(run->prober, r, stdout, run->lang);
	}
	return fflush(stdout) == 0 && !ferror(stdout) ? 0 : -1;
}

/* One input's problem (err, owned and freed here) on stderr: a file name
 * may hold any byte, and cli_msg escapes it for the terminal. */
static void
say_error(const struct explain_run *run, char *err)
{
	cli_msg(run->lang, "mxtrace explain: %s\n", err);
	free(err);
}

/* After a folder or an mbox on the terminal, what was in it: the bounces
 * among the rest, for IT checking a mailbox, and how many of the rest
 * were no bounce, which are not listed one by one (stderr: stdout stays
 * the explanations). */
static void
say_tally(const struct explain_run *run)
{
	size_t k, total = 0;

	for (k = 0; k < EXPLAIN_KIND__LAST; k++)
		total += run->kinds[k];
	if (run->json || total < 2)
		return;
	/* complaints: what IT looks for in a feedback loop's mailbox */
	cli_msg(run->lang, "mxtrace explain: %zu messages read: bounces %zu, "
	    "delay notices %zu, complaints %zu, delivered messages %zu, "
	    "not bounces %zu (%zu of them not listed above), other %zu\n",
	    total, run->kinds[EXPLAIN_FAILURE], run->kinds[EXPLAIN_DELAYED],
	    run->kinds[EXPLAIN_FEEDBACK],
	    run->kinds[EXPLAIN_DELIVERED_MESSAGE],
	    run->kinds[EXPLAIN_NOT_A_BOUNCE], run->unlisted, total -
	    run->kinds[EXPLAIN_FAILURE] - run->kinds[EXPLAIN_DELAYED] -
	    run->kinds[EXPLAIN_FEEDBACK] -
	    run->kinds[EXPLAIN_DELIVERED_MESSAGE] -
	    run->kinds[EXPLAIN_NOT_A_BOUNCE]);
}

/*
 * The records of one message (a forward of bounces gives one each):
 * redacted, probed, counted and written in turn.  msg is released once
 * read, before any probe.  -1 when the output failed.
 */
static int
explain_records(struct explain_run *run, GMimeMessage *msg, const char *name,
    size_t index)
{
	struct explain_records rs;
	struct explain_result *r;
	size_t i;
	int rv = 0;

	if (run->headers_only) {
		r = &(rs.r = xcalloc(1, sizeof(*rs.r)))[0];
		rs.n = 1;
		reader_delivered_only(msg, r);
		if (r->kind == EXPLAIN_NOT_A_BOUNCE) {
			/* no path in it: a bounce given with the option
			 * (README's example line reused) is still read as
			 * the bounce it is, not called "not a bounce" */
			explain_records_free(&rs);
			explain_message(msg, &rs);
		}
	} else
		explain_message(msg, &rs);
	g_object_unref(msg);
	for (i = 0; i < rs.n && rv == 0; i++) {
		r = &rs.r[i];
		if (run->redact)
			redact_result(r);
		if (run->prober != NULL)
			explain_probe_run(run->prober, r);
		run->kinds[r->kind]++;
		/* a folder's README, notes or spreadsheet: counted, not
		 * listed among its bounces (--json still writes each);
		 * one with a note (an inline forward) is listed with it */
		if (run->many && !run->json &&
		    r->kind == EXPLAIN_NOT_A_BOUNCE && r->notes.n == 0) {
			run->unlisted++;
			continue;
		}
		rv = emit(run, r, name, index);
	}
	explain_records_free(&rs);
	return rv;
}

/*
 * --probe's warnings (the HELO name, DNSSEC) and its set-up are about the
 * probing: they wait for the first message read, so that an input that
 * cannot be read, or holds no message, is said alone.  -1 (status set)
 * when the prober cannot be made.
 */
static int
prober_start(struct explain_run *run)
{
	size_t i;
	int fail;

	if (!run->probe || run->prober != NULL)
		return 0;
	for (i = 0; i < run->warnings.n; i++)
		cli_msg(run->lang, "mxtrace explain: warning: %s\n",
		    run->warnings.v[i]);
	strlist_free(&run->warnings);
	if ((run->prober = explain_prober_new(run->common, &fail)) == NULL) {
		worse(run, fail);
		return -1;
	}
	return 0;
}

/* Every message of one input; returns -1 when the run must stop. */
static int
explain_input(struct explain_run *run, const char *path)
{
	struct source *src;
	GMimeMessage *msg;
	const char *name;
	size_t index, k;
	struct source_fail fail;
	bool said = false;	/* a problem of this input said already */
	char *err;
	int rv;

	if (strcmp(path, "-") == 0 && isatty(STDIN_FILENO))
		/* a person at the keyboard: without this it looks hung */
		cli_msg(run->lang, "mxtrace explain: paste the bounce (or the "
		    "message's headers), then press Enter and Ctrl-D\n");
	if ((src = source_open_why(path, &err, &fail)) == NULL) {
		/* read but no message in it is the data's fault (65), not
		 * opened or not read is 66; what to give instead, ours */
		if (fail.kind != FILEKIND_TEXT)
			err = filekind_bounce_error(input_name(path),
			    fail.kind, fail.cause);
		free(fail.cause);
		say_error(run, err);
		worse(run, fail.kind != FILEKIND_TEXT ? MX_EXIT_DATAERR :
		    MX_EXIT_NOINPUT);
		return 0;
	}
	for (k = 0; k < source_subfolders(src)->n; k++)
		cli_msg(run->lang, "mxtrace explain: %s: a folder inside %s, "
		    "not read: give it as an input of its own\n",
		    source_subfolders(src)->v[k], path);
	if (source_subfolders_more(src) > 0)
		cli_msg(run->lang, "mxtrace explain: %s: %zu more {2|folder|"
		    "folders} inside it, not read either\n", path,
		    source_subfolders_more(src));
	if (source_files_cut(src) > 0)
		cli_msg(run->lang, "mxtrace explain: %s: only %zu "
		    "{2|file|files} in it {2|was|were} read (the bound for one "
		    "folder); the rest were not: split it into smaller "
		    "folders\n", path, source_files_cut(src));
	while ((rv = source_next(src, &msg, &name, &index, &err)) != 0) {
		if (rv < 0) {
			say_error(run, err);
			worse(run,
			    rv == -2 ? MX_EXIT_NOINPUT : MX_EXIT_DATAERR);
			said = true;
			continue;
		}
		/* `sender --message FILE` reads a file of one message: none
		 * for stdin or an mbox, which sender refuses when it holds
		 * several (its --ip form then) */
		reader_delivered_file(strcmp(name, "-") != 0 &&
		    !source_from_mbox(src) ? name : NULL);
		run->many = source_from_mbox(src) || strcmp(name, path) != 0;
		if (prober_start(run) < 0) {
			g_object_unref(msg);
			source_close(src);
			return -1;
		}
		rv = explain_records(run, msg, name, index);
		if (rv < 0) {
			cli_msg(run->lang, "mxtrace explain: cannot write the "
			    "output: %s\n", syserr_text(errno));
			worse(run, MX_EXIT_IOERR);
			source_close(src);
			return -1;
		}
	}
	/* this input's own, whatever an input before it said */
	if (source_count(src) == 0 && !said) {
		say_error(run, xasprintf("%s: no message in it",
		    input_name(path)));
		worse(run, MX_EXIT_DATAERR);
	}
	source_close(src);
	return 0;
}

/*
 * --folder's word: the folder as the user's mail program names it.  Outlook
 * says "Junk Email" (older versions "Junk E-mail"), Thunderbird "Junk",
 * Yahoo "Bulk", QQ Mail 垃圾箱, NetEase and Coremail 垃圾邮件, every Chinese
 * client 收件箱; a user copies that name.  ASCII case, blanks, '-' and '_'
 * do not count.  NULL when the word names neither folder.
 */
static const char *
folder_word(const char *arg)
{
	static const struct {
		const char	*said;
		const char	*folder;
	} words[] = {
		{ "spam", "spam" }, { "junk", "spam" }, { "junkemail", "spam" },
		{ "junkmail", "spam" }, { "bulk", "spam" },
		{ "bulkmail", "spam" }, { "\xe5\x9e\x83\xe5\x9c\xbe", "spam" },
		{ "\xe5\x9e\x83\xe5\x9c\xbe\xe9\x82\xae\xe4\xbb\xb6", "spam" },
		{ "\xe5\x9e\x83\xe5\x9c\xbe\xe7\xae\xb1", "spam" },
		{ "inbox", "inbox" },
		{ "\xe6\x94\xb6\xe4\xbb\xb6\xe7\xae\xb1", "inbox" },
	};
	char w[32];
	size_t i, n = 0;

	for (i = 0; arg[i] != '\0'; i++) {
		if (arg[i] == ' ' || arg[i] == '-' || arg[i] == '_')
			continue;
		if (n + 1 >= sizeof(w))
			return NULL;
		w[n++] = arg[i];
	}
	w[n] = '\0';
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strcasecmp(w, words[i].said) == 0)
			return words[i].folder;
	return NULL;
}

int
explain_main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "probe", no_argument, NULL, 'p' },
		{ "headers-only", no_argument, NULL, 'H' },
		{ "folder", required_argument, NULL, 'F' },
		{ "redact", no_argument, NULL, 'R' },
		{ "help", no_argument, NULL, 'h' },
		CLI_COMMON_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	struct explain_run run;
	struct cli_common c;
	/* a fact about the input: a second one contradicts it (cli.h) */
	static const char *const once[] = { "folder", NULL };
	struct cli_given given = { { NULL } };
	const char *folder = NULL, *probe_opt = NULL;
	bool redact = false, help = false;
	size_t i;
	int ch, rv, li;

	memset(&run, 0, sizeof(run));
	cli_common_init(&c);
	optind = 1;
	while ((li = -1, ch = getopt_long(argc, argv, ":h" CLI_COMMON_SHORTOPTS,
	    longopts, &li)) != -1) {
		if (cli_option_once(lang_pick(c.lang_opt), longopts, ch, optarg,
		    once, &given) < 0) {
			cli_usage_hint(lang_pick(c.lang_opt), "explain");
			cli_common_free(&c);
			return MX_EXIT_USAGE;
		}
		switch (ch) {
		case 'j':
			run.json = true;
			continue;
		case 'p':
			run.probe = true;
			continue;
		case 'H':
			run.headers_only = true;
			continue;
		case 'F':
			if ((folder = folder_word(optarg)) == NULL) {
				cli_msg(lang_pick(c.lang_opt), "mxtrace explain: --folder: "
				    "\"spam\" (junk, \xe5\x9e\x83\xe5\x9c\xbe\xe9\x82\xae\xe4\xbb\xb6) or \"inbox\" (\xe6\x94\xb6\xe4\xbb\xb6\xe7\xae\xb1), "
				    "not \"%s\"\n", optarg);
				cli_usage_hint(lang_pick(c.lang_opt), "explain");
				cli_common_free(&c);
				return MX_EXIT_USAGE;
			}
			continue;
		case 'R':
			redact = true;
			continue;
		case 'h':
			/* said after every option is read: --help --lang zh */
			help = true;
			continue;
		}
		rv = cli_common_opt(&c, ch, optarg);
		if (rv <= 0) {
			cli_usage_hint(lang_pick(c.lang_opt), "explain");
			cli_common_free(&c);
			return MX_EXIT_USAGE;
		}
		/* the shared options but --lang are the probe's */
		if (ch != OPT_LANG && probe_opt == NULL)
			probe_opt = li >= 0 ? longopts[li].name :
			    ch == '4' ? "4" : "6";
	}
	if (help) {
		run.lang = lang_pick(c.lang_opt);
		cli_common_free(&c);
		cli_help_text(stdout, run.lang, explain_usage);
		cli_help_text(stdout, run.lang, cli_common_usage);
		cli_help_exit(stdout, run.lang, "explain");
		return cli_stdout_done(run.lang, "explain") < 0 ?
		    MX_EXIT_IOERR : 0;
	}
	if (optind >= argc) {
		cli_msg(lang_pick(c.lang_opt), "mxtrace explain: FILE or - expected\n");
		cli_usage_hint(lang_pick(c.lang_opt), "explain");
		cli_common_free(&c);
		return MX_EXIT_USAGE;
	}
	if (cli_stdin_once(lang_pick(c.lang_opt), argv + optind,
	    argc - optind) < 0) {
		cli_usage_hint(lang_pick(c.lang_opt), "explain");
		cli_common_free(&c);
		return MX_EXIT_USAGE;
	}
	if (probe_opt != NULL && !run.probe) {
		/* it would be taken and do nothing: no probe is made */
		cli_msg(lang_pick(c.lang_opt), "mxtrace explain: %s%s is an "
		    "option of --probe: give --probe too, or leave it out\n",
		    strlen(probe_opt) > 1 ? "--" : "-", probe_opt);
		cli_usage_hint(lang_pick(c.lang_opt), "explain");
		cli_common_free(&c);
		return MX_EXIT_USAGE;
	}
	if (redact && run.probe) {
		/* the probe needs the addresses --redact takes away */
		cli_msg(lang_pick(c.lang_opt), "mxtrace explain: --redact and "
		    "--probe cannot go together: the probe needs the addresses\n");
		cli_usage_hint(lang_pick(c.lang_opt), "explain");
		cli_common_free(&c);
		return MX_EXIT_USAGE;
	}
	if (cli_common_finish(&c, &run.warnings) < 0) {
		cli_usage_hint(lang_pick(c.lang_opt), "explain");
		cli_common_free(&c);
		strlist_free(&run.warnings);
		return MX_EXIT_USAGE;
	}
	run.common = &c;
	run.lang = c.lang;
	run.redact = redact;
	if (!run.json)
		termcs_text(stdout);
	explain_init();
	reader_delivered_options(run.lang, redact, folder);
	jsonw_init(&run.rec);
	for (i = (size_t)optind; i < (size_t)argc; i++) {
		/* a file given twice would be explained, and counted by
		 * report, twice */
		if (cli_input_repeated(run.lang, argv + optind,
		    (int)i - optind, argv[i]))
			continue;
		if (explain_input(&run, argv[i]) < 0)
			break;
	}
	say_tally(&run);
	/* each bound on its own line: only the run's is one that fewer
	 * files in a run would lift */
	if (run.prober != NULL && explain_probe_past_report(run.prober) > 0)
		cli_msg(run.lang, "mxtrace explain: %zu {1|recipient|recipients} not probed: "
		    "--probe probes at most %d {2|recipient|recipients} of one bounce\n",
		    explain_probe_past_report(run.prober), EXPLAIN_PROBES_MAX);
	if (run.prober != NULL && explain_probe_left(run.prober) > 0)
		cli_msg(run.lang, "mxtrace explain: %zu {1|recipient|recipients} not probed: "
		    "--probe probes at most %d {2|address|addresses} in one run\n",
		    explain_probe_left(run.prober), EXPLAIN_PROBES_RUN_MAX);
	strlist_free(&run.warnings);
	jsonw_free(&run.rec);
	explain_prober_free(run.prober);
	cli_common_free(&c);
	explain_shutdown();
	return run.status;
}
