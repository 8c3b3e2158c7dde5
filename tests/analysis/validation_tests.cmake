# End-to-end validation of the analysis against the vendor samples (real feet). The simulator's
# ground truth is checked by the parts' own tests and by test_pipeline. The samples live in
# ../shared/data/vendor-exports; the program exits 77 (ctest: Skipped) when that folder is absent.
set(validation_vendor_dir "${PROJECT_SOURCE_DIR}/../shared/data/vendor-exports")
set(validation_extract_dir "${CMAKE_CURRENT_BINARY_DIR}/validation-samples")
# test_dynamics_exports: the CPEI on the same samples (docs/methods.md 6.3).
foreach(program IN ITEMS test_validation_exports test_dynamics_exports)
  add_executable(${program} analysis/${program}.cpp)
  target_link_libraries(${program} PRIVATE doctest::doctest plantar_warnings plantar_analysis plantar_capture)
  target_compile_definitions(${program} PRIVATE PLANTAR_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
                             PLANTAR_VALIDATION_EXTRACT="${validation_extract_dir}")
endforeach()
add_test(NAME "analysis validation: vendor samples" COMMAND test_validation_exports)
add_test(NAME "analysis validation: CPEI on vendor samples" COMMAND test_dynamics_exports)
set_tests_properties("analysis validation: vendor samples" "analysis validation: CPEI on vendor samples" PROPERTIES
                     SKIP_RETURN_CODE 77 TIMEOUT 600 FIXTURES_REQUIRED validation_samples)
foreach(zip IN ITEMS pawlabeling/rsscan_barefoot_1 pawlabeling/rsscan_barefoot_2 pawlabeling/zebris_fdmt_barefoot_4kmh_100Hz.txt)
  get_filename_component(name ${zip} NAME)
  string(REPLACE "rsscan_" "" dest ${name})
  if(name MATCHES "^zebris")
    set(dest zebris)
  endif()
  add_test(NAME "analysis validation: unzip ${name}"
           COMMAND ${CMAKE_COMMAND} -DZIP=${validation_vendor_dir}/${zip}.zip -DDEST=${validation_extract_dir}/${dest}
                   -P ${CMAKE_CURRENT_SOURCE_DIR}/capture/extract_sample_zip.cmake)
  set_tests_properties("analysis validation: unzip ${name}" PROPERTIES FIXTURES_SETUP validation_samples)
endforeach()
