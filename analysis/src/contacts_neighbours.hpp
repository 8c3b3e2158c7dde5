// Which sensors touch which (for connected components), which lie within a gap of each other
// (for joining toe islands), and which sit on the edge of the sensing area. Grids use offsets;
// placed sensors use neighbour lists built once from their centres.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "plantar/analysis/sensor_map.hpp"

namespace plantar::analysis::detail {

class SensorNeighbourhood {
public:
    SensorNeighbourhood(const SensorMap& sensors, double gap_mm);

    // When sensor positions are unknown, nothing is known about neighbours: every loaded
    // sensor of a frame belongs to one component (an insole carries one foot).
    bool all_connected() const { return all_connected_; }

    // Calls visit(j) for every sensor j touching i: 8-connected on a grid; for placed sensors,
    // centres at most 1.6 x the median nearest-neighbour spacing apart.
    template <typename Visit>
    void for_each_touching(std::size_t i, Visit&& visit) const {
        if (grid_) {
            const int r = static_cast<int>(i / static_cast<std::size_t>(cols_));
            const int c = static_cast<int>(i % static_cast<std::size_t>(cols_));
            for (int dr = -1; dr <= 1; ++dr)
                for (int dc = -1; dc <= 1; ++dc) {
                    const int rr = r + dr, cc = c + dc;
                    if ((dr != 0 || dc != 0) && rr >= 0 && rr < rows_ && cc >= 0 && cc < cols_)
                        visit(static_cast<std::size_t>(rr * cols_ + cc));
                }
            return;
        }
        for (std::size_t k = touch_start_[i]; k < touch_start_[i + 1]; ++k) visit(static_cast<std::size_t>(touch_[k]));
    }

    // Calls visit(j) for every sensor j (i included) whose centre lies within the gap of i's.
    template <typename Visit>
    void for_each_within_gap(std::size_t i, Visit&& visit) const {
        if (grid_) {
            const int r = static_cast<int>(i / static_cast<std::size_t>(cols_));
            const int c = static_cast<int>(i % static_cast<std::size_t>(cols_));
            for (const auto& [dr, dc] : gap_offsets_) {
                const int rr = r + dr, cc = c + dc;
                if (rr >= 0 && rr < rows_ && cc >= 0 && cc < cols_)
                    visit(static_cast<std::size_t>(rr * cols_ + cc));
            }
            return;
        }
        for (std::size_t k = gap_start_[i]; k < gap_start_[i + 1]; ++k) visit(static_cast<std::size_t>(gap_[k]));
    }

    // On the outermost row or column of a grid, or on the outer ring of placed sensors (within
    // half a spacing of their convex hull). Never for unknown positions.
    bool on_edge(std::size_t i) const { return edge_[i] != 0; }

    // Median centre distance to the nearest other sensor (mm); the pitch on a grid.
    double spacing_mm() const { return spacing_mm_; }

private:
    bool grid_ = true;
    bool all_connected_ = false;
    int rows_ = 0;
    int cols_ = 0;
    double spacing_mm_ = 0.0;
    std::vector<std::pair<int, int>> gap_offsets_;          // grid: (row, col) offsets within the gap
    std::vector<std::size_t> touch_start_, gap_start_;      // placed: CSR lists
    std::vector<std::uint32_t> touch_, gap_;
    std::vector<std::uint8_t> edge_;
};

}  // namespace plantar::analysis::detail
