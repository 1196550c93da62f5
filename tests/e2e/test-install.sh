#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# make install DESTDIR=...: the binary, the man page, the report templates and the
# default ABI tree land under PREFIX, and the installed binary works from there, away
# from the build tree: it finds its templates and its documentation beside itself.
# libabi lands there too, and a program built with `pkg-config --cflags --libs libabi`
# (tests/e2e/libabi-example.c) runs on it.
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
	 share/sysabi/abi/Documentation/ABI/stable \
	 share/sysabi/abi/Documentation/admin-guide/kernel-parameters.txt \
	 share/sysabi/abi/abi.image share/sysabi/schema/report.schema.json \
	 share/sysabi/report-templates/sarif/report.sarif \
	 share/bash-completion/completions/sysabi; do
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
SYSABI_CACHE_DIR=off "$root/bin/sysabi" index --abi "$root/share/sysabi/abi/Documentation/ABI" \
	-o "$root/share/sysabi/abi/abi.image" >"$E2E_TMP/out" 2>"$E2E_TMP/err"
e2e_check "the installed image is up to date for the installed tree" \
	grep -q "image up to date" "$E2E_TMP/out"
cd - >/dev/null || exit 2

# ---- libabi, as a program of its own uses it ----

lib=$root/lib
hdr=$root/include/libabi/abi.h
cc=${CC:-cc}
for f in include/libabi/abi.h lib/libabi.a lib/pkgconfig/libabi.pc; do
	e2e_check "installed $f" test -f "$root/$f"
done
# the soname is the interface's major version; the real file has the whole version
so=$(readlink "$lib/libabi.so.0")
e2e_check "lib/libabi.so.0 links to lib/libabi.so.0.x.y" \
	bash -c "[[ '$so' =~ ^libabi\.so\.0\.[0-9]+\.[0-9]+$ ]] && test -f '$lib/$so'"
e2e_check "lib/libabi.so links to libabi.so.0" \
	test "$(readlink "$lib/libabi.so")" = libabi.so.0
e2e_check "libabi.so's soname is libabi.so.0" \
	bash -c "readelf -d '$lib/libabi.so' | grep -qF 'Library soname: [libabi.so.0]'"
e2e_check "the installed abi.h compiles alone, as C" \
	"$cc" -std=c99 -pedantic -Wall -Wextra -Werror -fsyntax-only -x c "$hdr"
if command -v c++ >/dev/null; then
	e2e_check "the installed abi.h compiles alone, as C++" \
		c++ -Wall -Wextra -Werror -fsyntax-only -x c++ "$hdr"
fi

# only what abi.h declares is exported; the helpers are in the archive, local in the .so
n_exported=$(nm -D --defined-only "$lib/libabi.so" | awk '$2 == "T"' | wc -l)
e2e_check "libabi.so exports the $n_exported functions of abi.h and nothing else" \
	build-aux/abi-exports.sh "$hdr" "$lib/libabi.so"
for sym in abi_arena_new abi_file_parse abi_glob_match file_read beneath_open; do
	e2e_check "$sym is in libabi.a, not exported by libabi.so" bash -c \
		"nm '$lib/libabi.a' | grep -qx '[0-9a-f]* T $sym' &&
		 ! nm -D --defined-only '$lib/libabi.so' | grep -q ' $sym@'"
done

# The .pc names PREFIX, where nothing is: DESTDIR stands in for the root, as for any
# staged install.
pc() {
	PKG_CONFIG_PATH=$lib/pkgconfig PKG_CONFIG_SYSROOT_DIR=$dest pkg-config "$@"
}
e2e_check "pkg-config gives libabi the version of its file name" \
	test "libabi.so.0.$(pc --modversion libabi | cut -d. -f2-)" = "$so"
e2e_check "libabi.pc requires no other package" \
	test -z "$(pc --print-requires libabi)$(pc --print-requires-private libabi)"
e2e_check "libabi.so needs the C library alone" test \
	"$(readelf -d "$lib/libabi.so" | awk '/NEEDED/ { print $NF }')" = "[libc.so.6]"
example=$E2E_TMP/libabi-example
# shellcheck disable=SC2046 # pkg-config's words are each an argument
"$cc" -Wall -Wextra -Werror -o "$example" tests/e2e/libabi-example.c \
	$(pc --cflags --libs libabi) 2>"$E2E_TMP/cc.log"
e2e_check "a program builds with pkg-config --cflags --libs libabi" test -x "$example"
[ -s "$E2E_TMP/cc.log" ] && cat "$E2E_TMP/cc.log"
e2e_check "that program loads the installed libabi.so.0" bash -c \
	"LD_LIBRARY_PATH='$lib' ldd '$example' | grep -qF '=> $lib/libabi.so.0 '"
# the archive, with what pkg-config --static adds for it (nothing: libabi needs only libc)
# shellcheck disable=SC2046
"$cc" -Wall -Wextra -Werror -o "$example-static" tests/e2e/libabi-example.c \
	$(pc --cflags --static --libs libabi | sed 's/-labi\b/-l:libabi.a/') \
	2>"$E2E_TMP/cc.log"
e2e_check "a program builds with libabi.a and pkg-config --static --libs libabi" \
	bash -c "test -x '$example-static' && ! ldd '$example-static' | grep -q libabi"
[ -s "$E2E_TMP/cc.log" ] && cat "$E2E_TMP/cc.log"

abi=${ABI_DOCS:-abi-docs}/linux-6.12/Documentation/ABI
paths=(/sys/kernel/btf/vmlinux /sys/class/net/eth0/mtu /sys/kernel/no-such-file)
if [ -d "$abi" ] && [ -x "$example" ]; then
	LD_LIBRARY_PATH=$lib "$example" "$abi" "${paths[@]}" \
		>"$E2E_TMP/out" 2>"$E2E_TMP/err"
	rc=$?
	e2e_check "the example: exit 1, a path is not documented" test "$rc" = 1
	e2e_check "the example: the tree's kernel, entries and files" grep -qxE \
		'Linux 6\.12\.[0-9]+: [0-9]{4,} entries in [0-9]+ files, [0-9]+ errors' \
		"$E2E_TMP/out"
	e2e_check "the example: each path's What lines and their file:line" \
		diff -u "$E2E_EXPECTED/libabi-example.txt" <(tail -n +2 "$E2E_TMP/out")
	e2e_check "the example: nothing on stderr" test ! -s "$E2E_TMP/err"
	if [ -x "$example-static" ]; then
		"$example-static" "$abi" "${paths[@]}" >"$E2E_TMP/out-static" 2>&1
		e2e_check "the example on libabi.a: the same output" \
			cmp -s "$E2E_TMP/out" "$E2E_TMP/out-static"
	fi
	# valgrind does not know openat2, hence SYSABI_NO_OPENAT2 (tests/run.sh does too)
	if command -v valgrind >/dev/null; then
		LD_LIBRARY_PATH=$lib SYSABI_NO_OPENAT2=1 valgrind -q --leak-check=full \
			--errors-for-leak-kinds=definite --error-exitcode=3 \
			"$example" "$abi" "${paths[0]}" >/dev/null 2>"$E2E_TMP/valgrind"
		rc=$?
		e2e_check "the example frees all it allocates (valgrind)" test "$rc" = 0
		[ "$rc" != 0 ] && head -n 40 "$E2E_TMP/valgrind"
	fi
else
	e2e_skip "libabi example on linux-6.12" "no $abi (make abi-docs), or no example"
fi

make -s --no-print-directory O="$O" uninstall DESTDIR="$dest" PREFIX="$prefix" \
	>/dev/null 2>&1
e2e_check "make uninstall succeeds" test "$?" = 0
e2e_check "make uninstall leaves no file" test -z "$(find "$dest" ! -type d)"
e2e_check "make uninstall leaves no share/sysabi" test ! -e "$root/share/sysabi"
e2e_check "make uninstall leaves no include/libabi" test ! -e "$root/include/libabi"

e2e_done
