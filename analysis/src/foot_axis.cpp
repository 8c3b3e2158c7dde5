// The foot axis and the side the print shows. The axis runs from the heel centre towards the
// second toe (Cavanagh & Rodgers 1987); at plate resolution the second toe is rarely separate
// from the hallux and third toe, so its across position is taken from the forefoot centre
// (docs/methods.md section 3 says why that is close).
#include <algorithm>
#include <cmath>
#include <numbers>

#include "footprint_points.hpp"

namespace plantar::analysis::footprint_detail {

namespace {

// Area centroid of the points whose along position lies in [from, to) (toes optional).
Point centroid(const Print& print, double from, double to, bool without_toes) {
    double sum = 0.0, sx = 0.0, sy = 0.0;
    for (const auto& p : print.points) {
        if ((without_toes && p.toe) || p.along < from || p.along >= to) continue;
        sum += p.area;
        sx += p.area * p.x;
        sy += p.area * p.y;
    }
    if (!(sum > 0.0)) return {};
    return Point{sx / sum, sy / sum};
}

// Principal direction of a weighted point cloud (unit vector, sign arbitrary).
bool principal_direction(double sxx, double syy, double sxy, double& dx, double& dy) {
    const double angle = 0.5 * std::atan2(2.0 * sxy, sxx - syy);
    dx = std::cos(angle);
    dy = std::sin(angle);
    return sxx + syy > 0.0;
}

std::string plate_side(double x, double y) {
    if (std::abs(x) >= std::abs(y)) return x >= 0.0 ? "+x" : "-x";
    return y >= 0.0 ? "+y" : "-y";
}

}  // namespace

FootAxis make_axis(AxisMethod method, Point heel, double along_x, double along_y, Side side) {
    FootAxis axis;
    axis.method = method;
    axis.heel = heel;
    const double norm = std::hypot(along_x, along_y);
    axis.along_x = along_x / norm;
    axis.along_y = along_y / norm;
    // Toes pointing +y: the left foot's medial side is +x (the right-hand perpendicular).
    const double mirror = side == Side::Right ? -1.0 : 1.0;
    axis.medial_x = mirror * axis.along_y;
    axis.medial_y = -mirror * axis.along_x;
    axis.angle_deg = std::atan2(axis.along_x, axis.along_y) * 180.0 / std::numbers::pi;
    return axis;
}

FootAxis initial_axis(const Print& print, std::span<const Point> cop_path, std::vector<std::string>& notes) {
    double sum = 0.0, mx = 0.0, my = 0.0;
    for (const auto& p : print.points) {
        sum += p.area;
        mx += p.area * p.x;
        my += p.area * p.y;
    }
    mx /= sum;
    my /= sum;
    double sxx = 0.0, syy = 0.0, sxy = 0.0;
    for (const auto& p : print.points) {
        sxx += p.area * (p.x - mx) * (p.x - mx);
        syy += p.area * (p.y - my) * (p.y - my);
        sxy += p.area * (p.x - mx) * (p.y - my);
    }
    double dx = 0.0, dy = 1.0;
    if (!principal_direction(sxx, syy, sxy, dx, dy)) dx = 0.0, dy = 1.0;
    FootAxis axis = make_axis(AxisMethod::HeelToSecondToe, Point{mx, my}, dx, dy, Side::Left);

    // The forefoot end is the wider one: compare the widest contact width (area in a slab one
    // sensor thick, divided by its thickness) in the two end 30 %. Not their areas: a flat
    // foot's midfoot makes the back 30 % as big as the front.
    Print projected = print;
    project(projected, axis);
    double low = 1e300, high = -1e300;
    for (const auto& p : projected.points) low = std::min(low, p.along), high = std::max(high, p.along);
    const double span = high - low;
    double back_width = 0.0, front_width = 0.0;
    for (double a = low; a <= high; a += projected.extent / 2.0) {
        const double w = width_at(projected, a, projected.extent, false);
        if (a < low + 0.3 * span) back_width = std::max(back_width, w);
        if (a > high - 0.3 * span) front_width = std::max(front_width, w);
    }
    double sign = 0.0;
    if (front_width > 1.1 * back_width) sign = 1.0;
    else if (back_width > 1.1 * front_width) sign = -1.0;
    else {
        double cx = 0.0, cy = 0.0;
        if (cop_path_direction(cop_path, cx, cy)) {
            // Walking, the COP runs from heel to toes: orient by the path's first and last points.
            Point first, last;
            for (const auto& p : cop_path)
                if (p.valid()) {
                    if (!first.valid()) first = p;
                    last = p;
                }
            sign = (last.x_mm - first.x_mm) * dx + (last.y_mm - first.y_mm) * dy >= 0.0 ? 1.0 : -1.0;
            notes.push_back("both ends of the print are about as wide: heel and toes told apart by the COP path");
        } else {
            sign = dy >= 0.0 ? 1.0 : -1.0;
            notes.push_back("both ends of the print are about as wide: toes assumed to point along the plate (+y)");
        }
    }
    return make_axis(AxisMethod::HeelToSecondToe, Point{mx, my}, sign * dx, sign * dy, Side::Left);
}

Point heel_centre(const Print& print, const FootprintConfig& config) {
    const double back = back_edge(print);
    const double length = front_edge(print, false) - back;
    return centroid(print, back, back + config.heel_centre_fraction * length, false);
}

Point forefoot_centre(const Print& print, const FootprintConfig& config) {
    const double back = back_edge(print);
    const double length = front_edge(print, false) - back;
    return centroid(print, back + config.forefoot_centre_from_fraction * length,
                    back + config.forefoot_centre_to_fraction * length, true);
}

bool cop_path_direction(std::span<const Point> cop_path, double& along_x, double& along_y) {
    double n = 0.0, mx = 0.0, my = 0.0;
    for (const auto& p : cop_path)
        if (p.valid()) n += 1.0, mx += p.x_mm, my += p.y_mm;
    if (n < 3.0) return false;
    mx /= n;
    my /= n;
    double sxx = 0.0, syy = 0.0, sxy = 0.0;
    for (const auto& p : cop_path)
        if (p.valid()) {
            sxx += (p.x_mm - mx) * (p.x_mm - mx);
            syy += (p.y_mm - my) * (p.y_mm - my);
            sxy += (p.x_mm - mx) * (p.y_mm - my);
        }
    return principal_direction(sxx, syy, sxy, along_x, along_y);
}

Side side_from_print(const Print& print, const FootAxis& axis, double heel_back, double toeless_front,
                     std::string& basis) {
    // Scores are positive when the axis's medial vector (the left foot's, by construction)
    // points to the medial side, normalised by the print's forefoot width.
    const double third = (toeless_front - heel_back) / 3.0;
    double width = 0.0;
    for (double a = heel_back + 2.0 * third; a <= toeless_front; a += print.extent / 2.0)
        width = std::max(width, width_at(print, a, print.extent, true));
    if (!(width > 0.0)) {
        basis = "print too small to show a medial side";
        return Side::Unknown;
    }
    // Arch concavity: the midfoot third's contact lies on the lateral side of the axis.
    double mid_area = 0.0, mid_across = 0.0, toe_load = 0.0, toe_across = 0.0;
    for (const auto& p : print.points) {
        if (!p.toe && p.along >= heel_back + third && p.along < heel_back + 2.0 * third)
            mid_area += p.area, mid_across += p.area * p.across;
        if (p.toe) toe_load += p.area * p.peak, toe_across += p.area * p.peak * p.across;
    }
    const double arch_score = mid_area > 0.0 ? -(mid_across / mid_area) / width : 0.0;
    // Hallux: the biggest, most loaded toe; the toes' load centroid lies on its side.
    const double hallux_score = toe_load > 0.0 ? (toe_across / toe_load) / width : 0.0;
    const double score = arch_score + hallux_score;
    const std::string plus = plate_side(axis.medial_x, axis.medial_y);
    const std::string minus = plate_side(-axis.medial_x, -axis.medial_y);
    auto words = [&](const char* what, double s) {
        return std::string(what) + " on the " + (s >= 0.0 ? plus : minus) + " side";
    };
    basis = words("arch concavity", arch_score);
    basis += toe_load > 0.0 ? ", " + words("hallux", hallux_score) : ", no toes found";
    constexpr double undecided = 0.02;
    if (std::abs(score) < undecided) {
        basis += ": too weak to tell the medial side";
        return Side::Unknown;
    }
    if (toe_load > 0.0 && (arch_score >= 0.0) != (hallux_score >= 0.0))
        basis += ": they disagree, the stronger sign wins";
    return score > 0.0 ? Side::Left : Side::Right;
}

}  // namespace plantar::analysis::footprint_detail
