/*
 * dnsbl.c - DNS blocklists done right (RFC 5782).  The lists come from a
 * JSON data file read with jansson (bounded: DNSBL_LISTS_MAX lists,
 * DNSBL_RANGES_MAX ranges each).  An answer is a listing only when it is
 * in the list's code table; a list's error answers (Spamhaus
 * 127.255.255.252/254/255, DBL 127.0.1.255, URIBL 127.0.0.1 "query
 * refused"...) and anything outside 127.0.0.0/8 are DNSBL_UNKNOWN with
 * the cause, never "listed" — checkers that say "listed" there blame the
 * sender for its resolver.  One answer can hold several listing codes
 * (Spamhaus ZEN: SBL 127.0.0.2 and XBL 127.0.0.4 for one IP, each asking
 * for a different fix): every distinct one is kept, worst first, up to
 * DNSBL_HITS_MAX (the rest counted), and the worst makes the verdict.  At
 * most DNSBL_ANSWERS_MAX answer records are read (a list answering
 * thousands is still one verdict).  Before a zone
 * is trusted, its self-test: 127.0.0.2 (or "test") listed, 127.0.0.1 (or
 * "invalid") not.
 *
 * A code's scope (the data file's) says whether it speaks of the IP or
 * of its network (Spamhaus DROP): dnsbl_part splits an answer by it.
 *
 * Public: dnsbl_load, dnsbl_free, dnsbl_qname, dnsbl_interpret, dnsbl_part,
 * dnsbl_part_codes, dnsbl_selftest, dnsbl_verdict_clear.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>

#include "base/util.h"
#include "sender/dnsbl.h"

/*
 * A string member of at most max bytes (names, zones, meanings: 255; advice:
 * 1023).
 */
static char *
dnsbl_str_max(json_t *o, const char *key, size_t max, bool required, char **err)
{
	json_t *v = json_object_get(o, key);

	if (json_is_string(v) && json_string_length(v) > 0 &&
	    json_string_length(v) <= max)
		return xstrdup(json_string_value(v));
	if ((required || v != NULL) && *err == NULL)
		*err = xasprintf("\"%s\" missing or not a string of 1 to %zu bytes", key, max);
	return NULL;
}

static char *
dnsbl_str(json_t *o, const char *key, bool required, char **err)
{
	return dnsbl_str_max(o, key, 255, required, err);
}

/*
 * codes[] or errors[] of a list.  A code's scope ("own" or "neighbours")
 * is the list's unless the code names its own: one zone can answer for
 * the address itself and for its network (Spamhaus ZEN's DROP).
 */
static bool
dnsbl_ranges(json_t *arr, struct dnsbl_range *out, size_t *n, bool codes,
    bool neighbours, char **err)
{
	struct in_addr a, b;
	json_t *e;
	const char *from, *to, *cls, *scope;
	size_t i;

	*n = 0;
	if (arr == NULL)
		return true;
	if (!json_is_array(arr) || json_array_size(arr) > DNSBL_RANGES_MAX) {
		*err = xasprintf("codes/errors must be an array of at most %d ranges",
		    DNSBL_RANGES_MAX);
		return false;
	}
	json_array_foreach(arr, i, e) {
		from = json_string_value(json_object_get(e, "from"));
		to = json_string_value(json_object_get(e, "to"));
		if (from == NULL || to == NULL ||
		    inet_pton(AF_INET, from, &a) != 1 ||
		    inet_pton(AF_INET, to, &b) != 1 ||
		    ntohl(a.s_addr) > ntohl(b.s_addr)) {
			*err = xstrdup("a range needs \"from\" and \"to\" IPv4 addresses, in order");
			return false;
		}
		out[*n].from = ntohl(a.s_addr);
		out[*n].to = ntohl(b.s_addr);
		cls = json_string_value(json_object_get(e, "class"));
		out[*n].policy = codes && cls != NULL && strcmp(cls, "policy") == 0;
		out[*n].resolver = !codes && json_is_true(json_object_get(e, "resolver"));
		scope = json_string_value(json_object_get(e, "scope"));
		if (scope != NULL && strcmp(scope, "own") != 0 && strcmp(scope, "neighbours") != 0) {
			*err = xasprintf("a code's scope is \"own\" or \"neighbours\", not \"%s\"",
			    scope);
			return false;
		}
		out[*n].neighbours = scope != NULL ? strcmp(scope, "neighbours") == 0 : neighbours;
		if ((out[*n].meaning = dnsbl_str(e, "meaning", true, err)) == NULL)
			return false;
		out[*n].advice = dnsbl_str_max(e, "advice", 1023, false, err);
		(*n)++;
		if (*err != NULL)
			return false;
	}
	return true;
}

static void
dnsbl_list_free(struct dnsbl_list *l)
{
	size_t i;

	for (i = 0; i < l->ncodes; i++) {
		free(l->codes[i].meaning);
		free(l->codes[i].advice);
	}
	for (i = 0; i < l->nerrors; i++) {
		free(l->errors[i].meaning);
		free(l->errors[i].advice);
	}
	free(l->id);
	free(l->name);
	free(l->zone);
	free(l->dqs_zone);
	free(l->delist);
	free(l->test_listed);
	free(l->test_unlisted);
	memset(l, 0, sizeof(*l));
}

bool
dnsbl_load(const char *path, struct dnsbl_set *set, char **err)
{
	json_error_t je;
	json_t *root, *lists, *o;
	struct dnsbl_list *l;
	struct stat st;
	const char *s;
	size_t i;

	memset(set, 0, sizeof(*set));
	*err = NULL;
	/* jansson reads a folder as an empty file: "'[' expected" */
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		*err = xasprintf("%s is a folder, not a file of blocklists",
		    path);
		return false;
	}
	if ((root = json_load_file(path, JSON_REJECT_DUPLICATES, &je)) ==
	    NULL) {
		/* jansson's own text names the file when it cannot open it */
		*err = je.line > 0 ? xasprintf("%s: %s (line %d)", path, je.text,
		    je.line) : xstrdup(je.text);
		return false;
	}
	lists = json_object_get(root, "lists");
	if (!json_is_array(lists) || json_array_size(lists) == 0 ||
	    json_array_size(lists) > DNSBL_LISTS_MAX) {
		*err = xasprintf("%s: \"lists\" must be an array of 1 to %d lists", path,
		    DNSBL_LISTS_MAX);
		json_decref(root);
		return false;
	}
	json_array_foreach(lists, i, o) {
		l = &set->lists[set->n++];
		l->id = dnsbl_str(o, "id", true, err);
		l->name = dnsbl_str(o, "name", true, err);
		l->zone = dnsbl_str(o, "zone", true, err);
		l->dqs_zone = dnsbl_str(o, "dqs_zone", false, err);
		l->delist = dnsbl_str(o, "delist", false, err);
		l->test_listed = dnsbl_str(o, "test_listed", false, err);
		l->test_unlisted = dnsbl_str(o, "test_unlisted", false, err);
		s = json_string_value(json_object_get(o, "kind"));
		l->domain = s != NULL && strcmp(s, "domain") == 0;
		l->ipv6 = json_is_true(json_object_get(o, "ipv6"));
		s = json_string_value(json_object_get(o, "scope"));
		l->neighbours = s != NULL && strcmp(s, "neighbours") == 0;
		l->sweep = json_is_true(json_object_get(o, "sweep"));
		if (*err == NULL)
			dnsbl_ranges(json_object_get(o, "codes"), l->codes, &l->ncodes, true,
			    l->neighbours, err);
		if (*err == NULL)
			dnsbl_ranges(json_object_get(o, "errors"), l->errors, &l->nerrors, false,
			    false, err);
		if (*err == NULL && l->ncodes == 0)
			*err = xstrdup("a list needs at least one code range");
		if (*err != NULL) {
			char *e = *err;

			*err = xasprintf("%s: list %zu: %s", path, i + 1, e);
			free(e);
			json_decref(root);
			dnsbl_free(set);
			return false;
		}
	}
	json_decref(root);
	return true;
}

void
dnsbl_free(struct dnsbl_set *set)
{
	size_t i;

	for (i = 0; i < set->n; i++)
		dnsbl_list_free(&set->lists[i]);
	set->n = 0;
}

bool
dnsbl_qname(const struct dnsbl_list *l, const struct ipaddr *ip,
    const char *domain, const char *key, char *buf, size_t len)
{
	char zone[300];

	if (key != NULL && l->dqs_zone != NULL)
		snprintf(zone, sizeof(zone), "%s.%s", key, l->dqs_zone);
	else
		snprintf(zone, sizeof(zone), "%s", l->zone);
	if (ip != NULL) {
		if (l->domain || (!ip->v4 && !l->ipv6))
			return false;
		ipaddr_reverse(ip, zone, buf, len);
		return true;
	}
	if (!l->domain)
		return false;
	return (size_t)snprintf(buf, len, "%s.%s", domain, zone) < len;
}

const char *
dnsbl_zone_name(const struct dnsbl_list *l, const char *key)
{
	return key != NULL && l->dqs_zone != NULL ? l->dqs_zone : l->zone;
}

static const struct dnsbl_range *
dnsbl_find(const struct dnsbl_range *r, size_t n, uint32_t v)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (v >= r[i].from && v <= r[i].to)
			return &r[i];
	return NULL;
}

/*
 * The part a code range speaks of: a policy code (PBL) is always the IP's own.
 */
static bool
dnsbl_range_network(const struct dnsbl_range *r)
{
	return r->neighbours && !r->policy;
}

/* 2 the IP's own listing, 1 its network's, 0 a policy listing. */
static int
dnsbl_rank(const struct dnsbl_range *hit)
{
	return hit->policy ? 0 : hit->neighbours ? 1 : 2;
}

/* A listing code of an answer and its range in the list's table. */
struct dnsbl_found {
	uint32_t		  a;
	const struct dnsbl_range *hit;
};

/*
 * Worst first: the IP's own listing before its network's before a policy
 * listing; between equals the lowest code.  A total order on the codes,
 * so that the answer's record order (which a resolver may rotate) never
 * changes what is reported.
 */
static int
dnsbl_found_cmp(const void *x, const void *y)
{
	const struct dnsbl_found *a = x, *b = y;
	int ra = dnsbl_rank(a->hit), rb = dnsbl_rank(b->hit);

	if (ra != rb)
		return rb - ra;
	return (a->a > b->a) - (a->a < b->a);
}

/*
 * The distinct codes of found[] (sorted) into v->hits, the worst one as the
 * verdict.
 */
static void
dnsbl_keep(struct dnsbl_found *found, size_t n, struct dnsbl_verdict *v)
{
	struct dnsbl_hit *h;
	size_t i;

	qsort(found, n, sizeof(found[0]), dnsbl_found_cmp);
	for (i = 0; i < n; i++) {
		if (i > 0 && found[i].a == found[i - 1].a)
			continue;
		if (v->nhits == DNSBL_HITS_MAX) {
			v->hits_omitted++;
			continue;
		}
		h = &v->hits[v->nhits++];
		snprintf(h->code, sizeof(h->code), "%u.%u.%u.%u",
		    found[i].a >> 24, found[i].a >> 16 & 0xff,
		    found[i].a >> 8 & 0xff, found[i].a & 0xff);
		h->meaning = found[i].hit->meaning;
		h->advice = found[i].hit->advice;
		h->policy = found[i].hit->policy;
		h->neighbours = dnsbl_range_network(found[i].hit);
	}
	v->state = v->hits[0].policy ? DNSBL_POLICY : DNSBL_LISTED;
	v->meaning = v->hits[0].meaning;
	memcpy(v->code, v->hits[0].code, sizeof(v->code));
}

void
dnsbl_interpret(const struct dnsbl_list *l, const struct dns_result *r,
    struct dnsbl_verdict *v)
{
	struct dnsbl_found found[DNSBL_ANSWERS_MAX];
	const struct dnsbl_range *hit;
	uint32_t a, odd = 0;
	size_t i, n, nfound = 0, oddi;

	memset(v, 0, sizeof(*v));
	if (r == NULL) {
		v->state = DNSBL_NEED;
		return;
	}
	if (dns_result_nxdomain(r) || (dns_result_ok(r) && r->nrrs == 0)) {
		v->state = DNSBL_CLEAN;
		return;
	}
	if (!dns_result_ok(r)) {
		v->state = DNSBL_UNKNOWN;
		v->cause = xasprintf("the list did not answer: %s", dns_result_problem(r));
		return;
	}
	n = r->nrrs < DNSBL_ANSWERS_MAX ? r->nrrs : DNSBL_ANSWERS_MAX;
	for (i = 0, oddi = n; i < n; i++) {
		a = (uint32_t)r->rrs[i].data[0] << 24 |
		    (uint32_t)r->rrs[i].data[1] << 16 |
		    (uint32_t)r->rrs[i].data[2] << 8 | r->rrs[i].data[3];
		if ((a >> 24) != 127) {
			v->state = DNSBL_UNKNOWN;
			snprintf(v->code, sizeof(v->code), "%s", r->rrs[i].name);
			v->cause = xasprintf("answer %s is outside 127.0.0.0/8: not a DNSBL answer "
			    "(a resolver that rewrites NXDOMAIN, or the list refuses this resolver); "
			    "ask through a resolver of your own: --dnsbl-resolver ADDR, or --recursive",
			    r->rrs[i].name);
			return;
		}
		if ((hit = dnsbl_find(l->errors, l->nerrors, a)) != NULL) {
			v->state = DNSBL_UNKNOWN;
			snprintf(v->code, sizeof(v->code), "%s", r->rrs[i].name);
			v->cause = hit->resolver ? xasprintf("answer %s: %s; ask through a resolver "
			    "of your own: --dnsbl-resolver ADDR, or --recursive", r->rrs[i].name,
			    hit->meaning) : xasprintf("answer %s: %s", r->rrs[i].name, hit->meaning);
			return;
		}
		if ((hit = dnsbl_find(l->codes, l->ncodes, a)) != NULL) {
			found[nfound].a = a;
			found[nfound++].hit = hit;
		} else if (oddi == n || a < odd) {
			/*
			 * the lowest: the same one said whatever order the
			 * resolver gives
			 */
			odd = a;
			oddi = i;
		}
	}
	if (nfound > 0) {
		dnsbl_keep(found, nfound, v);
		return;
	}
	v->state = DNSBL_UNKNOWN;
	snprintf(v->code, sizeof(v->code), "%s", r->rrs[oddi].name);
	v->cause = xasprintf("answer %s is not a code this list documents", r->rrs[oddi].name);
}

const struct dnsbl_hit *
dnsbl_part(const struct dnsbl_verdict *v, bool network)
{
	size_t i;

	if (v->state != DNSBL_LISTED && v->state != DNSBL_POLICY)
		return NULL;
	for (i = 0; i < v->nhits; i++)
		if (v->hits[i].neighbours == network)
			return &v->hits[i];
	return NULL;
}

size_t
dnsbl_part_codes(const struct dnsbl_list *l, bool network, char *buf,
    size_t len)
{
	size_t i, n = 0, used = 0;
	uint32_t f, t;

	if (len > 0)
		buf[0] = '\0';
	for (i = 0; i < l->ncodes; i++) {
		if (dnsbl_range_network(&l->codes[i]) != network)
			continue;
		f = l->codes[i].from;
		t = l->codes[i].to;
		if (used < len)
			used += (size_t)snprintf(buf + used, len - used, "%s%u.%u.%u.%u", n ? ", " : "",
			    f >> 24, f >> 16 & 0xff, f >> 8 & 0xff, f & 0xff);
		if (t != f && used < len)
			used += (size_t)snprintf(buf + used, len - used, "-%u.%u.%u.%u", t >> 24,
			    t >> 16 & 0xff, t >> 8 & 0xff, t & 0xff);
		n++;
	}
	return n;
}

int
dnsbl_selftest(const struct sender_dns *dns, const struct dnsbl_list *l,
    const char *key, char **cause)
{
	struct ipaddr t2, t1;
	const struct dns_result *yes, *no;
	struct dnsbl_verdict v;
	char q1[320], q2[320];

	*cause = NULL;
	if (l->domain) {
		dnsbl_qname(l, NULL, l->test_listed ? l->test_listed : "test", key, q2, sizeof(q2));
		dnsbl_qname(l, NULL, l->test_unlisted ? l->test_unlisted : "invalid", key, q1,
		    sizeof(q1));
	} else {
		ipaddr_parse("127.0.0.2", &t2);
		ipaddr_parse("127.0.0.1", &t1);
		dnsbl_qname(l, &t2, NULL, key, q2, sizeof(q2));
		dnsbl_qname(l, &t1, NULL, key, q1, sizeof(q1));
	}
	yes = sdns_get(dns, q2, DNS_T_A);
	no = sdns_get(dns, q1, DNS_T_A);
	if (yes == NULL || no == NULL)
		return -1;
	/* What is said names the DQS key "KEY": the key itself is a secret. */
	if (key != NULL && l->dqs_zone != NULL) {
		if (l->domain) {
			dnsbl_qname(l, NULL, l->test_listed ? l->test_listed : "test", "KEY", q2,
			    sizeof(q2));
			dnsbl_qname(l, NULL, l->test_unlisted ? l->test_unlisted : "invalid", "KEY",
			    q1, sizeof(q1));
		} else {
			dnsbl_qname(l, &t2, NULL, "KEY", q2, sizeof(q2));
			dnsbl_qname(l, &t1, NULL, "KEY", q1, sizeof(q1));
		}
	}
	dnsbl_interpret(l, yes, &v);
	if (v.state != DNSBL_LISTED && v.state != DNSBL_POLICY) {
		*cause = xasprintf("self-test failed: %s should be listed (RFC 5782 5) but the "
		    "answer was %s", q2, v.cause ? v.cause : v.state == DNSBL_CLEAN ?
		    "not listed" : v.code);
		dnsbl_verdict_clear(&v);
		return 0;
	}
	dnsbl_verdict_clear(&v);
	dnsbl_interpret(l, no, &v);
	if (v.state != DNSBL_CLEAN) {
		*cause = xasprintf("self-test failed: %s must not be listed (RFC 5782 5) but "
		    "the answer was %s", q1, v.cause ? v.cause : v.code);
		dnsbl_verdict_clear(&v);
		return 0;
	}
	dnsbl_verdict_clear(&v);
	return 1;
}

void
dnsbl_verdict_clear(struct dnsbl_verdict *v)
{
	free(v->cause);
	memset(v, 0, sizeof(*v));
}
