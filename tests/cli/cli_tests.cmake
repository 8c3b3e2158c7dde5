# End-to-end tests of the plantar command. They need /usr/bin/python3 with Debian's h5py
# (installed by scripts/install-deps.sh); the python3 first on PATH may be another one.
add_test(NAME "plantar command (end to end)"
  COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/cli/test_plantar_command.py)
set_tests_properties("plantar command (end to end)" PROPERTIES
  ENVIRONMENT "PLANTAR_BIN=$<TARGET_FILE:plantar>" TIMEOUT 600)

# plantar import on the real vendor samples (../shared/data); Skipped when they are absent.
add_test(NAME "plantar import on the vendor samples (end to end)"
  COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/cli/test_plantar_import_samples.py)
set_tests_properties("plantar import on the vendor samples (end to end)" PROPERTIES
  ENVIRONMENT "PLANTAR_BIN=$<TARGET_FILE:plantar>" TIMEOUT 600 SKIP_RETURN_CODE 77)
include(cli/analyze_tests.cmake)
