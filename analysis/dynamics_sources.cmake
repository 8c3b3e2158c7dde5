# Sources of the dynamics part of analysis/ (owned with its tests in tests/analysis/dynamics_tests.cmake).
set(PLANTAR_ANALYSIS_DYNAMICS_SOURCES)
