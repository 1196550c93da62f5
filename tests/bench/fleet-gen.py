#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""fleet-gen.py OUT N BASE.tar.zst...: N snapshots of a lab, for `make bench`.

Each BASE is a snapshot `sysabi snapshot` wrote (the live /sys, a recorded tree). The
lab has N / 10 machines, each on one BASE, recorded once a week for ten weeks, a kernel
a week: snapshot I is machine I % M in week I // M, with its hostname, that week's
kernel release and its own date in sysabi-snapshot.json. Machines differ as real ones
do: each lacks a few devices of its base (chosen by the machine: the same every week),
and each week's kernel brings an attribute the weeks before did not have. Archives are
written by concatenating the base's members (tar blocks, not re-encoded), so making a
thousand takes seconds; zstd -1 compresses them. Each gets its own table of contents
(checker/sysfs/sysfs-archive.h), listing its members as sysabi's would, right after the
metadata and before the members with contents.
"""
import io
import json
import os
import random
import subprocess
import sys
import tarfile


def members(raw):
    """The base's members as (TarInfo, raw tar blocks), the metadata and table of
    contents left out."""
    tf = tarfile.open(fileobj=io.BytesIO(raw))
    infos = tf.getmembers()
    out = []
    for i, ti in enumerate(infos):
        end = infos[i + 1].offset if i + 1 < len(infos) else (
            ti.offset_data + (ti.size + 511) // 512 * 512)
        if ti.name not in ("sysabi-snapshot.json", "sysabi-snapshot.toc"):
            out.append((ti, raw[ti.offset:end]))
    return out


def wants_data(rel):
    """sysfs_archive_wants_data(): the files whose contents a snapshot keeps."""
    p = rel.split("/")
    return ((len(p) == 3 and p[:2] == ["kernel", "btf"]) or
            (len(p) == 3 and p[0] == "module" and p[2] == "initstate"))


def enc(name):
    """A name as its bytes in the archive (tarfile decodes them so)."""
    return name.encode("utf-8", "surrogateescape")


def toc(infos):
    """The table of contents of the members @infos (all below sys/)."""
    tree = {}
    for ti in infos:
        node = tree
        for c in ti.name.split("/"):
            node = node.setdefault(c, {})
        node[None] = ti
    out, contents = [b"sysabi-toc 1\n"], 0

    def walk(node, depth, path):
        nonlocal contents
        for name, kid in node.items():
            if name is None:
                continue
            ti = kid[None]
            kind = b"d" if ti.isdir() else b"l" if ti.issym() else b"f"
            out.append(kind + b"%d %o\0" % (depth, ti.mode & 0o7777) + enc(name) + b"\0")
            if ti.issym():
                out.append(enc(ti.linkname) + b"\0")
            rel = path + [name]
            if ti.isfile() and rel[0] == "sys" and wants_data("/".join(rel[1:])):
                contents += 1
            walk(kid, depth + 1, rel)
    walk(tree, 0, [])
    out.append(b"e%d\0" % contents)
    return b"".join(out)


def one_member(name, data):
    """A member's blocks alone: written, then cut before the end-of-archive blocks."""
    ti = tarfile.TarInfo(name)
    ti.size = len(data)
    ti.mode = 0o444
    ti.mtime = 0
    buf = io.BytesIO()
    tf = tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT)
    tf.addfile(ti, io.BytesIO(data))
    return buf.getvalue()[:tf.offset]  # close() would add the end blocks


def devices(ms):
    """Device directories a machine may lack: sys/devices/X/Y, two deep."""
    seen = sorted({"/".join(ti.name.split("/")[:4]) for ti, _ in ms
                   if ti.name.startswith("sys/devices/") and ti.name.count("/") >= 4})
    return seen


def main():
    out, n, bases = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    os.makedirs(out, exist_ok=True)
    raws = [subprocess.run(["zstd", "-d", "-q", "-c", b], check=True,
                           stdout=subprocess.PIPE).stdout for b in bases]
    base_members = [members(r) for r in raws]
    base_devices = [devices(m) for m in base_members]
    machines = max(1, n // 10)
    width = len(str(n))
    for i in range(n):
        m, week = i % machines, i // machines
        b = m % len(bases)
        rng = random.Random(m)
        devs = base_devices[b]
        lacks = set(rng.sample(devs, min(len(devs) // 4, rng.randint(0, 3)))) if devs else set()
        meta = {
            "format": "sysabi-snapshot", "format_version": 1,
            "date": "2026-%02d-%02dT%02d:%02d:00Z" % (1 + week // 4, 1 + week % 4 * 7,
                                                       m // 60 % 24, m % 60),
            "hostname": "lab-%04d" % m,
            "kernel": {"sysname": "Linux", "release": "6.12.%d-lab" % (100 + week),
                       "machine": "x86_64"},
        }
        kept = [(ti, blocks) for ti, blocks in base_members[b]
                if not any(ti.name == d or ti.name.startswith(d + "/") for d in lacks)]
        features = [one_member("sys/kernel/lab_feature_%d" % k, b"") for k in range(week + 1)]
        listed = [ti for ti, _ in kept] + [
            tarfile.open(fileobj=io.BytesIO(f + bytes(1024))).getmembers()[0]
            for f in features]
        parts = [one_member("sysabi-snapshot.json", json.dumps(meta).encode()),
                 one_member("sysabi-snapshot.toc", toc(listed))]
        parts += [blocks for _, blocks in kept] + features
        parts.append(b"\0" * 1024)
        path = os.path.join(out, "snap-%0*d.tar.zst" % (width, i))
        subprocess.run(["zstd", "-1", "-q", "-f", "-o", path], input=b"".join(parts),
                       check=True)


if __name__ == "__main__":
    main()
