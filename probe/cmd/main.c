/*
 * main.c - `mxtrace COMMAND ...`: dispatch to probe, verify, report or
 * explain.
 */
#include <sys/stat.h>

#include <stdio.h>
#include <string.h>

#include "base/exitcode.h"
#include "cli/cli.h"
#include "cmd/explain_cmd.h"
#include "cmd/probe_cmd.h"
#include "cmd/sender_cmd.h"
#include "reports/report.h"
#include "verify/verify.h"

static const char usage[] =
"usage: mxtrace probe [options] ADDRESS       trace one address\n"
"       mxtrace verify [options] FILE|-       verify a list (JSON Lines out)\n"
"       mxtrace report [options] FILE...      HTML report from JSON Lines\n"
"       mxtrace explain [options] FILE...|-   read a bounce: what failed and why\n"
"       mxtrace sender [options] DOMAIN|IP... check our own sending set-up\n"
"       mxtrace COMMAND --help                options of a command\n"
"       mxtrace --version                     the version\n";

/*
 * Why: people type `mxtrace alice@example.com` or `mxtrace customers.csv`;
 * the command they forgot is plain from what they gave.
 */
static void
main_did_you_mean(const char *word)
{
	struct stat st;

	if (stat(word, &st) == 0 && S_ISREG(st.st_mode))
		cli_msg(lang_pick(NULL), "mxtrace: to check a list: mxtrace "
		    "verify %s -o results.jsonl\n", word);
	else if (strchr(word, '@') != NULL)
		cli_msg(lang_pick(NULL), "mxtrace: to check one address: "
		    "mxtrace probe %s\n", word);
}

int
main(int argc, char **argv)
{
	if (argc < 2) {
		cli_help_text(stderr, lang_pick(NULL), usage);
		cli_usage_hint(lang_pick(NULL), "COMMAND");
		return MX_EXIT_USAGE;
	}
	cli_args(argc - 1, argv + 1);
	if (strcmp(argv[1], "probe") == 0)
		return probe_main(argc - 1, argv + 1);
	if (strcmp(argv[1], "verify") == 0)
		return verify_main(argc - 1, argv + 1);
	if (strcmp(argv[1], "explain") == 0)
		return explain_main(argc - 1, argv + 1);
	if (strcmp(argv[1], "sender") == 0)
		return sender_main(argc - 1, argv + 1);
	if (strcmp(argv[1], "report") == 0)
		return report_main(argc - 1, argv + 1);
	if (strcmp(argv[1], "--version") == 0) {
		puts("mxtrace " MXTRACE_VERSION);
		return 0;
	}
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
		cli_help_text(stdout, lang_pick(NULL), usage);
		cli_help_exit(stdout, lang_pick(NULL), "mxtrace");
		return 0;
	}
	fprintf(stderr, catalog_tr(lang_pick(NULL), "mxtrace: unknown command "
	    "'%s'\n%s"), argv[1], "");
	main_did_you_mean(argv[1]);
	cli_help_text(stderr, lang_pick(NULL), usage);
	return MX_EXIT_USAGE;
}
