// Novel pedar and pliance .asc: a short header (file name, sensor or mat type, total time, time
// per frame, scanning rate, "pressure values in kPa"), then a table: `time[secs]` and one column
// per sensor, one line per frame. pedar carries two insoles (the "mask definition" lists the
// sensors of the left and the right one, in the order of the columns); pliance is followed by the
// vendor's MPP/MVP lines, a force/COP table and a "sensor"/"corner[cm]" block with the four
// corners of every sensor. Neither is a grid: frames are 1 x N with placed sensors
// (sensor_layout.hpp). docs/import-formats.md, "Novel pedar .asc" and "Novel pliance .asc".
#include <array>
#include <cmath>
#include <string>
#include <vector>

#include "readers.hpp"
#include "text_lines.hpp"

namespace plantar::import::detail {

using namespace textio;  // TextLines and the parsing helpers of the text importers

namespace {

struct AscHeader {
    std::optional<double> dt_s, rate_hz, total_s;
    double unit_to_kpa = 0.0;
    std::string unit, device;  // "kPa"; the sensor or mat type
    std::vector<int> left, right;  // pedar mask definition
    bool has_left = false, has_right = false;
};

std::vector<int> parse_mask(const TextLines& in, std::string_view list) {
    std::vector<int> sensors;
    std::size_t i = 0;
    while (i <= list.size()) {
        std::size_t j = list.find(',', i);
        if (j == std::string_view::npos) j = list.size();
        const auto field = trim(list.substr(i, j - i));
        if (!field.empty()) {
            auto v = parse_number(field);
            if (!v) in.fail("expected sensor numbers separated by commas in the mask definition, found \"" + std::string(field) + "\"");
            sensors.push_back(static_cast<int>(*v));
        }
        i = j + 1;
    }
    return sensors;
}

// Reads the header up to and including the `time[secs]` line; returns the sensor numbers it names.
std::vector<int> read_header(TextLines& in, AscHeader& h, const char* format) {
    std::string_view line;
    while (in.next(line)) {
        const auto t = trim(line);
        if (t.substr(0, 10) == "time[secs]") {
            std::vector<int> sensors;
            const auto fields = split_fields(t);
            for (std::size_t i = 1; i < fields.size(); ++i) {
                auto v = parse_number(fields[i]);
                if (!v) in.fail("expected a sensor number in the column header, found \"" + std::string(fields[i]) + "\"");
                sensors.push_back(static_cast<int>(*v));
            }
            if (sensors.empty()) in.fail("the column header names no sensors");
            if (!h.dt_s || !(*h.dt_s > 0)) in.fail(std::string("the ") + format + " header has no \"time per frame [secs]:\" field");
            if (h.unit_to_kpa == 0.0) in.fail(std::string("the ") + format + " header has no \"pressure values in kPa\" line");
            return sensors;
        }
        if (auto v = number_after(t, "time per frame [secs]:")) h.dt_s = v;
        if (auto v = number_after(t, "scanning rate [Hz]:")) h.rate_hz = v;
        if (auto v = number_after(t, "total time [secs]:")) h.total_s = v;
        if (auto at = t.find("sensor type:"); at != std::string_view::npos) h.device = std::string(trim(t.substr(at + 12)));
        if (t.substr(0, 9) == "mat type ") h.device = std::string(trim(t.substr(9)));
        if (t.substr(0, 18) == "pressure values in") {
            h.unit = std::string(trim(t.substr(18)));
            if (h.unit == "kPa") h.unit_to_kpa = 1.0;
            else if (h.unit == "N/cm2" || h.unit == "N/cm^2" || h.unit == "N/cm\xB2") h.unit_to_kpa = 10.0;
            else in.fail("pressure unit \"" + h.unit + "\" is not one plantar reads (expected kPa or N/cm2)");
        }
        if (t.substr(0, 12) == "left insole:") h.left = parse_mask(in, t.substr(12)), h.has_left = true;
        if (t.substr(0, 13) == "right insole:") h.right = parse_mask(in, t.substr(13)), h.has_right = true;
    }
    in.fail(std::string("the file ends before the \"time[secs]\" column header of a ") + format + " table");
}

struct Table {
    std::vector<std::int64_t> time_us;
    std::vector<std::vector<float>> rows;  // kPa, one per frame, all sensors
};

// Reads frame lines until the end of the file or a line that does not start with a time.
void read_table(TextLines& in, const AscHeader& h, std::size_t sensors, Table& table) {
    std::string_view line;
    while (in.next(line)) {
        const auto fields = split_fields(line);
        if (fields.empty() || !parse_number(fields.front())) {
            if (!table.rows.empty()) return;  // the table ended (pliance: MPP/MVP lines, a blank line)
            if (fields.empty()) continue;
            in.fail("expected a frame line (a time and " + std::to_string(sensors) + " values), found \"" +
                    std::string(trim(line).substr(0, 40)) + "\"");
        }
        if (fields.size() != sensors + 1)
            in.fail("expected " + std::to_string(sensors) + " values after the time, found " + std::to_string(fields.size() - 1));
        const double t = *parse_number(fields.front());
        const auto us = static_cast<std::int64_t>(std::llround(t * 1e6));
        if (!table.time_us.empty() && us <= table.time_us.back())
            in.fail("frame time " + format_number(t) + " s is not after the previous frame's");
        std::vector<float> row(sensors);
        for (std::size_t i = 0; i < sensors; ++i) {
            auto v = parse_number(fields[i + 1]);
            if (!v) in.fail("expected a number for sensor column " + std::to_string(i + 1) + ", found \"" + std::string(fields[i + 1]) + "\"");
            if (*v < 0) in.fail("negative pressure " + format_number(*v) + " for sensor column " + std::to_string(i + 1));
            row[i] = static_cast<float>(*v * h.unit_to_kpa);
        }
        table.time_us.push_back(us);
        table.rows.push_back(std::move(row));
    }
}

ImportedTrial make_trial(const std::filesystem::path& file, const AscHeader& h, const Table& table, std::size_t first,
                         std::size_t count, std::vector<PlacedSensor> sensors) {
    ImportedTrial trial;
    auto& hd = trial.header;
    hd.kind = TrialKind::Walk;
    hd.source.kind = SourceKind::Import;
    hd.source.name = file.filename().string();
    hd.rate_hz = h.rate_hz && *h.rate_hz > 0 ? *h.rate_hz : 1.0 / *h.dt_s;
    hd.original_unit = h.unit;
    hd.geometry.rows = 1;
    hd.geometry.cols = static_cast<int>(count);
    hd.layout.sensors = std::move(sensors);
    for (std::size_t f = 0; f < table.rows.size(); ++f) {
        Frame frame;
        frame.sequence = f;
        frame.device_time_us = table.time_us[f];
        frame.pressure_kpa.assign(table.rows[f].begin() + static_cast<std::ptrdiff_t>(first),
                                  table.rows[f].begin() + static_cast<std::ptrdiff_t>(first + count));
        trial.frames.push_back(std::move(frame));
    }
    return trial;
}

}  // namespace

bool looks_like_pedar_asc(std::string_view head) {
    return head.find("sensor type:") != std::string_view::npos && head.find("time[secs]") != std::string_view::npos &&
           head.find("pressure values in") != std::string_view::npos;
}

std::vector<ImportedTrial> read_pedar_asc(const std::filesystem::path& file, const ImportProgress& progress) {
    TextLines in(file, progress, "expected a pedar header starting \"file name:\"");
    AscHeader h;
    const auto columns = read_header(in, h, "pedar");
    const std::size_t header_line = in.line_number();
    if (!h.has_left && !h.has_right) in.fail("the pedar header has no mask definition (\"left insole:\" / \"right insole:\")");
    std::vector<int> expected = h.left;
    expected.insert(expected.end(), h.right.begin(), h.right.end());
    if (columns != expected)
        in.fail("the column header names " + std::to_string(columns.size()) + " sensors; expected the " +
                std::to_string(h.left.size()) + " left then " + std::to_string(h.right.size()) + " right insole sensors of the mask definition");
    Table table;
    read_table(in, h, columns.size(), table);
    std::string_view line;
    while (in.next(line))
        if (!trim(line).empty()) in.fail("expected only frame lines after the table, found \"" + std::string(trim(line).substr(0, 40)) + "\"");
    if (table.rows.empty()) in.fail_at(header_line, "the pedar table has no frames");
    if (h.total_s) {
        const double last = static_cast<double>(table.time_us.back()) * 1e-6;
        if (std::abs(last - *h.total_s) > *h.dt_s * 0.5)
            in.fail("the file ends at " + format_number(last) + " s but the header says the measurement lasts " +
                    format_number(*h.total_s) + " s (truncated?)");
    }
    std::vector<ImportedTrial> trials;
    std::size_t first = 0;
    for (int side = 0; side < 2; ++side) {
        const auto& mask = side == 0 ? h.left : h.right;
        if (mask.empty()) continue;
        // The sensors' positions and areas are not in the export: the trial is 1 x N placed
        // sensors in pedar sensor order with placeholder centres (1 mm apart along x) and areas
        // (1 mm^2), and layout.geometry_known = false says so, so that nothing computes force,
        // area or COP from them; the assumptions say it in words (docs/import-formats.md).
        std::vector<PlacedSensor> placeholders(mask.size());
        for (std::size_t i = 0; i < placeholders.size(); ++i)
            placeholders[i] = PlacedSensor{static_cast<double>(i), 0.0, 1.0, std::nullopt};
        auto trial = make_trial(file, h, table, first, mask.size(), std::move(placeholders));
        first += mask.size();
        auto& hd = trial.header;
        hd.layout.geometry_known = false;
        hd.layout.coverage = SensorCoverage::Insole;
        hd.geometry.pitch_x_mm = hd.geometry.pitch_y_mm = 1.0;
        hd.geometry.sensor_area_mm2 = 1.0;
        std::string sensors;
        for (int s : mask) sensors += (sensors.empty() ? "" : ",") + std::to_string(s);
        hd.source.details = std::string("Novel pedar .asc; ") + (side == 0 ? "left" : "right") + " insole; sensor type " +
                            h.device + "; pedar sensors " + sensors + "; original unit " + h.unit;
        hd.assumptions = {
            std::string(side == 0 ? "left" : "right") + " insole: the columns listed under \"" + (side == 0 ? "left" : "right") +
                " insole:\" in the mask definition, which come in that order in the table",
            "GEOMETRY UNKNOWN: pedar sensor positions and areas are not in the export; the 1 x " + std::to_string(mask.size()) +
                " frame holds the mask's sensors in the order listed in the source details, and its "
                "1 mm pitch and 1 mm^2 sensor area are placeholders: force, COP and contact area computed from this trial are "
                "NOT physical; pressures are",
        };
        trials.push_back(std::move(trial));
    }
    in.finish();
    return trials;
}

bool looks_like_pliance_asc(std::string_view head) {
    return head.find("mat type") != std::string_view::npos && head.find("time[secs]") != std::string_view::npos &&
           head.find("pressure values in") != std::string_view::npos;
}

std::vector<ImportedTrial> read_pliance_asc(const std::filesystem::path& file, const ImportProgress& progress) {
    TextLines in(file, progress, "expected a pliance header starting \"file name:\"");
    AscHeader h;
    const auto columns = read_header(in, h, "pliance");
    const std::size_t header_line = in.line_number();
    Table table;
    read_table(in, h, columns.size(), table);
    if (table.rows.empty()) in.fail_at(header_line, "the pliance table has no frames");

    // The sensor block: "sensor" + numbers, "corner[cm]", then x[0] y[0] .. x[3] y[3] (x[c], y[c], area).
    std::string_view line;
    bool found = false;
    while (!found && in.next(line)) found = split_fields(line).size() > 0 && split_fields(line).front() == "sensor";
    if (!found) in.fail("the file ends before the \"sensor\" / \"corner\" block with the sensor corners (truncated?)");
    const auto names = split_fields(line);
    if (names.size() != columns.size() + 1) in.fail("expected " + std::to_string(columns.size()) + " sensor numbers as in the table, found " + std::to_string(names.size() - 1));
    if (!in.next(line)) in.fail("the file ends before the \"corner[cm]\" line");
    const auto unit_line = trim(line);
    double to_mm = 0.0;
    if (unit_line == "corner[cm]") to_mm = 10.0;
    else if (unit_line == "corner[mm]") to_mm = 1.0;
    else in.fail("expected \"corner[cm]\" or \"corner[mm]\", found \"" + std::string(unit_line.substr(0, 40)) + "\"");
    const char* keys[] = {"x[0]", "y[0]", "x[1]", "y[1]", "x[2]", "y[2]", "x[3]", "y[3]"};
    std::vector<std::array<double, 8>> corners(columns.size());
    std::vector<double> stated_area;
    for (std::size_t k = 0; k < 9; ++k) {
        if (!in.next(line)) {
            if (k == 8) break;
            in.fail(std::string("the file ends before the \"") + keys[k] + "\" corner line (truncated)");
        }
        auto fields = split_fields(line);
        if (k == 8) {  // optional: x[c], y[c] and area follow; take the area line as a cross-check
            while (!fields.empty() && fields.front() != "area" && in.next(line)) fields = split_fields(line);
            if (fields.empty() || fields.front() != "area") break;
        } else if (fields.empty() || fields.front() != keys[k]) {
            in.fail(std::string("expected the \"") + keys[k] + "\" corner line");
        }
        if (fields.size() != columns.size() + 1)
            in.fail("expected " + std::to_string(columns.size()) + " values after \"" + std::string(fields.front()) + "\", found " + std::to_string(fields.size() - 1));
        for (std::size_t s = 0; s < columns.size(); ++s) {
            auto v = parse_number(fields[s + 1]);
            if (!v) in.fail("expected a number for sensor " + std::to_string(columns[s]) + ", found \"" + std::string(fields[s + 1]) + "\"");
            if (k < 8) corners[s][k] = *v * to_mm;
            else stated_area.push_back(*v * to_mm * to_mm);
        }
    }
    std::vector<PlacedSensor> sensors(columns.size());
    double total_area = 0.0;
    for (std::size_t s = 0; s < columns.size(); ++s) {
        const auto& c = corners[s];
        double twice = 0.0, x = 0.0, y = 0.0;
        for (std::size_t i = 0; i < 4; ++i) {
            const std::size_t j = (i + 1) % 4;
            twice += c[2 * i] * c[2 * j + 1] - c[2 * j] * c[2 * i + 1];
            x += c[2 * i] / 4.0;
            y += c[2 * i + 1] / 4.0;
        }
        const double area = std::abs(twice) / 2.0;
        if (!(area > 0)) in.fail("sensor " + std::to_string(columns[s]) + " has corners enclosing no area");
        if (!stated_area.empty() && std::abs(area - stated_area[s]) > 0.01 * stated_area[s] + 0.5)
            in.fail("sensor " + std::to_string(columns[s]) + ": its corners enclose " + format_number(area) +
                    " mm^2 but the area line says " + format_number(stated_area[s]) + " mm^2");
        sensors[s] = PlacedSensor{x, y, area, c};
        total_area += area;
    }
    auto trial = make_trial(file, h, table, 0, columns.size(), std::move(sensors));
    auto& hd = trial.header;
    hd.geometry.sensor_area_mm2 = total_area / static_cast<double>(columns.size());
    hd.geometry.pitch_x_mm = hd.geometry.pitch_y_mm = std::sqrt(hd.geometry.sensor_area_mm2);
    hd.source.details = "Novel pliance .asc; mat type " + h.device + "; " + std::to_string(columns.size()) +
                        " sensors with corners; original unit " + h.unit;
    hd.assumptions = {
        "sensor centre = mean of its four corners, area = the corners' polygon (shoelace) area; coordinates as the export gives them (x across, y along the mat), cm -> mm",
        "geometry pitch and sensor area are the mean over sensors (nominal); per-sensor areas are in the layout",
        "device time = the export's time column (the exported frames start at " +
            format_number(static_cast<double>(table.time_us.front()) * 1e-6) + " s of the recording)",
    };
    in.finish();
    return {std::move(trial)};
}

}  // namespace plantar::import::detail
