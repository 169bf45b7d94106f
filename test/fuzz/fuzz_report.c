/*
 * fuzz_report.c - libFuzzer target for the report: the input is a JSON
 * Lines file (any bytes); every line goes through the streaming reader and
 * the aggregation, and the whole page is rendered in both languages.
 * Nothing in the input may crash, leak or read out of bounds.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "reports/agg.h"
#include "reports/jsonl.h"
#include "reports/report_html.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct report_opts o = { LANG_EN, NULL, 0, 0, 0, 0 };
	struct jsonl j;
	struct agg *a;
	json_t *rec;
	FILE *in, *out;

	in = fmemopen((void *)data, size ? size : 1, "r");
	out = fopen("/dev/null", "w");
	if (in == NULL || out == NULL)
		return 0;
	if (size == 0)
		fgetc(in);	/* fmemopen refuses size 0: read the one byte away */
	a = agg_new(4);
	jsonl_init(&j, in, "fuzz");
	while (jsonl_next(&j, &rec) == JSONL_RECORD) {
		agg_add(a, rec);
		json_decref(rec);
	}
	jsonl_free(&j);
	agg_finish(a);
	report_render(out, a, &o, NULL);
	o.lang = LANG_ZH;
	o.page_rows = 1;
	o.domain_max = 2;
	report_render(out, a, &o, NULL);
	agg_free(a);
	fclose(in);
	fclose(out);
	return 0;
}
