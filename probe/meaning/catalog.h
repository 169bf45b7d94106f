/*
 * catalog.h - every text mxtrace shows a person, in English and Simplified
 * Chinese: the explanation of each (verdict, reason), and the labels of the
 * terminal trace and the HTML report.  One file (catalog.c) holds them all.
 */
#ifndef MXTRACE_CATALOG_H
#define MXTRACE_CATALOG_H

#include <stddef.h>

#include "meaning/verdict.h"

enum lang {
	LANG_EN,
	LANG_ZH,
	LANG__LAST
};

/*
 * Who reads the text: a probe run from this machine, a bounce the user
 * received about a message they sent, the user's own sender set-up.
 */
enum audience {
	AUDIENCE_PROBE,
	AUDIENCE_BOUNCE,
	AUDIENCE_SENDER,
	AUDIENCE__LAST
};

/* "en", "zh" (also "zh_CN.UTF-8", "zh-CN"...); -1 when unknown. */
int	 lang_from_name(const char *);
/*
 * From --lang if given, else LC_ALL / LC_MESSAGES / LANG; English by default.
 */
enum lang lang_pick(const char *option);

/*
 * One or two plain sentences: what this means for the sender and what to do.
 * blocklist (may be NULL or "") is woven in when the reason is a blocklist.
 * Returns an owned string.
 */
char	*catalog_explain(enum lang, enum verdict, enum reason,
	    const char *blocklist);

/*
 * The explanation worded for an audience (AUDIENCE_PROBE: catalog_explain).
 * Returns an owned string.
 */
char	*catalog_explain_for(enum lang, enum audience, enum verdict,
	    enum reason, const char *blocklist);
/*
 * What the reader should do, as a separate sentence; "" for AUDIENCE_PROBE,
 * whose explanation already says it.  When the fault is on the user's side
 * it names `mxtrace sender our_domain` (our_domain may be NULL: a
 * placeholder).  Returns an owned string.
 */
char	*catalog_action(enum lang, enum audience, enum verdict, enum reason,
	    const char *blocklist, const char *our_domain);

/* "mxtrace sender our_domain" (NULL or "": the language's placeholder);
 * owned. */
char	*catalog_sender_cmd(enum lang, const char *our_domain);

/* A short human name for a verdict ("Deliverable", "可投递"). */
const char *catalog_verdict_label(enum lang, enum verdict);

/*
 * A UI label by key ("summary", "what_to_do_first", ...).  Every key exists
 * in every language: unit tests check it.  Unknown key: fatalx.
 */
const char *catalog_label(enum lang, const char *key);
/* The same for a key read from an input file: fallback when there is none. */
const char *catalog_label_or(enum lang, const char *key, const char *fallback);

/*
 * A label with one placeholder (name, such as "{addr}") replaced by value.
 * Returns an owned string.
 */
char	*catalog_label_with(enum lang, const char *key, const char *name,
	    const char *value);

/*
 * The label key filled in: {1} .. {n} become vals[0] .. vals[n-1] (n <= 9),
 * and "{N|one|other}" the one form when value N is "1", else the other
 * ("{1} {1|address|addresses}").  For sentences whose word order differs
 * between languages.  Owned.
 */
char	*catalog_fmt(enum lang, const char *key, size_t n,
	    const char *const vals[]);

/*
 * Messages written in English where they are made (warnings, errors, the
 * --help texts), in the user's language.  catalog_tr: msg is an English
 * text or printf format exactly as in the source; its translation (the
 * same conversions in the same order), or msg itself.  catalog_tr_text:
 * text was already formatted: it is matched against the English formats
 * and rendered again in the language, the arguments translated too; an
 * owned copy of text when nothing matches.  test_catalog fails when a
 * message of the sources has no translation.
 */
const char *catalog_tr(enum lang, const char *msg);
char	*catalog_tr_text(enum lang, const char *text);
/* The i-th English message with a translation, NULL past the end (tests). */
const char *catalog_tr_key(size_t i, const char **zh);

/*
 * The i-th label key of a language's table, NULL past the end: lets tests
 * check that every language has exactly the same keys.
 */
const char *catalog_label_key(enum lang, size_t i);

#endif
