/*
 * test_listin.c - verify's input reader on plain lists and CSV: comments,
 * BOM, CRLF, header names (email, 邮箱), --column by name and number,
 * quoted fields with commas and newlines, overlong lines and records,
 * repeated or empty header names, empty input, binary garbage, invisible
 * spaces (U+FEFF, U+00A0, U+200B, U+3000) around an address, the input hash, and
 * input encodings (GB18030, UTF-16 LE/BE with BOM, Big5, Shift-JIS,
 * Latin-1, forced with --encoding), also across the reader's chunks;
 * every reading's rows again from the spool (listin_rewind) the same with
 * the input spoilt, a damaged spool (rowspool.c) an error, and a spool
 * that cannot be written (a full /tmp) said as such at the input's end.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <unistd.h>

#include "input/encoding.h"
#include "input/listin.h"
#include "input/rowspool.h"

static FILE *
mem(const char *s, size_t len)
{
	FILE *f = tmpfile();

	assert_non_null(f);
	assert_int_equal(fwrite(s, 1, len, f), len);
	rewind(f);
	return f;
}

/* Append len bytes to the growing buffer *b (*n used). */
static void
put(char **b, size_t *n, const void *p, size_t len)
{
	*b = realloc(*b, *n + len + 1);
	assert_non_null(*b);
	memcpy(*b + *n, p, len);
	*n += len;
	(*b)[*n] = '\0';
}

/*
 * One row whole into *b: its number, address, error, and each cell with
 * its length (a cell may hold NULs).
 */
static void
put_row(char **b, size_t *n, const struct listin_row *r)
{
	char num[64];
	size_t i;

	put(b, n, num, (size_t)snprintf(num, sizeof(num), "%lu:%zu:%s:%zu:",
	    r->row, r->addrlen, r->error ? r->error : "-", r->nfields));
	put(b, n, r->addr, r->addrlen);
	for (i = 0; i < r->nfields; i++) {
		put(b, n, num, (size_t)snprintf(num, sizeof(num), "/%zu:",
		    r->lens[i]));
		put(b, n, r->fields[i], r->lens[i]);
	}
	put(b, n, "|", 1);
}

/*
 * l was read to its end from f, its rows were first (firstlen bytes, as
 * put_row writes them): with the input spoilt, listin_rewind hands out
 * the same rows from the spool, also after a rewind in the middle.
 */
static void
assert_replays(struct listin *l, FILE *f, const char *first, size_t firstlen)
{
	struct listin_row r;
	char *again = NULL;
	size_t n = 0;
	int rv;

	assert_int_equal(ftruncate(fileno(f), 0), 0);
	rewind(f);
	assert_int_equal(fwrite("email\nspoilt@x.test\n", 1, 20, f), 20);
	fflush(f);
	assert_int_equal(listin_rewind(l), 0);
	if (listin_next(l, &r) > 0)
		assert_int_equal(listin_rewind(l), 0);
	while ((rv = listin_next(l, &r)) > 0)
		put_row(&again, &n, &r);
	assert_int_equal(rv, 0);
	if (n != firstlen || (n > 0 && memcmp(again, first, n) != 0))
		fail_msg("replayed %zu bytes, read %zu first", n, firstlen);
	free(again);
}

/*
 * Read every row into "row:addr|row:addr|..." (errors as row:!), through
 * a spool whose rows must be the same (assert_replays).
 */
static char *
rows_of(const char *s, size_t len, const char *column, char **err)
{
	FILE *f = mem(s, len), *spool = tmpfile();
	struct listin_opts o = { column, NULL, spool, NULL };
	struct listin_row r;
	struct listin *l;
	char *out = calloc(1, 1 << 20), *full = NULL;
	size_t n = 0, nfull = 0;

	*err = NULL;
	assert_non_null(spool);
	if ((l = listin_open(f, &o, err)) == NULL) {
		fclose(f);
		fclose(spool);
		free(out);
		return NULL;
	}
	while (listin_next(l, &r) > 0) {
		n += (size_t)snprintf(out + n, (1 << 20) - n, "%lu:%s|", r.row,
		    r.error ? "!" : r.addr);
		put_row(&full, &nfull, &r);
	}
	assert_replays(l, f, full, nfull);
	free(full);
	listin_close(l);
	fclose(f);
	fclose(spool);
	return out;
}

struct lcase {
	const char	*name;
	const char	*in;
	const char	*column;
	const char	*want;		/* NULL: open fails */
	int		 csv;
};

static void
test_cases(void **state)
{
	static const struct lcase c[] = {
		{ "plain", "a@x.test\n# c\n\n  b@y.test  \n", NULL,
		  "1:a@x.test|4:b@y.test|", 0 },
		{ "plain no final newline", "a@x.test\nb@y.test", NULL,
		  "1:a@x.test|2:b@y.test|", 0 },
		{ "plain CRLF and BOM", "\xef\xbb\xbf" "a@x.test\r\nb@y.test\r\n", NULL,
		  "1:a@x.test|2:b@y.test|", 0 },
		{ "csv email header", "name,Email\nAnn,a@x.test\nBo,b@y.test\n", NULL,
		  "2:a@x.test|3:b@y.test|", 1 },
		{ "csv BOM CRLF e-mail", "\xef\xbb\xbf" "E-Mail,name\r\na@x.test,A\r\n",
		  NULL, "2:a@x.test|", 1 },
		{ "csv semicolon", "id;mail\n1;a@x.test\n", NULL, "2:a@x.test|", 1 },
		{ "csv chinese header", "\xe5\xa7\x93\xe5\x90\x8d,\xe9\x82\xae\xe7\xae\xb1\n"
		  "\xe5\xbc\xa0,a@x.test\n", NULL, "2:a@x.test|", 1 },
		{ "csv quoted comma newline", "email,note\n\"a@x.test\",\"x, y\nz\"\n"
		  "b@y.test,plain\n", NULL, "2:a@x.test|3:b@y.test|", 1 },
		{ "column by name", "who,addr\nAnn,a@x.test\n", "addr", "2:a@x.test|", 1 },
		{ "column by number", "who,addr\nAnn,a@x.test\n", "2", "2:a@x.test|", 1 },
		{ "short record", "name,email\nAnn\nBo,b@y.test\n", NULL, "2:|3:b@y.test|", 1 },
		{ "one-column csv", "email\na@x.test\n", NULL, "2:a@x.test|", 1 },
		{ "csv rows a spreadsheet saved empty", "name,email\r\nAnn,a@x.test\r\n"
		  ",\r\n , \xc2\xa0\r\n\"\",\r\nBo,b@y.test\r\n", NULL,
		  "2:a@x.test|6:b@y.test|", 1 },
		{ "tab-separated empty row", "name\temail\nAnn\ta@x.test\n\t\n"
		  "Bo\tb@y.test\n", NULL, "2:a@x.test|4:b@y.test|", 1 },
		{ "no address column", "name,phone\nAnn,1\n", NULL, NULL, 1 },
		/* a row's number is the row Excel shows: empty lines are
		 * rows, a quoted cell's line breaks are not */
		{ "csv empty lines are rows", "name,email\n\nAnn,a@x.test\n\n\n"
		  "Bo,b@y.test\n", NULL, "3:a@x.test|6:b@y.test|", 1 },
		{ "csv CRLF empty lines are rows", "name,email\r\n\r\n"
		  "Ann,a@x.test\r\n\r\nBo,b@y.test\r\n\r\n", NULL,
		  "3:a@x.test|5:b@y.test|", 1 },
		{ "csv empty lines above the header", "\r\n\r\nname,email\r\n"
		  "Ann,a@x.test\r\n", NULL, "4:a@x.test|", 1 },
		{ "csv an empty line in a quoted cell is not a row",
		  "email,note\n\"a@x.test\",\"x\n\ny\"\n\nb@y.test,z", NULL,
		  "2:a@x.test|4:b@y.test|", 1 },
		/* a sheet's title above its header, saved as CSV: passed,
		 * the rows keep the sheet's numbers */
		{ "csv title above the header", "2026\xe5\xb9\xb4,,\r\n"
		  "name,email,phone\r\nAnn,a@x.test,1\r\n", NULL, "3:a@x.test|", 1 },
		{ "csv title and a note above the header", "T,,\nnote: x,,\n"
		  "name,email\nAnn,a@x.test\n", NULL, "4:a@x.test|", 1 },
		{ "title alone on its line above the header",
		  "Customers\nname;email\nAnn;a@x.test\n", NULL, "3:a@x.test|", 1 },
		{ "an address above the header is not passed over",
		  "T,,\nAnn,a@x.test,1\nname,email,phone\n", NULL, NULL, 1 },
		{ "commas in a plain list", "a@x.test, b\nc@y.test\n", NULL,
		  "1:a@x.test, b|2:c@y.test|", 0 },
		{ "column out of range", "a,b\n1,2\n", "3", NULL, 1 },
		{ "no such column", "a,b\n1,2\n", "zz", NULL, 1 },
		{ "empty", "", NULL, NULL, 0 },
		{ "only BOM and blanks", "\xef\xbb\xbf \n\n", NULL, NULL, 0 },
		{ "invisible spaces trimmed", "a@x.test\n\xef\xbb\xbf" "b@y.test\n"
		  "\xc2\xa0" "c@y.test\xc2\xa0\xe2\x80\x8b\n", NULL,
		  "1:a@x.test|2:b@y.test|3:c@y.test|", 0 },
		{ "csv NBSP around the address", "email\n\xc2\xa0" "a@x.test \xc2\xa0\n",
		  NULL, "2:a@x.test|", 1 },
		{ "only invisible", "\xef\xbb\xbf\n\xc2\xa0\n", NULL, "", 0 },
		/* a cell copied from a Chinese document: the ideographic
		 * spaces an input method types go as the others do, and a
		 * line or row of them alone is blank, not an address row */
		{ "csv ideographic spaces around the address",
		  "name,email\n\xe5\xbc\xa0,\xe3\x80\x80" "a@x.test\xe3\x80\x80\n"
		  "\xe3\x80\x80,\xe3\x80\x80\nBo,b@y.test\n", NULL,
		  "2:a@x.test|4:b@y.test|", 1 },
		{ "plain ideographic spaces", "\xe3\x80\x80" "a@x.test\xe3\x80\x80\n"
		  "\xe3\x80\x80\n\xe3\x80\x80# note\nb@y.test\n", NULL,
		  "1:a@x.test|4:b@y.test|", 0 },
		{ "--column names a header cell in ideographic spaces",
		  "who,\xe3\x80\x80\xe9\x82\xae\xe7\xae\xb1\xe3\x80\x80\nAnn,a@x.test\n",
		  "\xe9\x82\xae\xe7\xae\xb1", "2:a@x.test|", 1 },
	};
	size_t i;
	char *got, *err;

	(void)state;
	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		got = rows_of(c[i].in, strlen(c[i].in), c[i].column, &err);
		if (c[i].want == NULL) {
			if (got != NULL)
				fail_msg("%s: opened, rows %s", c[i].name, got);
			assert_non_null(err);
			free(err);
			continue;
		}
		if (got == NULL)
			fail_msg("%s: %s", c[i].name, err);
		if (strcmp(got, c[i].want) != 0)
			fail_msg("%s: got %s want %s", c[i].name, got, c[i].want);
		free(got);
	}
}

/*
 * --column 邮箱 where the header says 邮箱地址: the refusal names the
 * header's columns, so the user can copy the right one.
 */
static void
test_column_not_found_names_them(void **state)
{
	static const char s[] = "\xe5\xa7\x93\xe5\x90\x8d,"	/* 姓名 */
	    "\xe9\x82\xae\xe7\xae\xb1\xe5\x9c\xb0\xe5\x9d\x80,note\n"	/* 邮箱地址 */
	    "A,a@x.test,\n";
	char *got, *err;

	(void)state;
	got = rows_of(s, sizeof(s) - 1, "\xe9\x82\xae\xe7\xae\xb1", &err);
	assert_null(got);
	assert_non_null(err);
	if (strstr(err, "its columns: \xe5\xa7\x93\xe5\x90\x8d, "
	    "\xe9\x82\xae\xe7\xae\xb1\xe5\x9c\xb0\xe5\x9d\x80, note") == NULL)
		fail_msg("the columns not named in: %s", err);
	free(err);
}

/* Repeated or empty header cells get distinct names: nothing overwritten. */
static void
test_column_names_distinct(void **state)
{
	const char *s = "email,Name,Name,, ,Name\na@x.test,1,2,3,4,5\n";
	char *err;
	FILE *f = mem(s, strlen(s));
	struct listin *l = listin_open(f, NULL, &err);

	(void)state;
	assert_non_null(l);
	assert_int_equal(listin_ncolumns(l), 6);
	assert_string_equal(listin_column(l, 1), "Name");
	assert_string_equal(listin_column(l, 2), "column 3");
	assert_string_equal(listin_column(l, 3), "column 4");
	assert_string_equal(listin_column(l, 4), "column 5");
	assert_string_equal(listin_column(l, 5), "column 6");
	listin_close(l);
	fclose(f);
}

static void
test_format_and_columns(void **state)
{
	const char *s = "Name,Email,Note\nAnn,a@x.test,\"=1+1\"\n";
	struct listin_row r;
	char *err;
	FILE *f = mem(s, strlen(s));
	struct listin *l = listin_open(f, NULL, &err);

	(void)state;
	assert_non_null(l);
	assert_int_equal(listin_format(l), LISTIN_CSV);
	assert_int_equal(listin_ncolumns(l), 3);
	assert_string_equal(listin_column(l, 2), "Note");
	assert_int_equal(listin_addr_column(l), 1);
	assert_int_equal(listin_next(l, &r), 1);
	assert_int_equal(r.nfields, 3);
	assert_string_equal(r.fields[2], "=1+1");
	assert_int_equal(listin_next(l, &r), 0);
	listin_close(l);
	fclose(f);
}

/* A 1 MB line or field is one row with an error; the rows after it survive. */
static void
test_overlong(void **state)
{
	size_t big = 1 << 20, n;
	char *s = malloc(big + 100), *got, *err;

	(void)state;
	n = (size_t)sprintf(s, "a@x.test\n");
	memset(s + n, 'x', big);
	n += big;
	n += (size_t)sprintf(s + n, "\nb@y.test\n");
	got = rows_of(s, n, NULL, &err);
	assert_non_null(got);
	assert_string_equal(got, "1:a@x.test|2:!|3:b@y.test|");
	free(got);

	n = (size_t)sprintf(s, "email,note\na@x.test,\"");
	memset(s + n, 'y', big);
	n += big;
	n += (size_t)sprintf(s + n, "\"\nb@y.test,ok\n");
	got = rows_of(s, n, NULL, &err);
	assert_non_null(got);
	assert_string_equal(got, "2:!|3:b@y.test|");
	free(got);
	free(s);
}

/* Binary garbage: rows of whatever, or a clean error; never a crash. */
static void
test_garbage(void **state)
{
	char buf[70000], *got, *err;
	size_t i;
	unsigned x = 12345;

	(void)state;
	for (i = 0; i < sizeof(buf); i++) {
		x = x * 1103515245 + 12345;
		buf[i] = (char)(x >> 16);
	}
	got = rows_of(buf, sizeof(buf), NULL, &err);
	if (got == NULL) {
		assert_non_null(err);
		free(err);
	}
	free(got);
	got = rows_of(buf, sizeof(buf), "1", &err);
	free(got);
	free(err);
}

/*
 * The first bytes of a workbook (a ZIP cut short, an old .xls): refused
 * with a message that says how to save a CSV, never read as rows of
 * "invalid addresses" (whole workbooks: test_xlsx).
 */
static void
test_workbook(void **state)
{
	static const char xlsx[] = "PK\x03\x04\x14\x00\x06\x00\x08\x00"
	    "[Content_Types].xml alice@x.test\n";
	static const char xls[] = "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
	    "\0\0\0\0 alice@x.test\n";
	struct listin_opts gb = { NULL, "GB18030", NULL, NULL };
	char *got, *err;
	FILE *f;

	(void)state;
	got = rows_of(xlsx, sizeof(xlsx) - 1, NULL, &err);
	assert_null(got);
	assert_non_null(err);
	assert_non_null(strstr(err, "Excel workbook"));
	assert_non_null(strstr(err, "CSV"));
	free(err);
	got = rows_of(xls, sizeof(xls) - 1, "1", &err);
	assert_null(got);
	assert_non_null(err);
	assert_non_null(strstr(err, "Excel workbook"));
	free(err);
	/* --encoding does not make a workbook text */
	f = mem(xlsx, sizeof(xlsx) - 1);
	err = NULL;
	assert_null(listin_open(f, &gb, &err));
	assert_non_null(err);
	free(err);
	fclose(f);
}

/*
 * A PDF, a screenshot and mxtrace's own records are no list: refused with
 * what to give instead, never read as rows (a results.jsonl given back
 * would be probed again, the catch-all check's random addresses too).
 * A list whose first address merely starts with such bytes is read.
 */
static void
test_foreign(void **state)
{
	static const struct {
		const char	*in;
		const char	*said;
	} refused[] = {
		{ "%PDF-1.4\nalice@x.test\n", "PDF" },
		{ "\x89PNG\r\n\x1a\nalice@x.test\n", "image" },
		{ "\xff\xd8\xff\xe0 alice@x.test\n", "image" },
		{ "GIF89a alice@x.test\n", "image" },
		{ "{\"summary\":\"bad\",\"address\":\"mxtrace-1f2e@x.test\"}\n",
		  "mxtrace report" },
		{ "{\"record\":\"explain\",\"file\":\"b.eml\"}\n", "own JSON" },
		{ "{\"command\":\"sender\",\"domains\":[]}\n", "own JSON" },
	};
	static const char list[] = "{\"summary\":\"x\"}@x.test\nbob@x.test\n";
	char *got, *err;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		got = rows_of(refused[i].in, strlen(refused[i].in), NULL, &err);
		if (got != NULL)
			fail_msg("case %zu read as rows: %s", i, got);
		assert_non_null(err);
		if (strstr(err, refused[i].said) == NULL)
			fail_msg("case %zu: %s", i, err);
		free(err);
	}
	got = rows_of(list, sizeof(list) - 1, NULL, &err);
	assert_non_null(got);
	assert_non_null(strstr(got, "bob@x.test"));
	free(got);
	free(err);
}

static void
test_sha256(void **state)
{
	static const char s[] = "abc";
	unsigned char d[32];
	char *err;
	struct listin_row r;
	FILE *f = mem(s, 3);
	struct listin *l = listin_open(f, NULL, &err);

	(void)state;
	assert_non_null(l);
	while (listin_next(l, &r) > 0)
		;
	listin_sha256(l, d);
	assert_int_equal(d[0], 0xba);	/* SHA-256("abc") = ba7816bf... */
	assert_int_equal(d[1], 0x78);
	assert_int_equal(d[31], 0xad);
	assert_int_equal(listin_bytes(l), 3);
	listin_close(l);
	fclose(f);
}

/*
 * Read s (len bytes) with encoding forced (or NULL) and return row 2's
 * fields "f0|f1|"; the rows replayed from the spool are the same.
 */
static char *
fields_of(const char *s, size_t len, const char *forced, char *enc,
    size_t nrows)
{
	FILE *f = mem(s, len), *spool = tmpfile();
	struct listin_opts o = { NULL, forced, spool, NULL };
	struct listin_row r;
	struct listin *l;
	char *err, *out = calloc(1, 1 << 16), *full = NULL;
	size_t n = 0, i, rows = 0, nfull = 0;

	l = listin_open(f, &o, &err);
	if (l == NULL)
		fail_msg("open: %s", err);
	snprintf(enc, 32, "%s", listin_encoding(l, NULL));
	while (listin_next(l, &r) > 0) {
		rows++;
		put_row(&full, &nfull, &r);
		if (r.row != 2)
			continue;
		for (i = 0; i < r.nfields; i++)
			n += (size_t)snprintf(out + n, (1 << 16) - n, "%s|",
			    r.fields[i]);
	}
	assert_int_equal(rows, nrows);
	assert_replays(l, f, full, nfull);
	free(full);
	listin_close(l);
	fclose(f);
	fclose(spool);
	return out;
}

/* The header's names of s read without --encoding, "a/b/c". */
static char *
header_of(const char *s, size_t len)
{
	struct listin *l;
	char *err, *out = calloc(1, 4096);
	FILE *f = mem(s, len);
	size_t i, n = 0;

	if ((l = listin_open(f, NULL, &err)) == NULL)
		fail_msg("open: %s", err);
	for (i = 0; i < listin_ncolumns(l); i++)
		n += (size_t)snprintf(out + n, 4096 - n, "%s%s", i ? "/" : "",
		    listin_column(l, i));
	listin_close(l);
	fclose(f);
	return out;
}

/* s read without --encoding: detected as want_enc, row 2 is want. */
static void
read_as(const char *s, size_t len, const char *want_enc, const char *want,
    size_t nrows)
{
	char enc[32], *got = fields_of(s, len, NULL, enc, nrows);

	assert_string_equal(enc, want_enc);
	assert_string_equal(got, want);
	free(got);
}

static void
test_encodings(void **state)
{
	/* 公司,邮箱 / 北京华强电子,a@x.test in GB18030 */
	static const char gb[] = "\xb9\xab\xcb\xbe,\xd3\xca\xcf\xe4\n"
	    "\xb1\xb1\xbe\xa9\xbb\xaa\xc7\xbf\xb5\xe7\xd7\xd3,a@x.test\n";
	static const char gb_utf8[] = "\xe5\x8c\x97\xe4\xba\xac\xe5\x8d\x8e"
	    "\xe5\xbc\xba\xe7\x94\xb5\xe5\xad\x90|a@x.test|";
	/* Name<TAB>Email / Zoë<TAB>a@x.test, UTF-16LE and BE with BOM */
	static const char u16le[] = "\xff\xfeN\0a\0m\0e\0\t\0E\0m\0a\0i\0l\0\r\0\n\0"
	    "Z\0o\0\xeb\0\t\0a\0@\0x\0.\0t\0e\0s\0t\0\r\0\n\0";
	static const char u16be[] = "\xfe\xff\0N\0a\0m\0e\0\t\0E\0m\0a\0i\0l\0\n"
	    "\0Z\0o\0\xeb\0\t\0a\0@\0x\0.\0t\0e\0s\0t\0\n";
	/* Firma;E-Mail / Müller GmbH;a@x.test in Latin-1 */
	static const char l1[] = "Firma;E-Mail\nM\xfcller GmbH;a@x.test\n";
	char enc[32], name[ENCODING_NAME_MAX], *got;

	(void)state;
	read_as(gb, sizeof(gb) - 1, "GB18030", gb_utf8, 1);
	read_as(u16le, sizeof(u16le) - 1, "UTF-16LE", "Zo\xc3\xab|a@x.test|", 1);
	read_as(u16be, sizeof(u16be) - 1, "UTF-16BE", "Zo\xc3\xab|a@x.test|", 1);
	got = fields_of(l1, sizeof(l1) - 1, "WINDOWS-1252", enc, 1);
	assert_string_equal(got, "M\xc3\xbcller GmbH|a@x.test|");
	free(got);
	/* forced by its Windows name */
	assert_int_equal(encoding_canonical("gbk", name), 0);
	assert_string_equal(name, "GB18030");
	got = fields_of(gb, sizeof(gb) - 1, name, enc, 1);
	assert_string_equal(got, gb_utf8);
	free(got);
	assert_int_equal(encoding_canonical("latin1", name), 0);
	assert_string_equal(name, "WINDOWS-1252");
	assert_int_equal(encoding_canonical("klingon-8", name), -1);
}

/*
 * Detection without a BOM: UTF-16 by the NULs of its ASCII, read as its
 * UTF-8 twin; GB18030 whose only Chinese is one name column; samples too
 * short for uchardet take the documented fallback, and say so.
 */
#define ZHANG_WEI	"\xe5\xbc\xa0\xe4\xbc\x9f"	/* 张伟 in UTF-8 */

static void
test_detect_without_bom(void **state)
{
	/* Name<TAB>Email / 张伟<TAB>a@x.test in UTF-16LE and BE, no BOM */
	static const char u16le[] = "N\0a\0m\0e\0\t\0E\0m\0a\0i\0l\0\r\0\n\0"
	    "\x20\x5f\x1f\x4f\t\0a\0@\0x\0.\0t\0e\0s\0t\0\r\0\n\0";
	static const char u16be[] = "\0N\0a\0m\0e\0\t\0E\0m\0a\0i\0l\0\n"
	    "\x5f\x20\x4f\x1f\0\t\0a\0@\0x\0.\0t\0e\0s\0t\0\n";
	/* Company,Contact,Email / Huaqiang,张伟,a@x.test: GB18030 */
	static const char gbname[] = "Company,Contact,Email\n"
	    "Huaqiang,\xd5\xc5\xce\xb0,a@x.test\n"
	    "Mingyuan,\xc0\xee\xc4\xc8,b@x.test\n";
	static const struct {
		const char	*s;
		size_t		 len;
		const char	*want;
		enum encoding_how how;
	} t[] = {
		{ u16le, sizeof(u16le) - 1, "UTF-16LE", ENCODING_SURE },
		{ u16be, sizeof(u16be) - 1, "UTF-16BE", ENCODING_SURE },
		{ gbname, sizeof(gbname) - 1, "GB18030", ENCODING_FALLBACK },
		/* 张伟,a@x.test: uchardet says KOI8-R, not a list's encoding */
		{ "\xd5\xc5\xce\xb0,a@x.test\n", 14, "GB18030",
		    ENCODING_FALLBACK },
		/* 王芳 alone: four bytes */
		{ "\xcd\xf5\xb7\xbc\n", 5, "GB18030", ENCODING_FALLBACK },
		/* 投递失败 (GBK): uchardet says UTF-8, which bytes that are not
		 * valid UTF-8 cannot be */
		{ "\xcd\xb6\xb5\xdd\xca\xa7\xb0\xdc\n", 9, "GB18030",
		    ENCODING_FALLBACK },
		/* Müller;a@x.test in Latin-1: ü pairs with no second byte */
		{ "M\xfcller;a@x.test\n", 16, "WINDOWS-1252",
		    ENCODING_FALLBACK },
		/* ASCII with one NUL is not UTF-16 */
		{ "a@x.test\0\n", 10, "UTF-8", ENCODING_SURE },
		{ "a\0", 2, "UTF-8", ENCODING_SURE },
		/* NULs on both sides: neither UTF-16 */
		{ "a\0\0b\0\0c\0\0d\0\0", 12, "UTF-8", ENCODING_SURE },
		/* junk with control bytes is no text: not letters of 1252 */
		{ "\x01\x9f\xff\x02junk\n\xff\xfe@x.test\n", 18, "UTF-8",
		    ENCODING_BINARY },
		/* TAB, CR, FF are text */
		{ "M\xfcller\ta@x.test\r\n\f", 18, "WINDOWS-1252",
		    ENCODING_FALLBACK },
	};
	char name[ENCODING_NAME_MAX];
	enum encoding_how how;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		encoding_detect(t[i].s, t[i].len, true, name, &how);
		if (strcmp(name, t[i].want) != 0 || how != t[i].how)
			fail_msg("case %zu: %s (how %d), want %s (how %d)", i,
			    name, (int)how, t[i].want, (int)t[i].how);
	}
	/* read as their UTF-8 twin, the header's first letter kept (there
	 * is no BOM to skip) */
	read_as(u16le, sizeof(u16le) - 1, "UTF-16LE", ZHANG_WEI "|a@x.test|", 1);
	read_as(u16be, sizeof(u16be) - 1, "UTF-16BE", ZHANG_WEI "|a@x.test|", 1);
	for (i = 0; i < 2; i++) {
		char *h = header_of(t[i].s, t[i].len);

		assert_string_equal(h, "Name/Email");
		free(h);
	}
	read_as(gbname, sizeof(gbname) - 1, "GB18030",
	    "Huaqiang|" ZHANG_WEI "|a@x.test|", 2);
}

/*
 * Short lists as Excel saves them in Taiwan and Hong Kong (Big5), in
 * mainland China (GBK) and in Western Europe (Latin-1), a header and a row
 * or two: uchardet calls the Chinese ones WINDOWS-1252, which they are
 * not (every non-ASCII byte pairs up, in runs); the Latin-1 ones, whose
 * accented letters stand among ASCII ones inside words, stay WINDOWS-1252.
 */
static void
test_short_chinese_lists(void **state)
{
	static const struct {
		const char	*s;
		const char	*want_enc;
		const char	*want;	/* the first data row */
	} t[] = {
		/* 名稱,郵箱 / 富邦金控 (Taiwan) */
		{ "\xa6W\xba\xd9,\xb6l\xbd" "c\r\n\xb4I\xa8\xb9\xaa\xf7\xb1\xb1,service@example.com.tw\r\n",
		    "BIG5", "\xe5\xaf\x8c\xe9\x82\xa6\xe9\x87\x91\xe6\x8e\xa7|service@example.com.tw|" },
		/* Name,Company,Email / 陳建宏,Acer */
		{ "Name,Company,Email\r\n\xb3\xaf\xab\xd8\xa7\xbb,Acer,chen@example.com.tw\r\n",
		    "BIG5", "\xe9\x99\xb3\xe5\xbb\xba\xe5\xae\x8f|Acer|chen@example.com.tw|" },
		/* Contact,Email / 黃雅婷, 蔡承軒 */
		{ "Contact,Email\r\n\xb6\xc0\xb6\xae\xb4@,huang@example.com.tw\r\n\xbd\xb2\xa9\xd3\xb0" "a,tsai@example.com.tw\r\n",
		    "BIG5", "\xe9\xbb\x83\xe9\x9b\x85\xe5\xa9\xb7|huang@example.com.tw|" },
		/* 公司,聯絡人,電郵 / 長江實業,李嘉欣 (Hong Kong) */
		{ "\xa4\xbd\xa5q,\xc1p\xb5\xb8\xa4H,\xb9q\xb6l\r\n\xaa\xf8\xa6\xbf\xb9\xea\xb7~,\xa7\xf5\xb9\xc5\xaaY,lee@example.com.hk\r\n",
		    "BIG5", "\xe9\x95\xb7\xe6\xb1\x9f\xe5\xaf\xa6\xe6\xa5\xad|\xe6\x9d\x8e\xe5\x98\x89\xe6\xac\xa3|lee@example.com.hk|" },
		/* Contact,Email / 何燕 */
		{ "Contact,Email\r\n\xba\xce\xd1\xe0,heyan@example.cn\r\n",
		    "GB18030", "\xe4\xbd\x95\xe7\x87\x95|heyan@example.cn|" },
		/* Contact,Email / 陈杰, 莫军 */
		{ "Contact,Email\r\n\xb3\xc2\xbd\xdc,chenjie@example.cn\r\n\xc4\xaa\xbe\xfc,mojun@example.cn\r\n",
		    "GB18030", "\xe9\x99\x88\xe6\x9d\xb0|chenjie@example.cn|" },
		/* Ñuñez / Björn Åström,Hydro-Québec */
		{ "Name,Company,Email\r\n\xd1u\xf1" "ez,Volvo AB,n@example.es\r\nBj\xf6rn \xc5str\xf6m,Hydro-Qu\xe9" "bec,b@example.se\r\n",
		    "WINDOWS-1252", "\xc3\x91u\xc3\xb1" "ez|Volvo AB|n@example.es|" },
		/* Jürgen Müller;Müller & Söhne GmbH */
		{ "Name;Firma;E-Mail\r\nJ\xfcrgen M\xfcller;M\xfcller & S\xf6hne GmbH;mueller@example.de\r\n",
		    "WINDOWS-1252", "J\xc3\xbcrgen M\xc3\xbcller|M\xc3\xbcller & S\xc3\xb6hne GmbH|mueller@example.de|" },
		/* Café Crème */
		{ "Nom,Email\r\nCaf\xe9 Cr\xe8me,cafe@example.fr\r\n",
		    "WINDOWS-1252", "Caf\xc3\xa9 Cr\xc3\xa8me|cafe@example.fr|" },
	};
	char enc[32], *got;
	size_t i, nrows;
	const char *p;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		for (nrows = 0, p = t[i].s; (p = strchr(p, '\n')) != NULL; p++)
			nrows++;
		got = fields_of(t[i].s, strlen(t[i].s), NULL, enc, nrows - 1);
		if (strcmp(enc, t[i].want_enc) != 0 ||
		    strcmp(got, t[i].want) != 0)
			fail_msg("list %zu: read as %s: %s", i, enc, got);
		free(got);
	}
}

/*
 * Many rows of two-byte characters: conversions cut in the middle of a
 * character at every chunk edge must join up again (every row intact).
 */
static void
test_encoding_chunks(void **state)
{
	size_t rows = 5000, i, n = 0, cap = rows * 64;
	char *gb = malloc(cap), *u16 = malloc(cap * 2), enc[32], *got;
	struct listin_opts o = { NULL, NULL, NULL, NULL };
	struct listin_row r;
	struct listin *l;
	char *err;
	FILE *f;
	size_t seen = 0, bad = 0, m;

	(void)state;
	n = (size_t)sprintf(gb, "\xd3\xca\xcf\xe4,\xb9\xab\xcb\xbe\n");
	for (i = 0; i < rows; i++)
		n += (size_t)sprintf(gb + n, "u%zu@x.test,\xb1\xb1\xbe\xa9%zu\n", i, i);
	f = mem(gb, n);
	l = listin_open(f, &o, &err);
	assert_non_null(l);
	assert_string_equal(listin_encoding(l, NULL), "GB18030");
	while (listin_next(l, &r) > 0) {
		char want[64];

		snprintf(want, sizeof(want), "\xe5\x8c\x97\xe4\xba\xac%zu", seen);
		if (r.nfields != 2 || strcmp(r.fields[1], want) != 0)
			bad++;
		seen++;
	}
	assert_int_equal(seen, rows);
	assert_int_equal(bad, 0);
	assert_int_equal(listin_replaced(l), 0);
	listin_close(l);
	fclose(f);

	/* the same as UTF-16LE with a BOM: ASCII and CJK in two bytes each */
	m = 0;
	u16[m++] = '\xff';
	u16[m++] = '\xfe';
	{
		const char *hdr = "email\tn\r\n";

		for (i = 0; hdr[i]; i++) {
			u16[m++] = hdr[i];
			u16[m++] = 0;
		}
		for (i = 0; i < rows; i++) {
			char line[64];
			size_t k;

			snprintf(line, sizeof(line), "u%zu@x.test\t", i);
			for (k = 0; line[k]; k++) {
				u16[m++] = line[k];
				u16[m++] = 0;
			}
			u16[m++] = '\x17';	/* U+5317 北 */
			u16[m++] = '\x53';
			u16[m++] = '\r';
			u16[m++] = 0;
			u16[m++] = '\n';
			u16[m++] = 0;
		}
	}
	got = fields_of(u16, m, NULL, enc, rows);
	assert_string_equal(enc, "UTF-16LE");
	assert_string_equal(got, "u0@x.test|\xe5\x8c\x97|");
	free(got);
	free(gb);
	free(u16);
}

/* A spool cut inside a row, or a row past the bounds: EIO, never a row. */
static void
test_spool_damaged(void **state)
{
	char *cells[2] = { "a@x.test", "\0b" };
	size_t lens[2] = { 8, 2 };
	struct list_row in = { 7, cells, lens, 2, false }, out;
	unsigned char head[16];
	FILE *f = tmpfile();
	long size;
	int cut;

	(void)state;
	assert_non_null(f);
	assert_int_equal(rowspool_put(f, &in), 0);
	size = ftell(f);
	rewind(f);
	assert_int_equal(rowspool_get(f, &out), 1);
	assert_int_equal(out.row, 7);
	assert_int_equal(out.n, 2);
	assert_int_equal(out.lens[1], 2);
	assert_memory_equal(out.fields[1], "\0b", 3);
	list_row_free(&out);
	assert_int_equal(rowspool_get(f, &out), 0);
	for (cut = 1; cut < size; cut++) {
		assert_int_equal(ftruncate(fileno(f), cut), 0);
		rewind(f);
		errno = 0;
		assert_int_equal(rowspool_get(f, &out), -1);
		assert_int_equal(errno, EIO);
		assert_int_equal(ftruncate(fileno(f), 0), 0);
		rewind(f);
		assert_int_equal(rowspool_put(f, &in), 0);
		assert_int_equal(fflush(f), 0);
	}
	/* a head claiming more cells than a reader keeps */
	rewind(f);
	assert_int_equal(fread(head, 1, sizeof(head), f), sizeof(head));
	head[8] = 0xff;
	head[9] = 0xff;
	rewind(f);
	assert_int_equal(fwrite(head, 1, sizeof(head), f), sizeof(head));
	rewind(f);
	assert_int_equal(rowspool_get(f, &out), -1);
	assert_int_equal(errno, EIO);
	/* one cell more than a reader keeps, every length there (all 0) */
	{
		struct { uint64_t row; uint32_t n, toolong; } big = { 1,
		    LISTIN_FIELDS_MAX + 1, 0 };
		uint32_t zero[LISTIN_FIELDS_MAX + 1];

		memset(zero, 0, sizeof(zero));
		assert_int_equal(ftruncate(fileno(f), 0), 0);
		rewind(f);
		assert_int_equal(fwrite(&big, sizeof(big), 1, f), 1);
		assert_int_equal(fwrite(zero, sizeof(zero), 1, f), 1);
		assert_int_equal(fflush(f), 0);
		rewind(f);
		errno = 0;
		assert_int_equal(rowspool_get(f, &out), -1);
		assert_int_equal(errno, EIO);
		/* one byte more than a row holds, every byte there */
		{
			uint32_t one = LISTIN_RECORD_MAX + 1;
			char *bytes = calloc(1, one);

			assert_non_null(bytes);
			big.n = 1;
			assert_int_equal(ftruncate(fileno(f), 0), 0);
			rewind(f);
			assert_int_equal(fwrite(&big, sizeof(big), 1, f), 1);
			assert_int_equal(fwrite(&one, sizeof(one), 1, f), 1);
			assert_int_equal(fwrite(bytes, one, 1, f), 1);
			assert_int_equal(fflush(f), 0);
			free(bytes);
			rewind(f);
			errno = 0;
			assert_int_equal(rowspool_get(f, &out), -1);
			assert_int_equal(errno, EIO);
		}
		/* a row too long never keeps cells: one that claims some */
		big.n = 1;
		big.toolong = 1;
		assert_int_equal(ftruncate(fileno(f), 0), 0);
		rewind(f);
		assert_int_equal(fwrite(&big, sizeof(big), 1, f), 1);
		assert_int_equal(fwrite(zero, sizeof(zero[0]), 1, f), 1);
		assert_int_equal(fflush(f), 0);
		rewind(f);
		errno = 0;
		assert_int_equal(rowspool_get(f, &out), -1);
		assert_int_equal(errno, EIO);
	}
	fclose(f);
}

static void
test_header_names(void **state)
{
	(void)state;
	assert_true(listin_is_email_header(" \"EMAIL\" ", 9));
	assert_true(listin_is_email_header("e-mail", 6));
	assert_true(listin_is_email_header("\xe7\x94\xb5\xe5\xad\x90\xe9\x82\xae\xe7\xae\xb1", 12));
	/* Taiwan's and Hong Kong's: 郵箱, 電子郵件, 電郵, 電子信箱 */
	assert_true(listin_is_email_header("\xe9\x83\xb5\xe7\xae\xb1", 6));
	assert_true(listin_is_email_header(
	    "\xe9\x9b\xbb\xe5\xad\x90\xe9\x83\xb5\xe4\xbb\xb6", 12));
	assert_true(listin_is_email_header("\xe9\x9b\xbb\xe9\x83\xb5", 6));
	assert_true(listin_is_email_header(
	    "\xe9\x9b\xbb\xe5\xad\x90\xe4\xbf\xa1\xe7\xae\xb1", 12));
	/* the Simplified forms of those, the full 电子邮件地址 in both
	 * scripts, and Email地址 as Chinese forms write it */
	assert_true(listin_is_email_header("\xe7\x94\xb5\xe9\x82\xae", 6));
	assert_true(listin_is_email_header(
	    "\xe7\x94\xb5\xe9\x82\xae\xe5\x9c\xb0\xe5\x9d\x80", 12));
	assert_true(listin_is_email_header(
	    "\xe7\x94\xb5\xe5\xad\x90\xe4\xbf\xa1\xe7\xae\xb1", 12));
	assert_true(listin_is_email_header("\xe7\x94\xb5\xe5\xad\x90\xe9\x82"
	    "\xae\xe4\xbb\xb6\xe5\x9c\xb0\xe5\x9d\x80", 18));
	assert_true(listin_is_email_header("\xe9\x9b\xbb\xe5\xad\x90\xe9\x83"
	    "\xb5\xe4\xbb\xb6\xe5\x9c\xb0\xe5\x9d\x80", 18));
	assert_true(listin_is_email_header("Email\xe5\x9c\xb0\xe5\x9d\x80", 11));
	assert_true(listin_is_email_header("E-mail\xe5\x9c\xb0\xe5\x9d\x80", 12));
	assert_false(listin_is_email_header("emails", 6));
	assert_false(listin_is_email_header("", 0));
}

#define HDR(s)	listin_is_email_header(s, strlen(s))

/*
 * The names Chinese templates give the address column: whose address it
 * is (客户邮箱, 联系邮箱, 客户Email), a required mark or note (Email(必填),
 * *邮箱, 邮箱（必填）), full-width letters (Ｅｍａｉｌ), 邮件.
 */
static void
test_header_names_templates(void **state)
{
	(void)state;
	assert_true(HDR("\xe5\xae\xa2\xe6\x88\xb7\xe9\x82\xae\xe7\xae\xb1"));
	assert_true(HDR("\xe8\x81\x94\xe7\xb3\xbb\xe9\x82\xae\xe7\xae\xb1"));
	assert_true(HDR("\xe5\xae\xa2\xe6\x88\xb7" "Email"));
	assert_true(HDR("Customer Email"));
	assert_true(HDR("contact_e-mail"));
	assert_true(HDR("Email(\xe5\xbf\x85\xe5\xa1\xab)"));
	assert_true(HDR("\xe9\x82\xae\xe7\xae\xb1\xef\xbc\x88\xe5\xbf\x85"
	    "\xe5\xa1\xab\xef\xbc\x89"));
	assert_true(HDR("*\xe9\x82\xae\xe7\xae\xb1"));
	assert_true(HDR("\xef\xbc\xa5\xef\xbd\x8d\xef\xbd\x81\xef\xbd\x89"
	    "\xef\xbd\x8c"));
	assert_true(HDR("\xe9\x82\xae\xe4\xbb\xb6"));
	/* not an address: a word inside another, a name after the word */
	assert_false(HDR("gmail"));
	assert_false(HDR("nonemail"));
	assert_false(HDR("Email count"));
	assert_false(HDR("\xe9\x82\xae\xe7\xae\xb1\xe5\xaf\x86\xe7\xa0\x81"));
	assert_false(HDR("(\xe5\xbf\x85\xe5\xa1\xab)"));
}

/*
 * A CSV header with no address column is refused with its columns named,
 * for the user to copy the right one into --column (a Chinese list's
 * 电子信箱地址 is no name mxtrace knows).
 */
static void
test_no_address_column_names(void **state)
{
	static const char in[] = "\xe5\xba\x8f\xe5\x8f\xb7,name,"
	    "\xe7\x94\xb5\xe5\xad\x90\xe4\xbf\xa1\xe7\xae\xb1\xe5\x9c\xb0"
	    "\xe5\x9d\x80\n1,Ann,a@x.test\n";
	char *got, *err = NULL;

	(void)state;
	got = rows_of(in, strlen(in), NULL, &err);
	assert_null(got);
	assert_non_null(err);
	assert_non_null(strstr(err, "no address column"));
	assert_non_null(strstr(err, "; its columns: \xe5\xba\x8f\xe5\x8f\xb7, "
	    "name, \xe7\x94\xb5\xe5\xad\x90\xe4\xbf\xa1\xe7\xae\xb1\xe5\x9c\xb0"
	    "\xe5\x9d\x80"));
	free(err);
}

/*
 * Bilingual names, as export firms' templates write the address column:
 * each part an address column's name or the word for address; a list
 * with one is read by it; a column named just so still comes first.
 */
static void
test_header_bilingual(void **state)
{
	const char *s = "\xe5\x85\xac\xe5\x8f\xb8,E-mail \xe5\x9c\xb0"
	    "\xe5\x9d\x80,\xe7\x94\xb5\xe8\xaf\x9d\n\xe7\x94\xb2,a@x.test,1\n";
	const char *t = "\xe9\x82\xae\xe7\xae\xb1/Email,Email\nb@x.test,"
	    "a@x.test\n";
	char *err;
	FILE *f;
	struct listin *l;

	(void)state;
	assert_true(HDR("\xe9\x82\xae\xe7\xae\xb1/Email"));	/* 邮箱/Email */
	assert_true(HDR("Email | \xe9\x82\xae\xe7\xae\xb1"));
	assert_true(HDR("E-mail \xe5\x9c\xb0\xe5\x9d\x80"));	/* E-mail 地址 */
	assert_true(HDR("\xe7\x94\xb5\xe5\xad\x90\xe9\x82\xae\xe4\xbb\xb6 "
	    "E-mail"));					/* 电子邮件 E-mail */
	/* 邮箱／Ｅｍａｉｌ typed with a Chinese IME, and a required mark */
	assert_true(HDR("*\xe9\x82\xae\xe7\xae\xb1\xef\xbc\x8f\xef\xbc\xa5"
	    "\xef\xbd\x8d\xef\xbd\x81\xef\xbd\x89\xef\xbd\x8c"));
	assert_true(HDR("\xe9\x82\xae\xe7\xae\xb1 / Email Address"));
	/* not an address column: a password, a name, an address only */
	assert_false(HDR("Email \xe5\xaf\x86\xe7\xa0\x81"));	/* Email 密码 */
	assert_false(HDR("Name/Email"));
	assert_false(HDR("\xe5\x9c\xb0\xe5\x9d\x80/Address"));
	assert_false(HDR("Email count"));
	assert_false(HDR("/"));
	f = mem(s, strlen(s));
	assert_non_null(l = listin_open(f, NULL, &err));
	assert_int_equal(listin_addr_column(l), 1);
	listin_close(l);
	fclose(f);
	f = mem(t, strlen(t));
	assert_non_null(l = listin_open(f, NULL, &err));
	assert_int_equal(listin_addr_column(l), 1);
	listin_close(l);
	fclose(f);
}

/* A column's own name outranks a name that only ends with one. */
static void
test_header_exact_first(void **state)
{
	const char *s = "\xe5\xa4\x87\xe7\x94\xa8\xe9\x82\xae\xe7\xae\xb1,"
	    "Name,Email\nx@b.test,Ann,a@x.test\n";
	const char *t = "Name,\xe5\xae\xa2\xe6\x88\xb7\xe9\x82\xae\xe7\xae"
	    "\xb1\nAnn,a@x.test\n";
	char *err;
	FILE *f = mem(s, strlen(s)), *g = mem(t, strlen(t));
	struct listin *l = listin_open(f, NULL, &err), *m;

	(void)state;
	assert_non_null(l);
	assert_int_equal(listin_addr_column(l), 2);
	listin_close(l);
	fclose(f);
	assert_non_null(m = listin_open(g, NULL, &err));
	assert_int_equal(listin_format(m), LISTIN_CSV);
	assert_int_equal(listin_addr_column(m), 1);
	listin_close(m);
	fclose(g);
}

/*
 * A spool that cannot be written (a full /tmp: /dev/full here): the rows
 * still buffered when the input ends are flushed then, so the reading
 * ends in -1 with the spool's errno, never in rows missing on replay;
 * an input that is fine is not blamed (listin_spool_errno is 0 else).
 */
static void
test_spool_full(void **state)
{
	static const char list[] = "alice@example.com\nbob@example.com\n";
	FILE *f = mem(list, sizeof(list) - 1), *spool = fopen("/dev/full", "w+");
	struct listin_opts o = { NULL, NULL, spool, NULL };
	struct listin_row r;
	struct listin *l;
	char *err = NULL;
	int rv;

	(void)state;
	assert_non_null(spool);
	l = listin_open(f, &o, &err);
	assert_non_null(l);
	while ((rv = listin_next(l, &r)) > 0)
		;
	assert_int_equal(rv, -1);
	assert_int_equal(listin_spool_errno(l), ENOSPC);
	listin_close(l);
	fclose(f);
	fclose(spool);
	f = mem(list, sizeof(list) - 1);
	o.spool = spool = tmpfile();
	l = listin_open(f, &o, &err);
	while ((rv = listin_next(l, &r)) > 0)
		;
	assert_int_equal(rv, 0);
	assert_int_equal(listin_spool_errno(l), 0);
	listin_close(l);
	fclose(f);
	fclose(spool);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_format_and_columns),
		cmocka_unit_test(test_column_names_distinct),
		cmocka_unit_test(test_column_not_found_names_them),
		cmocka_unit_test(test_overlong),
		cmocka_unit_test(test_garbage),
		cmocka_unit_test(test_workbook),
		cmocka_unit_test(test_foreign),
		cmocka_unit_test(test_header_names_templates),
		cmocka_unit_test(test_header_bilingual),
		cmocka_unit_test(test_no_address_column_names),
		cmocka_unit_test(test_header_exact_first),
		cmocka_unit_test(test_sha256),
		cmocka_unit_test(test_header_names),
		cmocka_unit_test(test_spool_damaged),
		cmocka_unit_test(test_encodings),
		cmocka_unit_test(test_detect_without_bom),
		cmocka_unit_test(test_short_chinese_lists),
		cmocka_unit_test(test_encoding_chunks),
		cmocka_unit_test(test_spool_full),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
