/*
 * classify_proxy.c - what a SOCKS5 proxy's failure (--proxy) means: the
 * user's proxy, or the MX it could not reach.
 */
#include <string.h>

#include "meaning/classify.h"

/*
 * RFC 1928 REP 3 (network unreachable), 4 (host unreachable), 5 (refused)
 * and 6 (TTL expired) say what the proxy met at the MX: the same finding a
 * direct connect would make.  Everything else is the proxy's own doing.
 */
enum stage
classify_proxy(enum proxy_fail fail, int rep, struct classification *out)
{
	memset(out, 0, sizeof(*out));
	out->verdict = VERDICT_UNREACHABLE;
	switch (fail) {
	case PROXY_FAIL_UNREACHABLE:
		out->reason = REASON_PROXY_UNREACHABLE;
		break;
	case PROXY_FAIL_AUTH:
		out->reason = REASON_PROXY_AUTH_FAILED;
		break;
	case PROXY_FAIL_REPLY:
		if (rep >= 3 && rep <= 6) {
			out->reason = REASON_CONNECTION_FAILED;
			return STAGE_CONNECT;
		}
		out->reason = rep == 2 ? REASON_PROXY_PORT25_BLOCKED :
		    REASON_PROXY_REFUSED;
		break;
	case PROXY_FAIL_NONE:
	case PROXY_FAIL_PROTOCOL:
		out->reason = REASON_PROXY_PROTOCOL_ERROR;
		break;
	}
	return STAGE_PROXY;
}
