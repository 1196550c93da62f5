#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# make bench: sysabi's speed, measured in one run beside what it is compared with, so
# that a noisy machine shifts both sides alike. Prints each figure and its target.
set -u

O=${O:-build}
ABI_DOCS=${ABI_DOCS:-abi-docs}
KERNEL=${ABI_KERNEL:-6.12}
top=$ABI_DOCS/linux-$KERNEL
abi=$top/Documentation/ABI

# best_of N CMD...: the best wall time of N runs, in ms
best_of() {
	local n=$1 best= t0 t1 ms
	shift
	for _ in $(seq "$n"); do
		t0=$(date +%s%N)
		"$@" >/dev/null 2>&1
		t1=$(date +%s%N)
		ms=$(( (t1 - t0) / 1000 ))
		if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
	done
	awk -v us="$best" 'BEGIN { printf "%.1f", us / 1000 }'
}

echo "== documentation: $abi ($(find "$abi" -type f | wc -l) files, $(du -sh "$abi" | cut -f1))"
"$O/bench-load" "$abi" 30 | sed 's/^/  /'
load=$("$O/bench-load" "$abi" 30 | awk '/^load_median_ms/ { l = $2 } /^index_median_ms/ { i = $2 } END { print l + i }')
echo "  load + validate + compile + index (median): $load ms (target: under 50 ms)"

sysabi=$(best_of 10 "$O/sysabi" validate --abi "$abi" --format json)
echo "  sysabi validate, whole command (best of 10): $sysabi ms"
if [ -f "$top/scripts/get_abi.pl" ]; then
	perl=$(best_of 3 perl "$top/scripts/get_abi.pl" --dir "$abi" validate)
	echo "  get_abi.pl validate (best of 3): $perl ms"
	awk -v a="$perl" -v b="$sysabi" 'BEGIN { printf "  sysabi is %.1fx faster than get_abi.pl validate\n", a / b }'
	perl=$(best_of 3 perl "$top/scripts/get_abi.pl" --dir "$abi" search btf)
	sysabi=$(best_of 10 "$O/sysabi" search --abi "$abi" btf)
	echo "  search btf: sysabi $sysabi ms, get_abi.pl $perl ms"
fi
awk -v l="$load" 'BEGIN { exit !(l < 50) }' && echo "bench: load target met" ||
	echo "bench: load target MISSED"
