// What several simulator tests read from a simulated trial: its frames, a maximum-pressure
// image, the groups of loaded sensors in an image, and where a plate point lies in a foot.
#pragma once

#include <algorithm>
#include <cmath>
#include <numbers>
#include <vector>

#include "plantar/capture/sim/simulated_plate.hpp"

namespace sim_test {

using namespace plantar;
using namespace plantar::sim;

inline constexpr double g = 9.81;

inline std::vector<Frame> all_frames(SimulatedPlate& plate) {
    std::vector<Frame> frames;
    while (auto frame = plate.next()) frames.push_back(std::move(*frame));
    return frames;
}

inline bool active(const SimulatedStep& step, std::int64_t time_us) {
    return time_us >= step.strike_us && time_us < step.off_us;
}

inline std::vector<float> max_pressure_image(const std::vector<Frame>& frames) {
    std::vector<float> image(frames.front().pressure_kpa.size(), 0.0f);
    for (const auto& frame : frames)
        for (std::size_t i = 0; i < image.size(); ++i) image[i] = std::max(image[i], frame.pressure_kpa[i]);
    return image;
}

// A point relative to a step's heel centre: along the foot axis (toward the toes) and across it
// (positive medially), following the plate convention documented in the simulator.
struct FootPoint {
    double along = 0.0, across = 0.0;
};

inline FootPoint in_foot(const SimulatedStep& step, double x, double y) {
    const double angle = step.axis_angle_deg * std::numbers::pi / 180.0;
    const double dx = x - step.heel_x_mm, dy = y - step.heel_y_mm;
    const double mirror = step.side == Side::Left ? 1.0 : -1.0;  // left foot: medial is +x
    return {dx * std::sin(angle) + dy * std::cos(angle), mirror * (dx * std::cos(angle) - dy * std::sin(angle))};
}

// 8-connected groups of loaded sensors in an image: a group number per sensor (0: unloaded).
inline std::vector<int> loaded_groups(const PlateGeometry& plate, const std::vector<float>& image) {
    std::vector<int> label(image.size(), 0);
    int groups = 0;
    for (std::size_t start = 0; start < image.size(); ++start) {
        if (image[start] <= 0.0f || label[start] != 0) continue;
        ++groups;
        std::vector<std::size_t> pending{start};
        label[start] = groups;
        while (!pending.empty()) {
            const std::size_t i = pending.back();
            pending.pop_back();
            const int r = static_cast<int>(i) / plate.cols, c = static_cast<int>(i) % plate.cols;
            for (int dr = -1; dr <= 1; ++dr)
                for (int dc = -1; dc <= 1; ++dc) {
                    const int rr = r + dr, cc = c + dc;
                    if (rr < 0 || rr >= plate.rows || cc < 0 || cc >= plate.cols) continue;
                    const std::size_t j = plate.index(rr, cc);
                    if (image[j] > 0.0f && label[j] == 0) label[j] = groups, pending.push_back(j);
                }
        }
    }
    return label;
}

// The group of loaded sensors under a step's heel centre (0: none).
inline int group_under_heel(const PlateGeometry& plate, const std::vector<int>& groups, const SimulatedStep& step) {
    const int col = static_cast<int>(std::lround(step.heel_x_mm / plate.pitch_x_mm));
    const int row = static_cast<int>(std::lround(step.heel_y_mm / plate.pitch_y_mm));
    if (row < 0 || row >= plate.rows || col < 0 || col >= plate.cols) return 0;
    return groups[plate.index(row, col)];
}

}  // namespace sim_test
