#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
#
# ktap-check.py KUNIT_DIR < report.ktap: parse a KTAP report with the kernel's own
# parser (tools/testing/kunit/kunit_parser.py from linux-source) and print what it
# understood as JSON: its status, its error count, and each test's name and status.
# The parser's own progress lines go to stderr.
import json
import sys

sys.path.insert(0, sys.argv[1])
real_stdout, sys.stdout = sys.stdout, sys.stderr  # the parser's printer takes sys.stdout
import kunit_parser  # noqa: E402

sys.stdout = real_stdout
text = sys.stdin.read()
test = kunit_parser.parse_run_tests(text.splitlines(keepends=True))
print(json.dumps({
    "status": test.status.name,
    "errors": test.counts.errors,
    "counts": {"passed": test.counts.passed, "failed": test.counts.failed,
               "skipped": test.counts.skipped, "crashed": test.counts.crashed},
    "tests": [{"name": t.name, "status": t.status.name} for t in test.subtests],
}))
