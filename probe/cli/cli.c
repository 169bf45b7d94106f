/*
 * cli.c - options shared by `probe` and `verify`: parsing, defaults, and
 * building the engine environment (event base, DNS, TLS context).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <getopt.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include "input/address.h"
#include "base/exitcode.h"
#include "base/limits.h"
#include "base/escape.h"
#include "base/syserr.h"
#include "base/termcs.h"
#include "base/wrap.h"
#include "cli/cli.h"
#include "dns/alive.h"
#include "dns/anchor.h"
#include "dns/dns.h"
#include "engine/policy.h"
#include "net/tls.h"

const char cli_common_usage[] =
"  --resolver IP[%IF][@PORT]\n"
"                         send all DNS queries to this server (default:\n"
"                         /etc/resolv.conf; %IF: a link-local one's interface)\n"
"  --timeout DURATION     limit for each step: DNS, connect, each reply\n"
"                         (100ms to 10m, default 20s)\n"
"  --deadline DURATION    limit for the whole probe of a domain\n"
"                         (100ms to 1h, default 2m)\n"
"  --helo NAME            name sent in EHLO/HELO (default: this host's name)\n"
"  --mail-from ADDR       envelope sender (default: postmaster@HELO name;\n"
"                         \"\" for <>)\n"
"  --port N               connect to port N (1 to 65535) instead of 25\n"
"  --allow-private        contact MX hosts with loopback/private addresses\n"
"  --require-tls          fail (tls_failed) when STARTTLS is missing or fails\n"
"  --no-tls               never use STARTTLS\n"
"  --no-catch-all-check   do not test a random local part at the domain\n"
"  --lang en|zh           language of explanations (default: from LANG)\n"
"  --proxy socks5://[USER:PASS@]HOST[:PORT]\n"
"                         reach port 25 through a SOCKS5 proxy on a server that\n"
"                         may send mail (port 1080 when left out; DNS stays\n"
"                         here; MXTRACE_PROXY works too)\n"
"  --source IP            connect from this local address\n"
"  --trust-anchor FILE    DNSSEC trust anchor (default: $MXTRACE_TRUST_ANCHOR,\n"
"                         else " CLI_ROOT_KEY ")\n"
"  --no-dnssec            do not validate DNS answers (no DANE then)\n"
"  --ca-file FILE         also trust these CA certificates (PEM), for MX\n"
"                         certificates and MTA-STS policy servers\n"
"  --no-mta-sts           do not look up MTA-STS and TLS-RPT\n"
"  -4, -6                 use only IPv4 or only IPv6 addresses of the MX hosts\n"
"  DURATION is a number with ms, s, m or h (30s, 2m); a bare number is seconds.\n";

void
cli_common_init(struct cli_common *c)
{
	memset(c, 0, sizeof(*c));
	c->timeout_ms = CLI_DEFAULT_TIMEOUT_MS;
	c->deadline_ms = CLI_DEFAULT_DEADLINE_MS;
	c->port = 25;
	c->family = AF_UNSPEC;
	c->lang_opt = cli_lang_arg();	/* for errors before --lang is read */
}

void
cli_common_free(struct cli_common *c)
{
	free(c->helo);
	free(c->mail_from);
	c->helo = c->mail_from = NULL;
	socks5_proxy_free(&c->proxy);
	c->has_proxy = false;
}

/* The command line, to name an option getopt refused (cli_args). */
static char **cli_argv;
static int cli_argc;

static const char *const cli_commands[] = {
	"probe", "verify", "report", "explain", "sender",
};

char *
cli_who(enum lang lang)
{
	size_t i;

	for (i = 0; cli_argv != NULL && cli_argc > 0 &&
	    i < sizeof(cli_commands) / sizeof(cli_commands[0]); i++)
		if (strcmp(cli_argv[0], cli_commands[i]) == 0)
			return xasprintf("mxtrace %s%s", cli_commands[i],
			    catalog_label(lang, "p.colon"));
	return xasprintf("mxtrace%s", catalog_label(lang, "p.colon"));
}

void
cli_say(enum lang lang, const char *fmt, ...)
{
	va_list ap;
	char *s, *t, *who = cli_who(lang);

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	t = catalog_tr_text(lang, s);
	cli_msgf("%s%s\n", who, t);
	free(t);
	free(s);
	free(who);
}

static int
usage_error(const struct cli_common *c, const char *fmt, const char *arg)
{
	enum lang lang = lang_pick(c->lang_opt);
	char *targ = catalog_tr_text(lang, arg);
	char *s = xasprintf(catalog_tr(lang, fmt), targ);
	char *who = cli_who(lang);

	cli_msgf("%s%s\n", who, s);
	free(who);
	free(s);
	free(targ);
	return -1;
}

/*
 * access() says yes to a folder given for a file option; without this
 * check the run would start, then fail (exit 70) with the TLS or DNS
 * library's words about the folder's content.
 */
static bool
cli_is_folder(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

void
cli_args(int argc, char **argv)
{
	cli_argc = argc;
	cli_argv = argv;
	opterr = 0;	/* getopt's own message would be in English */
}

const char *
cli_lang_arg(void)
{
	const char *v = NULL, *a;
	int i;

	for (i = 1; i < cli_argc && cli_argv != NULL; i++) {
		if (strcmp(cli_argv[i], "--") == 0)
			break;
		a = NULL;
		if (strcmp(cli_argv[i], "--lang") == 0 && i + 1 < cli_argc)
			a = cli_argv[++i];
		else if (strncmp(cli_argv[i], "--lang=", 7) == 0)
			a = cli_argv[i] + 7;
		if (a != NULL && lang_from_name(a) >= 0)
			v = a;
	}
	return v;
}

enum lang
cli_help_lang(void)
{
	return lang_pick(cli_lang_arg());
}

/*
 * The command line's word getopt stopped at when it names a file: a file
 * named "-bounce.eml" reads as the options -b, -o, ... (optind is past
 * the word at its last letter, still at it before).  NULL when none, or
 * when the command takes no FILE (probe, sender: addresses, a domain).
 */
static const char *
cli_dash_file(void)
{
	static const char *const takes_files[] = { "explain", "report",
	    "verify" };
	struct stat st;
	size_t k;
	int i;

	for (k = 0; cli_argv != NULL && cli_argc > 0 &&
	    k < sizeof(takes_files) / sizeof(takes_files[0]); k++)
		if (strcmp(cli_argv[0], takes_files[k]) == 0)
			break;
	if (cli_argv == NULL || cli_argc == 0 ||
	    k == sizeof(takes_files) / sizeof(takes_files[0]))
		return NULL;
	for (i = optind - 1; i <= optind; i++)
		if (i > 0 && i < cli_argc && cli_argv[i][0] == '-' &&
		    cli_argv[i][1] != '\0' && stat(cli_argv[i], &st) == 0)
			return cli_argv[i];
	return NULL;
}

int
cli_option_error(enum lang lang, int ch)
{
	const char *arg = "?", *eq, *file;
	char shortopt[3] = { '-', (char)optopt, '\0' }, *name = NULL, *s, *who;

	if (optind > 0 && optind <= cli_argc && cli_argv != NULL)
		arg = cli_argv[optind - 1];
	if (optopt > ' ' && optopt < 127 && strncmp(arg, "--", 2) != 0)
		arg = shortopt;
	/*
	 * getopt_long's '?' with optopt set for "--json=1": a known option
	 * that takes no value was given one, which is no unknown option.
	 */
	if (ch == '?' && optopt != 0 && strncmp(arg, "--", 2) == 0 &&
	    (eq = strchr(arg, '=')) != NULL) {
		name = xstrndup(arg, (size_t)(eq - arg));
		s = xasprintf(catalog_tr(lang, "%s takes no value"), name);
	} else if (ch == '?' && (file = cli_dash_file()) != NULL)
		s = xasprintf(catalog_tr(lang, "unknown option: %s (for the file "
		    "%s, write ./%s)"), arg, file, file);
	else
		s = xasprintf(catalog_tr(lang, ch == ':' ? "%s needs a value" :
		    "unknown option: %s"), arg);
	free(name);
	who = cli_who(lang);
	cli_msgf("%s%s\n", who, s);
	free(who);
	free(s);
	return -1;
}

int
cli_stdin_once(enum lang lang, char *const *args, int n)
{
	int i, seen = 0;

	for (i = 0; i < n; i++)
		if (strcmp(args[i], "-") == 0 && seen++ > 0) {
			cli_say(lang, "- (%s) is given more than once: it "
			    "can be read only once", STDIN_NAME);
			return -1;
		}
	return 0;
}

/* The file an input names: standard input's own for "-". */
static int
input_stat(const char *path, struct stat *st)
{
	return strcmp(path, "-") == 0 ? fstat(STDIN_FILENO, st) :
	    stat(path, st);
}

bool
cli_input_repeated(enum lang lang, char *const *before, int n,
    const char *path)
{
	struct stat st, b;
	int i;

	if (input_stat(path, &st) != 0)
		return false;
	for (i = 0; i < n; i++)
		if (input_stat(before[i], &b) == 0 && b.st_dev == st.st_dev &&
		    b.st_ino == st.st_ino) {
			cli_say(lang, "%s is %s again: read once",
			    input_name(path), input_name(before[i]));
			return true;
		}
	return false;
}

int
cli_option_once(enum lang lang, const struct option *longopts, int ch,
    const char *arg, const char *const *once, struct cli_given *given)
{
	size_t i, k;

	for (i = 0; longopts[i].name != NULL; i++)
		if (longopts[i].val == ch &&
		    longopts[i].has_arg == required_argument)
			break;
	if (longopts[i].name == NULL || arg == NULL)
		return 0;
	for (k = 0; once[k] != NULL; k++)
		if (strcmp(once[k], longopts[i].name) == 0)
			break;
	if (once[k] == NULL)
		return 0;
	if (i >= CLI_OPTS_MAX)
		fatalx("%s: --%s is past the %d options kept", __func__,
		    longopts[i].name, CLI_OPTS_MAX);
	if (given->v[i] != NULL && strcmp(given->v[i], arg) != 0) {
		cli_say(lang, "--%s is given twice, as '%s' and as '%s': give "
		    "it once", longopts[i].name, given->v[i], arg);
		return -1;
	}
	given->v[i] = arg;
	return 0;
}

/* "mxtrace CMD: WHAT: ERR" for a resource that cannot start; frees err. */
static int
env_error(const struct cli_common *c, const char *what, char *err)
{
	char *t = catalog_tr_text(c->lang, err ? err : "cannot start");
	char *who = cli_who(c->lang);

	cli_msgf("%s%s%s%s\n", who, what, catalog_label(c->lang, "p.colon"), t);
	free(who);
	free(t);
	free(err);
	return -1;
}

/* A numeric IPv4 or IPv6 address (port 0) into ss; false if it is not one. */
static bool
cli_parse_ip(const char *text, struct sockaddr_storage *ss)
{
	struct sockaddr_in *a4 = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)ss;

	memset(ss, 0, sizeof(*ss));
	if (inet_pton(AF_INET, text, &a4->sin_addr) == 1) {
		a4->sin_family = AF_INET;
		return true;
	}
	if (inet_pton(AF_INET6, text, &a6->sin6_addr) == 1) {
		a6->sin6_family = AF_INET6;
		return true;
	}
	return false;
}

/*
 * Why: an address this machine does not have fails every connect with
 * EADDRNOTAVAIL, and a run would end "unreachable" for every recipient,
 * their servers blamed for a typo in --source.  A bind to port 0 asks the
 * kernel without sending anything; other errors are left to the connect.
 */
static bool
cli_source_missing(const struct sockaddr_storage *ss)
{
	socklen_t len = ss->ss_family == AF_INET ?
	    sizeof(struct sockaddr_in) : sizeof(struct sockaddr_in6);
	bool missing;
	int fd;

	if ((fd = socket(ss->ss_family, SOCK_STREAM, 0)) < 0)
		return false;
	missing = bind(fd, (const struct sockaddr *)ss, len) < 0 &&
	    errno == EADDRNOTAVAIL;
	close(fd);
	return missing;
}

/* --proxy: the URL is never echoed back, it may hold a password. */
static int
cli_proxy(struct cli_common *c, const char *url)
{
	const char *err;

	socks5_proxy_free(&c->proxy);
	c->has_proxy = false;
	if (socks5_proxy_parse(url, &c->proxy, &err) < 0)
		return usage_error(c, "%s", err);
	c->has_proxy = true;
	return 1;
}

int
cli_common_opt(struct cli_common *c, int opt, const char *arg)
{
	long v;
	char *end;

	switch (opt) {
	case '?':
	case ':':
		return cli_option_error(lang_pick(c->lang_opt), opt);
	case OPT_RESOLVER:
		if (!dns_resolver_valid(arg))
			return usage_error(c, "--resolver wants IP or IP@PORT, "
			    "a link-local IPv6 address with an interface of "
			    "this machine (fe80::1%%eth0), not '%s'", arg);
		c->resolver = arg;
		return 1;
	case OPT_TIMEOUT:
		if (parse_duration(arg, &c->timeout_ms) < 0 ||
		    c->timeout_ms < OPT_TIMEOUT_MIN_MS ||
		    c->timeout_ms > OPT_TIMEOUT_MAX_MS)
			return usage_error(c, "--timeout wants a duration from 100ms to 10m, like 30s or 2m, not '%s'", arg);
		return 1;
	case OPT_DEADLINE:
		if (parse_duration(arg, &c->deadline_ms) < 0 ||
		    c->deadline_ms < OPT_TIMEOUT_MIN_MS ||
		    c->deadline_ms > OPT_DEADLINE_MAX_MS)
			return usage_error(c, "--deadline wants a duration from 100ms to 1h, like 2m, not '%s'", arg);
		return 1;
	case OPT_HELO:
		free(c->helo);
		c->helo = xstrdup(arg);
		return 1;
	case OPT_MAIL_FROM:
		free(c->mail_from);
		c->mail_from = xstrdup(arg);
		return 1;
	case OPT_PORT:
		v = strtol(arg, &end, 10);
		if (*arg == '\0' || *end != '\0' || v < 1 || v > 65535)
			return usage_error(c, "--port wants a number from 1 to 65535, not '%s'", arg);
		c->port = (int)v;
		return 1;
	case OPT_ALLOW_PRIVATE:
		c->allow_private = true;
		return 1;
	case OPT_REQUIRE_TLS:
		c->require_tls = true;
		return 1;
	case OPT_NO_TLS:
		c->no_tls = true;
		return 1;
	case OPT_NO_CATCH_ALL:
		c->no_catch_all = true;
		return 1;
	case OPT_LANG:
		if (lang_from_name(arg) < 0)
			return usage_error(c, "--lang wants en or zh, not '%s'", arg);
		c->lang_opt = arg;
		return 1;
	case OPT_PROXY:
		return cli_proxy(c, arg);
	case OPT_TRUST_ANCHOR:
		if (access(arg, R_OK) != 0)
			return usage_error(c, "--trust-anchor: cannot read '%s'", arg);
		if (cli_is_folder(arg))
			return usage_error(c, "--trust-anchor: '%s' is a folder, "
			    "not a file", arg);
		c->trust_anchor = arg;
		return 1;
	case OPT_NO_DNSSEC:
		c->no_dnssec = true;
		return 1;
	case OPT_CA_FILE:
		if (access(arg, R_OK) != 0)
			return usage_error(c, "--ca-file: cannot read '%s'", arg);
		if (cli_is_folder(arg))
			return usage_error(c, "--ca-file: '%s' is a folder, not a "
			    "file", arg);
		c->ca_file = arg;
		return 1;
	case OPT_NO_MTA_STS:
		c->no_mta_sts = true;
		return 1;
	case OPT_SOURCE:
		if (!cli_parse_ip(arg, &c->source))
			return usage_error(c, "--source wants a local IPv4 or IPv6 "
			    "address, not '%s'", arg);
		if (cli_source_missing(&c->source))
			return usage_error(c, "--source %s is not an address of "
			    "this machine", arg);
		snprintf(c->source_text, sizeof(c->source_text), "%s", arg);
		c->has_source = true;
		return 1;
	case '4':
	case '6':
		if (c->family != AF_UNSPEC &&
		    c->family != (opt == '4' ? AF_INET : AF_INET6))
			return usage_error(c, "%s", "-4 and -6 contradict each other");
		c->family = opt == '4' ? AF_INET : AF_INET6;
		return 1;
	}
	return 0;
}

/* A HELO name must be a FQDN of our own: letters, digits, hyphens, dots. */
static bool
helo_valid(const char *h)
{
	size_t n = strlen(h);
	const char *p;

	if (n == 0 || n > 253)
		return false;
	for (p = h; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '.'))
			return false;
	return true;
}

/* Names (and their hosts, as smtp.exmail.qq.com) that are not the user's:
 * the big providers here and abroad. */
static const char *const borrowed_helos[] = {
	"gmail.com", "google.com", "yahoo.com", "outlook.com", "hotmail.com",
	"microsoft.com", "qq.com", "foxmail.com", "163.com", "126.com",
	"yeah.net", "netease.com", "sina.com", "sina.cn", "sohu.com",
	"aliyun.com", "139.com", "localhost", "localhost.localdomain", NULL,
};

/* The HELO name is one of borrowed_helos or a host under one. */
static bool
helo_borrowed(const char *helo)
{
	size_t i, n, m = strlen(helo);

	for (i = 0; borrowed_helos[i] != NULL; i++) {
		n = strlen(borrowed_helos[i]);
		if (strcasecmp(helo, borrowed_helos[i]) == 0 || (m > n &&
		    helo[m - n - 1] == '.' &&
		    strcasecmp(helo + m - n, borrowed_helos[i]) == 0))
			return true;
	}
	return false;
}

int
cli_common_finish(struct cli_common *c, struct strlist *warnings)
{
	char host[256];

	if (c->require_tls && c->no_tls)
		return usage_error(c, "%s", "--require-tls and --no-tls contradict each other");
	if (!c->has_proxy && getenv("MXTRACE_PROXY") != NULL &&
	    getenv("MXTRACE_PROXY")[0] != '\0' &&
	    cli_proxy(c, getenv("MXTRACE_PROXY")) < 0)
		return usage_error(c, "%s", "(the proxy came from MXTRACE_PROXY)");
	if (c->trust_anchor == NULL && getenv("MXTRACE_TRUST_ANCHOR") != NULL &&
	    getenv("MXTRACE_TRUST_ANCHOR")[0] != '\0')
		c->trust_anchor = getenv("MXTRACE_TRUST_ANCHOR");
	if (c->has_source && c->family != AF_UNSPEC && !c->has_proxy &&
	    c->source.ss_family != c->family)
		return usage_error(c, "%s", "--source is of the other address "
		    "family than -4/-6");
	/* Without a proxy the source address decides the MX family too. */
	if (c->has_source && !c->has_proxy)
		c->family = c->source.ss_family;
	if (c->helo == NULL) {
		if (gethostname(host, sizeof(host)) != 0 || host[0] == '\0')
			snprintf(host, sizeof(host), "localhost");
		host[sizeof(host) - 1] = '\0';
		c->helo = xstrdup(host);
		if (strchr(host, '.') == NULL)
			strlist_addf(warnings, "HELO name '%s' (this host's name) is "
			    "not a fully qualified domain name: many servers "
			    "distrust or blocklist such names; set --helo to the "
			    "FQDN whose PTR record points at this host", host);
	}
	if (!helo_valid(c->helo))
		return usage_error(c, "--helo '%s' is not a host name", c->helo);
	if (helo_borrowed(c->helo))
		strlist_addf(warnings, "HELO name '%s' is not yours: "
		    "servers see a forged identity and may blocklist "
		    "this IP", c->helo);
	if (c->mail_from == NULL)
		c->mail_from = xasprintf("postmaster@%s", c->helo);
	if (c->mail_from[0] != '\0') {
		struct address a;
		const char *err;

		if (address_parse(c->mail_from, strlen(c->mail_from), &a, &err) < 0)
			return usage_error(c, "--mail-from: %s", err);
		free(c->mail_from);
		c->mail_from = xstrdup(a.path);
		address_free(&a);
	}
	c->lang = lang_pick(c->lang_opt);
	return 0;
}

/*
 * The trust anchor's file, read before anything is asked: an anchor that
 * cannot be used is the user's file, said before the resolver is judged.
 */
static int
cli_anchor_open(struct cli_env *e, const struct cli_common *c)
{
	const char *file = c->trust_anchor ? c->trust_anchor : CLI_ROOT_KEY;
	char *err = NULL;

	if (dns_set_trust_anchor(e->dns, file, &err) == 0 &&
	    (e->anchor_zone = dns_anchor_zone(file)) != NULL)
		return 0;
	/* the system's own anchor unusable is not the options' mistake */
	if (c->trust_anchor != NULL)
		e->fail = MX_EXIT_USAGE;
	return env_error(c, "DNSSEC", err != NULL ? err : xasprintf("no DS or "
	    "DNSKEY record in the trust anchor %s", file));
}

/*
 * e's DNS made to what the start-up check found (nothing, when it was not
 * made): it forwards to the servers of /etc/resolv.conf that answered
 * alone, tuned to their reply time.
 */
static int
cli_dns_tune(struct cli_env *e, const struct cli_common *c)
{
	char *err = NULL;

	if ((e->alive.nanswered > 0 && dns_set_forwarders(e->dns,
	    e->alive.answered, e->alive.nanswered, &err) < 0) ||
	    dns_set_resolver_rtt(e->dns, e->alive.reply_ms, &err) < 0)
		return env_error(c, "DNS", err);
	return 0;
}

/*
 * Validate from the trust anchor only when the resolver can deliver what
 * validation needs: one that strips DNSSEC data (common in offices and
 * ISPs) would make every answer bogus.  Then DNSSEC is not checked, said
 * once, and everything else goes on.
 */
static int
cli_dnssec_init(struct cli_env *e, const struct cli_common *c)
{
	char *err = NULL;

	if (!dns_anchor_works(e->dns, e->anchor_zone, &err)) {
		cli_say(c->lang, "DNSSEC not checked: the resolver gives "
		    "no validated answer (%s); use a validating resolver, or "
		    "--no-dnssec to silence this", err);
		free(err);
		dns_free(e->dns);
		e->env.dns = e->dns = dns_new(e->base, c->resolver,
		    c->timeout_ms, &err);
		if (e->dns == NULL)
			return env_error(c, "DNS", err);
		return cli_dns_tune(e, c);
	}
	return 0;
}

/*
 * The servers asked, "A, B (why), C", each one's reason in the user's
 * words: the list whole is one argument to the catalogue, which would
 * translate only its last reason, so each server is said on its own.
 */
static char *
cli_servers_said(enum lang lang, const struct dns_alive *a)
{
	char *out = xstrdup(""), *item, *said, *s;
	size_t i;

	for (i = 0; i < a->nasked; i++) {
		item = a->asked[i].why == NULL ? xstrdup(a->asked[i].text) :
		    xasprintf("%s (%s)", a->asked[i].text, a->asked[i].why);
		said = catalog_tr_text(lang, item);
		s = xasprintf("%s%s%s", out, i > 0 ? ", " : "", said);
		free(out);
		free(said);
		free(item);
		out = s;
	}
	return out;
}

/*
 * Why: with a resolver that never answers, every address would wait for
 * libunbound's retries and end in dns_error, the addresses blamed for this
 * machine's network; the wait is the check's own short one, or --timeout.
 */
int
cli_resolver_check(struct cli_env *e, const struct cli_common *c)
{
	long long wait = c->timeout_ms < DNS_ALIVE_WAIT_MS ? c->timeout_ms :
	    DNS_ALIVE_WAIT_MS;
	char *said;

	/* the servers that did not answer are left out without a word:
	 * mxtrace has no verbose switch to say it under */
	dns_alive_free(&e->alive);
	if (!dns_resolver_silent(c->resolver, wait, &e->alive))
		return cli_dns_tune(e, c);
	said = cli_servers_said(c->lang, &e->alive);
	if (c->resolver != NULL)
		cli_say(c->lang, "the DNS resolver %s does not answer: check "
		    "this machine's network, or give a resolver that answers "
		    "with --resolver", said);
	else
		cli_say(c->lang, "no DNS resolver of /etc/resolv.conf (%s) "
		    "answers: check this machine's network and "
		    "/etc/resolv.conf, or give a resolver that answers with "
		    "--resolver", said);
	free(said);
	return -1;
}

/* The proxy's address (its name looked up), and --source's family beside it. */
static int
cli_proxy_find(struct cli_env *e, struct cli_common *c)
{
	char *err = NULL;

	if (socks5_proxy_resolve(&c->proxy, &err) < 0)
		return env_error(c, "--proxy", err);
	if (c->has_source && c->source.ss_family != c->proxy.ss.ss_family) {
		cli_say(c->lang, "--source and the proxy %s are of different "
		    "address families", c->proxy.shown);
		e->fail = MX_EXIT_USAGE;
		return -1;
	}
	e->proxy_found = true;
	return 0;
}

int
cli_env_open(struct cli_env *e, struct cli_common *c)
{
	struct sockaddr_storage literal;
	char *err = NULL;

	memset(e, 0, sizeof(*e));
	e->fail = MX_EXIT_SOFTWARE;
	e->alive.reply_ms = -1;
	/* a proxy given as an address is found without DNS: with --source
	 * of the other family it is the options' own mistake */
	if (c->has_proxy && cli_parse_ip(c->proxy.host, &literal) &&
	    cli_proxy_find(e, c) < 0)
		return -1;
	/* a --ca-file that cannot be used is said alone, before the
	 * resolver is asked and before the DNSSEC check's warning */
	e->ssl_ctx = tls_ctx_new(&err);
	if (e->ssl_ctx == NULL) {
		return env_error(c, "TLS", err);
	}
	if (c->ca_file != NULL &&
	    tls_ctx_add_ca(e->ssl_ctx, c->ca_file, &err) < 0) {
		e->fail = MX_EXIT_USAGE;
		return env_error(c, "--ca-file", err);
	}
	if (!c->no_mta_sts &&
	    (e->https_ctx = tls_https_ctx_new(e->ssl_ctx, &err)) == NULL)
		return env_error(c, "TLS", err);
	e->base = event_base_new();
	if (e->base == NULL) {
		cli_say(c->lang, "cannot create the event loop");
		return -1;
	}
	e->dns = dns_new(e->base, c->resolver, c->timeout_ms, &err);
	if (e->dns == NULL) {
		return env_error(c, "DNS", err);
	}
	if (!c->no_dnssec && (c->trust_anchor != NULL ||
	    access(CLI_ROOT_KEY, R_OK) == 0) &&
	    cli_anchor_open(e, c) < 0)
		return -1;
	e->env.https_ctx = e->https_ctx;
	if (e->https_ctx != NULL)
		e->env.policy_cache = e->policy_cache = policy_cache_new();
	e->env.base = e->base;
	e->env.dns = e->dns;
	e->env.session.helo = c->helo;
	e->env.session.mail_from = c->mail_from;
	e->env.session.port = c->port;
	e->env.session.stage_timeout_ms = c->timeout_ms;
	e->env.session.deadline_ms = c->deadline_ms;
	e->env.session.starttls = !c->no_tls;
	e->env.session.require_tls = c->require_tls;
	e->env.session.rcpt_batch = SESSION_RCPTS_PER_TXN;
	e->env.session.error_budget = SESSION_ERROR_BUDGET;
	e->env.session.ssl_ctx = e->ssl_ctx;
	if (c->has_proxy)
		e->env.session.proxy = &c->proxy;
	e->env.session.source = c->has_source ? &c->source : NULL;
	e->env.family = c->family;
	e->env.allow_private = c->allow_private;
	e->env.catch_all_check = !c->no_catch_all;
	e->env.job_deadline_ms = c->deadline_ms;
	e->env.port25_answered = &e->port25_answered;
	return 0;
}

int
cli_env_start(struct cli_env *e, struct cli_common *c)
{
	/* the proxy's name, asked of the system's resolver, is looked up
	 * before the DNSSEC check: one not found is said alone */
	if (c->has_proxy && !e->proxy_found && cli_proxy_find(e, c) < 0)
		return -1;
	if (e->anchor_zone != NULL && cli_dnssec_init(e, c) < 0)
		return -1;
	return 0;
}

int
cli_env_init(struct cli_env *e, struct cli_common *c)
{
	if (cli_env_open(e, c) < 0)
		return -1;
	return cli_env_start(e, c);
}

int
cli_env_init_checked(struct cli_env *e, struct cli_common *c)
{
	if (cli_env_open(e, c) < 0 || cli_resolver_check(e, c) < 0)
		return -1;
	return cli_env_start(e, c);
}

void
cli_env_free(struct cli_env *e)
{
	if (e->dns)
		dns_free(e->dns);
	if (e->ssl_ctx)
		SSL_CTX_free(e->ssl_ctx);
	if (e->https_ctx)
		SSL_CTX_free(e->https_ctx);
	policy_cache_free(e->policy_cache);
	if (e->base)
		event_base_free(e->base);
	free(e->anchor_zone);
	dns_alive_free(&e->alive);
	memset(e, 0, sizeof(*e));
}

void
cli_help_exit(FILE *f, enum lang lang, const char *cmd)
{
	static const struct {
		const char	*cmd, *key;
		int		 codes[9];
		size_t		 n;
	} tab[] = {
		{ "probe", "help.exit_probe", { MX_EXIT_OK, MX_EXIT_NO,
		    MX_EXIT_UNSURE, MX_EXIT_USAGE, MX_EXIT_SOFTWARE,
		    MX_EXIT_CANTCREAT, MX_EXIT_IOERR }, 7 },
		{ "verify", "help.exit_verify", { MX_EXIT_OK,
		    MX_EXIT_INTERRUPTED, MX_EXIT_USAGE, MX_EXIT_DATAERR,
		    MX_EXIT_NOINPUT, MX_EXIT_SOFTWARE, MX_EXIT_CANTCREAT,
		    MX_EXIT_IOERR }, 8 },
		{ "report", "help.exit_report", { MX_EXIT_OK, MX_EXIT_USAGE,
		    MX_EXIT_DATAERR, MX_EXIT_NOINPUT, MX_EXIT_CANTCREAT,
		    MX_EXIT_IOERR }, 6 },
		{ "explain", "help.exit_explain", { MX_EXIT_OK, MX_EXIT_USAGE,
		    MX_EXIT_DATAERR, MX_EXIT_NOINPUT, MX_EXIT_SOFTWARE,
		    MX_EXIT_IOERR }, 6 },
		{ "sender", "help.exit_sender", { MX_EXIT_OK, MX_EXIT_NO,
		    MX_EXIT_UNSURE, MX_EXIT_USAGE, MX_EXIT_DATAERR,
		    MX_EXIT_NOINPUT, MX_EXIT_SOFTWARE, MX_EXIT_CANTCREAT,
		    MX_EXIT_IOERR }, 9 },
		{ "mxtrace", "help.exit_main", { MX_EXIT_OK, MX_EXIT_USAGE },
		    2 },
	};
	char num[9][8];
	const char *vals[9];
	char *s;
	size_t i, k;

	for (i = 0; i < sizeof(tab) / sizeof(tab[0]); i++) {
		if (strcmp(tab[i].cmd, cmd) != 0)
			continue;
		for (k = 0; k < tab[i].n; k++) {
			snprintf(num[k], sizeof(num[k]), "%d", tab[i].codes[k]);
			vals[k] = num[k];
		}
		s = catalog_fmt(lang, tab[i].key, tab[i].n, vals);
		termcs_text(f);
		fputs(s, f);
		free(s);
		return;
	}
	fatalx("%s: no exit codes for %s", __func__, cmd);
}

void
cli_usage_hint(enum lang lang, const char *cmd)
{
	const char *vals[1] = { cmd };
	char *s = catalog_fmt(lang, "help.try", 1, vals);

	fputs(s, stderr);
	free(s);
}

/* Line by line, so a line added to a --help text needs only its own Chinese. */
void
cli_help_text(FILE *f, enum lang lang, const char *text)
{
	const char *p, *nl;
	char *line;

	termcs_text(f);
	for (p = text; *p != '\0'; p = nl + 1) {
		nl = strchr(p, '\n');
		line = nl ? xstrndup(p, (size_t)(nl - p)) : xstrdup(p);
		fputs(catalog_tr(lang, line), f);
		free(line);
		if (nl == NULL)
			break;
		fputc('\n', f);
	}
}

int
cli_stdout_done(enum lang lang, const char *cmd)
{
	if (fflush(stdout) == 0 && !ferror(stdout))
		return 0;
	cli_msg(lang, "mxtrace %s: cannot write the output: %s\n", cmd,
	    syserr_text(errno ? errno : EIO));
	return -1;
}

/* cli_put_escaped for a terminal of width columns (0: no terminal). */
static void
cli_put_width(FILE *f, const char *t, size_t width)
{
	size_t len;
	const char *nl;
	char *e;

	if (width > WRAP_COLS)
		width = WRAP_COLS;
	for (; *t != '\0'; t = nl + 1) {
		nl = strchr(t, '\n');
		len = nl != NULL ? (size_t)(nl - t) : strlen(t);
		if (width > 0) {
			/* a further line indented two more than the first */
			e = xstrndup(t, len);
			wrap_put_width(f, e, 0, strspn(e, " ") + 2, width);
		} else {
			e = esc_terminal(t, len);
			fputs(e, f);
		}
		free(e);
		if (nl == NULL)
			break;
		fputc('\n', f);
	}
}

void
cli_put_escaped(FILE *f, const char *t)
{
	cli_put_width(f, t, wrap_term_cols(f));
}

void
cli_msgf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	cli_put_escaped(stderr, s);
	free(s);
}

void
cli_msg(enum lang lang, const char *fmt, ...)
{
	va_list ap;
	char *s, *t;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	t = catalog_tr_text(lang, s);
	cli_put_escaped(stderr, t);
	free(t);
	free(s);
}

char *
cli_msg_bytes(enum lang lang, size_t *lenp, const char *fmt, ...)
{
	va_list ap;
	FILE *m;
	char *s, *t, *buf = NULL, *bytes;
	size_t n = 0;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	t = catalog_tr_text(lang, s);
	if ((m = open_memstream(&buf, &n)) == NULL)
		fatalx("%s: open_memstream", __func__);
	cli_put_width(m, t, wrap_term_cols(stderr));
	if (fclose(m) != 0)
		fatalx("%s: fclose", __func__);
	bytes = termcs_bytes(stderr, buf, lenp);
	free(buf);
	free(t);
	free(s);
	return bytes;
}
