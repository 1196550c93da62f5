# SPDX-License-Identifier: GPL-2.0-or-later
# Sphinx configuration of sysabi's documentation. Build it with `make docs`, which
# builds sysabi first (the ABI reference page runs it) and treats warnings as errors.
import os
import re
import sys

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "_ext"))


def makefile_version():
    with open(os.path.join(here, "..", "Makefile")) as f:
        return re.search(r"^VERSION := (\S+)$", f.read(), re.M).group(1)


project = "sysabi"
author = "the sysabi authors"
copyright = "the sysabi authors; GPL-2.0-or-later"
release = version = makefile_version()

extensions = ["sysabi_abi"]

# the ABI pages run this binary; `make docs` passes the one it built
sysabi_binary = "build/sysabi"

exclude_patterns = ["_build"]
highlight_language = "none"
# the man page's source is AsciiDoc, built by asciidoctor, not by Sphinx
source_suffix = {".rst": "restructuredtext"}

html_theme = "alabaster"
html_theme_options = {
    "description": "Is this kernel's sysfs ABI documented, and does the documentation hold?",
    "page_width": "1160px",
    "sidebar_width": "250px",
    "fixed_sidebar": False,
    "show_relbars": True,
    "show_powered_by": False,
    "font_family": "'DejaVu Sans', 'Helvetica Neue', Arial, sans-serif",
    "head_font_family": "'DejaVu Sans', 'Helvetica Neue', Arial, sans-serif",
}
html_sidebars = {"**": ["about.html", "navigation.html", "searchbox.html"]}
html_static_path = ["_static"]
html_css_files = ["sysabi.css"]
html_title = f"sysabi {release}"
html_copy_source = False
html_show_sphinx = False
