/*
 * agg.c - aggregation of probe records for the report.  Each record is
 * looked at once, as it streams by: its row (address, verdict, reason,
 * decisive reply) is kept, the domain and cause tables are updated, and
 * the record itself is kept only while there is room among detail_max
 * "details" - a failed address takes the place of a deliverable one when
 * the room is full, so the addresses a reader must act on keep their path.
 * Every string kept from the input is bounded (AGG_* in agg.h).
 *
 * Public: agg_new, agg_add, agg_finish, agg_free, agg_median, agg_strndup.
 */
#include <stdlib.h>
#include <string.h>

#include "reports/agg.h"
#include "record/result.h"
#include "base/utf8.h"
#include "base/util.h"

static const char *
agg_str(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

char *
agg_strndup(const char *s, size_t max)
{
	return xstrndup(s, utf8_cut(s, strlen(s), max));
}

struct agg *
agg_new(size_t detail_max)
{
	struct agg *a = xcalloc(1, sizeof(*a));

	a->detail_max = detail_max;
	a->domain_index = json_object();
	a->cause_index = json_object();
	a->source_ips = json_object();
	a->proxies = json_object();
	a->ports = json_object();
	dlvrep_init(&a->dlv);
	bncrep_init(&a->bnc);
	a->senders = json_array();
	a->details = xcalloc(detail_max ? detail_max : 1, sizeof(*a->details));
	if (a->domain_index == NULL || a->cause_index == NULL ||
	    a->source_ips == NULL || a->proxies == NULL || a->ports == NULL ||
	    a->senders == NULL)
		fatalx("%s: out of memory", __func__);
	return a;
}

static void
agg_set_add(json_t *set, const char *key)
{
	if (key == NULL || *key == '\0' || json_object_size(set) >= AGG_SET_MAX)
		return;
	json_object_set_new(set, key, json_true());
}

static void
agg_sample(struct agg_samples *s, json_int_t ms)
{
	if (ms < 0 || s->n >= AGG_SAMPLES_MAX)
		return;
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 4;
		if (s->cap > AGG_SAMPLES_MAX)
			s->cap = AGG_SAMPLES_MAX;
		s->v = xrealloc(s->v, s->cap * sizeof(*s->v));
	}
	s->v[s->n++] = ms > (json_int_t)0xffffffffu ? 0xffffffffu : (unsigned)ms;
}

static int
agg_cmp_unsigned(const void *x, const void *y)
{
	unsigned a = *(const unsigned *)x, b = *(const unsigned *)y;

	return (a > b) - (a < b);
}

long
agg_median(const struct agg_samples *s)
{
	unsigned *v;
	long m;

	if (s->n == 0)
		return -1;
	v = xmalloc(s->n * sizeof(*v));
	memcpy(v, s->v, s->n * sizeof(*v));
	qsort(v, s->n, sizeof(*v), agg_cmp_unsigned);
	m = s->n % 2 ? (long)v[s->n / 2] :
	    ((long)v[s->n / 2 - 1] + (long)v[s->n / 2]) / 2;
	free(v);
	return m;
}

/* A bounded string member copied into dst, or JSON null. */
static void
agg_copy_str(json_t *dst, const json_t *src, const char *key)
{
	const char *s = agg_str(src, key);
	char *c;

	if (s == NULL) {
		json_object_set_new(dst, key, json_null());
		return;
	}
	c = agg_strndup(s, AGG_TEXT_MAX);
	json_object_set_new(dst, key, json_string(c));
	free(c);
}

static void
agg_copy_any(json_t *dst, const json_t *src, const char *key)
{
	json_t *v = json_object_get(src, key);

	if (json_is_boolean(v) || json_is_integer(v))
		json_object_set(dst, key, v);
	else
		json_object_set_new(dst, key, json_null());
}

/* The MX plan with at most AGG_MX_MAX hosts of AGG_ADDR_MAX addresses. */
static json_t *
agg_copy_mx(const json_t *mx)
{
	json_t *out = json_array(), *h, *o, *addrs, *ip;
	size_t i, k;

	json_array_foreach(mx, i, h) {
		if (i >= AGG_MX_MAX)
			break;
		if (!json_is_object(h))
			continue;
		o = json_object();
		agg_copy_str(o, h, "host");
		agg_copy_any(o, h, "preference");
		agg_copy_str(o, h, "dnssec");
		agg_copy_str(o, h, "dane");
		addrs = json_array();
		json_array_foreach(json_object_get(h, "addresses"), k, ip) {
			if (k >= AGG_ADDR_MAX)
				break;
			if (json_is_string(ip)) {
				char *c = agg_strndup(json_string_value(ip), 64);
				json_array_append_new(addrs, json_string(c));
				free(c);
			}
		}
		json_object_set_new(o, "addresses", addrs);
		json_object_set_new(o, "more_addresses", json_boolean(
		    json_array_size(json_object_get(h, "addresses")) > AGG_ADDR_MAX));
		json_array_append_new(out, o);
	}
	return out;
}

static json_t *
agg_copy_tls(const json_t *tls, const char *mx)
{
	static const char *const strs[] = { "version", "cipher", "verify_error",
	    "not_after", "subject", "issuer" };
	json_t *o = json_object();
	size_t i;

	for (i = 0; i < sizeof(strs) / sizeof(strs[0]); i++)
		agg_copy_str(o, tls, strs[i]);
	agg_copy_any(o, tls, "verified");
	agg_copy_any(o, tls, "name_match");
	if (mx != NULL) {
		char *c = agg_strndup(mx, AGG_TEXT_MAX);
		json_object_set_new(o, "mx", json_string(c));
		free(c);
	}
	return o;
}

static size_t
agg_domain_get(struct agg *a, const char *name)
{
	json_t *ix;
	char *key;
	size_t i;

	key = agg_strndup(name ? name : "", AGG_TEXT_MAX);
	ix = json_object_get(a->domain_index, key);
	if (ix != NULL) {
		free(key);
		return (size_t)json_integer_value(ix);
	}
	if (a->ndomains == a->capdomains) {
		a->capdomains = a->capdomains ? a->capdomains * 2 : 64;
		a->domains = xrealloc(a->domains,
		    a->capdomains * sizeof(*a->domains));
	}
	i = a->ndomains++;
	memset(&a->domains[i], 0, sizeof(a->domains[i]));
	a->domains[i].name = key;
	a->domains[i].dane = -1;
	a->domains[i].sts_mode = -1;
	a->domains[i].sts_ok = -1;
	json_object_set_new(a->domain_index, key, json_integer((json_int_t)i));
	return i;
}

/*
 * The key of an attempt's SMTP session for domain di, NULL when the record
 * names none (no session was made, or an mxtrace before attempts[].session).
 * verify gives one session to several addresses, and every record it served
 * repeats its connect, banner, EHLO and STARTTLS steps: the number alone is
 * unique only within one run, so the key adds the server and those steps
 * (their codes and times), which another run's session 1 hardly repeats.
 */
static char *
agg_session_key(size_t di, const json_t *att)
{
	const json_t *step, *tls = json_object_get(att, "tls");
	const char *ip = agg_str(att, "ip"), *lip = agg_str(att, "local_ip");
	char *key, *more;
	size_t k;
	int st;

	if (!json_is_integer(json_object_get(att, "session")))
		return NULL;
	key = xasprintf("%zu|%s|%lld|%s|%lld", di, ip ? ip : "",
	    (long long)json_integer_value(json_object_get(att, "port")),
	    lip ? lip : "",
	    (long long)json_integer_value(json_object_get(att, "session")));
	json_array_foreach(json_object_get(att, "steps"), k, step) {
		st = stage_from_name(agg_str(step, "stage"));
		if (st == STAGE_RSET || st == STAGE_MAIL || st == STAGE_RCPT)
			break;
		more = xasprintf("%s|%d,%lld,%lld", key, st,
		    (long long)json_integer_value(json_object_get(step, "code")),
		    (long long)json_integer_value(json_object_get(step, "ms")));
		free(key);
		key = more;
	}
	if (json_is_object(tls)) {
		more = xasprintf("%s|%s,%s", key, agg_str(tls, "version") ?
		    agg_str(tls, "version") : "", agg_str(tls, "cipher") ?
		    agg_str(tls, "cipher") : "");
		free(key);
		key = more;
	}
	return key;
}

/* True the first time key is seen (NULL: a thing of its own, always new). */
static bool
agg_first(struct agg *a, const char *key)
{
	struct vkey k;

	if (key == NULL)
		return true;
	k = vtab_key(key, strlen(key));
	if (vtab_get(&a->seen, k) != NULL)
		return false;
	vtab_put(&a->seen, k, a);
	return true;
}

/*
 * Latency samples, TLS facts and session counts from the attempts.  A
 * session, and a step that several records of one session show alike (its
 * own steps, a shared MAIL FROM, the domain's catch-all probe), count once:
 * otherwise a domain whose addresses verify asked in one session shows as
 * many sessions as addresses, and its times weigh by how many it served.
 */
static void
agg_domain_attempts(struct agg *a, size_t di, const json_t *rec)
{
	struct agg_domain *d = &a->domains[di];
	const json_t *att, *step, *tls;
	json_int_t ms;
	char *skey, *key;
	const char *cmd;
	size_t i, k;
	bool first, fresh;
	int st;

	ms = json_integer_value(json_object_get(json_object_get(rec, "timing"),
	    "dns_ms"));
	if (json_is_integer(json_object_get(json_object_get(rec, "timing"),
	    "dns_ms")) && stage_from_name(agg_str(rec, "stage")) != STAGE_SYNTAX)
		agg_sample(&d->lat[STAGE_DNS], ms);
	json_array_foreach(json_object_get(rec, "attempts"), i, att) {
		tls = json_object_get(att, "tls");
		skey = agg_session_key(di, att);
		first = agg_first(a, skey);
		json_array_foreach(json_object_get(att, "steps"), k, step) {
			st = stage_from_name(agg_str(step, "stage"));
			if (st == STAGE_BANNER && first &&
			    json_is_integer(json_object_get(step, "code")))
				d->sessions++;
			if (st < 0 || st == STAGE_SYNTAX || st == STAGE_RSET ||
			    st == STAGE_QUIT ||
			    !json_is_integer(json_object_get(step, "ms")))
				continue;
			ms = json_integer_value(json_object_get(step, "ms"));
			fresh = true;
			if (skey != NULL) {
				cmd = agg_str(step, "command");
				key = xasprintf("%s|%zu|%d|%s|%lld|%lld", skey,
				    k, st, cmd ? cmd : "", (long long)
				    json_integer_value(json_object_get(step,
				    "code")), (long long)ms);
				fresh = agg_first(a, key);
				free(key);
			}
			if (fresh)
				agg_sample(&d->lat[st], ms);
		}
		if (json_is_object(tls) && first) {
			d->tls_sessions++;
			if (d->tls == NULL)
				d->tls = agg_copy_tls(tls, agg_str(att, "mx"));
		}
		free(skey);
	}
}

/*
 * The cause of a record: its verdict, reason and blocklist, and apart
 * from the others of the same reason the records whose own address gives
 * their words (an empty cell is no typo to check: result_explain_own).
 */
static size_t
agg_cause_get(struct agg *a, enum verdict v, enum reason r, const char *bl,
    const char *address, const char *domain)
{
	const char *own = result_explain_own(v, r, address, domain, LANG_EN);
	json_t *ix;
	char *key, *blc;
	size_t i;

	blc = bl && *bl ? agg_strndup(bl, AGG_TEXT_MAX) : NULL;
	key = xasprintf("%d/%d/%s/%s", (int)v, (int)r, blc ? blc : "",
	    own ? own : "");
	ix = json_object_get(a->cause_index, key);
	if (ix != NULL) {
		free(key);
		free(blc);
		return (size_t)json_integer_value(ix);
	}
	if (a->ncauses == a->capcauses) {
		a->capcauses = a->capcauses ? a->capcauses * 2 : 16;
		a->causes = xrealloc(a->causes, a->capcauses * sizeof(*a->causes));
	}
	i = a->ncauses++;
	a->causes[i].verdict = v;
	a->causes[i].reason = r;
	a->causes[i].blocklist = blc;
	a->causes[i].own_address = own ? xstrdup(address) : NULL;
	a->causes[i].own_domain = own && domain ? xstrdup(domain) : NULL;
	a->causes[i].count = 0;
	a->causes[i].nrows = 0;
	a->causes[i].domains = json_object();
	json_object_set_new(a->cause_index, key, json_integer((json_int_t)i));
	free(key);
	return i;
}

/* "550 5.1.1 text" of the decisive reply, else the last error seen. */
static char *
agg_reply_text(const json_t *rec)
{
	const json_t *reply = json_object_get(rec, "reply"), *att, *step;
	const char *enh, *text, *err = NULL;
	char *s, *out;
	size_t i, k;

	if (json_is_object(reply)) {
		enh = agg_str(reply, "enhanced");
		text = agg_str(reply, "text");
		if (json_is_integer(json_object_get(reply, "code")))
			s = xasprintf("%lld%s%s %s",
			    (long long)json_integer_value(json_object_get(reply,
			    "code")), enh ? " " : "", enh ? enh : "",
			    text ? text : "");
		else
			s = xstrdup(text ? text : "");
		out = agg_strndup(s, AGG_REPLY_MAX);
		free(s);
		return out;
	}
	json_array_foreach(json_object_get(rec, "attempts"), i, att) {
		if (agg_str(att, "error") != NULL)
			err = agg_str(att, "error");
		json_array_foreach(json_object_get(att, "steps"), k, step)
			if (agg_str(step, "error") != NULL)
				err = agg_str(step, "error");
	}
	return agg_strndup(err ? err : "", AGG_REPLY_MAX);
}

static size_t
agg_col_get(struct agg *a, const char *name)
{
	size_t i;

	for (i = 0; i < a->ncols; i++)
		if (strcmp(a->cols[i], name) == 0)
			return i;
	if (a->ncols == AGG_COLS_MAX)
		return AGG_COLS_MAX;
	a->cols[a->ncols] = agg_strndup(name, AGG_CELL_MAX);
	return a->ncols++;
}

/* The input's own fields (company, contact, country...), bounded. */
static void
agg_row_input(struct agg *a, struct agg_row *row, const json_t *rec)
{
	const json_t *in = json_object_get(rec, "input"), *v;
	const char *key;
	size_t c;

	row->cells = NULL;
	row->rownum = json_is_integer(json_object_get(rec, "row")) ?
	    (long long)json_integer_value(json_object_get(rec, "row")) : -1;
	row->part = json_is_integer(json_object_get(rec, "part")) ?
	    (long long)json_integer_value(json_object_get(rec, "part")) : 0;
	if (!json_is_object(in) || json_object_size(in) == 0)
		return;
	json_object_foreach((json_t *)in, key, v) {
		if (!json_is_string(v) || json_string_length(v) == 0)
			continue;
		if ((c = agg_col_get(a, key)) == AGG_COLS_MAX)
			continue;
		if (row->cells == NULL)
			row->cells = xcalloc(AGG_COLS_MAX, sizeof(*row->cells));
		free(row->cells[c]);
		row->cells[c] = agg_strndup(json_string_value(v), AGG_CELL_MAX);
	}
}

/*
 * Why: a sales person reads "can receive mail" for info@customer.com as a
 * buyer reached; it is a shared inbox.  An address that will not arrive
 * is already under what to do first, and a row repeating an earlier one
 * is that one's address again: neither is named twice.
 */
bool
agg_role_counted(const struct agg_row *r)
{
	return r->role && !r->duplicate &&
	    verdict_group(r->verdict, r->reason) != GROUP_NO;
}

/* Rows i and k of rows in the list's order (row, then its place in the
 * cell; rows without a number last, as they came): <0, 0, >0. */
static int
agg_row_cmp(const struct agg_row *rows, size_t i, size_t k)
{
	long long ri = rows[i].rownum, rk = rows[k].rownum;
	long long pi = rows[i].part, pk = rows[k].part;

	if ((ri < 0) != (rk < 0))
		return ri < 0 ? 1 : -1;
	if (ri != rk)
		return ri < rk ? -1 : 1;
	if (ri >= 0 && pi != pk)
		return pi < pk ? -1 : 1;
	return (i > k) - (i < k);
}

/*
 * Why: records come in the order their probes end, not the list's: what
 * to do first named row 10 before row 4.  A cause keeps the rows first in
 * the list, in order.
 */
static void
agg_cause_row(struct agg *a, struct agg_cause *c, size_t row)
{
	size_t i;

	if (c->nrows < AGG_CAUSE_ROWS)
		c->nrows++;
	else if (agg_row_cmp(a->rows, row, c->rows[c->nrows - 1]) > 0)
		return;
	/* rows kept in order: the last, the latest in the list, gives way */
	for (i = c->nrows - 1; i > 0 && agg_row_cmp(a->rows, row,
	    c->rows[i - 1]) < 0; i--)
		c->rows[i] = c->rows[i - 1];
	c->rows[i] = row;
}

/*
 * Why: the cards count what probe's exit status says (verdict_group), the
 * summary what the address is worth in the list (summary_of): two
 * questions, and the page says so where their answers part.
 */
bool
agg_summary_apart(const struct agg_row *r)
{
	enum verdict_group g = verdict_group(r->verdict, r->reason);

	if (r->summary < 0)
		return false;
	return (g == GROUP_NO && r->summary != SUMMARY_BAD) ||
	    (g == GROUP_OK && r->summary != SUMMARY_OK);
}

int
agg_severity(const struct agg_row *r)
{
	static const int rank[GROUP__LAST] = {
		[GROUP_NO] = 0, [GROUP_UNSURE] = 1, [GROUP_TESTER] = 2,
		[GROUP_OK] = 3,
	};

	return rank[verdict_group(r->verdict, r->reason)];
}

/* A serial number (序号), a phone number or a date: digits and the marks
 * written between them, nothing that names a customer. */
static bool
agg_numeric(const char *s)
{
	bool digit = false;

	for (; *s != '\0'; s++) {
		if (*s >= '0' && *s <= '9')
			digit = true;
		else if (strchr(" +-./:()#", *s) == NULL)
			return false;
	}
	return digit;
}

/*
 * Customer lists often open with a serial number (序号, No.) or put the
 * phone before the name: the first cell with a word in it names the
 * customer; a row of numbers only shows its first (a customer number).
 */
const char *
agg_customer(const struct agg *a, const struct agg_row *r, size_t i)
{
	const char *first = NULL;

	for (; r->cells != NULL && i < a->ncols; i++) {
		if (r->cells[i] == NULL || *r->cells[i] == '\0')
			continue;
		if (!agg_numeric(r->cells[i]))
			return r->cells[i];
		if (first == NULL)
			first = r->cells[i];
	}
	return first != NULL ? first : "";
}

/* Keep rec in details if there is room, or make room by dropping the
 * latest deliverable one when rec is not deliverable. */
static void
agg_keep_detail(struct agg *a, size_t row, json_t *rec)
{
	size_t i;

	if (a->detail_max == 0)
		return;
	if (a->ndetails == a->detail_max) {
		if (a->rows[row].verdict == VERDICT_DELIVERABLE)
			return;
		for (i = a->ndetails; i-- > 0; )
			if (a->rows[a->details[i].row].verdict ==
			    VERDICT_DELIVERABLE)
				break;
		if (i == (size_t)-1)
			return;
		a->rows[a->details[i].row].detail = false;
		json_decref(a->details[i].rec);
		memmove(&a->details[i], &a->details[i + 1],
		    (a->ndetails - i - 1) * sizeof(*a->details));
		a->ndetails--;
	}
	a->details[a->ndetails].row = row;
	a->details[a->ndetails].rec = json_incref(rec);
	a->ndetails++;
	a->rows[row].detail = true;
}

/*
 * Where the check ran from, as the servers saw it: through --proxy that is
 * the proxy, and the record's source_ip (this machine's address towards
 * the proxy, often an office LAN address) would mislead.
 */
static void
agg_header_facts(struct agg *a, const json_t *rec)
{
	const char *at = agg_str(rec, "started_at"), *proxy;
	const json_t *att;
	char port[24];
	bool proxied = false;
	size_t i;

	json_array_foreach(json_object_get(rec, "attempts"), i, att) {
		proxy = agg_str(json_object_get(att, "proxy"), "server");
		if (proxy != NULL && strlen(proxy) < AGG_TEXT_MAX) {
			agg_set_add(a->proxies, proxy);
			proxied = true;
		}
	}
	if (!proxied)
		agg_set_add(a->source_ips, agg_str(rec, "source_ip"));
	json_array_foreach(json_object_get(rec, "attempts"), i, att) {
		if (json_is_integer(json_object_get(att, "port"))) {
			snprintf(port, sizeof(port), "%lld", (long long)
			    json_integer_value(json_object_get(att, "port")));
			agg_set_add(a->ports, port);
		}
	}
	if (at != NULL && strlen(at) < sizeof(a->first_at)) {
		if (a->first_at[0] == '\0' || strcmp(at, a->first_at) < 0)
			strcpy(a->first_at, at);
		if (strcmp(at, a->last_at) > 0)
			strcpy(a->last_at, at);
	}
	if (json_object_get(rec, "catch_all") != NULL &&
	    !json_is_null(json_object_get(rec, "catch_all")))
		a->catch_all_checked++;
}

/* Keep a `mxtrace sender` record (command "sender" with its checks[]);
 * -1 when rec is something else. */
static int
agg_sender(struct agg *a, json_t *rec)
{
	const char *cmd = agg_str(rec, "command");

	if (cmd == NULL || strcmp(cmd, "sender") != 0 ||
	    !json_is_array(json_object_get(rec, "checks")))
		return -1;
	a->senders_total++;
	if (json_array_size(a->senders) < AGG_SENDER_MAX)
		json_array_append(a->senders, rec);
	return 0;
}

int
agg_add(struct agg *a, json_t *rec)
{
	const json_t *pol;
	struct agg_row *row;
	struct agg_domain *d;
	struct agg_cause *c;
	const char *addr, *given;
	json_int_t n;
	int v, r;
	size_t i;

	if (dlvrep_add(&a->dlv, rec) == 0 || bncrep_add(&a->bnc, rec) == 0 ||
	    agg_sender(a, rec) == 0)
		return 0;
	v = verdict_from_name(agg_str(rec, "verdict"));
	if (v < 0) {
		a->unusable++;
		return -1;
	}
	r = reason_from_name(agg_str(rec, "reason"));
	if (r < 0)
		r = REASON_UNKNOWN;
	if (a->nrows == a->caprows) {
		a->caprows = a->caprows ? a->caprows * 2 : 256;
		a->rows = xrealloc(a->rows, a->caprows * sizeof(*a->rows));
	}
	i = a->nrows++;
	row = &a->rows[i];
	addr = agg_str(rec, "address");
	given = agg_str(json_object_get(rec, "normalized"), "given");
	/* an invalid or empty address shows what the input really held */
	if ((addr == NULL || *addr == '\0' || v == VERDICT_INVALID_SYNTAX) &&
	    given != NULL)
		addr = given;
	row->address = agg_strndup(addr ? addr : "", AGG_TEXT_MAX * 2);
	/* an address cleaned out of its cell: the cell is shown beside it */
	row->given = given != NULL && addr != given ?
	    agg_strndup(given, AGG_TEXT_MAX * 2) : NULL;
	row->suggestion = agg_str(rec, "suggestion") != NULL ?
	    agg_strndup(agg_str(rec, "suggestion"), AGG_TEXT_MAX) : NULL;
	row->reply = agg_reply_text(rec);
	row->reply_server = json_is_object(json_object_get(rec, "reply"));
	row->domain = agg_domain_get(a, agg_str(rec, "domain"));
	row->verdict = (unsigned char)v;
	row->reason = (unsigned char)r;
	row->stage = (signed char)stage_from_name(agg_str(rec, "stage"));
	row->detail = false;
	row->total_ms = json_is_integer(json_object_get(json_object_get(rec,
	    "timing"), "total_ms")) ? json_integer_value(json_object_get(
	    json_object_get(rec, "timing"), "total_ms")) : -1;
	agg_row_input(a, row, rec);
	row->summary = (signed char)summary_from_name(agg_str(rec, "summary"));
	row->role = json_is_true(json_object_get(rec, "role"));
	row->duplicate = json_is_integer(json_object_get(rec, "duplicate_of"));
	row->dup_row = row->duplicate ? json_integer_value(json_object_get(rec,
	    "duplicate_of")) : -1;
	if (row->summary >= 0)
		a->with_summary++;
	if (agg_summary_apart(row))
		a->summary_apart++;
	a->count[v]++;
	a->group[verdict_group(v, r)]++;
	if (verdict_group(v, r) == GROUP_TESTER)
		a->tester[v]++;

	d = &a->domains[row->domain];
	d->total++;
	if (verdict_group(v, r) == GROUP_TESTER)
		d->tester++;
	else
		d->count[v]++;
	if (d->mx == NULL && json_array_size(json_object_get(rec, "mx")) > 0)
		d->mx = agg_copy_mx(json_object_get(rec, "mx"));
	/* a duplicate row's attempts are its original's: counted once */
	if (row->duplicate)
		a->duplicates++;
	else
		agg_domain_attempts(a, row->domain, rec);
	if (agg_role_counted(row))
		a->roles++;
	/* DANE: the first record that reached a DANE host decides. */
	pol = json_object_get(json_object_get(rec, "tls_policy"), "dane");
	if (d->dane < 0 && json_is_boolean(json_object_get(pol, "satisfied")))
		d->dane = json_is_true(json_object_get(pol, "satisfied"));
	pol = json_object_get(json_object_get(rec, "tls_policy"), "mta_sts");
	if (d->sts_mode < 0 && json_is_object(pol)) {
		const char *m = agg_str(pol, "mode");

		d->sts_mode = m == NULL ? 0 : strcmp(m, "enforce") == 0 ? 2 :
		    strcmp(m, "testing") == 0 ? 1 : 0;
	}
	if (d->sts_ok < 0 && json_is_boolean(json_object_get(pol, "satisfied")))
		d->sts_ok = json_is_true(json_object_get(pol, "satisfied"));

	if (v != VERDICT_DELIVERABLE) {
		i = agg_cause_get(a, (enum verdict)v, (enum reason)r,
		    agg_str(rec, "blocklist"), agg_str(rec, "address"),
		    agg_str(rec, "domain"));
		c = &a->causes[i];
		agg_cause_row(a, c, a->nrows - 1);
		c->count++;
		n = json_integer_value(json_object_get(c->domains, d->name));
		json_object_set_new(c->domains, d->name, json_integer(n + 1));
	}
	agg_header_facts(a, rec);
	agg_keep_detail(a, a->nrows - 1, rec);
	return 0;
}

static int
agg_cmp_cause(const void *x, const void *y)
{
	const struct agg_cause *a = x, *b = y;

	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	if (a->verdict != b->verdict)
		return a->verdict < b->verdict ? -1 : 1;
	if (a->reason != b->reason)
		return a->reason < b->reason ? -1 : 1;
	return strcmp(a->blocklist ? a->blocklist : "",
	    b->blocklist ? b->blocklist : "");
}

/* qsort has no context argument: the domain table for agg_cmp_domain. */
static const struct agg_domain *agg_sorting;
static const struct agg_row *agg_sorting_rows;

static int
agg_cmp_domain(const void *x, const void *y)
{
	const struct agg_domain *a = &agg_sorting[*(const size_t *)x];
	const struct agg_domain *b = &agg_sorting[*(const size_t *)y];

	if (a->total != b->total)
		return a->total > b->total ? -1 : 1;
	return strcmp(a->name, b->name);
}

/*
 * Input order: by row number, then by place in the cell (verify writes a
 * cell's second address first when the first repeats an earlier row's);
 * rows without a number after them as read.
 */
static int
agg_cmp_row(const void *x, const void *y)
{
	return agg_row_cmp(agg_sorting_rows, *(const size_t *)x,
	    *(const size_t *)y);
}

void
agg_finish(struct agg *a)
{
	size_t i;

	a->row_order = xcalloc(a->nrows ? a->nrows : 1, sizeof(*a->row_order));
	for (i = 0; i < a->nrows; i++)
		a->row_order[i] = i;
	agg_sorting_rows = a->rows;
	qsort(a->row_order, a->nrows, sizeof(*a->row_order), agg_cmp_row);
	agg_sorting_rows = NULL;

	if (a->ncauses > 0)
		qsort(a->causes, a->ncauses, sizeof(*a->causes), agg_cmp_cause);
	json_decref(a->cause_index);
	a->cause_index = NULL;
	vtab_free(&a->seen);
	a->domain_order = xcalloc(a->ndomains ? a->ndomains : 1,
	    sizeof(*a->domain_order));
	for (i = 0; i < a->ndomains; i++)
		a->domain_order[i] = i;
	agg_sorting = a->domains;
	qsort(a->domain_order, a->ndomains, sizeof(*a->domain_order),
	    agg_cmp_domain);
	agg_sorting = NULL;
}

void
agg_free(struct agg *a)
{
	size_t i, k;

	if (a == NULL)
		return;
	for (i = 0; i < a->nrows; i++) {
		free(a->rows[i].address);
		free(a->rows[i].reply);
		free(a->rows[i].suggestion);
		free(a->rows[i].given);
		for (k = 0; a->rows[i].cells != NULL && k < AGG_COLS_MAX; k++)
			free(a->rows[i].cells[k]);
		free(a->rows[i].cells);
	}
	for (i = 0; i < a->ncols; i++)
		free(a->cols[i]);
	free(a->row_order);
	free(a->rows);
	for (i = 0; i < a->ndomains; i++) {
		free(a->domains[i].name);
		json_decref(a->domains[i].mx);
		json_decref(a->domains[i].tls);
		for (k = 0; k < STAGE__LAST; k++)
			free(a->domains[i].lat[k].v);
	}
	free(a->domains);
	for (i = 0; i < a->ncauses; i++) {
		free(a->causes[i].blocklist);
		free(a->causes[i].own_address);
		free(a->causes[i].own_domain);
		json_decref(a->causes[i].domains);
	}
	free(a->causes);
	for (i = 0; i < a->ndetails; i++)
		json_decref(a->details[i].rec);
	free(a->details);
	free(a->domain_order);
	json_decref(a->domain_index);
	json_decref(a->cause_index);
	vtab_free(&a->seen);
	json_decref(a->source_ips);
	json_decref(a->proxies);
	json_decref(a->ports);
	dlvrep_free(&a->dlv);
	bncrep_free(&a->bnc);
	json_decref(a->senders);
	free(a);
}
