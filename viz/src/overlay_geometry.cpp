#include "plantar/viz/overlay_geometry.hpp"

#include <cmath>

namespace plantar::viz {

ScreenPoint plate_to_screen(const PlateGeometry& geometry, const ImageRect& image, const analysis::Point& p) {
    // In sensor units from the image's left edge and from its top edge.
    const double u = p.x_mm / geometry.pitch_x_mm + 0.5;
    const double v = static_cast<double>(geometry.rows) - 0.5 - p.y_mm / geometry.pitch_y_mm;
    return ScreenPoint{image.x + static_cast<float>(u / geometry.cols * static_cast<double>(image.width)),
                       image.y + static_cast<float>(v / geometry.rows * static_cast<double>(image.height))};
}

std::vector<PlateSegment> region_outline(const PlateGeometry& geometry, std::span<const analysis::Region> regions,
                                         analysis::Region region) {
    std::vector<PlateSegment> edges;
    if (regions.size() != geometry.sensor_count()) return edges;
    const auto inside = [&](int row, int col) {
        return row >= 0 && row < geometry.rows && col >= 0 && col < geometry.cols &&
               regions[geometry.index(row, col)] == region;
    };
    const double hx = geometry.pitch_x_mm / 2.0, hy = geometry.pitch_y_mm / 2.0;
    for (int row = 0; row < geometry.rows; ++row) {
        for (int col = 0; col < geometry.cols; ++col) {
            if (!inside(row, col)) continue;
            const double x = geometry.x_mm(col), y = geometry.y_mm(row);
            if (!inside(row, col - 1)) edges.push_back({{x - hx, y - hy}, {x - hx, y + hy}});
            if (!inside(row, col + 1)) edges.push_back({{x + hx, y - hy}, {x + hx, y + hy}});
            if (!inside(row - 1, col)) edges.push_back({{x - hx, y - hy}, {x + hx, y - hy}});
            if (!inside(row + 1, col)) edges.push_back({{x - hx, y + hy}, {x + hx, y + hy}});
        }
    }
    return edges;
}

PlateSegment across_axis(const analysis::FootAxis& axis, double along_mm, double half_length_mm) {
    return {axis.at(along_mm, half_length_mm), axis.at(along_mm, -half_length_mm)};
}

std::vector<std::size_t> steps_to_draw(const analysis::TrialAnalysis& analysis, std::size_t frame, bool all_steps) {
    std::vector<std::size_t> shown;
    for (std::size_t i = 0; i < analysis.steps.size(); ++i) {
        const analysis::StepAnalysis& step = analysis.steps[i];
        const analysis::Contact& contact = step.contact;
        if (contact.cut_by_recording_start || contact.cut_by_recording_end) continue;
        if (!step.footprint.axis.heel.valid() || !step.footprint.axis.toe.valid()) continue;
        if (all_steps || (contact.first_frame <= frame && frame <= contact.last_frame)) shown.push_back(i);
    }
    return shown;
}

}  // namespace plantar::viz
