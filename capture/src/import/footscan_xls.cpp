// RSscan footscan "roll off" export, an Excel 97 (BIFF8) workbook read with FreeXL
// (docs/import-formats.md). One sheet: a title row "Dynamic Roll off for measurement: NAME",
// a few metadata rows, then per foot "<Side> foot data", "<Side> rectangle position" with four
// label/value row pairs (bottom, left, width, height), and blocks "Frame k (t ms)" of `height`
// rows x `width` cells, force in N per sensor.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>
#include <fstream>
#include <memory>
#include <optional>

#include <freexl.h>

#include "readers.hpp"
#include "rsscan_common.hpp"

namespace plantar::import::detail {

namespace {

using namespace rsscan;

constexpr char kOle2Magic[] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

struct XlsCloser {
    void operator()(const void* handle) const { freexl_close(handle); }
};
using XlsHandle = std::unique_ptr<const void, XlsCloser>;

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}


// The active sheet, cell by cell; rows and columns 0-based here, 1-based in messages.
class Sheet {
public:
    Sheet(const void* handle, std::string file, std::string name, unsigned rows, unsigned cols)
        : handle_(handle), file_(std::move(file)), name_(std::move(name)), rows_(rows), cols_(cols) {}
    unsigned rows() const { return rows_; }
    unsigned cols() const { return cols_; }
    const std::string& name() const { return name_; }

    FreeXL_CellValue cell(unsigned row, unsigned col) const {
        FreeXL_CellValue value{};
        value.type = FREEXL_CELL_NULL;
        if (col >= cols_ || row >= rows_) return value;
        const int rc = freexl_get_cell_value(handle_, row, static_cast<unsigned short>(col), &value);
        if (rc != FREEXL_OK) fail(row, "cannot read column " + std::to_string(col + 1) + " (FreeXL error " + std::to_string(rc) + ")");
        return value;
    }
    // The text of the first cell of a row; empty when that cell is not text.
    std::string text(unsigned row) const {
        const auto value = cell(row, 0);
        if (value.type == FREEXL_CELL_TEXT || value.type == FREEXL_CELL_SST_TEXT) return value.value.text_value;
        return {};
    }
    bool blank(unsigned row) const {
        for (unsigned c = 0; c < cols_; ++c)
            if (cell(row, c).type != FREEXL_CELL_NULL) return false;
        return true;
    }
    std::optional<double> number(unsigned row, unsigned col) const {
        const auto value = cell(row, col);
        if (value.type == FREEXL_CELL_INT) return value.value.int_value;
        if (value.type == FREEXL_CELL_DOUBLE && std::isfinite(value.value.double_value)) return value.value.double_value;
        if (value.type == FREEXL_CELL_TEXT || value.type == FREEXL_CELL_SST_TEXT) return parse_number(value.value.text_value);
        return std::nullopt;
    }
    std::string describe(unsigned row, unsigned col) const {
        const auto value = cell(row, col);
        if (value.type == FREEXL_CELL_NULL) return "an empty cell";
        if (value.type == FREEXL_CELL_INT || value.type == FREEXL_CELL_DOUBLE) return "a number";
        return "'" + std::string(value.value.text_value).substr(0, 60) + "'";
    }
    [[noreturn]] void fail(unsigned row, const std::string& what) const {
        throw ImportError(file_, row + 1, "sheet '" + name_ + "' row " + std::to_string(row + 1) + ": " + what);
    }

private:
    const void* handle_;
    std::string file_;
    std::string name_;
    unsigned rows_;
    unsigned cols_;
};

std::string freexl_error(int rc) {
    switch (rc) {
        case FREEXL_INVALID_CFBF_HEADER: return "invalid OLE2 (CFBF) header";
        case FREEXL_CFBF_READ_ERROR: return "read error: the file is truncated";
        case FREEXL_CFBF_SEEK_ERROR: return "seek error: the file is truncated";
        case FREEXL_CFBF_INVALID_SIGNATURE: return "not an OLE2 compound document";
        case FREEXL_CFBF_EMPTY_FAT_CHAIN:
        case FREEXL_CFBF_ILLEGAL_FAT_ENTRY: return "broken allocation table: the file is truncated or corrupt";
        case FREEXL_BIFF_WORKBOOK_NOT_FOUND: return "no Excel workbook stream inside";
        case FREEXL_BIFF_INVALID_BOF:
        case FREEXL_BIFF_INVALID_SST: return "broken Excel records: the file is truncated or corrupt";
        case FREEXL_CRAFTED_FILE: return "severely corrupted";
        default: return "FreeXL error " + std::to_string(rc);
    }
}

// One "<Side> foot data" section read as a trial; `row` ends on the first row after it.
ImportedTrial read_foot(const Sheet& sheet, const std::string& file_name, const std::string& measurement, unsigned& row,
                        ProgressReporter& reporter) {
    const std::string side = sheet.text(row).substr(0, sheet.text(row).find(' '));  // "Right" / "Left"
    ++row;
    while (row < sheet.rows() && sheet.blank(row)) ++row;
    if (lower(sheet.text(row)) != lower(side + " rectangle position"))
        sheet.fail(row, "expected '" + side + " rectangle position', found " + sheet.describe(row, 0));
    ++row;
    std::optional<double> bottom, left, width, height;
    for (int pair = 0; pair < 4; ++pair) {
        const std::string label = lower(sheet.text(row));
        std::optional<double>* target = label == "rectangle bottom" ? &bottom
                                        : label == "rectangle left" ? &left
                                        : label == "rectangle width" ? &width
                                        : label == "rectangle height" ? &height : nullptr;
        if (!target || target->has_value())
            sheet.fail(row, "expected 'Rectangle bottom', 'Rectangle left', 'Rectangle width' or 'Rectangle height', found " +
                                sheet.describe(row, 0));
        *target = sheet.number(row + 1, 0);
        if (!*target || **target < 0 || **target != std::floor(**target))
            sheet.fail(row + 1, "expected the " + label + " as a whole number of sensors, found " + sheet.describe(row + 1, 0));
        row += 2;
    }
    const auto rows = static_cast<unsigned>(*height);
    const auto cols = static_cast<unsigned>(*width);
    if (rows == 0 || cols == 0 || rows > 1024 || cols > 1024 || cols > sheet.cols())
        sheet.fail(row - 1, "the rectangle is " + std::to_string(cols) + " x " + std::to_string(rows) +
                                " sensors; expected a non-empty crop no wider than the sheet (" + std::to_string(sheet.cols()) + " columns)");

    ImportedTrial trial;
    const PlateGeometry geometry = footscan_geometry(static_cast<int>(rows), static_cast<int>(cols));
    std::int64_t first_number = 0;
    while (true) {
        while (row < sheet.rows() && sheet.blank(row)) ++row;
        if (row >= sheet.rows() || lower(sheet.text(row)).find("foot data") != std::string::npos) break;
        const auto label = parse_frame_label(sheet.text(row));
        if (!label) sheet.fail(row, "expected a frame header 'Frame k (t ms)', found " + sheet.describe(row, 0));
        if (trial.frames.empty()) first_number = label->number;
        const std::int64_t expected = first_number + static_cast<std::int64_t>(trial.frames.size());
        if (label->number != expected)
            sheet.fail(row, "expected 'Frame " + std::to_string(expected) + " (t ms)', found frame number " + std::to_string(label->number));
        Frame frame(geometry);
        frame.sequence = trial.frames.size();
        frame.device_time_us = std::llround(label->time_ms * 1000.0);
        if (!trial.frames.empty() && frame.device_time_us <= trial.frames.back().device_time_us)
            sheet.fail(row, "the frame time is not after the previous frame's; expected increasing times");
        const unsigned header_row = row++;
        for (unsigned r = 0; r < rows; ++r, ++row) {
            if (row >= sheet.rows())
                sheet.fail(row, "frame " + std::to_string(label->number) + " (row " + std::to_string(header_row + 1) + ") ends after " +
                                    std::to_string(r) + " of " + std::to_string(rows) + " sensor rows: the sheet is truncated");
            for (unsigned c = 0; c < sheet.cols(); ++c) {
                if (c >= cols) {
                    if (sheet.cell(row, c).type != FREEXL_CELL_NULL)
                        sheet.fail(row, "column " + std::to_string(c + 1) + ": expected " + std::to_string(cols) +
                                            " values (the rectangle width), found more");
                    continue;
                }
                const auto value = sheet.number(row, c);
                if (!value)
                    sheet.fail(row, "column " + std::to_string(c + 1) + ": expected a number (force in N) of frame " +
                                        std::to_string(label->number) + ", found " + sheet.describe(row, c));
                frame.pressure_kpa[geometry.index(static_cast<int>(r), static_cast<int>(c))] = newtons_to_kpa(*value);
            }
        }
        trial.frames.push_back(std::move(frame));
        reporter.update(static_cast<double>(row) / static_cast<double>(sheet.rows()));
    }
    if (trial.frames.empty()) sheet.fail(row, "the " + lower(side) + " foot has no 'Frame k (t ms)' blocks");

    TrialHeader& h = trial.header;
    h.kind = TrialKind::Walk;
    // One foot's roll-off, cropped around it by the export: its edge is not the plate's.
    h.layout.coverage = SensorCoverage::FootCrop;
    h.source.kind = SourceKind::Import;
    h.source.name = file_name;
    h.geometry = geometry;
    h.original_unit = kOriginalUnit;
    h.rate_hz = trial.frames.size() > 1 ? rate_from_median_interval(file_name, trial.frames) : 0.0;
    const auto whole = [](double v) { return std::to_string(static_cast<long>(v)); };
    h.source.details = "RSscan footscan roll-off .xls, measurement '" + measurement + "', " + lower(side) + " foot: " +
                       std::to_string(trial.frames.size()) + " frames; crop rectangle on the plate: bottom " + whole(*bottom) +
                       ", left " + whole(*left) + ", width " + whole(*width) + ", height " + whole(*height) +
                       " sensors; forces in N per sensor converted to kPa as N / 38.71 mm^2 x 1000";
    h.assumptions = {
        "sensor 5.08 mm across x 7.62 mm along the plate: not stated in the file; the footscan sensor size pressuRe uses",
        "sensor area 5.08 x 7.62 = 38.71 mm^2 (the whole pitch cell) for N -> kPa",
        "the " + whole(*height) + " x " + whole(*width) + " crop is its own grid: its height counts rows (along the plate, the "
        "walking direction and the foot's long axis), its width columns (across); grid row 0 is the block's first sheet row",
        "the crop's place on the plate (bottom " + whole(*bottom) + ", left " + whole(*left) +
            ") is in plate sensors; whether grid row 0 is the rectangle's bottom or top edge is not stated",
    };
    return trial;
}

}  // namespace

bool looks_like_footscan_xls(std::string_view head) { return head.substr(0, 8) == std::string_view(kOle2Magic, 8); }

std::vector<ImportedTrial> read_footscan_xls(const std::filesystem::path& file, const ImportProgress& progress) {
    const std::string name = file.string();
    {
        std::ifstream in(file, std::ios::binary);
        if (!in) throw IoError("cannot open " + name + " for reading");
        char magic[8] = {};
        in.read(magic, 8);
        if (in.gcount() != 8 || std::memcmp(magic, kOle2Magic, 8) != 0)
            throw ImportError(name, 0, "not an Excel 97 workbook: expected the OLE2 signature D0 CF 11 E0 A1 B1 1A E1 at the start");
    }
    const void* raw = nullptr;
    const int rc = freexl_open(name.c_str(), &raw);
    XlsHandle handle(raw);
    if (rc != FREEXL_OK) throw ImportError(name, 0, "not a readable Excel 97 workbook (" + freexl_error(rc) + ")");

    unsigned int sheets = 0;
    if (freexl_get_info(raw, FREEXL_BIFF_SHEET_COUNT, &sheets) != FREEXL_OK || sheets == 0)
        throw ImportError(name, 0, "the workbook has no worksheets; expected an RSscan footscan roll-off sheet");
    ProgressReporter reporter(progress);
    std::string first_title;
    for (unsigned short s = 0; s < sheets; ++s) {
        const char* sheet_name = nullptr;
        unsigned int rows = 0;
        unsigned short cols = 0;
        if (freexl_get_worksheet_name(raw, s, &sheet_name) != FREEXL_OK || freexl_select_active_worksheet(raw, s) != FREEXL_OK ||
            freexl_worksheet_dimensions(raw, &rows, &cols) != FREEXL_OK)
            throw ImportError(name, 0, "cannot read worksheet " + std::to_string(s + 1) + " of the workbook");
        const Sheet sheet(raw, name, sheet_name ? sheet_name : "", rows, cols);
        const std::string title = sheet.text(0);
        if (s == 0) first_title = title;
        const std::string title_lower = lower(title);
        if (title_lower.find("roll off") == std::string::npos) continue;
        // "Dynamic Roll offfor measurement: NAME" (sic, no space): keep the measurement name only.
        // The "Patient name" row is deliberately not copied: sessions are pseudonymous.
        const auto colon = title.find("measurement:");
        std::string measurement = colon == std::string::npos ? std::string() : title.substr(colon + 12);
        measurement.erase(0, measurement.find_first_not_of(' '));
        std::vector<ImportedTrial> trials;
        for (unsigned row = 1; row < sheet.rows();) {
            if (lower(sheet.text(row)).find("foot data") != std::string::npos) {
                trials.push_back(read_foot(sheet, name, measurement, row, reporter));
                trials.back().header.source.name = file.filename().string();
            } else {
                ++row;
            }
        }
        if (trials.empty())
            throw ImportError(name, 0, "sheet '" + sheet.name() + "' has no 'Right foot data' or 'Left foot data' section");
        reporter.finish();
        return trials;
    }
    throw ImportError(name, 1, "not an RSscan footscan roll-off export: row 1 of the first sheet should read 'Dynamic Roll off for "
                               "measurement: ...', found " + (first_title.empty() ? std::string("no title") : "'" + first_title.substr(0, 60) + "'"));
}

}  // namespace plantar::import::detail
