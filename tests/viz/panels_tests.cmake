# Tests of the viewer's panels work (issue 6); included from viz_tests.cmake.
