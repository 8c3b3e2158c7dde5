# Sources of the dynamics part of analysis/ (owned with its tests in tests/analysis/dynamics_tests.cmake).
set(PLANTAR_ANALYSIS_DYNAMICS_SOURCES src/cop.cpp src/cpei.cpp src/cpei_load_distribution.cpp src/gait_step.cpp
  src/gait_trial.cpp src/balance.cpp)
