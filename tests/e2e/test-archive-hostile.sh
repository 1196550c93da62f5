#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# A recorded sysfs given as an archive someone else made: members named absolutely or
# with a ".." component, given twice, below a link or a file; links with no target or
# too long a one; data cut short or corrupt; no archive at all; names that forge a line
# of output. Each ends the run with exit 2 and one line, "sysabi: ARCHIVE: 'MEMBER':
# why"; no report is written (-o), no member lands anywhere, nothing outside is read.
# Bombs are refused from their headers, in bounded memory: 9 GiB of zeros in 290 KB,
# 300 MiB of BTF in 11 KB, 204,000 directories implied by a hundred deep names. Links
# are followed inside the archive as the kernel follows them in the directory. A
# snapshot's table of contents breaking a rule fails the read as such a member does. And the
# layouts that are good: sys/ beside sysabi-snapshot.json reads as the tree itself; a
# directory that holds no sysfs is refused with a hint, unless --any-root.
#
# Every archive is made here, most with python3's tarfile, which writes what tar would
# refuse to, and the bombs' zstd by hand.
. tests/e2e/lib.sh

T=$E2E_TMP
FIX=${SYSABI_FIXTURES:-tests/fixtures}
ABI=$PWD/$FIX/audit/abi
SYS=$PWD/$FIX/audit/sys
SECRET="sysabi-secret-$$-not-to-be-shown"
printf '%s\n' "$SECRET" >"$T/secret"
# the runs' working and temporary directories: a member unpacked would land there
mkdir -p "$T/cwd/run" "$T/tmp" "$T/h"

# run ARGS...: sysabi from $T/cwd/run, its TMPDIR $T/tmp; stdout, stderr, $rc as e2e_run
run() {
	# shellcheck disable=SC2086 # $SYSABI may be "valgrind ... build/sysabi"
	(cd "$T/cwd/run" && TMPDIR=$T/tmp timeout 120 $SYSABI "$@" >"$T/out" 2>"$T/err")
	rc=$?
}
no_secret() { ! grep -q "$SECRET" "$T/out" "$T/err"; }
no_escape() { ! grep -q $'\033' "$T/err"; }
# one_line TEXT...: stderr is one line, and holds each TEXT
one_line() {
	local t
	[ "$(wc -l <"$T/err")" = 1 ] || return 1
	for t in "$@"; do grep -qF -- "$t" "$T/err" || return 1; done
}
# nothing_new: no file made since the marker, but the runs' own output
nothing_new() {
	test -z "$(find "$T" -mindepth 1 -newer "$T/marker" ! -path "$T/out" ! -path "$T/err" \
		! -path "$T/cwd/run" ! -path "$T/tmp" -print -quit)"
}

# ---- the archives: a small sysfs, and one hostile member or more after it ----

python3 - "$T/h" "$T" <<'EOF'
import gzip, io, lzma, os, struct, sys, tarfile

out, tmp = sys.argv[1], sys.argv[2]
DIR, REG, SYM, LNK = tarfile.DIRTYPE, tarfile.REGTYPE, tarfile.SYMTYPE, tarfile.LNKTYPE


def member(name, type=REG, data=b"", link=""):
    info = tarfile.TarInfo(name)
    info.type, info.linkname = type, link
    info.mode = 0o755 if type == DIR else 0o444
    info.size = len(data) if type == REG else 0
    return info, data


def sysfs():
    """A sysfs with a loaded module, and links to a file outside it."""
    return [member("devices", DIR), member("class", DIR), member("module/foo/initstate",
            data=b"live\n"), member("devices/secret", SYM, link=tmp + "/secret"),
            member("devices/up", SYM, link="../../../../../../../../../../secret"),
            member("module/bar/initstate", LNK, link=tmp + "/secret")]


def write(name, members, mode="w"):
    with tarfile.open(os.path.join(out, name), mode, format=tarfile.PAX_FORMAT) as t:
        for info, data in members:
            t.addfile(info, io.BytesIO(data) if info.type == REG else None)


write("good.tar", sysfs())
write("absolute.tar", sysfs() + [member(tmp + "/abs-evil", data=b"x")])
write("dotdot.tar", sysfs() + [member("devices/../../dotdot-evil", data=b"x")])
write("twice.tar", sysfs() + [member("devices/a", data=b"1"), member("devices/a", data=b"2")])
write("twice-dir.tar", sysfs() + [member("class/net", DIR), member("class/net", DIR)])
write("below-link.tar", sysfs() + [member("devices/l", SYM, link=tmp),
                                   member("devices/l/below-evil", data=b"x")])
write("below-file.tar", sysfs() + [member("devices/f", data=b"x"),
                                   member("devices/f/below-evil", data=b"x")])
write("file-after.tar", sysfs() + [member("devices/f/below", data=b"x"),
                                   member("devices/f", data=b"x")])
write("link-empty.tar", sysfs() + [member("devices/l", SYM, link="")])
write("link-long.tar", sysfs() + [member("devices/l", SYM, link="a/" * 2100)])
# a name that would end the message's line and colour the terminal, given twice
forged = "devices/a\nsysabi: all is well\033[8m"
write("forged.tar", sysfs() + [member(forged, data=b"1"), member(forged, data=b"2")])


def cut(name, members, at):
    """The archive of @members, cut short @at bytes into the data of the last."""
    write(name, members)
    data = open(os.path.join(out, name), "rb").read()
    open(os.path.join(out, name), "wb").write(data[:data.index(b"\1" * 512) + at])


# headers that say 4096 bytes follow, when 1000 do: a kept member and a skipped one
cut("cut-kept.tar", sysfs() + [member("kernel/btf/vmlinux", data=b"\1" * 4096)], 1000)
cut("cut-skipped.tar", sysfs() + [member("devices/big", data=b"\1" * 4096)], 1000)
# a compressed stream cut in half, and one with bytes changed in its middle, once the
# first few members are read
many = sysfs() + [member("devices/f%03d" % i, data=os.urandom(900)) for i in range(100)]
write("many.tar", many)
tar = open(os.path.join(out, "many.tar"), "rb").read()
gz = gzip.compress(tar, mtime=0)
open(os.path.join(out, "half.tar.gz"), "wb").write(gz[:len(gz) // 2])
xz = bytearray(lzma.compress(tar))
xz[len(xz) // 2:len(xz) // 2 + 16] = bytes(16)
open(os.path.join(out, "changed.tar.xz"), "wb").write(xz)
# no archive: random bytes, whatever the name says, and nothing at all
open(os.path.join(out, "random.tar.gz"), "wb").write(os.urandom(4096))
open(os.path.join(out, "empty.tar"), "wb").close()


def zstd(parts):
    """A zstd frame of @parts: bytes, kept raw, or a number of zero bytes, each 128 KiB
    of them one RLE block of four bytes: gigabytes in a file of kilobytes."""
    blocks = []
    for part in parts:
        if isinstance(part, int):
            blocks += [(1, min(part - at, 1 << 17), b"\0") for at in range(0, part, 1 << 17)]
        else:
            blocks += [(0, len(part[at:at + (1 << 17)]), part[at:at + (1 << 17)])
                       for at in range(0, len(part), 1 << 17)]
    # the magic, no content size, a window of 128 KiB (so blocks of up to 128 KiB)
    out = bytearray(struct.pack("<IBB", 0xFD2FB528, 0, 7 << 3))
    for i, (kind, size, data) in enumerate(blocks):
        out += (int(i == len(blocks) - 1) | kind << 1 | size << 3).to_bytes(3, "little")
        out += data
    return bytes(out)


def zeros(name, members):
    """A .tar.zst of @members, (name, size): a directory for None, else zero bytes."""
    parts = []
    for path, size in members:
        info, _ = member(path, DIR if size is None else REG)
        info.size = size or 0
        parts += [info.tobuf(tarfile.PAX_FORMAT), -(-info.size // 512) * 512]
    open(os.path.join(out, name), "wb").write(zstd(parts + [1024]))


top = [("devices", None), ("class", None)]
# 3 MiB skipped: read; 9 GiB skipped: past the expansion allowed, refused at its header
zeros("zeros.tar.zst", top + [("devices/zeros", 3 << 20)])
zeros("9gib.tar.zst", top + [("devices/zeros", 9 << 30)])
# 300 MiB of zeros where sysabi keeps the contents, past the 256 MiB a member may hold
zeros("vmlinux-300mib.tar.zst", [("sys/devices", None), ("sys/class", None),
                                 ("sys/kernel/btf/vmlinux", 300 << 20)])
# names 2,040 components deep, a hundred: 204,000 directories they imply, in 2 KB
write("deep.tar.xz", [member("devices", DIR), member("class", DIR)] +
      [member("d%03d/" % i + "a/" * 2040 + "f") for i in range(100)], mode="w:xz")
# 2 MiB of metadata, past the 1 MiB read of it
zeros("meta-2mib.tar.zst", top + [("sysabi-snapshot.json", 2 << 20)])


# tables of contents (sysfs-archive.h) that break its rules: the tree is built from
# one, so each rule a member keeps, a record keeps too
def toc(name, records, after=()):
    data = b"sysabi-toc 1\n" + b"".join(r.encode("latin-1") for r in records)
    write(name, [member("sysabi-snapshot.toc", data=data)] + list(after))


SYSDIR = ["d0 755\0sys\0", "d1 755\0devices\0", "d1 755\0class\0", "d1 755\0kernel\0",
          "d2 755\0btf\0"]
BTF = ["f3 444\0vmlinux\0", "f3 444\0foo\0"]
toc("toc-dotdot.tar", SYSDIR + ["f1 444\0..\0", "e0\0"])
toc("toc-slash.tar", SYSDIR + ["f1 444\0a/b\0", "e0\0"])
toc("toc-skip.tar", SYSDIR + ["f4 444\0x\0", "e0\0"])
toc("toc-twice.tar", SYSDIR + ["f1 444\0a\0", "d1 755\0a\0", "e0\0"])
toc("toc-top-twice.tar", ["f0 444\0sysabi-snapshot.toc\0", "e0\0"])
toc("toc-mode.tar", SYSDIR + ["f1 10000\0a\0", "e0\0"])
toc("toc-cut.tar", SYSDIR + ["f1 444\0a"])
toc("toc-no-end.tar", SYSDIR)
toc("toc-after-end.tar", SYSDIR + ["e0\0more"])
toc("toc-link.tar", SYSDIR + ["l1 777\0a\0\0", "e0\0"])
toc("toc-long.tar", ["d0 755\0sys\0"] +
    ["d%d 755\0%s\0" % (i + 1, chr(97 + i) * 250) for i in range(17)] + ["e0\0"])
toc("toc-count.tar", SYSDIR + BTF + ["e1\0"])
toc("toc-unlisted.tar", SYSDIR + BTF + ["e2\0"],
    [member("sys/kernel/btf/vmlinux", data=b"x"), member("sys/devices/x", data=b"x")])
toc("toc-contents-twice.tar", SYSDIR + BTF + ["e2\0"],
    [member("sys/kernel/btf/vmlinux", data=b"x"), member("sys/kernel/btf/vmlinux", data=b"y")])
toc("toc-short.tar", SYSDIR + BTF + ["e2\0"], [member("sys/kernel/btf/foo", data=b"x")])
# a name past NAME_MAX, which a member may have and no table may
write("long-name.tar", sysfs() + [member("devices/" + "n" * 300, data=b"x")])
EOF

# peak_below NAME MIB ARGS...: sysabi ARGS peaks below MIB MiB resident, where
# /usr/bin/time tells it; under valgrind the size is valgrind's, too close to tell
peak_below() {
	local name=$1 mib=$2
	shift 2
	case $SYSABI in
	*valgrind*)
		e2e_skip "$name" "the peak size under valgrind is its own"
		return
		;;
	esac
	if ! /usr/bin/time -f %M true >/dev/null 2>&1; then
		e2e_skip "$name" "no /usr/bin/time to tell the peak size"
		return
	fi
	# shellcheck disable=SC2086 # $SYSABI may be "valgrind ... build/sysabi"
	/usr/bin/time -o "$T/rss" -f %M $SYSABI "$@" >/dev/null 2>&1
	e2e_check "$name" test "$(tail -n 1 "$T/rss")" -lt $((mib << 10))
}

# hostile ARCHIVE MEMBER TEXT: both commands refuse ARCHIVE, naming MEMBER (unless it
# is "") and saying TEXT
hostile() {
	local a=$T/h/$1 member=$2 text=$3 cmd
	for cmd in audit btf; do
		rm -f "$T/report.json"
		touch "$T/marker"
		sleep 0.01
		if [ $cmd = audit ]; then
			run audit --abi "$ABI" --sysfs-root "$a" -o "$T/report.json"
		else
			run btf --sysfs-root "$a" -o "$T/report.json"
		fi
		e2e_check "$1 ($cmd): exit 2" test "$rc" = 2
		e2e_check "$1 ($cmd): one line naming the archive${member:+ and '$member'}" \
			one_line "sysabi: $a: " "${member:+'$member'}" "$text"
		e2e_check "$1 ($cmd): no report written" test ! -e "$T/report.json"
		e2e_check "$1 ($cmd): nothing written anywhere" nothing_new
		e2e_check "$1 ($cmd): nothing outside read" no_secret
	done
}

hostile absolute.tar "$T/abs-evil" "an absolute name"
hostile dotdot.tar devices/../../dotdot-evil "a '..' component"
hostile twice.tar devices/a "twice"
hostile twice-dir.tar class/net "twice"
hostile below-link.tar devices/l/below-evil "below 'devices/l', which is no directory"
hostile below-file.tar devices/f/below-evil "below 'devices/f', which is no directory"
hostile file-after.tar devices/f "no directory, named after members below it"
hostile link-empty.tar devices/l "no target"
hostile link-long.tar devices/l "too long a target"
hostile forged.tar 'devices/a\nsysabi: all is well\033[8m' "twice"
e2e_check "forged.tar: no terminal escape written" no_escape
hostile cut-kept.tar kernel/btf/vmlinux "cut short or corrupt"
hostile cut-skipped.tar devices/big "cut short or corrupt after"
hostile half.tar.gz "" "cut short or corrupt after"
hostile changed.tar.xz "" "cut short or corrupt"
hostile random.tar.gz "" "not a directory, nor an archive sysabi reads"
hostile empty.tar "" "not a directory, nor an archive sysabi reads"
# a FIFO named as an archive: refused, never opened (the read would wait on a writer)
mkfifo "$T/h/fifo.tar.gz"
hostile fifo.tar.gz "" "neither a file nor a directory"

# a snapshot's table of contents, each of its rules broken once
hostile toc-dotdot.tar sysabi-snapshot.toc "'.', '..', with a '/'"
hostile toc-slash.tar sysabi-snapshot.toc "'.', '..', with a '/'"
hostile toc-skip.tar sysabi-snapshot.toc "a depth below no directory listed"
hostile toc-twice.tar sys/a "in the archive twice (its table of contents)"
hostile toc-top-twice.tar sysabi-snapshot.toc "in the archive twice"
hostile toc-mode.tar sysabi-snapshot.toc "past 07777"
hostile toc-cut.tar sysabi-snapshot.toc "unterminated"
hostile toc-no-end.tar sysabi-snapshot.toc "cut short: no end record"
hostile toc-after-end.tar sysabi-snapshot.toc "bytes after its end"
hostile toc-link.tar sysabi-snapshot.toc "a link with no target"
hostile toc-long.tar "" "a name longer than 4096 bytes (its table of contents)"
hostile toc-count.tar sysabi-snapshot.toc "a count of members with contents"
hostile toc-unlisted.tar sys/devices/x "not a file with contents its table of contents"
hostile toc-contents-twice.tar sys/kernel/btf/vmlinux "in the archive twice"
hostile toc-short.tar sysabi-snapshot.toc "lists 1 more members with contents than"
# an archive read member by member may name what its snapshot's table cannot: left out
run snapshot --sysfs-root "$T/h/long-name.tar" -o "$T/long-name.tar.zst"
e2e_check "a name past NAME_MAX: its snapshot written, without it" \
	test "$rc:$(tar --zstd -tf "$T/long-name.tar.zst" | grep -c nnnnnnnn)" = 0:0
run audit --abi "$ABI" --sysfs-root "$T/long-name.tar.zst"
e2e_check "a name past NAME_MAX: its snapshot reads back" test "$rc" != 2

# the most an archive may expand to, reached by a member's header: its data is never
# expanded; the same archive with less zeros reads
hostile 9gib.tar.zst devices/zeros "expands past 8 GiB"
run btf --sysfs-root "$T/h/zeros.tar.zst"
e2e_check "3 MiB of zeros, skipped: read" test "$rc" = 0

# contents kept past the caps: refused from the member's header, before any is held
hostile vmlinux-300mib.tar.zst sys/kernel/btf/vmlinux "longer than 268435456 bytes"
hostile meta-2mib.tar.zst sysabi-snapshot.json "longer than 1048576 bytes"
# and so in bounded memory: the peak resident size is far below the member's 300 MiB
# (a reader that held it all would hold 300 MiB or more)
peak_below "300 MiB of BTF: refused in less than 128 MiB of memory" 128 \
	btf --sysfs-root "$T/h/vmlinux-300mib.tar.zst"

# the links to a file outside the good archive: never followed out of it
run btf --sysfs-root "$T/h/good.tar" --format json
e2e_check "links and hard links to a file outside: read as nothing (btf)" no_secret
e2e_check "links to a file outside: the archive still reads (btf)" test "$rc" != 2
run audit --abi "$ABI" --sysfs-root "$T/h/good.tar" --format json --all -v
e2e_check "links and hard links to a file outside: read as nothing (audit)" no_secret
e2e_check "links to a file outside: the archive still reads (audit)" test "$rc" != 2

# directories implied by deep names: each is a member of its directory, no path kept
# again for each (a hundred names once took 420 MiB, quadratic in their depth)
peak_below "names 2,040 deep: read in less than 128 MiB of memory" 128 \
	btf --sysfs-root "$T/h/deep.tar.xz"
run btf --sysfs-root "$T/h/deep.tar.xz"
e2e_check "names 2,040 deep: read" test "$rc" = 0

# ---- good archives: a snapshot's layout reads as the tree it holds ----

# sys/ below the top, beside the snapshot's metadata, compressed each way
mkdir -p "$T/snap"
cp -R "$SYS" "$T/snap/sys"
echo '{"sysabi-snapshot":1}' >"$T/snap/sysabi-snapshot.json"
tar -C "$T/snap" -cf "$T/snap.tar" sysabi-snapshot.json sys
gzip -n -c "$T/snap.tar" >"$T/snap.tar.gz"
xz -c "$T/snap.tar" >"$T/snap.tar.xz"
bzip2 -c "$T/snap.tar" >"$T/snap.tar.bz2"
if command -v zstd >/dev/null; then
	zstd -q -c "$T/snap.tar" >"$T/snap.tar.zst"
fi
# the tree at the top of its archive, its members named ./devices/...
tar -C "$SYS" -cf "$T/top.tar" .

# same_audit ROOT: audits ROOT as the directory is audited, but for the root's name
run audit --abi "$ABI" --sysfs-root "$SYS" --format json
dir_rc=$rc
sed "s|\"$SYS\"|\"ROOT\"|" "$T/out" >"$T/dir.json"
same_audit() {
	run audit --abi "$ABI" --sysfs-root "$1" --format json
	# a snapshot says it is one (its metadata here says nothing else)
	sed -e "s|\"$1\"|\"ROOT\"|" -e 's|"identity":"sysabi-snapshot"|"identity":"recorded"|' \
		"$T/out" >"$T/archive.json"
	[ "$rc" = "$dir_rc" ] && cmp -s "$T/dir.json" "$T/archive.json"
}
for a in "$T"/snap.tar* "$T/top.tar"; do
	e2e_check "$(basename "$a"): audited as the directory it holds" same_audit "$a"
done
e2e_check "the directory's audit has findings to compare" \
	python3 -c "import json, sys; sys.exit(not json.load(open('$T/dir.json'))['groups'])"

# the contents kept, BTF and module states: checked as the directory's are
GEN=${BTF_GEN:-$PWD/${O:-build}/btf-gen}
if [ -x "$GEN" ]; then
	b=$T/btf/sys
	mkdir -p "$b/kernel/btf" "$b/module/foo" "$b/devices" "$b/class"
	"$GEN" vmlinux "$b/kernel/btf/vmlinux" && "$GEN" module "$b/kernel/btf/vmlinux" \
		foo "$b/kernel/btf/foo" || exit 2
	echo live >"$b/module/foo/initstate"
	tar -C "$T/btf" -cJf "$T/btf.tar.xz" sys
	run btf --sysfs-root "$b" --format json
	sed "s|\"$b\"|\"ROOT\"|" "$T/out" >"$T/btf-dir.json"
	run btf --sysfs-root "$T/btf.tar.xz" --format json
	sed "s|\"$T/btf.tar.xz\"|\"ROOT\"|" "$T/out" >"$T/btf-archive.json"
	e2e_check "BTF and a module's state in an archive: valid (exit 0)" test "$rc" = 0
	e2e_check "BTF and a module's state in an archive: as in the directory" \
		cmp -s "$T/btf-dir.json" "$T/btf-archive.json"

	# links followed inside the archive as the kernel follows them in the directory:
	# from the link's directory, out of the root never, 40 at most in all. a1 names
	# a2 four times, a2 a3 four times...: 4^15 lookups to the end, where 40 stop it
	l=$T/links/sys
	mkdir -p "$T/links"
	cp -R "$b" "$l"
	ln -s foo "$l/kernel/btf/bar"
	ln -s ../../../../secret "$l/kernel/btf/out"
	mkdir -p "$l/module/bar" "$l/module/out" "$l/module/farm" "$l/k/d"
	ln -s ../foo/initstate "$l/module/bar/initstate"
	ln -s ../../../../secret "$l/module/out/initstate"
	echo live >"$l/k/d/s"
	ln -s d "$l/k/a16"
	for i in $(seq 15); do
		n=a$((i + 1))
		ln -s "$n/../$n/../$n/../$n" "$l/k/a$i"
	done
	ln -s ../../k/a1/s "$l/module/farm/initstate"
	tar -C "$T/links" -czf "$T/links.tar.gz" sys
	run btf --sysfs-root "$l" --format json
	links_rc=$rc
	sed "s|\"$l\"|\"ROOT\"|" "$T/out" >"$T/links-dir.json"
	run btf --sysfs-root "$T/links.tar.gz" --format json
	sed "s|\"$T/links.tar.gz\"|\"ROOT\"|" "$T/out" >"$T/links-archive.json"
	e2e_check "links in an archive: followed within the time allowed" test "$rc" != 124
	e2e_check "links in an archive: followed as in the directory" \
		test "$rc" = "$links_rc" -a "$rc" != 2
	e2e_check "links in an archive: the same report as the directory's" \
		cmp -s "$T/links-dir.json" "$T/links-archive.json"
	e2e_check "links in an archive: the module's state and BTF read through them" \
		python3 -c "
import json, sys
d = json.load(open('$T/links-archive.json'))
m = {m['name']: m for m in d['modules']}
sys.exit(not (m['bar']['state'] == 'live' and m['bar']['valid']))"
	e2e_check "links in an archive: out of it, never read" no_secret

	# a name sysabi reads, a link to a file whose contents the archive did not keep
	mv "$b/kernel/btf/vmlinux" "$b/kernel/vmlinux.real"
	ln -s ../vmlinux.real "$b/kernel/btf/vmlinux"
	tar -C "$T/btf" -cf "$T/btf-link.tar" sys
	run btf --sysfs-root "$T/btf-link.tar"
	e2e_check "vmlinux a link to contents not kept: said so" \
		grep -q "vmlinux: error: cannot read it: No data available" "$T/out"
else
	e2e_skip "BTF in an archive" "$GEN is missing: run 'make $GEN'"
fi

# ---- a root that holds no sysfs ----

mkdir -p "$T/m1"
cp -R "$SYS" "$T/m1/sys"
run audit --abi "$ABI" --sysfs-root "$T/m1"
e2e_check "a machine's root: exit 2" test "$rc" = 2
e2e_check "a machine's root: did you mean its sys/?" \
	one_line "sysabi: $T/m1: not a sysfs" "did you mean $T/m1/sys?"
run btf --sysfs-root "$T/m1/"
e2e_check "a machine's root/ (btf): did you mean its sys/?" \
	one_line "did you mean $T/m1/sys?"

# a kernel source tree, say: kernel/, fs/, block/, but no sysfs directory
mkdir -p "$T/plain/kernel/bpf" "$T/plain/fs" "$T/plain/block"
run audit --abi "$ABI" --sysfs-root "$T/plain"
e2e_check "no devices/, bus/, class/ or module/: exit 2" test "$rc" = 2
e2e_check "no devices/, bus/, class/ or module/: --any-root is the way" \
	one_line "sysabi: $T/plain: not a sysfs" "--any-root"
run audit --abi "$ABI" --sysfs-root "$T/plain" --any-root --format json
e2e_check "no devices/, bus/, class/ or module/, --any-root: read" test "$rc" = 0 -o "$rc" = 1
run btf --sysfs-root "$T/plain" --any-root
e2e_check "no devices/, bus/, class/ or module/, --any-root: read (btf)" test "$rc" != 2

e2e_done
