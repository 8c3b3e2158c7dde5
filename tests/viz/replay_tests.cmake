# Tests of the viewer's replay work (issue 6); included from viz_tests.cmake.
