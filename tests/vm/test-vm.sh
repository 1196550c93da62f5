#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# make check-vm: Debian 12's 6.1 and 6.12 kernels booted under qemu (software
# emulation) on the same virtual machine with the same modules, each recording its own
# /sys with the sysabi binary itself (`sysabi snapshot`, build-aux/capture-kernel.sh with
# CAPTURE_SYSABI). Each snapshot is audited by its own kernel's documentation, checked
# against the committed capture of the same kernel, and the two are compared: what
# changed in the ABI between 6.1 and 6.12 on that hardware.
#
# Downloads are kept in $O/vm/cache. Without qemu, the packages or the documentation,
# it says why in one skip line and exits 0.
. tests/e2e/lib.sh

O=${O:-build}
BIN=${SYSABI_VM_BIN:-$PWD/$O/sysabi}
ABI_DOCS=${ABI_DOCS:-abi-docs}
VM=$O/vm
mkdir -p "$VM"
declare -A KERNEL=([6.1]=6.1.0-47-amd64 [6.12]=6.12.118+deb12-amd64)

for series in 6.1 6.12; do
	if [ ! -d "$ABI_DOCS/linux-$series/Documentation/ABI" ]; then
		e2e_skip "vm" "no $ABI_DOCS/linux-$series: make abi-docs ABI_KERNEL=$series"
		e2e_done
		exit 0
	fi
done
if ! command -v qemu-system-x86_64 >/dev/null && ! build-aux/deps.sh cmd:qemu-system-x86_64:qemu-system-x86 2>/dev/null; then
	e2e_skip "vm" "no qemu-system-x86_64 (Debian's qemu-system-x86), and it cannot be installed here"
	e2e_done
	exit 0
fi

for series in 6.1 6.12; do
	snap=$VM/linux-$series.tar.zst
	rm -f "$snap"
	start=$(date +%s)
	CAPTURE_CACHE=$PWD/$VM/cache CAPTURE_SYSABI=$BIN \
		build-aux/capture-kernel.sh "${KERNEL[$series]}" "$snap" >"$VM/capture-$series.log" 2>&1
	rc=$?
	echo "# vm: $series captured in $(($(date +%s) - start)) s (exit $rc)"
	if [ $rc != 0 ] && grep -q "cannot download" "$VM/capture-$series.log"; then
		e2e_skip "vm" "$(grep "cannot download" "$VM/capture-$series.log")"
		e2e_done
		exit 0
	fi
	e2e_check "$series: the guest's sysabi snapshot came out" test $rc = 0 -a -s "$snap"
	[ $rc = 0 ] || { tail -n 20 "$VM/capture-$series.log"; continue; }
	grep -E "^(init reached|modules of the|recording|qemu wall time|modules in)" "${snap%.tar.zst}.txt" |
		sed 's/^/# vm: /'
done

meta() { # SNAPSHOT EXPR
	tar --zstd -xOf "$1" sysabi-snapshot.json >"$E2E_TMP/meta.json" 2>/dev/null &&
		python3 -c "import json, sys; m = json.load(open('$E2E_TMP/meta.json')); sys.exit(0 if ($2) else 1)"
}

for series in 6.1 6.12; do
	snap=$VM/linux-$series.tar.zst
	[ -s "$snap" ] || continue
	rel=${KERNEL[$series]}
	abi=$ABI_DOCS/linux-$series/Documentation/ABI
	e2e_check "$series: tar --zstd reads it" bash -c "tar --zstd -tf '$snap' sysabi-snapshot.json >/dev/null"
	e2e_check "$series: the metadata says the guest's kernel, live" meta "$snap" \
		"m['kernel']['release'] == '$rel' and m['live'] and m['label'] == 'qemu $rel' and 'hostname' not in m"
	e2e_check "$series: the metadata says QEMU's machine" meta "$snap" "m['dmi'].get('sys_vendor') == 'QEMU'"
	e2e_check "$series: the loaded modules, more than 100" meta "$snap" \
		"len([x for x in m['modules'] if x['state'] == 'live']) > 100"

	# by its own kernel's documentation: the release the snapshot says matches it
	e2e_run audit --abi "$abi" --sysfs-root "$snap" --format json
	e2e_check "$series: audit by its own documentation (exit $rc)" test "$rc" -le 1
	e2e_check "$series: the documentation is its kernel's" python3 -c "
import json, sys
r = json.load(open('$E2E_TMP/out'))
c = [c for c in r['checks'] if c['name'] == 'documentation-version'][0]
sys.exit(0 if r['sysfs']['kernel_release'] == '$rel' and c['status'] == 'ok' else 1)"
	e2e_run btf --sysfs-root "$snap" --format json
	e2e_check "$series: btf of the snapshot passes, modules with BTF" python3 -c "
import json, sys
r = json.load(open('$E2E_TMP/out'))
sys.exit(0 if r['result'] == 'pass' and r['summary']['module_btf_files'] > 100 else 1)"

	# the committed capture of the same kernel, recorded by sysfs-record: the same ABI
	e2e_run compare --abi "$abi" "tests/captures/linux-$series-amd64.tar.xz" "$snap" --format json
	e2e_check "$series: against the committed capture: no break (exit $rc)" test "$rc" = 0
done

s61=$VM/linux-6.1.tar.zst
s612=$VM/linux-6.12.tar.zst
if [ -s "$s61" ] && [ -s "$s612" ]; then
	e2e_run compare --abi "$ABI_DOCS/linux-6.12/Documentation/ABI" "$s61" "$s612"
	cp "$E2E_TMP/out" "$VM/compare-6.1-6.12.txt"
	e2e_check "6.1 -> 6.12: no stable break (exit $rc)" test "$rc" = 0
	e2e_check "6.1 -> 6.12: both sides named, from their snapshots" \
		grep -q "^old: .* (sysabi-snapshot \"qemu 6.1.0-47-amd64\", Linux 6.1.0-47-amd64 x86_64, recorded" "$E2E_TMP/out"
	e2e_run compare --abi "$ABI_DOCS/linux-6.12/Documentation/ABI" "$s61" "$s612" --format json
	e2e_check "6.1 -> 6.12: what the captures showed (docs/qa.rst)" python3 -c "
import json, sys
r = json.load(open('$E2E_TMP/out'))
g = {(g['kind'], g['pattern']): g for g in r['groups']}
sys.exit(0 if g[('appeared-documented', '/sys/block/<disk>/partscan')]['old_count'] == 0
         and g[('appeared-undocumented', '/sys/kernel/slab/<*>/skip_kfence')]['new_count'] > 200
         and g[('vanished-undocumented', '/sys/bus/workqueue/devices/<*>/numa')]['new_count'] == 0
         else 1)"
	grep -E "^[a-z-]+ \(|^summary" "$VM/compare-6.1-6.12.txt" | sed 's/^/# vm: /'
fi

e2e_done
