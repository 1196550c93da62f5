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

# every JSON report a test makes through e2e_run, kept for e2e_done to check against
# schema/report.schema.json
E2E_JSON=$E2E_TMP/json
E2E_SCHEMA_CHECK=$PWD/tests/e2e/schema-check.py
mkdir -p "$E2E_JSON"

# e2e_run ARGS...: run sysabi; stdout in $E2E_TMP/out, stderr in $E2E_TMP/err, status in $rc
e2e_run() {
	local a prev= json=
	# shellcheck disable=SC2086 # $SYSABI may be "valgrind ... build/sysabi"
	$SYSABI "$@" >"$E2E_TMP/out" 2>"$E2E_TMP/err"
	rc=$?
	for a in "$@"; do
		case $prev:$a in
		--format:json | *:--format=json) json=1 ;;
		# a report written to a file: standard output has a line about it
		*:-o* | *:--output*) json= && break ;;
		esac
		prev=$a
	done
	if [ -n "$json" ] && [ "$rc" -le 1 ] && [ -s "$E2E_TMP/out" ]; then
		cp "$E2E_TMP/out" "$E2E_JSON/$(ls "$E2E_JSON" | wc -l).json"
	fi
	return 0
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
	local n
	n=$(ls "$E2E_JSON" | wc -l)
	if [ "$n" -gt 0 ]; then
		python3 "$E2E_SCHEMA_CHECK" "$E2E_JSON"/*.json >"$E2E_TMP/schema" 2>&1
		case $? in
		0) e2e_pass "the $n JSON reports of these tests hold to schema/report.schema.json" ;;
		77) e2e_skip "JSON schema" "no python3-jsonschema" ;;
		*) e2e_fail "JSON reports against schema/report.schema.json" "$(head -n 20 "$E2E_TMP/schema")" ;;
		esac
	fi
	echo "e2e: $e2e_passed passed, $e2e_failed failed"
}
