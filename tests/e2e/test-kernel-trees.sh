#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The kernel's own documentation, 6.12 and 6.1 from Debian's linux-source packages
# (`make abi-docs`): the duplicates the kernel's checker knows of, an indented What line,
# the BTF entries. A tree that is not there is skipped, and says so.
. tests/e2e/lib.sh

ABI_DOCS=${ABI_DOCS:-abi-docs}

json() { # json EXPR: evaluate a Python expression over the last JSON output, as d
	python3 -c "import json,sys; d=json.load(open('$E2E_TMP/out')); print($1)"
}

for version in 6.12 6.1; do
	abi=$ABI_DOCS/linux-$version/Documentation/ABI
	if [ ! -d "$abi" ]; then
		e2e_skip "linux-$version" "no $abi (make abi-docs ABI_KERNEL=$version)"
		continue
	fi

	e2e_run validate --abi "$abi" --format json
	e2e_check "$version: validate runs (exit 0 or 1)" test "$rc" -le 1
	e2e_check "$version: kernel version read from the tree's Makefile" \
		test "$(json "d['abi']['kernel_version'].startswith('$version.')")" = True
	dups=$(json "'\n'.join(sorted(x['message'].split(\"'\")[1] for x in d['diagnostics'] if x['kind'] == 'what-duplicate'))")
	for what in /sys/devices/system/cpu/cpuX/topology/physical_package_id \
		    /sys/devices/system/cpu/cpuX/topology/ppin; do
		e2e_check "$version: duplicate $what" grep -qxF "$what" <<<"$dups"
	done
	e2e_check "$version: every duplicate lists both places" \
		test "$(json "all(len(x['related']) >= 2 for x in d['diagnostics'] if x['kind'] == 'what-duplicate')")" = True
	e2e_check "$version: the counts add up" \
		test "$(json "sum(l['whats'] for l in d['summary']['levels'].values()) == d['summary']['whats']")" = True

	e2e_run match --abi "$abi" /sys/devices/system/cpu/offline
	e2e_check "$version: match finds cpu/offline (an indented What line)" \
		grep -q "testing/sysfs-devices-system-cpu:13" "$E2E_TMP/out"
	e2e_check "$version: match exits 0 when documented" test "$rc" = 0

	# cache/index*/<set_of_attributes_mentioned_below> documents the names its
	# Description lists, not any name: a new cache attribute is undocumented
	cache=/sys/devices/system/cpu/cpu0/cache/index0
	e2e_run match --abi "$abi" --format json $cache/ways_of_associativity \
		$cache/shared_cpu_map $cache/not_listed_attribute
	e2e_check "$version: a listed cache attribute matches the listing placeholder" \
		test "$(json "[p['class'] for p in d['paths']]")" = \
		"['documented', 'documented', 'undocumented']"
	e2e_check "$version: the placeholder reads <listed>" \
		test "$(json "d['paths'][0]['matches'][0]['pattern'].endswith('/<listed>')")" = True

	e2e_run search --abi "$abi" --format json btf
	e2e_check "$version: search btf finds the three /sys/kernel/btf entries" \
		test "$(json "sorted(w for e in d['entries'] for w in e['whats'])")" = \
		"['/sys/kernel/btf', '/sys/kernel/btf/<module-name>', '/sys/kernel/btf/vmlinux']"
done

e2e_done
