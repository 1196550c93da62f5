#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
#
# formats-agree.py DIR KUNIT_DIR: DIR holds one report in every format, written by one
# run (r.json r.txt r.md r.html r.xml r.ktap, and r.dom.html: the HTML page's DOM after
# its script ran in Chromium, when Chromium is there). Checks that every format shows
# the counts the JSON has: the checks, their statuses, counts and findings, the key
# figures, the chart's bars, JUnit's and KTAP's tallies. Prints one line per mismatch
# and "agree: N comparisons"; exits 1 on any mismatch.
import html.parser
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

d, kunit = sys.argv[1], sys.argv[2]
report = json.load(open(os.path.join(d, "r.json")))
checks = report["checks"]
bad = []
compared = 0


def same(what, got, want):
    global compared
    compared += 1
    if got != want:
        bad.append(f"{what}: shows {got!r}, the JSON has {want!r}")


def at(path):
    v = report
    for k in path.split("."):
        v = v[int(k)] if isinstance(v, list) else v[k]
    return v


def failing(c):
    return sum(1 for f in c["findings"] if f["failing"])


# ---- KTAP, read by the kernel's parser when there is one ----
ktap = open(os.path.join(d, "r.ktap")).read()
same("ktap: plan", re.search(r"^1\.\.(\d+)$", ktap, re.M).group(1), str(len(checks)))
kstatus = {"fail": "FAILURE", "skip": "SKIPPED", "ok": "SUCCESS", "warn": "SUCCESS"}
if os.path.exists(os.path.join(kunit, "kunit_parser.py")):
    parsed = json.loads(subprocess.run([sys.executable, os.path.join(
        os.path.dirname(__file__), "ktap-check.py"), kunit], input=ktap, text=True,
        capture_output=True, check=True).stdout)
    same("ktap: parser errors", parsed["errors"], 0)
    same("ktap: tests", [(t["name"], t["status"]) for t in parsed["tests"]],
         [(c["name"], kstatus[c["status"]]) for c in checks])
else:
    print(f"ktap: no {kunit}/kunit_parser.py: KTAP read by this script only")
    results = re.findall(r"^(not ok|ok) \d+ ([a-z0-9-]+)( # SKIP)?", ktap, re.M)
    same("ktap: tests", [(n, "SKIPPED" if sk else "FAILURE" if r == "not ok" else "SUCCESS")
                         for r, n, sk in results],
         [(c["name"], kstatus[c["status"]]) for c in checks])
same("ktap: diagnostic lines", len(re.findall(r"^# [a-z0-9-]+: (error|warning|info): ", ktap,
                                              re.M)), sum(len(c["findings"]) for c in checks))
# what fails the run is an error, in the JSON and in KTAP's diagnostic lines
same("json: failing findings that are not errors",
     [f["where"] for c in checks for f in c["findings"] if f["failing"] and f["severity"] != "error"],
     [])
same("ktap: error lines", len(re.findall(r"^# [a-z0-9-]+: error: ", ktap, re.M)),
     sum(f["severity"] == "error" for c in checks for f in c["findings"]))

# ---- JUnit ----
root = ET.parse(os.path.join(d, "r.xml")).getroot()
cases = lambda c: len(c["findings"]) if c["findings"] and c["status"] != "skip" else 1
same("junit: tests", int(root.get("tests")), sum(cases(c) for c in checks))
same("junit: failures", int(root.get("failures")), sum(failing(c) for c in checks
                                                       if c["status"] != "skip"))
for suite in root:
    fam = suite.get("name").removeprefix("sysabi.")
    mine = [c for c in checks if c["family"] == fam]
    same(f"junit: {fam}: tests", int(suite.get("tests")), len(suite.findall("testcase")))
    same(f"junit: {fam}: testcases", len(suite.findall("testcase")), sum(cases(c) for c in mine))
    same(f"junit: {fam}: failures", len(suite.findall("testcase/failure")),
         sum(failing(c) for c in mine if c["status"] != "skip"))
    same(f"junit: {fam}: skipped", len(suite.findall("testcase/skipped")),
         sum(1 for c in mine if c["status"] == "skip"))
same("junit: families", sorted(s.get("name") for s in root),
     sorted({"sysabi." + c["family"] for c in checks}))

# ---- Markdown ----
md = open(os.path.join(d, "r.md")).read()
rows = re.findall(r"^\| (\d+) \| ([a-z0-9-]+) \| ([a-z]+) \| ([a-z]+) \| (\d+) \|$", md, re.M)
same("markdown: checks", [(r[1], r[3], int(r[4])) for r in rows],
     [(c["name"], c["status"], c["count"]) for c in checks])
for c in checks:
    m = re.search(r"^### .* \(" + re.escape(c["name"]) + r": [a-z]+\)\n\n(.*?)(?=\n\n|\Z)", md,
                  re.M | re.S)
    shown = len([l for l in m.group(1).splitlines()[2:] if l.startswith("| ")]) if m and \
        c["status"] != "skip" else 0
    same(f"markdown: {c['name']}: finding rows", shown,
         len(c["findings"]) if c["status"] != "skip" else 0)
md_figures = re.findall(r"^\| ([^|]+) \| (\d+) \|$", md, re.M)


# ---- HTML: the page as Chromium built it, else the file as written ----
class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.figures, self.checks, self.findings, self.bars = [], [], [], []
        self.label, self.result = None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "data-figure" in a:
            self.figures.append([a["data-figure"], a["data-path"], None])
            self.label = "figure"
        elif "data-check" in a:
            self.checks.append((a["data-check"], a["data-status"], int(a["data-count"])))
        elif "data-finding" in a:
            self.findings.append((a["data-finding"], int(a["data-count"])))
        elif "data-bar" in a:
            self.bars.append((a["data-bar"], int(a["data-total"])))
        elif "data-result" in a:
            self.result = a["data-result"]

    def handle_data(self, data):
        if self.label == "figure" and data.strip():
            self.figures[-1][2] = int(data)
            self.label = None


dom = os.path.join(d, "r.dom.html")
page = Page()
page.feed(open(dom if os.path.exists(dom) else os.path.join(d, "r.html")).read())
same("html: result", page.result, report["result"])
same("html: checks", page.checks, [(c["name"], c["status"], c["count"]) for c in checks])
for c in checks:
    rows = [n for name, n in page.findings if name == c["name"]]
    same(f"html: {c['name']}: finding rows", len(rows), len(c["findings"]))
    same(f"html: {c['name']}: finding counts", sum(rows), sum(f["count"] for f in c["findings"]))
for name, path, value in page.figures:
    same(f"html: figure {name}", value, at(path))
same("markdown: figures", [int(v) for _, v in md_figures], [v for _, _, v in page.figures])
if report["command"] == "audit":
    want = [(lv, report["entries"][lv]["entries"]) for lv in
            ("stable", "testing", "obsolete", "removed")]
    f, by = report["files"], report["documented_by_level"]
    want += [("stable", by["stable"]), ("testing", by["testing"]),
             ("obsolete", f["obsolete"]), ("removed", f["removed"]),
             ("by-directory", f["by-directory"]), ("undocumented", f["undocumented"]),
             ("module-parameter", f["module-parameter"])]
    same("html: chart bars", page.bars, want)

# ---- text ----
text = open(os.path.join(d, "r.txt")).read()
same("text: result", re.search(r"^result: (\w+)", text, re.M).group(1), report["result"])
if report["command"] == "audit":
    f, by = report["files"], report["documented_by_level"]
    m = re.search(r"^files (\d+): documented (\d+) \(stable (\d+), testing (\d+)\), "
                  r"by-directory (\d+),\n  obsolete (\d+), removed (\d+), undocumented (\d+), "
                  r"module-parameter (\d+)$", text, re.M)
    same("text: files", [int(x) for x in m.groups()],
         [f["total"], f["documented"], by["stable"], by["testing"], f["by-directory"],
          f["obsolete"], f["removed"], f["undocumented"], f["module-parameter"]])
    for lv, e in report["entries"].items():
        m = re.search(r"^" + lv + r" +(\d+) +(\d+) +(\d+) +(\d+) +(\d+) +(\d+)$", text,
                      re.M)
        same(f"text: entries {lv}", [int(x) for x in m.groups()],
             [e["entries"], e["matched"], e["missing"], e["conditional"], e["absent"],
              e["not-sysfs"]])
elif report["command"] == "validate":
    s = report["summary"]["diagnostics"]
    m = re.search(r"^diagnostics: (\d+) errors?, (\d+) warnings?, (\d+) lints?", text, re.M)
    same("text: diagnostics", [int(x) for x in m.groups()], [s["error"], s["warning"],
                                                              s["lint"]])

elif report["command"] == "diff":
    ch = report["summary"]["changes"]
    m = re.search(r"^changes: (\d+) added, (\d+) removed, (\d+) changed, (\d+) moved-file, "
                  r"(\d+) moved-level$", text, re.M)
    same("text: changes", [int(x) for x in m.groups()],
         [ch[k] for k in ("added", "removed", "changed", "moved-file", "moved-level")])

# ---- whose sysfs: every format names it, with what the JSON knows of it ----
for side in ("sysfs", "old", "new"):
    sysfs = report.get(side)
    if not isinstance(sysfs, dict) or "identity" not in sysfs:
        continue
    ident = [sysfs["identity"]] + [sysfs[k] for k in ("kernel_release", "hostname",
                                                       "label") if sysfs.get(k)]
    for fmt in ("txt", "md", "ktap", "html", "xml"):
        text = open(os.path.join(d, "r." + fmt)).read()
        if fmt == "html":  # the text shown: a path is marked up to wrap at its slashes
            text = re.sub(r"<[^>]*>", "", text)
        text = html.unescape(text)
        if fmt == "md":  # Markdown escapes its punctuation: node\_exporter
            text = re.sub(r"\\(.)", r"\1", text)
        same(f"{fmt}: names the {side} sysfs and whose it is",
             [w for w in [sysfs["root"]] + ident if w not in text], [])

for line in bad:
    print(line)
print(f"agree: {compared} comparisons, {len(bad)} mismatches")
sys.exit(1 if bad else 0)
