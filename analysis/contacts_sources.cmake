# Sources of the contacts part of analysis/ (owned with its tests in tests/analysis/contacts_tests.cmake).
set(PLANTAR_ANALYSIS_CONTACTS_SOURCES)
