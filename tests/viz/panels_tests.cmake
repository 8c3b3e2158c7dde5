# Tests of the viewer's panels work (issue 6); included from viz_tests.cmake.
# The curves' per-region forces and the Trial panel's text, without a display.
plantar_add_test(test_viz_panels viz/test_trial_curves.cpp viz/test_trial_panel_text.cpp LIBS plantar_viz)

# The real viewer's Trial and Curves panels against `plantar analyze --json` (tests/viz/test_viewer_panels.py).
add_test(NAME "plantar-view panels and curves under Xvfb (end to end)"
  COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/viz/test_viewer_panels.py)
set_tests_properties("plantar-view panels and curves under Xvfb (end to end)" PROPERTIES
  ENVIRONMENT "PLANTAR_BIN=$<TARGET_FILE:plantar>;PLANTAR_VIEW_BIN=$<TARGET_FILE:plantar-view>;PLANTAR_TEST_DIR=${CMAKE_CURRENT_BINARY_DIR}/viz-panels"
  TIMEOUT 600)
