/*
 * test_dupkey.c - when two addresses of a list are one for `mxtrace
 * verify` (verify/dupkey.c), table driven: pairs that must share a key
 * (the local part's ASCII case, the domain's case, angle brackets) and
 * pairs that must not (another local part or domain, a UTF-8 local part's
 * case, a plus tag), each compared by key and by the key's text.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "input/address.h"
#include "verify/dupkey.h"

struct pair {
	const char	*a, *b;
	bool		 same;
};

static const struct pair pairs[] = {
	{ "bob.lee@x.test", "bob.lee@x.test", true },
	{ "Bob.Lee@x.test", "bob.lee@x.test", true },
	{ "BOB.LEE@X.TEST", "bob.lee@x.test", true },
	{ "bob.lee@X.Test", "bob.lee@x.test", true },
	{ "<Bob@x.test>", "bob@x.test", true },
	{ "\"Bob Lee\"@x.test", "\"bob lee\"@x.test", true },
	{ "Bob@[127.0.0.1]", "bob@[127.0.0.1]", true },
	{ "Bob@[IPv6:2001:DB8::1]", "bob@[ipv6:2001:db8::1]", true },
	{ "Ünal@x.test", "ünal@x.test", false },
	{ "ünal@x.test", "ünal@x.test", true },
	{ "Zoë@x.test", "zoë@x.test", true },
	{ "bob@x.test", "bob@y.test", false },
	{ "bob@x.test", "rob@x.test", false },
	{ "bob+news@x.test", "bob@x.test", false },
	{ "bob@x.test", "bo.b@x.test", false },
	{ "a@x.test", "A@x.test", true },
};

static void
parse(const char *s, struct address *a)
{
	const char *why;

	if (address_parse(s, strlen(s), a, &why) != 0)
		fail_msg("%s does not parse: %s", s, why);
}

static void
test_dupkey_pairs(void **state)
{
	struct address a, b;
	struct vkey ka, kb;
	char ta[DUPKEY_TEXT_MAX], tb[DUPKEY_TEXT_MAX];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		parse(pairs[i].a, &a);
		parse(pairs[i].b, &b);
		ka = dupkey_of(&a);
		kb = dupkey_of(&b);
		dupkey_text(&a, ta);
		dupkey_text(&b, tb);
		if ((ka.h1 == kb.h1 && ka.h2 == kb.h2) != pairs[i].same ||
		    (strcmp(ta, tb) == 0) != pairs[i].same)
			fail_msg("%s / %s: want %s, keys %s / %s", pairs[i].a,
			    pairs[i].b, pairs[i].same ? "same" : "apart", ta, tb);
		address_free(&a);
		address_free(&b);
	}
}

/* The key's text is the path with 'A'..'Z' lowered, every other byte as
 * it is: '@' '[' '`' '{' sit next to the letters in ASCII. */
static void
test_dupkey_text(void **state)
{
	static const char *const texts[][2] = {
		{ "Bob.Lee@x.test", "bob.lee@x.test" },
		{ "AZaz09!#$%&'*+-/=?^_`{|}~@x.test",
		  "azaz09!#$%&'*+-/=?^_`{|}~@x.test" },
		{ "Zoë@X.TEST", "zoë@x.test" },
		{ "\"A@B\"@x.test", "\"a@b\"@x.test" },
	};
	struct address a;
	char t[DUPKEY_TEXT_MAX];
	size_t i, n;

	(void)state;
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		parse(texts[i][0], &a);
		n = dupkey_text(&a, t);
		assert_string_equal(t, texts[i][1]);
		assert_int_equal(n, strlen(texts[i][1]));
		address_free(&a);
	}
}

/* The longest path there is fits whole. */
static void
test_dupkey_longest(void **state)
{
	struct address a;
	char in[300], t[DUPKEY_TEXT_MAX];
	size_t n;

	(void)state;
	memset(in, 'A', 64);
	strcpy(in + 64, "@");
	n = strlen(in);
	while (n + 63 < 254) {
		memset(in + n, 'b', 62);
		strcpy(in + n + 62, ".");
		n = strlen(in);
	}
	memset(in + n, 'c', 254 - n - 5);
	strcpy(in + 254 - 5, ".test");
	parse(in, &a);
	assert_int_equal(strlen(a.path), 254);
	assert_int_equal(dupkey_text(&a, t), 254);
	assert_int_equal(strncmp(t, "aaaa", 4), 0);
	address_free(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dupkey_pairs),
		cmocka_unit_test(test_dupkey_text),
		cmocka_unit_test(test_dupkey_longest),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
