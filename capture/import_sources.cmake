# Vendor-export importers: capture/src/import/*.cpp. One file per format; vendor_export.cpp
# detects formats and dispatches.
set(PLANTAR_IMPORT_SOURCES
  src/import/vendor_export.cpp
  src/import/emed_lst.cpp
  src/import/novel_asc.cpp
  src/import/tekscan_ascii.cpp
  src/import/xsensor_csv.cpp
  src/import/zebris_fdm.cpp
  src/import/rsscan_ascii.cpp
  src/import/footscan_xls.cpp
  src/import/text_lines.cpp
  src/import/rsscan_common.cpp
)
