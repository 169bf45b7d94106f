/*
 * answer.c - one DNS answer packet into a dns_result: the rcode, the
 * DNSSEC status, the CNAME chain from the queried name followed through
 * the answer section (at most DNS_CNAME_MAX links, loops refused), and the
 * records of the queried type at its end, each decoded by type (addresses
 * as text, MX/PTR/CNAME targets as lowercase names, TXT strings joined,
 * TLSA fields).  Every packet is hostile: ldns parses it, at most
 * DNS_RECORDS_MAX records are kept (the rest counted in `omitted`) and at
 * most DNS_RDATA_MAX bytes of each (`cut`).  A packet that does not parse
 * is DNS_ERR_MALFORMED, never a crash.
 *
 * Public: dns_result_from_answer, dns_result_error, dns_result_free,
 * dns_result_ok, dns_result_nxdomain, dns_result_problem, dns_type_name,
 * dns_rcode_name, dns_sec_name, dns_name_canon.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ldns/ldns.h>

#include "base/util.h"
#include "dns/answer.h"

const char *
dns_type_name(int type)
{
	static char buf[16];
	const ldns_rr_descriptor *d = ldns_rr_descript((uint16_t)type);

	if (type >= 0 && type <= 65535 && d != NULL && d->_name != NULL)
		return d->_name;
	snprintf(buf, sizeof(buf), "TYPE%d", type);
	return buf;
}

const char *
dns_sec_name(enum dns_sec sec)
{
	static const char *const names[] = {
		[DNS_SEC_INDETERMINATE] = "indeterminate",
		[DNS_SEC_INSECURE] = "insecure",
		[DNS_SEC_SECURE] = "secure",
		[DNS_SEC_BOGUS] = "bogus",
	};

	if ((unsigned)sec >= sizeof(names) / sizeof(names[0]))
		fatalx("%s: bad status %d", __func__, (int)sec);
	return names[sec];
}

const char *
dns_rcode_name(int rcode)
{
	static char buf[16];
	ldns_lookup_table *lt = ldns_lookup_by_id(ldns_rcodes, rcode);

	if (lt != NULL)
		return lt->name;
	snprintf(buf, sizeof(buf), "RCODE%d", rcode);
	return buf;
}

/* Presentation form of a dname rdf: lowercase, no trailing dot; owned. */
static char *
dns_rdf_name(const ldns_rdf *dname)
{
	ldns_rdf *c = ldns_rdf_clone(dname);
	char *s, *out;
	size_t n;

	if (c == NULL)
		fatalx("%s: out of memory", __func__);
	ldns_dname2canonical(c);
	s = ldns_rdf2str(c);
	ldns_rdf_deep_free(c);
	if (s == NULL)
		fatalx("%s: out of memory", __func__);
	n = strlen(s);
	if (n > 0 && s[n - 1] == '.')
		n--;
	out = xstrndup(s, n);
	free(s);
	return out;
}

char *
dns_name_canon(const char *name)
{
	ldns_rdf *d = NULL;
	char *out;
	size_t n = strlen(name);

	if (n == 0 || (n == 1 && name[0] == '.'))
		return NULL;
	if (ldns_str2rdf_dname(&d, name) != LDNS_STATUS_OK)
		return NULL;
	/* ldns accepts "a..b" as a root-terminated prefix in some versions. */
	if (ldns_dname_label_count(d) == 0 || strstr(name, "..") != NULL) {
		ldns_rdf_deep_free(d);
		return NULL;
	}
	out = dns_rdf_name(d);
	ldns_rdf_deep_free(d);
	return out;
}

struct dns_result *
dns_result_error(const char *qname, int qtype, enum dns_err err,
    const char *error)
{
	struct dns_result *r = xcalloc(1, sizeof(*r));
	char *c = dns_name_canon(qname);

	r->qname = c != NULL ? c : xstrdup(qname);
	r->qtype = qtype;
	r->err = err;
	r->rcode = DNS_RCODE_SERVFAIL;
	r->error = xstrdup(error);
	return r;
}

void
dns_result_free(struct dns_result *r)
{
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < r->nrrs; i++) {
		free(r->rrs[i].name);
		free(r->rrs[i].data);
	}
	free(r->rrs);
	free(r->qname);
	free(r->why_bogus);
	free(r->error);
	free(r->canonical);
	free(r);
}

bool
dns_result_ok(const struct dns_result *r)
{
	return r->err == DNS_OK && r->rcode == DNS_RCODE_NOERROR;
}

bool
dns_result_nxdomain(const struct dns_result *r)
{
	return r->err == DNS_OK && r->rcode == DNS_RCODE_NXDOMAIN;
}

const char *
dns_result_problem(const struct dns_result *r)
{
	if (r->err != DNS_OK ||
	    (r->rcode != DNS_RCODE_NOERROR && r->error != NULL))
		return r->error;
	if (r->rcode == DNS_RCODE_NXDOMAIN)
		return "NXDOMAIN";
	return r->nrrs == 0 ? "no records" : NULL;
}

/*
 * Follow the CNAME chain from qname through the answer section.  Returns
 * the final owner (borrowed from qname or the packet), NULL when the chain
 * loops or is longer than DNS_CNAME_MAX.  For qtype CNAME the chain is
 * not followed: the CNAME at qname is the answer.
 */
static const ldns_rdf *
dns_chain(const ldns_pkt *p, const ldns_rdf *qname, int qtype)
{
	const ldns_rr_list *ans = ldns_pkt_answer(p);
	const ldns_rdf *cur = qname, *next;
	const ldns_rr *rr;
	size_t i, hops;

	if (qtype == DNS_T_CNAME)
		return qname;
	for (hops = 0; hops <= DNS_CNAME_MAX; hops++) {
		next = NULL;
		for (i = 0; ans != NULL && i < ldns_rr_list_rr_count(ans); i++) {
			rr = ldns_rr_list_rr(ans, i);
			if (ldns_rr_get_type(rr) == LDNS_RR_TYPE_CNAME &&
			    ldns_rr_get_class(rr) == LDNS_RR_CLASS_IN &&
			    ldns_rr_rd_count(rr) == 1 &&
			    ldns_rdf_get_type(ldns_rr_rdf(rr, 0)) == LDNS_RDF_TYPE_DNAME &&
			    ldns_dname_compare(ldns_rr_owner(rr), cur) == 0) {
				next = ldns_rr_rdf(rr, 0);
				break;
			}
		}
		if (next == NULL)
			return cur;
		cur = next;
	}
	return NULL;
}

/* Copy at most DNS_RDATA_MAX bytes into rr->data, NUL-terminated. */
static void
dns_rr_put(struct dns_rr *out, const uint8_t *data, size_t len)
{
	size_t room = DNS_RDATA_MAX - out->len;

	if (len > room) {
		len = room;
		out->cut = true;
	}
	out->data = xrealloc(out->data, out->len + len + 1);
	memcpy(out->data + out->len, data, len);
	out->len += len;
	out->data[out->len] = '\0';
}

/* Decode one record by type; false when its rdata has the wrong shape. */
static bool
dns_rr_decode(const ldns_rr *rr, struct dns_rr *out)
{
	const ldns_rdf *rd;
	char text[INET6_ADDRSTRLEN];
	size_t i, n = ldns_rr_rd_count(rr);

	memset(out, 0, sizeof(*out));
	out->type = ldns_rr_get_type(rr);
	out->ttl = ldns_rr_ttl(rr);
	switch (out->type) {
	case DNS_T_A:
	case DNS_T_AAAA:
		rd = n == 1 ? ldns_rr_rdf(rr, 0) : NULL;
		if (rd == NULL ||
		    ldns_rdf_size(rd) != (out->type == DNS_T_A ? 4u : 16u))
			return false;
		inet_ntop(out->type == DNS_T_A ? AF_INET : AF_INET6,
		    ldns_rdf_data(rd), text, sizeof(text));
		out->name = xstrdup(text);
		dns_rr_put(out, ldns_rdf_data(rd), ldns_rdf_size(rd));
		return true;
	case DNS_T_MX:
		if (n != 2 || ldns_rdf_get_type(ldns_rr_rdf(rr, 0)) != LDNS_RDF_TYPE_INT16 ||
		    ldns_rdf_get_type(ldns_rr_rdf(rr, 1)) != LDNS_RDF_TYPE_DNAME)
			return false;
		out->pref = ldns_rdf2native_int16(ldns_rr_rdf(rr, 0));
		out->name = dns_rdf_name(ldns_rr_rdf(rr, 1));
		return true;
	case DNS_T_PTR:
	case DNS_T_CNAME:
		if (n != 1 || ldns_rdf_get_type(ldns_rr_rdf(rr, 0)) != LDNS_RDF_TYPE_DNAME)
			return false;
		out->name = dns_rdf_name(ldns_rr_rdf(rr, 0));
		return true;
	case DNS_T_TXT:
		/* Each character-string rdf is a length byte then the bytes. */
		for (i = 0; i < n; i++) {
			rd = ldns_rr_rdf(rr, i);
			if (ldns_rdf_size(rd) < 1)
				return false;
			dns_rr_put(out, ldns_rdf_data(rd) + 1,
			    ldns_rdf_size(rd) - 1);
			out->nstrings++;
		}
		if (out->data == NULL)
			dns_rr_put(out, (const uint8_t *)"", 0);
		return true;
	case DNS_T_TLSA:
		if (n != 4)
			return false;
		for (i = 0; i < 3; i++) {
			rd = ldns_rr_rdf(rr, i);
			if (ldns_rdf_size(rd) != 1)
				return false;
			out->tlsa[i] = ldns_rdf_data(rd)[0];
		}
		rd = ldns_rr_rdf(rr, 3);
		dns_rr_put(out, ldns_rdf_data(rd), ldns_rdf_size(rd));
		return true;
	default:
		for (i = 0; i < n; i++)
			dns_rr_put(out, ldns_rdf_data(ldns_rr_rdf(rr, i)),
			    ldns_rdf_size(ldns_rr_rdf(rr, i)));
		if (out->data == NULL)
			dns_rr_put(out, (const uint8_t *)"", 0);
		return true;
	}
}

/* Keep the records of qtype owned by owner, bounded. */
static void
dns_read_records(struct dns_result *r, const ldns_pkt *p, const ldns_rdf *owner)
{
	const ldns_rr_list *ans = ldns_pkt_answer(p);
	const ldns_rr *rr;
	struct dns_rr one;
	size_t i, count = ans != NULL ? ldns_rr_list_rr_count(ans) : 0;

	for (i = 0; i < count; i++) {
		rr = ldns_rr_list_rr(ans, i);
		if ((int)ldns_rr_get_type(rr) != r->qtype ||
		    ldns_rr_get_class(rr) != LDNS_RR_CLASS_IN ||
		    ldns_dname_compare(ldns_rr_owner(rr), owner) != 0)
			continue;
		if (r->nrrs == DNS_RECORDS_MAX) {
			r->omitted++;
			continue;
		}
		if (!dns_rr_decode(rr, &one)) {
			free(one.name);
			free(one.data);
			continue;
		}
		if (r->rrs == NULL)
			r->rrs = xcalloc(count < DNS_RECORDS_MAX ? count : DNS_RECORDS_MAX,
			    sizeof(*r->rrs));
		r->rrs[r->nrrs++] = one;
	}
}

struct dns_result *
dns_result_from_answer(const char *qname, int qtype, const struct dns_answer *a,
    bool validating)
{
	struct dns_result *r;
	const ldns_rdf *owner;
	ldns_rdf *q = NULL;
	ldns_pkt *p = NULL;
	char *c = dns_name_canon(qname);

	if (c == NULL)
		return dns_result_error(qname, qtype, DNS_ERR_NAME, "not a valid DNS name");
	r = xcalloc(1, sizeof(*r));
	r->qname = c;
	r->qtype = qtype;
	r->rcode = DNS_RCODE_SERVFAIL;
	if (a->sec == 1) {
		r->sec = DNS_SEC_BOGUS;
		if (a->why_bogus != NULL)
			r->why_bogus = xstrdup(a->why_bogus);
		r->err = DNS_ERR_BOGUS;
		xseterror(&r->error, "DNSSEC validation failed%s%s",
		    a->why_bogus ? ": " : "", a->why_bogus ? a->why_bogus : "");
		return r;
	}
	r->sec = !validating ? DNS_SEC_INDETERMINATE :
	    a->sec == 2 ? DNS_SEC_SECURE : DNS_SEC_INSECURE;
	if (a->rcode != 0) {
		r->rcode = a->rcode;
		if (a->rcode != DNS_RCODE_NXDOMAIN)
			r->error = xstrdup(dns_rcode_name(a->rcode));
		return r;
	}
	if (a->pkt == NULL ||
	    ldns_wire2pkt(&p, a->pkt, a->len) != LDNS_STATUS_OK) {
		r->err = DNS_ERR_MALFORMED;
		xseterror(&r->error, "malformed answer");
		return r;
	}
	r->rcode = (int)ldns_pkt_get_rcode(p);
	if (r->rcode != DNS_RCODE_NOERROR && r->rcode != DNS_RCODE_NXDOMAIN)
		r->error = xstrdup(dns_rcode_name(r->rcode));
	if (r->rcode != DNS_RCODE_NOERROR)
		goto done;
	if (ldns_str2rdf_dname(&q, r->qname) != LDNS_STATUS_OK)
		fatalx("%s: name checked by dns_name_canon", __func__);
	if ((owner = dns_chain(p, q, qtype)) == NULL) {
		r->err = DNS_ERR_CNAME;
		xseterror(&r->error, "CNAME chain loops or is longer than %d",
		    DNS_CNAME_MAX);
		goto done;
	}
	if (owner != q)
		r->canonical = dns_rdf_name(owner);
	dns_read_records(r, p, owner);
done:
	ldns_rdf_deep_free(q);
	ldns_pkt_free(p);
	return r;
}
