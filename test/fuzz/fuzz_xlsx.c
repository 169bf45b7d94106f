/*
 * fuzz_xlsx.c - libFuzzer target for verify's reading of an Excel workbook
 * (input/xlsx.c through listin).  The first byte picks the options (no
 * --column, --column 2, --column email) and the form of the rest:
 *   even: the XML parts, separated by 0xFF bytes (never in UTF-8), in the
 *         order shared strings, sheet1, sheet2, workbook, the workbook's
 *         relationships, styles (number formats: dates); a part not given
 *         is a minimal valid one.  They are written into a ZIP package
 *         with libgsf's GsfOutfileZip, so the mutations reach the XML
 *         readers, not ZIP checksums;
 *   odd:  the workbook file itself (ZIP level: directory, sizes, inflate).
 * The seeds in corpus_xlsx are of both forms: the parts of
 * test/unit/test_xlsx.c's workbooks joined by 0xFF, and a workbook written
 * by Python's zipfile.  Invariants: an open that fails says why; rows rise,
 * the address is NUL-terminated and within LISTIN_RECORD_MAX, at most
 * LISTIN_FIELDS_MAX fields; a read that fails says why.  The workbook is
 * read with a spool, as verify reads it: once read to its end, the rows
 * read back after listin_rewind must be the same (replay_check.h).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsf/gsf-outfile-zip.h>
#include <gsf/gsf-outfile.h>
#include <gsf/gsf-output-stdio.h>
#include <gsf/gsf-output.h>
#include <gsf/gsf-utils.h>

#include "input/listin.h"
#include "replay_check.h"

#define NS_MAIN "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define NS_REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_PKG "http://schemas.openxmlformats.org/package/2006/relationships"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const names[] = {
	"xl/sharedStrings.xml", "xl/worksheets/sheet1.xml",
	"xl/worksheets/sheet2.xml", "xl/workbook.xml",
	"xl/_rels/workbook.xml.rels", "xl/styles.xml",
};

static const char *const defaults[] = {
	"<sst xmlns=\"" NS_MAIN "\"><si><t>email</t></si></sst>",
	"<worksheet xmlns=\"" NS_MAIN "\"><sheetData><row r=\"1\"><c r=\"A1\" "
	    "t=\"s\"><v>0</v></c></row></sheetData></worksheet>",
	"<worksheet xmlns=\"" NS_MAIN "\"/>",
	"<workbook xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_REL "\"><sheets>"
	    "<sheet name=\"a\" sheetId=\"1\" r:id=\"rId1\"/><sheet name=\"b\" "
	    "sheetId=\"2\" r:id=\"rId2\"/></sheets></workbook>",
	"<Relationships xmlns=\"" NS_PKG "\"><Relationship Id=\"rId1\" Type=\""
	    NS_REL "/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship "
	    "Id=\"rId2\" Type=\"" NS_REL "/worksheet\" Target=\"worksheets/"
	    "sheet2.xml\"/><Relationship Id=\"rId3\" Type=\"" NS_REL
	    "/sharedStrings\" Target=\"sharedStrings.xml\"/><Relationship "
	    "Id=\"rId4\" Type=\"" NS_REL "/styles\" Target=\"styles.xml\"/>"
	    "</Relationships>",
	"<styleSheet xmlns=\"" NS_MAIN "\"><numFmts><numFmt numFmtId=\"164\" "
	    "formatCode=\"yyyy-mm-dd h:mm\"/></numFmts><cellXfs><xf numFmtId="
	    "\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/></cellXfs>"
	    "</styleSheet>",
};

static const char pkg_rels[] = "<Relationships xmlns=\"" NS_PKG "\">"
    "<Relationship Id=\"rId1\" Type=\"" NS_REL "/officeDocument\" "
    "Target=\"xl/workbook.xml\"/></Relationships>";

static void
put(GsfOutfile *zip, const char *name, const void *p, size_t n)
{
	GsfOutput *child = gsf_outfile_new_child(zip, name, FALSE);

	if (child == NULL)
		abort();
	gsf_output_write(child, n, p);
	gsf_output_close(child);
	g_object_unref(child);
}

/* The parts in data (0xFF between them) as a workbook in f. */
static void
write_parts(FILE *f, const uint8_t *data, size_t size)
{
	GsfOutput *out = gsf_output_stdio_new_FILE("fuzz", f, TRUE);
	GsfOutfile *zip = gsf_outfile_zip_new(out, NULL);
	const uint8_t *p = data, *end = data + size, *sep;
	size_t i;

	if (zip == NULL)
		abort();
	put(zip, "_rels/.rels", pkg_rels, strlen(pkg_rels));
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (p > end) {
			put(zip, names[i], defaults[i], strlen(defaults[i]));
			continue;
		}
		sep = memchr(p, 0xff, (size_t)(end - p));
		if (sep == NULL)
			sep = end;
		put(zip, names[i], p, (size_t)(sep - p));
		p = sep + 1;
	}
	gsf_output_close(GSF_OUTPUT(zip));
	g_object_unref(zip);
	g_object_unref(out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const cols[] = { NULL, "2", "email" };
	static struct replay_log g;
	static int inited;
	struct listin_opts o = { NULL, NULL, NULL, NULL };
	struct listin_row r;
	struct listin *l;
	unsigned long last = 0;
	char *err;
	FILE *f;
	int rv;

	if (size < 1 || size > (1 << 20))
		return 0;
	if (!inited) {
		gsf_init();
		inited = 1;
	}
	o.column = cols[(data[0] >> 1) % 3];
	o.spool = replay_begin(&g);
	if ((f = tmpfile()) == NULL)
		return 0;
	if (data[0] & 1) {	/* the ZIP signature put in front when missing */
		if ((size < 5 || memcmp(data + 1, "PK\x03\x04", 4) != 0) &&
		    fwrite("PK\x03\x04", 1, 4, f) != 4)
			abort();
		if (fwrite(data + 1, 1, size - 1, f) != size - 1)
			abort();
	} else
		write_parts(f, data + 1, size - 1);
	fflush(f);
	rewind(f);
	if ((l = listin_open(f, &o, &err)) == NULL) {
		if (err == NULL)
			abort();
		free(err);
		fclose(f);
		return 0;
	}
	while ((rv = listin_next(l, &r)) > 0) {
		if (r.row <= last || r.addr == NULL ||
		    r.addr[r.addrlen] != '\0' ||
		    r.addrlen > LISTIN_RECORD_MAX ||
		    r.nfields > LISTIN_FIELDS_MAX)
			abort();
		last = r.row;
		replay_row(&g, &r);
	}
	if (rv < 0 && listin_error(l) == NULL)
		abort();
	if (rv == 0)
		replay_check(&g, l);
	listin_close(l);
	fclose(f);
	return 0;
}
