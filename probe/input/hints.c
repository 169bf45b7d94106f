/*
 * hints.c - role accounts, disposable domains and provider typos, from
 * three data files (in data/ of the source tree; each one's header says
 * what it holds and how to update it):
 *   role-accounts.txt       local parts such as info, sales, admin
 *   disposable-domains.txt  throw-away mail domains (a subdomain counts)
 *   provider-domains.txt    big providers' domains, for typo suggestions
 * The lists are loaded once, sorted and searched by bsearch.  A domain
 * outside the provider list gets a suggestion when exactly one provider
 * is nearest and within the distance the file documents (1 for up to 7
 * characters, 2 above).
 *
 * Public: hints_init, hints_free, hints_of, hints_parse_list,
 * hints_distance.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/syserr.h"
#include "base/vtab.h"
#include "input/hints.h"

#ifndef MXTRACE_DATADIR
#define MXTRACE_DATADIR	"/usr/local/share/mxtrace"
#endif

enum { HINTS_ROLE, HINTS_DISPOSABLE, HINTS_PROVIDER, HINTS__LAST };

static const char *const hints_files[HINTS__LAST] = {
	"role-accounts.txt", "disposable-domains.txt", "provider-domains.txt",
};

static struct strlist	hints_lists[HINTS__LAST];
static bool		hints_loaded;
/*
 * hints_typo's answer by domain: a list repeats each domain, and the
 * distance to every provider domain was a few per cent of verify's CPU.
 * Values point into hints_lists (or at hints_no_typo); emptied when it
 * reaches HINTS_TYPO_MEMO_MAX domains, so it stays bounded.
 */
#define HINTS_TYPO_MEMO_MAX	65536
static struct vtab	hints_typo_memo;
static char		hints_no_typo;

static int
hints_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void
hints_parse_list(const char *buf, size_t len, struct strlist *out)
{
	const char *p = buf, *e = buf + len, *nl;
	char entry[HINTS_ENTRY_MAX + 1];
	size_t n, i;

	while (p < e) {
		nl = memchr(p, '\n', (size_t)(e - p));
		n = nl != NULL ? (size_t)(nl - p) : (size_t)(e - p);
		while (n > 0 && (p[n - 1] == '\r' || p[n - 1] == ' ' ||
		    p[n - 1] == '\t'))
			n--;
		while (n > 0 && (*p == ' ' || *p == '\t')) {
			p++;
			n--;
		}
		if (n > 0 && n <= HINTS_ENTRY_MAX && *p != '#' &&
		    memchr(p, '\0', n) == NULL) {
			for (i = 0; i < n; i++)
				entry[i] = (p[i] >= 'A' && p[i] <= 'Z') ?
				    (char)(p[i] - 'A' + 'a') : p[i];
			entry[n] = '\0';
			strlist_add(out, entry);
		}
		if (nl == NULL)
			break;
		p = nl + 1;
	}
	if (out->n > 1)
		qsort(out->v, out->n, sizeof(*out->v), hints_cmp);
}

/* The folder that holds the data files, owned; NULL when none does. */
static char *
hints_dir(void)
{
	static const char *const up[] = { "/data", "/../data", "/../../data",
	    "/../../../data" };
	char exe[4096], *d, *probe, *slash;
	const char *env = getenv("MXTRACE_DATADIR");
	ssize_t n;
	size_t i;
	bool ok;

	if (env != NULL && *env != '\0')
		return xstrdup(env);
	if ((n = readlink("/proc/self/exe", exe, sizeof(exe) - 1)) > 0) {
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL)
			*slash = '\0';
		for (i = 0; i < sizeof(up) / sizeof(up[0]); i++) {
			d = xasprintf("%s%s", exe, up[i]);
			probe = xasprintf("%s/%s", d, hints_files[0]);
			ok = access(probe, R_OK) == 0;

			free(probe);
			if (ok)
				return d;
			free(d);
		}
	}
	return xstrdup(MXTRACE_DATADIR);
}

char *
hints_data_path(const char *file)
{
	char *d = hints_dir(), *p = xasprintf("%s/%s", d, file);

	free(d);
	return p;
}

/* Read one bounded file; -1 with errno when it cannot be read. */
static int
hints_read(const char *path, struct strlist *out)
{
	FILE *f = fopen(path, "r");
	char *buf;
	size_t n;

	if (f == NULL)
		return -1;
	buf = xmalloc(HINTS_FILE_MAX);
	n = fread(buf, 1, HINTS_FILE_MAX, f);
	if (ferror(f)) {
		free(buf);
		fclose(f);
		errno = EIO;
		return -1;
	}
	fclose(f);
	hints_parse_list(buf, n, out);
	free(buf);
	return 0;
}

char *
hints_init(void)
{
	char *dir, *path, *warn = NULL;
	size_t i;

	if (hints_loaded)
		return NULL;
	hints_loaded = true;
	dir = hints_dir();
	for (i = 0; i < HINTS__LAST; i++) {
		path = xasprintf("%s/%s", dir, hints_files[i]);
		if (hints_read(path, &hints_lists[i]) < 0 && warn == NULL)
			warn = xasprintf("cannot read %s (%s): role accounts, "
			    "disposable domains or typo suggestions are not "
			    "checked (set MXTRACE_DATADIR to the folder of the "
			    "data files)", path, syserr_text(errno));
		free(path);
	}
	free(dir);
	return warn;
}

void
hints_free(void)
{
	size_t i;

	for (i = 0; i < HINTS__LAST; i++)
		strlist_free(&hints_lists[i]);
	vtab_free(&hints_typo_memo);
	hints_loaded = false;
}

static bool
hints_has(int list, const char *s)
{
	const struct strlist *l = &hints_lists[list];

	return l->n > 0 && bsearch(&s, l->v, l->n, sizeof(*l->v),
	    hints_cmp) != NULL;
}

size_t
hints_distance(const char *a, const char *b, size_t cap)
{
	size_t r0[HINTS_ENTRY_MAX + 1], r1[HINTS_ENTRY_MAX + 1];
	size_t r2[HINTS_ENTRY_MAX + 1];
	size_t la = strlen(a), lb = strlen(b), i, j, c, best, low, prevlow;
	size_t *d0 = r0, *d1 = r1, *d2 = r2, *t;	/* rows i-2, i-1, i */

	if (la > HINTS_ENTRY_MAX || lb > HINTS_ENTRY_MAX)
		return cap + 1;
	if ((la > lb ? la - lb : lb - la) > cap)
		return cap + 1;
	memset(r0, 0, sizeof(r0));
	for (j = 0; j <= lb; j++)
		d1[j] = j;
	prevlow = 0;
	for (i = 1; i <= la; i++) {
		d2[0] = low = i;
		for (j = 1; j <= lb; j++) {
			c = a[i - 1] == b[j - 1] ? 0 : 1;
			best = d1[j] + 1;
			if (d2[j - 1] + 1 < best)
				best = d2[j - 1] + 1;
			if (d1[j - 1] + c < best)
				best = d1[j - 1] + c;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d0[j - 2] + 1 < best)
				best = d0[j - 2] + 1;
			d2[j] = best;
			if (best < low)
				low = best;
		}
		/* every later cell grows from this row or (a transposition)
		 * the one before: both past cap, the answer is too */
		if (low > cap && prevlow > cap)
			return cap + 1;
		prevlow = low;
		t = d0;
		d0 = d1;
		d1 = d2;
		d2 = t;
	}
	best = d1[lb];
	return best > cap ? cap + 1 : best;
}

/* The one provider domain nearest to domain, within the documented distance. */
static const char *
hints_typo_find(const char *domain)
{
	const struct strlist *l = &hints_lists[HINTS_PROVIDER];
	const char *best = NULL;
	size_t i, d, cap, bestd = (size_t)-1;
	bool tie = false;

	if (hints_has(HINTS_PROVIDER, domain))
		return NULL;
	for (i = 0; i < l->n; i++) {
		cap = strlen(l->v[i]) <= 7 ? 1 : 2;
		if ((d = hints_distance(domain, l->v[i], cap)) > cap)
			continue;
		if (d < bestd) {
			bestd = d;
			best = l->v[i];
			tie = false;
		} else if (d == bestd)
			tie = true;
	}
	return tie ? NULL : best;
}

static const char *
hints_typo(const char *domain)
{
	struct vkey k = vtab_key(domain, strlen(domain));
	const char *typo = vtab_get(&hints_typo_memo, k);

	if (typo != NULL)
		return typo == &hints_no_typo ? NULL : typo;
	typo = hints_typo_find(domain);
	if (hints_typo_memo.n >= HINTS_TYPO_MEMO_MAX)
		vtab_free(&hints_typo_memo);
	vtab_put(&hints_typo_memo, k, typo != NULL ? (void *)typo :
	    (void *)&hints_no_typo);
	return typo;
}

void
hints_of(const char *local, const char *domain, struct addr_notes *out)
{
	const char *p, *typo;
	char *l, *plus;
	size_t i;

	l = xstrdup(local);
	if ((plus = strchr(l, '+')) != NULL)
		*plus = '\0';
	for (i = 0; l[i] != '\0'; i++)
		if (l[i] >= 'A' && l[i] <= 'Z')
			l[i] = (char)(l[i] - 'A' + 'a');
	out->role = hints_has(HINTS_ROLE, l);
	free(l);
	out->disposable = false;
	for (p = domain; p != NULL; p = (p = strchr(p, '.')) ? p + 1 : NULL)
		if (hints_has(HINTS_DISPOSABLE, p)) {
			out->disposable = true;
			break;
		}
	free(out->suggestion);
	out->suggestion = NULL;
	if ((typo = hints_typo(domain)) != NULL)
		out->suggestion = xasprintf("%s@%s", local, typo);
}
