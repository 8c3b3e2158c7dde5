// Test helpers of the dynamics tests: Contacts and Footprints built directly from simulated
// frames and the simulator's truth, so the dynamics can be tested without the contacts and
// footprint parts (written at the same time). Each helper is the plain definition, nothing clever.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numbers>
#include <vector>

#include "plantar/analysis/contact.hpp"
#include "plantar/analysis/footprint_types.hpp"
#include "plantar/analysis/sensor_map.hpp"
#include "plantar/capture/sim/simulated_plate.hpp"

namespace dynamics_test {

using namespace plantar;
using namespace plantar::analysis;

inline std::vector<Frame> all_frames(sim::SimulatedPlate& plate) {
    std::vector<Frame> frames;
    while (auto frame = plate.next()) frames.push_back(std::move(*frame));
    return frames;
}

inline Side side_of(const sim::SimulatedStep& step) { return step.side == sim::Side::Left ? Side::Left : Side::Right; }

// The truth's foot axis: heel centre, angle, medial side by the foot's side.
inline FootAxis truth_axis(const sim::SimulatedStep& step, double length_mm) {
    const double a = step.axis_angle_deg * std::numbers::pi / 180.0;
    FootAxis axis;
    axis.heel = {step.heel_x_mm, step.heel_y_mm};
    axis.along_x = std::sin(a);
    axis.along_y = std::cos(a);
    const double mirror = step.side == sim::Side::Left ? 1.0 : -1.0;  // left foot: medial is +x
    axis.medial_x = mirror * std::cos(a);
    axis.medial_y = -mirror * std::sin(a);
    axis.angle_deg = step.axis_angle_deg;
    axis.toe = axis.at(0.84 * length_mm, 0.0);
    return axis;
}

// The sensors under a truth step (a box around the model foot, as the simulator's own tests use).
inline bool under_step(const SensorMap& sensors, const FootAxis& axis, double length_mm, std::size_t i) {
    const Point p{sensors.x_mm[i], sensors.y_mm[i]};
    return axis.along(p) > -70.0 && axis.along(p) < length_mm && std::abs(axis.across(p)) < 80.0;
}

// A loaded 4-neighbour: contacts drop isolated single-sensor readings (noise speckles).
inline bool loaded_neighbour(const PlateGeometry& g, const Frame& frame, std::size_t i) {
    const int r = static_cast<int>(i) / g.cols, c = static_cast<int>(i) % g.cols;
    const int dr[] = {-1, 1, 0, 0}, dc[] = {0, 0, -1, 1};
    for (int k = 0; k < 4; ++k) {
        const int rr = r + dr[k], cc = c + dc[k];
        if (rr >= 0 && cc >= 0 && rr < g.rows && cc < g.cols && frame.at(g, rr, cc) > 0.0f) return true;
    }
    return false;
}

inline double time_s(const TrialInput& trial, std::size_t frame) {
    return static_cast<double>(trial.frames.at(frame)->device_time_us - trial.frames.front()->device_time_us) * 1e-6;
}

// A Contact as the contacts part defines it: the loaded sensors under one truth step, one
// sample per frame while any of them is loaded, strike/off half a frame outside the loaded frames.
inline Contact contact_from_truth(const TrialInput& trial, const sim::SimulatedStep& step, double length_mm, int id) {
    const SensorMap& sensors = trial.sensors;
    const FootAxis axis = truth_axis(step, length_mm);
    Contact contact;
    contact.id = id;
    contact.side = side_of(step);
    contact.mask.assign(sensors.size(), 0);
    contact.peak.assign(sensors.size(), 0.0f);
    const auto t0 = trial.frames.front()->device_time_us;
    bool started = false;
    for (std::size_t f = 0; f < trial.frames.size(); ++f) {
        const auto held = trial.frames.at(f);
        const Frame& frame = *held;
        // Only the step's own time (another step may later load the same sensors).
        if (frame.device_time_us < step.strike_us || frame.device_time_us > step.off_us) continue;
        bool loaded = false;
        for (std::size_t i = 0; i < sensors.size(); ++i) {
            if (frame.pressure_kpa[i] <= 0.0f || !under_step(sensors, axis, length_mm, i)) continue;
            if (!loaded_neighbour(sensors.geometry, frame, i)) continue;  // an isolated noise speckle
            loaded = true;
            contact.mask[i] = 1;
            contact.peak[i] = std::max(contact.peak[i], frame.pressure_kpa[i]);
        }
        if (!loaded) continue;
        if (!started) contact.first_frame = f, started = true;
        contact.last_frame = f;
    }
    double min_load = 1e300, max_load = 0.0;
    for (std::size_t f = contact.first_frame; started && f <= contact.last_frame; ++f) {
        const auto held = trial.frames.at(f);
        const Frame& frame = *held;
        ContactSample sample;
        sample.frame = f;
        sample.time_s = static_cast<double>(frame.device_time_us - t0) * 1e-6;
        double load = 0.0, area = 0.0;
        for (std::size_t i = 0; i < sensors.size(); ++i) {
            if (contact.mask[i] == 0) continue;
            load += static_cast<double>(frame.pressure_kpa[i]) * sensors.area_mm2[i] * 1e-3;
            if (frame.pressure_kpa[i] > 0.0f) area += sensors.area_mm2[i];
        }
        sample.load = load;
        sample.area_mm2 = area;
        sample.cop = centre_of_pressure(sensors, frame, contact.mask);
        contact.samples.push_back(sample);
        min_load = std::min(min_load, load);
        max_load = std::max(max_load, load);
    }
    contact.cut_by_plate_edge = step.cut_by_plate_edge;
    contact.cut_by_recording_start = step.cut_by_recording && step.strike_us < 0;
    contact.cut_by_recording_end = step.cut_by_recording && step.strike_us >= 0;
    // Strike and off as contact.hpp defines them: half a frame period before the first loaded
    // frame and after the last; the 10 % load rule gives the *_by_load_s events.
    if (started && contact.first_frame > 0 && !contact.cut_by_recording_start)
        contact.strike_s = 0.5 * (time_s(trial, contact.first_frame - 1) + time_s(trial, contact.first_frame));
    if (started && contact.last_frame + 1 < trial.frames.size() && !contact.cut_by_recording_end)
        contact.off_s = 0.5 * (time_s(trial, contact.last_frame) + time_s(trial, contact.last_frame + 1));
    if (contact.complete() && !contact.samples.empty()) {
        const double level = min_load + 0.1 * (max_load - min_load);
        for (const auto& s : contact.samples)
            if (s.load > level) {
                if (!std::isfinite(contact.strike_by_load_s)) contact.strike_by_load_s = s.time_s;
                contact.off_by_load_s = s.time_s;
            }
    }
    return contact;
}

// A Footprint from the truth's axis: length from the mask's extent along the axis, regions by
// fraction of that length (heel < 27 %, midfoot < 55 %, forefoot < 84 %, toes), halves by side.
inline Footprint footprint_from_truth(const SensorMap& sensors, const Contact& contact, const sim::SimulatedStep& step,
                                      double length_mm) {
    Footprint print;
    print.side = side_of(step);
    print.axis = truth_axis(step, length_mm);
    double back = 1e300, front = -1e300;
    const double half_pitch = sensors.geometry.pitch_y_mm / 2.0;
    for (std::size_t i = 0; i < sensors.size(); ++i) {
        if (contact.mask[i] == 0) continue;
        const double along = print.axis.along({sensors.x_mm[i], sensors.y_mm[i]});
        back = std::min(back, along - half_pitch);
        front = std::max(front, along + half_pitch);
    }
    print.heel_back_mm = back;
    print.toes_front_mm = front;
    print.length_mm = front - back;
    print.has_heel = true;
    print.has_toes = true;
    print.regions.assign(sensors.size(), Region::None);
    print.halves.assign(sensors.size(), FootHalf::None);
    print.detail.assign(sensors.size(), DetailRegion::None);
    print.toes.assign(sensors.size(), 0);
    for (std::size_t i = 0; i < sensors.size(); ++i) {
        if (contact.mask[i] == 0) continue;
        const Point p{sensors.x_mm[i], sensors.y_mm[i]};
        const double fraction = (print.axis.along(p) - back) / print.length_mm;
        print.regions[i] = fraction < 0.27 ? Region::Heel
                           : fraction < 0.55 ? Region::Midfoot
                           : fraction < 0.84 ? Region::Forefoot
                                             : Region::Toes;
        print.halves[i] = print.axis.across(p) > 0.0 ? FootHalf::Medial : FootHalf::Lateral;
        if (print.regions[i] == Region::Toes) print.toes[i] = 1;
    }
    return print;
}

}  // namespace dynamics_test
