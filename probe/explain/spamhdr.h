/*
 * spamhdr.h - the spam filters' own headers, read into one signal each:
 * SpamAssassin (X-Spam-Status, X-Spam-Flag, X-Spam-Score), rspamd
 * (X-Spamd-Result, X-Rspamd-Action, X-Spam), Microsoft 365
 * (X-Forefront-Antispam-Report, X-Microsoft-Antispam,
 * X-MS-Exchange-Organization-SCL), Gmail (X-Gmail-Labels in a Takeout
 * export), Yahoo (X-YahooFilteredBulk), Aliyun (X-Alimail-AntiSpam), and
 * the undocumented encoded headers of QQ/Exmail and NetEase Coremail.
 * What every header, field and rule means, with its source:
 * docs/delivered-headers.md.
 */
#ifndef MXTRACE_SPAMHDR_H
#define MXTRACE_SPAMHDR_H

#include <stdbool.h>
#include <stddef.h>

#include "base/limits.h"
#include "explain/cause.h"
#include "explain/received.h"

enum spam_verdict {
	SPAM_UNKNOWN,
	SPAM_INBOX,
	SPAM_SPAM,
	SPAM__LAST
};

#define SPAM_RULE_NAME_MAX	48
#define SPAM_CAUSES_MAX		8

/* One filter rule that fired: SpamAssassin test or rspamd symbol. */
struct spam_rule {
	char		 name[SPAM_RULE_NAME_MAX];
	bool		 has_score;
	double		 score;
	int		 cause;		/* enum cause, -1 when it names none */
	const char	*desc;		/* static English description, or NULL */
};

struct spam_signal {
	const char	*source;	/* static: "SpamAssassin", "Microsoft 365"... */
	const char	*header;	/* static: the header's usual spelling */
	enum spam_verdict verdict;
	bool		 has_score;
	double		 score;
	bool		 has_required;
	double		 required;	/* the filter's spam threshold, or: */
	bool		 required_rejects; /* required is the score the server rejects at (rspamd's second number), not where it calls a message spam */
	char		 detail[256];	/* the fields that matter, as written: "SCL:5 SFV:SPM CAT:SPM" */
	char		 ip[RCVD_IP_MAX];	/* the connecting IP, when the header says it */
	char		 ptr[RCVD_HOST_MAX];	/* its reverse DNS name, when said */
	bool		 ptr_said;		/* the header has a PTR field (maybe empty) */
	int		 causes[SPAM_CAUSES_MAX];	/* from the header's fields (not rules) */
	size_t		 ncauses;
	struct spam_rule rules[SPAM_RULES_MAX];
	size_t		 nrules;
	bool		 truncated;	/* more rules or bytes than kept */
	bool		 control;	/* control characters in the value */
};

const char	*spam_verdict_name(enum spam_verdict);

/* True when name (case-insensitive) is a header spamhdr_parse() reads. */
bool		 spamhdr_known(const char *name);

/*
 * Read one header.  Returns 0 with *sig filled when name is known and its
 * value says anything, -1 otherwise (*sig zeroed).
 */
int		 spamhdr_parse(const char *name, const char *value, size_t len,
		    struct spam_signal *sig);

/* What a SpamAssassin test or rspamd symbol means (spamrules.c). */
struct spam_rule_info {
	const char	*name;		/* exact, or a prefix ending in '*' */
	int		 cause;		/* enum cause, -1: names no cause */
	const char	*desc;
};
/* NULL for a rule the table does not know. */
const struct spam_rule_info *spamrules_find(const char *name);
/* The i-th row of the table, NULL past the end (for docs and tests). */
const struct spam_rule_info *spamrules_row(size_t i);

#endif
