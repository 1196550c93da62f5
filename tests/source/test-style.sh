#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The C of the tree in the house style, as .clang-format says it (the kernel's, at 90
# columns): every file of abi/, checker/, common/ and tests/ is as clang-format would
# write it. `make format` rewrites them. Formatters of other major versions lay some
# lines out differently, so the check runs with the version the style was written
# with (Debian's clang-format, 14) and says it skips with another.
#
# Prints "ok ..." or "FAIL ...", then "source: P passed, F failed".
set -u
cd "$(dirname "$0")/../.."
STYLE_VERSION=14
passed=0
failed=0
skipped=0

ok() { echo "ok $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $*"; failed=$((failed + 1)); }

if ! command -v clang-format >/dev/null; then
	echo "skip style: clang-format is not installed (Debian package clang-format)"
	echo "source: 0 passed, 0 failed"
	exit 0
fi
version=$(clang-format --version | sed -n 's/.*version \([0-9]*\)\..*/\1/p')
if [ "$version" != "$STYLE_VERSION" ]; then
	echo "skip style: clang-format $version; the style is held with $STYLE_VERSION"
	echo "source: 0 passed, 0 failed"
	exit 0
fi

# the rule catches a file laid out otherwise
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sysabi-style.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cp .clang-format "$tmp/"
printf 'int f(void)\n{\n    return 0;\n}\n' >"$tmp/bad.c"
printf 'int f(void)\n{\n\treturn 0;\n}\n' >"$tmp/good.c"
if ! (cd "$tmp" && clang-format --dry-run --Werror bad.c) >/dev/null 2>&1 &&
	(cd "$tmp" && clang-format --dry-run --Werror good.c) >/dev/null 2>&1; then
	ok "the check tells a badly laid out file from a good one"
else
	fail "the check tells a badly laid out file from a good one"
fi

mapfile -t files < <(git ls-files 'abi/*.[ch]' 'checker/*.[ch]' 'common/*.[ch]' \
	'tests/*.[ch]' 2>/dev/null)
if [ ${#files[@]} -eq 0 ]; then
	mapfile -t files < <(find abi checker common tests -name '*.[ch]' | sort)
fi
bad=()
for f in "${files[@]}"; do
	clang-format --dry-run --Werror "$f" >/dev/null 2>&1 || bad+=("$f")
done
if [ ${#bad[@]} -eq 0 ]; then
	ok "${#files[@]} C files as .clang-format lays them out"
else
	fail "${#bad[@]} of ${#files[@]} C files not as .clang-format lays them out" \
		"(make format rewrites them): ${bad[*]}"
fi
echo "source: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
