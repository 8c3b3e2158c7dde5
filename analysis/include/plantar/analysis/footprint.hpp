// The footprint of one contact: foot axis, length and widths, toes, regions, the side the print
// shows, and the footprint indices (Arch Index, Chippaux-Smirak, Staheli). It works on the
// contact's sensors as a set of points (centre, area, peak value), so grids, grids with holes
// and placed sensors (pliance) are one case. Formulas, defaults and sources: docs/methods.md
// sections 2 to 5.
#pragma once

#include <cstdint>
#include <span>

#include "plantar/analysis/footprint_types.hpp"
#include "plantar/analysis/sensor_map.hpp"

namespace plantar::analysis {

struct FootprintConfig {
    // How the foot axis is drawn. HeelToSecondToe (Cavanagh & Rodgers 1987) is the default;
    // CopPath uses the long axis of the centre-of-pressure path (pressuRe's choice) and falls
    // back to HeelToSecondToe, with a note, when the path has fewer than 3 valid points.
    AxisMethod axis_method = AxisMethod::HeelToSecondToe;

    // Coarse regions by fraction of foot length (back of heel to front of toes), as pressuRe's
    // open imitation of Novel's automask: heel 0-27 %, midfoot 27-55 %, forefoot 55-100 %, toes
    // cut off the front (docs/methods.md section 4).
    double heel_end_fraction = 0.27;
    double midfoot_end_fraction = 0.55;

    // Toes: in each strip of the print (one sensor wide, parallel to the axis) the toes begin
    // after a gap in contact or after a pressure valley in front of the metatarsal heads, each
    // judged on a sensor's own line along the axis. A valley counts when its peak value is at
    // most `toe_valley_ratio` of the highest value on each side of it (behind it on the line's
    // forefoot, and in front of it), and it lies
    // at least `toe_search_start_fraction` of the print length from the back of the heel, and
    // the values in front of it rise above it by at least `toe_min_rise_fraction` of the
    // print's highest value, or of twice the strip's highest forefoot value when that is lower
    // (so that a ragged front edge is not taken for toes, while a standing print's lightly
    // loaded toes still are).
    double toe_valley_ratio = 0.8;
    double toe_search_start_fraction = 0.70;
    double toe_min_rise_fraction = 0.10;

    // Heel centre: centroid of the contact area in the back `heel_centre_fraction` of the print;
    // forefoot centre (the axis's front point when the second toe cannot be told from the
    // other toes): centroid of the toe-less contact area between these fractions of length.
    double heel_centre_fraction = 0.20;
    double forefoot_centre_from_fraction = 0.60;
    double forefoot_centre_to_fraction = 0.80;

    // A print counts as a foot with a heel when it has at least `min_sensors` sensors and its
    // toe-less length is at least `min_length_to_width` times its widest forefoot width (a
    // whole adult foot is about 2.2; a forefoot-and-toes print of a toe-walker about 1).
    std::size_t min_sensors = 12;
    // A sensor counts as in contact once a small part of it is loaded, so whole-sensor areas
    // make a print too big by about half a sensor all round (and a narrow midfoot far too
    // wide). With this on, a contact sensor next to a present sensor out of contact (within
    // 1.2 spacings) is an edge sensor and counts in areas and widths with its expected covered
    // fraction (1 + t/P) / 2: it was detected because its covered part c gave c x P >= t, with
    // t the contact threshold (taken as the lowest peak value of the print) and P the pressure
    // a wholly covered sensor there would read (the highest peak among it and its neighbours).
    // docs/methods.md section 5.
    bool edge_coverage_correction = true;
    double min_length_to_width = 1.5;

    // Detail regions (metatarsal heads 1-5, hallux, lesser toes, medial/lateral heel and
    // midfoot) are labelled only when the forefoot is at least this many sensors wide, i.e. two
    // sensors per metatarsal band; otherwise `detail` stays None and a note says why.
    double detail_min_sensors_across_forefoot = 10.0;
    // Detail regions are geometric: the toe-less forefoot's width split into five equal bands
    // (metatarsal 1 medial .. 5 lateral), and the toes split at this fraction of their width
    // from the medial edge (hallux medial, lesser toes lateral). Approximations, (unverified).
    double hallux_width_fraction = 0.35;
};

// The footprint of one contact. `peak` and `mask` have one value per value index of
// `sensors` (throws plantar::InvalidArgument otherwise); only sensors with mask != 0 that are
// present count. known_side Unknown: the side the print shows is used. `cop_path` is needed
// only for AxisMethod::CopPath. Never throws for odd prints: indices are NaN and `notes` say
// why (no positions, too few sensors, no heel).
Footprint analyse_footprint(const SensorMap& sensors, std::span<const float> peak, std::span<const std::uint8_t> mask,
                            Side known_side, const FootprintConfig& config = {},
                            std::span<const Point> cop_path = {});

// The contact width of a print across the axis at `along_mm` from the heel centre: the area of
// the mask's sensors within a slab perpendicular to the axis, divided by the slab's thickness
// (each sensor counted by the part of its extent along the axis, sqrt(area), inside the slab).
// slab_mm <= 0 or NaN: one sensor extent (the median over the mask). With the peak image, edge
// sensors count with their expected covered fraction as in FootprintConfig; without it (empty
// span), with half their area. Gaps across the print do not count. NaN without positions or
// sensors. CPEI uses it at 2/3 of foot length.
double print_width_across(const SensorMap& sensors, std::span<const std::uint8_t> mask, const FootAxis& axis,
                          double along_mm, double slab_mm = kNaN, std::span<const float> peak = {});

}  // namespace plantar::analysis
