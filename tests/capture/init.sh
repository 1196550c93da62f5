#!/bin/busybox sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# /init of the guest build-aux/capture-kernel.sh boots: load the modules, record /sys
# onto the first virtio disk, power off. Its "capture:" lines on the console are read by
# the host. busybox is the only shell and toolbox here.
#
# The modules are not in the initramfs but on the host, shared over 9p: only 9p's own
# modules are in the initramfs (and virtio_pci's, where it is a module). 9p's are
# unloaded again before /sys is recorded, so that the capture shows what the modules of
# modules.list and the devices brought, not the way the modules were reached.
/bin/busybox --install -s /bin
export PATH=/bin

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mount -t tmpfs tmpfs /tmp

# The kernel's request_module() runs /sbin/modprobe: a sound card's codec driver, a
# crypto algorithm, a network protocol are loaded so, as on any Debian system.
mkdir -p /sbin
cat >/sbin/modprobe <<'EOF'
#!/bin/sh
echo "# the kernel asks for: $*" >>/tmp/mod-load.log
exec /bin/mod-load --log /tmp/mod-load.log "$@"
EOF
chmod 0755 /sbin/modprobe

up() { cut -d' ' -f1 /proc/uptime; }
# a line of its own: the console may hold a part line before
say() { printf '\ncapture: %s\n' "$*"; }

say "init $(up)"
release=$(uname -r)
log=/tmp/mod-load.log

fail() {
	say "failed: $*"
	poweroff -f
}

# virtio_pci first where it is a module (6.1), or there is no virtio device for 9p
echo "# 9p, to reach the modules" >>"$log"
mod-load --log /tmp/bootstrap.log virtio_pci 9pnet_virtio 9p
cat /tmp/bootstrap.log >>"$log"
tries=0
until mount -t 9p -o trans=virtio,version=9p2000.L,ro modules "/lib/modules/$release"; do
	tries=$((tries + 1))
	[ "$tries" -lt 10 ] || fail "cannot mount the modules over 9p"
	sleep 1
done

say "loading $(up)"
echo "# modules.list" >>"$log"
# shellcheck disable=SC2046 # one word a module
mod-load --log "$log" $(grep -v '^#' /modules.list) >/dev/null
say "coldplug $(up)"
echo "# coldplug" >>"$log"
mod-load --log "$log" --coldplug >/dev/null
say "loaded $(up)"

umount "/lib/modules/$release" || fail "cannot unmount the modules"
# what was loaded for 9p alone, last first; virtio's own modules serve every virtio device
echo "# 9p, unloaded" >>"$log"
for m in $(sed -n 's/^loaded //p' /tmp/bootstrap.log | grep -v '^virtio' | tac); do
	if rmmod "$m" 2>/tmp/rmmod.err; then
		echo "unloaded $m" >>"$log"
	else
		echo "still loaded $m: $(cat /tmp/rmmod.err)" >>"$log"
	fi
done
# the probes that the last modules started
sleep 2

{
	echo "uname -r: $release"
	echo "uname -v: $(uname -v)"
	echo "cmdline: $(cat /proc/cmdline)"
	echo "cpus: $(grep -c ^processor /proc/cpuinfo)"
	echo "memory: $(grep MemTotal /proc/meminfo)"
} >/tmp/guest
cp /proc/modules /tmp/proc-modules

say "recording $(up)"
if [ -x /bin/sysabi ]; then
	# sysabi itself: its snapshot to memory, then onto the first disk, its length on
	# the console; what the guest said of itself onto the second, as a tar
	sysabi snapshot --no-hostname --label "qemu $release" -o /tmp/snapshot.tar.zst \
		2>/tmp/snapshot.err || fail "sysabi snapshot: $(cat /tmp/snapshot.err)"
	say "recorded $(up)"
	say "snapshot-bytes $(wc -c </tmp/snapshot.tar.zst)"
	dd if=/tmp/snapshot.tar.zst of=/dev/vda bs=1M conv=fsync 2>/dev/null ||
		fail "cannot write the snapshot to /dev/vda"
	(cd /tmp && tar -cf /dev/vdb guest proc-modules mod-load.log snapshot.err) ||
		fail "cannot write the attachments to /dev/vdb"
	sync
else
	sysfs-record --attach guest=/tmp/guest --attach proc-modules=/tmp/proc-modules \
		--attach mod-load.log="$log" /sys /dev/vda || fail "sysfs-record"
	say "recorded $(up)"
fi
poweroff -f
