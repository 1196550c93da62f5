#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Make sure the build dependencies are there. Each argument is either
#   pc:NAME:PACKAGE     a pkg-config module and the Debian package that ships it
#   cmd:NAME:PACKAGE    a command and the Debian package that ships it
#   file:PATH:PACKAGE   a file and the Debian package that ships it; PATH must be
#                       absolute (a compiler's -print-file-name answers a bare name
#                       for a file it cannot find)
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
	file) case $name in /*) [ -e "$name" ] && continue ;; esac ;;
	*) echo "deps.sh: bad argument '$spec'" >&2; exit 2 ;;
	esac
	case " $missing " in *" $pkg "*) ;; *) missing="$missing $pkg" ;; esac
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "installing build dependencies:$missing" >&2
	export DEBIAN_FRONTEND=noninteractive
	if ! apt-get install -y -qq --no-install-recommends $missing >/dev/null 2>&1; then
		apt-get update -qq >/dev/null 2>&1
		apt-get install -y -qq --no-install-recommends $missing >/dev/null || {
			echo "sysabi: cannot install:$missing" >&2
			exit 1
		}
	fi
	exit 0
fi

for pkg in $missing; do
	echo "sysabi: missing build dependency, install it with: apt-get install $pkg" >&2
done
exit 1
