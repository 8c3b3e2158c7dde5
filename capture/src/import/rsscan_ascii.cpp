// RSscan footscan "Entire Plate Roll Off" ASCII export (docs/import-formats.md): per frame a line
// `Frame k (t ms)`, then one line per sensor row (along the walkway) of tab-separated forces in
// N per sensor (one per column, across), then a blank line. No header; CRLF or LF.
#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

#include "readers.hpp"
#include "rsscan_common.hpp"

namespace plantar::import::detail {

namespace {

using namespace rsscan;

// Cuts the text into lines (without their CR/LF), remembering where each ends for progress.
class LineReader {
public:
    explicit LineReader(const std::string& text) : text_(text) {}
    bool next(std::string_view& line) {
        if (pos_ >= text_.size()) return false;
        auto end = text_.find('\n', pos_);
        if (end == std::string::npos) end = text_.size();
        line = std::string_view(text_).substr(pos_, end - pos_);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        pos_ = end + 1;
        ++number_;
        return true;
    }
    std::size_t number() const { return number_; }
    double fraction() const { return text_.empty() ? 1.0 : static_cast<double>(std::min(pos_, text_.size())) / static_cast<double>(text_.size()); }

private:
    const std::string& text_;
    std::size_t pos_ = 0;
    std::size_t number_ = 0;
};

bool is_blank(std::string_view line) { return line.find_first_not_of(" \t\r") == std::string_view::npos; }

// Splits a data line at tabs into numbers; throws naming the line and column for a bad value.
void parse_values(const std::string& file, std::size_t line_number, std::string_view line, std::vector<double>& values) {
    values.clear();
    while (!line.empty() && (line.back() == '\t' || line.back() == ' ')) line.remove_suffix(1);
    std::size_t start = 0;
    while (true) {
        const auto tab = line.find('\t', start);
        const std::string_view field = line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start);
        const auto value = parse_number(field);
        if (!value)
            throw ImportError(file, line_number,
                              "column " + std::to_string(values.size() + 1) + ": expected a number (force in N), found '" +
                                  std::string(field.substr(0, 40)) + "'");
        values.push_back(*value);
        if (tab == std::string_view::npos) break;
        start = tab + 1;
    }
}

std::string describe(std::string_view line) {
    return line.empty() ? std::string("an empty line") : "'" + std::string(line.substr(0, 60)) + "'";
}

}  // namespace

bool looks_like_rsscan_ascii(std::string_view head) {
    const auto first_end = head.find('\n');
    if (first_end == std::string_view::npos) return false;
    if (!parse_frame_label(head.substr(0, first_end))) return false;
    std::string_view second = head.substr(first_end + 1);
    second = second.substr(0, second.find('\n'));
    return second.find('\t') != std::string_view::npos && parse_number(second.substr(0, second.find('\t'))).has_value();
}

std::vector<ImportedTrial> read_rsscan_ascii(const std::filesystem::path& file, const ImportProgress& progress) {
    const std::string name = file.string();
    std::string text;
    {
        std::ifstream in(file, std::ios::binary);
        if (!in) throw IoError("cannot open " + name + " for reading");
        std::ostringstream buffer;
        buffer << in.rdbuf();
        text = std::move(buffer).str();
    }
    if (text.empty()) throw ImportError(name, 1, "the file is empty; expected a 'Frame 0 (0.00 ms)' line");

    ProgressReporter reporter(progress);
    LineReader lines(text);
    std::string_view line;
    std::vector<double> values;
    std::vector<Frame> frames;
    int rows = 0;  // sensor rows (along the walkway) and columns (across), from the first frame
    int cols = 0;
    std::int64_t first_number = 0;

    bool pending = lines.next(line);
    while (pending) {
        if (is_blank(line)) {  // the blank line that ends each frame (and any extra ones)
            pending = lines.next(line);
            continue;
        }
        const auto label = parse_frame_label(line);
        if (!label)
            throw ImportError(name, lines.number(),
                              "expected a frame header 'Frame " + std::to_string(frames.size()) + " (t ms)', found " + describe(line));
        const std::size_t header_line = lines.number();
        if (frames.empty()) first_number = label->number;
        const std::int64_t expected = first_number + static_cast<std::int64_t>(frames.size());
        if (label->number != expected)
            throw ImportError(name, header_line,
                              "expected 'Frame " + std::to_string(expected) + " (t ms)', found frame number " +
                                  std::to_string(label->number) + ": a frame is missing or out of order");
        const auto time_us = std::llround(label->time_ms * 1000.0);
        if (!frames.empty() && time_us <= frames.back().device_time_us)
            throw ImportError(name, header_line, "frame time " + std::to_string(label->time_ms) +
                                                     " ms is not after the previous frame's; expected increasing times");
        Frame frame;
        frame.sequence = frames.size();
        frame.device_time_us = time_us;
        int row = 0;
        while ((pending = lines.next(line)) && !is_blank(line) && !parse_frame_label(line)) {
            parse_values(name, lines.number(), line, values);
            if (frames.empty() && row == 0) cols = static_cast<int>(values.size());
            if (static_cast<int>(values.size()) != cols)
                throw ImportError(name, lines.number(),
                                  "expected " + std::to_string(cols) + " tab-separated values (as in the first sensor row), found " +
                                      std::to_string(values.size()));
            if (rows > 0 && row >= rows)
                throw ImportError(name, lines.number(),
                                  "frame " + std::to_string(label->number) + " has more than " + std::to_string(rows) +
                                      " sensor rows; expected a blank line or the next 'Frame k (t ms)' line");
            for (const double v : values) frame.pressure_kpa.push_back(newtons_to_kpa(v));
            ++row;
            reporter.update(lines.fraction());
        }
        if (row == 0)
            throw ImportError(name, header_line + 1,
                              "frame " + std::to_string(label->number) + " has no sensor rows; expected lines of tab-separated values");
        if (rows == 0) rows = row;
        if (row != rows)
            throw ImportError(name, lines.number(),
                              "frame " + std::to_string(label->number) + " ends after " + std::to_string(row) + " of " +
                                  std::to_string(rows) + " sensor rows: the file is truncated or the block is short");
        frames.push_back(std::move(frame));
    }
    if (frames.empty()) throw ImportError(name, lines.number(), "no 'Frame k (t ms)' block found; the file holds only blank lines");

    ImportedTrial trial;
    TrialHeader& h = trial.header;
    h.kind = TrialKind::Walk;
    h.source.kind = SourceKind::Import;
    h.source.name = file.filename().string();
    h.geometry = footscan_geometry(rows, cols);
    h.original_unit = kOriginalUnit;
    h.rate_hz = frames.size() > 1 ? rate_from_median_interval(name, frames) : 0.0;
    h.source.details = "RSscan footscan Entire Plate Roll Off ASCII export: " + std::to_string(frames.size()) + " frames of " +
                       std::to_string(rows) + " rows (along the walkway) x " + std::to_string(cols) +
                       " columns (across); forces in N per sensor converted to kPa as N / 38.71 mm^2 x 1000";
    h.assumptions = {
        "sensor 5.08 mm across x 7.62 mm along the walkway: not stated in the file; 5.08 mm is the documented footscan "
        "sensor width, 7.62 mm along is inferred from foot length on the sample recordings",
        "sensor area 5.08 x 7.62 = 38.71 mm^2 (the whole pitch cell, no gap between sensors) for N -> kPa",
        "rows run along the walkway and columns across it; plate size taken from the first frame (" + std::to_string(rows) +
            " x " + std::to_string(cols) + ")",
        "frame times are the export's own 'Frame k (t ms)' (0.01 ms resolution); rate from the median interval",
    };
    trial.frames = std::move(frames);
    reporter.finish();
    return {std::move(trial)};
}

}  // namespace plantar::import::detail
