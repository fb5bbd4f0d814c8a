#!/usr/bin/env bash
# Builds the .deb from a build folder, unpacks it into a temporary root with
# dpkg -x (nothing is installed) and runs that copy of onramp.
#   package_smoke.sh BUILD_DIR EXPECTED_VERSION
# Everything cpack writes goes to a private temporary folder, so the test does
# not disturb the build folder or a parallel run.
set -euo pipefail
build=$1
version=$2

fail() { echo "package_smoke: $*" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/onramp-package-smoke.XXXXXX")
trap 'rm -rf "$work"' EXIT

if ! (cd "$build" && cpack -G DEB -B "$work/out") >"$work/cpack.log" 2>&1; then
    cat "$work/cpack.log" >&2
    fail "cpack -G DEB failed in $build"
fi
shopt -s nullglob
debs=("$work"/out/onramp_"$version"_*.deb)
[[ ${#debs[@]} -eq 1 ]] || fail "expected one onramp_${version}_*.deb, found: $(ls "$work/out")"
deb=${debs[0]}

root=$work/root
dpkg -x "$deb" "$root"
onramp=$root/usr/bin/onramp
[[ -x $onramp ]] || fail "the package has no /usr/bin/onramp"
file -b "$onramp" | grep -q ', stripped' || fail "/usr/bin/onramp is not stripped: $(file -b "$onramp")"

got=$("$onramp" --version) || fail "the packaged onramp --version exited $?"
[[ $got == "onramp $version" ]] || fail "the packaged onramp --version printed '$got', expected 'onramp $version'"
help=$("$onramp" --help) || fail "the packaged onramp --help exited $?"
grep -q '^Usage: onramp' <<<"$help" || fail "the packaged onramp --help printed no usage: $help"

# The app and the commands are libraries of their own, loaded from beside bin/
# only to start the app or run a command (team: the team server's commands).
for name in gui commands team; do
    lib=$root/usr/lib/onramp/libonramp_$name.so
    [[ -s $lib ]] || fail "the package has no /usr/lib/onramp/libonramp_$name.so"
    file -b "$lib" | grep -q ', stripped' || fail "/usr/lib/onramp/libonramp_$name.so is not stripped: $(file -b "$lib")"
done
# A command runs in the commands' library: without a passphrase it says so
# (exit 2), not that the library cannot be loaded.
out=$("$onramp" person list --vault "$work/no-vault" --as ada </dev/null 2>&1) && fail "person list without a passphrase exited 0"
grep -q 'no passphrase given' <<<"$out" || fail "the packaged onramp person list did not run: $out"
if ! "$onramp" --screenshot "$work/about.png" --page about --size 800x600 >"$work/screenshot.log" 2>&1; then
    cat "$work/screenshot.log" >&2
    fail "the packaged onramp did not start the app for a screenshot"
fi
file -b "$work/about.png" | grep -q 'PNG image data, 800 x 600' || fail "the packaged app's screenshot is not an 800x600 PNG"

id=org.example.Onramp
for f in usr/share/applications/$id.desktop usr/share/metainfo/$id.metainfo.xml \
         usr/share/icons/hicolor/scalable/apps/$id.svg usr/share/man/man1/onramp.1.gz \
         usr/share/doc/onramp/copyright; do
    [[ -s $root/$f ]] || fail "the package has no /$f"
done
for size in 16 22 24 32 48 64 128 256 512; do
    png=$root/usr/share/icons/hicolor/${size}x${size}/apps/$id.png
    [[ -s $png ]] || fail "the package has no ${size}x${size} icon"
    file -b "$png" | grep -q "PNG image data, $size x $size" || fail "$png is not a ${size}x${size} PNG"
done
desktop-file-validate "$root/usr/share/applications/$id.desktop"
appstreamcli validate --no-net "$root/usr/share/metainfo/$id.metainfo.xml" >/dev/null

depends=$(dpkg-deb -f "$deb" Depends)
grep -Eq '(^|, )libsqlcipher1 \(>= 4\.6' <<<"$depends" || fail "Depends does not require libsqlcipher1 >= 4.6: $depends"
# QML imports and plugins are invisible to dpkg-shlibdeps; they must be listed.
for p in qml6-module-qtqml qml6-module-qtqml-workerscript qml6-module-qtquick \
         qml6-module-qtquick-controls qml6-module-qtquick-templates qml6-module-qtquick-layouts \
         qml6-module-qtquick-window qt6-qpa-plugins libqt6quick6 libsodium23; do
    grep -Eq "(^|, )$p( |,|$)" <<<"$depends" || fail "Depends lacks $p: $depends"
done

echo "package_smoke: $(basename "$deb") ok"
echo "Depends: $depends"
