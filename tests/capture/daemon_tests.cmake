# Daemon tests (recorder queue, streams, control, end to end)
plantar_add_test(test_daemon
  capture/test_daemon_protocol.cpp
  capture/test_daemon_paced_source.cpp
  capture/test_daemon_recorder.cpp
  capture/test_daemon_control.cpp
  capture/test_daemon_stream.cpp
  capture/test_daemon_device_lost.cpp
  LIBS plantar_capture)

# The real plantard with the real plantar record/status (signals, files read back by h5py).
# /usr/bin/python3 has Debian's h5py and numpy; the python3 first on PATH may be another one.
add_test(NAME "plantard daemon (end to end)"
  COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/daemon/test_plantard.py)
set_tests_properties("plantard daemon (end to end)" PROPERTIES
  ENVIRONMENT "PLANTARD_BIN=$<TARGET_FILE:plantard>;PLANTAR_BIN=$<TARGET_FILE:plantar>" TIMEOUT 300)
