#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# build-aux/deps.sh while another apt-get or dpkg holds dpkg's lock: it waits for the
# lock rather than fail at once, and when waiting is not enough it names the process
# that holds it; and a file named by a glob. apt-get is a stand-in here that records
# how it was called: nothing is installed. Needs root, as deps.sh only installs as root.
. tests/e2e/lib.sh

O=${O:-build}
if [ "$SYSABI" != "$PWD/$O/sysabi" ]; then
	e2e_skip "deps" "runs with the plain build only"
	e2e_done
	exit 0
fi
if [ "$(id -u)" != 0 ]; then
	e2e_skip "deps" "deps.sh installs only as root"
	e2e_done
	exit 0
fi

bin=$E2E_TMP/bin
mkdir -p "$bin"
# apt-get: log the call; fail when told to, as when the lock could not be had
cat >"$bin/apt-get" <<'SH'
#!/bin/sh
echo "$*" >>"$APT_LOG"
[ -z "$APT_FAIL" ]
SH
chmod +x "$bin/apt-get"
export APT_LOG=$E2E_TMP/apt.log
missing=cmd:sysabi-no-such-command:sysabi-test-package

PATH=$bin:$PATH build-aux/deps.sh "$missing" >"$E2E_TMP/out" 2>"$E2E_TMP/err"
rc=$?
e2e_check "a missing package is installed (exit 0)" test "$rc" = 0
e2e_check "apt-get waits for dpkg's lock" \
	grep -q -- "-o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends sysabi-test-package" "$APT_LOG"

# a process holds dpkg's frontend lock, and apt-get gives up: deps.sh names it
lock=/var/lib/dpkg/lock-frontend
if [ -e "$lock" ]; then
	python3 -c "
import fcntl, sys, time
f = open('$lock', 'r+')
fcntl.lockf(f, fcntl.LOCK_EX)
print('locked', flush=True)
time.sleep(30)" >"$E2E_TMP/holder" &
	holder=$!
	for _ in $(seq 50); do grep -q locked "$E2E_TMP/holder" && break; sleep 0.1; done
	APT_FAIL=1 PATH=$bin:$PATH DEPS_LOCK_TIMEOUT=1 build-aux/deps.sh "$missing" \
		>"$E2E_TMP/out" 2>"$E2E_TMP/err"
	rc=$?
	kill "$holder" 2>/dev/null
	wait "$holder" 2>/dev/null
	e2e_check "apt-get failing: deps.sh fails" test "$rc" = 1
	e2e_check "the lock's holder is named, with its pid" \
		grep -q "sysabi: $lock is held by process $holder" "$E2E_TMP/err"
	e2e_check "DEPS_LOCK_TIMEOUT sets how long apt-get waits" \
		grep -q -- "-o DPkg::Lock::Timeout=1 " "$APT_LOG"
else
	e2e_skip "lock holder" "no $lock on this machine"
fi

# a file named by a glob, as PostgreSQL's programs in a directory per major version
mkdir -p "$E2E_TMP/pg/15/bin" "$E2E_TMP/pg/17/bin"
touch "$E2E_TMP/pg/17/bin/initdb"
: >"$APT_LOG"
PATH=$bin:$PATH build-aux/deps.sh "file:$E2E_TMP/pg/*/bin/initdb:sysabi-test-server" \
	>"$E2E_TMP/out" 2>"$E2E_TMP/err"
rc=$?
e2e_check "a glob matching a file is met" test "$rc" = 0 -a ! -s "$APT_LOG"
PATH=$bin:$PATH build-aux/deps.sh "file:$E2E_TMP/pg/*/bin/pg_ctl:sysabi-test-server" \
	>"$E2E_TMP/out" 2>"$E2E_TMP/err"
e2e_check "a glob matching nothing asks for its package" \
	grep -q -- "install -y -qq --no-install-recommends sysabi-test-server" "$APT_LOG"

e2e_done
