# SPDX-License-Identifier: GPL-2.0-or-later
# bash completion for sysabi: commands, each command's options, and their values.
# The options are read from `sysabi --help` and `sysabi COMMAND --help` once a
# session, so that the completion never lists an option the binary does not take.

# _sysabi_options [COMMAND]: the options of its --help (sysabi's without one), a line each
_sysabi_options()
{
	local key=${1:-_} var
	var="_sysabi_opts_${key//[^a-z]/_}"
	if [[ -z ${!var+x} ]]; then
		printf -v "$var" '%s' "$("${COMP_WORDS[0]}" ${1:+"$1"} --help 2>/dev/null |
			sed -n '/^Options/,/^$/{s/^  \(-[a-zA-Z]\), \(--[a-z][a-z-]*\).*/\1 \2/p;s/^      \(--[a-z][a-z-]*\).*/\1/p}' |
			tr ' ' '\n')"
	fi
	printf '%s\n' "${!var}"
}

_sysabi_commands()
{
	if [[ -z ${_sysabi_cmds+x} ]]; then
		_sysabi_cmds=$("${COMP_WORDS[0]}" --help 2>/dev/null |
			sed -n '/^Commands:$/,/^$/s/^  \([a-z][a-z-]*\) .*/\1/p')
	fi
	printf '%s\n' "$_sysabi_cmds"
}

# the formats COMMAND's --help names on its --format line
_sysabi_formats()
{
	# the list may go on to the next line; what follows in parentheses is no format
	"${COMP_WORDS[0]}" ${1:+"$1"} --help 2>/dev/null |
		sed -n '/^ *--format FORMAT/{N;s/\n \{20,\}/ /;s/\n.*//;s/^ *--format FORMAT *//p;q}' |
		sed 's/(default)//; s/ (.*//; s/,/ /g; s/ or / /g'
}

_sysabi()
{
	local cur prev cmd i
	COMPREPLY=()
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD - 1]}
	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		-o | --output | --abi | --dir | --format | --template | --color) ((i++)) ;;
		-*) ;;
		*) cmd=${COMP_WORDS[i]}; break ;;
		esac
	done

	case $prev in
	--format)
		mapfile -t COMPREPLY < <(compgen -W "$(_sysabi_formats "$cmd")" -- "$cur")
		return ;;
	--color)
		mapfile -t COMPREPLY < <(compgen -W "auto always never" -- "$cur")
		return ;;
	--level)
		mapfile -t COMPREPLY < <(compgen -W "stable testing obsolete removed" -- "$cur")
		return ;;
	--abi | --dir | --modules-dir | --git)
		mapfile -t COMPREPLY < <(compgen -d -- "$cur")
		return ;;
	-o | --output | --template | --baseline | --write-baseline | --vmlinux | \
	--sysfs-root)
		mapfile -t COMPREPLY < <(compgen -f -- "$cur")
		return ;;
	--fail-on)
		local kinds
		kinds=$("${COMP_WORDS[0]}" ${cmd:+"$cmd"} --help 2>/dev/null |
			grep -oE '\b(vanished|appeared|fewer|more|changed|new)-[a-z-]+|\b(undocumented|removed|obsolete|by-directory|module-parameter|missing|btf|none|all)\b' |
			sort -u)
		mapfile -t COMPREPLY < <(compgen -W "$kinds" -- "${cur##*,}")
		[[ $cur == *,* ]] && COMPREPLY=("${COMPREPLY[@]/#/${cur%,*},}")
		return ;;
	esac

	if [[ -z $cmd ]]; then
		if [[ $cur == -* ]]; then
			mapfile -t COMPREPLY < <(compgen -W "$(_sysabi_options) --version" -- "$cur")
		else
			mapfile -t COMPREPLY < <(compgen -W "$(_sysabi_commands)" -- "$cur")
		fi
		return
	fi
	if [[ $cur == -* ]]; then
		mapfile -t COMPREPLY < <(compgen -W "$(_sysabi_options "$cmd")" -- "$cur")
		return
	fi
	case $cmd in
	compare) mapfile -t COMPREPLY < <(compgen -f -- "$cur") ;;
	match) mapfile -t COMPREPLY < <(compgen -W "/sys/" -- "$cur") ;;
	diff) mapfile -t COMPREPLY < <(compgen -d -- "$cur") ;;
	esac
}
complete -F _sysabi sysabi
