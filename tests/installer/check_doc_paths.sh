#!/usr/bin/env bash
# Every repository path the documentation names exists: each backticked path
# under app/, qml/, tests/, docs/, bench/, tools/, installer/, resources/,
# i18n/ or cmake/, and each relative link target, in README.md, docs/*.md,
# bench/README.md and tests/README.md. A component in capitals (AREA,
# TARGET) stands for any name, `*` is a glob, and {a,b} lists alternatives.
#   check_doc_paths.sh SOURCE_DIR
set -euo pipefail
shopt -s nullglob
root=$1
cd "$root"
docs=(README.md docs/*.md bench/README.md tests/README.md)
# From here on words are split but never globbed, except where exists()
# matches a pattern.
set -f
status=0
checked=0
prefixes='app|qml|tests|docs|bench|tools|installer|resources|i18n|cmake'

# exists PATH: true when PATH, read as a glob with brace lists and
# placeholders, names at least one file or folder.
exists() {
    local pattern=$1 alternative
    pattern=$(sed -E 's#(^|/)[A-Z][A-Z_]*(/|$)#\1*\2#g' <<<"$pattern")
    local alternatives=($(eval "echo $pattern" 2>/dev/null || echo "$pattern"))
    for alternative in "${alternatives[@]}"; do
        set +f
        local matches=($alternative)
        set -f
        [[ ${#matches[@]} -gt 0 && -e ${matches[0]} ]] || return 1
    done
}

for doc in "${docs[@]}"; do
    [[ -f $doc ]] || { echo "check_doc_paths: $doc is missing" >&2; status=1; continue; }
    dir=$(dirname "$doc")
    # Backticked spans (fence lines skipped), then the paths inside them.
    while IFS=: read -r line span; do
        # Split on spaces, parentheses, semicolons and quotes without a
        # process per span (thousands of spans; forks are slow under load).
        for word in ${span//[();\"]/ }; do
            [[ $word =~ ^($prefixes)/ ]] || continue
            word=${word%[.,:]}
            checked=$((checked + 1))
            exists "$word" || { echo "$doc:$line: \`$word\` does not exist" >&2; status=1; }
        done
    done < <(grep -n -v '^\s*```' "$doc" | grep -o '^[0-9]*:\|`[^`]*`' |
             awk '/^[0-9]+:$/ { line = $0; next } { gsub(/`/, ""); print line $0 }')
    # Relative link targets: [text](target), resolved from the document's folder.
    while IFS=: read -r line target; do
        target=${target%%#*}
        [[ -z $target || $target =~ ^[a-z]+: ]] && continue
        checked=$((checked + 1))
        [[ -e $dir/$target ]] || { echo "$doc:$line: link $target does not exist" >&2; status=1; }
    done < <(grep -n -o '\](\([^)]*\))' "$doc" | sed -E 's/^([0-9]+):\]\((.*)\)$/\1:\2/')
done

[[ $checked -gt 0 ]] || { echo "check_doc_paths: found no paths at all" >&2; exit 1; }
[[ $status -eq 0 ]] && echo "check_doc_paths: all $checked paths exist"
exit $status
