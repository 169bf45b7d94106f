/*
 * wrap.c - terminal columns and wrapped sentences (wrap.h): the one width
 * rule (a character at or above U+1100 takes two columns) for the probe's
 * trace and explain's text alike.
 *
 * Public: wrap_span_cols(), wrap_cols(), wrap_fit(), wrap_pad(), wrap_put(),
 * wrap_put_width(), wrap_keeps_whole(), wrap_out_of(), wrap_put_value(),
 * wrap_put_escaped(), wrap_first_word_cols(), wrap_term_cols(),
 * wrap_layout_cols().
 */
#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "base/escape.h"
#include "base/termcs.h"
#include "base/utf8.h"
#include "base/wrap.h"

#define WRAP_CLOSING	"，。、；：？！）」』》】”’…,.;:!?)]}"
#define WRAP_OPENING	"（「『《【“‘([{"

/* The columns a character takes on a terminal (CJK counts two). */
static size_t
wrap_char_cols(unsigned long cp)
{
	return cp >= 0x1100 ? 2 : 1;
}

size_t
wrap_span_cols(const char *s, size_t len)
{
	size_t i, n, cols = 0;
	unsigned long cp;

	for (i = 0; i < len; i += n) {
		if ((n = utf8_decode(s + i, len - i, &cp)) == 0) {
			n = 1;
			cp = '?';
		}
		cols += wrap_char_cols(cp);
	}
	return cols;
}

size_t
wrap_cols(const char *s)
{
	return wrap_span_cols(s, strlen(s));
}

size_t
wrap_fit(const char *s, size_t cols)
{
	size_t len = strlen(s), i = 0, n, used = 0;
	unsigned long cp;

	while (i < len) {
		if ((n = utf8_decode(s + i, len - i, &cp)) == 0) {
			n = 1;
			cp = '?';
		}
		if (used + wrap_char_cols(cp) > cols)
			break;
		used += wrap_char_cols(cp);
		i += n;
	}
	return i;
}

size_t
wrap_pad(FILE *f, const char *s, size_t cols)
{
	size_t used = wrap_cols(s);

	fputs(s, f);
	for (; used < cols; used++)
		fputc(' ', f);
	return used;
}

/* True when cp is one of the characters of the UTF-8 string set. */
static bool
wrap_in(const char *set, unsigned long cp)
{
	size_t len = strlen(set), i = 0, n;
	unsigned long c;

	while (i < len && (n = utf8_decode(set + i, len - i, &c)) > 0) {
		if (c == cp)
			return true;
		i += n;
	}
	return false;
}

/* May a line end between prev and cp?  After a space; before or after a
 * wide (CJK) character, but never before a closing mark (，。）) nor
 * after an opening one (（“), never inside an ASCII word, nor between
 * one's dot, slash or @ and the Chinese word it goes on with
 * ("mail.您的域名", "mta-sts.域名": one name to type). */
static bool
wrap_may_break(unsigned long prev, unsigned long cp)
{
	if (cp == ' ' || wrap_in(WRAP_CLOSING, cp) ||
	    wrap_in(WRAP_OPENING, prev))
		return false;
	if (prev == ' ')
		return true;
	if (cp >= 0x1100)
		return prev >= 0x1100 || strchr("./@:=_-", (int)prev) == NULL;
	return prev >= 0x1100 && ((cp >= '0' && cp <= '9') ||
	    ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z'));
}

/* Whether the space-delimited word e[start..end) is, or ends in, the
 * program's name ("mxtrace", "：mxtrace"; not "/usr/bin/mxtrace"). */
static bool
wrap_is_program(const char *e, size_t start, size_t end)
{
	static const char cmd[] = "mxtrace";
	const size_t n = sizeof(cmd) - 1;
	unsigned char before;

	if (end - start < n || memcmp(e + end - n, cmd, n) != 0)
		return false;
	if (end - start == n)
		return true;
	before = (unsigned char)e[end - n - 1];
	return !isalnum(before) && strchr("/-_.", before) == NULL;
}

/*
 * Whether a break before e[i] would split a command the reader is told to
 * type ("mxtrace sender YOUR-DOMAIN", "mxtrace sender 您的域名。"): a line
 * never ends after "mxtrace", nor after the word that follows it, nor
 * inside the word after that (a Chinese argument) before its closing mark.
 * e is the whole text being laid out.
 */
static bool
wrap_in_command(const char *e, size_t i)
{
	size_t start = i, end = i, words, n;
	bool inside = i > 0 && e[i - 1] != ' ';
	unsigned long cp;

	for (words = 1; words <= 3; words++) {
		while (end > 0 && e[end - 1] == ' ')
			end--;
		for (start = end; start > 0 && e[start - 1] != ' '; start--)
			;
		if (words > 1 && wrap_is_program(e, start, end))
			break;
		if (words == 1 && !inside && wrap_is_program(e, start, end))
			return true;
		end = start;
	}
	if (words == 2)
		return true;
	if (words != 3 || !inside)
		return false;
	/* the argument, up to the break: glued until its closing mark */
	for (start = i; start > 0 && e[start - 1] != ' '; start--)
		;
	for (; start < i; start += n) {
		if ((n = utf8_decode(e + start, i - start, &cp)) == 0)
			return false;
		if (wrap_in(WRAP_CLOSING, cp))
			return false;
	}
	return true;
}

/*
 * Chinese words a line never breaks inside, though Chinese may break
 * between any two characters: a term read as one ("记录" cut into 记 and
 * 录 reads as two words).  The terms of docs/zh-glossary.md (test_glossary
 * holds each to this) and the nouns the catalogue's advice is made of.
 */
static const char *const wrap_zh_words[] = {
	/* docs/zh-glossary.md */
	"收件人", "收件方", "邮箱地址", "邮箱", "退信", "发件服务器",
	"收件服务器", "发件人", "黑名单", "灰名单", "域名", "反向解析",
	"名称", "完整域名", "全收", "邮件头", "垃圾邮件箱", "服务商", "群发者",
	"检测", "已送达", "管理公司邮箱的人", "服务器原文", "通知原文", "授权码",
	/* the advice's nouns */
	"您的域名", "记录", "服务器", "邮件服务器", "选择器", "所有者", "管理者",
	"主机商", "运营商", "正向解析", "垃圾邮件", "地址", "密钥", "签名",
	"策略", "报告", "端口", "线路", "电脑", "网段", "名单", "邮件程序",
	/* the findings' words */
	"正常", "通过", "失败", "收信", "发信", "查询", "列入", "解析", "设置",
};

/* Whether a break before e[i] falls inside one of wrap_zh_words. */
static bool
wrap_in_zh_word(const char *e, size_t i)
{
	size_t w, k, len;

	for (w = 0; w < sizeof(wrap_zh_words) / sizeof(wrap_zh_words[0]); w++) {
		len = strlen(wrap_zh_words[w]);
		/* each place between two of the word's characters */
		for (k = 1; k < len && k <= i; k++)
			if (((unsigned char)wrap_zh_words[w][k] & 0xc0) != 0x80 &&
			    strncmp(e + i - k, wrap_zh_words[w], len) == 0)
				return true;
	}
	return false;
}

/* May a line end before e[i] (cp, after prev)?  wrap_may_break, and never
 * inside a command (wrap_in_command) nor a Chinese word kept whole
 * (wrap_in_zh_word). */
static bool
wrap_break_at(const char *e, size_t i, unsigned long prev, unsigned long cp)
{
	return wrap_may_break(prev, cp) && !wrap_in_command(e, i) &&
	    !(prev >= 0x1100 && cp >= 0x1100 && wrap_in_zh_word(e, i));
}

bool
wrap_keeps_whole(const char *word)
{
	size_t len = strlen(word), i, n;
	unsigned long cp, prev = 0;

	for (i = 0; i < len; i += n) {
		if ((n = utf8_decode(word + i, len - i, &cp)) == 0)
			return false;
		if (i > 0 && wrap_break_at(word, i, prev, cp))
			return false;
		prev = cp;
	}
	return true;
}

/* Whether e[at..len) is one word: no place in it where a line may end. */
static bool
wrap_one_word(const char *e, size_t at, size_t len)
{
	size_t i, n;
	unsigned long cp, prev = 0;

	while (at < len && e[at] == ' ')
		at++;
	for (i = at; i < len; i += n) {
		if ((n = utf8_decode(e + i, len - i, &cp)) == 0) {
			n = 1;
			cp = '?';
		}
		if (i > at && wrap_break_at(e, i, prev, cp))
			return false;
		prev = cp;
	}
	return true;
}

/*
 * Where the line e[start..) that has to end at brk ends instead: at pbrk,
 * the place before, when what follows brk is the sentence's last word
 * (or Chinese character) and would stand alone on the last line - then
 * the word before goes down with it, if both fit there and the line
 * keeps half its room.  Only a short word is a widow: a command glued
 * whole ("mxtrace sender YOUR-DOMAIN.", a quarter of the line or more)
 * reads well on a line of its own and pulls no word down after it.
 */
static size_t
wrap_widow(const char *e, size_t len, size_t start, size_t line_col,
    size_t brk, size_t pbrk, size_t indent, size_t width)
{
	size_t from = pbrk, end = pbrk;

	if (pbrk <= start || !wrap_one_word(e, brk, len) ||
	    4 * wrap_span_cols(e + brk, len - brk) >= width - indent)
		return brk;
	while (from < len && e[from] == ' ')
		from++;
	while (end > start && e[end - 1] == ' ')
		end--;
	if (indent + wrap_span_cols(e + from, len - from) > width ||
	    2 * wrap_span_cols(e + start, end - start) < width - line_col)
		return brk;
	return pbrk;
}

/* Where the word at e[at..) ends: at the next place a line may end. */
static size_t
wrap_word_end(const char *e, size_t len, size_t at)
{
	size_t i, n;
	unsigned long cp, prev = 0;

	for (i = at; i < len; i += n) {
		if ((n = utf8_decode(e + i, len - i, &cp)) == 0) {
			n = 1;
			cp = '?';
		}
		if (i > at && wrap_break_at(e, i, prev, cp))
			break;
		prev = cp;
	}
	while (i > at && e[i - 1] == ' ')
		i--;
	return i;
}

/*
 * Where the word e[from..), wider than a line, is cut when the character
 * at i would pass the edge: after its last dot or slash before i (a host
 * name's label, a URL's path stay whole), else at i when it is alone
 * on its line; 0 when it is not cut here (a word that fits on a line of
 * its own, or one better begun on the next line).
 */
static size_t
wrap_split(const char *e, size_t len, size_t from, size_t i, size_t indent,
    size_t width, bool alone)
{
	size_t p;

	if (i <= from || indent + wrap_span_cols(e + from,
	    wrap_word_end(e, len, from) - from) <= width)
		return 0;
	for (p = i; p > from + 1; p--)
		if (e[p - 1] == '.' || e[p - 1] == '/')
			return p;
	return alone ? i : 0;
}

/* Ends the line at cut, inside a word, and begins the next at indent;
 * returns the column the characters up to i reach there. */
static size_t
wrap_cut(FILE *f, const char *e, size_t *start, size_t cut, size_t i,
    size_t indent)
{
	fwrite(e + *start, 1, cut - *start, f);
	fprintf(f, "\n%*s", (int)indent, "");
	*start = cut;
	return indent + wrap_span_cols(e + cut, i - cut);
}

/* The escaped e laid out from column col (wrap_put_value); on a terminal
 * (split) a word wider than a line is cut.  Returns the end column. */
static size_t
wrap_lay(FILE *f, const char *e, size_t col, size_t indent, size_t width,
    bool split)
{
	size_t len = strlen(e), i = 0, start = 0, brk = 0, pbrk = 0, cut, end;
	size_t line_col = col, n;
	unsigned long cp, prev = 0;

	while (i < len) {
		if ((n = utf8_decode(e + i, len - i, &cp)) == 0) {
			n = 1;
			cp = '?';
		}
		if (i > start && wrap_break_at(e, i, prev, cp)) {
			pbrk = brk;
			brk = i;
		}
		if (col + wrap_char_cols(cp) > width && split && brk > start &&
		    (cut = wrap_split(e, len, brk, i, indent, width, false)) > 0)
			col = line_col = wrap_cut(f, e, &start, cut, i, indent);
		else if (col + wrap_char_cols(cp) > width && brk > start) {
			cut = wrap_widow(e, len, start, line_col, brk, pbrk,
			    indent, width);
			for (end = cut; end > start && e[end - 1] == ' '; end--)
				;
			fwrite(e + start, 1, end - start, f);
			fprintf(f, "\n%*s", (int)indent, "");
			for (start = cut; start < len && e[start] == ' '; start++)
				;
			/* the columns of what moved to the new line */
			col = line_col = indent;
			col += wrap_span_cols(e + start,
			    i > start ? i - start : 0);
			pbrk = start;
			if (cut == brk)
				brk = start;
		}
		/* a word still past the edge on a line of its own */
		if (col + wrap_char_cols(cp) > width && split && brk <= start &&
		    (cut = wrap_split(e, len, start, i, indent, width, true)) > 0)
			col = line_col = wrap_cut(f, e, &start, cut, i, indent);
		if (brk < start)
			brk = start;
		if (pbrk < start)
			pbrk = start;
		col += wrap_char_cols(cp);
		prev = cp;
		i += n;
	}
	fwrite(e + start, 1, len - start, f);
	return col;
}

/* wrap_layout_cols for a terminal w columns wide (0: no terminal). */
static size_t
wrap_layout_of(size_t w)
{
	if (w == 0 || w > WRAP_COLS)
		return WRAP_COLS;
	return w < WRAP_MIN_COLS ? WRAP_MIN_COLS : w;
}

struct wrap_out
wrap_out_of(FILE *f)
{
	size_t term = wrap_term_cols(f);
	struct wrap_out o = { wrap_layout_of(term), term != 0 };

	return o;
}

/* e (escaped, owned: freed here) laid out as wrap_put_value lays out. */
static size_t
wrap_put_when(FILE *f, const struct wrap_out *o, enum wrap_when when,
    char *e, size_t col, size_t indent)
{
	if (when == WRAP_ALWAYS || (when == WRAP_ON_TERM && o->term) ||
	    (when == WRAP_ON_NARROW && o->width < WRAP_COLS))
		col = wrap_lay(f, e, col, indent, o->width, o->term);
	else {
		fputs(e, f);
		col += wrap_cols(e);
	}
	free(e);
	return col;
}

size_t
wrap_put_value(FILE *f, const struct wrap_out *o, enum wrap_when when,
    const char *s, size_t len, size_t col, size_t indent)
{
	if (s == NULL)
		return col;
	return wrap_put_when(f, o, when, esc_terminal(s, len), col, indent);
}

size_t
wrap_put_quoting(FILE *f, const struct wrap_out *o, enum wrap_when when,
    const char *s, size_t col, size_t indent)
{
	if (s == NULL)
		return col;
	return wrap_put_when(f, o, when, esc_terminal_quoting(s, strlen(s)),
	    col, indent);
}

size_t
wrap_put_escaped(FILE *f, const struct wrap_out *o, const char *e, size_t col,
    size_t indent)
{
	return wrap_lay(f, e, col, indent, o->width, o->term);
}

size_t
wrap_first_word_cols(const char *s, size_t len)
{
	char *e = esc_terminal(s, len);
	size_t n = wrap_span_cols(e, strcspn(e, " "));

	free(e);
	return n;
}

void
wrap_put_width(FILE *f, const char *text, size_t col, size_t indent,
    size_t width)
{
	struct wrap_out o = { width, wrap_term_cols(f) != 0 };

	if (text != NULL)
		(void)wrap_put_value(f, &o, WRAP_ALWAYS, text, strlen(text),
		    col, indent);
}

/* The terminal is asked once per sentence, not once for its width and
 * again for whether to cut a long word. */
void
wrap_put(FILE *f, const char *text, size_t col, size_t indent)
{
	struct wrap_out o = wrap_out_of(f);

	if (text != NULL)
		(void)wrap_put_value(f, &o, WRAP_ALWAYS, text, strlen(text),
		    col, indent);
}

size_t
wrap_term_cols(FILE *f)
{
	struct winsize ws;
	int fd = termcs_fileno(f);

	if (fd < 0 || !isatty(fd))
		return 0;
	if (ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return WRAP_COLS;
}

size_t
wrap_layout_cols(FILE *f)
{
	return wrap_layout_of(wrap_term_cols(f));
}
