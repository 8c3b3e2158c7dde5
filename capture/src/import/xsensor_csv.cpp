// XSENSOR .csv exports (Foot & Gait insoles): a file header (File, Units, Threshold), then per
// `FRAME,n` a Date and a Time line and, per insole, a `SENSOR,<model>-LF|RF ...` block of
// statistics (Rows, Columns, Sensel Width/Height, pressures, Est. Load, ...) ending in `SENSELS`
// and Rows lines of Columns values; then `GROUP` blocks (the vendor's regions), ignored.
// Comma-only blank lines are everywhere. Each insole becomes one trial. docs/import-formats.md,
// "XSENSOR .csv", has the details.
#include <array>
#include <cmath>

#include "readers.hpp"
#include "text_lines.hpp"

namespace plantar::import::detail {

using namespace textio;  // TextLines and the parsing helpers of the text importers

bool looks_like_xsensor_csv(std::string_view head) {
    return head.find("\nFRAME,") != std::string_view::npos && head.find("\nSENSOR,") != std::string_view::npos &&
           head.find("\nSENSELS") != std::string_view::npos;
}

namespace {

struct Insole {
    std::string name;  // the SENSOR line's model and side
    ImportedTrial trial;
    std::int64_t first_frame_number = 0;
    std::int64_t last_frame_number = -1;
};

// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

// "2022 Aug 16" -> days since 1970.
std::int64_t parse_date(const TextLines& lines, std::string_view text) {
    static constexpr std::array<std::string_view, 12> kMonths{"jan", "feb", "mar", "apr", "may", "jun",
                                                              "jul", "aug", "sep", "oct", "nov", "dec"};
    std::vector<std::string_view> parts;
    split(trim(text), ' ', parts);
    if (parts.size() == 3)
        for (unsigned m = 0; m < 12; ++m)
            if (starts_with_nocase(parts[1], kMonths[m])) {
                const auto y = parse_number(parts[0]);
                const auto d = parse_number(parts[2]);
                if (y && d && *d >= 1 && *d <= 31) return days_from_civil(static_cast<std::int64_t>(*y), m + 1, static_cast<unsigned>(*d));
            }
    lines.fail("expected a date like '2022 Aug 16', found '" + std::string(trim(text).substr(0, 40)) + "'");
}

// "08:21:17.982" -> microseconds since midnight.
std::int64_t parse_time_of_day(const TextLines& lines, std::string_view text) {
    std::vector<std::string_view> parts;
    split(trim(text), ':', parts);
    if (parts.size() == 3) {
        const auto h = parse_number(parts[0]);
        const auto m = parse_number(parts[1]);
        const auto s = parse_number(parts[2]);
        if (h && m && s && *h >= 0 && *h < 24 && *m >= 0 && *m < 60 && *s >= 0 && *s < 61)
            return std::llround(((*h * 60.0 + *m) * 60.0 + *s) * 1e6);
    }
    lines.fail("expected a time like '08:21:17.982', found '" + std::string(trim(text).substr(0, 40)) + "'");
}

}  // namespace

std::vector<ImportedTrial> read_xsensor_csv(const std::filesystem::path& file, const ImportProgress& progress) {
    TextLines lines(file, progress);
    std::vector<std::string_view> f;
    std::string unit;
    std::size_t unit_line = 0;
    std::vector<Insole> insoles;
    std::optional<std::int64_t> frame_number, day, first_time_us;
    std::int64_t frame_time_us = 0;
    bool have_time = false;
    Insole* current = nullptr;  // the SENSOR block being read
    int rows = 0, cols = 0;
    double width_mm = 0.0, height_mm = 0.0;
    std::size_t frames_begun = 0;

    const auto check_frame_complete = [&]() {
        for (const auto& s : insoles)
            if (s.last_frame_number != *frame_number)
                lines.fail("truncated: FRAME " + std::to_string(*frame_number) + " has no SENSELS matrix for " + s.name);
    };
    while (auto line = lines.next_nonblank(",")) {
        split(*line, ',', f);
        const std::string_view key = trim(f[0]);
        const std::string_view value = f.size() > 1 ? trim(f[1]) : std::string_view();
        if (key == "Units:") {
            unit = std::string(value);
            unit_line = lines.line_number();
        } else if (key == "FRAME") {
            if (unit.empty()) lines.fail("expected a 'Units:' line before the first FRAME");
            if (frame_number) check_frame_complete();
            const auto n = static_cast<std::int64_t>(require_number(lines, value, "a frame number after FRAME"));
            if (frame_number && n <= *frame_number) lines.fail("expected FRAME numbers to increase, found " + std::to_string(n));
            frame_number = n;
            ++frames_begun;
            have_time = false;
            current = nullptr;
        } else if (key == "Date") {
            day = parse_date(lines, value);
        } else if (key == "Time") {
            if (!day) lines.fail("expected a Date line before Time");
            frame_time_us = *day * 86'400'000'000LL + parse_time_of_day(lines, value);
            if (!first_time_us) first_time_us = frame_time_us;
            have_time = true;
        } else if (key == "SENSOR") {
            if (!frame_number || !have_time) lines.fail("expected FRAME, Date and Time lines before SENSOR");
            current = nullptr;
            for (auto& s : insoles)
                if (s.name == value) current = &s;
            if (!current) {
                if (frames_begun > 1) lines.fail("SENSOR '" + std::string(value) + "' appears only from FRAME " + std::to_string(*frame_number));
                insoles.push_back(Insole{std::string(value), {}, 0, -1});
                current = &insoles.back();
            }
            rows = cols = 0;
            width_mm = height_mm = 0.0;
        } else if (key == "GROUP") {
            current = nullptr;  // the vendor's regional statistics: not ours to import
        } else if (current == nullptr) {
            continue;  // statistics of a GROUP block, or the file header
        } else if (key == "Rows" || key == "Columns") {
            const double v = require_number(lines, value, "a count after " + std::string(key));
            if (v < 1 || v > 10000 || v != std::floor(v)) lines.fail("expected " + std::string(key) + " to be a whole number 1..10000");
            (key == "Rows" ? rows : cols) = static_cast<int>(v);
        } else if (key.starts_with("Sensel Width") || key.starts_with("Sensel Height")) {
            const auto open = key.find('('), close = key.find(')');
            const auto mm = open != std::string_view::npos && close > open ? mm_per_unit(key.substr(open + 1, close - open - 1)) : std::nullopt;
            if (!mm) lines.fail("expected '" + std::string(key.substr(0, 13)) + " (cm)' or (mm), found '" + std::string(key) + "'");
            const double v = require_number(lines, value, "a sensel size") * *mm;
            if (!(v > 0.0)) lines.fail("expected a positive sensel size");
            (key.starts_with("Sensel Width") ? width_mm : height_mm) = v;
        } else if (key == "SENSELS") {
            if (rows == 0 || cols == 0) lines.fail("expected Rows and Columns lines before SENSELS for " + current->name);
            if (width_mm == 0.0 || height_mm == 0.0) lines.fail("expected Sensel Width and Sensel Height before SENSELS for " + current->name);
            if (current->last_frame_number == *frame_number) lines.fail("a second SENSELS matrix for " + current->name + " in FRAME " + std::to_string(*frame_number));
            ImportedTrial& t = current->trial;
            const PlateGeometry g{rows, cols, width_mm, height_mm, width_mm * height_mm};
            if (t.frames.empty()) {
                const auto kpa = kpa_per_unit(unit);
                if (!kpa) lines.fail_at(unit_line, "unknown Units '" + unit + "' (expected mmHg, kPa, PSI or N/cm2)");
                t.header.geometry = g;
                t.header.original_unit = unit;
            } else if (!(g == t.header.geometry)) {
                lines.fail("the sensor size of " + current->name + " changed (expected the first frame's Rows, Columns and sensel size)");
            }
            const double kpa = *kpa_per_unit(unit);
            Frame frame(g);
            if (t.frames.empty()) current->first_frame_number = *frame_number;
            frame.sequence = static_cast<std::uint64_t>(*frame_number - current->first_frame_number);
            frame.device_time_us = frame_time_us - *first_time_us;
            if (!t.frames.empty() && frame.device_time_us <= t.frames.back().device_time_us)
                lines.fail("expected the frame times to increase (FRAME " + std::to_string(*frame_number) + ")");
            for (int r = 0; r < rows; ++r) {
                const auto row = lines.next_nonblank(",");
                if (!row) lines.fail("truncated: the file ended in the SENSELS matrix of " + current->name + ", FRAME " + std::to_string(*frame_number));
                split(*row, ',', f);
                if (f.size() < static_cast<std::size_t>(cols) || !parse_number(f[0]))
                    lines.fail("expected row " + std::to_string(r + 1) + " of " + std::to_string(rows) + " (Rows) of the SENSELS matrix of " + current->name + ", found '" +
                               std::string(trim(*row).substr(0, 40)) + "'");
                for (std::size_t c = static_cast<std::size_t>(cols); c < f.size(); ++c)
                    if (!trim(f[c]).empty())
                        lines.fail("expected " + std::to_string(cols) + " values (Columns) in a SENSELS row, found more");
                for (int c = 0; c < cols; ++c) {
                    const std::string_view v = f[static_cast<std::size_t>(c)];
                    if (trim(v).empty()) lines.fail("expected " + std::to_string(cols) + " values (Columns) in a SENSELS row, found " + std::to_string(c));
                    const double p = require_number(lines, v, "a pressure value");
                    if (p < 0) lines.fail("expected a pressure >= 0, found " + std::string(trim(v)));
                    // Row 1 is the top of the vendor's picture (seen from above, toes up); plantar's
                    // y grows with the row index, so rows are stored in reverse to keep a left
                    // insole's print a left foot.
                    frame.pressure_kpa[g.index(rows - 1 - r, c)] = static_cast<float>(p * kpa);
                }
            }
            t.frames.push_back(std::move(frame));
            current->last_frame_number = *frame_number;
            current = nullptr;
        }
    }
    if (insoles.empty()) lines.fail("expected FRAME blocks with SENSOR and SENSELS matrices (an XSENSOR .csv export)");
    check_frame_complete();
    std::vector<ImportedTrial> out;
    for (auto& s : insoles) {
        TrialHeader& th = s.trial.header;
        const bool left = s.name.find("-LF") != std::string::npos, right = s.name.find("-RF") != std::string::npos;
        const std::string side = left ? "left" : right ? "right" : "unknown side";
        th.kind = TrialKind::Walk;
        th.layout.coverage = SensorCoverage::Insole;
        const auto& fr = s.trial.frames;
        const double span_s = static_cast<double>(fr.back().device_time_us - fr.front().device_time_us) * 1e-6;
        th.rate_hz = fr.size() > 1 && span_s > 0 ? static_cast<double>(fr.size() - 1) / span_s : 0.0;
        if (th.rate_hz <= 0) lines.fail("cannot tell the frame rate: a single frame, or every frame at the same time");
        th.source = SourceDescription{SourceKind::Import, file.filename().string(), "XSENSOR .csv export; " + side + " insole (SENSOR " + s.name + ")"};
        th.notes = side + " insole";
        th.assumptions.push_back("frame rate " + std::to_string(th.rate_hz) + " Hz from the mean interval of the Date/Time lines (the export states no rate)");
        th.assumptions.push_back("file rows run along the insole from the top of the vendor's picture (the toe) and are stored in reverse, so y "
                                 "grows towards file row 1 and the print is seen from above; file columns become plantar columns (x)");
        th.assumptions.push_back("the export has no insole outline: every cell of the matrix is treated as a sensel");
        th.assumptions.push_back("trial kind 'walk' (the export does not say)");
        out.push_back(std::move(s.trial));
    }
    lines.finish();
    return out;
}

}  // namespace plantar::import::detail
