#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# A Documentation/ABI directory full of garbage: binary files, empty files, a 1 MB line,
# CRLF, invalid UTF-8, a What with 10,000 wildcards, 100,000 What lines, links in loops,
# a FIFO. sysabi must report each with file:line, never crash, and stay linear (the
# timeout is a guard against blow-ups, not a benchmark).
. tests/e2e/lib.sh

g=$E2E_TMP/garbage
mkdir -p "$g/stable" "$g/testing" "$g/obsolete" "$g/removed/deep"

# deterministic "random" bytes, NULs included
awk 'BEGIN { srand(42); for (i = 0; i < 65536; i++) printf "%c", int(rand() * 256) }' \
	</dev/null >"$g/stable/binary"
: >"$g/stable/empty"
{ printf 'What:\t\t/sys/long/'; head -c 1048576 /dev/zero | tr '\0' a; printf '\nDescription:\tlong\n'; } \
	>"$g/testing/long-line"
printf 'What:\t\t/sys/crlf\r\nDate:\t\tJune 2020\r\nContact:\tx\r\nDescription:\tcrlf\r\n' \
	>"$g/testing/crlf"
printf 'What:\t\t/sys/latin1\nDescription:\tcaf\xe9 \xc3\x28 \xed\xa0\x80\n' >"$g/testing/latin1"
{ printf 'What:\t\t/sys/many/'; for i in $(seq 10000); do printf '<x>'; done; printf '\n'
  printf 'What:\t\t/sys/stars/'; for i in $(seq 10000); do printf '*a'; done; printf '\n'
  printf 'What:\t\t/sys/alts'; for i in $(seq 10000); do printf '/{a,b}'; done; printf '\n'
  printf 'What:\t\t/sys/unbalanced/<oops/[x/{y\nDescription:\twildcards\n'; } >"$g/testing/wildcards"
{ for i in $(seq 100000); do printf 'What:\t\t/sys/n%d\n' "$i"; done; printf 'Description:\tmany\n'; } \
	>"$g/testing/many-whats"
printf 'Date  June 2020\nWhere:\t/sys/x\nFormat:\tnone\n\nWhat:\n' >"$g/obsolete/defects"
ln -s .. "$g/removed/deep/loop"
ln -s /nonexistent "$g/removed/dangling"
mkfifo "$g/removed/fifo"

run_garbage() {
	# shellcheck disable=SC2086
	timeout 120 $SYSABI validate --abi "$g" "$@" >"$E2E_TMP/out" 2>"$E2E_TMP/err"
	rc=$?
}

run_garbage
e2e_check "garbage: exit 1 (errors), no crash or timeout" test "$rc" = 1
e2e_check "garbage: nothing on stderr" test ! -s "$E2E_TMP/err"
for expect in \
	"stable/binary:[0-9]*: error: .*\[binary-file\]" \
	"stable/empty:0: warning: .*\[empty-file\]" \
	"testing/crlf:1: warning: .*\[crlf\]" \
	"testing/latin1:2: warning: .*\[invalid-utf8\]" \
	"testing/wildcards:3: error: .*\[what-bad-pattern\]" \
	"testing/wildcards:4: error: .*\[what-bad-pattern\]" \
	"obsolete/defects:1: warning: .*\[tag-missing-colon\]" \
	"obsolete/defects:2: warning: .*\[tag-where\]" \
	"obsolete/defects:3: warning: .*\[tag-unknown\]" \
	"obsolete/defects:5: warning: .*\[what-empty\]" \
	"removed/dangling:0: error: .*\[unreadable-file\]"; do
	e2e_check "garbage: reports /$expect/" grep -q "$expect" "$E2E_TMP/out"
done
# the FIFO is not a documentation file, and the loop is not followed
e2e_check "garbage: FIFO skipped" bash -c "! grep -q fifo '$E2E_TMP/out'"
e2e_check "garbage: link loop not followed" bash -c "! grep -q 'loop/' '$E2E_TMP/out'"
e2e_check "garbage: every What line counted" grep -qE '^total +[0-9]+ +[0-9]+ +1000[0-9]{2}' "$E2E_TMP/out"

run_garbage --format json
e2e_check "garbage: JSON output is valid JSON with every diagnostic" \
	python3 -c "import json,sys; d=json.load(open('$E2E_TMP/out')); sys.exit(0 if len(d['diagnostics']) >= 11 else 1)"

e2e_done
