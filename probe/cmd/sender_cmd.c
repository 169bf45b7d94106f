/*
 * sender_cmd.c - `mxtrace sender [options] DOMAIN|IP...`: the sender's own
 * side (blocklists of our IPs and their neighbours, SPF, DMARC, DKIM,
 * reverse DNS, whether bounces can come back, the big providers' rules).
 * Parses the options (the shared ones too), reads the blocklist data
 * file, runs every check on one event loop (sender/run.c), prints the
 * checklist or the JSON and exits 0 (nothing failed), 1 (a failure), 2
 * (only warnings or unknowns) or 64 (usage).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <event2/event.h>

#include "base/atomic.h"
#include "base/escape.h"
#include "base/exitcode.h"
#include "base/termcs.h"
#include "base/utf8.h"
#include "cli/cli.h"
#include "dns/resolve.h"
#include "cmd/sender_cmd.h"
#include "cmd/sender_msg.h"
#include "engine/policy.h"
#include "input/address.h"
#include "input/hints.h"
#include "sender/checks.h"
#include "sender/run.h"
#include "sender/sender_out.h"
#include "reports/sndreport.h"

static const char sender_usage[] =
"usage: mxtrace sender [options] DOMAIN|IP...\n"
"Check your own sending set-up: blocklists of the sending IPs and their\n"
"neighbours, SPF, DMARC, DKIM, reverse DNS, whether bounces can come back,\n"
"and the Gmail/Yahoo/Microsoft sender rules. With a DOMAIN its sending IPs\n"
"come from SPF and MX; give the real outbound IP with --ip.\n"
"  --ip IP                a sending IP to check (repeatable; also positional)\n"
"  --dkim-selector NAME   the DKIM selector your mail is signed with (repeatable)\n"
"  --message FILE         a message you sent, as the recipient received it (or a\n"
"                         bounce quoting one): its sending IP, HELO and DKIM\n"
"                         selector are checked; its domain when none is given\n"
"                         (.eml, Outlook .msg or an mbox of it alone)\n"
"  --spamhaus-key KEY     ask Spamhaus through its Data Query Service with KEY\n"
"  --dnsbl-resolver ADDR  ask the blocklists through this resolver (IP[@PORT])\n"
"                         instead of --resolver: lists refuse public resolvers\n"
"  --recursive            resolve the blocklist queries from this machine, from\n"
"                         the root servers (no resolver in between)\n"
"  --dnsbl-list FILE      the blocklists to ask (default: dnsbl.json installed\n"
"                         with mxtrace)\n"
"  --max-dns N            DNS queries in flight at once (1 to 256, default 256)\n"
"  --neighbours           also ask the sweep lists about the other addresses of\n"
"                         the first 2 IPs' /24 (at most 100 queries a second)\n"
"  --no-inbound           do not probe postmaster@DOMAIN over SMTP (port 25\n"
"                         blocked here); its MX records are still checked\n"
"  --json                 one JSON object (docs/json.md) instead of the checklist\n"
"  --html FILE            also write the findings as an HTML page to FILE\n"
"  -h, --help             this text\n"
"  The shared options below apply; --helo NAME also checks that NAME\n"
"  resolves to the sending IP. --timeout bounds each DNS query, --deadline\n"
"  the whole run.\n";

enum { OPT_IP = 2000, OPT_SELECTOR, OPT_SPAMHAUS_KEY, OPT_DNSBL_LIST, OPT_JSON, OPT_MAX_DNS,
    OPT_MESSAGE, OPT_NO_INBOUND, OPT_NEIGHBOURS, OPT_HTML, OPT_DNSBL_RESOLVER, OPT_RECURSIVE };

static int
sender_usage_error(enum lang lang, const char *fmt, const char *arg)
{
	char *msg = xasprintf(catalog_tr(lang, fmt), arg);
	char *line = xasprintf("mxtrace sender%s%s", catalog_label(lang, "p.colon"), msg);

	cli_msgf("%s\n", line);
	free(line);
	free(msg);
	cli_usage_hint(lang, "sender");
	return MX_EXIT_USAGE;
}

/*
 * A domain or an IP copied with what surrounds it: a web address from the
 * browser's bar (https://example.com/, example.com/contact; www.NAME is
 * the site of a company whose mail is @NAME), an IP with its port from a
 * mail program's settings (203.0.113.7:25, [2001:db8::7]:587), an IP in
 * the brackets of a Received: line ([203.0.113.7]).  The
 * sentence saying which part to give, owned; NULL when arg is none of
 * those.
 */
static char *
sender_arg_wrapped(enum lang lang, const char *arg)
{
	struct ipaddr a;
	struct address ad;
	const char *err, *p = NULL, *colon;
	char *part, *path, *msg = NULL;
	size_t n;

	/* with its scheme, or as a browser's bar shows it without one */
	if ((p = strstr(arg, "://")) != NULL)
		p += 3;
	else if (strchr(arg, '/') != NULL &&
	    memchr(arg, '.', strcspn(arg, ":/?#@")) != NULL)
		p = arg;
	if (p != NULL) {
		part = xstrndup(p, strcspn(p, ":/?#@"));
		path = xasprintf("postmaster@%s", part);
		if (part[0] != '\0' &&
		    address_parse(path, strlen(path), &ad, &err) == 0) {
			/* a company's site is www.NAME, its mail @NAME:
			 * one step, not a run that says so next */
			if (!ad.ip_literal && strncasecmp(part, "www.", 4) == 0 &&
			    strchr(part + 4, '.') != NULL)
				msg = xasprintf(catalog_tr(lang, "'%s' is a web address: give "
				    "the mail domain, most likely %s (the name without "
				    "\"www.\")"), arg, part + 4);
			else if (!ad.ip_literal)
				msg = xasprintf(catalog_tr(lang, "'%s' is a web address: give its "
				    "domain alone (%s)"), arg, part);
			address_free(&ad);
		}
		free(path);
		free(part);
		return msg;
	}
	/* as a Received: line writes it: "from mail.example.com ([203.0.113.7])" */
	n = strlen(arg);
	if (n > 2 && arg[0] == '[' && arg[n - 1] == ']') {
		part = xstrndup(arg + 1, n - 2);
		if (ipaddr_parse(part, &a))
			msg = xasprintf(catalog_tr(lang, "'%s' is an IP address in brackets, as "
			    "a Received: line writes it: give the IP alone (%s)"), arg, part);
		free(part);
		return msg;
	}
	if ((colon = strrchr(arg, ':')) == NULL || colon[1] == '\0' ||
	    strspn(colon + 1, "0123456789") != strlen(colon + 1))
		return NULL;
	part = arg[0] == '[' && colon > arg && colon[-1] == ']' ?
	    xstrndup(arg + 1, (size_t)(colon - arg) - 2) :
	    xstrndup(arg, (size_t)(colon - arg));
	if (ipaddr_parse(part, &a))
		msg = xasprintf(catalog_tr(lang, "'%s' is an IP address with a port: give the "
		    "IP alone (%s)"), arg, part);
	free(part);
	return msg;
}

/*
 * arg without the blanks a copy from a web page, a chat or a spreadsheet
 * brings around it (utf8_trim_blanks), cut in place: argv is ours.
 */
static char *
sender_trim(char *arg)
{
	const char *p = arg;
	size_t n = strlen(arg);

	utf8_trim_blanks(&p, &n);
	arg += p - arg;
	arg[n] = '\0';
	return arg;
}

/* A positional argument: an IP, or the one domain (checked, A-label). */
static int
sender_arg(enum lang lang, struct sender_opts *o, const char *arg,
    char **domain)
{
	struct ipaddr a;
	struct address ad;
	const char *err;
	char *path;

	if (ipaddr_parse(arg, &a)) {
		if (o->nips == SENDER_IPS_MAX)
			return sender_usage_error(lang, "at most 16 IPs (%s)", arg);
		o->ips[o->nips++] = arg;
		return 0;
	}
	if (*domain != NULL)
		return sender_usage_error(lang, "one DOMAIN at a time (%s is the second)", arg);
	/* our own address typed where the domain goes: say which domain */
	if (strchr(arg, '@') != NULL &&
	    address_parse(arg, strlen(arg), &ad, &err) == 0) {
		path = ad.ip_literal ? NULL : xasprintf(catalog_tr(lang, "'%s' is an email "
		    "address: give its domain alone (%s)"), arg, ad.domain);
		address_free(&ad);
		if (path != NULL) {
			sender_usage_error(lang, "%s", path);
			free(path);
			return MX_EXIT_USAGE;
		}
	}
	path = xasprintf("postmaster@%s", arg);
	if (address_parse(path, strlen(path), &ad, &err) < 0 || ad.ip_literal) {
		free(path);
		if ((path = sender_arg_wrapped(lang, arg)) != NULL) {
			sender_usage_error(lang, "%s", path);
			free(path);
			return MX_EXIT_USAGE;
		}
		return sender_usage_error(lang, "'%s' is neither an IP address nor a domain name", arg);
	}
	free(path);
	*domain = xstrdup(ad.domain_ascii);
	address_free(&ad);
	return 0;
}

/*
 * The HTML page, written atomically (base/atomic.h): 0, or the exit
 * status, as report's: 73 the page cannot be created, 74 it cannot be
 * written whole (a full disk: atomic_commit names the cause).
 */
static int
sender_write_html(const char *path, const json_t *o, enum lang lang)
{
	struct atomic_file af;
	char *err = NULL;
	FILE *f;
	int rv = MX_EXIT_CANTCREAT;

	if ((f = atomic_open(&af, path, &err)) != NULL) {
		sndreport_page(f, o, lang);
		rv = atomic_commit(&af, &err) == 0 ? 0 : MX_EXIT_IOERR;
	}
	if (rv != 0)
		cli_msg(lang, "mxtrace sender: %s\n", err);
	free(err);
	return rv;
}

/* Where the MTA-STS/TLS-RPT lookup puts what it found. */
struct sender_policy {
	struct tls_policy_rec	*rec;	/* owned once done */
	bool			 done;
};

static void
sender_policy_cb(void *arg, struct tls_policy_rec *rec,
    struct mtasts_policy *sts)
{
	struct sender_policy *sp = arg;

	sp->rec = rec;
	sp->done = true;
	if (sts != NULL) {
		mtasts_policy_free(sts);
		free(sts);
	}
}

static void
inbound_result(void *arg, size_t idx, struct probe_result *r)
{
	(void)arg;
	(void)idx;
	(void)r;
}

static void
inbound_done(void *arg)
{
	*(bool *)arg = true;
}

/* What the notice of a slow inbound check names. */
struct inbound_wait {
	const char	*addr;
	enum lang	 lang;
};

static void
inbound_slow_cb(evutil_socket_t fd, short ev, void *arg)
{
	const struct inbound_wait *w = arg;

	(void)fd;
	(void)ev;
	cli_msg(w->lang, "mxtrace sender: still checking that mail to %s "
	    "arrives, over port 25 (each mail server may take the --timeout; "
	    "--no-inbound skips this check)\n", w->addr);
}

/*
 * Bounces must be able to come back: probe postmaster@DOMAIN through the
 * engine (MX walk, EHLO, MAIL FROM, RCPT TO, never DATA), as `mxtrace
 * probe` would, and keep its verdict for the mx_inbound check.  Where port
 * 25 is filtered each MX host waits out its connect: after
 * SENDER_INBOUND_NOTICE_MS a person at a terminal is told what it waits
 * for, and how to skip it.
 */
static void
sender_inbound(struct cli_env *e, const char *domain, struct sender_report *rep,
    enum lang lang)
{
	struct probe_result r, *rp = &r;
	const char *rcpt;
	char *addr = xasprintf("postmaster@%s", domain), *text, *p, key[64];
	struct inbound_wait w = { addr, lang };
	struct timeval tv = { SENDER_INBOUND_NOTICE_MS / 1000,
	    SENDER_INBOUND_NOTICE_MS % 1000 * 1000 };
	struct event *slow = NULL;
	bool done = false;

	result_init(&r, addr);
	rcpt = addr;
	if (isatty(STDERR_FILENO) &&
	    ((slow = evtimer_new(e->base, inbound_slow_cb, &w)) == NULL ||
	    evtimer_add(slow, &tv) < 0))
		fatalx("%s: evtimer", __func__);
	probe_job_start(&e->env, domain, NULL, &rcpt, &rp, 1, 0, inbound_result,
	    inbound_done, &done);
	while (!done)
		if (event_base_loop(e->base, EVLOOP_ONCE) < 0)
			fatalx("%s: event loop failed", __func__);
	if (slow != NULL)
		event_free(slow);
	rep->inbound_done = true;
	rep->inbound_proxy = e->env.session.proxy != NULL;
	rep->inbound_verdict = (int)r.verdict;
	if (r.has_reply && r.reply.code > 0) {
		/*
		 * every line of the reply: its first alone can stop
		 * mid-sentence
		 */
		text = xstrdup(r.reply.text ? r.reply.text : "");
		for (p = text; (p = strpbrk(p, "\r\n")) != NULL; p++)
			*p = ' ';
		rep->inbound_detail = xasprintf("%s, the server replied %d%s%s",
		    verdict_name(r.verdict), r.reply.code, *text ? " " : "", text);
		free(text);
	} else {
		/*
		 * no reply to quote: the verdict and its reason in words, not
		 * their JSON names
		 */
		snprintf(key, sizeof(key), "report.reason.%s", reason_name(r.reason));
		rep->inbound_detail = xasprintf("%s (%s)",
		    catalog_verdict_label(LANG_EN, r.verdict),
		    catalog_label_or(LANG_EN, key, reason_name(r.reason)));
	}
	result_free(&r);
	free(addr);
}

/*
 * The resolver the blocklists are asked through: --dnsbl-resolver, a
 * recursive one of our own (--recursive; MXTRACE_ROOT_HINTS names other
 * root servers, the lab's), else the one every other query uses.  NULL
 * (said) when it cannot start.
 */
static struct dns_ctx *
sender_dnsbl_dns(struct cli_env *e, const struct cli_common *c,
    const char *resolver, bool recursive)
{
	const char *hints = getenv("MXTRACE_ROOT_HINTS");
	struct dns_ctx *bl;
	char *err = NULL;

	if (resolver == NULL && !recursive)
		return e->dns;
	bl = recursive ? dns_new_recursive(e->base, hints != NULL && hints[0] != '\0' ? hints :
	    NULL, c->timeout_ms, &err) : dns_new(e->base, resolver, c->timeout_ms, &err);
	if (bl == NULL) {
		cli_msg(c->lang, "mxtrace sender: %s\n", err);
		free(err);
	}
	return bl;
}

/*
 * Whether name is under domain (mail.example.com under example.com), case
 * aside.
 */
static bool
sender_under(const char *name, const char *domain)
{
	size_t n = strlen(name), d = strlen(domain);

	return n > d && name[n - d - 1] == '.' &&
	    strcasecmp(name + n - d, domain) == 0;
}

/* The same domain, or one under the other. */
static bool
sender_related(const char *a, const char *b)
{
	return strcasecmp(a, b) == 0 || sender_under(a, b) ||
	    sender_under(b, a);
}

/*
 * A --message sent as another domain than the one given (someone else's
 * message, a bounce quoting one): its IP and HELO are checked for the
 * domain asked, as asked, but the user is told, since a listed IP or a
 * failing SPF of a stranger's mail is not theirs.
 */
static void
sender_msg_other(enum lang lang, const char *path, const struct sender_msg *m,
    const char *domain)
{
	const char *from = m->from_domain[0] ? m->from_domain : m->dkim_domain;

	if (domain == NULL || from[0] == '\0' ||
	    (m->from_domain[0] && sender_related(m->from_domain, domain)) ||
	    (m->dkim_domain[0] && sender_related(m->dkim_domain, domain)))
		return;
	cli_msg(lang, "mxtrace sender: --message %s was sent as %s, not %s: its IP and HELO "
	    "are checked for %s, as asked\n", path, from, domain, domain);
}

/*
 * A --message that is someone's forward quoting our message in its text:
 * its headers are the forwarder's (their hop to us), so nothing of it is
 * checked as ours; said, with what to ask for (true, exit 65).  A forward
 * sent from the domain given is our own mail, and read as it is.
 */
static bool
sender_msg_forwarded(enum lang lang, const char *path, const struct sender_msg *m,
    const char *domain)
{
	if (!m->inline_forward || (domain != NULL && m->from_domain[0] != '\0' &&
	    sender_related(m->from_domain, domain)))
		return false;
	if (m->from_domain[0] != '\0')
		cli_msg(lang, "mxtrace sender: --message %s: a forward from %s that quotes your "
		    "message in its text: its headers are the forward's own, %s's, not your "
		    "message's, so nothing in it is checked: ask them to forward your message "
		    "as an attachment (Gmail and Outlook: Forward as attachment) or to send you "
		    "its full headers (Gmail: Show original; Outlook: View message source), "
		    "or give your sending IP with --ip\n", path, m->from_domain, m->from_domain);
	else
		cli_msg(lang, "mxtrace sender: --message %s: a forward that quotes your message "
		    "in its text: its headers are the forward's own, not your message's, so "
		    "nothing in it is checked: ask them to forward your message as an attachment "
		    "(Gmail and Outlook: Forward as attachment) or to send you its full headers "
		    "(Gmail: Show original; Outlook: View message source), or give your sending "
		    "IP with --ip\n", path);
	return true;
}

int
sender_main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "ip", required_argument, NULL, OPT_IP },
		{ "dkim-selector", required_argument, NULL, OPT_SELECTOR },
		{ "spamhaus-key", required_argument, NULL, OPT_SPAMHAUS_KEY },
		{ "dnsbl-list", required_argument, NULL, OPT_DNSBL_LIST },
		{ "json", no_argument, NULL, OPT_JSON },
		{ "max-dns", required_argument, NULL, OPT_MAX_DNS },
		{ "message", required_argument, NULL, OPT_MESSAGE },
		{ "no-inbound", no_argument, NULL, OPT_NO_INBOUND },
		{ "neighbours", no_argument, NULL, OPT_NEIGHBOURS },
		{ "html", required_argument, NULL, OPT_HTML },
		{ "dnsbl-resolver", required_argument, NULL, OPT_DNSBL_RESOLVER },
		{ "recursive", no_argument, NULL, OPT_RECURSIVE },
		{ "help", no_argument, NULL, 'h' },
		CLI_COMMON_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	/* files: a second one would not be read or written (cli.h) */
	static const char *const once[] = { "message", "html", "dnsbl-list",
	    NULL };
	struct cli_given given = { { NULL } };
	struct sender_opts o;
	struct sender_report rep;
	struct sender_checks cs;
	struct dnsbl_set lists;
	struct provider_set providers;
	struct cli_common c;
	struct cli_env e;
	struct strlist warnings = { 0 };
	const char *list_file = NULL, *helo = NULL, *message = NULL, *html = NULL;
	struct sender_msg msg;
	struct sender_policy pol = { NULL, false };
	char *domain = NULL, *path, *err = NULL;
	bool json = false, helo_opt = false, inbound = true, recursive = false;
	const char *dnsbl_resolver = NULL;
	struct dns_ctx *bl;
	long max_dns = SENDER_INFLIGHT;
	char *end;
	json_t *out;
	size_t i;
	int ch, rv, status;

	memset(&o, 0, sizeof(o));
	cli_common_init(&c);
	optind = 1;
	while ((ch = getopt_long(argc, argv, ":h" CLI_COMMON_SHORTOPTS, longopts, NULL)) != -1) {
		rv = 0;
		if (cli_option_once(lang_pick(c.lang_opt), longopts, ch, optarg,
		    once, &given) < 0) {
			cli_usage_hint(lang_pick(c.lang_opt), "sender");
			cli_common_free(&c);
			free(domain);
			return MX_EXIT_USAGE;
		}
		switch (ch) {
		case OPT_IP:
			optarg = sender_trim(optarg);
			rv = ipaddr_parse(optarg, &(struct ipaddr){ 0 }) ?
			    sender_arg(lang_pick(c.lang_opt), &o, optarg, &domain) :
			    sender_usage_error(lang_pick(c.lang_opt), "--ip %s: not an IP address", optarg);
			break;
		case OPT_SELECTOR:
			if (o.nselectors == DKIM_SELECTORS_MAX / 2 ||
			    optarg[0] == '\0' || strlen(optarg) > 63 ||
			    strchr(optarg, '/') != NULL)
				rv = sender_usage_error(lang_pick(c.lang_opt), "--dkim-selector '%s': a DNS label, at most 16 "
				    "of them", optarg);
			else
				o.selectors[o.nselectors++] = optarg;
			break;
		case OPT_SPAMHAUS_KEY:
			if (optarg[0] == '\0' || strlen(optarg) > 64 ||
			    strchr(optarg, '.') != NULL)
				rv = sender_usage_error(lang_pick(c.lang_opt), "--spamhaus-key '%s': the DQS key is one word",
				    optarg);
			o.spamhaus_key = optarg;
			break;
		case OPT_DNSBL_LIST:
			list_file = optarg;
			break;
		case OPT_JSON:
			json = true;
			break;
		case OPT_MESSAGE:
			message = optarg;
			break;
		case OPT_NO_INBOUND:
			inbound = false;
			break;
		case OPT_NEIGHBOURS:
			o.neighbours = true;
			break;
		case OPT_HTML:
			html = optarg;
			break;
		case OPT_DNSBL_RESOLVER:
			if (!dns_resolver_valid(optarg))
				rv = sender_usage_error(lang_pick(c.lang_opt), "--dnsbl-resolver %s: "
				    "expected IP or IP@PORT (a link-local IPv6 address with "
				    "an interface of this machine: fe80::1%%eth0)", optarg);
			dnsbl_resolver = optarg;
			break;
		case OPT_RECURSIVE:
			recursive = true;
			break;
		case OPT_MAX_DNS:
			max_dns = strtol(optarg, &end, 10);
			if (end == optarg || *end != '\0' || max_dns < 1 ||
			    max_dns > SENDER_INFLIGHT)
				rv = sender_usage_error(lang_pick(c.lang_opt), "--max-dns wants a number from 1 to 256, not '%s'", optarg);
			break;
		case 'h':
			cli_help_text(stdout, cli_help_lang(), sender_usage);
			cli_help_text(stdout, cli_help_lang(),
			    cli_common_usage);
			cli_help_exit(stdout, cli_help_lang(), "sender");
			cli_common_free(&c);
			free(domain);
			return 0;
		default:
			if (ch == OPT_HELO) {
				helo = optarg;
				helo_opt = true;
			}
			if (cli_common_opt(&c, ch, optarg) <= 0) {
				cli_usage_hint(lang_pick(c.lang_opt), "sender");
				rv = MX_EXIT_USAGE;
			}
			break;
		}
		if (rv != 0) {
			cli_common_free(&c);
			free(domain);
			return MX_EXIT_USAGE;
		}
	}
	for (i = (size_t)optind; i < (size_t)argc; i++)
		if (sender_arg(lang_pick(c.lang_opt), &o, sender_trim(argv[i]), &domain) !=
		    0) {
			cli_common_free(&c);
			free(domain);
			return MX_EXIT_USAGE;
		}
	if (message != NULL && *message == '\0') {	/* it would name nothing */
		cli_msg(lang_pick(c.lang_opt), "mxtrace sender: --message: the "
		    "file name is empty: give the message's FILE, or - to read "
		    "standard input\n");
		cli_common_free(&c);
		free(domain);
		return MX_EXIT_NOINPUT;
	}
	if (message != NULL) {
		if ((rv = sender_msg_read(message, &msg, &err)) != 0) {
			cli_msg(lang_pick(c.lang_opt), "mxtrace sender: --message %s\n", err);
			free(err);
			cli_common_free(&c);
			free(domain);
			return rv;
		}
		if (sender_msg_forwarded(lang_pick(c.lang_opt), message, &msg, domain)) {
			cli_common_free(&c);
			free(domain);
			return MX_EXIT_DATAERR;
		}
		/*
		 * What the message says fills only what the options left open.
		 */
		sender_msg_other(lang_pick(c.lang_opt), message, &msg, domain);
		if (msg.direct) {
			/* the office's own IP sent it: that is what receivers saw */
			char *helo_said = esc_terminal(msg.helo, strlen(msg.helo));
			char *by_said = esc_terminal(msg.direct_by, strlen(msg.direct_by));

			cli_msg(lang_pick(c.lang_opt), "mxtrace sender: --message %s: a computer "
			    "(HELO %s, IP %s) handed it straight to the recipient's mail server "
			    "(%s), with no mail server of yours between, as bulk-mail software "
			    "does: that computer's IP is the sending IP checked. Receivers see an "
			    "office line, not a mail server (seldom in SPF, often on Spamhaus PBL, "
			    "its HELO not a real name), and many refuse it: send through your "
			    "mail server instead (your provider's SMTP server, with a login)\n",
			    message, helo_said, msg.ip, by_said[0] ? by_said : "?");
			free(helo_said);
			free(by_said);
		}
		if (o.nips == 0 && msg.ip[0] != '\0') {
			o.ips[o.nips++] = msg.ip;
			o.ip_from_message = true;
			o.message_direct = msg.direct;
		} else if (o.nips == 0 && msg.client_ip[0] != '\0') {
			/* a computer's hop, unmarked: the same, but that
			 * computer may be the one that sends (bulk mailers) */
			char *helo_said = esc_terminal(msg.client_helo,
			    strlen(msg.client_helo));

			cli_msg(lang_pick(c.lang_opt), "mxtrace sender: --message %s: its "
			    "only Received: line is a computer (HELO %s, IP %s) handing it "
			    "to a server, as in a copy from your Sent folder, so the sending "
			    "IPs checked come from SPF and MX: give a message as the "
			    "recipient received it; if that computer sends to recipients "
			    "itself, with no mail server between, check it with --ip %s\n",
			    message, helo_said, msg.client_ip, msg.client_ip);
			free(helo_said);
		} else if (o.nips == 0)
			/* only a login's hop (a copy from the Sent folder): the
			 * IPs come from SPF and MX, and the user must know */
			cli_msg(lang_pick(c.lang_opt), "mxtrace sender: --message %s: its "
			    "Received: lines show no receiving server, only your mail program "
			    "handing it to your server (a copy from your Sent folder?), so the "
			    "sending IPs checked come from SPF and MX: give a message as the "
			    "recipient received it, or your server's IP with --ip\n", message);
		if (helo == NULL && msg.helo[0] != '\0')
			helo = msg.helo;
		/* our domain is From:'s; a provider's d= is not (DMARC) */
		if (domain == NULL && (msg.dkim_domain[0] != '\0' || msg.from_domain[0] != '\0'))
			domain = xstrdup(msg.dkim_domain[0] && (msg.dkim_aligned ||
			    msg.from_domain[0] == '\0') ? msg.dkim_domain : msg.from_domain);
		if (msg.dkim_domain[0] != '\0' && msg.from_domain[0] != '\0' &&
		    !msg.dkim_aligned)
			o.message_signer = msg.dkim_domain;
		/* no signature: unsigned mail, or a copy kept before signing */
		o.message_unsigned = msg.dkim_domain[0] == '\0';
		o.message_sent_copy = msg.ip[0] == '\0';
		if (msg.dkim_selector[0] != '\0' && domain != NULL &&
		    strcasecmp(msg.dkim_domain, domain) == 0 && o.nselectors < DKIM_SELECTORS_MAX / 2) {
			memmove(&o.selectors[1], &o.selectors[0], o.nselectors * sizeof(o.selectors[0]));
			o.selectors[0] = msg.dkim_selector;
			o.nselectors++;
			o.selector_signed = true;
		}
	}
	if (recursive && dnsbl_resolver != NULL) {
		cli_common_free(&c);
		free(domain);
		return sender_usage_error(lang_pick(c.lang_opt), "%s", catalog_tr(lang_pick(c.lang_opt),
		    "--recursive and --dnsbl-resolver exclude each other"));
	}
	if (!json)
		termcs_text(stdout);
	if (domain == NULL && o.nips == 0) {
		cli_common_free(&c);
		return sender_usage_error(lang_pick(c.lang_opt), "%s",
		    catalog_tr(lang_pick(c.lang_opt), "a DOMAIN or an IP is expected"));
	}
	if (html != NULL && atomic_check(html, &err) < 0) {
		cli_msg(lang_pick(c.lang_opt), "mxtrace sender: %s\n", err);
		free(err);
		cli_common_free(&c);
		free(domain);
		return MX_EXIT_CANTCREAT;
	}
	if (cli_common_finish(&c, &warnings) < 0) {
		cli_common_free(&c);
		strlist_free(&warnings);
		free(domain);
		return MX_EXIT_USAGE;
	}
	/* The shared warnings are about the HELO an SMTP session would send;
	 * the sender checks use a HELO only when --helo names one. */
	for (i = 0; helo_opt && i < warnings.n; i++)
		cli_msg(c.lang, "mxtrace sender: %s\n", warnings.v[i]);
	strlist_free(&warnings);
	path = list_file != NULL ? xstrdup(list_file) : hints_data_path("dnsbl.json");
	if (!dnsbl_load(path, &lists, &err)) {
		cli_msg(c.lang, "mxtrace sender: cannot read the blocklists: %s\n", err);
		free(err);
		free(path);
		free(domain);
		cli_common_free(&c);
		return MX_EXIT_NOINPUT;
	}
	free(path);
	path = hints_data_path("providers.json");
	if (!provider_load(path, &providers, &err)) {
		cli_msg(c.lang, "mxtrace sender: cannot read the providers: %s\n", err);
		free(err);
		free(path);
		dnsbl_free(&lists);
		free(domain);
		cli_common_free(&c);
		return MX_EXIT_NOINPUT;
	}
	free(path);
	if (cli_env_init(&e, &c) < 0) {
		status = e.fail;
		cli_env_free(&e);
		provider_free(&providers);
		dnsbl_free(&lists);
		free(domain);
		cli_common_free(&c);
		return status;
	}
	if ((bl = sender_dnsbl_dns(&e, &c, dnsbl_resolver, recursive)) ==
	    NULL) {
		cli_env_free(&e);
		provider_free(&providers);
		dnsbl_free(&lists);
		free(domain);
		cli_common_free(&c);
		return MX_EXIT_SOFTWARE;
	}
	dns_set_inflight_max(e.dns, (unsigned)max_dns);
	dns_set_inflight_max(bl, (unsigned)max_dns);
	if (o.neighbours)
		dns_set_rate(bl, SENDER_SWEEP_QPS);
	o.domain = domain;
	o.helo = helo;
	o.allow_private = c.allow_private;
	o.deadline_ms = c.deadline_ms;
	o.lists = &lists;
	o.providers = &providers;
	/* The MTA-STS policy is fetched over HTTPS while the DNS checks run. */
	if (domain != NULL && e.https_ctx != NULL)
		(void)policy_start(e.base, e.dns, e.https_ctx, c.allow_private,
		    e.env.session.stage_timeout_ms, domain, sender_policy_cb,
		    &pol);
	else
		pol.done = true;
	sender_run(e.base, e.dns, bl, &o, &rep);
	if (inbound && domain != NULL && rep.mx_status == SMX_OK)
		sender_inbound(&e, domain, &rep, c.lang);
	while (!pol.done)
		if (event_base_loop(e.base, EVLOOP_ONCE) < 0)
			fatalx("%s: event loop failed", __func__);
	rep.policy = pol.rec;
	checks_build(&rep, &cs);
	out = sender_to_json(&rep, &cs, c.lang);
	if (json) {
		json_dumpf(out, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		fputc('\n', stdout);
	} else
		sender_print(stdout, &rep, &cs, c.lang);
	status = checks_exit(&cs);
	if (html != NULL && (rv = sender_write_html(html, out, c.lang)) != 0)
		status = rv;
	if (cli_stdout_done(c.lang, "sender") < 0)
		status = MX_EXIT_IOERR;
	json_decref(out);
	checks_free(&cs);
	sender_report_clear(&rep);
	if (bl != e.dns)
		dns_free(bl);
	cli_env_free(&e);
	dnsbl_free(&lists);
	provider_free(&providers);
	free(domain);
	cli_common_free(&c);
	return status;
}
