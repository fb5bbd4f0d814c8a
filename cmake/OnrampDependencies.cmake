# Finds Onramp's dependencies; each missing one stops configuration with one
# line naming the Debian package that provides it (tools/setup-debian.sh
# installs them all).

function(onramp_require found package what)
    if(NOT ${found})
        message(FATAL_ERROR "Onramp needs ${what}: install the Debian package '${package}' (or run tools/setup-debian.sh)")
    endif()
endfunction()

find_package(PkgConfig QUIET)
onramp_require(PKG_CONFIG_FOUND pkg-config "pkg-config")

set(ONRAMP_QT_COMPONENTS Core Gui DBus Qml Quick QuickControls2 Svg Concurrent Test QuickTest LinguistTools)
set(ONRAMP_QT_PACKAGES
    Core=qt6-base-dev Gui=qt6-base-dev DBus=qt6-base-dev Concurrent=qt6-base-dev Test=qt6-base-dev
    Qml=qt6-declarative-dev Quick=qt6-declarative-dev QuickControls2=qt6-declarative-dev
    QuickTest=qt6-declarative-dev Svg=qt6-svg-dev LinguistTools=qt6-tools-dev)
find_package(Qt6 6.4 QUIET COMPONENTS ${ONRAMP_QT_COMPONENTS})
onramp_require(Qt6_FOUND qt6-base-dev "Qt 6.4 or newer")
foreach(component IN LISTS ONRAMP_QT_COMPONENTS)
    foreach(entry IN LISTS ONRAMP_QT_PACKAGES)
        if(entry MATCHES "^${component}=(.*)$")
            onramp_require(Qt6${component}_FOUND ${CMAKE_MATCH_1} "Qt 6 ${component}")
        endif()
    endforeach()
endforeach()

# SQLCipher 4.6.x reports the SQLite version it embeds (3.45+) to pkg-config.
pkg_check_modules(SQLCIPHER QUIET IMPORTED_TARGET sqlcipher>=3.45)
onramp_require(SQLCIPHER_FOUND "libsqlcipher-dev (4.6 or newer, from bookworm-backports)" "SQLCipher 4.6 or newer")

pkg_check_modules(SODIUM QUIET IMPORTED_TARGET libsodium>=1.0.18)
onramp_require(SODIUM_FOUND libsodium-dev "libsodium 1.0.18 or newer")

find_package(yaml-cpp QUIET)
onramp_require(yaml-cpp_FOUND libyaml-cpp-dev "yaml-cpp")
if(TARGET yaml-cpp AND NOT TARGET yaml-cpp::yaml-cpp)
    add_library(yaml-cpp::yaml-cpp ALIAS yaml-cpp)
endif()

# libpq 15 for the team server (app/server).
pkg_check_modules(LIBPQ QUIET IMPORTED_TARGET libpq>=15)
onramp_require(LIBPQ_FOUND libpq-dev "libpq 15 or newer")
