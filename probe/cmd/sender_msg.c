/*
 * sender_msg.c - read the sending side out of a message the user received
 * from their own server (or a bounce that quotes one): the first message
 * of FILE through explain's source reader (GMime), its headers through
 * delivered_analyse(): the IP the receiving side recorded, the HELO of
 * that hop, the DKIM-Signature's d= and s=, the From: domain.  A file
 * that holds no message, or one without a Received: header, is a data
 * error (65, as explain says of it); one that cannot be opened, 66.
 *
 * Public: sender_msg_read.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/exitcode.h"
#include "base/util.h"
#include "cmd/sender_msg.h"
#include "explain/delivered.h"
#include "explain/dlvmsg.h"
#include "explain/explain.h"
#include "explain/source.h"

int
sender_msg_read(const char *path, struct sender_msg *m, char **err)
{
	struct source *src;
	struct delivered d;
	struct dlv_header *h;
	GMimeMessage *msg = NULL;
	const char *name;
	size_t idx, n;
	int rv = MX_EXIT_DATAERR, got, content = 0;

	memset(m, 0, sizeof(*m));
	*err = NULL;
	explain_init();
	/* as explain: read but no message in it is the data's fault (65),
	 * not opened or not read is 66 */
	if ((src = source_open_why(path, err, &content)) == NULL) {
		explain_shutdown();
		return content ? MX_EXIT_DATAERR : MX_EXIT_NOINPUT;
	}
	got = source_next(src, &msg, &name, &idx, err);
	if (got <= 0) {
		if (*err == NULL)
			*err = xasprintf("%s: no message in it", path);
		goto out;
	}
	h = dlvmsg_headers(msg, &n);
	memset(&d, 0, sizeof(d));
	if (delivered_analyse(h, n, NULL, &d) != 0)
		*err = xasprintf("%s: no Received: header, so it does not say which IP sent it "
		    "(save the message with all its headers, as received)", path);
	else {
		snprintf(m->ip, sizeof(m->ip), "%s", d.sending_ip);
		if (d.path.boundary >= 0 && (size_t)d.path.boundary < d.path.nhops)
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
