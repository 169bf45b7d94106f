/*
 * stopsig.c - see stopsig.h.
 *
 * Public: stopsig_heeded.
 */
#include <signal.h>
#include <stddef.h>

#include "base/stopsig.h"

/*
 * Read, not set: a new program starts with each signal at its default or
 * ignored (exec keeps only SIG_IGN), so SIG_IGN here is the parent's.
 */
bool
stopsig_heeded(int sig)
{
	struct sigaction old;

	if (sigaction(sig, NULL, &old) != 0)
		return true;	/* not a signal one can ignore: nothing to keep */
	return old.sa_handler != SIG_IGN;
}
