#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# completion/sysabi.bash driven as bash drives it: COMP_WORDS and COMP_CWORD set, the
# function bash calls run, COMPREPLY read. It reads the options from the binary's
# --help, so every command and option it offers is one sysabi takes.
. tests/e2e/lib.sh

bin=${SYSABI##* } # the binary itself, whatever runs it in the other tests
# shellcheck source=completion/sysabi.bash
. completion/sysabi.bash

# complete WORD...: the words typed, the last one being completed
complete_words() {
	COMP_WORDS=("$bin" "$@")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMPREPLY=()
	_sysabi
	printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' ' | sed 's/ $//'
}
says() { # WANT WORD...
	local want=$1 got
	shift
	got=$(complete_words "$@")
	[ "$got" = "$want" ] || { echo "completing '$*': got '$got', want '$want'" >&2; return 1; }
}

e2e_check "a command from its start" says "audit" au
e2e_check "every command" says "$("$bin" --help | sed -n '/^Commands:$/,/^$/s/^  \([a-z][a-z-]*\) .*/\1/p' | sort | tr '\n' ' ' | sed 's/ $//')" ""
e2e_check "a command's option" says "--sysfs-root" audit --sysf
e2e_check "an option of one command only" says "--hostname" snapshot --host
e2e_check "no option of another command" says "" validate --sysf
e2e_check "the formats audit writes" says "github html json junit ktap markdown sarif text" audit --format ""
e2e_check "the formats search writes: text and json" says "json text" search --format ""
e2e_check "colours" says "always" audit --color al
e2e_check "a --fail-on kind of compare" says "vanished-stable" compare --fail-on vanished-s
e2e_check "a --fail-on list goes on after a comma" says "undocumented,removed" audit --fail-on undocumented,rem
e2e_check "a global option before the command" says "--abi" --ab
e2e_check "the command found after a global option" says "--show-hints" --abi /x undefined --show
mkdir -p "$E2E_TMP/docs-dir"
e2e_check "--abi takes a directory" says "$E2E_TMP/docs-dir" audit --abi "$E2E_TMP/docs-d"

e2e_done
