# plantard, the capture daemon (capture/plantard/main.cpp). It shares the plate-spec parser
# ("clinical", "walkway", "ROWSxCOLS") with the plantar command so both take the same --plate.
add_executable(plantard plantard/main.cpp ${PROJECT_SOURCE_DIR}/cli/plate_spec.cpp)
target_include_directories(plantard PRIVATE ${PROJECT_SOURCE_DIR}/cli)
target_link_libraries(plantard PRIVATE plantar_capture CLI11::CLI11 plantar_warnings Threads::Threads)
target_compile_definitions(plantard PRIVATE PLANTAR_VERSION="${PROJECT_VERSION}")
