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
/*
 * Until stopsig_early_off, a heeded SIGINT or SIGTERM writes its message to stderr's descriptor
 * (on_int, on_term: bytes as stderr writes them, termcs_bytes; borrowed,
 * kept for the rest of the run) and ends the program at once with status.
 * For a stretch before anything is written, where there is nothing to
 * finish politely or keep, but where the default action would end the
 * program without a word and with no documented status.  A signal the
 * parent left ignored stays ignored.
 */
void		 stopsig_early_exit(const char *on_int, size_t int_len,
		    const char *on_term, size_t term_len, int status);
/*
 * stopsig_early_exit's handlers taken back: the default action again (one
 * the parent left ignored stays ignored).  Call it with the signals blocked
 * when the command sets handlers of its own: the handlers it sets aside
 * and puts back at their end (libevent's) must not be the early ones.
 */
void		 stopsig_early_off(void);

#endif
