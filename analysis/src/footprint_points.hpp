// Private to the footprint part: a print as a set of points (one per contact sensor) and the
// steps analyse_footprint is made of, each in its own file (foot_axis.cpp, footprint_toes.cpp,
// regions.cpp, footprint.cpp).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "plantar/analysis/footprint.hpp"

namespace plantar::analysis::footprint_detail {

struct PrintPoint {
    std::size_t index = 0;  // value index in the frame
    double x = 0.0, y = 0.0;
    double area = 0.0;      // mm^2
    double extent = 0.0;    // sqrt(area): the sensor's size along any direction, mm
    bool edge = false;      // a present sensor out of contact lies next to it
    double counted_area = 0.0;  // area, or its expected covered part on the print's edge
    double peak = 0.0;
    double along = 0.0;     // in the current axis's coordinates
    double across = 0.0;    // towards the axis's medial vector
    bool toe = false;
};

struct Print {
    std::vector<PrintPoint> points;
    double spacing = 0.0;   // median nearest-neighbour distance between sensor centres
    double extent = 0.0;    // median sensor extent
    // Front of the print without toes along the axis, set by find_toes (NaN: the front edge of
    // the non-toe sensors).
    double toeless_front = 0.0;
};

// The mask's present sensors with positions; spacing, extent and edge sensors filled in. With
// `edge_correction`, edge sensors count with their expected covered fraction (FootprintConfig::
// edge_coverage_correction); a print without peak values (all 0) counts them at one half.
Print collect_print(const SensorMap& sensors, std::span<const float> peak, std::span<const std::uint8_t> mask,
                    bool edge_correction);

// Recomputes along/across of every point for an axis.
void project(Print& print, const FootAxis& axis);

// Axis with the given origin and heel->toe direction; medial vector from the side (Unknown is
// treated as Left until the side is known; only the across sign depends on it).
FootAxis make_axis(AxisMethod method, Point heel, double along_x, double along_y, Side side);

// First guess: long axis of the contact area, pointing to the wider end (the forefoot); when
// both ends are about as wide, the direction the COP path progresses in, else plate +y.
FootAxis initial_axis(const Print& print, std::span<const Point> cop_path, std::vector<std::string>& notes);

// Heel centre and forefoot centre (area centroids, toes excluded) on the current axis.
Point heel_centre(const Print& print, const FootprintConfig& config);
Point forefoot_centre(const Print& print, const FootprintConfig& config);

// Long axis of the COP path; false when it has fewer than 3 valid points or no extent.
bool cop_path_direction(std::span<const Point> cop_path, double& along_x, double& along_y);

// Extremes of the print along the current axis, by sensor edges (centre -/+ extent/2).
double back_edge(const Print& print);
double front_edge(const Print& print, bool without_toes);

// Marks toe points (PrintPoint::toe) on the current axis and sets Print::toeless_front;
// returns how many.
std::size_t find_toes(Print& print, const FootprintConfig& config);

// Contact width across the axis at `along` (area in the slab / slab thickness), toes optionally
// excluded.
double width_at(const Print& print, double along, double slab, bool without_toes);

// Side the print shows: the medial side is the side of the hallux and of the arch concavity.
// `basis` says which signs were seen, in plate terms.
Side side_from_print(const Print& print, const FootAxis& axis, double heel_back, double toeless_front,
                     std::string& basis);

// Region, half and detail labels per value index (footprint.regions, halves, detail).
void label_regions(const Print& print, const FootprintConfig& config, Footprint& footprint);

}  // namespace plantar::analysis::footprint_detail
