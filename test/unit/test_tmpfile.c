/*
 * test_tmpfile.c - base/tmpfile.c: the folder is $TMPDIR when set and not
 * empty, else /tmp; the file is made there, unlinked (the folder stays
 * empty), and reads back what was written; a folder that does not exist
 * is an error with errno, not a silent /tmp.
 */
#include <dirent.h>
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "base/tmpfile.h"

static void
test_dir(void **state)
{
	(void)state;
	unsetenv("TMPDIR");
	assert_string_equal(tmp_dir(), "/tmp");
	setenv("TMPDIR", "", 1);
	assert_string_equal(tmp_dir(), "/tmp");
	setenv("TMPDIR", "/var/tmp", 1);
	assert_string_equal(tmp_dir(), "/var/tmp");
}

static int
entries(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *e;
	int n = 0;

	assert_non_null(d);
	while ((e = readdir(d)) != NULL)
		n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
	closedir(d);
	return n;
}

static void
test_file_in_tmpdir(void **state)
{
	char dir[] = "/var/tmp/mxtrace-tmpfile-XXXXXX", buf[8];
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	setenv("TMPDIR", dir, 1);
	assert_non_null(f = tmp_file());
	assert_int_equal(entries(dir), 0);	/* unlinked at once */
	assert_int_equal(fputs("rows", f), 1);
	rewind(f);
	assert_non_null(fgets(buf, sizeof(buf), f));
	assert_string_equal(buf, "rows");
	fclose(f);
	assert_int_equal(rmdir(dir), 0);
	/* TMPDIR gone: the error, not a file quietly made in /tmp */
	errno = 0;
	assert_null(tmp_file());
	assert_int_equal(errno, ENOENT);
	unsetenv("TMPDIR");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dir),
		cmocka_unit_test(test_file_in_tmpdir),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
