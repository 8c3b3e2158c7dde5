# Sources of the contacts part of analysis/ (owned with its tests in tests/analysis/contacts_tests.cmake).
set(PLANTAR_ANALYSIS_CONTACTS_SOURCES
  src/contacts.cpp
  src/contacts_merge.cpp
  src/contacts_neighbours.cpp
  src/contacts_tracker.cpp
)
