#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# sysabi snapshot, and every sysfs read from an archive: a snapshot of the live /sys
# and of recorded trees, read back by audit and btf; the recorded trees and the
# committed captures audited from their archives, without unpacking, with the same
# JSON report as from the unpacked tree, and a snapshot read through its table of
# contents as read member by member.
. tests/e2e/lib.sh

T=$E2E_TMP
DATA=${SYSABI_SYSFS_DATA:-../shared/data/sysfs}
ABI=${SYSABI_FIXTURES:-tests/fixtures}/audit/abi
[ -d abi-docs/linux-6.12/Documentation/ABI ] && KABI=abi-docs/linux-6.12/Documentation/ABI

# untoc IN OUT: the snapshot IN without its table of contents (read member by member);
# its other members' blocks as they are (GNU tar --delete loses the last members of an
# archive not padded to its records)
untoc() {
	python3 - "$1" "$2" <<'PY'
import io, subprocess, sys, tarfile

raw = subprocess.run(["zstd", "-q", "-d", "-c", sys.argv[1]], check=True,
                     stdout=subprocess.PIPE).stdout
infos = tarfile.open(fileobj=io.BytesIO(raw)).getmembers()
parts = []
for i, ti in enumerate(infos):
    end = infos[i + 1].offset if i + 1 < len(infos) else (
        ti.offset_data + (ti.size + 511) // 512 * 512)
    if ti.name != "sysabi-snapshot.toc":
        parts.append(raw[ti.offset:end])
subprocess.run(["zstd", "-q", "-f", "-o", sys.argv[2]], input=b"".join(parts) + bytes(1024),
               check=True)
PY
}

# same_report A ROOT_A B ROOT_B: two JSON reports equal once each root's name is ROOT
same_report() {
	python3 - "$@" <<'PY'
import json, sys

def norm(v, root):
    if isinstance(v, dict):
        return {k: norm(x, root) for k, x in v.items()}
    if isinstance(v, list):
        return [norm(x, root) for x in v]
    if isinstance(v, str):
        return v.replace(root, "ROOT")
    return v

def load(path, root):
    r = norm(json.load(open(path)), root)
    # whose sysfs it is: a snapshot knows more than its unpacked tree
    for k in ("identity", "date", "hostname", "label", "os", "machine", "kernel_release"):
        r.get("sysfs", {}).pop(k, None)
    r["checks"] = [c for c in r.get("checks", []) if c["name"] != "documentation-version"]
    return r

a = load(sys.argv[1], sys.argv[2])
b = load(sys.argv[3], sys.argv[4])
if a != b:
    for k in a:
        if a.get(k) != b.get(k):
            print("differs at", k, file=sys.stderr)
    sys.exit(1)
PY
}

# meta ARCHIVE EXPR: a Python expression over the snapshot's metadata `m` is true
meta() {
	tar --zstd -xOf "$1" sysabi-snapshot.json >"$T/meta.json" 2>/dev/null &&
		python3 -c "import json, sys; m = json.load(open('$T/meta.json')); sys.exit(0 if ($2) else 1)"
}

# ---- a recorded tree of our own: modes, links, contents ----

R=$T/rec
mkdir -p "$R/devices/platform/foo" "$R/class/bar" "$R/bus" "$R/kernel/btf" \
	"$R/module/m1" "$R/module/builtin/parameters"
echo x >"$R/devices/platform/foo/ro_attr" && chmod 0444 "$R/devices/platform/foo/ro_attr"
echo secret-value >"$R/devices/platform/foo/wo_attr" && chmod 0200 "$R/devices/platform/foo/wo_attr"
ln -s ../../devices/platform/foo "$R/class/bar/foo0"
printf 'BTFDATA' >"$R/kernel/btf/vmlinux"
echo live >"$R/module/m1/initstate"
echo 1.2.3 >"$R/module/m1/version"

e2e_run snapshot --sysfs-root "$R" --hostname qa-01 --label lab-a -o "$T/rec.tar.zst"
e2e_check "snapshot: written" test "$rc" = 0 -a -s "$T/rec.tar.zst"
e2e_check "snapshot: says nodes and bytes a node" grep -q "rec.tar.zst: .* nodes (13 directories, 5 files, 1 links).* a node" "$T/err"
tar --zstd -tvf "$T/rec.tar.zst" >"$T/list" 2>&1
e2e_check "snapshot: tar --zstd reads it, metadata first" \
	test "$(awk 'NR == 1 { print $6 }' "$T/list")" = sysabi-snapshot.json
e2e_check "snapshot: its table of contents next, then the members with contents" \
	test "$(awk 'NR >= 2 && NR <= 4 { printf "%s ", $6 }' "$T/list")" = \
	"sysabi-snapshot.toc sys/kernel/btf/vmlinux sys/module/m1/initstate "
e2e_check "snapshot: write-only mode kept" grep -q -- "^--w------- .* sys/devices/platform/foo/wo_attr$" "$T/list"
e2e_check "snapshot: a link with its target" grep -q "sys/class/bar/foo0 -> ../../devices/platform/foo$" "$T/list"
e2e_check "snapshot: attribute contents never read" \
	bash -c "! tar --zstd -xOf '$T/rec.tar.zst' sys/devices/platform/foo/wo_attr | grep -q ."
e2e_check "snapshot: BTF contents kept" \
	test "$(tar --zstd -xOf "$T/rec.tar.zst" sys/kernel/btf/vmlinux)" = BTFDATA
e2e_check "snapshot: initstate kept" \
	test "$(tar --zstd -xOf "$T/rec.tar.zst" sys/module/m1/initstate)" = live
e2e_check "snapshot: metadata says who" meta "$T/rec.tar.zst" \
	"m['format'] == 'sysabi-snapshot' and m['hostname'] == 'qa-01' and m['label'] == 'lab-a' and not m['live'] and 'kernel' not in m"
e2e_check "snapshot: loaded modules with versions" meta "$T/rec.tar.zst" \
	"m['modules'] == [{'name': 'm1', 'state': 'live', 'version': '1.2.3'}]"
e2e_check "snapshot: node counts" meta "$T/rec.tar.zst" \
	"m['nodes'] == {'directories': 13, 'files': 5, 'links': 1}"

e2e_run snapshot --sysfs-root "$R" --no-hostname -o "$T/nohost.tar.zst"
e2e_check "snapshot --no-hostname: none recorded" meta "$T/nohost.tar.zst" "'hostname' not in m"

# the archive reads as the tree it was made from
e2e_run audit --abi "$ABI" --sysfs-root "$R" --format json -o "$T/dir.json"
e2e_run audit --abi "$ABI" --sysfs-root "$T/rec.tar.zst" --format json -o "$T/arc.json"
e2e_check "snapshot: audited like its tree" same_report "$T/dir.json" "$R" "$T/arc.json" "$T/rec.tar.zst"
untoc "$T/rec.tar.zst" "$T/untoc.tar.zst"
e2e_run audit --abi "$ABI" --sysfs-root "$T/untoc.tar.zst" --format json -o "$T/untoc.json"
e2e_check "snapshot: read member by member, its table deleted, the same report" \
	same_report "$T/dir.json" "$R" "$T/untoc.json" "$T/untoc.tar.zst"
mkdir "$T/unpacked" && tar --zstd -xf "$T/rec.tar.zst" -C "$T/unpacked"
e2e_run audit --abi "$ABI" --sysfs-root "$T/unpacked/sys" --format json -o "$T/unp.json"
e2e_check "snapshot: unpacked by tar, audited (exit $rc)" test "$rc" -le 1
e2e_check "snapshot: unpacked report equal" same_report "$T/dir.json" "$R" "$T/unp.json" "$T/unpacked/sys"

# whose sysfs it is, in every report of the snapshot
e2e_run audit --abi "$ABI" --sysfs-root "$T/rec.tar.zst"
e2e_check "audit of a snapshot: says whose, from its metadata" \
	grep -q "^sysfs: $T/rec.tar.zst (sysabi-snapshot \"lab-a\", host qa-01, recorded 20[0-9-]*T[0-9:]*Z): " "$T/out"
# a tree recorded elsewhere, its kernel said: read back as the sysfs's kernel
e2e_run snapshot --sysfs-root "$R" --kernel-release 6.12.118+deb12-amd64 -o "$T/rel.tar.zst"
e2e_run audit --abi "$ABI" --sysfs-root "$T/rel.tar.zst" --format json
e2e_check "snapshot --kernel-release: the audit's kernel" \
	test "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["sysfs"]["kernel_release"])' "$T/out")" = 6.12.118+deb12-amd64
e2e_run snapshot --sysfs-root "$R" --kernel-release "6.1
injected" -o "$T/bad.tar.zst"
e2e_check "snapshot --kernel-release: a newline refused, exit 2, nothing written" \
	test "$rc:$(ls "$T/bad.tar.zst" 2>/dev/null)" = "2:"
e2e_run btf --sysfs-root "$T/rec.tar.zst"
e2e_check "btf of a snapshot: says whose, from its metadata" \
	grep -q "^sysfs: $T/rec.tar.zst (sysabi-snapshot \"lab-a\", host qa-01, recorded 20[0-9-]*T[0-9:]*Z)$" "$T/out"
e2e_run audit --abi "$ABI" --sysfs-root "$T/rec.tar.zst" --label other --format ktap
e2e_check "audit --label: over the snapshot's" grep -q "^# sysfs: .* (sysabi-snapshot \"other\", host qa-01" "$T/out"
e2e_run audit --abi "$ABI" --sysfs-root "$R" --format json
e2e_check "audit of a directory: whose is unknown" python3 -c "
import json, sys
s = json.load(open('$T/out'))['sysfs']
sys.exit(0 if s['identity'] == 'recorded' and s['hostname'] is None and s['date'] is None else 1)"

# a recording of the BTF alone is a sysfs; its snapshot reads back as one
mkdir -p "$T/btfonly/kernel/btf"
printf 'BTF' >"$T/btfonly/kernel/btf/vmlinux"
e2e_run snapshot --sysfs-root "$T/btfonly" -o "$T/btfonly.tar.zst"
e2e_run btf --sysfs-root "$T/btfonly.tar.zst" --format json
e2e_check "a snapshot of kernel/btf alone reads back as a sysfs" python3 -c "
import json, sys
r = json.load(open('$T/out'))
sys.exit(0 if r['vmlinux']['present'] and r['vmlinux']['size'] == 3 else 1)"

# ---- where it writes ----

mkdir "$T/outdir"
e2e_run snapshot --sysfs-root "$R" -o "$T/outdir"
e2e_check "snapshot -o DIR: refused" test "$rc" = 2
e2e_check "snapshot -o DIR: no temporary file left" test -z "$(ls -A "$T/outdir")"
echo old >"$T/old.tar.zst"
e2e_run snapshot --sysfs-root "$R" -o "$T/old.tar.zst"
e2e_check "snapshot -o FILE: replaced whole" meta "$T/old.tar.zst" "m['format'] == 'sysabi-snapshot'"
e2e_run snapshot --sysfs-root "$R" --format json
e2e_check "snapshot --format: refused" test "$rc" = 2
# shellcheck disable=SC2086 # $SYSABI may be "valgrind ... build/sysabi"
(cd "$T/outdir" && $SYSABI snapshot --sysfs-root "$R" --hostname h1 2>/dev/null)
e2e_check "snapshot: default name HOST.tar.zst for a recorded tree" test -s "$T/outdir/h1.tar.zst"
e2e_run snapshot --sysfs-root "$R" -o -
e2e_check "snapshot -o -: the archive on standard output" bash -c "zstd -dc <'$T/out' | tar -t | grep -q '^sys/class/bar/foo0$'"

# ---- the live /sys ----

if [ -d /sys/devices ]; then
	e2e_run snapshot -o "$T/live.tar.zst"
	e2e_check "snapshot of /sys: written" test "$rc" = 0
	e2e_check "snapshot of /sys: uname and os-release" meta "$T/live.tar.zst" \
		"m['live'] and m['kernel']['release'] == '$(uname -r)' and 'ID' in m.get('os_release', {'ID': 1})"
	if [ -r /sys/kernel/btf/vmlinux ]; then
		tar --zstd -xOf "$T/live.tar.zst" sys/kernel/btf/vmlinux >"$T/vmlinux" 2>/dev/null
		e2e_check "snapshot of /sys: vmlinux BTF byte for byte" cmp -s "$T/vmlinux" /sys/kernel/btf/vmlinux
		e2e_run audit --sysfs-root "$T/live.tar.zst" --format json
		e2e_check "audit of a live snapshot: its kernel release judges the docs" python3 -c "
import json, sys
r = json.load(open('$T/out'))
c = [c for c in r['checks'] if c['name'] == 'documentation-version'][0]
sys.exit(0 if r['sysfs']['kernel_release'] == '$(uname -r)' and c['status'] != 'skip' else 1)"
		e2e_run btf --sysfs-root "$T/live.tar.zst" --format json
		e2e_check "btf of the snapshot: vmlinux valid" python3 -c "
import json, sys
r = json.load(open('$T/out'))
sys.exit(0 if r['result'] == 'pass' and r['vmlinux']['present'] else 1)"
	fi
else
	e2e_skip "snapshot of /sys" "no /sys here"
fi

# libarchive is loaded when an archive is read or written (checker/ext/libarchive-load.h):
# the binary does not need it, nor libxml2 and ICU, to start
bin=${SYSABI##* }
if command -v readelf >/dev/null; then
	e2e_check "libarchive: not linked, loaded when an archive is read or written" \
		bash -c "! readelf -d '$bin' | grep -q 'NEEDED.*libarchive'"
fi

# ---- recorded trees and captures: archive against unpacked tree ----

archives=(tests/captures/*.tar.xz)
if [ -d "$DATA" ]; then
	archives+=("$DATA"/*.tar.gz)
else
	e2e_skip "recorded trees from their archives" "no $DATA beside the clone"
fi
for a in "${archives[@]}"; do
	n=$(basename "$a")
	d=$T/tree-${n%%.tar.*}
	mkdir -p "$d" && tar -xf "$a" -C "$d"
	[ -d "$d/sys" ] && [ ! -d "$d/devices" ] && d=$d/sys
	args=(--format json)
	[ -n "$KABI" ] && args+=(--abi "$KABI")
	e2e_run audit "${args[@]}" --sysfs-root "$d" -o "$T/d.json"
	drc=$rc
	e2e_run audit "${args[@]}" --sysfs-root "$a" -o "$T/a.json"
	e2e_check "$n: same exit status from the archive" test "$rc" = "$drc"
	e2e_check "$n: same report from the archive" same_report "$T/d.json" "$d" "$T/a.json" "$a"
	# a snapshot of the unpacked tree holds the same sysfs again
	e2e_run snapshot --sysfs-root "$d" --no-hostname -o "$T/re.tar.zst"
	e2e_run audit "${args[@]}" --sysfs-root "$T/re.tar.zst" -o "$T/r.json"
	e2e_check "$n: its snapshot audits the same" same_report "$T/d.json" "$d" "$T/r.json" "$T/re.tar.zst"
	untoc "$T/re.tar.zst" "$T/untoc.tar.zst"
	e2e_run audit "${args[@]}" --sysfs-root "$T/untoc.tar.zst" -o "$T/u.json"
	e2e_check "$n: its snapshot without its table of contents audits the same" \
		same_report "$T/d.json" "$d" "$T/u.json" "$T/untoc.tar.zst"
done

e2e_done
