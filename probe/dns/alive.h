/*
 * alive.h - does the resolver answer at all?  A dead resolver (a wrong
 * --resolver, an office machine whose resolv.conf server is down, no
 * network) would make every address wait libunbound's retries and end in
 * dns_error, the addresses blamed; one short question at start-up tells
 * the user at once.  Which servers of /etc/resolv.conf answered is kept:
 * the run forwards to those alone (dns_set_forwarders), to the ones that
 * refused only when none did otherwise.
 */
#ifndef MXTRACE_ALIVE_H
#define MXTRACE_ALIVE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/limits.h"

/* A server the check named, for the words that none answers. */
struct dns_alive_named {
	char		 text[DNS_ALIVE_TEXT_MAX];	/* as given or written, printable */
	const char	*why;		/* static words: why it could not be asked; NULL */
};

/* What the check found; dns_alive_free releases it. */
struct dns_alive {
	/* the servers asked, or the file that could not be read */
	struct dns_alive_named	 asked[DNS_ALIVE_SERVERS_MAX];
	size_t		 nasked;
	/*
	 * owned: the servers of /etc/resolv.conf that answered other than
	 * REFUSED, or that refused when none did, "IP", "IP%IFNAME" or
	 * "IP@PORT" (dns_resolver_valid's form, dns_ns_forwarder), in its
	 * order; none with --resolver,
	 * or when the check could not be made
	 */
	char		*answered[DNS_ALIVE_SERVERS_MAX];
	size_t		 nanswered;
	long long	 reply_ms;	/* the first reply's time after the first question, of those servers (of --resolver); -1: none */
};

/*
 * Ask resolver (dns_resolver_valid's form; NULL: every server
 * /etc/resolv.conf names, an interface kept: dns/nameserver.h) for the
 * root's SOA, every server at once, a reply awaited for
 * wait_ms at most: once one server has answered, the others have
 * DNS_ALIVE_GRACE_MS more, once one has refused (none answered yet),
 * DNS_ALIVE_REFUSED_WAIT_MS.  true only when no server sent back any reply
 * at all (a REFUSED or an NXDOMAIN proves it alive); false too when the
 * check could not be made (resolv.conf unreadable): the run then goes on
 * as before; true when resolv.conf names no server that can be asked (an
 * interface that is not there: each a->asked says why).  *a is set either
 * way.
 */
bool	dns_resolver_silent(const char *resolver, long long wait_ms,
	    struct dns_alive *a);
void	dns_alive_free(struct dns_alive *);

#endif
