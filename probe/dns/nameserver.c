/*
 * nameserver.c - a DNS server's address as text, an IPv6 scope kept.
 *
 * Home routers advertise an IPv6 link-local DNS server, and resolv.conf
 * then names it with its interface: "nameserver fe80::1%wlan0".  ldns
 * (which read resolv.conf for the start-up check) and libunbound's own
 * reader (ub_ctx_resolvconf) drop the "%wlan0": the address read back has
 * no interface, a connect to it fails (EINVAL), and the one working
 * resolver of such a machine was called dead (exit 70).  So the nameserver
 * lines are read here, the way the C library reads them (the first word
 * after "nameserver", up to a blank, ';' or '#'), the scope made
 * sin6_scope_id (an interface's name, if_nametoindex, or its number), and
 * the server handed to libunbound as "fe80::1%wlan0", which its own
 * address parser reads back the same way.
 *
 * resolv.conf is input: a line is kept up to DNS_NS_LINE_MAX bytes (the
 * rest skipped), the file read up to DNS_NS_FILE_MAX, a scope is at most
 * an interface name's IF_NAMESIZE - 1 bytes, and a server that cannot be
 * used (no such interface, not an address) is kept with the words saying
 * why, for the message that no server answers.
 */
#include <sys/types.h>
#include <sys/socket.h>

#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "dns/nameserver.h"

/*
 * An interface name libunbound's parser reads back as that name: not
 * digits alone (a number), none of its separators ('@' port, '#' TLS name).
 */
static bool
ns_plain_name(const char *s)
{
	bool digits = true;

	if (*s == '\0')
		return false;
	for (; *s != '\0'; s++) {
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || *s == '.' || *s == '_' ||
		    *s == '-'))
			return false;
		digits &= *s >= '0' && *s <= '9';
	}
	return !digits;
}

/* The scope's interface index (a name, or a number naming one); 0: none. */
static uint32_t
ns_scope(const char *s, size_t n)
{
	char scope[IF_NAMESIZE], name[IF_NAMESIZE];
	unsigned long v = 0;
	size_t i;

	if (n == 0 || n >= sizeof(scope) || memchr(s, '\0', n) != NULL)
		return 0;
	memcpy(scope, s, n);
	scope[n] = '\0';
	if (ns_plain_name(scope))
		return if_nametoindex(scope);
	for (i = 0; i < n; i++) {
		if (scope[i] < '0' || scope[i] > '9' || v > UINT32_MAX / 10)
			return 0;
		v = v * 10 + (unsigned long)(scope[i] - '0');
	}
	if (v > UINT32_MAX || if_indextoname((unsigned)v, name) == NULL)
		return 0;
	return (uint32_t)v;
}

const char *
dns_ns_addr(const char *s, size_t n, uint16_t port,
    struct sockaddr_storage *ss, socklen_t *len)
{
	struct sockaddr_in *in = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)ss;
	const char *pct = memchr(s, '%', n);
	size_t ipn = pct != NULL ? (size_t)(pct - s) : n;
	char ip[INET6_ADDRSTRLEN];

	memset(ss, 0, sizeof(*ss));
	*len = 0;
	if (ipn == 0 || ipn >= sizeof(ip) || memchr(s, '\0', ipn) != NULL)
		return "not an IP address";
	memcpy(ip, s, ipn);
	ip[ipn] = '\0';
	if (inet_pton(AF_INET, ip, &in->sin_addr) == 1) {
		if (pct != NULL)
			return "a scope on an IPv4 address";
		in->sin_family = AF_INET;
		in->sin_port = htons(port);
		*len = sizeof(*in);
		return NULL;
	}
	if (inet_pton(AF_INET6, ip, &in6->sin6_addr) != 1)
		return "not an IP address";
	if (pct != NULL &&
	    (in6->sin6_scope_id = ns_scope(pct + 1, n - ipn - 1)) == 0)
		return "no such interface";
	/* the kernel refuses to send there without one (EINVAL) */
	if (IN6_IS_ADDR_LINKLOCAL(&in6->sin6_addr) && pct == NULL)
		return "link-local, no interface given";
	in6->sin6_family = AF_INET6;
	in6->sin6_port = htons(port);
	*len = sizeof(*in6);
	return NULL;
}

const char *
dns_ns_resolver(const char *s, struct sockaddr_storage *ss, socklen_t *len)
{
	const char *at = strrchr(s, '@'), *p;
	size_t n = at ? (size_t)(at - s) : strlen(s);
	long port = 53;

	if (at != NULL) {
		for (port = 0, p = at + 1; *p >= '0' && *p <= '9' &&
		    port <= 65535; p++)
			port = port * 10 + (*p - '0');
		if (*p != '\0' || p == at + 1 || port < 1 || port > 65535)
			return "not a port";
	}
	return dns_ns_addr(s, n, (uint16_t)port, ss, len);
}

/*
 * s[0..n) as words for the user: printable ASCII but brackets (the list
 * of servers puts each one's reason in brackets), cut to fit text.
 */
static void
ns_text(char *text, size_t size, const char *s, size_t n)
{
	size_t i, keep = n < size ? n : size - 4;

	for (i = 0; i < keep; i++)
		text[i] = s[i] > ' ' && s[i] < 0x7f && s[i] != '(' &&
		    s[i] != ')' ? s[i] : '?';
	if (keep < n) {
		memcpy(text + keep, "...", 3);
		keep += 3;
	}
	text[keep] = '\0';
}

/* Where the C library's reader ends a nameserver's word ('\r': a CRLF file). */
static bool
ns_word_end(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == ';' || c == '#';
}

bool
dns_ns_line(const char *line, size_t n, struct dns_ns *ns)
{
	static const char kw[] = "nameserver";
	size_t i = 0, start;

	while (i < n && (line[i] == ' ' || line[i] == '\t'))
		i++;
	if (n - i <= sizeof(kw) - 1 ||
	    memcmp(line + i, kw, sizeof(kw) - 1) != 0 ||
	    (line[i + sizeof(kw) - 1] != ' ' && line[i + sizeof(kw) - 1] != '\t'))
		return false;
	for (i += sizeof(kw) - 1; i < n && (line[i] == ' ' || line[i] == '\t');)
		i++;
	for (start = i; i < n && !ns_word_end(line[i]); i++)
		;
	if (i == start)
		return false;
	ns_text(ns->text, sizeof(ns->text), line + start, i - start);
	ns->why = dns_ns_addr(line + start, i - start, 53, &ns->addr, &ns->len);
	return true;
}

ssize_t
dns_ns_read(const char *path, struct dns_ns *ns, size_t max)
{
	char line[DNS_NS_LINE_MAX];
	FILE *f = fopen(path, "re");
	size_t n = 0, len = 0, total = 0;
	bool failed;
	int c;

	if (f == NULL)
		return -1;
	while (n < max && total++ < DNS_NS_FILE_MAX) {
		if ((c = getc(f)) == EOF || c == '\n') {
			n += dns_ns_line(line, len, &ns[n]);
			len = 0;
			if (c == EOF)
				break;
		} else if (len < sizeof(line))
			line[len++] = (char)c;
	}
	failed = ferror(f) != 0;
	fclose(f);
	return failed ? -1 : (ssize_t)n;
}

char *
dns_ns_forwarder(const struct sockaddr_storage *ss)
{
	const struct sockaddr_in *in = (const struct sockaddr_in *)ss;
	const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)ss;
	char ip[INET6_ADDRSTRLEN], name[IF_NAMESIZE], scope[IF_NAMESIZE + 12];
	uint16_t port;

	scope[0] = '\0';
	if (ss->ss_family == AF_INET) {
		inet_ntop(AF_INET, &in->sin_addr, ip, sizeof(ip));
		port = ntohs(in->sin_port);
	} else {
		inet_ntop(AF_INET6, &in6->sin6_addr, ip, sizeof(ip));
		port = ntohs(in6->sin6_port);
		if (in6->sin6_scope_id != 0 &&
		    if_indextoname(in6->sin6_scope_id, name) != NULL &&
		    ns_plain_name(name))
			snprintf(scope, sizeof(scope), "%%%s", name);
		else if (in6->sin6_scope_id != 0)
			snprintf(scope, sizeof(scope), "%%%u",
			    (unsigned)in6->sin6_scope_id);
	}
	return port == 53 ? xasprintf("%s%s", ip, scope) :
	    xasprintf("%s%s@%u", ip, scope, port);
}
