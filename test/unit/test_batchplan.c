/*
 * test_batchplan.c - who rides a shared session use and in which order
 * (engine/batchplan.c), and what a run learns about a host's limits
 * (engine/hostlim.c); both without I/O.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "engine/batchplan.h"
#include "engine/hostlim.h"

/* A rider of n addresses plus a probe, its domain not heard yet. */
static struct bplan_rider
rider(size_t addrs, bool probe)
{
	struct bplan_rider r;

	memset(&r, 0, sizeof(r));
	r.n = addrs + (probe ? 1 : 0);
	r.probe = probe ? addrs : r.n;
	return r;
}

/* A rider of addrs addresses whose domain answered seen, rejected rej. */
static struct bplan_rider
heard(size_t addrs, unsigned long seen, unsigned long rej)
{
	struct bplan_rider r = rider(addrs, false);

	r.seen = seen;
	r.rejected = rej;
	return r;
}

static struct bplan_use
use(size_t budget, unsigned long seen, unsigned long rejected)
{
	struct bplan_use u;

	memset(&u, 0, sizeof(u));
	u.budget = budget;
	u.rcpt_max = 100;
	u.riders_max = 64;
	u.host_seen = seen;
	u.host_rejected = rejected;
	return u;
}

/*
 * The domain's own rate once it has 3 answers; the probe only while no one was
 * refused.
 */
static void
test_cost(void **state)
{
	struct bplan_use u = use(9, 1100, 100);	/* the host refuses 1 in 11 */
	struct bplan_rider r = rider(10, false);
	double c;

	(void)state;
	c = bplan_cost(&u, &r);
	assert_true(c > 0.85 && c < 0.95);		/* 10 x ~0.091 */
	r.seen = 4;
	r.rejected = 2;
	assert_true(bplan_cost(&u, &r) > 4.99 && bplan_cost(&u, &r) < 5.01);
	r = rider(10, true);
	c = bplan_cost(&u, &r);				/* + (1 - 0.091)^10 */
	assert_true(c > 0.91 + 0.37 && c < 0.91 + 0.41);
	r.seen = 2;					/* heard, nobody refused */
	assert_true(bplan_cost(&u, &r) > 1.9);
	r.rejected = 1;					/* refused one: no probe */
	assert_true(bplan_cost(&u, &r) < 5.0 + 0.01);
	u = use(9, 0, 0);				/* nothing known: 1 in 10 */
	r = rider(10, false);
	assert_true(bplan_cost(&u, &r) > 0.99 && bplan_cost(&u, &r) < 1.01);
}

/*
 * Typical domains (11 addresses, one unknown) fill the budget and one
 * transaction.
 */
static void
test_pick_typical(void **state)
{
	struct bplan_use u = use(9, 1100, 100);
	struct bplan_rider c[40];
	size_t pick[40], n, i;

	(void)state;
	for (i = 0; i < 40; i++)
		c[i] = heard(11, 11, 1);
	n = bplan_pick(&u, c, 40, pick);
	assert_int_equal(n, 9);				/* 99 RCPTs <= 100, ~9 rejections */
	for (i = 0; i < n; i++)
		assert_int_equal(pick[i], i);		/* in waiting order */
	u.rcpt_max = 50;				/* the host said 452 after 50 */
	assert_int_equal(bplan_pick(&u, c, 40, pick), 4);
	u.rcpt_max = 100;
	u.riders_max = 3;
	assert_int_equal(bplan_pick(&u, c, 40, pick), 3);
}

/*
 * An unknown-heavy domain rides alone: as leader it takes nobody along;
 * as a follower it is passed over for lighter ones while the budget is
 * well filled, and taken once when the session is far from full.
 */
static void
test_pick_heavy(void **state)
{
	struct bplan_use u = use(9, 1000, 100);
	struct bplan_rider c[4];
	size_t pick[4];

	(void)state;
	c[0] = heard(20, 10, 5);			/* costs 10 */
	c[1] = c[2] = c[3] = heard(5, 5, 1);		/* 1 each */
	assert_int_equal(bplan_pick(&u, c, 4, pick), 1);
	c[0] = heard(5, 5, 1);				/* a light leader */
	c[1] = heard(20, 10, 5);			/* heavy: 10 */
	assert_int_equal(bplan_pick(&u, c, 4, pick), 2);	/* 1 < 6.75: taken */
	assert_int_equal(pick[1], 1);
	u.budget = 2;					/* a kept session, 2 left */
	c[0].rejected = 2;				/* costs 2 */
	assert_int_equal(bplan_pick(&u, c, 4, pick), 1);
}

/* A kept session takes no rider that needs a connection of its own. */
static void
test_pick_fresh(void **state)
{
	struct bplan_use u = use(9, 0, 0);
	struct bplan_rider c[3];
	size_t pick[3];

	(void)state;
	c[0] = rider(2, false);
	c[1] = rider(2, false);
	c[1].fresh = true;
	c[2] = rider(2, false);
	assert_int_equal(bplan_pick(&u, c, 3, pick), 3);
	u.reused = true;
	assert_int_equal(bplan_pick(&u, c, 3, pick), 2);
	assert_int_equal(pick[1], 2);
	assert_int_equal(bplan_pick(&u, c, 0, pick), 0);
	u.budget = SIZE_MAX;				/* no budget: all */
	u.reused = false;
	assert_int_equal(bplan_pick(&u, c, 3, pick), 3);
}

/* Every rider's addresses in rider order, then the probes. */
static void
test_order(void **state)
{
	struct bplan_rider r[3];
	struct bplan_slot out[16];
	static const size_t want[][2] = {
		{ 0, 0 }, { 0, 1 }, { 1, 0 }, { 2, 0 }, { 2, 2 }, { 0, 2 }, { 2, 1 },
	};
	size_t n, i;

	(void)state;
	r[0] = rider(2, true);			/* a0 a1 probe */
	r[1] = rider(1, false);			/* b0 */
	r[2] = rider(2, true);
	r[2].probe = 1;				/* c0 probe c2 */
	n = bplan_order(r, 3, out);
	assert_int_equal(n, 7);
	for (i = 0; i < n; i++) {
		assert_int_equal(out[i].rider, want[i][0]);
		assert_int_equal(out[i].local, want[i][1]);
	}
}

static struct session_outcome
outcome(enum session_end end)
{
	struct session_outcome o;

	memset(&o, 0, sizeof(o));
	o.end = end;
	return o;
}

/* Limits learned from sessions' endings, per address and port, only lowered. */
static void
test_hostlim(void **state)
{
	struct host_limits def = { 100, 9, 9, 0, 0 }, l;
	struct hostlim *h = hostlim_new(&def);
	struct session_outcome o;
	struct step r421;

	(void)state;
	hostlim_get(h, "192.0.2.1", 25, &l);
	assert_int_equal(l.rcpt_batch, 100);
	assert_int_equal(l.error_budget, 9);
	assert_int_equal(l.nonmail_max, 9);

	o = outcome(SESSION_OK);
	o.rcpt_max = 2;				/* 452 at the 3rd RCPT */
	hostlim_learn(h, "192.0.2.1", 25, &o);
	hostlim_get(h, "192.0.2.1", 25, &l);
	assert_int_equal(l.rcpt_batch, 2);
	o.rcpt_max = 50;			/* never raised again */
	hostlim_learn(h, "192.0.2.1", 25, &o);
	hostlim_get(h, "192.0.2.1", 25, &l);
	assert_int_equal(l.rcpt_batch, 2);
	hostlim_get(h, "192.0.2.1", 587, &l);	/* another port: its own */
	assert_int_equal(l.rcpt_batch, 100);

	o = outcome(SESSION_OK);
	o.tarpit = true;
	o.tarpit_after = 3;			/* replies slowed after 3 */
	hostlim_learn(h, "192.0.2.2", 25, &o);
	hostlim_get(h, "192.0.2.2", 25, &l);
	assert_int_equal(l.error_budget, 2);

	memset(&r421, 0, sizeof(r421));
	r421.code = 421;
	strcpy(r421.enhanced, "4.7.0");
	r421.text = (char *)"mx.test Error: too many errors";
	r421.textlen = strlen(r421.text);
	o = outcome(SESSION_REJECTED);
	o.reply = &r421;
	o.rejections = 6;			/* ended after 6 */
	hostlim_learn(h, "192.0.2.3", 25, &o);
	hostlim_get(h, "192.0.2.3", 25, &l);
	assert_int_equal(l.error_budget, 3);
	r421.text = (char *)"mx.test closing";	/* not about errors */
	r421.textlen = strlen(r421.text);
	o.rejections = 2;
	hostlim_learn(h, "192.0.2.3", 25, &o);
	hostlim_get(h, "192.0.2.3", 25, &l);
	assert_int_equal(l.error_budget, 3);

	o = outcome(SESSION_REJECTED);
	o.rset_refused = true;
	o.nonmail = 6;				/* the 6th nonmail command refused */
	hostlim_learn(h, "192.0.2.4", 25, &o);
	hostlim_get(h, "192.0.2.4", 25, &l);
	assert_int_equal(l.nonmail_max, 5);

	hostlim_count(h, "192.0.2.5", 25, 250);
	hostlim_count(h, "192.0.2.5", 25, 550);
	hostlim_count(h, "192.0.2.5", 25, 451);
	hostlim_get(h, "192.0.2.5", 25, &l);
	assert_int_equal(l.seen, 3);
	assert_int_equal(l.rejected, 2);
	hostlim_free(h);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cost),
		cmocka_unit_test(test_pick_typical),
		cmocka_unit_test(test_pick_heavy),
		cmocka_unit_test(test_pick_fresh),
		cmocka_unit_test(test_order),
		cmocka_unit_test(test_hostlim),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
