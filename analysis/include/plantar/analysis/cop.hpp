// The centre-of-pressure path: its length and speed, and its own long axis (the alternative
// foot axis, AxisMethod::CopPath). Formulas and their sources: docs/methods.md section 6.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "plantar/analysis/contact.hpp"
#include "plantar/analysis/footprint_types.hpp"
#include "plantar/analysis/sensor_map.hpp"

namespace plantar::analysis {

// One point of a COP path and its time (s, relative to the trial's first frame).
struct TimedPoint {
    double time_s = kNaN;
    Point point;
};

struct CopPathSummary {
    std::size_t points = 0;           // valid COP points used
    double duration_s = kNaN;         // last minus first time of those points
    double path_length_mm = kNaN;     // sum of the distances between successive points
    double mean_velocity_mm_s = kNaN; // path length / duration
    std::string why_not;              // empty when the values are there
    bool ok() const { return why_not.empty(); }
};

// Path length and mean velocity of a path; invalid points are skipped (the path joins the
// valid points on either side). Needs at least 2 valid points and a duration > 0.
CopPathSummary summarize_cop_path(std::span<const TimedPoint> path);

// The COP path of one contact: its samples with a valid COP, in time order, between strike_s
// and off_s when both are known (contact.hpp: the whole stance), else all of them. Empty when
// the positions of the sensors are unknown.
std::vector<TimedPoint> contact_cop_path(const SensorMap& sensors, const Contact& contact);

// summarize_cop_path(contact_cop_path(...)), with a reason when positions are unknown.
CopPathSummary summarize_contact_cop_path(const SensorMap& sensors, const Contact& contact);

// The spread of a set of points: mean, covariance and its principal axes. The covariance is
// sum(w d d^T) / sum(w) x n / (n - 1) (n points, d = point - weighted mean), so with equal
// weights it is the sample covariance.
struct PointSpread {
    std::size_t count = 0;
    Point mean;
    double var_x = kNaN, var_y = kNaN, cov_xy = kNaN;  // mm^2
    double major_variance = kNaN, minor_variance = kNaN;  // eigenvalues, major >= minor
    double major_x = kNaN, major_y = kNaN;  // unit eigenvector of the major variance
};
// Invalid points and points with a weight <= 0 are skipped; weights empty = equal weights.
// count < 2 leaves the variances NaN.
PointSpread point_spread(std::span<const Point> points, std::span<const double> weights = {});

struct CopPathAxis {
    FootAxis axis;        // method CopPath; heel and toe are the path's ends projected on the axis
    double spread_ratio = kNaN;  // minor / major standard deviation of the points (0: a straight path)
    std::string why_not;
    bool ok() const { return why_not.empty(); }
};

// The long axis of a COP path: the principal axis of its points, each weighted by the
// contact's load at that time (docs/methods.md 6.2), oriented from the start of the path to its
// end. `side` sets the medial direction (the subject faces the path's direction; a left foot's
// medial side is on its right); Side::Unknown sets medial as for a left foot.
CopPathAxis cop_path_axis(const SensorMap& sensors, const Contact& contact, Side side);

// The same for any path with weights (one per point; empty = equal weights).
CopPathAxis cop_path_axis(std::span<const TimedPoint> path, std::span<const double> weights, Side side);

}  // namespace plantar::analysis
