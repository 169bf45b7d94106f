/*
 * verify.c - `mxtrace verify [options] FILE|-`.
 *
 * Two passes over the rows, so memory holds the per-domain and
 * per-address index but never the rows themselves: pass 1 parses every
 * row (hashing the input for --resume, counting rows, finding duplicates
 * and each domain's number of rows) and keeps it in an unlinked temporary
 * file (the spool, listin_rewind); then the output is opened (locked,
 * checked against FILE.meta, torn line cut on --resume); pass 2 reads the
 * rows again from the spool, a slice per event-loop turn, and hands them to
 * the scheduler (verify_sched.c), pausing while VERIFY_WINDOW rows are
 * held.  Standard input is copied to an unlinked temporary file first.
 * SIGINT/SIGTERM: before the output's writing begins they end the run at
 * once, saying nothing was written (exit_early; held while the early
 * check makes and removes its files, so none is left); from then they
 * are held until the loop's handlers are set: the first stops new work
 * and aborts sessions politely (QUIT), the second exits at once; rows not
 * finished are not written, so --resume probes them.  One the parent left
 * ignored stays ignored (base/stopsig.h).  At the end: fsync, the CSV
 * (made from the JSONL), the summary.
 *
 * Public: verify_main, verify_fail_io, verify_read_more, verify_maybe_done.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/limits.h"
#include "verify/csv_out.h"
#include "verify/dupkey.h"
#include "base/exitcode.h"
#include "base/stopsig.h"
#include "base/syserr.h"
#include "base/tmpfile.h"
#include "input/encoding.h"
#include "input/hints.h"
#include "input/normalize.h"
#include "verify/verify.h"
#include "verify/run.h"
#include "verify/runopts.h"

static const char verify_usage[] =
"usage: mxtrace verify [options] FILE|-\n"
"Probe every address of a list (one a line, CSV or Excel .xlsx with an email\n"
"column) and write one JSON record per address of every input row (JSON Lines,\n"
"docs/json.md); a cell may hold several addresses, and messy ones are\n"
"cleaned up (Name <addr>, mailto:, full-width \xef\xbc\xa0) and say so.\n"
"  -o, --output FILE      write the records to FILE (default: standard output);\n"
"                         FILE.meta records which input FILE was made from\n"
"  --force                start FILE over when it is not empty\n"
"  --resume               keep FILE's records, probe only the rows missing;\n"
"                         --csv, --csv-delimiter, --lang, --encoding,\n"
"                         --column and --sheet of the first run are kept\n"
"                         (FILE.meta) unless given again; refused when the\n"
"                         options that change results (--helo, --proxy ...)\n"
"                         or --column, --sheet differ\n"
"  --csv FILE             also write a CSV (UTF-8 with BOM, one row per input\n"
"                         address): summary, the input columns, verdict, stage,\n"
"                         reason, reply_code, enhanced, reply_text, mx,\n"
"                         explanation, suggestion, role, disposable (needs -o)\n"
"  --csv-delimiter C      the CSV's separator: , (default) ; or tab\n"
"                         (; for German or French Excel)\n"
"  --column NAME|N        the address column of a CSV or .xlsx (default: header)\n"
"  --sheet NAME|N         the sheet of an .xlsx to read, by name or by its\n"
"                         place among the tabs Excel shows (default: the\n"
"                         first with an address column)\n"
"  --encoding NAME        read the input as NAME (GB18030, BIG5, SHIFT_JIS,\n"
"                         UTF-16LE, WINDOWS-1252 ...; default: detected)\n"
"  --jobs N               SMTP sessions at once, overall\n"
"                         (1 to 100000, default 100)\n"
"  --per-host N           SMTP sessions at once to one MX address\n"
"                         (1 to 100000, default 2)\n"
"  --proxy-jobs N         SMTP sessions at once through --proxy\n"
"                         (1 to 100000, default 20)\n"
"  --rate N               new sessions a minute to one MX address\n"
"                         (0 to 100000; default 0: no limit)\n"
"  --retry-after DURATION\n"
"                         retry temporary answers after this\n"
"                         (1s to 1h, default 5m)\n"
"  --max-wait DURATION    stop retrying an address after this\n"
"                         (0s to 24h, default 20m)\n"
"  --shard K/N            only the domains of shard K of N (docs/sharding.md)\n"
"  -q, --quiet            no progress, summary or notes (warnings\n"
"                         and errors are still said)\n"
"  -h, --help             this text\n";

enum {
	OPT_CSV = OPT__COMMON_LAST + 1,
	OPT_COLUMN,
	OPT_SHEET,
	OPT_RESUME,
	OPT_FORCE,
	OPT_JOBS,
	OPT_PER_HOST,
	OPT_PROXY_JOBS,
	OPT_RATE,
	OPT_RETRY_AFTER,
	OPT_MAX_WAIT,
	OPT_SHARD,
	OPT_ENCODING,
	OPT_CSV_DELIM,
};

struct verify_opts {
	const char	*output, *csv, *shard;
	const char	*csv_delim;	/* "," ";" "\t"; NULL: not given */
	char		 encoding[ENCODING_NAME_MAX];	/* --encoding; "" not given */
	bool		 encoding_kept;	/* encoding is the first run's (.meta) */
	json_t		*meta;		/* --resume: FILE.meta of the first run */
	struct runopts_given given;	/* before cli_common_finish */
	json_t		*options;	/* this run's, as FILE.meta records them */
	bool		 resume, force;
	/*
	 * -q: a quiet run, not a blind one.  It silences what only informs
	 * (the progress line, the summary, how the list was read, a torn
	 * last line cut, the records probed again), never a warning the
	 * user must act on (rows or sheets not checked, bytes replaced, a
	 * HELO name, port 25, the proxy) nor an error.
	 */
	bool		 quiet;
	unsigned	 jobs, per_host, rate, proxy_jobs;
	long long	 retry_after_ms, max_wait_ms;
};

static void
fail_stop_cb(evutil_socket_t fd, short ev, void *arg)
{
	struct vrun *run = arg;

	(void)fd;
	(void)ev;
	vsched_stop(run);
	verify_maybe_done(run);
}

/*
 * The stop is deferred to the next loop turn: a write fails inside a job's
 * result callback, and stopping there would abort (and free) that very job
 * while the engine and the scheduler are still using it.  Until then
 * run->failed keeps anything more from being written.
 */
void
verify_fail_io(struct vrun *run, const char *what, const char *name)
{
	static const struct timeval zero = { 0, 0 };
	int saved = errno;

	if (run->failed)
		return;
	progress_clear(&run->prog);
	/* the file by its name: with --csv there are two outputs */
	cli_msg(run->lang, "mxtrace verify: cannot %s %s: %s; stopping (the "
	    "records written so far are whole; fix it and run again with "
	    "--resume)\n", what, name, syserr_text(saved));
	run->failed = true;
	if (event_base_once(run->e.base, -1, EV_TIMEOUT, fail_stop_cb, run,
	    &zero) < 0)
		fatalx("%s: event_base_once", __func__);
}

static void
pool_drained_cb(void *arg)
{
	verify_maybe_done(arg);
}

/* Nothing left to do: QUIT the kept sessions, then leave the loop. */
void
verify_maybe_done(struct vrun *run)
{
	if (!vsched_idle(run))
		return;
	if (run->pool != NULL && pool_size(run->pool) > 0) {
		pool_drain(run->pool, pool_drained_cb, run);
		return;
	}
	event_base_loopbreak(run->e.base);
}

void
verify_read_more(struct vrun *run)
{
	static const struct timeval zero = { 0, 0 };

	if (run->paused && !run->input_done && !run->stopping &&
	    run->held < VERIFY_WINDOW / 2) {
		run->paused = false;
		evtimer_add(run->read_ev, &zero);
	}
}

static void
read_cb(evutil_socket_t fd, short ev, void *arg)
{
	static const struct timeval zero = { 0, 0 };
	struct vrun *run = arg;
	struct listin_row row;
	int i, rv;

	(void)fd;
	(void)ev;
	for (i = 0; i < VERIFY_READ_SLICE && !run->stopping; i++) {
		if (run->held >= VERIFY_WINDOW) {
			run->paused = true;
			return;
		}
		if ((rv = listin_next(run->in, &row)) < 0) {
			verify_fail_io(run, "read", run->input_name);
			return;
		}
		if (rv == 0) {
			run->input_done = true;
			vsched_input_done(run);
			verify_maybe_done(run);
			return;
		}
		vsched_row(run, &row);
	}
	evtimer_add(run->read_ev, &zero);
}

enum reason
verify_record_reason(const json_t *rec)
{
	int r = reason_from_name(json_string_value(json_object_get(rec,
	    "reason")));

	return r < 0 ? REASON_UNKNOWN : (enum reason)r;
}

static void
tick_cb(evutil_socket_t fd, short ev, void *arg)
{
	struct vrun *run = arg;
	struct progress_wait w;
	struct progress_flight f;

	(void)fd;
	(void)ev;
	if (!run->failed && jsonl_sync(run->out) < 0)
		verify_fail_io(run, "fsync", run->output_name);
	vsched_port25_decide(run, false);
	vsched_wait(run, &w);
	vsched_flight(run, &f);
	progress_tick(&run->prog, vgate_open(run->gate), &w, &f);
}

static void
signal_cb(evutil_socket_t sig, short ev, void *arg)
{
	struct vrun *run = arg;

	(void)ev;
	if (++run->signals > 1) {
		progress_clear(&run->prog);
		cli_msg(run->lang, "\nmxtrace verify: stopped at once (every record "
		    "written is whole; --resume continues)\n");
		_exit(MX_EXIT_INTERRUPTED);
	}
	progress_clear(&run->prog);
	/* words of our own, not strsignal(): the catalogue translates them;
	 * a SIGTERM came from a program or kill, nobody pressed Ctrl-C */
	if (sig == SIGINT)
		cli_msg(run->lang, "\nmxtrace verify: %s: finishing politely "
		    "(sending QUIT); press Ctrl-C again to stop at once\n",
		    "interrupted");
	else
		cli_msg(run->lang, "\nmxtrace verify: %s: finishing politely "
		    "(sending QUIT); a second signal stops it at once\n",
		    "terminated");
	vsched_stop(run);
	verify_maybe_done(run);
}

/*
 * Why: reading a large list (an .xlsx of many rows, a file on a slow
 * disk), the resolver's check and, on --resume, the records already
 * written (some twenty seconds for a million, docs/performance.md) come
 * before anything is written; a SIGINT or SIGTERM there took its default
 * action, the program killed without a word and without a documented
 * status.  It ends the run at once (nothing to finish, nothing to keep),
 * says so and exits 3 (interrupted), as a run stopped later does.
 */
static void
exit_early(const struct vrun *run)
{
	static char *on_int, *on_term;
	size_t int_len, term_len;

	on_int = cli_msg_bytes(run->lang, &int_len, "\nmxtrace verify: %s "
	    "before any address was checked: nothing was written\n",
	    "interrupted");
	on_term = cli_msg_bytes(run->lang, &term_len, "\nmxtrace verify: %s "
	    "before any address was checked: nothing was written\n",
	    "terminated");
	stopsig_early_exit(on_int, int_len, on_term, term_len,
	    MX_EXIT_INTERRUPTED);
}

/* Block SIGINT and SIGTERM; *was: the mask before. */
static void
stop_signals_block(sigset_t *was)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	if (sigprocmask(SIG_BLOCK, &set, was) != 0)
		fatalx("%s: sigprocmask", __func__);
}

/*
 * Why: from the output's making (a new FILE is created when it is opened:
 * held from before that open, unless records are read back first, which
 * can take long and leave FILE as it was) or its writing (FILE.meta
 * written, a torn line cut) to run_loop's handlers, a SIGINT or SIGTERM
 * must not end the run as exit_early does (an empty FILE without its
 * FILE.meta was left, "nothing was written") nor by its default action
 * (without the summary, the --resume command or exit status 3); the
 * DNSSEC check asks the resolver in that stretch, so it can last.  They
 * are held (blocked) from just before the writing until run_loop has its
 * handlers, which then take one that came early like a later one (one
 * the parent left ignored gets no handler and is dropped, early or late:
 * stop_handler); a run that fails before then ends with its own status,
 * the signal unheard.
 */
static void
hold_stop_signals(struct vrun *run)
{
	stop_signals_block(&run->sigmask);
	stopsig_early_off();
}

/*
 * The handler of the stop signal sig, added; NULL when the parent left sig
 * ignored (base/stopsig.h): it then stays ignored for the whole run.
 */
static struct event *
stop_handler(struct vrun *run, int sig)
{
	struct event *ev;

	if (!stopsig_heeded(sig))
		return NULL;
	if ((ev = evsignal_new(run->e.base, sig, signal_cb, run)) == NULL)
		fatalx("%s: cannot create events", __func__);
	event_add(ev, NULL);
	return ev;
}

/* --- pass 1 --------------------------------------------------------------- */

/*
 * A temporary file (base/tmpfile.h: in $TMPDIR, else /tmp) failed, err
 * its errno: it could not be made (rows NULL), or not written to keep
 * the rows of the list named rows.  The list itself is fine.
 */
static void
say_tmp_failed(const struct vrun *run, const char *rows, int err)
{
	if (rows == NULL)
		cli_msg(run->lang, "mxtrace verify: cannot make a temporary "
		    "file in %s: %s\n", tmp_dir(), syserr_text(err));
	else
		cli_msg(run->lang, "mxtrace verify: cannot write a temporary "
		    "file in %s to keep the rows of %s: %s\n", tmp_dir(), rows,
		    syserr_text(err));
}

/*
 * A workbook is read by seeking in it (a ZIP's directory is at its end),
 * so anything but a regular file (standard input, a pipe, a FIFO,
 * `<(...)`) is copied to an unlinked temporary file first: on disk, not in
 * memory.  The spool the rows are kept in for the later passes is made
 * here too.  0, or the exit status: 66 the input cannot be opened or
 * read, 74 the copy cannot be written (a full $TMPDIR or /tmp).
 */
static int
open_input(struct vrun *run, const char *path)
{
	char buf[65536];
	size_t n;
	struct stat st;
	FILE *src, *tmp;
	const char *name = input_name(path);

	if (*path == '\0') {	/* "cannot open : ..." would name nothing */
		cli_msg(lang_pick(run->c.lang_opt), "mxtrace verify: the input's "
		    "file name is empty: give the list's FILE, or - to read "
		    "standard input\n");
		return MX_EXIT_NOINPUT;
	}
	if (strcmp(path, "-") == 0) {
		src = stdin;
		if (isatty(STDIN_FILENO))
			/* a person at the keyboard: without this it looks hung */
			cli_msg(lang_pick(run->c.lang_opt), "mxtrace verify: type "
			    "or paste the addresses, one a line, then press Enter "
			    "and Ctrl-D\n");
	} else if ((src = fopen(path, "r")) == NULL) {
		cli_msg(lang_pick(run->c.lang_opt),
		    "mxtrace verify: cannot open %s: %s\n", path,
		    syserr_text(errno));
		return MX_EXIT_NOINPUT;
	}
	if (fstat(fileno(src), &st) == 0 && S_ISDIR(st.st_mode)) {
		cli_msg(run->lang, "mxtrace verify: %s is a directory, not a list\n",
		    name);
		fclose(src);
		return MX_EXIT_NOINPUT;
	}
	if ((run->spool = tmp_file()) == NULL) {
		say_tmp_failed(run, NULL, errno);
		if (src != stdin)
			fclose(src);
		return MX_EXIT_NOINPUT;
	}
	run->lopts.spool = run->spool;
	if (src != stdin && fstat(fileno(src), &st) == 0 &&
	    S_ISREG(st.st_mode)) {
		run->inf = src;
		return 0;
	}
	if ((tmp = tmp_file()) == NULL) {
		say_tmp_failed(run, NULL, errno);
		if (src != stdin)
			fclose(src);
		return MX_EXIT_NOINPUT;
	}
	/* a terminal's Ctrl-D ends it once: stdio would read on past it */
	while (!feof(src) && (n = fread(buf, 1, sizeof(buf), src)) > 0)
		if (fwrite(buf, 1, n, tmp) != n)
			break;
	if (!ferror(src) && (ferror(tmp) || fflush(tmp) != 0)) {
		say_tmp_failed(run, name, errno);
		fclose(tmp);
		if (src != stdin)
			fclose(src);
		return MX_EXIT_IOERR;
	}
	if (ferror(src)) {
		cli_msg(run->lang, "mxtrace verify: cannot copy %s to a temporary "
		    "file: %s\n", name, syserr_text(errno));
		fclose(tmp);
		if (src != stdin)
			fclose(src);
		return MX_EXIT_NOINPUT;
	}
	if (src != stdin)
		fclose(src);
	rewind(tmp);
	run->inf = tmp;
	return 0;
}

/* One catalogue sentence on standard error, in the run's language. */
static void
say(const struct vrun *run, const char *key, size_t n, const char *const *vals)
{
	char *line = catalog_fmt(run->lang, key, n, vals);

	cli_msg(run->lang, "mxtrace verify: %s\n", line);
	free(line);
}

/* Rows a workbook holds on its other sheets are not checked: say so,
 * or the list looks done with part of it left out. */
static void
say_unread_sheets(const struct vrun *run, const struct listin *in)
{
	const char *vals[4], *first;
	char num[24];
	size_t n = listin_unread_sheets(in, &first);

	if (n == 0)
		return;
	snprintf(num, sizeof(num), "%zu", n);
	vals[0] = run->input_name;
	vals[1] = first;
	vals[2] = num;
	vals[3] = listin_sheet(in);
	say(run, n == 1 ? "verify.sheet_unread" : "verify.sheets_unread", 4,
	    vals);
}

/* One address of pass 1 (in this shard): its domain, its index entry. */
static void
pass1_index(struct vrun *run, const struct intake *x, unsigned long row,
    unsigned long part)
{
	struct vdomain *d;
	struct ventry *e;
	struct vkey k;

	if (!x->ok)
		return;
	d = vsched_domain(run, x->addr.domain_ascii);
	d->total++;
	k = dupkey_of(&x->addr);
	if ((e = vtab_get(&run->index, k)) == NULL) {
		e = xcalloc(1, sizeof(*e));
		e->first_row = row;
		e->first_part = part;
		vtab_put(&run->index, k, e);
		d->unread++;
	} else
		e->dups_left++;
}

/*
 * Count rows, index distinct addresses and domains, hash the input; the
 * reader stays open (run->in) for the passes after.
 */
static int
pass1(struct vrun *run, const struct verify_opts *o, char *sha_hex)
{
	struct listin *in;
	struct listin_row row;
	struct intake *x;
	unsigned char sha[32];
	const char *enc, *vals[3];
	char *err, num[24], num2[24];
	size_t n, j, dropped;
	enum encoding_how how;
	bool mine;
	int rv;

	if ((in = run->in = listin_open(run->inf, &run->lopts, &err)) == NULL) {
		cli_msg(run->lang, "mxtrace verify: %s: %s\n", run->input_name, err);
		free(err);
		return MX_EXIT_DATAERR;
	}
	enc = listin_encoding(in, &how);
	snprintf(run->encoding, sizeof(run->encoding), "%s", enc);
	if (listin_sheet(in) != NULL) {
		vals[0] = run->input_name;
		vals[1] = listin_sheet(in);
		if (!o->quiet)
			say(run, "verify.read_sheet", 2, vals);
		say_unread_sheets(run, in);
	} else if (!o->quiet) {
		vals[0] = run->input_name;
		vals[1] = enc;
		vals[2] = catalog_label(run->lang, o->encoding_kept ?
		    "verify.enc_kept" : o->encoding[0] ?
		    "verify.enc_forced" : how == ENCODING_GUESSED ?
		    "verify.enc_guessed" : how == ENCODING_FALLBACK ?
		    "verify.enc_fallback" : how == ENCODING_BINARY ?
		    "verify.enc_binary" : "verify.enc_detected");
		say(run, "verify.read_as", 3, vals);
	}
	while ((rv = listin_next(in, &row)) > 0) {
		n = vsched_intake(&row, &x, &dropped);
		mine = false;
		if (dropped > 0) {
			snprintf(num, sizeof(num), "%lu", row.row);
			snprintf(num2, sizeof(num2), "%d", NORM_ADDRS_MAX);
			vals[0] = run->input_name;
			vals[1] = num;
			vals[2] = num2;
			say(run, "verify.cell_too_many", 3, vals);
		}
		for (j = 0; j < n; j++)
			if (vsched_mine(run, &x[j])) {
				pass1_index(run, &x[j], row.row,
				    vsched_partno(n, j));
				run->total++;
				mine = true;
			}
		/* the cell, once, however many addresses it held */
		if (mine && x[0].notes.given != NULL)
			run->cleaned++;
		intake_free(x, n);
		run->max_row = row.row;
	}
	if (rv < 0 && listin_error(in) != NULL) {	/* a damaged workbook */
		cli_msg(run->lang, "mxtrace verify: %s: %s\n", run->input_name,
		    listin_error(in));
		return MX_EXIT_DATAERR;
	}
	if (rv < 0 && listin_spool_errno(in) != 0) {
		say_tmp_failed(run, run->input_name, listin_spool_errno(in));
		return MX_EXIT_IOERR;
	}
	if (rv < 0) {
		cli_msg(run->lang, "mxtrace verify: cannot read %s: %s\n",
		    run->input_name, syserr_text(errno));
		return MX_EXIT_NOINPUT;
	}
	if (listin_replaced(in) > 0) {
		snprintf(num, sizeof(num), "%lu", listin_replaced(in));
		vals[0] = num;
		vals[1] = run->input_name;
		vals[2] = enc;
		say(run, "verify.enc_replaced", 3, vals);
	}
	listin_sha256(in, sha);
	hex_text(sha_hex, sha, 32);
	if (run->total == 0 && run->shard.n <= 1) {
		cli_msg(run->lang, "mxtrace verify: %s holds no address\n",
		    run->input_name);
		return MX_EXIT_DATAERR;
	}
	return 0;
}

/*
 * path as the file it names would be reached, whether it exists yet or
 * not: the real path of the file, else of its folder with its name added;
 * NULL when neither resolves.  Owned.
 */
static char *
resolved_path(const char *path)
{
	char *real, *dir, *out;
	const char *slash;

	if ((real = realpath(path, NULL)) != NULL)
		return real;
	slash = strrchr(path, '/');
	dir = slash == NULL ? xstrdup(".") : slash == path ? xstrdup("/") :
	    xstrndup(path, (size_t)(slash - path));
	real = realpath(dir, NULL);
	free(dir);
	if (real == NULL)
		return NULL;
	out = xasprintf("%s/%s", real, slash == NULL ? path : slash + 1);
	free(real);
	return out;
}

/*
 * Whether --csv names the output or its .meta: asked before either is
 * made, so a refusal leaves no empty output behind, and no .meta whose
 * --csv would be refused again by every --resume.
 */
static bool
csv_names_output(const struct verify_opts *o)
{
	char *meta, *csv, *out, *mout;
	bool clash;

	if (o->csv == NULL || o->output == NULL || strcmp(o->output, "-") == 0)
		return false;
	meta = xasprintf("%s.meta", o->output);
	csv = resolved_path(o->csv);
	out = resolved_path(o->output);
	mout = resolved_path(meta);
	clash = csv != NULL && ((out != NULL && strcmp(csv, out) == 0) ||
	    (mout != NULL && strcmp(csv, mout) == 0));
	free(meta);
	free(csv);
	free(out);
	free(mout);
	return clash;
}

/*
 * Why: --force (or --resume, which cuts a torn line) on `-o LIST LIST`, or
 * `--csv LIST`, would destroy the customer's list, and `--csv` naming the
 * output would replace the records.  The input is compared on the open
 * file, so any spelling of a path is caught; the CSV by its path before
 * the output is made, and again once it exists (a hard link of it).
 */
static int
outputs_distinct(const struct vrun *run, const struct verify_opts *o,
    bool output_open)
{
	struct stat in, out;
	char *meta;
	bool clash = false;

	if (!output_open) {
		if (fstat(fileno(run->inf), &in) == 0 &&
		    (same_file(&in, o->output) || same_file(&in, o->csv))) {
			cli_msg(run->lang, "mxtrace verify: %s is the input file: "
			    "writing it would destroy the list\n",
			    same_file(&in, o->output) ? o->output : o->csv);
			return -1;
		}
		clash = csv_names_output(o);
	} else if (o->csv != NULL && o->output != NULL &&
	    stat(o->output, &out) == 0) {
		meta = xmalloc(strlen(o->output) + sizeof(".meta"));
		strcpy(meta, o->output);
		strcat(meta, ".meta");
		clash = same_file(&out, o->csv) ||
		    (stat(meta, &in) == 0 && same_file(&in, o->csv));
		free(meta);
	}
	if (clash) {
		cli_msg(run->lang, "mxtrace verify: --csv %s would overwrite the "
		    "records (-o) or their .meta file: choose another name\n",
		    o->csv);
		return -1;
	}
	return 0;
}

/*
 * Why: a message of the output's own ("--resume: X.meta ...") is
 * translated alone; through the "mxtrace verify: %s: %s" row it would be
 * cut at its first ": " and stay English in Chinese.
 */
static void
say_output(enum lang lang, const char *msg)
{
	char *t = catalog_tr_text(lang, msg);

	cli_msgf(catalog_tr(lang, "mxtrace verify: %s\n"), t);
	free(t);
}

/*
 * Why: records made with another HELO, sender, proxy or set of checks are
 * another kind of result; a list holding both reads as one answer and is
 * none.  The resume is refused (exit 73), each difference named, with the
 * first run's own command to copy.
 */
static void
options_refused(const struct vrun *run, const struct verify_opts *o)
{
	struct runopts_change v[8];
	json_t *meta = o->meta ? json_incref(o->meta) :
	    jsonl_meta_load(o->output);
	const json_t *first = json_object_get(meta, "options");
	size_t n, i;
	char *words, *cmd;

	n = runopts_diff(first, o->options, v, 8);
	if (o->resume)
		cli_msg(run->lang, "mxtrace verify: --resume: %s was made with "
		    "other options, which change what the servers answer: the "
		    "list would hold two kinds of result\n", o->output);
	else
		cli_msg(run->lang, "mxtrace verify: %s exists and is not empty, "
		    "and its records were made with other options, which change "
		    "what the servers answer: --resume keeps them only with "
		    "the same options\n", o->output);
	for (i = 0; i < n && i < 8; i++)
		cli_msg(run->lang, "  %s: the first run %s, this run %s\n",
		    v[i].option, v[i].first ? v[i].first : "(not given)",
		    v[i].now ? v[i].now : "(not given)");
	runopts_changes_free(v, n < 8 ? n : 8);
	words = runopts_words(first);
	cmd = runopts_command(words, false, o->output, o->shard,
	    run->input_name);
	cli_msg(run->lang, "To go on, run it with the first run's options:\n"
	    "    %s\nor start over with --force (or write to another -o FILE)\n",
	    cmd);
	if (runopts_hides_password(first))
		cli_msg(run->lang, "(*** stands for the proxy's password, which "
		    "is never written down: type it in its place)\n");
	free(cmd);
	free(words);
	json_decref(meta);
}

/* jsonl_ident's hook: the whole input hashed once, when jsonl_check asks. */
struct early_sha {
	FILE	*inf;		/* borrowed, left at its start */
	int	 state;		/* 0 not asked, 1 made, -1 cannot be read */
	char	 hex[65];
};

static const char *
early_sha256(void *arg)
{
	struct early_sha *e = arg;

	if (e->state == 0)
		e->state = listin_file_sha256(e->inf, e->hex) == 0 ? 1 : -1;
	return e->state > 0 ? e->hex : NULL;
}

/* How the output is opened: --resume, --force, or a new file. */
static enum jsonl_mode
output_mode(const struct verify_opts *o)
{
	return o->resume ? JSONL_RESUME : o->force ? JSONL_FORCE : JSONL_NEW;
}

/*
 * Why: reading a large list takes a while and says how it was read; an
 * output that will be refused (a read-only folder, records there and
 * neither --resume nor --force, the input itself) is said first, alone.
 * Whether --resume continues records there (or, without it, the advice
 * given) depends on the input's bytes: jsonl_check asks for their hash
 * when, and only when, it decides that it matters.
 */
static int
outputs_refused(struct vrun *run, const struct verify_opts *o)
{
	enum jsonl_mode mode = output_mode(o);
	struct early_sha sha = { run->inf, 0, "" };
	char *err = NULL;
	struct jsonl_ident id = { run->input_name, NULL, o->shard,
	    run->lopts.column, run->lopts.sheet, NULL, NULL, NULL, NULL, 0, o->options,
	    early_sha256, &sha };
	enum jsonl_status st;
	sigset_t was;
	bool csv_bad;

	if (outputs_distinct(run, o, false) < 0)
		return -1;
	/*
	 * The checks make a new FILE (and FILE.meta.tmp, the CSV's .tmp) and
	 * remove it again: a stop signal between the two ended the run by
	 * exit_early with "nothing was written" and an empty FILE left
	 * without its FILE.meta (3 of 300 signals sent 0-100 ms after the
	 * start).  Held over them, it ends the run once they are gone.
	 */
	stop_signals_block(&was);
	st = jsonl_check(o->output, mode, &id, &err);
	csv_bad = st == JSONL_OK && o->csv != NULL &&
	    csv_out_check(o->csv, &err) < 0;
	if (sigprocmask(SIG_SETMASK, &was, NULL) != 0)
		fatalx("%s: sigprocmask", __func__);
	if (st == JSONL_EOPTIONS)
		options_refused(run, o);
	if (st != JSONL_OK || csv_bad) {
		if (st != JSONL_EOPTIONS)
			say_output(run->lang, err);
		free(err);
		return -1;
	}
	return 0;
}

/* --resume onto a file that holds records: only they can tell which rows
 * are left (a missing or empty one resumes nothing) */
static bool
output_has_records(const char *path)
{
	struct stat sb;

	return path != NULL && strcmp(path, "-") != 0 &&
	    stat(path, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size > 0;
}

/* What FILE.meta records of this run (jsonl_read, jsonl_begin). */
static struct jsonl_ident
output_ident(const struct vrun *run, const struct verify_opts *o,
    const char *sha_hex)
{
	struct jsonl_ident id = { run->input_name, sha_hex, o->shard,
	    run->lopts.column, run->lopts.sheet, run->encoding, o->csv, o->csv_delim ?
	    o->csv_delim : ",", run->lang == LANG_ZH ? "zh" : "en",
	    run->total, o->options, NULL, NULL };

	return id;
}

/*
 * The output opened and, on --resume, its records read back (rows done,
 * the CSV's cells, the progress counts); nothing is written yet: the run
 * may still stop (output_begin).
 */
static int
open_output(struct vrun *run, const struct verify_opts *o, const char *sha_hex)
{
	struct jsonl_ident id = output_ident(run, o, sha_hex);
	enum jsonl_status st;
	enum jsonl_mode mode = output_mode(o);
	char *err;

	run->done = xcalloc(run->max_row / 8 + 1, 1);
	if (o->csv != NULL &&
	    (run->csvrows = csv_rows_open(o->csv, run->max_row, &err)) == NULL) {
		cli_msg(run->lang, "mxtrace verify: %s\n", err);
		free(err);
		return -1;
	}
	if (o->resume)
		verify_resume_begin(run);
	st = jsonl_read(o->output, mode, &id, verify_resume_line, run, &run->out,
	    &err);
	verify_resume_end(run);
	if (st != JSONL_OK) {
		if (st == JSONL_EOPTIONS)
			options_refused(run, o);
		else
			say_output(run->lang, err);
		free(err);
		return -1;
	}
	return 0;
}

/* The records --resume probes again, and the limits that ended them. */
static void
say_retried(const struct vrun *run)
{
	char lo[32], hi[32], now[32];

	duration_text(lo, sizeof(lo), run->retried_lo);
	duration_text(hi, sizeof(hi), run->retried_hi);
	duration_text(now, sizeof(now), run->c.deadline_ms);
	if (run->retried_lo == run->retried_hi)
		cli_msg(run->lang, "mxtrace verify: --resume: %lu {1|record|"
		    "records} that --deadline %s ended, probed again with "
		    "--deadline %s\n", run->retried, lo, now);
	else
		cli_msg(run->lang, "mxtrace verify: --resume: %lu {1|record|"
		    "records} that --deadline %s to %s ended, probed again "
		    "with --deadline %s\n", run->retried, lo, hi, now);
}

/* The output's writing begins: a torn last line cut, FILE.meta written. */
static int
output_begin(struct vrun *run, const struct verify_opts *o,
    const char *sha_hex)
{
	struct jsonl_ident id = output_ident(run, o, sha_hex);
	enum jsonl_mode mode = output_mode(o);
	char *err, *note;

	if (jsonl_begin(run->out, o->output, mode, &id, run->retried > 0 ?
	    verify_resume_drop : NULL, run, &err, &note) != JSONL_OK) {
		say_output(run->lang, err);
		free(err);
		return -1;
	}
	if (note != NULL && !o->quiet)
		say_output(run->lang, note);
	free(note);
	if (run->retried > 0 && !o->quiet)
		say_retried(run);
	return 0;
}

/* --- options ------------------------------------------------------------- */

static int
parse_count(enum lang lang, const char *name, const char *arg, unsigned min,
    unsigned *out)
{
	char *end;
	unsigned long v = strtoul(arg, &end, 10);

	if (*arg < '0' || *arg > '9' || *end != '\0' || v < min ||
	    v > OPT_COUNT_MAX) {
		cli_msg(lang, "mxtrace verify: %s wants a number from %u to "
		    "100000, not '%s'\n", name, min, arg);
		return -1;
	}
	*out = (unsigned)v;
	return 0;
}

/* --retry-after (a retry at once would hammer a greylisting server) and
 * --max-wait, each within its range. */
static int
parse_wait(enum lang lang, int ch, const char *arg, struct verify_opts *o)
{
	long long ms;

	if (ch == OPT_RETRY_AFTER) {
		if (parse_duration(arg, &ms) < 0 || ms < OPT_RETRY_MIN_MS ||
		    ms > OPT_RETRY_MAX_MS) {
			cli_msg(lang, "mxtrace verify: --retry-after wants a "
			    "duration from 1s to 1h, like 30s or 5m, not '%s'\n",
			    arg);
			return -1;
		}
		o->retry_after_ms = ms;
		return 0;
	}
	if (parse_duration(arg, &ms) < 0 || ms > OPT_MAX_WAIT_MAX_MS) {
		cli_msg(lang, "mxtrace verify: --max-wait wants a duration from "
		    "0s to 24h, like 20m or 2h, not '%s'\n", arg);
		return -1;
	}
	o->max_wait_ms = ms;
	return 0;
}

static const char *
csv_delim_parse(const char *s)
{
	if (strcmp(s, ",") == 0 || strcasecmp(s, "comma") == 0)
		return ",";
	if (strcmp(s, ";") == 0 || strcasecmp(s, "semicolon") == 0)
		return ";";
	if (strcmp(s, "\t") == 0 || strcmp(s, "\\t") == 0 ||
	    strcasecmp(s, "tab") == 0)
		return "\t";
	return NULL;
}

/*
 * Why: a --resume without the first run's --csv (as people type it after
 * Ctrl-C) must still rewrite that CSV complete, with the same separator,
 * language and input encoding.  What is given again wins.
 */
static void
resume_settings(struct vrun *run, struct verify_opts *o)
{
	const char *csv, *delim, *lang, *enc, *column, *sheet;
	const json_t *was;

	run->meta_deadline_ms = CLI_DEFAULT_DEADLINE_MS;
	if ((o->meta = jsonl_meta_load(o->output)) == NULL)
		return;
	/*
	 * a record --deadline ended that does not say which (an older
	 * mxtrace's) is taken for one of the last run (FILE.meta: absent
	 * when the default)
	 */
	was = json_object_get(json_object_get(o->meta, "options"),
	    "deadline_ms");
	if (json_is_integer(was))
		run->meta_deadline_ms = json_integer_value(was);
	/* each on its own: a null "csv" (no --csv) must not lose the rest */
	csv = json_string_value(json_object_get(o->meta, "csv"));
	delim = json_string_value(json_object_get(o->meta, "csv_delimiter"));
	lang = json_string_value(json_object_get(o->meta, "lang"));
	enc = json_string_value(json_object_get(o->meta, "encoding"));
	column = json_string_value(json_object_get(o->meta, "column"));
	sheet = json_string_value(json_object_get(o->meta, "sheet"));
	if (o->csv == NULL)
		o->csv = csv;
	if (o->csv_delim == NULL && delim != NULL)
		o->csv_delim = csv_delim_parse(delim);
	if (run->c.lang_opt == NULL)
		run->c.lang_opt = lang;
	if (o->encoding[0] == '\0' && enc != NULL) {
		o->encoding_kept = encoding_canonical(enc, o->encoding) == 0;
		if (!o->encoding_kept)
			o->encoding[0] = '\0';
	}
	if (run->lopts.column == NULL)
		run->lopts.column = column;
	if (run->lopts.sheet == NULL)
		run->lopts.sheet = sheet;
}

static int
parse_opts(int argc, char **argv, struct vrun *run, struct verify_opts *o)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "csv", required_argument, NULL, OPT_CSV },
		{ "column", required_argument, NULL, OPT_COLUMN },
		{ "sheet", required_argument, NULL, OPT_SHEET },
		{ "resume", no_argument, NULL, OPT_RESUME },
		{ "force", no_argument, NULL, OPT_FORCE },
		{ "jobs", required_argument, NULL, OPT_JOBS },
		{ "per-host", required_argument, NULL, OPT_PER_HOST },
		{ "proxy-jobs", required_argument, NULL, OPT_PROXY_JOBS },
		{ "rate", required_argument, NULL, OPT_RATE },
		{ "retry-after", required_argument, NULL, OPT_RETRY_AFTER },
		{ "max-wait", required_argument, NULL, OPT_MAX_WAIT },
		{ "shard", required_argument, NULL, OPT_SHARD },
		{ "encoding", required_argument, NULL, OPT_ENCODING },
		{ "csv-delimiter", required_argument, NULL, OPT_CSV_DELIM },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		CLI_COMMON_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	/* files and facts about the input: a second one is a contradiction,
	 * not a setting (cli.h) */
	static const char *const once[] = { "output", "csv", "column",
	    "sheet", "encoding", "shard", NULL };
	struct cli_given given = { { NULL } };
	int ch, rv;

	optind = 1;
	while ((ch = getopt_long(argc, argv, ":o:qh" CLI_COMMON_SHORTOPTS, longopts, NULL)) != -1) {
		if (cli_option_once(lang_pick(run->c.lang_opt), longopts, ch,
		    optarg, once, &given) < 0)
			return -1;
		switch (ch) {
		case 'o':
			o->output = optarg;
			continue;
		case OPT_CSV:
			o->csv = optarg;
			continue;
		case OPT_COLUMN:
			/* a number counts from 1; a name is never empty */
			if (*optarg == '\0' || strspn(optarg, "-0") ==
			    strlen(optarg) || (*optarg == '-' &&
			    strspn(optarg + 1, "0123456789") == strlen(optarg + 1))) {
				cli_msg(lang_pick(run->c.lang_opt), "mxtrace verify: --column wants "
				    "a column name or a number from 1, not '%s'\n", optarg);
				return -1;
			}
			run->lopts.column = optarg;
			continue;
		case OPT_SHEET:
			if (*optarg == '\0') {
				cli_msg(lang_pick(run->c.lang_opt), "mxtrace "
				    "verify: --sheet wants a sheet's name or a "
				    "number from 1\n");
				return -1;
			}
			run->lopts.sheet = optarg;
			continue;
		case OPT_ENCODING:
			if (encoding_canonical(optarg, o->encoding) < 0) {
				cli_msg(lang_pick(run->c.lang_opt), "mxtrace verify: --encoding: cannot "
				    "read '%s' (try GB18030, BIG5, SHIFT_JIS, "
				    "UTF-16LE, UTF-8, WINDOWS-1252)\n", optarg);
				return -1;
			}
			continue;
		case OPT_CSV_DELIM:
			if ((o->csv_delim = csv_delim_parse(optarg)) == NULL) {
				cli_msg(lang_pick(run->c.lang_opt), "mxtrace verify: --csv-delimiter "
				    "wants , ; or tab, not '%s'\n", optarg);
				return -1;
			}
			continue;
		case OPT_RESUME:
			o->resume = true;
			continue;
		case OPT_FORCE:
			o->force = true;
			continue;
		case OPT_JOBS:
			if (parse_count(lang_pick(run->c.lang_opt), "--jobs", optarg, 1, &o->jobs) < 0)
				return -1;
			continue;
		case OPT_PER_HOST:
			if (parse_count(lang_pick(run->c.lang_opt), "--per-host", optarg, 1, &o->per_host) < 0)
				return -1;
			continue;
		case OPT_PROXY_JOBS:
			if (parse_count(lang_pick(run->c.lang_opt), "--proxy-jobs", optarg, 1,
			    &o->proxy_jobs) < 0)
				return -1;
			continue;
		case OPT_RATE:
			if (parse_count(lang_pick(run->c.lang_opt), "--rate", optarg, 0, &o->rate) < 0)
				return -1;
			continue;
		case OPT_RETRY_AFTER:
		case OPT_MAX_WAIT:
			if (parse_wait(lang_pick(run->c.lang_opt), ch, optarg,
			    o) < 0)
				return -1;
			continue;
		case OPT_SHARD:
			if (shard_parse(optarg, &run->shard) < 0) {
				cli_msg(lang_pick(run->c.lang_opt), "mxtrace verify: --shard wants K/N "
				    "with 1 <= K <= N, not '%s'\n", optarg);
				return -1;
			}
			o->shard = optarg;
			continue;
		case 'q':
			o->quiet = true;
			continue;
		case 'h':
			cli_help_text(stdout, cli_help_lang(), verify_usage);
			cli_help_text(stdout, cli_help_lang(),
			    cli_common_usage);
			cli_help_exit(stdout, cli_help_lang(), "verify");
			exit(0);
		}
		if ((rv = cli_common_opt(&run->c, ch, optarg)) <= 0)
			return -1;
	}
	if (argc - optind != 1) {
		fputs(catalog_tr(lang_pick(run->c.lang_opt), "mxtrace verify: one input FILE (or -) expected\n"), stderr);
		return -1;
	}
	if (o->output != NULL && strcmp(o->output, "-") == 0)
		o->output = NULL;
	if ((o->resume || o->csv != NULL) && o->output == NULL) {
		fprintf(stderr, catalog_tr(lang_pick(run->c.lang_opt), "mxtrace verify: %s needs -o FILE\n"),
		    o->resume ? "--resume" : "--csv");
		return -1;
	}
	if (o->resume && o->force) {
		cli_msg(lang_pick(run->c.lang_opt), "mxtrace verify: --resume and --force contradict "
		    "each other\n");
		return -1;
	}
	/* what was given, before cli_common_finish fills in the defaults */
	o->given.helo = run->c.helo != NULL;
	o->given.mail_from = run->c.mail_from != NULL;
	o->given.family = run->c.family;
	if (o->resume)
		resume_settings(run, o);
	return 0;
}

/*
 * Why: records made with "--sheet 2" are those of "--sheet Customers" when
 * both name that sheet, and a name may be typed in another case: the
 * first run's word (FILE.meta's) is then this run's too, so every check
 * that compares --sheet (jsonl_out.c rows_differ) compares like with like.
 */
static void
sheet_as_first_run(struct vrun *run, struct verify_opts *o)
{
	const char *was;

	if (run->lopts.sheet == NULL || o->output == NULL ||
	    strcmp(o->output, "-") == 0)
		return;
	if (o->meta == NULL && (o->meta = jsonl_meta_load(o->output)) == NULL)
		return;
	was = json_string_value(json_object_get(o->meta, "sheet"));
	if (was != NULL && strcmp(was, run->lopts.sheet) != 0 &&
	    listin_same_sheet(run->inf, was, run->lopts.sheet))
		run->lopts.sheet = was;
}

/* --- the end ------------------------------------------------------------ */

static int
dom_cmp(const void *a, const void *b)
{
	const struct progress_domain *x = a, *y = b;

	if (x->total != y->total)
		return x->total < y->total ? 1 : -1;
	return strcmp(x->name, y->name);
}

struct dom_collect {
	struct progress_domain	*v;
	size_t			 n;
};

static void
dom_collect(void *val, void *arg)
{
	struct vdomain *d = val;
	struct dom_collect *c = arg;
	unsigned long t = 0;
	int g;

	for (g = 0; g < GROUP__LAST; g++)
		t += d->groups[g];
	if (t == 0)
		return;
	c->v[c->n].name = d->name;
	c->v[c->n].total = t;
	memcpy(c->v[c->n].groups, d->groups, sizeof(d->groups));
	c->n++;
}

/*
 * The addresses of a domain that looks mistyped (gmial.com, qq.con), as
 * hints_of tells a record's suggestion: a domain's, so asked once for it.
 */
static void
dom_typos(void *val, void *arg)
{
	struct vdomain *d = val;
	unsigned long *typos = arg;
	struct addr_notes n;

	memset(&n, 0, sizeof(n));
	hints_of("x", d->name, &n);
	if (n.suggestion != NULL)
		*typos += d->total;
	notes_free(&n);
}

/* The closing table; rows left by an interruption say how to go on
 * (runopts_command, the report's too), and --resume needs the records in
 * a file (-o). */
static void
summary(struct vrun *run, const char *status, const struct verify_opts *o)
{
	struct dom_collect c;
	unsigned long left;
	char *cmd, *words;

	c.v = xcalloc(run->domains.n + 1, sizeof(*c.v));
	c.n = 0;
	vtab_each(&run->domains, dom_collect, &c);
	qsort(c.v, c.n, sizeof(*c.v), dom_cmp);
	run->prog.typos = 0;
	vtab_each(&run->domains, dom_typos, &run->prog.typos);
	run->prog.cleaned = run->cleaned;
	progress_summary(&run->prog, c.v, c.n < VERIFY_TOP_DOMAINS ? c.n :
	    VERIFY_TOP_DOMAINS, status);
	/* rows never read (the run stopped before them) are left too */
	left = run->unfinished + (run->total > run->prog.done +
	    run->unfinished ? run->total - run->prog.done - run->unfinished : 0);
	free(c.v);
	if (run->prog.quiet || left == 0)
		return;
	if (o->output == NULL) {
		cli_msg(run->lang, "\n  %lu {1|address|addresses} not finished: "
		    "the records went to standard output, so --resume cannot "
		    "continue them; run again with -o FILE (then --resume works "
		    "after an interruption)\n", left);
		return;
	}
	words = runopts_words(o->options);
	cmd = runopts_command(words, false, o->output, o->shard,
	    run->input_name);
	cli_msg(run->lang, "\n  %lu {1|address|addresses} not checked yet: to "
	    "check {1|it|them}, run this command (this run's options are in "
	    "it):\n    %s\n", left, cmd);
	if (runopts_hides_password(o->options))
		cli_msg(run->lang, "(*** stands for the proxy's password, which "
		    "is never written down: type it in its place)\n");
	free(cmd);
	free(words);
}

struct csv_reader {
	const struct vrun	*run;
	struct listin		*in;		/* borrowed */
	struct intake		*x;		/* owned: the current row's addresses */
	size_t			 nx;
	const char		*parts[NORM_ADDRS_MAX];
	unsigned long		 partnos[NORM_ADDRS_MAX];
	unsigned long		 dupofs[NORM_ADDRS_MAX];
};

/*
 * The row that holds x's address first when that is another (row, part),
 * else 0: pass 1's index, which the records' duplicate_of come from too,
 * so a row the run never reached still says it repeats an earlier one.
 */
static unsigned long
csv_dup_of(const struct vrun *run, const struct intake *x, unsigned long row,
    unsigned long part)
{
	const struct ventry *e;

	if (!x->ok || (e = vtab_get(&run->index, dupkey_of(&x->addr))) == NULL)
		return 0;
	return e->first_row == row && e->first_part == part ? 0 : e->first_row;
}

/* csv_out's reader: the rows again, each row's addresses in this shard. */
static int
csv_next(void *arg, struct csv_out_row *out)
{
	struct csv_reader *r = arg;
	struct listin_row row;
	size_t i, k;
	int rv;

	while ((rv = listin_next(r->in, &row)) > 0) {
		intake_free(r->x, r->nx);
		r->nx = vsched_intake(&row, &r->x, NULL);
		for (i = k = 0; i < r->nx; i++)
			if (vsched_mine(r->run, &r->x[i])) {
				r->parts[k] = r->x[i].text;
				r->partnos[k] = vsched_partno(r->nx, i);
				r->dupofs[k] = csv_dup_of(r->run, &r->x[i],
				    row.row, r->partnos[k]);
				k++;
			}
		if (k == 0)
			continue;
		out->row = row.row;
		out->nfields = row.nfields;
		out->fields = row.fields;
		out->lens = row.lens;
		out->nparts = k;
		out->parts = r->parts;
		out->partnos = r->partnos;
		out->dupofs = r->dupofs;
		return 1;
	}
	return rv;
}

static int
write_csv(struct vrun *run, const struct verify_opts *o)
{
	struct csv_out_opts co = { o->csv_delim ? o->csv_delim[0] : ',',
	    run->lang };
	struct csv_reader rd;
	struct listin *in = run->in;
	struct csv_out_cols cols;
	const char **names;
	char *err;
	size_t i;
	int rv;

	if (listin_rewind(in) < 0) {
		cli_msg(run->lang, "mxtrace verify: cannot read %s: %s\n",
		    run->input_name, syserr_text(errno));
		return -1;
	}
	cols.n = listin_ncolumns(in);
	names = xcalloc(cols.n + 1, sizeof(*names));
	for (i = 0; i < cols.n; i++)
		names[i] = listin_column(in, i);
	cols.names = names;
	cols.addrcol = listin_addr_column(in);
	memset(&rd, 0, sizeof(rd));
	rd.run = run;
	rd.in = in;
	rv = csv_out_write(o->csv, run->csvrows, &cols, &co, csv_next, &rd,
	    run->max_row, &err);
	if (rv < 0) {
		cli_msg(run->lang, "mxtrace verify: %s\n", err);
		free(err);
	}
	intake_free(rd.x, rd.nx);
	free(names);
	return rv;
}

static void
run_free(struct vrun *run)
{
	if (run->in != NULL)
		listin_close(run->in);
	if (run->read_ev)
		event_free(run->read_ev);
	if (run->tick_ev)
		event_free(run->tick_ev);
	if (run->sig_int)
		event_free(run->sig_int);
	if (run->sig_term)
		event_free(run->sig_term);
	vsched_free(run);
	pool_free(run->pool);
	batch_hub_free(run->batches);
	hostlim_free(run->hostlim);
	vgate_free(run->gate);
	cli_env_free(&run->e);
	cli_common_free(&run->c);
	if (run->inf != NULL)
		fclose(run->inf);
	if (run->spool != NULL)
		fclose(run->spool);
	free(run->done);
	free(run->retry_lines);
	csv_rows_close(run->csvrows);
}

/* Set up events and pass 2's rows, then run the loop to the end. */
static int
run_loop(struct vrun *run, const struct verify_opts *o)
{
	static const struct timeval zero = { 0, 0 }, second = { 1, 0 };
	struct vgate_limits lim = { o->jobs, o->per_host, o->rate, NULL };
	struct host_limits hdef = { 0 };

	jsonw_init(&run->rec);
	/* Every session goes through the one proxy: it sets the overall cap. */
	if (run->c.has_proxy && o->proxy_jobs < lim.jobs)
		lim.jobs = o->proxy_jobs;

	run->gate = vgate_new(run->e.base, &lim);
	run->e.env.gate = vgate_probe_gate(run->gate);
	run->pool = pool_new(run->e.base, run->e.env.gate, POOL_IDLE_MS);
	run->e.env.pool = run->pool;
	hdef.rcpt_batch = run->e.env.session.rcpt_batch;
	hdef.error_budget = run->e.env.session.error_budget;
	hdef.nonmail_max = SESSION_NONMAIL_MAX;
	run->hostlim = hostlim_new(&hdef);
	run->batches = batch_hub_new(run->e.base, run->pool, run->e.env.gate,
	    run->hostlim);
	run->e.env.batches = run->batches;
	run->e.env.job_deadline_ms = 0;	/* gate waits are not the job's fault;
					 * each session has its own deadline */
	run->per_host = o->per_host;
	run->max_active = lim.jobs * 2;
	run->retry_after_ms = o->retry_after_ms;
	run->max_wait_ms = o->max_wait_ms;
	if (listin_rewind(run->in) < 0) {
		cli_msg(run->lang, "mxtrace verify: cannot read %s: %s\n",
		    run->input_name, syserr_text(errno));
		return MX_EXIT_NOINPUT;
	}
	run->read_ev = evtimer_new(run->e.base, read_cb, run);
	run->tick_ev = event_new(run->e.base, -1, EV_PERSIST, tick_cb, run);
	if (!run->read_ev || !run->tick_ev)
		fatalx("%s: cannot create events", __func__);
	evtimer_add(run->read_ev, &zero);
	event_add(run->tick_ev, &second);
	run->sig_int = stop_handler(run, SIGINT);
	run->sig_term = stop_handler(run, SIGTERM);
	/* a signal held since the output was opened comes now: handled, or
	 * dropped when the parent left it ignored */
	if (sigprocmask(SIG_SETMASK, &run->sigmask, NULL) != 0)
		fatalx("%s: sigprocmask", __func__);
	if (event_base_dispatch(run->e.base) < 0)
		fatalx("%s: event loop failed", __func__);
	return 0;
}

int
verify_main(int argc, char **argv)
{
	struct verify_opts o = {
		.jobs = VERIFY_DEFAULT_JOBS,
		.per_host = VERIFY_DEFAULT_PER_HOST,
		.proxy_jobs = VERIFY_DEFAULT_PROXY_JOBS,
		.retry_after_ms = VERIFY_DEFAULT_RETRY_AFTER,
		.max_wait_ms = VERIFY_DEFAULT_MAX_WAIT,
	};
	struct vrun run;
	struct runopts_pace pace;
	struct strlist warnings = { 0 };
	char sha_hex[65], *herr;
	size_t i;
	int status;
	bool resumed, dns;

	memset(&run, 0, sizeof(run));
	cli_common_init(&run.c);
	run.shard.k = run.shard.n = 1;
	if (parse_opts(argc, argv, &run, &o) < 0 ||
	    cli_common_finish(&run.c, &warnings) < 0) {
		cli_usage_hint(lang_pick(run.c.lang_opt), "verify");
		cli_common_free(&run.c);
		strlist_free(&warnings);
		return MX_EXIT_USAGE;
	}
	run.lang = run.c.lang;
	exit_early(&run);
	run.input_name = argv[optind];
	run.output_name = o.output != NULL && strcmp(o.output, "-") != 0 ?
	    o.output : "standard output";
	pace.jobs = o.jobs;
	pace.per_host = o.per_host;
	pace.proxy_jobs = o.proxy_jobs;
	pace.rate = o.rate;
	pace.retry_after_ms = o.retry_after_ms;
	pace.max_wait_ms = o.max_wait_ms;
	o.options = runopts_json(&run.c, &o.given, &pace);
	/* an input that cannot be read is said alone, before any warning */
	if ((status = open_input(&run, run.input_name)) != 0) {
		strlist_free(&warnings);
		goto out;
	}
	/* --sheet on a CSV or text list: the command line's mistake */
	if (run.lopts.sheet != NULL && !listin_file_is_workbook(run.inf)) {
		cli_msg(run.lang, "mxtrace verify: --sheet: %s is not an Excel "
		    "workbook (.xlsx) but a CSV or text list, which has no "
		    "sheets: leave --sheet out\n", run.input_name);
		strlist_free(&warnings);
		status = MX_EXIT_USAGE;
		goto out;
	}
	sheet_as_first_run(&run, &o);
	/* an output refused: said before a word about reading the input */
	if (outputs_refused(&run, &o) < 0) {
		strlist_free(&warnings);
		status = MX_EXIT_CANTCREAT;
		goto out;
	}
	if ((herr = hints_init()) != NULL)
		strlist_add(&warnings, herr);
	free(herr);
	if (o.encoding[0] != '\0')
		run.lopts.encoding = o.encoding;
	/* a list with nothing to probe is said alone: the warnings are
	 * about the probing */
	if ((status = pass1(&run, &o, sha_hex)) != 0) {
		strlist_free(&warnings);
		goto out;
	}
	/* the options' own mistakes (--ca-file, the trust anchor), then a
	 * resolver that does not answer, are said before any output is
	 * made: a run stopped for either writes nothing */
	if (cli_env_open(&run.e, &run.c) < 0) {
		strlist_free(&warnings);
		status = run.e.fail;
		goto out;
	}
	/* without records to resume, whether DNS is needed is known now: a
	 * list without one valid address asks none (as probe of a bad
	 * address); and the output is not even created */
	resumed = o.resume && output_has_records(o.output);
	if (!resumed && run.domains.n > 0 && cli_resolver_check(&run.e, &run.c) < 0) {
		strlist_free(&warnings);
		status = MX_EXIT_SOFTWARE;
		goto out;
	}
	progress_init(&run.prog, stderr, run.total, o.quiet, run.lang);
	/* no records to read back: the output may be made now (a new file) */
	if (!resumed)
		hold_stop_signals(&run);
	if (open_output(&run, &o, sha_hex) < 0) {
		strlist_free(&warnings);
		status = MX_EXIT_CANTCREAT;
		goto out;
	}
	/* with them, once they are read: rows all written, or repeating a
	 * record written, ask no DNS, and the run ends as it would */
	dns = vsched_needs_dns(&run);
	if (resumed && dns && cli_resolver_check(&run.e, &run.c) < 0) {
		strlist_free(&warnings);
		status = MX_EXIT_SOFTWARE;
		goto out;
	}
	for (i = 0; i < warnings.n; i++)
		cli_msg(run.lang, "mxtrace verify: warning: %s\n",
		    warnings.v[i]);
	strlist_free(&warnings);
	if (resumed)
		hold_stop_signals(&run);
	if (output_begin(&run, &o, sha_hex) < 0) {
		status = MX_EXIT_CANTCREAT;
		goto out;
	}
	if (outputs_distinct(&run, &o, true) < 0) {
		status = MX_EXIT_CANTCREAT;
		goto out;
	}
	if (dns && cli_env_start(&run.e, &run.c) < 0) {
		status = MX_EXIT_SOFTWARE;
		goto out;
	}
	if ((status = run_loop(&run, &o)) != 0)
		goto out;
	vsched_port25_decide(&run, true);
	if (jsonl_close(run.out) < 0 && !run.failed) {
		run.failed = true;
		cli_msg(run.lang, "mxtrace verify: cannot fsync the output: %s\n",
		    syserr_text(errno));
	}
	run.out = NULL;
	/* after an output error the records are incomplete: the CSV waits
	 * for the --resume that completes them */
	if (o.csv != NULL && !run.failed && write_csv(&run, &o) < 0)
		run.failed = true;
	status = run.failed ? MX_EXIT_IOERR : run.stopping ?
	    MX_EXIT_INTERRUPTED : MX_EXIT_OK;
	summary(&run, run.failed ? "verify.status_failed" :
	    run.stopping ? "verify.status_interrupted" : "verify.status_done",
	    &o);
 out:
	if (run.out != NULL)
		jsonl_close(run.out);
	run_free(&run);
	json_decref(o.meta);
	json_decref(o.options);
	return status;
}
