#!/usr/bin/env bash
# Runs the README's "A first week with Onramp" block as written, each command
# in order, on a scratch vault and a scratch desktop: the example must work.
#   readme_first_week.sh ONRAMP README
set -euo pipefail
onramp=$1
readme=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin" "$work/docs/examples"
ln -s "$(realpath "$onramp")" "$work/bin/onramp"
cp "$(dirname "$readme")/docs/examples/backend-week-one.yaml" "$work/docs/examples/"
# The block between the section's heading and the end of its first code fence.
awk '/^## A first week with Onramp/ { section = 1 } section && /^```sh/ { inside = 1; next }
     inside && /^```/ { exit } inside { print }' "$readme" > "$work/week.sh"
[[ -s $work/week.sh ]] || { echo "readme_first_week: no sh block under 'A first week with Onramp'" >&2; exit 1; }
# The block's own vault path, moved into the scratch folder.
sed -i "s|--vault=/tmp/acme|--vault=$work/acme|" "$work/week.sh"
cd "$work"
PATH="$work/bin:$PATH" ONRAMP_TRUST_DIR="$work/desktop" bash -euo pipefail week.sh > week.out
grep -q '^exit 4$' week.out ||
    { cat week.out >&2; echo "readme_first_week: production was not refused before the sign-off" >&2; exit 1; }
grep -q '^  password: the production password$' week.out ||
    { cat week.out >&2; echo "readme_first_week: the hire never read the production secret" >&2; exit 1; }
echo "readme_first_week: all $(grep -c '^onramp \|^    onramp ' week.sh) commands ran"
