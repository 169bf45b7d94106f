/*
 * session.c - the SMTP client session state machine (placeholder: ends
 * every session at once with SESSION_CONNECT_FAILED until the engine lands).
 */
#include <stdlib.h>

#include "session.h"

struct session {
	int	unused;
};

struct session *
session_start(struct event_base *base, const struct session_config *cfg,
    const char *mx_host, const struct mx_addr *addr,
    const char *const *rcpts, size_t n, const struct session_cb *cb, void *arg)
{
	(void)base; (void)cfg; (void)mx_host; (void)addr; (void)rcpts;
	(void)n; (void)cb; (void)arg;
	return xcalloc(1, sizeof(struct session));
}

void
session_abort(struct session *s, bool polite)
{
	(void)polite;
	free(s);
}

const char *
session_local_ip(const struct session *s)
{
	(void)s;
	return NULL;
}
