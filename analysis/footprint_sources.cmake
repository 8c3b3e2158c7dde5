# Sources of the footprint part of analysis/ (owned with its tests in tests/analysis/footprint_tests.cmake).
set(PLANTAR_ANALYSIS_FOOTPRINT_SOURCES
  src/footprint.cpp
  src/footprint_points.cpp
  src/footprint_toes.cpp
  src/foot_axis.cpp
  src/regions.cpp
)
