/*
 * test_gate.c - the politeness gate (engine/gate.c) on its own, with a
 * clock the test moves: --per-host (waiters resumed first come, first
 * served, none overtaking), --jobs overall, --rate spacing to the
 * millisecond, the back-off after "421 too many connections" (the cap
 * halved, a 15 s pause, then one session at a time), cancel and wake,
 * and the checks ahead it lets through (never waiting, counted by --rate).
 * Jobs are stand-ins: the gate only keeps pointers to them and resumes
 * them through probe_job_resume(), defined here as a job does it (ask
 * again), so every admission is counted in order.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "engine/gate.h"

struct probe_job {
	const char		*ip;
	const struct probe_gate	*gate;
	bool			 admitted;
	int			 order;		/* 1, 2, ...: when admitted */
};

static long long fake_now;
static int admissions;

static long long
fake_clock(void)
{
	return fake_now;
}

/* What a job does when the gate resumes it: ask again. */
void
probe_job_resume(struct probe_job *j)
{
	if (j->gate->acquire(j->gate->arg, j, j->ip)) {
		j->admitted = true;
		j->order = ++admissions;
	}
}

static void
ask(struct probe_job *j, const struct probe_gate *g, const char *ip)
{
	memset(j, 0, sizeof(*j));
	j->ip = ip;
	j->gate = g;
	probe_job_resume(j);
}

static struct step
reply(int code, const char *text)
{
	struct step st;

	memset(&st, 0, sizeof(st));
	st.code = code;
	st.text = (char *)text;
	st.textlen = strlen(text);
	return st;
}

static struct vgate *
gate(struct event_base *base, unsigned jobs, unsigned per_host, unsigned rate)
{
	struct vgate_limits lim = { jobs, per_host, rate, fake_clock };

	fake_now = 1000000;
	admissions = 0;
	return vgate_new(base, &lim);
}

/* --per-host 2: the third waits, and goes when one ends; FIFO. */
static void
test_per_host(void **state)
{
	struct vgate *v = gate(*state, 100, 2, 0);
	const struct probe_gate *g = vgate_probe_gate(v);
	struct probe_job j[5];

	ask(&j[0], g, "192.0.2.1");
	ask(&j[1], g, "192.0.2.1");
	ask(&j[2], g, "192.0.2.1");
	ask(&j[3], g, "192.0.2.1");
	ask(&j[4], g, "192.0.2.2");	/* another host is not held up */
	assert_true(j[0].admitted && j[1].admitted && j[4].admitted);
	assert_false(j[2].admitted || j[3].admitted);
	assert_int_equal(vgate_open(v), 3);
	assert_int_equal(vgate_waiting(v), 2);
	g->release(g->arg, "192.0.2.1", SESSION_OK, NULL);
	assert_true(j[2].admitted);		/* first come, first served */
	assert_false(j[3].admitted);
	assert_int_equal(j[2].order, 4);
	g->release(g->arg, "192.0.2.1", SESSION_OK, NULL);
	assert_true(j[3].admitted);
	assert_int_equal(vgate_open(v), 3);
	assert_int_equal(vgate_waiting(v), 0);
	assert_int_equal(vgate_sessions(v), 5);
	vgate_free(v);
}

/* A newcomer never overtakes a job already waiting for its host. */
static void
test_no_overtaking(void **state)
{
	struct vgate *v = gate(*state, 100, 1, 0);
	const struct probe_gate *g = vgate_probe_gate(v);
	struct probe_job a, b, c;

	ask(&a, g, "192.0.2.1");
	ask(&b, g, "192.0.2.1");
	assert_true(a.admitted);
	assert_false(b.admitted);
	g->release(g->arg, "192.0.2.1", SESSION_OK, NULL);
	/* b got the slot on release; c comes after it and waits */
	ask(&c, g, "192.0.2.1");
	assert_true(b.admitted);
	assert_false(c.admitted);
	g->cancel(g->arg, &c);
	assert_int_equal(vgate_waiting(v), 0);
	g->release(g->arg, "192.0.2.1", SESSION_OK, NULL);
	assert_false(c.admitted);		/* cancelled: never resumed */
	assert_int_equal(vgate_open(v), 0);
	vgate_free(v);
}

/* --jobs 2 overall, whatever the hosts. */
static void
test_jobs_overall(void **state)
{
	struct vgate *v = gate(*state, 2, 5, 0);
	const struct probe_gate *g = vgate_probe_gate(v);
	struct probe_job a, b, c;

	ask(&a, g, "192.0.2.1");
	ask(&b, g, "192.0.2.2");
	ask(&c, g, "192.0.2.3");
	assert_true(a.admitted && b.admitted);
	assert_false(c.admitted);
	g->release(g->arg, "192.0.2.1", SESSION_OK, NULL);
	assert_true(c.admitted);
	vgate_free(v);
}

/* --rate 60: one new session a second to a host, to the millisecond. */
static void
test_rate(void **state)
{
	struct vgate *v = gate(*state, 100, 5, 60);
	const struct probe_gate *g = vgate_probe_gate(v);
	struct probe_job a, b, c;

	ask(&a, g, "192.0.2.1");
	ask(&b, g, "192.0.2.1");
	ask(&c, g, "192.0.2.2");	/* the spacing is per host */
	assert_true(a.admitted && c.admitted);
	assert_false(b.admitted);
	fake_now += 999;
	vgate_pump(v);
	assert_false(b.admitted);
	fake_now += 1;
	vgate_pump(v);
	assert_true(b.admitted);
	vgate_free(v);
}

/*
 * A check ahead (engine/lookahead.c) goes only where a session could
 * start now without overtaking a waiting job - not to a host at its
 * cap, in its --rate pause or with a job waiting, not past --jobs - and
 * the next session to its host keeps the --rate spacing after it.
 */
static void
test_check(void **state)
{
	struct vgate *v = gate(*state, 3, 2, 60);
	const struct probe_gate *g = vgate_probe_gate(v);
	struct probe_job a, b, c, d;

	assert_true(g->check(g->arg, "192.0.2.9"));
	ask(&a, g, "192.0.2.9");
	assert_false(a.admitted);		/* the check's spacing */
	fake_now += 1000;
	vgate_pump(v);
	assert_true(a.admitted);
	ask(&b, g, "192.0.2.9");		/* waits: --rate */
	assert_false(b.admitted);
	fake_now += 1000;		/* its pause over, not yet resumed */
	assert_false(g->check(g->arg, "192.0.2.9"));	/* b first */
	vgate_pump(v);
	assert_true(b.admitted);
	assert_false(g->check(g->arg, "192.0.2.9"));	/* at its cap, 2 */
	assert_int_equal(vgate_open(v), 2);
	assert_int_equal(vgate_sessions(v), 2);	/* checks are no sessions */
	ask(&c, g, "192.0.2.8");
	assert_true(c.admitted);
	assert_false(g->check(g->arg, "192.0.2.7"));	/* --jobs 3 all open */
	g->release(g->arg, "192.0.2.8", SESSION_OK, NULL);
	assert_true(g->check(g->arg, "192.0.2.7"));
	ask(&d, g, "192.0.2.6");		/* no check of it: no pause */
	assert_true(d.admitted);
	vgate_free(v);
}

/*
 * "421 Too many connections": the host's cap halves (3 -> 1) and nothing
 * new starts for VGATE_BACKOFF_MS, then one session at a time.  Exactly:
 * no refusal can follow the back-off while one session is open.
 */
static void
test_backoff_421(void **state)
{
	struct vgate *v = gate(*state, 100, 3, 0);
	const struct probe_gate *g = vgate_probe_gate(v);
	struct step busy = reply(421, "4.7.0 Too many connections from your IP");
	struct step other = reply(450, "4.7.1 too many recipients this hour");
	struct step fine = reply(550, "5.1.1 User unknown");
	struct probe_job j[6];
	int i;

	for (i = 0; i < 3; i++)
		ask(&j[i], g, "192.0.2.1");
	assert_int_equal(vgate_open(v), 3);
	g->release(g->arg, "192.0.2.1", SESSION_REJECTED, &busy);
	assert_int_equal(vgate_backoffs(v), 1);
	ask(&j[3], g, "192.0.2.1");
	ask(&j[4], g, "192.0.2.1");
	assert_false(j[3].admitted || j[4].admitted);
	/* the other two end; still the pause */
	g->release(g->arg, "192.0.2.1", SESSION_OK, &fine);
	g->release(g->arg, "192.0.2.1", SESSION_OK, NULL);
	assert_int_equal(vgate_open(v), 0);
	fake_now += VGATE_BACKOFF_MS - 1;
	vgate_pump(v);
	assert_false(j[3].admitted);
	fake_now += 1;
	vgate_pump(v);
	assert_true(j[3].admitted);
	assert_false(j[4].admitted);		/* cap 1 now */
	/* a 4xx that says "too many" backs off too (the cap stays >= 1) */
	g->release(g->arg, "192.0.2.1", SESSION_REJECTED, &other);
	assert_int_equal(vgate_backoffs(v), 2);
	assert_false(j[4].admitted);
	fake_now += VGATE_BACKOFF_MS;
	vgate_pump(v);
	assert_true(j[4].admitted);
	ask(&j[5], g, "192.0.2.1");
	assert_false(j[5].admitted);
	g->cancel(g->arg, &j[5]);
	vgate_free(v);
}

/* An idle pooled session: wake() hands it to the first waiter. */
static void
test_wake(void **state)
{
	struct vgate *v = gate(*state, 100, 1, 0);
	const struct probe_gate *g = vgate_probe_gate(v);
	struct probe_job a, b;

	ask(&a, g, "192.0.2.1");
	ask(&b, g, "192.0.2.1");
	assert_false(b.admitted);
	g->wake(g->arg, "192.0.2.1");
	/* resumed, asked again, and the slot is still the idle session's */
	assert_false(b.admitted);
	assert_int_equal(vgate_waiting(v), 1);
	g->release(g->arg, "192.0.2.1", SESSION_OK, NULL);
	assert_true(b.admitted);
	vgate_free(v);
}

/* Which endings make the gate back off (meaning/hostsig.c decides). */
static void
test_backoff_which(void **state)
{
	static const struct {
		int		 code;
		const char	*text;
		bool		 backoff;
	} rows[] = {
		{ 421, "4.3.2 Service not available, closing channel", true },
		{ 421, "", true },
		{ 451, "4.7.1 TOO MANY concurrent SMTP connections", true },
		{ 450, "4.2.1 Mailbox busy, try later", false },
		{ 554, "5.7.1 too many invalid recipients", false },
		{ 250, "2.0.0 too many is fine", false },
		{ 0, "", false },
	};
	struct vgate *v = gate(*state, 100, 4, 0);
	const struct probe_gate *g = vgate_probe_gate(v);
	struct probe_job j;
	unsigned long want = 0;
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct step st = reply(rows[i].code, rows[i].text);

		fake_now += VGATE_BACKOFF_MS;	/* any earlier pause is over */
		ask(&j, g, "192.0.2.1");
		assert_true(j.admitted);
		g->release(g->arg, "192.0.2.1", SESSION_REJECTED, &st);
		want += rows[i].backoff;
		if (vgate_backoffs(v) != want)
			fail_msg("%d %s: backoffs %lu", rows[i].code,
			    rows[i].text, vgate_backoffs(v));
	}
	vgate_free(v);
}

static int
setup(void **state)
{
	*state = event_base_new();
	return *state == NULL;
}

static int
teardown(void **state)
{
	event_base_free(*state);
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_per_host, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_overtaking, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_jobs_overall, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_check, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rate, setup, teardown),
		cmocka_unit_test_setup_teardown(test_backoff_421, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_wake, setup, teardown),
		cmocka_unit_test_setup_teardown(test_backoff_which, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
