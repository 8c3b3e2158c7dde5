// What a simulation may be asked for: the checks of SimulationConfig, the ideal sensors, and
// the trial kind of each scenario.
#include <cmath>
#include <sstream>

#include "foot_model.hpp"
#include "layout.hpp"
#include "plantar/capture/sim/simulated_plate.hpp"
#include "stuck_lines.hpp"

namespace plantar::sim {

namespace {

bool outside(double value, double low, double high) { return !(value >= low && value <= high); }

std::string number(double value) {
    std::ostringstream text;
    text << value;
    return text.str();
}

std::string sensor_error(const SensorRealism& sensors, const PlateGeometry& geometry) {
    if (outside(sensors.noise_kpa, 0.0, 100.0))
        return "sensor noise must be 0 .. 100 kPa (got " + number(sensors.noise_kpa) + ")";
    if (outside(sensors.full_scale_kpa, 1.0, 100000.0))
        return "full scale must be 1 .. 100000 kPa (got " + number(sensors.full_scale_kpa) + ")";
    if (!(sensors.noise_threshold_kpa >= 0.0 && sensors.noise_threshold_kpa < sensors.full_scale_kpa))
        return "noise threshold must be at least 0 and below full scale (got " + number(sensors.noise_threshold_kpa) +
               " kPa)";
    if (outside(sensors.crosstalk, 0.0, 0.2))
        return "crosstalk must be 0 .. 0.2 (got " + number(sensors.crosstalk) + ")";
    if (outside(sensors.dead_sensor_fraction, 0.0, 1.0))
        return "dead sensor fraction must be 0 .. 1 (got " + number(sensors.dead_sensor_fraction) + ")";
    if (sensors.adc_max_counts < 1 || sensors.adc_max_counts > 65535)
        return "ADC maximum must be 1 .. 65535 counts (got " + std::to_string(sensors.adc_max_counts) + ")";
    for (const StuckLine& line : sensors.stuck_lines)
        if (auto error = detail::stuck_line_validation_error(line, geometry, sensors.full_scale_kpa); !error.empty())
            return error;
    return {};
}

}  // namespace

SensorRealism SensorRealism::ideal() {
    SensorRealism sensors;
    sensors.noise_kpa = 0.0;
    sensors.noise_threshold_kpa = 0.0;
    sensors.crosstalk = 0.0;
    sensors.dead_sensor_fraction = 0.0;
    sensors.stuck_lines.clear();
    // ADC quantisation and saturation stay: they are part of what a plate is, and cost at most
    // half a count (~0.15 kPa) per sensor.
    return sensors;
}

TrialKind trial_kind_of(Scenario scenario) {
    switch (scenario) {
        case Scenario::StaticStance: return TrialKind::Static;
        case Scenario::Walk: return TrialKind::Walk;
        case Scenario::SingleStep: return TrialKind::Step;
    }
    return TrialKind::Walk;
}

std::string SimulationConfig::validation_error() const {
    if (outside(rate_hz, 50.0, 2000.0)) return "frame rate must be 50 .. 2000 Hz (got " + number(rate_hz) + " Hz)";
    if (!(duration_s > 0.0) || !(duration_s <= 3600.0))
        return "duration must be more than 0 and at most 3600 s (got " + number(duration_s) + " s)";
    if (std::llround(duration_s * rate_hz) < 1)
        return "duration of " + number(duration_s) + " s at " + number(rate_hz) + " Hz gives no frame";
    if (outside(body_mass_kg, 10.0, 300.0))
        return "body mass must be 10 .. 300 kg (got " + number(body_mass_kg) + " kg)";
    if (auto error = geometry.validation_error(); !error.empty()) return error;
    if (auto error = detail::foot_validation_error(foot); !error.empty()) return error;
    if (outside(walking_speed_m_s, 0.3, 3.0))
        return "walking speed must be 0.3 .. 3 m/s (got " + number(walking_speed_m_s) + " m/s)";
    if (outside(stance_time_s, 0.2, 2.0)) return "stance time must be 0.2 .. 2 s (got " + number(stance_time_s) + " s)";
    if (scenario == Scenario::Walk) {
        // A foot cannot strike again before it has left the plate.
        const double cycle_s = 2.0 * detail::walking_step_time_s(walking_speed_m_s, foot.length_mm);
        if (stance_time_s >= cycle_s)
            return "stance time " + number(stance_time_s) + " s is not shorter than the gait cycle (" +
                   number(cycle_s) + " s for two steps of a " + number(foot.length_mm) + " mm foot at " + number(walking_speed_m_s) +
                   " m/s): walk slower or shorten the stance";
    }
    if (outside(stance_width_mm, 50.0, 800.0))
        return "stance width must be 50 .. 800 mm (got " + number(stance_width_mm) + " mm)";
    const double half_width = (geometry.cols - 1) * geometry.pitch_x_mm / 2.0;
    if (outside(line_offset_mm, -half_width, half_width))
        return "line offset must be within half the plate's width, -" + number(half_width) + " .. " +
               number(half_width) + " mm (got " + number(line_offset_mm) + " mm)";
    return sensor_error(sensors, geometry);
}

}  // namespace plantar::sim
