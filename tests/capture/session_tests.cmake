# Session store tests. The damage tests forge broken files with the HDF5 C API directly, and use
# the store's private hdf5_types.hpp for HDF5's macros without old-style-cast warnings.
plantar_add_test(test_session
  capture/test_session.cpp
  capture/test_session_damage.cpp
  capture/test_session_swmr.cpp
  capture/test_session_layout.cpp
  LIBS plantar_capture ${HDF5_C_LIBRARIES})
target_include_directories(test_session SYSTEM PRIVATE ${HDF5_INCLUDE_DIRS})
target_include_directories(test_session PRIVATE ${PROJECT_SOURCE_DIR}/capture/src/session)
target_compile_definitions(test_session PRIVATE ${HDF5_DEFINITIONS})
plantar_add_test(test_frame_sequence capture/test_frame_sequence.cpp LIBS plantar_capture)
