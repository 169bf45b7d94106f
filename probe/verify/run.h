/*
 * verify_run.h - the state of one `mxtrace verify` run, shared by the
 * command (verify.c: options, the two passes over the input, outputs,
 * signals, summary) and the scheduler (verify_sched.c: domains, DNS plans,
 * engine jobs, retries, records), and --resume's reader of the records
 * already written (resume.c).  Internal to those files.
 */
#ifndef MXTRACE_VERIFY_RUN_H
#define MXTRACE_VERIFY_RUN_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "input/address.h"
#include "cli/cli.h"
#include "record/jsonw.h"
#include "verify/csv_rows.h"
#include "verify/jsonl_out.h"
#include "input/encoding.h"
#include "input/intake.h"
#include "input/listin.h"
#include "verify/progress.h"
#include "engine/batch.h"
#include "engine/hostlim.h"
#include "engine/pool.h"
#include "verify/shard.h"
#include "engine/gate.h"
#include "engine/pool.h"
#include "base/vtab.h"

#define VERIFY_CHUNK		500	/* recipients per engine job */
#define VERIFY_WINDOW		20000	/* rows held in memory before batches are cut short */
#define VERIFY_DNS_MAX		200	/* DNS plans in flight */
#define VERIFY_READ_SLICE	256	/* rows read per event-loop turn */
#define VERIFY_TOP_DOMAINS	10

/*
 * Records are keyed by (row, part): part is 0 when the row's cell held one
 * address, else 1, 2 ... for each of its addresses (input/intake.h).
 */

/* One distinct address (key: verify/dupkey.h), from pass 1. */
struct ventry {
	unsigned long	 first_row, first_part;
	unsigned long	 dups_left;	/* duplicate rows not written yet */
	struct vitem	*item;		/* the original while it is being probed */
	char		*json;		/* owned: the original's record while dups_left > 0 */
};

/* A duplicate row waiting for its original's result. */
struct vdup {
	unsigned long	 row, part;
	json_t		*input;		/* owned reference, or NULL */
	json_t		*own;		/* owned: this row's own fields (address,
					 * normalized, suggestion) */
	struct vdup	*next;
};

/* An original row being probed. */
struct vitem {
	unsigned long	 row, part;
	struct address	 addr;		/* owned */
	char		*given;		/* owned: the address after normalizing */
	struct addr_notes notes;	/* owned: what normalizing did, hints */
	json_t		*input;		/* owned reference, or NULL */
	struct ventry	*entry;		/* borrowed from the index */
	struct vdup	*dups;		/* owned list */
	struct probe_result *prev;	/* owned: earlier attempts (temporary answers) */
	long long	 first_ms;
	long long	 due_ms;		/* next try, while waiting for a retry */
	struct vitem	*next;
};

struct vdomain;

/* A chunk of one domain's items: queued, then an engine job. */
struct vjob {
	struct vrun	*run;
	struct vdomain	*dom;
	struct vitem	**items;	/* owned array; NULL once written or moved */
	struct probe_result **results;	/* owned */
	bool		*kept;		/* results[i] moved to its item (retry) */
	const char	**rcpts;	/* owned array of borrowed paths */
	size_t		 n;
	struct probe_job *job;
	long long	 start_ms;	/* when job started (now_ms) */
	bool		 aborted;
	long long	 queued_ms;	/* when it joined its domain's queue */
	struct vjob	*next, *prev;
};

enum vdns {
	VDNS_NONE,	/* no plan asked for */
	VDNS_QUEUED,	/* waiting for a DNS slot */
	VDNS_PENDING,	/* dns_plan in flight */
	VDNS_READY,	/* plan cached */
};

struct vdomain {
	struct vrun	*run;
	char		*name;		/* owned; A-label */
	unsigned long	 unread;	/* original rows not yet read in pass 2 */
	struct vitem	*batch, *batch_tail;	/* owned: rows not yet in a chunk */
	size_t		 nbatch;
	struct vjob	*queue, *queue_tail;	/* owned: chunks waiting to start */
	struct vitem	*retry, *retry_tail;	/* owned: waiting for --retry-after */
	struct event	*retry_ev;
	enum vdns	 dns;
	struct dns_req	*req;
	long long	 dns_since;	/* when the lookup in flight was sent */
	struct event	*dns_deadline_ev;	/* a queued chunk's --deadline */
	struct mxplan	*plan;		/* owned */
	int		 catch_all;	/* -1 unknown */
	long long	 known_ms;	/* the longest its jobs took to a
					 * result so far; -1 none yet */
	unsigned	 running;	/* jobs started and not done */
	bool		 first_done;
	bool		 in_runq, seen_result;
	struct vdomain	*runq_next, *dnsq_next;
	unsigned long	 total;		/* rows of the domain (pass 1) */
	unsigned long	 groups[GROUP__LAST];	/* its records by
						 * verdict_group */
};

struct vrun {
	struct cli_common	 c;
	struct cli_env		 e;
	struct vgate		*gate;
	struct session_pool	*pool;		/* sessions kept between jobs */
	struct hostlim		*hostlim;	/* each MX address's learned limits */
	struct batch_hub	*batches;	/* jobs sharing session uses */
	enum lang		 lang;
	long long		 retry_after_ms, max_wait_ms;
	unsigned		 per_host, max_active;
	struct shard		 shard;
	const char		*input_name;
	const char		*output_name;	/* -o FILE, or "standard output" */
	FILE			*inf;
	FILE			*spool;		/* owned: the rows read, for the
						 * passes after the first */
	struct listin_opts	 lopts;
	char			 encoding[ENCODING_NAME_MAX];	/* the input's, from pass 1 */
	struct listin		*in;		/* the reader of every pass */
	struct jsonl_out	*out;
	struct jsonw		 rec;		/* the record being written (reused) */
	struct csv_rows		*csvrows;	/* --csv: each record's cells */
	struct vtab		 domains;	/* name -> struct vdomain (owned) */
	struct vtab		 index;		/* dupkey -> struct ventry (owned) */
	unsigned char		*done;		/* bitmap of rows (part 0) already written (resume) */
	struct vtab		 done_parts;	/* "row/part" of parts >= 1 already written */
	unsigned char		*dupfirst;	/* while --resume reads: bitmap of rows
						 * whose address later rows repeat */
	unsigned long		 max_row, total;
	long long		 meta_deadline_ms;	/* --resume: the --deadline
						 * FILE.meta records (the last run's),
						 * for records that do not say theirs */
	unsigned long		 retried;	/* records read back to probe again */
	long long		 retried_lo, retried_hi;	/* the shortest and
						 * the longest --deadline that ended
						 * them */
	unsigned long		 lines_read;	/* lines --resume read back */
	unsigned long		*retry_lines;	/* owned: which of them (0-based,
						 * ascending) hold those records */
	unsigned long		 lines_dropped, drop_next;	/* where
						 * verify_resume_drop is */
	struct progress		 prog;
	struct vdomain		*runq, *runq_tail;	/* domains with chunks, no job slot */
	struct vdomain		*dnsq, *dnsq_tail;	/* domains waiting for a DNS slot */
	unsigned		 dns_inflight;
	struct vjob		*active;	/* jobs running */
	unsigned		 nactive;
	unsigned long		 held;		/* rows in memory, not written */
	unsigned long		 waiting_retry;
	unsigned long		 unfinished;	/* rows dropped by an interruption */
	unsigned long		 cleaned;	/* cells read as cleaned-up
						 * addresses (pass 1) */
	unsigned		 filtered25, reached25;
	unsigned		 refused25;	/* of filtered25: refused, not timed out */
	bool			 denied25;	/* one of them by this machine's firewall */
	long long		 pending25_ms;	/* refusals alone made the count: the
						 * warning waits from then (0: none) */
	bool			 warned25;
	bool			 warned_proxy;	/* said once that the proxy failed */
	bool			 paused, input_done, stopping, failed;
	struct event		*read_ev, *tick_ev, *sig_int, *sig_term;
	unsigned		 signals;
	sigset_t		 sigmask;	/* before SIGINT/SIGTERM were held */
};

/* verify_sched.c */
/* Pass 2: one input row; its addresses outside this shard are skipped. */
void	vsched_row(struct vrun *, const struct listin_row *);
/* The input is read: cut every partial batch into a chunk. */
void	vsched_input_done(struct vrun *);
/* Stop starting work, abort jobs politely; rows not finished are dropped. */
void	vsched_stop(struct vrun *);
/* True when nothing is left to do (or, when stopping, nothing running). */
bool	vsched_idle(const struct vrun *);
/* The addresses waiting for a retry: how many, when the next and the last
 * retry come, when the last one is given up (for progress). */
void	vsched_wait(const struct vrun *, struct progress_wait *);
/* The addresses being probed now and what their servers are known to take
 * (for progress's ETA). */
void	vsched_flight(const struct vrun *, struct progress_flight *);
/* The port 25 warning that refusals alone have made waits for a server's
 * answer; say it once its grace has passed (or the run ended: final). */
void	vsched_port25_decide(struct vrun *, bool final);
/* Free every domain and index entry. */
void	vsched_free(struct vrun *);
/*
 * Shared with pass 1 and the CSV: a row's addresses (one invalid part for
 * a row that could not be read); *out owned, free with intake_free.
 */
size_t	vsched_intake(const struct listin_row *, struct intake **out,
	    size_t *dropped);
/* The record key's part of the i-th of n addresses of a cell. */
unsigned long vsched_partno(size_t n, size_t i);
/* True when the address belongs to this run's shard. */
bool	vsched_mine(const struct vrun *, const struct intake *);
/* --resume: the record of (row, part) is written already. */
void	vsched_done_set(struct vrun *, unsigned long row, unsigned long part);
/* A row's bit in a bitmap of rows (run->done, run->dupfirst). */
void	vsched_rowbit_set(unsigned char *map, unsigned long row);
bool	vsched_rowbit(const unsigned char *map, unsigned long row);
struct vdomain *vsched_domain(struct vrun *, const char *name);
/*
 * After --resume read the records written (or none): whether any address
 * is still to be probed.  False: every row left is invalid or repeats a
 * record written, and the run asks DNS nothing.
 */
bool	vsched_needs_dns(const struct vrun *);

/* resume.c: --resume reads the records already written: begin (after
 * pass 1), each record (a jsonl_line_cb, arg the run; -1 when it is not a
 * verify record of this list), end. */
void	verify_resume_begin(struct vrun *);
int	verify_resume_line(void *arg, const char *line, size_t len);
void	verify_resume_end(struct vrun *);
/* A jsonl_line_cb for jsonl_begin: 1 for a record --resume probes again
 * (its line taken out), 0 for one it keeps. */
int	verify_resume_drop(void *arg, const char *line, size_t len);

/* verify.c */
/* A record's reason; REASON_UNKNOWN when it has none. */
enum reason verify_record_reason(const json_t *rec);
/*
 * Doing what ("write", "fsync", "read") to the file named name failed:
 * report once and stop the run (exit 74).
 */
void	verify_fail_io(struct vrun *, const char *what, const char *name);
/* The reader may go on (held rows fell below the window). */
void	verify_read_more(struct vrun *);
/* Check whether the run is over and leave the event loop. */
void	verify_maybe_done(struct vrun *);

#endif
