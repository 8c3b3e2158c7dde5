// Zebris FDM / FDM-T .txt exports: a section of per-exercise time series (ignored here), then a
// `Platform {` block of `key <tab> value` lines (Columns, Lines, cell size, Units, Frame count,
// Frequency) and per frame `Frame n {`, a `Time, ms` line, a header `x1 .. xC` and Lines rows
// `yK <tab> C values`, then `}`. docs/import-formats.md, "Zebris FDM .txt", has the details.
#include <cmath>
#include <map>

#include "readers.hpp"
#include "text_lines.hpp"

namespace plantar::import::detail {

using namespace textio;  // TextLines and the parsing helpers of the text importers

bool looks_like_zebris_fdm(std::string_view head) {
    if (head.find("\nPlatform {") != std::string_view::npos && head.find("\nColumns\t") != std::string_view::npos) return true;
    return head.find("\nApplication\t") != std::string_view::npos && head.find("\nExercises\t{") != std::string_view::npos;
}

namespace {

struct Platform {
    std::map<std::string, std::string, std::less<>> values;
    std::map<std::string, std::size_t, std::less<>> lines;
    std::size_t start_line = 0;
    std::string application;  // section 1's `Application` (FDM-T treadmill: "trplatf")
    bool belt_position = false;  // section 1's time series has a belt `Position,m` column
};

// Reads the `Platform {` block; leaves `lines` before the first `Frame` line.
Platform read_platform(TextLines& lines) {
    Platform p;
    while (auto line = lines.next()) {
        const std::string_view text = trim(*line);
        if (text == "Platform {") {
            p.start_line = lines.line_number();
            break;
        }
        if (text.starts_with("Application\t")) p.application = std::string(trim(text.substr(12)));
        if (text.starts_with("Time,ms\t") && text.find("\tPosition,m") != std::string_view::npos) p.belt_position = true;
    }
    if (p.start_line == 0) lines.fail("the file ended without a 'Platform {' block (expected a Zebris FDM export with pressure frames)");
    while (auto line = lines.next()) {
        const std::string_view text = trim(*line);
        if (text.empty()) continue;
        if ((text.starts_with("Frame ") && text.ends_with("{")) || text == "}") {
            lines.unread();
            return p;
        }
        const auto tab = text.find('\t');
        if (tab == std::string_view::npos) lines.fail("expected 'key <tab> value' in the Platform block, found '" + std::string(text.substr(0, 40)) + "'");
        const std::string key(trim(text.substr(0, tab)));
        p.values[key] = std::string(trim(text.substr(tab + 1)));
        p.lines[key] = lines.line_number();
    }
    lines.fail("the file ended after the Platform block: no frames (truncated?)");
}

double require(const TextLines& lines, const Platform& p, std::string_view key, double lo, double hi) {
    const auto it = p.values.find(key);
    if (it == p.values.end()) lines.fail_at(p.start_line, "the Platform block has no '" + std::string(key) + "' line");
    const auto value = parse_number(it->second);
    if (!value || *value < lo || *value > hi)
        lines.fail_at(p.lines.at(std::string(key)), "expected '" + std::string(key) + "' to be a number in " + std::to_string(lo) +
                                                         ".." + std::to_string(hi) + ", found '" + it->second + "'");
    return *value;
}

}  // namespace

std::vector<ImportedTrial> read_zebris_fdm(const std::filesystem::path& file, const ImportProgress& progress) {
    TextLines lines(file, progress);
    const Platform p = read_platform(lines);
    const int columns = static_cast<int>(require(lines, p, "Columns", 1, 10000));  // along the treadmill
    const int rows_in_file = static_cast<int>(require(lines, p, "Lines", 1, 10000));  // across it
    const double cell_w = require(lines, p, "Cell width,mm", 0.1, 100);
    const double cell_h = require(lines, p, "Cell height,mm", 0.1, 100);
    const double rate = require(lines, p, "Frequency", 0.1, 100000);
    const auto unit_it = p.values.find("Units");
    if (unit_it == p.values.end()) lines.fail_at(p.start_line, "the Platform block has no 'Units' line");
    const auto kpa = kpa_per_unit(unit_it->second);
    if (!kpa) lines.fail_at(p.lines.at("Units"), "unknown Units '" + unit_it->second + "' (expected N/cm^2 or kPa)");
    std::optional<std::size_t> frame_count;
    if (p.values.contains("Frame count")) frame_count = static_cast<std::size_t>(require(lines, p, "Frame count", 0, 1e9));

    ImportedTrial trial;
    TrialHeader& th = trial.header;
    // Plantar rows run along the plate: the file's columns x1..xC (along the belt) become rows,
    // its lines y1..yL (across) become columns. Cell width is the x (column) size in the file.
    th.geometry = PlateGeometry{columns, rows_in_file, cell_h, cell_w, cell_w * cell_h};
    th.kind = TrialKind::Walk;
    th.rate_hz = rate;
    th.original_unit = unit_it->second;
    th.source = SourceDescription{SourceKind::Import, file.filename().string(),
                                  "Zebris FDM export; platform " + std::to_string(columns) + " columns x " +
                                      std::to_string(rows_in_file) + " lines; " + p.values.at("Frequency") + " Hz"};
    th.assumptions.push_back("file columns x1..x" + std::to_string(columns) + " run along the treadmill and become plantar rows (y); file lines y1..y" +
                             std::to_string(rows_in_file) + " run across and become plantar columns (x)");
    th.assumptions.push_back("trial kind 'walk' (the export does not say)");
    if (p.application == "trplatf" || p.belt_position) {
        // FDM-T: the plate lies under a moving belt, which carries each print backwards during
        // its stance; analysis must know (docs/import-formats.md, "Zebris FDM .txt").
        th.layout.coverage = SensorCoverage::Treadmill;
        th.assumptions.push_back("a treadmill recording (Application '" + p.application +
                                 "', a belt Position column): the prints move with the belt during stance");
    }

    std::vector<std::string_view> fields;
    const auto cols_out = static_cast<std::size_t>(rows_in_file);
    while (auto line = lines.next_nonblank()) {
        const std::string_view text = trim(*line);
        if (!text.starts_with("Frame ") || !text.ends_with("{"))
            lines.fail("expected 'Frame n {' (frame " + std::to_string(trial.frames.size() + 1) + "), found '" + std::string(text.substr(0, 40)) + "'");
        const double n = require_number(lines, trim(text.substr(6, text.size() - 7)), "a frame number in 'Frame n {'");
        Frame frame(th.geometry);
        frame.sequence = trial.frames.size();
        if (n != static_cast<double>(trial.frames.size() + 1))
            lines.fail("expected frame " + std::to_string(trial.frames.size() + 1) + ", found 'Frame " + std::string(text.substr(6, text.size() - 7)) + "'");
        std::optional<double> time_ms;
        // Frame preamble: Exercise name, "Time, ms <tab> t", "Center of force", then the x header.
        while (true) {
            const auto pre = lines.next_nonblank();
            if (!pre || trim(*pre) == "}") lines.fail("truncated frame " + std::to_string(frame.sequence + 1) + ": expected its 'x1 .. x" + std::to_string(columns) + "' header");
            if (trim(*pre).starts_with("x1")) break;
            if (pre->starts_with("Time, ms")) time_ms = require_number(lines, pre->substr(pre->find('\t') == std::string_view::npos ? 8 : pre->find('\t')), "the frame time in ms");
        }
        if (!time_ms) lines.fail("frame " + std::to_string(frame.sequence + 1) + " has no 'Time, ms' line before its header");
        frame.device_time_us = std::llround(*time_ms * 1000.0);
        if (!trial.frames.empty() && frame.device_time_us <= trial.frames.back().device_time_us)
            lines.fail("expected frame times to increase, found " + std::to_string(*time_ms) + " ms");
        for (int y = 0; y < rows_in_file; ++y) {
            const auto row = lines.next();
            const std::string expected_label = "y" + std::to_string(y + 1);
            if (!row || trim(*row).empty() || trim(*row) == "}")
                lines.fail("truncated frame " + std::to_string(frame.sequence + 1) + ": expected " + std::to_string(rows_in_file) + " lines (Lines), found " + std::to_string(y));
            split(trim(*row, " \r"), '\t', fields);
            if (trim(fields[0]) != expected_label) lines.fail("expected line '" + expected_label + "', found '" + std::string(fields[0].substr(0, 20)) + "'");
            if (fields.size() != static_cast<std::size_t>(columns) + 1)
                lines.fail("expected " + std::to_string(columns) + " tab-separated values (Columns) after '" + expected_label + "', found " + std::to_string(fields.size() - 1));
            for (int x = 0; x < columns; ++x) {
                const double v = require_number(lines, fields[static_cast<std::size_t>(x) + 1], "a pressure value");
                if (v < 0) lines.fail("expected a pressure >= 0, found " + std::string(fields[static_cast<std::size_t>(x) + 1]));
                frame.pressure_kpa[static_cast<std::size_t>(x) * cols_out + static_cast<std::size_t>(y)] = static_cast<float>(v * *kpa);
            }
        }
        const auto close = lines.next_nonblank();
        if (!close || trim(*close) != "}") lines.fail("expected '}' closing frame " + std::to_string(frame.sequence + 1));
        trial.frames.push_back(std::move(frame));
    }
    if (trial.frames.empty()) lines.fail("expected at least one 'Frame n {' after the Platform block");
    if (frame_count && *frame_count != trial.frames.size())
        lines.fail("truncated: the Platform block says Frame count " + std::to_string(*frame_count) + ", the file holds " + std::to_string(trial.frames.size()));
    lines.finish();
    std::vector<ImportedTrial> out;
    out.push_back(std::move(trial));
    return out;
}

}  // namespace plantar::import::detail
