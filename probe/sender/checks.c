/*
 * checks.c - turn what a sender run found into findings: one entry per
 * (check id, subject) with a status (pass/warn/unknown/fail), the data
 * behind it and the catalogue key of its explanation ("sender.<id>.<status>"),
 * then sorted worst first.  What each status means for each id is decided
 * here and documented in docs/json.md; the words live in meaning/catalog.c.
 *
 * Public: checks_build, checks_free, check_status_name, checks_key,
 * checks_dns_down, checks_run_dns_down, checks_advice_key, checks_page_key,
 * checks_foldable, checks_folded, checks_direct_pc, checks_exit.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/exitcode.h"
#include "base/limits.h"
#include "base/util.h"
#include "meaning/verdict.h"
#include "net/mtasts.h"
#include "sender/checks.h"

static const char *const check_status_names[CHECK__LAST] = {
	"pass", "info", "warn", "unknown", "fail",
};

/* Catalogue keys, one per (id, status) a finding can have. */
static const struct {
	const char	*id;
	const char	*keys[CHECK__LAST];	/* NULL: that status never happens */
} check_keys[] = {
#define K(id, p, w, u, f) { id, { p, NULL, w, u, f } }
#define KI(id, p, i, w, u, f) { id, { p, i, w, u, f } }
	K("dnsbl", "sender.dnsbl.pass", "sender.dnsbl.warn", "sender.dnsbl.unknown", "sender.dnsbl.fail"),
	KI("dnsbl_neighbours", "sender.dnsbl_neighbours.pass", "sender.dnsbl_neighbours.info",
	    "sender.dnsbl_neighbours.warn", "sender.dnsbl.unknown", NULL),
	K("dnsbl_zone", NULL, NULL, "sender.dnsbl_zone.unknown", NULL),
	K("dnsbl_domain", "sender.dnsbl_domain.pass", NULL, "sender.dnsbl.unknown",
	    "sender.dnsbl_domain.fail"),
	K("ptr", "sender.ptr.pass", "sender.ptr.warn", "sender.ptr.unknown", "sender.ptr.fail"),
	K("fcrdns", "sender.fcrdns.pass", NULL, NULL, "sender.fcrdns.fail"),
	K("helo", "sender.helo.pass", "sender.helo.warn", "sender.helo.unknown", "sender.helo.fail"),
	K("spf_record", "sender.spf_record.pass", NULL, "sender.spf_record.unknown",
	    "sender.spf_record.fail"),
	K("spf_lookups", "sender.spf_lookups.pass", NULL, NULL, "sender.spf_lookups.fail"),
	K("spf_void_lookups", "sender.spf_void_lookups.pass", NULL, NULL,
	    "sender.spf_void_lookups.fail"),
	K("spf_all", "sender.spf_all.pass", "sender.spf_all.warn", NULL, "sender.spf_all.fail"),
	K("spf_include", NULL, "sender.spf_include.warn", NULL, "sender.spf_include.fail"),
	K("spf_pass", "sender.spf_pass.pass", "sender.spf_pass.warn", "sender.spf_pass.unknown",
	    "sender.spf_pass.fail"),
	K("dmarc_record", "sender.dmarc_record.pass", NULL, "sender.dmarc_record.unknown",
	    "sender.dmarc_record.fail"),
	K("dmarc_policy", "sender.dmarc_policy.pass", "sender.dmarc_policy.warn", NULL, NULL),
	KI("dmarc_rua", NULL, "sender.dmarc_rua.info", "sender.dmarc_rua.warn", NULL, NULL),
	K("dkim", "sender.dkim.pass", "sender.dkim.warn", "sender.dkim.unknown", NULL),
	K("dkim_key", "sender.dkim_key.pass", "sender.dkim_key.warn", "sender.dkim_key.unknown",
	    "sender.dkim_key.fail"),
	K("mx_inbound", "sender.mx_inbound.pass", "sender.mx_inbound.warn",
	    "sender.mx_inbound.unknown", "sender.mx_inbound.fail"),
	KI("mta_sts", "sender.mta_sts.pass", "sender.mta_sts.info", "sender.mta_sts.warn",
	    "sender.mta_sts.unknown", "sender.mta_sts.fail"),
	KI("tls_rpt", "sender.tls_rpt.pass", "sender.tls_rpt.info", "sender.tls_rpt.warn",
	    "sender.tls_rpt.unknown", NULL),
	K("sending_ips", NULL, "sender.sending_ips.warn", NULL, NULL),
	K("www_name", NULL, "sender.www_name.warn", NULL, NULL),
	K("provider", "sender.provider.pass", "sender.provider.warn", NULL, NULL),
	K("dnsbl_sweep", "sender.dnsbl_sweep.pass", "sender.dnsbl_sweep.warn", NULL, NULL),
	K("provider_rules", "sender.provider_rules.pass", "sender.provider_rules.warn",
	    "sender.provider_rules.unknown", "sender.provider_rules.fail"),
#undef K
#undef KI
};

const char *
check_status_name(enum check_status s)
{
	return check_status_names[s];
}

static struct sender_check *
check_add(struct sender_checks *cs, const char *id, enum check_status st,
    const char *subject, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* The finding added (NULL when the list is full), for a caller that
 * gives it words of its own (another catalogue key). */
static struct sender_check *
check_add(struct sender_checks *cs, const char *id, enum check_status st,
    const char *subject, const char *fmt, ...)
{
	struct sender_check *c;
	va_list ap;
	char buf[CHECK_DETAIL_MAX], *text;
	size_t i;

	if (cs->n == SENDER_CHECKS_MAX)
		return NULL;
	for (i = 0; i < sizeof(check_keys) / sizeof(check_keys[0]); i++)
		if (strcmp(check_keys[i].id, id) == 0)
			break;
	if (i == sizeof(check_keys) / sizeof(check_keys[0]) ||
	    check_keys[i].keys[st] == NULL)
		fatalx("%s: no explanation for %s/%s", __func__, id, check_status_names[st]);
	va_start(ap, fmt);
	text = xvasprintf(fmt, ap);	/* its plural choices made */
	va_end(ap);
	snprintf(buf, sizeof(buf), "%s", text);
	free(text);
	c = &cs->v[cs->n++];
	c->id = check_keys[i].id;
	c->status = st;
	c->subject = xstrdup(subject);
	c->detail = xstrdup(buf);
	c->key = check_keys[i].keys[st];
	c->seq = (unsigned)cs->n;
	return c;
}

const char *
checks_key(const char *id, const char *status)
{
	size_t i, st;

	if (id == NULL || status == NULL)
		return NULL;
	for (st = 0; st < CHECK__LAST; st++)
		if (strcmp(check_status_names[st], status) == 0)
			break;
	for (i = 0; st < CHECK__LAST &&
	    i < sizeof(check_keys) / sizeof(check_keys[0]); i++)
		if (strcmp(check_keys[i].id, id) == 0)
			return check_keys[i].keys[st];
	return NULL;
}

bool
checks_dns_down(const char *spf_status, const char *mx_status)
{
	return spf_status != NULL && mx_status != NULL &&
	    (strcmp(spf_status, "need") == 0 || strcmp(spf_status, "temperror") == 0) &&
	    (strcmp(mx_status, "unknown") == 0 || strcmp(mx_status, "error") == 0);
}

bool
checks_run_dns_down(const struct sender_report *r)
{
	return r->has_domain && checks_dns_down(spf_result_name(r->spf.status),
	    sender_mx_status_name(r->mx_status));
}

const char *
checks_advice_key(const char *key, bool dns_down, const char *mx_status)
{
	if (key == NULL)
		return NULL;
	if (dns_down && strcmp(key, "sender.sending_ips.warn") == 0)
		return "sender.sending_ips.dns_down";
	if (mx_status != NULL && strcmp(mx_status, "nxdomain") == 0 &&
	    strcmp(key, "sender.mx_inbound.fail") == 0)
		return "sender.mx_inbound.nxdomain";
	return key;
}

/*
 * The page says once, first, to send through the company's mail server
 * (sender.direct_pc): the findings about that IP say it in words of their
 * own that point to that note instead of saying it again.
 */
static const struct {
	const char	*key;
	const char	*after_note;
} checks_page_keys[] = {
	{ "sender.ptr.direct", "sender.ptr.direct_page" },
	{ "sender.fcrdns.direct", "sender.fcrdns.direct_page" },
	{ "sender.spf_pass.direct", "sender.spf_pass.direct_page" },
	{ "sender.dnsbl.direct", "sender.dnsbl.direct_page" },
	{ "sender.helo.not_fqdn", "sender.helo.not_fqdn_page" },
	{ "sender.helo.literal", "sender.helo.literal_page" },
};

const char *
checks_page_key(const char *key, bool direct_said)
{
	size_t i;

	if (key == NULL || !direct_said)
		return key;
	for (i = 0; i < sizeof(checks_page_keys) / sizeof(checks_page_keys[0]); i++)
		if (strcmp(key, checks_page_keys[i].key) == 0)
			return checks_page_keys[i].after_note;
	return key;
}

bool
checks_foldable(const char *id, const char *status)
{
	return id != NULL && status != NULL && strcmp(id, "dkim_key") == 0 &&
	    strcmp(status, "unknown") == 0;
}

bool
checks_folded(const char *id, const char *status, size_t n)
{
	return n >= SENDER_DKIM_FOLD && checks_foldable(id, status);
}

/*
 * The listing codes of one part of a verdict (dnsbl_part: the IP's own and
 * policy codes, or its network's) with their meanings, "127.0.0.2: SBL
 * ...; 127.0.0.4: XBL ...", worst first, into buf (cut at its size): one
 * answer can list an IP for spam and as an infected machine at once.  The
 * codes left out of the verdict are counted in the part of the last kept.
 */
static void
checks_codes(const struct dnsbl_verdict *v, bool network, char *buf, size_t len)
{
	size_t i, n = 0;
	char *more;

	buf[0] = '\0';
	for (i = 0; i < v->nhits && n < len; i++)
		if (v->hits[i].neighbours == network)
			n += (size_t)snprintf(buf + n, len - n, "%s%s: %s", n ? "; " : "",
			    v->hits[i].code, v->hits[i].meaning);
	if (v->hits_omitted > 0 && v->nhits > 0 &&
	    v->hits[v->nhits - 1].neighbours == network && n < len) {
		more = xasprintf("; %zu more {1|code|codes} not shown", v->hits_omitted);
		snprintf(buf + n, len - n, "%s", more);
		free(more);
	}
}

/*
 * fmt's text after what *used already holds in buf (of size), sep between; cut
 * at size.
 */
static void
checks_cat(char *buf, size_t size, size_t *used, const char *sep,
    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void
checks_cat(char *buf, size_t size, size_t *used, const char *sep,
    const char *fmt, ...)
{
	va_list ap;

	if (*used >= size)
		return;
	if (*used > 0)
		*used += (size_t)snprintf(buf + *used, size - *used, "%s", sep);
	if (*used >= size)
		return;
	va_start(ap, fmt);
	*used += (size_t)vsnprintf(buf + *used, size - *used, fmt, ap);
	va_end(ap);
}

/*
 * What one blocklist finding of an IP gathers: dnsbl (the IP's own and
 * policy codes) or dnsbl_neighbours (its network's), each from the lists
 * whose codes speak of that part (data/dnsbl.json "scope") and naming
 * only those lists: a list with both (Spamhaus ZEN: SBL and DROP) is in
 * both, a list of the IP alone never in the network's.
 */
struct checks_part {
	char	 listed[CHECK_DETAIL_MAX], pbl[CHECK_DETAIL_MAX], unknown[CHECK_DETAIL_MAX];
	char	 asked[512], uns[512];
	size_t	 lo, lp, lu, la, lus;		/* bytes used of each */
	size_t	 nasked, nunknown, nuns;	/* lists asked, without an answer, not supported */
};

/*
 * List l's verdict v for the part (network or the IP's own) into pt.  A
 * list asked for the network that also speaks of the IP is named with its
 * network codes, "Spamhaus ZEN (127.0.0.9)": only those were checked there.
 * The lists asked are joined by "; " as listings are (each item translated).
 */
static void
checks_part_add(struct checks_part *pt, const struct dnsbl_list *l,
    const struct dnsbl_verdict *v, bool network)
{
	const struct dnsbl_hit *h;
	char codes[CHECK_DETAIL_MAX];

	if (v->state == DNSBL_UNSUPPORTED) {
		pt->nuns++;
		checks_cat(pt->uns, sizeof(pt->uns), &pt->lus, ", ", "%s", l->name);
		return;
	}
	pt->nasked++;
	if (network && dnsbl_part_codes(l, false, NULL, 0) > 0) {
		dnsbl_part_codes(l, true, codes, sizeof(codes));
		checks_cat(pt->asked, sizeof(pt->asked), &pt->la, "; ", "%s (%s)", l->name, codes);
	} else
		checks_cat(pt->asked, sizeof(pt->asked), &pt->la, "; ", "%s", l->name);
	switch (v->state) {
	case DNSBL_LISTED:
	case DNSBL_POLICY:
		if ((h = dnsbl_part(v, network)) == NULL)
			break;
		checks_codes(v, network, codes, sizeof(codes));
		if (h->policy)
			checks_cat(pt->pbl, sizeof(pt->pbl), &pt->lp, "; ", "%s (%s)", l->name, codes);
		else
			checks_cat(pt->listed, sizeof(pt->listed), &pt->lo, "; ", "%s (%s)", l->name,
			    codes);
		break;
	case DNSBL_UNKNOWN:
	case DNSBL_NEED:
		pt->nunknown++;
		checks_cat(pt->unknown, sizeof(pt->unknown), &pt->lu, "; ", "%s: %s", l->name,
		    v->state == DNSBL_NEED ? "no answer before the deadline" : v->cause);
		break;
	default:
		break;
	}
}

/* The IP's own blocklist finding (dnsbl) from what its part gathered. */
static void
checks_dnsbl_own(const struct sender_report *r, const struct sender_ip *ip,
    const struct checks_part *pt, struct sender_checks *cs)
{
	struct sender_check *c;

	if (pt->lo > 0)
		check_add(cs, "dnsbl", CHECK_FAIL, ip->a.text, "listed on: %s", pt->listed);
	else if (pt->nunknown > 0)
		check_add(cs, "dnsbl", CHECK_UNKNOWN, ip->a.text, "%s", pt->unknown);
	else if (pt->lp > 0 && ip->spf == SPF_PASS) {
		/*
		 * a policy listing matters when the IP sends directly: SPF
		 * says it does, so the advice is for a mail server
		 */
		if ((c = check_add(cs, "dnsbl", CHECK_WARN, ip->a.text, "policy listing only: "
		    "%s; the domain's SPF record names this IP, so it sends to mail servers "
		    "directly, and those that use this list refuse its mail", pt->pbl)) != NULL)
			c->key = "sender.dnsbl.policy_spf";
	} else if (pt->lp > 0 && checks_direct_pc(r, ip)) {
		/*
		 * a PC that sent straight to the recipient's server: the "only
		 * if it sends directly" of a policy listing is so, and servers
		 * that use the list (Spamhaus ZEN) refuse exactly that
		 */
		if ((c = check_add(cs, "dnsbl", CHECK_FAIL, ip->a.text, "on a policy list: %s",
		    pt->pbl)) != NULL)
			c->key = "sender.dnsbl.direct";
	} else if (pt->lp > 0)
		check_add(cs, "dnsbl", CHECK_WARN, ip->a.text, "policy listing only: %s",
		    pt->pbl);
	else if (pt->nuns > 0)
		check_add(cs, "dnsbl", CHECK_PASS, ip->a.text, "not listed on the %zu "
		    "{1|list|lists} asked; not supported for this address (no IPv6): %s",
		    pt->nasked, pt->uns);
	else
		check_add(cs, "dnsbl", CHECK_PASS, ip->a.text, "not listed on the %zu "
		    "{1|list|lists} asked", pt->nasked);
}

/*
 * The IP's network finding (dnsbl_neighbours).  A pass names the lists
 * asked, and those that cannot answer for the address (IPv6): an IPv6
 * address checked on Spamhaus DROP alone is checked, but not on the
 * allocation lists.  Only when no network list can answer is it info,
 * "not checked", never clean.
 */
static void
checks_dnsbl_network(const struct sender_ip *ip, const struct checks_part *pt,
    struct sender_checks *cs)
{
	if (pt->lo > 0)
		check_add(cs, "dnsbl_neighbours", CHECK_WARN, ip->a.text, "%s", pt->listed);
	else if (pt->nunknown > 0)
		check_add(cs, "dnsbl_neighbours", CHECK_UNKNOWN, ip->a.text, "%s", pt->unknown);
	else if (pt->nasked > 0 && pt->nuns > 0)
		check_add(cs, "dnsbl_neighbours", CHECK_PASS, ip->a.text, "the IP's network is "
		    "not listed on the %zu network {1|list|lists} asked: %s; not supported for "
		    "this address (no IPv6): %s", pt->nasked, pt->asked, pt->uns);
	else if (pt->nasked > 0)
		check_add(cs, "dnsbl_neighbours", CHECK_PASS, ip->a.text, "the IP's network is "
		    "not listed on the %zu network {1|list|lists} asked: %s", pt->nasked, pt->asked);
	else if (pt->nuns > 0)
		check_add(cs, "dnsbl_neighbours", CHECK_INFO, ip->a.text, "the %zu network "
		    "{1|list does|lists do} not support this address (no IPv6): %s; its network "
		    "was not checked", pt->nuns, pt->uns);
}

static void
checks_dnsbl_ip(const struct sender_report *r, const struct sender_ip *ip,
    struct sender_checks *cs)
{
	const struct dnsbl_set *lists = r->opts->lists;
	struct checks_part own = { 0 }, network = { 0 };
	size_t i;

	for (i = 0; i < lists->n; i++) {
		if (lists->lists[i].domain)
			continue;
		if (dnsbl_part_codes(&lists->lists[i], false, NULL, 0) > 0)
			checks_part_add(&own, &lists->lists[i], &ip->v[i],
			    false);
		if (dnsbl_part_codes(&lists->lists[i], true, NULL, 0) > 0)
			checks_part_add(&network, &lists->lists[i], &ip->v[i],
			    true);
	}
	checks_dnsbl_own(r, ip, &own, cs);
	checks_dnsbl_network(ip, &network, cs);
}

/*
 * An office line's fix is to send through a mail server, never to list it
 * in SPF (anything on that line could then send as us) nor to ask the
 * line's provider for a PTR record.
 */
bool
checks_direct_pc(const struct sender_report *r, const struct sender_ip *ip)
{
	return r->opts->message_direct && strcmp(ip->source, "--message") == 0;
}

static void
checks_ptr(const struct sender_report *r, const struct sender_ip *ip,
    struct sender_checks *cs)
{
	const struct ptr_result *p = &ip->ptr;
	const char *helo = r->opts->helo;
	struct sender_check *c = NULL;

	if (!p->done && p->name == NULL && !p->missing && p->error == NULL)
		check_add(cs, "ptr", CHECK_UNKNOWN, ip->a.text, "no answer before the deadline");
	else if (p->error != NULL)
		check_add(cs, "ptr", CHECK_UNKNOWN, ip->a.text, "PTR lookup failed: %s", p->error);
	else if (p->missing)
		c = check_add(cs, "ptr", CHECK_FAIL, ip->a.text, "no PTR record");
	else if (p->generic && p->line) {
		/* a home or dynamic line: its provider seldom sets a PTR there */
		if ((c = check_add(cs, "ptr", CHECK_WARN, ip->a.text, "%s looks like the name of "
		    "a home or dynamic line (%s)", p->name, p->generic_why)) != NULL)
			c->key = "sender.ptr.line";
	} else if (p->generic)
		c = check_add(cs, "ptr", CHECK_WARN, ip->a.text, "%s looks like a generic name (%s)",
		    p->name, p->generic_why);
	else
		check_add(cs, "ptr", CHECK_PASS, ip->a.text, "%s", p->name);
	/* c: a missing or generic name, which the IP's owner would mend */
	if (c != NULL && checks_direct_pc(r, ip))
		c->key = "sender.ptr.direct";
	if (p->name != NULL) {
		if (p->fcrdns)
			check_add(cs, "fcrdns", CHECK_PASS, ip->a.text, "%s resolves back to %s",
			    p->fcrdns_name, ip->a.text);
		else if ((c = check_add(cs, "fcrdns", CHECK_FAIL, ip->a.text, "%s does not "
		    "resolve back to %s", p->name, ip->a.text)) != NULL &&
		    checks_direct_pc(r, ip))
			/* the line provider's name: an A record for it mends nothing */
			c->key = "sender.fcrdns.direct";
	}
	if (helo == NULL)
		return;
	if (p->helo_not_fqdn) {
		if ((c = check_add(cs, "helo", CHECK_FAIL, ip->a.text, "%s is not a fully "
		    "qualified name (one label): not looked up", helo)) != NULL)
			c->key = "sender.helo.not_fqdn";
	} else if (p->helo_literal) {
		if ((c = check_add(cs, "helo", CHECK_WARN, ip->a.text, p->helo_matches ?
		    "%s is an address literal, not a name: not looked up" :
		    "%s is an address literal, not a name, and not this IP: not looked up",
		    helo)) != NULL)
			c->key = "sender.helo.literal";
	} else if (p->helo_error != NULL)
		check_add(cs, "helo", CHECK_UNKNOWN, ip->a.text, "%s: %s", helo, p->helo_error);
	else if (p->helo_matches)
		check_add(cs, "helo", CHECK_PASS, ip->a.text, "%s resolves to %s", helo, ip->a.text);
	else if (p->helo_resolves)
		check_add(cs, "helo", CHECK_WARN, ip->a.text, "%s resolves, but not to %s", helo,
		    ip->a.text);
	else
		check_add(cs, "helo", CHECK_FAIL, ip->a.text, "%s has no address", helo);
}

static void
checks_spf_ip(const struct sender_report *r, const struct sender_ip *ip,
    struct sender_checks *cs)
{
	const char *d = r->opts->domain, *why = ip->spf_why ? ip->spf_why : "";
	struct sender_check *c = NULL, *perm;

	/* none says nothing by itself: there is no SPF record to pass the IP */
	if (ip->spf == SPF_NONE && *why == '\0')
		why = "no v=spf1 record";

	switch (ip->spf) {
	case SPF_PASS:
		check_add(cs, "spf_pass", CHECK_PASS, ip->a.text, "SPF of %s: pass (%s)", d, why);
		break;
	case SPF_FAIL:
		c = check_add(cs, "spf_pass", CHECK_FAIL, ip->a.text, "SPF of %s: fail%s%s", d,
		    *why ? ": " : "", why);
		break;
	case SPF_PERMERROR:
		/* a broken record says nothing of this IP: adding it would
		 * not help, mending the record does */
		if ((perm = check_add(cs, "spf_pass", CHECK_FAIL, ip->a.text, "SPF of %s: "
		    "permerror: %s", d, why)) != NULL)
			perm->key = "sender.spf_pass.permerror";
		break;
	case SPF_TEMPERROR:
	case SPF_NEED:
		check_add(cs, "spf_pass", CHECK_UNKNOWN, ip->a.text, "SPF of %s: %s", d,
		    ip->spf == SPF_NEED ? "no answer before the deadline" : why);
		break;
	default:
		c = check_add(cs, "spf_pass", CHECK_WARN, ip->a.text, "SPF of %s: %s%s%s", d,
		    spf_result_name(ip->spf), *why ? ": " : "", why);
		break;
	}
	/* c: a fail or a warning that listing the IP would mend */
	if (c != NULL && checks_direct_pc(r, ip))
		c->key = "sender.spf_pass.direct";
}

static void
checks_spf(const struct sender_report *r, struct sender_checks *cs)
{
	const struct spf_walk *w = &r->spf;
	const char *d = r->opts->domain;
	size_t i;
	bool include_bad = false;

	if (w->status == SPF_NEED || w->status == SPF_TEMPERROR) {
		check_add(cs, "spf_record", CHECK_UNKNOWN, d, "%s", w->status == SPF_NEED ?
		    "no answer before the deadline" : w->nnotes ? w->notes[0] : "DNS error");
		return;
	}
	if (w->nrecords == 0) {
		check_add(cs, "spf_record", CHECK_FAIL, d, "no v=spf1 record");
		return;
	}
	if (w->nrecords > 1) {
		check_add(cs, "spf_record", CHECK_FAIL, d, "%zu v=spf1 records: there must be one",
		    w->nrecords);
		return;
	}
	for (i = 0; i < w->nnotes; i++)
		if (strstr(w->notes[i], "syntax error") != NULL ||
		    strstr(w->notes[i], "longer than") != NULL) {
			check_add(cs, "spf_record", CHECK_FAIL, d, "%s", w->notes[i]);
			return;
		}
	check_add(cs, "spf_record", CHECK_PASS, d, "%s", w->record);
	check_add(cs, "spf_lookups", w->lookups > SPF_LOOKUP_LIMIT ? CHECK_FAIL : CHECK_PASS, d,
	    "%u DNS-querying {1|term|terms} (include, a, mx, ptr, exists, redirect); the "
	    "limit is %d", w->lookups, SPF_LOOKUP_LIMIT);
	check_add(cs, "spf_void_lookups", w->voids > SPF_VOID_LIMIT ? CHECK_FAIL : CHECK_PASS, d,
	    "%u {1|lookup|lookups} found nothing; the limit is %d", w->voids, SPF_VOID_LIMIT);
	if (w->all == '+')
		check_add(cs, "spf_all", CHECK_FAIL, d, "+all: every server on the internet may "
		    "send as %s", d);
	else if (w->all == '?')
		check_add(cs, "spf_all", CHECK_WARN, d, "?all: others are neutral, not refused");
	else if (w->all == 0)
		check_add(cs, "spf_all", CHECK_WARN, d, "no all at the end: other servers get "
		    "neutral");
	else
		check_add(cs, "spf_all", CHECK_PASS, d, "%call", w->all);
	for (i = 0; i < w->nnotes; i++)
		if (strstr(w->notes[i], "loops back") != NULL ||
		    strstr(w->notes[i], "has no SPF record") != NULL ||
		    strstr(w->notes[i], "more than") != NULL) {
			check_add(cs, "spf_include", CHECK_FAIL, d, "%s", w->notes[i]);
			include_bad = true;
		}
	for (i = 0; i < w->nnotes && !include_bad; i++)
		if (strstr(w->notes[i], "ptr is slow") != NULL ||
		    strstr(w->notes[i], "redirect= is never used") != NULL)
			check_add(cs, "spf_include", CHECK_WARN, d, "%s", w->notes[i]);
}

static void
checks_dmarc(const struct sender_report *r, struct sender_checks *cs)
{
	const struct dmarc_result *m = &r->dmarc;
	const char *d = r->opts->domain, *pol;
	struct sender_check *c;
	char *org;
	size_t i;
	bool sp;

	switch (m->status) {
	case DMARC_NEED:
		check_add(cs, "dmarc_record", CHECK_UNKNOWN, d, "no answer before the deadline");
		return;
	case DMARC_TEMPERROR:
		check_add(cs, "dmarc_record", CHECK_UNKNOWN, d, "%s", m->error);
		return;
	case DMARC_NONE:
		check_add(cs, "dmarc_record", CHECK_FAIL, d, "no DMARC record at _dmarc.%s", d);
		return;
	case DMARC_MULTIPLE:
		check_add(cs, "dmarc_record", CHECK_FAIL, d, "more than one DMARC record at %s: "
		    "receivers then apply no policy", m->at);
		return;
	case DMARC_INVALID:
		check_add(cs, "dmarc_record", CHECK_FAIL, d, "%s: %s", m->at, m->error);
		return;
	case DMARC_OK:
		break;
	}
	check_add(cs, "dmarc_record", CHECK_PASS, d, "%s%s: %s", m->at,
	    m->inherited ? " (the organisational domain's)" : "", m->record);
	/* a subdomain under its organisational domain's record gets sp= */
	pol = dmarc_applied(m, &sp);
	/*
	 * No rua=: nobody hears which mail fails DMARC.  Optional beside a
	 * policy that acts; with none the record then does nothing at all,
	 * and the policy's advice ("once the reports show ...") needs them:
	 * said before it.
	 */
	if (m->nrua == 0 && strcmp(pol, "none") == 0) {
		if ((c = check_add(cs, "dmarc_rua", CHECK_WARN, d, "no rua=: no reports are asked "
		    "for, and the policy none asks for nothing else: the record has no effect")) !=
		    NULL)
			c->key = "sender.dmarc_rua.none";
	} else if (m->nrua == 0)
		check_add(cs, "dmarc_rua", CHECK_INFO, d, "no rua=: no reports are asked for");
	org = dmarc_org_domain(d);
	if (sp && strcmp(pol, "none") == 0)
		c = check_add(cs, "dmarc_policy", CHECK_WARN, d, "sp=none (the organisational "
		    "domain's policy for its subdomains; its p=%s is for %s alone): reports "
		    "only, no protection", m->p, org);
	else if (sp && m->pct < 100)
		c = check_add(cs, "dmarc_policy", CHECK_WARN, d, "sp=%s (the organisational "
		    "domain's policy for its subdomains; its p=%s is for %s alone) on %d%% of "
		    "failing mail only", pol, m->p, org, m->pct);
	else if (sp)
		c = check_add(cs, "dmarc_policy", CHECK_PASS, d, "sp=%s (the organisational "
		    "domain's policy for its subdomains; its p=%s is for %s alone)", pol, m->p,
		    org);
	else if (strcmp(pol, "none") == 0 && m->nrua == 0) {
		/* not "reports only": none are asked for (dmarc_rua.none) */
		if ((c = check_add(cs, "dmarc_policy", CHECK_WARN, d, "p=none: no protection")) !=
		    NULL)
			c->key = "sender.dmarc_policy.none_norua";
	} else if (strcmp(pol, "none") == 0)
		c = check_add(cs, "dmarc_policy", CHECK_WARN, d, "p=none: reports only, no "
		    "protection");
	else if (m->pct < 100)
		c = check_add(cs, "dmarc_policy", CHECK_WARN, d, "p=%s on %d%% of failing mail "
		    "only", pol, m->pct);
	else
		c = check_add(cs, "dmarc_policy", CHECK_PASS, d, "p=%s", pol);
	free(org);
	if (c != NULL && sp && c->status == CHECK_WARN)
		c->key = "sender.dmarc_policy.sp";
	for (i = 0; i < m->nrua; i++)
		if (m->rua[i].external && m->rua[i].authorized == 0)
			check_add(cs, "dmarc_rua", CHECK_WARN, d, "reports to %s are not authorized "
			    "by %s._report._dmarc.%s (RFC 7489 7.1)", m->rua[i].uri, d,
			    m->rua[i].dest);
}

static void
checks_dkim(const struct sender_report *r, struct sender_checks *cs)
{
	const char *d = r->opts->domain;
	const struct dkim_key *k;
	struct sender_check *c;
	size_t i, found = 0, failed = 0;
	char subj[300];

	for (i = 0; i < r->ndkim; i++) {
		k = &r->dkim[i];
		failed += k->status == DKIM_KEY_ERROR;
		snprintf(subj, sizeof(subj), "%s._domainkey.%s", k->selector, d);
		/* a selector the mail is said to be signed with, and no key:
		 * every receiver fails that signature, whatever other keys
		 * exist */
		if (k->status == DKIM_KEY_ABSENT && i < r->ndkim_named) {
			if (i == 0 && r->opts->selector_signed)
				check_add(cs, "dkim_key", CHECK_FAIL, subj, "no key, and the "
				    "message (--message) is signed with this selector: "
				    "receivers cannot verify its signature");
			else
				check_add(cs, "dkim_key", CHECK_FAIL, subj, "no key at this "
				    "selector (--dkim-selector): mail signed with it fails "
				    "DKIM");
			continue;
		}
		if (k->status == DKIM_KEY_ABSENT || k->status == DKIM_KEY_NEED)
			continue;
		switch (k->status) {
		case DKIM_KEY_ERROR:
			check_add(cs, "dkim_key", CHECK_UNKNOWN, subj, "%s", k->error);
			continue;
		case DKIM_KEY_REVOKED:
			check_add(cs, "dkim_key", CHECK_FAIL, subj, "revoked (empty p=)");
			found++;
			continue;
		case DKIM_KEY_INVALID:
			/*
			 * a key record is there, broken: not "no key at the
			 * selectors"
			 */
			check_add(cs, "dkim_key", CHECK_FAIL, subj, "%s", k->error);
			found++;
			continue;
		default:
			break;
		}
		found++;
		if (strcmp(k->k, "rsa") == 0 && k->bits < 1024)
			check_add(cs, "dkim_key", CHECK_FAIL, subj, "RSA %d bits: receivers ignore "
			    "keys under 1024 bits", k->bits);
		else if (strcmp(k->k, "rsa") == 0 && k->bits < 2048)
			check_add(cs, "dkim_key", CHECK_WARN, subj, "RSA %d bits: 2048 is "
			    "recommended", k->bits);
		else if (k->testing)
			check_add(cs, "dkim_key", CHECK_WARN, subj, "%s %d bits, t=y (testing: "
			    "receivers may treat signatures as unsigned)", k->k, k->bits);
		else
			check_add(cs, "dkim_key", CHECK_PASS, subj, "%s %d bits", k->k, k->bits);
	}
	if (r->opts->message_signer != NULL) {
		/*
		 * signed, but by another domain (the provider's): DKIM may
		 * pass, DMARC does not count it (RFC 7489 3.1.1), whatever
		 * keys we publish
		 */
		if ((c = check_add(cs, "dkim", CHECK_WARN, d, "the --message is signed by "
		    "d=%s, not by %s: that signature does not count for DMARC (RFC 7489 "
		    "3.1.1)", r->opts->message_signer, d)) != NULL)
			c->key = "sender.dkim.other_domain";
	} else if (found > 0 && r->opts->message_unsigned && !r->opts->message_sent_copy) {
		/*
		 * a key published is not mail signed: the message as received
		 * carries no signature, so signing is off where it left
		 */
		if ((c = check_add(cs, "dkim", CHECK_WARN, d, "%zu {1|key|keys} found, but the "
		    "--message, as received, has no DKIM-Signature: your mail goes out "
		    "unsigned", found)) != NULL)
			c->key = "sender.dkim.key_unused";
	} else if (found > 0)
		check_add(cs, "dkim", CHECK_PASS, d, "%zu {1|key|keys} found", found);
	else if (failed > 0)
		/*
		 * a key may be at a selector DNS did not answer for: not "no
		 * key"
		 */
		check_add(cs, "dkim", CHECK_UNKNOWN, d, "no key found, but DNS gave no usable "
		    "answer at %zu {1|selector|selectors} (of %zu tried)", failed, r->ndkim);
	else if (r->opts->message_unsigned && r->opts->message_sent_copy) {
		/* a Sent-folder copy is kept before the server signs: silent */
		if ((c = check_add(cs, "dkim", CHECK_WARN, d, "no key at the %zu {1|selector|"
		    "selectors} tried; the --message, a copy from the Sent folder, has no "
		    "DKIM-Signature: it was kept before your server signs mail", r->ndkim)) != NULL)
			c->key = "sender.dkim.sent_copy";
	} else if (r->opts->message_unsigned) {
		if ((c = check_add(cs, "dkim", CHECK_WARN, d, "no key at the %zu {1|selector|"
		    "selectors} tried, and the --message, as received, has no DKIM-Signature: "
		    "your mail goes out unsigned", r->ndkim)) != NULL)
			c->key = "sender.dkim.unsigned";
	} else if (!(r->opts->selector_signed && r->ndkim_named > 0 &&
	    r->dkim[0].status == DKIM_KEY_ABSENT))
		check_add(cs, "dkim", CHECK_WARN, d, "no key at the %zu {1|selector|selectors} "
		    "tried (give --dkim-selector or --message)", r->ndkim);
	/*
	 * else the --message is signed with a selector that has no key: its
	 * dkim_key failure says so and what to do; "give --message" would
	 * ask for what was given
	 */
}

/*
 * postmaster@DOMAIN as the engine found it: can bounces and replies come back?
 */
static void
checks_inbound(const struct sender_report *r, struct sender_checks *cs)
{
	const char *d = r->opts->domain, *why = r->inbound_detail ? r->inbound_detail : "";
	struct sender_check *c;

	switch ((enum verdict)r->inbound_verdict) {
	case VERDICT_DELIVERABLE:
	case VERDICT_CATCH_ALL:
		check_add(cs, "mx_inbound", CHECK_PASS, d, "postmaster@%s is accepted: %s", d, why);
		break;
	case VERDICT_UNDELIVERABLE:
	case VERDICT_NO_MAIL_DOMAIN:
	case VERDICT_MAILBOX_FULL:
		check_add(cs, "mx_inbound", CHECK_FAIL, d, "postmaster@%s is refused: %s", d, why);
		break;
	default:
		c = check_add(cs, "mx_inbound", CHECK_UNKNOWN, d, "postmaster@%s could not be "
		    "checked from here: %s", d, why);
		/* through --proxy the way out is the proxy, not a --proxy to add */
		if (c != NULL && r->inbound_proxy)
			c->key = "sender.mx_inbound.proxy";
		break;
	}
}

/* " a, b, c" of a list into buf (cut at its size). */
static void
checks_join(const struct strlist *l, char *buf, size_t len)
{
	size_t i, n = 0;

	buf[0] = '\0';
	for (i = 0; i < l->n && n < len; i++)
		n += (size_t)snprintf(buf + n, len - n, "%s%s", i ? ", " : "", l->v[i]);
}

/*
 * A policy TXT record (sender_txt in run.c) that is not exactly one valid
 * record: no answer or a DNS error is unknown, none is information (both
 * are optional), several or a malformed one a warning.  False when st is
 * one valid record: the caller goes on.
 */
static bool
checks_txt_state(struct sender_checks *cs, const char *id, const char *d,
    int st, const char *at, const char *what)
{
	if (st == -1)
		check_add(cs, id, CHECK_UNKNOWN, d, "%s.%s: no answer before the deadline", at, d);
	else if (st == -2)
		check_add(cs, id, CHECK_UNKNOWN, d, "%s.%s: DNS error", at, d);
	else if (st == 0)
		check_add(cs, id, CHECK_INFO, d, "no %s record at %s.%s", what, at, d);
	else if (st == 2)
		check_add(cs, id, CHECK_WARN, d, "%s.%s: several or malformed %s records", at, d,
		    what);
	else
		return false;
	return true;
}

/*
 * The first MX host of the domain that no mx pattern of the policy covers;
 * NULL: all are.
 */
static const char *
checks_sts_uncovered(const struct sender_report *r,
    const struct tls_policy_rec *p)
{
	struct mtasts_policy pol;
	size_t i;

	memset(&pol, 0, sizeof(pol));
	pol.mx = p->sts_mx;	/* borrowed for the match only */
	for (i = 0; i < r->nmx; i++)
		if (!mtasts_mx_match(&pol, r->mx[i].name))
			return r->mx[i].name;
	return NULL;
}

/*
 * MTA-STS (RFC 8461) is optional: no record is information, not a
 * warning (most small companies have none).  A record whose policy cannot
 * be fetched or read is a warning: senders then act as if there were no
 * policy.  A valid policy that leaves out one of the domain's MX hosts is
 * a failure in enforce mode (senders that enforce it refuse to deliver
 * there: mail and bounces to us are lost), a warning in testing mode.
 */
static void
checks_mta_sts(const struct sender_report *r, struct sender_checks *cs)
{
	const struct tls_policy_rec *p = r->policy;
	const char *d = r->opts->domain, *miss;
	char mx[512];

	if (checks_txt_state(cs, "mta_sts", d, r->sts_txt, "_mta-sts", "MTA-STS"))
		return;
	if (p == NULL)
		check_add(cs, "mta_sts", CHECK_PASS, d, "_mta-sts.%s: one MTA-STS record (policy "
		    "not fetched: --no-mta-sts)", d);
	else if (!p->sts_policy)
		check_add(cs, "mta_sts", CHECK_WARN, d, "MTA-STS record id %s, but no valid "
		    "policy: %s", p->sts_id ? p->sts_id : "-",
		    p->sts_error ? p->sts_error : "no answer before the deadline");
	else {
		checks_join(&p->sts_mx, mx, sizeof(mx));
		miss = checks_sts_uncovered(r, p);
		if (strcmp(p->sts_mode, "none") == 0)
			check_add(cs, "mta_sts", CHECK_INFO, d, "MTA-STS policy mode none (switched "
			    "off), max_age %ld s", p->sts_max_age);
		else if (miss != NULL)
			check_add(cs, "mta_sts", strcmp(p->sts_mode, "enforce") == 0 ? CHECK_FAIL :
			    CHECK_WARN, d, "MTA-STS policy mode %s does not list the MX host %s "
			    "(policy mx: %s)", p->sts_mode, miss, mx);
		else
			check_add(cs, "mta_sts", CHECK_PASS, d, "MTA-STS policy mode %s, max_age %ld "
			    "s, mx: %s", p->sts_mode, p->sts_max_age, mx);
	}
}

/* TLS-RPT (RFC 8460) is optional too: no record is information. */
static void
checks_tls_rpt(const struct sender_report *r, struct sender_checks *cs)
{
	const char *d = r->opts->domain;
	char rua[512];

	if (checks_txt_state(cs, "tls_rpt", d, r->tlsrpt_txt, "_smtp._tls", "TLS-RPT"))
		return;
	if (r->policy != NULL && r->policy->rpt) {
		checks_join(&r->policy->rpt_rua, rua, sizeof(rua));
		check_add(cs, "tls_rpt", CHECK_PASS, d, "TLS-RPT reports go to %s", rua);
	} else
		check_add(cs, "tls_rpt", CHECK_PASS, d, "_smtp._tls.%s: one TLS-RPT record", d);
}

static void
checks_mx(const struct sender_report *r, struct sender_checks *cs)
{
	const char *d = r->opts->domain;
	struct sender_check *c;
	size_t i, addrs = 0;

	for (i = 0; i < r->nmx; i++)
		addrs += r->mx[i].naddrs;
	switch (r->mx_status) {
	case SMX_NEED:
		check_add(cs, "mx_inbound", CHECK_UNKNOWN, d, "no answer before the deadline");
		break;
	case SMX_ERROR:
		check_add(cs, "mx_inbound", CHECK_UNKNOWN, d, "MX lookup failed: %s", r->mx_error);
		break;
	case SMX_NXDOMAIN:
		check_add(cs, "mx_inbound", CHECK_FAIL, d, "the domain does not exist");
		break;
	case SMX_NULL:
		/* its own advice: nothing to spell-check, no MX to repair */
		if ((c = check_add(cs, "mx_inbound", CHECK_FAIL, d, "null MX: the domain accepts "
		    "no mail, so bounces and replies cannot come back")) != NULL)
			c->key = "sender.mx_inbound.null";
		break;
	case SMX_NONE:
		check_add(cs, "mx_inbound", CHECK_WARN, d, "no MX record: mail for %s goes to its "
		    "A record, if any", d);
		break;
	case SMX_OK:
		if (addrs == 0)
			check_add(cs, "mx_inbound", CHECK_FAIL, d, "MX hosts without any address");
		else if (!r->inbound_done)
			check_add(cs, "mx_inbound", CHECK_PASS, d, "MX hosts: %zu, their "
			    "addresses: %zu (the hosts were not connected to)", r->nmx, addrs);
		else
			checks_inbound(r, cs);
		break;
	}
}

/* What the findings say of one part of a provider's rules. */
enum rule_part { PART_OK, PART_BAD, PART_UNKNOWN, PART_NOT_FOUND };

/*
 * The words of a part in a rule's detail: bad is "missing/failing" or the like.
 */
static const char *
checks_part_word(enum rule_part p, const char *bad)
{
	switch (p) {
	case PART_OK:
		return "ok";
	case PART_BAD:
		return bad;
	case PART_UNKNOWN:
		return "unknown (no usable DNS answer)";
	case PART_NOT_FOUND:
		return "not found";
	}
	return bad;
}

/*
 * A rule's status from its parts: pass when it holds; fail when a part
 * the rule needs is known to be missing or failing; unknown when it
 * depends on a part that had no usable DNS answer (never "missing" for
 * a DNS error); else the one doubt left is a DKIM key not found at the
 * selectors tried (warn).  need_one: the rule needs spf OR dkim (Gmail,
 * all senders), else all of them; PART_OK for a part the rule does not
 * need.
 */
static enum check_status
checks_rule_status(enum rule_part spf, enum rule_part dkim,
    enum rule_part dmarc, enum rule_part ptr, bool need_one)
{
	enum rule_part auth, v[3];
	size_t i;

	if (need_one)
		auth = spf == PART_OK || dkim == PART_OK ? PART_OK : spf == PART_BAD &&
		    dkim == PART_BAD ? PART_BAD : spf == PART_UNKNOWN || dkim == PART_UNKNOWN ?
		    PART_UNKNOWN : PART_NOT_FOUND;
	else
		auth = spf == PART_BAD || dkim == PART_BAD ? PART_BAD : spf == PART_UNKNOWN ||
		    dkim == PART_UNKNOWN ? PART_UNKNOWN : dkim == PART_NOT_FOUND ? PART_NOT_FOUND :
		    PART_OK;
	v[0] = auth;
	v[1] = dmarc;
	v[2] = ptr;
	for (i = 0; i < 3; i++)
		if (v[i] == PART_BAD)
			return CHECK_FAIL;
	for (i = 0; i < 3; i++)
		if (v[i] == PART_UNKNOWN)
			return CHECK_UNKNOWN;
	return auth == PART_NOT_FOUND ? CHECK_WARN : CHECK_PASS;
}

/*
 * Whether a selector the mail is said to be signed with (--message's s=,
 * --dkim-selector) has no usable key: its signatures fail DKIM, so a key
 * found at another selector does not make DKIM "ok".
 */
static bool
checks_named_dkim_bad(const struct sender_report *r)
{
	const struct dkim_key *k;
	size_t i;

	for (i = 0; i < r->ndkim_named && i < r->ndkim; i++) {
		k = &r->dkim[i];
		if (k->status == DKIM_KEY_ABSENT || k->status == DKIM_KEY_REVOKED ||
		    k->status == DKIM_KEY_INVALID || (k->status == DKIM_KEY_OK &&
		    strcmp(k->k, "rsa") == 0 && k->bits < 1024))
			return true;
	}
	return false;
}

/*
 * The big providers' published rules, from the findings above (docs/json.md has
 * dates and sources).
 */
static void
checks_rules(const struct sender_report *r, struct sender_checks *cs)
{
	enum rule_part spf = PART_OK, dkim = PART_NOT_FOUND, dmarc, ptr = PART_OK;
	bool dkim_bad = false, dkim_unknown = false, ptr_missing = false;
	const char *d = r->opts->domain, *spf_w, *dkim_w, *dmarc_w, *ptr_w;
	size_t i;

	for (i = 0; i < cs->n; i++) {
		const struct sender_check *c = &cs->v[i];

		if (strcmp(c->id, "spf_record") == 0 || strcmp(c->id, "spf_pass") == 0 ||
		    strcmp(c->id, "spf_lookups") == 0) {
			if (c->status == CHECK_UNKNOWN && spf == PART_OK)
				spf = PART_UNKNOWN;
			else if (c->status != CHECK_PASS &&
			    c->status != CHECK_UNKNOWN)
				spf = PART_BAD;
		}
		if (strcmp(c->id, "dkim_key") == 0) {
			if (c->status == CHECK_PASS || c->status == CHECK_WARN)
				dkim = PART_OK;
			dkim_bad |= c->status == CHECK_FAIL;
			dkim_unknown |= c->status == CHECK_UNKNOWN;
		}
		if (strcmp(c->id, "ptr") == 0 || strcmp(c->id, "fcrdns") == 0) {
			ptr_missing |= strcmp(c->id, "ptr") == 0 && c->status == CHECK_FAIL;
			if (c->status == CHECK_FAIL)
				ptr = PART_BAD;
			else if (c->status == CHECK_UNKNOWN && ptr == PART_OK)
				ptr = PART_UNKNOWN;
		}
	}
	if (checks_named_dkim_bad(r))
		dkim = PART_BAD;
	else if (dkim != PART_OK)
		dkim = dkim_bad ? PART_BAD : dkim_unknown ? PART_UNKNOWN : PART_NOT_FOUND;
	dmarc = r->dmarc.status == DMARC_OK ? PART_OK : r->dmarc.status == DMARC_NEED ||
	    r->dmarc.status == DMARC_TEMPERROR ? PART_UNKNOWN : PART_BAD;
	spf_w = checks_part_word(spf, "missing/failing");
	/* a provider's d= is not DKIM "for your domain" (the rules' words) */
	if (r->opts->message_signer != NULL)
		dkim = PART_BAD;
	dkim_w = checks_part_word(dkim, r->opts->message_signer != NULL ?
	    "signed by another domain" : "failing");
	dmarc_w = checks_part_word(dmarc, "missing");
	/* no sending IP: PTR was not checked (sending_ips says so), not "ok" */
	ptr_w = r->nips == 0 ? "not checked (no sending IP)" : checks_part_word(ptr, ptr_missing ?
	    "missing" : "not confirmed (the name does not resolve back)");
	/* SPF or DKIM: a pass beside "SPF missing/failing" says why */
	check_add(cs, "provider_rules", checks_rule_status(spf, dkim, PART_OK, ptr, true),
	    "Gmail (all senders)", "SPF or DKIM (one is enough): SPF %s, DKIM %s; PTR and "
	    "forward DNS %s", spf_w, dkim_w, ptr_w);
	check_add(cs, "provider_rules", checks_rule_status(spf, dkim, dmarc, ptr, false),
	    "Gmail and Yahoo (bulk senders)", "SPF %s, DKIM (>= 1024 bits) %s, DMARC %s, PTR %s",
	    spf_w, dkim_w, dmarc_w, ptr_w);
	check_add(cs, "provider_rules", checks_rule_status(spf, dkim, dmarc, PART_OK, false),
	    "Microsoft Outlook.com (over 5,000 a day)", "SPF %s, DKIM %s, DMARC %s for %s", spf_w,
	    dkim_w, dmarc_w, d);
}

/* Worst first; a web name given for the mail domain before all: the
 * other findings are about that name. */
static int
check_cmp(const void *a, const void *b)
{
	const struct sender_check *x = a, *y = b;
	int xw = strcmp(x->id, "www_name") == 0, yw = strcmp(y->id, "www_name") == 0;

	if (xw != yw)
		return yw - xw;
	if (x->status != y->status)
		return (int)y->status - (int)x->status;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

/*
 * Only IPs were given and none was kept: each was a private address (the
 * only reason a given IP is skipped).  One finding per IP, the IP as its
 * subject, so nothing reads as a blank "-" and none of the IPs goes unsaid.
 */
static void
checks_private_ips(const struct sender_report *r, struct sender_checks *cs)
{
	struct ipaddr a, seen[SENDER_IPS_MAX];
	size_t i, k, n = 0;

	for (i = 0; i < r->opts->nips; i++) {
		if (!ipaddr_parse(r->opts->ips[i], &a))
			continue;
		for (k = 0; k < n && strcmp(seen[k].text, a.text) != 0; k++)
			;
		if (k < n)
			continue;
		seen[n++] = a;
		check_add(cs, "sending_ips", CHECK_WARN, a.text, "a private address, used only "
		    "inside your network: receiving servers see your public sending IP; give "
		    "that one");
	}
}

void
checks_build(const struct sender_report *r, struct sender_checks *cs)
{
	const struct dnsbl_set *lists = r->opts->lists;
	const struct dnsbl_verdict *v;
	char codes[CHECK_DETAIL_MAX];
	size_t i;
	bool nxdomain, dns_down;

	memset(cs, 0, sizeof(*cs));
	for (i = 0; i < lists->n; i++)
		if (r->zone_used[i] && r->zone_ok[i] == 0)
			check_add(cs, "dnsbl_zone", CHECK_UNKNOWN,
			    dnsbl_zone_name(&lists->lists[i], r->opts->spamhaus_key), "%s",
			    r->zone_cause[i]);
	/*
	 * A domain that does not exist (NXDOMAIN, a typo most often) has no
	 * records to judge: one finding says so, not "publish SPF, DMARC,
	 * DKIM" for a name nobody owns.
	 */
	nxdomain = r->has_domain && r->mx_status == SMX_NXDOMAIN;
	if (r->nips == 0 && r->has_domain && !nxdomain)
		check_add(cs, "sending_ips", CHECK_WARN, r->opts->domain,
		    "no sending IP found%s%s", r->ip_notes.n ? ": " : "",
		    r->ip_notes.n ? r->ip_notes.v[0] : "");
	else if (r->nips == 0 && !r->has_domain)
		checks_private_ips(r, cs);
	for (i = 0; i < r->nips; i++) {
		checks_dnsbl_ip(r, &r->ips[i], cs);
		checks_ptr(r, &r->ips[i], cs);
		if (r->ips[i].swept)
			check_add(cs, "dnsbl_sweep", r->ips[i].sweep_listed > 0 ? CHECK_WARN :
			    CHECK_PASS, r->ips[i].a.text, "%u of the %u other addresses of its /24 "
			    "listed (%u without a usable answer)", r->ips[i].sweep_listed,
			    r->ips[i].sweep_checked, r->ips[i].sweep_unknown);
		if (r->has_domain && !nxdomain)
			checks_spf_ip(r, &r->ips[i], cs);
	}
	/* a fact of DNS, not a guess at what was meant: the name without
	 * "www." receives mail, the name given does not */
	if (r->www_bare_mx > 0)
		check_add(cs, "www_name", CHECK_WARN, r->opts->domain, "%s has no MX "
		    "record; %s, the name without \"www.\", has %zu {3|MX record|MX "
		    "records}", r->opts->domain, r->opts->domain + 4, r->www_bare_mx);
	if (nxdomain)
		checks_mx(r, cs);
	else if (r->has_domain) {
		checks_spf(r, cs);
		checks_dmarc(r, cs);
		checks_dkim(r, cs);
		checks_mx(r, cs);
		checks_mta_sts(r, cs);
		checks_tls_rpt(r, cs);
		for (i = 0; i < lists->n; i++) {
			v = &r->domain_v[i];
			if (!lists->lists[i].domain)
				continue;
			if (v->state == DNSBL_LISTED ||
			    v->state == DNSBL_POLICY) {
				checks_codes(v, false, codes, sizeof(codes));
				check_add(cs, "dnsbl_domain", CHECK_FAIL, r->opts->domain,
				    "listed on %s (%s)", lists->lists[i].name, codes);
			} else if (v->state == DNSBL_UNKNOWN ||
			    v->state == DNSBL_NEED)
				check_add(cs, "dnsbl_domain", CHECK_UNKNOWN, r->opts->domain, "%s: %s",
				    lists->lists[i].name, v->cause ? v->cause :
				    "no answer before the deadline");
			else
				check_add(cs, "dnsbl_domain", CHECK_PASS, r->opts->domain,
				    "not listed on %s", lists->lists[i].name);
		}
		checks_rules(r, cs);
	}
	if (r->provider != NULL)
		check_add(cs, "provider", r->provider->shared_hosting ? CHECK_WARN : CHECK_PASS,
		    r->has_domain ? r->opts->domain : r->ips[0].a.text, "%s (from %s)",
		    r->provider->name, r->provider_why);
	/* each finding's explanation as every output gives it */
	dns_down = checks_run_dns_down(r);
	for (i = 0; i < cs->n; i++)
		cs->v[i].key = checks_advice_key(cs->v[i].key, dns_down,
		    r->has_domain ? sender_mx_status_name(r->mx_status) : NULL);
	qsort(cs->v, cs->n, sizeof(cs->v[0]), check_cmp);
}

void
checks_free(struct sender_checks *cs)
{
	size_t i;

	for (i = 0; i < cs->n; i++) {
		free(cs->v[i].subject);
		free(cs->v[i].detail);
	}
	cs->n = 0;
}

int
checks_exit(const struct sender_checks *cs)
{
	size_t i;
	bool doubt = false;

	for (i = 0; i < cs->n; i++) {
		if (cs->v[i].status == CHECK_FAIL)
			return MX_EXIT_NO;
		if (cs->v[i].status != CHECK_PASS &&
		    cs->v[i].status != CHECK_INFO)
			doubt = true;
	}
	return doubt ? MX_EXIT_UNSURE : MX_EXIT_OK;
}
