// A footprint's geometry: foot axis, lengths and widths, region labels and the footprint
// indices (arch index, Chippaux-Smirak, Staheli). footprint.hpp computes it from a contact's
// peak image; the viewer draws it. Data only. Every formula is in docs/methods.md.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "plantar/analysis/sensor_map.hpp"

namespace plantar::analysis {

enum class AxisMethod { HeelToSecondToe, CopPath };
std::string to_string(AxisMethod method);  // "heel-centre to second toe", "centre-of-pressure path"

// The foot axis: from the heel centre towards the second toe. Positions along the foot are
// measured from `heel` along `along`; positions across it along `medial` (towards the big toe).
struct FootAxis {
    AxisMethod method = AxisMethod::HeelToSecondToe;
    Point heel;                 // centre of the heel
    Point toe;                  // the second toe (or the front of the print, see docs/methods.md)
    double along_x = 0.0, along_y = 1.0;    // unit vector heel -> toe
    double medial_x = 1.0, medial_y = 0.0;  // unit vector across the foot, towards the medial side
    double angle_deg = 0.0;     // along against the plate's +y axis, positive turning toes to +x

    double along(const Point& p) const { return (p.x_mm - heel.x_mm) * along_x + (p.y_mm - heel.y_mm) * along_y; }
    double across(const Point& p) const { return (p.x_mm - heel.x_mm) * medial_x + (p.y_mm - heel.y_mm) * medial_y; }
    Point at(double along_mm, double across_mm) const {
        return {heel.x_mm + along_mm * along_x + across_mm * medial_x, heel.y_mm + along_mm * along_y + across_mm * medial_y};
    }
};

// Coarse regions (the label images the viewer draws, one label per value index).
enum class Region : std::uint8_t { None = 0, Heel = 1, Midfoot = 2, Forefoot = 3, Toes = 4 };
// Finer regions where the resolution allows (docs/methods.md says when).
enum class DetailRegion : std::uint8_t {
    None = 0, MedialHeel, LateralHeel, MedialMidfoot, LateralMidfoot,
    Metatarsal1, Metatarsal2, Metatarsal3, Metatarsal4, Metatarsal5, Hallux, LesserToes
};
enum class FootHalf : std::uint8_t { None = 0, Medial = 1, Lateral = 2 };
std::string to_string(Region region);          // "heel", "midfoot", "forefoot", "toes"
std::string to_string(DetailRegion region);    // "medial heel", ..., "metatarsal 1", ..., "hallux", "lesser toes"

struct Footprint {
    Side side = Side::Unknown;       // the side used for medial/lateral
    Side side_from_print = Side::Unknown;  // what the print alone says
    std::string side_from_print_basis;     // in words ("hallux and arch concavity on the -x side")

    FootAxis axis;
    // Along the axis, mm from the heel centre: the back of the heel, the front of the toe-less
    // print, and the front of the toes.
    double heel_back_mm = kNaN;
    double toeless_front_mm = kNaN;
    double toes_front_mm = kNaN;
    double length_mm = kNaN;             // back of heel to front of toes
    double forefoot_width_mm = kNaN;     // widest across the forefoot, perpendicular to the axis
    double heel_width_mm = kNaN;         // widest across the heel
    double midfoot_min_width_mm = kNaN;  // narrowest across the midfoot
    bool has_heel = false;               // false for a toe-walker's print
    bool has_toes = false;

    std::vector<std::uint8_t> toes;      // per value index: 1 = toe sensor (excluded from the arch index)
    std::vector<Region> regions;         // per value index
    std::vector<FootHalf> halves;        // per value index
    std::vector<DetailRegion> detail;    // per value index

    // Arch index thirds (Cavanagh & Rodgers): boundaries along the axis, mm from the heel centre.
    double third_heel_mid_mm = kNaN;
    double third_mid_fore_mm = kNaN;

    double arch_index = kNaN;            // NaN when it cannot be computed (see notes)
    double chippaux_smirak_pct = kNaN;
    double staheli = kNaN;
    std::vector<std::string> notes;      // why an index is missing, or what was odd
};

}  // namespace plantar::analysis
