/*
 * nameserver.h - a DNS server's address as text: "IP", "IP%SCOPE" (an IPv6
 * address with its interface, RFC 4007: "fe80::1%wlan0", "fe80::1%3"), and
 * the nameserver lines of /etc/resolv.conf read into such addresses, the
 * scope kept (ldns and libunbound's own reader drop it, and a link-local
 * server cannot be asked without its interface).
 */
#ifndef MXTRACE_NAMESERVER_H
#define MXTRACE_NAMESERVER_H

#include <sys/types.h>
#include <sys/socket.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/limits.h"

/* One nameserver line of resolv.conf. */
struct dns_ns {
	struct sockaddr_storage	 addr;	/* port 53; sin6_scope_id the interface's */
	socklen_t		 len;	/* 0: unusable, why says why */
	const char		*why;	/* static words, or NULL */
	char			 text[DNS_NS_TEXT_MAX];	/* the address as written, printable, cut */
};

/*
 * s[0..n) ("IP" or "IP%SCOPE", SCOPE an interface's name or number) made
 * *ss (*len bytes) with port; NULL, or the words saying why it is not a
 * usable address ("no such interface", ...).
 */
const char	*dns_ns_addr(const char *s, size_t n, uint16_t port,
		    struct sockaddr_storage *ss, socklen_t *len);

/*
 * A resolver as --resolver names it, "IP", "IP%SCOPE", "IP@PORT" or
 * "IP%SCOPE@PORT" (PORT digits, 1 to 65535; else 53), made *ss (*len
 * bytes); NULL, or the words saying why it is not one.
 */
const char	*dns_ns_resolver(const char *s, struct sockaddr_storage *ss,
		    socklen_t *len);

/*
 * One line of resolv.conf (line[0..n), no newline): true when it is a
 * nameserver line naming a server, *ns then set (usable or not).
 */
bool		 dns_ns_line(const char *line, size_t n, struct dns_ns *ns);

/*
 * The nameserver lines of the file path, the first max into ns: how many;
 * -1 when it cannot be read.
 */
ssize_t		 dns_ns_read(const char *path, struct dns_ns *ns, size_t max);

/*
 * ss as libunbound's forwarder (ub_ctx_set_fwd): "IP", "IP%IFNAME",
 * "IP@PORT" or "IP%IFNAME@PORT" (owned); the interface by number when its
 * name would not read back.
 */
char		*dns_ns_forwarder(const struct sockaddr_storage *ss);

#endif
