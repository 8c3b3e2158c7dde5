# Session files read by h5py (a reader we did not write) against docs/session-format.md.
add_test(NAME "h5py reads a simulated session as docs/session-format.md says"
  COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/interop/test_h5py_reads_session.py)
set_tests_properties("h5py reads a simulated session as docs/session-format.md says" PROPERTIES
  ENVIRONMENT "PLANTAR_BIN=$<TARGET_FILE:plantar>" TIMEOUT 300)
