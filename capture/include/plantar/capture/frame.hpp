// The one frame model every part of plantar speaks: a grid of pressures in kPa with its
// timing, and the plate geometry that gives the grid physical size.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace plantar {

// A rectangular sensor grid. Rows run along the plate (y), columns across it (x); sensor
// (row 0, col 0) sits at the origin corner and positions are sensor centres in mm.
struct PlateGeometry {
    int rows = 0;
    int cols = 0;
    double pitch_x_mm = 0.0;  // centre-to-centre distance across the plate (between columns)
    double pitch_y_mm = 0.0;  // centre-to-centre distance along the plate (between rows)
    double sensor_area_mm2 = 0.0;  // active area of one sensor; may be less than pitch_x*pitch_y

    std::size_t sensor_count() const { return static_cast<std::size_t>(rows) * static_cast<std::size_t>(cols); }
    double width_mm() const { return cols * pitch_x_mm; }    // extent across the plate
    double length_mm() const { return rows * pitch_y_mm; }   // extent along the plate
    double x_mm(int col) const { return col * pitch_x_mm; }
    double y_mm(int row) const { return row * pitch_y_mm; }
    std::size_t index(int row, int col) const {
        return static_cast<std::size_t>(row) * static_cast<std::size_t>(cols) + static_cast<std::size_t>(col);
    }

    // Empty string when usable, otherwise what is wrong in words a person can act on.
    std::string validation_error() const;
    bool operator==(const PlateGeometry&) const = default;

    // About a 0.5 m clinical plate: 64 x 64 sensors at 7.8 mm pitch.
    static PlateGeometry clinical_plate();
    // About a 2 m walkway: 256 rows along x 64 columns across at 7.8 mm pitch.
    static PlateGeometry walkway();
};

// What the numbers in a frame are. Plates, the simulator and nearly every import give kPa. An
// export of uncalibrated sensor counts (Tekscan `UNITS raw`) is kept as it was and flagged, not
// refused: contact, shape, timing and a centre of pressure do not need a calibration, while
// pressures and forces in physical units do, and analysis reports those as unavailable.
enum class PressureScale { Kilopascal, RawCounts };
std::string to_string(PressureScale scale);  // "kPa", "raw"

// One sample of the whole plate. `pressure_kpa` holds kPa unless the trial says its scale is
// PressureScale::RawCounts.
struct Frame {
    std::uint64_t sequence = 0;         // as counted by the source; gaps mean lost frames
    std::int64_t device_time_us = 0;    // the source's clock, microseconds since its start
    std::int64_t host_time_ns = 0;      // steady-clock nanoseconds when the host received it
    std::vector<float> pressure_kpa;    // rows * cols, row-major

    Frame() = default;
    explicit Frame(const PlateGeometry& geometry) : pressure_kpa(geometry.sensor_count(), 0.0f) {}

    float at(const PlateGeometry& geometry, int row, int col) const { return pressure_kpa[geometry.index(row, col)]; }
    std::span<const float> row(const PlateGeometry& geometry, int r) const {
        return std::span<const float>(pressure_kpa).subspan(geometry.index(r, 0), static_cast<std::size_t>(geometry.cols));
    }
    bool operator==(const Frame&) const = default;
};

// Vertical force in newtons of a frame: sum of pressure x sensor area (kPa * mm^2 = 1e-3 N).
double total_force_n(const PlateGeometry& geometry, const Frame& frame);

// Steady-clock now in nanoseconds, the host time base of Frame::host_time_ns.
std::int64_t host_now_ns();

}  // namespace plantar
