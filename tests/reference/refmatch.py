#!/usr/bin/env python3
"""Independent reference matcher: classify every regular file of a sysfs tree
against a kernel Documentation/ABI tree.

Written only from the format notes (ABI-FORMAT.md) and the rules in
tests/reference/README.md; it shares no code and no reading of sysabi's
sources.  Python 3.11, standard library only.

    refmatch.py --abi DIR --root DIR [--sysabi JSON]
"""
import argparse
import collections
import json
import os
import re
import stat
import sys

LEVELS = ("stable", "testing", "obsolete", "removed")
IGNORES = ("kernel/debug", "kernel/tracing", "kernel/config", "kernel/security",
           "fs/cgroup", "fs/bpf", "fs/pstore", "fs/fuse/connections",
           "fs/selinux", "firmware/efi/efivars")
MAX_LINKS = 4
# sensitivity knobs (--variant); all off = the rules of the README
VARIANT = set()
MENTION_WORDS = ("mentioned", "listed", "below", "following", "described")
WORD = "A-Za-z0-9_-"

# --------------------------------------------------------------------------
# ABI parsing
# --------------------------------------------------------------------------
TAG_RE = re.compile(r"^([A-Za-z][A-Za-z0-9_ -]*):(.*)$")


class Entry:
    __slots__ = ("level", "file", "line", "whats", "desc", "_wcache")

    def __init__(self, level, file, line):
        self.level, self.file, self.line = level, file, line
        self.whats = []          # (text, line)
        self.desc = []
        self._wcache = {}

    def has_word(self, name):
        r = self._wcache.get(name)
        if r is None:
            text = "\n".join(self.desc)
            r = re.search(r"(?<![%s])%s(?![%s])" % (WORD, re.escape(name), WORD), text) is not None
            self._wcache[name] = r
        return r


def extract_path(text):
    """The path at the start of text: stop at whitespace outside <> {} []."""
    text = text.strip()
    depth = 0
    out = []
    for ch in text:
        if ch in "<{[":
            depth += 1
        elif ch in ">}]":
            depth = max(0, depth - 1)
        elif ch.isspace() and depth == 0:
            break
        out.append(ch)
    p = "".join(out).rstrip(",;:")
    return p


def looks_sysfs(p):
    return p.startswith("/sys/") or p.startswith(".../")


def parse_abi(abidir):
    entries = []
    for level in LEVELS:
        base = os.path.join(abidir, level)
        for dp, dns, fns in os.walk(base):
            dns.sort()
            for fn in sorted(fns):
                path = os.path.join(dp, fn)
                with open(path, "rb") as f:
                    data = f.read().decode("utf-8", "replace")
                rel = os.path.relpath(path, abidir)
                parse_file(entries, level, rel, data)
    return entries


def parse_file(entries, level, rel, data):
    cur = None
    state = None     # 'what' (right after What lines), 'desc', 'other'
    for ln, line in enumerate(data.splitlines(), 1):
        m = TAG_RE.match(line)
        if m and not line[0].isspace():
            tag = m.group(1).strip()
            val = m.group(2)
            if tag == "What":
                # A What joins the current entry while that entry has not
                # reached its Description (consecutive Whats, or a stray
                # Date/KernelVersion between Whats); otherwise it starts one.
                if cur is None or state not in ("what", "pre"):
                    cur = Entry(level, rel, ln)
                    entries.append(cur)
                cur.whats.append((extract_path(val), ln))
                state = "what"
            elif cur is None:
                state = None
            elif tag == "Description":
                state = "desc"
                cur.desc.append(val)
            elif state in ("what", "pre"):
                state = "pre"
            else:
                state = "other"
            continue
        if cur is None:
            continue
        if state == "what" and line[:1].isspace():
            s = line.strip()
            if s.startswith("/") or s.startswith(".../"):
                cur.whats.append((extract_path(s), ln))
                continue
        if state == "desc":
            cur.desc.append(line)


# --------------------------------------------------------------------------
# What -> matcher
# --------------------------------------------------------------------------
ELL = ("ell",)


def _match_close(s, i, o, c):
    depth = 0
    for j in range(i, len(s)):
        if s[j] == o:
            depth += 1
        elif s[j] == c:
            depth -= 1
            if depth == 0:
                return j
    return -1


def _split_top(s, seps):
    parts, depth, cur = [], 0, []
    for ch in s:
        if ch in "<{[":
            depth += 1
        elif ch in ">}]":
            depth -= 1
        if ch in seps and depth == 0:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    parts.append("".join(cur))
    return parts


DIGIT1 = re.compile(r"^[0-9]-[0-9]$")
DIGITN = re.compile(r"^(?:[0-9]+(?:-|:|\.\.)(?:[0-9]+|[NnXY])|[0-9]+|[nN]|list-number)$")


def translate(s):
    """Return (regex, has_literal) for one component's text (no '/')."""
    out, lit = [], False
    i, n = 0, len(s)
    while i < n:
        ch = s[i]
        if ch == "\\" and i + 1 < n:
            out.append(re.escape(s[i + 1]))
            lit = True
            i += 2
            continue
        if ch == "<":
            j = _match_close(s, i, "<", ">")
            if j > 0:
                inner = s[i + 1:j]
                alts = _split_top(inner, "|")
                if len(alts) > 1:
                    rs = [translate(a) for a in alts]
                    out.append("(?:" + "|".join(r for r, _ in rs) + ")")
                    lit = lit or any(l for _, l in rs)
                else:
                    out.append(".+")
                i = j + 1
                continue
        if ch == "{":
            j = _match_close(s, i, "{", "}")
            if j > 0:
                alts = _split_top(s[i + 1:j], ",|")
                rs = [translate(a) for a in alts]
                out.append("(?:" + "|".join(r for r, _ in rs) + ")")
                lit = lit or any(l for _, l in rs)
                i = j + 1
                continue
        if ch == "[":
            j = _match_close(s, i, "[", "]")
            if j > 0:
                inner = s[i + 1:j]
                q = ""
                k = j + 1
                if k < n and s[k] in "+*":
                    q = s[k]
                    k += 1
                if "|" in inner:
                    rs = [translate(a) for a in _split_top(inner, "|")]
                    out.append("(?:" + "|".join(r for r, _ in rs) + ")" + q)
                    lit = lit or any(l for _, l in rs)
                elif DIGIT1.match(inner) or inner in ("01",):
                    out.append("[" + inner + "]" + (q or ""))
                elif DIGITN.match(inner):
                    out.append(r"\d+")
                elif inner in (".", ".."):
                    out.append(re.escape(inner) + q)
                    lit = True
                else:
                    # [.Y], [-X], [.port]: an optional part
                    r, l = translate(inner)
                    out.append("(?:" + r + ")?")
                i = k
                continue
        if ch == "*":
            out.append(".*")
            i += 1
            continue
        if s.startswith("...", i):
            out.append(".*")
            i += 3
            continue
        if ch in "XYZN":
            # the maximal run of capitals around this letter: a placeholder
            # if made only of X/Y/Z/N (cpuX, pciXXXX:XX), literal otherwise
            # (LNXSYSTM:00)
            a = i
            while a > 0 and s[a - 1].isupper():
                a -= 1
            b = i
            while b < n and s[b].isupper():
                b += 1
            if a == i and (all(c in "XYZN" for c in s[a:b]) if "xrun-literal" not in VARIANT
                           else b == i + 1):
                out.append(".+")
                i = b
                continue
        out.append(re.escape(ch))
        lit = True
        i += 1
    return "".join(out), lit


class Pattern:
    __slots__ = ("pid", "entry", "text", "line", "comps", "dironly")


def compile_what(text, entry):
    """Return (components, dironly) or None if the What documents nothing."""
    if text.startswith(".../"):
        body = text[4:]
        comps = [ELL]
    elif text.startswith("/sys/"):
        body = text[5:]
        comps = []
    else:
        return None
    dironly = body.endswith("/")
    parts = [p for p in body.split("/") if p != ""]
    if not parts:
        return None
    any_lit = False
    for p in parts:
        if p == "...":
            if not comps or comps[-1] is not ELL:
                comps.append(ELL)
            continue
        if p == "*":
            comps.append(("re", re.compile(r"[^/]+\Z"), p))
            continue
        if (p.startswith("<") and p.endswith(">") and _match_close(p, 0, "<", ">") == len(p) - 1
                and any(w in p.lower() for w in MENTION_WORDS)
                and "mention-wildcard" not in VARIANT):
            comps.append(("mention", entry, p))
            continue
        r, lit = translate(p)
        any_lit = any_lit or lit
        if not lit and r == re.escape(p):
            pass
        if r == re.escape(p):
            comps.append(("lit", p))
        else:
            comps.append(("re", re.compile("(?:" + r + r")\Z", re.S), p))
    if not any_lit and "keep-no-literal" not in VARIANT:
        return None
    return comps, dironly


def comp_match(c, name):
    k = c[0]
    if k == "lit":
        return c[1] == name
    if k == "re":
        return c[1].match(name) is not None
    if k == "mention":
        return c[1].has_word(name)
    return False


# --------------------------------------------------------------------------
# sysfs tree
# --------------------------------------------------------------------------
class Tree:
    def __init__(self, root):
        self.root = os.path.realpath(root)
        self.listing = {}
        self.linktarget = {}

    def ignored(self, rel):
        for ig in IGNORES:
            if rel == ig or rel.startswith(ig + "/"):
                return True
        return False

    def rel(self, real):
        if real == self.root:
            return ""
        return real[len(self.root) + 1:]

    def list(self, rel):
        """[(name, kind, target_rel)] kind in d f l-d l-f o."""
        r = self.listing.get(rel)
        if r is not None:
            return r
        out = []
        full = os.path.join(self.root, rel) if rel else self.root
        try:
            it = list(os.scandir(full))
        except OSError:
            it = []
        for de in it:
            crel = rel + "/" + de.name if rel else de.name
            if self.ignored(crel):
                continue
            try:
                if de.is_symlink():
                    t = os.path.realpath(de.path)
                    if not (t == self.root or t.startswith(self.root + "/")):
                        continue
                    trel = self.rel(t)
                    if self.ignored(trel):
                        continue
                    try:
                        st = os.stat(t)
                    except OSError:
                        continue
                    if stat.S_ISDIR(st.st_mode):
                        out.append((de.name, "l-d", trel))
                    elif stat.S_ISREG(st.st_mode):
                        out.append((de.name, "l-f", trel))
                elif de.is_dir(follow_symlinks=False):
                    out.append((de.name, "d", crel))
                elif de.is_file(follow_symlinks=False):
                    out.append((de.name, "f", crel))
            except OSError:
                continue
        self.listing[rel] = out
        return out


# --------------------------------------------------------------------------
# product walk
# --------------------------------------------------------------------------
class Matcher:
    def __init__(self, patterns):
        self.pats = patterns
        self.closure_cache = {}

    def closure(self, states):
        key = states
        r = self.closure_cache.get(key)
        if r is not None:
            return r
        out = set()
        for (p, i) in states:
            comps = self.pats[p].comps
            while True:
                out.add((p, i))
                if i < len(comps) and comps[i] is ELL:
                    i += 1
                    continue
                break
        r = frozenset(out)
        self.closure_cache[key] = r
        return r

    def index(self, cl):
        """Step table for a closed state set: (lit dict, regex list, ell list)."""
        lit = collections.defaultdict(list)
        other = []
        ells = []
        for (p, i) in cl:
            comps = self.pats[p].comps
            if i >= len(comps):
                continue
            c = comps[i]
            if c is ELL:
                ells.append((p, i))
            elif c[0] == "lit":
                lit[c[1]].append((p, i + 1))
            else:
                other.append((c, p, i + 1))
        return lit, other, ells

    def run(self, tree):
        """Return dict real_rel -> set of pids that match it (any name)."""
        matches = collections.defaultdict(set)
        seen = collections.defaultdict(dict)    # dir rel -> {state: min links}
        idx_cache = {}
        start = frozenset((p.pid, 0) for p in self.pats)
        work = [("", start, 0)]
        while work:
            drel, states, links = work.pop()
            sd = seen[drel]
            new = frozenset(s for s in states if sd.get(s, 99) > links)
            if not new:
                continue
            for s in new:
                sd[s] = links
            cl = self.closure(new)
            tab = idx_cache.get(cl)
            if tab is None:
                tab = self.index(cl)
                if len(idx_cache) < 20000:
                    idx_cache[cl] = tab
            lit, other, ells = tab
            for name, kind, trel in tree.list(drel):
                isl = kind.startswith("l")
                nxt = set(lit.get(name, ()))
                for c, p, j in other:
                    if comp_match(c, name):
                        nxt.add((p, j))
                for (p, i) in ells:
                    if isl and "ell-through-links" not in VARIANT:
                        nxt.add((p, i + 1))
                    else:
                        nxt.add((p, i))
                if not nxt:
                    continue
                ncl = self.closure(frozenset(nxt))
                isdir = kind in ("d", "l-d")
                for (p, i) in ncl:
                    pat = self.pats[p]
                    if i == len(pat.comps) and (isdir or not pat.dironly
                                                or "dir-whats-match-files" in VARIANT):
                        matches[trel].add(p)
                if isdir:
                    nl = links + (1 if isl else 0)
                    if nl <= MAX_LINKS:
                        work.append((trel, frozenset(nxt), nl))
        return matches


def real_files(tree):
    out = []
    stack = [""]
    while stack:
        d = stack.pop()
        for name, kind, trel in tree.list(d):
            if kind == "d":
                stack.append(trel)
            elif kind == "f":
                out.append(trel)
    return out


MODPARAM = re.compile(r"^module/[^/]+/parameters/[^/]+$")


def classify(tree, pats, matches):
    res = {}
    for f in real_files(tree):
        pids = matches.get(f, ())
        bylev = collections.defaultdict(list)
        for p in pids:
            bylev[pats[p].entry.level].append(p)
        if bylev["stable"] or bylev["testing"]:
            res[f] = ("documented", (bylev["stable"] or bylev["testing"])[0])
            continue
        if bylev["obsolete"]:
            res[f] = ("obsolete", bylev["obsolete"][0])
            continue
        if bylev["removed"]:
            res[f] = ("removed", bylev["removed"][0])
            continue
        name = f.rsplit("/", 1)[-1]
        parts = f.split("/")
        hit = None
        for up in ((1,) if "no-grandparent" in VARIANT else (1, 2)):
            if len(parts) - up < 1:
                break
            d = "/".join(parts[:-up])
            for p in sorted(matches.get(d, ())):
                if pats[p].entry.has_word(name):
                    hit = p
                    break
            if hit is not None:
                break
        if hit is not None:
            res[f] = ("by-directory", hit)
        elif MODPARAM.match(f):
            res[f] = ("module-parameter?", None)
        else:
            res[f] = ("undocumented", None)
    return res


def build_patterns(entries):
    pats = []
    for e in entries:
        for text, line in e.whats:
            if not looks_sysfs(text):
                continue
            r = compile_what(text, e)
            if r is None:
                continue
            p = Pattern()
            p.pid = len(pats)
            p.entry = e
            p.text = text
            p.line = line
            p.comps, p.dironly = r
            pats.append(p)
    return pats


def where(p):
    return "%s:%d %s" % (p.entry.file, p.line, p.text)


def main():
    global MAX_LINKS
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--abi", required=True)
    ap.add_argument("--root", required=True)
    ap.add_argument("--sysabi")
    ap.add_argument("--list", action="store_true", help="print every file with its class")
    ap.add_argument("--max-links", type=int, default=MAX_LINKS,
                    help="links followed in one name (default 4; 0 = real paths only)")
    ap.add_argument("--variant", action="append", default=[],
                    choices=("ell-through-links", "mention-wildcard", "xrun-literal", "no-grandparent",
                             "keep-no-literal", "dir-whats-match-files"),
                    help="deliberately break one rule, to see which files depend on it")
    a = ap.parse_args()
    MAX_LINKS = a.max_links
    VARIANT.update(a.variant)
    entries = parse_abi(a.abi)
    pats = build_patterns(entries)
    tree = Tree(a.root)
    matches = Matcher(pats).run(tree)
    res = classify(tree, pats, matches)
    cnt = collections.Counter(c for c, _ in res.values())
    print("files\t%d" % len(res))
    for c in ("documented", "by-directory", "obsolete", "removed", "module-parameter?", "undocumented"):
        print("%s\t%d" % (c, cnt[c]))
    if a.list:
        for f in sorted(res):
            c, p = res[f]
            print("/sys/%s\t%s\t%s" % (f, c, where(pats[p]) if p is not None else ""))
    if not a.sysabi:
        return
    with open(a.sysabi) as fh:
        sj = json.load(fh)
    sclass = {}
    for g in sj.get("groups", []):
        for path in g.get("paths", []):
            sclass[path] = g["class"]
    print("sysabi.files\t%d" % sj.get("sysfs", {}).get("files", -1))
    agree = 0
    dis = []
    skipped = 0
    ours = set()
    for f, (c, p) in res.items():
        path = "/sys/" + f
        ours.add(path)
        s = sclass.get(path, "documented")
        if c == "module-parameter?":
            skipped += 1
            continue
        if s == c:
            agree += 1
        else:
            dis.append((path, s, c, p))
    for path, s in sclass.items():
        if path not in ours:
            dis.append((path, s, "(not walked)", None))
    print("module-parameter? (not compared)\t%d" % skipped)
    print("agree\t%d" % agree)
    print("disagree\t%d" % len(dis))
    kinds = collections.Counter((s, c) for _, s, c, _ in dis)
    for (s, c), k in sorted(kinds.items()):
        print("  sysabi=%s ref=%s\t%d" % (s, c, k))
    for path, s, c, p in sorted(dis):
        if p is not None:
            why = where(pats[p])
        elif c == "undocumented":
            why = "no What matches any name"
        else:
            why = "not walked by ref"
        print("%s\t%s\t%s\t%s" % (path, s, c, why))


if __name__ == "__main__":
    main()
