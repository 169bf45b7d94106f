/*
 * classify_int.h - what the files of the reply classifier share, inside
 * meaning/ only: the providers it knows, the shape of an outcome and of
 * each rule table, the macros the tables are written with, the tables
 * (with their lengths) and the helpers more than one file uses.  Callers
 * outside meaning/ use classify.h.
 */
#ifndef MXTRACE_CLASSIFY_INT_H
#define MXTRACE_CLASSIFY_INT_H

#include <stddef.h>

#include "meaning/classify.h"
#include "meaning/replycode.h"
#include "base/memfind.h"

enum provider {
	PROV_ANY,
	PROV_GOOGLE,
	PROV_MICROSOFT,
	PROV_YAHOO,
	PROV_MIMECAST,
	PROV_PROOFPOINT,
	PROV_COX,
	PROV_GODADDY,
	PROV_MESSAGELABS,
	PROV_ZOHO,
	PROV_AOL,
	PROV_NETEASE,
	PROV_TENCENT,
	PROV_UNITED_INTERNET,
	PROV_TONLINE,
};

/*
 * Which rule table decided: the stage adjustments trust text more than codes.
 */
enum source {
	SRC_PROVIDER,
	SRC_CUE,
	SRC_ENHANCED,
	SRC_WEAK,
	SRC_FALLBACK,
};

struct outcome {
	enum verdict	verdict;	/* VERDICT__LAST: the rule does not apply */
	enum reason	reason;
};

/* What a rule means for a permanent (5xx) and for a transient (4xx) reply. */
struct rule_out {
	struct outcome	perm;
	struct outcome	temp;
};

#define O(v, r)		{ VERDICT_##v, REASON_##r }
#define NOPE		{ VERDICT__LAST, REASON__LAST }
/* 5xx blocked, 4xx temporary, same reason */
#define REFUSED(r)	{ O(BLOCKED, r), O(TEMPORARY, r) }
/* temporary whatever the class */
#define ALWAYS_TEMP(r)	{ O(TEMPORARY, r), O(TEMPORARY, r) }
/* only a 4xx matches */
#define ONLY_4XX(r)	{ NOPE, O(TEMPORARY, r) }
/* a definite answer about the mailbox on 5xx; a 4xx says nothing about it */
#define MAILBOX(v, r)	{ O(v, r), O(TEMPORARY, TEMPORARY_OTHER) }
/*
 * the server's words of the domain's DNS answer: on a 4xx a temporary
 * answer still names what the lookup found (never a definite no)
 */
#define DOMAIN_WORDS(r)	{ O(NO_MAIL_DOMAIN, r), O(TEMPORARY, r) }
#define CUES(...)	((const char *const[]){ __VA_ARGS__, NULL })
/* a cue of two parts, the second after the first (base/memfind.h) */
#define PAIR(a, b)	MEMFIND_PAIR(a, b)
/* a provider rule with no finer reason for a bounce (never a failure's) */
#define NO_FINER	REASON_ACCEPTED

/*
 * QQ Mail's "550 Mailbox unavailable or access denied" (lowered): its
 * senders' help (smtp.codes/qq; the Chinese bulk-mail guides quoting
 * Tencent's table) gives it for a recipient sent a large number of mails
 * in a short time, to which mail is stopped for a while; QQ also answers
 * unknown and refused mailboxes with it (test/explain/chinese/README.md).
 */
#define QQ_UNAVAILABLE	"mailbox unavailable or access denied"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/*
 * Provider-specific meanings.  subject < 0: any (or no) enhanced code;
 * otherwise the enhanced code's subject and a detail range.  cues (may be
 * NULL) must also match the text.  finer is what a bounce
 * reads more finely than a probe (classify_bounce), as the provider's page
 * names it (NO_FINER: none); with one, no other refinement applies.
 */
struct provider_rule {
	enum provider		 provider;
	int			 subject, dlo, dhi;
	const char *const	*cues;
	struct rule_out		 out;
	enum reason		 finer;		/* NO_FINER: none */
};

/* Any of cues (cue_text()'s form) in the text: out. */
struct cue_rule {
	const char *const	*cues;
	struct rule_out		 out;
};

/* An enhanced code's subject and detail range at stage (STAGE__LAST: any). */
struct enhanced_rule {
	enum stage	 stage;
	int		 subject, dlo, dhi;
	struct rule_out	 out;
};

/* A reply code range at stage (STAGE__LAST: any). */
struct fallback_rule {
	enum stage	stage;
	int		lo, hi;
	struct outcome	out;
};

/* provider_rules.c */
extern const struct provider_rule	provider_rules[];
extern const size_t			provider_rules_len;
enum provider	provider_of(const char *host);

/* cue_rules.c */
extern const char *const		greylist_words[];
extern const char *const		virus_words[];
extern const char *const		virus_filter_words[];
extern const char *const		clamav_categories[];
extern const char *const		sender_day_words[];
extern const char *const		sender_short_words[];
extern const char *const		malformed_cmd_words[];
extern const char *const		tencent_rate_words[];
extern const char *const		geo_block_words[];
extern const char *const		send_mail_as_words[];
extern const char *const		ip_unknown_rcpt_words[];
extern const struct cue_rule		cue_rules[], data_rules[], weak_rules[];
extern const size_t			cue_rules_len, data_rules_len,
					weak_rules_len;

/* code_rules.c */
extern const struct enhanced_rule	enhanced_rules[];
extern const size_t			enhanced_rules_len;
extern const struct fallback_rule	fallback_rules[];
extern const size_t			fallback_rules_len;

/*
 * A reply's cue text (cue_text()) prepared for the cue searches, made
 * once per reply: classify_bounce() refines what classify_src() found
 * with the same text.  masked NULL: not made yet.  coded: replycode_find()
 * on it was 1 (rc filled) or 0, -1 not asked yet.  prule: the provider
 * rule that decided, NULL if none.
 */
struct cue_view {
	char			*masked;
	size_t			 mlen;
	struct memfind_text	 mt;
	int			 coded;
	struct replycode	 rc;
	const struct provider_rule *prule;
};

/* cue_text.c: v->masked and v->mt made from text, once (masked NULL). */
void	cue_view_make(struct cue_view *v, const char *text, size_t textlen);

/* classify.c */
size_t	classify_find_ci(const char *hay, size_t hlen, const char *needle,
	    size_t *end);
int	classify_cues_match(const char *const *cues,
	    const struct memfind_text *text);
int	classify_enhanced_split(const char *e, int cls, int *subject,
	    int *detail);
const struct outcome *classify_pick(const struct rule_out *o, int cls);
int	classify_mailbox_reason(enum reason r);
void	classify_src(enum stage stage, int code, const char *enhanced,
	    const char *text, size_t textlen, const char *mx_host,
	    struct classification *out, enum source *srcp, struct cue_view *v);

static inline int
ascii_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static inline int
is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

#endif
