/*
 * test_probeonce.c - one probe per address in a run of `mxtrace explain
 * --probe` (cmd/probeonce.c): the same address in other ASCII case is the
 * result added first, another address is not; an address that does not
 * parse is one with its own text only; past the run's bound (here 3) no
 * address is added, while those held are still found; addresses that do
 * not parse do not use the bound up; every result is freed with the set
 * (ASan/LSan in the sanitizer build).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "cmd/probeonce.h"

static struct probe_result *
add(struct probeonce *s, const char *address)
{
	struct probe_result *r = probeonce_add(s, address);

	if (r != NULL)
		result_init(r, address);
	return r;
}

static void
test_probeonce_same_address(void **state)
{
	struct probeonce s;
	struct probe_result *bob, *bad;

	(void)state;
	probeonce_init(&s, 3);
	assert_null(probeonce_get(&s, "Bob.Lee@x.test"));
	assert_non_null(bob = add(&s, "Bob.Lee@x.test"));
	assert_ptr_equal(probeonce_get(&s, "bob.lee@X.TEST"), bob);
	assert_ptr_equal(probeonce_get(&s, "<BOB.LEE@x.test>"), bob);
	assert_null(probeonce_get(&s, "bob.lee@y.test"));
	assert_null(probeonce_get(&s, "bob+x@x.test"));
	/* letters outside ASCII are not folded (verify/dupkey.c) */
	assert_non_null(add(&s, "Ünal@x.test"));
	assert_null(probeonce_get(&s, "ünal@x.test"));
	assert_non_null(bad = add(&s, "not an address"));
	assert_ptr_equal(probeonce_get(&s, "not an address"), bad);
	assert_null(probeonce_get(&s, "Not An Address"));
	probeonce_free(&s);
}

static void
test_probeonce_bound(void **state)
{
	struct probeonce s;
	struct probe_result *r[3];

	(void)state;
	probeonce_init(&s, 3);
	assert_non_null(r[0] = add(&s, "a@x.test"));
	assert_non_null(r[1] = add(&s, "b@x.test"));
	assert_non_null(r[2] = add(&s, "c@x.test"));
	assert_null(add(&s, "d@x.test"));
	assert_null(probeonce_get(&s, "d@x.test"));
	assert_ptr_equal(probeonce_get(&s, "A@x.test"), r[0]);
	assert_ptr_equal(probeonce_get(&s, "C@X.test"), r[2]);
	probeonce_free(&s);
}

/*
 * An address that does not parse is never sent: however many come before
 * the bound, the run still probes its 3 addresses.  Each is still said
 * once (found again by its text), up to a bound of its own, the same 3, so
 * a folder of garbage cannot grow the set without end.
 */
static void
test_probeonce_invalid_not_counted(void **state)
{
	static const char *const bad[] = { "not an address", "a@@b",
	    "<>", "@x.test" };
	struct probeonce s;
	struct probe_result *r[3], *first;
	size_t i;

	(void)state;
	probeonce_init(&s, 3);
	assert_non_null(first = add(&s, bad[0]));
	for (i = 1; i < 3; i++)
		assert_non_null(add(&s, bad[i]));
	assert_ptr_equal(probeonce_get(&s, "not an address"), first);
	assert_non_null(r[0] = add(&s, "a@x.test"));
	assert_non_null(r[1] = add(&s, "b@x.test"));
	assert_non_null(r[2] = add(&s, "c@x.test"));
	assert_null(add(&s, "d@x.test"));
	assert_ptr_equal(probeonce_get(&s, "B@x.test"), r[1]);
	/* the invalid ones' own bound: 3 held, the 4th not */
	assert_null(add(&s, bad[3]));
	assert_null(probeonce_get(&s, bad[3]));
	assert_ptr_equal(probeonce_get(&s, "a@@b"), s.results[1]);
	probeonce_free(&s);
}

/* The held results outgrow the first array (16) and stay where they are. */
static void
test_probeonce_many(void **state)
{
	struct probeonce s;
	struct probe_result *first;
	char a[32];
	size_t i;

	(void)state;
	probeonce_init(&s, 100);
	assert_non_null(first = add(&s, "u0@x.test"));
	for (i = 1; i < 100; i++) {
		snprintf(a, sizeof(a), "u%zu@x.test", i);
		assert_non_null(add(&s, a));
	}
	assert_null(add(&s, "u100@x.test"));
	assert_ptr_equal(probeonce_get(&s, "U0@x.test"), first);
	assert_string_equal(probeonce_get(&s, "U99@x.test")->address,
	    "u99@x.test");
	probeonce_free(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_probeonce_same_address),
		cmocka_unit_test(test_probeonce_bound),
		cmocka_unit_test(test_probeonce_invalid_not_counted),
		cmocka_unit_test(test_probeonce_many),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
