#!/usr/bin/env bash
# Onramp's two everyday commands (see README.md):
#   ./dev.sh run [APP OPTIONS]   install what is missing, build the app, start it on the demo vault
#   ./dev.sh test                install what is missing, build with -Werror, run every test
# and a few more for maintainers:
#   ./dev.sh screenshots         regenerate docs/screenshots/*.png from the real window;
#                                with OUTDIR [--size WxH]... [--theme light|dark]... every page
#                                at each size and theme into OUTDIR instead (tools/screenshots.sh)
#   ./dev.sh translations        refresh i18n/*.ts from the sources and list every German
#                                message left to translate
#   ./dev.sh asan [CTEST ARGS]   build and test everything under AddressSanitizer + UBSan
#   ./dev.sh asan-ci             the security-critical suites (ctest labels vault, core, onboarding,
#                                credentials, audit, cli) under ASan + UBSan, building only
#                                what they run; CI runs it after `test`
#   ./dev.sh fuzz [SECONDS]      run every fuzz target (tests/fuzz) for SECONDS (default 60),
#                                two at a time, each on a copy of its seeds in build/ci/fuzz
#   ./dev.sh package             build the release .deb and .tar.gz in build/release
#   ./dev.sh format [--check]    rewrite every tracked .cpp and .h with clang-format 14 and
#                                .clang-format; --check only lists the files that differ and
#                                fails when there is one (CI runs it before `test`)
set -euo pipefail
cd "$(dirname "$0")"

command=${1:-run}
[[ $# -gt 0 ]] && shift

setup() { bash tools/setup-debian.sh; }

# fuzz_one TARGET SECONDS: runs build/ci/tests/fuzz/TARGET on a fresh copy of
# tests/fuzz/corpus/AREA in build/ci/fuzz/TARGET, where it leaves its log,
# the grown corpus and any input that failed (artifacts/).
fuzz_one() {
    local target=$1 seconds=$2 area=${1#fuzz_}
    local dir=build/ci/fuzz/$target
    local args=(-max_total_time="$seconds" -print_final_stats=1 -rss_limit_mb=2048 -timeout=10
                -max_len=8192 -artifact_prefix="$dir/artifacts/")
    if [[ -f tests/fuzz/$area.dict ]]; then
        args+=(-dict="tests/fuzz/$area.dict")
    fi
    rm -rf "$dir"
    mkdir -p "$dir/artifacts"
    cp -r "tests/fuzz/corpus/$area" "$dir/corpus"
    local rc=0
    ASAN_OPTIONS=quarantine_size_mb=16:intercept_tls_get_addr=0 UBSAN_OPTIONS=print_stacktrace=1 \
        "build/ci/tests/fuzz/$target" "${args[@]}" "$dir/corpus" >"$dir/log" 2>&1 || rc=$?
    echo "$rc" >"$dir/rc"
}

# clang_format: Debian 12's clang-format, 14; another version formats some
# constructs differently from the one the code follows.
clang_format() {
    if command -v clang-format-14 >/dev/null; then
        clang-format-14 "$@"
    else
        clang-format "$@"
    fi
}

# final_stat LOG NAME: libFuzzer's final stat::NAME in LOG.
final_stat() { sed -n "s/^stat::$2: *//p" "$1" | tail -n 1; }

case "$command" in
run)
    setup
    cmake --preset dev >/dev/null
    # The app alone; the tests and benchmarks are built by `test`.
    cmake --build --preset dev --target onramp
    # By its full path, so that the paths the app prints (with no display, it
    # says how to run it headless) work from any folder.
    exec "$PWD/build/dev/bin/onramp" --demo "$@"
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
    labels='^(vault|core|onboarding|credentials|audit|cli)$'
    # The fuzz targets are built with the sanitizers in every build, and
    # ./dev.sh test has run them already: not twice.
    cmake --preset asan
    # Each of these tests is named after its executable (TestWriteFaults.stops
    # runs TestWriteFaults); the onramp binary is the one the tests start.
    mapfile -t targets < <(ctest --preset asan -N -L "$labels" -LE '^fuzz$' | sed -n 's/^ *Test *#[0-9]*: \([^.]*\).*/\1/p' | sort -u)
    cmake --build --preset asan --target onramp "${targets[@]}"
    ctest --preset asan --parallel 2 --no-tests=error -L "$labels" -LE '^fuzz$'
    ;;
fuzz)
    seconds=${1:-60}
    if [[ ! $seconds =~ ^[1-9][0-9]*$ ]]; then
        echo "usage: ./dev.sh fuzz [SECONDS]" >&2
        exit 2
    fi
    setup
    targets=()
    for source in tests/fuzz/fuzz_*.cpp; do
        targets+=("$(basename "$source" .cpp)")
    done
    cmake --preset ci >/dev/null
    cmake --build --preset ci --target "${targets[@]}"
    echo "fuzzing ${#targets[@]} targets for $seconds s each, two at a time"
    for target in "${targets[@]}"; do
        while (($(jobs -rp | wc -l) >= 2)); do wait -n || true; done
        fuzz_one "$target" "$seconds" &
    done
    wait
    failed=0
    printf '%-22s %12s %8s %14s  %s\n' target executions exec/s "peak RSS (MB)" result
    for target in "${targets[@]}"; do
        dir=build/ci/fuzz/$target
        result=ok
        if [[ $(cat "$dir/rc") != 0 ]]; then
            failed=1
            found=$(find "$dir/artifacts" -type f | head -n 1)
            result="FAILED: ${found:-no input saved} (log: $dir/log)"
        fi
        printf '%-22s %12s %8s %14s  %s\n' "$target" "$(final_stat "$dir/log" number_of_executed_units)" \
            "$(final_stat "$dir/log" average_exec_per_sec)" "$(final_stat "$dir/log" peak_rss_mb)" "$result"
    done
    if ((failed)); then
        echo "reproduce with: build/ci/tests/fuzz/TARGET INPUT" >&2
        exit 1
    fi
    ;;
format)
    check=0
    case "${1:-}" in
    --check) check=1 ;;
    "") ;;
    *)
        echo "usage: ./dev.sh format [--check]" >&2
        exit 2
        ;;
    esac
    setup
    mapfile -t files < <(git ls-files '*.cpp' '*.h')
    if ((!check)); then
        clang_format -i "${files[@]}"
        exit 0
    fi
    differ=0
    for file in "${files[@]}"; do
        if ! clang_format "$file" | cmp -s - "$file"; then
            echo "$file"
            differ=1
        fi
    done
    if ((differ)); then
        echo "format: these files differ from what clang-format makes of them; ./dev.sh format rewrites them" >&2
        exit 1
    fi
    ;;
screenshots)
    setup
    cmake --preset dev >/dev/null
    cmake --build --preset dev --target onramp
    if (($#)); then
        # ./dev.sh screenshots OUTDIR [--size WxH]... [--theme light|dark]... [--lang CODE]
        bash tools/screenshots.sh build/dev/bin/onramp "$@"
    else
        bash tools/screenshots.sh build/dev/bin/onramp docs/screenshots
    fi
    ;;
translations)
    # lupdate keeps the translations made, marks new texts unfinished and drops
    # removed ones; TestTranslations then names each message left to do.
    cmake --preset ci >/dev/null
    cmake --build --preset ci --target update_translations
    cmake --build --preset ci --target TestTranslations
    ctest --preset ci -R '^TestTranslations$' --output-on-failure
    ;;
package)
    setup
    cmake --preset release
    cmake --build --preset release
    cpack --preset release
    ;;
*)
    echo "usage: ./dev.sh run|test|asan|asan-ci|fuzz|format|screenshots|translations|package" >&2
    exit 2
    ;;
esac
