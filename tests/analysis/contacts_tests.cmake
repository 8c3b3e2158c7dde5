# Tests of the contacts part of analysis/.
plantar_add_test(test_analysis_contacts analysis/test_contacts.cpp analysis/test_contacts_synthetic.cpp
  LIBS plantar_analysis plantar_capture)
