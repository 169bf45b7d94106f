/*
 * catalog.c - stub, replaced shortly by the en/zh text tables.
 */
#include "catalog.h"
#include "util.h"

int
lang_from_name(const char *s)
{
	(void)s;
	return LANG_EN;
}

enum lang
lang_pick(const char *option)
{
	(void)option;
	return LANG_EN;
}

char *
catalog_explain(enum lang l, enum verdict v, enum reason r,
    const char *blocklist)
{
	(void)l; (void)r; (void)blocklist;
	return xstrdup(verdict_name(v));
}

const char *
catalog_verdict_label(enum lang l, enum verdict v)
{
	(void)l;
	return verdict_name(v);
}

const char *
catalog_label(enum lang l, const char *key)
{
	(void)l;
	return key;
}
