#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The layers of the tree, read from its #include lines. A folder may include its own
# files and those of the folders below it in LAYERS, never one above or beside it, and
# no header may reach itself through others. docs/design.rst draws the same picture.
#
# Run from the top of the tree; prints "ok ..." or "FAIL ...", then
# "source: P passed, F failed". Before reading the tree it runs the rules on small
# made-up trees that break them, so a rule that stopped catching anything fails too.

import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from srctest import check, done, made_up  # noqa: E402

# Lowest first. Folders on one line are siblings: neither includes the other.
LAYERS = [
    ["common"],
    ["abi"],
    ["checker/ext"],
    ["checker/sysfs"],
    ["checker/report"],
    ["checker/cli"],
    ["checker/btf", "checker/snapshot"],
    ["checker/audit"],
    ["checker/compare"],
    ["checker/docs", "checker/rest", "checker/diff", "checker/fleet"],
    ["checker"],
]
# the layers that serve every command and so may name none
GENERIC = ["common", "abi", "checker/ext", "checker/sysfs", "checker/report", "checker/cli"]
# where a quoted include is looked for after the including file's folder (-I flags)
SEARCH = [".", "checker"]
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def rank_of(folder):
    for rank, folders in enumerate(LAYERS):
        if folder in folders:
            return rank
    return None


def sources(top):
    for rank in LAYERS:
        for folder in rank:
            d = os.path.join(top, folder)
            if not os.path.isdir(d):
                continue
            for name in sorted(os.listdir(d)):
                if name.endswith((".c", ".h")):
                    yield os.path.join(folder, name)


def resolve(top, src, name):
    for base in [os.path.dirname(src)] + SEARCH:
        path = os.path.normpath(os.path.join(base, name))
        if os.path.isfile(os.path.join(top, path)):
            return path
    return None


def problems(top):
    """Every broken rule in the tree at @top, as messages."""
    out = []
    graph = {}
    for src in sources(top):
        with open(os.path.join(top, src), encoding="utf-8") as f:
            text = f.read()
        graph[src] = []
        for m in INCLUDE.finditer(text):
            line = text.count("\n", 0, m.start()) + 1
            where = "%s:%d" % (src, line)
            target = resolve(top, src, m.group(1))
            if target is None:
                out.append('%s: "%s" is no file of the tree' % (where, m.group(1)))
                continue
            graph[src].append(target)
            sf, tf = os.path.dirname(src), os.path.dirname(target)
            sr, tr = rank_of(sf), rank_of(tf)
            if tr is None:
                out.append("%s: %s is in no layer" % (where, target))
            elif tf != sf and tr >= sr:
                out.append("%s: %s/ includes %s, %s" % (where, sf, target,
                           "a layer above it" if tr > sr else "a sibling"))
    # cycles: a depth-first walk that finds a file on its own path
    state = {}

    def walk(node, path):
        state[node] = 1
        for nxt in graph.get(node, []):
            if state.get(nxt) == 1:
                cycle = path[path.index(nxt):] + [nxt]
                out.append("include cycle: " + " -> ".join(cycle))
            elif nxt not in state:
                walk(nxt, path + [nxt])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            walk(node, [node])
    return out


def command_names(top):
    """The commands of main.c's table: COMMANDS(X) X(audit) X(validate)..."""
    with open(os.path.join(top, "checker/main.c"), encoding="utf-8") as f:
        m = re.search(r"#define COMMANDS\(X\)((?:[^\n]*\\\n)*[^\n]*)", f.read())
    return re.findall(r"X\((\w+)\)", m.group(1)) if m else []


def strip_comments(text):
    return re.sub(r"/\*.*?\*/|//[^\n]*", lambda m: "\n" * m.group(0).count("\n"),
                  text, flags=re.S)


def command_mentions(top):
    """Generic code that knows a command by name: a string literal that is one."""
    out = []
    names = command_names(top)
    for folder in GENERIC:
        d = os.path.join(top, folder)
        if not os.path.isdir(d):
            continue
        for name in sorted(os.listdir(d)):
            if not name.endswith((".c", ".h")):
                continue
            with open(os.path.join(d, name), encoding="utf-8") as f:
                text = strip_comments(f.read())
            for m in re.finditer(r'"(\w+)"', text):
                if m.group(1) in names:
                    line = text.count("\n", 0, m.start()) + 1
                    out.append('%s/%s:%d: "%s" is a command\'s name' %
                               (folder, name, line, m.group(1)))
    return out






def rules_catch(name, files, expect):
    found = problems(made_up(files))
    check("the rules catch " + name, any(expect in p for p in found),
          "expected '%s' in %s" % (expect, found))


rules_catch("an upward include", {
    "common/a.h": '#include "checker/report/view.h"\n',
    "checker/report/view.h": ""}, "a layer above it")
rules_catch("a sibling's include", {
    "checker/docs/docs.h": '#include "diff/diff.h"\n',
    "checker/diff/diff.h": ""}, "a sibling")
rules_catch("a cycle", {
    "checker/report/a.h": '#include "b.h"\n',
    "checker/report/b.h": '#include "a.h"\n'}, "include cycle")
rules_catch("a file in no layer", {
    "checker/report/a.h": '#include "checker/misc/x.h"\n',
    "checker/misc/x.h": ""}, "in no layer")
rules_catch("an include of nothing", {
    "checker/report/a.c": '#include "gone.h"\n'}, "no file of the tree")

top = made_up({
    "checker/main.c": "#define COMMANDS(X) X(audit) X(diff)\n",
    "checker/report/view.c": 'if (strcmp(command, "diff") == 0) /* "audit" */\n'})
found = command_mentions(top)
check("the rule catches a command named in generic code, not in a comment",
      len(found) == 1 and '"diff"' in found[0], str(found))

found = problems(".")
for p in found:
    print("  " + p)
check("the tree's includes point down its layers, without cycles", not found,
      "%d broken" % len(found))
# every folder with sources is in a layer: a new one is placed on purpose
strays = []
for d in ["common", "abi", "checker"]:
    for root, _, names in os.walk(d):
        if any(n.endswith((".c", ".h")) for n in names) and rank_of(root) is None:
            strays.append(root)
check("every folder of sources has its layer", not strays, " ".join(strays))

found = command_mentions(".")
for p in found:
    print("  " + p)
check("no generic layer knows a command by name (%s)" % ", ".join(command_names(".")),
      command_names(".") and not found, "%d found" % len(found))

done()
