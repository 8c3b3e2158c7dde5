// Novel emed .lst: Latin-1 text, one "Page n" per frame. Each page repeats a header (File,
// Matrix, Sensor area, Time/picture, Sensor size, Pict-No.), then a tab-separated header of the
// exported column indices ending "Force", then one line per exported row (row index, one value
// per column, the row force in N) and a "Force" line (column forces, then the total). The export
// is cropped to the rows and columns the foot touched; we keep the crop as the grid. The force
// sums (Force[N] = sum * sensor_area) are checked against the values, which also tells the unit.
// A page is a picture seen from above, first row at the top; plantar's y runs up the picture, so
// the rows are stored last first. docs/import-formats.md, "Novel emed .lst".
#include <cmath>
#include <string>
#include <vector>

#include "readers.hpp"
#include "text_lines.hpp"

namespace plantar::import::detail {

using namespace textio;  // TextLines and the parsing helpers of the text importers

namespace {

struct EmedHeader {
    std::string matrix;                      // "64x95" as written
    std::optional<double> area_cm2, dt_ms;   // Sensor area, Time/picture
    std::optional<double> size_x_cm, size_y_cm;
    std::optional<double> picture;           // Pict-No.
};

void read_header_line(std::string_view line, EmedHeader& h) {
    if (const auto at = line.find("Matrix:"); at != std::string_view::npos) h.matrix = std::string(trim(line.substr(at + 7)));
    if (auto v = number_after(line, "Sensor area:")) h.area_cm2 = v;
    if (auto v = number_after(line, "Time/picture:")) h.dt_ms = v;
    if (auto v = number_after(line, "Pict-No.:")) h.picture = v;
    if (const auto at = line.find("Sensor size:"); at != std::string_view::npos) {
        const std::string_view rest = trim(line.substr(at + 12));
        const auto x = rest.find('x');
        if (x != std::string_view::npos) {
            h.size_x_cm = parse_number(trim(rest.substr(0, x)));
            auto second = rest.substr(x + 1);
            h.size_y_cm = number_after(second, "");
        }
    }
}

bool is_page_line(std::string_view line) {
    const auto t = trim(line);
    return t.substr(0, 5) == "Page " && parse_number(trim(t.substr(5))).has_value();
}

}  // namespace

bool looks_like_emed_lst(std::string_view head) {
    return head.find("Pict-No.:") != std::string_view::npos && head.find("Time/picture:") != std::string_view::npos &&
           head.find("Sensor area:") != std::string_view::npos && head.find("Page") != std::string_view::npos;
}

std::vector<ImportedTrial> read_emed_lst(const std::filesystem::path& file, const ImportProgress& progress) {
    TextLines in(file, progress, "expected emed pages starting with \"Page 1\"");

    std::vector<int> cols, rows;       // exported emed column and row indices (from the first page)
    EmedHeader first, page;
    ImportedTrial trial;
    std::vector<float> values;         // the page being read, rows x cols
    std::vector<double> col_sums;
    std::optional<double> last_picture;
    std::size_t page_line = 0, rows_read = 0;
    double unit_to_kpa = 0.0;          // 1 for kPa, 10 for N/cm^2; decided by the first loaded page
    enum class State { Outside, Header, Rows } state = State::Outside;
    const auto where = [&] { return "page starting at line " + std::to_string(page_line); };

    const auto check_force = [&](double stated, double sum_values, const std::string& what) {
        // Force[N] = sum * area: sum in kPa -> sum * area_cm2 * 0.1 N; in N/cm^2 -> sum * area_cm2 N.
        const double area = *first.area_cm2;
        if (unit_to_kpa == 0.0 && std::abs(stated) > 0.05) {
            if (std::abs(sum_values * area * 0.1 - stated) <= 0.011 + 1e-4 * std::abs(stated)) unit_to_kpa = 1.0;
            else if (std::abs(sum_values * area - stated) <= 0.011 + 1e-4 * std::abs(stated)) unit_to_kpa = 10.0;
        }
        const double per_unit = unit_to_kpa == 10.0 ? area : area * 0.1;
        const double expected = sum_values * per_unit;
        if (std::abs(expected - stated) > 0.011 + 1e-4 * std::abs(stated))
            in.fail(what + " force " + format_number(stated) + " N disagrees with its values (sum * sensor area = " +
                    format_number(expected) + " N with the values in " + (unit_to_kpa == 10.0 ? "N/cm^2" : "kPa") + ")");
    };

    std::string_view line;
    while (in.next(line)) {
        if (is_page_line(line)) {
            if (state != State::Outside) in.fail("a new page begins but the " + where() + " is incomplete (expected its rows and a \"Force\" line)");
            state = State::Header;
            page = EmedHeader{};
            page_line = in.line_number();
            continue;
        }
        const auto t = trim(line);
        if (t.empty()) continue;
        if (state == State::Outside) in.fail("expected \"Page n\" to begin an emed page, found \"" + std::string(t.substr(0, 40)) + "\"");
        auto fields = split_fields(t);
        if (state == State::Header) {
            if (fields.back() != "Force" || !parse_number(fields.front())) {
                read_header_line(line, page);
                continue;
            }
            // The column header: the exported column indices, then "Force".
            for (const auto* need : {"Matrix", "Sensor area", "Time/picture", "Sensor size", "Pict-No."}) {
                const std::string n = need;
                const bool missing = (n == "Matrix" && page.matrix.empty()) || (n == "Sensor area" && !page.area_cm2) ||
                                     (n == "Time/picture" && !page.dt_ms) || (n == "Sensor size" && !page.size_y_cm) ||
                                     (n == "Pict-No." && !page.picture);
                if (missing) in.fail("the header of the " + where() + " has no \"" + n + ":\" field");
            }
            std::vector<int> page_cols;
            for (std::size_t i = 0; i + 1 < fields.size(); ++i) {
                auto v = parse_number(fields[i]);
                if (!v) in.fail("expected a column index, found \"" + std::string(fields[i]) + "\"");
                page_cols.push_back(static_cast<int>(*v));
            }
            if (!trial.frames.empty() && !(*page.picture > *last_picture))
                in.fail("Pict-No. " + format_number(*page.picture) + " does not follow Pict-No. " + format_number(*last_picture));
            last_picture = page.picture;
            if (trial.frames.empty()) {
                first = page;
                cols = page_cols;
                if (!(*first.area_cm2 > 0) || !(*first.dt_ms > 0) || !(*first.size_x_cm > 0) || !(*first.size_y_cm > 0))
                    in.fail("sensor area, sensor size and time per picture must be positive");
            } else if (page_cols != cols || page.matrix != first.matrix || *page.area_cm2 != *first.area_cm2 ||
                       *page.dt_ms != *first.dt_ms) {
                in.fail("the " + where() + " has other columns, matrix, sensor area or time per picture than page 1");
            }
            values.clear();
            col_sums.assign(cols.size(), 0.0);
            rows_read = 0;
            state = State::Rows;
            continue;
        }
        // State::Rows: a row of values, or the closing "Force" line.
        const bool force_line = fields.front() == "Force";
        if (fields.size() != cols.size() + 2) {
            in.fail("expected " + std::to_string(cols.size() + 1) + " values after the " +
                    (force_line ? std::string("\"Force\" label") : std::string("row index")) + " (" +
                    std::to_string(cols.size()) + (force_line ? " column forces and the total" : " pressures and the row force") +
                    "), found " + std::to_string(fields.size() - 1));
        }
        std::vector<double> numbers;
        for (std::size_t i = 1; i < fields.size(); ++i) {
            auto v = parse_number(fields[i]);
            if (!v) in.fail("expected a number in column " + std::to_string(i + 1) + ", found \"" + std::string(fields[i]) + "\"");
            numbers.push_back(*v);
        }
        if (!force_line) {
            auto index = parse_number(fields.front());
            if (!index) in.fail("expected a row index or \"Force\", found \"" + std::string(fields.front()) + "\"");
            const int row = static_cast<int>(*index);
            if (trial.frames.empty()) rows.push_back(row);
            else if (rows_read >= rows.size() || rows[rows_read] != row)
                in.fail("expected row " + (rows_read < rows.size() ? std::to_string(rows[rows_read]) : std::string("\"Force\"")) +
                        " as on page 1, found row " + std::to_string(row));
            double sum = 0.0;
            for (std::size_t c = 0; c < cols.size(); ++c) {
                if (numbers[c] < 0) in.fail("negative pressure " + format_number(numbers[c]));
                sum += numbers[c];
                col_sums[c] += numbers[c];
                values.push_back(static_cast<float>(numbers[c]));
            }
            if (unit_to_kpa != 0.0 || numbers.back() != 0.0) check_force(numbers.back(), sum, "row " + std::to_string(row));
            ++rows_read;
            continue;
        }
        if (!trial.frames.empty() && rows_read != rows.size())
            in.fail("the " + where() + " has " + std::to_string(rows_read) + " rows, page 1 has " + std::to_string(rows.size()));
        if (rows_read == 0) in.fail("the " + where() + " has no rows before its \"Force\" line");
        double total = 0.0;
        for (std::size_t c = 0; c < cols.size(); ++c) {
            check_force(numbers[c], col_sums[c], "column " + std::to_string(cols[c]));
            total += col_sums[c];
        }
        check_force(numbers.back(), total, "total");
        Frame frame;
        frame.sequence = trial.frames.size();
        frame.device_time_us = static_cast<std::int64_t>(std::llround((*page.picture - 1.0) * *first.dt_ms * 1000.0));
        // The page's first row is the top of the emed picture (seen from above: the sample's
        // toes); plantar's y grows up the picture, so the last row read becomes plantar row 0.
        // Read in file order the print would be mirrored: a right foot would look like a left one.
        frame.pressure_kpa.reserve(values.size());
        for (std::size_t r = rows_read; r-- > 0;)
            frame.pressure_kpa.insert(frame.pressure_kpa.end(), values.begin() + static_cast<std::ptrdiff_t>(r * cols.size()),
                                      values.begin() + static_cast<std::ptrdiff_t>((r + 1) * cols.size()));
        values.clear();
        trial.frames.push_back(std::move(frame));
        state = State::Outside;
    }
    if (state != State::Outside)
        in.fail("the file ends inside the " + where() + " (truncated: expected its rows and a \"Force\" line)");
    if (trial.frames.empty()) in.fail("no emed page found (expected \"Page 1\", a header and a matrix)");
    if (unit_to_kpa == 0.0) unit_to_kpa = 1.0;  // every force 0: the unit cannot matter
    for (auto& f : trial.frames)
        for (auto& p : f.pressure_kpa) p = static_cast<float>(static_cast<double>(p) * unit_to_kpa);

    auto& h = trial.header;
    h.kind = TrialKind::Step;
    // The export keeps the part of the plate around one foot's roll-off: its edge is not the plate's.
    h.layout.coverage = SensorCoverage::FootCrop;
    h.source.kind = SourceKind::Import;
    h.source.name = file.filename().string();
    h.geometry.rows = static_cast<int>(rows.size());
    h.geometry.cols = static_cast<int>(cols.size());
    h.geometry.pitch_x_mm = *first.size_x_cm * 10.0;
    h.geometry.pitch_y_mm = *first.size_y_cm * 10.0;
    h.geometry.sensor_area_mm2 = *first.area_cm2 * 100.0;
    h.rate_hz = 1000.0 / *first.dt_ms;
    h.original_unit = unit_to_kpa == 1.0 ? "kPa" : "N/cm^2";
    h.source.details = "Novel emed .lst; matrix " + first.matrix + "; exported rows " + std::to_string(rows.front()) + "-" +
                       std::to_string(rows.back()) + ", columns " + std::to_string(cols.front()) + "-" +
                       std::to_string(cols.back()) + "; original unit " + h.original_unit;
    h.assumptions = {
        "unit " + h.original_unit + " inferred from the page force sums (Force[N] = sum * sensor area); the export does not name it",
        "grid = the exported crop only: plantar row 0 is emed row " + std::to_string(rows.back()) + ", column 0 is emed column " +
            std::to_string(cols.front()) + " of the " + first.matrix + " (columns x rows) matrix",
        "each page is the emed picture seen from above, its first row at the top: emed rows run along the plate (y) and are "
        "stored in reverse, so y grows toward the picture's top (emed row " + std::to_string(rows.front()) +
            "); emed columns become plantar columns (x), growing to the picture's right; the file states no orientation",
    };
    in.finish();
    return {std::move(trial)};
}

}  // namespace plantar::import::detail
