#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Make sure the build dependencies are there. Each argument is either
#   pc:NAME:PACKAGE     a pkg-config module and the Debian package that ships it
#   cmd:NAME:PACKAGE    a command and the Debian package that ships it
#   file:PATH:PACKAGE   a file and the Debian package that ships it; PATH must be
#                       absolute (a compiler's -print-file-name answers a bare name
#                       for a file it cannot find), and may be a glob, met by any
#                       file it matches (/usr/lib/postgresql/*/bin/initdb: the
#                       server's programs are in a directory per major version)
# Missing ones are installed with apt-get when running as root on Debian; otherwise one
# line per missing package names it, and the script fails.
set -u

missing=""
for spec in "$@"; do
	kind=${spec%%:*}
	rest=${spec#*:}
	name=${rest%%:*}
	pkg=${rest#*:}
	case $kind in
	pc) pkg-config --exists "$name" 2>/dev/null && continue ;;
	cmd) command -v "$name" >/dev/null 2>&1 && continue ;;
	file)
		# unquoted, for the glob; a pattern matching nothing stays as written
		case $name in /*) for f in $name; do [ -e "$f" ] && continue 2; done ;; esac ;;
	*) echo "deps.sh: bad argument '$spec'" >&2; exit 2 ;;
	esac
	case " $missing " in *" $pkg "*) ;; *) missing="$missing $pkg" ;; esac
done
[ -z "$missing" ] && exit 0

# Another apt-get or dpkg (unattended-upgrades, a second build) may hold dpkg's lock:
# wait for it, up to DEPS_LOCK_TIMEOUT seconds, rather than fail at once.
lock_timeout=${DEPS_LOCK_TIMEOUT:-600}

# Who holds dpkg's locks, for the message when waiting was not enough.
lock_holders() {
	for lock in /var/lib/dpkg/lock-frontend /var/lib/dpkg/lock /var/lib/apt/lists/lock; do
		[ -e "$lock" ] || continue
		# fuser (psmisc) where it is, else lslocks (util-linux, always there)
		if command -v fuser >/dev/null 2>&1; then
			pids=$(fuser "$lock" 2>/dev/null) || continue
		else
			pids=$(lslocks -n -o PID,PATH 2>/dev/null | awk -v l="$lock" '$2 == l { print $1 }')
		fi
		for pid in $pids; do
			echo "sysabi: $lock is held by process $pid ($(tr '\0' ' ' </proc/$pid/cmdline 2>/dev/null))" >&2
		done
	done
}

apt() {
	apt-get -o DPkg::Lock::Timeout="$lock_timeout" "$@"
}

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "installing build dependencies:$missing" >&2
	export DEBIAN_FRONTEND=noninteractive
	if ! apt install -y -qq --no-install-recommends $missing >/dev/null 2>&1; then
		apt update -qq >/dev/null 2>&1
		apt install -y -qq --no-install-recommends $missing >/dev/null || {
			echo "sysabi: cannot install:$missing" >&2
			lock_holders
			exit 1
		}
	fi
	exit 0
fi

for pkg in $missing; do
	echo "sysabi: missing build dependency, install it with: apt-get install $pkg" >&2
done
exit 1
