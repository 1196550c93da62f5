#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Every unit suite runs. make builds each tests/unit/*.c into the runner, so a suite whose
# `void test_X_register(void)` main.c does not call still compiles, links, and never
# runs: its tests go missing without a word. Each suite defined in tests/unit/*.c must be
# declared in unit.h and called once from main.c's suite list, and each name listed
# there must be a suite that is defined.
#
# Run from the top of the tree; prints "ok ..." or "FAIL ...", then
# "source: P passed, F failed". Before reading the tree it runs the rule on small
# made-up directories that break it, so a rule that stopped catching anything fails too.

import os
import re
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from srctest import check, done, made_up  # noqa: E402

UNIT = "tests/unit"
DEFINITION = re.compile(r"^void\s+(test_\w+_register)\s*\(\s*void\s*\)\s*\{", re.M)
DECLARED = re.compile(r"\b(test_\w+_register)\s*\(\s*void\s*\)")
LISTED = re.compile(r"\b(test_\w+_register)\b")
SUITES = re.compile(r"\bsuites\s*\[\s*\]\s*\)\s*\(\s*void\s*\)\s*=\s*\{(.*?)\}\s*;", re.S)
COMMENT = re.compile(r"/\*.*?\*/|//[^\n]*", re.S)


def without_comments(text):
    """@text with its C comments blanked, newlines kept, so line numbers hold."""
    return COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def read(path):
    with open(path, encoding="utf-8") as f:
        return without_comments(f.read())


def problems(unit):
    """Every broken rule in the unit test directory @unit, as messages."""
    out = []
    defined = {}
    for name in sorted(os.listdir(unit)):
        if not name.endswith(".c"):
            continue
        text = read(os.path.join(unit, name))
        for m in DEFINITION.finditer(text):
            line = text.count("\n", 0, m.start()) + 1
            if m.group(1) in defined:
                out.append("%s:%d: %s is defined again (first in %s)" %
                           (name, line, m.group(1), defined[m.group(1)]))
            defined.setdefault(m.group(1), "%s:%d" % (name, line))
    if not defined:
        out.append("%s: no test_X_register() definition found" % unit)

    main = read(os.path.join(unit, "main.c"))
    m = SUITES.search(main)
    listed = LISTED.findall(m.group(1)) if m else []
    if not m:
        out.append("main.c: no suites[] list found")
    declared = set(DECLARED.findall(read(os.path.join(unit, "unit.h"))))

    for suite, where in sorted(defined.items()):
        n = listed.count(suite)
        if n == 0:
            out.append("%s: %s is not in main.c's suites[]: it never runs" %
                       (where, suite))
        elif n > 1:
            out.append("main.c: %s is in suites[] %d times" % (suite, n))
        if suite not in declared:
            out.append("%s: %s is not declared in unit.h" % (where, suite))
    for suite in sorted(set(listed) - set(defined)):
        out.append("main.c: %s is in suites[] but no tests/unit/*.c defines it" % suite)
    for suite in sorted(declared - set(defined)):
        out.append("unit.h: %s is declared but no tests/unit/*.c defines it" % suite)
    return out






HEADER = "void test_a_register(void), test_b_register(void);\n"
MAIN = ("int main(void)\n{\n\tvoid (*const suites[])(void) = {\n"
        "\t\ttest_a_register,\n%s\t};\n}\n")
SUITE = "void test_%s_register(void)\n{\n\tunit_add_suite(\"%s\", tests);\n}\n"
GOOD = {
    "unit.h": HEADER,
    "main.c": MAIN % "\t\ttest_b_register,\n",
    "test-a.c": SUITE % ("a", "a"),
    "test-b.c": SUITE % ("b", "b"),
}


def rule_says(name, changes, expect):
    """The rule, run on GOOD with @changes, finds a problem saying @expect; or none if
    @expect is None."""
    top = made_up(dict(GOOD, **changes))
    try:
        found = problems(top)
    finally:
        shutil.rmtree(top)
    if expect is None:
        check("the rule passes " + name, not found, "; ".join(found))
    else:
        check("the rule catches " + name, any(expect in p for p in found),
              "expected '%s' in %s" % (expect, found))


rule_says("a made-up directory where all agree", {}, None)
rule_says("a suite main.c does not run", {"main.c": MAIN % ""},
          "test_b_register is not in main.c's suites[]: it never runs")
rule_says("a suite only a comment in main.c lists",
          {"main.c": MAIN % "\t\t// test_b_register,\n"},
          "test_b_register is not in main.c's suites[]")
rule_says("a suite unit.h does not declare", {"unit.h": "void test_a_register(void);\n"},
          "test_b_register is not declared in unit.h")
rule_says("a suite main.c lists twice",
          {"main.c": MAIN % "\t\ttest_b_register,\n\t\ttest_a_register,\n"},
          "test_a_register is in suites[] 2 times")
rule_says("a suite main.c lists that nothing defines",
          {"main.c": MAIN % "\t\ttest_b_register,\n\t\ttest_c_register,\n"},
          "test_c_register is in suites[] but no tests/unit/*.c defines it")
rule_says("a suite unit.h declares that nothing defines",
          {"unit.h": HEADER + "void test_c_register(void);\n"},
          "test_c_register is declared but no tests/unit/*.c defines it")
rule_says("a suite whose file is gone", {"test-b.c": "/* nothing */\n"},
          "test_b_register is in suites[] but no tests/unit/*.c defines it")
rule_says("a suite defined in two files", {"test-c.c": SUITE % ("b", "c")},
          "test_b_register is defined again")
rule_says("a main.c without its list", {"main.c": "int main(void) { return 0; }\n"},
          "no suites[] list found")

found = problems(UNIT)
for p in found:
    print("  " + p)
check("every suite of %s is declared in unit.h and run once by main.c, and each listed "
      "is defined" % UNIT, not found, "%d broken" % len(found))

done()
