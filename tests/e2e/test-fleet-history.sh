#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# sysabi fleet --db: the history of runs, the same suite against SQLite and against a
# real PostgreSQL server (tests/pg-server.sh starts one on a private socket, when the
# postgresql package is installed; `make check` has it). Three runs over snapshots made
# here: what is new since the run before, what that run had that this one has not, the
# trend; a snapshot stored by an earlier run is not stored again; and a store that is
# locked, corrupt, newer than sysabi, a directory or a link gives one line, exit 2, and
# is left as it was, as is a store whose run was interrupted by a signal.
. tests/e2e/lib.sh

T=$E2E_TMP
FIX=${SYSABI_FIXTURES:-tests/fixtures}

. tests/e2e/fleet-lib.sh

mkdir -p "$T/in" "$T/make"
cp -r "$FIX/audit/abi" "$T/abi"
snap a1.tar.gz alpha 6.1.0 2026-01-05T10:00:00Z
cp -a "$FIX/audit/sys" "$T/make/sys-next"
echo 1 >"$T/make/sys-next/kernel/brand_new"
rm "$T/make/sys-next/kernel/gone"
snap a2.tar.gz alpha 6.12.0 2026-02-05T10:00:00Z "$T/make/sys-next"
snap b1.tar.gz beta 6.12.0 2026-02-06T10:00:00Z
# this machine's /sys: an input that takes long enough to be interrupted
$SYSABI snapshot -o "$T/in/live.tar.zst" 2>/dev/null

# run STORE ARGS...: sysabi fleet --db STORE --format json in $T
run() {
	local store=$1
	shift
	# shellcheck disable=SC2086 # $SYSABI may carry a valgrind prefix
	(cd "$T" && $SYSABI fleet --abi abi --db "$store" --format json "$@") \
		>"$T/out" 2>"$T/err"
	rc=$?
	[ "$rc" -le 1 ] && [ -s "$T/out" ] && cp "$T/out" "$E2E_JSON/$(ls "$E2E_JSON" | wc -l).json"
	return 0
}
json() { python3 -c "import json, sys; d = json.load(open(sys.argv[1])); print($1)" "$T/out"; }

# suite NAME STORE: the three runs and the bad stores, against one backend
suite() {
	local name=$1 store=$2
	run "$store" in/a1.tar.gz in/b1.tar.gz
	e2e_check "$name: a first run, stored (exit 1: findings)" \
		test "$rc:$(json "[d['history'][k] for k in ('run', 'previous_run', 'stored', 'already_stored')]")" = \
		"1:[1, None, 2, 0]"
	e2e_check "$name: on a first run, every group is new" \
		test "$(json "all(g['new'] for g in d['groups']) and d['summary']['new_groups'] == len(d['groups'])")" = True
	e2e_check "$name: the backend and schema said" \
		test "$(json "[d['history']['backend'], d['history']['schema_version']]")" = "['$name', 1]"

	run "$store" in/a1.tar.gz in/a2.tar.gz in/b1.tar.gz
	e2e_check "$name: a second run: two snapshots stored before, one new" \
		test "$(json "[d['history'][k] for k in ('run', 'previous_run', 'stored', 'already_stored')]")" = \
		"[2, 1, 1, 2]"
	e2e_check "$name: the group alpha's new kernel brought is the one new group" \
		test "$(json "[g['pattern'] for g in d['groups'] if g['new']]")" = "['/sys/kernel/brand_new']"
	e2e_check "$name: nothing the first run had is gone" test "$(json "d['fixed']")" = "[]"
	e2e_check "$name: first seen, from the first run" \
		test "$(json "[g['first_seen'] for g in d['groups'] if g['pattern'] == '/sys/kernel/gone']")" = \
		"['2026-01-05T10:00:00Z']"

	run "$store" in/a2.tar.gz
	e2e_check "$name: a third run: the removed file the second had is fixed" \
		test "$(json "[(g['class'], g['pattern']) for g in d['fixed']]")" = "[('removed', '/sys/kernel/gone')]"
	e2e_check "$name: the trend, a point a run" \
		test "$(json "[(t['run'], t['snapshots'], t['undocumented_groups']) for t in d['history']['trend']]")" = \
		"[(1, 2, 7), (2, 3, 8), (3, 1, 8)]"

	# a run interrupted by a signal stores nothing: a hundred audits of this machine's
	# /sys, one at a time, take seconds; the signal comes while the first runs
	local many=()
	for _ in $(seq 100); do many+=(in/live.tar.zst); done
	# shellcheck disable=SC2086
	(cd "$T" && exec $SYSABI fleet --abi abi --db "$store" -j 1 "${many[@]}") \
		>"$T/out" 2>"$T/err" &
	local pid=$!
	# once a worker runs, the run is under way (under valgrind, seconds after start)
	for _ in $(seq 600); do
		pgrep -P "$pid" >/dev/null && break
		sleep 0.1
	done
	kill -INT "$pid"
	wait "$pid"
	rc=$?
	e2e_check "$name: interrupted: exit 2, one line" \
		test "$rc:$(cat "$T/err")" = "2:sysabi: fleet: interrupted by signal 2; nothing written, nothing stored"
	run "$store" in/b1.tar.gz
	# (a PostgreSQL sequence is not rolled back: the run's number may skip one)
	e2e_check "$name: after the interrupted run, the one before is the third" \
		test "$(json "[d['history']['run'] > 3, d['history']['previous_run']]")" = "[True, 3]"
}

# ---- SQLite ----
suite sqlite history.sqlite

# a store another process writes to: locked, one line, exit 2, nothing lost
python3 - "$T/history.sqlite" "$T/locked" <<'PY' &
import sqlite3, sys, time, os
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN EXCLUSIVE")
open(sys.argv[2], "w").close()
time.sleep(30)
PY
locker=$!
for _ in $(seq 100); do [ -e "$T/locked" ] && break; sleep 0.1; done
cp "$T/history.sqlite" "$T/before.sqlite"
run history.sqlite in/b1.tar.gz
kill "$locker" 2>/dev/null
wait "$locker" 2>/dev/null
e2e_check "sqlite: a locked store: exit 2" test "$rc" = 2
e2e_check "sqlite: a locked store: says so" grep -q "history.sqlite: .*locked" "$T/err"
e2e_check "sqlite: a locked store: left as it was" cmp -s "$T/history.sqlite" "$T/before.sqlite"

head -c 8192 /dev/urandom >"$T/corrupt.sqlite"
cp "$T/corrupt.sqlite" "$T/corrupt.before"
run corrupt.sqlite in/b1.tar.gz
e2e_check "sqlite: a file that is no database: exit 2, one line" \
	test "$rc:$(wc -l <"$T/err")" = "2:1"
e2e_check "sqlite: a file that is no database: left as it was" cmp -s "$T/corrupt.sqlite" "$T/corrupt.before"

python3 -c 'import sqlite3, sys; db = sqlite3.connect(sys.argv[1]); db.execute("create table notes (x)"); db.commit()' "$T/other.sqlite"
run other.sqlite in/b1.tar.gz
e2e_check "sqlite: another program's database: exit 2" test "$rc" = 2
e2e_check "sqlite: another program's database: says it is none of sysabi's" \
	grep -qi "not a sysabi" "$T/err"

mkdir -p "$T/dir.sqlite"
run dir.sqlite in/b1.tar.gz
e2e_check "sqlite: a directory: exit 2, one line" test "$rc:$(wc -l <"$T/err")" = "2:1"
ln -s history.sqlite "$T/link.sqlite"
run link.sqlite in/b1.tar.gz
e2e_check "sqlite: a symbolic link: refused, exit 2" test "$rc" = 2

# ---- PostgreSQL: a server of its own, on a private socket ----
# libpq and SQLite are loaded for a store of theirs only (checker/ext/dl-lib.h): the
# binary does not need them, nor what they bring, to start
bin=${SYSABI##* }
if command -v readelf >/dev/null; then
	e2e_check "libpq and SQLite: not linked, loaded when a store is theirs" \
		bash -c "! readelf -d '$bin' | grep -q 'NEEDED.*\(libpq\|libsqlite3\)'"
fi

# (in /tmp: the server runs as another user when the tests run as root, and must
# reach its directory)
pgdir=$(mktemp -d /tmp/sysabi-pg.XXXXXX)
if pg=$(tests/pg-server.sh start "$pgdir" 2>"$T/pg.err"); then
	trap 'tests/pg-server.sh stop "$pgdir"; rm -rf "$E2E_TMP"' EXIT
	suite postgresql "$pg"
	run "postgresql:///nosuchdb?host=$T/nosuchsocket" in/b1.tar.gz
	e2e_check "postgresql: no server: exit 2, one line" test "$rc:$(wc -l <"$T/err")" = "2:1"
else
	rm -rf "$pgdir"
	e2e_skip "postgresql" "no server: $(tail -n 1 "$T/pg.err")"
fi

e2e_done
