#!/usr/bin/env bash
# Onramp's two everyday commands (see README.md):
#   ./dev.sh run [APP OPTIONS]   install what is missing, build, start the app on the demo vault
#   ./dev.sh test                install what is missing, build with -Werror, run every test
# and a few more for maintainers:
#   ./dev.sh screenshots         regenerate docs/screenshots/*.png from the real window
#   ./dev.sh asan                build and test under AddressSanitizer + UBSan
#   ./dev.sh package             build the release .deb and .tar.gz in build/release
set -euo pipefail
cd "$(dirname "$0")"

command=${1:-run}
[[ $# -gt 0 ]] && shift

setup() { bash tools/setup-debian.sh; }

case "$command" in
run)
    setup
    cmake --preset dev >/dev/null
    cmake --build --preset dev
    exec build/dev/bin/onramp --demo "$@"
    ;;
test)
    setup
    cmake --preset ci
    cmake --build --preset ci
    ctest --preset ci --parallel 2 "$@"
    ;;
asan)
    setup
    cmake --preset asan
    cmake --build --preset asan
    ctest --preset asan --parallel 2 "$@"
    ;;
screenshots)
    setup
    cmake --preset dev >/dev/null
    cmake --build --preset dev --target onramp
    bash tools/screenshots.sh build/dev/bin/onramp docs/screenshots
    ;;
package)
    setup
    cmake --preset release
    cmake --build --preset release
    cpack --preset release
    ;;
*)
    echo "usage: ./dev.sh run|test|asan|screenshots|package" >&2
    exit 2
    ;;
esac
