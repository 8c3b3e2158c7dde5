# Sources of the footprint part of analysis/ (owned with its tests in tests/analysis/footprint_tests.cmake).
set(PLANTAR_ANALYSIS_FOOTPRINT_SOURCES)
