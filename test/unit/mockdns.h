/*
 * mockdns.h - a zone in memory behind a sender_dns, for the sender unit
 * tests: records added as (name, type, text), names that time out, and
 * every answer kept until mock_free.  Answers are built the way
 * dns_result_from_answer builds them (lowercase names, joined TXT).
 * Header-only: each test includes it once.
 */
#ifndef MXTRACE_MOCKDNS_H
#define MXTRACE_MOCKDNS_H

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/util.h"
#include "sender/sdns.h"

struct mock_rr {
	char	*name;		/* lowercase, no trailing dot */
	int	 type;		/* 0: the name times out for types it has no record of */
	char	*text;		/* A/AAAA text, MX "pref name", PTR/CNAME name, TXT bytes */
	size_t	 len;
};

struct mock {
	struct mock_rr		 *rrs;
	size_t			  n;
	struct dns_result	**answers;	/* owned, handed out by get */
	size_t			  nanswers;
	unsigned		  asked;	/* get calls */
};

static char *
mock_lower(const char *s, size_t n)
{
	char *c = xstrndup(s, n);
	size_t i;

	for (i = 0; c[i] != '\0'; i++)
		if (c[i] >= 'A' && c[i] <= 'Z')
			c[i] = (char)(c[i] - 'A' + 'a');
	n = strlen(c);
	if (n > 1 && c[n - 1] == '.')
		c[n - 1] = '\0';
	return c;
}

static void
mock_add_len(struct mock *m, const char *name, int type, const char *text, size_t len)
{
	struct mock_rr *r;

	m->rrs = xrealloc(m->rrs, (m->n + 1) * sizeof(*m->rrs));
	r = &m->rrs[m->n++];
	r->name = mock_lower(name, strlen(name));
	r->type = type;
	r->text = xmalloc(len + 1);
	memcpy(r->text, text, len);
	r->text[len] = '\0';
	r->len = len;
}

static void
mock_add(struct mock *m, const char *name, int type, const char *text)
{
	mock_add_len(m, name, type, text, strlen(text));
}

static void
mock_rr_fill(struct dns_rr *out, const struct mock_rr *in)
{
	char name[512];
	unsigned pref = 0;

	memset(out, 0, sizeof(*out));
	out->type = in->type;
	out->ttl = 300;
	switch (in->type) {
	case DNS_T_A:
	case DNS_T_AAAA:
		out->data = xcalloc(1, 17);
		out->len = in->type == DNS_T_A ? 4 : 16;
		if (inet_pton(in->type == DNS_T_A ? AF_INET : AF_INET6, in->text, out->data) != 1)
			fatalx("mock: bad address %s", in->text);
		inet_ntop(in->type == DNS_T_A ? AF_INET : AF_INET6, out->data, name, sizeof(name));
		out->name = xstrdup(name);
		break;
	case DNS_T_MX:
		name[0] = '\0';
		if (sscanf(in->text, "%u %511s", &pref, name) < 1)
			fatalx("mock: bad MX %s", in->text);
		out->pref = (uint16_t)pref;
		out->name = strcmp(name, ".") == 0 ? xstrdup("") : mock_lower(name, strlen(name));
		break;
	case DNS_T_PTR:
	case DNS_T_CNAME:
		out->name = mock_lower(in->text, in->len);
		break;
	default:
		out->len = in->len < DNS_RDATA_MAX ? in->len : DNS_RDATA_MAX;
		out->cut = in->len > DNS_RDATA_MAX;
		out->data = xmalloc(out->len + 1);
		memcpy(out->data, in->text, out->len);
		out->data[out->len] = '\0';
		out->nstrings = 1;
		break;
	}
}

static const struct dns_result *
mock_get(void *arg, const char *qname, int type)
{
	struct mock *m = arg;
	struct dns_result *r;
	char *name = mock_lower(qname, strlen(qname));
	bool exists = false, timeout = false;
	size_t i, k = 0;

	m->asked++;
	for (i = 0; i < m->nanswers; i++)
		if (m->answers[i]->qtype == type && strcmp(m->answers[i]->qname, name) == 0) {
			free(name);
			return m->answers[i];
		}
	r = xcalloc(1, sizeof(*r));
	r->qname = name;
	r->qtype = type;
	for (i = 0; i < m->n; i++) {
		if (strcmp(m->rrs[i].name, name) != 0)
			continue;
		exists = true;
		if (m->rrs[i].type == 0)
			timeout = true;
		else if (m->rrs[i].type == type)
			k++;
	}
	if (k > 0) {
		r->rrs = xcalloc(k, sizeof(*r->rrs));
		for (i = 0; i < m->n; i++)
			if (strcmp(m->rrs[i].name, name) == 0 && m->rrs[i].type == type)
				mock_rr_fill(&r->rrs[r->nrrs++], &m->rrs[i]);
	} else if (timeout) {
		r->err = DNS_ERR_TIMEOUT;
		r->rcode = DNS_RCODE_SERVFAIL;
		r->error = xstrdup("no DNS answer within 20000 ms");
	} else if (!exists)
		r->rcode = DNS_RCODE_NXDOMAIN;
	m->answers = xrealloc(m->answers, (m->nanswers + 1) * sizeof(*m->answers));
	m->answers[m->nanswers++] = r;
	return r;
}

static struct sender_dns
mock_dns(struct mock *m)
{
	struct sender_dns d = { mock_get, m };

	return d;
}

static void
mock_free(struct mock *m)
{
	size_t i;

	for (i = 0; i < m->n; i++) {
		free(m->rrs[i].name);
		free(m->rrs[i].text);
	}
	for (i = 0; i < m->nanswers; i++)
		dns_result_free(m->answers[i]);
	free(m->rrs);
	free(m->answers);
	memset(m, 0, sizeof(*m));
}

#endif
