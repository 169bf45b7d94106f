/*
 * test_explain_formats.c - mxtrace explain on one synthetic bounce per
 * sending system whose format go-sisimai's lhost readers describe
 * (test/explain/lhost/, written from each via-*.go file's markers and
 * example lines, README.md there): each must give the expected recipient,
 * reply code, enhanced code, reason and format (expected.tsv), so a change
 * in how the text reader takes a format's recipients or replies shows.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/util.h"
#include "explain/explain.h"
#include "explain/source.h"

#define DIR	"test/explain/lhost"

static void
test_formats(void **state)
{
	char line[1024], path[512], *f[7], *p, *err;
	struct explain_result r;
	struct source *src;
	GMimeMessage *m;
	const char *name;
	size_t idx, n = 0, ok = 0, k;
	FILE *tsv;
	int bad;

	(void)state;
	explain_init();
	assert_non_null(tsv = fopen(DIR "/expected.tsv", "r"));
	assert_non_null(fgets(line, sizeof(line), tsv));
	while (fgets(line, sizeof(line), tsv) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		for (k = 0, p = line; k < 7; k++) {
			f[k] = p;
			if ((p = strchr(p, '\t')) != NULL)
				*p++ = '\0';
			else
				break;
		}
		assert_int_equal(k, 6);
		assert_true(strstr(f[6], "via-") != NULL);	/* names its source */
		snprintf(path, sizeof(path), "%s/%s", DIR, f[0]);
		assert_non_null(src = source_open(path, &err));
		assert_int_equal(source_next(src, &m, &name, &idx, &err), 1);
		explain_message(m, &r);
		g_object_unref(m);
		source_close(src);
		n++;
		bad = r.kind != EXPLAIN_FAILURE || r.nrcpts != 1 ||
		    r.rcpts[0].address == NULL ||
		    strcmp(r.rcpts[0].address, f[1]) != 0 ||
		    r.rcpts[0].code != atoi(f[2]) ||
		    strcmp(r.rcpts[0].enhanced, f[3]) != 0 ||
		    strcmp(reason_name(r.rcpts[0].reason), f[4]) != 0 ||
		    r.format == NULL || strcmp(r.format, f[5]) != 0;
		if (bad)
			printf("  %s: got %zu rcpt(s), %s %d %s %s, format %s\n",
			    f[0], r.nrcpts, r.nrcpts ? r.rcpts[0].address : "-",
			    r.nrcpts ? r.rcpts[0].code : 0,
			    r.nrcpts ? r.rcpts[0].enhanced : "-",
			    r.nrcpts ? reason_name(r.rcpts[0].reason) : "-",
			    r.format ? r.format : "-");
		else
			ok++;
		explain_result_free(&r);
	}
	fclose(tsv);
	explain_shutdown();
	printf("explain on the lhost format fixtures: %zu / %zu as expected\n",
	    ok, n);
	assert_true(n >= 20);
	assert_int_equal(ok, n);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_formats),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
