/*
 * stopsig.h - whether a command may take SIGINT or SIGTERM as "stop": the
 * one home for that decision.  A signal the parent left ignored stays
 * ignored for the whole run (the Unix convention of shells, make and
 * Postfix: "if (signal(SIGINT, SIG_IGN) != SIG_IGN) ..."): a shell
 * without job control starts its background commands with SIGINT ignored,
 * and a Ctrl-C meant for the shell must not stop them; a parent that
 * ignores SIGTERM for its child means it too.
 */
#ifndef MXTRACE_STOPSIG_H
#define MXTRACE_STOPSIG_H

#include <stdbool.h>

/*
 * True when sig (SIGINT or SIGTERM) may get a handler: its disposition is
 * not SIG_IGN.  Ask before installing one (after, it sees the handler).
 */
bool		 stopsig_heeded(int sig);

#endif
