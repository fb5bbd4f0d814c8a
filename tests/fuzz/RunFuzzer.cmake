# Runs a libFuzzer binary for a fixed number of inputs on a fresh copy of its
# seed corpus. -D FUZZER=binary SEEDS=dir DICT=file (may be empty) WORK=dir RUNS=n
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}/artifacts")
file(COPY "${SEEDS}/" DESTINATION "${WORK}/corpus")
set(dict_option "")
if(DICT)
    set(dict_option "-dict=${DICT}")
endif()
execute_process(
    COMMAND "${FUZZER}" -runs=${RUNS} -seed=1 -max_len=8192 -timeout=10 ${dict_option}
            "-artifact_prefix=${WORK}/artifacts/" "${WORK}/corpus"
    RESULT_VARIABLE result)
if(NOT result EQUAL 0)
    message(FATAL_ERROR "the fuzzer failed (${result}); the input is in ${WORK}/artifacts")
endif()
