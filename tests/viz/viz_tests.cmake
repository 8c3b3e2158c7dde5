# viz/ (issue 6): pressure images without a display (test_viz), and the real plantar-view in a
# real window under Xvfb with Mesa (screenshots checked against the session's frames). The
# screenshot test needs Xvfb and /usr/bin/python3 with Debian's h5py (scripts/install-deps.sh);
# it fails, never skips, when they are missing.
plantar_add_test(test_viz viz/test_heatmap.cpp viz/test_overlay_geometry.cpp LIBS plantar_viz)

add_test(NAME "plantar-view screenshot under Xvfb (end to end)"
  COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/viz/test_viewer_screenshot.py)
set_tests_properties("plantar-view screenshot under Xvfb (end to end)" PROPERTIES
  ENVIRONMENT "PLANTAR_BIN=$<TARGET_FILE:plantar>;PLANTAR_VIEW_BIN=$<TARGET_FILE:plantar-view>;PLANTAR_TEST_DIR=${CMAKE_CURRENT_BINARY_DIR}/viz-screenshot"
  TIMEOUT 300)

# The live view against the real plantard --source sim on private sockets (tests/viz/test_viewer_live.py).
add_test(NAME "plantar-view live view under Xvfb against plantard (end to end)"
  COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/viz/test_viewer_live.py)
set_tests_properties("plantar-view live view under Xvfb against plantard (end to end)" PROPERTIES
  ENVIRONMENT "PLANTARD_BIN=$<TARGET_FILE:plantard>;PLANTAR_BIN=$<TARGET_FILE:plantar>;PLANTAR_VIEW_BIN=$<TARGET_FILE:plantar-view>"
  TIMEOUT 300)
include(${CMAKE_CURRENT_LIST_DIR}/frames_tests.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/live_tests.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/display_tests.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/replay_tests.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/panels_tests.cmake)
