// The parametric foot of the simulated plate, in foot coordinates: u along the foot axis from
// the back of the heel (0) to the tip of the longest toe (length), v across the foot with the
// medial side positive. Left and right feet share these coordinates; the placement on the
// plate mirrors them (see footprint.hpp).
#pragma once

#include <array>
#include <cstddef>
#include <vector>

#include "plantar/capture/sim/simulated_plate.hpp"

namespace plantar::sim::detail {

// The spatial pressure templates a contact is made of. Each region that the roll-over loads
// at its own time has a template; heel and forefoot are split into a medial and a lateral
// part so that the loading can move the centre of pressure across the foot (pronation).
enum Channel : int { HeelMedial, HeelLateral, Midfoot, ForefootMedial, ForefootLateral, Hallux, LesserToes };
inline constexpr int channel_count = 7;
using ChannelValues = std::array<double, channel_count>;
// A set of channels, such as those that make up a print (the ones a contact ever loads).
using ChannelMask = std::array<bool, channel_count>;
inline constexpr ChannelMask all_channels{true, true, true, true, true, true, true};

struct Ellipse {
    double centre_u = 0.0;
    double centre_v = 0.0;
    double half_u = 1.0;
    double half_v = 1.0;
    // Squared normalised radius: < 1 inside.
    double radius2(double u, double v) const {
        const double du = (u - centre_u) / half_u;
        const double dv = (v - centre_v) / half_v;
        return du * du + dv * dv;
    }
};

// The geometry of one foot derived from FootParameters: heel and forefoot ellipses, the
// lateral midfoot band, five metatarsal heads and five toes.
class FootShape {
public:
    explicit FootShape(const FootParameters& foot);

    double length() const { return length_; }
    double heel_centre_u() const { return heel_.centre_u; }
    // From the back of the heel to the front of the print without toes (the arch-index length).
    double toeless_length() const { return forefoot_.centre_u + forefoot_.half_u; }
    // Largest |v| any part of the foot reaches.
    double half_width() const;

    // Contact of the print without toes, as a union of intervals across the foot at u; the
    // summed length of that union (mm).
    double toeless_contact_width(double u) const;

    // The relative pressure of every channel at a point; all zero outside the contact shape.
    ChannelValues densities(double u, double v) const;

private:
    // The lateral midfoot band at u: [lateral edge, medial edge] across the foot.
    bool band_at(double u, double& lateral, double& medial) const;

    double length_;
    double arch_;
    Ellipse heel_;
    Ellipse forefoot_;
    std::array<Ellipse, 5> toes_;              // hallux first, then toes 2..5 (lateral)
    std::array<Ellipse, 5> metatarsal_heads_;  // MTH1 (medial) .. MTH5; half axes are the peak spreads
    std::array<double, 5> metatarsal_peak_;
};

// The channel densities of a foot sampled once on a fine grid in foot coordinates, so that
// placing a contact on the plate is a table lookup per sub-sample, not a shape evaluation.
class FootRaster {
public:
    FootRaster(const FootShape& shape, double cell_mm);

    // The channel densities at (u, v), nearest cell; nullptr outside the raster (no contact).
    const float* at(double u, double v) const {
        const double fu = (u - u0_) * inverse_cell_;
        const double fv = (v - v0_) * inverse_cell_;
        if (!(fu >= 0.0) || !(fv >= 0.0)) return nullptr;
        const auto iu = static_cast<std::size_t>(fu);
        const auto iv = static_cast<std::size_t>(fv);
        if (iu >= cells_u_ || iv >= cells_v_) return nullptr;
        return &values_[(iu * cells_v_ + iv) * channel_count];
    }

    // Medial share of each region's load when nothing biases it: the template integrals.
    double natural_medial_share_heel() const { return medial_share_heel_; }
    double natural_medial_share_forefoot() const { return medial_share_forefoot_; }
    double natural_hallux_share_toes() const { return hallux_share_toes_; }

private:
    double u0_;
    double v0_;
    double inverse_cell_;
    std::size_t cells_u_;
    std::size_t cells_v_;
    std::vector<float> values_;  // cells_u x cells_v x channel_count
    double medial_share_heel_ = 0.5;
    double medial_share_forefoot_ = 0.5;
    double hallux_share_toes_ = 0.5;
};

// Empty when the foot can be simulated, else what is wrong.
std::string foot_validation_error(const FootParameters& foot);

}  // namespace plantar::sim::detail
