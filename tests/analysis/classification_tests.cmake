# Tests of the classification part of analysis/.
plantar_add_test(test_classification analysis/test_classification.cpp analysis/test_classification_agreement.cpp
  LIBS plantar_analysis)
# The pipeline on simulated trials (the simulator comes from plantar_capture).
plantar_add_test(test_pipeline analysis/test_pipeline.cpp analysis/test_pipeline_edge_cases.cpp
  LIBS plantar_analysis plantar_capture)
