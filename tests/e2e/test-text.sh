#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The text report (report-templates/text/): colour only when asked for or on a
# terminal without NO_COLOR, and never changing more than the escapes; strings from the
# documentation or the sysfs that hold control characters shown as \xNN, so that they
# cannot drive the terminal, while multi-line descriptions still print as lines and
# tabs, which the documentation lays its fields out with, stay tabs.
. tests/e2e/lib.sh

abi=tests/fixtures/audit/abi
sys=tests/fixtures/audit/sys
ESC=$'\033'
# no_sgr FILE: FILE without the colour escapes the view has (bold, dim, colours, off)
no_sgr() { sed -E "s/$ESC\[[0-9]+m//g" "$1"; }
# no_control FILE: no control character but tab and newline in FILE
no_control() { ! LC_ALL=C grep -q '[[:cntrl:]]' <(tr -d '\t\n' <"$1"); }
quiet() { test ! -s "$E2E_TMP/err"; }
# has TEXT: the last run's output holds TEXT; no_esc FILE: FILE has no escape sequence
has() { grep -qF "$1" "$E2E_TMP/out"; }
no_esc() { test "$(grep -c "$ESC\[" "$1")" = 0; }
# after LINE FILE: the line after the line LINE of FILE
after() { grep -A1 -xF "$1" "$2" | sed -n 2p; }

# ---- colour ----

e2e_run audit --abi $abi --sysfs-root $sys --color always
e2e_check "--color always: exit 1 as without colour" test "$rc" = 1
e2e_check "--color always: the result in red" \
	grep -qxF "result: $ESC[31mfail$ESC[0m (removed, undocumented)" "$E2E_TMP/out"
e2e_check "--color always: headings in bold" \
	has "$ESC[1mremoved: 1 file in 1 group$ESC[0m"
e2e_check "--color always: without its escapes, the plain report" \
	diff -u $E2E_EXPECTED/audit.txt <(no_sgr "$E2E_TMP/out")
e2e_run validate --abi tests/fixtures/defects/abi --color always
e2e_check "--color always: warnings in yellow" has ": $ESC[33mwarning$ESC[0m: "
e2e_check "--color always: validate without its escapes, the plain report" \
	diff -u $E2E_EXPECTED/validate-defects.txt <(no_sgr "$E2E_TMP/out")
e2e_run validate --abi tests/fixtures/basic/abi --color always
e2e_check "--color always: a pass in green" has "result: $ESC[32mpass$ESC[0m"
e2e_run audit --abi $abi --sysfs-root $sys --color always --format json
e2e_check "--color always: JSON has no escapes" no_control "$E2E_TMP/out"
e2e_check "--color always: JSON, whole" python3 -m json.tool "$E2E_TMP/out" /dev/null

e2e_run audit --abi $abi --sysfs-root $sys --color never
e2e_check "--color never: the plain report" diff -u $E2E_EXPECTED/audit.txt "$E2E_TMP/out"
NO_COLOR=1 e2e_run audit --abi $abi --sysfs-root $sys
e2e_check "NO_COLOR, not on a terminal: the plain report" diff -u $E2E_EXPECTED/audit.txt "$E2E_TMP/out"

# auto: colour on a terminal, unless NO_COLOR is set or the terminal is dumb
if command -v script >/dev/null; then
	tty_run() {
		script -qec "$SYSABI validate --abi tests/fixtures/basic/abi" /dev/null \
			>"$E2E_TMP/out" 2>&1 </dev/null
	}
	TERM=xterm NO_COLOR= tty_run
	e2e_check "auto on a terminal: colour" has "$ESC[32mpass"
	TERM=xterm NO_COLOR=1 tty_run
	e2e_check "auto on a terminal with NO_COLOR: no colour" no_esc "$E2E_TMP/out"
	e2e_check "auto on a terminal with NO_COLOR: the report" has "result: pass"
	TERM=dumb NO_COLOR= tty_run
	e2e_check "auto on a dumb terminal: no colour" no_esc "$E2E_TMP/out"
	e2e_check "auto on a dumb terminal: the report" has "result: pass"
else
	e2e_skip "--color auto on a terminal" "script(1) is not installed"
fi

# ---- hostile strings ----

# A What with a control character and a terminal escape, a Contact that would set the
# window title, a Description clearing the screen, with a tab, an empty line, bytes that
# are not UTF-8 and a CRLF.
h=$E2E_TMP/hostile
mkdir -p "$h/abi/testing" "$h/sys/kernel/hostile" "$h/sys/devices" "$h/btf/kernel/btf" "$h/btf/module"
printf '%b' 'What:\t\t/sys/kernel/hostile/ctl\001\033x\n' \
	'Date:\t\tMay 2025\n' \
	'Contact:\ta\033]0;title\007b\n\t\tsecond contact line\n' \
	'Description:\tfirst line \033[2J cleared\n' \
	'\t\tsecond\tline with a tab\n\n\t\tnot UTF-8: \377\376 here\r\n\n' \
	'What:\t\t/sys/kernel/hostile/\001bell\033[31mred\n' \
	'Description:\ta What that does not compile\n' >"$h/abi/testing/sysfs-hostile"
# sysfs names holding the same: escapes, control characters, bytes that are not UTF-8
printf '1\n' >"$h/sys/kernel/hostile/$ESC[31mevil"
printf '1\n' >"$h/sys/kernel/hostile/bell"$'\a\377'
mkdir -p "$h/btf/module/$ESC[31mmod" && echo live >"$h/btf/module/$ESC[31mmod/initstate"
printf 'not BTF' >"$h/btf/kernel/btf/vmlinux"
printf 'not BTF' >"$h/btf/kernel/btf/$ESC[31mmod"

e2e_run search --abi "$h/abi" hostile
e2e_check "search: hostile strings, exit 0" test "$rc" = 0
e2e_check "search: no control character reaches the terminal" no_control "$E2E_TMP/out"
e2e_check "search: the What shown escaped" \
	grep -qxF '/sys/kernel/hostile/ctl\x01\x1bx' "$E2E_TMP/out"
e2e_check "search: the Contact shown escaped, its second line indented" \
	test "$(after 'Contact:       a\x1b]0;title\x07b' "$E2E_TMP/out")" = \
	'               second contact line'
e2e_check "search: the Description as indented lines, escaped, its tab kept" \
	diff -u - <(sed -n '/^Description:$/,/^$/p' "$E2E_TMP/out" | head -n 3) <<'DESC'
Description:
    first line \x1b[2J cleared
    second	line with a tab
DESC
e2e_check "search: a line of the Description after an empty one" \
	grep -qxF "    not UTF-8: "$'\xef\xbf\xbd\xef\xbf\xbd'" here" "$E2E_TMP/out"
e2e_run search --abi "$h/abi" hostile --color always
e2e_check "search --color always: the What in bold, still escaped" \
	grep -qxF "$ESC[1m/sys/kernel/hostile/ctl\x01\x1bx$ESC[0m" "$E2E_TMP/out"
no_sgr "$E2E_TMP/out" >"$E2E_TMP/plain"
e2e_check "search --color always: nothing else reaches the terminal" \
	no_control "$E2E_TMP/plain"

e2e_run validate --abi "$h/abi" --lint
e2e_check "validate: hostile strings, exit 1" test "$rc" = 1
e2e_check "validate: no control character reaches the terminal" no_control "$E2E_TMP/out"
e2e_check "validate: the What in a message shown escaped" \
	grep -qF "cannot compile '/sys/kernel/hostile/\x01bell\x1b[31mred'" "$E2E_TMP/out"

e2e_run match --abi "$h/abi" "/sys/kernel/hostile/ctl"$'\001\033'x /sys/kernel/$'\033'[2J
e2e_check "match: hostile strings, exit 1" test "$rc" = 1
e2e_check "match: no control character reaches the terminal" no_control "$E2E_TMP/out"
e2e_check "match: the path shown escaped" \
	has '/sys/kernel/hostile/ctl\x01\x1bx: documented by 1 What line'

e2e_run audit --abi "$h/abi" --sysfs-root "$h/sys" --all --verbose --suggest
e2e_check "audit: hostile names, exit 1" test "$rc" = 1
e2e_check "audit: no control character reaches the terminal" no_control "$E2E_TMP/out"
e2e_check "audit: a file name shown escaped" \
	grep -qxF '      e.g. /sys/kernel/hostile/\x1b[31mevil' "$E2E_TMP/out"
e2e_check "audit: nothing on stderr" quiet
e2e_run audit --abi "$h/abi" --sysfs-root "$h/sys" --explain "/sys/kernel/hostile/$ESC[31mevil"
e2e_check "audit --explain: no control character reaches the terminal" no_control "$E2E_TMP/out"
e2e_check "audit: --explain of that name" \
	grep -qxF 'explain /sys/kernel/hostile/\x1b[31mevil:' "$E2E_TMP/out"

e2e_run btf --sysfs-root "$h/btf"
e2e_check "btf: hostile names, exit 1" test "$rc" = 1
e2e_check "btf: no control character reaches the terminal" no_control "$E2E_TMP/out"
e2e_check "btf: a module name shown escaped" grep -qF '  \x1b[31mmod ' "$E2E_TMP/out"

# --summary: the counts and the result, no finding; every other format unchanged
A=${SYSABI_FIXTURES:-tests/fixtures}/audit
e2e_run audit --abi "$A/abi" --sysfs-root "$A/sys"
cp "$E2E_TMP/out" "$E2E_TMP/full.txt"
e2e_run audit --abi "$A/abi" --sysfs-root "$A/sys" --summary
e2e_check "audit --summary: the full report has groups" grep -q '^  /sys/' "$E2E_TMP/full.txt"
e2e_check "audit --summary: no group" sh -c "! grep -q '^  /sys/' '$E2E_TMP/out'"
e2e_check "audit --summary: the class counts and the result, as in the full report" \
	sh -c "grep -E '^[a-z-]+: [0-9]+ files? in|^result:|^files ' '$E2E_TMP/full.txt' >'$E2E_TMP/a' &&
	       grep -E '^[a-z-]+: [0-9]+ files? in|^result:|^files ' '$E2E_TMP/out' >'$E2E_TMP/b' &&
	       test -s '$E2E_TMP/a' && cmp -s '$E2E_TMP/a' '$E2E_TMP/b'"
e2e_check "audit --summary: the same exit status" test "$rc" = 1
$SYSABI audit --abi "$A/abi" --sysfs-root "$A/sys" --format json 2>/dev/null | grep -v '"date"' >"$E2E_TMP/j1"
$SYSABI audit --abi "$A/abi" --sysfs-root "$A/sys" --format json --summary 2>/dev/null | grep -v '"date"' >"$E2E_TMP/j2"
e2e_check "audit --summary: the JSON unchanged" cmp -s "$E2E_TMP/j1" "$E2E_TMP/j2"
e2e_run validate --abi "${SYSABI_FIXTURES:-tests/fixtures}/defects/abi" --summary
e2e_check "validate --summary: no FILE:LINE line" sh -c "! grep -q ':[0-9]*: ' '$E2E_TMP/out'"
e2e_check "validate --summary: the counts by kind" grep -q '^  what-bad-pattern  *error  *1$' "$E2E_TMP/out"
e2e_check "validate --summary: the result" grep -q '^result: fail' "$E2E_TMP/out"

e2e_done
