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
 * opened, 66.
 *
 * Public: sender_msg_read.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/exitcode.h"
#include "base/util.h"
#include "cmd/sender_msg.h"
#include "explain/delivered.h"
#include "explain/dlvmsg.h"
#include "explain/explain.h"
#include "explain/filekind.h"
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

int
sender_msg_read(const char *path, struct sender_msg *m, char **err)
{
	struct source *src;
	struct delivered d;
	struct dlv_header *h;
	GMimeMessage *msg = NULL, *other;
	const char *name;
	struct stat st;
	struct source_fail fail;
	size_t idx, n;
	int rv = MX_EXIT_DATAERR, got, more;
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
	h = dlvmsg_headers(msg, &n);
	memset(&d, 0, sizeof(d));
	if (delivered_analyse(h, n, NULL, &d) != 0)
		*err = xasprintf("%s: no Received: header, so it does not say which IP sent it "
		    "(save the message with all its headers, as received)", path);
	else {
		snprintf(m->ip, sizeof(m->ip), "%s", d.sending_ip);
		if (d.path.boundary >= 0 &&
		    (size_t)d.path.boundary < d.path.nhops)
			snprintf(m->helo, sizeof(m->helo), "%s",
			    d.path.hops[d.path.boundary].r.helo);
		snprintf(m->dkim_domain, sizeof(m->dkim_domain), "%s", d.dkim_domain);
		snprintf(m->dkim_selector, sizeof(m->dkim_selector), "%s", d.dkim_selector);
		snprintf(m->from_domain, sizeof(m->from_domain), "%s", d.from_domain);
		rv = 0;
	}
	delivered_free(&d);
	free(h);
	g_object_unref(msg);
out:
	source_close(src);
	explain_shutdown();
	return rv;
}
