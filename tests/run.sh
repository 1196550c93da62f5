#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Every test of `make check`, in groups: the CUnit suites (plain, ASan/UBSan, valgrind),
# then the end-to-end tests with the plain and the sanitized binary, then the fuzz
# targets (tests/fuzz/run.sh check). Ends with one line "N passed, N failed" over all
# groups; exits non-zero when anything failed.
set -u

O=${O:-build}
ASAN_O=${ASAN_O:-$O/asan}
export FUZZ_O=${FUZZ_O:-$O/fuzz}
FUZZ_CHECK_SECONDS=${FUZZ_CHECK_SECONDS:-5}
export ABI_DOCS=${ABI_DOCS:-abi-docs}
export SYSABI_FIXTURES=tests/fixtures
# free everything at exit, so that ASan and valgrind see every free path run
export SYSABI_FREE_AT_EXIT=1
# a key the code reads from the result model and never set aborts (value_get_str())
export SYSABI_STRICT_MODEL=1
# the sanitizers stop at the first error and say so
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=0:detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

passed=0
failed=0
groups_failed=()

# run_unit LABEL COMMAND...: a CUnit run; its "unit: T tests, P passed, F failed" line counts
run_unit() {
	local label=$1 out rc line
	shift
	echo "== unit tests ($label)"
	out=$("$@" 2>&1)
	rc=$?
	printf '%s\n' "$out" | sed -n '/Run Summary/,$p'
	line=$(printf '%s\n' "$out" | grep '^unit: ' | tail -n 1)
	if [ -z "$line" ]; then
		printf '%s\n' "$out" | tail -n 30
		echo "unit tests ($label): no summary, exit $rc"
		failed=$((failed + 1))
		groups_failed+=("unit ($label)")
		return
	fi
	local p f
	p=$(sed -E 's/.* ([0-9]+) passed.*/\1/' <<<"$line")
	f=$(sed -E 's/.* ([0-9]+) failed.*/\1/' <<<"$line")
	passed=$((passed + p))
	failed=$((failed + f))
	if [ "$rc" -ne 0 ]; then
		# CUnit names each failing test and its assertions' file:line
		printf '%s\n' "$out" | sed -n '/had failures:$/,/^$/p'
		printf '%s\n' "$out" | grep -B2 -A8 -E 'ERROR|Sanitizer|Invalid|definitely lost' | head -n 60
		[ "$f" -eq 0 ] && failed=$((failed + 1))
		groups_failed+=("unit ($label): exit $rc")
	fi
}

# run_e2e LABEL BINARY: the end-to-end scripts; each prints "e2e: P passed, F failed"
run_e2e() {
	local label=$1 bin=$2 script out line
	for script in tests/e2e/test-*.sh; do
		echo "== $(basename "$script" .sh) ($label)"
		out=$(SYSABI="$bin" bash "$script" 2>&1)
		printf '%s\n' "$out" | grep -v '^ok ' 
		line=$(printf '%s\n' "$out" | grep '^e2e: ' | tail -n 1)
		if [ -z "$line" ]; then
			echo "$script ($label): no summary"
			failed=$((failed + 1))
			groups_failed+=("$script ($label)")
			continue
		fi
		p=$(sed -E 's/.* ([0-9]+) passed.*/\1/' <<<"$line")
		f=$(sed -E 's/.* ([0-9]+) failed.*/\1/' <<<"$line")
		passed=$((passed + p))
		failed=$((failed + f))
		[ "$f" -ne 0 ] && groups_failed+=("$script ($label)")
	done
}

# run_fuzz: every fuzz target's kept inputs, then a few seconds of fuzzing; a target
# counts once, and a crash names its input
run_fuzz() {
	local out line p f src targets=()

	for src in tests/fuzz/fuzz-*.c; do
		targets+=("$(basename "$src" .c)")
	done
	echo "== fuzz targets (${FUZZ_CHECK_SECONDS}s each)"
	out=$(tests/fuzz/run.sh check "$FUZZ_CHECK_SECONDS" "${targets[@]}" 2>&1)
	printf '%s\n' "$out" | grep -v '^fuzz: '
	line=$(printf '%s\n' "$out" | grep '^fuzz: ' | tail -n 1)
	if [ -z "$line" ]; then
		echo "tests/fuzz/run.sh: no summary"
		failed=$((failed + 1))
		groups_failed+=("fuzz")
		return
	fi
	p=$(sed -E 's/.* ([0-9]+) passed.*/\1/' <<<"$line")
	f=$(sed -E 's/.* ([0-9]+) failed.*/\1/' <<<"$line")
	passed=$((passed + p))
	failed=$((failed + f))
	[ "$f" -ne 0 ] && groups_failed+=("fuzz")
}

# Tests of the source tree itself (tests/source/): its layers, its style. Once, not
# per build.
run_source() {
	local script out line p f
	for script in tests/source/test-*; do
		echo "== $(basename "$script")"
		out=$("$script" 2>&1)
		printf '%s\n' "$out" | grep -v '^ok '
		line=$(printf '%s\n' "$out" | grep '^source: ' | tail -n 1)
		if [ -z "$line" ]; then
			echo "$script: no summary"
			failed=$((failed + 1))
			groups_failed+=("$script")
			continue
		fi
		p=$(sed -E 's/.* ([0-9]+) passed.*/\1/' <<<"$line")
		f=$(sed -E 's/.* ([0-9]+) failed.*/\1/' <<<"$line")
		passed=$((passed + p))
		failed=$((failed + f))
		[ "$f" -ne 0 ] && groups_failed+=("$script")
	done
}

# The PostgreSQL suite of the fleet's store (tests/unit/test-fleet-store.c) needs a
# server: one of its own, in a temporary directory, for the three runs of the unit
# tests, stopped on the way out (tests/pg-server.sh). One already named by
# SYSABI_TEST_PG is used instead. Without either, the suite says it skips.
pg_dir=
start_pg() {
	local t0 uri
	if [ -n "${SYSABI_TEST_PG:-}" ]; then
		echo "== PostgreSQL server for the unit tests: SYSABI_TEST_PG's"
		return
	fi
	pg_dir=$(mktemp -d /tmp/sysabi-pg.XXXXXX)
	t0=$(date +%s%N)
	if uri=$(tests/pg-server.sh start "$pg_dir"); then
		export SYSABI_TEST_PG=$uri
		echo "== PostgreSQL server for the unit tests: started in" \
			"$(( ($(date +%s%N) - t0) / 1000000 )) ms"
	else
		echo "== PostgreSQL server for the unit tests: none started (above); its suite skips"
		tests/pg-server.sh stop "$pg_dir"
		pg_dir=
	fi
}
stop_pg() {
	[ -z "$pg_dir" ] || tests/pg-server.sh stop "$pg_dir" || true
	pg_dir=
}
trap stop_pg EXIT
trap 'exit 130' INT TERM

run_source
start_pg
run_unit plain "$O/unit-tests"
run_unit "ASan/UBSan" "$ASAN_O/unit-tests"
# valgrind does not know openat2(2) and warns on stderr: under it, lookups below a root
# take the path used where the kernel lacks openat2, which is so tested too
if command -v valgrind >/dev/null; then
	SYSABI_NO_OPENAT2=1 \
	run_unit valgrind valgrind -q --error-exitcode=99 --leak-check=full \
		--errors-for-leak-kinds=definite "$O/unit-tests"
else
	echo "== unit tests (valgrind): skipped, valgrind is not installed"
fi
stop_pg
# absolute: some tests run sysabi from another directory
run_e2e plain "$PWD/$O/sysabi"
run_e2e "ASan/UBSan" "$PWD/$ASAN_O/sysabi"
if command -v valgrind >/dev/null; then
	SYSABI_NO_OPENAT2=1 run_e2e valgrind "valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite $PWD/$O/sysabi"
fi
run_fuzz

echo
if [ ${#groups_failed[@]} -ne 0 ]; then
	printf 'failed: %s\n' "${groups_failed[@]}"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
