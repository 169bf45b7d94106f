/*
 * mtasts.h - MTA-STS (RFC 8461) and SMTP TLS reporting (RFC 8460) as
 * pure parsers: the _mta-sts TXT record, the policy file fetched over
 * HTTPS, the mx pattern match, and the _smtp._tls TXT record.  No I/O:
 * engine/policy.c asks DNS and net/https.c fetches.
 */
#ifndef MXTRACE_MTASTS_H
#define MXTRACE_MTASTS_H

#include <stdbool.h>
#include <stddef.h>

#include "base/util.h"

#define MTASTS_POLICY_MAX	65536	/* bytes of a policy file (RFC 8461 3.3: 64 KB) */
#define MTASTS_MX_MAX		64	/* mx patterns kept */
#define MTASTS_MAX_AGE_MAX	31557600	/* RFC 8461 3.2: one year */

enum mtasts_mode {
	MTASTS_NONE,
	MTASTS_TESTING,
	MTASTS_ENFORCE,
};

struct mtasts_policy {
	enum mtasts_mode mode;
	long		 max_age;	/* seconds */
	struct strlist	 mx;		/* patterns, lowercase, no trailing dot */
	size_t		 mx_dropped;	/* patterns beyond MTASTS_MX_MAX */
	struct strlist	 notes;		/* odd but accepted: unknown keys, LF endings ... */
};

/*
 * The TXT record at _mta-sts.DOMAIN: "v=STSv1; id=...".  0 and the id
 * (owned) when it is one, -1 with *err (static) when not.
 */
int	mtasts_txt_parse(const char *txt, size_t len, char **id, const char **err);
/*
 * A policy file (RFC 8461 3.2): 0 with p filled (free with
 * mtasts_policy_free), -1 with *err (owned) when it is not a valid policy.
 */
int	mtasts_policy_parse(const char *text, size_t len, struct mtasts_policy *p,
	    char **err);
void	mtasts_policy_free(struct mtasts_policy *);
/* Whether mx_host matches one of the policy's patterns (RFC 8461 4.1). */
bool	mtasts_mx_match(const struct mtasts_policy *, const char *mx_host);
const char *mtasts_mode_name(enum mtasts_mode);
/*
 * The TXT record at _smtp._tls.DOMAIN: "v=TLSRPTv1; rua=URI[,URI]".  0
 * with the report URIs added to rua (printable ASCII only), -1 with *err.
 */
int	tlsrpt_txt_parse(const char *txt, size_t len, struct strlist *rua,
	    const char **err);

#endif
