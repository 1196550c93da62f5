# SPDX-License-Identifier: GPL-2.0-or-later
#
# Helpers for the end-to-end tests: run the real binary ($SYSABI, which may carry a
# valgrind prefix) and compare what it prints with expected files a person has read.
# Each test script sources this, calls the checks, and ends with `e2e_done`.

SYSABI=${SYSABI:-$PWD/build/sysabi}
E2E_EXPECTED=tests/e2e/expected
e2e_passed=0
e2e_failed=0
E2E_TMP=$(mktemp -d "${TMPDIR:-/tmp}/sysabi-e2e.XXXXXX")
trap 'rm -rf "$E2E_TMP"' EXIT
# the compiled images of the trees read (sysabi index) kept apart from the user's, each
# test script's own
export SYSABI_CACHE_DIR=${SYSABI_CACHE_DIR-$E2E_TMP/cache}

e2e_pass() {
	echo "ok $1"
	e2e_passed=$((e2e_passed + 1))
}

e2e_fail() {
	echo "FAIL $1: $2"
	e2e_failed=$((e2e_failed + 1))
}

# e2e_run ARGS...: run sysabi; stdout in $E2E_TMP/out, stderr in $E2E_TMP/err, status in $rc
e2e_run() {
	# shellcheck disable=SC2086 # $SYSABI may be "valgrind ... build/sysabi"
	$SYSABI "$@" >"$E2E_TMP/out" 2>"$E2E_TMP/err"
	rc=$?
}

# e2e_expect NAME STATUS ARGS...: exit status STATUS and stdout equal to expected/NAME
e2e_expect() {
	local name=$1 status=$2
	shift 2
	e2e_run "$@"
	if [ "$rc" != "$status" ]; then
		e2e_fail "$name" "exit status $rc, expected $status; stderr: $(head -c 2000 "$E2E_TMP/err")"
		return
	fi
	if ! diff -u "$E2E_EXPECTED/$name" "$E2E_TMP/out" >"$E2E_TMP/diff"; then
		e2e_fail "$name" "output differs from $E2E_EXPECTED/$name:
$(head -n 40 "$E2E_TMP/diff")"
		return
	fi
	e2e_pass "$name"
}

# e2e_check NAME CONDITION...: a test on the last run's output ($E2E_TMP/out, err, $rc)
e2e_check() {
	local name=$1
	shift
	if "$@"; then
		e2e_pass "$name"
	else
		e2e_fail "$name" "failed: $*"
	fi
}

e2e_skip() {
	echo "skip $1: $2"
}

e2e_done() {
	echo "e2e: $e2e_passed passed, $e2e_failed failed"
}
