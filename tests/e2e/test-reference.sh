#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The audit against an independent matcher (tests/reference/refmatch.py, written from
# the format notes, sharing no code with sysabi): on every recorded tree of
# ../shared/data/sysfs, every capture of tests/captures and the live /sys, each file
# must get the same class from both (module parameters no What documents set aside:
# the matcher does not read kernel-parameters.txt or modinfo). The matcher's own unit
# tests run first. It runs once, with the plain build: the matcher takes seconds a
# tree, and the sanitizer and valgrind runs of the same audit are elsewhere.
. tests/e2e/lib.sh

DATA=${SYSABI_SYSFS_DATA:-../shared/data/sysfs}
CAPTURES=${SYSABI_CAPTURES:-tests/captures}
ABI_DOCS=${ABI_DOCS:-abi-docs}
REF=tests/reference/refmatch.py

case $SYSABI in
*valgrind* | */asan/*)
	e2e_skip "reference" "the plain build's run covers it"
	e2e_done
	exit 0
	;;
esac

e2e_check "reference: the matcher's unit tests" \
	python3 tests/reference/test_refmatch.py

# compare NAME ROOT ABI: the audit of ROOT and the matcher agree file by file
compare() {
	local name=$1 root=$2 abi=$3 w=$E2E_TMP/$1

	mkdir -p "$w"
	e2e_run audit --abi "$abi" --sysfs-root "$root" --no-btf --verbose --format json
	cp "$E2E_TMP/out" "$w/audit.json"
	e2e_check "$name: audit exits 0 or 1 (it exits $rc)" test "$rc" -le 1
	nice python3 "$REF" --abi "$abi" --root "$root" --sysabi "$w/audit.json" \
		>"$w/ref" 2>"$w/ref.err"
	e2e_check "$name: the matcher ran" test $? = 0 -a ! -s "$w/ref.err"
	[ -s "$w/ref.err" ] && head -n 5 "$w/ref.err"
	local files judged
	files=$(sed -n 's/^files\t//p' "$w/ref")
	judged=$(sed -n 's/^sysabi.files\t//p' "$w/ref")
	e2e_check "$name: the matcher walks the files the audit judges ($files, $judged)" \
		test -n "$files" -a "$files" = "$judged"
	e2e_check "$name: no file the matcher classes otherwise" \
		grep -qP "^disagree\t0$" "$w/ref"
	grep -qP "^disagree\t0$" "$w/ref" || sed -n '/^disagree/,$p' "$w/ref" | head -n 8
}

abi612=$ABI_DOCS/linux-6.12/Documentation/ABI
if [ ! -d "$abi612" ]; then
	e2e_skip "reference" "no $abi612 (make abi-docs)"
	e2e_done
	exit 0
fi

shopt -s nullglob
trees=("$DATA"/*.tar.gz)
[ ${#trees[@]} -eq 0 ] &&
	e2e_skip "reference: recorded trees" "no $DATA/*.tar.gz (no ../shared beside this clone)"
for tarball in "${trees[@]}"; do
	name=$(basename "$tarball" .tar.gz)
	mkdir -p "$E2E_TMP/trees/$name"
	if tar -xzf "$tarball" -C "$E2E_TMP/trees/$name"; then
		compare "$name" "$E2E_TMP/trees/$name" "$abi612"
	else
		e2e_fail "$name" "cannot unpack $tarball"
	fi
done
for tarball in "$CAPTURES"/*.tar.xz; do
	name=$(basename "$tarball" .tar.xz)
	series=$(sed -n 's/^linux-\([0-9]*\.[0-9]*\).*/\1/p' <<<"$name")
	abi=$ABI_DOCS/linux-$series/Documentation/ABI
	if [ ! -d "$abi" ]; then
		e2e_skip "reference: $name" "no $abi (make abi-docs)"
		continue
	fi
	mkdir -p "$E2E_TMP/trees/$name"
	if tar -xJf "$tarball" -C "$E2E_TMP/trees/$name"; then
		compare "$name" "$E2E_TMP/trees/$name" "$abi"
	else
		e2e_fail "$name" "cannot unpack $tarball"
	fi
done
if [ -d /sys/kernel ]; then
	compare live /sys "$abi612"
else
	e2e_skip "reference: live" "no /sys here"
fi

e2e_done
