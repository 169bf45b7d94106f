/*
 * syserr.h - the words for what the system reports (an errno, a
 * getaddrinfo error) inside mxtrace's messages.  libc's strerror() and
 * gai_strerror() texts would reach a `--lang zh` user in English; these
 * are fixed English texts the catalogue (meaning/catalog.c) translates,
 * each message with one in it rendered whole in the user's language.
 * test_catalog fails on a call of strerror, gai_strerror, strsignal or
 * perror anywhere else, and on a text here without its Chinese.
 */
#ifndef MXTRACE_SYSERR_H
#define MXTRACE_SYSERR_H

#include <stddef.h>

/*
 * The words for errno value err: glibc's own for the errors a file, a
 * pipe or a connection of mxtrace meets ("No such file or directory"),
 * else "system error N (libc's text)", libc's words kept as a detail.
 * Static storage, valid until the next call.
 */
const char *syserr_text(int err);
/* The same for a getaddrinfo() error (EAI_*; EAI_SYSTEM: errno's). */
const char *syserr_gai_text(int rc);
/*
 * The i-th text syserr_text or syserr_gai_text can give (the fallbacks as
 * their formats), for the catalogue's test; NULL after the last.
 */
const char *syserr_known(size_t i);

#endif
