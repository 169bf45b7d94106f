/*
 * checks.h - the findings of a sender run, one per (check id, subject):
 * {id, status, subject, detail, explanation}.  The ids are documented in
 * docs/json.md; the explanation (what it means, what to do) comes from
 * the catalogue in the user's language.
 */
#ifndef MXTRACE_SENDER_CHECKS_H
#define MXTRACE_SENDER_CHECKS_H

#include <stdbool.h>
#include <stddef.h>

#include "meaning/catalog.h"
#include "sender/run.h"

/*
 * Worst last.  info: something optional is absent (no MTA-STS or TLS-RPT
 * record, the normal case of a small company): said, never counted
 * against the exit status.
 */
enum check_status { CHECK_PASS, CHECK_INFO, CHECK_WARN, CHECK_UNKNOWN, CHECK_FAIL, CHECK__LAST };

struct sender_check {
	const char		*id;		/* static: "dnsbl", "spf_record", ... */
	enum check_status	 status;
	char			*subject;	/* owned: the IP, the domain, the selector... */
	char			*detail;	/* owned: what was found, in data terms */
	const char		*key;		/* catalogue key of the explanation (checks_advice_key) */
	unsigned		 seq;		/* order found, to keep equal statuses stable */
};

struct sender_checks {
	struct sender_check	 v[SENDER_CHECKS_MAX];
	size_t			 n;
};

/* Build every finding from a finished run, worst first. */
void		 checks_build(const struct sender_report *, struct sender_checks *);
void		 checks_free(struct sender_checks *);
/* "pass", "info", "warn", "unknown", "fail". */
const char	*check_status_name(enum check_status);
/*
 * The catalogue key of a finding by its names as the JSON gives them
 * ("dnsbl", "warn"), so a record is explained again in another language;
 * NULL for a pair this version does not know.
 */
const char	*checks_key(const char *id, const char *status);
/*
 * DNS did not answer for the domain at all (SERVFAIL, a --resolver that
 * times out): its SPF record and its MX both unread, by their statuses as
 * the JSON gives them (spf.status, mx.status; NULL when absent).  Every ?
 * then has that one cause: the terminal and the HTML say so once and
 * fold the unknown DKIM selectors (SENDER_DKIM_FOLD).  One test, so both
 * outputs always agree.
 */
bool		 checks_dns_down(const char *spf_status, const char *mx_status);
/* checks_dns_down of a finished run (false without a domain). */
bool		 checks_run_dns_down(const struct sender_report *);
/*
 * The explanation key to show for a finding's key, by what DNS said of
 * the domain as a whole (dns_down: checks_dns_down; mx_status as the JSON
 * gives it, NULL when absent): with DNS down, the missing sending IP is
 * DNS's doing, not a forgotten --ip; a domain that does not exist
 * (NXDOMAIN) is a typo or a lapsed registration, not an MX or a
 * postmaster to fix.  checks_build gives each finding its key through
 * it, so the JSON, the terminal and the HTML (which reads it again from
 * a record's id, status, spf and mx) say the same.
 */
const char	*checks_advice_key(const char *key, bool dns_down, const char *mx_status);
/*
 * The explanation key the HTML page shows for a finding's key when the
 * page has said first, in its note (sender.direct_pc), to send through the
 * company's mail server (direct_said: the finding is about that IP): the
 * same advice in words that point to the note, so the page says it once.
 * The terminal and the JSON keep key, whole (the note is on stderr there).
 */
const char	*checks_page_key(const char *key, bool direct_said);
/*
 * The findings shown together as one line, by their names as the JSON
 * gives them: the unknown DKIM keys (a selector DNS gave no usable answer
 * for), n of them in the run (as checks_foldable counts them), once there
 * are SENDER_DKIM_FOLD.  checks_folded is true for each finding of that
 * line: the terminal and the HTML print the line at the first, and the
 * HTML's cards count it once, so they count the rows the reader sees.
 */
bool		 checks_foldable(const char *id, const char *status);
bool		 checks_folded(const char *id, const char *status, size_t n);
/*
 * The IP is the --message's computer that handed the message straight to
 * the recipient's server (an office line, not a mail server): its findings
 * say to send through the company's mail server, and the JSON marks it
 * (ips[].direct) for the page to say so once, first.
 */
bool		 checks_direct_pc(const struct sender_report *, const struct sender_ip *);
/*
 * 0 nothing failed or doubtful (pass and info only), 1 a failure, 2
 * warnings/unknowns only (base/exitcode.h).
 */
int		 checks_exit(const struct sender_checks *);

#endif
