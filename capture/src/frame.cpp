#include "plantar/capture/frame.hpp"
#include "plantar/capture/sensor_layout.hpp"

#include <chrono>
#include <cmath>

namespace plantar {

std::string PlateGeometry::validation_error() const {
    if (rows <= 0 || cols <= 0) return "plate geometry needs at least one row and one column (got " +
                                       std::to_string(rows) + " x " + std::to_string(cols) + ")";
    if (rows > 4096 || cols > 4096) return "plate geometry of " + std::to_string(rows) + " x " + std::to_string(cols) +
                                           " sensors is larger than plantar supports (4096 x 4096)";
    if (!(pitch_x_mm > 0.0) || !(pitch_y_mm > 0.0) || !std::isfinite(pitch_x_mm) || !std::isfinite(pitch_y_mm))
        return "sensor pitch must be a positive number of mm";
    if (!(sensor_area_mm2 > 0.0) || !std::isfinite(sensor_area_mm2)) return "sensor area must be a positive number of mm^2";
    return {};
}

PlateGeometry PlateGeometry::clinical_plate() {
    return PlateGeometry{64, 64, 7.8, 7.8, 7.8 * 7.8};
}

PlateGeometry PlateGeometry::walkway() {
    return PlateGeometry{256, 64, 7.8, 7.8, 7.8 * 7.8};
}

std::string to_string(SensorCoverage coverage) {
    switch (coverage) {
        case SensorCoverage::Insole: return "insole";
        case SensorCoverage::FootCrop: return "foot-crop";
        case SensorCoverage::Treadmill: return "treadmill";
        case SensorCoverage::Plate: break;
    }
    return "plate";
}

std::optional<SensorCoverage> sensor_coverage_from_string(const std::string& text) {
    if (text == "plate") return SensorCoverage::Plate;
    if (text == "insole") return SensorCoverage::Insole;
    if (text == "foot-crop") return SensorCoverage::FootCrop;
    if (text == "treadmill") return SensorCoverage::Treadmill;
    return std::nullopt;
}

std::string to_string(PressureScale scale) {
    return scale == PressureScale::RawCounts ? "raw" : "kPa";
}

double total_force_n(const PlateGeometry& geometry, const Frame& frame) {
    double sum_kpa = 0.0;
    for (float p : frame.pressure_kpa) sum_kpa += static_cast<double>(p);
    return sum_kpa * geometry.sensor_area_mm2 * 1e-3;
}

std::int64_t host_now_ns() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

}  // namespace plantar
