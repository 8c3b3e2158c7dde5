# Tests of the viewer's display work (issue 6); included from viz_tests.cmake.
