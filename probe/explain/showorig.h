/*
 * showorig.h - what a mail client shows above a message's source that a
 * user copies with it, found so that the message below is read as the
 * message it is: Gmail's "Show original" page copied whole (the summary
 * table above the message: Message ID, Created at:, SPF:, DKIM:, DMARC:,
 * "Download Original", "Copy to clipboard"), Outlook's "Internet headers"
 * box ("Microsoft Mail Internet Headers Version 2.0" above the fields).
 */
#ifndef MXTRACE_EXPLAIN_SHOWORIG_H
#define MXTRACE_EXPLAIN_SHOWORIG_H

#include <stddef.h>

/*
 * Where the message starts in pasted text t[0..len): when t opens with
 * Gmail's table (in English or in Chinese, zh-CN), the offset just past
 * its "Download Original" / "Copy to clipboard" line and the blank lines
 * after it (the table: every line a label of it, or the value on the line
 * after a label that has none on its own, its Message ID row and its
 * buttons, within EXPLAIN_SHOWORIG_LINES lines); when t opens (after
 * blank lines) with Outlook's line, the offset just past that line.
 * 0 otherwise.
 */
size_t	showorig_skip(const char *t, size_t len);

#endif
