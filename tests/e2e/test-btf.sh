#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# sysabi btf on sysfs trees built here: BTF written by btf-gen with libbpf, copies of it
# damaged on purpose (each damage its own finding), module BTF against the loaded
# modules, ELF images (.ko, .ko.xz, .ko.gz, .ko.zst, a vmlinux) made with cc and objcopy
# that match and that do not; then the live /sys, its counts by kind against bpftool's.
# Output compared with expected files a person has read.
. tests/e2e/lib.sh

GEN=${BTF_GEN:-$PWD/${O:-build}/btf-gen}
E2E_EXPECTED=$PWD/$E2E_EXPECTED
if [ ! -x "$GEN" ]; then
	e2e_fail "btf-gen" "$GEN is missing: run 'make $GEN'"
	e2e_done
	exit 0
fi
# relative paths below, so that the reports do not depend on where the test runs
cd "$E2E_TMP" || exit 2

json() { python3 -c "import json,sys; d=json.load(open('$E2E_TMP/out')); print($1)"; }
ids() { json "' '.join(f['id'] for f in d['findings'])"; }
not() { ! "$@"; }

# ---- the BTF files, and helpers to lay out trees and damage files ----

"$GEN" vmlinux vmlinux.btf || exit 2
"$GEN" vmlinux vmlinux-other.btf 1 || exit 2
for m in foo bar baz snd_dummy ghost; do
	"$GEN" module vmlinux.btf $m $m.btf || exit 2
done
"$GEN" standalone lone lone.btf || exit 2

# tree DIR: a sysfs with vmlinux's BTF and no module
tree() { mkdir -p "$1/kernel/btf" "$1/module" && install -m 0444 vmlinux.btf "$1/kernel/btf/vmlinux"; }
# loaded DIR NAME [STATE]: a loadable module (built-in ones have no initstate)
loaded() { mkdir -p "$1/module/$2" && echo "${3:-live}" >"$1/module/$2/initstate"; }
# with_btf DIR NAME FILE: NAME's file in /sys/kernel/btf
with_btf() { install -m 0444 "$3" "$1/kernel/btf/$2"; }
# le32 N: N as four little-endian bytes in hex, the byte order of this machine's BTF
le32() { printf '%02x %02x %02x %02x' $(($1 & 255)) $(($1 >> 8 & 255)) $(($1 >> 16 & 255)) $(($1 >> 24 & 255)); }
# poke_at OFFSET HEX... FILE: overwrite bytes of FILE at OFFSET
poke_at() {
	local off=$1 f=${!#} esc
	esc=$(printf '\\x%s' "${@:2:$#-2}")
	chmod u+w "$f"
	# shellcheck disable=SC2059 # the format is the bytes
	printf "$esc" | dd of="$f" bs=1 seek="$off" conv=notrunc status=none
	chmod 0444 "$f"
}
# cut_at SIZE FILE, append_zeros FILE
cut_at() { chmod u+w "$2" && truncate -s "$1" "$2" && chmod 0444 "$2"; }
append_zeros() { chmod u+w "$1" && printf '\0\0\0\0' >>"$1" && chmod 0444 "$1"; }

# ---- a good tree ----

tree sys-good
loaded sys-good foo
loaded sys-good bar
mkdir -p sys-good/module/ext4/parameters # built in: no initstate, no BTF file
with_btf sys-good foo foo.btf
with_btf sys-good bar bar.btf
e2e_expect btf-good.txt 0 btf --sysfs-root sys-good
e2e_expect btf-good.json 0 btf --sysfs-root sys-good --format json

# ---- damaged vmlinux BTF: one tree each, one finding each ----

# the generated vmlinux: header 24 bytes, types 0..404, strings 404..570, 594 bytes in all
damaged() {
	local name=$1 expect=$2
	shift 2
	rm -rf sys-$name && tree sys-$name && "$@" sys-$name/kernel/btf/vmlinux
	e2e_run btf --sysfs-root sys-$name --format json
	e2e_check "$name: exit 1" test "$rc" = 1
	e2e_check "$name: $expect" test "$(ids)" = "$expect"
	e2e_check "$name: nothing on stderr" test ! -s "$E2E_TMP/err"
}
damaged truncated btf-truncated cut_at 300
damaged truncated-header btf-truncated cut_at 10
damaged bad-magic btf-bad-magic poke_at 0 ba ad
damaged version-2 btf-bad-version poke_at 2 02
damaged flags-set btf-flags-set poke_at 3 01
damaged section-past-end btf-section-out-of-bounds poke_at 16 $(le32 4500)
damaged unterminated-strings btf-strings-unterminated poke_at 593 41
# the PTR [5] at offset 84 of the types: its target, 24 + 84 + 8 into the file
damaged bad-type-ref btf-type-graph-invalid poke_at 116 $(le32 999)
damaged trailing-bytes btf-size-mismatch append_zeros

e2e_expect btf-truncated.txt 1 btf --sysfs-root sys-truncated
e2e_check "truncated: says how short" \
	grep -q "the file has 300 bytes, its header describes 594" "$E2E_TMP/out"

# ---- module BTF against the loaded modules ----

tree sys-mods
loaded sys-mods foo
with_btf sys-mods foo foo.btf
loaded sys-mods bar # live, no BTF file while foo has one
with_btf sys-mods ghost ghost.btf # no such module
loaded sys-mods lone
with_btf sys-mods lone lone.btf # standalone BTF
loaded sys-mods baz going
with_btf sys-mods baz baz.btf
e2e_expect btf-modules.txt 1 btf --sysfs-root sys-mods
e2e_run btf --sysfs-root sys-mods --format json
e2e_check "modules: each finding" test "$(ids)" = \
	"btf-module-missing btf-module-not-live btf-module-orphan btf-module-not-split"

# an empty initstate (a recording that lost it): the module is loaded, its state unknown,
# said as info, whether it has BTF (foo) or not while others have (bar, a newline only)
rm -rf sys-empty-state && tree sys-empty-state && loaded sys-empty-state foo
: >sys-empty-state/module/foo/initstate
with_btf sys-empty-state foo foo.btf
loaded sys-empty-state bar && echo >sys-empty-state/module/bar/initstate
e2e_run btf --sysfs-root sys-empty-state --format json
e2e_check "empty initstate: info only, exit 0" test "$rc" = 0
e2e_check "empty initstate: the state is unknown, null, for each module" \
	test "$(json "[(m['name'], m['state'], m['live']) for m in d['modules']]")" = \
	"[('bar', None, False), ('foo', None, False)]"
e2e_check "empty initstate: one finding each, state unknown, info" \
	test "$(json "[(f['id'], f['severity'], f['path'], f['message']) for f in d['findings']]")" = \
	"[('btf-module-state-unknown', 'info', '/sys/kernel/btf/bar', \"module 'bar': state unknown (/sys/module/bar/initstate is empty)\"), ('btf-module-state-unknown', 'info', '/sys/kernel/btf/foo', \"module 'foo': state unknown (/sys/module/foo/initstate is empty)\")]"
e2e_run btf --sysfs-root sys-empty-state
e2e_check "empty initstate: text shows the state as unknown, '-'" \
	grep -qE '^  foo +- +132 ' "$E2E_TMP/out"
e2e_check "empty initstate: never 'is , not live'" not grep -q 'is , not live' "$E2E_TMP/out"

rm -rf sys-missing && tree sys-missing && loaded sys-missing foo && loaded sys-missing bar
with_btf sys-missing foo foo.btf
e2e_run btf --sysfs-root sys-missing
e2e_check "a live module without BTF: a warning, exit 0" test "$rc" = 0
e2e_check "a live module without BTF: named" grep -q "\[btf-module-missing\]" "$E2E_TMP/out"
e2e_run btf --sysfs-root sys-missing --werror
e2e_check "--werror: the warning fails (exit 1)" test "$rc" = 1

mkdir -p sys-no-base/kernel/btf sys-no-base/module
loaded sys-no-base foo
with_btf sys-no-base foo foo.btf
e2e_run btf --sysfs-root sys-no-base --format json
e2e_check "no vmlinux: exit 1" test "$rc" = 1
e2e_check "no vmlinux: vmlinux missing, the module's base missing" test "$(ids)" = \
	"btf-vmlinux-missing btf-module-base-missing"

rm -rf sys-mode && tree sys-mode && chmod 0644 sys-mode/kernel/btf/vmlinux
e2e_run btf --sysfs-root sys-mode --format json
e2e_check "mode 0644: a warning, exit 0" test "$rc:$(ids)" = "0:btf-mode"

mkdir -p sys-none/module
e2e_run btf --sysfs-root sys-none --format json
e2e_check "no /sys/kernel/btf: info, exit 0" test "$rc:$(ids)" = "0:btf-not-exposed"

# ---- ELF images ----

echo 'int sysabi_fixture = 42;' >small.c
cc -c small.c -o small.o || exit 2
# elf OUT BTF: the small object with BTF as its .BTF section
elf() { objcopy --add-section .BTF="$2" --set-section-flags .BTF=alloc,readonly small.o "$1"; }
mkdir -p mods/kernel/drivers/misc mods/kernel/sound
elf mods/kernel/drivers/misc/foo.ko foo.btf && xz mods/kernel/drivers/misc/foo.ko
elf mods/kernel/drivers/misc/bar.ko bar.btf && zstd -q --rm mods/kernel/drivers/misc/bar.ko
elf mods/kernel/sound/snd-dummy.ko snd_dummy.btf # a dash in the file name
elf mods/kernel/drivers/misc/baz.ko baz.btf && gzip mods/kernel/drivers/misc/baz.ko
elf vmlinux.elf vmlinux.btf
elf vmlinux-other.elf vmlinux-other.btf
tree sys-elf
for m in foo bar snd_dummy baz; do
	loaded sys-elf $m
	with_btf sys-elf $m $m.btf
done
e2e_expect btf-elf-good.txt 0 btf --sysfs-root sys-elf --modules-dir mods --vmlinux vmlinux.elf
e2e_run btf --sysfs-root sys-elf --modules-dir mods --vmlinux vmlinux.elf --format json
e2e_check "ELF: every image identical" test \
	"$(json "[m['elf']['identical'] for m in d['modules']] + [d['vmlinux']['elf']['identical']]")" = \
	"[True, True, True, True, True]"

# images that differ, have no .BTF, are not ELF, are corrupt, or are not there
cp -r mods mods-bad
elf mods-bad/kernel/drivers/misc/baz.ko foo.btf && rm mods-bad/kernel/drivers/misc/baz.ko.gz &&
	gzip mods-bad/kernel/drivers/misc/baz.ko
cp small.o mods-bad/kernel/drivers/misc/qux.ko
echo 'not an ELF image' >mods-bad/kernel/drivers/misc/zap.ko
head -c 200 mods/kernel/drivers/misc/foo.ko.xz >mods-bad/kernel/drivers/misc/zip.ko.xz
cp -r sys-elf sys-elf-bad
for m in qux zap zip nofile; do
	loaded sys-elf-bad $m
	with_btf sys-elf-bad $m foo.btf
done
e2e_expect btf-elf-bad.txt 1 btf --sysfs-root sys-elf-bad --modules-dir mods-bad \
	--vmlinux vmlinux-other.elf
e2e_run btf --sysfs-root sys-elf-bad --modules-dir mods-bad --vmlinux vmlinux-other.elf --format json
e2e_check "ELF: each finding" test "$(ids)" = "btf-vmlinux-differs btf-module-differs \
btf-module-file-missing elf-no-btf-section elf-bad-image elf-bad-image"
e2e_check "ELF: where vmlinux differs" test "$(json "d['vmlinux']['elf']['first_difference']")" = 12

e2e_run btf --sysfs-root sys-good --vmlinux small.o
e2e_check "--vmlinux without .BTF: a finding, exit 1" grep -q "\[elf-no-btf-section\]" "$E2E_TMP/out"

# ---- usage ----

e2e_run btf --vmlinux nonexistent.elf --sysfs-root sys-good
e2e_check "a missing --vmlinux: exit 2" test "$rc" = 2
e2e_check "a missing --vmlinux: says so" \
	grep -qx "sysabi: cannot read vmlinux image 'nonexistent.elf': No such file or directory" "$E2E_TMP/err"
e2e_run btf --sysfs-root nonexistent
e2e_check "a missing --sysfs-root: exit 2" test "$rc" = 2
e2e_run btf --modules-dir small.c --sysfs-root sys-good
e2e_check "--modules-dir must be a directory: exit 2" test "$rc" = 2
e2e_run btf --sysfs-root sys-good extra
e2e_check "unexpected argument: exit 2" test "$rc" = 2
e2e_run btf --help
e2e_check "btf --help: exit 0 with usage" grep -q "^Usage: sysabi btf" "$E2E_TMP/out"
e2e_run --help
e2e_check "--help lists btf" grep -q "^  btf " "$E2E_TMP/out"

# ---- the live /sys ----

if [ ! -r /sys/kernel/btf/vmlinux ]; then
	e2e_skip "live vmlinux" "this kernel has no /sys/kernel/btf/vmlinux"
	e2e_done
	exit 0
fi
e2e_run btf --format json
e2e_check "live: /sys/kernel/btf/vmlinux is valid" test "$(json "d['vmlinux']['valid']")" = True
e2e_check "live: no error about vmlinux" test \
	"$(json "[f['id'] for f in d['findings'] if f['path'] == '/sys/kernel/btf/vmlinux']")" = "[]"
if ! command -v bpftool >/dev/null; then
	e2e_skip "live: counts by kind against bpftool" "bpftool is not installed"
	e2e_done
	exit 0
fi
json "'\n'.join('%s %d' % (k, n) for k, n in sorted(d['vmlinux']['kinds'].items()) if n)" >ours
bpftool btf dump file /sys/kernel/btf/vmlinux | sed -n 's/^\[[0-9]*\] \([A-Z0-9_]*\) .*/\1/p' |
	sort | uniq -c | awk '{ print $2, $1 }' >bpftool.txt
e2e_check "live: counts by kind equal bpftool's ($(wc -l <bpftool.txt) kinds)" diff -u bpftool.txt ours
e2e_check "live: the total equals bpftool's" test "$(json "d['vmlinux']['types']")" = \
	"$(awk '{ n += $2 } END { print n }' bpftool.txt)"

e2e_done
