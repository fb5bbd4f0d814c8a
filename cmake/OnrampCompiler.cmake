# Compiler settings shared by every Onramp target: strict warnings, hardening,
# optional sanitizers, ccache.

find_program(ONRAMP_CCACHE ccache)
if(ONRAMP_CCACHE AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
    set(CMAKE_CXX_COMPILER_LAUNCHER "${ONRAMP_CCACHE}")
endif()

set(CMAKE_POSITION_INDEPENDENT_CODE ON)

# LLVM's linker, where it is there, links each of the hundred test programs
# in less than half the time GNU ld takes (tools/setup-debian.sh installs it).
include(CheckLinkerFlag)
check_linker_flag(CXX -fuse-ld=lld ONRAMP_HAS_LLD)
if(ONRAMP_HAS_LLD)
    add_link_options(-fuse-ld=lld)
endif()

add_library(onramp_build_flags INTERFACE)
target_compile_options(onramp_build_flags INTERFACE
    -Wall -Wextra -Wformat=2 -Wold-style-cast -Wnon-virtual-dtor -Woverloaded-virtual
    -fstack-protector-strong)
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    target_compile_options(onramp_build_flags INTERFACE -Wshadow=local)
endif()
if(ONRAMP_WERROR)
    target_compile_options(onramp_build_flags INTERFACE -Werror)
endif()
target_compile_definitions(onramp_build_flags INTERFACE
    QT_NO_CAST_TO_ASCII QT_NO_URL_CAST_FROM_STRING QT_NO_CAST_FROM_BYTEARRAY
    QT_USE_QSTRINGBUILDER QT_NO_KEYWORDS
    $<$<NOT:$<CONFIG:Debug>>:_FORTIFY_SOURCE=2>)
target_link_options(onramp_build_flags INTERFACE -Wl,-z,relro -Wl,-z,now)

if(ONRAMP_SANITIZE)
    add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    add_link_options(-fsanitize=address,undefined)
endif()

# onramp_target_defaults(TARGET [TEST]): apply the shared flags to a target of
# ours. Product code converts no char* to QString implicitly; tests may use
# string literals directly (QT_RESTRICTED_CAST_FROM_ASCII) so that their data
# tables stay readable.
function(onramp_target_defaults target)
    target_link_libraries(${target} PRIVATE onramp_build_flags)
    if("TEST" IN_LIST ARGN)
        target_compile_definitions(${target} PRIVATE QT_RESTRICTED_CAST_FROM_ASCII)
    else()
        target_compile_definitions(${target} PRIVATE QT_NO_CAST_FROM_ASCII)
    endif()
endfunction()

# Precompiled headers: parsing Qt's headers is a third of what a library's
# file takes to compile, so each library of many files precompiles QtCore
# (and, QUICK, QtGui, QtQml and QtQuick) with a few standard headers once,
# with the library's own flags (clang refuses a header whose macros differ).
option(ONRAMP_PCH "Precompile the Qt headers of the libraries and the tests" ON)
if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    set(ONRAMP_PCH OFF)
endif()

# onramp_precompile_qt(TARGET [QUICK])
function(onramp_precompile_qt target)
    if(NOT ONRAMP_PCH)
        return()
    endif()
    set(headers <QtCore> <algorithm> <functional> <memory> <optional>)
    if("QUICK" IN_LIST ARGN)
        list(APPEND headers <QtGui> <QtQml> <QtQuick>)
    endif()
    target_precompile_headers(${target} PRIVATE ${headers})
endfunction()
