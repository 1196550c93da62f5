#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# make bench: sysabi's speed, measured in one run beside what it is compared with, so
# that a noisy machine shifts both sides alike. Prints each figure and its target.
set -u

O=${O:-build}
ABI_DOCS=${ABI_DOCS:-abi-docs}
KERNEL=${ABI_KERNEL:-6.12}
top=$ABI_DOCS/linux-$KERNEL
abi=$top/Documentation/ABI

# best_of N CMD...: the best wall time of N runs, in ms
best_of() {
	local n=$1 best= t0 t1 ms
	shift
	for _ in $(seq "$n"); do
		t0=$(date +%s%N)
		"$@" >/dev/null 2>&1
		t1=$(date +%s%N)
		ms=$(( (t1 - t0) / 1000 ))
		if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
	done
	awk -v us="$best" 'BEGIN { printf "%.1f", us / 1000 }'
}

echo "== documentation: $abi ($(find "$abi" -type f | wc -l) files, $(du -sh "$abi" | cut -f1))"
"$O/bench-load" "$abi" 30 | sed 's/^/  /'
load=$("$O/bench-load" "$abi" 30 | awk '/^load_median_ms/ { l = $2 } /^index_median_ms/ { i = $2 } END { print l + i }')
echo "  load + validate + compile + index (median): $load ms (target: under 50 ms)"

sysabi=$(best_of 10 "$O/sysabi" validate --abi "$abi" --format json)
echo "  sysabi validate, whole command (best of 10): $sysabi ms"
if [ -f "$top/scripts/get_abi.pl" ]; then
	perl=$(best_of 3 perl "$top/scripts/get_abi.pl" --dir "$abi" validate)
	echo "  get_abi.pl validate (best of 3): $perl ms"
	awk -v a="$perl" -v b="$sysabi" 'BEGIN { printf "  sysabi is %.1fx faster than get_abi.pl validate\n", a / b }'
	perl=$(best_of 3 perl "$top/scripts/get_abi.pl" --dir "$abi" search btf)
	sysabi=$(best_of 10 "$O/sysabi" search --abi "$abi" btf)
	echo "  search btf: sysabi $sysabi ms, get_abi.pl $perl ms"
fi
awk -v l="$load" 'BEGIN { exit !(l < 50) }' && echo "bench: load target met" ||
	echo "bench: load target MISSED"

# ---- audit: the live /sys, then a generated tree of a million nodes ----

# verdict OK: MET or MISSED
verdict() {
	if [ "$1" = 1 ]; then echo MET; else echo MISSED; fi
}

# ratio A B: A / B, one decimal
ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }'
}

# below A B: 1 when A <= B
below() {
	awk -v a="$1" -v b="$2" 'BEGIN { print (a + 0 <= b + 0 ? 1 : 0) }'
}

# timed N SECONDS CMD...: "MS KB", the best wall time of N runs (stopping once they took
# SECONDS in all: on a large tree one slow run says enough) and the largest peak RSS
# GNU time saw (0 without /usr/bin/time)
timed() {
	local n=$1 budget=$2 best='' t0 t1 us total=0 kb=0 k
	local log=${TMPDIR:-/tmp}/sysabi-bench-time.$$
	shift 2
	for _ in $(seq "$n"); do
		t0=$(date +%s%N)
		if [ -x /usr/bin/time ]; then
			/usr/bin/time -v -o "$log" "$@" >/dev/null 2>&1
			k=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$log")
			[ "${k:-0}" -gt "$kb" ] && kb=$k
		else
			"$@" >/dev/null 2>&1
		fi
		t1=$(date +%s%N)
		us=$(( (t1 - t0) / 1000 ))
		total=$((total + us))
		if [ -z "$best" ] || [ "$us" -lt "$best" ]; then best=$us; fi
		[ "$total" -ge $((budget * 1000000)) ] && break
	done
	rm -f "$log"
	awk -v us="$best" -v kb="$kb" 'BEGIN { printf "%.1f %d", us / 1000, kb }'
}

# the audit as `make run` runs it (the text report); JSON beside it
audit=("$O/sysabi" audit --abi "$abi")
results=()

# ---- diff: the documentation of 6.1 against 6.12, as CI compares two trees ----

# median_of N CMD...: the median wall time of N runs, in ms
median_of() {
	local n=$1 t0 t1 times=()
	shift
	for _ in $(seq "$n"); do
		t0=$(date +%s%N)
		"$@" >/dev/null 2>&1
		t1=$(date +%s%N)
		times+=($(( (t1 - t0) / 1000 )))
	done
	printf '%s\n' "${times[@]}" | sort -n |
		awk '{ t[NR] = $1 } END { m = NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
			printf "%.1f", m / 1000 }'
}

old_abi=$ABI_DOCS/linux-6.1/Documentation/ABI
if [ -d "$old_abi" ]; then
	echo "== diff: $old_abi against $abi"
	d_text=$(median_of 11 "$O/sysabi" diff --fail-on none "$old_abi" "$abi")
	d_json=$(median_of 11 "$O/sysabi" diff --fail-on none --format json "$old_abi" "$abi")
	v=$(verdict "$(below "$d_text" 1000)")
	echo "  sysabi diff 6.1 to 6.12, whole command (median of 11): $d_text ms;" \
		"with --format json: $d_json ms (target: under 1000 ms): $v"
	results+=("diff 6.1 to 6.12 under a second: $v")
else
	echo "== diff: no $old_abi (make abi-docs ABI_KERNEL=6.1): skipped"
fi

echo "== audit of the live /sys ($(find /sys 2>/dev/null | wc -l) nodes)"
a_find=$(best_of 10 find /sys)
a_sys=$(best_of 10 "${audit[@]}")
a_json=$(best_of 10 "${audit[@]}" --format json)
a_find2=$(best_of 10 find /sys)
# find before and after: the better of the two, as for sysabi
a_find=$(awk -v a="$a_find" -v b="$a_find2" 'BEGIN { printf "%.1f", (a < b ? a : b) }')
r=$(ratio "$a_sys" "$a_find")
v=$(verdict "$(below "$r" 2)")
echo "  sysabi audit (best of 10): $a_sys ms; with --format json: $a_json ms" \
	"($(ratio "$a_json" "$a_find")x); find /sys (best of 10, twice): $a_find ms"
echo "  sysabi audit / find /sys: ${r}x (target: at most 2x): $v"
results+=("live audit vs find: $v")
if [ -f "$top/scripts/get_abi.pl" ]; then
	a_perl=$(best_of 3 perl "$top/scripts/get_abi.pl" --dir "$abi" undefined)
	r=$(ratio "$a_perl" "$a_sys")
	v=$(verdict "$(below 10 "$r")")
	echo "  get_abi.pl undefined (best of 3): $a_perl ms"
	echo "  sysabi audit is ${r}x faster than get_abi.pl undefined" \
		"(target: at least 10x): $v"
	results+=("audit vs get_abi.pl undefined: $v")
fi

# ---- snapshots and archives: processor time, the machine being shared ----

# cpu_of N CMD...: the processor time (user + system, in ms) of N runs of CMD, one after
# the other, as one total: a run of a few milliseconds is below the clock's grain alone
cpu_of() {
	local n=$1 log=${TMPDIR:-/tmp}/sysabi-bench-cpu.$$
	shift
	/usr/bin/time -f "%U %S" -o "$log" bash -c \
		'n=$1; shift; for _ in $(seq "$n"); do "$@" >/dev/null 2>&1; done' _ "$n" "$@"
	# GNU time says first when the command failed: the times are the last line
	tail -n 1 "$log" | awk '{ printf "%.0f", ($1 + $2) * 1000 }'
	rm -f "$log"
}

snapdir=$(mktemp -d "${TMPDIR:-/tmp}/sysabi-bench-snap.XXXXXX")
if [ -x /usr/bin/time ] || build-aux/deps.sh cmd:/usr/bin/time:time >/dev/null 2>&1; then
	echo "== snapshot of the live /sys, and audits from archives (processor time)"
	s_snap=$(cpu_of 20 "$O/sysabi" snapshot -o "$snapdir/live.tar.zst")
	s_find=$(cpu_of 20 find /sys)
	s_findm=$(cpu_of 20 find /sys -printf '%y %m %l\n')
	"$O/sysabi" snapshot -o "$snapdir/live.tar.zst" 2>"$snapdir/said"
	r=$(ratio "$s_snap" "$s_find")
	v=$(verdict "$(below "$r" 1.5)")
	echo "  sysabi snapshot, 20 runs: $s_snap ms; find /sys, 20 runs: $s_find ms: ${r}x" \
		"(target: at most 1.5x): $v"
	echo "  find /sys -printf '%y %m %l' (what a snapshot records of each node: type," \
		"mode, link), 20 runs: $s_findm ms: sysabi snapshot is $(ratio "$s_snap" "$s_findm")x"
	sed 's/^sysabi: wrote [^:]*: /  written: /' "$snapdir/said"
	echo "  (/sys/kernel/btf/vmlinux alone is $(wc -c </sys/kernel/btf/vmlinux 2>/dev/null ||
		echo 0) bytes to read and compress)"
	results+=("snapshot vs find /sys: $v")

	cap=tests/captures/linux-$KERNEL-amd64.tar.xz
	if [ -f "$cap" ]; then
		mkdir -p "$snapdir/tree"
		tar -xJf "$cap" -C "$snapdir/tree"
		"$O/sysabi" snapshot --sysfs-root "$snapdir/tree" -o "$snapdir/cap.tar.zst" 2>/dev/null
		a_dir=$(cpu_of 10 "${audit[@]}" --sysfs-root "$snapdir/tree" --format json)
		a_zst=$(cpu_of 10 "${audit[@]}" --sysfs-root "$snapdir/cap.tar.zst" --format json)
		a_xz=$(cpu_of 10 "${audit[@]}" --sysfs-root "$cap" --format json)
		r=$(ratio "$a_zst" "$a_dir")
		v=$(verdict "$(below "$r" 1.2)")
		echo "  audit of $cap, 10 runs: unpacked $a_dir ms, its snapshot (.tar.zst) $a_zst ms" \
			"(${r}x; target: at most 1.2x): $v; the .tar.xz itself $a_xz ms ($(ratio "$a_xz" "$a_dir")x)"
		results+=("audit from a snapshot vs its directory: $v")
	fi
fi
rm -rf "$snapdir"

# ---- processor time and instructions, against find and get_abi.pl ----

# median X...: the median of numbers
median() {
	printf '%s\n' "$@" | sort -g |
		awk '{ t[NR] = $1 } END { printf "%.3f", NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2 }'
}

# cpu_pairs PAIRS REPS_A [REPS_B]: cmd_a against cmd_b (arrays) in PAIRS alternating
# pairs, each side its REPS runs in a row (REPS_B defaults to REPS_A: a side that takes
# a few milliseconds needs runs enough to be above the clock's 10 ms grain); prints
# "RATIO A_MS B_MS": the median of the pairs' ratios of processor time a run (user +
# system), and the median processor time of one run of each
cpu_pairs() {
	local pairs=$1 ra=$2 rb=${3:-$2} a b rs=() as=() bs=()
	for _ in $(seq "$pairs"); do
		a=$(cpu_of "$ra" "${cmd_a[@]}")
		b=$(cpu_of "$rb" "${cmd_b[@]}")
		a=$(awk -v a="$a" -v n="$ra" 'BEGIN { printf "%.3f", a / n }')
		b=$(awk -v b="$b" -v n="$rb" 'BEGIN { printf "%.3f", b / n }')
		rs+=("$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.3f", (b > 0 ? a / b : 0) }')")
		as+=("$a")
		bs+=("$b")
	done
	echo "$(median "${rs[@]}") $(median "${as[@]}") $(median "${bs[@]}")"
}

# instructions CMD...: the instructions CMD executes (callgrind), or 0 without valgrind
instructions() {
	command -v valgrind >/dev/null || { echo 0; return; }
	valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
		awk '/Collected :/ { print $NF }' | tail -n 1
}

# figure NAME VALUE OP GOAL [UNIT]: the line of one figure (a ratio, unless UNIT says
# otherwise), and its verdict in $results
figure() {
	local name=$1 r=$2 op=$3 goal=$4 unit=${5-x} ok
	if [ "$op" = "<=" ]; then ok=$(below "$r" "$goal"); else ok=$(below "$goal" "$r"); fi
	printf '  %-52s %7.2f%s (goal %s %s%s): %s\n' "$name" "$r" "$unit" "$op" "$goal" "$unit" \
		"$(verdict "$ok")"
	results+=("$name: $(verdict "$ok")")
}

if [ -x /usr/bin/time ]; then
	echo "== processor time against the floor (medians of alternating pairs)"
	# the images of the trees read are made before any run is timed
	"$O/sysabi" index --abi "$abi" --quiet
	cmd_a=("${audit[@]}")
	cmd_b=(find /sys)
	read -r r a b < <(cpu_pairs 7 10)
	echo "  live audit $a ms, find /sys $b ms of processor time a run"
	figure "live audit CPU / find /sys CPU" "$r" "<=" 1.5
	a_w=$(best_of 10 "${audit[@]}")
	f_w=$(best_of 10 find /sys)
	figure "live audit wall / find /sys wall (best of 10)" "$(ratio "$a_w" "$f_w")" "<=" 1.2
	if [ -f "$top/scripts/get_abi.pl" ]; then
		cmd_a=(perl "$top/scripts/get_abi.pl" --dir "$abi" undefined)
		cmd_b=("${audit[@]}")
		read -r r a b < <(cpu_pairs 3 1 20)
		echo "  get_abi.pl undefined $a ms, live audit $b ms"
		figure "get_abi.pl undefined CPU / live audit CPU" "$r" ">=" 30
		cmd_a=(perl "$top/scripts/get_abi.pl" --dir "$abi" validate)
		cmd_b=("$O/sysabi" validate --abi "$abi")
		read -r r a b < <(cpu_pairs 3 2 40)
		echo "  get_abi.pl validate $a ms, sysabi validate $b ms"
		figure "get_abi.pl validate CPU / validate CPU" "$r" ">=" 20
	fi
	cmd_a=("$O/sysabi" match --abi "$abi" /sys/kernel/mm/transparent_hugepage/enabled)
	cmd_b=(find /sys)
	read -r r a b < <(cpu_pairs 7 20)
	echo "  match of one path $a ms, find /sys $b ms"
	figure "match of one path CPU / find /sys CPU" "$r" "<=" 0.2
	i_audit=$(instructions "${audit[@]}")
	i_find=$(instructions find /sys)
	i_match=$(instructions "$O/sysabi" match --abi "$abi" \
		/sys/kernel/mm/transparent_hugepage/enabled)
	if [ "${i_find:-0}" -gt 0 ]; then
		echo "  instructions (callgrind): live audit $i_audit, match $i_match, find /sys $i_find:" \
			"$(ratio "$i_audit" "$i_find")x and $(ratio "$i_match" "$i_find")x"
	fi
fi

# The generated tree: on tmpfs when there is one, removed whatever happens.
nodes=${BENCH_NODES:-1000000}
shm=/tmp
[ -d /dev/shm ] && [ -w /dev/shm ] && shm=/dev/shm
gen=$(mktemp -d "$shm/sysabi-bench.XXXXXX")
trap 'rm -rf "$gen"' EXIT
echo "== audit of a generated tree (tests/bench/gen-tree.sh, $nodes nodes wanted)"
if ! made=$(tests/bench/gen-tree.sh "$gen/sys" "$nodes"); then
	echo "  cannot generate the tree: skipped"
else
	echo "  $made"
	count=$(awk '{ print $2 }' <<<"$made")
	# peak memory from GNU time (Debian package time), in the timed runs
	build-aux/deps.sh cmd:/usr/bin/time:time >/dev/null 2>&1 ||
		echo "  no /usr/bin/time (apt-get install time): no memory figure"
	read -r g_find _ < <(timed 3 60 find "$gen/sys")
	read -r g_sys kb < <(timed 3 60 "${audit[@]}" --sysfs-root "$gen/sys")
	r=$(ratio "$g_sys" "$g_find")
	v=$(verdict "$(below "$r" 2)")
	echo "  sysabi audit --sysfs-root (best of 3, or the runs 60 s allow):" \
		"$g_sys ms; find (same): $g_find ms"
	echo "  sysabi audit / find: ${r}x (target: at most 2x): $v"
	results+=("generated tree audit vs find: $v")
	cmd_a=("${audit[@]}" --sysfs-root "$gen/sys")
	cmd_b=(find "$gen/sys")
	read -r r a b < <(cpu_pairs 2 1)
	echo "  processor time: sysabi audit $a ms, find $b ms"
	figure "1M-node tree audit CPU / find CPU" "$r" "<=" 1.1
	g_snapcpu=$(cpu_of 1 "$O/sysabi" snapshot --sysfs-root "$gen/sys" -o "$gen/snap.tar.zst")
	g_findcpu=$(cpu_of 1 find "$gen/sys")
	g_findm=$(cpu_of 1 find "$gen/sys" -printf '%y %m %l\n')
	r=$(ratio "$g_snapcpu" "$g_findcpu")
	v=$(verdict "$(below "$r" 1.5)")
	echo "  sysabi snapshot --sysfs-root (processor time): $g_snapcpu ms; find: $g_findcpu ms:" \
		"${r}x (target: at most 1.5x): $v; $(ratio "$(stat -c %s "$gen/snap.tar.zst")" "$count")" \
		"bytes a node; find -printf '%y %m %l': $g_findm ms ($(ratio "$g_snapcpu" "$g_findm")x)"
	results+=("generated tree snapshot vs find: $v")
	rm -f "$gen/snap.tar.zst"
	if [ "$kb" -gt 0 ]; then
		per=$(awk -v kb="$kb" -v n="$count" \
			'BEGIN { printf "%.0f", kb * 1024 / n }')
		echo "  sysabi peak RSS: $((kb / 1024)) MiB, $per bytes a node"
		figure "1M-node tree: peak RSS a node" "$per" "<=" 200 " bytes"
	fi
	# links fanning in: 2,000 devices, each linked from 100 class directories
	python3 - "$gen/fan/sys" <<'PY'
import os, sys
top = sys.argv[1]
for d in range(2000):
    dev = f"{top}/devices/platform/dev{d}"
    os.makedirs(dev)
    for a in ("uevent", "modalias", "driver_override"):
        open(f"{dev}/{a}", "w").close()
for c in range(100):
    cls = f"{top}/class/c{c}"
    os.makedirs(cls)
    for d in range(2000):
        os.symlink(f"../../devices/platform/dev{d}", f"{cls}/dev{d}")
PY
	fan=$(find "$gen/fan/sys" | wc -l)
	read -r _ kb < <(timed 1 60 "${audit[@]}" --sysfs-root "$gen/fan/sys")
	if [ "$kb" -gt 0 ]; then
		per=$(awk -v kb="$kb" -v n="$fan" 'BEGIN { printf "%.0f", kb * 1024 / n }')
		echo "  link fan-in tree: $fan nodes (200,000 links to 2,000 devices), peak RSS" \
			"$((kb / 1024)) MiB"
		figure "link fan-in tree: peak RSS a node" "$per" "<=" 300 " bytes"
	fi
fi
rm -rf "$gen"

# ---- fleet: a lab of snapshots, audited together ----

# peak_rss CMD...: runs CMD; prints "WALL_MS CPU_MS PEAK_KB": its wall and processor
# time (itself and its workers) and the peak of its resident memory and its workers'
# together, sampled every 20 ms from /proc with shell builtins only, so that the
# sampling takes no processor from the run (a worker lives for tens of milliseconds:
# the peak may be missed by a few of them, never overstated)
peak_rss() {
	local log=${TMPDIR:-/tmp}/sysabi-bench-fleet.$$ pid sys= peak=0 now k rss kids t0 t1
	t0=$(date +%s%N)
	/usr/bin/time -f "%e %U %S" -o "$log" "$@" >/dev/null 2>&1 &
	pid=$!
	while kill -0 "$pid" 2>/dev/null; do
		[ -n "$sys" ] || read -r sys _ 2>/dev/null <"/proc/$pid/task/$pid/children"
		if [ -n "$sys" ]; then
			kids=()
			read -r -a kids 2>/dev/null <"/proc/$sys/task/$sys/children"
			now=0
			for k in "$sys" "${kids[@]}"; do
				rss=0
				read -r _ rss _ 2>/dev/null <"/proc/$k/statm"
				now=$((now + rss * 4))
			done
			[ "$now" -gt "$peak" ] && peak=$now
		fi
		sleep 0.02
	done
	wait "$pid"
	t1=$(date +%s%N)
	tail -n 1 "$log" | awk -v w=$(( (t1 - t0) / 1000000 )) -v p="$peak" \
		'{ printf "%d %.0f %d\n", w, ($2 + $3) * 1000, p }'
	rm -f "$log"
}

fleet=$(mktemp -d "${TMPDIR:-/tmp}/sysabi-bench-fleet.XXXXXX")
if [ -x /usr/bin/time ] && command -v zstd >/dev/null; then
	cores=$(nproc)
	echo "== fleet: snapshots of a lab (tests/bench/fleet-gen.py), $cores cores"
	mkdir -p "$fleet/bases"
	"$O/sysabi" snapshot -o "$fleet/bases/live.tar.zst" 2>/dev/null
	for t in ../shared/data/sysfs/*.tar.gz; do
		[ -f "$t" ] || continue
		"$O/sysabi" snapshot --sysfs-root "$t" --any-root --no-hostname \
			-o "$fleet/bases/$(basename "$t" .tar.gz).tar.zst" 2>/dev/null
	done
	echo "  bases: this machine's live snapshot and $(($(ls "$fleet/bases" | wc -l) - 1))" \
		"recorded trees; a machine each lacks a few devices, a kernel a week adds a file"
	for n in 100 1000 10000; do
		python3 tests/bench/fleet-gen.py "$fleet/lab" "$n" "$fleet"/bases/*.tar.zst
		read -r wall cpu kb < <(peak_rss "$O/sysabi" fleet --abi "$abi" -j "$cores" \
			--summary "$fleet/lab")
		rate=$(awk -v n="$n" -v c="$cpu" 'BEGIN { printf "%.1f", (c > 0 ? n * 1000 / c : 0) }')
		echo "  $n snapshots ($(du -sh "$fleet/lab" | cut -f1)): $wall ms wall," \
			"$cpu ms of processor time, $rate a second a core, peak memory $((kb / 1024)) MiB"
		if [ "$n" = 1000 ]; then
			figure "fleet: 1,000 snapshots, wall on $cores cores" \
				"$(awk -v w="$wall" 'BEGIN { printf "%.1f", w / 1000 }')" "<=" 30 " s"
			figure "fleet: snapshots a second a core" "$rate" ">=" 50 ""
			# the same run stored: a new SQLite file, then a PostgreSQL server of
			# its own (tests/pg-server.sh), one after the other
			read -r w_sql c_sql _ < <(peak_rss "$O/sysabi" fleet --abi "$abi" \
				-j "$cores" --summary --db "$fleet/history.sqlite" "$fleet/lab")
			pgdir=$(mktemp -d /tmp/sysabi-pg.XXXXXX)
			if uri=$(tests/pg-server.sh start "$pgdir" 2>/dev/null); then
				read -r w_pg c_pg _ < <(peak_rss "$O/sysabi" fleet --abi "$abi" \
					-j "$cores" --summary --db "$uri" "$fleet/lab")
				echo "  stored: SQLite $w_sql ms wall ($c_sql ms of processor)," \
					"PostgreSQL $w_pg ms wall ($c_pg ms of processor)"
				figure "fleet: 1,000 stored, PostgreSQL / SQLite wall" \
					"$(ratio "$w_pg" "$w_sql")" "<=" 1.5
				tests/pg-server.sh stop "$pgdir"
			else
				echo "  stored: SQLite $w_sql ms wall; PostgreSQL: no server (tests/pg-server.sh)"
				rm -rf "$pgdir"
			fi
		fi
		figure "fleet: $n snapshots, peak memory" "$((kb / 1024))" "<=" 300 " MiB"
		rm -rf "$fleet/lab"
	done
fi
rm -rf "$fleet"
printf 'bench: %s\n' "${results[@]}"
