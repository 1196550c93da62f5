#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The files sysabi writes and reads where the user points it, when they are not what
# it expects: -o naming a device, a FIFO, a symbolic link, /dev/stdout, a directory,
# an existing file of another mode and owner, or -; --template and its partials as
# FIFOs, as links out of the template's directory, too large, or nesting and
# multiplying without end; --baseline as a FIFO, /dev/zero, too large, or with lines
# that are not a baseline's; --suggest on a file name with a newline.
#
# Every device node here is made with mknod in a temporary directory, never the machine's
# own, and every run that could block or run away is under a timeout, a guard rather
# than a benchmark.
. tests/e2e/lib.sh

basic=tests/fixtures/basic/abi
want=$E2E_EXPECTED/validate-basic.txt
t=$E2E_TMP/io
mkdir -p "$t"
under_valgrind=
case $SYSABI in *valgrind*) under_valgrind=1 ;; esac

# run ARGS...: sysabi under a timeout; stdout in $E2E_TMP/out, stderr in err, exit in $rc
run() {
	# shellcheck disable=SC2086 # $SYSABI may be "valgrind ... build/sysabi"
	timeout 60 $SYSABI "$@" >"$E2E_TMP/out" 2>"$E2E_TMP/err"
	rc=$?
}

# says TEXT: the last run's stderr holds TEXT
says() { grep -qF -- "$1" "$E2E_TMP/err"; }
# not_in_out TEXT: the last run's stdout does not hold TEXT
not_in_out() { ! grep -qF -- "$1" "$E2E_TMP/out"; }
not() { ! "$@"; }

# no_temp DIR: no temporary file of an -o left in DIR
no_temp() { test -z "$(find "$1" -name '.*.??????' -print -quit)"; }

# ---- -o: a regular file is replaced atomically, anything else written in place ----

if mknod "$t/null" c 1 3 2>/dev/null; then
	run validate --abi $basic -o "$t/null"
	e2e_check "-o a character device: exit 0" test "$rc" = 0
	e2e_check "-o a character device: still that device" \
		test -c "$t/null" -a "$(stat -c %t:%T "$t/null")" = 1:3
else
	e2e_skip "-o a character device" "mknod is not allowed here (not root?)"
fi

mkfifo "$t/fifo"
timeout 60 cat "$t/fifo" >"$t/fifo.out" &
reader=$!
run validate --abi $basic -o "$t/fifo"
# a FIFO replaced by a file leaves its reader waiting for a writer that never comes
[ -p "$t/fifo" ] || kill "$reader" 2>/dev/null
wait "$reader"
e2e_check "-o a FIFO: exit 0" test "$rc" = 0
e2e_check "-o a FIFO: still a FIFO" test -p "$t/fifo"
e2e_check "-o a FIFO: its reader got the report" cmp -s "$t/fifo.out" "$want"

# links: relative, in a chain, dangling; the file at the end is replaced, the links stay
echo "an old report" >"$t/target.txt"
chmod 0600 "$t/target.txt"
[ "$(id -u)" = 0 ] && chown 65534:65534 "$t/target.txt"
owner=$(stat -c %u:%g "$t/target.txt")
ln -s target.txt "$t/link.txt"
ln -s "$t/link.txt" "$t/link2.txt"
run validate --abi $basic -o "$t/link2.txt"
e2e_check "-o a chain of links: exit 0" test "$rc" = 0
e2e_check "-o a chain of links: the links stay links" \
	test -L "$t/link2.txt" -a -L "$t/link.txt" -a "$(readlink "$t/link.txt")" = target.txt
e2e_check "-o a chain of links: the file they lead to has the report" \
	cmp -s "$t/target.txt" "$want"
e2e_check "-o a chain of links: the file keeps its mode 0600" \
	test "$(stat -c %a "$t/target.txt")" = 600
e2e_check "-o a chain of links: the file keeps its owner" \
	test "$(stat -c %u:%g "$t/target.txt")" = "$owner"

ln -s new-target.txt "$t/dangling.txt"
run validate --abi $basic -o "$t/dangling.txt"
e2e_check "-o a dangling link: exit 0" test "$rc" = 0
e2e_check "-o a dangling link: still a link" test -L "$t/dangling.txt"
e2e_check "-o a dangling link: the file it names is made" \
	cmp -s "$t/new-target.txt" "$want"

# a regular file: replaced, with its mode and owner
echo "an old report" >"$t/report.txt"
chmod 0640 "$t/report.txt"
[ "$(id -u)" = 0 ] && chown 65534:65534 "$t/report.txt"
owner=$(stat -c %u:%g "$t/report.txt")
ino=$(stat -c %i "$t/report.txt")
run validate --abi $basic -o "$t/report.txt"
e2e_check "-o a regular file: exit 0, the report in it" \
	test "$rc" = 0 -a "$(cat "$t/report.txt")" = "$(cat "$want")"
e2e_check "-o a regular file: replaced by rename, not rewritten" \
	test "$(stat -c %i "$t/report.txt")" != "$ino"
e2e_check "-o a regular file: keeps its mode 0640" \
	test "$(stat -c %a "$t/report.txt")" = 640
e2e_check "-o a regular file: keeps its owner" \
	test "$(stat -c %u:%g "$t/report.txt")" = "$owner"

# a new file: 0666 less the umask, as a shell's > makes it
(umask 0002 && run validate --abi $basic -o "$t/new.txt" && test "$rc" = 0)
e2e_check "-o a new file: mode 0664 under umask 0002" \
	test "$(stat -c %a "$t/new.txt")" = 664
(umask 0077 && run validate --abi $basic -o "$t/private.txt" && test "$rc" = 0)
e2e_check "-o a new file: mode 0600 under umask 0077" \
	test "$(stat -c %a "$t/private.txt")" = 600

# /dev/stdout leads to /proc/self/fd/1: the report goes to standard output, where the
# shell put it, appended after what is there with >>; the link is never replaced. The
# links here are made in the temporary directory, so that a binary that renames over
# them can only break those.
ln -s /dev/stdout "$t/stdout"
ln -s /proc/self/fd/1 "$t/fd1"
run validate --abi $basic -o "$t/stdout"
e2e_check "-o a link to /dev/stdout: the report on standard output" \
	cmp -s "$E2E_TMP/out" "$want"
e2e_check "-o a link to /dev/stdout: still a link" \
	test -L "$t/stdout" -a "$(readlink "$t/stdout")" = /dev/stdout
echo "first line" >"$t/log"
# shellcheck disable=SC2086
timeout 60 $SYSABI validate --abi $basic -o "$t/fd1" >>"$t/log" 2>"$E2E_TMP/err"
{ echo "first line"; cat "$want"; } >"$t/log.want"
e2e_check "-o /proc/self/fd/1 with >>: appended" cmp -s "$t/log" "$t/log.want"
e2e_check "-o /proc/self/fd/1: still a link" test -L "$t/fd1"

# -: standard output, not a file named - (in a directory of its own, where a binary
# that makes one leaves it)
mkdir -p "$t/cwd"
(cd "$t/cwd" && run validate --abi "$OLDPWD/$basic" -o - && test "$rc" = 0)
e2e_check "-o -: the report on standard output" grep -qx "result: pass" "$E2E_TMP/out"
e2e_check "-o -: no file named -" test ! -e "$t/cwd/-"
(cd "$t/cwd" && run validate --abi "$OLDPWD/$basic" -o - -o "$t/both.json" &&
	test "$rc" = 0)
e2e_check "-o - beside -o FILE: the file written" test -s "$t/both.json"
e2e_check "-o - beside -o FILE: the report on standard output" \
	grep -qx "result: pass" "$E2E_TMP/out"

# a directory, directly or through a link: an error that says so, nothing left behind
mkdir -p "$t/dir"
ln -s dir "$t/dirlink"
for name in dir dirlink; do
	run validate --abi $basic -o "$t/$name"
	e2e_check "-o a directory ($name): exit 2" test "$rc" = 2
	e2e_check "-o a directory ($name): says why" \
		says "sysabi: cannot write '$t/$name': Is a directory"
done
e2e_check "-o a directory: nothing written into it" test -z "$(ls -A "$t/dir")"
e2e_check "-o a directory: the link stays" test -L "$t/dirlink"
e2e_check "-o: no temporary file left anywhere" no_temp "$t"

# ---- templates: regular files of bounded size, partials below their directory ----

tpl=$t/tpl
mkdir -p "$tpl"
mkfifo "$tpl/fifo.txt"
run validate --abi $basic --template "$tpl/fifo.txt"
e2e_check "--template a FIFO: exit 2, not a wait" test "$rc" = 2
e2e_check "--template a FIFO: says why" \
	says "sysabi: $tpl/fifo.txt: cannot read the template: not a regular file"

printf 'a\n{{> fifo}}\n' >"$tpl/main.txt"
run validate --abi $basic --template "$tpl/main.txt"
e2e_check "a partial that is a FIFO: exit 2, not a wait" test "$rc" = 2
e2e_check "a partial that is a FIFO: says which" \
	says "sysabi: $tpl/fifo.txt: cannot read the template: not a regular file"

echo "a secret" >"$t/secret.txt"
ln -s ../secret.txt "$tpl/out.txt"
printf '{{> out}}\n' >"$tpl/leave.txt"
run validate --abi $basic --template "$tpl/leave.txt"
e2e_check "a partial linking out of its directory: exit 2" test "$rc" = 2
e2e_check "a partial linking out of its directory: says so" \
	says "sysabi: $tpl/out.txt: cannot read the template: leaves its root"
e2e_check "a partial linking out of its directory: not read" not_in_out "a secret"
mkdir -p "$tpl/sub"
echo "kept" >"$tpl/sub/real.txt"
ln -s sub/real.txt "$tpl/inside.txt"
printf '{{> inside}}\n' >"$tpl/stay.txt"
run validate --abi $basic --template "$tpl/stay.txt"
e2e_check "a partial linking within its directory is read" \
	test "$rc:$(cat "$E2E_TMP/out")" = 0:kept

head -c $((4 * 1024 * 1024 + 1)) /dev/zero | tr '\0' x >"$tpl/huge.txt"
run validate --abi $basic --template "$tpl/huge.txt"
e2e_check "a template over 4 MiB: exit 2" test "$rc" = 2
e2e_check "a template over 4 MiB: says so" says "sysabi: $tpl/huge.txt: larger than 4 MiB"
printf '{{> huge}}\n' >"$tpl/with-huge.txt"
run validate --abi $basic --template "$tpl/with-huge.txt"
e2e_check "a partial over 4 MiB: exit 2" test "$rc" = 2
e2e_check "a partial over 4 MiB: says so" says "sysabi: $tpl/huge.txt: larger than 4 MiB"

# partials that each include the next one twice, 28 deep: 2^28 copies of the last one
# unless the depth is bounded; the first path down stops at the bound
deep=$t/deep
mkdir -p "$deep"
for i in $(seq 0 27); do
	printf 'x{{> p%d}}{{> p%d}}\n' $((i + 1)) $((i + 1)) >"$deep/p$i.txt"
done
echo leaf >"$deep/p28.txt"
run validate --abi $basic --template "$deep/p0.txt"
e2e_check "partials 28 deep, each twice: exit 2, within the timeout" test "$rc" = 2
e2e_check "partials 28 deep, each twice: says where" \
	says "sysabi: $deep/p16.txt:1: partials nested deeper than 16"

# The bounds on steps and on output are met by running up to them, which takes too
# long under valgrind: the unit tests check them there, with lower limits.
if [ -z "$under_valgrind" ]; then
	# partials 10 deep, each 10 times: 10^10 of them, and not a byte written
	wide=$t/wide
	mkdir -p "$wide"
	for i in $(seq 0 9); do
		# shellcheck disable=SC2046 # ten words, one a copy
		printf "{{> q$((i + 1))}}%.0s" $(seq 10) >"$wide/q$i.txt"
	done
	: >"$wide/q10.txt"
	run validate --abi $basic --template "$wide/q0.txt"
	e2e_check "10^10 partials: exit 2, within the timeout" test "$rc" = 2
	e2e_check "10^10 partials: says where and why" \
		grep -qE "^sysabi: $wide/q[0-9]+\.txt:1: more than 100000000 steps to render" \
		"$E2E_TMP/err"

	# 1 MiB, 16 times, 17 times: 272 MiB (standard output is not kept: a binary
	# without the bound writes it all)
	big=$t/big
	mkdir -p "$big"
	head -c 1048576 /dev/zero | tr '\0' x >"$big/mib.txt"
	# shellcheck disable=SC2046 # a word a copy
	printf '{{> mib}}%.0s' $(seq 16) >"$big/x16.txt"
	# shellcheck disable=SC2046
	printf '{{> x16}}%.0s' $(seq 17) >"$big/x272.txt"
	# shellcheck disable=SC2086
	timeout 60 $SYSABI validate --abi $basic --template "$big/x272.txt" >/dev/null \
		2>"$E2E_TMP/err"
	rc=$?
	e2e_check "272 MiB of output: exit 2" test "$rc" = 2
	e2e_check "272 MiB of output: says where and why" \
		says "sysabi: $big/mib.txt:1: the output would be larger than 256 MiB"
else
	e2e_skip "template steps and output" "too slow under valgrind; the unit tests check them"
fi

# ---- baselines: a regular file of bounded size, every line a baseline's ----

abi=tests/fixtures/audit/abi
sys=tests/fixtures/audit/sys
baseline() { run audit --abi $abi --sysfs-root $sys --no-btf --baseline "$@"; }

mkfifo "$t/baseline-fifo"
baseline "$t/baseline-fifo"
e2e_check "--baseline a FIFO: exit 2, not a wait" test "$rc" = 2
e2e_check "--baseline a FIFO: says why" \
	says "sysabi: $t/baseline-fifo: cannot read the baseline: not a regular file"
# An endless file is refused before it is read. In case a binary reads it all the
# same, it gets 2 GiB of address space, unless a sanitizer or valgrind runs it: they
# need far more, and their binary's name says so.
case $SYSABI in
*valgrind* | *asan*) baseline /dev/zero ;;
*)
	(ulimit -v 2097152 && baseline /dev/zero; echo "$rc" >"$E2E_TMP/rc")
	rc=$(cat "$E2E_TMP/rc")
	;;
esac
e2e_check "--baseline /dev/zero: exit 2" test "$rc" = 2
e2e_check "--baseline /dev/zero: says why" \
	says "sysabi: /dev/zero: cannot read the baseline: not a regular file"
e2e_check "--baseline /dev/zero: no report made without it" test ! -s "$E2E_TMP/out"
mkdir -p "$t/baseline-dir"
baseline "$t/baseline-dir"
e2e_check "--baseline a directory: exit 2" test "$rc" = 2
e2e_check "--baseline a directory: says why" \
	says "sysabi: $t/baseline-dir: cannot read the baseline: not a regular file"
baseline "$t/no-baseline"
e2e_check "--baseline a missing file: exit 2" test "$rc" = 2
e2e_check "--baseline a missing file: says why" \
	says "sysabi: $t/no-baseline: cannot read the baseline: No such file or directory"
# comments only, and one byte more than 64 MiB: refused by its size, before it is read
{ head -c $((64 * 1024 * 1024)) /dev/zero | tr '\0' '#'; echo; } >"$t/baseline-big"
baseline "$t/baseline-big"
e2e_check "--baseline over 64 MiB: exit 2" test "$rc" = 2
e2e_check "--baseline over 64 MiB: says so" \
	says "sysabi: $t/baseline-big: larger than 64 MiB, the most a baseline may be"
rm -f "$t/baseline-big"
printf '# fine\nundocumented /sys/kernel/gone\nundocumented /sys/x\0/sys/y\n' \
	>"$t/baseline-nul"
baseline "$t/baseline-nul"
e2e_check "a baseline line with a NUL: exit 2" test "$rc" = 2
e2e_check "a baseline line with a NUL: file:line" \
	says "sysabi: $t/baseline-nul:3: not a baseline line (CLASS PATTERN)"
printf 'undocumented /sys/x\\\n' >"$t/baseline-backslash"
baseline "$t/baseline-backslash"
e2e_check "a baseline line ending in a lone backslash: exit 2" test "$rc" = 2
e2e_check "a baseline line ending in a lone backslash: file:line, and nothing else" \
	test "$(cat "$E2E_TMP/err")" = \
	"sysabi: $t/baseline-backslash:1: not a baseline line (CLASS PATTERN)"

# ---- --suggest: a file name with a newline stays on its What line ----

s=$t/suggest
mkdir -p "$s/sys/kernel/hostile" "$s/sys/devices" "$s/abi/testing"
printf 'What:\t\t/sys/kernel/other\nDescription:\tx\n' >"$s/abi/testing/sysfs-other"
: >"$s/sys/kernel/hostile/a"$'\n'"Description:"$'\t'"evil"
run audit --abi "$s/abi" --sysfs-root "$s/sys" --no-btf --suggest
e2e_check "--suggest, a newline in a name: exit 1" test "$rc" = 1
e2e_check "--suggest, a newline in a name: the What on one line, escaped" grep -qxF \
	'What:		/sys/kernel/hostile/a\x0aDescription:\x09evil' "$E2E_TMP/out"
e2e_check "--suggest, a newline in a name: no field made of the name" \
	not grep -q "^Description:"$'\t'"evil" "$E2E_TMP/out"
run audit --abi "$s/abi" --sysfs-root "$s/sys" --no-btf --suggest --format json
e2e_check "--suggest, a newline in a name: in JSON, the What on one line" \
	python3 -c 'import json, sys
lines = json.load(open(sys.argv[1]))["groups"][0]["suggestion"].splitlines()
sys.exit(lines[0] != "What:\t\t/sys/kernel/hostile/a\\x0aDescription:\\x09evil"
         or not lines[1].startswith("Date:"))' "$E2E_TMP/out"

e2e_done
