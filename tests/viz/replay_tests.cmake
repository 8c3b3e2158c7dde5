# Tests of the viewer's replay work (issue 6); included from viz_tests.cmake.
# The timeline's logic (frames along the bar, step spans, playback clock and loop) and what the
# Open dialog and the trial chooser list, without a window.
plantar_add_test(test_viz_replay viz/test_timeline_marks.cpp LIBS plantar_viz)
