# Daemon tests (recorder queue, streams, control, end to end)
plantar_add_test(test_daemon
  capture/test_daemon_protocol.cpp
  capture/test_daemon_paced_source.cpp
  capture/test_daemon_recorder.cpp
  capture/test_daemon_control.cpp
  capture/test_daemon_stream.cpp
  LIBS plantar_capture)
