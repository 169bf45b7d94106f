/*
 * intake.h - from what the user gave (probe's argument, one cell of a
 * list) to the addresses to probe: normalized (normalize.h), parsed
 * (address.h), with what was changed and (intake_hints) what the address
 * says about itself (hints.h) in each one's notes.
 */
#ifndef MXTRACE_INTAKE_H
#define MXTRACE_INTAKE_H

#include <stdbool.h>
#include <stddef.h>

#include "input/address.h"
#include "record/result.h"

/* One address of a cell. */
struct intake {
	char		*text;		/* owned: the address after normalizing;
					 * the record's `address` */
	bool		 ok;		/* parsed: addr holds it */
	struct address	 addr;		/* owned when ok */
	const char	*why;		/* static reason when not ok */
	struct addr_notes notes;	/* owned */
};

/*
 * Every address of the cell s[0..len), at least one; *out is an owned
 * array of the returned count (free with intake_free).  *dropped (may be
 * NULL) gets the addresses past NORM_ADDRS_MAX that were not kept.
 */
size_t	intake_cell(const char *s, size_t len, struct intake **out,
	    size_t *dropped);
/*
 * The hints (role, disposable, a typo's suggestion) of each valid address:
 * a separate step, as only the records need them (not the counting pass
 * or the CSV, which read every row again).
 */
void	intake_hints(struct intake *, size_t n);
void	intake_free(struct intake *, size_t n);

#endif
