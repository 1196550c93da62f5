#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# sysabi diff on input meant to hurt: two trees with nothing in common; revisions of a
# git repository built here with symbolic links out of the tree, blobs and listings
# over the limits; a signal while git runs.
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

# zero_blob SIZE: store a blob of SIZE zero bytes (whole MiB) and print its id; a loose
# object deflated a MiB at a time, each MiB after a full flush the same bytes, so a
# 2 GiB blob takes 0.2 s here where `git add` of a sparse file takes 20 s
zero_blob() {
	python3 - "$(git -C "$repo" rev-parse --absolute-git-dir)" "$1" <<'EOF'
import hashlib, os, sys, zlib

git_dir, size = sys.argv[1], int(sys.argv[2])
mib = 1 << 20
head = b"blob %d\0" % size
z = zlib.compressobj(1)
first = z.compress(head) + z.flush(zlib.Z_FULL_FLUSH)
block = z.compress(bytes(mib)) + z.flush(zlib.Z_FULL_FLUSH)
tail = z.flush(zlib.Z_FINISH)
sha, s1, s2 = hashlib.sha1(head), 1, 0
for c in head:
    s1 = (s1 + c) % 65521
    s2 = (s2 + s1) % 65521
s2 = (s2 + size * s1) % 65521  # Adler-32 over SIZE more zeros
zeros = bytes(mib)
# the SHA-1 has no such shortcut: known for the sizes used, else computed
known = {2 << 30: "77e9132b46cb9535f286f18974872f40049d1a89"}
if size in known:
    oid = known[size]
else:
    for _ in range(size // mib):
        sha.update(zeros)
    oid = sha.hexdigest()
os.makedirs(os.path.join(git_dir, "objects", oid[:2]), exist_ok=True)
with open(os.path.join(git_dir, "objects", oid[:2], oid[2:]), "wb") as f:
    f.write(first)
    for _ in range(size // mib):
        f.write(block)
    f.write(tail[:-4] + ((s2 << 16) | s1).to_bytes(4, "big"))
print(oid)
EOF
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

branch big
git_in update-index --add --cacheinfo "100644,$(zero_blob $((2 << 30))),$abi/testing/sysfs-zero"
git_in commit -q -m "a blob of 2 GiB"

branch total
zero=$(zero_blob $((60 << 20)))
for i in 1 2 3 4 5 6 7 8 9; do
	git_in update-index --add --cacheinfo "100644,$zero,$abi/testing/sysfs-zero-$i"
done
git_in commit -q -m "nine blobs of 60 MiB, one object"

branch many
empty=$(git -C "$repo" hash-object -w --stdin </dev/null)
for ((i = 0; i < 20000; i++)); do
	printf '100644 %s\t%s/testing/many/sysfs-%05d\n' "$empty" "$abi" "$i"
done | git_in update-index --add --index-info
git_in commit -q -m "20000 files in one more directory"

branch long
long=$abi/testing
for i in 1 2 3 4 5; do
	long=$long/$(printf "%0250d" "$i")
done
printf '100644 %s\t%s\n' "$empty" "$long" | git_in update-index --add --index-info
git_in commit -q -m "a path of ${#long} bytes"

# run_rev REV: diff --git master REV, with a TMPDIR of its own; what a revision may
# write there is bounded, so that a binary that writes all of a big blob fails
tmpdir=$E2E_TMP/tmp
mkdir -p "$tmpdir"
run_rev() {
	(ulimit -f $((128 << 10)); TMPDIR=$tmpdir e2e_run diff --git "$repo" master "$1" \
		--format json; echo "$rc" >"$E2E_TMP/rc")
	rc=$(cat "$E2E_TMP/rc")
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

# ---- blobs and listings over the limits: refused before anything is written ----

run_rev big
e2e_check "a blob of 2 GiB: refused, exit 2" test "$rc:$(cat "$E2E_TMP/err")" = \
	"2:sysabi: diff: big:$abi/testing/sysfs-zero: blob of 2147483648 bytes is over the limit of 67108864"
e2e_check "a blob of 2 GiB: no temporary directory left" no_tmp
run_rev total
e2e_check "540 MiB in all: refused, exit 2" test "$rc:$(cat "$E2E_TMP/err")" = \
	"2:sysabi: diff: total: Documentation/ABI and Makefile hold more than 536870912 bytes, over the limit"
e2e_check "540 MiB in all: no temporary directory left" no_tmp
run_rev many
e2e_check "20000 files and one more directory: refused, exit 2" test "$rc:$(cat "$E2E_TMP/err")" = \
	"2:sysabi: diff: many: Documentation/ABI has more than 20000 files, directories and links, over the limit"
e2e_check "20000 files and one more directory: no temporary directory left" no_tmp
run_rev long
e2e_check "a path of ${#long} bytes: refused, exit 2" test "$rc:$(cat "$E2E_TMP/err")" = \
	"2:sysabi: diff: long:${long:0:64}...: path over the limit of 1024 bytes"
e2e_check "a path of ${#long} bytes: no temporary directory left" no_tmp

# ---- a signal while git runs: git ends, the temporary directory goes ----

# a git that takes its time over the revision's files, then is itself
slow=$E2E_TMP/slow-git
mkdir -p "$slow"
cat >"$slow/git" <<'EOF'
#!/bin/bash
case " $* " in
*" cat-file "* | *" archive "*)
	echo $$ >"$SLOW_GIT_STARTED"
	sleep 60
	;;
esac
exec "$REAL_GIT" "$@"
EOF
chmod +x "$slow/git"

# alive PID: PID runs (a zombie has ended)
alive() {
	local state
	state=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1)
	test -n "$state" && test "$state" != Z
}

# none_alive PID...: there are PIDs, and none runs
none_alive() {
	local k
	[ $# -gt 0 ] || return 1
	for k; do
		! alive "$k" || return 1
	done
}

# interrupt SIGNAL STATUS: diff --git stopped by SIGNAL while git is slow
interrupt() {
	local sig=$1 status=$2 pid kids="" k n
	rm -f "$E2E_TMP/started"
	# with job control, a job in the background keeps SIGINT: it is not ignored
	[ "$sig" != INT ] || set -m
	# shellcheck disable=SC2086 # $SYSABI may be "valgrind ... build/sysabi"
	TMPDIR=$tmpdir PATH=$slow:$PATH REAL_GIT=$(command -v git) \
		SLOW_GIT_STARTED=$E2E_TMP/started \
		$SYSABI diff --git "$repo" master file-links >"$E2E_TMP/out" 2>"$E2E_TMP/err" &
	pid=$!
	set +m
	for ((n = 0; n < 600; n++)); do
		[ -s "$E2E_TMP/started" ] && break
		sleep 0.1
	done
	e2e_check "$sig while git runs: git started, into a temporary directory" \
		test -s "$E2E_TMP/started" -a -n "$(ls -A "$tmpdir")"
	# sysabi's children, and theirs
	for k in $(pgrep -P "$pid"); do
		kids="$kids $k $(pgrep -P "$k" | tr '\n' ' ')"
	done
	kill "-$sig" "$pid"
	wait "$pid"
	rc=$?
	e2e_check "$sig while git runs: sysabi dies of it" test "$rc" = "$status"
	e2e_check "$sig while git runs: no temporary directory left" no_tmp
	# shellcheck disable=SC2086 # a list of pids
	for ((n = 0; n < 50; n++)); do
		none_alive $kids && break
		sleep 0.1
	done
	# shellcheck disable=SC2086
	e2e_check "$sig while git runs: no child left" none_alive $kids
	for k in $kids; do
		alive "$k" && kill -KILL "$k"
	done
	rm -rf "${tmpdir:?}"/*
}
interrupt TERM 143
interrupt INT 130

e2e_done
