/*
 * agg.h - what the report needs from a stream of probe records, kept small
 * enough for 100,000 addresses: one compact row per address, counts per
 * verdict, causes grouped by (verdict, reason, blocklist), facts per domain,
 * and the full record of at most detail_max addresses (the ones that did
 * not go through first).
 */
#ifndef MXTRACE_AGG_H
#define MXTRACE_AGG_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "base/vtab.h"
#include "meaning/verdict.h"
#include "reports/bncreport.h"
#include "reports/dlvreport.h"

#define AGG_REPLY_MAX	200	/* bytes of the decisive reply kept per row */
#define AGG_SAMPLES_MAX	255	/* latency samples kept per domain and stage */
#define AGG_SET_MAX	16	/* distinct source IPs, proxies and ports remembered */
#define AGG_MX_MAX	8	/* MX hosts kept per domain */
#define AGG_ADDR_MAX	8	/* addresses kept per MX host */
#define AGG_TEXT_MAX	256	/* bytes of a host name, certificate field... */
#define AGG_COLS_MAX	8	/* input fields (company, contact...) shown per row */
#define AGG_CELL_MAX	120	/* bytes kept of each input field */
#define AGG_CAUSE_ROWS	5	/* addresses named per cause */
#define AGG_SENDER_MAX	20	/* `mxtrace sender` records drawn */

struct agg_row {
	char		*address;	/* owned */
	char		*reply;		/* owned; "550 5.1.1 text" or the error; may be "" */
	bool		 reply_server;	/* reply holds the server's words, not an error of ours */
	char		*suggestion;	/* owned; "did you mean" address, NULL: none */
	char		*given;		/* owned; the cell the address was cleaned
					 * out of (normalized.given), NULL: the
					 * cell was the address, or address is it */
	size_t		 domain;	/* index into agg.domains */
	unsigned char	 verdict;	/* enum verdict */
	unsigned char	 reason;	/* enum reason */
	signed char	 stage;		/* enum stage, -1 unknown */
	bool		 detail;	/* its full record is in agg.details */
	long long	 total_ms;	/* -1 unknown */
	long long	 rownum;	/* the input's row number, -1 unknown */
	long long	 part;		/* its place in a cell of several, 0 none */
	signed char	 summary;	/* enum summary, -1 when the record has none */
	bool		 role;		/* the record's role: a shared mailbox */
	bool		 duplicate;	/* the record's duplicate_of is a row */
	long long	 dup_row;	/* ... that row, -1 none */
	char		**cells;	/* owned; [AGG_COLS_MAX] input fields by
					 * agg.cols, NULL when the record has none */
};

struct agg_samples {
	unsigned	*v;		/* owned */
	size_t		 n, cap;
};

struct agg_domain {
	char		*name;		/* owned; "" when the records have none */
	size_t		 total;
	size_t		 count[VERDICT__LAST];	/* not the tester's: */
	size_t		 tester;	/* addresses refused because of where
					 * the check ran from (GROUP_TESTER) */
	json_t		*mx;		/* owned; bounded copy of the first MX plan seen */
	json_t		*tls;		/* owned; bounded copy of the first TLS facts, or NULL */
	size_t		 sessions;	/* SMTP sessions that reached a server,
					 * each once however many records it served */
	size_t		 tls_sessions;	/* ... of which used TLS */
	struct agg_samples lat[STAGE__LAST];	/* ms; [STAGE_DNS] from timing.dns_ms */
	int		 dane;		/* tls_policy.dane.satisfied: 1, 0, -1 unknown */
	int		 sts_mode;	/* MTA-STS: 2 enforce, 1 testing, 0 none/no policy, -1 unknown */
	int		 sts_ok;	/* tls_policy.mta_sts.satisfied: 1, 0, -1 unknown */
};

struct agg_cause {
	enum verdict	 verdict;
	enum reason	 reason;
	char		*blocklist;	/* owned; NULL when none */
	char		*own_address;	/* owned; with own_domain, the record's own
					 * address and domain when they, not the
					 * reason, give its words (result_explain_own:
					 * an empty cell), else NULL */
	char		*own_domain;
	size_t		 count;
	json_t		*domains;	/* owned; object: domain name -> count */
	size_t		 rows[AGG_CAUSE_ROWS];	/* the addresses first in the
					 * list, in its order, by row index */
	size_t		 nrows;
};

struct agg_detail {
	size_t		 row;		/* index into agg.rows */
	json_t		*rec;		/* owned reference */
};

struct agg {
	size_t		 detail_max;
	struct agg_row	*rows;
	size_t		 nrows, caprows;
	struct agg_domain *domains;
	size_t		 ndomains, capdomains;
	json_t		*domain_index;	/* owned; name -> index */
	struct agg_cause *causes;	/* sorted by agg_finish: most addresses first */
	size_t		 ncauses, capcauses;
	json_t		*cause_index;	/* owned; key -> index (until agg_finish) */
	struct agg_detail *details;	/* in input order */
	size_t		 ndetails;
	size_t		 count[VERDICT__LAST];
	size_t		 tester[VERDICT__LAST];	/* ... of which GROUP_TESTER */
	size_t		 group[GROUP__LAST];
	char		*cols[AGG_COLS_MAX];	/* owned; input field names, first seen first */
	size_t		 ncols;
	size_t		 with_summary;	/* rows whose record has a summary */
	size_t		 summary_apart;	/* ... whose card is another answer
					 * (agg_summary_apart) */
	size_t		*row_order;	/* owned; by agg_finish: rows in input order */
	size_t		 unusable;	/* objects without a known verdict */
	size_t		 duplicates;	/* rows with duplicate_of: another row's
					 * probe repeated, not a probe of their own */
	size_t		 roles;		/* shared mailboxes (role) mail may reach:
					 * rows not a duplicate, not "will not
					 * arrive" (agg_role_counted) */
	struct dlvrep	 dlv;		/* explain's delivered messages (dlvreport.h) */
	struct bncrep	 bnc;		/* explain's bounces (bncreport.h) */
	json_t		*senders;	/* owned; the first AGG_SENDER_MAX sender records */
	size_t		 senders_total;	/* sender records read */
	json_t		*source_ips;	/* owned; set: records checked directly */
	json_t		*proxies;	/* owned; set: --proxy HOST:PORT of the others */
	json_t		*ports;		/* owned; object used as a set */
	char		 first_at[40], last_at[40];	/* started_at range, "" unknown */
	size_t		 catch_all_checked;	/* records whose catch_all is not null */
	size_t		*domain_order;	/* owned; by agg_finish: most addresses first */
	struct vtab	 seen;		/* owned; keys of the sessions and steps
					 * already counted (until agg_finish) */
};

struct agg *agg_new(size_t detail_max);
/* Add one record (borrowed; referenced when kept).  -1 when it has no
 * known verdict: counted in unusable, nothing else kept. */
int	 agg_add(struct agg *, json_t *rec);
/* Rank causes and domains; call once, after the last agg_add. */
void	 agg_finish(struct agg *);
void	 agg_free(struct agg *);

/* Whether a row is one of agg.roles: a shared mailbox (info@, sales@ ...)
 * that mail can reach, or may; once per address (not a duplicate row). */
bool	 agg_role_counted(const struct agg_row *);
/* Whether a row's summary (the address itself) and its card (whether
 * mail sent now arrives) give other answers: "will not arrive" but not
 * "bad" (a full mailbox, a refusal of your mail), "can receive mail" but
 * not "ok" (a throw-away or misspelt domain). */
bool	 agg_summary_apart(const struct agg_row *);
/* Severity rank of a row for sorting: will not arrive first, fine last. */
int	 agg_severity(const struct agg_row *);
/* A short name of the row's customer from its input fields, from i on:
 * the first with a word in it, else the first number ("" if none);
 * borrowed from the row. */
const char *agg_customer(const struct agg *, const struct agg_row *, size_t i);

/* Median of a domain's samples; -1 when there are none. */
long	 agg_median(const struct agg_samples *);
/* A copy of s cut to at most max bytes without splitting a UTF-8 sequence. */
char	*agg_strndup(const char *s, size_t max);

#endif
