// Vendor exports (emed, footscan/RSscan, Tekscan, Zebris, XSENSOR, pedar, pliance) read as
// trials: each export becomes one or more ImportedTrialSources (a FrameSource each), which
// `plantar import` writes into a session like any other source. docs/import-formats.md says
// what we understand of each format and its quirks.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "plantar/capture/errors.hpp"
#include "plantar/capture/frame_source.hpp"
#include "plantar/capture/session/session.hpp"

namespace plantar::import {

enum class ExportFormat {
    EmedLst,             // Novel emed .lst (Latin-1 text pages)
    FootscanXls,         // RSscan footscan "roll off" .xls (Excel 97 BIFF)
    RsscanRollOffAscii,  // RSscan "Entire Plate Roll Off" ASCII (Frame k (t ms) blocks, N per sensor)
    TekscanAscii,        // Tekscan F-Scan / I-Scan .asf / .csv
    ZebrisFdm,           // Zebris FDM .txt (Platform block, N/cm^2)
    XsensorCsv,          // XSENSOR .csv (per-frame SENSELS matrices, mmHg)
    PedarAsc,            // Novel pedar .asc (one column per sensor, two insoles)
    PlianceAsc,          // Novel pliance .asc (one column per sensor, sensor corners)
};
std::string to_string(ExportFormat format);  // "emed-lst", "footscan-xls", "rsscan-ascii", "tekscan", "zebris", "xsensor", "pedar", "pliance"
std::optional<ExportFormat> export_format_from_string(const std::string& text);
std::vector<ExportFormat> all_export_formats();

// A file that is not what its format says: names the file, the line (0 when it has none) and
// what was expected there.
struct ImportError : Error {
    std::string file;
    std::size_t line = 0;
    ImportError(std::string file_name, std::size_t line_number, const std::string& what_was_wrong)
        : Error(file_name + (line_number > 0 ? ":" + std::to_string(line_number) : std::string()) + ": " +
                what_was_wrong),
          file(std::move(file_name)),
          line(line_number) {}
};

// One trial read from an export. The header carries geometry, layout, rate, the original unit and
// every assumption made (an inferred pitch, say); frames are in kPa, in time order, with
// sequence 0, 1, ... and device_time_us from the export's own frame times.
struct ImportedTrial {
    TrialHeader header;
    std::vector<Frame> frames;
};

// Called with the fraction (0..1) of the file read so far, for a progress bar.
using ImportProgress = std::function<void(double fraction)>;

// Reads every trial of an export (usually one; pedar: one per insole). Throws ImportError for a
// truncated, mislabelled or malformed file, IoError when it cannot be read.
using ExportReader = std::vector<ImportedTrial> (*)(const std::filesystem::path& file, const ImportProgress& progress);

// The format of a file, from its content (not its name). Throws ImportError naming the file and
// the formats tried when none matches.
ExportFormat detect_export_format(const std::filesystem::path& file);

// Reads an export, detecting its format unless one is given.
std::vector<ImportedTrial> read_export(const std::filesystem::path& file, std::optional<ExportFormat> format = {},
                                       const ImportProgress& progress = {});

// One imported trial as a FrameSource (SourceKind::Import).
class ImportedTrialSource final : public FrameSource {
public:
    explicit ImportedTrialSource(ImportedTrial trial);
    const TrialHeader& header() const { return trial_.header; }
    const PlateGeometry& geometry() const override { return trial_.header.geometry; }
    double nominal_rate_hz() const override { return trial_.header.rate_hz; }
    SourceDescription description() const override { return trial_.header.source; }
    std::optional<Frame> next() override;
    std::optional<std::uint64_t> expected_frame_count() const override { return trial_.frames.size(); }

private:
    ImportedTrial trial_;
    std::size_t next_ = 0;
};

}  // namespace plantar::import
