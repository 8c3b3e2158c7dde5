# Sources of the classification part of analysis/ (owned with its tests in tests/analysis/classification_tests.cmake).
set(PLANTAR_ANALYSIS_CLASSIFICATION_SOURCES
  src/config.cpp
  src/classification.cpp
  src/classification_agreement.cpp
  src/pipeline.cpp
  src/pipeline_sides.cpp
)
