/*
 * provider.h - who sends for a domain: its MX hosts, its SPF includes and
 * the sending IPs' PTR names matched against a documented data file
 * (data/providers.json): a mail provider, or shared web hosting (the
 * mailbox that comes with a website: one spamming neighbour gets the
 * server's IP blocklisted).  Pure.
 */
#ifndef MXTRACE_PROVIDER_H
#define MXTRACE_PROVIDER_H

#include <stdbool.h>
#include <stddef.h>

#define PROVIDERS_MAX		64	/* providers read from the data file */
#define PROVIDER_NAMES_MAX	32	/* suffixes or words per kind of evidence */

struct provider {
	char	*name;			/* owned */
	bool	 shared_hosting;
	char	*mx[PROVIDER_NAMES_MAX], *spf[PROVIDER_NAMES_MAX], *ptr[PROVIDER_NAMES_MAX];
	char	*ptr_words[PROVIDER_NAMES_MAX];	/* owned; words in a PTR's host part */
	size_t	 nmx, nspf, nptr, nwords;
};

struct provider_set {
	struct provider	 v[PROVIDERS_MAX];
	size_t		 n;
};

bool		 provider_load(const char *path, struct provider_set *, char **err);
void		 provider_free(struct provider_set *);

/* What a run saw; each kind of name may be empty. */
struct provider_evidence {
	const char *const *mx;		size_t nmx;
	const char *const *spf;		size_t nspf;	/* include: domains */
	const char *const *ptr;		size_t nptr;
};

/*
 * The best match (the provider with most matching names; shared hosting
 * wins a tie), NULL when none; *why gets the first evidence ("MX
 * aspmx.l.google.com").
 */
const struct provider *provider_identify(const struct provider_set *,
		    const struct provider_evidence *, char *why, size_t whylen);

#endif
