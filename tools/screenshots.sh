#!/usr/bin/env bash
# Renders each main page of the real window to PNG: screenshots.sh ONRAMP OUTDIR
# Signed-in pages use a fresh demo vault made for the screenshot, so the
# pictures are the same on every machine and no real vault is touched.
set -euo pipefail
onramp=$1
out=$2
mkdir -p "$out"
empty=$(mktemp -d)
trap 'rm -rf "$empty"' EXIT
export QT_QPA_PLATFORM=offscreen
# Settings of their own (language, appearance), not this desktop's.
export XDG_CONFIG_HOME="$empty/config"
# Light unless named -dark, whatever the machine's own setting.
"$onramp" --screenshot "$out/welcome.png" --page welcome --size 1280x800 --vault "$empty/none" --theme light
"$onramp" --screenshot "$out/about.png" --page about --size 1280x800 --vault "$empty/none" --theme light
for page in signin home checklist step mentor admin report audit; do
    "$onramp" --demo --screenshot "$out/$page.png" --page "$page" --size 1280x800 --theme light
done
for page in home step mentor report; do
    "$onramp" --demo --screenshot "$out/$page-dark.png" --page "$page" --size 1280x800 --theme dark
done
