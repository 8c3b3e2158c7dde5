#include "plantar/capture/import/vendor_export.hpp"

#include <fstream>

#include "readers.hpp"

namespace plantar::import {

namespace {

struct FormatEntry {
    ExportFormat format;
    const char* name;
    detail::Sniffer sniff;
    ExportReader read;
};

// Sniffers are tried in this order; the binary and the most specific text formats come first.
constexpr FormatEntry kFormats[] = {
    {ExportFormat::FootscanXls, "footscan-xls", detail::looks_like_footscan_xls, detail::read_footscan_xls},
    {ExportFormat::EmedLst, "emed-lst", detail::looks_like_emed_lst, detail::read_emed_lst},
    {ExportFormat::ZebrisFdm, "zebris", detail::looks_like_zebris_fdm, detail::read_zebris_fdm},
    {ExportFormat::XsensorCsv, "xsensor", detail::looks_like_xsensor_csv, detail::read_xsensor_csv},
    {ExportFormat::TekscanAscii, "tekscan", detail::looks_like_tekscan_ascii, detail::read_tekscan_ascii},
    {ExportFormat::PlianceAsc, "pliance", detail::looks_like_pliance_asc, detail::read_pliance_asc},
    {ExportFormat::PedarAsc, "pedar", detail::looks_like_pedar_asc, detail::read_pedar_asc},
    {ExportFormat::RsscanRollOffAscii, "rsscan-ascii", detail::looks_like_rsscan_ascii, detail::read_rsscan_ascii},
};

const FormatEntry& entry(ExportFormat format) {
    for (const auto& e : kFormats)
        if (e.format == format) return e;
    throw InvalidArgument("unknown export format");
}

std::string read_head(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw IoError("cannot open " + file.string() + " for reading");
    std::string head(64 * 1024, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));
    return head;
}

}  // namespace

std::string to_string(ExportFormat format) { return entry(format).name; }

std::optional<ExportFormat> export_format_from_string(const std::string& text) {
    for (const auto& e : kFormats)
        if (text == e.name) return e.format;
    return std::nullopt;
}

std::vector<ExportFormat> all_export_formats() {
    std::vector<ExportFormat> formats;
    for (const auto& e : kFormats) formats.push_back(e.format);
    return formats;
}

ExportFormat detect_export_format(const std::filesystem::path& file) {
    const std::string head = read_head(file);
    if (head.empty()) throw ImportError(file.string(), 0, "the file is empty");
    for (const auto& e : kFormats)
        if (e.sniff(head)) return e.format;
    std::string tried;
    for (const auto& e : kFormats) tried += std::string(tried.empty() ? "" : ", ") + e.name;
    throw ImportError(file.string(), 0,
                      "not an export plantar recognises (tried " + tried + "); name the format with --format if it is one of them");
}

std::vector<ImportedTrial> read_export(const std::filesystem::path& file, std::optional<ExportFormat> format,
                                       const ImportProgress& progress) {
    if (!std::filesystem::exists(file)) throw IoError("no such file: " + file.string());
    const ExportFormat chosen = format ? *format : detect_export_format(file);
    auto trials = entry(chosen).read(file, progress);
    if (trials.empty()) throw ImportError(file.string(), 0, "the export holds no frames");
    return trials;
}

ImportedTrialSource::ImportedTrialSource(ImportedTrial trial) : trial_(std::move(trial)) {}

std::optional<Frame> ImportedTrialSource::next() {
    if (next_ >= trial_.frames.size()) return std::nullopt;
    return trial_.frames[next_++];
}

}  // namespace plantar::import
