#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# sysabi validate FILE..., as a maintainer runs it on the files of a patch: the defects
# of those files only, judged in the Documentation/ABI tree they sit in (a duplicate in
# another file counts), the tree found from the files, the exit status theirs.
. tests/e2e/lib.sh

T=$E2E_TMP
FIX=${SYSABI_FIXTURES:-tests/fixtures}

# a kernel tree made of the defects fixture
mkdir -p "$T/linux/Documentation"
cp -R "$FIX/defects/abi" "$T/linux/Documentation/ABI"
printf 'VERSION = 6\nPATCHLEVEL = 12\nSUBLEVEL = 0\n' >"$T/linux/Makefile"
ABI=$T/linux/Documentation/ABI

# kinds FILE.json: "file:line:kind" of each diagnostic, the file below the tree
kinds() {
	python3 -c '
import json, sys
for d in json.load(open(sys.argv[1]))["diagnostics"]:
    print("%s:%d:%s" % (d["file"].split("Documentation/ABI/")[-1], d["line"], d["kind"]))
' "$1"
}

$SYSABI validate --abi "$ABI" --lint --format json >"$T/all.json" 2>/dev/null
kinds "$T/all.json" >"$T/all.kinds"

# from where the maintainer works, one file
(cd "$ABI/testing" && $SYSABI validate --lint --format json sysfs-tags \
	>"$T/out" 2>"$T/err")
rc=$?
e2e_check "one file: exit 0, its defects being warnings" test "$rc" = 0
kinds "$T/out" >"$T/tags.kinds"
grep '^testing/sysfs-tags:' "$T/all.kinds" >"$T/tags.want"
e2e_check "one file: its diagnostics, all of them, and no other" \
	diff -u "$T/tags.want" "$T/tags.kinds"
e2e_check "one file: the tree found from it, and said" python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
assert r["abi"]["origin"] == "the files given", r["abi"]
assert r["abi"]["dir"].endswith("linux/Documentation/ABI"), r["abi"]
assert r["files_given"] == ["testing/sysfs-tags"], r["files_given"]
assert r["summary"]["diagnostics"]["warning"] == 6, r["summary"]["diagnostics"]' "$T/out"

# a duplicate whose first place is in another file is the given file's too
e2e_run validate --format json "$ABI/testing/sysfs-dup"
kinds "$T/out" >"$T/dup.kinds"
e2e_check "a duplicate named from another file counts" \
	grep -qx 'stable/sysfs-dup:1:what-duplicate' "$T/dup.kinds"
e2e_check "that file's own defects do not" \
	sh -c "! grep -q 'missing-description' '$T/dup.kinds'"

# the exit status is the files': an error elsewhere in the tree fails no one else
e2e_run validate "$ABI/testing/sysfs-whats"
e2e_check "a file with an error: exit 1" test "$rc" = 1
e2e_run validate "$ABI/testing/sysfs-tags" "$ABI/obsolete/sysfs-empty"
e2e_check "files without one, in a tree with one: exit 0" test "$rc" = 0
e2e_check "two files: both named" grep -q 'files judged: testing/sysfs-tags obsolete/sysfs-empty' "$T/out"

# misuse
mkdir -p "$T/other/Documentation"
cp -R "$FIX/basic/abi" "$T/other/Documentation/ABI"
other=$(ls "$T"/other/Documentation/ABI/testing/* | head -n 1)
e2e_run validate "$ABI/testing/sysfs-tags" "$other"
e2e_check "two trees: refused" test "$rc" = 2
e2e_check "two trees: named" grep -q "one tree at a time" "$T/err"
e2e_run validate "$T/linux/Makefile"
e2e_check "a file in no tree: refused with a hint" grep -q "in no Documentation/ABI tree; name it with --abi" "$T/err"
e2e_run validate --abi "$ABI" "$other"
e2e_check "--abi and a file of another tree: refused" grep -q "not in $ABI" "$T/err"
e2e_run validate --abi "$FIX/defects/abi" --format json "$FIX/defects/abi/sysfs-stray"
e2e_check "--abi names a tree of any name" python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
assert [d["kind"] for d in r["diagnostics"]] == ["file-outside-level"], r["diagnostics"]' "$T/out"
e2e_run validate "$ABI/testing"
e2e_check "a directory: refused" test "$rc" = 2
e2e_run validate "$T/nothing-here"
e2e_check "a file that is not there: refused" test "$rc" = 2

e2e_done
