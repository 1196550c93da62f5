#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# abi-exports.sh HEADER LIBRARY: fail unless the functions the shared LIBRARY exports
# are exactly those HEADER declares. abi/libabi.sym lists them by hand, so a function
# added to abi.h and not to the list, or a helper let out, is caught here rather than by
# a program that cannot link.
#
# The header is read through the preprocessor (CC, else cc), so that no name in a
# comment counts; every public function is named abi_* (docs/design.rst), and that is
# what is taken for a declaration: an abi_* name followed by '('.
set -eu

if [ $# -ne 2 ]; then
	echo "usage: abi-exports.sh HEADER LIBRARY" >&2
	exit 2
fi
header=$1
lib=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/abi-exports.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

${CC:-cc} -E -P -x c "$header" | tr '\n' ' ' | grep -oE '\babi_[a-z0-9_]+ *\(' |
	sed 's/ *($//' | sort -u >"$tmp/declared"
# nm says abi_tree_load@@LIBABI_0.1; the version node itself is an absolute symbol (A)
nm -D --defined-only "$lib" |
	awk 'NF == 3 && $2 != "A" { sub(/@.*/, "", $3); print $3 }' |
	sort -u >"$tmp/exported"

if [ ! -s "$tmp/declared" ]; then
	echo "abi-exports.sh: no function declared in '$header'" >&2
	exit 1
fi
if ! cmp -s "$tmp/declared" "$tmp/exported"; then
	echo "abi-exports.sh: '$lib' does not export what '$header' declares:" >&2
	comm -23 "$tmp/declared" "$tmp/exported" | sed 's/^/  not exported: /' >&2
	comm -13 "$tmp/declared" "$tmp/exported" | sed 's/^/  not declared: /' >&2
	exit 1
fi
