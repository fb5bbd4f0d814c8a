#!/usr/bin/env bash
# The man page formats without warnings and documents every command that
# `onramp --help` lists.   check_manpage.sh ONRAMP MANPAGE
set -euo pipefail
onramp=$1
page=$2

warnings=$(LC_ALL=C.UTF-8 groff -t -man -ww -z "$page" 2>&1)
[[ -z $warnings ]] || { echo "$warnings" >&2; echo "check_manpage: groff warns about $page" >&2; exit 1; }

# Command lines in --help: "  WORDS [ARGUMENTS]   Summary"; the command's name
# is the leading run of lowercase words.
missing=0
while IFS= read -r name; do
    if ! grep -Eq "^\.B onramp ${name}( |\\\\|\$)" "$page"; then
        echo "check_manpage: the man page does not document 'onramp $name' (installer/linux/onramp.1.in)" >&2
        missing=1
    fi
done < <("$onramp" --help | sed -n '/^Commands:/,/^$/p' | sed '1d;/^$/d' |
         sed -E 's/^ +//; s/ {2,}.*//' |
         awk '{ n = ""; for (i = 1; i <= NF && $i ~ /^[a-z][a-z-]*$/; i++) n = n (n ? " " : "") $i; if (n) print n }')
exit $missing
