#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# sysabi diff: one fixture pair a rule (tests/fixtures/diff/RULE/{old,new}, each a
# small kernel tree: Makefile and Documentation/ABI), compared with output a person
# has read; --fail-on and --lint; two revisions of a git repository built here; errors;
# and the kernel's own trees, 6.12 against itself and 6.1 against 6.12.
. tests/e2e/lib.sh

fx=tests/fixtures/diff
abi=Documentation/ABI

# diff_case CASE: the arguments comparing the fixture pair CASE
diff_case() {
	echo "$fx/$1/old/$abi" "$fx/$1/new/$abi"
}

# json EXPR: EXPR evaluated on the last JSON report, as `d`
json() {
	python3 -c "import json,sys; d=json.load(open('$E2E_TMP/out')); print($1)"
}

# ---- one fixture a rule, and a change that breaks none ----

for rule in stable-to-testing removed-without-obsolete vanished-stable vanished-testing \
	obsolete-vanished new-missing-field new-kernelversion-older; do
	# shellcheck disable=SC2046 # two paths
	e2e_expect "diff-$rule.txt" 1 diff $(diff_case "$rule")
	# shellcheck disable=SC2046
	e2e_run diff --format json $(diff_case "$rule")
	e2e_check "$rule: JSON is valid" python3 -m json.tool "$E2E_TMP/out" /dev/null
	e2e_check "$rule: the one rule broken" test "$(json "[v['rule'] for v in d['violations']]")" \
		= "$(if [ "$rule" = new-missing-field ]; then echo "['$rule', '$rule']"; else echo "['$rule']"; fi)"
	e2e_check "$rule: it fails the run" test "$(json "d['failing']")" = "['$rule']"
done
# shellcheck disable=SC2046
e2e_expect diff-new-diagnostics.txt 1 diff $(diff_case new-diagnostics)
# shellcheck disable=SC2046
e2e_expect diff-good.txt 0 diff $(diff_case good)
# shellcheck disable=SC2046
e2e_expect diff-good.json 0 diff --format=json $(diff_case good)
e2e_check "good: JSON is valid" python3 -m json.tool "$E2E_TMP/out" /dev/null

# ---- what fails the run ----

# shellcheck disable=SC2046
e2e_run diff --fail-on none $(diff_case stable-to-testing)
e2e_check "--fail-on none: exit 0" test "$rc" = 0
e2e_check "--fail-on none: still reported" grep -q ': stable-to-testing: ' "$E2E_TMP/out"
# shellcheck disable=SC2046
e2e_run diff --fail-on vanished-stable,obsolete-vanished --format json $(diff_case stable-to-testing)
e2e_check "--fail-on other rules: exit 0" test "$rc" = 0
e2e_check "--fail-on other rules: fail_on as given" \
	test "$(json "d['fail_on']")" = "['vanished-stable', 'obsolete-vanished']"
# shellcheck disable=SC2046
e2e_run diff --fail-on moved-level $(diff_case good)
e2e_check "--fail-on a change kind: exit 1" test "$rc" = 1
e2e_check "--fail-on a change kind: says which" grep -qx 'result: fail (moved-level)' "$E2E_TMP/out"
# the entry without What is a new warning: new-errors leaves it, new-diagnostics takes it
# shellcheck disable=SC2046
e2e_run diff --fail-on new-errors $(diff_case new-missing-field)
e2e_check "--fail-on new-errors: a new warning passes" test "$rc" = 0
# shellcheck disable=SC2046
e2e_run diff --fail-on new-diagnostics $(diff_case new-missing-field)
e2e_check "--fail-on new-diagnostics: a new warning fails" \
	grep -qx 'result: fail (new-what-not-first)' "$E2E_TMP/out"
# shellcheck disable=SC2046
e2e_run diff --fail-on new-what-not-first,new-missing-contact --lint $(diff_case new-missing-field)
e2e_check "--fail-on new-KIND, with --lint" \
	grep -qx 'result: fail (new-what-not-first, new-missing-contact)' "$E2E_TMP/out"
e2e_check "--lint shows the new lint diagnostics" \
	grep -q 'sysfs-class-widget:8: lint: entry has no .KernelVersion. \[missing-kernelversion\]' "$E2E_TMP/out"
# shellcheck disable=SC2046
e2e_run diff --fail-on all $(diff_case good)
e2e_check "--fail-on all: a good change passes" test "$rc" = 0
# shellcheck disable=SC2046
e2e_run diff --fail-on stable-to-testing,frobnicate $(diff_case good)
e2e_check "--fail-on an unknown kind: exit 2" test "$rc" = 2
e2e_check "--fail-on an unknown kind: says which" \
	grep -q "^sysabi: --fail-on: 'frobnicate' is not a rule" "$E2E_TMP/err"

# ---- two revisions of a git repository ----

repo=$E2E_TMP/linux
git_in() {
	GIT_AUTHOR_NAME=Tester GIT_AUTHOR_EMAIL=tester@example.org \
	GIT_COMMITTER_NAME=Tester GIT_COMMITTER_EMAIL=tester@example.org \
	GIT_AUTHOR_DATE='2024-01-01T00:00:00Z' GIT_COMMITTER_DATE='2024-01-01T00:00:00Z' \
		git -C "$repo" -c init.defaultBranch=master -c commit.gpgsign=false "$@" >/dev/null
}
if ! command -v git >/dev/null; then
	e2e_skip "diff --git" "git is not installed"
else
	mkdir -p "$repo"
	git_in init -q
	echo "A kernel tree, before its ABI documentation." >"$repo/README"
	git_in add README
	git_in commit -q -m "no documentation yet"
	cp -r "$fx/good/old/." "$repo/"
	git_in add -A
	git_in commit -q -m "document the widget"
	# a topic branch: a good change, then a bad one
	git_in checkout -q -b topic
	git_in rm -q -r "$abi"
	cp -r "$fx/good/new/." "$repo/"
	git_in add -A
	git_in commit -q -m "widget: color is stable, the gizmo legacy file is gone"
	git_in rm -q "$abi/stable/sysfs-class-widget-color"
	git_in commit -q -m "widget: drop the color"
	# the work tree has nothing to do with it: empty it
	rm -rf "${repo:?}/Documentation" "$repo/Makefile"
	mkdir -p "$E2E_TMP/tmp"
	(cd "$repo" && TMPDIR=$E2E_TMP/tmp $SYSABI diff --git . master topic~1 \
		>"$E2E_TMP/out" 2>"$E2E_TMP/err")
	rc=$?
	e2e_check "--git, a good change: exit 0" test "$rc" = 0
	e2e_check "--git, a good change: what changed" \
		diff -u "$E2E_EXPECTED/diff-git.txt" "$E2E_TMP/out"
	(cd "$repo" && TMPDIR=$E2E_TMP/tmp $SYSABI diff --git . topic~1 topic \
		>"$E2E_TMP/out" 2>"$E2E_TMP/err")
	rc=$?
	e2e_check "--git, a bad change: exit 1" test "$rc" = 1
	e2e_check "--git, a bad change: what breaks the rules" \
		diff -u "$E2E_EXPECTED/diff-git-bad.txt" "$E2E_TMP/out"
	(cd "$repo" && $SYSABI diff --git . topic~1 topic --format github >"$E2E_TMP/out" 2>/dev/null)
	e2e_check "--git, a whole file removed: its annotation has no file to point at" grep -q \
		"^::error title=sysabi vanished-stable::topic~1:Documentation/ABI/stable/sysfs-class-widget-color:1: " \
		"$E2E_TMP/out"
	e2e_check "--git: the temporary directories are gone" test -z "$(ls -A "$E2E_TMP/tmp")"
	e2e_check "--git: the work tree is left alone" test ! -e "$repo/Documentation"
	(cd "$repo" && $SYSABI diff --git . master topic --format json >"$E2E_TMP/out")
	e2e_check "--git: JSON is valid" python3 -m json.tool "$E2E_TMP/out" /dev/null
	e2e_check "--git: each side's revision and commit" \
		test "$(json "[d['old']['rev'], d['new']['commit'] == '$(git -C "$repo" rev-parse topic)', d['new']['origin']]")" \
		= "['master', True, 'git']"
	e2e_check "--git: kernel versions from each revision's Makefile" \
		test "$(json "[d['old']['kernel_version'], d['new']['kernel_version']]")" = "['6.2.0', '6.3.0']"
	e2e_run diff --git "$repo" master topic
	e2e_check "--git DIR from elsewhere, the whole branch: exit 1" test "$rc" = 1
	e2e_check "--git, the whole branch: color vanished from testing, at OLD's line" \
		grep -q "^master:Documentation/ABI/testing/sysfs-class-widget:8: vanished-testing: testing '/sys/class/widget/<widget>/color'" "$E2E_TMP/out"
	# annotated where the pull request shows it: NEW's file, at the entry NEW kept
	# before it (it was the file's last)
	e2e_run diff --git "$repo" master topic --format github
	e2e_check "--git, the whole branch: the annotation in NEW's file" grep -q \
		"^::error file=Documentation/ABI/testing/sysfs-class-widget,line=1,title=sysabi vanished-testing::master:Documentation/ABI/testing/sysfs-class-widget:8: " \
		"$E2E_TMP/out"
	# from a directory below the top of the work tree, and from a bare repository
	mkdir -p "$repo/scripts"
	git clone -q --bare "$repo" "$E2E_TMP/bare.git" 2>/dev/null
	for where in "$repo/scripts" "$E2E_TMP/bare.git"; do
		e2e_run diff --git "$where" master topic~1
		e2e_check "--git ${where#"$E2E_TMP"/}: the same changes" \
			diff -u <(tail -n +3 "$E2E_EXPECTED/diff-git.txt") <(tail -n +3 "$E2E_TMP/out")
	done
	# git's forms: A..B, A...B (from where B forked from A), one revision against the
	# work tree with what is not committed yet
	e2e_run diff --git "$repo" master topic~1
	cp "$E2E_TMP/out" "$E2E_TMP/two-revs"
	e2e_run diff --git "$repo" master..topic~1
	e2e_check "--git A..B: as A B" cmp -s "$E2E_TMP/two-revs" "$E2E_TMP/out"
	range=$E2E_TMP/range
	git clone -q "$repo" "$range" 2>/dev/null
	git -C "$range" checkout -q master
	printf 'What:\t\t/sys/class/widget/<w>/late\nDate:\t\tJanuary 2024\nKernelVersion:\t6.8\nContact:\tw@example.org\nDescription:\tAdded on master after the branch.\n' \
		>"$range/$abi/testing/sysfs-class-widget-late"
	git -C "$range" add -A
	GIT_AUTHOR_NAME=T GIT_AUTHOR_EMAIL=t@example.org GIT_COMMITTER_NAME=T \
		GIT_COMMITTER_EMAIL=t@example.org git -C "$range" -c commit.gpgsign=false \
		commit -q -m "master moves on"
	e2e_run diff --git "$range" master~1 origin/topic~1
	cp "$E2E_TMP/out" "$E2E_TMP/from-fork"
	e2e_run diff --git "$range" master...origin/topic~1
	# OLD's files are named by the merge base's commit, as git show takes them
	base=$(git -C "$range" rev-parse master~1)
	e2e_check "--git A...B: from where B forked, not A's later entries" \
		diff -u <(tail -n +3 "$E2E_TMP/from-fork") \
		<(tail -n +3 "$E2E_TMP/out" | sed "s/${base:0:12}:/master~1:/g")
	e2e_check "--git A...B: OLD's files named by the merge base" \
		grep -q "(was ${base:0:12}:Documentation/ABI/testing/sysfs-class-widget:8)" "$E2E_TMP/out"
	e2e_run diff --git "$range" master..origin/topic~1
	e2e_check "--git A..B: A's later entry shows as removed" grep -q "sysfs-class-widget-late" "$E2E_TMP/out"
	e2e_run diff --git "$range" HEAD
	e2e_check "--git REV, a clean work tree: nothing changed, exit 0" test "$rc" = 0
	git -C "$range" rm -q "$abi/testing/sysfs-class-widget"
	e2e_run diff --git "$range" HEAD --format json
	e2e_check "--git REV: the work tree's uncommitted removal fails (exit 1)" test "$rc" = 1
	e2e_check "--git REV: NEW is the work tree" \
		test "$(json "[d['new']['origin'], 'vanished-testing' in d['failing']]")" = "['work tree', True]"
	e2e_run diff --git "$range" a..b..c
	e2e_check "--git, a range of no revisions: exit 2" test "$rc" = 2
	mkdir -p "$E2E_TMP/tmp-bad"
	TMPDIR=$E2E_TMP/tmp-bad e2e_run diff --git "$repo" master no-such-rev
	e2e_check "--git, a bad revision: exit 2" test "$rc" = 2
	e2e_check "--git, a bad revision: no temporary directory left" \
		test -z "$(ls -A "$E2E_TMP/tmp-bad")"
	e2e_check "--git, a bad revision: one line" \
		test "$(cat "$E2E_TMP/err")" = "sysabi: diff: 'no-such-rev' is not a revision in '$repo'"
	e2e_run diff --git "$repo" master~1 master
	e2e_check "--git, a revision without Documentation/ABI: exit 2" test "$rc" = 2
	e2e_check "--git, a revision without Documentation/ABI: one line" \
		test "$(cat "$E2E_TMP/err")" = "sysabi: diff: 'master~1' of '$repo' has no Documentation/ABI"
	mkdir -p "$E2E_TMP/not-git"
	GIT_CEILING_DIRECTORIES=$E2E_TMP e2e_run diff --git "$E2E_TMP/not-git" master topic
	e2e_check "--git, not a repository: exit 2" test "$rc" = 2
	e2e_check "--git, not a repository: one line" \
		test "$(cat "$E2E_TMP/err")" = "sysabi: diff: '$E2E_TMP/not-git' is not a git repository"
	e2e_run diff --git "$E2E_TMP/nonexistent" master topic
	e2e_check "--git, no such directory: one line, exit 2" test "$rc:$(cat "$E2E_TMP/err")" = \
		"2:sysabi: diff: cannot read git tree '$E2E_TMP/nonexistent': No such file or directory"
	e2e_run diff --git "$repo" master
	e2e_check "--git with one revision: exit 2" test "$rc" = 2
	e2e_run diff --git "$repo" master topic "$fx/good/new/$abi"
	e2e_check "--git with three revisions: exit 2" test "$rc" = 2
fi

# ---- misuse and errors: one line, exit 2 ----

e2e_run diff "$E2E_TMP/nonexistent" "$fx/good/new/$abi"
e2e_check "no such OLD: exit 2" test "$rc" = 2
e2e_check "no such OLD: one line" test "$(cat "$E2E_TMP/err")" = \
	"sysabi: diff: cannot read ABI tree '$E2E_TMP/nonexistent': No such file or directory"
e2e_run diff "$fx/good/old/$abi" "$fx/good/old/Makefile"
e2e_check "NEW a file: exit 2" test "$rc" = 2
e2e_check "NEW a file: one line" test "$(cat "$E2E_TMP/err")" = \
	"sysabi: diff: cannot read ABI tree '$fx/good/old/Makefile': Not a directory"
# a lint kind named in --fail-on is shown, so that it can fail the run
e2e_run diff --fail-on new-missing-contact $(diff_case new-missing-field)
e2e_check "--fail-on a lint kind: exit 1" test "$rc" = 1
e2e_check "--fail-on a lint kind: shown" grep -q ': lint: .*\[missing-contact\]$' "$E2E_TMP/out"
e2e_check "--fail-on a lint kind: the result says why" \
	grep -qx 'result: fail (new-missing-contact)' "$E2E_TMP/out"
mkdir -p "$E2E_TMP/empty"
e2e_run diff "$E2E_TMP/empty" "$fx/good/new/$abi"
e2e_check "OLD not an ABI tree: exit 2, not an empty comparison" test "$rc" = 2
e2e_check "OLD not an ABI tree: one line" test "$(cat "$E2E_TMP/err")" = \
	"sysabi: diff: '$E2E_TMP/empty' is not a Documentation/ABI tree: no file in stable/, testing/, obsolete/ or removed/"
# the top of a kernel tree stands for its Documentation/ABI, as for the other commands
e2e_run diff "$fx/vanished-stable/old" "$fx/vanished-stable/new"
e2e_check "kernel trees: their Documentation/ABI compared" \
	diff -u "$E2E_EXPECTED/diff-vanished-stable.txt" "$E2E_TMP/out"
e2e_run diff
e2e_check "no tree: exit 2 and a hint" grep -qx "Try 'sysabi diff --help' for more information." "$E2E_TMP/err"
e2e_run diff a b c
e2e_check "three trees: exit 2" test "$rc" = 2
e2e_run diff --abi "$fx/good/new/$abi" "$fx/good/old/$abi" "$fx/good/new/$abi"
e2e_check "--abi and NEW: exit 2" test "$rc" = 2
# the defective fixture trees (CRLF, NUL bytes, a path documented twice in one file)
for tree in basic defects audit; do
	e2e_run diff --lint --format json "tests/fixtures/$tree/abi" "tests/fixtures/$tree/abi"
	e2e_check "$tree against itself: nothing" test "$rc:$(json "[len(d['changes']), \
len(d['violations']), len(d['new_diagnostics'])]")" = "0:[0, 0, 0]"
done
# without NEW, NEW is the tree the other commands read
SYSABI_ABI_DIR=$fx/good/new/$abi e2e_run diff "$fx/good/old/$abi"
e2e_check "NEW from SYSABI_ABI_DIR" cmp -s "$E2E_TMP/out" <(sed \
	-e "s|^new: \(.*\) (from argument,|new: \1 (from SYSABI_ABI_DIR,|" "$E2E_EXPECTED/diff-good.txt")

# ---- --help and the man page name the same options ----

e2e_run diff --help
e2e_check "diff --help: exit 0 with usage" grep -q "^Usage: sysabi diff" "$E2E_TMP/out"
help_opts=$(grep -oE '^ +(-[a-zA-Z], )?--[a-z-]+' "$E2E_TMP/out" | grep -oE -- '--[a-z-]+' | sort -u)
# the diff section's own options, and the options every command takes, but --version
man_opts=$( { sed -n '/^\*diff\* _OLD_/,/^\(== \|\*[a-z]*\*.*::$\)/p' docs/sysabi.1.adoc |
		sed '$d' | grep -oE '^\*--[a-z-]+\*'
	sed -n '/^== OPTIONS/,/^== [A-Z ]*$/p' docs/sysabi.1.adoc | grep -E '::$' | grep -oE '\*--[a-z-]+\*'
	} | grep -oE -- '--[a-z-]+' | grep -vx -- --version | sort -u)
e2e_check "diff --help and the man page list the same options ($(echo $help_opts))" \
	test "$help_opts" = "$man_opts"
e2e_run --help
e2e_check "--help lists diff" grep -q '^  diff ' "$E2E_TMP/out"

# ---- the kernel's trees ----

ABI_DOCS=${ABI_DOCS:-abi-docs}
new_tree=$ABI_DOCS/linux-6.12/$abi
old_tree=$ABI_DOCS/linux-6.1/$abi
if [ ! -d "$new_tree" ]; then
	e2e_skip "diff of the kernel's trees" "no $new_tree (make abi-docs)"
	e2e_done
	exit 0
fi
e2e_run diff "$new_tree" "$new_tree" --format json
e2e_check "6.12 against itself: exit 0" test "$rc" = 0
e2e_check "6.12 against itself: nothing" test "$(json "[len(d['changes']), len(d['violations']), \
len(d['new_diagnostics']), sum(d['summary']['new_diagnostics'].values())]")" = "[0, 0, 0, 0]"

if [ ! -d "$old_tree" ]; then
	e2e_skip "diff 6.1 to 6.12" "no $old_tree (make abi-docs ABI_KERNEL=6.1)"
	e2e_done
	exit 0
fi
e2e_run diff "$old_tree" "$new_tree" --format json
e2e_check "6.1 to 6.12: exit 1" test "$rc" = 1
e2e_check "6.1 to 6.12: JSON is valid" python3 -m json.tool "$E2E_TMP/out" /dev/null
cp "$E2E_TMP/out" "$E2E_TMP/6.1-6.12.json"
# find KIND OLD-FILE:LINE NEW-FILE:LINE: the change of KIND between those places ("-": none)
change() {
	python3 - "$E2E_TMP/6.1-6.12.json" "$@" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
kind, old, new = sys.argv[2:5]
def at(p):
    return "-" if p is None else "%s:%d" % (p["file"].split("Documentation/ABI/")[1], p["line"])
sys.exit(not any(c["kind"] == kind and at(c["old"]) == old and at(c["new"]) == new
                 for c in d["changes"]))
EOF
}
# violation RULE FILE:LINE: that rule broken there
violation() {
	python3 - "$E2E_TMP/6.1-6.12.json" "$@" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
rule, where = sys.argv[2:4]
sys.exit(not any(v["rule"] == rule and "%s:%d" % (v["file"].split("Documentation/ABI/")[1],
                 v["line"]) == where for v in d["violations"]))
EOF
}
# Read in both trees. 6.1 stable/sysfs-firmware-efi-vars:1 documents /sys/firmware/efi/vars;
# 6.12 has the same entry in removed/sysfs-firmware-efi-vars:1, and no obsolete/ file
# ever held it in between these two trees: stable straight to removed.
e2e_check "6.1 to 6.12: efi vars, stable to removed" \
	change moved-level stable/sysfs-firmware-efi-vars:1 removed/sysfs-firmware-efi-vars:1
e2e_check "6.1 to 6.12: efi vars skipped obsolete" \
	violation removed-without-obsolete removed/sysfs-firmware-efi-vars:1
# 6.1 obsolete/sysfs-selinux-disable:1 (/sys/fs/selinux/disable) is 6.12
# removed/sysfs-selinux-disable:1: the way the README wants it, no violation.
e2e_check "6.1 to 6.12: selinux disable, obsolete to removed" \
	change moved-level obsolete/sysfs-selinux-disable:1 removed/sysfs-selinux-disable:1
e2e_check "6.1 to 6.12: selinux checkreqprot, obsolete to removed" \
	change moved-level obsolete/sysfs-selinux-checkreqprot:1 removed/sysfs-selinux-checkreqprot:1
# 6.1 stable/sysfs-block:594 documents /sys/block/<disk>/queue/throttle_sample_time; no
# file of 6.12 names it.
e2e_check "6.1 to 6.12: throttle_sample_time vanished from stable" \
	violation vanished-stable stable/sysfs-block:594
# 6.1 testing/sysfs-class-uwb_rc:12 documents /sys/class/uwb_rc/beacon_timeout_ms; 6.12
# has no sysfs-class-uwb_rc and no file names uwb_rc.
e2e_check "6.1 to 6.12: uwb_rc's beacon_timeout_ms vanished from testing" \
	violation vanished-testing testing/sysfs-class-uwb_rc:12
# 6.1 testing/sysfs-bus-vdpa:1 is /sys/bus/vdpa/driver_autoprobe; 6.12's line 1 is
# drivers_autoprobe with the same Description: one entry, its What renamed.
e2e_check "6.1 to 6.12: vdpa's driver_autoprobe renamed in place" \
	change changed testing/sysfs-bus-vdpa:1 testing/sysfs-bus-vdpa:1
# 6.1 testing/sysfs-devices-hisi_ptt:11 .../hisi_ptt<sicl_id>_<core_id>/tune/qos_tx_cpl
# is 6.12 testing/sysfs-bus-event_source-devices-hisi_ptt:11, below /sys/bus/event_source.
e2e_check "6.1 to 6.12: hisi_ptt moved to another file, its path renamed" \
	change moved-file testing/sysfs-devices-hisi_ptt:11 testing/sysfs-bus-event_source-devices-hisi_ptt:11
# 6.1 testing/sysfs-bus-iio-adc-max9611:1 in_power_shunt_resistor is covered by 6.12
# testing/sysfs-bus-iio:2335, whose What lines start with /sys/.../iio:deviceX/.
e2e_check "6.1 to 6.12: max9611's shunt resistor folded into sysfs-bus-iio" \
	change moved-file testing/sysfs-bus-iio-adc-max9611:1 testing/sysfs-bus-iio:2335
# No What path of 6.1's testing/ is in 6.12's stable/, and none of stable/ went to
# testing/: neither transition happened between these two kernels.
e2e_check "6.1 to 6.12: moved between levels, exactly those three" \
	test "$(json "d['summary']['changes']['moved-level']")" = 3
e2e_check "6.1 to 6.12: no stable entry went back to testing" \
	test "$(json "d['summary']['violations']['stable-to-testing']")" = 0
e2e_check "6.1 to 6.12: one stable entry vanished" \
	test "$(json "d['summary']['violations']['vanished-stable']")" = 1
# a What renamed names both paths, in the message every format shows and in the JSON
e2e_check "6.1 to 6.12: a renamed What says the old and the new path" python3 - \
	"$E2E_TMP/6.1-6.12.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
c = [c for c in d["changes"] if c["new"] and
     c["new"]["file"].endswith("testing/debugfs-driver-habanalabs") and c["new"]["line"] == 1][0]
want = "'/sys/kernel/debug/habanalabs/hl<n>/addr' -> '/sys/kernel/debug/accel/<parent_device>/addr': What"
assert c["kind"] == "changed" and c["message"] == want, c
assert c["old_whats"] == ["/sys/kernel/debug/habanalabs/hl<n>/addr"], c["old_whats"]
assert c["whats"] == ["/sys/kernel/debug/accel/<parent_device>/addr"], c["whats"]
same = [c for c in d["changes"] if c["kind"] == "changed" and c["old_whats"] == c["whats"]]
assert same and all(" -> " not in c["message"] for c in same), same[:1]
EOF

e2e_done
