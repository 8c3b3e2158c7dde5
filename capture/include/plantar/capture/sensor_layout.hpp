// Where the sensors of a source sit when they are not simply every cell of a grid.
//
// Two cases, both carried beside the frames (in TrialHeader and in the session file):
//  - a grid with holes: a Tekscan insole's 'B' cells or an XSENSOR outline have no sensor at
//    all, which is not the same as a sensor reading 0. `grid_present` marks the cells that
//    have one; frames hold 0 in the others, and force, area and COP must skip them.
//  - sensors without a grid: a pedar insole or a pliance mat has N sensors of their own shapes.
//    The frame then holds one value per sensor, the PlateGeometry is 1 row x N columns, and
//    `sensors` gives each one's centre, area and (when the export has them) corners, so force
//    (sum of kPa x area) and COP (area-weighted centroid) are still exact.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace plantar {

struct PlacedSensor {
    double x_mm = 0.0;  // centre, in the source's own coordinates (x across, y along the foot/plate)
    double y_mm = 0.0;
    double area_mm2 = 0.0;
    // The four corners (x1, y1, ..., x4, y4) in mm, when the export gives them (pliance).
    std::optional<std::array<double, 8>> corners_mm;
    bool operator==(const PlacedSensor&) const = default;
};

enum class SensorCoverage : std::uint8_t { Plate, Insole, FootCrop, Treadmill };
std::string to_string(SensorCoverage coverage);  // "plate", "insole", "foot-crop", "treadmill"
std::optional<SensorCoverage> sensor_coverage_from_string(const std::string& text);

struct SensorLayout {
    std::vector<std::uint8_t> grid_present;  // empty, or rows * cols flags: 1 = a sensor is there
    std::vector<PlacedSensor> sensors;       // empty, or one per value of a 1 x N frame
    // False when the export gives no sensor positions or areas (a pedar insole) and `sensors`
    // holds placeholders: the order of the values is known, their places are not, so force,
    // contact area and COP cannot be computed. Analysis must check this before using positions.
    bool geometry_known = true;
    // What the sensors cover. On a plate feet come and go, and a print on the outermost sensors
    // is cut by the plate's edge. An insole (F-Scan, XSENSOR, pedar) is worn: one foot, whose
    // outline it takes, so a print reaching its outermost sensors is whole and every stance falls
    // on the same sensors. A foot crop (emed, footscan roll-off exports) is the part of a plate the
    // export kept around one foot: one foot, and the crop's edge is not the plate's. A treadmill
    // (Zebris FDM-T) is a plate under a moving belt: each print travels backwards during its
    // stance, so prints are not still as on a plate.
    SensorCoverage coverage = SensorCoverage::Plate;
    // Everything loaded belongs to one foot (an insole or a foot crop).
    bool one_foot() const { return coverage == SensorCoverage::Insole || coverage == SensorCoverage::FootCrop; }

    bool is_full_grid() const { return grid_present.empty() && sensors.empty(); }
    bool has_placed_sensors() const { return !sensors.empty(); }
    bool operator==(const SensorLayout&) const = default;
};

}  // namespace plantar
