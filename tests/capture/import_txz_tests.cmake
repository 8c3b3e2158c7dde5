# Tekscan ASCII, XSENSOR .csv and Zebris FDM .txt importers. Fixture tests always run; the real
# samples in ../shared/data/vendor-exports run in their own program, which exits 77 (ctest:
# Skipped) when that folder is absent. The Zebris sample is a zip, extracted at test time.
plantar_add_test(test_import_txz capture/test_import_tekscan_xsensor_zebris.cpp LIBS plantar_capture)

set(PLANTAR_TXZ_SAMPLES "${PROJECT_SOURCE_DIR}/../shared/data/vendor-exports")
set(PLANTAR_TXZ_EXTRACT "${CMAKE_CURRENT_BINARY_DIR}/txz_samples")
add_executable(test_import_txz_samples capture/test_import_txz_samples.cpp)
target_link_libraries(test_import_txz_samples PRIVATE doctest::doctest plantar_warnings plantar_capture)
target_compile_definitions(test_import_txz_samples PRIVATE PLANTAR_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
                           PLANTAR_TXZ_EXTRACT="${PLANTAR_TXZ_EXTRACT}")
add_test(NAME "import samples: tekscan xsensor zebris" COMMAND test_import_txz_samples)
set_tests_properties("import samples: tekscan xsensor zebris" PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 300)

set(PLANTAR_TXZ_ZEBRIS_ZIP "${PLANTAR_TXZ_SAMPLES}/pawlabeling/zebris_fdmt_barefoot_4kmh_100Hz.txt.zip")
add_test(NAME "import samples: zebris unzip"
         COMMAND ${CMAKE_COMMAND} -DZIP=${PLANTAR_TXZ_ZEBRIS_ZIP} -DDEST=${PLANTAR_TXZ_EXTRACT}
                 -P ${CMAKE_CURRENT_SOURCE_DIR}/capture/extract_sample_zip.cmake)
set_tests_properties("import samples: zebris unzip" PROPERTIES FIXTURES_SETUP txz_zebris_sample)
set_tests_properties("import samples: tekscan xsensor zebris" PROPERTIES FIXTURES_REQUIRED txz_zebris_sample)
