/*
 * dsn.c - parse the fields of an RFC 3464 delivery-status body.  See dsn.h.
 *
 * Public: dsn_parse(), dsn_diagnostic().
 *
 * The body is header-like groups separated by blank lines.  Real reports
 * break the rules, so a new recipient also starts when a Final-Recipient
 * (or an Original-Recipient) comes while the open one already has one, and
 * per-recipient fields before any recipient field open one.  Fields are
 * unfolded (continuation lines start with a blank) and cut at
 * EXPLAIN_FIELD_MAX bytes.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/utf8.h"
#include "base/util.h"
#include "explain/dsn.h"
#include "explain/extract.h"
#include "explain/utf8addr.h"

enum field {
	F_OTHER,
	F_REPORTING_MTA,
	F_FINAL_RCPT,
	F_ORIGINAL_RCPT,
	F_ACTION,
	F_STATUS,
	F_DIAGNOSTIC,
	F_REMOTE_MTA,
	F_LAST_ATTEMPT,
	F_WILL_RETRY,
};

static const struct {
	const char	*name;
	enum field	 field;
} fields[] = {
	{ "reporting-mta",	F_REPORTING_MTA },
	{ "final-recipient",	F_FINAL_RCPT },
	{ "original-recipient",	F_ORIGINAL_RCPT },
	{ "action",		F_ACTION },
	{ "status",		F_STATUS },
	{ "diagnostic-code",	F_DIAGNOSTIC },
	{ "remote-mta",		F_REMOTE_MTA },
	{ "last-attempt-date",	F_LAST_ATTEMPT },
	{ "will-retry-until",	F_WILL_RETRY },
};

struct dsn_state {
	struct explain_result	*r;
	struct explain_rcpt	*cur;		/* open recipient group, may be NULL */
	int			 cur_ok;	/* cur is a real slot (not dropped) */
	int			 has_final, has_orig;
	int			 after_final;	/* Action, Status... seen since Final-Recipient */
	size_t			 added;
	struct explain_rcpt	 sink;		/* fields of dropped recipients */
};

static enum field
field_of(const char *name, size_t n)
{
	size_t i;

	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		if (strlen(fields[i].name) == n &&
		    strncasecmp(name, fields[i].name, n) == 0)
			return fields[i].field;
	return F_OTHER;
}

/* The value after "type;" ("dns; mx.example.com" -> "mx.example.com"). */
static char *
after_type(const char *v, size_t len)
{
	const char *semi = memchr(v, ';', len);
	char *out;
	size_t n;

	if (semi != NULL) {
		len -= (size_t)(semi + 1 - v);
		v = semi + 1;
	}
	out = extract_squeeze(v, len);
	/* "[192.0.2.1]" and "<mx>" are the same host */
	n = strlen(out);
	if (n >= 2 && ((out[0] == '[' && out[n - 1] == ']') ||
	    (out[0] == '<' && out[n - 1] == '>'))) {
		memmove(out, out + 1, n - 2);
		out[n - 2] = '\0';
	}
	return out;
}

/*
 * Amazon SES's older Diagnostic-Code puts its own summary before the
 * remote reply: "5.1.0 - Unknown address error 550-'5.7.1 <a>... Access
 * denied' (delivery attempts: 0)".  The summary is SES's guess; the text
 * kept is the remote reply, from its code on.  In place.
 */
static void
ses_summary(char *t)
{
	char enh[ENHANCED_MAX];
	size_t n = strlen(t), at;

	if (n < 8 || !extract_enhanced(t, 6, enh) || strncmp(t, enh,
	    strlen(enh)) != 0 || strncmp(t + strlen(enh), " - ", 3) != 0 ||
	    (at = extract_reply_start(t, n)) == (size_t)-1)
		return;
	memmove(t, t + at, n - at + 1);
}

/*
 * Amazon SES and WorkMail give up with their own reply and the last
 * remote reply in angle brackets after it: "554 4.4.7 Message expired:
 * unable to deliver in 840 minutes.<421 4.4.2 Connection timed out>".
 * The remote's reply is the finer evidence: its codes replace SES's.
 */
static void
ses_last_reply(const char *t, int *code, char enh[ENHANCED_MAX])
{
	static const char cue[] = "message expired: unable to deliver in";
	size_t n = strlen(t), at = extract_find(t, n, cue);
	const char *lt;
	char e2[ENHANCED_MAX];
	int c2;

	if (at == (size_t)-1 || (lt = strchr(t + at, '<')) == NULL)
		return;
	lt++;
	extract_reply(lt, strlen(lt), &c2, e2);
	if (c2 == 0 || extract_reply_start(lt, strlen(lt)) != 0)
		return;
	*code = c2;
	memcpy(enh, e2, ENHANCED_MAX);
}

/*
 * The ';' after the diagnostic-type that starts v (RFC 3464 2.3.6: "smtp;",
 * "X-Postfix;", "X-Outbound-Mail-Relay;"): a token of letters, digits and
 * '-', then the ';'.  NULL when v starts with no type.
 */
static const char *
diagnostic_type(const char *v, size_t len)
{
	size_t i = 0;

	while (i < len && (v[i] == ' ' || v[i] == '\t'))
		i++;
	for (; i < len && i < 64 && ((v[i] >= 'a' && v[i] <= 'z') ||
	    (v[i] >= 'A' && v[i] <= 'Z') || (v[i] >= '0' && v[i] <= '9') ||
	    v[i] == '-' || v[i] == '_' || v[i] == '.'); i++)
		;
	while (i < len && v[i] == ' ')
		i++;
	return i < len && v[i] == ';' ? v + i : NULL;
}

/*
 * Postfix smtp(8) quotes a reply as "host NAME[ADDR] said: REPLY": the
 * text kept is the reply, and NAME is the remote MTA when the report named
 * none.  In place.
 */
static void
postfix_said(struct explain_rcpt *x)
{
	char *t = x->text, *said, *lb;
	size_t n = strlen(t);

	/* after "host ": in "host said: " the name is missing, not negative */
	if (strncmp(t, "host ", 5) != 0 || (said = strstr(t + 5, " said: ")) ==
	    NULL || extract_reply_start(said + 7, strlen(said + 7)) != 0)
		return;
	if (x->remote_mta == NULL && (lb = memchr(t + 5, '[', (size_t)(said -
	    t - 5))) != NULL && lb > t + 5)
		x->remote_mta = xstrndup(t + 5, (size_t)(lb - t - 5));
	memmove(t, said + 7, n - (size_t)(said + 7 - t) + 1);
}

/*
 * Exchange quotes the reply it was given in its own words: "Remote Server
 * returned 'REPLY'" (an NDR's diagnostic information for administrators,
 * also its recipient table's supplementary information, which a .msg's
 * delivery-status part is made of) and "#REPLY ##" (Exchange 2003's
 * form).  The text kept is the reply, as for Postfix's "said:".  In place.
 */
static void
exchange_quoted(struct explain_rcpt *x)
{
	char *t = x->text;
	size_t n = strlen(t), k = sizeof(EXTRACT_EXCHANGE_SAID) - 1;

	if (n > k + 1 && strncasecmp(t, EXTRACT_EXCHANGE_SAID, k) == 0 &&
	    t[n - 1] == '\'' && (extract_reply_start(t + k, n - k - 1) == 0 ||
	    extract_enhanced_opens(t + k, n - k - 1))) {
		memmove(t, t + k, n - k - 1);
		t[n - k - 1] = '\0';
	} else if (n > 4 && t[0] == '#' && strcmp(t + n - 3, " ##") == 0 &&
	    extract_reply_start(t + 1, n - 4) == 0) {
		memmove(t, t + 1, n - 4);
		t[n - 4] = '\0';
	}
}

void
dsn_diagnostic(const char *v, size_t len, struct explain_rcpt *x)
{
	const char *semi = diagnostic_type(v, len);
	char enh[ENHANCED_MAX];
	int code, unix_status;

	unix_status = semi != NULL && extract_find(v, (size_t)(semi - v),
	    "x-unix") != (size_t)-1;
	if (semi != NULL) {
		len -= (size_t)(semi + 1 - v);
		v = semi + 1;
	}
	free(x->text);
	x->text = extract_squeeze(v, len);
	if (x->text[0] == '\0') {
		/* "Diagnostic-Code: SMTP; " says nothing: the text may */
		free(x->text);
		x->text = NULL;
		return;
	}
	/*
	 * the codes from the whole text: a summary's code when the reply has
	 * none
	 */
	extract_reply(x->text, strlen(x->text), &code, enh);
	/* "X-Unix; 255": a local mailer's exit status, no SMTP reply code */
	if (unix_status && code != 0 && strlen(x->text) == 3)
		code = 0;
	ses_last_reply(x->text, &code, enh);
	ses_summary(x->text);
	postfix_said(x);
	exchange_quoted(x);
	extract_unfold(x->text);
	if (code != 0)
		x->code = code;
	if (enh[0] != '\0' && (x->enhanced[0] == '\0' ||
	    x->enhanced[0] == enh[0]))
		memcpy(x->enhanced, enh, sizeof(enh));
	explain_rcpt_stage(x, extract_stage(x->text, strlen(x->text)));
}

/* A new recipient group; fields of one beyond the bound go to the sink. */
static void
open_rcpt(struct dsn_state *st)
{
	st->cur = explain_rcpt_add(st->r);
	st->cur_ok = st->cur != NULL;
	if (st->cur == NULL) {
		explain_rcpt_clear(&st->sink);
		st->cur = &st->sink;
	} else
		st->added++;
	st->has_final = st->has_orig = st->after_final = 0;
}

/*
 * A Final-Recipient that is a program ("rfc822;|/usr/bin/procmail", as
 * Exim and Sendmail report a pipe delivery): its failure is a mailer's.
 */
static int
names_program(const char *v, size_t len)
{
	const char *semi = memchr(v, ';', len);
	size_t i = semi != NULL ? (size_t)(semi + 1 - v) : 0;

	while (i < len && (v[i] == ' ' || v[i] == '\t' || v[i] == '"'))
		i++;
	return i < len && v[i] == '|';
}

/*
 * The address of a Final-Recipient or Original-Recipient value.  The
 * "utf-8" address type (RFC 6533 section 3) names an internationalised
 * address (RFC 6531), which may write a character as "\x{HEXPOINT}"
 * ("utf-8; \x{5F20}\x{4F1F}@\x{4F8B}\x{5B50}.\x{516C}\x{53F8}"): it is
 * read with its characters, whole ("éa@example.com", not the ASCII
 * "a@example.com" inside it); with a malformed escape it names no
 * address rather than a garbled one.  Another type ("rfc822;") is read
 * as it always was.  A field with a control character is read as none
 * before it comes here (utf8_has_control).
 */
static char *
dsn_address(const char *v, size_t len)
{
	size_t i = 0;
	char *dec, *a;

	while (i < len && (v[i] == ' ' || v[i] == '\t'))
		i++;
	if (len - i < 6 || strncasecmp(v + i, "utf-8;", 6) != 0)
		return explain_address(v, len);
	if (utf8addr_unescape(v + i, len - i, &dec) != 0)
		return NULL;
	if ((a = utf8addr_find(dec, strlen(dec))) == NULL)
		a = explain_address(dec, strlen(dec));
	free(dec);
	return a;
}

static void
set_str(char **dst, char *v)
{
	free(*dst);
	*dst = v;
}

static void
apply(struct dsn_state *st, enum field f, const char *v, size_t len)
{
	struct explain_rcpt *x;
	char enh[ENHANCED_MAX];

	if (f == F_OTHER)
		return;
	if (f == F_REPORTING_MTA) {
		if (st->r->reporting_mta == NULL)
			st->r->reporting_mta = after_type(v, len);
		return;
	}
	/*
	 * Original-Recipient may come after Final-Recipient in one group; it
	 * starts the next group only when the group went on after its Final.
	 */
	if (st->cur == NULL || (f == F_FINAL_RCPT && st->has_final) ||
	    (f == F_ORIGINAL_RCPT && (st->has_orig || (st->has_final &&
	    st->after_final))))
		open_rcpt(st);
	x = st->cur;
	if (f == F_FINAL_RCPT)
		st->after_final = 0;
	else if (st->has_final && f != F_ORIGINAL_RCPT)
		st->after_final = 1;
	switch (f) {
	case F_FINAL_RCPT:
		st->has_final = 1;
		/*
		 * no address holds a control character, and the scan would
		 * make one of what follows it ("a\x1b[31m@example.com" read
		 * as "31m@example.com"): the field names none
		 */
		x->unreadable = utf8_has_control(v, len);
		set_str(&x->address, x->unreadable ? NULL :
		    dsn_address(v, len));
		x->program = names_program(v, len);
		break;
	case F_ORIGINAL_RCPT:
		st->has_orig = 1;
		set_str(&x->original, utf8_has_control(v, len) ? NULL :
		    dsn_address(v, len));
		break;
	case F_ACTION:
		x->action = explain_action_parse(v, len);
		break;
	case F_STATUS:
		/* the reply's own code (Diagnostic-Code) is the finer one */
		if (extract_enhanced(v, len < 32 ? len : 32, enh) &&
		    (x->enhanced[0] == '\0' || x->text == NULL ||
		    x->enhanced[0] != enh[0]))
			memcpy(x->enhanced, enh, sizeof(enh));
		break;
	case F_DIAGNOSTIC:
		dsn_diagnostic(v, len, x);
		break;
	case F_REMOTE_MTA:
		set_str(&x->remote_mta, after_type(v, len));
		break;
	case F_LAST_ATTEMPT:
		set_str(&x->last_attempt, extract_squeeze(v, len));
		break;
	case F_WILL_RETRY:
		set_str(&x->will_retry_until, extract_squeeze(v, len));
		break;
	default:
		break;
	}
}

size_t
dsn_parse(const char *s, size_t len, struct explain_result *r)
{
	struct dsn_state st;
	char *val = xmalloc(EXPLAIN_FIELD_MAX + 1);
	const char *p = s, *end = s + len, *eol, *colon;
	enum field f = F_OTHER;
	size_t vlen = 0, n, i;

	memset(&st, 0, sizeof(st));
	st.r = r;
	while (p < end) {
		if ((eol = memchr(p, '\n', (size_t)(end - p))) == NULL)
			eol = end;
		n = (size_t)(eol - p);
		if (n > 0 && p[n - 1] == '\r')
			n--;
		if (n > 0 && (p[0] == ' ' || p[0] == '\t')) {
			/* continuation of the field being read */
			for (i = 0; i < n && vlen < EXPLAIN_FIELD_MAX; i++)
				val[vlen++] = p[i];
		} else {
			apply(&st, f, val, vlen);
			f = F_OTHER;
			vlen = 0;
			if (n == 0) {
				/* a blank line ends a recipient group */
				if (st.has_final || st.has_orig)
					st.cur = NULL;
			} else if ((colon = memchr(p, ':', n)) != NULL) {
				f = field_of(p, (size_t)(colon - p));
				for (i = (size_t)(colon + 1 - p); i < n &&
				    vlen < EXPLAIN_FIELD_MAX; i++)
					val[vlen++] = p[i];
			}
		}
		p = eol < end ? eol + 1 : end;
	}
	apply(&st, f, val, vlen);
	free(val);
	explain_rcpt_clear(&st.sink);
	return st.added;
}
