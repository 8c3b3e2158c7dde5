// The input every analysis function shares: where each value of a frame sits on the plate, and
// the frames of one trial. Grids (full or with holes) and sensors without a grid (pliance) are
// one case here: every value index has a centre, an area and a "present" flag, so force, COP and
// contact area are computed the same way for all of them.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include "plantar/capture/frame.hpp"
#include "plantar/capture/frame_sequence.hpp"
#include "plantar/capture/frame_source.hpp"
#include "plantar/capture/sensor_layout.hpp"

namespace plantar::analysis {

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// A point in plate coordinates, mm (x across the plate, y along it; DESIGN.md).
struct Point {
    double x_mm = kNaN;
    double y_mm = kNaN;
    bool valid() const { return std::isfinite(x_mm) && std::isfinite(y_mm); }
    bool operator==(const Point&) const = default;
};

enum class Side { Unknown, Left, Right };
std::string to_string(Side side);  // "unknown", "left", "right"

// Where every value of a frame sits. Built once per trial by SensorMap::make.
struct SensorMap {
    PlateGeometry geometry;
    SensorLayout layout;
    PressureScale scale = PressureScale::Kilopascal;

    // One entry per value index of a frame (rows * cols).
    std::vector<double> x_mm;        // sensor centre
    std::vector<double> y_mm;
    std::vector<double> area_mm2;    // active area
    std::vector<std::uint8_t> present;  // 0: a hole in the grid (never contact, never loaded)

    // The values form a rows x cols image (full grid or grid with holes); false for placed
    // sensors (pliance, pedar), which have positions but no neighbours by index.
    bool is_grid() const { return !layout.has_placed_sensors(); }
    // Positions and areas are real (false for pedar's placeholders).
    bool positions_known() const { return layout.geometry_known; }
    // Values are kPa (false for raw counts).
    bool in_kpa() const { return scale == PressureScale::Kilopascal; }
    // Force in N and pressures in kPa can be reported.
    bool forces_known() const { return in_kpa() && positions_known(); }
    std::size_t size() const { return x_mm.size(); }

    static SensorMap make(const PlateGeometry& geometry, const SensorLayout& layout = {},
                          PressureScale scale = PressureScale::Kilopascal);
};

// One trial's frames and what they are. Frames are in time order; times come from
// Frame::device_time_us (the source's clock), never from the frame index. `frames` is in memory
// (assign a vector or span) or read from a session as needed (SessionFrameSequence); analysis
// reads it in one pass for contacts, then over each contact's frame range.
struct TrialInput {
    SensorMap sensors;
    TrialKind kind = TrialKind::Walk;
    double rate_hz = 0.0;
    FrameSequenceRef frames;
};

// Vertical force of one frame in N (kPa x mm^2 x 1e-3), over present sensors. With raw counts
// this is a sum of counts x mm^2 x 1e-3, useful only as a relative load.
double frame_load(const SensorMap& sensors, const Frame& frame);
// Centre of pressure of one frame over the sensors where mask is non-zero (all present sensors
// when mask is empty); an invalid Point when nothing is loaded.
Point centre_of_pressure(const SensorMap& sensors, const Frame& frame, std::span<const std::uint8_t> mask = {});

}  // namespace plantar::analysis
