/*
 * runopts.h - the options of a verify run that FILE.meta records
 * ("options", docs/json.md), so that a --resume can be checked against the
 * first run and the report can show the whole command that finishes it.
 *
 * Two kinds.  What changes an address's answer (who asks: --helo,
 * --mail-from; from where: --proxy, --source, -4/-6, --port, --resolver;
 * which checks: TLS, DNSSEC, catch-all, MTA-STS, private addresses, trust
 * anchor, CA file) must be the same on --resume, or one list holds two
 * kinds of result.  The pace and the limits (--jobs, --per-host,
 * --proxy-jobs, --rate, --timeout, --deadline, --retry-after, --max-wait)
 * may change: a resume may go slower or wait longer.  Only values other
 * than the default are recorded; a proxy's password never is.
 */
#ifndef MXTRACE_RUNOPTS_H
#define MXTRACE_RUNOPTS_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "cli/cli.h"

#define VERIFY_DEFAULT_JOBS		100
#define VERIFY_DEFAULT_PROXY_JOBS	20
#define VERIFY_DEFAULT_PER_HOST		2
#define VERIFY_DEFAULT_RETRY_AFTER	(5 * 60 * 1000LL)
#define VERIFY_DEFAULT_MAX_WAIT		(20 * 60 * 1000LL)

/* What the command line gave, read before cli_common_finish fills in the
 * defaults (the host's name as HELO, the family of --source). */
struct runopts_given {
	bool		 helo, mail_from;
	int		 family;	/* AF_INET (-4), AF_INET6 (-6), AF_UNSPEC */
};

struct runopts_pace {
	unsigned	 jobs, per_host, proxy_jobs, rate;
	long long	 retry_after_ms, max_wait_ms;
};

/* One option that differs between two runs; the texts are owned, already
 * made safe for a terminal; a value NULL: not given. */
struct runopts_change {
	const char	*option;	/* "--helo", "-4" (static) */
	char		*first, *now;
};

/* This run's options as FILE.meta records them (a new reference). */
json_t	*runopts_json(const struct cli_common *, const struct runopts_given *,
	    const struct runopts_pace *);
/*
 * A recorded "options" read back (hostile input): NULL when it is an
 * object of known options with values of their type and range, else the
 * key that is not (a static string, or "options").
 */
const char *runopts_bad(const json_t *options);
/*
 * The options that change results and differ between first and now (both
 * checked by runopts_bad), at most max of them into v; returns how many
 * differ (may be more than max).  runopts_changes_free frees v[0..n).
 */
size_t	 runopts_diff(const json_t *first, const json_t *now,
	    struct runopts_change *v, size_t max);
void	 runopts_changes_free(struct runopts_change *, size_t n);
/* The options as command-line words, each shell-quoted, each preceded by a
 * space ("" when none); a proxy's password as ***.  Owned. */
char	*runopts_words(const json_t *options);
/*
 * The command that continues a run (restart: starts it over, --force),
 * the one line verify's summary, its refusal of other options and the
 * report give: words (runopts_words of the options FILE.meta records, NULL
 * when it records none), -o results, --shard K/N when shard is not NULL,
 * the list; each word shell-quoted.  The CSV, language, encoding, column
 * and sheet come from FILE.meta by themselves.  Owned.
 */
char	*runopts_command(const char *words, bool restart, const char *results,
	    const char *shard, const char *input);
/* Does a recorded proxy hide its password (the words say ***)? */
bool	 runopts_hides_password(const json_t *options);

#endif
