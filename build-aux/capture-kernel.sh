#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# capture-kernel.sh VERSION OUT.tar.xz: record the /sys of Debian's kernel VERSION, with
# modules loaded, as test data (tests/captures/README.md).
#
# Downloads linux-image-VERSION (else linux-image-VERSION-unsigned; CAPTURE_PACKAGE
# names another), boots its vmlinuz in qemu (software emulation is enough) with a few
# emulated devices and a small initramfs: tests/capture/init.sh as /init, busybox, and
# two static programs, mod-load (loads tests/capture/modules.list and what the devices'
# modaliases ask for) and sysfs-record (writes a manifest of /sys to a raw disk). The
# modules themselves stay on the host, shared over 9p. The manifest becomes OUT
# (tests/capture/manifest-to-tar.py) and what the guest said about itself OUT's .txt:
# OUT with .txt for .tar.xz.
#
# With CAPTURE_SYSABI=BINARY, the guest records /sys with that sysabi binary itself,
# `sysabi snapshot`, its shared libraries copied into the initramfs, and OUT is the
# snapshot (.tar.zst) as the guest wrote it.
#
# CAPTURE_KEEP=1 keeps the work directory, CAPTURE_TIMEOUT (900) bounds the guest's run
# in seconds, CAPTURE_CACHE=DIR keeps the downloaded package there for the next run.
set -eu

version=${1:?usage: capture-kernel.sh VERSION OUT.tar.xz}
out=${2:?usage: capture-kernel.sh VERSION OUT.tar.xz}
sysabi=${CAPTURE_SYSABI:-}
case $out in
*.tar.xz) [ -z "$sysabi" ] && info=${out%.tar.xz}.txt ;;
*.tar.zst) [ -n "$sysabi" ] && info=${out%.tar.zst}.txt ;;
esac
if [ -z "${info:-}" ]; then
	echo "capture: OUT must end in .tar.xz (.tar.zst with CAPTURE_SYSABI): $out" >&2
	exit 2
fi
if [ -n "$sysabi" ] && [ ! -x "$sysabi" ]; then
	echo "capture: CAPTURE_SYSABI: $sysabi is no program" >&2
	exit 2
fi
timeout_s=${CAPTURE_TIMEOUT:-900}
here=$(cd "$(dirname "$0")/.." && pwd)
src=$here/tests/capture

"$here/build-aux/deps.sh" cmd:qemu-system-x86_64:qemu-system-x86 cmd:cpio:cpio \
	cmd:gcc:gcc file:/usr/lib/x86_64-linux-gnu/libc.a:libc6-dev cmd:depmod:kmod \
	cmd:python3:python3 cmd:xz:xz-utils cmd:zstd:zstd \
	file:/var/lib/dpkg/info/busybox-static.list:busybox-static

work=$(mktemp -d "${TMPDIR:-/tmp}/sysabi-capture.XXXXXX")
if [ "${CAPTURE_KEEP:-}" = 1 ]; then
	echo "capture: work directory $work" >&2
else
	trap 'rm -rf "$work"' EXIT INT TERM
fi

# ---- the kernel package ----

cache=${CAPTURE_CACHE:-}
download() {
	if [ -n "$cache" ] && ls "$cache/${1}"_*.deb >/dev/null 2>&1; then
		cp "$cache/${1}"_*.deb "$work/"
		return 0
	fi
	(cd "$work" && apt-get download "$1" >/dev/null 2>"$work/apt.err") || return 1
	if [ -n "$cache" ]; then
		mkdir -p "$cache" && cp "$work/${1}"_*.deb "$cache/"
	fi
}
pkg=${CAPTURE_PACKAGE:-linux-image-$version}
if ! download "$pkg"; then
	if [ "$(id -u)" = 0 ]; then
		apt-get update -qq >/dev/null 2>&1 || true
	fi
	if ! download "$pkg"; then
		[ -z "${CAPTURE_PACKAGE:-}" ] && pkg=$pkg-unsigned
		download "$pkg" || {
			echo "capture: cannot download $pkg: $(tail -n 1 "$work/apt.err")" >&2
			exit 1
		}
	fi
fi
deb=$(ls "$work/${pkg}"_*.deb)
pkg_version=$(dpkg-deb -f "$deb" Version)
echo "capture: $pkg $pkg_version" >&2
root=$work/root
dpkg-deb -x "$deb" "$root"
rm -f "$deb"
kernel=$root/boot/vmlinuz-$version
config=$root/boot/config-$version
mods=$root/lib/modules/$version
if [ ! -d "$mods" ] && [ -d "$root/usr/lib/modules/$version" ]; then
	mkdir -p "$root/lib/modules"
	mv "$root/usr/lib/modules/$version" "$mods"
fi
if [ ! -f "$kernel" ] || [ ! -d "$mods" ]; then
	echo "capture: $pkg has no vmlinuz-$version or modules/$version" >&2
	exit 1
fi

# A kernel that cannot decompress modules itself gets them decompressed here.
if ! grep -q '^CONFIG_MODULE_DECOMPRESS=y' "$config"; then
	find "$mods" -name '*.ko.xz' -exec xz -d {} +
	find "$mods" -name '*.ko.zst' -exec zstd -q -d --rm {} +
	find "$mods" -name '*.ko.gz' -exec gzip -d {} +
fi
depmod -b "$root" "$version"

# ---- the initramfs ----

ird=$work/initramfs
mkdir -p "$ird/bin" "$ird/proc" "$ird/sys" "$ird/dev" "$ird/tmp" "$ird/lib/modules/$version"
cp /bin/busybox "$ird/bin/busybox"
for p in mod-load sysfs-record; do
	# the house's banned functions are banned here too; nothing else of sysabi is used
	gcc -static -O2 -Wall -Wextra -include "$here/common/banned.h" -o "$ird/bin/$p" \
		"$src/$p.c"
done
if [ -n "$sysabi" ]; then
	# sysabi as built, with the shared libraries it needs at the paths it finds them,
	# and libarchive, which it loads when it writes the snapshot (checker/ext/dl-lib.h)
	cp "$sysabi" "$ird/bin/sysabi"
	la=$(pkg-config --variable=libdir libarchive)/libarchive.so.13
	{ ldd "$sysabi" && printf '\t%s (0x0)\n' "$la" && ldd "$la"; } |
		sed -n 's/.*=> \(\/[^ ]*\) .*/\1/p; s/^[[:space:]]*\(\/[^ ]*\) .*/\1/p' |
		while read -r lib; do
			mkdir -p "$ird$(dirname "$lib")"
			cp -L "$lib" "$ird$lib"
		done
fi
install -m 0755 "$src/init.sh" "$ird/init"
cp "$src/modules.list" "$ird/modules.list"
mkdir -p "$ird/etc/modprobe.d"
cp "$src/modprobe.conf" "$ird/etc/modprobe.d/debian.conf"
for f in modules.dep modules.softdep modules.alias modules.builtin; do
	cp "$mods/$f" "$ird/lib/modules/$version/"
done
# 9p's modules and theirs, and virtio_pci's where it is a module: a modules.dep line
# names all a module needs
for m in 9p 9pnet_virtio virtio_pci; do
	grep -E "^([^:]*/)?$m\.ko[^:/]*:" "$mods/modules.dep" | tr -d ':' | tr ' ' '\n'
done | sort -u | while read -r f; do
	[ -n "$f" ] || continue
	mkdir -p "$ird/lib/modules/$version/$(dirname "$f")"
	cp "$mods/$f" "$ird/lib/modules/$version/$f"
done
(cd "$ird" && find . | cpio -o -H newc --quiet) | gzip -1 >"$work/initramfs.gz"

# ---- the guest ----

# The manifest's disk, and a small disk for each storage controller, each with one
# partition, so that partitions show too.
disk() {
	truncate -s "$2" "$work/$1.img"
	printf '\000\010\000\000\203\000\000\000\000\010\000\000\000\370\000\000' |
		dd of="$work/$1.img" bs=1 seek=446 conv=notrunc status=none
	printf '\125\252' | dd of="$work/$1.img" bs=1 seek=510 conv=notrunc status=none
}
truncate -s 512M "$work/record.img"
[ -z "$sysabi" ] || truncate -s 64M "$work/attach.img"
for d in scsi ahci usb uas; do
	disk "$d" 32M
done

# q35: AHCI on the board. The networks are qemu's user networking, restricted: the guest
# never configures them, and could reach nothing if it did.
set -- -machine q35 -accel tcg -cpu max -smp 2 -m 1024 \
	-nographic -no-reboot -kernel "$kernel" -initrd "$work/initramfs.gz" \
	-append "console=ttyS0 panic=-1 quiet" \
	-virtfs "local,path=$mods,mount_tag=modules,security_model=none,readonly=on" \
	-drive "file=$work/record.img,format=raw,if=none,id=record" \
	-device virtio-blk-pci,drive=record,serial=sysfs-record \
	-device virtio-scsi-pci,id=scsi0 \
	-drive "file=$work/scsi.img,format=raw,if=none,id=scsi" \
	-device scsi-hd,drive=scsi,bus=scsi0.0 \
	-drive "file=$work/ahci.img,format=raw,if=none,id=ahci" \
	-device ide-hd,drive=ahci,bus=ide.0 -device ide-cd,bus=ide.1 \
	-netdev user,id=net0,restrict=on -device e1000,netdev=net0 \
	-netdev user,id=net1,restrict=on -device virtio-net-pci,netdev=net1 \
	-device qemu-xhci,id=xhci -device usb-kbd,bus=xhci.0,port=1 \
	-device usb-tablet,bus=xhci.0,port=2 \
	-drive "file=$work/usb.img,format=raw,if=none,id=usb" \
	-device usb-storage,drive=usb,bus=xhci.0,port=3 \
	-device usb-uas,id=uas,bus=xhci.0,port=4 \
	-drive "file=$work/uas.img,format=raw,if=none,id=uasdisk" \
	-device scsi-hd,drive=uasdisk,bus=uas.0 \
	-audiodev none,id=snd0 -device ich9-intel-hda -device hda-duplex,audiodev=snd0 \
	-device virtio-rng-pci -device virtio-balloon-pci
# sysabi's snapshot takes the first disk whole: the attachments get a second one, last,
# so that the devices before it are those of a capture by sysfs-record
if [ -n "$sysabi" ]; then
	set -- "$@" -drive "file=$work/attach.img,format=raw,if=none,id=attach" \
		-device virtio-blk-pci,drive=attach,serial=attachments
fi

echo "capture: booting $version in qemu (up to ${timeout_s}s)" >&2
start=$(date +%s)
status=0
timeout "$timeout_s" qemu-system-x86_64 "$@" </dev/null >"$work/console.log" 2>&1 || status=$?
wall=$(($(date +%s) - start))
tr -d '\r' <"$work/console.log" >"$work/console.txt"
if ! grep -q '^capture: recorded' "$work/console.txt"; then
	echo "capture: the guest did not record /sys (qemu exit $status, ${wall}s):" >&2
	tail -n 30 "$work/console.txt" >&2
	exit 1
fi

# ---- the tarball, and what the guest said ----

mkdir -p "$(dirname "$out")"
if [ -n "$sysabi" ]; then
	# the snapshot as the guest wrote it, its length said on the console; the
	# attachments a tar of their own
	bytes=$(sed -n 's/^capture: snapshot-bytes \([0-9]*\)$/\1/p' "$work/console.txt")
	head -c "$bytes" "$work/record.img" >"$out.tmp" && mv "$out.tmp" "$out"
	mkdir -p "$work/att"
	tar -xf "$work/attach.img" -C "$work/att"
	{
		echo "archive_bytes $bytes"
		tar --zstd -tvf "$out" | awk '$6 ~ /^sys\// { t[substr($1, 1, 1)]++ }
			END { print "files", t["-"] + 0; print "dirs", t["d"] - 1;
			      print "links", t["l"] + 0 }'
	} >"$work/counts"
else
	python3 "$src/manifest-to-tar.py" --attachments "$work/att" "$work/record.img" \
		"$out" >"$work/counts"
fi
stamp() { sed -n "s/^capture: $1 \([0-9.]*\)\$/\1/p" "$work/console.txt" | head -n 1; }
log=$work/att/mod-load.log
{
	echo "# $(basename "$out"): how it was recorded (build-aux/capture-kernel.sh)"
	echo "package: $pkg $pkg_version"
	echo "qemu: $(qemu-system-x86_64 --version | head -n 1)"
	echo "qemu arguments:$(printf ' %s' "$@" | sed "s|$work/||g")"
	[ -n "$sysabi" ] && echo "recorder: sysabi snapshot ($("$sysabi" --version))"
	echo "modules list: tests/capture/modules.list"
	cat "$work/att/guest"
	echo "init reached: $(stamp init) s (guest uptime)"
	echo "modules of the list: $(stamp loading) s to $(stamp coldplug) s"
	echo "modules of the devices (coldplug): $(stamp coldplug) s to $(stamp loaded) s"
	echo "recording: $(stamp recording) s to $(stamp recorded) s"
	echo "qemu wall time: $wall s"
	echo "modules in /proc/modules: $(wc -l <"$work/att/proc-modules")"
	echo "modules failed: $(grep -c '^failed ' "$log" || true)"
	# mostly crypto names the kernel tries first, as modprobe would not find them either
	echo "names no module has: $(grep -c '^unknown ' "$log" || true)"
	sed 's/^/tree /' "$work/counts"
	echo
	echo "## failed and unknown modules"
	grep -E '^(failed|unknown) ' "$log" || true
	echo
	echo "## /proc/modules"
	cat "$work/att/proc-modules"
	echo
	echo "## mod-load log"
	cat "$log"
} >"$info"
echo "capture: $out ($(sed -n 's/^archive_bytes //p' "$work/counts") bytes), $info" >&2
