/*
 * verify_sched.c - the scheduler of `mxtrace verify`.
 *
 * Rows arrive in input order (pass 2); a row's cell may hold several
 * addresses (input/intake.c), each its own record, keyed (row, part).
 * Each distinct address (verify/dupkey.c: the
 * local part's case aside) is probed once: its row becomes an item in its
 * domain's batch, later duplicates wait on it and get the same result with
 * `duplicate_of`. A batch becomes a chunk at VERIFY_CHUNK rows, when the
 * domain's last row was read, or when the memory window is full.  A domain's
 * chunks share one cached DNS plan (at most VERIFY_DNS_MAX plans in flight;
 * a chunk that waits on it longer than --deadline is written with reason
 * deadline while the lookup goes on for later ones) and one catch-all
 * answer: the first job of a domain checks it alone, later ones
 * get the hint and may run --per-host at a time.  The engine opens sessions
 * only through the gate (verify_gate.c).  A temporary answer puts the item on
 * its domain's retry list until --retry-after has passed, while --max-wait
 * allows; every attempt is kept in the final record.
 *
 * Public (verify_run.h): vsched_row, vsched_input_done, vsched_stop,
 * vsched_idle, vsched_free, vsched_intake, vsched_partno, vsched_mine,
 * vsched_done_set, vsched_rowbit_set, vsched_rowbit, vsched_domain,
 * vsched_needs_dns.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "record/result_json.h"
#include "base/utf8.h"
#include "verify/dupkey.h"
#include "verify/run.h"

static void	domain_kick(struct vdomain *);
static void	dns_deadline_cb(evutil_socket_t, short, void *);
static void	vjob_free(struct vrun *, struct vjob *);

size_t
vsched_intake(const struct listin_row *row, struct intake **out,
    size_t *dropped)
{
	struct intake *in;

	if (row->error == NULL)
		return intake_cell(row->addr, row->addrlen, out, dropped);
	in = xcalloc(1, sizeof(*in));
	in->text = xstrndup(row->addr, row->addrlen);
	in->why = row->error;
	*out = in;
	if (dropped != NULL)
		*dropped = 0;
	return 1;
}

unsigned long
vsched_partno(size_t n, size_t i)
{
	return n > 1 ? (unsigned long)i + 1 : 0;
}

bool
vsched_mine(const struct vrun *run, const struct intake *in)
{
	char raw[256];

	if (in->ok)
		return shard_has(&run->shard, in->addr.domain_ascii,
		    strlen(in->addr.domain_ascii));
	return shard_has(&run->shard, raw, shard_raw_domain(in->text,
	    strlen(in->text), raw, sizeof(raw)));
}

static struct vkey
part_key(unsigned long row, unsigned long part)
{
	char k[48];
	int n = snprintf(k, sizeof(k), "%lu/%lu", row, part);

	return vtab_key(k, (size_t)n);
}

void
vsched_rowbit_set(unsigned char *map, unsigned long row)
{
	map[row / 8] |= (unsigned char)(1u << (row % 8));
}

bool
vsched_rowbit(const unsigned char *map, unsigned long row)
{
	return (map[row / 8] & (1u << (row % 8))) != 0;
}

void
vsched_done_set(struct vrun *run, unsigned long row, unsigned long part)
{
	static char written;

	if (part == 0)
		vsched_rowbit_set(run->done, row);
	else
		vtab_put(&run->done_parts, part_key(row, part), &written);
}

struct vdomain *
vsched_domain(struct vrun *run, const char *name)
{
	struct vkey k = vtab_key(name, strlen(name));
	struct vdomain *d = vtab_get(&run->domains, k);

	if (d == NULL) {
		d = xcalloc(1, sizeof(*d));
		d->run = run;
		d->name = xstrdup(name);
		d->catch_all = -1;
		d->known_ms = -1;
		vtab_put(&run->domains, k, d);
	}
	return d;
}

/* --- records ------------------------------------------------------------ */

/*
 * Close the record in run->rec (an open object, result_json_open) with
 * this row's own fields and append it; run->rec is left as it was, so a
 * duplicate row can be written from it too.
 */
static void
write_record(struct vrun *run, enum verdict verdict, enum reason reason,
    struct vdomain *d, unsigned long row, unsigned long part,
    const json_t *input, unsigned long dup_of)
{
	struct jsonw *w = &run->rec;
	size_t open = w->len;
	int rv;

	if (run->failed)
		return;
	JSONW_LIT(w, ",\"row\":");
	jsonw_int(w, (long long)row);
	JSONW_LIT(w, ",\"part\":");
	jsonw_int_if(w, part != 0, (long long)part);
	JSONW_LIT(w, ",\"input\":");
	jsonw_value(w, input);
	JSONW_LIT(w, ",\"duplicate_of\":");
	jsonw_int_if(w, dup_of != 0, (long long)dup_of);
	JSONW_LIT(w, "}\n");
	rv = jsonl_write(run->out, w->buf, w->len);
	jsonw_cut(w, open);
	if (rv < 0) {
		verify_fail_io(run, "write", run->output_name);
		return;
	}
	progress_count(&run->prog, verdict, reason, false);
	if (d != NULL && verdict < VERDICT__LAST)
		d->groups[verdict_group(verdict, reason)]++;
}

/*
 * What a duplicate row's record says of itself, not of its original: the
 * address as this row wrote it (the original may have written the domain
 * in other letters), its clean-up and its typo suggestion.  Owned.
 */
static json_t *
dup_own(const struct intake *x)
{
	json_t *o = json_object();

	json_object_set_new(o, "address", json_bytes(x->text, strlen(x->text)));
	json_object_set_new(o, "normalized", result_normalized_json(&x->notes));
	json_object_set_new(o, "suggestion", x->notes.suggestion ?
	    json_bytes(x->notes.suggestion, strlen(x->notes.suggestion)) :
	    json_null());
	return o;
}

/*
 * A duplicate row from its original's whole record (text without the row
 * fields): its own fields (dup_own) in the original's place, then its row
 * fields.  Rare: through a tree.
 */
static void
write_dup(struct vrun *run, const char *orig, struct vdomain *d,
    unsigned long row, unsigned long part, const json_t *input, json_t *own,
    unsigned long dup_of)
{
	json_t *rec = json_loads(orig, JSON_ALLOW_NUL, NULL);
	const char *v;
	int verdict;

	if (rec == NULL)
		fatalx("%s: stored record does not parse", __func__);
	json_object_update_existing(rec, own);
	v = json_string_value(json_object_get(rec, "verdict"));
	verdict = v ? verdict_from_name(v) : -1;
	jsonw_reset(&run->rec);
	jsonw_value(&run->rec, rec);
	jsonw_cut(&run->rec, run->rec.len - 1);		/* its closing brace */
	write_record(run, verdict < 0 ? VERDICT__LAST : (enum verdict)verdict,
	    verify_record_reason(rec), d, row, part, input, dup_of);
	if (run->csvrows != NULL && !run->failed) {
		json_object_set_new(rec, "duplicate_of",
		    json_integer((json_int_t)dup_of));
		csv_rows_add_json(run->csvrows, row, part, rec, run->lang);
	}
	json_decref(rec);
}

static void
dup_free(struct vdup *p)
{
	struct vdup *n;

	for (; p != NULL; p = n) {
		n = p->next;
		json_decref(p->input);
		json_decref(p->own);
		free(p);
	}
}

static void
item_free(struct vrun *run, struct vitem *it)
{
	struct vdup *p;

	for (p = it->dups; p != NULL; p = p->next)
		run->held--;
	run->held--;
	dup_free(it->dups);
	if (it->entry != NULL && it->entry->item == it)
		it->entry->item = NULL;
	address_free(&it->addr);
	free(it->given);
	notes_free(&it->notes);
	json_decref(it->input);
	if (it->prev != NULL) {
		result_free(it->prev);
		free(it->prev);
	}
	free(it);
}

/* The original's record and every duplicate waiting on it. */
static void
emit_item(struct vrun *run, struct vdomain *d, struct vitem *it,
    const struct probe_result *r)
{
	struct ventry *e = it->entry;
	struct vdup *p;
	char *whole;

	jsonw_reset(&run->rec);
	result_json_open(&run->rec, r, run->lang);
	write_record(run, r->verdict, r->reason, d, it->row, it->part,
	    it->input, 0);
	if (run->csvrows != NULL && !run->failed)
		csv_rows_add_result(run->csvrows, it->row, it->part, r,
		    run->lang);
	if (it->dups == NULL && (e == NULL || e->dups_left == 0))
		return;
	JSONW_LIT(&run->rec, "}");
	whole = xstrndup(run->rec.buf, run->rec.len);
	for (p = it->dups; p != NULL; p = p->next) {
		write_dup(run, whole, d, p->row, p->part, p->input, p->own,
		    it->row);
		if (e != NULL && e->dups_left > 0)
			e->dups_left--;
	}
	if (e != NULL && e->dups_left > 0) {
		free(e->json);
		e->json = whole;
	} else
		free(whole);
}

/* A duplicate whose original's record was written already. */
static void
emit_dup(struct vrun *run, struct vdomain *d, struct ventry *e,
    unsigned long row, unsigned long part, json_t *input, json_t *own)
{
	write_dup(run, e->json, d, row, part, input, own, e->first_row);
	if (--e->dups_left == 0) {
		free(e->json);
		e->json = NULL;
	}
}

static void
emit_invalid(struct vrun *run, unsigned long row, unsigned long part,
    const struct intake *x, json_t *input)
{
	struct probe_result r;

	result_init(&r, x->text);
	notes_copy(&r.notes, &x->notes);
	result_decide(&r, VERDICT_INVALID_SYNTAX, STAGE_SYNTAX,
	    REASON_INVALID_ADDRESS, NULL, NULL);
	strlist_addf(&r.warnings, "invalid address: %s", x->why);
	jsonw_reset(&run->rec);
	result_json_open(&run->rec, &r, run->lang);
	write_record(run, r.verdict, r.reason, NULL, row, part, input, 0);
	if (run->csvrows != NULL && !run->failed)
		csv_rows_add_result(run->csvrows, row, part, &r, run->lang);
	result_free(&r);
}

/* Earlier attempts first, then this one's; warnings merged. */
static void
merge_prev(struct probe_result *r, struct probe_result *prev)
{
	size_t i, j, n = prev->nattempts + r->nattempts;
	struct attempt *a = xcalloc(n ? n : 1, sizeof(*a));

	memcpy(a, prev->attempts, prev->nattempts * sizeof(*a));
	memcpy(a + prev->nattempts, r->attempts, r->nattempts * sizeof(*a));
	free(r->attempts);
	r->attempts = a;
	r->nattempts = r->capattempts = n;
	prev->nattempts = 0;
	for (i = 0; i < prev->warnings.n; i++) {
		for (j = 0; j < r->warnings.n; j++)
			if (strcmp(r->warnings.v[j], prev->warnings.v[i]) == 0)
				break;
		if (j == r->warnings.n)
			strlist_add(&r->warnings, prev->warnings.v[i]);
	}
	memcpy(r->started_at, prev->started_at, sizeof(r->started_at));
	r->total_ms += prev->total_ms;
	result_free(prev);
	free(prev);
}

/* --- input rows ---------------------------------------------------------- */

static json_t *
row_input(struct vrun *run, const struct listin_row *row)
{
	size_t i, addrcol = listin_addr_column(run->in);
	json_t *o;
	char name[32];
	const char *col;

	if (listin_format(run->in) != LISTIN_CSV)
		return NULL;
	o = json_object();
	for (i = 0; i < row->nfields; i++) {
		if (i == addrcol)
			continue;
		if ((col = listin_column(run->in, i)) == NULL) {
			snprintf(name, sizeof(name), "column %zu", i + 1);
			col = name;
		}
		json_object_set_new(o, col,
		    json_bytes(row->fields[i], row->lens[i]));
	}
	return o;
}

static bool
row_done(const struct vrun *run, unsigned long row, unsigned long part)
{
	if (run->done == NULL || row > run->max_row)
		return false;
	if (part > 0)
		return vtab_get(&run->done_parts, part_key(row, part)) != NULL;
	return vsched_rowbit(run->done, row);
}

struct needs_dns {
	const struct vrun	*run;
	bool			 yes;
};

static void
entry_needs_dns(void *val, void *arg)
{
	const struct ventry *e = val;
	struct needs_dns *n = arg;

	if (!row_done(n->run, e->first_row, e->first_part) ||
	    (e->dups_left > 0 && e->json == NULL))
		n->yes = true;
}

/*
 * Why: vsched_part probes an address only for its first row not written,
 * or for a duplicate row whose first's record was not kept for it (a
 * duplicate not written may be one of those, so such an entry counts).
 * Every other row is invalid, written or repeats a kept record: no DNS.
 */
bool
vsched_needs_dns(const struct vrun *run)
{
	struct needs_dns n = { run, false };

	vtab_each(&run->index, entry_needs_dns, &n);
	return n.yes;
}

/* Cut the domain's batch into a chunk and try to start it. */
static void
domain_flush(struct vdomain *d)
{
	struct vjob *vj;
	struct vitem *it;
	size_t i;

	if (d->nbatch == 0)
		return;
	vj = xcalloc(1, sizeof(*vj));
	vj->run = d->run;
	vj->dom = d;
	vj->n = d->nbatch;
	vj->items = xcalloc(vj->n, sizeof(*vj->items));
	for (i = 0, it = d->batch; it != NULL; it = it->next)
		vj->items[i++] = it;
	for (i = 0; i < vj->n; i++)
		vj->items[i]->next = NULL;
	d->batch = d->batch_tail = NULL;
	d->nbatch = 0;
	vj->queued_ms = now_ms();
	if (d->queue_tail != NULL)
		d->queue_tail->next = vj;
	else
		d->queue = vj;
	d->queue_tail = vj;
	domain_kick(d);
}

static void
batch_add(struct vdomain *d, struct vitem *it)
{
	if (d->batch_tail != NULL)
		d->batch_tail->next = it;
	else
		d->batch = it;
	d->batch_tail = it;
	if (++d->nbatch >= VERIFY_CHUNK)
		domain_flush(d);
}

static void
flush_one(void *val, void *arg)
{
	(void)arg;
	domain_flush(val);
}

/*
 * One address of a row (in this shard): probe it, wait on its original, or skip
 * it.
 */
static void
vsched_part(struct vrun *run, unsigned long row, unsigned long part,
    struct intake *x, json_t *input)
{
	struct vdomain *d;
	struct ventry *e;
	struct vitem *it;
	struct vdup *p;
	json_t *own;
	bool first;

	if (!x->ok) {
		if (!row_done(run, row, part))
			emit_invalid(run, row, part, x, input);
		return;
	}
	d = vsched_domain(run, x->addr.domain_ascii);
	e = vtab_get(&run->index, dupkey_of(&x->addr));
	if (e == NULL)
		fatalx("%s: row %lu missing from the index", __func__, row);
	first = e->first_row == row && e->first_part == part;
	if (first && d->unread > 0)
		d->unread--;
	if (row_done(run, row, part)) {
		if (!first && e->dups_left > 0 && --e->dups_left == 0) {
			free(e->json);
			e->json = NULL;
		}
	} else if (!first && e->item != NULL) {
		p = xcalloc(1, sizeof(*p));
		p->row = row;
		p->part = part;
		p->input = input ? json_incref(input) : NULL;
		p->own = dup_own(x);
		p->next = e->item->dups;
		e->item->dups = p;
		run->held++;
	} else if (!first && e->json != NULL) {
		own = dup_own(x);
		emit_dup(run, d, e, row, part, input, own);
		json_decref(own);
	} else {
		it = xcalloc(1, sizeof(*it));
		it->row = row;
		it->part = part;
		it->addr = x->addr;		/* moved */
		x->ok = false;
		it->given = xstrdup(x->text);
		it->notes = x->notes;		/* moved */
		memset(&x->notes, 0, sizeof(x->notes));
		it->input = input ? json_incref(input) : NULL;
		it->entry = e;
		e->item = it;
		run->held++;
		batch_add(d, it);
	}
	if (d->unread == 0)
		domain_flush(d);
}

void
vsched_row(struct vrun *run, const struct listin_row *row)
{
	struct intake *in;
	json_t *input;
	size_t n, i;

	n = vsched_intake(row, &in, NULL);
	intake_hints(in, n);
	input = row_input(run, row);
	for (i = 0; i < n; i++)
		if (vsched_mine(run, &in[i]))
			vsched_part(run, row->row, vsched_partno(n, i), &in[i],
			    input);
	json_decref(input);
	intake_free(in, n);
	if (run->held >= VERIFY_WINDOW)
		vtab_each(&run->domains, flush_one, NULL);
}

void
vsched_input_done(struct vrun *run)
{
	vtab_each(&run->domains, flush_one, NULL);
}

/* --- DNS ---------------------------------------------------------------- */

static void
dns_next(struct vrun *run)
{
	struct vdomain *d;

	while (run->dnsq != NULL && run->dns_inflight < VERIFY_DNS_MAX &&
	    !run->stopping) {
		d = run->dnsq;
		run->dnsq = d->dnsq_next;
		if (run->dnsq == NULL)
			run->dnsq_tail = NULL;
		d->dnsq_next = NULL;
		domain_kick(d);
	}
}

/*
 * Why: a domain's lookup is shared by its chunks, so it is never cut
 * short for one of them; a chunk's --deadline counts from when it waits
 * on the lookup in flight (a wait for a DNS slot is the run's own, as a
 * gate wait is), and when it passes the chunk's rows are written as the
 * engine writes a deadline in DNS while the lookup goes on for the
 * chunks queued later.
 */
static void
dns_deadline_arm(struct vdomain *d)
{
	long long since, wait;
	struct timeval tv;

	if (d->dns != VDNS_PENDING || d->queue == NULL)
		return;
	if (d->dns_deadline_ev == NULL && (d->dns_deadline_ev =
	    evtimer_new(d->run->e.base, dns_deadline_cb, d)) == NULL)
		fatalx("%s: evtimer_new", __func__);
	if (evtimer_pending(d->dns_deadline_ev, NULL))
		return;		/* set for the first chunk: the earliest */
	since = d->queue->queued_ms > d->dns_since ? d->queue->queued_ms :
	    d->dns_since;
	wait = since + d->run->c.deadline_ms - now_ms();
	if (wait < 0)
		wait = 0;
	tv.tv_sec = wait / 1000;
	tv.tv_usec = (wait % 1000) * 1000;
	evtimer_add(d->dns_deadline_ev, &tv);
}

/* A chunk whose --deadline passed while its domain's lookup waited. */
static void
chunk_dns_deadline(struct vdomain *d, struct vjob *vj, long long since)
{
	struct vrun *run = d->run;
	struct probe_result r;
	struct vitem *it;
	size_t i;

	for (i = 0; i < vj->n; i++) {
		if ((it = vj->items[i]) == NULL)
			continue;
		result_init(&r, it->given);
		notes_copy(&r.notes, &it->notes);
		free(r.domain);
		r.domain = xstrdup(d->name);
		probe_decide_dns_deadline(&r, d->name, run->c.deadline_ms);
		r.total_ms = now_ms() - since;
		r.deadline_ms = run->c.deadline_ms;
		if (it->prev != NULL) {
			merge_prev(&r, it->prev);
			it->prev = NULL;
		}
		emit_item(run, d, it, &r);
		result_free(&r);
		vj->items[i] = NULL;
		item_free(run, it);
	}
	vjob_free(run, vj);
}

/*
 * The lookup in flight serves nobody now (every row of the domain was
 * read and its chunks written): cancel it, so the run does not wait for
 * its answers.
 */
static void
dns_drop_unneeded(struct vdomain *d)
{
	struct vrun *run = d->run;

	if (d->dns != VDNS_PENDING || d->unread != 0 || d->nbatch != 0 ||
	    d->queue != NULL || d->retry != NULL || d->running != 0)
		return;
	dns_cancel(d->req);
	d->req = NULL;
	d->dns = VDNS_NONE;
	run->dns_inflight--;
	dns_next(run);
}

static void
dns_deadline_cb(evutil_socket_t fd, short ev, void *arg)
{
	struct vdomain *d = arg;
	struct vrun *run = d->run;
	struct vjob *vj;
	long long since;

	(void)fd;
	(void)ev;
	while ((vj = d->queue) != NULL && !run->stopping) {
		since = vj->queued_ms > d->dns_since ? vj->queued_ms :
		    d->dns_since;
		if (since + run->c.deadline_ms > now_ms())
			break;
		d->queue = vj->next;
		if (d->queue == NULL)
			d->queue_tail = NULL;
		vj->next = NULL;
		chunk_dns_deadline(d, vj, since);
	}
	dns_deadline_arm(d);
	dns_drop_unneeded(d);
	verify_read_more(run);
	verify_maybe_done(run);
}

static void
plan_cb(void *arg, struct mxplan *plan)
{
	struct vdomain *d = arg;
	struct vrun *run = d->run;

	d->req = NULL;
	if (d->dns_deadline_ev != NULL)
		evtimer_del(d->dns_deadline_ev);
	d->plan = plan;
	d->dns = VDNS_READY;
	run->dns_inflight--;
	domain_kick(d);
	dns_next(run);
	verify_maybe_done(run);
}

static bool
domain_plan(struct vdomain *d)
{
	struct vrun *run = d->run;

	switch (d->dns) {
	case VDNS_READY:
		return true;
	case VDNS_PENDING:
		dns_deadline_arm(d);	/* a chunk may have joined the wait */
		return false;
	case VDNS_QUEUED:
		if (run->dns_inflight >= VERIFY_DNS_MAX)
			return false;
		break;
	case VDNS_NONE:
		if (run->dns_inflight >= VERIFY_DNS_MAX) {
			d->dns = VDNS_QUEUED;
			if (run->dnsq_tail != NULL)
				run->dnsq_tail->dnsq_next = d;
			else
				run->dnsq = d;
			run->dnsq_tail = d;
			return false;
		}
		break;
	}
	d->dns = VDNS_PENDING;
	d->dns_since = now_ms();
	run->dns_inflight++;
	d->req = dns_plan(run->e.dns, d->name, plan_cb, d);
	dns_deadline_arm(d);
	return false;
}

/* --- jobs --------------------------------------------------------------- */

static void	job_result(void *, size_t, struct probe_result *);
static void	job_done(void *);

static void
retry_arm(struct vdomain *d);

/* The warning that this network blocks port 25, once. */
static void
port25_warn(struct vrun *run, bool via_proxy)
{
	run->warned25 = true;
	run->pending25_ms = 0;
	progress_clear(&run->prog);
	/* through --proxy the filter is on the proxy's network, not here */
	if (via_proxy)
		cli_msg(run->lang, "mxtrace verify: warning: the first sessions to %u "
		    "different domains all timed out at connect through the "
		    "proxy: the network of the proxy's server probably filters "
		    "outbound port 25 (usual on cloud servers until the provider "
		    "opens it).  Ask that provider to open port 25, or run the "
		    "proxy on a server that may send mail.\n", run->filtered25);
	else if (run->refused25 != 0)
		cli_msg(run->lang, "mxtrace verify: warning: the first sessions to %u "
		    "different domains all failed at connect (refused or timed "
		    "out): this network or this machine's firewall probably "
		    "blocks outbound port 25.  Run mxtrace from a server that may "
		    "send mail, or run a SOCKS5 proxy there and use --proxy "
		    "socks5://USER:PASS@SERVER:1080.\n", run->filtered25);
	else
		cli_msg(run->lang, "mxtrace verify: warning: the first sessions to %u "
		    "different domains all timed out at connect: this network "
		    "probably filters outbound port 25 (usual on home, office and "
		    "cloud networks).  Run mxtrace from a server that may send "
		    "mail, or run a SOCKS5 proxy there and use --proxy "
		    "socks5://USER:PASS@SERVER:1080.\n",
		    run->filtered25);
}

/* Whether a server of the run has answered on port 25 (a session past its
 * banner, an RCPT reply): then nothing here blocks it. */
static bool
port25_answered(const struct vrun *run)
{
	return run->reached25 != 0 || run->e.port25_answered != 0;
}

/*
 * Say it early when the first domains all fail at connect.  Timeouts took
 * --timeout, time enough for a live server to answer; refused connects
 * come back in milliseconds, before any live server's first reply, so a
 * list whose first domains are dead would read as a block: refusals alone
 * wait port25_grace_ms (vsched_port25_decide).  This machine's own
 * firewall refusing is certain at once.
 */
static void
watch_port25(struct vrun *run, struct vdomain *d, const struct probe_result *r)
{
	char key[64];

	if (run->warned25 || d->seen_result)
		return;
	d->seen_result = true;
	if (r->stage == STAGE_PROXY && !run->warned_proxy) {
		run->warned_proxy = true;
		progress_clear(&run->prog);
		/* the reason in the CSV's words: its name in English, its
		 * label in Chinese (csv_out.c) */
		snprintf(key, sizeof(key), "report.reason.%s",
		    reason_name(r->reason));
		cli_msg(run->lang, "mxtrace verify: warning: the proxy failed (%s): "
		    "the results that say stage proxy are about your proxy, "
		    "not the recipients; fix --proxy and verify those rows "
		    "again.\n", run->lang == LANG_EN ? reason_name(r->reason) :
		    catalog_label(run->lang, key));
	}
	/* a firewall that refuses port 25 instead of dropping it refuses
	 * every domain alike, as this machine's own firewall does; through
	 * a proxy, that is the proxy's answer */
	if (r->reason == REASON_PORT25_FILTERED ||
	    r->reason == REASON_PROXY_PORT25_FILTERED)
		run->filtered25++;
	else if (r->reason == REASON_LOCAL_FIREWALL ||
	    (r->reason == REASON_CONNECTION_FAILED &&
	    r->stage == STAGE_CONNECT && r->nattempts > 0 &&
	    r->attempts[0].proxy == NULL)) {
		run->filtered25++;
		run->refused25++;
		if (r->reason == REASON_LOCAL_FIREWALL)
			run->denied25 = true;
	} else if (!stage_before(r->stage, STAGE_BANNER))
		run->reached25++;
	if (run->filtered25 < 3 || port25_answered(run))
		return;
	if (run->refused25 == run->filtered25 && !run->denied25) {
		if (run->pending25_ms == 0)
			run->pending25_ms = now_ms();
		return;
	}
	port25_warn(run, r->reason == REASON_PROXY_PORT25_FILTERED);
}

/*
 * How long refusals alone wait for a server of the run to answer: as long
 * as a live server is given (--timeout), at least VERIFY_PORT25_GRACE_MS.
 * A cold or loaded server's first reply comes later than 2 s (the bench
 * lab's Postfix on a busy 2-CPU machine: a banner 1.1 s after connect
 * when idle, then EHLO, STARTTLS, MAIL, RCPT), and a list whose first
 * domains refused then read as a block.
 */
static long long
port25_grace_ms(const struct vrun *run)
{
	return run->c.timeout_ms > VERIFY_PORT25_GRACE_MS ? run->c.timeout_ms :
	    VERIFY_PORT25_GRACE_MS;
}

void
vsched_port25_decide(struct vrun *run, bool final)
{
	if (run->pending25_ms == 0 || run->warned25)
		return;
	if (port25_answered(run)) {
		run->pending25_ms = 0;
		return;
	}
	if (!final && now_ms() - run->pending25_ms < port25_grace_ms(run))
		return;
	port25_warn(run, false);
}

static void
job_result(void *arg, size_t idx, struct probe_result *r)
{
	struct vjob *vj = arg;
	struct vrun *run = vj->run;
	struct vdomain *d = vj->dom;
	struct vitem *it = vj->items[idx];
	long long now = now_ms();

	if (vj->aborted || run->stopping || run->failed || it == NULL)
		return;
	if (r->catch_all >= 0)
		d->catch_all = r->catch_all;
	if (now - vj->start_ms > d->known_ms)
		d->known_ms = now - vj->start_ms;
	watch_port25(run, d, r);
	if (it->prev != NULL) {
		merge_prev(r, it->prev);
		it->prev = NULL;
	}
	if (r->verdict == VERDICT_TEMPORARY &&
	    now + run->retry_after_ms - it->first_ms <= run->max_wait_ms) {
		it->prev = r;
		vj->kept[idx] = true;
		vj->items[idx] = NULL;
		it->due_ms = now + run->retry_after_ms;
		it->next = NULL;
		if (d->retry_tail != NULL)
			d->retry_tail->next = it;
		else
			d->retry = it;
		d->retry_tail = it;
		run->waiting_retry++;
		retry_arm(d);
		return;
	}
	emit_item(run, d, it, r);
	vj->items[idx] = NULL;
	item_free(run, it);
}

static void
vjob_free(struct vrun *run, struct vjob *vj)
{
	size_t i;

	for (i = 0; i < vj->n; i++) {
		if (vj->results != NULL && !vj->kept[i]) {
			result_free(vj->results[i]);
			free(vj->results[i]);
		}
		if (vj->items[i] != NULL) {
			run->unfinished += 1;
			item_free(run, vj->items[i]);
		}
	}
	free(vj->results);
	free(vj->kept);
	free(vj->rcpts);
	free(vj->items);
	free(vj);
}

static void
job_start(struct vdomain *d, struct vjob *vj)
{
	struct vrun *run = d->run;
	size_t i;
	long long now = now_ms();

	vj->results = xcalloc(vj->n, sizeof(*vj->results));
	vj->kept = xcalloc(vj->n, sizeof(*vj->kept));
	vj->rcpts = xcalloc(vj->n, sizeof(*vj->rcpts));
	for (i = 0; i < vj->n; i++) {
		struct vitem *it = vj->items[i];

		vj->results[i] = xcalloc(1, sizeof(**vj->results));
		result_init(vj->results[i], it->given);
		notes_copy(&vj->results[i]->notes, &it->notes);
		vj->rcpts[i] = it->addr.path;
		if (it->first_ms == 0)
			it->first_ms = now;
	}
	vj->prev = NULL;
	vj->next = run->active;
	if (run->active != NULL)
		run->active->prev = vj;
	run->active = vj;
	run->nactive++;
	d->running++;
	vj->start_ms = now;
	vj->job = probe_job_start(&run->e.env, d->name, d->plan, vj->rcpts,
	    vj->results, vj->n, d->catch_all, job_result, job_done, vj);
}

static void
runq_add(struct vrun *run, struct vdomain *d)
{
	if (d->in_runq)
		return;
	d->in_runq = true;
	d->runq_next = NULL;
	if (run->runq_tail != NULL)
		run->runq_tail->runq_next = d;
	else
		run->runq = d;
	run->runq_tail = d;
}

/* Start the domain's queued chunks as far as its limits allow. */
static void
domain_kick(struct vdomain *d)
{
	struct vrun *run = d->run;
	struct vjob *vj;
	unsigned limit;

	while (d->queue != NULL && !run->stopping && !run->failed) {
		if (!domain_plan(d))
			return;
		limit = (d->catch_all < 0 && run->e.env.catch_all_check &&
		    !d->first_done) ? 1 : run->per_host;
		if (d->running >= limit)
			return;
		if (run->nactive >= run->max_active) {
			runq_add(run, d);
			return;
		}
		vj = d->queue;
		d->queue = vj->next;
		if (d->queue == NULL)
			d->queue_tail = NULL;
		vj->next = NULL;
		job_start(d, vj);
	}
}

static void
runq_pump(struct vrun *run)
{
	struct vdomain *d;

	while (run->runq != NULL && run->nactive < run->max_active &&
	    !run->stopping) {
		d = run->runq;
		run->runq = d->runq_next;
		if (run->runq == NULL)
			run->runq_tail = NULL;
		d->in_runq = false;
		domain_kick(d);
	}
}

/* The domain has nothing left: free its plan. */
static void
domain_settle(struct vdomain *d)
{
	if (d->unread == 0 && d->nbatch == 0 && d->queue == NULL &&
	    d->retry == NULL && d->running == 0 && d->plan != NULL) {
		mxplan_free(d->plan);
		d->plan = NULL;
		d->dns = VDNS_NONE;
	}
}

static void
job_done(void *arg)
{
	struct vjob *vj = arg;
	struct vrun *run = vj->run;
	struct vdomain *d = vj->dom;

	if (vj->prev != NULL)
		vj->prev->next = vj->next;
	else
		run->active = vj->next;
	if (vj->next != NULL)
		vj->next->prev = vj->prev;
	run->nactive--;
	d->running--;
	d->first_done = true;
	vjob_free(run, vj);
	if (!run->stopping) {
		domain_kick(d);
		runq_pump(run);
		domain_settle(d);
		verify_read_more(run);
	}
	verify_maybe_done(run);
}

/* --- retries -------------------------------------------------------------- */

static void
wait_domain(void *val, void *arg)
{
	const struct vdomain *d = val;
	struct progress_wait *w = arg;
	const struct vitem *it;
	long long give_up;

	for (it = d->retry; it != NULL; it = it->next) {
		give_up = it->first_ms + d->run->max_wait_ms;
		if (w->n == 0 || it->due_ms < w->next_ms)
			w->next_ms = it->due_ms;
		if (w->n == 0 || it->due_ms > w->last_ms)
			w->last_ms = it->due_ms;
		if (w->n == 0 || give_up > w->give_up_ms)
			w->give_up_ms = give_up;
		w->n++;
	}
}

void
vsched_wait(const struct vrun *run, struct progress_wait *w)
{
	memset(w, 0, sizeof(*w));
	w->max_wait_ms = run->max_wait_ms;
	if (run->waiting_retry > 0)
		vtab_each(&run->domains, wait_domain, w);
}

/* A domain's jobs not started yet, for the ETA: its chunks queued, and
 * its rows not in a chunk yet (not read, or in its batch) in chunks to
 * come. */
static void
queue_domain(void *val, void *arg)
{
	const struct vdomain *d = val;
	const struct vjob *vj;
	unsigned long jobs = (d->unread + d->nbatch + VERIFY_CHUNK - 1) /
	    VERIFY_CHUNK;

	for (vj = d->queue; vj != NULL; vj = vj->next)
		jobs++;
	progress_queue_add(arg, d->known_ms, jobs);
}

void
vsched_flight(const struct vrun *run, struct progress_flight *f)
{
	const struct vjob *vj;
	long long now = now_ms();
	unsigned long n;
	size_t i;

	memset(f, 0, sizeof(*f));
	f->limit_ms = run->e.env.session.deadline_ms;
	f->slots = run->max_active;
	vtab_each(&run->domains, queue_domain, f);
	for (vj = run->active; vj != NULL; vj = vj->next) {
		for (i = n = 0; i < vj->n; i++) {
			if (vj->items[i] == NULL)
				continue;
			n++;
			if (vj->items[i]->first_ms > f->first_ms)
				f->first_ms = vj->items[i]->first_ms;
		}
		progress_flight_add(f, now, vj->start_ms, vj->dom->known_ms,
		    run->e.env.session.deadline_ms, n);
	}
	f->last = run->stopping;
}


static void
retry_cb(evutil_socket_t fd, short ev, void *arg)
{
	struct vdomain *d = arg;
	struct vrun *run = d->run;
	long long now = now_ms();
	struct vitem *it;

	(void)fd;
	(void)ev;
	if (run->stopping)
		return;
	while ((it = d->retry) != NULL && it->due_ms <= now) {
		d->retry = it->next;
		if (d->retry == NULL)
			d->retry_tail = NULL;
		it->next = NULL;
		run->waiting_retry--;
		batch_add(d, it);
	}
	domain_flush(d);
	retry_arm(d);
}

static void
retry_arm(struct vdomain *d)
{
	struct timeval tv;
	long long wait;

	if (d->retry == NULL)
		return;
	if (d->retry_ev == NULL &&
	    (d->retry_ev = evtimer_new(d->run->e.base, retry_cb, d)) == NULL)
		fatalx("%s: evtimer_new", __func__);
	if (evtimer_pending(d->retry_ev, NULL))
		return;
	wait = d->retry->due_ms - now_ms();
	if (wait < 0)
		wait = 0;
	tv.tv_sec = wait / 1000;
	tv.tv_usec = (wait % 1000) * 1000;
	evtimer_add(d->retry_ev, &tv);
}

/*
 * --- stop, idle, free -------------------------------------------------------
 */

static void
items_drop(struct vrun *run, struct vitem *it)
{
	struct vitem *n;

	for (; it != NULL; it = n) {
		n = it->next;
		run->unfinished++;
		item_free(run, it);
	}
}

static void
domain_stop(void *val, void *arg)
{
	struct vdomain *d = val;
	struct vrun *run = arg;
	struct vjob *vj, *n;

	if (d->retry_ev != NULL)
		evtimer_del(d->retry_ev);
	if (d->dns_deadline_ev != NULL)
		evtimer_del(d->dns_deadline_ev);
	if (d->req != NULL) {
		dns_cancel(d->req);
		d->req = NULL;
		run->dns_inflight--;
		d->dns = VDNS_NONE;
	}
	items_drop(run, d->batch);
	d->batch = d->batch_tail = NULL;
	d->nbatch = 0;
	items_drop(run, d->retry);
	d->retry = d->retry_tail = NULL;
	for (vj = d->queue; vj != NULL; vj = n) {
		n = vj->next;
		vjob_free(run, vj);
	}
	d->queue = d->queue_tail = NULL;
}

void
vsched_stop(struct vrun *run)
{
	struct vjob *vj, *n;

	run->stopping = true;
	run->waiting_retry = 0;
	run->runq = run->runq_tail = NULL;
	run->dnsq = run->dnsq_tail = NULL;
	vtab_each(&run->domains, domain_stop, run);
	for (vj = run->active; vj != NULL; vj = n) {
		n = vj->next;
		vj->aborted = true;
		probe_job_abort(vj->job, true);	/* may call job_done: vj freed */
	}
}

bool
vsched_idle(const struct vrun *run)
{
	if (run->stopping)
		return run->nactive == 0;
	return run->input_done && run->nactive == 0 && run->held == 0 &&
	    run->dns_inflight == 0 && run->waiting_retry == 0;
}

static void
domain_free(void *val, void *arg)
{
	struct vdomain *d = val;

	(void)arg;
	if (d->retry_ev != NULL)
		event_free(d->retry_ev);
	if (d->dns_deadline_ev != NULL)
		event_free(d->dns_deadline_ev);
	if (d->plan != NULL)
		mxplan_free(d->plan);
	free(d->name);
	free(d);
}

static void
entry_free(void *val, void *arg)
{
	struct ventry *e = val;

	(void)arg;
	free(e->json);
	free(e);
}

void
vsched_free(struct vrun *run)
{
	vtab_each(&run->domains, domain_free, NULL);
	vtab_free(&run->domains);
	vtab_each(&run->index, entry_free, NULL);
	vtab_free(&run->index);
	vtab_free(&run->done_parts);
	jsonw_free(&run->rec);
}
