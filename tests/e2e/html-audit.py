#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
#
# html-audit.py DIR [EPOCH]: the audit's HTML report as Chromium built it (DIR/r.dom.html),
# read back against the JSON of the same run (DIR/r.json), as a QA engineer keeping
# the page would read it:
#   - the header says when the report was made (at EPOCH, SOURCE_DATE_EPOCH of the run,
#     when given) and on which host;
#   - the map of the sysfs: its tiles' counts add up to the report's files, class by
#     class, every tile inside the canvas, none over another, each with its tooltip;
#   - every group of the JSON has its finding row, with each of its paths in the
#     expandable list and its owners in the owner column, as the JSON has them;
#   - paths may wrap only after a '/' (<wbr>), in the page as written;
#   - nothing is fetched: no outside URL, no script or style from elsewhere.
# Prints one line per mismatch and "html: N comparisons"; exits 1 on any mismatch.
import html.parser
import json
import os
import re
import socket
import sys
import time

d = sys.argv[1]
epoch = sys.argv[2] if len(sys.argv) > 2 else None
report = json.load(open(os.path.join(d, "r.json")))
written = open(os.path.join(d, "r.html")).read()
bad = []
compared = 0
CLASSES = ["documented", "by-directory", "obsolete", "removed", "undocumented",
           "module-parameter"]


def same(what, got, want):
    global compared
    compared += 1
    if got != want:
        bad.append(f"{what}: the page has {got!r}, the JSON {want!r}")


class Page(html.parser.HTMLParser):
    """The page's run line, map and finding rows, as lists of plain values."""

    def __init__(self):
        super().__init__()
        self.run = {}
        self.svg = None
        self.tiles, self.rows = [], []
        self.row = None
        self.stack = []  # the open elements of a row: (tag, attrs)
        self.text = None  # the text being collected, and where it goes
        self.tile = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "data-run-date" in a:
            self.run["date"] = a["data-run-date"]
        if "data-run-host" in a:
            self.run["host"] = a["data-run-host"]
        if tag == "svg" and "data-files" in a:
            self.svg = a
        if tag == "g" and "data-tile" in a:
            self.tile = dict(a, rect=None, title=None)
            self.tiles.append(self.tile)
        if self.tile is not None and tag == "rect":
            self.tile["rect"] = [int(a[k]) for k in ("x", "y", "width", "height")]
        if self.tile is not None and tag == "title":
            self.text = ("title", [])
        if tag == "tr" and "data-finding" in a:
            self.row = {"check": a["data-finding"], "paths_attr": a.get("data-paths"),
                        "where": None, "paths": [], "owners": [], "cell": 0}
            self.rows.append(self.row)
            return
        if self.row is None or tag == "wbr":
            return
        if tag == "td":
            self.row["cell"] += 1
        cls = a.get("class") or ""
        if tag == "code" and self.row["cell"] == 2:
            inside_li = any(t == "li" for t, _ in self.stack)
            self.text = ("path" if inside_li else "where", [])
        if tag == "div" and "owner" in cls.split():
            self.text = ("owner", [])
        self.stack.append((tag, a))

    def handle_endtag(self, tag):
        if tag == "g" and self.tile is not None:
            self.tile = None
        if tag == "title" and self.text and self.text[0] == "title":
            self.tile["title"] = "".join(self.text[1])
            self.text = None
        if self.row is None:
            return
        if tag == "tr":
            self.row = None
            self.stack = []
            return
        if self.text and ((tag == "code" and self.text[0] in ("where", "path")) or
                          (tag == "div" and self.text[0] == "owner")):
            kind, parts = self.text
            s = "".join(parts)
            if kind == "where":
                self.row["where"] = s
            elif kind == "path":
                self.row["paths"].append(s)
            else:
                self.row["owners"].append(s)
            self.text = None
        while self.stack:
            t, _ = self.stack.pop()
            if t == tag:
                break

    def handle_data(self, data):
        if self.text:
            self.text[1].append(data)


page = Page()
page.feed(open(os.path.join(d, "r.dom.html")).read())

# ---- when and where ----
if epoch is not None:
    same("run: the date", page.run.get("date"),
         time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(int(epoch))))
else:
    same("run: a date", bool(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ",
                                          page.run.get("date", ""))), True)
same("run: the host", page.run.get("host"), socket.gethostname())

# ---- the map of the sysfs ----
f, by = report["files"], report["documented_by_level"]
if page.svg is None:
    bad.append("map: no treemap")
else:
    same("map: its files", int(page.svg["data-files"]), f["total"])
    same("map: its files, by the tiles", sum(int(t["data-files"]) for t in page.tiles),
         f["total"])
    for c in CLASSES:
        same(f"map: {c} files, by the tiles",
             sum(int(t["data-" + c]) for t in page.tiles), f[c])
    for lv in ("stable", "testing"):
        same(f"map: files documented in {lv}, by the tiles",
             sum(int(t["data-" + lv]) for t in page.tiles), by[lv])
    same("map: subsystems, by the tiles",
         sum(int(t["data-subsystems"]) for t in page.tiles), len(report["subsystems"]))
    w, h = map(int, page.svg["viewbox"].split()[2:])
    rects = [t["rect"] for t in page.tiles]
    same("map: every tile inside the canvas, not empty",
         [r for r in rects if r[0] < 0 or r[1] < 0 or r[0] + r[2] > w or
          r[1] + r[3] > h or r[2] <= 0 or r[3] <= 0], [])
    over = [(a, b) for i, a in enumerate(rects) for b in rects[:i]
            if min(a[0] + a[2], b[0] + b[2]) > max(a[0], b[0]) and
            min(a[1] + a[3], b[1] + b[3]) > max(a[1], b[1])]
    same("map: no tile over another", over, [])
    same("map: every tile's tooltip says its files",
         [t["data-tile"] for t in page.tiles
          if not t["title"] or f"{t['data-files']} file" not in t["title"]], [])
    same("map: bounded", len(page.tiles) <= 400, True)


# ---- the groups: paths and owners ----
def owner_text(o):
    s = ""
    if o["driver"]:
        s += "driver " + o["driver"]
    if o["module"]:
        s += (", " if o["driver"] else "") + "module " + o["module"]
    if o["subsystem"]:
        s += "subsystem " + o["subsystem"]
    if o.get("description"):
        s += ": " + o["description"]
    return s


shown = sorted((r["where"], tuple(r["paths"]), tuple(r["owners"]), int(r["paths_attr"]))
               for r in page.rows if r["paths_attr"] is not None)
want = sorted((g["pattern"], tuple(g["paths"]), tuple(owner_text(o) for o in g["owners"]),
               g["count"]) for g in report["groups"])
same("groups: a row each", len(shown), len(want))
for got, exp in zip(shown, want):
    same(f"group {exp[0]}: its paths, owners and count", got, exp)
same("groups: every one with its paths", [g["pattern"] for g in report["groups"]
                                          if len(g["paths"]) != g["count"]], [])

# ---- paths wrap after a slash, as written ----
# a name a browser would break at its hyphen is kept whole in a span
codes = [re.sub(r"</?span[^>]*>", "", c) for c in re.findall(r"<code>(.*?)</code>", written)]
same("paths: a <wbr> after every '/' but a leading one, and nowhere else",
     [c for c in codes if "<wbr>" in c.replace("/<wbr>", "") or
      re.search(r"/(?!<wbr>)", c[1:] if c.startswith("/") else c)], [])
same("paths: some wrap", any("/<wbr>" in c for c in codes), True)
same("paths: no rule breaks words anywhere", "break-all" in written, False)

# ---- nothing fetched ----
same("self-contained: every link within the page",
     [u for u in re.findall(r"\b(?:src|href)\s*=\s*[\"']?([^\"'\s>]*)", written)
      if not u.startswith("#")], [])
same("self-contained: no style fetched", re.findall(r"url\(|@import", written), [])

for line in bad:
    print(line)
print(f"html: {compared} comparisons, {len(bad)} mismatches")
sys.exit(1 if bad else 0)
