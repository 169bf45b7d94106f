/*
 * test_xlsx.c - verify's input as an Excel workbook (.xlsx): the
 * workbooks are written here, part by part as ECMA-376 describes them,
 * into a ZIP file by libgsf's writer (GsfOutfileZip); an encrypted one as
 * an OLE2 file holding an EncryptedPackage stream (GsfOutfileMSOle).
 * Read through listin as verify reads them: shared strings (rich-text
 * runs joined, phonetic runs left out), inline strings, a gap between
 * cells, Chinese header names, a title row above the header, a formula's
 * cached value, numbers and booleans, dates and times in their formats
 * (built-in, custom, East Asian; 1900 and 1904 systems), numbers in
 * zero-padded formats (000000) with their leading zeros, the sheet with the
 * address column after one without, a hidden sheet skipped, --column,
 * --sheet by name or place, the
 * Strict vocabulary; and hostile workbooks: cut short, a part declaring more
 * than XLSX_PART_MAX, more shared strings than XLSX_STRINGS_MAX, XML nested
 * past XLSX_DEPTH_MAX, a DTD with nested entities, rows out of order,
 * cells past the row's bounds, another ZIP, an old .xls.  Every workbook
 * read to its end is read again from the spool (listin_rewind), the
 * same rows with the workbook gone.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <gsf/gsf-outfile-msole.h>
#include <gsf/gsf-outfile-zip.h>
#include <gsf/gsf-outfile.h>
#include <gsf/gsf-output-stdio.h>
#include <gsf/gsf-output.h>
#include <gsf/gsf-utils.h>

#include "base/limits.h"
#include "input/listin.h"

#define NS_MAIN "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define NS_REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_PKG "http://schemas.openxmlformats.org/package/2006/relationships"
#define XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

struct part {
	const char	*name;
	const char	*data;
};

static const char content_types[] = XML_DECL
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
    "</Types>";

static const char pkg_rels[] = XML_DECL
    "<Relationships xmlns=\"" NS_PKG "\">"
    "<Relationship Id=\"rId1\" Type=\"" NS_REL "/officeDocument\" Target=\"xl/workbook.xml\"/>"
    "</Relationships>";

/* Two sheets (sheet1.xml, sheet2.xml) and the shared strings. */
static const char book_rels[] = XML_DECL
    "<Relationships xmlns=\"" NS_PKG "\">"
    "<Relationship Id=\"rId1\" Type=\"" NS_REL "/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"" NS_REL "/worksheet\" Target=\"/xl/worksheets/sheet2.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"" NS_REL "/sharedStrings\" Target=\"sharedStrings.xml\"/>"
    "<Relationship Id=\"rId4\" Type=\"" NS_REL "/styles\" Target=\"styles.xml\"/>"
    "</Relationships>";

#define BOOK(sheets) XML_DECL "<workbook xmlns=\"" NS_MAIN "\" xmlns:r=\"" \
    NS_REL "\"><bookViews><workbookView/></bookViews><sheets>" sheets \
    "</sheets></workbook>"
#define SHEET(rows) XML_DECL "<worksheet xmlns=\"" NS_MAIN "\"><dimension " \
    "ref=\"A1:C7\"/><sheetData>" rows "</sheetData></worksheet>"
#define SST(items) XML_DECL "<sst xmlns=\"" NS_MAIN "\">" items "</sst>"

/* The two sheets: 说明 (no address column), 客户 (the customers). */
static const char book_two[] = BOOK(
    "<sheet name=\"\xe8\xaf\xb4\xe6\x98\x8e\" sheetId=\"1\" r:id=\"rId1\"/>"
    "<sheet name=\"\xe5\xae\xa2\xe6\x88\xb7\" sheetId=\"2\" r:id=\"rId2\"/>");

/* 0 姓名, 1 邮箱 in two rich-text runs, 2 an address with a phonetic run,
 * 3 使用说明, 4 " 张三 " */
static const char strings[] = SST(
    "<si><t>\xe5\xa7\x93\xe5\x90\x8d</t></si>"
    "<si><r><t>\xe9\x82\xae</t></r><r><rPr><b/></rPr><t>\xe7\xae\xb1</t></r></si>"
    "<si><t>a@x.test</t><rPh sb=\"0\" eb=\"1\"><t>\xe3\x82\xa2</t></rPh></si>"
    "<si><t>\xe4\xbd\xbf\xe7\x94\xa8\xe8\xaf\xb4\xe6\x98\x8e</t></si>"
    "<si><t xml:space=\"preserve\"> \xe5\xbc\xa0\xe4\xb8\x89 </t></si>");

static const char sheet_notes[] = SHEET(
    "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>3</v></c></row>"
    "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>ops@x.test</t></is></c></row>");

/* A title in row 1, the header in row 3, a gap in column B. */
static const char sheet_customers[] = SHEET(
    "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>2024 \xe5\xae\xa2\xe6\x88\xb7</t></is></c></row>"
    "<row r=\"3\" spans=\"1:3\"><c r=\"A3\" t=\"s\"><v>0</v></c><c r=\"C3\" t=\"s\"><v>1</v></c></row>"
    "<row r=\"4\"><c r=\"A4\" t=\"s\" s=\"1\"><v>4</v></c><c r=\"B4\"><v>42.5</v></c>"
    "<c r=\"C4\" t=\"s\"><v>2</v></c><c r=\"Z4\" s=\"2\"/></row>"
    "<row r=\"5\"><c r=\"A5\" t=\"b\"><v>1</v></c>"
    "<c r=\"C5\" t=\"str\"><f>LOWER(\"B@Y.TEST\")</f><v>b@y.test</v></c></row>"
    "<row r=\"6\" customHeight=\"1\"/>"
    "<row r=\"7\"><c r=\"C7\" t=\"inlineStr\"><is><r><t>c@</t></r><r><t>z.test</t></r></is></c></row>");

/* Write the parts into a ZIP file (or, ole, a compound file). */
static FILE *
book_file(const struct part *p, size_t n, int ole)
{
	FILE *f = tmpfile();
	GsfOutput *out, *child;
	GsfOutfile *zip;
	size_t i;

	assert_non_null(f);
	gsf_init();
	out = gsf_output_stdio_new_FILE("book", f, TRUE);
	assert_non_null(out);
	zip = ole ? gsf_outfile_msole_new(out) : gsf_outfile_zip_new(out, NULL);
	assert_non_null(zip);
	for (i = 0; i < n; i++) {
		child = gsf_outfile_new_child(zip, p[i].name, FALSE);
		assert_non_null(child);
		assert_true(gsf_output_write(child, strlen(p[i].data),
		    (const guint8 *)p[i].data));
		assert_true(gsf_output_close(child));
		g_object_unref(child);
	}
	assert_true(gsf_output_close(GSF_OUTPUT(zip)));
	g_object_unref(zip);
	g_object_unref(out);
	fflush(f);
	rewind(f);
	return f;
}

/* A workbook of book_rels's parts; NULL parts are left out. */
static FILE *
book_of(const char *book, const char *sst, const char *s1, const char *s2)
{
	struct part p[8];
	size_t n = 0;

	p[n++] = (struct part){ "[Content_Types].xml", content_types };
	p[n++] = (struct part){ "_rels/.rels", pkg_rels };
	p[n++] = (struct part){ "xl/workbook.xml", book };
	p[n++] = (struct part){ "xl/_rels/workbook.xml.rels", book_rels };
	if (sst != NULL)
		p[n++] = (struct part){ "xl/sharedStrings.xml", sst };
	if (s1 != NULL)
		p[n++] = (struct part){ "xl/worksheets/sheet1.xml", s1 };
	if (s2 != NULL)
		p[n++] = (struct part){ "xl/worksheets/sheet2.xml", s2 };
	return book_file(p, n, 0);
}

/* The rows left of l appended to out at n as rows_in writes them. */
static int
rows_put(struct listin *l, char *out, size_t *np)
{
	struct listin_row r;
	size_t n = *np, i;
	int rv;

	while ((rv = listin_next(l, &r)) > 0) {
		if (r.error != NULL) {
			n += (size_t)snprintf(out + n, (1 << 16) - n, "%lu:!|", r.row);
			continue;
		}
		n += (size_t)snprintf(out + n, (1 << 16) - n, "%lu:%s[", r.row, r.addr);
		for (i = 0; i < r.nfields; i++)
			n += (size_t)snprintf(out + n, (1 << 16) - n, "%s%s",
			    i ? "/" : "", r.fields[i]);
		n += (size_t)snprintf(out + n, (1 << 16) - n, "]|");
	}
	*np = n;
	return rv;
}

/*
 * Every row as "row:addr[cells]|" (cells joined by '/', an error row
 * "row:!"); NULL with *err when the open fails, "...#error" when a read
 * does.  A workbook read to its end gives the same rows again from the
 * spool (listin_rewind), the workbook itself spoilt.
 */
static char *
rows_in(FILE *f, const char *column, char **err, char **sheet)
{
	FILE *spool = tmpfile();
	struct listin_opts o = { column, NULL, spool, NULL };
	struct listin *l;
	char *out = calloc(1, 1 << 16), *again, *book;
	size_t n = 0, i, first, m = 0, size;
	int rv;

	*err = NULL;
	assert_non_null(spool);
	if ((l = listin_open(f, &o, err)) == NULL) {
		fclose(spool);
		free(out);
		return NULL;
	}
	if (sheet != NULL)
		*sheet = strdup(listin_sheet(l));
	n += (size_t)snprintf(out + n, (1 << 16) - n, "h%zu:", listin_addr_column(l));
	for (i = 0; i < listin_ncolumns(l); i++)
		n += (size_t)snprintf(out + n, (1 << 16) - n, "%s%s", i ? "/" : "",
		    listin_column(l, i));
	n += (size_t)snprintf(out + n, (1 << 16) - n, "|");
	first = n;
	if ((rv = rows_put(l, out, &n)) == 0) {
		/* the workbook gone while the rows are read again, then back
		 * for the caller's next reading */
		fseek(f, 0, SEEK_END);
		size = (size_t)ftell(f);
		book = malloc(size);
		rewind(f);
		assert_int_equal(fread(book, 1, size, f), size);
		assert_int_equal(ftruncate(fileno(f), 0), 0);
		assert_int_equal(listin_rewind(l), 0);
		again = calloc(1, 1 << 16);
		assert_int_equal(rows_put(l, again, &m), 0);
		assert_string_equal(again, out + first);
		free(again);
		rewind(f);
		assert_int_equal(fwrite(book, 1, size, f), size);
		fflush(f);
		rewind(f);
		free(book);
	}
	if (rv < 0) {
		assert_non_null(listin_error(l));
		*err = strdup(listin_error(l));
		n += (size_t)snprintf(out + n, (1 << 16) - n, "#error");
	}
	listin_close(l);
	fclose(spool);
	return out;
}

static void
test_read(void **state)
{
	FILE *f = book_of(book_two, strings, sheet_notes, sheet_customers);
	char *got, *err, *sheet;

	(void)state;
	got = rows_in(f, NULL, &err, &sheet);
	assert_non_null(got);
	/* 姓名, column 2 (a gap in the header), 邮箱 */
	assert_string_equal(got, "h2:\xe5\xa7\x93\xe5\x90\x8d/column 2/"
	    "\xe9\x82\xae\xe7\xae\xb1|"
	    "4:a@x.test[ \xe5\xbc\xa0\xe4\xb8\x89 /42.5/a@x.test]|"
	    "5:b@y.test[TRUE//b@y.test]|"
	    "7:c@z.test[//c@z.test]|");
	assert_string_equal(sheet, "\xe5\xae\xa2\xe6\x88\xb7");
	free(got);
	free(sheet);
	/* the same workbook read again: the same rows (--resume) */
	rewind(f);
	got = rows_in(f, NULL, &err, NULL);
	assert_non_null(strstr(got, "|7:c@z.test[//c@z.test]|"));
	free(got);
	fclose(f);
}

/* 电子邮件 as the header; a hidden sheet before it with an email column. */
static void
test_hidden_and_chinese(void **state)
{
	static const char book[] = BOOK(
	    "<sheet name=\"old\" sheetId=\"1\" state=\"hidden\" r:id=\"rId1\"/>"
	    "<sheet name=\"list\" sheetId=\"2\" r:id=\"rId2\"/>");
	static const char old[] = SHEET(
	    "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>email</t></is></c></row>"
	    "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>staff@x.test</t></is></c></row>");
	static const char list[] = SHEET(
	    "<row><c t=\"inlineStr\"><is><t>\xe7\x94\xb5\xe5\xad\x90\xe9\x82\xae\xe4\xbb\xb6</t></is></c>"
	    "<c t=\"inlineStr\"><is><t>\xe5\x85\xac\xe5\x8f\xb8</t></is></c></row>"
	    "<row><c t=\"inlineStr\"><is><t>d@x.test</t></is></c>"
	    "<c><v>13800138000</v></c></row>");
	FILE *f = book_of(book, NULL, old, list);
	char *got, *err, *sheet;

	(void)state;
	got = rows_in(f, NULL, &err, &sheet);
	assert_non_null(got);
	assert_string_equal(got, "h0:\xe7\x94\xb5\xe5\xad\x90\xe9\x82\xae\xe4\xbb\xb6/"
	    "\xe5\x85\xac\xe5\x8f\xb8|2:d@x.test[d@x.test/13800138000]|");
	assert_string_equal(sheet, "list");
	free(got);
	free(sheet);
	fclose(f);
}

/*
 * --column N reads the first visible sheet, --column NAME the first whose
 * header holds NAME; without an address column anywhere: a clear error.
 */
static void
test_column(void **state)
{
	FILE *f = book_of(book_two, strings, sheet_notes, sheet_customers);
	char *got, *err, *sheet;

	(void)state;
	got = rows_in(f, "1", &err, &sheet);
	assert_non_null(got);
	assert_string_equal(got, "h0:\xe4\xbd\xbf\xe7\x94\xa8\xe8\xaf\xb4\xe6\x98\x8e|"
	    "2:ops@x.test[ops@x.test]|");
	assert_string_equal(sheet, "\xe8\xaf\xb4\xe6\x98\x8e");
	free(got);
	free(sheet);
	rewind(f);
	got = rows_in(f, "\xe5\xa7\x93\xe5\x90\x8d", &err, &sheet);
	assert_non_null(got);
	assert_non_null(strstr(got, "h0:"));
	assert_non_null(strstr(got, "|4:\xe5\xbc\xa0\xe4\xb8\x89["
	    " \xe5\xbc\xa0\xe4\xb8\x89 /42.5/a@x.test]|"));
	assert_string_equal(sheet, "\xe5\xae\xa2\xe6\x88\xb7");
	free(got);
	free(sheet);
	fclose(f);
	f = book_of(book_two, strings, sheet_notes, sheet_notes);
	got = rows_in(f, NULL, &err, NULL);
	assert_null(got);
	assert_non_null(strstr(err, "no visible sheet of this workbook"));
	free(err);
	fclose(f);
}

/* listin_unread_sheets of the workbook in f read with column; the first's
 * name copied into name (64 bytes, "" for none). */
static size_t
unread_of(FILE *f, const char *column, char *name)
{
	FILE *spool = tmpfile();
	struct listin_opts o = { column, NULL, spool, NULL };
	struct listin *l;
	const char *first;
	char *err = NULL;
	size_t n;

	assert_non_null(spool);
	rewind(f);
	l = listin_open(f, &o, &err);
	assert_non_null(l);
	n = listin_unread_sheets(l, &first);
	snprintf(name, 64, "%s", first != NULL ? first : "");
	listin_close(l);
	fclose(spool);
	return n;
}

/*
 * Customers on two sheets (说明 and 客户 both with the address column):
 * the first is read and the second named as not read; not for a hidden
 * sheet, a sheet without the column, --column N (the first sheet by
 * choice), nor a second sheet that cannot be read (the first still is).
 */
static void
test_unread_sheets(void **state)
{
	static const char hidden[] = BOOK(
	    "<sheet name=\"a\" sheetId=\"1\" r:id=\"rId1\"/>"
	    "<sheet name=\"b\" sheetId=\"2\" state=\"hidden\" r:id=\"rId2\"/>");
	char name[64], *got, *err;
	FILE *f;

	(void)state;
	f = book_of(book_two, strings, sheet_customers, sheet_customers);
	assert_int_equal(unread_of(f, NULL, name), 1);
	assert_string_equal(name, "\xe5\xae\xa2\xe6\x88\xb7");
	assert_int_equal(unread_of(f, "1", name), 0);
	assert_string_equal(name, "");
	fclose(f);
	f = book_of(book_two, strings, sheet_notes, sheet_customers);
	assert_int_equal(unread_of(f, NULL, name), 0);
	fclose(f);
	f = book_of(hidden, strings, sheet_customers, sheet_customers);
	assert_int_equal(unread_of(f, NULL, name), 0);
	fclose(f);
	f = book_of(book_two, strings, sheet_customers, NULL);
	assert_int_equal(unread_of(f, NULL, name), 0);
	rewind(f);
	got = rows_in(f, NULL, &err, NULL);
	assert_non_null(got);
	assert_non_null(strstr(got, "|7:c@z.test[//c@z.test]|"));
	free(got);
	fclose(f);
}

/*
 * The sheet --sheet want (with --column column) reads of the workbook in f,
 * as "NAME|ROW:ADDR" (its first row of data), the other sheets with the
 * address column not counted; NULL with *err when refused.
 */
static char *
sheet_pick(FILE *f, const char *want, const char *column, char **err)
{
	struct listin_opts o = { column, NULL, NULL, want };
	struct listin_row r;
	struct listin *l;
	const char *first;
	char *got;

	*err = NULL;
	rewind(f);
	if ((l = listin_open(f, &o, err)) == NULL)
		return NULL;
	assert_int_equal(listin_unread_sheets(l, &first), 0);
	assert_int_equal(listin_next(l, &r), 1);
	got = malloc(256);
	snprintf(got, 256, "%s|%lu:%s", listin_sheet(l), r.row, r.addr);
	listin_close(l);
	return got;
}

/* want is refused with words holding need; the refusal freed. */
static void
sheet_refused(FILE *f, const char *want, const char *need)
{
	char *err, *got = sheet_pick(f, want, NULL, &err);

	assert_null(got);
	assert_non_null(err);
	if (strstr(err, need) == NULL)
		fail_msg("--sheet %s: \"%s\" not in \"%s\"", want, need, err);
	free(err);
}

/*
 * --sheet NAME|N: a name as --column compares a header (case, a trailing
 * U+3000 aside; a hidden sheet too), else the Nth sheet of the tab bar
 * (hidden ones not counted); a sheet named by digits wins over the place
 * ("2" is the sheet named 2, not the 2nd); no such sheet, a chart, and a
 * sheet without an address column are refused with the names to choose.
 */
static void
test_sheet(void **state)
{
	static const char book[] = BOOK(
	    "<sheet name=\"2025\" sheetId=\"1\" r:id=\"rId1\"/>"
	    "<sheet name=\"secret\" sheetId=\"2\" state=\"hidden\" r:id=\"rId2\"/>"
	    "<sheet name=\"Customers\xe3\x80\x80\" sheetId=\"3\" r:id=\"rId2\"/>"
	    "<sheet name=\"2\" sheetId=\"4\" r:id=\"rId1\"/>"
	    "<sheet name=\"Chart1\" sheetId=\"5\" r:id=\"rId3\"/>");
	FILE *f = book_of(book, strings, sheet_notes, sheet_customers);
	char *got, *err;

	(void)state;
	got = sheet_pick(f, "customers", NULL, &err);
	assert_non_null(got);
	assert_string_equal(got, "Customers\xe3\x80\x80|4:a@x.test");
	free(got);
	got = sheet_pick(f, "secret", NULL, &err);
	assert_non_null(got);
	assert_string_equal(got, "secret|4:a@x.test");
	free(got);
	/* the 2nd tab is Customers (secret is hidden), but a sheet is named 2 */
	got = sheet_pick(f, "2", "1", &err);
	assert_non_null(got);
	assert_string_equal(got, "2|2:ops@x.test");
	free(got);
	got = sheet_pick(f, "3", "1", &err);
	assert_non_null(got);
	assert_string_equal(got, "2|2:ops@x.test");
	free(got);
	got = sheet_pick(f, "1", "1", &err);
	assert_non_null(got);
	assert_string_equal(got, "2025|2:ops@x.test");
	free(got);
	/* the names as --sheet takes them: the stored U+3000 not shown */
	sheet_refused(f, "5", "--sheet 5: no such sheet in this workbook; its "
	    "sheets: 2025, Customers, 2, Chart1");
	sheet_refused(f, "Secrets", "its sheets: 2025, Customers");
	sheet_refused(f, "Chart1", "--sheet Chart1: sheet \"Chart1\" is a chart");
	/* the sheet named 2025, not the 2025th: no address column there */
	sheet_refused(f, "2025", "no address column: sheet \"2025\" has no "
	    "column such as email");
	fclose(f);
}

/* A formula's cached value is data: never evaluated, kept as written. */
static void
test_formula(void **state)
{
	static const char sheet[] = SHEET(
	    "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Email</t></is></c>"
	    "<c r=\"B1\" t=\"inlineStr\"><is><t>note</t></is></c></row>"
	    "<row r=\"2\"><c r=\"A2\" t=\"str\"><f>CONCAT(\"e@\",\"x.test\")</f><v>e@x.test</v></c>"
	    "<c r=\"B2\" t=\"str\"><f>B9</f><v>=cmd|' /C calc'!A0</v></c></row>"
	    "<row r=\"3\"><c r=\"A3\"><f>1/0</f><v>#DIV/0!</v></c><c r=\"B3\"><f>NOW()</f></c></row>");
	FILE *f = book_of(book_two, NULL, sheet, NULL);
	char *got, *err;

	(void)state;
	got = rows_in(f, NULL, &err, NULL);
	assert_non_null(got);
	assert_string_equal(got, "h0:Email/note|2:e@x.test[e@x.test/=cmd|' /C "
	    "calc'!A0]|3:#DIV/0![#DIV/0!]|");
	free(got);
	fclose(f);
}

/* The Strict vocabulary (ISO/IEC 29500 Strict): other namespaces. */
static void
test_strict(void **state)
{
	static const char rels[] = XML_DECL
	    "<Relationships xmlns=\"" NS_PKG "\">"
	    "<Relationship Id=\"rId1\" Type=\"http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
	    "</Relationships>";
	static const char brels[] = XML_DECL
	    "<Relationships xmlns=\"" NS_PKG "\">"
	    "<Relationship Id=\"s\" Type=\"http://purl.oclc.org/ooxml/officeDocument/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
	    "</Relationships>";
	static const char book[] = XML_DECL
	    "<x:workbook xmlns:x=\"http://purl.oclc.org/ooxml/spreadsheetml/main\" "
	    "xmlns:r=\"http://purl.oclc.org/ooxml/officeDocument/relationships\">"
	    "<x:sheets><x:sheet name=\"S\" sheetId=\"1\" r:id=\"s\"/></x:sheets></x:workbook>";
	static const char sheet[] = XML_DECL
	    "<x:worksheet xmlns:x=\"http://purl.oclc.org/ooxml/spreadsheetml/main\">"
	    "<x:sheetData><x:row r=\"1\"><x:c r=\"A1\" t=\"inlineStr\"><x:is><x:t>mail</x:t></x:is></x:c></x:row>"
	    "<x:row r=\"2\"><x:c r=\"A2\" t=\"inlineStr\"><x:is><x:t>s@x.test</x:t></x:is></x:c></x:row>"
	    "</x:sheetData></x:worksheet>";
	const struct part p[] = {
		{ "_rels/.rels", rels }, { "xl/workbook.xml", book },
		{ "xl/_rels/workbook.xml.rels", brels },
		{ "xl/worksheets/sheet1.xml", sheet },
	};
	FILE *f = book_file(p, 4, 0);
	char *got, *err;

	(void)state;
	got = rows_in(f, NULL, &err, NULL);
	assert_non_null(got);
	assert_string_equal(got, "h0:mail|2:s@x.test[s@x.test]|");
	free(got);
	fclose(f);
}

static const char styles[] = XML_DECL "<styleSheet xmlns=\"" NS_MAIN "\">"
    "<numFmts count=\"8\">"
    "<numFmt numFmtId=\"164\" formatCode=\"yyyy&quot;\xe5\xb9\xb4&quot;m&quot;"
    "\xe6\x9c\x88&quot;d&quot;\xe6\x97\xa5&quot;\"/>"
    "<numFmt numFmtId=\"165\" formatCode=\"0.00%\"/>"
    "<numFmt numFmtId=\"166\" formatCode=\"[h]:mm:ss\"/>"
    "<numFmt numFmtId=\"167\" formatCode=\"mm:ss\"/>"
    "<numFmt numFmtId=\"168\" formatCode=\"[Red]#,##0;[Blue]-#,##0\"/>"
    "<numFmt numFmtId=\"169\" formatCode=\"000000\"/>"
    "<numFmt numFmtId=\"170\" formatCode=\"00000000000\"/>"
    "<numFmt numFmtId=\"171\" formatCode=\"000000;[Red]\\-000000\"/>"
    "</numFmts>"
    "<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
    "<cellXfs count=\"14\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/>"
    "<xf numFmtId=\"164\"/><xf numFmtId=\"22\"/><xf numFmtId=\"20\"/>"
    "<xf numFmtId=\"165\"/><xf numFmtId=\"166\"/><xf numFmtId=\"167\"/>"
    "<xf numFmtId=\"168\"/><xf numFmtId=\"58\"/>"
    /* 10 postcode, 11 phone, 12 text (@), 13 customer number */
    "<xf numFmtId=\"169\"/><xf numFmtId=\"170\"/><xf numFmtId=\"49\"/>"
    "<xf numFmtId=\"171\"/></cellXfs></styleSheet>";

/* A workbook of one sheet (sheet1) with styles. */
static FILE *
book_styled(const char *book, const char *sheet)
{
	const struct part p[] = {
		{ "_rels/.rels", pkg_rels }, { "xl/workbook.xml", book },
		{ "xl/_rels/workbook.xml.rels", book_rels },
		{ "xl/styles.xml", styles }, { "xl/worksheets/sheet1.xml", sheet },
	};

	return book_file(p, 5, 0);
}

/*
 * A number in a date or time format is shown as the date or time Excel
 * shows (ISO 8601), whatever the format; other numbers as stored.
 */
static void
test_dates(void **state)
{
	static const char sheet[] = SHEET(
	    "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>email</t></is></c></row>"
	    "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>x@x.test</t></is></c>"
	    "<c s=\"1\"><v>45296</v></c><c s=\"2\"><v>45296</v></c>"
	    "<c s=\"3\"><v>45296.5625</v></c><c s=\"4\" t=\"n\"><v>0.5625</v></c>"
	    "<c s=\"5\"><v>0.25</v></c><c s=\"6\"><v>1.5</v></c>"
	    "<c s=\"7\"><v>1.0416666666666666E-2</v></c><c s=\"8\"><v>1234</v></c>"
	    "<c s=\"9\"><v>45296</v></c></row>"
	    "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>y@x.test</t></is></c>"
	    "<c s=\"1\"><v>59</v></c><c s=\"1\"><v>61</v></c><c s=\"1\"><v>60</v></c>"
	    "<c s=\"0\"><v>13800138000</v></c><c s=\"1\" t=\"str\"><v>45296</v></c>"
	    "<c s=\"1\"><v>-1</v></c><c s=\"99\"><v>45296</v></c></row>");
	static const char book1904[] = XML_DECL "<workbook xmlns=\"" NS_MAIN
	    "\" xmlns:r=\"" NS_REL "\"><workbookPr date1904=\"1\"/><sheets>"
	    "<sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
	static const char sheet1904[] = SHEET(
	    "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>email</t></is></c></row>"
	    "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>z@x.test</t></is></c>"
	    "<c s=\"1\"><v>0</v></c><c s=\"3\"><v>1.75</v></c></row>");
	FILE *f = book_styled(book_two, sheet);
	char *got, *err;

	(void)state;
	got = rows_in(f, NULL, &err, NULL);
	assert_non_null(got);
	assert_string_equal(got, "h0:email|2:x@x.test[x@x.test/2024-01-05/"
	    "2024-01-05/2024-01-05 13:30:00/13:30:00/0.25/36:00:00/00:15:00/"
	    "1234/2024-01-05]|3:y@x.test[y@x.test/1900-02-28/1900-03-01/60/"
	    "13800138000/45296/-1/45296]|");
	free(got);
	fclose(f);
	f = book_styled(book1904, sheet1904);
	got = rows_in(f, NULL, &err, NULL);
	assert_non_null(got);
	assert_string_equal(got, "h0:email|2:z@x.test[z@x.test/1904-01-01/"
	    "1904-01-02 18:00:00]|");
	free(got);
	fclose(f);
}

/*
 * A number in a zero-padded format (a Chinese postcode 000000, a phone
 * number 00000000000, a customer number) keeps the leading zeros Excel
 * shows: rounded, signed, longer than the format; the text format "@"
 * shows a number as stored and a string as written.
 */
static void
test_zero_padded(void **state)
{
	static const char sheet[] = SHEET(
	    "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>email</t></is></c>"
	    "<c r=\"B1\" t=\"inlineStr\"><is><t>\xe9\x82\xae\xe7\xbc\x96</t></is></c>"
	    "<c r=\"C1\" t=\"inlineStr\"><is><t>tel</t></is></c></row>"
	    "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>p@x.test</t></is></c>"
	    "<c r=\"B2\" s=\"10\"><v>12345</v></c><c r=\"C2\" s=\"11\"><v>3800138000</v></c>"
	    "<c s=\"13\"><v>42</v></c><c s=\"10\" t=\"n\"><v>-42</v></c>"
	    "<c s=\"10\"><v>1234567</v></c><c s=\"10\"><v>123.5</v></c>"
	    "<c s=\"10\"><v>1.2345E+4</v></c><c s=\"10\"><v>0</v></c></row>"
	    "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>q@x.test</t></is></c>"
	    "<c r=\"B3\" s=\"12\"><v>12345</v></c>"
	    "<c r=\"C3\" s=\"12\" t=\"inlineStr\"><is><t>013800138000</t></is></c>"
	    "<c s=\"10\" t=\"str\"><f>B3</f><v>12345</v></c>"
	    "<c s=\"10\" t=\"e\"><v>#N/A</v></c>"
	    "<c s=\"10\"><v>1E+300</v></c></row>");
	FILE *f = book_styled(book_two, sheet);
	char *got, *err;

	(void)state;
	got = rows_in(f, NULL, &err, NULL);
	assert_non_null(got);
	assert_string_equal(got, "h0:email/\xe9\x82\xae\xe7\xbc\x96/tel|"
	    "2:p@x.test[p@x.test/012345/03800138000/000042/-000042/1234567/"
	    "000124/012345/000000]|"
	    "3:q@x.test[q@x.test/12345/013800138000/12345/#N/A/1E+300]|");
	free(got);
	fclose(f);
}

/* Cells past the row's bounds make that row an error row, not the run's. */
static void
test_row_bounds(void **state)
{
	char *sheet = malloc(200000), *got, *err;
	size_t n = 0;
	FILE *f;

	(void)state;
	n += (size_t)sprintf(sheet + n, SHEET("%s"), "");
	n = (size_t)(strstr(sheet, "</sheetData>") - sheet);
	n += (size_t)sprintf(sheet + n, "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\">"
	    "<is><t>email</t></is></c></row>"
	    /* past LISTIN_FIELDS_MAX columns (AMK is column 1025) */
	    "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>f@x.test</t></is></c>"
	    "<c r=\"AMK2\"><v>1</v></c></row>"
	    /* styled empty cells far right are no cells */
	    "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>g@x.test</t></is></c>"
	    "<c r=\"XFD3\" s=\"4\"/></row>"
	    "<row r=\"4\"><c r=\"A4\" t=\"inlineStr\"><is><t>");
	memset(sheet + n, 'a', LISTIN_RECORD_MAX + 10);
	n += LISTIN_RECORD_MAX + 10;
	n += (size_t)sprintf(sheet + n, "</t></is></c></row>"
	    "<row r=\"5\"><c r=\"A5\" t=\"inlineStr\"><is><t>h@x.test</t></is></c></row>"
	    "</sheetData></worksheet>");
	f = book_of(book_two, NULL, sheet, NULL);
	got = rows_in(f, NULL, &err, NULL);
	assert_non_null(got);
	assert_string_equal(got, "h0:email|2:!|3:g@x.test[g@x.test]|4:!|"
	    "5:h@x.test[h@x.test]|");
	free(got);
	fclose(f);
	free(sheet);
}

/* The first bytes of the workbook cut short at n bytes. */
static FILE *
cut(FILE *f, long n)
{
	FILE *g = tmpfile();
	char *buf = malloc((size_t)n);

	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	assert_int_equal(fwrite(buf, 1, (size_t)n, g), (size_t)n);
	free(buf);
	fclose(f);
	rewind(g);
	return g;
}

/* Open f and expect a refusal whose text holds want. */
static void
refused(FILE *f, const char *column, const char *want)
{
	char *got, *err;

	got = rows_in(f, column, &err, NULL);
	if (got != NULL)
		print_error("read: %s\n", got);
	assert_null(got);
	assert_non_null(err);
	if (strstr(err, want) == NULL)
		print_error("error: %s\n", err);
	assert_non_null(strstr(err, want));
	free(err);
	fclose(f);
}

static void
test_damaged(void **state)
{
	static const char rows_back[] = SHEET(
	    "<row r=\"5\"><c r=\"A5\" t=\"inlineStr\"><is><t>email</t></is></c></row>"
	    "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>a@x.test</t></is></c></row>");
	static const char past[] = SHEET(
	    "<row r=\"1048577\"><c t=\"inlineStr\"><is><t>email</t></is></c></row>");
	static const char bad_ref[] = SHEET(
	    "<row r=\"1\"><c r=\"ZZZZ1\" t=\"inlineStr\"><is><t>email</t></is></c></row>");
	static const char bad_index[] = SHEET(
	    "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>7</v></c></row>");
	static const char not_xml[] = SHEET("<row r=\"1\"><c>");
	const struct part docx[] = {
		{ "_rels/.rels", XML_DECL "<Relationships xmlns=\"" NS_PKG "\">"
		  "<Relationship Id=\"rId1\" Type=\"" NS_REL "/officeDocument\" "
		  "Target=\"word/document.xml\"/></Relationships>" },
		{ "word/document.xml", XML_DECL "<w:document xmlns:w=\"x\"/>" },
	};
	FILE *f;
	long size;

	(void)state;
	f = book_of(book_two, strings, sheet_notes, sheet_customers);
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	rewind(f);
	refused(cut(f, size / 2), NULL, "damaged (cut short");
	refused(book_of(book_two, strings, rows_back, NULL), NULL,
	    "out of order");
	refused(book_of(book_two, strings, past, NULL), NULL, "1,048,576");
	refused(book_of(book_two, strings, bad_ref, NULL), NULL,
	    "not well-formed XML");
	refused(book_of(book_two, strings, bad_index, NULL), NULL,
	    "not well-formed XML");
	refused(book_of(book_two, strings, not_xml, NULL), NULL,
	    "not well-formed XML");
	/* the workbook names a sheet the package does not hold */
	refused(book_of(book_two, strings, NULL, NULL), NULL,
	    "not well-formed XML");
	refused(book_file(docx, 2, 0), NULL, "not an Excel workbook");
}

/*
 * Replace the uncompressed size of every entry named name, in its local
 * header and in the central directory, by size (a ZIP bomb's claim).
 */
static void
claim_size(FILE *f, const char *name, uint32_t size)
{
	unsigned char *b;
	size_t len, i, nl = strlen(name);
	long end;

	fseek(f, 0, SEEK_END);
	end = ftell(f);
	rewind(f);
	b = malloc((size_t)end);
	len = fread(b, 1, (size_t)end, f);
	for (i = 0; i + 46 + nl <= len; i++) {
		if (memcmp(b + i, "PK\x03\x04", 4) == 0 &&
		    (size_t)(b[i + 26] + 256 * b[i + 27]) == nl &&
		    memcmp(b + i + 30, name, nl) == 0)
			memcpy(b + i + 22, &size, 4);	/* little-endian host */
		if (memcmp(b + i, "PK\x01\x02", 4) == 0 &&
		    (size_t)(b[i + 28] + 256 * b[i + 29]) == nl &&
		    memcmp(b + i + 46, name, nl) == 0)
			memcpy(b + i + 24, &size, 4);
	}
	rewind(f);
	assert_int_equal(fwrite(b, 1, len, f), len);
	fflush(f);
	rewind(f);
	free(b);
}

static void
test_hostile(void **state)
{
	static const char dtd[] = "<?xml version=\"1.0\"?>\n"
	    "<!DOCTYPE sst [<!ENTITY a \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\">"
	    "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
	    "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
	    "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">"
	    "<!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">"
	    "<!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\">"
	    "<!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\">"
	    "]><sst xmlns=\"" NS_MAIN "\"><si><t>&g;</t></si></sst>";
	static const char ext[] = "<?xml version=\"1.0\"?>\n"
	    "<!DOCTYPE sst SYSTEM \"http://192.0.2.1/x.dtd\">"
	    "<sst xmlns=\"" NS_MAIN "\"><si><t>x</t></si></sst>";
	static const char one[] = "<si><t/></si>";
	const struct part enc[] = {
		{ "EncryptionInfo", "\x04\x00\x04\x00\x40\x00\x00\x00" },
		{ "EncryptedPackage", "encrypted bytes" },
	};
	const struct part xls[] = { { "Workbook", "\x09\x08\x10\x00" } };
	char *deep, *many, *p;
	size_t i, n;
	FILE *f;

	(void)state;
	refused(book_of(book_two, dtd, sheet_notes, NULL), NULL,
	    "document type (DTD)");
	refused(book_of(book_two, ext, sheet_notes, NULL), NULL,
	    "document type (DTD)");
	/* nested XLSX_DEPTH_MAX + 1 deep */
	deep = malloc(16 * (XLSX_DEPTH_MAX + 2) + 512);
	p = deep + sprintf(deep, XML_DECL "<worksheet xmlns=\"" NS_MAIN "\">");
	for (i = 0; i < XLSX_DEPTH_MAX; i++)
		p += sprintf(p, "<x>");
	for (i = 0; i < XLSX_DEPTH_MAX; i++)
		p += sprintf(p, "</x>");
	sprintf(p, "</worksheet>");
	refused(book_of(book_two, NULL, deep, NULL), NULL, "64 elements deep");
	free(deep);
	/* XLSX_STRINGS_MAX + 1 shared strings */
	n = (size_t)XLSX_STRINGS_MAX + 1;
	many = malloc(n * (sizeof(one) - 1) + 512);
	p = many + sprintf(many, XML_DECL "<sst xmlns=\"" NS_MAIN "\">");
	for (i = 0; i < n; i++, p += sizeof(one) - 1)
		memcpy(p, one, sizeof(one) - 1);
	sprintf(p, "</sst>");
	refused(book_of(book_two, many, sheet_notes, NULL), NULL,
	    "2,000,000 shared strings");
	free(many);
	/* a sheet claiming more than XLSX_PART_MAX (a ZIP bomb's size) */
	f = book_of(book_two, strings, sheet_customers, NULL);
	claim_size(f, "xl/worksheets/sheet1.xml", (uint32_t)XLSX_PART_MAX + 1);
	refused(f, NULL, "more than 512 MiB");
	refused(book_file(enc, 2, 1), NULL, "protected by a password");
	refused(book_file(xls, 1, 1), NULL, "old Excel workbook (.xls)");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_read),
		cmocka_unit_test(test_hidden_and_chinese),
		cmocka_unit_test(test_column),
		cmocka_unit_test(test_unread_sheets),
		cmocka_unit_test(test_sheet),
		cmocka_unit_test(test_formula),
		cmocka_unit_test(test_strict),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_zero_padded),
		cmocka_unit_test(test_row_bounds),
		cmocka_unit_test(test_damaged),
		cmocka_unit_test(test_hostile),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
