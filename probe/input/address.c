/*
 * address.c - e-mail address syntax, checked before any network traffic.
 *
 * Public: address_parse, address_free, address_domain_unicode.
 *
 * Accepts an RFC 5321 Mailbox: a dot-atom or quoted-string local part
 * (RFC 6531 UTF-8 allowed in both), "@", and a host name or an IPv4/IPv6
 * address literal.  Host names go through libidn2 (IDNA2008 with UTS#46
 * non-transitional mapping, which also lowercases), then the A-label form
 * is checked as LDH labels of 1-63 octets, 253 in all; one trailing dot is
 * dropped.  Anything that could smuggle a command onto the wire (CR, LF,
 * NUL, any control character) or make "RCPT TO:<path>\r\n" longer than
 * SMTP_CMD_MAX is refused.  On failure *err is a static English sentence
 * fragment meant for the user, and out holds nothing to free.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <idn2.h>

#include "input/address.h"
#include "base/limits.h"
#include "base/utf8.h"
#include "base/util.h"

#define ADDRESS_INPUT_MAX	1024	/* bytes of input worth looking at */
#define ADDRESS_LOCAL_MAX	64	/* RFC 5321 4.5.3.1.1 */
#define ADDRESS_DOMAIN_MAX	253	/* RFC 1035, without the root dot */
#define ADDRESS_LABEL_MAX	63
#define ADDRESS_PATH_MAX	254	/* RFC 5321 path 256 minus "<>" */

static const char RCPT_PREFIX[] = "RCPT TO:<";
static const char RCPT_SUFFIX[] = ">\r\n";

static bool
address_is_atext(unsigned char c)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9'))
		return true;
	return c != '\0' && strchr("!#$%&'*+-/=?^_`{|}~", c) != NULL;
}

/*
 * Refuse what could end or corrupt an SMTP command line, before looking at
 * the syntax at all.  TAB is left to the caller (it may surround the
 * address as whitespace); C1 controls count as controls.
 */
static int
address_check_bytes(const char *s, size_t len, const char **err)
{
	unsigned long cp;
	size_t i, n;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\0') {
			*err = "address contains a NUL byte";
			return -1;
		}
		if (c == '\r' || c == '\n') {
			*err = "address contains a line break (CR or LF)";
			return -1;
		}
	}
	for (i = 0; i < len; i += n) {
		if ((n = utf8_decode(s + i, len - i, &cp)) == 0) {
			*err = "address is not valid UTF-8";
			return -1;
		}
		if ((cp < 0x20 && cp != '\t') || (cp >= 0x7F && cp <= 0x9F)) {
			*err = "address contains a control character";
			return -1;
		}
	}
	return 0;
}

/* RFC 5321 Quoted-string with RFC 6531 UTF-8; returns its length or 0. */
static size_t
address_quoted_len(const char *s, size_t len, const char **err)
{
	size_t i;

	for (i = 1; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '"')
			return i + 1;
		if (c == '\\') {
			if (i + 1 >= len || s[i + 1] < 32 || s[i + 1] > 126) {
				*err = "quoted local part has a backslash "
				    "not followed by a printable character";
				return 0;
			}
			i++;
		} else if (c == '\t') {
			*err = "address contains a control character";
			return 0;
		}
	}
	*err = "quoted local part lacks its closing quote";
	return 0;
}

static int
address_check_dot_atom(const char *s, size_t len, const char **err)
{
	size_t i;

	if (s[0] == '.' || s[len - 1] == '.') {
		*err = "local part starts or ends with a dot";
		return -1;
	}
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '.' && i + 1 < len && s[i + 1] == '.') {
			*err = "local part has two dots in a row";
			return -1;
		}
		if (c == '\t') {
			*err = "address contains a control character";
			return -1;
		}
		if (c != '.' && c < 0x80 && !address_is_atext(c)) {
			*err = "local part contains a character that is only "
			    "allowed in quotes (such as a space, comma, "
			    "bracket or quote)";
			return -1;
		}
	}
	return 0;
}

/* "[192.0.2.1]" or "[IPv6:2001:db8::1]"; sets domain and domain_ascii. */
static int
address_literal(const char *s, size_t len, struct address *out,
    const char **err)
{
	unsigned char buf[sizeof(struct in6_addr)];
	char *inner;
	size_t i;
	int rc;

	if (len < 2 || s[len - 1] != ']') {
		*err = "address literal lacks its closing bracket";
		return -1;
	}
	inner = xstrndup(s + 1, len - 2);
	if (strncasecmp(inner, "IPv6:", 5) == 0) {
		for (i = 5; inner[i] != '\0'; i++)
			if (inner[i] >= 'A' && inner[i] <= 'F')
				inner[i] = (char)(inner[i] - 'A' + 'a');
		rc = inet_pton(AF_INET6, inner + 5, buf);
		if (rc == 1)
			out->domain_ascii = xasprintf("[IPv6:%s]", inner + 5);
		else
			*err = "address literal is not a valid IPv6 address";
	} else if (strchr(inner, ':') != NULL) {
		rc = 0;
		*err = "address literal has an unsupported tag (only IPv6: "
		    "is known)";
	} else {
		rc = inet_pton(AF_INET, inner, buf);
		if (rc == 1)
			out->domain_ascii = xasprintf("[%s]", inner);
		else
			*err = "address literal is not a valid IPv4 address";
	}
	free(inner);
	if (rc != 1)
		return -1;
	out->domain = xstrdup(out->domain_ascii);
	out->ip_literal = true;
	return 0;
}

/* The A-label form: LDH labels, 1-63 octets each, 253 in all. */
static int
address_check_hostname(const char *d, const char **err)
{
	size_t len = strlen(d), i, label = 0;
	bool digits = true;

	if (len == 0) {
		*err = "domain is empty";
		return -1;
	}
	if (len > ADDRESS_DOMAIN_MAX) {
		*err = "domain is longer than 253 characters";
		return -1;
	}
	for (i = 0; i <= len; i++) {
		char c = d[i];

		if (c == '.' || c == '\0') {
			if (label == 0) {
				*err = "domain has an empty label (a leading "
				    "dot or two dots in a row)";
				return -1;
			}
			if (d[i - 1] == '-') {
				*err = "domain label ends with a hyphen";
				return -1;
			}
			if (c == '\0' && digits) {
				*err = "top-level domain is all digits";
				return -1;
			}
			label = 0;
			digits = true;
			continue;
		}
		if (label == 0 && c == '-') {
			*err = "domain label starts with a hyphen";
			return -1;
		}
		if (++label > ADDRESS_LABEL_MAX) {
			*err = "domain label is longer than 63 characters";
			return -1;
		}
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '-')) {
			*err = "domain contains a character other than "
			    "letters, digits, hyphens and dots";
			return -1;
		}
		if (c < '0' || c > '9')
			digits = false;
	}
	return 0;
}

static const char *
address_idn_error(int rc)
{
	switch (rc) {
	case IDN2_HYPHEN_STARTEND:
		return "domain label starts or ends with a hyphen";
	case IDN2_TOO_BIG_LABEL:
		return "domain label is longer than 63 characters";
	case IDN2_TOO_BIG_DOMAIN:
		return "domain is longer than 253 characters";
	default:
		return "domain is not a valid internationalised domain name";
	}
}

/*
 * A plain ASCII host name needs no IDNA: letters, digits, hyphens and dots
 * only, no label with "--" at its 3rd and 4th octet (an A-label "xn--" or
 * a name IDNA2008 reserves), valid as it is once lowercased and one
 * trailing dot dropped.  Then libidn2 would return exactly that, so it is
 * not asked (it was a twentieth of verify's CPU).  Anything else, valid or
 * not, goes through libidn2 and gets its answer and its error.
 */
static char *
address_plain_ascii(const char *s, size_t len)
{
	char *d;
	size_t i, at = 0;

	if (len > 1 && s[len - 1] == '.')
		len--;
	if (len == 0 || len > ADDRESS_DOMAIN_MAX)
		return NULL;
	for (i = 0; i < len; i++) {
		char c = s[i];

		if (c == '.')
			at = i + 1;
		else if (c == '-' && i == at + 2 && i + 1 < len &&
		    s[i + 1] == '-')
			return NULL;
		else if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-'))
			return NULL;
	}
	d = xstrndup(s, len);
	for (i = 0; i < len; i++)
		if (d[i] >= 'A' && d[i] <= 'Z')
			d[i] = (char)(d[i] - 'A' + 'a');
	return d;
}

/*
 * Host name to A-labels with libidn2, then back to U-labels for display,
 * so both forms are lowercased and normalised the same way (a plain ASCII
 * name is both forms already).
 */
static int
address_hostname(const char *s, size_t len, struct address *out,
    const char **err)
{
	unsigned char v4[sizeof(struct in_addr)];
	char *given, *ascii = NULL;
	const char *why;
	size_t alen;
	int rc;

	given = xstrndup(s, len);
	if (inet_pton(AF_INET, given, v4) == 1) {
		free(given);
		*err = "an IP address as domain must be written in brackets, "
		    "e.g. user@[192.0.2.1]";
		return -1;
	}
	if ((ascii = address_plain_ascii(s, len)) != NULL) {
		if (address_check_hostname(ascii, &why) == 0) {
			free(given);
			out->domain_ascii = ascii;
			out->domain = xstrdup(ascii);
			return 0;
		}
		free(ascii);
		ascii = NULL;
	}
	rc = idn2_lookup_u8((const uint8_t *)given, (uint8_t **)&ascii,
	    IDN2_NONTRANSITIONAL);
	free(given);
	if (rc != IDN2_OK) {
		*err = address_idn_error(rc);
		return -1;
	}
	alen = strlen(ascii);
	if (alen > 1 && ascii[alen - 1] == '.')
		ascii[alen - 1] = '\0';
	if (address_check_hostname(ascii, err) == -1) {
		idn2_free(ascii);
		return -1;
	}
	out->domain_ascii = xstrdup(ascii);
	out->domain = address_domain_unicode(ascii);
	idn2_free(ascii);
	return 0;
}

char *
address_domain_unicode(const char *ascii)
{
	char *uni = NULL, *out;

	if (idn2_to_unicode_8z8z(ascii, &uni, 0) == IDN2_OK &&
	    utf8_valid(uni, strlen(uni)))
		out = xstrdup(uni);
	else
		out = xstrdup(ascii);
	idn2_free(uni);
	return out;
}

static int
address_parse_parts(const char *s, size_t len, struct address *out,
    const char **err)
{
	const char *at;
	size_t locallen, i;

	if (s[0] == '"') {
		if ((locallen = address_quoted_len(s, len, err)) == 0)
			return -1;
		if (locallen == len || s[locallen] != '@') {
			*err = locallen == len ? "address has no @" :
			    "quoted local part is not followed by @";
			return -1;
		}
	} else {
		if ((at = memchr(s, '@', len)) == NULL) {
			*err = "address has no @";
			return -1;
		}
		locallen = (size_t)(at - s);
		if (locallen == 0) {
			*err = "local part (before the @) is empty";
			return -1;
		}
		if (memchr(at + 1, '@', len - locallen - 1) != NULL) {
			*err = "address has more than one @";
			return -1;
		}
		if (address_check_dot_atom(s, locallen, err) == -1)
			return -1;
	}
	if (locallen > ADDRESS_LOCAL_MAX) {
		*err = "local part is longer than 64 octets";
		return -1;
	}
	if (locallen + 1 == len) {
		*err = "domain (after the @) is empty";
		return -1;
	}
	if (s[locallen + 1] == '[') {
		if (address_literal(s + locallen + 1, len - locallen - 1, out,
		    err) == -1)
			return -1;
	} else if (address_hostname(s + locallen + 1, len - locallen - 1, out,
	    err) == -1)
		return -1;

	out->local = xstrndup(s, locallen);
	for (i = 0; i < locallen; i++)
		if ((unsigned char)s[i] >= 0x80)
			out->utf8_local = true;
	out->path = xasprintf("%s@%s", out->local, out->domain_ascii);
	if (strlen(out->path) > ADDRESS_PATH_MAX) {
		*err = "address is longer than 254 octets";
		return -1;
	}
	if (sizeof(RCPT_PREFIX) - 1 + strlen(out->path) +
	    sizeof(RCPT_SUFFIX) - 1 > SMTP_CMD_MAX) {
		*err = "address makes the RCPT TO command longer than 512 "
		    "octets";
		return -1;
	}
	return 0;
}

int
address_parse(const char *in, size_t len, struct address *out,
    const char **err)
{
	memset(out, 0, sizeof(*out));
	*err = NULL;
	if (len > ADDRESS_INPUT_MAX) {
		*err = "address is far too long";
		return -1;
	}
	if (address_check_bytes(in, len, err) == -1)
		return -1;
	while (len > 0 && (in[0] == ' ' || in[0] == '\t')) {
		in++;
		len--;
	}
	while (len > 0 && (in[len - 1] == ' ' || in[len - 1] == '\t'))
		len--;
	if (len > 0 && in[0] == '<') {
		if (len < 2 || in[len - 1] != '>') {
			*err = "address has a '<' without a matching '>'";
			return -1;
		}
		in++;
		len -= 2;
	} else if (len > 0 && in[len - 1] == '>') {
		*err = "address has a '>' without a matching '<'";
		return -1;
	}
	if (len == 0) {
		*err = "address is empty";
		return -1;
	}
	if (address_parse_parts(in, len, out, err) == -1) {
		address_free(out);
		return -1;
	}
	return 0;
}

void
address_free(struct address *a)
{
	free(a->local);
	free(a->domain);
	free(a->domain_ascii);
	free(a->path);
	memset(a, 0, sizeof(*a));
}
