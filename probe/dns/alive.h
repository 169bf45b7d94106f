/*
 * alive.h - does the resolver answer at all?  A dead resolver (a wrong
 * --resolver, an office machine whose resolv.conf server is down, no
 * network) would make every address wait libunbound's retries and end in
 * dns_error, the addresses blamed; one short question at start-up tells
 * the user at once.
 */
#ifndef MXTRACE_ALIVE_H
#define MXTRACE_ALIVE_H

#include <stdbool.h>

/*
 * Ask resolver ("IP" or "IP@PORT"; NULL: every server /etc/resolv.conf
 * names) for the root's SOA, every server at once, a reply awaited for the
 * whole of wait_ms.  true only when no server sent back any reply at all (a
 * REFUSED or an NXDOMAIN proves it alive); false too when the check could
 * not be made (resolv.conf unreadable): the run then goes on as before.
 * *servers (owned, set either way) names the servers asked; *reply_ms is
 * how long after the first question the first reply came, -1 for none.
 */
bool	dns_resolver_silent(const char *resolver, long long wait_ms,
	    char **servers, long long *reply_ms);

#endif
