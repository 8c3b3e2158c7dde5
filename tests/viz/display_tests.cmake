# Tests of the viewer's display work (issue 6): the Plate panel's isobars, zoom and grid,
# peak image, fine regions, per-step numbers and sensors without a grid; included from viz_tests.cmake.
plantar_add_test(test_viz_display viz/test_isobars.cpp viz/test_plate_view.cpp viz/test_print_orientation.cpp LIBS plantar_viz)

# The Plate panel in the real viewer under Xvfb: isobars, zoom with the sensor grid, and sensors
# without a grid (the pliance sample of ../shared/data; skipped, exit 77, without it).
add_test(NAME "plantar-view plate panel: isobars, zoom grid, sensors without a grid (Xvfb)"
  COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/viz/test_plate_display.py)
set_tests_properties("plantar-view plate panel: isobars, zoom grid, sensors without a grid (Xvfb)" PROPERTIES
  ENVIRONMENT "PLANTAR_BIN=$<TARGET_FILE:plantar>;PLANTAR_VIEW_BIN=$<TARGET_FILE:plantar-view>;PLANTAR_TEST_DIR=${CMAKE_CURRENT_BINARY_DIR}/viz-plate-display"
  SKIP_RETURN_CODE 77 TIMEOUT 400)
