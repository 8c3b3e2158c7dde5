# Tests of `plantar analyze`: the configuration file (unit) and the command end to end.
plantar_add_test(test_analyze_config cli/test_analyze_config.cpp ${PROJECT_SOURCE_DIR}/cli/analysis_json_config.cpp
  LIBS plantar_analysis plantar_capture)
target_include_directories(test_analyze_config PRIVATE ${PROJECT_SOURCE_DIR}/cli)
plantar_add_test(test_analyze_store cli/test_analyze_store.cpp LIBS plantar_capture)
add_test(NAME "plantar analyze (end to end)"
  COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/cli/test_analyze_command.py)
set_tests_properties("plantar analyze (end to end)" PROPERTIES
  ENVIRONMENT "PLANTAR_BIN=$<TARGET_FILE:plantar>" TIMEOUT 600)
