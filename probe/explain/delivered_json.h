/*
 * delivered_json.h - a delivered message's analysis as the JSON fields of
 * `mxtrace explain --json` for kind delivered_message (docs/json.md,
 * "Delivered messages"), and the one-line summary in words.
 */
#ifndef MXTRACE_DELIVERED_JSON_H
#define MXTRACE_DELIVERED_JSON_H

#include <stdbool.h>

#include <jansson.h>

#include "meaning/catalog.h"
#include "explain/delivered.h"

/*
 * The fields hops, hops_dropped, receiver, sending_ip, sending_ip_from,
 * from_domain, total_s, longest, auth, spam, explanation and check_sender
 * as one new object (owned by the caller).  redact: no envelope or header
 * addresses, only their domains; message is the file name to show in the
 * `mxtrace sender` hint (may be NULL).
 */
json_t	*delivered_to_json(const struct delivered *, enum lang, bool redact,
	    const char *message);

/*
 * The catalogue key of the words for a hop's encryption (an element of
 * the hops array): "dlv.tls_yes", "dlv.tls_no", "dlv.tls_unknown", or
 * "dlv.inside" for a hop past the receiver's border.
 */
const char *delivered_hop_tls_key(const json_t *hop);

/* The explanation: the verdict and every reason, one sentence each (owned). */
char	*delivered_explanation(const struct delivered *, enum lang);
/* --folder against the receiving server's own spam verdict, or NULL */
const char *delivered_disagreement(const struct delivered *, enum lang);

/*
 * "mxtrace sender DOMAIN --message FILE" when a reason is the sender's
 * set-up, else NULL (owned); without a file, "--ip IP --dkim-selector S"
 * from the message instead.
 */
char	*delivered_sender_hint(const struct delivered *, const char *message);

#endif
