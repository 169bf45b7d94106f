/*
 * replycode.h - the codes some providers write into their refusals and
 * document, each with its cause: Orange's and La Poste's "OFR005_505",
 * "LPN007_416", Cox's "AUP#CXBL", Spectrum's "AUP#I-1000", GoDaddy's
 * "IB212", i.ua's "mail.i.ua/err/2/", Facebook's "RCP-P1",
 * Outlook.com's "SC-001", Comcast's "BL000001" and Sophos Email's
 * "XGEMAIL_0004".  The code
 * names the cause more exactly than any words beside it, so the
 * classifier (classify.c) lets it decide.
 */
#ifndef MXTRACE_REPLYCODE_H
#define MXTRACE_REPLYCODE_H

#include <stddef.h>

#include "meaning/verdict.h"

struct replycode {
	enum verdict	verdict;
	enum reason	reason;
	/*
	 * what a bounce says more finely (bad_reputation, ...; a mailbox
	 * code's own cause in a 4xx, whose reason is temporary_other), else
	 * reason
	 */
	enum reason	finer;
};

/*
 * Find a documented provider code in text, which must be in lower case
 * (cue_text.c's cue text); cls is the reply's class (4 or 5).  1 and *out
 * filled when one is found, else 0.
 */
int	replycode_find(const char *text, size_t len, int cls,
	    struct replycode *out);

#endif
