/*
 * limits.h - every bound on what a remote server can make mxtrace hold.
 * One place, so a reader can see the whole memory budget of a session.
 */
#ifndef MXTRACE_LIMITS_H
#define MXTRACE_LIMITS_H

#define REPLY_LINE_MAX		4096	/* bytes in one reply line, without CRLF */
#define REPLY_LINES_MAX		256	/* lines in one reply */
#define REPLY_BYTES_MAX		65536	/* bytes in one reply, all lines */
#define SMTP_CMD_MAX		512	/* octets in a command line, CRLF included */
#define SESSION_INBUF_MAX	(REPLY_BYTES_MAX + REPLY_LINE_MAX)
#define ENHANCED_MAX		16	/* "5.123.123" plus NUL fits */
#define TRANSCRIPT_TEXT_MAX	REPLY_BYTES_MAX
#define ERROR_TEXT_MAX		512	/* bytes of one error text (xseterror), NUL included */
#define ADDRESS_SHOWN_MAX	320	/* bytes of an address in a trace's first line: a valid one has at most 254 */

/* explain, a delivered message's headers (probe/explain/) */
#define RCVD_VALUE_MAX		8192	/* bytes of one Received:/result header read */
#define RCVD_TOKENS_MAX		96	/* words and comments read from one Received: */
#define PATH_HOPS_MAX		100	/* Received: headers read, newest first */
#define DLV_HEADERS_MAX		2000	/* headers of one message looked at */
#define AUTHRES_RESULTS_MAX	32	/* method results kept from one Authentication-Results */
#define SPAM_RULES_MAX		128	/* rule names kept from one spam filter header */

/*
 * Ranges of the numeric options: the code refuses what is outside (exit
 * 64), --help and docs/mxtrace.1 state them (test_cli_docs checks all
 * three).  RFC 5321 4.5.3.2 lets a server take 5 to 10 minutes per reply.
 */
#define OPT_TIMEOUT_MIN_MS	100			/* --timeout, --deadline */
#define OPT_TIMEOUT_MAX_MS	(10 * 60 * 1000)	/* --timeout: 10m */
#define OPT_DEADLINE_MAX_MS	(60 * 60 * 1000)	/* --deadline: 1h */
#define OPT_COUNT_MAX		100000	/* --jobs, --per-host, --proxy-jobs, --rate, --details */
#define VERIFY_PORT25_GRACE_MS	2000	/* verify's port 25 warning made by refused connects alone waits --timeout, at least this long, for any server of the run to answer on port 25: a refusal comes back in milliseconds, before a live server's first reply, so a list whose first domains are dead would read as a block (probe/verify/sched.c) */
#define OPT_RETRY_MIN_MS	1000			/* --retry-after: 1s */
#define OPT_RETRY_MAX_MS	(60 * 60 * 1000)	/* --retry-after: 1h */
#define OPT_MAX_WAIT_MAX_MS	(24 * 60 * 60 * 1000LL)	/* --max-wait: 24h */

/* DNS answers (dns/answer.c, dns/resolve.c) */
#define DNS_RECORDS_MAX		256	/* records kept from one answer; the rest are counted */
#define DNS_RDATA_MAX		4096	/* bytes kept of one record's data (TXT strings joined) */
#define DNS_CNAME_MAX		8	/* CNAME links followed in one answer */
#define DNS_INFLIGHT_MAX	2048	/* queries one context has sent and not yet had answered */
#define DNS_ALIVE_WAIT_MS	3000	/* the start-up check that the resolver answers at all (dns/alive.c), all its servers at once: a dead one is said this soon, not after libunbound's 17 s of retries per query; a reply counts whenever it comes within it */
#define DNS_ALIVE_TRIES		3	/* questions sent to each server in that check, at even intervals of the wait (0, 1, 2 s), each one's reply awaited to its end: one lost packet does not call a resolver dead */
#define DNS_ALIVE_GRACE_MS	200	/* once one server has answered that check (any reply but REFUSED), how much longer the others have (a dead one beside a live one costs the start-up this, not the whole wait); one slower than that is left out of the run's forwarders (dns/alive.c) */
#define DNS_ALIVE_REFUSED_WAIT_MS 1000	/* once one server has refused that check's question (and none answered it yet), how much longer the others have: a server that refuses everything and replies first must not leave out a real resolver behind a slow link; an answer then cuts the wait to DNS_ALIVE_GRACE_MS (dns/alive.c) */
#define DNS_ALIVE_SERVERS_MAX	16	/* servers of /etc/resolv.conf asked in that check, one socket each (the C library uses 3) */
#define DNS_ALIVE_READS_MAX	64	/* datagrams read from one server's socket before the check looks at the clock again: a flood of wrong replies cannot hold it past its wait */
#define DNS_NS_LINE_MAX		1024	/* bytes kept of one line of /etc/resolv.conf (dns/nameserver.c); the rest of a longer line is skipped */
#define DNS_NS_FILE_MAX		(4 << 20)	/* bytes of /etc/resolv.conf read at most (a few hundred in practice) */
#define DNS_ALIVE_TEXT_MAX	96	/* bytes of a server named in the start-up check's words (--resolver's IPv6%IFNAME@PORT fits) */
#define DNS_NS_TEXT_MAX		64	/* bytes of a resolv.conf server's address kept for the words that it does not answer (cut with "...") */
#define DNS_RTT_SLOW_MS		250	/* a start-up check answered later than this sets libunbound's least resend timeout to 1.5 times its reply time (dns_set_resolver_rtt): below it libunbound's own first timeout, 376 ms, already waits long enough */

/* explain: what one input file can make mxtrace hold (docs/mxtrace.1) */
#define EXPLAIN_STDIN_MAX	(64 * 1024 * 1024)	/* bytes read from stdin */
#define EXPLAIN_PARTS_MAX	1000	/* MIME parts walked per message */
#define EXPLAIN_DEPTH_MAX	32	/* MIME nesting followed */
#define EXPLAIN_TEXT_MAX	(256 * 1024)	/* bytes of one part read for extraction */
#define EXPLAIN_DSN_MAX		(4 * 1024 * 1024)	/* bytes of a delivery-status part read */
#define EXPLAIN_FIELD_MAX	4096	/* bytes kept of one extracted field */
#define EXPLAIN_PASTE_HEAD	65536	/* bytes of pasted text searched for a quoted refusal or words saying delivery failed (explain/read_text.c) */
#define EXPLAIN_FRAGMENT_LINES	6	/* lines (blank ones aside) of pasted text read as a fragment a person copied from a bounce, where a recipient's line or a client's label is a bounce's sign too (explain/read_text.c); longer text needs a code, a DSN field or a notice's words */
#define EXPLAIN_HDRBLOCK_MAX	(256 * 1024)	/* bytes of a message file held at once (explain/hdrstream.c): a header block larger keeps only its Content- fields past that (explain says how many it dropped) */
#define EXPLAIN_QUOTE_MAX	600	/* bytes of a server's words quoted on a terminal */
#define EXPLAIN_QUOTED_LEVELS	8	/* levels of '>' quoting taken off a forwarded text */
#define EXPLAIN_SHOWORIG_LINES	40	/* lines of pasted text read as the summary table Gmail's "Show original" page puts above a message (explain/showorig.c): it has about a dozen */
#define EXPLAIN_CLIENT_BLOCKS_MAX	4	/* a Chinese mail client's quoted header blocks read in one text (explain/original.c): the forward's own, the original's, a forward of a forward */
#define EXPLAIN_ZHDATE_MAX	96	/* bytes of a Chinese mail client's date read (explain/zhdate.c): the longest form it writes is under 50 */
#define EXPLAIN_RCPTS_MAX	1000	/* recipients kept per report */
#define EXPLAIN_ATTACHED_MAX	50	/* messages a forward attaches read per message, those of forwards attached to it included (explain says how many more it left) */
#define EXPLAIN_PROBES_MAX	100	/* recipients probed again per report (--probe): probes sent, a repeat of an address probed above or one that does not parse sends none */
#define EXPLAIN_PROBES_RUN_MAX	1000	/* distinct addresses probed in one run of --probe (cmd/probeonce.c; one that does not parse is never sent and not counted, those held up to as many of their own): a folder of bounces is any number of reports, and each probe is an RCPT at someone's server and a result kept to the end; a mailbox of bounces names far fewer customers */
#define EXPLAIN_FILES_MAX	1000000	/* messages listed in one maildir */
#define EXPLAIN_SUBFOLDERS_SAID	20	/* folders inside a folder given named as not read (the rest counted) */

/* explain: an Outlook .msg (explain/msgfile.c, MS-OXMSG) */
#define MSGFILE_SIZE_MAX	(64 * 1024 * 1024)	/* bytes of a .msg file read */
#define MSGFILE_STREAM_MAX	(4 * 1024 * 1024)	/* bytes read of one property stream (body, headers, an attachment) */
#define MSGFILE_PROPS_MAX	(64 * 1024)	/* bytes of one object's fixed-size property stream read */
#define MSGFILE_RCPTS_MAX	10000	/* recipients read from one message's recipient table (explain keeps EXPLAIN_RCPTS_MAX, counts the rest) */
#define MSGFILE_ATTACH_MAX	64	/* attachments looked at per message */
#define MSGFILE_DEPTH_MAX	4	/* messages attached in messages followed */
#define MSGFILE_OUT_MAX		(32 * 1024 * 1024)	/* bytes of the message made from one .msg */
#define RTF_RAW_MAX		(8 * 1024 * 1024)	/* bytes of RTF decompressed from one PR_RTF_COMPRESSED (explain/rtfcomp.c), whatever its header claims */
#define RTF_TEXT_MAX		(4 * 1024 * 1024)	/* bytes of text or HTML made from one RTF body (explain/rtftext.c) */
#define RTF_DEPTH_MAX		64	/* nested RTF groups followed; deeper ones are skipped whole */
#define RTF_FONTS_MAX		64	/* fonts of an RTF font table whose code page is kept */

/*
 * verify: an Excel workbook (.xlsx, input/xlsx.c).  A workbook comes from
 * strangers: a ZIP bomb declares (or inflates to) gigabytes, a table of
 * shared strings can be made to fill memory.  Excel's own sheet holds at
 * most 1,048,576 rows and 16,384 columns; a cell at most 32,767
 * characters (a row's cells are also bound by LISTIN_RECORD_MAX).  The
 * refusals in input/xlsx.c and docs/mxtrace.1 name these numbers.
 */
#define XLSX_PART_MAX		(512ULL * 1024 * 1024)	/* bytes of one part (a sheet, the shared strings) inflated and read */
#define XLSX_STRINGS_MAX	2000000	/* shared strings kept */
#define XLSX_STRINGS_BYTES_MAX	(128 * 1024 * 1024)	/* bytes of all shared strings kept */
#define XLSX_DEPTH_MAX		64	/* XML elements nested in one part */
#define XLSX_ROWS_MAX		1048576	/* a row's number (Excel's last row) */
#define XLSX_SHEETS_MAX		1024	/* sheets and relationships of a workbook read */
#define XLSX_STYLES_MAX		65536	/* cell formats and number formats read (Excel keeps 64,000) */
#define XLSX_HEADER_ROWS	10	/* rows with cells looked at for the header (titles may sit above it) */

/* mxtrace sender (probe/sender/) */
#define SENDER_IPS_MAX		16	/* sending IPs checked (explicit, SPF, MX) */
#define SENDER_MX_MAX		8	/* MX hosts of the domain whose addresses are read */
#define SENDER_RANGE_ENUM	28	/* SPF ip4 ranges up to this prefix are listed one by one */
#define SENDER_CHECKS_MAX	256	/* findings in one report */
#define SENDER_DKIM_FOLD	2	/* unknown DKIM selectors from this many on are one line */
#define CHECK_DETAIL_MAX	4096	/* bytes of one finding's detail (cut beyond) */
#define SENDER_INFLIGHT		256	/* DNS queries in flight at once (the documented cap) */
#define SENDER_SWEEP_IPS	2	/* sending IPs whose /24 --neighbours sweeps */
#define SENDER_INBOUND_NOTICE_MS 5000	/* sender's inbound check (postmaster@DOMAIN over port 25) still running this long: a person at a terminal is told what it waits for (a filtered port 25 makes each MX wait out --timeout) */
#define SENDER_SWEEP_QPS	100	/* queries a second during a sweep (the lists' fair use) */
#define DNSBL_ANSWERS_MAX	64	/* A records of one blocklist answer read */
#define DNSBL_HITS_MAX		8	/* listing codes kept from one answer, worst first; the rest counted */

/*
 * Rejected commands one session may collect.  Postfix's defaults
 * (smtpd_soft_error_limit 10, smtpd_hard_error_limit 20) delay every reply
 * by 1 s from the 10th error on and end the session at the 20th: stay
 * below both and continue in a fresh session instead.  The count is the
 * session's, not the transaction's: measured on the lab's Postfix 3.7,
 * neither RSET, a new MAIL nor an accepted RCPT lowers it (the reply to
 * the 11th rejected RCPT waited 1 s in each case), so every domain that
 * shares a session shares its budget.
 */
#define SESSION_ERROR_BUDGET	9
/* A reply that came this much later than the one before it, after a
 * rejection: the server tarpits (Postfix's smtpd_error_sleep_time is 1 s). */
#define SESSION_TARPIT_MS	800
/* Fresh sessions to the same address one job may open after budgets,
 * tarpits, "too many errors" or postscreen's "come again". */
#define JOB_RECONNECTS_MAX	64
/*
 * A connect that has waited this long (or a quarter of --timeout, if less)
 * with no answer: the next MX addresses of the plan are checked beside it
 * (engine/lookahead.c), at most JOB_LOOKAHEAD_MAX of them, so that a
 * network that drops port 25 costs one --timeout, not one per address.
 */
#define JOB_LOOKAHEAD_MS	3000
#define JOB_LOOKAHEAD_MAX	8
/*
 * Reuse of a session by the next work for the same MX address (the pool).
 * Exim's smtp_accept_max_nonmail (10) ends a session at its 11th command
 * that is not MAIL/RCPT (EHLO, STARTTLS and RSET count): reuse stops
 * before.  Postfix's client reuses a connection for 300 s at most.
 */
#define SESSION_NONMAIL_MAX	9
#define SESSION_REUSE_AGE_MS	300000
#define SESSION_REUSES_MAX	100
#define POOL_IDLE_MS		3000	/* an idle pooled session is closed after */
/*
 * TLS sessions kept for resumption (net/tlscache.c), one per MX address,
 * port and TLS name: the least recently stored goes when it is full.
 */
#define TLS_RESUME_MAX		256
/*
 * Session uses shared by jobs (engine/batch.c): at most this many jobs
 * (domains) ride one use, chosen among the first BATCH_CANDIDATES_MAX
 * jobs waiting for the same session.
 */
#define BATCH_RIDERS_MAX	64
#define BATCH_CANDIDATES_MAX	256
/* RCPTs per transaction before a host says otherwise (RFC 5321 4.5.3.1.8
 * obliges a server to take 100). */
#define SESSION_RCPTS_PER_TXN	100
/* Bytes of a verify output's FILE.meta read (verify --resume, report): the
 * one mxtrace writes is well under 1 KiB; a larger one is not ours. */
#define META_FILE_MAX		(64 * 1024)
/* Bytes of one text option FILE.meta records (a --ca-file path, --helo):
 * PATH_MAX; a longer one read back is not ours. */
#define META_OPTION_MAX		4096

#endif
