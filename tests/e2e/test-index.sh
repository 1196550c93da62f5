#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The compiled image of a documentation tree (sysabi index, and every command reading
# through it): written once, read while the tree is unchanged, written again when a
# file changes, never used when damaged, foreign or in a place others may write; and no
# report differs from the one read from the text.
. tests/e2e/lib.sh

T=$E2E_TMP
FIX=${SYSABI_FIXTURES:-tests/fixtures}
export SYSABI_CACHE_DIR=$T/cache

# a tree of our own, to change
cp -R "$FIX/defects/abi" "$T/abi"
ABI=$T/abi

e2e_run index --abi "$ABI"
e2e_check "index: a first run writes the image" \
	grep -q "image written, $T/cache/abi-[0-9a-f]*\.image (.* files, .* entries, .* Whats, [0-9]* bytes): there was none" "$T/out"
e2e_check "index: exit status 0" test "$rc" = 0
image=$(ls "$T"/cache/abi-*.image 2>/dev/null | head -n 1)
e2e_check "index: the cache directory is private" \
	test "$(stat -c %a "$T/cache")" = 700
e2e_run index --abi "$ABI"
e2e_check "index: a second run finds it up to date" grep -q "image up to date" "$T/out"
e2e_check "index: nothing but the image in the cache" \
	test "$(ls "$T/cache" | wc -l)" = 1

# what sysabi said on standard error, without valgrind's words
own() { grep -v '^--[0-9]*--\|^==[0-9]*==' "$1"; }

# every report read through the image is the one read from the text
for cmd in "validate --format json" "validate --lint" "search ." "rest"; do
	# shellcheck disable=SC2086
	SYSABI_CACHE_DIR=off $SYSABI $cmd --abi "$ABI" >"$T/text.out" 2>"$T/text.err"
	text_rc=$?
	# shellcheck disable=SC2086
	$SYSABI $cmd --abi "$ABI" >"$T/image.out" 2>"$T/image.err"
	image_rc=$?
	e2e_check "$cmd: the same report through the image" \
		cmp -s "$T/text.out" "$T/image.out"
	e2e_check "$cmd: the same status and errors through the image" \
		test "$text_rc:$(own "$T/text.err")" = "$image_rc:$(own "$T/image.err")"
	case $cmd in
	"validate --format json")
		e2e_check "validate: the fixture has diagnostics to replay" \
			grep -q '"kind":"what-bad-pattern"' "$T/text.out" ;;
	esac
done
AUDIT=$FIX/audit
SYSABI_CACHE_DIR=off $SYSABI audit --abi "$AUDIT/abi" --sysfs-root "$AUDIT/sys" \
	--format json >"$T/a-text.json" 2>/dev/null
$SYSABI audit --abi "$AUDIT/abi" --sysfs-root "$AUDIT/sys" --format json \
	>/dev/null 2>&1
$SYSABI audit --abi "$AUDIT/abi" --sysfs-root "$AUDIT/sys" --format json \
	>"$T/a-image.json" 2>/dev/null
e2e_check "audit: the same report through the image" cmp -s "$T/a-text.json" "$T/a-image.json"

# a change to the tree: the image is written again, and the change is seen
count() { $SYSABI validate --abi "$ABI" --format json | python3 -c \
	'import json,sys; print(json.load(sys.stdin)["summary"]["entries"])' 2>/dev/null; }
before=$(count)
cat >>"$ABI/testing/sysfs-added" <<'EOF'
What:		/sys/kernel/added_by_test
Date:		December 2026
KernelVersion:	6.13
Contact:	test@example.org
Description:	An entry added after the image was written.
EOF
e2e_run index --abi "$ABI"
e2e_check "index: a file added makes the image stale" \
	grep -q "image written.*: the documentation or sysabi changed since" "$T/out"
e2e_check "validate: the entry added is counted" test "$(count)" = "$((before + 1))"
touch -d "2001-01-01" "$ABI/testing/sysfs-added"
e2e_run index --abi "$ABI"
e2e_check "index: a file's times changed make the image stale" \
	grep -q "image written" "$T/out"
rm "$ABI/testing/sysfs-added"
e2e_check "validate: the entry removed is not counted" test "$(count)" = "$before"

# damaged images are never used, and replaced
for damage in truncate garbage empty; do
	e2e_run index --abi "$ABI"
	case $damage in
	truncate) truncate -s $(($(stat -c %s "$image") / 2)) "$image" ;;
	garbage) head -c 100000 /dev/urandom >"$image" ;;
	empty) : >"$image" ;;
	esac
	e2e_run validate --abi "$ABI" --format json
	cp "$T/out" "$T/damaged.out"
	SYSABI_CACHE_DIR=off $SYSABI validate --abi "$ABI" --format json >"$T/text.out" 2>/dev/null
	e2e_check "validate: a $damage image is not used" cmp -s "$T/text.out" "$T/damaged.out"
	e2e_run index --abi "$ABI"
	e2e_check "index: a $damage image is found up to date once rewritten" \
		grep -q "image up to date" "$T/out"
done
# an image of another tree at this tree's name: stale, not used
other=$T/other.image
e2e_run index --abi "$FIX/basic" -o "$other"
cp "$other" "$image"
e2e_run index --abi "$ABI"
e2e_check "index: another tree's image is stale" \
	grep -q "image written.*changed since" "$T/out"

# places that are not ours
chmod 0664 "$image"
e2e_run index --abi "$ABI"
e2e_check "index: a group-writable image is not read" grep -q "image written" "$T/out"
e2e_check "index: and is replaced by a private one" \
	test "$(stat -c %a "$image")" = 644
echo "not an image" >"$T/target"
rm "$image"
ln -s "$T/target" "$image"
e2e_run index --abi "$ABI"
e2e_check "index: no image renamed over a symbolic link" test "$rc" = 2
e2e_check "index: the link's target untouched" grep -qx "not an image" "$T/target"
e2e_check "index: the link left as it was" test -L "$image"
e2e_run validate --abi "$ABI" --format json
e2e_check "validate: works without the image it cannot write" test "$rc" != 2
rm "$image"
chmod 0777 "$T/cache"
e2e_run index --abi "$ABI"
e2e_check "index: a cache others may write into is refused" \
	grep -q "no image to keep: Operation not permitted" "$T/err"
e2e_run validate --abi "$ABI" --format json
e2e_check "validate: reads the text then" test "$rc" != 2
e2e_check "validate: and writes no image there" test ! -e "$image"
chmod 0700 "$T/cache"

# the options
e2e_run index --abi "$ABI" --force
e2e_check "index --force: written though up to date" grep -q "image written.*: --force" "$T/out"
e2e_run index --abi "$ABI" --quiet
e2e_check "index --quiet: nothing on standard output" test ! -s "$T/out"
SYSABI_CACHE_DIR=off e2e_run index --abi "$ABI"
e2e_check "index: no cache and no -o is an error" test "$rc" = 2
e2e_run index --abi "$ABI" -o -
e2e_check "index -o -: refused" test "$rc" = 2
e2e_run index --abi "$ABI" --format json
e2e_check "index --format: refused" test "$rc" = 2
e2e_run index --abi "$ABI" -o "$T/no/such/dir/x.image"
e2e_check "index: an image that cannot be written is an error" test "$rc" = 2
e2e_check "index: naming it" grep -q "cannot write the image '$T/no/such/dir/x.image'" "$T/err"

e2e_done
