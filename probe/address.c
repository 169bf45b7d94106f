/*
 * address.c - e-mail address parser (stub, being filled in).
 */
#include <stdlib.h>
#include <string.h>

#include "address.h"

int
address_parse(const char *in, size_t len, struct address *out,
    const char **err)
{
	(void)in; (void)len;
	memset(out, 0, sizeof(*out));
	*err = "address parser not implemented";
	return -1;
}

void
address_free(struct address *a)
{
	free(a->local);
	free(a->domain);
	free(a->domain_ascii);
	free(a->path);
	memset(a, 0, sizeof(*a));
}
