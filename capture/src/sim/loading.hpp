// How a foot is loaded over time: the vertical force of a walking step (the double hump) or
// of standing (body weight shared with the other foot, with postural sway), and how that force
// is spread over the regions of the foot as it rolls over.
#pragma once

#include "foot_model.hpp"
#include "random.hpp"

namespace plantar::sim::detail {

inline constexpr double standard_gravity = 9.81;  // m/s^2

// The natural medial share of each split region (from the foot's templates), so that a bias
// moves load relative to the unbiased foot.
struct RegionBalance {
    double heel_medial = 0.5;
    double forefoot_medial = 0.5;
    double toes_hallux = 0.5;
};

// The vertical force of one walking step against stance fraction s in [0, 1], in body
// weights: a sin(pi s) + b sin(3 pi s). With a = 1.2 and b = 0.45 this is the familiar double
// hump: zero at heel strike and toe-off, ~1.17 BW at ~24 % and ~76 % of stance, 0.75 BW at
// midstance. Each step varies a and b by a few percent.
struct GaitShape {
    double first_harmonic = 1.2;
    double third_harmonic = 0.45;
    double force_fraction(double stance_fraction) const;
};

// The channels a foot ever loads, walking or standing: all of them, a toe-walker's only
// forefoot and toes.
ChannelMask printed_channels(const FootParameters& foot);

// The load (N) on every channel of one walking foot at stance fraction s.
ChannelValues gait_channel_loads(double stance_fraction, double body_weight_n, const GaitShape& shape,
                                 const FootParameters& foot, const RegionBalance& balance);

// The slow random signals of quiet standing, shared by both feet (the body sways as one).
struct StandingSway {
    BandLimitedSignal anterior_posterior;  // moves load between heels and forefeet
    BandLimitedSignal medial_lateral;      // moves load between the feet and across each foot
    BandLimitedSignal asymmetry;           // the slowly varying left/right preference
    explicit StandingSway(Random& random);
    // The share of body weight on the left foot at a time.
    double left_share(double time_s) const;
};

// The load (N) on every channel of one standing foot at a time.
ChannelValues standing_channel_loads(double time_s, Side side, double body_weight_n, const StandingSway& sway,
                                     const FootParameters& foot, const RegionBalance& balance);

}  // namespace plantar::sim::detail
