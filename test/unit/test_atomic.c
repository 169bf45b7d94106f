/*
 * test_atomic.c - write-to-temporary-then-rename, and its exception: a
 * path that is a FIFO or a character device is written in place and stays
 * what it was.  The FIFO and the device (1,3, the null device) are made
 * by the test in a temporary directory; the real /dev/null is never used.
 */
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/types.h>

#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "base/atomic.h"
#include "base/util.h"

struct tdir {
	char	 dir[64];
	char	*path;
};

static int
setup(void **state)
{
	struct tdir *t = calloc(1, sizeof(*t));

	snprintf(t->dir, sizeof(t->dir), "/tmp/mxtrace-atomic-XXXXXX");
	if (mkdtemp(t->dir) == NULL)
		return -1;
	*state = t;
	return 0;
}

static int
teardown(void **state)
{
	struct tdir *t = *state;
	char *tmp;

	if (t->path != NULL) {
		tmp = xasprintf("%s.tmp", t->path);
		unlink(tmp);
		unlink(t->path);
		free(tmp);
		free(t->path);
	}
	rmdir(t->dir);
	free(t);
	return 0;
}

static bool
exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0;
}

/* A regular file is replaced whole: the old content until the commit. */
static void
test_regular_file_renamed(void **state)
{
	struct tdir *t = *state;
	struct atomic_file af;
	char *err = NULL, *tmp, buf[32] = "";
	FILE *f;

	t->path = xasprintf("%s/out.csv", t->dir);
	f = fopen(t->path, "w");
	fputs("old\n", f);
	fclose(f);
	assert_int_equal(atomic_check(t->path, &err), 0);
	assert_non_null(f = atomic_open(&af, t->path, &err));
	tmp = xasprintf("%s.tmp", t->path);
	assert_true(exists(tmp));
	fputs("new\n", f);
	assert_int_equal(atomic_commit(&af, &err), 0);
	assert_false(exists(tmp));
	f = fopen(t->path, "r");
	assert_non_null(fgets(buf, sizeof(buf), f));
	fclose(f);
	assert_string_equal(buf, "new\n");
	free(tmp);
}

/* A FIFO is written through and is still a FIFO afterwards. */
static void
test_fifo_written_in_place(void **state)
{
	struct tdir *t = *state;
	struct atomic_file af;
	struct stat st;
	char *err = NULL, *tmp, buf[64];
	ssize_t n;
	FILE *f;
	int rd;

	t->path = xasprintf("%s/fifo", t->dir);
	assert_int_equal(mkfifo(t->path, 0600), 0);
	/* A reader first, so opening the writer does not block. */
	assert_true((rd = open(t->path, O_RDONLY | O_NONBLOCK)) >= 0);
	assert_int_equal(atomic_check(t->path, &err), 0);
	tmp = xasprintf("%s.tmp", t->path);
	assert_false(exists(tmp));
	assert_non_null(f = atomic_open(&af, t->path, &err));
	assert_false(exists(tmp));
	fputs("through the pipe\n", f);
	assert_int_equal(atomic_commit(&af, &err), 0);
	n = read(rd, buf, sizeof(buf) - 1);
	assert_int_equal(n, 17);
	buf[n] = '\0';
	assert_string_equal(buf, "through the pipe\n");
	close(rd);
	assert_int_equal(lstat(t->path, &st), 0);
	assert_true(S_ISFIFO(st.st_mode));
	assert_false(exists(tmp));
	free(tmp);
}

/* A character device of the test's own making: never renamed over. */
static void
test_char_device_written_in_place(void **state)
{
	struct tdir *t = *state;
	struct atomic_file af;
	struct stat st;
	char *err = NULL, *tmp;
	FILE *f;

	t->path = xasprintf("%s/null", t->dir);
	if (mknod(t->path, S_IFCHR | 0666, makedev(1, 3)) != 0)
		fail_msg("mknod %s: %s (the test needs CAP_MKNOD, as root)",
		    t->path, strerror(errno));
	assert_int_equal(atomic_check(t->path, &err), 0);
	tmp = xasprintf("%s.tmp", t->path);
	assert_false(exists(tmp));
	assert_non_null(f = atomic_open(&af, t->path, &err));
	fputs("gone\n", f);
	assert_int_equal(atomic_commit(&af, &err), 0);
	assert_int_equal(lstat(t->path, &st), 0);
	assert_true(S_ISCHR(st.st_mode));
	assert_int_equal(major(st.st_rdev), 1);
	assert_int_equal(minor(st.st_rdev), 3);
	assert_false(exists(tmp));

	/* Giving up leaves it alone too. */
	assert_non_null(f = atomic_open(&af, t->path, &err));
	atomic_discard(&af);
	assert_int_equal(lstat(t->path, &st), 0);
	assert_true(S_ISCHR(st.st_mode));
	free(tmp);
}

/*
 * An output in a folder that does not exist: the message names the file
 * the user gave, not the PATH.tmp they never typed.
 */
static void
test_missing_folder_named(void **state)
{
	struct tdir *t = *state;
	struct atomic_file af;
	char *err = NULL, *want;

	want = xasprintf("%s/no-such-folder/report.html", t->dir);
	assert_int_equal(atomic_check(want, &err), -1);
	assert_non_null(err);
	assert_non_null(strstr(err, want));
	assert_null(strstr(err, ".tmp"));
	free(err);
	err = NULL;
	assert_null(atomic_open(&af, want, &err));
	assert_non_null(err);
	assert_non_null(strstr(err, want));
	assert_null(strstr(err, ".tmp"));
	free(err);
	free(want);
	/* a directory is refused before the work, not at the rename */
	err = NULL;
	assert_int_equal(atomic_check(t->dir, &err), -1);
	assert_non_null(strstr(err, "it is a directory"));
	free(err);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_regular_file_renamed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_missing_folder_named, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fifo_written_in_place, setup, teardown),
		cmocka_unit_test_setup_teardown(test_char_device_written_in_place, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
