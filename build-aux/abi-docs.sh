#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# abi-docs.sh VERSION DEST: put the kernel's Documentation/ABI from Debian's
# linux-source-VERSION package in DEST/linux-VERSION, with the few other files sysabi
# uses beside it: the top Makefile (for the kernel version),
# Documentation/admin-guide/kernel-parameters.txt (where module parameters are
# documented), scripts/get_abi.pl (for side-by-side benchmarks), the KTAP parser and
# spec (for the KTAP output tests), and what the kernel's Sphinx build of the ABI pages
# reads (Documentation/conf.py, Documentation/sphinx/ with kernel_abi.py, the static
# files and logo conf.py names, Documentation/admin-guide/abi*.rst), for the test that
# builds those pages with sysabi in get_abi.pl's place. Only these are extracted; the
# package itself is deleted afterwards.
#
# DEST/linux-VERSION/.sysabi-abi-docs says which list of files it holds: when this
# script extracts more than the tree was made with, the tree is made again.
set -eu

version=${1:?usage: abi-docs.sh VERSION DEST}
dest=${2:?usage: abi-docs.sh VERSION DEST}
pkg=linux-source-$version
out=$dest/linux-$version
# the list of files below, by number: one more each time it grows
stamp_version=3

if [ -d "$out/Documentation/ABI" ] &&
   [ "$(cat "$out/.sysabi-abi-docs" 2>/dev/null)" = "$stamp_version" ]; then
	exit 0
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/sysabi-abi-docs.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM

echo "abi-docs: downloading $pkg from Debian's archive" >&2
if ! (cd "$work" && apt-get download "$pkg" >/dev/null 2>"$work/err"); then
	if [ "$(id -u)" = 0 ]; then
		apt-get update -qq >/dev/null 2>&1 || true
		(cd "$work" && apt-get download "$pkg" >/dev/null 2>"$work/err") || {
			echo "abi-docs: cannot download $pkg: $(tail -n 1 "$work/err")" >&2
			exit 1
		}
	else
		echo "abi-docs: cannot download $pkg: $(tail -n 1 "$work/err")" >&2
		exit 1
	fi
fi

deb=$(ls "$work"/"$pkg"_*.deb)
echo "abi-docs: extracting Documentation/ABI from $(basename "$deb")" >&2
top=linux-source-$version
mkdir -p "$work/x"
dpkg-deb --fsys-tarfile "$deb" |
	tar -xO "./usr/src/$top.tar.xz" |
	tar -xJ -C "$work/x" --wildcards --no-wildcards-match-slash \
		"$top/Makefile" \
		"$top/Documentation/ABI" \
		"$top/Documentation/admin-guide/kernel-parameters.txt" \
		"$top/scripts/get_abi.pl" \
		"$top/tools/testing/kunit/kunit_parser.py" \
		"$top/tools/testing/kunit/kunit_printer.py" \
		"$top/Documentation/dev-tools/ktap.rst" \
		"$top/Documentation/conf.py" \
		"$top/Documentation/sphinx" \
		"$top/Documentation/sphinx-static" \
		"$top/Documentation/images/logo.svg" \
		"$top/Documentation/admin-guide/abi*.rst" 2>"$work/err" || {
	# a member missing from an older kernel is not fatal; a broken archive is
	grep -v 'Not found in archive\|Exiting with failure status' "$work/err" >&2 && exit 1
	true
}
[ -d "$work/x/$top/Documentation/ABI" ] || {
	echo "abi-docs: $deb has no Documentation/ABI" >&2
	exit 1
}
echo "$stamp_version" >"$work/x/$top/.sysabi-abi-docs"
mkdir -p "$dest"
rm -rf "$out.tmp" "$out.old"
mv "$work/x/$top" "$out.tmp"
# an older tree is replaced whole, so that a reader never sees half of each
[ ! -e "$out" ] || mv "$out" "$out.old"
mv "$out.tmp" "$out"
rm -rf "$out.old"
echo "abi-docs: $out/Documentation/ABI ($(find "$out/Documentation/ABI" -type f | wc -l) files)" >&2
