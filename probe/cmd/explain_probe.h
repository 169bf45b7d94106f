/*
 * explain_probe.h - `mxtrace explain --probe`: probe each failed recipient
 * of a bounce again now, with the engine (as `mxtrace probe` does), and
 * compare: then (the bounce) and now (the server's answer today).
 */
#ifndef MXTRACE_EXPLAIN_PROBE_H
#define MXTRACE_EXPLAIN_PROBE_H

#include <stdio.h>

#include <jansson.h>

#include "cli/cli.h"
#include "explain/explain.h"
#include "record/jsonw.h"

struct explain_prober;

/*
 * NULL after printing an error (DNS or TLS cannot start, an option's file
 * holds nothing usable), with *fail its exit code.
 */
struct explain_prober *explain_prober_new(struct cli_common *, int *fail);
void	explain_prober_free(struct explain_prober *);

/*
 * Probe r's failed and delayed recipients (at most EXPLAIN_PROBES_MAX
 * probes sent), each address once in the run and at most
 * EXPLAIN_PROBES_RUN_MAX addresses in all.
 */
void	explain_probe_run(struct explain_prober *, const struct explain_result *r);
/* Recipients the run left unprobed for EXPLAIN_PROBES_RUN_MAX. */
size_t	explain_probe_left(const struct explain_prober *);
/* Recipients the run left unprobed for their report's EXPLAIN_PROBES_MAX. */
size_t	explain_probe_past_report(const struct explain_prober *);
/* "then_vs_now", "probe_reused" and "now" of recipient i, at the end of
 * its open object. */
void	explain_probe_json(struct explain_prober *, size_t i, struct jsonw *,
	    enum lang);
void	explain_probe_print(struct explain_prober *, const struct explain_result *r,
	    FILE *, enum lang);

#endif
