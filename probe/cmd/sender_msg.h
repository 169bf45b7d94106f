/*
 * sender_msg.h - `mxtrace sender --message FILE`: what a received message
 * says about our sending set-up (the IP and HELO the receiver saw, the
 * DKIM signature's d= and s=), read with explain's delivered-message
 * analysis.
 */
#ifndef MXTRACE_SENDER_MSG_H
#define MXTRACE_SENDER_MSG_H

#include <stdbool.h>
#include <stddef.h>

struct sender_msg {
	char	ip[64];		/* "" when the headers do not say */
	char	helo[256];
	/* the computer of a Sent-folder copy's only hop (ip then ""), "" */
	char	client_ip[64];
	char	client_helo[256];
	char	dkim_domain[256];
	char	dkim_selector[128];
	char	from_domain[256];
	/* a signature's d= is From:'s organisational domain (RFC 7489
	 * 3.1.1, relaxed): false with only a provider's signature */
	bool	dkim_aligned;
	/* a person's forward that quotes a message in its text (explain's
	 * inline forward): every field above is the forward's own */
	bool	inline_forward;
	/* ip and helo are a computer's that handed it straight to the
	 * recipient's server, direct_by (no mail server of ours between:
	 * bulk-mail software on a PC) */
	bool	direct;
	char	direct_by[256];
};

/*
 * 0, or the exit status (base/exitcode.h) with *err (owned): 66 the file
 * cannot be opened or read, 65 it holds no message, the message no
 * Received: header, or it is a bounce whose copy of our message (if any)
 * does not show the IP it was sent from.
 */
int	sender_msg_read(const char *path, struct sender_msg *, char **err);

#endif
