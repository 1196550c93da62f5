# SPDX-License-Identifier: GPL-2.0-or-later
#
# What the fleet's tests share, sourced after lib.sh with $T and $FIX set.

# snap NAME HOST KERNEL DATE [SYS]: in $T/in, a snapshot of SYS (by default the audit
# fixture's sysfs) as HOST running KERNEL recorded it on DATE
snap() {
	local name=$1 host=$2 kernel=$3 date=$4 sys=${5:-$FIX/audit/sys} d=$T/make/$1
	mkdir -p "$d" "$T/in"
	cp -a "$sys" "$d/sys"
	printf '{"format":"sysabi-snapshot","format_version":1,"date":"%s","hostname":"%s","kernel":{"release":"%s","machine":"x86_64"}}\n' \
		"$date" "$host" "$kernel" >"$d/sysabi-snapshot.json"
	tar -czf "$T/in/$name" -C "$d" sysabi-snapshot.json sys
}
