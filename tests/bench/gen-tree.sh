#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# gen-tree.sh OUT [NODES]: a sysfs-like tree of about NODES nodes (default 1,000,000) in
# OUT, for the benchmark. The live /sys cannot be copied, so this starts from a recorded
# tree (hwloc 32em64t from ../shared/data/sysfs, beside the clone), or, without it, from
# a small template written here, and replicates its devices until NODES is reached:
#   - a NUMA node with its CPUs: devices/system/node/nodeN and the cpuM it links to,
#     renamed to the next free numbers, with bus/node and bus/cpu links;
#   - a PCI root with everything under it: devices/pciDDDD:BB as a new PCI domain, each
#     device renamed to it (0000:02:00.0 -> 0001:02:00.0), and every class/, block/ and
#     bus/ link into it repeated for the copy (class/net/eth0 -> class/net/eth0_1).
# Links inside a copy are rewritten to stay inside it. Files are empty: the walk reads
# no contents, inodes are what it costs. Prints "gen-tree: N nodes in OUT ...".
set -eu

out=${1:?usage: gen-tree.sh OUT [NODES]}
nodes=${2:-1000000}
here=$(cd "$(dirname "$0")" && pwd)
data=${SYSABI_SYSFS_DATA:-$here/../../../shared/data/sysfs}
base=$data/hwloc-32em64t-2n8c+dax+nvme+mic+dimms.tar.gz

mkdir -p "$out"
if [ -n "$(ls -A "$out")" ]; then
	echo "gen-tree.sh: '$out' is not empty" >&2
	exit 2
fi

# touch_all FILE...: empty files, without a process per file
touch_all() {
	local f
	for f in "$@"; do
		: >"$f"
	done
}

# A small machine: 4 CPUs on one node, a PCI root with a host bridge, a NIC and an NVMe
# disk, and the class/, block/ and bus/ links that point at them.
synthetic_base() {
	local c d i s nic disk ups rest
	cd "$1"
	mkdir -p devices/system/cpu devices/system/node/node0 bus/cpu/devices \
		bus/node/devices bus/pci/devices class/net class/block block kernel/mm
	touch_all devices/system/cpu/{online,possible,present,offline,kernel_max}
	touch_all devices/system/node/{online,possible} \
		devices/system/node/has_{cpu,memory,normal_memory}
	for c in 0 1 2 3; do
		d=devices/system/cpu/cpu$c
		mkdir -p $d/topology $d/cache/index{0,1,2,3} $d/cpufreq \
			$d/cpuidle/state{0,1}
		touch_all $d/online $d/topology/{core_id,physical_package_id,die_id} \
			$d/topology/{core_siblings,thread_siblings}{,_list} \
			$d/topology/{core_cpus,package_cpus}{,_list}
		for i in 0 1 2 3; do
			touch_all $d/cache/index$i/{level,type,size,id,shared_cpu_map} \
				$d/cache/index$i/{shared_cpu_list,coherency_line_size} \
				$d/cache/index$i/{ways_of_associativity,number_of_sets}
		done
		touch_all $d/cpufreq/{scaling,cpuinfo}_{min,max}_freq \
			$d/cpufreq/scaling_{governor,driver} \
			$d/cpufreq/{affected,related}_cpus
		for s in 0 1; do
			touch_all $d/cpuidle/state$s/{name,desc,latency,residency} \
				$d/cpuidle/state$s/{usage,time,disable}
		done
		ln -s ../../node/node0 $d/node0
		ln -s ../../cpu/cpu$c devices/system/node/node0/cpu$c
		ln -s ../../../devices/system/cpu/cpu$c bus/cpu/devices/cpu$c
	done
	d=devices/system/node/node0
	mkdir -p $d/hugepages/hugepages-{2048,1048576}kB
	touch_all $d/{cpulist,cpumap,distance,meminfo,numastat,vmstat,compact} \
		$d/hugepages/hugepages-{2048,1048576}kB/{nr,free,surplus}_hugepages
	ln -s ../../../devices/system/node/node0 bus/node/devices/node0

	local root=devices/pci0000:00
	mkdir -p $root/pci_bus/0000:00
	touch_all $root/uevent $root/pci_bus/0000:00/{cpuaffinity,cpulistaffinity,rescan}
	for d in 0000:00:00.0 0000:00:01.0 0000:00:01.0/0000:01:00.0 0000:00:02.0 \
		 0000:00:02.0/0000:02:00.0; do
		mkdir -p $root/$d/power
		touch_all $root/$d/{vendor,device,class,subsystem_vendor} \
			$root/$d/{subsystem_device,revision,irq,local_cpus} \
			$root/$d/{local_cpulist,numa_node,enable,config} \
			$root/$d/{resource,uevent,modalias,msi_bus,d3cold_allowed} \
			$root/$d/{current,max}_link_{speed,width} \
			$root/$d/power/{control,runtime_status,runtime_active_time}
		ups=.. rest=$root/$d
		while [[ $rest == */* ]]; do
			rest=${rest#*/} ups+=/..
		done
		ln -s "$ups/bus/pci" $root/$d/subsystem
		ln -s "../../../$root/$d" bus/pci/devices/"${d##*/}"
	done
	nic=$root/0000:00:01.0/0000:01:00.0/net/eth0
	mkdir -p $nic/statistics $nic/queues/{rx,tx}-{0,1,2,3}
	touch_all $nic/{address,addr_len,mtu,carrier,operstate,speed,duplex,ifindex} \
		$nic/{iflink,type,flags,tx_queue_len} \
		$nic/statistics/{rx,tx}_{bytes,packets,errors,dropped} \
		$nic/queues/rx-{0,1,2,3}/rps_cpus $nic/queues/tx-{0,1,2,3}/xps_cpus
	ln -s ../../../0000:01:00.0 $nic/device
	ln -s ../../../../../../class/net $nic/subsystem
	ln -s ../../$nic class/net/eth0
	disk=$root/0000:00:02.0/0000:02:00.0/nvme/nvme0/nvme0n1
	mkdir -p $disk/queue $disk/nvme0n1p1
	touch_all $disk/{size,ro,removable,range,dev,stat,capability,uevent} \
		$disk/queue/{rotational,logical_block_size,physical_block_size} \
		$disk/queue/{max_sectors_kb,nr_requests,scheduler,read_ahead_kb} \
		$disk/nvme0n1p1/{size,start,partition,dev,stat,ro}
	ln -s ../../$disk class/block/nvme0n1
	ln -s ../../$disk/nvme0n1p1 class/block/nvme0n1p1
	ln -s ../$disk block/nvme0n1
}

# The replication, in one Python process: a million mkdir/open/symlink calls cost seconds
# there, a process per copy would cost minutes.
replicate() {
	python3 - "$1" "$2" <<'EOF'
import os, re, sys

out, want = sys.argv[1], int(sys.argv[2])
join, dirname, basename = os.path.join, os.path.dirname, os.path.basename
count = 1 + sum(len(ds) + len(fs) for _, ds, fs in os.walk(out))


def entries(rel):
    """(path, kind, link text) under rel, rel first, parents before children."""
    todo, got = [rel], [(rel, "d", None)]
    while todo:
        d = todo.pop()
        for e in sorted(os.scandir(join(out, d)), key=lambda e: e.name):
            p = join(d, e.name)
            if e.is_symlink():
                got.append((p, "l", os.readlink(e.path)))
            elif e.is_dir():
                got.append((p, "d", None))
                todo.append(p)
            else:
                got.append((p, "f", None))
    return got


def resolve(link, text):
    return os.path.normpath(join(dirname(link), text))


def inside(path, roots):
    return any(path == r or path.startswith(r + "/") for r in roots)


all_links = [(p, text) for p, kind, text in entries(".") if kind == "l"]


def bus_links(bus, kind):
    """bus/cpu and bus/node as a real sysfs has them, so CPUs and nodes have aliases."""
    global count
    top = "devices/system/" + kind
    if not os.path.isdir(join(out, top)) or os.path.lexists(join(out, bus)):
        return
    count += 1 + (not os.path.isdir(join(out, dirname(bus))))
    os.makedirs(join(out, bus))
    for n in os.listdir(join(out, top)):
        if re.fullmatch(kind + r"[0-9]+", n):
            link, text = join(bus, n), "../../../%s/%s" % (top, n)
            os.symlink(text, join(out, link))
            all_links.append((link, text))
            count += 1


bus_links("bus/cpu/devices", "cpu")
bus_links("bus/node/devices", "node")


class Unit:
    """Subtrees copied together; rename(path, name, k) names a node in copy k."""

    def __init__(self, roots, rename, done=lambda: None):
        self.roots, self.rename, self.done = roots, rename, done
        self.entries = [e for r in roots for e in entries(r)]
        # links from elsewhere into the unit: repeated beside the original for each copy
        self.incoming = [(l, t) for l, t in all_links
                         if not inside(l, roots) and inside(resolve(l, t), roots)]
        # the names class/, block/ and bus/ links are named after: unique per copy
        self.instances = {resolve(l, t) for l, t in self.incoming
                          if basename(l) == basename(resolve(l, t))}

    def copy(self, k):
        global count
        new = {}

        def mapped(p):
            if p not in new:
                parent = dirname(p) if p in self.roots else mapped(dirname(p))
                new[p] = join(parent, self.rename(p, basename(p), k))
            return new[p]

        for p, kind, text in self.entries:
            q = join(out, mapped(p))
            if kind == "d":
                os.mkdir(q)
            elif kind == "f":
                os.close(os.open(q, os.O_CREAT | os.O_WRONLY, 0o644))
            else:
                target = resolve(p, text)
                if inside(target, self.roots):
                    text = os.path.relpath(mapped(target), dirname(mapped(p)))
                os.symlink(text, q)
        count += len(self.entries)
        for l, text in self.incoming:
            target = resolve(l, text)
            same = basename(l) == basename(target)
            name = basename(mapped(target)) if same else "%s_%d" % (basename(l), k)
            q = join(out, dirname(l), name)
            if not os.path.lexists(q):
                os.symlink(os.path.relpath(mapped(target), dirname(l)), q)
                count += 1
        self.done()


units = []

# A NUMA node and the CPUs it links to, renamed to the next free numbers.
cpus, numa = "devices/system/cpu", "devices/system/node"


def numbered(d, prefix):
    return sorted(int(n[len(prefix):]) for n in os.listdir(join(out, d))
                  if re.fullmatch(prefix + "[0-9]+", n))


if os.path.isdir(join(out, numa, "node0")):
    node_cpus = ["cpu%d" % c for c in numbered(join(numa, "node0"), "cpu")
                 if os.path.isdir(join(out, cpus, "cpu%d" % c))]
    free = {"node": numbered(numa, "node")[-1] + 1,
            "cpu": (numbered(cpus, "cpu") or [-1])[-1] + 1}

    def numa_rename(p, name, k):
        if p == join(numa, "node0"):
            return "node%d" % free["node"]
        if dirname(p) in (cpus, join(numa, "node0")) and name in node_cpus:
            return "cpu%d" % (free["cpu"] + node_cpus.index(name))
        return name

    def numa_done():
        free["node"] += 1
        free["cpu"] += len(node_cpus)

    units.append(Unit([join(numa, "node0")] + [join(cpus, c) for c in node_cpus],
                      numa_rename, numa_done))

# A PCI root as PCI domain k, the names class/ and block/ links use made unique.
PCI = [(re.compile(r"[0-9a-f]{4}(:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7])"), ""),
       (re.compile(r"[0-9a-f]{4}(:[0-9a-f]{2})"), ""),
       (re.compile(r"pci[0-9a-f]{4}(:[0-9a-f]{2})"), "pci")]


def pci_unit(root):
    def rename(p, name, k):
        for rx, prefix in PCI:
            m = rx.fullmatch(name)
            if m:
                return "%s%04x%s" % (prefix, k, m.group(1))
        return "%s_%d" % (name, k) if p in unit.instances else name

    unit = Unit([root], rename)
    return unit


for r in sorted(os.listdir(join(out, "devices"))):
    if PCI[2][0].fullmatch(r):
        units.append(pci_unit(join("devices", r)))

if not units:
    sys.exit("gen-tree.sh: nothing to copy (no devices/system/node/node0, devices/pci*)")
k = 0
while count < want:
    k += 1  # copy k: PCI domain k, instance names with _k
    for u in units:
        if count < want:
            u.copy(k)
print(count)
EOF
}

start=$(date +%s%N)
if [ -f "$base" ]; then
	tar -xzf "$base" -C "$out"
	from=$(basename "$base" .tar.gz)
else
	(synthetic_base "$out")
	from="a synthetic template (no $base)"
fi
count=$(replicate "$out" "$nodes")
end=$(date +%s%N)
awk -v n="$count" -v out="$out" -v from="$from" -v ns=$((end - start)) 'BEGIN {
	printf "gen-tree: %d nodes in %s, from %s (%.1f s)\n", n, out, from, ns / 1e9 }'
