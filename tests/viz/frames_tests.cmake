# Tests of the viewer's frames work (issue 6); included from viz_tests.cmake.
