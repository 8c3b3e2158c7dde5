# RSscan importers: the roll-off ASCII and the footscan .xls (capture/src/import/rsscan_*.cpp,
# footscan_xls.cpp). test_import_rsscan runs on fixtures the test writes itself; the samples
# in ../shared/data/vendor-exports run in test_import_rsscan_samples, which ctest reports as
# Skipped (exit 77) when that folder is absent. The zipped ASCII samples are extracted into the
# build tree at test time by a FIXTURES_SETUP test; nothing is committed.
plantar_add_test(test_import_rsscan capture/test_import_rsscan.cpp LIBS plantar_capture)

set(rsscan_vendor_dir ${PROJECT_SOURCE_DIR}/../shared/data/vendor-exports)
set(rsscan_extract_dir ${CMAKE_CURRENT_BINARY_DIR}/rsscan-samples)
foreach(n 1 2)
  add_test(NAME rsscan_extract_sample_${n}
           COMMAND ${CMAKE_COMMAND} -DZIP=${rsscan_vendor_dir}/pawlabeling/rsscan_barefoot_${n}.zip
                   -DDEST=${rsscan_extract_dir}/barefoot_${n} -P ${CMAKE_CURRENT_SOURCE_DIR}/capture/extract_sample_zip.cmake)
  set_tests_properties(rsscan_extract_sample_${n} PROPERTIES FIXTURES_SETUP rsscan_samples)
endforeach()


add_executable(test_import_rsscan_samples capture/test_import_rsscan.cpp)
target_link_libraries(test_import_rsscan_samples PRIVATE doctest::doctest plantar_warnings plantar_capture)
target_compile_definitions(test_import_rsscan_samples PRIVATE PLANTAR_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
  PLANTAR_RSSCAN_SAMPLES=1 PLANTAR_RSSCAN_EXTRACT_DIR="${rsscan_extract_dir}")
add_test(NAME test_import_rsscan_samples COMMAND test_import_rsscan_samples)
set_tests_properties(test_import_rsscan_samples PROPERTIES SKIP_RETURN_CODE 77 FIXTURES_REQUIRED rsscan_samples TIMEOUT 300)
