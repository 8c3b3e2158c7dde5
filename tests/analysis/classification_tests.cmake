# Tests of the classification part of analysis/.
plantar_add_test(test_classification analysis/test_classification.cpp analysis/test_classification_agreement.cpp
  LIBS plantar_analysis)
