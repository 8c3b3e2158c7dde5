#include "rsscan_common.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace plantar::import::detail::rsscan {

namespace {

bool consume(std::string_view& text, std::string_view prefix) {
    if (text.substr(0, prefix.size()) != prefix) return false;
    text.remove_prefix(prefix.size());
    return true;
}

}  // namespace

PlateGeometry footscan_geometry(int rows, int cols) {
    PlateGeometry geometry;
    geometry.rows = rows;
    geometry.cols = cols;
    geometry.pitch_x_mm = kPitchAcrossMm;
    geometry.pitch_y_mm = kPitchAlongMm;
    geometry.sensor_area_mm2 = kSensorAreaMm2;
    return geometry;
}

std::optional<FrameLabel> parse_frame_label(std::string_view text) {
    text = trim(text);
    if (!consume(text, "Frame ")) return std::nullopt;
    const auto open = text.find(" (");
    if (open == std::string_view::npos) return std::nullopt;
    FrameLabel label;
    const std::string_view number = text.substr(0, open);
    const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), label.number);
    if (ec != std::errc() || end != number.data() + number.size() || label.number < 0) return std::nullopt;
    text.remove_prefix(open + 2);
    if (text.size() < 4 || text.substr(text.size() - 4) != " ms)") return std::nullopt;
    const auto time = parse_number(text.substr(0, text.size() - 4));
    if (!time || *time < 0.0) return std::nullopt;
    label.time_ms = *time;
    return label;
}

double rate_from_median_interval(const std::string& file, const std::vector<Frame>& frames) {
    if (frames.size() < 2) throw ImportError(file, 0, "a rate needs at least two frames; the export holds " + std::to_string(frames.size()));
    std::vector<std::int64_t> intervals;
    intervals.reserve(frames.size() - 1);
    for (std::size_t i = 1; i < frames.size(); ++i) intervals.push_back(frames[i].device_time_us - frames[i - 1].device_time_us);
    const auto middle = intervals.begin() + static_cast<std::ptrdiff_t>(intervals.size() / 2);
    std::nth_element(intervals.begin(), middle, intervals.end());
    if (*middle <= 0) throw ImportError(file, 0, "the frame times do not increase");
    return 1e6 / static_cast<double>(*middle);
}

void ProgressReporter::update(double fraction) {
    if (!progress_) return;
    fraction = std::clamp(fraction, 0.0, 1.0);
    if (fraction < 1.0 && fraction - last_ < 0.01) return;
    if (fraction >= 1.0 && last_ >= 1.0) return;
    last_ = fraction;
    progress_(fraction);
}

}  // namespace plantar::import::detail::rsscan
