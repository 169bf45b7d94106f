/*
 * cli.h - the options `probe` and `verify` share, parsed in one place, and
 * the engine environment they produce.
 */
#ifndef MXTRACE_CLI_H
#define MXTRACE_CLI_H

#include <getopt.h>
#include <stdio.h>
#include <stdbool.h>

#include "dns/alive.h"
#include "meaning/catalog.h"
#include "engine/job.h"

#define CLI_DEFAULT_TIMEOUT_MS	(20 * 1000)
#define CLI_DEFAULT_DEADLINE_MS	(120 * 1000)
/* Debian's dns-root-data: the DNSSEC trust anchor used by default. */
#define CLI_ROOT_KEY		"/usr/share/dns/root.key"

/* Long-option values of the shared options (short options use letters). */
enum {
	OPT_RESOLVER = 1000, OPT_TIMEOUT, OPT_DEADLINE, OPT_HELO, OPT_MAIL_FROM,
	OPT_PORT, OPT_ALLOW_PRIVATE, OPT_REQUIRE_TLS, OPT_NO_TLS,
	OPT_NO_CATCH_ALL, OPT_LANG, OPT_PROXY, OPT_SOURCE, OPT_TRUST_ANCHOR, OPT_NO_DNSSEC,
	OPT_CA_FILE, OPT_NO_MTA_STS,
	OPT__COMMON_LAST
};

/* Short options of the shared set (-4, -6), for a command's optstring. */
#define CLI_COMMON_SHORTOPTS	"46"

/* getopt_long entries for the shared options; append to a command's own. */
#define CLI_COMMON_LONGOPTS \
	{ "resolver", required_argument, NULL, OPT_RESOLVER }, \
	{ "timeout", required_argument, NULL, OPT_TIMEOUT }, \
	{ "deadline", required_argument, NULL, OPT_DEADLINE }, \
	{ "helo", required_argument, NULL, OPT_HELO }, \
	{ "mail-from", required_argument, NULL, OPT_MAIL_FROM }, \
	{ "port", required_argument, NULL, OPT_PORT }, \
	{ "allow-private", no_argument, NULL, OPT_ALLOW_PRIVATE }, \
	{ "require-tls", no_argument, NULL, OPT_REQUIRE_TLS }, \
	{ "no-tls", no_argument, NULL, OPT_NO_TLS }, \
	{ "no-catch-all-check", no_argument, NULL, OPT_NO_CATCH_ALL }, \
	{ "lang", required_argument, NULL, OPT_LANG }, \
	{ "proxy", required_argument, NULL, OPT_PROXY }, \
	{ "source", required_argument, NULL, OPT_SOURCE }, \
	{ "trust-anchor", required_argument, NULL, OPT_TRUST_ANCHOR }, \
	{ "no-dnssec", no_argument, NULL, OPT_NO_DNSSEC }, \
	{ "ca-file", required_argument, NULL, OPT_CA_FILE }, \
	{ "no-mta-sts", no_argument, NULL, OPT_NO_MTA_STS }

/*
 * --help's last lines: the command's exit codes (base/exitcode.h) in the
 * user's language.  cmd: "probe", "verify", "report", "explain", "sender"
 * or "mxtrace".
 */
void	cli_help_exit(FILE *, enum lang, const char *cmd);
/* After a usage error: where the full list of options and exit codes is. */
void	cli_usage_hint(enum lang, const char *cmd);
/*
 * main() hands over the command line, so an option getopt refuses is named
 * in the user's language (getopt's own messages are turned off).
 */
void	cli_args(int argc, char **argv);
/*
 * The language of a --help: the command line's --lang wherever it stands
 * (after --help too, where getopt has not read it yet), else LANG.
 */
enum lang cli_help_lang(void);
/*
 * The command line's last valid --lang value wherever it stands, NULL when
 * none: an error found in an option before --lang is read (--jobs 0 ...
 * --lang zh) is already in the user's language.  Borrowed from argv.
 */
const char *cli_lang_arg(void);
/*
 * Who speaks in an error: "mxtrace probe: " ("mxtrace probe：" in Chinese)
 * for the command cli_args was given, else "mxtrace: ".  Owned.
 */
char	*cli_who(enum lang);
/*
 * An error or a note from the command, as the shared options' are: fmt in
 * English, formatted, then in the user's language (catalog_tr_text) after
 * cli_who's name, escaped for the terminal, on stderr with a newline.
 */
void	cli_say(enum lang, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/*
 * "mxtrace CMD: unknown option: --x" for getopt's '?', "mxtrace CMD: --x
 * takes no value" for its '?' after "--x=V" of an option without one,
 * "mxtrace CMD: --x needs a value" for its ':' (an optstring starting with
 * ':'); returns -1.
 */
int	cli_option_error(enum lang, int ch);
/*
 * A message for stderr, written with its English format as everywhere and
 * shown in the user's language: the formatted text goes through
 * catalog_tr_text (its arguments translated too when they are messages).
 */
void	cli_msg(enum lang, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/*
 * The bytes cli_msg would write to stderr's descriptor now, *lenp their
 * length: for a message written later by a signal handler, which may not
 * use stdio (base/stopsig.h).  Owned.
 */
char	*cli_msg_bytes(enum lang, size_t *lenp, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/*
 * A message already in the user's language (fmt translated by the
 * caller) on stderr, each line escaped for the terminal: a file name or a
 * word of the user's input cannot move the cursor.
 */
void	cli_msgf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/*
 * t's lines, each escaped for the terminal (esc_terminal), on f.  On a
 * terminal each is wrapped at its width (at most WRAP_COLS), a further
 * line indented two spaces more than the first; elsewhere (a log file, a
 * pipe) each line is kept whole.
 */
void	cli_put_escaped(FILE *, const char *t);
/*
 * Flush standard output at a command's end: -1 after saying so when the
 * output could not be written whole (a full disk, a closed pipe), for exit
 * 74 instead of an answer nobody received.
 */
int	cli_stdout_done(enum lang, const char *cmd);
/*
 * -1 after saying so when "-" stands more than once among args[0..n):
 * standard input is read once, and a second "-" would be read empty
 * (a usage error, exit 64).
 */
int	cli_stdin_once(enum lang, char *const *args, int n);
/*
 * Whether path is one of before[0..n) again, however spelled (a link,
 * "./"), said then ("a.jsonl is ./a.jsonl again: read once"): read twice,
 * its records would be counted twice.  "-" is the file standard input is
 * (fstat), so /dev/stdin, /proc/self/fd/0 or the file it was redirected
 * from is "-" again, and "-" after them too (a second "-" is refused
 * before: cli_stdin_once).
 */
bool	cli_input_repeated(enum lang, char *const *before, int n,
	    const char *path);

/* The values of a command's options given so far, by their longopts index. */
#define CLI_OPTS_MAX	64
struct cli_given {
	const char	*v[CLI_OPTS_MAX];	/* borrowed: argv's */
};
/*
 * Option ch with value arg (getopt_long's) checked against those given
 * before: -1 after saying so when it is one of once (NULL-terminated long
 * names) and was given another value before, else 0.  The options in
 * once name a file or a fact about the input ("--folder spam --folder
 * inbox", "-o a.html -o b.html"): which was meant cannot be known, and
 * one file would silently not be written or read, so a second value is a
 * usage error (exit 64); the same value again is taken once.  Every other
 * option is a setting, and the last value given wins, as a wrapper that
 * sets a default ("--timeout 5s") and lets its caller give another
 * expects.  given starts zeroed.
 */
int	cli_option_once(enum lang, const struct option *longopts, int ch,
	    const char *arg, const char *const *once, struct cli_given *given);
/* A help or usage text in the user's language (catalog_tr). */
void	cli_help_text(FILE *, enum lang, const char *text);

/* Usage text of the shared options, for --help. */
extern const char cli_common_usage[];

struct cli_common {
	const char	*resolver;	/* borrowed from argv */
	long long	 timeout_ms;
	long long	 deadline_ms;
	char		*helo;		/* owned */
	char		*mail_from;	/* owned */
	int		 port;
	bool		 allow_private;
	bool		 require_tls;
	bool		 no_tls;
	bool		 no_catch_all;
	const char	*lang_opt;	/* borrowed */
	enum lang	 lang;
	bool		 has_proxy;
	struct socks5_proxy proxy;	/* owned strings; when has_proxy */
	bool		 has_source;
	struct sockaddr_storage source;	/* when has_source */
	char		 source_text[64];
	int		 family;	/* AF_INET (-4), AF_INET6 (-6), AF_UNSPEC */
	const char	*trust_anchor;	/* borrowed; NULL: CLI_ROOT_KEY when present */
	bool		 no_dnssec;
	const char	*ca_file;	/* borrowed; NULL: the system store only */
	bool		 no_mta_sts;
};

void	cli_common_init(struct cli_common *);
/*
 * Handle one shared option.  Returns 1 when handled, 0 when it is not a
 * shared option, -1 after printing an error (usage error: exit 64).
 */
int	cli_common_opt(struct cli_common *, int opt, const char *arg);
/*
 * Finish defaults (HELO, MAIL FROM, language) and check them together.
 * Warnings for the user go to *warnings.  -1 after printing an error.
 */
int	cli_common_finish(struct cli_common *, struct strlist *warnings);

/* Engine resources made from the options; cli_env_free releases them. */
struct cli_env {
	struct event_base	*base;
	struct dns_ctx		*dns;
	SSL_CTX			*ssl_ctx;
	SSL_CTX			*https_ctx;	/* MTA-STS policy fetches; NULL: off */
	struct policy_cache	*policy_cache;	/* owned */
	char			*anchor_zone;	/* owned; NULL: DNSSEC off */
	bool			 proxy_found;	/* c's proxy has its address */
	int			 fail;		/* the exit code once one failed */
	struct dns_alive	 alive;		/* owned: what the start-up check found */
	unsigned long		 port25_answered;	/* env's count */
	struct probe_env	 env;
};
/*
 * The start-up work that depends only on the options and their files,
 * nothing asked of the network: TLS and --ca-file, the event loop, the DNS
 * context, the trust anchor's file, a --proxy given as an address (and
 * --source's family beside it).  -1 after printing an error; e->fail is
 * then the exit code: 64 for the options' own mistake (a --ca-file or
 * --trust-anchor that holds nothing usable, a --source of the proxy's
 * other family), 70 for what cannot start.  The env borrows c's proxy and
 * source.
 */
int	cli_env_open(struct cli_env *, struct cli_common *);
/*
 * What asks the network, after cli_env_open: the --proxy's name (the
 * system's resolver), the DNSSEC check of the resolver.  -1 after printing
 * an error (e->fail: 70).
 */
int	cli_env_start(struct cli_env *, struct cli_common *);
/* Both, for sender, which does not ask cli_resolver_check. */
int	cli_env_init(struct cli_env *, struct cli_common *);
/*
 * Whether the DNS resolver answers at all (dns/alive.h), asked between
 * cli_env_open and cli_env_start by the commands that need DNS to say
 * anything of an address: probe, verify, explain --probe (not sender,
 * whose checks each say what their own lookups got): a mistake in the
 * options is said first, alone.  -1 after saying it does not (exit 70).
 * Without --resolver, e's DNS forwards only to the servers of
 * /etc/resolv.conf that answered (dns_set_forwarders); the reply's time
 * tunes it to a slow resolver (dns_set_resolver_rtt).
 */
int	cli_resolver_check(struct cli_env *, const struct cli_common *);
/*
 * cli_env_open, cli_resolver_check, cli_env_start in that order, for the
 * commands that need DNS from the start (probe, explain --probe; verify
 * asks the resolver only when rows are left to probe).  -1 after printing
 * an error (e->fail the exit code); the caller frees e either way.
 */
int	cli_env_init_checked(struct cli_env *, struct cli_common *);
void	cli_env_free(struct cli_env *);
void	cli_common_free(struct cli_common *);

#endif
