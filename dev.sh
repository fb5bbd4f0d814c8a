#!/usr/bin/env bash
# Onramp's two everyday commands (see README.md):
#   ./dev.sh run [APP OPTIONS]   install what is missing, build, start the app on the demo vault
#   ./dev.sh test                install what is missing, build with -Werror, run every test
# and a few more for maintainers:
#   ./dev.sh screenshots         regenerate docs/screenshots/*.png from the real window
#   ./dev.sh asan [CTEST ARGS]   build and test everything under AddressSanitizer + UBSan
#   ./dev.sh asan-ci             the security-critical suites (ctest labels vault, core,
#                                credentials, audit, cli) under ASan + UBSan, building only
#                                what they run; CI runs it after `test`
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
asan-ci)
    setup
    labels='^(vault|core|credentials|audit|cli)$'
    cmake --preset asan
    # Each of these tests is named after its executable; the onramp binary is
    # the one the command-line tests start.
    mapfile -t targets < <(ctest --preset asan -N -L "$labels" | sed -n 's/^ *Test *#[0-9]*: //p')
    cmake --build --preset asan --target onramp "${targets[@]}"
    ctest --preset asan --parallel 2 --no-tests=error -L "$labels"
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
    echo "usage: ./dev.sh run|test|asan|asan-ci|screenshots|package" >&2
    exit 2
    ;;
esac
