# SPDX-License-Identifier: GPL-2.0-or-later
#
# What the tests of tests/source/ share: a check that prints "ok NAME" or "FAIL NAME:
# WHY", small made-up trees to prove a rule catches what it should, and the summary
# line tests/run.sh reads, "source: P passed, F failed".

import os
import sys
import tempfile

passed = failed = 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        print("ok " + name)
        passed += 1
    else:
        print("FAIL %s%s" % (name, ": " + detail if detail else ""))
        failed += 1


def made_up(files, prefix="sysabi-source."):
    """A temporary tree of @files, {path: text}; the caller removes it."""
    top = tempfile.mkdtemp(prefix=prefix)
    for path, text in files.items():
        os.makedirs(os.path.join(top, os.path.dirname(path)), exist_ok=True)
        with open(os.path.join(top, path), "w", encoding="utf-8") as f:
            f.write(text)
    return top


def done():
    print("source: %d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed else 0)
