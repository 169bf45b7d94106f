/*
 * socks5.c - the SOCKS5 client (RFC 1928; username/password RFC 1929).
 *
 * Public: socks5_proxy_parse, socks5_proxy_resolve, socks5_proxy_free,
 * socks5_parse_method, socks5_parse_auth, socks5_parse_reply,
 * socks5_rep_text, socks5_client_start, socks5_client_input,
 * socks5_state_name, socks5_connect_text (socks5.h).
 *
 * The three parsers are pure functions over the bytes received so far:
 * they say "more", "one message of N bytes" or "not SOCKS5" and never read
 * past SOCKS5_REPLY_MAX bytes.  socks5_client_input() is the state machine
 * (method -> auth -> connect -> ready), one transition function per reply.
 * The proxy's failures end in SOCKS5_S_FAILED with a proxy_fail kind and a
 * plain text that names the proxy as HOST:PORT only: the credentials are
 * never copied into any text.
 */
#include <sys/types.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <netdb.h>

#include <stdarg.h>
#include <stdio.h>
#include <strings.h>
#include <stdlib.h>
#include <string.h>

#include "net/socks5.h"
#include "base/syserr.h"
#include "base/util.h"

#define SOCKS5_VER		5
#define SOCKS5_AUTH_VER		1	/* RFC 1929 sub-negotiation version */
#define SOCKS5_M_NONE		0x00
#define SOCKS5_M_USERPASS	0x02
#define SOCKS5_M_REFUSED	0xff
#define SOCKS5_CMD_CONNECT	1
#define SOCKS5_ATYP_V4		1
#define SOCKS5_ATYP_NAME	3
#define SOCKS5_ATYP_V6		4

static const char *const socks5_state_names[SOCKS5_S__LAST] = {
	[SOCKS5_S_METHOD] = "method",
	[SOCKS5_S_AUTH] = "auth",
	[SOCKS5_S_CONNECT] = "connect",
	[SOCKS5_S_READY] = "ready",
	[SOCKS5_S_FAILED] = "failed",
};

const char *
socks5_state_name(enum socks5_state st)
{
	if ((unsigned)st >= SOCKS5_S__LAST)
		fatalx("%s: bad state %d", __func__, (int)st);
	return socks5_state_names[st];
}

void
socks5_connect_text(char *buf, size_t size, int family, const char *ip,
    int port)
{
	snprintf(buf, size, "CONNECT %s%s%s:%d", family == AF_INET6 ? "[" : "",
	    ip, family == AF_INET6 ? "]" : "", port);
}

/* --- the proxy URL ------------------------------------------------------ */

/* URL userinfo part with %XX escapes into an owned string; NULL if bad. */
static char *
url_unescape(const char *s, size_t n)
{
	char *out = xmalloc(n + 1);
	size_t i, o = 0;
	int hi, lo;

	for (i = 0; i < n; i++) {
		if (s[i] != '%') {
			out[o++] = s[i];
			continue;
		}
		hi = i + 2 < n ? hex_value((unsigned char)s[i + 1]) : -1;
		lo = i + 2 < n ? hex_value((unsigned char)s[i + 2]) : -1;
		if (hi < 0 || lo < 0 || (hi == 0 && lo == 0)) {
			free(out);
			return NULL;
		}
		out[o++] = (char)(hi * 16 + lo);
		i += 2;
	}
	out[o] = '\0';
	return out;
}

int
socks5_proxy_parse(const char *url, struct socks5_proxy *p, const char **err)
{
	static const char scheme[] = "socks5://";
	const char *hp, *at, *colon, *host, *port;
	size_t hostlen;
	char *end;
	long v;

	memset(p, 0, sizeof(*p));
	*err = "--proxy wants socks5://[USER:PASS@]HOST[:PORT]";
	if (strncasecmp(url, scheme, sizeof(scheme) - 1) != 0) {
		if (strncasecmp(url, "socks5h://", 10) == 0)
			*err = "--proxy: socks5h:// (DNS at the proxy) is not "
			    "supported: mxtrace resolves MX hosts itself; use "
			    "socks5://";
		return -1;
	}
	hp = url + sizeof(scheme) - 1;
	if (strpbrk(hp, "/?# \t\r\n") != NULL) {
		*err = "--proxy: nothing may follow HOST:PORT";
		return -1;
	}
	if ((at = strrchr(hp, '@')) != NULL) {
		colon = memchr(hp, ':', (size_t)(at - hp));
		if (colon == NULL || colon == hp) {
			*err = "--proxy: credentials must be USER:PASS@ "
			    "(a non-empty user)";
			return -1;
		}
		/* *** is what FILE.meta and the report write for the
		 * password: pasted back, it would only fail at the proxy's
		 * login, after the options check let it through */
		if (at - colon - 1 == 3 && memcmp(colon + 1, "***", 3) == 0) {
			*err = "--proxy: *** stands for the proxy's password, "
			    "which mxtrace never writes down: put the real "
			    "password in its place (a password that really is "
			    "*** is written %2A%2A%2A)";
			return -1;
		}
		p->user = url_unescape(hp, (size_t)(colon - hp));
		p->pass = url_unescape(colon + 1, (size_t)(at - colon - 1));
		if (p->user == NULL || p->pass == NULL ||
		    strlen(p->user) > SOCKS5_FIELD_MAX ||
		    strlen(p->pass) > SOCKS5_FIELD_MAX || p->user[0] == '\0') {
			socks5_proxy_free(p);
			*err = "--proxy: user and password must be 1 to 255 "
			    "octets (%XX escapes allowed, not %00)";
			return -1;
		}
		hp = at + 1;
	}
	if (*hp == '[') {
		const char *rb = strchr(hp, ']');

		if (rb == NULL) {
			socks5_proxy_free(p);
			return -1;
		}
		host = hp + 1;
		hostlen = (size_t)(rb - host);
		port = rb[1] == ':' ? rb + 2 : (rb[1] == '\0' ? NULL : rb);
		if (port == rb) {
			socks5_proxy_free(p);
			return -1;
		}
	} else {
		colon = strrchr(hp, ':');
		host = hp;
		hostlen = colon ? (size_t)(colon - hp) : strlen(hp);
		port = colon ? colon + 1 : NULL;
		if (memchr(host, ':', hostlen) != NULL) {
			*err = "--proxy: write an IPv6 proxy address in "
			    "brackets: socks5://[::1]:1080";
			socks5_proxy_free(p);
			return -1;
		}
	}
	if (hostlen == 0 || hostlen >= sizeof(p->host)) {
		socks5_proxy_free(p);
		return -1;
	}
	memcpy(p->host, host, hostlen);
	p->host[hostlen] = '\0';
	p->port = 1080;
	if (port != NULL) {
		v = strtol(port, &end, 10);
		if (*port < '0' || *port > '9' || *end != '\0' || v < 1 ||
		    v > 65535) {
			*err = "--proxy: the port must be a number from 1 to 65535";
			socks5_proxy_free(p);
			return -1;
		}
		p->port = (int)v;
	}
	snprintf(p->shown, sizeof(p->shown), strchr(p->host, ':') ?
	    "[%s]:%d" : "%s:%d", p->host, p->port);
	*err = NULL;
	return 0;
}

int
socks5_proxy_resolve(struct socks5_proxy *p, char **err)
{
	struct addrinfo hints, *res = NULL;
	char port[8];
	int rc;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	snprintf(port, sizeof(port), "%d", p->port);
	rc = getaddrinfo(p->host, port, &hints, &res);
	if (rc != 0 || res == NULL ||
	    res->ai_addrlen > sizeof(p->ss)) {
		*err = xasprintf("cannot find the proxy %s: %s", p->shown,
		    rc != 0 ? syserr_gai_text(rc) : "no address");
		if (res != NULL)
			freeaddrinfo(res);
		return -1;
	}
	memcpy(&p->ss, res->ai_addr, res->ai_addrlen);
	p->sslen = (socklen_t)res->ai_addrlen;
	freeaddrinfo(res);
	return 0;
}

void
socks5_proxy_free(struct socks5_proxy *p)
{
	if (p->pass != NULL)
		explicit_bzero(p->pass, strlen(p->pass));
	free(p->user);
	free(p->pass);
	p->user = p->pass = NULL;
}

/* --- the parsers --------------------------------------------------------- */

enum socks5_parse
socks5_parse_method(const uint8_t *b, size_t n, size_t *used, int *method,
    const char **err)
{
	if (n >= 1 && b[0] != SOCKS5_VER) {
		*err = "the proxy's answer to the greeting is not SOCKS5";
		return SOCKS5_BAD;
	}
	if (n < 2)
		return SOCKS5_MORE;
	*method = b[1];
	*used = 2;
	return SOCKS5_OK;
}

enum socks5_parse
socks5_parse_auth(const uint8_t *b, size_t n, size_t *used, int *status,
    const char **err)
{
	/* Some servers answer the sub-negotiation with version 5: accept it. */
	if (n >= 1 && b[0] != SOCKS5_AUTH_VER && b[0] != SOCKS5_VER) {
		*err = "the proxy's answer to the user name and password is "
		    "not RFC 1929";
		return SOCKS5_BAD;
	}
	if (n < 2)
		return SOCKS5_MORE;
	*status = b[1];
	*used = 2;
	return SOCKS5_OK;
}

enum socks5_parse
socks5_parse_reply(const uint8_t *b, size_t n, size_t *used,
    struct socks5_reply *r, const char **err)
{
	char addr[INET6_ADDRSTRLEN], name[SOCKS5_FIELD_MAX + 1];
	size_t need, alen, i;

	if (n >= 1 && b[0] != SOCKS5_VER) {
		*err = "the proxy's answer to CONNECT is not SOCKS5";
		return SOCKS5_BAD;
	}
	if (n >= 3 && b[2] != 0) {
		*err = "the proxy's answer to CONNECT has a non-zero reserved byte";
		return SOCKS5_BAD;
	}
	if (n < 5)
		return SOCKS5_MORE;
	switch (b[3]) {
	case SOCKS5_ATYP_V4:
		alen = 4;
		break;
	case SOCKS5_ATYP_V6:
		alen = 16;
		break;
	case SOCKS5_ATYP_NAME:
		alen = 1 + (size_t)b[4];
		break;
	default:
		*err = "the proxy's answer to CONNECT has an unknown address type";
		return SOCKS5_BAD;
	}
	need = 4 + alen + 2;
	if (n < need)
		return SOCKS5_MORE;
	r->rep = b[1];
	if (b[3] == SOCKS5_ATYP_NAME) {
		for (i = 0; i < b[4]; i++) {
			unsigned char c = b[5 + i];

			name[i] = c > 0x20 && c < 0x7f ? (char)c : '?';
		}
		name[b[4]] = '\0';
		snprintf(r->bound, sizeof(r->bound), "%s:%u", name,
		    (unsigned)b[4 + alen] << 8 | b[5 + alen]);
	} else {
		inet_ntop(b[3] == SOCKS5_ATYP_V4 ? AF_INET : AF_INET6, b + 4,
		    addr, sizeof(addr));
		snprintf(r->bound, sizeof(r->bound),
		    b[3] == SOCKS5_ATYP_V4 ? "%s:%u" : "[%s]:%u", addr,
		    (unsigned)b[4 + alen] << 8 | b[5 + alen]);
	}
	*used = need;
	return SOCKS5_OK;
}

const char *
socks5_rep_text(int rep)
{
	static const char *const text[] = {
		N_("succeeded"), N_("general SOCKS server failure"),
		N_("connection not allowed by ruleset"),
		N_("network unreachable"), N_("host unreachable"),
		N_("connection refused"), N_("TTL expired"),
		N_("command not supported"), N_("address type not supported"),
	};

	if (rep >= 0 && rep < (int)(sizeof(text) / sizeof(text[0])))
		return text[rep];
	return "unassigned reply code";
}

/* --- the state machine ---------------------------------------------------- */

static enum socks5_event __attribute__((format(printf, 3, 4)))
s5_fail(struct socks5_client *c, enum proxy_fail fail, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(c->error, sizeof(c->error), fmt, ap);
	va_end(ap);
	c->fail = fail;
	c->state = SOCKS5_S_FAILED;
	return SOCKS5_EV_FAILED;
}

/* CONNECT to the MX by address: the proxy never resolves a name for us. */
static void
s5_send_connect(struct socks5_client *c, struct evbuffer *out)
{
	uint8_t m[4 + 16 + 2] = { SOCKS5_VER, SOCKS5_CMD_CONNECT, 0 };
	size_t n;

	if (c->target.ss_family == AF_INET6) {
		const struct sockaddr_in6 *a = (const void *)&c->target;

		m[3] = SOCKS5_ATYP_V6;
		memcpy(m + 4, &a->sin6_addr, 16);
		memcpy(m + 20, &a->sin6_port, 2);
		n = 22;
	} else {
		const struct sockaddr_in *a = (const void *)&c->target;

		m[3] = SOCKS5_ATYP_V4;
		memcpy(m + 4, &a->sin_addr, 4);
		memcpy(m + 8, &a->sin_port, 2);
		n = 10;
	}
	evbuffer_add(out, m, n);
	c->state = SOCKS5_S_CONNECT;
}

/* RFC 1929: VER ULEN UNAME PLEN PASSWD. */
static void
s5_send_auth(struct socks5_client *c, struct evbuffer *out)
{
	uint8_t m[3 + 2 * SOCKS5_FIELD_MAX];
	size_t ul = strlen(c->proxy->user), pl = strlen(c->proxy->pass);

	m[0] = SOCKS5_AUTH_VER;
	m[1] = (uint8_t)ul;
	memcpy(m + 2, c->proxy->user, ul);
	m[2 + ul] = (uint8_t)pl;
	memcpy(m + 3 + ul, c->proxy->pass, pl);
	evbuffer_add(out, m, 3 + ul + pl);
	explicit_bzero(m, sizeof(m));
	c->state = SOCKS5_S_AUTH;
}

static enum socks5_event
s5_on_method(struct socks5_client *c, int method, struct evbuffer *out)
{
	if (method == SOCKS5_M_NONE) {
		s5_send_connect(c, out);
		return SOCKS5_EV_STEP;
	}
	if (method == SOCKS5_M_USERPASS && c->proxy->user != NULL) {
		s5_send_auth(c, out);
		return SOCKS5_EV_STEP;
	}
	if (method == SOCKS5_M_REFUSED)
		return s5_fail(c, PROXY_FAIL_AUTH, c->proxy->user != NULL ?
		    "the proxy %s accepts neither method mxtrace "
		    "offers (no authentication, user name and password)" :
		    "the proxy %s wants authentication: give "
		    "socks5://USER:PASS@HOST:PORT", c->proxy->shown);
	return s5_fail(c, PROXY_FAIL_PROTOCOL, "the proxy %s chose method %d, "
	    "which mxtrace did not offer", c->proxy->shown, method);
}

static enum socks5_event
s5_on_auth(struct socks5_client *c, int status, struct evbuffer *out)
{
	if (status != 0)
		return s5_fail(c, PROXY_FAIL_AUTH, "the proxy %s refused the "
		    "user name and password (status %d)", c->proxy->shown,
		    status);
	s5_send_connect(c, out);
	return SOCKS5_EV_STEP;
}

static enum socks5_event
s5_on_reply(struct socks5_client *c)
{
	if (c->reply.rep != 0)
		return s5_fail(c, PROXY_FAIL_REPLY, "the proxy %s could not "
		    "connect: %s (SOCKS reply %d)", c->proxy->shown,
		    socks5_rep_text(c->reply.rep), c->reply.rep);
	c->state = SOCKS5_S_READY;
	return SOCKS5_EV_READY;
}

void
socks5_client_start(struct socks5_client *c, const struct socks5_proxy *p,
    const struct sockaddr *target, socklen_t len, struct evbuffer *out)
{
	uint8_t greet[4] = { SOCKS5_VER, 1, SOCKS5_M_NONE, 0 };

	memset(c, 0, sizeof(*c));
	c->proxy = p;
	c->reply.rep = -1;
	if (len > sizeof(c->target))
		fatalx("%s: address too long", __func__);
	memcpy(&c->target, target, len);
	if (p->user != NULL) {
		greet[1] = 2;
		greet[3] = SOCKS5_M_USERPASS;
	}
	evbuffer_add(out, greet, p->user != NULL ? 4 : 3);
	c->state = SOCKS5_S_METHOD;
}

enum socks5_event
socks5_client_input(struct socks5_client *c, struct evbuffer *in,
    struct evbuffer *out)
{
	size_t n = evbuffer_get_length(in), used = 0;
	const uint8_t *b;
	const char *err = NULL;
	enum socks5_parse pr;
	int v = 0;

	if (n > SOCKS5_REPLY_MAX)
		n = SOCKS5_REPLY_MAX;
	if (c->state != SOCKS5_S_METHOD && c->state != SOCKS5_S_AUTH &&
	    c->state != SOCKS5_S_CONNECT)
		fatalx("%s: input in state %s", __func__,
		    socks5_state_name(c->state));
	if (n == 0)
		return SOCKS5_EV_MORE;
	b = evbuffer_pullup(in, (ssize_t)n);
	switch (c->state) {
	case SOCKS5_S_METHOD:
		pr = socks5_parse_method(b, n, &used, &v, &err);
		break;
	case SOCKS5_S_AUTH:
		pr = socks5_parse_auth(b, n, &used, &v, &err);
		break;
	default:
		pr = socks5_parse_reply(b, n, &used, &c->reply, &err);
		break;
	}
	if (pr == SOCKS5_MORE)
		return SOCKS5_EV_MORE;
	if (pr == SOCKS5_BAD)
		return s5_fail(c, PROXY_FAIL_PROTOCOL, "%s (proxy %s)", err,
		    c->proxy->shown);
	evbuffer_drain(in, used);
	switch (c->state) {
	case SOCKS5_S_METHOD:
		return s5_on_method(c, v, out);
	case SOCKS5_S_AUTH:
		return s5_on_auth(c, v, out);
	default:
		return s5_on_reply(c);
	}
}
