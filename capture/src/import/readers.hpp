// The per-format readers behind read_export() and their content sniffers. Each format lives in
// its own file (capture/src/import/<format>.cpp); this header is the table of contents.
#pragma once

#include <filesystem>
#include <string_view>
#include <vector>

#include "plantar/capture/import/vendor_export.hpp"

namespace plantar::import::detail {

// `head` is the start of the file (up to 64 KiB, raw bytes). A sniffer answers "this file is
// mine" from content only, never from the file name.
using Sniffer = bool (*)(std::string_view head);

bool looks_like_emed_lst(std::string_view head);
bool looks_like_footscan_xls(std::string_view head);
bool looks_like_rsscan_ascii(std::string_view head);
bool looks_like_tekscan_ascii(std::string_view head);
bool looks_like_zebris_fdm(std::string_view head);
bool looks_like_xsensor_csv(std::string_view head);
bool looks_like_pedar_asc(std::string_view head);
bool looks_like_pliance_asc(std::string_view head);

std::vector<ImportedTrial> read_emed_lst(const std::filesystem::path& file, const ImportProgress& progress);
std::vector<ImportedTrial> read_footscan_xls(const std::filesystem::path& file, const ImportProgress& progress);
std::vector<ImportedTrial> read_rsscan_ascii(const std::filesystem::path& file, const ImportProgress& progress);
std::vector<ImportedTrial> read_tekscan_ascii(const std::filesystem::path& file, const ImportProgress& progress);
std::vector<ImportedTrial> read_zebris_fdm(const std::filesystem::path& file, const ImportProgress& progress);
std::vector<ImportedTrial> read_xsensor_csv(const std::filesystem::path& file, const ImportProgress& progress);
std::vector<ImportedTrial> read_pedar_asc(const std::filesystem::path& file, const ImportProgress& progress);
std::vector<ImportedTrial> read_pliance_asc(const std::filesystem::path& file, const ImportProgress& progress);

}  // namespace plantar::import::detail
