/*
 * test_explain_forwards.c - mxtrace explain on bounces forwarded as
 * attachments (test/explain/forwards/, README.md there): a forward of
 * three bounces of different kinds and a forward nested in a forward give
 * one record per bounce, in order, each saying which attachment it is
 * (expected.tsv); a forward of more messages than EXPLAIN_ATTACHED_MAX
 * reads that many and says, in English, Chinese and the JSON's notes,
 * how many it left.
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

#include "base/util.h"
#include "explain/explain.h"
#include "explain/explain_json.h"
#include "record/jsonw.h"
#include "explainfile.h"
#include "tsvload.h"

#define DIR		"test/explain/forwards"
#define ROWS_MAX	64

struct row {
	char	file[64], address[64], kind[32], reason[32];
	size_t	attachment, attachments;
};

static struct row rows[ROWS_MAX];
static size_t nrows;

static void
load_row(char **f, void *arg)
{
	struct row *w = &rows[nrows];

	(void)arg;
	assert_true(nrows < ROWS_MAX);
	tsvload_copy(w->file, sizeof(w->file), f[0]);
	w->attachment = (size_t)atoi(f[1]);
	w->attachments = (size_t)atoi(f[2]);
	tsvload_copy(w->address, sizeof(w->address), f[3]);
	tsvload_copy(w->kind, sizeof(w->kind), f[4]);
	tsvload_copy(w->reason, sizeof(w->reason), f[5]);
	nrows++;
}

/* Every file of expected.tsv gives its rows' records, in their order. */
static void
test_fixtures(void **state)
{
	struct explain_records rs;
	const struct explain_result *r;
	char path[512];
	size_t i, j, n;

	(void)state;
	nrows = 0;
	tsvload(DIR "/expected.tsv", "file\tattachment", 6, load_row, NULL);
	assert_true(nrows >= 9);
	for (i = 0; i < nrows; i += n) {
		for (n = 1; i + n < nrows &&
		    strcmp(rows[i + n].file, rows[i].file) == 0; n++)
			;
		snprintf(path, sizeof(path), "%s/%s", DIR, rows[i].file);
		assert_int_equal(explainfile_records(path, &rs), 1);
		if (rs.n != n)
			fail_msg("%s: %zu records, expected %zu", rows[i].file,
			    rs.n, n);
		for (j = 0; j < n; j++) {
			r = &rs.r[j];
			printf("  %s #%zu: %zu of %zu, %s %s %s\n",
			    rows[i].file, j + 1, r->attachment,
			    r->attachments, r->nrcpts ? r->rcpts[0].address :
			    "-", explain_kind_name(r->kind), r->nrcpts ?
			    reason_name(r->rcpts[0].reason) : "-");
			assert_int_equal(r->attachment, rows[i + j].attachment);
			assert_int_equal(r->attachments,
			    rows[i + j].attachments);
			assert_int_equal(r->nrcpts, 1);
			assert_non_null(r->rcpts[0].address);
			assert_string_equal(r->rcpts[0].address,
			    rows[i + j].address);
			assert_string_equal(explain_kind_name(r->kind),
			    rows[i + j].kind);
			assert_string_equal(reason_name(r->rcpts[0].reason),
			    rows[i + j].reason);
			/* nothing left unread */
			assert_int_equal(r->attached_unread, 0);
			assert_null(explain_attached_note(r, LANG_EN));
		}
		explain_records_free(&rs);
	}
}

/*
 * A reply quoting a forwarded bounce ("> > ") below its writer's words:
 * the server's reply is read whole, without a quote mark left in it (it
 * was "550 5.1.1" and "... User unknown in > > virtual mailbox table").
 */
static void
test_reply_quoted(void **state)
{
	/* "> " and "> > ", and the same quote written ">" and ">>" */
	static const char *const files[] = { DIR "/03-reply-quoted.txt",
	    DIR "/04-reply-quoted-tight.txt" };
	struct explain_records rs;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		assert_int_equal(explainfile_records(files[i], &rs), 1);
		assert_int_equal(rs.n, 1);
		assert_int_equal(rs.r[0].nrcpts, 1);
		assert_non_null(rs.r[0].rcpts[0].text);
		assert_string_equal(rs.r[0].rcpts[0].text, "550 5.1.1 "
		    "<buyer@example.com>: Recipient address rejected: User "
		    "unknown in virtual mailbox table (in reply to RCPT TO "
		    "command)");
		explain_records_free(&rs);
	}
}

/*
 * A person's forward (boundary b) of n copies of the message attach,
 * as a string (owned, g_free).
 */
static gchar *
forward_of(const char *b, const char *attach, size_t n)
{
	GString *s = g_string_new(NULL);
	size_t i;

	g_string_append_printf(s, "From: Li Wei <li.wei@example.com>\n"
	    "To: it@example.com\nSubject: Fwd: many\nMIME-Version: 1.0\n"
	    "Content-Type: multipart/mixed; boundary=\"%s\"\n\n--%s\n"
	    "Content-Type: text/plain\n\nAll of these came back.\n", b, b);
	for (i = 0; i < n; i++)
		g_string_append_printf(s, "--%s\nContent-Type: message/rfc822"
		    "\n\n%s", b, attach);
	g_string_append_printf(s, "--%s--\n", b);
	return g_string_free(s, FALSE);
}

/* The records of text, read as a file. */
static void
explain_text(const char *text, struct explain_records *rs)
{
	char path[] = "/tmp/mxtrace-forwards-XXXXXX";
	int fd;

	assert_true((fd = mkstemp(path)) >= 0);
	assert_true(write(fd, text, strlen(text)) == (ssize_t)strlen(text));
	assert_int_equal(close(fd), 0);
	assert_int_equal(explainfile_records(path, rs), 1);
	unlink(path);
}

/*
 * A bounce in depth forwards, each attaching the next: the note of the
 * last record holds want, in l.
 */
static void
nested_note(const char *bounce, size_t depth, enum lang l, const char *want)
{
	struct explain_records rs;
	gchar *m = g_strdup(bounce), *f;
	char b[32], *note;
	size_t i;

	for (i = 0; i < depth; i++) {
		snprintf(b, sizeof(b), "nest%zu", i);
		f = forward_of(b, m, 1);
		g_free(m);
		m = f;
	}
	explain_text(m, &rs);
	assert_non_null(note = explain_attached_note(&rs.r[rs.n - 1], l));
	printf("  %s\n", note);
	assert_non_null(strstr(note, want));
	free(note);
	explain_records_free(&rs);
	g_free(m);
}

/* Records 1..n of n of rs, each the bounce's; the last left unread. */
static void
check_records(const struct explain_records *rs, size_t n, size_t unread)
{
	size_t i;

	assert_int_equal(rs->n, n);
	for (i = 0; i < rs->n; i++) {
		assert_int_equal(rs->r[i].attachment, i + 1);
		assert_int_equal(rs->r[i].attachments, n);
		assert_int_equal(rs->r[i].attached_unread, i + 1 == n ?
		    unread : 0);
		assert_string_equal(rs->r[i].rcpts[0].address,
		    "nobody@example.org");
	}
}

/*
 * A forward of EXPLAIN_ATTACHED_MAX + 2 bounces: that many records, the
 * last saying 2 were left (en, zh, and in its JSON's notes).  The bound
 * counts the messages of all forwards in one: two forwards of 30 bounces
 * attached to a third are 62 messages, of which the 2 forwards and 48
 * bounces are read.
 */
static void
test_bound(void **state)
{
	struct explain_records rs;
	struct jsonw w;
	json_t *o, *notes;
	gchar *bounce, *fwd, *inner;
	char *note;
	gsize len;

	(void)state;
	assert_true(g_file_get_contents(DIR "/bounce-user-unknown.eml",
	    &bounce, &len, NULL));
	fwd = forward_of("XX", bounce, EXPLAIN_ATTACHED_MAX + 2);
	explain_text(fwd, &rs);
	g_free(fwd);
	check_records(&rs, EXPLAIN_ATTACHED_MAX, 2);
	note = explain_attached_note(&rs.r[rs.n - 1], LANG_EN);
	printf("  %s\n", note);
	assert_non_null(strstr(note, "holds 2 more messages"));
	free(note);
	note = explain_attached_note(&rs.r[rs.n - 1], LANG_ZH);
	printf("  %s\n", note);
	assert_non_null(strstr(note, "其余 2 封"));
	free(note);

	/* the note is the last record's, in its JSON too */
	jsonw_init(&w);
	explain_json_write(&w, &rs.r[rs.n - 1], "f.eml", 1, LANG_EN, NULL,
	    NULL);
	assert_non_null(o = json_loadb(w.buf, w.len, 0, NULL));
	notes = json_object_get(o, "notes");
	assert_int_equal(json_array_size(notes), 1);
	assert_non_null(strstr(json_string_value(json_array_get(notes, 0)),
	    "holds 2 more messages"));
	assert_int_equal(json_integer_value(json_object_get(o, "attachment")),
	    EXPLAIN_ATTACHED_MAX);
	json_decref(o);
	jsonw_reset(&w);
	explain_json_write(&w, &rs.r[0], "f.eml", 1, LANG_EN, NULL, NULL);
	assert_non_null(o = json_loadb(w.buf, w.len, 0, NULL));
	assert_int_equal(json_array_size(json_object_get(o, "notes")), 0);
	json_decref(o);
	jsonw_free(&w);
	explain_records_free(&rs);

	assert_true(EXPLAIN_ATTACHED_MAX > 2 && EXPLAIN_ATTACHED_MAX < 60);
	inner = forward_of("YY", bounce, 30);
	fwd = forward_of("ZZ", inner, 2);
	explain_text(fwd, &rs);
	check_records(&rs, EXPLAIN_ATTACHED_MAX - 2, 62 - EXPLAIN_ATTACHED_MAX);
	explain_records_free(&rs);
	g_free(fwd);
	g_free(inner);

	/*
	 * Forwards nested one in another past the bound: the note counts
	 * every message not read, not the one message holding them (10 past
	 * the 50 read of 60); past the bound again, a floor
	 */
	nested_note(bounce, EXPLAIN_ATTACHED_MAX + 10, LANG_EN,
	    "holds 10 more messages");
	nested_note(bounce, EXPLAIN_ATTACHED_MAX + 10, LANG_ZH, "其余 10 封");
	nested_note(bounce, 3 * EXPLAIN_ATTACHED_MAX, LANG_EN,
	    "holds at least 50 more messages");
	nested_note(bounce, 3 * EXPLAIN_ATTACHED_MAX, LANG_ZH, "其余至少 50 封");
	g_free(bounce);
}

/*
 * A forward whose messages read hold no bounce while more were left past
 * the bound (50 letters, then a text bounce; a text bounce under 55 nested
 * forwards) is no plain "not a bounce": forward_unread, its note counting
 * those left.  Nothing left unread: not a bounce still.
 */
static void
test_unread_maybe_bounce(void **state)
{
	static const char letter[] = "From: a@example.com\nTo: b@example.com\n"
	    "Subject: hi\n\nlunch?\n";
	struct explain_records rs;
	gchar *bounce, *many, *fwd, *f;
	GString *g = g_string_new(NULL);
	char b[32];
	size_t i;
	gsize len;

	(void)state;
	assert_true(g_file_get_contents("test/explain/lhost/exim-unrouteable.eml",
	    &bounce, &len, NULL));
	many = forward_of("LL", letter, EXPLAIN_ATTACHED_MAX);
	/* the bounce attached after the letters: past the bound */
	g_string_append_len(g, many, (gssize)(strstr(many, "--LL--") - many));
	g_string_append_printf(g, "--LL\nContent-Type: message/rfc822\n\n%s"
	    "--LL--\n", bounce);
	fwd = g_string_free(g, FALSE);
	explain_text(fwd, &rs);
	assert_int_equal(rs.n, 1);
	assert_int_equal(rs.r[0].kind, EXPLAIN_FORWARD_UNREAD);
	assert_string_equal(explain_kind_name(rs.r[0].kind), "forward_unread");
	assert_int_equal(rs.r[0].attached_unread, 1);
	explain_records_free(&rs);
	g_free(fwd);

	fwd = g_strdup(bounce);
	for (i = 0; i < EXPLAIN_ATTACHED_MAX + 5; i++) {
		snprintf(b, sizeof(b), "nest%zu", i);
		f = forward_of(b, fwd, 1);
		g_free(fwd);
		fwd = f;
	}
	explain_text(fwd, &rs);
	assert_int_equal(rs.n, 1);
	assert_int_equal(rs.r[0].kind, EXPLAIN_FORWARD_UNREAD);
	assert_int_equal(rs.r[0].attached_unread, 5);
	explain_records_free(&rs);
	g_free(fwd);

	/* every message read, none a bounce: not a bounce */
	explain_text(many, &rs);
	assert_int_equal(rs.n, 1);
	assert_int_equal(rs.r[0].kind, EXPLAIN_NOT_A_BOUNCE);
	explain_records_free(&rs);
	g_free(many);
	g_free(bounce);
}

/*
 * Each attached bounce says which message of the person's it returned,
 * or nothing: a bounce that returned no copy of the message shows no
 * "Your message", never another attached letter's (the forward's first
 * attached message was taken for it), whichever order they come in.
 */
static void
test_original_per_bounce(void **state)
{
	struct explain_records rs;
	gchar *copy, *full, *cut, *fwd;
	size_t order, i;
	GString *s;

	(void)state;
	assert_true(g_file_get_contents(DIR "/bounce-user-unknown.eml", &copy,
	    NULL, NULL));
	assert_true(g_file_get_contents(DIR "/bounce-mailbox-full.eml", &full,
	    NULL, NULL));
	/* Exim's bounce without "This is a copy of the message" */
	assert_non_null(cut = strstr(full, "------ This is a copy"));
	*cut = '\0';
	for (order = 0; order < 2; order++) {
		s = g_string_new("From: Li Wei <li.wei@example.com>\n"
		    "To: it@example.com\nSubject: Fwd: two came back\n"
		    "MIME-Version: 1.0\nContent-Type: multipart/mixed; "
		    "boundary=\"OO\"\n\n--OO\nContent-Type: text/plain\n\n"
		    "See the two attached.\n");
		for (i = 0; i < 2; i++)
			g_string_append_printf(s, "--OO\nContent-Type: "
			    "message/rfc822\n\n%s", (i == order) ? copy : full);
		g_string_append(s, "--OO--\n");
		fwd = g_string_free(s, FALSE);
		explain_text(fwd, &rs);
		assert_int_equal(rs.n, 2);
		for (i = 0; i < 2; i++) {
			assert_int_equal(rs.r[i].nrcpts, 1);
			if (strcmp(rs.r[i].rcpts[0].address,
			    "nobody@example.org") == 0)
				assert_string_equal(rs.r[i].original.subject,
				    "Quotation for November");
			else {
				assert_null(rs.r[i].original.subject);
				assert_null(rs.r[i].original.message_id);
			}
		}
		explain_records_free(&rs);
		g_free(fwd);
	}
	g_free(copy);
	g_free(full);
}

/* GMime set up once for the group: it cannot be set up again after
 * its shutdown */
static int
setup(void **state)
{
	(void)state;
	explain_init();
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	explain_shutdown();
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fixtures),
		cmocka_unit_test(test_reply_quoted),
		cmocka_unit_test(test_bound),
		cmocka_unit_test(test_unread_maybe_bounce),
		cmocka_unit_test(test_original_per_bounce),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
