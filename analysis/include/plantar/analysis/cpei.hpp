// Pronation indicators of one step: the Center of Pressure Excursion Index (Song et al. 1996),
// the medial-lateral force index and the forefoot/rearfoot load. Formulas, the choices made
// and their sources: docs/methods.md section 6.
#pragma once

#include <cmath>
#include <cstdint>
#include <span>
#include <string>

#include "plantar/analysis/contact.hpp"
#include "plantar/analysis/footprint_types.hpp"
#include "plantar/analysis/sensor_map.hpp"

namespace plantar::analysis {

// Where the print lies across the foot axis on one line across the foot.
struct PrintSpan {
    double medial_mm = kNaN;   // across offset (FootAxis::across) of the print's medial edge
    double lateral_mm = kNaN;  // ... of its lateral edge
    double width_mm() const { return medial_mm - lateral_mm; }
    bool found() const { return std::isfinite(medial_mm) && std::isfinite(lateral_mm); }
};

// The print's extent on the line across the foot at `along_mm` from the heel centre: on a grid,
// the outermost points of that line lying in a mask cell (each cell covers its pitch); with
// placed sensors, the mask sensors within half a sensor size (sqrt(area) / 2) of the line,
// widened by that half size. The CPEI draws its measuring line between these edges; its width
// is footprint.hpp's print_width_across (contact width, gaps excluded).
PrintSpan print_span_across(const SensorMap& sensors, std::span<const std::uint8_t> mask, const FootAxis& axis,
                            double along_mm);

// How the construction line's ends are chosen (docs/methods.md 6.3).
enum class CpeiEndpoints {
    // Song et al. 1996: the first and the last COP point of the stance, the stance's ends taken
    // where the contact's load crosses stance_load_fraction of its peak.
    Song,
    // The most medial COP point near each end, among the frames carrying at least
    // endpoint_min_load_fraction of the peak load (plantar's construction before Song's).
    Robust,
};

struct CpeiConfig {
    // Where the CPE is measured: this fraction of the foot length from the back of the heel.
    double line_fraction_of_length = 2.0 / 3.0;
    CpeiEndpoints endpoints = CpeiEndpoints::Song;
    // Song: the stance runs from the first to the last instant at which the contact carries
    // this fraction of its peak load (the step-event rule of docs/methods.md 1.8), each found by
    // linear interpolation between the frames either side; the construction line joins the COP
    // at those two instants, interpolated likewise. 0 = the contact's first and last COP points.
    double stance_load_fraction = 0.10;
    // Robust: the construction line runs from the most medial COP point in the first this-fraction
    // of the stance (by time) to the most medial in the last; 0 = the very first and last points.
    double endpoint_window_fraction = 0.05;
    // Robust: only COP points of frames loaded with at least this fraction of the contact's peak
    // load can be ends, and the window above is a fraction of the time between the first and the
    // last such frame. 0 = every frame.
    double endpoint_min_load_fraction = 0.20;
    // Fewer valid COP points than this: no CPEI.
    std::size_t min_cop_points = 10;
    // The COP must roll heel to toe: of its movement along the foot axis, at least this share runs
    // forward (a walking step: 0.98 or more; a contact that shuffles or stands: far less).
    double min_heel_to_toe_share = 0.75;
    // A contact cut by the plate edge or the recording has no CPEI unless this is true.
    bool allow_incomplete_contact = false;
};

struct CpeiResult {
    double cpei_pct = kNaN;        // CPE / width x 100; lower = more pronated
    double cpe_mm = kNaN;          // across the foot, construction line minus COP path (lateral of the line > 0)
    double width_mm = kNaN;        // the print's contact width on the measuring line (print_width_across)
    double line_along_mm = kNaN;   // the measuring line, mm from the heel centre along the axis

    // For drawing (plate coordinates, mm).
    Point construction_start;      // the construction line's ends (COP points)
    Point construction_end;
    double construction_start_s = kNaN;  // their times (s, like ContactSample::time_s)
    double construction_end_s = kNaN;
    Point line_medial_end;         // the measuring line's ends on the print's edges
    Point line_lateral_end;
    Point construction_crossing;   // where the construction line crosses the measuring line
    Point cop_crossing;            // where the COP path crosses it

    std::string why_not;           // empty when cpei_pct is there
    bool ok() const { return why_not.empty(); }
};

// CPEI of one contact, with the footprint's axis, foot length and side (for medial).
CpeiResult compute_cpei(const SensorMap& sensors, const Contact& contact, const Footprint& footprint,
                        const CpeiConfig& config = {});

// Load over the stance by halves and regions of one contact's footprint. The loads are
// impulses (force-time integrals, trapezoid over the contact's frames) of the sensors of each
// half or region.
struct LoadDistribution {
    double medial_impulse_n_s = kNaN;    // NaN for raw counts (then only the ratios below)
    double lateral_impulse_n_s = kNaN;
    double medial_lateral_index = kNaN;  // (medial - lateral) / (medial + lateral), -1 .. 1; > 0 medial
    double heel_pct = kNaN;              // shares of the whole foot's impulse, %
    double midfoot_pct = kNaN;
    double forefoot_pct = kNaN;
    double toes_pct = kNaN;
    double forefoot_rearfoot_ratio = kNaN;  // (forefoot + toes) / heel
    std::string why_not;
    bool ok() const { return why_not.empty(); }
};

LoadDistribution load_distribution(const TrialInput& trial, const Contact& contact, const Footprint& footprint);

}  // namespace plantar::analysis
