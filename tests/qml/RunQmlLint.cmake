# Runs qmllint over the Onramp module's QML and fails on any warning, so that
# CI treats qmllint's warnings as errors. Called by the QmlLint test with
# QMLLINT, SOURCE_DIR (qml/), BINARY_DIR (the build tree), QT_QML_DIR and
# FILES (paths relative to SOURCE_DIR, separated by '|').
string(REPLACE "|" ";" files "${FILES}")
# The module's resources, as Qt's own <target>_qmllint target passes them.
file(GLOB resources "${BINARY_DIR}/qml/.rcc/*.qrc" "${BINARY_DIR}/resources/.rcc/*.qrc")
set(resource_args)
foreach(resource IN LISTS resources)
    list(APPEND resource_args --resource "${resource}")
endforeach()
execute_process(
    COMMAND "${QMLLINT}" --bare -I "${BINARY_DIR}" -I "${QT_QML_DIR}" ${resource_args} ${files}
    WORKING_DIRECTORY "${SOURCE_DIR}"
    OUTPUT_VARIABLE out
    ERROR_VARIABLE err
    RESULT_VARIABLE rc)
string(REGEX MATCHALL "Warning: [^\n]*" warnings "${out}${err}")
list(LENGTH warnings count)
list(LENGTH files checked)
if(count GREATER 0 OR NOT rc EQUAL 0)
    message("${out}${err}")
    message(FATAL_ERROR "qmllint: ${count} warning(s) in ${checked} files (exit ${rc})")
endif()
message(STATUS "qmllint: ${checked} files, no warnings")
