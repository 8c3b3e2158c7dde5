// Medial-lateral force index and forefoot/rearfoot load of one step (docs/methods.md 6.4, 6.5).
#include <array>
#include <vector>

#include "plantar/analysis/cpei.hpp"
#include "plantar/analysis/gait.hpp"

namespace plantar::analysis {

LoadDistribution load_distribution(const TrialInput& trial, const Contact& contact, const Footprint& footprint) {
    LoadDistribution result;
    const SensorMap& sensors = trial.sensors;
    if (!sensors.positions_known()) {
        result.why_not = "sensor positions (and so forces) are unknown";
        return result;
    }
    const std::size_t n = sensors.size();
    if (contact.mask.size() != n || footprint.halves.size() != n || footprint.regions.size() != n) {
        result.why_not = "the footprint has no medial/lateral halves or regions";
        return result;
    }
    if (contact.last_frame >= trial.frames.size() || contact.first_frame > contact.last_frame) {
        result.why_not = "the contact has no frames";
        return result;
    }

    // Per frame: force of each half (index by FootHalf) and region (index by Region), and the whole foot.
    const std::size_t frames = contact.last_frame - contact.first_frame + 1;
    std::vector<double> times(frames);
    std::array<std::vector<double>, 3> half_force;
    std::array<std::vector<double>, 5> region_force;
    std::vector<double> total_force(frames, 0.0);
    for (auto& series : half_force) series.assign(frames, 0.0);
    for (auto& series : region_force) series.assign(frames, 0.0);
    for (std::size_t k = 0; k < frames; ++k) {
        const std::size_t f = contact.first_frame + k;
        times[k] = frame_time_s(trial, f);
        const auto frame = trial.frames.at(f);  // holds the frame while `values` is used
        const auto& values = frame->pressure_kpa;
        for (std::size_t i = 0; i < n && i < values.size(); ++i) {
            if (contact.mask[i] == 0) continue;
            const double force = static_cast<double>(values[i]) * sensors.area_mm2[i] * 1e-3;
            total_force[k] += force;
            half_force[static_cast<std::size_t>(footprint.halves[i])][k] += force;
            region_force[static_cast<std::size_t>(footprint.regions[i])][k] += force;
        }
    }
    const double medial = trapezoid_integral(times, half_force[static_cast<std::size_t>(FootHalf::Medial)]);
    const double lateral = trapezoid_integral(times, half_force[static_cast<std::size_t>(FootHalf::Lateral)]);
    const double total = trapezoid_integral(times, total_force);
    auto region = [&](Region r) { return trapezoid_integral(times, region_force[static_cast<std::size_t>(r)]); };
    const double heel = region(Region::Heel), midfoot = region(Region::Midfoot);
    const double forefoot = region(Region::Forefoot), toes = region(Region::Toes);
    if (!(total > 0.0)) {
        result.why_not = "the contact carries no load";
        return result;
    }
    if (medial + lateral > 0.0) result.medial_lateral_index = (medial - lateral) / (medial + lateral);
    if (sensors.forces_known()) {
        result.medial_impulse_n_s = medial;
        result.lateral_impulse_n_s = lateral;
    }
    result.heel_pct = 100.0 * heel / total;
    result.midfoot_pct = 100.0 * midfoot / total;
    result.forefoot_pct = 100.0 * forefoot / total;
    result.toes_pct = 100.0 * toes / total;
    if (heel > 0.0) result.forefoot_rearfoot_ratio = (forefoot + toes) / heel;
    return result;
}

}  // namespace plantar::analysis
