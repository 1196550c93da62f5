#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The annotation formats: SARIF 2.1.0, checked against a JSON Schema of the objects
# sysabi writes (tests/e2e/sarif-2.1.0-subset.schema.json, written from the
# specification), and GitHub workflow commands, parsed as the runner reads them. Both
# hold every finding of the JSON report, no more, each at its file and line when it
# has one, whatever the text holds.
. tests/e2e/lib.sh

T=$E2E_TMP
FIX=${SYSABI_FIXTURES:-tests/fixtures}
SCHEMA=tests/e2e/sarif-2.1.0-subset.schema.json

# check_sarif NAME REPORT.json REPORT.sarif: valid against the schema, and the same
# findings as the JSON report's checks (those that ran), each with its place
check_sarif() {
	local name=$1 json=$2 sarif=$3 why
	if why=$(python3 - "$SCHEMA" "$json" "$sarif" 2>&1 <<'PY'
import json, re, sys
import jsonschema

schema = json.load(open(sys.argv[1]))
report = json.load(open(sys.argv[2]))
sarif = json.load(open(sys.argv[3]))
jsonschema.validate(sarif, schema)
run = sarif["runs"][0]
rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
checks = report["checks"]
assert rules == [c["name"] for c in checks], "rules are not the checks, in order"
want = [(c["name"], f["where"], f["message"], f["severity"], f.get("place", False))
        for c in checks if c["status"] != "skip" for f in c["findings"]]
got = run["results"]
assert len(got) == len(want), f"{len(got)} results for {len(want)} findings"
levels = {"error": "error", "warning": "warning"}
for (rule, where, message, severity, place), r in zip(want, got):
    assert r["ruleId"] == rule, (r["ruleId"], rule)
    assert r["message"]["text"] == f"{where}: {message}", r["message"]["text"]
    assert r["level"] == levels.get(severity, "note"), (r["level"], severity)
    m = re.fullmatch(r"(.+):([0-9]+)", where)
    # a finding's own place, when it has one, else the file and line of its where
    if place is not False:
        file, line = (place["file"], place["line"]) if place else (None, 0)
    elif m and not where.startswith("/sys/"):
        file, line = m.group(1), int(m.group(2))
    else:
        file, line = None, 0
    if file:
        loc = r["locations"][0]["physicalLocation"]
        uri = file if not file.startswith("/") else "file://" + file
        assert loc["artifactLocation"]["uri"] == uri, (loc, uri)
        assert loc.get("region", {}).get("startLine", 0) == line, (loc, line)
    else:
        assert "locations" not in r, r
print(len(got))
PY
); then
		e2e_pass "$name: valid SARIF, the JSON report's $why findings at their places"
	else
		e2e_fail "$name" "$why"
	fi
}

# both NAME ARGS...: the command's JSON and SARIF reports, compared
both() {
	local name=$1
	shift
	# shellcheck disable=SC2086 # $SYSABI may carry a valgrind prefix
	$SYSABI "$@" --format json >"$T/r.json" 2>/dev/null
	# shellcheck disable=SC2086
	$SYSABI "$@" --format sarif >"$T/r.sarif" 2>"$T/err"
	check_sarif "$name" "$T/r.json" "$T/r.sarif"
}

both "validate --format sarif" validate --abi "$FIX/defects/abi" --lint
both "audit --format sarif" audit --abi "$FIX/audit/abi" --sysfs-root "$FIX/audit/sys"
both "diff --format sarif" diff "$FIX/diff/vanished-stable/old" "$FIX/diff/vanished-stable/new"
both "validate --format sarif, hostile text" validate --abi "$FIX/rest/abi" --lint

# a file's line, a whole file, and the level of a failing finding
e2e_run validate --abi "$FIX/defects/abi" --format sarif
e2e_check "sarif: a diagnostic at its line" python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))["runs"][0]["results"]
x = [x for x in r if x["ruleId"] == "tag-where"][0]["locations"][0]["physicalLocation"]
assert x["artifactLocation"]["uri"].endswith("testing/sysfs-tags"), x
assert x["region"]["startLine"] == 7, x' "$T/out"
e2e_check "sarif: a whole file without a region" python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))["runs"][0]["results"]
x = [x for x in r if x["ruleId"] == "empty-file"][0]["locations"][0]["physicalLocation"]
assert x["artifactLocation"]["uri"].endswith("obsolete/sysfs-empty") and "region" not in x' "$T/out"
e2e_check "sarif: an error is an error" python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))["runs"][0]["results"]
assert [x for x in r if x["ruleId"] == "what-bad-pattern"][0]["level"] == "error"' "$T/out"

# ---- GitHub workflow commands ----

# a tree whose names and text need escaping: a comma and a colon in a file name, a
# percent sign and a newline's worth of trouble in a What
mkdir -p "$T/gh/testing"
printf 'What:\t\t/sys/kernel/100%%_sure as said\nWhat:\t\t/sys/kernel/x trailing words, here\nDescription:\tx\n' \
	>"$T/gh/testing/sysfs-a,b:c"
e2e_run validate --abi "$T/gh" --lint --format github
cp "$T/out" "$T/gh.out"
$SYSABI validate --abi "$T/gh" --lint --format json >"$T/gh.json" 2>/dev/null
e2e_check "github: a line a finding, as the runner reads it" python3 - "$T/gh.out" "$T/gh.json" <<'PY'
import json, re, sys
lines = open(sys.argv[1]).read().splitlines()
report = json.load(open(sys.argv[2]))
want = [(c["name"], f) for c in report["checks"] if c["status"] != "skip" for f in c["findings"]]
assert len(lines) == len(want), (len(lines), len(want))

def unescape(s, prop):
    s = s.replace("%0D", "\r").replace("%0A", "\n")
    if prop:
        s = s.replace("%3A", ":").replace("%2C", ",")
    return s.replace("%25", "%")

for line, (rule, f) in zip(lines, want):
    m = re.fullmatch(r"::(error|warning|notice) (.*?)::(.*)", line)
    assert m, line
    props = dict(p.split("=", 1) for p in m.group(2).split(","))
    assert props["title"] == f"sysabi {rule}", props
    assert unescape(m.group(3), False) == f"{f['where']}: {f['message']}", line
    cmd = {"error": "error", "warning": "warning"}.get(f["severity"], "notice")
    assert m.group(1) == cmd, (line, f["severity"])
    w = re.fullmatch(r"(.+):([0-9]+)", f["where"])
    if w:
        assert unescape(props["file"], True) == w.group(1), props
        assert props.get("line", "0") == (w.group(2) if w.group(2) != "0" else "0"), props
PY
e2e_check "github: a comma and a colon of a file name escaped" grep -q 'file=[^,]*sysfs-a%2Cb%3Ac,' "$T/gh.out"
e2e_check "github: a percent sign escaped" grep -q '100%25_sure' "$T/gh.out"

# the formats by extension, and written together in one run
e2e_run validate --abi "$FIX/defects/abi" --format github -o - -o "$T/v.sarif" -o "$T/v.md"
e2e_check "one run: annotations on standard output" grep -q '^::warning file=' "$T/out"
e2e_check "one run: .sarif is SARIF" python3 -c 'import json,sys; assert json.load(open(sys.argv[1]))["version"] == "2.1.0"' "$T/v.sarif"
e2e_check "one run: .md is Markdown" grep -q '^#' "$T/v.md"
e2e_run validate --abi "$FIX/defects/abi" -o "$T/v.github"
e2e_check ".github is workflow commands" grep -q '^::error ' "$T/v.github"
# an entry the change removed: its finding is at OLD's line, its annotation in NEW's
# file of the same name, where the entry was, which is what a pull request shows
e2e_run diff "$FIX/diff/vanished-stable/old" "$FIX/diff/vanished-stable/new" --format github
e2e_check "github: a removed entry annotated in NEW's file" grep -q \
	"^::error file=$FIX/diff/vanished-stable/new/Documentation/ABI/stable/sysfs-kernel-knob,line=1,title=sysabi vanished-stable::$FIX/diff/vanished-stable/old/Documentation/ABI/stable/sysfs-kernel-knob:8: " \
	"$T/out"
e2e_run search --abi "$FIX/basic/abi" --format sarif .
e2e_check "search has no checks: no SARIF" test "$rc" = 2

e2e_done
