# Tests of the viewer's live work (issue 6); included from viz_tests.cmake.
