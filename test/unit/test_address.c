/*
 * test_address.c - address syntax and IDN conversion, table driven.  Each
 * valid case states every field of struct address; each invalid case a
 * word its error must contain, so a wrong reason fails too.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <idn2.h>

#include "input/address.h"

struct good {
	const char	*in;
	const char	*local;
	const char	*domain;
	const char	*domain_ascii;
	const char	*path;
	bool		 ip_literal;
	bool		 utf8_local;
};

static const struct good goods[] = {
	{ "user@example.test", "user", "example.test", "example.test",
	  "user@example.test", false, false },
	{ "  user@example.test\t", "user", "example.test", "example.test",
	  "user@example.test", false, false },
	{ "<user@example.test>", "user", "example.test", "example.test",
	  "user@example.test", false, false },
	{ " <user@example.test> ", "user", "example.test", "example.test",
	  "user@example.test", false, false },
	{ "First.Last@Example.TEST", "First.Last", "example.test",
	  "example.test", "First.Last@example.test", false, false },
	{ "a.b.c@example.test", "a.b.c", "example.test", "example.test",
	  "a.b.c@example.test", false, false },
	{ "x+tag@example.test", "x+tag", "example.test", "example.test",
	  "x+tag@example.test", false, false },
	{ "!#$%&'*+-/=?^_`{|}~@example.test", "!#$%&'*+-/=?^_`{|}~",
	  "example.test", "example.test",
	  "!#$%&'*+-/=?^_`{|}~@example.test", false, false },
	{ "user@example.test.", "user", "example.test", "example.test",
	  "user@example.test", false, false },
	{ "user@localhost", "user", "localhost", "localhost",
	  "user@localhost", false, false },
	{ "user@a-b.c0.test", "user", "a-b.c0.test", "a-b.c0.test",
	  "user@a-b.c0.test", false, false },
	{ "user@123.example", "user", "123.example", "123.example",
	  "user@123.example", false, false },
	{ "\"john doe\"@example.test", "\"john doe\"", "example.test",
	  "example.test", "\"john doe\"@example.test", false, false },
	{ "\"a@b\"@example.test", "\"a@b\"", "example.test", "example.test",
	  "\"a@b\"@example.test", false, false },
	{ "\"a\\\"b\\\\c\"@example.test", "\"a\\\"b\\\\c\"", "example.test",
	  "example.test", "\"a\\\"b\\\\c\"@example.test", false, false },
	{ "\"..\"@example.test", "\"..\"", "example.test", "example.test",
	  "\"..\"@example.test", false, false },
	{ "\"\"@example.test", "\"\"", "example.test", "example.test",
	  "\"\"@example.test", false, false },
	{ "user@[192.0.2.1]", "user", "[192.0.2.1]", "[192.0.2.1]",
	  "user@[192.0.2.1]", true, false },
	{ "user@[IPv6:2001:DB8::1]", "user", "[IPv6:2001:db8::1]",
	  "[IPv6:2001:db8::1]", "user@[IPv6:2001:db8::1]", true, false },
	{ "user@[ipv6:::1]", "user", "[IPv6:::1]", "[IPv6:::1]",
	  "user@[IPv6:::1]", true, false },
	{ "\xe7\x94\xa8\xe6\x88\xb7@\xe4\xbe\x8b\xe5\xad\x90.\xe6\xb5\x8b"
	  "\xe8\xaf\x95", "\xe7\x94\xa8\xe6\x88\xb7",
	  "\xe4\xbe\x8b\xe5\xad\x90.\xe6\xb5\x8b\xe8\xaf\x95",
	  "xn--fsqu00a.xn--0zwm56d",
	  "\xe7\x94\xa8\xe6\x88\xb7@xn--fsqu00a.xn--0zwm56d", false, true },
	{ "info@B\xc3\x9c" "CHER.de", "info", "b\xc3\xbc" "cher.de",
	  "xn--bcher-kva.de", "info@xn--bcher-kva.de", false, false },
	{ "info@fa\xc3\x9f.de", "info", "fa\xc3\x9f.de", "xn--fa-hia.de",
	  "info@xn--fa-hia.de", false, false },
	{ "info@xn--bcher-kva.de", "info", "b\xc3\xbc" "cher.de",
	  "xn--bcher-kva.de", "info@xn--bcher-kva.de", false, false },
	/* ideographic full stop as label separator (UTS#46 mapping) */
	{ "a@\xe4\xbe\x8b\xe5\xad\x90\xe3\x80\x82\xe6\xb5\x8b\xe8\xaf\x95",
	  "a", "\xe4\xbe\x8b\xe5\xad\x90.\xe6\xb5\x8b\xe8\xaf\x95",
	  "xn--fsqu00a.xn--0zwm56d", "a@xn--fsqu00a.xn--0zwm56d", false,
	  false },
	{ "\"\xc3\xbc ber\"@example.test", "\"\xc3\xbc ber\"", "example.test",
	  "example.test", "\"\xc3\xbc ber\"@example.test", false, true },
	/* exactly 64 octets of local part */
	{ "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	  "@example.test",
	  "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	  "example.test", "example.test",
	  "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	  "@example.test", false, false },
	/* a 63-octet label */
	{ "u@bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.test",
	  "u", "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.test",
	  "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.test",
	  "u@bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.test",
	  false, false },
};

struct bad {
	const char	*in;
	size_t		 len;		/* 0: strlen(in) */
	const char	*why;		/* a word the error must contain */
};

static const struct bad bads[] = {
	{ "", 0, "empty" },
	{ "   ", 0, "empty" },
	{ "<>", 0, "empty" },
	{ "userexample.test", 0, "no @" },
	{ "@example.test", 0, "local part" },
	{ "user@", 0, "domain" },
	{ "a@@b.test", 0, "more than one @" },
	{ "a@b@c.test", 0, "more than one @" },
	{ "a@b..c", 0, "empty label" },
	{ "a@.example.test", 0, "empty label" },
	{ "a@example.test..", 0, "empty label" },
	{ "a@.", 0, "empty label" },
	{ ".a@example.test", 0, "dot" },
	{ "a.@example.test", 0, "dot" },
	{ "a..b@example.test", 0, "two dots" },
	{ "john doe@example.test", 0, "quotes" },
	{ "a,b@example.test", 0, "quotes" },
	{ "a(b)@example.test", 0, "quotes" },
	{ "a\"b@example.test", 0, "quotes" },
	{ "\"unterminated@example.test", 0, "closing quote" },
	{ "\"a\"b@example.test", 0, "followed by @" },
	{ "\"a\\", 0, "backslash" },
	{ "a@exa mple.test", 0, "letters, digits" },
	{ "a@exa_mple.test", 0, "letters, digits" },
	{ "a@-example.test", 0, "hyphen" },
	{ "a@example-.test", 0, "hyphen" },
	{ "a@example.123", 0, "all digits" },
	{ "a@192.0.2.1", 0, "brackets" },
	{ "a@[192.0.2.1", 0, "closing bracket" },
	{ "a@[192.0.2]", 0, "IPv4" },
	{ "a@[192.0.2.256]", 0, "IPv4" },
	{ "a@[]", 0, "IPv4" },
	{ "a@[IPv6:2001:db8::g]", 0, "IPv6" },
	{ "a@[IPv6:192.0.2.1]", 0, "IPv6" },
	{ "a@[2001:db8::1]", 0, "tag" },
	{ "a@[x-tag:stuff]", 0, "tag" },
	{ "<a@example.test", 0, "'<'" },
	{ "a@example.test>", 0, "'>'" },
	{ "a@example.test\r\nDATA", 0, "line break" },
	{ "a@example.test\n", 0, "line break" },
	{ "a\r@example.test", 0, "line break" },
	{ "a\0b@example.test", 17, "NUL" },
	{ "a@example.test\0", 15, "NUL" },
	{ "a\x01@example.test", 0, "control" },
	{ "a\x1b[31m@example.test", 0, "control" },
	{ "a\x7f@example.test", 0, "control" },
	{ "a\tb@example.test", 0, "control" },
	{ "\"a\tb\"@example.test", 0, "control" },
	{ "a\xc2\x9b@example.test", 0, "control" },
	{ "\xff@example.test", 0, "UTF-8" },
	{ "a@exam\xe9ple.test", 0, "UTF-8" },
	{ "\xc0\xafx@example.test", 0, "UTF-8" },
	{ "a@\xf0\x9f\x98\x80.test", 0, "internationalised" },
	{ "a@xn--.test", 0, "internationalised" },
	{ "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	  "@example.test", 0, "64" },
	{ "u@bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
	  ".test", 0, "63" },
};

static void
test_address_valid(void **state)
{
	struct address a;
	const char *err;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(goods) / sizeof(goods[0]); i++) {
		const struct good *g = &goods[i];

		if (address_parse(g->in, strlen(g->in), &a, &err) != 0)
			fail_msg("\"%s\": rejected: %s", g->in, err);
		assert_string_equal(a.local, g->local);
		assert_string_equal(a.domain, g->domain);
		assert_string_equal(a.domain_ascii, g->domain_ascii);
		assert_string_equal(a.path, g->path);
		if (a.ip_literal != g->ip_literal ||
		    a.utf8_local != g->utf8_local)
			fail_msg("\"%s\": ip_literal %d utf8_local %d", g->in,
			    a.ip_literal, a.utf8_local);
		address_free(&a);
		assert_null(a.path);
	}
}

static void
test_address_invalid(void **state)
{
	struct address a;
	const char *err;
	size_t i, len;

	(void)state;
	for (i = 0; i < sizeof(bads) / sizeof(bads[0]); i++) {
		const struct bad *b = &bads[i];

		len = b->len ? b->len : strlen(b->in);
		err = NULL;
		if (address_parse(b->in, len, &a, &err) != -1)
			fail_msg("case %zu \"%s\": accepted as %s", i, b->in,
			    a.path);
		if (err == NULL || strstr(err, b->why) == NULL)
			fail_msg("case %zu \"%s\": error \"%s\", want \"%s\"",
			    i, b->in, err ? err : "(null)", b->why);
		assert_null(a.local);
		assert_null(a.path);
	}
}

/*
 * Plain ASCII domains skip libidn2 (address_plain_ascii): for each of these
 * the answer must be what libidn2 gives (the A-label, lowercased, one
 * trailing dot dropped), and a domain libidn2 refuses must be refused.
 */
static void
test_address_ascii_like_idn2(void **state)
{
	static const char *const doms[] = {
		"example.test", "Example.TEST", "EXAMPLE.TEST.", "a-b.c-d.test",
		"ab--cd.test", "xn--caf-dma.test", "XN--CAF-DMA.test",
		"xn--.test", "a.b", "123.test", "1a.test", "-a.test", "a-.test",
		"a..test", ".a.test", "a.test..", "a_b.test", "a b.test",
		"localhost", "t", "a.1", "a--.test", "--a.test", "ab-.cd",
		"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
		".test",
		"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
		".test",
	};
	char in[512], *ascii;
	struct address a;
	const char *err;
	size_t i, n;
	int rc, got;

	(void)state;
	for (i = 0; i < sizeof(doms) / sizeof(doms[0]); i++) {
		snprintf(in, sizeof(in), "u@%s", doms[i]);
		got = address_parse(in, strlen(in), &a, &err);
		ascii = NULL;
		rc = idn2_lookup_u8((const uint8_t *)doms[i],
		    (uint8_t **)&ascii, IDN2_NONTRANSITIONAL);
		if (rc != IDN2_OK) {
			if (got == 0)
				fail_msg("%s: accepted as %s, libidn2 says %s",
				    doms[i], a.domain_ascii, idn2_strerror(rc));
			continue;
		}
		n = strlen(ascii);
		if (n > 1 && ascii[n - 1] == '.')
			ascii[n - 1] = '\0';
		if (got == 0) {
			if (strcmp(a.domain_ascii, ascii) != 0)
				fail_msg("%s: %s, libidn2 %s", doms[i],
				    a.domain_ascii, ascii);
			address_free(&a);
		}
		idn2_free(ascii);
	}
}

/* Build "<local>@<labels of 63>...": lengths around the 253/254 limits. */
static char *
make_address(size_t locallen, size_t domainlen)
{
	char *s = malloc(locallen + 1 + domainlen + 1), *d;
	size_t i;

	assert_non_null(s);
	memset(s, 'a', locallen);
	s[locallen] = '@';
	d = s + locallen + 1;
	for (i = 0; i < domainlen; i++)
		d[i] = (i % 64 == 63) ? '.' : 'b';
	d[domainlen] = '\0';
	return s;
}

static void
test_address_lengths(void **state)
{
	struct address a;
	const char *err;
	char *s;

	(void)state;
	/* a 253-character domain is fine; with a 1-octet local part the
	 * path is 255 octets, over the 254 limit */
	s = make_address(1, 253);
	assert_int_equal(address_parse(s, strlen(s), &a, &err), -1);
	assert_non_null(strstr(err, "254"));
	free(s);
	s = make_address(1, 252);
	assert_int_equal(address_parse(s, strlen(s), &a, &err), 0);
	assert_int_equal(strlen(a.path), 254);
	address_free(&a);
	free(s);
	s = make_address(1, 254);
	assert_int_equal(address_parse(s, strlen(s), &a, &err), -1);
	assert_non_null(strstr(err, "253"));
	free(s);
	/* far too long input is refused before any work */
	s = make_address(64, 2000);
	assert_int_equal(address_parse(s, strlen(s), &a, &err), -1);
	assert_non_null(strstr(err, "too long"));
	free(s);
}

/* Whatever is accepted fits a command line and holds no control byte. */
static void
test_address_path_safe(void **state)
{
	struct address a;
	const char *err;
	size_t i, j;

	(void)state;
	for (i = 0; i < sizeof(goods) / sizeof(goods[0]); i++) {
		assert_int_equal(address_parse(goods[i].in,
		    strlen(goods[i].in), &a, &err), 0);
		assert_true(strlen("RCPT TO:<>\r\n") + strlen(a.path) <= 512);
		for (j = 0; a.path[j] != '\0'; j++)
			assert_true((unsigned char)a.path[j] >= 0x20 &&
			    a.path[j] != 0x7f);
		address_free(&a);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_address_valid),
		cmocka_unit_test(test_address_invalid),
		cmocka_unit_test(test_address_lengths),
		cmocka_unit_test(test_address_path_safe),
		cmocka_unit_test(test_address_ascii_like_idn2),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
