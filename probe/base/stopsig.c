/*
 * stopsig.c - see stopsig.h.
 *
 * Public: stopsig_heeded, stopsig_early_exit.
 */
#include <errno.h>
#include <signal.h>
#include <stddef.h>
#include <string.h>
#include <unistd.h>

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

/* What stopsig_early says and the status it ends with: set before the
 * handlers, read only by them; whether they are set. */
static const char *stopsig_int_msg, *stopsig_term_msg;
static size_t stopsig_int_len, stopsig_term_len;
static int stopsig_status;
static const int stopsig_sigs[2] = { SIGINT, SIGTERM };
static bool stopsig_early_set[2];	/* stopsig_sigs[i]'s is set */

/* Only async-signal-safe calls: write(2) and _exit(2). */
static void
stopsig_early(int sig)
{
	const char *p = sig == SIGINT ? stopsig_int_msg : stopsig_term_msg;
	size_t len = sig == SIGINT ? stopsig_int_len : stopsig_term_len;
	ssize_t n;

	while (len > 0) {
		if ((n = write(STDERR_FILENO, p, len)) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		p += n;
		len -= (size_t)n;
	}
	_exit(stopsig_status);
}

void
stopsig_early_exit(const char *on_int, size_t int_len, const char *on_term,
    size_t term_len, int status)
{
	struct sigaction sa;
	size_t i;

	stopsig_int_msg = on_int;
	stopsig_int_len = int_len;
	stopsig_term_msg = on_term;
	stopsig_term_len = term_len;
	stopsig_status = status;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = stopsig_early;
	sigfillset(&sa.sa_mask);	/* the one message, not two at once */
	for (i = 0; i < 2; i++)
		if (stopsig_heeded(stopsig_sigs[i]))
			stopsig_early_set[i] =
			    sigaction(stopsig_sigs[i], &sa, NULL) == 0;
}

void
stopsig_early_off(void)
{
	struct sigaction sa;
	size_t i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_DFL;
	for (i = 0; i < 2; i++)
		if (stopsig_early_set[i]) {
			(void)sigaction(stopsig_sigs[i], &sa, NULL);
			stopsig_early_set[i] = false;
		}
}
