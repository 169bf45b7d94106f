/*
 * hostsig.h - what a reply says about the session or the host rather than
 * about the address it answered: "reconnect now" (postscreen), "too many
 * errors in this session" (Postfix's hard error limit), "too many
 * recipients in this transaction".  Such a reply is never an address's
 * verdict; the engine acts on the signal and asks again.
 */
#ifndef MXTRACE_HOSTSIG_H
#define MXTRACE_HOSTSIG_H

#include <stdbool.h>
#include <stddef.h>

enum hostsig {
	HOSTSIG_NONE,		/* an ordinary reply: about the address */
	HOSTSIG_RECONNECT,	/* postscreen's 450 4.3.2 after its tests: come again */
	HOSTSIG_TOO_MANY_ERRORS,/* 421 ... too many errors: the session's error budget */
	HOSTSIG_TOO_MANY_RCPTS,	/* 452 / 4.5.3: fewer recipients per transaction */
};

/* The signal in a reply to RCPT (or any command after the greeting). */
enum hostsig	hostsig_of(int code, const char *enhanced, const char *text,
		    size_t textlen);
/*
 * Does the reply that ended a session ask the client to slow down (any
 * 421, or a 4xx that says "too many": connections, sessions, messages)?
 * The politeness gate then backs off that host.  code 0: no reply.
 */
bool		hostsig_slow_down(int code, const char *text, size_t textlen);

#endif
