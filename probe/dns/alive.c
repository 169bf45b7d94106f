/*
 * alive.c - the start-up check that the resolver answers at all.
 *
 * Asked outside libunbound on purpose: libunbound turns "the resolver
 * answered with an error" and "nothing came back" into the same SERVFAIL,
 * the second only after its retries (17 s measured with a dead
 * --resolver), so it cannot say quickly which it was.  The question is the
 * root's SOA: every resolver answers it somehow (a lab or office resolver
 * serving only its own zones says REFUSED), and its answer is small.
 *
 * The question stays in flight for the whole wait, at every server at
 * once: a distant resolver over a congested link may take two seconds or
 * more, and asking each server in turn for a share of the wait (as ldns's
 * stub resolver does, closing each try's socket before the next) called
 * such a resolver dead, its answer thrown away.  One connected UDP socket
 * per server (DNS_ALIVE_SERVERS_MAX), so the kernel passes only the replies
 * of the address asked; the question sent again to each DNS_ALIVE_TRIES
 * times within the wait, in case one is lost, and a reply to any of them
 * counts until the wait is over.  A reply is a datagram from the server
 * with the question's ID and the QR bit: one that does not parse further
 * still proves the server alive.
 *
 * Which servers answered is kept, and without --resolver the run forwards
 * to those alone (dns_set_forwarders): given every server of resolv.conf
 * (ub_ctx_resolvconf), libunbound kept sending questions to a dead one
 * beside a live one, each waiting out its timeout (measured: a probe took
 * 0.9-2.4 s instead of 0.1-0.2 s; a stale secondary is common in the
 * resolv.conf an office's DHCP hands out).  How long the others are
 * awaited once one has answered is a trade: the whole wait would make
 * every start-up beside a dead server 3 s long, the first reply alone
 * would drop a live server a few milliseconds slower.  They get
 * DNS_ALIVE_GRACE_MS (200 ms) more: a dead server costs the start-up no
 * more than that, one of the same network answers well within it, and one
 * slower than the first by more is left out (the run keeps the faster).
 *
 * A refusal proves a server alive, not that it resolves for this machine:
 * a router or an office server that does not recurse for it refuses every
 * question, and being near it replies first; kept alone, it failed every
 * lookup of the run.  So the servers that answered otherwise (NOERROR,
 * NXDOMAIN, anything but REFUSED) are the run's forwarders, and the
 * refusers only when every reply was a refusal (a resolver serving only its
 * own zones refuses the root's SOA: the lab's does, and resolves the lab).
 * A refusal does not cut the wait to the grace: the others get
 * DNS_ALIVE_REFUSED_WAIT_MS (1 s) more, enough for a real resolver behind
 * a slow link (its cached root SOA comes in one round trip), and an answer
 * then cuts it to the grace.  The cost: a refuser beside a dead server,
 * the refuser alone alive, makes the start-up 1 s long instead of 0.2 s.
 * The wait ends once every server asked has replied, so one server
 * (--resolver, or one line of resolv.conf) is never held by it.
 *
 * The servers of resolv.conf are read by dns/nameserver.c, not ldns:
 * ldns drops a link-local server's interface ("fe80::1%wlan0", as a home
 * router's is named), and without it the connect here fails (EINVAL), so
 * such a server, alone, was called dead.  The forwarders handed to the
 * run name the interface too ("fe80::1%wlan0"), as libunbound reads them.
 *
 * UDP only, as the run itself: mxtrace never sets libunbound's
 * tcp-upstream, and libunbound goes to TCP only for a truncated reply, so
 * a resolver that answers only over TCP (its UDP filtered) gives the run
 * no answer either (measured: a TCP-only forwarder to the lab's resolver
 * got no connection from sender's lookups, each "no DNS answer within
 * 3000 ms").  Calling it dead is what the run would find, said sooner.
 */
#include <sys/socket.h>

#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <ldns/ldns.h>

#include "base/limits.h"
#include "base/util.h"
#include "dns/alive.h"
#include "dns/nameserver.h"

struct alive_servers {
	struct sockaddr_storage	addr[DNS_ALIVE_SERVERS_MAX];
	socklen_t		len[DNS_ALIVE_SERVERS_MAX];
	size_t			n;
};

/* A resolver in --resolver's form (dns_ns_resolver) added to sv; false if not. */
static bool
alive_one(struct alive_servers *sv, const char *resolver)
{
	if (sv->n >= DNS_ALIVE_SERVERS_MAX ||
	    dns_ns_resolver(resolver, &sv->addr[sv->n], &sv->len[sv->n]) != NULL)
		return false;
	sv->n++;
	return true;
}

/* text named in a's words (why: it could not be asked; NULL). */
static void
alive_named(struct dns_alive *a, const char *text, const char *why)
{
	if (a->nasked == DNS_ALIVE_SERVERS_MAX)
		return;
	snprintf(a->asked[a->nasked].text, sizeof(a->asked[0].text), "%s",
	    text);
	a->asked[a->nasked++].why = why;
}

/*
 * The servers of /etc/resolv.conf (the first DNS_ALIVE_SERVERS_MAX), a
 * link-local one's interface kept (dns/nameserver.c), the usable ones into
 * sv; none named there means 127.0.0.1, as for the C library and
 * libunbound (ub_ctx_resolvconf).  Every server named goes into a->asked,
 * an unusable one with why.  false when the file cannot be read; true
 * with none in sv when every server named is unusable (an interface that
 * is not there): none answers.
 */
static bool
alive_resolvconf(struct alive_servers *sv, struct dns_alive *a)
{
	struct dns_ns ns[DNS_ALIVE_SERVERS_MAX];
	ssize_t n = dns_ns_read("/etc/resolv.conf", ns, DNS_ALIVE_SERVERS_MAX);
	ssize_t i;

	if (n < 0)
		return false;
	if (n == 0) {
		alive_named(a, "127.0.0.1", NULL);
		return alive_one(sv, "127.0.0.1");
	}
	for (i = 0; i < n; i++) {
		alive_named(a, ns[i].text, ns[i].why);
		if (ns[i].why != NULL)
			continue;
		memcpy(&sv->addr[sv->n], &ns[i].addr, ns[i].len);
		sv->len[sv->n++] = ns[i].len;
	}
	return true;
}

/* The root's SOA as a datagram (owned, *len bytes) of a random ID, *id. */
static uint8_t *
alive_question(size_t *len, uint16_t *id)
{
	ldns_pkt *q = ldns_pkt_query_new(ldns_dname_new_frm_str("."),
	    LDNS_RR_TYPE_SOA, LDNS_RR_CLASS_IN, LDNS_RD);
	uint8_t *wire = NULL;

	if (q == NULL)
		fatalx("%s: out of memory", __func__);
	ldns_pkt_set_random_id(q);
	*id = ldns_pkt_id(q);
	if (ldns_pkt2wire(&wire, q, len) != LDNS_STATUS_OK)
		fatalx("%s: cannot write the question", __func__);
	ldns_pkt_free(q);
	return wire;
}

/*
 * A non-blocking UDP socket connected to the server, the question sent on
 * it; -1 when this machine cannot send there (no network, no route).
 */
static int
alive_ask(const struct sockaddr_storage *addr, socklen_t len,
    const uint8_t *wire, size_t n)
{
	int fd = socket(addr->ss_family, SOCK_DGRAM | SOCK_NONBLOCK |
	    SOCK_CLOEXEC, 0);

	if (fd < 0)
		return -1;
	if (connect(fd, (const struct sockaddr *)addr, len) < 0 ||
	    send(fd, wire, n, 0) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

/* What one server's reply to the check said. */
enum alive_reply {
	ALIVE_NONE,		/* no reply (yet) */
	ALIVE_REFUSED,		/* REFUSED: alive, resolving perhaps nothing for us */
	ALIVE_ANSWER		/* anything else: it resolves */
};

/*
 * The reply to the question (its ID, the QR bit) waiting on fd, if any;
 * everything else waiting is read and dropped, an ICMP error (the port
 * closed: ECONNREFUSED) too, as the server may still come up in the wait.
 */
static enum alive_reply
alive_read(int fd, uint16_t id)
{
	uint8_t buf[LDNS_HEADER_SIZE];
	ssize_t n;
	int budget = DNS_ALIVE_READS_MAX;

	while (budget-- > 0) {
		n = recv(fd, buf, sizeof(buf), 0);
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return ALIVE_NONE;
		if (n == (ssize_t)sizeof(buf) && LDNS_ID_WIRE(buf) == id &&
		    LDNS_QR_WIRE(buf))
			return LDNS_RCODE_WIRE(buf) == LDNS_RCODE_REFUSED ?
			    ALIVE_REFUSED : ALIVE_ANSWER;
	}
	return ALIVE_NONE;
}

/*
 * Until every server asked (fd[i] >= 0) has replied, or wait_ms is over,
 * or DNS_ALIVE_GRACE_MS after the first answer, DNS_ALIVE_REFUSED_WAIT_MS
 * after the first refusal, the question sent again at even intervals;
 * got[i] and at[i] (ms after the first question) set for each server that
 * replied.
 */
static void
alive_wait(const int *fd, size_t n, const uint8_t *wire, size_t len,
    uint16_t id, long long wait_ms, enum alive_reply *got, long long *at)
{
	struct pollfd pfd[DNS_ALIVE_SERVERS_MAX];
	long long start = now_ms(), end = start + wait_ms, resend, t, cut;
	int sent = 1;
	size_t i, left = 0;
	bool answered = false, refused = false;

	/* poll passes over a negative fd: a server not asked, or answered */
	for (i = 0; i < n; i++) {
		pfd[i] = (struct pollfd){ .fd = fd[i], .events = POLLIN };
		left += fd[i] >= 0;
	}
	while (left > 0 && (t = now_ms()) < end) {
		resend = start + wait_ms * sent / DNS_ALIVE_TRIES;
		if (sent < DNS_ALIVE_TRIES && t >= resend) {
			/* a send that fails is that try lost, no more */
			for (i = 0; i < n; i++)
				if (pfd[i].fd >= 0)
					(void)send(pfd[i].fd, wire, len, 0);
			sent++;
			continue;
		}
		if (sent >= DNS_ALIVE_TRIES || resend > end)
			resend = end;
		if (poll(pfd, n, (int)(resend - t)) < 0 && errno != EINTR)
			fatalx("%s: poll failed, errno %d", __func__, errno);
		for (i = 0; i < n; i++) {
			if (pfd[i].fd < 0 || pfd[i].revents == 0 ||
			    (got[i] = alive_read(pfd[i].fd, id)) == ALIVE_NONE)
				continue;
			pfd[i].fd = -1;
			left--;
			t = now_ms();
			at[i] = t - start;
			cut = end;
			if (got[i] == ALIVE_ANSWER && !answered)
				cut = t + DNS_ALIVE_GRACE_MS;
			else if (got[i] == ALIVE_REFUSED && !answered &&
			    !refused)
				cut = t + DNS_ALIVE_REFUSED_WAIT_MS;
			answered |= got[i] == ALIVE_ANSWER;
			refused |= got[i] == ALIVE_REFUSED;
			if (cut < end)
				end = cut;
		}
	}
}

/*
 * The run's forwarders of what the servers replied: those that answered,
 * or the refusers when none did.  The first reply of those, -1 if none.
 */
static long long
alive_keep(const enum alive_reply *got, const long long *at, size_t n,
    bool *keep)
{
	enum alive_reply best = ALIVE_NONE;
	long long first = -1;
	size_t i;

	for (i = 0; i < n; i++)
		if (got[i] > best)
			best = got[i];
	for (i = 0; i < n; i++) {
		keep[i] = best != ALIVE_NONE && got[i] == best;
		if (keep[i] && (first < 0 || at[i] < first))
			first = at[i];
	}
	return first;
}

bool
dns_resolver_silent(const char *resolver, long long wait_ms,
    struct dns_alive *a)
{
	struct alive_servers sv = { .n = 0 };
	int fd[DNS_ALIVE_SERVERS_MAX];
	enum alive_reply got[DNS_ALIVE_SERVERS_MAX] = { ALIVE_NONE };
	long long at[DNS_ALIVE_SERVERS_MAX];
	bool keep[DNS_ALIVE_SERVERS_MAX];
	uint8_t *wire;
	uint16_t id;
	size_t i, len;

	memset(a, 0, sizeof(*a));
	a->reply_ms = -1;
	if (resolver != NULL ? !alive_one(&sv, resolver) :
	    !alive_resolvconf(&sv, a)) {
		alive_named(a, resolver ? resolver : "/etc/resolv.conf", NULL);
		return false;
	}
	if (resolver != NULL)
		alive_named(a, resolver, NULL);
	wire = alive_question(&len, &id);
	for (i = 0; i < sv.n; i++)
		fd[i] = alive_ask(&sv.addr[i], sv.len[i], wire, len);
	/* nothing could be sent anywhere, no network at all: said at once */
	alive_wait(fd, sv.n, wire, len, id, wait_ms, got, at);
	a->reply_ms = alive_keep(got, at, sv.n, keep);
	for (i = 0; i < sv.n; i++) {
		if (fd[i] >= 0)
			close(fd[i]);
		if (resolver == NULL && keep[i])
			a->answered[a->nanswered++] =
			    dns_ns_forwarder(&sv.addr[i]);
	}
	free(wire);
	return a->reply_ms < 0;
}

void
dns_alive_free(struct dns_alive *a)
{
	size_t i;

	for (i = 0; i < a->nanswered; i++)
		free(a->answered[i]);
	memset(a, 0, sizeof(*a));
	a->reply_ms = -1;
}
