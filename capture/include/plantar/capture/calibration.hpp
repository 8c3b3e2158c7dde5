// Conversion from a plate's raw sensor counts to kPa. Real resistive and capacitive sensors are
// not linear, so the curve is a monotonic piecewise-linear table (counts -> kPa) shared by all
// sensors, with an optional per-sensor gain for equalisation.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "plantar/capture/frame.hpp"

namespace plantar {

struct CalibrationPoint {
    double counts = 0.0;
    double kpa = 0.0;
    bool operator==(const CalibrationPoint&) const = default;
};

class Calibration {
public:
    // A straight line through (0 counts, 0 kPa) and (max_counts, full_scale_kpa).
    static Calibration linear(std::uint32_t max_counts, double full_scale_kpa);

    // Points must be at least two, with strictly increasing counts and non-decreasing kPa;
    // sensor_gain is empty (all 1) or one gain per sensor. Throws InvalidArgument otherwise.
    Calibration(std::vector<CalibrationPoint> curve, std::vector<float> sensor_gain = {});

    // Counts above the last point saturate at its kPa; counts below the first give its kPa.
    double to_kpa(double counts, std::size_t sensor) const;
    // The inverse of the shared curve (no per-sensor gain), clamped to [first, last] counts;
    // used by the simulator to play the plate's ADC.
    double to_counts(double kpa) const;
    // Converts a whole frame of counts; out.size() must equal counts.size().
    void apply(std::span<const std::uint16_t> counts, std::span<float> out_kpa) const;

    double full_scale_kpa() const { return curve_.back().kpa; }
    double max_counts() const { return curve_.back().counts; }
    const std::vector<CalibrationPoint>& curve() const { return curve_; }
    const std::vector<float>& sensor_gain() const { return sensor_gain_; }
    bool operator==(const Calibration&) const = default;

private:
    std::vector<CalibrationPoint> curve_;
    std::vector<float> sensor_gain_;
};

}  // namespace plantar
