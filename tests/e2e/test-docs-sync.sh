#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The help, the man page and the documentation site name the same commands and options,
# and the documentation names every finding identifier the code has:
#   - the commands of `sysabi --help`, of the man page's SYNOPSIS and COMMANDS, and the
#     pages docs/commands/NAME.rst: a page without a command says so in a skip line;
#   - the options of `sysabi --help`, of the man page's OPTIONS and of the list of common
#     options in docs/commands.rst;
#   - for each command, the long options of `sysabi CMD --help`: the man page lists
#     those that are not common ones under the command, and the command's page lists
#     them all in its Options;
#   - every diagnostic kind of abi/context.c and every BTF finding of checker/btf/btf-*.c in
#     docs/findings.rst and the man page (BTF ones in docs/btf.rst too), and no
#     identifier there that the code does not have.
. tests/e2e/lib.sh

out=$E2E_TMP/help
mkdir -p "$out"
e2e_run --help
cp "$E2E_TMP/out" "$out/sysabi"
commands=$(sed -n '/^Commands:$/,/^$/s/^  \([a-z][a-z-]*\) .*/\1/p' "$out/sysabi")
e2e_check "sysabi --help lists commands" test -n "$commands"
for c in $commands; do
	e2e_run "$c" --help
	cp "$E2E_TMP/out" "$out/$c"
done

python3 - "$out" $commands >"$E2E_TMP/sync" <<'EOF'
import glob
import os
import re
import sys

help_dir, commands = sys.argv[1], sys.argv[2:]
results = []


def check(name, want, got, want_what, got_what):
    """Two sets must be equal; say what each side has that the other lacks."""
    want, got = set(want), set(got)
    if want == got:
        results.append(("ok", name, ""))
        return
    why = []
    if want - got:
        why.append(f"in {want_what}, not in {got_what}: {' '.join(sorted(want - got))}")
    if got - want:
        why.append(f"in {got_what}, not in {want_what}: {' '.join(sorted(got - want))}")
    results.append(("fail", name, "; ".join(why)))


def long_options(text):
    return set(re.findall(r"(?<![\w-])--([a-z][a-z0-9-]*)", text))


def help_options(path):
    """The long options of a --help text: the lines of its option list."""
    text = open(path).read()
    block = re.search(r"^Options[^\n]*:\n(.*?)(?:\n\n|\Z)", text, re.S | re.M)
    lines = block.group(1).splitlines() if block else []
    return {m.group(1) for line in lines
            for m in [re.match(r"\s+(?:-\w, )?--([a-z][a-z0-9-]*)", line)] if m}


# ---- the man page ----
adoc = open("docs/sysabi.1.adoc").read()
sections = dict(re.findall(r"^== ([A-Z ]+)\n(.*?)(?=^== |\Z)", adoc, re.S | re.M))
synopsis = {}
for name, rest in re.findall(r"^\*sysabi\* \[_OPTION_\]\.\.\. \*([a-z-]+)\*(.*)$",
                             sections["SYNOPSIS"], re.M):
    synopsis[name] = long_options(rest)
man_commands, current = {}, None
for line in sections["COMMANDS"].splitlines():
    m = re.match(r"^\*([a-z][a-z-]*)\*[^:]*::$", line)
    if m:
        current = m.group(1)
        man_commands[current] = set()
    elif line.endswith(":::") and current:
        man_commands[current] |= long_options(line)
man_globals = set()
for line in sections["OPTIONS"].splitlines():
    if re.match(r"^\*.*::$", line):
        man_globals |= long_options(line)


# ---- the site ----
def page_options(path):
    """The terms of a definition list of options: lines of ``--option ARG`` only."""
    found = set()
    for line in open(path):
        if re.match(r"^``-[^`]*``(, ``-[^`]*``)*$", line.rstrip("\n")):
            found |= long_options(line)
    return found


pages = {os.path.basename(p)[:-4]: p for p in glob.glob("docs/commands/*.rst")}
site_globals = page_options("docs/commands.rst")

# ---- commands ----
check("commands: --help and the man page's COMMANDS", commands, man_commands,
      "sysabi --help", "the man page's COMMANDS")
check("commands: --help and the man page's SYNOPSIS", commands, synopsis,
      "sysabi --help", "the man page's SYNOPSIS")
for c in commands:
    if c not in pages:
        results.append(("fail", f"{c}: a page", f"no docs/commands/{c}.rst"))
for p in sorted(pages):
    if p not in commands:
        results.append(("fail", f"docs/commands/{p}.rst",
                        f"a page for '{p}', which sysabi --help does not list"))
    elif not re.search(r"\bcommands/" + re.escape(p) + r"\b", open("docs/commands.rst").read()):
        results.append(("fail", f"{p}: in the list of commands",
                        f"docs/commands.rst does not list commands/{p}"))
    else:
        results.append(("ok", f"{p}: a page in the list of commands", ""))

# ---- options ----
globals_ = help_options(os.path.join(help_dir, "sysabi"))
check("common options: --help and the man page's OPTIONS", globals_, man_globals,
      "sysabi --help", "the man page's OPTIONS")
check("common options: --help and docs/commands.rst", globals_, site_globals,
      "sysabi --help", "docs/commands.rst")
for c in commands:
    opts = help_options(os.path.join(help_dir, c))
    if not opts:
        results.append(("fail", f"{c} --help lists options", "no option list found"))
        continue
    check(f"{c}: its options in the man page", opts - globals_, man_commands.get(c, set()),
          f"sysabi {c} --help", "the man page")
    extra = synopsis.get(c, set()) - opts
    results.append(("fail" if extra else "ok", f"{c}: the man page's SYNOPSIS",
                    f"options sysabi {c} --help does not know: {' '.join(sorted(extra))}"
                    if extra else ""))
    if c in pages:
        check(f"{c}: its options on its page", opts, page_options(pages[c]),
              f"sysabi {c} --help", pages[c])

# ---- finding identifiers ----
context = open("abi/context.c").read()
diag_kinds = set(re.findall(r'\{ "([a-z0-9-]+)", ABI_SEVERITY_', context))
btf_ids = set()
for path in glob.glob("checker/btf/btf-*.c"):
    btf_ids |= set(re.findall(r'"((?:btf|elf)-[a-z0-9-]+)"', open(path).read()))
btf_ids.discard("btf-internal")  # "btf-internal.h"
results.append(("ok" if len(diag_kinds) > 20 and len(btf_ids) > 20 else "fail",
                "finding identifiers found in the code",
                f"{len(diag_kinds)} diagnostic kinds, {len(btf_ids)} BTF findings"))
findings = open("docs/findings.rst").read()
documented = set(re.findall(r"^``([a-z0-9-]+)`` \((?:error|warning|lint)\)$", findings, re.M))
documented |= set(re.findall(r"^((?:btf|elf)-[a-z0-9-]+) +(?:error|warning|info) ", findings,
                             re.M))
check("finding identifiers: the code and docs/findings.rst", diag_kinds | btf_ids,
      documented, "the code", "docs/findings.rst")
man_ids = set()
for line in (sections["DIAGNOSTICS"] + sections["BTF FINDINGS"]).splitlines():
    if re.match(r"^\*.*::", line):  # an item: the identifiers before its "::"
        man_ids |= set(re.findall(r"\*([a-z0-9][a-z0-9-]*)\*", line.split("::")[0]))
check("finding identifiers: the code and the man page", diag_kinds | btf_ids, man_ids,
      "the code", "the man page")
btf_page = set(re.findall(r"^``((?:btf|elf)-[a-z0-9-]+)`` \(", open("docs/btf.rst").read(),
                          re.M))
check("BTF findings: the code and docs/btf.rst", btf_ids, btf_page, "the code",
      "docs/btf.rst")
rules = set(re.findall(r'\[ABI_RULE_[A-Z_]+\] = \{ "([a-z0-9-]+)"', open("abi/diff.c").read()))
check("diff rules: the code and docs/findings.rst", rules,
      set(re.findall(r"^``([a-z0-9-]+)`` \(rule\)$", findings, re.M)), "abi/diff.c",
      "docs/findings.rst")
# the man page lists them as "*id*;;" or "*id*, *id*;;"
man_rules = set(x for m in re.findall(r"^\*([a-z0-9-]+)\*(?:, \*([a-z0-9-]+)\*)?;;",
                                      open("docs/sysabi.1.adoc").read(), re.M) for x in m if x)
check("diff rules: the code and the man page", rules, man_rules, "abi/diff.c",
      "the man page")

for status, name, detail in results:
    print(f"{status}\t{name}\t{detail}")
EOF
[ $? = 0 ] || e2e_fail "the sync check ran" "python3 failed"

while IFS=$'\t' read -r status name detail; do
	case $status in
	ok) e2e_pass "$name" ;;
	skip) e2e_skip "$name" "$detail" ;;
	*) e2e_fail "$name" "$detail" ;;
	esac
done <"$E2E_TMP/sync"

e2e_done
