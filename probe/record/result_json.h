/*
 * result_json.h - a probe_result as the JSON object of docs/json.md.
 */
#ifndef MXTRACE_RESULT_JSON_H
#define MXTRACE_RESULT_JSON_H

#include <jansson.h>

#include "meaning/catalog.h"
#include "record/jsonw.h"
#include "record/result.h"

/*
 * Append the record to w as compact JSON text, the same bytes as
 * json_dumps(result_to_json(r), JSON_COMPACT) but without the closing
 * brace: the caller may add fields (verify's "row" ...) and closes it.
 */
void	 result_json_open(struct jsonw *, const struct probe_result *, enum lang);
/* A new reference to the record; the explanation is in lang. */
json_t	*result_to_json(const struct probe_result *, enum lang);
/* Raw bytes as a JSON string (invalid UTF-8 becomes U+FFFD); null for NULL. */
json_t	*json_bytes(const char *s, size_t len);
/*
 * The record's "normalized" for these notes: {given, changes} or null (new
 * reference).
 */
json_t	*result_normalized_json(const struct addr_notes *);
/*
 * Whether a record's TLS failed and the check went on without it (a
 * STARTTLS step with an error and no command), as result_tls_broken.
 */
bool	 result_json_tls_broken(const json_t *rec);
/*
 * A record's explanation made again in lang from its verdict, reason and
 * notes (owned), as result_explain makes it; NULL when the record's
 * verdict or reason is not one this mxtrace knows.
 */
char	*result_json_explain(const json_t *rec, enum lang);

#endif
