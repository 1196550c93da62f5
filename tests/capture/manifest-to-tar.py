#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Turn the manifest sysfs-record wrote into a tarball of the recorded sysfs.

    manifest-to-tar.py [--attachments DIR] MANIFEST OUT.tar.xz

MANIFEST is the file or raw disk image sysfs-record wrote (tests/capture/sysfs-record.c
says its format); anything after its "end" line is ignored. The tarball is laid out as
the recorded trees of ../shared/data/sysfs: members relative to the sysfs root
(./devices/..., ./class/...), links kept, files with their recorded modes and content
(empty but for the few the recorder reads). Every member is owned by root with mtime 0,
in the order of their paths, so the same manifest always gives the same bytes.

Each file the guest attached (sysfs-record --attach) is written to DIR. The figures of
the tree go to stdout, one "name value" a line.
"""
import argparse
import io
import lzma
import os
import sys
import tarfile

TYPES = {"d": tarfile.DIRTYPE, "f": tarfile.REGTYPE, "l": tarfile.SYMTYPE}


class ManifestError(Exception):
    pass


def records(f):
    """Yield (type, mode, path, target, data) for each record, checking the count."""
    if f.readline() != b"sysfs-record 1\n":
        raise ManifestError("not a sysfs-record manifest")
    n = 0
    while True:
        line = f.readline()
        if not line.endswith(b"\n"):
            raise ManifestError("cut short after %d records" % n)
        words = line.decode("ascii", "replace").split()
        if words and words[0] == "end":
            if len(words) != 2 or int(words[1]) != n:
                raise ManifestError("%d nodes recorded, the end line says %s" % (n, line))
            return
        if len(words) != 5 or len(words[0]) != 1:
            raise ManifestError("bad record line %r after %d records" % (line[:80], n))
        kind, mode = words[0], int(words[1], 8)
        plen, tlen, dlen = (int(w) for w in words[2:])
        body = f.read(plen + tlen + dlen)
        if len(body) != plen + tlen + dlen:
            raise ManifestError("record %d cut short" % n)
        path = body[:plen].decode("utf-8", "surrogateescape")
        target = body[plen:plen + tlen].decode("utf-8", "surrogateescape")
        if kind != "x":
            n += 1
        yield kind, mode, path, target, body[plen + tlen:]


def member(kind, mode, path):
    info = tarfile.TarInfo("./" + path if path else ".")
    info.type = TYPES[kind]
    info.mode = mode
    info.mtime = 0
    info.uid = info.gid = 0
    info.uname = info.gname = "root"
    return info


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--attachments", metavar="DIR")
    ap.add_argument("manifest")
    ap.add_argument("out")
    args = ap.parse_args()

    nodes, attached = [], {}
    try:
        with open(args.manifest, "rb") as f:
            for kind, mode, path, target, data in records(f):
                if kind == "x":
                    attached[path] = data
                else:
                    nodes.append((kind, mode, path, target, data))
    except (ManifestError, ValueError) as e:
        sys.exit("manifest-to-tar: %s: %s" % (args.manifest, e))

    counts = dict.fromkeys(("files", "dirs", "links", "other", "btf_files",
                            "content_bytes"), 0)
    nodes.sort(key=lambda n: n[2].split("/"))
    tmp = args.out + ".tmp"
    with lzma.open(tmp, "wb", preset=9) as xz, \
            tarfile.open(fileobj=xz, mode="w", format=tarfile.GNU_FORMAT) as tar:
        tar.addfile(member("d", 0o755, ""))
        for kind, mode, path, target, data in nodes:
            if kind not in TYPES:
                counts["other"] += 1
                print("manifest-to-tar: %s: not a file, directory or link: left out"
                      % path, file=sys.stderr)
                continue
            info = member(kind, mode, path)
            if kind == "l":
                info.linkname = target
                counts["links"] += 1
                tar.addfile(info)
            elif kind == "d":
                counts["dirs"] += 1
                tar.addfile(info)
            else:
                info.size = len(data)
                counts["files"] += 1
                counts["content_bytes"] += len(data)
                if path.startswith("kernel/btf/"):
                    counts["btf_files"] += 1
                tar.addfile(info, io.BytesIO(data))
    os.replace(tmp, args.out)
    counts["archive_bytes"] = os.path.getsize(args.out)

    if args.attachments:
        os.makedirs(args.attachments, exist_ok=True)
        for name, data in attached.items():
            if "/" in name or name.startswith("."):
                sys.exit("manifest-to-tar: bad attachment name %r" % name)
            with open(os.path.join(args.attachments, name), "wb") as f:
                f.write(data)
    for k, v in counts.items():
        print(k, v)


if __name__ == "__main__":
    main()
