# Extracts one zipped vendor sample for the sample tests:
#   cmake -DZIP=path/to/sample.zip -DDEST=folder -P extract_sample_zip.cmake
# Does nothing when the zip is absent (../shared/data not here): the sample tests then exit 77
# and ctest reports them Skipped.
if(EXISTS "${ZIP}")
  file(REMOVE_RECURSE "${DEST}")
  file(ARCHIVE_EXTRACT INPUT "${ZIP}" DESTINATION "${DEST}")
endif()
