/*
 * reply.c - SMTP reply parser (stub, being filled in).
 */
#include <stdlib.h>
#include <string.h>

#include "reply.h"
#include "util.h"

void
reply_parser_init(struct reply_parser *p)
{
	memset(p, 0, sizeof(*p));
}

void
reply_parser_reset(struct reply_parser *p)
{
	free(p->text);
	memset(p, 0, sizeof(*p));
}

enum reply_status
reply_parser_feed(struct reply_parser *p, const char *line, size_t len,
    bool bare_lf, struct reply *out, const char **err)
{
	(void)p; (void)line; (void)len; (void)bare_lf; (void)out;
	*err = "reply parser not implemented";
	return REPLY_ERROR;
}

void
reply_free(struct reply *r)
{
	free(r->text);
	memset(r, 0, sizeof(*r));
}

void
reply_copy(struct reply *dst, const struct reply *src)
{
	*dst = *src;
	dst->text = xmalloc(src->textlen + 1);
	memcpy(dst->text, src->text ? src->text : "", src->textlen);
	dst->text[src->textlen] = '\0';
}

size_t
reply_split_enhanced(int code, const char *text, size_t len,
    char out[ENHANCED_MAX])
{
	(void)code; (void)text; (void)len;
	out[0] = '\0';
	return 0;
}

void
ehlo_parse_caps(const struct reply *r, struct ehlo_caps *caps)
{
	(void)r;
	memset(caps, 0, sizeof(*caps));
}
