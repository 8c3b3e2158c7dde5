#include "stuck_lines.hpp"

#include <sstream>

namespace plantar::sim::detail {

namespace {

int line_length(const StuckLine& line, const PlateGeometry& plate) { return line.column ? plate.rows : plate.cols; }

std::size_t sensor_index(const StuckLine& line, const PlateGeometry& plate, int along) {
    return line.column ? plate.index(along, line.index) : plate.index(line.index, along);
}

bool any_load_on(const StuckLine& line, const PlateGeometry& plate, const std::vector<float>& readings) {
    for (int along = 0; along < line_length(line, plate); ++along)
        if (readings[sensor_index(line, plate, along)] > 0.0f) return true;
    return false;
}

}  // namespace

std::string stuck_line_validation_error(const StuckLine& line, const PlateGeometry& plate, double full_scale_kpa) {
    std::ostringstream problem;
    const char* kind = line.column ? "column" : "row";
    const int lines = line.column ? plate.cols : plate.rows;
    const int length = line_length(line, plate);
    if (line.index < 0 || line.index >= lines)
        problem << "stuck " << kind << " " << line.index << " is off the plate (" << kind << "s 0 .. " << lines - 1
                << ")";
    else if (line.first < 0 || line.first >= length)
        problem << "stuck " << kind << " " << line.index << ": first sensor " << line.first << " is off the line (0 .. "
                << length - 1 << ")";
    else if (line.last != -1 && (line.last < line.first || line.last >= length))
        problem << "stuck " << kind << " " << line.index << ": last sensor " << line.last
                << " must be -1 (to the end) or " << line.first << " .. " << length - 1;
    else if (!(line.kpa > 0.0 && line.kpa <= full_scale_kpa))
        problem << "stuck " << kind << " " << line.index << " must read more than 0 and at most full scale ("
                << full_scale_kpa << " kPa; got " << line.kpa << " kPa)";
    return problem.str();
}

void apply_stuck_lines(const std::vector<StuckLine>& lines, const PlateGeometry& plate, std::vector<float>& readings) {
    if (lines.empty()) return;
    // Decide every line's state before any is written, so that one stuck line crossing another
    // does not light it.
    std::vector<bool> lit;
    lit.reserve(lines.size());
    for (const StuckLine& line : lines) lit.push_back(!line.only_when_loaded || any_load_on(line, plate, readings));
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (!lit[i]) continue;
        const StuckLine& line = lines[i];
        const int last = line.last < 0 ? line_length(line, plate) - 1 : line.last;
        for (int along = line.first; along <= last; ++along)
            readings[sensor_index(line, plate, along)] = static_cast<float>(line.kpa);
    }
}

}  // namespace plantar::sim::detail
