#!/usr/bin/env bash
# Renders each main page of the real window to PNG: screenshots.sh ONRAMP OUTDIR
set -euo pipefail
onramp=$1
out=$2
mkdir -p "$out"
for page in welcome about; do
    QT_QPA_PLATFORM=offscreen "$onramp" --screenshot "$out/$page.png" --page "$page" --size 1280x800
done
