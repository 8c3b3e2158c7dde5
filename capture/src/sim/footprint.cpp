#include "footprint.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>

namespace plantar::sim::detail {

Placement::Placement(Side side, double heel_x_mm, double heel_y_mm, double axis_angle_deg, double heel_centre_u_mm)
    : heel_x_(heel_x_mm), heel_y_(heel_y_mm), heel_centre_u_(heel_centre_u_mm) {
    const double angle = axis_angle_deg * std::numbers::pi / 180.0;
    axis_x_ = std::sin(angle);
    axis_y_ = std::cos(angle);
    // Perpendicular to the axis; for the left foot at angle 0 it is +x, mirrored for the right.
    const double mirror = side == Side::Left ? 1.0 : -1.0;
    medial_x_ = mirror * std::cos(angle);
    medial_y_ = -mirror * std::sin(angle);
}

ContactFootprint make_footprint(const Placement& placement, const FootShape& shape, const FootRaster& raster,
                                const PlateGeometry& plate, int subsamples, const ChannelMask& printed) {
    // The foot's bounding box in sensor indices, which may reach beyond the plate: the load
    // there is part of the normalisation but is not measured.
    double min_x = 1e300, max_x = -1e300, min_y = 1e300, max_y = -1e300;
    for (double u : {0.0, shape.length()})
        for (double v : {-shape.half_width(), shape.half_width()}) {
            double x = 0.0, y = 0.0;
            placement.foot_to_plate(u, v, x, y);
            min_x = std::min(min_x, x), max_x = std::max(max_x, x);
            min_y = std::min(min_y, y), max_y = std::max(max_y, y);
        }
    const int col_begin = static_cast<int>(std::floor(min_x / plate.pitch_x_mm)) - 1;
    const int col_end = static_cast<int>(std::ceil(max_x / plate.pitch_x_mm)) + 2;
    const int row_begin = static_cast<int>(std::floor(min_y / plate.pitch_y_mm)) - 1;
    const int row_end = static_cast<int>(std::ceil(max_y / plate.pitch_y_mm)) + 2;

    ContactFootprint footprint;
    footprint.first_row = std::clamp(row_begin, 0, plate.rows);
    footprint.first_col = std::clamp(col_begin, 0, plate.cols);
    footprint.row_count = std::clamp(row_end, 0, plate.rows) - footprint.first_row;
    footprint.col_count = std::clamp(col_end, 0, plate.cols) - footprint.first_col;
    if (footprint.row_count <= 0 || footprint.col_count <= 0) {
        footprint.row_count = footprint.col_count = 0;
        footprint.cut_by_plate_edge = true;
        footprint.off_plate_area_fraction = 1.0;
        return footprint;  // wholly off the plate: nothing measured, nothing to sample
    }
    footprint.kpa_per_newton.assign(
        static_cast<std::size_t>(footprint.row_count) * static_cast<std::size_t>(footprint.col_count) * channel_count,
        0.0f);

    // Sub-samples cover the sensor's active area (a centred rectangle of the pitch cell scaled
    // to sensor_area_mm2), since that is what the sensor feels.
    const double active_scale = std::min(1.0, std::sqrt(plate.sensor_area_mm2 / (plate.pitch_x_mm * plate.pitch_y_mm)));
    std::vector<double> offset_x(static_cast<std::size_t>(subsamples)), offset_y(offset_x.size());
    for (int i = 0; i < subsamples; ++i) {
        const double fraction = (i + 0.5) / subsamples - 0.5;
        offset_x[static_cast<std::size_t>(i)] = fraction * plate.pitch_x_mm * active_scale;
        offset_y[static_cast<std::size_t>(i)] = fraction * plate.pitch_y_mm * active_scale;
    }
    const double per_subsample = 1.0 / (subsamples * subsamples);

    ChannelValues on_plate{}, off_plate{}, on_edge{};
    double area_on = 0.0, area_off = 0.0;  // in sub-samples of the print
    for (int row = row_begin; row < row_end; ++row) {
        for (int col = col_begin; col < col_end; ++col) {
            const bool on = row >= 0 && row < plate.rows && col >= 0 && col < plate.cols;
            ChannelValues mean{};
            double printed_here = 0.0;
            for (double oy : offset_y)
                for (double ox : offset_x) {
                    double u = 0.0, v = 0.0;
                    placement.plate_to_foot(col * plate.pitch_x_mm + ox, row * plate.pitch_y_mm + oy, u, v);
                    const float* cell = raster.at(u, v);
                    if (!cell) continue;
                    bool in_print = false;
                    for (int k = 0; k < channel_count; ++k) {
                        mean[k] += static_cast<double>(cell[k]);
                        in_print = in_print || (printed[static_cast<std::size_t>(k)] && cell[k] > 0.0f);
                    }
                    if (in_print) printed_here += 1.0;
                }
            (on ? area_on : area_off) += printed_here;
            const bool edge = on && (row == 0 || row == plate.rows - 1 || col == 0 || col == plate.cols - 1);
            ChannelValues& sum = on ? on_plate : off_plate;
            for (int k = 0; k < channel_count; ++k) {
                mean[k] *= per_subsample;
                sum[k] += mean[k];
                if (edge) on_edge[k] += mean[k];
            }
            if (!on) continue;
            const auto local =
                static_cast<std::size_t>(row - footprint.first_row) * static_cast<std::size_t>(footprint.col_count) +
                static_cast<std::size_t>(col - footprint.first_col);
            for (int k = 0; k < channel_count; ++k)
                footprint.kpa_per_newton[local * channel_count + static_cast<std::size_t>(k)] =
                    static_cast<float>(mean[k]);
        }
    }

    // Normalise each channel so that one newton on it, summed over every sensor the foot
    // covers (p * area, kPa * mm^2 = 1e-3 N), is exactly one newton.
    ChannelValues scale{};
    for (int k = 0; k < channel_count; ++k) {
        const double whole = on_plate[k] + off_plate[k];
        scale[k] = whole > 0.0 ? 1.0 / (whole * plate.sensor_area_mm2 * 1e-3) : 0.0;
        footprint.on_plate_fraction[k] = whole > 0.0 ? on_plate[k] / whole : 0.0;
        footprint.edge_fraction[k] = whole > 0.0 ? on_edge[k] / whole : 0.0;
    }
    footprint.off_plate_area_fraction = area_on + area_off > 0.0 ? area_off / (area_on + area_off) : 0.0;
    footprint.cut_by_plate_edge = area_off > 0.0;
    for (std::size_t i = 0; i < footprint.kpa_per_newton.size(); ++i)
        footprint.kpa_per_newton[i] =
            static_cast<float>(static_cast<double>(footprint.kpa_per_newton[i]) * scale[i % channel_count]);
    return footprint;
}

void add_contact_pressure(const ContactFootprint& footprint, const ChannelValues& loads_n, const PlateGeometry& plate,
                          std::vector<float>& pressure_kpa) {
    std::array<float, channel_count> weight{};
    for (int k = 0; k < channel_count; ++k) weight[static_cast<std::size_t>(k)] = static_cast<float>(loads_n[k]);
    const float* templates = footprint.kpa_per_newton.data();
    for (int r = 0; r < footprint.row_count; ++r) {
        float* out = &pressure_kpa[plate.index(footprint.first_row + r, footprint.first_col)];
        for (int c = 0; c < footprint.col_count; ++c, templates += channel_count) {
            float sum = 0.0f;
            for (std::size_t k = 0; k < channel_count; ++k) sum += weight[k] * templates[k];
            out[c] += sum;
        }
    }
}

}  // namespace plantar::sim::detail
