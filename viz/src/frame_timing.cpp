#include "plantar/viz/frame_timing.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

namespace plantar::viz {

FrameTimeSummary FrameTimer::summary() const {
    FrameTimeSummary s;
    s.frames = durations_.size();
    if (durations_.empty()) return s;
    s.seconds = std::accumulate(durations_.begin(), durations_.end(), 0.0);
    s.fps = s.seconds > 0.0 ? static_cast<double>(s.frames) / s.seconds : 0.0;
    std::vector<double> sorted = durations_;
    std::sort(sorted.begin(), sorted.end());
    const auto at_fraction = [&](double fraction) {
        const auto index = static_cast<std::size_t>(std::ceil(fraction * static_cast<double>(sorted.size()))) - 1;
        return sorted[std::min(index, sorted.size() - 1)] * 1e3;
    };
    s.mean_ms = s.seconds / static_cast<double>(s.frames) * 1e3;
    s.median_ms = at_fraction(0.5);
    s.p99_ms = at_fraction(0.99);
    s.max_ms = sorted.back() * 1e3;
    s.over_50ms = static_cast<std::size_t>(sorted.end() - std::upper_bound(sorted.begin(), sorted.end(), 0.050));
    return s;
}

std::string bench_line(const std::string& what, const FrameTimeSummary& s) {
    char text[320];
    std::snprintf(text, sizeof text,
                  "bench %s: frames %zu in %.2f s = %.1f fps; frame ms mean %.2f median %.2f p99 %.2f max %.2f; over 50 ms %zu",
                  what.c_str(), s.frames, s.seconds, s.fps, s.mean_ms, s.median_ms, s.p99_ms, s.max_ms, s.over_50ms);
    return text;
}

}  // namespace plantar::viz
