# Tests of the viewer's live work (issue 6); included from viz_tests.cmake.
# The live model fed simulated frames, and the live feed's recording against the real daemon
# (the in-process plantard of capture/, on private sockets).
plantar_add_test(test_viz_live viz/test_live_model.cpp viz/test_live_recording.cpp viz/test_daemon_launcher.cpp LIBS plantar_viz)
target_include_directories(test_viz_live PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/capture)
