/*
 * dlvmsg.h - the headers of a GMime message as delivered.c reads them.
 */
#ifndef MXTRACE_DLVMSG_H
#define MXTRACE_DLVMSG_H

#include <stddef.h>

#include <gmime/gmime.h>

#include "explain/delivered.h"

/*
 * The message's top-level headers in order, at most DLV_HEADERS_MAX + 1
 * (one more tells delivered.c some were left out).  Returns an owned array
 * (free it; the strings are borrowed from msg) and its length in *n.
 */
struct dlv_header *dlvmsg_headers(GMimeMessage *msg, size_t *n);

#endif
