#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# make install DESTDIR=...: the binary, the man page, the report templates and the
# default ABI tree land under PREFIX, and the installed binary works from there, away
# from the build tree: it finds its templates and its documentation beside itself.
# Run once, with the plain build (the sanitized builds install the same files).
. tests/e2e/lib.sh

O=${O:-build}
if [ "$SYSABI" != "$PWD/$O/sysabi" ]; then
	e2e_skip "install" "runs with the plain build only"
	e2e_done
	exit 0
fi
dest=$E2E_TMP/dest
prefix=/opt/sysabi-test
if ! make -s --no-print-directory O="$O" install DESTDIR="$dest" PREFIX="$prefix" \
	>"$E2E_TMP/make.log" 2>&1; then
	e2e_fail "make install" "$(tail -n 20 "$E2E_TMP/make.log")"
	e2e_done
	exit 1
fi
root=$dest$prefix
for f in bin/sysabi share/man/man1/sysabi.1 share/sysabi/report-templates/html/report.html \
	 share/sysabi/report-templates/ktap/report.ktap share/sysabi/abi/Makefile \
	 share/sysabi/abi/Documentation/ABI/stable; do
	e2e_check "installed $f" test -e "$root/$f"
done
e2e_check "man -l reads the installed page" \
	bash -c "man -l '$root/share/man/man1/sysabi.1' 2>/dev/null | grep -q '^SYNOPSIS'"

# away from the clone, with nothing in the environment to help
cd / || exit 2
env -u SYSABI_ABI_DIR -u SYSABI_TEMPLATE_DIR "$root/bin/sysabi" validate --format json \
	>"$E2E_TMP/out" 2>"$E2E_TMP/err"
python3 - "$E2E_TMP/out" "$root" <<'PY' >"$E2E_TMP/check" 2>&1
import json, sys
d = json.load(open(sys.argv[1]))
assert d["abi"]["origin"] == "built-in default", d["abi"]
assert d["abi"]["dir"] == sys.argv[2] + "/share/sysabi/abi/Documentation/ABI", d["abi"]
assert d["abi"]["kernel_version"], d["abi"]
assert d["summary"]["entries"] > 1000, d["summary"]
PY
e2e_check "the installed binary reads the installed ABI tree" test ! -s "$E2E_TMP/check"
[ -s "$E2E_TMP/check" ] && cat "$E2E_TMP/check"
env -u SYSABI_TEMPLATE_DIR "$root/bin/sysabi" validate --format html -o "$E2E_TMP/r.html" 2>"$E2E_TMP/err"
e2e_check "the installed binary renders HTML from the installed templates" \
	grep -q '<svg' "$E2E_TMP/r.html"
cd - >/dev/null || exit 2

make -s --no-print-directory O="$O" uninstall DESTDIR="$dest" PREFIX="$prefix" >/dev/null 2>&1
e2e_check "make uninstall succeeds" test "$?" = 0
e2e_check "make uninstall leaves no file" test -z "$(find "$dest" ! -type d)"
e2e_check "make uninstall leaves no share/sysabi" test ! -e "$root/share/sysabi"

e2e_done
