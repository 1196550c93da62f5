#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# sysabi audit on tests/fixtures/audit: every class, aliases through class and bus links,
# a link cycle, a link leaving the tree, a dangling link, a default-ignored debugfs, a
# too-broad What; output compared with expected files a person has read; baselines,
# --fail-on, --ignore, errors.
. tests/e2e/lib.sh

abi=tests/fixtures/audit/abi
sys=tests/fixtures/audit/sys
audit() { e2e_run audit --abi $abi --sysfs-root $sys "$@"; }

e2e_expect audit.txt 1 audit --abi $abi --sysfs-root $sys
e2e_expect audit-all-verbose.txt 1 audit --abi $abi --sysfs-root $sys --all --verbose
e2e_expect audit.json 1 audit --abi $abi --sysfs-root $sys --format json --verbose
e2e_expect audit-suggest.txt 1 audit --abi $abi --sysfs-root $sys --suggest
# --explain alone: the explanations, and whether its paths are documented (/sys/nope is not)
e2e_expect audit-explain.txt 1 audit --abi $abi --sysfs-root $sys \
	--explain /sys/class/net/eth0/mtu --explain /sys/bus/foo/devices/foo.0/value \
	--explain /sys/nope
e2e_run audit --abi $abi --sysfs-root $sys --explain /sys/class/net/eth0/mtu
e2e_check "--explain of a documented path: exit 0, whatever else is undocumented" test "$rc" = 0
e2e_run audit --abi $abi --sysfs-root $sys --explain /sys/kernel/mm/hugepages
e2e_check "--explain of a directory a What documents: exit 0" test "$rc" = 0

# --suggest's skeletons paste into the file they name as they are: copied from the text
# report into a tree of their own, they validate without an error or a warning
e2e_run audit --abi $abi --sysfs-root $sys --suggest
e2e_check "suggestion skeletons pasted from the text validate clean" python3 - \
	"$E2E_TMP/out" "$E2E_TMP/pasted" "$SYSABI" <<'PY'
import os, re, subprocess, sys
text, top, sysabi = open(sys.argv[1]).read(), sys.argv[2], sys.argv[3].split()
blocks = re.findall(r"^      to (\S+), as it is:\n\n(.*?\n)\n", text, re.M | re.S)
for path, block in blocks:
    assert path.startswith("Documentation/ABI/testing/sysfs-"), path
    assert "KernelVersion:\t<first release with it>" in block, block
    os.makedirs(os.path.dirname(os.path.join(top, path)), exist_ok=True)
    with open(os.path.join(top, path), "a") as f:
        f.write(block + "\n")
out = subprocess.run(sysabi + ["validate", "--abi", os.path.join(top, "Documentation/ABI"),
                     "--format", "json"], capture_output=True, text=True).stdout
import json
d = json.loads(out)["summary"]["diagnostics"]
print(len(blocks), "skeletons", d)
sys.exit(0 if len(blocks) == 7 and d["error"] == 0 and d["warning"] == 0 else 1)
PY

# match judges a path as the audit judges the file at its real path: every file of the
# fixture gets the same class from both (by-directory included, where match said "not
# documented" before); files the audit documents only through a link are left out, as
# match follows none
audit --format json --verbose
cp "$E2E_TMP/out" "$E2E_TMP/audit.json"
mapfile -t files < <(cd "$sys" && find . -type f | sed 's|^\.|/sys|' | sort)
e2e_run match --abi $abi --format json "${files[@]}"
cp "$E2E_TMP/out" "$E2E_TMP/match.json"
e2e_check "match gives each file of the fixture the audit's class" python3 - \
	"$E2E_TMP/audit.json" "$E2E_TMP/match.json" <<'PY'
import json, sys
audit = json.load(open(sys.argv[1]))
match = json.load(open(sys.argv[2]))
cls = {}
for g in audit["groups"]:
    for p in g["paths"]:
        cls[p] = g["class"]
differ, by_dir, both = [], 0, 0
for p in match["paths"]:
    want = cls.get(p["path"], "documented")
    by_dir += p["class"] == "by-directory"
    both += p["class"] == want == "documented"
    if p["class"] != want and not (want == "documented" and p["class"] == "undocumented"):
        differ.append("%s: audit %s, match %s" % (p["path"], want, p["class"]))
    if p["class"] == "by-directory" and not p["by_directory"]:
        differ.append("%s: by-directory without its directory" % p["path"])
print("\n".join(differ))
# the fixture's 2 by-directory files, and 4 of its 7 documented ones at their real path
sys.exit(1 if differ or by_dir != 2 or both != 4 else 0)
PY

json() { python3 -c "import json,sys; d=json.load(open('$E2E_TMP/out')); print($1)"; }

# the classes and entry states, read from the JSON
audit --format json
e2e_check "json: files add up" test "$(json "sum(v for k, v in d['files'].items() if k != 'total') == d['files']['total'] == d['sysfs']['files']")" = True
e2e_check "json: a class alias documents /sys/devices/virtual/net/lo/mtu" \
	test "$(json "d['files']['documented']")" = 7
e2e_check "json: the too-broad What documents nothing" \
	test "$(json "[e['entry']['whats'][0] for e in d.get('matched_entries', [])]")" = "[]"

# attribution: the driver bound above a file, the driver's module, /sys/module/<name>
e2e_check "json: owners of a device's file" \
	test "$(json "[g['owners'] for g in d['groups'] if g['pattern'] == '/sys/devices/platform/foo.0/extra']")" = \
	"[[{'driver': 'foodrv', 'module': 'foomod', 'subsystem': None}]]"
e2e_check "json: owner of a module's file" \
	test "$(json "[g['owners'] for g in d['groups'] if g['pattern'].startswith('/sys/module/')]")" = \
	"[[{'driver': None, 'module': 'foomod', 'subsystem': None}]]"
e2e_check "json: a file of a bus's driver is that driver's" \
	test "$(json "[g['owners'] for g in d['groups'] if g['pattern'] == '/sys/bus/foo/drivers/foodrv/bind']")" = \
	"[[{'driver': 'foodrv', 'module': 'foomod', 'subsystem': None}]]"
# no driver, no module: the subsystem, of the device's link or of the path's top
# named as the class view documents it: /sys/class/net/<iface>, lo a link there
e2e_check "json: a virtual device's file is its class's" \
	test "$(json "[g['owners'] for g in d['groups'] if g['pattern'] == '/sys/class/net/<*>/weird']")" = \
	"[[{'driver': None, 'module': None, 'subsystem': 'class/net'}]]"
e2e_check "json: a file of /sys/kernel/mm is the mm subsystem's" \
	test "$(json "[g['owners'][0]['subsystem'] for g in d['groups'] if g['pattern'].startswith('/sys/kernel/mm/')]")" = \
	"['kernel/mm', 'kernel/mm', 'kernel/mm']"
e2e_check "json: BTF findings join the report" \
	test "$(json "[f['id'] for f in d['btf']['findings']]")" = "['btf-not-exposed']"
audit --no-btf --format json
e2e_check "--no-btf: the BTF section null, not left out" test "$(json "d['btf']")" = None

# every path of every group and every problem node, with or without --verbose: a
# program reading the JSON needs them all; text and the checks show them with -v only
audit --format json
cp "$E2E_TMP/out" "$E2E_TMP/plain.json"
e2e_check "json: each group lists its count paths, without --verbose" \
	test "$(json "all(len(g['paths']) == g['count'] for g in d['groups'])")" = True
e2e_check "json: every problem node, without --verbose" \
	test "$(json "[(p['path'], p['problem']) for p in d['sysfs']['problems']]")" = \
	"[('/sys/kernel/dangling', 'link-dangling'), ('/sys/kernel/escape', 'link-escapes'), ('/sys/kernel/selfloop', 'link-dangling')]"
e2e_check "json: the check sysfs-walk counts them, as before, without --verbose" \
	test "$(json "[f['message'] for c in d['checks'] if c['name'] == 'sysfs-walk' for f in c['findings']]")" = \
	"['3 nodes (--verbose lists them)']"
audit --format json --verbose
e2e_check "json: --verbose changes no group and no sysfs key" python3 -c "
import json, sys
d, v = json.load(open('$E2E_TMP/plain.json')), json.load(open('$E2E_TMP/out'))
sys.exit(not (d['groups'] == v['groups'] and d['sysfs'] == v['sysfs']))"

# --fail-on
audit --fail-on none
e2e_check "--fail-on none: exit 0" test "$rc" = 0
audit --fail-on removed
e2e_check "--fail-on removed: exit 1 (the removed /sys/kernel/gone)" test "$rc" = 1
audit --fail-on obsolete,by-directory --ignore /sys/kernel/gone
e2e_check "--fail-on obsolete: exit 1" test "$rc" = 1
audit --fail-on missing --format json
e2e_check "--fail-on missing: fails on the missing ppin" test "$(json "d['failing']")" = "['missing']"
audit --fail-on frobs
e2e_check "--fail-on with an unknown kind: exit 2" test "$rc" = 2

# --ignore and the default ignores
audit --ignore /sys/kernel/gone --ignore '/sys/devices/system/cpu/cpu*' --format json
e2e_check "--ignore: the removed file is no longer a finding" test "$(json "d['files']['removed']")" = 0
e2e_check "--ignore: rules are counted" \
	test "$(json "[(r['glob'], r['count']) for r in d['ignored'] if r['why'] == '--ignore']")" = \
	"[('/sys/kernel/gone', 1), ('/sys/devices/system/cpu/cpu*', 2)]"
audit --no-default-ignores --format json
e2e_check "--no-default-ignores walks debugfs too" \
	test "$(json "any(g['pattern'] == '/sys/kernel/debug/x' for g in d['groups'])")" = True
audit --ignore relative/path
e2e_check "--ignore needs an absolute glob: exit 2" test "$rc" = 2

# baselines: accept today's findings, fail on new ones
audit --write-baseline "$E2E_TMP/baseline"
e2e_check "--write-baseline: written, exit 0" test "$rc" = 0 -a -s "$E2E_TMP/baseline"
e2e_check "--write-baseline still reports" grep -q "^undocumented" "$E2E_TMP/out"
e2e_check "baseline file: sorted, one group a line" diff -u - "$E2E_TMP/baseline" <<'BASE'
# sysabi baseline: findings listed here do not fail `sysabi audit --baseline`.
# One finding group a line: CLASS PATTERN. Remove a line once its cause is fixed.
by-directory /sys/kernel/mm/hugepages/hugepages-2048kB/free_hugepages
by-directory /sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages
obsolete /sys/devices/system/cpu/cpu0/old_attr
removed /sys/kernel/gone
undocumented /sys/bus/foo/drivers/foodrv/bind
undocumented /sys/class/net/<*>/weird
undocumented /sys/devices/platform/foo.0/extra
undocumented /sys/devices/system/cpu/<*>/cache/<*>/size
undocumented /sys/devices/system/cpu/possible
undocumented /sys/kernel/mm/hugepages/hugepages-2048kB/surplus_hugepages
undocumented /sys/module/foomod/initstate
BASE
audit --baseline "$E2E_TMP/baseline"
e2e_check "--baseline: known findings pass (exit 0)" test "$rc" = 0
e2e_check "--baseline: marked in the report" grep -q "/sys/kernel/gone (1) \[baseline\]" "$E2E_TMP/out"
cp -r $sys "$E2E_TMP/sys2"
echo 1 >"$E2E_TMP/sys2/kernel/new_attr"
mkdir "$E2E_TMP/sys2/kernel/empty" # git keeps no empty directory; sysfs has many
e2e_run audit --abi $abi --sysfs-root "$E2E_TMP/sys2" --baseline "$E2E_TMP/baseline" --format json
e2e_check "--baseline: a new finding fails (exit 1)" test "$rc" = 1
e2e_check "--baseline: only the new group is not baselined" \
	test "$(json "[g['pattern'] for g in d['groups'] if not g['baselined']]")" = "['/sys/kernel/new_attr']"
printf 'undocumented /sys/x\nnot a line\n' >"$E2E_TMP/bad-baseline"
audit --baseline "$E2E_TMP/bad-baseline"
e2e_check "bad baseline: exit 2" test "$rc" = 2
e2e_check "bad baseline: file:line" grep -qx "sysabi: $E2E_TMP/bad-baseline:2: not a baseline line (CLASS PATTERN)" "$E2E_TMP/err"

# errors
audit --sysfs-root "$E2E_TMP/nonexistent"
e2e_check "missing sysfs root: exit 2" test "$rc" = 2
e2e_check "missing sysfs root: says why" grep -q "cannot read sysfs root '$E2E_TMP/nonexistent': No such file or directory" "$E2E_TMP/err"
audit -o "$E2E_TMP/out.txt"
e2e_check "-o: the report, atomically" cmp -s "$E2E_TMP/out.txt" "$E2E_EXPECTED/audit.txt"

# documentation of another kernel: a check, and a warning line in text. Both versions
# must be known: a recorded sysfs does not say its kernel's, the fixture's tree no version
not() { ! "$@"; }
audit --format json
e2e_check "version: unknown for a recorded sysfs, the check skipped" \
	test "$(json "[(c['status'], c['reason']) for c in d['checks'] if c['name'] == 'documentation-version']")" = \
	"[('skip', 'a recorded sysfs does not say its kernel release')]"
# kernel VERSION PATCHLEVEL SUBLEVEL: a kernel tree with the fixture's documentation, in
# $E2E_TMP/linux
kernel() {
	rm -rf "$E2E_TMP/linux" && mkdir -p "$E2E_TMP/linux/Documentation" &&
		cp -r $abi "$E2E_TMP/linux/Documentation/ABI" &&
		printf 'VERSION = %s\nPATCHLEVEL = %s\nSUBLEVEL = %s\nEXTRAVERSION =\n' "$@" \
			>"$E2E_TMP/linux/Makefile"
}
release=$(uname -r)
if [ -d /sys/kernel ] && [[ $release =~ ^([0-9]+)\.([0-9]+) ]]; then
	major=${BASH_REMATCH[1]} minor=${BASH_REMATCH[2]}
	live() { e2e_run audit --abi "$E2E_TMP/linux/Documentation/ABI" --no-btf --fail-on none "$@"; }
	kernel "$major" "$minor" 99
	live --format json
	e2e_check "version: the running kernel's documentation, whatever its sublevel: ok" \
		test "$(json "[(c['status'], c['findings']) for c in d['checks'] if c['name'] == 'documentation-version']")" = \
		"[('ok', [])]"
	live
	e2e_check "version: the same kernel, no warning in text" not grep -q '^warning:' "$E2E_TMP/out"
	kernel 2 6 39
	live --format json
	e2e_check "version: another kernel's documentation, a warning, not a failure" \
		test "$rc:$(json "[(c['status'], f['severity'], f['message']) for c in d['checks'] if c['name'] == 'documentation-version' for f in c['findings']]")" = \
		"0:[('warn', 'warning', \"documentation of Linux 2.6.39 for a sysfs of Linux $release: get $major.$minor's with 'make abi-docs ABI_KERNEL=$major.$minor' (Debian's linux-source-$major.$minor) or give --abi DIR\")]"
	live
	e2e_check "version: another kernel's, a warning in text right after both versions" \
		test "$(sed -n 4p "$E2E_TMP/out")" = \
		"warning: documentation of Linux 2.6.39 for a sysfs of Linux $release: get $major.$minor's with 'make abi-docs ABI_KERNEL=$major.$minor' (Debian's linux-source-$major.$minor) or give --abi DIR"
	rm -f "$E2E_TMP/linux/Makefile"
	live --format json
	e2e_check "version: documentation of no known kernel, the check skipped" \
		test "$(json "[(c['status'], c['reason']) for c in d['checks'] if c['name'] == 'documentation-version']")" = \
		"[('skip', \"the documentation's kernel version is unknown: no top Makefile of a kernel tree above it\")]"
else
	e2e_skip "version of the live kernel" "no /sys/kernel, or 'uname -r' is not X.Y..."
fi

# the live /sys of whatever machine this is: its content varies, its consistency may not
if [ -d /sys/devices ] && [ -d "${ABI_DOCS:-abi-docs}/linux-6.12/Documentation/ABI" ]; then
	e2e_run audit --abi "${ABI_DOCS:-abi-docs}/linux-6.12/Documentation/ABI" --format json
	e2e_check "live /sys: exit 0 or 1" test "$rc" -le 1
	e2e_check "live /sys: every file has one class" \
		test "$(json "sum(v for k, v in d['files'].items() if k != 'total') == d['files']['total'] == d['sysfs']['files']")" = True
	e2e_check "live /sys: groups hold every finding" \
		test "$(json "sum(g['count'] for g in d['groups']) == d['files']['total'] - d['files']['documented']")" = True
	e2e_check "live /sys: entries add up" \
		test "$(json "sum(d['entries']['total'][k] for k in ('matched', 'missing', 'conditional', 'absent', 'not-sysfs')) == d['entries']['total']['entries']")" = True
	# every name the audit says matched must match, asked of `sysabi match`
	e2e_run audit --abi "${ABI_DOCS:-abi-docs}/linux-6.12/Documentation/ABI" --all --format json
	json "'\n'.join('%s\t%s:%d' % (m['example_matched_as'], m['entry']['file'], m['entry']['line']) for m in d['matched_entries'])" >"$E2E_TMP/matched"
	cut -f1 "$E2E_TMP/matched" | head -n 300 >"$E2E_TMP/names"
	mapfile -t names <"$E2E_TMP/names"
	e2e_run match --abi "${ABI_DOCS:-abi-docs}/linux-6.12/Documentation/ABI" --format json "${names[@]}"
	e2e_check "live /sys: the names the audit matched by are documented (${#names[@]} checked)" \
		test "$(json "d['undocumented']")" = 0
else
	e2e_skip "live /sys" "no /sys/devices or no 6.12 documentation"
fi

# ---- get_abi.pl's habits: undefined, --search-string, -i, --show-hints, --dir ----
e2e_run undefined --dir "$abi" --sysfs-root "$sys"
e2e_check "undefined: get_abi's list, exit 1" test "$rc" = 1
e2e_check "undefined: a line an undocumented file, sorted, nothing else" diff -u - "$E2E_TMP/out" <<'LIST'
/sys/bus/foo/drivers/foodrv/bind not found.
/sys/devices/platform/foo.0/extra not found.
/sys/devices/system/cpu/cpu0/cache/index0/size not found.
/sys/devices/system/cpu/cpu0/cache/index1/size not found.
/sys/devices/system/cpu/cpu1/cache/index0/size not found.
/sys/devices/system/cpu/possible not found.
/sys/devices/virtual/net/lo/weird not found.
/sys/kernel/mm/hugepages/hugepages-2048kB/surplus_hugepages not found.
/sys/module/foomod/initstate not found.
LIST
e2e_run undefined --abi "$abi" --sysfs-root "$sys" --search-string 'cpu[0-9]/cache'
e2e_check "undefined --search-string: only what matches" test "$(cat "$E2E_TMP/out")" = "/sys/devices/system/cpu/cpu0/cache/index0/size not found.
/sys/devices/system/cpu/cpu0/cache/index1/size not found.
/sys/devices/system/cpu/cpu1/cache/index0/size not found."
e2e_run undefined --abi "$abi" --sysfs-root "$sys" --search-string 'CPU[0-9]/CACHE'
e2e_check "--search-string: case counts, as get_abi's (nothing, exit 0)" test "$rc" = 0 -a ! -s "$E2E_TMP/out"
e2e_run undefined --abi "$abi" --sysfs-root "$sys" --search-string 'CPU[0-9]/CACHE' -i
e2e_check "-i: case ignored" test "$(wc -l <"$E2E_TMP/out")" = 3
e2e_run audit --abi "$abi" --sysfs-root "$sys" --search-string 'net' --format json
e2e_check "audit --search-string: every group's paths match, in JSON too" python3 -c "
import json, re, sys
r = json.load(open('$E2E_TMP/out'))
paths = [p for g in r['groups'] for p in g['paths']]
sys.exit(0 if paths and all(re.search('net', p) for p in paths) and r['search_string'] == 'net' else 1)"
e2e_run undefined --abi "$abi" --sysfs-root "$sys" --search-string 'possible' --show-hints
e2e_check "--show-hints: the Whats of the files beside it, and why" grep -qx \
	"    /sys/devices/system/cpu/offline  testing/sysfs-devices-system-cpu:2: documents a file beside it: the directory is documented, this name is not" "$E2E_TMP/out"
e2e_run undefined --abi "$abi" --sysfs-root "$sys" --search-string 'cpu(['
e2e_check "--search-string, a bad expression: exit 2, said" test "$rc" = 2 -a -n "$(grep -F "sysabi: --search-string 'cpu([': " "$E2E_TMP/err")"

e2e_done
