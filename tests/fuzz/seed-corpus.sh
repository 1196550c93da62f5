#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Writes the seed corpora of the fuzz targets, tests/fuzz/corpus/TARGET/, from real
# inputs: the kernel's 6.12 and 6.1 documentation (make abi-docs), the fixtures, the
# report templates, BTF written by libbpf (build/btf-gen), a small object file with it
# as .BTF, compressed as modules are, and baselines sysabi writes. Run from the top of
# the tree after `make build/btf-gen`; it replaces what is there, so read the change
# before committing it. Inputs found by fuzzing (FUZZ_MERGE=1) are not made here: run
# `make fuzz FUZZ_MERGE=1` again after it.
set -eu

O=${O:-build}
ABI_DOCS=${ABI_DOCS:-abi-docs}
NEW=$ABI_DOCS/linux-6.12/Documentation/ABI
OLD=$ABI_DOCS/linux-6.1/Documentation/ABI
OUT=tests/fuzz/corpus
SYSABI=$O/sysabi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for f in "$SYSABI" "$O/btf-gen" "$NEW" "$OLD"; do
	[ -e "$f" ] || { echo "seed-corpus: $f is missing" >&2; exit 2; }
done
rm -rf "${OUT:?}"/fuzz-*
mkdir -p "$OUT"/fuzz-{abi,what,diff,btf,elf,template,baseline,archive,image,fleet}

# ---- fuzz-abi: small files that raise most kinds of diagnostics between them ----
for f in stable/sysfs-module stable/vdso stable/sysfs-class-rfkill \
	testing/sysfs-bus-pci-devices-pvpanic testing/sysfs-class-power-ltc4162l \
	testing/sysfs-devices-soc testing/sysfs-driver-st testing/sysfs-bus-vfio-mdev \
	testing/sysfs-bus-iio-accel-adxl372 obsolete/o2cb removed/sysfs-bus-nfit; do
	cp "$NEW/$f" "$OUT/fuzz-abi/${f//\//-}"
done
for f in defects/abi/testing/sysfs-tags defects/abi/testing/sysfs-whats \
	rest/abi/testing/sysfs-kernel-hostile basic/abi/testing/sysfs-kernel-btf; do
	cp "tests/fixtures/$f" "$OUT/fuzz-abi/fixture-$(basename "$f")"
done

# ---- fuzz-what: What lines of every form; with a recorded path each matches ----
"$SYSABI" --abi "$NEW" search . --format json >"$work/search.json"
# shellcheck disable=SC2046
"$SYSABI" --abi "$NEW" match $(cat tests/fixtures/paths/vm-6.18.txt) --format json \
	>"$work/match.json" || [ $? = 1 ]
python3 - "$work/search.json" "$work/match.json" "$OUT/fuzz-what" <<'EOF'
import json, re, sys

search, match = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
out = sys.argv[3]
seeds, shapes = {}, set()
for p in match["paths"]:
    for m in p["matches"]:
        shape = re.sub(r"\w+", "w", m["pattern"])
        if shape not in shapes:
            shapes.add(shape)
            seeds.setdefault(m["what"], p["path"])
# the forms a What takes, two of each, the shortest first
forms = [r"\{[^}]*,", r"\{[a-z_]+\}", r"<[^>]*>", r"\[[0-9]", r"\[[^\]]*\]\+",
         r"/\.\.\./", r"^\.\.\.", r"\*", r"[a-z]X(/|$)", r"[a-z]N(/|$)", r" = ",
         r"^/\S+\s+[a-zA-Z(]", r"^[^/.]", r"\\", r"/$", r"^/sys/kernel/debug",
         r"^/sys/kernel/tracing", r"^/proc", r"^/dev/", r"^/config", r"\.\.[0-9N]",
         r"[0-9]-[0-9]", r"\?", r"%", r"\$"]
whats = {w for e in search["entries"] for w in e["whats"]}
whats = sorted(whats, key=lambda w: (len(w), w))
for form in forms:
    for w in [w for w in whats if re.search(form, w)][:2]:
        seeds.setdefault(w, None)
for i, (what, path) in enumerate(sorted(seeds.items())):
    with open(f"{out}/what-{i:02d}", "wb") as f:
        f.write(what.encode() + (b"\0" + path.encode() if path else b""))
EOF

# ---- fuzz-diff: the fixture cases, and files 6.1 and 6.12 changed or moved ----
# diff_seed NAME OLD_A NEW_A [OLD_B NEW_B]: each a file or "-", its level from its path
level_bits() {
	case $1 in
	*/testing/*) echo 1 ;;
	*/obsolete/*) echo 2 ;;
	*/removed/*) echo 3 ;;
	*) echo 0 ;;
	esac
}
diff_seed() {
	local name=$1 oa=$2 na=$3 ob=${4:--} nb=${5:--} b0 b1 moved=0
	if [ "$oa" != - ] && [ "$na" != - ] && [ "${oa##*/}" != "${na##*/}" ]; then
		moved=16
	fi
	b0=$(( $(level_bits "$oa") | $(level_bits "$na") << 2 | moved ))
	b1=$(( $(level_bits "$ob") | $(level_bits "$nb") << 2 ))
	{
		printf "\\$(printf %03o "$b0")\\$(printf %03o "$b1")"
		for i in 0 1 2 3; do
			f=("$oa" "$na" "$ob" "$nb")
			f=${f[$i]}
			if [ "$i" -gt 0 ]; then printf '\0'; fi
			if [ "$f" != - ]; then cat "$f"; fi
		done
	} >"$OUT/fuzz-diff/$name"
}
for case in tests/fixtures/diff/*/; do
	mapfile -t names < <(cd "$case" &&
		find old new -type f -path '*/ABI/*' -printf '%f\n' | sort -u)
	files=()
	for n in "${names[@]:0:2}"; do
		for side in old new; do
			f=$(find "$case$side" -type f -name "$n" | head -n 1)
			files+=("${f:--}")
		done
	done
	diff_seed "fixture-$(basename "$case")" "${files[@]}"
done
# changed between 6.1 and 6.12, both small: the first few by name
n=0
for f in $(cd "$NEW" && find . -type f -size -3k | sort); do
	[ -f "$OLD/$f" ] && ! cmp -s "$OLD/$f" "$NEW/$f" || continue
	[ "$(stat -c %s "$OLD/$f")" -lt 3072 ] || continue
	diff_seed "changed-$(basename "$f")" "$OLD/$f" "$NEW/$f"
	n=$((n + 1))
	[ $n -lt 6 ] || break
done
# a file of 6.1 in another level in 6.12
n=0
for f in $(cd "$NEW" && find . -type f -size -4k | sort); do
	name=$(basename "$f")
	old=$(cd "$OLD" && find . -type f -name "$name" | head -n 1)
	[ -n "$old" ] && [ "$(dirname "$old")" != "$(dirname "$f")" ] || continue
	diff_seed "moved-$name" "$OLD/$old" "$NEW/$f"
	n=$((n + 1))
	[ $n -lt 3 ] || break
done

# ---- fuzz-btf: libbpf's vmlinux BTF with every kind, a module's split BTF on it ----
# u32le N: four bytes, little-endian
u32le() {
	printf "\\$(printf %03o $(($1 & 255)))\\$(printf %03o $(($1 >> 8 & 255)))"
	printf "\\$(printf %03o $(($1 >> 16 & 255)))\\$(printf %03o $(($1 >> 24 & 255)))"
}
"$O/btf-gen" vmlinux "$work/vmlinux.btf"
"$O/btf-gen" vmlinux "$work/vmlinux-other.btf" 3
"$O/btf-gen" module "$work/vmlinux.btf" foo "$work/foo.btf"
"$O/btf-gen" standalone foo "$work/standalone.btf"
vm=$(stat -c %s "$work/vmlinux.btf")
{ u32le "$vm"; cat "$work/vmlinux.btf"; } >"$OUT/fuzz-btf/vmlinux"
{ u32le "$vm"; cat "$work/vmlinux.btf" "$work/foo.btf"; } >"$OUT/fuzz-btf/vmlinux-module"
{ u32le "$vm"; cat "$work/vmlinux.btf" "$work/standalone.btf"; } \
	>"$OUT/fuzz-btf/vmlinux-standalone"
{ u32le "$(stat -c %s "$work/vmlinux-other.btf")"; cat "$work/vmlinux-other.btf" \
	"$work/foo.btf"; } >"$OUT/fuzz-btf/vmlinux-other-module"
# the kernel's own: its first types, with the strings they name
if [ -r /sys/kernel/btf/vmlinux ]; then
	python3 - /sys/kernel/btf/vmlinux "$OUT/fuzz-btf/kernel-slice" <<'EOF'
import struct, sys

data = open(sys.argv[1], "rb").read()
hdr = struct.unpack_from("<HBBIIIII", data)
hdr_len, type_off, type_len, str_off, str_len = hdr[3:]
types, strs = hdr_len + type_off, hdr_len + str_off
extra = {1: lambda v: 4, 3: lambda v: 12, 4: lambda v: 12 * v, 5: lambda v: 12 * v,
         6: lambda v: 8 * v, 13: lambda v: 8 * v, 14: lambda v: 4, 15: lambda v: 12 * v,
         17: lambda v: 4, 19: lambda v: 12 * v}
p, n, names = types, 0, 0
while p < types + type_len and n < 120:
    name_off, info = struct.unpack_from("<II", data, p)
    size = 12 + extra.get(info >> 24 & 0x1f, lambda v: 0)(info & 0xffff)
    names = max(names, name_off)
    p, n = p + size, n + 1
cut_types = data[types:p]
cut_strs = data[strs:strs + min(str_len, names + 64)]
hdr = struct.pack("<HBBIIIII", 0xeb9f, 1, 0, 24, 0, len(cut_types), len(cut_types),
                  len(cut_strs))
blob = hdr + cut_types + cut_strs
open(sys.argv[2], "wb").write(struct.pack("<I", len(blob)) + blob)
EOF
fi

# ---- fuzz-elf: an object with the module's BTF as .BTF, plain and compressed ----
echo 'int sysabi_fixture = 42;' >"$work/small.c"
cc -c "$work/small.c" -o "$work/small.o"
objcopy --add-section .BTF="$work/foo.btf" --set-section-flags .BTF=alloc,readonly \
	"$work/small.o" "$OUT/fuzz-elf/foo.ko"
xz -c "$OUT/fuzz-elf/foo.ko" >"$OUT/fuzz-elf/foo.ko.xz"
gzip -n -c "$OUT/fuzz-elf/foo.ko" >"$OUT/fuzz-elf/foo.ko.gz"
zstd -q -c "$OUT/fuzz-elf/foo.ko" >"$OUT/fuzz-elf/foo.ko.zst"
# .BTF compressed in the object (SHF_COMPRESSED), beside a .BTF.base: objcopy compresses
# only debug sections, so it is one until it is renamed
objcopy --add-section .debug_btf="$work/foo.btf" "$work/small.o" "$work/debug.o"
objcopy --compress-debug-sections=zlib "$work/debug.o" "$work/debug-z.o"
objcopy --rename-section .debug_btf=.BTF --add-section .BTF.base="$work/vmlinux.btf" \
	"$work/debug-z.o" "$OUT/fuzz-elf/compressed-btf-base.o"

# ---- fuzz-template: sysabi's own templates and partials ----
for f in report-templates/*/*; do
	cp "$f" "$OUT/fuzz-template/$(basename "$(dirname "$f")")-$(basename "$f")"
done

# ---- fuzz-baseline: as `audit --write-baseline` writes them ----
"$SYSABI" --abi tests/fixtures/audit/abi audit --sysfs-root tests/fixtures/audit/sys \
	--write-baseline "$OUT/fuzz-baseline/fixture-audit" >/dev/null || [ $? = 1 ]
if [ -d /sys/kernel ]; then
	"$SYSABI" --abi "$NEW" audit --write-baseline "$work/live" >/dev/null ||
		[ $? = 1 ]
	head -n 40 "$work/live" >"$OUT/fuzz-baseline/live-slice"
fi

# ---- fuzz-archive: recorded trees as tar, each compression; hostile archives ----
a=$OUT/fuzz-archive
# the audit fixture, its sysfs at the top, under sys/ beside a snapshot's metadata
tar -C tests/fixtures/audit/sys --owner=0 --group=0 --mtime=@0 --sort=name -cf \
	"$work/audit.tar" .
mkdir -p "$work/snap"
cp -R tests/fixtures/audit/sys "$work/snap/sys"
echo '{"sysabi-snapshot":1}' >"$work/snap/sysabi-snapshot.json"
tar -C "$work/snap" --owner=0 --group=0 --mtime=@0 --sort=name -cf "$work/snap.tar" \
	sysabi-snapshot.json sys
gzip -n -9 -c "$work/audit.tar" >"$a/audit.tar.gz"
xz -c "$work/audit.tar" >"$a/audit.tar.xz"
zstd -q -19 -c "$work/snap.tar" >"$a/snap.tar.zst"
bzip2 -c "$work/snap.tar" >"$a/snap.tar.bz2"
# kept contents, BTF and module states, some reached through links; and every kind
# of member tar has, in the three formats
"$O/btf-gen" vmlinux "$work/vmlinux.btf"
python3 - "$a" "$work/vmlinux.btf" <<'EOF'
import io, os, sys, tarfile

out, btf = sys.argv[1], open(sys.argv[2], "rb").read()
DIR, REG, SYM, LNK = tarfile.DIRTYPE, tarfile.REGTYPE, tarfile.SYMTYPE, tarfile.LNKTYPE


def member(name, type=REG, data=b"", link=""):
    info = tarfile.TarInfo(name)
    info.type, info.linkname, info.mode = type, link, 0o444
    info.size = len(data) if type == REG else 0
    return info, data


def write(name, members, fmt=tarfile.PAX_FORMAT):
    with tarfile.open(os.path.join(out, name), "w", format=fmt) as t:
        for info, data in members:
            t.addfile(info, io.BytesIO(data) if info.type == REG else None)
    # the two blocks of zeros that end an archive, not the padding to 10 KiB after
    data = open(os.path.join(out, name), "rb").read().rstrip(b"\0")
    data += bytes(-len(data) % 512 + 1024)
    open(os.path.join(out, name), "wb").write(data)


sysfs = [member("devices", DIR), member("class/net", DIR),
         member("kernel/btf/vmlinux", data=btf), member("kernel/btf/foo", SYM, link="vmlinux"),
         member("module/foo/initstate", data=b"live\n"),
         member("module/bar/initstate", SYM, link="../foo/initstate"),
         member("module/abs/initstate", SYM, link="/sys/module/foo/initstate"),
         member("class/net/lo", SYM, link="../../devices/virtual/net/lo"),
         member("devices/virtual/net/lo/mtu", data=b"65536\n"),
         member("devices/hard", LNK, link="devices/virtual/net/lo/mtu"),
         member("devices/fifo", tarfile.FIFOTYPE)]
write("links-pax.tar", sysfs)
write("links-gnu.tar", sysfs, tarfile.GNU_FORMAT)
write("links-ustar.tar", sysfs[:6], tarfile.USTAR_FORMAT)
write("sys-meta.tar", [member("sysabi-snapshot.json", data=b'{"sysabi-snapshot":1}\n')] +
      [member("sys/" + i.name, i.type, d, i.linkname) for i, d in sysfs[:5]])
# each refusal once: names out of the top, twice, below a non-directory; links empty
# and too long; a name too deep to look up; data cut short
write("absolute.tar", sysfs[:2] + [member("/etc/x", data=b"x")])
write("dotdot.tar", sysfs[:2] + [member("devices/../../x", data=b"x")])
write("twice.tar", sysfs[:2] + [member("devices/a", data=b"1"), member("devices/a", data=b"2")])
write("below-link.tar", sysfs[:2] + [member("devices/l", SYM, link="/"),
                                     member("devices/l/x", data=b"x")])
write("file-after.tar", sysfs[:2] + [member("devices/f/x", data=b"x"),
                                     member("devices/f", data=b"x")])
write("link-empty.tar", sysfs[:2] + [member("devices/l", SYM)])
write("link-long.tar", sysfs[:2] + [member("devices/l", SYM, link="a/" * 2100)])
write("long-name.tar", sysfs[:2] + [member("devices/" + "n" * 300 + "/x", data=b"x"),
                                    member("devices/" + "d/" * 200 + "x", data=b"x")])
write("forged.tar", sysfs[:2] + [member("devices/a\n\033[8m", data=b"1"),
                                 member("devices/a\n\033[8m", data=b"2")])
write("cut.tar", sysfs[:2] + [member("kernel/btf/vmlinux", data=btf)])
data = open(os.path.join(out, "cut.tar"), "rb").read()
open(os.path.join(out, "cut.tar"), "wb").write(data[:data.index(btf[:64]) + 100])
EOF

# a snapshot as sysabi writes it, uncompressed: its table of contents, then the members
# with contents (a BTF, a module's state), then the rest
s=$work/toc/sys
mkdir -p "$s/devices/virtual/net/lo" "$s/class/net" "$s/kernel/btf" "$s/module/foo"
cp "$work/vmlinux.btf" "$s/kernel/btf/vmlinux"
echo live >"$s/module/foo/initstate"
echo 65536 >"$s/devices/virtual/net/lo/mtu"
ln -s ../../devices/virtual/net/lo "$s/class/net/lo"
"$SYSABI" snapshot --sysfs-root "$s" --no-hostname -o "$work/toc.tar.zst" 2>/dev/null
zstd -q -d -c "$work/toc.tar.zst" >"$a/snap-toc.tar"

# ---- fuzz-image: compiled trees, as sysabi keeps them in its cache ----
# image NAME DIR: the image of the tree DIR that sysabi writes when it reads it
image() {
	rm -rf "$work/cache"
	SYSABI_CACHE_DIR=$work/cache "$SYSABI" --abi "$2" validate >/dev/null || [ $? = 1 ]
	cp "$work/cache"/abi-*.image "$OUT/fuzz-image/$1"
}
for f in basic defects rest audit; do
	image "fixture-$f" "tests/fixtures/$f/abi"
done
# an entry of 6.12 for each form of What a pattern compiles from, in a file of its name,
# below 6.12's Makefile (a kernel version). Not all of 6.12: its image is 3.5 MB, and
# with one of 72 KB among the seeds the target ran 3,400 times a second, not 27,000
k=$work/linux/Documentation/ABI
mkdir -p "$k"
cp "$(dirname "$(dirname "$NEW")")/Makefile" "$work/linux/"
for form in '<[a-z_]*(mentioned|listed|below|following|described)[a-z_]*>' '/\.\.\./' \
	'^What:[[:space:]]*\.\.\.' '\{[a-z_]+,' '\[0\.\.N\]' '%d' '\$[a-z]' '[a-z]#' '/\*'; do
	f=$(grep -rlE "$form" "$NEW" | xargs ls -S -r | head -n 1)
	mkdir -p "$k/$(basename "$(dirname "$f")")"
	# the first entry that has it: from its What lines to the next entry's
	form=$form awk '/^What:/ && !what { if (hit) exit; e = "" }
		{ e = e $0 "\n"; what = /^What:/ }
		$0 ~ ENVIRON["form"] { hit = 1 }
		END { if (hit) printf "%s", e }' "$f" >>"$k/${f#"$NEW"/}"
done
image linux-6.12-slice "$k"

# ---- fuzz-fleet: an audit's JSON report of the fixture, and records as workers send them
"$SYSABI" audit --abi tests/fixtures/audit/abi --sysfs-root tests/fixtures/audit/sys \
	--no-btf --format json >"$OUT/fuzz-fleet/audit-report.json" || [ $? = 1 ]
printf '%s' '{"error":null,"kind":"snapshot","hostname":"alpha","kernel":"6.12.0","arch":"x86_64","date":"2026-02-05T10:00:00Z","label":null,"os":null,"docs_version":"6.12.118","nodes":63,"files":20,"classes":{"documented":7,"by-directory":2,"obsolete":1,"removed":1,"undocumented":9,"module-parameter":0},"groups":[["undocumented","/sys/kernel/brand_new",1,null],["removed","/sys/kernel/gone",1,"kernel"],["by-directory","/sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages",1,"kernel/mm"]]}' \
	>"$OUT/fuzz-fleet/record.json"
printf '%s' '{"error":"not a sysfs (no devices/, bus/, class/ or module/)","kind":"directory"}' \
	>"$OUT/fuzz-fleet/record-error.json"

du -sh "$OUT"
