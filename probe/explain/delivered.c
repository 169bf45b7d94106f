/*
 * delivered.c - a delivered message explained from its headers.
 *
 * One pass reads the headers that matter (Received, Date, From, Subject,
 * DKIM-Signature, the result headers, the spam filters' headers); path.c
 * orders the hops and finds where the message entered the receiver.
 *
 * Which headers count.  The receiver prepends its Received: line at the
 * boundary and writes its own results either above it or just below it
 * (Gmail puts Received-SPF and Authentication-Results under its
 * mx.google.com line).  So a result header counts when it sits above the
 * next older Received: line (the sender side's) and its authserv-id is the
 * receiver's (RFC 8601 section 5: only results from a trusted authserv-id
 * mean anything; anyone upstream can write "mx.google.com; dkim=pass").
 * Below the boundary line only the first header of each kind counts: the
 * receiver writes its own there first, a sender's forgery comes after.
 * Coremail (NetEase, many companies' own servers) appends its headers at
 * the end of the header block: its results count anywhere when their
 * authserv-id is the bare host name in its own Received: line ("mx19").
 * Microsoft writes no authserv-id: it counts above the boundary, or
 * anywhere in that region when the receiver is Microsoft.  A spam header
 * of one provider's own format (Microsoft, Aliyun, QQ, Yahoo) counts only
 * when that provider is the receiver: Aliyun's X-Alimail-AntiSpam on a
 * message sent *from* Aliyun is its outbound scan, not the receiver's.
 *
 * The verdict comes from the trusted spam headers, the most direct first
 * (a folder label, then the provider's verdict, then SpamAssassin or
 * rspamd), or from the user (--folder).  The reasons gather every cause
 * the trusted headers name, the authentication results, and the sending
 * host's identity from the boundary hop.
 *
 * Public: delivered_analyse(), delivered_free(), dlv_trust_name(),
 * dlv_arkind_name().
 *
 * Bounds: DLV_HEADERS_MAX headers looked at, DLV_RESULTS_MAX result and
 * DLV_SIGNALS_MAX spam headers kept, DLV_REASONS_MAX reasons.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/util.h"
#include "explain/delivered.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static const char *const dlv_trust_names[TRUST__LAST] = {
	"receiver", "upstream", "other_authserv_id",
};

static const char *const dlv_arkind_names[DLV_ARKIND__LAST] = {
	"Authentication-Results", "ARC-Authentication-Results", "Received-SPF",
};

/* Provider formats that only the provider itself writes on receipt. */
static const struct {
	const char	*source;
	const char	*org;
} dlv_own_format[] = {
	{ "Microsoft 365", "outlook.com" },
	{ "Microsoft Exchange", NULL },		/* any Exchange: no check */
	{ "Aliyun Mail", "aliyun.com" },
	{ "QQ Mail / Exmail", "qq.com" },
	{ "Yahoo", "yahoo.com" },
};

/* How direct a filter's verdict is: lower wins. */
static const struct {
	const char	*source;
	int		 rank;
} dlv_rank[] = {
	{ "Gmail", 0 }, { "Yahoo", 0 }, { "Microsoft 365", 1 },
	{ "Microsoft Exchange", 1 }, { "SpamAssassin", 2 }, { "rspamd", 2 },
	{ "Aliyun Mail", 3 },
};

const char *
dlv_trust_name(enum dlv_trust t)
{
	if ((int)t < 0 || t >= TRUST__LAST)
		fatalx("%s: bad trust %d", __func__, (int)t);
	return dlv_trust_names[t];
}

const char *
dlv_arkind_name(enum dlv_arkind k)
{
	if ((int)k < 0 || k >= DLV_ARKIND__LAST)
		fatalx("%s: bad kind %d", __func__, (int)k);
	return dlv_arkind_names[k];
}

static void
dlv_copy(char *dst, size_t cap, const char *s)
{
	size_t n = strlen(s);

	if (n >= cap)
		n = cap - 1;
	memcpy(dst, s, n);
	dst[n] = '\0';
}

static void __attribute__((format(printf, 4, 5)))
dlv_reason(struct delivered *d, enum cause c, const char *source,
    const char *fmt, ...)
{
	struct dlv_reason *r;
	va_list ap;
	size_t i;

	for (i = 0; i < d->nreasons; i++)
		if (d->reasons[i].cause == c)
			return;
	if (d->nreasons == NELEM(d->reasons))
		return;
	r = &d->reasons[d->nreasons++];
	r->cause = c;
	r->source = source;
	va_start(ap, fmt);
	(void)vsnprintf(r->detail, sizeof(r->detail), fmt, ap);
	va_end(ap);
}

static void
dlv_add_dkim_sig(struct delivered *d, const char *value, size_t len)
{
	struct dkim_sig sig;
	struct dlv_dkim *k;

	d->nsigs++;
	if (authres_parse_dkim_sig(value, len, &sig) != 0 ||
	    d->ndkim == NELEM(d->dkim))
		return;
	k = &d->dkim[d->ndkim++];
	memset(k, 0, sizeof(*k));
	dlv_copy(k->domain, sizeof(k->domain), sig.d);
	dlv_copy(k->selector, sizeof(k->selector), sig.s);
}

/* Room for one more element: capacity doubled, never beyond max. */
static void *
dlv_grow(void *v, size_t n, size_t *cap, size_t max, size_t size)
{
	if (n < *cap)
		return v;
	*cap = *cap == 0 ? 2 : *cap * 2;
	if (*cap > max)
		*cap = max;
	return xrealloc(v, *cap * size);
}

static void
dlv_add_authres(struct delivered *d, enum dlv_arkind kind, const char *value,
    size_t len, size_t pos)
{
	struct dlv_authres *a;
	int rc;

	if (d->nars == DLV_RESULTS_MAX)
		return;
	d->ars = dlv_grow(d->ars, d->nars, &d->capars, DLV_RESULTS_MAX,
	    sizeof(*d->ars));
	a = &d->ars[d->nars];
	if (kind == DLV_RECEIVED_SPF)
		rc = authres_parse_received_spf(value, len, &a->ar);
	else
		rc = authres_parse(value, len, kind == DLV_ARC_AR, &a->ar);
	if (rc < 0)
		return;
	a->kind = kind;
	a->pos = pos;
	d->nars++;
}

static void
dlv_add_spam(struct delivered *d, const char *name, const char *value,
    size_t len, size_t pos)
{
	struct dlv_spam *s;
	size_t i;

	if (d->nspam == DLV_SIGNALS_MAX)
		return;
	d->spam = dlv_grow(d->spam, d->nspam, &d->capspam, DLV_SIGNALS_MAX,
	    sizeof(*d->spam));
	s = &d->spam[d->nspam];
	if (spamhdr_parse(name, value, len, &s->sig) != 0)
		return;
	/* one line per undocumented filter is enough */
	for (i = 0; i < d->nspam; i++)
		if (s->sig.ncauses == 1 &&
		    s->sig.causes[0] == CAUSE_OPAQUE_FILTER &&
		    d->spam[i].sig.source == s->sig.source)
			return;
	s->pos = pos;
	d->nspam++;
}

static void
dlv_read(struct delivered *d, const struct dlv_header *h, size_t n,
    bool *has_date, long long *date)
{
	size_t i;
	int tz;
	unsigned fl = 0;
	bool trunc = false, control = false;

	for (i = 0; i < n; i++) {
		const char *nm = h[i].name;

		if (i == DLV_HEADERS_MAX) {
			d->nheaders_dropped = n - i;
			break;
		}
		if (strcasecmp(nm, "Received") == 0)
			path_add(&d->path, h[i].value, h[i].len, i);
		else if (strcasecmp(nm, "Date") == 0 && !*has_date)
			*has_date = rcvd_parse_date(h[i].value, h[i].len, date,
			    &tz, &fl) == 0;
		else if (strcasecmp(nm, "From") == 0 && d->from_domain[0] == '\0')
			(void)authres_from_domain(h[i].value, h[i].len,
			    d->from_domain);
		else if (strcasecmp(nm, "Subject") == 0 && d->subject[0] == '\0')
			(void)rcvd_unfold(h[i].value, h[i].len, d->subject,
			    sizeof(d->subject), &trunc, &control);
		else if (strcasecmp(nm, "DKIM-Signature") == 0)
			dlv_add_dkim_sig(d, h[i].value, h[i].len);
		else if (strcasecmp(nm, "Authentication-Results") == 0)
			dlv_add_authres(d, DLV_AR, h[i].value, h[i].len, i);
		else if (strcasecmp(nm, "ARC-Authentication-Results") == 0)
			dlv_add_authres(d, DLV_ARC_AR, h[i].value, h[i].len, i);
		else if (strcasecmp(nm, "Received-SPF") == 0)
			dlv_add_authres(d, DLV_RECEIVED_SPF, h[i].value,
			    h[i].len, i);
		else if (spamhdr_known(nm))
			dlv_add_spam(d, nm, h[i].value, h[i].len, i);
	}
}

static bool
dlv_receiver_is(const struct delivered *d, const char *org)
{
	char o[ORGDOM_MAX];

	if (org == NULL)
		return true;
	dlv_copy(o, sizeof(o), org);
	return orgdom_same_operator(o, d->path.receiver_org);
}

/* Is an authserv-id the receiver's own? */
static bool
dlv_id_is_receiver(const struct delivered *d, const char *id)
{
	char org[ORGDOM_MAX];
	size_t i;

	if (strchr(id, '.') == NULL) {
		/* "mx19": Coremail's bare host name, as in its Received: */
		for (i = 0; i < d->path.nhops; i++)
			if (d->path.hops[i].receiver &&
			    strcasecmp(d->path.hops[i].r.by, id) == 0)
				return true;
		return false;
	}
	if (!orgdom_get(id, org))
		return false;
	return d->path.receiver_org[0] == '\0' ||
	    orgdom_same_operator(org, d->path.receiver_org);
}

static void
dlv_trust(struct delivered *d)
{
	const struct path *p = &d->path;
	size_t bpos = SIZE_MAX, npos = SIZE_MAX, i, k;
	bool microsoft = dlv_receiver_is(d, "outlook.com");
	bool below_seen[DLV_ARKIND__LAST] = { false };
	const char *coremail = NULL;	/* its "by" name when Coremail received it */

	if (p->boundary >= 0) {
		if (strcasecmp(p->hops[p->boundary].r.software, "Coremail") == 0)
			coremail = p->hops[p->boundary].r.by;
		bpos = p->hops[p->boundary].pos;
		if (p->boundary > 0)
			npos = p->hops[p->boundary - 1].pos;
	} else if (p->nhops > 0)
		bpos = npos = p->hops[p->nhops - 1].pos;
	for (i = 0; i < d->nars; i++) {
		struct dlv_authres *a = &d->ars[i];

		if (coremail && strcasecmp(a->ar.authserv_id, coremail) == 0)
			a->trust = TRUST_RECEIVER;	/* Coremail appends at the end */
		else if (a->pos > npos)
			a->trust = TRUST_UPSTREAM;
		else if (a->ar.authserv_id[0] == '\0')
			a->trust = (a->pos < bpos || microsoft) ?
			    TRUST_RECEIVER : TRUST_UPSTREAM;
		else
			a->trust = dlv_id_is_receiver(d, a->ar.authserv_id) ?
			    TRUST_RECEIVER : TRUST_OTHER_ID;
		/*
		 * Below its Received: line a receiver writes one header of a
		 * kind (Gmail: Received-SPF, then Authentication-Results);
		 * a second one there with its name came from the sender.
		 */
		if (a->trust == TRUST_RECEIVER && a->pos > bpos) {
			if (below_seen[a->kind])
				a->trust = TRUST_UPSTREAM;
			below_seen[a->kind] = true;
		}
	}
	for (i = 0; i < d->nspam; i++) {
		struct dlv_spam *s = &d->spam[i];

		s->trust = s->pos > npos ? TRUST_UPSTREAM : TRUST_RECEIVER;
		if (strcmp(s->sig.source, "NetEase Coremail") == 0)
			s->trust = coremail ? TRUST_RECEIVER : TRUST_OTHER_ID;
		for (k = 0; k < NELEM(dlv_own_format); k++)
			if (s->trust == TRUST_RECEIVER &&
			    strcmp(s->sig.source, dlv_own_format[k].source) == 0 &&
			    !dlv_receiver_is(d, dlv_own_format[k].org))
				s->trust = TRUST_OTHER_ID;
	}
}

static struct dlv_dkim *
dlv_dkim_for(struct delivered *d, const char *domain, const char *selector)
{
	struct dlv_dkim *k;
	size_t i;

	for (i = 0; i < d->ndkim; i++)
		if (strcasecmp(d->dkim[i].domain, domain) == 0 &&
		    (selector[0] == '\0' || d->dkim[i].selector[0] == '\0' ||
		    strcmp(d->dkim[i].selector, selector) == 0))
			return &d->dkim[i];
	if (d->ndkim == NELEM(d->dkim) || domain[0] == '\0')
		return NULL;
	k = &d->dkim[d->ndkim++];
	memset(k, 0, sizeof(*k));
	dlv_copy(k->domain, sizeof(k->domain), domain);
	dlv_copy(k->selector, sizeof(k->selector), selector);
	return k;
}

/*
 * The first trusted result of each method, A-R first, then ARC, then
 * Received-SPF.
 */
static void
dlv_auth(struct delivered *d)
{
	static const enum dlv_arkind order[] = { DLV_AR, DLV_ARC_AR,
	    DLV_RECEIVED_SPF };
	char fo[ORGDOM_MAX], ko[ORGDOM_MAX];
	size_t o, i, k;
	bool have_dkim = false;

	for (o = 0; o < NELEM(order); o++) {
		for (i = 0; i < d->nars; i++) {
			const struct dlv_authres *a = &d->ars[i];

			if (a->kind != order[o] || a->trust != TRUST_RECEIVER)
				continue;
			if (d->trusted_id[0] == '\0')
				dlv_copy(d->trusted_id, sizeof(d->trusted_id),
				    a->ar.authserv_id[0] != '\0' ?
				    a->ar.authserv_id : "(none)");
			for (k = 0; k < a->ar.nres; k++) {
				const struct ar_result *r = &a->ar.res[k];

				if (strcmp(r->method, "spf") == 0 &&
				    d->spf[0] == '\0') {
					dlv_copy(d->spf, sizeof(d->spf),
					    r->result);
					authres_domain_of(r->mailfrom,
					    d->spf_domain);
					if (d->sending_ip[0] == '\0' &&
					    r->client_ip[0] != '\0') {
						dlv_copy(d->sending_ip,
						    sizeof(d->sending_ip),
						    r->client_ip);
						d->sending_ip_from =
						    dlv_arkind_name(a->kind);
					}
				} else if (strcmp(r->method, "dmarc") == 0 &&
				    d->dmarc[0] == '\0') {
					dlv_copy(d->dmarc, sizeof(d->dmarc),
					    r->result);
					dlv_copy(d->dmarc_policy,
					    sizeof(d->dmarc_policy), r->policy);
				} else if (strcmp(r->method, "arc") == 0 &&
				    d->arc[0] == '\0')
					dlv_copy(d->arc, sizeof(d->arc),
					    r->result);
				else if (strcmp(r->method, "compauth") == 0 &&
				    d->compauth[0] == '\0')
					dlv_copy(d->compauth,
					    sizeof(d->compauth), r->result);
				else if (strcmp(r->method, "dkim") == 0 &&
				    strcmp(r->result, "none") != 0 &&
				    (!have_dkim || order[o] == DLV_AR)) {
					struct dlv_dkim *dk = dlv_dkim_for(d,
					    r->header_d, r->header_s);
					if (dk != NULL && dk->result[0] == '\0')
						dlv_copy(dk->result,
						    sizeof(dk->result),
						    r->result);
				}
			}
			for (k = 0; k < d->ndkim; k++)
				have_dkim |= d->dkim[k].result[0] != '\0';
		}
	}
	/* relaxed alignment (RFC 7489 3.1.1): same organisational domain */
	if (orgdom_get(d->from_domain, fo))
		for (k = 0; k < d->ndkim; k++)
			d->dkim[k].aligned = orgdom_get(d->dkim[k].domain, ko) &&
			    strcmp(fo, ko) == 0;
	for (k = 0; k < d->ndkim; k++)
		if (d->dkim_domain[0] == '\0' || d->dkim[k].aligned) {
			dlv_copy(d->dkim_domain, sizeof(d->dkim_domain),
			    d->dkim[k].domain);
			dlv_copy(d->dkim_selector, sizeof(d->dkim_selector),
			    d->dkim[k].selector);
			if (d->dkim[k].aligned)
				break;
		}
}

static int
dlv_rank_of(const char *source)
{
	size_t i;

	for (i = 0; i < NELEM(dlv_rank); i++)
		if (strcmp(source, dlv_rank[i].source) == 0)
			return dlv_rank[i].rank;
	return 9;
}

static void
dlv_verdict(struct delivered *d, const char *folder)
{
	size_t i;
	int best = 99, r;

	for (i = 0; i < d->nspam; i++) {
		const struct spam_signal *s = &d->spam[i].sig;

		if (d->spam[i].trust != TRUST_RECEIVER)
			continue;
		if (s->verdict != SPAM_UNKNOWN &&
		    (r = dlv_rank_of(s->source)) < best) {
			best = r;
			d->verdict = s->verdict;
			d->verdict_from = (int)i;
		}
	}
	/* the score of the deciding filter, from any of its headers */
	for (i = 0; d->verdict_from >= 0 && i < d->nspam; i++) {
		const struct spam_signal *s = &d->spam[i].sig;

		if (d->spam[i].trust != TRUST_RECEIVER || !s->has_score ||
		    s->source != d->spam[d->verdict_from].sig.source ||
		    strcmp(s->header, "X-Microsoft-Antispam") == 0)
			continue;
		if (!d->has_score) {
			d->has_score = true;
			d->score = s->score;
		}
		if (s->has_required && d->required == 0) {
			d->required = s->required;
			d->required_rejects = s->required_rejects;
		}
	}
	d->server_verdict = d->verdict;
	if (folder != NULL && *folder != '\0') {
		d->user_folder = true;
		d->verdict = strcasecmp(folder, "spam") == 0 ||
		    strcasecmp(folder, "junk") == 0 ? SPAM_SPAM : SPAM_INBOX;
	}
}

static void
dlv_reasons_filters(struct delivered *d)
{
	size_t i, k;

	for (i = 0; i < d->nspam; i++) {
		const struct spam_signal *s = &d->spam[i].sig;

		if (d->spam[i].trust != TRUST_RECEIVER)
			continue;
		for (k = 0; k < s->ncauses; k++)
			if (s->causes[k] != CAUSE_OPAQUE_FILTER)
				dlv_reason(d, (enum cause)s->causes[k],
				    s->source, "%s: %s", s->header, s->detail);
		for (k = 0; k < s->nrules; k++)
			if (s->rules[k].cause >= 0) {
				if (s->rules[k].has_score)
					dlv_reason(d,
					    (enum cause)s->rules[k].cause,
					    s->source, "%s (%.2f)",
					    s->rules[k].name,
					    s->rules[k].score);
				else
					dlv_reason(d,
					    (enum cause)s->rules[k].cause,
					    s->source, "%s", s->rules[k].name);
			}
		if (s->ptr_said && s->ptr[0] == '\0')
			dlv_reason(d, CAUSE_NO_PTR, s->source, "%s: PTR empty",
			    s->header);
	}
}

static void
dlv_reasons_auth(struct delivered *d)
{
	const char *ar = "Authentication-Results";
	size_t k, checked = 0, passed = 0, aligned_pass = 0, aligned = 0;
	const char *pass_domain = "";
	char fo[ORGDOM_MAX];

	if (strcmp(d->spf, "fail") == 0)
		dlv_reason(d, CAUSE_SPF_FAIL, ar, "spf=fail %s %s", d->spf_domain,
		    d->sending_ip);
	else if (strcmp(d->spf, "softfail") == 0)
		dlv_reason(d, CAUSE_SPF_SOFTFAIL, ar, "spf=softfail %s %s",
		    d->spf_domain, d->sending_ip);
	else if (strcmp(d->spf, "none") == 0)
		dlv_reason(d, CAUSE_SPF_NONE, ar, "spf=none %s", d->spf_domain);
	else if (strcmp(d->spf, "temperror") == 0 ||
	    strcmp(d->spf, "permerror") == 0)
		dlv_reason(d, CAUSE_SPF_ERROR, ar, "spf=%s %s", d->spf,
		    d->spf_domain);
	for (k = 0; k < d->ndkim; k++) {
		aligned += d->dkim[k].aligned;
		if (d->dkim[k].result[0] == '\0')
			continue;
		checked++;
		if (strcmp(d->dkim[k].result, "pass") == 0) {
			if (passed++ == 0)
				pass_domain = d->dkim[k].domain;
			aligned_pass += d->dkim[k].aligned;
		}
	}
	if (d->nsigs == 0 && passed == 0)
		dlv_reason(d, CAUSE_DKIM_NONE, "DKIM-Signature",
		    "no DKIM-Signature header");
	else if (checked > 0 && passed == 0)
		dlv_reason(d, CAUSE_DKIM_FAIL, ar, "dkim=%s d=%s",
		    d->dkim[0].result, d->dkim[0].domain);
	else if (passed > 0 && aligned_pass == 0 && d->from_domain[0] != '\0')
		dlv_reason(d, CAUSE_DKIM_UNALIGNED, ar,
		    "dkim=pass d=%s, From: %s", pass_domain, d->from_domain);
	/*
	 * no result from the receiver (QQ Mail, NetEase write none), but no
	 * signature is of From:'s organisational domain: whatever their
	 * check said, none counts for DMARC (RFC 7489 3.1.1)
	 */
	else if (checked == 0 && d->ndkim > 0 && aligned == 0 &&
	    orgdom_get(d->from_domain, fo))
		dlv_reason(d, CAUSE_DKIM_UNALIGNED, "DKIM-Signature",
		    "d=%s, From: %s", d->dkim[0].domain, d->from_domain);
	if (strcmp(d->dmarc, "fail") == 0)
		dlv_reason(d, CAUSE_DMARC_FAIL, ar, "dmarc=fail p=%s header.from=%s",
		    d->dmarc_policy[0] != '\0' ? d->dmarc_policy : "?",
		    d->from_domain);
	else if (strcmp(d->dmarc, "none") == 0)
		dlv_reason(d, CAUSE_DMARC_NONE, ar, "dmarc=none header.from=%s",
		    d->from_domain);
	if (strcmp(d->compauth, "fail") == 0 || strcmp(d->compauth, "softfail") == 0)
		dlv_reason(d, CAUSE_SPOOF, ar, "compauth=%s", d->compauth);
}

/*
 * Does this MTA write the reverse DNS name it found?  Postfix, Sendmail
 * and Exim do ("unknown" or a bare [IP] when there is none); QQ's and
 * Coremail's "(unknown [IP])" is written even for hosts with a name, so an
 * empty name there proves nothing.
 */
static bool
dlv_writes_rdns(const struct rcvd_hop *r)
{
	return strncasecmp(r->software, "Postfix", 7) == 0 ||
	    (r->software[0] >= '0' && r->software[0] <= '9' &&
	    strchr(r->software, '/') != NULL) ||
	    (r->protocol[0] >= 'a' && r->protocol[0] <= 'z' &&
	    strncmp(r->protocol, "esmtp", 5) == 0);
}

static void
dlv_reasons_path(struct delivered *d)
{
	const struct path *p = &d->path;
	const struct rcvd_hop *r;
	size_t i;

	if (p->boundary >= 0) {
		r = &p->hops[p->boundary].r;
		if (r->rdns_slot && r->from_rdns[0] == '\0' &&
		    r->ip[0] != '\0' && dlv_writes_rdns(r))
			dlv_reason(d, CAUSE_NO_PTR, "Received",
			    "%s has no reverse DNS name (by %s)", r->ip, r->by);
		else if (path_ptr_generic(r->from_rdns, r->ip))
			dlv_reason(d, CAUSE_PTR_GENERIC, "Received", "%s [%s]",
			    r->from_rdns, r->ip);
	}
	if (d->verdict != SPAM_UNKNOWN || d->user_folder)
		return;
	for (i = 0; i < d->nspam; i++)
		if (d->spam[i].trust == TRUST_RECEIVER &&
		    d->spam[i].sig.ncauses > 0 &&
		    d->spam[i].sig.causes[0] == CAUSE_OPAQUE_FILTER)
			dlv_reason(d, CAUSE_OPAQUE_FILTER,
			    d->spam[i].sig.source, "%s", d->spam[i].sig.header);
}

static void
dlv_sending_ip(struct delivered *d)
{
	size_t i;

	/*
	 * Microsoft's CIP is the connecting IP its edge saw: the best witness
	 */
	for (i = 0; i < d->nspam; i++)
		if (d->spam[i].trust == TRUST_RECEIVER &&
		    d->spam[i].sig.ip[0] != '\0') {
			dlv_copy(d->sending_ip, sizeof(d->sending_ip),
			    d->spam[i].sig.ip);
			d->sending_ip_from = d->spam[i].sig.header;
			return;
		}
	if (d->sending_ip[0] == '\0' && d->path.sending_ip[0] != '\0') {
		dlv_copy(d->sending_ip, sizeof(d->sending_ip),
		    d->path.sending_ip);
		d->sending_ip_from = "Received";
	}
}

int
delivered_analyse(const struct dlv_header *h, size_t n, const char *folder,
    struct delivered *d)
{
	bool has_date = false;
	long long date = 0;
	const char *hint = "";
	size_t i;

	memset(d, 0, sizeof(*d));
	path_init(&d->path);
	d->verdict_from = -1;
	dlv_read(d, h, n, &has_date, &date);
	if (d->path.nhops == 0)
		return -1;
	for (i = 0; i < d->nars; i++)
		if (d->ars[i].kind == DLV_AR && d->ars[i].ar.authserv_id[0]) {
			hint = d->ars[i].ar.authserv_id;
			break;
		}
	path_finish(&d->path, hint, has_date, date);
	dlv_trust(d);
	dlv_auth(d);
	dlv_sending_ip(d);
	dlv_verdict(d, folder);
	dlv_reasons_filters(d);
	dlv_reasons_auth(d);
	dlv_reasons_path(d);
	return 0;
}

void
delivered_free(struct delivered *d)
{
	path_free(&d->path);
	free(d->ars);
	free(d->spam);
	d->ars = NULL;
	d->spam = NULL;
}
