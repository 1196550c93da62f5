#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""fleet-matrix.py PAGE.html REPORT.json: the fleet's HTML matrix, as Chromium built it,
holds every group of the JSON report of the same run, in its order, each row with a
mark on the machines and kernels the group is on, and as many as the JSON says."""
import html.parser
import json
import sys


class Rows(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.rows, self.row = [], None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "tr" and "data-group" in a:
            self.row = {"group": a["data-group"], "machines": int(a["data-machines"]),
                        "status": a["data-status"], "on": 0, "in": 0}
            self.rows.append(self.row)
        classes = a.get("class", "").split()
        if tag == "td" and self.row is not None and "cell" in classes and "on" in classes:
            self.row["in" if "kernel" in classes else "on"] += 1

    def handle_endtag(self, tag):
        if tag == "tr":
            self.row = None


p = Rows()
with open(sys.argv[1]) as f:
    p.feed(f.read())
with open(sys.argv[2]) as f:
    d = json.load(f)
want = [(g["pattern"], g["machines"], g["kernels"]) for g in d["groups"]]
got = [(r["group"], r["on"], r["in"]) for r in p.rows]
assert got == want, (got, want)
assert all(r["machines"] == r["on"] for r in p.rows)
new = {g["pattern"]: g["new"] for g in d["groups"]}
for r in p.rows:
    want = {None: "unknown", True: "new", False: "known"}[new[r["group"]]]
    assert r["status"] == want, (r["group"], r["status"], want)
