#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# sysabi audit and btf on the /sys of Debian kernels captured with their modules loaded
# (tests/captures/, made by build-aux/capture-kernel.sh): each one unpacks, the audit
# judges every file the archive holds and its JSON parses, and btf finds the vmlinux
# BTF and that of each module the capture has loaded. A capture is audited with the
# documentation of its own kernel (linux-X.Y-*.tar.xz with abi-docs/linux-X.Y); one
# whose documentation is not there says so and skips. The figures the capture's .txt
# gives (build-aux/capture-kernel.sh writes it) must be those of the archive.
. tests/e2e/lib.sh

CAPTURES=${SYSABI_CAPTURES:-tests/captures}
ABI_DOCS=${ABI_DOCS:-abi-docs}

# sysabi's default ignores (audit --help, --no-default-ignores): not counted in the
# archive either. In a capture they are empty directories, where nothing was mounted.
IGNORED="kernel/debug kernel/tracing kernel/config kernel/security fs/cgroup fs/bpf
	 fs/pstore fs/fuse/connections fs/selinux firmware/efi/efivars"

shopt -s nullglob
captures=("$CAPTURES"/*.tar.xz)
if [ ${#captures[@]} -eq 0 ]; then
	e2e_skip "captures" "no $CAPTURES/*.tar.xz (build-aux/capture-kernel.sh makes one)"
	e2e_done
	exit 0
fi

# Unpacked on tmpfs when there is one: creating 30,000 inodes on a disk can take seconds.
TREES=$E2E_TMP
if [ -d /dev/shm ] && [ -w /dev/shm ] &&
   TREES=$(mktemp -d /dev/shm/sysabi-e2e.XXXXXX); then
	trap 'rm -rf "$E2E_TMP" "$TREES"' EXIT
else
	TREES=$E2E_TMP
fi

# The checks on the outputs, in one Python run a capture: "ok NAME" or "fail NAME: WHY".
cat >"$E2E_TMP/check.py" <<'EOF'
import json, os, sys, tarfile

tarball, info, audit, btf = sys.argv[1:5]
ignored = ["./" + g for g in sys.argv[5].split()]

def check(name, cond, why=""):
    print(("ok\t%s" % name) if cond else ("fail\t%s\t%s" % (name, why)))

def load(name):
    try:
        with open(name) as f:
            return json.load(f)
    except ValueError as e:
        check("%s is one JSON document" % os.path.basename(name), False, e)
        return None

def under(name, prefixes):
    return any(name == p or name.startswith(p + "/") for p in prefixes)

counts = dict.fromkeys(("files", "dirs", "links", "btf_files"), 0)
files = 0
btf_modules = set()
with tarfile.open(tarball) as t:
    for m in t:
        if m.name == ".":
            continue
        kind = "files" if m.isreg() else "dirs" if m.isdir() else \
            "links" if m.issym() else None
        if kind:
            counts[kind] += 1
        if m.isreg() and not under(m.name, ignored):
            files += 1
        if m.isreg() and m.name.startswith("./kernel/btf/"):
            counts["btf_files"] += 1
            if m.name != "./kernel/btf/vmlinux":
                btf_modules.add(m.name[len("./kernel/btf/"):])

if os.path.exists(info):
    said = {}
    for line in open(info):
        w = line.split()
        if len(w) == 3 and w[0] == "tree":
            said[w[1]] = int(w[2])
    for k, v in counts.items():
        check("the .txt's %s (%s) are the archive's" % (k, said.get(k)), said.get(k) == v,
              "the archive has %d" % v)
check("it holds module BTF (%d files)" % len(btf_modules), btf_modules)

a = load(audit) if os.path.exists(audit) else None
if a is not None:
    check("audit: JSON parses", True)
    s = a["sysfs"]
    check("audit: a recorded tree", s["live"] is False, s["live"])
    check("audit: files = regular files in the archive (%d)" % files, s["files"] == files,
          s["files"])
    check("audit: every file judged", a["files"]["total"] == s["files"], a["files"])
    check("audit: nothing unreadable or vanished",
          s["unreadable"] == 0 and s["vanished"] == 0, (s["unreadable"], s["vanished"]))
    check("audit: some files documented", a["files"]["documented"] > 0, a["files"])
    # A `...` stops at a link: it may consume one, never go on into the directory it
    # leads to. These were "documented" by entries of another device reached through
    # firmware_node/subsystem (/sys/devices/pciX/.../bind), a PCI device's link in
    # /sys/bus/pci/devices (.../modalias, .../rescan of the virtio and SCSI devices
    # below it), physical_node (/sys/bus/acpi/devices/.../status), i8042's link in
    # /sys/bus/platform/devices.
    listed = {p: g["class"] for g in a["groups"] for p in g["paths"]}
    for p in ("/sys/bus/acpi/drivers/ec/bind",
              "/sys/devices/pci0000:00/0000:00:02.0/virtio0/modalias",
              "/sys/devices/pci0000:00/0000:00:04.0/virtio2/status",
              "/sys/devices/pci0000:00/0000:00:04.0/virtio2/host6/target6:0:0/6:0:0:0/rescan",
              "/sys/devices/platform/i8042/serio0/modalias"):
        check("audit: %s: undocumented, no `...` through a link" % p,
              listed.get(p) == "undocumented", listed.get(p, "documented"))
    # "missing" is kept for an attribute of an object that is here (audit-missing.c):
    # not IIO events under the perf PMU's events/, not asus-wmi under any platform
    # device, not /sys/devices/*/dev where nothing documented beside it is, not ext4
    # <disk> attributes where /sys/fs/ext4 holds only features/; CONFIG_SLUB_STATS
    # counters are conditional, with the reason; the USB interface attributes the
    # docs place in usbX/ (they are in usbX-0:1.0/) stay missing
    if "6.12" in tarball:
        def ref(e):
            return "%s:%d" % (e["file"], e["line"])
        missing = {ref(e) for e in a["missing_entries"]}
        conditional = {ref(e): e["absence_reason"] for e in a["conditional_entries"]}
        for e in ("testing/sysfs-bus-iio:953", "testing/sysfs-platform-asus-wmi:1",
                  "stable/sysfs-devices:27", "testing/sysfs-fs-ext4:10"):
            check("audit: %s is not missing: not its object" % e, e not in missing,
                  "missing")
        e = "testing/sysfs-kernel-slab:42"
        check("audit: %s is conditional: its Description names CONFIG_SLUB_STATS" % e,
              "CONFIG_SLUB_STATS" in (conditional.get(e) or ""), conditional.get(e))
        e = "testing/sysfs-bus-usb:371"
        check("audit: %s (usbX/bInterfaceClass) is missing" % e, e in missing,
              sorted(missing)[:5])
    # groups are named by the views the documentation is written in: a disk's ro as
    # /sys/block/<*>/ro, every tty's dev as /sys/class/tty/<*>/dev, never by the real
    # /sys/devices/virtual/block/<*>/ro or /sys/devices/virtual/<*>/<*>/dev
    patterns = {g["pattern"] for g in a["groups"]}
    for p in ("/sys/block/<*>/ro", "/sys/block/<*>/<*>/start", "/sys/class/tty/<*>/dev",
              "/sys/class/misc/<*>/dev"):
        check("audit: a group %s, named by its view" % p, p in patterns,
              sorted(x for x in patterns if x.endswith(p.split("/")[-1]))[:6])
    real = sorted(x for x in patterns if x.startswith("/sys/devices/virtual/block/") or
                  x.startswith("/sys/devices/virtual/<*>/"))
    check("audit: no group named by a virtual device's real path", not real, real[:4])
    # where the `...` ends at the link, the device's own files stay documented
    for p in ("/sys/devices/pci0000:00/0000:00:02.0/modalias",
              "/sys/devices/pci0000:00/0000:00:02.0/rescan",
              "/sys/devices/pci0000:00/0000:00:02.0/msi_bus"):
        check("audit: %s: documented, a `...` ending at a link" % p, p not in listed,
              listed.get(p))

b = load(btf)
if b is not None:
    check("btf: JSON parses", True)
    v = b["vmlinux"]
    check("btf: vmlinux BTF found and valid", v["present"] and v["valid"], v)
    found = {m["name"] for m in b["modules"] if m.get("present") and m.get("valid")}
    check("btf: every module BTF file found and valid (%d)" % len(btf_modules),
          found == btf_modules, sorted(found ^ btf_modules)[:5])
    live = {m["name"] for m in b["modules"] if m.get("live")}
    check("btf: each module with BTF is a live module", btf_modules <= live,
          sorted(btf_modules - live)[:5])
    errors = [f for f in b["findings"] if f["severity"] == "error"]
    check("btf: no error", not errors, errors[:3])
    # a real kernel's /sys gives no warning either: 6.12's /sys/module/compression is
    # a file, no module whose state could not be read
    warnings = [f for f in b["findings"] if f["severity"] == "warning"]
    check("btf: no warning", not warnings, warnings[:3])
EOF

for tarball in "${captures[@]}"; do
	name=$(basename "$tarball" .tar.xz)
	root=$TREES/$name
	w=$E2E_TMP/$name
	mkdir -p "$root" "$w"
	if ! tar -xJf "$tarball" -C "$root"; then
		e2e_fail "$name" "cannot unpack $tarball"
		continue
	fi
	e2e_pass "$name: unpacks"
	# linux-6.12-amd64 -> abi-docs/linux-6.12
	series=$(sed -n 's/^linux-\([0-9]*\.[0-9]*\).*/\1/p' <<<"$name")
	abi=$ABI_DOCS/linux-$series/Documentation/ABI
	if [ -z "$series" ] || [ ! -d "$abi" ]; then
		e2e_skip "$name: audit" "no ${abi:-kernel series in the name} (make abi-docs)"
	else
		e2e_run audit --abi "$abi" --sysfs-root "$root" --format json
		cp "$E2E_TMP/out" "$w/audit.json"
		e2e_check "$name: audit exits 0 or 1 (it exits $rc)" test "$rc" -le 1
		[ "$rc" -gt 1 ] && head -c 2000 "$E2E_TMP/err"
	fi
	e2e_run btf --sysfs-root "$root" --format json
	cp "$E2E_TMP/out" "$w/btf.json"
	e2e_check "$name: btf exits 0 or 1 (it exits $rc)" test "$rc" -le 1
	[ "$rc" -gt 1 ] && head -c 2000 "$E2E_TMP/err"

	python3 "$E2E_TMP/check.py" "$tarball" "${tarball%.tar.xz}.txt" "$w/audit.json" \
		"$w/btf.json" "$IGNORED" >"$w/checks" 2>"$w/checks.err"
	e2e_check "$name: the output checks ran" test $? = 0 -a ! -s "$w/checks.err"
	[ -s "$w/checks.err" ] && head -n 20 "$w/checks.err"
	while IFS=$'\t' read -r status check why; do
		if [ "$status" = ok ]; then
			e2e_pass "$name: $check"
		else
			e2e_fail "$name: $check" "$why"
		fi
	done <"$w/checks"
	rm -rf "$root"
done

e2e_done
