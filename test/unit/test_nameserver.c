/*
 * test_nameserver.c - dns/nameserver.c: the nameserver lines of
 * resolv.conf read with an IPv6 scope kept ("fe80::1%lo": the interface by
 * name or number), an unknown interface or a line too long said unusable,
 * never a crash; the forwarder handed to libunbound names the interface;
 * --resolver's form (dns_resolver_valid) takes the same scopes.  "lo" is
 * the one interface every machine and network namespace has.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cmocka.h>

#include "dns/nameserver.h"
#include "dns/resolve.h"

/* line read as a nameserver line: true, *ns set. */
static bool
line(const char *s, struct dns_ns *ns)
{
	memset(ns, 0xa5, sizeof(*ns));
	return dns_ns_line(s, strlen(s), ns);
}

/* ns is a usable IPv6 server of address ip, port 53, scope id scope. */
static void
assert_v6(const struct dns_ns *ns, const char *ip, uint32_t scope)
{
	const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)&ns->addr;
	struct in6_addr want;

	assert_null(ns->why);
	assert_int_equal(ns->len, sizeof(*in6));
	assert_int_equal(in6->sin6_family, AF_INET6);
	assert_int_equal(ntohs(in6->sin6_port), 53);
	assert_int_equal(inet_pton(AF_INET6, ip, &want), 1);
	assert_memory_equal(&in6->sin6_addr, &want, sizeof(want));
	assert_int_equal(in6->sin6_scope_id, scope);
}

/* ns's forwarder for libunbound is want. */
static void
assert_forwarder(const struct dns_ns *ns, const char *want)
{
	char *fw = dns_ns_forwarder(&ns->addr);

	assert_string_equal(fw, want);
	free(fw);
}

/* A scope by name and by number: the interface's index, named back. */
static void
test_scope(void **state)
{
	unsigned lo = if_nametoindex("lo");
	char numeric[64];
	struct dns_ns ns;

	(void)state;
	assert_true(lo > 0);
	assert_true(line("nameserver fe80::1%lo", &ns));
	assert_v6(&ns, "fe80::1", lo);
	assert_string_equal(ns.text, "fe80::1%lo");
	assert_forwarder(&ns, "fe80::1%lo");

	snprintf(numeric, sizeof(numeric), "nameserver fe80::53%%%u", lo);
	assert_true(line(numeric, &ns));
	assert_v6(&ns, "fe80::53", lo);
	assert_forwarder(&ns, "fe80::53%lo");

	/* the C library's word: up to a blank, ';' or '#'; a CRLF file */
	assert_true(line("  nameserver\tfe80::1%lo# router\r", &ns));
	assert_v6(&ns, "fe80::1", lo);
	assert_true(line("nameserver fe80::1%lo\r", &ns));
	assert_v6(&ns, "fe80::1", lo);

	/* a scope on an address that needs none is kept, harmless */
	assert_true(line("nameserver ::1%lo", &ns));
	assert_v6(&ns, "::1", lo);
}

/* What is not a scoped server is read as before. */
static void
test_plain(void **state)
{
	const struct sockaddr_in *in;
	struct dns_ns ns;

	(void)state;
	assert_true(line("nameserver 192.0.2.53", &ns));
	in = (const struct sockaddr_in *)&ns.addr;
	assert_null(ns.why);
	assert_int_equal(ns.len, sizeof(*in));
	assert_int_equal(in->sin_family, AF_INET);
	assert_int_equal(ntohs(in->sin_port), 53);
	assert_forwarder(&ns, "192.0.2.53");
	assert_true(line("nameserver 2001:db8::53", &ns));
	assert_v6(&ns, "2001:db8::53", 0);
	assert_forwarder(&ns, "2001:db8::53");

	assert_false(line("# nameserver 192.0.2.53", &ns));
	assert_false(line("nameserver192.0.2.53", &ns));
	assert_false(line("nameservers 192.0.2.53", &ns));
	assert_false(line("nameserver", &ns));
	assert_false(line("nameserver   ", &ns));
	assert_false(line("search example.com", &ns));
	assert_false(line("", &ns));
}

/* Unusable servers: said why, never a socket address. */
static void
test_unusable(void **state)
{
	char lng[256];
	struct dns_ns ns;

	(void)state;
	assert_true(line("nameserver fe80::1%nosuch0", &ns));
	assert_string_equal(ns.why, "no such interface");
	assert_int_equal(ns.len, 0);
	assert_string_equal(ns.text, "fe80::1%nosuch0");
	assert_true(line("nameserver fe80::1%", &ns));
	assert_string_equal(ns.why, "no such interface");
	assert_true(line("nameserver fe80::1%4000000", &ns));	/* no such index */
	assert_string_equal(ns.why, "no such interface");
	assert_true(line("nameserver fe80::1%99999999999999", &ns));
	assert_string_equal(ns.why, "no such interface");
	assert_true(line("nameserver fe80::1%l@o", &ns));
	assert_string_equal(ns.why, "no such interface");
	assert_true(line("nameserver fe80::1", &ns));
	assert_string_equal(ns.why, "link-local, no interface given");
	assert_true(line("nameserver 192.0.2.53%lo", &ns));
	assert_string_equal(ns.why, "a scope on an IPv4 address");
	assert_true(line("nameserver resolver.example", &ns));
	assert_string_equal(ns.why, "not an IP address");
	assert_true(line("nameserver %lo", &ns));
	assert_string_equal(ns.why, "not an IP address");

	/* a scope of 200 characters: unusable, its words cut */
	snprintf(lng, sizeof(lng), "nameserver fe80::1%%%0200d", 7);
	assert_true(line(lng, &ns));
	assert_string_equal(ns.why, "no such interface");
	assert_int_equal(strlen(ns.text), DNS_NS_TEXT_MAX - 1);
	assert_string_equal(ns.text + DNS_NS_TEXT_MAX - 4, "...");
	/* a control byte is not printed as it is */
	assert_true(line("nameserver \x1b[2J", &ns));
	assert_string_equal(ns.text, "?[2J");
	/* nor a bracket: the list of servers brackets each one's reason */
	assert_true(line("nameserver a(b),c", &ns));
	assert_string_equal(ns.text, "a?b?,c");
	/* a NUL inside the word: not an address, not what precedes it */
	assert_true(dns_ns_line("nameserver 192.0.2.53\0x", 23, &ns));
	assert_string_equal(ns.why, "not an IP address");
}

/* A file: a 1 MB line skipped, the rest read, at most max servers. */
static void
test_read(void **state)
{
	char path[] = "/tmp/test_nameserver.XXXXXX";
	struct dns_ns ns[8];
	FILE *f;
	int fd, i;

	(void)state;
	assert_true((fd = mkstemp(path)) >= 0);
	assert_non_null(f = fdopen(fd, "w"));
	fputs("# a router's link-local server\nnameserver ", f);
	for (i = 0; i < (1 << 20); i++)
		fputc('f', f);
	fputs("\nnameserver fe80::1%lo\noptions edns0\nnameserver 192.0.2.1"
	    "\nnameserver 192.0.2.2\nnameserver 192.0.2.3\nnameserver "
	    "192.0.2.4", f);
	fclose(f);
	assert_int_equal(dns_ns_read(path, ns, 4), 4);
	assert_string_equal(ns[0].why, "not an IP address");
	assert_int_equal(strlen(ns[0].text), DNS_NS_TEXT_MAX - 1);
	assert_v6(&ns[1], "fe80::1", if_nametoindex("lo"));
	assert_string_equal(ns[3].text, "192.0.2.2");
	/* the last line, no newline at its end, is read too */
	assert_int_equal(dns_ns_read(path, ns, 8), 6);
	assert_string_equal(ns[5].text, "192.0.2.4");
	unlink(path);
	assert_int_equal(dns_ns_read(path, ns, 4), -1);
}

/* --resolver's form takes a scope; a link-local address needs one. */
static void
test_resolver_form(void **state)
{
	(void)state;
	assert_true(dns_resolver_valid("fe80::1%lo"));
	assert_true(dns_resolver_valid("fe80::1%lo@5353"));
	assert_true(dns_resolver_valid("fe80::1%1"));
	assert_true(dns_resolver_valid("127.0.53.1"));
	assert_true(dns_resolver_valid("::1@53"));
	assert_false(dns_resolver_valid("fe80::1"));
	assert_false(dns_resolver_valid("fe80::1%nosuch0"));
	assert_false(dns_resolver_valid("fe80::1%"));
	assert_false(dns_resolver_valid("fe80::1%lo@"));
	assert_false(dns_resolver_valid("fe80::1%lo@70000"));
	assert_false(dns_resolver_valid("127.0.53.1%lo"));
}

/* A forwarder with a port other than 53: "IP%IFNAME@PORT". */
static void
test_forwarder_port(void **state)
{
	struct dns_ns ns;
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&ns.addr;

	(void)state;
	assert_true(line("nameserver fe80::1%lo", &ns));
	in6->sin6_port = htons(5353);
	assert_forwarder(&ns, "fe80::1%lo@5353");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scope),
		cmocka_unit_test(test_plain),
		cmocka_unit_test(test_unusable),
		cmocka_unit_test(test_read),
		cmocka_unit_test(test_resolver_form),
		cmocka_unit_test(test_forwarder_port),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
