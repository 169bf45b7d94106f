/*
 * zhdate.c - a Chinese mail client's date, made an RFC 5322 date.  See
 * zhdate.h.
 *
 * Public: zhdate_rfc5322().
 *
 * The forms, each from a message or page that carries it (original.c,
 * zh_fields, names them): Outlook in Chinese "2026年11月30日 星期一 10:05"
 * (Windows' long date) or "2026年11月30日 10:05"; QQ Mail "2026年11月30日
 * (星期一) 上午10:05", twelve hours and a word for the part of the day;
 * Foxmail "2026-11-30  10:05:00"; Coremail "2026-11-30 10:05:00 (星期一)";
 * NetEase Mail "2026年11月30日 10:05".  Fullwidth digits, colons, dashes,
 * slashes and brackets and the ideographic space read as their ASCII
 * selves.  None of these clients writes a time zone: the time is taken
 * as China Standard Time (+0800, also that of Hong Kong, Macau, Taiwan
 * and Singapore), the one a client writing in Chinese is in far most
 * often; docs/json.md says so.  A value that names no time (month 13,
 * 31 November, 25:00, 09:61, 下午13:00, a weekday not the date's) is no
 * date: NULL, not a guess.
 */
#include <stdio.h>
#include <string.h>

#include "base/limits.h"
#include "base/util.h"
#include "explain/zhdate.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* A fullwidth form (U+FF08..U+FF1A) and the ASCII character it is. */
static const struct {
	const char	*wide;
	char		 ascii;
} zhdate_wide[] = {
	{ "\xef\xbc\x88", '(' }, { "\xef\xbc\x89", ')' },
	{ "\xef\xbc\x8d", '-' }, { "\xef\xbc\x8f", '/' },
	{ "\xef\xbc\x9a", ':' }, { "\xe3\x80\x80", ' ' }, { "\xc2\xa0", ' ' },
};

/*
 * The parts of the day a twelve-hour time is written with (QQ Mail: "上午
 * 10:05", "晚上6:00") and how an hour 1-12 in each is one of 0-23: AM
 * (12 is midnight's hour), noon (11, 12, then 1 and 2 after), PM (12 is
 * noon's hour; 晚上12 is not said for noon, so it is no time here).
 */
enum zhdate_half { ZH_AM, ZH_NOON, ZH_PM, ZH_EVENING };

static const struct {
	const char	*word;
	enum zhdate_half half;
} zhdate_halves[] = {
	{ "凌晨", ZH_AM }, { "早上", ZH_AM }, { "上午", ZH_AM },
	{ "中午", ZH_NOON }, { "下午", ZH_PM }, { "晚上", ZH_EVENING },
};

/* The days of the week after 星期/周/礼拜, Sunday first (星期日, 星期天). */
static const char *const zhdate_wdays[] = {
	"日", "一", "二", "三", "四", "五", "六", "天",
};

/* The prefixes of a weekday's name. */
static const char *const zhdate_wprefix[] = { "星期", "礼拜", "周" };

struct zhdate_cur {
	const char	*p, *end;
};

/* s[0..len) with fullwidth forms made ASCII, in buf; its length, 0 when
 * it does not fit or holds a NUL. */
static size_t
zhdate_narrow(const char *s, size_t len, char *buf, size_t size)
{
	size_t i = 0, n = 0, k, w;

	while (i < len) {
		if (n + 1 >= size || s[i] == '\0')
			return 0;
		/* U+FF10..U+FF19, the fullwidth digits */
		if (i + 2 < len && memcmp(s + i, "\xef\xbc", 2) == 0 &&
		    (unsigned char)s[i + 2] >= 0x90 &&
		    (unsigned char)s[i + 2] <= 0x99) {
			buf[n++] = (char)('0' + (unsigned char)s[i + 2] - 0x90);
			i += 3;
			continue;
		}
		for (k = 0; k < NELEM(zhdate_wide); k++) {
			w = strlen(zhdate_wide[k].wide);
			if (i + w <= len && memcmp(s + i, zhdate_wide[k].wide,
			    w) == 0)
				break;
		}
		if (k < NELEM(zhdate_wide)) {
			buf[n++] = zhdate_wide[k].ascii;
			i += strlen(zhdate_wide[k].wide);
		} else
			buf[n++] = s[i++];
	}
	return n;
}

static void
zhdate_blanks(struct zhdate_cur *c)
{
	while (c->p < c->end && (*c->p == ' ' || *c->p == '\t'))
		c->p++;
}

/* Whether the text at the cursor is word (then passed over). */
static int
zhdate_word(struct zhdate_cur *c, const char *word)
{
	size_t n = strlen(word);

	if ((size_t)(c->end - c->p) < n || memcmp(c->p, word, n) != 0)
		return 0;
	c->p += n;
	return 1;
}

/* A number of min to max digits at the cursor, in *v; 0 when none. */
static int
zhdate_num(struct zhdate_cur *c, int min, int max, int *v)
{
	int n = 0;

	*v = 0;
	while (c->p < c->end && *c->p >= '0' && *c->p <= '9' && n < max) {
		*v = *v * 10 + (*c->p++ - '0');
		n++;
	}
	return n >= min && !(c->p < c->end && *c->p >= '0' && *c->p <= '9');
}

/*
 * A weekday at the cursor ("星期一", "(星期一)", "周一"), 0 Sunday .. 6, in
 * *wday; -1 when there is none; -2 when it is broken (a bracket left
 * open, a name unknown).
 */
static int
zhdate_weekday(struct zhdate_cur *c, int *wday)
{
	struct zhdate_cur at = *c;
	int bracket = zhdate_word(c, "(");
	size_t i;

	for (i = 0; i < NELEM(zhdate_wprefix); i++)
		if (zhdate_word(c, zhdate_wprefix[i]))
			break;
	if (i == NELEM(zhdate_wprefix)) {
		*c = at;
		return bracket ? -2 : -1;
	}
	for (i = 0; i < NELEM(zhdate_wdays); i++)
		if (zhdate_word(c, zhdate_wdays[i]))
			break;
	if (i == NELEM(zhdate_wdays) || (bracket && !zhdate_word(c, ")")))
		return -2;
	*wday = i == 7 ? 0 : (int)i;
	return 0;
}

/* The hour 0-23 of hour h (1-12, or 0 for the AM) in a part of the day;
 * -1 when it names none. */
static int
zhdate_hour24(enum zhdate_half half, int h)
{
	switch (half) {
	case ZH_AM:
		return h <= 12 ? h % 12 : -1;
	case ZH_NOON:
		return h == 11 || h == 12 ? h : h >= 1 && h <= 2 ? h + 12 : -1;
	case ZH_PM:
		return h >= 1 && h <= 12 ? h % 12 + 12 : -1;
	case ZH_EVENING:
		return h >= 1 && h <= 11 ? h + 12 : -1;
	}
	return -1;
}

static int
zhdate_mdays(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

/* The day of the week of a Gregorian date, 0 Sunday (Sakamoto's method). */
static int
zhdate_wday(int y, int m, int d)
{
	static const int t[] = { 0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4 };

	if (m < 3)
		y--;
	return (y + y / 4 - y / 100 + y / 400 + t[m - 1] + d) % 7;
}

char *
zhdate_rfc5322(const char *s, size_t len)
{
	static const char *const wnames[] = { "Sun", "Mon", "Tue", "Wed",
	    "Thu", "Fri", "Sat" };
	static const char *const mnames[] = { "Jan", "Feb", "Mar", "Apr",
	    "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	char buf[EXPLAIN_ZHDATE_MAX];
	const char *sep;
	struct zhdate_cur c;
	int y, m, d, h, mi, sec = 0, wday = -1, w, cn;
	size_t i, n;

	if ((n = zhdate_narrow(s, len, buf, sizeof(buf))) == 0)
		return NULL;
	c.p = buf;
	c.end = buf + n;
	zhdate_blanks(&c);
	/* 2026年11月30日, 2026-11-30, 2026/11/30 */
	if (!zhdate_num(&c, 4, 4, &y))
		return NULL;
	cn = zhdate_word(&c, "年");
	sep = cn ? "月" : zhdate_word(&c, "-") ? "-" : zhdate_word(&c, "/") ?
	    "/" : NULL;
	if (sep == NULL || !zhdate_num(&c, 1, 2, &m) || !zhdate_word(&c, sep) ||
	    !zhdate_num(&c, 1, 2, &d) || (cn && !zhdate_word(&c, "日")))
		return NULL;
	zhdate_blanks(&c);
	if (zhdate_weekday(&c, &wday) == -2)
		return NULL;
	zhdate_blanks(&c);
	for (i = 0; i < NELEM(zhdate_halves); i++)
		if (zhdate_word(&c, zhdate_halves[i].word))
			break;
	zhdate_blanks(&c);
	if (!zhdate_num(&c, 1, 2, &h) || !zhdate_word(&c, ":") ||
	    !zhdate_num(&c, 2, 2, &mi))
		return NULL;
	if (zhdate_word(&c, ":") && !zhdate_num(&c, 2, 2, &sec))
		return NULL;
	zhdate_blanks(&c);
	if (wday < 0 && zhdate_weekday(&c, &wday) == -2)
		return NULL;
	zhdate_blanks(&c);
	if (c.p != c.end)
		return NULL;
	if (i < NELEM(zhdate_halves))
		h = zhdate_hour24(zhdate_halves[i].half, h);
	if (y < 1900 || m < 1 || m > 12 || d < 1 || d > zhdate_mdays(y, m) ||
	    h < 0 || h > 23 || mi > 59 || sec > 59)
		return NULL;
	w = zhdate_wday(y, m, d);
	if (wday >= 0 && wday != w)
		return NULL;
	return xasprintf("%s, %d %s %04d %02d:%02d:%02d +0800", wnames[w], d,
	    mnames[m - 1], y, h, mi, sec);
}
