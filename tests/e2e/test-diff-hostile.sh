#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# sysabi diff on input meant to hurt: two trees with nothing in common.
. tests/e2e/lib.sh

# ---- two trees that share no entry: nothing paired ----

entry() {
	printf 'What:\t\t%s\nDate:\t\tJune 2020\nKernelVersion:\t5.8\nContact:\tx@example.org\nDescription:\tSomething.\n' "$1"
}
mkdir -p "$E2E_TMP/one/testing" "$E2E_TMP/two/testing"
entry /sys/one >"$E2E_TMP/one/testing/sysfs-one"
entry /sys/two >"$E2E_TMP/two/testing/sysfs-two"
e2e_run diff "$E2E_TMP/one" "$E2E_TMP/two"
e2e_check "no entry in common: exit 1 (one testing entry vanished)" test "$rc" = 1
e2e_check "no entry in common: one added, one removed" \
	grep -qx 'changes: 1 added, 1 removed, 0 changed, 0 moved-file, 0 moved-level' "$E2E_TMP/out"
e2e_check "no entry in common: nothing on stderr" test ! -s "$E2E_TMP/err"

e2e_done
