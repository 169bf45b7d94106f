/*
 * sender_msg.c - read the sending side out of a message the user received
 * from their own server (or a bounce that quotes one): the message of
 * FILE through explain's source reader (GMime), its headers through
 * delivered_analyse(): the IP the receiving side recorded, the HELO of
 * that hop, the DKIM-Signature's d= and s=, the From: domain.  One
 * message: a folder (66) or an mbox of several (65) is refused rather
 * than one of its messages picked, since a mailbox holds mail from many
 * senders.  A file that holds no message, or one without a Received:
 * header, is a data error (65, as explain says of it, but with what to
 * give instead worded for the message we sent); one that cannot be
 * opened, 66.  A report about our message (a bounce, a read receipt, a
 * complaint, a customer's forward of it back to us) is read through the
 * copy of it that the report quotes: the report's own Received: lines
 * are its way back to us, the copy's the way our message went out.  A
 * forward that quotes a message in its text is marked (inline_forward):
 * its headers are the forwarder's, for the command to refuse.  A
 * computer's only hop is a Sent-folder copy (client_ip), unless the
 * server it reached judged it: then that computer sent it to the
 * recipient directly (direct: ip and helo are its).
 *
 * Public: sender_msg_read.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/exitcode.h"
#include "base/limits.h"
#include "base/util.h"
#include "cmd/sender_msg.h"
#include "explain/authres.h"
#include "explain/body.h"
#include "explain/delivered.h"
#include "explain/dlvmsg.h"
#include "explain/explain.h"
#include "explain/filekind.h"
#include "explain/mime.h"
#include "explain/original.h"
#include "explain/rawhdr.h"
#include "explain/read_delivered.h"
#include "explain/readers.h"
#include "explain/signs.h"
#include "explain/source.h"

/* What to give instead of a file that holds no message: the message we
 * sent (explain's reader says what the file is: filekind_error). */
static const struct filekind_todo sender_msg_todo = {
	.save = "%s: %s: save the message you sent, as the recipient received "
	    "it, from your mail program as a message (.eml, or Outlook's .msg)",
	.own_json = "%s: %s, not a message you sent: \"mxtrace report FILE\" "
	    "makes a page of it",
	.msg_damaged = "%s: %s; save the message you sent from Outlook again "
	    "(.eml or .msg), or give your sending IP with --ip",
	.msg_huge = "%s: %s: save the message you sent from Outlook as a "
	    "message (.eml), or give your sending IP with --ip",
	.text_huge = "%s: %s, far more than one message: give one message you "
	    "sent, saved from your mail program as a file (.eml, or Outlook's "
	    ".msg)",
};

/*
 * The quoted copy's fields as delivered_analyse() reads them (*r holds
 * the strings of a copy quoted as text; free it after), NULL when the
 * copy's header block is none GMime or rawhdr can split.
 */
static struct dlv_header *
sender_msg_copy_headers(GMimeObject *copy, struct rawhdr **r, size_t *n)
{
	struct rawhdr_span keep[RAWHDR_KEEP_MAX];
	struct dlv_header *h;
	GMimeMessage *inner;
	size_t len, nkeep, i;
	char *text, *p, *lf, *crlf;

	*r = NULL;
	if (mime_is_message(copy))
		return (inner = mime_inner_message(copy)) != NULL ?
		    dlvmsg_headers(inner, n) : NULL;
	if ((text = mime_part_text(copy, EXPLAIN_TEXT_MAX, &len, NULL)) == NULL)
		return NULL;
	for (p = text; p < text + len && (*p == '\r' || *p == '\n'); p++)
		;
	len -= (size_t)(p - text);
	/* the block ends at its first blank line, of either line end */
	lf = strstr(p, "\n\n");
	crlf = strstr(p, "\n\r\n");
	if (lf == NULL || (crlf != NULL && crlf < lf))
		lf = crlf;
	if (lf != NULL)
		len = (size_t)(lf - p) + 1;
	*r = rawhdr_split(p, len, keep, &nkeep);
	free(text);
	if (*r == NULL)
		return NULL;
	h = xcalloc((*r)->n > 0 ? (*r)->n : 1, sizeof(*h));
	for (i = 0; i < (*r)->n; i++) {
		h[i].name = (*r)->f[i].name;
		h[i].value = (*r)->f[i].value;
		h[i].len = strlen((*r)->f[i].value);
	}
	*n = (*r)->n;
	return h;
}

/*
 * Whether msg is a bounce by its headers alone: a multipart/report, or
 * both a bounce's sender and its subject (a message of ours sent from
 * postmaster@ or notifications@ is not one).
 */
static bool
sender_msg_bounce(GMimeMessage *msg)
{
	char type[128];

	mime_type(g_mime_message_get_mime_part(msg), type, sizeof(type));
	return strcmp(type, "multipart/report") == 0 ||
	    (signs_bounce_sender(msg) && signs_bounce_subject(msg));
}

/*
 * A message sent to the domain the message it attaches was sent from: a
 * customer returning our message to us ("it went to our junk folder",
 * the copy attached as their server received it).  A message of ours
 * that attaches another is addressed elsewhere (a test mailbox, a
 * customer), and the attached one is not from the domain it goes to.
 */
static bool
sender_msg_returned(GMimeMessage *msg, GMimeObject *copy)
{
	GMimeMessage *inner;
	char *to, *from, tdom[RCVD_HOST_MAX], fdom[RCVD_HOST_MAX];
	bool same;

	if (!mime_is_message(copy) || (inner = mime_inner_message(copy)) == NULL)
		return false;
	to = mime_header(GMIME_OBJECT(msg), "To");
	from = mime_header(GMIME_OBJECT(inner), "From");
	same = to != NULL && from != NULL &&
	    authres_from_domain(to, strlen(to), tdom) == 0 &&
	    authres_from_domain(from, strlen(from), fdom) == 0 &&
	    strcmp(tdom, fdom) == 0;
	free(to);
	free(from);
	return same;
}

/*
 * A report about a message (a DSN or other multipart/report, or a bounce
 * by its sender or subject) that quotes one, or a message that returns
 * ours to us attached (sender_msg_returned): the copy, else NULL.  A
 * message of ours with a message attached is not one.
 */
static GMimeObject *
sender_msg_report_copy(GMimeMessage *msg)
{
	GMimeObject *copy = original_part(msg);

	if (copy == NULL)
		return NULL;
	if (sender_msg_bounce(msg) || signs_bounce_sender(msg) ||
	    signs_bounce_subject(msg) || sender_msg_returned(msg, copy))
		return copy;
	return NULL;
}

/*
 * A person's forward that quotes a message in its text, not attached
 * ("Fwd:" over Gmail's "---------- Forwarded message ---------", 转发：
 * over NetEase Mail's "-------- 转发邮件信息 --------"): its headers are
 * the forward's own, from the one who forwarded it.  explain's test, as
 * its delivered-message reader makes it: that reader declines such a
 * forward, with its note.
 */
static bool
sender_msg_inline_forward(GMimeMessage *msg)
{
	struct explain_result r;
	struct body b;
	const char *note = catalog_label(LANG_EN, "explain.inline_forward");
	bool fwd = false;
	size_t i;

	memset(&r, 0, sizeof(r));
	reader_delivered_options(LANG_EN, false, NULL);
	body_init(&b, msg);
	if (reader_delivered(&b, &r) == 0)
		for (i = 0; i < r.notes.n; i++)
			fwd |= strcmp(r.notes.v[i], note) == 0;
	body_free(&b);
	explain_result_free(&r);
	return fwd;
}

/*
 * The message's one crossing is its oldest hop, from a computer rather
 * than a server: a HELO of one label (DESKTOP-7H3KQ2P: how Outlook and
 * Foxmail name a Windows PC) or an address literal ([192.168.1.5]:
 * Thunderbird's).  A server that does not mark a login (Coremail's "with
 * SMTP", QQ's "(ESMTP) with SMTP") makes a copy from the Sent folder read
 * so: that IP is the office's, not one a server sends from.
 */
static bool
sender_msg_client_hop(const struct path *p)
{
	const char *helo;

	if (p->boundary != 0 || p->dropped != 0 || p->nhops == 0)
		return false;
	helo = p->hops[0].r.helo;
	return helo[0] == '[' || (helo[0] != '\0' && strchr(helo, '.') == NULL);
}

/*
 * The receiving server judged the message: an SPF, DKIM or DMARC result
 * it wrote itself in Authentication-Results or Received-SPF (RFC 8601 5:
 * the border MTA of the ADMD that receives it; RFC 7208 9.1).  A server
 * does not judge the mail its own users hand it to send (at most it
 * records their login, "auth=pass"), so a computer's only hop with such a
 * verdict is that computer sending to the recipient's server directly,
 * not a copy from the Sent folder.
 */
static bool
sender_msg_judged(const struct delivered *d)
{
	const struct authres *a;
	size_t i, k;

	for (i = 0; i < d->nars; i++) {
		a = &d->ars[i].ar;
		if (d->ars[i].trust != TRUST_RECEIVER ||
		    d->ars[i].kind == DLV_ARC_AR)
			continue;
		for (k = 0; k < a->nres; k++)
			if (strcmp(a->res[k].method, "spf") == 0 ||
			    strcmp(a->res[k].method, "dkim") == 0 ||
			    strcmp(a->res[k].method, "dmarc") == 0)
				return true;
	}
	return false;
}

int
sender_msg_read(const char *path, struct sender_msg *m, char **err)
{
	struct source *src;
	struct delivered d;
	struct dlv_header *h;
	struct rawhdr *quoted = NULL;
	GMimeMessage *msg = NULL, *other;
	GMimeObject *copy;
	const char *name;
	struct stat st;
	struct source_fail fail;
	size_t idx, n;
	int rv = MX_EXIT_DATAERR, got, more;
	bool read, client, fwd, direct;
	char *why;

	memset(m, 0, sizeof(*m));
	*err = NULL;
	/* explain reads a folder's every message; this wants one: which of
	 * a mailbox's was sent by us is for the user to say */
	if (strcmp(path, "-") != 0 && stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		*err = xasprintf("%s: a folder, not a message: give one message you sent, "
		    "saved from your mail program as a file (.eml, or Outlook's .msg)", path);
		return MX_EXIT_NOINPUT;
	}
	explain_init();
	/* as explain: read but no message in it is the data's fault (65),
	 * not opened or not read is 66 */
	if ((src = source_open_why(path, err, &fail)) == NULL) {
		explain_shutdown();
		if (fail.kind == FILEKIND_TEXT)
			return MX_EXIT_NOINPUT;
		*err = filekind_error(input_name(path), fail.kind, fail.cause,
		    &sender_msg_todo);
		free(fail.cause);
		return MX_EXIT_DATAERR;
	}
	got = source_next(src, &msg, &name, &idx, err);
	if (got <= 0) {
		if (*err == NULL)
			*err = xasprintf("%s: no message in it",
			    input_name(path));
		goto out;
	}
	if (source_from_mbox(src) &&
	    (more = source_next(src, &other, &name, &idx, &why)) != 0) {
		if (more > 0)
			g_object_unref(other);
		free(why);
		*err = xasprintf("%s: holds more than one message (an mbox): give the one you "
		    "sent, saved from your mail program as a file (.eml, or Outlook's .msg)", path);
		g_object_unref(msg);
		goto out;
	}
	copy = sender_msg_report_copy(msg);
	if (copy == NULL && sender_msg_bounce(msg)) {
		*err = xasprintf("%s: a bounce that does not hold a copy of the message you sent "
		    "with its headers: give the message you sent as the recipient received it "
		    "(ask them to forward it as an attachment), or your sending IP with --ip", path);
		g_object_unref(msg);
		goto out;
	}
	fwd = copy == NULL && sender_msg_inline_forward(msg);
	h = copy != NULL ? sender_msg_copy_headers(copy, &quoted, &n) :
	    dlvmsg_headers(msg, &n);
	memset(&d, 0, sizeof(d));
	read = h != NULL && delivered_analyse(h, n, NULL, &d) == 0;
	client = read && sender_msg_client_hop(&d.path);
	direct = client && copy == NULL && sender_msg_judged(&d);
	/* a bounce our own server wrote quotes only the hop from the
	 * sender's computer to it: no IP the receiving side saw */
	if (copy != NULL && (!read || d.sending_ip[0] == '\0' || client))
		*err = xasprintf("%s: the copy of your message in this report does not show "
		    "which IP sent it out (no Received: line of the receiving server): give the "
		    "message you sent as the recipient received it, or your sending IP with --ip",
		    path);
	else if (copy == NULL && !read && !fwd)
		*err = xasprintf("%s: no Received: header, so it does not say which IP sent it "
		    "(save the message with all its headers, as received)", path);
	else {
		if (client && !direct) {
			snprintf(m->client_ip, sizeof(m->client_ip), "%s",
			    d.sending_ip);
			snprintf(m->client_helo, sizeof(m->client_helo), "%s",
			    d.path.hops[0].r.helo);
		} else {
			snprintf(m->ip, sizeof(m->ip), "%s", d.sending_ip);
			if (d.path.boundary >= 0 &&
			    (size_t)d.path.boundary < d.path.nhops)
				snprintf(m->helo, sizeof(m->helo), "%s",
				    d.path.hops[d.path.boundary].r.helo);
			if ((m->direct = direct))
				snprintf(m->direct_by, sizeof(m->direct_by), "%s",
				    d.path.hops[0].r.by);
		}
		snprintf(m->dkim_domain, sizeof(m->dkim_domain), "%s", d.dkim_domain);
		snprintf(m->dkim_selector, sizeof(m->dkim_selector), "%s", d.dkim_selector);
		snprintf(m->from_domain, sizeof(m->from_domain), "%s", d.from_domain);
		for (n = 0; n < d.ndkim; n++)
			m->dkim_aligned |= d.dkim[n].aligned;
		m->inline_forward = fwd;
		rv = 0;
	}
	delivered_free(&d);
	free(h);
	if (quoted != NULL)
		rawhdr_free(quoted);
	g_object_unref(msg);
out:
	source_close(src);
	explain_shutdown();
	return rv;
}
