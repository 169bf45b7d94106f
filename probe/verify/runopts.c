/*
 * runopts.c - a verify run's options in FILE.meta: made from the command
 * line (runopts_json), checked when read back (runopts_bad), compared with
 * a resume's (runopts_diff), and given back as command-line words for the
 * report's --resume command (runopts_words, runopts_command).  One table says each option's
 * key, its words, its type and range, and whether it changes results.
 *
 * Public: runopts_json, runopts_bad, runopts_diff, runopts_changes_free,
 * runopts_words, runopts_command, runopts_hides_password.
 */
#include <sys/socket.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/escape.h"
#include "base/limits.h"
#include "base/utf8.h"
#include "base/util.h"
#include "verify/runopts.h"

enum ro_kind {
	RO_TEXT,	/* a string as given */
	RO_NUM,		/* an integer */
	RO_MS,		/* a duration in milliseconds, given as 30s, 5m ... */
	RO_FLAG,	/* true: given */
};

static const struct ro_opt {
	const char	*key, *option;
	enum ro_kind	 kind;
	bool		 results;	/* changes what an address's record says */
	long long	 min, max;
} ro_table[] = {
	{ "resolver", "--resolver", RO_TEXT, true, 0, 0 },
	{ "helo", "--helo", RO_TEXT, true, 0, 0 },
	{ "mail_from", "--mail-from", RO_TEXT, true, 0, 0 },
	{ "port", "--port", RO_NUM, true, 1, 65535 },
	{ "proxy", "--proxy", RO_TEXT, true, 0, 0 },
	{ "source", "--source", RO_TEXT, true, 0, 0 },
	{ "ipv4_only", "-4", RO_FLAG, true, 0, 0 },
	{ "ipv6_only", "-6", RO_FLAG, true, 0, 0 },
	{ "allow_private", "--allow-private", RO_FLAG, true, 0, 0 },
	{ "require_tls", "--require-tls", RO_FLAG, true, 0, 0 },
	{ "no_tls", "--no-tls", RO_FLAG, true, 0, 0 },
	{ "no_catch_all_check", "--no-catch-all-check", RO_FLAG, true, 0, 0 },
	{ "no_dnssec", "--no-dnssec", RO_FLAG, true, 0, 0 },
	{ "trust_anchor", "--trust-anchor", RO_TEXT, true, 0, 0 },
	{ "ca_file", "--ca-file", RO_TEXT, true, 0, 0 },
	{ "no_mta_sts", "--no-mta-sts", RO_FLAG, true, 0, 0 },
	{ "timeout_ms", "--timeout", RO_MS, false, OPT_TIMEOUT_MIN_MS,
	    OPT_TIMEOUT_MAX_MS },
	{ "deadline_ms", "--deadline", RO_MS, false, OPT_TIMEOUT_MIN_MS,
	    OPT_DEADLINE_MAX_MS },
	{ "jobs", "--jobs", RO_NUM, false, 1, OPT_COUNT_MAX },
	{ "per_host", "--per-host", RO_NUM, false, 1, OPT_COUNT_MAX },
	{ "proxy_jobs", "--proxy-jobs", RO_NUM, false, 1, OPT_COUNT_MAX },
	{ "rate", "--rate", RO_NUM, false, 0, OPT_COUNT_MAX },
	{ "retry_after_ms", "--retry-after", RO_MS, false, OPT_RETRY_MIN_MS,
	    OPT_RETRY_MAX_MS },
	{ "max_wait_ms", "--max-wait", RO_MS, false, 0, OPT_MAX_WAIT_MAX_MS },
};

#define RO_N	(sizeof(ro_table) / sizeof(ro_table[0]))

/* A text value as recorded: as given when it is printable UTF-8, else in
 * its terminal-escaped form (the same for the same words, so a resume
 * given them again still compares equal). */
static void
ro_text(json_t *o, const char *key, const char *s)
{
	size_t i, n = strlen(s);
	char *e;

	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			break;
	if (i == n && n <= META_OPTION_MAX && utf8_valid(s, n)) {
		json_object_set_new(o, key, json_string(s));
		return;
	}
	e = esc_terminal(s, n < META_OPTION_MAX / 4 ? n : META_OPTION_MAX / 4);
	json_object_set_new(o, key, json_string(e));
	free(e);
}

/* USER as a URL writes it: anything but letters, digits and -._~ as %XX. */
static char *
ro_url_user(const char *user)
{
	static const char hex[] = "0123456789ABCDEF";
	char *out = xmalloc(strlen(user) * 3 + 1), *o = out;
	const unsigned char *p;

	for (p = (const unsigned char *)user; *p != '\0'; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~", *p) != NULL) {
			*o++ = (char)*p;
			continue;
		}
		*o++ = '%';
		*o++ = hex[*p >> 4];
		*o++ = hex[*p & 15];
	}
	*o = '\0';
	return out;
}

json_t *
runopts_json(const struct cli_common *c, const struct runopts_given *g,
    const struct runopts_pace *p)
{
	json_t *o = json_object();
	char *user, *url;

	if (o == NULL)
		fatalx("%s: json_object", __func__);
	if (c->resolver != NULL)
		ro_text(o, "resolver", c->resolver);
	if (g->helo && c->helo != NULL)
		ro_text(o, "helo", c->helo);
	if (g->mail_from && c->mail_from != NULL)
		ro_text(o, "mail_from", c->mail_from);
	if (c->port != 25)
		json_object_set_new(o, "port", json_integer(c->port));
	if (c->has_proxy) {
		/* the password stays with the user: *** in its place */
		user = c->proxy.user ? ro_url_user(c->proxy.user) : NULL;
		url = xasprintf("socks5://%s%s%s", user ? user : "",
		    user ? ":***@" : "", c->proxy.shown);
		ro_text(o, "proxy", url);
		free(url);
		free(user);
	}
	if (c->has_source)
		ro_text(o, "source", c->source_text);
	if (g->family == AF_INET)
		json_object_set_new(o, "ipv4_only", json_true());
	if (g->family == AF_INET6)
		json_object_set_new(o, "ipv6_only", json_true());
	if (c->allow_private)
		json_object_set_new(o, "allow_private", json_true());
	if (c->require_tls)
		json_object_set_new(o, "require_tls", json_true());
	if (c->no_tls)
		json_object_set_new(o, "no_tls", json_true());
	if (c->no_catch_all)
		json_object_set_new(o, "no_catch_all_check", json_true());
	if (c->no_dnssec)
		json_object_set_new(o, "no_dnssec", json_true());
	if (c->trust_anchor != NULL)
		ro_text(o, "trust_anchor", c->trust_anchor);
	if (c->ca_file != NULL)
		ro_text(o, "ca_file", c->ca_file);
	if (c->no_mta_sts)
		json_object_set_new(o, "no_mta_sts", json_true());
	if (c->timeout_ms != CLI_DEFAULT_TIMEOUT_MS)
		json_object_set_new(o, "timeout_ms", json_integer(c->timeout_ms));
	if (c->deadline_ms != CLI_DEFAULT_DEADLINE_MS)
		json_object_set_new(o, "deadline_ms",
		    json_integer(c->deadline_ms));
	if (p->jobs != VERIFY_DEFAULT_JOBS)
		json_object_set_new(o, "jobs", json_integer(p->jobs));
	if (p->per_host != VERIFY_DEFAULT_PER_HOST)
		json_object_set_new(o, "per_host", json_integer(p->per_host));
	if (p->proxy_jobs != VERIFY_DEFAULT_PROXY_JOBS)
		json_object_set_new(o, "proxy_jobs", json_integer(p->proxy_jobs));
	if (p->rate != 0)
		json_object_set_new(o, "rate", json_integer(p->rate));
	if (p->retry_after_ms != VERIFY_DEFAULT_RETRY_AFTER)
		json_object_set_new(o, "retry_after_ms",
		    json_integer(p->retry_after_ms));
	if (p->max_wait_ms != VERIFY_DEFAULT_MAX_WAIT)
		json_object_set_new(o, "max_wait_ms",
		    json_integer(p->max_wait_ms));
	return o;
}

static const struct ro_opt *
ro_find(const char *key)
{
	size_t i;

	for (i = 0; i < RO_N; i++)
		if (strcmp(ro_table[i].key, key) == 0)
			return &ro_table[i];
	return NULL;
}

/* A recorded text: bounded printable UTF-8 (never a control character,
 * which would reach a terminal or a shell command). */
static bool
ro_text_ok(const json_t *v)
{
	const char *s = json_string_value(v);
	size_t i, n = json_string_length(v);

	if (s == NULL || n > META_OPTION_MAX || !utf8_valid(s, n))
		return false;
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return false;
	return true;
}

const char *
runopts_bad(const json_t *options)
{
	const struct ro_opt *r;
	const char *key;
	json_t *v;

	if (!json_is_object(options))
		return "options";
	json_object_foreach((json_t *)options, key, v) {
		if ((r = ro_find(key)) == NULL)
			return "options";
		switch (r->kind) {
		case RO_TEXT:
			if (!ro_text_ok(v))
				return r->key;
			break;
		case RO_NUM:
		case RO_MS:
			if (!json_is_integer(v) ||
			    json_integer_value(v) < r->min ||
			    json_integer_value(v) > r->max)
				return r->key;
			break;
		case RO_FLAG:
			if (!json_is_true(v))
				return r->key;
			break;
		}
	}
	return NULL;
}

/* The value's word on the command line; NULL for a flag. */
static char *
ro_value(const struct ro_opt *r, const json_t *v)
{
	char d[32];

	switch (r->kind) {
	case RO_TEXT:
		return xstrdup(json_string_value(v));
	case RO_NUM:
		return xasprintf("%lld", (long long)json_integer_value(v));
	case RO_MS:
		return xstrdup(duration_text(d, sizeof(d),
		    json_integer_value(v)));
	case RO_FLAG:
		break;
	}
	return NULL;
}

/* A value as a change shows it: the flag's own name for a flag. */
static char *
ro_shown(const struct ro_opt *r, const json_t *v)
{
	char *w, *t;

	if (v == NULL)
		return NULL;
	if (r->kind == RO_FLAG)
		return xstrdup(r->option);
	w = ro_value(r, v);
	t = esc_terminal(w, strlen(w));
	free(w);
	return t;
}

size_t
runopts_diff(const json_t *first, const json_t *now,
    struct runopts_change *v, size_t max)
{
	const struct ro_opt *r;
	const json_t *a, *b;
	size_t i, n = 0;

	for (i = 0; i < RO_N; i++) {
		r = &ro_table[i];
		if (!r->results)
			continue;
		a = json_object_get(first, r->key);
		b = json_object_get(now, r->key);
		if (a == NULL && b == NULL)
			continue;
		if (a != NULL && b != NULL &&
		    json_equal((json_t *)a, (json_t *)b))
			continue;
		if (n < max) {
			v[n].option = r->option;
			v[n].first = ro_shown(r, a);
			v[n].now = ro_shown(r, b);
		}
		n++;
	}
	return n;
}

void
runopts_changes_free(struct runopts_change *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].first);
		free(v[i].now);
	}
}

char *
runopts_words(const json_t *options)
{
	const struct ro_opt *r;
	const json_t *v;
	char *out = xstrdup(""), *t, *w, *q;
	size_t i;

	for (i = 0; i < RO_N; i++) {
		r = &ro_table[i];
		if ((v = json_object_get(options, r->key)) == NULL)
			continue;
		if ((w = ro_value(r, v)) == NULL)
			t = xasprintf("%s %s", out, r->option);
		else {
			q = esc_shell(w);
			t = xasprintf("%s %s %s", out, r->option, q);
			free(q);
			free(w);
		}
		free(out);
		out = t;
	}
	return out;
}

/* word appended to cmd (owned, freed), shell-quoted. */
static char *
ro_append(char *cmd, const char *word)
{
	char *w = esc_shell(word), *t = xasprintf("%s %s", cmd, w);

	free(w);
	free(cmd);
	return t;
}

/*
 * Why one home: verify's summary gave this run's own words (the trust
 * anchor of MXTRACE_TRUST_ANCHOR left out, --csv, --lang and -q kept) and
 * the report the options FILE.meta records: two commands for one run.
 */
char *
runopts_command(const char *words, bool restart, const char *results,
    const char *shard, const char *input)
{
	char *cmd = xasprintf("mxtrace verify %s%s -o", restart ? "--force" :
	    "--resume", words != NULL ? words : "");

	cmd = ro_append(cmd, results);
	if (shard != NULL) {
		cmd = ro_append(cmd, "--shard");
		cmd = ro_append(cmd, shard);
	}
	return ro_append(cmd, input);
}

bool
runopts_hides_password(const json_t *options)
{
	const char *p = json_string_value(json_object_get(options, "proxy"));

	return p != NULL && strstr(p, ":***@") != NULL;
}
