/*
 * syserr.c - fixed words for the system's errors (syserr.h), so each one
 * has its Chinese in the catalogue.
 *
 * Public: syserr_text(), syserr_gai_text(), syserr_known().
 *
 * The English is glibc's for the same error, as users and search engines
 * know it; an error outside the tables still says libc's words, inside a
 * frame the catalogue translates.
 */
#define _GNU_SOURCE	/* EAI_NODATA, EAI_ADDRFAMILY: glibc's getaddrinfo gives them */
#include <errno.h>
#include <netdb.h>
#include <stdio.h>
#include <string.h>

#include "base/syserr.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

struct syserr_row {
	int		 code;
	const char	*text;
};

/* What opening, reading, writing, locking and connecting can give. */
static const struct syserr_row syserr_errno[] = {
	{ EPERM,	"Operation not permitted" },
	{ ENOENT,	"No such file or directory" },
	{ EINTR,	"Interrupted system call" },
	{ EIO,		"Input/output error" },
	{ ENXIO,	"No such device or address" },
	{ EBADF,	"Bad file descriptor" },
	{ EAGAIN,	"Resource temporarily unavailable" },
	{ ENOMEM,	"Cannot allocate memory" },
	{ EACCES,	"Permission denied" },
	{ EBUSY,	"Device or resource busy" },
	{ EEXIST,	"File exists" },
	{ EXDEV,	"Invalid cross-device link" },
	{ ENODEV,	"No such device" },
	{ ENOTDIR,	"Not a directory" },
	{ EISDIR,	"Is a directory" },
	{ EINVAL,	"Invalid argument" },
	{ ENFILE,	"Too many open files in system" },
	{ EMFILE,	"Too many open files" },
	{ ETXTBSY,	"Text file busy" },
	{ EFBIG,	"File too large" },
	{ ENOSPC,	"No space left on device" },
	{ ESPIPE,	"Illegal seek" },
	{ EROFS,	"Read-only file system" },
	{ EPIPE,	"Broken pipe" },
	{ ENAMETOOLONG,	"File name too long" },
	{ ENOLCK,	"No locks available" },
	{ ELOOP,	"Too many levels of symbolic links" },
	{ EOVERFLOW,	"Value too large for defined data type" },
	{ EILSEQ,	"Invalid or incomplete multibyte or wide character" },
	{ EMSGSIZE,	"Message too long" },
	{ EAFNOSUPPORT,	"Address family not supported by protocol" },
	{ EADDRINUSE,	"Address already in use" },
	{ EADDRNOTAVAIL, "Cannot assign requested address" },
	{ ENETDOWN,	"Network is down" },
	{ ENETUNREACH,	"Network is unreachable" },
	{ ECONNABORTED,	"Software caused connection abort" },
	{ ECONNRESET,	"Connection reset by peer" },
	{ ENOBUFS,	"No buffer space available" },
	{ ENOTCONN,	"Transport endpoint is not connected" },
	{ ETIMEDOUT,	"Connection timed out" },
	{ ECONNREFUSED,	"Connection refused" },
	{ EHOSTDOWN,	"Host is down" },
	{ EHOSTUNREACH,	"No route to host" },
	{ ESTALE,	"Stale file handle" },
	{ EDQUOT,	"Disk quota exceeded" },
};

static const struct syserr_row syserr_gai[] = {
	{ EAI_NONAME,	"Name or service not known" },
	{ EAI_AGAIN,	"Temporary failure in name resolution" },
	{ EAI_FAIL,	"Non-recoverable failure in name resolution" },
	{ EAI_NODATA,	"No address associated with hostname" },
	{ EAI_ADDRFAMILY, "Address family for hostname not supported" },
	{ EAI_FAMILY,	"ai_family not supported" },
	{ EAI_SERVICE,	"Servname not supported for ai_socktype" },
	{ EAI_MEMORY,	"Memory allocation failure" },
};

/* The fallbacks' formats: the catalogue translates the frame. */
#define SYSERR_OTHER	"system error %d (%s)"
#define SYSERR_GAI_OTHER "name lookup error %d (%s)"

static char syserr_buf[192];

const char *
syserr_text(int err)
{
	size_t i;

	for (i = 0; i < NELEM(syserr_errno); i++)
		if (syserr_errno[i].code == err)
			return syserr_errno[i].text;
	snprintf(syserr_buf, sizeof(syserr_buf), SYSERR_OTHER, err,
	    strerror(err));
	return syserr_buf;
}

const char *
syserr_gai_text(int rc)
{
	size_t i;

	if (rc == EAI_SYSTEM)
		return syserr_text(errno);
	for (i = 0; i < NELEM(syserr_gai); i++)
		if (syserr_gai[i].code == rc)
			return syserr_gai[i].text;
	snprintf(syserr_buf, sizeof(syserr_buf), SYSERR_GAI_OTHER, rc,
	    gai_strerror(rc));
	return syserr_buf;
}

const char *
syserr_known(size_t i)
{
	if (i < NELEM(syserr_errno))
		return syserr_errno[i].text;
	i -= NELEM(syserr_errno);
	if (i < NELEM(syserr_gai))
		return syserr_gai[i].text;
	i -= NELEM(syserr_gai);
	return i == 0 ? SYSERR_OTHER : i == 1 ? SYSERR_GAI_OTHER : NULL;
}
