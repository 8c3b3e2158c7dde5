// analyse_footprint: axis, toes, side, lengths, widths, regions and indices of one print, in
// that order (docs/methods.md sections 2 to 5).
#include "plantar/analysis/footprint.hpp"

#include <algorithm>
#include <cmath>

#include "footprint_points.hpp"
#include "plantar/capture/errors.hpp"

namespace plantar::analysis {

using namespace footprint_detail;

namespace {

// Heel centre -> forefoot centre, the toes found on each axis in turn: twice is enough for the
// axis to settle (the second pass moves it by well under a degree on simulated prints).
FootAxis settle_axis(Print& print, const FootprintConfig& config, std::span<const Point> cop_path,
                     std::vector<std::string>& notes) {
    FootAxis axis = initial_axis(print, cop_path, notes);
    project(print, axis);
    for (int pass = 0; pass < 3; ++pass) {
        const Point heel = heel_centre(print, config);
        const Point front = forefoot_centre(print, config);
        if (heel.valid() && front.valid() && (front.x_mm != heel.x_mm || front.y_mm != heel.y_mm)) {
            axis = make_axis(AxisMethod::HeelToSecondToe, heel, front.x_mm - heel.x_mm, front.y_mm - heel.y_mm, Side::Left);
            project(print, axis);
        }
        find_toes(print, config);
    }
    if (config.axis_method == AxisMethod::CopPath) {
        double dx = 0.0, dy = 0.0;
        if (cop_path_direction(cop_path, dx, dy)) {
            if (dx * axis.along_x + dy * axis.along_y < 0.0) dx = -dx, dy = -dy;  // heel -> toes
            axis = make_axis(AxisMethod::CopPath, axis.heel, dx, dy, Side::Left);
            project(print, axis);
            find_toes(print, config);
        } else {
            notes.push_back("COP-path axis asked for, but the path has fewer than 3 points: heel-to-second-toe axis used");
        }
    }
    return axis;
}

// Widest or narrowest contact width between two along positions (toes excluded), sampled every
// half sensor with a one-sensor slab.
double extreme_width(const Print& print, double from, double to, bool widest) {
    double best = kNaN;
    const double step = print.extent / 2.0;
    for (double a = from + step; a <= to - step + 1e-9; a += step) {
        const double w = width_at(print, a, print.extent, true);
        if (std::isnan(best) || (widest ? w > best : w < best)) best = w;
    }
    return best;
}

void measure_indices(const Print& print, const FootprintConfig& config, Footprint& footprint) {
    const double back = footprint.heel_back_mm;
    const double toeless = footprint.toeless_front_mm - back;
    const double third = toeless / 3.0;
    footprint.third_heel_mid_mm = back + third;
    footprint.third_mid_fore_mm = back + 2.0 * third;
    footprint.heel_width_mm = extreme_width(print, back, footprint.third_heel_mid_mm, true);
    footprint.forefoot_width_mm = extreme_width(print, footprint.third_mid_fore_mm, footprint.toeless_front_mm, true);
    footprint.midfoot_min_width_mm = extreme_width(print, footprint.third_heel_mid_mm, footprint.third_mid_fore_mm, false);

    footprint.has_heel = toeless >= config.min_length_to_width * footprint.forefoot_width_mm;
    if (!footprint.has_heel) {
        footprint.notes.push_back("no heel: the print without toes is " + std::to_string(std::lround(toeless)) +
                                  " mm long and " + std::to_string(std::lround(footprint.forefoot_width_mm)) +
                                  " mm wide (a whole foot is at least " + std::to_string(config.min_length_to_width).substr(0, 3) +
                                  " times as long as wide): toe-walking or a partial print, so no arch index, "
                                  "Chippaux-Smirak or Staheli index");
        return;
    }
    // Arch Index (Cavanagh & Rodgers 1987): each toe-less sensor's area is split between the
    // thirds by the part of its extent along the axis that falls in each.
    double area[3] = {0.0, 0.0, 0.0};
    for (const auto& p : print.points) {
        if (p.toe) continue;
        for (int k = 0; k < 3; ++k) {
            const double from = back + k * third, to = from + third;
            const double inside = std::max(0.0, std::min(p.along + p.extent / 2, to) - std::max(p.along - p.extent / 2, from));
            area[k] += p.counted_area * inside / p.extent;
        }
    }
    const double total = area[0] + area[1] + area[2];
    if (total > 0.0) footprint.arch_index = area[1] / total;
    if (footprint.forefoot_width_mm > 0.0)
        footprint.chippaux_smirak_pct = footprint.midfoot_min_width_mm / footprint.forefoot_width_mm * 100.0;
    if (footprint.heel_width_mm > 0.0) footprint.staheli = footprint.midfoot_min_width_mm / footprint.heel_width_mm;
}

}  // namespace

Footprint analyse_footprint(const SensorMap& sensors, std::span<const float> peak, std::span<const std::uint8_t> mask,
                            Side known_side, const FootprintConfig& config, std::span<const Point> cop_path) {
    const std::size_t n = sensors.size();
    if (peak.size() != n || mask.size() != n)
        throw InvalidArgument("analyse_footprint: the peak image and the mask need one value per sensor (" +
                              std::to_string(n) + "), got " + std::to_string(peak.size()) + " and " +
                              std::to_string(mask.size()));
    Footprint footprint;
    footprint.side = known_side;
    footprint.toes.assign(n, 0);
    footprint.regions.assign(n, Region::None);
    footprint.halves.assign(n, FootHalf::None);
    footprint.detail.assign(n, DetailRegion::None);
    if (!sensors.positions_known()) {
        footprint.notes.push_back("sensor positions unknown: no axis, regions, widths or indices");
        footprint.side_from_print_basis = "sensor positions unknown";
        return footprint;
    }
    Print print = collect_print(sensors, peak, mask, config.edge_coverage_correction);
    // Three sensors at least whatever the setting: an axis needs an extent.
    const std::size_t needed = std::max<std::size_t>(config.min_sensors, 3);
    if (print.points.size() < needed) {
        footprint.notes.push_back("too small to be a foot: " + std::to_string(print.points.size()) +
                                  " sensors in contact, at least " + std::to_string(needed) + " needed");
        footprint.side_from_print_basis = "print too small";
        return footprint;
    }

    FootAxis axis = settle_axis(print, config, cop_path, footprint.notes);
    footprint.heel_back_mm = back_edge(print);
    footprint.toes_front_mm = front_edge(print, false);
    footprint.toeless_front_mm = front_edge(print, true);
    footprint.length_mm = footprint.toes_front_mm - footprint.heel_back_mm;
    footprint.side_from_print =
        side_from_print(print, axis, footprint.heel_back_mm, footprint.toeless_front_mm, footprint.side_from_print_basis);
    if (footprint.side == Side::Unknown) footprint.side = footprint.side_from_print;
    if (footprint.side == Side::Right) {
        axis = make_axis(axis.method, axis.heel, axis.along_x, axis.along_y, Side::Right);
        project(print, axis);
    }
    axis.toe = axis.at(footprint.toes_front_mm, 0.0);
    footprint.axis = axis;

    for (const auto& p : print.points)
        if (p.toe) footprint.toes[p.index] = 1;
    footprint.has_toes = std::any_of(print.points.begin(), print.points.end(), [](const PrintPoint& p) { return p.toe; });
    if (!footprint.has_toes) footprint.notes.push_back("no toes found: the arch index uses the whole print");

    measure_indices(print, config, footprint);
    label_regions(print, config, footprint);
    return footprint;
}

double print_width_across(const SensorMap& sensors, std::span<const std::uint8_t> mask, const FootAxis& axis,
                          double along_mm, double slab_mm, std::span<const float> peak) {
    if (!sensors.positions_known() || mask.size() != sensors.size()) return kNaN;
    const std::vector<float> no_peak(peak.size() == sensors.size() ? 0 : sensors.size(), 0.0f);
    Print print = collect_print(sensors, peak.size() == sensors.size() ? peak : std::span<const float>(no_peak), mask, true);
    if (print.points.empty()) return kNaN;
    project(print, axis);
    return width_at(print, along_mm, slab_mm > 0.0 ? slab_mm : print.extent, false);
}

}  // namespace plantar::analysis
