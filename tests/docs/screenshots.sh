#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# screenshots.sh HTML_DIR OUT_DIR: the site's home page and its ABI reference, as
# headless Chromium renders them at 1280x1600, in OUT_DIR/home.png and
# OUT_DIR/abi-reference.png, for a person to look at after a change to the docs.
set -eu

html=${1:?usage: screenshots.sh HTML_DIR OUT_DIR}
out=${2:?usage: screenshots.sh HTML_DIR OUT_DIR}
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome) || {
	echo "screenshots.sh: no chromium (apt-get install chromium)" >&2
	exit 1
}
mkdir -p "$out"
html=$(cd "$html" && pwd)
profile=$(mktemp -d "${TMPDIR:-/tmp}/sysabi-chromium.XXXXXX")
trap 'rm -rf "$profile"' EXIT INT TERM

# root cannot run Chromium's sandbox; the pages are our own files
sandbox=
[ "$(id -u)" = 0 ] && sandbox=--no-sandbox

for page in index:home abi-reference:abi-reference; do
	src=$html/${page%%:*}.html
	png=$out/${page#*:}.png
	[ -f "$src" ] || { echo "screenshots.sh: no $src (make docs)" >&2; exit 1; }
	rm -f "$png"
	"$browser" --headless $sandbox --disable-gpu --hide-scrollbars \
		--user-data-dir="$profile" --window-size=1280,1600 \
		--screenshot="$png" "file://$src" >/dev/null 2>&1 || true
	[ -s "$png" ] || { echo "screenshots.sh: chromium wrote no $png" >&2; exit 1; }
	echo "$png"
done
