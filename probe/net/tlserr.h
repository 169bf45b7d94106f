/*
 * tlserr.h - the words for what OpenSSL reports (a certificate's
 * verification result, an error of its queue: a handshake error, an alert
 * the server sent) inside mxtrace's messages.  OpenSSL's own texts would
 * reach a `--lang zh` user in English; these are fixed English texts,
 * chosen by the numeric code, that the catalogue (meaning/catalog.c)
 * translates.  test_catalog fails on a call of OpenSSL's error-text
 * functions anywhere else, and on a text here without its Chinese.
 */
#ifndef MXTRACE_TLSERR_H
#define MXTRACE_TLSERR_H

#include <stddef.h>

/*
 * The words for a verification result (X509_V_ERR_*): OpenSSL 3's own
 * ("self-signed certificate"), else "certificate verification error N
 * (OpenSSL's text)".  Static storage, valid until the next call.
 */
const char *tlserr_verify_text(long vr);
/*
 * An error of OpenSSL's queue (ERR_get_error) into buf: the line OpenSSL
 * prints ("error:0A00010B:SSL routines::wrong version number"), its
 * reason in words of the table below for the handshake's errors and the
 * alerts, an errno in syserr's; another error as OpenSSL words it.
 */
void	 tlserr_queue_text(unsigned long e, char *buf, size_t len);
/*
 * The i-th text tlserr_verify_text gives and the i-th English format of a
 * queue error (the fallback's format last), for the catalogue's test;
 * NULL after the last.
 */
const char *tlserr_known(size_t i);

#endif
