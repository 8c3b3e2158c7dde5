# Tests of the viewer's frames work (issue 6); included from viz_tests.cmake.
plantar_add_test(test_viz_frames viz/test_trial_view_frames.cpp LIBS plantar_viz)
