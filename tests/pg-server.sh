#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# A PostgreSQL server of its own for the tests of the fleet's history store
# (tests/unit/test-fleet-store.c), thrown away after them:
#
#   tests/pg-server.sh start DIR   a new cluster in DIR, started; prints its URI, for
#                                  SYSABI_TEST_PG
#   tests/pg-server.sh stop DIR    stops it and removes DIR
#
# DIR is a new or empty directory; mktemp -d makes a good one. The server listens on a
# unix socket in DIR and nowhere else (no TCP port to collide with another's), trusts
# whoever reaches that socket, which only DIR's owner can, and never syncs to disk.
# PostgreSQL refuses to run as root: run by root, the server runs as an unprivileged
# user, SYSABI_PG_USER, else postgres (which Debian's postgresql package makes), else
# nobody, and DIR becomes that user's; root reaches the socket still. The programs are
# found on PATH, else in the newest /usr/lib/postgresql/*/bin, where Debian keeps them.
# Fails, saying why on standard error, when no server can be started.
set -euo pipefail

die() {
	echo "pg-server.sh: $*" >&2
	exit 1
}

[ $# -eq 2 ] || die "usage: $0 start|stop DIR"
cmd=$1
dir=$2

bindir() {
	local d
	if command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then
		dirname "$(command -v pg_ctl)"
		return
	fi
	d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
	[ -n "$d" ] && [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] ||
		die "no initdb and pg_ctl, on PATH or in /usr/lib/postgresql/*/bin (Debian package postgresql)"
	echo "$d"
}

# as_server COMMAND...: run as the server's user
server_user=
as_server() {
	if [ -n "$server_user" ]; then
		# setpriv, not su or runuser: no PAM session, nothing asked
		setpriv --reuid="$server_user" --regid="$(id -g "$server_user")" \
			--clear-groups -- env HOME="$dir" "$@"
	else
		"$@"
	fi
}

pick_user() {
	local u
	[ "$(id -u)" = 0 ] || return 0
	for u in ${SYSABI_PG_USER:-} postgres nobody; do
		if id -u "$u" >/dev/null 2>&1 && [ "$(id -u "$u")" != 0 ]; then
			server_user=$u
			return 0
		fi
	done
	die "running as root, and no unprivileged user to run the server as (SYSABI_PG_USER)"
}

start() {
	local bin
	bin=$(bindir)
	mkdir -p "$dir"
	dir=$(cd "$dir" && pwd)
	# the path goes into postgresql.conf between quotes, and into a URI
	case $dir in *[!A-Za-z0-9_./-]*) die "$dir: a directory name of letters, digits and ._-/ only" ;; esac
	[ -z "$(ls -A "$dir")" ] || die "$dir: not empty"
	# a unix socket's path has room for 107 bytes, the socket's name included
	[ ${#dir} -le 80 ] || die "$dir: too long a path for the server's socket"
	pick_user
	if [ -n "$server_user" ]; then
		chown "$server_user:" "$dir"
		as_server test -w "$dir" ||
			die "$dir: $server_user, who runs the server, cannot write there (a parent directory closed to it?); use one below /tmp"
	fi
	chmod 0700 "$dir"
	cd "$dir"
	as_server "$bin/initdb" -D "$dir/data" -U sysabi --auth=trust --no-sync \
		--encoding=UTF8 --locale=C >"$dir/initdb.log" 2>&1 ||
		die "initdb failed: $(tail -n 5 "$dir/initdb.log")"
	cat >>"$dir/data/postgresql.conf" <<EOF
listen_addresses = ''
unix_socket_directories = '$dir'
unix_socket_permissions = 0700
port = 5432
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 20
shared_buffers = 16MB
EOF
	as_server "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
		>/dev/null 2>&1 || die "the server did not start: $(tail -n 5 "$dir/server.log")"
	echo "postgresql:///postgres?host=$dir&port=5432&user=sysabi"
}

stop() {
	local bin
	[ -d "$dir" ] || return 0
	dir=$(cd "$dir" && pwd)
	if [ -f "$dir/data/postmaster.pid" ]; then
		bin=$(bindir)
		# whoever it started as
		if [ "$(id -u)" = 0 ] && [ "$(stat -c %u "$dir/data")" != 0 ]; then
			server_user=$(stat -c %U "$dir/data")
		fi
		cd "$dir"
		if ! as_server "$bin/pg_ctl" -D "$dir/data" -m immediate -w -t 60 stop \
			>/dev/null 2>&1 &&
			as_server "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
			die "the server in $dir did not stop"
		fi
		cd /
	fi
	rm -rf "$dir"
}

case $cmd in
start) start ;;
stop) stop ;;
*) die "usage: $0 start|stop DIR" ;;
esac
