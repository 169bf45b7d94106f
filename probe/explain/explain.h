/*
 * explain.h - `mxtrace explain`: what a received message says about mail
 * the user sent.  One message in (a GMimeMessage, from any input form:
 * source.h), one result out (one for each bounce a person's forward
 * attaches): its kind, the original message it is about, and per
 * recipient what the reporting server said and what it means.
 *
 * Readers: each kind of message is recognised by one reader, a function in
 * a file of its own, listed in the table in explain.c.  The first reader
 * that recognises the message fills the result; nothing recognised gives
 * kind not_a_bounce.  To add a kind (issue 13: delivered_message), add the
 * enum value and its name here, write the reader in its own file, and add
 * one line to the table; a reader may hang its own JSON fields on
 * result->extra and a terminal printer on result->print_extra.
 *
 * Meaning: readers only extract (address, code, enhanced code, text,
 * hosts).  explain_finish() classifies every recipient with the one
 * classifier (meaning/classify.c) at the data stage, for the bounce
 * audience of the catalogue.
 */
#ifndef MXTRACE_EXPLAIN_H
#define MXTRACE_EXPLAIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <gmime/gmime.h>
#include <jansson.h>

#include "base/limits.h"
#include "base/util.h"
#include "base/wrap.h"
#include "meaning/catalog.h"
#include "meaning/verdict.h"

/* JSON names in explain.c (kind_names): never rename. */
enum explain_kind {
	EXPLAIN_FAILURE,		/* at least one recipient failed */
	EXPLAIN_DELAYED,		/* still trying, nothing failed yet */
	EXPLAIN_DELIVERED,		/* a delivery (or relay) notice */
	EXPLAIN_AUTO_REPLY,		/* RFC 3834: out of office and the like */
	EXPLAIN_FEEDBACK,		/* RFC 5965 ARF: a complaint about us */
	EXPLAIN_NOT_A_BOUNCE,		/* none of the above */
	EXPLAIN_DELIVERED_MESSAGE,	/* a delivered message's own headers (issue 13) */
	EXPLAIN_FORWARD_UNREAD,		/* no bounce among the messages read, more left unread */
	EXPLAIN_KIND__LAST
};

/* What a recipient's line in the report said (RFC 3464 names). */
enum explain_action {
	ACTION_NONE,			/* not stated: treated as failed */
	ACTION_FAILED,
	ACTION_DELAYED,
	ACTION_DELIVERED,
	ACTION_RELAYED,
	ACTION_EXPANDED,
	ACTION__LAST
};

/* The original message the report is about (from its returned copy). */
struct explain_original {
	char	*subject;	/* decoded to UTF-8; every field may be NULL */
	char	*from;
	char	*to;
	char	*date;
	char	*message_id;
};

struct explain_rcpt {
	/* extracted by a reader; every string owned, may be NULL */
	char		*address;	/* Final-Recipient, or from the text */
	char		*original;	/* Original-Recipient */
	enum explain_action action;
	char		 enhanced[ENHANCED_MAX];	/* Status, "" when none */
	int		 code;		/* SMTP reply code, 0 when none */
	char		*text;		/* the remote server's words (Diagnostic-Code) */
	char		*remote_mta;
	char		*last_attempt;
	char		*will_retry_until;
	enum stage	 stage;		/* STAGE_DATA unless the text says otherwise */
	int		 stage_said;	/* the text named the command (stage) */
	int		 program;	/* delivered to a program (a pipe): its words are a mailer's */
	int		 unreadable;	/* its address held a control character: none */
	/* decided by explain_finish() */
	enum verdict	 verdict;
	enum reason	 reason;
	enum reason	 delay_reason;	/* delayed: what its reply says holds it up, else REASON__LAST */
	enum side	 side;
	char		 blocklist[128];
};

/*
 * What the reader that decided took from the message's text: a cut text
 * (EXPLAIN_TEXT_MAX) is said only where it could hide something, in
 * words that say what.
 */
enum text_role {
	TEXT_ROLE_RECIPIENTS,	/* the recipients themselves (most readers) */
	TEXT_ROLE_REPLIES,	/* a report's fields named them; the text gave replies or commands they lacked */
	TEXT_ROLE_NONE,		/* a report's fields said all: the text was not read */
};

struct explain_result {
	enum explain_kind	 kind;
	char			*reporting_mta;
	char			*format;	/* the reader and system recognised ("dsn", "qmail", ...) */
	char			*feedback_type;	/* ARF Feedback-Type */
	/* what else a complaint (ARF, RFC 5965 3.2) names, often all it names
	 * when a provider hides who complained; owned, each may be NULL */
	char			*source_ip;	/* Source-IP: the server it came from */
	char			*mail_from;	/* Original-Mail-From (an address) */
	char			*arrival_date;	/* Arrival-Date (or Received-Date) */
	char			*reported_domain; /* the first Reported-Domain */
	char			*date;		/* the report's own Date: (not a forward's) */
	struct explain_original	 original;
	struct explain_rcpt	*rcpts;
	size_t			 nrcpts;
	size_t			 rcpts_dropped;	/* beyond EXPLAIN_RCPTS_MAX */
	size_t			 fields_dropped; /* header fields not read */
	int			 text_cut;	/* text past EXPLAIN_TEXT_MAX not read, and the reader needed it */
	enum text_role		 text_role;	/* what the reader took from the text */
	/* a bounce read from a forward (attached to it, or to a forward it
	 * attaches): its place among the bounces read from that message
	 * (1-based) and how many they are; 0 and 0 for a message read itself */
	size_t			 attachment;
	size_t			 attachments;
	size_t			 attached_unread; /* messages attached past EXPLAIN_ATTACHED_MAX, those nested in them included */
	int			 attached_floor;	/* attached_unread is a floor: more were not counted */
	struct strlist		 notes;		/* what was odd about the input */
	/* a reader's own fields, merged into the JSON object; owned */
	json_t			*extra;
	void			(*print_extra)(FILE *, const struct wrap_out *,
				    const struct explain_result *, enum lang);
};

/* Once per process, before any other call (calls g_mime_init). */
void		 explain_init(void);
void		 explain_shutdown(void);

/* The records one message gives: itself, or each bounce it forwards. */
struct explain_records {
	struct explain_result	*r;	/* owned, n of them, n >= 1 */
	size_t			 n;
};

/*
 * Read one message into out (zeroed by the call): run the readers, then
 * explain_finish() on each record.  A person's forward of bounces
 * (attached, message/rfc822) gives one record per bounce, in the order
 * they are attached (a forward attached to it: its own, in its place),
 * at most EXPLAIN_ATTACHED_MAX messages read; any other message one.
 * Never fails: an unrecognised message is not_a_bounce.
 */
void		 explain_message(GMimeMessage *, struct explain_records *out);
void		 explain_records_free(struct explain_records *);
/* Classify every recipient and set the kind from their actions. */
void		 explain_finish(struct explain_result *);
void		 explain_result_free(struct explain_result *);

/*
 * A new recipient at the end of r's list; NULL past EXPLAIN_RCPTS_MAX
 * (counted).
 */
struct explain_rcpt *explain_rcpt_add(struct explain_result *);

/* Free a recipient's strings and zero it. */
void		 explain_rcpt_clear(struct explain_rcpt *);
/* Set the stage a text named (STAGE__LAST: none named, the data stage). */
void		 explain_rcpt_stage(struct explain_rcpt *, enum stage);

/*
 * The note that some of the message's header fields were not read (past
 * EXPLAIN_HDRBLOCK_MAX of its header block), in l (owned); NULL when all
 * were.
 */
char		*explain_fields_note(const struct explain_result *, enum lang l);
/*
 * The note that the message's text was longer than EXPLAIN_TEXT_MAX and
 * only its start was read (recipients it names past that are not counted),
 * in l (owned); NULL when it was read whole.
 */
char		*explain_text_note(const struct explain_result *, enum lang l);
/*
 * The note that a forward attaches more messages than EXPLAIN_ATTACHED_MAX
 * and how many were not read, in l (owned); NULL when none was left.
 */
char		*explain_attached_note(const struct explain_result *,
		    enum lang l);

const char	*explain_kind_name(enum explain_kind);
int		 explain_kind_from_name(const char *);
const char	*explain_action_name(enum explain_action);
/* RFC 3464 action-value, case-insensitive; ACTION_NONE when unknown. */
enum explain_action explain_action_parse(const char *, size_t);

/*
 * The address in "rfc822; <a@b>" or "<a@b>" or "a@b": owned, NULL when
 * there is none.  Bounded by EXPLAIN_FIELD_MAX.  The first ASCII address;
 * without one, the first with UTF-8 in it (RFC 6531: "utf-8; 张伟@例子.公司",
 * utf8addr.h).
 */
char		*explain_address(const char *s, size_t len);
/*
 * Whether the word around the '@' at s[at] holds a terminal control
 * character (ISO 2022 charset escapes are none): an address written but
 * not to be read.
 */
bool		 explain_word_unreadable(const char *s, size_t len,
		    size_t at);
/*
 * Whether the first word of s[0..len), past blanks, holds an '@' and a
 * terminal control character (explain_word_unreadable).
 */
bool		 explain_lead_unreadable(const char *s, size_t len);

#endif
