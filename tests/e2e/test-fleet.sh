#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# sysabi fleet: snapshots made here of the audit fixture's sysfs, as three machines
# would record them (one upgraded from one kernel to the next, with a file added and
# one gone), an audit's JSON report of a fourth, the same snapshot twice, and hostile
# inputs beside them: a corrupt archive, a member leaving the root, a link, a report
# that is no report. The fleet report a person has read, the same whatever the jobs,
# each group on the machines and kernels it is on, the kernel upgrade's changes, every
# bad input skipped with its reason while the others go on, and the exit statuses.
. tests/e2e/lib.sh

T=$E2E_TMP
FIX=${SYSABI_FIXTURES:-tests/fixtures}
ABI=$FIX/audit/abi

. tests/e2e/fleet-lib.sh

mkdir -p "$T/in" "$T/make"
snap a-6.1.tar.gz alpha 6.1.0 2026-01-05T10:00:00Z
# alpha's next kernel: a new undocumented file, the removed one gone at last, and the
# stable MTU gone from every interface: an ABI break
cp -a "$FIX/audit/sys" "$T/make/sys-next"
echo 1 >"$T/make/sys-next/kernel/brand_new"
rm "$T/make/sys-next/kernel/gone" "$T/make/sys-next"/devices/virtual/net/*/mtu
snap a-6.12.tar.gz alpha 6.12.0 2026-02-05T10:00:00Z "$T/make/sys-next"
snap b-6.12.tar.gz beta 6.12.0 2026-02-06T10:00:00Z
# the same snapshot under another name: audited once
cp "$T/in/b-6.12.tar.gz" "$T/in/c-copy-of-b.tar.gz"
# a fourth machine, audited elsewhere: its JSON report
$SYSABI audit --abi "$ABI" --sysfs-root "$FIX/audit/sys" --no-btf --format json \
	>"$T/make/gamma.json" 2>/dev/null
python3 - "$T/make/gamma.json" "$T/in/d-gamma.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
r["sysfs"].update(hostname="gamma", kernel_release="6.12.0", date="2026-02-07T10:00:00Z")
json.dump(r, open(sys.argv[2], "w"))
PY
# hostile and broken inputs, each skipped with its reason
head -c 3000 /dev/urandom >"$T/in/e-corrupt.tar.gz"
mkdir -p "$T/make/evil"
echo x >"$T/make/evil/passwd"
tar -czf "$T/in/f-escape.tar.gz" -C "$T/make/evil" --transform 's,^,sys/../../,' passwd
ln -s /etc/passwd "$T/in/g-link.json"
echo '{"schema_version":1,"command":"search"}' >"$T/in/h-not-audit.json"
printf '{"command":"audit","sysfs":' >"$T/in/i-cut.json"
echo "not an input" >"$T/in/README"

# fleet_here ARGS...: sysabi fleet run in $T, so that the report's names are the same
# on every run: in/NAME, and the documentation as abi
cp -r "$ABI" "$T/abi"
fleet_here() {
	# shellcheck disable=SC2086 # $SYSABI may carry a valgrind prefix
	(cd "$T" && $SYSABI fleet --abi abi "$@") >"$T/out" 2>"$T/err"
	rc=$?
}
fleet_here -j 2 in
e2e_check "the report, as a person read it (exit 1)" \
	sh -c "test $rc = 1 && diff -u '$E2E_EXPECTED/fleet.txt' '$T/out'"
fleet_here -j 1 in
e2e_check "one job or two: the same report" diff -u "$E2E_EXPECTED/fleet.txt" "$T/out"
e2e_check "nothing on standard error" test ! -s "$T/err"

e2e_run fleet --abi "$ABI" "$T/in" --format json
cp "$T/out" "$T/fleet.json"
json() { python3 -c "import json, sys; d = json.load(open(sys.argv[1])); print($1)" "$T/fleet.json"; }
e2e_check "JSON: inputs, audited, skipped, duplicates" \
	test "$(json "[d['summary'][k] for k in ('inputs', 'audited', 'skipped', 'duplicates', 'machines', 'kernels')]")" = "[10, 4, 5, 1, 3, 2]"
e2e_check "JSON: the machines, each run by date" \
	test "$(json "[(m['machine'], [r['kernel'] for r in m['runs']]) for m in d['machines']]")" = \
	"[('alpha', ['6.1.0', '6.12.0']), ('beta', ['6.12.0']), ('gamma', ['6.12.0'])]"
e2e_check "JSON: a group on every machine" \
	test "$(json "[(g['machines'], g['kernels'], g['runs'], g['files'], g['on']) for g in d['groups'] if g['pattern'] == '/sys/devices/platform/foo.0/extra']")" = \
	"[(3, 2, 4, 4, [0, 1, 2])]"
e2e_check "JSON: the removed file, on the machines that still have it" \
	test "$(json "[(g['class'], g['machines'], g['kernel_names'], g['first_seen'], g['last_seen']) for g in d['groups'] if g['pattern'] == '/sys/kernel/gone']")" = \
	"[('removed', 3, ['6.1.0', '6.12.0'], '2026-01-05T10:00:00Z', '2026-02-07T10:00:00Z')]"
e2e_check "JSON: alpha's upgrade, what came and went" \
	test "$(json "[(c['machine'], c['old_kernel'], c['new_kernel'], [g['pattern'] for g in c['appeared']], [g['pattern'] for g in c['vanished']]) for c in d['kernel_changes']]")" = \
	"[('alpha', '6.1.0', '6.12.0', ['/sys/kernel/brand_new'], ['/sys/kernel/gone'])]"
e2e_check "JSON: alpha's upgrade, the documented files gone" \
	test "$(json "[(c['vanished_documented'], c['appeared_documented']) for c in d['kernel_changes']]")" = \
	"[([{'level': 'stable', 'what': '/sys/class/net/<iface>/mtu'}], [])]"
e2e_check "JSON: a stable file gone fails the run" \
	test "$(json "[d['summary']['vanished_stable'], d['failing']]")" = "[1, ['removed', 'undocumented', 'vanished-stable']]"
e2e_check "JSON: the copy is a duplicate of the first" \
	test "$(json "[(x['input'].split('/')[-1], x['of'].split('/')[-1]) for x in d['duplicates']]")" = \
	"[('c-copy-of-b.tar.gz', 'b-6.12.tar.gz')]"
e2e_check "JSON: each bad input skipped, with why" python3 - "$T/fleet.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
why = {s["input"].split("/")[-1]: s["error"] for s in d["skipped"]}
assert sorted(why) == ["e-corrupt.tar.gz", "f-escape.tar.gz", "g-link.json", "h-not-audit.json", "i-cut.json"], why
assert why["g-link.json"] == "a symbolic link, not followed", why
assert "not an audit's JSON report (command search)" in why["h-not-audit.json"], why
assert why["i-cut.json"].startswith("not JSON"), why
assert ".." in why["f-escape.tar.gz"] or "leave" in why["f-escape.tar.gz"], why
PY
e2e_check "nothing outside the root was read: no passwd in any report" \
	sh -c "! grep -q passwd '$T/fleet.json' || ! grep -q 'root:x:' '$T/fleet.json'"

# the exit statuses
e2e_run fleet --abi "$ABI" --fail-on none "$T/in"
e2e_check "--fail-on none: exit 0" test "$rc" = 0
e2e_run fleet --abi "$ABI" --fail-on skipped "$T/in/b-6.12.tar.gz"
e2e_check "--fail-on skipped, nothing skipped: exit 0" test "$rc" = 0
e2e_run fleet --abi "$ABI" --fail-on skipped "$T/in/b-6.12.tar.gz" "$T/in/e-corrupt.tar.gz"
e2e_check "--fail-on skipped, one skipped: exit 1" test "$rc:$(tail -n 1 "$T/out")" = "1:result: fail (skipped)"
e2e_run fleet --abi "$ABI" --fail-on nonsense "$T/in"
e2e_check "--fail-on, an unknown kind: exit 2" test "$rc" = 2
e2e_check "--fail-on, an unknown kind: says which" grep -q "'nonsense' is not a finding kind" "$T/err"
e2e_run fleet --abi "$ABI" -j 0 "$T/in"
e2e_check "--jobs 0: exit 2" test "$rc" = 2
e2e_run fleet --abi "$ABI"
e2e_check "no input: exit 2" test "$rc" = 2
e2e_run fleet --abi "$ABI" "$T/no-such"
e2e_check "an input that is not there: one line, exit 2" \
	test "$rc:$(cat "$T/err")" = "2:sysabi: $T/no-such: No such file or directory"
mkdir -p "$T/empty"
e2e_run fleet --abi "$ABI" "$T/empty"
e2e_check "a directory without inputs: exit 2" test "$rc" = 2

# a directory that is a sysfs is one input, and every format renders the report
e2e_run fleet --abi "$ABI" "$FIX/audit/sys" "$T/in/a-6.1.tar.gz" -o "$T/f.html" -o "$T/f.xml" \
	-o "$T/f.ktap" -o "$T/f.sarif" -o "$T/f.md" --quiet
e2e_check "every format written" test -s "$T/f.html" -a -s "$T/f.xml" -a -s "$T/f.ktap" -a -s "$T/f.sarif" -a -s "$T/f.md"
e2e_check "JUnit is valid XML" xmllint --noout "$T/f.xml"
# the matrix, as Chromium builds the page: a row a group, a mark a machine it is on
fleet_here in -o fleet.html --quiet
chromium=$(command -v chromium || command -v chromium-browser)
if [ -n "$chromium" ]; then
	timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --dump-dom \
		"file://$T/fleet.html" >"$T/fleet.dom.html" 2>/dev/null
	e2e_check "HTML: Chromium ran the page's script" grep -q 'data-script="ready"' "$T/fleet.dom.html"
	e2e_check "HTML: the matrix, a row a group, its marks its machines and kernels" \
		python3 tests/e2e/fleet-matrix.py "$T/fleet.dom.html" "$T/fleet.json"
else
	e2e_fail "HTML: Chromium" "not installed (make check installs it: apt-get install chromium)"
fi

e2e_run fleet --abi "$ABI" "$FIX/audit/sys" --format json
e2e_check "a recorded directory: one machine, by its input's name" \
	test "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print([(m["machine"], m["runs"][0]["kind"]) for m in d["machines"]])' "$T/out")" = "[('sys', 'directory')]"

e2e_done
