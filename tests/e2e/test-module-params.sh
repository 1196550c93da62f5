#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Module parameters documented outside Documentation/ABI: the class module-parameter.
#   - tests/fixtures/modparams: a small ABI tree with a kernel-parameters.txt beside it
#     (admin-guide/, entries copied from 6.12's), output compared with expected files;
#     without the file, each such parameter is undocumented again; --fail-on and
#     baselines know the class; a kernel-parameters.txt that is a FIFO is said, not read.
#   - the /sys/module of a 6.18 VM (tests/fixtures/paths/vm-6.18-module.txt, its files'
#     paths) against 6.12's documentation, without and with its kernel-parameters.txt:
#     which files move, by their real names, each checked against the file by a reading
#     of its own.
#   - modinfo: a modules tree made by depmod (--modules-dir), a module file and a built-in
#     module, and modules trees libkmod must not read.
. tests/e2e/lib.sh

fx=tests/fixtures/modparams
json() { python3 -c "import json,sys; d=json.load(open('$E2E_TMP/out')); print($1)"; }
# nothing in the last stderr from a sanitizer or valgrind (ASan exits 1 like a finding)
clean_stderr() {
	! grep -qE 'Sanitizer|runtime error:|^==[0-9]+==' "$E2E_TMP/err"
}

# ---- the fixture ----

e2e_expect audit-modparams.txt 1 audit --abi $fx/abi --sysfs-root $fx/sys
e2e_expect audit-modparams-explain.txt 1 audit --abi $fx/abi --sysfs-root $fx/sys \
	--explain /sys/module/loop/parameters/max_loop \
	--explain /sys/module/sonypi/parameters/camera \
	--explain /sys/module/nfs/parameters/nfs_access_max_cachesize
e2e_expect audit-modparams.json 1 audit --abi $fx/abi --sysfs-root $fx/sys --format json \
	--verbose
e2e_check "the fixture: no sanitizer or valgrind report" clean_stderr

# the same tree, with no kernel-parameters.txt beside the ABI tree
mkdir -p "$E2E_TMP/bare"
cp -R $fx/abi "$E2E_TMP/bare/abi"
e2e_run audit --abi "$E2E_TMP/bare/abi" --sysfs-root $fx/sys --format json
e2e_check "without kernel-parameters.txt: no module-parameter file" \
	test "$(json "(d['files']['module-parameter'], d['module_parameters']['kernel_parameters'])")" = "(0, None)"
e2e_check "without kernel-parameters.txt: they are undocumented (7 + 11 files)" \
	test "$(json "d['files']['undocumented']")" = 18
e2e_check "without kernel-parameters.txt: 17 undocumented groups, not 7" \
	test "$(json "sum(g['class'] == 'undocumented' for g in d['groups'])")" = 17

# --fail-on and baselines take the class's name
audit() { e2e_run audit --abi $fx/abi --sysfs-root $fx/sys "$@"; }
audit --fail-on module-parameter --format json
e2e_check "--fail-on module-parameter: exit 1" test "$rc" = 1
e2e_check "--fail-on module-parameter: the class fails" \
	test "$(json "d['failing']")" = "['module-parameter']"
audit --fail-on by-directory
e2e_check "--fail-on by-directory: module parameters do not fail it (exit 1, camera)" \
	test "$rc" = 1
audit --fail-on module-parameter --ignore '/sys/module/*/parameters'
e2e_check "--fail-on module-parameter, none left: exit 0" test "$rc" = 0
audit --write-baseline "$E2E_TMP/baseline"
e2e_check "--write-baseline lists module-parameter groups" \
	grep -qx 'module-parameter /sys/module/usbcore/parameters/autosuspend' "$E2E_TMP/baseline"
audit --baseline "$E2E_TMP/baseline" --fail-on undocumented,module-parameter
e2e_check "--baseline accepts module-parameter lines (exit 0)" test "$rc" = 0

# a kernel-parameters.txt that is no regular file: said, never opened, the audit goes on
mkdir -p "$E2E_TMP/fifo/admin-guide"
cp -R $fx/abi "$E2E_TMP/fifo/abi"
mkfifo "$E2E_TMP/fifo/admin-guide/kernel-parameters.txt"
e2e_run audit --abi "$E2E_TMP/fifo/abi" --sysfs-root $fx/sys --format json
e2e_check "a FIFO for kernel-parameters.txt: not read, the audit goes on (exit 1)" \
	test "$rc" = 1 -a "$(json "d['module_parameters']['kernel_parameters']")" = None
e2e_check "a FIFO for kernel-parameters.txt: said on stderr" grep -qx \
	"sysabi: cannot read '$E2E_TMP/fifo/admin-guide/kernel-parameters.txt': not a regular file; module parameters are judged without it" \
	"$E2E_TMP/err"

# ---- a real machine's /sys/module, against 6.12's documentation ----

ABI_DOCS=${ABI_DOCS:-abi-docs}
docs=$ABI_DOCS/linux-6.12/Documentation
if [ -f "$docs/admin-guide/kernel-parameters.txt" ]; then
	vm=$E2E_TMP/vm
	while read -r p; do
		mkdir -p "$vm/$(dirname "${p#/sys/}")"
		: >"$vm/${p#/sys/}"
	done <tests/fixtures/paths/vm-6.18-module.txt
	# the same ABI tree, reached where no kernel-parameters.txt is beside it
	mkdir -p "$E2E_TMP/bare612/Documentation"
	ln -s "$(cd "$docs/ABI" && pwd)" "$E2E_TMP/bare612/Documentation/ABI"
	moved=(/sys/module/kernel/parameters/panic /sys/module/workqueue/parameters/watchdog_thresh
	       /sys/module/cpuidle/parameters/governor /sys/module/kvm/parameters/eager_page_split
	       /sys/module/kernel/parameters/initcall_debug)
	stayed=(/sys/module/fuse/parameters/max_user_bgreq /sys/module/kvm/parameters/halt_poll_ns)
	explain=()
	for p in "${moved[@]}" "${stayed[@]}"; do
		explain+=(--explain "$p")
	done
	e2e_run audit --abi "$E2E_TMP/bare612/Documentation/ABI" --sysfs-root "$vm" --no-btf \
		--format json --verbose
	cp "$E2E_TMP/out" "$E2E_TMP/vm-before.json"
	e2e_run audit --abi "$docs/ABI" --sysfs-root "$vm" --no-btf --format json --verbose \
		"${explain[@]}"
	cp "$E2E_TMP/out" "$E2E_TMP/vm-after.json"
	python3 - "$E2E_TMP/vm-before.json" "$E2E_TMP/vm-after.json" \
		"$docs/admin-guide/kernel-parameters.txt" "${#moved[@]}" "${moved[@]}" "${stayed[@]}" \
		>"$E2E_TMP/vm-checks" 2>&1 <<'EOF'
import json, re, sys

before, after = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
kp = open(sys.argv[3]).read().split("\n")
n = int(sys.argv[4])
moved, stayed = sys.argv[5:5 + n], sys.argv[5 + n:]

def check(name, cond, why=""):
    print(("ok\t%s" % name) if cond else ("fail\t%s\t%s" % (name, why)))

def paths(d, cls):
    return {p for g in d["groups"] if g["class"] == cls for p in g["paths"]}

def groups(d, cls):
    return sum(g["class"] == cls for g in d["groups"])

ub, ua, mp = paths(before, "undocumented"), paths(after, "undocumented"), \
    paths(after, "module-parameter")
gb, ga = groups(before, "undocumented"), groups(after, "undocumented")
m = after["module_parameters"]
check("kernel-parameters.txt read beside the ABI tree, modinfo not (a recorded tree)",
      m["kernel_parameters"] == sys.argv[3] and m["modinfo"] is False and
      before["module_parameters"]["kernel_parameters"] is None, m)
check("without it, no module-parameter file", paths(before, "module-parameter") == set())
check("%d files move from undocumented to module-parameter" % len(mp),
      len(mp) > 50 and mp == ub - ua and ua <= ub, (len(mp), len(ub - ua)))
check("undocumented groups drop: %d -> %d (%d module-parameter groups)" %
      (gb, ga, groups(after, "module-parameter")), ga < gb, (gb, ga))
check("documented and by-directory files do not change",
      all(before["files"][k] == after["files"][k] for k in ("documented", "by-directory")))
check("module_parameters.documented = files.module-parameter = by_kernel_parameters",
      m["documented"] == after["files"]["module-parameter"] == len(mp) ==
      m["by_kernel_parameters"] and m["by_modinfo"] == 0, m)
for p in moved:
    check("%s moved" % p, p in mp)
for p in stayed:
    check("%s stays undocumented" % p, p in ua)

# a reading of kernel-parameters.txt of its own: an entry at the first indent naming
# MODULE.PARAM (dashes as underscores), PARAM alone for the kernel's, MODULE.* for all
entry = re.compile(r"^(?:\t| {8})\(?([A-Za-z0-9_][A-Za-z0-9_.*-]*)(\[[^\]]*\])?")

def names(line):
    e = entry.match(line.replace("-", "_"))
    if not e:
        return set()
    name = e.group(1) if "." in e.group(1) else "kernel." + e.group(1)
    forms = {name}
    if e.group(2) and not e.group(2).startswith("[="):
        forms |= {name + f for f in e.group(2)[1:-1].split("|")}
    return forms

every = set().union(*(names(l) for l in kp))

def named(path):
    mod, param = path.split("/")[3], path.split("/")[5]
    mod, param = mod.replace("-", "_"), param.replace("-", "_")
    return mod + "." + param in every or mod + ".*" in every

wrong = sorted(p for p in mp if not named(p))
check("every module-parameter file has its entry (%d)" % len(mp), not wrong, wrong[:5])
missed = sorted(p for p in ua if re.match(r"^/sys/module/[^/]+/parameters/[^/]+$", p) and
                named(p))
check("no undocumented module parameter has one", not missed, missed[:5])
ex = {x["path"]: x for x in after["explain"]}
bad = []
for p in moved:
    mpar = ex[p].get("module_parameter") or {}
    line = kp[mpar.get("line", 0) - 1] if mpar.get("line") else ""
    want = p.split("/")[3] + "." + p.split("/")[5]
    if not (mpar.get("documented_by") == "kernel-parameters.txt" and
            ("kernel." + line.strip() if p.split("/")[3] == "kernel" else line.strip())
            .replace("-", "_").startswith(want)):
        bad.append((p, mpar, line))
check("--explain names the line of each entry", not bad, bad[:2])
EOF
	while IFS=$'\t' read -r status name why; do
		if [ "$status" = ok ]; then
			e2e_pass "vm-6.18 /sys/module: $name"
		else
			e2e_fail "vm-6.18 /sys/module: ${name:-$status}" "$why"
		fi
	done <"$E2E_TMP/vm-checks"
else
	e2e_skip "vm-6.18 /sys/module" "no $docs/admin-guide/kernel-parameters.txt (make abi-docs)"
fi

# ---- modinfo, through libkmod, from a modules tree ----

# depmod is in /sbin, which a user's PATH may lack
depmod=$(PATH=$PATH:/sbin:/usr/sbin command -v depmod)
if [ -n "$depmod" ] && command -v "${CC:-cc}" >/dev/null; then
	ver=6.12.0-sysabi
	base=$E2E_TMP/mods
	mdir=$base/lib/modules/$ver
	mkdir -p "$mdir/kernel/drivers" "$E2E_TMP/msys"
	# a module's .modinfo as the kernel writes it: MODULE_PARM_DESC(alpha, ...) gives
	# parm=, module_param() alone only parmtype=
	cat >"$E2E_TMP/foo.c" <<'C'
static const char modinfo[] __attribute__((section(".modinfo"), used, aligned(1))) =
	"license=GPL\0description=A module of the test\0"
	"parm=alpha:How alpha is (int)\0parmtype=alpha:int\0parmtype=beta:int\0"
	"name=foo_mod\0";
C
	"${CC:-cc}" -c -o "$mdir/kernel/drivers/foo-mod.ko" "$E2E_TMP/foo.c"
	printf 'kernel/drivers/bar.ko\n' >"$mdir/modules.builtin"
	printf 'bar.parm=gamma:The gamma\0bar.parmtype=gamma:int\0bar.parmtype=delta:bool\0' \
		>"$mdir/modules.builtin.modinfo"
	"$depmod" -b "$base" "$ver" 2>/dev/null
	for p in foo_mod/parameters/alpha foo_mod/parameters/beta bar/parameters/gamma \
		 bar/parameters/delta; do
		mkdir -p "$E2E_TMP/msys/module/$(dirname "$p")"
		echo 1 >"$E2E_TMP/msys/module/$p"
	done
	maudit() { e2e_run audit --abi "$E2E_TMP/bare/abi" --sysfs-root "$E2E_TMP/msys" --no-btf "$@"; }
	maudit --modules-dir "$mdir" --format json --explain /sys/module/bar/parameters/gamma
	e2e_check "modinfo: no sanitizer or valgrind report" clean_stderr
	e2e_check "modinfo: read from the modules tree" \
		test "$(json "(d['module_parameters']['modinfo'], d['module_parameters']['by_modinfo'])")" = "(True, 2)"
	e2e_check "modinfo: a module file's parm and a built-in module's" \
		test "$(json "sorted(g['pattern'] for g in d['groups'] if g['class'] == 'module-parameter')")" = \
		"['/sys/module/bar/parameters/gamma', '/sys/module/foo_mod/parameters/alpha']"
	e2e_check "modinfo: a parameter with a type and no description stays undocumented" \
		test "$(json "sorted(g['pattern'] for g in d['groups'] if g['class'] == 'undocumented')")" = \
		"['/sys/module/bar/parameters/delta', '/sys/module/foo_mod/parameters/beta']"
	e2e_check "modinfo: --explain says the module describes it" \
		test "$(json "d['explain'][0]['module_parameter']['documented_by']")" = modinfo
	e2e_check "modinfo: the owner's description comes from the tree too" \
		test "$(json "[o['description'] for g in d['groups'] for o in g['owners'] if o['module'] == 'foo_mod'][0]")" = \
		"A module of the test"
	maudit --format json
	e2e_check "no --modules-dir, a recorded tree: modinfo is not read" \
		test "$(json "(d['module_parameters']['modinfo'], d['files']['module-parameter'])")" = "(False, 0)"
	# an index that leads out of the tree, or blocks: the tree is not used, nothing hangs
	rm "$mdir/modules.dep.bin"
	ln -s /dev/zero "$mdir/modules.dep.bin"
	SYSABI="timeout 60 $SYSABI" maudit --modules-dir "$mdir" --format json
	e2e_check "modinfo: an index linking out of the tree is refused" \
		test "$(json "(d['module_parameters']['modinfo'], d['files']['module-parameter'])")" = "(False, 0)"
	rm "$mdir/modules.dep.bin"
	mkfifo "$mdir/modules.dep.bin"
	SYSABI="timeout 60 $SYSABI" maudit --modules-dir "$mdir" --format json
	e2e_check "modinfo: an index that is a FIFO is refused, never opened" \
		test "$(json "(d['module_parameters']['modinfo'], d['files']['module-parameter'])")" = "(False, 0)"
	maudit --modules-dir "$E2E_TMP/nowhere"
	e2e_check "--modules-dir that is not there: exit 2" test "$rc" = 2
	e2e_check "--modules-dir that is not there: says so" grep -qx \
		"sysabi: cannot read modules directory '$E2E_TMP/nowhere': No such file or directory" \
		"$E2E_TMP/err"
else
	e2e_skip "modinfo" "no depmod (Debian's kmod) or no C compiler to make a modules tree"
fi

e2e_done
