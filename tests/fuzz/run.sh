#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Runs the libFuzzer targets built in $FUZZ_O (make fuzz-build):
#
#   run.sh fuzz SECONDS TARGET...    fuzz each target for SECONDS from its corpus; new
#                                    inputs go to $FUZZ_O/corpus/TARGET, and with
#                                    FUZZ_MERGE=1 those reaching new code are then
#                                    merged into tests/fuzz/corpus/TARGET
#   run.sh check SECONDS TARGET...   replay every input kept for each target (its
#                                    corpus and tests/fuzz/regressions/TARGET), then
#                                    fuzz it for SECONDS from a fresh scratch corpus
#
# One target at a time, one process each: the figures are per target. Crashes are
# written to $FUZZ_O/crashes/TARGET/. Ends with "fuzz: P passed, F failed", a pass per
# target that ran clean, a failure per target that crashed, with the input named.
set -u

mode=${1:?mode}
seconds=${2:?seconds}
shift 2
FUZZ_O=${FUZZ_O:-build/fuzz}
SRC=tests/fuzz
# a hang is a failure too; the slowest input there is, a template that renders up to
# the engine's bound on work, takes half of this with the sanitizers on an idle machine
TIMEOUT=${FUZZ_TIMEOUT:-60}
# what a target leaves behind when it crashes (fuzz-diff's trees) stays in the build
case $FUZZ_O in
/*) export TMPDIR=$FUZZ_O/tmp ;;
*) export TMPDIR=$PWD/$FUZZ_O/tmp ;;
esac
mkdir -p "$TMPDIR"
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=0:detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

passed=0
failed=0

# The sanitizer's or libFuzzer's report in a log, for a person to read first.
show_report() {
	grep -v -E '^(Running|Executed|INFO|#[0-9]+|MS: |base unit: |0x)' "$1" |
		head -n 40 | sed 's/^/    /'
}

fail() {
	echo "FAIL $1"
	failed=$((failed + 1))
}

# replay TARGET BIN LOG: run every kept input once; false after a crash
replay() {
	local target=$1 bin=$2 log=$3 inputs=()

	mapfile -t inputs < <(find "$SRC/corpus/$target" "$SRC/regressions/$target" \
		-type f 2>/dev/null | sort)
	[ ${#inputs[@]} -eq 0 ] && return 0
	"$bin" -timeout="$TIMEOUT" "${inputs[@]}" >"$log" 2>&1 && return 0
	fail "$target: crashed on $(sed -n 's/^Running: //p' "$log" | tail -n 1)"
	show_report "$log"
	return 1
}

# figures LOG: what a run did, from libFuzzer's final lines
figures() {
	local runs secs rate cov corp cpu

	runs=$(sed -n 's/^stat::number_of_executed_units: //p' "$1")
	rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$1")
	secs=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$1")
	cov=$(grep -o 'cov: [0-9]*' "$1" | tail -n 1)
	corp=$(grep -o 'corp: [0-9]*/[0-9]*[a-zA-Z]*' "$1" | tail -n 1)
	cpu=$(awk '{ printf "%.0f", $1 + $2 }' "$1.cpu" 2>/dev/null)
	echo "${runs:-?} runs in ${secs:-?} s (${rate:-?}/s, ${cpu:-?} s of processor)," \
		"${cov:-cov: ?}, ${corp:-corp: ?}"
}

# fuzz_run TARGET BIN SCRATCH LOG: fuzz for $seconds from SCRATCH and the corpus; the
# regressions are no seeds: they are replayed, and some take the engines to their limits
fuzz_run() {
	local target=$1 bin=$2 scratch=$3 log=$4 dirs=() opts=() crash TIMEFORMAT='%U %S'

	mkdir -p "$scratch" "$FUZZ_O/crashes/$target"
	[ -d "$SRC/corpus/$target" ] && dirs+=("$SRC/corpus/$target")
	[ -f "$SRC/$target.dict" ] && opts+=(-dict="$SRC/$target.dict")
	# the processor time it took, user and system, for the figures
	opts+=(-max_total_time="$seconds" -timeout="$TIMEOUT" -print_final_stats=1
		-artifact_prefix="$FUZZ_O/crashes/$target/")
	{ time "$bin" "${opts[@]}" "$scratch" "${dirs[@]}" >"$log" 2>&1; } 2>"$log.cpu" &&
		return 0
	crash=$(sed -n 's/.*Test unit written to \(.*\)/\1/p' "$log" | tail -n 1)
	fail "$target: crashed on ${crash:-an input it did not write (see $log)}"
	show_report "$log"
	echo "    keep it: tests/fuzz/README.md, \"Adding a regression\""
	return 1
}

for target in "$@"; do
	bin=$FUZZ_O/$target
	log=$FUZZ_O/logs/$target.$mode.log
	mkdir -p "$FUZZ_O/logs"
	if [ ! -x "$bin" ]; then
		fail "$target: $bin is missing: run 'make fuzz-build'"
		continue
	fi
	case $mode in
	check)
		replay "$target" "$bin" "$log" || continue
		scratch=$FUZZ_O/check-corpus/$target
		rm -rf "$scratch"
		fuzz_run "$target" "$bin" "$scratch" "$log" || continue
		;;
	fuzz)
		scratch=$FUZZ_O/corpus/$target
		fuzz_run "$target" "$bin" "$scratch" "$log" || continue
		if [ "${FUZZ_MERGE:-}" = 1 ]; then
			mkdir -p "$SRC/corpus/$target"
			if ! "$bin" -merge=1 "$SRC/corpus/$target" "$scratch" \
				>"$log.merge" 2>&1; then
				fail "$target: merge failed (see $log.merge)"
				continue
			fi
		fi
		;;
	*)
		echo "run.sh: unknown mode '$mode'" >&2
		exit 2
		;;
	esac
	echo "ok $target: $(figures "$log")"
	passed=$((passed + 1))
done

echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
