/*
 * hdrstream.h - the stream GMime parses a message file or an mbox from:
 * the file's bytes, except that in each message's own header block the
 * fields other than the Content- ones (which GMime needs for the
 * structure) are kept from GMime and handed to the caller instead.  GMime
 * builds and frees one object per header field, a quarter of explain's
 * time on a bounce; the fields kept here cost a split and a copy.
 */
#ifndef MXTRACE_EXPLAIN_HDRSTREAM_H
#define MXTRACE_EXPLAIN_HDRSTREAM_H

#include <gmime/gmime.h>

#include "explain/rawhdr.h"

/*
 * A stream over fd (seekable, read from offset 0; owned: closed with the
 * stream) for a parser set to GMIME_FORMAT_MBOX when mbox, else
 * GMIME_FORMAT_MESSAGE (one message), with persistent content.
 */
GMimeStream	*hdrstream_new(int fd, int mbox);

/*
 * The fields kept from the message whose header block starts at offset
 * (g_mime_parser_get_headers_begin() after the message was built): owned
 * by the caller.  NULL when that block went to GMime whole (one that
 * rawhdr_split() does not take, one with no field to keep, one too big).
 */
struct rawhdr	*hdrstream_take(GMimeStream *, gint64 offset);

/*
 * How many fields of the header block at offset were kept from GMime and
 * from the caller both: past the first 256 KB of a block too big to hold,
 * every field but a Content- one (0 for any other block).  Like
 * hdrstream_take(), once per message, in order.
 */
size_t		 hdrstream_dropped(GMimeStream *, gint64 offset);

#endif
