#!/usr/bin/env bash
# Renders each main page of the real window to PNG:
#   screenshots.sh ONRAMP OUTDIR [--size WxH]... [--theme light|dark]... [--lang CODE]
# With no option: the set docs/screenshots/ holds, at 1280x800, light, with
# the home, step, mentor and report pages in dark too (PAGE-dark.png).
# With --size or --theme: every page at each size given and in each theme
# given (1280x800 and light when one of them is left out), named
# PAGE-WxH-THEME.png, the set to look through before a release:
#   screenshots.sh ONRAMP OUT --size 1024x640 --size 1280x800 --size 1920x1080 --theme light --theme dark
# --lang renders in that language (en, de) instead of English.
# Signed-in pages use a fresh demo vault made for the screenshot, so the
# pictures are the same on every machine and no real vault is touched.
set -euo pipefail
usage() {
    echo "usage: screenshots.sh ONRAMP OUTDIR [--size WxH]... [--theme light|dark]... [--lang CODE]" >&2
    exit 2
}
(($# >= 2)) || usage
onramp=$1
out=$2
shift 2
sizes=()
themes=()
lang=en
while (($#)); do
    case $1 in
    --size)
        [[ ${2:-} =~ ^[0-9]+x[0-9]+$ ]] || { echo "screenshots.sh: --size wants WxH, such as 1024x640 (got '${2:-}')" >&2; exit 2; }
        sizes+=("$2")
        shift 2
        ;;
    --theme)
        [[ ${2:-} == light || ${2:-} == dark ]] || { echo "screenshots.sh: --theme wants light or dark (got '${2:-}')" >&2; exit 2; }
        themes+=("$2")
        shift 2
        ;;
    --lang)
        [[ -n ${2:-} ]] || usage
        lang=$2
        shift 2
        ;;
    *)
        echo "screenshots.sh: unknown option '$1'" >&2
        usage
        ;;
    esac
done
mkdir -p "$out"
empty=$(mktemp -d)
trap 'rm -rf "$empty"' EXIT
export QT_QPA_PLATFORM=offscreen
# Settings of their own (language, appearance), not this desktop's.
export XDG_CONFIG_HOME="$empty/config"

# shot FILE PAGE SIZE THEME: one page, signed in on a demo vault where the
# page needs someone (welcome and about show no vault).
shot() {
    local file=$1 page=$2 size=$3 theme=$4
    case $page in
    welcome | about)
        "$onramp" --screenshot "$file" --page "$page" --size "$size" --vault "$empty/none" --theme "$theme" --lang "$lang"
        ;;
    *)
        "$onramp" --demo --screenshot "$file" --page "$page" --size "$size" --theme "$theme" --lang "$lang"
        ;;
    esac
}

pages=(welcome about signin home checklist step mentor admin report audit)
if ((${#sizes[@]} == 0 && ${#themes[@]} == 0)); then
    # Light unless named -dark, whatever the machine's own setting.
    for page in "${pages[@]}"; do
        shot "$out/$page.png" "$page" 1280x800 light
    done
    for page in home step mentor report; do
        shot "$out/$page-dark.png" "$page" 1280x800 dark
    done
    exit 0
fi
((${#sizes[@]})) || sizes=(1280x800)
((${#themes[@]})) || themes=(light)
for size in "${sizes[@]}"; do
    for theme in "${themes[@]}"; do
        for page in "${pages[@]}"; do
            shot "$out/$page-$size-$theme.png" "$page" "$size" "$theme"
        done
    done
done
