# Tests of the dynamics part of analysis/.
plantar_add_test(test_analysis_dynamics analysis/test_dynamics_synthetic.cpp analysis/test_dynamics_simulated.cpp
  LIBS plantar_analysis plantar_capture)
