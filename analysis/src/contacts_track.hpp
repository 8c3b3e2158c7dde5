// One contact while the tracker follows it: its print so far, the sums of the current frame,
// and what finish() needs to turn it into a Contact.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "plantar/analysis/contact.hpp"

namespace plantar::analysis::detail {

struct Track {
    int id = 0;
    std::size_t first_frame = 0, last_frame = 0;  // first and last loaded frame
    std::int64_t first_us = 0, last_us = 0;
    std::int64_t before_first_us = 0;  // the unloaded frame before the first (when not frame 0)
    std::int64_t after_last_us = 0;    // the unloaded frame after the last
    bool has_after = false;
    bool cut_start = false, cut_end = false, edge = false;

    std::vector<std::uint8_t> mask;  // sensors of the print so far
    std::vector<std::uint8_t> near;  // sensors within the merge gap of the print
    std::vector<std::size_t> near_list;  // the same as a list
    std::vector<float> peak;
    std::vector<ContactSample> samples;
    std::vector<ContactSample> pending;  // unloaded frames after the last loaded one
    std::size_t most_sensors = 0;
    double most_area_mm2 = 0.0;
    double min_x = std::numeric_limits<double>::infinity(), max_x = -std::numeric_limits<double>::infinity();
    double min_y = std::numeric_limits<double>::infinity(), max_y = -std::numeric_limits<double>::infinity();

    // Sums over the sensors it owns in the current frame.
    std::size_t count = 0;
    double load = 0.0, weighted_x = 0.0, weighted_y = 0.0, weight = 0.0, area_mm2 = 0.0;

    std::vector<std::string> notes;
    std::vector<std::pair<int, std::size_t>> touched;  // (other track id, frame) when a component was split
    bool noted_island = false;

    Track(int track_id, std::size_t sensors) : id(track_id), mask(sensors, 0), near(sensors, 0), peak(sensors, 0.0f) {}
    bool loaded_now() const { return count > 0; }
    void clear_frame() { count = 0, load = weighted_x = weighted_y = weight = area_mm2 = 0.0; }
    // Bounding-box diagonal (mm) of this print together with a box.
    double joined_diagonal(double x0, double x1, double y0, double y1) const {
        const double width = std::max(max_x, x1) - std::min(min_x, x0);
        const double length = std::max(max_y, y1) - std::min(min_y, y0);
        return std::hypot(width, length);
    }
};

}  // namespace plantar::analysis::detail
