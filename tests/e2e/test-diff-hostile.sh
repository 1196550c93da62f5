#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# sysabi diff on input meant to hurt: two trees with nothing in common; revisions of a
# git repository built here with symbolic links out of the tree.
. tests/e2e/lib.sh

abi=Documentation/ABI

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

if ! command -v git >/dev/null; then
	e2e_skip "diff --git on hostile revisions" "git is not installed"
	e2e_done
	exit 0
fi

# ---- the repository: master is a good tree, each other branch one attack on it ----

repo=$E2E_TMP/linux
host=$E2E_TMP/host
git_in() {
	GIT_AUTHOR_NAME=Tester GIT_AUTHOR_EMAIL=tester@example.org \
	GIT_COMMITTER_NAME=Tester GIT_COMMITTER_EMAIL=tester@example.org \
	GIT_AUTHOR_DATE='2024-01-01T00:00:00Z' GIT_COMMITTER_DATE='2024-01-01T00:00:00Z' \
		git -C "$repo" -c init.defaultBranch=master -c commit.gpgsign=false "$@" >/dev/null
}
# branch NAME: a new branch NAME from master, checked out
branch() {
	git_in checkout -q -b "$1" master
}
commit() {
	git_in add -A
	git_in commit -q -m "$1"
}

mkdir -p "$repo" "$host/dir"
git_in init -q
cp -r tests/fixtures/diff/good/old/. "$repo/"
commit "document the widget"
# what the host has that a revision must not reach
entry /sys/host/secret >"$host/sysfs-host"
printf 'VERSION = 9\nPATCHLEVEL = 99\nSUBLEVEL = 0\nEXTRAVERSION =\n' >"$host/Makefile"
export SYSABI_TEST_SECRET=hunter2

branch abi-link
git_in rm -q -r "$abi"
mkdir -p "$repo/Documentation"
ln -s "$PWD/tests/fixtures/diff/good/new/$abi" "$repo/$abi"
commit "Documentation/ABI: the host's"

branch abi-file
git_in rm -q -r "$abi"
mkdir -p "$repo/Documentation"
echo "not a directory" >"$repo/$abi"
commit "Documentation/ABI: a file"

branch file-links
ln -s /etc/passwd "$repo/$abi/testing/sysfs-passwd"
ln -s /proc/self/environ "$repo/$abi/testing/sysfs-environ"
ln -s "$host/sysfs-host" "$repo/$abi/testing/sysfs-host"
ln -s "$host/dir" "$repo/$abi/testing/host-dir"
ln -s sysfs-class-widget "$repo/$abi/testing/sysfs-class-widget-again"
commit "links out of the tree, and one in it"

branch makefile-link
rm "$repo/Makefile"
ln -s "$host/Makefile" "$repo/Makefile"
commit "Makefile: the host's"

# run_rev REV: diff --git master REV, with a TMPDIR of its own
tmpdir=$E2E_TMP/tmp
mkdir -p "$tmpdir"
run_rev() {
	TMPDIR=$tmpdir e2e_run diff --git "$repo" master "$1" --format json
}
json() {
	python3 -c "import json,sys; d=json.load(open('$E2E_TMP/out')); print($1)"
}
no_tmp() {
	test -z "$(ls -A "$tmpdir")"
}
# lacks REGEX FILE: no line of FILE matches REGEX
lacks() {
	! grep -qE "$1" "$2"
}

# ---- symbolic links in a revision are never followed ----

run_rev abi-link
e2e_check "Documentation/ABI a link: one line, exit 2" test "$rc:$(cat "$E2E_TMP/err")" = \
	"2:sysabi: diff: abi-link: Documentation/ABI is a symbolic link in the revision"
e2e_check "Documentation/ABI a link: no temporary directory left" no_tmp
run_rev abi-file
e2e_check "Documentation/ABI a file: one line, exit 2" test "$rc:$(cat "$E2E_TMP/err")" = \
	"2:sysabi: diff: abi-file: Documentation/ABI is not a directory in the revision"
e2e_check "Documentation/ABI a file: no temporary directory left" no_tmp

run_rev file-links
e2e_check "links below Documentation/ABI: nothing changed, exit 0" test "$rc" = 0
e2e_check "links below Documentation/ABI: no change, no new diagnostic" \
	test "$(json "[len(d['changes']), len(d['new_diagnostics'])]")" = "[0, 0]"
e2e_check "links below Documentation/ABI: nothing of the host's files" \
	lacks "host|secret|hunter2|root:|passwd|environ" "$E2E_TMP/out"
e2e_check "links below Documentation/ABI: each said on stderr, in the order of git" \
	diff -u - "$E2E_TMP/err" <<EOF
sysabi: diff: file-links:$abi/testing/host-dir: symbolic link in the revision, not followed
sysabi: diff: file-links:$abi/testing/sysfs-class-widget-again: symbolic link in the revision, not followed
sysabi: diff: file-links:$abi/testing/sysfs-environ: symbolic link in the revision, not followed
sysabi: diff: file-links:$abi/testing/sysfs-host: symbolic link in the revision, not followed
sysabi: diff: file-links:$abi/testing/sysfs-passwd: symbolic link in the revision, not followed
EOF
e2e_check "links below Documentation/ABI: no temporary directory left" no_tmp

run_rev makefile-link
e2e_check "Makefile a link: the rest compared, exit 0" test "$rc" = 0
e2e_check "Makefile a link: no kernel version from the host's" \
	test "$(json "[d['old']['kernel_version'], d['new']['kernel_version']]")" = "['6.2.0', None]"
e2e_check "Makefile a link: said on stderr" test "$(cat "$E2E_TMP/err")" = \
	"sysabi: diff: makefile-link:Makefile: symbolic link in the revision, not followed: no kernel version"

e2e_done
