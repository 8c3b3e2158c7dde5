// Region labels per sensor: coarse regions by fraction of foot length along the axis, halves by
// the side of the axis, and detail regions (docs/methods.md section 4).
#include <algorithm>
#include <cmath>

#include "footprint_points.hpp"

namespace plantar::analysis {

std::string to_string(AxisMethod method) {
    switch (method) {
        case AxisMethod::HeelToSecondToe: return "heel-centre to second toe";
        case AxisMethod::CopPath: return "centre-of-pressure path";
    }
    return "unknown";
}

std::string to_string(Region region) {
    switch (region) {
        case Region::None: return "none";
        case Region::Heel: return "heel";
        case Region::Midfoot: return "midfoot";
        case Region::Forefoot: return "forefoot";
        case Region::Toes: return "toes";
    }
    return "none";
}

std::string to_string(DetailRegion region) {
    switch (region) {
        case DetailRegion::None: return "none";
        case DetailRegion::MedialHeel: return "medial heel";
        case DetailRegion::LateralHeel: return "lateral heel";
        case DetailRegion::MedialMidfoot: return "medial midfoot";
        case DetailRegion::LateralMidfoot: return "lateral midfoot";
        case DetailRegion::Metatarsal1: return "metatarsal 1";
        case DetailRegion::Metatarsal2: return "metatarsal 2";
        case DetailRegion::Metatarsal3: return "metatarsal 3";
        case DetailRegion::Metatarsal4: return "metatarsal 4";
        case DetailRegion::Metatarsal5: return "metatarsal 5";
        case DetailRegion::Hallux: return "hallux";
        case DetailRegion::LesserToes: return "lesser toes";
    }
    return "none";
}

namespace footprint_detail {

namespace {

// Medial and lateral edges (across, by sensor edges) of the points of one region.
bool across_edges(const Print& print, const Footprint& footprint, Region region, double& lateral, double& medial) {
    lateral = 1e300;
    medial = -1e300;
    for (const auto& p : print.points) {
        if (footprint.regions[p.index] != region) continue;
        lateral = std::min(lateral, p.across - p.extent / 2);
        medial = std::max(medial, p.across + p.extent / 2);
    }
    return medial > lateral;
}

}  // namespace

void label_regions(const Print& print, const FootprintConfig& config, Footprint& footprint) {
    const double back = footprint.heel_back_mm;
    const double length = footprint.length_mm;
    if (!(length > 0.0)) return;
    for (const auto& p : print.points) {
        const double fraction = (p.along - back) / length;
        Region region = Region::Forefoot;
        if (p.toe) region = Region::Toes;
        else if (fraction < config.heel_end_fraction) region = Region::Heel;
        else if (fraction < config.midfoot_end_fraction) region = Region::Midfoot;
        footprint.regions[p.index] = region;
    }
    if (footprint.side == Side::Unknown) {
        footprint.notes.push_back("side unknown: no medial/lateral halves or detail regions");
        return;
    }
    for (const auto& p : print.points) footprint.halves[p.index] = p.across >= 0.0 ? FootHalf::Medial : FootHalf::Lateral;

    const double sensors_across = footprint.forefoot_width_mm / print.extent;
    if (!(sensors_across >= config.detail_min_sensors_across_forefoot)) {
        footprint.notes.push_back("no detail regions: the forefoot is " + std::to_string(std::lround(sensors_across)) +
                                  " sensors wide, fewer than the " +
                                  std::to_string(std::lround(config.detail_min_sensors_across_forefoot)) +
                                  " needed for two per metatarsal band");
        return;
    }
    double fore_lateral = 0.0, fore_medial = 0.0, toe_lateral = 0.0, toe_medial = 0.0;
    const bool forefoot = across_edges(print, footprint, Region::Forefoot, fore_lateral, fore_medial);
    const bool toes = across_edges(print, footprint, Region::Toes, toe_lateral, toe_medial);
    const double band = (fore_medial - fore_lateral) / 5.0;
    const double hallux_from = toe_medial - config.hallux_width_fraction * (toe_medial - toe_lateral);
    for (const auto& p : print.points) {
        const bool medial = p.across >= 0.0;
        DetailRegion detail = DetailRegion::None;
        switch (footprint.regions[p.index]) {
            case Region::Heel: detail = medial ? DetailRegion::MedialHeel : DetailRegion::LateralHeel; break;
            case Region::Midfoot: detail = medial ? DetailRegion::MedialMidfoot : DetailRegion::LateralMidfoot; break;
            case Region::Forefoot:
                if (forefoot) {
                    const auto k = std::clamp(static_cast<int>(std::floor((fore_medial - p.across) / band)), 0, 4);
                    detail = static_cast<DetailRegion>(static_cast<int>(DetailRegion::Metatarsal1) + k);
                }
                break;
            case Region::Toes:
                if (toes) detail = p.across >= hallux_from ? DetailRegion::Hallux : DetailRegion::LesserToes;
                break;
            case Region::None: break;
        }
        footprint.detail[p.index] = detail;
    }
}

}  // namespace footprint_detail

}  // namespace plantar::analysis
