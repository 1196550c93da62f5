#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# sysabi in get_abi.pl's place in the kernel's own documentation build: the ABI pages
# of linux-6.12's admin-guide (abi.rst and abi-stable, abi-testing, abi-obsolete,
# abi-removed, each a kernel-abi directive) built by sphinx-build with the kernel's
# Documentation/conf.py and its extensions (Documentation/sphinx/, kernel_abi.py among
# them) twice: with the kernel's scripts/get_abi.pl, and with a scripts/get_abi.pl that
# runs sysabi. Then: sysabi's build has no warning the script's lacks; the same pages;
# every label of the script's build (entries, files, autosectionlabel's titles) in
# sysabi's, and nothing more than the entries that get_abi.pl misreads
# (expected/kernel-sphinx-extra-labels.txt); the pages' text the same but for the What
# lines and entries the script drops (expected/kernel-sphinx-page-diff.txt); a few
# entries render with their text.
#
# Only those five pages are built, not the whole Documentation (-D master_doc=abi on a
# directory holding them): so the :doc: links of descriptions to the rest of the
# documentation are "unknown document" warnings, in both builds alike. A build takes
# about 30 s of CPU, nearly all of it Sphinx's: the two run side by side (about 55 s on
# two CPUs), and each one's findings are kept in $O/kernel-sphinx under a hash of
# everything the build reads (for sysabi's, the four documents sysabi writes for the
# directive), so that the runs with the sanitized binary and under valgrind, whose
# documents are the same, only run sysabi (2 s, 15 s under valgrind). Files from
# `make abi-docs` (build-aux/abi-docs.sh extracts them).
. tests/e2e/lib.sh

ABI_DOCS=${ABI_DOCS:-abi-docs}
# absolute: the builds run elsewhere
absolute() { case $1 in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
kernel=$(absolute "$ABI_DOCS/linux-6.12")
levels="stable testing obsolete removed"
cache=$(absolute "${O:-build}/kernel-sphinx")

if [ ! -f "$kernel/Documentation/sphinx/kernel_abi.py" ] ||
	[ ! -f "$kernel/Documentation/conf.py" ] || [ ! -f "$kernel/scripts/get_abi.pl" ]; then
	e2e_skip "the kernel's Sphinx build" \
		"no Documentation/sphinx/kernel_abi.py, conf.py or get_abi.pl in $ABI_DOCS/linux-6.12 (make abi-docs, from linux-source-6.12)"
	e2e_done
	exit 0
fi
for tool in sphinx-build perl; do
	if ! command -v $tool >/dev/null; then
		e2e_skip "the kernel's Sphinx build" "no $tool (make check installs it)"
		e2e_done
		exit 0
	fi
done

# A kernel tree for each build: the same Documentation, each its own get_abi.pl.
# $SYSABI may be "valgrind ... build/sysabi": the shim runs the same.
for side in get_abi sysabi; do
	mkdir -p "$E2E_TMP/$side/scripts"
	ln -s "$kernel/Documentation" "$E2E_TMP/$side/Documentation"
done
cp "$kernel/scripts/get_abi.pl" "$E2E_TMP/get_abi/scripts/get_abi.pl"
printf '#!/bin/sh\nexec %s "$@"\n' "$SYSABI" >"$E2E_TMP/sysabi/scripts/get_abi.pl"
chmod +x "$E2E_TMP/get_abi/scripts/get_abi.pl" "$E2E_TMP/sysabi/scripts/get_abi.pl"
src=$E2E_TMP/src
mkdir -p "$src"
cp "$kernel"/Documentation/admin-guide/abi*.rst "$src/"

# What the directive runs, run here first: exit 0, text, and a marker for every entry
# and file that names a line of it.
docs=$E2E_TMP/sysabi-docs
mkdir -p "$docs"
for level in $levels; do
	# shellcheck disable=SC2086 # $SYSABI may be "valgrind ... build/sysabi"
	(cd "$src" && $SYSABI rest --enable-lineno \
		--dir "$E2E_TMP/sysabi/Documentation/ABI/$level" --rst-source) \
		>"$docs/$level.rst" 2>"$docs/$level.err"
	e2e_check "$level: the directive's command, exit 0, nothing on stderr" \
		test $? = 0 -a ! -s "$docs/$level.err"
	e2e_check "$level: every marker names a line of a file" python3 - \
		"$docs/$level.rst" <<'EOF'
import re, sys
text = open(sys.argv[1], "rb").read().decode("utf-8")
marks = re.findall(r"^\.\. LINENO (\S+)#([0-9]+)$", text, re.M)
lines = {}
for path, line in marks:
    if path not in lines:
        lines[path] = open(path, "rb").read().count(b"\n") + 1
    if not 1 <= int(line) <= lines[path]:
        sys.exit(f"{path}#{line}: no such line")
sys.exit(0 if len(marks) > 10 else "too few markers")
EOF
done

# key SIDE: a hash of what SIDE's build reads
key() {
	{
		sphinx-build --version
		cat "$0"
		(cd "$kernel" && find Documentation/conf.py Documentation/sphinx \
			Documentation/sphinx-static Documentation/admin-guide Documentation/ABI \
			-type f -print0 | sort -z | xargs -0 sha256sum)
		if [ "$1" = get_abi ]; then
			sha256sum <"$kernel/scripts/get_abi.pl"
		else
			# the markers name files below this run's temporary directory
			cat "$docs"/*.rst | sed "s#$E2E_TMP/##g" | sha256sum
		fi
	} | sha256sum | cut -c1-16
}

# build SIDE DIR: the pages, with SIDE's get_abi.pl; in DIR its warnings (stderr, the
# temporary paths taken out), labels (objects.inv), pages and the ABI pages' HTML
build() {
	local side=$1 dir=$2 tmp=$2.tmp
	rm -rf "$tmp"
	mkdir -p "$tmp"
	(cd "$E2E_TMP" && srctree=$E2E_TMP/$side nice sphinx-build -q -b html \
		-c "$kernel/Documentation" -d "$tmp/doctrees" -D master_doc=abi \
		-D version=6.12 -D release=6.12 "$src" "$tmp/html") \
		>"$tmp/stdout" 2>"$tmp/stderr"
	echo $? >"$tmp/status"
	sed -e "s#$E2E_TMP/##g" -e "s#$kernel/##g" "$tmp/stderr" | grep -v '^$' |
		LC_ALL=C sort -u >"$tmp/warnings"
	python3 - "$tmp/html/objects.inv" "$tmp" <<'EOF'
import re, sys, zlib
data = open(sys.argv[1], "rb").read()
body = zlib.decompress(data.split(b"\n", 4)[4]).decode("utf-8")
labels, docs = [], []
for line in body.splitlines():
    # name domain:role priority uri display, as Sphinx reads it: a name may hold blanks
    m = re.match(r"(.+?)\s+(\S+)\s+(-?\d+)\s+?(\S*)\s+(.*)", line)
    if m and m.group(2) == "std:label":
        labels.append(m.group(1))
    elif m and m.group(2) == "std:doc":
        docs.append(m.group(1))
# in code point order, which is LC_ALL=C sort's and comm's for UTF-8
for name, items in (("labels", labels), ("pages", docs)):
    with open(sys.argv[2] + "/" + name, "w", encoding="utf-8") as f:
        f.write("".join(i + "\n" for i in sorted(items)))
EOF
	(cd "$tmp/html" && ls ./*.html) >>"$tmp/pages"
	mkdir -p "$tmp/kept"
	cp "$tmp/html"/abi-*.html "$tmp/kept/" 2>/dev/null
	rm -rf "$tmp/html" "$tmp/doctrees"
	rm -rf "$dir"
	mv "$tmp" "$dir"
}

mkdir -p "$cache"
start=$(date +%s)
built=
declare -A found
for side in get_abi sysabi; do
	found[$side]=$cache/$side-$(key $side)
	if [ ! -f "${found[$side]}/status" ]; then
		# the findings of older builds of this side, dropped
		rm -rf "${cache:?}/$side"-*
		build $side "${found[$side]}" &
		built="$built $side"
	fi
done
wait
echo "kernel Sphinx builds:${built:- none, both kept} ($(($(date +%s) - start)) s)"
ga=${found[get_abi]} sa=${found[sysabi]}

e2e_check "get_abi.pl's build succeeds" test "$(cat "$ga/status")" = 0
e2e_check "sysabi's build succeeds" test "$(cat "$sa/status")" = 0
LC_ALL=C comm -13 "$ga/warnings" "$sa/warnings" >"$E2E_TMP/new-warnings"
e2e_check "no warning that get_abi.pl's build lacks ($(wc -l <"$ga/warnings") lines of warnings in both)" \
	test ! -s "$E2E_TMP/new-warnings"
head -n 20 "$E2E_TMP/new-warnings"
e2e_check "the same pages" cmp -s "$ga/pages" "$sa/pages"
e2e_check "a page for each level" test "$(grep -c '^\./abi-.*\.html$' "$sa/pages")" = 4
LC_ALL=C comm -23 "$ga/labels" "$sa/labels" >"$E2E_TMP/missing-labels"
e2e_check "every label of get_abi.pl's build in sysabi's ($(wc -l <"$ga/labels") labels)" \
	test ! -s "$E2E_TMP/missing-labels" -a "$(wc -l <"$ga/labels")" -gt 5000
head -n 20 "$E2E_TMP/missing-labels"
LC_ALL=C comm -13 "$ga/labels" "$sa/labels" >"$E2E_TMP/extra-labels"
e2e_check "more labels only for the entries get_abi.pl misreads" \
	diff -u "$E2E_EXPECTED/kernel-sphinx-extra-labels.txt" "$E2E_TMP/extra-labels"

# the pages' text, line by line, the same but for what sysabi reads that the script
# does not: the What lines it drops, the entries it misreads
python3 - "$ga/kept" "$sa/kept" >"$E2E_TMP/page-diff" <<'EOF'
import difflib, html, re, sys


def text(kept, page):
    s = open(f"{kept}/{page}.html", encoding="utf-8").read()
    s = s[s.index('<div class="body"'):]
    lines = (html.unescape(re.sub(r"<[^>]+>", "", l)).strip() for l in s.split("\n"))
    return [l for l in lines if l]


for page in ("abi-stable", "abi-testing", "abi-obsolete", "abi-removed"):
    a, b = text(sys.argv[1], page), text(sys.argv[2], page)
    for line in difflib.unified_diff(a, b, lineterm="", n=0):
        if line[:1] in "+-" and line[:3] not in ("+++", "---"):
            print(page, line)
EOF
e2e_check "the pages' text: the same but for the What lines and entries the script drops" \
	diff -u "$E2E_EXPECTED/kernel-sphinx-page-diff.txt" "$E2E_TMP/page-diff"

# entries as they render: the What in bold, the file, the description's text
# entry PAGE ANCHOR TEXT...: the anchor's table, and each TEXT after it on the page
entry() {
	python3 - "$sa/kept/$1.html" "$2" "${@:3}" <<'EOF'
import html, re, sys
page = open(sys.argv[1], encoding="utf-8").read()
at = page.find('id="%s"' % sys.argv[2])
if at < 0:
    sys.exit("no anchor " + sys.argv[2])
# the entry: up to the next entry's table
end = page.find('<table class="docutils align-default" id="abi-', at + 1)
text = html.unescape(re.sub(r"<[^>]+>", "", page[at:end if end > 0 else len(page)]))
text = " ".join(text.split())
for want in sys.argv[3:]:
    if want not in text:
        sys.exit("not in the entry: " + want + "\n" + text[:600])
EOF
}
e2e_check "stable: /sys/block/<disk>/stat with its description and table" entry abi-stable \
	abi-sys-block-disk-stat '/sys/block/<disk>/stat' 'Defined on file sysfs-block' \
	'statistics of disk <disk>. They contain 11 fields:' '1 reads completed successfully'
e2e_check "testing: /sys/kernel/btf/vmlinux with its description" entry abi-testing \
	abi-sys-kernel-btf-vmlinux '/sys/kernel/btf/vmlinux' 'Defined on file sysfs-kernel-btf' \
	'own BTF type information with description of all internal kernel types'
e2e_check "testing: an entry get_abi.pl merges into the one before it, on its own" entry \
	abi-testing abi-sys-bus-iio-devices-iio-devicex-noise-level-tripped \
	'/sys/bus/iio/devices/iio:deviceX/noise_level_tripped' 'noise level is over the trip level'
e2e_check "stable: the text before a file's first entry, under the file's title" entry \
	abi-stable abi-file-stable-sysfs-class-rfkill 'File stable/sysfs-class-rfkill' \
	'rfkill - radio frequency (RF) connector kill switch support'

e2e_done
