// Balance of a static (standing) trial: the whole plate's centre of pressure per frame, its
// sway measures and 95 % prediction ellipse, and the load split between the feet and between
// forefoot and rearfoot. Formulas and sources: docs/methods.md section 8.
#pragma once

#include <cstddef>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include "plantar/analysis/contact.hpp"
#include "plantar/analysis/cop.hpp"
#include "plantar/analysis/footprint_types.hpp"
#include "plantar/analysis/sensor_map.hpp"

namespace plantar::analysis {

struct BalanceConfig {
    // The part of the trial analysed (s from the first frame), e.g. to skip stepping on.
    double start_s = 0.0;
    double end_s = std::numeric_limits<double>::infinity();
    // The COP is low-pass filtered before the sway measures (zero-phase: a 2nd-order
    // Butterworth run forwards and backwards), because sensor noise adds a jitter to every
    // frame that would make path length and velocity grow with the frame rate. 0 = no filter;
    // no filter either when the cut-off is at or above half the frame rate.
    double lowpass_hz = 5.0;
};

// The 95 % prediction ellipse of a set of points: 95 % of new points from the same
// distribution are expected inside it. Area = pi x 5.991 x sqrt(l1 x l2), l = eigenvalues of
// the sample covariance, 5.991 = chi-square(0.95, 2 degrees of freedom).
struct PredictionEllipse {
    Point centre;                 // the mean point
    double semi_major_mm = kNaN;  // sqrt(5.991 x l1)
    double semi_minor_mm = kNaN;  // sqrt(5.991 x l2)
    double angle_deg = kNaN;      // major axis against the plate's +x axis, counter-clockwise (x to y), -90 .. 90
    double area_mm2 = kNaN;
    bool valid() const { return centre.valid() && std::isfinite(area_mm2); }
};

PredictionEllipse prediction_ellipse_95(std::span<const Point> points);

struct BalanceResult {
    std::vector<TimedPoint> cop_path;     // whole-plate COP per frame of the window, filtered (invalid when unloaded)
    CopPathSummary path;                  // path length, duration, mean velocity
    double mean_distance_mm = kNaN;       // mean distance of the COP from its mean point
    double rms_distance_mm = kNaN;        // root mean square of that distance
    double rms_ml_mm = kNaN;              // RMS of x about its mean (across the plate)
    double rms_ap_mm = kNaN;              // RMS of y about its mean (along the plate)
    double mean_frequency_hz = kNaN;      // path / (2 pi x mean distance x duration)
    PredictionEllipse ellipse;

    // Shares of the summed load over the window, %. Left/right from the sides of the contacts;
    // forefoot (forefoot + toes), midfoot and rearfoot (heel) from the footprints' region labels.
    double left_pct = kNaN;
    double right_pct = kNaN;
    double unknown_side_pct = kNaN;
    double forefoot_pct = kNaN;
    double midfoot_pct = kNaN;
    double rearfoot_pct = kNaN;
    double mean_load_n = kNaN;            // mean whole-plate force; NaN for raw counts

    std::vector<std::string> notes;       // why a value is missing
};

// footprints: empty or one per contact. Contacts are the feet of the stance (their samples'
// loads give the left/right split; their masks and the footprints' regions the forefoot/rearfoot split).
BalanceResult analyse_balance(const TrialInput& trial, std::span<const Contact> contacts,
                              std::span<const Footprint> footprints, const BalanceConfig& config = {});

}  // namespace plantar::analysis
