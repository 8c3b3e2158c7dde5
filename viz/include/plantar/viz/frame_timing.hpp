// How long the viewer took per drawn frame, for `plantar-view --bench` and bench/bench_viewer.py:
// frames per second and the distribution of frame times. No GUI types.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace plantar::viz {

struct FrameTimeSummary {
    std::size_t frames = 0;
    double seconds = 0.0;        // wall time covered by the frames
    double fps = 0.0;            // frames / seconds
    double mean_ms = 0.0;
    double median_ms = 0.0;
    double p99_ms = 0.0;
    double max_ms = 0.0;
    std::size_t over_50ms = 0;   // frames that took longer than 50 ms (a visible stall)
};

class FrameTimer {
public:
    // One drawn frame took `seconds` (from the start of one frame to the start of the next).
    void add(double seconds) { durations_.push_back(seconds); }
    std::size_t count() const { return durations_.size(); }
    FrameTimeSummary summary() const;

private:
    std::vector<double> durations_;
};

// One line, "bench <what>: frames 1200 in 10.00 s = 120.0 fps; frame ms mean 8.3 median 8.1 p99 12.0
// max 15.2; over 50 ms 0", which bench/bench_viewer.py parses.
std::string bench_line(const std::string& what, const FrameTimeSummary& summary);

}  // namespace plantar::viz
