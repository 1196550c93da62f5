# SPDX-License-Identifier: GPL-2.0-or-later
"""The ``sysabi-abi`` directive: render an ABI tree here, through ``sysabi rest``.

    .. sysabi-abi:: abi-docs/linux-6.12/Documentation/ABI
       :level: stable
       :title: The stable ABI
       :label-prefix: abi

The path is relative to the source tree's top (``sysabi_root``, by default the
directory above ``docs/``). The binary is ``$SYSABI_BINARY``, else the
``sysabi_binary`` setting (``make docs`` sets it), else ``build/sysabi`` below the
top. A tree or binary that is not there
stops the build: a page that promises an ABI reference must not silently lose it.
"""
import os
import subprocess

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx import addnodes
from sphinx.errors import ExtensionError
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import nested_parse_with_titles

__version__ = "1"

LEVELS = ("stable", "testing", "obsolete", "removed")


def level_option(value):
    return directives.choice(value, LEVELS)


class SysabiAbi(SphinxDirective):
    required_arguments = 1
    has_content = False
    option_spec = {
        "level": level_option,
        "title": directives.unchanged,
        "label-prefix": directives.unchanged_required,
    }

    def paths(self):
        config = self.env.config
        root = config.sysabi_root or os.path.dirname(self.env.app.confdir)
        binary = os.environ.get("SYSABI_BINARY") or config.sysabi_binary
        binary = os.path.join(root, binary)
        tree = os.path.join(root, self.arguments[0])
        return root, binary, tree

    def run(self):
        root, binary, tree = self.paths()
        where = self.get_location()
        if not os.path.isdir(tree):
            raise ExtensionError(
                f"{where}: sysabi-abi: no ABI tree at '{tree}' (make abi-docs puts "
                f"the kernel's Documentation/ABI there)")
        if not os.access(binary, os.X_OK):
            raise ExtensionError(
                f"{where}: sysabi-abi: no sysabi binary at '{binary}' (build it with "
                f"make, or set SYSABI_BINARY)")

        argv = [binary, "rest", "--abi", tree, "--title", self.options.get("title", "")]
        if "level" in self.options:
            argv += ["--level", self.options["level"]]
        if "label-prefix" in self.options:
            argv += ["--label-prefix", self.options["label-prefix"]]
        # rest writes UTF-8, whatever the locale of this build says
        done = subprocess.run(argv, capture_output=True)
        stderr = done.stderr.decode("utf-8", errors="replace").strip()
        if done.returncode != 0:
            raise ExtensionError(
                f"{where}: sysabi-abi: '{' '.join(argv)}' failed with status "
                f"{done.returncode}: {stderr}")
        try:
            stdout = done.stdout.decode("utf-8")
        except UnicodeDecodeError as err:
            raise ExtensionError(
                f"{where}: sysabi-abi: the output of sysabi rest on '{tree}' is not "
                f"UTF-8 ({err})") from None

        # rebuild the page when the tree or the binary changes
        self.env.note_dependency(binary)
        for top, _dirs, files in os.walk(tree):
            for name in files:
                self.env.note_dependency(os.path.join(top, name))

        source = f"{tree} (sysabi rest)"
        lines = StringList()
        for number, line in enumerate(stdout.splitlines()):
            lines.append(line, source, number)
        node = nodes.section()
        node.document = self.state.document
        nested_parse_with_titles(self.state, lines, node)
        # The output's `.. highlight:: none` would hold for the rest of the page: say
        # it on its own blocks instead.
        for lang in list(node.findall(addnodes.highlightlang)):
            lang.parent.remove(lang)
        for block in node.findall(nodes.literal_block):
            block["language"] = "none"
        return node.children


def setup(app):
    app.add_config_value("sysabi_binary", "build/sysabi", "env")
    app.add_config_value("sysabi_root", "", "env")
    app.add_directive("sysabi-abi", SysabiAbi)
    return {"version": __version__, "parallel_read_safe": True,
            "parallel_write_safe": True}
