/*
 * orgdomain.c - which organisation a host name belongs to.
 *
 * The organisational domain is libpsl's registrable domain (the Public
 * Suffix List, the same rule DMARC uses).  Large providers spread one
 * service over several registrable domains (Gmail's MX is google.com, its
 * submission server gmail.com): the operator table joins those, each row
 * from the provider's own published MX and submission host names.
 *
 * Public: orgdom_get(), orgdom_same_operator(), orgdom_operator_name(),
 * orgdom_ip_private().
 *
 * The PSL context is loaded once (libpsl's newest file, else its built-in
 * copy) and kept for the life of the process.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include <libpsl.h>

#include "explain/orgdomain.h"
#include "explain/received.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/*
 * One operator per row: its name and the registrable domains its mail hosts
 * use.
 */
static const struct {
	const char	*name;
	const char	*domains[6];
} orgdom_operators[] = {
	{ "Gmail", { "google.com", "gmail.com", "googlemail.com" } },
	{ "Microsoft 365 / Outlook.com", { "outlook.com", "hotmail.com",
	    "office365.com", "microsoft.com", "live.com" } },
	{ "Yahoo", { "yahoo.com", "yahoodns.net", "yahoo.net", "aol.com",
	    "yahoo.co.jp" } },
	{ "QQ Mail / Tencent Exmail", { "qq.com", "exmail.qq.com",
	    "tencent.com", "foxmail.com" } },
	{ "NetEase (163/126)", { "163.com", "126.com", "netease.com",
	    "yeah.net", "163yun.com", "qiye.163.com" } },
	{ "Aliyun Mail", { "aliyun.com", "aliyun-inc.com", "alibaba.com",
	    "alimail.com", "mxhichina.com" } },
};

static const psl_ctx_t *
orgdom_psl(void)
{
	static const psl_ctx_t *psl;

	if (psl == NULL && (psl = psl_latest(NULL)) == NULL)
		psl = psl_builtin();
	return psl;
}

bool
orgdom_get(const char *host, char out[ORGDOM_MAX])
{
	char low[ORGDOM_MAX];
	const char *r;
	size_t n, i;
	const psl_ctx_t *psl;

	out[0] = '\0';
	n = strlen(host);
	while (n > 0 && host[n - 1] == '.')
		n--;
	if (n == 0 || n >= ORGDOM_MAX || memchr(host, '.', n) == NULL)
		return false;
	for (i = 0; i < n; i++)
		low[i] = (char)tolower((unsigned char)host[i]);
	low[n] = '\0';
	if (rcvd_is_ip(low) || (psl = orgdom_psl()) == NULL ||
	    (r = psl_registrable_domain(psl, low)) == NULL)
		return false;
	memcpy(out, r, strlen(r) + 1);
	return true;
}

static int
orgdom_operator(const char *org)
{
	size_t i, k;

	for (i = 0; i < NELEM(orgdom_operators); i++)
		for (k = 0; k < NELEM(orgdom_operators[i].domains) &&
		    orgdom_operators[i].domains[k] != NULL; k++)
			if (strcasecmp(org, orgdom_operators[i].domains[k]) ==
			    0)
				return (int)i;
	return -1;
}

bool
orgdom_same_operator(const char *a, const char *b)
{
	int oa, ob;

	if (*a == '\0' || *b == '\0')
		return false;
	if (strcasecmp(a, b) == 0)
		return true;
	oa = orgdom_operator(a);
	ob = orgdom_operator(b);
	return oa >= 0 && oa == ob;
}

const char *
orgdom_operator_name(const char *org)
{
	int o = orgdom_operator(org);

	return o < 0 ? NULL : orgdom_operators[o].name;
}

bool
orgdom_ip_private(const char *ip)
{
	unsigned char a[16];

	if (inet_pton(AF_INET, ip, a) == 1)
		return a[0] == 10 || a[0] == 127 || a[0] == 0 ||
		    (a[0] == 172 && (a[1] & 0xf0) == 16) ||
		    (a[0] == 192 && a[1] == 168) ||
		    (a[0] == 169 && a[1] == 254) ||
		    (a[0] == 100 && (a[1] & 0xc0) == 64);
	if (inet_pton(AF_INET6, ip, a) != 1)
		return false;
	if ((a[0] & 0xfe) == 0xfc || (a[0] == 0xfe && (a[1] & 0xc0) == 0x80))
		return true;
	/* ::1 and ::ffff:a.b.c.d mapped private addresses */
	static const unsigned char zero[10];
	if (memcmp(a, zero, 10) == 0) {
		if (a[10] == 0 && a[11] == 0 && memcmp(a + 12, "\0\0\0\1", 4) == 0)
			return true;
		if (a[10] == 0xff && a[11] == 0xff) {
			char v4[INET_ADDRSTRLEN];
			return inet_ntop(AF_INET, a + 12, v4, sizeof(v4)) !=
			    NULL &&
			    orgdom_ip_private(v4);
		}
	}
	return false;
}
