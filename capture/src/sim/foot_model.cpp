// The parametric foot: where heel, midfoot band, metatarsal heads and toes are, how pressure
// is shaped inside each, and the model's own arch index.
//
// Proportions are fractions of foot length L and forefoot width W, chosen so that the print
// looks like a barefoot print on a pressure plate: an oval heel, a lateral midfoot band whose
// width is the arch, a broad forefoot with five metatarsal-head peaks (MTH2/3 highest), and
// five toes just in front of the forefoot, detached by a gap of a few mm.
#include "foot_model.hpp"

#include <algorithm>
#include <cmath>

namespace plantar::sim {

namespace {

double clamp01(double x) { return std::clamp(x, 0.0, 1.0); }

// Heel and forefoot domes: pressure highest in the middle, not zero at the edge (the skin
// under the edge of the heel pad still carries load).
double dome(double radius2, double edge) { return edge + (1.0 - edge) * (1.0 - radius2); }

}  // namespace

FootParameters FootParameters::of_type(FootType type) {
    FootParameters foot;
    // The arch values put model_arch_index near the middle of each Cavanagh & Rodgers class:
    // high arch ~0.185 (<= 0.21), normal ~0.235, flat ~0.295 (>= 0.26).
    switch (type) {
        case FootType::HighArch: foot.arch = 0.31; break;
        case FootType::Normal: foot.arch = 0.47; break;
        case FootType::Flat: foot.arch = 0.68; break;
    }
    return foot;
}

FootParameters FootParameters::scaled_to_length(double new_length_mm) const {
    FootParameters scaled = *this;
    const double scale = new_length_mm / length_mm;
    scaled.length_mm = new_length_mm;
    scaled.forefoot_width_mm = forefoot_width_mm * scale;
    scaled.heel_width_mm = heel_width_mm * scale;
    return scaled;
}

namespace detail {

FootShape::FootShape(const FootParameters& foot) : length_(foot.length_mm), arch_(clamp01(foot.arch)) {
    const double length = foot.length_mm;
    const double width = foot.forefoot_width_mm;
    heel_ = Ellipse{0.135 * length, 0.0, 0.135 * length, foot.heel_width_mm / 2.0};
    forefoot_ = Ellipse{0.71 * length, 0.0, 0.15 * length, width / 2.0};

    // Toes: each ellipse given by its front (fraction of L), half lengths and centre across.
    struct ToeSpec {
        double front, half_u, half_v, centre_v;
    };
    const std::array<ToeSpec, 5> toe_specs{{
        {1.000, 0.075, 0.13, 0.28},  // hallux: the longest toe in this model, medial
        {0.975, 0.045, 0.07, 0.06},  // second toe: on the foot axis (Cavanagh & Rodgers axis)
        {0.950, 0.033, 0.065, -0.09},
        {0.915, 0.031, 0.060, -0.23},
        {0.875, 0.030, 0.055, -0.36},
    }};
    for (std::size_t i = 0; i < toes_.size(); ++i) {
        const auto& spec = toe_specs[i];
        toes_[i] = Ellipse{(spec.front - spec.half_u) * length, spec.centre_v * width, spec.half_u * length,
                           spec.half_v * width};
    }

    // Metatarsal heads: MTH1 medial and slightly forward, the line running back laterally to
    // MTH5. Peak heights follow the usual barefoot pattern (central heads carry most).
    struct HeadSpec {
        double u, v, peak;
    };
    const std::array<HeadSpec, 5> head_specs{{
        {0.720, 0.30, 0.75},
        {0.740, 0.12, 1.00},
        {0.730, -0.04, 0.90},
        {0.710, -0.19, 0.60},
        {0.680, -0.33, 0.45},
    }};
    const double spread = 0.07 * width;
    for (std::size_t i = 0; i < metatarsal_heads_.size(); ++i) {
        metatarsal_heads_[i] = Ellipse{head_specs[i].u * length, head_specs[i].v * width, spread, spread};
        metatarsal_peak_[i] = head_specs[i].peak;
    }
}

double FootShape::half_width() const {
    double widest = std::max(heel_.half_v, forefoot_.half_v);
    for (const auto& toe : toes_) widest = std::max(widest, std::abs(toe.centre_v) + toe.half_v);
    return widest;
}

bool FootShape::band_at(double u, double& lateral, double& medial) const {
    const double start = heel_.centre_u;
    const double end = forefoot_.centre_u;
    if (u < start || u > end) return false;
    const double along = (u - start) / (end - start);  // 0 at the heel centre, 1 at the forefoot centre
    const double half_full_width = heel_.half_v + along * (forefoot_.half_v - heel_.half_v);
    // The band is `arch` of the full width at the narrowest point of the arch, a little in
    // front of the middle (under the navicular), and widens toward heel and forefoot
    // quadratically, which gives the medial edge its concave curve.
    constexpr double narrowest = 0.55;
    const double from_narrowest =
        along < narrowest ? (narrowest - along) / narrowest : (along - narrowest) / (1.0 - narrowest);
    const double fraction = arch_ + (1.0 - arch_) * from_narrowest * from_narrowest;
    lateral = -half_full_width;
    medial = lateral + fraction * 2.0 * half_full_width;
    return medial > lateral;
}

double FootShape::toeless_contact_width(double u) const {
    std::array<std::pair<double, double>, 3> intervals{};
    std::size_t count = 0;
    for (const Ellipse* ellipse : {&heel_, &forefoot_}) {
        const double du = (u - ellipse->centre_u) / ellipse->half_u;
        if (du * du < 1.0) {
            const double half = ellipse->half_v * std::sqrt(1.0 - du * du);
            intervals[count++] = {ellipse->centre_v - half, ellipse->centre_v + half};
        }
    }
    double lateral = 0.0;
    double medial = 0.0;
    if (band_at(u, lateral, medial)) intervals[count++] = {lateral, medial};
    // At most three intervals: an insertion sort by start (std::sort here trips GCC 12's
    // -Warray-bounds on a fixed-size array).
    for (std::size_t i = 1; i < count; ++i)
        for (std::size_t j = i; j > 0 && intervals[j].first < intervals[j - 1].first; --j)
            std::swap(intervals[j], intervals[j - 1]);
    double width = 0.0;
    double covered_to = -1e300;
    for (std::size_t i = 0; i < count; ++i) {
        const double from = std::max(intervals[i].first, covered_to);
        if (intervals[i].second > from) width += intervals[i].second - from;
        covered_to = std::max(covered_to, intervals[i].second);
    }
    return width;
}

ChannelValues FootShape::densities(double u, double v) const {
    ChannelValues out{};
    const double heel_r2 = heel_.radius2(u, v);
    const double forefoot_r2 = forefoot_.radius2(u, v);
    if (heel_r2 < 1.0) {
        const double pressure = dome(heel_r2, 0.4);
        const double medial = clamp01(0.5 + v / (2.0 * heel_.half_v));
        out[HeelMedial] = pressure * medial;
        out[HeelLateral] = pressure * (1.0 - medial);
    } else if (forefoot_r2 < 1.0) {
        double pressure = 0.6 * dome(forefoot_r2, 0.6);
        for (std::size_t i = 0; i < metatarsal_heads_.size(); ++i)
            pressure += metatarsal_peak_[i] * std::exp(-0.5 * metatarsal_heads_[i].radius2(u, v));
        const double medial = clamp01(0.5 + v / (1.6 * forefoot_.half_v));
        out[ForefootMedial] = pressure * medial;
        out[ForefootLateral] = pressure * (1.0 - medial);
    } else {
        double lateral = 0.0;
        double medial = 0.0;
        if (band_at(u, lateral, medial) && v >= lateral && v <= medial) {
            // Low, even pressure, a little higher toward the lateral border that carries it.
            out[Midfoot] = 0.3 + 0.1 * (medial - v) / std::max(medial - lateral, 1.0);
        }
    }
    const double hallux_r2 = toes_[0].radius2(u, v);
    if (hallux_r2 < 1.0) out[Hallux] = dome(hallux_r2, 0.3);
    for (std::size_t i = 1; i < toes_.size(); ++i) {
        const double toe_r2 = toes_[i].radius2(u, v);
        if (toe_r2 < 1.0) out[LesserToes] += 0.6 * dome(toe_r2, 0.3);
    }
    return out;
}

FootRaster::FootRaster(const FootShape& shape, double cell_mm) {
    const double margin = 2.0 * cell_mm;
    u0_ = -margin;
    v0_ = -shape.half_width() - margin;
    inverse_cell_ = 1.0 / cell_mm;
    cells_u_ = static_cast<std::size_t>(std::ceil((shape.length() + 2.0 * margin) * inverse_cell_));
    cells_v_ = static_cast<std::size_t>(std::ceil(2.0 * (shape.half_width() + margin) * inverse_cell_));
    values_.assign(cells_u_ * cells_v_ * channel_count, 0.0f);
    ChannelValues integral{};
    for (std::size_t iu = 0; iu < cells_u_; ++iu) {
        const double u = u0_ + (static_cast<double>(iu) + 0.5) * cell_mm;
        for (std::size_t iv = 0; iv < cells_v_; ++iv) {
            const double v = v0_ + (static_cast<double>(iv) + 0.5) * cell_mm;
            const ChannelValues density = shape.densities(u, v);
            float* cell = &values_[(iu * cells_v_ + iv) * channel_count];
            for (int k = 0; k < channel_count; ++k) {
                cell[k] = static_cast<float>(density[k]);
                integral[k] += density[k];
            }
        }
    }
    auto share = [](double part, double other) { return part + other > 0.0 ? part / (part + other) : 0.5; };
    medial_share_heel_ = share(integral[HeelMedial], integral[HeelLateral]);
    medial_share_forefoot_ = share(integral[ForefootMedial], integral[ForefootLateral]);
    hallux_share_toes_ = share(integral[Hallux], integral[LesserToes]);
}

std::string foot_validation_error(const FootParameters& foot) {
    auto outside = [](double value, double low, double high) { return !(value >= low && value <= high); };
    if (outside(foot.length_mm, 100.0, 400.0))
        return "foot length must be 100 .. 400 mm (got " + std::to_string(foot.length_mm) + ")";
    if (outside(foot.forefoot_width_mm, 0.2 * foot.length_mm, 0.6 * foot.length_mm))
        return "forefoot width must be 20 .. 60 % of the foot length (got " + std::to_string(foot.forefoot_width_mm) +
               " mm)";
    if (outside(foot.heel_width_mm, 0.3 * foot.forefoot_width_mm, foot.forefoot_width_mm))
        return "heel width must be 30 .. 100 % of the forefoot width (got " + std::to_string(foot.heel_width_mm) +
               " mm)";
    if (outside(foot.arch, 0.0, 1.0)) return "arch must be in [0, 1] (got " + std::to_string(foot.arch) + ")";
    if (outside(foot.pronation, -1.0, 1.0))
        return "pronation must be in [-1, 1] (got " + std::to_string(foot.pronation) + ")";
    return {};
}

}  // namespace detail

double model_arch_index(const FootParameters& foot) {
    // Cavanagh & Rodgers 1987: the toe-less print cut into three equal lengths along the axis;
    // AI = midfoot third / whole. Sampled every <= 0.25 mm along the axis; across the foot
    // the contact width is exact (the union of heel, forefoot and band intervals).
    const detail::FootShape shape(foot);
    const double toeless = shape.toeless_length();
    const int per_third = static_cast<int>(std::ceil(toeless / 3.0 / 0.25));
    const double step = toeless / (3.0 * per_third);
    std::array<double, 3> third_area{};
    for (int third = 0; third < 3; ++third)
        for (int i = 0; i < per_third; ++i) {
            const double u = (third * per_third + i + 0.5) * step;
            third_area[static_cast<std::size_t>(third)] += shape.toeless_contact_width(u) * step;
        }
    const double total = third_area[0] + third_area[1] + third_area[2];
    return total > 0.0 ? third_area[1] / total : 0.0;
}

}  // namespace plantar::sim
