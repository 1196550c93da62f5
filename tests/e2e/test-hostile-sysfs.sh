#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Recorded sysfs trees, ABI trees and modules directories made by someone else: links
# that point out of the root, device nodes where files belong, link farms, trees deeper
# than the limits. Nothing outside the root may be read or shown, every read is bounded,
# every limit met is said, and a deep tree is walked whatever RLIMIT_NOFILE is.
. tests/e2e/lib.sh

GEN=${BTF_GEN:-$PWD/${O:-build}/btf-gen}
if [ ! -x "$GEN" ]; then
	e2e_fail "btf-gen" "$GEN is missing: run 'make $GEN'"
	e2e_done
	exit 0
fi
T=$E2E_TMP
ABI="$PWD/tests/fixtures/audit/abi"
SECRET="sysabi-secret-$$-not-to-be-shown"
printf '%s\n' "$SECRET" >"$T/secret"
"$GEN" vmlinux "$T/vmlinux.btf" || exit 2
"$GEN" module "$T/vmlinux.btf" foo "$T/foo.btf" || exit 2

# root NAME: a sysfs with vmlinux's BTF and module foo, loaded, with its BTF
root() {
	local r=$T/$1
	mkdir -p "$r/kernel/btf" "$r/module/foo" "$r/devices" "$r/class" "$r/bus"
	install -m 0444 "$T/vmlinux.btf" "$r/kernel/btf/vmlinux"
	install -m 0444 "$T/foo.btf" "$r/kernel/btf/foo"
	echo live >"$r/module/foo/initstate"
	echo "$r"
}
no_secret() { ! grep -q "$SECRET" "$T/out" "$T/err"; }
has() { grep -q -- "$1" "$T/out"; }

# ---- module initstate: a link out of the root, /dev/zero, a device node ----

r=$(root state-out)
ln -sf "$T/secret" "$r/module/foo/initstate"
for fmt in text json; do
	e2e_run btf --sysfs-root "$r" --format $fmt
	e2e_check "initstate -> a file outside the root: not read ($fmt)" no_secret
	e2e_check "initstate -> a file outside the root: a finding ($fmt)" \
		has "btf-module-state-unreadable"
done
e2e_check "initstate -> outside: the finding says why" has "leaves its root"
e2e_run audit --abi "$ABI" --sysfs-root "$r" --format json
e2e_check "audit: initstate -> outside not read" no_secret

r=$(root state-zero)
ln -sf /dev/zero "$r/module/foo/initstate"
e2e_run btf --sysfs-root "$r" --format json
e2e_check "initstate -> /dev/zero: refused, a finding" has "btf-module-state-unreadable"
e2e_check "initstate -> /dev/zero: the run ends with findings, not a pass" \
	test "$rc" = 1

r=$(root state-dev)
rm "$r/module/foo/initstate"
mknod "$r/module/foo/initstate" c 1 5 2>/dev/null || mkfifo "$r/module/foo/initstate"
e2e_run btf --sysfs-root "$r"
e2e_check "initstate as a device node or FIFO: not read, a finding" \
	has "not a regular file"

r=$(root state-big)
head -c 100000 /dev/zero | tr '\0' 'l' >"$r/module/foo/initstate"
e2e_run btf --sysfs-root "$r"
e2e_check "an initstate of 100,000 bytes: refused as longer than any state" \
	has "longer than any state"

# ---- /sys/kernel/btf/vmlinux: a link out of the root ----

r=$(root btf-out)
ln -sf "$T/secret" "$r/kernel/btf/vmlinux"
e2e_run btf --sysfs-root "$r" --format json
e2e_check "vmlinux -> a file outside the root: not read" no_secret
e2e_check "vmlinux -> outside: btf-unreadable, leaves its root" \
	python3 -c "
import json, sys
d = json.load(open('$T/out'))
f = [f for f in d['findings'] if f['id'] == 'btf-unreadable']
sys.exit(not (f and 'leaves its root' in f[0]['message'] and not d['vmlinux']['size']))"
ln -sf ../../../secret "$r/kernel/btf/vmlinux"
e2e_run btf --sysfs-root "$r"
e2e_check "vmlinux -> ../../../outside: not read" has "leaves its root"

# a link that stays inside the root is still read
r=$(root btf-in)
mv "$r/kernel/btf/vmlinux" "$r/kernel/vmlinux.real"
ln -s ../vmlinux.real "$r/kernel/btf/vmlinux"
e2e_run btf --sysfs-root "$r"
e2e_check "vmlinux -> a file inside the root: read, valid" test "$rc" = 0

# ---- --modules-dir: a farm of links to "." ----

r=$(root modfarm)
m=$T/modules
mkdir -p "$m/kernel"
for i in 1 2 3 4; do ln -s . "$m/kernel/l$i"; done
ln -s / "$m/root-link"
# each directory is scanned once: 4^16 scans before, which the guard would stop
SYSABI="timeout 300 $SYSABI" e2e_run btf --sysfs-root "$r" --modules-dir "$m"
e2e_check "modules dir with four links to '.': the scan ends" test "$rc" != 124
e2e_check "modules dir with links: the module file is missing, said" \
	has "btf-module-file-missing"

# a 68-byte .ko.xz whose header asks for a 1 GiB dictionary: refused, not allocated
m=$T/modules-xz
mkdir -p "$m"
python3 -c "
import lzma
d = lzma.compress(b'\x7fELF' + b'x' * 100, format=lzma.FORMAT_XZ, check=lzma.CHECK_CRC32,
                  filters=[{'id': lzma.FILTER_LZMA2, 'dict_size': 1 << 30,
                            'mf': lzma.MF_HC3, 'mode': lzma.MODE_FAST}])
open('$m/foo.ko.xz', 'wb').write(d)"
e2e_run btf --sysfs-root "$r" --modules-dir "$m" --format json
e2e_check "a .ko.xz asking for a 1 GiB dictionary: refused as too large" python3 -c "
import json, sys
d = json.load(open('$T/out'))
f = [f for f in d['findings'] if f['id'] == 'elf-unreadable' and 'foo.ko.xz' in f['path']]
sys.exit(not (f and 'too large' in f[0]['message']))"

# ---- ABI trees: links and depth ----

a=$T/abi
mkdir -p "$a/stable" "$a/testing/$(printf 'd/%.0s' $(seq 17))"
cp "$ABI"/stable/* "$a/stable/"
printf 'What:\t\t/sys/deep\nDescription:\tdeep\n' >"$a/testing/$(printf 'd/%.0s' $(seq 17))sysfs-deep"
ln -s "$T/secret" "$a/testing/sysfs-secret"
ln -s /etc "$a/obsolete"
e2e_run validate --abi "$a"
e2e_check "ABI tree: a link to a file outside is not read" no_secret
e2e_check "ABI tree: the link is a diagnostic" \
	grep -q "testing/sysfs-secret.*symbolic link not followed" "$T/out"
e2e_check "ABI tree: a linked directory is not entered" \
	grep -q "obsolete.*symbolic link not followed" "$T/out"
e2e_check "ABI tree: a directory 17 levels deep is said, not dropped" \
	grep -q "more than 16 levels deep" "$T/out"
e2e_check "ABI tree: links and depth are errors (exit 1)" test "$rc" = 1

# the kernel version comes from a Makefile that is a regular file, never a link
k=$T/kernel
mkdir -p "$k/Documentation"
cp -R "$ABI" "$k/Documentation/ABI"
printf 'VERSION = 9\nPATCHLEVEL = 99\n' >"$T/host-makefile"
ln -s "$T/host-makefile" "$k/Makefile"
e2e_run validate --abi "$k/Documentation/ABI" --format json
e2e_check "a linked kernel Makefile is not read for the version" \
	bash -c "! grep -q '9\.99' '$T/out'"

# a checkout whose Documentation/ABI is a link to this host's files: never followed,
# whether found from the working directory or named to diff
k=$T/kernel-link
mkdir -p "$k/Documentation" "$T/host-abi/stable"
printf 'What:\t\t/sys/%s\nDescription:\thost\n' "$SECRET" >"$T/host-abi/stable/sysfs-host"
touch "$k/Makefile"
ln -s "$T/host-abi" "$k/Documentation/ABI"
(cd "$k" && $SYSABI validate >"$T/out" 2>"$T/err")
rc=$?
e2e_check "a kernel tree's Documentation/ABI as a link: refused, exit 2" test "$rc" = 2
e2e_check "a kernel tree's Documentation/ABI as a link: not read" no_secret
e2e_check "a kernel tree's Documentation/ABI as a link: said" \
	grep -q "symbolic link, not followed" "$T/err"
e2e_run diff "$k" "$k"
e2e_check "diff of a kernel tree whose Documentation/ABI is a link: refused" \
	bash -c "[ $rc = 2 ] && grep -q 'symbolic link, not followed' '$T/err'"
e2e_check "diff of a kernel tree whose Documentation/ABI is a link: not read" no_secret

# /sys/kernel/btf itself a link out of the root: an error, not "no BTF here"
r=$(root btf-dir-out)
rm -r "$r/kernel/btf"
ln -s "$T" "$r/kernel/btf"
e2e_run btf --sysfs-root "$r"
e2e_check "kernel/btf as a link out of the root: btf-unreadable, exit 1" \
	bash -c "[ $rc = 1 ] && grep -q 'btf-unreadable' '$T/out'"

# ---- a deep sysfs under a low RLIMIT_NOFILE ----

r=$(root deep)
d=$r/devices
for i in $(seq 60); do d=$d/l$i; done
mkdir -p "$d"
echo 1 >"$d/attr"
# shellcheck disable=SC2086 # $SYSABI may be "valgrind ... build/sysabi"
(ulimit -n 40 && $SYSABI audit --abi "$ABI" --sysfs-root "$r" --no-btf --format json \
	>"$T/out" 2>"$T/err")
e2e_check "60 levels deep with 40 descriptors: every node read" python3 -c "
import json, sys
d = json.load(open('$T/out'))
s = d['sysfs']
sys.exit(not (s['unreadable'] == 0 and s['files'] >= 3))"

e2e_done
