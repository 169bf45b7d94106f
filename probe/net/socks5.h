/*
 * socks5.h - the SOCKS5 client (RFC 1928, username/password RFC 1929)
 * that puts an SMTP session through a proxy: the proxy URL, the pure
 * parsers of the proxy's replies, and the handshake as a visible state
 * machine over two evbuffers (no sockets here: session.c owns the
 * connection and feeds the bytes in).  DNS stays local: CONNECT always
 * names an IP address.
 */
#ifndef MXTRACE_SOCKS5_H
#define MXTRACE_SOCKS5_H

#include <sys/socket.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <event2/buffer.h>

#include "meaning/classify.h"

#define SOCKS5_FIELD_MAX	255	/* RFC 1929: user and password, octets */
#define SOCKS5_REPLY_MAX	262	/* 4 + 1 + 255 + 2: the longest reply */

/* A proxy from --proxy socks5://[USER:PASS@]HOST[:PORT] (1080 without). */
struct socks5_proxy {
	char			 host[256];	/* as given, brackets removed */
	int			 port;
	char			*user;		/* owned; NULL: no authentication */
	char			*pass;		/* owned */
	char			 shown[300];	/* "HOST:PORT": the only form ever printed */
	struct sockaddr_storage	 ss;		/* after socks5_proxy_resolve */
	socklen_t		 sslen;
};

/*
 * Parse a proxy URL (pure).  0, or -1 with *err a static text that never
 * repeats the URL (it may hold a password).
 */
int	socks5_proxy_parse(const char *url, struct socks5_proxy *, const char **err);
/* Look HOST up (blocking; once at start-up).  -1 with *err (owned). */
int	socks5_proxy_resolve(struct socks5_proxy *, char **err);
/* Wipe the password and free the strings. */
void	socks5_proxy_free(struct socks5_proxy *);

/* What a parser made of the bytes so far. */
enum socks5_parse {
	SOCKS5_MORE,		/* a prefix of a valid message: wait for more */
	SOCKS5_OK,		/* one complete message of *used bytes */
	SOCKS5_BAD,		/* not SOCKS5; *err says why */
};

/* The reply to CONNECT: its code and the proxy's own address for us. */
struct socks5_reply {
	int	 rep;			/* REP: 0 succeeded, 1..8 RFC 1928 errors */
	char	 bound[300];		/* "BND.ADDR:PORT" as text, printable */
};

/* Method selection (VER METHOD). */
enum socks5_parse socks5_parse_method(const uint8_t *, size_t, size_t *used,
		    int *method, const char **err);
/* RFC 1929 status (VER STATUS). */
enum socks5_parse socks5_parse_auth(const uint8_t *, size_t, size_t *used,
		    int *status, const char **err);
/* Reply to CONNECT (VER REP RSV ATYP BND.ADDR BND.PORT). */
enum socks5_parse socks5_parse_reply(const uint8_t *, size_t, size_t *used,
		    struct socks5_reply *, const char **err);
/* The RFC 1928 text of a REP code ("connection not allowed by ruleset"). */
const char	*socks5_rep_text(int rep);

enum socks5_state {
	SOCKS5_S_METHOD,	/* greeting sent, waiting for the method */
	SOCKS5_S_AUTH,		/* user/password sent, waiting for the status */
	SOCKS5_S_CONNECT,	/* CONNECT sent, waiting for the reply */
	SOCKS5_S_READY,		/* the tunnel is open: SMTP from here on */
	SOCKS5_S_FAILED,
	SOCKS5_S__LAST
};

struct socks5_client {
	enum socks5_state	 state;
	const struct socks5_proxy *proxy;	/* borrowed */
	struct sockaddr_storage	 target;	/* the MX address and port */
	enum proxy_fail		 fail;		/* when FAILED */
	struct socks5_reply	 reply;		/* rep -1 before the CONNECT reply */
	char			 error[512];	/* when FAILED: plain text */
};

/* What one call of socks5_client_input did. */
enum socks5_event {
	SOCKS5_EV_MORE,		/* wait for more bytes */
	SOCKS5_EV_STEP,		/* one reply taken, the state moved: call again */
	SOCKS5_EV_READY,	/* CONNECT succeeded; later bytes are SMTP */
	SOCKS5_EV_FAILED,	/* see fail, reply.rep and error */
};

/* Queue the greeting on out and wait for the method. */
void	socks5_client_start(struct socks5_client *, const struct socks5_proxy *,
	    const struct sockaddr *target, socklen_t, struct evbuffer *out);
/* Take at most one reply from in; answers go to out. */
enum socks5_event socks5_client_input(struct socks5_client *,
	    struct evbuffer *in, struct evbuffer *out);
/* The state's name, for transcripts. */
const char	*socks5_state_name(enum socks5_state);
/* The CONNECT step as transcripts show it: "CONNECT [2001:db8::1]:25". */
void	socks5_connect_text(char *buf, size_t size, int family,
	    const char *ip, int port);

#endif
