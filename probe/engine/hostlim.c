/*
 * hostlim.c - the limits a run has learned about each MX address.
 *
 * Public: hostlim_new, hostlim_free, hostlim_get, hostlim_count,
 * hostlim_learn (hostlim.h).
 *
 * One entry per "ip port", made the first time something is counted or
 * learned; verify's gate already keeps one entry per address, so the
 * table grows no faster than the sessions a run opens.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "base/vtab.h"
#include "engine/hostlim.h"
#include "meaning/hostsig.h"

struct hostlim {
	struct host_limits	 def;
	struct vtab		 hosts;		/* "ip port" -> struct host_limits (owned) */
};

struct hostlim *
hostlim_new(const struct host_limits *def)
{
	struct hostlim *h = xcalloc(1, sizeof(*h));

	h->def = *def;
	h->def.seen = h->def.rejected = 0;
	return h;
}

static void
entry_free(void *val, void *arg)
{
	(void)arg;
	free(val);
}

void
hostlim_free(struct hostlim *h)
{
	if (h == NULL)
		return;
	vtab_each(&h->hosts, entry_free, NULL);
	vtab_free(&h->hosts);
	free(h);
}

static struct vkey
host_key(const char *ip, int port)
{
	char k[80];
	int n = snprintf(k, sizeof(k), "%s %d", ip, port);

	return vtab_key(k, n > 0 && (size_t)n < sizeof(k) ? (size_t)n :
	    sizeof(k) - 1);
}

static struct host_limits *
host_entry(struct hostlim *h, const char *ip, int port)
{
	struct vkey k = host_key(ip, port);
	struct host_limits *e = vtab_get(&h->hosts, k);

	if (e == NULL) {
		e = xcalloc(1, sizeof(*e));
		*e = h->def;
		vtab_put(&h->hosts, k, e);
	}
	return e;
}

void
hostlim_get(const struct hostlim *h, const char *ip, int port,
    struct host_limits *out)
{
	const struct host_limits *e = vtab_get(&h->hosts, host_key(ip, port));

	*out = e != NULL ? *e : h->def;
}

void
hostlim_count(struct hostlim *h, const char *ip, int port, int code)
{
	struct host_limits *e = host_entry(h, ip, port);

	e->seen++;
	if (code >= 400)
		e->rejected++;
}

/* Lower *lim to want (never below 1); 0 in *lim means "no limit". */
static void
lower(size_t *lim, size_t want)
{
	if (want < 1)
		want = 1;
	if (*lim == 0 || want < *lim)
		*lim = want;
}

/*
 * A tarpit that began after n rejections: keep one below n.  The hard
 * limit ("421 too many errors") after n: Postfix's soft limit is half its
 * hard one by default, so keep below half.  "Too many recipients" after
 * n in a transaction: n.  A 5xx to RSET after n nonmail commands (RSET
 * included): n - 1.
 */
void
hostlim_learn(struct hostlim *h, const char *ip, int port,
    const struct session_outcome *o)
{
	struct host_limits *e = host_entry(h, ip, port);
	const struct step *r = o->reply;
	size_t nonmail = e->nonmail_max;

	if (o->rcpt_max > 0)
		lower(&e->rcpt_batch, o->rcpt_max);
	if (o->tarpit)
		lower(&e->error_budget, o->tarpit_after > 1 ?
		    o->tarpit_after - 1 : 1);
	if (o->end == SESSION_REJECTED && r != NULL && r->code == 421 &&
	    hostsig_of(r->code, r->enhanced, r->text, r->textlen) ==
	    HOSTSIG_TOO_MANY_ERRORS)
		lower(&e->error_budget, o->rejections / 2);
	if (o->rset_refused && o->nonmail > 1) {
		lower(&nonmail, o->nonmail - 1);
		e->nonmail_max = (unsigned)nonmail;
	}
}
