# The HDF5 session store (capture/src/session), included by capture/CMakeLists.txt.
set(PLANTAR_SESSION_SOURCES
  src/session/hdf5_handles.cpp
  src/session/session_file.cpp
  src/session/session_trial.cpp
  src/session/session_sensor_layout.cpp
  src/session/session_writer.cpp
  src/session/session_reader.cpp
  src/session/session_frame_sequence.cpp
  src/session/session_replay.cpp
  src/session/session_analysis.cpp
)
# The `software` root attribute names the version that wrote a file.
set_source_files_properties(src/session/session_file.cpp PROPERTIES
  COMPILE_DEFINITIONS "PLANTAR_VERSION=\"${PROJECT_VERSION}\"")
