# Novel emed .lst, pedar .asc and pliance .asc importers. Malformed-input fixtures are written
# by the tests themselves; the sample imports need ../shared/data/vendor-exports and run as a
# separate executable (the same source with PLANTAR_NOVEL_SAMPLES) that exits 77 (ctest: "Skipped") when that folder is absent.
plantar_add_test(test_import_novel capture/test_import_novel.cpp LIBS plantar_capture)

add_executable(test_import_novel_samples capture/test_import_novel.cpp)
target_link_libraries(test_import_novel_samples PRIVATE doctest::doctest plantar_warnings plantar_capture)
target_compile_definitions(test_import_novel_samples PRIVATE PLANTAR_SOURCE_DIR="${PROJECT_SOURCE_DIR}" PLANTAR_NOVEL_SAMPLES=1)
add_test(NAME "test_import_novel_samples" COMMAND test_import_novel_samples)
set_tests_properties(test_import_novel_samples PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 300)
