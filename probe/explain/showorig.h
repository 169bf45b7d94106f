/*
 * showorig.h - Gmail's "Show original" page copied whole: the summary
 * table it shows above the message (Message ID, Created at:, SPF:, DKIM:,
 * DMARC:, "Download Original", "Copy to clipboard") found, so that the
 * message below it is read as the message it is.
 */
#ifndef MXTRACE_EXPLAIN_SHOWORIG_H
#define MXTRACE_EXPLAIN_SHOWORIG_H

#include <stddef.h>

/*
 * Where the message starts in pasted text t[0..len) that opens with the
 * table (in English or in Chinese, zh-CN): the offset just past its
 * "Download Original" / "Copy to clipboard" line.  0 when t does not open
 * with the table: every line of it a label of the table (or the value on
 * the line after a label that has none on its own), its Message ID row
 * and its buttons, within EXPLAIN_SHOWORIG_LINES lines.
 */
size_t	showorig_skip(const char *t, size_t len);

#endif
