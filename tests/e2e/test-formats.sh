#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The report formats: each report written once in every format by one run, and every
# format checked against the JSON (formats-agree.py): KTAP through the kernel's own
# parser, JUnit against a schema with xmllint, HTML as Chromium builds it (with a
# screenshot kept in $O/screenshots). The audit's HTML report read back as a person
# would (html-audit.py: date and host, the map, each group's paths and owners), and
# measured in a window 1400 and one 420 pixels wide (html-size-probe.html), with a
# screenshot of each. Then --template, KTAP's exit codes, and -o failing whole on a
# full disk.
. tests/e2e/lib.sh

abi=${SYSABI_FIXTURES:-tests/fixtures}/audit/abi
sys=${SYSABI_FIXTURES:-tests/fixtures}/audit/sys
basic=${SYSABI_FIXTURES:-tests/fixtures}/basic/abi
defects=${SYSABI_FIXTURES:-tests/fixtures}/defects/abi
kunit=${ABI_DOCS:-abi-docs}/linux-6.12/tools/testing/kunit
shots=${SCREENSHOTS:-$PWD/${O:-build}/screenshots}
chromium=$(command -v chromium || command -v chromium-browser)

# chrome FLAG... URL: headless Chromium, quiet
chrome() { timeout 120 "$chromium" --headless --no-sandbox --disable-gpu \
	--user-data-dir="$E2E_TMP/chrome" "$@" 2>/dev/null; }

not() { ! "$@"; }

# junit_valid FILE: xmllint's schema check, quiet unless it fails
junit_valid() {
	xmllint --noout --schema tests/e2e/junit.xsd "$1" 2>"$E2E_TMP/xmllint" ||
		{ cat "$E2E_TMP/xmllint"; return 1; }
}

# all_formats NAME STATUS ARGS...: one run writing every format into $E2E_TMP/NAME,
# then the formats compared with the JSON
all_formats() {
	local name=$1 status=$2 dir=$E2E_TMP/$1
	shift 2
	mkdir -p "$dir"
	e2e_run "$@" -o "$dir/r.json" -o "$dir/r.txt" -o "$dir/r.md" -o "$dir/r.html" \
		-o "$dir/r.xml" -o "$dir/r.ktap"
	if [ "$rc" != "$status" ]; then
		e2e_fail "$name: one run, six formats" "exit $rc, expected $status: $(head -c 500 "$E2E_TMP/err")"
		return
	fi
	e2e_pass "$name: one run, six formats"
	e2e_check "$name: no sanitizer or valgrind report" \
		not grep -qE 'Sanitizer|runtime error:|^==[0-9]+==' "$E2E_TMP/err"
	e2e_check "$name: JUnit is valid" junit_valid "$dir/r.xml"
	if [ -n "$chromium" ]; then
		chrome --dump-dom "file://$dir/r.html" >"$dir/r.dom.html"
		e2e_check "$name: Chromium ran the page's script" grep -q 'data-script="ready"' "$dir/r.dom.html"
	else
		e2e_fail "$name: Chromium" "not installed (make check installs it: apt-get install chromium)"
	fi
	[ -d "$kunit" ] || e2e_skip "$name: KTAP" "no $kunit (make abi-docs): not the kernel's parser"
	e2e_check "$name: every format agrees with the JSON" \
		python3 tests/e2e/formats-agree.py "$dir" "$kunit"
}

# made at a time said (SOURCE_DATE_EPOCH), which the HTML report's header must show
epoch=1700000000
SOURCE_DATE_EPOCH=$epoch all_formats audit-fixture 1 audit --abi "$abi" --sysfs-root "$sys" --verbose
all_formats audit-fixture-quiet 0 audit --abi "$abi" --sysfs-root "$sys" --fail-on none
all_formats validate-basic 0 validate --abi "$basic"
all_formats validate-defects 1 validate --abi "$defects" --lint
all_formats btf-fixture 0 btf --sysfs-root "$sys"
dfx=${SYSABI_FIXTURES:-tests/fixtures}/diff
all_formats diff-good 0 diff "$dfx/good/old/Documentation/ABI" "$dfx/good/new/Documentation/ABI"
all_formats diff-vanished-stable 1 diff "$dfx/vanished-stable/old/Documentation/ABI" \
	"$dfx/vanished-stable/new/Documentation/ABI"
if [ -d "${ABI_DOCS:-abi-docs}/linux-6.1/Documentation/ABI" ]; then
	all_formats diff-6.1-6.12 1 diff "${ABI_DOCS:-abi-docs}/linux-6.1/Documentation/ABI" \
		"${ABI_DOCS:-abi-docs}/linux-6.12/Documentation/ABI"
fi
if [ -d /sys/kernel ] && [ -d "${ABI_DOCS:-abi-docs}/linux-6.12/Documentation/ABI" ]; then
	all_formats audit-live 1 audit --abi "${ABI_DOCS:-abi-docs}/linux-6.12/Documentation/ABI"
	[ -e /sys/kernel/btf/vmlinux ] && all_formats btf-live 0 btf
fi

# ---- the audit's HTML report, as a QA engineer keeps it ----
# png_size FILE: the width and height of a PNG, from its header
png_size() { od -An -tu1 -j16 -N8 "$1" | awk '{ print $1*16777216+$2*65536+$3*256+$4 "x" $5*16777216+$6*65536+$7*256+$8 }'; }

# sizes NAME: the report in a window 1400 pixels wide and in one 420 wide, measured by
# html-size-probe.html (on <body> of $E2E_TMP/NAME-sizes/body), and a screenshot of each
sizes() {
	local name=$1 dir=$E2E_TMP/$1-sizes w
	mkdir -p "$dir"
	cp "$E2E_TMP/$name/r.html" "$dir/r.html"
	cp tests/e2e/html-size-probe.html "$dir/probe.html"
	chrome --allow-file-access-from-files --dump-dom "file://$dir/probe.html" |
		grep -o '<body[^>]*>' >"$dir/body"
	for w in wide narrow; do
		e2e_check "$name: $w: measured" grep -q "data-$w-done=\"yes\"" "$dir/body"
		e2e_check "$name: $w: the page never scrolls sideways" \
			grep -q "data-$w-overflow=\"0\"" "$dir/body"
		e2e_check "$name: $w: the checks and the findings fit, no scrolling" \
			grep -q "data-$w-tables=\"0 0\"" "$dir/body"
		e2e_check "$name: $w: no path breaks inside a name" \
			grep -q "data-$w-midword=\"0\"" "$dir/body"
	done
	e2e_check "$name: wide: the map at its full width" grep -q 'data-wide-map="1100 ' "$dir/body"
	e2e_check "$name: narrow: the map shrunk into the window" map_fits "$dir/body"
	e2e_check "$name: narrow: long paths wrap, at a slash" not grep -q 'data-narrow-breaks="0"' "$dir/body"
	for w in 1400 420; do
		chrome --window-size=$w,900 --screenshot="$dir/$w.png" "file://$dir/r.html" >/dev/null
		e2e_check "$name: a screenshot $w pixels wide" test "$(png_size "$dir/$w.png")" = "${w}x900"
		e2e_check "$name: ... with something on it" test "$(stat -c %s "$dir/$w.png")" -gt 20000
		mkdir -p "$shots" && cp "$dir/$w.png" "$shots/$name-$w.png"
	done
}

# map_fits BODY: the narrow window's map no wider than the room it has
map_fits() {
	local m
	m=$(grep -o 'data-narrow-map="[0-9]* [0-9]*"' "$1" | grep -o '[0-9][0-9 ]*')
	[ -n "$m" ] && [ "${m% *}" -le "${m#* }" ]
}

if [ -n "$chromium" ]; then
	for name in audit-fixture audit-live; do
		[ -e "$E2E_TMP/$name/r.dom.html" ] || continue
		e2e_check "$name: html: date and host, the map, every group's paths and owners" \
			python3 tests/e2e/html-audit.py "$E2E_TMP/$name" \
			$([ "$name" = audit-fixture ] && echo "$epoch")
		sizes "$name"
	done
fi

# ---- what the HTML looks like: screenshots, kept for people to look at ----
if [ -n "$chromium" ]; then
	mkdir -p "$shots"
	for name in audit-fixture audit-live validate-defects diff-6.1-6.12; do
		[ -e "$E2E_TMP/$name/r.html" ] || continue
		rm -f "$shots/$name.png"
		chrome --window-size=1280,2000 --screenshot="$shots/$name.png" "file://$E2E_TMP/$name/r.html" >/dev/null
		e2e_check "screenshot $name.png" test "$(stat -c %s "$shots/$name.png" 2>/dev/null || echo 0)" -gt 20000
	done
fi

# ---- the HTML page's controls: sort by a column, filter by text and by status ----
if [ -n "$chromium" ] && [ -e "$E2E_TMP/audit-fixture/r.html" ]; then
	sed '/<\/body>/e cat tests/e2e/html-probe.html' "$E2E_TMP/audit-fixture/r.html" \
		>"$E2E_TMP/probe.html"
	chrome --dump-dom "file://$E2E_TMP/probe.html" | grep -o '<body[^>]*>' >"$E2E_TMP/body"
	# the fixture's checks count 9 3 2 1 1 1 1 0 0 0 0 0; three findings name foomod (its
	# driver's file, its bound device's and its own); two fail
	e2e_check "html: a second click on 'count' sorts the checks down" \
		grep -q 'data-sorted="9,3,2,1,1,1,1,0,0,0,0,0"' "$E2E_TMP/body"
	e2e_check "html: the text filter keeps the findings that match" \
		grep -q 'data-shown="3"' "$E2E_TMP/body"
	e2e_check "html: the status filter keeps the failing checks" \
		grep -q 'data-fails="2"' "$E2E_TMP/body"
	# the first group with paths: /sys/kernel/gone, one path
	e2e_check "html: a group's paths unfold, every one shown" \
		grep -q 'data-unfolded="true 1/1"' "$E2E_TMP/body"
	e2e_check "html: a concrete path typed in the filter finds its group" \
		grep -q 'data-path-found="1 with its group"' "$E2E_TMP/body"
fi

# ---- KTAP's exit codes are kselftest's: 0 pass, 1 fail, 4 skip ----
e2e_run audit --abi "$abi" --sysfs-root "$sys" --format ktap
e2e_check "ktap: findings exit 1" test "$rc" = 1
e2e_run validate --abi "$basic" --format ktap
e2e_check "ktap: clean exit 0" test "$rc" = 0
e2e_run btf --sysfs-root "$sys" --format ktap
e2e_check "ktap: all skipped exits 4" test "$rc" = 4
e2e_check "ktap: all skipped says SKIP" grep -q '^ok 1 btf-vmlinux # SKIP no BTF' "$E2E_TMP/out"
e2e_run validate --abi "$E2E_TMP/nowhere" --format ktap
e2e_check "ktap: trouble exits 1, not kselftest's 2 (xfail)" test "$rc" = 1
e2e_check "ktap: trouble is still a KTAP document, one test failed, why said" diff -u - "$E2E_TMP/out" <<KTAP
KTAP version 1
# sysabi validate $($SYSABI --version | cut -d' ' -f2): could not run
1..1
# validate: error: cannot read ABI tree '$E2E_TMP/nowhere' (from --abi): No such file or directory
not ok 1 validate
# Totals: pass:0 fail:1 xfail:0 xpass:0 skip:0 error:0
KTAP
if [ -d "$kunit" ]; then
	e2e_check "ktap: the kernel's parser reads the trouble as one failed test" python3 -c "
import json, subprocess, sys
r = json.loads(subprocess.run([sys.executable, 'tests/e2e/ktap-check.py', '$kunit'],
                              input=open('$E2E_TMP/out').read(), text=True,
                              capture_output=True, check=True).stdout)
sys.exit(0 if r['errors'] == 0 and r['tests'] == [{'name': 'validate', 'status': 'FAILURE'}] else 1)"
fi
e2e_run audit --abi "$abi" --sysfs-root "$sys" --format ktap
e2e_check "ktap: a kselftest Totals line, its counts the plan's" python3 -c "
import re, sys
t = open('$E2E_TMP/out').read()
m = re.search(r'^# Totals: pass:(\d+) fail:(\d+) xfail:0 xpass:0 skip:(\d+) error:0$', t, re.M)
ok = len(re.findall(r'^ok \d+ [a-z0-9-]+$', t, re.M))
skip = len(re.findall(r'^ok \d+ .* # SKIP', t, re.M))
fail = len(re.findall(r'^not ok ', t, re.M))
sys.exit(0 if m and [int(x) for x in m.groups()] == [ok, fail, skip] else 1)"

# ---- --template: a user's own, from the same data ----
mkdir -p "$E2E_TMP/tpl"
cat >"$E2E_TMP/tpl/mine.txt" <<'T'
{{title}}: {{result}}, {{totals.checks}} checks
{{#families}}
{{#checks}}
{{^ok}}
{{> line}}
{{/ok}}
{{/checks}}
{{/families}}
files: {{files.undocumented}} undocumented of {{files.total}}
T
printf '%s\n' '{{number}}. {{name}} {{status}} {{count}}' >"$E2E_TMP/tpl/line.txt"
e2e_run audit --abi "$abi" --sysfs-root "$sys" --template "$E2E_TMP/tpl/mine.txt"
cat >"$E2E_TMP/want" <<'W'
sysabi audit: fail, 12 checks
1. removed-exposed fail 1
2. obsolete-exposed warn 1
3. undocumented fail 9
7. missing-testing warn 1
10. sysfs-walk warn 3
11. documentation-version skip 0
12. btf-vmlinux skip 1
files: 9 undocumented of 20
W
e2e_check "--template renders the user's template and its partial" diff -u "$E2E_TMP/want" "$E2E_TMP/out"
e2e_check "--template keeps the command's exit status" test "$rc" = 1
printf 'a\n{{#open}}\nb\n' >"$E2E_TMP/tpl/bad.txt"
e2e_run validate --abi "$basic" --template "$E2E_TMP/tpl/bad.txt"
e2e_check "a template error exits 2" test "$rc" = 2
e2e_check "a template error names file:line" \
	grep -qF "sysabi: $E2E_TMP/tpl/bad.txt:2: '{{#open}}' is never closed" "$E2E_TMP/err"
printf 'a\n{{> nope}}\n' >"$E2E_TMP/tpl/nopart.txt"
e2e_run validate --abi "$basic" --template "$E2E_TMP/tpl/nopart.txt"
e2e_check "a missing partial names file:line" \
	grep -qF "sysabi: $E2E_TMP/tpl/nopart.txt:2: no template 'nope'" "$E2E_TMP/err"
e2e_run validate --abi "$basic" --template "$E2E_TMP/tpl/none.txt"
e2e_check "a missing template exits 2, saying so" \
	grep -q "none.txt: cannot read the template" "$E2E_TMP/err"
e2e_run search --abi "$basic" cpu --format html
e2e_check "search has no checks: --format html is refused" test "$rc" = 2
e2e_check "... saying why" grep -qx "sysabi: --format html: search writes text or json" "$E2E_TMP/err"
e2e_run search --abi "$basic" cpu -o "$E2E_TMP/search.html"
e2e_check "search -o x.html: refused, nothing written" test "$rc" = 2 -a ! -e "$E2E_TMP/search.html"
e2e_check "search --help: text and json only" bash -c "$SYSABI search --help | grep -qx '      --format FORMAT  text (default) or json'"

# ---- no silent choice of a format ----
e2e_run validate --abi "$basic" -o "$E2E_TMP/report.pdf"
e2e_check "-o x.pdf: exit 2, nothing written" test "$rc" = 2 -a ! -e "$E2E_TMP/report.pdf"
e2e_check "-o x.pdf: the names that would do" grep -qx \
	"sysabi: -o $E2E_TMP/report.pdf: no format of sysabi writes .pdf files; name it .json, .md, .html, .xml (JUnit), .ktap or .txt, or give --format" "$E2E_TMP/err"
e2e_run validate --abi "$basic" --format junit -o "$E2E_TMP/report.json"
e2e_check "--format junit -o x.json: exit 2, nothing written" test "$rc" = 2 -a ! -e "$E2E_TMP/report.json"
e2e_check "--format junit -o x.json: says which name would do" grep -qx \
	"sysabi: -o $E2E_TMP/report.json: a json file, and --format junit; name it .xml or leave --format out" "$E2E_TMP/err"
e2e_run validate --abi "$basic" --format junit -o "$E2E_TMP/report.junit"
e2e_check "--format junit -o x.junit: the name says no format, --format does" \
	grep -q "<testsuites" "$E2E_TMP/report.junit"
e2e_run validate --abi "$basic" -o "$E2E_TMP/report"
e2e_check "-o a name without an extension: text" grep -q "^ABI tree:" "$E2E_TMP/report"
e2e_run validate --abi "$basic" --format ktap -o "$E2E_TMP/refused.json"
e2e_check "--format ktap, -o refused: no KTAP written into the refused file" \
	test "$rc" = 1 -a ! -e "$E2E_TMP/refused.json"

# ---- an installed binary reads the templates installed beside it ----
prefix=$E2E_TMP/prefix
mkdir -p "$prefix/bin" "$prefix/share/sysabi"
cp "${SYSABI##* }" "$prefix/bin/sysabi"
cp -r report-templates "$prefix/share/sysabi/"
printf '# installed\n' >>"$prefix/share/sysabi/report-templates/ktap/report.ktap"
wrapper=${SYSABI% *}
[ "$wrapper" = "$SYSABI" ] && wrapper=
(cd / && $wrapper "$prefix/bin/sysabi" validate --abi "$OLDPWD/$basic" --format ktap) >"$E2E_TMP/out" 2>&1
e2e_check "the installed binary renders the installed templates" grep -qx '# installed' "$E2E_TMP/out"
(cd / && SYSABI_TEMPLATE_DIR=$OLDPWD/report-templates $wrapper "$prefix/bin/sysabi" validate \
	--abi "$OLDPWD/$basic" --format ktap) >"$E2E_TMP/out" 2>&1
e2e_check "SYSABI_TEMPLATE_DIR wins" test "$(grep -c '# installed' "$E2E_TMP/out")" = 0

# ---- -o: whole or nothing ----
e2e_run validate --abi "$basic" -o "$E2E_TMP/no/such/dir/r.json"
e2e_check "-o into a missing directory exits 2" test "$rc" = 2
if mkdir -p "$E2E_TMP/full" && mount -t tmpfs -o size=16k tmpfs "$E2E_TMP/full" 2>/dev/null; then
	echo "the old report" >"$E2E_TMP/full/r.html"
	e2e_run audit --abi "$abi" --sysfs-root "$sys" --verbose -o "$E2E_TMP/full/r.html"
	e2e_check "a full disk: exit 2" test "$rc" = 2
	e2e_check "a full disk: said" grep -q 'No space left on device' "$E2E_TMP/err"
	e2e_check "a full disk: the old file stays whole" grep -qx "the old report" "$E2E_TMP/full/r.html"
	e2e_check "a full disk: no temporary file left" test "$(ls -A "$E2E_TMP/full")" = r.html
	umount "$E2E_TMP/full"
else
	e2e_skip "full disk" "cannot mount a tmpfs here (not root?)"
fi
if [ -w /dev/full ]; then
	$SYSABI validate --abi "$basic" --format html >/dev/full 2>"$E2E_TMP/err"
	rc=$?
	e2e_check "stdout on a full device: exit 2" test "$rc" = 2
	e2e_check "stdout on a full device: said" grep -q 'cannot write to standard output' "$E2E_TMP/err"
fi

e2e_done
