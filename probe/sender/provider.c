/*
 * provider.c - identify who sends for a domain from names it publishes
 * (MX hosts, SPF include: domains) and the names of its sending IPs
 * (PTR), against data/providers.json read with jansson (bounded:
 * PROVIDERS_MAX providers, PROVIDER_NAMES_MAX names each).  A name
 * matches a suffix when it equals it or ends in "." suffix; a PTR also
 * matches a shared-hosting word in one of its labels (cpanel, plesk...).
 *
 * Public: provider_load, provider_free, provider_identify.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "base/util.h"
#include "sender/provider.h"

static bool
provider_names(json_t *arr, char **out, size_t *n)
{
	json_t *v;
	size_t i;

	*n = 0;
	if (arr == NULL)
		return true;
	if (!json_is_array(arr) || json_array_size(arr) > PROVIDER_NAMES_MAX)
		return false;
	json_array_foreach(arr, i, v) {
		if (!json_is_string(v) || json_string_length(v) == 0 ||
		    json_string_length(v) > 253)
			return false;
		out[(*n)++] = xstrdup(json_string_value(v));
	}
	return true;
}

bool
provider_load(const char *path, struct provider_set *set, char **err)
{
	json_error_t je;
	json_t *root, *arr, *o;
	struct provider *p;
	const char *kind;
	size_t i;

	memset(set, 0, sizeof(*set));
	*err = NULL;
	if ((root = json_load_file(path, JSON_REJECT_DUPLICATES, &je)) ==
	    NULL) {
		/* jansson's own text names the file when it cannot open it */
		*err = je.line > 0 ? xasprintf("%s: %s (line %d)", path, je.text,
		    je.line) : xstrdup(je.text);
		return false;
	}
	arr = json_object_get(root, "providers");
	if (!json_is_array(arr) || json_array_size(arr) > PROVIDERS_MAX) {
		*err = xasprintf("%s: \"providers\" must be an array of at most %d", path,
		    PROVIDERS_MAX);
		json_decref(root);
		return false;
	}
	json_array_foreach(arr, i, o) {
		p = &set->v[set->n++];
		kind = json_string_value(json_object_get(o, "kind"));
		p->shared_hosting = kind != NULL && strcmp(kind, "shared_hosting") == 0;
		p->name = json_is_string(json_object_get(o, "name")) ?
		    xstrdup(json_string_value(json_object_get(o, "name"))) : NULL;
		if (p->name == NULL ||
		    !provider_names(json_object_get(o, "mx"), p->mx, &p->nmx) ||
		    !provider_names(json_object_get(o, "spf"), p->spf, &p->nspf) ||
		    !provider_names(json_object_get(o, "ptr"), p->ptr, &p->nptr) ||
		    !provider_names(json_object_get(o, "ptr_words"), p->ptr_words, &p->nwords)) {
			*err = xasprintf("%s: provider %zu: a name and arrays of at most %d "
			    "names", path, i + 1, PROVIDER_NAMES_MAX);
			json_decref(root);
			provider_free(set);
			return false;
		}
	}
	json_decref(root);
	return true;
}

void
provider_free(struct provider_set *set)
{
	struct provider *p;
	size_t i, k;

	for (i = 0; i < set->n; i++) {
		p = &set->v[i];
		for (k = 0; k < p->nmx; k++)
			free(p->mx[k]);
		for (k = 0; k < p->nspf; k++)
			free(p->spf[k]);
		for (k = 0; k < p->nptr; k++)
			free(p->ptr[k]);
		for (k = 0; k < p->nwords; k++)
			free(p->ptr_words[k]);
		free(p->name);
	}
	memset(set, 0, sizeof(*set));
}

static bool
provider_suffix(const char *name, char *const *suffixes, size_t n)
{
	size_t i, nl = strlen(name), sl;

	for (i = 0; i < n; i++) {
		sl = strlen(suffixes[i]);
		if (nl == sl && strcasecmp(name, suffixes[i]) == 0)
			return true;
		if (nl > sl && name[nl - sl - 1] == '.' &&
		    strcasecmp(name + nl - sl, suffixes[i]) == 0)
			return true;
	}
	return false;
}

/* A word as a whole label or a label's leading part ("cpanel", "cpanel12"). */
static bool
provider_word(const char *name, char *const *words, size_t n)
{
	const char *p;
	size_t i, wl;

	for (i = 0; i < n; i++) {
		wl = strlen(words[i]);
		for (p = name; p != NULL && *p != '\0'; p = strchr(p, '.'), p = p ? p + 1 : NULL)
			if (strncasecmp(p, words[i], wl) == 0)
				return true;
	}
	return false;
}

const struct provider *
provider_identify(const struct provider_set *set,
    const struct provider_evidence *ev, char *why, size_t whylen)
{
	const struct provider *best = NULL, *p;
	size_t i, k, score, best_score = 0;
	char first[300];

	why[0] = '\0';
	for (i = 0; i < set->n; i++) {
		p = &set->v[i];
		score = 0;
		first[0] = '\0';
		for (k = 0; k < ev->nmx; k++)
			if (provider_suffix(ev->mx[k], p->mx, p->nmx) &&
			    score++ == 0)
				snprintf(first, sizeof(first), "MX %s", ev->mx[k]);
		for (k = 0; k < ev->nspf; k++)
			if (provider_suffix(ev->spf[k], p->spf, p->nspf) &&
			    score++ == 0)
				snprintf(first, sizeof(first), "SPF include:%s", ev->spf[k]);
		for (k = 0; k < ev->nptr; k++)
			if ((provider_suffix(ev->ptr[k], p->ptr, p->nptr) ||
			    provider_word(ev->ptr[k], p->ptr_words, p->nwords)) && score++ == 0)
				snprintf(first, sizeof(first), "PTR %s", ev->ptr[k]);
		if (score > best_score ||
		    (score > 0 && score == best_score && p->shared_hosting)) {
			best = p;
			best_score = score;
			snprintf(why, whylen, "%s", first);
		}
	}
	return best;
}
