# Tests of the viewer's replay work (issue 6); included from viz_tests.cmake.
# The timeline's logic (frames along the bar, step spans, playback clock and loop) and what the
# Open dialog and the trial chooser list, without a window.
plantar_add_test(test_viz_replay viz/test_timeline_marks.cpp LIBS plantar_viz)

# The replay controls in the real plantar-view under Xvfb: step spans on the timeline where
# `plantar analyze --json` puts the steps, --trial, --bench/--bench-scrub, a corrupt file, a folder
# (the Open dialog), and a file followed while plantard --record writes it.
add_test(NAME "plantar-view replay controls under Xvfb (end to end)"
  COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/viz/test_viewer_replay.py)
set_tests_properties("plantar-view replay controls under Xvfb (end to end)" PROPERTIES
  ENVIRONMENT "PLANTARD_BIN=$<TARGET_FILE:plantard>;PLANTAR_BIN=$<TARGET_FILE:plantar>;PLANTAR_VIEW_BIN=$<TARGET_FILE:plantar-view>;PLANTAR_TEST_DIR=${CMAKE_CURRENT_BINARY_DIR}/viz-replay"
  TIMEOUT 300)
