/*
 * address_table.h - the report's address table: a row per address (a
 * card each on a phone), its filters and pager; on a light page (more
 * than full_rows addresses) those that need a look in the table, the
 * deliverable ones a compact list.
 */
#ifndef MXTRACE_ADDRESS_TABLE_H
#define MXTRACE_ADDRESS_TABLE_H

#include "reports/report_ctx.h"

/* The section "addresses" of the page. */
void	report_addresses(struct report_ctx *);

#endif
