/*
 * dmarc.c - a sender's DMARC record (RFC 7489 6.3 tags, 6.6.3 policy
 * discovery; np, psd and t of its successor).  The record is looked up at
 * _dmarc.DOMAIN, then at _dmarc.ORG where ORG is the organisational domain
 * (libpsl's registrable domain).  More than one record means no policy.
 * A rua= address in another organisational domain must be authorized by
 * a v=DMARC1 TXT record at DOMAIN._report._dmarc.DEST (7.1).  Records are
 * hostile text: tags are read within the record's bounds, unknown tags
 * ignored, at most DMARC_RUA_MAX report addresses kept.
 *
 * Public: dmarc_parse, dmarc_check, dmarc_applied, dmarc_clear,
 * dmarc_org_domain.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libpsl.h>

#include "base/util.h"
#include "sender/dmarc.h"

char *
dmarc_org_domain(const char *name)
{
	static const psl_ctx_t *psl;
	const char *org;

	if (psl == NULL && (psl = psl_latest(NULL)) == NULL)
		psl = psl_builtin();
	org = psl != NULL ? psl_registrable_domain(psl, name) : NULL;
	return xstrdup(org != NULL ? org : name);
}

/* Trim spaces and tabs around s[0..*n). */
static const char *
dmarc_trim(const char *s, size_t *n)
{
	while (*n > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		(*n)--;
	}
	while (*n > 0 && (s[*n - 1] == ' ' || s[*n - 1] == '\t'))
		(*n)--;
	return s;
}

static bool
dmarc_policy(const char *v, size_t n, char out[12])
{
	static const char *const ok[] = { "none", "quarantine", "reject" };
	size_t i;

	for (i = 0; i < 3; i++)
		if (n == strlen(ok[i]) && strncasecmp(v, ok[i], n) == 0) {
			strcpy(out, ok[i]);
			return true;
		}
	return false;
}

static void
dmarc_add_rua(struct dmarc_result *r, const char *v, size_t n)
{
	const char *p = v, *end = v + n, *comma, *at, *bang;
	struct dmarc_rua *u;
	size_t len;

	while (p < end && r->nrua < DMARC_RUA_MAX) {
		comma = memchr(p, ',', (size_t)(end - p));
		len = comma ? (size_t)(comma - p) : (size_t)(end - p);
		p = dmarc_trim(p, &len);
		if (len > 0) {
			u = &r->rua[r->nrua++];
			memset(u, 0, sizeof(*u));
			u->uri = xstrndup(p, len);
			u->authorized = 1;
			if (len > 7 && strncasecmp(p, "mailto:", 7) == 0 &&
			    (at = memchr(p, '@', len)) != NULL) {
				bang = memchr(at, '!', (size_t)(p + len - at));
				u->dest = xstrndup(at + 1,
				    (size_t)((bang ? bang : p + len) - at - 1));
				for (char *c = u->dest; *c; c++)
					*c = (char)tolower((unsigned char)*c);
			}
		}
		if (comma == NULL)
			break;
		p = comma + 1;
	}
}

/* pct=0..100 read within the value's bounds; 100 when not a number. */
static int
dmarc_pct(const char *v, size_t n)
{
	int pct = 0;
	size_t i;

	if (n == 0 || n > 3)
		return 100;
	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)v[i]))
			return 100;
		pct = pct * 10 + (v[i] - '0');
	}
	return pct;
}

bool
dmarc_parse(const char *txt, size_t len, struct dmarc_result *r)
{
	const char *p = txt, *end = txt + len, *semi, *eq, *v;
	size_t n, tn, vn;
	bool first = true, have_p = false;

	r->pct = 100;
	r->adkim = r->aspf = 'r';
	while (p < end) {
		semi = memchr(p, ';', (size_t)(end - p));
		n = semi ? (size_t)(semi - p) : (size_t)(end - p);
		p = dmarc_trim(p, &n);
		if (n > 0) {
			if ((eq = memchr(p, '=', n)) == NULL) {
				r->error = xstrdup("a tag without '='");
				return false;
			}
			tn = (size_t)(eq - p);
			dmarc_trim(p, &tn);
			vn = n - (size_t)(eq + 1 - p);
			v = dmarc_trim(eq + 1, &vn);
			if (first && !(tn == 1 && p[0] == 'v' && vn == 6 && strncmp(v, "DMARC1", 6) == 0)) {
				r->error = xstrdup("does not start with v=DMARC1");
				return false;
			}
			first = false;
			if (tn == 1 && p[0] == 'p')
				have_p = dmarc_policy(v, vn, r->p);
			else if (tn == 2 && strncmp(p, "sp", 2) == 0)
				dmarc_policy(v, vn, r->sp);
			else if (tn == 2 && strncmp(p, "np", 2) == 0)
				dmarc_policy(v, vn, r->np);
			else if (tn == 3 && strncmp(p, "pct", 3) == 0)
				r->pct = dmarc_pct(v, vn);
			else if (tn == 5 && strncmp(p, "adkim", 5) == 0 && vn == 1)
				r->adkim = (char)tolower((unsigned char)v[0]);
			else if (tn == 4 && strncmp(p, "aspf", 4) == 0 && vn == 1)
				r->aspf = (char)tolower((unsigned char)v[0]);
			else if (tn == 1 && p[0] == 't')
				r->testing = vn == 1 &&
				    (v[0] == 'y' || v[0] == 'Y');
			else if (tn == 3 && strncmp(p, "rua", 3) == 0)
				dmarc_add_rua(r, v, vn);
			else if (tn == 3 && strncmp(p, "ruf", 3) == 0)
				r->ruf = true;
		}
		if (semi == NULL)
			break;
		p = semi + 1;
	}
	if (first) {
		r->error = xstrdup("empty record");
		return false;
	}
	if (r->pct > 100)
		r->pct = 100;
	if (!have_p) {
		/*
		 * RFC 7489 6.6.3: no valid p= but a valid rua= counts as
		 * p=none.
		 */
		if (r->nrua > 0) {
			strcpy(r->p, "none");
			return true;
		}
		r->error = xstrdup("no valid p= (none, quarantine or reject)");
		return false;
	}
	return true;
}

static bool
dmarc_is_record(const struct dns_rr *rr)
{
	return rr->len >= 8 && strncmp((const char *)rr->data, "v=DMARC1", 8) == 0 &&
	    (rr->len == 8 || rr->data[8] == ';' || rr->data[8] == ' ' || rr->data[8] == '\t');
}

/*
 * Look at _dmarc.name: 1 found (one record in *out), 0 none, -1 need, -2 error.
 */
static int
dmarc_lookup(const struct sender_dns *dns, const char *name,
    struct dmarc_result *r, const struct dns_rr **out)
{
	const struct dns_result *a;
	char q[300];
	size_t i, n = 0;

	snprintf(q, sizeof(q), "_dmarc.%s", name);
	if ((a = sdns_get(dns, q, DNS_T_TXT)) == NULL)
		return -1;
	if (dns_result_nxdomain(a) || (dns_result_ok(a) && a->nrrs == 0))
		return 0;
	if (!dns_result_ok(a)) {
		r->error = xasprintf("%s: %s", q, dns_result_problem(a));
		return -2;
	}
	for (i = 0; i < a->nrrs; i++)
		if (dmarc_is_record(&a->rrs[i])) {
			*out = &a->rrs[i];
			n++;
		}
	if (n > 1) {
		r->at = xstrdup(q);
		r->status = DMARC_MULTIPLE;
		return 2;
	}
	return n == 1 ? 1 : 0;
}

/* External report destinations: is each one authorized? */
static bool
dmarc_check_rua(const struct sender_dns *dns, const char *domain,
    struct dmarc_result *r)
{
	const struct dns_result *a;
	char *org = dmarc_org_domain(domain), *dorg, q[600];
	bool need = false;
	size_t i, k;

	for (i = 0; i < r->nrua; i++) {
		if (r->rua[i].dest == NULL)
			continue;
		dorg = dmarc_org_domain(r->rua[i].dest);
		r->rua[i].external = strcasecmp(dorg, org) != 0;
		free(dorg);
		if (!r->rua[i].external)
			continue;
		snprintf(q, sizeof(q), "%s._report._dmarc.%s", domain, r->rua[i].dest);
		if ((a = sdns_get(dns, q, DNS_T_TXT)) == NULL) {
			need = true;
			continue;
		}
		r->rua[i].authorized = 0;
		if (!dns_result_ok(a) && !dns_result_nxdomain(a))
			r->rua[i].authorized = -1;
		for (k = 0; dns_result_ok(a) && k < a->nrrs; k++)
			if (dmarc_is_record(&a->rrs[k]))
				r->rua[i].authorized = 1;
	}
	free(org);
	return !need;
}

void
dmarc_check(const struct sender_dns *dns, const char *domain,
    struct dmarc_result *r)
{
	const struct dns_rr *rec = NULL;
	char *org;
	int found;

	memset(r, 0, sizeof(*r));
	found = dmarc_lookup(dns, domain, r, &rec);
	if (found == 0) {
		org = dmarc_org_domain(domain);
		if (strcasecmp(org, domain) != 0) {
			found = dmarc_lookup(dns, org, r, &rec);
			r->inherited = found == 1;
			if (found == 1)
				r->at = xasprintf("_dmarc.%s", org);
		}
		free(org);
	} else if (found == 1)
		r->at = xasprintf("_dmarc.%s", domain);
	switch (found) {
	case -1:
		r->status = DMARC_NEED;
		return;
	case -2:
		r->status = DMARC_TEMPERROR;
		return;
	case 0:
		r->status = DMARC_NONE;
		return;
	case 2:
		return;	/* DMARC_MULTIPLE */
	}
	r->record = xstrndup((const char *)rec->data, rec->len);
	if (!dmarc_parse((const char *)rec->data, rec->len, r)) {
		r->status = DMARC_INVALID;
		return;
	}
	r->status = dmarc_check_rua(dns, domain, r) ? DMARC_OK : DMARC_NEED;
}

const char *
dmarc_applied(const struct dmarc_result *r, bool *sp)
{
	*sp = r->status == DMARC_OK && r->inherited && r->sp[0] != '\0';
	if (r->status != DMARC_OK)
		return "";
	return *sp ? r->sp : r->p;
}

void
dmarc_clear(struct dmarc_result *r)
{
	size_t i;

	for (i = 0; i < r->nrua; i++) {
		free(r->rua[i].uri);
		free(r->rua[i].dest);
	}
	free(r->at);
	free(r->record);
	free(r->error);
	memset(r, 0, sizeof(*r));
}
