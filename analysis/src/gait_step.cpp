// Gait values of one step: contact time and the per-region table (docs/methods.md 7.1, 7.2).
#include <algorithm>
#include <array>
#include <cmath>

#include "plantar/analysis/contacts.hpp"
#include "plantar/analysis/gait.hpp"

namespace plantar::analysis {

double frame_time_s(const TrialInput& trial, std::size_t frame) {
    if (trial.frames.empty() || frame >= trial.frames.size()) return kNaN;
    return static_cast<double>(trial.frames.at(frame)->device_time_us - trial.frames.front()->device_time_us) * 1e-6;
}

double trapezoid_integral(std::span<const double> times_s, std::span<const double> values) {
    double sum = 0.0;
    bool have_previous = false;
    double previous_time = 0.0, previous_value = 0.0;
    for (std::size_t i = 0; i < times_s.size() && i < values.size(); ++i) {
        if (!std::isfinite(times_s[i]) || !std::isfinite(values[i])) continue;
        if (have_previous) sum += 0.5 * (values[i] + previous_value) * (times_s[i] - previous_time);
        previous_time = times_s[i];
        previous_value = values[i];
        have_previous = true;
    }
    return sum;
}

namespace {

// Accumulator slots: 0 whole foot, 1..4 the coarse regions, 5.. the detail regions.
constexpr std::size_t kCoarseSlots = 5;
constexpr std::size_t kDetailCount = static_cast<std::size_t>(DetailRegion::LesserToes) + 1;
constexpr std::size_t kSlots = kCoarseSlots + kDetailCount - 1;

std::size_t detail_slot(DetailRegion region) { return kCoarseSlots + static_cast<std::size_t>(region) - 1; }

struct Series {
    std::size_t sensors = 0;
    std::vector<double> peak, area, force;
};

double max_of(const std::vector<double>& values) {
    double best = kNaN;
    for (double v : values)
        if (std::isfinite(v) && !(v <= best)) best = v;
    return best;
}

}  // namespace

StepGait step_gait(const TrialInput& trial, const Contact& contact, const Footprint* footprint, const GaitConfig& config) {
    StepGait step;
    step.contact_id = contact.id;
    step.side = contact.side;
    step.strike_s = contact.strike_s;
    step.off_s = contact.off_s;
    step.contact_time_s = contact.contact_time_s();
    step.complete = contact.complete();
    const SensorMap& sensors = trial.sensors;
    const std::size_t n = sensors.size();
    if (contact.mask.size() != n || contact.first_frame > contact.last_frame || contact.last_frame >= trial.frames.size()) {
        step.notes.push_back("the contact has no sensors or frames in this trial");
        return step;
    }
    const bool labelled = footprint != nullptr && footprint->regions.size() == n;
    const bool detailed = footprint != nullptr && footprint->detail.size() == n;
    if (footprint != nullptr && !labelled) step.notes.push_back("the footprint has no region labels");

    const double loaded_above = sensors.in_kpa() ? config.loaded_above : contact_threshold(trial, ContactConfig{});
    const std::size_t frames = contact.last_frame - contact.first_frame + 1;
    std::array<Series, kSlots> slots;
    for (auto& s : slots) s.peak.assign(frames, 0.0), s.area.assign(frames, 0.0), s.force.assign(frames, 0.0);
    std::vector<double> times(frames);
    std::array<std::size_t, 3> slot_of{};  // whole foot, coarse, detail slot of the current sensor
    for (std::size_t i = 0; i < n; ++i) {
        if (contact.mask[i] == 0) continue;
        ++slots[0].sensors;
        if (labelled && footprint->regions[i] != Region::None) ++slots[static_cast<std::size_t>(footprint->regions[i])].sensors;
        if (detailed && footprint->detail[i] != DetailRegion::None) ++slots[detail_slot(footprint->detail[i])].sensors;
    }
    for (std::size_t k = 0; k < frames; ++k) {
        const std::size_t f = contact.first_frame + k;
        times[k] = frame_time_s(trial, f);
        const auto frame = trial.frames.at(f);  // holds the frame while `values` is used
        const auto& values = frame->pressure_kpa;
        for (std::size_t i = 0; i < n && i < values.size(); ++i) {
            if (contact.mask[i] == 0 || sensors.present[i] == 0) continue;
            const auto p = static_cast<double>(values[i]);
            std::size_t used = 0;
            slot_of[used++] = 0;
            if (labelled && footprint->regions[i] != Region::None) slot_of[used++] = static_cast<std::size_t>(footprint->regions[i]);
            if (detailed && footprint->detail[i] != DetailRegion::None) slot_of[used++] = detail_slot(footprint->detail[i]);
            for (std::size_t u = 0; u < used; ++u) {
                Series& s = slots[slot_of[u]];
                s.peak[k] = std::max(s.peak[k], p);
                if (p > loaded_above) s.area[k] += sensors.area_mm2[i];
                s.force[k] += p * sensors.area_mm2[i] * 1e-3;
            }
        }
    }

    const bool kpa = sensors.in_kpa();
    const bool positions = sensors.positions_known();
    const bool forces = sensors.forces_known();
    const double whole_impulse = trapezoid_integral(times, slots[0].force);
    for (std::size_t slot = 0; slot < kSlots; ++slot) {
        const Series& s = slots[slot];
        if (s.sensors == 0) continue;
        RegionGait region;
        region.whole_foot = slot == 0;
        if (slot > 0 && slot < kCoarseSlots) region.region = static_cast<Region>(slot);
        if (slot >= kCoarseSlots) region.detail = static_cast<DetailRegion>(slot - kCoarseSlots + 1);
        region.sensors = s.sensors;
        const double impulse = trapezoid_integral(times, s.force);
        if (kpa) {
            region.peak_pressure_kpa = max_of(s.peak);
            region.pressure_time_integral_kpa_s = trapezoid_integral(times, s.peak);
        }
        if (positions) {
            region.max_contact_area_mm2 = max_of(s.area);
            if (whole_impulse > 0.0) region.impulse_pct = 100.0 * impulse / whole_impulse;
        }
        if (forces) {
            region.max_force_n = max_of(s.force);
            region.force_time_integral_n_s = impulse;
            // N s / mm^2 = 1000 kPa s.
            if (region.max_contact_area_mm2 > 0.0)
                region.mean_pressure_time_integral_kpa_s = 1000.0 * impulse / region.max_contact_area_mm2;
        }
        step.regions.push_back(region);
    }
    if (!kpa) step.notes.push_back("raw counts: no pressures or forces, only areas and load shares");
    if (!positions) step.notes.push_back("sensor positions unknown: no areas or forces");
    return step;
}

}  // namespace plantar::analysis
