#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# validate, search and match on the fixture trees, compared with expected output that a
# person has read (tests/e2e/expected); options, errors and exit statuses.
. tests/e2e/lib.sh

not() { ! "$@"; }

basic=tests/fixtures/basic/abi
defects=tests/fixtures/defects/abi

e2e_expect validate-basic.txt 0 validate --abi $basic
e2e_expect validate-basic.json 0 validate --abi $basic --format json
e2e_expect validate-basic-werror.txt 1 --abi $basic validate --werror --lint
e2e_expect validate-defects.txt 1 validate --abi $defects
e2e_expect validate-defects-lint.json 1 --format=json validate --abi $defects --lint
e2e_expect search-btf.txt 0 search --abi $basic btf
e2e_expect search-btf.json 0 search --abi $basic --format json 'BTF$'
e2e_expect search-none.txt 1 search --abi $basic 'no-such-thing'
e2e_expect match-basic.txt 1 match --abi $basic /sys/devices/system/cpu/offline \
	/sys/class/net/eth0/mtu /sys/bus/usb/drivers/usbold/unbind /sys/o2cb \
	/sys/devices/system/cpu/cpu3/topology/physical_package_id /sys/class/net/eth0 \
	/sys/kernel/btf/vmlinux /sys/kernel/btf/
e2e_expect match-basic.json 0 match --abi $basic --format json /sys/kernel/btf/nvme

# where the documentation comes from
SYSABI_ABI_DIR=$basic e2e_run match /sys/kernel/btf
e2e_check "SYSABI_ABI_DIR is read" grep -q "ABI tree: $basic (kernel version unknown, from SYSABI_ABI_DIR)" "$E2E_TMP/out"
SYSABI_ABI_DIR=$defects e2e_run match --abi $basic /sys/kernel/btf
e2e_check "--abi wins over SYSABI_ABI_DIR" grep -q "from --abi" "$E2E_TMP/out"
kernel=$E2E_TMP/linux
mkdir -p "$kernel/Documentation"
cp -r $basic "$kernel/Documentation/ABI"
printf 'VERSION = 6\nPATCHLEVEL = 13\nSUBLEVEL = 0\nEXTRAVERSION = -rc2\n' >"$kernel/Makefile"
top=$PWD
(cd "$kernel" && SYSABI_ABI_DIR= $SYSABI match /sys/kernel/btf >"$E2E_TMP/out" 2>&1)
e2e_check "a kernel tree's Documentation/ABI is found, with its version" \
	grep -q "ABI tree: Documentation/ABI (Linux 6.13.0-rc2, from kernel tree)" "$E2E_TMP/out"
# found upward from where a maintainer works, as git finds .git
(cd "$kernel/Documentation/ABI/testing" && SYSABI_ABI_DIR= $SYSABI match /sys/kernel/btf >"$E2E_TMP/out" 2>&1)
e2e_check "a kernel tree found from its Documentation/ABI/testing" \
	grep -q "ABI tree: ../../../Documentation/ABI (Linux 6.13.0-rc2, from kernel tree)" "$E2E_TMP/out"
# a kernel tree without its documentation: an error, never another tree's
bare=$E2E_TMP/linux-bare
mkdir -p "$bare/drivers/base"
printf 'VERSION = 6\nPATCHLEVEL = 13\n' >"$bare/Makefile"
(cd "$bare/drivers/base" && SYSABI_ABI_DIR= $SYSABI validate >"$E2E_TMP/out" 2>"$E2E_TMP/err")
rc=$?
e2e_check "a kernel tree without Documentation/ABI: exit 2" test "$rc" = 2
e2e_check "a kernel tree without Documentation/ABI: names it, no other tree read" \
	grep -qx "sysabi: ../..: a kernel tree, and its Documentation/ABI is not there; name the documentation with --abi" "$E2E_TMP/err"
if [ -d "$top/${ABI_DOCS:-abi-docs}/linux-6.12/Documentation/ABI/testing" ]; then
	(cd "$top/${ABI_DOCS:-abi-docs}/linux-6.12/Documentation/ABI/testing" &&
		SYSABI_ABI_DIR= $SYSABI validate >"$E2E_TMP/out" 2>&1)
	e2e_check "linux-source-6.12's tree, from Documentation/ABI/testing" \
		grep -q "^ABI tree: ../../../Documentation/ABI (Linux 6.12.[0-9]*, from kernel tree)" "$E2E_TMP/out"
fi
cd "$top" || exit 2

# writing the report to a file, atomically
e2e_run validate --abi $basic -o "$E2E_TMP/report.txt"
e2e_check "-o writes the report" cmp -s "$E2E_TMP/report.txt" "$E2E_EXPECTED/validate-basic.txt"
e2e_check "-o FILE: the result and the file said on stdout, for the job's log" \
	test "$(cat "$E2E_TMP/out")" = "sysabi validate: pass; written: $E2E_TMP/report.txt (text)"
e2e_run validate --abi $basic -o "$E2E_TMP/report.txt" --quiet
e2e_check "-o FILE --quiet: stdout empty" test ! -s "$E2E_TMP/out"
e2e_run validate --abi $defects -o "$E2E_TMP/report.json" -o "$E2E_TMP/report.ktap"
e2e_check "-o FILE -o FILE: a failing run says what fails, and each file" \
	test "$(cat "$E2E_TMP/out")" = "sysabi validate: fail; written: $E2E_TMP/report.json (json), $E2E_TMP/report.ktap (ktap)"
e2e_run validate --abi $basic -o - -o "$E2E_TMP/report.json"
e2e_check "-o - -o FILE: the report on stdout, and no summary after it" \
	cmp -s "$E2E_TMP/out" "$E2E_EXPECTED/validate-basic.txt"
e2e_run validate --abi $basic -o "$E2E_TMP/no/such/dir/report.txt"
e2e_check "-o into a missing directory: exit 2" test "$rc" = 2
e2e_check "-o into a missing directory: says why" \
	grep -q "sysabi: cannot write '$E2E_TMP/no/such/dir/report.txt': No such file or directory" "$E2E_TMP/err"
e2e_check "-o into a missing directory: no file left" test ! -e "$E2E_TMP/no"

# misuse and errors: one line, a hint, exit 2
e2e_run
e2e_check "no command: exit 2" test "$rc" = 2
e2e_check "no command: hint" grep -qx "Try 'sysabi --help' for more information." "$E2E_TMP/err"
e2e_run frobnicate
e2e_check "unknown command: says so" grep -qx "sysabi: 'frobnicate' is not a command" "$E2E_TMP/err"
e2e_run vali
e2e_check "no prefix guessing" test "$rc" = 2
e2e_check "... but a suggestion" grep -qx "sysabi: 'vali' is not a command; did you mean 'validate'?" "$E2E_TMP/err"
e2e_run vaildate
e2e_check "mistyped command: did you mean" grep -qx "sysabi: 'vaildate' is not a command; did you mean 'validate'?" "$E2E_TMP/err"
e2e_run validate --abbi $basic
e2e_check "mistyped option: exit 2" test "$rc" = 2
e2e_check "mistyped option: did you mean, as sysabi" grep -qx "sysabi: unknown option '--abbi'; did you mean '--abi'?" "$E2E_TMP/err"
e2e_check "mistyped option: the command's hint" grep -qx "Try 'sysabi validate --help' for more information." "$E2E_TMP/err"
e2e_run audit --fail-onn removed
e2e_check "a command's own option is suggested" grep -qx "sysabi: unknown option '--fail-onn'; did you mean '--fail-on'?" "$E2E_TMP/err"
e2e_run audit --f x
e2e_check "ambiguous option: its candidates" grep -qx "sysabi: option '--f' is ambiguous: --format, --fail-on" "$E2E_TMP/err"
e2e_run validate --abi $basic --format
e2e_check "option without its value: says so" grep -qx "sysabi: option '--format' needs a value" "$E2E_TMP/err"
e2e_run validate -o
e2e_check "short option without its value: says so" grep -qx "sysabi: option '-o' needs a value" "$E2E_TMP/err"
e2e_run --bogus validate
e2e_check "unknown global option: as sysabi, exit 2" \
	sh -c "test $rc = 2 && grep -qx \"sysabi: unknown option '--bogus'\" '$E2E_TMP/err'"
e2e_run validate --format yaml --abi $basic
e2e_check "unknown format: exit 2 and hint" grep -q "Try 'sysabi validate --help'" "$E2E_TMP/err"
e2e_run search --abi $basic '('
e2e_check "bad regex: exit 2" test "$rc" = 2
e2e_check "bad regex: says so" grep -q "sysabi: bad REGEX '(':" "$E2E_TMP/err"
e2e_run match --abi $basic sys/kernel
e2e_check "relative path: exit 2" test "$rc" = 2
e2e_run validate --abi "$E2E_TMP/nonexistent"
e2e_check "missing tree: exit 2" test "$rc" = 2
e2e_check "missing tree: says which and why" \
	grep -qx "sysabi: cannot read ABI tree '$E2E_TMP/nonexistent' (from --abi): No such file or directory" "$E2E_TMP/err"
mkdir -p "$E2E_TMP/empty-abi"
e2e_run validate --abi "$E2E_TMP/empty-abi" --format json
e2e_check "an empty tree: exit 0, nothing in it" \
	python3 -c "import json,sys; d=json.load(open('$E2E_TMP/out')); sys.exit(d['summary']['files'] != 0)"
e2e_run validate --abi $basic extra
e2e_check "unexpected argument: exit 2" test "$rc" = 2

# help goes to stdout and exits 0; every command is listed
e2e_run --help
e2e_check "--help: exit 0" test "$rc" = 0
cp "$E2E_TMP/out" "$E2E_TMP/help"
for c in validate search match; do
	e2e_check "--help lists $c" grep -q "^  $c " "$E2E_TMP/help"
	e2e_run $c --help
	e2e_check "$c --help: exit 0 with usage" grep -q "^Usage: sysabi $c" "$E2E_TMP/out"
done
e2e_run --version
e2e_check "--version" grep -qE '^sysabi [0-9]+\.[0-9]+\.[0-9]+$' "$E2E_TMP/out"

# COMMAND --help shows the help and stops there: nothing is read, nothing reported
for cmd in $($SYSABI --help | sed -n '/^Commands:/,/^$/s/^  \([a-z]*\) .*/\1/p'); do
	e2e_run "$cmd" --help
	e2e_check "$cmd --help exits 0" test "$rc" = 0
	e2e_check "$cmd --help starts with its usage" \
		test "$(head -n 1 "$E2E_TMP/out")" = "Usage: sysabi $cmd $(head -n 1 "$E2E_TMP/out" | cut -d' ' -f4-)"
	e2e_check "$cmd --help only helps" \
		not grep -qE '^(result|ABI tree|sysfs|vmlinux):' "$E2E_TMP/out"
done

e2e_done
