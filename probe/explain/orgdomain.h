/*
 * orgdomain.h - organisational domains (the registrable domain of the
 * Public Suffix List, as DMARC uses it: RFC 7489 section 3.2), the mail
 * operators known to run several of them, and private address ranges.
 */
#ifndef MXTRACE_ORGDOMAIN_H
#define MXTRACE_ORGDOMAIN_H

#include <stdbool.h>
#include <stddef.h>

#define ORGDOM_MAX	256

/*
 * The organisational domain of host (lower-cased, without a trailing dot)
 * into out.  Returns false and leaves out "" for an IP address, a name
 * without a dot, a public suffix or anything longer than ORGDOM_MAX.
 */
bool	 orgdom_get(const char *host, char out[ORGDOM_MAX]);

/*
 * True when two organisational domains belong to the same mail operator:
 * equal, or both in one row of a small table (gmail.com and google.com;
 * outlook.com and hotmail.com; 163.com and 126.com...).
 */
bool	 orgdom_same_operator(const char *a, const char *b);

/*
 * A short name for the operator of an organisational domain ("Gmail",
 * "Microsoft 365 / Outlook.com", "QQ Mail"...), or NULL.
 */
const char *orgdom_operator_name(const char *org);

/*
 * True for loopback, RFC 1918, shared (RFC 6598), link-local and ULA addresses.
 */
bool	 orgdom_ip_private(const char *ip);

#endif
