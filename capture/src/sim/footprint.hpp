// A foot placed on the plate: the transform between plate and foot coordinates, and the
// contact's sensor-space templates (kPa per newton of each channel), computed once per
// contact by supersampling each sensor, so that a frame is a few multiply-adds per sensor.
#pragma once

#include <vector>

#include "foot_model.hpp"
#include "plantar/capture/frame.hpp"

namespace plantar::sim::detail {

// Where a foot stands. Plate coordinates: x across (columns), y along (rows), mm at sensor
// centres. Convention: the subject faces +y; the left foot's medial side is +x and the right
// foot's medial side is -x (toward the body's midline when the left foot is on the -x side).
// axis_angle_deg turns the toes toward +x when positive, so toe-out is negative for the left
// foot and positive for the right.
class Placement {
public:
    Placement(Side side, double heel_x_mm, double heel_y_mm, double axis_angle_deg, double heel_centre_u_mm);

    void plate_to_foot(double x, double y, double& u, double& v) const {
        const double dx = x - heel_x_;
        const double dy = y - heel_y_;
        u = heel_centre_u_ + dx * axis_x_ + dy * axis_y_;
        v = dx * medial_x_ + dy * medial_y_;
    }
    void foot_to_plate(double u, double v, double& x, double& y) const {
        const double along = u - heel_centre_u_;
        x = heel_x_ + along * axis_x_ + v * medial_x_;
        y = heel_y_ + along * axis_y_ + v * medial_y_;
    }

private:
    double heel_x_, heel_y_, heel_centre_u_;
    double axis_x_, axis_y_;      // unit vector heel -> toes
    double medial_x_, medial_y_;  // unit vector lateral -> medial
};

// The sensor-space templates of one contact, restricted to the sensors of the plate.
struct ContactFootprint {
    int first_row = 0, row_count = 0, first_col = 0, col_count = 0;  // window on the plate
    // row_count * col_count * channel_count: the pressure (kPa) each sensor reads per newton
    // of load on the channel; normalised over the whole foot, on the plate or not.
    std::vector<float> kpa_per_newton;
    ChannelValues on_plate_fraction{};  // of each channel's load, the part the plate measures
    ChannelValues edge_fraction{};      // of each channel's load, the part on the outermost rows and columns
    // Of the print's area (the union of the printed channels), the part beyond the plate.
    double off_plate_area_fraction = 0.0;
    bool cut_by_plate_edge = false;  // some of the print's area is beyond the plate
};

// Supersamples each sensor's active area with subsamples x subsamples points. `printed` says
// which channels make up the print for the area and the cut flag.
ContactFootprint make_footprint(const Placement& placement, const FootShape& shape, const FootRaster& raster,
                                const PlateGeometry& plate, int subsamples, const ChannelMask& printed = all_channels);

// Adds a contact's pressure for the given channel loads (N) to a frame (kPa, row-major).
void add_contact_pressure(const ContactFootprint& footprint, const ChannelValues& loads_n, const PlateGeometry& plate,
                          std::vector<float>& pressure_kpa);

}  // namespace plantar::sim::detail
