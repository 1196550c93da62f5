// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Baselines, as `sysabi audit --baseline FILE` reads them: baseline_read() on the
 * input as a file, then baseline_has(). And the other way: the input's first line,
 * made a path, written as `--write-baseline` writes it (baseline_header,
 * baseline_line()), must read back as the same finding.
 */
#include <string.h>

#include <glib.h>

#include "audit/audit.h"
#include "audit/baseline.h"
#include "fuzz.h"

static void round_trip(const char *text)
{
	char *pattern = g_strdup_printf("/%.*s", (int)strcspn(text, "\n"), text);
	const char *cls = audit_class_name(AUDIT_UNDOCUMENTED);
	char *line = baseline_line(cls, pattern);
	char *file = g_strconcat(baseline_header, line, NULL);
	struct baseline *b;
	unsigned int bad_line;
	int r = baseline_read(fuzz_file(file, strlen(file)), &b, &bad_line);

	if (r < 0 || !baseline_has(b, cls, pattern)) {
		fprintf(stderr, "fuzz-baseline: the line '%s' reads back %s\n", line,
			r < 0 ? strerror(-r) : "as another finding");
		abort();
	}
	baseline_free(b);
	g_free(file);
	g_free(line);
	g_free(pattern);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct baseline *b;
	unsigned int bad_line;
	char *text;

	if (baseline_read(fuzz_file(data, size), &b, &bad_line) == 0) {
		for (int c = 0; c < AUDIT_CLASS_COUNT; c++)
			baseline_has(b, audit_class_name(c), "/sys/kernel/mm/ksm/run");
		baseline_free(b);
	}
	/* up to the first NUL: a path holds none */
	text = g_strndup((const char *)data, size);
	round_trip(text);
	g_free(text);
	return 0;
}
