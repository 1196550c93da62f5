// SPDX-License-Identifier: GPL-2.0-or-later
/* Options every command shares, error messages, and writing a report out. */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

static void verror(const char *fmt, va_list ap)
{
	fputs("sysabi: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

int cli_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	verror(fmt, ap);
	va_end(ap);
	return EXIT_TROUBLE;
}

int cli_usage_error(const struct command *cmd, const char *fmt, ...)
{
	va_list ap;

	if (fmt) {
		va_start(ap, fmt);
		verror(fmt, ap);
		va_end(ap);
	}
	fprintf(stderr, "Try 'sysabi %s%s--help' for more information.\n",
		cmd ? cmd->name : "", cmd ? " " : "");
	return EXIT_TROUBLE;
}

int cli_common_option(struct cli *cli, const struct command *cmd, int opt, const char *arg,
		      bool *done)
{
	*done = false;
	switch (opt) {
	case OPT_ABI:
		cli->abi_dir = arg;
		return 1;
	case OPT_FORMAT:
		if (format_parse(arg, &cli->format) < 0) {
			*done = true;
			return cli_usage_error(cmd, "unknown format '%s' (formats: %s)", arg,
					       format_list());
		}
		return 1;
	case 'o':
		if (!*arg) {
			*done = true;
			return cli_usage_error(cmd, "--output needs a file name");
		}
		cli->output = arg;
		return 1;
	case 'h':
		*done = true;
		if (cmd)
			fputs(cmd->usage, stdout);
		return fflush(stdout) == 0 ? EXIT_CLEAN : EXIT_TROUBLE;
	case '?':
		*done = true;
		return cli_usage_error(cmd, NULL);
	}
	return 0;
}

static int write_all(int fd, const char *buf, size_t len)
{
	while (len) {
		ssize_t n = write(fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Write to a temporary file beside @path, then rename: readers see all or nothing. */
static int write_atomic(const char *path, const char *buf, size_t len)
{
	char *copy = strdup(path), *tmp = NULL;
	int fd, r = -ENOMEM;

	if (!copy || asprintf(&tmp, "%s/.%s.XXXXXX", dirname(copy), basename((char *)path)) < 0) {
		free(copy);
		return -ENOMEM;
	}
	free(copy);
	fd = mkstemp(tmp);
	if (fd < 0) {
		r = -errno;
		free(tmp);
		return r;
	}
	r = write_all(fd, buf, len);
	if (r == 0 && fchmod(fd, 0644 & ~umask(umask(0))) < 0)
		r = -errno;
	if (r == 0 && fsync(fd) < 0)
		r = -errno;
	if (close(fd) < 0 && r == 0)
		r = -errno;
	if (r == 0 && rename(tmp, path) < 0)
		r = -errno;
	if (r < 0)
		unlink(tmp);
	free(tmp);
	return r;
}

int cli_write_file(const char *path, const char *buf, size_t len)
{
	int r = write_atomic(path, buf, len);

	return r < 0 ? cli_error("cannot write '%s': %s", path, strerror(-r)) : 0;
}

int cli_emit(const struct cli *cli, const struct value *report)
{
	char *buf;
	size_t len;
	int r = render_report(report, cli->format, &buf, &len);

	if (r < 0)
		return cli_error("cannot render the report: %s", strerror(-r));
	if (cli->output) {
		r = cli_write_file(cli->output, buf, len);
		free(buf);
		return r;
	}
	r = fwrite(buf, 1, len, stdout) == len ? 0 : -errno;
	free(buf);
	if (r == 0 && fflush(stdout) != 0)
		r = -errno;
	if (r < 0)
		return cli_error("cannot write to standard output: %s", strerror(-r ? -r : EIO));
	return 0;
}
