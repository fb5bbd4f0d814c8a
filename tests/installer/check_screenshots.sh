#!/usr/bin/env bash
# Every screenshot in the metainfo is one of docs/screenshots/*.png (published
# under the homepage), and every one of those is in the metainfo.
#   check_screenshots.sh METAINFO SCREENSHOT_DIR
set -euo pipefail
metainfo=$1
dir=$2
status=0
listed=$(grep -oE '<image[^>]*>[^<]+</image>' "$metainfo" | sed -E 's|.*>([^<]+)</image>|\1|')
[[ -n $listed ]] || { echo "check_screenshots: no <image> in $metainfo" >&2; exit 1; }
for url in $listed; do
    [[ $url == https://onramp.example.org/screenshots/* ]] ||
        { echo "check_screenshots: $url is not under https://onramp.example.org/screenshots/" >&2; status=1; }
    [[ -f $dir/$(basename "$url") ]] ||
        { echo "check_screenshots: $url has no file in $dir" >&2; status=1; }
done
for png in "$dir"/*.png; do
    grep -q "/screenshots/$(basename "$png")<" "$metainfo" ||
        { echo "check_screenshots: $png is not in $metainfo" >&2; status=1; }
done
exit $status
