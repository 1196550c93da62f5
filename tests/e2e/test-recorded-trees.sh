#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# sysabi audit on the sysfs trees recorded on real machines (../shared/data/sysfs, beside
# the clone in CI; see its README.md). Every figure sysabi prints is checked against what
# find(1) sees in the unpacked tree, the escaping links against the README, and a few
# files the 6.12 documentation covers against their class. A clone without the data
# says so in one skip line.
. tests/e2e/lib.sh

DATA=${SYSABI_SYSFS_DATA:-../shared/data/sysfs}
ABI_DOCS=${ABI_DOCS:-abi-docs}
ABI=$ABI_DOCS/linux-6.12/Documentation/ABI

# The README's figures for each tarball: regular files, symlinks, dangling symlinks (with
# the escaping ones), symlinks leaving the tree. They show the tarball unpacked whole.
declare -A README=(
	[prometheus-procfs]="2504 321 90 6"
	[prometheus-node_exporter]="1976 92 31 0"
	[hwloc-40intel64-2g2n4c+pcilocality]="5272 4506 4306 1"
	[hwloc-32em64t-2n8c+dax+nvme+mic+dimms]="7039 999 535 6"
	[hwloc-32intel64-2p8co2t+8ve]="3656 479 236 0"
)

# Files the 6.12 documentation covers, each read in Documentation/ABI:
#   cpu0/topology/core_id      stable/sysfs-devices-system-cpu:39 (cpuX/topology/core_id)
#   node0/cpulist              stable/sysfs-devices-node:46 (nodeX/cpulist)
#   class/net/IF/mtu           testing/sysfs-class-net:223 (<iface>/mtu)
#   block/sda/queue/rotational stable/sysfs-block:601 (<disk>/queue/rotational)
#   power_supply/BAT0/capacity testing/sysfs-class-power:263 (<supply_name>/capacity)
# and two it does not: /sys/class/dmi/id/* (no What names it) and the out-of-tree
# NEC VE driver's class/ve. In the prometheus trees class/net/eth0 and block/sda are
# real directories, in the hwloc ones links into devices/: both must match.
cpu=/sys/devices/system/cpu/cpu0/topology/core_id
node=/sys/devices/system/node/node0/cpulist
rot=/sys/block/sda/queue/rotational
bat=/sys/class/power_supply/BAT0/capacity
dmi=/sys/class/dmi/id/bios_vendor
declare -A DOCUMENTED=(
	[prometheus-procfs]="$cpu /sys/class/net/eth0/mtu $rot $bat"
	[prometheus-node_exporter]="$cpu $node /sys/class/net/eth0/mtu $rot $bat"
	[hwloc-40intel64-2g2n4c+pcilocality]="$cpu $node /sys/class/net/eth0/mtu $rot"
	[hwloc-32em64t-2n8c+dax+nvme+mic+dimms]="$cpu $node /sys/class/net/eth0/mtu $rot"
	[hwloc-32intel64-2p8co2t+8ve]="$cpu $node /sys/class/net/enp96s0f0/mtu"
)
declare -A UNDOCUMENTED=(
	[prometheus-procfs]=$dmi
	[prometheus-node_exporter]=$dmi
	[hwloc-40intel64-2g2n4c+pcilocality]=$dmi
	[hwloc-32em64t-2n8c+dax+nvme+mic+dimms]=$dmi
	[hwloc-32intel64-2p8co2t+8ve]=/sys/class/ve/ve0/abi_version
)
# The one name with a space and a '#': a dangling link in procfs.
ODD_NAME=devices/pci0000:00/0000:00:03.0/0000:03:00.0/host11/port-11:0/expander-11:0
ODD_NAME+='/port-11:0:1/end_device-11:0:1/target11:0:8/11:0:8:0'
ODD_NAME+='/enclosure_device:Drive Slot #24_5000CCA26128B1F5'

# sysabi's default ignores (audit --help, --no-default-ignores): find prunes the same.
IGNORED="kernel/debug kernel/tracing kernel/config kernel/security fs/cgroup fs/bpf
	 fs/pstore fs/fuse/connections fs/selinux firmware/efi/efivars"

# Under valgrind a run costs seconds: the --verbose runs only (they print all the rest
# does).
under_valgrind=
case $SYSABI in *valgrind*) under_valgrind=1 ;; esac

shopt -s nullglob
tarballs=("$DATA"/*.tar.gz)
if [ ${#tarballs[@]} -eq 0 ]; then
	e2e_skip "recorded trees" "no $DATA/*.tar.gz (no ../shared beside this clone)"
	e2e_done
	exit 0
fi
if [ ! -d "$ABI" ]; then
	e2e_skip "recorded trees" "no $ABI (make abi-docs)"
	e2e_done
	exit 0
fi

KUNIT=${ABI_DOCS:-abi-docs}/linux-6.12/tools/testing/kunit
chromium=$(command -v chromium || command -v chromium-browser)

# Unpacked on tmpfs when there is one: creating 30,000 inodes on a disk can take seconds.
TREES=$E2E_TMP
if [ -d /dev/shm ] && [ -w /dev/shm ] &&
   TREES=$(mktemp -d /dev/shm/sysabi-e2e.XXXXXX); then
	trap 'rm -rf "$E2E_TMP" "$TREES"' EXIT
else
	TREES=$E2E_TMP
fi

# clean_stderr: nothing in the last stderr from a sanitizer or valgrind (ASan exits 1
# like a finding, so the status alone does not tell)
clean_stderr() {
	! grep -qE 'Sanitizer|runtime error:|^==[0-9]+==' "$E2E_TMP/err"
}

# run NAME ARGS...: sysabi audit; stdout kept as $w/NAME, status as $w/NAME.rc
run() {
	local name=$1
	shift
	e2e_run audit --abi "$ABI" --sysfs-root "$root" "$@"
	cp "$E2E_TMP/out" "$w/$name"
	echo "$rc" >"$w/$name.rc"
	e2e_check "$tree: audit ($name) exits 0 or 1 (it exits $rc)" test "$rc" -le 1
	e2e_check "$tree: audit ($name): no sanitizer or valgrind report" clean_stderr
	if [ "$rc" -gt 1 ] || ! clean_stderr; then
		head -c 2000 "$E2E_TMP/err"
	fi
}

# The checks on the outputs, in one Python run per tree: "ok NAME" or "fail NAME: WHY".
cat >"$E2E_TMP/check.py" <<'EOF'
import glob, json, os, re, sys

w, root, escaping = sys.argv[1], sys.argv[2], int(sys.argv[3])
documented, undocumented = sys.argv[4].split(), sys.argv[5].split()
odd = sys.argv[6]
ignored = ["/sys/" + g for g in sys.argv[7].split()]

def check(name, cond, why=""):
    print(("ok\t%s" % name) if cond else ("fail\t%s\t%s" % (name, why)))

def have(name):
    return os.path.exists(os.path.join(w, name))

def lst(name):
    with open(os.path.join(w, name), "rb") as f:
        return {"/sys/" + p.decode() for p in f.read().split(b"\0") if p}

def load(name):
    try:
        with open(os.path.join(w, name)) as f:
            return json.load(f)
    except ValueError as e:
        check("%s is one JSON document" % name, False, e)
        return None

files, links, dangling = lst("files.lst"), lst("links.lst"), lst("xtype.lst")
ndirs = int(open(os.path.join(w, "dirs.count")).read())
# under valgrind only the --verbose runs are made: they stand in for the plain ones
plain = "plain" if have("plain.json") else "verbose"
rc = int(open(os.path.join(w, plain + ".json.rc")).read())
d, v = load(plain + ".json"), load("verbose.json")
if d is None or v is None:
    sys.exit(0)
check("JSON parses", True)
s = d["sysfs"]
check("sysfs root and kind", s["root"] == root and s["live"] is False,
      (s["root"], s["live"]))
check("the default ignores are the ones find prunes",
      [i["glob"] for i in d["ignored"]] == ignored, [i["glob"] for i in d["ignored"]])
check("sysfs.files = regular files find sees (%d)" % len(files), s["files"] == len(files),
      s["files"])
check("sysfs.links = symlinks find sees (%d)" % len(links), s["links"] == len(links),
      s["links"])
check("sysfs.directories = directories find sees (%d, with the root)" % ndirs,
      s["directories"] == ndirs, s["directories"])
check("nodes = files + directories + links + other + ignored",
      s["nodes"] == s["files"] + s["directories"] + s["links"] + s["other"] +
      sum(i["count"] for i in d["ignored"]), s["nodes"])
check("no unreadable or vanished node", s["unreadable"] == 0 and s["vanished"] == 0,
      (s["unreadable"], s["vanished"]))
if escaping >= 0:
    check("links leaving the tree: %d, as the README says" % escaping,
          s["links_escaping"] == escaping, s["links_escaping"])
check("dangling links = find -xtype l (%d) - escaping" % len(dangling),
      s["links_dangling"] == len(dangling) - s["links_escaping"], s["links_dangling"])

classes = ["documented", "by-directory", "obsolete", "removed", "undocumented",
           "module-parameter"]
for kind, walked in (("files", s["files"]), ("links", s["links"]),
                     ("directories", s["directories"] - 1)):
    c = d[kind]
    check("%s: the classes add up to the total" % kind,
          sum(c[k] for k in classes) == c["total"], c)
    check("%s: every one walked is judged (%d)" % (kind, walked), c["total"] == walked,
          c["total"])
check("documented files by level add up",
      sum(d["documented_by_level"].values()) == d["files"]["documented"],
      d["documented_by_level"])
for k in classes + ["total"]:
    n = sum(x["files"][k] for x in d["subsystems"])
    check("subsystems: their %s files add up to the report's (%d)" % (k, d["files"][k]),
          n == d["files"][k], n)
for lv in ("stable", "testing"):
    n = sum(x["documented_by_level"][lv] for x in d["subsystems"])
    check("subsystems: their files documented in %s add up" % lv,
          n == d["documented_by_level"][lv], n)
names = [x["name"] for x in d["subsystems"]]
check("subsystems: sorted, each once, none empty",
      names == sorted(set(names)) and all(x["files"]["total"] for x in d["subsystems"]),
      names)
check("subsystems: the devices are named by their bus or class",
      any(n.startswith("bus/") or n.startswith("class/") for n in names), names)
# these trees were recorded without /sys/module: kernel-parameters.txt is read (when
# make abi-docs put it beside the ABI tree) and documents none of their files
m, kp = d["module_parameters"], sys.argv[8]
check("module parameters: kernel-parameters.txt from beside the ABI tree, no modinfo",
      m["kernel_parameters"] == (kp if os.path.exists(kp) else None) and
      m["modinfo"] is False and m["modules_dir"] is None, m)
check("module parameters: none in the tree, none documented",
      d["files"]["module-parameter"] == m["documented"] == 0, m)
check("result fail exactly when the exit status is 1",
      (d["result"] == "fail") == (rc == 1) and bool(d["failing"]) == (rc == 1),
      (d["result"], d["failing"], rc))
check("no removed entry is missing: being gone is what removed/ promises",
      d["entries"]["removed"]["missing"] == 0 and
      not [e for e in d.get("missing_entries") or [] if e["level"] == "removed"],
      d["entries"]["removed"])
for c in classes[1:]:
    n = sum(g["count"] for g in d["groups"] if g["class"] == c)
    check("groups of %s files hold them all (%d)" % (c, d["files"][c]),
          n == d["files"][c], n)

# --verbose: every path of every group, every problem link
check("verbose: the same figures", v["verbose"] is True and
      all(v["sysfs"][k] == s[k] for k in s if k != "problems") and
      all(v[k] == d[k] for k in ("files", "directories", "links")))
seen, bad, unmatched = set(), [], []
def in_tree(p):
    return os.path.join(root, p[len("/sys/"):])
for g in v["groups"]:
    rx = re.compile("^" + "[^/]+".join(map(re.escape, g["pattern"].split("<*>"))) + "$")
    if len(g["paths"]) != g["count"]:
        bad.append((g["pattern"], g["count"], len(g["paths"])))
    odd_ones = [p for p in g["paths"] if not rx.match(p)]
    if odd_ones:
        # a device's file named by its class, bus or block view: the pattern names
        # it through that view's links
        named = {os.path.realpath(x) for x in glob.glob(in_tree(g["pattern"].replace("<*>", "*")))}
        odd_ones = [p for p in odd_ones if os.path.realpath(in_tree(p)) not in named]
    unmatched += odd_ones
    seen.update(g["paths"])
total = sum(g["count"] for g in v["groups"])
check("verbose: each group lists count paths", not bad, bad[:3])
check("verbose: each path matches its group's pattern", not unmatched, unmatched[:3])
check("verbose: no path in two groups", len(seen) == total, (len(seen), total))
check("verbose: group paths are regular files find sees", seen <= files,
      sorted(seen - files)[:3])
problems = v["sysfs"].get("problems", [])
esc = {p["path"] for p in problems if p["problem"] == "link-escapes"}
dng = {p["path"] for p in problems if p["problem"] == "link-dangling"}
check("verbose: link-escapes problems = links_escaping", len(esc) == s["links_escaping"],
      len(esc))
check("verbose: link-dangling problems = links_dangling", len(dng) == s["links_dangling"],
      len(dng))
check("verbose: escaping and dangling links are those find -xtype l lists",
      esc | dng == dangling and not esc & dng,
      (sorted((esc | dng) ^ dangling)[:3], sorted(esc & dng)[:3]))


def readlink(path):
    try:
        return os.readlink(root + path[len("/sys"):])
    except OSError as e:
        return str(e)


wrong = [p for p in problems if "target" in p and p["target"] != readlink(p["path"])]
check("verbose: problem targets are the links' text", not wrong, wrong[:2])
if odd:
    hit = [p for p in problems if p["path"] == "/sys/" + odd]
    check("verbose: the name with a space and a '#' is listed as it is",
          len(hit) == 1 and hit[0]["problem"] == "link-dangling" and
          hit[0]["target"] == readlink("/sys/" + odd), hit)

# the text reports say what the JSON one says
text = open(os.path.join(w, plain + ".txt")).read().split("\n")
check("text and JSON exit alike", open(os.path.join(w, plain + ".txt.rc")).read() ==
      open(os.path.join(w, plain + ".json.rc")).read())
f = d["files"]
for what, line in [
    ("the sysfs line",
     "sysfs: %s (recorded): %d nodes: %d files, %d directories, %d links" %
     (s["root"], s["nodes"], s["files"], s["directories"], s["links"])),
    ("the links line",
     "  %d unreadable, %d vanished, %d links leaving the tree, %d dangling links" %
     (s["unreadable"], s["vanished"], s["links_escaping"], s["links_dangling"])),
    ("the files line",
     "files %d: documented %d (stable %d, testing %d), by-directory %d," %
     (f["total"], f["documented"], d["documented_by_level"]["stable"],
      d["documented_by_level"]["testing"], f["by-directory"])),
    ("the files line's second half",
     "  obsolete %d, removed %d, undocumented %d, module-parameter %d" %
     (f["obsolete"], f["removed"], f["undocumented"], f["module-parameter"])),
    ("the result line", "result: %s%s" %
     (d["result"], " (%s)" % ", ".join(d["failing"]) if d["failing"] else "")),
]:
    check("text: %s agrees with JSON" % what, line in text, "no line %r" % line)
vtext = open(os.path.join(w, "verbose.txt")).read().split("\n")
lost = [p for p in problems if "%s: %s -> %s" % (p["path"], p["problem"], p["target"])
        not in vtext]
check("verbose text lists every problem link", not lost, lost[:2])

# --explain: the class of a few files the documentation does and does not cover
ex = {x["path"]: x for x in v.get("explain", [])}
for path in documented:
    x = ex.get(path, {})
    check("%s is a documented file" % path,
          x.get("exists") and x.get("type") == "file" and
          x.get("class") == "documented" and x.get("real_path") not in seen, x)
for path in undocumented:
    x = ex.get(path, {})
    check("%s is an undocumented file" % path,
          x.get("exists") and x.get("type") == "file" and
          x.get("class") == "undocumented" and x.get("real_path") in seen, x)
EOF

[ -n "$under_valgrind" ] &&
	e2e_skip "recorded trees" "under valgrind: the --verbose runs only"
for tarball in "${tarballs[@]}"; do
	tree=$(basename "$tarball" .tar.gz)
	w=$E2E_TMP/$tree
	root=$TREES/$tree
	mkdir -p "$root" "$w"
	if ! tar -xzf "$tarball" -C "$root"; then
		e2e_fail "$tree" "cannot unpack $tarball"
		continue
	fi
	read -r rfiles rlinks rdangling escaping <<<"${README[$tree]:-}"
	if [ -n "$rfiles" ]; then
		counts="$(find "$root" -type f | wc -l) $(find "$root" -type l | wc -l)"
		counts+=" $(find "$root" -xtype l | wc -l)"
		e2e_check "$tree: unpacked as the README says ($counts)" \
			test "$counts" = "$rfiles $rlinks $rdangling"
	else
		e2e_skip "$tree" "not in this test's table: only the generic checks run"
		escaping=-1
	fi

	prune=()
	for i in $IGNORED; do
		prune+=(-path "./$i" -prune -o)
	done
	(cd "$root" && find . "${prune[@]}" -type f -printf '%P\0') >"$w/files.lst"
	(cd "$root" && find . "${prune[@]}" -type l -printf '%P\0') >"$w/links.lst"
	(cd "$root" && find . "${prune[@]}" -xtype l -printf '%P\0') >"$w/xtype.lst"
	(cd "$root" && find . "${prune[@]}" -type d -print | wc -l) >"$w/dirs.count"

	explain=()
	for p in ${DOCUMENTED[$tree]:-} ${UNDOCUMENTED[$tree]:-}; do
		explain+=(--explain "$p")
	done
	run verbose.json --format json --verbose "${explain[@]}"
	run verbose.txt --verbose
	if [ -z "$under_valgrind" ]; then
		run plain.json --format json
		run plain.txt
	fi

	odd=
	[ -e "$root/$ODD_NAME" ] || [ -L "$root/$ODD_NAME" ] && odd=$ODD_NAME
	[ "$tree" = prometheus-procfs ] && [ -z "$odd" ] &&
		e2e_fail "$tree: the name with a space and a '#'" "not unpacked"
	python3 "$E2E_TMP/check.py" "$w" "$root" "$escaping" "${DOCUMENTED[$tree]:-}" \
		"${UNDOCUMENTED[$tree]:-}" "$odd" "$IGNORED" \
		"$ABI_DOCS/linux-6.12/Documentation/admin-guide/kernel-parameters.txt" \
		>"$w/checks" 2>"$w/checks.err"
	prc=$?
	e2e_check "$tree: the output checks ran" test "$prc" = 0 -a ! -s "$w/checks.err"
	[ -s "$w/checks.err" ] && head -n 20 "$w/checks.err"
	while IFS=$'\t' read -r status name why; do
		if [ "$status" = ok ]; then
			e2e_pass "$tree: $name"
		else
			e2e_fail "$tree: $name" "$why"
		fi
	done <"$w/checks"

	# every format from one run, each read back and compared with the JSON
	if [ -z "$under_valgrind" ]; then
		f=$w/formats
		mkdir -p "$f"
		e2e_run audit --abi "$ABI" --sysfs-root "$root" -o "$f/r.json" -o "$f/r.txt" \
			-o "$f/r.md" -o "$f/r.html" -o "$f/r.xml" -o "$f/r.ktap"
		e2e_check "$tree: one run writes six formats (exit $rc)" test "$rc" -le 1
		e2e_check "$tree: JUnit is valid" \
			xmllint --noout --schema tests/e2e/junit.xsd "$f/r.xml" 2>/dev/null
		if [ -n "$chromium" ]; then
			timeout 120 "$chromium" --headless --no-sandbox --disable-gpu \
				--user-data-dir="$E2E_TMP/chrome" --dump-dom "file://$f/r.html" \
				>"$f/r.dom.html" 2>/dev/null
			e2e_check "$tree: Chromium ran the page's script" grep -q 'data-script="ready"' "$f/r.dom.html"
		fi
		[ -d "$KUNIT" ] || e2e_skip "$tree: KTAP" "no $KUNIT: not the kernel's parser"
		e2e_check "$tree: every format agrees with the JSON" \
			python3 tests/e2e/formats-agree.py "$f" "$KUNIT"
	fi

	rm -rf "$root"
done

e2e_done
