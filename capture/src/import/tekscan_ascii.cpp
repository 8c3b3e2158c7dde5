// Tekscan ASCII exports (.asf / .csv) of F-Scan insoles and I-Scan sensors: a header of
// `KEY value` lines up to `ASCII_DATA @@`, then per frame a `Frame N[, t, ...]` line and ROWS
// lines of COLS comma-separated values, `B` where the sensor has no sensel, and `@@` at the end.
// docs/import-formats.md, "Tekscan ASCII", says what we understand and decide.
#include <cctype>
#include <cmath>
#include <map>

#include "readers.hpp"
#include "text_lines.hpp"

namespace plantar::import::detail {

using namespace textio;  // TextLines and the parsing helpers of the text importers

bool looks_like_tekscan_ascii(std::string_view head) {
    return head.find("ASCII_DATA @@") != std::string_view::npos && head.find("\nROWS ") != std::string_view::npos &&
           head.find("\nCOLS ") != std::string_view::npos;
}

namespace {

struct Header {
    std::map<std::string, std::string, std::less<>> values;
    std::map<std::string, std::size_t, std::less<>> lines;
    std::size_t data_line = 0;  // the ASCII_DATA @@ line
};

Header read_header(TextLines& lines) {
    Header header;
    bool comment_next = false;
    while (auto line = lines.next()) {
        const std::string_view text = trim(*line);
        if (comment_next) {
            comment_next = false;
            continue;  // COMMENTS: free text, never kept (it may name the person)
        }
        if (text.empty()) continue;
        if (text.starts_with("ASCII_DATA")) {
            if (trim(text.substr(10)) != "@@") lines.fail("expected 'ASCII_DATA @@'");
            header.data_line = lines.line_number();
            return header;
        }
        if (text.starts_with("COMMENTS")) {
            comment_next = true;
            continue;
        }
        const auto space = text.find_first_of(" \t");
        const std::string key(text.substr(0, space));
        for (char c : key)
            if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_'))
                lines.fail("expected a header line 'KEY value' (Tekscan ASCII) before 'ASCII_DATA @@', found '" +
                           std::string(text.substr(0, 40)) + "'");
        header.values[key] = std::string(space == std::string_view::npos ? std::string_view() : trim(text.substr(space)));
        header.lines[key] = lines.line_number();
    }
    lines.fail("the file ended before 'ASCII_DATA @@': no frames (truncated, or not a Tekscan ASCII export)");
}

const std::string& require(const TextLines& lines, const Header& h, std::string_view key) {
    const auto it = h.values.find(key);
    if (it == h.values.end())
        lines.fail_at(h.data_line, "the header has no " + std::string(key) + " line (expected before 'ASCII_DATA @@')");
    return it->second;
}

std::size_t line_of(const Header& h, std::string_view key) {
    const auto it = h.lines.find(key);
    return it == h.lines.end() ? h.data_line : it->second;
}

int require_count(const TextLines& lines, const Header& h, std::string_view key) {
    const auto value = parse_number(require(lines, h, key));
    if (!value || *value < 1 || *value > 10000 || *value != std::floor(*value))
        lines.fail_at(line_of(h, key), "expected " + std::string(key) + " to be a whole number of sensels (1..10000)");
    return static_cast<int>(*value);
}

double require_length_mm(const TextLines& lines, const Header& h, std::string_view key) {
    const auto q = parse_quantity(require(lines, h, key));
    const auto factor = q ? mm_per_unit(q->unit) : std::nullopt;
    if (!q || !factor || q->value <= 0)
        lines.fail_at(line_of(h, key), "expected " + std::string(key) + " as a positive length with a unit (mm, cm, centimeters, inches)");
    return q->value * *factor;
}

}  // namespace

std::vector<ImportedTrial> read_tekscan_ascii(const std::filesystem::path& file, const ImportProgress& progress) {
    TextLines lines(file, progress);
    const Header h = read_header(lines);
    const int rows = require_count(lines, h, "ROWS");
    const int cols = require_count(lines, h, "COLS");
    const double pitch_y = require_length_mm(lines, h, "ROW_SPACING");
    const double pitch_x = require_length_mm(lines, h, "COL_SPACING");
    const std::string& unit = require(lines, h, "UNITS");
    // UNITS raw: uncalibrated sensor counts, kept as they are and flagged (PressureScale::RawCounts).
    const bool raw = equals_nocase(unit, "raw");
    const auto kpa = raw ? std::optional<double>(1.0) : kpa_per_unit(unit);
    if (!kpa)
        lines.fail_at(line_of(h, "UNITS"), "unknown UNITS '" + unit + "' (expected KPa, MPa, PSI, mmHg, N/cm2, bar or raw)");
    const double seconds = require_number(lines, require(lines, h, "SECONDS_PER_FRAME"), "SECONDS_PER_FRAME in seconds");
    if (!(seconds > 0.0 && seconds < 3600.0)) lines.fail_at(line_of(h, "SECONDS_PER_FRAME"), "expected SECONDS_PER_FRAME > 0");

    ImportedTrial trial;
    TrialHeader& th = trial.header;
    th.geometry = PlateGeometry{rows, cols, pitch_x, pitch_y, pitch_x * pitch_y};
    if (const auto it = h.values.find("SENSEL_AREA"); it != h.values.end()) {
        const auto q = parse_quantity(it->second);
        const auto factor = q ? mm2_per_unit(q->unit) : std::nullopt;
        if (!q || !factor || q->value <= 0) lines.fail_at(line_of(h, "SENSEL_AREA"), "expected SENSEL_AREA as a positive area with a unit (mm2, cm2)");
        th.geometry.sensor_area_mm2 = q->value * *factor;
    } else {
        th.assumptions.push_back("no SENSEL_AREA in the export: sensel area taken as ROW_SPACING x COL_SPACING");
    }
    const auto value_of = [&](std::string_view key) {
        const auto it = h.values.find(key);
        return it == h.values.end() ? std::string() : it->second;
    };
    const std::string sensor_type = value_of("SENSOR_TYPE");
    const bool insole = equals_nocase(sensor_type, "FSCAN");
    th.kind = insole ? TrialKind::Walk : TrialKind::Static;
    if (insole) th.layout.coverage = SensorCoverage::Insole;
    th.rate_hz = 1.0 / seconds;
    th.original_unit = raw ? "raw" : unit;
    if (raw) {
        th.pressure_scale = PressureScale::RawCounts;
        th.assumptions.push_back(
            "UNITS raw: the values are the sensor's uncalibrated counts, kept as they are; no calibration was "
            "applied, so they are not pressures and give no kPa or N (contact, shape, timing and centre of pressure "
            "are still valid)");
    }
    th.source = SourceDescription{SourceKind::Import, file.filename().string(),
                                  "Tekscan ASCII export; SENSOR_TYPE " + sensor_type + "; " + value_of("VERSION") +
                                      "; HARDWARE " + value_of("HARDWARE") + "; recorded " + value_of("TIME") +
                                      "; MIRROR_ROW " + value_of("MIRROR_ROW") + ", MIRROR_COL " + value_of("MIRROR_COL")};
    th.assumptions.push_back(insole ? "trial kind 'walk' for an F-Scan insole recording (the export does not say)"
                                    : "trial kind 'static' for a non-insole Tekscan sensor (" + sensor_type + ")");
    th.assumptions.push_back("file rows run along the sensor from the top of the vendor's picture (F-Scan: the toe) and "
                             "are stored in reverse, so y grows towards file row 1 and the print is seen from above; "
                             "file columns become plantar columns (x); MIRROR_ROW/MIRROR_COL are recorded, not applied");

    std::vector<std::uint8_t> present;  // from the first frame; every later frame must agree
    bool any_absent = false;
    std::vector<std::string_view> fields;
    std::int64_t first_number = 0;
    double first_time = 0.0;
    bool ended = false;
    while (auto line = lines.next_nonblank(",")) {
        const std::string_view text = trim(*line);
        if (text == "@@") {
            ended = true;
            break;
        }
        split(text, ',', fields);
        if (!fields[0].starts_with("Frame"))
            lines.fail("expected 'Frame N' (frame " + std::to_string(trial.frames.size() + 1) + ") or '@@', found '" +
                       std::string(text.substr(0, 40)) + "'");
        const double number = require_number(lines, fields[0].substr(5), "a frame number after 'Frame'");
        const auto n = static_cast<std::int64_t>(number);
        if (trial.frames.empty()) first_number = n;
        if (!trial.frames.empty() && n <= first_number + static_cast<std::int64_t>(trial.frames.back().sequence))
            lines.fail("expected frame numbers to increase, found Frame " + std::to_string(n));
        // I-Scan adds the time in seconds (and a date, a raw sum) to the frame line.
        const std::optional<double> parsed_time = fields.size() > 1 ? parse_number(fields[1]) : std::nullopt;
        const bool has_time = parsed_time.has_value();
        const double time_s = parsed_time.value_or(0.0);
        if (trial.frames.empty()) first_time = time_s;
        Frame frame(th.geometry);
        frame.sequence = static_cast<std::uint64_t>(n - first_number);
        const double t = has_time ? time_s - first_time : static_cast<double>(frame.sequence) * seconds;
        frame.device_time_us = std::llround(t * 1e6);
        if (!trial.frames.empty() && frame.device_time_us <= trial.frames.back().device_time_us)
            lines.fail("expected frame times to increase");
        const bool first = present.empty();
        if (first) present.assign(th.geometry.sensor_count(), 1);
        for (int r = 0; r < rows; ++r) {
            const auto row = lines.next();
            if (!row || trim(*row).empty() || trim(*row) == "@@" || row->starts_with("Frame"))
                lines.fail("truncated frame " + std::to_string(n) + ": expected " + std::to_string(rows) + " rows (ROWS), found " +
                           std::to_string(r));
            split(trim(*row), ',', fields);
            if (fields.size() != static_cast<std::size_t>(cols))
                lines.fail("expected " + std::to_string(cols) + " comma-separated values (COLS), found " + std::to_string(fields.size()));
            for (int c = 0; c < cols; ++c) {
                // File row 1 is the top of the picture the vendor's software shows (seen from
                // above, toes up); plantar's y grows with the row index, so the last file row
                // becomes row 0 and the picture keeps its handedness (a left foot stays left).
                const std::size_t i = th.geometry.index(rows - 1 - r, c);
                const std::string_view v = trim(fields[static_cast<std::size_t>(c)]);
                const bool absent = v == "B";
                if (first && absent) {
                    present[i] = 0;
                    any_absent = true;
                } else if (absent != (present[i] == 0)) {
                    lines.fail("the sensel outline ('B' cells) changed at row " + std::to_string(r + 1) + ", column " +
                               std::to_string(c + 1) + " (expected the outline of the first frame)");
                }
                if (absent) continue;
                const double p = require_number(lines, v, raw ? "a sensor count or B" : "a pressure value or B");
                if (p < 0) lines.fail(std::string(raw ? "expected a count >= 0" : "expected a pressure >= 0") + ", found " +
                                      std::string(v));
                frame.pressure_kpa[i] = static_cast<float>(p * *kpa);
            }
        }
        trial.frames.push_back(std::move(frame));
    }
    if (trial.frames.empty()) lines.fail("expected at least one 'Frame N' after 'ASCII_DATA @@'");
    const auto start = parse_number(value_of("START_FRAME"));
    const auto end = parse_number(value_of("END_FRAME"));
    if (start && end && *end >= *start) {
        const auto expected = static_cast<std::size_t>(*end - *start + 1);
        if (trial.frames.size() != expected)
            lines.fail("truncated: the header says frames " + value_of("START_FRAME") + ".." + value_of("END_FRAME") + " (" +
                       std::to_string(expected) + "), the file holds " + std::to_string(trial.frames.size()));
    } else if (!ended) {
        lines.fail("the file ended without the closing '@@' (truncated?) and the header gives no START_FRAME/END_FRAME to check");
    }
    if (any_absent) th.layout.grid_present = std::move(present);
    lines.finish();
    std::vector<ImportedTrial> out;
    out.push_back(std::move(trial));
    return out;
}

}  // namespace plantar::import::detail
