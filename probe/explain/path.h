/*
 * path.h - the real path of a delivered message from its Received:
 * headers: hops oldest first, the delay at each, clock skew, where the
 * message crossed into the receiving organisation (and so the IP the
 * receiver saw), the total time from Date: to final delivery and the
 * longest wait.
 */
#ifndef MXTRACE_PATH_H
#define MXTRACE_PATH_H

#include <stdbool.h>
#include <stddef.h>

#include "base/limits.h"
#include "meaning/catalog.h"
#include "explain/orgdomain.h"
#include "explain/received.h"

struct path_hop {
	struct rcvd_hop	 r;
	size_t		 pos;		/* index of its header among all headers */
	bool		 has_delay;
	long long	 delay_s;	/* since the previous hop; negative: clock skew */
	bool		 skew;		/* delay_s < 0: a clock is wrong */
	bool		 receiver;	/* written inside the receiving organisation */
};

struct path {
	struct path_hop	*hops;		/* owned, oldest first */
	size_t		 nhops, cap;
	size_t		 dropped;	/* Received: headers beyond PATH_HOPS_MAX (the oldest) */
	char		 receiver_org[ORGDOM_MAX];	/* "" when unknown */
	int		 boundary;	/* hop the message entered the receiver by, -1 */
	char		 sending_ip[RCVD_IP_MAX];	/* the IP the receiver saw, "" */
	char		 sending_host[RCVD_HOST_MAX];	/* its rDNS, else HELO */
	int		 longest;	/* hop with the longest positive delay, -1 */
	size_t		 nskew;		/* hops with a negative delay */
	bool		 has_date;
	long long	 date;		/* Date:, Unix seconds */
	bool		 has_total;
	long long	 total_s;	/* Date: to the newest hop's time */
	bool		 total_skew;	/* Date: later than final delivery */
};

/* Start an empty path. */
void	 path_init(struct path *);
/*
 * Add one Received: header, in header order (newest first), pos its index
 * among all headers.  Beyond PATH_HOPS_MAX only counts (dropped).
 */
void	 path_add(struct path *, const char *value, size_t len, size_t pos);
/*
 * Order the hops oldest first and work out delays, skew, the receiving
 * organisation (receiver_hint: an authserv-id or "" ), the boundary hop,
 * the sending IP, the longest delay and the total (date: the Date: header,
 * when has_date).
 */
void	 path_finish(struct path *, const char *receiver_hint, bool has_date,
	    long long date);
void	 path_free(struct path *);

/* True when rdns looks like a home or dynamic line's generic name. */
bool	 path_ptr_generic(const char *rdns, const char *ip);

/*
 * Whether hosts a and b, either maybe unknown (NULL), are one host by
 * name: the longest wait was then inside that host, between two of its
 * own steps (a list's expansion, a filter handing the message back), and
 * is said so, the host named once.
 */
bool	 path_same_host(const char *a, const char *b);

/*
 * A duration in words for people: "3 h 12 min", "45 s", "2 d 1 h"; into
 * buf.  Negative values get a leading "-".
 */
void	 path_duration(long long s, enum lang, char *buf, size_t cap);
/*
 * A hop's delay after the hop before, signed: "+12 s", or "-9 min 58 s"
 * when a clock is skewed (never "+-").
 */
void	 path_delay(long long s, enum lang, char *buf, size_t cap);

#endif
