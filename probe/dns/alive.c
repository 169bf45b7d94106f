/*
 * alive.c - the start-up check that the resolver answers at all.
 *
 * Asked outside libunbound on purpose: libunbound turns "the resolver
 * answered with an error" and "nothing came back" into the same SERVFAIL,
 * the second only after its retries (17 s measured with a dead
 * --resolver), so it cannot say quickly which it was.  ldns's stub
 * resolver sends the question over UDP to each server in turn
 * (DNS_ALIVE_TRIES rounds) and hands back the first reply of any kind.
 * The question is the root's SOA: every resolver answers it somehow (a lab
 * or office resolver serving only its own zones says REFUSED), and its
 * answer is small, so no truncated reply sends ldns on to TCP.
 *
 * UDP only, as the run itself: mxtrace never sets libunbound's
 * tcp-upstream, and libunbound goes to TCP only for a truncated reply, so
 * a resolver that answers only over TCP (its UDP filtered) gives the run
 * no answer either (measured: a TCP-only forwarder to the lab's resolver
 * got no connection from sender's lookups, each "no DNS answer within
 * 3000 ms").  Calling it dead is what the run would find, said sooner.
 */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#include <ldns/ldns.h>

#include "base/limits.h"
#include "base/util.h"
#include "dns/alive.h"

/* "IP" or "IP@PORT" (dns_resolver_valid's form) as ldns's nameserver. */
static ldns_resolver *
alive_one(const char *resolver)
{
	char ip[INET6_ADDRSTRLEN];
	const char *at = strrchr(resolver, '@');
	size_t n = at ? (size_t)(at - resolver) : strlen(resolver);
	ldns_resolver *r;
	ldns_rdf *ns;

	if (n >= sizeof(ip))
		return NULL;
	memcpy(ip, resolver, n);
	ip[n] = '\0';
	if (ldns_str2rdf_a(&ns, ip) != LDNS_STATUS_OK &&
	    ldns_str2rdf_aaaa(&ns, ip) != LDNS_STATUS_OK)
		return NULL;
	r = ldns_resolver_new();
	if (ldns_resolver_push_nameserver(r, ns) != LDNS_STATUS_OK) {
		ldns_resolver_deep_free(r);
		r = NULL;
	} else if (at != NULL)
		ldns_resolver_set_port(r, (uint16_t)atoi(at + 1));
	ldns_rdf_deep_free(ns);
	return r;
}

/*
 * The servers of /etc/resolv.conf; none there means 127.0.0.1, as for the
 * C library and libunbound (ub_ctx_resolvconf).  NULL when it cannot be read.
 */
static ldns_resolver *
alive_resolvconf(void)
{
	ldns_resolver *r = NULL;
	ldns_status st = ldns_resolver_new_frm_file(&r, NULL);

	if (st == LDNS_STATUS_RES_NO_NS || (st == LDNS_STATUS_OK &&
	    ldns_resolver_nameserver_count(r) == 0)) {
		ldns_resolver_deep_free(r);
		return alive_one("127.0.0.1");
	}
	return st == LDNS_STATUS_OK ? r : NULL;
}

/* The servers of resolv.conf asked, "A, B, C", owned. */
static char *
alive_names(ldns_resolver *r)
{
	ldns_rdf **ns = ldns_resolver_nameservers(r);
	char *s = xstrdup(""), *t, *name;
	size_t i;

	for (i = 0; i < ldns_resolver_nameserver_count(r); i++) {
		name = ldns_rdf2str(ns[i]);
		t = xasprintf("%s%s%s", s, i > 0 ? ", " : "",
		    name ? name : "?");
		free(name);
		free(s);
		s = t;
	}
	return s;
}

bool
dns_resolver_silent(const char *resolver, long long wait_ms, char **servers)
{
	ldns_resolver *r = resolver ? alive_one(resolver) : alive_resolvconf();
	ldns_rdf *root;
	ldns_pkt *reply = NULL;
	ldns_status st;
	struct timeval tv;
	long long each;
	bool silent;

	if (r == NULL) {
		*servers = xstrdup(resolver ? resolver : "/etc/resolv.conf");
		return false;
	}
	*servers = resolver ? xstrdup(resolver) : alive_names(r);
	/* each question its share of the wait: the whole check stays in it */
	each = wait_ms / DNS_ALIVE_TRIES /
	    (long long)ldns_resolver_nameserver_count(r);
	if (each < 1)
		each = 1;
	tv.tv_sec = each / 1000;
	tv.tv_usec = (each % 1000) * 1000;
	ldns_resolver_set_timeout(r, tv);
	ldns_resolver_set_retry(r, DNS_ALIVE_TRIES);
	ldns_resolver_set_retrans(r, 0);
	ldns_resolver_set_fail(r, false);
	ldns_resolver_set_usevc(r, false);
	root = ldns_dname_new_frm_str(".");
	st = ldns_resolver_send(&reply, r, root, LDNS_RR_TYPE_SOA,
	    LDNS_RR_CLASS_IN, LDNS_RD);
	/*
	 * Nothing came back: every server timed out or its port was closed
	 * (NETWORK_ERR), or nothing could be sent, no network at all
	 * (SOCKET_ERROR).  A reply that does not parse is still a reply.
	 */
	silent = reply == NULL && (st == LDNS_STATUS_NETWORK_ERR ||
	    st == LDNS_STATUS_SOCKET_ERROR);
	ldns_pkt_free(reply);
	ldns_rdf_deep_free(root);
	ldns_resolver_deep_free(r);
	return silent;
}
