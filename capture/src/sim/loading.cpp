// Force-time curves and roll-over. The numbers are chosen to reproduce textbook barefoot
// walking and standing (vertical GRF double hump; heel ~57 % / forefoot ~43 % in standing);
// they are a model for testing the analysis, not a claim about any one person.
#include "loading.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace plantar::sim::detail {

namespace {

double smoothstep(double edge0, double edge1, double x) {
    const double t = std::clamp((x - edge0) / (edge1 - edge0), 0.0, 1.0);
    return t * t * (3.0 - 2.0 * t);
}

// A flatter foot puts its midfoot on the ground and so carries more load there.
double midfoot_load_scale(const FootParameters& foot) { return (0.25 + foot.arch) / 0.7; }

// Region loads (N) and medial biases (shifts of the medial share) to channel loads.
struct RegionLoads {
    double heel = 0.0, midfoot = 0.0, forefoot = 0.0, toes = 0.0;
    double heel_bias = 0.0, forefoot_bias = 0.0, toes_bias = 0.0;
};

ChannelValues to_channels(const RegionLoads& loads, const RegionBalance& balance) {
    auto share = [](double natural, double bias) { return std::clamp(natural + bias, 0.03, 0.97); };
    const double heel_medial = share(balance.heel_medial, loads.heel_bias);
    const double forefoot_medial = share(balance.forefoot_medial, loads.forefoot_bias);
    const double hallux = share(balance.toes_hallux, loads.toes_bias);
    ChannelValues channels{};
    channels[HeelMedial] = loads.heel * heel_medial;
    channels[HeelLateral] = loads.heel * (1.0 - heel_medial);
    channels[Midfoot] = loads.midfoot;
    channels[ForefootMedial] = loads.forefoot * forefoot_medial;
    channels[ForefootLateral] = loads.forefoot * (1.0 - forefoot_medial);
    channels[Hallux] = loads.toes * hallux;
    channels[LesserToes] = loads.toes * (1.0 - hallux);
    return channels;
}

}  // namespace

double GaitShape::force_fraction(double stance_fraction) const {
    if (stance_fraction <= 0.0 || stance_fraction >= 1.0) return 0.0;
    const double angle = std::numbers::pi * stance_fraction;
    return std::max(0.0, first_harmonic * std::sin(angle) + third_harmonic * std::sin(3.0 * angle));
}

ChannelMask printed_channels(const FootParameters& foot) {
    if (!foot.toe_walker) return all_channels;
    ChannelMask mask{};
    for (int k : {ForefootMedial, ForefootLateral, Hallux, LesserToes}) mask[static_cast<std::size_t>(k)] = true;
    return mask;
}

ChannelValues gait_channel_loads(double s, double body_weight_n, const GaitShape& shape, const FootParameters& foot,
                                 const RegionBalance& balance) {
    const double force = body_weight_n * shape.force_fraction(s);
    if (force <= 0.0) return ChannelValues{};
    // Roll-over as relative activations: heel strike loads the heel alone; midfoot and
    // forefoot come in during loading response; heel-off from ~35 % to ~60 % of stance; the
    // toes take over at push-off, so the step ends on hallux and toes.
    // A toe-walker lands on the forefoot and stays on it: no heel, no midfoot, the forefoot
    // loaded from the first instant and the toes joining a little earlier than in a heel walker.
    const bool toes_only = foot.toe_walker;
    const double pronation = foot.pronation;
    const double heel = toes_only ? 0.0 : 1.0 - smoothstep(0.30, 0.62, s);
    // A supinated foot rolls along its lateral column: more load on the lateral midfoot band.
    const double midfoot = toes_only ? 0.0
                                     : 0.2 * midfoot_load_scale(foot) * (1.0 + 2.0 * std::max(0.0, -pronation)) *
                                           smoothstep(0.04, 0.20, s) * (1.0 - smoothstep(0.45, 0.75, s));
    // Push-off: the forefoot unloads in the last fifth of stance while the toes, mostly the
    // hallux, take over, so the last loaded frames' COP lies under the hallux as on real feet.
    const double forefoot =
        (toes_only ? 1.0 : smoothstep(0.06, 0.35, s)) * (1.0 - 0.92 * smoothstep(0.80, 1.0, s));
    const double toes = (toes_only ? 0.15 : 0.08 * smoothstep(0.30, 0.60, s)) + 1.2 * smoothstep(0.72, 1.0, s);
    const double total = heel + midfoot + forefoot + toes;

    RegionLoads loads;
    loads.heel = force * heel / total;
    loads.midfoot = force * midfoot / total;
    loads.forefoot = force * forefoot / total;
    loads.toes = force * toes / total;
    // Neutral path: strike under the heel centre, then a little lateral of the axis along the
    // lateral midfoot and the lateral forefoot (MTH5 contacts early), then across the
    // metatarsal heads to the medial side and off under the hallux. Pronation (rearfoot
    // eversion) is small at strike and grows through loading response to midstance, so it
    // moves the middle of the path across the foot (heel and forefoot, medially for > 0) while
    // the path's ends, which make the CPEI construction line, stay nearly put. With these
    // numbers the CPEI of the simulated walk is ~21.5 % at 0 and moves by ~10 points per unit of
    // pronation (docs/simulator.md has the measured table).
    loads.heel_bias = -0.05 * smoothstep(0.06, 0.30, s) + pronation * (0.02 + 0.45 * smoothstep(0.06, 0.30, s));
    loads.forefoot_bias = -0.18 * (1.0 - smoothstep(0.45, 0.85, s)) + 0.12 * smoothstep(0.70, 0.95, s) +
                          0.50 * pronation * smoothstep(0.08, 0.35, s);
    // Toe-off: mostly the hallux (the share is clamped at 0.97).
    loads.toes_bias = 0.10 + 0.25 * smoothstep(0.80, 1.0, s);
    return to_channels(loads, balance);
}

StandingSway::StandingSway(Random& random)
    : anterior_posterior(random, 0.1, 0.6), medial_lateral(random, 0.1, 0.6), asymmetry(random, 0.01, 0.05) {}

double StandingSway::left_share(double time_s) const {
    return 0.5 + 0.006 * asymmetry.at(time_s) + 0.004 * medial_lateral.at(time_s);
}

ChannelValues standing_channel_loads(double time_s, Side side, double body_weight_n, const StandingSway& sway,
                                     const FootParameters& foot, const RegionBalance& balance) {
    const double left = sway.left_share(time_s);
    const double force = body_weight_n * (side == Side::Left ? left : 1.0 - left);
    RegionLoads loads;
    // Heel ~57 % of the foot's load, the rest on midfoot, forefoot and toes; sway moves a few
    // percent between heel and forefoot, which moves the COP a few mm.
    // A toe-walker stands on tiptoe: forefoot and toes carry everything.
    const bool toes_only = foot.toe_walker;
    const double heel_share = toes_only ? 0.0 : 0.58 + 0.012 * sway.anterior_posterior.at(time_s);
    const double midfoot_share = toes_only ? 0.0 : 0.09 * midfoot_load_scale(foot);
    const double toes_share = toes_only ? 0.15 : 0.02;
    loads.heel = force * heel_share;
    loads.midfoot = force * midfoot_share;
    loads.toes = force * toes_share;
    loads.forefoot = force * (1.0 - heel_share - midfoot_share - toes_share);
    // Swaying toward the left foot (left share up, toward -x) moves each foot's load toward
    // -x: laterally in the left foot, medially in the right.
    const double across = 0.04 * sway.medial_lateral.at(time_s) * (side == Side::Left ? -1.0 : 1.0);
    // A lateral bias of the standing foot keeps each foot's COP over the lateral midfoot band
    // of a normal arch instead of on the edge of the arch (a modelling choice: real standing
    // COPs lie near the foot axis, which for a normal arch runs along that edge).
    loads.heel_bias = across - 0.15 + 0.10 * foot.pronation;
    loads.forefoot_bias = across - 0.15 + 0.20 * foot.pronation;
    loads.toes_bias = 0.3 + 0.08 * foot.pronation;  // standing toes: mostly the hallux
    return to_channels(loads, balance);
}

}  // namespace plantar::sim::detail
