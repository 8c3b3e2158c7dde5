#include "plantar/capture/calibration.hpp"

#include <algorithm>
#include <cmath>

#include "plantar/capture/errors.hpp"

namespace plantar {

Calibration Calibration::linear(std::uint32_t max_counts, double full_scale_kpa) {
    return Calibration({{0.0, 0.0}, {static_cast<double>(max_counts), full_scale_kpa}});
}

Calibration::Calibration(std::vector<CalibrationPoint> curve, std::vector<float> sensor_gain)
    : curve_(std::move(curve)), sensor_gain_(std::move(sensor_gain)) {
    if (curve_.size() < 2) throw InvalidArgument("a calibration curve needs at least two points");
    for (std::size_t i = 0; i < curve_.size(); ++i) {
        if (!std::isfinite(curve_[i].counts) || !std::isfinite(curve_[i].kpa))
            throw InvalidArgument("calibration point " + std::to_string(i) + " is not a finite number");
        if (i > 0 && !(curve_[i].counts > curve_[i - 1].counts))
            throw InvalidArgument("calibration counts must strictly increase (point " + std::to_string(i) + ")");
        if (i > 0 && curve_[i].kpa < curve_[i - 1].kpa)
            throw InvalidArgument("calibration kPa must not decrease (point " + std::to_string(i) + ")");
    }
    for (float g : sensor_gain_)
        if (!std::isfinite(g) || g < 0.0f) throw InvalidArgument("a per-sensor calibration gain is negative or not finite");
}

double Calibration::to_kpa(double counts, std::size_t sensor) const {
    double kpa;
    if (counts <= curve_.front().counts) {
        kpa = curve_.front().kpa;
    } else if (counts >= curve_.back().counts) {
        kpa = curve_.back().kpa;
    } else {
        auto upper = std::upper_bound(curve_.begin(), curve_.end(), counts,
                                      [](double c, const CalibrationPoint& p) { return c < p.counts; });
        auto lower = upper - 1;
        double t = (counts - lower->counts) / (upper->counts - lower->counts);
        kpa = lower->kpa + t * (upper->kpa - lower->kpa);
    }
    if (!sensor_gain_.empty() && sensor < sensor_gain_.size()) kpa *= static_cast<double>(sensor_gain_[sensor]);
    return kpa;
}

double Calibration::to_counts(double kpa) const {
    if (kpa <= curve_.front().kpa) return curve_.front().counts;
    if (kpa >= curve_.back().kpa) return curve_.back().counts;
    auto upper = std::upper_bound(curve_.begin(), curve_.end(), kpa,
                                  [](double k, const CalibrationPoint& p) { return k < p.kpa; });
    auto lower = upper - 1;
    if (upper->kpa == lower->kpa) return lower->counts;
    double t = (kpa - lower->kpa) / (upper->kpa - lower->kpa);
    return lower->counts + t * (upper->counts - lower->counts);
}

void Calibration::apply(std::span<const std::uint16_t> counts, std::span<float> out_kpa) const {
    if (counts.size() != out_kpa.size())
        throw InvalidArgument("calibration input has " + std::to_string(counts.size()) + " sensors but output has " +
                              std::to_string(out_kpa.size()));
    if (!sensor_gain_.empty() && sensor_gain_.size() != counts.size())
        throw InvalidArgument("calibration has gains for " + std::to_string(sensor_gain_.size()) +
                              " sensors but the frame has " + std::to_string(counts.size()));
    for (std::size_t i = 0; i < counts.size(); ++i) out_kpa[i] = static_cast<float>(to_kpa(counts[i], i));
}

}  // namespace plantar
