// What the two RSscan footscan exports (the roll-off .xls and the Entire Plate Roll Off ASCII)
// share: the sensor size, the N-per-sensor -> kPa conversion, the `Frame k (t ms)` header line,
// the frame rate from the frame times, and a progress reporter that speaks at most every 1 %.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "plantar/capture/import/vendor_export.hpp"
#include "text_lines.hpp"

namespace plantar::import::detail::rsscan {

// Numbers and whitespace as every text importer reads them (text_lines.hpp).
using textio::parse_number;
using textio::trim;

// The footscan sensor: 5.08 mm across the plate x 7.62 mm along it. Neither export states it.
// The 5.08 mm across is the documented footscan sensor width; the 7.62 mm along is what
// pressuRe's footscan loader uses, and for the 2 m plate's ASCII export it is inferred from
// foot length (docs/import-formats.md).
inline constexpr double kPitchAcrossMm = 5.08;
inline constexpr double kPitchAlongMm = 7.62;
inline constexpr double kSensorAreaMm2 = kPitchAcrossMm * kPitchAlongMm;  // 38.7096 mm^2
inline constexpr const char* kOriginalUnit = "N per sensor";

// Force on one sensor (N) as pressure (kPa): N / mm^2 = MPa, x 1000 = kPa.
inline float newtons_to_kpa(double newtons) { return static_cast<float>(newtons / kSensorAreaMm2 * 1000.0); }

PlateGeometry footscan_geometry(int rows, int cols);

struct FrameLabel {
    std::int64_t number = 0;
    double time_ms = 0.0;
};
// Parses `Frame k (t ms)` (surrounding blanks allowed); nothing when the text is not one.
std::optional<FrameLabel> parse_frame_label(std::string_view text);

// A number written by the exports ("0.0", "12.4", "6"); nothing when the text is not one.

// Frames per second from the median interval between frame times (microseconds). Throws
// ImportError (file, line 0) when fewer than two frames or the times do not increase.
double rate_from_median_interval(const std::string& file, const std::vector<Frame>& frames);

// Calls the callback with the fraction read, at most once per 1 % (and always with 1.0 at the end).
class ProgressReporter {
public:
    explicit ProgressReporter(const ImportProgress& progress) : progress_(progress) {}
    void update(double fraction);
    void finish() { update(1.0); }

private:
    const ImportProgress& progress_;
    double last_ = -1.0;
};

}  // namespace plantar::import::detail::rsscan
