// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * "Did you mean": the known name closest to a mistyped one, and the message for an
 * option getopt_long(3) refused. Written here: the edit distance of two short words is
 * a few lines, and no Debian library offers it for C.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

#define WORD_MAX 64

/*
 * Edits (insert, delete, replace, swap two neighbours) between @a and @b: the optimal
 * string alignment distance; WORD_MAX or more for words that long.
 */
static size_t distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t d[WORD_MAX + 1][WORD_MAX + 1];

	if (la >= WORD_MAX || lb >= WORD_MAX)
		return WORD_MAX;
	for (size_t i = 0; i <= la; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= la; i++) {
		for (size_t j = 1; j <= lb; j++) {
			size_t cost = a[i - 1] != b[j - 1], best = d[i - 1][j - 1] + cost;

			if (d[i - 1][j] + 1 < best)
				best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	}
	return d[la][lb];
}

const char *cli_closest(const char *word, const char *const *names, size_t n)
{
	size_t len = strlen(word), best = WORD_MAX;
	const char *found = NULL;

	for (size_t i = 0; i < n; i++) {
		size_t d = distance(word, names[i]);

		/* a start of the name (vali: validate) is as good as two edits */
		if (len >= 2 && strncmp(names[i], word, len) == 0 && d > 2)
			d = 2;
		if (d < best) {
			best = d;
			found = names[i];
		}
	}
	/* two edits at most, and fewer than half the word: "ab" is no typo of "json" */
	return found && best <= 2 && best * 2 < len + 1 ? found : NULL;
}

/* The long options' names, for cli_closest(); at most @max. */
static size_t long_names(const struct option *options, const char **names, size_t max)
{
	size_t n = 0;

	for (const struct option *o = options; o->name && n < max; o++)
		names[n++] = o->name;
	return n;
}

int cli_bad_option(const struct command *cmd, char **argv, const struct option *options,
		   const char *shorts)
{
	const char *arg = optind > 0 ? argv[optind - 1] : "";
	const char *names[64], *close;
	size_t n = long_names(options, names, 64);
	char word[WORD_MAX];
	size_t len, matches = 0;

	if (strncmp(arg, "--", 2) != 0) {
		const char *s = optopt ? strchr(shorts, optopt) : NULL;

		if (s && s[1] == ':')
			return cli_usage_error(cmd, "option '-%c' needs a value", optopt);
		return cli_usage_error(cmd, "unknown option '-%c'",
				       optopt ? optopt : '?');
	}
	len = strcspn(arg + 2, "=");
	snprintf(word, sizeof(word), "%.*s", (int)len, arg + 2);
	for (size_t i = 0; i < n; i++) {
		if (strcmp(names[i], word) == 0) /* known: then its value is missing */
			return cli_usage_error(cmd, "option '--%s' needs a value", word);
		matches += strncmp(names[i], word, strlen(word)) == 0;
	}
	if (matches > 1) {
		char list[256] = "";

		for (size_t i = 0; i < n; i++)
			if (strncmp(names[i], word, strlen(word)) == 0)
				snprintf(list + strlen(list), sizeof(list) - strlen(list),
					 "%s--%s", list[0] ? ", " : "", names[i]);
		return cli_usage_error(cmd, "option '--%s' is ambiguous: %s", word, list);
	}
	close = cli_closest(word, names, n);
	if (close)
		return cli_usage_error(cmd, "unknown option '--%s'; did you mean '--%s'?",
				       word, close);
	return cli_usage_error(cmd, "unknown option '--%s'", word);
}
