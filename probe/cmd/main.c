/*
 * main.c - `mxtrace COMMAND ...`: dispatch to probe, verify, report or
 * explain.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/exitcode.h"
#include "base/syserr.h"
#include "base/termcs.h"
#include "cli/cli.h"
#include "cmd/explain_cmd.h"
#include "cmd/probe_cmd.h"
#include "cmd/sender_cmd.h"
#include "input/hints.h"
#include "reports/report.h"
#include "verify/verify.h"

static const char usage[] =
"usage: mxtrace probe [options] ADDRESS       trace one address\n"
"       mxtrace verify [options] FILE|-       verify a list (JSON Lines out)\n"
"       mxtrace report [options] FILE...      HTML report from JSON Lines\n"
"       mxtrace explain [options] FILE...|-   read a bounce: what failed and why\n"
"       mxtrace sender [options] DOMAIN|IP... check your own sending set-up\n"
"       mxtrace COMMAND --help                options of a command\n"
"       mxtrace --version                     the version\n";

/* The commands, for a mistyped one's nearest (main_did_you_mean). */
static const char *const main_commands[] = {
	"probe", "verify", "report", "explain", "sender",
};

/*
 * Why: people type `mxtrace alice@example.com` or `mxtrace customers.csv`;
 * the command they forgot is plain from what they gave.  A command
 * mistyped ("proeb", "Verify", "explian") is one or two letters from the
 * one meant: that one is named.
 */
static void
main_did_you_mean(const char *word, const char *lang)
{
	struct stat st;
	char low[16];
	size_t i;

	for (i = 0; word[i] != '\0' && i + 1 < sizeof(low); i++)
		low[i] = (char)(word[i] >= 'A' && word[i] <= 'Z' ?
		    word[i] - 'A' + 'a' : word[i]);
	low[i] = '\0';
	if (word[i] == '\0' && i >= 3)
		for (i = 0; i < sizeof(main_commands) /
		    sizeof(main_commands[0]); i++)
			if (hints_distance(low, main_commands[i], 2) <= 2) {
				cli_msg(lang_pick(lang), "mxtrace: did you mean "
				    "mxtrace %s?\n", main_commands[i]);
				return;
			}
	if (stat(word, &st) == 0 && S_ISREG(st.st_mode))
		cli_msg(lang_pick(lang), "mxtrace: to check a list: mxtrace "
		    "verify %s -o results.jsonl\n", word);
	else if (strchr(word, '@') != NULL)
		cli_msg(lang_pick(lang), "mxtrace: to check one address: "
		    "mxtrace probe %s\n", word);
}

/*
 * Why: `mxtrace --lang zh --help` is how a reader asks for Chinese before
 * knowing the commands.  A leading --lang is moved behind the command
 * name, where every command reads it; returns the value, or NULL when
 * argv does not start with --lang.  av holds the rewritten command line.
 */
static const char *
main_lead_lang(int *argc, char ***argv, char **av)
{
	const char *v;
	int i, n, skip;

	if (*argc >= 3 && strcmp((*argv)[1], "--lang") == 0) {
		v = (*argv)[2];
		skip = 2;
	} else if (*argc >= 2 && strncmp((*argv)[1], "--lang=", 7) == 0) {
		v = (*argv)[1] + 7;
		skip = 1;
	} else
		return NULL;
	av[0] = (*argv)[0];
	n = 1;
	if (*argc > skip + 1 && (*argv)[skip + 1][0] != '-') {
		av[n++] = (*argv)[skip + 1];
		av[n++] = "--lang";
		av[n++] = (char *)v;
		skip++;
	}
	for (i = skip + 1; i < *argc; i++)
		av[n++] = (*argv)[i];
	av[n] = NULL;
	*argc = n;
	*argv = av;
	return v;
}

/* Run the command argv names; lang: a leading --lang, else NULL. */
static int
main_dispatch(int argc, char **argv, const char *lang)
{
	char *s, *who;

	if (argc >= 2)
		cli_args(argc - 1, argv + 1);	/* an error names the command */
	if (lang != NULL && lang_from_name(lang) < 0) {
		s = xasprintf(catalog_tr(lang_pick(NULL), "--lang wants en or "
		    "zh, not '%s'"), lang);
		who = cli_who(lang_pick(NULL));
		cli_msgf("%s%s\n", who, s);
		free(who);
		free(s);
		return MX_EXIT_USAGE;
	}
	if (argc < 2) {
		cli_help_text(stderr, lang_pick(lang), usage);
		cli_usage_hint(lang_pick(lang), "COMMAND");
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
		/* mxtrace --help --lang zh: the --lang after it counts too */
		cli_args(argc, argv);
		if (lang == NULL)
			lang = cli_lang_arg();
		cli_help_text(stdout, lang_pick(lang), usage);
		cli_help_exit(stdout, lang_pick(lang), "mxtrace");
		return 0;
	}
	if (strcmp(argv[1], "--lang") == 0) {	/* its value left out */
		s = xasprintf(catalog_tr(lang_pick(NULL), "%s needs a value"),
		    "--lang");
		who = cli_who(lang_pick(NULL));
		cli_msgf("%s%s\n", who, s);
		free(who);
		free(s);
		cli_usage_hint(lang_pick(NULL), "COMMAND");
		return MX_EXIT_USAGE;
	}
	cli_msgf(catalog_tr(lang_pick(lang), "mxtrace: unknown command "
	    "'%s'\n%s"), argv[1], "");
	main_did_you_mean(argv[1], lang);
	cli_help_text(stderr, lang_pick(lang), usage);
	return MX_EXIT_USAGE;
}

int
main(int argc, char **argv)
{
	char **av;
	const char *lang;
	int rc;

	termcs_init();
	if ((av = calloc((size_t)argc + 3, sizeof(*av))) == NULL) {
		cli_msg(lang_pick(NULL), "mxtrace: %s\n", syserr_text(errno));
		return MX_EXIT_SOFTWARE;
	}
	lang = main_lead_lang(&argc, &argv, av);
	rc = main_dispatch(argc, argv, lang);
	free(av);
	return rc;
}
