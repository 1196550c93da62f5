#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# sysabi rest: the fixture tree tests/fixtures/rest (markup, tables, directives, control
# characters and bytes that are not UTF-8 in its free text and a What, and a file name
# made here with them; one What in three entries;
# paths that link and paths that must not) against expected reST a person has read;
# URIs of schemes a browser runs never become links;
# Sphinx builds it without a warning; on the kernel's 6.12 tree, the same labels on
# every run, none twice, every entry with its level and file:line.
. tests/e2e/lib.sh

ABI_DOCS=${ABI_DOCS:-abi-docs}
rest=tests/fixtures/rest/abi

# utf8_text FILE: valid UTF-8, and no control character but the newline
utf8_text() {
	python3 -c 'import re, sys
text = open(sys.argv[1], "rb").read().decode("utf-8")
sys.exit(bool(re.search("[\x00-\x09\x0b-\x1f\x7f]", text)))' "$1" 2>/dev/null
}

e2e_expect rest-fixture.rst 0 rest --abi $rest
cp "$E2E_TMP/out" "$E2E_TMP/rest-fixture.rst"
e2e_check "a What with control and non-UTF-8 bytes comes out clean" utf8_text "$E2E_TMP/out"
e2e_expect rest-fixture-stable.rst 0 rest --abi $rest --level stable \
	--title 'Stable *widgets*' --label-prefix widget-abi
cp "$E2E_TMP/out" "$E2E_TMP/rest-fixture-stable.rst"

# a file name with a control character and a byte that is not UTF-8, made here, as a
# checkout may not hold such a name: in its title, its Source and the Files list
hostile=$E2E_TMP/hostile-abi
cp -r $rest "$hostile"
printf 'What:\t\t/sys/kernel/hostile/named\nDescription:\tIn a file with a bad name.\n' \
	>"$hostile/testing/sysfs-bad"$'\x1b'"name"$'\xff'
fffd=$'\xef\xbf\xbd' # U+FFFD, in UTF-8 whatever the locale
e2e_run rest --abi "$hostile"
cp "$E2E_TMP/out" "$E2E_TMP/rest-hostile-name.rst"
e2e_check "a bad file name: exit 0" test "$rc" = 0
e2e_check "a bad file name comes out clean" utf8_text "$E2E_TMP/out"
e2e_check "a bad file name: its Source" grep -qxF \
	'   :Source: :literal:`testing/sysfs-bad'"$fffd"'name'"$fffd"':1`' "$E2E_TMP/out"
e2e_check "a bad file name: in the Files list" grep -qF \
	':ref:`sysfs-bad'"$fffd"'name'"$fffd"' <abi-file-testing-sysfs-bad-name>`' "$E2E_TMP/out"

# URIs in free text: docutils links every scheme it knows without any markup,
# javascript: and data: among them; only http, https, ftp and mailto may become links
uris=$E2E_TMP/uris-abi
cp -r $rest "$uris"
printf '%s\n' 'What:		/sys/kernel/uris/a' 'Contact:	javascript:alert(1)' \
	'Description:	javascript:alert(1) data:text/html,x vbscript:msgbox(1)' \
	'		file:///etc/passwd JavaScript:alert(2) x-javascript:alert(3)' \
	'		(javascript:alert(4)) <javascript:alert(5)> view-source:x' \
	'		https://kernel.org/ and http://example.com/x, ftp://ftp.kernel.org' \
	'		mailto:a@example.com; Note: text at 10:30, and cpu:0' \
	>"$uris/testing/sysfs-uris"
printf 'What:\t\t/sys/kernel/uris/b\nDescription:\tIn a file named like a URI.\n' \
	>"$uris/testing/javascript:alert(6)"
e2e_run rest --abi "$uris"
cp "$E2E_TMP/out" "$E2E_TMP/rest-uris.rst"
e2e_check "URIs: exit 0" test "$rc" = 0
e2e_check "URIs: the colon after another scheme escaped" grep -qxF \
	'      javascript\:alert(1) data\:text/html,x vbscript\:msgbox(1)' "$E2E_TMP/out"
e2e_check "URIs: in a field too" \
	grep -qxF '   :Contact: | javascript\:alert(1)' "$E2E_TMP/out"
e2e_check "URIs: in a title too" grep -qxF 'testing/javascript\:alert(6)' "$E2E_TMP/out"
e2e_check "URIs: http, https, ftp and mailto as written" grep -qxF \
	'      https://kernel.org/ and http://example.com/x, ftp://ftp.kernel.org' \
	"$E2E_TMP/out"
e2e_check "URIs: only a colon after a scheme and before a URI's rest escaped" grep -qxF \
	'      mailto:a@example.com; Note: text at 10:30, and cpu\:0' "$E2E_TMP/out"

e2e_run rest --abi $rest --title ''
e2e_check "--title '': no title" test "$(sed -n 3p "$E2E_TMP/out")" = \
	"14 entries with 16 What lines, in 5 files. Each entry gives its stability level and the file and line it comes from, below the ABI directory."
e2e_run rest --abi $rest -o "$E2E_TMP/rest.rst"
e2e_check "-o writes the document" cmp -s "$E2E_TMP/rest.rst" "$E2E_EXPECTED/rest-fixture.rst"
e2e_check "-o leaves stdout empty" test ! -s "$E2E_TMP/out"

# --get-abi: get_abi.pl's document, for the kernel's own Sphinx build
# (test-kernel-sphinx.sh builds the kernel's pages with it)
e2e_expect rest-fixture-get-abi.rst 0 rest --get-abi --abi $rest
e2e_run rest --enable-lineno --rst-source --dir "$PWD/$rest/testing"
e2e_check "--enable-lineno: a marker for each entry and file of the level" test \
	"$(grep -c "^\.\. LINENO $PWD/$rest/testing/sysfs-[a-z-]*#[0-9]*$" "$E2E_TMP/out")" = 10
e2e_check "--enable-lineno: a level's directory gives get_abi.pl's file labels" grep -qx \
	'.. _abi_file_testing_sysfs_kernel_hostile:' "$E2E_TMP/out"
e2e_run rest --enable-lineno --abi "$hostile"
e2e_check "--enable-lineno: a bad file name gets no marker" \
	test "$rc" = 0 -a -z "$(grep 'LINENO.*sysfs-bad' "$E2E_TMP/out")"
e2e_check "--enable-lineno: ... its What and file are there all the same" \
	grep -qF ':ref:`/sys/kernel/hostile/named <abi_sys_kernel_hostile_named>`' "$E2E_TMP/out"
e2e_check "--enable-lineno: a bad file name comes out as UTF-8" python3 -c \
	'import sys; open(sys.argv[1], "rb").read().decode("utf-8")' "$E2E_TMP/out"
e2e_run rest --no-rst-source --abi $rest
e2e_check "--no-rst-source: a description with a colon at a line's end is literal" \
	grep -qxF -B2 ' Inline markup that must stay text: *emphasis, **strong,' "$E2E_TMP/out"
e2e_check "--no-rst-source: ... any other a paragraph, escaped" grep -qxF \
	'A What with a control character and a byte that is not UTF-8.' "$E2E_TMP/out"
e2e_run rest --get-abi --level stable --abi $rest
e2e_check "--get-abi --level: exit 2" test "$rc" = 2
e2e_check "--get-abi --level: says why" grep -q \
	"^sysabi: get_abi.pl's document has its own titles and labels" "$E2E_TMP/err"

# descriptions are reST there, but what reads a file, runs code or links to a script
# stays text: a tree of such text, built by Sphinx with -W
evil=$E2E_TMP/evil-abi
mkdir -p "$evil/testing"
cat >"$evil/testing/sysfs-evil" <<EVIL
Text before the first entry, with .. include:: /etc/passwd in it.

What:		/sys/kernel/evil/a
Description:
		.. include:: /etc/passwd

		.. raw:: html

		   <script>alert(1)</script>

		.. ifconfig:: __import__("os").system("touch $E2E_TMP/pwned")

		   text

		.. |x| image:: /etc/passwd

		.. LINENO /etc/passwd#1
		:download:\`the password file </etc/passwd>\`
		A link \`click <javascript:alert(2)>\`_ and a target_.

		.. _target: javascript:alert(3)

		Plain javascript:alert(4) and \`\`javascript:alert(5)\`\` stay, and
		https://kernel.org/ is a link; cpu:0 and iio:device0 are text.

		.. note:: A note stays a note.
Users:		*nobody* <javascript:alert(6)>

What:		/sys/kernel/evil/\`title\`*x*|y|
Description:	A What full of markup.

What:		:field: *x*
Description:	A What that is no path, a section's title: no field list.

What:		- item
Description:	Nor a list.

What:		*star*
Description:	Nor emphasis.
EVIL
e2e_run rest --enable-lineno --dir "$evil/testing"
cp "$E2E_TMP/out" "$E2E_TMP/rest-evil.rst"
e2e_check "hostile directives: shown as text" test \
	"$(grep -cE '^\\\.\. (include|raw|ifconfig|\\\|x\\\| image)::' "$E2E_TMP/out")" = 4
e2e_check "hostile directives: an allowed one stays" grep -qx '.. note:: A note stays a note.' \
	"$E2E_TMP/out"
e2e_check "hostile: a description's LINENO line is no marker" \
	grep -qx '\\.. LINENO /etc/passwd#1' "$E2E_TMP/out"
e2e_check "hostile: :download: becomes :file:" \
	grep -qF ':file:`the password file </etc/passwd>`' "$E2E_TMP/out"
e2e_check "hostile: javascript: in a link and a target made harmless" test \
	"$(grep -cF 'javascript%3Aalert(' "$E2E_TMP/out")" = 2
e2e_check "hostile: javascript: in text escaped, in a literal not" grep -qxF \
	'Plain javascript\:alert(4) and ``javascript:alert(5)`` stay, and' "$E2E_TMP/out"
if command -v sphinx-build >/dev/null; then
	src=$E2E_TMP/sphinx-evil
	mkdir -p "$src"
	cp "$E2E_TMP/rest-evil.rst" "$src/index.rst"
	echo 'project = "sysabi rest --get-abi test"' >"$src/conf.py"
	sphinx-build -W --keep-going -q -b html "$src" "$src/_html" >"$E2E_TMP/sphinx" 2>&1
	e2e_check "hostile --get-abi: Sphinx builds it with -W" test $? = 0 -a ! -s "$E2E_TMP/sphinx"
	[ -s "$E2E_TMP/sphinx" ] && head -n 20 "$E2E_TMP/sphinx"
	html=$src/_html/index.html
	e2e_check "hostile --get-abi: no link but http and https" test -z \
		"$(grep -oiE 'href="[a-z][a-z0-9.+-]*:' "$html" | grep -viE '"https?:')"
	e2e_check "hostile --get-abi: no script, no file read, nothing run" test \
		-z "$(grep -E '<script>alert|root:' "$html")" -a ! -e "$E2E_TMP/pwned" -a \
		! -e "$src/_html/_downloads"
	e2e_check "hostile --get-abi: the note is a note" grep -q 'class="admonition note"' "$html"
fi

# misuse: one line, a hint, exit 2
e2e_run rest --abi $rest --format json
e2e_check "--format json: exit 2" test "$rc" = 2
e2e_check "--format json: says why" grep -qx \
	"sysabi: rest writes reStructuredText; --format json does not apply to it" "$E2E_TMP/err"
e2e_run --format json rest --abi $rest
e2e_check "--format json before the command: exit 2" test "$rc" = 2
e2e_run rest --abi $rest --format text
e2e_check "--format text is the default, and accepted" test "$rc" = 0
e2e_run rest --abi $rest --level unstable
e2e_check "unknown level: exit 2" test "$rc" = 2
e2e_check "unknown level: says which" grep -q "sysabi: unknown level 'unstable'" "$E2E_TMP/err"
e2e_run rest --abi $rest --label-prefix 'My ABI'
e2e_check "bad label prefix: exit 2" test "$rc" = 2
# a title of one punctuation mark repeated is an adornment to reST: '====' fails a -W
# build, '-' silently becomes a title "#" and a paragraph "#"
for title in '====' '-' "\\\\"; do
	e2e_run rest --abi $rest --title "$title"
	e2e_check "--title '$title': exit 2" test "$rc" = 2
	e2e_check "--title '$title': says why, on one line and a hint" test \
		"$(head -n 1 "$E2E_TMP/err")" = "sysabi: --title '$title': reST reads a line of one punctuation mark repeated as an underline, not a title" -a \
		"$(wc -l <"$E2E_TMP/err")" = 2
	e2e_check "--title '$title': writes nothing" test ! -s "$E2E_TMP/out"
done
# "TITLE LINE": a --title, and the line reST gets for it
for pair in '-=-= -=-=' '!? !?' '** \*\*' '__ \_\_'; do
	e2e_run rest --abi $rest --title "${pair% *}"
	e2e_check "--title '${pair% *}': a title" \
		test "$rc" = 0 -a "$(sed -n 4p "$E2E_TMP/out")" = "${pair#* }"
done
e2e_run rest --abi $rest extra
e2e_check "unexpected argument: exit 2" test "$rc" = 2
e2e_run rest --abi "$E2E_TMP/nonexistent"
e2e_check "missing tree: exit 2" test "$rc" = 2
# shellcheck disable=SC2086 # $SYSABI may be "valgrind ... build/sysabi"
$SYSABI rest --abi $rest >/dev/full 2>"$E2E_TMP/err"
e2e_check "a full disk: exit 2" test $? = 2
e2e_check "a full disk: says so" grep -q "cannot write to standard output" "$E2E_TMP/err"
e2e_run rest --help
e2e_check "rest --help: exit 0 with usage" grep -q "^Usage: sysabi rest" "$E2E_TMP/out"

# Sphinx reads the fixture's reST, hostile text and all, without a single warning: the
# reST of this run, the same as the expected one above
if command -v sphinx-build >/dev/null; then
	for name in rest-fixture.rst rest-fixture-stable.rst rest-hostile-name.rst \
		rest-uris.rst; do
		src=$E2E_TMP/sphinx-${name%.rst}
		mkdir -p "$src"
		cp "$E2E_TMP/$name" "$src/index.rst"
		echo 'project = "sysabi rest test"' >"$src/conf.py"
		sphinx-build -W --keep-going -q -b html "$src" "$src/_html" >"$E2E_TMP/sphinx" 2>&1
		e2e_check "$name: Sphinx builds it with -W" test $? = 0 -a ! -s "$E2E_TMP/sphinx"
		[ -s "$E2E_TMP/sphinx" ] && head -n 20 "$E2E_TMP/sphinx"
	done

	# the sysabi-abi directive reads rest's output as UTF-8 whatever the locale (an
	# ASCII one here, where Python's own guess fails on U+FFFD), and a binary that
	# writes bytes that are not UTF-8 stops the build with an error naming the tree
	ext=$E2E_TMP/sphinx-ext
	mkdir -p "$ext"
	cat >"$ext/conf.py" <<EOF
import sys
sys.path.insert(0, "$PWD/docs/_ext")
project = "sysabi-abi test"
extensions = ["sysabi_abi"]
EOF
	printf '.. sysabi-abi:: %s\n' "$PWD/$rest" >"$ext/index.rst"
	# $SYSABI may be "valgrind ... build/sysabi": the directive runs the binary itself
	SYSABI_BINARY=${SYSABI##* } LC_ALL=C PYTHONCOERCECLOCALE=0 PYTHONUTF8=0 \
		sphinx-build -W --keep-going -q -b html "$ext" "$ext/_html" >"$E2E_TMP/sphinx" 2>&1
	e2e_check "sysabi-abi: UTF-8 in an ASCII locale" test $? = 0 -a ! -s "$E2E_TMP/sphinx"
	[ -s "$E2E_TMP/sphinx" ] && head -n 20 "$E2E_TMP/sphinx"
	printf '#!/bin/sh\nprintf "Title\\n=====\\n\\nnot UTF-8: \\377\\n"\n' >"$E2E_TMP/bad-sysabi"
	chmod +x "$E2E_TMP/bad-sysabi"
	SYSABI_BINARY=$E2E_TMP/bad-sysabi \
		sphinx-build -W -q -b html "$ext" "$ext/_html2" >"$E2E_TMP/sphinx" 2>&1
	e2e_check "sysabi-abi: output that is not UTF-8 fails the build" test $? != 0
	e2e_check "sysabi-abi: ... naming the tree" grep -qF \
		"sysabi-abi: the output of sysabi rest on '$PWD/$rest' is not UTF-8" "$E2E_TMP/sphinx"
	[ -s "$E2E_TMP/sphinx" ] && grep -q Traceback "$E2E_TMP/sphinx" && head -n 20 "$E2E_TMP/sphinx"

	html=$E2E_TMP/sphinx-rest-fixture/_html/index.html
	e2e_check "the link from speed to max_speed is there" grep -q \
		'href="#abi-stable-sysfs-class-widget-sys-class-widget-name-max-speed"' "$html"
	e2e_check "markup in a description stays text" grep -qF \
		':ref:`label`, |substitution|,' "$html"
	e2e_check "descriptions are not coloured as code" \
		test -z "$(grep -oE '<span class="(k|kn|ow|o|n|nb|mi|s1|s2|c1)">' "$html")"
	html=$E2E_TMP/sphinx-rest-uris/_html/index.html
	e2e_check "URIs: no link but http, https, ftp and mailto" test -z \
		"$(grep -oiE 'href="[a-z][a-z0-9.+-]*:' "$html" | grep -viE '"(https?|ftp|mailto):')"
	e2e_check "URIs: no javascript: link, in any case" \
		test -z "$(grep -i 'href="javascript:' "$html")"
	web='href="(https://kernel.org/|http://example.com/x|ftp://ftp.kernel.org)"'
	e2e_check "URIs: https, http and ftp links kept" \
		test "$(grep -oE "$web" "$html" | sort -u | wc -l)" = 3
	e2e_check "URIs: the text still reads javascript:alert(1)" \
		grep -qF 'javascript:alert(1) data:text/html,x' "$html"
else
	e2e_skip "Sphinx" "no sphinx-build (apt-get install python3-sphinx)"
fi

# the kernel's tree: stable labels, none twice, level and file:line in every entry
abi=$ABI_DOCS/linux-6.12/Documentation/ABI
if [ -d "$abi" ]; then
	e2e_run rest --abi "$abi"
	cp "$E2E_TMP/out" "$E2E_TMP/first.rst"
	e2e_run rest --abi "$abi"
	e2e_check "6.12: the same document on every run" cmp -s "$E2E_TMP/out" "$E2E_TMP/first.rst"
	entries=$($SYSABI validate --abi "$abi" --format json |
		  python3 -c "import json,sys; print(json.load(sys.stdin)['summary']['entries'])")
	e2e_check "6.12: an entry for each of the tree's $entries" \
		test "$(grep -c '^\.\. container:: sysabi-entry$' "$E2E_TMP/out")" = "$entries"
	e2e_check "6.12: as many levels as entries" \
		test "$(grep -cE '^   :Level: (stable|testing|obsolete|removed)$' "$E2E_TMP/out")" = "$entries"
	e2e_check "6.12: as many file:line sources as entries" \
		test "$(grep -cE '^   :Source: :literal:`[a-z]+/[^`]+:[0-9]+`$' "$E2E_TMP/out")" = "$entries"
	e2e_check "6.12: no label twice" \
		test -z "$(grep -E '^\.\. _[a-z0-9-]+:$' "$E2E_TMP/out" | sort | uniq -d)"
	e2e_check "6.12: every link goes to a label" python3 - "$E2E_TMP/out" <<'EOF'
import re, sys
text = open(sys.argv[1]).read()
labels = set(re.findall(r'^\.\. _([a-z0-9-]+):$', text, re.M))
links = set(re.findall(r':ref:`[^`]*<([a-z0-9-]+)>`', text))
sys.exit(not links or bool(links - labels))
EOF
	e2e_check "6.12: the label of an entry, as documented" grep -qx \
		'.. _abi-testing-sysfs-kernel-btf-sys-kernel-btf-vmlinux:' "$E2E_TMP/out"
else
	e2e_skip "linux-6.12" "no $abi (make abi-docs)"
fi

e2e_done
