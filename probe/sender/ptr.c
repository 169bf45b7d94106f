/*
 * ptr.c - reverse DNS of a sending IP, as receivers judge it: Gmail and
 * others want a PTR record whose name resolves back to the IP (forward-
 * confirmed reverse DNS), and many filters distrust names that look like
 * an access network's pool (the IP's digits in the name, "dynamic",
 * "dsl", "pool", "dhcp"...).  The HELO name is checked the same way,
 * once it is a fully qualified name at all.
 *
 * Public: ptr_check, ptr_generic, ptr_line_word, ptr_clear.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/util.h"
#include "sender/ptr.h"

/*
 * Words that name an access network's address pool, as whole labels or label
 * parts.
 */
static const char *const ptr_pool_words[] = {
	"dynamic", "dyn", "dhcp", "dsl", "adsl", "vdsl", "xdsl", "pool", "ppp", "pppoe",
	"dial", "dialup", "cable", "broadband", "customer", "client", "cpe", "residential",
	"unassigned", NULL,
};

/*
 * Whether the name holds the IP's four octets in either order, any separators.
 */
static bool
ptr_has_digits(const char *name, const struct ipaddr *a)
{
	char fwd[32], rev[32], flat[256];
	size_t i, k = 0;

	if (!a->v4)
		return false;
	for (i = 0; name[i] != '\0' && k + 1 < sizeof(flat); i++)
		if (isdigit((unsigned char)name[i]))
			flat[k++] = name[i];
		else if (k > 0 && flat[k - 1] != '.')
			flat[k++] = '.';
	flat[k] = '\0';
	snprintf(fwd, sizeof(fwd), "%u.%u.%u.%u", a->b[0], a->b[1], a->b[2], a->b[3]);
	snprintf(rev, sizeof(rev), "%u.%u.%u.%u", a->b[3], a->b[2], a->b[1], a->b[0]);
	return strstr(flat, fwd) != NULL || strstr(flat, rev) != NULL;
}

const char *
ptr_line_word(const char *name)
{
	const char *p, *q;
	size_t i, n, wl;

	/*
	 * Only the host part (labels before the last two) carries pool words.
	 */
	for (p = name; *p != '\0'; p = q + (*q != '\0')) {
		for (q = p; *q != '\0' && *q != '.'; q++)
			;
		if (strchr(q + (*q != '\0'), '.') == NULL)
			break;
		n = (size_t)(q - p);
		for (i = 0; ptr_pool_words[i] != NULL; i++) {
			wl = strlen(ptr_pool_words[i]);
			if (n >= wl &&
			    strncasecmp(p, ptr_pool_words[i], wl) == 0 &&
			    (n == wl || !isalpha((unsigned char)p[wl])))
				return ptr_pool_words[i];
		}
	}
	return NULL;
}

/*
 * A line's word outranks the digits: 72-2-0-192.dyn.isp.example is a home
 * or dynamic line, whose advice differs from a hosting company's numbered
 * name (sender.ptr.line, not sender.ptr.warn).
 */
const char *
ptr_generic(const char *name, const struct ipaddr *a)
{
	const char *word = ptr_line_word(name);

	if (word != NULL)
		return word;
	return ptr_has_digits(name, a) ? "the IP's digits" : NULL;
}

static bool
ptr_addr_has(const struct dns_result *r, const struct ipaddr *a)
{
	size_t i;

	for (i = 0; dns_result_ok(r) && i < r->nrrs; i++)
		if (r->rrs[i].len == (a->v4 ? 4u : 16u) &&
		    memcmp(r->rrs[i].data, a->b, r->rrs[i].len) == 0)
			return true;
	return false;
}

/*
 * RFC 5321 4.1.1.1: EHLO gives a fully qualified domain name or an address
 * literal.  A name of one label (DESKTOP-7H3KQ2P, how Windows names a PC;
 * "mail." counts as one) is neither, whatever DNS would say: it is not
 * asked (a resolver refuses it, or searches it under a local domain).
 */
static bool
ptr_helo_one_label(const char *helo)
{
	const char *dot = strchr(helo, '.');

	return helo[0] != '[' && (dot == NULL || dot[1] == '\0');
}

/*
 * An address literal (RFC 5321 4.1.3: "[192.0.2.1]", "[IPv6:2001:db8::1]")
 * names no host to look up; whether it is the sending IP (a PC behind a
 * router gives its own private one) is read from the text.
 */
static void
ptr_helo_literal(const char *helo, const struct ipaddr *a, struct ptr_result *p)
{
	char text[64];
	const char *in = helo + 1;
	size_t n;
	struct ipaddr lit;

	p->helo_literal = true;
	if (strncasecmp(in, "IPv6:", 5) == 0)
		in += 5;
	n = strcspn(in, "]");
	if (in[n] != ']' || n >= sizeof(text))
		return;
	memcpy(text, in, n);
	text[n] = '\0';
	p->helo_matches = ipaddr_parse(text, &lit) && lit.v4 == a->v4 &&
	    memcmp(lit.b, a->b, a->v4 ? 4 : 16) == 0;
}

static void
ptr_helo(const struct sender_dns *dns, const struct ipaddr *a, const char *helo,
    struct ptr_result *p)
{
	const struct dns_result *r;

	if (ptr_helo_one_label(helo)) {
		p->helo_not_fqdn = true;
		return;
	}
	if (helo[0] == '[') {
		ptr_helo_literal(helo, a, p);
		return;
	}
	if ((r = sdns_get(dns, helo, a->v4 ? DNS_T_A : DNS_T_AAAA)) == NULL) {
		p->done = false;
		return;
	}
	if (!dns_result_ok(r) && !dns_result_nxdomain(r)) {
		p->helo_error = xstrdup(dns_result_problem(r));
		return;
	}
	p->helo_resolves = dns_result_ok(r) && r->nrrs > 0;
	p->helo_matches = ptr_addr_has(r, a);
}

bool
ptr_check(const struct sender_dns *dns, const struct ipaddr *a,
    const char *helo, struct ptr_result *p)
{
	const struct dns_result *r, *f;
	char rev[96];
	const char *cue;
	size_t i;

	memset(p, 0, sizeof(*p));
	p->done = true;
	if (helo != NULL && helo[0] != '\0')
		ptr_helo(dns, a, helo, p);
	ipaddr_reverse(a, NULL, rev, sizeof(rev));
	if ((r = sdns_get(dns, rev, DNS_T_PTR)) == NULL)
		return p->done = false;
	if (dns_result_nxdomain(r) || (dns_result_ok(r) && r->nrrs == 0)) {
		p->missing = true;
		return p->done;
	}
	if (!dns_result_ok(r)) {
		p->error = xstrdup(dns_result_problem(r));
		return p->done;
	}
	p->name = xstrdup(r->rrs[0].name);
	if ((cue = ptr_generic(p->name, a)) != NULL) {
		p->generic = true;
		p->generic_why = xstrdup(cue);
		p->line = ptr_line_word(p->name) != NULL;
	}
	for (i = 0; i < r->nrrs && i < PTR_NAMES_MAX; i++) {
		if ((f = sdns_get(dns, r->rrs[i].name, a->v4 ? DNS_T_A : DNS_T_AAAA)) == NULL) {
			p->done = false;
			continue;
		}
		if (!p->fcrdns && ptr_addr_has(f, a)) {
			p->fcrdns = true;
			p->fcrdns_name = xstrdup(r->rrs[i].name);
		}
	}
	return p->done;
}

void
ptr_clear(struct ptr_result *p)
{
	free(p->name);
	free(p->error);
	free(p->fcrdns_name);
	free(p->generic_why);
	free(p->helo_error);
	memset(p, 0, sizeof(*p));
}
