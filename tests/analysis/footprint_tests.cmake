# Tests of the footprint part of analysis/.
plantar_add_test(test_analysis_footprint analysis/test_footprint_simulated.cpp analysis/test_footprint_edge_cases.cpp
  analysis/test_footprint_synthetic.cpp LIBS plantar_analysis plantar_capture)
