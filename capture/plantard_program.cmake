# plantard, the capture daemon (capture/plantard/main.cpp). It shares the plate-spec parser
# and the simulation options with the plantar command, so `plantard --source sim` takes the
# same words as `plantar simulate`.
add_executable(plantard plantard/main.cpp ${PROJECT_SOURCE_DIR}/cli/plate_spec.cpp
  ${PROJECT_SOURCE_DIR}/cli/simulation_options.cpp ${PROJECT_SOURCE_DIR}/cli/stuck_line_spec.cpp)
target_include_directories(plantard PRIVATE ${PROJECT_SOURCE_DIR}/cli)
target_link_libraries(plantard PRIVATE plantar_capture CLI11::CLI11 plantar_warnings Threads::Threads)
target_compile_definitions(plantard PRIVATE PLANTAR_VERSION="${PROJECT_VERSION}")
